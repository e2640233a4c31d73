//! Recognising source code pasted into plain text without a fence.
//!
//! Plain-text notes carry code in two ways: a language label line (`Python`)
//! followed by the code, often flattened onto one line by the web page it was
//! copied from, and bare lines of code between prose. Prose talks about code
//! all the time ("class keyword defines class; type() is metaclass"), so a
//! block counts as code only with a strong signal (an import, a `def`, a
//! `class Name:` header, a decorator, a block header followed by an indented
//! line) and only when every other line is code-like as well.

/// Language labels that web pages print above code blocks.
const LABELS: &[(&str, &str)] = &[
    ("python", "python"),
    ("python3", "python"),
    ("py", "python"),
    ("bash", "bash"),
    ("shell", "bash"),
    ("sh", "bash"),
    ("console", "console"),
    ("javascript", "javascript"),
    ("js", "javascript"),
    ("sql", "sql"),
    ("json", "json"),
    ("yaml", "yaml"),
];

/// Keywords that open a block header (`for x in y:`).
const HEADER_KEYWORDS: &[&str] = &[
    "if", "elif", "else", "for", "while", "with", "try", "except", "finally", "async", "match",
    "case",
];

/// Keywords that open a simple statement.
const STATEMENT_KEYWORDS: &[&str] = &[
    "return", "yield", "await", "raise", "pass", "break", "continue", "del", "assert", "global",
    "nonlocal", "lambda",
];

/// The fence language for a label line such as `Python`.
pub(crate) fn label_language(line: &str) -> Option<&'static str> {
    let t = line.trim().to_ascii_lowercase();
    LABELS.iter().find(|(l, _)| *l == t).map(|(_, lang)| *lang)
}

/// True for the "Copy code" line that chat and docs pages print after a label.
pub(crate) fn is_copy_button(line: &str) -> bool {
    matches!(
        line.trim().to_ascii_lowercase().as_str(),
        "copy code" | "copy"
    )
}

fn is_ident(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn is_dotted(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(is_ident)
}

/// `import a, b.c as d`.
fn is_import(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("import ") else {
        return false;
    };
    rest.split(',').all(|part| {
        let mut words = part.split_whitespace();
        match (words.next(), words.next(), words.next(), words.next()) {
            (Some(m), None, _, _) => is_dotted(m),
            (Some(m), Some("as"), Some(alias), None) => is_dotted(m) && is_ident(alias),
            _ => false,
        }
    })
}

/// `from a.b import c, d`.
fn is_from_import(t: &str) -> bool {
    let Some(rest) = t.strip_prefix("from ") else {
        return false;
    };
    let Some((module, names)) = rest.split_once(" import ") else {
        return false;
    };
    is_dotted(module.trim_start_matches('.'))
        && !names.trim().is_empty()
        && names
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | ',' | ' ' | '*' | '(' | ')'))
}

/// `def name(`, `async def name(`, `class Name:` / `class Name(`.
fn is_definition(t: &str) -> bool {
    let t = t.strip_prefix("async ").unwrap_or(t);
    if let Some(rest) = t.strip_prefix("def ") {
        return rest
            .split_once('(')
            .is_some_and(|(n, _)| is_ident(n.trim()));
    }
    if let Some(rest) = t.strip_prefix("class ") {
        let end = rest.find(['(', ':']).unwrap_or(rest.len());
        return end < rest.len() && is_ident(rest[..end].trim());
    }
    false
}

/// `@name`, `@a.b(...)`, or a decorator flattened onto the `def` line.
fn is_decorator(t: &str) -> bool {
    let Some(rest) = t.strip_prefix('@') else {
        return false;
    };
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .unwrap_or(rest.len());
    if !is_dotted(&rest[..name_end]) {
        return false;
    }
    let after = rest[name_end..].trim_start();
    after.is_empty()
        || (after.starts_with('(') && after.ends_with(')'))
        || after.starts_with("def ")
        || after.starts_with("class ")
        || after.starts_with("async def ")
}

/// A block header: a keyword line ending with `:`.
fn is_header(t: &str) -> bool {
    let word = t
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    HEADER_KEYWORDS.contains(&word) && t.ends_with(':')
}

/// A line that on its own proves code.
fn is_strong(t: &str) -> bool {
    is_import(t) || is_from_import(t) || is_definition(t) || is_decorator(t)
}

/// A line that fits in code but would not prove it alone.
fn is_weak(t: &str) -> bool {
    if t.is_empty() || (t.ends_with('.') && !t.ends_with("...")) {
        return false;
    }
    let word = t
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    if STATEMENT_KEYWORDS.contains(&word) {
        let after = &t[word.len()..];
        return after.is_empty() || after.starts_with([' ', '(', '[']);
    }
    is_header(t)
        || t.starts_with("# ")
        || matches!(t, ")" | "]" | "}" | "})" | "])")
        || is_assignment(t)
        || is_call(t)
}

