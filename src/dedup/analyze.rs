//! From question text to an intent and a set of weighted topic terms.
//!
//! Pass 1 over the collection learns two things from the questions
//! themselves: the single-word vocabulary (so "memory views" can be read
//! as the word "memoryview" that another question uses) and acronym
//! definitions written as "Long Form (LF)". Pass 2 analyses each question:
//! tokens → stems → compound joining → phrase folding (aliases, generic
//! words, qualifiers) → intent per clause → topic terms with factors.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use rayon::prelude::*;

use crate::text::stem::{self, Algorithm, Snowball};

use super::intent::{Classified, Intent, classify, cue_intent, frame_filler, with_cue};
use super::lexicon::{
    GENERIC_PHRASES, INTENT_WORDS, QUALIFIER_PHRASES, RUSSIAN_FRAME_WORDS, STOP_WORDS, TYPE_NOUNS,
};
use super::normalize::{Sink, Token, TokenRef, clauses, is_caps, scan};

/// Weight factor of terms outside the question's first (primary) clause:
/// "What is X **and where is it stored**?" still asks about X.
pub(crate) const SECONDARY_FACTOR: f32 = 0.1;
/// Weight factor of parenthesised terms ("interning (strings & integers)").
pub(crate) const PAREN_FACTOR: f32 = 0.5;
/// Weight factor of a type noun right after code ("the `__pycache__` folder").
pub(crate) const TYPE_NOUN_FACTOR: f32 = 0.2;
/// Weight factor of a trailing context phrase ("… in Python", "… under
/// load", "… inside a container"): where the question is asked, not
/// what about ([`CONTEXT_PREPOSITIONS`]).
pub(crate) const CONTEXT_FACTOR: f32 = 0.3;
/// Prepositions that open a trailing context phrase of at most
/// [`CONTEXT_MAX_TERMS`] terms.
const CONTEXT_PREPOSITIONS: &[&str] = &["in", "under", "inside", "within", "в", "во"];

/// Prepositions that point from what comes before them to what follows
/// ("convert a list *to* a string", "merge A *into* B", Russian
/// "преобразовать список *в* строку").
const TOWARD: &[&str] = &["to", "into", "onto", "в", "во", "к", "ко"];
/// Prepositions that point back, from what follows them to what comes
/// before ("call the parent's function *from* a child", "*из* строки").
const FROM: &[&str] = &["from", "из", "изо", "от"];
/// See [`CONTEXT_PREPOSITIONS`].
const CONTEXT_MAX_TERMS: usize = 3;
/// Questions that must use a word as their one-word context ("… in SQL")
/// before it weighs as context everywhere.
const CONTEXT_MIN_USES: usize = 2;
/// Weight factor of the collection's subject words ([`SUBJECT_SHARE`]).
pub(crate) const SUBJECT_FACTOR: f32 = 0.1;
/// A word in at least this share of a collection's questions (and in at
/// least [`SUBJECT_MIN_DF`]) names the subject of the whole handbook
/// ("python" in Python notes, "sql" in SQL notes), not of one question.
pub(crate) const SUBJECT_SHARE: f64 = 0.08;
/// See [`SUBJECT_SHARE`].
pub(crate) const SUBJECT_MIN_DF: usize = 8;
/// Nouns that, after a subject word, name the subject's machinery ("the
/// Python *interpreter*", "a JavaScript *file*", "the SQL *engine*"): they
/// weigh as the subject word does.
const ARTIFACT_NOUNS: &[&str] = &[
    "code",
    "compiler",
    "engine",
    "environment",
    "file",
    "files",
    "interpreter",
    "program",
    "programs",
    "runtime",
    "script",
    "scripts",
    "shell",
];
/// Weight factor of a file kind (`app.py` → `.py`): it says what kind of
/// file, which rarely is what a question asks about.
pub(crate) const FILE_KIND_FACTOR: f32 = 0.3;
/// Stem endings of adjectives derived with "-able"/"-ible" (Snowball
/// leaves "scalable" as "scalabl"): reduced to their base when the base
/// is a word of the collection ("scalabl" → "scale").
const DERIVED_ENDINGS: &[&str] = &["abl", "ibl"];
/// Weight factor of a verb of making ([`MAKING_VERBS`]) in a clause that
/// holds the base of an "-able"/"-ible" adjective.
pub(crate) const MAKING_VERB_FACTOR: f32 = 0.3;

/// Weight factor of the arguments of a predicate whose meaning is asked
/// ("What does it mean for *a system* to be scalable?", "… to serialize
/// *an object*?"): the question asks what being scalable or serializing
/// is, as "What is scalability?" and "What is serialization?" do.
pub(crate) const ARGUMENT_FACTOR: f32 = 0.2;
/// Words that ask for a meaning: "what does it *mean* …", Russian "что
/// *значит* …".
const MEAN_WORDS: &[&str] = &["mean", "means", "значит", "означает"];
/// "for" before the argument that the predicate is said of ("mean *for* a
/// system to be …", "значит *для* системы быть …").
const FOR_WORDS: &[&str] = &["for", "для"];
/// Verbs of being, skipped to reach the predicate ("to *be* scalable").
const BE_WORDS: &[&str] = &["be", "быть"];

