//! Milestone scheduling: a plan template per procedure turns the expected announcement date into dated
//! milestones, from the needs analysis about nine months before to the deliveries after the contract.
//!
//! Offsets are in calendar months (preparation, counted back from the announcement; a day that does not exist in
//! the target month falls on that month's last day, so 31 May − 3 months is 28 or 29 February) or in days (the
//! procedure's own deadlines). A deadline that falls on a weekend or a Finnish public holiday is flagged, not
//! moved: the buyer sets the dates, and the KAM must see that the date is odd.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Every kind of milestone a tender can have, in the order they usually happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    NeedsAnalysis,
    SpecificationInput,
    StakeholderMeetings,
    Announcement,
    ClarificationDeadline,
    SubmissionDeadline,
    Auction,
    Award,
    ContractSignature,
    Deliveries,
}

impl MilestoneKind {
    pub fn label(self) -> &'static str {
        match self {
            MilestoneKind::NeedsAnalysis => "Needs analysis",
            MilestoneKind::SpecificationInput => "Specification input",
            MilestoneKind::StakeholderMeetings => "Stakeholder meetings",
            MilestoneKind::Announcement => "Announcement",
            MilestoneKind::ClarificationDeadline => "Clarification questions deadline",
            MilestoneKind::SubmissionDeadline => "Submission deadline",
            MilestoneKind::Auction => "Auction",
            MilestoneKind::Award => "Award decision",
            MilestoneKind::ContractSignature => "Contract signature",
            MilestoneKind::Deliveries => "Deliveries start",
        }
    }

    pub fn label_fi(self) -> &'static str {
        match self {
            MilestoneKind::NeedsAnalysis => "Tarveanalyysi",
            MilestoneKind::SpecificationInput => "Vaikuttaminen tarjouspyyntöön",
            MilestoneKind::StakeholderMeetings => "Sidosryhmätapaamiset",
            MilestoneKind::Announcement => "Tarjouspyyntö julkaistaan",
            MilestoneKind::ClarificationDeadline => "Lisäkysymysten määräaika",
            MilestoneKind::SubmissionDeadline => "Tarjousten määräaika",
            MilestoneKind::Auction => "Huutokauppa",
            MilestoneKind::Award => "Hankintapäätös",
            MilestoneKind::ContractSignature => "Sopimuksen allekirjoitus",
            MilestoneKind::Deliveries => "Toimitukset alkavat",
        }
    }

    /// A date the buyer sets and that cannot be missed: moving it asks for confirmation.
    pub fn is_hard_deadline(self) -> bool {
        matches!(
            self,
            MilestoneKind::ClarificationDeadline | MilestoneKind::SubmissionDeadline | MilestoneKind::Auction
        )
    }
}

/// How far from the expected announcement a milestone falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "unit", content = "value", rename_all = "snake_case")]
pub enum Offset {
    /// Calendar months (negative: before the announcement).
    Months(i32),
    Days(i32),
}

/// One step of a plan template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TemplateStep {
    pub kind: MilestoneKind,
    pub offset: Offset,
}

/// The procedures a tender can follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Procedure {
    OpenTender,
    ElectronicAuction,
    RequestForQuotations,
    SingleSource,
    FrameworkAgreement,
    SupplyProgramme,
    FormularyListing,
}

