//! Repairs of what copying from a web page broke in plain-text notes,
//! each conservative and reported ([`repairs`], listed by `docgen check`):
//!
//! - **Flattened Python.** A page's code block pasted as one line
//!   (`def f(x): if x: return 1 return 2`) is reflowed into one line per
//!   statement, indented by its block structure ([`reflow_python`]). The
//!   result is kept only when it parses as Python (ruff's parser, the
//!   `rustpython-ruff_python_parser` crate) and the line as it stands did
//!   not; otherwise the line is left alone.
//! - **Glued tables.** A table pasted as text loses its cell borders, so
//!   each row reads as one glued line ("ParserConverts source to AST").
//!   In scripts with letter case, a cell boundary shows as a lower-case
//!   letter (or digit, or closing bracket) directly followed by a capital,
//!   or as an acronym directly followed by a capitalised word ("PVMExecutes").
//!   A run of lines that all have the same number of such boundaries as its
//!   first row (the header) is split there into a table ([`unglue_table`]);
//!   a run where one line disagrees is left alone. Rows separated by tabs
//!   are read the same way.

use serde::Serialize;

use super::lines;

/// What a repair did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RepairKind {
    /// One line of Python reflowed into statements.
    FlattenedCode,
    /// Glued table rows split into cells.
    GluedTable,
}

/// One repair of pasted text, for `docgen check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct PasteRepair {
    /// 1-based line of the file where the repaired text starts.
    pub line: usize,
    /// What was repaired.
    pub kind: RepairKind,
    /// What was done, in words ("one line of Python reflowed into 9").
    pub detail: String,
}

/// Longest glued-table row, in characters.
const MAX_ROW_CHARS: usize = 160;

/// Most statements one flattened line may be split into.
const MAX_STATEMENTS: usize = 200;

/// The repairs [`super::prose`] makes to the plain-text `lines` (0-based
/// indices into `lines`, with what was done): a glued table per run of
/// non-blank lines, a reflow per flattened line of Python.
pub(crate) fn repairs(lines: &[&str]) -> Vec<(usize, RepairKind, String)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < lines.len() {
        if lines::is_blank(lines[start]) {
            start += 1;
            continue;
        }
        let end = (start..lines.len())
            .find(|&i| lines::is_blank(lines[i]))
            .unwrap_or(lines.len());
        let chunk = &lines[start..end];
        if let Some(rows) = unglue_table(chunk) {
            out.push((
                start,
                RepairKind::GluedTable,
                format!(
                    "{} glued table rows split into {} columns",
                    rows.len(),
                    rows[0].len()
                ),
            ));
        } else {
            for k in 0..chunk.len() {
                if let Some(code) = reflow_in(chunk, k) {
                    out.push((
                        start + k,
                        RepairKind::FlattenedCode,
                        format!("one line of Python reflowed into {}", code.len()),
                    ));
                }
            }
        }
        start = end;
    }
    out
}

/// [`reflow_python`] of `lines[k]` when that line is at the block's
/// outermost indentation (the least of the non-blank `lines`), so that a
/// top-level statement is what was flattened; the lines come back with
/// that indentation.
pub(crate) fn reflow_in(lines: &[&str], k: usize) -> Option<Vec<String>> {
    let indent_of = |l: &str| l.len() - l.trim_start().len();
    let least = lines
        .iter()
        .filter(|l| !lines::is_blank(l))
        .map(|l| indent_of(l))
        .min()?;
    let line = lines.get(k)?;
    if indent_of(line) != least {
        return None;
    }
    let lead = &line[..least];
    reflow_python(line).map(|code| code.into_iter().map(|c| format!("{lead}{c}")).collect())
}

/// True where a cell boundary was lost between `prev` and `cur` (`next`
/// is the character after `cur`): a lower-case letter, digit or closing
/// bracket before a capital, or the last capital of an acronym before a
/// capitalised word.
fn is_glue(prev: char, cur: char, next: Option<char>, before_prev: Option<char>) -> bool {
    if !cur.is_uppercase() {
        return false;
    }
    if prev.is_lowercase() || prev.is_ascii_digit() || matches!(prev, ')' | ']' | '%') {
        return true;
    }
    prev.is_uppercase()
        && before_prev.is_some_and(char::is_uppercase)
        && next.is_some_and(char::is_lowercase)
}

