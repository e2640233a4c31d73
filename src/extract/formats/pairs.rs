//! Question-answer pairs marked on their lines: `Q: …` / `A: …`,
//! `Question: …` / `Answer: …`, `问：` / `答：`, `질문:` / `답:`,
//! `Вопрос:` / `Ответ:`, `P:` / `R:` … (see [`crate::extract::label`]).
//! A marker may open a line, a list item or a heading (`## Pergunta:` /
//! `### Resposta:`). A question runs from its marker to the answer marker
//! (or the first blank line); the answer runs to the next question marker,
//! other heading or thematic break (markdown or `<hr>`). Works on markdown and plain text alike.

use crate::extract::format::{NoteFormat, Reading};
use crate::extract::label::{self, Side};
use crate::extract::{Format, Found, lines, question};

/// Least question markers for a note to be read as pairs.
const MIN_QUESTIONS: usize = 2;

/// See the module documentation.
pub(crate) struct Pairs;

impl NoteFormat for Pairs {
    fn applies(&self, _markdown: bool) -> bool {
        true
    }

    fn read(&self, lines: &[&str]) -> Reading {
        let mask = lines::fence_mask(lines);
        let marker = |i: usize| -> Option<(Side, &str)> {
            if mask[i] {
                return None;
            }
            label::pair_marker(strip_list_marker(lines[i]))
        };
        let starts: Vec<usize> = (0..lines.len())
            .filter(|&i| matches!(marker(i), Some((Side::Question, _))))
            .collect();
        if starts.len() < MIN_QUESTIONS {
            return Reading::default();
        }
        let mut sections = lines::SectionCursor::default();
        let mut found = Vec::new();
        for (k, &start) in starts.iter().enumerate() {
            let section = sections.at(lines, &mask, start);
            let limit = starts.get(k + 1).copied().unwrap_or(lines.len());
            let end = (start + 1..limit)
                .find(|&i| {
                    !mask[i]
                        && ((lines::atx_heading(lines[i]).is_some() && marker(i).is_none())
                            || lines::is_rule(lines[i])
                            || lines::is_html_rule(lines[i]))
                })
                .unwrap_or(limit);
            let Some((_, first)) = marker(start) else {
                continue;
            };
            // The question: its marker line and the lines after it up to a
            // blank line or the answer marker.
            let mut q_lines = vec![first];
            let mut i = start + 1;
            let mut idx = start;
            // Lines between a titled marker and the question it asks below.
            let mut setup = start + 1..start + 1;
            let heading = lines::atx_heading(lines[start]).is_some();
            if heading
                && !first.is_empty()
                && !question::looks_like_question(first)
                && let Some((at, text)) = super::asked_below(lines, &mask, start + 1, end)
            {
                // A titled marker (`### Frage: Code Review`) whose question
                // is asked below it, in a quote or a line of its own.
                q_lines = vec![text];
                setup = start + 1..at;
                idx = at;
                i = at + 1;
            } else if first.is_empty() {
                // A bare marker (`## Pergunta:`, `Q:`) asks the paragraph
                // that follows it.
                q_lines.clear();
                while i < end && lines::is_blank(lines[i]) {
                    i += 1;
                }
                idx = i;
                while i < end && !lines::is_blank(lines[i]) && marker(i).is_none() {
                    q_lines.push(lines[i].trim());
                    i += 1;
                }
                if q_lines.is_empty() {
                    continue;
                }
            } else {
                while !heading && i < end && !lines::is_blank(lines[i]) && marker(i).is_none() {
                    q_lines.push(lines[i].trim());
                    i += 1;
                }
            }
            // The answer: from the answer marker (or what follows).
            let answer_at = (i..end).find(|&j| matches!(marker(j), Some((Side::Answer, _))));
            let mut a_lines: Vec<&str> = Vec::new();
            let setup = lines::trim_blank_edges(&lines[setup]);
            if !setup.is_empty() {
                a_lines.extend(setup);
                if lines.get(i).is_some_and(|l| !lines::is_blank(l)) {
                    a_lines.push("");
                }
            }
            match answer_at {
                Some(j) => {
                    if let Some((_, rest)) = marker(j)
                        && !rest.is_empty()
                    {
                        a_lines.push(rest);
                    }
                    a_lines.extend(&lines[j + 1..end]);
                }
                None => a_lines.extend(&lines[i..end]),
            }
            found.push(Found {
                idx,
                question: question::clean(&q_lines.join(" ")),
                answer: lines::markdown_block(&a_lines),
                section,
                span: start..end,
            });
        }
        Reading::of(Format::Pairs, found)
    }
}

