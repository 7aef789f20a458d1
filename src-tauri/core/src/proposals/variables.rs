//! `{{variables}}` in proposal texts: filled from what Avain knows, and reported (never printed raw) when a name is
//! unknown or has no value for this proposal.

use std::collections::BTreeMap;

/// The names a text may use, each with its value here, or why it has none.
pub type Values = BTreeMap<&'static str, Result<String, String>>;

/// Every variable a text may use, with what it stands for (shown in the editor's help).
pub const KNOWN: &[(&str, &str)] = &[
    ("account.name", "The account's name"),
    ("account.region", "The account's region"),
    ("tender.title", "The tender's title"),
    ("tender.reference", "The tender's reference"),
    ("proposal.title", "The proposal's title"),
    ("proposal.validity", "The validity date"),
    ("proposal.date", "The date of the proposal"),
    ("offer.net", "The offer's net total"),
    ("offer.total", "The offer's total with VAT"),
    ("offer.savings", "The discounts of the offer against list prices"),
    ("offer.items", "The number of offer lines"),
    ("sales.total_12m", "The account's purchases in the last 12 months of sales reports"),
    ("sales.growth_12m", "Their growth against the 12 months before"),
    ("sales.share", "The account's share of all our reported sales"),
    ("sales.forecast_12m", "The next 12 months at the current growth"),
    ("sales.top_product", "The account's most bought product"),
    ("company.name", "Our company"),
    ("user.name", "Your name"),
];

/// A variable that could not be filled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unfilled {
    Unknown(String),
    NoValue { name: String, why: String },
}

/// Replaces every `{{name}}` (spaces inside the braces allowed) by its value. What cannot be filled is reported and
/// shown as `[?name]` in the result, which only the preview ever shows.
pub fn fill(text: &str, values: &Values) -> (String, Vec<Unfilled>) {
    let mut out = String::with_capacity(text.len());
    let mut problems = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            // An opening without a close is text, not a variable.
            out.push_str(&rest[start..]);
            rest = "";
            break;
        };
        let name = after[..end].trim();
        match values.get(name) {
            Some(Ok(v)) => out.push_str(v),
            Some(Err(why)) => {
                problems.push(Unfilled::NoValue { name: name.to_string(), why: why.clone() });
                out.push_str(&format!("[?{name}]"));
            }
            None => {
                problems.push(Unfilled::Unknown(name.to_string()));
                out.push_str(&format!("[?{name}]"));
            }
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        let mut v = Values::new();
        v.insert("account.name", Ok("Kivilahti Hospital".into()));
        v.insert("sales.growth_12m", Err("no sales reports for this account yet".into()));
        v
    }

    #[test]
    fn known_variables_are_filled() {
        let (text, problems) = fill("Dear {{account.name}}, and {{ account.name }}.", &values());
        assert_eq!(text, "Dear Kivilahti Hospital, and Kivilahti Hospital.");
        assert!(problems.is_empty());
    }

    #[test]
    fn unknown_and_empty_variables_are_reported_never_printed_raw() {
        let (text, problems) = fill("{{acount.name}} grew {{sales.growth_12m}}", &values());
        assert!(!text.contains("{{"));
        assert_eq!(text, "[?acount.name] grew [?sales.growth_12m]");
        assert_eq!(
            problems,
            [
                Unfilled::Unknown("acount.name".into()),
                Unfilled::NoValue {
                    name: "sales.growth_12m".into(),
                    why: "no sales reports for this account yet".into()
                }
            ]
        );
    }

    #[test]
    fn braces_that_are_not_variables_stay_text() {
        assert_eq!(fill("a {{ b", &values()).0, "a {{ b");
        assert_eq!(fill("{single} }}", &values()).0, "{single} }}");
    }
}
