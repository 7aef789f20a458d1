//! The printed proposal: every text filled, every figure formatted in the proposal's language, ready for the PDF
//! renderer and the HTML preview alike (neither computes anything). A sent version is kept as this document.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::variables::{self, Unfilled, Values};
use super::{check_validity, AudienceMember, Item, Proposal, ProposalProblem, Section};
use crate::types::{Language, SectionKind};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ProposalDocument {
    pub language: Language,
    pub labels: Labels,
    pub company: String,
    pub title: String,
    /// "Proposal 12, version 2".
    pub reference: String,
    pub date: String,
    pub account: String,
    pub account_region: String,
    pub tender: Option<String>,
    /// Who it is for: "Name, title".
    pub audience: Vec<String>,
    pub sections: Vec<DocSection>,
    pub offer: DocOffer,
    pub validity: String,
    /// "This proposal is valid until 31 December 2026." in the document's language.
    pub validity_sentence: String,
    pub team: Vec<DocPerson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocSection {
    pub kind: SectionKind,
    pub title: String,
    pub paragraphs: Vec<String>,
    /// Label and value pairs (the figures of the cooperation).
    pub facts: Vec<[String; 2]>,
    pub chart: Option<DocChart>,
    /// Referees who agreed to be contacted, with their contacts.
    pub referees: Vec<DocPerson>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocChart {
    pub title: String,
    /// One label per bar group (months).
    pub labels: Vec<String>,
    /// Two series at most: this year and the year before, in major units.
    pub series: Vec<DocSeries>,
    /// The highest value, for the scale.
    pub max: f64,
    /// The scale's top label, formatted.
    pub max_label: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DocSeries {
    pub name: String,
    pub values: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocPerson {
    pub name: String,
    pub title: String,
    pub phone: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocOffer {
    pub lines: Vec<DocLine>,
    /// Label and value pairs, the last one the total to pay.
    pub totals: Vec<[String; 2]>,
    pub delivery_terms: String,
    pub payment_terms: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DocLine {
    pub product: String,
    pub pack: String,
    pub quantity: String,
    pub list_price: String,
    pub discount: String,
    pub unit_price: String,
    pub net: String,
    pub vat: String,
}

/// The fixed words of the document in its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Labels {
    pub proposal: String,
    pub prepared_for: String,
    pub tender: String,
    pub date: String,
    pub product: String,
    pub pack: String,
    pub quantity: String,
    pub list_price: String,
    pub discount: String,
    pub unit_price: String,
    pub net: String,
    pub vat: String,
    pub delivery: String,
    pub payment: String,
    pub validity_title: String,
    pub team: String,
    pub referees: String,
    pub page: String,
}

fn labels(lang: Language) -> Labels {
    let l = |en: &str, fi: &str| if lang == Language::Finnish { fi.to_string() } else { en.to_string() };
    Labels {
        proposal: l("Commercial proposal", "Kaupallinen tarjous"),
        prepared_for: l("Prepared for", "Vastaanottajat"),
        tender: l("Tender", "Kilpailutus"),
        date: l("Date", "Päiväys"),
        product: l("Product", "Tuote"),
        pack: l("Pack", "Pakkaus"),
        quantity: l("Qty", "Määrä"),
        list_price: l("List price", "Listahinta"),
        discount: l("Discount", "Alennus"),
        unit_price: l("Unit price", "Yksikköhinta"),
        net: l("Net", "Netto"),
        vat: l("VAT", "ALV"),
        delivery: l("Delivery", "Toimitus"),
        payment: l("Payment", "Maksuehto"),
        validity_title: l("Validity", "Voimassaolo"),
        team: l("Prepared by", "Tarjouksen laativat"),
        referees: l("Referees who agreed to be contacted", "Suosittelijat, joihin voi ottaa yhteyttä"),
        page: l("Page", "Sivu"),
    }
}

/// `1234567` cents as "€12,345.67" (English) or "12 345,67 €" (Finnish); other currencies by their code.
pub fn money(minor: i64, currency: &str, lang: Language) -> String {
    let negative = minor < 0;
    let abs = minor.unsigned_abs();
    let (units, cents) = (abs / 100, abs % 100);
    let (group, decimal) = if lang == Language::Finnish { ('\u{a0}', ',') } else { (',', '.') };
    let digits = units.to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(group);
        }
        grouped.push(c);
    }
    let number = format!("{grouped}{decimal}{cents:02}");
    let sign = if negative { "−" } else { "" };
    match (lang, currency) {
        (Language::English, "EUR") => format!("{sign}€{number}"),
        (Language::Finnish, "EUR") => format!("{sign}{number}\u{a0}€"),
        (Language::English, c) => format!("{sign}{c} {number}"),
        (Language::Finnish, c) => format!("{sign}{number}\u{a0}{c}"),
    }
}

/// Basis points as a percentage: 1250 → "12.5 %" / "12,5 %".
pub fn percent_bp(bp: i64, lang: Language) -> String {
    let whole = bp / 100;
    let frac = (bp % 100).abs();
    let text = if frac == 0 {
        whole.to_string()
    } else if frac % 10 == 0 {
        format!("{whole}.{}", frac / 10)
    } else {
        format!("{whole}.{frac:02}")
    };
    let text = if lang == Language::Finnish { text.replace('.', ",") } else { text };
    format!("{text}\u{a0}%")
}

/// A ratio (0.123) as a signed percentage with one decimal: "+12.3 %".
pub fn signed_ratio(ratio: f64, lang: Language) -> String {
    let text = format!("{:+.1}", ratio * 100.0).replace('-', "−");
    let text = if lang == Language::Finnish { text.replace('.', ",") } else { text };
    format!("{text}\u{a0}%")
}

pub fn date(d: NaiveDate, lang: Language) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    match lang {
        Language::English => format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year()),
        Language::Finnish => format!("{}.{}.{}", d.day(), d.month(), d.year()),
    }
}

/// The account's purchases as the sales reports show them, for the figures section and `{{sales.*}}`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SalesFigures {
    /// The last twelve months with sales reported (any account), oldest first: (YYYY-MM, this account's amount,
    /// the same month a year earlier).
    pub months: Vec<(String, i64, i64)>,
    pub total_minor: i64,
    pub previous_minor: i64,
    /// The account's share of all reported sales in those months.
    pub share: Option<f64>,
    pub top_product: Option<String>,
}

