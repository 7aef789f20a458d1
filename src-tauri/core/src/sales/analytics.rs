//! The figures a KAM plans with, computed from sales lines: totals and trends, Pareto/ABC of accounts with the
//! key accounts' share (and a warning above 75 %: mono-dependence), growth against the same months a year
//! earlier, plan against actual, and a purchase forecast per SKU.
//!
//! Lines are loaded once into compact [`Fact`]s (a million lines take a few tens of megabytes) and every question
//! is answered from them in memory, so the dashboard answers in milliseconds however many reports are in.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::types::{AccountStatus, Ref};

/// Months are counted from year 0 (`year * 12 + month - 1`), so ranges are plain integer ranges.
pub type MonthIndex = u32;

pub fn month_index(d: NaiveDate) -> MonthIndex {
    d.year() as u32 * 12 + d.month0()
}

pub fn month_text(m: MonthIndex) -> String {
    format!("{:04}-{:02}", m / 12, m % 12 + 1)
}

pub fn month_start(m: MonthIndex) -> NaiveDate {
    NaiveDate::from_ymd_opt((m / 12) as i32, m % 12 + 1, 1).unwrap_or_default()
}

/// One sales line, reduced to what the analytics need. Accounts, products and regions are dense indices into
/// [`Facts`]' tables, so a pass over a million lines adds into arrays instead of hashing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fact {
    pub month: MonthIndex,
    /// Index into [`Facts::account_keys`]: the account, or the reported customer while it is not matched.
    pub key: u32,
    /// Index into [`Facts::product_keys`]: the SKU, or the reported product while it is not matched.
    pub product: u32,
    /// Index into [`Facts::regions`]: the line's own region, else its account's.
    pub region: u32,
    pub amount_minor: i64,
    pub quantity: f64,
    pub stock: Option<f64>,
}

/// A line as read from the store, before it is indexed.
#[derive(Debug, Clone, Copy)]
pub struct RawFact<'a> {
    pub month: MonthIndex,
    pub customer: i64,
    pub account: Option<i64>,
    pub product: i64,
    pub sku: Option<i64>,
    pub region: &'a str,
    pub amount_minor: i64,
    pub quantity: f64,
    pub stock: Option<f64>,
}

/// What the facts refer to: names of accounts, SKUs, reported names and regions.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    pub facts: Vec<Fact>,
    pub regions: Vec<String>,
    /// (account, reported customer when not matched).
    pub account_keys: Vec<(Option<i64>, i64)>,
    /// (SKU, reported product when not matched).
    pub product_keys: Vec<(Option<i64>, i64)>,
    pub accounts: HashMap<i64, AccountInfo>,
    pub skus: HashMap<i64, String>,
    pub customers: HashMap<i64, String>,
    pub products: HashMap<i64, String>,
    /// Plans: (account, month) → amount.
    pub plans: HashMap<(i64, MonthIndex), i64>,
    /// Plans per SKU: (account, SKU, month) → amount, when a plan names its products.
    pub sku_plans: HashMap<(i64, i64, MonthIndex), i64>,
    /// Open receivables from each source's latest receivables report.
    pub receivables: Vec<ReceivableFact>,
    index: FactIndex,
}

#[derive(Debug, Default, Clone)]
struct FactIndex {
    regions: HashMap<String, u32>,
    accounts: HashMap<(Option<i64>, i64), u32>,
    products: HashMap<(Option<i64>, i64), u32>,
}

fn intern<K: std::hash::Hash + Eq + Clone>(map: &mut HashMap<K, u32>, list: &mut Vec<K>, key: K) -> u32 {
    if let Some(i) = map.get(&key) {
        return *i;
    }
    let i = list.len() as u32;
    list.push(key.clone());
    map.insert(key, i);
    i
}

