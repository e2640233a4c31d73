//! Stage 3, **dedup**: questions that ask the same thing, within and across
//! sources, are grouped into [`Cluster`]s; each cluster becomes one handbook
//! entry that keeps every variant and every answer.
//!
//! Merging two different questions loses a question, which is worse than
//! missing a merge, so every choice below favours precision.
//!
//! # Method
//!
//! Standard information-retrieval steps, then a decision that respects
//! what a question asks (its *intent*) as well as what it is about (its
//! *topic terms*).
//!
//! 1. **Normalisation** (`normalize`): HTML tags and link targets removed,
//!    lower case, emphasis and punctuation as separators. Code stays code:
//!    backtick spans and identifier-shaped words (`__init__`, `.pyc`,
//!    `sys.modules`, `id()`, `C++`) are single tokens, never stemmed.
//!    Hyphenated words are joined after a bound prefix ("multi-threading" →
//!    "multithreading") and split otherwise; `I/O` → "io". A question is
//!    split into clauses (sub-questions) at `?`, `!`, `;`, sentence ends and
//!    "and/or/but" + question word ("What is X *and where* is it stored?").
//!    A Korean particle written onto a word of another script ("GIL이란",
//!    "TCP와") is no term: the word alone is.
//! 2. **Stemming**: prose words go through the English Snowball stemmer
//!    (M. F. Porter, "Snowball: A language for stemming algorithms", 2001;
//!    crate `rust-stemmers`), except that an agent noun in "-ator" keeps its
//!    suffix: an iterator is not an iterable, an allocator not allocation.
//! 3. **Compound joining**: two adjacent words whose concatenation is a
//!    word elsewhere in the collection become that word ("memory views" →
//!    "memoryview", "deep copy" → "deepcopy").
//! 4. **Phrase folding**, longest match first on stems: each alias group of
//!    [`DedupOptions::aliases`] becomes one concept term. The built-in
//!    groups hold general software vocabulary only (clipped forms and
//!    acronyms such as apps, perf, config, DB, GC, DI, OS). What belongs
//!    to one handbook is learned from its notes: acronyms defined as
//!    "Long Form (LF)" or "LF (Long Form)" in a question or an answer (a
//!    simplified A. Schwartz & M. Hearst, "A simple algorithm for
//!    identifying abbreviation definitions in biomedical text", PSB 2003:
//!    the letters must be the initials of the words), and acronyms of
//!    three to six capitals one question uses whose words another
//!    question spells out ("the GIL" / "the global interpreter lock").
//!    General words for "code" ("the language", "a program", "source
//!    code") and qualifiers ("internally", "under the hood", "in simple
//!    terms", "in production") are dropped. Derived "-able"/"-ible" stems
//!    meet their base when the collection has it ("scalable" → "scale"),
//!    and in a clause holding such a base a verb of making ("*design*
//!    scalable apps") weighs 0.3: the ask is to scale apps. A question
//!    that asks what a predicate means ("What does it mean *for a
//!    system* to be scalable?", "… to serialize *an object*?", Russian
//!    "Что значит *для системы* быть …") weighs the predicate's arguments
//!    0.2: it asks what scalability or serialization is. "Everything"
//!    and "all values" are one term.
//!    A question written "Label: question" or "Label - question" is read
//!    as the question about its label.
//! 5. **Intent** (`intent`): each clause is classified by its head and a
//!    few cue words into define / explain / handle / mechanism / implement
//!    / purpose / example / how-to / imperative / compare / when / why /
//!    where / effect / yes-no / pros-cons / kinds / pitfalls, in the
//!    spirit of question-type taxonomies (X. Li & D. Roth, "Learning
//!    Question Classifiers", COLING 2002), over general English frames
//!    ("In which situations would you prefer X over Y?" asks when; "What
//!    problem does X solve?" asks why; "Walk through the internals of X"
//!    asks for the mechanism; "What can go wrong with X?" asks for
//!    pitfalls). A question in Chinese, Japanese, Korean or Russian that
//!    no English frame reads takes its intent from its cue words
//!    (`intent::cue_intent`: "区别" and "отличается" compare, "原理" and
//!    "как работает" ask for the mechanism, "почему" and "왜" for a
//!    reason, "优点" and "недостатки" for pros and cons, …); CJK cue words are then cut out of the topic like the
//!    other frame words. Parenthesised asides ("(with an example)") do not set the
//!    intent. The question's intent is that of its first clause with topic
//!    terms. English stop words, intent words ("what", "difference", "vs",
//!    "affect", "use", "rely", …) and the words that only phrase a frame
//!    ("*common* pitfalls", "the *right way* to use", "a *better choice*
//!    than") are then removed; the rest are the **topic terms**. Words in
//!    capitals stay ("WHERE vs HAVING"), and so do numbers ("PEP 8").
//! 6. **Weighting**: topic term weight = IDF × factor. IDF is BM25's,
//!    smoothed with 100 prior documents, over the question collection:
//!    `ln(1 + (N + 100) / (df + 0.5))` (S. Robertson & H. Zaragoza, "The
//!    Probabilistic Relevance Framework: BM25 and Beyond", 2009). Factor 1
//!    in the first clause, 0.1 in later sub-questions, × 0.5 inside
//!    parentheses, × 0.3 in a trailing context phrase ("… *in Python*",
//!    "… *under load*"; a phrase opened by a subject word ends with it,
//!    so "all values *in Python* objects" asks about objects) and for a word the notes use as a one-word context
//!    in at least two questions ("… in SQL"), wherever it stands ("SQL
//!    views"), × 0.2 for a type noun right after code ("the
//!    `__pycache__` *folder*"), × 0.3 for a file kind (`app.py` → `.py`),
//!    and × 0.1 for the handbook's **subject words**: words in at least 8 %
//!    of its questions ("python" in Python notes, "sql" in SQL notes) and
//!    the machinery nouns right after them ("the Python *interpreter*").
//!    Subject words are found by document frequency, never listed.
//! 7. **Decision**: two questions may merge only if their intents are
//!    compatible (`Intent::compatible`: equal, or one of define~explain,
//!    define~handle, define~purpose, define~imperative, explain~handle,
//!    explain~purpose, handle~mechanism, handle~how-to,
//!    mechanism~implement, purpose~why, example~how-to,
//!    example~imperative, how-to~imperative) **and** their score
//!    `min(1, J + 0.1·A)` reaches [`DedupOptions::threshold`] (default
//!    [`DEFAULT_THRESHOLD`] = 0.8). `J` is the weighted Jaccard (Ružička)
//!    similarity `Σ min(wa, wb) / Σ max(wa, wb)` of the topic terms (see S.
//!    Ioffe, "Improved Consistent Sampling, Weighted Minhash and L1
//!    Sketching", ICDM 2010); `A` is the IDF-weighted cosine of the two
//!    answers, 0 when either answer is missing. With 0.8, one extra
//!    specific term in the main clause blocks a merge ("Rate limiter?" /
//!    "API rate limiting?": J ≈ 0.65; "What is a decorator?" / "What is a
//!    class decorator?": J ≈ 0.5), while an extra sub-question does not
//!    ("What is bytecode and where is it stored?" / "What are bytecodes?":
//!    J ≈ 0.9). Answers are also evidence on their own: two questions
//!    that share their subject (J ≥ 0.5) and whose answers make the same
//!    points (A ≥ 0.75, each answer with at least 8 distinct terms) merge
//!    whatever their wording and frame, since an author who files one
//!    answer under two phrasings asks one question twice.
//!    Neither way merges two questions that relate the same words in
//!    different directions: at the primary clause's first "to", "into",
//!    "from" (Russian "в", "к", "из", "от") with a topic term on each
//!    side, both point the same way at different terms, each a topic term
//!    of both ("convert a list to a string" / "a string to a list").
//!    A comparison has no direction ("X compared to Y" is "Y compared
//!    to X").
//! 8. **Candidates and clustering** (`blocking`, `linkage`): questions that
//!    normalise identically are one unit (so 10,000 copies cost one
//!    comparison). Candidate pairs of units come from weighted prefix
//!    filtering over an inverted index (S. Chaudhuri, V. Ganti & R.
//!    Kaushik, ICDE 2006; R. Bayardo, Y. Ma & R. Srikant, "Scaling Up All
//!    Pairs Similarity Search", WWW 2007): only each unit's rarest terms
//!    are indexed and probed, which provably finds every pair above the
//!    candidate threshold; posting lists of very common terms are probed
//!    through a window of their 400 newest units. Pairs are joined best
//!    first under **complete linkage** (every pair inside a cluster must
//!    be mergeable; C. Manning, P. Raghavan & H. Schütze, *Introduction to
//!    Information Retrieval*, ch. 17), so two different questions never
//!    chain through a third. Forced merges are applied first and splits
//!    are enforced in every linkage test: overrides win over scores.
//!    Different exercises are kept apart as a split keeps its pair:
//!    questions of one source worded alike whose answers open with
//!    different code ("What does this print?" over two snippets; see
//!    `exercise_pairs`), unless a merge override names them.
//! 9. **Title and answers**: the canonical member is the clearest complete
//!    phrasing — a full question rather than a terse noun phrase, one
//!    sub-question, acronyms spelt out, no qualifiers, around eight words
//!    (ties: earliest entry). [`rank_answers`] orders answers by
//!    completeness.
//!
//! Pairs with topic similarity ≥ [`NEAR_MISS_FLOOR`] that did not merge are
//! reported as [`Clustering::near_misses`] with the reason (different asks,
//! below threshold, complete linkage, split, different exercises), for
//! cross-links and audits.
//!
//! Time and memory are linear in the input for ordinary collections (the
//! `dedup` benchmark clusters 100,000 questions in a few seconds). All
//! output orders are by index or by score then index, so results never
//! depend on hash order. The per-entry work (question analysis, answer
//! terms) and candidate scoring run in parallel (rayon) over consecutive
//! runs of entries or units whose results are joined in input order, so
//! results never depend on the number of threads either. A candidate
//! pair's answer cosine is computed only when the pair could merge or be
//! a near miss.