/// Which of a clause's `words` are arguments of the predicate whose
/// meaning it asks ([`ARGUMENT_FACTOR`]): after a [`MEAN_WORDS`] word, the
/// words of a [`FOR_WORDS`] phrase up to the predicate, and the words
/// after the predicate up to a context preposition. The predicate is the
/// word after English "to" (and "be"), or a Russian infinitive (ending in
/// "ть", "ться", "ти" or "чь"). All `false` when there is no such frame.
fn predicate_arguments(words: &[&str]) -> Vec<bool> {
    let mut out = vec![false; words.len()];
    let Some(mean) = words.iter().position(|w| MEAN_WORDS.contains(w)) else {
        return out;
    };
    let infinitive = |j: usize| {
        let w = words[j];
        w == "to"
            || (w.chars().count() > 3 && ["ть", "ться", "ти", "чь"].iter().any(|e| w.ends_with(e)))
    };
    let mut i = mean + 1;
    if words.get(i).is_some_and(|w| FOR_WORDS.contains(w)) {
        let Some(end) = (i + 1..words.len()).find(|&j| infinitive(j)) else {
            return out;
        };
        out[i + 1..end].iter_mut().for_each(|a| *a = true);
        i = end;
    }
    if i >= words.len() || !infinitive(i) {
        return out;
    }
    let mut predicate = if words[i] == "to" { i + 1 } else { i };
    while words.get(predicate).is_some_and(|w| BE_WORDS.contains(w)) {
        predicate += 1;
    }
    for j in predicate + 1..words.len() {
        if CONTEXT_PREPOSITIONS.contains(&words[j]) {
            break;
        }
        out[j] = true;
    }
    out
}
/// Verbs of making something ("*design* a scalable service", "*build*
/// maintainable apps"). In a clause that also holds the base of an
/// adjective derived with "-able"/"-ible" ([`DERIVED_ENDINGS`]), the
/// making verb mostly frames the ask: "How do you design scalable apps?"
/// asks how to scale apps, as "Scale apps?" does, so the verb weighs
/// [`MAKING_VERB_FACTOR`]. It still counts a little, so "How do you write
/// testable code?" and "How do you test code?" stay apart. General
/// English, never a domain's words.
const MAKING_VERBS: &[&str] = &[
    "architect",
    "build",
    "construct",
    "create",
    "design",
    "develop",
    "make",
    "structure",
    "write",
];
/// File-name extensions that make a code token stand for "a file of
/// that kind" (`app.py` → `.py`, `index.js` → `.js`).
const FILE_EXTENSIONS: &[&str] = &[
    "c", "cc", "cfg", "cpp", "cs", "css", "csv", "go", "h", "hpp", "html", "ini", "java", "js",
    "json", "jsx", "kt", "md", "php", "py", "pyc", "rb", "rs", "sh", "sql", "swift", "toml", "ts",
    "tsx", "txt", "xml", "yaml", "yml",
];

/// What a phrase folds to.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Fold {
    /// One of the alias concepts (index into `PhraseTable::names`).
    Concept(usize),
    /// Generic subject word: dropped.
    Generic,
    /// Qualifier: dropped, and the question is marked as qualified.
    Qualifier,
}

/// Multi-word phrase table, matched longest-first on stemmed keys.
#[derive(Debug, Default)]
struct PhraseTable {
    by_first: HashMap<String, Vec<(Vec<String>, Fold)>>,
    /// Display name of each concept (its first phrasing).
    names: Vec<String>,
}

impl PhraseTable {
    /// What exactly the phrase `keys` folds to, if it is in the table.
    fn exact(&self, keys: &[String]) -> Option<Fold> {
        self.by_first
            .get(keys.first()?)?
            .iter()
            .find(|(p, _)| p[..] == keys[..])
            .map(|(_, f)| *f)
    }

    fn insert(&mut self, phrase: Vec<String>, fold: Fold) {
        if phrase.is_empty() {
            return;
        }
        let list = self.by_first.entry(phrase[0].clone()).or_default();
        if list.iter().any(|(p, _)| *p == phrase) {
            return;
        }
        list.push((phrase, fold));
        // Longest first; ties keep insertion order (stable sort).
        list.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
    }
}

/// The stemmer of prose words, chosen by script: Snowball Russian for a
/// word with Cyrillic letters ("замыкания" → "замыкан"), Snowball
/// English for the rest (M. F. Porter, "Snowball: A language for stemming
/// algorithms", 2001; crate `rust-stemmers`).
pub(crate) struct Stemmer {
    english: Snowball,
    russian: Snowball,
}

impl Stemmer {
    fn new() -> Stemmer {
        Stemmer {
            english: stem::english(),
            russian: stem::snowball(Algorithm::Russian),
        }
    }

    /// The stem of `word` (lower case). An English agent noun in "-ator"
    /// keeps its suffix (the singular word): an iterator is not iteration
    /// or an iterable, an operator not an operation, though Snowball gives
    /// them one stem.
    pub(crate) fn stem<'a>(&self, word: &'a str) -> std::borrow::Cow<'a, str> {
        if word.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
            self.russian.stem(word)
        } else if word.ends_with("ator") && word.len() > 6 {
            std::borrow::Cow::Borrowed(word)
        } else if let Some(one) = word.strip_suffix("ators").filter(|b| b.len() > 2) {
            std::borrow::Cow::Owned(format!("{one}ator"))
        } else {
            self.english.stem(word)
        }
    }
}

/// Memoised Snowball stems of one worker.
///
/// Stemming is a pure function of the word, and a collection repeats its
/// words many times, so each distinct word is stemmed once per cache. One
/// cache belongs to one thread at a time; parallel callers give each task
/// its own.
#[derive(Debug, Default)]
pub(crate) struct Stems {
    /// Word → its stem.
    map: HashMap<String, String>,
}

impl Stems {
    /// Makes sure the stem of `word` is cached.
    fn ensure(&mut self, stemmer: &Stemmer, word: &str) {
        if !self.map.contains_key(word) {
            let stem = stemmer.stem(word).into_owned();
            self.map.insert(word.to_string(), stem);
        }
    }

    /// The cached stem of `word` (after [`Stems::ensure`]).
    fn cached(&self, word: &str) -> &str {
        &self.map[word]
    }

    /// The stem of `word`, through the cache.
    fn stem(&mut self, stemmer: &Stemmer, word: &str) -> String {
        self.ensure(stemmer, word);
        self.cached(word).to_string()
    }
}

