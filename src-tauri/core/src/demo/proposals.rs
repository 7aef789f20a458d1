//! Demo proposals: a library of blocks in English and Finnish (with a referee who agreed to recommend us), and
//! proposals to a key account in every state — a draft for a mixed decision group, one sent this week with its
//! follow-up on Today, and decided ones (accepted, rejected, expired) that feed the analytics.

use chrono::{Days, NaiveDate};
use rusqlite::OptionalExtension;

use crate::error::Result;
use crate::proposals::{ItemInput, ProposalInput};
use crate::store::BlockInput;
use crate::types::{Language, ProposalStatus, SectionKind, Source};
use crate::Store;

impl Store {
    pub(crate) fn demo_proposals(&mut self, today: NaiveDate) -> Result<()> {
        // The key account with the most sales and a decision group of more than one style.
        let account: Option<i64> = self
            .conn
            .query_row(
                "SELECT a.id FROM accounts a
                 WHERE a.status = 'key' AND (SELECT count(DISTINCT decision_style) FROM decision_group_members m
                                             WHERE m.account_id = a.id) >= 2
                   AND EXISTS (SELECT 1 FROM sales_customers c WHERE c.account_id = a.id)
                 ORDER BY (SELECT count(*) FROM decision_group_members m WHERE m.account_id = a.id) DESC, a.id
                 LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let Some(account) = account else { return Ok(()) };
        // The documents need a company name; the demo names one only when the user has not.
        let mut settings = self.settings()?;
        if settings.company_name.is_empty() {
            settings.company_name = "Nordpharma Oy".into();
            self.save_settings(&settings)?;
        }
        let referee: Option<i64> = self
            .conn
            .query_row(
                "SELECT person_id FROM decision_group_members WHERE account_id != ?1 ORDER BY id LIMIT 1",
                [account],
                |r| r.get(0),
            )
            .optional()?;
        let blocks: [(SectionKind, Language, &str, &str, bool); 6] = [
            (
                SectionKind::Introduction,
                Language::English,
                "Company introduction",
                "{{company.name}} has supplied Finnish hospitals and pharmacies since 1998. This proposal to \
                 {{account.name}} sets out the supply, prices and support we offer for the coming year.",
                false,
            ),
            (
                SectionKind::Introduction,
                Language::Finnish,
                "Yritysesittely",
                "{{company.name}} on toimittanut lääkkeitä suomalaisille sairaaloille ja apteekeille vuodesta 1998. \
                 Tässä tarjouksessa kerromme toimitukset, hinnat ja tuen, jotka tarjoamme tulevalle vuodelle.",
                false,
            ),
            (
                SectionKind::References,
                Language::English,
                "Reference: a university hospital's switch",
                "A university hospital of comparable size moved its diabetes and cardiology supply to us in 2025: \
                 no stock-outs since, and the pharmacy's ordering work halved.",
                true,
            ),
            (
                SectionKind::References,
                Language::Finnish,
                "Referenssi: yliopistosairaalan siirtymä",
                "Vastaavan kokoinen yliopistosairaala siirsi diabetes- ja sydänlääkkeidensä hankinnan meille \
                 vuonna 2025: ei toimituskatkoja, ja sairaala-apteekin tilaustyö puolittui.",
                true,
            ),
            (
                SectionKind::Terms,
                Language::English,
                "Standard terms",
                "Prices in euros, VAT added at the rate in force. Delivery to the hospital pharmacy within two \
                 working days of the order. This proposal is valid until {{proposal.validity}}.",
                false,
            ),
            (
                SectionKind::Products,
                Language::English,
                "Product dossiers",
                "Each product offered comes with its summary of product characteristics, stability data and the \
                 package leaflet in Finnish and Swedish.",
                false,
            ),
        ];
        for (kind, language, title, body, with_referee) in blocks {
            let input = BlockInput {
                kind: Some(kind),
                language: Some(language),
                title: title.into(),
                body: body.into(),
                referee_person_id: if with_referee { referee } else { None },
                referee_consent: if with_referee { (today - Days::new(60)).to_string() } else { String::new() },
            };
            self.save_proposal_block(None, &input, Source::Demo)?;
        }
        let skus: Vec<(i64, String)> = {
            let mut stmt = self.conn.prepare(
                "SELECT id, json_extract(discounts, '$[#-1].label') FROM skus
                 WHERE ours = 1 AND list_price_minor IS NOT NULL ORDER BY id LIMIT 4",
            )?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get::<_, Option<String>>(1)?.unwrap_or_default())))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        // (title, days ago created/sent, validity in days from sending, what happened and how many days later)
        type Outcome = Option<(ProposalStatus, u64)>;
        let plans: [(&str, u64, u64, Outcome); 5] = [
            ("Diabetes and cardiology supply 2027", 0, 35, None),
            ("Winter season top-up", 3, 30, Some((ProposalStatus::Sent, 0))),
            ("Cardiology framework 2026", 120, 30, Some((ProposalStatus::Accepted, 12))),
            ("Generic switch offer", 90, 30, Some((ProposalStatus::Rejected, 20))),
            ("Summer stock campaign", 200, 21, None),
        ];
        for (n, (title, ago, validity, outcome)) in plans.into_iter().enumerate() {
            let day = today - Days::new(ago);
            let input = ProposalInput {
                account_id: account,
                title: title.into(),
                validity_date: (day + Days::new(validity)).to_string(),
                delivery_terms: "DAP hospital pharmacy, within 2 working days".into(),
                ..Default::default()
            };
            let p = self.create_proposal(&input, day, Source::Demo)?;
            if p.team.is_empty() {
                let kam = crate::proposals::TeamMemberInput {
                    name: "Kaisa Mäkelä".into(),
                    title: "Key Account Manager".into(),
                    phone: "+358 40 123 4567".into(),
                    email: "kaisa.makela@nordpharma.example".into(),
                };
                self.add_team_member(p.id, &kam, day)?;
            }
            for (k, (sku, label)) in skus.iter().enumerate() {
                let item = ItemInput {
                    sku_id: *sku,
                    quantity: 40 + 20 * (k as i64 + n as i64),
                    discount_label: if k % 2 == 0 { label.clone() } else { String::new() },
                    ..Default::default()
                };
                self.add_item(p.id, &item, day)?;
            }
            if n == 0 {
                continue; // the draft
            }
            self.send_proposal(p.id, day, Source::Demo)?;
            match outcome {
                Some((ProposalStatus::Sent, _)) => {}
                Some((status, after)) => {
                    let decided = day + Days::new(after);
                    self.set_proposal_status(
                        p.id,
                        ProposalStatus::ReceiptConfirmed,
                        day + Days::new(1),
                        decided,
                        Source::Demo,
                    )?;
                    self.set_proposal_status(p.id, status, decided, decided, Source::Demo)?;
                }
                None => {
                    // Expired without an answer: its calls were made.
                    self.conn.execute(
                        "UPDATE tasks SET done_at = due_date WHERE id IN (SELECT task_id FROM proposal_tasks WHERE proposal_id = ?1)",
                        [p.id],
                    )?;
                }
            }
        }
        Ok(())
    }
}