mod analyze;
mod blocking;
pub mod intent;
mod lexicon;
mod linkage;
mod model;
mod normalize;
mod rank;
mod score;

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;
use std::str::FromStr;

use crate::config::DedupConfig;
use crate::extract::Entry;
use analyze::{Analysis, Analyzer, Stems, par_chunks};
use linkage::{LinkageInput, complete_linkage};
use model::{Assembly, Model, ModelInput, score_candidates};
pub use normalize::cjk_content_pieces;
pub(crate) use normalize::without_attached_particle;
use score::Scorer;

/// Default [`DedupOptions::threshold`]: the pair score (weighted Jaccard
/// of topic terms plus weak answer evidence, in [0, 1]) at or above which
/// two questions with compatible intents are the same question.
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// Qualifier phrases that do not change what is asked ("under the hood",
/// "at runtime"), lower case. Shared with concept discovery.
pub fn qualifier_phrases() -> &'static [&'static str] {
    lexicon::QUALIFIER_PHRASES
}

/// The words dedup never counts as a question's topic: English function
/// words, intent words ("explain", "difference") and the subject every
/// question shares ("python", "code"), qualifiers ("internally") and
/// imperative verbs ("create", "reduce"). Shared with concept discovery.
pub fn lexicon_words() -> Vec<&'static str> {
    lexicon::STOP_WORDS
        .iter()
        .chain(lexicon::INTENT_WORDS)
        .chain(
            lexicon::GENERIC_PHRASES
                .iter()
                .filter(|p| !p.contains([' ', '.'])),
        )
        .chain(
            lexicon::QUALIFIER_PHRASES
                .iter()
                .filter(|p| !p.contains(' ')),
        )
        .chain(lexicon::IMPERATIVE_VERBS)
        .copied()
        .collect()
}

