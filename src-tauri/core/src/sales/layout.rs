//! Working out a report's layout from its first rows: where the header is (below any title and note rows, one
//! row or two with merged cells, or none at all), what each column holds (its role, proposed from header words in
//! English, Finnish, Swedish and Russian, and the kind of values under it), the decimal style, the day/month order
//! of dates, and a report period named in the title rows.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{decide_order, month_from_name, parse_period, parse_small, DateOrder, Granularity};
use super::source::{number_text, Cell, OwnedCell};
use super::text::{decimal_evidence, is_missing, is_total_label, normalise, parse_number, DecimalStyle};

/// What a column means to Avain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ColumnRole {
    Ignore,
    Customer,
    CustomerCode,
    Product,
    ProductCode,
    Ean,
    Quantity,
    Amount,
    Price,
    Date,
    Year,
    Month,
    Week,
    Region,
    Distributor,
    Stock,
    /// The level of a row in a hierarchy (group rows have a lower level than detail rows).
    Level,
    /// A planned amount or quantity (a plan or budget file, or a plan column beside the actuals).
    PlanAmount,
    PlanQuantity,
    /// A receivables report: the open amount, the amount already overdue, and the due date.
    Receivable,
    Overdue,
    DueDate,
}

impl ColumnRole {
    pub const ALL: &'static [ColumnRole] = &[
        ColumnRole::Ignore,
        ColumnRole::Customer,
        ColumnRole::CustomerCode,
        ColumnRole::Product,
        ColumnRole::ProductCode,
        ColumnRole::Ean,
        ColumnRole::Quantity,
        ColumnRole::Amount,
        ColumnRole::Price,
        ColumnRole::Date,
        ColumnRole::Year,
        ColumnRole::Month,
        ColumnRole::Week,
        ColumnRole::Region,
        ColumnRole::Distributor,
        ColumnRole::Stock,
        ColumnRole::Level,
        ColumnRole::PlanAmount,
        ColumnRole::PlanQuantity,
        ColumnRole::Receivable,
        ColumnRole::Overdue,
        ColumnRole::DueDate,
    ];

    /// Figures that are summed (and may be laid out one column per period).
    pub fn is_measure(self) -> bool {
        matches!(
            self,
            ColumnRole::Quantity
                | ColumnRole::Amount
                | ColumnRole::Stock
                | ColumnRole::PlanAmount
                | ColumnRole::PlanQuantity
                | ColumnRole::Receivable
                | ColumnRole::Overdue
        )
    }

    /// Figures of a receivables report (not sales).
    pub fn is_receivable(self) -> bool {
        matches!(self, ColumnRole::Receivable | ColumnRole::Overdue)
    }

    /// Columns that say whom or what a row is about; a row with figures but none of these is a subtotal.
    pub fn is_key(self) -> bool {
        matches!(
            self,
            ColumnRole::Customer
                | ColumnRole::CustomerCode
                | ColumnRole::Product
                | ColumnRole::ProductCode
                | ColumnRole::Ean
                | ColumnRole::Region
        )
    }

    pub fn label(self) -> &'static str {
        match self {
            ColumnRole::Ignore => "not imported",
            ColumnRole::Customer => "customer",
            ColumnRole::CustomerCode => "customer code",
            ColumnRole::Product => "product",
            ColumnRole::ProductCode => "product code",
            ColumnRole::Ean => "EAN",
            ColumnRole::Quantity => "quantity",
            ColumnRole::Amount => "amount",
            ColumnRole::Price => "price",
            ColumnRole::Date => "date or period",
            ColumnRole::Year => "year",
            ColumnRole::Month => "month",
            ColumnRole::Week => "week",
            ColumnRole::Region => "region",
            ColumnRole::Distributor => "distributor",
            ColumnRole::Stock => "stock on hand",
            ColumnRole::Level => "hierarchy level",
            ColumnRole::PlanAmount => "plan (amount)",
            ColumnRole::PlanQuantity => "plan (quantity)",
            ColumnRole::Receivable => "open receivable",
            ColumnRole::Overdue => "overdue amount",
            ColumnRole::DueDate => "due date",
        }
    }
}

