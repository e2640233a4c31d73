//! Python snippets for generated answers: imports, functions and classes
//! with loops, conditions, comments and string literals, so highlighting
//! has the kind of work real notes give it.

use super::Rng;
use super::words::MODULES;

/// Statements of a function body, each a run of lines at one indentation
/// level (nested lines carry their own extra indentation). `{v}` is a
/// variable, `{f}` the function's name, `{n}` a number, `{s}` a word.
const STATEMENTS: &[&[&str]] = &[
    &["{v} = {n}"],
    &["{v} = [x * {n} for x in range({n})]"],
    &["{v} = {{\"{s}\": {n}, \"size\": len(items)}}"],
    &["# {s}: keep this cheap, it runs once per item"],
    &[
        "for i, item in enumerate(items):",
        "    {v} += i * len(str(item))",
    ],
    &["if {v} > {n}:", "    return {v}"],
    &["while {v} < {n}:", "    {v} = {v} * 2 + 1"],
    &[
        "with open(\"{s}.txt\", encoding=\"utf-8\") as fh:",
        "    data = fh.read()",
    ],
    &[
        "try:",
        "    {v} = int(\"{n}\")",
        "except ValueError as exc:",
        "    raise RuntimeError(f\"bad {s}: {{exc}}\") from exc",
    ],
    &["result.append({v})"],
    &["log.debug(\"%s took %d steps\", \"{f}\", {v})"],
    &["{v} = sorted(items, key=lambda x: (len(str(x)), str(x)))"],
    &["yield from ({v} for _ in range({n}))"],
];

/// A variable name.
fn var(rng: &mut Rng) -> &'static str {
    const VARS: &[&str] = &["total", "count", "buf", "acc", "value", "size", "limit"];
    VARS[rng.below(VARS.len())]
}

/// Fills one statement's placeholders.
fn fill(line: &str, f: &str, word: &str, rng: &mut Rng) -> String {
    line.replace("{v}", var(rng))
        .replace("{f}", f)
        .replace("{n}", &(1 + rng.below(999)).to_string())
        .replace("{s}", word)
        .replace("{{", "{")
        .replace("}}", "}")
}

/// A function of exactly `size` lines (at least 3), indented by `indent`.
fn function(name: &str, word: &str, size: usize, indent: &str, rng: &mut Rng) -> Vec<String> {
    let mut out = vec![
        format!(
            "{indent}def {name}(items, {}={}):",
            var(rng),
            rng.below(100)
        ),
        format!("{indent}    \"\"\"Return the {word} summary of `items`.\"\"\""),
    ];
    while out.len() + 1 < size {
        let stmt = STATEMENTS[rng.below(STATEMENTS.len())];
        if out.len() + 1 + stmt.len() > size {
            out.push(format!("{indent}    result = []"));
            continue;
        }
        for line in stmt {
            out.push(format!("{indent}    {}", fill(line, name, word, rng)));
        }
    }
    out.push(format!("{indent}    return result"));
    out
}

/// A class with a constructor and one method, exactly `size` lines (at
/// least 10).
fn class(name: &str, word: &str, size: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = vec![
        format!("class {name}:"),
        format!("    \"\"\"A small {word} wrapper used in the example.\"\"\""),
        String::new(),
        "    def __init__(self, limit=128):".to_string(),
        "        self.limit = limit".to_string(),
        "        self._items = {}".to_string(),
        String::new(),
    ];
    let method = format!("{word}_items");
    let rest = size - out.len();
    out.extend(function(&method, word, rest, "    ", rng));
    out
}

/// An identifier-friendly form of `word` ("the kalomi module" → "kalomi_module").
fn ident(word: &str) -> String {
    let s: String = word
        .trim_start_matches("the ")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_matches('_').to_string();
    if s.is_empty() || s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("x_{s}")
    } else {
        s
    }
}

/// A snippet of 10 to 40 lines about `topic`.
pub fn snippet(topic: &str, rng: &mut Rng) -> String {
    let target = 10 + rng.below(31);
    let word = ident(topic);
    let module = MODULES[rng.below(MODULES.len() - 1)];
    let mut lines = vec![
        format!("import {module}"),
        "import logging".to_string(),
        String::new(),
        "log = logging.getLogger(__name__)".to_string(),
        String::new(),
    ];
    let mut k = 0;
    while lines.len() + 6 <= target {
        let room = target - lines.len() - 1;
        let size = 3 + rng.below(room.min(14) - 2);
        let block = if size >= 10 && rng.below(3) == 0 {
            let name: String = word.split('_').map(capitalised).collect();
            class(&format!("{name}{k}"), &word, size, rng)
        } else {
            function(&format!("{word}_{k}"), &word, size, "", rng)
        };
        lines.extend(block);
        lines.push(String::new());
        k += 1;
    }
    if lines.len() < target {
        lines.push("if __name__ == \"__main__\":".to_string());
    }
    while lines.len() < target {
        lines.push(format!("    print({word}_0([{}]))", rng.below(1000)));
    }
    lines.truncate(target);
    lines.join("\n")
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
