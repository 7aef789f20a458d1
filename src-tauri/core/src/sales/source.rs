//! Opening a report file: what format it is, which encoding and delimiter a text file uses, which sheets a
//! workbook has, and a row-by-row reader over the chosen sheet or the text. Text files are streamed (a million-row
//! CSV never sits in memory whole); workbooks are read by calamine.

use std::fs::File;
use std::io::{BufReader, Cursor, Read};
use std::path::Path;

use calamine::{Data, Reader, Sheets};
use chrono::NaiveDate;
use encoding_rs::Encoding;
use sha2::{Digest, Sha256};

use super::dates::from_excel_serial;
use crate::error::{Error, Result};

/// One cell as the reader sees it. Text files only have text; workbooks also have numbers and dates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Empty,
    Text(&'a str),
    Number(f64),
    Date(NaiveDate),
}

/// An owned cell, for the sample rows kept while working out a file's layout.
#[derive(Debug, Clone, PartialEq)]
pub enum OwnedCell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDate),
}

impl OwnedCell {
    pub fn as_cell(&self) -> Cell<'_> {
        match self {
            OwnedCell::Empty => Cell::Empty,
            OwnedCell::Text(t) => Cell::Text(t),
            OwnedCell::Number(n) => Cell::Number(*n),
            OwnedCell::Date(d) => Cell::Date(*d),
        }
    }
}

impl Cell<'_> {
    pub fn to_owned_cell(self) -> OwnedCell {
        match self {
            Cell::Empty => OwnedCell::Empty,
            Cell::Text(t) => OwnedCell::Text(t.to_string()),
            Cell::Number(n) => OwnedCell::Number(n),
            Cell::Date(d) => OwnedCell::Date(d),
        }
    }

    /// The cell as text, as the user would read it in the file.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        }
    }
}

/// A number as a code or label: integers without ".0".
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum FileFormat {
    Csv,
    Xlsx,
    Xls,
    Ods,
}

impl FileFormat {
    pub fn is_text(self) -> bool {
        self == FileFormat::Csv
    }
}

/// The encodings a user may choose from (others that encoding_rs knows by name are accepted too).
pub const ENCODINGS: &[&str] = &["UTF-8", "UTF-16LE", "UTF-16BE", "windows-1251", "windows-1252", "ISO-8859-15"];

/// The delimiters Avain looks for.
pub const DELIMITERS: &[u8] = b",;\t|";

const ODS_MIME: &[u8] = b"application/vnd.oasis.opendocument.spreadsheet";
const SNIFF_BYTES: usize = 64 * 1024;

/// What a first look at the file tells.
#[derive(Debug, Clone)]
pub struct Sniffed {
    pub format: FileFormat,
    pub encoding: &'static Encoding,
    /// False when the user chose the encoding.
    pub encoding_detected: bool,
    pub delimiter: u8,
    pub sheets: Vec<String>,
}

pub fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| path.display().to_string())
}

fn damaged(path: &Path, what: &str) -> Error {
    Error::invalid("unreadable_file", "file", format!("{} {what} Nothing was imported.", file_name(path)))
}

/// SHA-256 of the file's bytes: the same content is never imported twice.
pub fn content_hash(path: &Path) -> Result<String> {
    let mut file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hasher.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

fn read_head(path: &Path) -> Result<Vec<u8>> {
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(|e| Error::io(path, e))?;
    Ok(head)
}

pub fn encoding_by_name(name: &str) -> Option<&'static Encoding> {
    Encoding::for_label(name.trim().as_bytes())
}

/// Looks at the file: format, encoding and delimiter (unless given), and its sheets.
pub fn sniff(path: &Path, encoding: Option<&str>, delimiter: Option<u8>) -> Result<Sniffed> {
    let head = read_head(path)?;
    if head.is_empty() {
        return Err(damaged(path, "is empty."));
    }
    let chosen = match encoding {
        Some(name) => Some(encoding_by_name(name).ok_or_else(|| {
            Error::invalid("unknown_encoding", "encoding", format!("Avain does not know the encoding \"{name}\"."))
        })?),
        None => None,
    };
    let zip = head.starts_with(b"PK\x03\x04");
    let ole = head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    if zip || ole {
        let format = if ole {
            FileFormat::Xls
        } else if head.windows(ODS_MIME.len()).any(|w| w == ODS_MIME) {
            FileFormat::Ods
        } else {
            FileFormat::Xlsx
        };
        let workbook = open_workbook(path, format)?;
        let sheets = workbook.sheet_names();
        return Ok(Sniffed { format, encoding: encoding_rs::UTF_8, encoding_detected: true, delimiter: b',', sheets });
    }
    let (detected, bom) = detect_encoding(&head);
    let enc = chosen.unwrap_or(detected);
    let body = if chosen.is_none() { &head[bom..] } else { &head[..] };
    let (text, _) = enc.decode_without_bom_handling(body);
    if looks_binary(&text) {
        return Err(damaged(
            path,
            "is not a sales report Avain can read: it is neither a text (CSV) file nor an Excel or OpenDocument \
             workbook.",
        ));
    }
    let delimiter = delimiter.unwrap_or_else(|| detect_delimiter(&text));
    Ok(Sniffed {
        format: FileFormat::Csv,
        encoding: enc,
        encoding_detected: chosen.is_none(),
        delimiter,
        sheets: vec![],
    })
}

