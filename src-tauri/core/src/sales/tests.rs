//! The importer against generated reports of every shape it promises to read.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::*;
use crate::sales::dates::DateOrder;
use crate::sales::text::DecimalStyle;

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }
    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn text(&self, name: &str, text: &str) -> PathBuf {
        self.write(name, text.as_bytes())
    }
}

fn inspect_ok(path: &Path) -> Understanding {
    inspect_with(path, &ImportOptions::default())
}

fn inspect_with(path: &Path, options: &ImportOptions) -> Understanding {
    inspect(path, options, &mut |_, _| true).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn role_of(u: &Understanding, role: ColumnRole) -> Option<&Column> {
    u.layout.columns.iter().find(|c| c.role == role)
}

fn total(u: &Understanding, role: ColumnRole) -> f64 {
    u.summary.totals.iter().filter(|t| t.role == role).map(|t| t.total).sum()
}

/// Collects the lines a report gives.
fn lines_of(path: &Path, options: &ImportOptions) -> Vec<Line> {
    let opened = open(path, options).unwrap();
    let hierarchy = opened.hierarchy(path).unwrap();
    let mut lines = Vec::new();
    scan::scan(
        &mut opened.reader(path).unwrap(),
        &opened.layout,
        &hierarchy,
        |l| {
            lines.push(l.clone());
            Ok(())
        },
        &mut |_, _| true,
    )
    .unwrap();
    lines
}

const FINNISH: &str = "Asiakas;Tuotekoodi;Tuote;Päivämäärä;Määrä;Myynti €\n\
    Apteekki Keskusta;012345;Burana 400 mg 30 tabl;05.03.2024;12;1 234,50\n\
    Apteekki Keskusta;012346;Panadol 500 mg 20 tabl;15.03.2024;3;45,00\n\
    Kivilahden sairaala;012345;Burana 400 mg 30 tabl;20.03.2024;100;10 290,00\n";

#[test]
fn a_finnish_semicolon_report_with_decimal_commas() {
    let d = Dir::new();
    let u = inspect_ok(&d.text("myynti.csv", FINNISH));
    assert_eq!(u.format, FileFormat::Csv);
    assert_eq!(u.delimiter.as_deref(), Some(";"));
    assert_eq!(u.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(u.layout.decimal, DecimalStyle::Comma);
    assert_eq!((u.layout.skip_rows, u.layout.header_rows), (1, 1));
    let roles: Vec<ColumnRole> = u.layout.columns.iter().map(|c| c.role).collect();
    use ColumnRole::*;
    assert_eq!(roles, [Customer, ProductCode, Product, Date, Quantity, Amount]);
    assert_eq!(role_of(&u, ProductCode).unwrap().kind, ValueKind::Code);
    assert_eq!(u.summary.rows_read, 3);
    assert_eq!(u.summary.lines, 3);
    assert_eq!(total(&u, Amount), 11569.5);
    assert_eq!(total(&u, Quantity), 115.0);
    assert_eq!(u.summary.months, ["2024-03"]);
    assert_eq!(u.summary.customers, 2);
    assert_eq!(u.summary.products, 2);
    let lines = lines_of(&d.text("m.csv", FINNISH), &ImportOptions::default());
    assert_eq!(lines[0].product_code, "012345", "leading zeros are kept");
    assert_eq!(lines[0].amount_minor, Some(123450));
    assert_eq!(lines[0].period, date(2024, 3, 5));
}

#[test]
fn every_encoding_is_detected_and_can_be_overridden() {
    let d = Dir::new();
    let text = "Asiakas;Tuote;Päivä;Määrä;Myynti €\nÄänekosken apteekki;Burana;2024-03-01;5;12,50\n";
    let check = |name: &str, bytes: Vec<u8>, expected: &str| {
        let u = inspect_ok(&d.write(name, &bytes));
        assert_eq!(u.encoding.as_deref(), Some(expected), "{name}");
        assert_eq!(role_of(&u, ColumnRole::Customer).unwrap().examples, ["Äänekosken apteekki"], "{name}");
        assert_eq!(total(&u, ColumnRole::Amount), 12.5, "{name}");
    };
    check("utf8.csv", text.as_bytes().to_vec(), "UTF-8");
    check("bom.csv", [b"\xef\xbb\xbf".as_slice(), text.as_bytes()].concat(), "UTF-8");
    let utf16le: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    check("le.csv", [b"\xff\xfe".as_slice(), &utf16le].concat(), "UTF-16LE");
    check("le-nobom.csv", utf16le, "UTF-16LE");
    let utf16be: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    check("be.csv", [b"\xfe\xff".as_slice(), &utf16be].concat(), "UTF-16BE");
    let euro = text.replace("12,50", "12,50 €");
    let (w1252, _, _) = encoding_rs::WINDOWS_1252.encode(&euro);
    check("w1252.csv", w1252.to_vec(), "windows-1252");
    // ISO-8859-15: € at 0xA4.
    let latin9: Vec<u8> = "Asiakas;Tuote;Päivä;Määrä;Myynti\nÄänekosken apteekki;Burana;2024-03-01;5;12,50 €\n"
        .chars()
        .map(|c| if c == '€' { 0xa4 } else { c as u32 as u8 })
        .collect();
    check("latin9.csv", latin9, "ISO-8859-15");

    let russian = "Аптека;Наименование товара;Дата;Количество;Сумма\nАптека №1;Аспирин 500 мг;01.03.2024;10;1 500,00\n\
        Аптека №2;Аспирин 500 мг;02.03.2024;4;600,00\nИтого;;;14;2 100,00\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(russian);
    let u = inspect_ok(&d.write("ru.csv", &cp1251));
    assert_eq!(u.encoding.as_deref(), Some("windows-1251"));
    assert_eq!(role_of(&u, ColumnRole::Product).unwrap().header, "Наименование товара");
    assert_eq!(role_of(&u, ColumnRole::Customer).unwrap().header, "Аптека");
    assert_eq!(total(&u, ColumnRole::Amount), 2100.0);
    assert_eq!(u.summary.excluded[0].reason, Exclusion::TotalRow);

    // The user's choice wins over detection.
    let forced = inspect_with(
        &d.write("ru2.csv", &cp1251),
        &ImportOptions { encoding: Some("windows-1251".into()), ..Default::default() },
    );
    assert_eq!(forced.encoding.as_deref(), Some("windows-1251"));
    assert!(!forced.encoding_detected);
}

#[test]
fn every_delimiter_with_quotes_and_crlf() {
    let d = Dir::new();
    for (name, delim) in [("comma", ','), ("semicolon", ';'), ("tab", '\t'), ("pipe", '|')] {
        let decimal = if delim == ',' { "\"1,5\"" } else { "1,5" };
        let text = format!(
            "Customer{delim}Product{delim}Date{delim}Quantity{delim}Amount\r\n\
             \"Pharmacy{delim} \"\"North\"\"\"{delim}Aspirin{delim}2024-01-31{delim}2{delim}{decimal}\r\n\
             South{delim}\"Ibuprofen\r\n400\"{delim}2024-01-15{delim}3{delim}{}\r\n",
            if delim == ',' { "\"2,5\"" } else { "2,5" }
        );
        let u = inspect_ok(&d.text(&format!("{name}.csv"), &text));
        assert_eq!(u.delimiter.as_deref(), Some(if delim == '\t' { "\\t" } else { &text[8..9] }), "{name}");
        assert_eq!(u.summary.lines, 2, "{name}");
        assert_eq!(total(&u, ColumnRole::Amount), 4.0, "{name}");
        assert_eq!(role_of(&u, ColumnRole::Customer).unwrap().examples[0], format!("Pharmacy{delim} \"North\""));
    }
    // Chosen by the user.
    let path = d.text("x.txt", "Customer;Amount;Date\nA;1;2024-01-01\n");
    let opened = open(&path, &ImportOptions { delimiter: Some("|".into()), ..Default::default() }).unwrap();
    assert_eq!(opened.sniffed.delimiter, b'|');
    assert_eq!(opened.layout.columns.len(), 1);
}

#[test]
fn decimal_and_thousands_styles() {
    let d = Dir::new();
    let cases = [
        ("point", "Customer,Date,Amount\nA,2024-01-01,1234.50\nB,2024-01-01,\"1,000.25\"\n", 2234.75),
        ("comma-space", "Customer;Date;Amount\nA;2024-01-01;1 234,50\nB;2024-01-01;1 000,25\n", 2234.75),
        ("comma-nbsp", "Customer;Date;Amount\nA;2024-01-01;1\u{a0}234,50\nB;2024-01-01;1\u{a0}000,25\n", 2234.75),
        ("comma-dot", "Customer;Date;Amount\nA;2024-01-01;1.234,50\nB;2024-01-01;1.000,25\n", 2234.75),
        ("apostrophe", "Customer;Date;Amount\nA;2024-01-01;1'234.50\nB;2024-01-01;1'000.25\n", 2234.75),
    ];
    for (name, text, expected) in cases {
        let u = inspect_ok(&d.text(&format!("{name}.csv"), text));
        assert_eq!(total(&u, ColumnRole::Amount), expected, "{name}");
        assert_eq!(u.summary.problem_count, 0, "{name}: {:?}", u.summary.problems);
    }
}

#[test]
fn missing_markers_are_empty_not_problems() {
    let d = Dir::new();
    let text = "Customer;Product;Date;Quantity;Amount;Stock\nA;X;2024-01-01;NA;10,00;-\nB;Y;2024-01-01;2;(S);  \n\
        C;Z;2024-01-01;-;-;-\n";
    let u = inspect_ok(&d.text("m.csv", text));
    assert_eq!(u.summary.problem_count, 0, "{:?}", u.summary.problems);
    assert_eq!(u.summary.lines, 2);
    assert_eq!(u.summary.excluded[0].reason, Exclusion::NoFigures);
    assert_eq!(total(&u, ColumnRole::Quantity), 2.0);
    // A real non-number is reported, and the row is kept with the figure left empty.
    let u = inspect_ok(&d.text("p.csv", "Customer;Date;Quantity;Amount\nA;2024-01-01;lots;5\n"));
    assert_eq!(u.summary.problem_count, 1);
    assert_eq!(u.summary.problems[0].value, "lots");
    assert_eq!(u.summary.lines, 1);
}

#[test]
fn the_header_is_found_below_title_and_note_rows() {
    let d = Dir::new();
    let text = "Tukkuliike Oy – Myyntiraportti maaliskuu 2024\nLuotu 02.04.2024\n\n\
        Asiakas;Tuote;Määrä;Summa\nApteekki A;Burana;2;10,00\nApteekki B;Burana;3;15,00\n";
    let u = inspect_ok(&d.text("t.csv", text));
    // The blank line is not a record.
    assert_eq!((u.layout.skip_rows, u.layout.header_rows), (3, 1));
    assert_eq!(u.layout.title.len(), 2);
    // No date column: the month in the title is the report's period.
    assert_eq!(u.layout.report_period, date(2024, 3, 1));
    assert_eq!(u.summary.months, ["2024-03"]);
    assert_eq!(total(&u, ColumnRole::Amount), 25.0);
}

#[test]
fn a_report_without_any_period_asks_for_one() {
    let d = Dir::new();
    let path = d.text("n.csv", "Customer;Product;Quantity\nA;X;1\n");
    let u = inspect_ok(&path);
    assert!(u.blocker.as_deref().unwrap().contains("which month"), "{:?}", u.blocker);
    assert_eq!(u.summary.lines, 0);
    let options = ImportOptions {
        layout: LayoutChoice { report_period: date(2024, 2, 1), ..Default::default() },
        ..Default::default()
    };
    assert_eq!(inspect_with(&path, &options).summary.months, ["2024-02"]);
}

#[test]
fn a_two_row_header_with_months_merged_over_quantity_and_amount() {
    let d = Dir::new();
    // As a CSV export of merged cells: the month label once, then empty cells under the merge.
    let text = "Myyntiraportti\n\nApteekki;Tuote;Tammikuu 2024;;Helmikuu 2024;\n;;Kpl;€;Kpl;€\n\
        Apteekki A;Burana;2;10,00;3;15,00\nApteekki B;Burana;1;5,00;;\nYhteensä;;3;15,00;3;15,00\n";
    let u = inspect_ok(&d.text("wide.csv", text));
    assert_eq!((u.layout.skip_rows, u.layout.header_rows), (3, 2));
    let c = &u.layout.columns;
    assert_eq!(c[2].header, "Tammikuu 2024 / Kpl");
    assert_eq!(c[3].header, "Tammikuu 2024 / €");
    assert_eq!((c[2].role, c[2].period), (ColumnRole::Quantity, date(2024, 1, 1)));
    assert_eq!((c[3].role, c[3].period), (ColumnRole::Amount, date(2024, 1, 1)));
    assert_eq!((c[5].role, c[5].period), (ColumnRole::Amount, date(2024, 2, 1)));
    // Three lines: A in January and February, B in January; the total row is excluded.
    assert_eq!(u.summary.lines, 3);
    assert_eq!(u.summary.months, ["2024-01", "2024-02"]);
    assert_eq!(total(&u, ColumnRole::Amount), 30.0);
    assert_eq!(u.summary.excluded_count, 1);
}

#[test]
fn a_file_without_a_header_gets_named_columns() {
    let d = Dir::new();
    let text = "Apteekki A;6417812345678;01.03.2024;4;20,00\nApteekki B;6417812345678;02.03.2024;1;5,00\n";
    let path = d.text("noheader.csv", text);
    let u = inspect_ok(&path);
    assert_eq!(u.layout.header_rows, 0);
    assert_eq!(u.layout.skip_rows, 0);
    let roles: Vec<ColumnRole> = u.layout.columns.iter().map(|c| c.role).collect();
    use ColumnRole::*;
    assert_eq!(roles, [Customer, Ean, Date, Quantity, Amount]);
    assert_eq!(u.layout.columns[0].header, "Column 1");
    assert_eq!(u.summary.lines, 2);
    // The user names the columns and corrects a role.
    let options = ImportOptions {
        layout: LayoutChoice {
            names: Some(vec!["Pharmacy".into(), "EAN".into(), "Day".into(), "Packs".into(), "Euro".into()]),
            roles: Some(vec![Customer, Ean, Date, Ignore, Amount]),
            ..Default::default()
        },
        ..Default::default()
    };
    let u = inspect_with(&path, &options);
    assert_eq!(u.layout.columns[3].header, "Packs");
    assert_eq!(u.layout.columns[3].role, Ignore);
    assert!(u.summary.totals.iter().all(|t| t.role == Amount));
}

#[test]
fn date_forms_and_the_day_month_order() {
    let d = Dir::new();
    let cases: &[(&str, &[&str], Option<NaiveDate>)] = &[
        ("iso", &["2024-03-05", "2024-03-20"], date(2024, 3, 5)),
        ("dotted", &["05.03.2024", "20.03.2024"], date(2024, 3, 5)),
        ("dotted-short", &["05.03.24", "20.03.24"], date(2024, 3, 5)),
        ("dmy-slash", &["05/03/2024", "20/03/2024"], date(2024, 3, 5)),
        ("mdy-slash", &["03/05/2024", "03/20/2024"], date(2024, 3, 5)),
        ("yyyymmdd", &["20240305", "20240320"], date(2024, 3, 5)),
        ("serial", &["45356", "45371"], date(2024, 3, 5)),
        ("english", &["March 2024", "April 2024"], date(2024, 3, 1)),
        ("finnish", &["maaliskuu 2024", "huhtikuu 2024"], date(2024, 3, 1)),
        ("russian", &["Март 2024", "Апрель 2024"], date(2024, 3, 1)),
    ];
    for (name, values, first) in cases {
        let text = format!("Customer;Date;Amount\nA;{};1\nB;{};2\n", values[0], values[1]);
        let path = d.text(&format!("{name}.csv"), &text);
        let u = inspect_ok(&path);
        assert_eq!(u.summary.lines, 2, "{name}: {:?}", u.summary.problems);
        assert_eq!(u.summary.period_from, *first, "{name}");
    }
    let u = inspect_ok(&d.text("mdy.csv", "Customer;Date;Amount\nA;03/05/2024;1\nB;03/20/2024;2\n"));
    assert_eq!((u.layout.date_order, u.layout.date_order_proven), (DateOrder::MonthDay, true));
    let u = inspect_ok(&d.text("unsure.csv", "Customer;Date;Amount\nA;03/05/2024;1\nB;04/05/2024;2\n"));
    assert!(!u.layout.date_order_proven);
    assert!(!u.warnings.is_empty(), "an unproven order is pointed out");
    // Year and week columns.
    let u = inspect_ok(&d.text("week.csv", "Vuosi;Viikko;Tuote;Määrä\n2023;1;A;5\n2023;17;A;6\n"));
    assert_eq!(role_of(&u, ColumnRole::Year).unwrap().header, "Vuosi");
    assert_eq!(role_of(&u, ColumnRole::Week).unwrap().header, "Viikko");
    assert_eq!((u.summary.period_from, u.summary.period_to), (date(2023, 1, 2), date(2023, 4, 24)));
    // Year and month columns.
    let u = inspect_ok(&d.text("month.csv", "Year;Month;Product;Units\n2024;2;A;5\n2024;12;A;6\n"));
    assert_eq!(u.summary.months, ["2024-02", "2024-12"]);
}

#[test]
fn total_rows_of_every_kind_are_excluded_and_listed() {
    let d = Dir::new();
    let text = "Customer;Product;Date;Quantity;Amount\n\
        Pharmacy A;Aspirin;2024-01-01;1;10\nPharmacy A;Ibuprofen;2024-01-01;2;20\nPharmacy A Total;;;3;30\n\
        Pharmacy B;Aspirin;2024-01-01;4;40\nYhteensä;;;4;40\nSumma;;;7;70\nИтого;;;7;70\n;;;7;70\nGrand total;;;7;70\n";
    let u = inspect_ok(&d.text("t.csv", text));
    assert_eq!(u.summary.lines, 3);
    assert_eq!(total(&u, ColumnRole::Amount), 70.0, "totals are never summed");
    let reasons: Vec<Exclusion> = u.summary.excluded.iter().map(|e| e.reason).collect();
    use Exclusion::*;
    assert_eq!(reasons, [TotalRow, TotalRow, TotalRow, TotalRow, NoKey, TotalRow]);
    assert_eq!(u.summary.excluded[0].row, 4);
}

#[test]
fn indented_group_rows_are_excluded() {
    let d = Dir::new();
    let text = "Product;Date;Quantity;Amount\nAnalgesics;2024-01-01;3;30\n  Aspirin;2024-01-01;1;10\n  Ibuprofen;2024-01-01;2;20\n\
        Antibiotics;2024-01-01;5;50\n  Amoxicillin;2024-01-01;5;50\nVitamins;2024-01-01;1;1\n";
    let u = inspect_ok(&d.text("i.csv", text));
    assert_eq!(u.summary.lines, 4, "{:?}", u.summary.excluded);
    assert_eq!(total(&u, ColumnRole::Amount), 81.0);
    assert!(u.summary.excluded.iter().all(|e| e.reason == Exclusion::IndentedGroup));
}

#[test]
fn hierarchical_codes_and_level_columns_keep_only_the_detail() {
    let d = Dir::new();
    // Like Kela's ATC statistics: a national total, then levels 1–5, sorted by level, quoted, decimal comma.
    let mut text = String::from(
        "\u{feff}\"VUOSI\";\"VIIKKO\";\"VAR_KUSTANNUS\";\"ATC_KOODI\";\"ATC_SELITE_FI\";\"ALUENIMI_FI\";\"ATC_TASO\"\n",
    );
    text += "\"2023\";\"1\";\"300,00\";NA;\"(NA) NA\";\"Koko Suomi\";\"0\"\n";
    for (code, level, amount) in [
        ("A", 1, "300,00"),
        ("A10", 2, "300,00"),
        ("A10B", 3, "300,00"),
        ("A10BA", 4, "300,00"),
        ("A10BA02", 5, "100,00"),
        ("A10BB01", 5, "200,00"),
    ] {
        let _ = level;
        text += &format!("\"2023\";\"1\";\"{amount}\";\"{code}\";\"({code}) x\";\"Koko Suomi\";\"{level}\"\n");
    }
    let u = inspect_ok(&d.text("kela.csv", &text));
    use ColumnRole::*;
    assert_eq!(role_of(&u, Level).unwrap().header, "ATC_TASO");
    assert_eq!(role_of(&u, ProductCode).unwrap().header, "ATC_KOODI");
    assert_eq!(role_of(&u, Amount).unwrap().header, "VAR_KUSTANNUS");
    assert_eq!(role_of(&u, Region).unwrap().header, "ALUENIMI_FI");
    assert_eq!(u.summary.lines, 2);
    assert_eq!(total(&u, Amount), 300.0);
    assert_eq!(u.summary.excluded_count, 5);

    // Codes alone (no level column): a code that others extend is a group row.
    let text =
        "Code;Product;Date;Amount\nA;Group A;2024-01-01;30\nA10;Sub;2024-01-01;30\nA10BA02;Metformin;2024-01-01;10\n\
        A10BB01;Glibenclamide;2024-01-01;20\nB01;Other;2024-01-01;5\n";
    let u = inspect_ok(&d.text("codes.csv", text));
    assert_eq!(u.summary.lines, 3);
    assert_eq!(total(&u, Amount), 35.0);
    assert!(u.summary.excluded.iter().all(|e| e.reason == Exclusion::GroupCode));
}

fn xlsx_bytes(build: impl FnOnce(&mut rust_xlsxwriter::Workbook)) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    build(&mut wb);
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_with_numbers_as_text_dates_and_a_merged_two_row_header() {
    use rust_xlsxwriter::{ExcelDateTime, Format};
    let d = Dir::new();
    let bytes = xlsx_bytes(|wb| {
        let notes = wb.add_worksheet();
        notes.set_name("Notes").unwrap();
        notes.write(0, 0, "This workbook holds the March report.").unwrap();
        let ws = wb.add_worksheet();
        ws.set_name("Report").unwrap();
        let date_format = Format::new().set_num_format("dd.mm.yyyy");
        ws.write(0, 0, "Distributor X sales").unwrap();
        ws.merge_range(2, 0, 3, 0, "Customer", &Format::new()).unwrap();
        ws.merge_range(2, 1, 3, 1, "Product code", &Format::new()).unwrap();
        ws.merge_range(2, 2, 2, 3, "Sales", &Format::new()).unwrap();
        ws.write(3, 2, "Quantity").unwrap();
        ws.write(3, 3, "Amount EUR").unwrap();
        ws.merge_range(2, 4, 3, 4, "Date", &Format::new()).unwrap();
        let rows: [(&str, &str, f64, &str); 3] =
            [("Apteekki A", "00123", 5.0, "50,00"), ("Apteekki B", "00124", 2.0, "20,50"), ("Total", "", 7.0, "70,50")];
        for (i, (c, code, q, a)) in rows.iter().enumerate() {
            let r = 4 + i as u32;
            ws.write(r, 0, *c).unwrap();
            if !code.is_empty() {
                ws.write(r, 1, *code).unwrap();
            }
            ws.write(r, 2, *q).unwrap();
            ws.write(r, 3, *a).unwrap(); // a number stored as text
            if i < 2 {
                ws.write_datetime_with_format(
                    r,
                    4,
                    ExcelDateTime::from_ymd(2024, 3, 10 + i as u8).unwrap(),
                    &date_format,
                )
                .unwrap();
            }
        }
    });
    let path = d.write("report.xlsx", &bytes);
    let u = inspect_ok(&path);
    assert_eq!(u.format, FileFormat::Xlsx);
    assert_eq!(u.sheets, ["Notes", "Report"]);
    assert_eq!(u.sheet.as_deref(), Some("Report"), "the sheet with the data is chosen");
    assert_eq!(u.layout.header_rows, 2);
    let c = &u.layout.columns;
    assert_eq!(c[2].header, "Sales / Quantity");
    assert_eq!(c[3].header, "Sales / Amount EUR");
    use ColumnRole::*;
    assert_eq!(c.iter().map(|c| c.role).collect::<Vec<_>>(), [Customer, ProductCode, Quantity, Amount, Date]);
    assert_eq!(u.summary.lines, 2);
    assert_eq!(total(&u, Amount), 70.5);
    assert_eq!((u.summary.period_from, u.summary.period_to), (date(2024, 3, 10), date(2024, 3, 11)));
    let lines = lines_of(&path, &ImportOptions::default());
    assert_eq!(lines[0].product_code, "00123");
    // Another sheet can be chosen.
    let err = inspect(&path, &ImportOptions { sheet: Some("Nope".into()), ..Default::default() }, &mut |_, _| true);
    assert_eq!(err.unwrap_err().code(), "unknown_sheet");
}

/// A minimal OpenDocument spreadsheet.
fn ods_bytes(rows: &[&[&str]]) -> Vec<u8> {
    let mut body = String::new();
    for row in rows {
        body += "<table:table-row>";
        for cell in *row {
            if let Ok(n) = cell.parse::<f64>() {
                body += &format!("<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{cell}</text:p></table:table-cell>");
            } else if cell.is_empty() {
                body += "<table:table-cell/>";
            } else {
                body += &format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                );
            }
        }
        body += "</table:table-row>";
    }
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Myynti\">{body}</table:table>\
         </office:spreadsheet></office:body></office:document-content>"
    );
    let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><manifest:manifest \
        xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
        <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
        <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/></manifest:manifest>";
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut buf);
        let stored = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
        zip.start_file("mimetype", stored).unwrap();
        zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet").unwrap();
        zip.start_file("content.xml", stored).unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        zip.start_file("META-INF/manifest.xml", stored).unwrap();
        zip.write_all(manifest.as_bytes()).unwrap();
        zip.finish().unwrap();
    }
    buf.into_inner()
}

