// Importing a price list into the SKU catalogue: the native dialog picks the file, Avain proposes what each column
// holds, the preview shows per row whether it creates, updates or leaves a SKU alone, and the user corrects the
// columns before importing. Saves nothing until "Import".
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type PriceListOptions, type SkuField } from "../api/client";
import { MappingTable, ProblemList, useInspection } from "../components/ListImport";
import { Modal, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatMoney, formatNumber } from "../lib/format";

const FIELDS: SkuField[] = ["ignore", "name", "code", "ean", "inn", "atc", "form", "strength", "pack_size", "list_price", "level_price", "discount", "rx"];

const EMPTY: PriceListOptions = {
  encoding: null,
  delimiter: null,
  sheet: null,
  skip_rows: null,
  header_rows: null,
  decimal: null,
  fields: null,
  competitor: false,
};

/** "Import price list…": picks a file with the native dialog and opens the preview. */
export function PriceListButton() {
  const { t } = useTranslation();
  const toast = useToast();
  const [path, setPath] = useState<string | null>(null);
  const pick = async () => {
    try {
      const picked = await api.pickPriceList();
      if (picked) setPath(picked);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void pick()} data-testid="import-price-list">
        {t("priceList.button")}
      </button>
      {path && <PriceListDialog path={path} onClose={() => setPath(null)} />}
    </>
  );
}

export function PriceListDialog(props: { path: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const { options, change, list, error, setError, busy, setBusy } = useInspection(props.path, EMPTY, api.inspectPriceList);
  const fileName = props.path.split(/[\\/]/).pop() ?? props.path;

  const setField = (index: number, field: SkuField) => {
    if (!list) return;
    const fields = list.columns.map((c) => c.field);
    fields[index] = field;
    change({ ...options, fields });
  };
  const commit = async () => {
    if (!list) return;
    setBusy(true);
    try {
      const done = await api.importPriceList(props.path, { ...options, fields: list.columns.map((c) => c.field) });
      toast(t("priceList.done", { created: done.created, updated: done.updated, unchanged: done.unchanged }));
      props.onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  const changes = list ? list.created + list.updated : 0;

  return (
    <Modal
      title={t("priceList.title", { file: fileName })}
      onClose={props.onClose}
      testId="price-list-dialog"
      footer={
        <>
          <label className="check">
            <input type="checkbox" checked={options.competitor} onChange={(e) => change({ ...options, competitor: e.target.checked })} data-testid="price-list-competitor" />
            {t("priceList.competitor")}
          </label>
          <span className="spacer" />
          <button type="button" className="btn" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button type="button" className="btn primary" disabled={busy || !list || !!list.blocker || changes === 0} onClick={() => void commit()} data-testid="price-list-commit">
            {t("priceList.commit", { count: changes })}
          </button>
        </>
      }
    >
      <div className="import">
        {error && (
          <div className="alert error" role="alert">
            {error}
          </div>
        )}
        {list?.blocker && (
          <div className="alert warn" role="alert" data-testid="price-list-blocker">
            {list.blocker}
          </div>
        )}
        {list && (
          <>
            <p className="muted" data-testid="price-list-summary">
              {t("priceList.summary", { created: list.created, updated: list.updated, unchanged: list.unchanged, skipped: list.skipped })}
              {list.encoding && ` · ${list.encoding}`}
              {list.sheet && ` · ${list.sheet}`}
            </p>
            <h3 className="section-title">{t("import.columns")}</h3>
            <MappingTable columns={list.columns} fields={FIELDS} label={(f) => t(`priceList.fields.${f}`)} onChange={setField} testId="price-list-mapping" />
            <h3 className="section-title">{t("priceList.rows")}</h3>
            <div className="table-wrap static preview">
              <table className="data auto" data-testid="price-list-rows">
                <thead>
                  <tr>
                    <th>{t("priceList.what")}</th>
                    <th>{t("skus.name")}</th>
                    <th>{t("skus.code")}</th>
                    <th>{t("skus.inn")}</th>
                    <th>{t("skus.atc")}</th>
                    <th className="num">{t("skus.listPrice")}</th>
                    <th>{t("skus.discounts")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.rows.slice(0, 300).map((r) => (
                    <tr key={r.row} className={r.action === "skip" || r.action === "unchanged" ? "dim" : undefined}>
                      <td>
                        <span className={`chip${r.action === "skip" ? " warn" : ""}`} title={r.message ?? undefined}>
                          {t(`priceList.actions.${r.action}`)}
                        </span>
                        {r.message && <span className="muted small"> {r.message}</span>}
                      </td>
                      <td>{r.sku.name}</td>
                      <td>{r.sku.code}</td>
                      <td>{r.sku.inn}</td>
                      <td>{r.sku.atc}</td>
                      <td className="num">{formatMoney(r.sku.list_price_minor, "EUR", lang)}</td>
                      <td className="muted">{r.sku.discounts.map((d) => `${d.label} ${formatNumber(d.percent, lang, 2)} %`).join(" · ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ProblemList problems={list.problems} />
          </>
        )}
      </div>
    </Modal>
  );
}
