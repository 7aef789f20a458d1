//! People and decision groups. A person has business details, affiliations to accounts over time, and a personal
//! section (birthday, family, hobbies, values, preferred channel) that exists only once consent is recorded.
//! Buying role and decision style belong to a membership in one account's decision group, not to the person.
//! Storage is in `store::people`.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::interactions::{Interaction, Task};
use crate::types::{BuyingRole, ConsentMethod, DecisionStyle, PreferredChannel, RelationshipStage, Source};
use crate::validate;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Consent {
    pub date: String,
    pub method: ConsentMethod,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Personal {
    /// YYYY-MM-DD, or --MM-DD when the year is not known.
    pub birthday: Option<String>,
    pub family: String,
    pub hobbies: String,
    pub values: String,
    pub preferred_channel: Option<PreferredChannel>,
}

impl Personal {
    fn is_empty(&self) -> bool {
        self.birthday.as_deref().is_none_or(|b| b.trim().is_empty())
            && self.family.trim().is_empty()
            && self.hobbies.trim().is_empty()
            && self.values.trim().is_empty()
            && self.preferred_channel.is_none()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Person {
    pub id: i64,
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub relationship_stage: RelationshipStage,
    pub consent: Option<Consent>,
    /// Present only when consent is recorded.
    pub personal: Option<Personal>,
    pub source: Source,
    pub created_at: String,
    pub updated_at: String,
}

impl Person {
    pub fn full_name(&self) -> String {
        full_name(&self.first_name, &self.last_name)
    }
}

pub(crate) fn full_name(first: &str, last: &str) -> String {
    if first.is_empty() {
        last.to_string()
    } else {
        format!("{first} {last}")
    }
}

/// What the person form sends: business details, and optionally consent and the personal section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonInput {
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub relationship_stage: Option<RelationshipStage>,
    pub consent: Option<Consent>,
    pub personal: Personal,
}

#[derive(Debug)]
pub(crate) struct ValidPerson {
    pub first_name: String,
    pub last_name: String,
    pub title: String,
    pub email: String,
    pub phone: String,
    pub notes: String,
    pub relationship_stage: RelationshipStage,
    pub consent: Option<(NaiveDate, ConsentMethod, String)>,
    pub birthday: Option<String>,
    pub family: String,
    pub hobbies: String,
    pub values: String,
    pub preferred_channel: Option<PreferredChannel>,
}

impl PersonInput {
    pub(crate) fn validate(&self, today: NaiveDate) -> Result<ValidPerson> {
        let last_name = validate::required_name(&self.last_name, "last_name", "Last name")?;
        let consent = match &self.consent {
            None => None,
            Some(c) => {
                let date = validate::date(&c.date, "consent_date", "Consent date")?;
                if date > today {
                    return Err(Error::invalid(
                        "future_date",
                        "consent_date",
                        "Consent cannot be dated in the future; record it on the day it was given.",
                    ));
                }
                Some((date, c.method, validate::short_text(&c.note, "consent_note", "Consent note")?))
            }
        };
        if consent.is_none() && !self.personal.is_empty() {
            return Err(Error::invalid(
                "consent_required",
                "consent_date",
                "Personal details (birthday, family, hobbies, values, preferred channel) can only be kept once the \
                 person's consent is recorded. Record the date and how consent was given first.",
            ));
        }
        Ok(ValidPerson {
            first_name: validate::short_text(&self.first_name, "first_name", "First name")?,
            last_name,
            title: validate::short_text(&self.title, "title", "Title")?,
            email: validate::email(&self.email, "email")?,
            phone: validate::short_text(&self.phone, "phone", "Phone")?,
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
            relationship_stage: self.relationship_stage.unwrap_or(RelationshipStage::NoContact),
            consent,
            birthday: birthday(&self.personal.birthday, today)?,
            family: validate::long_text(&self.personal.family, "family", "Family")?,
            hobbies: validate::long_text(&self.personal.hobbies, "hobbies", "Hobbies")?,
            values: validate::long_text(&self.personal.values, "values", "Values")?,
            preferred_channel: self.personal.preferred_channel,
        })
    }
}

/// A birthday as YYYY-MM-DD, or --MM-DD when the year is unknown. Returned in the same canonical form.
fn birthday(value: &Option<String>, today: NaiveDate) -> Result<Option<String>> {
    let v = match value.as_deref().map(str::trim) {
        None | Some("") => return Ok(None),
        Some(v) => v,
    };
    if let Some(month_day) = v.strip_prefix("--") {
        // 2000 is a leap year, so 29 February is accepted without a year.
        let probe = format!("2000-{month_day}");
        validate::date(&probe, "birthday", "Birthday")
            .map_err(|_| Error::invalid("impossible_date", "birthday", format!("Birthday {v} is not a real day.")))?;
        return Ok(Some(v.to_string()));
    }
    let date = validate::date(v, "birthday", "Birthday")?;
    if date > today {
        return Err(Error::invalid("future_date", "birthday", "A birthday cannot be in the future."));
    }
    Ok(Some(date.to_string()))
}

/// Month and day of a stored birthday.
pub(crate) fn birthday_month_day(text: &str) -> Option<(u32, u32, Option<i32>)> {
    if let Some(md) = text.strip_prefix("--") {
        let (m, d) = md.split_once('-')?;
        return Some((m.parse().ok()?, d.parse().ok()?, None));
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()?;
    Some((date.month(), date.day(), Some(date.year())))
}

/// Where a person works or worked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Affiliation {
    pub id: i64,
    pub person_id: i64,
    pub person_name: String,
    pub account_id: i64,
    pub account_name: String,
    pub position: String,
    pub department: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
    /// No end date, or one still ahead.
    pub current: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AffiliationInput {
    pub person_id: i64,
    pub account_id: i64,
    pub position: String,
    pub department: String,
    pub start_date: Option<String>,
    pub end_date: Option<String>,
}

#[derive(Debug)]
pub(crate) struct ValidAffiliation {
    pub position: String,
    pub department: String,
    pub start_date: Option<NaiveDate>,
    pub end_date: Option<NaiveDate>,
}

impl AffiliationInput {
    pub(crate) fn validate(&self) -> Result<ValidAffiliation> {
        if self.account_id <= 0 {
            return Err(Error::invalid("required", "account_id", "Choose the account this person works at."));
        }
        let start_date = validate::opt_date(&self.start_date, "start_date", "Start date")?;
        let end_date = validate::opt_date(&self.end_date, "end_date", "End date")?;
        if let (Some(s), Some(e)) = (start_date, end_date) {
            if e < s {
                return Err(Error::invalid("end_before_start", "end_date", "The end date is before the start date."));
            }
        }
        Ok(ValidAffiliation {
            position: validate::short_text(&self.position, "position", "Position")?,
            department: validate::short_text(&self.department, "department", "Department")?,
            start_date,
            end_date,
        })
    }
}

/// A decision-group member as the dossier shows them: one card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MemberCard {
    pub id: i64,
    pub account_id: i64,
    pub person_id: i64,
    pub person_name: String,
    /// Position at this account if known, otherwise the person's title.
    pub position: String,
    pub buying_role: BuyingRole,
    pub decision_style: DecisionStyle,
    pub relationship_stage: RelationshipStage,
    pub notes: String,
    pub last_contact: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MemberInput {
    pub account_id: i64,
    pub person_id: i64,
    pub buying_role: BuyingRole,
    pub decision_style: DecisionStyle,
    #[serde(default)]
    pub notes: String,
}

/// Adds someone not yet in Avain straight into a decision group: the person, their affiliation to the account
/// and the membership are saved together or not at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewMemberInput {
    pub account_id: i64,
    pub person: PersonInput,
    pub buying_role: BuyingRole,
    pub decision_style: DecisionStyle,
    #[serde(default)]
    pub notes: String,
}

/// One line of the people list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonRow {
    pub id: i64,
    pub name: String,
    pub title: String,
    /// Current accounts, comma-separated.
    pub accounts: String,
    pub relationship_stage: RelationshipStage,
    pub has_consent: bool,
    pub email: String,
    pub phone: String,
    pub last_contact: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PersonFilter {
    pub text: Option<String>,
    pub account_id: Option<i64>,
    pub relationship_stage: Option<RelationshipStage>,
}

/// A person's decision-group membership in some account, seen from the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Membership {
    pub id: i64,
    pub account_id: i64,
    pub account_name: String,
    pub buying_role: BuyingRole,
    pub decision_style: DecisionStyle,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PersonDetail {
    pub person: Person,
    pub affiliations: Vec<Affiliation>,
    pub memberships: Vec<Membership>,
    pub interactions: Vec<Interaction>,
    pub tasks: Vec<Task>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn input() -> PersonInput {
        PersonInput { first_name: "Anna".into(), last_name: "Virtanen".into(), ..Default::default() }
    }

    #[test]
    fn personal_details_need_consent() {
        let mut p = input();
        p.personal.birthday = Some("1970-05-04".into());
        assert_eq!(p.validate(today()).unwrap_err().code(), "consent_required");
        p.personal = Personal { hobbies: "sailing".into(), ..Default::default() };
        assert_eq!(p.validate(today()).unwrap_err().code(), "consent_required");
        p.consent = Some(Consent { date: "2026-11-01".into(), method: ConsentMethod::Written, note: String::new() });
        let v = p.validate(today()).unwrap();
        assert_eq!(v.hobbies, "sailing");
    }

    #[test]
    fn consent_cannot_be_in_the_future() {
        let mut p = input();
        p.consent = Some(Consent { date: "2026-12-01".into(), method: ConsentMethod::Verbal, note: String::new() });
        assert_eq!(p.validate(today()).unwrap_err().code(), "future_date");
    }

    #[test]
    fn birthdays_with_or_without_year() {
        let t = today();
        assert_eq!(birthday(&Some("--02-29".into()), t).unwrap().as_deref(), Some("--02-29"));
        assert_eq!(birthday(&Some("--02-30".into()), t).unwrap_err().code(), "impossible_date");
        assert_eq!(birthday(&Some("1971-02-29".into()), t).unwrap_err().code(), "impossible_date");
        assert_eq!(birthday(&Some("2030-01-01".into()), t).unwrap_err().code(), "future_date");
        assert_eq!(birthday_month_day("--12-31"), Some((12, 31, None)));
        assert_eq!(birthday_month_day("1980-03-07"), Some((3, 7, Some(1980))));
    }

    #[test]
    fn last_name_is_required() {
        let mut p = input();
        p.last_name = " ".into();
        assert_eq!(p.validate(today()).unwrap_err().field(), Some("last_name"));
    }
}
