//! What the tender calendar concludes from the records: whether the people behind a tender are covered by our
//! relationships (the coverage alert), and what was won and lost, by value, reason, region and product.
//!
//! Rules, stated once:
//! - A tender's **value** is Σ lot quantity × unit price, the unit price being ours when we priced the lot, else
//!   the buyer's maximum, else nothing (0). Rounded to whole minor units, half away from zero.
//! - **Share of tendered volume** counts decided tenders only (won or lost): the quantity of the lots of won
//!   tenders over the quantity of all lots, by the buyer's region and by product (the SKU's name, else the INN).
//! - **Our price against the winning price**: the winning price is a unit price (`Outcome::winning_price_minor`);
//!   ours is the quantity-weighted mean of the unit prices we gave on the tender's lots. The difference is
//!   ours ÷ winning − 1 (positive: we were dearer).
//! - **Coverage**: a person is covered once the relationship is beyond first contact (acquaintance, loyalty,
//!   close). A decision style is uncovered when the group has members of that style and none of them is covered.

use chrono::NaiveDate;
use serde::Serialize;
use ts_rs::TS;

use super::TenderStatus;
use crate::types::{DecisionStyle, RelationshipStage};

/// How many weeks before a submission deadline the coverage alert comes up on Today.
pub const COVERAGE_WEEKS: i64 = 6;

/// A relationship that counts as coverage.
pub fn is_covered(stage: RelationshipStage) -> bool {
    stage.step() >= RelationshipStage::Acquaintance.step()
}

/// The decision styles present among `people` of which no member is covered, in the styles' own order.
pub fn uncovered_styles(people: &[(Option<DecisionStyle>, RelationshipStage)]) -> Vec<DecisionStyle> {
    DecisionStyle::ALL
        .iter()
        .copied()
        .filter(|style| {
            let of_style = people.iter().filter(|(s, _)| *s == Some(*style));
            let mut any = false;
            let mut covered = false;
            for (_, stage) in of_style {
                any = true;
                covered |= is_covered(*stage);
            }
            any && !covered
        })
        .collect()
}

/// One lot of a decided tender, as the win/loss analysis needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct DecidedLot {
    pub product: String,
    pub quantity: f64,
    pub max_price_minor: Option<i64>,
    pub our_price_minor: Option<i64>,
}

/// A tender that ended (won, lost or cancelled).
#[derive(Debug, Clone, PartialEq)]
pub struct Decided {
    pub tender_id: i64,
    pub title: String,
    pub region: String,
    pub status: TenderStatus,
    pub award_date: Option<NaiveDate>,
    pub winner: String,
    pub winning_price_minor: Option<i64>,
    pub loss_reason: String,
    pub lots: Vec<DecidedLot>,
}

impl Decided {
    pub fn value_minor(&self) -> i64 {
        self.lots
            .iter()
            .map(|l| (l.quantity * l.our_price_minor.or(l.max_price_minor).unwrap_or(0) as f64).round() as i64)
            .sum()
    }

