//! The quick preview `serve` shows while a full rebuild runs: the last
//! build's handbook patched with the edited sources ([`crate::handbook::patch`])
//! and only the pages that show the edit rendered (the contents page and
//! the edited chapters).
//!
//! Only edits of notes files the last build read are previewed. A new or
//! removed file, an article-like note, the concept catalog, templates,
//! static files or `docgen.yaml` wait for the full rebuild, as does any
//! file that cannot be read or parsed (the full rebuild reports it).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::extract::Format;
use crate::ingest::{self, FileOutcome};
use crate::model::Linked;
use crate::pipeline::Built;
use crate::render::markdown::HighlightCache;
use crate::render::{self, RenderOptions};
use crate::site::Site;
use crate::theme::Theme;

/// What a preview starts from: the last successful full build.
pub struct LastBuild {
    linked: Linked,
    theme: Theme,
    base_url: Option<String>,
    cname: Option<String>,
    /// Names of the sources it read (under `content/`).
    sources: BTreeSet<String>,
}

impl LastBuild {
    /// Splits a build into what a preview needs and the site to serve.
    pub fn split(built: Built) -> (LastBuild, Site) {
        let sources = built
            .linked
            .handbook
            .sources
            .iter()
            .map(|s| s.name.clone())
            .collect();
        let last = LastBuild {
            linked: built.linked,
            theme: built.theme,
            base_url: built.base_url,
            cname: built.cname,
            sources,
        };
        (last, built.site)
    }
}

/// The preview pages (site path, bytes) for a change of `paths` (absolute,
/// as the watcher reports them) in the project at `root`, or `None` when
/// the change is not one a preview shows (see the module docs).
pub fn pages(
    root: &Path,
    last: &mut LastBuild,
    paths: &[PathBuf],
    highlighted: &HighlightCache,
) -> Option<Vec<(String, Vec<u8>)>> {
    let content = std::fs::canonicalize(root).ok()?.join("content");
    let mut patched = false;
    let mut chapters: BTreeSet<String> = BTreeSet::new();
    for path in paths.iter().filter(|p| !p.is_dir()) {
        let name = ingest::note_name(&content, path)?;
        // A source the last build did not read, or one that is now a
        // symbolic link, waits for the full rebuild (which applies the
        // project's link confinement).
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if !last.sources.contains(&name) || is_link {
            return None;
        }
        let FileOutcome::Doc(doc) = ingest::ingest_file(name, path.clone()).ok()? else {
            return None;
        };
        // A note that is (or stopped being) a draft waits for the full
        // rebuild, which applies `--drafts`.
        if doc.front_matter.draft {
            return None;
        }
        let x = super::extract_doc(&doc);
        if x.format == Format::Article {
            return None;
        }
        // Patched in place: the next preview patches this one (a full
        // rebuild replaces it), and a large handbook is not copied.
        let changed =
            crate::handbook::patch::patch_in_place(&mut last.linked, &doc.name, &x.entries);
        chapters.extend(changed);
        patched = true;
    }
    if !patched {
        return None;
    }
    let opts = RenderOptions {
        theme: &last.theme,
        base_url: last.base_url.as_deref(),
        cname: last.cname.as_deref(),
        // `docgen serve` serves the site from memory, with no PDF.
        pdf: false,
        highlighted: Some(highlighted),
    };
    let chapters: Vec<String> = chapters.into_iter().collect();
    let site = render::render_pages(&last.linked, &opts, &chapters).ok()?;
    Some(site.files.into_iter().collect())
}
