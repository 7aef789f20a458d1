//! Price lists: a manufacturer's or wholesaler's product list read with the same reader as sales reports (any
//! encoding, delimiter, sheet or header position), its columns mapped to the SKU catalogue's fields, and each row
//! turned into a SKU to create or update. Storage is in `store::skus`.
//!
//! Beside the list price, every further price column is a price level ("Chain price", "Hospital net"): it is kept as
//! a discount level named after its header, in percent off the list price. A column of percentages whose header
//! says discount is kept as given.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::layout::figure;
use super::list_cell_text as text_of;
use super::source::{self, OwnedCell};
use super::text::{normalise, DecimalStyle};
use super::{ImportOptions, Problem};
use crate::error::Result;
use crate::skus::{is_atc, is_ean, Discount, SkuInput};
use crate::types::Ref;

/// The most rows a price list may have (a full national catalogue is a few tens of thousands).
pub const MAX_ROWS: usize = 200_000;

/// What a price list's column fills in a SKU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SkuField {
    Ignore,
    Name,
    Code,
    Ean,
    Inn,
    Atc,
    Form,
    Strength,
    PackSize,
    ListPrice,
    /// A further price (chain, hospital, contract): kept as a discount level off the list price.
    LevelPrice,
    /// A discount in percent, named by the column's header.
    Discount,
    /// Prescription only or over the counter.
    Rx,
}

impl SkuField {
    pub const ALL: &'static [SkuField] = &[
        SkuField::Ignore,
        SkuField::Name,
        SkuField::Code,
        SkuField::Ean,
        SkuField::Inn,
        SkuField::Atc,
        SkuField::Form,
        SkuField::Strength,
        SkuField::PackSize,
        SkuField::ListPrice,
        SkuField::LevelPrice,
        SkuField::Discount,
        SkuField::Rx,
    ];
}

/// Header words by field, English, Finnish, Swedish and Russian. The first field whose word a header contains
/// wins, so the more specific fields come first.
const FIELD_WORDS: &[(SkuField, &[&str])] = &[
    (SkuField::Ean, &["ean", "ean13", "gtin", "barcode", "viivakoodi", "streckkod", "штрихкод"]),
    (SkuField::Atc, &["atc", "атх"]),
    (
        SkuField::Inn,
        &[
            "inn",
            "generic",
            "substance",
            "vaikuttava",
            "vaikuttavat",
            "lääkeaine",
            "substans",
            "mnn",
            "мнн",
            "действующее",
        ],
    ),
    (SkuField::Discount, &["discount", "rebate", "alennus", "ale", "rabatt", "скидка", "%"]),
    (SkuField::Rx, &["rx", "otc", "prescription", "resepti", "reseptilääke", "recept", "receptbelagd", "рецепт"]),
    (SkuField::Strength, &["strength", "dose", "vahvuus", "styrka", "дозировка", "доза"]),
    (
        SkuField::PackSize,
        &[
            "pack",
            "package",
            "packsize",
            "pakkaus",
            "pakkauskoko",
            "koko",
            "förpackning",
            "förp",
            "упаковка",
            "фасовка",
        ],
    ),
    (SkuField::Form, &["form", "lääkemuoto", "muoto", "beredningsform", "форма"]),
    (
        SkuField::ListPrice,
        &[
            "price",
            "list",
            "listprice",
            "hinta",
            "listahinta",
            "tukkuhinta",
            "ovh",
            "pris",
            "listpris",
            "aup",
            "цена",
            "eur",
            "€",
        ],
    ),
    (
        SkuField::Code,
        &[
            "code",
            "number",
            "vnr",
            "nordic",
            "article",
            "artikkeli",
            "koodi",
            "numero",
            "nro",
            "no",
            "nr",
            "id",
            "sku",
            "kod",
            "nummer",
            "код",
            "номер",
            "артикул",
        ],
    ),
    (
        SkuField::Name,
        &[
            "name",
            "product",
            "description",
            "item",
            "tuote",
            "nimi",
            "valmiste",
            "kauppanimi",
            "produkt",
            "namn",
            "benämning",
            "наименование",
            "препарат",
            "товар",
        ],
    ),
];