impl Procedure {
    pub const ALL: &'static [Procedure] = &[
        Procedure::OpenTender,
        Procedure::ElectronicAuction,
        Procedure::RequestForQuotations,
        Procedure::SingleSource,
        Procedure::FrameworkAgreement,
        Procedure::SupplyProgramme,
        Procedure::FormularyListing,
    ];

    /// The built-in plan template (Settings may replace it).
    pub fn default_template(self) -> Vec<TemplateStep> {
        use MilestoneKind as K;
        use Offset::{Days as D, Months as M};
        let step = |kind, offset| TemplateStep { kind, offset };
        let preparation = [
            step(K::NeedsAnalysis, M(-9)),
            step(K::SpecificationInput, M(-6)),
            step(K::StakeholderMeetings, M(-4)),
            step(K::Announcement, D(0)),
        ];
        let after: Vec<TemplateStep> = match self {
            Procedure::OpenTender | Procedure::FrameworkAgreement | Procedure::SupplyProgramme => vec![
                step(K::ClarificationDeadline, D(14)),
                step(K::SubmissionDeadline, D(30)),
                step(K::Award, D(60)),
                step(K::ContractSignature, D(75)),
                step(K::Deliveries, D(105)),
            ],
            Procedure::ElectronicAuction => vec![
                step(K::ClarificationDeadline, D(10)),
                step(K::SubmissionDeadline, D(20)),
                step(K::Auction, D(27)),
                step(K::Award, D(40)),
                step(K::ContractSignature, D(55)),
                step(K::Deliveries, D(85)),
            ],
            Procedure::RequestForQuotations => {
                vec![step(K::SubmissionDeadline, D(10)), step(K::Award, D(20)), step(K::Deliveries, D(40))]
            }
            Procedure::SingleSource => {
                vec![step(K::SubmissionDeadline, D(14)), step(K::ContractSignature, D(30)), step(K::Deliveries, D(45))]
            }
            Procedure::FormularyListing => {
                vec![step(K::SubmissionDeadline, D(30)), step(K::Award, D(120))]
            }
        };
        let prep: &[TemplateStep] = if self == Procedure::SingleSource { &preparation[2..] } else { &preparation };
        prep.iter().copied().chain(after).collect()
    }
}

/// `date` moved by `offset`. Month steps keep the day of month, or take the month's last day when it is shorter.
pub fn shift(date: NaiveDate, offset: Offset) -> Option<NaiveDate> {
    match offset {
        Offset::Months(m) if m >= 0 => date.checked_add_months(Months::new(m as u32)),
        Offset::Months(m) => date.checked_sub_months(Months::new(m.unsigned_abs())),
        Offset::Days(d) if d >= 0 => date.checked_add_days(Days::new(d as u64)),
        Offset::Days(d) => date.checked_sub_days(Days::new(d.unsigned_abs() as u64)),
    }
}

/// Easter Sunday of `year` (Gregorian; the anonymous algorithm of Meeus/Jones/Butcher).
pub fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The Finnish public holiday on `date`, if any (the days offices and hospitals' purchasing are closed).
pub fn holiday(date: NaiveDate) -> Option<&'static str> {
    let (y, m, d) = (date.year(), date.month(), date.day());
    let fixed = match (m, d) {
        (1, 1) => Some("New Year's Day"),
        (1, 6) => Some("Epiphany"),
        (5, 1) => Some("May Day"),
        (12, 6) => Some("Independence Day"),
        (12, 24) => Some("Christmas Eve"),
        (12, 25) => Some("Christmas Day"),
        (12, 26) => Some("Boxing Day"),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if let Some(e) = easter(y) {
        let from_easter = (date - e).num_days();
        match from_easter {
            -2 => return Some("Good Friday"),
            0 => return Some("Easter Sunday"),
            1 => return Some("Easter Monday"),
            39 => return Some("Ascension Day"),
            49 => return Some("Whit Sunday"),
            _ => {}
        }
    }
    // Midsummer Eve is the Friday between 19 and 25 June, Midsummer Day the Saturday after; All Saints' Day the
    // Saturday between 31 October and 6 November.
    match (m, d, date.weekday()) {
        (6, 19..=25, Weekday::Fri) => Some("Midsummer Eve"),
        (6, 20..=26, Weekday::Sat) => Some("Midsummer Day"),
        (10, 31, Weekday::Sat) | (11, 1..=6, Weekday::Sat) => Some("All Saints' Day"),
        _ => None,
    }
}

/// Why a date is not a working day: "Saturday", "Sunday" or the holiday's name.
pub fn non_working_day(date: NaiveDate) -> Option<&'static str> {
    holiday(date).or(match date.weekday() {
        Weekday::Sat => Some("Saturday"),
        Weekday::Sun => Some("Sunday"),
        _ => None,
    })
}

/// A milestone as scheduled from a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Scheduled {
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    /// Set when a hard deadline falls on a weekend or holiday.
    pub warning: Option<String>,
}

/// The milestones of `template` for a tender expected to be announced on `announcement`.
pub fn schedule(announcement: NaiveDate, template: &[TemplateStep]) -> Vec<Scheduled> {
    let mut out: Vec<Scheduled> = template
        .iter()
        .filter_map(|step| {
            let date = shift(announcement, step.offset)?;
            Some(Scheduled { kind: step.kind, date, warning: deadline_warning(step.kind, date) })
        })
        .collect();
    out.sort_by_key(|s| (s.date, s.kind));
    out
}

