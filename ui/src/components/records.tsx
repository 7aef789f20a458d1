// Lists shared by Today, the dossier and the person page: tasks with a done box, and the interaction timeline.
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Interaction, type Task } from "../api/client";
import { errorMessage } from "../i18n";
import { formatDate } from "../lib/format";
import { href } from "../lib/router";
import { CompleteInteraction, InteractionForm, TaskForm } from "../pages/InteractionForm";
import { useLang, useToast } from "./ui";

export function TaskList(props: { tasks: Task[]; today?: string; showLinks?: boolean; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const [editing, setEditing] = useState<Task | null>(null);
  const toggle = async (task: Task) => {
    try {
      await api.setTaskDone(task.id, task.done_at === null);
    } catch (e) {
      toast(errorMessage(e), true);
    }
  };
  return (
    <>
      <ul className="list" data-testid={props.testId}>
        {props.tasks.map((task) => {
          const overdue = props.today !== undefined && task.done_at === null && task.due_date < props.today;
          return (
            <li key={task.id}>
              <input
                type="checkbox"
                aria-label={`${t("today.markDone")}: ${task.title}`}
                checked={task.done_at !== null}
                onChange={() => toggle(task)}
              />
              <span className="grow">
                <button type="button" className="link-btn" onClick={() => setEditing(task)}>
                  {task.title}
                </button>
                {props.showLinks !== false && (task.account || task.person) && (
                  <span className="small muted">
                    {" · "}
                    {task.account && <a href={href({ page: "account", id: task.account.id, tab: "overview" })}>{task.account.name}</a>}
                    {task.account && task.person && ", "}
                    {task.person && <a href={href({ page: "person", id: task.person.id })}>{task.person.name}</a>}
                  </span>
                )}
              </span>
              <span className={`small nowrap num ${overdue ? "chip overdue" : "muted"}`}>{formatDate(task.due_date, lang)}</span>
            </li>
          );
        })}
      </ul>
      {editing && <TaskForm task={editing} onClose={() => setEditing(null)} />}
    </>
  );
}

export function InteractionTimeline(props: { interactions: Interaction[]; testId?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [editing, setEditing] = useState<Interaction | null>(null);
  const [completing, setCompleting] = useState<Interaction | null>(null);
  return (
    <>
      <ul className="timeline" data-testid={props.testId}>
        {props.interactions.map((i) => (
          <li key={i.id}>
            <span className="when">
              {formatDate(i.date, lang)}
              {i.time && <span className="small faint"> {i.time}</span>}
            </span>
            <span className="what">
              <span>
                <span className="chip kind">{t(`interactionKind.${i.kind}`)}</span>{" "}
                {i.status !== "done" && <span className="chip status-potential">{t(`interactionStatus.${i.status}`)}</span>}{" "}
                <button type="button" className="link-btn strong" onClick={() => setEditing(i)}>
                  {i.topic}
                </button>
              </span>
              <span className="small muted">
                {i.account && <a href={href({ page: "account", id: i.account.id, tab: "overview" })}>{i.account.name}</a>}
                {i.account && i.people.length > 0 && " · "}
                {i.people.map((p, n) => (
                  <span key={p.id}>
                    {n > 0 && ", "}
                    <a href={href({ page: "person", id: p.id })}>{p.name}</a>
                  </span>
                ))}
              </span>
              {i.outcome && <span className="pre">{i.outcome}</span>}
              {i.next_step && <span className="next">→ {t("interactions.nextStep", { step: i.next_step })}</span>}
              {i.status === "planned" && (
                <span>
                  <button type="button" className="btn small" onClick={() => setCompleting(i)}>
                    ✓ {t("interactions.complete")}
                  </button>
                </span>
              )}
            </span>
          </li>
        ))}
      </ul>
      {editing && <InteractionForm interaction={editing} onClose={() => setEditing(null)} />}
      {completing && <CompleteInteraction interaction={completing} onClose={() => setCompleting(null)} />}
    </>
  );
}

/** The actions every record page offers, in the same order everywhere. */
export function RecordActions(props: {
  onLog: () => void;
  onTask: () => void;
  onEdit: () => void;
  onDelete: () => void;
  editTestId: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="btn-row">
      <button type="button" className="btn primary" onClick={props.onLog}>
        {t("dossier.logInteraction")}
      </button>
      <button type="button" className="btn" onClick={props.onTask}>
        {t("dossier.addTask")}
      </button>
      <button type="button" className="btn" onClick={props.onEdit} data-testid={props.editTestId}>
        {t("common.edit")}
      </button>
      <button type="button" className="btn danger" onClick={props.onDelete}>
        {t("common.delete")}
      </button>
    </div>
  );
}
