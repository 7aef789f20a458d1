//! The types the UI sees, and their TypeScript twins in `ui/src/api/generated/`.
//!
//! `cargo test` checks that the generated files match the Rust types and fails when they are stale; run it with
//! `UPDATE_BINDINGS=1` to rewrite them.

use std::path::{Path, PathBuf};

use ts_rs::{Config, TS};

macro_rules! api_types {
    ($($ty:ty),+ $(,)?) => {
        /// Every type exported to TypeScript: (file name, file contents).
        pub fn bindings() -> Vec<(String, String)> {
            let cfg = config();
            let mut files = Vec::new();
            $(
                let name = <$ty as TS>::output_path()
                    .expect("every API type is exportable")
                    .display()
                    .to_string();
                let text = <$ty as TS>::export_to_string(&cfg).expect("bindings render");
                files.push((name, text));
            )+
            files
        }
    };
}

fn config() -> Config {
    // IDs and money in minor units stay well within JavaScript's exact integer range.
    Config::new().with_large_int("number")
}

api_types!(
    crate::error::ApiError,
    crate::store::Change,
    crate::types::AccountKind,
    crate::types::AccountStatus,
    crate::types::BuyingRole,
    crate::types::DecisionStyle,
    crate::types::RelationshipStage,
    crate::types::InteractionKind,
    crate::types::InteractionStatus,
    crate::types::ConsentMethod,
    crate::types::PreferredChannel,
    crate::types::Source,
    crate::types::Language,
    crate::types::Theme,
    crate::types::Ref,
    crate::accounts::Criterion,
    crate::accounts::KeyCriteria,
    crate::accounts::Account,
    crate::accounts::AccountInput,
    crate::accounts::AccountRow,
    crate::accounts::AccountFilter,
    crate::accounts::AccountFacets,
    crate::accounts::AccountDossier,
    crate::accounts::StyleCount,
    crate::people::Consent,
    crate::people::Personal,
    crate::people::Person,
    crate::people::PersonInput,
    crate::people::Affiliation,
    crate::people::AffiliationInput,
    crate::people::MemberCard,
    crate::people::MemberInput,
    crate::people::NewMemberInput,
    crate::people::PersonRow,
    crate::people::PersonFilter,
    crate::people::Membership,
    crate::people::PersonDetail,
    crate::interactions::Interaction,
    crate::interactions::InteractionInput,
    crate::interactions::Task,
    crate::interactions::TaskInput,
    crate::interactions::InteractionFilter,
    crate::interactions::TaskFilter,
    crate::interactions::WeekPlan,
    crate::interactions::PlanDay,
    crate::today::Today,
    crate::today::BirthdayEntry,
    crate::today::Renegotiation,
    crate::search::SearchKind,
    crate::search::SearchHit,
    crate::settings::Settings,
    crate::demo::DemoSummary,
    crate::skus::Sku,
    crate::skus::SkuInput,
    crate::skus::Discount,
    crate::sales::FileFormat,
    crate::sales::ColumnRole,
    crate::sales::ValueKind,
    crate::sales::Column,
    crate::sales::Layout,
    crate::sales::LayoutChoice,
    crate::sales::text::DecimalStyle,
    crate::sales::dates::DateOrder,
    crate::sales::ImportOptions,
    crate::sales::PreviewRow,
    crate::sales::Understanding,
    crate::sales::Replacement,
    crate::sales::Exclusion,
    crate::sales::ExcludedRow,
    crate::sales::Problem,
    crate::sales::ColumnTotal,
    crate::sales::ScanSummary,
    crate::store::ImportOutcome,
    crate::store::ImportRow,
    crate::store::ReportedKind,
    crate::store::ReportedValue,
    crate::store::Suggestion,
    crate::sales::analytics::SalesFilter,
    crate::sales::analytics::MonthPoint,
    crate::sales::analytics::AccountShare,
    crate::sales::analytics::NamedAmount,
    crate::sales::analytics::Pareto,
    crate::sales::analytics::Dashboard,
    crate::sales::analytics::ReceivableRow,
    crate::sales::pricelist::SkuField,
    crate::store::CalendarItem,
    crate::tenders::MilestoneKind,
    crate::tenders::TenderStatus,
    crate::tenders::Procedure,
    crate::tenders::Offset,
    crate::tenders::TemplateStep,
    crate::tenders::Outcome,
    crate::tenders::Bid,
    crate::tenders::LotInput,
    crate::tenders::Milestone,
    crate::tenders::TenderInput,
    crate::store::Lot,
    crate::store::PlannedMilestone,
    crate::store::TenderDocument,
    crate::store::DocumentInput,
    crate::store::StatusChange,
    crate::store::TenderPerson,
    crate::store::Tender,
    crate::store::TenderRow,
    crate::store::CoverageAlert,
    crate::store::ProcedureTemplate,
    crate::tenders::analysis::Tally,
    crate::tenders::analysis::ReasonRow,
    crate::tenders::analysis::ShareRow,
    crate::tenders::analysis::PriceComparison,
    crate::tenders::analysis::WinLoss,
    crate::tenders::import::TenderField,
    crate::tenders::import::TenderListOptions,
    crate::tenders::import::TenderColumn,
    crate::tenders::import::ListedTender,
    crate::tenders::import::TenderList,
    crate::sales::pricelist::PriceListOptions,
    crate::sales::pricelist::PriceColumn,
    crate::sales::pricelist::PriceAction,
    crate::sales::pricelist::PriceRow,
    crate::sales::pricelist::PriceList,
    crate::sales::analytics::ForecastRow,
    crate::export::ExportCell,
    crate::export::ExportTable,
    crate::types::Tier,
    crate::types::Attitude,
    crate::types::LinkKind,
    crate::types::PersonType,
    crate::types::TieKind,
    crate::types::CommitteeKind,
    crate::types::ActivityKind,
    crate::network::ProfileInput,
    crate::network::ChangeInput,
    crate::network::ProfileChange,
    crate::network::HistoryEntry,
    crate::network::LinkInput,
    crate::network::Link,
    crate::network::TieInput,
    crate::network::Tie,
    crate::network::CommitteeInput,
    crate::network::Committee,
    crate::network::ActivityInput,
    crate::network::Activity,
    crate::network::Standing,
    crate::network::NetworkProfile,
    crate::network::NetworkScope,
    crate::network::GraphNode,
    crate::network::GraphLink,
    crate::network::Graph,
    crate::network::InfluenceRoute,
    crate::network::BalancePoint,
    crate::network::RankedPerson,
    crate::network::NetworkSummary,
    crate::network::Balance,
    crate::network::InfluenceWeights,
    crate::types::Delegation,
    crate::types::PlanStatus,
    crate::types::StepStatus,
    crate::types::EventKind,
    crate::plans::PlanInput,
    crate::plans::StepInput,
    crate::plans::PlanStep,
    crate::plans::PlanProgress,
    crate::plans::Plan,
    crate::plans::EventInput,
    crate::plans::Participation,
    crate::plans::EventParticipant,
    crate::plans::Event,
    crate::plans::PersonEvent,
    crate::types::ProposalStatus,
    crate::types::SectionKind,
    crate::proposals::ProposalInput,
    crate::proposals::ItemInput,
    crate::proposals::TeamMemberInput,
    crate::proposals::SectionInput,
    crate::proposals::Section,
    crate::proposals::Item,
    crate::proposals::TeamMember,
    crate::proposals::Warning,
    crate::proposals::ProposalProblem,
    crate::proposals::FollowUpTask,
    crate::proposals::Proposal,
    crate::proposals::VersionRow,
    crate::proposals::ProposalRow,
    crate::proposals::AudienceMember,
    crate::proposals::PlannedSection,
    crate::proposals::OfferTotals,
    crate::proposals::offer::VatAmount,
    crate::proposals::document::ProposalDocument,
    crate::proposals::document::DocSection,
    crate::proposals::document::DocChart,
    crate::proposals::document::DocSeries,
    crate::proposals::document::DocPerson,
    crate::proposals::document::DocOffer,
    crate::proposals::document::DocLine,
    crate::proposals::document::Labels,
    crate::store::Block,
    crate::store::BlockInput,
    crate::store::ProposalStats,
    crate::store::ProposalPreview,
    crate::store::StatusCount,
    crate::store::MixRate,
    crate::AppInfo,
);

