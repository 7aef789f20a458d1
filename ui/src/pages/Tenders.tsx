// The tender calendar: every milestone of every tender in month, week and agenda views (drag one to move it; a
// buyer's deadline asks first), the timeline of the open tenders, a list, and what was won and lost. Filters by
// region, account, product, owner and status apply to the calendar, the timeline and the list alike.
import { createColumnHelper } from "@tanstack/react-table";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type TenderRow, type TenderStatus } from "../api/client";
import { useTenderOverview, useWinLoss } from "../api/queries";
import { DataTable } from "../components/DataTable";
import { EmptyState, FilterSelect, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatMoney, formatMoneyWhole, formatNumber, formatPercent } from "../lib/format";
import { href, navigate } from "../lib/router";
import { applyFilter, isoToday, nextMilestone, NO_FILTER, OPEN, STATUSES, type TenderFilter } from "../lib/tenders";
import { ExportButton } from "./Sales";
import { TenderCalendar } from "./TenderCalendar";
import { TenderForm } from "./TenderForm";
import { TenderListButton } from "./TenderListDialog";

const VIEWS = ["calendar", "timeline", "list", "win-loss"] as const;
const CURRENCY = "EUR";

export function TenderStatusChip({ status }: { status: TenderStatus }) {
  const { t } = useTranslation();
  return <span className={`chip tender-${status}`}>{t(`tenderStatus.${status}`)}</span>;
}

