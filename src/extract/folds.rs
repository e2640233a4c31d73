//! Folded blocks written for other site generators, read as the HTML
//! disclosure blocks they render as (`<details><summary>…</summary>`), so
//! the `<details>` reading sees them:
//!
//! - Hexo and Jekyll tags: `{% folding [options], Title %}` …
//!   `{% endfolding %}`, and the same for `details`, `hideToggle`,
//!   `spoiler`, `collapse` and `fold` (the title is the text after the
//!   first comma when options come first, else all of it);
//! - Hugo shortcodes: `{{< details "Title" >}}` or
//!   `{{< details title="Title" >}}` … `{{< /details >}}`, also with `%`
//!   delimiters and for `expand`;
//! - VuePress / VitePress containers: `::: details Title` … `:::`;
//! - MkDocs collapsible admonitions: `??? type "Title"` (or `???+`), the
//!   body indented by four spaces, closed at the first blank line after
//!   which the text is back at the margin.
//!
//! The rewrite keeps one line per line (an opening line becomes
//! `<details><summary>Title</summary>`, a closing one `</details>`), so
//! every question keeps its line in the source. Lines in fenced code are
//! left alone.

use super::lines;

/// Tag names of Hexo/Jekyll folding tags and Hugo folding shortcodes
/// (compared case-insensitively).
const FOLD_TAGS: &[&str] = &[
    "folding",
    "details",
    "hidetoggle",
    "spoiler",
    "collapse",
    "fold",
    "expand",
];

/// The note's lines with every folded block of another generator written
/// as a `<details>` block, line for line; `None` when the note has none.
pub(crate) fn to_details(lines: &[&str]) -> Option<Vec<String>> {
    let mask = lines::fence_mask(lines);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let mut changed = false;
    // Open `:::` containers, innermost last: whether each is a details one.
    let mut containers: Vec<bool> = Vec::new();
    let mut mkdocs: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        if mask[i] {
            continue;
        }
        if let Some(indent) = mkdocs {
            let blank = lines::is_blank(line);
            let back = !blank && lines::indent_width(line) < indent;
            if back {
                // Closed at the blank line before, when there is one.
                if i > 0 && lines::is_blank(lines[i - 1]) && !mask[i - 1] {
                    out[i - 1] = "</details>".to_string();
                } else {
                    out[i] = format!("</details>{}", line.trim_start());
                }
                mkdocs = None;
            } else {
                continue;
            }
        }
        let t = line.trim();
        if let Some(title) = tag_open(t) {
            out[i] = summary(&title);
            changed = true;
        } else if tag_close(t) {
            out[i] = "</details>".to_string();
            changed = true;
        } else if let Some(title) = vuepress_open(t) {
            containers.push(title.is_some());
            if let Some(title) = title {
                out[i] = summary(&title);
                changed = true;
            }
        } else if t.len() >= 3 && t.chars().all(|c| c == ':') {
            if containers.pop() == Some(true) {
                out[i] = "</details>".to_string();
            }
        } else if let Some(title) = mkdocs_open(t) {
            out[i] = summary(&title);
            mkdocs = Some(lines::indent_width(line) + 4);
            changed = true;
        }
    }
    if mkdocs.is_some()
        && let Some(last) = out.last_mut()
    {
        // Open to the end: the closing tag joins the last line.
        last.push_str("</details>");
    }
    changed.then_some(out)
}

/// `<details><summary>title</summary>`, the title's `<` and `&` escaped.
fn summary(title: &str) -> String {
    let title = title.replace('&', "&amp;").replace('<', "&lt;");
    format!("<details><summary>{title}</summary>")
}

/// The title of an opening Hexo/Jekyll tag or Hugo shortcode.
fn tag_open(t: &str) -> Option<String> {
    let (inner, _) = delimited(t)?;
    let name: String = inner.chars().take_while(|c| c.is_alphanumeric()).collect();
    if !FOLD_TAGS.contains(&name.to_lowercase().as_str()) {
        return None;
    }
    let args = inner[name.len()..].trim();
    let title = if let Some(v) = named_value(args, "title") {
        v
    } else if let Some((options, title)) = args.split_once(',') {
        // `[options], Title`: options carry no spaces-separated words.
        if options.split_whitespace().count() <= 1 {
            title.trim().to_string()
        } else {
            args.to_string()
        }
    } else {
        args.to_string()
    };
    let title = unquote(&title);
    (!title.is_empty()).then_some(title)
}