#[test]
fn ods_workbooks() {
    let d = Dir::new();
    let bytes = ods_bytes(&[
        &["Asiakas", "Tuote", "Päivämäärä", "Määrä", "Myynti"],
        &["Apteekki A", "Burana", "01.02.2024", "3", "30.5"],
        &["Apteekki B", "Burana", "02.02.2024", "1", "10"],
        &["Yhteensä", "", "", "4", "40.5"],
    ]);
    let u = inspect_ok(&d.write("myynti.ods", &bytes));
    assert_eq!(u.format, FileFormat::Ods);
    assert_eq!(u.sheet.as_deref(), Some("Myynti"));
    assert_eq!(u.summary.lines, 2);
    assert_eq!(total(&u, ColumnRole::Amount), 40.5);
    assert_eq!(u.summary.months, ["2024-02"]);
}

/// A minimal legacy Excel workbook: BIFF5 (Excel 95, stream "Book") or BIFF8 (Excel 97–2003, stream "Workbook").
fn xls_bytes(biff8: bool, rows: &[&[&str]]) -> Vec<u8> {
    fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
        out.extend_from_slice(&typ.to_le_bytes());
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
    }
    let bof = |dt: u16| -> Vec<u8> {
        let version: u16 = if biff8 { 0x0600 } else { 0x0500 };
        let mut b = version.to_le_bytes().to_vec();
        b.extend_from_slice(&dt.to_le_bytes());
        b.extend_from_slice(&[0; 4]);
        if biff8 {
            b.extend_from_slice(&[0; 8]);
        }
        b
    };
    let latin1 = |s: &str| -> Vec<u8> { s.chars().map(|c| c as u32 as u8).collect() };
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    let mut dims = Vec::new();
    dims.extend_from_slice(&0u32.to_le_bytes());
    dims.extend_from_slice(&(rows.len() as u32).to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    dims.extend_from_slice(&(rows.iter().map(|r| r.len()).max().unwrap_or(0) as u16).to_le_bytes());
    dims.extend_from_slice(&0u16.to_le_bytes());
    record(&mut sheet, 0x0200, &dims);
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let mut data = Vec::new();
            data.extend_from_slice(&(r as u16).to_le_bytes());
            data.extend_from_slice(&(c as u16).to_le_bytes());
            data.extend_from_slice(&0u16.to_le_bytes());
            if let Ok(n) = value.parse::<f64>() {
                data.extend_from_slice(&n.to_le_bytes());
                record(&mut sheet, 0x0203, &data);
            } else {
                let bytes = latin1(value);
                data.extend_from_slice(&(bytes.len() as u16).to_le_bytes());
                if biff8 {
                    data.push(0); // compressed (one byte per character)
                }
                data.extend_from_slice(&bytes);
                record(&mut sheet, 0x0204, &data);
            }
        }
    }
    record(&mut sheet, 0x000A, &[]);

    let name = latin1("Myynti");
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    record(&mut globals, 0x0042, &(if biff8 { 1200u16 } else { 1252u16 }).to_le_bytes());
    let boundsheet_len = 4 + 2 + 1 + usize::from(biff8) + name.len();
    let sheet_pos = globals.len() + 4 + boundsheet_len + 4;
    let mut bs = (sheet_pos as u32).to_le_bytes().to_vec();
    bs.extend_from_slice(&[0, 0, name.len() as u8]);
    if biff8 {
        bs.push(0);
    }
    bs.extend_from_slice(&name);
    record(&mut globals, 0x0085, &bs);
    record(&mut globals, 0x000A, &[]);
    let mut stream = globals;
    stream.extend_from_slice(&sheet);

    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut comp = cfb::CompoundFile::create_with_version(cfb::Version::V3, &mut buf).unwrap();
        let mut s = comp.create_stream(if biff8 { "/Workbook" } else { "/Book" }).unwrap();
        s.write_all(&stream).unwrap();
        // Pad small streams so they are not kept in the mini-stream, which some readers handle less well.
        s.write_all(&vec![0u8; 4096usize.saturating_sub(stream.len())]).unwrap();
        drop(s);
        comp.flush().unwrap();
    }
    buf.into_inner()
}

