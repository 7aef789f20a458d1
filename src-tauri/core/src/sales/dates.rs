//! Dates and periods as reports write them: ISO, `dd.mm.yyyy`, `dd.mm.yy`, `dd/mm/yyyy` or `mm/dd/yyyy` (the order
//! decided per column from the data), `yyyymmdd` integers, Excel serial numbers, and months by name in English,
//! Finnish, Swedish and Russian ("March 2024", "maaliskuu 2024", "mars 2024", "Март 2024", "2024-03", "03/2024").
//! Every period becomes the date of its first day; a month or week is kept with that granularity.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The order of day and month in a column of numeric dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    /// 31.12.2024, 31/12/2024
    DayMonth,
    /// 12/31/2024
    MonthDay,
}

/// How fine a date is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    Week,
    Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: NaiveDate,
    pub granularity: Granularity,
}

impl Period {
    pub fn day(d: NaiveDate) -> Self {
        Period { start: d, granularity: Granularity::Day }
    }
    pub fn month(year: i32, month: u32) -> Option<Self> {
        Some(Period { start: NaiveDate::from_ymd_opt(year, month, 1)?, granularity: Granularity::Month })
    }
    /// The Monday of ISO week `week` of `year`.
    pub fn iso_week(year: i32, week: u32) -> Option<Self> {
        let start = NaiveDate::from_isoywd_opt(year, week, chrono::Weekday::Mon)?;
        Some(Period { start, granularity: Granularity::Week })
    }
}

/// Month names and their usual abbreviations and inflections, 1-based.
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
    ("tammikuu", 1),
    ("tammi", 1),
    ("helmikuu", 2),
    ("helmi", 2),
    ("maaliskuu", 3),
    ("maalis", 3),
    ("huhtikuu", 4),
    ("huhti", 4),
    ("toukokuu", 5),
    ("touko", 5),
    ("kesäkuu", 6),
    ("kesä", 6),
    ("heinäkuu", 7),
    ("heinä", 7),
    ("elokuu", 8),
    ("elo", 8),
    ("syyskuu", 9),
    ("syys", 9),
    ("lokakuu", 10),
    ("loka", 10),
    ("marraskuu", 11),
    ("marras", 11),
    ("joulukuu", 12),
    ("joulu", 12),
    ("januari", 1),
    ("februari", 2),
    ("mars", 3),
    ("maj", 5),
    ("juni", 6),
    ("juli", 7),
    ("augusti", 8),
    ("okt", 10),
    ("январь", 1),
    ("января", 1),
    ("янв", 1),
    ("февраль", 2),
    ("февраля", 2),
    ("фев", 2),
    ("февр", 2),
    ("март", 3),
    ("марта", 3),
    ("мар", 3),
    ("апрель", 4),
    ("апреля", 4),
    ("апр", 4),
    ("май", 5),
    ("мая", 5),
    ("июнь", 6),
    ("июня", 6),
    ("июн", 6),
    ("июль", 7),
    ("июля", 7),
    ("июл", 7),
    ("август", 8),
    ("августа", 8),
    ("авг", 8),
    ("сентябрь", 9),
    ("сентября", 9),
    ("сен", 9),
    ("сент", 9),
    ("октябрь", 10),
    ("октября", 10),
    ("окт", 10),
    ("ноябрь", 11),
    ("ноября", 11),
    ("ноя", 11),
    ("нояб", 11),
    ("декабрь", 12),
    ("декабря", 12),
    ("дек", 12),
];

pub fn month_from_name(word: &str) -> Option<u32> {
    let w = word.trim_end_matches('.').to_lowercase();
    // Finnish inflections: "tammikuussa", "tammikuun".
    let w = w.strip_suffix("ssa").or_else(|| w.strip_suffix('n')).filter(|s| s.ends_with("kuu")).unwrap_or(&w);
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, m)| *m)
}

/// Days since 1899-12-30, as Excel counts (which makes 1900-03-01 serial 61, correct from there on).
pub fn from_excel_serial(serial: f64) -> Option<NaiveDate> {
    if !(1.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(serial.floor() as i64))
}

/// A plausible year for sales data: two-digit years are 20xx.
fn year_of(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        2 => Some(2000 + y),
        4 if (1900..=2200).contains(&y) => Some(y),
        _ => None,
    }
}

