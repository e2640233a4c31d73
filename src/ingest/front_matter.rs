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
//! or, in TOML as Hugo and Zola also write it, between `+++` lines.
//!
//! The delimiters are recognised only when the *first* line is exactly
//! `---` (or `+++`) and a later line is exactly the same; notes use `---` as a Markdown
//! horizontal rule all the time, so a file that merely starts with a rule
//! and never closes a block is plain body text.
//!
//! Errors must point into the file the author edits, so the YAML's own line
//! numbers are shifted by the line the block starts on, and the body keeps
//! the file line it starts on ([`Parsed::body_line`]) for the later stages'
//! messages.

use std::path::Path;

use super::FrontMatter;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// YAML between `---` lines (Jekyll, Hugo, Zola, Obsidian).
    Yaml,
    /// TOML between `+++` lines (Hugo, Zola).
    Toml,
}

/// The front-matter block of a text, located but not parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    /// The block's text between the delimiters, and its syntax (`None`
    /// when there is no block).
    pub block: Option<(Syntax, &'a str)>,
    /// The text after the closing delimiter line (the whole text when there
    /// is no block).
    pub body: &'a str,
    /// 1-based line of the text on which `body` starts.
    pub body_line: usize,
}

/// A text with its front matter parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed<'a> {
    /// The parsed front matter (all fields empty without a block).
    pub front_matter: FrontMatter,
    /// The text after the front matter.
    pub body: &'a str,
    /// 1-based line of the file on which `body` starts.
    pub body_line: usize,
}

/// The 0-based line of the file on which the block's text starts (the
/// line after the opening delimiter).
const BLOCK_LINE_OFFSET: usize = 1;

/// Largest front-matter block read, in bytes (8 MiB): a larger block is an
/// error rather than a parse of unbounded cost.
pub const MAX_BLOCK_BYTES: usize = 8 << 20;

