//! Markdown to safe HTML: pulldown-cmark for the markdown, syntect for code
//! blocks, ammonia for sanitising.
//!
//! Notes come from anywhere (pasted web pages, GitHub READMEs), so raw HTML
//! in them is allowed to render but is cleaned: no `<script>`, no event
//! handlers, no `javascript:` URLs. Sanitising runs on the final HTML of a
//! fragment, so HTML split across markdown events cannot slip through.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};

use rayon::prelude::*;

use super::highlight::highlight_block;
use crate::text::markdown::markdown_options as options;
use crate::text::markdown::{Heading, emoji_shortcodes, heading_id, plain_text};
use crate::text::slug::SlugSet;

/// Rendered HTML of one markdown fragment.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// The fragment's headings, in order, with their ids.
    pub headings: Vec<Heading>,
}

/// Renders markdown with the handbook's extensions (tables, footnotes,
/// strikethrough, task lists, heading attributes) and sanitises the result.
pub struct MarkdownRenderer<'c> {
    sanitizer: ammonia::Builder<'static>,
    cache: Option<&'c HighlightCache>,
}

/// Code blocks highlighted ahead of rendering, keyed by (fence info string,
/// code). Highlighting is the costliest part of rendering and depends only
/// on the answers' text, so `docgen build` fills this on the thread pool
/// while the single-threaded middle stages (dedup, chapters, linking) run;
/// rendering then takes each block out instead of highlighting it again.
/// `docgen serve` keeps one [`HighlightCache::persistent`] cache for all
/// its rebuilds, so a rebuild highlights only the blocks that changed.
#[derive(Debug, Default)]
pub struct HighlightCache {
    blocks: Mutex<HashMap<(String, String), String>>,
    /// Blocks stay after rendering (serve) instead of being taken out.
    keep: bool,
}

/// The most a [`HighlightCache::warm`] cache holds, in bytes of code and
/// highlighted HTML (64 MiB). Blocks past it are left to the render, which
/// highlights them itself: the output is the same, and a large handbook's
/// memory does not grow with the amount of code it holds.
pub const WARM_MAX_BYTES: usize = 64 << 20;

impl HighlightCache {
    /// Highlights the code blocks of the markdown texts (in parallel), for
    /// one render: each block is taken out when rendered. Stops adding
    /// blocks once it holds [`WARM_MAX_BYTES`] (give or take one block per
    /// thread); which blocks that leaves out depends on scheduling, never
    /// the rendered output.
    pub fn warm<'m>(markdowns: impl IntoParallelIterator<Item = &'m str>) -> HighlightCache {
        Self::warm_within(markdowns, WARM_MAX_BYTES)
    }

    /// [`HighlightCache::warm`] with a budget of `max_bytes`.
    fn warm_within<'m>(
        markdowns: impl IntoParallelIterator<Item = &'m str>,
        max_bytes: usize,
    ) -> HighlightCache {
        use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
        let held = AtomicUsize::new(0);
        let full = || held.load(Relaxed) >= max_bytes;
        let blocks: HashMap<(String, String), String> = markdowns
            .into_par_iter()
            .flat_map_iter(|md| if full() { Vec::new() } else { code_blocks(md) })
            .filter_map(|(lang, code)| {
                if full() {
                    return None;
                }
                let html = highlight_block(&code, &lang);
                held.fetch_add(lang.len() + code.len() + html.len(), Relaxed);
                Some(((lang, code), html))
            })
            .collect();
        HighlightCache {
            blocks: Mutex::new(blocks),
            keep: false,
        }
    }

    /// An empty cache whose blocks stay across renders; fill it with
    /// [`HighlightCache::refresh`].
    pub fn persistent() -> HighlightCache {
        HighlightCache {
            blocks: Mutex::default(),
            keep: true,
        }
    }

    /// A persistent cache holding `blocks` ((fence info string, code) →
    /// highlighted HTML, as [`HighlightCache::with_blocks`] shows them): the
    /// build cache's, read back.
    pub fn persistent_with(blocks: Vec<((String, String), String)>) -> HighlightCache {
        HighlightCache {
            blocks: Mutex::new(blocks.into_iter().collect()),
            keep: true,
        }
    }

    /// Calls `f` with the blocks held ((fence info string, code) →
    /// highlighted HTML), under the cache's lock: the build cache writes
    /// them from there without copying them.
    pub fn with_blocks<R>(&self, f: impl FnOnce(&HashMap<(String, String), String>) -> R) -> R {
        f(&self.lock())
    }

    /// Makes the cache hold exactly the code blocks of `markdowns`:
    /// highlights those it lacks (in parallel) and forgets the others.
    /// Returns (blocks it already held, blocks it highlighted now).
    pub fn refresh<'m>(
        &self,
        markdowns: impl IntoParallelIterator<Item = &'m str>,
    ) -> (usize, usize) {
        let wanted: HashSet<(String, String)> = markdowns
            .into_par_iter()
            .flat_map_iter(code_blocks)
            .collect();
        let missing: Vec<&(String, String)> = {
            let blocks = self.lock();
            wanted.iter().filter(|k| !blocks.contains_key(*k)).collect()
        };
        let fresh: Vec<((String, String), String)> = missing
            .into_par_iter()
            .map(|(lang, code)| ((lang.clone(), code.clone()), highlight_block(code, lang)))
            .collect();
        let highlighted = fresh.len();
        let mut blocks = self.lock();
        blocks.retain(|k, _| wanted.contains(k));
        blocks.extend(fresh);
        (wanted.len() - highlighted, highlighted)
    }

    /// Number of blocks held.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// True when no block is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<(String, String), String>> {
        self.blocks.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The highlighted HTML of a block: taken out of the cache, or copied
    /// when the cache is persistent.
    fn take(&self, lang: &str, code: &str) -> Option<String> {
        let key = (lang.to_string(), code.to_string());
        let mut blocks = self.lock();
        if self.keep {
            blocks.get(&key).cloned()
        } else {
            blocks.remove(&key)
        }
    }
}

