//! Syntax highlighting of code blocks with syntect, as CSS classes.
//!
//! Classes (not inline styles) keep pages small and let one stylesheet
//! colour every block in either theme. The pages use [`screen_stylesheet`]
//! (`static/syntax.css`): a handful of token rules whose colours are CSS
//! variables, set once for the light theme and once for the dark one, so
//! the colours follow the reader's theme (the system's by default, or the
//! one chosen with the toggle) and every colour meets WCAG AA contrast on
//! its code background. The print handbook keeps the stylesheet generated
//! from syntect's bundled light theme ([`stylesheets`]). The syntax and
//! theme sets are loaded once per process (they take tens of ms to
//! deserialise).

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::{SyntaxReference, SyntaxSet};
use syntect::util::LinesWithEndings;

/// Prefix of every class syntect emits, so its classes never collide with
/// the handbook's own (`hl-keyword`, `hl-string`, …).
const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Theme used for the light stylesheet.
const LIGHT_THEME: &str = "InspiredGitHub";
/// Theme used for the dark stylesheet.
const DARK_THEME: &str = "base16-ocean.dark";

fn syntaxes() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

fn themes() -> &'static ThemeSet {
    static SET: OnceLock<ThemeSet> = OnceLock::new();
    SET.get_or_init(ThemeSet::load_defaults)
}

/// Returns the `<pre><code>` HTML of `code`, highlighted for `lang` (a
/// fence info string such as `python` or `py`; empty for none). Unknown or
/// missing languages are guessed from the code (Python-looking code is
/// highlighted as Python) and fall back to plain text, which still gets the
/// block's classes. Never fails: a syntect error falls back to escaped text.
pub fn highlight_block(code: &str, lang: &str) -> String {
    let set = syntaxes();
    let syntax = pick_syntax(set, code, lang);
    let label = if syntax.name == "Plain Text" {
        "text".to_string()
    } else {
        syntax.name.to_lowercase()
    };
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, STYLE);
    let mut ok = true;
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            ok = false;
            break;
        }
    }
    let inner = if ok {
        generator.finalize()
    } else {
        format!("<span class=\"hl-text\">{}</span>", escape(code))
    };
    format!(
        "<pre class=\"hl-code\" data-lang=\"{label}\"><code class=\"language-{label}\">{inner}</code></pre>\n"
    )
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

/// The stylesheets of syntect's bundled themes for the highlight classes:
/// `(light, dark)`. `print.html` uses the light one; the pages use
/// [`screen_stylesheet`].
pub fn stylesheets() -> (String, String) {
    let set = themes();
    let css = |name: &str| {
        set.themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, STYLE).ok())
            .unwrap_or_default()
    };
    (css(LIGHT_THEME), css(DARK_THEME))
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

/// Which highlight classes take which colour. Everything else keeps the
/// code block's text colour.
const TOKENS: [(&str, &str); 8] = [
    (
        ".hl-comment,.hl-punctuation.hl-definition.hl-comment",
        "color:var(--sx-comment);font-style:italic",
    ),
    (
        ".hl-keyword,.hl-storage,.hl-constant.hl-language,.hl-variable.hl-language",
        "color:var(--sx-keyword)",
    ),
    (".hl-keyword.hl-operator", "color:var(--sx-operator)"),
    (
        ".hl-string,.hl-punctuation.hl-definition.hl-string",
        "color:var(--sx-string)",
    ),
    (
        ".hl-constant.hl-numeric,.hl-constant.hl-character,.hl-constant.hl-other,.hl-variable.hl-parameter",
        "color:var(--sx-number)",
    ),
    (
        ".hl-entity.hl-name.hl-function,.hl-support.hl-function,.hl-variable.hl-function,.hl-meta.hl-decorator",
        "color:var(--sx-function)",
    ),
    (
        ".hl-entity.hl-name.hl-class,.hl-entity.hl-other.hl-inherited-class,.hl-support.hl-class,.hl-support.hl-type,.hl-entity.hl-name.hl-tag",
        "color:var(--sx-type)",
    ),
    (
        ".hl-entity.hl-other.hl-attribute-name",
        "color:var(--sx-type)",
    ),
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

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(diagram.contains("<span class=\""), "{diagram}");
        assert!(diagram.contains("▼"));
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

    #[test]
    fn stylesheets_are_generated() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-code"));
        assert!(dark.contains(".hl-code"));
        assert_ne!(light, dark);
    }
}