/// The cells of one glued row, split at every [`is_glue`] boundary.
fn glued_cells(line: &str) -> Vec<String> {
    let chars: Vec<char> = line.trim().chars().collect();
    let mut cells = Vec::new();
    let mut cell = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if i > 0
            && is_glue(
                chars[i - 1],
                c,
                chars.get(i + 1).copied(),
                i.checked_sub(2).map(|j| chars[j]),
            )
        {
            cells.push(std::mem::take(&mut cell).trim().to_string());
        }
        cell.push(c);
    }
    cells.push(cell.trim().to_string());
    cells
}

/// The rows of `chunk` (a run of non-blank lines) when it is a table that
/// pasting glued: at least a header and two rows, every line short,
/// unbulleted and without `|`, and every line splitting (at tabs, or at
/// glue boundaries) into the same number (2 or more) of non-empty cells as
/// the header. Split at glue boundaries, every row must also start with a
/// capital, and a two-column table must have a cell of several words (a
/// list of identifiers is not a table). `None` otherwise.
pub(crate) fn unglue_table(chunk: &[&str]) -> Option<Vec<Vec<String>>> {
    if chunk.len() < 3
        || chunk.iter().any(|l| {
            let t = l.trim();
            t.chars().count() > MAX_ROW_CHARS
                || t.contains('|')
                || t.ends_with(['.', ':', ';', ','])
                || t.starts_with(['-', '*', '+', '\u{2022}', '#', '>'])
        })
    {
        return None;
    }
    let tabbed = chunk.iter().all(|l| l.trim().contains('\t'));
    let rows: Vec<Vec<String>> = chunk
        .iter()
        .map(|l| {
            if tabbed {
                l.trim()
                    .split('\t')
                    .map(|c| c.trim().to_string())
                    .filter(|c| !c.is_empty())
                    .collect()
            } else {
                glued_cells(l)
            }
        })
        .collect();
    let columns = rows[0].len();
    let fits = columns >= 2
        && rows
            .iter()
            .all(|r| r.len() == columns && r.iter().all(|c| !c.is_empty()));
    if !fits || tabbed {
        return fits.then_some(rows);
    }
    // Glued rows start with a capital (a table's first column), and a
    // two-column table has some cell of several words: a list of
    // identifiers (`getItem`, `HashMap`) is not a table.
    let capitals = chunk
        .iter()
        .all(|l| l.trim().chars().next().is_some_and(char::is_uppercase));
    let worded = columns >= 3 || rows.iter().flatten().any(|c| c.contains(' '));
    (capitals && worded).then_some(rows)
}

/// A lexical token of a Python line, enough to find statement boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tok {
    /// A name or keyword.
    Word,
    /// A number or string.
    Literal,
    Open,
    Close,
    Colon,
    At,
    /// Any other operator or punctuation.
    Op,
}

/// Splits `line` into tokens (kind, byte range, bracket depth before it).
/// `None` for what cannot be split safely: a comment (its end is lost), an
/// unterminated string, unbalanced brackets.
fn tokens(line: &str) -> Option<Vec<(Tok, std::ops::Range<usize>, usize)>> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = line[i..].chars().next()?;
        let start = i;
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        let kind = if c == '#' {
            return None;
        } else if c == '"' || c == '\'' {
            i = string_end(line, i)?;
            Tok::Literal
        } else if c.is_alphabetic() || c == '_' {
            while let Some(ch) = line[i..].chars().next() {
                if ch.is_alphanumeric() || ch == '_' {
                    i += ch.len_utf8();
                } else {
                    break;
                }
            }
            let word = &line[start..i];
            let prefix = word.len() <= 2
                && word
                    .chars()
                    .all(|ch| matches!(ch.to_ascii_lowercase(), 'r' | 'b' | 'f' | 'u' | 't'));
            if prefix && matches!(b.get(i), Some(b'"' | b'\'')) {
                i = string_end(line, i)?;
                Tok::Literal
            } else {
                Tok::Word
            }
        } else if c.is_ascii_digit() {
            while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.' || b[i] == b'_') {
                i += 1;
            }
            Tok::Literal
        } else {
            i += c.len_utf8();
            match c {
                '(' | '[' | '{' => Tok::Open,
                ')' | ']' | '}' => Tok::Close,
                ':' if b.get(i) == Some(&b'=') => {
                    i += 1;
                    Tok::Op
                }
                ':' => Tok::Colon,
                '@' if b.get(i) != Some(&b'=') => Tok::At,
                _ => Tok::Op,
            }
        };
        if kind == Tok::Close {
            depth = depth.checked_sub(1)?;
        }
        out.push((kind, start..i, depth));
        if kind == Tok::Open {
            depth += 1;
        }
    }
    (depth == 0).then_some(out)
}