fn looks_binary(text: &str) -> bool {
    let total = text.chars().take(8192).count().max(1);
    let bad = text
        .chars()
        .take(8192)
        .filter(|&c| c == '\u{fffd}' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}')))
        .count();
    bad * 20 > total
}

/// The encoding of a text file's first bytes, and the length of its byte-order mark.
pub fn detect_encoding(head: &[u8]) -> (&'static Encoding, usize) {
    if let Some((enc, bom)) = Encoding::for_bom(head) {
        return (enc, bom);
    }
    // UTF-16 without a mark: every other byte is zero in Latin text.
    let pairs = head.len().min(4096) / 2;
    if pairs >= 4 {
        let even_zero = (0..pairs).filter(|i| head[i * 2] == 0).count();
        let odd_zero = (0..pairs).filter(|i| head[i * 2 + 1] == 0).count();
        if odd_zero * 10 > pairs * 7 && even_zero * 10 < pairs {
            return (encoding_rs::UTF_16LE, 0);
        }
        if even_zero * 10 > pairs * 7 && odd_zero * 10 < pairs {
            return (encoding_rs::UTF_16BE, 0);
        }
    }
    // Valid UTF-8 (allowing a character cut at the end of the sample) is UTF-8.
    let valid_up_to = match std::str::from_utf8(head) {
        Ok(_) => head.len(),
        Err(e) => e.valid_up_to(),
    };
    if valid_up_to == head.len() || (head.len() == SNIFF_BYTES && head.len() - valid_up_to < 4) {
        return (encoding_rs::UTF_8, 0);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(head, head.len() < SNIFF_BYTES);
    let guess = detector.guess(None, chardetng::Utf8Detection::Allow);
    if guess == encoding_rs::WINDOWS_1252 && !head.iter().any(|b| (0x80..=0x9f).contains(b)) && head.contains(&0xa4) {
        // ISO-8859-15 has € at 0xA4 and nothing at 0x80–0x9F, where windows-1252 keeps its extra letters.
        return (encoding_rs::ISO_8859_15, 0);
    }
    (guess, 0)
}

/// The delimiter that splits the first lines most consistently into more than one field.
pub fn detect_delimiter(text: &str) -> u8 {
    let sample: String = text.lines().take(60).collect::<Vec<_>>().join("\n");
    let mut best = (b',', 0usize, 0usize);
    for &d in DELIMITERS {
        let mut reader =
            csv::ReaderBuilder::new().delimiter(d).has_headers(false).flexible(true).from_reader(sample.as_bytes());
        let mut counts = std::collections::HashMap::<usize, usize>::new();
        for record in reader.records().flatten() {
            if record.len() > 1 {
                *counts.entry(record.len()).or_default() += 1;
            }
        }
        // The most common field count, and how many lines have it.
        let (fields, lines) = counts.into_iter().max_by_key(|&(f, n)| (n, f)).unwrap_or((0, 0));
        if (lines, fields) > (best.1, best.2) {
            best = (d, lines, fields);
        }
    }
    best.0
}

fn open_workbook(path: &Path, format: FileFormat) -> Result<Sheets<Cursor<Vec<u8>>>> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let what = match format {
        FileFormat::Xls => "an Excel 97–2003 or Excel 95",
        FileFormat::Ods => "an OpenDocument",
        _ => "an Excel",
    };
    calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        tracing::info!(error = %e, "workbook did not open");
        damaged(path, &format!("looks like {what} workbook, but it is damaged or incomplete, so Avain cannot read it."))
    })
}

/// Reads the rows of a text file or of one sheet, in order. `next` gives each row's 1-based number in the file
/// (the line or sheet row the user sees) and its cells.
pub enum RowReader {
    Text { reader: csv::Reader<Box<dyn Read + Send>>, record: csv::ByteRecord, total_bytes: u64 },
    Sheet { range: calamine::Range<Data>, next: usize, first_row: u32 },
}