/// Pairs with a topic similarity at or above this value that were not
/// merged are reported in [`Clustering::near_misses`] (for cross-links).
pub const NEAR_MISS_FLOOR: f64 = 0.5;

/// At most this many near misses are reported per question.
pub const MAX_NEAR_MISSES_PER_QUESTION: usize = 3;

/// Tuning and author overrides for clustering.
#[derive(Debug, Clone, PartialEq)]
pub struct DedupOptions {
    /// Minimum pair score in (0, 1] for two questions to merge
    /// (default [`DEFAULT_THRESHOLD`]). Higher merges less.
    pub threshold: f64,
    /// Pairs of questions that must be in one cluster, whatever their
    /// score (their clusters are joined).
    pub merge: Vec<(QuestionRef, QuestionRef)>,
    /// Pairs of questions that must not be in one cluster.
    pub split: Vec<(QuestionRef, QuestionRef)>,
    /// Alias groups: each inner list holds phrasings of one concept
    /// (e.g. `["GIL", "Global Interpreter Lock"]`), matched after
    /// stemming, longest phrase first. [`Default`] fills in
    /// [`DedupOptions::default_aliases`]; add groups to extend it.
    pub aliases: Vec<Vec<String>>,
}

impl DedupOptions {
    /// The built-in alias list: general software vocabulary with its
    /// clipped forms and acronyms (threading, garbage collection, OS,
    /// OOP, DI, API, apps, perf, config, repo, DB, env, args, async, …);
    /// nothing particular to one language or stack.
    pub fn default_aliases() -> Vec<Vec<String>> {
        lexicon::DEFAULT_ALIASES
            .iter()
            .map(|g| g.iter().map(|p| p.to_string()).collect())
            .collect()
    }
}

