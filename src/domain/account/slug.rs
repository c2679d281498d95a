//! Account ids: ASCII slugs that are safe as file names on every system. Names in any script are
//! transliterated (华东精密制造 → hua-dong-jing-mi-zhi-zao).

/// Longest id kam creates; long names are cut at a word boundary.
const MAX_LEN: usize = 60;

/// Whether `id` is a slug: 1–80 of `a-z`, `0-9` and single inner dashes.
pub fn is_slug(id: &str) -> bool {
    !id.is_empty()
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
    fn long_names_are_cut_at_a_word() {
        let s = slugify(&"word ".repeat(40));
        assert!(s.len() <= MAX_LEN && is_slug(&s));
    }
}
