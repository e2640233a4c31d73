//! `docgen.yaml`: the handbook project's optional configuration.
//!
//! The file is optional: a directory with only `content/` builds with the
//! defaults. Unknown keys are an error (naming the key, file, line and
//! column) rather than silently ignored, because a misspelt `base_url`
//! would otherwise publish a broken site without a word.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::{Error, Result};

/// Largest YAML file docgen parses (`docgen.yaml`, the concept catalog),
/// in bytes: 8 MiB. A larger one is an error rather than a parse of
/// unbounded time and memory.
pub const MAX_YAML_BYTES: usize = 8 << 20;

/// Reads a YAML file of at most [`MAX_YAML_BYTES`]; `Ok(None)` when it
/// does not exist.
///
/// Errors: [`Error::Io`] when it cannot be read; [`Error::Config`] when it
/// is larger than the limit.
pub fn read_yaml_file(path: &Path) -> Result<Option<String>> {
    match std::fs::metadata(path) {
        Ok(m) if m.len() > MAX_YAML_BYTES as u64 => Err(Error::Config {
            path: path.to_path_buf(),
            message: format!(
                "{} bytes, more than the {MAX_YAML_BYTES} bytes docgen reads",
                m.len()
            ),
        }),
        Ok(_) => std::fs::read_to_string(path)
            .map(Some)
            .map_err(|e| Error::io(path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

/// File name of the configuration, looked up in the project root.
pub const CONFIG_FILE: &str = "docgen.yaml";

/// The handbook's configuration, as written in `docgen.yaml`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The handbook's title (default: "Handbook").
    pub title: Option<String>,
    /// One sentence shown under the title on the home page.
    pub description: Option<String>,
    /// The URL the site is published at, e.g. `https://user.github.io/repo/`.
    /// The `--base-url` flag overrides it.
    pub base_url: Option<String>,
    /// Display names of sources, keyed by their path under `content/`.
    #[serde(default)]
    pub sources: BTreeMap<String, String>,
    /// A custom domain for GitHub Pages: written to `public/CNAME`.
    pub cname: Option<String>,
    /// Deduplication tuning and overrides.
    #[serde(default)]
    pub dedup: DedupConfig,
    /// Follow symbolic links in `content/`, `templates/` and `static/` even
    /// when they lead outside the project (default: only inside it).
    #[serde(default)]
    pub follow_symlinks: bool,
    /// The handbook's language as a BCP 47 tag (`en`, `zh-CN`, `ko`):
    /// `<html lang>` on every page, and the language of sources whose own
    /// cannot be detected. Default `en`.
    pub language: Option<String>,
    /// Chapters the author names, in reading order, each pinning the
    /// questions it names ([`ChapterConfig`]); the rest are placed
    /// automatically and read after them.
    #[serde(default)]
    pub chapters: Vec<ChapterConfig>,
    /// Where a source can be edited, for "Edit" links beside each
    /// question and note: an http(s) URL with `{path}` (the source's path
    /// under `content/`) and optionally `{line}`, as mdBook's
    /// `edit-url-template`, e.g.
    /// `https://github.com/you/notes/edit/main/content/{path}`.
    pub edit_url: Option<String>,
    /// The pages' icon: a file under the project's `static/` folder,
    /// written with that prefix (`static/logo.png`); SVG, PNG, ICO or
    /// WebP. Default: docgen's own `static/favicon.svg` (which a project's
    /// file of that name replaces).
    pub favicon: Option<String>,
}

/// One chapter of `chapters:` in `docgen.yaml`. An entry goes to the first
/// chapter that names one of its questions (`entries`), else one of its
/// sources (`sources`), else the chapter its source's front matter names
/// (`chapter:`), else the first whose `match` words its questions hold;
/// only entries none of these name are placed automatically.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChapterConfig {
    /// The chapter's title.
    pub title: String,
    /// Its page's file name (`chapters/<slug>.html`); default: the title
    /// as a slug.
    pub slug: Option<String>,
    /// Words (or phrases) that place a question here when one of its
    /// phrasings holds one (case-insensitive).
    #[serde(default, rename = "match")]
    pub words: Vec<String>,
    /// Sources under `content/` whose questions all go here.
    #[serde(default)]
    pub sources: Vec<String>,
    /// Questions, as `file:line`, that go here.
    #[serde(default)]
    pub entries: Vec<String>,
}

/// The `dedup:` section: force merges or splits of questions named as
/// `file:line` (path under `content/`, 1-based line of the question), and
/// tune the merge threshold.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DedupConfig {
    /// Minimum pair score (0–1] to merge; higher merges less.
    pub threshold: Option<f64>,
    /// Pairs that must become one entry.
    #[serde(default)]
    pub merge: Vec<[String; 2]>,
    /// Pairs that must stay separate entries.
    #[serde(default)]
    pub split: Vec<[String; 2]>,
}

impl Config {
    /// The symbolic-link rule this configuration asks for.
    pub fn symlinks(&self) -> crate::walk::Symlinks {
        if self.follow_symlinks {
            crate::walk::Symlinks::Follow
        } else {
            crate::walk::Symlinks::InsideRoot
        }
    }

    /// The title to show, falling back to "Handbook".
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or("Handbook")
    }

    /// The display name of source `name` (its path under `content/`):
    /// the configured one, else the file name without extension.
    pub fn source_name(&self, name: &str) -> String {
        if let Some(display) = self.sources.get(name) {
            return display.clone();
        }
        let file = name.rsplit('/').next().unwrap_or(name);
        file.rsplit_once('.')
            .map(|(stem, _)| stem)
            .unwrap_or(file)
            .to_string()
    }
}

