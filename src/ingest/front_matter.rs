//! Front matter: the optional YAML block at the top of a notes file.
//!
//! A note may start with
//!
//! ```text
//! ---
//! title: Python internals
//! url: https://example.org/notes
//! ---
//! ```
//!
//! The delimiters are recognised only when the *first* line is exactly
//! `---` and a later line is exactly `---`; notes use `---` as a Markdown
//! horizontal rule all the time, so a file that merely starts with a rule
//! and never closes a block is plain body text.
//!
//! Errors must point into the file the author edits, so the YAML's own line
//! numbers are shifted by the line the block starts on, and the body keeps
//! the file line it starts on ([`Parsed::body_line`]) for the later stages'
//! messages.

use std::path::Path;

use super::FrontMatter;

/// The front-matter block of a text, located but not parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the delimiters (`None` when there is no block).
    pub yaml: Option<&'a str>,
    /// The text after the closing delimiter line (the whole text when there
    /// is no block).
    pub body: &'a str,
    /// 1-based line of the text on which `body` starts.
    pub body_line: usize,
}

/// A text with its front matter parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<'a> {
    /// The parsed front matter (all fields `None` without a block).
    pub front_matter: FrontMatter,
    /// The text after the front matter.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// The 0-based line of the file on which the YAML of a block starts (the
/// line after the opening `---`).
const YAML_LINE_OFFSET: usize = 1;

/// Finds the front-matter block of `text` (which must use `\n` line
/// endings, as [`super::decode::decode`] guarantees).
///
/// A block exists when line 1 is exactly `---` and some later line is
/// exactly `---` (the first such line closes it). Pure and total.
pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        yaml: None,
        body: text,
        body_line: 1,
    };
    let Some(rest) = text.strip_prefix("---\n") else {
        return none;
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.strip_suffix('\n').unwrap_or(line) == "---" {
            return Split {
                yaml: Some(&rest[..offset]),
                body: &rest[offset + line.len()..],
                // Line 1 is the opening `---`, `rest` starts on line 2, the
                // closing `---` is on line `index + 2`.
                body_line: index + 3,
            };
        }
        offset += line.len();
    }
    none
}

/// Splits off and parses the front matter of `text`, the content of the
/// file at `path` (used in error messages only).
///
/// A block that is empty or holds only YAML comments gives an empty
/// [`FrontMatter`].
///
/// Errors: [`crate::Error::Yaml`] naming `path` and the 1-based line and
/// column *in the file* when the block is not valid YAML, is not a mapping,
/// has a value of the wrong type or has a key other than `title`, `source`
/// and `url`.
pub fn parse<'a>(path: &Path, text: &'a str) -> crate::Result<Parsed<'a>> {
    let Split {
        yaml,
        body,
        body_line,
    } = split(text);
    let front_matter = match yaml {
        Some(yaml) if !is_blank_yaml(yaml) => serde_yaml::from_str(yaml)
            .map_err(|e| crate::Error::yaml(path, YAML_LINE_OFFSET, &e))?,
        _ => FrontMatter::default(),
    };
    Ok(Parsed {
        front_matter,
        body,
        body_line,
    })
}

/// Whether `yaml` has nothing but blank lines and comments (a document
/// YAML reads as null, which is no mapping but means "no front matter").
fn is_blank_yaml(yaml: &str) -> bool {
    yaml.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_ok(text: &str) -> Parsed<'_> {
        match parse(Path::new("notes/a.md"), text) {
            Ok(p) => p,
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    fn parse_err(text: &str) -> (usize, usize, String) {
        match parse(Path::new("notes/a.md"), text) {
            Err(e @ crate::Error::Yaml { line, column, .. }) => (line, column, e.to_string()),
            other => panic!("expected a YAML error, got {other:?}"),
        }
    }

    #[test]
    fn no_front_matter() {
        let p = parse_ok("# Title\n---\nbody\n");
        assert_eq!(p.front_matter, FrontMatter::default());
        assert_eq!((p.body, p.body_line), ("# Title\n---\nbody\n", 1));
    }

    #[test]
    fn good_front_matter() {
        let p = parse_ok("---\ntitle: GIL\nsource: Blog\nurl: https://x.test/a\n---\n# Body\n");
        assert_eq!(p.front_matter.title.as_deref(), Some("GIL"));
        assert_eq!(p.front_matter.source.as_deref(), Some("Blog"));
        assert_eq!(p.front_matter.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(p.body, "# Body\n");
        assert_eq!(p.body_line, 6);
    }

    #[test]
    fn empty_and_comment_only_blocks() {
        let p = parse_ok("---\n---\nx");
        assert_eq!((p.body, p.body_line), ("x", 3));
        let p = parse_ok("---\n# just a comment\n\n---\n");
        assert_eq!(p.front_matter, FrontMatter::default());
        assert_eq!((p.body, p.body_line), ("", 5));
    }

    #[test]
    fn unclosed_block_is_body() {
        for text in ["---\ntitle: x\nno close\n", "---", "---\n", "--- \n---\n"] {
            let p = parse_ok(text);
            assert_eq!((p.body, p.body_line), (text, 1), "{text:?}");
        }
    }

    #[test]
    fn delimiters_must_be_exact() {
        let s = split("---\na: 1\n----\n --- \n---\nbody");
        assert_eq!(s.yaml, Some("a: 1\n----\n --- \n"));
        assert_eq!((s.body, s.body_line), ("body", 6));
    }

    #[test]
    fn unknown_key_names_file_and_line() {
        let (line, column, msg) = parse_err("---\ntitle: ok\nauthor: me\n---\nbody\n");
        assert_eq!((line, column), (3, 1), "{msg}");
        assert!(msg.starts_with("notes/a.md:3:1: "), "{msg}");
        assert!(msg.contains("author"), "{msg}");
    }

    #[test]
    fn malformed_yaml_names_file_and_line() {
        let (line, _, msg) = parse_err("---\ntitle: ok\nurl: [unclosed\n\n---\n");
        assert!(msg.starts_with("notes/a.md:"), "{msg}");
        assert!((3..=5).contains(&line), "{msg}");
        let (line, column, msg) = parse_err("---\ntitle: a\n  bad: indent: x\n---\n");
        assert_eq!(line, 3, "{msg}");
        assert!(column > 1, "{msg}");
    }

    #[test]
    fn wrong_shape_is_an_error() {
        let (line, _, msg) = parse_err("---\n- a\n- b\n---\n");
        assert_eq!(line, 2, "{msg}");
        let (line, _, msg) = parse_err("---\n\ntitle: [1, 2]\n---\n");
        assert_eq!(line, 3, "{msg}");
    }
}