/// Finds the front-matter block of `text` (which must use `\n` line
/// endings, as [`super::decode::decode`] guarantees).
///
/// A block exists when line 1 is exactly `---` (YAML) or `+++` (TOML) and
/// some later line is exactly the same delimiter (the first such line
/// closes it). Pure and total.
pub fn split(text: &str) -> Split<'_> {
    let none = Split {
        block: None,
        body: text,
        body_line: 1,
    };
    let (syntax, delimiter, rest) = if let Some(rest) = text.strip_prefix("---\n") {
        (Syntax::Yaml, "---", rest)
    } else if let Some(rest) = text.strip_prefix("+++\n") {
        (Syntax::Toml, "+++", rest)
    } else {
        return none;
    };
    let mut offset = 0;
    for (index, line) in rest.split_inclusive('\n').enumerate() {
        if line.strip_suffix('\n').unwrap_or(line) == delimiter {
            return Split {
                block: Some((syntax, &rest[..offset])),
                body: &rest[offset + line.len()..],
                // Line 1 is the opening delimiter, `rest` starts on line 2,
                // the closing one is on line `index + 2`.
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
/// Keys docgen knows are read leniently, as the tools that write them do:
/// `title`, `source`, `url`, `lang`, `date` (any scalar, as text), `tags`
/// and `aliases` (a list, or one string of comma- or space-separated
/// words, `#` prefixes dropped), `draft` (a boolean). Every other key is
/// kept in [`FrontMatter::extra`] and never fails the build. A block that
/// is empty or holds only comments gives an empty [`FrontMatter`].
///
/// Errors: [`crate::Error::Yaml`] naming `path` and the 1-based line and
/// column *in the file* when the block is not valid YAML or TOML, is not a
/// mapping, is larger than [`MAX_BLOCK_BYTES`], has a known key with a
/// value of the wrong shape, or a `url` whose scheme is not allowed
/// ([`crate::url_policy::check_link`]).
pub fn parse<'a>(path: &Path, text: &'a str) -> crate::Result<Parsed<'a>> {
    let Split {
        block,
        body,
        body_line,
    } = split(text);
    let front_matter = match block {
        Some((syntax, block)) if !is_blank(block) => FrontMatter {
            block: block.to_string(),
            ..read_block(path, syntax, block)?
        },
        _ => FrontMatter::default(),
    };
    Ok(Parsed {
        front_matter,
        body,
        body_line,
    })
}

/// Parses one non-blank block into a [`FrontMatter`].
fn read_block(path: &Path, syntax: Syntax, block: &str) -> crate::Result<FrontMatter> {
    let at = |line: usize, message: String| crate::Error::Yaml {
        path: path.to_path_buf(),
        line: line + BLOCK_LINE_OFFSET + 1,
        column: 1,
        message,
    };
    if block.len() > MAX_BLOCK_BYTES {
        return Err(at(
            0,
            format!("front matter larger than {MAX_BLOCK_BYTES} bytes"),
        ));
    }
    let map: serde_json::Map<String, serde_json::Value> = match syntax {
        Syntax::Yaml => {
            crate::yaml_guard::check(block).map_err(|(line, message)| at(line - 1, message))?;
            let value: serde_yaml::Value = serde_yaml::from_str(block)
                .map_err(|e| crate::Error::yaml(path, BLOCK_LINE_OFFSET, &e))?;
            match serde_json::to_value(&value) {
                Ok(serde_json::Value::Object(map)) => map,
                Ok(_) => return Err(at(0, "front matter must be a mapping of keys".into())),
                Err(e) => return Err(at(0, format!("front matter cannot be read: {e}"))),
            }
        }
        Syntax::Toml => {
            let table: toml::Table = toml::from_str(block).map_err(|e| {
                let line = e
                    .span()
                    .map_or(0, |span| block[..span.start].matches('\n').count());
                at(line, e.message().to_string())
            })?;
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect()
        }
    };
    let line_of = |key: &str| key_line(block, syntax, key);
    let mut fm = FrontMatter::default();
    for (key, value) in map {
        let wrong = |what: &str| at(line_of(&key), format!("`{key}` must be {what}"));
        match key.as_str() {
            "title" => fm.title = Some(scalar(&value).ok_or_else(|| wrong("text"))?),
            "source" => fm.source = Some(scalar(&value).ok_or_else(|| wrong("text"))?),
            "lang" => fm.lang = Some(scalar(&value).ok_or_else(|| wrong("text"))?),
            "date" => fm.date = Some(scalar(&value).ok_or_else(|| wrong("text"))?),
            "url" => {
                let url = scalar(&value).ok_or_else(|| wrong("text"))?;
                crate::url_policy::check_link(&url)
                    .map_err(|why| at(line_of(&key), format!("`url`: {why}")))?;
                fm.url = Some(url);
            }
            "tags" => fm.tags = words(&value).ok_or_else(|| wrong("a list of words"))?,
            "aliases" => fm.aliases = words(&value).ok_or_else(|| wrong("a list of words"))?,
            "draft" => {
                fm.draft = match &value {
                    serde_json::Value::Bool(b) => *b,
                    serde_json::Value::String(s) if s.eq_ignore_ascii_case("true") => true,
                    serde_json::Value::String(s) if s.eq_ignore_ascii_case("false") => false,
                    _ => return Err(wrong("true or false")),
                }
            }
            _ => {
                fm.extra.insert(key, value);
            }
        }
    }
    Ok(fm)
}

/// A TOML value as JSON, dates and times as their TOML text.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => serde_json::Number::from_f64(f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(items) => J::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

/// A scalar value as text (`None` for a list, a mapping or null).
fn scalar(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of words: a list of scalars (or of mappings, whose `name`,
/// `title` or first text value is taken, as some exporters write tags),
/// or one string split on commas (or, without a comma, on white space, as
/// Jekyll writes tags); `#` prefixes (Obsidian's tag syntax) and empty
/// words are dropped. `None` for a mapping.
fn words(value: &serde_json::Value) -> Option<Vec<String>> {
    let raw: Vec<String> = match value {
        serde_json::Value::Array(items) => items
            .iter()
            .filter_map(|item| match item {
                serde_json::Value::Object(map) => ["name", "title"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(scalar))
                    .or_else(|| map.values().find_map(scalar)),
                other => scalar(other),
            })
            .collect(),
        serde_json::Value::Null => Vec::new(),
        serde_json::Value::String(s) if s.contains(',') => {
            s.split(',').map(str::to_string).collect()
        }
        serde_json::Value::String(s) => s.split_whitespace().map(str::to_string).collect(),
        other => vec![scalar(other)?],
    };
    Some(
        raw.iter()
            .map(|w| w.trim().trim_start_matches('#').trim().to_string())
            .filter(|w| !w.is_empty())
            .collect(),
    )
}

/// The 0-based line of `block` where top-level `key` is set (0 when it
/// cannot be found), for error messages.
fn key_line(block: &str, syntax: Syntax, key: &str) -> usize {
    let sep = match syntax {
        Syntax::Yaml => ':',
        Syntax::Toml => '=',
    };
    block
        .lines()
        .position(|l| {
            let unquoted = l.trim_start_matches(['"', '\'']);
            unquoted
                .strip_prefix(key)
                .map(|r| r.trim_start_matches(['"', '\'']).trim_start())
                .is_some_and(|r| r.starts_with(sep))
        })
        .unwrap_or(0)
}

/// Whether `block` has nothing but blank lines and comments (YAML reads it
/// as null and TOML as an empty table; either means "no front matter").
fn is_blank(block: &str) -> bool {
    block.lines().all(|l| {
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
        assert_eq!(s.block, Some((Syntax::Yaml, "a: 1\n----\n --- \n")));
        assert_eq!((s.body, s.body_line), ("body", 6));
    }

    #[test]
    fn other_tools_keys_are_kept_not_errors() {
        let p = parse_ok(
            "---\ntitle: ok\nauthor: me\ncssclass: wide\ntags: [python, \"#gc\"]\naliases: GC, collector\ndate: 2024-01-02\ndraft: false\nlang: zh\n---\nbody\n",
        );
        let fm = &p.front_matter;
        assert_eq!(fm.title.as_deref(), Some("ok"));
        assert_eq!(fm.tags, ["python", "gc"]);
        assert_eq!(fm.aliases, ["GC", "collector"]);
        assert_eq!(fm.date.as_deref(), Some("2024-01-02"));
        assert_eq!(fm.lang.as_deref(), Some("zh"));
        assert!(!fm.draft);
        assert_eq!(fm.extra["author"], serde_json::json!("me"));
        assert_eq!(fm.extra["cssclass"], serde_json::json!("wide"));
        // Jekyll writes tags as one space-separated string.
        let p = parse_ok("---\ntags: python interview\n---\n");
        assert_eq!(p.front_matter.tags, ["python", "interview"]);
    }

    #[test]
    fn toml_front_matter_between_plus_lines() {
        let p = parse_ok(
            "+++\ntitle = \"Системы\"\ndate = 2024-05-06\ntags = [\"os\"]\n[extra]\nauthor = \"me\"\n+++\n# Body\n",
        );
        assert_eq!(p.front_matter.title.as_deref(), Some("Системы"));
        assert_eq!(p.front_matter.date.as_deref(), Some("2024-05-06"));
        assert_eq!(p.front_matter.tags, ["os"]);
        assert!(p.front_matter.extra.contains_key("extra"));
        assert_eq!((p.body, p.body_line), ("# Body\n", 8));
        let (line, _, msg) = parse_err("+++\ntitle = \"a\"\ntitle = = x\n+++\n");
        assert_eq!(line, 3, "{msg}");
    }

    #[test]
    fn a_url_with_a_script_scheme_names_file_key_and_line() {
        for bad in [
            "javascript:alert(1)",
            " JavaScript:alert(1)",
            "data:text/html,x",
        ] {
            let text = format!("---\ntitle: t\nurl: \"{bad}\"\n---\nbody\n");
            let (line, _, msg) = parse_err(&text);
            assert_eq!(line, 3, "{msg}");
            assert!(msg.starts_with("notes/a.md:3:"), "{msg}");
            assert!(msg.contains("`url`"), "{msg}");
        }
        let p = parse_ok("---\nurl: https://x.test/notes\n---\n");
        assert_eq!(p.front_matter.url.as_deref(), Some("https://x.test/notes"));
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