/// Entries per parallel task of [`par_chunks`]: large enough for a task's
/// caches (stems, answer words) to pay off, small enough to balance the
/// work over cores.
pub(crate) const CHUNK: usize = 512;

/// Runs `task` on consecutive ranges of [`CHUNK`] indices covering
/// `0..n`, in parallel (rayon), and returns the tasks' results in range
/// order, so the caller's output does not depend on scheduling.
pub(crate) fn par_chunks<T, F>(n: usize, task: F) -> Vec<T>
where
    T: Send,
    F: Fn(Range<usize>) -> T + Sync,
{
    (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| task(c * CHUNK..n.min((c + 1) * CHUNK)))
        .collect()
}

/// A token with its matching key.
#[derive(Debug, Clone)]
struct Keyed {
    tok: Token,
    key: String,
}

/// The analysis of one question.
#[derive(Debug, Clone, Default)]
pub(crate) struct Analysis {
    /// Intent of the primary clause.
    pub intent: Option<Intent>,
    /// The primary clause is a full question, not a terse noun phrase.
    pub full: bool,
    /// Topic terms with weight factors (before IDF), sorted by term.
    pub terms: Vec<(String, f32)>,
    /// Number of clauses (sub-questions).
    pub clauses: usize,
    /// Multi-word alias phrasings and acronym definitions spelt out.
    pub expansions: usize,
    /// Qualifiers such as "internally" were present.
    pub qualified: bool,
    /// The primary clause's direction (none for a comparison, which is
    /// symmetric): at its first directional
    /// preposition with a topic term on each side ([`TOWARD`], [`FROM`]),
    /// whether it points toward what follows (`true`: "convert a list *to*
    /// a string") or from it (`false`: "call it *from* a child"), and the
    /// first topic term (key) after it: the target or the source. The
    /// term before is not kept: in free word order it may be the verb
    /// ("список преобразовать в строку").
    pub direction: Option<(bool, String)>,
}

/// The analyser: word lists, stemmer, phrase table and learned vocabulary.
pub(crate) struct Analyzer {
    stemmer: Stemmer,
    stop: HashSet<&'static str>,
    intent_words: HashSet<&'static str>,
    type_nouns: HashSet<&'static str>,
    phrases: PhraseTable,
    vocab: HashSet<String>,
    /// Keys of the collection's subject words ([`SUBJECT_SHARE`]).
    subject: HashSet<String>,
    /// Derived stem → its base ([`DERIVED_ENDINGS`]).
    derived: HashMap<String, String>,
    /// The bases of [`Analyzer::derived`] ("scale" for "scalable"), kept
    /// as a set because every clause asks it ([`MAKING_VERBS`]).
    bases: HashSet<String>,
    /// Keys the questions use as a one-word context ("in SQL", "in Go"):
    /// they weigh as a context phrase wherever they stand ("SQL views").
    context: HashSet<String>,
}

/// What pass 1 learns from a run of questions.
struct Learned {
    /// The distinct keys of each question, one after another.
    keys: Vec<String>,
    /// Acronym definitions, as alias groups.
    acronyms: Vec<Vec<String>>,
    /// Keys used as a one-word context ([`Analyzer::context_word`]).
    contexts: Vec<String>,
    /// Words of three to six capital letters: acronyms the questions use
    /// ([`Analyzer::undefined_acronyms`]).
    caps: Vec<String>,
}