/// Whether `t` is a closing Hexo/Jekyll tag or Hugo shortcode of a folding
/// block (`{% endfolding %}`, `{{< /details >}}`).
fn tag_close(t: &str) -> bool {
    let Some((inner, _)) = delimited(t) else {
        return false;
    };
    let name = inner
        .strip_prefix('/')
        .or_else(|| inner.strip_prefix("end"))
        .unwrap_or("");
    let name = name.trim().to_lowercase();
    !name.is_empty() && FOLD_TAGS.contains(&name.as_str())
}

/// The inside of a whole-line `{% … %}`, `{{< … >}}` or `{{% … %}}`, and
/// which of them it was.
fn delimited(t: &str) -> Option<(&str, &'static str)> {
    for (open, close, kind) in [
        ("{%", "%}", "hexo"),
        ("{{<", ">}}", "hugo"),
        ("{{%", "%}}", "hugo"),
    ] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return Some((inner.trim().trim_start_matches('-').trim(), kind));
        }
    }
    None
}

/// `key="value"` (or `key='value'`) among shortcode arguments.
fn named_value(args: &str, key: &str) -> Option<String> {
    let at = args.find(&format!("{key}="))?;
    let rest = &args[at + key.len() + 1..];
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = &rest[1..];
    let end = body.find(quote)?;
    Some(body[..end].to_string())
}

/// `s` without one pair of surrounding quotes.
fn unquote(s: &str) -> String {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner.trim().to_string();
        }
    }
    s.to_string()
}

/// A `::: kind …` container opening line: `Some(Some(title))` for a
/// `::: details Title` one, `Some(None)` for another kind (`::: tip`).
fn vuepress_open(t: &str) -> Option<Option<String>> {
    let colons = t.chars().take_while(|&c| c == ':').count();
    let rest = t[colons..].trim_start();
    if colons < 3 || rest.is_empty() {
        return None;
    }
    let Some(title) = rest
        .strip_prefix("details")
        .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
    else {
        return Some(None);
    };
    let title = unquote(title);
    Some(Some(if title.is_empty() {
        "Details".to_string()
    } else {
        title
    }))
}

/// The title of a `??? type "Title"` / `???+ type "Title"` admonition.
fn mkdocs_open(t: &str) -> Option<String> {
    let rest = t.strip_prefix("???")?;
    let rest = rest.strip_prefix('+').unwrap_or(rest);
    let rest = rest.strip_prefix(char::is_whitespace)?.trim();
    let kind: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '-')
        .collect();
    if kind.is_empty() {
        return None;
    }
    let title = unquote(rest[kind.len()..].trim());
    Some(if title.is_empty() { kind } else { title })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let lines: Vec<&str> = input.split('\n').collect();
        let out = to_details(&lines).map(|v| v.join("\n"));
        assert_eq!(out.as_deref(), Some(expected), "input:\n{input}");
        assert_eq!(expected.split('\n').count(), lines.len(), "line for line");
    }

    #[test]
    fn hexo_tags_in_chinese_and_english() {
        check(
            "{% folding  , Java有哪些特点? %}\n- 简单\n{% endfolding %}\n{% details What is a JVM? %}\nA machine.\n{% enddetails %}",
            "<details><summary>Java有哪些特点?</summary>\n- 简单\n</details>\n<details><summary>What is a JVM?</summary>\nA machine.\n</details>",
        );
    }

    #[test]
    fn hugo_shortcodes_vuepress_containers_and_mkdocs_admonitions() {
        check(
            "{{< details \"Что такое GIL?\" >}}\nБлокировка.\n{{< /details >}}\n{{% expand title=\"Why <T>?\" %}}\nx\n{{% /expand %}}",
            "<details><summary>Что такое GIL?</summary>\nБлокировка.\n</details>\n<details><summary>Why &lt;T>?</summary>\nx\n</details>",
        );
        check(
            "::: details 什么是闭包？\n::: tip\n函数。\n:::\n:::\n::: tip\nkeep\n:::",
            "<details><summary>什么是闭包？</summary>\n::: tip\n函数。\n:::\n</details>\n::: tip\nkeep\n:::",
        );
        check(
            "??? question \"What is a mutex?\"\n    A lock.\n\nNext\n???+ note \"¿Qué es?\"\n    Algo.",
            "<details><summary>What is a mutex?</summary>\n    A lock.\n</details>\nNext\n<details><summary>¿Qué es?</summary>\n    Algo.</details>",
        );
    }

    #[test]
    fn other_tags_code_and_plain_notes_stay() {
        let lines = ["{% raw %}", "```", "{% folding a, b %}", "```", "text"];
        assert_eq!(to_details(&lines), None);
    }
}