/// The kind of values found under a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ValueKind {
    Empty,
    Text,
    /// Identifiers: digits with leading zeros, or letters and digits ("A10BA02").
    Code,
    Integer,
    Decimal,
    Date,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Concept {
    Customer,
    Product,
    Code,
    Name,
    Ean,
    Quantity,
    Amount,
    Price,
    Date,
    Period,
    Year,
    Week,
    Region,
    Distributor,
    Stock,
    Level,
    Plan,
    Due,
    Overdue,
    Receivable,
    Invoice,
    Days,
}

/// Header words, by concept. A word of four letters or more also matches inside a compound ("tuotekoodi",
/// "varastosaldo", "aluenimi").
const WORDS: &[(Concept, &[&str])] = &[
    (
        Concept::Customer,
        &[
            "customer",
            "customers",
            "client",
            "account",
            "pharmacy",
            "hospital",
            "shipto",
            "ship",
            "buyer",
            "outlet",
            "asiakas",
            "apteekki",
            "sairaala",
            "ostaja",
            "toimipiste",
            "kund",
            "kunde",
            "apotek",
            "sjukhus",
            "клиент",
            "покупатель",
            "аптека",
            "больница",
            "контрагент",
            "грузополучатель",
            "лпу",
            "заказчик",
            "учреждение",
            "получатель",
        ],
    ),
    (
        Concept::Product,
        &[
            "product",
            "item",
            "article",
            "sku",
            "drug",
            "preparation",
            "medicine",
            "material",
            "brand",
            "atc",
            "tuote",
            "valmiste",
            "nimike",
            "artikkeli",
            "lääke",
            "lääkevalmiste",
            "produkt",
            "artikel",
            "vara",
            "läkemedel",
            "товар",
            "препарат",
            "номенклатура",
            "продукт",
            "лекарство",
            "медикамент",
        ],
    ),
    (
        Concept::Code,
        &[
            "code",
            "no",
            "nr",
            "number",
            "id",
            "koodi",
            "numero",
            "nro",
            "tunnus",
            "kod",
            "nummer",
            "код",
            "артикул",
            "vnr",
            "pzn",
            "num",
        ],
    ),
    (
        Concept::Name,
        &[
            "name",
            "description",
            "desc",
            "nimi",
            "selite",
            "nimitys",
            "namn",
            "benämning",
            "наименование",
            "название",
            "имя",
        ],
    ),
    (Concept::Ean, &["ean", "ean13", "gtin", "barcode", "viivakoodi", "streckkod", "штрихкод", "штрих"]),
    (
        Concept::Quantity,
        &[
            "quantity",
            "qty",
            "units",
            "pcs",
            "packs",
            "packages",
            "volume",
            "määrä",
            "kpl",
            "lkm",
            "pakkaukset",
            "pakkauksia",
            "ostot",
            "antal",
            "st",
            "förp",
            "förpackningar",
            "количество",
            "кол",
            "шт",
            "упак",
            "упаковок",
            "штук",
        ],
    ),
    (
        Concept::Amount,
        &[
            "amount",
            "sales",
            "value",
            "revenue",
            "turnover",
            "sum",
            "net",
            "gross",
            "eur",
            "euro",
            "euros",
            "€",
            "myynti",
            "arvo",
            "summa",
            "liikevaihto",
            "kustannus",
            "kustannukset",
            "belopp",
            "försäljning",
            "värde",
            "сумма",
            "выручка",
            "стоимость",
            "продажи",
            "руб",
            "оборот",
            "rub",
            "sek",
        ],
    ),
    (Concept::Price, &["price", "hinta", "yksikköhinta", "pris", "цена"]),
    (Concept::Date, &["date", "day", "päivä", "pvm", "päivämäärä", "datum", "дата", "день"]),
    (Concept::Period, &["period", "month", "kausi", "jakso", "kuukausi", "kk", "månad", "период", "месяц"]),
    (Concept::Year, &["year", "yr", "vuosi", "år", "год"]),
    (Concept::Week, &["week", "wk", "viikko", "vecka", "неделя", "нед"]),
    (
        Concept::Region,
        &[
            "region",
            "area",
            "territory",
            "district",
            "alue",
            "maakunta",
            "hyvinvointialue",
            "område",
            "län",
            "регион",
            "область",
            "район",
            "территория",
            "округ",
        ],
    ),
    (
        Concept::Distributor,
        &[
            "distributor",
            "wholesaler",
            "wholesale",
            "supplier",
            "vendor",
            "tukku",
            "tukkuliike",
            "jakelija",
            "distributör",
            "grossist",
            "leverantör",
            "дистрибьютор",
            "поставщик",
            "дистрибутор",
        ],
    ),
    (
        Concept::Stock,
        &[
            "stock",
            "inventory",
            "onhand",
            "varasto",
            "saldo",
            "varastosaldo",
            "lager",
            "lagersaldo",
            "остаток",
            "остатки",
            "запас",
            "сток",
        ],
    ),
    (Concept::Level, &["level", "taso", "nivå", "уровень", "hierarchy"]),
    (
        Concept::Plan,
        &[
            "plan",
            "planned",
            "budget",
            "target",
            "quota",
            "tavoite",
            "suunnitelma",
            "suunniteltu",
            "budjetti",
            "mål",
            "budgeterad",
            "план",
            "плановый",
            "бюджет",
        ],
    ),
    (Concept::Due, &["due", "duedate", "eräpäivä", "förfallodag", "förfallodatum", "срок"]),
    (
        Concept::Overdue,
        &[
            "overdue",
            "pastdue",
            "arrears",
            "erääntynyt",
            "erääntyneet",
            "erääntynyttä",
            "myöhässä",
            "förfallen",
            "förfallet",
            "förfallna",
            "просрочено",
            "просрочка",
            "просроченная",
            "просроченный",
            "просрочен",
        ],
    ),
    (
        Concept::Receivable,
        &[
            "receivable",
            "receivables",
            "outstanding",
            "open",
            "unpaid",
            "debt",
            "avoin",
            "avoimet",
            "avoinna",
            "saatava",
            "saatavat",
            "maksamatta",
            "reskontra",
            "fordran",
            "fordringar",
            "utestående",
            "obetalt",
            "задолженность",
            "дебиторская",
            "долг",
            "неоплачено",
        ],
    ),
    (Concept::Invoice, &["invoice", "lasku", "laskun", "faktura", "счет", "счёт", "накладная"]),
    (Concept::Days, &["days", "päivää", "päiviä", "pv", "pvä", "dagar", "дней", "дни", "дн"]),
];

