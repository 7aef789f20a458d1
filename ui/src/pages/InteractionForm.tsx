// Logging or planning an interaction, and the small dialogs around it (completing a planned one, a task).
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  api,
  type Interaction,
  type InteractionInput,
  type InteractionKind,
  type InteractionStatus,
  type Task,
  type TaskInput,
} from "../api/client";
import { useAccountOptions, usePersonOptions } from "../api/queries";
import { Combobox, DateInput, Field, FormModal, useToast } from "../components/ui";
import { useSubmit } from "../lib/useSubmit";

const KINDS: InteractionKind[] = ["visit", "call", "informal_meeting", "email", "event"];

function todayIso(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function InteractionForm(props: {
  interaction?: Interaction;
  accountId?: number | null;
  personIds?: number[];
  planned?: boolean;
  date?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const toast = useToast();
  const accounts = useAccountOptions();
  const people = usePersonOptions();
  const existing = props.interaction;
  const [input, setInput] = useState<InteractionInput>(() => ({
    kind: existing?.kind ?? "visit",
    status: existing?.status ?? (props.planned ? "planned" : "done"),
    date: existing?.date ?? props.date ?? todayIso(),
    time: existing?.time ?? null,
    account_id: existing?.account?.id ?? props.accountId ?? null,
    person_ids: existing?.people.map((p) => p.id) ?? props.personIds ?? [],
    topic: existing?.topic ?? "",
    outcome: existing?.outcome ?? "",
    next_step: existing?.next_step ?? "",
    next_step_due: null,
  }));
  const set = <K extends keyof InteractionInput>(key: K, value: InteractionInput[K]) =>
    setInput((i) => ({ ...i, [key]: value }));
  const submit = useSubmit(
    () => (existing ? api.updateInteraction(existing.id, input) : api.logInteraction(input)),
    () => {
      toast(t("interactions.saved"));
      props.onClose();
    },
  );
  const err = submit.fieldError;
  const planned = input.status === "planned";
  const title = existing ? t("interactions.edit") : planned ? t("interactions.plan") : t("interactions.log");

  return (
    <FormModal
      title={title}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="interaction-form"
    >
      <div className="grid-3">
        <Field label={t("interactions.fields.kind")} error={err("kind")}>
          <select name="kind" value={input.kind ?? ""} onChange={(e) => set("kind", e.target.value as InteractionKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`interactionKind.${k}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("interactions.fields.date")} error={err("date")}>
          <DateInput name="date" value={input.date} onChange={(v) => set("date", v ?? "")} />
        </Field>
        <Field label={t("interactions.fields.status")}>
          <select name="status" value={input.status ?? "done"} onChange={(e) => set("status", e.target.value as InteractionStatus)}>
            {(["done", "planned", "cancelled"] as InteractionStatus[]).map((s) => (
              <option key={s} value={s}>
                {t(`interactionStatus.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("interactions.fields.account")} error={err("account_id")} className="span-2">
          <Combobox
            name="account"
            options={accounts}
            value={input.account_id}
            onChange={(v) => set("account_id", v)}
            placeholder={t("interactions.noAccount")}
            allowClear
          />
        </Field>
        <Field label={t("interactions.fields.time")} error={err("time")}>
          <input name="time" placeholder="09:30" value={input.time ?? ""} onChange={(e) => set("time", e.target.value || null)} />
        </Field>
        <div className="field span-3">
          <span className="label">{t("interactions.fields.people")}</span>
          {input.person_ids.length > 0 && (
            <div className="pills">
              {input.person_ids.map((id) => (
                <span className="pill" key={id}>
                  {people.find((p) => p.value === id)?.label ?? `#${id}`}
                  <button
                    type="button"
                    aria-label={`${t("common.remove")} ${people.find((p) => p.value === id)?.label ?? ""}`}
                    onClick={() => set("person_ids", input.person_ids.filter((p) => p !== id))}
                  >
                    ✕
                  </button>
                </span>
              ))}
            </div>
          )}
          <Combobox
            key={input.person_ids.join(",")}
            name="add-person"
            options={people}
            exclude={input.person_ids}
            value={null}
            onChange={(v) => v !== null && set("person_ids", [...input.person_ids, v])}
            placeholder={t("interactions.addPerson")}
          />
        </div>
        <Field label={t("interactions.fields.topic")} error={err("topic")} className="span-3">
          <input name="topic" value={input.topic} onChange={(e) => set("topic", e.target.value)} />
        </Field>
        {!planned && (
          <Field label={t("interactions.fields.outcome")} error={err("outcome")} className="span-3">
            <textarea name="outcome" rows={3} value={input.outcome} onChange={(e) => set("outcome", e.target.value)} />
          </Field>
        )}
        <Field label={t("interactions.fields.nextStep")} error={err("next_step")} hint={t("interactions.nextStepHint")} className="span-2">
          <input name="next_step" value={input.next_step} onChange={(e) => set("next_step", e.target.value)} />
        </Field>
        <Field label={t("interactions.fields.nextStepDue")} error={err("next_step_due")}>
          <DateInput name="next_step_due" value={input.next_step_due} onChange={(v) => set("next_step_due", v)} />
        </Field>
      </div>
    </FormModal>
  );
}

/** Turns a planned interaction into a logged one, asking how it went. */
export function CompleteInteraction(props: { interaction: Interaction; onClose: () => void }) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState("");
  const submit = useSubmit(() => api.completeInteraction(props.interaction.id, outcome), props.onClose);
  return (
    <FormModal
      narrow
      title={t("interactions.completeTitle")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      submitLabel={t("interactions.complete")}
    >
      <p className="muted">{props.interaction.topic}</p>
      <Field label={t("interactions.fields.outcome")}>
        <textarea name="outcome" rows={4} value={outcome} onChange={(e) => setOutcome(e.target.value)} />
      </Field>
    </FormModal>
  );
}

export function TaskForm(props: { task?: Task; accountId?: number | null; personId?: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const toast = useToast();
  const accounts = useAccountOptions();
  const people = usePersonOptions();
  const [input, setInput] = useState<TaskInput>(() => ({
    title: props.task?.title ?? "",
    due_date: props.task?.due_date ?? todayIso(),
    account_id: props.task?.account?.id ?? props.accountId ?? null,
    person_id: props.task?.person?.id ?? props.personId ?? null,
    notes: props.task?.notes ?? "",
  }));
  const set = <K extends keyof TaskInput>(key: K, value: TaskInput[K]) => setInput((i) => ({ ...i, [key]: value }));
  const submit = useSubmit(
    () => (props.task ? api.updateTask(props.task.id, input) : api.createTask(input)),
    () => {
      toast(t("tasks.saved"));
      props.onClose();
    },
  );
  const err = submit.fieldError;
  return (
    <FormModal
      narrow
      title={props.task ? t("tasks.edit") : t("tasks.new")}
      onClose={props.onClose}
      onSubmit={submit.run}
      saving={submit.saving}
      error={submit.error}
      testId="task-form"
    >
      <div className="stack">
        <Field label={t("tasks.fields.title")} error={err("title")}>
          <input name="title" value={input.title} onChange={(e) => set("title", e.target.value)} />
        </Field>
        <Field label={t("tasks.fields.due")} error={err("due_date")}>
          <DateInput name="due_date" value={input.due_date} onChange={(v) => set("due_date", v ?? "")} />
        </Field>
        <Field label={t("tasks.fields.account")} error={err("account_id")}>
          <Combobox name="account" options={accounts} value={input.account_id} onChange={(v) => set("account_id", v)} allowClear placeholder={t("common.none")} />
        </Field>
        <Field label={t("tasks.fields.person")} error={err("person_id")}>
          <Combobox name="person" options={people} value={input.person_id} onChange={(v) => set("person_id", v)} allowClear placeholder={t("common.none")} />
        </Field>
        <Field label={t("tasks.fields.notes")} error={err("notes")}>
          <textarea name="notes" rows={3} value={input.notes} onChange={(e) => set("notes", e.target.value)} />
        </Field>
      </div>
    </FormModal>
  );
}
