//! A deterministic generator of large question collections with known
//! duplicates, for the dedup benchmark and scale tests.
//!
//! Each *base question* is an ask (definition, mechanism, how-to,
//! comparison, pitfalls, example, purpose, …) about one or two topics.
//! Topics are two-word phrases over a vocabulary of real programming
//! nouns and synthetic words. Every emitted question renders a base
//! question through one of several paraphrase templates of its ask,
//! sometimes with a qualifier ("internally", "in Python") or a trailing
//! sub-question; about 15 % of the emitted questions re-render an earlier
//! base question and so are true duplicates. Answers are short generated
//! sentences, some missing.
//!
//! Templates come in two kinds. *Development* templates (`ASKS`, below)
//! are the ones the dedup method was written against. *Held-out*
//! templates (`heldout.rs`) are phrasings the method must never be tuned
//! to; they measure how it generalises. First renderings use a held-out
//! template a quarter of the time and duplicate renderings a third of the
//! time, so about half of the true duplicate pairs involve a held-out
//! template (`P(both development) = 3/4 · 2/3 = 1/2` for a pair).
//! Every emitted question records its kind (`Corpus::kinds`), and
//! `recall_by_template` splits recall into development and held-out
//! pairs.

#![allow(dead_code)]

use docgen::extract::Entry;

#[path = "heldout.rs"]
mod heldout;

/// A small, fast, deterministic PRNG (SplitMix64, Steele et al. 2014).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const NOUNS: &[&str] = &[
    "buffer",
    "cache",
    "socket",
    "thread",
    "process",
    "queue",
    "stack",
    "heap",
    "iterator",
    "generator",
    "decorator",
    "closure",
    "module",
    "package",
    "lock",
    "semaphore",
    "pipe",
    "channel",
    "parser",
    "lexer",
    "token",
    "frame",
    "scope",
    "namespace",
    "descriptor",
    "property",
    "slot",
    "tuple",
    "list",
    "set",
    "mapping",
    "sequence",
    "string",
    "integer",
    "float",
    "array",
    "view",
    "pool",
    "worker",
    "executor",
    "future",
    "task",
    "loop",
    "event",
    "signal",
    "handler",
    "logger",
    "formatter",
    "filter",
    "serializer",
    "encoder",
    "decoder",
    "schema",
    "model",
    "session",
    "cursor",
    "transaction",
    "index",
    "query",
    "router",
    "middleware",
    "template",
    "context",
    "manager",
    "allocator",
    "collector",
    "reference",
    "pointer",
    "object",
    "class",
    "instance",
    "method",
    "function",
    "argument",
    "keyword",
    "operator",
    "expression",
    "statement",
    "exception",
    "traceback",
    "assertion",
    "fixture",
    "mock",
    "patch",
    "profile",
    "benchmark",
    "trace",
    "import",
    "path",
    "environment",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "po", "qua", "ber", "dex", "fin", "gor",
    "hul", "jin", "kel", "mor", "nix", "pel", "rin", "sul", "tam", "ux", "vel", "wyn", "yor",
];

/// `n` distinct synthetic words ("kalomi", "nexru", …).
fn synthetic_words(n: usize, rng: &mut Rng) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let parts = 2 + rng.below(2);
        let w: String = (0..parts)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

/// Development paraphrase templates per ask, the ones the dedup method
/// was written against; `{a}` and `{b}` are topics, `{A}` is the first
/// topic capitalised. `heldout::HELD_OUT` holds the held-out templates of
/// the same asks, in the same order.
pub const ASKS: &[&[&str]] = &[
    &[
        "What is {a}?",
        "What are {a}s?",
        "{A}?",
        "Explain {a}.",
        "What do you mean by {a}?",
    ],
    &[
        "How does {a} work?",
        "How does {a} work internally?",
        "How do {a}s work under the hood?",
    ],
    &[
        "How to use {a}?",
        "How do you use {a} in Python?",
        "How can I use {a}?",
    ],
    &[
        "Difference between {a} and {b}?",
        "{A} vs {b}?",
        "What is the difference between {a} and {b}?",
    ],
    &[
        "When to use {a} over {b}?",
        "When should you use {a} instead of {b}?",
    ],
    &["Why is {a} needed?", "Why do we need {a}?"],
    &[
        "How does {a} affect {b}?",
        "What is the impact of {a} on {b}?",
    ],
    &[
        "What are the advantages of {a}?",
        "What are the benefits of {a}?",
    ],
    &["How is {a} implemented?", "How does Python implement {a}?"],
    &[
        "What are common mistakes with {a}?",
        "What are the pitfalls of {a}?",
    ],
    &["Show an example of {a}.", "Can you give an example of {a}?"],
    &["What is {a} used for?", "What is the purpose of {a}?"],
];

