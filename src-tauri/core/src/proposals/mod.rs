//! Commercial proposals: built for an account's decision group (sections from their decision styles), priced
//! exactly (see [`offer`]), filled from what Avain knows (see [`variables`]), frozen when sent and followed up with
//! dated tasks. The printed document is [`document::ProposalDocument`]; the `avain-documents` crate renders it to
//! PDF. Storage is in `store::proposals`.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

pub mod document;
pub mod offer;
pub mod sections;
pub mod variables;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::types::{Language, ProposalStatus, Ref, SectionKind};
use crate::validate;

pub use offer::OfferTotals;
pub use sections::{AudienceMember, PlannedSection};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProposalInput {
    pub account_id: i64,
    pub tender_id: Option<i64>,
    pub title: String,
    pub language: Option<Language>,
    /// YYYY-MM-DD; may be empty while drafting, required to print or send.
    pub validity_date: String,
    pub delivery_terms: String,
    pub payment_terms_days: Option<i64>,
    pub notes: String,
}

pub(crate) struct ValidProposal {
    pub title: String,
    pub language: Language,
    pub validity_date: Option<NaiveDate>,
    pub delivery_terms: String,
    pub notes: String,
}

impl ProposalInput {
    pub(crate) fn validate(&self) -> Result<ValidProposal> {
        if self.payment_terms_days.is_some_and(|d| !(0..=365).contains(&d)) {
            return Err(Error::invalid(
                "bad_payment_terms",
                "payment_terms_days",
                "Payment terms are a number of days from 0 to 365.",
            ));
        }
        Ok(ValidProposal {
            title: validate::required_name(&self.title, "title", "Title")?,
            language: self.language.unwrap_or(Language::English),
            validity_date: validate::opt_date(&Some(self.validity_date.clone()), "validity_date", "Validity date")?,
            delivery_terms: validate::long_text(&self.delivery_terms, "delivery_terms", "Delivery terms")?,
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
        })
    }
}

/// An offer line as the user sets it: a SKU, how many packs, and either one of the SKU's price-list discount
/// levels or a discount percentage no higher than the price list's highest level.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ItemInput {
    pub sku_id: i64,
    pub quantity: i64,
    /// The price-list discount column chosen ("" for none, or when `discount_percent` is typed).
    pub discount_label: String,
    pub discount_percent: Option<f64>,
    /// The VAT rate in percent; 14 when not given.
    pub vat_percent: Option<f64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TeamMemberInput {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
}

