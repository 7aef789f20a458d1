//! A tender list from a file (CSV/TSV/TXT, XLSX, XLS, ODS), read with the sales importer's reader: any encoding,
//! delimiter, sheet or header position. Columns are mapped to tender fields from their headers (English, Finnish,
//! Swedish, Russian), which the user can correct. Rows with the same title, buyer and reference are one tender with
//! several lots. The store decides what each tender does (a buyer that is not in Avain, a tender already there);
//! nothing here saves anything.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{LotInput, Procedure, TenderInput};
use crate::error::Result;
use crate::sales::dates::{self, DateOrder};
use crate::sales::layout::figure;
use crate::sales::list_cell_text as text_of;
use crate::sales::source::{self, OwnedCell};
use crate::sales::text::{field_from_words, normalise, DecimalStyle};
use crate::sales::{ImportOptions, Problem};
use crate::types::Ref;

/// The most rows a tender list may have.
pub const MAX_ROWS: usize = 20_000;

/// What a column of a tender list fills in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TenderField {
    Ignore,
    Title,
    Buyer,
    Procedure,
    Reference,
    Announcement,
    Submission,
    Inn,
    Form,
    Quantity,
    MaxPrice,
    Owner,
    Notes,
}

/// Header words per field, most specific first (a "submission deadline" column is not the announcement).
const FIELD_WORDS: &[(TenderField, &[&str])] = &[
    (
        TenderField::Reference,
        &["reference", "ref", "diaarinumero", "diaari", "hilma", "viite", "referens", "номер извещения", "реестровый"],
    ),
    (
        TenderField::Submission,
        &[
            "submission",
            "deadline",
            "määräaika",
            "jättöaika",
            "tarjousaika",
            "sista",
            "anbudstid",
            "срок подачи",
            "окончание",
        ],
    ),
    (
        TenderField::Announcement,
        &[
            "announcement",
            "published",
            "publication",
            "julkaisu",
            "julkaistaan",
            "ilmoitus",
            "annonsering",
            "publicering",
            "публикация",
            "размещение",
        ],
    ),
    (TenderField::Procedure, &["procedure", "menettely", "hankintamenettely", "förfarande", "способ", "процедура"]),
    (
        TenderField::Buyer,
        &[
            "buyer",
            "customer",
            "authority",
            "hankintayksikkö",
            "ostaja",
            "tilaaja",
            "asiakas",
            "upphandlande",
            "köpare",
            "заказчик",
            "покупатель",
        ],
    ),
    (TenderField::Quantity, &["quantity", "qty", "volume", "määrä", "kpl", "antal", "mängd", "количество", "кол"]),
    (
        TenderField::MaxPrice,
        &["max", "maximum", "ceiling", "enimmäishinta", "kattohinta", "takpris", "начальная", "нмцк"],
    ),
    (
        TenderField::Inn,
        &["inn", "substance", "molecule", "vaikuttava", "vaikuttavaaine", "lääkeaine", "substans", "мнн"],
    ),
    (TenderField::Form, &["form", "lääkemuoto", "beredningsform", "форма"]),
    (TenderField::Owner, &["owner", "kam", "vastuuhenkilö", "vastuu", "ansvarig", "ответственный"]),
    (TenderField::Notes, &["notes", "note", "comment", "huomiot", "lisätiedot", "kommentar", "примечание"]),
    (
        TenderField::Title,
        &[
            "title",
            "tender",
            "subject",
            "name",
            "hankinta",
            "kohde",
            "nimi",
            "upphandling",
            "benämning",
            "предмет",
            "наименование",
            "закупка",
        ],
    ),
];

pub fn field_from_header(header: &str) -> TenderField {
    field_from_words(header, FIELD_WORDS).unwrap_or(TenderField::Ignore)
}

/// The procedure a cell names, if it names one.
pub fn procedure_from_text(text: &str) -> Option<Procedure> {
    let t = normalise(text);
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    Some(if has(&["auction", "huutokauppa", "auktion", "аукцион"]) {
        Procedure::ElectronicAuction
    } else if has(&["framework", "puite", "ramavtal", "рамочн"]) {
        Procedure::FrameworkAgreement
    } else if has(&["quotation", "rfq", "tarjouspyyntö", "pyyntö", "offertförfrågan", "котиров"]) {
        Procedure::RequestForQuotations
    } else if has(&["single", "direct", "suorahankinta", "direktupphandling", "единствен"]) {
        Procedure::SingleSource
    } else if has(&["programme", "program", "ohjelma", "программ"]) {
        Procedure::SupplyProgramme
    } else if has(&["formulary", "listing", "reimbursement", "korvattavuus", "valikoima", "förmån", "формуляр"])
    {
        Procedure::FormularyListing
    } else if has(&["open", "avoin", "öppet", "открыт", "конкурс"]) {
        Procedure::OpenTender
    } else {
        return None;
    })
}