/// Held-out paraphrase templates per ask, parallel to `ASKS`. The dedup
/// method must not be tuned to these (see `heldout.rs`).
pub const HELD_OUT: &[&[&str]] = heldout::HELD_OUT;

const _: () = assert!(
    ASKS.len() == HELD_OUT.len(),
    "every ask needs development and held-out templates"
);

/// Which template table a question was rendered from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TemplateKind {
    /// `ASKS`: the dedup method was written against these.
    Development,
    /// `HELD_OUT`: the dedup method has never seen these.
    HeldOut,
}

/// Chance, in percent, that a base question's first rendering uses a
/// held-out template.
const FIRST_HELD_OUT_PERCENT: usize = 25;
/// Chance, in percent, that a duplicate rendering uses a held-out
/// template. With `FIRST_HELD_OUT_PERCENT` this makes about half of the
/// duplicate pairs involve a held-out template: `0.75 · 0.667 ≈ 0.5`.
const DUPLICATE_HELD_OUT_PERCENT: usize = 33;

const QUALIFIERS: &[&str] = &["", "", "", " internally", " in Python"];

/// A generated collection and its ground truth.
pub struct Corpus {
    pub entries: Vec<Entry>,
    /// Base question of each entry: equal ids are true duplicates.
    pub truth: Vec<usize>,
    /// Template kind each entry was rendered from.
    pub kinds: Vec<TemplateKind>,
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn render(template: &str, a: &str, b: &str, qualifier: &str) -> String {
    let q = template
        .replace("{A}", &capitalise(a))
        .replace("{a}", a)
        .replace("{b}", b);
    match q.strip_suffix('?') {
        Some(stem) if !qualifier.is_empty() => format!("{stem}{qualifier}?"),
        _ => q,
    }
}

/// Generates `n` questions with about 15 % duplicates, deterministically
/// from `seed`.
pub fn generate(n: usize, seed: u64) -> Corpus {
    let mut rng = Rng::new(seed);
    let mut vocab: Vec<String> = NOUNS.iter().map(|s| s.to_string()).collect();
    vocab.extend(synthetic_words(400 + n / 20, &mut rng));
    let mut bases: Vec<(usize, String, String)> = Vec::new();
    let mut entries = Vec::with_capacity(n);
    let mut truth = Vec::with_capacity(n);
    let mut kinds = Vec::with_capacity(n);
    for i in 0..n {
        let dup = !bases.is_empty() && rng.below(100) < 15;
        let base = if dup {
            rng.below(bases.len())
        } else {
            let topic = |rng: &mut Rng| {
                format!(
                    "{} {}",
                    vocab[rng.below(vocab.len())],
                    vocab[rng.below(vocab.len())]
                )
            };
            let (a, b) = (topic(&mut rng), topic(&mut rng));
            bases.push((rng.below(ASKS.len()), a, b));
            bases.len() - 1
        };
        let (ask, a, b) = &bases[base];
        let held_out_percent = if dup {
            DUPLICATE_HELD_OUT_PERCENT
        } else {
            FIRST_HELD_OUT_PERCENT
        };
        let (kind, templates) = if rng.below(100) < held_out_percent {
            (TemplateKind::HeldOut, HELD_OUT[*ask])
        } else {
            (TemplateKind::Development, ASKS[*ask])
        };
        let template = templates[rng.below(templates.len())];
        let qualifier = QUALIFIERS[rng.below(QUALIFIERS.len())];
        let question = render(template, a, b, qualifier);
        let answer = if rng.below(3) == 0 {
            String::new()
        } else {
            format!(
                "{} is used with {} to manage {}.",
                capitalise(a),
                b,
                vocab[rng.below(vocab.len())]
            )
        };
        entries.push(Entry {
            source: format!("gen{:02}.md", i % 50),
            line: i / 50 + 1,
            question,
            answer,
            section: Vec::new(),
        });
        truth.push(base);
        kinds.push(kind);
    }
    Corpus {
        entries,
        truth,
        kinds,
    }
}

/// Pairwise precision and recall of `predicted` cluster ids against
/// `truth` ids (pair counting over the contingency table).
pub fn pairwise(truth: &[usize], predicted: &[usize]) -> (f64, f64) {
    use std::collections::HashMap;
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut joint: HashMap<(usize, usize), usize> = HashMap::new();
    let mut t: HashMap<usize, usize> = HashMap::new();
    let mut p: HashMap<usize, usize> = HashMap::new();
    for (&a, &b) in truth.iter().zip(predicted) {
        *joint.entry((a, b)).or_default() += 1;
        *t.entry(a).or_default() += 1;
        *p.entry(b).or_default() += 1;
    }
    let both: f64 = joint.values().map(|&n| pairs(n)).sum();
    let pred: f64 = p.values().map(|&n| pairs(n)).sum();
    let true_pairs: f64 = t.values().map(|&n| pairs(n)).sum();
    (both / pred.max(1.0), both / true_pairs.max(1.0))
}

/// Recall split by template kind: development pairs (both members
/// rendered from development templates) and held-out pairs (at least one
/// member rendered from a held-out template).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RecallSplit {
    /// Recall over true duplicate pairs whose members both used
    /// development templates.
    pub development: f64,
    /// Recall over true duplicate pairs where at least one member used a
    /// held-out template.
    pub held_out: f64,
    /// Number of development true duplicate pairs.
    pub development_pairs: u64,
    /// Number of held-out true duplicate pairs.
    pub held_out_pairs: u64,
}

