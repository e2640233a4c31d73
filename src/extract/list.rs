//! Markdown notes that list numbered questions under headings.
//!
//! The typical shape is a question bank: `##`/`###` headings over
//! `1. What …?` lines, often with no answers at all, separated by `---`.
//! Questions are found with the shared numbering rules (numbering may restart
//! after a heading); whatever markdown sits between a question and the next
//! question, heading or rule is its answer, kept as written.

use super::{Found, lines, numbered};

/// Reads the document as numbered questions under markdown headings.
pub(crate) fn extract(lines: &[&str]) -> Vec<Found> {
    let mask = lines::fence_mask(lines);
    let title = lines::title_index(lines, &mask);
    let mut sections = lines::Sections::default();
    let mut seq = numbered::Sequence::default();
    let mut out: Vec<Found> = Vec::new();
    // The entry whose answer is still open, and where its answer starts.
    let mut open: Option<usize> = None;
    let close = |out: &mut Vec<Found>, open: &mut Option<usize>, end: usize| {
        if let Some(k) = open.take()
            && let Some(f) = out.get_mut(k)
        {
            f.answer = lines::markdown_block(&lines[f.idx + 1..end]);
            f.span = f.idx..end;
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if mask[i] {
            continue;
        }
        if let Some((level, t)) = lines::atx_heading(line) {
            close(&mut out, &mut open, i);
            if Some(i) != title {
                sections.enter(level, t);
            }
            seq.allow_restart();
        } else if lines::is_rule(line) {
            close(&mut out, &mut open, i);
        } else if lines::indent_width(line) < 4
            && let Some(n) = numbered::candidate(line)
            && seq.accept(&n)
        {
            close(&mut out, &mut open, i);
            open = Some(out.len());
            out.push(Found {
                idx: i,
                question: super::question::clean(n.rest),
                answer: String::new(),
                section: sections.path(),
                span: i..i + 1,
            });
        }
    }
    close(&mut out, &mut open, lines.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &[(usize, &str, &str, &[&str])]) {
        let lines: Vec<&str> = input.split('\n').collect();
        let got: Vec<(usize, String, String, Vec<String>)> = extract(&lines)
            .into_iter()
            .map(|f| (f.idx, f.question, f.answer, f.section))
            .collect();
        let want: Vec<(usize, String, String, Vec<String>)> = expected
            .iter()
            .map(|(i, q, a, s)| {
                (
                    *i,
                    q.to_string(),
                    a.to_string(),
                    s.iter().map(|x| x.to_string()).collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "input:\n{input}");
    }

    #[test]
    fn question_bank_with_sections() {
        check(
            "\n## Part\n\n### Memory\n\n1. How is memory managed?\n2. What is `gc`?\n\n---\n\n### GIL\n\n3. Explain the GIL.\n",
            &[
                (5, "How is memory managed?", "", &["Part", "Memory"]),
                (6, "What is `gc`?", "", &["Part", "Memory"]),
                (12, "Explain the GIL.", "", &["Part", "GIL"]),
            ],
        );
    }

    #[test]
    fn numbering_restarts_per_section_and_answers_are_kept() {
        check(
            "# Title\n## A\n1. **What is x?**\n   x is *x*.\n## B\n1. Why y?\n```\n2. Why not?\n```\n",
            &[
                (2, "What is x?", "x is *x*.", &["A"]),
                (5, "Why y?", "```\n2. Why not?\n```", &["B"]),
            ],
        );
    }
}
