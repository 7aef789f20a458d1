//! Storage of accounts: create, update, delete, the filtered list and the dossier.

use rusqlite::{named_params, params, Connection, OptionalExtension, Row};

use super::{now_timestamp, Store};
use crate::accounts::{
    name_key, style_coverage, Account, AccountDossier, AccountFacets, AccountFilter, AccountInput, AccountRow,
    Criterion, KeyCriteria, ValidAccount,
};
use crate::error::{Error, Result};
use crate::interactions::{InteractionFilter, TaskFilter};
use crate::types::{Ref, Source};

const ACCOUNT_COLUMNS: &str = "a.id, a.name, a.kind, a.parent_id, p.name, a.region, a.owner, a.status,
    a.crit_opinion, a.crit_opinion_note, a.crit_profit, a.crit_profit_note, a.crit_growth, a.crit_growth_note,
    a.crit_partner, a.crit_partner_note, a.credit_limit_minor, a.currency, a.payment_terms_days,
    a.credit_check_date, a.credit_check_result, a.contract_start, a.contract_end, a.renegotiation_date, a.notes,
    a.source, a.created_at, a.updated_at";

fn account_from_row(r: &Row) -> rusqlite::Result<Account> {
    let parent = match (r.get::<_, Option<i64>>(3)?, r.get::<_, Option<String>>(4)?) {
        (Some(id), Some(name)) => Some(Ref { id, name }),
        _ => None,
    };
    let crit =
        |met: usize| -> rusqlite::Result<Criterion> { Ok(Criterion { met: r.get(met)?, note: r.get(met + 1)? }) };
    let criteria =
        KeyCriteria { opinion_leadership: crit(8)?, profit: crit(10)?, growth: crit(12)?, partnership: crit(14)? };
    Ok(Account {
        id: r.get(0)?,
        criteria_met: criteria.met_count(),
        name: r.get(1)?,
        kind: r.get(2)?,
        parent,
        region: r.get(5)?,
        owner: r.get(6)?,
        status: r.get(7)?,
        criteria,
        credit_limit_minor: r.get(16)?,
        currency: r.get(17)?,
        payment_terms_days: r.get(18)?,
        credit_check_date: r.get(19)?,
        credit_check_result: r.get(20)?,
        contract_start: r.get(21)?,
        contract_end: r.get(22)?,
        renegotiation_date: r.get(23)?,
        notes: r.get(24)?,
        source: r.get(25)?,
        created_at: r.get(26)?,
        updated_at: r.get(27)?,
    })
}

pub(crate) fn find_account(conn: &Connection, id: i64) -> Result<Account> {
    conn.query_row(
        &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id WHERE a.id = ?1"),
        [id],
        account_from_row,
    )
    .optional()?
    .ok_or(Error::NotFound { what: "The account", id })
}

pub(crate) fn require_account(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM accounts WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "The account", id })
}

