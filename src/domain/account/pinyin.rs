//! The common Mandarin readings of Chinese characters that the transliteration table reads
//! otherwise (it gives a classical or rare reading: 宁 → zhu, 厦 → sha, 广 → yan, 汉 → yi):
//! words first (重庆 → chong-qing, 银行 → yin-hang), then single characters, for the places,
//! companies and people whose names make account and contact ids. Only what the table gets
//! wrong is listed; each entry is checked against it in the tests. A person's name may read its
//! first character as a surname (单 → shan, 解 → xie). 区 stays qu: ou, the surname, is rare.

/// Words whose reading differs from that of their characters one by one, longest first where
/// one holds another.
const WORDS: &[(&str, &str)] = &[
    ("重庆", "chong qing"),
    ("大厦", "da sha"),
    ("广厦", "guang sha"),
    ("银行", "yin hang"),
    ("商行", "shang hang"),
    ("车行", "che hang"),
    ("行业", "hang ye"),
    ("西藏", "xi zang"),
    ("宝藏", "bao zang"),
    ("音乐", "yin yue"),
    ("乐清", "yue qing"),
    ("番禺", "pan yu"),
    ("六安", "lu an"),
    ("六合", "lu he"),
    ("蚌埠", "beng bu"),
    ("朝阳", "chao yang"),
    ("黄陂", "huang pi"),
    ("会稽", "kuai ji"),
    ("尉迟", "yu chi"),
    ("万俟", "mo qi"),
    ("单县", "shan xian"),
];

/// Characters whose usual reading differs from the table's.
const CHARS: &[(char, &str)] = &[
    ('宁', "ning"),
    ('厦', "xia"),
    ('娜', "na"),
    ('广', "guang"),
    ('曾', "zeng"),
    ('朴', "pu"),
    ('翟', "zhai"),
    ('万', "wan"),
    ('厂', "chang"),
    ('汉', "han"),
    ('莞', "guan"),
    ('沈', "shen"),
    ('种', "zhong"),
    ('差', "cha"),
    ('柏', "bai"),
    ('缪', "miao"),
    ('着', "zhe"),
    ('了', "le"),
];

/// Surnames read otherwise than the character in other words, at the start of a person's name.
const SURNAMES: &[(char, &str)] = &[
    ('单', "shan"),
    ('解', "xie"),
    ('查', "zha"),
    ('仇', "qiu"),
    ('朴', "piao"),
    ('盖', "ge"),
];

/// `name` with the characters the table misreads replaced by their reading between spaces; the
/// rest is left to the table. `person`: the name is a person's, its first character a surname.
pub fn readings(name: &str, person: bool) -> String {
    let mut out = String::with_capacity(name.len() * 2);
    let mut rest = name;
    let mut first = person;
    while let Some(c) = rest.chars().next() {
        let surname = first.then(|| SURNAMES.iter().find(|(s, _)| *s == c)).flatten();
        first = false;
        if let Some((s, reading)) = surname {
            push(&mut out, reading);
            rest = &rest[s.len_utf8()..];
        } else if let Some((word, reading)) = WORDS.iter().find(|(w, _)| rest.starts_with(w)) {
            push(&mut out, reading);
            rest = &rest[word.len()..];
        } else if let Some((_, reading)) = CHARS.iter().find(|(ch, _)| *ch == c) {
            push(&mut out, reading);
            rest = &rest[c.len_utf8()..];
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn push(out: &mut String, reading: &str) {
    out.push(' ');
    out.push_str(reading);
    out.push(' ');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(s: &str) -> String {
        deunicode::deunicode(s).to_lowercase()
    }

    #[test]
    fn every_override_corrects_the_table() {
        for (word, reading) in WORDS {
            let by_chars: String = word
                .chars()
                .map(|c| {
                    CHARS
                        .iter()
                        .find(|(ch, _)| *ch == c)
                        .map_or_else(|| table(&c.to_string()), |(_, r)| (*r).to_string())
                })
                .collect::<Vec<_>>()
                .join(" ");
            assert_ne!(by_chars, *reading, "{word}: the characters already read {reading}");
        }
        for (c, reading) in CHARS.iter().chain(SURNAMES) {
            assert_ne!(
                table(&c.to_string()),
                *reading,
                "{c}: the table already reads {reading}"
            );
        }
    }

    #[test]
    fn words_before_characters_and_surnames_only_first() {
        assert_eq!(readings("南宁", false), "南 ning ");
        assert_eq!(readings("厦门大厦", false), " xia 门 da sha ");
        assert_eq!(readings("单单", true), " shan 单");
        assert_eq!(readings("单单", false), "单单");
        assert_eq!(readings("Acme", true), "Acme");
    }
}
