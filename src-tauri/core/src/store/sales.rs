//! Storage of sales reports: the import (one transaction, never the same content twice, a corrected report
//! replacing its source's earlier rows for the same months only when confirmed), undo, sources and their mapping
//! profiles, and the matching of reported customers and products to accounts and SKUs.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{params, Connection, OptionalExtension};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use ts_rs::TS;

use super::{now_timestamp, Store};
use crate::error::{Error, Result};
use crate::sales::analytics::{Dashboard, Facts, ForecastRow, SalesFilter};
use crate::sales::matching::{match_key, suggest};
use crate::sales::{self, scan, source, ImportOptions, Line, Profile, Replacement, ScanSummary, Understanding};
use crate::types::Source;

/// What an import saved.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportOutcome {
    pub import_id: i64,
    pub source: String,
    pub file_name: String,
    pub summary: ScanSummary,
    /// Lines of earlier reports of the same source that this one replaced.
    pub replaced_lines: u64,
    pub unmatched_customers: u64,
    pub unmatched_products: u64,
}

/// One import in the history.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ImportRow {
    pub id: i64,
    pub source: String,
    pub file_name: String,
    pub format: String,
    pub imported_at: String,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
    pub rows_read: i64,
    pub lines: i64,
    pub excluded: i64,
    /// Lines still counted (not replaced by a later correction).
    pub active_lines: i64,
    pub amount_minor: i64,
}

/// A customer or product name from reports that is not linked yet (or is, for the review list).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReportedValue {
    pub id: i64,
    pub source: String,
    pub code: String,
    pub name: String,
    pub lines: i64,
    pub amount_minor: i64,
    /// The account or SKU it is linked to.
    pub linked: Option<crate::types::Ref>,
    /// Likely matches, best first, with how alike they are (0–100).
    pub suggestions: Vec<Suggestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Suggestion {
    pub id: i64,
    pub name: String,
    pub score: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ReportedKind {
    Customer,
    Product,
}

fn default_source_name(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let words: Vec<&str> = stem
        .split(['_', '-', ' ', '.'])
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
        .filter(|w| sales::dates::month_from_name(w).is_none())
        .collect();
    let name = words.join(" ");
    if name.is_empty() {
        "Unnamed source".to_string()
    } else {
        name
    }
}

fn source_id(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn.query_row("SELECT id FROM sales_sources WHERE name = ?1", [name], |r| r.get(0)).optional()?)
}

fn profiles(conn: &Connection) -> Result<Vec<(String, Profile)>> {
    let mut stmt = conn.prepare("SELECT name, profile FROM sales_sources WHERE profile IS NOT NULL")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (name, json) = row?;
        if let Ok(p) = serde_json::from_str::<Profile>(&json) {
            out.push((name, p));
        }
    }
    Ok(out)
}

/// Lines of the same source's other imports in `months` ("YYYY-MM"), which a new report for them would replace.
fn replacement(conn: &Connection, source: &str, months: &[String], except: Option<i64>) -> Result<Option<Replacement>> {
    let Some(sid) = source_id(conn, source)? else { return Ok(None) };
    if months.is_empty() {
        return Ok(None);
    }
    let mut stmt = conn.prepare(
        "SELECT i.file_name, substr(l.period, 1, 7), count(*)
         FROM sales_imports i CROSS JOIN sales_lines l ON l.import_id = i.id
         WHERE i.source_id = ?1 AND l.replaced_by IS NULL AND i.id IS NOT ?2
           AND substr(l.period, 1, 7) IN (SELECT value FROM json_each(?3))
         GROUP BY 1, 2",
    )?;
    let months_json = serde_json::to_string(months).unwrap_or_else(|_| "[]".into());
    let rows = stmt.query_map(params![sid, except, months_json], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, i64>(2)?))
    })?;
    let (mut files, mut found, mut lines) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new(), 0);
    for row in rows {
        let (file, month, n) = row?;
        files.insert(file);
        found.insert(month);
        lines += n as u64;
    }
    Ok((lines > 0).then(|| Replacement {
        lines,
        months: found.into_iter().collect(),
        files: files.into_iter().collect(),
    }))
}

fn already_imported(conn: &Connection, hash: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT file_name, imported_at FROM sales_imports WHERE content_hash = ?1", [hash], |r| {
            Ok(format!("{} (imported {})", r.get::<_, String>(0)?, &r.get::<_, String>(1)?[..10]))
        })
        .optional()?)
}

impl Store {
    /// Works out `options` for a file: the user's choices, else the profile of the named source, else of the
    /// source whose last report had the same headers. Returns the options and the profile's source.
    fn options_with_profile(&self, path: &Path, options: &ImportOptions) -> Result<(ImportOptions, Option<String>)> {
        if options.layout.roles.is_some() {
            return Ok((options.clone(), None));
        }
        let first = sales::open(path, options)?;
        let headers: Vec<String> = first.layout.columns.iter().map(|c| c.header.clone()).collect();
        let candidates = profiles(&self.conn)?;
        let best = candidates
            .into_iter()
            .filter(|(name, _)| options.source.as_deref().is_none_or(|s| s.eq_ignore_ascii_case(name)))
            .map(|(name, p)| (p.fit(&headers), name, p))
            .filter(|(fit, _, _)| *fit >= 0.8)
            .max_by(|a, b| a.0.total_cmp(&b.0));
        Ok(match best {
            Some((_, name, profile)) => {
                let mut o = profile.apply(options, &headers);
                o.source = Some(name.clone());
                (o, Some(name))
            }
            None => (options.clone(), None),
        })
    }

    /// What Avain understands of a report, with the source's remembered mapping applied; saves nothing.
    pub fn inspect_import(
        &self,
        path: &Path,
        options: &ImportOptions,
        progress: &mut (dyn FnMut(u64, u64) -> bool + Send),
    ) -> Result<Understanding> {
        let (options, profile) = self.options_with_profile(path, options)?;
        let mut u = sales::inspect(path, &options, progress)?;
        u.profile_applied = profile;
        let source = u.source.clone().unwrap_or_else(|| default_source_name(path));
        u.already_imported = already_imported(&self.conn, &u.content_hash)?;
        u.replaces = replacement(&self.conn, &source, &u.summary.months, None)?;
        u.source = Some(source);
        Ok(u)
    }

    /// Imports a report in one transaction. Refuses a file already imported, and a report whose months the same
    /// source already reported unless `options.replace` says the user confirmed the correction.
    pub fn import_sales(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        progress: &mut (dyn FnMut(u64, u64) -> bool + Send),
    ) -> Result<ImportOutcome> {
        // Every reference a line makes (its import, its reported customer and product) is created in the same
        // transaction, with ids the import hands out itself; checking a million inserts against their parent rows
        // would only repeat that, at a quarter of the import's time. The checks are back on when it returns.
        self.conn.pragma_update(None, "foreign_keys", false)?;
        let result = self.import_sales_checked(path, options, progress);
        self.conn.pragma_update(None, "foreign_keys", true)?;
        result
    }

