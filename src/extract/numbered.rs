//! Finding numbered questions (`1. What …?`, `Q2) …`) in a run of lines.
//!
//! Answers often contain numbered lists of their own ("1. Is defined inside
//! another function"), so a numbered line alone proves nothing. A line is a
//! question only when its number continues the sequence of questions seen so
//! far (small gaps are tolerated for lines ending in `?`) and its text reads
//! like a question. Both the plain-text and the markdown list formats use
//! this scanner.

use super::question::{self, Numbered};

/// How far ahead of the expected number a `?`-terminated line may jump.
const MAX_GAP: u32 = 3;

/// Tracks the expected next question number.
#[derive(Debug, Default)]
pub(crate) struct Sequence {
    expected: Option<u32>,
    restart_allowed: bool,
}

impl Sequence {
    /// Allows the numbering to start again at 1 (after a section heading).
    pub(crate) fn allow_restart(&mut self) {
        self.restart_allowed = true;
    }

    /// Decides whether the numbered line is the next question, and if so
    /// advances the sequence.
    pub(crate) fn accept(&mut self, n: &Numbered<'_>) -> bool {
        let reads_as_question = question::looks_like_question(n.rest);
        let fits = match (n.number, self.expected) {
            // `Q: …` carries no number; the marker itself is the signal.
            (None, _) => n.q,
            (Some(_), None) => reads_as_question || n.q,
            (Some(k), Some(e)) if k == e => reads_as_question || n.q,
            // A `Q1` marks its own start: numbering restarts per part even
            // where the parts have no headings ("🔹 Docker" lines).
            (Some(1), Some(_)) if self.restart_allowed || n.q => reads_as_question || n.q,
            // A marked number (`Q17`) may skip ahead any distance: the
            // marker says it is a question even where the ones between
            // were written in another shape.
            (Some(k), Some(e)) if n.q => k > e,
            (Some(k), Some(e)) => {
                k > e && k - e <= MAX_GAP && question::ends_with_question_mark(n.rest)
            }
        };
        if fits {
            if let Some(k) = n.number {
                self.expected = Some(k.saturating_add(1));
            }
            self.restart_allowed = false;
        }
        fits
    }
}

/// A numbered line accepted as a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    /// 0-based line index.
    pub idx: usize,
    /// The question text, cleaned.
    pub question: String,
}

/// Parses a candidate line: emphasis around the whole line is removed first
/// (`**1. What?**`).
pub(crate) fn candidate(line: &str) -> Option<Numbered<'_>> {
    question::parse_numbered(question::strip_wrappers(line))
}

/// Scans plain text: every line is a candidate.
pub(crate) fn scan_plain(lines: &[&str]) -> Vec<Hit> {
    let mut seq = Sequence::default();
    let mut hits = Vec::new();
    for (idx, line) in lines.iter().enumerate() {
        if let Some(n) = candidate(line)
            && seq.accept(&n)
        {
            hits.push(Hit {
                idx,
                question: question::clean(n.rest),
            });
        }
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questions(text: &str) -> Vec<(usize, String)> {
        let lines: Vec<&str> = text.lines().collect();
        scan_plain(&lines)
            .into_iter()
            .map(|h| (h.idx, h.question))
            .collect()
    }

    #[test]
    fn sub_lists_inside_answers_are_not_questions() {
        let text = "1. What are closures?\nA closure is:\n  1. Is defined inside\n  2. Remembers\n2. Why?\n";
        assert_eq!(
            questions(text),
            [
                (0, "What are closures?".to_string()),
                (4, "Why?".to_string())
            ]
        );
    }

    #[test]
    fn numbering_may_start_anywhere_and_skip_a_little() {
        let text = "5) How x?\nanswer\n6) Explain y\n8) What z?\n9) plain statement\n";
        let got: Vec<usize> = questions(text).into_iter().map(|(i, _)| i).collect();
        assert_eq!(got, [0, 2, 3]);
    }

    #[test]
    fn non_questions_do_not_start_the_sequence() {
        let text = "1. Install python\n2. Run it\n1. What is pip?\n2. What is venv?\n";
        let got: Vec<usize> = questions(text).into_iter().map(|(i, _)| i).collect();
        assert_eq!(got, [2, 3]);
    }

    #[test]
    fn q_marked_numbering_restarts_without_a_heading() {
        assert_eq!(
            questions(
                "Docker\nQ1. What is an image?\nA template.\nQ2. What is a layer?\nA diff.\nКубернетес\nQ1. Что такое под?\nГруппа.\nQ2. Что такое сервис?\nАдрес.\n1. a numbered answer line\n"
            ),
            [
                (1, "What is an image?".to_string()),
                (3, "What is a layer?".to_string()),
                (6, "Что такое под?".to_string()),
                (8, "Что такое сервис?".to_string()),
            ]
        );
    }

    #[test]
    fn a_space_before_the_dot_in_french_and_english() {
        assert_eq!(
            questions(
                "1 . Qu’est-ce qu’un objet?\nUne instance.\n2 . What is a class?\nA template.\n"
            ),
            [
                (0, "Qu’est-ce qu’un objet?".to_string()),
                (2, "What is a class?".to_string()),
            ]
        );
    }

    #[test]
    fn q_prefixes() {
        let text = "Q1. Python basics\nQ2: Why?\nQ3) How\n";
        assert_eq!(questions(text).len(), 3);
    }
}
