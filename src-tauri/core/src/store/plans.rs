//! Storage of relationship plans (each step is a task, so it shows on Today) and of events with their people.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};

use super::people::{name_sql, require_person};
use super::{now_timestamp, Store};
use crate::error::{Error, Result};
use crate::plans::{
    progress, Event, EventInput, EventParticipant, Participation, PersonEvent, Plan, PlanInput, PlanStep, StepInput,
};
use crate::types::{Ref, RelationshipStage, Source, StepStatus};

/// The plans' columns; `{name}` is replaced by the person's name.
const PLAN_SELECT: &str = "SELECT r.id, r.person_id, {name}, r.goal, r.target_stage, r.budget_minor, r.currency,
        r.delegation, r.status, r.notes, p.relationship_stage
    FROM relationship_plans r JOIN people p ON p.id = r.person_id";

fn plan_select() -> String {
    PLAN_SELECT.replace("{name}", &name_sql("p"))
}

fn steps_of(conn: &Connection, plan_id: i64, today: NaiveDate) -> Result<Vec<PlanStep>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.task_id, t.title, t.due_date, s.skipped, t.done_at, s.cost_minor
         FROM plan_steps s JOIN tasks t ON t.id = s.task_id WHERE s.plan_id = ?1 ORDER BY t.due_date, s.id",
    )?;
    let rows = stmt.query_map([plan_id], |r| {
        let due: NaiveDate = r.get(3)?;
        let skipped: bool = r.get(4)?;
        let done_at: Option<String> = r.get(5)?;
        let status = match (skipped, &done_at) {
            (true, _) => StepStatus::Skipped,
            (false, Some(_)) => StepStatus::Done,
            (false, None) => StepStatus::Planned,
        };
        Ok(PlanStep {
            id: r.get(0)?,
            task_id: r.get(1)?,
            title: r.get(2)?,
            due_date: due,
            status,
            done_date: done_at.filter(|_| !skipped).and_then(|d| d.get(..10).and_then(|d| d.parse().ok())),
            cost_minor: r.get(6)?,
            overdue: status == StepStatus::Planned && due < today,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn plans_where(conn: &Connection, clause: &str, id: i64, today: NaiveDate) -> Result<Vec<Plan>> {
    let mut stmt =
        conn.prepare_cached(&format!("{} WHERE {clause} ORDER BY r.status = 'active' DESC, r.id DESC", plan_select()))?;
    let rows = stmt.query_map([id], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Ref { id: r.get(1)?, name: r.get(2)? },
            r.get::<_, String>(3)?,
            r.get::<_, RelationshipStage>(4)?,
            r.get(5)?,
            r.get(6)?,
            r.get(7)?,
            r.get(8)?,
            r.get(9)?,
            r.get::<_, RelationshipStage>(10)?,
        ))
    })?;
    let mut plans = Vec::new();
    for row in rows {
        let (id, person, goal, target_stage, budget_minor, currency, delegation, status, notes, stage_now) = row?;
        let steps = steps_of(conn, id, today)?;
        let progress = progress(&steps, stage_now, target_stage);
        plans.push(Plan {
            id,
            person,
            goal,
            target_stage,
            budget_minor,
            currency,
            delegation,
            status,
            notes,
            steps,
            progress,
        });
    }
    Ok(plans)
}

fn plan_of_step(conn: &Connection, step_id: i64) -> Result<(i64, i64)> {
    conn.query_row("SELECT plan_id, task_id FROM plan_steps WHERE id = ?1", [step_id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?
        .ok_or(Error::NotFound { what: "The plan step", id: step_id })
}

pub(crate) fn insert_plan(conn: &Connection, input: &PlanInput, source: Source) -> Result<i64> {
    let v = input.validate()?;
    require_person(conn, input.person_id)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO relationship_plans (person_id, goal, target_stage, budget_minor, currency, delegation, status,
                                         notes, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            input.person_id,
            v.goal,
            v.target_stage,
            input.budget_minor,
            v.currency,
            v.delegation,
            v.status,
            v.notes,
            source,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Adds a step: a task for the plan's person, due on the step's date, and the step pointing at it.
pub(crate) fn insert_step(conn: &Connection, plan_id: i64, input: &StepInput, source: Source) -> Result<i64> {
    let (title, due) = input.validate()?;
    let (person_id, goal): (i64, String) = conn
        .query_row("SELECT person_id, goal FROM relationship_plans WHERE id = ?1", [plan_id], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .optional()?
        .ok_or(Error::NotFound { what: "The relationship plan", id: plan_id })?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO tasks (title, due_date, person_id, notes, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
        params![title, due, person_id, format!("Relationship plan: {goal}"), source, now],
    )?;
    let task_id = conn.last_insert_rowid();
    conn.execute(
        "INSERT INTO plan_steps (plan_id, task_id, cost_minor) VALUES (?1, ?2, ?3)",
        params![plan_id, task_id, input.cost_minor],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    pub fn plans_of(&self, person_id: i64, today: NaiveDate) -> Result<Vec<Plan>> {
        require_person(&self.conn, person_id)?;
        plans_where(&self.conn, "r.person_id = ?1", person_id, today)
    }

    pub fn plan(&self, id: i64, today: NaiveDate) -> Result<Plan> {
        plans_where(&self.conn, "r.id = ?1", id, today)?
            .pop()
            .ok_or(Error::NotFound { what: "The relationship plan", id })
    }

    pub fn create_plan(&mut self, input: &PlanInput, today: NaiveDate, source: Source) -> Result<Plan> {
        let id = insert_plan(&self.conn, input, source)?;
        self.announce("person", Some(input.person_id), "plan created", source);
        self.plan(id, today)
    }

    pub fn update_plan(&mut self, id: i64, input: &PlanInput, today: NaiveDate, source: Source) -> Result<Plan> {
        let v = input.validate()?;
        let person_id = self.plan(id, today)?.person.id;
        self.conn.execute(
            "UPDATE relationship_plans SET goal = ?2, target_stage = ?3, budget_minor = ?4, currency = ?5,
                    delegation = ?6, status = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                v.goal,
                v.target_stage,
                input.budget_minor,
                v.currency,
                v.delegation,
                v.status,
                v.notes,
                now_timestamp()
            ],
        )?;
        self.announce("person", Some(person_id), "plan updated", source);
        self.plan(id, today)
    }

    /// Deletes a plan with its steps and their tasks.
    pub fn delete_plan(&mut self, id: i64, source: Source) -> Result<()> {
        let person_id: i64 = self
            .conn
            .query_row("SELECT person_id FROM relationship_plans WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The relationship plan", id })?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM relationship_plans WHERE id = ?1", [id])?;
        tx.commit()?;
        self.announce("person", Some(person_id), "plan deleted", source);
        Ok(())
    }

    pub fn add_step(&mut self, plan_id: i64, input: &StepInput, today: NaiveDate, source: Source) -> Result<Plan> {
        let tx = self.conn.transaction()?;
        insert_step(&tx, plan_id, input, source)?;
        tx.commit()?;
        self.announce("task", None, "plan step added", source);
        self.plan(plan_id, today)
    }

    /// Marks a step planned, done or skipped; its task on Today follows (a skipped step leaves Today).
    pub fn set_step_status(&mut self, step_id: i64, status: StepStatus, today: NaiveDate) -> Result<Plan> {
        let (plan_id, task_id) = plan_of_step(&self.conn, step_id)?;
        let tx = self.conn.transaction()?;
        let done_at = (status != StepStatus::Planned).then(now_timestamp);
        tx.execute(
            "UPDATE tasks SET done_at = CASE WHEN ?2 IS NULL THEN NULL ELSE COALESCE(done_at, ?2) END, updated_at = ?3
             WHERE id = ?1",
            params![task_id, done_at, now_timestamp()],
        )?;
        tx.execute(
            "UPDATE plan_steps SET skipped = ?2 WHERE id = ?1",
            params![step_id, status == StepStatus::Skipped],
        )?;
        tx.commit()?;
        self.announce("task", Some(task_id), "plan step", Source::User);
        self.plan(plan_id, today)
    }

    pub fn delete_step(&mut self, step_id: i64, today: NaiveDate) -> Result<Plan> {
        let (plan_id, task_id) = plan_of_step(&self.conn, step_id)?;
        // The step goes with its task (see the trigger in migration 6).
        self.conn.execute("DELETE FROM tasks WHERE id = ?1", [task_id])?;
        self.announce("task", Some(task_id), "plan step deleted", Source::User);
        self.plan(plan_id, today)
    }

    pub fn create_event(&mut self, input: &EventInput, source: Source) -> Result<Event> {
        let (kind, name, date, place, notes) = input.validate()?;
        let now = now_timestamp();
        self.conn.execute(
            "INSERT INTO events (kind, name, date, place, notes, source, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            params![kind, name, date, place, notes, source, now],
        )?;
        let id = self.conn.last_insert_rowid();
        self.announce("event", Some(id), "created", source);
        self.event(id)
    }

    pub fn update_event(&mut self, id: i64, input: &EventInput, today: NaiveDate, source: Source) -> Result<Event> {
        let (kind, name, date, place, notes) = input.validate()?;
        let before = self.event(id)?;
        // Moving an event into the future would leave attendance recorded for something not yet held.
        if date > today && before.people.iter().any(|p| p.part.attended || p.part.speaker) {
            return Err(Error::invalid(
                "future_date",
                "date",
                "Attendance is already recorded for this event, so it cannot move into the future.",
            ));
        }
        self.conn.execute(
            "UPDATE events SET kind = ?2, name = ?3, date = ?4, place = ?5, notes = ?6, updated_at = ?7 WHERE id = ?1",
            params![id, kind, name, date, place, notes, now_timestamp()],
        )?;
        self.announce("event", Some(id), "updated", source);
        self.event(id)
    }

    pub fn delete_event(&mut self, id: i64, source: Source) -> Result<()> {
        if self.conn.execute("DELETE FROM events WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound { what: "The event", id });
        }
        self.announce("event", Some(id), "deleted", source);
        Ok(())
    }

    pub fn event(&self, id: i64) -> Result<Event> {
        let (kind, name, date, place, notes) = self
            .conn
            .query_row("SELECT kind, name, date, place, notes FROM events WHERE id = ?1", [id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .optional()?
            .ok_or(Error::NotFound { what: "The event", id })?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT e.person_id, {}, e.invited, e.attended, e.speaker
             FROM event_people e JOIN people p ON p.id = e.person_id WHERE e.event_id = ?1
             ORDER BY e.speaker DESC, p.last_name, p.first_name",
            name_sql("p")
        ))?;
        let people = stmt
            .query_map([id], |r| {
                Ok(EventParticipant {
                    person: Ref { id: r.get(0)?, name: r.get(1)? },
                    part: Participation { invited: r.get(2)?, attended: r.get(3)?, speaker: r.get(4)? },
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Event { id, kind, name, date, place, notes, people })
    }

    /// Every event, newest first.
    pub fn events(&self) -> Result<Vec<Ref>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, name || ' (' || date || ')' FROM events ORDER BY date DESC, id DESC")?;
        let rows = stmt.query_map([], |r| Ok(Ref { id: r.get(0)?, name: r.get(1)? }))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records (or changes) a person's part in an event.
    pub fn set_participation(
        &mut self,
        event_id: i64,
        person_id: i64,
        part: Participation,
        today: NaiveDate,
        source: Source,
    ) -> Result<Event> {
        let event = self.event(event_id)?;
        require_person(&self.conn, person_id)?;
        part.check(event.date, today)?;
        self.conn.execute(
            "INSERT INTO event_people (event_id, person_id, invited, attended, speaker) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (event_id, person_id) DO UPDATE SET invited = excluded.invited, attended = excluded.attended,
                 speaker = excluded.speaker",
            params![event_id, person_id, part.invited, part.attended, part.speaker],
        )?;
        self.announce("event", Some(event_id), "participation", source);
        self.event(event_id)
    }

    pub fn remove_participant(&mut self, event_id: i64, person_id: i64, source: Source) -> Result<Event> {
        self.conn
            .execute("DELETE FROM event_people WHERE event_id = ?1 AND person_id = ?2", params![event_id, person_id])?;
        self.announce("event", Some(event_id), "participation", source);
        self.event(event_id)
    }

    /// The events a person was invited to, attended or spoke at, newest first.
    pub fn events_of(&self, person_id: i64) -> Result<Vec<PersonEvent>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT ev.id, ev.name, ev.kind, ev.date, ev.place, e.invited, e.attended, e.speaker,
                    (SELECT count(*) - 1 FROM event_people o WHERE o.event_id = ev.id)
             FROM event_people e JOIN events ev ON ev.id = e.event_id WHERE e.person_id = ?1
             ORDER BY ev.date DESC, ev.id DESC",
        )?;
        let rows = stmt.query_map([person_id], |r| {
            Ok(PersonEvent {
                event: Ref { id: r.get(0)?, name: r.get(1)? },
                kind: r.get(2)?,
                date: r.get(3)?,
                place: r.get(4)?,
                part: Participation { invited: r.get(5)?, attended: r.get(6)?, speaker: r.get(7)? },
                others: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interactions::TaskFilter;
    use crate::people::PersonInput;
    use crate::plans::PlanInput;
    use crate::types::{Delegation, EventKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn setup() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let input = PersonInput {
            last_name: "Aalto".into(),
            relationship_stage: Some(RelationshipStage::FirstContact),
            ..Default::default()
        };
        let id = store.create_person(&input, d(2026, 11, 27), Source::User).unwrap().id;
        (dir, store, id)
    }

    #[test]
    fn plan_steps_are_tasks_on_today_and_progress_follows_them() {
        let (_dir, mut store, person) = setup();
        let today = d(2026, 11, 27);
        let plan = store
            .create_plan(
                &PlanInput {
                    person_id: person,
                    goal: "Speaker at our round table".into(),
                    target_stage: Some(RelationshipStage::Loyalty),
                    budget_minor: Some(2_000_00),
                    delegation: Some(Delegation::D3),
                    ..Default::default()
                },
                today,
                Source::User,
            )
            .unwrap();
        let step =
            |title: &str, due: &str, cost| StepInput { title: title.into(), due_date: due.into(), cost_minor: cost };
        store
            .add_step(plan.id, &step("Invite to the congress dinner", "2026-11-20", Some(300_00)), today, Source::User)
            .unwrap();
        store.add_step(plan.id, &step("Share the new trial data", "2026-11-27", None), today, Source::User).unwrap();
        let plan = store
            .add_step(plan.id, &step("Ask to chair the round table", "2027-02-01", Some(1_500_00)), today, Source::User)
            .unwrap();
        assert_eq!((plan.progress.steps_total, plan.progress.steps_overdue, plan.progress.steps_done), (3, 1, 0));

        // The steps are on Today: one overdue, one due today.
        let brief = store.today(today).unwrap();
        assert_eq!(brief.overdue.iter().filter(|t| t.title == "Invite to the congress dinner").count(), 1);
        assert_eq!(brief.due_today.iter().filter(|t| t.title == "Share the new trial data").count(), 1);

        // Ticking the task off on Today marks the step done and counts its cost.
        let dinner = &plan.steps[0];
        store.set_task_done(dinner.task_id, true, Source::User).unwrap();
        let plan = store.plan(plan.id, today).unwrap();
        assert_eq!(plan.steps[0].status, StepStatus::Done);
        assert_eq!((plan.progress.steps_done, plan.progress.spent_minor, plan.progress.steps_overdue), (1, 300_00, 0));

        // A skipped step leaves Today and the count; planned again, it comes back.
        let plan = store.set_step_status(plan.steps[1].id, StepStatus::Skipped, today).unwrap();
        assert_eq!((plan.steps[1].status, plan.progress.steps_total), (StepStatus::Skipped, 2));
        assert!(store.today(today).unwrap().due_today.is_empty());
        let plan = store.set_step_status(plan.steps[1].id, StepStatus::Planned, today).unwrap();
        assert_eq!(plan.steps[1].status, StepStatus::Planned);

        // The stage aimed for: reached once the relationship gets there.
        assert!(!plan.progress.stage_reached);
        store
            .record_change(
                &crate::network::ChangeInput {
                    person_id: person,
                    change: crate::network::ProfileChange::Stage(RelationshipStage::Loyalty),
                    date: "2026-11-27".into(),
                    note: String::new(),
                },
                today,
                Source::User,
            )
            .unwrap();
        assert!(store.plan(plan.id, today).unwrap().progress.stage_reached);

        // Deleting a step deletes its task; deleting the plan deletes the rest.
        let plan = store.delete_step(plan.steps[2].id, today).unwrap();
        assert_eq!(plan.steps.len(), 2);
        store.delete_plan(plan.id, Source::User).unwrap();
        assert!(store.list_tasks(&TaskFilter { person_id: Some(person), ..Default::default() }).unwrap().is_empty());
    }

    #[test]
    fn bad_plans_and_steps_save_nothing() {
        let (_dir, mut store, person) = setup();
        let today = d(2026, 11, 27);
        let no_target = PlanInput { person_id: person, goal: "Trust".into(), ..Default::default() };
        assert_eq!(store.create_plan(&no_target, today, Source::User).unwrap_err().code(), "required");
        let unknown = PlanInput { person_id: 999, target_stage: Some(RelationshipStage::Close), ..no_target.clone() };
        assert_eq!(store.create_plan(&unknown, today, Source::User).unwrap_err().code(), "not_found");
        let ok = PlanInput { target_stage: Some(RelationshipStage::Close), ..no_target };
        let plan = store.create_plan(&ok, today, Source::User).unwrap();
        let bad = StepInput { title: "Dinner".into(), due_date: "31.2.2027".into(), cost_minor: None };
        assert!(store.add_step(plan.id, &bad, today, Source::User).is_err());
        let negative = StepInput { title: "Dinner".into(), due_date: "2027-01-10".into(), cost_minor: Some(-5) };
        assert_eq!(store.add_step(plan.id, &negative, today, Source::User).unwrap_err().code(), "negative");
        let tasks: i64 = store.conn.query_row("SELECT count(*) FROM tasks", [], |r| r.get(0)).unwrap();
        assert_eq!(tasks, 0);
    }

    #[test]
    fn events_record_invited_attending_and_speaking_people() {
        let (_dir, mut store, person) = setup();
        let today = d(2026, 11, 27);
        let other = store
            .create_person(&PersonInput { last_name: "Berg".into(), ..Default::default() }, today, Source::User)
            .unwrap()
            .id;
        let input = EventInput {
            kind: Some(EventKind::RoundTable),
            name: "Anticoagulation round table".into(),
            date: "2026-12-10".into(),
            place: "Kivilahti".into(),
            notes: String::new(),
        };
        let event = store.create_event(&input, Source::User).unwrap();
        let invited = Participation { invited: true, ..Default::default() };
        store.set_participation(event.id, person, invited, today, Source::User).unwrap();
        // Before the day, attendance cannot be recorded.
        let spoke = Participation { invited: true, attended: true, speaker: true };
        assert_eq!(
            store.set_participation(event.id, other, spoke, today, Source::User).unwrap_err().code(),
            "future_date"
        );
        let after = d(2026, 12, 10);
        let event = store.set_participation(event.id, other, spoke, after, Source::User).unwrap();
        assert_eq!(event.people.len(), 2);
        assert_eq!(event.people[0].person.name, "Berg"); // speakers first
        let mine = store.events_of(person).unwrap();
        assert_eq!((mine.len(), mine[0].others, mine[0].part.invited), (1, 1, true));
        // With attendance recorded, the event cannot move into the future.
        let later = EventInput { date: "2027-01-15".into(), ..input };
        assert_eq!(store.update_event(event.id, &later, after, Source::User).unwrap_err().code(), "future_date");
        store.delete_event(event.id, Source::User).unwrap();
        assert!(store.events_of(person).unwrap().is_empty());
    }
}
