//! Questions kept in front matter: a key whose value is a list of
//! mappings, each with a question key (`question`, `q`, `pregunta`,
//! `вопрос`, `问题` …; see [`label`]) and perhaps an answer key (`answer`,
//! `a`, `respuesta`, `ответ`, `答案` …), as site generators' data-driven
//! question pages write them:
//!
//! ```yaml
//! questions:
//!   - question: What is the box model?
//!     answer: box-model.md
//! ```
//!
//! Pure: the front matter comes parsed (as JSON values, the way ingest
//! keeps unknown keys) with its text, used only for line numbers.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Entry, label};

/// Line of the file on which the front matter's text starts (after the
/// opening `---` or `+++`).
const BLOCK_FIRST_LINE: usize = 2;

/// The questions of `extra` (front matter keys), in key then list order,
/// each on the first line of `block` at or after the previous question's
/// that holds its text. `source` names the note.
pub fn entries(source: &str, extra: &BTreeMap<String, Value>, block: &str) -> Vec<Entry> {
    let lines: Vec<&str> = block.lines().collect();
    let mut from = 0;
    let mut out = Vec::new();
    for (key, value) in extra {
        let Value::Array(items) = value else { continue };
        for item in items {
            let Value::Object(map) = item else { continue };
            let Some(question) = map
                .iter()
                .find(|(k, v)| label::is_question_word(k) && v.is_string())
                .and_then(|(_, v)| v.as_str())
                .map(str::trim)
                .filter(|q| !q.is_empty())
            else {
                continue;
            };
            let answer = map
                .iter()
                .find(|(k, v)| label::is_answer_word(k, true) && v.is_string())
                .and_then(|(_, v)| v.as_str())
                .unwrap_or("")
                .trim()
                .to_string();
            let at = (from..lines.len()).find(|&i| lines[i].contains(question));
            if let Some(i) = at {
                from = i + 1;
            }
            out.push(Entry {
                source: source.to_string(),
                line: at.map_or(1, |i| i + BLOCK_FIRST_LINE),
                question: question.to_string(),
                answer,
                section: vec![key.clone()],
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(yaml: &str) -> BTreeMap<String, Value> {
        serde_yaml::from_str(yaml).unwrap()
    }

    #[test]
    fn question_lists_in_front_matter_in_english_and_spanish() {
        let block = "title: Frontend\nquestions:\n  - question: What is the box model?\n    answer: box-model.md\n  - question: Explain event delegation\n    topics: [Beginner]\n";
        let got: Vec<(usize, String, String)> = entries("f.md", &parse(block), block)
            .into_iter()
            .map(|e| (e.line, e.question, e.answer))
            .collect();
        assert_eq!(
            got,
            [
                (4, "What is the box model?".into(), "box-model.md".into()),
                (6, "Explain event delegation".into(), String::new()),
            ]
        );
        let block = "preguntas:\n  - pregunta: ¿Qué es un closure?\n    respuesta: Una función con su entorno.\n";
        let got: Vec<(usize, String)> = entries("f.md", &parse(block), block)
            .into_iter()
            .map(|e| (e.line, e.answer))
            .collect();
        assert_eq!(got, [(3, "Una función con su entorno.".into())]);
    }

    #[test]
    fn other_lists_are_no_questions() {
        let block = "tags: [a, b]\nauthors:\n  - name: Ann\n    role: editor\n";
        assert!(entries("f.md", &parse(block), block).is_empty());
    }
}
