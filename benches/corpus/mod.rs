//! The benchmarks' deterministic generator of interview notes.
//!
//! [`generate`] makes `n` questions about Python topics, split into notes
//! files of about 50 questions ([`Spec::per_file`]). Answers are a few
//! paragraphs and bullets; about 40 % carry a 10–40 line Python snippet
//! ([`Spec::code_percent`]). About 15 % of the questions
//! ([`Spec::duplicate_percent`]) re-ask a question of an earlier file in
//! another phrasing (a paraphrase from the same group of [`words::ASKS`]),
//! with an answer of their own: the duplicates dedup is there to merge.
//!
//! The vocabulary grows with `n` (synthetic library names next to real
//! topics), as it does in real handbooks. The same [`Spec`] always gives
//! the same bytes.
//!
//! The corpus is written as a docgen project ([`write_docgen`]: markdown
//! notes in the formats docgen extracts, in turn numbered Q&A, heading
//! Q&A and `<details>` blocks) and, for comparisons, as a Hugo site with
//! the same questions, one page per question ([`hugo::write_site`]).

#![allow(dead_code)]

mod answer;
pub mod hugo;
mod notes;
mod python;
pub mod words;

use std::collections::HashSet;
use std::path::Path;

use words::{ASKS, KINDS, SYLLABLES, TOPICS};

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of questions.
    pub questions: usize,
    /// Seed of the generator.
    pub seed: u64,
    /// Questions per notes file.
    pub per_file: usize,
    /// Share of questions (in %) that paraphrase a question of an earlier
    /// file.
    pub duplicate_percent: usize,
    /// Share of answers (in %) with a Python snippet.
    pub code_percent: usize,
}

impl Spec {
    /// `questions` questions from `seed`, with the default shape: 50 per
    /// file, 15 % duplicates, 40 % with code.
    pub fn new(questions: usize, seed: u64) -> Spec {
        Spec {
            questions,
            seed,
            per_file: 50,
            duplicate_percent: 15,
            code_percent: 40,
        }
    }
}

/// A generated question.
#[derive(Debug, Clone)]
pub struct Question {
    /// The question text (inline markdown; ends with `?`).
    pub text: String,
    /// The answer as markdown.
    pub answer: String,
    /// The section heading it sits under in its file.
    pub section: String,
    /// Index of the base question: equal for a question and its
    /// paraphrases.
    pub base: usize,
}

/// The notes formats files are written in, in turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `1. What …?` lines, each followed by its answer.
    Numbered,
    /// `### Q1. What …?` headings over their answers.
    Headings,
    /// `<details><summary>…</summary>…</details>` blocks.
    Details,
}

/// One notes file.
#[derive(Debug, Clone)]
pub struct NotesFile {
    /// File stem (`notes-00001`).
    pub stem: String,
    /// Title (the `#` heading).
    pub title: String,
    /// How it is written.
    pub format: Format,
    /// Its questions, in order.
    pub questions: Vec<Question>,
}

/// A generated corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// The notes files, in order.
    pub files: Vec<NotesFile>,
}

impl Corpus {
    /// Number of questions.
    pub fn questions(&self) -> usize {
        self.files.iter().map(|f| f.questions.len()).sum()
    }

    /// Number of distinct base questions (what a perfect dedup keeps).
    pub fn distinct(&self) -> usize {
        let bases: HashSet<usize> = self
            .files
            .iter()
            .flat_map(|f| f.questions.iter().map(|q| q.base))
            .collect();
        bases.len()
    }
}

/// A small deterministic PRNG (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (0 is replaced by 1).
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `s` with its first character in upper case.
pub fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// The topic list for `n` questions: the real topics, then synthetic
/// library names ("the kalomi module"), about one per eight questions.
fn topics(n: usize, rng: &mut Rng) -> Vec<String> {
    let mut out: Vec<String> = TOPICS.iter().map(|t| t.to_string()).collect();
    let mut seen = HashSet::new();
    let wanted = out.len() + 50 + n / 8;
    while out.len() < wanted {
        let word: String = (0..2 + rng.below(2))
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        if seen.insert(word.clone()) {
            out.push(format!("the {word} {}", KINDS[rng.below(KINDS.len())]));
        }
    }
    out
}

/// A base question: which ask, about which topics (indices into the topic
/// list), first written with which template.
#[derive(Debug, Clone, Copy)]
struct Base {
    ask: usize,
    a: usize,
    b: usize,
    template: usize,
}

/// Draws base questions that were never drawn before.
struct Bases {
    topics: Vec<String>,
    /// How many synthetic topics name sections (about 2√n, so the number
    /// of chapters grows like a book's, slower than the questions).
    section_topics: usize,
    seen: HashSet<(usize, usize, usize)>,
    list: Vec<Base>,
}

impl Bases {
    /// A topic: a real one 60 % of the time, else a synthetic one.
    fn topic(&self, rng: &mut Rng) -> usize {
        if rng.below(10) < 6 {
            rng.below(TOPICS.len())
        } else {
            TOPICS.len() + rng.below(self.topics.len() - TOPICS.len())
        }
    }

