//! Account ids: ASCII slugs that are safe as file names on every system — which rules out the
//! names Windows reserves for devices (`con`, `nul`, `aux`, `prn`, `com0`–`com9`, `lpt0`–`lpt9`;
//! `con.toml` is the device too). Names in any script are transliterated
//! (华东精密制造 → hua-dong-jing-mi-zhi-zao). Ids kam makes are short: the legal form is dropped
//! (有限公司, S.A. de C.V., `GmbH`, Ltd …) and the length limited at a word.

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

/// Turns a name into a slug: transliterate to ASCII (Chinese in its common readings: see
/// [`super::pinyin`]), lowercase, words joined by dashes.
pub fn slugify(name: &str) -> String {
    slug_of(name, false)
}

fn slug_of(name: &str, person: bool) -> String {
    let ascii = deunicode::deunicode_with_tofu(&super::pinyin::readings(name, person), " ");
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

/// Legal-form suffixes, as slug words, longest first within a family. Chinese ones are in pinyin
/// (有限公司 → you-xian-gong-si), as transliteration leaves them.
const LEGAL_FORMS: &[&[&str]] = &[
    &["gu", "fen", "you", "xian", "gong", "si"],
    &["you", "xian", "ze", "ren", "gong", "si"],
    &["you", "xian", "gong", "si"],
    &["gu", "fen", "gong", "si"],
    &["gong", "si"],
    &["zhu", "shi", "hui", "she"],
    &["s", "a", "p", "i", "de", "c", "v"],
    &["s", "a", "b", "de", "c", "v"],
    &["sapi", "de", "cv"],
    &["sab", "de", "cv"],
    &["s", "de", "rl", "de", "cv"],
    &["s", "de", "r", "l", "de", "c", "v"],
    &["s", "a", "de", "c", "v"],
    &["sa", "de", "cv"],
    &["s", "de", "r", "l"],
    &["s", "l", "u"],
    &["s", "a", "s"],
    &["s", "a", "c"],
    &["s", "r", "l"],
    &["s", "r", "o"],
    &["s", "p", "a"],
    &["sp", "z", "o", "o"],
    &["s", "a"],
    &["s", "l"],
    &["l", "l", "c"],
    &["b", "v"],
    &["n", "v"],
    &["a", "s"],
    &["pty", "ltd"],
    &["gmbh"],
    &["ag"],
    &["aktiengesellschaft"],
    &["kg"],
    &["ltd"],
    &["ltda"],
    &["limited"],
    &["inc"],
    &["incorporated"],
    &["corp"],
    &["corporation"],
    &["llc"],
    &["llp"],
    &["plc"],
    &["bv"],
    &["nv"],
    &["sas"],
    &["sarl"],
    &["srl"],
    &["spa"],
    &["oy"],
    &["ab"],
    &["asa"],
    &["kk"],
    &["kft"],
    &["co"],
    &["company"],
];

/// A short id made from a name: transliterated, the legal form dropped, at most `max` bytes cut at
/// a word (`华东精密制造有限公司` → `hua-dong-jing-mi-zhi-zao`, `Acme Trading Co., Ltd.` → `acme-trading`).
pub fn short_id(name: &str, max: usize) -> String {
    shorten(&slugify(name), max)
}

/// [`short_id`] for a person: the first character of a Chinese name is read as a surname
/// (单 → shan).
pub fn person_id(name: &str, max: usize) -> String {
    shorten(&slug_of(name, true), max)
}

fn shorten(full: &str, max: usize) -> String {
    let mut words: Vec<&str> = full.split('-').filter(|w| !w.is_empty()).collect();
    loop {
        let before = words.len();
        for form in LEGAL_FORMS {
            if words.len() > form.len() && words.ends_with(form) {
                words.truncate(words.len() - form.len());
                break;
            }
        }
        // "GmbH & Co. KG", "Co., Ltd.": forms come in pairs; strip until none is left.
        if words.len() == before {
            break;
        }
    }
    let mut out = String::new();
    for word in words {
        if !out.is_empty() && out.len() + 1 + word.len() > max {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word[..word.len().min(max)]);
    }
    out
}

/// `base`, or `base-2`, `base-3` … the first that `taken` does not hold.
pub fn unique(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..=u32::MAX)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| !taken(candidate))
        .unwrap_or_default()
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
    fn short_ids_drop_the_legal_form_and_stay_short() {
        assert_eq!(short_id("华东精密制造有限公司", 32), "hua-dong-jing-mi-zhi-zao");
        assert_eq!(
            short_id("江苏康源医药物流股份有限公司", 32),
            "jiang-su-kang-yuan-yi-yao-wu-liu"
        );
        assert_eq!(short_id("La Huerta del Bajío S.A. de C.V.", 32), "la-huerta-del-bajio");
        assert_eq!(short_id("Acme Trading Co., Ltd.", 32), "acme-trading");
        assert_eq!(short_id("Müller Antriebe GmbH & Co. KG", 32), "muller-antriebe");
        assert_eq!(short_id("Ltd", 32), "ltd", "a name that is only a legal form stays");
        assert_eq!(short_id("徐青", 24), "xu-qing");
        let long = short_id("Compañía Industrial de Refacciones y Maquinaria Agrícola del Norte", 32);
        assert!(long.len() <= 32 && is_slug(&long), "{long}");
        assert_eq!(unique("acme", |c| c == "acme" || c == "acme-2"), "acme-3");
        assert_eq!(unique("acme", |_| false), "acme");
    }

    #[test]
    fn names_make_the_ids_a_user_expects() {
        let cases = [
            // Common readings where the transliteration table reads otherwise.
            ("江苏宁州新能源科技股份有限公司", "jiang-su-ning-zhou-xin-neng-yuan"),
            ("宁波港集团", "ning-bo-gang-ji-tuan"),
            ("辽宁重工", "liao-ning-zhong-gong"),
            ("重庆钢铁", "chong-qing-gang-tie"),
            ("厦门航空有限公司", "xia-men-hang-kong"),
            ("广州汽车集团", "guang-zhou-qi-che-ji-tuan"),
            ("中国工商银行", "zhong-guo-gong-shang-yin-hang"),
            ("长沙远大", "chang-sha-yuan-da"),
            ("西藏天路", "xi-zang-tian-lu"),
            ("广州番禺电缆", "guang-zhou-pan-yu-dian-lan"),
            ("六安钢铁", "lu-an-gang-tie"),
            ("蚌埠玻璃工业设计研究院", "beng-bu-bo-li-gong-ye-she-ji-yan"),
            ("武汉钢铁", "wu-han-gang-tie"),
            ("东莞玩具厂", "dong-guan-wan-ju-chang"),
            ("沈阳机床", "shen-yang-ji-chuang"),
            ("万科企业股份有限公司", "wan-ke-qi-ye"),
            ("乐清电器", "yue-qing-dian-qi"),
            ("乐山电力", "le-shan-dian-li"),
            ("成都银河大厦", "cheng-du-yin-he-da-sha"),
            // Legal forms dropped whole.
            ("Grupo Industrial Saltillo, S.A.B. de C.V.", "grupo-industrial-saltillo"),
            ("Alimentos del Norte, S.A. de C.V.", "alimentos-del-norte"),
            ("Refacciones Monterrey, S. de R.L. de C.V.", "refacciones-monterrey"),
            ("Promotora Bajío, S.A.P.I. de C.V.", "promotora-bajio"),
            ("Comercial Andina Ltda.", "comercial-andina"),
            ("Müller Antriebe GmbH", "muller-antriebe"),
            ("Siemens AG", "siemens"),
            ("Siemens Aktiengesellschaft", "siemens"),
            ("Acme Inc.", "acme"),
            ("Acme Widgets LLC", "acme-widgets"),
            ("Acme Trading Ltd.", "acme-trading"),
        ];
        for (name, id) in cases {
            assert_eq!(short_id(name, 32), id, "{name}");
        }
        // People: the first character of a Chinese name is read as a surname.
        for (name, id) in [
            ("欧阳娜娜", "ou-yang-na-na"),
            ("曾国藩", "zeng-guo-fan"),
            ("单雄信", "shan-xiong-xin"),
            ("解缙", "xie-jin"),
            ("查良镛", "zha-liang-yong"),
            ("仇英", "qiu-ying"),
            ("朴槿惠", "piao-jin-hui"),
            ("翟志刚", "zhai-zhi-gang"),
            ("区志明", "qu-zhi-ming"),
            ("石磊", "shi-lei"),
        ] {
            assert_eq!(person_id(name, 24), id, "{name}");
        }
        assert_eq!(short_id("检查单位", 24), "jian-cha-dan-wei");
    }

    #[test]
    fn long_names_are_cut_at_a_word() {
        let s = slugify(&"word ".repeat(40));
        assert!(s.len() <= MAX_LEN && is_slug(&s));
    }
}
