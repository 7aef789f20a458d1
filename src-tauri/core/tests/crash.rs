//! A process killed with SIGKILL in the middle of saving loses nothing it had already saved, and the database
//! opens cleanly afterwards. The test runs itself as the child: `child_writer` only writes when the parent
//! started it with AVAIN_CRASH_CHILD set.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use avain_core::accounts::{AccountFilter, AccountInput};
use avain_core::types::{AccountKind, Source};
use avain_core::Store;

const CHILD_ENV: &str = "AVAIN_CRASH_CHILD";

#[test]
fn child_writer() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else { return };
    let mut store = Store::open(std::path::Path::new(&dir)).unwrap();
    for n in 0.. {
        let input = AccountInput {
            name: format!("Account {n}"),
            kind: Some(AccountKind::Pharmacy),
            notes: "x".repeat(2000),
            ..Default::default()
        };
        let account = store.create_account(&input, Source::User).unwrap();
        // Only announced after the commit returned.
        println!("saved {}", account.id);
    }
}

#[test]
fn kill_9_during_saves_loses_nothing_saved() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["child_writer", "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut saved = Vec::new();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    while saved.len() < 300 {
        let line = lines.next().expect("child stopped early").unwrap();
        if let Some(id) = line.strip_prefix("saved ") {
            saved.push(id.parse::<i64>().unwrap());
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix: no chance to clean up, mid-transaction.
    child.wait().unwrap();

    let store = Store::open(dir.path()).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let ids: std::collections::HashSet<i64> =
        store.list_accounts(&AccountFilter::default()).unwrap().into_iter().map(|a| a.id).collect();
    for id in &saved {
        assert!(ids.contains(id), "account {id} was reported saved but is gone");
    }
    // And the search index agrees with the table.
    assert!(!store.search("Account", 5).unwrap().is_empty());
}

#[test]
fn a_database_from_a_newer_avain_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    drop(Store::open(dir.path()).unwrap());
    let path = dir.path().join(avain_core::store::DB_FILE);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", 99).unwrap();
    drop(conn);
    let before = std::fs::read(&path).unwrap();

    let err = Store::open(dir.path()).err().expect("refused");
    assert_eq!(err.code(), "newer_database");
    assert!(err.to_string().contains("newer version of Avain"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
