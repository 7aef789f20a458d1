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
use crate::tenders::{
    apply_template, check_order, check_transition, ics, schedule, LotInput, Milestone, MilestoneKind, Outcome,
    Procedure, TemplateStep, TenderInput, TenderStatus,
};
use crate::types::{Ref, Source};
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
    pub notes: String,
    pub lots: Vec<Lot>,
    pub milestones: Vec<PlannedMilestone>,
    pub documents: Vec<TenderDocument>,
    pub history: Vec<StatusChange>,
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
            "INSERT INTO tender_lots (tender_id, position, sku_id, inn, form, quantity, max_price_minor, our_price_minor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![tender_id, i as i64, l.sku_id, l.inn, l.form, l.quantity, l.max_price_minor, l.our_price_minor],
        )?;
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

/// Inserts a validated tender with its lots, planned milestones and document checklist (inside the caller's
/// transaction). Returns its id.
pub(crate) fn insert_tender(conn: &Connection, input: &TenderInput, source: Source) -> Result<i64> {
    let v = input.validate()?;
    let buyer = v.buyer_id.unwrap_or_default();
    require_account(conn, buyer)?;
    let procedure = v.procedure.unwrap_or(Procedure::OpenTender);
    let planned = match (v.milestones.is_empty(), v.expected_announcement) {
        (false, _) => v.milestones.clone(),
        (true, Some(a)) => apply_template(&[], a, &template(conn, procedure)?),
        (true, None) => vec![],
    };
    check_order(&planned)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO tenders (buyer_id, title, procedure, reference, expected_announcement, notes, source,
            created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![buyer, v.title, text_of(procedure), v.reference, v.expected_announcement, v.notes, source, now],
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

impl Store {
    /// The plan template of a procedure: as edited in Settings, else the built-in one.
    pub fn tender_template(&self, procedure: Procedure) -> Result<Vec<TemplateStep>> {
        template(&self.conn, procedure)
    }

    /// Replaces a procedure's template (`None` goes back to the built-in one). Tenders already planned keep their
    /// dates until they are rescheduled.
    pub fn set_tender_template(&mut self, procedure: Procedure, steps: Option<&[TemplateStep]>) -> Result<()> {
        match steps {
            Some(steps) => {
                if steps.is_empty() {
                    return Err(Error::invalid("required", "steps", "A plan template needs at least one step."));
                }
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
        let tx = self.conn.transaction()?;
        tx.execute(
            "UPDATE tenders SET buyer_id = ?2, title = ?3, procedure = ?4, reference = ?5, expected_announcement = ?6,
                notes = ?7, updated_at = ?8 WHERE id = ?1",
            params![
                id,
                v.buyer_id,
                v.title,
                text_of(v.procedure.unwrap_or(Procedure::OpenTender)),
                v.reference,
                v.expected_announcement,
                v.notes,
                now_timestamp()
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

    pub fn tender(&self, id: i64) -> Result<Tender> {
        let conn = &self.conn;
        let mut tender = conn
            .query_row(
                "SELECT t.id, t.buyer_id, a.name, t.title, t.procedure, t.reference, t.expected_announcement, t.status,
                        t.award_date, t.winner, t.winning_price_minor, t.loss_reason, t.notes
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
                        lots: vec![],
                        milestones: vec![],
                        documents: vec![],
                        history: vec![],
                    })
                },
            )
            .optional()?
            .ok_or(Error::NotFound { what: "The tender", id })?;
        let mut stmt = conn.prepare(
            "SELECT l.id, l.sku_id, s.name, l.inn, l.form, l.quantity, l.max_price_minor, l.our_price_minor
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
            })
        })?;
        tender.lots = rows.collect::<rusqlite::Result<_>>()?;
        tender.milestones = milestones(conn, id)?
            .into_iter()
            .map(|m| PlannedMilestone {
                warning: m.warning(),
                hard: m.kind.is_hard_deadline(),
                kind: m.kind,
                date: m.date,
                done: m.done,
                moved: m.moved,
            })
            .collect();
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
        store.set_tender_template(Procedure::ElectronicAuction, Some(&steps)).unwrap();
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
}
