//! The tender calendar's domain: tenders with their lots and milestones, the rules for their status, and what a
//! template change does to milestones already planned. Scheduling from templates and the holiday calendar are in
//! [`schedule`], the calendar export in [`ics`].

pub mod analysis;
pub mod ics;
pub mod import;
pub mod schedule;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use schedule::{MilestoneKind, Offset, Procedure, Scheduled, TemplateStep};

use crate::error::{Error, Result};
use crate::validate;

/// Where a tender stands. Watching → preparing → submitted → auction → won / lost / cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TenderStatus {
    Watching,
    Preparing,
    Submitted,
    Auction,
    Won,
    Lost,
    Cancelled,
}

impl TenderStatus {
    pub fn is_closed(self) -> bool {
        matches!(self, TenderStatus::Won | TenderStatus::Lost | TenderStatus::Cancelled)
    }
}

/// How a tender ended.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Outcome {
    pub award_date: Option<NaiveDate>,
    pub winner: String,
    pub winning_price_minor: Option<i64>,
    pub loss_reason: String,
}

/// Checks a status change. `reason` is what the user wrote for it (needed to reopen a cancelled tender).
pub fn check_transition(from: TenderStatus, to: TenderStatus, outcome: &Outcome, reason: &str) -> Result<()> {
    if from == to {
        return Ok(());
    }
    if from == TenderStatus::Cancelled && reason.trim().is_empty() {
        return Err(Error::invalid(
            "reason_required",
            "reason",
            "This tender was cancelled. Say why it is back before changing its status.",
        ));
    }
    match to {
        TenderStatus::Won | TenderStatus::Lost if outcome.award_date.is_none() => Err(Error::invalid(
            "award_date_required",
            "award_date",
            format!(
                "A tender is {} only once the award is decided: enter the award date.",
                if to == TenderStatus::Won { "won" } else { "lost" }
            ),
        )),
        TenderStatus::Lost if outcome.loss_reason.trim().is_empty() => Err(Error::invalid(
            "loss_reason_required",
            "loss_reason",
            "Say why the tender was lost (price, specification, registration, …): it is what the win/loss analysis \
             learns from.",
        )),
        _ => Ok(()),
    }
}

/// A competitor's bid for a lot, as the buyer published it (unit price).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Bid {
    pub company: String,
    pub price_minor: Option<i64>,
}

/// One lot: a product line the buyer asks prices for. Prices are per unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LotInput {
    /// The SKU offered, when it is ours or known.
    pub sku_id: Option<i64>,
    /// The active substance asked for (tenders usually name the INN, not a brand).
    pub inn: String,
    pub form: String,
    pub quantity: f64,
    pub max_price_minor: Option<i64>,
    pub our_price_minor: Option<i64>,
    pub competitor_bids: Vec<Bid>,
}

impl LotInput {
    pub fn validate(&self, n: usize) -> Result<LotInput> {
        if !self.quantity.is_finite() || self.quantity <= 0.0 {
            return Err(Error::invalid(
                "out_of_range",
                "lots",
                format!("Lot {n}: the quantity must be more than zero."),
            ));
        }
        if self.max_price_minor.is_some_and(|p| p < 0) || self.our_price_minor.is_some_and(|p| p < 0) {
            return Err(Error::invalid("out_of_range", "lots", format!("Lot {n}: a price cannot be negative.")));
        }
        if self.sku_id.is_none() && self.inn.trim().is_empty() {
            return Err(Error::invalid(
                "required",
                "lots",
                format!("Lot {n}: name the active substance (INN) or choose a SKU."),
            ));
        }
        let mut competitor_bids = Vec::with_capacity(self.competitor_bids.len());
        for b in &self.competitor_bids {
            let company = validate::short_text(&b.company, "lots", "Competitor")?;
            if company.is_empty() && b.price_minor.is_none() {
                continue;
            }
            if company.is_empty() {
                return Err(Error::invalid("required", "lots", format!("Lot {n}: name the competitor of each bid.")));
            }
            if b.price_minor.is_some_and(|p| p < 0) {
                return Err(Error::invalid("out_of_range", "lots", format!("Lot {n}: a price cannot be negative.")));
            }
            competitor_bids.push(Bid { company, price_minor: b.price_minor });
        }
        Ok(LotInput {
            competitor_bids,
            inn: validate::short_text(&self.inn, "lots", "INN")?,
            form: validate::short_text(&self.form, "lots", "Form")?,
            ..self.clone()
        })
    }
}

