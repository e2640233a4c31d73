//! Line-level helpers shared by every format parser.
//!
//! All parsers work on the body split into lines (`\r` dropped), addressed by
//! 0-based index; the caller turns an index into a file line. The markdown
//! recognisers here are deliberately small (ATX headings, thematic breaks,
//! fences): they only need to tell structure from content, not render it.

/// Splits `body` into lines, dropping a `\r` before each `\n`.
pub(crate) fn split_lines(body: &str) -> Vec<&str> {
    body.split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect()
}

/// True when the line holds nothing but whitespace (including NBSP).
pub(crate) fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Width of the line's leading whitespace; a tab counts as up to 4 columns,
/// every other whitespace character (NBSP included) as one.
pub(crate) fn indent_width(line: &str) -> usize {
    let mut width = 0;
    for c in line.chars() {
        match c {
            '\t' => width += 4 - width % 4,
            c if c.is_whitespace() => width += 1,
            _ => break,
        }
    }
    width
}

/// Number of leading ASCII spaces, if there are at most three of them (the
/// indentation markdown allows before a block marker).
fn block_indent(line: &str) -> Option<&str> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    (spaces <= 3).then(|| &line[spaces..])
}

/// An ATX heading: `## Title ##` gives `(2, "Title")`; a trailing
/// attribute block is dropped (`## Title {#id}` gives `(2, "Title")`).
pub(crate) fn atx_heading(line: &str) -> Option<(usize, &str)> {
    let rest = block_indent(line)?;
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    if level == 0 || level > 6 {
        return None;
    }
    let after = &rest[level..];
    if !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    let mut text = after.trim();
    // An optional closing sequence of `#`s, preceded by a space.
    let closing = text.trim_end_matches('#');
    if closing.is_empty() {
        text = "";
    } else if closing.len() < text.len() && closing.ends_with([' ', '\t']) {
        text = closing.trim_end();
    }
    Some((level, strip_attributes(text)))
}

/// A heading's text without a trailing attribute block (`{#custom-id}`,
/// `{#id .class}`, `{.unnumbered}`), as Pandoc, kramdown, Hugo and Zola
/// let headings carry.
fn strip_attributes(text: &str) -> &str {
    match attributes(text) {
        Some(a) => text[..text.len() - a.len()].trim_end(),
        None => text,
    }
}

/// The attribute block ending a heading's text (`{#custom-id}`,
/// `{.class}`), if it has one.
pub(crate) fn attributes(text: &str) -> Option<&str> {
    let text = text.trim_end();
    let open = text.rfind(" {")?;
    let block = &text[open + 1..];
    (block.ends_with('}')
        && block[1..].starts_with(['#', '.'])
        && !block[1..block.len() - 1].contains(['{', '}']))
    .then_some(block)
}

/// A heading as notes sometimes write it without the space markdown needs
/// (`##What is a closure?`): two to six `#`, then the text, which must end
/// with a question mark (`?` or `？`) so that `#hashtags` and `##` code
/// comments never count. Strict ATX headings are returned as well.
pub(crate) fn loose_heading(line: &str) -> Option<(usize, &str)> {
    if let Some(h) = atx_heading(line) {
        return Some(h);
    }
    let rest = block_indent(line)?;
    let level = rest.bytes().take_while(|&b| b == b'#').count();
    let t = rest[level..].trim();
    ((2..=6).contains(&level) && (t.ends_with('?') || t.ends_with('\u{ff1f}')) && t.len() > 1)
        .then_some((level, t))
}

/// The line without leading white space and a bullet (`- `, `* `, `+ `);
/// the line trimmed at the start when it has none.
pub(crate) fn strip_bullet(line: &str) -> &str {
    let t = line.trim_start();
    t.strip_prefix(['-', '*', '+'])
        .filter(|r| r.starts_with([' ', '\t']))
        .map_or(t, str::trim_start)
}

/// An HTML thematic break on its own line: `<hr>`, `<hr/>` or `<hr />`
/// (any case, surrounding space allowed).
pub(crate) fn is_html_rule(line: &str) -> bool {
    let lower = line.trim().to_ascii_lowercase();
    ["<hr>", "<hr/>", "<hr />"].contains(&lower.as_str())
}

/// A thematic break (`---`, `***`, `___`, optionally spaced).
pub(crate) fn is_rule(line: &str) -> bool {
    let Some(rest) = block_indent(line) else {
        return false;
    };
    let rest = rest.trim_end();
    let Some(first) = rest.chars().next() else {
        return false;
    };
    if !matches!(first, '-' | '*' | '_') {
        return false;
    }
    let marks = rest.chars().filter(|&c| c == first).count();
    marks >= 3 && rest.chars().all(|c| c == first || c == ' ' || c == '\t')
}

