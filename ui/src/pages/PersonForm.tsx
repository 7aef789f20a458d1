// The person form: business details, consent, and the personal section that opens only once consent is recorded.
// Withdrawing consent empties the personal section (after confirmation) so personal data never outlives consent.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  type ConsentMethod,
  type Person,
  type PersonInput,
  type PreferredChannel,
  type RelationshipStage,
} from "../api/client";
import { Confirm, DateInput, Field, FormModal, useLang, useToast } from "../components/ui";
import { birthdayFromParts, birthdayToParts, locale } from "../lib/format";
import { useSubmit } from "../lib/useSubmit";
import { emptyPerson } from "./MemberForm";

const STAGES: RelationshipStage[] = ["no_contact", "first_contact", "acquaintance", "loyalty", "close"];
const METHODS: ConsentMethod[] = ["written", "verbal", "email", "form"];
const CHANNELS: PreferredChannel[] = ["in_person", "phone", "email", "messaging", "video"];

function toInput(p: Person): PersonInput {
  return {
    first_name: p.first_name,
    last_name: p.last_name,
    title: p.title,
    email: p.email,
    phone: p.phone,
    notes: p.notes,
    relationship_stage: p.relationship_stage,
    consent: p.consent,
    personal: p.personal ?? emptyPerson().personal,
  };
}

