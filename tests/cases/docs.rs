//! The documentation's examples are real: the annotated account of docs/account-format.md passes
//! `kam check` and is the sample account it says it is.

use crate::support::{Test, committed, repo};

/// The fenced TOML code blocks of a Markdown text.
fn toml_blocks(markdown: &str) -> Vec<&str> {
    markdown
        .split("```toml\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .collect()
}

/// The lines of a TOML text without comments and blank lines (`#` inside a string is kept).
fn without_comments(text: &str) -> Vec<String> {
    text.lines()
        .map(|line| {
            let mut in_string = false;
            let mut end = line.len();
            for (i, c) in line.char_indices() {
                match c {
                    '"' => in_string = !in_string,
                    '#' if !in_string => {
                        end = i;
                        break;
                    }
                    _ => {}
                }
            }
            line[..end].trim_end().to_string()
        })
        .filter(|line| !line.is_empty())
        .collect()
}

fn annotated_example() -> String {
    let doc = std::fs::read_to_string(repo().join("docs/account-format.md")).unwrap();
    toml_blocks(&doc)
        .into_iter()
        .find(|block| block.contains("[[history]]"))
        .expect("docs/account-format.md has a complete example account")
        .to_string()
}

#[test]
fn the_annotated_example_account_passes_check() {
    Test::new()
        .file("accounts/kangyuan-pharma.toml", &annotated_example())
        .args(&["check", "--deny-warnings"])
        .run()
        .code(0)
        .stdout_has("checked 1 account: no problems");
}

#[test]
fn the_annotated_example_is_the_sample_account_with_comments() {
    let sample = std::fs::read_to_string(repo().join("accounts/east/kangyuan-pharma.toml")).unwrap();
    assert_eq!(without_comments(&annotated_example()), without_comments(&sample));
}

#[test]
fn comment_stripping_keeps_hashes_inside_strings() {
    assert_eq!(
        without_comments("a = \"#1\"  # note\n# only a comment\n\nb = 2\n"),
        vec!["a = \"#1\"".to_string(), "b = 2".to_string()]
    );
}

/// The annotated after-the-deal example of docs/after-the-deal.md.
fn after_the_deal_example() -> String {
    let doc = std::fs::read_to_string(repo().join("docs/after-the-deal.md")).unwrap();
    toml_blocks(&doc)
        .into_iter()
        .find(|block| block.contains("[[contracts]]"))
        .expect("docs/after-the-deal.md has an annotated example")
        .to_string()
}

#[test]
fn the_after_the_deal_example_is_the_sample_with_comments() {
    let example = without_comments(&after_the_deal_example());
    let sample = without_comments(&std::fs::read_to_string(repo().join("accounts/east/haisheng-food.toml")).unwrap());
    let start = sample
        .iter()
        .position(|l| l == "[[contracts]]")
        .expect("the sample has contracts");
    assert_eq!(
        example,
        sample[start..],
        "the example is the sample's records after the deal, in order, to the end"
    );
}

#[test]
fn the_after_the_deal_diff_example_is_real() {
    let doc = std::fs::read_to_string(repo().join("docs/after-the-deal.md")).unwrap();
    let shown = doc
        .split("```text\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("a text block with the diff");
    let t = committed();
    let path = "accounts/east/haisheng-food.toml";
    let text = t.read(path);
    let edited = text
        .replace(
            "[[receivables.payments]]\ndate = 2026-09-10\namount = 16000\n",
            "[[receivables.payments]]\ndate = 2026-09-10\namount = 16000\n\n[[receivables.payments]]\ndate = 2026-11-24\namount = 16000\n",
        )
        .replace(
            "item = \"Balance 60%\"\namount = 72000\ndue = 2027-01-31",
            "item = \"Balance 60%\"\namount = 72000\ndue = 2026-11-20\ncause = \"malicious_arrears\"",
        )
        + "\n[[aftercare]]\ndate = 2026-11-24\nkind = \"value_added\"\nsummary = \"为品控部做出口审核温度记录培训\"\n";
    assert_ne!(text, edited);
    t.write(path, &edited);
    let out = t.kam(&["diff"]);
    out.code(0);
    for line in shown.lines() {
        assert!(out.stdout.contains(line), "the diff lacks {line:?}:\n{}", out.stdout);
    }
}

/// The `console` blocks of a Markdown text: the command after `$ ` and the output under it.
fn console_blocks(markdown: &str) -> Vec<(Vec<String>, String)> {
    markdown
        .split("```console\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .filter_map(|block| {
            let (command, output) = block.split_once('\n')?;
            let args = command.strip_prefix("$ kam ")?;
            Some((
                args.split_whitespace().map(str::to_string).collect(),
                output.to_string(),
            ))
        })
        .collect()
}

#[test]
fn the_directors_guide_shows_what_kam_prints_at_80_columns() {
    let doc = std::fs::read_to_string(repo().join("docs/directors.md")).unwrap();
    let blocks = console_blocks(&doc);
    assert!(blocks.len() >= 2, "docs/directors.md shows kam stats and kam forecast");
    for (args, expected) in blocks {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = Test::samples().env("COLUMNS", "80").args(&args).run();
        out.code(0);
        assert_eq!(out.stdout, expected, "kam {}", args.join(" "));
    }
}

/// The fenced `text` block of docs/gates.md that contains `needle`.
fn gates_example(needle: &str) -> String {
    let doc = std::fs::read_to_string(repo().join("docs/gates.md")).unwrap();
    doc.split("```text\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .find(|block| block.contains(needle))
        .unwrap_or_else(|| panic!("docs/gates.md has no example with {needle:?}"))
        .to_string()
}

#[test]
fn the_gate_examples_of_planned_items_and_the_veto_are_real_output() {
    let planned = "id = \"p\"\nname = \"P\"\nowner = \"o\"\nstage = \"qualify\"\n[[visits]]\ndate = 2026-12-10\nform = \"phone\"\n";
    let out = Test::new().file("accounts/p.toml", planned).args(&["gate", "p"]).run();
    for line in gates_example("planned for").lines() {
        assert!(out.stdout.contains(line), "{line:?} is not in\n{}", out.stdout);
    }
    let vetoed = "id = \"v\"\nname = \"V\"\nowner = \"o\"\nstage = \"relationship\"\n\
        [[contacts]]\nid = \"gm\"\nname = \"GM\"\nroles = [\"decision_maker\"]\nstance = \"champion\"\n\
        [[contacts]]\nid = \"buyer\"\nname = \"Buyer\"\nroles = [\"purchasing\"]\nstance = \"supporter\"\n\
        [[contacts]]\nid = \"li-gong\"\nname = \"Li Gong\"\nroles = [\"technical\"]\nstance = \"blocker\"\n";
    let out = Test::new().file("accounts/v.toml", vetoed).args(&["gate", "v"]).run();
    for line in gates_example("vetoed:").lines() {
        assert!(out.stdout.contains(line), "{line:?} is not in\n{}", out.stdout);
    }
}