fn token_has(token: &str, word: &str) -> bool {
    token == word
        || (word.chars().count() >= 4
            && token.chars().count() > word.chars().count()
            && (token.starts_with(word) || token.ends_with(word)))
}

/// Short abbreviations that end Finnish and Swedish compounds: "asiakasnro", "laskupvm", "kundnr".
fn abbreviated_suffix(token: &str) -> Option<Concept> {
    let long = |suffix: &str| token.len() > suffix.len() + 2 && token.ends_with(suffix);
    if long("pvm") {
        Some(Concept::Date)
    } else if long("nro") || long("nr") {
        Some(Concept::Code)
    } else {
        None
    }
}

fn concepts(header: &str) -> Vec<Concept> {
    let norm = normalise(header);
    let mut found = Vec::new();
    for token in norm.split(' ').filter(|t| !t.is_empty()) {
        // A whole word wins over a part of a compound: "päivämäärä" is a date, though it ends in "määrä".
        let exact: Vec<Concept> = WORDS.iter().filter(|(_, ws)| ws.contains(&token)).map(|(c, _)| *c).collect();
        let matched: Vec<Concept> = if exact.is_empty() {
            WORDS.iter().filter(|(_, ws)| ws.iter().any(|w| token_has(token, w))).map(|(c, _)| *c).collect()
        } else {
            exact
        };
        for concept in matched.into_iter().chain(abbreviated_suffix(token)) {
            if !found.contains(&concept) {
                found.push(concept);
            }
        }
    }
    if header.contains('€') && !found.contains(&Concept::Amount) {
        found.push(Concept::Amount);
    }
    found
}

