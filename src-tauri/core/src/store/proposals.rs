//! Storage of commercial proposals: the proposal, its audience, sections, offer items and team, the frozen sent
//! versions, the follow-up tasks, and the block library.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::accounts::require_account;
use super::people::name_sql;
use super::{now_timestamp, Store};
use crate::error::{Error, Result};
use crate::proposals::document::{self, DocPerson, DocumentInput, ProposalDocument, SalesFigures};
use crate::proposals::offer::{self, LineInput, DEFAULT_VAT_BP};
use crate::proposals::{
    check_transition, expiry_date, follow_up_schedule, sections, status_on, AudienceMember, FollowUpTask, Item,
    ItemInput, Proposal, ProposalInput, ProposalProblem, ProposalRow, Section, SectionInput, TeamMember,
    TeamMemberInput, VersionRow, Warning,
};
use crate::sales::analytics::SalesFilter;
use crate::types::{Language, ProposalStatus, Ref, SectionKind, Source};
use crate::validate;

/// A reusable text of the block library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Block {
    pub id: i64,
    pub kind: SectionKind,
    pub language: Language,
    pub title: String,
    pub body: String,
    pub referee: Option<Ref>,
    pub referee_consent: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct BlockInput {
    pub kind: Option<SectionKind>,
    pub language: Option<Language>,
    pub title: String,
    pub body: String,
    pub referee_person_id: Option<i64>,
    /// The day the referee agreed to recommend us (YYYY-MM-DD), or empty.
    pub referee_consent: String,
}

/// The live preview: the document as it would print, and what stops it from printing.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProposalPreview {
    pub document: ProposalDocument,
    pub problems: Vec<ProposalProblem>,
}

/// What the proposal list's header shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProposalStats {
    /// Per status: how many, and their totals (in the proposals' currencies summed as minor units of EUR).
    pub by_status: Vec<StatusCount>,
    /// Win rate by the audience's style mix, over decided proposals (accepted, rejected, expired).
    pub by_mix: Vec<MixRate>,
    /// Days from sending to the decision, over decided proposals.
    pub median_days_to_decision: Option<f64>,
    pub win_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StatusCount {
    pub status: ProposalStatus,
    pub count: i64,
    pub total_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MixRate {
    pub style_mix: String,
    pub decided: i64,
    pub accepted: i64,
    pub rate: f64,
}

const STEP_CONFIRM_RECEIPT: &str = "confirm_receipt";

struct Head {
    account: Ref,
    account_region: String,
    credit_limit_minor: Option<i64>,
    account_terms: Option<i64>,
    tender: Option<Ref>,
    tender_reference: Option<String>,
    title: String,
    language: Language,
    currency: String,
    validity_date: Option<NaiveDate>,
    delivery_terms: String,
    payment_terms_days: Option<i64>,
    status: ProposalStatus,
    version: i64,
    frozen: bool,
    sent_date: Option<NaiveDate>,
    receipt_date: Option<NaiveDate>,
    negotiation_date: Option<NaiveDate>,
    decision_date: Option<NaiveDate>,
    notes: String,
}

fn head(conn: &Connection, id: i64) -> Result<Head> {
    conn.query_row(
        "SELECT p.id, a.id, a.name, a.region, a.credit_limit_minor, a.payment_terms_days, t.id, t.title, t.reference,
                p.title, p.language, p.currency, p.validity_date, p.delivery_terms, p.payment_terms_days, p.status,
                p.version, p.frozen_version IS NOT NULL, p.sent_date, p.receipt_date, p.negotiation_date,
                p.decision_date, p.notes
         FROM proposals p JOIN accounts a ON a.id = p.account_id LEFT JOIN tenders t ON t.id = p.tender_id
         WHERE p.id = ?1",
        [id],
        |r| {
            let tender_id: Option<i64> = r.get(6)?;
            Ok(Head {
                account: Ref { id: r.get(1)?, name: r.get(2)? },
                account_region: r.get(3)?,
                credit_limit_minor: r.get(4)?,
                account_terms: r.get(5)?,
                tender: match tender_id {
                    Some(id) => Some(Ref { id, name: r.get(7)? }),
                    None => None,
                },
                tender_reference: r.get(8)?,
                title: r.get(9)?,
                language: r.get(10)?,
                currency: r.get(11)?,
                validity_date: r.get(12)?,
                delivery_terms: r.get(13)?,
                payment_terms_days: r.get(14)?,
                status: r.get(15)?,
                version: r.get(16)?,
                frozen: r.get(17)?,
                sent_date: r.get(18)?,
                receipt_date: r.get(19)?,
                negotiation_date: r.get(20)?,
                decision_date: r.get(21)?,
                notes: r.get(22)?,
            })
        },
    )
    .optional()?
    .ok_or(Error::NotFound { what: "The proposal", id })
}

/// The account's decision group as a proposal's possible audience, strongest role first.
fn candidates(conn: &Connection, account_id: i64) -> Result<Vec<AudienceMember>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT p.id, {}, p.title, m.buying_role, m.decision_style
         FROM decision_group_members m JOIN people p ON p.id = m.person_id WHERE m.account_id = ?1",
        name_sql("p")
    ))?;
    let rows = stmt.query_map([account_id], |r| {
        Ok(AudienceMember {
            person_id: r.get(0)?,
            name: r.get(1)?,
            title: r.get(2)?,
            role: r.get(3)?,
            style: r.get(4)?,
        })
    })?;
    let mut out = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort_by(|a, b| {
        crate::network::role_strength(b.role)
            .total_cmp(&crate::network::role_strength(a.role))
            .then_with(|| a.name.cmp(&b.name))
    });
    Ok(out)
}

