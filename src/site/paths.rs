//! The site's one URL scheme: where each kind of page lives, as paths
//! relative to the site root, and the way back from a path to the page
//! kind (for the print page, which turns links between pages into
//! anchors inside itself).
//!
//! | page | path |
//! | --- | --- |
//! | chapter | `chapters/<chapter id>.html` |
//! | entry | `chapters/<chapter id>.html#<entry id>` |
//! | note (prose article) | `notes/<article id>.html` |
//! | concept | `concepts/<concept id>.html` |
//! | concept index and map | `concepts/index.html` |
//! | printed handbook (`docgen pdf`) | `handbook.pdf` |
//!
//! Every page links with a `root` prefix (`""` at the root, `"../"` one
//! folder down), so these paths work at `/`, under a base path and from
//! `file://`.

/// Folder of the chapter pages.
const CHAPTERS: &str = "chapters/";
/// Folder of the note pages.
const NOTES: &str = "notes/";
/// Folder of the concept pages.
const CONCEPTS: &str = "concepts/";

/// The concept index and map page.
pub const CONCEPT_INDEX: &str = "concepts/index.html";

/// The printed handbook (`docgen pdf`), at the site's top when printed
/// into it.
pub const PDF: &str = "handbook.pdf";

/// The page of chapter `id`: `chapters/<id>.html`.
pub fn chapter(id: &str) -> String {
    format!("{CHAPTERS}{id}.html")
}

/// The URL of entry `id` in chapter `chapter`:
/// `chapters/<chapter>.html#<id>`.
pub fn entry(chapter: &str, id: &str) -> String {
    format!("{CHAPTERS}{chapter}.html#{id}")
}

/// The page of the note (article) `id`: `notes/<id>.html`.
pub fn note(id: &str) -> String {
    format!("{NOTES}{id}.html")
}

/// The page of concept `id`: `concepts/<id>.html`.
pub fn concept(id: &str) -> String {
    format!("{CONCEPTS}{id}.html")
}

/// A page of the scheme, read back from its path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page<'a> {
    /// A chapter page, by chapter id.
    Chapter(&'a str),
    /// A note page, by article id.
    Note(&'a str),
    /// A concept page, by concept id.
    Concept(&'a str),
}

impl<'a> Page<'a> {
    /// The page at site path `path` (without fragment; leading `../` and
    /// `./` are ignored), if it is a chapter, note or concept page.
    pub fn parse(path: &'a str) -> Option<Page<'a>> {
        let path = path.trim_start_matches("../").trim_start_matches("./");
        let id = |dir: &str| path.strip_prefix(dir)?.strip_suffix(".html");
        id(CHAPTERS)
            .map(Page::Chapter)
            .or_else(|| id(NOTES).map(Page::Note))
            .or_else(|| id(CONCEPTS).map(Page::Concept))
    }

    /// The page's anchor in the print page: `chapter-<id>`, `note-<id>`
    /// or `concept-<id>` (the concept index, read as concept `index`,
    /// gets `concept-index`: the print page's concept index).
    pub fn print_anchor(self) -> String {
        match self {
            Page::Chapter(id) => format!("chapter-{id}"),
            Page::Note(id) => format!("note-{id}"),
            Page::Concept(id) => format!("concept-{id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_read_back_as_their_pages() {
        assert_eq!(Page::parse(&chapter("gil")), Some(Page::Chapter("gil")));
        assert_eq!(Page::parse(&note("n")), Some(Page::Note("n")));
        assert_eq!(Page::parse(&concept("gc")), Some(Page::Concept("gc")));
        assert_eq!(Page::parse("../chapters/a.html"), Some(Page::Chapter("a")));
        assert_eq!(Page::parse("index.html"), None);
        assert_eq!(Page::parse("static/x.css"), None);
        assert_eq!(entry("c", "q"), "chapters/c.html#q");
        assert_eq!(Page::Concept("gil").print_anchor(), "concept-gil");
    }
}