/// The role a header's words suggest, with a confidence (0 when the header says nothing Avain knows).
pub fn role_from_header(header: &str) -> (ColumnRole, u32) {
    use Concept as C;
    let c = concepts(header);
    let has = |x: Concept| c.contains(&x);
    let role = if has(C::Ean) {
        ColumnRole::Ean
    } else if has(C::Level) {
        ColumnRole::Level
    } else if has(C::Days) && (has(C::Overdue) || has(C::Due)) {
        // "Days overdue" counts days, not money: Avain works them out from the due date.
        ColumnRole::Ignore
    } else if has(C::Due) {
        ColumnRole::DueDate
    } else if has(C::Overdue) {
        ColumnRole::Overdue
    } else if has(C::Receivable) {
        ColumnRole::Receivable
    } else if has(C::Invoice) {
        // The invoice's date is the line's date; its number and original amount are not sales.
        if has(C::Date) {
            ColumnRole::Date
        } else {
            ColumnRole::Ignore
        }
    } else if has(C::Plan) {
        if has(C::Quantity) {
            ColumnRole::PlanQuantity
        } else {
            ColumnRole::PlanAmount
        }
    } else if has(C::Stock) {
        ColumnRole::Stock
    } else if has(C::Price) {
        ColumnRole::Price
    } else if has(C::Distributor) {
        ColumnRole::Distributor
    } else if has(C::Region) {
        if has(C::Code) {
            ColumnRole::Ignore
        } else {
            ColumnRole::Region
        }
    } else if has(C::Customer) {
        if has(C::Code) {
            ColumnRole::CustomerCode
        } else {
            ColumnRole::Customer
        }
    } else if has(C::Product) {
        if has(C::Code) {
            ColumnRole::ProductCode
        } else {
            ColumnRole::Product
        }
    } else if has(C::Quantity) {
        ColumnRole::Quantity
    } else if has(C::Amount) {
        ColumnRole::Amount
    } else if has(C::Week) {
        ColumnRole::Week
    } else if has(C::Year) {
        ColumnRole::Year
    } else if has(C::Date) {
        ColumnRole::Date
    } else if has(C::Period) {
        ColumnRole::Month
    } else if has(C::Code) {
        ColumnRole::ProductCode
    } else if has(C::Name) {
        ColumnRole::Product
    } else {
        return (ColumnRole::Ignore, 0);
    };
    // A role named by a lone generic word ("Code", "Name") is less certain than "Product code".
    let score = if has(C::Code) && c.len() == 1 || has(C::Name) && c.len() == 1 { 1 } else { 2 };
    (role, score)
}

/// One column as understood.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Column {
    /// 0-based position in the row.
    pub index: u32,
    /// The header text (both rows of a two-row header, joined with " / "); "Column N" when there is none.
    pub header: String,
    pub role: ColumnRole,
    /// For reports with one column per month or week: the period the header names.
    pub period: Option<NaiveDate>,
    pub kind: ValueKind,
    /// The first few values, as written.
    pub examples: Vec<String>,
}

/// A report's layout: what was found, and what the user may correct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Layout {
    /// Rows before the data (titles, notes and the header rows), counted as records from the top.
    pub skip_rows: u32,
    /// How many of those rows are the header: 0 (no header), 1 or 2.
    pub header_rows: u32,
    /// Text of the title and note rows above the header.
    pub title: Vec<String>,
    pub columns: Vec<Column>,
    pub decimal: DecimalStyle,
    pub date_order: DateOrder,
    /// True when the data proved the order (a day above 12); otherwise it is a guess the user should check.
    pub date_order_proven: bool,
    /// A period named in the title rows ("Myynti maaliskuu 2024"), used when no column gives dates.
    pub report_period: Option<NaiveDate>,
}

fn cell_text(c: &OwnedCell) -> Option<String> {
    match c {
        OwnedCell::Empty => None,
        OwnedCell::Text(t) if is_missing(t) => None,
        OwnedCell::Text(t) => Some(t.trim().to_string()),
        OwnedCell::Number(n) => Some(number_text(*n)),
        OwnedCell::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
    }
}

fn non_empty(row: &[OwnedCell]) -> usize {
    row.iter().filter(|c| cell_text(c).is_some()).count()
}

/// Text that is a label, not a figure or a date.
fn is_label(c: &OwnedCell) -> bool {
    match c {
        OwnedCell::Text(t) => {
            !is_missing(t)
                && parse_number(t, DecimalStyle::Comma).is_none()
                && parse_number(t, DecimalStyle::Point).is_none()
        }
        _ => false,
    }
}

fn is_figure(c: &OwnedCell) -> bool {
    match c {
        OwnedCell::Number(_) | OwnedCell::Date(_) => true,
        OwnedCell::Text(t) => {
            !is_missing(t)
                && (parse_number(t, DecimalStyle::Comma).is_some() || parse_number(t, DecimalStyle::Point).is_some())
        }
        _ => false,
    }
}

