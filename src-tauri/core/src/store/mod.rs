//! The SQLite store: one file in the data folder, opened in WAL mode with foreign keys on, migrated on open
//! (after a `VACUUM INTO` backup), backed up and restored through SQLite itself, never by copying files.
//!
//! Every write goes through a [`Store`] method that names its [`Source`] and announces one [`Change`], so open
//! screens can refresh themselves whatever made the change.

mod accounts;
mod interactions;
mod migrations;
mod network;
mod people;
mod plans;
mod proposals;
mod sales;
mod skus;
mod tenders;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, OptionalExtension};
use serde::Serialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::types::Source;

pub(crate) use accounts::insert_account;
pub(crate) use interactions::{insert_interaction, insert_task, tasks_where};
pub use migrations::{migrate, Migration, MIGRATIONS};
pub use network::{history_days, INFLUENCE_HOPS};
pub(crate) use network::{insert_activity, insert_change, insert_committee, insert_link, insert_tie, set_profile};
pub(crate) use people::insert_person;
pub(crate) use plans::{insert_plan, insert_step};
pub use proposals::{Block, BlockInput, MixRate, ProposalPreview, ProposalStats, StatusCount};
pub use sales::{ImportOutcome, ImportRow, ReportedKind, ReportedValue, Suggestion};
pub(crate) use skus::insert_sku;
pub(crate) use tenders::{insert_tender, set_tender_status_in};
pub use tenders::{
    CalendarItem, CoverageAlert, DocumentInput, Lot, PlannedMilestone, ProcedureTemplate, StatusChange, Tender,
    TenderDocument, TenderPerson, TenderRow, DEFAULT_DOCUMENTS,
};

/// "AVAI": marks a SQLite file as an Avain database.
pub const APPLICATION_ID: i32 = 0x4156_4149;
pub const DB_FILE: &str = "avain.sqlite";
pub const BACKUP_DIR: &str = "backups";

/// Announced after every committed write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Change {
    /// What changed: "account", "person", "interaction", "task", "settings", or "all" after a restore or demo load.
    pub entity: String,
    pub id: Option<i64>,
    pub action: String,
    pub source: Source,
}

type Listener = Box<dyn Fn(&Change) + Send>;

pub struct Store {
    pub(crate) conn: Connection,
    data_dir: PathBuf,
    listener: Option<Listener>,
    /// Sales lines loaded for analytics; dropped on every write, loaded again when next asked.
    sales_facts: std::cell::RefCell<Option<std::sync::Arc<crate::sales::analytics::Facts>>>,
    /// The influence network with its metrics, as of one day; dropped on every write.
    network_cache: std::cell::RefCell<Option<std::sync::Arc<network::Loaded>>>,
}

/// The folder Avain keeps its data in: `AVAIN_DATA_DIR` if set, else the OS data folder.
pub fn default_data_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("AVAIN_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(|| PathBuf::from(".")).join("fi.avain.desktop")
}