/// Parses configuration text. `path` is only used in error messages.
///
/// Errors: [`Error::Yaml`] with line and column for malformed YAML or an
/// unknown key; [`Error::Config`] naming the key for a `base_url` that is
/// not an absolute http(s) URL ([`crate::url_policy::check_base_url`]) or
/// a `cname` that is not a host name.
pub fn parse(text: &str, path: &Path) -> Result<Config> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    crate::yaml_guard::check(text).map_err(|(line, message)| Error::Yaml {
        path: path.to_path_buf(),
        line,
        column: 1,
        message,
    })?;
    let config: Config = serde_yaml::from_str(text).map_err(|e| Error::yaml(path, 0, &e))?;
    let invalid = |message: String| Error::Config {
        path: path.to_path_buf(),
        message,
    };
    if let Some(url) = &config.base_url {
        crate::url_policy::check_base_url(url).map_err(|m| invalid(format!("base_url: {m}")))?;
    }
    if let Some(cname) = &config.cname {
        let host = !cname.is_empty()
            && cname
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.');
        if !host {
            return Err(invalid(format!(
                "cname: `{cname}` is not a host name (write it like handbook.example.org)"
            )));
        }
    }
    if let Some(template) = &config.edit_url {
        if !template.contains("{path}") {
            return Err(invalid(format!(
                "edit_url: `{template}` has no {{path}} (write it like https://github.com/you/notes/edit/main/content/{{path}})"
            )));
        }
        let sample = template.replace("{path}", "a.md").replace("{line}", "1");
        crate::url_policy::check_base_url(&sample)
            .map_err(|m| invalid(format!("edit_url: {m}")))?;
    }
    if let Some(icon) = &config.favicon {
        favicon_type(icon).map_err(|m| invalid(format!("favicon: {m}")))?;
    }
    if let Some(lang) = &config.language
        && !is_language_tag(lang)
    {
        return Err(invalid(format!(
            "language: `{lang}` is not a language tag (write it like en, zh-CN or pt-BR)"
        )));
    }
    Ok(config)
}

