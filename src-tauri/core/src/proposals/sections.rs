//! Which sections a proposal needs, and in what order, from its audience's decision styles.
//!
//! Executives read for the client's position and business and for exclusivity and unique terms; people-oriented
//! members read references with the contacts of referees; analytical (financial) and technical members read the
//! figures of the cooperation; technical members also read the product dossiers. Each member weighs by their
//! buying role (decision maker and approver 5, champion and influencer 4, technical evaluator 3, gatekeeper and
//! user 2 — the same weights as in the influence network), so in a mixed group the sections for those who decide
//! come first. The introduction opens, the offer and the standard terms close; the validity date and the team block
//! always end the document.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::network::role_strength;
use crate::types::{BuyingRole, DecisionStyle, Language, SectionKind};

/// One reader of the proposal, as the account's decision group knows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AudienceMember {
    pub person_id: i64,
    pub name: String,
    pub title: String,
    pub role: BuyingRole,
    pub style: DecisionStyle,
}

/// A section Avain proposes, with why (for the KAM, not printed).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PlannedSection {
    pub kind: SectionKind,
    pub included: bool,
    /// Share of the audience's weight that reads for this section, 0–1 (1 for the sections every proposal has).
    pub weight: f64,
    /// The members who read for it, strongest first.
    pub readers: Vec<String>,
}

/// The styles that read a section; empty for the sections every proposal has.
pub fn readers_of(kind: SectionKind) -> &'static [DecisionStyle] {
    use DecisionStyle::*;
    match kind {
        SectionKind::Position | SectionKind::Exclusivity => &[Executive],
        SectionKind::References => &[PeopleOriented],
        SectionKind::Results => &[Analytical, Technical],
        SectionKind::Products => &[Technical],
        SectionKind::Introduction | SectionKind::Offer | SectionKind::Terms | SectionKind::Custom => &[],
    }
}

/// The audience-driven sections in their order when weights tie.
const STYLE_SECTIONS: [SectionKind; 5] = [
    SectionKind::Position,
    SectionKind::Exclusivity,
    SectionKind::Results,
    SectionKind::References,
    SectionKind::Products,
];

/// The sections for an audience: the introduction, then the audience-driven sections by the weight of those who
/// read them (the ones nobody in the audience reads for are listed last, not included), then the offer and terms.
pub fn plan(audience: &[AudienceMember]) -> Vec<PlannedSection> {
    let total: f64 = audience.iter().map(|m| role_strength(m.role)).sum();
    let fixed = |kind| PlannedSection { kind, included: true, weight: 1.0, readers: Vec::new() };
    let mut driven: Vec<PlannedSection> = STYLE_SECTIONS
        .iter()
        .map(|&kind| {
            let mut readers: Vec<&AudienceMember> =
                audience.iter().filter(|m| readers_of(kind).contains(&m.style)).collect();
            readers.sort_by(|a, b| role_strength(b.role).total_cmp(&role_strength(a.role)).then(a.name.cmp(&b.name)));
            let weight =
                if total > 0.0 { readers.iter().map(|m| role_strength(m.role)).sum::<f64>() / total } else { 0.0 };
            PlannedSection {
                kind,
                included: weight > 0.0,
                weight,
                readers: readers.into_iter().map(|m| m.name.clone()).collect(),
            }
        })
        .collect();
    // A stable sort keeps the tie order above.
    driven.sort_by(|a, b| b.weight.total_cmp(&a.weight));
    let mut sections = vec![fixed(SectionKind::Introduction)];
    sections.extend(driven);
    sections.push(fixed(SectionKind::Offer));
    sections.push(fixed(SectionKind::Terms));
    sections
}

/// The audience's style mix: the styles present, in a fixed order, joined by '+' ("analytical+executive").
pub fn style_mix(audience: &[AudienceMember]) -> String {
    let mut styles: Vec<&str> =
        DecisionStyle::ALL.iter().filter(|s| audience.iter().any(|m| m.style == **s)).map(|s| s.as_str()).collect();
    styles.sort_unstable();
    styles.join("+")
}

