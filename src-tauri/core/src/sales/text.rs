//! Reading single values the way a report writes them: missing-value markers, numbers with any decimal and
//! thousands style, and the words that mark total rows.

/// How a column writes its decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DecimalStyle {
    /// `1 234,56`, `1.234,56`
    Comma,
    /// `1,234.56`, `1 234.56`
    Point,
}

const MISSING: &[&str] = &[
    "", "na", "n/a", "n.a.", "#n/a", "nan", "null", "none", "-", "–", "—", "--", ".", "..", "...", "(s)", "(na)", "x",
    "*", "?", "#value!", "#div/0!", "#ref!",
];

/// Markers reports use for "no value". A lone space counts too. Runs on every cell, so it never allocates.
pub fn is_missing(text: &str) -> bool {
    // Most cells are longer than any marker and have nothing to trim: answer those without trimming.
    let b = text.as_bytes();
    if b.len() > 7 && b[0].is_ascii_graphic() && b[b.len() - 1].is_ascii_graphic() {
        return false;
    }
    let t = text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    t.len() <= 7 && MISSING.iter().any(|m| m.eq_ignore_ascii_case(t))
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’' | '`')
}

/// Parses a number written with `style`'s decimal separator; thousands groups may be separated by spaces
/// (also no-break and thin spaces), apostrophes, or the other of `.`/`,`. Accepts a leading or trailing minus,
/// accounting parentheses `(12,50)`, a leading `+`, and a currency sign or code next to the number.
pub fn parse_number(text: &str, style: DecimalStyle) -> Option<f64> {
    let mut t = text.trim();
    if t.is_empty() {
        return None;
    }
    let mut negative = false;
    if t.starts_with('(') && t.ends_with(')') {
        negative = true;
        t = t[1..t.len() - 1].trim();
    }
    t = strip_currency(t);
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('−')) {
        negative = !negative;
        t = rest.trim_start();
    } else if let Some(rest) = t.strip_suffix('-') {
        negative = !negative;
        t = rest.trim_end();
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest.trim_start();
    }
    t = strip_currency(t);
    let (decimal, group) = match style {
        DecimalStyle::Comma => (',', '.'),
        DecimalStyle::Point => ('.', ','),
    };
    // The number is rebuilt in a small buffer on the stack: this runs for every figure of every row.
    let mut out = [0u8; 64];
    let mut len = 0usize;
    let mut push = |b: u8| -> Option<()> {
        *out.get_mut(len)? = b;
        len += 1;
        Some(())
    };
    let mut seen_decimal = false;
    let mut seen_exponent = false;
    let mut last = 0u8;
    let mut digits_since_group: Option<usize> = None;
    let mut digits = 0usize;
    for c in t.chars() {
        if c.is_ascii_digit() {
            push(c as u8)?;
            last = c as u8;
            digits += 1;
            if let Some(n) = digits_since_group.as_mut() {
                *n += 1;
            }
        } else if c == decimal && !seen_decimal && !seen_exponent {
            if digits_since_group.is_some_and(|n| n != 3) {
                return None;
            }
            seen_decimal = true;
            digits_since_group = None;
            push(b'.')?;
            last = b'.';
        } else if (c == group || is_group_space(c)) && !seen_decimal && !seen_exponent && digits > 0 {
            // A thousands separator must come after 1–3 digits (first group) or exactly 3 (later groups).
            if digits_since_group.is_some_and(|n| n != 3) {
                return None;
            }
            digits_since_group = Some(0);
        } else if (c == 'e' || c == 'E') && digits > 0 && !seen_exponent {
            seen_exponent = true;
            push(b'e')?;
            last = b'e';
            digits_since_group = None;
        } else if (c == '-' || c == '+') && last == b'e' {
            push(c as u8)?;
            last = c as u8;
        } else {
            return None;
        }
    }
    if digits_since_group.is_some_and(|n| n != 3) || digits == 0 {
        return None;
    }
    let value: f64 = std::str::from_utf8(&out[..len]).ok()?.parse().ok()?;
    value.is_finite().then_some(if negative { -value } else { value })
}

fn strip_currency(t: &str) -> &str {
    if t.starts_with(|c: char| c.is_ascii_digit()) && t.ends_with(|c: char| c.is_ascii_digit()) {
        return t;
    }
    const SIGNS: &[&str] =
        &["€", "$", "£", "₽", "eur", "EUR", "usd", "USD", "rub", "RUB", "руб.", "руб", "р.", "kr", "SEK"];
    let mut t = t.trim();
    for s in SIGNS {
        if let Some(rest) = t.strip_suffix(s) {
            t = rest.trim_end();
        }
        if let Some(rest) = t.strip_prefix(s) {
            t = rest.trim_start();
        }
    }
    t
}

/// Evidence one written number gives about the decimal style: `Some(style)` only when it can be read one way.
pub fn decimal_evidence(text: &str) -> Option<DecimalStyle> {
    let t = text.trim();
    let (comma, point) = (t.rfind(','), t.rfind('.'));
    match (comma, point) {
        (Some(c), Some(p)) => Some(if c > p { DecimalStyle::Comma } else { DecimalStyle::Point }),
        (Some(c), None) => {
            let after = t[c + 1..].chars().take_while(|ch| ch.is_ascii_digit()).count();
            // "1,234" could be either; "12,5" or "1,2345" or "1,234,567" cannot.
            if t.matches(',').count() > 1 {
                Some(DecimalStyle::Point)
            } else if after != 3 || t[..c].trim_start_matches('-').is_empty() || t[..c].trim_start_matches('-') == "0" {
                Some(DecimalStyle::Comma)
            } else {
                None
            }
        }
        (None, Some(p)) => {
            let after = t[p + 1..].chars().take_while(|ch| ch.is_ascii_digit()).count();
            if t.matches('.').count() > 1 {
                Some(DecimalStyle::Comma)
            } else if after != 3 || t[..p].trim_start_matches('-').is_empty() || t[..p].trim_start_matches('-') == "0" {
                Some(DecimalStyle::Point)
            } else {
                None
            }
        }
        (None, None) => None,
    }
}

/// Lower-cased, with punctuation turned to spaces and whitespace collapsed: the form header synonyms and names
/// are compared in.
/// The first field of `table` whose words a header uses: a whole word, or (for words of four letters or more) the
/// start or end of a compound ("Tarjouspyyntö" → "pyyntö"); "%" matches a header with a percent sign.
pub fn field_from_words<F: Copy>(header: &str, table: &[(F, &[&str])]) -> Option<F> {
    let norm = normalise(header);
    let tokens: Vec<&str> = norm.split(' ').filter(|t| !t.is_empty()).collect();
    let percent = header.contains('%');
    table.iter().find_map(|(field, words)| {
        words
            .iter()
            .any(|w| {
                *w == "%" && percent
                    || tokens.iter().any(|t| {
                        t == w
                            || (w.chars().count() >= 4
                                && t.chars().count() > w.chars().count()
                                && (t.starts_with(w) || t.ends_with(w)))
                    })
            })
            .then_some(*field)
    })
}

pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '€' {
            out.push(if c == 'ё' { 'е' } else { c });
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A row whose label is one of these words alone is a total.
const TOTAL_ALONE: &[&str] = &[
    "total",
    "totals",
    "subtotal",
    "sum",
    "overall",
    "all",
    "yhteensä",
    "yht",
    "summa",
    "välisumma",
    "kaikki",
    "kokonaissumma",
    "totalt",
    "delsumma",
    "alla",
    "итого",
    "итог",
    "всего",
    "сумма",
];
/// A label starting with one of these is a total ("Total A10", "Итого по аптеке").
const TOTAL_FIRST: &[&str] =
    &["total", "subtotal", "yhteensä", "summa", "totalt", "итого", "всего", "итог", "välisumma", "delsumma"];
/// A label ending with one of these is a total ("Grand total", "Apteekki 12 yhteensä", "Общий итог").
const TOTAL_LAST: &[&str] = &["total", "totals", "yhteensä", "totalt", "итого", "итог", "yht"];

fn same_word(word: &str, lower: &str) -> bool {
    // Case changes keep the byte length for the letters of these words (Latin, ä/ö, Cyrillic), so a length
    // mismatch rejects almost every word at once.
    word.len() == lower.len() && word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Whether a cell's text says its row is a total: "Total", "Yhteensä", "Итого по аптеке", "Summa:", ... Checked
/// on every label of every row, so it compares words in place instead of building lower-cased copies.
pub fn is_total_label(text: &str) -> bool {
    // Figures, dates and codes start with a digit; no total label does.
    if text.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // Words are runs of letters and digits: only the first and the last matter.
    let separator = |c: char| !c.is_alphanumeric();
    let t = text.trim_matches(separator);
    let Some(first_end) = t.find(separator) else {
        return !t.is_empty() && TOTAL_ALONE.iter().any(|w| same_word(t, w));
    };
    let first = &t[..first_end];
    let last = t.rsplit(separator).next().unwrap_or("");
    TOTAL_FIRST.iter().any(|w| same_word(first, w)) || TOTAL_LAST.iter().any(|w| same_word(last, w))
}

#[cfg(test)]
mod tests {
    use super::DecimalStyle::{Comma, Point};
    use super::*;

    #[test]
    fn missing_markers() {
        for m in ["", " ", "NA", "n/a", "-", "—", "(S)", "..", "#N/A", "null", "\u{feff}"] {
            assert!(is_missing(m), "{m:?}");
        }
        for v in ["0", "A", "NA1", "(NA) NA"] {
            assert!(!is_missing(v), "{v:?}");
        }
    }

    #[test]
    fn numbers_in_every_style() {
        assert_eq!(parse_number("31327830,43", Comma), Some(31327830.43));
        assert_eq!(parse_number("1 234,50", Comma), Some(1234.5));
        assert_eq!(parse_number("1\u{a0}234\u{a0}567,5", Comma), Some(1234567.5));
        assert_eq!(parse_number("1\u{202f}234,5", Comma), Some(1234.5));
        assert_eq!(parse_number("1.234.567,89", Comma), Some(1234567.89));
        assert_eq!(parse_number("1'234.50", Point), Some(1234.5));
        assert_eq!(parse_number("1,234,567.89", Point), Some(1234567.89));
        assert_eq!(parse_number("-12,5", Comma), Some(-12.5));
        assert_eq!(parse_number("12,5-", Comma), Some(-12.5));
        assert_eq!(parse_number("(1 200,00)", Comma), Some(-1200.0));
        assert_eq!(parse_number("1 234,50 €", Comma), Some(1234.5));
        assert_eq!(parse_number("€1,234.50", Point), Some(1234.5));
        assert_eq!(parse_number("250 руб.", Comma), Some(250.0));
        assert_eq!(parse_number("007", Point), Some(7.0));
        assert_eq!(parse_number("1.5E3", Point), Some(1500.0));
        // Groups of the wrong size are not numbers (probably a code or a date).
        assert_eq!(parse_number("1.23.4", Comma), None);
        assert_eq!(parse_number("12 34", Comma), None);
        assert_eq!(parse_number("01.02.2024", Comma), None);
        assert_eq!(parse_number("abc", Point), None);
        assert_eq!(parse_number("12,5", Point), None);
        assert_eq!(parse_number("", Point), None);
        assert_eq!(parse_number("-", Point), None);
    }

    #[test]
    fn decimal_style_evidence() {
        assert_eq!(decimal_evidence("12,5"), Some(Comma));
        assert_eq!(decimal_evidence("1.234,5"), Some(Comma));
        assert_eq!(decimal_evidence("1,234.5"), Some(Point));
        assert_eq!(decimal_evidence("12.50"), Some(Point));
        assert_eq!(decimal_evidence("1.234.567"), Some(Comma));
        assert_eq!(decimal_evidence("0,234"), Some(Comma));
        assert_eq!(decimal_evidence("1,234"), None);
        assert_eq!(decimal_evidence("1234"), None);
    }

    #[test]
    fn total_labels_in_four_languages() {
        for t in [
            "Total",
            "TOTAL:",
            "Grand total",
            "Yhteensä",
            "Apteekki 12 yhteensä",
            "Summa",
            "Totalt",
            "Итого",
            "Итого по аптеке",
            "Всего",
            "Subtotal A10",
        ] {
            assert!(is_total_label(t), "{t}");
        }
        for t in ["Totalcare Oy", "Apteekki Summanen", "Insulin", "Итоговая аптека", ""] {
            assert!(!is_total_label(t), "{t}");
        }
    }

    #[test]
    fn normalised_text() {
        assert_eq!(normalise("  Myynti (EUR) "), "myynti eur");
        assert_eq!(normalise("VAR_KUSTANNUS"), "var kustannus");
        assert_eq!(normalise("Кол-во, шт."), "кол во шт");
    }
}