impl Analyzer {
    /// Builds an analyser for `questions` with the given alias groups;
    /// `answers` are read only for acronym definitions ("Global
    /// Interpreter Lock (GIL)", "GIL (Global Interpreter Lock)").
    pub(crate) fn new<'q>(
        aliases: &[Vec<String>],
        questions: impl Iterator<Item = &'q str>,
        answers: &[&str],
    ) -> Analyzer {
        let mut stems = Stems::default();
        let mut a = Analyzer {
            stemmer: Stemmer::new(),
            stop: STOP_WORDS
                .iter()
                .chain(RUSSIAN_FRAME_WORDS)
                .copied()
                .collect(),
            intent_words: INTENT_WORDS.iter().copied().collect(),
            type_nouns: TYPE_NOUNS.iter().copied().collect(),
            phrases: PhraseTable::default(),
            vocab: HashSet::new(),
            subject: HashSet::new(),
            derived: HashMap::new(),
            bases: HashSet::new(),
            context: HashSet::new(),
        };
        for p in GENERIC_PHRASES {
            let keys = a.phrase_keys(p, &mut stems);
            a.phrases.insert(keys, Fold::Generic);
        }
        for p in QUALIFIER_PHRASES {
            let keys = a.phrase_keys(p, &mut stems);
            a.phrases.insert(keys, Fold::Qualifier);
        }
        for group in aliases {
            a.add_alias_group(group, &mut stems);
        }
        let questions: Vec<&str> = questions.collect();
        let found = par_chunks(questions.len(), |range| a.learn(&questions[range]));
        let mut learned = Vec::new();
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut contexts: HashMap<String, usize> = HashMap::new();
        let mut caps: HashSet<String> = HashSet::new();
        for found in found {
            caps.extend(found.caps);
            for k in found.keys {
                *df.entry(k).or_default() += 1;
            }
            learned.extend(found.acronyms);
            for c in found.contexts {
                *contexts.entry(c).or_default() += 1;
            }
        }
        a.context = contexts
            .into_iter()
            .filter(|(_, n)| *n >= CONTEXT_MIN_USES)
            .map(|(c, _)| c)
            .collect();
        let defined = par_chunks(answers.len(), |range| {
            answers[range]
                .iter()
                .flat_map(|t| acronyms_in_text(t))
                .collect::<Vec<_>>()
        });
        learned.extend(defined.into_iter().flatten());
        learned.extend(a.undefined_acronyms(&questions, &caps));
        let floor = SUBJECT_MIN_DF.max((SUBJECT_SHARE * questions.len() as f64).ceil() as usize);
        for (k, n) in df {
            if n >= floor {
                a.subject.insert(k.clone());
            }
            if k.chars().all(char::is_alphabetic) {
                a.vocab.insert(k);
            }
        }
        a.derived = derived_bases(&a.vocab);
        a.bases = a.derived.values().cloned().collect();
        learned.sort();
        learned.dedup();
        for group in learned {
            a.add_alias_group(&group, &mut stems);
        }
        a
    }

    /// Acronyms the questions use without defining them ("What is the
    /// GIL?") matched to phrases other questions spell out ("the global
    /// interpreter lock"): three to six capitals, and a run of as many
    /// prose content words, with no content word just before or after
    /// it, whose initials they are. `caps` are the acronyms the questions
    /// use ([`Learned::caps`]). Returns alias groups `[acronym, phrase]`.
    fn undefined_acronyms(&self, questions: &[&str], caps: &HashSet<String>) -> Vec<Vec<String>> {
        if caps.is_empty() {
            return Vec::new();
        }
        let found = par_chunks(questions.len(), |range| {
            let mut out = Vec::new();
            for q in &questions[range] {
                for clause in clauses(q) {
                    let word = |i: usize| {
                        clause.get(i).is_some_and(|t| {
                            !t.caps
                                && self.is_content_word(t)
                                && t.text.chars().all(char::is_alphabetic)
                        })
                    };
                    for start in 0..clause.len() {
                        if start > 0 && word(start - 1) {
                            continue;
                        }
                        for n in 3..=6 {
                            let end = start + n;
                            if end > clause.len() || !(start..end).all(word) {
                                break;
                            }
                            if word(end) {
                                continue;
                            }
                            let initials: String = clause[start..end]
                                .iter()
                                .filter_map(|t| t.text.chars().next())
                                .collect();
                            if caps.contains(&initials) {
                                let phrase: Vec<&str> =
                                    clause[start..end].iter().map(|t| t.text.as_str()).collect();
                                out.push(vec![initials.to_uppercase(), phrase.join(" ")]);
                            }
                        }
                    }
                }
            }
            out
        });
        found.into_iter().flatten().collect()
    }

    /// Display name of a concept term (`@3` → "GIL").
    pub(crate) fn concept_name(&self, term: &str) -> Option<&str> {
        let idx: usize = term.strip_prefix('@')?.parse().ok()?;
        self.phrases.names.get(idx).map(String::as_str)
    }

    /// The matching key of a token: its stem, or for code its text (any
    /// `*.py` file name is `.py`). Stems of prose come from `stems`, which
    /// must already hold the token's word ([`Stems::ensure`]).
    fn cached_key<'t>(&'t self, t: &'t Token, stems: &'t Stems) -> &'t str {
        if t.code {
            return file_kind(&t.text).unwrap_or(&t.text);
        }
        let stem = stems.cached(&t.text);
        self.derived.get(stem).map_or(stem, String::as_str)
    }

    /// The matching key of a token (see [`Analyzer::cached_key`]).
    fn key_of(&self, t: &Token, stems: &mut Stems) -> String {
        if !t.code {
            stems.ensure(&self.stemmer, &t.text);
        }
        self.cached_key(t, stems).to_string()
    }

    fn phrase_keys(&self, phrase: &str, stems: &mut Stems) -> Vec<String> {
        clauses(phrase)
            .iter()
            .flatten()
            .map(|t| self.key_of(t, stems))
            .collect()
    }

    fn add_alias_group(&mut self, group: &[String], stems: &mut Stems) {
        let keyed: Vec<Vec<String>> = group.iter().map(|p| self.phrase_keys(p, stems)).collect();
        // Join a concept some phrasing already belongs to, if any.
        let existing = keyed.iter().find_map(|k| match self.phrases.exact(k) {
            Some(Fold::Concept(c)) => Some(c),
            _ => None,
        });
        let concept = existing.unwrap_or_else(|| {
            self.phrases
                .names
                .push(group.first().cloned().unwrap_or_default());
            self.phrases.names.len() - 1
        });
        for k in keyed {
            self.phrases.insert(k, Fold::Concept(concept));
        }
    }

    /// Whether token `t` is a prose content word: a content text
    /// ([`Analyzer::is_content_text`]), or a word written in capitals
    /// ("WHERE vs HAVING": a keyword or an acronym, even if it spells a
    /// function word).
    fn is_content_word(&self, t: &Token) -> bool {
        !t.code
            && (self.is_content_text(&t.text)
                || (t.caps
                    && t.text.chars().count() >= 2
                    && !self.intent_words.contains(t.text.as_str())))
    }

    /// Whether prose word `w` is a content word: a number, or two
    /// characters or more and neither a stop word nor an intent word.
    fn is_content_text(&self, w: &str) -> bool {
        // A number names a version or a standard ("PEP 8", "HTTP 2").
        let number = !w.is_empty() && w.chars().all(|c| c.is_ascii_digit());
        number
            || (w.chars().count() >= 2 && !self.stop.contains(w) && !self.intent_words.contains(w))
    }

    /// What pass 1 learns from `questions`: the distinct keys of each
    /// question's content words and code (stems of prose, so one key per
    /// question and word: the document frequencies) and their acronym
    /// definitions.
    fn learn(&self, questions: &[&str]) -> Learned {
        let mut stems = Stems::default();
        let (mut keys, mut acronyms, mut contexts) = (Vec::new(), Vec::new(), Vec::new());
        let mut caps = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        for q in questions {
            seen.clear();
            for clause in clauses(q) {
                for t in &clause {
                    if t.caps
                        && !t.code
                        && (3..=6).contains(&t.text.chars().count())
                        && t.text.chars().all(|c| c.is_ascii_alphabetic())
                    {
                        caps.push(t.text.clone());
                    }
                    let key = if t.code {
                        file_kind(&t.text).unwrap_or(&t.text).to_string()
                    } else if self.is_content_word(t) {
                        stems.stem(&self.stemmer, &t.text)
                    } else {
                        continue;
                    };
                    if !seen.contains(&key) {
                        seen.insert(key.clone());
                        keys.push(key);
                    }
                }
                acronyms.extend(learn_acronyms(&clause));
                if let Some(t) = self.context_word(&clause) {
                    contexts.push(if t.code {
                        t.text.clone()
                    } else {
                        stems.stem(&self.stemmer, &t.text)
                    });
                }
            }
        }
        Learned {
            keys,
            acronyms,
            contexts,
            caps,
        }
    }

    /// The one word of a clause's trailing context phrase ("What is a
    /// view *in SQL*?"), if the phrase is a single word after a
    /// [`CONTEXT_PREPOSITIONS`] word that has a content word before it.
    fn context_word<'t>(&self, clause: &'t [Token]) -> Option<&'t Token> {
        let is_term = |t: &Token| t.code || self.is_content_word(t);
        let [.., prep, last] = clause else {
            return None;
        };
        let before = &clause[..clause.len() - 2];
        (!prep.code
            && CONTEXT_PREPOSITIONS.contains(&prep.text.as_str())
            && is_term(last)
            && before.iter().any(is_term))
        .then_some(last)
    }
}

