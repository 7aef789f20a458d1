//! Relationship plans and events. Each KOL or VIP relationship is its own project: a plan with a goal, a target
//! relationship stage, a budget, the manager's delegation level (D1–D4) and dated steps. A step is a task (so it
//! shows on Today and is ticked off there); the plan's progress is counted from its steps, its budget spent from the
//! cost of the steps done, and its stage from where the relationship stands now. Events (congresses, round tables,
//! company events) record who was invited, who attended and who spoke. Storage is in `store::plans`.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::types::{Delegation, EventKind, PlanStatus, Ref, RelationshipStage, StepStatus};
use crate::validate;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PlanInput {
    pub person_id: i64,
    pub goal: String,
    pub target_stage: Option<RelationshipStage>,
    /// Minor units of `currency`.
    pub budget_minor: Option<i64>,
    pub currency: String,
    pub delegation: Option<Delegation>,
    pub status: Option<PlanStatus>,
    pub notes: String,
}

pub(crate) struct ValidPlan {
    pub goal: String,
    pub target_stage: RelationshipStage,
    pub currency: String,
    pub delegation: Delegation,
    pub status: PlanStatus,
    pub notes: String,
}

impl PlanInput {
    pub(crate) fn validate(&self) -> Result<ValidPlan> {
        let goal = validate::required_name(&self.goal, "goal", "Goal")?;
        let target_stage = self.target_stage.ok_or_else(|| {
            Error::invalid("required", "target_stage", "Choose the relationship stage the plan aims for.")
        })?;
        if self.budget_minor.is_some_and(|b| b < 0) {
            return Err(Error::invalid("negative", "budget_minor", "A budget cannot be negative."));
        }
        let currency =
            if self.currency.trim().is_empty() { "EUR".to_string() } else { self.currency.trim().to_uppercase() };
        if currency.len() != 3 || !currency.chars().all(|c| c.is_ascii_alphabetic()) {
            return Err(Error::invalid("bad_currency", "currency", "Give the currency as three letters, e.g. EUR."));
        }
        Ok(ValidPlan {
            goal,
            target_stage,
            currency,
            delegation: self.delegation.unwrap_or(Delegation::D1),
            status: self.status.unwrap_or(PlanStatus::Active),
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct StepInput {
    pub title: String,
    pub due_date: String,
    pub cost_minor: Option<i64>,
}

impl StepInput {
    pub(crate) fn validate(&self) -> Result<(String, NaiveDate)> {
        let title = validate::required_name(&self.title, "title", "Step")?;
        let due = validate::date(&self.due_date, "due_date", "Due date")?;
        if self.cost_minor.is_some_and(|c| c < 0) {
            return Err(Error::invalid("negative", "cost_minor", "A cost cannot be negative."));
        }
        Ok((title, due))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanStep {
    pub id: i64,
    /// The task on Today that stands for this step.
    pub task_id: i64,
    pub title: String,
    pub due_date: NaiveDate,
    pub status: StepStatus,
    pub done_date: Option<NaiveDate>,
    pub cost_minor: Option<i64>,
    pub overdue: bool,
}

/// How far a plan has come.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanProgress {
    pub steps_done: u32,
    /// Steps not skipped.
    pub steps_total: u32,
    pub steps_overdue: u32,
    pub spent_minor: i64,
    /// Relationship stage now and the one aimed for, as steps 0–4.
    pub stage_now: RelationshipStage,
    pub stage_reached: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Plan {
    pub id: i64,
    pub person: Ref,
    pub goal: String,
    pub target_stage: RelationshipStage,
    pub budget_minor: Option<i64>,
    pub currency: String,
    pub delegation: Delegation,
    pub status: PlanStatus,
    pub notes: String,
    pub steps: Vec<PlanStep>,
    pub progress: PlanProgress,
}

/// Counts a plan's progress from its steps (the skipped ones left out) and the person's stage now.
pub fn progress(steps: &[PlanStep], stage_now: RelationshipStage, target: RelationshipStage) -> PlanProgress {
    let counted: Vec<&PlanStep> = steps.iter().filter(|s| s.status != StepStatus::Skipped).collect();
    PlanProgress {
        steps_done: counted.iter().filter(|s| s.status == StepStatus::Done).count() as u32,
        steps_total: counted.len() as u32,
        steps_overdue: counted.iter().filter(|s| s.overdue).count() as u32,
        spent_minor: counted.iter().filter(|s| s.status == StepStatus::Done).filter_map(|s| s.cost_minor).sum(),
        stage_now,
        stage_reached: stage_now.step() >= target.step(),
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct EventInput {
    pub kind: Option<EventKind>,
    pub name: String,
    pub date: String,
    pub place: String,
    pub notes: String,
}

impl EventInput {
    pub(crate) fn validate(&self) -> Result<(EventKind, String, NaiveDate, String, String)> {
        let kind = self.kind.ok_or_else(|| Error::invalid("required", "kind", "Choose what kind of event it is."))?;
        Ok((
            kind,
            validate::required_name(&self.name, "name", "Name")?,
            validate::date(&self.date, "date", "Date")?,
            validate::short_text(&self.place, "place", "Place")?,
            validate::long_text(&self.notes, "notes", "Notes")?,
        ))
    }
}

/// A person's part in an event.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Participation {
    pub invited: bool,
    pub attended: bool,
    pub speaker: bool,
}

impl Participation {
    /// Attendance and talks are facts: they can only be recorded for an event that has begun.
    pub(crate) fn check(&self, event_date: NaiveDate, today: NaiveDate) -> Result<()> {
        if (self.attended || self.speaker) && event_date > today {
            return Err(Error::invalid(
                "future_date",
                "attended",
                "Attendance and talks can be recorded once the event has taken place; mark the person invited for now.",
            ));
        }
        if !self.invited && !self.attended && !self.speaker {
            return Err(Error::invalid("required", "invited", "Mark the person invited, attending or speaking."));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EventParticipant {
    pub person: Ref,
    pub part: Participation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Event {
    pub id: i64,
    pub kind: EventKind,
    pub name: String,
    pub date: NaiveDate,
    pub place: String,
    pub notes: String,
    pub people: Vec<EventParticipant>,
}

/// An event seen from one person: the event and their part in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonEvent {
    pub event: Ref,
    pub kind: EventKind,
    pub date: NaiveDate,
    pub place: String,
    pub part: Participation,
    /// Everyone else recorded at the event.
    pub others: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(status: StepStatus, overdue: bool, cost: Option<i64>) -> PlanStep {
        PlanStep {
            id: 1,
            task_id: 1,
            title: "x".into(),
            due_date: NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
            status,
            done_date: None,
            cost_minor: cost,
            overdue,
        }
    }

    #[test]
    fn progress_counts_steps_spending_and_the_stage() {
        let steps = [
            step(StepStatus::Done, false, Some(150_00)),
            step(StepStatus::Done, false, None),
            step(StepStatus::Planned, true, Some(900_00)),
            step(StepStatus::Skipped, false, Some(50_00)),
        ];
        let p = progress(&steps, RelationshipStage::Acquaintance, RelationshipStage::Loyalty);
        assert_eq!((p.steps_done, p.steps_total, p.steps_overdue, p.spent_minor), (2, 3, 1, 150_00));
        assert!(!p.stage_reached);
        assert!(progress(&[], RelationshipStage::Close, RelationshipStage::Loyalty).stage_reached);
    }

    #[test]
    fn plans_need_a_goal_and_a_target_and_no_negative_money() {
        let mut p = PlanInput { goal: "Advisory board member".into(), ..Default::default() };
        assert_eq!(p.validate().err().unwrap().code(), "required");
        p.target_stage = Some(RelationshipStage::Loyalty);
        p.budget_minor = Some(-1);
        assert_eq!(p.validate().err().unwrap().code(), "negative");
        p.budget_minor = Some(5_000_00);
        p.currency = "eur".into();
        let v = p.validate().unwrap();
        assert_eq!((v.currency.as_str(), v.delegation), ("EUR", Delegation::D1));
    }

    #[test]
    fn attendance_is_recorded_only_after_the_event() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 10).unwrap();
        let before = NaiveDate::from_ymd_opt(2026, 12, 9).unwrap();
        let went = Participation { invited: true, attended: true, speaker: false };
        assert_eq!(went.check(day, before).unwrap_err().code(), "future_date");
        assert!(went.check(day, day).is_ok());
        assert!(Participation { invited: true, ..Default::default() }.check(day, before).is_ok());
        assert_eq!(Participation::default().check(day, day).unwrap_err().code(), "required");
    }
}
