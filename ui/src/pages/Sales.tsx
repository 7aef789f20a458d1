// The Sales area: the dashboard (sales by month, account, SKU and region; Pareto/ABC with the key accounts' share
// and the mono-dependence warning; growth against last year; plan against actual), the import history with undo,
// matching reported names to accounts and SKUs, purchase forecasts per chain and SKU, and the SKU catalogue.
// Every figure comes from the core; this page only lays them out. Any table exports to Excel.
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  type AccountShare,
  type Dashboard,
  type ReceivableRow,
  type ExportCell,
  type ReportedKind,
  type ReportedValue,
  type SalesFilter,
  type Sku,
  type SkuInput,
} from "../api/client";
import { useAccountOptions, useForecasts, useImports, useReported, useSalesDashboard, useSkuOptions, useSkus } from "../api/queries";
import { Chart, type Series } from "../components/Charts";
import { DataTable } from "../components/DataTable";
import { Combobox, Confirm, EmptyState, Field, FormModal, StatusChip, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatGrowth, formatMoney, formatMoneyWhole, formatMonth, formatNumber, formatPercent, inputToMinor, moneyToInput, type Lang } from "../lib/format";
import { href } from "../lib/router";
import { localError, useSubmit } from "../lib/useSubmit";
import { ImportButton } from "./ImportDialog";
import { PriceListButton } from "./PriceListDialog";

const TABS = ["overview", "imports", "matching", "forecast", "products"] as const;
const CURRENCY = "EUR";

export function SalesPage(props: { tab?: string }) {
  const { t } = useTranslation();
  const tab = (TABS as readonly string[]).includes(props.tab ?? "") ? props.tab! : "overview";
  return (
    <div className="page" data-testid="sales-page">
      <div className="page-header">
        <h1>{t("sales.title")}</h1>
        <span className="spacer" />
        <ImportButton primary />
      </div>
      <nav className="tabs" aria-label={t("sales.title")}>
        {TABS.map((name) => (
          <a
            key={name}
            href={href({ page: "sales", tab: name })}
            className={`tab${tab === name ? " active" : ""}`}
            aria-current={tab === name ? "page" : undefined}
            data-testid={`sales-tab-${name}`}
          >
            {t(`sales.tabs.${name}`)}
          </a>
        ))}
      </nav>
      {tab === "overview" && <Overview />}
      {tab === "imports" && <Imports />}
      {tab === "matching" && <Matching />}
      {tab === "forecast" && <Forecast />}
      {tab === "products" && <Products />}
    </div>
  );
}

// ---------- Shared pieces ----------

/** Sends what a table shows to an Excel file the user picks. */
export function ExportButton(props: { title: string; columns: string[]; rows: ExportCell[][] }) {
  const { t } = useTranslation();
  const toast = useToast();
  return (
    <button
      type="button"
      className="btn small"
      disabled={props.rows.length === 0}
      onClick={async () => {
        try {
          const path = await api.exportXlsx({ title: props.title, columns: props.columns, rows: props.rows });
          if (path) toast(t("sales.exported", { path }));
        } catch (e) {
          toast(errorMessage(e), true);
        }
      }}
    >
      {t("sales.exportXlsx")}
    </button>
  );
}

function Kpi(props: { label: string; value: string; sub?: string; tone?: "warn" | "ok" | "bad"; testId?: string }) {
  return (
    <div className={`kpi${props.tone ? ` ${props.tone}` : ""}`} data-testid={props.testId}>
      <span className="muted small">{props.label}</span>
      <strong>{props.value}</strong>
      {props.sub && <span className="small">{props.sub}</span>}
    </div>
  );
}

function growthTone(g: number | null): "ok" | "bad" | undefined {
  if (g === null) return undefined;
  return g >= 0 ? "ok" : "bad";
}

