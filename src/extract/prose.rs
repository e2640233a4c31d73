//! Converting a plain-text answer (or a whole plain-text note) to markdown.
//!
//! Text pasted from a web page keeps its line structure but none of its
//! markup: bullets are `•` characters, nesting is indentation, sub-headings
//! are short title-case lines, code sits under a `Python` label or bare
//! between prose lines, and tables arrive as one glued line per row. The
//! conversion keeps every line as a line (consecutive lines are joined with
//! markdown hard breaks, never glued into one paragraph), turns bullets and
//! numbered items into tight lists, and never emits an indented code block:
//! prose lines always start at column 0.

use super::{code, inline, lines, paste};

/// Deepest list nesting emitted; deeper items are shown at this level so no
/// line needs four spaces of indentation.
const MAX_LEVEL: usize = 1;

/// Longest line (in characters) that may become a sub-heading.
const MAX_HEADING_CHARS: usize = 60;

/// Most words a sub-heading may have.
const MAX_HEADING_WORDS: usize = 8;

/// Words that stay lowercase in a title-case line.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "of", "on", "in", "for", "to", "and", "or", "vs", "vs.", "with", "by", "at",
    "from", "as", "is", "are", "per", "via", "into", "than", "not", "be", "it", "its", "over",
];

/// Characters that mark a bullet item when followed by whitespace.
const BULLETS: &[char] = &[
    '\u{2022}', '\u{25cf}', '\u{25cb}', '\u{25e6}', '\u{25aa}', '\u{25ab}', '\u{25a0}', '\u{25a1}',
    '\u{2023}', '\u{2043}', '\u{2219}', '\u{b7}', '-', '*', '+', '\u{2013}', '\u{27a2}',
    '\u{27a4}', '\u{25ba}',
];

/// One list item: source indentation, nesting level, number (`None` for a
/// bullet) and markdown text.
#[derive(Debug)]
struct Item {
    indent: usize,
    level: usize,
    number: Option<u32>,
    text: String,
}

#[derive(Debug)]
enum Block {
    Para(Vec<String>),
    List(Vec<Item>),
    Heading(String),
    Code {
        lang: &'static str,
        lines: Vec<String>,
    },
    /// A table whose rows pasting glued ([`paste::unglue_table`]): the
    /// header, then the rows.
    Table(Vec<Vec<String>>),
}

/// A list-item line: indentation, number (for `1.`), and text.
fn list_item(line: &str) -> Option<(usize, Option<u32>, &str)> {
    let indent = lines::indent_width(line);
    let t = line.trim_start();
    let mut chars = t.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) {
        let rest = chars.as_str();
        if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
            return Some((indent, None, rest.trim()));
        }
        return None;
    }
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let after = &t[digits..];
        let rest = after
            .strip_prefix(['.', ')'])
            .filter(|r| r.starts_with(char::is_whitespace) && !r.trim().is_empty())?;
        return Some((indent, t[..digits].parse().ok(), rest.trim()));
    }
    None
}

/// Splits lines into runs of consecutive non-blank lines.
fn chunks<'a, 'b>(lines: &'b [&'a str]) -> Vec<&'b [&'a str]> {
    lines
        .split(|l| lines::is_blank(l))
        .filter(|c| !c.is_empty())
        .collect()
}

/// True for a short stand-alone title-case line ("Key Characteristics",
/// "Good For:", "Why Does Python Have a GIL?").
pub(crate) fn is_title_line(line: &str) -> bool {
    let t = line.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty()
        || words.len() > MAX_HEADING_WORDS
        || t.chars().count() > MAX_HEADING_CHARS
        || t.ends_with(['.', ',', ';', '!'])
        || t.contains(['\u{2192}', '=', '|', '`'])
        || list_item(t).is_some()
    {
        return false;
    }
    let mut capitalised = 0;
    for w in &words {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric() && c != '_');
        let first = core.chars().next();
        if first.is_none_or(|c| !c.is_alphabetic()) || w.contains(['(', '_', '.']) {
            continue;
        }
        if SMALL_WORDS.contains(&core.to_lowercase().as_str()) {
            continue;
        }
        if first.is_some_and(char::is_uppercase) {
            capitalised += 1;
        } else {
            return false;
        }
    }
    capitalised > 0
}

