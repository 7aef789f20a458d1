//! The SKU catalogue: our products and competitors', with what reports and proposals need (INN, ATC code, form,
//! strength, pack, EAN, article code, list price and the price list's discount levels). Storage is in
//! `store::skus`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{Error, Result};
use crate::validate;

/// A named discount level of the price list ("Wholesale", "Chain contract"), in percent off the list price.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Discount {
    pub label: String,
    pub percent: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Sku {
    pub id: i64,
    pub name: String,
    pub inn: String,
    pub atc: String,
    pub form: String,
    pub strength: String,
    pub pack_size: String,
    pub ean: Option<String>,
    pub code: Option<String>,
    pub list_price_minor: Option<i64>,
    pub currency: String,
    pub discounts: Vec<Discount>,
    /// Prescription only (true) or over the counter.
    pub rx: bool,
    /// Ours, or a competitor's.
    pub ours: bool,
    pub notes: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct SkuInput {
    pub name: String,
    pub inn: String,
    pub atc: String,
    pub form: String,
    pub strength: String,
    pub pack_size: String,
    pub ean: String,
    pub code: String,
    pub list_price_minor: Option<i64>,
    pub currency: Option<String>,
    pub discounts: Vec<Discount>,
    pub rx: Option<bool>,
    pub ours: Option<bool>,
    pub notes: String,
}

/// An EAN/GTIN of 8, 13 or 14 digits, or none.
pub fn is_ean(ean: &str) -> bool {
    ean.is_empty() || matches!(ean.len(), 8 | 13 | 14) && ean.bytes().all(|b| b.is_ascii_digit())
}

/// An ATC code such as A10BA02 (upper case; any level), or none.
pub fn is_atc(atc: &str) -> bool {
    atc.is_empty()
        || atc.len() <= 7
            && atc.starts_with(|c: char| c.is_ascii_alphabetic())
            && atc.chars().all(|c| c.is_ascii_alphanumeric())
}

impl From<&Sku> for SkuInput {
    fn from(s: &Sku) -> SkuInput {
        SkuInput {
            name: s.name.clone(),
            inn: s.inn.clone(),
            atc: s.atc.clone(),
            form: s.form.clone(),
            strength: s.strength.clone(),
            pack_size: s.pack_size.clone(),
            ean: s.ean.clone().unwrap_or_default(),
            code: s.code.clone().unwrap_or_default(),
            list_price_minor: s.list_price_minor,
            currency: Some(s.currency.clone()),
            discounts: s.discounts.clone(),
            rx: Some(s.rx),
            ours: Some(s.ours),
            notes: s.notes.clone(),
        }
    }
}

impl SkuInput {
    /// This SKU with what `file` gives laid over it: every field the file fills in wins, the discount levels are
    /// replaced when the file has any, and what only the user keeps (ours or not, notes) stays.
    pub fn overlay(&self, file: &SkuInput) -> SkuInput {
        let pick = |mine: &String, theirs: &String| if theirs.is_empty() { mine.clone() } else { theirs.clone() };
        SkuInput {
            name: pick(&self.name, &file.name),
            inn: pick(&self.inn, &file.inn),
            atc: pick(&self.atc, &file.atc),
            form: pick(&self.form, &file.form),
            strength: pick(&self.strength, &file.strength),
            pack_size: pick(&self.pack_size, &file.pack_size),
            ean: pick(&self.ean, &file.ean),
            code: pick(&self.code, &file.code),
            list_price_minor: file.list_price_minor.or(self.list_price_minor),
            currency: self.currency.clone(),
            discounts: if file.discounts.is_empty() { self.discounts.clone() } else { file.discounts.clone() },
            rx: file.rx.or(self.rx),
            ours: self.ours,
            notes: self.notes.clone(),
        }
    }

    pub fn validate(&self) -> Result<SkuInput> {
        let ean = validate::tidy(&self.ean);
        if !is_ean(&ean) {
            return Err(Error::invalid("bad_ean", "ean", "An EAN has 8, 13 or 14 digits."));
        }
        if self.list_price_minor.is_some_and(|p| p < 0) {
            return Err(Error::invalid("out_of_range", "list_price_minor", "A list price cannot be negative."));
        }
        for d in &self.discounts {
            if !(0.0..=100.0).contains(&d.percent) || d.label.trim().is_empty() {
                return Err(Error::invalid(
                    "bad_discount",
                    "discounts",
                    "Each discount level needs a name and a percentage between 0 and 100.",
                ));
            }
        }
        let atc = validate::tidy(&self.atc).to_uppercase();
        if !is_atc(&atc) {
            return Err(Error::invalid("bad_atc", "atc", "An ATC code looks like A10BA02."));
        }
        Ok(SkuInput {
            name: validate::required_name(&self.name, "name", "Name")?,
            inn: validate::short_text(&self.inn, "inn", "INN")?,
            atc,
            form: validate::short_text(&self.form, "form", "Form")?,
            strength: validate::short_text(&self.strength, "strength", "Strength")?,
            pack_size: validate::short_text(&self.pack_size, "pack_size", "Pack size")?,
            ean,
            code: validate::short_text(&self.code, "code", "Article code")?,
            list_price_minor: self.list_price_minor,
            currency: Some(self.currency.clone().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| "EUR".into())),
            discounts: self
                .discounts
                .iter()
                .map(|d| Discount { label: validate::tidy(&d.label), percent: d.percent })
                .collect(),
            rx: Some(self.rx.unwrap_or(true)),
            ours: Some(self.ours.unwrap_or(true)),
            notes: validate::long_text(&self.notes, "notes", "Notes")?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_skus_are_refused() {
        let ok = SkuInput {
            name: " Burana  400 mg ".into(),
            atc: "m01ae01".into(),
            ean: "6415600012345".into(),
            ..Default::default()
        };
        let v = ok.validate().unwrap();
        assert_eq!((v.name.as_str(), v.atc.as_str()), ("Burana 400 mg", "M01AE01"));
        assert_eq!(SkuInput { name: "".into(), ..Default::default() }.validate().unwrap_err().code(), "required");
        assert_eq!(SkuInput { ean: "123".into(), ..ok.clone() }.validate().unwrap_err().code(), "bad_ean");
        assert_eq!(SkuInput { atc: "10ABC".into(), ..ok.clone() }.validate().unwrap_err().code(), "bad_atc");
        assert_eq!(
            SkuInput { list_price_minor: Some(-1), ..ok.clone() }.validate().unwrap_err().code(),
            "out_of_range"
        );
        let bad = SkuInput { discounts: vec![Discount { label: "Chain".into(), percent: 120.0 }], ..ok };
        assert_eq!(bad.validate().unwrap_err().code(), "bad_discount");
    }
}
