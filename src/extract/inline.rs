//! Making one line of plain text safe to read as markdown.
//!
//! Plain text is full of characters markdown gives meaning to: `__init__()`
//! would render as a bold `init`, `*args` starts emphasis, `<b>` is HTML, a
//! leading `#` makes a heading. Code-like tokens (dunder names, calls such as
//! `sys.getsizeof()`, dotted or snake_case names, decorators) are wrapped in
//! backticks so they read as code; every other special character is
//! backslash-escaped so the text renders exactly as typed.

/// Characters escaped wherever they appear in prose.
const SPECIAL: &[char] = &['\\', '`', '*', '_', '[', ']', '<', '|', '~'];

/// Longest parenthesised argument list taken into a code span.
const MAX_CALL_ARGS: usize = 80;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Converts one line of plain text to inline markdown that renders as typed.
pub(crate) fn plain_to_markdown(line: &str) -> String {
    convert(line, false)
}

/// Converts one line; with `keep_spans`, backtick pairs the author typed are
/// kept as code spans instead of being escaped.
fn convert(line: &str, keep_spans: bool) -> String {
    let chars: Vec<char> = line.trim().chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let prev_is_word = i > 0 && (is_word_char(chars[i - 1]) || chars[i - 1] == '.');
        let span_end = (keep_spans && c == '`')
            .then(|| (i + 2..chars.len()).find(|&j| chars[j] == '`'))
            .flatten();
        if let Some(end) = span_end {
            out.extend(&chars[i..=end]);
            i = end + 1;
        } else if let Some(end) = url_end(&chars, i).filter(|_| !prev_is_word) {
            let url: String = chars[i..end].iter().collect();
            out.push('<');
            out.push_str(&url);
            out.push('>');
            i = end;
        } else if !prev_is_word && (is_word_char(c) || (c == '@' && starts_word(&chars, i + 1))) {
            i = word(&chars, i, &mut out);
        } else {
            push_escaped(&mut out, c, &chars, i);
            i += 1;
        }
    }
    escape_line_start(&out)
}

fn starts_word(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|&c| c.is_alphabetic() || c == '_')
}

/// `http://…` / `https://…` up to the next whitespace.
fn url_end(chars: &[char], i: usize) -> Option<usize> {
    if chars[i] != 'h' {
        return None;
    }
    let rest: String = chars[i..].iter().take(8).collect();
    if !(rest.starts_with("http://") || rest.starts_with("https://")) {
        return None;
    }
    let end = (i..chars.len())
        .find(|&j| chars[j].is_whitespace() || matches!(chars[j], '<' | '>' | '`'))
        .unwrap_or(chars.len());
    // Sentence punctuation after a URL is not part of it.
    let mut end = end;
    while end > i && matches!(chars[end - 1], '.' | ',' | ';' | ':' | ')' | '!' | '?') {
        end -= 1;
    }
    (end > i + 8).then_some(end)
}

fn push_escaped(out: &mut String, c: char, chars: &[char], i: usize) {
    let entity_like = c == '&'
        && chars[i + 1..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
            .count()
            > 0
        && chars[i + 1..].contains(&';');
    if SPECIAL.contains(&c) || entity_like {
        out.push('\\');
    }
    out.push(c);
}

/// Reads the word starting at `i` (letters, digits, `_`, inner `.`, an
/// optional leading `@` and a following argument list), appends it either as
/// code or as escaped text, and returns the index after it.
fn word(chars: &[char], start: usize, out: &mut String) -> usize {
    let mut end = start + 1;
    while end < chars.len()
        && (is_word_char(chars[end]) || (chars[end] == '.' && starts_word_or_digit(chars, end + 1)))
    {
        end += 1;
    }
    let token: String = chars[start..end].iter().collect();
    let args_end = call_args_end(chars, end);
    // A glued dunder ("folder__pycache__"): the prefix is an ordinary word.
    let split = dunder_split(&token);
    if split > 0 {
        push_plain(out, &token[..split]);
    }
    let token = &token[split..];
    let with_args: String = match args_end {
        Some(e) => token.chars().chain(chars[end..e].iter().copied()).collect(),
        None => token.to_string(),
    };
    let is_code = args_end.is_some_and(|_| !token.starts_with(|c: char| c.is_ascii_digit()))
        || is_code_word(token);
    if is_code {
        push_code(out, &with_args);
        args_end.unwrap_or(end)
    } else {
        push_plain(out, token);
        end
    }
}

fn starts_word_or_digit(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|&c| is_word_char(c))
}

/// Byte offset where a dunder glued to a preceding word begins, or 0.
fn dunder_split(token: &str) -> usize {
    match token.find("__") {
        Some(p)
            if p > 0 && token[..p].chars().all(char::is_alphanumeric) && is_dunder(&token[p..]) =>
        {
            p
        }
        _ => 0,
    }
}

/// `__name__` (possibly dotted after it, like `__init__.py`).
fn is_dunder(s: &str) -> bool {
    let head = s.split('.').next().unwrap_or("");
    head.len() > 4
        && head.starts_with("__")
        && head.ends_with("__")
        && head[2..head.len() - 2].chars().any(char::is_alphanumeric)
}

/// Names that are code on their own: dunders, `snake_case`, `a.b` (lowercase
/// first segment, every segment at least two characters), `@decorator`.
fn is_code_word(token: &str) -> bool {
    if let Some(rest) = token.strip_prefix('@') {
        return !rest.is_empty();
    }
    if token.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let segments: Vec<&str> = token.split('.').collect();
    if segments.iter().any(|s| is_dunder(s)) {
        return true;
    }
    let snake = token.contains('_') && token.chars().any(char::is_alphanumeric);
    let dotted = segments.len() >= 2
        && segments[0].starts_with(|c: char| c.is_lowercase() || c == '_')
        && segments
            .iter()
            .all(|s| s.chars().count() >= 2 && !s.chars().all(|c| c.is_ascii_digit()));
    snake || dotted
}

