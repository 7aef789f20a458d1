//! Storage of the influence network, and the analytics fed from it. The network as of a day (links and ties
//! current that day) is loaded once with its metrics and kept until the next write.

use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use rusqlite::{named_params, params, Connection, OptionalExtension, Row};
use rustc_hash::{FxHashMap, FxHashSet};

use super::accounts::require_account;
use super::people::{name_sql, require_person};
use super::{now_timestamp, Store};
use crate::accounts::name_key;
use crate::error::{Error, Result};
use crate::network::graphml::{self, Domain, Element, Key, Value};
use crate::network::metrics::{self, Edge, InfluenceWeights, Metrics, Node};
use crate::network::{
    check_weights, role_strength, split_list, Activity, ActivityInput, BalancePoint, ChangeInput, Committee,
    CommitteeInput, Graph, GraphLink, GraphNode, HistoryEntry, InfluenceRoute, Link, LinkInput, NetworkProfile,
    NetworkScope, NetworkSummary, ProfileChange, ProfileInput, RankedPerson, Standing, Tie, TieInput,
};
use crate::types::{Attitude, CommitteeKind, PersonType, Ref, RelationshipStage, Source, Tier};
use crate::validate;

/// How many hops of influence "who influences" follows.
pub const INFLUENCE_HOPS: usize = 3;

/// The network as of one day, with every person's metrics.
pub(crate) struct Loaded {
    day: NaiveDate,
    weights: InfluenceWeights,
    ids: Vec<i64>,
    index: FxHashMap<i64, usize>,
    names: Vec<String>,
    titles: Vec<String>,
    types: Vec<Option<PersonType>>,
    areas: Vec<Vec<String>>,
    nodes: Vec<Node>,
    edges: Vec<Edge>,
    edge_ids: Vec<i64>,
    metrics: Metrics,
}

impl Loaded {
    fn reference(&self, i: usize) -> Ref {
        Ref { id: self.ids[i], name: self.names[i].clone() }
    }

    fn ranked(&self, i: usize) -> RankedPerson {
        RankedPerson {
            person: self.reference(i),
            tier: self.nodes[i].tier,
            attitude: self.nodes[i].attitude,
            stage: self.nodes[i].stage,
            score: self.metrics.score[i],
        }
    }
}

/// "Current on `day`": begun (or no start) and not ended (or no end).
const CURRENT: &str = "(since IS NULL OR since <= :day) AND (until IS NULL OR until >= :day)";

fn is_current(since: Option<NaiveDate>, until: Option<NaiveDate>, day: NaiveDate) -> bool {
    since.is_none_or(|s| s <= day) && until.is_none_or(|u| u >= day)
}

fn load(conn: &Connection, day: NaiveDate, weights: InfluenceWeights) -> Result<Loaded> {
    let mut stmt = conn.prepare(&format!(
        "SELECT p.id, {}, p.title, p.person_type, p.tier, p.attitude, p.relationship_stage, p.therapy_areas,
                COALESCE((SELECT sum(count) FROM scientific_activity s WHERE s.person_id = p.id), 0)
         FROM people p ORDER BY p.id",
        name_sql("p")
    ))?;
    let mut l = Loaded {
        day,
        weights,
        ids: vec![],
        index: FxHashMap::default(),
        names: vec![],
        titles: vec![],
        types: vec![],
        areas: vec![],
        nodes: vec![],
        edges: vec![],
        edge_ids: vec![],
        metrics: Metrics { pagerank: vec![], betweenness: vec![], score: vec![] },
    };
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let id: i64 = r.get(0)?;
        l.index.insert(id, l.ids.len());
        l.ids.push(id);
        l.names.push(r.get(1)?);
        l.titles.push(r.get(2)?);
        l.types.push(r.get(3)?);
        let activity: i64 = r.get(8)?;
        l.nodes.push(Node {
            id,
            tier: r.get(4)?,
            attitude: r.get(5)?,
            stage: r.get(6)?,
            activity: activity.clamp(0, u32::MAX as i64) as u32,
        });
        l.areas.push(split_list(&r.get::<_, String>(7)?));
    }
    let mut stmt = conn
        .prepare(&format!("SELECT id, from_id, to_id, kind, strength FROM person_links WHERE {CURRENT} ORDER BY id"))?;
    let mut rows = stmt.query(named_params! { ":day": day })?;
    while let Some(r) = rows.next()? {
        let (from, to): (i64, i64) = (r.get(1)?, r.get(2)?);
        if let (Some(&from), Some(&to)) = (l.index.get(&from), l.index.get(&to)) {
            l.edge_ids.push(r.get(0)?);
            l.edges.push(Edge { from, to, kind: r.get(3)?, strength: r.get::<_, i64>(4)? as f64 });
        }
    }
    l.metrics = metrics::metrics(&l.nodes, &l.edges, &weights);
    Ok(l)
}

fn history_from_row(r: &Row) -> rusqlite::Result<HistoryEntry> {
    let field: String = r.get(1)?;
    let value: String = r.get(2)?;
    let bad = || rusqlite::Error::InvalidColumnType(2, format!("{field} {value}"), rusqlite::types::Type::Text);
    let change = match field.as_str() {
        "stage" => ProfileChange::Stage(RelationshipStage::parse(&value).ok_or_else(bad)?),
        _ => ProfileChange::Attitude(Attitude::parse(&value).ok_or_else(bad)?),
    };
    Ok(HistoryEntry { id: r.get(0)?, change, date: r.get(3)?, note: r.get(4)? })
}

/// Sets the person's current stage and attitude from the latest entries of their history.
fn settle_current(conn: &Connection, person_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE people SET
            relationship_stage = COALESCE((SELECT value FROM person_history WHERE person_id = ?1 AND field = 'stage'
                                           ORDER BY date DESC, id DESC LIMIT 1), 'no_contact'),
            attitude = (SELECT value FROM person_history WHERE person_id = ?1 AND field = 'attitude'
                        ORDER BY date DESC, id DESC LIMIT 1),
            updated_at = ?2
         WHERE id = ?1",
        params![person_id, now_timestamp()],
    )?;
    Ok(())
}

pub(crate) fn insert_change(
    conn: &Connection,
    person_id: i64,
    change: ProfileChange,
    date: NaiveDate,
    note: &str,
    source: Source,
) -> Result<()> {
    conn.execute(
        "INSERT INTO person_history (person_id, field, value, date, note, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![person_id, change.field(), change.value(), date, note, source, now_timestamp()],
    )?;
    settle_current(conn, person_id)
}

pub(crate) fn set_profile(conn: &Connection, person_id: i64, input: &ProfileInput) -> Result<()> {
    let v = input.validate()?;
    conn.execute(
        "UPDATE people SET person_type = ?2, tier = ?3, therapy_areas = ?4, specialties = ?5, competitor_ties = ?6,
                updated_at = ?7 WHERE id = ?1",
        params![
            person_id,
            input.person_type,
            input.tier,
            v.therapy_areas,
            v.specialties,
            v.competitor_ties,
            now_timestamp()
        ],
    )?;
    Ok(())
}

pub(crate) fn insert_link(conn: &Connection, input: &LinkInput, source: Source) -> Result<i64> {
    let v = input.validate()?;
    require_person(conn, input.from_id)?;
    require_person(conn, input.to_id)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO person_links (from_id, to_id, kind, strength, since, until, source_note, source, created_at,
                                   updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
        params![input.from_id, input.to_id, input.kind, v.strength, v.since, v.until, v.source_note, source, now],
    )?;
    Ok(conn.last_insert_rowid())
}