/// Pairwise recall of `predicted` against `truth`, split by the template
/// kinds of each true duplicate pair's members. Counts per truth cluster
/// and per (truth, predicted) cell, by kind, so memory is O(n). Like
/// `pairwise`, a split with no true pairs has recall 0.
pub fn recall_by_template(
    truth: &[usize],
    kinds: &[TemplateKind],
    predicted: &[usize],
) -> RecallSplit {
    use std::collections::HashMap;
    assert_eq!(truth.len(), kinds.len(), "one kind per entry");
    assert_eq!(truth.len(), predicted.len(), "one prediction per entry");
    let pairs = |n: u64| n * n.saturating_sub(1) / 2;
    // (development members, held-out members) per cluster and per cell.
    let mut cluster: HashMap<usize, (u64, u64)> = HashMap::new();
    let mut cell: HashMap<(usize, usize), (u64, u64)> = HashMap::new();
    for ((&t, &k), &p) in truth.iter().zip(kinds).zip(predicted) {
        let bump = |c: &mut (u64, u64)| match k {
            TemplateKind::Development => c.0 += 1,
            TemplateKind::HeldOut => c.1 += 1,
        };
        bump(cluster.entry(t).or_default());
        bump(cell.entry((t, p)).or_default());
    }
    // Pairs among d development and h held-out members: pairs(d) are
    // development pairs, the other pairs(d + h) - pairs(d) are held out.
    let split = |counts: &mut dyn Iterator<Item = &(u64, u64)>| {
        counts.fold((0, 0), |(dev, held), &(d, h)| {
            (dev + pairs(d), held + pairs(d + h) - pairs(d))
        })
    };
    let (dev_true, held_true) = split(&mut cluster.values());
    let (dev_found, held_found) = split(&mut cell.values());
    RecallSplit {
        development: dev_found as f64 / (dev_true as f64).max(1.0),
        held_out: held_found as f64 / (held_true as f64).max(1.0),
        development_pairs: dev_true,
        held_out_pairs: held_true,
    }
}