impl SalesFigures {
    pub fn growth(&self) -> Option<f64> {
        (self.previous_minor > 0).then(|| self.total_minor as f64 / self.previous_minor as f64 - 1.0)
    }
}

/// Everything a document is made from, gathered by the store.
pub struct DocumentInput<'a> {
    pub proposal: &'a Proposal,
    pub account_region: String,
    pub tender_reference: Option<String>,
    pub audience: Vec<&'a AudienceMember>,
    /// Referees per section (by section id), only those who agreed to be contacted.
    pub referees: Vec<(i64, DocPerson)>,
    pub sales: Option<SalesFigures>,
    pub company: String,
    pub user_name: String,
    pub today: NaiveDate,
}

/// Builds the document and lists what stops it from being printed (never printing a variable raw).
pub fn build(input: &DocumentInput) -> (ProposalDocument, Vec<ProposalProblem>) {
    let p = input.proposal;
    let lang = p.language;
    let m = |minor: i64| money(minor, &p.currency, lang);
    let values = values(input);
    let mut problems: Vec<ProposalProblem> = Vec::new();
    if let Some(problem) = check_validity(p.validity_date, input.today) {
        if !p.frozen {
            problems.push(problem);
        }
    }
    if p.items.is_empty() {
        problems.push(ProposalProblem { code: "no_items", message: "Add at least one product to the offer.".into() });
    }
    for item in &p.items {
        if item.discount_bp > item.max_discount_bp {
            problems.push(ProposalProblem {
                code: "discount_above_price_list",
                message: format!(
                    "The discount on {} ({}) is above the price list's maximum ({}).",
                    item.sku.name,
                    percent_bp(item.discount_bp, Language::English),
                    percent_bp(item.max_discount_bp, Language::English)
                ),
            });
        }
    }
    let mut fill = |text: &str, section: &Section| -> String {
        let (filled, unfilled) = variables::fill(text, &values);
        for u in unfilled {
            problems.push(match u {
                Unfilled::Unknown(name) => ProposalProblem {
                    code: "unknown_variable",
                    message: format!(
                        "“{}” uses {{{{{name}}}}}, which Avain does not know. Correct it or remove it.",
                        section.title
                    ),
                },
                Unfilled::NoValue { name, why } => ProposalProblem {
                    code: "variable_without_value",
                    message: format!("“{}” uses {{{{{name}}}}}, which has no value: {why}.", section.title),
                },
            });
        }
        filled
    };
    let mut sections = Vec::new();
    for s in p.sections.iter().filter(|s| s.included) {
        let title = fill(&s.title, s);
        let paragraphs =
            s.body.split("\n\n").map(str::trim).filter(|t| !t.is_empty()).map(|t| fill(t, s)).collect::<Vec<_>>();
        let (facts, chart) = if s.kind == SectionKind::Results { results(input, &values) } else { (Vec::new(), None) };
        let referees = input.referees.iter().filter(|(id, _)| *id == s.id).map(|(_, r)| r.clone()).collect();
        sections.push(DocSection { kind: s.kind, title, paragraphs, facts, chart, referees });
    }
    let lines = p
        .items
        .iter()
        .map(|i: &Item| DocLine {
            product: i.sku.name.clone(),
            pack: i.pack.clone(),
            quantity: i.quantity.to_string(),
            list_price: m(i.list_price_minor),
            discount: if i.discount_bp == 0 {
                "—".into()
            } else if i.discount_label.is_empty() {
                percent_bp(i.discount_bp, lang)
            } else {
                format!("{} {}", i.discount_label, percent_bp(i.discount_bp, lang))
            },
            unit_price: m(i.unit_net_minor),
            net: m(i.net_minor),
            vat: percent_bp(i.vat_bp, lang),
        })
        .collect();
    let fi = lang == Language::Finnish;
    let t = &p.totals;
    let mut totals = vec![[if fi { "Listahinnoin" } else { "At list prices" }.to_string(), m(t.list_minor)]];
    if t.discount_minor != 0 {
        totals.push([if fi { "Alennukset" } else { "Discounts" }.to_string(), m(-t.discount_minor)]);
    }
    totals.push([if fi { "Yhteensä ilman ALV:tä" } else { "Net total" }.to_string(), m(t.net_minor)]);
    for v in &t.vat {
        totals.push([format!("{} {}", if fi { "ALV" } else { "VAT" }, percent_bp(v.rate_bp, lang)), m(v.vat_minor)]);
    }
    totals.push([if fi { "Yhteensä" } else { "Total" }.to_string(), m(t.total_minor)]);
    let payment_terms = match p.payment_terms_days {
        Some(0) => if fi { "Käteinen" } else { "Cash" }.to_string(),
        Some(days) => {
            if fi {
                format!("{days} päivää netto")
            } else {
                format!("{days} days net")
            }
        }
        None => String::new(),
    };
    let doc = ProposalDocument {
        language: lang,
        labels: labels(lang),
        company: input.company.clone(),
        title: p.title.clone(),
        reference: if fi {
            format!("Tarjous {}, versio {}", p.id, p.version)
        } else {
            format!("Proposal {}, version {}", p.id, p.version)
        },
        date: date(p.sent_date.unwrap_or(input.today), lang),
        account: p.account.name.clone(),
        account_region: input.account_region.clone(),
        tender: p.tender.as_ref().map(|t| match &input.tender_reference {
            Some(r) if !r.is_empty() => format!("{} ({r})", t.name),
            _ => t.name.clone(),
        }),
        audience: input
            .audience
            .iter()
            .map(|a| if a.title.is_empty() { a.name.clone() } else { format!("{}, {}", a.name, a.title) })
            .collect(),
        sections,
        offer: DocOffer { lines, totals, delivery_terms: p.delivery_terms.clone(), payment_terms },
        validity: p.validity_date.map(|v| date(v, lang)).unwrap_or_default(),
        validity_sentence: p
            .validity_date
            .map(|v| {
                if fi {
                    format!("Tämä tarjous on voimassa {} asti.", date(v, lang))
                } else {
                    format!("This proposal is valid until {}.", date(v, lang))
                }
            })
            .unwrap_or_default(),
        team: p
            .team
            .iter()
            .map(|t| DocPerson {
                name: t.name.clone(),
                title: t.title.clone(),
                phone: t.phone.clone(),
                email: t.email.clone(),
            })
            .collect(),
    };
    if doc.team.is_empty() {
        problems.push(ProposalProblem {
            code: "no_team",
            message: "Name who prepared the proposal (the team block), with positions and contacts.".into(),
        });
    }
    (doc, problems)
}

