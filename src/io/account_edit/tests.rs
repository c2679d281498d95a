//! Unit tests of the account file edit: exact output for the shapes a hand-kept file takes.

use chrono::NaiveDate;

use super::*;
use crate::domain::gate::transition::Step;
use toml_edit::Document;

fn move_to(from: &str, to: &str, note: Option<&str>) -> Transition {
    Transition {
        from: from.into(),
        to: to.into(),
        date: NaiveDate::from_ymd_opt(2026, 11, 25).unwrap(),
        by: "li.wei".into(),
        note: note.map(Into::into),
        reason: None,
        step: Step::Forward,
        gate: None,
    }
}

const RECORD: &str = "[[history]]\nfrom = \"qualify\"\nto = \"demo\"\ndate = 2026-11-25\nby = \"li.wei\"\n";

#[test]
fn changes_only_the_stage_value_and_appends_the_record() {
    let text = "# head\nid = \"a\"\nstage   =  \"qualify\"   # → demo\n\n[company]\nname = \"x\"\n";
    let out = apply(text, &move_to("qualify", "demo", None)).unwrap();
    let expected = format!("# head\nid = \"a\"\nstage   =  \"demo\"   # → demo\n\n[company]\nname = \"x\"\n\n{RECORD}");
    assert_eq!(out, expected);
}

#[test]
fn keeps_crlf_and_a_literal_stage() {
    let text = "id = 'a'\r\nstage = 'qualify'\r\n";
    let out = apply(text, &move_to("qualify", "demo", None)).unwrap();
    assert_eq!(
        out,
        format!("id = 'a'\r\nstage = 'demo'\r\n\r\n{}", RECORD.replace('\n', "\r\n"))
    );
}

#[test]
fn ends_a_last_line_without_newline_first() {
    let out = apply("stage = \"qualify\"", &move_to("qualify", "demo", None)).unwrap();
    assert_eq!(out, format!("stage = \"demo\"\n\n{RECORD}"));
}

#[test]
fn follows_the_style_of_the_last_record() {
    let text = "stage = \"demo\"\n[[history]]\n  to = \"demo\"\n  date = 2026-01-01\n";
    let out = apply(text, &move_to("demo", "assess", None)).unwrap();
    assert_eq!(
        out,
        "stage = \"assess\"\n[[history]]\n  to = \"demo\"\n  date = 2026-01-01\n[[history]]\n  from = \"demo\"\n  to = \"assess\"\n  date = 2026-11-25\n  by = \"li.wei\"\n"
    );
}

#[test]
fn does_not_double_a_trailing_blank_line() {
    let out = apply("stage = \"qualify\"\n\n", &move_to("qualify", "demo", None)).unwrap();
    assert_eq!(out, format!("stage = \"demo\"\n\n{RECORD}"));
}

#[test]
fn escapes_notes_onto_one_line() {
    let out = apply(
        "stage = \"qualify\"\n",
        &move_to("qualify", "demo", Some("said \"yes\"\nback\\slash 华东")),
    )
    .unwrap();
    assert!(
        out.ends_with("note = \"said \\\"yes\\\"\\nback\\\\slash 华东\"\n"),
        "{out}"
    );
    let doc = Document::parse(out.as_str()).unwrap();
    let note = doc["history"][0]["note"].as_str().unwrap().to_string();
    assert_eq!(note, "said \"yes\"\nback\\slash 华东");
}

#[test]
fn extends_an_inline_history_array() {
    let one_line = "stage = \"demo\"\nhistory = [{ to = \"demo\", date = 2026-01-01 }]\n";
    let out = apply(one_line, &move_to("demo", "assess", None)).unwrap();
    assert_eq!(
        out,
        "stage = \"assess\"\nhistory = [{ to = \"demo\", date = 2026-01-01 }, { from = \"demo\", to = \"assess\", date = 2026-11-25, by = \"li.wei\" }]\n"
    );
    let multi = "stage = \"demo\"\r\nhistory = [\r\n  { to = \"demo\" },\r\n]\r\n";
    let out = apply(multi, &move_to("demo", "assess", None)).unwrap();
    assert_eq!(
        out,
        "stage = \"assess\"\r\nhistory = [\r\n  { to = \"demo\" },\r\n  { from = \"demo\", to = \"assess\", date = 2026-11-25, by = \"li.wei\" },\r\n]\r\n"
    );
    let empty = apply("stage = \"qualify\"\nhistory = []\n", &move_to("qualify", "demo", None)).unwrap();
    assert_eq!(
        empty,
        "stage = \"demo\"\nhistory = [{ from = \"qualify\", to = \"demo\", date = 2026-11-25, by = \"li.wei\" }]\n"
    );
}

