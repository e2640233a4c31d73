//! Relations a definition states: "The GIL is a mutex that lets one
//! thread run Python bytecode at a time" relates the GIL to bytecode (and
//! to threads), with that sentence as the evidence. Co-occurrence
//! ([`super::cooccurrence`]) misses such a pair when the notes name the
//! two together only once.
//!
//! A sentence defines concept X when X is its first mention, at its start
//! (after at most an article such as "The"), and a copula follows ("is",
//! "are", "refers to", "means"; "это", "es", "é", "est", "ist", "是" … in
//! the other languages docgen reads). Every other concept the sentence
//! mentions is related to X. A concept's catalog summary is a definition
//! of that concept whatever its wording.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::catalog::Catalog;
use super::linker::Linker;
use crate::text::markup::{LinkTargets, strip_tags};

/// What may follow the defined term (lower case, with the space before
/// it where the language writes one).
pub(crate) const COPULAS: &[&str] = &[
    " is ",
    " are ",
    " refers to ",
    " means ",
    " stands for ", // English
    " — это ",
    " - это ",
    " это ",
    " есть ", // Russian
    " es ",
    " son ",
    " é ",
    " são ",
    " est ",
    " sont ",
    " ist ",
    " sind ", // es, pt, fr, de
    "是",
    "指",
    "とは",
    "は",
    "란",
    "는",
    "은", // zh, ja, ko
];

/// How much of a sentence's start (bytes) is searched for the term it
/// defines before the whole sentence is.
const HEAD_BYTES: usize = 160;

/// Longest sentence taken as a definition, in characters.
const MAX_SENTENCE: usize = 400;

/// Pairs `(a, b)` with `a < b` that a definition relates, each with the
/// first defining sentence found (catalog summaries first, then `texts` in
/// order; `texts` are answers as markdown).
pub(crate) fn relations<'a>(
    catalog: &Catalog,
    linker: &Linker,
    texts: impl Iterator<Item = &'a str>,
) -> BTreeMap<(usize, usize), String> {
    let mut out: BTreeMap<(usize, usize), String> = BTreeMap::new();
    let mut add = |x: usize, y: usize, sentence: &str| {
        if x != y {
            out.entry((x.min(y), x.max(y)))
                .or_insert_with(|| sentence.to_string());
        }
    };
    for (ci, c) in catalog.concepts.iter().enumerate() {
        if let Some(summary) = &c.summary {
            for m in linker.find(summary) {
                add(ci, m.concept, &format!("{}: {}", c.name, summary.trim()));
            }
        }
    }
    // Each text on the thread pool; the pairs merge in text order, so the
    // first sentence found is the same with any number of threads.
    let texts: Vec<&str> = texts.collect();
    // Most sentences hold no copula: they are skipped before any concept
    // is looked up.
    let copulas = aho_corasick::AhoCorasick::new(COPULAS).expect("fixed patterns build");
    let found: Vec<Vec<(usize, usize, String)>> = texts
        .par_iter()
        .map(|text| {
            let mut pairs = Vec::new();
            // No-break spaces around a copula ("X\u{a0}— это") are spaces.
            let text = crate::text::tokens::fold_spaces(text);
            if !copulas.is_match(text.as_ref()) {
                return pairs;
            }
            let plain = strip_tags(&text, LinkTargets::Drop);
            for sentence in sentences(&plain) {
                if !copulas.is_match(sentence) {
                    continue;
                }
                // The defined term opens the sentence: look it up in the
                // sentence's head before searching the whole sentence.
                let mut cut = sentence.len().min(HEAD_BYTES);
                while !sentence.is_char_boundary(cut) {
                    cut -= 1;
                }
                if !linker
                    .find(&sentence[..cut])
                    .first()
                    .is_some_and(|m| defines(sentence, &m.range))
                {
                    continue;
                }
                let mentions = linker.find(sentence);
                let Some(first) = mentions.first() else {
                    continue;
                };
                if !defines(sentence, &first.range) {
                    continue;
                }
                for m in &mentions[1..] {
                    pairs.push((first.concept, m.concept, sentence.to_string()));
                }
            }
            pairs
        })
        .collect();
    for (x, y, sentence) in found.into_iter().flatten() {
        add(x, y, &sentence);
    }
    out
}

/// Whether the mention at `range` opens `sentence` (after at most one
/// short word such as an article) and a copula follows it.
fn defines(sentence: &str, range: &std::ops::Range<usize>) -> bool {
    let before = sentence[..range.start].trim();
    let short_lead = before.is_empty() || (!before.contains(' ') && before.chars().count() <= 3);
    let after = sentence[range.end..].to_lowercase();
    // A parenthesis right after the term ("GIL (Global …) is") is skipped.
    let after = match after.trim_start().strip_prefix('(') {
        Some(rest) => rest
            .find(')')
            .map_or(after.clone(), |i| rest[i + 1..].to_string()),
        None => after,
    };
    short_lead
        && COPULAS
            .iter()
            .any(|c| after.starts_with(c) || after.starts_with(c.trim_start()))
}