/// Converts plain-text lines to markdown blocks separated by blank lines.
pub(crate) fn convert(lines: &[&str]) -> String {
    let chunks = chunks(lines);
    let mut blocks: Vec<Block> = Vec::new();
    let mut prev_title = false;
    let mut i = 0;
    while i < chunks.len() {
        let chunk = chunks[i];
        if let Some(rows) = paste::unglue_table(chunk) {
            blocks.push(Block::Table(rows));
            prev_title = false;
            i += 1;
            continue;
        }
        if let Some(consumed) = labelled_code(&chunks[i..], &mut blocks) {
            i += consumed;
            prev_title = false;
            continue;
        }
        let title = chunk.len() == 1 && is_title_line(chunk[0]);
        if title && i + 1 < chunks.len() && !prev_title {
            let t = chunk[0].trim().trim_end_matches(':').trim_end();
            blocks.push(Block::Heading(inline::plain_to_markdown(t)));
        } else {
            prose_chunk(chunk, &mut blocks, i > 0);
        }
        prev_title = title;
        i += 1;
    }
    render(&blocks)
}

/// A `Python` label followed by code (in the same run, after a "Copy code"
/// line, or in the next run). Returns how many runs were consumed.
fn labelled_code(chunks: &[&[&str]], blocks: &mut Vec<Block>) -> Option<usize> {
    let chunk = chunks.first()?;
    let lang = code::label_language(chunk[0])?;
    let mut body: &[&str] = &chunk[1..];
    if body.first().is_some_and(|l| code::is_copy_button(l)) {
        body = &body[1..];
    }
    let mut consumed = 1;
    if body.is_empty() {
        body = chunks.get(1)?;
        consumed = 2;
    }
    if !body.iter().all(|l| code::looks_codeish(l)) {
        return None;
    }
    blocks.push(Block::Code {
        lang,
        lines: reflowed(body),
    });
    Some(consumed)
}

/// Adds one run of non-blank lines: paragraph lines, list items, and code
/// (from the first line where the rest of the run is code). `after_gap`
/// tells whether a blank line preceded the run.
fn prose_chunk(chunk: &[&str], blocks: &mut Vec<Block>, after_gap: bool) {
    let code_at = code::code_start(chunk);
    let prose = &chunk[..code_at.unwrap_or(chunk.len())];
    let mut new_para = true;
    for (k, line) in prose.iter().enumerate() {
        if let Some(code) = paste::reflow_in(chunk, k) {
            blocks.push(Block::Code {
                lang: "python",
                lines: code,
            });
            new_para = true;
        } else if let Some((indent, number, t)) = list_item(line) {
            push_item(blocks, indent, number, t);
            new_para = true;
        } else {
            let md = inline::plain_to_markdown(line);
            match blocks.last_mut() {
                Some(Block::Para(p)) if !new_para => p.push(md),
                _ => blocks.push(Block::Para(vec![md])),
            }
            new_para = false;
        }
    }
    let Some(at) = code_at else {
        return;
    };
    let code_lines = reflowed(&chunk[at..]).into_iter();
    // Code runs separated only by blank lines form one block.
    if at == 0
        && after_gap
        && let Some(Block::Code { lines, .. }) = blocks.last_mut()
    {
        lines.push(String::new());
        lines.extend(code_lines);
        return;
    }
    blocks.push(Block::Code {
        lang: "python",
        lines: code_lines.collect(),
    });
}

/// The lines of a code block, with each flattened line of Python at its
/// outermost indentation reflowed ([`paste::reflow_in`]).
fn reflowed(code: &[&str]) -> Vec<String> {
    let mut out = Vec::with_capacity(code.len());
    for (k, line) in code.iter().enumerate() {
        match paste::reflow_in(code, k) {
            Some(lines) => out.extend(lines),
            None => out.push(line.to_string()),
        }
    }
    out
}

/// Appends a list item, continuing the list above when there is one (blank
/// lines between items keep the list tight). Nesting follows indentation
/// relative to the items before it.
fn push_item(blocks: &mut Vec<Block>, indent: usize, number: Option<u32>, t: &str) {
    let text = inline::escape_line_start(&inline::plain_to_markdown(t));
    if !matches!(blocks.last(), Some(Block::List(_))) {
        blocks.push(Block::List(Vec::new()));
    }
    let Some(Block::List(items)) = blocks.last_mut() else {
        return;
    };
    let level = nesting(items, indent);
    items.push(Item {
        indent,
        level,
        number,
        text,
    });
}

/// Level for an item at `indent`: the level of the nearest earlier item at
/// the same indentation, or one below the nearest shallower one (capped at
/// [`MAX_LEVEL`]).
fn nesting(items: &[Item], indent: usize) -> usize {
    for it in items.iter().rev() {
        if indent == it.indent {
            return it.level;
        }
        if indent > it.indent {
            return (it.level + 1).min(MAX_LEVEL);
        }
    }
    0
}