/// A section's title and text when the block library has none of its kind in the proposal's language.
pub fn default_text(kind: SectionKind, language: Language) -> (&'static str, &'static str) {
    use SectionKind::*;
    match (language, kind) {
        (Language::English, Introduction) => (
            "Introduction",
            "Thank you for the opportunity to present our proposal to {{account.name}}. It sets out how we can \
             support your work and the terms we offer.",
        ),
        (Language::English, Position) => (
            "Your position and goals",
            "{{account.name}} sets the standard of care in its region. We understand that predictable supply, \
             total cost of treatment and the workload of your staff matter as much as the price of a pack.",
        ),
        (Language::English, Exclusivity) => (
            "Exclusive terms",
            "For {{account.name}} we offer terms reserved for our key partners: fixed prices for the validity of \
             this proposal, priority supply and a named contact who answers within one working day.",
        ),
        (Language::English, References) => (
            "References",
            "Hospitals and pharmacies comparable to {{account.name}} work with us. The referees below have agreed \
             to tell you about their experience.",
        ),
        (Language::English, Results) => (
            "Our cooperation in figures",
            "In the last twelve months {{account.name}} bought {{sales.total_12m}} of our products \
             ({{sales.growth_12m}} against the year before).",
        ),
        (Language::English, Products) => (
            "Products",
            "Product dossiers with the summary of product characteristics are available for every item offered.",
        ),
        (Language::English, Offer) => {
            ("Our offer", "The prices below are net of the discounts agreed for {{account.name}}.")
        }
        (Language::English, Terms) => (
            "Terms",
            "Prices are in euros. Delivery and payment as stated in the offer. This proposal is valid until \
             {{proposal.validity}}.",
        ),
        (Language::English, Custom) => ("Section", ""),
        (Language::Finnish, Introduction) => (
            "Johdanto",
            "Kiitos mahdollisuudesta esittää tarjouksemme: {{account.name}}. Kerromme, miten voimme tukea \
             työtänne ja millä ehdoilla.",
        ),
        (Language::Finnish, Position) => (
            "Asemanne ja tavoitteenne",
            "{{account.name}} näyttää alueellaan hoidon suunnan. Ymmärrämme, että toimitusvarmuus, hoidon \
             kokonaiskustannus ja henkilökuntanne työmäärä ovat yhtä tärkeitä kuin pakkauksen hinta.",
        ),
        (Language::Finnish, Exclusivity) => (
            "Yksinoikeudelliset ehdot",
            "Tarjoamme ehdot, jotka on varattu avainkumppaneillemme: kiinteät hinnat tarjouksen voimassaoloajan, \
             etusija toimituksissa ja nimetty yhteyshenkilö, joka vastaa yhden työpäivän kuluessa.",
        ),
        (Language::Finnish, References) => (
            "Referenssit",
            "Kanssamme toimii sairaaloita ja apteekkeja, jotka ovat verrattavissa teihin. Alla mainitut \
             suosittelijat ovat lupautuneet kertomaan kokemuksistaan.",
        ),
        (Language::Finnish, Results) => (
            "Yhteistyömme luvuin",
            "Viimeisten kahdentoista kuukauden aikana ostonne tuotteistamme olivat {{sales.total_12m}} \
             ({{sales.growth_12m}} edelliseen vuoteen verrattuna).",
        ),
        (Language::Finnish, Products) => {
            ("Tuotteet", "Jokaisesta tarjotusta tuotteesta on saatavilla tuote-esite ja valmisteyhteenveto.")
        }
        (Language::Finnish, Offer) => {
            ("Tarjouksemme", "Alla olevat hinnat ovat nettohintoja sovittujen alennusten jälkeen.")
        }
        (Language::Finnish, Terms) => (
            "Ehdot",
            "Hinnat euroina. Toimitus ja maksu tarjouksen mukaisesti. Tarjous on voimassa {{proposal.validity}} asti.",
        ),
        (Language::Finnish, Custom) => ("Osio", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, role: BuyingRole, style: DecisionStyle) -> AudienceMember {
        AudienceMember { person_id: 0, name: name.into(), title: String::new(), role, style }
    }

    fn kinds(plan: &[PlannedSection]) -> Vec<(SectionKind, bool)> {
        plan.iter().map(|s| (s.kind, s.included)).collect()
    }

    use SectionKind::*;

    #[test]
    fn an_executive_gets_position_and_exclusivity_first() {
        let p = plan(&[member("Eeva", BuyingRole::DecisionMaker, DecisionStyle::Executive)]);
        assert_eq!(
            kinds(&p),
            [
                (Introduction, true),
                (Position, true),
                (Exclusivity, true),
                (Results, false),
                (References, false),
                (Products, false),
                (Offer, true),
                (Terms, true)
            ]
        );
        assert_eq!(p[1].readers, ["Eeva"]);
        assert_eq!(p[1].weight, 1.0);
    }

    #[test]
    fn a_people_oriented_reader_gets_references() {
        let p = plan(&[member("Pia", BuyingRole::Influencer, DecisionStyle::PeopleOriented)]);
        assert_eq!(p[1].kind, References);
        assert!(p[1].included);
        assert_eq!(p.iter().filter(|s| s.included).count(), 4);
    }

    #[test]
    fn analytical_and_technical_readers_get_the_figures_and_technical_ones_the_products() {
        let a = plan(&[member("Antti", BuyingRole::Approver, DecisionStyle::Analytical)]);
        assert_eq!((a[1].kind, a[1].included), (Results, true));
        assert!(!a.iter().find(|s| s.kind == Products).unwrap().included);
        let t = plan(&[member("Tuula", BuyingRole::TechnicalEvaluator, DecisionStyle::Technical)]);
        assert_eq!(kinds(&t)[1..3], [(Results, true), (Products, true)]);
    }

    #[test]
    fn a_mixed_group_orders_sections_by_the_weight_of_their_readers() {
        // Decision maker (5) analytical, influencer (4) people-oriented, user (2) executive: total 11.
        let p = plan(&[
            member("Ulla", BuyingRole::User, DecisionStyle::Executive),
            member("Aki", BuyingRole::DecisionMaker, DecisionStyle::Analytical),
            member("Paula", BuyingRole::Influencer, DecisionStyle::PeopleOriented),
        ]);
        assert_eq!(
            kinds(&p),
            [
                (Introduction, true),
                (Results, true),
                (References, true),
                (Position, true),
                (Exclusivity, true),
                (Products, false),
                (Offer, true),
                (Terms, true)
            ]
        );
        assert!((p[1].weight - 5.0 / 11.0).abs() < 1e-9);
        assert!((p[2].weight - 4.0 / 11.0).abs() < 1e-9);
        assert!((p[3].weight - 2.0 / 11.0).abs() < 1e-9);
        assert_eq!(
            style_mix(&[
                member("Ulla", BuyingRole::User, DecisionStyle::Executive),
                member("Aki", BuyingRole::DecisionMaker, DecisionStyle::Analytical),
            ]),
            "analytical+executive"
        );
    }

    #[test]
    fn readers_are_listed_strongest_first() {
        let p = plan(&[
            member("Bea", BuyingRole::User, DecisionStyle::Technical),
            member("Cai", BuyingRole::Approver, DecisionStyle::Analytical),
        ]);
        assert_eq!(p[1].kind, Results);
        assert_eq!(p[1].readers, ["Cai", "Bea"]);
        assert_eq!(p[1].weight, 1.0);
    }

    #[test]
    fn no_audience_proposes_only_the_sections_every_proposal_has() {
        let p = plan(&[]);
        assert_eq!(p.iter().filter(|s| s.included).map(|s| s.kind).collect::<Vec<_>>(), [Introduction, Offer, Terms]);
        assert_eq!(style_mix(&[]), "");
    }

    #[test]
    fn every_kind_has_a_text_in_both_languages() {
        for lang in [Language::English, Language::Finnish] {
            for kind in SectionKind::ALL {
                assert!(!default_text(*kind, lang).0.is_empty());
            }
        }
    }
}
