//! Storage of people, their affiliations to accounts, and decision-group memberships.

use chrono::NaiveDate;
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::accounts::require_account;
use super::network::insert_change;
use super::{now_timestamp, Store};
use crate::error::{Error, Result};
use crate::interactions::{InteractionFilter, TaskFilter};
use crate::network::ProfileChange;
use crate::people::{
    full_name, Affiliation, AffiliationInput, Consent, MemberCard, MemberInput, Membership, NewMemberInput, Person,
    PersonDetail, PersonFilter, PersonInput, PersonRow, Personal, ValidPerson,
};
use crate::types::{RelationshipStage, Source};
use crate::validate;

const PERSON_COLUMNS: &str = "id, first_name, last_name, title, email, phone, notes, relationship_stage,
    consent_date, consent_method, consent_note, birthday, family, hobbies, personal_values, preferred_channel,
    source, created_at, updated_at";

fn person_from_row(r: &Row) -> rusqlite::Result<Person> {
    let consent = match (r.get::<_, Option<String>>(8)?, r.get(9)?) {
        (Some(date), Some(method)) => Some(Consent { date, method, note: r.get(10)? }),
        _ => None,
    };
    let personal = match consent {
        Some(_) => Some(Personal {
            birthday: r.get(11)?,
            family: r.get(12)?,
            hobbies: r.get(13)?,
            values: r.get(14)?,
            preferred_channel: r.get(15)?,
        }),
        None => None,
    };
    Ok(Person {
        id: r.get(0)?,
        first_name: r.get(1)?,
        last_name: r.get(2)?,
        title: r.get(3)?,
        email: r.get(4)?,
        phone: r.get(5)?,
        notes: r.get(6)?,
        relationship_stage: r.get(7)?,
        consent,
        personal,
        source: r.get(16)?,
        created_at: r.get(17)?,
        updated_at: r.get(18)?,
    })
}

/// SQL for the full name of the person row `alias` ("First Last", or "Last" without a first name), the same as
/// [`full_name`].
pub(crate) fn name_sql(alias: &str) -> String {
    format!("CASE WHEN {alias}.first_name = '' THEN {alias}.last_name ELSE {alias}.first_name || ' ' || {alias}.last_name END")
}

pub(crate) fn find_person(conn: &Connection, id: i64) -> Result<Person> {
    conn.query_row(&format!("SELECT {PERSON_COLUMNS} FROM people WHERE id = ?1"), [id], person_from_row)
        .optional()?
        .ok_or(Error::NotFound { what: "The person", id })
}

pub(crate) fn require_person(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT first_name, last_name FROM people WHERE id = ?1", [id], |r| {
        Ok(full_name(&r.get::<_, String>(0)?, &r.get::<_, String>(1)?))
    })
    .optional()?
    .ok_or(Error::NotFound { what: "The person", id })
}

/// Inserts a person; a relationship stage beyond "no contact" starts their history on `today`.
pub(crate) fn insert_person(conn: &Connection, v: &ValidPerson, today: NaiveDate, source: Source) -> Result<i64> {
    let now = now_timestamp();
    let (consent_date, consent_method, consent_note) = consent_columns(v);
    conn.execute(
        "INSERT INTO people (first_name, last_name, title, email, phone, notes, relationship_stage, consent_date,
            consent_method, consent_note, birthday, family, hobbies, personal_values, preferred_channel, source,
            created_at, updated_at)
         VALUES (:first, :last, :title, :email, :phone, :notes, :stage, :cdate, :cmethod, :cnote, :birthday,
            :family, :hobbies, :values, :channel, :source, :now, :now)",
        named_params! {
            ":first": v.first_name, ":last": v.last_name, ":title": v.title, ":email": v.email, ":phone": v.phone,
            ":notes": v.notes, ":stage": v.relationship_stage, ":cdate": consent_date, ":cmethod": consent_method,
            ":cnote": consent_note, ":birthday": v.birthday, ":family": v.family, ":hobbies": v.hobbies,
            ":values": v.values, ":channel": v.preferred_channel, ":source": source, ":now": now,
        },
    )?;
    let id = conn.last_insert_rowid();
    if v.relationship_stage != RelationshipStage::NoContact {
        insert_change(conn, id, ProfileChange::Stage(v.relationship_stage), today, "", source)?;
    }
    Ok(id)
}

