//! Ctrl+K: one full-text search (SQLite FTS5) over accounts, people, interactions, tasks and their notes.
//! Every word typed is matched as a prefix, accents ignored, names weighted above notes.

use chrono::NaiveDate;
use rusqlite::{named_params, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::Result;
use crate::store::Store;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SearchKind {
    Account,
    Person,
    Interaction,
    Task,
}

impl SearchKind {
    /// The kind encoded in the low bits of a search-index rowid (see migration 0001).
    fn from_code(code: i64) -> Option<Self> {
        match code {
            1 => Some(SearchKind::Account),
            2 => Some(SearchKind::Person),
            3 => Some(SearchKind::Interaction),
            4 => Some(SearchKind::Task),
            _ => None,
        }
    }
}

/// Marks the start and end of a matched word in [`SearchHit::snippet`]; the UI turns them into highlights.
pub const MATCH_START: char = '\u{1}';
pub const MATCH_END: char = '\u{2}';

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: i64,
    pub title: String,
    /// Where it belongs: an account's region and parent, a person's title and accounts, an interaction's or task's
    /// account.
    pub subtitle: String,
    /// An interaction's date or a task's due date.
    pub date: Option<NaiveDate>,
    /// The matching passage of notes or outcome, when the match is not in the title.
    pub snippet: String,
    /// Where the hit opens: an interaction or task opens in its account, else with its person.
    pub account_id: Option<i64>,
    pub person_id: Option<i64>,
}

/// Turns what the user typed into an FTS5 query: every word a quoted prefix, all words required.
pub fn fts_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(12)
        .map(|w| format!("\"{w}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    pub fn search(&self, text: &str, limit: u32) -> Result<Vec<SearchHit>> {
        let Some(query) = fts_query(text) else { return Ok(Vec::new()) };
        let mut stmt = self.conn.prepare_cached(
            "SELECT rowid, title, snippet(search_index, 1, char(1), char(2), '…', 12)
             FROM search_index WHERE search_index MATCH :q
             ORDER BY bm25(search_index, 10.0, 1.0) LIMIT :limit",
        )?;
        let rows = stmt.query_map(named_params! { ":q": query, ":limit": limit.clamp(1, 100) }, |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?))
        })?;
        let mut hits = Vec::new();
        for row in rows {
            let (rowid, title, snippet) = row?;
            let Some(kind) = SearchKind::from_code(rowid % 8) else { continue };
            let id = rowid / 8;
            let snippet = if snippet.contains(MATCH_START) { snippet.trim().to_string() } else { String::new() };
            let Some(context) = self.hit_context(kind, id)? else { continue };
            hits.push(SearchHit {
                kind,
                id,
                title,
                subtitle: context.subtitle,
                date: context.date,
                snippet,
                account_id: context.account_id,
                person_id: context.person_id,
            });
        }
        Ok(hits)
    }

    /// The hit's subtitle, date, and where it opens; `None` if the record vanished meanwhile.
    fn hit_context(&self, kind: SearchKind, id: i64) -> Result<Option<HitContext>> {
        // Columns: two subtitle parts, a date, the account and the person the hit opens with.
        let sql = match kind {
            SearchKind::Account => {
                "SELECT a.region, p.name, NULL, a.id, NULL FROM accounts a LEFT JOIN accounts p ON p.id = a.parent_id
                 WHERE a.id = ?1"
            }
            SearchKind::Person => {
                "SELECT p.title, (SELECT group_concat(a.name, ', ') FROM affiliations f
                    JOIN accounts a ON a.id = f.account_id WHERE f.person_id = p.id AND f.end_date IS NULL),
                    NULL, NULL, p.id
                 FROM people p WHERE p.id = ?1"
            }
            SearchKind::Interaction => {
                "SELECT a.name, NULL, i.date, i.account_id,
                    (SELECT min(person_id) FROM interaction_people WHERE interaction_id = i.id)
                 FROM interactions i LEFT JOIN accounts a ON a.id = i.account_id WHERE i.id = ?1"
            }
            SearchKind::Task => {
                "SELECT COALESCE(a.name, p.first_name || ' ' || p.last_name), NULL, t.due_date, t.account_id, t.person_id
                 FROM tasks t LEFT JOIN accounts a ON a.id = t.account_id LEFT JOIN people p ON p.id = t.person_id
                 WHERE t.id = ?1"
            }
        };
        let context = self
            .conn
            .prepare_cached(sql)?
            .query_row([id], |r| {
                let parts = [r.get::<_, Option<String>>(0)?, r.get::<_, Option<String>>(1)?];
                Ok(HitContext {
                    subtitle: parts.into_iter().flatten().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · "),
                    date: r.get(2)?,
                    account_id: r.get(3)?,
                    person_id: r.get(4)?,
                })
            })
            .optional()?;
        Ok(context)
    }
}