/// The end (byte index after the closing quote) of the string literal
/// whose opening quote is at `at`; `None` when it is not closed.
fn string_end(line: &str, at: usize) -> Option<usize> {
    let b = line.as_bytes();
    let q = b[at];
    let triple = b.len() >= at + 3 && b[at + 1] == q && b[at + 2] == q;
    let mut i = at + if triple { 3 } else { 1 };
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if b[i] == q {
            if !triple {
                return Some(i + 1);
            }
            if b.len() >= i + 3 && b[i + 1] == q && b[i + 2] == q {
                return Some(i + 3);
            }
        }
        i += 1;
    }
    None
}

/// Keywords that start a compound statement's header (it ends at its
/// first colon outside brackets).
const COMPOUND: &[&str] = &[
    "def", "class", "if", "elif", "else", "for", "while", "try", "except", "finally", "with",
    "async", "match", "case",
];

/// Keywords that only ever start a statement, never continue one.
const STATEMENT: &[&str] = &[
    "def", "class", "return", "pass", "break", "continue", "raise", "import", "assert", "del",
    "global", "nonlocal", "try", "while", "with", "elif", "except", "finally", "async", "for",
    "yield", "await", "if", "else", "from",
];

/// Words that join the expression around them: after one of them the
/// expression goes on.
const JOINING: &[&str] = &[
    "and", "or", "not", "in", "is", "if", "else", "lambda", "await", "yield", "return", "as",
    "from", "import", "raise", "assert", "del", "global", "nonlocal", "elif", "while", "for",
    "with", "except", "def", "class", "async",
];

/// Statements after which their block can hold nothing more.
const TERMINAL: &[&str] = &["return", "raise", "pass", "break", "continue"];

/// One line of Python that a web page flattened, as one line per
/// statement with four-space indentation; `None` when `line` is not such a
/// line: it parses as it stands, it has fewer than two statements, it
/// holds a comment, it has no call, assignment or subscript, a statement
/// would be one bare name (prose split into words), or the reflow does not
/// parse.
///
/// Statement boundaries (outside brackets): after the colon that ends a
/// compound statement's header, and wherever one expression ends (a name,
/// literal or closing bracket) and the next token can only start a new
/// statement (a name, a literal, a statement keyword, a decorator). The
/// block structure follows from the headers: `elif`/`else`/`except`/
/// `finally` close back to their header; a `return`, `raise`, `pass`,
/// `break` or `continue` ends its block; `return NAME` of a function
/// defined inside the current one returns from the outer function (a
/// closure or decorator); a bare call of a function being defined is made
/// after its definition.
pub fn reflow_python(line: &str) -> Option<Vec<String>> {
    let line = line.trim();
    let first = line
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .next()?;
    let starts_code = line.starts_with('@') || COMPOUND.contains(&first) || first == "import";
    if !starts_code || !line.contains(':') || line.contains('\n') {
        return None;
    }
    // Code shows a call, an assignment or a subscript somewhere; prose
    // that happens to start with a keyword ("with care: handle it") does
    // not.
    if !line.contains(['(', '=', '[']) {
        return None;
    }
    let toks = tokens(line)?;
    let statements = split_statements(line, &toks)?;
    if statements.len() < 2 || statements.len() > MAX_STATEMENTS {
        return None;
    }
    // A statement that is one bare name is a split word of prose, not code.
    if statements
        .iter()
        .any(|s| s.lone_name && !TERMINAL.contains(&s.head))
    {
        return None;
    }
    if ruff_python_parser::parse_module(line).is_ok() {
        return None;
    }
    let lines = indent(&statements);
    let text = lines.join("\n");
    ruff_python_parser::parse_module(&text).ok()?;
    Some(lines)
}

