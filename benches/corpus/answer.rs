//! Generated answers: a few paragraphs and a bullet list, sometimes a
//! Python snippet, as markdown.

use std::fmt::Write as _;

use super::words::{LABELS, MODULES, SENTENCES};
use super::{Rng, capitalised, python};

/// What an answer talks about: its question's topics and a library name.
pub struct Subject<'a> {
    pub a: &'a str,
    pub b: &'a str,
    pub library: &'a str,
}

/// One sentence from the templates, filled in and capitalised.
fn sentence(s: &Subject, rng: &mut Rng) -> String {
    let t = SENTENCES[rng.below(SENTENCES.len())];
    let filled = t
        .replace("{A}", &capitalised(s.a))
        .replace("{a}", s.a)
        .replace("{b}", s.b)
        .replace("{w}", s.library)
        .replace("{m}", MODULES[rng.below(MODULES.len())])
        .replace("{n2}", &(6 + rng.below(8)).to_string())
        .replace("{n}", &(2 + rng.below(5000)).to_string());
    capitalised(&filled)
}

/// A paragraph of `lo..=hi` sentences.
fn paragraph(s: &Subject, lo: usize, hi: usize, rng: &mut Rng) -> String {
    let k = lo + rng.below(hi - lo + 1);
    (0..k)
        .map(|_| sentence(s, rng))
        .collect::<Vec<_>>()
        .join(" ")
}

/// An answer: a paragraph, 3–5 bullets, another paragraph, and with `code`
/// a fenced Python snippet of 10–40 lines followed by a closing sentence.
pub fn answer(s: &Subject, code: bool, rng: &mut Rng) -> String {
    let mut out = paragraph(s, 2, 4, rng);
    out.push_str("\n\n");
    for _ in 0..3 + rng.below(3) {
        let label = LABELS[rng.below(LABELS.len())];
        let _ = writeln!(out, "- **{label}**: {}", sentence(s, rng));
    }
    out.push('\n');
    out.push_str(&paragraph(s, 1, 3, rng));
    if code {
        let _ = write!(
            out,
            "\n\n```python\n{}\n```\n\n{}",
            python::snippet(s.a, rng),
            sentence(s, rng)
        );
    }
    out
}
