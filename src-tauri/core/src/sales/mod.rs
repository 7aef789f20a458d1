//! Sales reports: reading any distributor or pharmacy-chain report (CSV/TSV/TXT in any common encoding and
//! delimiter, XLSX, XLS, ODS), understanding its layout, and turning its rows into sales lines.
//!
//! The pipeline is: [`source`] opens the file and yields rows → [`layout`] works out the header, the column roles
//! and the number and date styles from the first rows → [`scan`] reads every row into lines or reasoned
//! exclusions. [`inspect`] runs it without saving (the preview and `avain import --dry-run`); the store's
//! `import_sales` runs the same steps inside one transaction.

pub mod analytics;
pub mod dates;
pub mod generate;
pub mod layout;
pub mod matching;
pub mod pricelist;
pub mod scan;
pub mod source;
pub mod text;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use layout::{Column, ColumnRole, Layout, LayoutChoice, ValueKind};
pub use scan::{ColumnTotal, ExcludedRow, Exclusion, Hierarchy, Line, Problem, ScanSummary};
pub use source::FileFormat;

use crate::error::{Error, Result};
use source::{OwnedCell, RowReader, Sniffed};

/// How many rows from the top the layout is worked out from.
pub const SAMPLE_ROWS: usize = 1000;
/// How many rows the preview shows.
pub const PREVIEW_ROWS: usize = 30;

/// What the user may say about a file before importing it. Everything left out is worked out from the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ImportOptions {
    /// "UTF-8", "windows-1251", ... (text files).
    pub encoding: Option<String>,
    /// ",", ";", "\t" or "|" (text files).
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub layout: LayoutChoice,
    /// Who sent the report (a distributor or chain). Mapping profiles and replacement work per source.
    pub source: Option<String>,
    /// The user confirmed that this report replaces the same source's rows for the periods it covers.
    pub replace: bool,
}

/// One row of the preview, as parsed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PreviewRow {
    pub row: u64,
    pub cells: Vec<String>,
    /// Why the row will be left out, if it will.
    pub excluded: Option<Exclusion>,
}

/// What Avain understood of a file, before anything is saved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Understanding {
    pub path: String,
    pub file_name: String,
    pub format: FileFormat,
    pub size_bytes: u64,
    pub content_hash: String,
    pub encoding: Option<String>,
    pub encoding_detected: bool,
    pub delimiter: Option<String>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub layout: Layout,
    /// The file's row number of each of the first records (blank lines are not records), so the user can be
    /// shown and can choose rows as numbered in the file.
    pub row_numbers: Vec<u64>,
    pub preview: Vec<PreviewRow>,
    pub summary: ScanSummary,
    /// The sender, as chosen or remembered from an earlier import of the same layout.
    pub source: Option<String>,
    /// Set when a saved mapping profile was applied.
    pub profile_applied: Option<String>,
    pub warnings: Vec<String>,
    /// When this exact file was imported before: which import (the file name and date).
    pub already_imported: Option<String>,
    /// Rows of the same source for the same months that importing this report would replace.
    pub replaces: Option<Replacement>,
    /// What must be chosen before the report can be imported (the figures' columns, the report's month).
    pub blocker: Option<String>,
    /// A product list with prices: when nothing dated or counted can be imported, it belongs in the catalogue.
    pub looks_like_price_list: bool,
}

/// An earlier report's rows that a corrected report replaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Replacement {
    pub lines: u64,
    pub months: Vec<String>,
    pub files: Vec<String>,
}

/// A source's remembered mapping: applied to its next report when the headers match.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Profile {
    /// The header of every column, in order.
    pub headers: Vec<String>,
    /// The role the user gave each header.
    pub roles: Vec<(String, ColumnRole)>,
    pub skip_rows: Option<u32>,
    pub header_rows: Option<u32>,
    pub decimal: Option<text::DecimalStyle>,
    pub date_order: Option<dates::DateOrder>,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
}

impl Profile {
    /// How well this profile fits a file with `headers`: the share of the profile's headers found, 0.0–1.0.
    pub fn fit(&self, headers: &[String]) -> f64 {
        if self.headers.is_empty() {
            return 0.0;
        }
        let found =
            self.headers.iter().filter(|h| headers.iter().any(|x| text::normalise(x) == text::normalise(h))).count();
        found as f64 / self.headers.len().max(headers.len()) as f64
    }

