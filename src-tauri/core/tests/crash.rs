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

const IMPORT_CHILD_ENV: &str = "AVAIN_CRASH_IMPORT_CHILD";

fn report(rows: usize, month: u32) -> String {
    let mut text = String::from("Customer;Product;Date;Quantity;Amount\n");
    for i in 0..rows {
        text += &format!(
            "Pharmacy {};Product {};2024-{month:02}-{:02};{};{},50\n",
            i % 300,
            i % 40,
            i % 28 + 1,
            i % 9 + 1,
            i % 500
        );
    }
    text
}

#[test]
fn import_child() {
    use std::io::Write;
    let Some(dir) = std::env::var_os(IMPORT_CHILD_ENV) else { return };
    let dir = std::path::PathBuf::from(dir);
    let mut store = Store::open(&dir.join("data")).unwrap();
    let options = avain_core::sales::ImportOptions { source: Some("Tukku".into()), ..Default::default() };
    store.import_sales(&dir.join("small.csv"), &options, &mut |_, _| true).unwrap();
    println!("first import saved");
    let mut told = false;
    store
        .import_sales(&dir.join("big.csv"), &options, &mut |done, total| {
            if !told && done * 3 > total {
                told = true;
                println!("importing");
                std::io::stdout().flush().unwrap();
                // Give the parent time to kill us mid-transaction.
                std::thread::sleep(std::time::Duration::from_secs(30));
            }
            true
        })
        .unwrap();
    println!("second import saved");
}

#[test]
fn kill_9_during_an_import_leaves_the_data_as_before_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.csv"), report(50, 1)).unwrap();
    std::fs::write(dir.path().join("big.csv"), report(200_000, 2)).unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["import_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(IMPORT_CHILD_ENV, dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut first_saved = false;
    loop {
        let line = lines.next().expect("child stopped early").unwrap();
        // libtest may print "test import_child ... " before the first line.
        first_saved |= line.ends_with("first import saved");
        assert!(!line.ends_with("second import saved"));
        if line.ends_with("importing") {
            break;
        }
    }
    assert!(first_saved);
    child.kill().unwrap();
    child.wait().unwrap();

    let store = Store::open(&dir.path().join("data")).unwrap();
    assert_eq!(store.integrity_check().unwrap(), "ok");
    let imports = store.list_imports().unwrap();
    assert_eq!(imports.len(), 1, "only the finished import is there");
    assert_eq!(imports[0].lines, 50);
    assert_eq!(imports[0].active_lines, 50, "no line of the killed import was kept");
}
