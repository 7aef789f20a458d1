// Adding someone to an account's decision group (someone already in Avain, or someone new, saved together with
// their affiliation), and editing a member's buying role, decision style and notes.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type BuyingRole, type DecisionStyle, type MemberCard, type PersonInput } from "../api/client";
import { usePersonOptions } from "../api/queries";
import { Combobox, Field, FormModal, useToast } from "../components/ui";
import { localError, useSubmit } from "../lib/useSubmit";

export const ROLES: BuyingRole[] = [
  "decision_maker",
  "influencer",
  "approver",
  "technical_evaluator",
  "user",
  "gatekeeper",
  "champion",
];
export const STYLES: DecisionStyle[] = ["executive", "people_oriented", "analytical", "technical"];

export function emptyPerson(): PersonInput {
  return {
    first_name: "",
    last_name: "",
    title: "",
    email: "",
    phone: "",
    notes: "",
    relationship_stage: null,
    consent: null,
    personal: { birthday: null, family: "", hobbies: "", values: "", preferred_channel: null },
  };
}

function RoleAndStyle(props: {
  role: BuyingRole;
  style: DecisionStyle;
  notes: string;
  onRole: (r: BuyingRole) => void;
  onStyle: (s: DecisionStyle) => void;
  onNotes: (n: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="grid-2">
      <Field label={t("group.role")}>
        <select name="buying_role" value={props.role} onChange={(e) => props.onRole(e.target.value as BuyingRole)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("group.style")} hint={t(`styleHint.${props.style}`)}>
        <select name="decision_style" value={props.style} onChange={(e) => props.onStyle(e.target.value as DecisionStyle)}>
          {STYLES.map((s) => (
            <option key={s} value={s}>
              {t(`style.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t("group.notes")} className="span-2">
        <textarea name="member_notes" rows={2} value={props.notes} onChange={(e) => props.onNotes(e.target.value)} />
      </Field>
    </div>
  );
}

export function AddMemberForm(props: { accountId: number; existingPersonIds: number[]; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const people = usePersonOptions();
  const [mode, setMode] = useState<"new" | "existing">("new");
  const [personId, setPersonId] = useState<number | null>(null);
  const [person, setPerson] = useState<PersonInput>(emptyPerson);
  const [role, setRole] = useState<BuyingRole>("decision_maker");
  const [style, setStyle] = useState<DecisionStyle>("executive");
  const [notes, setNotes] = useState("");
  const setP = <K extends keyof PersonInput>(key: K, value: PersonInput[K]) => setPerson((p) => ({ ...p, [key]: value }));

  const submit = useSubmit(
    () => {
      if (mode === "existing") {
        if (personId === null) return Promise.reject(localError(t("group.choosePerson"), "person_id"));
        return api.addMember({ account_id: props.accountId, person_id: personId, buying_role: role, decision_style: style, notes });
      }
      return api.addNewMember({ account_id: props.accountId, person, buying_role: role, decision_style: style, notes });
    },
    (card) => {
      toast(`${card.person_name}: ${t(`role.${card.buying_role}`)}`);
      props.onClose();
    },
  );
  const err = submit.fieldError;
  return (
    <FormModal
      title={t("group.add")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="member-form"
    >
      <div className="btn-row mb3" role="radiogroup">
        <label className="check">
          <input type="radio" name="mode" checked={mode === "new"} onChange={() => setMode("new")} /> {t("group.newPerson")}
        </label>
        <label className="check">
          <input type="radio" name="mode" checked={mode === "existing"} onChange={() => setMode("existing")} /> {t("group.existing")}
        </label>
      </div>
      {mode === "existing" ? (
        <Field label={t("group.person")} error={err("person_id")}>
          <Combobox name="person" options={people} exclude={props.existingPersonIds} value={personId} onChange={setPersonId} placeholder={t("group.choosePerson")} />
        </Field>
      ) : (
        <div className="grid-2">
          <Field label={t("people.fields.firstName")} error={err("first_name")}>
            <input name="first_name" value={person.first_name} onChange={(e) => setP("first_name", e.target.value)} />
          </Field>
          <Field label={t("people.fields.lastName")} error={err("last_name")}>
            <input name="last_name" value={person.last_name} onChange={(e) => setP("last_name", e.target.value)} />
          </Field>
          <Field label={t("people.fields.title")} error={err("title")} className="span-2">
            <input name="title" value={person.title} onChange={(e) => setP("title", e.target.value)} />
          </Field>
          <Field label={t("people.fields.email")} error={err("email")}>
            <input name="email" type="email" value={person.email} onChange={(e) => setP("email", e.target.value)} />
          </Field>
          <Field label={t("people.fields.phone")} error={err("phone")}>
            <input name="phone" value={person.phone} onChange={(e) => setP("phone", e.target.value)} />
          </Field>
        </div>
      )}
      <div className="mt3">
        <RoleAndStyle role={role} style={style} notes={notes} onRole={setRole} onStyle={setStyle} onNotes={setNotes} />
      </div>
    </FormModal>
  );
}

export function EditMemberForm(props: { member: MemberCard; onClose: () => void }) {
  const { t } = useTranslation();
  const m = props.member;
  const [role, setRole] = useState(m.buying_role);
  const [style, setStyle] = useState(m.decision_style);
  const [notes, setNotes] = useState(m.notes);
  const submit = useSubmit(
    () =>
      api.updateMember(m.id, { account_id: m.account_id, person_id: m.person_id, buying_role: role, decision_style: style, notes }),
    props.onClose,
  );
  return (
    <FormModal
      title={`${t("group.edit")}: ${m.person_name}`}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      narrow
    >
      <RoleAndStyle role={role} style={style} notes={notes} onRole={setRole} onStyle={setStyle} onNotes={setNotes} />
    </FormModal>
  );
}