/// Refuses a second account with the same name in the same region, and a parent that would make a loop.
fn check_place(conn: &Connection, id: Option<i64>, v: &ValidAccount) -> Result<()> {
    let clash: Option<String> = conn
        .query_row(
            "SELECT name FROM accounts WHERE name_key = ?1 AND region_key = ?2 AND id IS NOT ?3",
            params![name_key(&v.name), name_key(&v.region), id],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(existing) = clash {
        let place = if v.region.is_empty() { "with no region".to_string() } else { format!("in {}", v.region) };
        return Err(Error::Conflict {
            code: "duplicate_account",
            field: "name",
            message: format!(
                "There is already an account called \"{existing}\" {place}. Open that one, or give this one a \
                 distinguishing name."
            ),
        });
    }
    if let Some(parent_id) = v.parent_id {
        require_account(conn, parent_id).map_err(|_| {
            Error::invalid("missing_parent", "parent_id", "The chosen parent account no longer exists.")
        })?;
        // Walk up from the new parent; meeting this account on the way would make a loop.
        let mut cursor = Some(parent_id);
        let mut steps = 0;
        while let Some(current) = cursor {
            if Some(current) == id {
                return Err(Error::invalid(
                    "parent_loop",
                    "parent_id",
                    "An account cannot belong to itself or to one of its own sub-accounts.",
                ));
            }
            cursor = conn.query_row("SELECT parent_id FROM accounts WHERE id = ?1", [current], |r| r.get(0))?;
            steps += 1;
            if steps > 1000 {
                break;
            }
        }
    }
    Ok(())
}

pub(crate) fn insert_account(conn: &Connection, v: &ValidAccount, source: Source) -> Result<i64> {
    check_place(conn, None, v)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO accounts (name, name_key, kind, parent_id, region, region_key, owner, status,
            crit_opinion, crit_opinion_note, crit_profit, crit_profit_note, crit_growth, crit_growth_note,
            crit_partner, crit_partner_note, credit_limit_minor, currency, payment_terms_days, credit_check_date,
            credit_check_result, contract_start, contract_end, renegotiation_date, notes, source, created_at, updated_at)
         VALUES (:name, :name_key, :kind, :parent_id, :region, :region_key, :owner, :status,
            :co, :con, :cp, :cpn, :cg, :cgn, :cr, :crn, :credit, :currency, :terms, :check_date,
            :check_result, :start, :end, :reneg, :notes, :source, :now, :now)",
        named_params! {
            ":name": v.name, ":name_key": name_key(&v.name), ":kind": v.kind, ":parent_id": v.parent_id,
            ":region": v.region, ":region_key": name_key(&v.region), ":owner": v.owner, ":status": v.status,
            ":co": v.criteria.opinion_leadership.met, ":con": v.criteria.opinion_leadership.note,
            ":cp": v.criteria.profit.met, ":cpn": v.criteria.profit.note,
            ":cg": v.criteria.growth.met, ":cgn": v.criteria.growth.note,
            ":cr": v.criteria.partnership.met, ":crn": v.criteria.partnership.note,
            ":credit": v.credit_limit_minor, ":currency": v.currency, ":terms": v.payment_terms_days,
            ":check_date": v.credit_check_date, ":check_result": v.credit_check_result,
            ":start": v.contract_start, ":end": v.contract_end, ":reneg": v.renegotiation_date,
            ":notes": v.notes, ":source": source, ":now": now,
        },
    )?;
    Ok(conn.last_insert_rowid())
}