/// The shape of a numeric date, which decides how the day/month question is settled for a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// Year first or the separator fixes the order (ISO, dotted dates, yyyymmdd, names).
    Fixed,
    /// `a/b/yyyy`: day or month first.
    Ambiguous { a: u32, b: u32 },
}

fn split_numeric(text: &str) -> Option<(Vec<&str>, char)> {
    let sep = text.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    parts.iter().all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit())).then_some((parts, sep))
}

fn shape(text: &str) -> Option<Shape> {
    let (parts, sep) = split_numeric(text)?;
    if parts.len() != 3 || parts[0].len() == 4 || sep == '.' {
        return Some(Shape::Fixed);
    }
    Some(Shape::Ambiguous { a: parts[0].parse().ok()?, b: parts[1].parse().ok()? })
}

/// Decides the day/month order of a column from its values: a first number above 12 means day first, a second
/// number above 12 means month first. Returns the order and whether the data proved it (else it is a guess).
pub fn decide_order<'a>(values: impl IntoIterator<Item = &'a str>) -> (DateOrder, bool) {
    let (mut day_first, mut month_first, mut ambiguous) = (false, false, false);
    for v in values {
        let time_stripped = v.trim().split([' ', 'T']).next().unwrap_or("");
        if let Some(Shape::Ambiguous { a, b }) = shape(time_stripped) {
            ambiguous = true;
            day_first |= a > 12;
            month_first |= b > 12;
        }
    }
    match (day_first, month_first) {
        (true, false) => (DateOrder::DayMonth, true),
        (false, true) => (DateOrder::MonthDay, true),
        // Only year-first, dotted or named dates: their order is fixed, nothing to guess.
        _ => (DateOrder::DayMonth, !ambiguous),
    }
}

/// Reads one date or period written as text.
pub fn parse_period(text: &str, order: DateOrder) -> Option<Period> {
    let t = text.trim().trim_end_matches(" г.").trim_end_matches(" г").trim_end_matches('г');
    if t.is_empty() {
        return None;
    }
    // Drop a time of day: "2024-03-05 00:00:00", "2024-03-05T10:00", "5.3.2024 12:00".
    let date_part = t.split(['T', ' ']).next().unwrap_or(t);
    if let Some((parts, sep)) = split_numeric(date_part) {
        return numeric(&parts, sep, order);
    }
    if date_part.len() == 8 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        let y = year_of(&date_part[..4])?;
        let m = date_part[4..6].parse().ok()?;
        let d = date_part[6..].parse().ok()?;
        return NaiveDate::from_ymd_opt(y, m, d).map(Period::day);
    }
    if date_part.len() == 6 && date_part.bytes().all(|b| b.is_ascii_digit()) {
        // yyyymm
        return Period::month(year_of(&date_part[..4])?, date_part[4..].parse().ok()?);
    }
    named(t)
}

fn numeric(parts: &[&str], sep: char, order: DateOrder) -> Option<Period> {
    let n = |i: usize| -> Option<u32> { parts[i].parse().ok() };
    match parts.len() {
        3 if parts[0].len() == 4 => NaiveDate::from_ymd_opt(year_of(parts[0])?, n(1)?, n(2)?).map(Period::day),
        3 => {
            let (d, m) = if sep == '.' || order == DateOrder::DayMonth { (n(0)?, n(1)?) } else { (n(1)?, n(0)?) };
            NaiveDate::from_ymd_opt(year_of(parts[2])?, m, d).map(Period::day)
        }
        // "2024-03", "03/2024", "3.2024"
        2 if parts[0].len() == 4 => Period::month(year_of(parts[0])?, n(1)?),
        2 if parts[1].len() == 4 => Period::month(year_of(parts[1])?, n(0)?),
        _ => None,
    }
}

fn named(text: &str) -> Option<Period> {
    let words: Vec<&str> =
        text.split(|c: char| c.is_whitespace() || c == ',' || c == '-' || c == '/').filter(|w| !w.is_empty()).collect();
    let mut month = None;
    let mut year = None;
    let mut day = None;
    for w in &words {
        if let Some(m) = month_from_name(w) {
            if month.is_some() {
                return None;
            }
            month = Some(m);
        } else if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
            year = Some(year_of(w)?);
        } else if let Some(d) = w.trim_end_matches('.').parse::<u32>().ok().filter(|d| (1..=31).contains(d)) {
            if w.len() == 2 && year.is_none() && day.is_some() {
                year = year_of(w);
            } else {
                day = Some(d);
            }
        } else {
            return None;
        }
    }
    let (month, year) = (month?, year?);
    match day {
        Some(d) => NaiveDate::from_ymd_opt(year, month, d).map(Period::day),
        None => Period::month(year, month),
    }
}