    /// The quantity-weighted mean of our unit prices, over the lots we priced.
    pub fn our_unit_price_minor(&self) -> Option<i64> {
        let (mut qty, mut sum) = (0.0, 0.0);
        for l in &self.lots {
            if let Some(p) = l.our_price_minor {
                qty += l.quantity;
                sum += l.quantity * p as f64;
            }
        }
        (qty > 0.0).then(|| (sum / qty).round() as i64)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct Tally {
    pub count: u32,
    pub value_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ReasonRow {
    pub reason: String,
    pub count: u32,
    pub value_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ShareRow {
    pub key: String,
    pub tendered_quantity: f64,
    pub won_quantity: f64,
    /// Won ÷ tendered quantity.
    pub share: f64,
    pub tendered_value_minor: i64,
    pub won_value_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PriceComparison {
    pub tender_id: i64,
    pub title: String,
    pub status: TenderStatus,
    pub winner: String,
    pub our_price_minor: i64,
    pub winning_price_minor: i64,
    /// Ours ÷ winning − 1.
    pub difference: f64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, TS)]
pub struct WinLoss {
    pub won: Tally,
    pub lost: Tally,
    pub cancelled: u32,
    /// Won value ÷ (won + lost value); none before anything was decided.
    pub win_rate_by_value: Option<f64>,
    pub by_reason: Vec<ReasonRow>,
    pub by_region: Vec<ShareRow>,
    pub by_product: Vec<ShareRow>,
    pub prices: Vec<PriceComparison>,
}

fn share_rows(rows: Vec<(String, f64, f64, i64, i64)>) -> Vec<ShareRow> {
    let mut out: Vec<ShareRow> = Vec::new();
    for (key, tendered, won, tendered_value, won_value) in rows {
        let key = if key.trim().is_empty() { "—".to_string() } else { key };
        match out.iter_mut().find(|r| r.key.to_lowercase() == key.to_lowercase()) {
            Some(r) => {
                r.tendered_quantity += tendered;
                r.won_quantity += won;
                r.tendered_value_minor += tendered_value;
                r.won_value_minor += won_value;
            }
            None => out.push(ShareRow {
                key,
                tendered_quantity: tendered,
                won_quantity: won,
                share: 0.0,
                tendered_value_minor: tendered_value,
                won_value_minor: won_value,
            }),
        }
    }
    for r in &mut out {
        r.share = if r.tendered_quantity > 0.0 { r.won_quantity / r.tendered_quantity } else { 0.0 };
    }
    out.sort_by(|a, b| b.tendered_value_minor.cmp(&a.tendered_value_minor).then_with(|| a.key.cmp(&b.key)));
    out
}

/// The win/loss picture of the decided tenders.
pub fn win_loss(tenders: &[Decided]) -> WinLoss {
    let mut out = WinLoss::default();
    let mut reasons: Vec<ReasonRow> = Vec::new();
    let (mut regions, mut products) = (Vec::new(), Vec::new());
    for t in tenders {
        let value = t.value_minor();
        let won = match t.status {
            TenderStatus::Won => true,
            TenderStatus::Lost => false,
            TenderStatus::Cancelled => {
                out.cancelled += 1;
                continue;
            }
            _ => continue,
        };
        let tally = if won { &mut out.won } else { &mut out.lost };
        tally.count += 1;
        tally.value_minor += value;
        if !won {
            let reason = t.loss_reason.trim();
            let reason = if reason.is_empty() { "—" } else { reason };
            match reasons.iter_mut().find(|r| r.reason.to_lowercase() == reason.to_lowercase()) {
                Some(r) => {
                    r.count += 1;
                    r.value_minor += value;
                }
                None => reasons.push(ReasonRow { reason: reason.to_string(), count: 1, value_minor: value }),
            }
        }
        for l in &t.lots {
            let lot_value = (l.quantity * l.our_price_minor.or(l.max_price_minor).unwrap_or(0) as f64).round() as i64;
            let (won_qty, won_value) = if won { (l.quantity, lot_value) } else { (0.0, 0) };
            regions.push((t.region.clone(), l.quantity, won_qty, lot_value, won_value));
            products.push((l.product.clone(), l.quantity, won_qty, lot_value, won_value));
        }
        if let (Some(ours), Some(winning)) = (t.our_unit_price_minor(), t.winning_price_minor) {
            if winning > 0 {
                out.prices.push(PriceComparison {
                    tender_id: t.tender_id,
                    title: t.title.clone(),
                    status: t.status,
                    winner: t.winner.clone(),
                    our_price_minor: ours,
                    winning_price_minor: winning,
                    difference: ours as f64 / winning as f64 - 1.0,
                });
            }
        }
    }
    let decided = out.won.value_minor + out.lost.value_minor;
    out.win_rate_by_value =
        (out.won.count + out.lost.count > 0 && decided > 0).then(|| out.won.value_minor as f64 / decided as f64);
    reasons.sort_by(|a, b| b.value_minor.cmp(&a.value_minor).then_with(|| b.count.cmp(&a.count)));
    out.by_reason = reasons;
    out.by_region = share_rows(regions);
    out.by_product = share_rows(products);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use DecisionStyle::*;
    use RelationshipStage::*;

    fn lot(product: &str, quantity: f64, max: Option<i64>, ours: Option<i64>) -> DecidedLot {
        DecidedLot { product: product.into(), quantity, max_price_minor: max, our_price_minor: ours }
    }

    fn decided(id: i64, region: &str, status: TenderStatus, lots: Vec<DecidedLot>) -> Decided {
        Decided {
            tender_id: id,
            title: format!("T{id}"),
            region: region.into(),
            status,
            award_date: None,
            winner: String::new(),
            winning_price_minor: None,
            loss_reason: String::new(),
            lots,
        }
    }

    #[test]
    fn a_style_is_uncovered_when_none_of_its_members_is_beyond_first_contact() {
        let people = [
            (Some(Executive), FirstContact),
            (Some(Executive), Loyalty),
            (Some(Analytical), NoContact),
            (Some(Analytical), FirstContact),
            (None, NoContact),
        ];
        assert_eq!(uncovered_styles(&people), [Analytical], "technical and people-oriented are absent, not uncovered");
        assert!(uncovered_styles(&[]).is_empty());
        assert!(is_covered(Acquaintance) && !is_covered(FirstContact));
    }

    #[test]
    fn win_loss_by_value_reason_region_product_and_price() {
        use TenderStatus::*;
        // Won: 1,000 × 2.00 (our price) + 500 × max 3.00 = 2,000.00 + 1,500.00 = 3,500.00.
        let won = decided(
            1,
            "Uusimaa",
            Won,
            vec![lot("metformin", 1000.0, Some(250), Some(200)), lot("atorvastatin", 500.0, Some(300), None)],
        );
        // Lost on price: 2,000 × our 1.10; the winner bid 1.00 → we were 10 % dearer. Value 2,200.00.
        let mut lost = decided(2, "uusimaa", Lost, vec![lot("Metformin", 2000.0, Some(150), Some(110))]);
        lost.loss_reason = "Price".into();
        lost.winner = "Medeco Oy".into();
        lost.winning_price_minor = Some(100);
        // Lost on specification, no prices: value 0; another region.
        let mut spec = decided(3, "Pirkanmaa", Lost, vec![lot("apixaban", 300.0, None, None)]);
        spec.loss_reason = " price ".into();
        let cancelled = decided(4, "Uusimaa", Cancelled, vec![lot("metformin", 9999.0, Some(1), None)]);
        let open = decided(5, "Uusimaa", Preparing, vec![lot("metformin", 9999.0, Some(1), None)]);

        let w = win_loss(&[won, lost, spec, cancelled, open]);
        assert_eq!(w.won, Tally { count: 1, value_minor: 350_000 });
        assert_eq!(w.lost, Tally { count: 2, value_minor: 220_000 });
        assert_eq!(w.cancelled, 1);
        assert!((w.win_rate_by_value.unwrap() - 350_000.0 / 570_000.0).abs() < 1e-12);
        assert_eq!(w.by_reason, [ReasonRow { reason: "Price".into(), count: 2, value_minor: 220_000 }]);

        let uusimaa = &w.by_region[0];
        assert_eq!(
            (uusimaa.key.as_str(), uusimaa.tendered_quantity, uusimaa.won_quantity),
            ("Uusimaa", 3500.0, 1500.0)
        );
        assert!((uusimaa.share - 1500.0 / 3500.0).abs() < 1e-12);
        assert_eq!((uusimaa.tendered_value_minor, uusimaa.won_value_minor), (570_000, 350_000));
        assert_eq!((w.by_region[1].key.as_str(), w.by_region[1].share), ("Pirkanmaa", 0.0));

        let metformin = w.by_product.iter().find(|r| r.key == "metformin").unwrap();
        assert_eq!((metformin.tendered_quantity, metformin.won_quantity), (3000.0, 1000.0));
        assert_eq!(w.by_product.len(), 3);

        assert_eq!(w.prices.len(), 1);
        assert_eq!((w.prices[0].our_price_minor, w.prices[0].winning_price_minor), (110, 100));
        assert!((w.prices[0].difference - 0.10).abs() < 1e-12);
    }

    #[test]
    fn our_unit_price_is_weighted_by_quantity_and_values_round_half_away_from_zero() {
        let t = decided(
            1,
            "",
            TenderStatus::Won,
            vec![lot("a", 1.0, None, Some(100)), lot("b", 3.0, None, Some(200)), lot("c", 10.0, Some(5), None)],
        );
        assert_eq!(t.our_unit_price_minor(), Some(175));
        assert_eq!(decided(2, "", TenderStatus::Won, vec![lot("x", 0.5, Some(1), None)]).value_minor(), 1);
        assert_eq!(decided(3, "", TenderStatus::Won, vec![]).our_unit_price_minor(), None);
        assert_eq!(win_loss(&[]).win_rate_by_value, None);
    }
}
