// The accounts list: filters by kind, region, status and owner; sortable columns; opens the dossier.
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AccountFilter, AccountKind, AccountRow, AccountStatus } from "../api/client";
import { NO_ACCOUNT_FILTER, useAccounts, useFacets } from "../api/queries";
import { DataTable } from "../components/DataTable";
import { EmptyState, StatusChip, useLang } from "../components/ui";
import { formatDate } from "../lib/format";
import { navigate } from "../lib/router";
import { useNewShortcut } from "../lib/shortcuts";
import { AccountForm } from "./AccountForm";

const KINDS: AccountKind[] = ["hospital", "pharmacy_chain", "pharmacy", "distributor", "health_authority", "other"];
const STATUSES: AccountStatus[] = ["key", "potential", "ordinary"];
const col = createColumnHelper<AccountRow>();

export function AccountsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState<AccountFilter>(NO_ACCOUNT_FILTER);
  const [creating, setCreating] = useState(false);
  useNewShortcut(() => setCreating(true));
  const accounts = useAccounts(filter);
  const facets = useFacets().data;
  const filtered = Object.values(filter).some((v) => v !== null && v !== "");
  const set = (patch: Partial<AccountFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const columns = useMemo(
    () => [
      col.accessor("name", {
        header: t("accounts.columns.name"),
        size: 240,
        cell: (c) => (
          <span>
            {c.getValue()}
            {c.row.original.parent_name && <span className="faint small"> · {c.row.original.parent_name}</span>}
          </span>
        ),
      }),
      col.accessor((r) => t(`kind.${r.kind}`), { id: "kind", header: t("accounts.columns.kind"), size: 125 }),
      col.accessor("region", { header: t("accounts.columns.region"), size: 100 }),
      col.accessor("owner", { header: t("accounts.columns.owner"), size: 110 }),
      col.accessor("status", {
        header: t("accounts.columns.status"),
        size: 85,
        sortingFn: (a, b) => STATUSES.indexOf(a.original.status) - STATUSES.indexOf(b.original.status),
        cell: (c) => <StatusChip status={c.getValue()} short />,
      }),
      col.accessor("criteria_met", {
        header: t("accounts.columns.criteria"),
        size: 65,
        meta: { numeric: true },
        cell: (c) => `${c.getValue()}/4`,
      }),
      col.accessor("decision_group_size", { header: t("accounts.columns.group"), size: 60, meta: { numeric: true } }),
      col.accessor("open_tasks", { header: t("accounts.columns.tasks"), size: 55, meta: { numeric: true } }),
      col.accessor("last_interaction", {
        header: t("accounts.columns.lastContact"),
        size: 98,
        meta: { numeric: true },
        cell: (c) => formatDate(c.getValue(), lang),
      }),
      col.accessor("renegotiation_date", {
        header: t("accounts.columns.renegotiation"),
        size: 98,
        meta: { numeric: true },
        cell: (c) => formatDate(c.getValue(), lang),
      }),
    ],
    [t, lang],
  );

  const rows = accounts.data ?? [];
  return (
    <div className="page" data-testid="accounts-page">
      <div className="page-header">
        <h1>{t("accounts.title")}</h1>
        {accounts.data && <span className="muted">{t("accounts.count", { count: rows.length })}</span>}
        <span className="spacer" />
        <button type="button" className="btn primary" onClick={() => setCreating(true)} data-testid="new-account">
          + {t("accounts.new")} <kbd>N</kbd>
        </button>
      </div>
      <div className="toolbar" role="search">
        <input
          type="search"
          aria-label={t("accounts.searchPlaceholder")}
          placeholder={t("accounts.searchPlaceholder")}
          value={filter.text ?? ""}
          onChange={(e) => set({ text: e.target.value || null })}
        />
        <select aria-label={t("accounts.columns.kind")} value={filter.kind ?? ""} onChange={(e) => set({ kind: (e.target.value || null) as AccountKind | null })}>
          <option value="">{t("accounts.columns.kind")}: {t("common.all")}</option>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kind.${k}`)}
            </option>
          ))}
        </select>
        <select aria-label={t("accounts.columns.region")} value={filter.region ?? ""} onChange={(e) => set({ region: e.target.value || null })}>
          <option value="">{t("accounts.columns.region")}: {t("common.all")}</option>
          {facets?.regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <select aria-label={t("accounts.columns.status")} value={filter.status ?? ""} onChange={(e) => set({ status: (e.target.value || null) as AccountStatus | null })}>
          <option value="">{t("accounts.columns.status")}: {t("common.all")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <select aria-label={t("accounts.columns.owner")} value={filter.owner ?? ""} onChange={(e) => set({ owner: e.target.value || null })}>
          <option value="">{t("accounts.columns.owner")}: {t("common.all")}</option>
          {facets?.owners.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        {filtered && (
          <button type="button" className="btn ghost" onClick={() => setFilter(NO_ACCOUNT_FILTER)}>
            {t("common.clearFilters")}
          </button>
        )}
      </div>
      {accounts.data && rows.length === 0 ? (
        filtered ? (
          <EmptyState hint={t("accounts.noMatch")} />
        ) : (
          <EmptyState
            testId="accounts-empty"
            title={t("accounts.emptyTitle")}
            hint={t("accounts.emptyHint")}
            action={
              <button type="button" className="btn primary" onClick={() => setCreating(true)}>
                + {t("accounts.new")}
              </button>
            }
          />
        )
      ) : (
        <DataTable
          testId="accounts-table"
          rows={rows}
          columns={columns}
          onOpen={(r) => navigate({ page: "account", id: r.id, tab: "overview" })}
        />
      )}
      {creating && (
        <AccountForm
          onClose={() => setCreating(false)}
          onSaved={(a) => navigate({ page: "account", id: a.id, tab: "overview" })}
        />
      )}
    </div>
  );
}
