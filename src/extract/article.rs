//! Notes that read as prose, kept whole as one article.
//!
//! An article is never cut into pieces: its markdown stays one readable page
//! (code blocks and diagrams intact). The interview questions it asks
//! explicitly are extracted as well: `Q<n>` headings, question headings under
//! a "Questions" heading (see [`super::headings`]), top-level `<details>`
//! blocks, and a blockquoted question introduced as a question ("📌
//! Interview Favorite Question") or followed by an "Answer:" line.

use super::{Article, Found, details, headings, lines, prose, question};

/// Builds the article: the first `#` heading is the title (the source's file
/// name when there is none); the rest is the body.
pub(crate) fn build(source: &str, lines: &[&str], markdown: bool) -> Article {
    if !markdown {
        return Article {
            source: source.to_string(),
            title: file_title(source),
            markdown: prose::convert(lines),
        };
    }
    let mask = lines::fence_mask(lines);
    let title_at = lines
        .iter()
        .enumerate()
        .find(|(i, l)| !mask[*i] && matches!(lines::atx_heading(l), Some((1, t)) if !t.is_empty()));
    let (title, body): (String, Vec<&str>) = match title_at {
        Some((i, l)) => (
            lines::atx_heading(l).map_or(String::new(), |(_, t)| t.to_string()),
            lines[..i].iter().chain(&lines[i + 1..]).copied().collect(),
        ),
        None => (file_title(source), lines.to_vec()),
    };
    Article {
        source: source.to_string(),
        title,
        markdown: separate_rules(&body),
    }
}

/// The file name without directories and extension.
pub(crate) fn file_title(source: &str) -> String {
    let name = source.rsplit(['/', '\\']).next().unwrap_or(source);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    if stem.is_empty() { name } else { stem }.to_string()
}

/// Joins the lines, inserting a blank line before a `---` that directly
/// follows text: markdown would otherwise turn that text into a heading.
fn separate_rules(lines: &[&str]) -> String {
    let mask = lines::fence_mask(lines);
    let mut out: Vec<&str> = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let after_text = i > 0 && !lines::is_blank(lines[i - 1]) && !mask[i - 1];
        if !mask[i] && after_text && line.trim_start().starts_with('-') && lines::is_rule(line) {
            out.push("");
        }
        out.push(line);
    }
    lines::trim_blank_edges(&out).join("\n")
}

/// The questions an article asks explicitly, in source order.
pub(crate) fn entries(lines: &[&str]) -> Vec<Found> {
    let mut found = headings::article_questions(lines);
    let spans: Vec<std::ops::Range<usize>> = found.iter().map(|f| f.span.clone()).collect();
    found.extend(
        quoted_questions(lines)
            .into_iter()
            .filter(|q| !spans.iter().any(|s| s.contains(&q.idx))),
    );
    for d in details::extract(lines) {
        if !found.iter().any(|f| f.span.contains(&d.idx)) {
            found.push(d);
        }
    }
    found.sort_by_key(|f| f.idx);
    found
}

/// Strips a leading "Answer:" label; `None` when the line has none.
fn after_answer_label(line: &str) -> Option<&str> {
    let t = line.trim().trim_start_matches(['*', '_']);
    let lower = t.to_ascii_lowercase();
    let rest = if lower.starts_with("answer") {
        &t["answer".len()..]
    } else if lower.starts_with("a:") {
        &t[1..]
    } else {
        return None;
    };
    let rest = rest.trim_start_matches(['*', '_']).trim_start();
    let rest = rest.strip_prefix(':')?;
    Some(rest.trim_start_matches(['*', '_']).trim())
}

/// Blockquoted questions: `> Why …?` right after a line that mentions a
/// question, or right before an "Answer:" line.
fn quoted_questions(lines: &[&str]) -> Vec<Found> {
    let mask = lines::fence_mask(lines);
    let mut sections = lines::Sections::default();
    let title = lines::title_index(lines, &mask);
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if mask[i] {
            i += 1;
            continue;
        }
        if let Some((level, t)) = lines::atx_heading(lines[i]) {
            if Some(i) != title {
                sections.enter(level, t);
            }
            i += 1;
            continue;
        }
        let quote_end = (i..lines.len())
            .find(|&j| mask[j] || !lines[j].trim_start().starts_with('>'))
            .unwrap_or(lines.len());
        if quote_end == i {
            i += 1;
            continue;
        }
        if let Some(f) = quoted(lines, &mask, i, quote_end, sections.path()) {
            out.push(f);
        }
        i = quote_end;
    }
    out
}

/// Builds the entry for the blockquote `lines[start..end]` when it is an
/// introduced question.
fn quoted(
    lines: &[&str],
    mask: &[bool],
    start: usize,
    end: usize,
    section: Vec<String>,
) -> Option<Found> {
    let q: Vec<&str> = lines[start..end]
        .iter()
        .map(|l| l.trim_start().trim_start_matches('>').trim())
        .collect();
    let q = question::clean(&q.join(" "));
    if !question::ends_with_question_mark(&q) {
        return None;
    }
    let prev = lines[..start].iter().rev().find(|l| !lines::is_blank(l));
    let next_at = (end..lines.len()).find(|&j| !lines::is_blank(lines[j]));
    let label = next_at.and_then(|j| after_answer_label(lines[j]).map(|r| (j, r)));
    let introduced = prev.is_some_and(|l| l.to_lowercase().contains("question"));
    if !introduced && label.is_none() {
        return None;
    }
    let body_start = label.map_or(end, |(j, _)| j + 1);
    let stop = (body_start..lines.len())
        .find(|&j| !mask[j] && (lines::is_rule(lines[j]) || lines::atx_heading(lines[j]).is_some()))
        .unwrap_or(lines.len());
    let mut answer = lines::markdown_block(&lines[body_start..stop.max(body_start)]);
    if let Some((_, first)) = label.filter(|(_, r)| !r.is_empty()) {
        answer = if answer.is_empty() {
            first.to_string()
        } else {
            format!("{first}\n{answer}")
        };
    }
    Some(Found {
        idx: start,
        question: q,
        answer,
        section,
        span: start..stop.max(end),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_and_body() {
        let lines = ["# My Notes", "", "Text", "---", "## 1. Part", "more"];
        let a = build("dir/notes.md", &lines, true);
        assert_eq!(a.title, "My Notes");
        assert_eq!(a.markdown, "Text\n\n---\n## 1. Part\nmore");
        let a = build("dir/notes.md", &["no title"], true);
        assert_eq!(a.title, "notes");
        let a = build("plain.txt", &["Some Title Line", "", "\u{2022} a"], false);
        assert_eq!(a.markdown, "#### Some Title Line\n\n- a");
    }

    #[test]
    fn blockquoted_questions() {
        let lines: Vec<&str> = "## 3. Bytecode\n\u{1f4cc} Interview Favorite Question\n> Why no `.pyc` for main files?\n\nAnswer:\n- Run once\n- No benefit\n\n---\n> Just a quote?\n\ntext\n> Is this asked?\n**Answer:** Yes.\nMore."
            .split('\n')
            .collect();
        let got = entries(&lines);
        let qs: Vec<(usize, &str, &str)> = got
            .iter()
            .map(|f| (f.idx, f.question.as_str(), f.answer.as_str()))
            .collect();
        assert_eq!(
            qs,
            [
                (
                    2,
                    "Why no `.pyc` for main files?",
                    "- Run once\n- No benefit"
                ),
                (12, "Is this asked?", "Yes.\nMore."),
            ]
        );
        assert_eq!(got[0].section, ["3. Bytecode"]);
    }
}