fn consent_columns(v: &ValidPerson) -> (Option<NaiveDate>, Option<crate::types::ConsentMethod>, String) {
    match &v.consent {
        Some((date, method, note)) => (Some(*date), Some(*method), note.clone()),
        None => (None, None, String::new()),
    }
}

const AFFILIATION_SELECT: &str = "SELECT f.id, f.person_id, p.first_name, p.last_name, f.account_id, a.name,
        f.position, f.department, f.start_date, f.end_date,
        (f.end_date IS NULL OR f.end_date >= date('now', 'localtime')) AS current
    FROM affiliations f JOIN people p ON p.id = f.person_id JOIN accounts a ON a.id = f.account_id";

fn affiliation_from_row(r: &Row) -> rusqlite::Result<Affiliation> {
    Ok(Affiliation {
        id: r.get(0)?,
        person_id: r.get(1)?,
        person_name: full_name(&r.get::<_, String>(2)?, &r.get::<_, String>(3)?),
        account_id: r.get(4)?,
        account_name: r.get(5)?,
        position: r.get(6)?,
        department: r.get(7)?,
        start_date: r.get(8)?,
        end_date: r.get(9)?,
        current: r.get(10)?,
    })
}

const MEMBER_SELECT: &str = "SELECT m.id, m.account_id, m.person_id, p.first_name, p.last_name,
        COALESCE((SELECT f.position FROM affiliations f
                  WHERE f.person_id = m.person_id AND f.account_id = m.account_id AND f.position <> ''
                  ORDER BY f.end_date IS NOT NULL, f.start_date DESC LIMIT 1), p.title),
        m.buying_role, m.decision_style, p.relationship_stage, m.notes,
        (SELECT max(i.date) FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
         WHERE ip.person_id = m.person_id AND i.status = 'done')
    FROM decision_group_members m JOIN people p ON p.id = m.person_id";

fn member_from_row(r: &Row) -> rusqlite::Result<MemberCard> {
    Ok(MemberCard {
        id: r.get(0)?,
        account_id: r.get(1)?,
        person_id: r.get(2)?,
        person_name: full_name(&r.get::<_, String>(3)?, &r.get::<_, String>(4)?),
        position: r.get(5)?,
        buying_role: r.get(6)?,
        decision_style: r.get(7)?,
        relationship_stage: r.get(8)?,
        notes: r.get(9)?,
        last_contact: r.get(10)?,
    })
}

fn insert_affiliation(conn: &Connection, input: &AffiliationInput) -> Result<i64> {
    let v = input.validate()?;
    require_person(conn, input.person_id)?;
    require_account(conn, input.account_id)?;
    conn.execute(
        "INSERT INTO affiliations (person_id, account_id, position, department, start_date, end_date, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![input.person_id, input.account_id, v.position, v.department, v.start_date, v.end_date, now_timestamp()],
    )?;
    Ok(conn.last_insert_rowid())
}

fn insert_member(conn: &Connection, input: &MemberInput, source: Source) -> Result<i64> {
    require_account(conn, input.account_id)?;
    let name = require_person(conn, input.person_id)?;
    let notes = validate::long_text(&input.notes, "notes", "Notes")?;
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM decision_group_members WHERE account_id = ?1 AND person_id = ?2",
            [input.account_id, input.person_id],
            |r| r.get(0),
        )
        .optional()?;
    if existing.is_some() {
        return Err(Error::Conflict {
            code: "already_member",
            field: "person_id",
            message: format!("{name} is already in this decision group; edit their card instead."),
        });
    }
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO decision_group_members (account_id, person_id, buying_role, decision_style, notes, source,
            created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![input.account_id, input.person_id, input.buying_role, input.decision_style, notes, source, now],
    )?;
    Ok(conn.last_insert_rowid())
}

impl Store {
    pub fn create_person(&mut self, input: &PersonInput, today: NaiveDate, source: Source) -> Result<Person> {
        let v = input.validate(today)?;
        let tx = self.conn.transaction()?;
        let id = insert_person(&tx, &v, today, source)?;
        tx.commit()?;
        self.announce("person", Some(id), "created", source);
        find_person(&self.conn, id)
    }

