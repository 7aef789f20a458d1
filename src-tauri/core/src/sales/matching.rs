//! Matching what a report calls a customer or a product to Avain's accounts and SKUs: codes first (a code once
//! linked stays linked), then names compared in a normalised form, then fuzzy suggestions the user confirms.

use super::text::normalise;

/// Legal forms and filler words that differ between how a sender and the KAM write one name.
const NOISE: &[&str] = &[
    "oy", "oyj", "ab", "ltd", "llc", "inc", "gmbh", "as", "asa", "ky", "tmi", "ry", "the", "ооо", "оао", "зао", "ао",
    "пао", "ип", "гуп", "гбуз", "гауз", "фгуп",
];

/// The form two names are compared in: lower case, no punctuation, no legal forms, words sorted.
pub fn match_key(name: &str) -> String {
    let norm = normalise(name);
    let mut words: Vec<&str> = norm.split(' ').filter(|w| !w.is_empty() && !NOISE.contains(w)).collect();
    words.sort_unstable();
    words.join(" ")
}

fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        1.0
    } else if a.chars().count() >= 4 && b.chars().count() >= 4 && (a.contains(b) || b.contains(a)) {
        // "sairaala" in "keskussairaala", "ks" is too short to count.
        0.9
    } else {
        strsim::jaro_winkler(a, b)
    }
}

/// How well every word of `a` finds a counterpart in `b`, on average.
fn coverage(a: &[&str], b: &[&str]) -> f64 {
    a.iter().map(|wa| b.iter().map(|wb| word_similarity(wa, wb)).fold(0.0, f64::max)).sum::<f64>() / a.len() as f64
}

/// How alike two names are, 0.0–1.0: the whole names compared, or word by word both ways (so that reordered
/// words and compounds still match, but a short name is not "like" every longer name that contains it).
pub fn similarity(a: &str, b: &str) -> f64 {
    let (ka, kb) = (match_key(a), match_key(b));
    if ka.is_empty() || kb.is_empty() {
        return 0.0;
    }
    let wa: Vec<&str> = ka.split(' ').collect();
    let wb: Vec<&str> = kb.split(' ').collect();
    // Whole-name similarity only for one-word names: for longer ones a shared first word ("Apteekki …") would make
    // every pharmacy look alike.
    if wa.len() == 1 && wb.len() == 1 {
        return strsim::jaro_winkler(&ka, &kb);
    }
    coverage(&wa, &wb).min(coverage(&wb, &wa))
}

/// The best candidates for `name` among `(id, name)` pairs, most alike first, at least `threshold` alike.
pub fn suggest<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = (i64, &'a str)>,
    threshold: f64,
    limit: usize,
) -> Vec<(i64, String, f64)> {
    let mut scored: Vec<(i64, String, f64)> = candidates
        .into_iter()
        .map(|(id, n)| (id, n.to_string(), similarity(name, n)))
        .filter(|(_, _, s)| *s >= threshold)
        .collect();
    scored.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    scored.truncate(limit);
    scored
}

/// The kind of account a reported customer name suggests.
pub fn guess_account_kind(name: &str) -> crate::types::AccountKind {
    use crate::types::AccountKind::*;
    let n = normalise(name);
    let has = |words: &[&str]| n.split(' ').any(|w| words.iter().any(|x| w.contains(x)));
    if has(&["sairaala", "hospital", "sjukhus", "больниц", "госпитал", "клиник", "clinic", "klinik"])
    {
        Hospital
    } else if has(&["apteekki", "pharmacy", "apotek", "аптек"]) {
        Pharmacy
    } else if has(&["tukku", "wholesale", "distribut", "grossist", "дистриб"]) {
        Distributor
    } else {
        Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_across_legal_forms_and_order() {
        assert_eq!(match_key("Apteekki Keskusta Oy"), match_key("KESKUSTA, Apteekki"));
        assert_eq!(match_key("ООО «Аптека Здоровье»"), match_key("аптека здоровье"));
        assert!(similarity("Kivilahden keskussairaala", "Kivilahti keskussairaala") > 0.9);
        assert!(similarity("Apteekki Keskusta", "Sairaala Pohjoinen") < 0.7);
        assert!(similarity("Apteekki Tuntematon", "Apteekki Aalto") < 0.8, "a shared first word is not a match");
        let s =
            suggest("Kivilahden kesk.sairaala", [(1, "Kivilahden keskussairaala"), (2, "Pohjoisen apteekki")], 0.8, 3);
        assert_eq!(s.iter().map(|x| x.0).collect::<Vec<_>>(), [1]);
    }
}