#[test]
fn legacy_excel_95_and_97_workbooks() {
    let d = Dir::new();
    let rows: &[&[&str]] = &[
        &["Asiakas", "Tuote", "Päivämäärä", "Määrä", "Myynti"],
        &["Äänekosken apteekki", "Burana", "01.02.2024", "3", "30.5"],
        &["Apteekki B", "Burana", "02.02.2024", "1", "10"],
        &["Yhteensä", "", "", "4", "40.5"],
    ];
    for biff8 in [false, true] {
        let path = d.write(if biff8 { "excel97.xls" } else { "excel95.xls" }, &xls_bytes(biff8, rows));
        let u = inspect_ok(&path);
        assert_eq!(u.format, FileFormat::Xls);
        assert_eq!(u.summary.lines, 2, "biff8={biff8}");
        assert_eq!(total(&u, ColumnRole::Amount), 40.5);
        assert_eq!(role_of(&u, ColumnRole::Customer).unwrap().examples[0], "Äänekosken apteekki");
    }
}

#[test]
fn broken_files_get_a_clear_message() {
    let d = Dir::new();
    let check = |name: &str, bytes: &[u8], code: &str| {
        let err = inspect(&d.write(name, bytes), &ImportOptions::default(), &mut |_, _| true).unwrap_err();
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(err.to_string().contains("Nothing was imported"), "{name}: {err}");
    };
    check("empty.csv", b"", "unreadable_file");
    let xlsx = xlsx_bytes(|wb| {
        wb.add_worksheet().write(0, 0, "Customer").unwrap();
    });
    check("truncated.xlsx", &xlsx[..xlsx.len() / 2], "unreadable_file");
    let garbage: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    check("garbage.bin", &garbage, "unreadable_file");
    check("truncated.xls", &xls_bytes(true, &[&["a"]])[..600], "unreadable_file");
    // Ragged rows are read (short rows padded, long rows' extra cells ignored).
    let u = inspect_ok(
        &d.text("ragged.csv", "Customer;Date;Amount\nA;2024-01-01\nB;2024-01-01;5;extra;cells\nC;2024-01-01;7\n"),
    );
    assert_eq!(u.summary.lines, 2);
    assert_eq!(u.summary.excluded[0].reason, Exclusion::NoFigures);
}

