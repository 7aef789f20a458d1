//! Key accounts: hospitals, pharmacy chains and their pharmacies, distributors, health authorities. An account
//! carries its status with the four key-account criteria, its credit and contract terms, and sits in a
//! parent/child tree (chain → pharmacies, hospital group → hospitals). Storage is in `store::accounts`.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::interactions::{Interaction, Task};
use crate::people::{Affiliation, MemberCard};
use crate::types::{AccountKind, AccountStatus, DecisionStyle, Ref, Source};
use crate::validate;

/// One of the four key-account criteria: met or not, with the KAM's reasoning.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Criterion {
    pub met: bool,
    pub note: String,
}

/// The field's four tests of a key account.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct KeyCriteria {
    /// Leads opinion in medicine, with lasting influence on the market.
    pub opinion_leadership: Criterion,
    /// Brings large, steady profit.
    pub profit: Criterion,
    /// Keeps creating new sales opportunities.
    pub growth: Criterion,
    /// Sees the company as a reliable long-term partner.
    pub partnership: Criterion,
}

impl KeyCriteria {
    pub fn met_count(&self) -> u8 {
        [&self.opinion_leadership, &self.profit, &self.growth, &self.partnership].iter().filter(|c| c.met).count() as u8
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Account {
    pub id: i64,
    pub name: String,
    pub kind: AccountKind,
    pub parent: Option<Ref>,
    pub region: String,
    pub owner: String,
    pub status: AccountStatus,
    pub criteria: KeyCriteria,
    /// How many of the four key-account criteria are met.
    pub criteria_met: u8,
    /// Credit limit in minor units (cents) of `currency`.
    pub credit_limit_minor: Option<i64>,
    pub currency: String,
    pub payment_terms_days: Option<i32>,
    pub credit_check_date: Option<NaiveDate>,
    pub credit_check_result: String,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub renegotiation_date: Option<NaiveDate>,
    pub notes: String,
    pub source: Source,
    pub created_at: String,
    pub updated_at: String,
}

/// What the account form sends. Dates are ISO text so that an impossible date gets a clear message, not a
/// decoding failure.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AccountInput {
    pub name: String,
    pub kind: Option<AccountKind>,
    pub parent_id: Option<i64>,
    pub region: String,
    pub owner: String,
    pub status: Option<AccountStatus>,
    pub criteria: KeyCriteria,
    pub credit_limit_minor: Option<i64>,
    pub currency: String,
    pub payment_terms_days: Option<i32>,
    pub credit_check_date: Option<String>,
    pub credit_check_result: String,
    pub contract_start: Option<String>,
    pub contract_end: Option<String>,
    pub renegotiation_date: Option<String>,
    pub notes: String,
}

/// An [`AccountInput`] that passed every check; only this reaches the database.
#[derive(Debug, Clone)]
pub(crate) struct ValidAccount {
    pub name: String,
    pub kind: AccountKind,
    pub parent_id: Option<i64>,
    pub region: String,
    pub owner: String,
    pub status: AccountStatus,
    pub criteria: KeyCriteria,
    pub credit_limit_minor: Option<i64>,
    pub currency: String,
    pub payment_terms_days: Option<i32>,
    pub credit_check_date: Option<NaiveDate>,
    pub credit_check_result: String,
    pub contract_start: Option<NaiveDate>,
    pub contract_end: Option<NaiveDate>,
    pub renegotiation_date: Option<NaiveDate>,
    pub notes: String,
}

impl AccountInput {
    pub(crate) fn validate(&self) -> Result<ValidAccount> {
        let name = validate::required_name(&self.name, "name", "Account name")?;
        let kind =
            self.kind.ok_or_else(|| Error::invalid("required", "kind", "Choose what kind of account this is."))?;
        let currency = match self.currency.trim() {
            "" => "EUR".to_string(),
            c if c.len() == 3 && c.chars().all(|ch| ch.is_ascii_alphabetic()) => c.to_ascii_uppercase(),
            c => {
                return Err(Error::invalid(
                    "bad_currency",
                    "currency",
                    format!("\"{c}\" is not a currency code; use three letters such as EUR."),
                ))
            }
        };
        if let Some(limit) = self.credit_limit_minor {
            if limit < 0 {
                return Err(Error::invalid("negative", "credit_limit", "The credit limit cannot be negative."));
            }
        }
        if let Some(days) = self.payment_terms_days {
            if !(0..=365).contains(&days) {
                return Err(Error::invalid(
                    "out_of_range",
                    "payment_terms_days",
                    "Payment terms are given in days, from 0 to 365.",
                ));
            }
        }
        let contract_start = validate::opt_date(&self.contract_start, "contract_start", "Contract start")?;
        let contract_end = validate::opt_date(&self.contract_end, "contract_end", "Contract end")?;
        if let (Some(start), Some(end)) = (contract_start, contract_end) {
            if end < start {
                return Err(Error::invalid(
                    "end_before_start",
                    "contract_end",
                    format!("The contract cannot end ({end}) before it starts ({start})."),
                ));
            }
        }
        let criteria = KeyCriteria {
            opinion_leadership: tidy_criterion(&self.criteria.opinion_leadership)?,
            profit: tidy_criterion(&self.criteria.profit)?,
            growth: tidy_criterion(&self.criteria.growth)?,
            partnership: tidy_criterion(&self.criteria.partnership)?,
        };
        Ok(ValidAccount {
            name,
            kind,
            parent_id: self.parent_id,
            region: validate::short_text(&self.region, "region", "Region")?,
            owner: validate::short_text(&self.owner, "owner", "Owner")?,
            status: self.status.unwrap_or(AccountStatus::Ordinary),
            criteria,
            credit_limit_minor: self.credit_limit_minor,
            currency,
            payment_terms_days: self.payment_terms_days,
            credit_check_date: validate::opt_date(&self.credit_check_date, "credit_check_date", "Credit check date")?,
            credit_check_result: validate::short_text(
                &self.credit_check_result,
                "credit_check_result",
                "Credit check result",
            )?,
            contract_start,
            contract_end,
            renegotiation_date: validate::opt_date(
                &self.renegotiation_date,
                "renegotiation_date",
                "Renegotiation date",
            )?,
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
        })
    }
}

fn tidy_criterion(c: &Criterion) -> Result<Criterion> {
    Ok(Criterion { met: c.met, note: validate::long_text(&c.note, "criteria", "A criterion note")? })
}

/// The case-and-space-insensitive form of a name, used to keep names unique within a region.
pub(crate) fn name_key(name: &str) -> String {
    validate::tidy(name).to_lowercase()
}

/// One line of the accounts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountRow {
    pub id: i64,
    pub name: String,
    pub kind: AccountKind,
    pub parent_name: Option<String>,
    pub region: String,
    pub owner: String,
    pub status: AccountStatus,
    pub criteria_met: u8,
    pub decision_group_size: u32,
    pub open_tasks: u32,
    pub last_interaction: Option<NaiveDate>,
    pub renegotiation_date: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AccountFilter {
    pub kind: Option<AccountKind>,
    pub region: Option<String>,
    pub status: Option<AccountStatus>,
    pub owner: Option<String>,
    /// Matches any part of the name.
    pub text: Option<String>,
}

/// The values the list filters offer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct AccountFacets {
    pub regions: Vec<String>,
    pub owners: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StyleCount {
    pub style: DecisionStyle,
    pub members: u32,
}

/// Counts the decision group's members per decision style, every style listed (zero when uncovered).
pub fn style_coverage(group: &[MemberCard]) -> Vec<StyleCount> {
    DecisionStyle::ALL
        .iter()
        .map(|style| StyleCount {
            style: *style,
            members: group.iter().filter(|m| m.decision_style == *style).count() as u32,
        })
        .collect()
}

/// Everything the account dossier shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AccountDossier {
    pub account: Account,
    pub children: Vec<AccountRow>,
    pub decision_group: Vec<MemberCard>,
    /// How many decision-group members decide in each style; a style with none is not yet covered.
    pub style_coverage: Vec<StyleCount>,
    /// People working at the account now or before (current first).
    pub people: Vec<Affiliation>,
    pub interactions: Vec<Interaction>,
    pub tasks: Vec<Task>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> AccountInput {
        AccountInput {
            name: "Kivilahti Central Hospital".into(),
            kind: Some(AccountKind::Hospital),
            ..Default::default()
        }
    }