impl DedupOptions {
    /// The options the `dedup:` section of `docgen.yaml` asks for, the
    /// built-in aliases included; `path` is the configuration file, for
    /// errors.
    ///
    /// Errors: [`crate::Error::Config`] naming a malformed `file:line` or a
    /// threshold outside (0, 1].
    pub fn from_config(config: &DedupConfig, path: &Path) -> crate::Result<DedupOptions> {
        let config_error = |message: String| crate::Error::Config {
            path: path.to_path_buf(),
            message,
        };
        let mut opts = DedupOptions::default();
        if let Some(t) = config.threshold {
            opts.threshold = valid_threshold(t).map_err(|e| config_error(e.to_string()))?;
        }
        let pairs = |list: &[[String; 2]]| -> crate::Result<Vec<_>> {
            list.iter()
                .map(|[a, b]| {
                    let parse = |s: &String| {
                        s.parse()
                            .map_err(|e: ParseQuestionRefError| config_error(e.to_string()))
                    };
                    Ok((parse(a)?, parse(b)?))
                })
                .collect()
        };
        opts.merge = pairs(&config.merge)?;
        opts.split = pairs(&config.split)?;
        Ok(opts)
    }
}

/// `threshold` when it is in (0, 1]: the one check of the merge
/// threshold, for `docgen.yaml` ([`DedupOptions::from_config`]) and for
/// callers building options in code ([`cluster`]).
///
/// Errors: [`DedupError::InvalidThreshold`] otherwise (NaN included).
pub fn valid_threshold(threshold: f64) -> Result<f64, DedupError> {
    if threshold > 0.0 && threshold <= 1.0 {
        Ok(threshold)
    } else {
        Err(DedupError::InvalidThreshold(threshold))
    }
}

impl Default for DedupOptions {
    fn default() -> Self {
        DedupOptions {
            threshold: DEFAULT_THRESHOLD,
            merge: Vec::new(),
            split: Vec::new(),
            aliases: Self::default_aliases(),
        }
    }
}

/// A question named by its source file and 1-based line, written
/// `"file:line"` (e.g. `"003_03a2a9384503ddaa.txt:44"`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QuestionRef {
    /// The source's name under `content/` ([`Entry::source`]).
    pub source: String,
    /// 1-based line of the question ([`Entry::line`]).
    pub line: usize,
}

impl fmt::Display for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.line)
    }
}