/** The monthly bars (this period against the same months a year earlier, and the plan). */
export function MonthChart({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const labels = useMemo(() => d.months.map((m) => formatMonth(m.month, lang)), [d, lang]);
  const series = useMemo(() => {
    const s: Series[] = [
      { name: t("sales.thisPeriod"), kind: "bar", values: d.months.map((m) => m.amount_minor / 100) },
      { name: t("sales.lastYear"), kind: "bar", values: d.months.map((m) => m.previous_minor / 100) },
    ];
    if (d.months.some((m) => m.plan_minor !== null)) {
      s.push({ name: t("sales.plan"), kind: "line", values: d.months.map((m) => (m.plan_minor === null ? null : m.plan_minor / 100)) });
    }
    return s;
  }, [d, t]);
  const format = useMemo(() => (v: number) => formatMoneyWhole(Math.round(v * 100), CURRENCY, lang), [lang]);
  return <Chart labels={labels} series={series} format={format} ariaLabel={t("sales.byMonth")} testId="month-chart" />;
}

// ---------- Overview ----------

function Overview() {
  const { t } = useTranslation();
  const lang = useLang();
  const [filter, setFilter] = useState<SalesFilter>({ from: null, to: null, region: null, account_id: null, sku_id: null });
  const dashboard = useSalesDashboard(filter);
  const skuOptions = useSkuOptions();
  const d = dashboard.data;
  if (!d) return <div className="muted">{t("common.loading")}</div>;
  if (d.lines === 0 && !filter.from && !filter.to && !filter.region && !filter.sku_id) {
    return (
      <section className="panel">
        <EmptyState title={t("sales.emptyTitle")} hint={t("sales.emptyHint")} action={<ImportButton primary />} testId="sales-empty" />
      </section>
    );
  }
  const monthValue = (iso: string | null) => (iso ? iso.slice(0, 7) : "");
  return (
    <div className="sales-overview" data-testid="sales-overview">
      <div className="filter-bar">
        <label className="field compact">
          <span className="label">{t("sales.from")}</span>
          <input type="month" value={monthValue(filter.from) || d.from || ""} onChange={(e) => setFilter({ ...filter, from: e.target.value ? `${e.target.value}-01` : null })} />
        </label>
        <label className="field compact">
          <span className="label">{t("sales.to")}</span>
          <input type="month" value={monthValue(filter.to) || d.to || ""} onChange={(e) => setFilter({ ...filter, to: e.target.value ? `${e.target.value}-01` : null })} />
        </label>
        <label className="field compact">
          <span className="label">{t("sales.region")}</span>
          <select value={filter.region ?? ""} onChange={(e) => setFilter({ ...filter, region: e.target.value || null })}>
            <option value="">{t("common.all")}</option>
            {d.regions
              .filter((r) => r.name)
              .map((r) => (
                <option key={r.name}>{r.name}</option>
              ))}
          </select>
        </label>
        <label className="field compact wide">
          <span className="label">{t("sales.sku")}</span>
          <Combobox options={skuOptions} value={filter.sku_id} onChange={(v) => setFilter({ ...filter, sku_id: v })} allowClear clearLabel={t("common.all")} placeholder={t("common.all")} />
        </label>
      </div>

      <div className="kpis">
        <Kpi label={t("sales.total", { from: formatMonth(d.from ?? "", lang), to: formatMonth(d.to ?? "", lang) })} value={formatMoneyWhole(d.total_minor, CURRENCY, lang)} sub={t("sales.packs", { n: formatNumber(d.quantity, lang) })} testId="kpi-total" />
        <Kpi label={t("sales.vsLastYear")} value={d.growth === null ? "—" : formatGrowth(d.growth, lang)} sub={t("sales.lastYearWas", { amount: formatMoneyWhole(d.previous_minor, CURRENCY, lang) })} tone={growthTone(d.growth)} />
        <Kpi
          label={t("sales.planFulfilment")}
          value={d.plan_fulfilment === null ? "—" : formatPercent(d.plan_fulfilment, lang)}
          sub={d.plan_minor ? t("sales.planWas", { amount: formatMoneyWhole(d.plan_minor, CURRENCY, lang) }) : t("sales.noPlan")}
        />
        <Kpi
          label={t("sales.keyShare")}
          value={formatPercent(d.pareto.key_share, lang)}
          sub={d.pareto.mono_dependence ? t("sales.monoDependence") : t("sales.keyAccounts", { count: d.pareto.key_accounts })}
          tone={d.pareto.mono_dependence ? "warn" : undefined}
          testId="kpi-key-share"
        />
        <Kpi
          label={t("sales.pareto")}
          value={t("sales.paretoValue", { n: d.pareto.accounts_for_80, total: d.pareto.accounts })}
          sub={t("sales.paretoSub", { share: formatPercent(d.pareto.share_of_accounts_for_80, lang) })}
        />
        <ReceivablesKpi rows={d.receivables} />
        {d.unmatched_minor !== 0 && (
          <Kpi label={t("sales.unmatched")} value={formatMoneyWhole(d.unmatched_minor, CURRENCY, lang)} sub={t("sales.unmatchedSub")} tone="warn" />
        )}
      </div>
      {d.pareto.mono_dependence && (
        <div className="alert warn" role="alert" data-testid="mono-warning">
          {t("sales.monoWarning", { share: formatPercent(d.pareto.key_share, lang) })}
        </div>
      )}

      <div className="grid-2">
        <section className="panel">
          <header>
            <h2>{t("sales.byMonth")}</h2>
          </header>
          <MonthChart d={d} />
        </section>
        <section className="panel">
          <header>
            <h2>{t("sales.paretoTitle")}</h2>
          </header>
          <ParetoChart accounts={d.accounts} lang={lang} />
        </section>
      </div>

      <AccountsTable d={d} />
      {d.receivables.length > 0 && <ReceivablesTable rows={d.receivables} testId="receivables-table" />}
      <div className="grid-2">
        <NamedTable title={t("sales.bySku")} rows={d.skus} lang={lang} testId="sku-table" />
        <NamedTable title={t("sales.byRegion")} rows={d.regions} lang={lang} testId="region-table" />
      </div>
    </div>
  );
}

function ParetoChart({ accounts, lang }: { accounts: AccountShare[]; lang: Lang }) {
  const { t } = useTranslation();
  const top = accounts.slice(0, 30);
  const labels = useMemo(() => top.map((a) => a.name), [top]);
  const series = useMemo(
    () => [
      { name: t("sales.sales"), kind: "bar" as const, values: top.map((a) => a.amount_minor / 100) },
      { name: t("sales.cumulative"), kind: "line" as const, values: top.map((a) => a.cumulative), right: true },
    ],
    [top, t],
  );
  const format = useMemo(() => (v: number) => formatMoneyWhole(Math.round(v * 100), CURRENCY, lang), [lang]);
  const formatRight = useMemo(() => (v: number) => formatPercent(v, lang), [lang]);
  return <Chart labels={labels} series={series} format={format} formatRight={formatRight} ariaLabel={t("sales.paretoTitle")} testId="pareto-chart" />;
}

const accountColumn = createColumnHelper<AccountShare>();

function AccountsTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns = useMemo(
    () => [
      accountColumn.accessor("name", {
        header: t("sales.account"),
        size: 260,
        cell: (c) =>
          c.row.original.account ? (
            <a href={href({ page: "account", id: c.row.original.account.id, tab: "sales" })} onClick={(e) => e.stopPropagation()}>
              {c.getValue()}
            </a>
          ) : (
            <span title={t("sales.notMatched")}>
              {c.getValue()} <span className="chip warn">{t("sales.notMatchedShort")}</span>
            </span>
          ),
      }),
      accountColumn.accessor("status", { header: t("sales.status"), size: 90, cell: (c) => (c.getValue() ? <StatusChip status={c.getValue()!} short /> : "") }),
      accountColumn.accessor("class", { header: t("sales.class"), size: 50, cell: (c) => <span className={`abc abc-${c.getValue()}`}>{c.getValue()}</span> }),
      accountColumn.accessor("amount_minor", { header: t("sales.sales"), size: 120, meta: { numeric: true }, cell: (c) => formatMoneyWhole(c.getValue(), CURRENCY, lang) }),
      accountColumn.accessor("share", { header: t("sales.share"), size: 70, meta: { numeric: true }, cell: (c) => formatPercent(c.getValue(), lang, 1) }),
      accountColumn.accessor("cumulative", { header: t("sales.cumulative"), size: 80, meta: { numeric: true }, cell: (c) => formatPercent(c.getValue(), lang, 1) }),
      accountColumn.accessor("growth", {
        header: t("sales.vsLastYearShort"),
        size: 80,
        meta: { numeric: true },
        cell: (c) => formatGrowth(c.getValue(), lang),
      }),
      accountColumn.accessor("plan_fulfilment", {
        header: t("sales.planShort"),
        size: 80,
        meta: { numeric: true },
        cell: (c) => formatPercent(c.getValue(), lang),
      }),
    ],
    [t, lang],
  );
  const rows: ExportCell[][] = d.accounts.map((a) => [a.name, a.status ?? "", a.class, a.amount_minor / 100, a.share, a.cumulative, a.previous_minor / 100, a.plan_minor === null ? null : a.plan_minor / 100]);
  return (
    <section className="panel">
      <header>
        <h2>{t("sales.byAccount")}</h2>
        <span className="spacer" />
        <ExportButton
          title={t("sales.byAccount")}
          columns={[t("sales.account"), t("sales.status"), t("sales.class"), t("sales.sales"), t("sales.share"), t("sales.cumulative"), t("sales.lastYear"), t("sales.plan")]}
          rows={rows}
        />
      </header>
      <div className="table-box">
        <DataTable
          rows={d.accounts}
          columns={columns}
          onOpen={(a) => {
            if (a.account) window.location.hash = href({ page: "account", id: a.account.id, tab: "sales" });
          }}
          testId="account-table"
        />
      </div>
    </section>
  );
}

