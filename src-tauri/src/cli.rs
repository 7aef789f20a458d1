//! The command line: `avain` opens the window; subcommands do headless work on the same data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use avain_core::demo::DEFAULT_SEED;
use avain_core::sales::{ImportOptions, Understanding};
use avain_core::types::Language;
use avain_core::Store;
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(
    name = "avain",
    version,
    about = "Avain: the key account manager's workbench. With no command, opens the window."
)]
pub struct Args {
    /// Folder holding Avain's data (default: $AVAIN_DATA_DIR, else the system's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Fill an empty data folder with the fictional demo region (for exploring and benchmarks).
    Demo {
        /// How many copies of the region (1 = 41 accounts and 150 people).
        #[arg(long, default_value_t = 1)]
        scale: u32,
        /// Seed of the generator; the same seed gives the same data.
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
    },
    /// Write a consistent backup of all data to FILE.
    Backup { file: PathBuf },
    /// Replace all data with the backup in FILE (the current data is kept in the backups folder first).
    Restore { file: PathBuf },
    /// Show where the data lives and what it holds.
    Info,
    /// Write a generated distributor report (for benchmarks and trials); with --create-accounts, also add the
    /// accounts and SKUs it names to the data folder, so its rows are matched on import.
    GenerateReport {
        file: PathBuf,
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        #[arg(long, default_value_t = 2_000)]
        customers: u64,
        #[arg(long, default_value_t = 500)]
        products: u64,
        #[arg(long, default_value_t = 2025)]
        year: i32,
        #[arg(long, default_value_t = DEFAULT_SEED)]
        seed: u64,
        #[arg(long)]
        create_accounts: bool,
    },
    /// Time the Sales dashboard on the data folder's sales (the first answer loads the lines; later ones reuse them).
    BenchDashboard {
        #[arg(long, default_value_t = 20)]
        repeat: u32,
    },
    /// Import sales reports (CSV/TSV/TXT, XLSX, XLS, ODS) the same way dropping them on the window does.
    Import {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// The source (distributor or chain) whose mapping profile to use and to remember.
        #[arg(long, value_name = "NAME")]
        profile: Option<String>,
        /// Show what Avain understood and would import; save nothing.
        #[arg(long)]
        dry_run: bool,
        /// Print the result as JSON.
        #[arg(long)]
        json: bool,
        /// Confirm that a report corrects the same source's earlier report for the same months.
        #[arg(long)]
        replace: bool,
    },
    /// Write a file for other programs.
    Export {
        #[command(subcommand)]
        what: Export,
    },
    /// The influence network of opinion leaders and officials.
    Network {
        #[command(subcommand)]
        what: Network,
    },
    /// Commercial proposals.
    Proposal {
        #[command(subcommand)]
        what: Proposal,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum Proposal {
    /// Every proposal: number, status, account, title, total, validity date.
    List,
    /// Render a proposal to PDF, exactly as the window's "Save PDF…" does (a sent version as it was sent).
    Pdf { id: i64, file: PathBuf },
}

#[derive(Debug, clap::Subcommand)]
pub enum Network {
    /// The whole network as GraphML (for Gephi, yEd, networkx): people with their profile, PageRank, betweenness
    /// and influence score; links and ties with kind, strength, dates and source.
    Export { file: PathBuf },
    /// Fill an empty data folder with a generated network (for trying the network view at scale).
    Generate {
        #[arg(long, default_value_t = 5_000)]
        people: usize,
        #[arg(long, default_value_t = 25_000)]
        links: usize,
    },
}

#[derive(Debug, clap::Subcommand)]
pub enum Export {
    /// Tenders' milestones as an iCalendar file (RFC 5545) for Outlook, Google Calendar or Thunderbird. Events keep
    /// their identity, so a calendar that imports (or subscribes to) the file again gets them updated, not doubled.
    Ics {
        file: PathBuf,
        /// First day to include (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        from: Option<chrono::NaiveDate>,
        /// Last day to include (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        to: Option<chrono::NaiveDate>,
    },
}

pub fn run(command: Command, data_dir: &Path) -> ExitCode {
    match execute(command, data_dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("avain: {e}");
            ExitCode::FAILURE
        }
    }
}

fn execute(command: Command, data_dir: &Path) -> avain_core::Result<()> {
    let mut store = Store::open(data_dir)?;
    let today = chrono::Local::now().date_naive();
    match command {
        Command::Demo { scale, seed } => {
            let s = store.load_demo(scale, seed, today)?;
            println!(
                "Demo data written to {}: {} accounts, {} people, {} decision-group members, {} interactions, {} tasks.",
                data_dir.display(),
                s.accounts,
                s.people,
                s.decision_group_members,
                s.interactions,
                s.tasks
            );
        }
        Command::Export { what: Export::Ics { file, from, to } } => {
            let events = store.write_ics(&file, from, to)?;
            println!("{events} tender milestones written to {}.", file.display());
        }
        Command::Network { what: Network::Export { file } } => {
            store.write_graphml(&file, today)?;
            println!("The network was written to {}.", file.display());
        }
        Command::Network { what: Network::Generate { people, links } } => {
            let (people, links) = store.load_synthetic_network(people, links, today)?;
            println!("A generated network of {people} people and {links} links was written to {}.", data_dir.display());
        }
        Command::Proposal { what: Proposal::List } => {
            let rows = store.proposals(today)?;
            if rows.is_empty() {
                println!("No proposals yet.");
            }
            for p in rows {
                let total = avain_core::proposals::document::money(p.total_minor, &p.currency, Language::English);
                let validity = p.validity_date.map(|d| d.to_string()).unwrap_or_else(|| "no validity date".into());
                println!(
                    "{:>5}  {:<18} {} — {} (v{})  {total}  valid until {validity}",
                    p.id,
                    p.status.as_str(),
                    p.account.name,
                    p.title,
                    p.version
                );
            }
        }
        Command::Proposal { what: Proposal::Pdf { id, file } } => {
            let pages = crate::pdf::write_proposal_pdf(&store, id, today, &file)?;
            println!("Proposal {id} was written to {} ({pages} pages).", file.display());
        }
        Command::Backup { file } => {
            store.backup_to(&file)?;
            println!("Backup written to {}.", file.display());
        }
        Command::Restore { file } => {
            let safety = store.restore_from(&file)?;
            println!("Restored from {}. The replaced data was kept in {}.", file.display(), safety.display());
        }
        Command::Import { files, profile, dry_run, json, replace } => {
            let options = ImportOptions { source: profile, replace, ..Default::default() };
            let mut failed = None;
            for file in &files {
                let result = if dry_run {
                    store.inspect_import(file, &options, &mut |_, _| true).map(|u| {
                        if json {
                            println!("{}", serde_json::to_string_pretty(&u).unwrap_or_default());
                        } else {
                            print_understanding(&u);
                        }
                    })
                } else {
                    store.import_sales(file, &options, &mut |_, _| true).map(|o| {
                        if json {
                            println!("{}", serde_json::to_string_pretty(&o).unwrap_or_default());
                        } else {
                            println!(
                                "{}: imported {} lines from {} rows for {} ({} rows excluded, {} replaced); \
                                 {} customers and {} products still to match.",
                                o.file_name,
                                o.summary.lines,
                                o.summary.rows_read,
                                o.source,
                                o.summary.excluded_count,
                                o.replaced_lines,
                                o.unmatched_customers,
                                o.unmatched_products
                            );
                        }
                    })
                };
                if let Err(e) = result {
                    eprintln!("avain: {}: {e}", file.display());
                    failed = Some(e);
                }
            }
            if let Some(e) = failed {
                return Err(e);
            }
        }
        Command::GenerateReport { file, rows, customers, products, year, seed, create_accounts } => {
            let size = avain_core::sales::generate::write_report(&file, rows, customers, products, year, seed)?;
            println!("Wrote {} ({rows} rows, {} MB).", file.display(), size / 1_000_000);
            if create_accounts {
                store.add_generated_accounts(customers, products)?;
                println!("Added {customers} accounts and {products} SKUs to {}.", data_dir.display());
            }
        }
        Command::BenchDashboard { repeat } => {
            let filter = avain_core::sales::analytics::SalesFilter::default();
            let started = std::time::Instant::now();
            let d = store.sales_dashboard(&filter)?;
            let cold = started.elapsed();
            let mut warm: Vec<f64> = (0..repeat.max(1))
                .map(|_| {
                    let t = std::time::Instant::now();
                    let _ = store.sales_dashboard(&filter);
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect();
            warm.sort_by(|a, b| a.total_cmp(b));
            let one = avain_core::sales::analytics::SalesFilter {
                account_id: d.accounts.first().and_then(|a| a.account.as_ref().map(|r| r.id)),
                ..Default::default()
            };
            let t = std::time::Instant::now();
            store.sales_dashboard(&one)?;
            let account_ms = t.elapsed().as_secs_f64() * 1000.0;
            println!(
                "Dashboard over {} lines, {} accounts, {} products: first answer {:.0} ms (loads the lines), then median {:.1} ms, worst {:.1} ms over {} runs; one account's dossier {:.1} ms.",
                d.lines,
                d.accounts.len(),
                d.skus.len(),
                cold.as_secs_f64() * 1000.0,
                warm[warm.len() / 2],
                warm[warm.len() - 1],
                warm.len(),
                account_ms
            );
        }
        Command::Info => {
            let info = store.app_info()?;
            println!("Avain {}\nData folder: {}\nData format: {}", info.version, info.data_dir, info.schema_version);
            println!("Empty: {}", if info.empty { "yes" } else { "no" });
        }
    }
    Ok(())
}

fn print_understanding(u: &Understanding) {
    let l = &u.layout;
    println!("{} ({:?}, {} bytes)", u.file_name, u.format, u.size_bytes);
    if let Some(e) = &u.encoding {
        println!("  encoding: {e}{}", if u.encoding_detected { " (detected)" } else { "" });
    }
    if let Some(d) = &u.delimiter {
        println!("  delimiter: {d}");
    }
    if let Some(s) = &u.sheet {
        println!("  sheet: {s} of {}", u.sheets.join(", "));
    }
    println!(
        "  source: {}{}",
        u.source.as_deref().unwrap_or("?"),
        match &u.profile_applied {
            Some(p) => format!(" (mapping profile of {p} applied)"),
            None => String::new(),
        }
    );
    println!("  header rows: {} (data starts after record {})", l.header_rows, l.skip_rows);
    println!(
        "  decimal: {:?}; dates: {:?}{}",
        l.decimal,
        l.date_order,
        if l.date_order_proven { "" } else { " (a guess)" }
    );
    println!("  columns:");
    for c in &l.columns {
        let period = c.period.map(|p| format!(" for {p}")).unwrap_or_default();
        println!("    {:>3}. {:<40} {:<16} {:?}{period}", c.index + 1, c.header, c.role.label(), c.kind);
    }
    let s = &u.summary;
    println!(
        "  rows read: {}; lines: {}; excluded: {}; problems: {}",
        s.rows_read, s.lines, s.excluded_count, s.problem_count
    );
    for e in s.excluded.iter().take(20) {
        println!("    row {}: {} — {}", e.row, e.reason.describe(), e.text);
    }
    for p in s.problems.iter().take(20) {
        println!("    row {}, {}: \"{}\" {}", p.row, p.column, p.value, p.message);
    }
    for t in &s.totals {
        println!("  total {}: {}", t.column, t.total);
    }
    if let (Some(from), Some(to)) = (s.period_from, s.period_to) {
        println!("  period: {from} – {to} ({} months)", s.months.len());
    }
    if let Some(before) = &u.already_imported {
        println!("  already imported: {before}");
    }
    if let Some(r) = &u.replaces {
        println!("  would replace {} rows of {} for {}", r.lines, r.files.join(", "), r.months.join(", "));
    }
    for w in &u.warnings {
        println!("  note: {w}");
    }
    if let Some(b) = &u.blocker {
        println!("  to import it: {b}");
    }
}