struct HitContext {
    subtitle: String,
    date: Option<NaiveDate>,
    account_id: Option<i64>,
    person_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountInput;
    use crate::interactions::InteractionInput;
    use crate::people::PersonInput;
    use crate::types::{AccountKind, InteractionKind, Source};

    #[test]
    fn queries_are_prefixes_and_safe() {
        assert_eq!(fts_query("virt anna").as_deref(), Some("\"virt\"* \"anna\"*"));
        assert_eq!(fts_query("\" OR * NEAR(").as_deref(), Some("\"OR\"* \"NEAR\"*"));
        assert_eq!(fts_query("  -- "), None);
    }

    #[test]
    fn finds_accounts_people_interactions_and_notes_ignoring_accents() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let account = store
            .create_account(
                &AccountInput {
                    name: "Rantamäki Hospital".into(),
                    kind: Some(AccountKind::Hospital),
                    region: "Järvimaa".into(),
                    notes: "Strong interest in biosimilars".into(),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let person = store
            .create_person(
                &PersonInput {
                    first_name: "Anna".into(),
                    last_name: "Hämäläinen".into(),
                    title: "Chief pharmacist".into(),
                    ..Default::default()
                },
                today,
                Source::User,
            )
            .unwrap();
        store
            .log_interaction(
                &InteractionInput {
                    kind: Some(InteractionKind::Visit),
                    date: "2026-11-20".into(),
                    account_id: Some(account.id),
                    person_ids: vec![person.id],
                    topic: "Formulary review".into(),
                    outcome: "Committee meets in January about anticoagulants".into(),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();

        let hits = store.search("hamal", 20).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!((hits[0].kind, hits[0].id), (SearchKind::Person, person.id));
        assert_eq!(hits[0].subtitle, "Chief pharmacist");

        let hits = store.search("rantamaki", 20).unwrap();
        assert_eq!(hits[0].kind, SearchKind::Account);
        assert_eq!(hits[0].subtitle, "Järvimaa");

        let hits = store.search("biosim", 20).unwrap();
        assert_eq!(hits[0].id, account.id);
        assert!(hits[0].snippet.contains(MATCH_START));

        let hits = store.search("anticoag", 20).unwrap();
        assert_eq!(hits[0].kind, SearchKind::Interaction);
        assert_eq!(hits[0].subtitle, "Rantamäki Hospital");
        assert_eq!(hits[0].date.unwrap().to_string(), "2026-11-20");
        assert_eq!((hits[0].account_id, hits[0].person_id), (Some(account.id), Some(person.id)));

        // Renaming updates the index; deleting removes the entry.
        let renamed = AccountInput {
            name: "Koivula Hospital".into(),
            kind: Some(AccountKind::Hospital),
            region: "Järvimaa".into(),
            ..Default::default()
        };
        store.update_account(account.id, &renamed, Source::User).unwrap();
        assert!(store.search("rantamaki", 20).unwrap().is_empty());
        assert_eq!(store.search("koivula", 20).unwrap().len(), 1);
        store.delete_account(account.id, Source::User).unwrap();
        assert!(store.search("koivula", 20).unwrap().is_empty());
        assert!(store.search("", 20).unwrap().is_empty());
    }
}