/// The media type of the icon at `path` (`favicon:` in `docgen.yaml`),
/// from its extension: `image/svg+xml`, `image/png`, `image/x-icon` or
/// `image/webp`.
///
/// Errors: a message when `path` does not name a file under `static/`
/// (relative, no `..`) or has none of those extensions.
pub fn favicon_type(path: &str) -> std::result::Result<&'static str, String> {
    let Some(rel) = path.strip_prefix("static/") else {
        return Err(format!(
            "`{path}` is not under static/ (put the icon in the project's static/ folder and write static/NAME)"
        ));
    };
    if rel.is_empty()
        || rel
            .split('/')
            .any(|p| p.is_empty() || p == "." || p == "..")
    {
        return Err(format!("`{path}` is not a file path under static/"));
    }
    let ext = rel.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match ext.as_deref() {
        Some("svg") => Ok("image/svg+xml"),
        Some("png") => Ok("image/png"),
        Some("ico") => Ok("image/x-icon"),
        Some("webp") => Ok("image/webp"),
        _ => Err(format!("`{path}` is not an SVG, PNG, ICO or WebP file")),
    }
}

/// Whether `tag` has the shape of a BCP 47 language tag: a primary
/// subtag of 2–8 ASCII letters, then subtags of 1–8 letters or digits,
/// joined by `-` (RFC 5646, section 2.1, without the grammar's finer
/// rules).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or("");
    (2..=8).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Config {
    /// The handbook's language tag (`language:`, default `en`).
    pub fn language(&self) -> &str {
        self.language.as_deref().unwrap_or("en")
    }
}

/// Loads `docgen.yaml` from `root`; a missing file gives the defaults.
///
/// Errors: [`Error::Io`] when the file exists but cannot be read,
/// [`Error::Config`] when it is larger than [`MAX_YAML_BYTES`], and the
/// errors of [`parse`].
pub fn load(root: &Path) -> Result<Config> {
    load_with(root, None)
}

/// Loads the configuration from `file` when given (`--config FILE`, which
/// must exist), else `docgen.yaml` in `root` (optional).
///
/// Errors: those of [`load`]; [`Error::Io`] when `file` does not exist.
pub fn load_with(root: &Path, file: Option<&Path>) -> Result<Config> {
    let path = file.map_or_else(|| root.join(CONFIG_FILE), Path::to_path_buf);
    match read_yaml_file(&path)? {
        Some(text) => parse(&text, &path),
        None if file.is_some() => Err(Error::io(
            &path,
            std::io::Error::new(std::io::ErrorKind::NotFound, "no such configuration file"),
        )),
        None => Ok(Config::default()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_known_keys() {
        let c = parse(
            "title: T\nbase_url: https://x.io/r/\nsources:\n  a.md: Alpha\n",
            Path::new("docgen.yaml"),
        )
        .unwrap();
        assert_eq!(c.title(), "T");
        assert_eq!(c.base_url.as_deref(), Some("https://x.io/r/"));
        assert_eq!(c.source_name("a.md"), "Alpha");
        assert_eq!(c.source_name("dir/b.txt"), "b");
    }

    #[test]
    fn unknown_key_is_an_error_naming_key_and_line() {
        let err = parse("title: T\nbase_ulr: x\n", Path::new("docgen.yaml")).unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("base_ulr"), "{msg}");
        assert!(msg.starts_with("docgen.yaml:2:"), "{msg}");
    }

    #[test]
    fn base_url_and_cname_are_checked_naming_the_key() {
        for (text, key) in [
            ("base_url: javascript:alert(1)\n", "base_url"),
            ("base_url: you.github.io/repo\n", "base_url"),
            ("cname: \"x\\\"><script>\"\n", "cname"),
            ("language: \"en\\\"><b>\"\n", "language"),
        ] {
            let msg = parse(text, Path::new("docgen.yaml"))
                .unwrap_err()
                .to_string();
            assert!(msg.starts_with("docgen.yaml: "), "{msg}");
            assert!(msg.contains(key), "{msg}");
        }
        let ok = parse(
            "base_url: https://x.io/r/\ncname: a.example.org\n",
            Path::new("d"),
        );
        assert!(ok.is_ok());
    }

    #[test]
    fn empty_file_is_default() {
        assert_eq!(parse("  \n", Path::new("d")).unwrap(), Config::default());
    }
}