    /// `options` with this profile's choices filled in where the user has not chosen.
    pub fn apply(&self, options: &ImportOptions, headers: &[String]) -> ImportOptions {
        let mut o = options.clone();
        o.encoding = o.encoding.or_else(|| self.encoding.clone());
        o.delimiter = o.delimiter.or_else(|| self.delimiter.clone());
        o.sheet = o.sheet.or_else(|| self.sheet.clone());
        let l = &mut o.layout;
        if l.skip_rows.is_none() && self.headers.len() == headers.len() {
            l.skip_rows = self.skip_rows;
            l.header_rows = self.header_rows;
        }
        l.decimal = l.decimal.or(self.decimal);
        l.date_order = l.date_order.or(self.date_order);
        if l.roles.is_none() {
            l.roles = Some(
                headers
                    .iter()
                    .map(|h| {
                        self.roles
                            .iter()
                            .find(|(ph, _)| text::normalise(ph) == text::normalise(h))
                            .map(|(_, r)| *r)
                            .unwrap_or(ColumnRole::Ignore)
                    })
                    .collect(),
            );
        }
        o
    }
}

fn delimiter_byte(text: &str) -> Result<u8> {
    match text {
        "\\t" | "\t" | "tab" => Ok(b'\t'),
        t if t.len() == 1 && t.is_ascii() => Ok(t.as_bytes()[0]),
        _ => Err(Error::invalid(
            "bad_delimiter",
            "delimiter",
            format!("\"{text}\" cannot separate columns; choose one character such as ; or ,."),
        )),
    }
}

pub fn delimiter_name(d: u8) -> String {
    if d == b'\t' {
        "\\t".to_string()
    } else {
        (d as char).to_string()
    }
}

/// A file opened for reading with its layout worked out.
pub struct Opened {
    pub sniffed: Sniffed,
    pub sheet: Option<String>,
    pub layout: Layout,
    pub sample: Vec<(u64, Vec<OwnedCell>)>,
}

/// A list file's cell as text: trimmed, empty for a missing marker, dates as ISO.
pub fn list_cell_text(cell: &OwnedCell) -> String {
    match cell {
        OwnedCell::Text(t) if text::is_missing(t) => String::new(),
        OwnedCell::Text(t) => t.trim().to_string(),
        OwnedCell::Empty => String::new(),
        OwnedCell::Number(n) => source::number_text(*n),
        OwnedCell::Date(d) => d.format("%Y-%m-%d").to_string(),
    }
}

/// Numbered rows of cells, as read from a file.
pub type Rows = Vec<(u64, Vec<OwnedCell>)>;

/// Opens a list (a price list, a tender list: read whole, not streamed) and returns it with every row, the rows
/// before the data included; refused, naming `what`, when it has more than `max_rows` data rows.
pub fn open_list(path: &Path, options: &ImportOptions, max_rows: usize, what: &str) -> Result<(Opened, Rows)> {
    let opened = open(path, options)?;
    let skip = opened.layout.skip_rows as usize;
    let rows = source::sample(&mut opened.reader(path)?, max_rows + skip + 1)?;
    if rows.len().saturating_sub(skip) > max_rows {
        return Err(Error::invalid(
            "too_many_rows",
            "file",
            format!("{} has more than {max_rows} rows; that is not {what}.", source::file_name(path)),
        ));
    }
    Ok((opened, rows))
}

/// Opens `path`, picks the sheet, reads a sample and works out the layout.
pub fn open(path: &Path, options: &ImportOptions) -> Result<Opened> {
    let delimiter = options.delimiter.as_deref().map(delimiter_byte).transpose()?;
    let sniffed = source::sniff(path, options.encoding.as_deref(), delimiter)?;
    let sheet = match (&options.sheet, sniffed.format.is_text()) {
        (_, true) => None,
        (Some(s), false) => Some(s.clone()),
        (None, false) => Some(best_sheet(path, &sniffed)?),
    };
    let mut reader = RowReader::open(path, &sniffed, sheet.as_deref())?;
    let sample = source::sample(&mut reader, SAMPLE_ROWS)?;
    if sample.is_empty() {
        return Err(Error::invalid(
            "empty_file",
            "file",
            format!("{} has no rows. Nothing was imported.", source::file_name(path)),
        ));
    }
    let rows: Vec<Vec<OwnedCell>> = sample.iter().map(|(_, r)| r.clone()).collect();
    let hint = sniffed.format.is_text().then_some(sniffed.delimiter);
    let layout = layout::understand(&rows, hint, &options.layout);
    Ok(Opened { sniffed, sheet, layout, sample })
}

/// The sheet with the most rows of several filled cells (a cover or notes sheet has few).
fn best_sheet(path: &Path, sniffed: &Sniffed) -> Result<String> {
    let mut best: Option<(String, usize)> = None;
    for name in &sniffed.sheets {
        let Ok(mut reader) = RowReader::open(path, sniffed, Some(name)) else { continue };
        let rows = source::sample(&mut reader, 200)?;
        let filled = rows.iter().filter(|(_, r)| r.iter().filter(|c| **c != OwnedCell::Empty).count() >= 3).count();
        if best.as_ref().is_none_or(|(_, n)| filled > *n) {
            best = Some((name.clone(), filled));
        }
    }
    best.map(|(n, _)| n).ok_or_else(|| {
        Error::invalid("empty_file", "file", format!("{} has no sheets with data.", source::file_name(path)))
    })
}

