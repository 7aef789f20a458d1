// Importing sales reports: for each dropped or picked file, what Avain understood (encoding, delimiter, sheet,
// header, each column's role and values, excluded rows with reasons, totals), corrections that re-read the file,
// and the import itself with a progress bar and cancel. All reading and deciding happens in the core; this screen
// shows it and passes the user's choices back.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  onImportProgress,
  type ColumnRole,
  type DateOrder,
  type DecimalStyle,
  type ImportOptions,
  type Understanding,
} from "../api/client";
import { Modal, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { PriceListDialog } from "./PriceListDialog";
import { formatMonth, formatNumber } from "../lib/format";

const ROLES: ColumnRole[] = [
  "ignore",
  "customer",
  "customer_code",
  "product",
  "product_code",
  "ean",
  "quantity",
  "amount",
  "price",
  "stock",
  "date",
  "year",
  "month",
  "week",
  "region",
  "distributor",
  "level",
  "plan_amount",
  "plan_quantity",
  "receivable",
  "overdue",
  "due_date",
];
const ENCODINGS = ["UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "windows-1252", "ISO-8859-15"];
const DELIMITERS = [";", ",", "\\t", "|"];

const EMPTY_OPTIONS: ImportOptions = {
  encoding: null,
  delimiter: null,
  sheet: null,
  layout: {
    skip_rows: null,
    header_rows: null,
    roles: null,
    names: null,
    decimal: null,
    date_order: null,
    report_period: null,
  },
  source: null,
  replace: false,
};

// ---------- Opening the dialog from anywhere (drop, button) ----------

const ImportContext = createContext<(paths: string[]) => void>(() => {});

/** `start(paths)` opens the import dialog for those files. */
export function useImport() {
  return useContext(ImportContext);
}

/** Holds the import dialog and listens for files dropped anywhere on the window. */
export function ImportProvider({ children }: { children: ReactNode }) {
  const [paths, setPaths] = useState<string[] | null>(null);
  const [hovering, setHovering] = useState(false);
  const start = useCallback((p: string[]) => {
    if (p.length > 0) setPaths(p);
  }, []);
  useEffect(() => {
    let unlisten: (() => void) | undefined;
    let cancelled = false;
    void import("@tauri-apps/api/webview")
      .then(({ getCurrentWebview }) =>
        getCurrentWebview().onDragDropEvent((event) => {
          const p = event.payload;
          if (p.type === "enter" || p.type === "over") setHovering(true);
          else if (p.type === "leave") setHovering(false);
          else if (p.type === "drop") {
            setHovering(false);
            start(p.paths);
          }
        }),
      )
      .then((f) => {
        if (cancelled) f();
        else unlisten = f;
      })
      .catch(() => {
        /* Outside the desktop shell (UI tests) there is nothing to listen to. */
      });
    return () => {
      cancelled = true;
      unlisten?.();
    };
  }, [start]);
  return (
    <ImportContext.Provider value={start}>
      {children}
      {hovering && <DropOverlay />}
      {paths && <ImportDialog paths={paths} onClose={() => setPaths(null)} />}
    </ImportContext.Provider>
  );
}

function DropOverlay() {
  const { t } = useTranslation();
  return (
    <div className="drop-overlay" data-testid="drop-overlay">
      <div>{t("import.dropHere")}</div>
    </div>
  );
}

/** The "Import…" button: the native dialog, then the same import dialog a drop opens. */
export function ImportButton(props: { primary?: boolean }) {
  const { t } = useTranslation();
  const start = useImport();
  const toast = useToast();
  return (
    <button
      type="button"
      className={`btn${props.primary ? " primary" : ""}`}
      data-testid="import-button"
      onClick={async () => {
        try {
          start(await api.pickSalesFiles());
        } catch (e) {
          toast(errorMessage(e), true);
        }
      }}
    >
      {t("import.button")}
    </button>
  );
}

// ---------- The dialog ----------

function useProgress(active: boolean) {
  const [progress, setProgress] = useState<number | null>(null);
  useEffect(() => {
    if (!active) {
      setProgress(null);
      return;
    }
    setProgress(0);
    const unlisten = onImportProgress((p) => setProgress(p.total > 0 ? Math.min(1, p.done / p.total) : null));
    return () => {
      void unlisten.then((f) => f());
    };
  }, [active]);
  return progress;
}

function ImportDialog(props: { paths: string[]; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const [index, setIndex] = useState(0);
  const [options, setOptions] = useState<ImportOptions>(EMPTY_OPTIONS);
  const [understanding, setUnderstanding] = useState<Understanding | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<"reading" | "importing" | null>(null);
  const [unmatched, setUnmatched] = useState(false);
  const [asPriceList, setAsPriceList] = useState(false);
  const progress = useProgress(busy !== null);
  const path = props.paths[index];
  const fileName = path.split(/[\\/]/).pop() ?? path;
  const request = useRef(0);

  const read = useCallback(
    async (o: ImportOptions) => {
      const mine = ++request.current;
      setBusy("reading");
      setError(null);
      try {
        const u = await api.inspectImport(path, o);
        if (mine !== request.current) return;
        setUnderstanding(u);
        // Keep what Avain settled on (a remembered profile's source, the source guessed from the file name).
        setOptions((prev) => ({ ...prev, source: prev.source ?? u.source }));
      } catch (e) {
        if (mine === request.current) {
          setUnderstanding(null);
          setError(errorMessage(e));
        }
      } finally {
        if (mine === request.current) setBusy(null);
      }
    },
    [path],
  );

  useEffect(() => {
    setOptions(EMPTY_OPTIONS);
    setUnderstanding(null);
    void read(EMPTY_OPTIONS);
  }, [read]);

  const change = (o: ImportOptions) => {
    setOptions(o);
    void read(o);
  };
  const changeLayout = (layout: Partial<ImportOptions["layout"]>) => change({ ...options, layout: { ...options.layout, ...layout } });

  const next = () => {
    if (index + 1 < props.paths.length) setIndex(index + 1);
    else props.onClose();
  };

  const commit = async () => {
    if (!understanding) return;
    setBusy("importing");
    setError(null);
    try {
      const o: ImportOptions = {
        ...options,
        // Import exactly what the preview showed.
        layout: { ...options.layout, roles: understanding.layout.columns.map((c) => c.role) },
      };
      const outcome = await api.importSales(path, o);
      toast(
        t("import.done", {
          file: outcome.file_name,
          lines: outcome.summary.lines,
          excluded: outcome.summary.excluded_count,
        }),
      );
      if (outcome.unmatched_customers + outcome.unmatched_products > 0) setUnmatched(true);
      setBusy(null);
      next();
    } catch (e) {
      setBusy(null);
      setError(errorMessage(e));
    }
  };

  const u = understanding;
  const canImport = !!u && !busy && !u.already_imported && !u.blocker && !u.summary.cancelled && u.summary.lines > 0 && (!u.replaces || options.replace);
  const title = props.paths.length > 1 ? t("import.titleOf", { n: index + 1, count: props.paths.length, file: fileName }) : t("import.title", { file: fileName });

  if (asPriceList) {
    return (
      <PriceListDialog
        path={path}
        onClose={() => {
          setAsPriceList(false);
          next();
        }}
      />
    );
  }
  return (
    <Modal
      title={title}
      onClose={props.onClose}
      testId="import-dialog"
      footer={
        <>
          {u && (
            <button type="button" className="btn" onClick={() => void api.savePreviewReport(u).catch((e) => toast(errorMessage(e), true))} data-testid="save-report">
              {t("import.saveReport")}
            </button>
          )}
          <span className="spacer" />
          {props.paths.length > 1 && (
            <button type="button" className="btn" onClick={next} disabled={!!busy}>
              {t("import.skip")}
            </button>
          )}
          <button type="button" className="btn" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="btn primary" disabled={!canImport} onClick={commit} data-testid="import-commit">
            {busy === "importing" ? t("import.importing") : t("import.commit", { count: u?.summary.lines ?? 0 })}
          </button>
        </>
      }
    >
      <div className="import" data-testid="import-body">
        {busy && (
          <div className="import-progress" data-testid="import-progress">
            <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round((progress ?? 0) * 100)}>
              <span style={{ width: `${Math.round((progress ?? 0) * 100)}%` }} />
            </div>
            <span className="muted small">{busy === "reading" ? t("import.reading") : t("import.importing")}</span>
            <button type="button" className="btn small" onClick={() => void api.cancelImport()} data-testid="import-cancel">
              {t("import.stop")}
            </button>
          </div>
        )}
        {error && (
          <div className="alert error" role="alert" data-testid="import-error">
            {error}
          </div>
        )}
        {unmatched && !busy && (
          <div className="alert" data-testid="import-unmatched">
            {t("import.unmatchedHint")}{" "}
            <a href="#/sales/matching" onClick={props.onClose}>
              {t("import.openMatching")}
            </a>
          </div>
        )}
        {u && <Understood u={u} options={options} change={change} changeLayout={changeLayout} asPriceList={() => setAsPriceList(true)} />}
      </div>
    </Modal>
  );
}

function Understood(props: {
  asPriceList: () => void;
  u: Understanding;
  options: ImportOptions;
  change: (o: ImportOptions) => void;
  changeLayout: (l: Partial<ImportOptions["layout"]>) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { u, options, change, changeLayout } = props;
  const l = u.layout;
  const s = u.summary;
  const hasDate = l.columns.some((c) => c.role === "date");
  const setRole = (index: number, role: ColumnRole) => {
    const roles = l.columns.map((c) => c.role);
    roles[index] = role;
    changeLayout({ roles });
  };
  return (
    <>
      <div className="import-settings">
        <label className="field compact">
          <span className="label">{t("import.source")}</span>
          <input
            value={options.source ?? ""}
            onChange={(e) => props.change({ ...options, source: e.target.value || null })}
            onBlur={() => change({ ...options })}
            data-testid="import-source"
          />
        </label>
        {u.format === "csv" ? (
          <>
            <label className="field compact">
              <span className="label">{t("import.encoding")}</span>
              <select value={u.encoding ?? ""} onChange={(e) => change({ ...options, encoding: e.target.value })} data-testid="import-encoding">
                {[...new Set([u.encoding ?? "UTF-8", ...ENCODINGS])].map((e) => (
                  <option key={e} value={e}>
                    {e}
                    {e === u.encoding && u.encoding_detected ? ` (${t("import.detected")})` : ""}
                  </option>
                ))}
              </select>
            </label>
            <label className="field compact">
              <span className="label">{t("import.delimiter")}</span>
              <select value={u.delimiter ?? ";"} onChange={(e) => change({ ...options, delimiter: e.target.value })}>
                {DELIMITERS.map((d) => (
                  <option key={d} value={d}>
                    {t(`import.delimiters.${d === "\\t" ? "tab" : d === ";" ? "semicolon" : d === "," ? "comma" : "pipe"}`)}
                  </option>
                ))}
              </select>
            </label>
          </>
        ) : (
          <label className="field compact">
            <span className="label">{t("import.sheet")}</span>
            <select value={u.sheet ?? ""} onChange={(e) => change({ ...options, sheet: e.target.value, layout: { ...options.layout, roles: null, skip_rows: null, header_rows: null } })} data-testid="import-sheet">
              {u.sheets.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
        )}
        <label className="field compact">
          <span className="label">{t("import.header")}</span>
          <select
            value={l.header_rows}
            onChange={(e) => {
              const header_rows = Number(e.target.value);
              changeLayout({ header_rows, skip_rows: Math.max(l.skip_rows, header_rows), roles: null, names: null });
            }}
          >
            <option value={0}>{t("import.noHeader")}</option>
            <option value={1}>{t("import.oneRow")}</option>
            <option value={2}>{t("import.twoRows")}</option>
          </select>
        </label>
        <label className="field compact">
          <span className="label">{t("import.dataStarts")}</span>
          <select
            value={l.skip_rows}
            onChange={(e) => {
              const skip = Number(e.target.value);
              changeLayout({ skip_rows: skip, header_rows: Math.min(l.header_rows, skip), roles: null, names: null });
            }}
            data-testid="import-data-starts"
          >
            {u.row_numbers.slice(0, 40).map((row, records) => (
              <option key={row} value={records}>
                {row}
              </option>
            ))}
          </select>
        </label>
        <label className="field compact">
          <span className="label">{t("import.decimal")}</span>
          <select value={l.decimal} onChange={(e) => changeLayout({ decimal: e.target.value as DecimalStyle })}>
            <option value="comma">1 234,56</option>
            <option value="point">1,234.56</option>
          </select>
        </label>
        {hasDate && (
          <label className="field compact">
            <span className="label">
              {t("import.dateOrder")} {!l.date_order_proven && <span className="warn-text">({t("import.guess")})</span>}
            </span>
            <select value={l.date_order} onChange={(e) => changeLayout({ date_order: e.target.value as DateOrder })} data-testid="import-date-order">
              <option value="day_month">{t("import.dayMonth")}</option>
              <option value="month_day">{t("import.monthDay")}</option>
            </select>
          </label>
        )}
        {(u.blocker || (!hasDate && !l.columns.some((c) => c.period))) && (
          <label className="field compact">
            <span className="label">{t("import.reportMonth")}</span>
            <input
              type="month"
              value={(options.layout.report_period ?? l.report_period ?? "").slice(0, 7)}
              onChange={(e) => changeLayout({ report_period: e.target.value ? `${e.target.value}-01` : null })}
              data-testid="import-month"
            />
          </label>
        )}
      </div>

      {u.already_imported && (
        <div className="alert error" data-testid="import-already">
          {t("import.already", { what: u.already_imported })}
        </div>
      )}
      {u.blocker && (
        <div className="alert" data-testid="import-blocker">
          {u.blocker}
          {u.looks_like_price_list && (
            <>
              {" "}
              {t("import.priceListHint")}{" "}
              <button type="button" className="btn small" onClick={props.asPriceList} data-testid="import-as-price-list">
                {t("import.asPriceList")}
              </button>
            </>
          )}
        </div>
      )}
      {u.summary.cancelled && <div className="alert">{t("import.stopped")}</div>}
      {u.profile_applied && <div className="muted small">{t("import.profileApplied", { source: u.profile_applied })}</div>}
      {u.replaces && !u.already_imported && (
        <label className="alert check" data-testid="import-replaces">
          <input type="checkbox" checked={options.replace} onChange={(e) => props.change({ ...options, replace: e.target.checked })} data-testid="import-replace" />
          <span>
            {t("import.replaces", { lines: u.replaces.lines, months: u.replaces.months.join(", "), files: u.replaces.files.join(", ") })}
          </span>
        </label>
      )}
      {u.warnings.map((w) => (
        <div key={w} className="alert">
          {w}
        </div>
      ))}

      <div className="import-summary" data-testid="import-summary">
        <Figure label={t("import.rowsRead")} value={formatNumber(s.rows_read, lang)} />
        <Figure label={t("import.lines")} value={formatNumber(s.lines, lang)} testId="import-lines" />
        <Figure label={t("import.excluded")} value={formatNumber(s.excluded_count, lang)} />
        <Figure label={t("import.problems")} value={formatNumber(s.problem_count, lang)} />
        <Figure
          label={t("import.months")}
          value={s.months.length ? `${formatMonth(s.months[0], lang)} – ${formatMonth(s.months[s.months.length - 1], lang)}` : "—"}
        />
        {s.totals.map((total) => (
          <Figure key={total.column} label={t("import.totalOf", { column: total.column })} value={formatNumber(total.total, lang, 2)} />
        ))}
      </div>

      <h3 className="section-title">{t("import.columns")}</h3>
      <div className="table-wrap static">
        <table className="data mapping" data-testid="import-mapping">
          <thead>
            <tr>
              <th>{t("import.column")}</th>
              <th>{t("import.meaning")}</th>
              <th>{t("import.values")}</th>
              <th>{t("import.examples")}</th>
            </tr>
          </thead>
          <tbody>
            {l.columns.map((c) => (
              <tr key={c.index} className={c.role === "ignore" ? "dim" : undefined}>
                <td>
                  {l.header_rows === 0 ? (
                    <input
                      aria-label={t("import.columnName", { n: c.index + 1 })}
                      defaultValue={c.header}
                      onBlur={(e) => {
                        const names = l.columns.map((x) => x.header);
                        names[c.index] = e.target.value;
                        changeLayout({ names, roles: l.columns.map((x) => x.role) });
                      }}
                    />
                  ) : (
                    c.header
                  )}
                  {c.period && <span className="muted small"> · {c.period.slice(0, 7)}</span>}
                </td>
                <td>
                  <select value={c.role} onChange={(e) => setRole(c.index, e.target.value as ColumnRole)} data-testid={`role-${c.index}`} aria-label={t("import.meaningOf", { column: c.header })}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`import.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                </td>
                <td className="muted">{t(`import.kinds.${c.kind}`)}</td>
                <td className="muted ellipsis">{c.examples.join(" · ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className="section-title">{t("import.preview")}</h3>
      <div className="table-wrap static preview">
        <table className="data auto" data-testid="import-preview">
          <thead>
            <tr>
              <th className="num">#</th>
              {l.columns.map((c) => (
                <th key={c.index}>{c.header}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {u.preview.map((row) => (
              <tr key={row.row} className={row.excluded ? "excluded" : undefined} title={row.excluded ? t(`import.exclusions.${row.excluded}`) : undefined}>
                <td className="num muted">{row.row}</td>
                {l.columns.map((c) => (
                  <td key={c.index} className="ellipsis">
                    {row.cells[c.index] ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {s.excluded.length > 0 && (
        <details className="import-details" data-testid="import-excluded">
          <summary>{t("import.excludedRows", { count: s.excluded_count })}</summary>
          <ul>
            {s.excluded.slice(0, 200).map((e) => (
              <li key={e.row}>
                <strong>{t("import.row", { n: e.row })}</strong> {t(`import.exclusions.${e.reason}`)} <span className="muted">{e.text}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
      {s.problems.length > 0 && (
        <details className="import-details">
          <summary>{t("import.problemRows", { count: s.problem_count })}</summary>
          <ul>
            {s.problems.slice(0, 200).map((p, i) => (
              <li key={i}>
                <strong>{t("import.row", { n: p.row })}</strong> {p.column}: “{p.value}” — {p.message}
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function Figure(props: { label: string; value: string; testId?: string }) {
  return (
    <div className="figure">
      <span className="muted small">{props.label}</span>
      <strong data-testid={props.testId}>{props.value}</strong>
    </div>
  );
}
