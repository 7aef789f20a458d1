//! Numbered schema migrations. The schema version is SQLite's `user_version`; migration N brings version N-1 to
//! N. Pending migrations run together in one transaction, after a `VACUUM INTO` backup of the old data, and a
//! database from a newer Avain is refused before anything is touched.

use std::path::Path;

use rusqlite::Connection;

use super::APPLICATION_ID;
use crate::error::{Error, Result};

pub struct Migration {
    pub name: &'static str,
    pub sql: &'static str,
}

pub const MIGRATIONS: &[Migration] = &[
    Migration { name: "initial", sql: include_str!("migrations/0001_initial.sql") },
    Migration { name: "sales", sql: include_str!("migrations/0002_sales.sql") },
    Migration { name: "plans and receivables", sql: include_str!("migrations/0003_plans_receivables.sql") },
    Migration { name: "tenders", sql: include_str!("migrations/0004_tenders.sql") },
    Migration { name: "tender reminders", sql: include_str!("migrations/0005_tender_reminders.sql") },
    Migration { name: "influence network", sql: include_str!("migrations/0006_network.sql") },
    Migration { name: "proposals", sql: include_str!("migrations/0007_proposals.sql") },
];

/// Brings `conn` up to the last of `migrations`. Returns the version it started from.
pub fn migrate(conn: &mut Connection, migrations: &[Migration], backup_dir: &Path) -> Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let latest = migrations.len() as i64;
    if found > latest {
        return Err(Error::NewerDatabase { found, supported: latest });
    }
    if found == latest {
        return Ok(found);
    }
    let app_id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    let tables: i64 = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID && tables > 0 {
        let path = conn.path().unwrap_or("the database").to_string();
        return Err(Error::NotAnAvainDatabase { path });
    }
    if found > 0 {
        backup_before_migration(conn, found, backup_dir)?;
    }
    let tx = conn.transaction()?;
    for (index, migration) in migrations.iter().enumerate().skip(found as usize) {
        tracing::info!(version = index + 1, name = migration.name, "applying migration");
        tx.execute_batch(migration.sql)?;
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    tx.commit()?;
    Ok(found)
}

fn backup_before_migration(conn: &Connection, version: i64, backup_dir: &Path) -> Result<()> {
    std::fs::create_dir_all(backup_dir).map_err(|e| Error::io(backup_dir, e))?;
    let stamp = chrono::Local::now().format("%Y-%m-%d-%H%M%S");
    let target = backup_dir.join(format!("before-migration-v{version}-{stamp}.sqlite"));
    let target = target.to_str().ok_or_else(|| Error::invalid("bad_path", "path", "Unusable backup path."))?;
    conn.execute("VACUUM INTO ?1", [target])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TWO_STEPS: &[Migration] = &[
        Migration { name: "one", sql: "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL);" },
        Migration { name: "two", sql: "ALTER TABLE things ADD COLUMN colour TEXT NOT NULL DEFAULT 'blue';" },
    ];

    fn version(conn: &Connection) -> i64 {
        conn.pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
    }

    #[test]
    fn the_real_schema_builds_from_an_empty_database() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("db.sqlite")).unwrap();
        assert_eq!(migrate(&mut conn, MIGRATIONS, &dir.path().join("b")).unwrap(), 0);
        assert_eq!(version(&conn), MIGRATIONS.len() as i64);
        // An empty database has nothing to lose, so no backup is written.
        assert!(!dir.path().join("b").exists());
        // Running again is a no-op.
        assert_eq!(migrate(&mut conn, MIGRATIONS, &dir.path().join("b")).unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn every_earlier_version_upgrades_to_the_latest_keeping_data_and_backing_up_first() {
        for start in 1..TWO_STEPS.len() {
            let dir = tempfile::tempdir().unwrap();
            let backups = dir.path().join("backups");
            let mut conn = Connection::open(dir.path().join("db.sqlite")).unwrap();
            migrate(&mut conn, &TWO_STEPS[..start], &backups).unwrap();
            conn.execute("INSERT INTO things(name) VALUES ('kept')", []).unwrap();

            assert_eq!(migrate(&mut conn, TWO_STEPS, &backups).unwrap(), start as i64);
            assert_eq!(version(&conn), TWO_STEPS.len() as i64);
            let colour: String =
                conn.query_row("SELECT colour FROM things WHERE name = 'kept'", [], |r| r.get(0)).unwrap();
            assert_eq!(colour, "blue");

            let backup = std::fs::read_dir(&backups).unwrap().next().unwrap().unwrap().path();
            let old = Connection::open(&backup).unwrap();
            assert_eq!(version(&old), start as i64);
        }
    }

    #[test]
    fn the_real_schema_upgrades_from_every_earlier_version_keeping_data() {
        for start in 1..MIGRATIONS.len() {
            let dir = tempfile::tempdir().unwrap();
            let mut conn = Connection::open(dir.path().join("db.sqlite")).unwrap();
            migrate(&mut conn, &MIGRATIONS[..start], &dir.path().join("b")).unwrap();
            conn.execute(
                "INSERT INTO accounts (name, name_key, kind, status, created_at, updated_at)
                 VALUES ('Kept', 'kept', 'hospital', 'key', '2026-01-01', '2026-01-01')",
                [],
            )
            .unwrap();
            assert_eq!(migrate(&mut conn, MIGRATIONS, &dir.path().join("b")).unwrap(), start as i64);
            let name: String = conn.query_row("SELECT name FROM accounts", [], |r| r.get(0)).unwrap();
            assert_eq!(name, "Kept");
            assert!(std::fs::read_dir(dir.path().join("b")).unwrap().count() == 1, "a backup was made first");
        }
    }

    #[test]
    fn a_failing_migration_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("db.sqlite")).unwrap();
        migrate(&mut conn, &TWO_STEPS[..1], &dir.path().join("b")).unwrap();
        let broken = [
            Migration { name: "one", sql: TWO_STEPS[0].sql },
            Migration { name: "ok", sql: "CREATE TABLE extra (x);" },
            Migration { name: "bad", sql: "ALTER TABLE nowhere ADD COLUMN y;" },
        ];
        assert!(migrate(&mut conn, &broken, &dir.path().join("b")).is_err());
        assert_eq!(version(&conn), 1);
        let extra: i64 =
            conn.query_row("SELECT count(*) FROM sqlite_master WHERE name = 'extra'", [], |r| r.get(0)).unwrap();
        assert_eq!(extra, 0);
    }

    #[test]
    fn a_newer_database_is_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("db.sqlite")).unwrap();
        migrate(&mut conn, TWO_STEPS, &dir.path().join("b")).unwrap();
        let err = migrate(&mut conn, &TWO_STEPS[..1], &dir.path().join("b")).unwrap_err();
        assert!(matches!(err, Error::NewerDatabase { found: 2, supported: 1 }));
        assert!(err.to_string().contains("newer version of Avain"));
        assert_eq!(version(&conn), 2);
    }

    #[test]
    fn a_foreign_sqlite_file_is_not_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("db.sqlite")).unwrap();
        conn.execute_batch("CREATE TABLE invoices (id INTEGER)").unwrap();
        assert_eq!(migrate(&mut conn, MIGRATIONS, &dir.path().join("b")).unwrap_err().code(), "not_an_avain_database");
    }
}