pub(crate) fn now_timestamp() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir` and brings its schema up to date.
    pub fn open(data_dir: &Path) -> Result<Store> {
        std::fs::create_dir_all(data_dir).map_err(|e| Error::io(data_dir, e))?;
        let path = data_dir.join(DB_FILE);
        let mut conn = Connection::open(&path)?;
        configure(&conn)?;
        migrate(&mut conn, MIGRATIONS, &data_dir.join(BACKUP_DIR))?;
        Ok(Store {
            conn,
            data_dir: data_dir.to_path_buf(),
            listener: None,
            sales_facts: Default::default(),
            network_cache: Default::default(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join(DB_FILE)
    }

    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Called after every committed write (the shell forwards it to the window as an event).
    pub fn set_listener(&mut self, listener: impl Fn(&Change) + Send + 'static) {
        self.listener = Some(Box::new(listener));
    }

    pub(crate) fn announce(&self, entity: &str, id: Option<i64>, action: &str, source: Source) {
        // Proposals and settings change neither the network nor the sales figures.
        if !matches!(entity, "settings" | "proposal" | "proposal_block") {
            self.network_cache.replace(None);
            self.sales_facts.replace(None);
        }
        if let Some(listener) = &self.listener {
            listener(&Change { entity: entity.to_string(), id, action: action.to_string(), source });
        }
    }

    /// Writes a consistent copy of the whole database to `target` (which must not exist yet).
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(Error::invalid(
                "backup_exists",
                "path",
                format!("{} already exists; choose a new file name for the backup.", target.display()),
            ));
        }
        if let Some(parent) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let target_text = target.to_str().ok_or_else(|| {
            Error::invalid("bad_path", "path", "The backup path contains characters Avain cannot use.")
        })?;
        self.conn.execute("VACUUM INTO ?1", [target_text])?;
        Ok(())
    }

    /// A backup in the data folder's `backups/` with a timestamped name; returns its path.
    pub fn backup_now(&self) -> Result<PathBuf> {
        let name = format!("avain-{}.sqlite", chrono::Local::now().format("%Y-%m-%d-%H%M%S"));
        let target = self.data_dir.join(BACKUP_DIR).join(name);
        self.backup_to(&target)?;
        Ok(target)
    }

    /// Replaces all data with the backup at `source`. The backup is checked first (an Avain database, not from a
    /// newer Avain), the current data is backed up into `backups/`, then the backup is copied in through SQLite's
    /// backup API and migrated if it is older. Returns the path of the safety copy of the replaced data.
    pub fn restore_from(&mut self, source: &Path) -> Result<PathBuf> {
        check_restorable(source)?;
        let safety = self
            .data_dir
            .join(BACKUP_DIR)
            .join(format!("before-restore-{}.sqlite", chrono::Local::now().format("%Y-%m-%d-%H%M%S")));
        self.backup_to(&safety)?;
        self.conn.restore(rusqlite::MAIN_DB, source, None::<fn(rusqlite::backup::Progress)>)?;
        configure(&self.conn)?;
        migrate(&mut self.conn, MIGRATIONS, &self.data_dir.join(BACKUP_DIR))?;
        self.announce("all", None, "restored", Source::User);
        Ok(safety)
    }

    /// True when nothing has been entered yet (the first-run choice is offered then).
    pub fn is_empty(&self) -> Result<bool> {
        let n: i64 =
            self.conn.query_row("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM people)", [], |r| {
                r.get(0)
            })?;
        Ok(n == 0)
    }

    /// SQLite's own consistency check; "ok" when the file is sound.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }
}

fn check_restorable(source: &Path) -> Result<()> {
    let not_avain = || Error::NotAnAvainDatabase { path: source.display().to_string() };
    if !source.is_file() {
        return Err(Error::io(source, std::io::Error::new(std::io::ErrorKind::NotFound, "no such file")));
    }
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_ONLY).map_err(|_| not_avain())?;
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0)).map_err(|_| not_avain())?;
    if app_id != APPLICATION_ID {
        return Err(not_avain());
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let supported = MIGRATIONS.len() as i64;
    if version > supported {
        return Err(Error::NewerDatabase { found: version, supported });
    }
    let has_accounts: Option<String> = conn
        .query_row("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'accounts'", [], |r| r.get(0))
        .optional()?;
    if has_accounts.is_none() {
        return Err(not_avain());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_in_wal_with_foreign_keys_and_latest_schema() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let mode: String = store.conn.pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store.conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).unwrap();
        assert_eq!(fk, 1);
        assert_eq!(store.schema_version().unwrap(), MIGRATIONS.len() as i64);
        assert!(store.is_empty().unwrap());
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn backup_and_restore_bring_back_the_data_and_keep_a_safety_copy() {
        use crate::accounts::{AccountFilter, AccountInput};
        use crate::types::AccountKind;
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("data")).unwrap();
        let account =
            |name: &str| AccountInput { name: name.into(), kind: Some(AccountKind::Hospital), ..Default::default() };
        store.create_account(&account("Before backup"), Source::User).unwrap();
        let backup = dir.path().join("copy.sqlite");
        store.backup_to(&backup).unwrap();
        assert_eq!(store.backup_to(&backup).unwrap_err().code(), "backup_exists");
        store.create_account(&account("After backup"), Source::User).unwrap();

        let changes = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = changes.clone();
        store.set_listener(move |c| seen.lock().unwrap().push(c.entity.clone()));
        let safety = store.restore_from(&backup).unwrap();
        let names: Vec<_> =
            store.list_accounts(&AccountFilter::default()).unwrap().into_iter().map(|a| a.name).collect();
        assert_eq!(names, ["Before backup"]);
        assert_eq!(changes.lock().unwrap().as_slice(), ["all"]);
        // The replaced data is kept, and is itself a restorable Avain database.
        check_restorable(&safety).unwrap();
        assert_eq!(store.search("before", 5).unwrap().len(), 1);
        assert_eq!(store.integrity_check().unwrap(), "ok");
    }

    #[test]
    fn restore_refuses_files_that_are_not_avain_databases() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("data")).unwrap();
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "hello").unwrap();
        assert_eq!(store.restore_from(&text).unwrap_err().code(), "not_an_avain_database");
        let other = dir.path().join("other.sqlite");
        Connection::open(&other).unwrap().execute_batch("CREATE TABLE t(x)").unwrap();
        assert_eq!(store.restore_from(&other).unwrap_err().code(), "not_an_avain_database");
        assert_eq!(store.restore_from(&dir.path().join("missing.sqlite")).unwrap_err().code(), "io");
    }
}
