//! Small checks shared by every form: names, free text, dates, e-mail addresses, money.
//! Each returns a ready-to-show message naming the field as the user sees it.

use chrono::NaiveDate;

use crate::error::{Error, Result};

pub const NAME_MAX: usize = 200;
pub const SHORT_TEXT_MAX: usize = 200;
pub const LONG_TEXT_MAX: usize = 20_000;

/// Trim and collapse inner runs of whitespace, so "  Kivilahti   Hospital " and "Kivilahti Hospital" are one name.
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A name that must be present and not absurdly long.
pub fn required_name(value: &str, field: &'static str, label: &str) -> Result<String> {
    let v = tidy(value);
    if v.is_empty() {
        return Err(Error::invalid("required", field, format!("{label} is required.")));
    }
    max_len(v, NAME_MAX, field, label)
}

/// Optional one-line text (region, title, phone, ...).
pub fn short_text(value: &str, field: &'static str, label: &str) -> Result<String> {
    max_len(tidy(value), SHORT_TEXT_MAX, field, label)
}

/// Optional multi-line text (notes, outcome, ...). Line breaks are kept; only the ends are trimmed.
pub fn long_text(value: &str, field: &'static str, label: &str) -> Result<String> {
    max_len(value.trim().to_string(), LONG_TEXT_MAX, field, label)
}

fn max_len(v: String, max: usize, field: &'static str, label: &str) -> Result<String> {
    let n = v.chars().count();
    if n > max {
        return Err(Error::invalid(
            "too_long",
            field,
            format!("{label} is too long ({n} characters); keep it to {max} at most."),
        ));
    }
    Ok(v)
}

/// An ISO date (YYYY-MM-DD) that must exist in the calendar.
pub fn date(value: &str, field: &'static str, label: &str) -> Result<NaiveDate> {
    let v = value.trim();
    let shape_ok = v.len() == 10 && v.as_bytes()[4] == b'-' && v.as_bytes()[7] == b'-';
    let parsed = if shape_ok { NaiveDate::parse_from_str(v, "%Y-%m-%d").ok() } else { None };
    match parsed {
        Some(d) if (1900..=2200).contains(&chrono::Datelike::year(&d)) => Ok(d),
        Some(_) => Err(Error::invalid("date_out_of_range", field, format!("{label} {v} is not a plausible year."))),
        None if shape_ok => Err(Error::invalid("impossible_date", field, format!("{label} {v} is not a real date."))),
        None => Err(Error::invalid(
            "bad_date",
            field,
            format!("{label} \"{v}\" is not a date; use a date such as 2026-11-26."),
        )),
    }
}

/// An optional date: an empty value means "not set".
pub fn opt_date(value: &Option<String>, field: &'static str, label: &str) -> Result<Option<NaiveDate>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => date(v, field, label).map(Some),
    }
}

pub fn email(value: &str, field: &'static str) -> Result<String> {
    let v = value.trim().to_string();
    if v.is_empty() {
        return Ok(v);
    }
    let plausible = match v.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !v.contains(char::is_whitespace)
        }
        None => false,
    };
    if !plausible {
        return Err(Error::invalid("bad_email", field, format!("\"{v}\" does not look like an e-mail address.")));
    }
    max_len(v, SHORT_TEXT_MAX, field, "E-mail")
}

/// A time of day as HH:MM, or nothing.
pub fn opt_time(value: &Option<String>, field: &'static str) -> Result<Option<String>> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => match chrono::NaiveTime::parse_from_str(v, "%H:%M") {
            Ok(t) => Ok(Some(t.format("%H:%M").to_string())),
            Err(_) => Err(Error::invalid("bad_time", field, format!("\"{v}\" is not a time; use HH:MM, e.g. 09:30."))),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tidied_and_checked() {
        assert_eq!(required_name("  Kivilahti   Hospital ", "name", "Name").unwrap(), "Kivilahti Hospital");
        assert_eq!(required_name("   ", "name", "Name").unwrap_err().code(), "required");
        let long = "x".repeat(NAME_MAX + 1);
        assert_eq!(required_name(&long, "name", "Name").unwrap_err().code(), "too_long");
    }

    #[test]
    fn dates_must_be_real() {
        assert_eq!(date("2028-02-29", "d", "Date").unwrap().to_string(), "2028-02-29");
        assert_eq!(date("2026-02-30", "d", "Date").unwrap_err().code(), "impossible_date");
        assert_eq!(date("2026-13-01", "d", "Date").unwrap_err().code(), "impossible_date");
        assert_eq!(date("30.2.2026", "d", "Date").unwrap_err().code(), "bad_date");
        assert_eq!(date("0001-01-01", "d", "Date").unwrap_err().code(), "date_out_of_range");
        assert_eq!(opt_date(&Some(" ".into()), "d", "Date").unwrap(), None);
    }

    #[test]
    fn emails_and_times() {
        assert!(email("anna.virtanen@kivilahti.fi", "email").is_ok());
        assert!(email("", "email").is_ok());
        assert_eq!(email("anna@", "email").unwrap_err().code(), "bad_email");
        assert_eq!(opt_time(&Some("9:05".into()), "time").unwrap().as_deref(), Some("09:05"));
        assert_eq!(opt_time(&Some("25:00".into()), "time").unwrap_err().code(), "bad_time");
    }
}