/// The code blocks of `markdown` as (fence info string, code), as
/// [`MarkdownRenderer::render`] sees them.
fn code_blocks(markdown: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut code: Option<(String, String)> = None;
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => code = Some((fence_info(kind), String::new())),
            Event::Text(t) => {
                if let Some((_, text)) = code.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => out.extend(code.take()),
            _ => {}
        }
    }
    out
}

fn fence_info(kind: CodeBlockKind) -> String {
    match kind {
        CodeBlockKind::Fenced(info) => info.to_string(),
        CodeBlockKind::Indented => String::new(),
    }
}

impl Default for MarkdownRenderer<'_> {
    fn default() -> Self {
        Self::new()
    }
}

impl<'c> MarkdownRenderer<'c> {
    /// A renderer that takes highlighted code blocks from `cache` when
    /// they are there (and highlights them itself when not).
    pub fn with_cache(cache: &'c HighlightCache) -> Self {
        MarkdownRenderer {
            cache: Some(cache),
            ..Self::new()
        }
    }

    /// A renderer with the handbook's allow-list of tags and attributes.
    pub fn new() -> Self {
        let mut b = ammonia::Builder::default();
        b.add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("pre", ["class", "data-lang"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("span", ["class"])
            .add_tag_attributes("a", ["id", "name"])
            .add_tag_attributes("sup", ["id"])
            .add_tag_attributes("div", ["id", "class"])
            .add_tag_attributes("li", ["id"])
            .add_allowed_classes("blockquote", ALERT_CLASSES);
        for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
            b.add_tag_attributes(h, ["id"]);
        }
        b.attribute_filter(user_ids::filter);
        MarkdownRenderer {
            sanitizer: b,
            cache: None,
        }
    }

    /// Renders `markdown` to sanitised HTML. Headings get slug ids prefixed
    /// with `id_prefix` (so two answers on one page cannot collide), and
    /// headings above `min_level` are lowered to it (an answer under an
    /// `h2` entry title renders its `#` as `h3` with `min_level` 3).
    pub fn render(&self, markdown: &str, id_prefix: &str, min_level: u8) -> Rendered {
        let mut events: Vec<Event> = Vec::new();
        let mut headings = Vec::new();
        let mut slugs = SlugSet::default();
        let mut code: Option<(String, String)> = None;
        let mut blocks: Vec<String> = Vec::new();
        let nonce = nonce(markdown);
        let mut heading_at: Option<usize> = None;
        for ev in Parser::new_ext(markdown, options()) {
            match ev {
                Event::Start(Tag::CodeBlock(kind)) => {
                    code = Some((fence_info(kind), String::new()));
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((lang, text)) = code.take() {
                        // Highlighted code is built by syntect from escaped
                        // text, so it skips the sanitiser: a placeholder
                        // goes through it and is replaced afterwards.
                        events.push(Event::Html(placeholder(nonce, blocks.len()).into()));
                        let cached = self.cache.and_then(|c| c.take(&lang, &text));
                        blocks.push(cached.unwrap_or_else(|| highlight_block(&text, &lang)));
                    }
                }
                Event::Text(t) if code.is_some() => {
                    if let Some((_, text)) = code.as_mut() {
                        text.push_str(&t);
                    }
                }
                Event::Text(t) => events.push(Event::Text(emoji_shortcodes(t))),
                Event::Start(Tag::Heading {
                    level,
                    classes,
                    attrs,
                    ..
                }) => {
                    heading_at = Some(events.len());
                    events.push(Event::Start(Tag::Heading {
                        level: clamp_level(level, min_level),
                        id: None,
                        classes,
                        attrs,
                    }));
                }
                Event::End(TagEnd::Heading(level)) => {
                    if let Some(at) = heading_at.take() {
                        let text = plain_text(&events[at + 1..]);
                        let id = heading_id(&mut slugs, id_prefix, &text);
                        if let Event::Start(Tag::Heading {
                            level: l, id: slot, ..
                        }) = &mut events[at]
                        {
                            *slot = Some(CowStr::from(id.clone()));
                            headings.push(Heading {
                                level: *l as u8,
                                id,
                                text,
                            });
                        }
                    }
                    events.push(Event::End(TagEnd::Heading(clamp_level(level, min_level))));
                }
                other => events.push(other),
            }
        }
        let mut html = String::with_capacity(markdown.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        let html = limit_nesting(&html, MAX_NESTING);
        let own: HashSet<String> = headings.iter().map(|h| h.id.clone()).collect();
        let mut html = user_ids::clean(&self.sanitizer, &html, own);
        for (i, block) in blocks.iter().enumerate() {
            html = html.replacen(&placeholder(nonce, i), block, 1);
        }
        Rendered { html, headings }
    }

    /// Renders one line of inline markdown (a question title: code spans,
    /// emphasis) to sanitised HTML without the wrapping paragraph; links
    /// keep only their text.
    pub fn render_inline(&self, markdown: &str) -> String {
        let mut html = String::new();
        // A title sits inside links (navigation, contents, related
        // questions), and a link inside a link is invalid HTML: its links
        // keep only their text.
        let events = Parser::new_ext(markdown, options()).filter(|e| {
            let html_link = |h: &str| {
                let h = h.trim_start().to_ascii_lowercase();
                h.starts_with("<a ") || h.starts_with("<a>") || h.starts_with("</a")
            };
            !matches!(
                e,
                Event::Start(Tag::Paragraph | Tag::Link { .. })
                    | Event::End(TagEnd::Paragraph | TagEnd::Link)
                    | Event::Start(Tag::Heading { .. })
                    | Event::End(TagEnd::Heading(_))
            ) && !matches!(e, Event::InlineHtml(h) if html_link(h))
        });
        let events = events.map(|e| match e {
            Event::Text(t) => Event::Text(emoji_shortcodes(t)),
            other => other,
        });
        pulldown_cmark::html::push_html(&mut html, events);
        user_ids::clean(&self.sanitizer, html.trim(), HashSet::new())
    }
}

/// Ids written in a note's own HTML (`<a id="top">`, `<a name="q1">`,
/// `<div id="search">`) are prefixed with [`USER_ID_PREFIX`], as GitHub
/// does, so that they cannot clobber the ids of docgen's own page (the
/// search box, the contents); links within the fragment to them
/// (`href="#top"`) are rewritten to match. The heading ids docgen gives
/// the fragment are its own and stay as they are.
pub const USER_ID_PREFIX: &str = "user-content-";

mod user_ids {
    use std::borrow::Cow;
    use std::cell::RefCell;
    use std::collections::HashSet;

    use super::USER_ID_PREFIX;

    thread_local! {
        /// The fragment being cleaned on this thread: docgen's own ids,
        /// and the user ids met so far (in order).
        static FRAGMENT: RefCell<(HashSet<String>, Vec<String>)> = RefCell::default();
    }

    /// Sanitises `html` with `sanitizer` (whose attribute filter is
    /// [`filter`]), prefixing every `id`/`name` not in `own`, then points
    /// the fragment's `href="#id"` links at the prefixed ids.
    pub(super) fn clean(
        sanitizer: &ammonia::Builder<'static>,
        html: &str,
        own: HashSet<String>,
    ) -> String {
        FRAGMENT.with(|f| *f.borrow_mut() = (own, Vec::new()));
        let mut out = sanitizer.clean(html).to_string();
        let user = FRAGMENT.with(|f| std::mem::take(&mut f.borrow_mut().1));
        for id in user {
            // Serialised attribute values escape `&`, `"` and no-break
            // spaces; an id with none of them appears as written.
            if id.contains(['&', '"', '\u{a0}']) {
                continue;
            }
            out = out.replace(
                &format!("href=\"#{id}\""),
                &format!("href=\"#{USER_ID_PREFIX}{id}\""),
            );
        }
        out
    }

    /// ammonia's attribute filter: `id` and `name` values that are not the
    /// fragment's own get the prefix (and are recorded for [`clean`]).
    pub(super) fn filter<'a>(
        _element: &str,
        attribute: &str,
        value: &'a str,
    ) -> Option<Cow<'a, str>> {
        if !matches!(attribute, "id" | "name") {
            return Some(Cow::Borrowed(value));
        }
        FRAGMENT.with(|f| {
            let mut f = f.borrow_mut();
            if f.0.contains(value) {
                return Some(Cow::Borrowed(value));
            }
            if !f.1.iter().any(|v| v == value) {
                f.1.push(value.to_string());
            }
            Some(Cow::Owned(format!("{USER_ID_PREFIX}{value}")))
        })
    }
}

