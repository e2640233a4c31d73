//! Stage 2, **extract**: each [`SourceDoc`](crate::ingest::SourceDoc)'s text
//! becomes typed [`Entry`] values (question, answer as markdown, where it
//! came from) and, for article-like notes, an [`Article`].
//!
//! Extraction is pure: it takes text, never a path, and never fails. Input
//! it cannot understand is kept as an article rather than dropped.

/// One question as one source asked it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Entry {
    /// The source's name under `content/` (`SourceDoc::name`).
    pub source: String,
    /// 1-based line of the question in the source file.
    pub line: usize,
    /// The question as written, numbering and markup wrappers removed
    /// (inline code backticks are kept).
    pub question: String,
    /// The answer as markdown; empty when the source gives none.
    pub answer: String,
    /// Headings above the question, outermost first.
    pub section: Vec<String>,
}

impl Entry {
    /// True when the source gives a non-blank answer.
    pub fn answered(&self) -> bool {
        !self.answer.trim().is_empty()
    }
}

/// A note that reads as prose (an article), kept as one readable page.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Article {
    /// The source's name under `content/`.
    pub source: String,
    /// The article's title (its first `#` heading, or the file name).
    pub title: String,
    /// The article body as markdown, without the title heading.
    pub markdown: String,
}

/// The structure a source was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
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
    /// Prose; any interview questions inside it are extracted as well.
    Article,
}

/// Everything extracted from one source.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Extracted {
    /// The source's name under `content/`.
    pub source: String,
    /// The structure it was recognised as.
    pub format: Format,
    /// Questions in source order.
    pub entries: Vec<Entry>,
    /// The article, for article-like sources.
    pub article: Option<Article>,
}

/// Extracts the questions (and the article, if any) from one source's text.
///
/// `source` is the name recorded in each [`Entry`]; `body` is the text;
/// `first_line` is the 1-based file line on which `body` starts (it is
/// added to line numbers so they point into the real file).
pub fn extract(source: &str, body: &str, first_line: usize) -> Extracted {
    // Placeholder until the extract stage lands: numbered lines ending in `?`.
    let mut entries = Vec::new();
    for (i, line) in body.lines().enumerate() {
        let t = line.trim();
        if let Some((num, rest)) = t.split_once(". ")
            && num.chars().all(|c| c.is_ascii_digit())
            && !num.is_empty()
            && rest.ends_with('?')
        {
            entries.push(Entry {
                source: source.to_string(),
                line: first_line + i,
                question: rest.to_string(),
                answer: String::new(),
                section: Vec::new(),
            });
        }
    }
    Extracted {
        source: source.to_string(),
        format: Format::PlainQa,
        entries,
        article: None,
    }
}
