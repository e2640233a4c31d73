//! A bound on YAML alias expansion, checked before any YAML is parsed.
//!
//! YAML anchors (`&name`) and aliases (`*name`) let a small file stand for
//! a huge value: a 4 MiB string referenced 2,000 times is 8 GiB once
//! parsed ("billion laughs"). The YAML parser limits how many aliases it
//! follows, not how many bytes they copy, so docgen estimates the
//! expansion from the text first. Each anchor's node is taken as its line
//! and the lines indented under it; its expanded size is those bytes plus
//! the expanded size of every alias inside it; the document's expansion is
//! the expanded size of every alias outside any anchor, summed. More than
//! ten times the text's size (at least 64 KiB) is refused. The
//! estimate may be high (an alias-like `*word` inside a quoted string
//! counts), never low for block YAML, and is only computed when the text
//! defines an anchor.

use std::collections::HashMap;

/// Aliases may expand a document to at most this many times its own size,
/// or to [`MIN_EXPANSION_BYTES`], whichever is more.
pub const MAX_AMPLIFICATION: u64 = 10;
/// The expansion every document may reach whatever its size, so that a
/// short front matter may still alias a block a few times: 64 KiB.
pub const MIN_EXPANSION_BYTES: u64 = 64 << 10;

/// Checks that the aliases of the YAML `text` cannot expand it beyond
/// [`MAX_AMPLIFICATION`] times its size (at least [`MIN_EXPANSION_BYTES`]).
///
/// Errors: `(line, message)`, the 1-based line of the alias that crosses
/// the limit (relative to `text`) and what was found.
pub fn check(text: &str) -> Result<(), (usize, String)> {
    if !text.contains('&') || !text.contains('*') {
        return Ok(());
    }
    let limit = (text.len() as u64)
        .saturating_mul(MAX_AMPLIFICATION)
        .max(MIN_EXPANSION_BYTES);
    let lines: Vec<&str> = text.split('\n').collect();
    // Anchor name → expanded size in bytes.
    let mut sizes: HashMap<&str, u64> = HashMap::new();
    // Open anchors: (name, indentation, line it starts, bytes so far).
    let mut open: Vec<(&str, usize, usize, u64)> = Vec::new();
    let mut total: u64 = 0;
    for (i, line) in lines.iter().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let blank = line.trim().is_empty();
        // A line no deeper than an anchor's own line closes it.
        while let Some(&(name, at_indent, start, bytes)) = open.last() {
            if blank || i == start || indent > at_indent {
                break;
            }
            open.pop();
            sizes.insert(name, bytes);
            if let Some(parent) = open.last_mut() {
                parent.3 = parent.3.saturating_add(bytes);
            }
        }
        let line_bytes = line.len() as u64 + 1;
        for o in open.iter_mut() {
            o.3 = o.3.saturating_add(line_bytes);
        }
        for (kind, name) in tokens(line) {
            match kind {
                b'&' => open.push((name, indent, i, line_bytes)),
                _ => {
                    let size = sizes.get(name).copied().unwrap_or(0);
                    match open.last_mut() {
                        Some(o) => o.3 = o.3.saturating_add(size),
                        None => total = total.saturating_add(size),
                    }
                    if total > limit || open.last().is_some_and(|o| o.3 > limit) {
                        return Err((
                            i + 1,
                            format!(
                                "YAML aliases here could expand this {}-byte text to more than \
                                 {limit} bytes, {MAX_AMPLIFICATION} times its size \
                                 (alias `*{}` of {size} bytes): docgen refuses them",
                                text.len(),
                                shorten(name),
                            ),
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}

/// The anchors (`&name`) and aliases (`*name`) of one line, in order:
/// `&` or `*` at the start of a token (after white space, `[`, `{`, `,`,
/// `:` or `-`, or at the line's start) followed by a name.
fn tokens(line: &str) -> Vec<(u8, &str)> {
    let bytes = line.as_bytes();
    let mut out = Vec::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b != b'&' && b != b'*' {
            continue;
        }
        let starts = i == 0 || matches!(bytes[i - 1], b' ' | b'\t' | b'[' | b'{' | b',' | b'-');
        if !starts {
            continue;
        }
        let rest = &line[i + 1..];
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, ',' | '[' | ']' | '{' | '}'))
            .unwrap_or(rest.len());
        if end > 0 {
            out.push((b, &rest[..end]));
        }
    }
    out
}

/// A name cut to 40 characters for a message.
fn shorten(name: &str) -> String {
    let mut s: String = name.chars().take(40).collect();
    if s.len() < name.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_anchors_pass() {
        let text =
            "defaults: &d\n  lang: en\n  tags: [a, b]\nnote:\n  <<: *d\n  title: x\nother: *d\n";
        assert_eq!(check(text), Ok(()));
        assert_eq!(check("title: plain\ntags: [a, b]\n"), Ok(()));
    }

    #[test]
    fn a_large_string_aliased_many_times_is_refused() {
        let big = "x".repeat(1 << 20);
        let refs = vec!["*s"; 40].join(", ");
        let text = format!("name: &s \"{big}\"\naliases: [{refs}]\n");
        let (line, message) = check(&text).unwrap_err();
        assert_eq!(line, 2);
        assert!(message.contains("*s"), "{message}");
        // The same string referenced a few times is fine.
        let text = format!("name: &s \"{big}\"\naliases: [*s, *s]\n");
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn more_than_ten_times_the_text_is_refused() {
        let mid = "y".repeat(10 << 10);
        let many = vec!["*m"; 100].join(", ");
        let text = format!("m: &m \"{mid}\"\nlist: [{many}]\n");
        assert!(check(&text).is_err(), "1 MiB from 10 KiB");
        let few = ["*m"; 5].join(", ");
        let text = format!("m: &m \"{mid}\"\nlist: [{few}]\n");
        assert_eq!(check(&text), Ok(()));
    }

    #[test]
    fn nested_aliases_multiply() {
        let mut text = format!("a0: &a0 \"{}\"\n", "x".repeat(64 << 10));
        for i in 1..6 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        assert!(check(&text).is_err());
        // Block-style anchors count the lines under them.
        let block = "base: &b\n  - one\n  - two\nuse:\n  - *b\n  - *b\n";
        assert_eq!(check(block), Ok(()));
    }
}