fn audience_ids(conn: &Connection, id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached("SELECT person_id FROM proposal_audience WHERE proposal_id = ?1")?;
    let rows = stmt.query_map([id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn sections_of(conn: &Connection, id: i64) -> Result<Vec<Section>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, kind, title, body, included, block_id FROM proposal_sections WHERE proposal_id = ?1
         ORDER BY position, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(Section {
            id: r.get(0)?,
            kind: r.get(1)?,
            title: r.get(2)?,
            body: r.get(3)?,
            included: r.get(4)?,
            block_id: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The highest discount a SKU's price list allows, in basis points.
fn max_discount_bp(discounts_json: &str) -> i64 {
    let discounts: Vec<crate::skus::Discount> = serde_json::from_str(discounts_json).unwrap_or_default();
    discounts.iter().filter_map(|d| offer::percent_to_bp(d.percent)).max().unwrap_or(0)
}

fn items_of(conn: &Connection, id: i64) -> Result<(Vec<Item>, offer::OfferTotals)> {
    let mut stmt = conn.prepare_cached(
        "SELECT i.id, s.id, s.name, trim(s.strength || ' ' || s.form || ' ' || s.pack_size), i.quantity,
                i.list_price_minor, i.discount_label, i.discount_bp, i.vat_bp, s.discounts
         FROM proposal_items i JOIN skus s ON s.id = i.sku_id WHERE i.proposal_id = ?1 ORDER BY i.position, i.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        let discounts: String = r.get(9)?;
        Ok(Item {
            id: r.get(0)?,
            sku: Ref { id: r.get(1)?, name: r.get(2)? },
            pack: validate::tidy(&r.get::<_, String>(3)?),
            quantity: r.get(4)?,
            list_price_minor: r.get(5)?,
            discount_label: r.get(6)?,
            discount_bp: r.get(7)?,
            vat_bp: r.get(8)?,
            unit_net_minor: 0,
            net_minor: 0,
            max_discount_bp: max_discount_bp(&discounts),
        })
    })?;
    let mut items = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    let lines: Vec<LineInput> = items.iter().map(line_input).collect();
    let (amounts, totals) = offer::totals(&lines)?;
    for (item, a) in items.iter_mut().zip(amounts) {
        item.unit_net_minor = a.unit_net_minor;
        item.net_minor = a.net_minor;
    }
    Ok((items, totals))
}

fn line_input(i: &Item) -> LineInput {
    LineInput {
        list_price_minor: i.list_price_minor,
        quantity: i.quantity,
        discount_bp: i.discount_bp,
        vat_bp: i.vat_bp,
    }
}

fn team_of(conn: &Connection, id: i64) -> Result<Vec<TeamMember>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, name, title, phone, email FROM proposal_team WHERE proposal_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(TeamMember { id: r.get(0)?, name: r.get(1)?, title: r.get(2)?, phone: r.get(3)?, email: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn follow_up_of(conn: &Connection, id: i64) -> Result<Vec<FollowUpTask>> {
    let mut stmt = conn.prepare_cached(
        "SELECT t.id, pt.step, t.title, t.due_date, t.done_at IS NOT NULL
         FROM proposal_tasks pt JOIN tasks t ON t.id = pt.task_id WHERE pt.proposal_id = ?1 ORDER BY t.due_date, t.id",
    )?;
    let rows = stmt.query_map([id], |r| {
        Ok(FollowUpTask { task_id: r.get(0)?, step: r.get(1)?, title: r.get(2)?, due_date: r.get(3)?, done: r.get(4)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn versions_of(conn: &Connection, id: i64) -> Result<Vec<VersionRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT version, sent_date, total_minor FROM proposal_versions WHERE proposal_id = ?1 ORDER BY version DESC",
    )?;
    let rows =
        stmt.query_map([id], |r| Ok(VersionRow { version: r.get(0)?, sent_date: r.get(1)?, total_minor: r.get(2)? }))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The library blocks for a kind in a language, oldest first; or the built-in text when there are none.
fn texts_for(conn: &Connection, kind: SectionKind, language: Language) -> Result<Vec<(String, String, Option<i64>)>> {
    let mut stmt = conn
        .prepare_cached("SELECT title, body, id FROM proposal_blocks WHERE kind = ?1 AND language = ?2 ORDER BY id")?;
    let rows = stmt.query_map(params![kind, language], |r| Ok((r.get(0)?, r.get(1)?, Some(r.get(2)?))))?;
    let mut texts = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    if texts.is_empty() {
        let (title, body) = sections::default_text(kind, language);
        texts.push((title.to_string(), body.to_string(), None));
    }
    Ok(texts)
}

fn insert_section(
    conn: &Connection,
    id: i64,
    position: i64,
    kind: SectionKind,
    text: &(String, String, Option<i64>),
    included: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO proposal_sections (proposal_id, position, kind, title, body, included, block_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, position, kind, text.0, text.1, included, text.2],
    )?;
    Ok(())
}

/// Lays the sections out as the audience's plan says: planned kinds in the plan's order (existing texts kept,
/// missing ones added from the library), kinds nobody reads for left out (but kept), custom sections before the
/// offer.
fn apply_plan(conn: &Connection, id: i64, language: Language) -> Result<()> {
    let head = head(conn, id)?;
    let chosen = audience_ids(conn, id)?;
    let audience: Vec<AudienceMember> =
        candidates(conn, head.account.id)?.into_iter().filter(|m| chosen.contains(&m.person_id)).collect();
    let plan = sections::plan(&audience);
    let existing = sections_of(conn, id)?;
    let mut order: Vec<(i64, bool)> = Vec::new();
    let mut next_new = Vec::new();
    for planned in &plan {
        if planned.kind == SectionKind::Offer {
            order.extend(existing.iter().filter(|s| s.kind == SectionKind::Custom).map(|s| (s.id, s.included)));
        }
        let mine: Vec<&Section> = existing.iter().filter(|s| s.kind == planned.kind).collect();
        if mine.is_empty() {
            if planned.included {
                next_new.push((order.len(), planned.kind));
                order.push((0, true));
            }
        } else {
            order.extend(mine.iter().map(|s| (s.id, planned.included)));
        }
    }
    for (position, (section_id, included)) in order.iter().enumerate() {
        if *section_id != 0 {
            conn.execute(
                "UPDATE proposal_sections SET position = ?2, included = ?3 WHERE id = ?1",
                params![section_id, position as i64 * 10, included],
            )?;
        }
    }
    for (position, kind) in next_new {
        for (n, text) in texts_for(conn, kind, language)?.iter().enumerate() {
            insert_section(conn, id, position as i64 * 10 + n as i64, kind, text, true)?;
        }
    }
    Ok(())
}

fn require_editable(conn: &Connection, id: i64) -> Result<Head> {
    let h = head(conn, id)?;
    if h.frozen {
        return Err(Error::invalid(
            "proposal_frozen",
            "proposal",
            format!(
                "Version {} of this proposal was sent on {} and is kept as sent. Start a new version to change it.",
                h.version,
                h.sent_date.map(|d| d.to_string()).unwrap_or_default()
            ),
        ));
    }
    Ok(h)
}

/// The parts of a proposal that are edited one by one.
#[derive(Clone, Copy)]
enum Part {
    Section,
    Item,
    Member,
}

/// The proposal a section, offer line or team member belongs to.
fn proposal_of(conn: &Connection, part: Part, id: i64) -> Result<i64> {
    let (table, what) = match part {
        Part::Section => ("proposal_sections", "The section"),
        Part::Item => ("proposal_items", "The offer line"),
        Part::Member => ("proposal_team", "The team member"),
    };
    conn.query_row(&format!("SELECT proposal_id FROM {table} WHERE id = ?1"), [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what, id })
}

fn require_tender(conn: &Connection, tender: Option<i64>) -> Result<()> {
    if let Some(t) = tender {
        conn.query_row("SELECT id FROM tenders WHERE id = ?1", [t], |r| r.get::<_, i64>(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The tender", id: t })?;
    }
    Ok(())
}

/// Stores the sections' order as given.
fn renumber(conn: &Connection, sections: &[Section]) -> Result<()> {
    for (n, s) in sections.iter().enumerate() {
        conn.execute("UPDATE proposal_sections SET position = ?2 WHERE id = ?1", params![s.id, n as i64 * 10])?;
    }
    Ok(())
}

/// The stored values of an offer line, checked against the SKU's price list.
fn item_values(conn: &Connection, input: &ItemInput) -> Result<(i64, String, i64, i64)> {
    let (name, price, discounts): (String, Option<i64>, String) = conn
        .query_row("SELECT name, list_price_minor, discounts FROM skus WHERE id = ?1", [input.sku_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?
        .ok_or_else(|| Error::invalid("required", "sku_id", "Choose a product from the catalogue."))?;
    let price = price.ok_or_else(|| {
        Error::invalid(
            "no_list_price",
            "sku_id",
            format!("{name} has no list price; import a price list or enter its price in the catalogue first."),
        )
    })?;
    let levels: Vec<crate::skus::Discount> = serde_json::from_str(&discounts).unwrap_or_default();
    let label = validate::tidy(&input.discount_label);
    let bp = if !label.is_empty() {
        let level = levels.iter().find(|d| validate::tidy(&d.label).eq_ignore_ascii_case(&label)).ok_or_else(|| {
            Error::invalid("unknown_discount_level", "discount", format!("{name}'s price list has no level “{label}”."))
        })?;
        offer::percent_to_bp(level.percent).unwrap_or(0)
    } else {
        match input.discount_percent {
            None => 0,
            Some(p) => offer::percent_to_bp(p).ok_or_else(|| {
                Error::invalid("bad_discount", "discount", "A discount is a percentage from 0 to 100, e.g. 12.5.")
            })?,
        }
    };
    let max = max_discount_bp(&discounts);
    if bp > max {
        return Err(Error::invalid(
            "discount_above_price_list",
            "discount",
            format!(
                "A discount of {} on {name} is above the price list's maximum ({}).",
                document::percent_bp(bp, Language::English),
                document::percent_bp(max, Language::English)
            ),
        ));
    }
    let vat = match input.vat_percent {
        None => DEFAULT_VAT_BP,
        Some(p) => offer::percent_to_bp(p)
            .ok_or_else(|| Error::invalid("bad_vat", "vat", "A VAT rate is a percentage from 0 to 100, e.g. 14."))?,
    };
    offer::check_line(&LineInput { list_price_minor: price, quantity: input.quantity, discount_bp: bp, vat_bp: vat })?;
    Ok((price, label, bp, vat))
}

impl Store {
    fn touch_proposal(&self, id: i64, source: Source) -> Result<()> {
        self.conn.execute("UPDATE proposals SET updated_at = ?2 WHERE id = ?1", params![id, now_timestamp()])?;
        self.announce("proposal", Some(id), "updated", source);
        Ok(())
    }

    pub fn proposal(&self, id: i64, today: NaiveDate) -> Result<Proposal> {
        let h = head(&self.conn, id)?;
        let candidates = candidates(&self.conn, h.account.id)?;
        let audience = audience_ids(&self.conn, id)?;
        let chosen: Vec<AudienceMember> =
            candidates.iter().filter(|m| audience.contains(&m.person_id)).cloned().collect();
        let (items, totals) = items_of(&self.conn, id)?;
        let status = status_on(h.status, h.validity_date, today);
        let mut warnings = Vec::new();
        if let Some(limit) = h.credit_limit_minor {
            if totals.total_minor > limit {
                warnings.push(Warning {
                    code: "over_credit_limit",
                    message: format!(
                        "The offer's total {} is above {}'s credit limit {}.",
                        document::money(totals.total_minor, &h.currency, Language::English),
                        h.account.name,
                        document::money(limit, &h.currency, Language::English)
                    ),
                });
            }
        }
        if let (Some(offered), Some(agreed)) = (h.payment_terms_days, h.account_terms) {
            if offered > agreed {
                warnings.push(Warning {
                    code: "longer_payment_terms",
                    message: format!(
                        "The proposal gives {offered} days to pay; {}'s agreed terms are {agreed} days.",
                        h.account.name
                    ),
                });
            }
        }
        let mut p = Proposal {
            id,
            account: h.account.clone(),
            tender: h.tender.clone(),
            title: h.title.clone(),
            language: h.language,
            currency: h.currency.clone(),
            validity_date: h.validity_date,
            delivery_terms: h.delivery_terms.clone(),
            payment_terms_days: h.payment_terms_days,
            status,
            version: h.version,
            frozen: h.frozen,
            sent_date: h.sent_date,
            receipt_date: h.receipt_date,
            negotiation_date: h.negotiation_date,
            decision_date: match (status, h.validity_date) {
                (ProposalStatus::Expired, Some(v)) if h.decision_date.is_none() => Some(expiry_date(v)),
                _ => h.decision_date,
            },
            notes: h.notes.clone(),
            plan: sections::plan(&chosen),
            candidates,
            audience,
            sections: sections_of(&self.conn, id)?,
            items,
            totals,
            team: team_of(&self.conn, id)?,
            follow_up: follow_up_of(&self.conn, id)?,
            versions: versions_of(&self.conn, id)?,
            warnings,
            problems: Vec::new(),
        };
        if !p.frozen {
            p.problems = self.build_document(&p, &h, today)?.1;
        }
        Ok(p)
    }

    fn build_document(
        &self,
        p: &Proposal,
        h: &Head,
        today: NaiveDate,
    ) -> Result<(ProposalDocument, Vec<ProposalProblem>)> {
        let audience: Vec<&AudienceMember> =
            p.candidates.iter().filter(|m| p.audience.contains(&m.person_id)).collect();
        let settings = self.settings()?;
        let referees = self.referees(p)?;
        let input = DocumentInput {
            proposal: p,
            account_region: h.account_region.clone(),
            tender_reference: h.tender_reference.clone(),
            audience,
            referees,
            sales: self.sales_figures(h.account.id)?,
            company: settings.company_name.clone(),
            user_name: settings.user_name.clone(),
            today,
        };
        Ok(document::build(&input))
    }

    /// The referees of the proposal's sections that came from library references, when they agreed.
    fn referees(&self, p: &Proposal) -> Result<Vec<(i64, DocPerson)>> {
        let mut out = Vec::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {}, p.title, p.phone, p.email FROM proposal_blocks b JOIN people p ON p.id = b.referee_person_id
             WHERE b.id = ?1 AND b.referee_consent IS NOT NULL",
            name_sql("p")
        ))?;
        for s in p.sections.iter().filter(|s| s.included) {
            let Some(block) = s.block_id else { continue };
            let person = stmt
                .query_row([block], |r| {
                    Ok(DocPerson { name: r.get(0)?, title: r.get(1)?, phone: r.get(2)?, email: r.get(3)? })
                })
                .optional()?;
            if let Some(person) = person {
                out.push((s.id, person));
            }
        }
        Ok(out)
    }

    /// The account's purchases over the last twelve months with sales reported, for the figures section.
    fn sales_figures(&self, account_id: i64) -> Result<Option<SalesFigures>> {
        let mine = self.sales_dashboard(&SalesFilter { account_id: Some(account_id), ..Default::default() })?;
        if mine.months.is_empty() {
            return Ok(None);
        }
        let all = self.sales_dashboard(&SalesFilter::default())?;
        Ok(Some(SalesFigures {
            months: mine.months.iter().map(|m| (m.month.clone(), m.amount_minor, m.previous_minor)).collect(),
            total_minor: mine.total_minor,
            previous_minor: mine.previous_minor,
            share: (all.total_minor > 0).then(|| mine.total_minor as f64 / all.total_minor as f64),
            top_product: mine.skus.iter().find(|s| s.amount_minor > 0).map(|s| s.name.clone()),
        }))
    }

    pub fn proposals(&self, today: NaiveDate) -> Result<Vec<ProposalRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, a.id, a.name, p.title, p.status, p.version, p.validity_date, p.sent_date, p.decision_date,
                    p.currency, p.style_mix,
                    COALESCE((SELECT v.total_minor FROM proposal_versions v
                              WHERE v.proposal_id = p.id AND v.version = p.frozen_version), -1)
             FROM proposals p JOIN accounts a ON a.id = p.account_id ORDER BY p.updated_at DESC, p.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                ProposalRow {
                    id: r.get(0)?,
                    account: Ref { id: r.get(1)?, name: r.get(2)? },
                    title: r.get(3)?,
                    status: r.get(4)?,
                    version: r.get(5)?,
                    validity_date: r.get(6)?,
                    sent_date: r.get(7)?,
                    decision_date: r.get(8)?,
                    total_minor: 0,
                    currency: r.get(9)?,
                    style_mix: r.get(10)?,
                },
                r.get::<_, i64>(11)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut p, frozen_total) = row?;
            p.total_minor = if frozen_total >= 0 { frozen_total } else { items_of(&self.conn, p.id)?.1.total_minor };
            let status = status_on(p.status, p.validity_date, today);
            if status == ProposalStatus::Expired && p.status != ProposalStatus::Expired {
                p.decision_date = p.validity_date.map(expiry_date);
            }
            p.status = status;
            out.push(p);
        }
        Ok(out)
    }

    /// The proposals of one account, newest first.
    pub fn proposals_of(&self, account_id: i64, today: NaiveDate) -> Result<Vec<ProposalRow>> {
        require_account(&self.conn, account_id)?;
        Ok(self.proposals(today)?.into_iter().filter(|p| p.account.id == account_id).collect())
    }

    /// A new proposal for an account: its whole decision group as the audience, the sections their styles call
    /// for, the account's currency and payment terms, and the user as the team.
    pub fn create_proposal(&mut self, input: &ProposalInput, today: NaiveDate, source: Source) -> Result<Proposal> {
        let v = input.validate()?;
        require_account(&self.conn, input.account_id)?;
        require_tender(&self.conn, input.tender_id)?;
        let settings = self.settings()?;
        let now = now_timestamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO proposals (account_id, tender_id, title, language, currency, validity_date, delivery_terms,
                                    payment_terms_days, notes, source, created_at, updated_at)
             SELECT id, ?2, ?3, ?4, currency, ?5, ?6, COALESCE(?7, payment_terms_days), ?8, ?9, ?10, ?10
             FROM accounts WHERE id = ?1",
            params![
                input.account_id,
                input.tender_id,
                v.title,
                v.language,
                v.validity_date,
                v.delivery_terms,
                input.payment_terms_days,
                v.notes,
                source,
                now
            ],
        )?;
        let id = tx.last_insert_rowid();
        tx.execute(
            "INSERT INTO proposal_audience (proposal_id, person_id)
             SELECT ?1, person_id FROM decision_group_members WHERE account_id = ?2",
            params![id, input.account_id],
        )?;
        apply_plan(&tx, id, v.language)?;
        if !settings.user_name.is_empty() {
            tx.execute(
                "INSERT INTO proposal_team (proposal_id, position, name, title, phone, email)
                 VALUES (?1, 0, ?2, ?3, ?4, ?5)",
                params![id, settings.user_name, settings.user_title, settings.user_phone, settings.user_email],
            )?;
        }
        tx.commit()?;
        self.announce("proposal", Some(id), "created", source);
        self.proposal(id, today)
    }

    pub fn update_proposal(
        &mut self,
        id: i64,
        input: &ProposalInput,
        today: NaiveDate,
        source: Source,
    ) -> Result<Proposal> {
        let v = input.validate()?;
        let h = require_editable(&self.conn, id)?;
        require_tender(&self.conn, input.tender_id)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE proposals SET tender_id = ?2, title = ?3, language = ?4, validity_date = ?5, delivery_terms = ?6,
                    payment_terms_days = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                input.tender_id,
                v.title,
                v.language,
                v.validity_date,
                v.delivery_terms,
                input.payment_terms_days,
                v.notes,
                now_timestamp()
            ],
        )?;
        if v.language != h.language {
            // Texts that are still the built-in ones follow the language; the user's own texts stay.
            for s in sections_of(&tx, id)? {
                let (old_title, old_body) = sections::default_text(s.kind, h.language);
                if s.block_id.is_none() && s.title == old_title && s.body == old_body {
                    let (title, body) = sections::default_text(s.kind, v.language);
                    tx.execute(
                        "UPDATE proposal_sections SET title = ?2, body = ?3 WHERE id = ?1",
                        params![s.id, title, body],
                    )?;
                }
            }
        }
        tx.commit()?;
        self.announce("proposal", Some(id), "updated", source);
        self.proposal(id, today)
    }

    pub fn delete_proposal(&mut self, id: i64, source: Source) -> Result<()> {
        head(&self.conn, id)?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM proposals WHERE id = ?1", [id])?;
        tx.commit()?;
        self.announce("proposal", Some(id), "deleted", source);
        Ok(())
    }

    /// Chooses who of the account's decision group the proposal is for, and lays the sections out for them.
    pub fn set_audience(&mut self, id: i64, people: &[i64], today: NaiveDate, source: Source) -> Result<Proposal> {
        let h = require_editable(&self.conn, id)?;
        let group = candidates(&self.conn, h.account.id)?;
        if let Some(stranger) = people.iter().find(|p| !group.iter().any(|m| m.person_id == **p)) {
            return Err(Error::invalid(
                "not_in_decision_group",
                "audience",
                format!("Person {stranger} is not in {}'s decision group; add them to it first.", h.account.name),
            ));
        }
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM proposal_audience WHERE proposal_id = ?1", [id])?;
        for p in people {
            tx.execute(
                "INSERT OR IGNORE INTO proposal_audience (proposal_id, person_id) VALUES (?1, ?2)",
                params![id, p],
            )?;
        }
        apply_plan(&tx, id, h.language)?;
        tx.commit()?;
        self.touch_proposal(id, source)?;
        self.proposal(id, today)
    }

    pub fn update_section(&mut self, section_id: i64, input: &SectionInput, today: NaiveDate) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Section, section_id)?;
        require_editable(&self.conn, id)?;
        let title = validate::required_name(&input.title, "title", "Section title")?;
        let body = validate::long_text(&input.body, "body", "Text")?;
        self.conn.execute(
            "UPDATE proposal_sections SET title = ?2, body = ?3, included = ?4 WHERE id = ?1",
            params![section_id, title, body, input.included],
        )?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    /// Adds a section: a library block's text, or the built-in text of a kind. It goes before the offer.
    pub fn add_section(
        &mut self,
        id: i64,
        kind: SectionKind,
        block_id: Option<i64>,
        today: NaiveDate,
    ) -> Result<Proposal> {
        let h = require_editable(&self.conn, id)?;
        let text = match block_id {
            Some(b) => self
                .conn
                .query_row("SELECT title, body, id FROM proposal_blocks WHERE id = ?1", [b], |r| {
                    Ok((r.get(0)?, r.get(1)?, Some(r.get(2)?)))
                })
                .optional()?
                .ok_or(Error::NotFound { what: "The library block", id: b })?,
            None => {
                let (t, b) = sections::default_text(kind, h.language);
                (t.to_string(), b.to_string(), None)
            }
        };
        let kind = match block_id {
            Some(b) => self.conn.query_row("SELECT kind FROM proposal_blocks WHERE id = ?1", [b], |r| r.get(0))?,
            None => kind,
        };
        let position: i64 = self.conn.query_row(
            "SELECT COALESCE((SELECT position FROM proposal_sections WHERE proposal_id = ?1 AND kind = 'offer'
                              ORDER BY position LIMIT 1), (SELECT max(position) + 10 FROM proposal_sections
                              WHERE proposal_id = ?1), 0) - 1",
            [id],
            |r| r.get(0),
        )?;
        insert_section(&self.conn, id, position, kind, &text, true)?;
        renumber(&self.conn, &sections_of(&self.conn, id)?)?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    /// Moves a section one place up (`-1`) or down (`1`).
    pub fn move_section(&mut self, section_id: i64, step: i64, today: NaiveDate) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Section, section_id)?;
        require_editable(&self.conn, id)?;
        let mut all = sections_of(&self.conn, id)?;
        if let Some(at) = all.iter().position(|s| s.id == section_id) {
            let to = (at as i64 + step.signum()).clamp(0, all.len() as i64 - 1) as usize;
            all.swap(at, to);
        }
        renumber(&self.conn, &all)?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    pub fn delete_section(&mut self, section_id: i64, today: NaiveDate) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Section, section_id)?;
        require_editable(&self.conn, id)?;
        self.conn.execute("DELETE FROM proposal_sections WHERE id = ?1", [section_id])?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    pub fn add_item(&mut self, id: i64, input: &ItemInput, today: NaiveDate) -> Result<Proposal> {
        require_editable(&self.conn, id)?;
        let (price, label, bp, vat) = item_values(&self.conn, input)?;
        self.conn.execute(
            "INSERT INTO proposal_items (proposal_id, position, sku_id, quantity, list_price_minor, discount_label,
                                         discount_bp, vat_bp)
             VALUES (?1, (SELECT COALESCE(max(position), 0) + 1 FROM proposal_items WHERE proposal_id = ?1),
                     ?2, ?3, ?4, ?5, ?6, ?7)",
            params![id, input.sku_id, input.quantity, price, label, bp, vat],
        )?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    /// Changes a line; its list price is taken from the catalogue again.
    pub fn update_item(&mut self, item_id: i64, input: &ItemInput, today: NaiveDate) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Item, item_id)?;
        require_editable(&self.conn, id)?;
        let (price, label, bp, vat) = item_values(&self.conn, input)?;
        self.conn.execute(
            "UPDATE proposal_items SET sku_id = ?2, quantity = ?3, list_price_minor = ?4, discount_label = ?5,
                    discount_bp = ?6, vat_bp = ?7 WHERE id = ?1",
            params![item_id, input.sku_id, input.quantity, price, label, bp, vat],
        )?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    pub fn delete_item(&mut self, item_id: i64, today: NaiveDate) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Item, item_id)?;
        require_editable(&self.conn, id)?;
        self.conn.execute("DELETE FROM proposal_items WHERE id = ?1", [item_id])?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    pub fn add_team_member(&mut self, id: i64, input: &TeamMemberInput, today: NaiveDate) -> Result<Proposal> {
        require_editable(&self.conn, id)?;
        let v = input.validate()?;
        self.conn.execute(
            "INSERT INTO proposal_team (proposal_id, position, name, title, phone, email)
             VALUES (?1, (SELECT COALESCE(max(position), 0) + 1 FROM proposal_team WHERE proposal_id = ?1),
                     ?2, ?3, ?4, ?5)",
            params![id, v.name, v.title, v.phone, v.email],
        )?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    pub fn update_team_member(
        &mut self,
        member_id: i64,
        input: &TeamMemberInput,
        today: NaiveDate,
    ) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Member, member_id)?;
        require_editable(&self.conn, id)?;
        let v = input.validate()?;
        self.conn.execute(
            "UPDATE proposal_team SET name = ?2, title = ?3, phone = ?4, email = ?5 WHERE id = ?1",
            params![member_id, v.name, v.title, v.phone, v.email],
        )?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    pub fn delete_team_member(&mut self, member_id: i64, today: NaiveDate) -> Result<Proposal> {
        let id = proposal_of(&self.conn, Part::Member, member_id)?;
        require_editable(&self.conn, id)?;
        self.conn.execute("DELETE FROM proposal_team WHERE id = ?1", [member_id])?;
        self.touch_proposal(id, Source::User)?;
        self.proposal(id, today)
    }

    /// The document as it prints: the frozen one for a sent version, else built now. What stops it from printing
    /// (no validity date, one in the past, an unknown variable, ...) is the error, and no document is made.
    pub fn proposal_document(&self, id: i64, today: NaiveDate) -> Result<ProposalDocument> {
        let ProposalPreview { document: doc, problems } = self.proposal_preview(id, today)?;
        if problems.is_empty() {
            Ok(doc)
        } else {
            let list: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
            Err(Error::invalid(
                problems[0].code,
                "proposal",
                format!("The proposal cannot be printed yet: {}", list.join(" ")),
            ))
        }
    }

    /// The document for the live preview, with what stops it from printing.
    pub fn proposal_preview(&self, id: i64, today: NaiveDate) -> Result<ProposalPreview> {
        let h = head(&self.conn, id)?;
        if h.frozen {
            let json: String = self.conn.query_row(
                "SELECT document FROM proposal_versions WHERE proposal_id = ?1 AND version = ?2",
                params![id, h.version],
                |r| r.get(0),
            )?;
            let doc = serde_json::from_str(&json).map_err(|e| {
                Error::invalid("damaged_version", "proposal", format!("The sent version could not be read: {e}"))
            })?;
            return Ok(ProposalPreview { document: doc, problems: Vec::new() });
        }
        let p = self.proposal(id, today)?;
        let (document, problems) = self.build_document(&p, &h, today)?;
        Ok(ProposalPreview { document, problems })
    }

    /// Marks the proposal sent today: freezes this version as printed, and schedules the follow-up as tasks.
    pub fn send_proposal(&mut self, id: i64, today: NaiveDate, source: Source) -> Result<Proposal> {
        let h = require_editable(&self.conn, id)?;
        if matches!(status_on(h.status, h.validity_date, today), ProposalStatus::Accepted | ProposalStatus::Rejected) {
            return Err(Error::invalid(
                "bad_status_change",
                "status",
                "The proposal is decided; copy it into a new proposal to offer again.",
            ));
        }
        let mut p = self.proposal(id, today)?;
        p.sent_date = Some(today);
        let (doc, problems) = self.build_document(&p, &h, today)?;
        if let Some(first) = problems.first() {
            let list: Vec<String> = problems.iter().map(|p| p.message.clone()).collect();
            return Err(Error::invalid(
                first.code,
                "proposal",
                format!("The proposal cannot be sent yet: {}", list.join(" ")),
            ));
        }
        let validity = p.validity_date.unwrap_or(today);
        let audience: Vec<AudienceMember> =
            p.candidates.iter().filter(|m| p.audience.contains(&m.person_id)).cloned().collect();
        let contact = audience.first().map(|m| m.person_id);
        let json =
            serde_json::to_string(&doc).map_err(|e| Error::invalid("damaged_version", "proposal", e.to_string()))?;
        let now = now_timestamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO proposal_versions (proposal_id, version, sent_date, total_minor, document)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, h.version, today, p.totals.total_minor, json],
        )?;
        tx.execute(
            "UPDATE proposals SET status = 'sent', frozen_version = version, sent_date = ?2, receipt_date = NULL,
                    style_mix = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, today, sections::style_mix(&audience), now],
        )?;
        // A new version's routine replaces what is left of the previous one's.
        tx.execute(
            "DELETE FROM proposal_tasks WHERE proposal_id = ?1
             AND task_id IN (SELECT id FROM tasks WHERE done_at IS NULL)",
            [id],
        )?;
        let title = format!("{} (v{})", h.title, h.version);
        for step in follow_up_schedule(&title, &h.account.name, today, validity) {
            tx.execute(
                "INSERT INTO tasks (title, due_date, account_id, person_id, notes, source, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
                params![
                    step.title,
                    step.due,
                    h.account.id,
                    contact,
                    format!("Proposal follow-up: {}", h.title),
                    source,
                    now
                ],
            )?;
            let task_id = tx.last_insert_rowid();
            tx.execute(
                "INSERT INTO proposal_tasks (task_id, proposal_id, step) VALUES (?1, ?2, ?3)",
                params![task_id, id, step.step],
            )?;
        }
        tx.commit()?;
        self.announce("proposal", Some(id), "sent", source);
        self.announce("task", None, "created", source);
        self.proposal(id, today)
    }

    /// Moves a sent proposal on: receipt confirmed (ticks off the receipt call), in negotiation, accepted or
    /// rejected (the open follow-up calls are dropped). The date may not be in the future or before sending.
    pub fn set_proposal_status(
        &mut self,
        id: i64,
        status: ProposalStatus,
        date: NaiveDate,
        today: NaiveDate,
        source: Source,
    ) -> Result<Proposal> {
        let h = head(&self.conn, id)?;
        check_transition(status_on(h.status, h.validity_date, today), status)?;
        if date > today {
            return Err(Error::invalid("future_date", "date", "The date cannot be in the future."));
        }
        if h.sent_date.is_some_and(|s| date < s) {
            return Err(Error::invalid("before_sending", "date", "The date cannot be before the proposal was sent."));
        }
        let column = match status {
            ProposalStatus::ReceiptConfirmed => "receipt_date",
            ProposalStatus::InNegotiation => "negotiation_date",
            _ => "decision_date",
        };
        let now = now_timestamp();
        let tx = self.conn.transaction()?;
        tx.execute(
            &format!("UPDATE proposals SET status = ?2, {column} = ?3, updated_at = ?4 WHERE id = ?1"),
            params![id, status, date, now],
        )?;
        match status {
            ProposalStatus::ReceiptConfirmed | ProposalStatus::InNegotiation => {
                tx.execute(
                    "UPDATE tasks SET done_at = ?2, updated_at = ?2 WHERE done_at IS NULL AND id IN
                     (SELECT task_id FROM proposal_tasks WHERE proposal_id = ?1 AND step = ?3)",
                    params![id, now, STEP_CONFIRM_RECEIPT],
                )?;
            }
            _ => {
                tx.execute(
                    "DELETE FROM proposal_tasks WHERE proposal_id = ?1
                     AND task_id IN (SELECT id FROM tasks WHERE done_at IS NULL)",
                    [id],
                )?;
            }
        }
        tx.commit()?;
        self.announce("proposal", Some(id), "status", source);
        self.announce("task", None, "updated", source);
        self.proposal(id, today)
    }

    /// Opens a new version of a sent proposal for revision; the sent one stays as it was.
    pub fn new_proposal_version(&mut self, id: i64, today: NaiveDate, source: Source) -> Result<Proposal> {
        let h = head(&self.conn, id)?;
        let status = status_on(h.status, h.validity_date, today);
        if !h.frozen {
            return Err(Error::invalid("not_sent", "proposal", "This version has not been sent; change it as it is."));
        }
        if matches!(status, ProposalStatus::Accepted | ProposalStatus::Rejected | ProposalStatus::Expired) {
            return Err(Error::invalid(
                "bad_status_change",
                "status",
                format!(
                    "The proposal is {}; copy it into a new proposal to offer again.",
                    crate::proposals::status_words(status)
                ),
            ));
        }
        self.conn.execute(
            "UPDATE proposals SET version = version + 1, frozen_version = NULL, updated_at = ?2 WHERE id = ?1",
            params![id, now_timestamp()],
        )?;
        self.announce("proposal", Some(id), "new version", source);
        self.proposal(id, today)
    }

    pub fn proposal_stats(&self, today: NaiveDate) -> Result<ProposalStats> {
        let rows = self.proposals(today)?;
        let mut by_status: Vec<StatusCount> = Vec::new();
        for s in ProposalStatus::ALL {
            let of: Vec<&ProposalRow> = rows.iter().filter(|r| r.status == *s).collect();
            if !of.is_empty() {
                by_status.push(StatusCount {
                    status: *s,
                    count: of.len() as i64,
                    total_minor: of.iter().map(|r| r.total_minor).sum(),
                });
            }
        }
        let decided: Vec<&ProposalRow> = rows
            .iter()
            .filter(|r| {
                matches!(r.status, ProposalStatus::Accepted | ProposalStatus::Rejected | ProposalStatus::Expired)
            })
            .collect();
        let mut mixes: Vec<String> = decided.iter().map(|r| r.style_mix.clone()).collect();
        mixes.sort();
        mixes.dedup();
        let by_mix = mixes
            .into_iter()
            .map(|mix| {
                let of: Vec<&&ProposalRow> = decided.iter().filter(|r| r.style_mix == mix).collect();
                let accepted = of.iter().filter(|r| r.status == ProposalStatus::Accepted).count() as i64;
                MixRate { style_mix: mix, decided: of.len() as i64, accepted, rate: accepted as f64 / of.len() as f64 }
            })
            .collect();
        let mut days: Vec<f64> =
            decided.iter().filter_map(|r| Some((r.decision_date? - r.sent_date?).num_days() as f64)).collect();
        days.sort_by(f64::total_cmp);
        let median = match days.len() {
            0 => None,
            n if n % 2 == 1 => Some(days[n / 2]),
            n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
        };
        let won = decided.iter().filter(|r| r.status == ProposalStatus::Accepted).count();
        Ok(ProposalStats {
            by_status,
            by_mix,
            median_days_to_decision: median,
            win_rate: (!decided.is_empty()).then(|| won as f64 / decided.len() as f64),
        })
    }

    pub fn proposal_blocks(&self) -> Result<Vec<Block>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT b.id, b.kind, b.language, b.title, b.body, p.id, {}, b.referee_consent
             FROM proposal_blocks b LEFT JOIN people p ON p.id = b.referee_person_id ORDER BY b.kind, b.language, b.id",
            name_sql("p")
        ))?;
        let rows = stmt.query_map([], |r| {
            let person: Option<i64> = r.get(5)?;
            Ok(Block {
                id: r.get(0)?,
                kind: r.get(1)?,
                language: r.get(2)?,
                title: r.get(3)?,
                body: r.get(4)?,
                referee: match person {
                    Some(id) => Some(Ref { id, name: r.get(6)? }),
                    None => None,
                },
                referee_consent: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves a library block (a new one when `id` is None). Unknown variables are refused here already.
    pub fn save_proposal_block(&mut self, id: Option<i64>, input: &BlockInput, source: Source) -> Result<Block> {
        let kind = input.kind.ok_or_else(|| Error::invalid("required", "kind", "Choose what the block is for."))?;
        let language = input.language.unwrap_or(Language::English);
        let title = validate::required_name(&input.title, "title", "Title")?;
        let body = validate::long_text(&input.body, "body", "Text")?;
        let known = crate::proposals::variables::KNOWN;
        let mut rest = body.as_str();
        while let Some(start) = rest.find("{{") {
            let Some(end) = rest[start..].find("}}") else { break };
            let name = rest[start + 2..start + end].trim();
            if !known.iter().any(|(k, _)| *k == name) {
                return Err(Error::invalid(
                    "unknown_variable",
                    "body",
                    format!(
                        "{{{{{name}}}}} is not a variable Avain knows. Known: {}.",
                        known.iter().map(|(k, _)| *k).collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            rest = &rest[start + end + 2..];
        }
        let consent = validate::opt_date(&Some(input.referee_consent.clone()), "referee_consent", "Consent date")?;
        if let Some(p) = input.referee_person_id {
            super::people::require_person(&self.conn, p)?;
        }
        let now = now_timestamp();
        let id = match id {
            Some(id) => {
                let changed = self.conn.execute(
                    "UPDATE proposal_blocks SET kind = ?2, language = ?3, title = ?4, body = ?5, referee_person_id = ?6,
                            referee_consent = ?7, updated_at = ?8 WHERE id = ?1",
                    params![id, kind, language, title, body, input.referee_person_id, consent, now],
                )?;
                if changed == 0 {
                    return Err(Error::NotFound { what: "The library block", id });
                }
                id
            }
            None => {
                self.conn.execute(
                    "INSERT INTO proposal_blocks (kind, language, title, body, referee_person_id, referee_consent, source,
                                                  created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                    params![kind, language, title, body, input.referee_person_id, consent, source, now],
                )?;
                self.conn.last_insert_rowid()
            }
        };
        self.announce("proposal_block", Some(id), "saved", source);
        self.proposal_blocks()?
            .into_iter()
            .find(|b| b.id == id)
            .ok_or(Error::NotFound { what: "The library block", id })
    }

    pub fn delete_proposal_block(&mut self, id: i64, source: Source) -> Result<()> {
        let n = self.conn.execute("DELETE FROM proposal_blocks WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::NotFound { what: "The library block", id });
        }
        self.announce("proposal_block", Some(id), "deleted", source);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountInput;
    use crate::people::{MemberInput, PersonInput};
    use crate::skus::{Discount, SkuInput};
    use crate::types::{BuyingRole, DecisionStyle};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    struct Setup {
        _dir: tempfile::TempDir,
        store: Store,
        account: i64,
        people: Vec<i64>,
        sku: i64,
    }

    /// An account with a mixed decision group (an analytical decision maker, a people-oriented influencer, an
    /// executive user), a SKU with two discount levels, and the user's details in settings.
    fn setup() -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
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
                    kind: Some(crate::types::AccountKind::Hospital),
                    status: Some(crate::types::AccountStatus::Key),
                    region: "Uusimaa".into(),
                    credit_limit_minor: Some(10_000_00),
                    payment_terms_days: Some(30),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        let mut people = Vec::new();
        for (last, role, style) in [
            ("Aalto", BuyingRole::DecisionMaker, DecisionStyle::Analytical),
            ("Berg", BuyingRole::Influencer, DecisionStyle::PeopleOriented),
            ("Corte", BuyingRole::User, DecisionStyle::Executive),
        ] {
            let person = store
                .create_person(
                    &PersonInput { last_name: last.into(), ..Default::default() },
                    d("2026-11-01"),
                    Source::User,
                )
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
            people.push(person);
        }
        let sku = store
            .create_sku(
                &SkuInput {
                    name: "Oncorin 50 mg".into(),
                    pack_size: "30 tabl".into(),
                    list_price_minor: Some(120_00),
                    discounts: vec![
                        Discount { label: "Hospital".into(), percent: 5.0 },
                        Discount { label: "Key account".into(), percent: 12.5 },
                    ],
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        Setup { _dir: dir, store, account, people, sku }
    }

    fn new_proposal(s: &mut Setup, validity: &str, today: NaiveDate) -> Proposal {
        s.store
            .create_proposal(
                &ProposalInput {
                    account_id: s.account,
                    title: "Oncology supply 2027".into(),
                    validity_date: validity.into(),
                    ..Default::default()
                },
                today,
                Source::User,
            )
            .unwrap()
    }

    fn item(sku: i64, quantity: i64, label: &str) -> ItemInput {
        ItemInput { sku_id: sku, quantity, discount_label: label.into(), ..Default::default() }
    }

    #[test]
    fn a_new_proposal_speaks_to_the_whole_decision_group_and_names_the_user_in_the_team() {
        let mut s = setup();
        let today = d("2026-11-27");
        let p = new_proposal(&mut s, "2026-12-31", today);
        assert_eq!(p.audience.len(), 3);
        let included: Vec<SectionKind> = p.sections.iter().filter(|s| s.included).map(|s| s.kind).collect();
        use SectionKind::*;
        assert_eq!(included, [Introduction, Results, References, Position, Exclusivity, Offer, Terms]);
        assert_eq!(p.payment_terms_days, Some(30), "the account's terms by default");
        assert_eq!(p.team.len(), 1);
        assert_eq!(p.team[0].title, "Key Account Manager");
        // Only the executive: their sections lead, the others are left out but kept.
        let p = s.store.set_audience(p.id, &[s.people[2]], today, Source::User).unwrap();
        let included: Vec<SectionKind> = p.sections.iter().filter(|s| s.included).map(|s| s.kind).collect();
        assert_eq!(included, [Introduction, Position, Exclusivity, Offer, Terms]);
        assert!(p.sections.iter().any(|s| s.kind == References && !s.included));
        // Someone outside the group cannot be in the audience.
        let err = s.store.set_audience(p.id, &[9999], today, Source::User).unwrap_err();
        assert_eq!(err.code(), "not_in_decision_group");
    }

    #[test]
    fn offer_lines_take_discounts_from_the_price_list_and_bad_lines_save_nothing() {
        let mut s = setup();
        let today = d("2026-11-27");
        let p = new_proposal(&mut s, "2026-12-31", today);
        let p = s.store.add_item(p.id, &item(s.sku, 40, "Key account"), today).unwrap();
        // 120.00 − 12.5 % = 105.00; × 40 = 4 200.00; VAT 14 % 588.00.
        assert_eq!(p.items[0].unit_net_minor, 105_00);
        assert_eq!(p.totals.net_minor, 4_200_00);
        assert_eq!(p.totals.vat_minor, 588_00);
        assert_eq!(p.totals.total_minor, 4_788_00);
        let above = ItemInput { sku_id: s.sku, quantity: 1, discount_percent: Some(15.0), ..Default::default() };
        let err = s.store.add_item(p.id, &above, today).unwrap_err();
        assert_eq!(err.code(), "discount_above_price_list");
        assert!(err.to_string().contains("12.5"), "{err}");
        assert_eq!(s.store.add_item(p.id, &item(s.sku, -3, ""), today).unwrap_err().code(), "bad_quantity");
        assert_eq!(
            s.store.add_item(p.id, &item(s.sku, 1, "Friends"), today).unwrap_err().code(),
            "unknown_discount_level"
        );
        assert_eq!(s.store.proposal(p.id, today).unwrap().items.len(), 1, "nothing saved");
        // Over the credit limit (10 000 €) and longer terms than agreed: warnings, not errors.
        let p = s.store.update_item(p.items[0].id, &item(s.sku, 100, "Key account"), today).unwrap();
        assert!(p.warnings.iter().any(|w| w.code == "over_credit_limit"));
        let input = ProposalInput {
            account_id: s.account,
            title: p.title.clone(),
            validity_date: "2026-12-31".into(),
            payment_terms_days: Some(60),
            ..Default::default()
        };
        let p = s.store.update_proposal(p.id, &input, today, Source::User).unwrap();
        assert!(p.warnings.iter().any(|w| w.code == "longer_payment_terms"));
    }

    #[test]
    fn nothing_prints_without_a_valid_date_or_with_an_unknown_variable() {
        let mut s = setup();
        let today = d("2026-11-27");
        let p = new_proposal(&mut s, "", today);
        s.store.add_item(p.id, &item(s.sku, 10, "Hospital"), today).unwrap();
        // The figures section needs sales; without reports it has no value: leave it out for this test.
        let results = p.sections.iter().find(|x| x.kind == SectionKind::Results).unwrap().clone();
        s.store
            .update_section(
                results.id,
                &SectionInput { title: results.title, body: results.body, included: false },
                today,
            )
            .unwrap();
        let err = s.store.proposal_document(p.id, today).unwrap_err();
        assert_eq!(err.code(), "no_validity_date");
        let mut input = ProposalInput {
            account_id: s.account,
            title: p.title.clone(),
            validity_date: "2026-11-26".into(),
            ..Default::default()
        };
        s.store.update_proposal(p.id, &input, today, Source::User).unwrap();
        assert_eq!(s.store.proposal_document(p.id, today).unwrap_err().code(), "validity_in_past");
        input.validity_date = "2026-12-31".into();
        s.store.update_proposal(p.id, &input, today, Source::User).unwrap();
        let intro = p.sections.iter().find(|x| x.kind == SectionKind::Introduction).unwrap();
        let typo = SectionInput { title: "Dear {{acount.name}}".into(), body: "Hello".into(), included: true };
        s.store.update_section(intro.id, &typo, today).unwrap();
        let err = s.store.proposal_document(p.id, today).unwrap_err();
        assert_eq!(err.code(), "unknown_variable");
        assert!(err.to_string().contains("{{acount.name}}"), "{err}");
        let preview = s.store.proposal_preview(p.id, today).unwrap();
        assert_eq!(preview.problems.len(), 1);
        assert!(!serde_json::to_string(&preview.document).unwrap().contains("{{"), "never raw in the preview either");
        let fixed = SectionInput { title: "Dear {{account.name}}".into(), body: "Hello".into(), included: true };
        s.store.update_section(intro.id, &fixed, today).unwrap();
        let doc = s.store.proposal_document(p.id, today).unwrap();
        assert_eq!(doc.sections[0].title, "Dear Kivilahti Hospital");
        assert_eq!(doc.validity, "31 December 2026");
        assert_eq!(doc.offer.lines[0].product, "Oncorin 50 mg");
        assert_eq!(doc.team[0].email, "kaisa@example.com");
        assert_eq!(doc.offer.totals.last().unwrap()[1], "€1,299.60", "120 − 5 % = 114 × 10 = 1 140 + 14 %");
    }

    #[test]
    fn sending_on_a_friday_freezes_the_version_and_puts_the_follow_up_on_today() {
        let mut s = setup();
        let friday = d("2026-11-27");
        let p = new_proposal(&mut s, "2026-12-31", friday);
        s.store.add_item(p.id, &item(s.sku, 10, "Hospital"), friday).unwrap();
        // Sending checks like printing does: the figures section has no sales to show.
        assert_eq!(s.store.send_proposal(p.id, friday, Source::User).unwrap_err().code(), "variable_without_value");
        let results = p.sections.iter().find(|x| x.kind == SectionKind::Results).unwrap().clone();
        s.store
            .update_section(
                results.id,
                &SectionInput { title: results.title, body: results.body, included: false },
                friday,
            )
            .unwrap();
        let p = s.store.send_proposal(p.id, friday, Source::User).unwrap();
        assert_eq!(p.status, ProposalStatus::Sent);
        assert!(p.frozen);
        assert_eq!(p.versions.len(), 1);
        let steps: Vec<(&str, NaiveDate)> = p.follow_up.iter().map(|f| (f.step.as_str(), f.due_date)).collect();
        assert_eq!(
            steps,
            [
                ("confirm_receipt", d("2026-11-30")),
                ("next_steps", d("2026-12-02")),
                ("interim_meeting", d("2026-12-04")),
                ("decision", d("2026-12-28"))
            ]
        );
        let monday = s.store.today(d("2026-11-30")).unwrap();
        let call = monday.due_today.iter().find(|t| t.title.contains("was the proposal")).expect("the receipt call");
        assert_eq!(call.account.as_ref().map(|a| a.id), Some(s.account));
        // Frozen: no change, and the printed document stays as sent even when the price list changes.
        assert_eq!(s.store.add_item(p.id, &item(s.sku, 1, ""), friday).unwrap_err().code(), "proposal_frozen");
        let before = s.store.proposal_document(p.id, friday).unwrap();
        let mut sku = s.store.list_skus().unwrap().remove(0);
        sku.list_price_minor = Some(999_00);
        s.store
            .update_sku(
                s.sku,
                &SkuInput { name: sku.name, list_price_minor: sku.list_price_minor, ..Default::default() },
                Source::User,
            )
            .unwrap();
        assert_eq!(s.store.proposal_document(p.id, d("2027-02-01")).unwrap(), before, "printable after expiry too");
        // Receipt confirmed ticks off the call; accepted drops the remaining calls.
        let p = s
            .store
            .set_proposal_status(p.id, ProposalStatus::ReceiptConfirmed, d("2026-11-30"), d("2026-11-30"), Source::User)
            .unwrap();
        assert!(p.follow_up.iter().find(|f| f.step == "confirm_receipt").unwrap().done);
        assert_eq!(
            s.store
                .set_proposal_status(p.id, ProposalStatus::Accepted, d("2026-12-09"), d("2026-12-08"), Source::User)
                .unwrap_err()
                .code(),
            "future_date"
        );
        let p = s
            .store
            .set_proposal_status(p.id, ProposalStatus::Accepted, d("2026-12-08"), d("2026-12-08"), Source::User)
            .unwrap();
        assert_eq!(p.status, ProposalStatus::Accepted);
        assert_eq!(p.follow_up.len(), 1, "only the call that was made stays");
        let stats = s.store.proposal_stats(d("2026-12-08")).unwrap();
        assert_eq!(stats.win_rate, Some(1.0));
        assert_eq!(stats.median_days_to_decision, Some(11.0));
        assert_eq!(stats.by_mix[0].style_mix, "analytical+executive+people_oriented");
    }

    #[test]
    fn an_unanswered_proposal_expires_after_its_validity_date_and_a_new_version_reopens_a_live_one() {
        let mut s = setup();
        let today = d("2026-11-27");
        let p = new_proposal(&mut s, "2026-12-04", today);
        s.store.add_item(p.id, &item(s.sku, 1, ""), today).unwrap();
        s.store.set_audience(p.id, &[s.people[2]], today, Source::User).unwrap();
        s.store.send_proposal(p.id, today, Source::User).unwrap();
        assert_eq!(s.store.proposal(p.id, d("2026-12-04")).unwrap().status, ProposalStatus::Sent);
        let later = s.store.proposal(p.id, d("2026-12-05")).unwrap();
        assert_eq!(later.status, ProposalStatus::Expired);
        assert_eq!(later.decision_date, Some(d("2026-12-05")));
        let row = &s.store.proposals(d("2026-12-05")).unwrap()[0];
        assert_eq!((row.status, row.total_minor), (ProposalStatus::Expired, 136_80));
        assert_eq!(
            s.store.new_proposal_version(p.id, d("2026-12-05"), Source::User).unwrap_err().code(),
            "bad_status_change"
        );
        let p = s.store.new_proposal_version(p.id, d("2026-12-01"), Source::User).unwrap();
        assert_eq!((p.version, p.frozen), (2, false));
        assert_eq!(p.versions.len(), 1, "version 1 stays as sent");
    }

    #[test]
    fn library_blocks_refuse_unknown_variables_and_print_referees_only_with_consent() {
        let mut s = setup();
        let today = d("2026-11-27");
        let bad = BlockInput {
            kind: Some(SectionKind::References),
            title: "Reference".into(),
            body: "We served {{acount.name}}".into(),
            ..Default::default()
        };
        assert_eq!(s.store.save_proposal_block(None, &bad, Source::User).unwrap_err().code(), "unknown_variable");
        let block = BlockInput {
            kind: Some(SectionKind::References),
            title: "Reference: Metsälä Hospital".into(),
            body: "Metsälä switched to our supply in 2025.".into(),
            referee_person_id: Some(s.people[1]),
            ..Default::default()
        };
        let b = s.store.save_proposal_block(None, &block, Source::User).unwrap();
        let p = new_proposal(&mut s, "2026-12-31", today);
        let reference = p.sections.iter().find(|x| x.kind == SectionKind::References).unwrap();
        assert_eq!(reference.block_id, Some(b.id), "the library's reference replaces the built-in text");
        let doc = s.store.proposal_preview(p.id, today).unwrap().document;
        let printed = doc.sections.iter().find(|x| x.kind == SectionKind::References).unwrap();
        assert!(printed.referees.is_empty(), "no consent, no contacts");
        let agreed = BlockInput { referee_consent: "2026-11-20".into(), ..block };
        s.store.save_proposal_block(Some(b.id), &agreed, Source::User).unwrap();
        let doc = s.store.proposal_preview(p.id, today).unwrap().document;
        let printed = doc.sections.iter().find(|x| x.kind == SectionKind::References).unwrap();
        assert_eq!(printed.referees.len(), 1);
        assert_eq!(printed.referees[0].name, "Berg");
    }
}
