//! Questions at the terminal, one at a time, for a value the command line left out: a free
//! answer, or a choice among the playbook's values shown with their labels. Prompts go to stderr
//! so stdout stays what the command prints; kam asks only when standard input is a terminal.

use std::io::{BufRead, IsTerminal, Write};

use crate::domain::playbook::Words;

/// One choice: the id written to the file and the label shown.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// Asks questions on `input` / `output`.
pub struct Prompter<R, W> {
    input: R,
    output: W,
    hints: Hints,
}

/// What a prompt adds to a question, in the playbook's words.
struct Hints {
    skip: String,
    skip_choice: String,
    numbers: String,
    number: String,
    pick: String,
}

impl Hints {
    fn of(w: Words<'_>) -> Hints {
        Hints {
            skip: w.text("prompt.skip", " (Enter to skip)").to_string(),
            skip_choice: w.text("prompt.skip_choice", ", Enter to skip").to_string(),
            numbers: w.text("prompt.numbers", "numbers, separated by commas").to_string(),
            number: w.text("prompt.number", "a number").to_string(),
            pick: w.text("prompt.pick", "(pick from the list above)").to_string(),
        }
    }
}

/// A prompter on the terminal, speaking the playbook's words, or `None` when standard input
/// is not one.
pub fn terminal(w: Words<'_>) -> Option<Prompter<std::io::StdinLock<'static>, std::io::Stderr>> {
    std::io::stdin()
        .is_terminal()
        .then(|| Prompter::new(std::io::stdin().lock(), std::io::stderr()).words(w))
}

fn closed() -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::UnexpectedEof,
        "the input ended before the question was answered",
    )
}

impl<R: BufRead, W: Write> Prompter<R, W> {
    pub fn new(input: R, output: W) -> Self {
        Prompter {
            input,
            output,
            hints: Hints::of(Words::ENGLISH),
        }
    }

    /// The same prompter, its hints in `w`.
    #[must_use]
    pub fn words(mut self, w: Words<'_>) -> Self {
        self.hints = Hints::of(w);
        self
    }

    fn line(&mut self) -> std::io::Result<Option<String>> {
        let mut s = String::new();
        if self.input.read_line(&mut s)? == 0 {
            return Ok(None);
        }
        Ok(Some(s.trim().to_string()))
    }

    /// A free answer; empty means none (unless `required`).
    pub fn ask(&mut self, label: &str, required: bool) -> std::io::Result<Option<String>> {
        loop {
            let hint = if required { "" } else { self.hints.skip.as_str() };
            write!(self.output, "{label}{hint}: ")?;
            self.output.flush()?;
            let Some(answer) = self.line()? else {
                return if required { Err(closed()) } else { Ok(None) };
            };
            if !answer.is_empty() {
                return Ok(Some(answer));
            }
            if !required {
                return Ok(None);
            }
        }
    }

    /// A choice by number, id or label; several separated by commas when `many`.
    pub fn choose(
        &mut self,
        label: &str,
        choices: &[Choice],
        many: bool,
        required: bool,
    ) -> std::io::Result<Vec<String>> {
        writeln!(self.output, "{label}:")?;
        for (i, c) in choices.iter().enumerate() {
            if c.label == c.id {
                writeln!(self.output, "  {:>2}) {}", i + 1, c.id)?;
            } else {
                writeln!(self.output, "  {:>2}) {} ({})", i + 1, c.label, c.id)?;
            }
        }
        loop {
            let how = if many { &self.hints.numbers } else { &self.hints.number };
            let skip = if required { "" } else { self.hints.skip_choice.as_str() };
            write!(self.output, "{how}{skip}: ")?;
            self.output.flush()?;
            let Some(answer) = self.line()? else {
                return if required { Err(closed()) } else { Ok(Vec::new()) };
            };
            if answer.is_empty() {
                if required {
                    continue;
                }
                return Ok(Vec::new());
            }
            let parts: Vec<&str> = if many {
                answer.split([',', '，', ' ']).filter(|p| !p.is_empty()).collect()
            } else {
                vec![answer.as_str()]
            };
            let picked: Option<Vec<String>> = parts
                .iter()
                .map(|p| {
                    if let Ok(n) = p.parse::<usize>() {
                        return choices.get(n.checked_sub(1)?).map(|c| c.id.clone());
                    }
                    choices
                        .iter()
                        .find(|c| c.id == *p || c.label.eq_ignore_ascii_case(p))
                        .map(|c| c.id.clone())
                })
                .collect();
            match picked {
                Some(ids) if !ids.is_empty() => return Ok(ids),
                _ => writeln!(self.output, "  {}", self.hints.pick)?,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choices() -> Vec<Choice> {
        ["office_meeting", "phone", "email"]
            .iter()
            .map(|id| Choice {
                id: (*id).into(),
                label: id.replace('_', " "),
            })
            .collect()
    }

    #[test]
    fn asks_until_a_required_choice_is_valid() {
        let mut out = Vec::new();
        let mut p = Prompter::new(&b"\n9\nphone\n"[..], &mut out);
        assert_eq!(p.choose("Form", &choices(), false, true).unwrap(), ["phone"]);
        let shown = String::from_utf8(out).unwrap();
        assert!(shown.contains(" 1) office meeting (office_meeting)"), "{shown}");
        assert!(shown.contains("(pick from the list above)"), "{shown}");
    }

    #[test]
    fn several_by_number_and_optional_answers() {
        let mut out = Vec::new();
        let mut p = Prompter::new(&b"1, 3\n\nhello\n"[..], &mut out);
        assert_eq!(
            p.choose("With", &choices(), true, false).unwrap(),
            ["office_meeting", "email"]
        );
        assert_eq!(p.ask("Place", false).unwrap(), None);
        assert_eq!(p.ask("Points", false).unwrap().as_deref(), Some("hello"));
        let mut p = Prompter::new(&b""[..], Vec::new());
        assert!(p.ask("Form", true).is_err(), "the end of input is not an answer");
    }
}
