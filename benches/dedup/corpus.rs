//! A deterministic generator of large question collections with known
//! duplicates, for the dedup benchmark and scale tests.
//!
//! Each *base question* is an ask (definition, mechanism, how-to,
//! comparison, …) about one or two topics. Topics are two-word phrases
//! over a vocabulary of real programming nouns and synthetic words.
//! Every emitted question renders a base question through one of several
//! paraphrase templates of its ask, sometimes with a qualifier
//! ("internally", "in Python") or a trailing sub-question; about 15 % of
//! the emitted questions re-render an earlier base question and so are
//! true duplicates. Answers are short generated sentences, some missing.

#![allow(dead_code)]

use docgen::extract::Entry;

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

/// Paraphrase templates per ask; `{a}` and `{b}` are topics, `{A}` is
/// the first topic capitalised.
const ASKS: &[&[&str]] = &[
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
];

const QUALIFIERS: &[&str] = &["", "", "", " internally", " in Python"];

/// A generated collection and its ground truth.
pub struct Corpus {
    pub entries: Vec<Entry>,
    /// Base question of each entry: equal ids are true duplicates.
    pub truth: Vec<usize>,
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
        let templates = ASKS[*ask];
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
    }
    Corpus { entries, truth }
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