    fn import_sales_checked(
        &mut self,
        path: &Path,
        options: &ImportOptions,
        progress: &mut (dyn FnMut(u64, u64) -> bool + Send),
    ) -> Result<ImportOutcome> {
        let (options, _) = self.options_with_profile(path, options)?;
        let started = std::time::Instant::now();
        let phase = |name: &str| tracing::debug!(phase = name, ms = started.elapsed().as_millis() as u64, "import");
        let hash = source::content_hash(path)?;
        phase("hashed");
        if let Some(before) = already_imported(&self.conn, &hash)? {
            return Err(Error::Conflict {
                code: "already_imported",
                field: "file",
                message: format!("This file was imported already: {before}. Nothing was imported again."),
            });
        }
        let opened = sales::open(path, &options)?;
        let hierarchy = opened.hierarchy(path)?;
        let mut reader = opened.reader(path)?;
        let source_name = options.source.clone().unwrap_or_else(|| default_source_name(path));
        let file_name = source::file_name(path);
        let now = now_timestamp();

        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO sales_sources (name, created_at, updated_at) VALUES (?1, ?2, ?2)
             ON CONFLICT(name) DO NOTHING",
            params![source_name, now],
        )?;
        let sid: i64 = tx.query_row("SELECT id FROM sales_sources WHERE name = ?1", [&source_name], |r| r.get(0))?;
        tx.execute(
            "INSERT INTO sales_imports (source_id, file_name, content_hash, format, imported_at, rows_read, lines,
                excluded, report) VALUES (?1, ?2, ?3, ?4, ?5, 0, 0, 0, '{}')",
            params![sid, file_name, hash, format!("{:?}", opened.sniffed.format).to_lowercase(), now],
        )?;
        let import_id = tx.last_insert_rowid();
        // Reading runs on a second thread, which also resolves each line's customer and product to the id of its
        // reported name (new names get the next free ids), and hands over plain rows in batches; this thread inserts
        // them. On two cores the import takes about as long as the slower of the two, not their sum, and no
        // string crosses threads per line.
        let (summary, used) = {
            let mut customers = Dictionary::load(&tx, "sales_customers", sid)?;
            let mut products = Dictionary::load(&tx, "sales_products", sid)?;
            // Most lines are plain sales: their statement binds no plan or receivable columns.
            let mut insert = tx.prepare(
                "INSERT INTO sales_lines (import_id, row_no, period, granularity, customer_id, product_id, region,
                    quantity, amount_minor, price_minor, stock) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?;
            let mut insert_extra = tx.prepare(
                "INSERT INTO sales_lines (import_id, row_no, period, granularity, customer_id, product_id, region,
                    quantity, amount_minor, price_minor, stock, plan_amount_minor, plan_quantity, receivable_minor,
                    overdue_minor, due)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
            )?;
            let mut new_customer =
                tx.prepare("INSERT INTO sales_customers (id, source_id, code, name) VALUES (?1, ?2, ?3, ?4)")?;
            let mut new_product =
                tx.prepare("INSERT INTO sales_products (id, source_id, code, ean, name) VALUES (?1, ?2, ?3, ?4, ?5)")?;
            let layout = &opened.layout;
            let hierarchy = &hierarchy;
            let (to_insert, batches) = std::sync::mpsc::sync_channel::<Batch>(8);
            std::thread::scope(|scope| -> Result<(ScanSummary, UsedNames)> {
                let reading = scope.spawn(move || {
                    let mut batch = Batch::default();
                    let mut used = UsedNames::default();
                    let mut regions: FxHashMap<String, std::sync::Arc<str>> = FxHashMap::default();
                    let summary = scan::scan(
                        &mut reader,
                        layout,
                        hierarchy,
                        |line: Line| {
                            let customer = (!line.customer.is_empty() || !line.customer_code.is_empty()).then(|| {
                                customers.id(&line.customer_code, "", &line.customer, &mut batch.new_customers)
                            });
                            let product = (!line.product.is_empty()
                                || !line.product_code.is_empty()
                                || !line.ean.is_empty())
                            .then(|| {
                                products.id(&line.product_code, &line.ean, &line.product, &mut batch.new_products)
                            });
                            let region = (!line.region.is_empty()).then(|| match regions.get(&line.region) {
                                Some(r) => r.clone(),
                                None => {
                                    let r: std::sync::Arc<str> = line.region.as_str().into();
                                    regions.insert(line.region.clone(), r.clone());
                                    r
                                }
                            });
                            used.0.extend(customer);
                            used.1.extend(product);
                            batch.rows.push(Row {
                                row: line.row,
                                period: line.period,
                                granularity: line.granularity,
                                customer,
                                product,
                                region,
                                quantity: line.quantity,
                                amount_minor: line.amount_minor,
                                price_minor: line.price_minor,
                                stock: line.stock,
                                extra: Extra::of(&line),
                            });
                            if batch.rows.len() == BATCH {
                                // The receiver is gone only when inserting failed; that error is the one reported.
                                to_insert
                                    .send(std::mem::take(&mut batch))
                                    .map_err(|_| Error::invalid("cancelled", "file", "Stopped."))?;
                            }
                            Ok(())
                        },
                        progress,
                    )?;
                    if !batch.rows.is_empty() {
                        let _ = to_insert.send(batch);
                    }
                    Ok((summary, used))
                });
                let mut period_text = String::new();
                let mut last_period = None;
                let mut inserted: Result<()> = Ok(());
                while let Ok(batch) = batches.recv() {
                    inserted = (|| {
                        for (id, code, _, name) in &batch.new_customers {
                            new_customer.execute(params![id, sid, code, name])?;
                        }
                        for (id, code, ean, name) in &batch.new_products {
                            new_product.execute(params![id, sid, code, ean, name])?;
                        }
                        for row in &batch.rows {
                            if row.period != last_period {
                                last_period = row.period;
                                period_text = row.period.map(sales::dates::iso).unwrap_or_default();
                            }
                            let granularity = match row.granularity {
                                Some(sales::dates::Granularity::Day) => "day",
                                Some(sales::dates::Granularity::Week) => "week",
                                _ => "month",
                            };
                            let sale = params![
                                import_id,
                                row.row as i64,
                                period_text,
                                granularity,
                                row.customer,
                                row.product,
                                row.region.as_deref().unwrap_or(""),
                                row.quantity,
                                row.amount_minor,
                                row.price_minor,
                                row.stock
                            ];
                            match &row.extra {
                                None => insert.execute(sale)?,
                                Some(x) => {
                                    let due = x.due.map(sales::dates::iso);
                                    let more = params![
                                        x.plan_amount_minor,
                                        x.plan_quantity,
                                        x.receivable_minor,
                                        x.overdue_minor,
                                        due
                                    ];
                                    let all: Vec<&dyn rusqlite::ToSql> = sale.iter().chain(more).copied().collect();
                                    insert_extra.execute(all.as_slice())?
                                }
                            };
                        }
                        Ok(())
                    })();
                    if inserted.is_err() {
                        break;
                    }
                }
                drop(batches);
                let read =
                    reading.join().map_err(|_| Error::invalid("internal", "file", "Reading the file failed."))?;
                inserted?;
                read
            })?
        };
        if summary.cancelled {
            return Err(Error::invalid("cancelled", "file", "The import was cancelled. Nothing was imported."));
        }
        if summary.lines == 0 {
            return Err(Error::invalid(
                "nothing_to_import",
                "file",
                format!("{file_name} has no rows with figures to import. Nothing was imported."),
            ));
        }
        phase("lines inserted");
        let replaced = match replacement(&tx, &source_name, &summary.months, Some(import_id))? {
            Some(r) if !options.replace => {
                return Err(Error::Conflict {
                    code: "replace_needed",
                    field: "replace",
                    message: format!(
                        "{source_name} already reported {} for {} ({} rows from {}). Confirm that this report \
                         corrects it, and its rows will replace those. Nothing was imported.",
                        if r.months.len() == 1 { "this month" } else { "these months" },
                        r.months.join(", "),
                        r.lines,
                        r.files.join(", ")
                    ),
                });
            }
            Some(_) => tx.execute(
                "UPDATE sales_lines SET replaced_by = ?1
                 WHERE replaced_by IS NULL AND import_id != ?1
                   AND import_id IN (SELECT id FROM sales_imports WHERE source_id = ?2)
                   AND substr(period, 1, 7) IN (SELECT value FROM json_each(?3))",
                params![import_id, sid, serde_json::to_string(&summary.months).unwrap_or_else(|_| "[]".into())],
            )? as u64,
            None => 0,
        };
        tx.execute(
            "UPDATE sales_imports SET period_from = ?2, period_to = ?3, rows_read = ?4, lines = ?5, excluded = ?6,
                report = ?7 WHERE id = ?1",
            params![
                import_id,
                summary.period_from.map(sales::dates::iso),
                summary.period_to.map(sales::dates::iso),
                summary.rows_read as i64,
                summary.lines as i64,
                summary.excluded_count as i64,
                serde_json::to_string(&summary).unwrap_or_else(|_| "{}".into())
            ],
        )?;
        // Remember how this source's reports are read.
        let profile = opened.profile(options.delimiter.clone());
        tx.execute(
            "UPDATE sales_sources SET profile = ?2, updated_at = ?3 WHERE id = ?1",
            params![sid, serde_json::to_string(&profile).unwrap_or_default(), now],
        )?;
        phase("replacement checked");
        auto_match(&tx, sid)?;
        let (unmatched_customers, unmatched_products) = unmatched_counts(&tx, sid, &used)?;
        phase("matched");
        tx.commit()?;
        phase("committed");
        self.announce("sales", Some(import_id), "imported", Source::Import);
        Ok(ImportOutcome {
            import_id,
            source: source_name,
            file_name,
            summary,
            replaced_lines: replaced,
            unmatched_customers,
            unmatched_products,
        })
    }

    /// Takes an import back as a whole; rows it replaced count again.
    pub fn undo_import(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM sales_imports WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::NotFound { what: "The import", id });
        }
        tx.commit()?;
        self.announce("sales", Some(id), "undone", Source::User);
        Ok(())
    }

    pub fn list_imports(&self) -> Result<Vec<ImportRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT i.id, s.name, i.file_name, i.format, i.imported_at, i.period_from, i.period_to, i.rows_read,
                    i.lines, i.excluded,
                    (SELECT count(*) FROM sales_lines l WHERE l.import_id = i.id AND l.replaced_by IS NULL),
                    (SELECT ifnull(sum(amount_minor), 0) FROM sales_lines l WHERE l.import_id = i.id AND l.replaced_by IS NULL)
             FROM sales_imports i JOIN sales_sources s ON s.id = i.source_id ORDER BY i.imported_at DESC, i.id DESC",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ImportRow {
                id: r.get(0)?,
                source: r.get(1)?,
                file_name: r.get(2)?,
                format: r.get(3)?,
                imported_at: r.get(4)?,
                period_from: r.get(5)?,
                period_to: r.get(6)?,
                rows_read: r.get(7)?,
                lines: r.get(8)?,
                excluded: r.get(9)?,
                active_lines: r.get(10)?,
                amount_minor: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The validation report of an import: what was read, excluded and why, and the problems.
    pub fn import_report(&self, id: i64) -> Result<ScanSummary> {
        let json: String = self
            .conn
            .query_row("SELECT report FROM sales_imports WHERE id = ?1", [id], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound { what: "The import", id })?;
        Ok(serde_json::from_str(&json).unwrap_or_default())
    }

    /// Reported customers or products, unlinked first, with what they weigh and likely matches.
    pub fn reported_values(&self, kind: ReportedKind, only_unlinked: bool) -> Result<Vec<ReportedValue>> {
        let (table, link, target, target_name, fk) = match kind {
            ReportedKind::Customer => ("sales_customers", "account_id", "accounts", "name", "customer_id"),
            ReportedKind::Product => ("sales_products", "sku_id", "skus", "name", "product_id"),
        };
        let sql = format!(
            "SELECT v.id, s.name, v.code, v.name, count(l.id), ifnull(sum(l.amount_minor), 0), t.id, t.{target_name}
             FROM {table} v JOIN sales_sources s ON s.id = v.source_id
             JOIN sales_lines l ON l.{fk} = v.id AND l.replaced_by IS NULL
             LEFT JOIN {target} t ON t.id = v.{link}
             {}
             GROUP BY v.id ORDER BY v.{link} IS NOT NULL, sum(l.amount_minor) DESC, v.name",
            if only_unlinked { format!("WHERE v.{link} IS NULL") } else { String::new() }
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map([], |r| {
            let linked = match (r.get::<_, Option<i64>>(6)?, r.get::<_, Option<String>>(7)?) {
                (Some(id), Some(name)) => Some(crate::types::Ref { id, name }),
                _ => None,
            };
            Ok(ReportedValue {
                id: r.get(0)?,
                source: r.get(1)?,
                code: r.get(2)?,
                name: r.get(3)?,
                lines: r.get(4)?,
                amount_minor: r.get(5)?,
                linked,
                suggestions: vec![],
            })
        })?;
        let mut values: Vec<ReportedValue> = rows.collect::<rusqlite::Result<_>>()?;
        let candidates: Vec<(i64, String)> = {
            let mut stmt = self.conn.prepare(&format!("SELECT id, {target_name} FROM {target}"))?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for v in values.iter_mut().filter(|v| v.linked.is_none()).take(500) {
            v.suggestions = suggest(&v.name, candidates.iter().map(|(id, n)| (*id, n.as_str())), 0.8, 3)
                .into_iter()
                .map(|(id, name, score)| Suggestion { id, name, score: (score * 100.0).round() as u32 })
                .collect();
        }
        Ok(values)
    }

    /// One click from an unmatched name to a new account (kind guessed from the name) or SKU, linked at once.
    pub fn create_from_reported(&mut self, kind: ReportedKind, id: i64) -> Result<i64> {
        let table = if kind == ReportedKind::Customer { "sales_customers" } else { "sales_products" };
        let (code, name, ean): (String, String, String) = self
            .conn
            .query_row(
                &format!(
                    "SELECT code, name, {} FROM {table} WHERE id = ?1",
                    if kind == ReportedKind::Customer { "''" } else { "ean" }
                ),
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or(Error::NotFound { what: "The reported name", id })?;
        let label = if name.is_empty() { code.clone() } else { name };
        let created = match kind {
            ReportedKind::Customer => {
                let kind = sales::matching::guess_account_kind(&label);
                let input = crate::accounts::AccountInput { name: label, kind: Some(kind), ..Default::default() };
                self.create_account(&input, Source::Import)?.id
            }
            ReportedKind::Product => {
                let input = crate::skus::SkuInput { name: label, code, ean, ..Default::default() };
                self.create_sku(&input, Source::Import)?.id
            }
        };
        self.link_reported(kind, id, Some(created))?;
        Ok(created)
    }

    /// Links a reported customer to an account (or a product to a SKU); `None` unlinks. Every line with the same
    /// code from the same source follows.
    pub fn link_reported(&mut self, kind: ReportedKind, id: i64, target: Option<i64>) -> Result<()> {
        let (table, link, target_table) = match kind {
            ReportedKind::Customer => ("sales_customers", "account_id", "accounts"),
            ReportedKind::Product => ("sales_products", "sku_id", "skus"),
        };
        if let Some(t) = target {
            let exists: Option<i64> = self
                .conn
                .query_row(&format!("SELECT id FROM {target_table} WHERE id = ?1"), [t], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(Error::NotFound {
                    what: if kind == ReportedKind::Customer { "The account" } else { "The SKU" },
                    id: t,
                });
            }
        }
        let tx = self.conn.transaction()?;
        let (source_id, code): (i64, String) = tx
            .query_row(&format!("SELECT source_id, code FROM {table} WHERE id = ?1"), [id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?
            .ok_or(Error::NotFound { what: "The reported name", id })?;
        tx.execute(&format!("UPDATE {table} SET {link} = ?2 WHERE id = ?1"), params![id, target])?;
        if !code.is_empty() {
            tx.execute(
                &format!("UPDATE {table} SET {link} = ?3 WHERE source_id = ?1 AND code = ?2"),
                params![source_id, code, target],
            )?;
        }
        tx.commit()?;
        self.announce("sales", None, "matched", Source::User);
        Ok(())
    }
}

impl Store {
    /// The sales lines as analytics facts, loaded once after each change.
    pub fn sales_facts(&self) -> Result<std::sync::Arc<Facts>> {
        if let Some(f) = self.sales_facts.borrow().as_ref() {
            return Ok(f.clone());
        }
        let facts = std::sync::Arc::new(load_facts(&self.conn)?);
        self.sales_facts.replace(Some(facts.clone()));
        Ok(facts)
    }

    pub fn sales_dashboard(&self, filter: &SalesFilter) -> Result<Dashboard> {
        Ok(self.sales_facts()?.dashboard(filter))
    }

    pub fn sales_forecasts(&self, chain: Option<i64>) -> Result<Vec<ForecastRow>> {
        Ok(self.sales_facts()?.forecasts(chain))
    }

    /// Sets (or with `None` clears) an account's plan for a month.
    pub fn set_plan(
        &mut self,
        account_id: i64,
        month: chrono::NaiveDate,
        amount_minor: Option<i64>,
        source: Source,
    ) -> Result<()> {
        if amount_minor.is_some_and(|a| a < 0) {
            return Err(Error::invalid("out_of_range", "amount", "A plan cannot be negative."));
        }
        let month = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&month), chrono::Datelike::month(&month), 1)
            .unwrap_or(month);
        crate::store::accounts::require_account(&self.conn, account_id)?;
        match amount_minor {
            Some(a) => self.conn.execute(
                "INSERT INTO sales_plans (account_id, month, amount_minor, source, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (account_id, month, ifnull(sku_id, 0)) DO UPDATE SET amount_minor = ?3, source = ?4, updated_at = ?5",
                params![account_id, sales::dates::iso(month), a, source, now_timestamp()],
            )?,
            None => self.conn.execute(
                "DELETE FROM sales_plans WHERE account_id = ?1 AND month = ?2 AND sku_id IS NULL",
                params![account_id, sales::dates::iso(month)],
            )?,
        };
        self.announce("sales", None, "planned", source);
        Ok(())
    }
}

fn load_facts(conn: &Connection) -> Result<Facts> {
    use crate::sales::analytics::{month_index, AccountInfo, RawFact};
    let mut facts = Facts::default();
    // Accounts first: a line without a region of its own takes its account's.
    let mut stmt =
        conn.prepare("SELECT id, name, status, region, kind, parent_id, credit_limit_minor FROM accounts")?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            AccountInfo {
                name: r.get(1)?,
                status: r.get(2)?,
                region: r.get(3)?,
                kind: r.get(4)?,
                parent: r.get(5)?,
                credit_limit_minor: r.get(6)?,
            },
        ))
    })?;
    facts.accounts = rows.collect::<rusqlite::Result<_>>()?;
    let mut stmt = conn.prepare(
        "SELECT l.period, ifnull(l.customer_id, 0), c.account_id, ifnull(l.product_id, 0), p.sku_id, l.region,
                ifnull(l.amount_minor, 0), ifnull(l.quantity, 0), l.stock
         FROM sales_lines l
         LEFT JOIN sales_customers c ON c.id = l.customer_id
         LEFT JOIN sales_products p ON p.id = l.product_id
         WHERE l.replaced_by IS NULL AND (l.amount_minor IS NOT NULL OR l.quantity IS NOT NULL OR l.stock IS NOT NULL)",
    )?;
    let mut rows = stmt.query([])?;
    let mut last_period = (String::new(), 0u32);
    while let Some(r) = rows.next()? {
        let period = r.get_ref(0)?.as_str().unwrap_or("");
        if period != last_period.0 {
            let d = chrono::NaiveDate::parse_from_str(period, "%Y-%m-%d").unwrap_or_default();
            last_period = (period.to_string(), month_index(d));
        }
        facts.add(RawFact {
            month: last_period.1,
            customer: r.get(1)?,
            account: r.get(2)?,
            product: r.get(3)?,
            sku: r.get(4)?,
            region: r.get_ref(5)?.as_str().unwrap_or(""),
            amount_minor: r.get(6)?,
            quantity: r.get(7)?,
            stock: r.get(8)?,
        });
    }
    let names = |sql: &str| -> Result<HashMap<i64, String>> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    };
    facts.skus = names("SELECT id, name FROM skus")?;
    facts.customers = names("SELECT id, CASE WHEN name != '' THEN name ELSE code END FROM sales_customers")?;
    facts.products =
        names("SELECT id, CASE WHEN name != '' THEN name WHEN code != '' THEN code ELSE ean END FROM sales_products")?;
    // Typed plans first; an imported plan counts for the accounts and months nobody typed a plan for (and for the
    // SKU views, the SKUs and months nobody typed one for).
    let month_of = |text: &str| month_index(chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default());
    let mut stmt = conn.prepare("SELECT account_id, month, sku_id, amount_minor FROM sales_plans")?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (account, month, sku, amount): (i64, String, Option<i64>, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let m = month_of(&month);
        *facts.plans.entry((account, m)).or_default() += amount;
        if let Some(sku) = sku {
            *facts.sku_plans.entry((account, sku, m)).or_default() += amount;
        }
    }
    let typed_accounts: HashSet<(i64, u32)> = facts.plans.keys().copied().collect();
    let typed_skus: HashSet<(i64, i64, u32)> = facts.sku_plans.keys().copied().collect();
    let mut stmt = conn.prepare(
        "SELECT c.account_id, substr(l.period, 1, 7) || '-01', p.sku_id, sum(l.plan_amount_minor)
         FROM sales_lines l JOIN sales_customers c ON c.id = l.customer_id
         LEFT JOIN sales_products p ON p.id = l.product_id
         WHERE l.replaced_by IS NULL AND l.plan_amount_minor IS NOT NULL AND c.account_id IS NOT NULL
         GROUP BY 1, 2, 3",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let (account, month, sku, amount): (i64, String, Option<i64>, i64) =
            (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
        let m = month_of(&month);
        if !typed_accounts.contains(&(account, m)) {
            *facts.plans.entry((account, m)).or_default() += amount;
        }
        if let Some(sku) = sku.filter(|s| !typed_skus.contains(&(account, *s, m))) {
            *facts.sku_plans.entry((account, sku, m)).or_default() += amount;
        }
    }
    // Receivables: each source's latest report that has them (an older one is out of date, not added to it).
    let mut stmt = conn.prepare(
        "WITH latest AS (
            SELECT i.source_id, max(i.id) AS id FROM sales_imports i
            WHERE i.id IN (SELECT import_id FROM sales_lines
                           WHERE receivable_minor IS NOT NULL OR overdue_minor IS NOT NULL)
            GROUP BY i.source_id)
         SELECT ifnull(l.customer_id, 0), c.account_id, s.name, substr(i.imported_at, 1, 10),
                ifnull(l.receivable_minor, ifnull(l.overdue_minor, 0)), l.overdue_minor, l.due
         FROM latest JOIN sales_imports i ON i.id = latest.id
         JOIN sales_sources s ON s.id = i.source_id
         JOIN sales_lines l ON l.import_id = i.id
         LEFT JOIN sales_customers c ON c.id = l.customer_id
         WHERE l.receivable_minor IS NOT NULL OR l.overdue_minor IS NOT NULL",
    )?;
    let date = |t: Option<String>| t.and_then(|t| chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok());
    let rows = stmt.query_map([], |r| {
        Ok(crate::sales::analytics::ReceivableFact {
            customer: r.get(0)?,
            account: r.get(1)?,
            source: r.get(2)?,
            as_of: date(r.get(3)?).unwrap_or_default(),
            open_minor: r.get(4)?,
            overdue_minor: r.get(5)?,
            due: date(r.get(6)?),
        })
    })?;
    facts.receivables = rows.collect::<rusqlite::Result<_>>()?;
    Ok(facts)
}

