// The account form (new and edit): basics, the four key-account criteria, credit, contract and notes.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  type Account,
  type AccountInput,
  type AccountKind,
  type AccountStatus,
  type KeyCriteria,
} from "../api/client";
import { useAccountOptions, useFacets, useSettings } from "../api/queries";
import { Combobox, DateInput, Field, FormModal, useLang, useToast } from "../components/ui";
import { inputToMinor, moneyToInput } from "../lib/format";
import { localError, useSubmit } from "../lib/useSubmit";

const KINDS: AccountKind[] = ["hospital", "pharmacy_chain", "pharmacy", "distributor", "health_authority", "other"];
const STATUSES: AccountStatus[] = ["key", "potential", "ordinary"];
const CRITERIA: (keyof KeyCriteria)[] = ["opinion_leadership", "profit", "growth", "partnership"];

function emptyInput(owner: string): AccountInput {
  const c = { met: false, note: "" };
  return {
    name: "",
    kind: null,
    parent_id: null,
    region: "",
    owner,
    status: "ordinary",
    criteria: { opinion_leadership: { ...c }, profit: { ...c }, growth: { ...c }, partnership: { ...c } },
    credit_limit_minor: null,
    currency: "EUR",
    payment_terms_days: null,
    credit_check_date: null,
    credit_check_result: "",
    contract_start: null,
    contract_end: null,
    renegotiation_date: null,
    notes: "",
  };
}

function toInput(a: Account): AccountInput {
  return {
    name: a.name,
    kind: a.kind,
    parent_id: a.parent?.id ?? null,
    region: a.region,
    owner: a.owner,
    status: a.status,
    criteria: a.criteria,
    credit_limit_minor: a.credit_limit_minor,
    currency: a.currency,
    payment_terms_days: a.payment_terms_days,
    credit_check_date: a.credit_check_date,
    credit_check_result: a.credit_check_result,
    contract_start: a.contract_start,
    contract_end: a.contract_end,
    renegotiation_date: a.renegotiation_date,
    notes: a.notes,
  };
}