fn values(input: &DocumentInput) -> Values {
    let p = input.proposal;
    let lang = p.language;
    let m = |minor: i64| money(minor, &p.currency, lang);
    let mut v = Values::new();
    let no_sales = || Err("no sales reports name this account yet".to_string());
    v.insert("account.name", Ok(p.account.name.clone()));
    v.insert(
        "account.region",
        if input.account_region.is_empty() {
            Err("the account has no region".into())
        } else {
            Ok(input.account_region.clone())
        },
    );
    v.insert(
        "tender.title",
        p.tender.as_ref().map(|t| t.name.clone()).ok_or_else(|| "the proposal is for no tender".into()),
    );
    v.insert(
        "tender.reference",
        input.tender_reference.clone().filter(|r| !r.is_empty()).ok_or_else(|| "the tender has no reference".into()),
    );
    v.insert("proposal.title", Ok(p.title.clone()));
    v.insert(
        "proposal.validity",
        p.validity_date.map(|d| date(d, lang)).ok_or_else(|| "the validity date is not set".into()),
    );
    v.insert("proposal.date", Ok(date(p.sent_date.unwrap_or(input.today), lang)));
    v.insert("offer.net", Ok(m(p.totals.net_minor)));
    v.insert("offer.total", Ok(m(p.totals.total_minor)));
    v.insert("offer.savings", Ok(m(p.totals.discount_minor)));
    v.insert("offer.items", Ok(p.items.len().to_string()));
    match &input.sales {
        Some(s) if s.total_minor > 0 || s.previous_minor > 0 => {
            v.insert("sales.total_12m", Ok(m(s.total_minor)));
            v.insert(
                "sales.growth_12m",
                s.growth().map(|g| signed_ratio(g, lang)).ok_or_else(|| "no sales a year earlier to compare".into()),
            );
            v.insert(
                "sales.share",
                s.share.map(|r| percent_bp((r * 10_000.0).round() as i64, lang)).ok_or_else(|| "no sales".into()),
            );
            v.insert(
                "sales.forecast_12m",
                s.growth()
                    .map(|g| m((s.total_minor as f64 * (1.0 + g)).round() as i64))
                    .ok_or_else(|| "no growth to project".into()),
            );
            v.insert("sales.top_product", s.top_product.clone().ok_or_else(|| "no product sales".into()));
        }
        _ => {
            for name in
                ["sales.total_12m", "sales.growth_12m", "sales.share", "sales.forecast_12m", "sales.top_product"]
            {
                v.insert(name, no_sales());
            }
        }
    }
    v.insert(
        "company.name",
        Ok(input.company.clone()).and_then(|c: String| {
            if c.is_empty() {
                Err("set your company's name in Settings".into())
            } else {
                Ok(c)
            }
        }),
    );
    v.insert(
        "user.name",
        if input.user_name.is_empty() { Err("set your name in Settings".into()) } else { Ok(input.user_name.clone()) },
    );
    debug_assert!(variables::KNOWN.iter().all(|(k, _)| v.contains_key(k)));
    v
}

