// The person page's network panels: profile and standing, the dated history of relationship stage and attitude,
// links to other people, ties to accounts and committees, scientific activity.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  type ActivityInput,
  type ActivityKind,
  type Attitude,
  type ChangeInput,
  type CommitteeKind,
  type LinkInput,
  type LinkKind,
  type NetworkProfile,
  type PersonType,
  type ProfileInput,
  type RelationshipStage,
  type Tier,
  type TieInput,
  type TieKind,
} from "../api/client";
import { useAccountOptions, useCommittees, useNetworkProfile, usePersonOptions } from "../api/queries";
import { AttitudeDot } from "../components/Influence";
import { Combobox, Confirm, DateInput, Field, FormModal, ListPanel, StageIndicator, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatNumber } from "../lib/format";
import { ATTITUDES, LINK_KINDS, STAGES, TIERS } from "../lib/network";
import { href } from "../lib/router";
import { localError, useSubmit } from "../lib/useSubmit";
import { isoToday } from "../lib/tenders";

const PERSON_TYPES: PersonType[] = ["kol", "vip", "hcp", "pharmacist", "purchaser"];
const TIE_KINDS: TieKind[] = ["decides_for", "member_of", "advises"];
const COMMITTEE_KINDS: CommitteeKind[] = ["formulary", "tender_commission", "health_board", "ministry", "insurance_fund", "other"];
const ACTIVITY_KINDS: ActivityKind[] = ["publication", "trial", "guideline", "talk"];

