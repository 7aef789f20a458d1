//! The influence network of opinion leaders (KOLs) and officials (VIPs): who influences whom, how strongly, and
//! what that means for a decision. [`metrics`] holds the analytics (PageRank, betweenness, the influence score, who
//! influences a decision, the balance of power, the gaps), on plain vectors so they can be tested on graphs worked
//! out by hand and measured on large ones; [`graphml`] writes the network for analysts. This module holds what the
//! user enters (profiles, dated stage and attitude changes, links, ties, committees, scientific activity) and how
//! it is checked. Storage is in `store::network`.

pub mod graphml;
pub mod layout;
pub mod metrics;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::types::{
    ActivityKind, Attitude, BuyingRole, CommitteeKind, LinkKind, PersonType, Ref, RelationshipStage, TieKind, Tier,
};
use crate::validate;

pub use metrics::{Balance, InfluenceWeights};

/// The profile fields that are simply set (stage and attitude have a dated history instead).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ProfileInput {
    pub person_type: Option<PersonType>,
    pub tier: Option<Tier>,
    pub therapy_areas: Vec<String>,
    pub specialties: Vec<String>,
    pub competitor_ties: String,
}

pub(crate) struct ValidProfile {
    pub therapy_areas: String,
    pub specialties: String,
    pub competitor_ties: String,
}

/// Stored lists are `; `-separated.
pub const LIST_SEPARATOR: &str = "; ";

/// Splits a stored list.
pub fn split_list(text: &str) -> Vec<String> {
    text.split(';').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Tidies a list as typed: trimmed, empty entries dropped, the same entry (ignoring case) kept once.
fn tidy_list(items: &[String], field: &'static str, label: &str) -> Result<String> {
    let mut out: Vec<String> = Vec::new();
    for item in items.iter().flat_map(|i| i.split(';')) {
        let item = validate::short_text(item, field, label)?;
        if !item.is_empty() && !out.iter().any(|o| o.to_lowercase() == item.to_lowercase()) {
            out.push(item);
        }
    }
    let joined = out.join(LIST_SEPARATOR);
    if joined.chars().count() > 1000 {
        return Err(Error::invalid("too_long", field, format!("{label}: keep the list under 1,000 characters.")));
    }
    Ok(joined)
}

impl ProfileInput {
    pub(crate) fn validate(&self) -> Result<ValidProfile> {
        Ok(ValidProfile {
            therapy_areas: tidy_list(&self.therapy_areas, "therapy_areas", "Therapy areas")?,
            specialties: tidy_list(&self.specialties, "specialties", "Specialties")?,
            competitor_ties: validate::long_text(&self.competitor_ties, "competitor_ties", "Ties to competitors")?,
        })
    }
}

/// A change of relationship stage or attitude, dated on the day it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChangeInput {
    pub person_id: i64,
    pub change: ProfileChange,
    pub date: String,
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "field", content = "value", rename_all = "snake_case")]
pub enum ProfileChange {
    Stage(RelationshipStage),
    Attitude(Attitude),
}

impl ProfileChange {
    pub fn field(self) -> &'static str {
        match self {
            ProfileChange::Stage(_) => "stage",
            ProfileChange::Attitude(_) => "attitude",
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            ProfileChange::Stage(s) => s.as_str(),
            ProfileChange::Attitude(a) => a.as_str(),
        }
    }
}

impl ChangeInput {
    pub(crate) fn validate(&self, today: NaiveDate) -> Result<(NaiveDate, String)> {
        let date = validate::date(&self.date, "date", "Date")?;
        if date > today {
            return Err(Error::invalid(
                "future_date",
                "date",
                "A change cannot be dated in the future; record it on the day it happens.",
            ));
        }
        Ok((date, validate::long_text(&self.note, "note", "Note")?))
    }
}

/// One entry of a person's stage and attitude history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HistoryEntry {
    pub id: i64,
    pub change: ProfileChange,
    pub date: NaiveDate,
    pub note: String,
}

fn check_strength(strength: i64) -> Result<i64> {
    if !(1..=5).contains(&strength) {
        return Err(Error::invalid(
            "out_of_range",
            "strength",
            format!("Strength is 1 (weak) to 5 (very strong); {strength} is not on the scale."),
        ));
    }
    Ok(strength)
}