/// A hard deadline on a weekend or holiday is worth a second look.
pub fn deadline_warning(kind: MilestoneKind, date: NaiveDate) -> Option<String> {
    if !kind.is_hard_deadline() && kind != MilestoneKind::Announcement {
        return None;
    }
    non_working_day(date)
        .map(|why| format!("{} falls on a non-working day ({why}): check the date with the buyer.", kind.label()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn date_of(s: &[Scheduled], kind: MilestoneKind) -> NaiveDate {
        s.iter().find(|x| x.kind == kind).unwrap().date
    }

    #[test]
    fn preparation_starts_nine_months_out_and_month_ends_are_kept_inside_the_month() {
        let s = schedule(d(2027, 11, 30), &Procedure::OpenTender.default_template());
        assert_eq!(date_of(&s, MilestoneKind::NeedsAnalysis), d(2027, 2, 28), "30 Nov − 9 months: February's end");
        assert_eq!(date_of(&s, MilestoneKind::SpecificationInput), d(2027, 5, 30));
        assert_eq!(date_of(&s, MilestoneKind::SubmissionDeadline), d(2027, 12, 30));
        // In a leap year the same step lands on 29 February.
        let s = schedule(d(2028, 11, 30), &Procedure::OpenTender.default_template());
        assert_eq!(date_of(&s, MilestoneKind::NeedsAnalysis), d(2028, 2, 29));
        let s = schedule(d(2028, 3, 31), &Procedure::OpenTender.default_template());
        assert_eq!(date_of(&s, MilestoneKind::StakeholderMeetings), d(2027, 11, 30));
        assert_eq!(date_of(&s, MilestoneKind::NeedsAnalysis), d(2027, 6, 30));
        // Day offsets cross month and year ends.
        let s = schedule(d(2027, 12, 20), &Procedure::ElectronicAuction.default_template());
        assert_eq!(date_of(&s, MilestoneKind::SubmissionDeadline), d(2028, 1, 9));
        assert_eq!(date_of(&s, MilestoneKind::Auction), d(2028, 1, 16));
        assert!(s.windows(2).all(|w| w[0].date <= w[1].date), "in date order");
    }

    #[test]
    fn deadlines_on_weekends_and_finnish_holidays_are_flagged() {
        assert_eq!(easter(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter(2028), Some(d(2028, 4, 16)));
        assert_eq!(holiday(d(2027, 3, 26)), Some("Good Friday"));
        assert_eq!(holiday(d(2027, 5, 6)), Some("Ascension Day"));
        assert_eq!(holiday(d(2027, 6, 25)), Some("Midsummer Eve"));
        assert_eq!(holiday(d(2027, 11, 6)), Some("All Saints' Day"));
        assert_eq!(holiday(d(2027, 12, 6)), Some("Independence Day"));
        assert_eq!(holiday(d(2027, 6, 18)), None);
        assert_eq!(non_working_day(d(2027, 1, 9)), Some("Saturday"));
        assert_eq!(non_working_day(d(2027, 1, 11)), None);

        // Announced on 26 November 2027: the submission deadline 30 days later is Boxing Day.
        let s = schedule(d(2027, 11, 26), &Procedure::OpenTender.default_template());
        let submission = s.iter().find(|x| x.kind == MilestoneKind::SubmissionDeadline).unwrap();
        assert_eq!(submission.date, d(2027, 12, 26));
        assert!(submission.warning.as_deref().unwrap().contains("Boxing Day"));
        // Preparation steps are the KAM's own and are never flagged.
        assert!(s.iter().filter(|x| x.kind == MilestoneKind::NeedsAnalysis).all(|x| x.warning.is_none()));
    }

    #[test]
    fn every_procedure_has_a_submission_deadline_after_its_announcement_or_meetings() {
        for p in Procedure::ALL {
            let s = schedule(d(2027, 6, 1), &p.default_template());
            assert!(s.iter().any(|x| x.kind == MilestoneKind::SubmissionDeadline), "{p:?}");
            let submission = date_of(&s, MilestoneKind::SubmissionDeadline);
            assert!(s.iter().filter(|x| x.kind < MilestoneKind::SubmissionDeadline).all(|x| x.date <= submission));
        }
    }
}
