//! Syntax highlighting of code blocks with syntect, as CSS classes.
//!
//! Syntect parses each block into scopes (`keyword.control.import.python`
//! inside `meta.statement.import.python` …). Writing every scope as a class
//! makes a highlighted block about twenty times the size of its code, and
//! code is most of a large handbook's bytes. Instead each token is given
//! one of seven kinds ([`KINDS`]: comment, keyword, operator, string,
//! number, function, type) by syntect's theme matching, and runs of one
//! kind become one `<span class="hl-KIND">`.
//!
//! The pages and the print handbook use [`screen_stylesheet`]
//! (`static/syntax.css`): one rule per kind whose colour is a CSS variable,
//! set once for the light theme and once for the dark one, so the colours
//! follow the reader's theme (the system's by default, or the one chosen
//! with the toggle; print is always light) and every colour meets WCAG AA
//! contrast on its code background. The syntax set is loaded once per
//! process (it takes tens of ms to deserialise).
//!
//! Parsing is memoised per line ([`LineMemo`], one per thread, together
//! bounded by [`LINE_MEMO_RECORDS`]): syntect's parse of a line
//! depends only on the line and the parser state it starts in, so a line
//! already parsed from the same state (an `import` line, `def
//! __init__(self):`, a closing bracket) reuses its scope operations. This
//! is the same reuse an editor's incremental highlighter makes; the output
//! is the same as parsing every line afresh.

use std::cell::RefCell;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use syntect::highlighting::{
    Color, HighlightIterator, HighlightState, Highlighter, ScopeSelectors, StyleModifier, Theme,
    ThemeItem, ThemeSettings,
};
use syntect::parsing::{ParseState, ScopeStack, ScopeStackOp, SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

use crate::text::escape::{Escape, escape_html, push_escaped};

/// The token kinds the pages colour: (class, TextMate scope selectors).
/// Each token of a block gets the kind whose selector matches its scope
/// stack best (TextMate's rule: the deepest, most specific match wins, so
/// `keyword.operator` beats `keyword`); other tokens are left plain.
const KINDS: [(&str, &str); 7] = [
    ("hl-comment", "comment, punctuation.definition.comment"),
    (
        "hl-keyword",
        "keyword, storage, constant.language, variable.language",
    ),
    ("hl-operator", "keyword.operator"),
    ("hl-string", "string, punctuation.definition.string"),
    (
        "hl-number",
        "constant.numeric, constant.character, constant.other, variable.parameter",
    ),
    (
        "hl-function",
        "entity.name.function, support.function, variable.function, meta.decorator",
    ),
    (
        "hl-type",
        "entity.name.class, entity.other.inherited-class, support.class, support.type, \
         entity.name.tag, entity.other.attribute-name",
    ),
];

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A syntect theme that "colours" each token with its kind: the red
/// channel is the 1-based index into [`KINDS`] (0: plain). Syntect's
/// highlighter then does the selector matching and scoring.
fn kinds_theme() -> &'static Theme {
    static THEME: OnceLock<Theme> = OnceLock::new();
    THEME.get_or_init(|| {
        let colour = |r: u8| Color {
            r,
            g: 0,
            b: 0,
            a: 255,
        };
        let scopes = KINDS
            .iter()
            .zip(1u8..)
            .filter_map(|((_, selector), k)| {
                let scope: ScopeSelectors = selector.parse().ok()?;
                Some(ThemeItem {
                    scope,
                    style: StyleModifier {
                        foreground: Some(colour(k)),
                        background: None,
                        font_style: None,
                    },
                })
            })
            .collect();
        Theme {
            settings: ThemeSettings {
                foreground: Some(colour(0)),
                ..ThemeSettings::default()
            },
            scopes,
            ..Theme::default()
        }
    })
}

/// Returns the `<pre><code>` HTML of `code`, highlighted for `lang` (a
/// fence info string such as `python` or `py`; empty for none): each run of
/// tokens of one kind (see [`KINDS`]) in a `<span class="hl-KIND">`, plain
/// text bare. Unknown or missing languages are guessed from the code
/// (Python-looking code is highlighted as Python) and fall back to plain
/// text. Never fails: a syntect error falls back to escaped text.
pub fn highlight_block(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = pick_syntax(set, code, lang);
    let label = if syntax.name == "Plain Text" {
        "text".to_string()
    } else {
        syntax.name.to_lowercase()
    };
    let inner =
        spans(code, syntax, set).unwrap_or_else(|| escape_html(code, Escape::Text).into_owned());
    format!(
        "<pre class=\"hl-code\" data-lang=\"{label}\"><code class=\"language-{label}\">{inner}</code></pre>\n"
    )
}