export function PersonNetworkPanels({ personId, name }: { personId: number; name: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const { data: p } = useNetworkProfile(personId);
  const [editing, setEditing] = useState(false);
  const [changing, setChanging] = useState<"stage" | "attitude" | null>(null);
  const [linking, setLinking] = useState(false);
  const [tying, setTying] = useState(false);
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<{ label: string; run: () => Promise<unknown> } | null>(null);
  if (!p) return null;
  const remove = async () => {
    try {
      await removing?.run();
    } catch (e) {
      toast(errorMessage(e), true);
    }
    setRemoving(null);
  };

  return (
    <>
      <section className="panel" data-testid="profile-panel">
        <header>
          <h2>{t("network.profile.title")}</h2>
          <span className="spacer" />
          <button type="button" className="btn small" onClick={() => setEditing(true)} data-testid="edit-profile">
            {t("common.edit")}
          </button>
        </header>
        <dl className="dl">
          <dt>{t("network.profile.type")}</dt>
          <dd>{p.person_type ? t(`personType.${p.person_type}`) : t("common.none")}</dd>
          <dt>{t("network.profile.tier")}</dt>
          <dd>{p.tier ? t(`tier.${p.tier}`) : t("common.none")}</dd>
          <dt>{t("network.profile.attitude")}</dt>
          <dd data-testid="profile-attitude">
            <AttitudeDot attitude={p.attitude} /> {p.attitude ? t(`attitude.${p.attitude}`) : t("attitude.unknown")}{" "}
            <button type="button" className="btn small ghost" onClick={() => setChanging("attitude")} data-testid="change-attitude">
              {t("network.profile.change")}
            </button>
          </dd>
          <dt>{t("people.fields.stage")}</dt>
          <dd data-testid="profile-stage">
            <StageIndicator stage={p.stage} withLabel />{" "}
            <button type="button" className="btn small ghost" onClick={() => setChanging("stage")} data-testid="change-stage">
              {t("network.profile.change")}
            </button>
          </dd>
          <dt>{t("network.profile.areas")}</dt>
          <dd>{p.therapy_areas.join(", ") || t("common.none")}</dd>
          <dt>{t("network.profile.specialties")}</dt>
          <dd>{p.specialties.join(", ") || t("common.none")}</dd>
          <dt>{t("network.profile.competitors")}</dt>
          <dd className="pre">{p.competitor_ties || t("common.none")}</dd>
          <dt>{t("network.profile.influence")}</dt>
          <dd data-testid="profile-standing">
            {p.standing
              ? t("network.profile.standing", {
                  score: formatNumber(p.standing.score, lang),
                  rank: p.standing.rank,
                  of: p.standing.of,
                })
              : t("common.none")}
          </dd>
        </dl>
      </section>

      <ListPanel title={t("network.history.title")} testId="history-panel" empty={p.history.length === 0 && t("network.history.empty")}>
        <ul className="list" data-testid="history-list">
          {p.history.map((h) => (
            <li key={h.id}>
              <span className="small muted nowrap">{formatDate(h.date, lang)}</span>
              <span className="grow">
                {h.change.field === "stage"
                  ? `${t("network.history.stage")}: ${t(`stage.${h.change.value}`)}`
                  : `${t("network.history.attitude")}: ${t(`attitude.${h.change.value}`)}`}
                {h.note && <span className="small muted"> · {h.note}</span>}
              </span>
              <button
                type="button"
                className="btn small ghost"
                aria-label={t("common.remove")}
                onClick={() => setRemoving({ label: formatDate(h.date, lang), run: () => api.deleteHistoryEntry(h.id) })}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      </ListPanel>

      <ListPanel
        title={t("network.links.title")}
        testId="links-panel"
        add={{ label: t("network.links.add"), onClick: () => setLinking(true), testId: "add-link" }}
        empty={p.links.length === 0 && t("network.links.empty")}
      >
        <ul className="list" data-testid="links-list">
          {p.links.map((l) => {
            const outgoing = l.from.id === personId;
            const other = outgoing ? l.to : l.from;
            return (
              <li key={l.id} className={l.current ? "" : "muted"}>
                <span className="grow">
                  <span className="small">{t(`linkKind.${outgoing ? "out" : "in"}.${l.kind}`)} </span>
                  <a href={href({ page: "person", id: other.id })}>{other.name}</a>
                  {l.source_note && <span className="small muted"> · {l.source_note}</span>}
                </span>
                <Strength value={l.strength} />
                <span className="small muted nowrap">{period(l.since, l.until, lang)}</span>
                <button type="button" className="btn small ghost" aria-label={t("common.remove")} onClick={() => setRemoving({ label: other.name, run: () => api.deleteLink(l.id) })}>
                  ×
                </button>
              </li>
            );
          })}
        </ul>
      </ListPanel>

      <ListPanel
        title={t("network.ties.title")}
        testId="ties-panel"
        add={{ label: t("network.ties.add"), onClick: () => setTying(true), testId: "add-tie" }}
        empty={p.ties.length === 0 && t("network.ties.empty")}
      >
        <ul className="list">
          {p.ties.map((tie) => (
            <li key={tie.id} className={tie.current ? "" : "muted"}>
              <span className="grow">
                <span className="small">{t(`tieKind.${tie.kind}`)} </span>
                {tie.is_committee ? tie.target.name : <a href={href({ page: "account", id: tie.target.id, tab: "overview" })}>{tie.target.name}</a>}
                {tie.role && <span className="small muted"> · {tie.role}</span>}
              </span>
              <Strength value={tie.strength} />
              <span className="small muted nowrap">{period(tie.since, tie.until, lang)}</span>
              <button type="button" className="btn small ghost" aria-label={t("common.remove")} onClick={() => setRemoving({ label: tie.target.name, run: () => api.deleteTie(tie.id) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </ListPanel>

      <ListPanel
        title={t("network.activity.title")}
        testId="activity-panel"
        note={t("network.activity.total", { count: p.activity_count })}
        add={{ label: t("network.activity.add"), onClick: () => setAdding(true) }}
        empty={p.activity.length === 0 && t("network.activity.empty")}
      >
        <ul className="list">
          {p.activity.map((a) => (
            <li key={a.id}>
              <span className="chip kind">{t(`activityKind.${a.kind}`)}</span>
              <span className="grow">
                {a.title}
                {a.note && <span className="small muted"> · {a.note}</span>}
              </span>
              {a.count > 1 && <span className="num small">× {a.count}</span>}
              <span className="small muted">{a.year ?? ""}</span>
              <button type="button" className="btn small ghost" aria-label={t("common.remove")} onClick={() => setRemoving({ label: a.title, run: () => api.deleteActivity(a.id) })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      </ListPanel>

      {editing && <ProfileForm profile={p} onClose={() => setEditing(false)} />}
      {changing && <ChangeForm personId={personId} field={changing} profile={p} onClose={() => setChanging(null)} />}
      {linking && <LinkForm personId={personId} name={name} onClose={() => setLinking(false)} />}
      {tying && <TieForm personId={personId} onClose={() => setTying(false)} />}
      {adding && <ActivityForm personId={personId} onClose={() => setAdding(false)} />}
      {removing && (
        <Confirm
          danger
          title={t("common.confirmDeleteTitle", { name: removing.label })}
          text={t("network.removeText")}
          confirmLabel={t("common.remove")}
          onCancel={() => setRemoving(null)}
          onConfirm={remove}
        />
      )}
    </>
  );
}

function Strength({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <span className="strength" title={t("network.strength", { value })} aria-label={t("network.strength", { value })}>
      {[1, 2, 3, 4, 5].map((i) => (
        <span key={i} className={i <= value ? "on" : ""} />
      ))}
    </span>
  );
}

function period(since: string | null, until: string | null, lang: "en" | "fi"): string {
  if (!since && !until) return "";
  return `${formatDate(since, lang) || "…"} – ${formatDate(until, lang) || "…"}`;
}

function ProfileForm(props: { profile: NetworkProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const p = props.profile;
  const [input, setInput] = useState<ProfileInput>({
    person_type: p.person_type,
    tier: p.tier,
    therapy_areas: p.therapy_areas,
    specialties: p.specialties,
    competitor_ties: p.competitor_ties,
  });
  const [areas, setAreas] = useState(p.therapy_areas.join("; "));
  const [specialties, setSpecialties] = useState(p.specialties.join("; "));
  const submit = useSubmit(
    () => api.updateProfile(p.person_id, { ...input, therapy_areas: [areas], specialties: [specialties] }),
    props.onClose,
  );
  const err = submit.fieldError;
  return (
    <FormModal title={t("network.profile.edit")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="profile-form">
      <div className="grid-2">
        <Field label={t("network.profile.type")}>
          <select name="person_type" value={input.person_type ?? ""} onChange={(e) => setInput({ ...input, person_type: (e.target.value || null) as PersonType | null })}>
            <option value="">{t("people.personal.noneChosen")}</option>
            {PERSON_TYPES.map((x) => (
              <option key={x} value={x}>{t(`personType.${x}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("network.profile.tier")}>
          <select name="tier" value={input.tier ?? ""} onChange={(e) => setInput({ ...input, tier: (e.target.value || null) as Tier | null })}>
            <option value="">{t("people.personal.noneChosen")}</option>
            {TIERS.map((x) => (
              <option key={x} value={x}>{t(`tier.${x}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("network.profile.areas")} hint={t("network.profile.listHint")} error={err("therapy_areas")} className="span-2">
          <input name="therapy_areas" value={areas} onChange={(e) => setAreas(e.target.value)} />
        </Field>
        <Field label={t("network.profile.specialties")} hint={t("network.profile.listHint")} error={err("specialties")} className="span-2">
          <input name="specialties" value={specialties} onChange={(e) => setSpecialties(e.target.value)} />
        </Field>
        <Field label={t("network.profile.competitors")} error={err("competitor_ties")} className="span-2">
          <textarea name="competitor_ties" rows={2} value={input.competitor_ties} onChange={(e) => setInput({ ...input, competitor_ties: e.target.value })} />
        </Field>
      </div>
    </FormModal>
  );
}

function ChangeForm(props: { personId: number; field: "stage" | "attitude"; profile: NetworkProfile; onClose: () => void }) {
  const { t } = useTranslation();
  const [stage, setStage] = useState<RelationshipStage>(props.profile.stage);
  const [attitude, setAttitude] = useState<Attitude>(props.profile.attitude ?? "neutral");
  const [date, setDate] = useState<string | null>(isoToday());
  const [note, setNote] = useState("");
  const input = (): ChangeInput => ({
    person_id: props.personId,
    change: props.field === "stage" ? { field: "stage", value: stage } : { field: "attitude", value: attitude },
    date: date ?? "",
    note,
  });
  const submit = useSubmit(() => api.recordChange(input()), props.onClose);
  const err = submit.fieldError;
  return (
    <FormModal narrow title={t(props.field === "stage" ? "network.change.stageTitle" : "network.change.attitudeTitle")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="change-form">
      {props.field === "stage" ? (
        <Field label={t("people.fields.stage")}>
          <select name="stage" value={stage} onChange={(e) => setStage(e.target.value as RelationshipStage)}>
            {STAGES.map((s) => (
              <option key={s} value={s}>{t(`stage.${s}`)}</option>
            ))}
          </select>
        </Field>
      ) : (
        <Field label={t("network.profile.attitude")}>
          <select name="attitude" value={attitude} onChange={(e) => setAttitude(e.target.value as Attitude)}>
            {ATTITUDES.map((a) => (
              <option key={a} value={a}>{t(`attitude.${a}`)}</option>
            ))}
          </select>
        </Field>
      )}
      <Field label={t("network.change.date")} hint={t("network.change.dateHint")} error={err("date")}>
        <DateInput name="date" value={date} onChange={setDate} />
      </Field>
      <Field label={t("network.change.note")} error={err("note")}>
        <input name="note" value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
    </FormModal>
  );
}

function LinkForm(props: { personId: number; name: string; onClose: () => void }) {
  const { t } = useTranslation();
  const people = usePersonOptions();
  const [outgoing, setOutgoing] = useState(true);
  const [other, setOther] = useState<number | null>(null);
  const [input, setInput] = useState<Omit<LinkInput, "from_id" | "to_id">>({ kind: "influences", strength: 3, since: null, until: null, source_note: "" });
  const submit = useSubmit(() => {
    const them = other ?? 0;
    return api.addLink({ ...input, from_id: outgoing ? props.personId : them, to_id: outgoing ? them : props.personId });
  }, props.onClose);
  const err = submit.fieldError;
  return (
    <FormModal title={t("network.links.add")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="link-form">
      <div className="grid-2">
        <Field label={t("network.links.direction")} className="span-2">
          <select name="direction" value={outgoing ? "out" : "in"} onChange={(e) => setOutgoing(e.target.value === "out")}>
            <option value="out">{t("network.links.fromThis", { name: props.name })}</option>
            <option value="in">{t("network.links.toThis", { name: props.name })}</option>
          </select>
        </Field>
        <Field label={t("network.links.kind")}>
          <select name="kind" value={input.kind} onChange={(e) => setInput({ ...input, kind: e.target.value as LinkKind })}>
            {LINK_KINDS.map((k) => (
              <option key={k} value={k}>{t(`linkKind.out.${k}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("network.links.other")} error={err("to_id", "from_id")}>
          <Combobox name="other" options={people.filter((o) => o.value !== props.personId)} value={other} onChange={setOther} />
        </Field>
        <Field label={t("network.links.strength")} hint={t("network.links.strengthHint")} error={err("strength")}>
          <select name="strength" value={input.strength} onChange={(e) => setInput({ ...input, strength: Number(e.target.value) })}>
            {[1, 2, 3, 4, 5].map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </Field>
        <span />
        <Field label={t("network.links.since")} error={err("since")}>
          <DateInput name="since" value={input.since} onChange={(v) => setInput({ ...input, since: v })} />
        </Field>
        <Field label={t("network.links.until")} error={err("until")}>
          <DateInput name="until" value={input.until} onChange={(v) => setInput({ ...input, until: v })} />
        </Field>
        <Field label={t("network.links.source")} error={err("source_note")} className="span-2">
          <input name="source_note" value={input.source_note} onChange={(e) => setInput({ ...input, source_note: e.target.value })} placeholder={t("network.links.sourcePlaceholder")} />
        </Field>
      </div>
    </FormModal>
  );
}

function TieForm(props: { personId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const accounts = useAccountOptions();
  const committees = useCommittees().data ?? [];
  const [target, setTarget] = useState<"account" | "committee" | "new">("committee");
  const [accountId, setAccountId] = useState<number | null>(null);
  const [committeeId, setCommitteeId] = useState<number | null>(null);
  const [newName, setNewName] = useState("");
  const [newKind, setNewKind] = useState<CommitteeKind>("formulary");
  const [input, setInput] = useState<Omit<TieInput, "person_id" | "account_id" | "committee_id">>({
    kind: "member_of",
    role: "",
    strength: 3,
    since: null,
    until: null,
    source_note: "",
  });
  const submit = useSubmit(async () => {
    let committee = committeeId;
    if (target === "new") {
      committee = (await api.createCommittee({ name: newName, kind: newKind, account_id: null, region: "", notes: "" })).id;
    }
    return api.addTie({
      ...input,
      person_id: props.personId,
      account_id: target === "account" ? accountId : null,
      committee_id: target === "account" ? null : committee,
    });
  }, props.onClose);
  const err = submit.fieldError;
  return (
    <FormModal title={t("network.ties.add")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="tie-form">
      <div className="grid-2">
        <Field label={t("network.ties.target")}>
          <select name="target" value={target} onChange={(e) => setTarget(e.target.value as typeof target)}>
            <option value="committee">{t("network.ties.committee")}</option>
            <option value="new">{t("network.ties.newCommittee")}</option>
            <option value="account">{t("network.ties.account")}</option>
          </select>
        </Field>
        {target === "account" && (
          <Field label={t("network.ties.account")} error={err("account_id")}>
            <Combobox name="account" options={accounts} value={accountId} onChange={setAccountId} />
          </Field>
        )}
        {target === "committee" && (
          <Field label={t("network.ties.committee")} error={err("account_id", "committee_id")}>
            <select name="committee" value={committeeId ?? ""} onChange={(e) => setCommitteeId(e.target.value ? Number(e.target.value) : null)}>
              <option value="">{t("people.personal.noneChosen")}</option>
              {committees.map((c) => (
                <option key={c.id} value={c.id}>{c.name}</option>
              ))}
            </select>
          </Field>
        )}
        {target === "new" && (
          <>
            <Field label={t("network.ties.committeeName")} error={err("name")}>
              <input name="committee_name" value={newName} onChange={(e) => setNewName(e.target.value)} />
            </Field>
            <Field label={t("network.ties.committeeKind")}>
              <select name="committee_kind" value={newKind} onChange={(e) => setNewKind(e.target.value as CommitteeKind)}>
                {COMMITTEE_KINDS.map((k) => (
                  <option key={k} value={k}>{t(`committeeKind.${k}`)}</option>
                ))}
              </select>
            </Field>
          </>
        )}
        <Field label={t("network.ties.kind")}>
          <select name="kind" value={input.kind} onChange={(e) => setInput({ ...input, kind: e.target.value as TieKind })}>
            {TIE_KINDS.map((k) => (
              <option key={k} value={k}>{t(`tieKind.${k}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("network.ties.role")} error={err("role")}>
          <input name="role" value={input.role} onChange={(e) => setInput({ ...input, role: e.target.value })} placeholder={t("network.ties.rolePlaceholder")} />
        </Field>
        <Field label={t("network.links.strength")} error={err("strength")}>
          <select name="strength" value={input.strength} onChange={(e) => setInput({ ...input, strength: Number(e.target.value) })}>
            {[1, 2, 3, 4, 5].map((s) => (
              <option key={s} value={s}>{s}</option>
            ))}
          </select>
        </Field>
        <span />
        <Field label={t("network.links.since")} error={err("since")}>
          <DateInput name="since" value={input.since} onChange={(v) => setInput({ ...input, since: v })} />
        </Field>
        <Field label={t("network.links.until")} error={err("until")}>
          <DateInput name="until" value={input.until} onChange={(v) => setInput({ ...input, until: v })} />
        </Field>
        <Field label={t("network.links.source")} error={err("source_note")} className="span-2">
          <input name="source_note" value={input.source_note} onChange={(e) => setInput({ ...input, source_note: e.target.value })} />
        </Field>
      </div>
    </FormModal>
  );
}

function ActivityForm(props: { personId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [input, setInput] = useState<ActivityInput>({ person_id: props.personId, kind: "publication", title: "", year: null, count: null, note: "" });
  const [year, setYear] = useState("");
  const [count, setCount] = useState("");
  const submit = useSubmit(() => {
    const whole = (text: string) => (text.trim() ? (/^\d+$/.test(text.trim()) ? Number(text) : NaN) : null);
    const [y, c] = [whole(year), whole(count)];
    if (Number.isNaN(y)) return Promise.reject(localError(t("network.activity.wholeNumber"), "year"));
    if (Number.isNaN(c)) return Promise.reject(localError(t("network.activity.wholeNumber"), "count"));
    return api.addActivity({ ...input, year: y, count: c });
  }, props.onClose);
  const err = submit.fieldError;
  return (
    <FormModal narrow title={t("network.activity.add")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error}>
      <div className="grid-2">
        <Field label={t("network.activity.kind")}>
          <select name="kind" value={input.kind} onChange={(e) => setInput({ ...input, kind: e.target.value as ActivityKind })}>
            {ACTIVITY_KINDS.map((k) => (
              <option key={k} value={k}>{t(`activityKind.${k}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("network.activity.year")} error={err("year")}>
          <input name="year" inputMode="numeric" value={year} onChange={(e) => setYear(e.target.value)} />
        </Field>
        <Field label={t("network.activity.titleField")} error={err("title")} className="span-2">
          <input name="title" value={input.title} onChange={(e) => setInput({ ...input, title: e.target.value })} placeholder={t("network.activity.titlePlaceholder")} />
        </Field>
        <Field label={t("network.activity.count")} hint={t("network.activity.countHint")} error={err("count")}>
          <input name="count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
        </Field>
        <Field label={t("network.change.note")} error={err("note")}>
          <input name="note" value={input.note} onChange={(e) => setInput({ ...input, note: e.target.value })} />
        </Field>
      </div>
    </FormModal>
  );
}