impl Opened {
    pub fn reader(&self, path: &Path) -> Result<RowReader> {
        RowReader::open(path, &self.sniffed, self.sheet.as_deref())
    }

    /// How this file was read, to be remembered for its source's next report.
    pub fn profile(&self, delimiter: Option<String>) -> Profile {
        let columns = &self.layout.columns;
        Profile {
            headers: columns.iter().map(|c| c.header.clone()).collect(),
            roles: columns.iter().map(|c| (c.header.clone(), c.role)).collect(),
            skip_rows: Some(self.layout.skip_rows),
            header_rows: Some(self.layout.header_rows),
            decimal: Some(self.layout.decimal),
            date_order: Some(self.layout.date_order),
            encoding: (!self.sniffed.encoding_detected).then(|| self.sniffed.encoding.name().to_string()),
            delimiter,
            sheet: self.sheet.clone(),
        }
    }

    /// The first pass over the whole file, when the layout has a hierarchy to resolve.
    pub fn hierarchy(&self, path: &Path) -> Result<Hierarchy> {
        if !Hierarchy::needed(&self.layout, self.sample.iter().map(|(_, r)| r.as_slice())) {
            return Ok(Hierarchy::default());
        }
        scan::hierarchy(&mut self.reader(path)?, &self.layout)
    }
}

fn looks_like_price_list(layout: &Layout) -> bool {
    let has = |r: ColumnRole| layout.columns.iter().any(|c| c.role == r);
    has(ColumnRole::Price) && (has(ColumnRole::Product) || has(ColumnRole::ProductCode) || has(ColumnRole::Ean))
}

/// Reads the whole file as it would be imported and reports what was understood; saves nothing.
pub fn inspect(
    path: &Path,
    options: &ImportOptions,
    progress: &mut (dyn FnMut(u64, u64) -> bool + Send),
) -> Result<Understanding> {
    let opened = open(path, options)?;
    let hierarchy = opened.hierarchy(path)?;
    let mut reader = opened.reader(path)?;
    let preview_from = opened.layout.skip_rows as usize;
    let mut preview: Vec<PreviewRow> = opened
        .sample
        .iter()
        .skip(preview_from)
        .filter(|(_, r)| r.iter().any(|c| *c != OwnedCell::Empty))
        .take(PREVIEW_ROWS)
        .map(|(n, cells)| PreviewRow {
            row: *n,
            cells: cells.iter().map(|c| c.as_cell().display()).collect(),
            excluded: None,
        })
        .collect();
    // A layout the user still has to complete (no figures chosen, no period) is shown, not refused: the preview is
    // where it gets completed.
    let (summary, blocker) = match scan::scan(&mut reader, &opened.layout, &hierarchy, |_: Line| Ok(()), progress) {
        Ok(summary) => (summary, None),
        Err(e) if matches!(e.code(), "no_period" | "no_figures") => (ScanSummary::default(), Some(e.to_string())),
        Err(e) => return Err(e),
    };
    for p in &mut preview {
        p.excluded = summary.excluded.iter().find(|e| e.row == p.row).map(|e| e.reason);
    }
    let mut warnings = Vec::new();
    if !opened.layout.date_order_proven && opened.layout.columns.iter().any(|c| c.role == ColumnRole::Date) {
        if let Some(c) = opened.layout.columns.iter().find(|c| c.role == ColumnRole::Date) {
            if c.examples.iter().any(|e| e.contains('/')) {
                warnings
                    .push("Day and month order could not be proven from the data (no day above 12). Check it.".into());
            }
        }
    }
    if summary.problem_count > 0 {
        warnings.push(format!("{} values could not be read; see the problems list.", summary.problem_count));
    }
    let looks_like_price_list = looks_like_price_list(&opened.layout);
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    Ok(Understanding {
        path: path.display().to_string(),
        file_name: source::file_name(path),
        format: opened.sniffed.format,
        size_bytes: meta.len(),
        content_hash: source::content_hash(path)?,
        encoding: opened.sniffed.format.is_text().then(|| opened.sniffed.encoding.name().to_string()),
        encoding_detected: opened.sniffed.encoding_detected,
        delimiter: opened.sniffed.format.is_text().then(|| delimiter_name(opened.sniffed.delimiter)),
        sheets: opened.sniffed.sheets.clone(),
        sheet: opened.sheet.clone(),
        row_numbers: opened.sample.iter().take(100).map(|(n, _)| *n).collect(),
        layout: opened.layout,
        preview,
        summary,
        source: options.source.clone(),
        profile_applied: None,
        warnings,
        already_imported: None,
        replaces: None,
        looks_like_price_list,
        blocker,
    })
}

#[cfg(test)]
mod tests;