/// The opening of a fenced code block: the fence character and its length.
/// Any indentation is accepted: in notes a deeper fence belongs to a list
/// item (where markdown allows it), not to an indented code block.
fn fence_open(line: &str) -> Option<(u8, usize)> {
    let rest = line.trim_start();
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let n = rest.bytes().take_while(|&b| b == ch).count();
    if n < 3 || (ch == b'`' && rest[n..].contains('`')) {
        return None;
    }
    Some((ch, n))
}

/// True when `line` closes a fence opened with `fence`.
fn fence_closes(line: &str, (ch, len): (u8, usize)) -> bool {
    let rest = line.trim_start();
    let n = rest.bytes().take_while(|&b| b == ch).count();
    n >= len && rest[n..].trim().is_empty()
}

/// The fenced code blocks of `lines`: (opening line, closing line or
/// `lines.len()` for an unclosed fence), in order.
pub(crate) fn fences(lines: &[&str]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if let Some(fence) = fence_open(lines[i]) {
            let close = (i + 1..lines.len())
                .find(|&j| fence_closes(lines[j], fence))
                .unwrap_or(lines.len());
            out.push((i, close));
            i = close + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// For every line, whether it belongs to a fenced code block (the fence
/// lines included). An unclosed fence runs to the end, as in markdown.
pub(crate) fn fence_mask(lines: &[&str]) -> Vec<bool> {
    let mut mask = Vec::with_capacity(lines.len());
    let mut open: Option<(u8, usize)> = None;
    for line in lines {
        match open {
            Some(fence) => {
                mask.push(true);
                if fence_closes(line, fence) {
                    open = None;
                }
            }
            None => {
                open = fence_open(line);
                mask.push(open.is_some());
            }
        }
    }
    mask
}

/// The indentation (in whitespace characters) common to all non-blank
/// lines; 0 when there are none.
fn common_indent(lines: &[&str]) -> usize {
    lines
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| l.chars().take_while(|c| c.is_whitespace()).count())
        .min()
        .unwrap_or(0)
}

/// Removes the indentation common to all non-blank lines (counted in
/// whitespace characters) and trims trailing whitespace.
pub(crate) fn dedent(lines: &[&str]) -> Vec<String> {
    let common = common_indent(lines);
    lines
        .iter()
        .map(|l| {
            if is_blank(l) {
                String::new()
            } else {
                l.chars()
                    .skip(common)
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            }
        })
        .collect()
}

/// The slice without its leading and trailing blank lines.
pub(crate) fn trim_blank_edges<'a, 'b>(lines: &'b [&'a str]) -> &'b [&'a str] {
    let start = lines
        .iter()
        .position(|l| !is_blank(l))
        .unwrap_or(lines.len());
    let end = lines
        .iter()
        .rposition(|l| !is_blank(l))
        .map_or(start, |i| i + 1);
    &lines[start..end.max(start)]
}

/// A markdown answer: blank edges dropped, common indentation removed,
/// lines joined. Trailing whitespace inside fences is kept as written
/// elsewhere because markdown hard breaks (two spaces) may rely on it.
pub(crate) fn markdown_block(lines: &[&str]) -> String {
    let lines = trim_blank_edges(lines);
    let common = common_indent(lines);
    let out: Vec<String> = lines
        .iter()
        .map(|l| {
            if is_blank(l) {
                String::new()
            } else {
                l.chars().skip(common).collect()
            }
        })
        .collect();
    out.join("\n").trim_end().to_string()
}

/// Headings above the current line, outermost first, as a stack that a
/// parser feeds with every heading it passes.
#[derive(Debug, Default, Clone)]
pub(crate) struct Sections {
    stack: Vec<(usize, String)>,
}

impl Sections {
    /// Records a heading of `level`, closing any at the same or a deeper
    /// level (a heading of inline HTML is recorded as its text).
    pub(crate) fn enter(&mut self, level: usize, text: &str) {
        while self.stack.last().is_some_and(|(l, _)| *l >= level) {
            self.stack.pop();
        }
        // A heading written as inline HTML (`<span id="x">Title</span>`)
        // names its section by its text.
        let t = text.trim();
        let t = if t.starts_with('<') && t.contains('>') {
            super::details::html_text(t)
        } else {
            t.to_string()
        };
        self.stack.push((level, t));
    }

    /// The heading texts, outermost first.
    pub(crate) fn path(&self) -> Vec<String> {
        self.stack.iter().map(|(_, t)| t.clone()).collect()
    }

    /// Heading texts of levels shallower than `level`.
    pub(crate) fn path_above(&self, level: usize) -> Vec<String> {
        self.stack
            .iter()
            .filter(|(l, _)| *l < level)
            .map(|(_, t)| t.clone())
            .collect()
    }
}

