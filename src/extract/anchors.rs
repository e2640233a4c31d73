//! The anchors a note's own headings have where the note is usually read
//! (GitHub, GitLab, Obsidian): the heading's GitHub-style slug, plus any
//! explicit `id="…"` / `name="…"` on the heading line (`<a name="q1"></a>`,
//! `<span id="java_1">`) and a `{#id}` attribute. A note's table of
//! contents links to these; the handbook stage rewrites such links to the
//! entries the headings became.

use super::lines;

/// GitHub's heading anchor: the text lowercased, every character that is
/// not a letter or number (any script), a space, `-` or `_` dropped, each
/// space turned into `-`. HTML tags are dropped first. (The algorithm of
/// `github-slugger`, which GitHub uses.)
pub fn github_slug(heading: &str) -> String {
    let text = rendered_text(&super::details::html_text(heading));
    text.to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// The text of inline markdown as it renders (emphasis markers and code
/// backticks gone: `_Logger_` reads `Logger`, `` `x` `` reads `x`), which
/// is what GitHub slugs.
fn rendered_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new_ext(markdown, crate::text::markdown::markdown_options())
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some(" ".to_string()),
            _ => None,
        })
        .collect()
}

/// Every heading of `body` outside fenced code, as (0-based line, its
/// anchors: the GitHub slug first, then explicit ids).
pub fn heading_anchors(body: &str) -> Vec<(usize, Vec<String>)> {
    let lines = lines::split_lines(body);
    let mask = lines::fence_mask(&lines);
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if mask[i] {
            continue;
        }
        let Some(heading) = lines::loose_heading(line)
            .map(|(_, h)| h)
            .or_else(|| unspaced_heading(line))
        else {
            continue;
        };
        // GitHub knows no attribute blocks: it slugs `Setup {#setup}` whole.
        let shown = match lines::attributes(line) {
            Some(attrs) => format!("{heading} {attrs}"),
            None => heading.to_string(),
        };
        let mut anchors = vec![github_slug(&shown)];
        anchors.extend(explicit_ids(line));
        anchors.retain(|a| !a.is_empty());
        out.push((i, anchors));
    }
    out
}

/// `##Title` written without the space markdown needs: as a link target
/// it still names the heading its author meant (a one-word `#tag` is left
/// out).
fn unspaced_heading(line: &str) -> Option<&str> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    let rest = line[hashes..].trim_end();
    // One `#` before a single word is a tag, not a heading.
    let heading = (2..=6).contains(&hashes) || (hashes == 1 && rest.contains(' '));
    (heading && rest.starts_with(char::is_alphabetic)).then_some(rest)
}

/// The values of `id="…"`, `name="…"` and `{#…}` on a line.
fn explicit_ids(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["id=", "name="] {
        let mut rest = line;
        while let Some(k) = rest.find(attr) {
            let after = &rest[k + attr.len()..];
            let value = match after.chars().next() {
                Some(q @ ('"' | '\'')) => after[1..].split(q).next(),
                _ => None,
            };
            if let Some(v) = value {
                out.push(v.to_string());
            }
            rest = after;
        }
    }
    if let Some(k) = line.find("{#")
        && let Some(end) = line[k..].find('}')
    {
        out.push(line[k + 2..k + end].trim().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn github_slugs_keep_every_script() {
        assert_eq!(
            github_slug("1 Python的函数参数传递"),
            "1-python的函数参数传递"
        );
        assert_eq!(github_slug("What is `__slots__`?"), "what-is-__slots__");
        assert_eq!(
            github_slug("Что такое _Logger_ в log4j?"),
            "что-такое-logger-в-log4j"
        );
        assert_eq!(github_slug("Что такое GIL?"), "что-такое-gil");
        assert_eq!(github_slug("프로세스와 스레드"), "프로세스와-스레드");
        assert_eq!(github_slug("<span id=\"x\">Q1. Hi!</span>"), "q1-hi");
    }

    #[test]
    fn headings_with_their_explicit_ids() {
        let body = "# Title\n```\n# not\n```\n## <a name=\"q1\"></a>Why?\n##Как?\n### Setup {#setup}\n##Раздел\n#tag\n#Основы CSS\n";
        assert_eq!(
            heading_anchors(body),
            [
                (0, vec!["title".to_string()]),
                (4, vec!["why".to_string(), "q1".to_string()]),
                (5, vec!["как".to_string()]),
                (6, vec!["setup-setup".to_string(), "setup".to_string()]),
                (7, vec!["раздел".to_string()]),
                (9, vec!["основы-css".to_string()]),
            ]
        );
    }
}