/// Why a `"file:line"` string is not a [`QuestionRef`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "invalid question reference `{input}`: {reason} (expected `file:line`, e.g. `notes.md:12`)"
)]
pub struct ParseQuestionRefError {
    /// The string that failed to parse.
    pub input: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl FromStr for QuestionRef {
    type Err = ParseQuestionRefError;

    /// Parses `"file:line"`; the line is after the last `:` and must be a
    /// positive integer.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |reason| ParseQuestionRefError {
            input: s.to_string(),
            reason,
        };
        let (source, line) = s.trim().rsplit_once(':').ok_or_else(|| err("no `:`"))?;
        if source.is_empty() {
            return Err(err("empty file name"));
        }
        let line: usize = line.parse().map_err(|_| err("line is not a number"))?;
        if line == 0 {
            return Err(err("lines are numbered from 1"));
        }
        Ok(QuestionRef {
            source: source.to_string(),
            line,
        })
    }
}

/// Why clustering could not run.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DedupError {
    /// A merge or split override names a question that is not among the
    /// entries.
    #[error("dedup override names question {0}, which does not exist")]
    UnknownQuestion(QuestionRef),
    /// Split overrides separate two questions that merge overrides join.
    #[error("dedup overrides conflict: {a} and {b} are both merged and split")]
    ConflictingOverrides {
        /// One side of the split.
        a: QuestionRef,
        /// The other side.
        b: QuestionRef,
    },
    /// The threshold is not in (0, 1].
    #[error("dedup.threshold must be in (0, 1], not {0}")]
    InvalidThreshold(f64),
}

/// A scored pair of entries.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredPair {
    /// Index into the entry slice (the smaller of the two).
    pub a: usize,
    /// Index into the entry slice (the larger of the two).
    pub b: usize,
    /// Pair score in [0, 1] (see the module docs).
    pub score: f64,
    /// Human-readable evidence: intents, shared terms, why (not) merged.
    pub reason: String,
}

/// A group of entries that ask the same question.
#[derive(Debug, Clone, PartialEq)]
pub struct Cluster {
    /// Indices into the entry slice given to [`cluster`], ascending.
    pub members: Vec<usize>,
    /// The member whose phrasing is the entry's title (one of `members`).
    pub canonical: usize,
    /// The pairs whose merges built this cluster (a spanning tree over
    /// the members), ordered by `(a, b)`; empty for a singleton.
    pub evidence: Vec<ScoredPair>,
}

/// The result of clustering.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clustering {
    /// Every input entry is in exactly one cluster; clusters are ordered by
    /// their first member.
    pub clusters: Vec<Cluster>,
    /// Similar pairs in different clusters (related questions worth a
    /// cross-link), ordered by `(a, b)`.
    pub near_misses: Vec<ScoredPair>,
    /// Entries whose question is empty or whitespace: each is left out of
    /// matching and kept alone in its own cluster. Callers should warn.
    pub skipped: Vec<usize>,
}

impl Clustering {
    /// The cluster index of every entry (`result[entry] = cluster`), for
    /// `n` entries.
    pub fn assignment(&self, n: usize) -> Vec<usize> {
        let mut out = vec![usize::MAX; n];
        for (c, cl) in self.clusters.iter().enumerate() {
            for &m in &cl.members {
                if m < n {
                    out[m] = c;
                }
            }
        }
        out
    }
}

