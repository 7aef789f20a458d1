//! Reading every row of a report with a known layout: each row becomes one sales line (or one per period in a
//! report laid out with a column per month), or is excluded with a reason the user can read — total and subtotal
//! rows, group rows of a hierarchy, rows without figures or without a date. Values that cannot be read are
//! listed as problems. Nothing here touches the database: the caller decides what to do with each line.

use std::collections::{BTreeSet, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::dates::{from_excel_serial, parse_period, parse_small, parse_year, Granularity, Period};
use super::layout::{figure, ColumnRole, Layout};
use super::source::{number_text, Cell, RowReader};
use super::text::{is_missing, is_total_label};
use crate::error::{Error, Result};

/// One sales figure row, as read from the report (names and codes exactly as the sender wrote them).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Line {
    pub row: u64,
    pub period: Option<NaiveDate>,
    pub granularity: Option<Granularity>,
    pub customer_code: String,
    pub customer: String,
    pub product_code: String,
    pub product: String,
    pub ean: String,
    pub region: String,
    pub distributor: String,
    pub quantity: Option<f64>,
    pub amount_minor: Option<i64>,
    pub price_minor: Option<i64>,
    pub stock: Option<f64>,
    pub plan_amount_minor: Option<i64>,
    pub plan_quantity: Option<f64>,
    /// A receivables report's open amount, the part of it overdue, and its due date.
    pub receivable_minor: Option<i64>,
    pub overdue_minor: Option<i64>,
    pub due: Option<NaiveDate>,
}

impl Line {
    /// Whether the line reports sales or plans (not only receivables): such lines cover their months.
    pub fn covers_period(&self) -> bool {
        self.quantity.is_some()
            || self.amount_minor.is_some()
            || self.stock.is_some()
            || self.plan_amount_minor.is_some()
            || self.plan_quantity.is_some()
    }
}

/// Why a row was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Exclusion {
    /// A row labelled as a total or subtotal ("Total", "Yhteensä", "Итого").
    TotalRow,
    /// Figures with no customer, product or region: a sum of the rows around it.
    NoKey,
    /// A group row of a hierarchy level column, above the detail level.
    HierarchyLevel,
    /// A code that other rows' codes extend (ATC "A10" above "A10BA02"): a subtotal of those rows.
    GroupCode,
    /// A less indented row followed by more indented ones: a group heading with its sum.
    IndentedGroup,
    /// No figure at all (quantity, amount, stock, plan or receivable).
    NoFigures,
    /// No readable date or period.
    NoDate,
}