/// Lines handed from the reading thread to the inserting one at a time.
const BATCH: usize = 4096;

/// A sales line ready to insert: the reported names already resolved to ids.
struct Row {
    row: u64,
    period: Option<chrono::NaiveDate>,
    granularity: Option<sales::dates::Granularity>,
    customer: Option<i64>,
    product: Option<i64>,
    region: Option<std::sync::Arc<str>>,
    quantity: Option<f64>,
    amount_minor: Option<i64>,
    price_minor: Option<i64>,
    stock: Option<f64>,
    /// Plan and receivable figures, on the few lines that have them.
    extra: Option<Box<Extra>>,
}

struct Extra {
    plan_amount_minor: Option<i64>,
    plan_quantity: Option<f64>,
    receivable_minor: Option<i64>,
    overdue_minor: Option<i64>,
    due: Option<chrono::NaiveDate>,
}

impl Extra {
    fn of(line: &Line) -> Option<Box<Extra>> {
        let any = line.plan_amount_minor.is_some()
            || line.plan_quantity.is_some()
            || line.receivable_minor.is_some()
            || line.overdue_minor.is_some()
            || line.due.is_some();
        any.then(|| {
            Box::new(Extra {
                plan_amount_minor: line.plan_amount_minor,
                plan_quantity: line.plan_quantity,
                receivable_minor: line.receivable_minor,
                overdue_minor: line.overdue_minor,
                due: line.due,
            })
        })
    }
}

