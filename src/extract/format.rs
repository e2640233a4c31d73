//! The **format seam**: every structure a note can have is one
//! [`NoteFormat`], and [`REGISTRY`] lists them. Sniffing (`sniff`) runs each
//! registered reading that applies (markdown or plain text), scores it by
//! *coverage*, the share of the note's content lines its questions and
//! answers explain, and keeps the best.
//!
//! Adding a structure is one file under `formats/` implementing
//! [`NoteFormat`] plus one line in [`REGISTRY`] (ARCHITECTURE.md shows a
//! worked example).

use super::{Format, Found, details, formats, headings, list, plain};

/// One reading of a note: the structure it found and its questions.
#[derive(Debug, Default)]
pub(crate) struct Reading {
    /// The structure's name, reported per source.
    pub format: Option<Format>,
    /// The questions found, each with its answer and span.
    pub found: Vec<Found>,
}

impl Reading {
    /// A reading of `format` with `found`, questions that cleaned down to
    /// nothing dropped (no reading when none is left).
    pub(crate) fn of(format: Format, mut found: Vec<Found>) -> Reading {
        found.retain(|f| !f.question.trim().is_empty());
        Reading {
            format: (!found.is_empty()).then_some(format),
            found,
        }
    }
}

/// One structure a note can have.
pub(crate) trait NoteFormat: Sync {
    /// Whether this reading applies to a note that is markdown (`true`) or
    /// plain text (`false`).
    fn applies(&self, markdown: bool) -> bool;
    /// Reads the note's lines (0-based, `\n` split) into questions; an
    /// empty reading when the note does not have this structure. Pure and
    /// total: never panics, whatever the lines.
    fn read(&self, lines: &[&str]) -> Reading;
}

/// Every structure docgen reads. On a tie in coverage and in the number of
/// questions, the earlier one wins, so a structure added later never takes
/// a note another one already reads as well.
pub(crate) static REGISTRY: &[&dyn NoteFormat] = &[
    &Details,
    &HeadingQa,
    &NumberedList,
    &PlainQa,
    &formats::numbered_headings::NumberedHeadings,
    &formats::pairs::Pairs,
    &formats::exercise::Exercise,
    &formats::ruled_tasks::RuledTasks,
    &formats::table::Table,
    &formats::bold::Bold,
    &formats::flashcards::Flashcards,
    &formats::list_questions::ListQuestions,
    &formats::list_prompts::ListPrompts,
    &formats::bare_lines::BareLines,
    &formats::fenced_questions::FencedQuestions,
];

/// `<details><summary>question</summary>answer</details>` blocks.
struct Details;

impl NoteFormat for Details {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }
    fn read(&self, lines: &[&str]) -> Reading {
        Reading::of(Format::Details, details::extract(lines))
    }
}

/// Headings at one level that ask questions, with answers below.
struct HeadingQa;

/// Least share of question headings at the question level for a heading Q&A.
const MIN_HEADING_SHARE: f64 = 0.5;

impl NoteFormat for HeadingQa {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }
    fn read(&self, lines: &[&str]) -> Reading {
        let scan = headings::extract(lines);
        if scan.share < MIN_HEADING_SHARE {
            return Reading::default();
        }
        Reading::of(Format::HeadingQa, scan.found)
    }
}

/// Numbered list items (markdown question banks, answered or not).
struct NumberedList;

impl NoteFormat for NumberedList {
    fn applies(&self, markdown: bool) -> bool {
        markdown
    }
    fn read(&self, lines: &[&str]) -> Reading {
        let numbered = list::extract(lines);
        let answered = numbered
            .iter()
            .filter(|f| !f.answer.trim().is_empty())
            .count();
        let format = if answered * 2 > numbered.len() {
            Format::PlainQa
        } else {
            Format::QuestionList
        };
        Reading::of(format, numbered)
    }
}

/// Plain text: numbered questions, each followed by its answer.
struct PlainQa;

impl NoteFormat for PlainQa {
    fn applies(&self, markdown: bool) -> bool {
        !markdown
    }
    fn read(&self, lines: &[&str]) -> Reading {
        Reading::of(Format::PlainQa, plain::extract(lines))
    }
}