/// Words that open a question: a label before them is its subject.
const QUESTION_OPENERS: &[&str] = &[
    "what", "what's", "whats", "how", "why", "when", "where", "which", "who", "is", "are", "do",
    "does", "can", "could", "should", "would", "explain", "describe",
];

/// "Label: question" and "Label - question" ("SQL views: what are they?",
/// "Cron - what do people use it for?") rewritten as the question followed
/// by its label ("what are they SQL views?"), so the ask is read from the
/// question and the subject from the label. `None` when `question` has no
/// such label: one to six words, no `?` and no comparison ("X vs Y: when
/// would you pick each?" stays a comparison), then a question opener
/// ([`QUESTION_OPENERS`]).
pub(crate) fn relabel(question: &str) -> Option<String> {
    let (cut, sep) = [": ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| question.find(sep).map(|i| (i, sep.len())))
        .min()?;
    let label = question[..cut].trim();
    let rest = question[cut + sep..].trim();
    let words = label.split_whitespace().count();
    let compares = label
        .split_whitespace()
        .any(|w| matches!(w.to_lowercase().as_str(), "vs" | "vs." | "versus"));
    if !(1..=6).contains(&words) || label.contains('?') || compares {
        return None;
    }
    let first = rest.split_whitespace().next()?.to_lowercase();
    if !QUESTION_OPENERS.contains(&first.as_str()) {
        return None;
    }
    let rest = rest.trim_end_matches(['?', '.', '!']);
    Some(format!("{rest} {label}?"))
}

/// The words of `clause` that phrase its ask: all but those in
/// parentheses, which hold asides ("What is X (with an example)?"),
/// unless the clause is all parentheses.
pub(crate) fn ask_words(clause: &[Token]) -> Vec<&str> {
    let outside = clause.iter().any(|t| !t.paren);
    clause
        .iter()
        .filter(|t| !(outside && t.paren))
        .map(|t| t.text.as_str())
        .collect()
}

/// Finds "Long Form (LF)" acronym definitions in a clause: the capitalised
/// parenthesised token whose letters are the initials of the words before
/// it. A simplified form of Schwartz & Hearst, "A simple algorithm for
/// identifying abbreviation definitions in biomedical text" (PSB 2003).
fn learn_acronyms(clause: &[Token]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (i, t) in clause.iter().enumerate() {
        let alone = clause.get(i + 1).is_none_or(|n| !n.paren) && i > 0 && !clause[i - 1].paren;
        let letters: Vec<char> = t.text.chars().collect();
        let shaped = t.paren && t.caps && !t.code && (2..=8).contains(&letters.len());
        if !(shaped && alone && letters.iter().all(|c| c.is_alphabetic())) || i < letters.len() {
            continue;
        }
        let long = &clause[i - letters.len()..i];
        let matches = long
            .iter()
            .zip(&letters)
            .all(|(w, c)| !w.code && !w.paren && w.text.starts_with(*c));
        if matches {
            let phrase: Vec<&str> = long.iter().map(|w| w.text.as_str()).collect();
            out.push(vec![t.text.clone(), phrase.join(" ")]);
        }
    }
    // "LF (Long Form)": the parenthesis holds exactly the initials' words.
    for (i, t) in clause.iter().enumerate() {
        let letters: Vec<char> = t.text.chars().collect();
        let shaped = !t.paren && t.caps && !t.code && (2..=8).contains(&letters.len());
        let end = i + 1 + letters.len();
        if !shaped || !letters.iter().all(|c| c.is_alphabetic()) || end > clause.len() {
            continue;
        }
        let long = &clause[i + 1..end];
        let closed = clause.get(end).is_none_or(|n| !n.paren);
        let matches = closed
            && long
                .iter()
                .zip(&letters)
                .all(|(w, c)| !w.code && w.paren && !w.caps && w.text.starts_with(*c));
        if matches {
            let phrase: Vec<&str> = long.iter().map(|w| w.text.as_str()).collect();
            out.push(vec![t.text.clone(), phrase.join(" ")]);
        }
    }
    out
}

/// Acronym definitions ([`learn_acronyms`]) written in `text` (an
/// answer), read only around its parentheses: the 100 bytes before each
/// `(` and the parenthesis itself, so long answers cost little.
fn acronyms_in_text(text: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(len) = text[open..].find(')').filter(|&l| l <= 80) else {
            continue;
        };
        // Either form needs an acronym (a word `normalize::is_caps`
        // accepts) inside the parenthesis or right before it; most
        // parentheses (calls in code, asides) have none.
        let inside = &text[open + 1..open + len];
        let before = text[..open].split_whitespace().rev().take(2);
        if !inside.split_whitespace().chain(before).any(is_caps) {
            continue;
        }
        let mut start = open.saturating_sub(100);
        while !text.is_char_boundary(start) {
            start += 1;
        }
        let snippet = &text[start..open + len + 1];
        for clause in clauses(snippet) {
            out.extend(learn_acronyms(&clause));
        }
    }
    out
}

