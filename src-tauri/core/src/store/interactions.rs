//! Storage of interactions and tasks, and the week plan.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::accounts::require_account;
use super::people::require_person;
use super::{now_timestamp, Store};
use crate::error::{Error, Result};
use crate::interactions::{
    week_start, Interaction, InteractionFilter, InteractionInput, PlanDay, Task, TaskFilter, TaskInput,
    ValidInteraction, ValidTask, WeekPlan,
};
use crate::people::full_name;
use crate::types::{InteractionStatus, Ref, Source};
use crate::validate;

const INTERACTION_SELECT: &str = "SELECT i.id, i.kind, i.status, i.date, i.time, i.account_id, a.name, i.topic,
        i.outcome, i.next_step, i.source
    FROM interactions i LEFT JOIN accounts a ON a.id = i.account_id";

fn interaction_from_row(r: &Row) -> rusqlite::Result<Interaction> {
    let account = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<String>>(6)?) {
        (Some(id), Some(name)) => Some(Ref { id, name }),
        _ => None,
    };
    Ok(Interaction {
        id: r.get(0)?,
        kind: r.get(1)?,
        status: r.get(2)?,
        date: r.get(3)?,
        time: r.get(4)?,
        account,
        people: Vec::new(),
        topic: r.get(7)?,
        outcome: r.get(8)?,
        next_step: r.get(9)?,
        source: r.get(10)?,
    })
}

/// Fills in the people of each interaction with one query.
fn attach_people(conn: &Connection, interactions: &mut [Interaction]) -> Result<()> {
    if interactions.is_empty() {
        return Ok(());
    }
    let ids: Vec<String> = interactions.iter().map(|i| i.id.to_string()).collect();
    let mut stmt = conn.prepare(&format!(
        "SELECT ip.interaction_id, p.id, p.first_name, p.last_name FROM interaction_people ip
         JOIN people p ON p.id = ip.person_id WHERE ip.interaction_id IN ({})
         ORDER BY p.last_name, p.first_name",
        ids.join(",")
    ))?;
    let mut by_interaction: HashMap<i64, Vec<Ref>> = HashMap::new();
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            Ref { id: r.get(1)?, name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?) },
        ))
    })?;
    for row in rows {
        let (interaction_id, person) = row?;
        by_interaction.entry(interaction_id).or_default().push(person);
    }
    for interaction in interactions.iter_mut() {
        interaction.people = by_interaction.remove(&interaction.id).unwrap_or_default();
    }
    Ok(())
}

const TASK_SELECT: &str = "SELECT t.id, t.title, t.due_date, t.account_id, a.name, t.person_id, p.first_name,
        p.last_name, t.interaction_id, t.notes, t.done_at
    FROM tasks t LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN people p ON p.id = t.person_id";

pub(crate) fn task_from_row(r: &Row) -> rusqlite::Result<Task> {
    let account = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<String>>(4)?) {
        (Some(id), Some(name)) => Some(Ref { id, name }),
        _ => None,
    };
    let person = match (r.get::<_, Option<i64>>(5)?, r.get::<_, Option<String>>(6)?, r.get::<_, Option<String>>(7)?) {
        (Some(id), Some(first), Some(last)) => Some(Ref { id, name: full_name(&first, &last) }),
        _ => None,
    };
    Ok(Task {
        id: r.get(0)?,
        title: r.get(1)?,
        due_date: r.get(2)?,
        account,
        person,
        interaction_id: r.get(8)?,
        notes: r.get(9)?,
        done_at: r.get(10)?,
    })
}

