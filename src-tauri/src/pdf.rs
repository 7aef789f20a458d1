//! Proposals to PDF files: the core decides what the document says, avain-documents lays it out, and the file is
//! written whole or not at all. Used by the window and the command line alike.

use std::path::Path;

use avain_core::{Error, Store};
use chrono::NaiveDate;

/// Writes proposal `id` as a PDF to `path`: the number of pages. Nothing is written when the proposal cannot be
/// printed yet (no validity date, one in the past, an unknown variable, ...): the error says why.
pub fn write_proposal_pdf(store: &Store, id: i64, today: NaiveDate, path: &Path) -> avain_core::Result<usize> {
    let doc = store.proposal_document(id, today)?;
    let logo = store.company_logo()?;
    let (pdf, pages) = avain_documents::proposal_pdf(&doc, logo.as_deref())
        .map_err(|e| Error::invalid("render_failed", "proposal", e.to_string()))?;
    avain_core::export::write_atomically(path, &pdf)?;
    Ok(pages)
}
