//! `<details><summary>question</summary> answer </details>` blocks.
//!
//! GitHub READMEs fold answers into HTML disclosure blocks. When the answer
//! follows `</summary>` without a blank line, markdown sees one raw HTML block
//! and renders none of the markdown inside, so the blocks are taken apart
//! here: the summary's text (tags stripped) is the question and the inner
//! markdown, dedented, is the answer. Sections come from the markdown
//! headings between blocks. A block whose body holds blocks that ask is a
//! wrapper (an accordion of categories): its summary becomes a section and
//! its inner blocks the questions. Other nested blocks stay inside their
//! parent's answer.

use super::{Found, inline, label, lines, question};

/// Deepest nesting of wrapper blocks looked into: deeper blocks stay in
/// their parent's answer, so a pathological note of thousands of nested
/// blocks costs linear time and no deep recursion.
const MAX_WRAPPER_DEPTH: usize = 8;

/// Summary texts that label an answer rather than ask a question.
const GENERIC_SUMMARIES: &[&str] = &[
    "answer",
    "show answer",
    "see answer",
    "view answer",
    "solution",
    "show solution",
    "click to expand",
    "click to see answer",
    "expand",
    "show",
    "details",
    "hint",
    "reveal",
    // The same UI words in the other languages docgen reads.
    "展开",
    "展開",
    "点击展开",
    "點擊展開",
    "查看",
    "点击查看",
    "詳細",
    "詳細を表示",
    "表示",
    "펼치기",
    "보기",
    "더보기",
    "развернуть",
    "показать",
    "подробнее",
    "mostrar",
    "ver",
    "ver más",
    "ver mais",
    "afficher",
    "détails",
    "anzeigen",
    "mehr",
];

/// One top-level `<details>` block, as byte offsets into the joined text.
#[derive(Debug, Clone)]
pub(crate) struct RawBlock {
    /// Start of `<details`.
    pub start: usize,
    /// Just after the closing `</details>` tag (or the end of the text).
    pub end: usize,
    /// The summary's inner text range.
    pub summary: Option<(usize, usize)>,
    /// The answer's range (after `</summary>` up to `</details>`).
    pub body: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Open,
    Close,
    SummaryOpen,
    SummaryClose,
}

/// Every disclosure tag outside fenced code: (offset of `<`, offset after
/// `>`, kind), in text order.
fn tags(text: &str) -> Vec<(usize, usize, Tag)> {
    let lower = text.to_ascii_lowercase();
    let lines = lines::split_lines(text);
    let mask = lines::fence_mask(&lines);
    let mut line_starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in &lines {
        line_starts.push(at);
        at += l.len() + 1;
    }
    let in_fence = |pos: usize| {
        let line = line_starts.partition_point(|&s| s <= pos).saturating_sub(1);
        mask.get(line).copied().unwrap_or(false)
    };
    let mut out = Vec::new();
    for (pat, kind) in [
        ("<details", Tag::Open),
        ("</details", Tag::Close),
        ("<summary", Tag::SummaryOpen),
        ("</summary", Tag::SummaryClose),
    ] {
        for (pos, _) in lower.match_indices(pat) {
            let after = &lower[pos + pat.len()..];
            if !after.starts_with(['>', ' ', '\t', '\n', '/']) || in_fence(pos) {
                continue;
            }
            let end = after
                .find('>')
                .map_or(text.len(), |e| pos + pat.len() + e + 1);
            out.push((pos, end, kind));
        }
    }
    out.sort_by_key(|t| t.0);
    out
}

/// Whether `text` has `<details` in any ASCII case: a block can only start
/// there ([`blocks`] opens one at nothing else).
fn opens_details(text: &str) -> bool {
    const NAME: &[u8] = b"details";
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'<'
            && bytes
                .get(i + 1..i + 1 + NAME.len())
                .is_some_and(|s| s.eq_ignore_ascii_case(NAME))
    })
}

/// An open block while scanning.
struct Open {
    start: usize,
    summary_open: Option<usize>,
    summary: Option<(usize, usize)>,
    body_start: Option<usize>,
}