/// The figures section's facts and chart, from the sales reports.
fn results(input: &DocumentInput, values: &Values) -> (Vec<[String; 2]>, Option<DocChart>) {
    let lang = input.proposal.language;
    let fi = lang == Language::Finnish;
    let mut facts = Vec::new();
    let mut fact = |en: &str, fi_label: &str, key: &str| {
        if let Some(Ok(value)) = values.get(key) {
            facts.push([if fi { fi_label } else { en }.to_string(), value.clone()]);
        }
    };
    fact("Purchases, last 12 months", "Ostot, 12 kk", "sales.total_12m");
    fact("Growth on the year before", "Kasvu edellisvuodesta", "sales.growth_12m");
    fact("Share of our sales", "Osuus myynnistämme", "sales.share");
    fact("Most bought product", "Ostetuin tuote", "sales.top_product");
    fact("Next 12 months at this growth", "Seuraavat 12 kk tällä kasvulla", "sales.forecast_12m");
    fact("Savings in this offer", "Säästö tässä tarjouksessa", "offer.savings");
    let chart = input.sales.as_ref().filter(|s| s.months.iter().any(|m| m.1 > 0 || m.2 > 0)).map(|s| {
        let this: Vec<f64> = s.months.iter().map(|m| m.1 as f64 / 100.0).collect();
        let before: Vec<f64> = s.months.iter().map(|m| m.2 as f64 / 100.0).collect();
        let max = this.iter().chain(&before).cloned().fold(0.0, f64::max);
        DocChart {
            title: if fi { "Ostot kuukausittain" } else { "Purchases by month" }.to_string(),
            labels: s.months.iter().map(|m| month_label(&m.0, lang)).collect(),
            series: vec![
                DocSeries { name: if fi { "Edellinen vuosi" } else { "Year before" }.into(), values: before },
                DocSeries { name: if fi { "Viimeiset 12 kk" } else { "Last 12 months" }.into(), values: this },
            ],
            max,
            max_label: money((max * 100.0).round() as i64, &input.proposal.currency, lang),
        }
    });
    (facts, chart)
}