fn account_rows(
    conn: &Connection,
    where_sql: &str,
    params: &[(&str, &dyn rusqlite::ToSql)],
) -> Result<Vec<AccountRow>> {
    let sql = format!(
        "SELECT a.id, a.name, a.kind, p.name, a.region, a.owner, a.status,
                a.crit_opinion + a.crit_profit + a.crit_growth + a.crit_partner,
                (SELECT count(*) FROM decision_group_members m WHERE m.account_id = a.id),
                (SELECT count(*) FROM tasks t WHERE t.account_id = a.id AND t.done_at IS NULL),
                (SELECT max(i.date) FROM interactions i WHERE i.account_id = a.id AND i.status = 'done'),
                a.renegotiation_date
         FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id
         WHERE {where_sql}
         ORDER BY a.name COLLATE NOCASE"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params, |r| {
        Ok(AccountRow {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            parent_name: r.get(3)?,
            region: r.get(4)?,
            owner: r.get(5)?,
            status: r.get(6)?,
            criteria_met: r.get(7)?,
            decision_group_size: r.get(8)?,
            open_tasks: r.get(9)?,
            last_interaction: r.get(10)?,
            renegotiation_date: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    pub fn create_account(&mut self, input: &AccountInput, source: Source) -> Result<Account> {
        let v = input.validate()?;
        let id = insert_account(&self.conn, &v, source)?;
        self.announce("account", Some(id), "created", source);
        find_account(&self.conn, id)
    }

    pub fn update_account(&mut self, id: i64, input: &AccountInput, source: Source) -> Result<Account> {
        let v = input.validate()?;
        require_account(&self.conn, id)?;
        check_place(&self.conn, Some(id), &v)?;
        self.conn.execute(
            "UPDATE accounts SET name = :name, name_key = :name_key, kind = :kind, parent_id = :parent_id,
                region = :region, region_key = :region_key, owner = :owner, status = :status,
                crit_opinion = :co, crit_opinion_note = :con, crit_profit = :cp, crit_profit_note = :cpn,
                crit_growth = :cg, crit_growth_note = :cgn, crit_partner = :cr, crit_partner_note = :crn,
                credit_limit_minor = :credit, currency = :currency, payment_terms_days = :terms,
                credit_check_date = :check_date, credit_check_result = :check_result, contract_start = :start,
                contract_end = :end, renegotiation_date = :reneg, notes = :notes, updated_at = :now
             WHERE id = :id",
            named_params! {
                ":id": id, ":name": v.name, ":name_key": name_key(&v.name), ":kind": v.kind,
                ":parent_id": v.parent_id, ":region": v.region, ":region_key": name_key(&v.region),
                ":owner": v.owner, ":status": v.status,
                ":co": v.criteria.opinion_leadership.met, ":con": v.criteria.opinion_leadership.note,
                ":cp": v.criteria.profit.met, ":cpn": v.criteria.profit.note,
                ":cg": v.criteria.growth.met, ":cgn": v.criteria.growth.note,
                ":cr": v.criteria.partnership.met, ":crn": v.criteria.partnership.note,
                ":credit": v.credit_limit_minor, ":currency": v.currency, ":terms": v.payment_terms_days,
                ":check_date": v.credit_check_date, ":check_result": v.credit_check_result,
                ":start": v.contract_start, ":end": v.contract_end, ":reneg": v.renegotiation_date,
                ":notes": v.notes, ":now": now_timestamp(),
            },
        )?;
        self.announce("account", Some(id), "updated", source);
        find_account(&self.conn, id)
    }

    /// Deletes the account with its decision group, affiliations and open tasks. Interactions stay in the people's
    /// history, no longer tied to the account; sub-accounts lose their parent.
    pub fn delete_account(&mut self, id: i64, source: Source) -> Result<()> {
        require_account(&self.conn, id)?;
        self.conn.execute("DELETE FROM accounts WHERE id = ?1", [id])?;
        self.announce("account", Some(id), "deleted", source);
        Ok(())
    }

    pub fn account(&self, id: i64) -> Result<Account> {
        find_account(&self.conn, id)
    }

    pub fn list_accounts(&self, filter: &AccountFilter) -> Result<Vec<AccountRow>> {
        let text = filter.text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(|t| format!("%{t}%"));
        let region = filter.region.as_deref().filter(|r| !r.is_empty());
        let owner = filter.owner.as_deref().filter(|o| !o.is_empty());
        account_rows(
            &self.conn,
            "(:kind IS NULL OR a.kind = :kind) AND (:region IS NULL OR a.region = :region)
             AND (:status IS NULL OR a.status = :status) AND (:owner IS NULL OR a.owner = :owner)
             AND (:text IS NULL OR a.name LIKE :text)",
            named_params! {
                ":kind": filter.kind, ":region": region, ":status": filter.status, ":owner": owner, ":text": text,
            },
        )
    }

    pub fn account_facets(&self) -> Result<AccountFacets> {
        let distinct = |column: &str| -> Result<Vec<String>> {
            let mut stmt = self.conn.prepare(&format!(
                "SELECT DISTINCT {column} FROM accounts WHERE {column} <> '' ORDER BY {column} COLLATE NOCASE"
            ))?;
            let values = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            Ok(values)
        };
        Ok(AccountFacets { regions: distinct("region")?, owners: distinct("owner")? })
    }

    pub fn account_dossier(&self, id: i64) -> Result<AccountDossier> {
        let account = find_account(&self.conn, id)?;
        let decision_group = self.decision_group(id)?;
        Ok(AccountDossier {
            children: account_rows(&self.conn, "a.parent_id = :id", named_params! { ":id": id })?,
            style_coverage: style_coverage(&decision_group),
            decision_group,
            people: self.affiliations_of_account(id)?,
            interactions: self.list_interactions(&InteractionFilter {
                account_id: Some(id),
                limit: Some(200),
                ..Default::default()
            })?,
            tasks: self.list_tasks(&TaskFilter { account_id: Some(id), ..Default::default() })?,
            account,
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::accounts::{AccountFilter, AccountInput};
    use crate::types::{AccountKind, AccountStatus, Source};
    use crate::Store;

    fn hospital(name: &str, region: &str) -> AccountInput {
        AccountInput {
            name: name.into(),
            kind: Some(AccountKind::Hospital),
            region: region.into(),
            ..Default::default()
        }
    }

    #[test]
    fn accounts_are_saved_listed_and_filtered() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let mut key = hospital("Kivilahti Central Hospital", "Järvimaa");
        key.status = Some(AccountStatus::Key);
        key.criteria.profit.met = true;
        key.credit_limit_minor = Some(5_000_000);
        key.contract_end = Some("2027-06-30".into());
        let a = store.create_account(&key, Source::User).unwrap();
        assert_eq!(a.credit_limit_minor, Some(5_000_000));
        assert_eq!(a.contract_end.unwrap().to_string(), "2027-06-30");
        store.create_account(&hospital("Rantamäki Hospital", "Lehtovaara"), Source::User).unwrap();

        let all = store.list_accounts(&AccountFilter::default()).unwrap();
        assert_eq!(all.len(), 2);
        let keys =
            store.list_accounts(&AccountFilter { status: Some(AccountStatus::Key), ..Default::default() }).unwrap();
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].criteria_met, 1);
        let by_region =
            store.list_accounts(&AccountFilter { region: Some("Lehtovaara".into()), ..Default::default() }).unwrap();
        assert_eq!(by_region[0].name, "Rantamäki Hospital");
        let by_text = store.list_accounts(&AccountFilter { text: Some("kivi".into()), ..Default::default() }).unwrap();
        assert_eq!(by_text.len(), 1);
        assert_eq!(store.account_facets().unwrap().regions, vec!["Järvimaa", "Lehtovaara"]);
    }

    #[test]
    fn the_same_name_in_one_region_is_refused_but_allowed_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.create_account(&hospital("Kivilahti Hospital", "Järvimaa"), Source::User).unwrap();
        let err = store.create_account(&hospital("  kivilahti   HOSPITAL ", "järvimaa"), Source::User).unwrap_err();
        assert_eq!(err.code(), "duplicate_account");
        assert!(err.to_string().contains("in järvimaa") || err.to_string().contains("in Järvimaa"));
        store.create_account(&hospital("Kivilahti Hospital", "Lehtovaara"), Source::User).unwrap();
        assert_eq!(store.list_accounts(&AccountFilter::default()).unwrap().len(), 2);
    }

    #[test]
    fn an_account_cannot_become_its_own_ancestor() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let group = store.create_account(&hospital("Hospital group", ""), Source::User).unwrap();
        let mut child = hospital("Child hospital", "");
        child.parent_id = Some(group.id);
        let child = store.create_account(&child, Source::User).unwrap();
        assert_eq!(child.parent.as_ref().unwrap().name, "Hospital group");

        let mut looped = hospital("Hospital group", "");
        looped.parent_id = Some(child.id);
        assert_eq!(store.update_account(group.id, &looped, Source::User).unwrap_err().code(), "parent_loop");
        let mut itself = hospital("Hospital group", "");
        itself.parent_id = Some(group.id);
        assert_eq!(store.update_account(group.id, &itself, Source::User).unwrap_err().code(), "parent_loop");

        let dossier = store.account_dossier(group.id).unwrap();
        assert_eq!(dossier.children.len(), 1);
        store.delete_account(group.id, Source::User).unwrap();
        assert!(store.account(child.id).unwrap().parent.is_none());
        assert_eq!(store.account(group.id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn a_refused_update_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let a = store.create_account(&hospital("Kivilahti Hospital", "Järvimaa"), Source::User).unwrap();
        let mut bad = hospital("Renamed", "Järvimaa");
        bad.contract_end = Some("2026-02-30".into());
        assert_eq!(store.update_account(a.id, &bad, Source::User).unwrap_err().code(), "impossible_date");
        assert_eq!(store.account(a.id).unwrap().name, "Kivilahti Hospital");
    }
}
