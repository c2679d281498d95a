//! Account ids: ASCII slugs that are safe as file names on every system — which rules out the
//! names Windows reserves for devices (`con`, `nul`, `aux`, `prn`, `com0`–`com9`, `lpt0`–`lpt9`;
//! `con.toml` is the device too). Names in any script are transliterated
//! (华东精密制造 → hua-dong-jing-mi-zhi-zao).

/// Longest id kam creates; long names are cut at a word boundary.
const MAX_LEN: usize = 60;

/// Whether `id` is a file name Windows keeps for a device, whatever follows a dot.
pub fn is_reserved(id: &str) -> bool {
    let base = id
        .split('.')
        .next()
        .unwrap_or(id)
        .trim_end_matches(' ')
        .to_ascii_lowercase();
    matches!(
        base.as_str(),
        "con" | "prn" | "aux" | "nul" | "conin$" | "conout$" | "clock$"
    ) || (base.len() == 4
        && (base.starts_with("com") || base.starts_with("lpt"))
        && base.as_bytes()[3].is_ascii_digit())
}

/// Whether a name or label fits on one line of a file: no control characters (line breaks,
/// tabs, escapes) and no line or paragraph separators.
pub fn is_one_line(s: &str) -> bool {
    !s.chars()
        .any(|c| c.is_control() || matches!(c, '\u{2028}' | '\u{2029}'))
}

/// Whether `id` is a slug: 1–80 of `a-z`, `0-9` and single inner dashes, and not a name Windows
/// reserves.
pub fn is_slug(id: &str) -> bool {
    !is_reserved(id)
        && !id.is_empty()
        && id.len() <= 80
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
}

/// Turns a name into a slug: transliterate to ASCII, lowercase, words joined by dashes.
pub fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(name, " ");
    let mut out = String::new();
    for word in ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_ascii_lowercase();
        if !out.is_empty() && out.len() + 1 + word.len() > MAX_LEN {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(MAX_LEN)]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_chinese_and_accents() {
        assert_eq!(
            slugify("华东精密制造有限公司"),
            "hua-dong-jing-mi-zhi-zao-you-xian-gong-si"
        );
        assert_eq!(slugify("Logística Peñalara S.A."), "logistica-penalara-s-a");
        assert!(is_slug(&slugify("ÅÄÖ & Co — GmbH")));
    }

    #[test]
    fn rejects_unsafe_ids() {
        for bad in ["", "../x", "a/b", "A", "a b", "-a", "a-", "a--b", "é"] {
            assert!(!is_slug(bad), "{bad:?} should not be a slug");
        }
        assert!(is_slug("acme-2"));
    }

    #[test]
    fn rejects_names_windows_reserves() {
        for bad in [
            "con", "nul", "aux", "prn", "com1", "com9", "lpt1", "lpt9", "com0", "con.txt", "NUL.toml", "Lpt3.x",
        ] {
            assert!(is_reserved(bad), "{bad:?} is reserved");
        }
        for bad in ["con", "nul", "aux", "prn", "com1", "com9", "lpt1", "lpt9"] {
            assert!(!is_slug(bad), "{bad:?} should not be a slug");
        }
        for fine in ["cons", "com", "com10", "lpt", "nul-co", "acon", "console"] {
            assert!(is_slug(fine) && !is_reserved(fine), "{fine:?} is fine");
        }
    }

    #[test]
    fn one_line_names() {
        assert!(is_one_line("华东精密制造有限公司"));
        assert!(!is_one_line("Acme\nclass = [\"strategic\"] #"));
        assert!(!is_one_line("Acme\u{1b}[2J"));
        assert!(!is_one_line("tab\there"));
        assert!(!is_one_line("a\u{2028}b"));
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let s = slugify(&"word ".repeat(40));
        assert!(s.len() <= MAX_LEN && is_slug(&s));
    }
}
