//! Exercise collections: blocks split by separator lines (`#-----#`,
//! `---`, `=====`), each with a numbered marker (`Question 3`, `问题 3`,
//! `Задача 3`, `Exercício 3`) and labelled fields: `Question:` (the task),
//! then `Hints:`, `Solution:`, `Example:` … (the answer). Solutions are
//! often unfenced code, tab-indented, Python 2 or 3: each field's code is
//! fenced from its first code line on, indentation kept.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::label::{self, Side};
use crate::extract::{Format, Found, code, lines, question};

/// Least exercises for a note to be read this way.
const MIN_EXERCISES: usize = 2;

/// See the module documentation.
pub(crate) struct Exercise;

impl NoteFormat for Exercise {
    fn applies(&self, _markdown: bool) -> bool {
        true
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let mut bounds: Vec<usize> = (0..lines.len())
            .filter(|&i| !mask[i] && is_separator(lines[i]))
            .collect();
        bounds.push(lines.len());
        let mut found = Vec::new();
        let mut start = 0;
        for end in bounds {
            if let Some(f) = exercise(lines, start, end) {
                found.push(f);
            }
            start = end + 1;
        }
        if found.len() < MIN_EXERCISES {
            return Reading::default();
        }
        Reading::of(Format::Exercise, found)
    }
}

/// A separator line: an HTML `<hr>`, or five or more characters, all of
/// them `#-=*_~+`, with at least three dashes, equals signs, stars or
/// underscores.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    if lines::is_html_rule(t) {
        return true;
    }
    t.chars().count() >= 5
        && t.chars().all(|c| "#-=*_~+".contains(c))
        && t.chars().filter(|c| "-=*_".contains(*c)).count() >= 3
}

/// A field label line: `Hints:`, `Solution:`, `Example:`, `提示：` — a
/// short line (at most four words of letters, the first not lowercase, so
/// code such as `else:` is no label) ending with a colon, or an answer
/// marker.
fn is_field(line: &str) -> bool {
    let t = line.trim().trim_matches('*');
    let label = t.strip_suffix(':').or_else(|| t.strip_suffix('：'));
    let is_label = label.is_some_and(|l| {
        l.split_whitespace().count() <= 4
            && l.chars().all(|c| c.is_alphabetic() || c == ' ')
            && l.chars().next().is_some_and(|c| !c.is_lowercase())
    });
    is_label || label::pair_marker(t).is_some_and(|(side, _)| side == Side::Answer)
}

/// The answer part of an exercise as markdown: each field label (`Hints:`)
/// in bold on its own line, each field's text kept line for line, and the
/// code in it (from its first code line on) fenced.
fn fields_markdown(lines: &[&str]) -> String {
    let mut groups: Vec<(Option<&str>, Vec<&str>)> = Vec::new();
    for line in lines {
        if is_field(line) {
            groups.push((Some(line.trim()), Vec::new()));
        } else {
            match groups.last_mut() {
                Some((_, body)) => body.push(line),
                None => groups.push((None, vec![line])),
            }
        }
    }
    let mut blocks = Vec::new();
    for (field, body) in groups {
        if let Some(f) = field {
            blocks.push(format!("**{}**", f.trim_matches('*')));
        }
        let body = lines::trim_blank_edges(&body);
        if body.is_empty() {
            continue;
        }
        match code::code_start(body) {
            Some(k) => {
                if k > 0 {
                    blocks.push(lines::markdown_block(&body[..k]));
                }
                blocks.push(code::fence(lines::trim_blank_edges(&body[k..]), ""));
            }
            None => blocks.push(lines::markdown_block(body)),
        }
    }
    blocks.join("\n\n")
}

/// The exercise in `lines[start..end]`, if the block has a numbered marker.
fn exercise(lines: &[&str], start: usize, end: usize) -> Option<Found> {
    let block = start..end.min(lines.len());
    let marker = block.clone().find(|&i| {
        label::question_label(lines[i].trim(), false).is_some_and(|l| {
            l.marker && l.number.is_some() && l.rest.split_whitespace().count() <= 3
        })
    })?;
    // The task: after a `Question:` field when there is one, else the text
    // after the marker line (a `Level` line or similar skipped).
    let field = (marker + 1..block.end).find(|&i| {
        label::pair_marker(lines[i].trim()).is_some_and(|(side, _)| side == Side::Question)
    });
    let (mut i, mut task): (usize, Vec<&str>) = match field {
        Some(f) => {
            let rest = label::pair_marker(lines[f].trim()).map_or("", |(_, r)| r);
            (f + 1, if rest.is_empty() { vec![] } else { vec![rest] })
        }
        None => {
            let rest = label::question_label(lines[marker].trim(), false).map_or("", |l| l.rest);
            let mut k = marker + 1;
            while k < block.end
                && (lines::is_blank(lines[k]) || lines[k].split_whitespace().count() <= 2)
            {
                k += 1;
            }
            (k, if rest.is_empty() { vec![] } else { vec![rest] })
        }
    };
    while i < block.end && lines::is_blank(lines[i]) && task.is_empty() {
        i += 1;
    }
    while i < block.end && !is_field(lines[i]) {
        if lines::is_blank(lines[i]) && lines.get(i + 1).is_some_and(|n| is_field(n)) {
            break;
        }
        task.push(lines[i].trim());
        i += 1;
    }
    let task: Vec<&str> = task.into_iter().filter(|l| !l.is_empty()).collect();
    if task.is_empty() {
        return None;
    }
    let answer = fields_markdown(lines::trim_blank_edges(&lines[i..block.end]));
    Some(Found {
        idx: marker,
        question: question::clean(&task.join(" ")),
        answer,
        section: Vec::new(),
        span: marker..block.end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&Exercise, input, expected);
    }

    #[test]
    fn english_exercises_with_fields_and_tab_indented_code() {
        let input = "Intro text\n#----------#\nQuestion 1\nLevel 1\n\nQuestion:\nPrint the squares of 1..n.\n\nHints:\nUse a loop.\n\nSolution:\nfor i in range(n):\n\tprint i*i\n#----------#\nQuestion 2\nLevel 2\n\nQuestion:\nReverse a string.\n\nSolution:\nprint s[::-1]\n#----------#\n";
        let lines: Vec<&str> = input.split('\n').collect();
        let got = Exercise.read(&lines).found;
        assert_eq!(got.len(), 2);
        assert_eq!(
            (got[0].idx, got[0].question.as_str()),
            (2, "Print the squares of 1..n.")
        );
        assert_eq!(
            got[0].answer,
            "**Hints:**\n\nUse a loop.\n\n**Solution:**\n\n```\nfor i in range(n):\n\tprint i*i\n```"
        );
        assert_eq!(
            (got[1].idx, got[1].question.as_str()),
            (15, "Reverse a string.")
        );
    }

    #[test]
    fn russian_exercises_without_a_question_field() {
        check(
            "=====\nЗадача 1\nНапишите функцию, которая переворачивает строку.\n\nОтвет:\ns[::-1]\n=====\nЗадача 2\nПосчитайте слова в тексте.\n=====\n",
            &[
                (
                    1,
                    "Напишите функцию, которая переворачивает строку.",
                    "**Ответ:**\n\ns[::-1]",
                ),
                (7, "Посчитайте слова в тексте.", ""),
            ],
        );
    }
}