impl Exclusion {
    pub fn describe(self) -> &'static str {
        match self {
            Exclusion::TotalRow => "a total or subtotal row",
            Exclusion::NoKey => "figures without a customer, product or region (a subtotal)",
            Exclusion::HierarchyLevel => "a group row above the detail level",
            Exclusion::GroupCode => "a group code that more detailed rows break down",
            Exclusion::IndentedGroup => "a group heading above indented detail rows",
            Exclusion::NoFigures => "no figures (quantity, amount, stock, plan or receivable)",
            Exclusion::NoDate => "no date or period that Avain can read",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ExcludedRow {
    pub row: u64,
    pub reason: Exclusion,
    /// The row's text, shortened.
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Problem {
    pub row: u64,
    pub column: String,
    pub value: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ColumnTotal {
    pub column: String,
    pub role: ColumnRole,
    /// Sum over the rows that will be imported (amounts in the report's currency units, not cents).
    pub total: f64,
}

/// What a full read of the report found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ScanSummary {
    /// Data rows read below the header (blank rows not counted).
    pub rows_read: u64,
    /// Sales lines the rows give (more than the rows when each row holds several months).
    pub lines: u64,
    pub excluded_count: u64,
    /// The first excluded rows, with reasons.
    pub excluded: Vec<ExcludedRow>,
    pub problem_count: u64,
    pub problems: Vec<Problem>,
    pub totals: Vec<ColumnTotal>,
    pub period_from: Option<NaiveDate>,
    pub period_to: Option<NaiveDate>,
    /// The months the sales and plan lines fall in, "YYYY-MM" (receivables are a snapshot, not a month's report).
    pub months: Vec<String>,
    pub customers: u64,
    pub products: u64,
    pub cancelled: bool,
}

const LIST_LIMIT: usize = 1000;

/// What a first pass over the whole report knows about its hierarchy.
#[derive(Debug, Default, Clone)]
pub struct Hierarchy {
    pub max_level: Option<f64>,
    /// Codes that other codes in the report extend.
    pub group_codes: HashSet<String>,
}

impl Hierarchy {
    /// Whether a first pass is worth it: there is a level column, or codes in the first rows already extend one
    /// another. Otherwise the import reads the file once.
    pub fn needed<'a>(layout: &Layout, sample: impl Iterator<Item = &'a [super::source::OwnedCell]> + Clone) -> bool {
        if layout.columns.iter().any(|c| c.role == ColumnRole::Level) {
            return true;
        }
        layout.columns.iter().filter(|c| matches!(c.role, ColumnRole::ProductCode | ColumnRole::CustomerCode)).any(
            |c| {
                let codes: BTreeSet<String> = sample
                    .clone()
                    .skip(layout.skip_rows as usize)
                    .filter_map(|r| r.get(c.index as usize).map(|x| x.as_cell()).and_then(text_of))
                    .collect();
                let mut iter = codes.iter().peekable();
                while let Some(code) = iter.next() {
                    if iter.peek().is_some_and(|next| next.len() > code.len() && next.starts_with(code.as_str())) {
                        return true;
                    }
                }
                false
            },
        )
    }
}

/// An empty cell or a missing-value marker (without building its text).
fn blank(cell: Cell<'_>) -> bool {
    match cell {
        Cell::Empty => true,
        Cell::Text(t) => is_missing(t),
        _ => false,
    }
}

fn text_of(cell: Cell<'_>) -> Option<String> {
    match cell {
        Cell::Empty => None,
        Cell::Text(t) if is_missing(t) => None,
        Cell::Text(t) => Some(t.trim().to_string()),
        Cell::Number(n) => Some(number_text(n)),
        Cell::Date(d) => Some(d.format("%Y-%m-%d").to_string()),
    }
}

/// The first pass: the deepest hierarchy level and the codes that are prefixes of other codes.
pub fn hierarchy(reader: &mut RowReader, layout: &Layout) -> Result<Hierarchy> {
    let level = layout.columns.iter().find(|c| c.role == ColumnRole::Level).map(|c| c.index as usize);
    let code_columns: Vec<usize> = layout
        .columns
        .iter()
        .filter(|c| matches!(c.role, ColumnRole::ProductCode | ColumnRole::CustomerCode))
        .map(|c| c.index as usize)
        .collect();
    let mut max_level: Option<f64> = None;
    let mut codes: Vec<BTreeSet<String>> = vec![BTreeSet::new(); code_columns.len()];
    let mut index = 0u64;
    while reader
        .next(|_, cells| {
            index += 1;
            if index <= layout.skip_rows as u64 {
                return;
            }
            if let Some(Ok(Some(v))) =
                level.map(|l| figure(cells.get(l).copied().unwrap_or(Cell::Empty), layout.decimal))
            {
                max_level = Some(max_level.map_or(v, |m: f64| m.max(v)));
            }
            for (k, &c) in code_columns.iter().enumerate() {
                if let Some(code) = cells.get(c).copied().and_then(text_of) {
                    if codes[k].len() < 500_000 && !codes[k].contains(&code) {
                        codes[k].insert(code);
                    }
                }
            }
        })?
        .is_some()
    {}
    let mut group_codes = HashSet::new();
    for set in &codes {
        // In sorted order a code is directly followed by the codes it prefixes.
        let mut iter = set.iter().peekable();
        while let Some(code) = iter.next() {
            if let Some(next) = iter.peek() {
                if next.len() > code.len() && next.starts_with(code.as_str()) {
                    group_codes.insert(code.clone());
                }
            }
        }
    }
    Ok(Hierarchy { max_level, group_codes })
}

fn row_text(cells: &[Cell<'_>]) -> String {
    let mut t: String = cells.iter().filter_map(|c| text_of(*c)).collect::<Vec<_>>().join(" · ");
    if t.chars().count() > 120 {
        t = t.chars().take(119).collect::<String>() + "…";
    }
    t
}

/// What one row gave: its number, its lines, its indentation, its text and exclusion (when excluded), problems.
type RowOutcome = (u64, Vec<Line>, usize, String, Option<Exclusion>, Vec<Problem>);

/// A held row described from what was read of it (its text is only kept for rows excluded on sight).
fn line_text(lines: &[Line]) -> String {
    let Some(l) = lines.first() else { return String::new() };
    let mut parts: Vec<String> = [&l.customer_code, &l.customer, &l.product_code, &l.product, &l.region]
        .iter()
        .filter(|t| !t.is_empty())
        .map(|t| t.trim().to_string())
        .collect();
    parts.extend(l.quantity.map(number_text));
    parts.extend(l.amount_minor.map(|a| format!("{:.2}", a as f64 / 100.0)));
    parts.join(" · ")
}

fn hash_of(parts: &[&str]) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    parts.hash(&mut h);
    h.finish()
}

fn minor(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

/// Reads the rows after the layout's header and calls `sink` with each line to import. `progress` is told
/// (done, total) now and then and stops the scan by returning false.
pub fn scan(
    reader: &mut RowReader,
    layout: &Layout,
    hierarchy: &Hierarchy,
    mut sink: impl FnMut(Line) -> Result<()>,
    progress: &mut (dyn FnMut(u64, u64) -> bool + Send),
) -> Result<ScanSummary> {
    let cols = &layout.columns;
    let find = |role: ColumnRole| cols.iter().find(|c| c.role == role && c.period.is_none()).map(|c| c.index as usize);
    let customer_code = find(ColumnRole::CustomerCode);
    let customer = find(ColumnRole::Customer);
    let product_code = find(ColumnRole::ProductCode);
    let product = find(ColumnRole::Product);
    let ean = find(ColumnRole::Ean);
    let region = find(ColumnRole::Region);
    let distributor = find(ColumnRole::Distributor);
    let price = find(ColumnRole::Price);
    let date = find(ColumnRole::Date);
    let year = find(ColumnRole::Year);
    let month = find(ColumnRole::Month);
    let week = find(ColumnRole::Week);
    let level = find(ColumnRole::Level);
    let due = find(ColumnRole::DueDate);
    let keys: Vec<usize> = cols.iter().filter(|c| c.role.is_key()).map(|c| c.index as usize).collect();
    let label_columns: Vec<usize> =
        cols.iter().filter(|c| !c.role.is_measure() && c.role != ColumnRole::Price).map(|c| c.index as usize).collect();
    let only_receivables = cols.iter().filter(|c| c.role.is_measure()).all(|c| c.role.is_receivable());
    let indent_column = product.or(customer);
    // Figure columns: (position, role, header period).
    let measures: Vec<(usize, ColumnRole, Option<NaiveDate>)> =
        cols.iter().filter(|c| c.role.is_measure()).map(|c| (c.index as usize, c.role, c.period)).collect();
    let wide = measures.iter().any(|m| m.2.is_some());
    let mut periods: Vec<Option<NaiveDate>> = measures.iter().map(|m| m.2).collect();
    periods.dedup();
    let header = |i: usize| cols.get(i).map(|c| c.header.clone()).unwrap_or_else(|| format!("Column {}", i + 1));

    let has_period_source = wide
        || date.is_some()
        || year.is_some() && (week.is_some() || month.is_some())
        || layout.report_period.is_some()
        || due.is_some() && only_receivables;
    if !has_period_source {
        return Err(Error::invalid(
            "no_period",
            "report_period",
            "Avain cannot tell which month this report covers: no column has dates. Choose the report's month.",
        ));
    }
    if measures.is_empty() {
        return Err(Error::invalid(
            "no_figures",
            "roles",
            "No column is marked as quantity, amount, stock, plan or receivable, so there is nothing to import. \
             Mark at least one.",
        ));
    }

    let mut summary = ScanSummary::default();
    let mut totals = vec![0.0f64; measures.len()];
    let mut months: BTreeSet<(i32, u32)> = BTreeSet::new();
    // Distinct customers and products, counted by a hash of their names (no copies of a million names).
    let mut customers: rustc_hash::FxHashSet<u64> = Default::default();
    let mut products: rustc_hash::FxHashSet<u64> = Default::default();
    let mut pending: Option<(Vec<Line>, usize, u64, String)> = None;
    let mut index = 0u64;
    // Rows of a report mostly repeat the date of the row before: its text is parsed once.
    let mut last_date: (String, Option<Period>) = (String::new(), None);

    let exclude = |summary: &mut ScanSummary, row: u64, reason: Exclusion, text: String| {
        summary.excluded_count += 1;
        if summary.excluded.len() < LIST_LIMIT {
            summary.excluded.push(ExcludedRow { row, reason, text });
        }
    };
    let mut emit = |summary: &mut ScanSummary, lines: Vec<Line>, totals: &mut [f64]| -> Result<()> {
        for (k, m) in measures.iter().enumerate() {
            for line in lines.iter().filter(|l| m.2.is_none() || l.period == m.2) {
                totals[k] += match m.1 {
                    ColumnRole::Quantity => line.quantity.unwrap_or(0.0),
                    ColumnRole::Amount => line.amount_minor.unwrap_or(0) as f64 / 100.0,
                    ColumnRole::PlanAmount => line.plan_amount_minor.unwrap_or(0) as f64 / 100.0,
                    ColumnRole::PlanQuantity => line.plan_quantity.unwrap_or(0.0),
                    ColumnRole::Receivable => line.receivable_minor.unwrap_or(0) as f64 / 100.0,
                    ColumnRole::Overdue => line.overdue_minor.unwrap_or(0) as f64 / 100.0,
                    _ => line.stock.unwrap_or(0.0),
                };
            }
        }
        for line in lines {
            summary.lines += 1;
            if let Some(p) = line.period.filter(|_| line.covers_period()) {
                summary.period_from = Some(summary.period_from.map_or(p, |f: NaiveDate| f.min(p)));
                summary.period_to = Some(summary.period_to.map_or(p, |t: NaiveDate| t.max(p)));
                months.insert((chrono::Datelike::year(&p), chrono::Datelike::month(&p)));
            }
            customers.insert(hash_of(&[&line.customer_code, &line.customer]));
            products.insert(hash_of(&[&line.product_code, &line.ean, &line.product]));
            sink(line)?;
        }
        Ok(())
    };

    loop {
        if index.is_multiple_of(4096) {
            let (done, total) = reader.progress();
            if !progress(done, total) {
                summary.cancelled = true;
                return Ok(summary);
            }
        }
        let outcome = reader.next(|row, cells| -> Result<Option<RowOutcome>> {
            index += 1;
            if index <= layout.skip_rows as u64 || cells.iter().all(|c| blank(*c)) {
                return Ok(None);
            }
            let get = |i: Option<usize>| i.and_then(|i| cells.get(i).copied()).and_then(text_of).unwrap_or_default();
            let mut problems = Vec::new();

            if label_columns.iter().any(|&i| matches!(cells.get(i), Some(Cell::Text(t)) if is_total_label(t))) {
                return Ok(Some((row, vec![], 0, row_text(cells), Some(Exclusion::TotalRow), problems)));
            }
            let code_p = get(product_code);
            let code_c = get(customer_code);
            // A level below the deepest marks a group row, unless the row has a code: then the codes decide,
            // since a branch of the hierarchy that ends higher up is detail, not a sum.
            if let (Some(l), Some(max)) = (level, hierarchy.max_level) {
                if let Ok(Some(v)) = figure(cells.get(l).copied().unwrap_or(Cell::Empty), layout.decimal) {
                    if v < max && code_p.is_empty() && code_c.is_empty() {
                        return Ok(Some((row, vec![], 0, row_text(cells), Some(Exclusion::HierarchyLevel), problems)));
                    }
                }
            }
            if (!code_p.is_empty() && hierarchy.group_codes.contains(&code_p))
                || (!code_c.is_empty() && hierarchy.group_codes.contains(&code_c))
            {
                return Ok(Some((row, vec![], 0, row_text(cells), Some(Exclusion::GroupCode), problems)));
            }
            // Figures.
            let mut values: Vec<Option<f64>> = Vec::with_capacity(measures.len());
            for &(i, _, _) in &measures {
                let cell = cells.get(i).copied().unwrap_or(Cell::Empty);
                match figure(cell, layout.decimal) {
                    Ok(v) => values.push(v),
                    Err(_) => {
                        problems.push(Problem {
                            row,
                            column: header(i),
                            value: cell.display(),
                            message: "not a number; left empty".into(),
                        });
                        values.push(None);
                    }
                }
            }
            if values.iter().all(Option::is_none) {
                return Ok(Some((row, vec![], 0, row_text(cells), Some(Exclusion::NoFigures), problems)));
            }
            if !keys.is_empty() && keys.iter().all(|&k| cells.get(k).is_none_or(|c| blank(*c))) {
                return Ok(Some((row, vec![], 0, row_text(cells), Some(Exclusion::NoKey), problems)));
            }
            let indent = indent_column
                .and_then(|i| match cells.get(i) {
                    Some(Cell::Text(t)) => Some(t.len() - t.trim_start().len()),
                    _ => None,
                })
                .unwrap_or(0);
            let price_minor =
                match price.map(|i| (i, figure(cells.get(i).copied().unwrap_or(Cell::Empty), layout.decimal))) {
                    Some((_, Ok(v))) => v.map(minor),
                    Some((i, Err(_))) => {
                        problems.push(Problem {
                            row,
                            column: header(i),
                            value: get(Some(i)),
                            message: "not a price; left empty".into(),
                        });
                        None
                    }
                    None => None,
                };
            let due_date = match due.map(|i| (i, cells.get(i).copied().unwrap_or(Cell::Empty))) {
                Some((_, c)) if blank(c) => None,
                Some((i, c)) => {
                    let read = row_period(cells, Some(i), None, None, None, layout)
                        .filter(|p| p.granularity == Granularity::Day)
                        .map(|p| p.start);
                    if read.is_none() {
                        problems.push(Problem {
                            row,
                            column: header(i),
                            value: c.display(),
                            message: "not a date; left empty".into(),
                        });
                    }
                    read
                }
                None => None,
            };
            let base = Line {
                row,
                period: None,
                granularity: None,
                customer_code: code_c,
                customer: get(customer),
                product_code: code_p,
                product: get(product),
                ean: get(ean),
                region: get(region),
                distributor: get(distributor),
                price_minor,
                due: due_date,
                ..Line::default()
            };
            let mut lines = Vec::new();
            if wide {
                for p in &periods {
                    let mut line = base.clone();
                    line.period = *p;
                    line.granularity = Some(Granularity::Month);
                    let mut any = false;
                    for (k, m) in measures.iter().enumerate() {
                        if m.2 == *p || m.2.is_none() {
                            if let Some(v) = values[k] {
                                any = true;
                                set_measure(&mut line, m.1, v);
                            }
                        }
                    }
                    if any {
                        lines.push(line);
                    }
                }
            } else {
                let period = match date.and_then(|i| cells.get(i)) {
                    Some(Cell::Text(t)) if !last_date.0.is_empty() && last_date.0 == *t => last_date.1,
                    Some(Cell::Text(t)) => {
                        let p = row_period(cells, date, year, month, week, layout);
                        last_date = (t.to_string(), p);
                        p
                    }
                    _ => row_period(cells, date, year, month, week, layout),
                }
                .or_else(|| due_date.filter(|_| only_receivables && date.is_none()).map(Period::day));
                match period {
                    Some(p) => {
                        let mut line = base;
                        line.period = Some(p.start);
                        line.granularity = Some(p.granularity);
                        for (k, m) in measures.iter().enumerate() {
                            if let Some(v) = values[k] {
                                set_measure(&mut line, m.1, v);
                            }
                        }
                        lines.push(line);
                    }
                    None => {
                        let shown = [date, year, week, month]
                            .iter()
                            .flatten()
                            .map(|&i| get(Some(i)))
                            .collect::<Vec<_>>()
                            .join(" ");
                        problems.push(Problem {
                            row,
                            column: "date".into(),
                            value: shown,
                            message: "no date Avain can read".into(),
                        });
                        return Ok(Some((row, vec![], 0, row_text(cells), Some(Exclusion::NoDate), problems)));
                    }
                }
            }
            Ok(Some((row, lines, indent, String::new(), None, problems)))
        })?;
        let Some(result) = outcome else { break };
        let Some((row, lines, indent, text, excluded, problems)) = result? else { continue };
        summary.rows_read += 1;
        summary.problem_count += problems.len() as u64;
        for p in problems {
            if summary.problems.len() < LIST_LIMIT {
                summary.problems.push(p);
            }
        }
        if let Some(reason) = excluded {
            exclude(&mut summary, row, reason, text);
            continue;
        }
        // A row is a group heading when the next data row is indented deeper under it.
        if let Some((held, held_indent, held_row, _)) = pending.take() {
            if indent > held_indent {
                exclude(&mut summary, held_row, Exclusion::IndentedGroup, line_text(&held));
            } else {
                emit(&mut summary, held, &mut totals)?;
            }
        }
        pending = Some((lines, indent, row, text));
    }
    if let Some((held, _, _, _)) = pending.take() {
        emit(&mut summary, held, &mut totals)?;
    }
    summary.totals = measures
        .iter()
        .zip(totals)
        .map(|(m, total)| ColumnTotal { column: header(m.0), role: m.1, total: (total * 100.0).round() / 100.0 })
        .collect();
    summary.months = months.into_iter().map(|(y, m)| format!("{y:04}-{m:02}")).collect();
    summary.customers = customers.len() as u64;
    summary.products = products.len() as u64;
    progress(reader.progress().1, reader.progress().1);
    Ok(summary)
}

fn set_measure(line: &mut Line, role: ColumnRole, v: f64) {
    match role {
        ColumnRole::Quantity => line.quantity = Some(line.quantity.unwrap_or(0.0) + v),
        ColumnRole::Amount => line.amount_minor = Some(line.amount_minor.unwrap_or(0) + minor(v)),
        ColumnRole::PlanAmount => line.plan_amount_minor = Some(line.plan_amount_minor.unwrap_or(0) + minor(v)),
        ColumnRole::PlanQuantity => line.plan_quantity = Some(line.plan_quantity.unwrap_or(0.0) + v),
        ColumnRole::Receivable => line.receivable_minor = Some(line.receivable_minor.unwrap_or(0) + minor(v)),
        ColumnRole::Overdue => line.overdue_minor = Some(line.overdue_minor.unwrap_or(0) + minor(v)),
        _ => line.stock = Some(line.stock.unwrap_or(0.0) + v),
    }
}

fn row_period(
    cells: &[Cell<'_>],
    date: Option<usize>,
    year: Option<usize>,
    month: Option<usize>,
    week: Option<usize>,
    layout: &Layout,
) -> Option<Period> {
    let cell = |i: Option<usize>| i.and_then(|i| cells.get(i).copied());
    if let Some(c) = cell(date) {
        return match c {
            Cell::Date(d) => Some(Period::day(d)),
            Cell::Number(n) if (19_000_101.0..=22_001_231.0).contains(&n) => {
                parse_period(&number_text(n), layout.date_order)
            }
            Cell::Number(n) if n.fract() == 0.0 && (190_001.0..=220_012.0).contains(&n) => {
                parse_period(&number_text(n), layout.date_order)
            }
            Cell::Number(n) => from_excel_serial(n).map(Period::day),
            Cell::Text(t) => parse_period(t, layout.date_order).or_else(|| {
                // An Excel serial written as text.
                t.trim()
                    .parse::<f64>()
                    .ok()
                    .filter(|n| (20_000.0..80_000.0).contains(n))
                    .and_then(from_excel_serial)
                    .map(Period::day)
            }),
            Cell::Empty => None,
        };
    }
    let y = cell(year).and_then(text_of).and_then(|t| parse_year(&t));
    if let (Some(y), Some(w)) = (y, cell(week).and_then(text_of).and_then(|t| parse_small(&t, 53))) {
        return Period::iso_week(y, w);
    }
    if let (Some(y), Some(m)) = (y, cell(month).and_then(text_of).and_then(|t| parse_small(&t, 12))) {
        return Period::month(y, m);
    }
    if date.is_none() && year.is_none() {
        return layout
            .report_period
            .and_then(|d| Period::month(chrono::Datelike::year(&d), chrono::Datelike::month(&d)));
    }
    None
}