/// A planned milestone of a tender.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Milestone {
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    pub done: bool,
    /// The user moved it: a template change leaves it where it is.
    pub moved: bool,
}

impl Milestone {
    pub fn warning(&self) -> Option<String> {
        schedule::deadline_warning(self.kind, self.date)
    }
}

/// What the user enters for a tender.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TenderInput {
    pub buyer_id: Option<i64>,
    pub title: String,
    pub procedure: Option<Procedure>,
    pub reference: String,
    pub expected_announcement: Option<NaiveDate>,
    /// Who in the company runs it (the user's name by default).
    pub owner: String,
    pub lots: Vec<LotInput>,
    pub milestones: Vec<Milestone>,
    pub notes: String,
}

impl TenderInput {
    /// Checks the tender as a whole; an error names what to fix, and nothing is saved.
    pub fn validate(&self) -> Result<TenderInput> {
        if self.buyer_id.is_none() {
            return Err(Error::invalid("required", "buyer_id", "Choose the buyer: the account that runs the tender."));
        }
        let title = validate::required_name(&self.title, "title", "Title")?;
        let lots = self.lots.iter().enumerate().map(|(i, l)| l.validate(i + 1)).collect::<Result<Vec<_>>>()?;
        check_order(&self.milestones)?;
        Ok(TenderInput {
            title,
            procedure: Some(self.procedure.unwrap_or(Procedure::OpenTender)),
            reference: validate::short_text(&self.reference, "reference", "Reference number")?,
            owner: validate::short_text(&self.owner, "owner", "Owner")?,
            lots,
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
            ..self.clone()
        })
    }
}