    #[test]
    fn a_minimal_account_is_ordinary_and_in_euros() {
        let v = input().validate().unwrap();
        assert_eq!(v.status, AccountStatus::Ordinary);
        assert_eq!(v.currency, "EUR");
    }

    #[test]
    fn bad_values_are_named() {
        let err = |f: fn(&mut AccountInput)| {
            let mut i = input();
            f(&mut i);
            let e = i.validate().unwrap_err();
            (e.code(), e.field().unwrap())
        };
        assert_eq!(err(|i| i.name = "  ".into()), ("required", "name"));
        assert_eq!(err(|i| i.kind = None), ("required", "kind"));
        assert_eq!(err(|i| i.credit_limit_minor = Some(-1)), ("negative", "credit_limit"));
        assert_eq!(err(|i| i.payment_terms_days = Some(400)), ("out_of_range", "payment_terms_days"));
        assert_eq!(err(|i| i.contract_end = Some("2027-02-29".into())), ("impossible_date", "contract_end"));
        assert_eq!(err(|i| i.currency = "euro".into()), ("bad_currency", "currency"));
        assert_eq!(
            err(|i| {
                i.contract_start = Some("2026-05-01".into());
                i.contract_end = Some("2026-04-30".into());
            }),
            ("end_before_start", "contract_end")
        );
    }

    #[test]
    fn criteria_are_counted() {
        let mut c = KeyCriteria::default();
        assert_eq!(c.met_count(), 0);
        c.profit.met = true;
        c.partnership.met = true;
        assert_eq!(c.met_count(), 2);
    }
}