fn check_period(since: &Option<String>, until: &Option<String>) -> Result<(Option<NaiveDate>, Option<NaiveDate>)> {
    let since = validate::opt_date(since, "since", "Since")?;
    let until = validate::opt_date(until, "until", "Until")?;
    if let (Some(s), Some(u)) = (since, until) {
        if u < s {
            return Err(Error::invalid("end_before_start", "until", "The end date is before the start date."));
        }
    }
    Ok((since, until))
}

/// A link between two people, as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LinkInput {
    pub from_id: i64,
    pub to_id: i64,
    pub kind: LinkKind,
    pub strength: i64,
    #[serde(default)]
    pub since: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub source_note: String,
}

pub(crate) struct ValidPeriod {
    pub strength: i64,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub source_note: String,
}

impl LinkInput {
    pub(crate) fn validate(&self) -> Result<ValidPeriod> {
        if self.from_id == self.to_id {
            return Err(Error::invalid(
                "self_link",
                "to_id",
                "A person cannot be linked to themself; choose someone else.",
            ));
        }
        let strength = check_strength(self.strength)?;
        let (since, until) = check_period(&self.since, &self.until)?;
        let source_note = validate::long_text(&self.source_note, "source_note", "Source")?;
        Ok(ValidPeriod { strength, since, until, source_note })
    }
}

/// A link as the profile and the graph show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Link {
    pub id: i64,
    pub from: Ref,
    pub to: Ref,
    pub kind: LinkKind,
    pub strength: i64,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub source_note: String,
    /// Not ended (no end date, or one still ahead) and begun.
    pub current: bool,
}

/// A person's part in an account's or a committee's decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TieInput {
    pub person_id: i64,
    #[serde(default)]
    pub account_id: Option<i64>,
    #[serde(default)]
    pub committee_id: Option<i64>,
    pub kind: TieKind,
    #[serde(default)]
    pub role: String,
    pub strength: i64,
    #[serde(default)]
    pub since: Option<String>,
    #[serde(default)]
    pub until: Option<String>,
    #[serde(default)]
    pub source_note: String,
}

