//! Follow-up questions inside an answer: a list in a question's answer
//! whose items all ask ("**Follow-ups:**" then "- Why …?", "- How would you
//! …?") holds questions of their own, and so does a heading inside it that
//! ends with a question mark ("### Why is this better?"). Each item becomes a question, its
//! nested lines its answer; the answer it sits in keeps the list as the
//! note wrote it. Runs after a reading is chosen, on its questions, for
//! every structure alike.

use super::formats::list_questions;
use super::{Found, label, lines, question};

/// Least items for a list of follow-ups.
const MIN_ITEMS: usize = 2;

/// The follow-up questions in the answers of `found` (read from `lines`),
/// leaving out lines that already start a question. Pure.
pub(crate) fn find(lines: &[&str], found: &[Found]) -> Vec<Found> {
    let mask = lines::fence_mask(lines);
    let taken: std::collections::BTreeSet<usize> = found.iter().map(|f| f.idx).collect();
    let mut out = Vec::new();
    for f in found {
        let mut i = f.idx + 1;
        let end = f.span.end.min(lines.len());
        while i < end {
            let Some((indent, _)) = item_at(lines, &mask, i) else {
                i += 1;
                continue;
            };
            // The list: items at this indentation, with what nests under them.
            let mut items: Vec<(usize, usize)> = Vec::new();
            let mut j = i;
            while j < end {
                if mask[j] || lines::is_blank(lines[j]) || lines::indent_width(lines[j]) > indent {
                    j += 1;
                    continue;
                }
                match item_at(lines, &mask, j) {
                    Some((w, _)) if w == indent => {
                        if let Some(last) = items.last_mut() {
                            last.1 = j;
                        }
                        items.push((j, end));
                        j += 1;
                    }
                    _ => break,
                }
            }
            if let Some(last) = items.last_mut() {
                last.1 = last.1.min(j);
            }
            let asks = |&(k, _): &(usize, usize)| {
                item_at(lines, &mask, k).is_some_and(|(_, t)| question::looks_like_question(t))
                    && !taken.contains(&k)
            };
            // Fields beside them (`**Expected:** …`) that do not ask are
            // the answer's, not questions.
            let field = |&(k, _): &(usize, usize)| {
                item_at(lines, &mask, k).is_some_and(|(_, t)| label::field(t).is_some())
            };
            // Every item asks or is a field; most lists fail at their
            // first item, so each item is read once and the scan stops there.
            let mut asking: Vec<(usize, usize)> = Vec::new();
            let all_ask_or_field = items.len() >= MIN_ITEMS
                && items.iter().all(|it| {
                    if asks(it) {
                        asking.push(*it);
                        true
                    } else {
                        field(it)
                    }
                });
            if all_ask_or_field && asking.len() >= MIN_ITEMS {
                for &(k, stop) in &asking {
                    let (_, text) = item_at(lines, &mask, k).expect("an item");
                    out.push(Found {
                        idx: k,
                        question: question::clean(text),
                        answer: lines::markdown_block(&lines[k + 1..stop]),
                        section: f.section.clone(),
                        span: k..stop,
                    });
                }
            }
            i = j.max(i + 1);
        }
        out.extend(asking_subheadings(lines, &mask, f, &taken));
    }
    out
}

/// Headings inside `f`'s answer that end with a question mark (`### Why
/// is this better?`): each a question, answered by what follows it up to
/// the next heading at its level or above, or the end of `f`.
fn asking_subheadings(
    lines: &[&str],
    mask: &[bool],
    f: &Found,
    taken: &std::collections::BTreeSet<usize>,
) -> Vec<Found> {
    let end = f.span.end.min(lines.len());
    let heads: Vec<(usize, usize, &str)> = (f.idx + 1..end)
        .filter(|&i| !mask[i])
        .filter_map(|i| lines::atx_heading(lines[i]).map(|(level, t)| (i, level, t)))
        .collect();
    let mut out = Vec::new();
    for (k, &(i, level, text)) in heads.iter().enumerate() {
        if taken.contains(&i) || !question::ends_with_question_mark(text) {
            continue;
        }
        let stop = heads[k + 1..]
            .iter()
            .find(|(_, l, _)| *l <= level)
            .map_or(end, |(j, _, _)| *j);
        out.push(Found {
            idx: i,
            question: question::clean(text),
            answer: lines::markdown_block(&lines[i + 1..stop]),
            section: f.section.clone(),
            span: i..stop,
        });
    }
    out
}

