//! The chapter pages and the print page, rendered a batch of chapters at a
//! time.
//!
//! Every answer appears twice in the site: on its chapter page and in
//! `print.html`. Rendering every entry first would hold the whole
//! handbook's HTML at once (about 1 GB at 100 000 questions, the build's
//! peak memory). Instead each batch of chapters has its entries rendered,
//! written into the chapter pages and appended to the print page, and then
//! dropped; memory follows the batch, not the handbook.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::print::{self, PrintChapter};
use super::views::{EntryView, Views};
use super::{Out, Pages};
use crate::model::{Chapter, HandbookEntry, Linked};
use crate::{Error, Result};

/// Entries rendered together before their pages are written (512: the
/// peak memory of a 10 000-question build falls by about 30 MiB from
/// 2 048, at the same speed; a chapter's entries still render in
/// parallel). A chapter larger than this is a batch of its own.
const BATCH_ENTRIES: usize = 512;

/// Writes `chapters/<id>.html` for every chapter and `print.html`.
/// Returns the views of the unanswered entries, in reading order (the
/// open-questions page lists them).
///
/// Errors: [`Error::Template`] when `chapter.html`, `print.html` or
/// `print_chapter.html` fails, or when `print.html` does not output
/// `chapter_sections`; the sink's errors.
pub(super) fn render(
    pages: &Pages,
    linked: &Linked,
    views: &Views,
    out: &mut Out,
) -> Result<Vec<EntryView>> {
    let (head, tail) = print_frame(pages, linked, views)?;
    out.append("print.html", print::rewrite_links(head).as_bytes())?;
    let hb = &linked.handbook;
    let book = Book::new(pages, linked, views);
    let mut open = Vec::new();
    for batch in batches(&hb.chapters) {
        let rendered: Vec<Result<RenderedChapter>> = batch
            .par_iter()
            .map(|&i| book.chapter(i, &hb.chapters[i]))
            .collect();
        for r in rendered {
            let r = r?;
            out.insert(r.path, r.page)?;
            out.append("print.html", r.print.as_bytes())?;
            open.extend(r.open);
        }
    }
    out.append("print.html", print::rewrite_links(tail).as_bytes())?;
    Ok(open)
}

/// Writes the pages of the chapters `ids` only (a quick preview, see
/// [`crate::handbook::patch`]).
///
/// Errors: [`Error::Template`] when `chapter.html` fails; the sink's errors.
pub(super) fn render_pages(
    pages: &Pages,
    linked: &Linked,
    views: &Views,
    ids: &[String],
    out: &mut Out,
) -> Result<()> {
    let book = Book::new(pages, linked, views);
    for (i, chapter) in linked.handbook.chapters.iter().enumerate() {
        if ids.contains(&chapter.id) {
            let (path, page) = book.page(i, &book.entries(chapter))?;
            out.insert(path, page)?;
        }
    }
    Ok(())
}

/// Chapter indices in batches of about [`BATCH_ENTRIES`] entries.
fn batches(chapters: &[Chapter]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut size = 0;
    for (i, c) in chapters.iter().enumerate() {
        if out.is_empty() || size + c.entries.len() > BATCH_ENTRIES {
            out.push(Vec::new());
            size = 0;
        }
        size += c.entries.len();
        if let Some(b) = out.last_mut() {
            b.push(i);
        }
    }
    out
}

/// `print.html` rendered with the chapters left out, split where they go.
fn print_frame(pages: &Pages, linked: &Linked, views: &Views) -> Result<(String, String)> {
    let (chapters, concepts) = print::contents(linked, |t| views.title_html(t));
    let hb = &linked.handbook;
    let html = pages.page("print.html", "", "print.html", |c| {
        c.insert("chapters", &chapters);
        c.insert("concepts", &concepts);
        c.insert("chapter_sections", print::CHAPTERS_MARKER);
        c.insert(
            "stats",
            &serde_json::json!({"entries": hb.entries.len(), "sources": hb.sources.len()}),
        );
    })?;
    let Some((head, tail)) = html.split_once(print::CHAPTERS_MARKER) else {
        return Err(Error::Template {
            path: "print.html".into(),
            line: 0,
            message: "the print page must output `{{ chapter_sections | safe }}` where the \
                      chapters go"
                .to_string(),
        });
    };
    Ok((head.to_string(), tail.to_string()))
}

/// What rendering one chapter gives.
struct RenderedChapter {
    /// `chapters/<id>.html`.
    path: String,
    /// The chapter page.
    page: String,
    /// The chapter's section of the print page, links rewritten.
    print: String,
    /// Views of the chapter's unanswered entries.
    open: Vec<EntryView>,
}

/// What every chapter's rendering shares.
struct Book<'a> {
    pages: &'a Pages<'a>,
    views: &'a Views<'a>,
    by_id: BTreeMap<&'a str, &'a HandbookEntry>,
}

impl<'a> Book<'a> {
    fn new(pages: &'a Pages<'a>, linked: &'a Linked, views: &'a Views<'a>) -> Self {
        Book {
            pages,
            views,
            by_id: linked
                .handbook
                .entries
                .iter()
                .map(|e| (e.id.as_str(), e))
                .collect(),
        }
    }

    /// The views of a chapter's entries (rendered in parallel; rayon keeps
    /// their order).
    fn entries(&self, chapter: &Chapter) -> Vec<EntryView> {
        chapter
            .entries
            .par_iter()
            .filter_map(|id| self.by_id.get(id.as_str()))
            .map(|e| self.views.entry(e))
            .collect()
    }

    /// The page of chapter `i`, showing `entries`: (path, HTML).
    fn page(&self, i: usize, entries: &[EntryView]) -> Result<(String, String)> {
        let links = self.pages.common.chapters;
        let link = &links[i];
        let page = self.pages.page("chapter.html", "../", &link.url, |c| {
            c.insert("chapter", link);
            c.insert("entries", entries);
            c.insert("prev", &i.checked_sub(1).map(|p| &links[p]));
            c.insert("next", &links.get(i + 1));
        })?;
        Ok((link.url.clone(), page))
    }

    /// Renders chapter `i`: its entries, its page and its print section.
    fn chapter(&self, i: usize, chapter: &Chapter) -> Result<RenderedChapter> {
        let entries = self.entries(chapter);
        let (path, page) = self.page(i, &entries)?;
        let section = PrintChapter {
            id: &chapter.id,
            number: i + 1,
            title: &chapter.title,
            entries: entries.iter().collect::<Vec<&EntryView>>(),
        };
        let print = self
            .pages
            .page("print_chapter.html", "", "print.html", |c| {
                c.insert("chapter", &section)
            })?;
        Ok(RenderedChapter {
            path,
            page,
            print: print::rewrite_links(print),
            open: entries.iter().filter(|e| !e.answered).cloned().collect(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chapter(n: usize) -> Chapter {
        Chapter {
            id: format!("c{n}"),
            title: format!("C{n}"),
            entries: (0..n).map(|i| format!("e{i}")).collect(),
        }
    }

    #[test]
    fn batches_keep_order_and_bound_their_size() {
        let b = BATCH_ENTRIES;
        let chapters: Vec<Chapter> = [b / 2, b / 2, b / 20, 2 * b + 1, 1, b]
            .into_iter()
            .map(chapter)
            .collect();
        // A chapter bigger than a batch stands alone; the others fill
        // batches up to the bound, in reading order.
        assert_eq!(
            batches(&chapters),
            vec![vec![0, 1], vec![2], vec![3], vec![4], vec![5]]
        );
        assert!(batches(&[]).is_empty());
    }
}
