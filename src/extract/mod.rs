//! Stage 2, **extract**: each [`SourceDoc`](crate::ingest::SourceDoc)'s text
//! becomes typed [`Entry`] values (question, answer as markdown, where it
//! came from) and, for article-like notes, an [`Article`].
//!
//! Extraction is pure: it takes text, never a path, and never fails. Input
//! it cannot understand is kept as an article rather than dropped.
//!
//! The format is sniffed from the content (`sniff`), never from the file
//! name. Each format has its own module: `plain` (numbered plain-text Q&A,
//! answers converted by `prose`, code found by `code`, inline text made
//! safe by `inline`), `list` (markdown question banks), `details`
//! (`<details>` blocks), `headings` (heading Q&A) and `article` (prose
//! kept whole); `leftover` keeps the prose a Q&A note has besides its
//! questions. `numbered` and `question` hold the rules shared by all of
//! them; `lines` the line helpers.

pub mod anchors;
mod article;
mod code;
mod comments;
mod details;
mod folds;
mod follow_ups;
pub(crate) mod format;
mod formats;
pub mod front_matter;
mod headings;
mod html_lines;
mod inline;
mod label;
mod leftover;
mod lines;
mod list;
mod numbered;
pub mod paste;
mod plain;
mod prose;
pub(crate) mod question;
mod sniff;

pub use paste::{PasteRepair, RepairKind};

/// One question as one source asked it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Entry {
    /// The source's name under `content/` (`SourceDoc::name`).
    pub source: String,
    /// 1-based line of the question in the source file.
    pub line: usize,
    /// The question as written, numbering and markup wrappers removed
    /// (inline code backticks are kept). It is inline markdown: a question
    /// from plain text or an HTML `<summary>` that holds characters markdown
    /// would misread gets its code-like tokens wrapped in backticks
    /// (`__init__()` becomes `` `__init__()` ``); otherwise it is unchanged.
    pub question: String,
    /// The answer as markdown; empty when the source gives none.
    pub answer: String,
    /// Headings above the question, outermost first.
    pub section: Vec<String>,
}

impl Entry {
    /// True when the source gives an answer a reader can see: text once
    /// HTML tags are stripped, or an image. An answer of empty HTML
    /// wrappers (`<div><p></p></div>`, as accordion templates leave) is
    /// no answer.
    pub fn answered(&self) -> bool {
        crate::text::markup::has_visible_text(&self.answer)
            || self.answer.to_ascii_lowercase().contains("<img")
    }
}

/// A note that reads as prose (an article), kept as one readable page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Article {
    /// The source's name under `content/`.
    pub source: String,
    /// The article's title (its first `#` heading, or the file name).
    pub title: String,
    /// The article body as markdown, without the title heading.
    pub markdown: String,
}

/// The structure a source was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// Markdown headings over numbered questions without answers.
    QuestionList,
    /// Plain text: numbered questions, each followed by its answer.
    PlainQa,
    /// `<details><summary>question</summary>answer</details>` blocks.
    Details,
    /// Markdown questions as headings (`### Q1. …?`) with answers below.
    HeadingQa,
    /// Numbered headings at one level (`## 1 …`, `# 3. …`, `### 第5题`),
    /// whatever their wording.
    NumberedHeadings,
    /// Marked pairs: `Q:` / `A:`, `问：` / `答：`, `Вопрос:` / `Ответ:`.
    Pairs,
    /// Exercise blocks split by separator lines, with `Question N` and
    /// labelled fields.
    Exercise,
    /// Tasks between thematic breaks: a short prompt, then code or prose.
    RuledTasks,
    /// Table rows whose question cell asks (markdown or HTML tables).
    Table,
    /// Wholly bold question lines with the answer below.
    Bold,
    /// One card a line: `question :: answer` or `question | answer`.
    Flashcards,
    /// List items that ask (bulleted or numbered), answered by what is
    /// nested under them.
    ListQuestions,
    /// List items at one depth, most of them answered below, whatever
    /// their wording (a cheat sheet's topics).
    ListPrompts,
    /// Lines with no marker that end with a question mark.
    BareLines,
    /// Code fences that each open with a question in prose, the answer
    /// below it inside the fence.
    FencedQuestions,
    /// Questions kept in the front matter (`questions: [{question: …}]`),
    /// the body read as prose.
    FrontMatter,
    /// Prose; any interview questions inside it are extracted as well.
    Article,
}

/// Everything extracted from one source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Extracted {
    /// The source's name under `content/`.
    pub source: String,
    /// The structure it was recognised as.
    pub format: Format,
    /// Questions in source order.
    pub entries: Vec<Entry>,
    /// The article: the whole note for article-like sources; for the other
    /// formats, the prose the note has besides its questions (introduction,
    /// summary, author), when there is enough of it to be worth a page.
    pub article: Option<Article>,
    /// What was repaired of pasted text in a plain-text note (glued table
    /// rows, flattened code), by file line ([`paste`]).
    pub repairs: Vec<PasteRepair>,
}

