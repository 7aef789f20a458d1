//! The offer's arithmetic, exact in integer minor units (cents).
//!
//! Rounding rules, applied in this order:
//! 1. **Unit net price** = list price × (1 − discount), rounded to the nearest cent, halves away from zero.
//!    Discounts are held in basis points (1 % = 100 bp), so 12.5 % is exact.
//! 2. **Line net** = unit net price × quantity: exact, no further rounding. The customer can check every line with a
//!    calculator from the unit price they see.
//! 3. **Line discount** = list price × quantity − line net.
//! 4. **VAT** is computed once per rate, on the sum of the line nets at that rate, rounded to the nearest cent,
//!    halves away from zero (as on an invoice).
//! 5. **Total** = net total + the VAT of every rate.
//!
//! Intermediate products are computed in 128 bits; a total that would not fit in 64 bits is refused.
// Money in minor units is written euros_cents (150_00 is 150.00 €).
#![allow(clippy::inconsistent_digit_grouping)]

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};

/// 100 % in basis points.
pub const WHOLE_BP: i64 = 10_000;
/// The most packs one line may hold: far above any real order, low enough that totals stay exact.
pub const MAX_QUANTITY: i64 = 10_000_000;
/// The VAT rate on medicines in Finland since 2025 (14 %), the default for new lines.
pub const DEFAULT_VAT_BP: i64 = 1_400;