/// The most line records all threads' [`LineMemo`]s keep together. Each
/// thread gets an equal share ([`line_memo_budget`]) and starts over when
/// its share is full, so the memos take the same memory on 16 threads as
/// on 2 (each record holds two parser states and the line's operations,
/// up to about a kilobyte).
const LINE_MEMO_RECORDS: usize = 1 << 17;

/// The smallest share a thread gets however many threads there are.
const LINE_MEMO_MIN: usize = 1 << 12;

/// One thread's share of [`LINE_MEMO_RECORDS`] when `threads` threads
/// highlight: the records it keeps before it starts over.
fn line_memo_budget(threads: usize) -> usize {
    (LINE_MEMO_RECORDS / threads.max(1)).max(LINE_MEMO_MIN)
}

/// The scope operations of one line: (byte offset, operation).
type LineOps = Vec<(usize, ScopeStackOp)>;

/// Scope operations of lines already parsed on this thread: line text →
/// (parser state before the line, its operations, the state after). A
/// line seen in several states keeps one record per state.
struct LineMemo {
    lines: FxHashMap<Box<str>, Vec<(ParseState, LineOps, ParseState)>>,
    records: usize,
    /// The records kept before starting over.
    max: usize,
}

impl LineMemo {
    /// An empty memo that keeps at most `max` records.
    fn with_budget(max: usize) -> Self {
        LineMemo {
            lines: FxHashMap::default(),
            records: 0,
            max,
        }
    }

    /// The operations of `line` parsed from `state`, which becomes the
    /// state after it: from the memo when this line was parsed from an
    /// equal state before, else from syntect (and then remembered).
    /// `None` when syntect fails on the line.
    fn parse(&mut self, state: &mut ParseState, line: &str, set: &SyntaxSet) -> Option<LineOps> {
        if let Some(seen) = self.lines.get(line)
            && let Some((_, ops, after)) = seen.iter().find(|(before, _, _)| before == state)
        {
            *state = after.clone();
            return Some(ops.clone());
        }
        let before = state.clone();
        let ops = state.parse_line(line, set).ok()?;
        if self.records >= self.max {
            self.lines.clear();
            self.records = 0;
        }
        self.records += 1;
        self.lines
            .entry(line.into())
            .or_default()
            .push((before, ops.clone(), state.clone()));
        Some(ops)
    }
}

thread_local! {
    static LINE_MEMO: RefCell<LineMemo> =
        RefCell::new(LineMemo::with_budget(line_memo_budget(rayon::current_num_threads())));
}

/// The token spans of `code`, or `None` when syntect fails on it.
fn spans(code: &str, syntax: &SyntaxReference, set: &SyntaxSet) -> Option<String> {
    LINE_MEMO.with(|memo| spans_with(&mut memo.borrow_mut(), code, syntax, set))
}

fn spans_with(
    memo: &mut LineMemo,
    code: &str,
    syntax: &SyntaxReference,
    set: &SyntaxSet,
) -> Option<String> {
    let highlighter = Highlighter::new(kinds_theme());
    let mut parse = ParseState::new(syntax);
    let mut state = HighlightState::new(&highlighter, ScopeStack::new());
    let mut html = String::with_capacity(code.len() * 2);
    let mut open = 0u8;
    for line in LinesWithEndings::from(code) {
        let ops = memo.parse(&mut parse, line, set)?;
        for (style, text) in HighlightIterator::new(&mut state, &ops, line, &highlighter) {
            let kind = style.foreground.r;
            // Whitespace never changes the run: it shows the same in any
            // colour, so runs are not split around it.
            if kind != open && !text.trim().is_empty() {
                if open != 0 {
                    html.push_str("</span>");
                }
                if let Some((class, _)) = KINDS.get(usize::from(kind).wrapping_sub(1)) {
                    html.push_str("<span class=\"");
                    html.push_str(class);
                    html.push_str("\">");
                }
                open = kind;
            }
            push_escaped(&mut html, text, Escape::Text);
        }
    }
    if open != 0 {
        html.push_str("</span>");
    }
    Some(html)
}

fn pick_syntax<'a>(set: &'a SyntaxSet, code: &str, lang: &str) -> &'a SyntaxReference {
    let token = lang.split([',', ' ', '{']).next().unwrap_or("").trim();
    if !token.is_empty()
        && let Some(s) = set.find_syntax_by_token(token)
    {
        return s;
    }
    if looks_like_python(code)
        && let Some(s) = set.find_syntax_by_token("python")
    {
        return s;
    }
    set.find_syntax_plain_text()
}

