//! The command line: `avain` opens the window; subcommands do headless work on the same data.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use avain_core::demo::DEFAULT_SEED;
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
        Command::Backup { file } => {
            store.backup_to(&file)?;
            println!("Backup written to {}.", file.display());
        }
        Command::Restore { file } => {
            let safety = store.restore_from(&file)?;
            println!("Restored from {}. The replaced data was kept in {}.", file.display(), safety.display());
        }
        Command::Info => {
            let info = store.app_info()?;
            println!("Avain {}\nData folder: {}\nData format: {}", info.version, info.data_dir, info.schema_version);
            println!("Empty: {}", if info.empty { "yes" } else { "no" });
        }
    }
    Ok(())
}