/// The field a header names, if any.
pub fn field_from_header(header: &str) -> SkuField {
    super::text::field_from_words(header, FIELD_WORDS).unwrap_or(SkuField::Ignore)
}

/// What the user may say about a price list; the rest is worked out from the file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct PriceListOptions {
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheet: Option<String>,
    pub skip_rows: Option<u32>,
    pub header_rows: Option<u32>,
    pub decimal: Option<DecimalStyle>,
    /// Fields by column position (shorter lists leave the rest as found).
    pub fields: Option<Vec<SkuField>>,
    /// The list is a competitor's: new SKUs are marked as competitors' products.
    pub competitor: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PriceColumn {
    pub index: u32,
    pub header: String,
    pub field: SkuField,
    pub examples: Vec<String>,
}

/// What importing a row does to the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PriceAction {
    Create,
    Update,
    Unchanged,
    /// Left out: a heading or note row, or a row that cannot be a SKU (the message says why).
    Skip,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriceRow {
    pub row: u64,
    pub sku: SkuInput,
    pub action: PriceAction,
    /// The SKU it updates.
    pub existing: Option<Ref>,
    pub message: Option<String>,
}

/// What Avain understood of a price list, and what importing it does (or did).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriceList {
    pub file_name: String,
    pub encoding: Option<String>,
    pub delimiter: Option<String>,
    pub sheets: Vec<String>,
    pub sheet: Option<String>,
    pub skip_rows: u32,
    pub header_rows: u32,
    pub columns: Vec<PriceColumn>,
    /// Every row (price lists are small), in file order.
    pub rows: Vec<PriceRow>,
    pub created: u32,
    pub updated: u32,
    pub unchanged: u32,
    pub skipped: u32,
    /// Values that could not be read (left empty; the row is still imported).
    pub problems: Vec<Problem>,
    /// What must be chosen before the list can be imported.
    pub blocker: Option<String>,
}

fn rx_value(text: &str) -> Option<bool> {
    let t = normalise(text);
    if t.is_empty() {
        return None;
    }
    if ["otc", "itsehoito", "itsehoitolääke", "no", "ei", "nej", "нет", "false", "0", "e"].contains(&t.as_str()) {
        return Some(false);
    }
    if ["rx", "r", "x", "yes", "kyllä", "k", "ja", "да", "true", "1", "resepti", "reseptilääke"].contains(&t.as_str())
    {
        return Some(true);
    }
    None
}

/// A header as a discount level's name: without "%", "EUR" or "€".
fn level_label(header: &str) -> String {
    let cleaned: String = header.replace(['%', '€', '(', ')'], " ");
    let words: Vec<&str> = cleaned
        .split_whitespace()
        .filter(|w| !w.eq_ignore_ascii_case("eur") && !w.eq_ignore_ascii_case("euro"))
        .collect();
    if words.is_empty() {
        header.trim().to_string()
    } else {
        words.join(" ")
    }
}

/// What a row read from a price list does to the catalogue, as the catalogue decides it.
pub enum Resolution {
    /// A new SKU (validated, with its defaults).
    Create(SkuInput),
    /// An existing SKU with the row's values laid over it.
    Update(Ref, SkuInput),
    Unchanged(Ref),
}