export function TendersPage(props: { view?: string }) {
  const { t } = useTranslation();
  const toast = useToast();
  const view = (VIEWS as readonly string[]).includes(props.view ?? "") ? props.view! : "calendar";
  const overview = useTenderOverview(null);
  const [filter, setFilter] = useState<TenderFilter>(NO_FILTER);
  const [creating, setCreating] = useState(false);
  const rows = overview.data ?? [];
  const shown = useMemo(() => applyFilter(rows, filter), [rows, filter]);

  const exportIcs = async () => {
    try {
      const path = await api.exportIcsFile();
      if (path) toast(t("tenders.exported", { path }));
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };

  return (
    <div className="page" data-testid="tenders-page">
      <div className="page-header">
        <h1>{t("tenders.title")}</h1>
        <span className="spacer" />
        <TenderListButton />
        <button type="button" className="btn" onClick={exportIcs} data-testid="export-ics">
          {t("tenders.exportIcs")}
        </button>
        <button type="button" className="btn primary" onClick={() => setCreating(true)} data-testid="new-tender">
          + {t("tenders.new")}
        </button>
      </div>
      <nav className="tabs" aria-label={t("tenders.title")}>
        {VIEWS.map((name) => (
          <a
            key={name}
            href={href({ page: "tenders", view: name === "calendar" ? undefined : name })}
            className={`tab${view === name ? " active" : ""}`}
            aria-current={view === name ? "page" : undefined}
            data-testid={`tenders-view-${name}`}
          >
            {t(`tenders.views.${name}`)}
          </a>
        ))}
      </nav>
      {overview.data && rows.length === 0 ? (
        <section className="panel">
          <EmptyState
            title={t("tenders.emptyTitle")}
            hint={t("tenders.emptyHint")}
            action={
              <button type="button" className="btn primary" onClick={() => setCreating(true)}>
                + {t("tenders.new")}
              </button>
            }
            testId="tenders-empty"
          />
        </section>
      ) : view === "win-loss" ? (
        <WinLossView />
      ) : (
        <>
          <Filters rows={rows} filter={filter} onChange={setFilter} shown={shown.length} />
          {view === "calendar" && <TenderCalendar rows={shown} />}
          {view === "timeline" && <Timeline rows={shown} />}
          {view === "list" && <TenderList rows={shown} />}
        </>
      )}
      {creating && <TenderForm onClose={() => setCreating(false)} onSaved={(saved) => navigate({ page: "tender", id: saved.id })} />}
    </div>
  );
}

function Filters(props: { rows: TenderRow[]; filter: TenderFilter; onChange: (f: TenderFilter) => void; shown: number }) {
  const { t } = useTranslation();
  const f = props.filter;
  const set = <K extends keyof TenderFilter>(key: K, value: TenderFilter[K]) => props.onChange({ ...f, [key]: value });
  const distinct = (values: string[]) => [...new Set(values.filter(Boolean))].sort((a, b) => a.localeCompare(b));
  const regions = useMemo(() => distinct(props.rows.map((r) => r.region)), [props.rows]);
  const owners = useMemo(() => distinct(props.rows.map((r) => r.owner)), [props.rows]);
  const products = useMemo(() => distinct(props.rows.flatMap((r) => r.products)), [props.rows]);
  const accounts = useMemo(() => {
    const seen = new Map<number, string>();
    for (const r of props.rows) seen.set(r.buyer.id, r.buyer.name);
    return [...seen.entries()].sort((a, b) => a[1].localeCompare(b[1]));
  }, [props.rows]);
  const any = f.region || f.account !== null || f.product || f.owner || f.status;
  const plain = (values: string[]): [string, string][] => values.map((v) => [v, v]);
  return (
    <div className="filter-bar" data-testid="tender-filters">
      <FilterSelect label={t("tenders.filters.region")} value={f.region} options={plain(regions)} onChange={(v) => set("region", v)} testId="filter-region" />
      <FilterSelect
        label={t("tenders.filters.account")}
        value={f.account === null ? "" : String(f.account)}
        options={accounts.map(([id, name]) => [String(id), name])}
        onChange={(v) => set("account", v ? Number(v) : null)}
        testId="filter-account"
      />
      <FilterSelect label={t("tenders.filters.product")} value={f.product} options={plain(products)} onChange={(v) => set("product", v)} testId="filter-product" />
      <FilterSelect label={t("tenders.filters.owner")} value={f.owner} options={plain(owners)} onChange={(v) => set("owner", v)} testId="filter-owner" />
      <FilterSelect
        label={t("tenders.filters.status")}
        value={f.status}
        options={[["open", t("tenders.filters.open")], ...STATUSES.map((x): [string, string] => [x, t(`tenderStatus.${x}`)])]}
        onChange={(v) => set("status", v)}
        testId="filter-status"
      />
      <span className="small muted">{t("tenders.shown", { count: props.shown })}</span>
      {any && (
        <button type="button" className="btn small ghost" onClick={() => props.onChange(NO_FILTER)}>
          {t("tenders.filters.clear")}
        </button>
      )}
      <span className="spacer" />
      <span className="legend" aria-hidden="true">
        {STATUSES.map((s) => (
          <span key={s} className={`legend-item tender-${s}`}>
            {t(`tenderStatus.${s}`)}
          </span>
        ))}
      </span>
    </div>
  );
}

/** A labelled filter: "All" first, then the given [value, label] choices. */
// ---------- Timeline ----------

const toTime = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** The open tenders as bars from the first to the last milestone, with each milestone marked. */
function Timeline({ rows }: { rows: TenderRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = isoToday();
  const open = useMemo(
    () =>
      rows
        .filter((r) => OPEN.includes(r.status) && r.milestones.length > 0)
        .sort((a, b) => {
          const sub = (r: TenderRow) => r.milestones.find((m) => m.kind === "submission_deadline")?.date ?? r.milestones[0].date;
          return sub(a).localeCompare(sub(b));
        }),
    [rows],
  );
  if (open.length === 0) {
    return (
      <section className="panel">
        <EmptyState compact hint={t("tenders.timelineEmpty")} />
      </section>
    );
  }
  const first = Math.min(...open.map((r) => toTime(r.milestones[0].date)), toTime(today));
  const last = Math.max(...open.map((r) => toTime(r.milestones[r.milestones.length - 1].date)), toTime(today));
  // Whole months, from the first of the first month to the end of the last.
  const start = new Date(first);
  start.setUTCDate(1);
  const end = new Date(last);
  end.setUTCMonth(end.getUTCMonth() + 1, 1);
  const span = end.getTime() - start.getTime();
  const pos = (iso: string) => `${(((toTime(iso) - start.getTime()) / span) * 100).toFixed(3)}%`;
  // Every month gets a grid line; a label when there is room (every second month over long spans); January
  // shows its year instead.
  const months: { label: string; left: string; year: boolean }[] = [];
  const count = (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  for (let i = 0; i < count; i++) {
    const m = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1));
    const year = m.getUTCMonth() === 0;
    const labelled = year || count <= 14 || i % 2 === 0;
    const label = year
      ? String(m.getUTCFullYear())
      : labelled
        ? m.toLocaleDateString(lang === "fi" ? "fi-FI" : "en-GB", { month: "short", timeZone: "UTC" })
        : "";
    months.push({ label, left: pos(m.toISOString().slice(0, 10)), year });
  }
  return (
    <section className="panel" data-testid="tender-timeline">
      <p className="small muted m0 mb2">{t("tenders.timelineHint")}</p>
      <div className="gantt">
        <div className="gantt-row gantt-head">
          <div className="gantt-label" />
          <div className="gantt-track">
            {months.map((m) => (
              <span key={m.left} className={`gantt-month${m.year ? " year" : ""}`} style={{ left: m.left }}>
                {m.label}
              </span>
            ))}
          </div>
        </div>
        {open.map((r) => {
          const a = r.milestones[0].date;
          const b = r.milestones[r.milestones.length - 1].date;
          const width = ((toTime(b) - toTime(a)) / span) * 100;
          return (
            <div key={r.id} className="gantt-row" data-testid={`timeline-${r.id}`}>
              <a className="gantt-label" href={href({ page: "tender", id: r.id })} title={`${r.title} · ${r.buyer.name}`}>
                <span className="ellipsis">{r.title}</span>
                <span className="small muted ellipsis">{r.buyer.name}</span>
              </a>
              <div className="gantt-track">
                {months.map((m) => (
                  <span key={m.left} className="gantt-grid" style={{ left: m.left }} />
                ))}
                <span className="gantt-today" style={{ left: pos(today) }} title={`${t("tenders.today")} ${formatDate(today, lang)}`} />
                <span className={`gantt-bar tender-${r.status}`} style={{ left: pos(a), width: `${Math.max(width, 0.4)}%` }} />
                {r.milestones.map((m) => (
                  <span
                    key={m.kind}
                    className={`gantt-point${m.hard ? " hard" : ""}${m.done ? " done" : ""}${m.warning ? " warning" : ""}`}
                    style={{ left: pos(m.date) }}
                    title={`${t(`milestones.${m.kind}`)} · ${formatDate(m.date, lang)}${m.warning ? ` · ${t("tenders.nonWorkingDay")}` : ""}`}
                  />
                ))}
              </div>
            </div>
          );
        })}
      </div>
    </section>
  );
}

// ---------- List ----------

function TenderList({ rows }: { rows: TenderRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const today = isoToday();
  const col = createColumnHelper<TenderRow>();
  const columns = useMemo(
    () => [
      col.accessor("title", { header: t("tenders.fields.title"), size: 220 }),
      col.accessor((r) => r.buyer.name, { id: "buyer", header: t("tenders.fields.buyer"), size: 180 }),
      col.accessor("region", { header: t("tenders.filters.region"), size: 100 }),
      col.accessor("procedure", { header: t("tenders.fields.procedure"), size: 140, cell: (c) => t(`procedures.${c.getValue()}`) }),
      col.accessor("status", {
        header: t("tenders.fields.status"),
        size: 115,
        sortingFn: (a, b) => STATUSES.indexOf(a.original.status) - STATUSES.indexOf(b.original.status),
        cell: (c) => <TenderStatusChip status={c.getValue()} />,
      }),
      col.accessor((r) => nextMilestone(r, today)?.date ?? "", {
        id: "next",
        header: t("tenders.fields.next"),
        size: 180,
        cell: (c) => {
          const m = nextMilestone(c.row.original, today);
          return m ? `${formatDate(m.date, lang)} · ${t(`milestones.${m.kind}`)}` : "—";
        },
      }),
      col.accessor("value_minor", {
        header: t("tenders.fields.value"),
        size: 110,
        cell: (c) => <span className="num">{formatMoneyWhole(c.getValue(), CURRENCY, lang)}</span>,
      }),
      col.accessor("owner", { header: t("tenders.fields.owner"), size: 110 }),
    ],
    [t, lang, today],
  );
  return (
    <section className="panel" data-testid="tender-list">
      <DataTable rows={rows} columns={columns} onOpen={(r) => navigate({ page: "tender", id: r.id })} initialSort={[{ id: "next", desc: false }]} />
    </section>
  );
}

// ---------- Win / loss ----------

function periodStart(period: string): string | null {
  const d = new Date();
  if (period === "year") return `${d.getFullYear()}-01-01`;
  if (period === "12m") {
    d.setFullYear(d.getFullYear() - 1);
    return d.toISOString().slice(0, 10);
  }
  return null;
}

function WinLossView() {
  const { t } = useTranslation();
  const lang = useLang();
  const [period, setPeriod] = useState("all");
  const w = useWinLoss(periodStart(period), null).data;
  const money = (m: number) => formatMoneyWhole(m, CURRENCY, lang);
  const unit = (m: number) => formatMoney(m, CURRENCY, lang);
  return (
    <div className="stack" data-testid="win-loss">
      <div className="filter-bar">
        <label>
          <span className="small muted">{t("tenders.winLoss.period")}</span>
          <select value={period} onChange={(e) => setPeriod(e.target.value)} data-testid="win-loss-period">
            {(["12m", "year", "all"] as const).map((p) => (
              <option key={p} value={p}>
                {t(`tenders.winLoss.periods.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <span className="small muted">{t("tenders.winLoss.rules")}</span>
      </div>
      {!w ? (
        <div className="muted">{t("common.loading")}</div>
      ) : w.won.count + w.lost.count + w.cancelled === 0 ? (
        <section className="panel">
          <EmptyState compact hint={t("tenders.winLoss.empty")} />
        </section>
      ) : (
        <>
          <div className="kpis">
            <div className="kpi ok" data-testid="kpi-won">
              <span className="muted small">{t("tenders.winLoss.won")}</span>
              <strong>{money(w.won.value_minor)}</strong>
              <span className="small">{t("tenders.shown", { count: w.won.count })}</span>
            </div>
            <div className="kpi bad" data-testid="kpi-lost">
              <span className="muted small">{t("tenders.winLoss.lost")}</span>
              <strong>{money(w.lost.value_minor)}</strong>
              <span className="small">{t("tenders.shown", { count: w.lost.count })}</span>
            </div>
            <div className="kpi">
              <span className="muted small">{t("tenders.winLoss.winRate")}</span>
              <strong>{w.win_rate_by_value === null ? "—" : formatPercent(w.win_rate_by_value, lang)}</strong>
              <span className="small">
                {t("tenders.winLoss.cancelled")}: {w.cancelled}
              </span>
            </div>
          </div>
          <div className="panels">
            <section className="panel">
              <header>
                <h2>{t("tenders.winLoss.byReason")}</h2>
                <span className="spacer" />
                <ExportButton
                  title={t("tenders.winLoss.byReason")}
                  columns={[t("tenders.winLoss.reason"), t("tenders.winLoss.count"), t("tenders.fields.value")]}
                  rows={w.by_reason.map((r) => [r.reason, r.count, r.value_minor / 100])}
                />
              </header>
              <table className="data compact">
                <thead>
                  <tr>
                    <th>{t("tenders.winLoss.reason")}</th>
                    <th className="num">{t("tenders.winLoss.count")}</th>
                    <th className="num">{t("tenders.fields.value")}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.by_reason.map((r) => (
                    <tr key={r.reason}>
                      <td>{r.reason}</td>
                      <td className="num">{r.count}</td>
                      <td className="num">{money(r.value_minor)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
            <section className="panel">
              <header>
                <h2>{t("tenders.winLoss.prices")}</h2>
              </header>
              <table className="data compact" data-testid="price-comparison">
                <thead>
                  <tr>
                    <th>{t("tenders.fields.title")}</th>
                    <th>{t("tenders.winLoss.winner")}</th>
                    <th className="num">{t("tenders.winLoss.ourPrice")}</th>
                    <th className="num">{t("tenders.winLoss.winningPrice")}</th>
                    <th className="num">{t("tenders.winLoss.difference")}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.prices.map((p) => (
                    <tr key={p.tender_id}>
                      <td>
                        <a href={href({ page: "tender", id: p.tender_id })}>{p.title}</a>
                      </td>
                      <td>{p.winner}</td>
                      <td className="num">{unit(p.our_price_minor)}</td>
                      <td className="num">{unit(p.winning_price_minor)}</td>
                      <td className={`num ${p.difference > 0 ? "warn-text" : ""}`}>
                        {p.difference > 0 ? "+" : ""}
                        {formatPercent(p.difference, lang, 1)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          </div>
          <div className="panels">
            {(["byRegion", "byProduct"] as const).map((which) => {
              const list = which === "byRegion" ? w.by_region : w.by_product;
              return (
                <section className="panel" key={which}>
                  <header>
                    <h2>{t(`tenders.winLoss.${which}`)}</h2>
                  </header>
                  <table className="data compact" data-testid={`share-${which}`}>
                    <thead>
                      <tr>
                        <th>{which === "byRegion" ? t("tenders.filters.region") : t("tenders.filters.product")}</th>
                        <th className="num">{t("tenders.winLoss.tendered")}</th>
                        <th className="num">{t("tenders.winLoss.wonQuantity")}</th>
                        <th>{t("tenders.winLoss.share")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((r) => (
                        <tr key={r.key}>
                          <td>{r.key}</td>
                          <td className="num">{formatNumber(r.tendered_quantity, lang)}</td>
                          <td className="num">{formatNumber(r.won_quantity, lang)}</td>
                          <td>
                            <span className="share-bar" title={formatPercent(r.share, lang)}>
                              <span style={{ width: `${Math.round(r.share * 100)}%` }} />
                            </span>{" "}
                            {formatPercent(r.share, lang)}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </section>
              );
            })}
          </div>
        </>
      )}
    </div>
  );
}

/** An account's tenders (and its sub-accounts'), for the dossier. */
export function AccountTenders({ accountId }: { accountId: number }) {
  const { t } = useTranslation();
  const rows = useTenderOverview(accountId).data;
  const [creating, setCreating] = useState(false);
  return (
    <>
      <div className="toolbar">
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setCreating(true)} data-testid="new-account-tender">
          + {t("tenders.new")}
        </button>
      </div>
      {rows && rows.length === 0 ? (
        <section className="panel">
          <EmptyState compact hint={t("tenders.emptyHint")} />
        </section>
      ) : (
        rows && <TenderList rows={rows} />
      )}
      {creating && (
        <TenderForm buyerId={accountId} onClose={() => setCreating(false)} onSaved={(saved) => navigate({ page: "tender", id: saved.id })} />
      )}
    </>
  );
}
