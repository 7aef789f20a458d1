// The tender form (new and edit): buyer, title, procedure, reference, expected announcement (the plan is counted
// from it), owner, notes and the lots with our price and the competitors' bids. The core checks everything again.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type LotInput, type Procedure, type Tender, type TenderInput } from "../api/client";
import { useAccountOptions, useSettings, useSkuOptions } from "../api/queries";
import { Combobox, DateInput, Field, FormModal, useLang, useToast } from "../components/ui";
import { inputToMinor, moneyToInput, type Lang } from "../lib/format";
import { parseBids, parseQuantity } from "../lib/tenders";
import { localError, useSubmit } from "../lib/useSubmit";

export const PROCEDURES: Procedure[] = [
  "open_tender",
  "electronic_auction",
  "request_for_quotations",
  "single_source",
  "framework_agreement",
  "supply_programme",
  "formulary_listing",
];

/** A lot as typed: numbers stay text until saved, so a half-typed price is not lost. */
interface LotDraft {
  sku_id: number | null;
  inn: string;
  form: string;
  quantity: string;
  max_price: string;
  our_price: string;
  bids: string;
}

const EMPTY_LOT: LotDraft = { sku_id: null, inn: "", form: "", quantity: "", max_price: "", our_price: "", bids: "" };

function toDraft(l: Tender["lots"][number], lang: Lang): LotDraft {
  return {
    sku_id: l.sku?.id ?? null,
    inn: l.inn,
    form: l.form,
    quantity: String(l.quantity).replace(".", lang === "fi" ? "," : "."),
    max_price: moneyToInput(l.max_price_minor, lang),
    our_price: moneyToInput(l.our_price_minor, lang),
    bids: l.competitor_bids.map((b) => `${b.company}: ${moneyToInput(b.price_minor, lang)}`).join("\n"),
  };
}

function toLot(d: LotDraft, n: number, t: (k: string, o?: Record<string, unknown>) => string): LotInput {
  const quantity = parseQuantity(d.quantity);
  if (Number.isNaN(quantity)) throw localError(t("tenders.lots.quantityError", { n }), "lots");
  const max = inputToMinor(d.max_price);
  const ours = inputToMinor(d.our_price);
  if (max === undefined || ours === undefined) throw localError(t("tenders.lots.priceError", { n }), "lots");
  const bids = parseBids(d.bids);
  if (typeof bids === "number") throw localError(t("tenders.lots.bidsError", { n }), "lots");
  return { sku_id: d.sku_id, inn: d.inn, form: d.form, quantity, max_price_minor: max, our_price_minor: ours, competitor_bids: bids };
}