fn month_label(month: &str, lang: Language) -> String {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let n: usize = month.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    match lang {
        Language::English => EN[(n.clamp(1, 12)) - 1].to_string(),
        Language::Finnish => format!("{n}/{}", month.get(2..4).unwrap_or("")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        assert_eq!(money(1_234_567_89, "EUR", Language::English), "€1,234,567.89");
        assert_eq!(money(1_234_567_89, "EUR", Language::Finnish), "1\u{a0}234\u{a0}567,89\u{a0}€");
        assert_eq!(money(5, "EUR", Language::English), "€0.05");
        assert_eq!(money(-12_00, "SEK", Language::English), "−SEK 12.00");
        assert_eq!(money(-12_00, "EUR", Language::English), "−€12.00");
        assert_eq!(money(999_00, "EUR", Language::Finnish), "999,00\u{a0}€");
    }

    #[test]
    fn percentages_and_dates() {
        assert_eq!(percent_bp(1250, Language::English), "12.5\u{a0}%");
        assert_eq!(percent_bp(725, Language::Finnish), "7,25\u{a0}%");
        assert_eq!(percent_bp(1400, Language::English), "14\u{a0}%");
        assert_eq!(signed_ratio(0.1234, Language::English), "+12.3\u{a0}%");
        assert_eq!(signed_ratio(-0.05, Language::Finnish), "−5,0\u{a0}%");
        let d: NaiveDate = "2026-12-31".parse().unwrap();
        assert_eq!(date(d, Language::English), "31 December 2026");
        assert_eq!(date(d, Language::Finnish), "31.12.2026");
        assert_eq!(month_label("2026-03", Language::Finnish), "3/26");
    }
}