/// True when unlabelled code reads like Python: a line starting with a
/// Python statement keyword or a call followed by `(`.
fn looks_like_python(code: &str) -> bool {
    const STARTS: [&str; 12] = [
        "def ",
        "class ",
        "import ",
        "from ",
        "async def ",
        "return ",
        "while ",
        "for ",
        "if ",
        "with ",
        "print(",
        "@",
    ];
    code.lines()
        .map(str::trim_start)
        .any(|l| STARTS.iter().any(|s| l.starts_with(s)) && !l.contains('│'))
}

/// Token colours of the screen stylesheet: (CSS variable, light, dark).
/// Each reaches 4.5:1 (WCAG AA) on its theme's code background.
const PALETTE: [(&str, &str, &str); 7] = [
    ("--sx-comment", "#5f6b76", "#96a1ad"),
    ("--sx-keyword", "#b9264a", "#ff8a94"),
    ("--sx-operator", "#a3324f", "#ff9aa8"),
    ("--sx-string", "#1d6b32", "#8fd6a0"),
    ("--sx-number", "#0b57a4", "#7fc3ff"),
    ("--sx-function", "#6b3fc4", "#cfa8ff"),
    ("--sx-type", "#8c4400", "#f4b36a"),
];

/// The colour of each token kind (see [`KINDS`]).
const TOKENS: [(&str, &str); 7] = [
    (".hl-comment", "color:var(--sx-comment);font-style:italic"),
    (".hl-keyword", "color:var(--sx-keyword)"),
    (".hl-operator", "color:var(--sx-operator)"),
    (".hl-string", "color:var(--sx-string)"),
    (".hl-number", "color:var(--sx-number)"),
    (".hl-function", "color:var(--sx-function)"),
    (".hl-type", "color:var(--sx-type)"),
];