/// One statement: its text, its first keyword or name, whether it ends
/// with a header colon, and (for `def`/`class`) the name it defines.
#[derive(Debug)]
struct Statement<'a> {
    text: &'a str,
    head: &'a str,
    header: bool,
    /// The name a `def`/`class` header defines, the name a `return NAME`
    /// returns, or the function a bare call `NAME(…)` calls.
    name: Option<&'a str>,
    /// A bare call statement (`NAME(…)`).
    call: bool,
    /// The statement is one name and nothing else.
    lone_name: bool,
}

fn split_statements<'a>(
    line: &'a str,
    toks: &[(Tok, std::ops::Range<usize>, usize)],
) -> Option<Vec<Statement<'a>>> {
    let text = |k: usize| &line[toks[k].1.clone()];
    let mut bounds = vec![0usize];
    let mut stmt_start = 0usize;
    let mut header_done = false;
    for k in 1..toks.len() {
        let (kind, _, depth) = toks[k].clone();
        let (prev, _, prev_depth) = toks[k - 1].clone();
        if depth != 0 || prev_depth != 0 {
            continue;
        }
        let head = text(stmt_start);
        let head = if head == "async" && stmt_start + 1 < toks.len() {
            text(stmt_start + 1)
        } else {
            head
        };
        let is_header = COMPOUND.contains(&head);
        let split = if prev == Tok::Colon && is_header && !header_done {
            true
        } else {
            let prev_ends = match prev {
                Tok::Literal | Tok::Close => true,
                Tok::Word => !JOINING.contains(&text(k - 1)),
                _ => false,
            };
            let word = text(k);
            let starts = match kind {
                Tok::Word => match word {
                    "if" => next_is_header_colon(line, toks, k),
                    "else" => !statement_has(line, toks, stmt_start, k, "if"),
                    "from" => head != "raise",
                    "import" => head != "from",
                    _ => !JOINING.contains(&word) || STATEMENT.contains(&word),
                },
                Tok::Literal => prev != Tok::Literal,
                Tok::At => decorates(line, toks, k),
                _ => false,
            };
            prev_ends && starts
        };
        if prev == Tok::Colon && is_header {
            header_done = true;
        }
        if split {
            bounds.push(k);
            stmt_start = k;
            header_done = false;
        }
    }
    bounds.push(toks.len());
    let mut out = Vec::new();
    for w in bounds.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            return None;
        }
        let text_of = &line[toks[a].1.start..toks[b - 1].1.end];
        let mut head = &line[toks[a].1.clone()];
        if head == "async" && a + 1 < b {
            head = &line[toks[a + 1].1.clone()];
        }
        let header = toks[b - 1].0 == Tok::Colon && (COMPOUND.contains(&head));
        let second = (a + 1 < b).then(|| &line[toks[a + 1].1.clone()]);
        let offset = usize::from(&line[toks[a].1.clone()] == "async");
        let name = match head {
            "def" | "class" => (a + 1 + offset < b).then(|| &line[toks[a + 1 + offset].1.clone()]),
            "return" if b - a == 2 && toks[a + 1].0 == Tok::Word => second,
            _ => None,
        };
        let call = toks[a].0 == Tok::Word
            && b - a >= 3
            && toks[a + 1].0 == Tok::Open
            && toks[b - 1].0 == Tok::Close
            && toks[a + 1..b].iter().filter(|t| t.2 == 0).count() == 2;
        out.push(Statement {
            text: text_of,
            head,
            header,
            name: if call { Some(head) } else { name },
            call,
            lone_name: b - a == 1 && toks[a].0 == Tok::Word,
        });
    }
    Some(out)
}

/// True when the statement from token `from` up to `k` holds the word
/// `word` outside brackets.
fn statement_has(
    line: &str,
    toks: &[(Tok, std::ops::Range<usize>, usize)],
    from: usize,
    k: usize,
    word: &str,
) -> bool {
    (from + 1..k).any(|j| toks[j].2 == 0 && &line[toks[j].1.clone()] == word)
}

/// For an `if` at token `k`: true when the next colon or `else` outside
/// brackets is a colon (an `if` statement, not a conditional expression).
fn next_is_header_colon(
    line: &str,
    toks: &[(Tok, std::ops::Range<usize>, usize)],
    k: usize,
) -> bool {
    for t in &toks[k + 1..] {
        if t.2 != 0 {
            continue;
        }
        if t.0 == Tok::Colon {
            return true;
        }
        if &line[t.1.clone()] == "else" {
            return false;
        }
    }
    false
}

