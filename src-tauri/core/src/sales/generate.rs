//! Generated sales reports for benchmarks and trials: a distributor's CSV in the Finnish style (semicolons,
//! decimal commas, a title row, a total row at the end) with as many rows, customers and products as asked, from a
//! seed, so the same arguments always give the same file.

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// The demo generator's seeded SplitMix64, for numbers below `n`.
struct Rng(crate::demo::Rng);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0.next() % n.max(1)
    }
}

const TOWNS: &[&str] =
    &["Kivilahti", "Honkasalo", "Järvimaa", "Lehtovaara", "Rantamäki", "Pohjanranta", "Koivula", "Merikoski"];
const FORMS: &[&str] = &["tabl", "kaps", "inj", "oraaliliuos", "voide"];

/// The name of generated customer `i` (also used for the accounts a benchmark creates to match them; their region
/// is [`region_name`]).
pub fn customer_name(i: u64) -> String {
    format!("Apteekki {} {}", TOWNS[(i % TOWNS.len() as u64) as usize], i + 1)
}

/// The name of generated product `p`.
pub fn product_name(p: u64) -> String {
    format!(
        "Valmiste {:04} {} mg {} {}",
        p + 1,
        [5, 10, 20, 50, 100, 500][(p % 6) as usize],
        [10, 20, 30, 100][(p % 4) as usize],
        FORMS[(p % FORMS.len() as u64) as usize]
    )
}

pub fn region_name(i: u64) -> String {
    format!("{} region", TOWNS[(i % TOWNS.len() as u64) as usize])
}

/// Writes a report of `rows` lines over `customers` customers and `products` products, dated over the twelve
/// months of `year`. Returns the file size in bytes.
pub fn write_report(path: &Path, rows: u64, customers: u64, products: u64, year: i32, seed: u64) -> Result<u64> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let io = |e| Error::io(path, e);
    writeln!(out, "Tukkuliike Oy – myyntiraportti {year}").map_err(io)?;
    writeln!(out, "Asiakas;Asiakasnumero;Tuote;EAN;Päivämäärä;Määrä;Myynti €").map_err(io)?;
    let mut rng = Rng(crate::demo::Rng(seed));
    let (mut total_qty, mut total_cents) = (0u64, 0u64);
    for _ in 0..rows {
        let c = rng.below(customers);
        let p = rng.below(products);
        let month = 1 + rng.below(12);
        let day = 1 + rng.below(28);
        let qty = 1 + rng.below(40);
        let cents = qty * (250 + (p * 7919) % 9000);
        total_qty += qty;
        total_cents += cents;
        writeln!(
            out,
            "{};C{:06};{};{};{year}-{month:02}-{day:02};{qty};{},{:02}",
            customer_name(c),
            c + 1,
            product_name(p),
            6_410_000_000_000u64 + p,
            cents / 100,
            cents % 100,
        )
        .map_err(io)?;
    }
    writeln!(out, "Yhteensä;;;;;{total_qty};{},{:02}", total_cents / 100, total_cents % 100).map_err(io)?;
    out.flush().map_err(io)?;
    Ok(std::fs::metadata(path).map_err(|e| Error::io(path, e))?.len())
}

impl crate::Store {
    /// Adds the accounts (pharmacies, every tenth a key account) and SKUs a generated report names, so that its rows
    /// are matched on import. One transaction.
    pub fn add_generated_accounts(&mut self, customers: u64, products: u64) -> Result<()> {
        use crate::accounts::AccountInput;
        use crate::types::{AccountKind, AccountStatus, Source};
        let tx = self.conn.transaction()?;
        for c in 0..customers {
            let input = AccountInput {
                name: customer_name(c),
                kind: Some(AccountKind::Pharmacy),
                region: region_name(c),
                status: Some(if c % 10 == 0 { AccountStatus::Key } else { AccountStatus::Ordinary }),
                ..Default::default()
            };
            crate::store::insert_account(&tx, &input.validate()?, Source::Demo)?;
        }
        for p in 0..products {
            let input = crate::skus::SkuInput { name: product_name(p), ..Default::default() };
            crate::store::insert_sku(&tx, &input.validate()?, Source::Demo)?;
        }
        tx.commit()?;
        self.announce("all", None, "generated", Source::Demo);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_generated_report_reads_back_with_its_totals() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.csv");
        write_report(&path, 500, 20, 10, 2025, 7).unwrap();
        let u = crate::sales::inspect(&path, &Default::default(), &mut |_, _| true).unwrap();
        assert_eq!(u.summary.lines, 500);
        assert_eq!(u.summary.excluded_count, 1, "the total row");
        assert_eq!(u.summary.customers, 20);
        assert_eq!(u.summary.months.len(), 12);
        // The accounts and SKUs it names can be added, and the import then matches every row.
        let mut store = crate::Store::open(&dir.path().join("data")).unwrap();
        store.add_generated_accounts(20, 10).unwrap();
        let outcome = store.import_sales(&path, &Default::default(), &mut |_, _| true).unwrap();
        assert_eq!((outcome.unmatched_customers, outcome.unmatched_products), (0, 0));
        let again = dir.path().join("s.csv");
        write_report(&again, 500, 20, 10, 2025, 7).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), std::fs::read(&again).unwrap(), "same seed, same file");
    }
}