/// `.ext` when `code` is a file name with a common source or data
/// extension ([`FILE_EXTENSIONS`]): `app.py` → `.py`.
fn file_kind(code: &str) -> Option<&str> {
    let dot = code.rfind('.')?;
    let ext = &code[dot + 1..];
    let name = &code[..dot];
    let plain = !name.contains(['.', '/', '(']) || name.is_empty();
    (plain && FILE_EXTENSIONS.contains(&ext)).then(|| &code[dot..])
}

/// Derived stems of `vocab` mapped to their base: a stem ending in one
/// of [`DERIVED_ENDINGS`] whose remainder (of three letters or more),
/// or the remainder plus "e", is itself a stem of the vocabulary.
fn derived_bases(vocab: &HashSet<String>) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for stem in vocab {
        for end in DERIVED_ENDINGS {
            let Some(base) = stem.strip_suffix(end) else {
                continue;
            };
            if base.chars().count() < 3 {
                continue;
            }
            let with_e = format!("{base}e");
            if vocab.contains(base) {
                out.insert(stem.clone(), base.to_string());
            } else if vocab.contains(&with_e) {
                out.insert(stem.clone(), with_e);
            }
        }
    }
    out
}

impl Analyzer {
    /// Analyses one question; `stems` is the calling worker's stem cache.
    pub(crate) fn analyze(&self, question: &str, stems: &mut Stems) -> Analysis {
        let mut out = Analysis::default();
        let relabelled = relabel(question);
        let cls = clauses(relabelled.as_deref().unwrap_or(question));
        out.clauses = cls.len();
        out.expansions = cls.iter().map(|c| learn_acronyms(c).len()).sum();
        let mut primary_found = false;
        let mut terms: HashMap<String, f32> = HashMap::new();
        let cue = cue_intent(question);
        for clause in &cls {
            let words = ask_words(clause);
            let class = with_cue(classify(&words), cue);
            if out.intent.is_none() {
                // Provisional: replaced by the first clause with topic terms.
                out.intent = Some(class.intent);
                out.full = class.full;
            }
            let keyed = self.join_compounds(clause, stems);
            let folded = self.fold_phrases(&keyed, &mut out);
            let clause_terms = self.topic_terms(&folded, class);
            if clause_terms.is_empty() {
                continue;
            }
            let factor = if primary_found {
                SECONDARY_FACTOR
            } else {
                primary_found = true;
                out.intent = Some(class.intent);
                out.full = class.full;
                // A comparison is symmetric: "X compared to Y" is "Y
                // compared to X".
                out.direction = (class.intent != Intent::Compare)
                    .then(|| direction(&folded, &clause_terms))
                    .flatten();
                1.0
            };
            for (_, term, f) in clause_terms {
                let w = terms.entry(term).or_insert(0.0);
                *w = w.max(f * factor);
            }
        }
        let mut terms: Vec<(String, f32)> = terms.into_iter().collect();
        terms.sort_by(|a, b| a.0.cmp(&b.0));
        out.terms = terms;
        out
    }

    /// Joins adjacent prose words whose concatenation is a word of the
    /// collection ("memory views" → "memoryview").
    fn join_compounds(&self, clause: &[Token], stems: &mut Stems) -> Vec<Keyed> {
        let mut out: Vec<Keyed> = Vec::with_capacity(clause.len());
        let mut i = 0;
        while i < clause.len() {
            let t = &clause[i];
            if let Some(n) = clause.get(i + 1)
                && self.is_content_word(t)
                && self.is_content_word(n)
            {
                let joined = format!("{}{}", t.text, n.text);
                let key = stems.stem(&self.stemmer, &joined);
                if self.vocab.contains(&key) {
                    let tok = Token {
                        text: joined,
                        paren: t.paren || n.paren,
                        ..t.clone()
                    };
                    out.push(Keyed { tok, key });
                    i += 2;
                    continue;
                }
            }
            out.push(Keyed {
                key: self.key_of(t, stems),
                tok: t.clone(),
            });
            i += 1;
        }
        out
    }
}

/// A token after phrase folding.
#[derive(Debug, Clone)]
enum Folded {
    Word(Keyed),
    Concept { id: usize, paren: bool },
}

impl Analyzer {
    /// Replaces alias phrasings by their concept and drops generic words
    /// and qualifiers (longest match first, left to right).
    fn fold_phrases(&self, keyed: &[Keyed], out: &mut Analysis) -> Vec<Folded> {
        let keys: Vec<String> = keyed.iter().map(|k| k.key.clone()).collect();
        let mut folded = Vec::with_capacity(keyed.len());
        let mut i = 0;
        while i < keyed.len() {
            let hit = self.phrases.by_first.get(&keys[i]).and_then(|cands| {
                cands
                    .iter()
                    .find(|(p, _)| i + p.len() <= keys.len() && keys[i..i + p.len()] == p[..])
            });
            let Some((phrase, fold)) = hit else {
                folded.push(Folded::Word(keyed[i].clone()));
                i += 1;
                continue;
            };
            let span = &keyed[i..i + phrase.len()];
            match fold {
                Fold::Concept(id) => {
                    let content = span.iter().filter(|k| self.is_content_word(&k.tok)).count();
                    if content >= 2 {
                        out.expansions += 1;
                    }
                    folded.push(Folded::Concept {
                        id: *id,
                        paren: span.iter().all(|k| k.tok.paren),
                    });
                }
                Fold::Qualifier => out.qualified = true,
                Fold::Generic => {}
            }
            i += phrase.len();
        }
        folded
    }