/// The heading path in force at a line, for readings that visit their
/// question lines in order: [`SectionCursor::at`] feeds the headings
/// between the last line asked about and the next one.
#[derive(Debug, Default)]
pub(crate) struct SectionCursor {
    sections: Sections,
    next: usize,
}

impl SectionCursor {
    /// The headings above line `idx` (outside fences), outermost first.
    /// Lines must be asked about in increasing order.
    pub(crate) fn at(&mut self, lines: &[&str], mask: &[bool], idx: usize) -> Vec<String> {
        while self.next < idx.min(lines.len()) {
            if !mask[self.next]
                && let Some((level, t)) = atx_heading(lines[self.next])
            {
                self.sections.enter(level, t);
            }
            self.next += 1;
        }
        self.sections.path()
    }
}

/// Where a unit that starts at `start` ends when nothing nests in it: the
/// first heading or thematic break after it (outside fences), else `limit`
/// (the next unit's start).
pub(crate) fn unit_end(lines: &[&str], mask: &[bool], start: usize, limit: usize) -> usize {
    (start + 1..limit)
        .find(|&i| !mask[i] && (atx_heading(lines[i]).is_some() || is_rule(lines[i])))
        .unwrap_or(limit)
}

/// Index of the document title: the only level-1 heading, when it is also the
/// first heading. Such a heading names the document, not a section.
pub(crate) fn title_index(lines: &[&str], mask: &[bool]) -> Option<usize> {
    let mut first_heading = None;
    let mut h1s = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if mask.get(i).copied().unwrap_or(false) {
            continue;
        }
        if let Some((level, _)) = atx_heading(line) {
            first_heading.get_or_insert(i);
            if level == 1 {
                h1s.push(i);
            }
        }
    }
    match h1s.as_slice() {
        [only] if first_heading == Some(*only) => Some(*only),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_and_rules() {
        assert_eq!(atx_heading("## Title"), Some((2, "Title")));
        assert_eq!(atx_heading("### Q1. Why? ###"), Some((3, "Q1. Why?")));
        assert_eq!(atx_heading("#hashtag"), None);
        assert_eq!(atx_heading("    # code"), None);
        assert_eq!(atx_heading("#"), Some((1, "")));
        assert_eq!(
            atx_heading("## 1. 如何选择技术栈？ {#question-5fbb94}"),
            Some((2, "1. 如何选择技术栈？"))
        );
        assert_eq!(
            atx_heading("## Что такое GIL? {#gil .important}"),
            Some((2, "Что такое GIL?"))
        );
        assert_eq!(
            atx_heading("## Set literal {1, 2}"),
            Some((2, "Set literal {1, 2}"))
        );
        assert_eq!(
            loose_heading("##Что такое GIL?"),
            Some((2, "Что такое GIL?"))
        );
        assert_eq!(loose_heading("###什么是GIL？"), Some((3, "什么是GIL？")));
        assert_eq!(loose_heading("#hashtag?"), None);
        assert_eq!(loose_heading("##no question"), None);
        assert!(is_rule("---"));
        assert!(is_rule(" * * *"));
        assert!(!is_rule("--"));
        assert!(!is_rule("-- x"));
    }

    #[test]
    fn fences_mask_their_lines() {
        let lines = ["a", "```python", "# not a heading", "```", "b", "~~~", "x"];
        assert_eq!(
            fence_mask(&lines),
            [false, true, true, true, false, true, true]
        );
    }

    #[test]
    fn dedent_keeps_relative_indentation() {
        assert_eq!(dedent(&["    a", "", "      b  "]), ["a", "", "  b"]);
        assert_eq!(markdown_block(&["", "  x", "    y", ""]), "x\n  y");
    }

    #[test]
    fn indentation_counts_nbsp_and_tabs() {
        assert_eq!(indent_width("\u{a0}x"), 1);
        assert_eq!(indent_width("\tx"), 4);
        assert_eq!(indent_width("  \tx"), 4);
    }

    #[test]
    fn sections_pop_deeper_levels() {
        let mut s = Sections::default();
        s.enter(2, "A");
        s.enter(3, "B");
        s.enter(2, "C ");
        s.enter(3, "D");
        assert_eq!(s.path(), ["C", "D"]);
        assert_eq!(s.path_above(3), ["C"]);
    }

    #[test]
    fn title_is_the_single_leading_h1() {
        let lines = ["# T", "## A", "text"];
        assert_eq!(title_index(&lines, &[false; 3]), Some(0));
        let lines = ["## A", "# T"];
        assert_eq!(title_index(&lines, &[false; 2]), None);
        let lines = ["# T", "# U"];
        assert_eq!(title_index(&lines, &[false; 2]), None);
    }
}