    /// Saves the whole person form. Withdrawing consent requires the personal section to be emptied in the same
    /// save, so personal data never outlives consent.
    pub fn update_person(&mut self, id: i64, input: &PersonInput, today: NaiveDate, source: Source) -> Result<Person> {
        let v = input.validate(today)?;
        require_person(&self.conn, id)?;
        let (consent_date, consent_method, consent_note) = consent_columns(&v);
        let tx = self.conn.transaction()?;
        let stage: RelationshipStage =
            tx.query_row("SELECT relationship_stage FROM people WHERE id = ?1", [id], |r| r.get(0))?;
        tx.execute(
            "UPDATE people SET first_name = :first, last_name = :last, title = :title, email = :email,
                phone = :phone, notes = :notes, relationship_stage = :stage, consent_date = :cdate,
                consent_method = :cmethod, consent_note = :cnote, birthday = :birthday, family = :family,
                hobbies = :hobbies, personal_values = :values, preferred_channel = :channel, updated_at = :now
             WHERE id = :id",
            named_params! {
                ":id": id, ":first": v.first_name, ":last": v.last_name, ":title": v.title, ":email": v.email,
                ":phone": v.phone, ":notes": v.notes, ":stage": v.relationship_stage, ":cdate": consent_date,
                ":cmethod": consent_method, ":cnote": consent_note, ":birthday": v.birthday, ":family": v.family,
                ":hobbies": v.hobbies, ":values": v.values, ":channel": v.preferred_channel, ":now": now_timestamp(),
            },
        )?;
        // A new stage chosen in the form counts from today.
        if stage != v.relationship_stage {
            insert_change(&tx, id, ProfileChange::Stage(v.relationship_stage), today, "", source)?;
        }
        tx.commit()?;
        self.announce("person", Some(id), "updated", source);
        find_person(&self.conn, id)
    }

    pub fn delete_person(&mut self, id: i64, source: Source) -> Result<()> {
        require_person(&self.conn, id)?;
        self.conn.execute("DELETE FROM people WHERE id = ?1", [id])?;
        self.announce("person", Some(id), "deleted", source);
        Ok(())
    }

    pub fn person(&self, id: i64) -> Result<Person> {
        find_person(&self.conn, id)
    }