/// The list item starting line `i` (outside fences): its indentation and
/// text.
fn item_at<'a>(lines: &[&'a str], mask: &[bool], i: usize) -> Option<(usize, &'a str)> {
    if mask[i] {
        return None;
    }
    list_questions::item(lines[i])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn follow_ups(input: &str, unit: std::ops::Range<usize>) -> Vec<(usize, String, String)> {
        let lines: Vec<&str> = input.split('\n').collect();
        let parent = Found {
            idx: unit.start,
            question: "parent".into(),
            answer: String::new(),
            section: Vec::new(),
            span: unit,
        };
        find(&lines, &[parent])
            .into_iter()
            .map(|f| (f.idx, f.question, f.answer))
            .collect()
    }

    #[test]
    fn asking_lists_in_answers_in_german_and_chinese() {
        let de = "### Frage: Code Review\n> „Was fällt dir auf?“\n\n**Follow-ups:**\n- „Wie würdest du das umbauen?“\n- Was könnte schiefgehen?\n  Zum Beispiel Last.\n\n**Worauf du achtest:**\n- Struktur\n- Tests\n";
        assert_eq!(
            follow_ups(de, 0..11),
            [
                (
                    4,
                    "„Wie würdest du das umbauen?“".to_string(),
                    String::new()
                ),
                (
                    5,
                    "Was könnte schiefgehen?".to_string(),
                    "Zum Beispiel Last.".to_string()
                ),
            ]
        );
        let ru = "### 2.3 Рендеринг\n- Что такое reflow?\n- Чем repaint отличается от reflow?\n- **Ожидается:** геометрия и цвет.\n";
        let got: Vec<usize> = follow_ups(ru, 0..4)
            .into_iter()
            .map(|(i, _, _)| i)
            .collect();
        assert_eq!(got, [1, 2]);
        let zh = "9. 浏览器缓存\n答：分强缓存和协商缓存。\n- HTML 应该用哪种缓存？\n- 为什么要加 contenthash？\n";
        let got: Vec<usize> = follow_ups(zh, 0..4)
            .into_iter()
            .map(|(i, _, _)| i)
            .collect();
        assert_eq!(got, [2, 3]);
    }

    #[test]
    fn asking_subheadings_in_russian_and_english() {
        let ru =
            "## 5. BETWEEN\nДиапазон.\n### Почему лучше так?\nИз-за времени.\n### Пример\nКод.\n";
        assert_eq!(
            follow_ups(ru, 0..6),
            [(
                2,
                "Почему лучше так?".to_string(),
                "Из-за времени.".to_string()
            )]
        );
        let en = "## 2. Joins\n### How it works\nRows.\n### When to avoid a join?\n#### Detail\nLarge tables.\n";
        assert_eq!(
            follow_ups(en, 0..6),
            [(
                3,
                "When to avoid a join?".to_string(),
                "#### Detail\nLarge tables.".to_string()
            )]
        );
    }

    #[test]
    fn lists_that_answer_stay_in_the_answer() {
        let en = "Q: Why a queue?\n- It decouples producers.\n- Is it ordered? Mostly.\n";
        assert!(follow_ups(en, 0..3).is_empty());
        let one = "Q: Why?\n- Why not?\n";
        assert!(follow_ups(one, 0..2).is_empty());
    }
}
