//! Interactions (visits, calls, informal meetings, e-mails, events) and tasks. A planned interaction is part of the
//! week plan; a logged one is history, and its next step becomes a task with a due date. Storage is in
//! `store::interactions`.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::types::{InteractionKind, InteractionStatus, Ref, Source};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Interaction {
    pub id: i64,
    pub kind: InteractionKind,
    pub status: InteractionStatus,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub account: Option<Ref>,
    pub people: Vec<Ref>,
    pub topic: String,
    pub outcome: String,
    pub next_step: String,
    pub source: Source,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InteractionInput {
    pub kind: Option<InteractionKind>,
    pub status: Option<InteractionStatus>,
    pub date: String,
    pub time: Option<String>,
    pub account_id: Option<i64>,
    pub person_ids: Vec<i64>,
    pub topic: String,
    pub outcome: String,
    pub next_step: String,
    /// Due date of the task the next step becomes. Required when there is a next step.
    pub next_step_due: Option<String>,
}

#[derive(Debug)]
pub(crate) struct ValidInteraction {
    pub kind: InteractionKind,
    pub status: InteractionStatus,
    pub date: NaiveDate,
    pub time: Option<String>,
    pub account_id: Option<i64>,
    pub person_ids: Vec<i64>,
    pub topic: String,
    pub outcome: String,
    pub next_step: String,
    pub next_step_due: Option<NaiveDate>,
}

impl InteractionInput {
    pub(crate) fn validate(&self) -> Result<ValidInteraction> {
        let kind = self.kind.ok_or_else(|| Error::invalid("required", "kind", "Choose the kind: visit, call, …"))?;
        let date = validate::date(&self.date, "date", "Date")?;
        let topic = validate::required_name(&self.topic, "topic", "Topic")?;
        let next_step = validate::long_text(&self.next_step, "next_step", "Next step")?;
        let next_step_due = validate::opt_date(&self.next_step_due, "next_step_due", "Next step due date")?;
        if !next_step.is_empty() && next_step_due.is_none() {
            return Err(Error::invalid(
                "next_step_needs_due_date",
                "next_step_due",
                "Give the next step a due date, so it reaches your task list.",
            ));
        }
        if self.account_id.is_none() && self.person_ids.is_empty() {
            return Err(Error::invalid(
                "who_required",
                "account_id",
                "Say whom this was with: choose an account, a person, or both.",
            ));
        }
        let mut person_ids = self.person_ids.clone();
        person_ids.sort_unstable();
        person_ids.dedup();
        Ok(ValidInteraction {
            kind,
            status: self.status.unwrap_or(InteractionStatus::Done),
            date,
            time: validate::opt_time(&self.time, "time")?,
            account_id: self.account_id,
            person_ids,
            topic,
            outcome: validate::long_text(&self.outcome, "outcome", "Outcome")?,
            next_step,
            next_step_due,
        })
    }
}

impl ValidInteraction {
    /// The task a next step becomes: due on its date, for the account and the first person met.
    pub(crate) fn next_step_task(&self) -> Option<ValidTask> {
        let due_date = self.next_step_due.filter(|_| !self.next_step.is_empty())?;
        Some(ValidTask {
            title: self.next_step.clone(),
            due_date,
            account_id: self.account_id,
            person_id: self.person_ids.first().copied(),
            notes: String::new(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Task {
    pub id: i64,
    pub title: String,
    pub due_date: NaiveDate,
    pub account: Option<Ref>,
    pub person: Option<Ref>,
    /// The interaction whose next step this task is.
    pub interaction_id: Option<i64>,
    pub notes: String,
    pub done_at: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TaskInput {
    pub title: String,
    pub due_date: String,
    pub account_id: Option<i64>,
    pub person_id: Option<i64>,
    pub notes: String,
}

#[derive(Debug)]
pub(crate) struct ValidTask {
    pub title: String,
    pub due_date: NaiveDate,
    pub account_id: Option<i64>,
    pub person_id: Option<i64>,
    pub notes: String,
}

impl TaskInput {
    pub(crate) fn validate(&self) -> Result<ValidTask> {
        Ok(ValidTask {
            title: validate::required_name(&self.title, "title", "Task")?,
            due_date: validate::date(&self.due_date, "due_date", "Due date")?,
            account_id: self.account_id,
            person_id: self.person_id,
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InteractionFilter {
    pub account_id: Option<i64>,
    pub person_id: Option<i64>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub status: Option<InteractionStatus>,
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TaskFilter {
    pub account_id: Option<i64>,
    pub person_id: Option<i64>,
    pub include_done: bool,
}

/// Planned visits and calls of one Monday-to-Sunday week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct WeekPlan {
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    /// ISO week number, as Finnish calendars show it.
    pub week_number: u32,
    pub days: Vec<PlanDay>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanDay {
    pub date: NaiveDate,
    pub interactions: Vec<Interaction>,
}

/// Monday of the week `day` falls in.
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(day.weekday().num_days_from_monday() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_step_needs_a_due_date() {
        let mut i = InteractionInput {
            kind: Some(InteractionKind::Visit),
            date: "2026-11-20".into(),
            topic: "Formulary review".into(),
            account_id: Some(1),
            next_step: "Send the budget impact model".into(),
            ..Default::default()
        };
        assert_eq!(i.validate().err().unwrap().code(), "next_step_needs_due_date");
        i.next_step_due = Some("2026-11-27".into());
        assert!(i.validate().is_ok());
    }

    #[test]
    fn an_interaction_is_with_someone() {
        let i = InteractionInput {
            kind: Some(InteractionKind::Call),
            date: "2026-11-20".into(),
            topic: "Check-in".into(),
            ..Default::default()
        };
        assert_eq!(i.validate().err().unwrap().code(), "who_required");
    }

    #[test]
    fn weeks_start_on_monday() {
        let thursday = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        assert_eq!(week_start(thursday), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        assert_eq!(week_start(sunday), NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
    }
}