fn require_committee(conn: &Connection, id: i64) -> Result<String> {
    conn.query_row("SELECT name FROM committees WHERE id = ?1", [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { what: "The committee", id })
}

pub(crate) fn insert_tie(conn: &Connection, input: &TieInput, source: Source) -> Result<i64> {
    let (v, role) = input.validate()?;
    require_person(conn, input.person_id)?;
    if let Some(a) = input.account_id {
        require_account(conn, a)?;
    }
    if let Some(c) = input.committee_id {
        require_committee(conn, c)?;
    }
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO person_ties (person_id, account_id, committee_id, kind, role, strength, since, until,
                                  source_note, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
        params![
            input.person_id,
            input.account_id,
            input.committee_id,
            input.kind,
            role,
            v.strength,
            v.since,
            v.until,
            v.source_note,
            source,
            now
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

struct ValidCommittee {
    name: String,
    kind: CommitteeKind,
    region: String,
    notes: String,
}

fn check_committee(conn: &Connection, input: &CommitteeInput, id: Option<i64>) -> Result<ValidCommittee> {
    let name = validate::required_name(&input.name, "name", "Name")?;
    let kind = input.kind.ok_or_else(|| Error::invalid("required", "kind", "Choose what sort of body it is."))?;
    if let Some(a) = input.account_id {
        require_account(conn, a)?;
    }
    let taken: Option<i64> =
        conn.query_row("SELECT id FROM committees WHERE name_key = ?1", [name_key(&name)], |r| r.get(0)).optional()?;
    if taken.is_some_and(|t| Some(t) != id) {
        return Err(Error::invalid("duplicate", "name", format!("A committee called {name} is already in Avain.")));
    }
    Ok(ValidCommittee {
        name,
        kind,
        region: validate::short_text(&input.region, "region", "Region")?,
        notes: validate::long_text(&input.notes, "notes", "Notes")?,
    })
}

pub(crate) fn insert_committee(conn: &Connection, input: &CommitteeInput, source: Source) -> Result<i64> {
    let v = check_committee(conn, input, None)?;
    let now = now_timestamp();
    conn.execute(
        "INSERT INTO committees (name, name_key, kind, account_id, region, notes, source, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
        params![v.name, name_key(&v.name), v.kind, input.account_id, v.region, v.notes, source, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn insert_activity(
    conn: &Connection,
    input: &ActivityInput,
    today: NaiveDate,
    source: Source,
) -> Result<i64> {
    let (title, count, note) = input.validate(today)?;
    require_person(conn, input.person_id)?;
    conn.execute(
        "INSERT INTO scientific_activity (person_id, kind, title, year, count, note, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![input.person_id, input.kind, title, input.year, count, note, source, now_timestamp()],
    )?;
    Ok(conn.last_insert_rowid())
}

fn links_of(conn: &Connection, person_id: i64, day: NaiveDate) -> Result<Vec<Link>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT l.id, l.from_id, {}, l.to_id, {}, l.kind, l.strength, l.since, l.until, l.source_note
         FROM person_links l JOIN people f ON f.id = l.from_id JOIN people t ON t.id = l.to_id
         WHERE l.from_id = ?1 OR l.to_id = ?1 ORDER BY l.strength DESC, l.id",
        name_sql("f"),
        name_sql("t")
    ))?;
    let rows = stmt.query_map([person_id], |r| {
        let (since, until) = (r.get(7)?, r.get(8)?);
        Ok(Link {
            id: r.get(0)?,
            from: Ref { id: r.get(1)?, name: r.get(2)? },
            to: Ref { id: r.get(3)?, name: r.get(4)? },
            kind: r.get(5)?,
            strength: r.get(6)?,
            since,
            until,
            source_note: r.get(9)?,
            current: is_current(since, until, day),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The ties' columns; `{name}` is replaced by the person's name.
const TIE_SELECT: &str = "SELECT t.id, t.person_id, {name},
        COALESCE(t.account_id, t.committee_id), COALESCE(a.name, c.name), t.committee_id IS NOT NULL,
        t.kind, t.role, t.strength, t.since, t.until, t.source_note
    FROM person_ties t JOIN people p ON p.id = t.person_id
    LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN committees c ON c.id = t.committee_id";

fn tie_select() -> String {
    TIE_SELECT.replace("{name}", &name_sql("p"))
}

fn tie_from_row(r: &Row, day: NaiveDate) -> rusqlite::Result<Tie> {
    let (since, until) = (r.get(9)?, r.get(10)?);
    Ok(Tie {
        id: r.get(0)?,
        person: Ref { id: r.get(1)?, name: r.get(2)? },
        target: Ref { id: r.get(3)?, name: r.get(4)? },
        is_committee: r.get(5)?,
        kind: r.get(6)?,
        role: r.get(7)?,
        strength: r.get(8)?,
        since,
        until,
        source_note: r.get(11)?,
        current: is_current(since, until, day),
    })
}

/// The last day of each of the twelve months before `today`'s, oldest first, then `today`.
pub fn history_days(today: NaiveDate) -> Vec<NaiveDate> {
    let first_of_month = today.with_day(1).unwrap_or(today);
    let mut days: Vec<NaiveDate> = (1..=12u32)
        .rev()
        .filter_map(|back| first_of_month.checked_sub_months(chrono::Months::new(back - 1)))
        .filter_map(|first| first.pred_opt())
        .collect();
    days.push(today);
    days
}

impl Store {
    fn network(&self, today: NaiveDate) -> Result<Arc<Loaded>> {
        let weights = self.influence_weights()?;
        if let Some(l) = self.network_cache.borrow().as_ref() {
            if l.day == today && l.weights == weights {
                return Ok(l.clone());
            }
        }
        let loaded = Arc::new(load(&self.conn, today, weights)?);
        self.network_cache.replace(Some(loaded.clone()));
        Ok(loaded)
    }

    pub fn influence_weights(&self) -> Result<InfluenceWeights> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = 'influence_weights'", [], |r| r.get(0))
            .optional()?;
        Ok(text
            .and_then(|t| serde_json::from_str::<InfluenceWeights>(&t).ok())
            .filter(|w| check_weights(w).is_ok())
            .unwrap_or_default())
    }

    pub fn save_influence_weights(&mut self, weights: &InfluenceWeights) -> Result<InfluenceWeights> {
        check_weights(weights)?;
        let text =
            serde_json::to_string(weights).map_err(|e| Error::invalid("bad_weights", "weights", e.to_string()))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES ('influence_weights', ?1)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [text],
        )?;
        self.announce("settings", None, "influence weights", Source::User);
        self.influence_weights()
    }

    pub fn network_profile(&self, person_id: i64, today: NaiveDate) -> Result<NetworkProfile> {
        require_person(&self.conn, person_id)?;
        let (person_type, tier, attitude, stage, areas, specialties, competitor_ties) = self.conn.query_row(
            "SELECT person_type, tier, attitude, relationship_stage, therapy_areas, specialties, competitor_ties
             FROM people WHERE id = ?1",
            [person_id],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get(6)?,
                ))
            },
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, field, value, date, note FROM person_history WHERE person_id = ?1 ORDER BY date DESC, id DESC",
        )?;
        let history = stmt.query_map([person_id], history_from_row)?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(&format!("{} WHERE t.person_id = ?1 ORDER BY t.id", tie_select()))?;
        let ties = stmt.query_map([person_id], |r| tie_from_row(r, today))?.collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, kind, title, year, count, note FROM scientific_activity WHERE person_id = ?1
             ORDER BY year DESC NULLS LAST, id DESC",
        )?;
        let activity: Vec<Activity> = stmt
            .query_map([person_id], |r| {
                Ok(Activity {
                    id: r.get(0)?,
                    kind: r.get(1)?,
                    title: r.get(2)?,
                    year: r.get(3)?,
                    count: r.get(4)?,
                    note: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let net = self.network(today)?;
        let standing = net.index.get(&person_id).map(|&i| {
            let score = net.metrics.score[i];
            let above = net.metrics.score.iter().filter(|&&s| s > score).count();
            Standing {
                pagerank: net.metrics.pagerank[i],
                betweenness: net.metrics.betweenness[i],
                score,
                rank: above as u32 + 1,
                of: net.ids.len() as u32,
            }
        });
        Ok(NetworkProfile {
            person_id,
            person_type,
            tier,
            attitude,
            stage,
            therapy_areas: split_list(&areas),
            specialties: split_list(&specialties),
            competitor_ties,
            history,
            links: links_of(&self.conn, person_id, today)?,
            ties,
            activity_count: activity.iter().map(|a| a.count).sum(),
            activity,
            standing,
        })
    }

    pub fn update_profile(
        &mut self,
        person_id: i64,
        input: &ProfileInput,
        today: NaiveDate,
        source: Source,
    ) -> Result<NetworkProfile> {
        require_person(&self.conn, person_id)?;
        set_profile(&self.conn, person_id, input)?;
        self.announce("person", Some(person_id), "profile", source);
        self.network_profile(person_id, today)
    }

    /// Records a change of relationship stage or attitude on the day it happened. A change dated before the
    /// latest one goes into the history without changing the current value.
    pub fn record_change(&mut self, input: &ChangeInput, today: NaiveDate, source: Source) -> Result<NetworkProfile> {
        let (date, note) = input.validate(today)?;
        require_person(&self.conn, input.person_id)?;
        let tx = self.conn.transaction()?;
        insert_change(&tx, input.person_id, input.change, date, &note, source)?;
        tx.commit()?;
        self.announce("person", Some(input.person_id), "changed", source);
        self.network_profile(input.person_id, today)
    }

    /// Removes a history entry entered by mistake; the current value follows what is left.
    pub fn delete_history_entry(&mut self, id: i64, today: NaiveDate, source: Source) -> Result<NetworkProfile> {
        let person_id: i64 = self
            .conn
            .query_row("SELECT person_id FROM person_history WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The history entry", id })?;
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM person_history WHERE id = ?1", [id])?;
        settle_current(&tx, person_id)?;
        tx.commit()?;
        self.announce("person", Some(person_id), "changed", source);
        self.network_profile(person_id, today)
    }

    pub fn add_link(&mut self, input: &LinkInput, source: Source) -> Result<i64> {
        let id = insert_link(&self.conn, input, source)?;
        self.announce("network", Some(id), "link added", source);
        Ok(id)
    }

    pub fn update_link(&mut self, id: i64, input: &LinkInput, source: Source) -> Result<()> {
        let v = input.validate()?;
        require_person(&self.conn, input.from_id)?;
        require_person(&self.conn, input.to_id)?;
        let n = self.conn.execute(
            "UPDATE person_links SET from_id = ?2, to_id = ?3, kind = ?4, strength = ?5, since = ?6, until = ?7,
                    source_note = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                input.from_id,
                input.to_id,
                input.kind,
                v.strength,
                v.since,
                v.until,
                v.source_note,
                now_timestamp()
            ],
        )?;
        if n == 0 {
            return Err(Error::NotFound { what: "The link", id });
        }
        self.announce("network", Some(id), "link updated", source);
        Ok(())
    }

    pub fn delete_link(&mut self, id: i64, source: Source) -> Result<()> {
        if self.conn.execute("DELETE FROM person_links WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound { what: "The link", id });
        }
        self.announce("network", Some(id), "link deleted", source);
        Ok(())
    }

    pub fn add_tie(&mut self, input: &TieInput, source: Source) -> Result<i64> {
        let id = insert_tie(&self.conn, input, source)?;
        self.announce("network", Some(id), "tie added", source);
        Ok(id)
    }

    pub fn delete_tie(&mut self, id: i64, source: Source) -> Result<()> {
        if self.conn.execute("DELETE FROM person_ties WHERE id = ?1", [id])? == 0 {
            return Err(Error::NotFound { what: "The tie", id });
        }
        self.announce("network", Some(id), "tie deleted", source);
        Ok(())
    }

    pub fn create_committee(&mut self, input: &CommitteeInput, source: Source) -> Result<Committee> {
        let id = insert_committee(&self.conn, input, source)?;
        self.announce("network", Some(id), "committee added", source);
        self.committee(id)
    }

    pub fn update_committee(&mut self, id: i64, input: &CommitteeInput, source: Source) -> Result<Committee> {
        require_committee(&self.conn, id)?;
        let v = check_committee(&self.conn, input, Some(id))?;
        self.conn.execute(
            "UPDATE committees SET name = ?2, name_key = ?3, kind = ?4, account_id = ?5, region = ?6, notes = ?7,
                    updated_at = ?8 WHERE id = ?1",
            params![id, v.name, name_key(&v.name), v.kind, input.account_id, v.region, v.notes, now_timestamp()],
        )?;
        self.announce("network", Some(id), "committee updated", source);
        self.committee(id)
    }

    pub fn delete_committee(&mut self, id: i64, source: Source) -> Result<()> {
        require_committee(&self.conn, id)?;
        self.conn.execute("DELETE FROM committees WHERE id = ?1", [id])?;
        self.announce("network", Some(id), "committee deleted", source);
        Ok(())
    }

    fn committees_where(&self, clause: &str, id: Option<i64>) -> Result<Vec<Committee>> {
        let today = chrono::Local::now().date_naive();
        let mut stmt = self.conn.prepare(&format!(
            "SELECT c.id, c.name, c.kind, c.account_id, a.name, c.region, c.notes,
                    (SELECT count(DISTINCT person_id) FROM person_ties t WHERE t.committee_id = c.id AND
                     (t.since IS NULL OR t.since <= :day) AND (t.until IS NULL OR t.until >= :day))
             FROM committees c LEFT JOIN accounts a ON a.id = c.account_id {clause} ORDER BY c.name COLLATE NOCASE"
        ))?;
        let day = [(":day", &today as &dyn rusqlite::ToSql)];
        let day_and_id = [(":day", &today as &dyn rusqlite::ToSql), (":id", &id)];
        let params: &[(&str, &dyn rusqlite::ToSql)] = if id.is_some() { &day_and_id } else { &day };
        let rows = stmt.query_map(params, |r| {
            let account_id: Option<i64> = r.get(3)?;
            Ok(Committee {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                account: match account_id {
                    Some(id) => Some(Ref { id, name: r.get(4)? }),
                    None => None,
                },
                region: r.get(5)?,
                notes: r.get(6)?,
                members: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn committees(&self) -> Result<Vec<Committee>> {
        self.committees_where("", None)
    }

    pub fn committee(&self, id: i64) -> Result<Committee> {
        self.committees_where("WHERE c.id = :id", Some(id))?.pop().ok_or(Error::NotFound { what: "The committee", id })
    }

    /// Who sits on a committee or is tied to an account, current ties first.
    pub fn ties_to(&self, account_id: Option<i64>, committee_id: Option<i64>, today: NaiveDate) -> Result<Vec<Tie>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{} WHERE t.account_id IS ?1 AND t.committee_id IS ?2 ORDER BY t.until IS NOT NULL, p.last_name",
            tie_select()
        ))?;
        let rows = stmt.query_map(params![account_id, committee_id], |r| tie_from_row(r, today))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn add_activity(&mut self, input: &ActivityInput, today: NaiveDate, source: Source) -> Result<i64> {
        let id = insert_activity(&self.conn, input, today, source)?;
        self.announce("person", Some(input.person_id), "activity added", source);
        Ok(id)
    }

    pub fn delete_activity(&mut self, id: i64, source: Source) -> Result<()> {
        let person_id: i64 = self
            .conn
            .query_row("SELECT person_id FROM scientific_activity WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The entry", id })?;
        self.conn.execute("DELETE FROM scientific_activity WHERE id = ?1", [id])?;
        self.announce("person", Some(person_id), "activity deleted", source);
        Ok(())
    }

    /// Remembers where the user pinned people in the network view.
    pub fn pin_positions(&mut self, pins: &[(i64, f64, f64)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut stmt = tx.prepare(
                "INSERT INTO network_pins (person_id, x, y) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM people WHERE id = ?1)
                 ON CONFLICT (person_id) DO UPDATE SET x = excluded.x, y = excluded.y",
            )?;
            for &(id, x, y) in pins {
                if !x.is_finite() || !y.is_finite() {
                    return Err(Error::invalid("bad_position", "pins", "A position must be a finite number."));
                }
                stmt.execute(params![id, x, y])?;
            }
        }
        tx.commit()?;
        self.announce("network", None, "pinned", Source::User);
        Ok(())
    }

    /// Lets people move freely again (all of them when `ids` is empty).
    pub fn unpin(&mut self, ids: &[i64]) -> Result<()> {
        if ids.is_empty() {
            self.conn.execute("DELETE FROM network_pins", [])?;
        } else {
            let mut stmt = self.conn.prepare("DELETE FROM network_pins WHERE person_id = ?1")?;
            for id in ids {
                stmt.execute([id])?;
            }
        }
        self.announce("network", None, "unpinned", Source::User);
        Ok(())
    }

    /// The people directly tied to a scope's decision, with the strength (1–5) of their tie: an account's decision
    /// group (by buying role) and ties to it; a committee's ties; a tender's linked people and its buyer's.
    fn deciders(&self, net: &Loaded, scope: &NetworkScope) -> Result<Vec<(usize, f64)>> {
        let mut out: Vec<(usize, f64)> = Vec::new();
        let mut push = |id: i64, s: f64| {
            if let Some(&i) = net.index.get(&id) {
                out.push((i, s));
            }
        };
        let account = match scope.tender_id {
            Some(t) => {
                let buyer: i64 = self
                    .conn
                    .query_row("SELECT buyer_id FROM tenders WHERE id = ?1", [t], |r| r.get(0))
                    .optional()?
                    .ok_or(Error::NotFound { what: "The tender", id: t })?;
                let mut stmt = self.conn.prepare_cached("SELECT person_id FROM tender_people WHERE tender_id = ?1")?;
                for id in stmt.query_map([t], |r| r.get::<_, i64>(0))? {
                    push(id?, 5.0);
                }
                Some(buyer)
            }
            None => scope.account_id,
        };
        if let Some(a) = account {
            require_account(&self.conn, a)?;
            let mut stmt = self
                .conn
                .prepare_cached("SELECT person_id, buying_role FROM decision_group_members WHERE account_id = ?1")?;
            for row in stmt.query_map([a], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?)))? {
                let (id, role) = row?;
                push(id, role_strength(role));
            }
        }
        if account.is_some() || scope.committee_id.is_some() {
            if let Some(c) = scope.committee_id {
                require_committee(&self.conn, c)?;
            }
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT person_id, strength FROM person_ties
                 WHERE (account_id = :account OR committee_id = :committee) AND kind <> 'advises' AND {CURRENT}"
            ))?;
            let rows = stmt.query_map(
                named_params! { ":account": account, ":committee": scope.committee_id, ":day": net.day },
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )?;
            for row in rows {
                let (id, s) = row?;
                push(id, s as f64);
            }
            // An adviser sways the decision only through the people who make it: half their tie's strength.
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT person_id, strength FROM person_ties
                 WHERE (account_id = :account OR committee_id = :committee) AND kind = 'advises' AND {CURRENT}"
            ))?;
            let rows = stmt.query_map(
                named_params! { ":account": account, ":committee": scope.committee_id, ":day": net.day },
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
            )?;
            for row in rows {
                let (id, s) = row?;
                push(id, s as f64 / 2.0);
            }
        }
        Ok(out)
    }

    /// Who influences the decision of an account, a committee or a tender (whichever the scope names), ranked,
    /// with the path through which each one's influence reaches it.
    pub fn who_influences(&self, scope: &NetworkScope, today: NaiveDate, limit: usize) -> Result<Vec<InfluenceRoute>> {
        if scope.account_id.is_none() && scope.committee_id.is_none() && scope.tender_id.is_none() {
            return Err(Error::invalid("required", "scope", "Choose an account, a committee or a tender."));
        }
        let net = self.network(today)?;
        let deciders = self.deciders(&net, scope)?;
        let routes = metrics::who_influences(net.ids.len(), &net.edges, &net.metrics.score, &deciders, INFLUENCE_HOPS);
        Ok(routes
            .into_iter()
            .take(limit)
            .map(|r| InfluenceRoute {
                person: net.reference(r.person),
                attitude: net.nodes[r.person].attitude,
                stage: net.nodes[r.person].stage,
                score: net.metrics.score[r.person],
                strength: r.strength,
                weight: r.weight,
                path: r.path.iter().map(|&i| net.reference(i)).collect(),
            })
            .collect())
    }

    /// Which people a scope covers: everyone for an empty scope; for a region, the people at its accounts and
    /// committees; for a decision, those who make it and those who influence them; then narrowed to a therapy area.
    fn scope_people(&self, net: &Loaded, scope: &NetworkScope) -> Result<(Vec<usize>, FxHashSet<usize>)> {
        let mut deciding = FxHashSet::default();
        let mut chosen: Option<FxHashSet<usize>> = None;
        if scope.account_id.is_some() || scope.committee_id.is_some() || scope.tender_id.is_some() {
            let deciders = self.deciders(net, scope)?;
            deciding.extend(deciders.iter().map(|d| d.0));
            let routes = metrics::who_influences(net.ids.len(), &net.edges, &net.metrics.score, &deciders, 2);
            chosen = Some(routes.iter().map(|r| r.person).collect());
        }
        if let Some(region) = scope.region.as_deref().map(name_key).filter(|r| !r.is_empty()) {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT f.person_id FROM affiliations f JOIN accounts a ON a.id = f.account_id
                   WHERE a.region_key = :region AND (f.end_date IS NULL OR f.end_date >= :day)
                 UNION SELECT m.person_id FROM decision_group_members m JOIN accounts a ON a.id = m.account_id
                   WHERE a.region_key = :region
                 UNION SELECT t.person_id FROM person_ties t LEFT JOIN accounts a ON a.id = t.account_id
                   LEFT JOIN committees c ON c.id = t.committee_id
                   WHERE (a.region_key = :region OR lower(c.region) = :region) AND {CURRENT}"
            ))?;
            let ids = stmt.query_map(named_params! { ":region": region, ":day": net.day }, |r| r.get::<_, i64>(0))?;
            let mut in_region = FxHashSet::default();
            for id in ids {
                if let Some(&i) = net.index.get(&id?) {
                    in_region.insert(i);
                }
            }
            chosen = Some(match chosen {
                Some(c) => c.intersection(&in_region).copied().collect(),
                None => in_region,
            });
        }
        let area = scope.therapy_area.as_deref().map(|a| a.trim().to_lowercase()).filter(|a| !a.is_empty());
        let mut people: Vec<usize> = match chosen {
            Some(c) => c.into_iter().collect(),
            None => (0..net.ids.len()).collect(),
        };
        if let Some(area) = area {
            people.retain(|&i| net.areas[i].iter().any(|a| a.to_lowercase() == area));
        }
        people.sort_unstable();
        Ok((people, deciding))
    }

    /// The graph of a scope: its people with their metrics (computed on the whole network) and the current links
    /// among them.
    pub fn network_graph(&self, scope: &NetworkScope, today: NaiveDate) -> Result<Graph> {
        let net = self.network(today)?;
        let (people, deciding) = self.scope_people(&net, scope)?;
        let included: FxHashSet<usize> = people.iter().copied().collect();
        let mut accounts: FxHashMap<i64, Vec<i64>> = FxHashMap::default();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT person_id, account_id FROM affiliations WHERE end_date IS NULL OR end_date >= :day
             UNION SELECT person_id, account_id FROM decision_group_members
             UNION SELECT person_id, account_id FROM person_ties WHERE account_id IS NOT NULL AND {CURRENT}"
        ))?;
        for row in stmt.query_map(named_params! { ":day": today }, |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (p, a): (i64, i64) = row?;
            accounts.entry(p).or_default().push(a);
        }
        let mut committees: FxHashMap<i64, Vec<i64>> = FxHashMap::default();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT DISTINCT person_id, committee_id FROM person_ties WHERE committee_id IS NOT NULL AND {CURRENT}"
        ))?;
        for row in stmt.query_map(named_params! { ":day": today }, |r| Ok((r.get(0)?, r.get(1)?)))? {
            let (p, c): (i64, i64) = row?;
            committees.entry(p).or_default().push(c);
        }
        let mut pins: FxHashMap<i64, (f64, f64)> = FxHashMap::default();
        let mut stmt = self.conn.prepare_cached("SELECT person_id, x, y FROM network_pins")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))? {
            let (p, xy) = row?;
            pins.insert(p, xy);
        }
        let positions = if people.len() > crate::network::LAYOUT_IN_CORE {
            let at: FxHashMap<usize, usize> = people.iter().enumerate().map(|(k, &i)| (i, k)).collect();
            let links: Vec<(usize, usize, f64)> =
                net.edges.iter().filter_map(|e| Some((*at.get(&e.from)?, *at.get(&e.to)?, e.strength))).collect();
            let fixed: Vec<Option<(f64, f64)>> = people.iter().map(|&i| pins.get(&net.ids[i]).copied()).collect();
            crate::network::layout::force_layout(people.len(), &links, &fixed)
        } else {
            vec![]
        };
        let nodes = people
            .iter()
            .enumerate()
            .map(|(k, &i)| {
                let id = net.ids[i];
                let mut account_ids = accounts.remove(&id).unwrap_or_default();
                account_ids.sort_unstable();
                account_ids.dedup();
                GraphNode {
                    id,
                    name: net.names[i].clone(),
                    title: net.titles[i].clone(),
                    person_type: net.types[i],
                    tier: net.nodes[i].tier,
                    attitude: net.nodes[i].attitude,
                    stage: net.nodes[i].stage,
                    therapy_areas: net.areas[i].clone(),
                    account_ids,
                    committee_ids: committees.remove(&id).unwrap_or_default(),
                    pagerank: net.metrics.pagerank[i],
                    betweenness: net.metrics.betweenness[i],
                    score: net.metrics.score[i],
                    pinned: pins.get(&id).copied(),
                    position: positions.get(k).copied(),
                    decides: deciding.contains(&i),
                }
            })
            .collect();
        let links = net
            .edges
            .iter()
            .zip(&net.edge_ids)
            .filter(|(e, _)| included.contains(&e.from) && included.contains(&e.to))
            .map(|(e, &id)| GraphLink {
                id,
                from: net.ids[e.from],
                to: net.ids[e.to],
                kind: e.kind,
                strength: e.strength as i64,
            })
            .collect();
        Ok(Graph { nodes, links })
    }

    /// The balance of power in a scope now and at the end of each of the last twelve months, the most influential
    /// people and the gaps. History uses each person's attitude as recorded on that day (unknown before their
    /// first entry) and weighs it by today's influence score, so it shows how attitudes moved, not how the
    /// network grew.
    pub fn network_summary(&self, scope: &NetworkScope, today: NaiveDate) -> Result<NetworkSummary> {
        let net = self.network(today)?;
        let (people, _) = self.scope_people(&net, scope)?;
        let included: FxHashSet<usize> = people.iter().copied().collect();
        let score: Vec<f64> = people.iter().map(|&i| net.metrics.score[i]).collect();
        let attitudes: Vec<Option<Attitude>> = people.iter().map(|&i| net.nodes[i].attitude).collect();
        let mut entries: FxHashMap<i64, Vec<(NaiveDate, Attitude)>> = FxHashMap::default();
        let mut stmt = self.conn.prepare_cached(
            "SELECT person_id, date, value FROM person_history WHERE field = 'attitude' ORDER BY date, id",
        )?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get(1)?, r.get(2)?)))? {
            let (p, d, a) = row?;
            entries.entry(p).or_default().push((d, a));
        }
        let history = history_days(today)
            .into_iter()
            .map(|day| {
                let as_of: Vec<Option<Attitude>> = people
                    .iter()
                    .map(|&i| {
                        entries
                            .get(&net.ids[i])
                            .and_then(|list| list.iter().take_while(|(d, _)| *d <= day).last().map(|(_, a)| *a))
                    })
                    .collect();
                BalancePoint { date: day, balance: metrics::balance(&as_of, &score) }
            })
            .collect();
        let mut top = people.clone();
        top.sort_by(|&a, &b| net.metrics.score[b].total_cmp(&net.metrics.score[a]).then(a.cmp(&b)));
        top.truncate(10);
        let scoped_nodes: Vec<Node> = people.iter().map(|&i| net.nodes[i].clone()).collect();
        let gaps = metrics::gaps(&scoped_nodes, &score, 10).into_iter().map(|k| net.ranked(people[k])).collect();
        Ok(NetworkSummary {
            people: people.len() as u32,
            links: net.edges.iter().filter(|e| included.contains(&e.from) && included.contains(&e.to)).count() as u32,
            balance: metrics::balance(&attitudes, &score),
            history,
            top: top.into_iter().map(|i| net.ranked(i)).collect(),
            gaps,
            weights: net.weights,
        })
    }

    /// The whole network as GraphML: people (with their profile and computed PageRank, betweenness and influence
    /// score), the accounts and committees they are tied to, every link and tie with its attributes.
    pub fn network_graphml(&self, today: NaiveDate) -> Result<String> {
        let net = self.network(today)?;
        use Domain::{Edge as E, Node as N};
        let key = |name, domain| Key { name, domain };
        let keys = [
            key("label", N),
            key("node_type", N),
            key("person_type", N),
            key("title", N),
            key("tier", N),
            key("attitude", N),
            key("stage", N),
            key("therapy_areas", N),
            key("specialties", N),
            key("competitor_ties", N),
            key("scientific_activity", N),
            key("pagerank", N),
            key("betweenness", N),
            key("influence_score", N),
            key("kind", N),
            key("region", N),
            key("relation", E),
            key("strength", E),
            key("since", E),
            key("until", E),
            key("role", E),
            key("source_note", E),
        ];
        let text = |s: &str| Value::Text(s.to_string());
        let opt = |s: Option<&str>| Value::Text(s.unwrap_or("").to_string());
        let mut profile_rows: FxHashMap<i64, (String, String)> = FxHashMap::default();
        let mut stmt = self.conn.prepare("SELECT id, specialties, competitor_ties FROM people")?;
        for row in stmt.query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))? {
            let (id, v) = row?;
            profile_rows.insert(id, v);
        }
        let mut nodes: Vec<Element> = (0..net.ids.len())
            .map(|i| {
                let n = &net.nodes[i];
                let (specialties, competitor) = profile_rows.remove(&net.ids[i]).unwrap_or_default();
                Element {
                    id: format!("p{}", net.ids[i]),
                    ends: None,
                    data: vec![
                        ("label", text(&net.names[i])),
                        ("node_type", text("person")),
                        ("person_type", opt(net.types[i].map(PersonType::as_str))),
                        ("title", text(&net.titles[i])),
                        ("tier", opt(n.tier.map(Tier::as_str))),
                        ("attitude", opt(n.attitude.map(Attitude::as_str))),
                        ("stage", text(n.stage.as_str())),
                        ("therapy_areas", text(&net.areas[i].join("; "))),
                        ("specialties", text(&specialties)),
                        ("competitor_ties", text(&competitor)),
                        ("scientific_activity", Value::Int(n.activity as i64)),
                        ("pagerank", Value::Real(net.metrics.pagerank[i])),
                        ("betweenness", Value::Real(net.metrics.betweenness[i])),
                        ("influence_score", Value::Real(net.metrics.score[i])),
                    ],
                }
            })
            .collect();
        let mut edges: Vec<Element> = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT id, from_id, to_id, kind, strength, since, until, source_note FROM person_links ORDER BY id",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            edges.push(Element {
                id: format!("l{}", r.get::<_, i64>(0)?),
                ends: Some((format!("p{}", r.get::<_, i64>(1)?), format!("p{}", r.get::<_, i64>(2)?))),
                data: vec![
                    ("relation", Value::Text(r.get(3)?)),
                    ("strength", Value::Int(r.get(4)?)),
                    ("since", opt(r.get::<_, Option<String>>(5)?.as_deref())),
                    ("until", opt(r.get::<_, Option<String>>(6)?.as_deref())),
                    ("source_note", Value::Text(r.get(7)?)),
                ],
            });
        }
        let mut stmt = self.conn.prepare(
            "SELECT t.id, t.person_id, t.account_id, t.committee_id, t.kind, t.strength, t.since, t.until, t.role,
                    t.source_note FROM person_ties t ORDER BY t.id",
        )?;
        let mut rows = stmt.query([])?;
        let (mut tied_accounts, mut tied_committees) = (FxHashSet::default(), FxHashSet::default());
        while let Some(r) = rows.next()? {
            let target = match (r.get::<_, Option<i64>>(2)?, r.get::<_, Option<i64>>(3)?) {
                (Some(a), _) => {
                    tied_accounts.insert(a);
                    format!("a{a}")
                }
                (_, Some(c)) => {
                    tied_committees.insert(c);
                    format!("c{c}")
                }
                _ => continue,
            };
            edges.push(Element {
                id: format!("t{}", r.get::<_, i64>(0)?),
                ends: Some((format!("p{}", r.get::<_, i64>(1)?), target)),
                data: vec![
                    ("relation", Value::Text(r.get(4)?)),
                    ("strength", Value::Int(r.get(5)?)),
                    ("since", opt(r.get::<_, Option<String>>(6)?.as_deref())),
                    ("until", opt(r.get::<_, Option<String>>(7)?.as_deref())),
                    ("role", Value::Text(r.get(8)?)),
                    ("source_note", Value::Text(r.get(9)?)),
                ],
            });
        }
        let mut stmt = self.conn.prepare("SELECT id, name, kind, region FROM accounts ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if tied_accounts.contains(&id) {
                nodes.push(Element {
                    id: format!("a{id}"),
                    ends: None,
                    data: vec![
                        ("label", Value::Text(r.get(1)?)),
                        ("node_type", text("account")),
                        ("kind", Value::Text(r.get(2)?)),
                        ("region", Value::Text(r.get(3)?)),
                    ],
                });
            }
        }
        let mut stmt = self.conn.prepare("SELECT id, name, kind, region FROM committees ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            if tied_committees.contains(&id) {
                nodes.push(Element {
                    id: format!("c{id}"),
                    ends: None,
                    data: vec![
                        ("label", Value::Text(r.get(1)?)),
                        ("node_type", text("committee")),
                        ("kind", Value::Text(r.get(2)?)),
                        ("region", Value::Text(r.get(3)?)),
                    ],
                });
            }
        }
        Ok(graphml::write(&keys, &nodes, &edges))
    }

    /// Writes the GraphML to `path` (atomically: a half-written file never replaces a good one).
    pub fn write_graphml(&self, path: &std::path::Path, today: NaiveDate) -> Result<()> {
        let xml = self.network_graphml(today)?;
        crate::export::write_atomically(path, xml.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountInput;
    use crate::people::{MemberInput, PersonInput};
    use crate::types::{AccountKind, BuyingRole, DecisionStyle, LinkKind, TieKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn today() -> NaiveDate {
        d(2026, 11, 27)
    }

    fn setup() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    fn person(store: &mut Store, last: &str) -> i64 {
        let input = PersonInput { last_name: last.into(), ..Default::default() };
        store.create_person(&input, today(), Source::User).unwrap().id
    }

    fn link(from: i64, to: i64, kind: LinkKind, strength: i64) -> LinkInput {
        LinkInput { from_id: from, to_id: to, kind, strength, since: None, until: None, source_note: String::new() }
    }

    fn change(person_id: i64, change: ProfileChange, date: &str) -> ChangeInput {
        ChangeInput { person_id, change, date: date.into(), note: String::new() }
    }

    fn count(store: &Store, table: &str) -> i64 {
        store.conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0)).unwrap()
    }

    #[test]
    fn stage_changes_are_dated_and_the_latest_day_decides_the_current_stage() {
        let (_dir, mut store) = setup();
        let input = PersonInput {
            last_name: "Aalto".into(),
            relationship_stage: Some(RelationshipStage::FirstContact),
            ..Default::default()
        };
        let id = store.create_person(&input, today(), Source::User).unwrap().id;
        let p = store.network_profile(id, today()).unwrap();
        assert_eq!(p.history.len(), 1);
        assert_eq!(p.history[0].date, today());

        // A change dated earlier joins the history but does not replace the current stage.
        let stage = |s| ProfileChange::Stage(s);
        let p = store
            .record_change(&change(id, stage(RelationshipStage::Acquaintance), "2026-06-01"), today(), Source::User)
            .unwrap();
        assert_eq!(p.stage, RelationshipStage::FirstContact);
        assert_eq!(p.history.len(), 2);
        let p = store
            .record_change(&change(id, stage(RelationshipStage::Loyalty), "2026-11-27"), today(), Source::User)
            .unwrap();
        assert_eq!(p.stage, RelationshipStage::Loyalty);
        assert_eq!(store.person(id).unwrap().relationship_stage, RelationshipStage::Loyalty);

        // Dated in the future: refused, nothing saved.
        let err = store
            .record_change(&change(id, stage(RelationshipStage::Close), "2026-11-28"), today(), Source::User)
            .unwrap_err();
        assert_eq!(err.code(), "future_date");
        assert_eq!(count(&store, "person_history"), 3);
        assert_eq!(store.person(id).unwrap().relationship_stage, RelationshipStage::Loyalty);

        // Undoing the latest entry brings back the one before it.
        let latest = store.network_profile(id, today()).unwrap().history[0].id;
        let p = store.delete_history_entry(latest, today(), Source::User).unwrap();
        assert_eq!(p.stage, RelationshipStage::FirstContact);

        // A stage chosen in the person form counts from that day.
        let mut form = input.clone();
        form.relationship_stage = Some(RelationshipStage::Close);
        store.update_person(id, &form, today(), Source::User).unwrap();
        let p = store.network_profile(id, today()).unwrap();
        assert_eq!(p.stage, RelationshipStage::Close);
        assert_eq!(p.history[0].change, stage(RelationshipStage::Close));
        // Saving the form again without a new stage adds nothing.
        store.update_person(id, &form, today(), Source::User).unwrap();
        assert_eq!(store.network_profile(id, today()).unwrap().history.len(), 3);
    }

    #[test]
    fn bad_links_and_ties_are_refused_and_save_nothing() {
        let (_dir, mut store) = setup();
        let (a, b) = (person(&mut store, "Aalto"), person(&mut store, "Berg"));
        let refused = |store: &mut Store, l: LinkInput| store.add_link(&l, Source::User).unwrap_err().code();
        assert_eq!(refused(&mut store, link(a, a, LinkKind::Influences, 3)), "self_link");
        assert_eq!(refused(&mut store, link(a, b, LinkKind::Influences, 6)), "out_of_range");
        let mut l = link(a, b, LinkKind::Friend, 3);
        l.since = Some("2024-05-01".into());
        l.until = Some("2023-01-01".into());
        assert_eq!(refused(&mut store, l), "end_before_start");
        assert_eq!(refused(&mut store, link(a, 999, LinkKind::Friend, 3)), "not_found");
        assert_eq!(count(&store, "person_links"), 0);

        let tie = |account_id, committee_id| TieInput {
            person_id: a,
            account_id,
            committee_id,
            kind: TieKind::MemberOf,
            role: "chair".into(),
            strength: 4,
            since: None,
            until: None,
            source_note: String::new(),
        };
        assert_eq!(store.add_tie(&tie(None, None), Source::User).unwrap_err().code(), "required");
        assert_eq!(store.add_tie(&tie(None, Some(42)), Source::User).unwrap_err().code(), "not_found");
        let mut t = tie(None, Some(42));
        t.strength = 0;
        assert_eq!(store.add_tie(&t, Source::User).unwrap_err().code(), "out_of_range");
        assert_eq!(count(&store, "person_ties"), 0);

        let id = store.add_link(&link(a, b, LinkKind::Influences, 4), Source::User).unwrap();
        assert_eq!(
            store.update_link(id, &link(a, b, LinkKind::Influences, 9), Source::User).unwrap_err().code(),
            "out_of_range"
        );
        let p = store.network_profile(b, today()).unwrap();
        assert_eq!(p.links.len(), 1);
        assert_eq!((p.links[0].from.name.as_str(), p.links[0].strength), ("Aalto", 4));

        let committee = CommitteeInput { name: "Formulary committee".into(), ..Default::default() };
        assert_eq!(store.create_committee(&committee, Source::User).unwrap_err().code(), "required");
        let committee = CommitteeInput { kind: Some(CommitteeKind::Formulary), ..committee };
        store.create_committee(&committee, Source::User).unwrap();
        let again = CommitteeInput { name: " formulary  COMMITTEE".into(), ..committee };
        assert_eq!(store.create_committee(&again, Source::User).unwrap_err().code(), "duplicate");
        assert_eq!(count(&store, "committees"), 1);
    }

    #[test]
    fn who_influences_an_account_a_committee_and_a_tender_with_the_paths() {
        let (_dir, mut store) = setup();
        let account = store
            .create_account(
                &AccountInput {
                    name: "Kivilahti Hospital".into(),
                    kind: Some(AccountKind::Hospital),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        let (dm, b, a, loose) = (
            person(&mut store, "Decider"),
            person(&mut store, "Bridge"),
            person(&mut store, "Adviser"),
            person(&mut store, "Loose"),
        );
        store
            .add_member(
                &MemberInput {
                    account_id: account,
                    person_id: dm,
                    buying_role: BuyingRole::DecisionMaker,
                    decision_style: DecisionStyle::Analytical,
                    notes: String::new(),
                },
                Source::User,
            )
            .unwrap();
        // Adviser → Bridge → Decider; the loose person is tied to nobody.
        store.add_link(&link(a, b, LinkKind::Influences, 5), Source::User).unwrap();
        store.add_link(&link(dm, b, LinkKind::ReportsTo, 5), Source::User).unwrap();
        let routes = store
            .who_influences(&NetworkScope { account_id: Some(account), ..Default::default() }, today(), 10)
            .unwrap();
        let paths: Vec<Vec<&str>> = routes.iter().map(|r| r.path.iter().map(|p| p.name.as_str()).collect()).collect();
        assert!(paths.contains(&vec!["Decider"]));
        assert!(paths.contains(&vec!["Bridge", "Decider"]));
        assert!(paths.contains(&vec!["Adviser", "Bridge", "Decider"]));
        assert!(!routes.iter().any(|r| r.person.name == "Loose"));
        assert!(routes.iter().all(|r| (r.strength - 1.0).abs() < 1e-9));
        // Seen as a graph: the account's decision and whoever sways it, the loose person left out.
        let graph =
            store.network_graph(&NetworkScope { account_id: Some(account), ..Default::default() }, today()).unwrap();
        let mut names: Vec<_> = graph.nodes.iter().map(|n| (n.name.as_str(), n.decides)).collect();
        names.sort();
        assert_eq!(names, [("Adviser", false), ("Bridge", false), ("Decider", true)]);
        assert_eq!(graph.links.len(), 2);
        assert_eq!(graph.nodes.iter().find(|n| n.name == "Decider").unwrap().account_ids, [account]);

        // A committee: the chair decides; an adviser to it counts at half their tie's strength.
        let committee = store
            .create_committee(
                &CommitteeInput {
                    name: "Drug committee".into(),
                    kind: Some(CommitteeKind::Formulary),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        let tie = |person_id, kind, strength| TieInput {
            person_id,
            account_id: None,
            committee_id: Some(committee),
            kind,
            role: String::new(),
            strength,
            since: None,
            until: None,
            source_note: String::new(),
        };
        store.add_tie(&tie(b, TieKind::DecidesFor, 5), Source::User).unwrap();
        store.add_tie(&tie(loose, TieKind::Advises, 4), Source::User).unwrap();
        let mut ended = tie(dm, TieKind::MemberOf, 5);
        ended.until = Some("2025-12-31".into());
        store.add_tie(&ended, Source::User).unwrap();
        let routes = store
            .who_influences(&NetworkScope { committee_id: Some(committee), ..Default::default() }, today(), 10)
            .unwrap();
        let strength = |name: &str| routes.iter().find(|r| r.person.name == name).map(|r| r.strength);
        assert_eq!(strength("Bridge"), Some(1.0));
        assert_eq!(strength("Adviser"), Some(1.0));
        assert_eq!(strength("Loose"), Some(0.4)); // 4 ÷ 2 ÷ 5
        assert_eq!(strength("Decider"), None); // the tie ended last year
        assert_eq!(store.committee(committee).unwrap().members, 2);
        assert_eq!(store.committees().unwrap().len(), 1);

        // A tender: its linked people and its buyer's decision group.
        let tender = store
            .create_tender(
                &crate::tenders::TenderInput {
                    buyer_id: Some(account),
                    title: "Oncology 2027".into(),
                    procedure: Some(crate::tenders::Procedure::OpenTender),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        store.link_tender_person(tender, loose, "Tender commission").unwrap();
        let routes =
            store.who_influences(&NetworkScope { tender_id: Some(tender), ..Default::default() }, today(), 10).unwrap();
        let names: Vec<_> = routes.iter().map(|r| r.person.name.as_str()).collect();
        assert!(names.contains(&"Loose") && names.contains(&"Decider") && names.contains(&"Adviser"));
        assert_eq!(store.who_influences(&NetworkScope::default(), today(), 10).unwrap_err().code(), "required");
    }

    #[test]
    fn balance_of_power_history_follows_the_dated_attitudes() {
        let (_dir, mut store) = setup();
        let (a, b) = (person(&mut store, "Aalto"), person(&mut store, "Berg"));
        let profile = |tier| ProfileInput { tier: Some(tier), ..Default::default() };
        store.update_profile(a, &profile(Tier::National), today(), Source::User).unwrap();
        store.update_profile(b, &profile(Tier::Local), today(), Source::User).unwrap();
        let attitude = |x| ProfileChange::Attitude(x);
        for (p, x, date) in [
            (b, Attitude::Neutral, "2026-01-05"),
            (a, Attitude::Advocate, "2026-03-10"),
            (a, Attitude::Opponent, "2026-09-15"),
        ] {
            store.record_change(&change(p, attitude(x), date), today(), Source::User).unwrap();
        }
        // No links: both have the same PageRank (÷ max = 1) and no betweenness. With the default weights
        // Aalto (national) scores 100 × (0.40 × 1 + 0.25 × 0.75) = 58.75 and Berg (local) 100 × (0.40 + 0.25 × 0.25)
        // = 46.25, of 105 together.
        let s = store.network_summary(&NetworkScope::default(), today()).unwrap();
        assert_eq!((s.people, s.links), (2, 0));
        let close = |x: f64, y: f64| (x - y).abs() < 1e-9;
        assert!(close(s.top[0].score, 58.75) && close(s.top[1].score, 46.25));
        assert!(close(s.balance.unfavourable, 58.75 / 105.0) && close(s.balance.neutral, 46.25 / 105.0));
        let days: Vec<String> = s.history.iter().map(|p| p.date.to_string()).collect();
        assert_eq!(days.len(), 13);
        assert_eq!(
            (days[0].as_str(), days[11].as_str(), days[12].as_str()),
            ("2025-11-30", "2026-10-31", "2026-11-27")
        );
        let at = |day: &str| s.history.iter().find(|p| p.date.to_string() == day).unwrap().balance;
        // Before anyone's attitude was known, everything counts as neutral.
        assert!(close(at("2025-12-31").neutral, 1.0));
        assert!(close(at("2026-02-28").neutral, 1.0));
        assert!(close(at("2026-03-31").favourable, 58.75 / 105.0));
        assert!(close(at("2026-08-31").favourable, 58.75 / 105.0));
        assert!(close(at("2026-09-30").unfavourable, 58.75 / 105.0) && close(at("2026-09-30").favourable, 0.0));
        // Both have no relationship yet: both are gaps, the more influential first.
        let gaps: Vec<_> = s.gaps.iter().map(|g| g.person.name.as_str()).collect();
        assert_eq!(gaps, ["Aalto", "Berg"]);

        // Narrowed to a therapy area.
        let areas =
            ProfileInput { tier: Some(Tier::National), therapy_areas: vec!["Oncology".into()], ..Default::default() };
        store.update_profile(a, &areas, today(), Source::User).unwrap();
        let onc = NetworkScope { therapy_area: Some("oncology".into()), ..Default::default() };
        let s = store.network_summary(&onc, today()).unwrap();
        assert_eq!(s.people, 1);
        assert!(close(s.balance.unfavourable, 1.0));
    }

    #[test]
    fn weights_change_the_scores_and_bad_weights_are_refused() {
        let (_dir, mut store) = setup();
        let a = person(&mut store, "Aalto");
        store
            .update_profile(a, &ProfileInput { tier: Some(Tier::Local), ..Default::default() }, today(), Source::User)
            .unwrap();
        let score = |store: &Store| store.network_profile(a, today()).unwrap().standing.unwrap().score;
        assert!((score(&store) - 46.25).abs() < 1e-9);
        let only_tier = InfluenceWeights { pagerank: 0.0, betweenness: 0.0, tier: 1.0, activity: 0.0 };
        store.save_influence_weights(&only_tier).unwrap();
        assert!((score(&store) - 25.0).abs() < 1e-9);
        let none = InfluenceWeights { tier: 0.0, ..only_tier };
        assert!(store.save_influence_weights(&none).is_err());
        assert_eq!(store.influence_weights().unwrap(), only_tier);
    }

    #[test]
    fn graphml_carries_people_links_ties_and_the_computed_metrics() {
        let (_dir, mut store) = setup();
        let (a, b) = (person(&mut store, "Aalto & Co"), person(&mut store, "Berg"));
        let mut l = link(a, b, LinkKind::MentorOf, 4);
        l.since = Some("2020-01-01".into());
        l.source_note = "Congress <2024>".into();
        store.add_link(&l, Source::User).unwrap();
        let committee = store
            .create_committee(
                &CommitteeInput {
                    name: "Tender board".into(),
                    kind: Some(CommitteeKind::TenderCommission),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap()
            .id;
        store
            .add_tie(
                &TieInput {
                    person_id: b,
                    account_id: None,
                    committee_id: Some(committee),
                    kind: TieKind::MemberOf,
                    role: "secretary".into(),
                    strength: 3,
                    since: None,
                    until: None,
                    source_note: String::new(),
                },
                Source::User,
            )
            .unwrap();
        store
            .add_activity(
                &ActivityInput {
                    person_id: a,
                    kind: crate::types::ActivityKind::Publication,
                    title: "PubMed".into(),
                    year: None,
                    count: Some(12),
                    note: String::new(),
                },
                today(),
                Source::User,
            )
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("network.graphml");
        store.write_graphml(&file, today()).unwrap();
        let xml = std::fs::read_to_string(&file).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap();
        let data = |node: roxmltree::Node, key: &str| {
            node.children().find(|c| c.attribute("key") == Some(key)).and_then(|c| c.text()).map(str::to_string)
        };
        let node =
            |id: String| doc.descendants().find(|n| n.has_tag_name("node") && n.attribute("id") == Some(&id)).unwrap();
        let pa = node(format!("p{a}"));
        assert_eq!(data(pa, "node_label").as_deref(), Some("Aalto & Co"));
        assert_eq!(data(pa, "node_scientific_activity").as_deref(), Some("12"));
        let pa_score: f64 = data(pa, "node_influence_score").unwrap().parse().unwrap();
        assert!((pa_score - store.network_profile(a, today()).unwrap().standing.unwrap().score).abs() < 1e-9);
        assert!(data(pa, "node_pagerank").is_some() && data(pa, "node_betweenness").is_some());
        assert_eq!(data(node(format!("c{committee}")), "node_node_type").as_deref(), Some("committee"));
        let edges: Vec<_> = doc.descendants().filter(|n| n.has_tag_name("edge")).collect();
        assert_eq!(edges.len(), 2);
        assert_eq!(data(edges[0], "edge_relation").as_deref(), Some("mentor_of"));
        assert_eq!(data(edges[0], "edge_source_note").as_deref(), Some("Congress <2024>"));
        assert_eq!(data(edges[0], "edge_since").as_deref(), Some("2020-01-01"));
        assert_eq!(data(edges[1], "edge_role").as_deref(), Some("secretary"));
        assert_eq!(edges[1].attribute("target").unwrap(), format!("c{committee}"));
    }

    #[test]
    fn pinned_positions_are_remembered_until_released() {
        let (_dir, mut store) = setup();
        let a = person(&mut store, "Aalto");
        store.pin_positions(&[(a, 10.5, -3.0), (999, 1.0, 1.0)]).unwrap();
        let graph = store.network_graph(&NetworkScope::default(), today()).unwrap();
        assert_eq!(graph.nodes[0].pinned, Some((10.5, -3.0)));
        assert!(store.pin_positions(&[(a, f64::NAN, 0.0)]).is_err());
        store.unpin(&[a]).unwrap();
        assert_eq!(store.network_graph(&NetworkScope::default(), today()).unwrap().nodes[0].pinned, None);
    }

    #[test]
    fn history_days_are_month_ends_then_today() {
        let days = history_days(d(2024, 3, 31));
        assert_eq!(days.first(), Some(&d(2023, 3, 31)));
        assert_eq!(days[11], d(2024, 2, 29));
        assert_eq!(days.last(), Some(&d(2024, 3, 31)));
        assert_eq!(days.len(), 13);
    }
}