#[test]
fn cancelling_stops_the_scan() {
    let d = Dir::new();
    let mut text = String::from("Customer;Date;Amount\n");
    for i in 0..10_000 {
        text += &format!("C{i};2024-01-01;1\n");
    }
    let path = d.text("big.csv", &text);
    let mut calls = 0;
    let u = inspect(&path, &ImportOptions::default(), &mut |_, _| {
        calls += 1;
        calls < 2
    })
    .unwrap();
    assert!(u.summary.cancelled);
    assert!(u.summary.lines < 10_000);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

        /// Whatever the bytes, inspecting them gives an answer or a message, never a panic.
        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048), ext in "(csv|xlsx|xls|ods|txt)") {
            let d = Dir::new();
            let path = d.write(&format!("f.{ext}"), &bytes);
            let _ = inspect(&path, &ImportOptions::default(), &mut |_, _| true);
        }

        /// Text made of report-like pieces never panics either, and never counts a total row.
        #[test]
        fn report_like_text_never_panics(cells in proptest::collection::vec("[A-Za-zÄÖäö0-9 ,.;:\"'\\-/()€\t\n]{0,12}", 0..200)) {
            let d = Dir::new();
            let path = d.text("r.csv", &cells.join(";"));
            let _ = inspect(&path, &ImportOptions::default(), &mut |_, _| true);
        }

        /// Mutilated workbooks are refused cleanly.
        #[test]
        fn damaged_workbooks_are_refused(cut in 0usize..4000, flip in 0usize..4000) {
            let d = Dir::new();
            let mut bytes = ods_bytes(&[&["Customer", "Date", "Amount"], &["A", "2024-01-01", "1"]]);
            if flip < bytes.len() { bytes[flip] ^= 0x5a; }
            bytes.truncate(cut.max(4));
            let path = d.write("f.ods", &bytes);
            let _ = inspect(&path, &ImportOptions::default(), &mut |_, _| true);
        }
    }
}