/// What the reading thread hands over: rows, and the reported names first seen in them (with the ids given).
#[derive(Default)]
struct Batch {
    rows: Vec<Row>,
    new_customers: Vec<NewName>,
    new_products: Vec<NewName>,
}

/// (id, code, EAN, name)
type NewName = (i64, String, String, String);

/// The reported customers and products an import's lines refer to.
type UsedNames = (FxHashSet<i64>, FxHashSet<i64>);

/// The reported names of one source, loaded once so a million lines do not query for each. Looked up by a hash
/// of the three parts, so finding a known name copies nothing. New names get the next free ids; the caller inserts
/// them (inside the import's transaction nobody else writes).
struct Dictionary {
    ids: FxHashMap<u64, Vec<(String, String, String, i64)>>,
    next_id: i64,
}

fn key_hash(code: &str, ean: &str, name: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    (code, ean, name).hash(&mut h);
    h.finish()
}

impl Dictionary {
    fn load(conn: &Connection, table: &'static str, source_id: i64) -> Result<Dictionary> {
        let sql = if table == "sales_products" {
            "SELECT code, ean, name, id FROM sales_products WHERE source_id = ?1"
        } else {
            "SELECT code, '', name, id FROM sales_customers WHERE source_id = ?1"
        };
        let mut stmt = conn.prepare(sql)?;
        let mut rows = stmt.query([source_id])?;
        let mut ids: FxHashMap<u64, Vec<(String, String, String, i64)>> = FxHashMap::default();
        while let Some(r) = rows.next()? {
            let (code, ean, name): (String, String, String) = (r.get(0)?, r.get(1)?, r.get(2)?);
            ids.entry(key_hash(&code, &ean, &name)).or_default().push((code, ean, name, r.get(3)?));
        }
        let next_id: i64 = conn.query_row(&format!("SELECT ifnull(max(id), 0) + 1 FROM {table}"), [], |r| r.get(0))?;
        Ok(Dictionary { ids, next_id })
    }