/// One offer line as the arithmetic sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineInput {
    pub list_price_minor: i64,
    pub quantity: i64,
    pub discount_bp: i64,
    pub vat_bp: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineAmounts {
    pub unit_net_minor: i64,
    pub list_minor: i64,
    pub discount_minor: i64,
    pub net_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VatAmount {
    pub rate_bp: i64,
    /// The net amount the rate applies to.
    pub base_minor: i64,
    pub vat_minor: i64,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OfferTotals {
    /// At list prices, before discounts.
    pub list_minor: i64,
    pub discount_minor: i64,
    pub net_minor: i64,
    /// One entry per VAT rate, lowest rate first.
    pub vat: Vec<VatAmount>,
    pub vat_minor: i64,
    pub total_minor: i64,
}

/// `value × bp / 10 000`, rounded to the nearest integer, halves away from zero.
pub fn apply_bp(value: i128, bp: i64) -> i128 {
    let product = value * bp as i128;
    let whole = WHOLE_BP as i128;
    if product >= 0 {
        (product + whole / 2) / whole
    } else {
        (product - whole / 2) / whole
    }
}

fn fit(value: i128) -> Result<i64> {
    i64::try_from(value).map_err(|_| {
        Error::invalid("amount_too_large", "items", "The offer's amounts are too large to compute exactly.")
    })
}

/// Checks one line's numbers (the messages name what the user typed).
pub fn check_line(line: &LineInput) -> Result<()> {
    if line.quantity <= 0 {
        return Err(Error::invalid(
            "bad_quantity",
            "quantity",
            "A quantity must be a whole number of packs, at least 1.",
        ));
    }
    if line.quantity > MAX_QUANTITY {
        return Err(Error::invalid(
            "bad_quantity",
            "quantity",
            format!("A quantity above {MAX_QUANTITY} packs on one line is not plausible."),
        ));
    }
    if line.list_price_minor < 0 {
        return Err(Error::invalid("negative", "list_price_minor", "A list price cannot be negative."));
    }
    if !(0..=WHOLE_BP).contains(&line.discount_bp) {
        return Err(Error::invalid("bad_discount", "discount", "A discount is a percentage from 0 to 100."));
    }
    if !(0..=WHOLE_BP).contains(&line.vat_bp) {
        return Err(Error::invalid("bad_vat", "vat", "A VAT rate is a percentage from 0 to 100."));
    }
    Ok(())
}

pub fn line_amounts(line: &LineInput) -> Result<LineAmounts> {
    check_line(line)?;
    let list = line.list_price_minor as i128;
    let unit_net = apply_bp(list, WHOLE_BP - line.discount_bp);
    let qty = line.quantity as i128;
    let list_total = list * qty;
    let net = unit_net * qty;
    Ok(LineAmounts {
        unit_net_minor: fit(unit_net)?,
        list_minor: fit(list_total)?,
        discount_minor: fit(list_total - net)?,
        net_minor: fit(net)?,
    })
}

/// The lines' amounts and the offer's totals.
pub fn totals(lines: &[LineInput]) -> Result<(Vec<LineAmounts>, OfferTotals)> {
    let amounts = lines.iter().map(line_amounts).collect::<Result<Vec<_>>>()?;
    let mut by_rate: std::collections::BTreeMap<i64, i128> = Default::default();
    for (line, a) in lines.iter().zip(&amounts) {
        *by_rate.entry(line.vat_bp).or_default() += a.net_minor as i128;
    }
    let mut vat = Vec::new();
    let mut vat_sum: i128 = 0;
    for (rate_bp, base) in by_rate {
        let v = apply_bp(base, rate_bp);
        vat_sum += v;
        vat.push(VatAmount { rate_bp, base_minor: fit(base)?, vat_minor: fit(v)? });
    }
    let list: i128 = amounts.iter().map(|a| a.list_minor as i128).sum();
    let net: i128 = amounts.iter().map(|a| a.net_minor as i128).sum();
    let totals = OfferTotals {
        list_minor: fit(list)?,
        discount_minor: fit(list - net)?,
        net_minor: fit(net)?,
        vat,
        vat_minor: fit(vat_sum)?,
        total_minor: fit(net + vat_sum)?,
    };
    Ok((amounts, totals))
}

/// A percentage as typed (12.5) in basis points (1250), refusing more than two decimals' precision loss.
pub fn percent_to_bp(percent: f64) -> Option<i64> {
    if !percent.is_finite() {
        return None;
    }
    let bp = (percent * 100.0).round();
    ((bp - percent * 100.0).abs() < 1e-6 && (0.0..=WHOLE_BP as f64).contains(&bp)).then_some(bp as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(list: i64, qty: i64, discount_bp: i64, vat_bp: i64) -> LineInput {
        LineInput { list_price_minor: list, quantity: qty, discount_bp, vat_bp }
    }

    #[test]
    fn unit_price_rounds_half_away_from_zero_and_lines_multiply_exactly() {
        // 10.05 € − 5 % = 9.5475 € → 9.55 €; three packs 28.65 €.
        let a = line_amounts(&line(10_05, 3, 500, 1400)).unwrap();
        assert_eq!(a.unit_net_minor, 9_55);
        assert_eq!(a.net_minor, 28_65);
        assert_eq!(a.list_minor, 30_15);
        assert_eq!(a.discount_minor, 1_50);
        // 0.10 € − 12.5 % = 0.0875 € → 0.09 € (a half cent and more rounds up).
        assert_eq!(line_amounts(&line(10, 1, 1250, 0)).unwrap().unit_net_minor, 9);
        // 0.30 € − 15 % = 0.255 € → 0.26 € (exactly half: away from zero).
        assert_eq!(line_amounts(&line(30, 1, 1500, 0)).unwrap().unit_net_minor, 26);
        // 0.30 € − 15.01 % = 0.25497 → 0.25 €.
        assert_eq!(line_amounts(&line(30, 1, 1501, 0)).unwrap().unit_net_minor, 25);
    }

    #[test]
    fn vat_is_rounded_once_per_rate_on_the_sum_of_nets() {
        let lines = [line(12_34, 7, 1000, 1400), line(99_99, 2, 0, 1400), line(5_00, 3, 0, 2550)];
        let (amounts, t) = totals(&lines).unwrap();
        // 12.34 − 10 % = 11.106 → 11.11 × 7 = 77.77; 99.99 × 2 = 199.98; 5.00 × 3 = 15.00.
        assert_eq!(amounts.iter().map(|a| a.net_minor).collect::<Vec<_>>(), [77_77, 199_98, 15_00]);
        assert_eq!(t.net_minor, 292_75);
        assert_eq!(t.list_minor, 12_34 * 7 + 199_98 + 15_00);
        assert_eq!(t.discount_minor, t.list_minor - t.net_minor);
        // 14 % of 277.75 = 38.885 → 38.89 (half away from zero); 25.5 % of 15.00 = 3.825 → 3.83.
        assert_eq!(
            t.vat,
            [
                VatAmount { rate_bp: 1400, base_minor: 277_75, vat_minor: 38_89 },
                VatAmount { rate_bp: 2550, base_minor: 15_00, vat_minor: 3_83 },
            ]
        );
        assert_eq!(t.vat_minor, 42_72);
        assert_eq!(t.total_minor, 335_47);
    }

    #[test]
    fn an_empty_offer_totals_zero() {
        assert_eq!(totals(&[]).unwrap().1, OfferTotals::default());
    }

    #[test]
    fn bad_numbers_are_refused() {
        assert_eq!(line_amounts(&line(1_00, -1, 0, 0)).unwrap_err().code(), "bad_quantity");
        assert_eq!(line_amounts(&line(1_00, 0, 0, 0)).unwrap_err().code(), "bad_quantity");
        assert_eq!(line_amounts(&line(-1, 1, 0, 0)).unwrap_err().code(), "negative");
        assert_eq!(line_amounts(&line(1_00, 1, 10_001, 0)).unwrap_err().code(), "bad_discount");
        assert_eq!(line_amounts(&line(1_00, 1, 0, -1)).unwrap_err().code(), "bad_vat");
        let huge = line(i64::MAX / 2, MAX_QUANTITY, 0, 0);
        assert_eq!(totals(&[huge, huge]).unwrap_err().code(), "amount_too_large");
    }

    #[test]
    fn percentages_become_basis_points() {
        assert_eq!(percent_to_bp(12.5), Some(1250));
        assert_eq!(percent_to_bp(0.0), Some(0));
        assert_eq!(percent_to_bp(7.25), Some(725));
        assert_eq!(percent_to_bp(7.255), None);
        assert_eq!(percent_to_bp(-1.0), None);
        assert_eq!(percent_to_bp(f64::NAN), None);
    }
}