#[test]
fn refuses_a_history_it_cannot_extend() {
    for text in [
        "stage = \"qualify\"\n[history]\nx = 1\n",
        "stage = \"qualify\"\nhistory = [1]\n",
    ] {
        let err = apply(text, &move_to("qualify", "demo", None)).unwrap_err().to_string();
        assert!(err.contains("`history` is not a list"), "{err}");
    }
    let err = apply("id = \"a\"\n", &move_to("qualify", "demo", None))
        .unwrap_err()
        .to_string();
    assert!(err.contains("no `stage"), "{err}");
}

#[test]
fn writes_strings_toml_reads_back() {
    for s in ["plain", "it's", "tab\there", "bell\u{7}", "ünï 大客户"] {
        for literal in [false, true] {
            let repr = string(s, literal);
            let doc = Document::parse(format!("v = {repr}")).unwrap();
            assert_eq!(doc["v"].as_str(), Some(s), "{repr}");
        }
    }
}

fn set_in(text: &str, table: &str, key: &str, value: Lit) -> String {
    let layout = Layout {
        sections: ["company", "finance", "procurement", "expectation"]
            .map(String::from)
            .to_vec(),
    };
    let op = Op::Set {
        table: vec![crate::domain::edit::Step::Key(table.into())],
        key: key.into(),
        value,
    };
    apply_ops(text, &[op], &layout).unwrap()
}

/// The shape `kam new` writes: each section with its commented placeholders, commented records.
const NEW_FILE: &str = "id = \"a\"\nname = \"A\"\n\n[company]  # Company\n# industry = \"\"          # Industry — required from stage demo\n# employees = 0           # Employees\n\n[procurement]  # Need and procurement\n# need = \"\"              # Potential need\n# concerns = []           # Concern ranking\n\n# [[contacts]]  # Contacts\n# id = \"\"                 # Id\n";

#[test]
fn a_key_takes_the_line_of_its_commented_placeholder() {
    let out = set_in(NEW_FILE, "company", "employees", Lit::Int(120));
    assert_eq!(
        out,
        NEW_FILE.replace(
            "# employees = 0           # Employees",
            "employees = 120           # Employees"
        )
    );
    // A wide value keeps two spaces before the explanation; CJK counts double.
    let out = set_in(NEW_FILE, "company", "industry", Lit::Str("精密机械制造".into()));
    assert!(
        out.contains("\nindustry = \"精密机械制造\"  # Industry — required from stage demo\n# employees"),
        "{out}"
    );
    // The next key of the same table takes its own placeholder, below the first.
    let out = set_in(&out, "company", "employees", Lit::Int(120));
    assert!(
        out.contains("# Industry — required from stage demo\nemployees = 120"),
        "{out}"
    );
    // A key without a placeholder goes after the table's keys, as before.
    let out = set_in(NEW_FILE, "company", "region", Lit::Str("east".into()));
    assert!(
        out.starts_with("id = \"a\"\nname = \"A\"\n\n[company]  # Company\nregion = \"east\"\n# industry"),
        "{out}"
    );
    // A placeholder of the commented [[contacts]] is not one of [procurement].
    let out = set_in(NEW_FILE, "procurement", "id", Lit::Str("x".into()));
    assert!(
        out.contains("[procurement]  # Need and procurement\nid = \"x\"\n# need"),
        "{out}"
    );
}

#[test]
fn a_new_table_goes_after_the_whole_section_before_it_with_its_placeholders() {
    let out = set_in(NEW_FILE, "expectation", "amount", Lit::Int(500_000));
    assert_eq!(
        out,
        NEW_FILE.replace(
            "# concerns = []           # Concern ranking\n\n",
            "# concerns = []           # Concern ranking\n\n[expectation]\namount = 500000\n\n"
        )
    );
    // Between two sections: after the first's placeholders, before the second's comments.
    let text =
        "[company]\n# industry = \"\"\n\n# Need and procurement, as the client told it\n[procurement]\nneed = \"x\"\n";
    let out = set_in(text, "finance", "payment_cycle_days", Lit::Int(30));
    assert_eq!(
        out,
        "[company]\n# industry = \"\"\n\n[finance]\npayment_cycle_days = 30\n\n# Need and procurement, as the client told it\n[procurement]\nneed = \"x\"\n"
    );
    // Before the first section that follows, keeping that section's own comments with it.
    let text = "id = \"a\"\n# kept with the root\n\n# about procurement\n[procurement]\nneed = \"x\"\n";
    let out = set_in(text, "company", "industry", Lit::Str("y".into()));
    assert_eq!(
        out,
        "id = \"a\"\n# kept with the root\n\n[company]\nindustry = \"y\"\n\n# about procurement\n[procurement]\nneed = \"x\"\n"
    );
    // A comment that runs into the next header is that header's, not the section's.
    let text = "[company]\nindustry = \"x\"\n# about procurement\n[procurement]\nneed = \"x\"\n";
    let out = set_in(text, "finance", "payment_cycle_days", Lit::Int(30));
    assert_eq!(
        out,
        "[company]\nindustry = \"x\"\n\n[finance]\npayment_cycle_days = 30\n# about procurement\n[procurement]\nneed = \"x\"\n"
    );
}