impl TieInput {
    pub(crate) fn validate(&self) -> Result<(ValidPeriod, String)> {
        if self.account_id.is_some() == self.committee_id.is_some() {
            return Err(Error::invalid("required", "account_id", "Choose either an account or a committee."));
        }
        let strength = check_strength(self.strength)?;
        let (since, until) = check_period(&self.since, &self.until)?;
        let source_note = validate::long_text(&self.source_note, "source_note", "Source")?;
        let role = validate::short_text(&self.role, "role", "Role")?;
        Ok((ValidPeriod { strength, since, until, source_note }, role))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Tie {
    pub id: i64,
    pub person: Ref,
    /// The account or the committee.
    pub target: Ref,
    pub is_committee: bool,
    pub kind: TieKind,
    pub role: String,
    pub strength: i64,
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
    pub source_note: String,
    pub current: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct CommitteeInput {
    pub name: String,
    pub kind: Option<CommitteeKind>,
    pub account_id: Option<i64>,
    pub region: String,
    pub notes: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Committee {
    pub id: i64,
    pub name: String,
    pub kind: CommitteeKind,
    pub account: Option<Ref>,
    pub region: String,
    pub notes: String,
    /// People with a current tie to it.
    pub members: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ActivityInput {
    pub person_id: i64,
    pub kind: ActivityKind,
    pub title: String,
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub count: Option<i64>,
    #[serde(default)]
    pub note: String,
}

impl ActivityInput {
    pub(crate) fn validate(&self, today: NaiveDate) -> Result<(String, i64, String)> {
        let title = validate::required_name(&self.title, "title", "Title")?;
        let count = self.count.unwrap_or(1);
        if !(1..=10_000).contains(&count) {
            return Err(Error::invalid("out_of_range", "count", "The count is a whole number from 1 to 10,000."));
        }
        if let Some(y) = self.year {
            use chrono::Datelike;
            if !(1900..=today.year() + 1).contains(&y) {
                return Err(Error::invalid("out_of_range", "year", format!("{y} is not a plausible year.")));
            }
        }
        Ok((title, count, validate::long_text(&self.note, "note", "Note")?))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Activity {
    pub id: i64,
    pub kind: ActivityKind,
    pub title: String,
    pub year: Option<i32>,
    pub count: i64,
    pub note: String,
}

/// A person's computed standing in the network.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, TS)]
pub struct Standing {
    pub pagerank: f64,
    pub betweenness: f64,
    /// 0–100.
    pub score: f64,
    /// 1 = the most influential person in the network.
    pub rank: u32,
    pub of: u32,
}

/// Everything the person page's Network tab shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NetworkProfile {
    pub person_id: i64,
    pub person_type: Option<PersonType>,
    pub tier: Option<Tier>,
    pub attitude: Option<Attitude>,
    pub stage: RelationshipStage,
    pub therapy_areas: Vec<String>,
    pub specialties: Vec<String>,
    pub competitor_ties: String,
    /// Newest first.
    pub history: Vec<HistoryEntry>,
    pub links: Vec<Link>,
    pub ties: Vec<Tie>,
    pub activity: Vec<Activity>,
    /// Publications, trials, guidelines and talks counted together.
    pub activity_count: i64,
    pub standing: Option<Standing>,
}

/// What part of the network to show or analyse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NetworkScope {
    pub region: Option<String>,
    pub account_id: Option<i64>,
    pub committee_id: Option<i64>,
    pub tender_id: Option<i64>,
    pub therapy_area: Option<String>,
}

/// Above this many people the graph comes with positions from [`layout::force_layout`]: the window's own
/// layouts take many seconds on networks this large.
pub const LAYOUT_IN_CORE: usize = 1200;

/// One person in the graph.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct GraphNode {
    pub id: i64,
    pub name: String,
    pub title: String,
    pub person_type: Option<PersonType>,
    pub tier: Option<Tier>,
    pub attitude: Option<Attitude>,
    pub stage: RelationshipStage,
    pub therapy_areas: Vec<String>,
    /// Accounts they work at, sit in the decision group of, or are tied to.
    pub account_ids: Vec<i64>,
    pub committee_ids: Vec<i64>,
    pub pagerank: f64,
    pub betweenness: f64,
    pub score: f64,
    /// Where the user pinned them, if they did.
    pub pinned: Option<(f64, f64)>,
    /// Where the core's force-directed layout put them (large networks only; see [`LAYOUT_IN_CORE`]).
    pub position: Option<(f64, f64)>,
    /// Tied directly to the scope's decision (account, committee or tender).
    pub decides: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GraphLink {
    pub id: i64,
    pub from: i64,
    pub to: i64,
    pub kind: LinkKind,
    pub strength: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub links: Vec<GraphLink>,
}

/// Someone who influences a decision, with the strongest way their influence reaches it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InfluenceRoute {
    pub person: Ref,
    pub attitude: Option<Attitude>,
    pub stage: RelationshipStage,
    pub score: f64,
    /// Product of the links' strengths ÷ 5 along the path (0–1).
    pub strength: f64,
    /// Score × strength: the ranking.
    pub weight: f64,
    /// From this person to the one who decides, both included.
    pub path: Vec<Ref>,
}

/// The balance of power on one day.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BalancePoint {
    pub date: NaiveDate,
    pub balance: Balance,
}

/// A person with their influence, for lists of the most influential and of the gaps.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankedPerson {
    pub person: Ref,
    pub tier: Option<Tier>,
    pub attitude: Option<Attitude>,
    pub stage: RelationshipStage,
    pub score: f64,
}

/// The Network page's analysis of a scope.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NetworkSummary {
    pub people: u32,
    pub links: u32,
    pub balance: Balance,
    /// Month ends of the last year, oldest first, then today.
    pub history: Vec<BalancePoint>,
    /// The ten most influential people.
    pub top: Vec<RankedPerson>,
    /// Highly influential people with no relationship beyond first contact.
    pub gaps: Vec<RankedPerson>,
    pub weights: InfluenceWeights,
}

/// A reproducible network for benchmarks and trials: people in clusters of 50 (most links inside the cluster, one
/// in five across), of every tier, attitude and stage, with links of every kind and strength 1–5.
pub fn synthetic_network(people: usize, links: usize) -> (Vec<metrics::Node>, Vec<metrics::Edge>) {
    let mut seed: u64 = 0x5eed_cafe;
    let mut next = move |m: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((seed >> 33) as usize) % m.max(1)
    };
    let tiers = [Some(Tier::International), Some(Tier::National), Some(Tier::Regional), Some(Tier::Local), None];
    let nodes: Vec<metrics::Node> = (0..people)
        .map(|i| metrics::Node {
            id: i as i64 + 1,
            tier: tiers[next(tiers.len())],
            activity: next(60) as u32,
            attitude: Some(Attitude::ALL[next(Attitude::ALL.len())]),
            stage: RelationshipStage::ALL[next(5)],
        })
        .collect();
    let cluster = 50;
    let mut edges = Vec::with_capacity(links);
    while people > 1 && edges.len() < links {
        let from = next(people);
        let to = if next(10) < 8 { (from / cluster) * cluster + next(cluster) } else { next(people) };
        if to == from || to >= people {
            continue;
        }
        edges.push(metrics::Edge {
            from,
            to,
            kind: LinkKind::ALL[next(LinkKind::ALL.len())],
            strength: (1 + next(5)) as f64,
        });
    }
    (nodes, edges)
}