/// `name = value`, `a.b[0] += value` (not `==`).
fn is_assignment(t: &str) -> bool {
    let Some(eq) = t.find('=') else {
        return false;
    };
    let (lhs, rhs) = (&t[..eq], &t[eq + 1..]);
    if rhs.starts_with('=') || rhs.trim().is_empty() {
        return false;
    }
    let lhs = lhs
        .trim_end()
        .trim_end_matches(['+', '-', '*', '/', '%', '|', '&']);
    let lhs = lhs.trim_end();
    !lhs.is_empty()
        && lhs.split(',').all(|part| {
            let p = part.trim();
            let base = p.split('[').next().unwrap_or("");
            is_dotted(base)
        })
}

/// `name(...)` or `a.b(...)` filling the whole line.
fn is_call(t: &str) -> bool {
    let Some(open) = t.find('(') else {
        return false;
    };
    let name = t[..open].strip_prefix("await ").unwrap_or(&t[..open]);
    is_dotted(name) && t.ends_with(')')
}

/// A loose test for the line after a language label: anything with code
/// punctuation or a code keyword.
pub(crate) fn looks_codeish(line: &str) -> bool {
    let t = line.trim();
    is_strong(t) || is_weak(t) || t.contains(['(', '=', '@', '[', '{']) || t.ends_with(':')
}

/// True when the lines, taken together, are code: at least one strong line
/// (or two weak ones), and every line strong, weak, or an indented
/// continuation of the line above.
pub(crate) fn is_code_block(lines: &[&str]) -> bool {
    let Some(first) = lines.first() else {
        return false;
    };
    let base = super::lines::indent_width(first);
    let mut strong = 0;
    let mut weak = 0;
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim();
        let deeper = |l: &&str| super::lines::indent_width(l) > super::lines::indent_width(line);
        let opens_block = t.ends_with(':') && lines.get(i + 1).is_some_and(deeper);
        if is_strong(t) || (is_header(t) && opens_block) {
            strong += 1;
        } else if is_weak(t) {
            weak += 1;
        } else if !(i > 0 && super::lines::indent_width(line) > base) {
            return false;
        }
    }
    strong >= 1 || (weak >= 2 && weak == lines.len())
}

/// Where code begins in a run of lines: the first strong line from which the
/// rest of the run is code. Lines before it stay prose.
pub(crate) fn code_start(lines: &[&str]) -> Option<usize> {
    if is_code_block(lines) {
        return Some(0);
    }
    (1..lines.len()).find(|&k| is_strong(lines[k].trim()) && is_code_block(&lines[k..]))
}

/// Renders code lines as a fenced block: common indentation removed, a fence
/// longer than any backtick run inside.
pub(crate) fn fence(lines: &[&str], lang: &str) -> String {
    let body = super::lines::dedent(lines);
    let longest = body
        .iter()
        .flat_map(|l| l.split(|c| c != '`'))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{lang}\n{}\n{fence}", body.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> bool {
        let lines: Vec<&str> = text.lines().collect();
        is_code_block(&lines)
    }

    #[test]
    fn strong_signals_make_code() {
        assert!(code(
            "import asyncio, aiohttp\nasync def fetch(url, s): return 1\nasync def main(urls):\n    async with x as s:\n        return await y"
        ));
        assert!(code("from a.b import c"));
        assert!(code("@decorator_name def function_name(): pass"));
        assert!(code("class MyContext: def __enter__(self): return self"));
        assert!(code("for x in y:\n    print(x)"));
        assert!(code("x = 5\nprint(x)"));
    }

    #[test]
    fn prose_about_code_stays_prose() {
        assert!(!code(
            "class keyword defines class; type() is metaclass that creates it."
        ));
        assert!(!code("for example:"));
        assert!(!code("import statements are cached."));
        assert!(!code("from 3.7+, dicts preserve insertion order"));
        assert!(!code("compose = lambda f,g: lambda x: f(g(x))."));
        assert!(!code("import os\nThis imports the os module."));
        assert!(!code("Use generators, iterators, numpy arrays."));
        assert!(!code("return values are wrapped"));
    }

    #[test]
    fn code_may_start_after_a_prose_line() {
        let lines = ["Example:", "import os", "print(os.name)"];
        assert_eq!(code_start(&lines), Some(1));
        assert_eq!(code_start(&["Just prose."]), None);
    }

    #[test]
    fn labels_and_fences() {
        assert_eq!(label_language(" Python "), Some("python"));
        assert_eq!(label_language("Python is great"), None);
        assert_eq!(fence(&["  a", "    b"], "python"), "```python\na\n  b\n```");
        assert_eq!(fence(&["x = '```'"], ""), "````\nx = '```'\n````");
    }
}
