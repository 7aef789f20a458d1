//! The error vocabulary: what can go wrong, said in a KAM's words.
//!
//! Every failure carries a stable `code` (the UI translates by it) and an English message that is already fit to
//! show. Validation errors also name the form field, so the UI can put the message next to it.

use serde::Serialize;
use ts_rs::TS;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the user typed (or a file held) is not acceptable. Nothing was saved.
    #[error("{message}")]
    Invalid { code: &'static str, field: &'static str, message: String },

    /// The record asked for does not exist (any more).
    #[error("{what} was not found. It may have been deleted in the meantime.")]
    NotFound { what: &'static str, id: i64 },

    /// The change would clash with something already saved (e.g. a duplicate name).
    #[error("{message}")]
    Conflict { code: &'static str, field: &'static str, message: String },

    #[error(
        "This data was saved by a newer version of Avain (data format {found}); this version understands formats \
         up to {supported}. Install the newer Avain to open it. Nothing was changed."
    )]
    NewerDatabase { found: i64, supported: i64 },

    #[error("{path} is not an Avain database, so nothing was restored.")]
    NotAnAvainDatabase { path: String },

    #[error("Avain could not use the file {path}: {source}")]
    Io { path: String, source: std::io::Error },

    #[error("The database reported a problem: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Error {
    pub fn invalid(code: &'static str, field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid { code, field, message: message.into() }
    }

    pub fn io(path: &std::path::Path, source: std::io::Error) -> Self {
        Error::Io { path: path.display().to_string(), source }
    }

    /// Stable identifier of the kind of failure, for the UI's translations and for tests.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { code, .. } | Error::Conflict { code, .. } => code,
            Error::NotFound { .. } => "not_found",
            Error::NewerDatabase { .. } => "newer_database",
            Error::NotAnAvainDatabase { .. } => "not_an_avain_database",
            Error::Io { .. } => "io",
            Error::Storage(_) => "storage",
        }
    }

    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } | Error::Conflict { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// What the UI receives when a command fails.
#[derive(Debug, Clone, Serialize, TS, PartialEq, Eq)]
pub struct ApiError {
    pub code: String,
    pub message: String,
    /// The form field the message belongs to, when there is one.
    pub field: Option<String>,
    /// Extra values the UI may use to phrase the message in the user's language.
    pub details: Option<String>,
}

impl From<Error> for ApiError {
    fn from(e: Error) -> Self {
        if let Error::Storage(inner) = &e {
            tracing::error!(error = %inner, "storage error");
        }
        let details = match &e {
            Error::NewerDatabase { found, supported } => Some(format!("{found}/{supported}")),
            _ => None,
        };
        ApiError { code: e.code().to_string(), field: e.field().map(str::to_string), message: e.to_string(), details }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