impl TeamMemberInput {
    pub(crate) fn validate(&self) -> Result<TeamMemberInput> {
        Ok(TeamMemberInput {
            name: validate::required_name(&self.name, "name", "Name")?,
            title: validate::short_text(&self.title, "title", "Position")?,
            phone: validate::short_text(&self.phone, "phone", "Phone")?,
            email: validate::email(&self.email, "email")?,
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SectionInput {
    pub title: String,
    pub body: String,
    pub included: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Section {
    pub id: i64,
    pub kind: SectionKind,
    pub title: String,
    pub body: String,
    pub included: bool,
    /// The library block the text came from.
    pub block_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Item {
    pub id: i64,
    pub sku: Ref,
    pub pack: String,
    pub quantity: i64,
    pub list_price_minor: i64,
    pub discount_label: String,
    pub discount_bp: i64,
    pub vat_bp: i64,
    pub unit_net_minor: i64,
    pub net_minor: i64,
    /// The highest discount the price list allows for this SKU, in basis points.
    pub max_discount_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TeamMember {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
}

/// A warning the KAM should see before sending (the proposal can still be printed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// Something that stops the proposal from being printed or sent, said in the user's words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalProblem {
    pub code: &'static str,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FollowUpTask {
    pub task_id: i64,
    pub step: String,
    pub title: String,
    pub due_date: NaiveDate,
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Proposal {
    pub id: i64,
    pub account: Ref,
    pub tender: Option<Ref>,
    pub title: String,
    pub language: Language,
    pub currency: String,
    pub validity_date: Option<NaiveDate>,
    pub delivery_terms: String,
    pub payment_terms_days: Option<i64>,
    /// The status today: a sent proposal whose validity date has passed without a decision is expired.
    pub status: ProposalStatus,
    pub version: i64,
    /// The current version was sent and cannot be changed; start a new version to revise it.
    pub frozen: bool,
    pub sent_date: Option<NaiveDate>,
    pub receipt_date: Option<NaiveDate>,
    pub negotiation_date: Option<NaiveDate>,
    pub decision_date: Option<NaiveDate>,
    pub notes: String,
    /// The account's whole decision group, and who of them the proposal is for.
    pub candidates: Vec<AudienceMember>,
    pub audience: Vec<i64>,
    pub plan: Vec<PlannedSection>,
    pub sections: Vec<Section>,
    pub items: Vec<Item>,
    pub totals: OfferTotals,
    pub team: Vec<TeamMember>,
    pub follow_up: Vec<FollowUpTask>,
    /// Sent versions, newest first.
    pub versions: Vec<VersionRow>,
    pub warnings: Vec<Warning>,
    pub problems: Vec<ProposalProblem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VersionRow {
    pub version: i64,
    pub sent_date: NaiveDate,
    pub total_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProposalRow {
    pub id: i64,
    pub account: Ref,
    pub title: String,
    pub status: ProposalStatus,
    pub version: i64,
    pub validity_date: Option<NaiveDate>,
    pub sent_date: Option<NaiveDate>,
    pub decision_date: Option<NaiveDate>,
    pub total_minor: i64,
    pub currency: String,
    pub style_mix: String,
}

/// The status a proposal has today: sent, confirmed or negotiated past its validity date without a decision means
/// expired (from the day after the validity date).
pub fn status_on(stored: ProposalStatus, validity: Option<NaiveDate>, today: NaiveDate) -> ProposalStatus {
    use ProposalStatus::*;
    match (stored, validity) {
        (Sent | ReceiptConfirmed | InNegotiation, Some(v)) if v < today => Expired,
        _ => stored,
    }
}

/// The day an expired proposal expired: the day after its validity date.
pub fn expiry_date(validity: NaiveDate) -> NaiveDate {
    validity + Days::new(1)
}

/// Whether a proposal may move from `from` to `to` by the user's hand. Sending goes through [`Store::send_proposal`]
/// and expiry follows the validity date.
pub fn check_transition(from: ProposalStatus, to: ProposalStatus) -> Result<()> {
    use ProposalStatus::*;
    let ok = matches!(
        (from, to),
        (Sent, ReceiptConfirmed | InNegotiation | Accepted | Rejected)
            | (ReceiptConfirmed, InNegotiation | Accepted | Rejected)
            | (InNegotiation, Accepted | Rejected)
    );
    if ok {
        return Ok(());
    }
    let message = match (from, to) {
        (Draft, _) => "Send the proposal first.".to_string(),
        (Accepted | Rejected | Expired, _) => format!(
            "The proposal is already {}; its status no longer changes. Copy it into a new proposal to offer again.",
            status_words(from)
        ),
        (_, Sent | Draft) => "A sent proposal stays sent; start a new version to revise it.".to_string(),
        (_, Expired) => "A proposal expires by itself the day after its validity date.".to_string(),
        _ => format!("A proposal cannot go from {} back to {}.", status_words(from), status_words(to)),
    };
    Err(Error::invalid("bad_status_change", "status", message))
}

pub fn status_words(s: ProposalStatus) -> &'static str {
    match s {
        ProposalStatus::Draft => "a draft",
        ProposalStatus::Sent => "sent",
        ProposalStatus::ReceiptConfirmed => "confirmed as received",
        ProposalStatus::InNegotiation => "in negotiation",
        ProposalStatus::Accepted => "accepted",
        ProposalStatus::Rejected => "rejected",
        ProposalStatus::Expired => "expired",
    }
}

/// The next working day after `day` (Saturdays and Sundays are skipped; public holidays are not known).
pub fn next_working_day(day: NaiveDate) -> NaiveDate {
    add_working_days(day, 1)
}

pub fn add_working_days(mut day: NaiveDate, n: u32) -> NaiveDate {
    let mut left = n;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    day
}

/// One step of the follow-up routine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduledStep {
    pub step: &'static str,
    pub title: String,
    pub due: NaiveDate,
}

/// The field's routine after sending on `sent`: call the next working day to confirm receipt; two working days
/// later ask about next steps and urgency; a week after sending agree the date of a call or meeting on interim
/// results; and, when the validity date leaves room, three working days before it ask for the decision.
pub fn follow_up_schedule(title: &str, account: &str, sent: NaiveDate, validity: NaiveDate) -> Vec<ScheduledStep> {
    let receipt = next_working_day(sent);
    let next_steps = add_working_days(receipt, 2);
    let interim = add_working_days(sent, 5);
    let mut steps = vec![
        ScheduledStep {
            step: "confirm_receipt",
            title: format!("Call {account}: was the proposal “{title}” received?"),
            due: receipt,
        },
        ScheduledStep {
            step: "next_steps",
            title: format!("Ask {account} about next steps and urgency for “{title}”"),
            due: next_steps,
        },
        ScheduledStep {
            step: "interim_meeting",
            title: format!("Agree a call or meeting with {account} on interim results of “{title}”"),
            due: interim,
        },
    ];
    // Three working days before the validity date: the last working day minus two.
    let mut before = validity;
    for _ in 0..3 {
        before = before.pred_opt().unwrap_or(before);
        while matches!(before.weekday(), Weekday::Sat | Weekday::Sun) {
            before = before.pred_opt().unwrap_or(before);
        }
    }
    if before > interim {
        steps.push(ScheduledStep {
            step: "decision",
            title: format!("“{title}” for {account} is valid until {validity}: ask for the decision"),
            due: before,
        });
    }
    steps
}

/// Checks a validity date for printing or sending on `today`.
pub fn check_validity(validity: Option<NaiveDate>, today: NaiveDate) -> Option<ProposalProblem> {
    match validity {
        None => Some(ProposalProblem {
            code: "no_validity_date",
            message: "Give the proposal a validity date: it is printed at the end and decides when it expires.".into(),
        }),
        Some(v) if v < today => Some(ProposalProblem {
            code: "validity_in_past",
            message: format!("The validity date {v} has passed; choose a date from today on."),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_proposal_sent_on_friday_is_followed_up_from_monday() {
        // 2026-11-27 is a Friday.
        let steps = follow_up_schedule("Oncology 2027", "Kivilahti", d("2026-11-27"), d("2026-12-31"));
        let plan: Vec<(&str, NaiveDate)> = steps.iter().map(|s| (s.step, s.due)).collect();
        assert_eq!(
            plan,
            [
                ("confirm_receipt", d("2026-11-30")), // Monday
                ("next_steps", d("2026-12-02")),      // Wednesday
                ("interim_meeting", d("2026-12-04")), // a week later, Friday
                ("decision", d("2026-12-28")),        // three working days before Thursday 31.12.
            ]
        );
        assert!(steps[0].title.contains("Kivilahti") && steps[0].title.contains("Oncology 2027"));
    }

    #[test]
    fn a_proposal_sent_midweek_is_called_the_next_day_and_a_short_validity_skips_the_decision_call() {
        let steps = follow_up_schedule("X", "Y", d("2026-11-24"), d("2026-12-02"));
        let plan: Vec<(&str, NaiveDate)> = steps.iter().map(|s| (s.step, s.due)).collect();
        assert_eq!(
            plan,
            [
                ("confirm_receipt", d("2026-11-25")),
                ("next_steps", d("2026-11-27")),
                ("interim_meeting", d("2026-12-01")),
            ]
        );
        // Sent on a Saturday: Monday.
        assert_eq!(next_working_day(d("2026-11-28")), d("2026-11-30"));
    }

    #[test]
    fn expiry_follows_the_validity_date() {
        use ProposalStatus::*;
        let v = Some(d("2026-12-31"));
        assert_eq!(status_on(Sent, v, d("2026-12-31")), Sent, "valid through its last day");
        assert_eq!(status_on(Sent, v, d("2027-01-01")), Expired);
        assert_eq!(status_on(InNegotiation, v, d("2027-01-01")), Expired);
        assert_eq!(status_on(Accepted, v, d("2027-06-01")), Accepted, "a decision stands");
        assert_eq!(status_on(Draft, v, d("2027-06-01")), Draft, "a draft never expires");
        assert_eq!(expiry_date(d("2026-12-31")), d("2027-01-01"));
    }

    #[test]
    fn validity_is_required_and_not_in_the_past() {
        let today = d("2026-11-27");
        assert_eq!(check_validity(None, today).unwrap().code, "no_validity_date");
        assert_eq!(check_validity(Some(d("2026-11-26")), today).unwrap().code, "validity_in_past");
        assert_eq!(check_validity(Some(today), today), None);
    }

    #[test]
    fn statuses_move_forward_only() {
        use ProposalStatus::*;
        assert!(check_transition(Sent, ReceiptConfirmed).is_ok());
        assert!(check_transition(ReceiptConfirmed, InNegotiation).is_ok());
        assert!(check_transition(InNegotiation, Accepted).is_ok());
        assert!(check_transition(Sent, Rejected).is_ok());
        for (from, to) in [(Draft, Accepted), (InNegotiation, ReceiptConfirmed), (Accepted, Rejected), (Sent, Expired)]
        {
            assert_eq!(check_transition(from, to).unwrap_err().code(), "bad_status_change", "{from:?} → {to:?}");
        }
    }

    #[test]
    fn payment_terms_and_title_are_checked() {
        let bad = ProposalInput { title: "T".into(), payment_terms_days: Some(-1), ..Default::default() };
        assert_eq!(bad.validate().err().unwrap().code(), "bad_payment_terms");
        let untitled = ProposalInput::default();
        assert_eq!(untitled.validate().err().unwrap().code(), "required");
        let wrong_date = ProposalInput { title: "T".into(), validity_date: "31.12.2026".into(), ..Default::default() };
        assert_eq!(wrong_date.validate().err().unwrap().code(), "bad_date");
    }
}