#[test]
fn plan_and_receivables_headers_in_four_languages() {
    use super::layout::role_from_header;
    for (header, role) in [
        ("Plan EUR", ColumnRole::PlanAmount),
        ("Budget", ColumnRole::PlanAmount),
        ("Myyntitavoite", ColumnRole::PlanAmount),
        ("Tavoite kpl", ColumnRole::PlanQuantity),
        ("Budget antal", ColumnRole::PlanQuantity),
        ("План, руб", ColumnRole::PlanAmount),
        ("Due date", ColumnRole::DueDate),
        ("Eräpäivä", ColumnRole::DueDate),
        ("Förfallodatum", ColumnRole::DueDate),
        ("Срок оплаты", ColumnRole::DueDate),
        ("Open amount", ColumnRole::Receivable),
        ("Avoin saldo", ColumnRole::Receivable),
        ("Utestående belopp", ColumnRole::Receivable),
        ("Дебиторская задолженность", ColumnRole::Receivable),
        ("Overdue", ColumnRole::Overdue),
        ("Erääntynyt", ColumnRole::Overdue),
        ("Просрочено", ColumnRole::Overdue),
        ("Days overdue", ColumnRole::Ignore),
        ("Invoice no", ColumnRole::Ignore),
        ("Invoice amount", ColumnRole::Ignore),
        ("Invoice date", ColumnRole::Date),
        ("Varastosaldo", ColumnRole::Stock),
        ("Myöhässä pv", ColumnRole::Ignore),
        ("Laskupvm", ColumnRole::Date),
        ("Asiakasnro", ColumnRole::CustomerCode),
        ("Kundnr", ColumnRole::CustomerCode),
    ] {
        assert_eq!(role_from_header(header).0, role, "{header}");
    }
}

