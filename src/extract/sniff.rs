//! Deciding what a note is, from its content alone.
//!
//! File names say nothing reliable, so the format is sniffed: first whether
//! the text is markdown at all (headings, fences, rules, HTML blocks against
//! `•` bullets), then each candidate reading (details blocks, heading
//! questions, numbered questions) is tried and scored by *coverage*, the share
//! of content lines that fall inside an extracted question or its answer. A
//! reading that explains most of the note wins; when none does, prose
//! dominates and the note is an article.

use super::{Format, Found, article, follow_ups, format, lines, plain, question};

/// Least coverage for a question-and-answer reading of a note.
const MIN_COVERAGE: f64 = 0.5;

/// Least question-like units a reading must find for an article to keep
/// them ([`asking`]).
const MIN_ASKED: usize = 3;

/// Markdown evidence needed to read a note as markdown.
const MIN_MARKDOWN_SCORE: usize = 3;

/// The outcome of sniffing: the format, its entries, and whether the text is
/// markdown (plain text needs converting).
#[derive(Debug)]
pub(crate) struct Decision {
    pub format: Format,
    pub found: Vec<Found>,
    pub markdown: bool,
}

/// Markdown evidence a line outside fences gives: 2 for a heading or a
/// disclosure tag, 1 for a rule, a `-`, `*` or `+` list item, a quote,
/// bold or a link.
fn markdown_weight(line: &str) -> usize {
    let t = line.trim_start();
    let lower = t.to_ascii_lowercase();
    let strong = lines::atx_heading(line).is_some_and(|(_, h)| !h.is_empty())
        || lower.starts_with("<details")
        || lower.starts_with("<summary");
    let weak = lines::is_rule(line)
        || t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("+ ")
        || t.starts_with("> ")
        || (t.starts_with("**") && t[2..].contains("**"))
        || (t.contains("](") && t.contains('['));
    if strong { 2 } else { usize::from(weak) }
}

/// Scores markdown structure (fences, headings, …) against plain-text `•`
/// bullets. A note that opens with a level-1 heading (`# Title`, the way
/// a markdown note names itself) has enough markdown by that alone, however
/// short it is.
pub(crate) fn is_markdown(lines: &[&str]) -> bool {
    let mask = lines::fence_mask(lines);
    let opens_with_title = lines
        .iter()
        .find(|l| !lines::is_blank(l))
        .and_then(|l| lines::atx_heading(l))
        .is_some_and(|(level, text)| level == 1 && !text.is_empty());
    let mut md = if opens_with_title {
        MIN_MARKDOWN_SCORE
    } else {
        0
    };
    let mut plain = 0;
    for (i, line) in lines.iter().enumerate() {
        if mask[i] {
            // Only the opening fence line counts.
            if i == 0 || !mask[i - 1] {
                md += 2;
            }
        } else if line.trim_start().starts_with('\u{2022}') {
            plain += 1;
        } else {
            md += markdown_weight(line);
        }
    }
    md >= MIN_MARKDOWN_SCORE && md > plain
}

/// Share of content lines (not blank, not a rule, not a heading outside any
/// entry) covered by the entries' spans.
pub(crate) fn coverage(lines: &[&str], found: &[Found]) -> f64 {
    let mut covered = vec![false; lines.len()];
    for f in found {
        for i in f.span.clone() {
            if let Some(c) = covered.get_mut(i) {
                *c = true;
            }
        }
    }
    let mut content = 0usize;
    let mut hit = 0usize;
    for (i, line) in lines.iter().enumerate() {
        if lines::is_blank(line)
            || lines::is_rule(line)
            || (lines::atx_heading(line).is_some() && !covered[i])
        {
            continue;
        }
        content += 1;
        hit += usize::from(covered[i]);
    }
    if content == 0 {
        0.0
    } else {
        hit as f64 / content as f64
    }
}