/// An `index.ts` that re-exports every generated type.
pub fn index(files: &[(String, String)]) -> String {
    let mut out = String::from("// Generated by avain-core (src/api.rs). Do not edit.\n");
    for (name, _) in files {
        let stem = name.trim_end_matches(".ts");
        out.push_str(&format!("export type {{ {stem} }} from \"./{stem}\";\n"));
    }
    out
}

pub fn generated_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/api/generated")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typescript_bindings_are_up_to_date() {
        let dir = generated_dir();
        let mut files = bindings();
        files.push(("index.ts".to_string(), index(&files)));
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            if dir.exists() {
                std::fs::remove_dir_all(&dir).unwrap();
            }
            std::fs::create_dir_all(&dir).unwrap();
            for (name, text) in &files {
                std::fs::write(dir.join(name), text).unwrap();
            }
            return;
        }
        let mut stale = Vec::new();
        for (name, text) in &files {
            if std::fs::read_to_string(dir.join(name)).ok().as_deref() != Some(text.as_str()) {
                stale.push(name.clone());
            }
        }
        let on_disk = std::fs::read_dir(&dir).map(|d| d.count()).unwrap_or(0);
        assert!(
            stale.is_empty() && on_disk == files.len(),
            "ui/src/api/generated is stale ({stale:?}, {on_disk} files on disk, {} expected). \
             Regenerate with: UPDATE_BINDINGS=1 cargo test -p avain-core typescript_bindings",
            files.len()
        );
    }
}
