//! Notes written in HTML rather than markdown (pages saved from a blog, a
//! README laid out with `<div>`s): a line that is one HTML heading
//! (`<h3>1. What is a HashMap?</h3>`, attributes allowed) reads as the
//! markdown heading of its level, and a line that is one `<div>` or `<p>`
//! holding inline content reads as that content, so the markdown readings
//! see the note's structure. Line for line, outside fenced code.

use super::{details, lines};

/// `lines` with HTML heading, `<div>` and `<p>` lines rewritten as above;
/// `None` when there is none. Pure.
pub(crate) fn to_markdown(lines: &[&str]) -> Option<Vec<String>> {
    if !lines.iter().any(|l| l.contains('<')) {
        return None;
    }
    let mask = lines::fence_mask(lines);
    let mut changed = false;
    let out = lines
        .iter()
        .enumerate()
        .map(|(i, l)| match (!mask[i]).then(|| rewrite(l)).flatten() {
            Some(r) => {
                changed = true;
                r
            }
            None => l.to_string(),
        })
        .collect();
    changed.then_some(out)
}

/// The rewrite of one line, if it is one element of the kinds above.
fn rewrite(line: &str) -> Option<String> {
    let t = line.trim();
    let (tag, inner) = element(t)?;
    match tag.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => {
            let text = details::html_text(inner);
            (!text.is_empty()).then(|| format!("{} {text}", "#".repeat(usize::from(d - b'0'))))
        }
        b"div" | b"p" => {
            let lower = inner.to_ascii_lowercase();
            let block = [
                "<div", "<p", "<h", "<ul", "<ol", "<li", "<table", "<pre", "<details", "<img",
            ]
            .iter()
            .any(|b| lower.contains(b));
            let text = details::html_text(inner);
            (!block && !text.is_empty())
                .then(|| inner.trim().trim_start_matches("&nbsp;").trim().to_string())
        }
        _ => None,
    }
}

/// `<tag …>inner</tag>` filling the whole of `t`: the tag's name (lower
/// case) and the inner text.
fn element(t: &str) -> Option<(String, &str)> {
    let rest = t.strip_prefix('<')?;
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if name_len == 0 {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    let open_end = rest.find('>')?;
    if !rest[name_len..].starts_with(['>', ' ', '\t']) {
        return None;
    }
    let inner = &rest[open_end + 1..];
    let close = format!("</{name}>");
    let lower = inner.to_ascii_lowercase();
    if !lower.ends_with(&close) {
        return None;
    }
    let inner = &inner[..inner.len() - close.len()];
    // One element: no second element of the same name inside.
    if inner.to_ascii_lowercase().contains(&format!("<{name}")) {
        return None;
    }
    Some((name, inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let lines: Vec<&str> = input.split('\n').collect();
        let got = to_markdown(&lines).map_or_else(|| input.to_string(), |v| v.join("\n"));
        assert_eq!(got, expected);
    }

    #[test]
    fn html_headings_and_wrappers_in_korean_and_english() {
        check(
            "<div>\n    <h3>1. Hashmap과 Hashtable의 차이점이 뭔가요?</h3>\n    <p>HashMap은 <b>동기화</b>되지 않습니다.</p>\n</div>",
            "<div>\n### 1. Hashmap과 Hashtable의 차이점이 뭔가요?\nHashMap은 <b>동기화</b>되지 않습니다.\n</div>",
        );
        check(
            "<h2 id=\"q\">Why use a queue?</h2>\n<div>&nbsp;What is a closure?</div>\n<p><img src=\"a.png\"></p>",
            "## Why use a queue?\nWhat is a closure?\n<p><img src=\"a.png\"></p>",
        );
    }

    #[test]
    fn code_and_markdown_stay() {
        check(
            "```html\n<h3>x</h3>\n```\n# Title",
            "```html\n<h3>x</h3>\n```\n# Title",
        );
        check("<h3>a</h3><h3>b</h3>", "<h3>a</h3><h3>b</h3>");
    }
}
