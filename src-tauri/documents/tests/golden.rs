//! A proposal built in a real store, rendered to PDF and read back with `pdftotext`: the account, every item, the
//! totals, the validity date and the team block are in it, on the pages expected, with every font embedded.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use std::process::Command;

use avain_core::accounts::AccountInput;
use avain_core::people::{MemberInput, PersonInput};
use avain_core::proposals::{ItemInput, ProposalInput, SectionInput};
use avain_core::skus::{Discount, SkuInput};
use avain_core::types::{AccountKind, AccountStatus, BuyingRole, DecisionStyle, SectionKind, Source};
use avain_core::Store;
use chrono::NaiveDate;

fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| panic!("{name} (poppler-utils): {e}"));
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn the_printed_proposal_holds_everything_the_client_needs() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path()).unwrap();
    let today: NaiveDate = "2026-11-27".parse().unwrap();
    let mut settings = store.settings().unwrap();
    settings.user_name = "Kaisa Mäkelä".into();
    settings.user_title = "Key Account Manager".into();
    settings.user_phone = "+358 40 123 4567".into();
    settings.user_email = "kaisa@example.com".into();
    settings.company_name = "Avain Pharma Oy".into();
    store.save_settings(&settings).unwrap();
    let account = store
        .create_account(
            &AccountInput {
                name: "Kivilahti Hospital".into(),
                kind: Some(AccountKind::Hospital),
                status: Some(AccountStatus::Key),
                region: "Uusimaa".into(),
                ..Default::default()
            },
            Source::User,
        )
        .unwrap()
        .id;
    for (last, role, style) in [
        ("Aalto", BuyingRole::DecisionMaker, DecisionStyle::Executive),
        ("Berg", BuyingRole::Influencer, DecisionStyle::PeopleOriented),
    ] {
        let person = store
            .create_person(&PersonInput { last_name: last.into(), ..Default::default() }, today, Source::User)
            .unwrap()
            .id;
        store
            .add_member(
                &MemberInput {
                    account_id: account,
                    person_id: person,
                    buying_role: role,
                    decision_style: style,
                    notes: String::new(),
                },
                Source::User,
            )
            .unwrap();
    }
    let p = store
        .create_proposal(
            &ProposalInput {
                account_id: account,
                title: "Oncology supply 2027".into(),
                validity_date: "2026-12-31".into(),
                delivery_terms: "DAP hospital pharmacy".into(),
                payment_terms_days: Some(30),
                ..Default::default()
            },
            today,
            Source::User,
        )
        .unwrap();
    // Forty products: the offer table runs over a page break and repeats its header.
    for n in 0..40 {
        let sku = store
            .create_sku(
                &SkuInput {
                    name: format!("Oncorin {} mg", 100 + n),
                    pack_size: "30 tabl".into(),
                    list_price_minor: Some(100_00 + n * 1_00),
                    discounts: vec![Discount { label: "Key account".into(), percent: 10.0 }],
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        let label = if n % 2 == 0 { "Key account" } else { "" };
        store
            .add_item(
                p.id,
                &ItemInput { sku_id: sku, quantity: 10, discount_label: label.into(), ..Default::default() },
                today,
            )
            .unwrap();
    }
    let intro = p.sections.iter().find(|s| s.kind == SectionKind::Introduction).unwrap();
    store
        .update_section(
            intro.id,
            &SectionInput { title: "Introduction".into(), body: "Dear {{account.name}} team.".into(), included: true },
            today,
        )
        .unwrap();
    let doc = store.proposal_document(p.id, today).unwrap();
    let (pdf, pages) = avain_documents::proposal_pdf(&doc, None).unwrap();
    let path = dir.path().join("proposal.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let path = path.to_str().unwrap();
    let text = tool("pdftotext", &["-layout", path, "-"]);
    assert_eq!(pages, 3);
    let info = tool("pdfinfo", &[path]);
    let counted = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(str::trim);
    assert_eq!(counted, Some("3"), "{info}");
    assert!(text.contains("Kivilahti Hospital"));
    assert!(text.contains("Dear Kivilahti Hospital team."));
    for n in 0..40 {
        assert!(text.contains(&format!("Oncorin {} mg", 100 + n)), "item {n} missing");
    }
    assert_eq!(text.matches("Unit price").count(), 2, "the table header repeats on the next page");
    let totals = store.proposal(p.id, today).unwrap().totals;
    // 40 lines of 10 packs at 100.00 … 139.00 (47 800.00); every second one 10 % off (2 380.00); VAT 14 %.
    assert_eq!(totals.list_minor, 47_800_00);
    assert_eq!(totals.net_minor, 45_420_00);
    assert_eq!(totals.vat_minor, 6_358_80);
    assert_eq!(totals.total_minor, 51_778_80);
    for figure in ["€47,800.00", "−€2,380.00", "€45,420.00", "€6,358.80", "€51,778.80"] {
        assert!(text.contains(figure), "{figure} missing");
    }
    assert!(text.contains("This proposal is valid until 31 December 2026."));
    for team in ["Kaisa Mäkelä", "Key Account Manager", "+358 40 123 4567", "kaisa@example.com"] {
        assert!(text.contains(team), "{team} missing");
    }
    assert!(text.contains("Page 3 / 3"));
    assert!(!text.contains("{{"), "no raw variable");
    let fonts = tool("pdffonts", &[path]);
    assert!(
        fonts.lines().skip(2).all(|l| l.split_whitespace().rev().nth(4) == Some("yes")),
        "every font embedded:\n{fonts}"
    );
}
