//! Finding concept mentions in markdown, where not every word is prose.
//!
//! A term inside a code block is code, not a reference to the concept; a
//! term inside a link or heading already leads somewhere or labels the page.
//! Linking those would be wrong or noisy, so they are skipped.
//!
//! The markdown is parsed with `pulldown-cmark` (offset iterator), which
//! gives the source range of every block and inline element. Matching then
//! runs once over the **source** text and mentions that touch an excluded
//! range are dropped. Matching the source rather than each text event keeps
//! terms whole where markdown splits them: `__slots__` written bare parses
//! as strong emphasis around `slots`, and escapes split text events.
//!
//! Inline code is excluded too, except a code span that *is* an alias as a
//! whole (`` `__slots__` ``, `` `GIL` ``, `` `__init__()` ``): in notes
//! such spans name the concept rather than show code.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use crate::text::markdown::markdown_options as options;

use super::linker::{Linker, Mention};

/// True for the elements whose whole source range holds no mentions.
fn excluded(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::CodeBlock(_)
            | Tag::Link { .. }
            | Tag::Image { .. }
            | Tag::Heading { .. }
            | Tag::HtmlBlock
            | Tag::MetadataBlock(_)
    )
}

impl Linker {
    /// Every mention in the markdown `md`, in source order, with byte
    /// ranges into `md`.
    ///
    /// Never reports a mention inside a fenced or indented code block, a
    /// link or image (text or destination), a heading, raw HTML, a footnote
    /// reference, or inline code, except an inline code span whose whole
    /// content is an alias (then the range covers the content, without
    /// backticks).
    pub fn markdown_mentions(&self, md: &str) -> Vec<Mention> {
        let mut excluded_ranges: Vec<Range<usize>> = Vec::new();
        let mut code_mentions: Vec<Mention> = Vec::new();
        // Depth of excluded elements we are inside.
        let mut depth = 0usize;
        for (event, range) in Parser::new_ext(md, options()).into_offset_iter() {
            match event {
                Event::Start(tag) if excluded(&tag) => {
                    depth += 1;
                    excluded_ranges.push(range);
                }
                Event::End(end) if depth > 0 && is_excluded_end(end) => depth -= 1,
                Event::Code(code) => {
                    if depth == 0
                        && let Some(m) = self.code_span(md, range.clone(), &code)
                    {
                        code_mentions.push(m);
                    }
                    excluded_ranges.push(range);
                }
                Event::Html(_) | Event::InlineHtml(_) | Event::FootnoteReference(_) => {
                    excluded_ranges.push(range)
                }
                Event::InlineMath(_) | Event::DisplayMath(_) => excluded_ranges.push(range),
                _ => {}
            }
        }
        let merged = merge(excluded_ranges);
        let mut out: Vec<Mention> = self
            .find(md)
            .into_iter()
            .filter(|m| !overlaps_any(&merged, &m.range))
            .collect();
        out.extend(code_mentions);
        out.sort_by_key(|m| (m.range.start, m.range.end));
        out
    }

    /// The mention an inline code span makes, if its content is an alias.
    fn code_span(&self, md: &str, range: Range<usize>, code: &str) -> Option<Mention> {
        let concept = self.whole(code)?;
        let src = &md[range.clone()];
        let name = code.trim();
        let name = name.strip_suffix("()").unwrap_or(name);
        let at = src.find(name)?;
        let start = range.start + at;
        Some(Mention {
            concept,
            range: start..start + name.len(),
        })
    }
}

fn is_excluded_end(end: pulldown_cmark::TagEnd) -> bool {
    use pulldown_cmark::TagEnd;
    matches!(
        end,
        TagEnd::CodeBlock
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Heading(_)
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_)
    )
}

/// Sorts and merges overlapping or touching ranges.
fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// True when `r` shares a byte with one of the sorted, disjoint `ranges`.
fn overlaps_any(ranges: &[Range<usize>], r: &Range<usize>) -> bool {
    // First range ending after r.start; it overlaps iff it starts before r.end.
    let i = ranges.partition_point(|x| x.end <= r.start);
    ranges.get(i).is_some_and(|x| x.start < r.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concepts::catalog::{Catalog, Concept};

    fn linker() -> Linker {
        let c = |id: &str, aliases: &[&str], cs: bool| Concept {
            id: id.into(),
            name: id.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            summary: None,
            related: vec![],
            case_sensitive: cs,
            discovered: false,
            evidence: None,
        };
        Linker::new(&Catalog {
            concepts: vec![
                c("gil", &["GIL", "Global Interpreter Lock"], true),
                c("threading", &["threading", "thread"], false),
                c("slots", &["__slots__"], false),
                c("new-init", &["__init__"], false),
            ],
            ..Catalog::default()
        })
    }

    fn found(md: &str) -> Vec<&str> {
        linker()
            .markdown_mentions(md)
            .into_iter()
            .map(|m| &md[m.range])
            .collect()
    }

    #[test]
    fn prose_is_matched_with_source_ranges() {
        assert_eq!(
            found("The *GIL* blocks **threading**."),
            vec!["GIL", "threading"]
        );
        assert_eq!(
            found("- item about the GIL\n- and threads"),
            vec!["GIL", "threads"]
        );
    }

    #[test]
    fn code_blocks_are_skipped() {
        assert_eq!(
            found("```python\nimport threading\n```\nThe GIL."),
            vec!["GIL"]
        );
        assert_eq!(found("Text:\n\n    threading.Thread()\n\nGIL"), vec!["GIL"]);
    }

    #[test]
    fn links_and_headings_are_skipped() {
        assert_eq!(
            found("See [the GIL](gil.html) and <https://x/GIL>."),
            Vec::<&str>::new()
        );
        assert_eq!(found("## The GIL\n\nthreading"), vec!["threading"]);
        assert_eq!(found("GIL\n===\n\nthread"), vec!["thread"]);
        assert_eq!(found("<div>\nGIL\n</div>\n\nthread"), vec!["thread"]);
        // Inline HTML tags are skipped, the prose between them is not.
        assert_eq!(
            found("<b>GIL</b> <span title=\"GIL\">x</span>"),
            vec!["GIL"]
        );
    }

    #[test]
    fn inline_code_only_when_whole_alias() {
        assert_eq!(found("Use `__slots__` to save memory."), vec!["__slots__"]);
        assert_eq!(found("Define `__init__()` first."), vec!["__init__"]);
        assert_eq!(
            found("Call `threading.Thread(target=f)` now."),
            Vec::<&str>::new()
        );
        assert_eq!(found("`x = GIL`"), Vec::<&str>::new());
    }

    #[test]
    fn bare_dunder_survives_emphasis_parsing() {
        // Markdown reads __slots__ as strong emphasis around "slots".
        assert_eq!(found("What are __slots__? Why useful?"), vec!["__slots__"]);
    }

    #[test]
    fn merge_and_overlap() {
        let m = merge(vec![5..8, 0..2, 1..3, 8..9]);
        assert_eq!(m, vec![0..3, 5..9]);
        assert!(overlaps_any(&m, &(2..4)));
        assert!(!overlaps_any(&m, &(3..5)));
        assert!(overlaps_any(&m, &(8..20)));
    }
}