/// The pages' syntax stylesheet (`static/syntax.css`): the token rules
/// once, their colours as variables for the light theme (the default, and
/// always in print), and for the dark theme on screen under
/// `prefers-color-scheme: dark` (unless the reader chose light:
/// `<html data-theme="light">`) or when the reader chose dark
/// (`<html data-theme="dark">`). `static/style.css` switches its own
/// colours with the same selectors.
pub fn screen_stylesheet() -> String {
    let vars = |dark: bool| {
        PALETTE
            .iter()
            .map(|(name, light, dark_value)| {
                format!("{name}:{}", if dark { dark_value } else { light })
            })
            .collect::<Vec<_>>()
            .join(";")
    };
    let (light, dark) = (vars(false), vars(true));
    let mut css = String::from(
        "/* docgen syntax colours, generated by docgen (src/render/highlight.rs). */\n",
    );
    css.push_str(&format!(":root{{{light}}}\n"));
    css.push_str(&format!(
        "@media screen and (prefers-color-scheme:dark){{:root:not([data-theme=light]){{{dark}}}}}\n"
    ));
    css.push_str(&format!(
        "@media screen{{:root[data-theme=dark]{{{dark}}}}}\n"
    ));
    for (selector, decl) in TOKENS {
        css.push_str(&format!("{selector}{{{decl}}}\n"));
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_memos_share_one_budget_across_threads() {
        for threads in [1, 2, 3, 16, 32] {
            let share = line_memo_budget(threads);
            assert!(share * threads <= LINE_MEMO_RECORDS, "{threads}: {share}");
            assert!(share >= LINE_MEMO_MIN);
        }
        assert_eq!(line_memo_budget(2), LINE_MEMO_RECORDS / 2);
        assert_eq!(line_memo_budget(0), LINE_MEMO_RECORDS);
        // Past its budget a memo starts over: it never holds more.
        let set = syntaxes();
        let python = set.find_syntax_by_token("python").unwrap();
        let code: String = (0..40).map(|i| format!("x{i} = {i}\n")).collect();
        let mut memo = LineMemo::with_budget(16);
        let fresh = spans_with(&mut LineMemo::with_budget(1000), &code, python, set).unwrap();
        assert_eq!(spans_with(&mut memo, &code, python, set).unwrap(), fresh);
        assert!(memo.records <= 16, "{}", memo.records);
        assert!(memo.lines.len() <= 16);
    }

    #[test]
    fn memoised_lines_give_the_fresh_parse() {
        // The same lines in different parser states: `x = 1` as code and
        // inside a triple-quoted string, `"""` opening and closing it.
        let primer = "x = 1\n\"\"\"\nx = 1\n\"\"\"\ndef f():\n    return x\n";
        let block = "\"\"\"\nx = 1\ndef f():\n\"\"\"\nx = 1\ndef f():\n    return x\n";
        let set = syntaxes();
        let python = set.find_syntax_by_token("python").unwrap();
        let fresh = spans_with(&mut LineMemo::with_budget(64), block, python, set).unwrap();
        let mut memo = LineMemo::with_budget(64);
        spans_with(&mut memo, primer, python, set).unwrap();
        let reused = memo.records;
        let memoised = spans_with(&mut memo, block, python, set).unwrap();
        assert_eq!(memoised, fresh);
        // Lines met again in the same state were reused, not re-parsed.
        assert!(
            memo.records < reused + block.lines().count(),
            "{}",
            memo.records
        );
        // Inside the docstring `x = 1` is text, after it code.
        assert!(
            fresh.starts_with("<span class=\"hl-comment\">\"\"\"\nx = 1\n"),
            "{fresh}"
        );
        assert!(fresh.contains("hl-operator"), "{fresh}");
    }

    #[test]
    fn python_gets_keyword_classes() {
        let html = highlight_block("def f(x):\n    return x\n", "python");
        assert!(
            html.starts_with("<pre class=\"hl-code\" data-lang=\"python\">"),
            "{html}"
        );
        assert!(
            html.contains("hl-keyword") || html.contains("hl-storage"),
            "{html}"
        );
    }

    #[test]
    fn unlabelled_python_is_guessed_and_diagrams_stay_text() {
        assert!(
            highlight_block("import os\nprint(os.name)\n", "").contains("data-lang=\"python\"")
        );
        let diagram = highlight_block("a.py\n  │\n  ▼\nbytecode\n", "");
        assert!(diagram.contains("data-lang=\"text\""), "{diagram}");
        assert!(!diagram.contains("<span"), "plain text is bare: {diagram}");
        assert!(diagram.contains("▼"));
    }

    /// The text of highlighted HTML: tags removed, entities decoded.
    fn text_of(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => in_tag = false,
                _ if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&")
    }

    #[test]
    fn tokens_get_one_class_per_kind_and_keep_their_text() {
        let code = "@cache\ndef area(r: float) -> float:\n    # circle\n    return 3.14 * r ** 2 if r > 0 else \"<none>\"\n";
        let html = highlight_block(code, "python");
        for class in [
            "hl-keyword",
            "hl-function",
            "hl-comment",
            "hl-number",
            "hl-operator",
            "hl-string",
            "hl-type",
        ] {
            assert!(
                html.contains(&format!("<span class=\"{class}\">")),
                "{class}: {html}"
            );
        }
        // One class per span: no scope stacks.
        assert!(
            !html.contains("hl-meta") && !html.contains("hl-python"),
            "{html}"
        );
        assert_eq!(text_of(html.trim_end()), code);
        // Every class used has a colour in the stylesheet.
        let sheet = screen_stylesheet();
        for (class, _) in KINDS {
            assert!(sheet.contains(&format!(".{class}{{")), "{class}");
        }
    }

    #[test]
    fn code_is_escaped() {
        let html = highlight_block("x = '<script>'\n", "python");
        assert!(!html.contains("<script>"), "{html}");
    }

    /// WCAG relative luminance of `#rrggbb`.
    fn luminance(hex: &str) -> f64 {
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn screen_palette_meets_wcag_aa_on_both_code_backgrounds() {
        // The code backgrounds are `--code-bg` in static/style.css: light
        // first, then dark.
        let css = include_str!("../../static/style.css");
        let bgs: Vec<&str> = css
            .match_indices("--code-bg:")
            .map(|(i, m)| css[i + m.len()..].trim_start())
            .map(|rest| &rest[..7])
            .collect();
        assert!(bgs.len() >= 2, "{bgs:?}");
        for (var, light, dark) in PALETTE {
            for (colour, bg) in [(light, bgs[0]), (dark, bgs[1])] {
                let ratio = contrast(colour, bg);
                assert!(ratio >= 4.5, "{var} {colour} on {bg}: {ratio:.2}");
            }
        }
        let sheet = screen_stylesheet();
        assert!(sheet.contains("@media screen{:root[data-theme=dark]{--sx-comment:#96a1ad"));
        assert!(sheet.contains(
            "@media screen and (prefers-color-scheme:dark){:root:not([data-theme=light])"
        ));
        assert!(sheet.len() < 3000, "{}", sheet.len());
    }
}