    /// The id of a reported name; a new one is given the next id and added to `new`.
    fn id(&mut self, code: &str, ean: &str, name: &str, new: &mut Vec<NewName>) -> i64 {
        let hash = key_hash(code, ean, name);
        if let Some(found) =
            self.ids.get(&hash).and_then(|v| v.iter().find(|e| e.0 == code && e.1 == ean && e.2 == name))
        {
            return found.3;
        }
        let id = self.next_id;
        self.next_id += 1;
        self.ids.entry(hash).or_default().push((code.to_string(), ean.to_string(), name.to_string(), id));
        new.push((id, code.to_string(), ean.to_string(), name.to_string()));
        id
    }
}

/// Links new reported names that can be matched for certain: the same code as an already linked name of the same
/// source; a product's EAN or article code in the catalogue; a name equal to an account's or SKU's once
/// normalised. Everything else waits for the user.
fn auto_match(conn: &Connection, source_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE sales_customers SET account_id = (
            SELECT o.account_id FROM sales_customers o
            WHERE o.source_id = sales_customers.source_id AND o.code = sales_customers.code AND o.account_id IS NOT NULL
            LIMIT 1)
         WHERE source_id = ?1 AND account_id IS NULL AND code != ''",
        [source_id],
    )?;
    conn.execute(
        "UPDATE sales_products SET sku_id = (
            SELECT o.sku_id FROM sales_products o
            WHERE o.source_id = sales_products.source_id AND o.code = sales_products.code AND o.sku_id IS NOT NULL
            LIMIT 1)
         WHERE source_id = ?1 AND sku_id IS NULL AND code != ''",
        [source_id],
    )?;
    conn.execute(
        "UPDATE sales_products SET sku_id = (SELECT s.id FROM skus s WHERE s.ean = sales_products.ean)
         WHERE source_id = ?1 AND sku_id IS NULL AND ean != ''",
        [source_id],
    )?;
    conn.execute(
        "UPDATE sales_products SET sku_id = (SELECT s.id FROM skus s WHERE s.code = sales_products.code)
         WHERE source_id = ?1 AND sku_id IS NULL AND code != ''",
        [source_id],
    )?;
    // Names: compare in Rust with the same normalisation the suggestions use.
    for (table, link, target) in [("sales_customers", "account_id", "accounts"), ("sales_products", "sku_id", "skus")] {
        let targets: HashMap<String, i64> = {
            let mut stmt = conn.prepare(&format!("SELECT id, name FROM {target}"))?;
            let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
            let mut map = HashMap::new();
            let mut ambiguous = std::collections::HashSet::new();
            for row in rows {
                let (id, name) = row?;
                let key = match_key(&name);
                if map.insert(key.clone(), id).is_some() {
                    ambiguous.insert(key);
                }
            }
            map.retain(|k, _| !ambiguous.contains(k));
            map
        };
        let open: Vec<(i64, String)> = {
            let mut stmt = conn.prepare(&format!(
                "SELECT id, name FROM {table} WHERE source_id = ?1 AND {link} IS NULL AND name != ''"
            ))?;
            let rows = stmt.query_map([source_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let mut update = conn.prepare(&format!("UPDATE {table} SET {link} = ?2 WHERE id = ?1"))?;
        for (id, name) in open {
            if let Some(target_id) = targets.get(&match_key(&name)) {
                update.execute(params![id, target_id])?;
            }
        }
    }
    Ok(())
}

/// How many of the names this import used are still not linked.
fn unmatched_counts(conn: &Connection, source_id: i64, used: &UsedNames) -> Result<(u64, u64)> {
    let count = |sql: &str, ids: &FxHashSet<i64>| -> Result<u64> {
        let mut stmt = conn.prepare(sql)?;
        let rows = stmt.query_map([source_id], |r| r.get::<_, i64>(0))?;
        let mut n = 0;
        for id in rows {
            n += u64::from(ids.contains(&id?));
        }
        Ok(n)
    };
    Ok((
        count("SELECT id FROM sales_customers WHERE source_id = ?1 AND account_id IS NULL", &used.0)?,
        count("SELECT id FROM sales_products WHERE source_id = ?1 AND sku_id IS NULL", &used.1)?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::AccountInput;
    use crate::sales::ColumnRole;
    use crate::types::AccountKind;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("data")).unwrap();
        (dir, store)
    }

    fn write(dir: &tempfile::TempDir, name: &str, text: &str) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn go(_: u64, _: u64) -> bool {
        true
    }

    fn count(store: &Store, sql: &str) -> i64 {
        store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    fn active_amount(store: &Store) -> i64 {
        count(store, "SELECT ifnull(sum(amount_minor), 0) FROM sales_lines WHERE replaced_by IS NULL")
    }

    const MARCH: &str = "Asiakas;Tuote;Päivämäärä;Määrä;Myynti\n\
        Apteekki Keskusta;Burana;05.03.2024;2;20,00\nApteekki Keskusta;Panadol;06.03.2024;1;5,50\n\
        Kivilahden sairaala;Burana;07.03.2024;10;100,00\nYhteensä;;;13;125,50\n";

    /// The pharmacy the test reports name "Apteekki Keskusta", with a credit limit when given.
    fn keskusta(store: &mut Store, credit_limit_minor: Option<i64>) -> crate::accounts::Account {
        let input = AccountInput {
            name: "Apteekki Keskusta".into(),
            kind: Some(AccountKind::Pharmacy),
            credit_limit_minor,
            ..Default::default()
        };
        store.create_account(&input, Source::User).unwrap()
    }

    fn options(source: &str) -> ImportOptions {
        ImportOptions { source: Some(source.into()), ..Default::default() }
    }

    #[test]
    fn an_import_saves_lines_matches_known_names_and_is_never_repeated() {
        let (dir, mut store) = store();
        let account = store
            .create_account(
                &AccountInput {
                    name: "Apteekki Keskusta Oy".into(),
                    kind: Some(AccountKind::Pharmacy),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let changes = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let seen = changes.clone();
        store.set_listener(move |c| seen.lock().unwrap().push((c.entity.clone(), c.action.clone())));

        let path = write(&dir, "tukku-2024-03.csv", MARCH);
        let preview = store.inspect_import(&path, &ImportOptions::default(), &mut go).unwrap();
        assert_eq!(preview.source.as_deref(), Some("tukku"));
        assert_eq!(count(&store, "SELECT count(*) FROM sales_lines"), 0, "a preview saves nothing");

        let outcome = store.import_sales(&path, &options("Tukku"), &mut go).unwrap();
        assert_eq!(outcome.summary.lines, 3);
        assert_eq!(outcome.summary.excluded_count, 1);
        assert_eq!(active_amount(&store), 12550);
        // "Apteekki Keskusta" matched "Apteekki Keskusta Oy"; the hospital waits for the user, its rows kept.
        assert_eq!(outcome.unmatched_customers, 1);
        assert_eq!(outcome.unmatched_products, 2);
        let linked: i64 =
            count(&store, &format!("SELECT count(*) FROM sales_customers WHERE account_id = {}", account.id));
        assert_eq!(linked, 1);
        assert_eq!(changes.lock().unwrap().last().unwrap(), &("sales".to_string(), "imported".to_string()));

        let again = store.import_sales(&path, &options("Tukku"), &mut go).unwrap_err();
        assert_eq!(again.code(), "already_imported");
        assert!(store.inspect_import(&path, &ImportOptions::default(), &mut go).unwrap().already_imported.is_some());
        assert_eq!(count(&store, "SELECT count(*) FROM sales_lines"), 3);

        let history = store.list_imports().unwrap();
        assert_eq!(history.len(), 1);
        assert_eq!((history[0].lines, history[0].amount_minor), (3, 12550));
        assert_eq!(store.import_report(history[0].id).unwrap().excluded[0].reason, crate::sales::Exclusion::TotalRow);
    }

    #[test]
    fn a_corrected_report_replaces_the_same_months_only_when_confirmed_and_undo_brings_them_back() {
        let (dir, mut store) = store();
        let first = store.import_sales(&write(&dir, "march.csv", MARCH), &options("Tukku"), &mut go).unwrap();
        let corrected = MARCH.replace("100,00", "90,00");
        let path = write(&dir, "march-corrected.csv", &corrected);

        let preview = store.inspect_import(&path, &options("Tukku"), &mut go).unwrap();
        let r = preview.replaces.expect("the preview says what would be replaced");
        assert_eq!(
            (r.lines, r.months.as_slice(), r.files.as_slice()),
            (3, ["2024-03".to_string()].as_slice(), ["march.csv".to_string()].as_slice())
        );

        let err = store.import_sales(&path, &options("Tukku"), &mut go).unwrap_err();
        assert_eq!(err.code(), "replace_needed");
        assert!(err.to_string().contains("2024-03"), "{err}");
        assert_eq!(count(&store, "SELECT count(*) FROM sales_imports"), 1, "nothing saved without confirmation");

        let confirmed = ImportOptions { replace: true, ..options("Tukku") };
        let second = store.import_sales(&path, &confirmed, &mut go).unwrap();
        assert_eq!(second.replaced_lines, 3);
        assert_eq!(active_amount(&store), 11550, "the correction counts, not both");

        // Another source's report for the same month adds to it.
        store
            .import_sales(
                &write(&dir, "other.csv", &MARCH.replace("Burana", "Aspirin")),
                &options("Muu tukku"),
                &mut go,
            )
            .unwrap();
        assert_eq!(active_amount(&store), 11550 + 12550);

        store.undo_import(second.import_id).unwrap();
        assert_eq!(active_amount(&store), 12550 + 12550, "undoing the correction brings the original back");
        store.undo_import(first.import_id).unwrap();
        assert_eq!(active_amount(&store), 12550);
        assert_eq!(store.undo_import(first.import_id).unwrap_err().code(), "not_found");
    }

    #[test]
    fn the_mapping_a_user_corrected_is_applied_to_the_sources_next_report() {
        use crate::sales::ColumnRole::*;
        let (dir, mut store) = store();
        let text = "Customer;Item;When;Units;Value;Notes\nPharmacy A;Aspirin;2024-01-10;2;20;x\n";
        let path = write(&dir, "jan.csv", text);
        let found = store.inspect_import(&path, &options("Chain"), &mut go).unwrap();
        let mut roles: Vec<_> = found.layout.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles[4], Amount);
        // The user says "Value" is not money here but stock on hand.
        roles[4] = Stock;
        let mut chosen = options("Chain");
        chosen.layout.roles = Some(roles);
        store.import_sales(&path, &chosen, &mut go).unwrap();

        let feb = write(&dir, "feb.csv", &text.replace("2024-01-10", "2024-02-10"));
        let next = store.inspect_import(&feb, &ImportOptions::default(), &mut go).unwrap();
        assert_eq!(next.profile_applied.as_deref(), Some("Chain"));
        assert_eq!(next.source.as_deref(), Some("Chain"));
        assert_eq!(next.layout.columns[4].role, Stock);
        let outcome = store.import_sales(&feb, &ImportOptions::default(), &mut go).unwrap();
        assert_eq!(outcome.source, "Chain");
        assert_eq!(count(&store, "SELECT count(*) FROM sales_lines WHERE stock = 20"), 2);
    }

    #[test]
    fn linking_a_reported_name_counts_its_rows_and_follows_its_code() {
        let (dir, mut store) = store();
        let text = "Asiakasnumero;Asiakas;Päivämäärä;Myynti\n1001;Kivilahden sairaala;01.03.2024;100\n\
            1001;KIVILAHDEN KS;02.03.2024;50\n2002;Pohjoisen apteekki;03.03.2024;10\n";
        store.import_sales(&write(&dir, "a.csv", text), &options("Tukku"), &mut go).unwrap();
        let hospital = store
            .create_account(
                &AccountInput {
                    name: "Kivilahden keskussairaala".into(),
                    kind: Some(AccountKind::Hospital),
                    ..Default::default()
                },
                Source::User,
            )
            .unwrap();
        let open = store.reported_values(ReportedKind::Customer, true).unwrap();
        assert_eq!(open.len(), 3, "every reported name is listed, none dropped");
        let kivilahti = open.iter().find(|v| v.name == "Kivilahden sairaala").unwrap();
        assert_eq!(kivilahti.suggestions[0].id, hospital.id);
        store.link_reported(ReportedKind::Customer, kivilahti.id, Some(hospital.id)).unwrap();
        // Both names with code 1001 are now the hospital.
        let linked_amount = count(
            &store,
            &format!("SELECT sum(l.amount_minor) FROM sales_lines l JOIN sales_customers c ON c.id = l.customer_id WHERE c.account_id = {}", hospital.id),
        );
        assert_eq!(linked_amount, 15000);
        assert_eq!(store.reported_values(ReportedKind::Customer, true).unwrap().len(), 1);
        // A later report with the same code is linked on import.
        let april = "Asiakasnumero;Asiakas;Päivämäärä;Myynti\n1001;Kivilahti KS;01.04.2024;70\n";
        let outcome = store.import_sales(&write(&dir, "b.csv", april), &options("Tukku"), &mut go).unwrap();
        assert_eq!(outcome.unmatched_customers, 0);
        assert_eq!(
            store.link_reported(ReportedKind::Customer, kivilahti.id, Some(999_999)).unwrap_err().code(),
            "not_found"
        );
    }

    #[test]
    fn an_imported_plan_counts_for_matched_accounts_unless_a_plan_was_typed() {
        let (dir, mut store) = store();
        let keskusta = keskusta(&mut store, None);
        store.import_sales(&write(&dir, "march.csv", MARCH), &options("Tukku"), &mut go).unwrap();
        let plan = write(
            &dir,
            "tavoitteet-2024.csv",
            "Asiakas;Kuukausi;Tavoite €\nApteekki Keskusta;2024-03;4000\nApteekki Keskusta;2024-04;4500\n\
             Kivilahden sairaala;2024-03;9000\n",
        );
        let seen = store.inspect_import(&plan, &options("Tavoitteet"), &mut go).unwrap();
        let roles: Vec<ColumnRole> = seen.layout.columns.iter().map(|c| c.role).collect();
        assert_eq!(roles, [ColumnRole::Customer, ColumnRole::Date, ColumnRole::PlanAmount]);
        assert_eq!(seen.summary.lines, 3);
        assert!(seen.replaces.is_none());
        let outcome = store.import_sales(&plan, &options("Tavoitteet"), &mut go).unwrap();

        let mine = SalesFilter { account_id: Some(keskusta.id), ..Default::default() };
        let d = store.sales_dashboard(&mine).unwrap();
        assert_eq!(d.total_minor, 2550, "a plan is not a sale");
        assert_eq!(d.plan_minor, Some(400_000), "only March is in the twelve months shown");
        assert_eq!(store.sales_dashboard(&SalesFilter::default()).unwrap().total_minor, 12550);
        let hospital = SalesFilter { account_id: Some(9999), ..Default::default() };
        assert_eq!(store.sales_dashboard(&hospital).unwrap().plan_minor, None, "unmatched plans wait");

        let march = chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap();
        store.set_plan(keskusta.id, march, Some(3000), Source::User).unwrap();
        assert_eq!(store.sales_dashboard(&mine).unwrap().plan_minor, Some(3000), "a typed plan wins");
        store.set_plan(keskusta.id, march, None, Source::User).unwrap();
        assert_eq!(store.sales_dashboard(&mine).unwrap().plan_minor, Some(400_000));
        store.undo_import(outcome.import_id).unwrap();
        assert_eq!(store.sales_dashboard(&mine).unwrap().plan_minor, None);
    }

    #[test]
    fn a_plan_per_product_shows_when_the_dashboard_is_narrowed_to_that_sku() {
        let (dir, mut store) = store();
        let keskusta = keskusta(&mut store, None);
        let burana = store
            .create_sku(&crate::skus::SkuInput { name: "Burana".into(), ..Default::default() }, Source::User)
            .unwrap();
        store.import_sales(&write(&dir, "march.csv", MARCH), &options("Tukku"), &mut go).unwrap();
        let plan = "Asiakas;Tuote;Kuukausi;Tavoite €\nApteekki Keskusta;Burana;2024-03;30\n\
                    Apteekki Keskusta;Panadol;2024-03;10\n";
        store.import_sales(&write(&dir, "plan.csv", plan), &options("Tavoitteet"), &mut go).unwrap();
        let whole = SalesFilter { account_id: Some(keskusta.id), ..Default::default() };
        let d = store.sales_dashboard(&whole).unwrap();
        assert_eq!((d.plan_minor, d.plan_actual_minor), (Some(4000), 2550));
        let one = SalesFilter { sku_id: Some(burana.id), ..whole };
        let d = store.sales_dashboard(&one).unwrap();
        assert_eq!((d.total_minor, d.plan_minor, d.plan_actual_minor), (2000, Some(3000), 2000));
        assert_eq!(d.months.last().and_then(|m| m.plan_minor), Some(3000));
    }

    #[test]
    fn receivables_come_from_each_sources_latest_report_and_flag_the_credit_limit() {
        let (dir, mut store) = store();
        let keskusta = keskusta(&mut store, Some(100_000));
        store.import_sales(&write(&dir, "march.csv", MARCH), &options("Tukku"), &mut go).unwrap();
        let first = write(
            &dir,
            "saatavat-1.csv",
            "Asiakas;Lasku nro;Laskun pvm;Eräpäivä;Avoin saldo;Päiviä yli\n\
             Apteekki Keskusta;1001;01.02.2024;01.03.2024;1 200,00;30\n\
             Apteekki Keskusta;1002;01.10.2099;31.10.2099;300,00;0\n\
             Apteekki Etelä;1003;01.02.2024;15.03.2024;50,00;15\n",
        );
        let seen = store.inspect_import(&first, &options("Tukku saatavat"), &mut go).unwrap();
        let roles: Vec<ColumnRole> = seen.layout.columns.iter().map(|c| c.role).collect();
        assert_eq!(
            roles,
            [
                ColumnRole::Customer,
                ColumnRole::Ignore,
                ColumnRole::Date,
                ColumnRole::DueDate,
                ColumnRole::Receivable,
                ColumnRole::Ignore
            ]
        );
        assert!(seen.summary.months.is_empty(), "receivables do not report a month's sales");
        store.import_sales(&first, &options("Tukku saatavat"), &mut go).unwrap();
        let d = store.sales_dashboard(&SalesFilter::default()).unwrap();
        assert_eq!(d.total_minor, 12550, "receivables are not sales");
        let r = &d.receivables;
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].account.as_ref().map(|a| a.id), Some(keskusta.id));
        assert_eq!((r[0].open_minor, r[0].overdue_minor), (150_000, 120_000));
        let today = chrono::Utc::now().date_naive();
        let expected_days = (today - chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap()).num_days();
        assert_eq!(r[0].oldest_days, Some(expected_days));
        assert!(r[0].over_limit, "1,500 € open against a 1,000 € limit");
        assert_eq!((r[1].name.as_str(), r[1].account.is_none()), ("Apteekki Etelä", true));

        // The next report from the same sender replaces the picture; nothing asks to confirm a correction.
        let second = write(
            &dir,
            "saatavat-2.csv",
            "Asiakas;Lasku nro;Laskun pvm;Eräpäivä;Avoin saldo\nApteekki Keskusta;1002;01.10.2099;31.10.2099;300,00\n",
        );
        let outcome = store.import_sales(&second, &options("Tukku saatavat"), &mut go).unwrap();
        let mine = SalesFilter { account_id: Some(keskusta.id), ..Default::default() };
        let r = store.sales_dashboard(&mine).unwrap().receivables;
        assert_eq!((r.len(), r[0].open_minor, r[0].overdue_minor, r[0].oldest_days), (1, 30_000, 0, None));
        assert!(!r[0].over_limit);
        store.undo_import(outcome.import_id).unwrap();
        assert_eq!(store.sales_dashboard(&mine).unwrap().receivables[0].overdue_minor, 120_000);
    }

    #[test]
    fn the_dashboard_follows_imports_links_plans_and_undo() {
        let (dir, mut store) = store();
        let keskusta = keskusta(&mut store, None);
        assert_eq!(store.sales_dashboard(&SalesFilter::default()).unwrap().total_minor, 0);
        let outcome = store.import_sales(&write(&dir, "march.csv", MARCH), &options("Tukku"), &mut go).unwrap();
        let d = store.sales_dashboard(&SalesFilter::default()).unwrap();
        assert_eq!(d.total_minor, 12550);
        assert_eq!(d.unmatched_minor, 10000, "the hospital is not matched yet, but counted");
        assert_eq!(d.accounts[0].name, "Kivilahden sairaala");
        let mine = SalesFilter { account_id: Some(keskusta.id), ..Default::default() };
        assert_eq!(store.sales_dashboard(&mine).unwrap().total_minor, 2550);

        store
            .set_plan(keskusta.id, chrono::NaiveDate::from_ymd_opt(2024, 3, 15).unwrap(), Some(3000), Source::User)
            .unwrap();
        assert_eq!(store.sales_dashboard(&mine).unwrap().plan_minor, Some(3000));
        assert_eq!(
            store
                .set_plan(keskusta.id, chrono::NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(), Some(-1), Source::User)
                .unwrap_err()
                .code(),
            "out_of_range"
        );

        store.undo_import(outcome.import_id).unwrap();
        assert_eq!(store.sales_dashboard(&SalesFilter::default()).unwrap().total_minor, 0);
    }

    #[test]
    fn bad_files_and_cancelled_imports_change_nothing() {
        let (dir, mut store) = store();
        let before = count(&store, "SELECT count(*) FROM sqlite_master");
        for (name, bytes) in [
            ("empty.csv", &b""[..]),
            ("garbage.xlsx", &b"PK\x03\x04garbage"[..]),
            ("nofigures.csv", &b"Customer;Date\nA;2024-01-01\n"[..]),
        ] {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            assert!(store.import_sales(&p, &ImportOptions::default(), &mut go).is_err(), "{name}");
        }
        let mut big = String::from("Customer;Date;Amount\n");
        for i in 0..20_000 {
            big += &format!("C{};2024-01-01;1\n", i % 50);
        }
        let path = write(&dir, "big.csv", &big);
        let mut calls = 0;
        let err = store
            .import_sales(&path, &ImportOptions::default(), &mut |_, _| {
                calls += 1;
                calls < 3
            })
            .unwrap_err();
        assert_eq!(err.code(), "cancelled");
        for table in ["sales_lines", "sales_imports", "sales_sources", "sales_customers"] {
            assert_eq!(count(&store, &format!("SELECT count(*) FROM {table}")), 0, "{table}");
        }
        assert_eq!(count(&store, "SELECT count(*) FROM sqlite_master"), before);
        assert_eq!(count(&store, "PRAGMA foreign_keys"), 1, "checks are back on after a failed import");
        store.import_sales(&write(&dir, "march.csv", MARCH), &options("Tukku"), &mut go).unwrap();
        assert_eq!(count(&store, "PRAGMA foreign_keys"), 1, "and after a successful one");
        assert_eq!(count(&store, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    }
}
