//! The field's vocabulary as closed sets: account kinds, statuses, buying roles, decision styles, relationship
//! stages, interaction kinds. Each is stored as its snake_case name, which is also what the UI receives.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
        pub enum $name { $(#[serde(rename = $text)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }

            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($name::$variant),)+ _ => None }
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                Ok(ToSqlOutput::from(self.as_str()))
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                let text = value.as_str()?;
                $name::parse(text).ok_or_else(|| FromSqlError::Other(
                    format!("unknown {} '{}'", stringify!($name), text).into()))
            }
        }
    };
}

vocabulary!(
    /// What sort of organisation an account is.
    AccountKind {
        Hospital = "hospital",
        PharmacyChain = "pharmacy_chain",
        Pharmacy = "pharmacy",
        Distributor = "distributor",
        HealthAuthority = "health_authority",
        Other = "other",
    }
);

vocabulary!(
    /// Whether the account is a key account, could become one, or is ordinary.
    AccountStatus { Key = "key", Potential = "potential", Ordinary = "ordinary" }
);

vocabulary!(
    /// The part a person plays in one account's buying decision.
    BuyingRole {
        DecisionMaker = "decision_maker",
        Influencer = "influencer",
        Approver = "approver",
        TechnicalEvaluator = "technical_evaluator",
        User = "user",
        Gatekeeper = "gatekeeper",
        Champion = "champion",
    }
);

vocabulary!(
    /// How a decision-group member decides, and so what a proposal must show them.
    DecisionStyle {
        Executive = "executive",
        PeopleOriented = "people_oriented",
        Analytical = "analytical",
        Technical = "technical",
    }
);

vocabulary!(
    /// How far our relationship with a person has grown, from none to close.
    RelationshipStage {
        NoContact = "no_contact",
        FirstContact = "first_contact",
        Acquaintance = "acquaintance",
        Loyalty = "loyalty",
        Close = "close",
    }
);

vocabulary!(
    /// How far a person's influence reaches.
    Tier { International = "international", National = "national", Regional = "regional", Local = "local" }
);

vocabulary!(
    /// How a person regards the company and its drugs.
    Attitude {
        Advocate = "advocate",
        Supporter = "supporter",
        Neutral = "neutral",
        Sceptic = "sceptic",
        Opponent = "opponent",
    }
);

vocabulary!(
    /// A directed link between two people.
    LinkKind {
        Influences = "influences",
        ReportsTo = "reports_to",
        MentorOf = "mentor_of",
        Colleague = "colleague",
        Friend = "friend",
        Rival = "rival",
        Family = "family",
    }
);

vocabulary!(
    /// Who a person is in the network.
    PersonType {
        Kol = "kol",
        Vip = "vip",
        Hcp = "hcp",
        Pharmacist = "pharmacist",
        Purchaser = "purchaser",
    }
);

vocabulary!(
    /// A person's part in an account's or a committee's decisions.
    TieKind { DecidesFor = "decides_for", MemberOf = "member_of", Advises = "advises" }
);

vocabulary!(
    /// What sort of body a committee is.
    CommitteeKind {
        Formulary = "formulary",
        TenderCommission = "tender_commission",
        HealthBoard = "health_board",
        Ministry = "ministry",
        InsuranceFund = "insurance_fund",
        Other = "other",
    }
);

vocabulary!(
    /// A kind of scientific activity.
    ActivityKind { Publication = "publication", Trial = "trial", Guideline = "guideline", Talk = "talk" }
);

vocabulary!(
    /// How far the manager delegates a relationship to the KAM (situational leadership): D1 directing, D2 coaching,
    /// D3 supporting, D4 delegating.
    Delegation { D1 = "d1", D2 = "d2", D3 = "d3", D4 = "d4" }
);

vocabulary!(
    PlanStatus { Active = "active", Achieved = "achieved", Dropped = "dropped" }
);

vocabulary!(
    StepStatus { Planned = "planned", Done = "done", Skipped = "skipped" }
);

vocabulary!(
    EventKind { Congress = "congress", RoundTable = "round_table", CompanyEvent = "company_event", Other = "other" }
);

vocabulary!(
    InteractionKind {
        Visit = "visit",
        Call = "call",
        InformalMeeting = "informal_meeting",
        Email = "email",
        Event = "event",
    }
);

vocabulary!(
    /// Planned interactions make up the week plan; done ones are the history.
    InteractionStatus { Planned = "planned", Done = "done", Cancelled = "cancelled" }
);

vocabulary!(
    /// How the person gave consent to keeping personal details.
    ConsentMethod { Written = "written", Verbal = "verbal", Email = "email", Form = "form" }
);

vocabulary!(
    PreferredChannel {
        InPerson = "in_person",
        Phone = "phone",
        Email = "email",
        Messaging = "messaging",
        Video = "video",
    }
);

vocabulary!(
    /// Where a write came from: the user's own hand, a file import, or the demo generator.
    Source { User = "user", Import = "import", Demo = "demo" }
);

vocabulary!(
    Language { English = "en", Finnish = "fi" }
);

vocabulary!(
    /// Light, dark, or whatever the desktop uses.
    Theme { System = "system", Light = "light", Dark = "dark" }
);

vocabulary!(
    /// Where a commercial proposal stands: draft → sent → receipt confirmed → in negotiation → accepted / rejected /
    /// expired (the validity date passed without a decision).
    ProposalStatus {
        Draft = "draft",
        Sent = "sent",
        ReceiptConfirmed = "receipt_confirmed",
        InNegotiation = "in_negotiation",
        Accepted = "accepted",
        Rejected = "rejected",
        Expired = "expired",
    }
);

vocabulary!(
    /// What a proposal section (or a library block) is about.
    SectionKind {
        Introduction = "introduction",
        Position = "position",
        Exclusivity = "exclusivity",
        References = "references",
        Results = "results",
        Products = "products",
        Offer = "offer",
        Terms = "terms",
        Custom = "custom",
    }
);

impl RelationshipStage {
    /// 0 for no contact up to 4 for a close relationship: the five-step indicator.
    pub fn step(self) -> u8 {
        match self {
            RelationshipStage::NoContact => 0,
            RelationshipStage::FirstContact => 1,
            RelationshipStage::Acquaintance => 2,
            RelationshipStage::Loyalty => 3,
            RelationshipStage::Close => 4,
        }
    }
}

/// A short reference to a record, for links in lists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Ref {
    pub id: i64,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_vocabulary_round_trips_through_its_text() {
        for k in AccountKind::ALL {
            assert_eq!(AccountKind::parse(k.as_str()), Some(*k));
            let json = serde_json::to_string(k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.as_str()));
        }
        for s in DecisionStyle::ALL {
            assert_eq!(DecisionStyle::parse(s.as_str()), Some(*s));
        }
        assert_eq!(BuyingRole::parse("boss"), None);
    }
}
