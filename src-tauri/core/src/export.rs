//! Tables out: any table the UI shows, written as an Excel workbook (numbers stay numbers), and an import's
//! validation report as CSV.

use std::path::Path;

use rust_xlsxwriter::{Format, Workbook};
use serde::Deserialize;
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::sales::ScanSummary;

/// A cell of an exported table.
#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
#[serde(untagged)]
pub enum ExportCell {
    Number(f64),
    Text(String),
    Empty,
}

#[derive(Debug, Clone, PartialEq, Deserialize, TS)]
pub struct ExportTable {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<ExportCell>>,
}

/// Writes `bytes` to `path` through a side file renamed into place, so a half-written file never replaces a good
/// one.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut partial = path.as_os_str().to_owned();
    partial.push(".partial");
    let partial = std::path::PathBuf::from(partial);
    std::fs::write(&partial, bytes).map_err(|e| Error::io(path, e))?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        Error::io(path, e)
    })
}

fn xlsx_error(e: rust_xlsxwriter::XlsxError) -> Error {
    Error::invalid("export_failed", "path", format!("The workbook could not be written: {e}"))
}

pub fn write_xlsx(table: &ExportTable, path: &Path) -> Result<()> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let name: String = table.title.chars().filter(|c| !"[]:*?/\\".contains(*c)).take(31).collect();
    if !name.trim().is_empty() {
        ws.set_name(name.trim()).map_err(xlsx_error)?;
    }
    let bold = Format::new().set_bold();
    for (c, h) in table.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, h, &bold).map_err(xlsx_error)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell {
                ExportCell::Number(n) => ws.write_number(r, c, *n).map(|_| ()),
                ExportCell::Text(t) => ws.write_string(r, c, t).map(|_| ()),
                ExportCell::Empty => Ok(()),
            }
            .map_err(xlsx_error)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    ws.autofit();
    wb.save(path).map_err(|e| match e {
        rust_xlsxwriter::XlsxError::IoError(io) => Error::io(path, io),
        other => xlsx_error(other),
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The validation report a user can save: every excluded row with its reason, every value that could not be read,
/// and the totals, as a semicolon-separated file that Excel opens.
pub fn validation_report_csv(file_name: &str, summary: &ScanSummary) -> String {
    let mut out = String::from("\u{feff}");
    out += &format!("Report;{}\n", csv_field(file_name));
    out += &format!(
        "Rows read;{}\nLines imported;{}\nRows excluded;{}\nProblems;{}\n\n",
        summary.rows_read, summary.lines, summary.excluded_count, summary.problem_count
    );
    out += "Row;Excluded because;Row text\n";
    for e in &summary.excluded {
        out += &format!("{};{};{}\n", e.row, csv_field(e.reason.describe()), csv_field(&e.text));
    }
    out += "\nRow;Column;Value;Problem\n";
    for p in &summary.problems {
        out += &format!("{};{};{};{}\n", p.row, csv_field(&p.column), csv_field(&p.value), csv_field(&p.message));
    }
    out += "\nColumn;Total\n";
    for t in &summary.totals {
        out += &format!("{};{}\n", csv_field(&t.column), t.total);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_becomes_a_workbook_that_reads_back() {
        use calamine::{Reader, Xlsx};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.xlsx");
        let table = ExportTable {
            title: "Sales by account".into(),
            columns: vec!["Account".into(), "Sales".into()],
            rows: vec![
                vec![ExportCell::Text("Apteekki A".into()), ExportCell::Number(1234.5)],
                vec![ExportCell::Text("B".into()), ExportCell::Empty],
            ],
        };
        write_xlsx(&table, &path).unwrap();
        let mut wb: Xlsx<_> = calamine::open_workbook(&path).unwrap();
        let range = wb.worksheet_range("Sales by account").unwrap();
        assert_eq!(range.get_value((1, 1)), Some(&calamine::Data::Float(1234.5)));
        assert_eq!(range.get_value((1, 0)), Some(&calamine::Data::String("Apteekki A".into())));
        let json: ExportTable =
            serde_json::from_str(r#"{"title":"x","columns":["a"],"rows":[[1.5,"t",null]]}"#).unwrap();
        assert_eq!(json.rows[0][2], ExportCell::Empty);
    }
}