/// Forward-fills a merged group row: a label covers the empty cells to its right.
fn fill_merged(row: &[OwnedCell], width: usize) -> Vec<Option<String>> {
    let mut out = Vec::with_capacity(width);
    let mut last = None;
    for i in 0..width {
        match row.get(i).and_then(cell_text) {
            Some(t) => {
                last = Some(t.clone());
                out.push(Some(t));
            }
            None => out.push(last.clone()),
        }
    }
    out
}

fn header_period(text: &str) -> Option<NaiveDate> {
    let p = parse_period(text, DateOrder::DayMonth)?;
    (p.granularity != Granularity::Day || text.len() <= 10).then_some(p.start)
}

/// What the user has told Avain about the layout, overriding what it would find.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LayoutChoice {
    /// Rows before the data, and how many of them are header rows.
    pub skip_rows: Option<u32>,
    pub header_rows: Option<u32>,
    /// Roles by column position (shorter lists leave the rest as found).
    pub roles: Option<Vec<ColumnRole>>,
    /// Names for the columns of a file without a header.
    pub names: Option<Vec<String>>,
    pub decimal: Option<DecimalStyle>,
    pub date_order: Option<DateOrder>,
    /// The month the report covers, when no column has dates ("2024-03-01").
    pub report_period: Option<NaiveDate>,
}