/// What the user may say about a tender list; the rest is worked out from the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct TenderListOptions {
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub skip_rows: Option<u32>,
    pub header_rows: Option<u32>,
    pub decimal: Option<DecimalStyle>,
    /// Fields by column position (shorter lists leave the rest as found).
    pub fields: Option<Vec<TenderField>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct TenderColumn {
    pub index: u32,
    pub header: String,
    pub field: TenderField,
    pub examples: Vec<String>,
}

/// One tender of the list: the rows it was read from, what it holds, and what importing does with it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ListedTender {
    /// The file's row numbers (1-based), one per lot.
    pub rows: Vec<u64>,
    /// The buyer as the file writes it.
    pub buyer_text: String,
    /// The account it is, once the store found it.
    pub buyer: Option<Ref>,
    pub input: TenderInput,
    pub submission: Option<NaiveDate>,
    /// Imported; otherwise `message` says why not.
    pub create: bool,
    pub message: Option<String>,
}

/// What Avain understood of a tender list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TenderList {
    pub file_name: String,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub skip_rows: u32,
    pub header_rows: u32,
    pub columns: Vec<TenderColumn>,
    pub tenders: Vec<ListedTender>,
    pub created: u32,
    pub skipped: u32,
    /// Values that could not be read (left empty).
    pub problems: Vec<Problem>,
    /// What must be chosen before the list can be imported.
    pub blocker: Option<String>,
}

fn date_of(cell: &OwnedCell, order: DateOrder) -> Option<NaiveDate> {
    match cell {
        OwnedCell::Date(d) => Some(*d),
        OwnedCell::Number(n) => dates::from_excel_serial(*n),
        OwnedCell::Text(t) => dates::parse_period(t, order).map(|p| p.start),
        OwnedCell::Empty => None,
    }
}

/// The position of the row that names the most tender fields (at least two), among the first rows.
fn header_row(rows: &[(u64, Vec<OwnedCell>)]) -> Option<usize> {
    rows.iter()
        .enumerate()
        .map(|(i, (_, cells))| {
            let named = cells.iter().filter(|c| field_from_header(&text_of(c)) != TenderField::Ignore).count();
            (i, named)
        })
        .filter(|(_, named)| *named >= 2)
        .max_by_key(|(i, named)| (*named, std::cmp::Reverse(*i)))
        .map(|(i, _)| i)
}