pub(crate) fn tasks_where(
    conn: &Connection,
    where_sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<Task>> {
    let mut stmt = conn.prepare_cached(&format!("{TASK_SELECT} WHERE {where_sql} ORDER BY t.due_date, t.id"))?;
    let rows = stmt.query_map(params, task_from_row)?.collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn interactions_where(
    conn: &Connection,
    where_sql: &str,
    order_sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<Interaction>> {
    let mut stmt = conn.prepare_cached(&format!("{INTERACTION_SELECT} WHERE {where_sql} ORDER BY {order_sql}"))?;
    let mut rows: Vec<Interaction> = stmt.query_map(params, interaction_from_row)?.collect::<rusqlite::Result<_>>()?;
    attach_people(conn, &mut rows)?;
    Ok(rows)
}

fn check_links(conn: &Connection, account_id: Option<i64>, person_ids: &[i64]) -> Result<()> {
    if let Some(id) = account_id {
        require_account(conn, id)?;
    }
    for id in person_ids {
        require_person(conn, *id)?;
    }
    Ok(())
}

pub(crate) fn insert_interaction(
    conn: &Connection,
    v: &ValidInteraction,
    source: Source,
) -> Result<(i64, Option<i64>)> {
    check_links(conn, v.account_id, &v.person_ids)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO interactions (kind, status, date, time, account_id, topic, outcome, next_step, source, created_at,
            updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![v.kind, v.status, v.date, v.time, v.account_id, v.topic, v.outcome, v.next_step, source, now],
    )?;
    let id = conn.last_insert_rowid();
    set_people(conn, id, &v.person_ids)?;
    let task_id = match v.next_step_task() {
        Some(task) => Some(insert_task(conn, &task, Some(id), source)?),
        None => None,
    };
    Ok((id, task_id))
}

fn set_people(conn: &Connection, interaction_id: i64, person_ids: &[i64]) -> Result<()> {
    conn.execute("DELETE FROM interaction_people WHERE interaction_id = ?1", [interaction_id])?;
    let mut stmt = conn.prepare_cached("INSERT INTO interaction_people (interaction_id, person_id) VALUES (?1, ?2)")?;
    for person_id in person_ids {
        stmt.execute([interaction_id, *person_id])?;
    }
    Ok(())
}

pub(crate) fn insert_task(
    conn: &Connection,
    v: &ValidTask,
    interaction_id: Option<i64>,
    source: Source,
) -> Result<i64> {
    check_links(conn, v.account_id, v.person_id.as_slice())?;
    conn.execute(
        "INSERT INTO tasks (title, due_date, account_id, person_id, interaction_id, notes, source, created_at,
            updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![v.title, v.due_date, v.account_id, v.person_id, interaction_id, v.notes, source, now_timestamp()],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    /// Logs (or plans) an interaction. A next step with a due date becomes a task in the same transaction.
    pub fn log_interaction(&mut self, input: &InteractionInput, source: Source) -> Result<Interaction> {
        let v = input.validate()?;
        let tx = self.conn.transaction()?;
        let (id, task_id) = insert_interaction(&tx, &v, source)?;
        tx.commit()?;
        self.announce("interaction", Some(id), "created", source);
        if let Some(task_id) = task_id {
            self.announce("task", Some(task_id), "created", source);
        }
        self.interaction(id)
    }

    /// Saves changes to an interaction. A next step with a due date that has no task yet gets one.
    pub fn update_interaction(&mut self, id: i64, input: &InteractionInput, source: Source) -> Result<Interaction> {
        let v = input.validate()?;
        let tx = self.conn.transaction()?;
        let exists: Option<i64> =
            tx.query_row("SELECT id FROM interactions WHERE id = ?1", [id], |r| r.get(0)).optional()?;
        exists.ok_or(Error::NotFound { what: "The interaction", id })?;
        check_links(&tx, v.account_id, &v.person_ids)?;
        tx.execute(
            "UPDATE interactions SET kind = ?2, status = ?3, date = ?4, time = ?5, account_id = ?6, topic = ?7,
                outcome = ?8, next_step = ?9, updated_at = ?10 WHERE id = ?1",
            params![
                id,
                v.kind,
                v.status,
                v.date,
                v.time,
                v.account_id,
                v.topic,
                v.outcome,
                v.next_step,
                now_timestamp()
            ],
        )?;
        set_people(&tx, id, &v.person_ids)?;
        let has_task: bool =
            tx.query_row("SELECT EXISTS (SELECT 1 FROM tasks WHERE interaction_id = ?1)", [id], |r| r.get(0))?;
        if let Some(task) = v.next_step_task().filter(|_| !has_task) {
            insert_task(&tx, &task, Some(id), source)?;
        }
        tx.commit()?;
        self.announce("interaction", Some(id), "updated", source);
        self.interaction(id)
    }

    pub fn delete_interaction(&mut self, id: i64, source: Source) -> Result<()> {
        let n = self.conn.execute("DELETE FROM interactions WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::NotFound { what: "The interaction", id });
        }
        self.announce("interaction", Some(id), "deleted", source);
        Ok(())
    }

    pub fn interaction(&self, id: i64) -> Result<Interaction> {
        interactions_where(&self.conn, "i.id = :id", "i.id", named_params! { ":id": id })?
            .pop()
            .ok_or(Error::NotFound { what: "The interaction", id })
    }

    /// Newest first.
    pub fn list_interactions(&self, filter: &InteractionFilter) -> Result<Vec<Interaction>> {
        let from = validate::opt_date(&filter.from, "from", "From")?;
        let to = validate::opt_date(&filter.to, "to", "To")?;
        let limit = filter.limit.unwrap_or(500).min(5000);
        interactions_where(
            &self.conn,
            "(:account IS NULL OR i.account_id = :account)
             AND (:person IS NULL OR i.id IN (SELECT interaction_id FROM interaction_people WHERE person_id = :person))
             AND (:from IS NULL OR i.date >= :from) AND (:to IS NULL OR i.date <= :to)
             AND (:status IS NULL OR i.status = :status)",
            &format!("i.date DESC, i.time DESC, i.id DESC LIMIT {limit}"),
            named_params! {
                ":account": filter.account_id, ":person": filter.person_id, ":from": from, ":to": to,
                ":status": filter.status,
            },
        )
    }

    /// The planned interactions of the Monday-to-Sunday week containing `day`.
    pub fn week_plan(&self, day: NaiveDate) -> Result<WeekPlan> {
        let start = week_start(day);
        let end = start + Duration::days(6);
        let planned = interactions_where(
            &self.conn,
            "i.status = 'planned' AND i.date BETWEEN :start AND :end",
            "i.date, i.time IS NULL, i.time, i.id",
            named_params! { ":start": start, ":end": end },
        )?;
        let days = (0..7)
            .map(|offset| {
                let date = start + Duration::days(offset);
                PlanDay { date, interactions: planned.iter().filter(|i| i.date == date).cloned().collect() }
            })
            .collect();
        Ok(WeekPlan { week_start: start, week_end: end, week_number: start.iso_week().week(), days })
    }

    pub fn create_task(&mut self, input: &TaskInput, source: Source) -> Result<Task> {
        let v = input.validate()?;
        let id = insert_task(&self.conn, &v, None, source)?;
        self.announce("task", Some(id), "created", source);
        self.task(id)
    }

    pub fn update_task(&mut self, id: i64, input: &TaskInput, source: Source) -> Result<Task> {
        let v = input.validate()?;
        self.task(id)?;
        check_links(&self.conn, v.account_id, v.person_id.as_slice())?;
        self.conn.execute(
            "UPDATE tasks SET title = ?2, due_date = ?3, account_id = ?4, person_id = ?5, notes = ?6, updated_at = ?7
             WHERE id = ?1",
            params![id, v.title, v.due_date, v.account_id, v.person_id, v.notes, now_timestamp()],
        )?;
        self.announce("task", Some(id), "updated", source);
        self.task(id)
    }

    /// Marks a task done (or open again).
    pub fn set_task_done(&mut self, id: i64, done: bool, source: Source) -> Result<Task> {
        self.task(id)?;
        let done_at = done.then(now_timestamp);
        self.conn.execute(
            "UPDATE tasks SET done_at = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, done_at, now_timestamp()],
        )?;
        self.announce("task", Some(id), "updated", source);
        self.task(id)
    }

    pub fn delete_task(&mut self, id: i64, source: Source) -> Result<()> {
        let n = self.conn.execute("DELETE FROM tasks WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::NotFound { what: "The task", id });
        }
        self.announce("task", Some(id), "deleted", source);
        Ok(())
    }

    pub fn task(&self, id: i64) -> Result<Task> {
        tasks_where(&self.conn, "t.id = :id", named_params! { ":id": id })?
            .pop()
            .ok_or(Error::NotFound { what: "The task", id })
    }

    /// Open tasks (and done ones if asked), soonest due first.
    pub fn list_tasks(&self, filter: &TaskFilter) -> Result<Vec<Task>> {
        tasks_where(
            &self.conn,
            "(:account IS NULL OR t.account_id = :account) AND (:person IS NULL OR t.person_id = :person)
             AND (:all OR t.done_at IS NULL)",
            named_params! { ":account": filter.account_id, ":person": filter.person_id, ":all": filter.include_done },
        )
    }

    /// Turns a planned interaction into a logged one.
    pub fn complete_interaction(&mut self, id: i64, outcome: &str, source: Source) -> Result<Interaction> {
        let outcome = validate::long_text(outcome, "outcome", "Outcome")?;
        let n = self.conn.execute(
            "UPDATE interactions SET status = ?2, outcome = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, InteractionStatus::Done, outcome, now_timestamp()],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "The interaction", id });
        }
        self.announce("interaction", Some(id), "updated", source);
        self.interaction(id)
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::accounts::AccountInput;
    use crate::interactions::{InteractionFilter, InteractionInput, TaskFilter, TaskInput};
    use crate::people::PersonInput;
    use crate::types::{AccountKind, InteractionKind, InteractionStatus, Source};
    use crate::Store;

    fn setup() -> (tempfile::TempDir, Store, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let a = store
            .create_account(
                &AccountInput {
                    name: "Kivilahti Hospital".into(),
                    kind: Some(AccountKind::Hospital),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let p = store
            .create_person(
                &PersonInput { first_name: "Anna".into(), last_name: "Virtanen".into(), ..Default::default() },
                NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
                Source::User,
            )
            .unwrap();
        (dir, store, a.id, p.id)
    }

    #[test]
    fn a_next_step_becomes_a_task_linked_to_the_visit() {
        let (_dir, mut store, account, person) = setup();
        let visit = store
            .log_interaction(
                &InteractionInput {
                    kind: Some(InteractionKind::Visit),
                    date: "2026-11-20".into(),
                    account_id: Some(account),
                    person_ids: vec![person, person],
                    topic: "Formulary committee preparation".into(),
                    outcome: "Interested in the budget impact".into(),
                    next_step: "Send the budget impact model".into(),
                    next_step_due: Some("2026-11-27".into()),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        assert_eq!(visit.people.len(), 1);
        assert_eq!(visit.account.as_ref().unwrap().name, "Kivilahti Hospital");
        let tasks = store.list_tasks(&TaskFilter::default()).unwrap();
        assert_eq!(tasks.len(), 1);
        assert_eq!(tasks[0].title, "Send the budget impact model");
        assert_eq!(tasks[0].interaction_id, Some(visit.id));
        assert_eq!(tasks[0].person.as_ref().unwrap().name, "Anna Virtanen");

        store.set_task_done(tasks[0].id, true, Source::User).unwrap();
        assert!(store.list_tasks(&TaskFilter::default()).unwrap().is_empty());
        assert_eq!(store.list_tasks(&TaskFilter { include_done: true, ..Default::default() }).unwrap().len(), 1);
        assert_eq!(
            store
                .list_interactions(&InteractionFilter { person_id: Some(person), ..Default::default() })
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn links_to_missing_records_save_nothing() {
        let (_dir, mut store, account, _) = setup();
        let input = InteractionInput {
            kind: Some(InteractionKind::Call),
            date: "2026-11-20".into(),
            account_id: Some(account),
            person_ids: vec![4242],
            topic: "Check-in".into(),
            next_step: "Call back".into(),
            next_step_due: Some("2026-11-21".into()),
            ..Default::default()
        };
        assert_eq!(store.log_interaction(&input, Source::User).unwrap_err().code(), "not_found");
        assert!(store.list_interactions(&InteractionFilter::default()).unwrap().is_empty());
        assert!(store.list_tasks(&TaskFilter::default()).unwrap().is_empty());
        let bad_task = TaskInput { title: "x".into(), due_date: "2026-02-30".into(), ..Default::default() };
        assert_eq!(store.create_task(&bad_task, Source::User).unwrap_err().code(), "impossible_date");
    }

    #[test]
    fn the_week_plan_holds_planned_visits_and_calls_by_day() {
        let (_dir, mut store, account, _) = setup();
        for (date, time, status) in [
            ("2026-11-23", Some("14:00"), InteractionStatus::Planned),
            ("2026-11-23", Some("09:00"), InteractionStatus::Planned),
            ("2026-11-29", None, InteractionStatus::Planned),
            ("2026-11-30", None, InteractionStatus::Planned),
            ("2026-11-24", None, InteractionStatus::Done),
        ] {
            store
                .log_interaction(
                    &InteractionInput {
                        kind: Some(InteractionKind::Visit),
                        status: Some(status),
                        date: date.into(),
                        time: time.map(str::to_string),
                        account_id: Some(account),
                        topic: format!("Visit {date}"),
                        ..Default::default()
                    },
                    Source::User,
                )
                .unwrap();
        }
        let plan = store.week_plan(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()).unwrap();
        assert_eq!(plan.week_number, 48);
        assert_eq!(plan.days.len(), 7);
        assert_eq!(plan.days[0].interactions.len(), 2);
        assert_eq!(plan.days[0].interactions[0].time.as_deref(), Some("09:00"));
        assert_eq!(plan.days[1].interactions.len(), 0);
        assert_eq!(plan.days[6].interactions.len(), 1);
        let id = plan.days[0].interactions[0].id;
        let done = store.complete_interaction(id, "Went well", Source::User).unwrap();
        assert_eq!(done.status, InteractionStatus::Done);
    }
}