/// For an `@` at token `k`: true when a dotted name (and one call)
/// follow and then `def`, `class`, `async` or another decorator: a
/// decorator, not matrix multiplication.
fn decorates(line: &str, toks: &[(Tok, std::ops::Range<usize>, usize)], k: usize) -> bool {
    let word = |j: usize| &line[toks[j].1.clone()];
    let mut j = k + 1;
    // A dotted name.
    loop {
        if toks.get(j).is_none_or(|t| t.0 != Tok::Word) {
            return false;
        }
        j += 1;
        if toks.get(j).is_some_and(|t| t.0 == Tok::Op) && word(j) == "." {
            j += 1;
        } else {
            break;
        }
    }
    // An optional call.
    if toks.get(j).is_some_and(|t| t.0 == Tok::Open) {
        j += 1;
        while toks.get(j).is_some_and(|t| t.2 > 0) {
            j += 1;
        }
        j += 1;
    }
    toks.get(j)
        .is_some_and(|t| t.0 == Tok::At || matches!(word(j), "def" | "class" | "async"))
}

/// An open block: its header's level and keyword, and the name it defines.
struct Open<'a> {
    level: usize,
    head: &'a str,
    name: Option<&'a str>,
}

/// Lays the statements out as indented lines (see [`reflow_python`]).
fn indent(statements: &[Statement<'_>]) -> Vec<String> {
    let mut open: Vec<Open<'_>> = Vec::new();
    let mut level = 0usize;
    let mut out = Vec::with_capacity(statements.len());
    let mut after_terminal = false;
    let mut after_decorator = false;
    for s in statements {
        let closes_to = |open: &Vec<Open<'_>>, heads: &[&str]| {
            open.iter().rposition(|o| heads.contains(&o.head))
        };
        let back = match s.head {
            "elif" => closes_to(&open, &["if", "elif"]),
            "else" => closes_to(&open, &["if", "elif", "for", "while", "try", "except"]),
            "except" => closes_to(&open, &["try", "except"]),
            "finally" => closes_to(&open, &["try", "except", "else"]),
            _ => None,
        };
        if let Some(at) = back {
            level = open[at].level;
            open.truncate(at);
        } else if s.head == "return"
            && let Some(name) = s.name
            && let Some(at) = open
                .iter()
                .rposition(|o| o.head == "def" && o.name == Some(name))
            && open[..at].iter().any(|o| o.head == "def")
        {
            // `return inner` of a function nested in another: the outer
            // function returns it, after its definition.
            level = open[at].level;
            open.truncate(at);
        } else if s.call
            && let Some(name) = s.name
            && let Some(at) = open
                .iter()
                .rposition(|o| matches!(o.head, "def" | "class") && o.name == Some(name))
        {
            level = open[at].level;
            open.truncate(at);
        } else if after_terminal
            && !after_decorator
            && let Some(o) = open.pop()
        {
            level = o.level;
        }
        out.push(format!("{}{}", "    ".repeat(level), s.text));
        after_terminal = TERMINAL.contains(&s.head);
        after_decorator = s.text.starts_with('@');
        if s.header {
            open.push(Open {
                level,
                head: s.head,
                name: s.name,
            });
            level += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_reflow(line: &str, expect: Option<&str>) {
        let got = reflow_python(line).map(|l| l.join("\n"));
        assert_eq!(got.as_deref(), expect, "line: {line}");
    }

    #[test]
    fn a_flattened_decorator_is_reflowed_by_its_blocks() {
        check_reflow(
            r#"def log_calls(fn): def inner(): print("before") fn() print("after") return inner @log_calls def hello(): print("hi") hello()"#,
            Some(
                "def log_calls(fn):\n    def inner():\n        print(\"before\")\n        fn()\n        print(\"after\")\n    return inner\n@log_calls\ndef hello():\n    print(\"hi\")\nhello()",
            ),
        );
    }

    #[test]
    fn branches_close_back_to_their_header() {
        check_reflow(
            "def sign(x): if x > 0: return 1 elif x < 0: return -1 else: return 0",
            Some(
                "def sign(x):\n    if x > 0:\n        return 1\n    elif x < 0:\n        return -1\n    else:\n        return 0",
            ),
        );
        check_reflow(
            "try: v = int(s) except ValueError as e: v = None finally: done = True",
            Some(
                "try:\n    v = int(s)\nexcept ValueError as e:\n    v = None\nfinally:\n    done = True",
            ),
        );
    }

    #[test]
    fn expressions_that_look_like_statements_stay_whole() {
        // A conditional expression, `raise … from`, `from … import`,
        // matrix multiplication and keyword operators are not boundaries.
        check_reflow(
            "def f(a, b): y = a if a else b z = a @ b from os import path raise KeyError(y) from None",
            Some(
                "def f(a, b):\n    y = a if a else b\n    z = a @ b\n    from os import path\n    raise KeyError(y) from None",
            ),
        );
    }

    #[test]
    fn non_english_strings_and_names_are_code_too() {
        check_reflow(
            r#"def 问候(名字): 文本 = f"你好，{名字}" print(文本) return 文本"#,
            Some("def 问候(名字):\n    文本 = f\"你好，{名字}\"\n    print(文本)\n    return 文本"),
        );
        check_reflow(
            r#"for слово in ["да", "нет"]: print(слово.upper()) if слово == "да": break"#,
            Some(
                "for слово in [\"да\", \"нет\"]:\n    print(слово.upper())\n    if слово == \"да\":\n        break",
            ),
        );
    }

    #[test]
    fn what_cannot_be_reflowed_safely_is_left_alone() {
        // Valid as it is; a comment hides where it ended; prose; one
        // statement; not parseable after the split either.
        check_reflow("if ready: start()", None);
        check_reflow("def f(): return 1 # the answer print(f())", None);
        check_reflow("If you use it: it works well and fast", None);
        check_reflow("with care: handle it", None);
        check_reflow("with pandas: use it = fine (mostly) then stop", None);
        check_reflow("class Empty: pass", None);
        check_reflow("def f(: return", None);
        check_reflow("for x in items: print(x", None);
    }

    fn check_table(chunk: &str, expect: Option<&[&[&str]]>) {
        let lines: Vec<&str> = chunk.lines().collect();
        let got = unglue_table(&lines);
        let expect: Option<Vec<Vec<String>>> = expect.map(|rows| {
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect()
        });
        assert_eq!(got, expect, "chunk:\n{chunk}");
    }

    #[test]
    fn glued_rows_split_where_the_header_shows_the_columns() {
        check_table(
            "StageOutput\nLexerA stream of tokens\nParserThe syntax tree\nVMRunsCodeFast",
            None,
        );
        check_table(
            "StageOutput\nLexerA stream of tokens\nParserThe syntax tree\nASTChecker passes",
            Some(&[
                &["Stage", "Output"],
                &["Lexer", "A stream of tokens"],
                &["Parser", "The syntax tree"],
                &["AST", "Checker passes"],
            ]),
        );
        check_table(
            "ЭтапРезультат\nЛексерПоток токенов\nПарсерДерево разбора",
            Some(&[
                &["Этап", "Результат"],
                &["Лексер", "Поток токенов"],
                &["Парсер", "Дерево разбора"],
            ]),
        );
        check_table(
            "Name\tKind\tUse\nlist\tsequence\tordered items\ndict\tmapping\tkeyed items",
            Some(&[
                &["Name", "Kind", "Use"],
                &["list", "sequence", "ordered items"],
                &["dict", "mapping", "keyed items"],
            ]),
        );
    }

    #[test]
    fn prose_and_uncased_scripts_are_not_tables() {
        // Sentences, lists, one line that disagrees, and Chinese (no case,
        // so no visible boundary) stay as they are.
        check_table(
            "The GIL is a lock.\nIt guards the interpreter.\nSee below.",
            None,
        );
        check_table("- OneTwo\n- ThreeFour\n- FiveSix", None);
        check_table("KeyValue\nOneTwo\nJavaScriptIsFun", None);
        check_table("阶段输出\n词法分析器令牌流\n解析器语法树", None);
        // Lists of identifiers.
        check_table("getItem\nsetItem\nremoveItem", None);
        check_table("HashMap\nBTreeMap\nVecDeque", None);
    }
}