export function TenderForm(props: { tender?: Tender; buyerId?: number; onClose: () => void; onSaved?: (t: Tender) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const settings = useSettings().data;
  const accounts = useAccountOptions();
  const skus = useSkuOptions();
  const x = props.tender;
  const [input, setInput] = useState<Omit<TenderInput, "lots" | "milestones">>(() => ({
    buyer_id: x?.buyer.id ?? props.buyerId ?? null,
    title: x?.title ?? "",
    procedure: x?.procedure ?? "open_tender",
    reference: x?.reference ?? "",
    expected_announcement: x?.expected_announcement ?? null,
    owner: x?.owner ?? settings?.user_name ?? "",
    notes: x?.notes ?? "",
  }));
  const [lots, setLots] = useState<LotDraft[]>(() => (x ? x.lots.map((l) => toDraft(l, lang)) : [{ ...EMPTY_LOT }]));
  const set = <K extends keyof typeof input>(key: K, value: (typeof input)[K]) => setInput((i) => ({ ...i, [key]: value }));
  const setLot = (i: number, patch: Partial<LotDraft>) => setLots((ls) => ls.map((l, j) => (j === i ? { ...l, ...patch } : l)));

  const submit = useSubmit(
    async () => {
      // An untouched empty lot is not a lot.
      const typed = lots.filter((l) => l.sku_id !== null || l.inn.trim() || l.quantity.trim() || l.our_price.trim() || l.max_price.trim());
      const payload: TenderInput = { ...input, lots: typed.map((l, i) => toLot(l, i + 1, t)), milestones: [] };
      return x ? api.updateTender(x.id, payload) : api.createTender(payload);
    },
    (saved) => {
      toast(t("tenders.saved"));
      props.onSaved?.(saved);
      props.onClose();
    },
  );
  const err = submit.fieldError;

  return (
    <FormModal
      title={x ? t("tenders.edit") : t("tenders.new")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="tender-form"
    >
      <section className="form-section">
        <div className="grid-2">
          <Field label={t("tenders.fields.title")} error={err("title")} className="span-2">
            <input name="title" value={input.title} onChange={(e) => set("title", e.target.value)} autoFocus />
          </Field>
          <Field label={t("tenders.fields.buyer")} error={err("buyer_id")}>
            <Combobox options={accounts} value={input.buyer_id} onChange={(v) => set("buyer_id", v)} name="buyer" />
          </Field>
          <Field label={t("tenders.fields.procedure")}>
            <select name="procedure" value={input.procedure ?? "open_tender"} onChange={(e) => set("procedure", e.target.value as Procedure)}>
              {PROCEDURES.map((p) => (
                <option key={p} value={p}>
                  {t(`procedures.${p}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("tenders.fields.announcement")} error={err("expected_announcement", "milestones")} hint={x ? undefined : t("tenders.fields.announcementHint")}>
            <DateInput name="announcement" value={input.expected_announcement} onChange={(v) => set("expected_announcement", v)} />
          </Field>
          <Field label={t("tenders.fields.reference")} error={err("reference")}>
            <input name="reference" value={input.reference} onChange={(e) => set("reference", e.target.value)} />
          </Field>
          <Field label={t("tenders.fields.owner")} error={err("owner")}>
            <input name="owner" value={input.owner} onChange={(e) => set("owner", e.target.value)} />
          </Field>
        </div>
      </section>
      <section className="form-section">
        <h3 className="section-title">{t("tenders.lots.title")}</h3>
        {lots.length === 0 && <p className="muted small">{t("tenders.lots.none")}</p>}
        {lots.map((l, i) => (
          <div key={i} className={`lot-editor${err("lots") ? " invalid" : ""}`} data-testid={`lot-${i}`}>
            <div className="grid-3">
              <Field label={t("tenders.lots.sku")}>
                <Combobox options={skus} value={l.sku_id} onChange={(v) => setLot(i, { sku_id: v })} allowClear name={`lot-${i}-sku`} />
              </Field>
              <Field label={t("tenders.lots.inn")}>
                <input name={`lot-${i}-inn`} value={l.inn} onChange={(e) => setLot(i, { inn: e.target.value })} />
              </Field>
              <Field label={t("tenders.lots.form")}>
                <input name={`lot-${i}-form`} value={l.form} onChange={(e) => setLot(i, { form: e.target.value })} />
              </Field>
              <Field label={t("tenders.lots.quantity")}>
                <input name={`lot-${i}-quantity`} inputMode="decimal" value={l.quantity} onChange={(e) => setLot(i, { quantity: e.target.value })} />
              </Field>
              <Field label={t("tenders.lots.maxPrice")}>
                <input name={`lot-${i}-max`} inputMode="decimal" value={l.max_price} onChange={(e) => setLot(i, { max_price: e.target.value })} />
              </Field>
              <Field label={t("tenders.lots.ourPrice")}>
                <input name={`lot-${i}-ours`} inputMode="decimal" value={l.our_price} onChange={(e) => setLot(i, { our_price: e.target.value })} />
              </Field>
              <Field label={t("tenders.lots.bids")} hint={t("tenders.lots.bidsHint")} className="span-2">
                <textarea name={`lot-${i}-bids`} rows={2} value={l.bids} onChange={(e) => setLot(i, { bids: e.target.value })} />
              </Field>
              <div className="lot-remove">
                <button type="button" className="btn small ghost" onClick={() => setLots((ls) => ls.filter((_, j) => j !== i))}>
                  {t("tenders.lots.remove")}
                </button>
              </div>
            </div>
          </div>
        ))}
        <button type="button" className="btn small" onClick={() => setLots((ls) => [...ls, { ...EMPTY_LOT }])} data-testid="add-lot">
          {t("tenders.lots.add")}
        </button>
      </section>
      <section className="form-section">
        <Field label={t("tenders.fields.notes")} error={err("notes")}>
          <textarea name="notes" rows={3} value={input.notes} onChange={(e) => set("notes", e.target.value)} />
        </Field>
      </section>
    </FormModal>
  );
}