/// Finds the top-level `<details>` blocks of `text`. Unclosed blocks run to
/// the end of the text; a summary without `</summary>` ends with its line.
pub(crate) fn blocks(text: &str) -> Vec<RawBlock> {
    // Most notes and answers hold no `<details>` at all: one byte scan
    // tells, before the tag scan lowercases and splits the text.
    if !opens_details(text) {
        return Vec::new();
    }
    let mut stack: Vec<Open> = Vec::new();
    let mut out = Vec::new();
    for (pos, end, kind) in tags(text) {
        match kind {
            Tag::Open => stack.push(Open {
                start: pos,
                summary_open: None,
                summary: None,
                body_start: None,
            }),
            Tag::SummaryOpen => {
                if let Some(top) = stack.last_mut()
                    && top.summary_open.is_none()
                {
                    top.summary_open = Some(end);
                }
            }
            Tag::SummaryClose => {
                if let Some(top) = stack.last_mut()
                    && let (Some(s), None) = (top.summary_open, top.summary)
                    && s <= pos
                {
                    top.summary = Some((s, pos));
                    top.body_start = Some(end);
                }
            }
            Tag::Close => {
                if let Some(open) = stack.pop()
                    && stack.is_empty()
                {
                    out.push(finish(text, open, pos, end));
                }
            }
        }
    }
    if let Some(open) = stack.into_iter().next() {
        out.push(finish(text, open, text.len(), text.len()));
    }
    out
}

fn finish(text: &str, open: Open, close: usize, end: usize) -> RawBlock {
    let (summary, body_start) = match (open.summary, open.summary_open) {
        (Some(s), _) => (Some(s), open.body_start.unwrap_or(s.1)),
        (None, Some(s)) => {
            let line_end = text[s..].find('\n').map_or(text.len(), |e| s + e);
            let line_end = line_end.min(close.max(s));
            (Some((s, line_end)), line_end)
        }
        (None, None) => (
            None,
            text[open.start..]
                .find('>')
                .map_or(close, |e| open.start + e + 1),
        ),
    };
    let body_start = body_start.min(close);
    RawBlock {
        start: open.start,
        end,
        summary,
        body: (body_start, close),
    }
}

/// `lines` joined with `\n`, and the byte offset where each line starts.
fn joined(lines: &[&str]) -> (String, Vec<usize>) {
    let mut line_starts = Vec::with_capacity(lines.len());
    let mut at = 0;
    for l in lines {
        line_starts.push(at);
        at += l.len() + 1;
    }
    (lines.join("\n"), line_starts)
}

/// The 0-based line holding byte `pos` of the joined text.
fn line_at(line_starts: &[usize], pos: usize) -> usize {
    line_starts
        .partition_point(|&st| st <= pos)
        .saturating_sub(1)
}

/// For each line, whether it lies inside a `<details>` block after the
/// line the block opens on (its summary and folded body, up to and with
/// the closing tag's line). Headings there belong to a folded answer, not
/// to the note's outline.
pub(crate) fn folded_mask(lines: &[&str]) -> Vec<bool> {
    let mut mask = vec![false; lines.len()];
    if !lines
        .iter()
        .any(|l| l.contains("<details") || l.contains("<DETAILS"))
    {
        return mask;
    }
    let (text, line_starts) = joined(lines);
    let line_of = |pos: usize| line_at(&line_starts, pos);
    for b in blocks(&text) {
        let (first, last) = (line_of(b.start), line_of(b.end.saturating_sub(1)));
        for m in mask.iter_mut().take(last + 1).skip(first + 1) {
            *m = true;
        }
    }
    mask
}

/// Strips HTML tags (`<code>` becomes a backtick), decodes the common
/// entities and collapses whitespace.
pub(crate) fn html_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let Some(gt) = rest[lt..].find('>') else {
            out.push_str(&rest[lt..]);
            rest = "";
            break;
        };
        let tag = rest[lt + 1..lt + gt].trim().to_ascii_lowercase();
        if tag == "code" || tag == "/code" {
            out.push('`');
        } else if tag.starts_with("br") {
            out.push(' ');
        }
        rest = &rest[lt + gt + 1..];
    }
    out.push_str(rest);
    let decoded = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The answer inside a block: blank edges dropped, dedented. Text on the
