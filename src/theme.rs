//! The theme: templates and static files, embedded in the binary and
//! overridable by the project's own `templates/` and `static/`.
//!
//! Embedding means `docgen` works from any directory with no install step;
//! overriding by file name means a user changes one template without
//! copying the rest (the same rule as Zola's and Hugo's theme overrides).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::walk::Confinement;
use crate::{Error, Result};

macro_rules! embedded {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../", $dir, "/", $name)))),*]
    };
}

/// The templates shipped in the binary, by name.
pub const DEFAULT_TEMPLATES: &[(&str, &[u8])] = embedded!("templates":
    "base.html", "index.html", "chapter.html", "entry.html", "article.html",
    "open_questions.html", "search.html", "404.html", "print.html", "print_chapter.html",
    "duplicates.html", "concept.html", "concepts.html", "review.html",
);

/// The static files shipped in the binary, by path under `static/`.
pub const DEFAULT_STATIC: &[(&str, &[u8])] = embedded!("static":
    "style.css", "search.js", "reader.js", "prefs.js", "print.css", "favicon.svg",
);

/// One template's source and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateSource {
    /// The template text.
    pub text: String,
    /// The file it was read from, or `templates/<name>` (embedded) for a
    /// default, used in error messages.
    pub origin: PathBuf,
}

/// Templates and static files for one build.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Templates by name (`base.html`, …).
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files by `/`-separated path under `static/`.
    pub static_files: BTreeMap<String, Vec<u8>>,
    /// Files of `templates/` and `static/` left out (symbolic links the
    /// project's confinement does not follow), as warnings.
    pub warnings: Vec<String>,
    /// The pages' icon, as a key of [`Theme::static_files`]; `None`:
    /// [`DEFAULT_FAVICON`].
    pub favicon: Option<String>,
}

/// The icon every page names unless `favicon:` in `docgen.yaml` picks
/// another, under `static/`.
pub const DEFAULT_FAVICON: &str = "favicon.svg";

impl Theme {
    /// The embedded defaults only.
    pub fn embedded() -> Self {
        let mut theme = Theme::default();
        for (name, bytes) in DEFAULT_TEMPLATES {
            theme.templates.insert(
                name.to_string(),
                TemplateSource {
                    text: String::from_utf8_lossy(bytes).into_owned(),
                    origin: PathBuf::from(format!("templates/{name} (embedded)")),
                },
            );
        }
        for (name, bytes) in DEFAULT_STATIC {
            let shipped = if name.ends_with(".js") {
                compact_js(bytes)
            } else {
                bytes.to_vec()
            };
            theme.static_files.insert(name.to_string(), shipped);
        }
        theme
    }

    /// The embedded defaults, overridden by `root/templates/*` and
    /// `root/static/**` where those exist (same name wins). Symbolic links
    /// there follow `confinement` ([`crate::walk`]); one not followed is
    /// left out with a warning in [`Theme::warnings`].
    ///
    /// Errors: [`Error::Io`] for an unreadable file or directory.
    pub fn load(root: &Path, confinement: &Confinement) -> Result<Self> {
        let mut theme = Self::embedded();
        for dir in ["templates", "static"] {
            let walk = confinement.walk(&root.join(dir), |_| true)?;
            for link in walk.skipped {
                theme
                    .warnings
                    .push(format!("skipped {dir}/{}: {}", link.name, link.reason));
            }
            for (rel, path) in walk.files {
                if dir == "static" {
                    let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
                    // A copy of a default is the default, shipped as such.
                    let default = DEFAULT_STATIC.iter().any(|(n, b)| *n == rel && *b == bytes);
                    if !default {
                        theme.static_files.insert(rel, bytes);
                    }
                } else if rel.ends_with(".html") {
                    let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
                    theme
                        .templates
                        .insert(rel, TemplateSource { text, origin: path });
                }
            }
        }
        Ok(theme)
    }

    /// Makes `icon` (`favicon:` of `docgen.yaml`, `static/NAME`) the
    /// pages' icon.
    ///
    /// Errors: a message when the project's `static/` has no such file.
    pub fn set_favicon(&mut self, icon: &str) -> std::result::Result<(), String> {
        let rel = icon.strip_prefix("static/").unwrap_or(icon);
        if !self.static_files.contains_key(rel) {
            return Err(format!(
                "`{icon}`: no such file in the project's static/ folder"
            ));
        }
        self.favicon = Some(rel.to_string());
        Ok(())
    }

    /// The pages' icon: its path in the site (`static/…`) and media type.
    pub fn favicon(&self) -> (String, &'static str) {
        let rel = self.favicon.as_deref().unwrap_or(DEFAULT_FAVICON);
        let path = format!("static/{rel}");
        let kind = crate::config::favicon_type(&path).unwrap_or("image/svg+xml");
        (path, kind)
    }
}

/// docgen's own scripts as shipped: without their whole-line `//`
/// comments, indentation and blank lines, which are for the reader of the
/// source (about a fifth of `search.js`); a project's `static/` file
/// identical to a default counts as the default. Only whole lines are dropped and
/// only leading white space is cut, which is safe for scripts without
/// template literals or multi-line strings: the embedded scripts have none
/// (`tests::embedded_scripts_have_no_template_literals`). A project's own
/// `static/` files are shipped as they are.
pub fn compact_js(source: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(source);
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let code = line.trim_start();
        if code.is_empty() || code.starts_with("//") {
            continue;
        }
        out.push_str(code);
        out.push('\n');
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_scripts_have_no_template_literals() {
        for (name, bytes) in DEFAULT_STATIC.iter().filter(|(n, _)| n.ends_with(".js")) {
            let compact = String::from_utf8(compact_js(bytes)).unwrap();
            assert!(!compact.contains('`'), "{name} has a template literal");
            assert!(compact.len() < bytes.len(), "{name}");
        }
        assert_eq!(
            compact_js(b"  // note\n  var a = 1; // end\n\n\tf(a);\n"),
            b"var a = 1; // end\nf(a);\n"
        );
    }

    #[test]
    fn user_files_override_embedded_ones_by_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::create_dir_all(dir.path().join("static/img")).unwrap();
        std::fs::write(dir.path().join("templates/index.html"), "mine").unwrap();
        std::fs::write(dir.path().join("static/img/logo.svg"), "<svg/>").unwrap();
        let confinement = Confinement::new(dir.path(), Default::default()).unwrap();
        let theme = Theme::load(dir.path(), &confinement).unwrap();
        assert_eq!(theme.templates["index.html"].text, "mine");
        assert!(theme.templates["base.html"].text.contains("<html"));
        assert_eq!(theme.static_files["img/logo.svg"], b"<svg/>");
        assert!(theme.static_files.contains_key("style.css"));
    }
}
