//! Writing a corpus as docgen notes: one markdown file per [`NotesFile`],
//! in its [`Format`], with a `##` heading over every ten questions.

use std::fmt::Write as _;
use std::path::Path;

use super::{Corpus, Format, NotesFile};

/// The concept catalog of the bundled notes, so concept linking has the
/// same work to do as on a real handbook.
const CONCEPTS: &str = include_str!("../../content/concepts.yaml");

/// The text of one notes file.
pub fn text(file: &NotesFile) -> String {
    let mut out = format!("# {}\n", file.title);
    let mut section = "";
    for (i, q) in file.questions.iter().enumerate() {
        if q.section != section {
            section = &q.section;
            let _ = write!(out, "\n## {section}\n");
        }
        let n = i + 1;
        let _ = match file.format {
            Format::Numbered => write!(out, "\n{n}. {}\n\n{}\n", q.text, q.answer),
            Format::Headings => write!(out, "\n### Q{n}. {}\n\n{}\n", q.text, q.answer),
            Format::Details => write!(
                out,
                "\n<details>\n<summary><b>{n}. {}</b></summary>\n\n{}\n\n</details>\n",
                q.text, q.answer
            ),
        };
    }
    out
}

/// Writes `content/<stem>.md` for every file and `content/concepts.yaml`
/// under `root`; returns the bytes of notes written.
pub fn write_project(corpus: &Corpus, root: &Path) -> usize {
    let content = root.join("content");
    std::fs::create_dir_all(&content).unwrap();
    std::fs::write(content.join("concepts.yaml"), CONCEPTS).unwrap();
    let mut bytes = 0;
    for file in &corpus.files {
        let text = text(file);
        bytes += text.len();
        std::fs::write(content.join(format!("{}.md", file.stem)), text).unwrap();
    }
    bytes
}