fn render(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Para(lines) => parts.push(lines.join("\\\n")),
            Block::Heading(t) => parts.push(format!("#### {t}")),
            Block::Code { lang, lines } => {
                let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                parts.push(code::fence(&lines, lang));
            }
            Block::List(items) => parts.push(render_list(items)),
            Block::Table(rows) => parts.push(render_table(rows)),
        }
    }
    parts.join("\n\n")
}

/// A GFM table: the first row is the header.
fn render_table(rows: &[Vec<String>]) -> String {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells
            .iter()
            .map(|c| inline::plain_to_markdown(c).replace('|', "\\|"))
            .collect();
        format!("| {} |", cells.join(" | "))
    };
    let mut out = vec![row(&rows[0])];
    out.push(format!("|{}", " --- |".repeat(rows[0].len())));
    out.extend(rows[1..].iter().map(|r| row(r)));
    out.join("\n")
}

fn render_list(items: &[Item]) -> String {
    let mut out = Vec::new();
    let mut parent_width = 2;
    for it in items {
        let text = &it.text;
        let marker = match it.number {
            Some(n) => format!("{n}."),
            None => "-".to_string(),
        };
        if it.level == 0 {
            parent_width = marker.len() + 1;
            out.push(format!("{marker} {text}"));
        } else if parent_width > 3 {
            // Nesting under a wide marker would need four spaces: flatten.
            out.push(format!("{marker} {text}"));
        } else {
            out.push(format!("{}{marker} {text}", " ".repeat(parent_width)));
        }
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let lines: Vec<&str> = input.lines().collect();
        assert_eq!(convert(&lines), expected, "input:\n{input}");
    }

    #[test]
    fn bullets_become_a_tight_list() {
        check(
            "The GIL ensures:\n\n  \u{2022} Protecting\n\n  \u{2022} Preventing\n",
            "The GIL ensures:\n\n- Protecting\n- Preventing",
        );
    }

    #[test]
    fn nesting_follows_relative_indentation() {
        check(
            "  \u{2022} Each process has:\n\n    \u{2022} Its own memory\n\n    \u{2022} Its own interpreter\n\n  \u{2022} More memory",
            "- Each process has:\n  - Its own memory\n  - Its own interpreter\n- More memory",
        );
        // A whole answer indented by four spaces is still a flat list.
        check("    \u{2022} a\n\n    \u{2022} b", "- a\n- b");
    }

    #[test]
    fn numbered_items_stay_ordered() {
        check(
            "A closure:\n\n  1. Is defined inside\n\n  2. Remembers",
            "A closure:\n\n1. Is defined inside\n2. Remembers",
        );
    }

    #[test]
    fn title_lines_become_sub_headings() {
        check(
            "Key Characteristics\n\n\u{2022} a",
            "#### Key Characteristics\n\n- a",
        );
        check("Good For:\n\n\u{2022} a", "#### Good For\n\n- a");
        check(
            "Multithreading works well for:\n\n\u{2022} a",
            "Multithreading works well for:\n\n- a",
        );
        // A run of title lines: only the first is a heading.
        check(
            "How It Works\n\nParsed Code\n\nRun Code\n\nx.",
            "#### How It Works\n\nParsed Code\n\nRun Code\n\nx.",
        );
        // The last line of an answer is not a heading.
        check("Only Line", "Only Line");
    }

    #[test]
    fn consecutive_lines_keep_their_breaks() {
        check(
            "FeatureThreadingAsyncio\nGIL affectedYesNo\n",
            "FeatureThreadingAsyncio\\\nGIL affectedYesNo",
        );
    }

    #[test]
    fn labelled_code_becomes_a_fence() {
        check(
            "Basic Syntax\n\nPython\n@decorator_name def function_name(): pass\n\nThis is it.",
            "#### Basic Syntax\n\n```python\n@decorator_name\ndef function_name():\n    pass\n```\n\nThis is it.",
        );
        check("Python\n\nx = f(1)", "```python\nx = f(1)\n```");
        check("Python\nis a language.", "Python\\\nis a language.");
    }

    #[test]
    fn bare_code_is_detected_and_indentation_kept() {
        check(
            "import asyncio\nasync def main(urls):\n    return await x(urls)\n",
            "```python\nimport asyncio\nasync def main(urls):\n    return await x(urls)\n```",
        );
        check(
            "class keyword defines class; type() is metaclass that creates it.",
            "class keyword defines class; `type()` is metaclass that creates it.",
        );
    }

    #[test]
    fn indented_prose_never_becomes_an_indented_code_block() {
        let out = convert(&["    Some text", "        deeper text", "    \u{2022} item"]);
        assert!(out.lines().all(|l| !l.starts_with("    ")), "{out}");
    }

    #[test]
    fn list_then_text_are_separate_blocks() {
        check("\u{2022} a\nplain after", "- a\n\nplain after");
    }
}
