//! Prose a question-and-answer note carries besides its questions.
//!
//! A README of questions often opens with an introduction and closes with a
//! summary and an author line. None of it is a question, but dropping it
//! would lose text the note's author wrote, so whatever remains (even one
//! word, see [`MIN_WORDS`]) is kept as the note's article: the lines no
//! entry covers, with the headings that have such lines under them. Section
//! headings that only hold questions, rules and blank runs are left out.
//! (A numbered line the question scanner rejects, such as `9000. What …?`
//! far out of sequence, lands here rather than nowhere.)

use super::{Article, Found, article, lines, prose};

/// Least number of words of leftover prose kept as an article: one, so no
/// text a note's author wrote is ever dropped.
pub(crate) const MIN_WORDS: usize = 1;

/// The note's leftover prose as an article, or `None` when there is none.
pub(crate) fn article(
    source: &str,
    lines: &[&str],
    markdown: bool,
    found: &[Found],
) -> Option<Article> {
    let mask = lines::fence_mask(lines);
    let title = markdown.then(|| lines::title_index(lines, &mask)).flatten();
    let mut free = vec![true; lines.len()];
    for f in found {
        for i in f.span.clone() {
            if let Some(c) = free.get_mut(i) {
                *c = false;
            }
        }
    }
    let heading = |i: usize| {
        if markdown && !mask[i] {
            lines::atx_heading(lines[i]).map(|(level, _)| level)
        } else {
            None
        }
    };
    let candidates: Vec<usize> = (0..lines.len())
        .filter(|&i| free[i] && Some(i) != title && (mask[i] || !lines::is_rule(lines[i])))
        .collect();
    let kept: Vec<usize> = candidates
        .iter()
        .enumerate()
        .filter(|&(k, &i)| match heading(i) {
            None => true,
            Some(level) => candidates[k + 1..]
                .iter()
                .take_while(|&&j| heading(j).is_none_or(|l| l > level))
                .any(|&j| heading(j).is_none() && !lines::is_blank(lines[j])),
        })
        .map(|(_, &i)| i)
        .collect();
    let words: usize = kept
        .iter()
        .filter(|&&i| heading(i).is_none())
        .map(|&i| lines[i].split_whitespace().count())
        .sum();
    if words < MIN_WORDS {
        return None;
    }
    let body = with_gaps(lines, &mask, &kept);
    let title = title
        .and_then(|i| lines::atx_heading(lines[i]))
        .map_or_else(|| article::file_title(source), |(_, t)| t.to_string());
    let markdown = if markdown {
        body.join("\n")
    } else {
        prose::convert(&body)
    };
    Some(Article {
        source: source.to_string(),
        title,
        markdown,
    })
}

/// The kept lines in order, one blank line wherever lines were skipped or
/// blank lines ran together (inside fences, lines are kept as they are).
fn with_gaps<'a>(lines: &[&'a str], mask: &[bool], kept: &[usize]) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    let mut prev: Option<usize> = None;
    for &i in kept {
        let gap = prev.is_some_and(|p| i > p + 1);
        prev = Some(i);
        let blank = lines::is_blank(lines[i]) && !mask[i];
        if (gap || blank) && out.last().is_some_and(|l| !l.is_empty()) {
            out.push("");
        }
        if !blank {
            out.push(lines[i]);
        }
    }
    lines::trim_blank_edges(&out).to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(span: std::ops::Range<usize>) -> Found {
        Found {
            idx: span.start,
            question: "q?".into(),
            answer: String::new(),
            section: Vec::new(),
            span,
        }
    }

    const INTRO: &str = "This guide collects the questions asked most often in interviews, with short answers you can revise quickly before the day.";

    #[test]
    fn intro_and_closing_sections_are_kept() {
        let text = format!(
            "# Guide\n\n{INTRO}\n\n---\n\n## Basics\n\nQ\nA\n\n---\n\n## Author\n\n**Someone**\nWrites notes."
        );
        let lines: Vec<&str> = text.split('\n').collect();
        let a = article("g.md", &lines, true, &[entry(8..10)]).expect("leftover");
        assert_eq!(a.title, "Guide");
        assert_eq!(
            a.markdown,
            format!("{INTRO}\n\n## Author\n\n**Someone**\nWrites notes.")
        );
    }

    #[test]
    fn even_a_little_leftover_is_kept() {
        let lines = [
            "# Questions",
            "",
            "Here they are:",
            "1. What?",
            "## Part",
            "2. Why?",
        ];
        let a = article("q.md", &lines, true, &[entry(3..4), entry(5..6)]).expect("kept");
        assert_eq!(a.markdown, "Here they are:");
        let bare = ["1. What?", "", "---", "2. Why?"];
        assert_eq!(
            article("q.md", &bare, true, &[entry(0..1), entry(3..4)]),
            None,
            "rules and blank lines are no text"
        );
    }

    #[test]
    fn plain_preamble_is_converted() {
        let text = format!("{INTRO}\n\n1. What?\nAnswer.");
        let lines: Vec<&str> = text.split('\n').collect();
        let a = article("notes/p.txt", &lines, false, &[entry(2..4)]).expect("leftover");
        assert_eq!(a.title, "p");
        assert_eq!(a.markdown, INTRO);
    }
}
