//! Storage of tenders: the tender with its lots, milestones, document checklist, linked people and status
//! history; the plan templates edited in Settings; the calendar of milestones and its iCalendar export.

use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;
use ts_rs::TS;

use super::accounts::require_account;
use super::{now_timestamp, Store};
use crate::error::{Error, Result};
use crate::tenders::analysis::{self, Decided, DecidedLot, WinLoss};
use crate::tenders::import::{self as tender_import, ListedTender, TenderList, TenderListOptions};
use crate::tenders::{
    apply_template, check_order, check_transition, ics, schedule, Bid, LotInput, Milestone, MilestoneKind, Outcome,
    Procedure, TemplateStep, TenderInput, TenderStatus,
};
use crate::types::{BuyingRole, DecisionStyle, Ref, RelationshipStage, Source};
use crate::validate;

/// The documents every tender asks for, due a week before the submission deadline.
pub const DEFAULT_DOCUMENTS: &[&str] =
    &["Registration certificate", "Price justification", "Samples", "Bank guarantee", "Authorisation letter"];

fn text_of<T: Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn parse<T: DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(e)))
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Lot {
    pub id: i64,
    pub sku: Option<Ref>,
    pub inn: String,
    pub form: String,
    pub quantity: f64,
    pub max_price_minor: Option<i64>,
    pub our_price_minor: Option<i64>,
    pub competitor_bids: Vec<Bid>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PlannedMilestone {
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    pub done: bool,
    pub moved: bool,
    /// A date the buyer sets: moving it asks for confirmation.
    pub hard: bool,
    /// A hard deadline on a weekend or public holiday.
    pub warning: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TenderDocument {
    pub id: i64,
    pub name: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// What the user enters for a checklist document.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(default)]
pub struct DocumentInput {
    pub name: String,
    pub due: Option<NaiveDate>,
    pub done: bool,
}

/// Someone behind a tender: a member of the buyer's decision group, a person linked to the tender, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TenderPerson {
    pub person_id: i64,
    pub name: String,
    pub title: String,
    pub stage: RelationshipStage,
    /// Their style and role in the buyer's decision group, when they are in it.
    pub style: Option<DecisionStyle>,
    pub buying_role: Option<BuyingRole>,
    /// Linked to this tender by hand (KOLs, officials, the tender commission), with the part they play.
    pub linked: bool,
    pub role: String,
    /// Beyond first contact.
    pub covered: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StatusChange {
    pub status: TenderStatus,
    pub at: String,
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Tender {
    pub id: i64,
    pub buyer: Ref,
    pub title: String,
    pub procedure: Procedure,
    pub reference: String,
    pub expected_announcement: Option<NaiveDate>,
    pub status: TenderStatus,
    pub outcome: Outcome,
    pub owner: String,
    pub notes: String,
    pub lots: Vec<Lot>,
    pub milestones: Vec<PlannedMilestone>,
    pub documents: Vec<TenderDocument>,
    pub history: Vec<StatusChange>,
    pub people: Vec<TenderPerson>,
    /// Decision styles in the group with no covered member.
    pub uncovered_styles: Vec<DecisionStyle>,
}

/// A tender in the calendar's overview: enough to draw it in the month, week and agenda views and the timeline,
/// and to filter by region, account, product and owner.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TenderRow {
    pub id: i64,
    pub title: String,
    pub buyer: Ref,
    pub region: String,
    pub owner: String,
    pub status: TenderStatus,
    pub procedure: Procedure,
    pub reference: String,
    /// The lots' products (the SKU's name, else the INN), once each.
    pub products: Vec<String>,
    pub sku_ids: Vec<i64>,
    /// Σ quantity × unit price (ours, else the buyer's maximum).
    pub value_minor: i64,
    pub milestones: Vec<PlannedMilestone>,
}

/// An open tender whose submission is near while the people behind it are not covered by our relationships.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CoverageAlert {
    pub tender_id: i64,
    pub title: String,
    pub buyer: Ref,
    pub submission: NaiveDate,
    pub days_left: i64,
    /// No one is known behind the tender at all.
    pub nobody: bool,
    /// People with no relationship beyond first contact.
    pub weak: Vec<TenderPerson>,
    pub uncovered_styles: Vec<DecisionStyle>,
}

/// One milestone in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CalendarItem {
    pub tender_id: i64,
    pub title: String,
    pub buyer_id: i64,
    pub buyer: String,
    pub status: TenderStatus,
    pub kind: MilestoneKind,
    pub date: NaiveDate,
    pub done: bool,
    pub hard: bool,
    pub warning: Option<String>,
    /// Grows with every change of the date (the calendar export's SEQUENCE).
    pub revision: u32,
    pub updated_at: String,
    pub reference: String,
}

impl CalendarItem {
    /// The desktop reminder's title and body, in the user's language.
    pub fn reminder(&self, today: NaiveDate, language: crate::types::Language) -> (String, String) {
        let finnish = language == crate::types::Language::Finnish;
        let days = (self.date - today).num_days();
        let date = self.date.format("%-d.%-m.%Y");
        let when = match (days, finnish) {
            (0, false) => "today".to_string(),
            (0, true) => "tänään".to_string(),
            (1, false) => "tomorrow".to_string(),
            (1, true) => "huomenna".to_string(),
            (n, false) => format!("in {n} days ({date})"),
            (n, true) => format!("{n} päivän päästä ({date})"),
        };
        let kind = if finnish { self.kind.label_fi() } else { self.kind.label() };
        (format!("{kind} {when}"), format!("{} — {}", self.title, self.buyer))
    }
}

fn milestones(conn: &Connection, tender_id: i64) -> Result<Vec<Milestone>> {
    let mut stmt =
        conn.prepare("SELECT kind, date, done, moved FROM tender_milestones WHERE tender_id = ?1 ORDER BY date, id")?;
    let rows = stmt.query_map([tender_id], |r| {
        Ok(Milestone { kind: parse(&r.get::<_, String>(0)?)?, date: r.get(1)?, done: r.get(2)?, moved: r.get(3)? })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Writes `wanted` as the tender's milestones: a kind kept keeps its row (its revision grows when its date
/// changes), a kind gone is deleted.
fn write_milestones(conn: &Connection, tender_id: i64, wanted: &[Milestone]) -> Result<()> {
    let now = now_timestamp();
    let kinds: Vec<String> = wanted.iter().map(|m| text_of(m.kind)).collect();
    conn.execute(
        "DELETE FROM tender_milestones WHERE tender_id = ?1 AND kind NOT IN (SELECT value FROM json_each(?2))",
        params![tender_id, serde_json::to_string(&kinds).unwrap_or_else(|_| "[]".into())],
    )?;
    for m in wanted {
        conn.execute(
            "INSERT INTO tender_milestones (tender_id, kind, date, done, moved, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (tender_id, kind) DO UPDATE SET
                revision = revision + (date != excluded.date), updated_at = CASE WHEN date != excluded.date
                    OR done != excluded.done THEN excluded.updated_at ELSE updated_at END,
                date = excluded.date, done = excluded.done, moved = excluded.moved",
            params![tender_id, text_of(m.kind), m.date, m.done, m.moved, now],
        )?;
    }
    Ok(())
}

fn insert_lots(conn: &Connection, tender_id: i64, lots: &[LotInput]) -> Result<()> {
    conn.execute("DELETE FROM tender_lots WHERE tender_id = ?1", [tender_id])?;
    for (i, l) in lots.iter().enumerate() {
        conn.execute(
            "INSERT INTO tender_lots (tender_id, position, sku_id, inn, form, quantity, max_price_minor, our_price_minor,
                competitor_bids) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                tender_id,
                i as i64,
                l.sku_id,
                l.inn,
                l.form,
                l.quantity,
                l.max_price_minor,
                l.our_price_minor,
                serde_json::to_string(&l.competitor_bids).unwrap_or_else(|_| "[]".into())
            ],
        )?;
    }
    Ok(())
}

fn require_skus(conn: &Connection, lots: &[LotInput]) -> Result<()> {
    for (i, l) in lots.iter().enumerate() {
        if let Some(sku) = l.sku_id {
            let found: Option<i64> =
                conn.query_row("SELECT id FROM skus WHERE id = ?1", [sku], |r| r.get(0)).optional()?;
            if found.is_none() {
                return Err(Error::invalid(
                    "not_found",
                    "lots",
                    format!("Lot {}: that product is no longer in the catalogue.", i + 1),
                ));
            }
        }
    }
    Ok(())
}

fn template(conn: &Connection, procedure: Procedure) -> Result<Vec<TemplateStep>> {
    let stored: Option<String> = conn
        .query_row("SELECT steps FROM tender_templates WHERE procedure = ?1", [text_of(procedure)], |r| r.get(0))
        .optional()?;
    Ok(stored.and_then(|s| serde_json::from_str(&s).ok()).unwrap_or_else(|| procedure.default_template()))
}

fn require_tender(conn: &Connection, id: i64) -> Result<(Procedure, Option<NaiveDate>, TenderStatus)> {
    conn.query_row("SELECT procedure, expected_announcement, status FROM tenders WHERE id = ?1", [id], |r| {
        Ok((parse(&r.get::<_, String>(0)?)?, r.get(1)?, parse(&r.get::<_, String>(2)?)?))
    })
    .optional()?
    .ok_or(Error::NotFound { what: "The tender", id })
}

/// The buyer's decision group and the people linked to the tender, once each, members first.
fn tender_people(conn: &Connection, tender_id: i64, buyer_id: i64) -> Result<Vec<TenderPerson>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.id, p.first_name, p.last_name, p.title, p.relationship_stage, m.decision_style, m.buying_role,
                tp.person_id IS NOT NULL, COALESCE(tp.role, '')
         FROM people p
         LEFT JOIN decision_group_members m ON m.person_id = p.id AND m.account_id = ?2
         LEFT JOIN tender_people tp ON tp.person_id = p.id AND tp.tender_id = ?1
         WHERE m.id IS NOT NULL OR tp.person_id IS NOT NULL
         ORDER BY m.id IS NULL, p.last_name, p.first_name",
    )?;
    let rows = stmt.query_map(params![tender_id, buyer_id], |r| {
        let stage: RelationshipStage = r.get(4)?;
        Ok(TenderPerson {
            person_id: r.get(0)?,
            name: crate::people::full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
            title: r.get(3)?,
            stage,
            style: r.get(5)?,
            buying_role: r.get(6)?,
            linked: r.get(7)?,
            role: r.get(8)?,
            covered: analysis::is_covered(stage),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn uncovered(people: &[TenderPerson]) -> Vec<DecisionStyle> {
    analysis::uncovered_styles(&people.iter().map(|p| (p.style, p.stage)).collect::<Vec<_>>())
}

fn planned(ms: Vec<Milestone>) -> Vec<PlannedMilestone> {
    ms.into_iter()
        .map(|m| PlannedMilestone {
            warning: m.warning(),
            hard: m.kind.is_hard_deadline(),
            kind: m.kind,
            date: m.date,
            done: m.done,
            moved: m.moved,
        })
        .collect()
}

fn require_document(conn: &Connection, id: i64) -> Result<i64> {
    conn.query_row("SELECT tender_id FROM tender_documents WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "The document", id })
}

impl DocumentInput {
    fn validate(&self) -> Result<DocumentInput> {
        Ok(DocumentInput { name: validate::required_name(&self.name, "name", "Document")?, ..self.clone() })
    }
}

/// Inserts a validated tender with its lots, planned milestones and document checklist (inside the caller's
/// transaction). Returns its id.
pub(crate) fn insert_tender(conn: &Connection, input: &TenderInput, source: Source) -> Result<i64> {
    let v = input.validate()?;
    let buyer = v.buyer_id.unwrap_or_default();
    require_account(conn, buyer)?;
    require_skus(conn, &v.lots)?;
    let procedure = v.procedure.unwrap_or(Procedure::OpenTender);
    let planned = match (v.milestones.is_empty(), v.expected_announcement) {
        (false, _) => v.milestones.clone(),
        (true, Some(a)) => apply_template(&[], a, &template(conn, procedure)?),
        (true, None) => vec![],
    };
    check_order(&planned)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO tenders (buyer_id, title, procedure, reference, expected_announcement, owner, notes, source,
            created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![
            buyer,
            v.title,
            text_of(procedure),
            v.reference,
            v.expected_announcement,
            v.owner,
            v.notes,
            source,
            now
        ],
    )?;
    let id = conn.last_insert_rowid();
    insert_lots(conn, id, &v.lots)?;
    write_milestones(conn, id, &planned)?;
    let submission = planned.iter().find(|m| m.kind == MilestoneKind::SubmissionDeadline).map(|m| m.date);
    for name in DEFAULT_DOCUMENTS {
        conn.execute(
            "INSERT INTO tender_documents (tender_id, name, due) VALUES (?1, ?2, ?3)",
            params![id, name, submission.map(|d| d - chrono::Days::new(7))],
        )?;
    }
    conn.execute(
        "INSERT INTO tender_status_history (tender_id, status, at, note) VALUES (?1, 'watching', ?2, '')",
        params![id, now],
    )?;
    Ok(id)
}

/// Checks and records a status change (inside the caller's transaction).
pub(crate) fn set_tender_status_in(
    conn: &Connection,
    id: i64,
    to: TenderStatus,
    outcome: &Outcome,
    note: &str,
) -> Result<()> {
    let (_, _, from) = require_tender(conn, id)?;
    check_transition(from, to, outcome, note)?;
    if outcome.winning_price_minor.is_some_and(|p| p < 0) {
        return Err(Error::invalid("out_of_range", "winning_price_minor", "A price cannot be negative."));
    }
    let note = validate::long_text(note, "note", "Note")?;
    let now = now_timestamp();
    conn.execute(
        "UPDATE tenders SET status = ?2, award_date = ?3, winner = ?4, winning_price_minor = ?5, loss_reason = ?6,
            updated_at = ?7 WHERE id = ?1",
        params![
            id,
            text_of(to),
            outcome.award_date,
            validate::tidy(&outcome.winner),
            outcome.winning_price_minor,
            validate::tidy(&outcome.loss_reason),
            now
        ],
    )?;
    conn.execute(
        "INSERT INTO tender_status_history (tender_id, status, at, note) VALUES (?1, ?2, ?3, ?4)",
        params![id, text_of(to), now, note],
    )?;
    Ok(())
}

/// A procedure's plan template as Settings shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProcedureTemplate {
    pub procedure: Procedure,
    pub steps: Vec<TemplateStep>,
    /// Changed in Settings (else the built-in one).
    pub edited: bool,
}

/// A template must have steps, each kind once, offsets within three years, and deadlines in their order.
fn check_template(steps: &[TemplateStep]) -> Result<()> {
    if steps.is_empty() {
        return Err(Error::invalid("required", "steps", "A plan template needs at least one step."));
    }
    for (i, s) in steps.iter().enumerate() {
        if steps[..i].iter().any(|o| o.kind == s.kind) {
            return Err(Error::invalid(
                "duplicate",
                "steps",
                format!("The {} is in the template twice.", s.kind.label().to_lowercase()),
            ));
        }
        let within = match s.offset {
            crate::tenders::Offset::Months(m) => m.abs() <= 36,
            crate::tenders::Offset::Days(d) => d.abs() <= 1095,
        };
        if !within {
            return Err(Error::invalid(
                "out_of_range",
                "steps",
                format!("The {} is more than three years from the announcement.", s.kind.label().to_lowercase()),
            ));
        }
    }
    // Any announcement date shows whether the deadlines come in their order.
    let sample = NaiveDate::from_ymd_opt(2030, 1, 15).unwrap_or_default();
    check_order(&apply_template(&[], sample, steps))
}

impl Store {
    /// Every procedure's plan template, for Settings.
    pub fn tender_templates(&self) -> Result<Vec<ProcedureTemplate>> {
        let mut out = Vec::new();
        for &procedure in Procedure::ALL {
            let edited: bool = self.conn.query_row(
                "SELECT EXISTS (SELECT 1 FROM tender_templates WHERE procedure = ?1)",
                [text_of(procedure)],
                |r| r.get(0),
            )?;
            out.push(ProcedureTemplate { procedure, steps: template(&self.conn, procedure)?, edited });
        }
        Ok(out)
    }

    /// The plan template of a procedure: as edited in Settings, else the built-in one.
    pub fn tender_template(&self, procedure: Procedure) -> Result<Vec<TemplateStep>> {
        template(&self.conn, procedure)
    }

    /// Replaces a procedure's template (`None` goes back to the built-in one). Tenders already planned keep their
    /// dates until they are rescheduled.
    pub fn set_tender_template(&mut self, procedure: Procedure, steps: Option<&[TemplateStep]>) -> Result<()> {
        match steps {
            Some(steps) => {
                check_template(steps)?;
                self.conn.execute(
                    "INSERT INTO tender_templates (procedure, steps, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (procedure) DO UPDATE SET steps = ?2, updated_at = ?3",
                    params![text_of(procedure), serde_json::to_string(steps).unwrap_or_default(), now_timestamp()],
                )?;
            }
            None => {
                self.conn.execute("DELETE FROM tender_templates WHERE procedure = ?1", [text_of(procedure)])?;
            }
        }
        self.announce("tender_template", None, "updated", Source::User);
        Ok(())
    }

    /// Creates a tender. Without milestones of its own, they are planned from the procedure's template and the
    /// expected announcement; the document checklist is the standard one.
    pub fn create_tender(&mut self, input: &TenderInput, source: Source) -> Result<Tender> {
        let tx = self.conn.transaction()?;
        let id = insert_tender(&tx, input, source)?;
        tx.commit()?;
        self.announce("tender", Some(id), "created", source);
        self.tender(id)
    }

    /// Changes what the user typed about a tender (not its status or milestones).
    pub fn update_tender(&mut self, id: i64, input: &TenderInput) -> Result<Tender> {
        let v = input.validate()?;
        require_tender(&self.conn, id)?;
        require_account(&self.conn, v.buyer_id.unwrap_or_default())?;
        require_skus(&self.conn, &v.lots)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE tenders SET buyer_id = ?2, title = ?3, procedure = ?4, reference = ?5, expected_announcement = ?6,
                notes = ?7, updated_at = ?8, owner = ?9 WHERE id = ?1",
            params![
                id,
                v.buyer_id,
                v.title,
                text_of(v.procedure.unwrap_or(Procedure::OpenTender)),
                v.reference,
                v.expected_announcement,
                v.notes,
                now_timestamp(),
                v.owner
            ],
        )?;
        insert_lots(&tx, id, &v.lots)?;
        tx.commit()?;
        self.announce("tender", Some(id), "updated", Source::User);
        self.tender(id)
    }

    /// Moves a milestone to `date`; it then stays there when the template changes. Refused (and nothing
    /// changes) when the deadlines would come out of order.
    pub fn move_milestone(&mut self, id: i64, kind: MilestoneKind, date: NaiveDate) -> Result<Tender> {
        require_tender(&self.conn, id)?;
        let mut ms = milestones(&self.conn, id)?;
        let Some(m) = ms.iter_mut().find(|m| m.kind == kind) else {
            return Err(Error::invalid(
                "no_milestone",
                "kind",
                format!("This tender has no {} milestone.", kind.label().to_lowercase()),
            ));
        };
        m.date = date;
        m.moved = true;
        check_order(&ms)?;
        write_milestones(&self.conn, id, &ms)?;
        self.announce("tender", Some(id), "milestone moved", Source::User);
        self.tender(id)
    }

    pub fn set_milestone_done(&mut self, id: i64, kind: MilestoneKind, done: bool) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE tender_milestones SET done = ?3, updated_at = ?4 WHERE tender_id = ?1 AND kind = ?2",
            params![id, text_of(kind), done, now_timestamp()],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "The milestone", id });
        }
        self.announce("tender", Some(id), "milestone done", Source::User);
        Ok(())
    }

    /// Plans the tender's milestones again from its procedure's current template; milestones the user moved or
    /// finished stay as they are.
    pub fn reschedule_tender(&mut self, id: i64) -> Result<Tender> {
        let (procedure, announcement, _) = require_tender(&self.conn, id)?;
        let Some(announcement) = announcement else {
            return Err(Error::invalid(
                "required",
                "expected_announcement",
                "Enter the expected announcement date first: the plan is counted from it.",
            ));
        };
        let ms = apply_template(&milestones(&self.conn, id)?, announcement, &template(&self.conn, procedure)?);
        check_order(&ms)?;
        write_milestones(&self.conn, id, &ms)?;
        self.announce("tender", Some(id), "rescheduled", Source::User);
        self.tender(id)
    }

    /// Changes a tender's status, with the outcome it needs and a note kept in its history.
    pub fn set_tender_status(&mut self, id: i64, to: TenderStatus, outcome: &Outcome, note: &str) -> Result<Tender> {
        let tx = self.conn.transaction()?;
        set_tender_status_in(&tx, id, to, outcome, note)?;
        tx.commit()?;
        self.announce("tender", Some(id), "status", Source::User);
        self.tender(id)
    }

    pub fn delete_tender(&mut self, id: i64) -> Result<()> {
        if self.conn.execute("DELETE FROM tenders WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound { what: "The tender", id });
        }
        self.announce("tender", Some(id), "deleted", Source::User);
        Ok(())
    }

    pub fn add_tender_document(&mut self, tender_id: i64, input: &DocumentInput) -> Result<Tender> {
        let v = input.validate()?;
        require_tender(&self.conn, tender_id)?;
        self.conn.execute(
            "INSERT INTO tender_documents (tender_id, name, due, done) VALUES (?1, ?2, ?3, ?4)",
            params![tender_id, v.name, v.due, v.done],
        )?;
        self.announce("tender", Some(tender_id), "document added", Source::User);
        self.tender(tender_id)
    }

    pub fn update_tender_document(&mut self, id: i64, input: &DocumentInput) -> Result<Tender> {
        let v = input.validate()?;
        let tender_id = require_document(&self.conn, id)?;
        self.conn.execute(
            "UPDATE tender_documents SET name = ?2, due = ?3, done = ?4 WHERE id = ?1",
            params![id, v.name, v.due, v.done],
        )?;
        self.announce("tender", Some(tender_id), "document updated", Source::User);
        self.tender(tender_id)
    }

    pub fn delete_tender_document(&mut self, id: i64) -> Result<Tender> {
        let tender_id = require_document(&self.conn, id)?;
        self.conn.execute("DELETE FROM tender_documents WHERE id = ?1", [id])?;
        self.announce("tender", Some(tender_id), "document deleted", Source::User);
        self.tender(tender_id)
    }

    /// Links a person to the tender (or changes the part they play in it).
    pub fn link_tender_person(&mut self, tender_id: i64, person_id: i64, role: &str) -> Result<Tender> {
        require_tender(&self.conn, tender_id)?;
        let found: Option<i64> =
            self.conn.query_row("SELECT id FROM people WHERE id = ?1", [person_id], |r| r.get(0)).optional()?;
        if found.is_none() {
            return Err(Error::NotFound { what: "The person", id: person_id });
        }
        let role = validate::short_text(role, "role", "Role")?;
        self.conn.execute(
            "INSERT INTO tender_people (tender_id, person_id, role) VALUES (?1, ?2, ?3)
             ON CONFLICT (tender_id, person_id) DO UPDATE SET role = excluded.role",
            params![tender_id, person_id, role],
        )?;
        self.announce("tender", Some(tender_id), "person linked", Source::User);
        self.tender(tender_id)
    }

    pub fn unlink_tender_person(&mut self, tender_id: i64, person_id: i64) -> Result<Tender> {
        require_tender(&self.conn, tender_id)?;
        self.conn.execute(
            "DELETE FROM tender_people WHERE tender_id = ?1 AND person_id = ?2",
            params![tender_id, person_id],
        )?;
        self.announce("tender", Some(tender_id), "person unlinked", Source::User);
        self.tender(tender_id)
    }

    /// Every tender with its milestones, for the calendar, the timeline and the list; `buyer` narrows to the
    /// tenders of one account and of the accounts under it.
    pub fn tender_overview(&self, buyer: Option<i64>) -> Result<Vec<TenderRow>> {
        let conn = &self.conn;
        let mut stmt = conn.prepare(
            "WITH RECURSIVE tree(id) AS (SELECT ?1 UNION SELECT a.id FROM accounts a JOIN tree ON a.parent_id = tree.id)
             SELECT t.id, t.title, t.buyer_id, a.name, a.region, t.owner, t.status, t.procedure, t.reference
             FROM tenders t JOIN accounts a ON a.id = t.buyer_id
             WHERE ?1 IS NULL OR t.buyer_id IN (SELECT id FROM tree)
             ORDER BY t.title, t.id",
        )?;
        let rows = stmt.query_map([buyer], |r| {
            Ok(TenderRow {
                id: r.get(0)?,
                title: r.get(1)?,
                buyer: Ref { id: r.get(2)?, name: r.get(3)? },
                region: r.get(4)?,
                owner: r.get(5)?,
                status: parse(&r.get::<_, String>(6)?)?,
                procedure: parse(&r.get::<_, String>(7)?)?,
                reference: r.get(8)?,
                products: vec![],
                sku_ids: vec![],
                value_minor: 0,
                milestones: vec![],
            })
        })?;
        let mut out: Vec<TenderRow> = rows.collect::<rusqlite::Result<_>>()?;
        let index: std::collections::HashMap<i64, usize> = out.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
        let mut stmt = conn.prepare(
            "SELECT l.tender_id, l.sku_id, COALESCE(s.name, l.inn), l.quantity,
                    COALESCE(l.our_price_minor, l.max_price_minor, 0)
             FROM tender_lots l LEFT JOIN skus s ON s.id = l.sku_id ORDER BY l.tender_id, l.position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let Some(&i) = index.get(&r.get::<_, i64>(0)?) else { continue };
            let t = &mut out[i];
            if let Some(sku) = r.get::<_, Option<i64>>(1)? {
                if !t.sku_ids.contains(&sku) {
                    t.sku_ids.push(sku);
                }
            }
            let product: String = r.get(2)?;
            if !product.is_empty() && !t.products.contains(&product) {
                t.products.push(product);
            }
            t.value_minor += (r.get::<_, f64>(3)? * r.get::<_, i64>(4)? as f64).round() as i64;
        }
        let mut stmt = conn
            .prepare("SELECT tender_id, kind, date, done, moved FROM tender_milestones ORDER BY tender_id, date, id")?;
        let mut rows = stmt.query([])?;
        let mut by_tender: std::collections::HashMap<i64, Vec<Milestone>> = Default::default();
        while let Some(r) = rows.next()? {
            by_tender.entry(r.get(0)?).or_default().push(Milestone {
                kind: parse(&r.get::<_, String>(1)?)?,
                date: r.get(2)?,
                done: r.get(3)?,
                moved: r.get(4)?,
            });
        }
        for t in &mut out {
            t.milestones = planned(by_tender.remove(&t.id).unwrap_or_default());
        }
        Ok(out)
    }

    /// Open tenders whose submission deadline is within [`analysis::COVERAGE_WEEKS`] weeks (and not yet passed
    /// or done) while someone behind them has no relationship beyond first contact, a decision style is not
    /// covered, or nobody is known at all.
    pub fn coverage_alerts(&self, today: NaiveDate) -> Result<Vec<CoverageAlert>> {
        let until = today + chrono::Duration::weeks(analysis::COVERAGE_WEEKS);
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.title, t.buyer_id, a.name, m.date
             FROM tender_milestones m JOIN tenders t ON t.id = m.tender_id JOIN accounts a ON a.id = t.buyer_id
             WHERE m.kind = 'submission_deadline' AND m.done = 0 AND m.date >= ?1 AND m.date <= ?2
               AND t.status NOT IN ('won', 'lost', 'cancelled', 'submitted', 'auction')
             ORDER BY m.date, t.title",
        )?;
        let rows = stmt.query_map(params![today, until], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, Ref { id: r.get(2)?, name: r.get(3)? }, r.get(4)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (tender_id, title, buyer, submission): (i64, String, Ref, NaiveDate) = row?;
            let people = tender_people(&self.conn, tender_id, buyer.id)?;
            let uncovered_styles = uncovered(&people);
            let weak: Vec<TenderPerson> = people.iter().filter(|p| !p.covered).cloned().collect();
            if people.is_empty() || !weak.is_empty() || !uncovered_styles.is_empty() {
                out.push(CoverageAlert {
                    tender_id,
                    title,
                    buyer,
                    submission,
                    days_left: (submission - today).num_days(),
                    nobody: people.is_empty(),
                    weak,
                    uncovered_styles,
                });
            }
        }
        Ok(out)
    }

    /// What was won and lost among the tenders awarded between `from` and `to` (open ends when `None`; cancelled
    /// tenders count by their last change).
    pub fn tender_win_loss(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<WinLoss> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.title, a.region, t.status, t.award_date, t.winner, t.winning_price_minor, t.loss_reason,
                    COALESCE(t.award_date, substr(t.updated_at, 1, 10))
             FROM tenders t JOIN accounts a ON a.id = t.buyer_id
             WHERE t.status IN ('won', 'lost', 'cancelled')
             ORDER BY t.award_date, t.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                Decided {
                    tender_id: r.get(0)?,
                    title: r.get(1)?,
                    region: r.get(2)?,
                    status: parse(&r.get::<_, String>(3)?)?,
                    award_date: r.get(4)?,
                    winner: r.get(5)?,
                    winning_price_minor: r.get(6)?,
                    loss_reason: r.get(7)?,
                    lots: vec![],
                },
                r.get::<_, String>(8)?,
            ))
        })?;
        let (from, to) = (from.map(|d| d.to_string()), to.map(|d| d.to_string()));
        let mut decided: Vec<Decided> = Vec::new();
        for row in rows {
            let (t, day) = row?;
            if from.as_ref().is_some_and(|f| &day < f) || to.as_ref().is_some_and(|e| &day > e) {
                continue;
            }
            decided.push(t);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT COALESCE(s.name, l.inn), l.quantity, l.max_price_minor, l.our_price_minor
             FROM tender_lots l LEFT JOIN skus s ON s.id = l.sku_id WHERE l.tender_id = ?1 ORDER BY l.position",
        )?;
        for t in &mut decided {
            let lots = stmt.query_map([t.tender_id], |r| {
                Ok(DecidedLot {
                    product: r.get(0)?,
                    quantity: r.get(1)?,
                    max_price_minor: r.get(2)?,
                    our_price_minor: r.get(3)?,
                })
            })?;
            t.lots = lots.collect::<rusqlite::Result<_>>()?;
        }
        Ok(analysis::win_loss(&decided))
    }

    /// Reads a tender list and says what importing it would do: each tender's buyer found among the accounts by
    /// name, tenders already in Avain (same buyer and reference, or same title) left out, milestones planned from
    /// the announcement with the list's submission deadline kept. Saves nothing.
    pub fn inspect_tender_list(&self, path: &std::path::Path, options: &TenderListOptions) -> Result<TenderList> {
        let mut list = tender_import::read(path, options)?;
        if list.blocker.is_some() {
            return Ok(list);
        }
        for t in &mut list.tenders {
            match self.resolve_listed(t) {
                Ok(()) => t.create = true,
                Err(e) => t.message = Some(e.to_string()),
            }
        }
        list.created = list.tenders.iter().filter(|t| t.create).count() as u32;
        list.skipped = list.tenders.len() as u32 - list.created;
        Ok(list)
    }

    /// Finds the buyer, refuses a tender already here, plans and checks the milestones.
    fn resolve_listed(&self, t: &mut ListedTender) -> Result<()> {
        let key = crate::accounts::name_key(&t.buyer_text);
        let mut stmt = self.conn.prepare_cached("SELECT id, name FROM accounts WHERE name_key = ?1")?;
        let found: Vec<Ref> =
            stmt.query_map([&key], |r| Ok(Ref { id: r.get(0)?, name: r.get(1)? }))?.collect::<rusqlite::Result<_>>()?;
        let buyer = match found.as_slice() {
            [one] => one.clone(),
            [] => {
                return Err(Error::invalid(
                    "unknown_buyer",
                    "buyer",
                    format!("No account is called “{}”: add it or correct the name in the file.", t.buyer_text),
                ))
            }
            _ => {
                return Err(Error::invalid(
                    "ambiguous_buyer",
                    "buyer",
                    format!(
                        "Several accounts are called “{}” (in different regions): add the tender by hand.",
                        t.buyer_text
                    ),
                ))
            }
        };
        t.buyer = Some(buyer.clone());
        t.input.buyer_id = Some(buyer.id);
        let already: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM tenders WHERE buyer_id = ?1
                AND ((?2 != '' AND reference = ?2) OR lower(title) = lower(?3)))",
            params![buyer.id, t.input.reference, t.input.title],
            |r| r.get(0),
        )?;
        if already {
            return Err(Error::invalid("duplicate", "title", "This tender is already in Avain."));
        }
        let procedure = t.input.procedure.unwrap_or(Procedure::OpenTender);
        let mut planned = match t.input.expected_announcement {
            Some(a) => apply_template(&[], a, &template(&self.conn, procedure)?),
            None => vec![],
        };
        if let Some(date) = t.submission {
            match planned.iter_mut().find(|m| m.kind == MilestoneKind::SubmissionDeadline) {
                Some(m) => {
                    m.moved = m.date != date;
                    m.date = date;
                }
                None => {
                    planned.push(Milestone { kind: MilestoneKind::SubmissionDeadline, date, done: false, moved: true })
                }
            }
            planned.sort_by_key(|m| (m.date, m.kind));
        }
        t.input.milestones = planned;
        t.input = t.input.validate()?;
        Ok(())
    }

    /// Creates the tenders of a list that can be created, in one transaction.
    pub fn import_tender_list(&mut self, path: &std::path::Path, options: &TenderListOptions) -> Result<TenderList> {
        let list = self.inspect_tender_list(path, options)?;
        if let Some(blocker) = &list.blocker {
            return Err(Error::invalid("tender_list_unclear", "fields", format!("{blocker} Nothing was imported.")));
        }
        let tx = self.conn.transaction()?;
        for t in list.tenders.iter().filter(|t| t.create) {
            insert_tender(&tx, &t.input, Source::Import)?;
        }
        tx.commit()?;
        self.announce("tender", None, "imported", Source::Import);
        Ok(list)
    }

    /// Unfinished milestones of open tenders due from today to `days` ahead that have not been reminded of for
    /// their current date.
    pub fn due_reminders(&self, today: NaiveDate, days: u32) -> Result<Vec<CalendarItem>> {
        if days == 0 {
            return Ok(vec![]);
        }
        let pending: std::collections::HashSet<(i64, MilestoneKind)> = {
            let mut stmt = self.conn.prepare(
                "SELECT tender_id, kind FROM tender_milestones
                 WHERE done = 0 AND date >= ?1 AND date <= ?2 AND (reminded_for IS NULL OR reminded_for != date)",
            )?;
            let rows = stmt.query_map(params![today, today + chrono::Days::new(days as u64)], |r| {
                Ok((r.get::<_, i64>(0)?, parse::<MilestoneKind>(&r.get::<_, String>(1)?)?))
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        if pending.is_empty() {
            return Ok(vec![]);
        }
        Ok(self
            .tender_calendar(Some(today), Some(today + chrono::Days::new(days as u64)))?
            .into_iter()
            .filter(|c| !c.status.is_closed() && pending.contains(&(c.tender_id, c.kind)))
            .collect())
    }

    /// Notes that the reminder for these milestones (at their current dates) was shown.
    pub fn mark_reminded(&mut self, items: &[CalendarItem]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for c in items {
            tx.execute(
                "UPDATE tender_milestones SET reminded_for = ?3 WHERE tender_id = ?1 AND kind = ?2",
                params![c.tender_id, text_of(c.kind), c.date],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn tender(&self, id: i64) -> Result<Tender> {
        let conn = &self.conn;
        let mut tender = conn
            .query_row(
                "SELECT t.id, t.buyer_id, a.name, t.title, t.procedure, t.reference, t.expected_announcement, t.status,
                        t.award_date, t.winner, t.winning_price_minor, t.loss_reason, t.notes, t.owner
                 FROM tenders t JOIN accounts a ON a.id = t.buyer_id WHERE t.id = ?1",
                [id],
                |r| {
                    Ok(Tender {
                        id: r.get(0)?,
                        buyer: Ref { id: r.get(1)?, name: r.get(2)? },
                        title: r.get(3)?,
                        procedure: parse(&r.get::<_, String>(4)?)?,
                        reference: r.get(5)?,
                        expected_announcement: r.get(6)?,
                        status: parse(&r.get::<_, String>(7)?)?,
                        outcome: Outcome {
                            award_date: r.get(8)?,
                            winner: r.get(9)?,
                            winning_price_minor: r.get(10)?,
                            loss_reason: r.get(11)?,
                        },
                        notes: r.get(12)?,
                        owner: r.get(13)?,
                        lots: vec![],
                        milestones: vec![],
                        documents: vec![],
                        history: vec![],
                        people: vec![],
                        uncovered_styles: vec![],
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotFound { what: "The tender", id })?;
        let mut stmt = conn.prepare(
            "SELECT l.id, l.sku_id, s.name, l.inn, l.form, l.quantity, l.max_price_minor, l.our_price_minor,
                    l.competitor_bids
             FROM tender_lots l LEFT JOIN skus s ON s.id = l.sku_id WHERE l.tender_id = ?1 ORDER BY l.position",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(Lot {
                id: r.get(0)?,
                sku: match (r.get::<_, Option<i64>>(1)?, r.get::<_, Option<String>>(2)?) {
                    (Some(id), Some(name)) => Some(Ref { id, name }),
                    _ => None,
                },
                inn: r.get(3)?,
                form: r.get(4)?,
                quantity: r.get(5)?,
                max_price_minor: r.get(6)?,
                our_price_minor: r.get(7)?,
                competitor_bids: serde_json::from_str(&r.get::<_, String>(8)?).unwrap_or_default(),
            })
        })?;
        tender.lots = rows.collect::<rusqlite::Result<_>>()?;
        tender.milestones = planned(milestones(conn, id)?);
        let mut stmt =
            conn.prepare("SELECT id, name, due, done FROM tender_documents WHERE tender_id = ?1 ORDER BY due, id")?;
        let rows = stmt.query_map([id], |r| {
            Ok(TenderDocument { id: r.get(0)?, name: r.get(1)?, due: r.get(2)?, done: r.get(3)? })
        })?;
        tender.documents = rows.collect::<rusqlite::Result<_>>()?;
        let mut stmt =
            conn.prepare("SELECT status, at, note FROM tender_status_history WHERE tender_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([id], |r| {
            Ok(StatusChange { status: parse(&r.get::<_, String>(0)?)?, at: r.get(1)?, note: r.get(2)? })
        })?;
        tender.history = rows.collect::<rusqlite::Result<_>>()?;
        tender.people = tender_people(conn, id, tender.buyer.id)?;
        tender.uncovered_styles = uncovered(&tender.people);
        Ok(tender)
    }

    /// Every milestone between `from` and `to` (inclusive; open ends when `None`), in date order.
    pub fn tender_calendar(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Vec<CalendarItem>> {
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.title, a.name, t.status, m.kind, m.date, m.done, m.revision, m.updated_at, t.reference,
                    t.buyer_id
             FROM tender_milestones m JOIN tenders t ON t.id = m.tender_id JOIN accounts a ON a.id = t.buyer_id
             WHERE (?1 IS NULL OR m.date >= ?1) AND (?2 IS NULL OR m.date <= ?2)
             ORDER BY m.date, t.title, m.id",
        )?;
        let rows = stmt.query_map(params![from, to], |r| {
            let kind: MilestoneKind = parse(&r.get::<_, String>(4)?)?;
            let date: NaiveDate = r.get(5)?;
            Ok(CalendarItem {
                tender_id: r.get(0)?,
                title: r.get(1)?,
                buyer_id: r.get(10)?,
                buyer: r.get(2)?,
                status: parse(&r.get::<_, String>(3)?)?,
                kind,
                date,
                done: r.get(6)?,
                hard: kind.is_hard_deadline(),
                warning: schedule::deadline_warning(kind, date),
                revision: r.get(7)?,
                updated_at: r.get(8)?,
                reference: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The calendar as an iCalendar file (RFC 5545); UIDs are stable, so importing it again updates events.
    pub fn export_ics(&self, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<String> {
        let events: Vec<ics::CalendarEvent> = self
            .tender_calendar(from, to)?
            .into_iter()
            .map(|c| {
                let mut description = format!("Buyer: {}\nStatus: {}", c.buyer, text_of(c.status).replace('_', " "));
                if !c.reference.is_empty() {
                    description.push_str(&format!("\nReference: {}", c.reference));
                }
                if let Some(w) = &c.warning {
                    description.push_str(&format!("\n{w}"));
                }
                let mut categories = vec!["Tender".to_string()];
                if c.hard {
                    categories.push("Deadline".to_string());
                }
                ics::CalendarEvent {
                    uid: ics::milestone_uid(c.tender_id, c.kind),
                    summary: format!("{}: {} ({})", c.kind.label(), c.title, c.buyer),
                    description,
                    date: c.date,
                    categories,
                    last_modified: chrono::DateTime::parse_from_rfc3339(&c.updated_at)
                        .map(|t| t.with_timezone(&chrono::Utc))
                        .unwrap_or_else(|_| chrono::Utc::now()),
                    sequence: c.revision,
                }
            })
            .collect();
        Ok(ics::calendar("Avain — tenders", &events, chrono::Utc::now()))
    }

    /// Writes the calendar to `file` and returns how many events it holds. The text goes beside the target and is
    /// renamed over it, so a calendar client reading the file never sees half of it.
    pub fn write_ics(&self, file: &std::path::Path, from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<usize> {
        let text = self.export_ics(from, to)?;
        crate::export::write_atomically(file, text.as_bytes())?;
        Ok(text.matches("BEGIN:VEVENT").count())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountInput;
    use crate::tenders::Offset;
    use crate::types::AccountKind;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn setup() -> (tempfile::TempDir, Store, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("data")).unwrap();
        let buyer = store
            .create_account(
                &AccountInput {
                    name: "Järvimaa Hospital District".into(),
                    kind: Some(AccountKind::HealthAuthority),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        (dir, store, buyer.id)
    }

    fn input(buyer: i64) -> TenderInput {
        TenderInput {
            buyer_id: Some(buyer),
            title: "Insulins 2028".into(),
            procedure: Some(Procedure::ElectronicAuction),
            reference: "JHD/2027/114".into(),
            expected_announcement: Some(d(2027, 9, 1)),
            lots: vec![LotInput { inn: "insulin glargine".into(), quantity: 12000.0, ..Default::default() }],
            ..Default::default()
        }
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn a_tender_is_planned_from_its_template_and_bad_input_saves_nothing() {
        let (_dir, mut store, buyer) = setup();
        let t = store.create_tender(&input(buyer), Source::User).unwrap();
        let at = |k: MilestoneKind| t.milestones.iter().find(|m| m.kind == k).unwrap().clone();
        assert_eq!(at(MilestoneKind::NeedsAnalysis).date, d(2026, 12, 1));
        assert_eq!(at(MilestoneKind::SubmissionDeadline).date, d(2027, 9, 21));
        assert!(at(MilestoneKind::Auction).hard);
        assert_eq!(t.documents.len(), DEFAULT_DOCUMENTS.len());
        assert_eq!(t.documents[0].due, Some(d(2027, 9, 14)));
        assert_eq!(t.history.len(), 1);

        let before = count(&store, "SELECT count(*) FROM tenders");
        let no_buyer = TenderInput { buyer_id: None, ..input(buyer) };
        assert_eq!(store.create_tender(&no_buyer, Source::User).unwrap_err().code(), "required");
        let gone = TenderInput { buyer_id: Some(999), ..input(buyer) };
        assert_eq!(store.create_tender(&gone, Source::User).unwrap_err().code(), "not_found");
        let negative = TenderInput {
            lots: vec![LotInput { inn: "x".into(), quantity: -1.0, ..Default::default() }],
            ..input(buyer)
        };
        assert_eq!(store.create_tender(&negative, Source::User).unwrap_err().code(), "out_of_range");
        assert_eq!(count(&store, "SELECT count(*) FROM tenders"), before);

        // Moving the submission deadline past the auction is refused; the dates stay.
        let err = store.move_milestone(t.id, MilestoneKind::SubmissionDeadline, d(2027, 10, 1)).unwrap_err();
        assert_eq!(err.code(), "milestone_order");
        assert_eq!(store.tender(t.id).unwrap().milestones, t.milestones);
    }

    #[test]
    fn todays_briefing_shows_open_tenders_unfinished_milestones_only() {
        let (_dir, mut store, buyer) = setup();
        let today = d(2027, 8, 25);
        let t = store.create_tender(&input(buyer), Source::User).unwrap();
        let brief = |store: &Store| -> Vec<MilestoneKind> {
            store.today(today).unwrap().tender_milestones.iter().map(|m| m.kind).collect()
        };
        // Announcement 1 Sep (in 7 days); the stakeholder meetings (1 May) are overdue for longer than 60 days.
        assert_eq!(brief(&store), [MilestoneKind::Announcement]);
        store.move_milestone(t.id, MilestoneKind::StakeholderMeetings, d(2027, 8, 20)).unwrap();
        assert_eq!(brief(&store), [MilestoneKind::StakeholderMeetings, MilestoneKind::Announcement]);
        store.set_milestone_done(t.id, MilestoneKind::StakeholderMeetings, true).unwrap();
        assert_eq!(brief(&store), [MilestoneKind::Announcement]);
        store.set_tender_status(t.id, TenderStatus::Cancelled, &Outcome::default(), "").unwrap();
        assert!(brief(&store).is_empty(), "a closed tender asks for nothing");
    }

    #[test]
    fn statuses_follow_the_rules_and_keep_their_history() {
        let (_dir, mut store, buyer) = setup();
        let t = store.create_tender(&input(buyer), Source::User).unwrap();
        let none = Outcome::default();
        store.set_tender_status(t.id, TenderStatus::Submitted, &none, "").unwrap();
        let err = store.set_tender_status(t.id, TenderStatus::Won, &none, "").unwrap_err();
        assert_eq!(err.code(), "award_date_required");
        let won = Outcome { award_date: Some(d(2027, 10, 20)), winning_price_minor: Some(1_234_500), ..none.clone() };
        let t = store.set_tender_status(t.id, TenderStatus::Won, &won, "All three lots").unwrap();
        assert_eq!((t.status, t.outcome.award_date), (TenderStatus::Won, Some(d(2027, 10, 20))));
        let t = store.set_tender_status(t.id, TenderStatus::Cancelled, &none, "Appeal annulled the award").unwrap();
        assert_eq!(
            store.set_tender_status(t.id, TenderStatus::Preparing, &none, "").unwrap_err().code(),
            "reason_required"
        );
        let t = store.set_tender_status(t.id, TenderStatus::Preparing, &none, "Announced again").unwrap();
        let seen: Vec<TenderStatus> = t.history.iter().map(|h| h.status).collect();
        use TenderStatus::*;
        assert_eq!(seen, [Watching, Submitted, Won, Cancelled, Preparing]);
    }

    #[test]
    fn a_template_change_reschedules_only_what_the_user_did_not_move_and_the_export_updates_in_place() {
        let (_dir, mut store, buyer) = setup();
        let t = store.create_tender(&input(buyer), Source::User).unwrap();
        store.move_milestone(t.id, MilestoneKind::StakeholderMeetings, d(2027, 4, 12)).unwrap();
        let first = store.export_ics(None, None).unwrap();

        let mut steps = store.tender_template(Procedure::ElectronicAuction).unwrap();
        for s in &mut steps {
            if s.kind == MilestoneKind::ClarificationDeadline {
                s.offset = Offset::Days(7);
            }
        }
        let mut twice = steps.clone();
        twice.push(steps[0]);
        assert_eq!(
            store.set_tender_template(Procedure::ElectronicAuction, Some(&twice)).unwrap_err().code(),
            "duplicate"
        );
        let mut backwards = steps.clone();
        for s in &mut backwards {
            if s.kind == MilestoneKind::SubmissionDeadline {
                s.offset = Offset::Days(40);
            }
        }
        assert_eq!(
            store.set_tender_template(Procedure::ElectronicAuction, Some(&backwards)).unwrap_err().code(),
            "milestone_order"
        );
        let far = [TemplateStep { kind: MilestoneKind::Announcement, offset: Offset::Months(-48) }];
        assert_eq!(
            store.set_tender_template(Procedure::ElectronicAuction, Some(&far)).unwrap_err().code(),
            "out_of_range"
        );
        assert_eq!(store.set_tender_template(Procedure::ElectronicAuction, Some(&[])).unwrap_err().code(), "required");
        assert!(!store.tender_templates().unwrap().iter().any(|t| t.edited), "refused templates change nothing");
        store.set_tender_template(Procedure::ElectronicAuction, Some(&steps)).unwrap();
        let listed = store.tender_templates().unwrap();
        assert_eq!(listed.len(), Procedure::ALL.len());
        assert!(listed.iter().find(|t| t.procedure == Procedure::ElectronicAuction).unwrap().edited);
        assert_eq!(
            store.tender(t.id).unwrap().milestones,
            t.milestones
                .iter()
                .map(|m| {
                    let mut m = m.clone();
                    if m.kind == MilestoneKind::StakeholderMeetings {
                        m.date = d(2027, 4, 12);
                        m.moved = true;
                    }
                    m
                })
                .collect::<Vec<_>>(),
            "a planned tender keeps its dates until rescheduled"
        );
        let t = store.reschedule_tender(t.id).unwrap();
        let at = |k: MilestoneKind| t.milestones.iter().find(|m| m.kind == k).unwrap().date;
        assert_eq!(at(MilestoneKind::ClarificationDeadline), d(2027, 9, 8));
        assert_eq!(at(MilestoneKind::StakeholderMeetings), d(2027, 4, 12));

        let second = store.export_ics(None, None).unwrap();
        let uids = |ics: &str| ics.lines().filter(|l| l.starts_with("UID:")).map(str::to_string).collect::<Vec<_>>();
        let mut a = uids(&first);
        let mut b = uids(&second);
        a.sort();
        b.sort();
        assert_eq!(a, b, "the same events, updated");
        assert!(second.replace("\r\n ", "").contains("UID:tender-1-clarification_deadline@avain"));
        let seq = |ics: &str, uid: &str| {
            let unfolded = ics.replace("\r\n ", "");
            let at = unfolded.find(uid).unwrap();
            let rest = &unfolded[at..];
            let line = rest.lines().find(|l| l.starts_with("SEQUENCE:")).unwrap().to_string();
            line
        };
        assert_eq!(seq(&first, "tender-1-clarification_deadline"), "SEQUENCE:0");
        assert_eq!(seq(&second, "tender-1-clarification_deadline"), "SEQUENCE:1");

        let window = store.tender_calendar(Some(d(2027, 9, 1)), Some(d(2027, 9, 30))).unwrap();
        assert!(window.iter().all(|c| c.date >= d(2027, 9, 1) && c.date <= d(2027, 9, 30)));
        assert!(window.iter().any(|c| c.kind == MilestoneKind::Auction));
    }

    #[test]
    fn lots_keep_competitor_bids_and_the_owner_and_a_bad_bid_saves_nothing() {
        let (_dir, mut store, buyer) = setup();
        let mut t = input(buyer);
        t.owner = "Liisa Koski".into();
        t.lots[0].our_price_minor = Some(1_150);
        t.lots[0].competitor_bids = vec![
            Bid { company: "Medeco Oy".into(), price_minor: Some(1_090) },
            Bid { company: " ".into(), price_minor: None },
        ];
        let saved = store.create_tender(&t, Source::User).unwrap();
        assert_eq!(saved.owner, "Liisa Koski");
        assert_eq!(saved.lots[0].competitor_bids, [Bid { company: "Medeco Oy".into(), price_minor: Some(1_090) }]);

        let before = count(&store, "SELECT count(*) FROM tender_lots");
        let mut bad = t.clone();
        bad.lots[0].competitor_bids = vec![Bid { company: String::new(), price_minor: Some(5) }];
        assert_eq!(store.update_tender(saved.id, &bad).unwrap_err().code(), "required");
        bad.lots[0].competitor_bids = vec![Bid { company: "X".into(), price_minor: Some(-5) }];
        assert_eq!(store.update_tender(saved.id, &bad).unwrap_err().code(), "out_of_range");
        bad.lots[0] = LotInput { sku_id: Some(4242), quantity: 1.0, ..Default::default() };
        assert_eq!(store.update_tender(saved.id, &bad).unwrap_err().code(), "not_found");
        assert_eq!(count(&store, "SELECT count(*) FROM tender_lots"), before);
        assert_eq!(store.tender(saved.id).unwrap().lots, saved.lots);
    }

    #[test]
    fn the_document_checklist_can_be_added_to_ticked_off_and_pruned() {
        let (_dir, mut store, buyer) = setup();
        let t = store.create_tender(&input(buyer), Source::User).unwrap();
        let doc = DocumentInput { name: "GMP certificate".into(), due: Some(d(2027, 9, 10)), done: false };
        let t2 = store.add_tender_document(t.id, &doc).unwrap();
        let added = t2.documents.iter().find(|x| x.name == "GMP certificate").unwrap().clone();
        let t3 = store.update_tender_document(added.id, &DocumentInput { done: true, ..doc.clone() }).unwrap();
        assert!(t3.documents.iter().find(|x| x.id == added.id).unwrap().done);
        let empty = DocumentInput { name: "  ".into(), ..doc };
        assert_eq!(store.add_tender_document(t.id, &empty).unwrap_err().code(), "required");
        assert_eq!(store.update_tender_document(added.id, &empty).unwrap_err().code(), "required");
        assert_eq!(store.delete_tender_document(9999).unwrap_err().code(), "not_found");
        let t4 = store.delete_tender_document(added.id).unwrap();
        assert_eq!(t4.documents.len(), DEFAULT_DOCUMENTS.len());
    }

    #[test]
    fn coverage_names_weak_relationships_and_uncovered_styles_near_the_submission() {
        use crate::people::{MemberInput, PersonInput};
        use crate::types::{BuyingRole, DecisionStyle as S, RelationshipStage as R};
        let (_dir, mut store, buyer) = setup();
        let today = d(2027, 8, 25);
        let t = store.create_tender(&input(buyer), Source::User).unwrap(); // submission 21 Sep 2027: 27 days.
        let alerts = store.coverage_alerts(today).unwrap();
        assert_eq!(alerts.len(), 1);
        assert!(alerts[0].nobody, "nobody known behind the tender is the worst coverage");
        assert_eq!(alerts[0].days_left, 27);

        let mut person = |last: &str, stage: R| {
            store
                .create_person(
                    &PersonInput { last_name: last.into(), relationship_stage: Some(stage), ..Default::default() },
                    today,
                    Source::User,
                )
                .unwrap()
                .id
        };
        let exec = person("Aalto", R::Loyalty);
        let analyst = person("Berg", R::FirstContact);
        let kol = person("Castrén", R::NoContact);
        for (p, style) in [(exec, S::Executive), (analyst, S::Analytical)] {
            let member = MemberInput {
                account_id: buyer,
                person_id: p,
                buying_role: BuyingRole::DecisionMaker,
                decision_style: style,
                notes: String::new(),
            };
            store.add_member(&member, Source::User).unwrap();
        }
        let linked = store.link_tender_person(t.id, kol, "Chair of the tender commission").unwrap();
        assert_eq!(linked.people.len(), 3);
        assert_eq!(linked.uncovered_styles, [S::Analytical]);
        let chair = linked.people.iter().find(|p| p.person_id == kol).unwrap();
        assert!(chair.linked && chair.style.is_none() && !chair.covered);
        assert_eq!(chair.role, "Chair of the tender commission");

        let alerts = store.coverage_alerts(today).unwrap();
        let weak: Vec<i64> = alerts[0].weak.iter().map(|p| p.person_id).collect();
        assert_eq!((alerts[0].nobody, weak.len()), (false, 2));
        assert!(weak.contains(&analyst) && weak.contains(&kol));
        assert!(store.coverage_alerts(d(2027, 8, 1)).unwrap().is_empty(), "more than six weeks ahead: no alert yet");
        assert!(store.coverage_alerts(d(2027, 9, 22)).unwrap().is_empty(), "after the deadline: too late to alert");
        assert_eq!(store.link_tender_person(t.id, 4242, "").unwrap_err().code(), "not_found");

        let t = store.unlink_tender_person(t.id, kol).unwrap();
        assert_eq!(t.people.len(), 2);
    }

    #[test]
    fn the_overview_has_every_tender_with_products_value_and_milestones() {
        let (_dir, mut store, buyer) = setup();
        let mut t = input(buyer);
        t.owner = "Liisa".into();
        t.lots = vec![
            LotInput {
                inn: "insulin glargine".into(),
                quantity: 100.0,
                our_price_minor: Some(250),
                ..Default::default()
            },
            LotInput {
                inn: "insulin aspart".into(),
                quantity: 10.0,
                max_price_minor: Some(1_000),
                ..Default::default()
            },
        ];
        let saved = store.create_tender(&t, Source::User).unwrap();
        let rows = store.tender_overview(None).unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].products, ["insulin glargine", "insulin aspart"]);
        assert_eq!(rows[0].value_minor, 100 * 250 + 10 * 1_000);
        assert_eq!(rows[0].milestones, saved.milestones);
        assert_eq!(rows[0].owner, "Liisa");
        assert!(store.tender_overview(Some(buyer + 1)).unwrap().is_empty());
        assert_eq!(store.tender_overview(Some(buyer)).unwrap().len(), 1);
    }

    #[test]
    fn win_loss_reads_the_decided_tenders_within_the_period() {
        let (_dir, mut store, buyer) = setup();
        let won = store.create_tender(&input(buyer), Source::User).unwrap();
        let outcome = Outcome { award_date: Some(d(2027, 10, 20)), ..Default::default() };
        store.set_tender_status(won.id, TenderStatus::Won, &outcome, "").unwrap();
        let mut other = input(buyer);
        other.title = "Insulins, second round".into();
        other.lots[0].our_price_minor = Some(120);
        let lost = store.create_tender(&other, Source::User).unwrap();
        let outcome = Outcome {
            award_date: Some(d(2028, 2, 1)),
            winner: "Medeco Oy".into(),
            winning_price_minor: Some(100),
            loss_reason: "Price".into(),
        };
        store.set_tender_status(lost.id, TenderStatus::Lost, &outcome, "").unwrap();
        let all = store.tender_win_loss(None, None).unwrap();
        assert_eq!((all.won.count, all.lost.count), (1, 1));
        assert_eq!(all.lost.value_minor, 12_000 * 120);
        assert_eq!(all.prices.len(), 1);
        let in_2027 = store.tender_win_loss(Some(d(2027, 1, 1)), Some(d(2027, 12, 31))).unwrap();
        assert_eq!((in_2027.won.count, in_2027.lost.count), (1, 0));
    }

    #[test]
    fn reminders_come_once_per_date_and_again_after_a_move() {
        let (_dir, mut store, buyer) = setup();
        let t = store.create_tender(&input(buyer), Source::User).unwrap();
        let today = d(2027, 8, 29); // the announcement is on 1 Sep
        let due = store.due_reminders(today, 3).unwrap();
        assert_eq!(due.iter().map(|c| c.kind).collect::<Vec<_>>(), [MilestoneKind::Announcement]);
        assert!(store.due_reminders(today, 2).unwrap().is_empty());
        assert!(store.due_reminders(today, 0).unwrap().is_empty(), "0 days: notifications off");
        let (title, body) = due[0].reminder(today, crate::types::Language::English);
        assert_eq!(
            (title.as_str(), body.as_str()),
            ("Announcement in 3 days (1.9.2027)", "Insulins 2028 — Järvimaa Hospital District")
        );
        let (title, _) = due[0].reminder(d(2027, 8, 31), crate::types::Language::Finnish);
        assert_eq!(title, "Tarjouspyyntö julkaistaan huomenna");
        store.mark_reminded(&due).unwrap();
        assert!(store.due_reminders(today, 3).unwrap().is_empty(), "shown once");
        store.move_milestone(t.id, MilestoneKind::Announcement, d(2027, 8, 31)).unwrap();
        assert_eq!(store.due_reminders(today, 3).unwrap().len(), 1, "a new date reminds again");
        store.set_tender_status(t.id, TenderStatus::Cancelled, &Outcome::default(), "").unwrap();
        assert!(store.due_reminders(today, 3).unwrap().is_empty(), "a closed tender reminds of nothing");
    }

    #[test]
    fn a_tender_list_imports_what_it_can_and_says_why_not_for_the_rest() {
        let (dir, mut store, _buyer) = setup();
        let path = dir.path().join("tenders.csv");
        std::fs::write(
            &path,
            "Title;Buyer;Procedure;Reference;Announcement;Submission deadline;INN;Quantity;Max price\n\
             Insulins 2028;Järvimaa Hospital District;Electronic auction;JHD/27/1;2027-09-01;2027-09-24;insulin glargine;12000;24.50\n\
             Insulins 2028;Järvimaa Hospital District;Electronic auction;JHD/27/1;2027-09-01;2027-09-24;insulin aspart;3000;19.90\n\
             Statins;Unknown Hospital;Open tender;X/1;2027-10-01;;atorvastatin;500;\n\
             Late auction;Järvimaa Hospital District;Electronic auction;JHD/27/2;2027-09-01;2027-12-24;insulin lispro;1;\n",
        )
        .unwrap();
        let options = TenderListOptions::default();
        let seen = store.inspect_tender_list(&path, &options).unwrap();
        assert_eq!((seen.created, seen.skipped), (1, 2));
        assert!(seen.tenders[1].message.as_deref().unwrap().contains("No account is called “Unknown Hospital”"));
        let late = seen.tenders[2].message.as_deref().unwrap();
        assert!(late.contains("cannot come before"), "{late}");
        assert_eq!(count(&store, "SELECT count(*) FROM tenders"), 0, "inspecting saves nothing");

        store.import_tender_list(&path, &options).unwrap();
        let rows = store.tender_overview(None).unwrap();
        assert_eq!(rows.len(), 1);
        let t = store.tender(rows[0].id).unwrap();
        assert_eq!((t.lots.len(), t.procedure), (2, Procedure::ElectronicAuction));
        let submission = t.milestones.iter().find(|m| m.kind == MilestoneKind::SubmissionDeadline).unwrap();
        assert_eq!((submission.date, submission.moved), (d(2027, 9, 24), true), "the list's deadline is kept");

        let again = store.inspect_tender_list(&path, &options).unwrap();
        assert_eq!(again.created, 0);
        assert_eq!(again.tenders[0].message.as_deref(), Some("This tender is already in Avain."));
    }
}