    /// Topic terms of one folded clause, with weight factors.
    /// Each term comes with its index in `folded`.
    fn topic_terms(&self, folded: &[Folded], class: Classified) -> Vec<(usize, String, f32)> {
        let mut out = Vec::new();
        let mut prev_code = false;
        let context = self.context_span(folded);
        // A derived adjective's base in the clause ([`MAKING_VERBS`]).
        let making = folded
            .iter()
            .any(|f| matches!(f, Folded::Word(k) if !k.tok.code && self.bases.contains(&k.key)));
        let words: Vec<&str> = folded
            .iter()
            .map(|f| match f {
                Folded::Word(k) if !k.tok.code => k.tok.text.as_str(),
                _ => "",
            })
            .collect();
        let arguments = predicate_arguments(&words);
        for (i, f) in folded.iter().enumerate() {
            let place = if context.contains(&i) {
                CONTEXT_FACTOR
            } else {
                1.0
            };
            match f {
                Folded::Concept { id, paren } => {
                    let factor = if *paren { PAREN_FACTOR } else { 1.0 }
                        * if arguments[i] { ARGUMENT_FACTOR } else { 1.0 };
                    out.push((i, format!("@{id}"), factor * place));
                    prev_code = false;
                }
                Folded::Word(k) => {
                    let t = &k.tok;
                    // "go wrong", "goes wrong": part of a pitfall frame.
                    let wrong_follows = matches!(
                        folded.get(i + 1),
                        Some(Folded::Word(n)) if n.tok.text == "wrong"
                    );
                    let filler = frame_filler(class.intent, &t.text)
                        || (wrong_follows && matches!(t.text.as_str(), "go" | "goes" | "went"));
                    let dropped = if t.code {
                        self.stop.contains(t.text.as_str())
                    } else {
                        !self.is_content_word(t) || filler
                    };
                    if dropped {
                        continue;
                    }
                    let context = place == 1.0 && self.context.contains(&k.key);
                    let mut factor = if t.paren { PAREN_FACTOR } else { 1.0 }
                        * if context { CONTEXT_FACTOR } else { place };
                    if prev_code && self.type_nouns.contains(t.text.as_str()) {
                        factor *= TYPE_NOUN_FACTOR;
                    }
                    let after_subject = i > 0
                        && matches!(&folded[i - 1], Folded::Word(p) if self.subject.contains(&p.key));
                    if self.subject.contains(&k.key)
                        || (after_subject && ARTIFACT_NOUNS.contains(&t.text.as_str()))
                    {
                        factor *= SUBJECT_FACTOR;
                    }
                    if t.code && file_kind(&t.text).is_some() {
                        factor *= FILE_KIND_FACTOR;
                    }
                    if !t.code && making && MAKING_VERBS.contains(&t.text.as_str()) {
                        factor *= MAKING_VERB_FACTOR;
                    }
                    if arguments[i] {
                        factor *= ARGUMENT_FACTOR;
                    }
                    prev_code = t.code;
                    out.push((i, k.key.clone(), factor));
                }
            }
        }
        out
    }

    /// The items of a trailing context phrase of `folded` ("What is a
    /// closure *in Python*?"): after the last [`CONTEXT_PREPOSITIONS`]
    /// word that has a topic term before it and one to
    /// [`CONTEXT_MAX_TERMS`] after it; empty when there is none. When the
    /// preposition's first term is a subject or context word and more
    /// terms follow, the phrase ends with that word: in "Why are all
    /// values *in Python* objects?" (or Russian's free order, "всё *в
    /// Python* является объектом"), "objects" is what is asked about.
    fn context_span(&self, folded: &[Folded]) -> Range<usize> {
        let none = folded.len()..folded.len();
        let is_term = |f: &Folded| match f {
            Folded::Concept { .. } => true,
            Folded::Word(k) => k.tok.code || self.is_content_word(&k.tok),
        };
        let mut after = 0;
        for (i, f) in folded.iter().enumerate().rev() {
            if let Folded::Word(k) = f
                && !k.tok.code
                && CONTEXT_PREPOSITIONS.contains(&k.tok.text.as_str())
            {
                let before = folded[..i].iter().any(is_term);
                if !before || !(1..=CONTEXT_MAX_TERMS).contains(&after) {
                    return none;
                }
                let first = (i + 1..folded.len()).find(|&j| is_term(&folded[j]));
                let end = match first.map(|j| (j, &folded[j])) {
                    Some((j, Folded::Word(k)))
                        if after > 1
                            && !k.tok.code
                            && (self.subject.contains(&k.key) || self.context.contains(&k.key)) =>
                    {
                        j + 1
                    }
                    _ => folded.len(),
                };
                return i + 1..end;
            }
            if is_term(f) {
                after += 1;
                if after > CONTEXT_MAX_TERMS {
                    return none;
                }
            }
        }
        none
    }
}

/// The direction of a clause ([`Analysis::direction`]) from its folded
/// tokens and its topic terms with their indices.
fn direction(folded: &[Folded], terms: &[(usize, String, f32)]) -> Option<(bool, String)> {
    folded.iter().enumerate().find_map(|(i, f)| {
        let Folded::Word(k) = f else {
            return None;
        };
        let word = k.tok.text.as_str();
        let toward = TOWARD.contains(&word);
        if k.tok.code || !(toward || FROM.contains(&word)) {
            return None;
        }
        if !terms.iter().any(|t| t.0 < i) {
            return None;
        }
        let after = terms.iter().find(|t| t.0 > i)?;
        Some((toward, after.1.clone()))
    })
}