export function AccountForm(props: { account?: Account; onClose: () => void; onSaved?: (a: Account) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const settings = useSettings().data;
  const facets = useFacets().data;
  const accountOptions = useAccountOptions();
  const [input, setInput] = useState<AccountInput>(() =>
    props.account ? toInput(props.account) : emptyInput(settings?.user_name ?? ""),
  );
  const [creditText, setCreditText] = useState(() => moneyToInput(props.account?.credit_limit_minor, lang));
  const [termsText, setTermsText] = useState(() => props.account?.payment_terms_days?.toString() ?? "");
  const set = <K extends keyof AccountInput>(key: K, value: AccountInput[K]) => setInput((i) => ({ ...i, [key]: value }));
  const setCriterion = (key: keyof KeyCriteria, patch: Partial<{ met: boolean; note: string }>) =>
    setInput((i) => ({ ...i, criteria: { ...i.criteria, [key]: { ...i.criteria[key], ...patch } } }));

  const submit = useSubmit(
    () => {
      const credit = inputToMinor(creditText);
      if (credit === undefined) return Promise.reject(localError(t("accounts.moneyError"), "credit_limit"));
      const terms = termsText.trim() === "" ? null : Number(termsText.trim());
      if (terms !== null && !Number.isInteger(terms))
        return Promise.reject(localError(t("accounts.daysError"), "payment_terms_days"));
      const payload = { ...input, credit_limit_minor: credit, payment_terms_days: terms };
      return props.account ? api.updateAccount(props.account.id, payload) : api.createAccount(payload);
    },
    (saved) => {
      toast(t("accounts.saved"));
      props.onSaved?.(saved);
      props.onClose();
    },
  );
  const err = submit.fieldError;

  return (
    <FormModal
      title={props.account ? t("accounts.edit") : t("accounts.new")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="account-form"
    >
      <section className="form-section">
        <div className="grid-2">
          <Field label={t("accounts.fields.name")} error={err("name")} className="span-2">
            <input name="name" value={input.name} onChange={(e) => set("name", e.target.value)} autoFocus />
          </Field>
          <Field label={t("accounts.fields.kind")} error={err("kind")}>
            <select
              name="kind"
              value={input.kind ?? ""}
              onChange={(e) => set("kind", (e.target.value || null) as AccountKind | null)}
            >
              <option value="">—</option>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("accounts.fields.status")}>
            <select name="status" value={input.status ?? "ordinary"} onChange={(e) => set("status", e.target.value as AccountStatus)}>
              {STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("accounts.fields.region")} error={err("region")}>
            <input name="region" list="regions" value={input.region} onChange={(e) => set("region", e.target.value)} />
            <datalist id="regions">
              {facets?.regions.map((r) => <option key={r} value={r} />)}
            </datalist>
          </Field>
          <Field label={t("accounts.fields.owner")} error={err("owner")}>
            <input name="owner" list="owners" value={input.owner} onChange={(e) => set("owner", e.target.value)} />
            <datalist id="owners">
              {facets?.owners.map((o) => <option key={o} value={o} />)}
            </datalist>
          </Field>
          <Field label={t("accounts.fields.parent")} error={err("parent_id")} className="span-2">
            <Combobox
              name="parent"
              options={accountOptions}
              exclude={props.account ? [props.account.id] : []}
              value={input.parent_id}
              onChange={(v) => set("parent_id", v)}
              placeholder={t("accounts.fields.parentNone")}
              allowClear
            />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h3>{t("criteria.title")}</h3>
        {CRITERIA.map((c) => (
          <div key={c} className="grid-2">
            <label className="check" title={t(`criteria.${c}Hint`)}>
              <input
                type="checkbox"
                name={`criterion-${c}`}
                checked={input.criteria[c].met}
                onChange={(e) => setCriterion(c, { met: e.target.checked })}
              />
              {t(`criteria.${c}`)}
            </label>
            <input
              aria-label={`${t(`criteria.${c}`)}: ${t("criteria.notePlaceholder")}`}
              placeholder={t("criteria.notePlaceholder")}
              value={input.criteria[c].note}
              onChange={(e) => setCriterion(c, { note: e.target.value })}
            />
          </div>
        ))}
      </section>

      <section className="form-section">
        <h3>{t("accounts.sections.credit")}</h3>
        <div className="grid-3">
          <Field label={t("accounts.fields.creditLimit")} error={err("credit_limit")}>
            <input name="credit_limit" inputMode="decimal" className="num" value={creditText} onChange={(e) => setCreditText(e.target.value)} />
          </Field>
          <Field label={t("accounts.fields.currency")} error={err("currency")}>
            <input name="currency" value={input.currency} maxLength={3} onChange={(e) => set("currency", e.target.value.toUpperCase())} />
          </Field>
          <Field label={t("accounts.fields.paymentTerms")} error={err("payment_terms_days")}>
            <input name="payment_terms_days" inputMode="numeric" className="num" value={termsText} onChange={(e) => setTermsText(e.target.value)} />
          </Field>
          <Field label={t("accounts.fields.creditCheckDate")} error={err("credit_check_date")}>
            <DateInput name="credit_check_date" value={input.credit_check_date} onChange={(v) => set("credit_check_date", v)} />
          </Field>
          <Field label={t("accounts.fields.creditCheckResult")} error={err("credit_check_result")} className="span-2">
            <input name="credit_check_result" value={input.credit_check_result} onChange={(e) => set("credit_check_result", e.target.value)} />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h3>{t("accounts.sections.contract")}</h3>
        <div className="grid-3">
          <Field label={t("accounts.fields.contractStart")} error={err("contract_start")}>
            <DateInput name="contract_start" value={input.contract_start} onChange={(v) => set("contract_start", v)} />
          </Field>
          <Field label={t("accounts.fields.contractEnd")} error={err("contract_end")}>
            <DateInput name="contract_end" value={input.contract_end} onChange={(v) => set("contract_end", v)} />
          </Field>
          <Field label={t("accounts.fields.renegotiation")} error={err("renegotiation_date")}>
            <DateInput name="renegotiation_date" value={input.renegotiation_date} onChange={(v) => set("renegotiation_date", v)} />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <Field label={t("accounts.fields.notes")} error={err("notes")}>
          <textarea name="notes" rows={4} value={input.notes} onChange={(e) => set("notes", e.target.value)} />
        </Field>
      </section>
    </FormModal>
  );
}