impl RowReader {
    pub fn open(path: &Path, sniffed: &Sniffed, sheet: Option<&str>) -> Result<RowReader> {
        if sniffed.format.is_text() {
            let file = File::open(path).map_err(|e| Error::io(path, e))?;
            let total_bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
            let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
                .encoding(Some(sniffed.encoding))
                .bom_override(sniffed.encoding_detected)
                .strip_bom(true)
                .utf8_passthru(true)
                .build(BufReader::with_capacity(256 * 1024, file));
            let reader = csv::ReaderBuilder::new()
                .delimiter(sniffed.delimiter)
                .has_headers(false)
                .flexible(true)
                .buffer_capacity(256 * 1024)
                .from_reader(Box::new(decoded) as Box<dyn Read + Send>);
            return Ok(RowReader::Text { reader, record: csv::ByteRecord::new(), total_bytes });
        }
        let mut workbook = open_workbook(path, sniffed.format)?;
        let name = match sheet {
            Some(s) => s.to_string(),
            None => sniffed.sheets.first().cloned().ok_or_else(|| damaged(path, "has no sheets."))?,
        };
        if !sniffed.sheets.contains(&name) {
            return Err(Error::invalid(
                "unknown_sheet",
                "sheet",
                format!("{} has no sheet called \"{name}\".", file_name(path)),
            ));
        }
        let range = workbook
            .worksheet_range(&name)
            .map_err(|_| damaged(path, &format!("has a sheet \"{name}\" that Avain cannot read.")))?;
        let first_row = range.start().map(|(r, _)| r).unwrap_or(0);
        Ok(RowReader::Sheet { range, next: 0, first_row })
    }

    /// Total size and how far the reader is, for progress (bytes for text, rows for sheets).
    pub fn progress(&self) -> (u64, u64) {
        match self {
            RowReader::Text { reader, total_bytes, .. } => (reader.position().byte(), *total_bytes),
            RowReader::Sheet { range, next, .. } => (*next as u64, range.height() as u64),
        }
    }

    /// Calls `f` with the next row's number and cells; returns false at the end.
    pub fn next<T>(&mut self, f: impl FnOnce(u64, &[Cell<'_>]) -> T) -> Result<Option<T>> {
        match self {
            RowReader::Text { reader, record, .. } => {
                let more = reader.read_byte_record(record).map_err(|e| {
                    let line = e.position().map(|p| p.line()).unwrap_or(0);
                    Error::invalid(
                        "unreadable_file",
                        "file",
                        format!("Line {line} of the file could not be read ({e}). Nothing was imported."),
                    )
                })?;
                if !more {
                    return Ok(None);
                }
                let line = record.position().map(|p| p.line()).unwrap_or(0);
                let cells: Vec<Cell<'_>> = record
                    .iter()
                    .map(|field| match std::str::from_utf8(field) {
                        Ok(t) if t.trim().is_empty() => Cell::Empty,
                        Ok(t) => Cell::Text(t),
                        // Invalid bytes in a file read as UTF-8: the field is kept as unreadable text.
                        Err(_) => Cell::Text("\u{fffd}"),
                    })
                    .collect();
                Ok(Some(f(line, &cells)))
            }
            RowReader::Sheet { range, next, first_row } => {
                let Some(row) = range.rows().nth(*next) else { return Ok(None) };
                let number = *first_row as u64 + *next as u64 + 1;
                *next += 1;
                let cells: Vec<Cell<'_>> = row.iter().map(sheet_cell).collect();
                Ok(Some(f(number, &cells)))
            }
        }
    }
}

fn sheet_cell(d: &Data) -> Cell<'_> {
    match d {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }),
        Data::DateTime(dt) => match from_excel_serial(dt.as_f64()) {
            Some(date) if !dt.is_duration() => Cell::Date(date),
            _ => Cell::Number(dt.as_f64()),
        },
    }
}

/// Reads up to `limit` rows (number and owned cells) from the start: the sample the layout is worked out from.
pub fn sample(reader: &mut RowReader, limit: usize) -> Result<Vec<(u64, Vec<OwnedCell>)>> {
    let mut rows = Vec::new();
    while rows.len() < limit {
        match reader.next(|n, cells| (n, cells.iter().map(|c| c.to_owned_cell()).collect::<Vec<_>>()))? {
            Some(row) => rows.push(row),
            None => break,
        }
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_are_recognised() {
        let (enc, bom) = detect_encoding(b"\xef\xbb\xbfa;b\n");
        assert_eq!((enc, bom), (encoding_rs::UTF_8, 3));
        assert_eq!(detect_encoding(b"\xff\xfea\0;\0b\0").0, encoding_rs::UTF_16LE);
        assert_eq!(detect_encoding(b"\xfe\xff\0a\0;\0b").0, encoding_rs::UTF_16BE);
        assert_eq!(detect_encoding(b"a\0;\0b\0\n\0c\0;\0d\0\n\0").0, encoding_rs::UTF_16LE);
        assert_eq!(detect_encoding("Määrä;Hinta\n".as_bytes()).0, encoding_rs::UTF_8);
        let (cyr, _, _) = encoding_rs::WINDOWS_1251.encode("Наименование товара;Количество;Сумма\nАспирин;10;100\n");
        assert_eq!(detect_encoding(&cyr).0, encoding_rs::WINDOWS_1251);
    }

    #[test]
    fn delimiters_are_recognised() {
        assert_eq!(detect_delimiter("a;b;c\n1;2,5;3\n4;5,5;6\n"), b';');
        assert_eq!(detect_delimiter("a,b,c\n1,\"2,5\",3\n4,5,6\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc\n1\t2\t3\n"), b'\t');
        assert_eq!(detect_delimiter("Report\n\na|b|c\n1|2|3\n4|5|6\n"), b'|');
    }
}