/// Groups `entries` into clusters of equivalent questions.
///
/// Every entry ends up in exactly one [`Cluster`]; blank questions are
/// listed in [`Clustering::skipped`] and kept as singletons. The result
/// is deterministic (independent of hash order) and takes linear time and
/// memory for ordinary collections; see the module docs for the method.
///
/// Errors: [`DedupError::InvalidThreshold`] unless `0 < threshold ≤ 1`;
/// [`DedupError::UnknownQuestion`] when a merge or split override names a
/// question that is not in `entries`; [`DedupError::ConflictingOverrides`]
/// when a split separates questions that merges join.
pub fn cluster(entries: &[Entry], opts: &DedupOptions) -> Result<Clustering, DedupError> {
    valid_threshold(opts.threshold)?;
    let mut overrides = resolve_overrides(entries, opts)?;
    let skipped: Vec<bool> = entries
        .iter()
        .map(|e| e.question.trim().is_empty())
        .collect();
    overrides.add_exercises(entries, &skipped);
    let questions = entries
        .iter()
        .zip(&skipped)
        .filter(|(_, s)| !**s)
        .map(|(e, _)| e.question.as_str());
    let answers: Vec<&str> = entries
        .iter()
        .zip(&skipped)
        .filter(|(e, s)| !**s && e.answer.contains('('))
        .map(|(e, _)| e.answer.as_str())
        .collect();
    let analyzer = Analyzer::new(&opts.aliases, questions, &answers);
    let analyses = analyze_all(&analyzer, entries, &skipped);
    let model = Model::build(&ModelInput {
        entries,
        analyses: &analyses,
        skipped: &skipped,
        overrides: &overrides,
        analyzer: &analyzer,
    });
    let scorer = Scorer {
        units: &model.units,
        answer_idf: &model.answer_idf,
    };
    let (edges, near) = score_candidates(&model, &scorer, opts.threshold);
    let forced: Vec<(usize, usize)> = overrides
        .merge
        .iter()
        .map(|&(a, b)| (model.unit_of[a], model.unit_of[b]))
        .collect();
    let unit_pair = |&(a, b): &(usize, usize)| {
        let (u, v) = (model.unit_of[a], model.unit_of[b]);
        (u.min(v), u.max(v))
    };
    let exercises: HashSet<(usize, usize)> = overrides.exercises.iter().map(unit_pair).collect();
    let split: HashSet<(usize, usize)> = overrides
        .split
        .iter()
        .map(unit_pair)
        .chain(exercises.iter().copied())
        .collect();
    let input = LinkageInput {
        scorer: &scorer,
        threshold: opts.threshold,
        edges,
        forced: &forced,
        split: &split,
    };
    let linked = complete_linkage(model.units.len(), input).map_err(|(u, v)| {
        let name = |u: usize| question_ref(&entries[model.units[u].members[0]]);
        DedupError::ConflictingOverrides {
            a: name(u),
            b: name(v),
        }
    })?;
    let assembly = Assembly {
        entries,
        analyses: &analyses,
        model: &model,
        threshold: opts.threshold,
    };
    Ok(assembly.finish(&linked, near, &skipped, &split, &exercises))
}

/// The analysis of every entry, in entry order (a default one for the
/// `skipped` entries), computed in parallel.
fn analyze_all(analyzer: &Analyzer, entries: &[Entry], skipped: &[bool]) -> Vec<Analysis> {
    let chunks = par_chunks(entries.len(), |range| {
        let mut stems = Stems::default();
        range
            .map(|i| {
                if skipped[i] {
                    Analysis::default()
                } else {
                    analyzer.analyze(&entries[i].question, &mut stems)
                }
            })
            .collect::<Vec<_>>()
    });
    chunks.into_iter().flatten().collect()
}

/// Answered members of a cluster, most complete answer first.
///
/// `members` are indices into `entries`. Completeness is the answer's
/// word count plus credit for structure (10 per fenced code block, 3 per
/// list item, heading or table row); ties keep the lower index first.
/// Unanswered members are left out.
pub fn rank_answers(entries: &[Entry], members: &[usize]) -> Vec<usize> {
    let mut scored: Vec<(usize, usize)> = members
        .iter()
        .filter(|&&m| entries.get(m).is_some_and(Entry::answered))
        .map(|&m| (rank::answer_completeness(&entries[m].answer), m))
        .collect();
    scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
    scored.dedup_by_key(|s| s.1);
    scored.into_iter().map(|(_, m)| m).collect()
}

fn question_ref(e: &Entry) -> QuestionRef {
    QuestionRef {
        source: e.source.clone(),
        line: e.line,
    }
}

/// Overrides resolved to entry indices.
struct Overrides {
    merge: Vec<(usize, usize)>,
    split: Vec<(usize, usize)>,
    /// Pairs of different exercises ([`exercise_pairs`]), kept apart as a
    /// split keeps its pair.
    exercises: Vec<(usize, usize)>,
    /// Entries named by a split or an exercise pair: they never share a
    /// unit.
    split_entries: HashSet<usize>,
}