impl Facts {
    /// Adds a line. Load the accounts first: a line without a region takes its account's.
    pub fn add(&mut self, raw: RawFact<'_>) {
        let account_key = (raw.account, if raw.account.is_some() { 0 } else { raw.customer });
        let product_key = (raw.sku, if raw.sku.is_some() { 0 } else { raw.product });
        let key = intern(&mut self.index.accounts, &mut self.account_keys, account_key);
        let product = intern(&mut self.index.products, &mut self.product_keys, product_key);
        let region_name = if raw.region.is_empty() {
            raw.account.and_then(|a| self.accounts.get(&a)).map(|a| a.region.as_str()).unwrap_or("")
        } else {
            raw.region
        };
        let region = match self.index.regions.get(region_name) {
            Some(i) => *i,
            None => {
                let i = self.regions.len() as u32;
                self.regions.push(region_name.to_string());
                self.index.regions.insert(region_name.to_string(), i);
                i
            }
        };
        self.facts.push(Fact {
            month: raw.month,
            key,
            product,
            region,
            amount_minor: raw.amount_minor,
            quantity: raw.quantity,
            stock: raw.stock,
        });
    }
}

#[derive(Debug, Clone)]
pub struct AccountInfo {
    pub name: String,
    pub status: AccountStatus,
    pub region: String,
    pub kind: crate::types::AccountKind,
    pub parent: Option<i64>,
    pub credit_limit_minor: Option<i64>,
}

/// One open item of a receivables report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivableFact {
    pub account: Option<i64>,
    /// The reported customer (its name is shown while it is not matched).
    pub customer: i64,
    pub source: String,
    /// The day the report was imported: what "overdue" is measured against.
    pub as_of: NaiveDate,
    pub open_minor: i64,
    /// The report's overdue figure when it has one.
    pub overdue_minor: Option<i64>,
    pub due: Option<NaiveDate>,
}

impl ReceivableFact {
    /// The report's overdue amount, or else the whole open amount once its due date has passed.
    pub fn overdue(&self) -> i64 {
        self.overdue_minor.unwrap_or(match self.due {
            Some(d) if d < self.as_of => self.open_minor,
            _ => 0,
        })
    }

    /// Days since the due date, for an overdue item.
    pub fn days_overdue(&self) -> Option<i64> {
        self.due.filter(|d| *d < self.as_of && self.overdue() > 0).map(|d| (self.as_of - d).num_days())
    }
}