/// How strongly a decision-group member's buying role ties them to the account's decisions (1–5).
pub fn role_strength(role: BuyingRole) -> f64 {
    match role {
        BuyingRole::DecisionMaker | BuyingRole::Approver => 5.0,
        BuyingRole::Champion | BuyingRole::Influencer => 4.0,
        BuyingRole::TechnicalEvaluator => 3.0,
        BuyingRole::Gatekeeper | BuyingRole::User => 2.0,
    }
}

/// Checks the user's influence weights: none negative, not all zero.
pub fn check_weights(w: &InfluenceWeights) -> Result<()> {
    let all = [w.pagerank, w.betweenness, w.tier, w.activity];
    if all.iter().any(|v| !v.is_finite() || *v < 0.0 || *v > 100.0) {
        return Err(Error::invalid("out_of_range", "weights", "Each weight is a number from 0 to 100."));
    }
    if all.iter().sum::<f64>() <= 0.0 {
        return Err(Error::invalid("out_of_range", "weights", "At least one weight must be above zero."));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(strength: i64) -> LinkInput {
        LinkInput {
            from_id: 1,
            to_id: 2,
            kind: LinkKind::Influences,
            strength,
            since: None,
            until: None,
            source_note: String::new(),
        }
    }

    #[test]
    fn links_refuse_self_links_strength_off_the_scale_and_ends_before_starts() {
        assert!(link(3).validate().is_ok());
        assert_eq!(link(6).validate().err().unwrap().code(), "out_of_range");
        assert_eq!(link(0).validate().err().unwrap().code(), "out_of_range");
        let mut l = link(3);
        l.to_id = 1;
        assert_eq!(l.validate().err().unwrap().code(), "self_link");
        let mut l = link(3);
        l.since = Some("2025-05-01".into());
        l.until = Some("2025-04-30".into());
        assert_eq!(l.validate().err().unwrap().code(), "end_before_start");
        l.until = Some("2025-05-01".into());
        assert!(l.validate().is_ok());
    }

    #[test]
    fn a_change_cannot_be_dated_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut c = ChangeInput {
            person_id: 1,
            change: ProfileChange::Stage(RelationshipStage::Acquaintance),
            date: "2026-11-28".into(),
            note: String::new(),
        };
        assert_eq!(c.validate(today).unwrap_err().code(), "future_date");
        c.date = "2026-11-27".into();
        assert!(c.validate(today).is_ok());
        c.date = "27.11.2026".into();
        assert!(c.validate(today).is_err());
    }

    #[test]
    fn lists_are_tidied_once_each() {
        let p = ProfileInput {
            therapy_areas: vec![" Oncology ".into(), "oncology".into(), "Haematology; Immunology".into(), "".into()],
            ..Default::default()
        };
        assert_eq!(p.validate().unwrap().therapy_areas, "Oncology; Haematology; Immunology");
        assert_eq!(split_list("Oncology; Haematology;;"), ["Oncology", "Haematology"]);
    }

    #[test]
    fn weights_must_be_usable() {
        assert!(check_weights(&InfluenceWeights::default()).is_ok());
        let zero = InfluenceWeights { pagerank: 0.0, betweenness: 0.0, tier: 0.0, activity: 0.0 };
        assert!(check_weights(&zero).is_err());
        assert!(check_weights(&InfluenceWeights { pagerank: -1.0, ..Default::default() }).is_err());
    }
}