/// The sentences of plain text: split after `.`, `!`, `?` followed by a
/// space, after `。！？`, and at line breaks; trimmed, empty and overlong
/// ones dropped.
pub(crate) fn sentences(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut i = 0;
    // Bytes, not chars: every cut is an ASCII byte or the UTF-8 sequence
    // of `。` (E3 80 82), `！` (EF BC 81) or `？` (EF BC 9F), and neither an
    // ASCII byte nor a lead byte occurs inside another character.
    std::iter::from_fn(move || {
        while i < bytes.len() {
            let end = match bytes[i] {
                b'\n' => Some(i + 1),
                b'.' | b'!' | b'?' => bytes
                    .get(i + 1)
                    .is_none_or(|b| b.is_ascii_whitespace())
                    .then_some(i + 1),
                0xE3 if bytes.get(i + 1..i + 3) == Some(&[0x80, 0x82]) => Some(i + 3),
                0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBC, 0x81 | 0x9F])) => Some(i + 3),
                _ => None,
            };
            i = end.unwrap_or(i + 1);
            if let Some(end) = end {
                let s = &text[start..end];
                start = end;
                return Some(s);
            }
        }
        // The rest after the last cut, once.
        if start <= text.len() {
            let s = &text[start..];
            start = text.len() + 1;
            return Some(s);
        }
        None
    })
    .map(str::trim)
    // At most one char per byte: only a long sentence needs counting.
    .filter(|s| !s.is_empty() && (s.len() <= MAX_SENTENCE || s.chars().count() <= MAX_SENTENCE))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalog() -> Catalog {
        let yaml = "concepts:\n  - id: gil\n    name: GIL\n    aliases: [GIL, Global Interpreter Lock]\n    summary: A lock around the interpreter.\n  - id: bytecode\n    name: bytecode\n    aliases: [bytecode]\n  - id: thread\n    name: thread\n    aliases: [thread, поток, потоки]\n  - id: gc\n    name: garbage collector\n    aliases: [garbage collector, сборщик мусора]\n    summary: Frees memory no thread can reach.\n";
        super::super::catalog::parse_catalog(yaml, std::path::Path::new("c.yaml")).unwrap()
    }

    #[test]
    fn sentences_end_at_stops_followed_by_space_at_cjk_stops_and_at_line_breaks() {
        let got: Vec<&str> = sentences(
            "The GIL is a lock. It serializes bytecode!Still one.\n\
             v1.2 ships? Yes.  垃圾回收器是什么。它回收内存！对吗？Fine",
        )
        .collect();
        assert_eq!(
            got,
            [
                "The GIL is a lock.",
                "It serializes bytecode!Still one.",
                "v1.2 ships?",
                "Yes.",
                "垃圾回收器是什么。",
                "它回收内存！",
                "对吗？",
                "Fine",
            ]
        );
        // Empty pieces and overlong sentences are dropped; a long one of
        // multi-byte characters is measured in characters.
        let long = "я".repeat(MAX_SENTENCE - 1);
        let text = format!("\n\n{long}.\n{}.", "a".repeat(MAX_SENTENCE + 1));
        let got: Vec<&str> = sentences(&text).collect();
        assert_eq!(got, [format!("{long}.")]);
    }

    #[test]
    fn definition_sentences_relate_their_terms_in_english_and_russian() {
        let cat = catalog();
        let linker = Linker::new(&cat);
        let answers = [
            "The GIL is a mutex that lets one thread run bytecode at a time. Threads still help with I/O.",
            "Сборщик мусора — это механизм, который останавливает потоки.",
            "Use threads for I/O; bytecode is cached.",
        ];
        let got = relations(&cat, &linker, answers.into_iter());
        let pairs: Vec<(usize, usize)> = got.keys().copied().collect();
        // gil–bytecode, gil–thread (first answer); thread–gc (summary and
        // the Russian definition). "Use threads … bytecode" defines nothing.
        assert_eq!(pairs, [(0, 1), (0, 2), (2, 3)]);
        assert!(got[&(0, 1)].starts_with("The GIL is a mutex"), "{got:?}");
        assert_eq!(
            got[&(2, 3)],
            "garbage collector: Frees memory no thread can reach."
        );
    }

    #[test]
    fn no_break_spaces_around_the_copula_still_define() {
        let cat = catalog();
        let linker = Linker::new(&cat);
        let answers = [
            "The GIL is\u{a0}a mutex around bytecode.",
            "Сборщик мусора\u{a0}— это механизм, которому не нужен bytecode.",
        ];
        let got = relations(&cat, &linker, answers.into_iter());
        assert!(got.contains_key(&(0, 1)), "{got:?}");
        assert!(got[&(1, 3)].starts_with("Сборщик мусора — это"), "{got:?}");
    }
}
