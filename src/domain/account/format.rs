//! The formats a single value must have, for `kam check`: an e-mail address, a web address, a
//! phone number, and a currency code (ISO 4217: three upper-case letters) with its diagnostic.

use crate::domain::account::naming::Name;
use crate::domain::diagnostic::{Code, Diagnostic};

pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains(['@', ' '])
}

pub fn is_url(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| !r.is_empty() && !r.contains(char::is_whitespace))
}

pub fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    digits >= 3
        && s.chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c) || c.is_ascii_alphabetic())
}

/// An ISO 4217 code: three upper-case letters (`CNY`, `USD`), so one currency is never two.
pub fn is_currency(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase())
}

pub fn bad_currency(code: &str, span: std::ops::Range<usize>, what: Name<'_>) -> Diagnostic {
    let help = if code.trim().len() == 3 && code.trim().chars().all(|c| c.is_ascii_alphabetic()) {
        format!(
            "currency codes (ISO 4217) are three upper-case letters: write \"{}\"",
            code.trim().to_ascii_uppercase()
        )
    } else {
        "currency codes (ISO 4217) are three upper-case letters, e.g. \"CNY\", \"USD\", \"EUR\"".to_string()
    };
    Diagnostic::error(
        Code::Malformed,
        span,
        format!("`{code}` is not a currency code (the currency of {what})"),
    )
    .with_help(help)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_email("li.wei@example.com"));
        assert!(!is_email("li.wei@example"));
        assert!(!is_email("@example.com"));
        assert!(is_url("https://example.com/x"));
        assert!(!is_url("example.com"));
        assert!(is_phone("+86 21 5555-0100"));
        assert!(is_phone("+34 91 123 45 67 ext 12"));
        assert!(!is_phone("n/a"));
        assert!(is_currency("USD"));
        assert!(!is_currency("usd"));
        assert!(!is_currency("Usd"));
        assert!(!is_currency("US"));
        assert!(!is_currency("人民币"));
    }
}
