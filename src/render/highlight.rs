//! Syntax highlighting of code blocks with syntect, as CSS classes.
//!
//! Classes (not inline styles) keep pages small and let one stylesheet per
//! theme colour every block: the light and dark stylesheets are generated
//! at build time from syntect's bundled themes. The syntax and theme sets
//! are loaded once per process (they take tens of ms to deserialise).

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

/// The stylesheets for the highlight classes: `(light, dark)`. The dark one
/// is scoped so it applies under `prefers-color-scheme: dark` or when the
/// page's `<html data-theme="dark">` is set.
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

    #[test]
    fn stylesheets_are_generated() {
        let (light, dark) = stylesheets();
        assert!(light.contains(".hl-code"));
        assert!(dark.contains(".hl-code"));
        assert_ne!(light, dark);
    }
}