/// Reads a tender list and groups its rows into tenders. The store then matches the buyers and decides.
pub fn read(path: &Path, options: &TenderListOptions) -> Result<TenderList> {
    let mut import = ImportOptions {
        encoding: options.encoding.clone(),
        delimiter: options.delimiter.clone(),
        sheet: options.sheet.clone(),
        ..Default::default()
    };
    import.layout.skip_rows = options.skip_rows;
    import.layout.header_rows = options.header_rows;
    import.layout.decimal = options.decimal;
    // The sales reader finds headers by sales words; a tender list's header is the row naming most tender fields.
    if options.skip_rows.is_none() && options.header_rows.is_none() {
        let opened = crate::sales::open(path, &import)?;
        let head = source::sample(&mut opened.reader(path)?, 40)?;
        if let Some(h) = header_row(&head) {
            import.layout.skip_rows = Some(h as u32 + 1);
            import.layout.header_rows = Some(1);
        }
    }
    let (opened, all) = crate::sales::open_list(path, &import, MAX_ROWS, "a tender list")?;
    let layout = &opened.layout;
    let data: Vec<&(u64, Vec<OwnedCell>)> = all.iter().skip(layout.skip_rows as usize).collect();
    let mut columns: Vec<TenderColumn> = layout
        .columns
        .iter()
        .map(|c| TenderColumn {
            index: c.index,
            header: c.header.clone(),
            field: if layout.header_rows > 0 { field_from_header(&c.header) } else { TenderField::Ignore },
            examples: c.examples.clone(),
        })
        .collect();
    // Each field once: a second matching column is left out.
    for i in 0..columns.len() {
        let f = columns[i].field;
        if f != TenderField::Ignore && columns[..i].iter().any(|c| c.field == f) {
            columns[i].field = TenderField::Ignore;
        }
    }
    if let Some(fields) = &options.fields {
        for (c, f) in columns.iter_mut().zip(fields) {
            c.field = *f;
        }
    }
    let at = |f: TenderField| columns.iter().find(|c| c.field == f).map(|c| c.index as usize);
    let mut list = TenderList {
        file_name: source::file_name(path),
        encoding: opened.sniffed.format.is_text().then(|| opened.sniffed.encoding.name().to_string()),
        delimiter: opened.sniffed.format.is_text().then(|| crate::sales::delimiter_name(opened.sniffed.delimiter)),
        sheets: opened.sniffed.sheets.clone(),
        sheet: opened.sheet.clone(),
        skip_rows: layout.skip_rows,
        header_rows: layout.header_rows,
        columns: columns.clone(),
        tenders: vec![],
        created: 0,
        skipped: 0,
        problems: vec![],
        blocker: None,
    };
    let (Some(title), Some(buyer)) = (at(TenderField::Title), at(TenderField::Buyer)) else {
        list.blocker = Some("Choose the columns with the tenders' titles and buyers.".into());
        return Ok(list);
    };
    // Day and month order per date column, from its values.
    let order = |i: Option<usize>| {
        let texts: Vec<String> =
            i.map(|i| data.iter().filter_map(|(_, cells)| cells.get(i)).map(text_of).collect()).unwrap_or_default();
        dates::decide_order(texts.iter().map(String::as_str)).0
    };
    let (announcement_at, submission_at) = (at(TenderField::Announcement), at(TenderField::Submission));
    let (announcement_order, submission_order) = (order(announcement_at), order(submission_at));
    let decimal = layout.decimal;
    let mut keys: Vec<String> = Vec::new();
    for (row, cells) in data {
        let get = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(text_of).unwrap_or_default();
        let mut problem = |i: usize, message: &str| {
            list.problems.push(Problem {
                row: *row,
                column: columns.get(i).map(|c| c.header.clone()).unwrap_or_default(),
                value: cells.get(i).map(text_of).unwrap_or_default(),
                message: message.into(),
            })
        };
        let (title_text, buyer_text) = (get(Some(title)), get(Some(buyer)));
        if title_text.is_empty() && buyer_text.is_empty() {
            continue; // an empty or note row
        }
        let mut date = |i: Option<usize>, order: DateOrder| {
            let i = i?;
            let cell = cells.get(i)?;
            let found = date_of(cell, order);
            if found.is_none() && !text_of(cell).is_empty() {
                problem(i, "not a date; left empty");
            }
            found
        };
        let announcement = date(announcement_at, announcement_order);
        let submission = date(submission_at, submission_order);
        let mut number = |i: Option<usize>, what: &str| -> Option<f64> {
            let i = i?;
            match cells.get(i).map(|c| figure(c.as_cell(), decimal)) {
                Some(Ok(Some(v))) => Some(v),
                Some(Ok(None)) | None => None,
                Some(Err(_)) => {
                    problem(i, &format!("not a {what}; left empty"));
                    None
                }
            }
        };
        let quantity = number(at(TenderField::Quantity), "quantity");
        let max_price = number(at(TenderField::MaxPrice), "price");
        let procedure_text = get(at(TenderField::Procedure));
        let procedure = procedure_from_text(&procedure_text);
        if procedure.is_none() && !procedure_text.is_empty() {
            problem(at(TenderField::Procedure).unwrap_or(0), "not a procedure Avain knows; taken as an open tender");
        }
        let reference = get(at(TenderField::Reference));
        // A lot needs a quantity; a substance without one is kept in the notes.
        let inn = get(at(TenderField::Inn));
        let lot = quantity.filter(|q| *q > 0.0).map(|quantity| LotInput {
            inn: inn.clone(),
            form: get(at(TenderField::Form)),
            quantity,
            max_price_minor: max_price.map(|p| (p * 100.0).round() as i64),
            ..Default::default()
        });
        let mut notes = get(at(TenderField::Notes));
        if lot.is_none() && !inn.is_empty() {
            notes = [notes, format!("Substance: {inn} (no quantity in the list)")].join("\n").trim().to_string();
        }
        let key = format!("{}|{}|{}", normalise(&title_text), normalise(&buyer_text), normalise(&reference));
        if let Some(k) = keys.iter().position(|k| *k == key) {
            // A further lot of a tender already listed.
            let t = &mut list.tenders[k];
            t.rows.push(*row);
            t.input.lots.extend(lot);
            continue;
        }
        keys.push(key);
        list.tenders.push(ListedTender {
            rows: vec![*row],
            buyer_text,
            buyer: None,
            input: TenderInput {
                buyer_id: None,
                title: title_text,
                procedure: Some(procedure.unwrap_or(Procedure::OpenTender)),
                reference,
                expected_announcement: announcement,
                owner: get(at(TenderField::Owner)),
                lots: lot.into_iter().collect(),
                milestones: vec![],
                notes,
            },
            submission,
            create: false,
            message: None,
        });
    }
    if list.tenders.is_empty() {
        list.blocker = Some("No row has a tender title and buyer. Check which columns hold them.".into());
    }
    Ok(list)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_name_tender_fields_in_four_languages() {
        use TenderField::*;
        let cases = [
            ("Hankinnan nimi", Title),
            ("Hankintayksikkö", Buyer),
            ("Tarjousten jättöaika", Submission),
            ("Julkaisupäivä", Announcement),
            ("Diaarinumero", Reference),
            ("Vaikuttava aine", Inn),
            ("Määrä", Quantity),
            ("Enimmäishinta €", MaxPrice),
            ("Buyer", Buyer),
            ("Submission deadline", Submission),
            ("Upphandlande myndighet", Buyer),
            ("Заказчик", Buyer),
            ("Procedure", Procedure),
            ("Whatever", Ignore),
        ];
        for (header, field) in cases {
            assert_eq!(field_from_header(header), field, "{header}");
        }
        assert_eq!(procedure_from_text("Sähköinen huutokauppa"), Some(super::Procedure::ElectronicAuction));
        assert_eq!(procedure_from_text("Avoin menettely"), Some(super::Procedure::OpenTender));
        assert_eq!(procedure_from_text("Puitejärjestely"), Some(super::Procedure::FrameworkAgreement));
        assert_eq!(procedure_from_text("mystery"), None);
    }

    #[test]
    fn rows_of_one_tender_become_its_lots_and_bad_values_are_listed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tarjouskilpailut.csv");
        std::fs::write(
            &path,
            "Kilpailut 2027\n\
             Hankinnan nimi;Hankintayksikkö;Menettely;Diaarinumero;Julkaisu;Tarjousten jättöaika;Vaikuttava aine;Määrä;Enimmäishinta €\n\
             Insuliinit 2028;Järvimaa Hospital District;Sähköinen huutokauppa;JHD/27/1;01.09.2027;21.09.2027;insulin glargine;12 000;24,50\n\
             Insuliinit 2028;Järvimaa Hospital District;Sähköinen huutokauppa;JHD/27/1;01.09.2027;21.09.2027;insulin aspart;3 000;19,90\n\
             Statiinit;Tuntematon sairaala;Avoin;X/1;pian;;atorvastatin;abc;\n\
             ;;;;;;;;\n",
        )
        .unwrap();
        let list = read(&path, &TenderListOptions::default()).unwrap();
        assert_eq!(list.blocker, None);
        assert_eq!(list.tenders.len(), 2);
        let first = &list.tenders[0];
        assert_eq!(first.rows, [3, 4]);
        assert_eq!(first.input.procedure, Some(super::Procedure::ElectronicAuction));
        assert_eq!(first.input.expected_announcement, NaiveDate::from_ymd_opt(2027, 9, 1));
        assert_eq!(first.submission, NaiveDate::from_ymd_opt(2027, 9, 21));
        assert_eq!(first.input.lots.len(), 2);
        assert_eq!((first.input.lots[0].quantity, first.input.lots[0].max_price_minor), (12_000.0, Some(2_450)));
        let second = &list.tenders[1];
        assert_eq!(second.input.expected_announcement, None);
        assert!(second.input.lots.is_empty(), "no quantity, no lot");
        assert!(second.input.notes.contains("atorvastatin"));
        let problems: Vec<&str> = list.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(problems, ["not a date; left empty", "not a quantity; left empty"]);

        // A list whose first row is the header.
        let plain = dir.path().join("plain.csv");
        std::fs::write(&plain, "Hankinnan nimi;Hankintayksikkö;Määrä\nE2E;Järvimaa;10\nToinen;Järvimaa;5\n").unwrap();
        let read_plain = read(&plain, &TenderListOptions::default()).unwrap();
        assert_eq!(read_plain.tenders.iter().map(|t| t.input.title.as_str()).collect::<Vec<_>>(), ["E2E", "Toinen"]);

        // Without a buyer column the list cannot be read, and says what to choose.
        let fields = Some(vec![TenderField::Title, TenderField::Ignore]);
        let unclear = read(&path, &TenderListOptions { fields, ..Default::default() }).unwrap();
        assert!(unclear.blocker.unwrap().contains("buyers"));
    }
}