/// A question found by one of the format parsers, before it becomes an
/// [`Entry`]: `idx` and `span` are 0-based line indices into the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// Line of the question.
    pub idx: usize,
    /// The question, cleaned.
    pub question: String,
    /// The answer as markdown.
    pub answer: String,
    /// Headings above the question, outermost first.
    pub section: Vec<String>,
    /// Lines taken by the question and its answer (for coverage).
    pub span: std::ops::Range<usize>,
}

/// Extracts the questions (and the article, if any) from one source's text.
///
/// `source` is the name recorded in each [`Entry`]; `body` is the text;
/// `first_line` is the 1-based file line on which `body` starts (it is
/// added to line numbers so they point into the real file).
///
/// Never panics and never fails: text that no question format explains is
/// returned as an [`Article`] (format [`Format::Article`]), and a Q&A note's
/// substantial non-question prose becomes its article.
pub fn extract(source: &str, body: &str, first_line: usize) -> Extracted {
    let lines = lines::split_lines(body);
    // Line-for-line rewrites before any reading: HTML comments hide what
    // they hold; HTML headings and wrappers read as markdown; other
    // generators' folded blocks read as `<details>`.
    let uncommented = comments::blank(&lines);
    let lines = rewritten(&uncommented, lines);
    let from_html = html_lines::to_markdown(&lines);
    let lines = rewritten(&from_html, lines);
    let folded = folds::to_details(&lines);
    let lines = rewritten(&folded, lines);
    let decision = sniff::decide(&lines);
    let article = if decision.format == Format::Article {
        Some(article::build(source, &lines, decision.markdown))
    } else {
        leftover::article(source, &lines, decision.markdown, &decision.found)
    };
    let repairs = if decision.markdown {
        Vec::new()
    } else {
        paste::repairs(&lines)
            .into_iter()
            .map(|(idx, kind, detail)| PasteRepair {
                line: first_line.saturating_add(idx),
                kind,
                detail,
            })
            .collect()
    };
    let mut found = decision.found;
    found.sort_by_key(|f| f.idx);
    let entries = found
        .into_iter()
        .filter(|f| !f.question.trim().is_empty())
        .map(|f| Entry {
            source: source.to_string(),
            line: first_line.saturating_add(f.idx),
            question: f.question,
            answer: f.answer,
            section: f.section,
        })
        .collect();
    Extracted {
        source: source.to_string(),
        format: decision.format,
        entries,
        article,
        repairs,
    }
}

/// [`extract`], plus the questions the note keeps in its front matter
/// ([`front_matter::entries`]; `extra` holds the front matter's keys that
/// ingest does not know, `block` its text). They come first, as the front
/// matter does; a note whose body is prose reads as
/// [`Format::FrontMatter`]. Pure, never panics.
pub fn extract_note(
    source: &str,
    body: &str,
    body_line: usize,
    extra: &std::collections::BTreeMap<String, serde_json::Value>,
    block: &str,
) -> Extracted {
    let mut x = extract(source, body, body_line);
    let front = front_matter::entries(source, extra, block);
    if !front.is_empty() {
        if x.format == Format::Article {
            x.format = Format::FrontMatter;
        }
        x.entries.splice(0..0, front);
    }
    x
}

/// The lines of a line-for-line rewrite, or `lines` when it changed
/// nothing.
fn rewritten<'a>(rewrite: &'a Option<Vec<String>>, lines: Vec<&'a str>) -> Vec<&'a str> {
    match rewrite {
        Some(r) => r.iter().map(String::as_str).collect(),
        None => lines,
    }
}

/// The block structure of a note, counted, for the message that says what
/// docgen saw in a note it found no question in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Outline {
    /// Non-blank lines.
    pub lines: usize,
    /// Markdown headings (outside code).
    pub headings: usize,
    /// List items (bulleted or numbered).
    pub list_items: usize,
    /// Table rows (lines with a `|` or a `<tr>`).
    pub table_rows: usize,
    /// Fenced code blocks.
    pub code_blocks: usize,
}

impl std::fmt::Display for Outline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.headings, "heading"),
            (self.list_items, "list item"),
            (self.table_rows, "table row"),
            (self.code_blocks, "code block"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}{}", if n == 1 { "" } else { "s" }));
            }
        }
        if parts.is_empty() {
            parts.push("paragraphs only".into());
        }
        write!(f, "{}", parts.join(", "))
    }
}

/// Counts the block structure of `body` (see [`Outline`]). Pure.
pub fn outline(body: &str) -> Outline {
    let lines = lines::split_lines(body);
    let mask = lines::fence_mask(&lines);
    let mut o = Outline::default();
    for (i, line) in lines.iter().enumerate() {
        if lines::is_blank(line) {
            continue;
        }
        o.lines += 1;
        if mask[i] {
            o.code_blocks += usize::from(i == 0 || !mask[i - 1]);
            continue;
        }
        let t = line.trim_start();
        if lines::atx_heading(line).is_some() {
            o.headings += 1;
        } else if t.contains('|') || t.to_ascii_lowercase().starts_with("<tr") {
            o.table_rows += 1;
        } else if t.starts_with(['-', '*', '+', '\u{2022}'])
            && t.chars().nth(1).is_some_and(char::is_whitespace)
            || label::question_label(t, false).is_some_and(|l| l.number.is_some() && !l.marker)
        {
            o.list_items += 1;
        }
    }
    o
}