/// The line without a leading `- `, `* ` or `+ ` list marker or heading
/// hashes: a marker may open a list item or a heading (`## Question:`).
fn strip_list_marker(line: &str) -> &str {
    let t = line.trim_start();
    if let Some((_, heading)) = lines::atx_heading(t) {
        return heading;
    }
    lines::strip_bullet(t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str)]) {
        crate::extract::formats::testing::check_qa(&Pairs, input, expected);
    }

    #[test]
    fn english_pairs_with_multiline_answers() {
        check(
            "# Cards\nQ: What is a closure?\nA: A function\nwith its scope.\n\nQ: Why use generators?\nA: Laziness.\n",
            &[
                (1, "What is a closure?", "A function\nwith its scope."),
                (5, "Why use generators?", "Laziness."),
            ],
        );
    }

    #[test]
    fn markers_in_headings_in_portuguese_and_english() {
        check(
            "## Pergunta: O que é um closure?\n### Resposta:\nUma função.\n## Pergunta: Como funciona o GIL?\n### Resposta:\nUm lock.\n",
            &[
                (0, "O que é um closure?", "Uma função."),
                (3, "Como funciona o GIL?", "Um lock."),
            ],
        );
        check(
            "### Question: Why use yield?\nLaziness.\n### Question: What is MRO?\n#### Answer: C3\n",
            &[
                (0, "Why use yield?", "Laziness."),
                (2, "What is MRO?", "C3"),
            ],
        );
    }

    #[test]
    fn a_bare_marker_asks_the_paragraph_below_it() {
        check(
            "## Pergunta:\n\nO que é um closure?\n\n### Resposta:\n\nUma função.\n\n<hr>\n\n## Pergunta:\n\nExplique o GIL.\n\n### Resposta:\n\nUm lock.\n",
            &[
                (2, "O que é um closure?", "Uma função."),
                (12, "Explique o GIL.", "Um lock."),
            ],
        );
        check(
            "Вопрос:\nОбъясните, что такое GIL.\nОтвет: Блокировка.\n\nВопрос:\n\nЗачем нужен yield?\n",
            &[
                (1, "Объясните, что такое GIL.", "Блокировка."),
                (6, "Зачем нужен yield?", ""),
            ],
        );
    }

    #[test]
    fn a_titled_marker_asks_the_quote_below_it_in_german_and_english() {
        check(
            "### Frage: Fehlersuche\n**Setup:** ein Log\n\n> „Wie gehst du vor?“\n\nRuhig bleiben.\n### Frage: Teamarbeit\n> „Wann hast du widersprochen?“\n",
            &[
                (
                    3,
                    "„Wie gehst du vor?“",
                    "**Setup:** ein Log\n\nRuhig bleiben.",
                ),
                (7, "„Wann hast du widersprochen?“", ""),
            ],
        );
        check(
            "### Question: Caching\nWhat would you cache first?\n\n### Question: Logging\nNothing asked here.\n",
            &[
                (1, "What would you cache first?", ""),
                (3, "Logging", "Nothing asked here."),
            ],
        );
    }

    #[test]
    fn chinese_and_russian_markers() {
        check(
            "问：什么是GIL？\n答：全局解释器锁。\n问：进程和线程的区别\n答：\n- 进程独立\n",
            &[
                (0, "什么是GIL？", "全局解释器锁。"),
                (2, "进程和线程的区别", "- 进程独立"),
            ],
        );
        check(
            "**Вопрос:** Что такое GIL?\n**Ответ:** Блокировка.\n\n**Вопрос:** Зачем нужен yield?\n",
            &[
                (0, "Что такое GIL?", "Блокировка."),
                (3, "Зачем нужен yield?", ""),
            ],
        );
    }
}