/// The classes pulldown-cmark gives GitHub alert blocks (`> [!NOTE]`,
/// `[!TIP]`, `[!IMPORTANT]`, `[!WARNING]`, `[!CAUTION]`); the sanitiser
/// keeps these and no other class on a blockquote.
const ALERT_CLASSES: [&str; 5] = [
    "markdown-alert-note",
    "markdown-alert-tip",
    "markdown-alert-important",
    "markdown-alert-warning",
    "markdown-alert-caution",
];

/// Deepest element nesting handed to the sanitiser. The HTML parser's cost
/// grows with the square of the nesting depth (20 000 nested `<details>`
/// took 23 s), and no note needs more than a few levels.
pub const MAX_NESTING: usize = 256;

/// `html` with every tag that would open an element deeper than
/// `max_depth` (and its closing tag) escaped as text (`&lt;details>`), so
/// the sanitiser sees at most that depth. Void elements (`<br>`, `<img>`,
/// …) and self-closing tags do not nest. Linear in the length; text and
/// tags within the limit are unchanged.
pub fn limit_nesting(html: &str, max_depth: usize) -> std::borrow::Cow<'_, str> {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let mut depth = 0usize;
    let mut excess = 0usize;
    let mut out: Option<String> = None;
    let mut last = 0;
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(k) = html[i..].find('<') {
        let at = i + k;
        i = at + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let name_start = if closing { i + 1 } else { i };
        let name: String = html[name_start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            continue;
        }
        let end = html[at..].find('>').map_or(html.len(), |e| at + e);
        let self_closing = html[at..end].ends_with('/');
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        let escape = if closing {
            if excess > 0 {
                excess -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if depth >= max_depth {
            excess += 1;
            true
        } else {
            depth += 1;
            false
        };
        if escape {
            let o = out.get_or_insert_with(|| String::with_capacity(html.len() + 64));
            o.push_str(&html[last..at]);
            o.push_str("&lt;");
            last = at + 1;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&html[last..]);
            std::borrow::Cow::Owned(o)
        }
        None => std::borrow::Cow::Borrowed(html),
    }
}