/// Reads a price list and maps it to SKUs. `resolve` gets each row's SKU as the file gives it (empty fields where
/// the file has none, `rx` and `ours` unset) and says what it does to the catalogue, or why it cannot be a SKU.
/// Saves nothing.
pub fn read(
    path: &Path,
    options: &PriceListOptions,
    resolve: impl Fn(&SkuInput) -> Result<Resolution>,
) -> Result<PriceList> {
    let mut import = ImportOptions {
        encoding: options.encoding.clone(),
        delimiter: options.delimiter.clone(),
        sheet: options.sheet.clone(),
        ..Default::default()
    };
    import.layout.skip_rows = options.skip_rows;
    import.layout.header_rows = options.header_rows;
    import.layout.decimal = options.decimal;
    let (opened, all) = super::open_list(path, &import, MAX_ROWS, "a price list")?;
    let layout = &opened.layout;
    let data: Vec<&(u64, Vec<OwnedCell>)> = all.iter().skip(layout.skip_rows as usize).collect();

    let mut columns: Vec<PriceColumn> = layout
        .columns
        .iter()
        .map(|c| PriceColumn {
            index: c.index,
            header: c.header.clone(),
            field: if layout.header_rows > 0 { field_from_header(&c.header) } else { SkuField::Ignore },
            examples: c.examples.clone(),
        })
        .collect();
    // One list price: further price columns are price levels.
    let mut seen_price = false;
    for c in &mut columns {
        if c.field == SkuField::ListPrice {
            if seen_price {
                c.field = SkuField::LevelPrice;
            }
            seen_price = true;
        }
    }
    // Each other field once: a second "name" column (a description) is left out.
    for i in 0..columns.len() {
        let f = columns[i].field;
        if !matches!(f, SkuField::Ignore | SkuField::LevelPrice | SkuField::Discount)
            && columns[..i].iter().any(|c| c.field == f)
        {
            columns[i].field = SkuField::Ignore;
        }
    }
    if let Some(fields) = &options.fields {
        for (c, f) in columns.iter_mut().zip(fields) {
            c.field = *f;
        }
    }
    let at = |f: SkuField| columns.iter().find(|c| c.field == f).map(|c| c.index as usize);
    let name = at(SkuField::Name);
    let list_price = at(SkuField::ListPrice);
    let mut list = PriceList {
        file_name: source::file_name(path),
        encoding: opened.sniffed.format.is_text().then(|| opened.sniffed.encoding.name().to_string()),
        delimiter: opened.sniffed.format.is_text().then(|| super::delimiter_name(opened.sniffed.delimiter)),
        sheets: opened.sniffed.sheets.clone(),
        sheet: opened.sheet.clone(),
        skip_rows: layout.skip_rows,
        header_rows: layout.header_rows,
        columns: columns.clone(),
        rows: vec![],
        created: 0,
        updated: 0,
        unchanged: 0,
        skipped: 0,
        problems: vec![],
        blocker: None,
    };
    if name.is_none() {
        list.blocker = Some("Choose the column with the product names.".into());
        return Ok(list);
    }
    let decimal = layout.decimal;
    let money = |cell: &OwnedCell| figure(cell.as_cell(), decimal);
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for (row, cells) in data {
        let get = |i: Option<usize>| i.and_then(|i| cells.get(i)).map(text_of).unwrap_or_default();
        if cells.iter().all(|c| text_of(c).is_empty()) {
            continue;
        }
        let mut problems = Vec::new();
        let mut problem = |column: usize, value: String, message: &str| {
            problems.push(Problem {
                row: *row,
                column: columns.get(column).map(|c| c.header.clone()).unwrap_or_default(),
                value,
                message: message.into(),
            })
        };
        let mut sku = SkuInput {
            name: get(name),
            code: get(at(SkuField::Code)),
            ean: get(at(SkuField::Ean)),
            inn: get(at(SkuField::Inn)),
            atc: get(at(SkuField::Atc)).to_uppercase(),
            form: get(at(SkuField::Form)),
            strength: get(at(SkuField::Strength)),
            pack_size: get(at(SkuField::PackSize)),
            ..Default::default()
        };
        if let Some(i) = list_price {
            match cells.get(i).map(money).unwrap_or(Ok(None)) {
                Ok(Some(v)) if v >= 0.0 => sku.list_price_minor = Some((v * 100.0).round() as i64),
                Ok(None) => {}
                _ => problem(i, get(Some(i)), "not a price; left empty"),
            }
        }
        if let Some(i) = at(SkuField::Rx) {
            let text = get(Some(i));
            sku.rx = rx_value(&text);
            if sku.rx.is_none() && !text.is_empty() {
                problem(i, text, "neither Rx nor OTC; left as prescription only");
            }
        }
        for c in columns.iter().filter(|c| matches!(c.field, SkuField::LevelPrice | SkuField::Discount)) {
            let i = c.index as usize;
            let percent = match (c.field, cells.get(i).map(money).unwrap_or(Ok(None))) {
                (_, Ok(None)) => continue,
                (SkuField::Discount, Ok(Some(v))) => {
                    Some(if v > 0.0 && v < 1.0 && !get(Some(i)).contains('%') { v * 100.0 } else { v })
                }
                (_, Ok(Some(price))) => {
                    sku.list_price_minor.filter(|l| *l > 0).map(|l| (1.0 - price * 100.0 / l as f64) * 100.0)
                }
                (_, Err(_)) => None,
            };
            match percent.map(|p| (p * 100.0).round() / 100.0) {
                Some(p) if (0.0..=100.0).contains(&p) => {
                    sku.discounts.push(Discount { label: level_label(&c.header), percent: p })
                }
                _ => problem(i, get(Some(i)), "not a discount off the list price; left out"),
            }
        }
        if !is_ean(&sku.ean) {
            problem(at(SkuField::Ean).unwrap_or(0), sku.ean.clone(), "not an EAN (8, 13 or 14 digits); left empty");
            sku.ean.clear();
        }
        if !is_atc(&sku.atc) {
            problem(at(SkuField::Atc).unwrap_or(0), sku.atc.clone(), "not an ATC code; left empty");
            sku.atc.clear();
        }
        let identified = !sku.code.is_empty() || !sku.ean.is_empty() || sku.list_price_minor.is_some();
        // The same product twice in one list: the first row counts.
        let keys = [
            (!sku.code.is_empty()).then(|| format!("code {}", sku.code)),
            (!sku.ean.is_empty()).then(|| format!("ean {}", sku.ean)),
            (!sku.name.is_empty()).then(|| format!("name {}", crate::accounts::name_key(&sku.name))),
        ];
        let repeated = keys.iter().flatten().find_map(|k| seen.get(k).copied());
        let (action, found, message) = if sku.name.is_empty() || !identified {
            (PriceAction::Skip, None, Some("a heading or note row: no name with a code, EAN or price".to_string()))
        } else if let Some(first) = repeated {
            (PriceAction::Skip, None, Some(format!("the same product as row {first}")))
        } else {
            for k in keys.into_iter().flatten() {
                seen.insert(k, *row);
            }
            match resolve(&sku) {
                Err(e) => (PriceAction::Skip, None, Some(e.to_string())),
                Ok(Resolution::Create(valid)) => {
                    sku = valid;
                    (PriceAction::Create, None, None)
                }
                Ok(Resolution::Update(r, merged)) => {
                    sku = merged;
                    (PriceAction::Update, Some(r), None)
                }
                Ok(Resolution::Unchanged(r)) => (PriceAction::Unchanged, Some(r), None),
            }
        };
        match action {
            PriceAction::Create => list.created += 1,
            PriceAction::Update => list.updated += 1,
            PriceAction::Unchanged => list.unchanged += 1,
            PriceAction::Skip => list.skipped += 1,
        }
        list.problems.extend(problems);
        list.rows.push(PriceRow { row: *row, sku, action, existing: found, message });
    }
    if list.rows.iter().all(|r| r.action == PriceAction::Skip) {
        list.blocker =
            Some("No row has a product name with a code, EAN or price. Check which columns hold them.".to_string());
    }
    Ok(list)
}