/// End of a balanced `(...)` directly after a name, when it looks like an
/// argument list (no spaces, or code punctuation inside).
fn call_args_end(chars: &[char], open: usize) -> Option<usize> {
    if chars.get(open) != Some(&'(') {
        return None;
    }
    let mut depth = 0usize;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    let inner: String = chars[open + 1..j].iter().collect();
                    return call_like(&inner).then_some(j + 1);
                }
            }
            '`' => return None,
            _ => {}
        }
        if j - open > MAX_CALL_ARGS {
            return None;
        }
    }
    None
}

fn call_like(inner: &str) -> bool {
    if matches!(inner, "s" | "es" | "ies") {
        return false;
    }
    !inner.contains(char::is_whitespace) || inner.contains([',', '=', '"', '\''])
}

fn push_plain(out: &mut String, text: &str) {
    for c in text.chars() {
        if SPECIAL.contains(&c) {
            out.push('\\');
        }
        out.push(c);
    }
}

/// Appends a code span, merging it with a code span that ends right here
/// (two adjacent spans would read as a double-backtick delimiter).
fn push_code(out: &mut String, code: &str) {
    if out.ends_with('`') && !out.ends_with("\\`") {
        out.pop();
        out.push_str(code);
    } else {
        out.push('`');
        out.push_str(code);
    }
    out.push('`');
}

/// Escapes what would start a block at the beginning of a line: headings,
/// quotes, list markers, setext underlines.
pub(crate) fn escape_line_start(s: &str) -> String {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let after_digits = &s[digits..];
    if digits > 0
        && (after_digits.starts_with(". ")
            || after_digits.starts_with(") ")
            || after_digits == "."
            || after_digits == ")")
    {
        return format!("{}\\{}", &s[..digits], after_digits);
    }
    match s.chars().next() {
        Some('#' | '>' | '=' | '+' | '-') => format!("\\{s}"),
        _ => s.to_string(),
    }
}

/// A question from plain text or HTML as inline markdown: unchanged unless
/// it holds characters markdown would misread.
pub(crate) fn question_to_markdown(question: &str) -> String {
    let outside_spans: String = question.split('`').step_by(2).collect();
    let balanced = question.matches('`').count().is_multiple_of(2);
    if outside_spans.contains(SPECIAL) || !balanced {
        convert(question, balanced)
    } else {
        question.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        assert_eq!(plain_to_markdown(input), expected, "input: {input:?}");
    }

    #[test]
    fn dunders_and_calls_become_code() {
        check(
            "Using a class with __enter__() and __exit__() methods",
            "Using a class with `__enter__()` and `__exit__()` methods",
        );
        check(
            "sys.getsizeof() \u{2192} Basic size",
            "`sys.getsizeof()` \u{2192} Basic size",
        );
        check(
            "Stored inside __pycache__ folder",
            "Stored inside `__pycache__` folder",
        );
        check("When outer() runs:", "When `outer()` runs:");
        check(
            "Use pandas.read_csv(..., chunksize=), Dask.",
            "Use `pandas.read_csv(..., chunksize=)`, Dask.",
        );
        check("(no __dict__).", "(no `__dict__`).");
        check(
            "the @contextmanager decorator",
            "the `@contextmanager` decorator",
        );
        check("Feature__new__()__init__()", "Feature`__new__()__init__()`");
        check("cProfile, line_profiler.", "cProfile, `line_profiler`.");
        check(
            "Use queue.Queue (has locks).",
            "Use `queue.Queue` (has locks).",
        );
    }

    #[test]
    fn prose_stays_prose() {
        check(
            "CPython (the standard Python)",
            "CPython (the standard Python)",
        );
        check("E.g., AVL/Red-Black Tree.", "E.g., AVL/Red-Black Tree.");
        check("From 3.7+, dicts", "From 3.7+, dicts");
        check("one or more object(s)", "one or more object(s)");
        check("Feature.py.pyc", "Feature.py.pyc");
        check("see a@b.com", "see a@b.com");
    }

    #[test]
    fn specials_are_escaped() {
        check("2 * 3 = 6 and a|b", "2 \\* 3 = 6 and a\\|b");
        check("use <b> tags [x]", "use \\<b> tags \\[x\\]");
        check("# not a heading", "\\# not a heading");
        check("> not a quote", "\\> not a quote");
        check("+ not a list", "\\+ not a list");
        check("1. not a list", "1\\. not a list");
        check("a `tick`", "a \\`tick\\`");
        check("&amp; stays", "\\&amp; stays");
        check("R&D", "R&D");
    }

    #[test]
    fn urls_become_autolinks() {
        check("see https://x.org/a_b.", "see <https://x.org/a_b>.");
    }

    #[test]
    fn questions_change_only_when_needed() {
        assert_eq!(
            question_to_markdown("What are closures?"),
            "What are closures?"
        );
        assert_eq!(
            question_to_markdown("What is __new__() vs __init__()?"),
            "What is `__new__()` vs `__init__()`?"
        );
        assert_eq!(
            question_to_markdown("What does `yield` do?"),
            "What does `yield` do?"
        );
        assert_eq!(
            question_to_markdown("Is `a_b` like a_b?"),
            "Is `a_b` like `a_b`?"
        );
        assert_eq!(question_to_markdown("Why ` alone?"), "Why \\` alone?");
    }
}