/// Decides the format of a note and extracts its entries: every
/// registered reading that applies ([`format::REGISTRY`]) is scored by
/// coverage; the best one at or above [`MIN_COVERAGE`] wins (on a tie,
/// more questions that read as questions, more entries, then the earlier
/// one). A reading gets no credit for an
/// answer's lines from the first question another reading found inside it
/// ([`truncated`]), so one huge answer never beats the list of questions
/// it holds. Questions other readings find outside the chosen one's units
/// are added ([`other_questions`]), and so are follow-up questions listed in
/// the chosen answers ([`follow_ups::find`]). When no reading explains the note, it
/// is an article, with the questions it asks explicitly.
pub(crate) fn decide(lines: &[&str]) -> Decision {
    let markdown = is_markdown(lines);
    let readings: Vec<(Format, Vec<Found>)> = format::REGISTRY
        .iter()
        .filter(|f| f.applies(markdown))
        .map(|f| f.read(lines))
        .filter_map(|r| r.format.map(|f| (f, r.found)))
        .collect();
    let asked: Vec<(usize, String)> = {
        let mut v: Vec<(usize, String)> = readings
            .iter()
            .flat_map(|(_, found)| found.iter())
            .filter(|f| question::looks_like_question(&f.question))
            .map(|f| (f.idx, f.question.clone()))
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    let others: Vec<Found> = readings
        .iter()
        .flat_map(|(_, found)| found.iter().cloned())
        .collect();
    let asking_units = asking(&readings, lines);
    let mut best: Option<(f64, usize, Format, Vec<Found>)> = None;
    for (format, found) in readings {
        // Follow-up questions in the answers count as explained.
        let mut scored = found.clone();
        scored.extend(follow_ups::find(lines, &found));
        let cov = coverage(lines, &truncated(&scored, &asked));
        if cov < MIN_COVERAGE {
            continue;
        }
        let asks = found
            .iter()
            .filter(|f| question::looks_like_question(&f.question))
            .count();
        let better = best.as_ref().is_none_or(|(c, a, _, f)| {
            cov > *c || (cov == *c && (asks, found.len()) > (*a, f.len()))
        });
        if better {
            best = Some((cov, asks, format, found));
        }
    }
    match best {
        Some((_, _, format, mut found)) => {
            found.extend(other_questions(&found, &others));
            let follow = follow_ups::find(lines, &found);
            found.extend(follow);
            found.sort_by_key(|f| f.idx);
            Decision {
                format,
                found,
                markdown,
            }
        }
        None => {
            let mut found = if markdown {
                article::entries(lines)
            } else {
                plain::extract(lines)
            };
            found.extend(other_questions(&found, &asking_units));
            found.sort_by_key(|f| f.idx);
            Decision {
                format: Format::Article,
                found,
                markdown,
            }
        }
    }
}

/// Questions other readings found outside the chosen reading's units (a
/// note that mixes structures: numbered headings, then a plain list of
/// questions): those that read as questions and whose question line no
/// unit kept so far holds, in registry order, each unit cut where the
/// next kept one starts.
fn other_questions(chosen: &[Found], others: &[Found]) -> Vec<Found> {
    let mut taken: Vec<std::ops::Range<usize>> = chosen.iter().map(|f| f.span.clone()).collect();
    let mut out = Vec::new();
    for f in others {
        // A question line no kept unit holds is a question; its span ends
        // where the next kept unit starts.
        if taken.iter().any(|t| t.contains(&f.idx)) || !question::looks_like_question(&f.question) {
            continue;
        }
        let end = taken
            .iter()
            .filter(|t| t.start > f.idx)
            .map(|t| t.start)
            .fold(f.span.end, usize::min);
        let f = Found {
            span: f.idx..end.max(f.idx + 1),
            ..f.clone()
        };
        taken.push(f.span.clone());
        out.push(f);
    }
    out
}

/// What an article keeps as entries besides the questions it asks
/// explicitly, so that a note mixing a list of questions with more prose
/// than questions loses none of them: the units of the readings that
/// found at least [`MIN_ASKED`] questions that read as questions, in
/// registry order. A unit whose question is a heading counts only when
/// most of the note's headings ask (a note of question headings with
/// little under them); in a tutorial whose sections sometimes ask, the
/// headings are its outline.
fn asking(readings: &[(Format, Vec<Found>)], lines: &[&str]) -> Vec<Found> {
    let mask = lines::fence_mask(lines);
    let is_heading = |i: usize| !mask[i] && lines::atx_heading(lines[i]).is_some();
    let headings = (0..lines.len()).filter(|&i| is_heading(i)).count();
    let asks = |f: &&Found| question::looks_like_question(&f.question);
    let question_headings = readings
        .iter()
        .flat_map(|(_, found)| found.iter())
        .filter(asks)
        .filter(|f| is_heading(f.idx))
        .map(|f| f.idx)
        .collect::<std::collections::BTreeSet<usize>>()
        .len();
    let headings_ask = question_headings * 2 > headings;
    readings
        .iter()
        .filter(|(_, found)| found.iter().filter(asks).count() >= MIN_ASKED)
        .flat_map(|(_, found)| found.iter())
        .filter(|f| headings_ask || !is_heading(f.idx))
        .cloned()
        .collect()
}

/// `found` with each span cut at the first question line of `asked` (a
/// question some reading found, with its text) that it holds after its
/// own question line and that asks something else: an answer gets no
/// credit for the questions it swallowed.
fn truncated(found: &[Found], asked: &[(usize, String)]) -> Vec<Found> {
    found
        .iter()
        .map(|f| {
            let from = asked.partition_point(|&(i, _)| i <= f.idx);
            let cut = asked[from..]
                .iter()
                .find(|(_, q)| *q != f.question)
                .filter(|(i, _)| *i < f.span.end)
                .map_or(f.span.end, |(i, _)| *i);
            Found {
                span: f.span.start..cut.max(f.span.start + 1),
                ..f.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn format_of(input: &str) -> Format {
        let lines: Vec<&str> = input.split('\n').collect();
        decide(&lines).format
    }

    /// The format and the (line, question) pairs `decide` gives.
    fn questions_of(input: &str) -> (Format, Vec<(usize, String)>) {
        let lines: Vec<&str> = input.split('\n').collect();
        let d = decide(&lines);
        (
            d.format,
            d.found.into_iter().map(|f| (f.idx, f.question)).collect(),
        )
    }

    #[test]
    fn an_article_keeps_the_questions_of_its_lists_in_korean_and_english() {
        let prose = "이 문서는 네트워크 공부 기록이다.\n계층마다 역할이 다르다.\n패킷은 헤더와 본문으로 나뉜다.\n라우터는 경로를 고른다.\n스위치는 프레임을 전달한다.\n";
        let input = format!(
            "# 네트워크\n\n{prose}\n- TCP와 UDP의 차이를 설명해주세요.\n- DNS가 무엇인가요?\n- CORS가 무엇인가요?\n\n{prose}"
        );
        let (format, got) = questions_of(&input);
        assert_eq!(format, Format::Article);
        let lines: Vec<usize> = got.iter().map(|(i, _)| *i).collect();
        assert_eq!(lines, [8, 9, 10]);
        let prose = "Notes from the week.\nThe cache layer was slow.\nWe moved it to the edge.\nLatency dropped by half.\nThe team kept a log.\nNobody was paged.\n";
        let input = format!(
            "{prose}\n- Why was the cache slow?\n- What does the edge add?\n- How is latency measured?\n\n{prose}"
        );
        let (format, got) = questions_of(&input);
        assert_eq!(format, Format::Article);
        assert_eq!(got.len(), 3, "{got:?}");
    }

    #[test]
    fn a_tutorials_question_headings_stay_its_outline() {
        // Most headings are section titles: the few that ask are not
        // pulled out of the article.
        let body = "Source becomes bytecode first.\nThe loader caches it on disk.\nThe loop runs it op by op.\nEach step is shown below.";
        let input = format!(
            "# Bytecode\n\n## Compilation\n\n{body}\n\n## Caching\n\n{body}\n\n## Loading\n\n{body}\n\n### What is bytecode?\n\nText.\n\n### What is a code object?\n\nText.\n\n### What is the eval loop?\n\nText.\n\n## Summary\n\n{body}\n\n## Further reading\n\n{body}\n"
        );
        let (format, got) = questions_of(&input);
        assert_eq!(format, Format::Article);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn markdown_or_plain() {
        let md: Vec<&str> = "## A\n\n1. What?\n---".split('\n').collect();
        assert!(is_markdown(&md));
        let plain: Vec<&str> = "1. What?\nAnswer\n  \u{2022} a\n  \u{2022} b\n- c"
            .split('\n')
            .collect();
        assert!(!is_markdown(&plain));
        let starred: Vec<&str> =
            "1. What is SQL?\n   * Define it.\n2. What is a key?\n   * Why?\n3. What is a join?\n   * When?"
                .split('\n')
                .collect();
        assert!(is_markdown(&starred));
        // A short note that opens with its title, in two languages.
        for note in [
            "# My notes\n\nOne sentence.",
            "# Мои заметки\n\nОдно предложение.",
        ] {
            let lines: Vec<&str> = note.split('\n').collect();
            assert!(is_markdown(&lines), "{note}");
        }
        let lines: Vec<&str> = "#hashtag\nplain text".split('\n').collect();
        assert!(!is_markdown(&lines));
    }

    #[test]
    fn formats_from_content() {
        assert_eq!(
            format_of("## A\n\n1. What is x?\n2. Why y?\n\n---\n"),
            Format::QuestionList
        );
        assert_eq!(
            format_of("1. What is x?\nx is x.\n2. Why y?\nBecause."),
            Format::PlainQa
        );
        assert_eq!(
            format_of("# T\n## S\n<details><summary>What?</summary>\nA\n</details>\n"),
            Format::Details
        );
        assert_eq!(
            format_of("# FAQ\n\n### What is x?\nX.\n\n### How does y work?\nY.\n"),
            Format::HeadingQa
        );
        assert_eq!(
            format_of(
                "# Notes\n\nLong prose here.\n\n## Part\n\nMore prose.\n\n- a\n- b\n\n### What is x?\nX.\n"
            ),
            Format::Article
        );
        assert_eq!(format_of(""), Format::Article);
        assert_eq!(format_of("just some words"), Format::Article);
    }

    #[test]
    fn coverage_counts_content_lines() {
        let lines = ["## H", "q", "a", "", "other", "---"];
        let f = Found {
            idx: 1,
            question: "q".into(),
            answer: "a".into(),
            section: vec![],
            span: 1..3,
        };
        assert!((coverage(&lines, &[f]) - 2.0 / 3.0).abs() < 1e-9);
    }
}
