// The person page's relationship plan (goal, target stage, budget, the manager's delegation level, dated steps that
// are tasks on Today) and the events the person was invited to, attended or spoke at.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  type Delegation,
  type EventKind,
  type Participation,
  type Plan,
  type PlanInput,
  type PlanStatus,
  type RelationshipStage,
} from "../api/client";
import { useEvents, usePersonEvents, usePlans } from "../api/queries";
import { Confirm, DateInput, EmptyState, Field, FormModal, ListPanel, StageIndicator, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatMoney, inputToMinor, moneyToInput } from "../lib/format";
import { STAGES } from "../lib/network";
import { isoToday } from "../lib/tenders";
import { localError, useSubmit } from "../lib/useSubmit";

const DELEGATIONS: Delegation[] = ["d1", "d2", "d3", "d4"];
const PLAN_STATUSES: PlanStatus[] = ["active", "achieved", "dropped"];
const EVENT_KINDS: EventKind[] = ["congress", "round_table", "company_event", "other"];

export function PersonPlanPanels({ personId }: { personId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const plans = usePlans(personId).data ?? [];
  const events = usePersonEvents(personId).data ?? [];
  const [editing, setEditing] = useState<Plan | "new" | null>(null);
  const [joining, setJoining] = useState(false);

  return (
    <>
      <section className="panel wide" data-testid="plan-panel">
        <header>
          <h2>{t("plans.title")}</h2>
          <span className="spacer" />
          <button type="button" className="btn small" onClick={() => setEditing("new")} data-testid="new-plan">
            + {t("plans.new")}
          </button>
        </header>
        {plans.length === 0 ? (
          <EmptyState compact hint={t("plans.empty")} />
        ) : (
          plans.map((p) => <PlanView key={p.id} plan={p} onEdit={() => setEditing(p)} />)
        )}
      </section>

      <ListPanel
        title={t("events.title")}
        testId="events-panel"
        add={{ label: t("events.add"), onClick: () => setJoining(true), testId: "add-to-event" }}
        empty={events.length === 0 && t("events.empty")}
      >
        <ul className="list" data-testid="events-list">
          {events.map((e) => (
            <li key={e.event.id}>
              <span className="small muted nowrap">{formatDate(e.date, lang)}</span>
              <span className="grow">
                {e.event.name}
                <span className="small muted"> · {t(`eventKind.${e.kind}`)}{e.place ? `, ${e.place}` : ""}</span>
              </span>
              <PartChips part={e.part} />
              <span className="small muted nowrap">{t("events.others", { count: e.others })}</span>
            </li>
          ))}
        </ul>
      </ListPanel>

      {editing && <PlanForm personId={personId} plan={editing === "new" ? undefined : editing} onClose={() => setEditing(null)} />}
      {joining && <JoinEventForm personId={personId} onClose={() => setJoining(false)} />}
    </>
  );
}

function PartChips({ part }: { part: Participation }) {
  const { t } = useTranslation();
  return (
    <span className="chips">
      {part.speaker && <span className="chip ok">{t("events.speaker")}</span>}
      {part.attended && !part.speaker && <span className="chip ok">{t("events.attended")}</span>}
      {part.invited && !part.attended && !part.speaker && <span className="chip kind">{t("events.invited")}</span>}
    </span>
  );
}

function PlanView({ plan, onEdit }: { plan: Plan; onEdit: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const [step, setStep] = useState({ title: "", due: isoToday() as string | null, cost: "" });
  const [removing, setRemoving] = useState(false);
  const p = plan.progress;
  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  const addStep = useSubmit(() => {
    const cost = step.cost.trim() ? inputToMinor(step.cost) : null;
    if (cost === undefined) return Promise.reject(localError(t("plans.badCost"), "cost_minor"));
    return api.addStep(plan.id, { title: step.title, due_date: step.due ?? "", cost_minor: cost });
  }, () => setStep({ title: "", due: step.due, cost: "" }));
  const share = p.steps_total > 0 ? p.steps_done / p.steps_total : 0;
  return (
    <div className="plan" data-testid="plan">
      <div className="plan-head">
        <strong className="grow">{plan.goal}</strong>
        <span className={`chip ${plan.status === "active" ? "ok" : "kind"}`}>{t(`planStatus.${plan.status}`)}</span>
        <span className="chip kind" title={t(`delegation.${plan.delegation}.hint`)}>
          {t(`delegation.${plan.delegation}.label`)}
        </span>
        <button type="button" className="btn small ghost" onClick={onEdit}>
          {t("common.edit")}
        </button>
        <button type="button" className="btn small ghost danger" onClick={() => setRemoving(true)}>
          {t("common.delete")}
        </button>
      </div>
      <div className="plan-facts small">
        <span>
          {t("plans.stage")}: <StageIndicator stage={p.stage_now} /> → {t(`stage.${plan.target_stage}`)}{" "}
          {p.stage_reached && <span className="chip ok">{t("plans.reached")}</span>}
        </span>
        <span data-testid="plan-progress">
          {t("plans.steps", { done: p.steps_done, total: p.steps_total })}
          {p.steps_overdue > 0 && <span className="chip overdue"> {t("plans.overdue", { count: p.steps_overdue })}</span>}
        </span>
        <span>
          {t("plans.budget")}: {formatMoney(p.spent_minor, plan.currency, lang)}
          {plan.budget_minor !== null && ` / ${formatMoney(plan.budget_minor, plan.currency, lang)}`}
        </span>
      </div>
      <div className="progress-bar" role="progressbar" aria-valuenow={Math.round(share * 100)} aria-valuemin={0} aria-valuemax={100}>
        <span style={{ width: `${share * 100}%` }} />
      </div>
      <ul className="list plan-steps" data-testid="plan-steps">
        {plan.steps.map((s) => (
          <li key={s.id} className={s.status === "skipped" ? "muted" : ""}>
            <input
              type="checkbox"
              checked={s.status === "done"}
              disabled={s.status === "skipped"}
              aria-label={t("common.done")}
              onChange={(e) => void run(() => api.setStepStatus(s.id, e.target.checked ? "done" : "planned"))}
            />
            <span className={`grow${s.status === "skipped" ? " strike" : ""}`}>{s.title}</span>
            {s.cost_minor !== null && <span className="small muted">{formatMoney(s.cost_minor, plan.currency, lang)}</span>}
            <span className={`small nowrap${s.overdue ? " danger-text" : " muted"}`}>{formatDate(s.due_date, lang)}</span>
            <button
              type="button"
              className="btn small ghost"
              onClick={() => void run(() => api.setStepStatus(s.id, s.status === "skipped" ? "planned" : "skipped"))}
            >
              {s.status === "skipped" ? t("plans.unskip") : t("plans.skip")}
            </button>
            <button type="button" className="btn small ghost" aria-label={t("common.remove")} onClick={() => void run(() => api.deleteStep(s.id))}>
              ×
            </button>
          </li>
        ))}
      </ul>
      <form
        className="plan-add-step"
        onSubmit={(e) => {
          e.preventDefault();
          void addStep.run();
        }}
      >
        <input name="step_title" placeholder={t("plans.stepPlaceholder")} value={step.title} onChange={(e) => setStep({ ...step, title: e.target.value })} />
        <DateInput name="step_due" value={step.due} onChange={(v) => setStep({ ...step, due: v })} />
        <input name="step_cost" className="money" placeholder={t("plans.cost")} value={step.cost} onChange={(e) => setStep({ ...step, cost: e.target.value })} />
        <button type="submit" className="btn small" disabled={addStep.saving} data-testid="add-step">
          + {t("plans.addStep")}
        </button>
        {addStep.error && <span className="small danger-text" role="alert">{addStep.error}</span>}
      </form>
      {removing && (
        <Confirm
          danger
          title={t("common.confirmDeleteTitle", { name: plan.goal })}
          text={t("plans.deleteText")}
          confirmLabel={t("common.delete")}
          onCancel={() => setRemoving(false)}
          onConfirm={() => void run(() => api.deletePlan(plan.id)).then(() => setRemoving(false))}
        />
      )}
    </div>
  );
}

function PlanForm(props: { personId: number; plan?: Plan; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = props.plan;
  const [input, setInput] = useState<PlanInput>({
    person_id: props.personId,
    goal: p?.goal ?? "",
    target_stage: p?.target_stage ?? "loyalty",
    budget_minor: p?.budget_minor ?? null,
    currency: p?.currency ?? "EUR",
    delegation: p?.delegation ?? "d2",
    status: p?.status ?? "active",
    notes: p?.notes ?? "",
  });
  const [budget, setBudget] = useState(moneyToInput(p?.budget_minor ?? null, lang));
  const submit = useSubmit(() => {
    const minor = budget.trim() ? inputToMinor(budget) : null;
    if (minor === undefined) return Promise.reject(localError(t("plans.badCost"), "budget_minor"));
    const full = { ...input, budget_minor: minor };
    return p ? api.updatePlan(p.id, full) : api.createPlan(full);
  }, props.onClose);
  const err = submit.fieldError;
  return (
    <FormModal title={p ? t("plans.edit") : t("plans.new")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="plan-form">
      <div className="grid-2">
        <Field label={t("plans.goal")} error={err("goal")} className="span-2">
          <input name="goal" value={input.goal} onChange={(e) => setInput({ ...input, goal: e.target.value })} placeholder={t("plans.goalPlaceholder")} />
        </Field>
        <Field label={t("plans.target")} error={err("target_stage")}>
          <select name="target_stage" value={input.target_stage ?? ""} onChange={(e) => setInput({ ...input, target_stage: e.target.value as RelationshipStage })}>
            {STAGES.slice(1).map((s) => (
              <option key={s} value={s}>{t(`stage.${s}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("plans.delegationLabel")} hint={input.delegation ? t(`delegation.${input.delegation}.hint`) : undefined}>
          <select name="delegation" value={input.delegation ?? "d1"} onChange={(e) => setInput({ ...input, delegation: e.target.value as Delegation })}>
            {DELEGATIONS.map((d) => (
              <option key={d} value={d}>{t(`delegation.${d}.label`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("plans.budget")} error={err("budget_minor")}>
          <input name="budget" className="money" value={budget} onChange={(e) => setBudget(e.target.value)} />
        </Field>
        <Field label={t("plans.status")}>
          <select name="status" value={input.status ?? "active"} onChange={(e) => setInput({ ...input, status: e.target.value as PlanStatus })}>
            {PLAN_STATUSES.map((s) => (
              <option key={s} value={s}>{t(`planStatus.${s}`)}</option>
            ))}
          </select>
        </Field>
        <Field label={t("people.fields.notes")} error={err("notes")} className="span-2">
          <textarea name="notes" rows={2} value={input.notes} onChange={(e) => setInput({ ...input, notes: e.target.value })} />
        </Field>
      </div>
    </FormModal>
  );
}

function JoinEventForm(props: { personId: number; onClose: () => void }) {
  const { t } = useTranslation();
  const events = useEvents().data ?? [];
  const [eventId, setEventId] = useState<number | "new">(events[0]?.id ?? "new");
  const [event, setEvent] = useState({ kind: "congress" as EventKind, name: "", date: isoToday() as string | null, place: "" });
  const [part, setPart] = useState<Participation>({ invited: true, attended: false, speaker: false });
  const submit = useSubmit(async () => {
    const id =
      eventId === "new"
        ? (await api.createEvent({ kind: event.kind, name: event.name, date: event.date ?? "", place: event.place, notes: "" })).id
        : eventId;
    return api.setParticipation(id, props.personId, part);
  }, props.onClose);
  const err = submit.fieldError;
  const choice = eventId === "new" && events.length === 0 ? "new" : eventId;
  return (
    <FormModal narrow title={t("events.add")} onClose={props.onClose} onSubmit={submit.run} saving={submit.saving} error={submit.error} testId="event-form">
      <Field label={t("events.event")}>
        <select name="event" value={String(choice)} onChange={(e) => setEventId(e.target.value === "new" ? "new" : Number(e.target.value))}>
          {events.map((e) => (
            <option key={e.id} value={e.id}>{e.name}</option>
          ))}
          <option value="new">{t("events.new")}</option>
        </select>
      </Field>
      {choice === "new" && (
        <div className="grid-2">
          <Field label={t("events.kind")}>
            <select name="kind" value={event.kind} onChange={(e) => setEvent({ ...event, kind: e.target.value as EventKind })}>
              {EVENT_KINDS.map((k) => (
                <option key={k} value={k}>{t(`eventKind.${k}`)}</option>
              ))}
            </select>
          </Field>
          <Field label={t("events.date")} error={err("date")}>
            <DateInput name="date" value={event.date} onChange={(v) => setEvent({ ...event, date: v })} />
          </Field>
          <Field label={t("events.name")} error={err("name")} className="span-2">
            <input name="name" value={event.name} onChange={(e) => setEvent({ ...event, name: e.target.value })} />
          </Field>
          <Field label={t("events.place")} error={err("place")} className="span-2">
            <input name="place" value={event.place} onChange={(e) => setEvent({ ...event, place: e.target.value })} />
          </Field>
        </div>
      )}
      <div className="check-row">
        {(["invited", "attended", "speaker"] as const).map((k) => (
          <label key={k}>
            <input type="checkbox" name={k} checked={part[k]} onChange={(e) => setPart({ ...part, [k]: e.target.checked })} /> {t(`events.${k}`)}
          </label>
        ))}
      </div>
      {err("attended", "invited") && <p className="small danger-text">{err("attended", "invited")}</p>}
    </FormModal>
  );
}