    pub fn list_people(&self, filter: &PersonFilter) -> Result<Vec<PersonRow>> {
        let text = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{t}%"));
        let mut stmt = self.conn.prepare_cached(
            "SELECT p.id, p.first_name, p.last_name, p.title, p.relationship_stage, p.consent_date IS NOT NULL,
                    p.email, p.phone,
                    (SELECT group_concat(name, ', ') FROM (
                        SELECT DISTINCT a.name FROM affiliations f JOIN accounts a ON a.id = f.account_id
                        WHERE f.person_id = p.id AND (f.end_date IS NULL OR f.end_date >= date('now', 'localtime'))
                        ORDER BY a.name)),
                    (SELECT max(i.date) FROM interaction_people ip JOIN interactions i ON i.id = ip.interaction_id
                     WHERE ip.person_id = p.id AND i.status = 'done')
             FROM people p
             WHERE (:text IS NULL OR (p.first_name || ' ' || p.last_name) LIKE :text OR p.title LIKE :text)
               AND (:stage IS NULL OR p.relationship_stage = :stage)
               AND (:account IS NULL OR EXISTS (SELECT 1 FROM affiliations f WHERE f.person_id = p.id
                                                AND f.account_id = :account)
                                     OR EXISTS (SELECT 1 FROM decision_group_members m WHERE m.person_id = p.id
                                                AND m.account_id = :account))
             ORDER BY p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE",
        )?;
        let rows = stmt.query_map(
            named_params! { ":text": text, ":stage": filter.relationship_stage, ":account": filter.account_id },
            |r| {
                Ok(PersonRow {
                    id: r.get(0)?,
                    name: full_name(&r.get::<_, String>(1)?, &r.get::<_, String>(2)?),
                    title: r.get(3)?,
                    relationship_stage: r.get(4)?,
                    has_consent: r.get(5)?,
                    email: r.get(6)?,
                    phone: r.get(7)?,
                    accounts: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                    last_contact: r.get(9)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn person_detail(&self, id: i64) -> Result<PersonDetail> {
        let person = find_person(&self.conn, id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "{AFFILIATION_SELECT} WHERE f.person_id = ?1 ORDER BY current DESC, f.start_date DESC"
        ))?;
        let affiliations = stmt.query_map([id], affiliation_from_row)?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.account_id, a.name, m.buying_role, m.decision_style, m.notes
             FROM decision_group_members m JOIN accounts a ON a.id = m.account_id
             WHERE m.person_id = ?1 ORDER BY a.name COLLATE NOCASE",
        )?;
        let memberships = stmt
            .query_map([id], |r| {
                Ok(Membership {
                    id: r.get(0)?,
                    account_id: r.get(1)?,
                    account_name: r.get(2)?,
                    buying_role: r.get(3)?,
                    decision_style: r.get(4)?,
                    notes: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(PersonDetail {
            person,
            affiliations,
            memberships,
            interactions: self.list_interactions(&InteractionFilter {
                person_id: Some(id),
                limit: Some(200),
                ..Default::default()
            })?,
            tasks: self.list_tasks(&TaskFilter { person_id: Some(id), ..Default::default() })?,
        })
    }

    pub fn add_affiliation(&mut self, input: &AffiliationInput, source: Source) -> Result<i64> {
        let id = insert_affiliation(&self.conn, input)?;
        self.announce("person", Some(input.person_id), "updated", source);
        Ok(id)
    }

    pub fn update_affiliation(&mut self, id: i64, input: &AffiliationInput, source: Source) -> Result<()> {
        let v = input.validate()?;
        let person_id: i64 = self
            .conn
            .query_row("SELECT person_id FROM affiliations WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The affiliation", id })?;
        require_account(&self.conn, input.account_id)?;
        self.conn.execute(
            "UPDATE affiliations SET account_id = ?2, position = ?3, department = ?4, start_date = ?5, end_date = ?6
             WHERE id = ?1",
            params![id, input.account_id, v.position, v.department, v.start_date, v.end_date],
        )?;
        self.announce("person", Some(person_id), "updated", source);
        Ok(())
    }

    pub fn delete_affiliation(&mut self, id: i64, source: Source) -> Result<()> {
        let person_id: Option<i64> = self
            .conn
            .query_row("DELETE FROM affiliations WHERE id = ?1 RETURNING person_id", [id], |r| r.get(0))
            .optional()?;
        let person_id = person_id.ok_or(Error::NotFound { what: "The affiliation", id })?;
        self.announce("person", Some(person_id), "updated", source);
        Ok(())
    }

    pub fn affiliations_of_account(&self, account_id: i64) -> Result<Vec<Affiliation>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{AFFILIATION_SELECT} WHERE f.account_id = ?1
             ORDER BY current DESC, p.last_name COLLATE NOCASE, p.first_name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([account_id], affiliation_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn decision_group(&self, account_id: i64) -> Result<Vec<MemberCard>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{MEMBER_SELECT} WHERE m.account_id = ?1
             ORDER BY CASE m.buying_role WHEN 'decision_maker' THEN 0 WHEN 'approver' THEN 1 WHEN 'champion' THEN 2
                      WHEN 'influencer' THEN 3 WHEN 'technical_evaluator' THEN 4 WHEN 'gatekeeper' THEN 5 ELSE 6 END,
                      p.last_name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([account_id], member_from_row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn member_card(&self, id: i64) -> Result<MemberCard> {
        self.conn
            .query_row(&format!("{MEMBER_SELECT} WHERE m.id = ?1"), [id], member_from_row)
            .optional()?
            .ok_or(Error::NotFound { what: "The decision-group member", id })
    }

    pub fn add_member(&mut self, input: &MemberInput, source: Source) -> Result<MemberCard> {
        let id = insert_member(&self.conn, input, source)?;
        self.announce("account", Some(input.account_id), "updated", source);
        self.member_card(id)
    }

    /// Creates a new person, affiliates them with the account (position = their title) and adds them to its
    /// decision group, all in one transaction.
    pub fn add_new_member(&mut self, input: &NewMemberInput, today: NaiveDate, source: Source) -> Result<MemberCard> {
        let v = input.person.validate(today)?;
        let tx = self.conn.transaction()?;
        require_account(&tx, input.account_id)?;
        let person_id = insert_person(&tx, &v, today, source)?;
        insert_affiliation(
            &tx,
            &AffiliationInput {
                person_id,
                account_id: input.account_id,
                position: v.title.clone(),
                ..Default::default()
            },
        )?;
        let member = MemberInput {
            account_id: input.account_id,
            person_id,
            buying_role: input.buying_role,
            decision_style: input.decision_style,
            notes: input.notes.clone(),
        };
        let id = insert_member(&tx, &member, source)?;
        tx.commit()?;
        self.announce("person", Some(person_id), "created", source);
        self.announce("account", Some(input.account_id), "updated", source);
        self.member_card(id)
    }

    pub fn update_member(&mut self, id: i64, input: &MemberInput, source: Source) -> Result<MemberCard> {
        let notes = validate::long_text(&input.notes, "notes", "Notes")?;
        let account_id: i64 = self
            .conn
            .query_row("SELECT account_id FROM decision_group_members WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The decision-group member", id })?;
        self.conn.execute(
            "UPDATE decision_group_members SET buying_role = ?2, decision_style = ?3, notes = ?4, updated_at = ?5
             WHERE id = ?1",
            params![id, input.buying_role, input.decision_style, notes, now_timestamp()],
        )?;
        self.announce("account", Some(account_id), "updated", source);
        self.member_card(id)
    }

    pub fn remove_member(&mut self, id: i64, source: Source) -> Result<()> {
        let account_id: Option<i64> = self
            .conn
            .query_row("DELETE FROM decision_group_members WHERE id = ?1 RETURNING account_id", [id], |r| r.get(0))
            .optional()?;
        let account_id = account_id.ok_or(Error::NotFound { what: "The decision-group member", id })?;
        self.announce("account", Some(account_id), "updated", source);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use crate::accounts::AccountInput;
    use crate::people::{AffiliationInput, Consent, MemberInput, NewMemberInput, PersonFilter, PersonInput, Personal};
    use crate::types::{AccountKind, BuyingRole, ConsentMethod, DecisionStyle, Source};
    use crate::Store;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn setup() -> (tempfile::TempDir, Store, i64, i64) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let h1 = store
            .create_account(
                &AccountInput {
                    name: "Kivilahti Hospital".into(),
                    kind: Some(AccountKind::Hospital),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let h2 = store
            .create_account(
                &AccountInput {
                    name: "Rantamäki Hospital".into(),
                    kind: Some(AccountKind::Hospital),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        (dir, store, h1.id, h2.id)
    }

    fn anna() -> PersonInput {
        PersonInput {
            first_name: "Anna".into(),
            last_name: "Virtanen".into(),
            title: "Chief physician".into(),
            ..Default::default()
        }
    }

    #[test]
    fn one_person_plays_different_roles_in_different_accounts() {
        let (_dir, mut store, h1, h2) = setup();
        let anna = store.create_person(&anna(), today(), Source::User).unwrap();
        for (account_id, role, style) in [
            (h1, BuyingRole::DecisionMaker, DecisionStyle::Executive),
            (h2, BuyingRole::Influencer, DecisionStyle::Analytical),
        ] {
            store
                .add_member(
                    &MemberInput {
                        account_id,
                        person_id: anna.id,
                        buying_role: role,
                        decision_style: style,
                        notes: String::new(),
                    },
                    Source::User,
                )
                .unwrap();
        }
        assert_eq!(store.decision_group(h1).unwrap()[0].buying_role, BuyingRole::DecisionMaker);
        assert_eq!(store.decision_group(h2).unwrap()[0].decision_style, DecisionStyle::Analytical);
        let again = MemberInput {
            account_id: h1,
            person_id: anna.id,
            buying_role: BuyingRole::User,
            decision_style: DecisionStyle::Technical,
            notes: String::new(),
        };
        assert_eq!(store.add_member(&again, Source::User).unwrap_err().code(), "already_member");
        assert_eq!(store.person_detail(anna.id).unwrap().memberships.len(), 2);
    }

    #[test]
    fn affiliations_record_moves_between_accounts() {
        let (_dir, mut store, h1, h2) = setup();
        let anna = store.create_person(&anna(), today(), Source::User).unwrap();
        store
            .add_affiliation(
                &AffiliationInput {
                    person_id: anna.id,
                    account_id: h1,
                    position: "Head of cardiology".into(),
                    start_date: Some("2015-01-01".into()),
                    end_date: Some("2024-12-31".into()),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        store
            .add_affiliation(
                &AffiliationInput {
                    person_id: anna.id,
                    account_id: h2,
                    position: "Chief physician".into(),
                    start_date: Some("2025-01-01".into()),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let detail = store.person_detail(anna.id).unwrap();
        assert_eq!(detail.affiliations.len(), 2);
        assert!(detail.affiliations[0].current);
        assert_eq!(detail.affiliations[0].account_id, h2);
        assert!(!detail.affiliations[1].current);
        let rows = store.list_people(&PersonFilter::default()).unwrap();
        assert_eq!(rows[0].accounts, "Rantamäki Hospital");
        let bad = AffiliationInput {
            person_id: anna.id,
            account_id: h1,
            start_date: Some("2025-01-01".into()),
            end_date: Some("2024-01-01".into()),
            ..Default::default()
        };
        assert_eq!(store.add_affiliation(&bad, Source::User).unwrap_err().code(), "end_before_start");
        assert_eq!(
            store
                .add_affiliation(
                    &AffiliationInput { person_id: anna.id, account_id: 999, ..Default::default() },
                    Source::User
                )
                .unwrap_err()
                .code(),
            "not_found"
        );
    }

    #[test]
    fn a_birthday_without_consent_saves_nothing_and_withdrawing_consent_erases_personal_data() {
        let (_dir, mut store, _, _) = setup();
        let mut input = anna();
        input.personal = Personal { birthday: Some("1971-05-04".into()), ..Default::default() };
        assert_eq!(store.create_person(&input, today(), Source::User).unwrap_err().code(), "consent_required");
        assert!(store.list_people(&PersonFilter::default()).unwrap().is_empty());

        input.consent =
            Some(Consent { date: "2026-10-01".into(), method: ConsentMethod::Written, note: "signed form".into() });
        input.personal.hobbies = "Sailing".into();
        let p = store.create_person(&input, today(), Source::User).unwrap();
        assert_eq!(p.personal.as_ref().unwrap().birthday.as_deref(), Some("1971-05-04"));

        // Withdrawing consent but keeping the details is refused...
        let mut withdrawn = input.clone();
        withdrawn.consent = None;
        assert_eq!(
            store.update_person(p.id, &withdrawn, today(), Source::User).unwrap_err().code(),
            "consent_required"
        );
        // ...and with the section emptied, nothing personal is left in the database.
        withdrawn.personal = Personal::default();
        let p = store.update_person(p.id, &withdrawn, today(), Source::User).unwrap();
        assert!(p.personal.is_none());
        let hobbies: String =
            store.conn.query_row("SELECT hobbies FROM people WHERE id = ?1", [p.id], |r| r.get(0)).unwrap();
        assert_eq!(hobbies, "");
    }

    #[test]
    fn a_new_member_is_saved_whole_or_not_at_all() {
        let (_dir, mut store, h1, _) = setup();
        let card = store
            .add_new_member(
                &NewMemberInput {
                    account_id: h1,
                    person: anna(),
                    buying_role: BuyingRole::DecisionMaker,
                    decision_style: DecisionStyle::Executive,
                    notes: String::new(),
                },
                today(),
                Source::User,
            )
            .unwrap();
        assert_eq!(card.person_name, "Anna Virtanen");
        assert_eq!(card.position, "Chief physician");
        let dossier = store.account_dossier(h1).unwrap();
        assert_eq!(dossier.decision_group.len(), 1);
        let covered: Vec<_> = dossier.style_coverage.iter().filter(|c| c.members > 0).map(|c| c.style).collect();
        assert_eq!(covered, [DecisionStyle::Executive]);
        assert_eq!(dossier.style_coverage.len(), 4);
        assert_eq!(dossier.people.len(), 1);

        let missing_account = NewMemberInput {
            account_id: 999,
            person: anna(),
            buying_role: BuyingRole::User,
            decision_style: DecisionStyle::Technical,
            notes: String::new(),
        };
        assert_eq!(store.add_new_member(&missing_account, today(), Source::User).unwrap_err().code(), "not_found");
        assert_eq!(store.list_people(&PersonFilter::default()).unwrap().len(), 1);
    }
}