/// A year number from a cell ("2024", "2024.0", 2024).
pub fn parse_year(text: &str) -> Option<i32> {
    let t = text.trim().trim_end_matches(".0");
    (t.len() == 4).then(|| year_of(t)).flatten()
}

/// A week or month number, 1..=max.
pub fn parse_small(text: &str, max: u32) -> Option<u32> {
    let t = text.trim().trim_end_matches(".0");
    let v: u32 = t.parse().ok().or_else(|| month_from_name(t).filter(|_| max == 12))?;
    (1..=max).contains(&v).then_some(v)
}

/// ISO text of a period's first day.
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::DateOrder::*;
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<Period> {
        Some(Period::day(NaiveDate::from_ymd_opt(y, m, d).unwrap()))
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(parse_period("2024-03-05", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("2024-03-05 00:00:00", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("2024-03-05T10:00:00Z", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("5.3.2024", MonthDay), day(2024, 3, 5), "dots are always day first");
        assert_eq!(parse_period("05.03.24", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("05/03/2024", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("05/03/2024", MonthDay), day(2024, 5, 3));
        assert_eq!(parse_period("20240305", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("2024/03/05", DayMonth), day(2024, 3, 5));
        assert_eq!(parse_period("31.02.2024", DayMonth), None);
        assert_eq!(parse_period("29.02.2024", DayMonth), day(2024, 2, 29));
        assert_eq!(parse_period("29.02.2023", DayMonth), None);
        assert_eq!(parse_period("2024-03", DayMonth), Period::month(2024, 3));
        assert_eq!(parse_period("03/2024", DayMonth), Period::month(2024, 3));
        assert_eq!(parse_period("202403", DayMonth), Period::month(2024, 3));
        assert_eq!(parse_period("hello", DayMonth), None);
        assert_eq!(parse_period("12345", DayMonth), None);
    }

    #[test]
    fn month_names_in_four_languages() {
        for text in [
            "March 2024",
            "Mar 2024",
            "mar-2024",
            "maaliskuu 2024",
            "Maaliskuu 2024",
            "maaliskuussa 2024",
            "mars 2024",
            "Март 2024",
            "март 2024 г.",
            "2024 March",
        ] {
            assert_eq!(parse_period(text, DayMonth), Period::month(2024, 3), "{text}");
        }
        assert_eq!(parse_period("15 января 2024", DayMonth), day(2024, 1, 15));
        assert_eq!(parse_period("15 January 2024", DayMonth), day(2024, 1, 15));
        assert_eq!(parse_period("January 15, 2024", DayMonth), day(2024, 1, 15));
        assert_eq!(parse_period("joulukuu 2023", DayMonth), Period::month(2023, 12));
        assert_eq!(parse_period("Marraskuu", DayMonth), None, "a month needs its year");
    }

    #[test]
    fn the_order_is_decided_from_the_data() {
        assert_eq!(decide_order(["01/02/2024", "13/02/2024"]), (DayMonth, true));
        assert_eq!(decide_order(["01/02/2024", "02/13/2024"]), (MonthDay, true));
        assert_eq!(decide_order(["01/02/2024", "02/03/2024"]), (DayMonth, false));
        assert_eq!(decide_order(["2024-01-02", "05.03.2024"]), (DayMonth, true));
    }

    #[test]
    fn excel_serials_and_weeks() {
        assert_eq!(from_excel_serial(45356.0), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(from_excel_serial(45356.75), NaiveDate::from_ymd_opt(2024, 3, 5));
        assert_eq!(from_excel_serial(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
        assert_eq!(from_excel_serial(-3.0), None);
        assert_eq!(Period::iso_week(2023, 1).unwrap().start, NaiveDate::from_ymd_opt(2023, 1, 2).unwrap());
        assert_eq!(Period::iso_week(2020, 53).unwrap().start, NaiveDate::from_ymd_opt(2020, 12, 28).unwrap());
        assert_eq!(Period::iso_week(2023, 53), None);
        assert_eq!(parse_year("2023"), Some(2023));
        assert_eq!(parse_small("17", 53), Some(17));
        assert_eq!(parse_small("54", 53), None);
        assert_eq!(parse_small("huhtikuu", 12), Some(4));
    }
}