impl Overrides {
    /// Adds the [`exercise_pairs`] of `entries`, leaving out the entries a
    /// merge override names: the author's merge wins.
    fn add_exercises(&mut self, entries: &[Entry], skipped: &[bool]) {
        let merged: HashSet<usize> = self.merge.iter().flat_map(|&(a, b)| [a, b]).collect();
        let pairs = exercise_pairs(entries, |i| skipped[i] || merged.contains(&i));
        self.split_entries
            .extend(pairs.iter().flat_map(|&(a, b)| [a, b]));
        self.exercises = pairs;
    }
}

/// Pairs of different exercises: entries of one source that word the same
/// question (case and spacing aside) over different code. An exercise's
/// answer opens with its code, the question's stimulus ("What does this
/// print?" over a snippet, then the options and the answer); the same
/// wording over other code is another exercise, not the question asked
/// twice. Entries for which `left_out` holds are not paired. Returns entry
/// index pairs `(a, b)` with `a < b`, in ascending order.
fn exercise_pairs(entries: &[Entry], left_out: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    let mut groups: std::collections::BTreeMap<(&str, String), Vec<(usize, &str)>> =
        std::collections::BTreeMap::new();
    for (i, e) in entries.iter().enumerate() {
        if left_out(i) {
            continue;
        }
        if let Some(code) = opening_code(&e.answer) {
            groups
                .entry((e.source.as_str(), folded_text(&e.question)))
                .or_default()
                .push((i, code.trim()));
        }
    }
    let mut out = Vec::new();
    for members in groups.values() {
        for (x, &(a, code_a)) in members.iter().enumerate() {
            out.extend(
                members[x + 1..]
                    .iter()
                    .filter(|(_, code_b)| *code_b != code_a)
                    .map(|&(b, _)| (a, b)),
            );
        }
    }
    out.sort_unstable();
    out
}

/// `text` in lower case, its runs of white space as one space: two
/// questions worded alike fold to the same string.
pub(crate) fn folded_text(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The text of the fenced code block (CommonMark: a line of three or more
/// backticks or tildes, indented at most three spaces) that `markdown`
/// opens with, blank lines aside; to its closing fence, or to the end
/// when it has none. `None` when the first line with text is not a fence.
fn opening_code(markdown: &str) -> Option<&str> {
    let start = markdown.len() - markdown.trim_start_matches(['\n', '\r', ' ', '\t']).len();
    let start = markdown[..start].rfind('\n').map_or(0, |n| n + 1);
    let rest = &markdown[start..];
    let (first, body) = rest.split_once('\n').unwrap_or((rest, ""));
    let indent = first.len() - first.trim_start_matches(' ').len();
    let fence = first.trim_start_matches(' ');
    let mark = fence.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = fence.chars().take_while(|&c| c == mark).count();
    if indent > 3 || len < 3 {
        return None;
    }
    let mut at = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        if t.len() >= len && t.chars().all(|c| c == mark) {
            return Some(&body[..at]);
        }
        at += line.len();
    }
    Some(body)
}

/// Resolves override references to the first entry at that source line.
fn resolve_overrides(entries: &[Entry], opts: &DedupOptions) -> Result<Overrides, DedupError> {
    let mut at: HashMap<(&str, usize), usize> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        at.entry((e.source.as_str(), e.line)).or_insert(i);
    }
    let find = |r: &QuestionRef| {
        at.get(&(r.source.as_str(), r.line))
            .copied()
            .ok_or_else(|| DedupError::UnknownQuestion(r.clone()))
    };
    let resolve = |pairs: &[(QuestionRef, QuestionRef)]| {
        pairs
            .iter()
            .map(|(a, b)| Ok((find(a)?, find(b)?)))
            .collect::<Result<Vec<_>, DedupError>>()
    };
    let merge = resolve(&opts.merge)?;
    let split = resolve(&opts.split)?;
    if let Some(&(a, _)) = split.iter().find(|(a, b)| a == b) {
        let r = question_ref(&entries[a]);
        return Err(DedupError::ConflictingOverrides { a: r.clone(), b: r });
    }
    let split_entries = split.iter().flat_map(|&(a, b)| [a, b]).collect();
    Ok(Overrides {
        merge,
        split,
        exercises: Vec::new(),
        split_entries,
    })
}

#[cfg(test)]
mod tests;
