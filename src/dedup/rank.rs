//! Choosing a cluster's title and ordering its answers.

use super::analyze::Analysis;
use crate::extract::Entry;

/// How clear and complete a phrasing is as an entry title; higher is
/// better. Rewards a full question over a terse noun phrase ("What are
/// closures?" over "Closure?"), one question over several ("… (GIL)?"
/// over "… GIL? Why?"), spelt-out acronyms and aliases, and penalises
/// qualifiers ("externally") and very short or very long phrasings.
pub(crate) fn title_score(question: &str, a: &Analysis) -> i64 {
    let q = question.trim();
    let words = q.split_whitespace().count() as i64;
    let mut s = 0;
    if a.full {
        s += 40;
    }
    if a.clauses <= 1 {
        s += 20;
    }
    s += 15 * (a.expansions.min(2) as i64);
    if q.ends_with('?') {
        s += 5;
    }
    if q.chars().next().is_some_and(char::is_uppercase) {
        s += 5;
    }
    if a.qualified {
        s -= 10;
    }
    // Fuller phrasings up to about eight words read better as titles.
    s += words.min(8);
    if inverted(q) {
        s += 2;
    }
    if words > 16 {
        s -= (words - 16).min(20);
    }
    s
}

/// "Why is X …?" rather than "Why X is …?": a question word followed by
/// an auxiliary verb (subject–auxiliary inversion).
fn inverted(q: &str) -> bool {
    let mut w = q.split_whitespace().map(str::to_lowercase);
    let first = w.next().unwrap_or_default();
    let second = w.next().unwrap_or_default();
    matches!(
        first.as_str(),
        "why" | "how" | "what" | "when" | "where" | "which"
    ) && matches!(
        second.as_str(),
        "is" | "are" | "does" | "do" | "did" | "was" | "were" | "can" | "should" | "to"
    )
}

/// The member with the best [`title_score`]; ties go to the earliest.
pub(crate) fn canonical(entries: &[Entry], analyses: &[Analysis], members: &[usize]) -> usize {
    let mut best = members[0];
    let mut best_score = i64::MIN;
    for &m in members {
        let s = title_score(&entries[m].question, &analyses[m]);
        if s > best_score {
            best = m;
            best_score = s;
        }
    }
    best
}

/// Completeness of a markdown answer: its words, plus credit for
/// structure (code blocks, list items, headings, table rows).
pub(crate) fn answer_completeness(answer: &str) -> usize {
    let words = answer.split_whitespace().count();
    let mut fences = 0;
    let mut structure = 0;
    for line in answer.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            fences += 1;
        } else if t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("• ")
            || t.starts_with('#')
            || t.starts_with('|')
            || t.split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            structure += 1;
        }
    }
    words + 10 * (fences / 2) + 3 * structure
}
