//! Flashcards, one per line: `question :: answer` (the spaced-repetition
//! plugins' inline cards) or `question | answer` outside any table. Works
//! on markdown and plain text.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::{Format, Found, lines, question};

/// Least cards for a note to be read as flashcards.
const MIN_CARDS: usize = 3;

/// See the module documentation.
pub(crate) struct Flashcards;

impl NoteFormat for Flashcards {
    fn applies(&self, _markdown: bool) -> bool {
        true
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let mut sections = lines::Sections::default();
        let mut found = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if mask[i] {
                continue;
            }
            if let Some((level, t)) = lines::atx_heading(line) {
                sections.enter(level, t);
                continue;
            }
            if let Some((q, a)) = card(line, lines.get(i + 1).copied()) {
                found.push(Found {
                    idx: i,
                    question: question::clean(q),
                    answer: a.trim().to_string(),
                    section: sections.path(),
                    span: i..i + 1,
                });
            }
        }
        if found.len() < MIN_CARDS {
            return Reading::default();
        }
        Reading::of(Format::Flashcards, found)
    }
}

/// The two sides of a card line; `next` (the following line) tells a
/// table's header row from a card.
fn card<'a>(line: &'a str, next: Option<&str>) -> Option<(&'a str, &'a str)> {
    let t = lines::strip_bullet(line).trim_end();
    let (q, a) = match t.split_once("::") {
        Some(pair) => pair,
        None => {
            let table_like = t.starts_with('|')
                || t.ends_with('|')
                || t.matches('|').count() != 1
                || next.is_some_and(|n| n.contains("-|") || n.contains("|-"));
            if table_like || t.contains('`') {
                return None;
            }
            t.split_once(" | ")?
        }
    };
    let (q, a) = (q.trim(), a.trim());
    let code_like = q.ends_with(':') || q.contains(['(', '=']) && !question::looks_like_question(q);
    (!q.is_empty() && !a.is_empty() && !a.starts_with(':') && !code_like).then_some((q, a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&Flashcards, input, expected);
    }

    #[test]
    fn double_colon_cards_in_english_and_japanese() {
        check(
            "# Cards\nWhat is a closure? :: A function with its scope\n- GILとは :: グローバルインタプリタロック\nPEP 8 :: the style guide\n",
            &[
                (1, "What is a closure?", "A function with its scope"),
                (2, "GILとは", "グローバルインタプリタロック"),
                (3, "PEP 8", "the style guide"),
            ],
        );
    }

    #[test]
    fn pipe_cards_but_not_tables_in_spanish() {
        check(
            "¿Qué es un cierre? | Una función\n¿Qué es el GIL? | Un candado\n¿Para qué sirve yield? | Pereza\n| a | b |\n|---|---|\n| c | d |\n",
            &[
                (0, "¿Qué es un cierre?", "Una función"),
                (1, "¿Qué es el GIL?", "Un candado"),
                (2, "¿Para qué sirve yield?", "Pereza"),
            ],
        );
    }
}