function NamedTable(props: { title: string; rows: Dashboard["skus"]; lang: Lang; testId?: string }) {
  const { t } = useTranslation();
  const { lang } = props;
  return (
    <section className="panel">
      <header>
        <h2>{props.title}</h2>
        <span className="spacer" />
        <ExportButton
          title={props.title}
          columns={[t("sales.name"), t("sales.sales"), t("sales.quantity"), t("sales.share"), t("sales.lastYear")]}
          rows={props.rows.map((r) => [r.name || t("sales.unknown"), r.amount_minor / 100, r.quantity, r.share, r.previous_minor / 100])}
        />
      </header>
      <div className="table-wrap static short">
        <table className="data" data-testid={props.testId}>
          <thead>
            <tr>
              <th>{t("sales.name")}</th>
              <th className="num">{t("sales.sales")}</th>
              <th className="num">{t("sales.quantity")}</th>
              <th className="num">{t("sales.share")}</th>
              <th className="num">{t("sales.vsLastYearShort")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.slice(0, 100).map((r, i) => (
              <tr key={`${r.id}-${r.name}-${i}`}>
                <td className="ellipsis">{r.name || <span className="muted">{t("sales.unknown")}</span>}</td>
                <td className="num">{formatMoneyWhole(r.amount_minor, CURRENCY, lang)}</td>
                <td className="num">{formatNumber(r.quantity, lang)}</td>
                <td className="num">{formatPercent(r.share, lang, 1)}</td>
                <td className="num">{formatGrowth(r.growth, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** The overdue total, when receivables are imported. */
function ReceivablesKpi({ rows }: { rows: ReceivableRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (rows.length === 0) return null;
  const overdue = rows.reduce((sum, r) => sum + r.overdue_minor, 0);
  const open = rows.reduce((sum, r) => sum + r.open_minor, 0);
  const oldest = Math.max(0, ...rows.map((r) => r.oldest_days ?? 0));
  return (
    <Kpi
      label={t("receivables.overdueKpi")}
      value={formatMoneyWhole(overdue, CURRENCY, lang)}
      sub={t(overdue > 0 ? "receivables.kpiSub" : "receivables.kpiSubNone", { open: formatMoneyWhole(open, CURRENCY, lang), days: oldest })}
      tone={overdue > 0 ? "warn" : undefined}
      testId="kpi-overdue"
    />
  );
}

/** Open and overdue receivables per account, from each sender's latest receivables report. */
function ReceivablesTable(props: { rows: ReceivableRow[]; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const title = t("receivables.title");
  return (
    <section className="panel">
      <header>
        <h2>{title}</h2>
        <span className="muted small">{t("receivables.hint")}</span>
        <span className="spacer" />
        <ExportButton
          title={title}
          columns={[t("sales.account"), t("receivables.open"), t("receivables.overdue"), t("receivables.oldest"), t("receivables.limit"), t("receivables.asOf"), t("sales.source")]}
          rows={props.rows.map((r) => [r.name, r.open_minor / 100, r.overdue_minor / 100, r.oldest_days, r.credit_limit_minor === null ? null : r.credit_limit_minor / 100, r.as_of, r.sources.join(", ")])}
        />
      </header>
      <div className="table-wrap static short">
        <table className="data" data-testid={props.testId}>
          <thead>
            <tr>
              <th style={{ width: "34%" }}>{t("sales.account")}</th>
              <th className="num">{t("receivables.open")}</th>
              <th className="num">{t("receivables.overdue")}</th>
              <th className="num">{t("receivables.oldest")}</th>
              <th className="num">{t("receivables.limit")}</th>
              <th>{t("receivables.asOf")}</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.slice(0, 200).map((r, i) => (
              <tr key={`${r.account?.id ?? "x"}-${r.name}-${i}`}>
                <td className="ellipsis">
                  {r.account ? (
                    <a href={href({ page: "account", id: r.account.id, tab: "sales" })}>{r.name}</a>
                  ) : (
                    <span title={t("sales.notMatched")}>
                      {r.name} <span className="chip warn">{t("sales.notMatchedShort")}</span>
                    </span>
                  )}
                </td>
                <td className="num">{formatMoney(r.open_minor, CURRENCY, lang)}</td>
                <td className={`num${r.overdue_minor > 0 ? " warn-text" : ""}`}>{r.overdue_minor > 0 ? formatMoney(r.overdue_minor, CURRENCY, lang) : "—"}</td>
                <td className="num">{r.oldest_days === null ? "" : t("receivables.days", { count: r.oldest_days })}</td>
                <td className="num">
                  {r.credit_limit_minor === null ? "" : formatMoneyWhole(r.credit_limit_minor, CURRENCY, lang)}
                  {r.over_limit && <span className="chip warn" title={t("receivables.overLimitHint")}>{t("receivables.overLimit")}</span>}
                </td>
                <td title={r.sources.join(", ")}>{formatDate(r.as_of, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---------- The account dossier's Sales tab ----------

export function AccountSales(props: { accountId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const filter = useMemo<SalesFilter>(() => ({ from: null, to: null, region: null, account_id: props.accountId, sku_id: null }), [props.accountId]);
  const dashboard = useSalesDashboard(filter);
  const d = dashboard.data;
  if (!d) return <div className="muted">{t("common.loading")}</div>;
  return (
    <div className="sales-overview" data-testid="account-sales">
      {d.lines === 0 ? (
        <section className="panel">
          <EmptyState title={t("sales.accountEmptyTitle")} hint={t("sales.accountEmptyHint")} action={<ImportButton />} testId="account-sales-empty" />
        </section>
      ) : (
        <>
          <div className="kpis">
            <Kpi label={t("sales.total", { from: formatMonth(d.from ?? "", lang), to: formatMonth(d.to ?? "", lang) })} value={formatMoneyWhole(d.total_minor, CURRENCY, lang)} testId="account-sales-total" />
            <Kpi label={t("sales.vsLastYear")} value={d.growth === null ? "—" : formatGrowth(d.growth, lang)} tone={growthTone(d.growth)} />
            <Kpi label={t("sales.planFulfilment")} value={d.plan_fulfilment === null ? "—" : formatPercent(d.plan_fulfilment, lang)} sub={d.plan_minor ? t("sales.planWas", { amount: formatMoneyWhole(d.plan_minor, CURRENCY, lang) }) : t("sales.noPlan")} />
            <Kpi label={t("sales.packsLabel")} value={formatNumber(d.quantity, lang)} />
            <ReceivablesKpi rows={d.receivables} />
          </div>
          <section className="panel">
            <header>
              <h2>{t("sales.byMonth")}</h2>
            </header>
            <MonthChart d={d} />
          </section>
          <NamedTable title={t("sales.bySku")} rows={d.skus} lang={lang} testId="account-sku-table" />
        </>
      )}
      {d.receivables.length > 0 && <ReceivablesTable rows={d.receivables} testId="account-receivables" />}
      <PlanEditor accountId={props.accountId} />
    </div>
  );
}

function PlanEditor(props: { accountId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const [month, setMonth] = useState(() => new Date().toISOString().slice(0, 7));
  const [amount, setAmount] = useState("");
  const save = async () => {
    const minor = inputToMinor(amount);
    if (minor === undefined) {
      toast(t("sales.planInvalid"), true);
      return;
    }
    try {
      await api.setPlan(props.accountId, `${month}-01`, minor);
      toast(t("sales.planSaved", { month: formatMonth(month, lang) }));
      setAmount("");
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <section className="panel">
      <header>
        <h2>{t("sales.planTitle")}</h2>
      </header>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <label className="field compact">
          <span className="label">{t("sales.month")}</span>
          <input type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
        </label>
        <label className="field compact">
          <span className="label">{t("sales.planAmount")}</span>
          <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} placeholder={moneyToInput(1000000, lang)} data-testid="plan-amount" />
        </label>
        <button type="submit" className="btn">
          {t("sales.setPlan")}
        </button>
        <span className="muted small">{t("sales.planHint")}</span>
      </form>
    </section>
  );
}

// ---------- Imports ----------

function Imports() {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const imports = useImports();
  const [undoing, setUndoing] = useState<{ id: number; name: string } | null>(null);
  const list = imports.data ?? [];
  if (imports.data && list.length === 0) {
    return (
      <section className="panel">
        <EmptyState title={t("sales.noImportsTitle")} hint={t("sales.emptyHint")} action={<ImportButton primary />} />
      </section>
    );
  }
  return (
    <section className="panel">
      <header>
        <h2>{t("sales.importsTitle")}</h2>
        <span className="spacer" />
        <ExportButton
          title={t("sales.importsTitle")}
          columns={[t("sales.file"), t("sales.source"), t("sales.period"), t("import.lines"), t("import.excluded"), t("sales.sales"), t("sales.importedAt")]}
          rows={list.map((i) => [i.file_name, i.source, `${i.period_from ?? ""} – ${i.period_to ?? ""}`, i.active_lines, i.excluded, i.amount_minor / 100, i.imported_at.slice(0, 10)])}
        />
      </header>
      <div className="table-wrap static">
        <table className="data auto" data-testid="imports-table">
          <thead>
            <tr>
              <th>{t("sales.file")}</th>
              <th>{t("sales.source")}</th>
              <th>{t("sales.period")}</th>
              <th className="num">{t("import.lines")}</th>
              <th className="num">{t("import.excluded")}</th>
              <th className="num">{t("sales.sales")}</th>
              <th>{t("sales.importedAt")}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.map((i) => (
              <tr key={i.id} data-file={i.file_name}>
                <td className="ellipsis">{i.file_name}</td>
                <td>{i.source}</td>
                <td>
                  {formatDate(i.period_from, lang)} – {formatDate(i.period_to, lang)}
                </td>
                <td className="num">
                  {formatNumber(i.lines, lang)}
                  {i.active_lines < i.lines && <span className="muted small"> ({t("sales.replacedCount", { n: i.lines - i.active_lines })})</span>}
                </td>
                <td className="num">{formatNumber(i.excluded, lang)}</td>
                <td className="num">{formatMoneyWhole(i.amount_minor, CURRENCY, lang)}</td>
                <td>{formatDate(i.imported_at.slice(0, 10), lang)}</td>
                <td className="actions">
                  <button type="button" className="btn small" title={t("import.saveReport")} onClick={() => void api.saveImportReport(i.id).catch((e) => toast(errorMessage(e), true))}>
                    {t("sales.report")}
                  </button>
                  <button type="button" className="btn small danger" onClick={() => setUndoing({ id: i.id, name: i.file_name })} data-testid={`undo-${i.id}`}>
                    {t("sales.undoShort")}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {undoing && (
        <Confirm
          danger
          title={t("sales.undoTitle", { name: undoing.name })}
          text={t("sales.undoText")}
          confirmLabel={t("sales.undo")}
          onCancel={() => setUndoing(null)}
          onConfirm={async () => {
            try {
              await api.undoImport(undoing.id);
              toast(t("sales.undone", { name: undoing.name }));
            } catch (e) {
              toast(errorMessage(e), true);
            }
            setUndoing(null);
          }}
        />
      )}
    </section>
  );
}

// ---------- Matching ----------

function Matching() {
  const { t } = useTranslation();
  const [showLinked, setShowLinked] = useState(false);
  return (
    <div className="matching">
      <label className="check-row">
        <input type="checkbox" checked={showLinked} onChange={(e) => setShowLinked(e.target.checked)} /> {t("matching.showLinked")}
      </label>
      <ReportedList kind="customer" onlyUnlinked={!showLinked} />
      <ReportedList kind="product" onlyUnlinked={!showLinked} />
    </div>
  );
}

function ReportedList(props: { kind: ReportedKind; onlyUnlinked: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const values = useReported(props.kind, props.onlyUnlinked);
  const list = values.data ?? [];
  return (
    <section className="panel" data-testid={`reported-${props.kind}`}>
      <header>
        <h2>{t(`matching.${props.kind}Title`)}</h2>
        <span className="muted small">{t(`matching.${props.kind}Hint`)}</span>
        <span className="spacer" />
        <ExportButton
          title={t(`matching.${props.kind}Title`)}
          columns={[t("matching.reported"), t("sales.source"), t("import.lines"), t("sales.sales"), t("matching.match")]}
          rows={list.map((v) => [v.name || v.code, v.source, v.lines, v.amount_minor / 100, v.linked?.name ?? ""])}
        />
      </header>
      {values.data && list.length === 0 ? (
        <EmptyState compact hint={t(`matching.${props.kind}Empty`)} />
      ) : (
        <div className="table-wrap static">
          <table className="data auto">
            <thead>
              <tr>
                <th>{t("matching.reported")}</th>
                <th>{t("sales.source")}</th>
                <th className="num">{t("import.lines")}</th>
                <th className="num">{t("sales.sales")}</th>
                <th>{t("matching.match")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((v) => (
                <ReportedRow key={v.id} kind={props.kind} v={v} lang={lang} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function ReportedRow(props: { kind: ReportedKind; v: ReportedValue; lang: Lang }) {
  const { t } = useTranslation();
  const toast = useToast();
  const accountOptions = useAccountOptions();
  const skuOptions = useSkuOptions();
  const { v, kind } = props;
  const link = async (target: number | null) => {
    try {
      await api.linkReported(kind, v.id, target);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <tr>
      <td>
        {v.name || v.code}
        {v.code && v.name && <span className="muted small"> · {v.code}</span>}
      </td>
      <td>{v.source}</td>
      <td className="num">{formatNumber(v.lines, props.lang)}</td>
      <td className="num">{formatMoneyWhole(v.amount_minor, CURRENCY, props.lang)}</td>
      <td className="match-cell">
        <div>
        {v.linked ? (
          <>
            <a href={kind === "customer" ? href({ page: "account", id: v.linked.id, tab: "sales" }) : href({ page: "sales", tab: "products" })}>{v.linked.name}</a>
            <button type="button" className="btn small ghost" onClick={() => link(null)}>
              {t("matching.unlink")}
            </button>
          </>
        ) : (
          <>
            {v.suggestions.map((s) => (
              <button key={s.id} type="button" className="btn small" onClick={() => link(s.id)} data-testid="link-suggestion">
                {t("matching.linkTo", { name: s.name, score: s.score })}
              </button>
            ))}
            <span className="combo-small">
              <Combobox options={kind === "customer" ? accountOptions : skuOptions} value={null} onChange={(id) => id !== null && void link(id)} placeholder={t("matching.pick")} />
            </span>
            <button
              type="button"
              className="btn small"
              data-testid="create-from-reported"
              onClick={async () => {
                try {
                  await api.createFromReported(kind, v.id);
                  toast(t(`matching.created.${kind}`, { name: v.name || v.code }));
                } catch (e) {
                  toast(errorMessage(e), true);
                }
              }}
            >
              {t(`matching.create.${kind}`)}
            </button>
          </>
        )}
        </div>
      </td>
    </tr>
  );
}

// ---------- Forecast ----------

function Forecast() {
  const { t } = useTranslation();
  const lang = useLang();
  const forecasts = useForecasts(null);
  const rows = forecasts.data ?? [];
  if (forecasts.data && rows.length === 0) {
    return (
      <section className="panel">
        <EmptyState title={t("forecast.emptyTitle")} hint={t("forecast.emptyHint")} />
      </section>
    );
  }
  const months = rows[0]?.months ?? [];
  return (
    <section className="panel">
      <header>
        <h2>{t("forecast.title")}</h2>
        <span className="spacer" />
        <ExportButton
          title={t("forecast.title")}
          columns={[t("forecast.chain"), t("forecast.product"), ...months.map((m) => formatMonth(m, lang)), t("forecast.error"), t("forecast.stock"), t("forecast.cover")]}
          rows={rows.map((r) => [r.chain.name, r.sku?.name ?? r.product, ...r.forecast, r.error, r.stock, r.weeks_of_cover])}
        />
      </header>
      <p className="muted small">{t("forecast.method")}</p>
      <div className="table-wrap static tall">
        <table className="data auto" data-testid="forecast-table">
          <thead>
            <tr>
              <th>{t("forecast.chain")}</th>
              <th>{t("forecast.product")}</th>
              <th className="num">{t("forecast.last3")}</th>
              {months.map((m) => (
                <th key={m} className="num">
                  {formatMonth(m, lang)}
                </th>
              ))}
              <th className="num">{t("forecast.error")}</th>
              <th className="num">{t("forecast.stock")}</th>
              <th className="num">{t("forecast.cover")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <a href={href({ page: "account", id: r.chain.id, tab: "sales" })}>{r.chain.name}</a>
                </td>
                <td>{r.sku?.name ?? <span title={t("sales.notMatched")}>{r.product}</span>}</td>
                <td className="num muted">{r.history.slice(-3).map((q) => formatNumber(q, lang)).join(" · ")}</td>
                {r.forecast.map((q, k) => (
                  <td key={k} className="num">
                    {formatNumber(q, lang)}
                  </td>
                ))}
                <td className="num">{r.error === null ? "—" : formatPercent(r.error, lang)}</td>
                <td className="num">{r.stock === null ? "" : formatNumber(r.stock, lang)}</td>
                <td className="num">{r.weeks_of_cover === null ? "" : formatNumber(r.weeks_of_cover, lang, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---------- Products (the SKU catalogue) ----------

function Products() {
  const { t } = useTranslation();
  const lang = useLang();
  const skus = useSkus();
  const [editing, setEditing] = useState<Sku | "new" | null>(null);
  const list = skus.data ?? [];
  return (
    <section className="panel">
      <header>
        <h2>{t("skus.title")}</h2>
        <span className="spacer" />
        <ExportButton
          title={t("skus.title")}
          columns={[t("skus.name"), t("skus.inn"), t("skus.atc"), t("skus.form"), t("skus.strength"), t("skus.pack"), "EAN", t("skus.code"), t("skus.listPrice")]}
          rows={list.map((s) => [s.name, s.inn, s.atc, s.form, s.strength, s.pack_size, s.ean ?? "", s.code ?? "", s.list_price_minor === null ? null : s.list_price_minor / 100])}
        />
        <PriceListButton />
        <button type="button" className="btn" onClick={() => setEditing("new")} data-testid="new-sku">
          + {t("skus.new")}
        </button>
      </header>
      {skus.data && list.length === 0 ? (
        <EmptyState compact hint={t("skus.empty")} />
      ) : (
        <div className="table-wrap static tall">
          <table className="data auto" data-testid="sku-catalogue">
            <thead>
              <tr>
                <th>{t("skus.name")}</th>
                <th>{t("skus.inn")}</th>
                <th>{t("skus.atc")}</th>
                <th>{t("skus.pack")}</th>
                <th>EAN</th>
                <th className="num">{t("skus.listPrice")}</th>
                <th>{t("skus.kind")}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} tabIndex={0} onClick={() => setEditing(s)} onKeyDown={(e) => e.key === "Enter" && setEditing(s)}>
                  <td>{s.name}</td>
                  <td>{s.inn}</td>
                  <td>{s.atc}</td>
                  <td>{[s.form, s.strength, s.pack_size].filter(Boolean).join(", ")}</td>
                  <td>{s.ean}</td>
                  <td className="num">{formatMoney(s.list_price_minor, s.currency, lang)}</td>
                  <td>
                    {s.ours ? t("skus.ours") : t("skus.competitor")} · {s.rx ? "Rx" : "OTC"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <SkuForm sku={editing === "new" ? null : editing} onClose={() => setEditing(null)} />}
    </section>
  );
}

function SkuForm(props: { sku: Sku | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const s = props.sku;
  const [input, setInput] = useState<SkuInput>({
    name: s?.name ?? "",
    inn: s?.inn ?? "",
    atc: s?.atc ?? "",
    form: s?.form ?? "",
    strength: s?.strength ?? "",
    pack_size: s?.pack_size ?? "",
    ean: s?.ean ?? "",
    code: s?.code ?? "",
    list_price_minor: s?.list_price_minor ?? null,
    currency: s?.currency ?? "EUR",
    discounts: s?.discounts ?? [],
    rx: s?.rx ?? true,
    ours: s?.ours ?? true,
    notes: s?.notes ?? "",
  });
  const [price, setPrice] = useState(moneyToInput(s?.list_price_minor, lang));
  const [discounts, setDiscounts] = useState((s?.discounts ?? []).map((d) => `${d.label}: ${d.percent}`).join("\n"));
  const submit = useSubmit(
    async () => {
      const minor = inputToMinor(price);
      if (minor === undefined) throw localError(t("skus.badPrice"), "list_price_minor");
      const parsed = discounts
        .split("\n")
        .map((line) => line.trim())
        .filter(Boolean)
        .map((line) => {
          const [label, percent] = line.split(":");
          return { label: (label ?? "").trim(), percent: Number((percent ?? "").replace(",", ".").replace("%", "").trim()) };
        });
      const full = { ...input, list_price_minor: minor, discounts: parsed };
      return s ? api.updateSku(s.id, full) : api.createSku(full);
    },
    (saved) => {
      toast(t("skus.saved", { name: saved.name }));
      props.onClose();
    },
  );
  const set = (k: keyof SkuInput) => (e: React.ChangeEvent<HTMLInputElement>) => setInput({ ...input, [k]: e.target.value });
  return (
    <FormModal title={s ? s.name : t("skus.new")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="sku-form">
      <div className="grid-2">
        <Field label={t("skus.name")} className="span-2">
          <input value={input.name} onChange={set("name")} name="name" />
        </Field>
        <Field label={t("skus.inn")}>
          <input value={input.inn} onChange={set("inn")} />
        </Field>
        <Field label={t("skus.atc")}>
          <input value={input.atc} onChange={set("atc")} />
        </Field>
        <Field label={t("skus.form")}>
          <input value={input.form} onChange={set("form")} />
        </Field>
        <Field label={t("skus.strength")}>
          <input value={input.strength} onChange={set("strength")} />
        </Field>
        <Field label={t("skus.pack")}>
          <input value={input.pack_size} onChange={set("pack_size")} />
        </Field>
        <Field label="EAN">
          <input value={input.ean} onChange={set("ean")} inputMode="numeric" />
        </Field>
        <Field label={t("skus.code")}>
          <input value={input.code} onChange={set("code")} />
        </Field>
        <Field label={t("skus.listPrice")}>
          <input value={price} onChange={(e) => setPrice(e.target.value)} inputMode="decimal" />
        </Field>
        <Field label={t("skus.discounts")} hint={t("skus.discountsHint")} className="span-2">
          <textarea rows={3} value={discounts} onChange={(e) => setDiscounts(e.target.value)} />
        </Field>
        <label className="check">
          <input type="checkbox" checked={input.ours ?? true} onChange={(e) => setInput({ ...input, ours: e.target.checked })} /> {t("skus.ours")}
        </label>
        <label className="check">
          <input type="checkbox" checked={input.rx ?? true} onChange={(e) => setInput({ ...input, rx: e.target.checked })} /> {t("skus.rx")}
        </label>
      </div>
    </FormModal>
  );
}