/// `</summary>` line itself is kept as the first line.
pub(crate) fn answer_markdown(body: &str) -> String {
    let lines = lines::split_lines(body);
    match lines.split_first() {
        Some((first, rest)) if !lines::is_blank(first) => {
            let tail = lines::markdown_block(rest);
            let head = first.trim();
            if tail.is_empty() {
                head.to_string()
            } else {
                format!("{head}\n{tail}")
            }
        }
        _ => lines::markdown_block(&lines),
    }
}

/// Longest label (in words, or characters for text without spaces) read
/// as naming the answer ("Show answer", "查看答案", "Показать ответ").
const MAX_LABEL_WORDS: usize = 4;
const MAX_LABEL_CHARS: usize = 8;

/// True when a summary labels the answer instead of asking: empty, a
/// generic label ("Click to expand"), or a short label with an answer
/// word of any language docgen reads ("Show Answer", "Ответ", "查看答案",
/// "정답 보기", "Voir la réponse"; see [`label::is_answer_word`]) that
/// does not end with a question mark.
pub(crate) fn is_generic(summary: &str) -> bool {
    let t = summary
        .trim()
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase();
    if t.is_empty() || GENERIC_SUMMARIES.contains(&t.as_str()) {
        return true;
    }
    if question::ends_with_question_mark(summary.trim()) {
        return false;
    }
    let words: Vec<&str> = t
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() > 1 && words.len() <= MAX_LABEL_WORDS {
        return words.iter().any(|w| label::is_answer_word(w, false));
    }
    // One word, or text written without spaces (查看答案): an answer word
    // is the whole of it, or opens or closes it.
    label::is_answer_word(&t, false)
        || (t.chars().count() <= MAX_LABEL_CHARS
            && (1..t.chars().count()).any(|k| {
                let cut = t.char_indices().nth(k).map_or(t.len(), |(i, _)| i);
                let (head, tail) = t.split_at(cut);
                (!head.is_ascii() && label::is_answer_word(head, false))
                    || (!tail.is_ascii() && label::is_answer_word(tail, false))
            }))
}

/// The question a generic block (`<details><summary>Show answer</summary>`)
/// answers: the nearest line above it, after line `floor`, that is not
/// blank, an image, a rule or an HTML comment, when it asks (a numbered,
/// bulleted or plain line; a heading is left to the heading readings).
/// Returns its line and its text without list marker or numbering.
fn asked_above(
    lines: &[&str],
    mask: &[bool],
    floor: usize,
    first: usize,
) -> Option<(usize, String)> {
    let mut i = first;
    while i > floor {
        i -= 1;
        let t = lines[i].trim();
        let filler = lines::is_blank(t)
            || lines::is_rule(t)
            || (t.starts_with("![") && t.ends_with(')'))
            || (t.starts_with("<!--") && t.ends_with("-->"))
            || t.eq_ignore_ascii_case("<br>")
            || t.eq_ignore_ascii_case("<br/>");
        // Lines indented under the question (its own sub-list of
        // options) belong to it: look further up for its first line.
        if mask[i] || filler || lines::indent_width(lines[i]) > 0 {
            continue;
        }
        if lines::atx_heading(t).is_some() || t.starts_with('<') || t.starts_with('|') {
            return None;
        }
        let t = lines::strip_bullet(t);
        let labelled = label::question_label(t, false).filter(|l| !l.rest.is_empty());
        let t = question::strip_wrappers(labelled.map_or(t, |l| l.rest));
        // A numbered or marked line right above a folded answer asks,
        // whatever its wording ("5. List the benefits of …").
        let asks = labelled.is_some()
            || question::looks_like_question(t)
            || question::ends_with_question_mark(t);
        return asks.then(|| (i, t.to_string()));
    }
    None
}

/// The 0-based line of the first visible character of the summary.
fn summary_line(text: &str, (s, e): (usize, usize), line_starts: &[usize]) -> usize {
    let mut pos = s;
    let bytes = text.as_bytes();
    while pos < e {
        match bytes[pos] {
            b'<' => pos = text[pos..e].find('>').map_or(e, |g| pos + g + 1),
            b if b.is_ascii_whitespace() => pos += 1,
            _ => break,
        }
    }
    line_starts
        .partition_point(|&st| st <= pos.min(e))
        .saturating_sub(1)
}