/// The stand-in for code block `i` while the rest of the HTML is
/// sanitised: an element and text ammonia keeps as they are. `nonce` is a
/// hash of the markdown, so a note cannot contain a placeholder of its own
/// rendering (it would have to contain its own hash).
fn placeholder(nonce: u64, i: usize) -> String {
    format!("<div>docgen-code-{nonce:016x}-{i}</div>")
}

/// A deterministic hash of `text` (SipHash with fixed keys).
fn nonce(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

fn clamp_level(level: HeadingLevel, min_level: u8) -> HeadingLevel {
    let n = (level as usize).max(min_level as usize).min(6);
    HeadingLevel::try_from(n).unwrap_or(HeadingLevel::H6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::markdown::{excerpt, heading_sections, inline_to_text};

    fn check(md: &str, must: &[&str], must_not: &[&str]) {
        let html = MarkdownRenderer::new().render(md, "", 0).html;
        for m in must {
            assert!(html.contains(m), "missing {m:?} in {html}");
        }
        for m in must_not {
            assert!(!html.contains(m), "unexpected {m:?} in {html}");
        }
    }

    #[test]
    fn a_warm_cache_stops_at_its_budget_and_renders_the_same() {
        let mds: Vec<String> = (0..40)
            .map(|i| format!("Answer {i}.\n\n```python\ndef f{i}(x):\n    return x + {i}\n```\n"))
            .collect();
        let all = HighlightCache::warm_within(mds.par_iter().map(String::as_str), usize::MAX);
        assert_eq!(all.len(), 40);
        assert!(HighlightCache::warm_within(mds.par_iter().map(String::as_str), 0).is_empty());
        // A budget of about one block: a few blocks (one per thread at
        // most past it), never all of them.
        let some = HighlightCache::warm_within(mds.par_iter().map(String::as_str), 100);
        assert!(!some.is_empty() && some.len() < 40, "{}", some.len());
        let fresh: Vec<String> = mds
            .iter()
            .map(|md| MarkdownRenderer::new().render(md, "", 0).html)
            .collect();
        let from_some: Vec<String> = mds
            .iter()
            .map(|md| MarkdownRenderer::with_cache(&some).render(md, "", 0).html)
            .collect();
        assert_eq!(from_some, fresh);
    }

    #[test]
    fn user_ids_are_prefixed_and_links_to_them_follow() {
        let md = "# Top\n\n<a id=\"search\"></a><a name=\"q1\"></a>\n\nSee [q](#q1), [up](#top), [s](#search), [away](other.html#q1).\n";
        let html = MarkdownRenderer::new().render(md, "", 0).html;
        for m in [
            "id=\"user-content-search\"",
            "name=\"user-content-q1\"",
            "href=\"#user-content-q1\"",
            "href=\"#user-content-search\"",
            // docgen's own heading id and links to it stay.
            "id=\"top\"",
            "href=\"#top\"",
            // Another page's anchor is not this fragment's.
            "href=\"other.html#q1\"",
        ] {
            assert!(html.contains(m), "missing {m:?} in {html}");
        }
        assert!(!html.contains("id=\"search\""), "{html}");
        // Inline titles too.
        let inline = MarkdownRenderer::new().render_inline("<span id=\"main\">Q?</span>");
        assert!(!inline.contains("id=\"main\""), "{inline}");
    }

    #[test]
    fn alerts_and_emoji_shortcodes_render_as_meant() {
        let r = MarkdownRenderer::new().render(
            "> [!WARNING]\n> Mind the GIL :warning:\n\n:white_check_mark: done, at 12:30:45, `:rocket:` stays",
            "p-",
            3,
        );
        assert!(
            r.html
                .contains("<blockquote class=\"markdown-alert-warning\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("Mind the GIL ⚠️"), "{}", r.html);
        assert!(r.html.contains("✅ done, at 12:30:45"), "{}", r.html);
        assert!(r.html.contains("<code>:rocket:</code>"), "{}", r.html);
        let forged =
            MarkdownRenderer::new().render("<blockquote class=\"evil\">x</blockquote>", "p-", 3);
        assert!(!forged.html.contains("evil"), "{}", forged.html);
    }

    #[test]
    fn nesting_beyond_the_limit_is_escaped_linearly() {
        let html = "<div><p>a<br>b</p><details><summary>s</summary>x</details></div>";
        assert_eq!(limit_nesting(html, 8), html, "shallow HTML is unchanged");
        assert_eq!(
            limit_nesting("<div><div><div>x</div></div></div>", 2),
            "<div><div>&lt;div>x&lt;/div></div></div>"
        );
        let deep = format!(
            "{}x{}",
            "<details>".repeat(20_000),
            "</details>".repeat(20_000)
        );
        let r = MarkdownRenderer::new().render(&deep, "p-", 3);
        assert!(
            r.html.matches("<details>").count() <= MAX_NESTING,
            "depth is bounded"
        );
        assert!(r.html.contains('x'), "the text is kept");
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        check(
            "```python\nclass A:\n    pass\n```\n",
            &[
                "<pre class=\"hl-code\" data-lang=\"python\">",
                "<span class=\"hl-",
            ],
            &["<pre><code>"],
        );
    }

    #[test]
    fn scripts_handlers_and_javascript_urls_are_removed() {
        check(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) <a href=\"javascript:alert(2)\">y</a>",
            &["<img src=\"x\">"],
            &["<script", "onerror", "javascript:"],
        );
    }

    #[test]
    fn code_skips_the_sanitiser_but_stays_escaped() {
        check(
            "<div>docgen-code-0</div>\n\n```python\nx = \"</code></pre><script>alert(1)</script>\"\n```\n",
            &[
                "<div>docgen-code-0</div>\n<pre class=\"hl-code\"",
                "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;",
            ],
            &["<script>"],
        );
    }

    #[test]
    fn details_and_tables_survive() {
        check(
            "<details><summary>Q</summary>\n\nA\n\n</details>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n",
            &["<details>", "<summary>Q</summary>", "<table>", "<td>2</td>"],
            &[],
        );
    }

    #[test]
    fn sections_carry_the_ids_render_gives_their_headings() {
        let md = "Intro text.\n\n# Top :tada:\n\nA\n\n## 垃圾回收 `gc`\n\nB\n\n```\n# not a heading\n```\n\n## Top :tada:\n\nC\n";
        let sections = heading_sections(md);
        let rendered = MarkdownRenderer::new().render(md, "", 2);
        let ids: Vec<&str> = sections
            .iter()
            .filter_map(|s| s.heading.as_ref().map(|h| h.id.as_str()))
            .collect();
        let expected: Vec<&str> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, expected);
        assert_eq!(sections.len(), 4);
        assert!(sections[0].heading.is_none());
        assert_eq!(&md[sections[0].range.clone()], "Intro text.\n\n");
        assert!(md[sections[2].range.clone()].contains("# not a heading"));
        assert!(md[sections[3].range.clone()].ends_with("C\n"));
    }

    #[test]
    fn headings_get_prefixed_unique_ids_and_a_minimum_level() {
        let r = MarkdownRenderer::new().render("# Why\n\n## Why\n\n#### Deep\n", "e1-", 3);
        assert!(r.html.contains("<h3 id=\"e1-why\">Why</h3>"), "{}", r.html);
        assert!(
            r.html.contains("<h3 id=\"e1-why-2\">Why</h3>"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains("<h4 id=\"e1-deep\">Deep</h4>"),
            "{}",
            r.html
        );
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn a_persistent_cache_holds_exactly_the_current_blocks() {
        let a = "```python\nx = 1\n```\n";
        let b = "Text.\n\n```python\ny = 2\n```\n";
        let cache = HighlightCache::persistent();
        cache.refresh([a, b]);
        assert_eq!(cache.len(), 2);
        // Rendering copies blocks out; they stay for the next render.
        let r = MarkdownRenderer::with_cache(&cache);
        let html = r.render(a, "", 2).html;
        assert!(html.contains("hl-number"), "{html}");
        assert_eq!(cache.len(), 2);
        cache.refresh([b]);
        assert_eq!(cache.len(), 1);
        cache.refresh(Vec::<&str>::new());
        assert!(cache.is_empty());
        // A one-render cache gives its blocks away.
        let once = HighlightCache::warm([a]);
        MarkdownRenderer::with_cache(&once).render(a, "", 2);
        assert!(once.is_empty());
    }

    #[test]
    fn excerpts_take_the_first_paragraph_and_cut_at_words() {
        let md = "```python\nx = 1\n```\n\nThe **GIL** is a `mutex`.\nIt guards objects.\n\nMore.";
        assert_eq!(excerpt(md, 100), "The GIL is a mutex. It guards objects.");
        assert_eq!(excerpt(md, 12), "The GIL is a…");
        assert_eq!(excerpt("- first item\n- second", 50), "first item");
    }

    #[test]
    fn inline_titles_keep_code_spans() {
        let r = MarkdownRenderer::new();
        assert_eq!(
            r.render_inline("What are `.pyc` files?"),
            "What are <code>.pyc</code> files?"
        );
        assert_eq!(
            inline_to_text("What are `.pyc` files?"),
            "What are .pyc files?"
        );
    }

    #[test]
    fn inline_titles_keep_only_the_text_of_links() {
        let r = MarkdownRenderer::new();
        assert_eq!(
            r.render_inline("[Что такое ООП?](#что-такое-ооп)"),
            "Что такое ООП?"
        );
        assert_eq!(
            r.render_inline("See <a href=\"x.html\">`GIL`</a> now"),
            "See <code>GIL</code> now"
        );
    }
}
