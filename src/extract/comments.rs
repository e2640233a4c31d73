//! HTML comments (`<!-- … -->`) hide what they hold: an author's
//! commented-out questions, a generator's `<!-- TOC -->` marks. They are
//! blanked before the note is read, line for line, so no reading takes a
//! hidden question and every line keeps its number. A comment left open
//! runs to the end of the note, as in a browser. Comments inside fenced
//! code are code and stay.

use super::lines;

/// `lines` with every HTML comment outside fenced code removed (a line
/// left with only spaces becomes empty); `None` when there is none. Pure.
pub(crate) fn blank(lines: &[&str]) -> Option<Vec<String>> {
    if !lines.iter().any(|l| l.contains("<!--")) {
        return None;
    }
    let mask = lines::fence_mask(lines);
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut open = false;
    let mut changed = false;
    for (i, line) in lines.iter().enumerate() {
        if mask[i] && !open {
            out.push(line.to_string());
            continue;
        }
        let mut kept = String::new();
        let mut rest: &str = line;
        loop {
            if open {
                match rest.find("-->") {
                    Some(end) => {
                        rest = &rest[end + 3..];
                        open = false;
                    }
                    None => break,
                }
            } else {
                match rest.find("<!--") {
                    Some(start) => {
                        kept.push_str(&rest[..start]);
                        rest = &rest[start + 4..];
                        open = true;
                    }
                    None => {
                        kept.push_str(rest);
                        break;
                    }
                }
            }
        }
        if kept.len() != line.len() {
            changed = true;
            if kept.trim().is_empty() {
                kept.clear();
            }
        }
        out.push(kept);
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: &str) {
        let lines: Vec<&str> = input.split('\n').collect();
        let got = blank(&lines).map_or_else(|| input.to_string(), |v| v.join("\n"));
        assert_eq!(got, expected);
    }

    #[test]
    fn comments_are_blanked_line_for_line() {
        check(
            "## 질문\n<!--\n<details><summary>숨긴 질문?</summary></details>\n-->\n## Вопрос?",
            "## 질문\n\n\n\n## Вопрос?",
        );
        check(
            "What is a GIL? <!-- todo --> Explain.\n<!-- open\nQ: hidden?",
            "What is a GIL?  Explain.\n\n",
        );
        check("no comment here", "no comment here");
    }

    #[test]
    fn comments_in_fenced_code_stay() {
        check(
            "```html\n<!-- kept -->\n```\n<!-- gone -->",
            "```html\n<!-- kept -->\n```\n",
        );
    }
}