/// Extracts every top-level block whose summary asks a question.
pub(crate) fn extract(lines: &[&str]) -> Vec<Found> {
    let (text, line_starts) = joined(lines);
    let line_of = |pos: usize| line_at(&line_starts, pos);
    let raw = blocks(&text);
    let inside: Vec<(usize, usize)> = raw
        .iter()
        .map(|b| (line_of(b.start), line_of(b.end.saturating_sub(1))))
        .collect();
    let sections = section_paths(lines, &inside);
    let mut found = Vec::new();
    let mut floor = 0;
    let mask = lines::fence_mask(lines);
    for (b, &(first, last)) in raw.iter().zip(&inside) {
        let section = sections.get(first).cloned().unwrap_or_default();
        let generic = b
            .summary
            .is_none_or(|s| is_generic(&html_text(&text[s.0..s.1])));
        if generic {
            // An answer folded under a generic label: its question is the
            // line that asks above it.
            if let Some((idx, q)) = asked_above(lines, &mask, floor, first) {
                let question = inline::question_to_markdown(&question::clean(&q));
                if !question.is_empty() {
                    // What stands between the question and its folded
                    // answer (options, a badge) opens the answer.
                    let between = lines::markdown_block(&lines[idx + 1..first]);
                    let folded = answer_markdown(&text[b.body.0..b.body.1]);
                    let answer = [between, folded]
                        .into_iter()
                        .filter(|p| !p.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join("\n\n");
                    found.push(Found {
                        idx,
                        question,
                        answer,
                        section,
                        span: idx..last + 1,
                    });
                }
            }
        } else {
            collect(&text, b, section, &line_of, &line_starts, &mut found, 0);
        }
        floor = last + 1;
    }
    found
}

/// The block `b` of `text` as a question, or, when it is a wrapper (its
/// body holds blocks, some of which ask or under a summary that does not,
/// as an accordion of categories does), the
/// questions of those inner blocks with the wrapper's summary as their
/// innermost section.
fn collect(
    text: &str,
    b: &RawBlock,
    section: Vec<String>,
    line_of: &dyn Fn(usize) -> usize,
    line_starts: &[usize],
    found: &mut Vec<Found>,
    depth: usize,
) {
    let Some(summary) = b.summary else { return };
    let q_text = html_text(&text[summary.0..summary.1]);
    if is_generic(&q_text) {
        return;
    }
    let inner: Vec<RawBlock> = if depth >= MAX_WRAPPER_DEPTH {
        Vec::new()
    } else {
        blocks(&text[b.body.0..b.body.1])
    }
    .into_iter()
    .map(|i| shift(i, b.body.0))
    .filter(|i| {
        i.summary
            .is_some_and(|s| !is_generic(&html_text(&text[s.0..s.1])))
    })
    .collect();
    let inner_asks = inner.iter().any(|i| {
        i.summary
            .is_some_and(|s| question::looks_like_question(&html_text(&text[s.0..s.1])))
    });
    let parent_asks = question::looks_like_question(&q_text);
    if !inner.is_empty() && !parent_asks {
        let mut path = section;
        path.push(q_text);
        for i in &inner {
            collect(
                text,
                i,
                path.clone(),
                line_of,
                line_starts,
                found,
                depth + 1,
            );
        }
        return;
    }
    let question = inline::question_to_markdown(&question::clean(&q_text));
    if question.is_empty() {
        return;
    }
    let span = line_of(b.start)..line_of(b.end.saturating_sub(1)) + 1;
    let idx = summary_line(text, summary, line_starts);
    if inner_asks {
        // A question whose answer folds follow-up questions of its own: it
        // keeps the text around them, and each asks on its own.
        let mut own = String::new();
        let mut at = b.body.0;
        for i in &inner {
            own.push_str(&text[at..i.start]);
            at = i.end;
        }
        own.push_str(&text[at..b.body.1]);
        let first_inner = line_of(inner[0].start);
        found.push(Found {
            idx,
            question,
            answer: answer_markdown(&own),
            section: section.clone(),
            span: span.start..first_inner.max(idx + 1),
        });
        for i in &inner {
            collect(
                text,
                i,
                section.clone(),
                line_of,
                line_starts,
                found,
                depth + 1,
            );
        }
        return;
    }
    let body = &text[b.body.0..b.body.1];
    let body_line = line_of(b.body.0);
    match follow_ups(body) {
        Some((own, items)) => {
            let list_start = body_line + items[0].0;
            found.push(Found {
                idx,
                question,
                answer: answer_markdown(own),
                section: section.clone(),
                span: span.start..list_start.max(idx + 1),
            });
            let n = items.len();
            for (k, (at, q, answer)) in items.into_iter().enumerate() {
                let line = body_line + at;
                let end = if k + 1 < n {
                    line + 1
                } else {
                    span.end.max(line + 1)
                };
                found.push(Found {
                    idx: line,
                    question: inline::question_to_markdown(&question::clean(&q)),
                    answer,
                    section: section.clone(),
                    span: line..end,
                });
            }
        }
        None => found.push(Found {
            idx,
            question,
            answer: answer_markdown(body),
            section,
            span,
        }),
    }
}

/// A line of an HTML list as markdown: `<ul>`, `</ul>`, `<ol>`, `</ol>`
/// are blank, `<li>text</li>` (on one line) is `- text`; `None` for any
/// other line.
fn html_list_line(line: &str) -> Option<String> {
    let t = line.trim();
    let lower = t.to_ascii_lowercase();
    if ["<ul>", "</ul>", "<ol>", "</ol>"].contains(&lower.as_str()) {
        return Some(String::new());
    }
    let inner = lower
        .starts_with("<li")
        .then(|| t.find('>'))
        .flatten()
        .map(|at| &t[at + 1..])?;
    let inner = inner
        .strip_suffix("</li>")
        .or_else(|| inner.strip_suffix("</LI>"))?;
    let text = html_text(inner);
    (!text.is_empty()).then(|| format!("- {text}"))
}

/// A follow-up question: its 0-based line in the block's answer, its text
/// and its answer.
type FollowUp = (usize, String, String);

/// Follow-up questions folded under a question: when a block's answer
/// ends with a bullet list whose top-level items all ask (at least one,
/// and nothing but the list's own deeper lines after its first item, up
/// to closing rules),
/// each item is a question of its own and its deeper lines its answer.
/// Returns the text before the list (the block's own answer) and, per
/// item, its 0-based line in `body`, its text and its answer; `None` when
/// the answer does not end with such a list.
fn follow_ups(body: &str) -> Option<(&str, Vec<FollowUp>)> {
    let raw = lines::split_lines(body);
    let mask = lines::fence_mask(&raw);
    // An HTML list reads as a markdown one: `<li>x</li>` is `- x`, and
    // the list's own tags are blank.
    let normal: Vec<std::borrow::Cow<str>> = raw
        .iter()
        .zip(&mask)
        .map(|(l, &fenced)| {
            html_list_line(l)
                .filter(|_| !fenced)
                .map_or((*l).into(), Into::into)
        })
        .collect();
    let ls: Vec<&str> = normal.iter().map(|l| l.as_ref()).collect();
    let bullet = |l: &str| lines::strip_bullet(l).len() < l.trim_start().len();
    let start = (0..ls.len()).find(|&i| !mask[i] && bullet(ls[i]))?;
    let top = lines::indent_width(ls[start]);
    let mut items: Vec<(usize, String, Vec<&str>)> = Vec::new();
    for i in start..ls.len() {
        let l = ls[i];
        if lines::is_blank(l) {
            if let Some(last) = items.last_mut() {
                last.2.push(l);
            }
            continue;
        }
        if !mask[i] && (lines::is_rule(l) || lines::is_html_rule(l)) {
            // A rule closes the list; only blank lines and rules may follow.
            if ls[i..]
                .iter()
                .all(|l| lines::is_blank(l) || lines::is_rule(l) || lines::is_html_rule(l))
            {
                break;
            }
            return None;
        }
        let indent = lines::indent_width(l);
        if !mask[i] && indent == top && bullet(l) {
            let q = lines::strip_bullet(l).trim().to_string();
            if !question::looks_like_question(&q) {
                return None;
            }
            items.push((i, q, Vec::new()));
        } else if indent > top {
            items.last_mut()?.2.push(l);
        } else {
            return None;
        }
    }
    let own = &body[..raw[..start]
        .iter()
        .map(|l| l.len() + 1)
        .sum::<usize>()
        .min(body.len())];
    // Rules that only frame the list are no answer.
    let own = if ls[..start]
        .iter()
        .all(|l| lines::is_blank(l) || lines::is_rule(l) || lines::is_html_rule(l))
    {
        ""
    } else {
        own
    };
    let items = items
        .into_iter()
        .map(|(i, q, rest)| (i, q, lines::markdown_block(&rest)))
        .collect();
    Some((own, items))
}

/// `b` with every offset moved by `by` (a block found in a slice, placed
/// back in the whole text).
fn shift(b: RawBlock, by: usize) -> RawBlock {
    RawBlock {
        start: b.start + by,
        end: b.end + by,
        summary: b.summary.map(|(s, e)| (s + by, e + by)),
        body: (b.body.0 + by, b.body.1 + by),
    }
}

/// For each line, the heading path in force there, counting only headings
/// outside fences and outside the given block line ranges.
fn section_paths(lines: &[&str], blocks: &[(usize, usize)]) -> Vec<Vec<String>> {
    let mask = lines::fence_mask(lines);
    let title = lines::title_index(lines, &mask);
    let mut sections = lines::Sections::default();
    let mut out = Vec::with_capacity(lines.len());
    for (i, line) in lines.iter().enumerate() {
        let in_block = blocks.iter().any(|&(a, b)| a <= i && i <= b);
        if !mask[i]
            && !in_block
            && Some(i) != title
            && let Some((level, t)) = lines::atx_heading(line)
        {
            sections.enter(level, t);
        }
        out.push(sections.path());
    }
    out
}

/// Replaces blocks whose summary is a generic label ("Answer") by their inner
/// markdown, so an answer folded under its heading question renders.
pub(crate) fn unwrap_generic(markdown: &str) -> String {
    let raw = blocks(markdown);
    let mut out = String::new();
    let mut last = 0;
    for b in raw {
        let generic = b
            .summary
            .is_none_or(|s| is_generic(&html_text(&markdown[s.0..s.1])));
        if !generic {
            continue;
        }
        out.push_str(&markdown[last..b.start]);
        out.push_str(&answer_markdown(&markdown[b.body.0..b.body.1]));
        last = b.end;
    }
    out.push_str(&markdown[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_details_tag_in_any_case_opens_a_block() {
        assert!(opens_details("x <DETAILS><summary>Q?</summary>A</details>"));
        assert!(opens_details("<Details open>"));
        assert!(!opens_details("the details are in <summary> only"));
        assert!(!opens_details("<detail"));
        assert!(blocks("no tag here, only details and </details>").is_empty());
        assert_eq!(
            blocks("<Details><summary>Q?</summary>\nA\n</Details>").len(),
            1
        );
    }

    fn check(input: &str, expected: &[(usize, &str, &str, &[&str])]) {
        let lines: Vec<&str> = input.split('\n').collect();
        let got = extract(&lines);
        let got: Vec<(usize, &str, &str, Vec<&str>)> = got
            .iter()
            .map(|f| {
                (
                    f.idx,
                    f.question.as_str(),
                    f.answer.as_str(),
                    f.section.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        let want: Vec<(usize, &str, &str, Vec<&str>)> = expected
            .iter()
            .map(|(i, q, a, s)| (*i, *q, *a, s.to_vec()))
            .collect();
        assert_eq!(got, want, "input:\n{input}");
    }

    #[test]
    fn readme_style_blocks() {
        check(
            "# Title\n\n## Section A\n\n<details>\n<summary><b>1. What is X?</b></summary>\n- item `x`\n```python\n  x = 1\n```\n</details>\n\n## Section B\n<details><summary>2) Why Y</summary>\n\n   Because.\n\n</details>",
            &[
                (
                    5,
                    "What is X?",
                    "- item `x`\n```python\n  x = 1\n```",
                    &["Section A"],
                ),
                (13, "Why Y", "Because.", &["Section B"]),
            ],
        );
    }

    #[test]
    fn summary_without_bold_and_on_its_own_lines() {
        check(
            "<details>\n<summary>\n  Q3: Explain &lt;GIL&gt;\n</summary>\nIt locks.\n</details>",
            &[(2, "Explain \\<GIL>", "It locks.", &[])],
        );
    }

    #[test]
    fn follow_up_bullets_in_a_block_ask_on_their_own_in_korean_and_english() {
        check(
            "## 객체지향\n<details>\n  <summary><b>SOLID 원칙에 대해 설명하세요.</b></summary>\n\n  ---\n\n  - DIP를 적용해본 경험이 있나요?\n  - 가장 중요한 원칙은 무엇인가요?\n    - 이유도 설명하세요.\n\n  ---\n</details>",
            &[
                (2, "SOLID 원칙에 대해 설명하세요.", "", &["객체지향"]),
                (6, "DIP를 적용해본 경험이 있나요?", "", &["객체지향"]),
                (
                    7,
                    "가장 중요한 원칙은 무엇인가요?",
                    "- 이유도 설명하세요.",
                    &["객체지향"],
                ),
            ],
        );
        // A list that answers stays the answer.
        check(
            "<details><summary>Why use a queue?</summary>\n\n- Is it ordered? Yes.\n- It decouples producers.\n</details>",
            &[(
                0,
                "Why use a queue?",
                "- Is it ordered? Yes.\n- It decouples producers.",
                &[],
            )],
        );
        check(
            "<details><summary>What is a closure?</summary>\nA function with its scope.\n\n- Why are closures useful?\n- How does Python store them?\n</details>",
            &[
                (0, "What is a closure?", "A function with its scope.", &[]),
                (3, "Why are closures useful?", "", &[]),
                (4, "How does Python store them?", "", &[]),
            ],
        );
    }

    #[test]
    fn follow_ups_in_an_html_list_in_korean_and_english() {
        check(
            "<details>\n  <summary><h3>1. 가상화가 무엇인가요?</h3></summary>\n<ul>\n<li> Docker는 어디에 속하나요?</li>\n<li> 컨테이너끼리 간섭할 수 있을까요?</li>\n</ul>\n</details>",
            &[
                (1, "가상화가 무엇인가요?", "", &[]),
                (3, "Docker는 어디에 속하나요?", "", &[]),
                (4, "컨테이너끼리 간섭할 수 있을까요?", "", &[]),
            ],
        );
        check(
            "<details><summary>What is CI?</summary>\n<ul>\n<li>It merges often.</li>\n</ul>\n</details>",
            &[(
                0,
                "What is CI?",
                "<ul>\n<li>It merges often.</li>\n</ul>",
                &[],
            )],
        );
    }

    #[test]
    fn a_question_keeps_its_answer_around_folded_follow_ups_in_russian_and_english() {
        check(
            "<details><summary>Что такое исключение?</summary>\nОшибка времени выполнения.\n<details><summary>Какие бывают ошибки?</summary>Компиляции и выполнения.</details>\n</details>",
            &[
                (
                    0,
                    "Что такое исключение?",
                    "Ошибка времени выполнения.",
                    &[],
                ),
                (2, "Какие бывают ошибки?", "Компиляции и выполнения.", &[]),
            ],
        );
        check(
            "<details><summary>Explain exceptions.</summary>\nErrors at run time.\n<details><summary>Why catch them?</summary>To recover.</details>\n</details>",
            &[
                (0, "Explain exceptions.", "Errors at run time.", &[]),
                (2, "Why catch them?", "To recover.", &[]),
            ],
        );
    }

    #[test]
    fn nested_blocks_stay_in_the_answer_and_generic_ones_are_skipped() {
        check(
            "<details><summary>What?</summary>\nA\n<details><summary>More</summary>B</details>\n</details>\n<details><summary>Answer</summary>x</details>",
            &[(
                0,
                "What?",
                "A\n<details><summary>More</summary>B</details>",
                &[],
            )],
        );
    }

    #[test]
    fn deeply_nested_blocks_cost_no_deep_recursion() {
        let depth = 20_000;
        let text = format!(
            "{}What is the innermost question?{}",
            "<details><summary>Group</summary>\n".repeat(depth),
            "</details>\n".repeat(depth)
        );
        let lines: Vec<&str> = text.split('\n').collect();
        let got = extract(&lines);
        assert_eq!(got.len(), 1, "one question at the wrapper depth limit");
    }

    #[test]
    fn wrapper_blocks_become_sections_in_korean_and_english() {
        check(
            "<details open><summary>자기소개</summary>\n<div>\n  <details>\n    <summary><b>왜 백엔드 개발자가 되고 싶으세요?</b></summary>\n    <p></p>\n  </details>\n  <details>\n    <summary><b>강점을 설명해 주세요</b></summary>\n    <p>성실함</p>\n  </details>\n</div>\n</details>",
            &[
                (
                    3,
                    "왜 백엔드 개발자가 되고 싶으세요?",
                    "<p></p>",
                    &["자기소개"],
                ),
                (7, "강점을 설명해 주세요", "<p>성실함</p>", &["자기소개"]),
            ],
        );
        check(
            "<details><summary>Networking</summary>\n<details><summary>What is TCP?</summary>A stream.</details>\n</details>",
            &[(1, "What is TCP?", "A stream.", &["Networking"])],
        );
    }

    #[test]
    fn unclosed_blocks_and_fenced_tags() {
        check(
            "```\n<details><summary>No?</summary>\n```\n<details><summary>Yes?</summary>\nrest",
            &[(3, "Yes?", "rest", &[])],
        );
        check(
            "<details><summary>Open summary?\nbody\n</details>",
            &[(0, "Open summary?", "body", &[])],
        );
    }

    #[test]
    fn dunder_questions_become_inline_code() {
        check(
            "<details><summary><b>1. What is the __pycache__ folder?</b></summary>\nx\n</details>",
            &[(0, "What is the `__pycache__` folder?", "x", &[])],
        );
    }

    #[test]
    fn folded_answers_under_a_generic_label_answer_the_line_above() {
        // English: numbered lines without a space after the number, a
        // badge between question and block, an imperative prompt and a
        // sub-list of options.
        check(
            "1.What does a linker do?\n\n![easy](e.svg)\n\n<details>\n<summary><b>Show Answer</b></summary>\n\nIt joins object files.\n</details>\n\n---\n\n2.Name the stages of a build.\n\t- compile\n\t- link\n\n<details><summary>Answer</summary>\nCompile, then link.\n</details>\n",
            &[
                (
                    0,
                    "What does a linker do?",
                    "![easy](e.svg)\n\nIt joins object files.",
                    &[],
                ),
                (
                    12,
                    "Name the stages of a build.",
                    "- compile\n- link\n\nCompile, then link.",
                    &[],
                ),
            ],
        );
        // Russian and Chinese labels; a heading above a generic block is
        // left to the heading readings, and a line that does not ask is no
        // question.
        check(
            "Что делает сборщик мусора?\n<details><summary>Показать ответ</summary>\nОсвобождает память.\n</details>\n\n（2）什么是虚拟内存？\n<details><summary>查看答案</summary>\n一种抽象。\n</details>\n\n## Heading\n<details><summary>Ответ</summary>\nx\n</details>\nПросто текст.\n<details><summary>答案</summary>\ny\n</details>\n",
            &[
                (0, "Что делает сборщик мусора?", "Освобождает память.", &[]),
                (5, "什么是虚拟内存？", "一种抽象。", &[]),
            ],
        );
    }

    #[test]
    fn answer_labels_in_any_language_are_generic() {
        for generic in [
            "Show Answer",
            "Answer",
            "Ответ",
            "Показать ответ",
            "查看答案",
            "答案",
            "정답 보기",
            "Voir la réponse",
            "Respuesta",
        ] {
            assert!(is_generic(generic), "{generic}");
        }
        for asks in [
            "What is the answer to life?",
            "Answer the phone: when?",
            "A",
            "Closures",
            "什么是答案？",
        ] {
            assert!(!is_generic(asks), "{asks}");
        }
    }

    #[test]
    fn generic_blocks_unwrap() {
        assert_eq!(
            unwrap_generic(
                "Intro\n<details><summary>Answer</summary>\n  **bold**\n</details>\nend"
            ),
            "Intro\n**bold**\nend"
        );
    }
}