/// An account's receivables, from its sources' latest receivables reports.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReceivableRow {
    pub account: Option<Ref>,
    /// The account's name, or the customer as the report names it while it is not matched.
    pub name: String,
    /// The reports' senders, and the day of the latest report.
    pub sources: Vec<String>,
    pub as_of: String,
    pub open_minor: i64,
    pub overdue_minor: i64,
    /// Days past the due date of the oldest overdue item.
    pub oldest_days: Option<i64>,
    pub credit_limit_minor: Option<i64>,
    /// The open amount is above the account's credit limit.
    pub over_limit: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SalesFilter {
    /// First and last month (any day in them); default: the twelve months up to the latest month with sales.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub region: Option<String>,
    pub account_id: Option<i64>,
    pub sku_id: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MonthPoint {
    pub month: String,
    pub amount_minor: i64,
    pub quantity: f64,
    /// The same month a year earlier.
    pub previous_minor: i64,
    pub plan_minor: Option<i64>,
}

/// One account's (or one not yet matched customer's) sales, in Pareto order.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AccountShare {
    pub account: Option<Ref>,
    /// The account's name, or the name the report used when it is not matched yet.
    pub name: String,
    pub status: Option<AccountStatus>,
    pub amount_minor: i64,
    pub previous_minor: i64,
    pub plan_minor: Option<i64>,
    /// Its sales in the months its plan covers.
    pub plan_actual_minor: i64,
    /// Those sales against the plan (1.0 = on plan).
    pub plan_fulfilment: Option<f64>,
    /// Against the same months a year earlier.
    pub growth: Option<f64>,
    /// Share of the total, and the running share down the sorted list (0–1).
    pub share: f64,
    pub cumulative: f64,
    /// "A" (the accounts that make the first 80 %), "B" (to 95 %) or "C".
    pub class: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NamedAmount {
    pub id: Option<i64>,
    pub name: String,
    pub amount_minor: i64,
    pub quantity: f64,
    pub previous_minor: i64,
    pub share: f64,
    pub growth: Option<f64>,
}

/// Change against an earlier amount, when there was one.
fn growth(now: i64, before: i64) -> Option<f64> {
    (before > 0).then(|| (now - before) as f64 / before as f64)
}

fn ratio(part: i64, whole: Option<i64>) -> Option<f64> {
    whole.filter(|w| *w > 0).map(|w| part as f64 / w as f64)
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Pareto {
    pub accounts: u32,
    /// How many accounts make 80 % of sales, and what share of all accounts that is.
    pub accounts_for_80: u32,
    pub share_of_accounts_for_80: f64,
    /// Share of sales made by accounts with status key.
    pub key_share: f64,
    pub key_accounts: u32,
    /// Key accounts make more than 75 % of sales: the business depends on a few.
    pub mono_dependence: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Dashboard {
    pub from: Option<String>,
    pub to: Option<String>,
    pub total_minor: i64,
    pub quantity: f64,
    pub previous_minor: i64,
    /// Growth against the same months a year earlier, when there were sales then.
    pub growth: Option<f64>,
    pub plan_minor: Option<i64>,
    /// Sales of the accounts with a plan, in the months they have one: what the plan is measured against.
    pub plan_actual_minor: i64,
    pub plan_fulfilment: Option<f64>,
    pub months: Vec<MonthPoint>,
    pub accounts: Vec<AccountShare>,
    pub pareto: Pareto,
    pub skus: Vec<NamedAmount>,
    pub regions: Vec<NamedAmount>,
    /// Sales whose customer is not matched to an account yet.
    pub unmatched_minor: i64,
    pub lines: u64,
    /// Open and overdue receivables per account (most overdue first), when receivables reports are imported.
    pub receivables: Vec<ReceivableRow>,
}

/// The share above which key accounts make the company dependent on them.
pub const MONO_DEPENDENCE: f64 = 0.75;

impl Facts {
    pub fn latest_month(&self) -> Option<MonthIndex> {
        self.facts.iter().map(|f| f.month).max()
    }

    fn range(&self, filter: &SalesFilter) -> Option<(MonthIndex, MonthIndex)> {
        let to = filter.to.map(month_index).or_else(|| self.latest_month())?;
        let from = filter.from.map(month_index).unwrap_or(to.saturating_sub(11));
        Some((from.min(to), to.max(from)))
    }

    /// A chain's dossier counts its pharmacies' sales too.
    fn account_matches(&self, account: Option<i64>, wanted: i64) -> bool {
        account == Some(wanted) || account.and_then(|a| self.accounts.get(&a)).and_then(|a| a.parent) == Some(wanted)
    }

    /// Receivables per account (or unmatched customer), most overdue first. Receivables are per account, not per
    /// SKU, so only the account and region filters apply.
    pub fn receivables(&self, filter: &SalesFilter) -> Vec<ReceivableRow> {
        let mut by_key: HashMap<(Option<i64>, i64), ReceivableRow> = HashMap::new();
        for r in &self.receivables {
            let info = r.account.and_then(|a| self.accounts.get(&a));
            if filter.account_id.is_some_and(|a| !self.account_matches(r.account, a))
                || filter
                    .region
                    .as_deref()
                    .is_some_and(|want| !want.is_empty() && !info.is_some_and(|i| i.region.eq_ignore_ascii_case(want)))
            {
                continue;
            }
            let key = (r.account, if r.account.is_some() { 0 } else { r.customer });
            let row = by_key.entry(key).or_insert_with(|| ReceivableRow {
                account: r.account.zip(info).map(|(id, i)| Ref { id, name: i.name.clone() }),
                name: info
                    .map(|i| i.name.clone())
                    .or_else(|| self.customers.get(&r.customer).cloned())
                    .unwrap_or_default(),
                sources: vec![],
                as_of: String::new(),
                open_minor: 0,
                overdue_minor: 0,
                oldest_days: None,
                credit_limit_minor: info.and_then(|i| i.credit_limit_minor),
                over_limit: false,
            });
            row.open_minor += r.open_minor;
            row.overdue_minor += r.overdue();
            row.oldest_days = row.oldest_days.max(r.days_overdue());
            let as_of = r.as_of.format("%Y-%m-%d").to_string();
            if as_of > row.as_of {
                row.as_of = as_of;
            }
            if !row.sources.contains(&r.source) {
                row.sources.push(r.source.clone());
            }
        }
        let mut rows: Vec<ReceivableRow> = by_key
            .into_values()
            .map(|mut row| {
                row.over_limit = row.credit_limit_minor.is_some_and(|l| row.open_minor > l);
                row
            })
            .collect();
        rows.sort_by(|a, b| {
            b.overdue_minor.cmp(&a.overdue_minor).then(b.open_minor.cmp(&a.open_minor)).then(a.name.cmp(&b.name))
        });
        rows
    }

    pub fn dashboard(&self, filter: &SalesFilter) -> Dashboard {
        let receivables = self.receivables(filter);
        let Some((from, to)) = self.range(filter) else { return Dashboard { receivables, ..Dashboard::default() } };
        let (pfrom, pto) = (from.saturating_sub(12), to.saturating_sub(12));
        let span = (to - from + 1) as usize;
        // Which accounts, products and regions pass the filter, decided once per key, not per line.
        let key_ok: Vec<bool> = self
            .account_keys
            .iter()
            .map(|(account, _)| filter.account_id.is_none_or(|a| self.account_matches(*account, a)))
            .collect();
        let product_ok: Vec<bool> =
            self.product_keys.iter().map(|(sku, _)| filter.sku_id.is_none_or(|s| *sku == Some(s))).collect();
        let region_ok: Vec<bool> = self
            .regions
            .iter()
            .map(|r| filter.region.as_deref().is_none_or(|want| want.is_empty() || r.eq_ignore_ascii_case(want)))
            .collect();
        // An account's plan for a month: for the SKU chosen, or the whole plan.
        let plan = |account: i64, m: MonthIndex| -> Option<i64> {
            match filter.sku_id {
                Some(sku) => self.sku_plans.get(&(account, sku, m)).copied(),
                None => self.plans.get(&(account, m)).copied(),
            }
        };
        // Which (account, month) cells have a plan, so plan fulfilment compares like with like.
        let planned: Vec<bool> = self
            .account_keys
            .iter()
            .flat_map(|(account, _)| (from..=to).map(move |m| account.is_some_and(|a| plan(a, m).is_some())))
            .collect();
        let mut plan_actual = 0i64;
        let mut months = vec![(0i64, 0f64, 0i64); span];
        let mut by_account = vec![(0i64, 0i64, 0i64); self.account_keys.len()];
        let mut by_sku = vec![(0i64, 0f64, 0i64); self.product_keys.len()];
        let mut by_region = vec![(0i64, 0f64, 0i64); self.regions.len()];
        let (mut total, mut qty, mut previous, mut unmatched, mut lines) = (0i64, 0f64, 0i64, 0i64, 0u64);
        for f in &self.facts {
            let current = f.month >= from && f.month <= to;
            let earlier = f.month >= pfrom && f.month <= pto;
            if !(current || earlier)
                || !key_ok[f.key as usize]
                || !product_ok[f.product as usize]
                || !region_ok[f.region as usize]
            {
                continue;
            }
            if current {
                lines += 1;
                total += f.amount_minor;
                qty += f.quantity;
                let offset = (f.month - from) as usize;
                if planned[f.key as usize * span + offset] {
                    plan_actual += f.amount_minor;
                    by_account[f.key as usize].2 += f.amount_minor;
                }
                let m = &mut months[offset];
                m.0 += f.amount_minor;
                m.1 += f.quantity;
                by_account[f.key as usize].0 += f.amount_minor;
                let s = &mut by_sku[f.product as usize];
                s.0 += f.amount_minor;
                s.1 += f.quantity;
                let r = &mut by_region[f.region as usize];
                r.0 += f.amount_minor;
                r.1 += f.quantity;
                if self.account_keys[f.key as usize].0.is_none() {
                    unmatched += f.amount_minor;
                }
            } else {
                previous += f.amount_minor;
                months[(f.month + 12 - from) as usize].2 += f.amount_minor;
                by_account[f.key as usize].1 += f.amount_minor;
                by_sku[f.product as usize].2 += f.amount_minor;
                by_region[f.region as usize].2 += f.amount_minor;
            }
        }
        let plan_of = |account: i64| -> Option<i64> {
            let mut any = false;
            let mut sum = 0;
            for m in from..=to {
                if let Some(p) = plan(account, m) {
                    any = true;
                    sum += p;
                }
            }
            any.then_some(sum)
        };
        let share = |v: i64| if total != 0 { v as f64 / total as f64 } else { 0.0 };

        let mut accounts: Vec<AccountShare> = by_account
            .into_iter()
            .enumerate()
            .filter(|(_, (amount, _, _))| *amount != 0)
            .map(|(k, (amount, prev, planned_amount))| {
                let (account, customer) = self.account_keys[k];
                let info = account.and_then(|a| self.accounts.get(&a));
                AccountShare {
                    account: account.zip(info).map(|(id, i)| Ref { id, name: i.name.clone() }),
                    name: info
                        .map(|i| i.name.clone())
                        .or_else(|| self.customers.get(&customer).cloned())
                        .unwrap_or_default(),
                    status: info.map(|i| i.status),
                    amount_minor: amount,
                    previous_minor: prev,
                    plan_minor: account.and_then(plan_of),
                    plan_actual_minor: planned_amount,
                    plan_fulfilment: ratio(planned_amount, account.and_then(plan_of)),
                    growth: growth(amount, prev),
                    share: share(amount),
                    cumulative: 0.0,
                    class: String::new(),
                }
            })
            .collect();
        accounts.sort_by(|a, b| b.amount_minor.cmp(&a.amount_minor).then_with(|| a.name.cmp(&b.name)));
        let mut running = 0.0;
        let mut for_80 = 0u32;
        for a in &mut accounts {
            let before = running;
            running += a.share;
            a.cumulative = running;
            // An account is A while the running share before it is under 80 %.
            a.class = if before < 0.8 {
                for_80 += 1;
                "A"
            } else if before < 0.95 {
                "B"
            } else {
                "C"
            }
            .to_string();
        }
        let key_amount: i64 =
            accounts.iter().filter(|a| a.status == Some(AccountStatus::Key)).map(|a| a.amount_minor).sum();
        let key_share = share(key_amount);
        let pareto = Pareto {
            accounts: accounts.len() as u32,
            accounts_for_80: for_80,
            share_of_accounts_for_80: if accounts.is_empty() { 0.0 } else { for_80 as f64 / accounts.len() as f64 },
            key_share,
            key_accounts: accounts.iter().filter(|a| a.status == Some(AccountStatus::Key)).count() as u32,
            mono_dependence: key_share > MONO_DEPENDENCE,
        };
        let plan_total: Option<i64> = {
            let plans: Vec<i64> = accounts.iter().filter_map(|a| a.plan_minor).collect();
            (!plans.is_empty()).then(|| plans.iter().sum())
        };
        let mut skus: Vec<NamedAmount> = by_sku
            .into_iter()
            .enumerate()
            .filter(|(_, x)| x.0 != 0 || x.2 != 0)
            .map(|(k, (amount, q, prev))| {
                let (id, raw_id) = self.product_keys[k];
                NamedAmount {
                    id,
                    name: id
                        .and_then(|i| self.skus.get(&i))
                        .or_else(|| self.products.get(&raw_id))
                        .cloned()
                        .unwrap_or_default(),
                    amount_minor: amount,
                    quantity: q,
                    previous_minor: prev,
                    share: share(amount),
                    growth: growth(amount, prev),
                }
            })
            .collect();
        skus.sort_by(|a, b| b.amount_minor.cmp(&a.amount_minor).then_with(|| a.name.cmp(&b.name)));
        let mut regions: Vec<NamedAmount> = by_region
            .into_iter()
            .enumerate()
            .filter(|(_, x)| x.0 != 0 || x.2 != 0)
            .map(|(k, (amount, q, prev))| NamedAmount {
                id: None,
                name: self.regions[k].clone(),
                amount_minor: amount,
                quantity: q,
                previous_minor: prev,
                share: share(amount),
                growth: growth(amount, prev),
            })
            .collect();
        regions.sort_by(|a, b| b.amount_minor.cmp(&a.amount_minor).then_with(|| a.name.cmp(&b.name)));
        // A month's plan is drawn for one account: across all accounts only some have plans, and their sum
        // against everyone's sales would mislead.
        // A chain's or hospital group's view includes its members' plans, as it includes their sales.
        let viewed: Vec<i64> = match filter.account_id {
            Some(wanted) => self.accounts.keys().copied().filter(|a| self.account_matches(Some(*a), wanted)).collect(),
            None => vec![],
        };
        let month_plan = |m: MonthIndex| -> Option<i64> {
            let plans: Vec<i64> = viewed.iter().filter_map(|a| plan(*a, m)).collect();
            (!plans.is_empty()).then(|| plans.iter().sum())
        };
        Dashboard {
            from: Some(month_text(from)),
            to: Some(month_text(to)),
            total_minor: total,
            quantity: qty,
            previous_minor: previous,
            growth: growth(total, previous),
            plan_minor: plan_total,
            plan_actual_minor: plan_actual,
            plan_fulfilment: ratio(plan_actual, plan_total),
            months: months
                .iter()
                .enumerate()
                .map(|(i, (a, q, p))| MonthPoint {
                    month: month_text(from + i as u32),
                    amount_minor: *a,
                    quantity: *q,
                    previous_minor: *p,
                    plan_minor: month_plan(from + i as u32),
                })
                .collect(),
            accounts,
            pareto,
            skus,
            regions,
            unmatched_minor: unmatched,
            lines,
            receivables,
        }
    }
}

/// The purchase forecast method: the mean of the last three months, moved by half the change between that mean
/// and the mean of the three months before (a damped trend), never below zero. Simple on purpose: a KAM can
/// check it by hand, and on monthly chain orders it is as good as fancier methods until seasons are known.
pub fn forecast(history: &[f64], horizon: usize) -> Vec<f64> {
    let n = history.len();
    if n == 0 {
        return vec![0.0; horizon];
    }
    let mean = |s: &[f64]| s.iter().sum::<f64>() / s.len().max(1) as f64;
    let last = mean(&history[n.saturating_sub(3)..]);
    let trend = if n >= 6 { (last - mean(&history[n - 6..n - 3])) / 3.0 * 0.5 } else { 0.0 };
    (1..=horizon).map(|h| (last + trend * h as f64).max(0.0)).collect()
}

/// The forecast's error on held-out months: forecast the last `horizon` months from the months before them and
/// compare. Weighted absolute percentage error (sum |error| / sum actual); `None` without enough history.
pub fn backtest(history: &[f64], horizon: usize) -> Option<f64> {
    if history.len() < horizon + 3 {
        return None;
    }
    let (train, test) = history.split_at(history.len() - horizon);
    let predicted = forecast(train, horizon);
    let actual: f64 = test.iter().sum();
    (actual > 0.0).then(|| test.iter().zip(&predicted).map(|(a, p)| (a - p).abs()).sum::<f64>() / actual)
}

type SeriesAcc = (Vec<f64>, Option<f64>, MonthIndex);

/// A purchase forecast for one SKU at one chain.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ForecastRow {
    pub chain: Ref,
    pub sku: Option<Ref>,
    /// The product as reported, when it is not matched to a SKU.
    pub product: String,
    /// Quantities of the last twelve months, oldest first.
    pub history: Vec<f64>,
    /// The next three months.
    pub months: Vec<String>,
    pub forecast: Vec<f64>,
    /// Error of the method on the last three known months (0.1 = 10 %).
    pub error: Option<f64>,
    pub stock: Option<f64>,
    /// Stock on hand divided by the forecast weekly quantity.
    pub weeks_of_cover: Option<f64>,
}

impl Facts {
    /// The chain an account's purchases count for: itself if it is a chain, else its parent chain.
    fn chain_of(&self, account: i64) -> Option<i64> {
        use crate::types::AccountKind::PharmacyChain;
        let info = self.accounts.get(&account)?;
        if info.kind == PharmacyChain {
            return Some(account);
        }
        let parent = info.parent?;
        (self.accounts.get(&parent)?.kind == PharmacyChain).then_some(parent)
    }

    /// Per pharmacy chain and SKU: the last twelve months' quantities and the next three months' forecast.
    pub fn forecasts(&self, chain_filter: Option<i64>) -> Vec<ForecastRow> {
        let Some(last) = self.latest_month() else { return vec![] };
        let first = last.saturating_sub(11);
        // (chain, SKU, reported product) → (monthly quantities, latest stock, its month)
        let mut series: HashMap<(i64, Option<i64>, i64), SeriesAcc> = HashMap::new();
        for f in &self.facts {
            if f.month < first || f.month > last {
                continue;
            }
            let Some(chain) = self.account_keys[f.key as usize].0.and_then(|a| self.chain_of(a)) else { continue };
            if chain_filter.is_some_and(|c| c != chain) {
                continue;
            }
            let (sku, product) = self.product_keys[f.product as usize];
            let key = (chain, sku, product);
            let e = series.entry(key).or_insert_with(|| (vec![0.0; 12], None, 0));
            e.0[(f.month - first) as usize] += f.quantity;
            if let Some(s) = f.stock {
                // The latest month's stock counts (summed over the chain's pharmacies).
                if f.month > e.2 {
                    e.1 = Some(s);
                    e.2 = f.month;
                } else if f.month == e.2 {
                    e.1 = Some(e.1.unwrap_or(0.0) + s);
                }
            }
        }
        let mut rows: Vec<ForecastRow> = series
            .into_iter()
            .filter(|(_, (h, _, _))| h.iter().any(|q| *q > 0.0))
            .map(|((chain, sku, product), (history, stock, _))| {
                let f = forecast(&history, 3);
                let weekly = f.first().copied().unwrap_or(0.0) * 12.0 / 52.0;
                ForecastRow {
                    chain: Ref {
                        id: chain,
                        name: self.accounts.get(&chain).map(|a| a.name.clone()).unwrap_or_default(),
                    },
                    sku: sku.map(|id| Ref { id, name: self.skus.get(&id).cloned().unwrap_or_default() }),
                    product: self.products.get(&product).cloned().unwrap_or_default(),
                    months: (1..=3).map(|h| month_text(last + h)).collect(),
                    error: backtest(&history, 3),
                    weeks_of_cover: stock.filter(|_| weekly > 0.0).map(|s| s / weekly),
                    stock,
                    forecast: f,
                    history,
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            a.chain
                .name
                .cmp(&b.chain.name)
                .then_with(|| b.forecast.iter().sum::<f64>().total_cmp(&a.forecast.iter().sum::<f64>()))
        });
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::AccountKind;

    fn facts() -> Facts {
        let m = |y: i32, mo: u32| month_index(NaiveDate::from_ymd_opt(y, mo, 1).unwrap());
        let mut f = Facts::default();
        for (id, name, status) in [
            (1, "Big Hospital", AccountStatus::Key),
            (2, "Chain", AccountStatus::Key),
            (3, "Small", AccountStatus::Ordinary),
        ] {
            f.accounts.insert(
                id,
                AccountInfo {
                    name: name.into(),
                    status,
                    region: "South".into(),
                    kind: if id == 2 { AccountKind::PharmacyChain } else { AccountKind::Hospital },
                    parent: None,
                    credit_limit_minor: None,
                },
            );
        }
        f.customers.insert(99, "Unknown Pharmacy".into());
        // This year: 800 + 150 + 40 + 10 (unmatched) = 1000. Last year: 500.
        for (month, account, customer, amount, region) in [
            (m(2024, 3), Some(1), 1, 800, ""),
            (m(2024, 2), Some(2), 2, 150, "North"),
            (m(2024, 3), Some(3), 3, 40, ""),
            (m(2024, 1), None, 99, 10, ""),
            (m(2023, 3), Some(1), 1, 500, ""),
            (m(2022, 3), Some(1), 1, 9999, ""), // outside both ranges
        ] {
            f.add(RawFact {
                month,
                customer,
                account,
                product: 1,
                sku: Some(7),
                region,
                amount_minor: amount,
                quantity: 1.0,
                stock: None,
            });
        }
        f.plans.insert((1, m(2024, 3)), 1000);
        f
    }

    #[test]
    fn pareto_key_share_growth_and_plan() {
        let f = facts();
        let filter = SalesFilter {
            from: NaiveDate::from_ymd_opt(2024, 1, 1),
            to: NaiveDate::from_ymd_opt(2024, 3, 31),
            ..Default::default()
        };
        let d = f.dashboard(&filter);
        assert_eq!(d.total_minor, 1000);
        assert_eq!(d.previous_minor, 500);
        assert_eq!(d.growth, Some(1.0));
        assert_eq!(d.unmatched_minor, 10);
        let names: Vec<&str> = d.accounts.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(names, ["Big Hospital", "Chain", "Small", "Unknown Pharmacy"]);
        let classes: Vec<&str> = d.accounts.iter().map(|a| a.class.as_str()).collect();
        // Running share before each: 0, 0.80, 0.95, 0.99.
        assert_eq!(classes, ["A", "B", "C", "C"]);
        assert_eq!(d.pareto.accounts_for_80, 1);
        assert!((d.pareto.key_share - 0.95).abs() < 1e-9);
        assert!(d.pareto.mono_dependence, "95 % from key accounts is above 75 %");
        assert_eq!(d.accounts[0].plan_minor, Some(1000));
        assert_eq!(d.plan_minor, Some(1000));
        // The plan covers Big Hospital in March: measured against its 800 then, not against everyone's sales.
        assert_eq!(d.plan_actual_minor, 800);
        assert_eq!(d.plan_fulfilment, Some(0.8));
        assert_eq!(d.accounts[0].growth, Some(0.6));
        assert!(d.months.iter().all(|m| m.plan_minor.is_none()), "no overall plan line");
        assert_eq!(d.months.iter().map(|m| m.amount_minor).collect::<Vec<_>>(), [10, 150, 840]);
        assert_eq!(d.months[2].previous_minor, 500);
        // Regions: a line's own region, else its account's.
        let regions: Vec<(&str, i64)> = d.regions.iter().map(|r| (r.name.as_str(), r.amount_minor)).collect();
        assert_eq!(regions, [("South", 840), ("North", 150), ("", 10)]);
        let north = f.dashboard(&SalesFilter { region: Some("north".into()), ..filter.clone() });
        assert_eq!(north.total_minor, 150);
        let one = f.dashboard(&SalesFilter { account_id: Some(1), ..filter });
        assert_eq!((one.total_minor, one.previous_minor), (800, 500));
        assert_eq!(one.months[2].plan_minor, Some(1000));
    }

    #[test]
    fn the_default_range_is_the_last_twelve_months_with_sales() {
        let d = facts().dashboard(&SalesFilter::default());
        assert_eq!((d.from.as_deref(), d.to.as_deref()), (Some("2023-04"), Some("2024-03")));
        assert_eq!(d.total_minor, 1000);
        assert_eq!(Facts::default().dashboard(&SalesFilter::default()).total_minor, 0);
    }

    #[test]
    fn forecast_method_and_its_error() {
        assert_eq!(forecast(&[10.0, 10.0, 10.0], 3), [10.0, 10.0, 10.0]);
        // Last three mean 20, three before 14: trend (20-14)/3*0.5 = 1 per month.
        assert_eq!(forecast(&[12.0, 14.0, 16.0, 18.0, 20.0, 22.0], 3), [21.0, 22.0, 23.0]);
        assert_eq!(forecast(&[30.0, 20.0, 10.0, 3.0, 2.0, 1.0], 3)[2], 0.0, "never below zero");
        assert_eq!(forecast(&[], 2), [0.0, 0.0]);
        // Steady series: the held-out months are forecast exactly.
        assert_eq!(backtest(&[5.0; 12], 3), Some(0.0));
        let err = backtest(&[10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 20.0, 20.0, 20.0], 3).unwrap();
        assert!((err - 0.5).abs() < 1e-9, "{err}");
        assert_eq!(backtest(&[1.0, 2.0], 3), None);
    }
}
