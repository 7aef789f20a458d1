//! avain-core: everything Avain knows and decides, without a window.
//!
//! It owns the domain (key accounts, people and decision groups, interactions and tasks, the Today briefing,
//! search, demo data), the SQLite store and its migrations, and the error vocabulary the UI shows. The Tauri
//! shell and the command line are thin callers of [`Store`]; neither computes a business figure itself.

pub mod accounts;
pub mod api;
pub mod demo;
pub mod error;
pub mod export;
pub mod interactions;
pub mod network;
pub mod people;
pub mod plans;
pub mod proposals;
pub mod sales;
pub mod search;
pub mod settings;
pub mod skus;
pub mod store;
pub mod tenders;
pub mod today;
pub mod types;
pub mod validate;

pub use error::{ApiError, Error, Result};
pub use store::{Change, Store};

/// What Settings → About shows.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub schema_version: i64,
    /// No accounts or people yet: the first-run choice is offered.
    pub empty: bool,
}

impl Store {
    pub fn app_info(&self) -> Result<AppInfo> {
        Ok(AppInfo {
            version: env!("CARGO_PKG_VERSION").to_string(),
            data_dir: self.data_dir().display().to_string(),
            schema_version: self.schema_version()?,
            empty: self.is_empty()?,
        })
    }
}
