//! A synthetic proposal of a chosen size, for the benchmark and for trying the layout by hand.

use avain_core::proposals::document::{
    DocChart, DocLine, DocOffer, DocPerson, DocSection, DocSeries, Labels, ProposalDocument,
};
use avain_core::types::{Language, SectionKind};

fn labels() -> Labels {
    let s = |t: &str| t.to_string();
    Labels {
        proposal: s("Commercial proposal"),
        prepared_for: s("Prepared for"),
        tender: s("Tender"),
        date: s("Date"),
        product: s("Product"),
        pack: s("Pack"),
        quantity: s("Qty"),
        list_price: s("List price"),
        discount: s("Discount"),
        unit_price: s("Unit price"),
        net: s("Net"),
        vat: s("VAT"),
        delivery: s("Delivery"),
        payment: s("Payment"),
        validity_title: s("Validity"),
        team: s("Prepared by"),
        referees: s("Referees who agreed to be contacted"),
        page: s("Page"),
    }
}

const PARAGRAPH: &str = "Kivilahti Hospital sets the standard of care in its region. We understand that \
    predictable supply, the total cost of treatment and the workload of your staff matter as much as the price of \
    a pack, and this proposal is built around them.";

/// A proposal with `charts` figures sections (each with a twelve-month chart) and `lines` offer lines.
pub fn document(charts: usize, lines: usize) -> ProposalDocument {
    let chart = |n: usize| DocChart {
        title: format!("Purchases by month ({})", n + 1),
        labels: ["Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov"]
            .map(String::from)
            .to_vec(),
        series: vec![
            DocSeries { name: "Year before".into(), values: (0..12).map(|m| 9_000.0 + 400.0 * m as f64).collect() },
            DocSeries { name: "Last 12 months".into(), values: (0..12).map(|m| 10_000.0 + 650.0 * m as f64).collect() },
        ],
        max: 17_150.0,
        max_label: "€17,150.00".into(),
    };
    let mut sections = vec![DocSection {
        kind: SectionKind::Introduction,
        title: "Introduction".into(),
        paragraphs: vec![PARAGRAPH.into(); 2],
        facts: Vec::new(),
        chart: None,
        referees: Vec::new(),
    }];
    for n in 0..charts {
        sections.push(DocSection {
            kind: SectionKind::Results,
            title: format!("Our cooperation in figures, part {}", n + 1),
            paragraphs: vec![PARAGRAPH.into()],
            facts: vec![
                ["Purchases, last 12 months".into(), "€163,000.00".into()],
                ["Growth on the year before".into(), "+12.3 %".into()],
            ],
            chart: Some(chart(n)),
            referees: Vec::new(),
        });
    }
    sections.push(DocSection {
        kind: SectionKind::References,
        title: "References".into(),
        paragraphs: vec![PARAGRAPH.into()],
        facts: Vec::new(),
        chart: None,
        referees: vec![DocPerson {
            name: "Dr Liisa Berg".into(),
            title: "Chief Pharmacist, Metsälä Hospital".into(),
            phone: "+358 40 765 4321".into(),
            email: "liisa.berg@example.fi".into(),
        }],
    });
    sections.push(DocSection {
        kind: SectionKind::Offer,
        title: "Our offer".into(),
        paragraphs: vec!["The prices below are net of the discounts agreed.".into()],
        facts: Vec::new(),
        chart: None,
        referees: Vec::new(),
    });
    ProposalDocument {
        language: Language::English,
        labels: labels(),
        company: "Avain Pharma Oy".into(),
        title: "Oncology supply 2027".into(),
        reference: "Proposal 1, version 1".into(),
        date: "27 November 2026".into(),
        account: "Kivilahti Hospital".into(),
        account_region: "Uusimaa".into(),
        tender: None,
        audience: vec!["Anna Aalto, Chief Physician".into(), "Pekka Berg, Head of Procurement".into()],
        sections,
        offer: DocOffer {
            lines: (0..lines)
                .map(|n| DocLine {
                    product: format!("Oncorin {} mg", 10 + n),
                    pack: "30 tabl".into(),
                    quantity: "40".into(),
                    list_price: "€120.00".into(),
                    discount: "Key account 12.5 %".into(),
                    unit_price: "€105.00".into(),
                    net: "€4,200.00".into(),
                    vat: "14 %".into(),
                })
                .collect(),
            totals: vec![
                ["Net total".into(), "€4,200.00".into()],
                ["VAT 14 %".into(), "€588.00".into()],
                ["Total".into(), "€4,788.00".into()],
            ],
            delivery_terms: "DAP hospital pharmacy, within 2 working days".into(),
            payment_terms: "30 days net".into(),
        },
        validity: "31 December 2026".into(),
        validity_sentence: "This proposal is valid until 31 December 2026.".into(),
        team: vec![DocPerson {
            name: "Kaisa Mäkelä".into(),
            title: "Key Account Manager".into(),
            phone: "+358 40 123 4567".into(),
            email: "kaisa@example.com".into(),
        }],
    }
}
