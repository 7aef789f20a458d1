// Importing a tender list: the native dialog picks the file, Avain proposes what each column holds, and the preview
// shows each tender (rows with the same title, buyer and reference are one tender with several lots), its buyer as
// found among the accounts, and whether it is imported or why not. Saves nothing until "Import".
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type TenderField, type TenderListOptions } from "../api/client";
import { MappingTable, ProblemList, useInspection } from "../components/ListImport";
import { Modal, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate } from "../lib/format";

const FIELDS: TenderField[] = ["ignore", "title", "buyer", "procedure", "reference", "announcement", "submission", "inn", "form", "quantity", "max_price", "owner", "notes"];

const EMPTY: TenderListOptions = { encoding: null, delimiter: null, sheet: null, skip_rows: null, header_rows: null, decimal: null, fields: null };

/** "Import tender list…": picks a file with the native dialog and opens the preview. */
export function TenderListButton() {
  const { t } = useTranslation();
  const toast = useToast();
  const [path, setPath] = useState<string | null>(null);
  const pick = async () => {
    try {
      const picked = await api.pickTenderList();
      if (picked) setPath(picked);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <>
      <button type="button" className="btn" onClick={() => void pick()} data-testid="import-tender-list">
        {t("tenderList.button")}
      </button>
      {path && <TenderListDialog path={path} onClose={() => setPath(null)} />}
    </>
  );
}

function TenderListDialog(props: { path: string; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const { options, change, list, error, setError, busy, setBusy } = useInspection(props.path, EMPTY, api.inspectTenderList);
  const fileName = props.path.split(/[\\/]/).pop() ?? props.path;
  const setField = (index: number, field: TenderField) => {
    if (!list) return;
    const fields = list.columns.map((c) => c.field);
    fields[index] = field;
    change({ ...options, fields });
  };
  const commit = async () => {
    if (!list) return;
    setBusy(true);
    try {
      const done = await api.importTenderList(props.path, { ...options, fields: list.columns.map((c) => c.field) });
      toast(t("tenderList.done", { count: done.created }));
      props.onClose();
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t("tenderList.title", { file: fileName })}
      onClose={props.onClose}
      testId="tender-list-dialog"
      footer={
        <>
          <span className="spacer" />
          <button type="button" className="btn" onClick={props.onClose}>
            {t("common.cancel")}
          </button>
          <button
            type="button"
            className="btn primary"
            disabled={busy || !list || !!list.blocker || list.created === 0}
            onClick={() => void commit()}
            data-testid="tender-list-commit"
          >
            {t("tenderList.commit", { count: list?.created ?? 0 })}
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
          <div className="alert warn" role="alert" data-testid="tender-list-blocker">
            {list.blocker}
          </div>
        )}
        {list && (
          <>
            <p className="muted" data-testid="tender-list-summary">
              {t("tenderList.summary", { created: list.created, skipped: list.skipped })}
              {list.encoding && ` · ${list.encoding}`}
              {list.sheet && ` · ${list.sheet}`}
            </p>
            <h3 className="section-title">{t("import.columns")}</h3>
            <MappingTable columns={list.columns} fields={FIELDS} label={(f) => t(`tenderList.fields.${f}`)} onChange={setField} testId="tender-list-mapping" />
            <h3 className="section-title">{t("tenderList.tenders")}</h3>
            <div className="table-wrap static preview">
              <table className="data auto" data-testid="tender-list-rows">
                <thead>
                  <tr>
                    <th>{t("priceList.what")}</th>
                    <th>{t("tenders.fields.title")}</th>
                    <th>{t("tenders.fields.buyer")}</th>
                    <th>{t("tenders.fields.procedure")}</th>
                    <th>{t("tenders.fields.announcement")}</th>
                    <th>{t("tenders.fields.submission")}</th>
                    <th className="num">{t("tenders.lots.title")}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.tenders.slice(0, 300).map((x) => (
                    <tr key={x.rows[0]} className={x.create ? undefined : "dim"}>
                      <td>
                        <span className={`chip${x.create ? "" : " warn"}`}>{x.create ? t("priceList.actions.create") : t("priceList.actions.skip")}</span>
                        {x.message && <span className="muted small"> {x.message}</span>}
                      </td>
                      <td>{x.input.title}</td>
                      <td>{x.buyer?.name ?? x.buyer_text}</td>
                      <td>{x.input.procedure && t(`procedures.${x.input.procedure}`)}</td>
                      <td>{formatDate(x.input.expected_announcement, lang)}</td>
                      <td>{formatDate(x.submission, lang)}</td>
                      <td className="num">{x.input.lots.length}</td>
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