export function PersonForm(props: { person?: Person; onClose: () => void; onSaved?: (p: Person) => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const lang = useLang();
  const [input, setInput] = useState<PersonInput>(() => (props.person ? toInput(props.person) : emptyPerson()));
  const [birthday, setBirthday] = useState(() => birthdayToParts(input.personal.birthday));
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const set = <K extends keyof PersonInput>(key: K, value: PersonInput[K]) => setInput((i) => ({ ...i, [key]: value }));
  const setPersonal = (patch: Partial<PersonInput["personal"]>) =>
    setInput((i) => ({ ...i, personal: { ...i.personal, ...patch } }));
  const hasConsent = input.consent !== null;
  const hasPersonal =
    birthday.day !== "" || birthday.month !== "" || birthday.year !== "" ||
    ["family", "hobbies", "values"].some((k) => (input.personal as any)[k] !== "") || input.personal.preferred_channel !== null;

  const submit = useSubmit(
    () => {
      const personal = { ...input.personal, birthday: birthdayFromParts(birthday.day, birthday.month, birthday.year) };
      const payload = { ...input, personal };
      return props.person ? api.updatePerson(props.person.id, payload) : api.createPerson(payload);
    },
    (saved) => {
      toast(t("people.saved"));
      props.onSaved?.(saved);
      props.onClose();
    },
  );
  const err = submit.fieldError;

  const toggleConsent = (on: boolean) => {
    if (on) {
      const d = new Date();
      const iso = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
      set("consent", { date: iso, method: "written", note: "" });
    } else if (hasPersonal) {
      setConfirmWithdraw(true);
    } else {
      set("consent", null);
    }
  };
  const withdraw = () => {
    setConfirmWithdraw(false);
    setBirthday({ day: "", month: "", year: "" });
    setInput((i) => ({ ...i, consent: null, personal: emptyPerson().personal }));
  };

  return (
    <FormModal
      title={props.person ? t("people.edit") : t("people.new")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="person-form"
    >
      <section className="form-section">
        <div className="grid-2">
          <Field label={t("people.fields.firstName")} error={err("first_name")}>
            <input name="first_name" value={input.first_name} onChange={(e) => set("first_name", e.target.value)} />
          </Field>
          <Field label={t("people.fields.lastName")} error={err("last_name")}>
            <input name="last_name" value={input.last_name} onChange={(e) => set("last_name", e.target.value)} />
          </Field>
          <Field label={t("people.fields.title")} error={err("title")}>
            <input name="title" value={input.title} onChange={(e) => set("title", e.target.value)} />
          </Field>
          <Field label={t("people.fields.stage")}>
            <select
              name="relationship_stage"
              value={input.relationship_stage ?? "no_contact"}
              onChange={(e) => set("relationship_stage", e.target.value as RelationshipStage)}
            >
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {t(`stage.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("people.fields.email")} error={err("email")}>
            <input name="email" type="email" value={input.email} onChange={(e) => set("email", e.target.value)} />
          </Field>
          <Field label={t("people.fields.phone")} error={err("phone")}>
            <input name="phone" value={input.phone} onChange={(e) => set("phone", e.target.value)} />
          </Field>
          <Field label={t("people.fields.notes")} error={err("notes")} className="span-2">
            <textarea name="notes" rows={3} value={input.notes} onChange={(e) => set("notes", e.target.value)} />
          </Field>
        </div>
      </section>

      <section className="form-section">
        <h3>{t("people.consent.section")}</h3>
        <label className="check">
          <input type="checkbox" name="consent" checked={hasConsent} onChange={(e) => toggleConsent(e.target.checked)} />
          {t("people.consent.recorded")}
        </label>
        {input.consent && (
          <div className="grid-3">
            <Field label={t("people.consent.date")} error={err("consent_date")}>
              <DateInput
                name="consent_date"
                value={input.consent.date}
                onChange={(v) => input.consent && set("consent", { ...input.consent, date: v ?? "" })}
              />
            </Field>
            <Field label={t("people.consent.method")}>
              <select
                name="consent_method"
                value={input.consent.method}
                onChange={(e) => input.consent && set("consent", { ...input.consent, method: e.target.value as ConsentMethod })}
              >
                {METHODS.map((m) => (
                  <option key={m} value={m}>
                    {t(`consentMethod.${m}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("people.consent.note")} error={err("consent_note")}>
              <input
                name="consent_note"
                value={input.consent.note}
                onChange={(e) => input.consent && set("consent", { ...input.consent, note: e.target.value })}
              />
            </Field>
          </div>
        )}
      </section>

      <section className="form-section" aria-disabled={!hasConsent}>
        <h3>{t("people.personal.section")}</h3>
        {!hasConsent && <p className="alert info">{t("people.personal.locked")}</p>}
        <fieldset className="plain" disabled={!hasConsent}>
          <div className="grid-3">
            <Field label={`${t("people.personal.birthday")}: ${t("people.personal.day")}`} error={err("birthday")}>
              <input
                name="birthday_day"
                inputMode="numeric"
                maxLength={2}
                value={birthday.day}
                onChange={(e) => setBirthday((b) => ({ ...b, day: e.target.value.replace(/\D/g, "") }))}
              />
            </Field>
            <Field label={t("people.personal.month")}>
              <select name="birthday_month" value={birthday.month} onChange={(e) => setBirthday((b) => ({ ...b, month: e.target.value }))}>
                <option value="">—</option>
                {Array.from({ length: 12 }, (_, i) => (
                  <option key={i + 1} value={String(i + 1)}>
                    {new Intl.DateTimeFormat(locale(lang), { month: "long" }).format(new Date(2000, i, 1))}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("people.personal.year")}>
              <input
                name="birthday_year"
                inputMode="numeric"
                maxLength={4}
                value={birthday.year}
                onChange={(e) => setBirthday((b) => ({ ...b, year: e.target.value.replace(/\D/g, "") }))}
              />
            </Field>
            <Field label={t("people.personal.family")} error={err("family")}>
              <input name="family" value={input.personal.family} onChange={(e) => setPersonal({ family: e.target.value })} />
            </Field>
            <Field label={t("people.personal.hobbies")} error={err("hobbies")}>
              <input name="hobbies" value={input.personal.hobbies} onChange={(e) => setPersonal({ hobbies: e.target.value })} />
            </Field>
            <Field label={t("people.personal.channel")}>
              <select
                name="preferred_channel"
                value={input.personal.preferred_channel ?? ""}
                onChange={(e) => setPersonal({ preferred_channel: (e.target.value || null) as PreferredChannel | null })}
              >
                <option value="">{t("people.personal.noneChosen")}</option>
                {CHANNELS.map((c) => (
                  <option key={c} value={c}>
                    {t(`channel.${c}`)}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={t("people.personal.values")} error={err("values")} className="span-3">
              <input name="values" value={input.personal.values} onChange={(e) => setPersonal({ values: e.target.value })} />
            </Field>
          </div>
        </fieldset>
      </section>
      {confirmWithdraw && (
        <Confirm
          danger
          title={t("people.consent.withdrawTitle")}
          text={t("people.consent.withdrawText")}
          confirmLabel={t("people.consent.withdraw")}
          onCancel={() => setConfirmWithdraw(false)}
          onConfirm={withdraw}
        />
      )}
    </FormModal>
  );
}
