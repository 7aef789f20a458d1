// Today: the morning briefing. Tasks (overdue, today, the next 7 days), the week plan, birthdays of consented
// people in the next 7 days, and contracts to renegotiate within 60 days; every line one click from its record.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api, type Interaction, type WeekPlan } from "../api/client";
import { useToday, useWeekPlan } from "../api/queries";
import { TaskList } from "../components/records";
import { EmptyState, useLang, useToast } from "../components/ui";
import { errorMessage } from "../i18n";
import { formatDate, formatDayShort, formatLongDate } from "../lib/format";
import { href } from "../lib/router";
import { InteractionForm, TaskForm } from "./InteractionForm";

function shiftIso(iso: string, days: number): string {
  const [y, m, d] = iso.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

export function TodayPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const toast = useToast();
  const today = useToday();
  const [planning, setPlanning] = useState<string | null>(null);
  const [addingTask, setAddingTask] = useState(false);
  const loaded = today.data !== undefined;
  useEffect(() => {
    // Read by the start-up benchmark (scripts/bench-startup.sh).
    if (loaded) performance.mark("avain:today");
  }, [loaded]);
  if (!today.data) return <div className="page muted">{t("common.loading")}</div>;
  const d = today.data;
  const longDate = formatLongDate(d.date, lang);
  const noTasks = d.overdue.length + d.due_today.length + d.upcoming.length === 0;

  return (
    <div className="page" data-testid="today-page">
      <div className="page-header">
        <h1>{t("today.title")}</h1>
        <span className="muted" data-testid="today-date">
          {longDate}
        </span>
        <span className="spacer" />
        <button type="button" className="btn" onClick={() => setAddingTask(true)}>
          + {t("tasks.new")}
        </button>
        <button type="button" className="btn primary" onClick={() => setPlanning(d.date)}>
          + {t("today.planVisit")}
        </button>
      </div>

      <div className="panels" data-testid="today-loaded">
        <section className="panel" data-testid="today-tasks">
          <header>
            <h2>{t("today.tasks")}</h2>
            {d.overdue.length > 0 && <span className="count-badge danger">{d.overdue.length}</span>}
          </header>
          {noTasks && <EmptyState compact hint={t("today.noTasks")} />}
          {d.overdue.length > 0 && (
            <>
              <h3 className="mb2">{t("today.overdue")}</h3>
              <TaskList tasks={d.overdue} today={d.date} testId="overdue-tasks" />
            </>
          )}
          {d.due_today.length > 0 && (
            <>
              <h3 className="mt3 mb2">{t("today.dueToday")}</h3>
              <TaskList tasks={d.due_today} today={d.date} testId="due-today-tasks" />
            </>
          )}
          {d.upcoming.length > 0 && (
            <>
              <h3 className="mt3 mb2">{t("today.upcoming")}</h3>
              <TaskList tasks={d.upcoming} today={d.date} />
            </>
          )}
        </section>

        <div className="stack">
          <section className="panel" data-testid="today-birthdays">
            <header>
              <h2>{t("today.birthdays")}</h2>
            </header>
            {d.birthdays.length === 0 ? (
              <EmptyState compact hint={t("today.noBirthdays")} />
            ) : (
              <ul className="list">
                {d.birthdays.map((b) => (
                  <li key={b.person_id}>
                    <span className="grow">
                      <a href={href({ page: "person", id: b.person_id })}>{b.name}</a>
                      {b.accounts && <span className="small muted"> · {b.accounts}</span>}
                    </span>
                    {b.turning !== null && <span className="small muted">{t("today.turning", { age: b.turning })}</span>}
                    <span className="small nowrap">
                      {formatDayShort(b.date, lang)} ·{" "}
                      {b.days_until === 0
                        ? t("today.birthdayToday")
                        : b.days_until === 1
                          ? t("today.birthdayInOne")
                          : t("today.birthdayIn", { count: Number(b.days_until) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>

          <section className="panel" data-testid="today-tenders">
            <header>
              <h2>{t("today.tenders")}</h2>
            </header>
            {d.tender_milestones.length === 0 ? (
              <EmptyState compact hint={t("today.noTenders")} />
            ) : (
              <ul className="list">
                {d.tender_milestones.map((m) => {
                  const late = m.date < d.date;
                  return (
                    <li key={`${m.tender_id}-${m.kind}`} title={m.warning ?? undefined}>
                      <input
                        type="checkbox"
                        checked={false}
                        aria-label={t("tenders.milestones.done")}
                        data-testid={`today-milestone-done-${m.tender_id}-${m.kind}`}
                        onChange={() => void api.setMilestoneDone(m.tender_id, m.kind, true).catch((e) => toast(errorMessage(e), true))}
                      />
                      <span className="grow">
                        <strong>{t(`milestones.${m.kind}`)}</strong> ·{" "}
                        <a href={href({ page: "tender", id: m.tender_id })}>{m.title}</a>
                        <span className="small muted">
                          {" · "}
                          <a href={href({ page: "account", id: m.buyer_id, tab: "overview" })}>{m.buyer}</a>
                        </span>
                        {m.warning && <span className="chip warn small"> {t("today.nonWorkingDay")}</span>}
                      </span>
                      <span className={`small nowrap ${late ? "chip overdue" : m.hard ? "warn-text" : ""}`}>{formatDayShort(m.date, lang)}</span>
                    </li>
                  );
                })}
              </ul>
            )}
          </section>

          {d.coverage_alerts.length > 0 && (
            <section className="panel" data-testid="today-coverage">
              <header>
                <h2>{t("today.coverage")}</h2>
              </header>
              <ul className="list">
                {d.coverage_alerts.map((c) => (
                  <li key={c.tender_id}>
                    <span className="grow">
                      <a href={href({ page: "tender", id: c.tender_id })}>
                        <strong>{c.title}</strong>
                      </a>
                      <span className="small muted"> · {c.buyer.name}</span>
                      <div className="small warn-text">
                        {c.nobody && t("tenders.people.nobody")}
                        {c.weak.length > 0 && (
                          <span title={c.weak.map((p) => p.name).join(", ")}>{t("tenders.coverage.weak", { count: c.weak.length })}</span>
                        )}
                        {c.uncovered_styles.length > 0 && (
                          <>
                            {" · "}
                            {t("tenders.people.uncovered", { styles: c.uncovered_styles.map((s) => t(`styles_plural.${s}`)).join(", ") })}
                          </>
                        )}
                      </div>
                    </span>
                    <span className="small nowrap">{t("tenders.coverage.days", { count: Number(c.days_left) })}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}

          <section className="panel" data-testid="today-renegotiations">
            <header>
              <h2>{t("today.renegotiations")}</h2>
            </header>
            {d.renegotiations.length === 0 ? (
              <EmptyState compact hint={t("today.noRenegotiations")} />
            ) : (
              <ul className="list">
                {d.renegotiations.map((r) => (
                  <li key={r.account_id}>
                    <span className="grow">
                      <a href={href({ page: "account", id: r.account_id, tab: "overview" })}>{r.name}</a>
                      {r.contract_end && <span className="small muted"> · {t("today.contractEnds", { date: formatDate(r.contract_end, lang) })}</span>}
                    </span>
                    <span className={`small nowrap ${r.days_until < 0 ? "chip overdue" : ""}`}>
                      {formatDate(r.renegotiation_date, lang)} ·{" "}
                      {r.days_until < 0
                        ? t("today.renegotiateLate", { count: -Number(r.days_until) })
                        : r.days_until === 0
                          ? t("today.renegotiateToday")
                          : t("today.renegotiateIn", { count: Number(r.days_until) })}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>

        <WeekPlanPanel today={d.date} initial={d.week_plan} onPlan={setPlanning} />
      </div>
      {planning && <InteractionForm planned date={planning} onClose={() => setPlanning(null)} />}
      {addingTask && <TaskForm onClose={() => setAddingTask(false)} />}
    </div>
  );
}

function WeekPlanPanel(props: { today: string; initial: WeekPlan; onPlan: (date: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [day, setDay] = useState<string | null>(null);
  const other = useWeekPlan(day);
  const plan = day === null ? props.initial : (other.data ?? props.initial);
  const [opened, setOpened] = useState<Interaction | null>(null);
  const empty = plan.days.every((d) => d.interactions.length === 0);
  return (
    <section className="panel wide" data-testid="week-plan">
      <header>
        <h2>
          {t("today.weekPlan")} · {t("common.week", { n: plan.week_number })}
        </h2>
        <span className="muted small">
          {formatDate(plan.week_start, lang)} – {formatDate(plan.week_end, lang)}
        </span>
        <span className="spacer" />
        <button type="button" className="btn small" aria-label={t("common.previousWeek")} onClick={() => setDay(shiftIso(plan.week_start, -7))}>
          ←
        </button>
        <button type="button" className="btn small" onClick={() => setDay(null)}>
          {t("common.thisWeek")}
        </button>
        <button type="button" className="btn small" aria-label={t("common.nextWeek")} onClick={() => setDay(shiftIso(plan.week_start, 7))}>
          →
        </button>
      </header>
      {empty && <p className="muted small">{t("today.noPlan")}</p>}
      <div className="week">
        {plan.days.map((d, i) => (
          <div key={d.date} className={`day${d.date === props.today ? " today" : ""}${i >= 5 ? " weekend" : ""}`}>
            <span className="date">{formatDayShort(d.date, lang)}</span>
            {d.interactions.map((it) => (
              <button
                type="button"
                key={it.id}
                className="plan-item"
                title={`${it.time ?? ""} ${t(`interactionKind.${it.kind}`)}: ${it.topic} · ${it.account?.name ?? ""}`}
                onClick={() => setOpened(it)}
              >
                {it.time && <strong>{it.time} </strong>}
                {it.account?.name ?? it.people.map((p) => p.name).join(", ")}
                <br />
                <span className="muted">{t(`interactionKind.${it.kind}`)} · {it.topic}</span>
              </button>
            ))}
            <button type="button" className="btn ghost small" aria-label={`${t("today.planVisit")} ${formatDayShort(d.date, lang)}`} onClick={() => props.onPlan(d.date)}>
              +
            </button>
          </div>
        ))}
      </div>
      {opened && (
        <InteractionForm
          interaction={opened}
          onClose={() => setOpened(null)}
        />
      )}
    </section>
  );
}