/// Works out the layout of `rows` (the first rows of the file, as records), applying the user's `choice`.
pub fn understand(rows: &[Vec<OwnedCell>], delimiter_hint: Option<u8>, choice: &LayoutChoice) -> Layout {
    let width = typical_width(rows);
    let (skip_rows, header_rows) = match (choice.skip_rows, choice.header_rows) {
        (Some(skip), Some(h)) => (skip.min(rows.len() as u32), h.min(2).min(skip)),
        (Some(skip), None) => (skip.min(rows.len() as u32), u32::from(skip > 0)),
        _ => find_header(rows, width),
    };
    let skip = skip_rows as usize;
    let data: Vec<&Vec<OwnedCell>> = rows.iter().skip(skip).filter(|r| non_empty(r) > 0).collect();
    let width = width.max(rows.iter().skip(skip).map(|r| r.len()).max().unwrap_or(0));

    let header_names: Vec<(String, Option<NaiveDate>)> = match header_rows {
        0 => (0..width).map(|i| (format!("Column {}", i + 1), None)).collect(),
        1 => (0..width)
            .map(|i| match rows.get(skip - 1).and_then(|r| r.get(i)).and_then(cell_text) {
                Some(t) => {
                    let period = header_period(&t);
                    (t, period)
                }
                None => (format!("Column {}", i + 1), None),
            })
            .collect(),
        _ => {
            let top = fill_merged(&rows[skip - 2], width);
            let bottom = &rows[skip - 1];
            (0..width)
                .map(|i| {
                    let low = bottom.get(i).and_then(cell_text);
                    let high = top[i].clone();
                    let period = high.as_deref().and_then(header_period);
                    let name = match (high, low) {
                        (Some(h), Some(l)) => format!("{h} / {l}"),
                        (Some(h), None) => h,
                        (None, Some(l)) => l,
                        (None, None) => format!("Column {}", i + 1),
                    };
                    (name, period)
                })
                .collect()
        }
    };
    let names: Vec<(String, Option<NaiveDate>)> = match &choice.names {
        Some(given) => header_names
            .into_iter()
            .enumerate()
            .map(|(i, (n, p))| match given.get(i).map(|g| g.trim()).filter(|g| !g.is_empty()) {
                Some(g) => (g.to_string(), p),
                None => (n, p),
            })
            .collect(),
        None => header_names,
    };

    let decimal = choice.decimal.unwrap_or_else(|| decide_decimal(&data, delimiter_hint));
    let kinds: Vec<ValueKind> = (0..width).map(|i| column_kind(&data, i, decimal)).collect();
    let mut columns: Vec<Column> = names
        .into_iter()
        .enumerate()
        .map(|(i, (header, period))| {
            let examples = data.iter().filter_map(|r| r.get(i).and_then(cell_text)).take(3).collect();
            Column { index: i as u32, header, role: ColumnRole::Ignore, period, kind: kinds[i], examples }
        })
        .collect();
    assign_roles(&mut columns, &data, header_rows == 0 && choice.names.is_none());
    if let Some(roles) = &choice.roles {
        for (column, role) in columns.iter_mut().zip(roles) {
            column.role = *role;
        }
    }

    let date_values: Vec<String> = columns
        .iter()
        .filter(|c| c.role == ColumnRole::Date)
        .flat_map(|c| data.iter().filter_map(move |r| r.get(c.index as usize).and_then(cell_text)))
        .collect();
    let (found_order, proven) = decide_order(date_values.iter().map(String::as_str));
    let title: Vec<String> = rows
        .iter()
        .take(skip.saturating_sub(header_rows as usize))
        .map(|r| r.iter().filter_map(cell_text).collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .collect();
    let report_period = choice.report_period.or_else(|| title.iter().find_map(|t| period_in_text(t)));
    Layout {
        skip_rows,
        header_rows,
        title,
        columns,
        decimal,
        date_order: choice.date_order.unwrap_or(found_order),
        date_order_proven: choice.date_order.is_some() || proven,
        report_period,
    }
}

fn typical_width(rows: &[Vec<OwnedCell>]) -> usize {
    let mut counts = std::collections::HashMap::<usize, usize>::new();
    for r in rows {
        let last = r.iter().rposition(|c| cell_text(c).is_some()).map(|p| p + 1).unwrap_or(0);
        if last > 1 {
            *counts.entry(last).or_default() += 1;
        }
    }
    counts.into_iter().max_by_key(|&(w, n)| (n, w)).map(|(w, _)| w).unwrap_or(1)
}

/// Finds the header: among the first rows, the one whose labels name known columns and stand above figures.
/// Returns (rows to skip before the data, header rows).
fn find_header(rows: &[Vec<OwnedCell>], width: usize) -> (u32, u32) {
    let limit = rows.len().min(40);
    let mut best: Option<(usize, i64)> = None;
    for i in 0..limit.saturating_sub(1) {
        let row = &rows[i];
        let labels = row.iter().filter(|c| is_label(c)).count();
        let filled = non_empty(row);
        if filled < 2 || labels * 2 < filled || labels * 2 < width.min(4) {
            continue;
        }
        if row.iter().any(|c| matches!(c, OwnedCell::Text(t) if is_total_label(t))) && labels < 3 {
            continue;
        }
        let known = row
            .iter()
            .filter_map(cell_text)
            .filter(|t| role_from_header(t).1 > 0 || header_period(t).is_some())
            .count();
        // Labels standing above figures in the rows below.
        let below: Vec<&Vec<OwnedCell>> = rows[i + 1..].iter().filter(|r| non_empty(r) > 0).take(20).collect();
        let over_figures = (0..row.len())
            .filter(|&c| {
                is_label(&row[c]) && below.iter().filter(|r| r.get(c).is_some_and(is_figure)).count() * 2 > below.len()
            })
            .count();
        let score = known as i64 * 4 + over_figures as i64 * 2 + labels as i64;
        if known == 0 && over_figures == 0 {
            continue;
        }
        if best.is_none_or(|(_, s)| score > s) {
            best = Some((i, score));
        }
    }
    let Some((h, _)) = best else { return (0, 0) };
    // A group row above (labels over several columns, with gaps where cells were merged).
    if h > 0 {
        let above = &rows[h - 1];
        let filled = non_empty(above);
        let gaps = (0..width)
            .filter(|&c| above.get(c).and_then(cell_text).is_none() && rows[h].get(c).and_then(cell_text).is_some())
            .count();
        let all_labels = above.iter().filter_map(cell_text).count() == above.iter().filter(|c| is_label(c)).count();
        if filled >= 2 && gaps >= 1 && all_labels && merged_periods_or_known(above) {
            return (h as u32 + 1, 2);
        }
    }
    // A second header row below (all labels, and the data starts after it).
    if let Some(next) = rows.get(h + 1) {
        let filled = non_empty(next);
        let labels = next.iter().filter(|c| is_label(c)).count();
        let known = next.iter().filter_map(cell_text).filter(|t| role_from_header(t).1 > 0).count();
        let gaps_in_top = (0..width).filter(|&c| rows[h].get(c).and_then(cell_text).is_none()).count();
        if filled >= 2 && labels == filled && known >= 1 && gaps_in_top >= 1 {
            return (h as u32 + 2, 2);
        }
    }
    (h as u32 + 1, 1)
}

fn merged_periods_or_known(row: &[OwnedCell]) -> bool {
    row.iter().filter_map(cell_text).any(|t| header_period(&t).is_some() || role_from_header(&t).1 > 0)
}

fn decide_decimal(data: &[&Vec<OwnedCell>], delimiter_hint: Option<u8>) -> DecimalStyle {
    let (mut comma, mut point) = (0usize, 0usize);
    for row in data {
        for c in row.iter() {
            if let OwnedCell::Text(t) = c {
                if t.len() < 40 && t.chars().any(|ch| ch.is_ascii_digit()) && !t.chars().any(|ch| ch.is_alphabetic()) {
                    match decimal_evidence(t) {
                        Some(DecimalStyle::Comma) if parse_number(t, DecimalStyle::Comma).is_some() => comma += 1,
                        Some(DecimalStyle::Point) if parse_number(t, DecimalStyle::Point).is_some() => point += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    if comma > point || (comma == point && delimiter_hint == Some(b';')) {
        DecimalStyle::Comma
    } else {
        DecimalStyle::Point
    }
}

fn looks_like_date_text(t: &str) -> bool {
    let has_sep = t.contains(['.', '/', '-']);
    let has_letters = t.chars().any(char::is_alphabetic);
    (has_sep || has_letters || (t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit())))
        && parse_period(t, DateOrder::DayMonth).is_some()
}

fn value_kind(c: &OwnedCell, decimal: DecimalStyle) -> ValueKind {
    match c {
        OwnedCell::Empty => ValueKind::Empty,
        OwnedCell::Date(_) => ValueKind::Date,
        OwnedCell::Number(n) => {
            if n.fract() == 0.0 {
                ValueKind::Integer
            } else {
                ValueKind::Decimal
            }
        }
        OwnedCell::Text(t) if is_missing(t) => ValueKind::Empty,
        OwnedCell::Text(t) => {
            let t = t.trim();
            let digits_only = t.bytes().all(|b| b.is_ascii_digit());
            if digits_only && t.len() > 1 && t.starts_with('0') {
                return ValueKind::Code;
            }
            if digits_only && t.len() == 8 && looks_like_date_text(t) {
                return ValueKind::Date;
            }
            if digits_only && t.len() >= 8 {
                return ValueKind::Code;
            }
            if let Some(n) = parse_number(t, decimal) {
                return if n.fract() == 0.0 && !t.contains([',', '.'])
                    || n.fract() == 0.0 && decimal_evidence(t).is_none()
                {
                    ValueKind::Integer
                } else {
                    ValueKind::Decimal
                };
            }
            if looks_like_date_text(t) {
                return ValueKind::Date;
            }
            if !t.contains(' ') && t.chars().any(|c| c.is_ascii_digit()) && t.chars().any(char::is_alphabetic) {
                return ValueKind::Code;
            }
            ValueKind::Text
        }
    }
}

fn column_kind(data: &[&Vec<OwnedCell>], index: usize, decimal: DecimalStyle) -> ValueKind {
    let mut counts = std::collections::HashMap::<ValueKind, usize>::new();
    for row in data {
        if let Some(c) = row.get(index) {
            let k = value_kind(c, decimal);
            if k != ValueKind::Empty {
                *counts.entry(k).or_default() += 1;
            }
        }
    }
    // Integers mixed with decimals are decimals; numbers mixed with a few labels (totals) stay numbers.
    let ints = counts.get(&ValueKind::Integer).copied().unwrap_or(0);
    let decs = counts.get(&ValueKind::Decimal).copied().unwrap_or(0);
    if decs > 0 && ints + decs >= counts.values().sum::<usize>() / 2 {
        return ValueKind::Decimal;
    }
    counts.into_iter().max_by_key(|&(k, n)| (n, k == ValueKind::Text)).map(|(k, _)| k).unwrap_or(ValueKind::Empty)
}

fn is_month_values(data: &[&Vec<OwnedCell>], index: usize) -> bool {
    let values: Vec<String> = data.iter().filter_map(|r| r.get(index).and_then(cell_text)).take(50).collect();
    !values.is_empty() && values.iter().all(|v| parse_small(v, 12).is_some())
}

fn assign_roles(columns: &mut [Column], data: &[&Vec<OwnedCell>], headerless: bool) {
    let mut proposals: Vec<(ColumnRole, u32)> = columns
        .iter()
        .map(|c| {
            let (mut role, score) = role_from_header(&c.header);
            // A header period over a figure column: the figure for that period ("March 2024 / Qty").
            if c.period.is_some() && !role.is_measure() && matches!(c.kind, ValueKind::Integer | ValueKind::Decimal) {
                role = ColumnRole::Quantity;
            }
            if role == ColumnRole::Month && !is_month_values(data, c.index as usize) {
                role = ColumnRole::Date;
            }
            // Words can mislead; a "code" column full of dates is a date.
            if c.kind == ValueKind::Date && !matches!(role, ColumnRole::Date | ColumnRole::Month) && score < 2 {
                role = ColumnRole::Date;
            }
            (role, score)
        })
        .collect();
    if headerless {
        proposals = guess_roles_from_values(columns);
    }
    // With year and week or month columns, a date column the header does not name as a date is a time stamp of
    // the export ("UPDATED"), not the period.
    let has = |r: ColumnRole| proposals.iter().any(|p| p.0 == r);
    if has(ColumnRole::Year) && (has(ColumnRole::Week) || has(ColumnRole::Month)) {
        for (p, c) in proposals.iter_mut().zip(columns.iter()) {
            if p.0 == ColumnRole::Date && role_from_header(&c.header).0 != ColumnRole::Date {
                *p = (ColumnRole::Ignore, 0);
            }
        }
    }
    // Each role once (the most certain column, then the leftmost), except figures laid out per period.
    let mut taken = std::collections::HashSet::new();
    let mut order: Vec<usize> = (0..columns.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(proposals[i].1));
    for i in order {
        let (role, _) = proposals[i];
        if role == ColumnRole::Ignore {
            continue;
        }
        let key = (role, columns[i].period);
        if taken.insert(key) {
            columns[i].role = role;
        }
    }
}

/// For a file without a header: dates, EANs, codes, labels and figures by their values alone.
fn guess_roles_from_values(columns: &[Column]) -> Vec<(ColumnRole, u32)> {
    let mut texts = 0;
    let mut figures = 0;
    columns
        .iter()
        .map(|c| {
            let ean = c.examples.iter().all(|e| e.len() == 13 && e.bytes().all(|b| b.is_ascii_digit()));
            let role = match c.kind {
                ValueKind::Date => ColumnRole::Date,
                _ if ean && !c.examples.is_empty() => ColumnRole::Ean,
                ValueKind::Code => ColumnRole::ProductCode,
                ValueKind::Text => {
                    texts += 1;
                    match texts {
                        1 => ColumnRole::Customer,
                        2 => ColumnRole::Product,
                        _ => ColumnRole::Ignore,
                    }
                }
                ValueKind::Integer | ValueKind::Decimal => {
                    figures += 1;
                    match (figures, c.kind) {
                        (1, ValueKind::Integer) => ColumnRole::Quantity,
                        (1, _) | (2, _) => ColumnRole::Amount,
                        _ => ColumnRole::Ignore,
                    }
                }
                ValueKind::Empty => ColumnRole::Ignore,
            };
            (role, 1)
        })
        .collect()
}

/// A month or date named somewhere in a line of text: "Sales report March 2024", "Period 01.03.2024–31.03.2024".
pub fn period_in_text(text: &str) -> Option<NaiveDate> {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | '–' | '—' | '(' | ')' | ','))
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        if month_from_name(w).is_some() {
            if let Some(next) = words.get(i + 1) {
                if let Some(p) = parse_period(&format!("{w} {next}"), DateOrder::DayMonth) {
                    return Some(p.start);
                }
            }
        }
        if w.contains(['.', '/', '-']) && w.chars().any(|c| c.is_ascii_digit()) {
            let first = w.split(['–', '—']).next().unwrap_or(w);
            let candidate = first.split_once("-").filter(|(a, _)| a.len() <= 2 && w.matches('-').count() == 1);
            let text = candidate.map(|(a, _)| a).unwrap_or(first);
            if let Some(p) = parse_period(text, DateOrder::DayMonth) {
                return Some(p.start);
            }
        }
    }
    None
}

/// A cell that should hold a figure but holds something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotAFigure;

/// Reads a figure cell: a number, nothing (empty or a missing-value marker), or [`NotAFigure`].
pub fn figure(cell: Cell<'_>, decimal: DecimalStyle) -> Result<Option<f64>, NotAFigure> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) => Ok(Some(n)),
        Cell::Date(_) => Err(NotAFigure),
        Cell::Text(t) if is_missing(t) => Ok(None),
        Cell::Text(t) => parse_number(t, decimal).map(Some).ok_or(NotAFigure),
    }
}