#[test]
fn a_receivables_report_without_invoice_dates_is_dated_by_its_due_dates() {
    let dir = Dir::new();
    let path = dir.text(
        "open-items.csv",
        "Customer,Due date,Outstanding,Overdue\nCity Hospital,2024-05-31,1000.00,0\nCity Hospital,2024-04-30,250.50,250.50\n",
    );
    let u = inspect_ok(&path);
    assert_eq!(u.blocker, None);
    assert_eq!(total(&u, ColumnRole::Receivable), 1250.5);
    assert_eq!(total(&u, ColumnRole::Overdue), 250.5);
    let lines = lines_of(&path, &ImportOptions::default());
    assert_eq!(lines[1].due, date(2024, 4, 30));
    assert_eq!(lines[1].period, date(2024, 4, 30));
    assert_eq!((lines[1].receivable_minor, lines[1].overdue_minor), (Some(25050), Some(25050)));
    assert!(u.summary.months.is_empty());
}

#[test]
fn a_product_list_with_prices_is_recognised_as_a_price_list() {
    let dir = Dir::new();
    let prices = inspect_ok(&dir.text("prices.csv", "Tuotenumero;Tuote;Hinta\n004411;Dolorex 400 mg;4,95\n"));
    assert!(prices.looks_like_price_list);
    assert!(prices.blocker.is_some(), "nothing dated to import as sales");
    let report = inspect_ok(&dir.text("report.csv", "Customer,Product,Date,Amount\nA,B,2024-03-01,10\n"));
    assert!(!report.looks_like_price_list);
}