/// The procedure's deadlines must come in their order: questions before the submission, the submission before
/// the auction, the award after both.
pub fn check_order(milestones: &[Milestone]) -> Result<()> {
    use MilestoneKind as K;
    let at = |k: K| milestones.iter().find(|m| m.kind == k).map(|m| m.date);
    let pairs = [
        (K::Announcement, K::ClarificationDeadline),
        (K::ClarificationDeadline, K::SubmissionDeadline),
        (K::Announcement, K::SubmissionDeadline),
        (K::SubmissionDeadline, K::Auction),
        (K::SubmissionDeadline, K::Award),
        (K::Auction, K::Award),
        (K::Award, K::ContractSignature),
    ];
    for (before, after) in pairs {
        if let (Some(b), Some(a)) = (at(before), at(after)) {
            if a < b {
                return Err(Error::invalid(
                    "milestone_order",
                    "milestones",
                    format!(
                        "The {} ({a}) cannot come before the {} ({b}).",
                        after.label().to_lowercase(),
                        before.label().to_lowercase()
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// The milestones after the template changed: those the user moved or marked done stay as they are, the others
/// follow the new template (a step it no longer has is dropped, a new step is added).
pub fn apply_template(existing: &[Milestone], announcement: NaiveDate, template: &[TemplateStep]) -> Vec<Milestone> {
    let mut out: Vec<Milestone> = existing.iter().filter(|m| m.moved || m.done).cloned().collect();
    for s in schedule::schedule(announcement, template) {
        if !out.iter().any(|m| m.kind == s.kind) {
            out.push(Milestone { kind: s.kind, date: s.date, done: false, moved: false });
        }
    }
    out.sort_by_key(|m| (m.date, m.kind));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn planned(announcement: NaiveDate, p: Procedure) -> Vec<Milestone> {
        apply_template(&[], announcement, &p.default_template())
    }

    #[test]
    fn no_win_or_loss_without_an_award_date_and_no_way_back_from_cancelled_without_a_reason() {
        use TenderStatus::*;
        let none = Outcome::default();
        let awarded = Outcome { award_date: Some(d(2027, 3, 1)), ..Default::default() };
        assert_eq!(check_transition(Auction, Won, &none, "").unwrap_err().code(), "award_date_required");
        assert!(check_transition(Auction, Won, &awarded, "").is_ok());
        assert_eq!(check_transition(Auction, Lost, &awarded, "").unwrap_err().code(), "loss_reason_required");
        let lost = Outcome { loss_reason: "Price".into(), ..awarded.clone() };
        assert!(check_transition(Submitted, Lost, &lost, "").is_ok());
        assert_eq!(check_transition(Cancelled, Preparing, &none, "  ").unwrap_err().code(), "reason_required");
        assert!(check_transition(Cancelled, Preparing, &none, "Announced again in May").is_ok());
        assert!(check_transition(Watching, Cancelled, &none, "").is_ok());
        assert!(check_transition(Preparing, Watching, &none, "").is_ok(), "a slip back is allowed");
    }

    #[test]
    fn bad_tenders_are_refused_with_the_reason() {
        let mut t = TenderInput {
            buyer_id: Some(1),
            title: "Insulins 2028".into(),
            lots: vec![LotInput { inn: "insulin glargine".into(), quantity: 1200.0, ..Default::default() }],
            milestones: planned(d(2027, 9, 1), Procedure::ElectronicAuction),
            ..Default::default()
        };
        let ok = t.validate().unwrap();
        assert_eq!(ok.procedure, Some(Procedure::OpenTender));

        assert_eq!(TenderInput { buyer_id: None, ..t.clone() }.validate().unwrap_err().code(), "required");
        let negative = vec![LotInput { inn: "x".into(), quantity: -5.0, ..Default::default() }];
        let err = TenderInput { lots: negative, ..t.clone() }.validate().unwrap_err();
        assert_eq!((err.code(), err.to_string().contains("Lot 1")), ("out_of_range", true));

        // The submission deadline moved after the auction.
        let auction = t.milestones.iter().find(|m| m.kind == MilestoneKind::Auction).unwrap().date;
        for m in &mut t.milestones {
            if m.kind == MilestoneKind::SubmissionDeadline {
                m.date = auction + chrono::Days::new(1);
            }
        }
        let err = t.validate().unwrap_err();
        assert_eq!(err.code(), "milestone_order");
        assert!(err.to_string().contains("auction"), "{err}");
    }

    #[test]
    fn a_template_change_after_creation_keeps_what_the_user_moved_or_finished() {
        let announcement = d(2027, 10, 15);
        let mut ms = planned(announcement, Procedure::OpenTender);
        // The KAM moved the stakeholder meetings and finished the needs analysis.
        for m in &mut ms {
            match m.kind {
                MilestoneKind::StakeholderMeetings => {
                    m.date = d(2027, 5, 3);
                    m.moved = true;
                }
                MilestoneKind::NeedsAnalysis => m.done = true,
                _ => {}
            }
        }
        // Settings: the open tender now gives 45 days for submissions and has an auction.
        let mut template = Procedure::OpenTender.default_template();
        for s in &mut template {
            if s.kind == MilestoneKind::SubmissionDeadline {
                s.offset = Offset::Days(45);
            }
        }
        template.push(TemplateStep { kind: MilestoneKind::Auction, offset: Offset::Days(50) });
        let after = apply_template(&ms, announcement, &template);
        let at = |k: MilestoneKind| after.iter().find(|m| m.kind == k).unwrap();
        assert_eq!(at(MilestoneKind::StakeholderMeetings).date, d(2027, 5, 3));
        assert!(at(MilestoneKind::NeedsAnalysis).done);
        assert_eq!(at(MilestoneKind::NeedsAnalysis).date, d(2027, 1, 15));
        assert_eq!(at(MilestoneKind::SubmissionDeadline).date, d(2027, 11, 29));
        assert_eq!(at(MilestoneKind::Auction).date, d(2027, 12, 4));
        assert_eq!(after.len(), ms.len() + 1);
        assert!(check_order(&after).is_ok());
    }
}