    /// A new base question (55 % about one topic, 45 % about two).
    fn fresh(&mut self, rng: &mut Rng) -> usize {
        let single = ASKS.iter().filter(|a| a.topics == 1).count();
        loop {
            let ask = if rng.below(100) < 55 {
                rng.below(single)
            } else {
                single + rng.below(ASKS.len() - single)
            };
            let a = self.topic(rng);
            let mut b = self.topic(rng);
            if ASKS[ask].topics == 1 {
                b = a;
            } else if a == b {
                continue;
            }
            let (a, b) = if ASKS[ask].symmetric && b < a {
                (b, a)
            } else {
                (a, b)
            };
            if self.seen.insert((ask, a, b)) {
                let template = rng.below(ASKS[ask].templates.len());
                self.list.push(Base {
                    ask,
                    a,
                    b,
                    template,
                });
                return self.list.len() - 1;
            }
        }
    }

    /// The section title for a group of questions starting with topic
    /// `a`: a real topic names its own section; synthetic topics share
    /// `section_topics` section names.
    fn section(&self, a: usize) -> String {
        let t = if a < TOPICS.len() {
            a
        } else {
            TOPICS.len() + (a - TOPICS.len()) % self.section_topics
        };
        capitalised(&self.topics[t])
    }

    /// The question text of `base` written with `template`.
    fn text(&self, base: usize, template: usize) -> String {
        let Base { ask, a, b, .. } = self.list[base];
        let (a, b) = (&self.topics[a], &self.topics[b]);
        let q = ASKS[ask].templates[template]
            .replace("{A}", &capitalised(a))
            .replace("{a}", a)
            .replace("{b}", b);
        capitalised(&q)
    }
}

/// Generates the corpus `spec` describes.
pub fn generate(spec: &Spec) -> Corpus {
    let mut rng = Rng::new(spec.seed);
    let topics = topics(spec.questions, &mut rng);
    let synthetic = topics.len() - TOPICS.len();
    let mut bases = Bases {
        section_topics: (2.0 * (spec.questions as f64).sqrt()).clamp(1.0, synthetic as f64)
            as usize,
        topics,
        seen: HashSet::new(),
        list: Vec::new(),
    };
    let per_file = spec.per_file.max(1);
    let mut files = Vec::with_capacity(spec.questions.div_ceil(per_file));
    for (f, start) in (0..spec.questions).step_by(per_file).enumerate() {
        let count = per_file.min(spec.questions - start);
        files.push(notes_file(f, count, spec, &mut bases, &mut rng));
    }
    Corpus { files }
}

/// Generates file number `f` with `count` questions.
fn notes_file(f: usize, count: usize, spec: &Spec, bases: &mut Bases, rng: &mut Rng) -> NotesFile {
    const FORMATS: [Format; 3] = [Format::Numbered, Format::Headings, Format::Details];
    let earlier = bases.list.len();
    let mut questions: Vec<Question> = Vec::with_capacity(count);
    let mut section = String::new();
    for i in 0..count {
        let dup = earlier > 0 && rng.below(100) < spec.duplicate_percent;
        let (base, template) = if dup {
            let base = rng.below(earlier);
            let n = ASKS[bases.list[base].ask].templates.len();
            (base, (bases.list[base].template + 1 + rng.below(n - 1)) % n)
        } else {
            let base = bases.fresh(rng);
            (base, bases.list[base].template)
        };
        let Base { a, mut b, .. } = bases.list[base];
        if b == a {
            // One-topic ask: the answer still compares with another topic.
            b = rng.below(TOPICS.len());
        }
        if i % 10 == 0 {
            section = bases.section(a);
        }
        let library = &bases.topics[TOPICS.len() + rng.below(bases.topics.len() - TOPICS.len())];
        let subject = answer::Subject {
            a: &bases.topics[a],
            b: &bases.topics[b],
            library: library.trim_start_matches("the "),
        };
        let code = rng.below(100) < spec.code_percent;
        questions.push(Question {
            text: bases.text(base, template),
            answer: answer::answer(&subject, code, rng),
            section: section.clone(),
            base,
        });
    }
    NotesFile {
        stem: format!("notes-{f:05}"),
        title: format!("Python interview notes, part {}", f + 1),
        format: FORMATS[f % FORMATS.len()],
        questions,
    }
}

/// Writes `corpus` as a docgen project under `root`: `content/*.md` and
/// the bundled concept catalog (`content/concepts.yaml`). Returns the
/// bytes of notes written.
pub fn write_docgen(corpus: &Corpus, root: &Path) -> usize {
    notes::write_project(corpus, root)
}

/// Writes a docgen project of `n` questions from `seed` (default shape)
/// under `root`.
pub fn write_project(root: &Path, n: usize, seed: u64) {
    write_docgen(&generate(&Spec::new(n, seed)), root);
}