/// The answer terms of a run of answers (one parallel task), for weak
/// answer evidence: each answer's distinct stemmed content words and code
/// tokens of two characters or more (a `*.py` file name is `.py`), as
/// term ids interned in first-seen order with each answer's terms taken
/// in sorted order.
///
/// Answers repeat their words, within one answer and across answers, so
/// each distinct word is classified and stemmed once per run, and tokens
/// come from [`scan`] without being copied (profiling showed tokenising
/// and stemming answers as most of the stage).
pub(crate) struct AnswerTerms<'a> {
    analyzer: &'a Analyzer,
    /// Prose word → its slot, `None` when it is no content word.
    prose: rustc_hash::FxHashMap<String, Option<u32>>,
    /// Code token → its slot, `None` when too short.
    code: rustc_hash::FxHashMap<String, Option<u32>>,
    /// The distinct terms met so far, one slot each, in order met.
    slot_of: rustc_hash::FxHashMap<String, u32>,
    /// Per slot: its term, the last answer that had it, its term id.
    slots: Vec<(String, usize, Option<u32>)>,
    /// Slots of the current answer.
    current: Vec<u32>,
    /// Number of answers read so far.
    answers: usize,
    /// The terms, indexed by term id.
    pub names: Vec<String>,
}

impl<'a> AnswerTerms<'a> {
    /// An empty run for `analyzer`'s word lists and stemmer.
    pub(crate) fn new(analyzer: &'a Analyzer) -> AnswerTerms<'a> {
        AnswerTerms {
            analyzer,
            prose: Default::default(),
            code: Default::default(),
            slot_of: Default::default(),
            slots: Vec::new(),
            current: Vec::new(),
            answers: 0,
            names: Vec::new(),
        }
    }

    /// The term ids of `answer` (markdown), in the order of their terms.
    pub(crate) fn answer(&mut self, answer: &str) -> Vec<u32> {
        self.answers += 1;
        scan(answer, self);
        let mut current = std::mem::take(&mut self.current);
        current.sort_unstable_by(|&a, &b| self.slots[a as usize].0.cmp(&self.slots[b as usize].0));
        let ids = current.iter().map(|&s| self.term_id(s)).collect();
        current.clear();
        self.current = current;
        ids
    }

    /// The term id of `slot`, interned now if new.
    fn term_id(&mut self, slot: u32) -> u32 {
        let (term, _, id) = &mut self.slots[slot as usize];
        *id.get_or_insert_with(|| {
            self.names.push(term.clone());
            self.names.len() as u32 - 1
        })
    }

    /// The slot of term `key`, made if new.
    fn slot(&mut self, key: &str) -> u32 {
        if let Some(&slot) = self.slot_of.get(key) {
            return slot;
        }
        let slot = self.slots.len() as u32;
        self.slots.push((key.to_string(), 0, None));
        self.slot_of.insert(key.to_string(), slot);
        slot
    }

    /// The slot of token `tok`, `None` when it is no answer term.
    fn slot_of_token(&mut self, tok: TokenRef<'_>) -> Option<u32> {
        let known = if tok.code { &self.code } else { &self.prose };
        if let Some(&slot) = known.get(tok.text) {
            return slot;
        }
        let slot = if tok.code {
            let key = file_kind(tok.text).unwrap_or(tok.text);
            (tok.text.len() > 1).then(|| self.slot(key))
        } else if self.analyzer.is_content_text(tok.text) {
            let stem = self.analyzer.stemmer.stem(tok.text);
            Some(self.slot(&stem))
        } else {
            None
        };
        let known = if tok.code {
            &mut self.code
        } else {
            &mut self.prose
        };
        known.insert(tok.text.to_string(), slot);
        slot
    }
}

impl Sink for AnswerTerms<'_> {
    fn token(&mut self, tok: TokenRef<'_>, _paren: bool) {
        if let Some(slot) = self.slot_of_token(tok) {
            let last = &mut self.slots[slot as usize].1;
            if *last != self.answers {
                *last = self.answers;
                self.current.push(slot);
            }
        }
    }

    fn end_clause(&mut self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Answer terms as defined: every token of every clause, filtered and
    /// keyed one by one, then sorted and deduplicated.
    fn reference(a: &Analyzer, answer: &str) -> Vec<String> {
        let mut stems = Stems::default();
        let mut terms: Vec<String> = clauses(answer)
            .iter()
            .flatten()
            .filter(|t| {
                if t.code {
                    t.text.len() > 1
                } else {
                    a.is_content_word(t)
                }
            })
            .map(|t| a.key_of(t, &mut stems))
            .collect();
        terms.sort();
        terms.dedup();
        terms
    }

    #[test]
    fn answer_terms_are_the_keys_of_the_answer_tokens() {
        let a = Analyzer::new(&[], ["What is a closure?"].into_iter(), &[]);
        let answers = [
            "A **closure** keeps `x` alive: see `app.py` and `main.py`, sys.modules, id().",
            "Closures, closing, closed: `__init__()` runs; `x` is (not) the same X.",
            "",
            "The GIL (Global Interpreter Lock) blocks threads; threads block.",
        ];
        let mut run = AnswerTerms::new(&a);
        for answer in answers {
            let ids = run.answer(answer);
            let got: Vec<String> = ids.iter().map(|&i| run.names[i as usize].clone()).collect();
            assert_eq!(got, reference(&a, answer), "{answer}");
        }
        // Ids are given in first-seen order, each answer's terms sorted.
        let mut seen = Vec::new();
        for answer in answers {
            for t in reference(&a, answer) {
                if !seen.contains(&t) {
                    seen.push(t);
                }
            }
        }
        assert_eq!(run.names, seen);
    }
}
