//! Concept discovery: a [`Catalog`] found in the notes themselves, for
//! projects without `content/concepts.yaml` (or for `docgen concepts
//! --write`, which exports it for editing).
//!
//! Candidates come from six signals, each kept as evidence:
//!
//! 1. **Definitions.** The subject of a define-intent question ("What is
//!    X?", "Explain X", "什么是X", "X是什么", "Xとは", "X란 무엇인가요",
//!    "Что такое X", "Was ist X", "Qu'est-ce que X", "¿Qué es X", "O que é
//!    X": [`define_subject`]), a cheat sheet's terse question that is only
//!    a name and has an answer ("Duck typing?", "Синглтон в Python?",
//!    "闭包？": `terse_subject`), and acronym expansions written either way
//!    ("Global Interpreter Lock (GIL)", "GIL (Global Interpreter Lock)").
//! 2. **Key phrases** of the questions: runs of content words (stop words
//!    from the `stop-words` crate's ISO lists and the search index's list
//!    end a run) and their sub-phrases of up to three words, scored by how
//!    many questions and sources use them; words that most questions use
//!    are generic by their document frequency (more than
//!    [`GENERIC_SHARE`] of the entries), not by a list: no concept alone,
//!    but one with a specific word beside it ("memory usage"). A single word
//!    inside a longer run counts where the language has articles and the
//!    notes show it heading a noun phrase ("a generator.", or a mass noun
//!    after a preposition: "during recursion."); in a language without
//!    articles whose prepositions govern nouns (Russian, Ukrainian,
//!    Polish), a lone word of a question needs that preposition, so verbs
//!    ("использовать") are no concepts. The ISO lists
//!    hold nouns too ("system", "copy"): one that the notes use as a noun
//!    this way joins the run it heads instead of ending it ("operating
//!    system"; "état partagé" in a language that puts the noun first), and
//!    never counts alone (`content_runs_with`). Chinese and
//!    Japanese questions give the pieces of their runs between
//!    question-frame words and particles; Korean words lose their
//!    particle. Predicates name nothing: a Japanese piece is cut where
//!    hiragana begins (its inflection), a Korean word loses a light-verb
//!    ending and a postpositional verb form is dropped
//!    (`without_predicate`).
//! 3. **Code identifiers**: inline code shaped like an identifier
//!    (`__slots__`, `functools.partial`, `sys.getrefcount()`) used in two
//!    or more entries; a define question about one ("What is
//!    `sys.modules`?") defines the identifier, never its words.
//! 4. **Compare frames** ("X vs Y", "difference between X and Y" and its
//!    forms in other languages, "X和Y的区别", "X와 Y의 차이", "XとYの違い",
//!    "чем X отличается от Y") name two candidates (a side of one to three
//!    words) and relate them. A side that is one modifier sharing the
//!    other's noun ("Cooperative vs preemptive multitasking") gets that
//!    noun, where the language's articles tell nouns apart.
//! 5. **The answers.** Their runs of content words and the phrases of two
//!    and three words inside, single words written as names ("CPython",
//!    "WSGI"), and the subjects of their definition sentences ("Recursion
//!    is …", "Семафор — это …"). A phrase only the answers name becomes a
//!    candidate when [`SAID_MIN_ENTRIES`] entries say it and it is
//!    cohesive (at least [`MIN_COHESION`] of the entries using its rarest
//!    word use the whole phrase), or when a sentence defines it and two
//!    entries use it.
//! 6. **Section headings** above the questions
//!    ([`crate::model::Variant::section`]),
//!    where every piece of the heading between punctuation and
//!    coordinating conjunctions is a name of one to three content words
//!    ("GIL & Concurrency", "Списки и кортежи"): each piece is a topic the
//!    author named. A heading with a stop word or a number in a piece
//!    reads as a sentence or a step and names nothing, and a lone word
//!    must be seen heading a noun phrase where the language has articles
//!    ("Advanced" heads a section, not a noun phrase).
//!
//! A candidate is kept with at least two entries, or one entry and a
//! definition; in notes where most questions have no answer, being the
//! subject of a define or compare frame stands for the definition. A
//! phrase never asked about outside a longer kept phrase is that phrase's
//! fragment, and a single word whose questions, but at most one, ask
//! about two or more longer kept phrases it is part of is their shared
//! head ("function" of "function annotations" and "partial functions"):
//! neither is kept (C-value's nesting rule). The entries that use a
//! candidate are found by its spellings, with the last
//! word in each inflection the notes use ("tuple" finds "tuples"). Spellings with the same key (each word case- and
//! diacritic-folded and stemmed, [`crate::text::tokens`]) are one concept, and
//! an acronym joins its expansion, also one the notes never expand but
//! whose capitals spell the initials of one candidate and no other ("GC"
//! of "garbage collector") written in the same language's notes. A
//! concept written only in capitals is case-sensitive: "CAP" never links
//! "cap". English spellings that the Snowball
//! English stemmer makes equal, one extending the other ("thread",
//! "threading"), are one concept; the handbook's subject words (used by
//! more than [`SUBJECT_SHARE`] of the entries: "Python" in Python notes)
//! are no concept, and a phrase with one is the phrase without it
//! ("Python bytecode" is "bytecode"). Each merge is stated in the
//! concept's evidence. At most one concept per
//! [`ENTRIES_PER_CONCEPT`] entries is kept, and never more than
//! [`MAX_CONCEPTS`], best score first (`Discovery::score`: definitions,
//! frames and headings, questions, the entries and sources that use it,
//! so a term several sources come back to outranks one a single
//! cheat-sheet line names, and for a name asked about, the answers that
//! also say it); a
//! number is never one. Uses are found with hyphens read as spaces
//! ("CPU-bound" uses "CPU bound"), and a name the answers say, but once,
//! only inside a longer kept phrase is that phrase's fragment ("Redis" of
//! "Redis Cluster"); a phrase only the answers name that just extends a
//! kept one where that one is used is no concept of its own ("event loop
//! thread" of "event loop"). A one-word name the notes nearly always
//! write followed by the same word is the phrase of both ("deep" of "deep
//! copy", "виртуальная" of "виртуальная машина": the broad stop lists
//! hold "copy" and "машина", which end a question's run). Output is
//! deterministic.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rustc_hash::{FxHashMap, FxHashSet};

use super::catalog::{Catalog, Concept};
use crate::model::Handbook;
use crate::text::markdown::inline_to_text;
use crate::text::slug::{SlugSet, slugify};
use crate::text::stopwords;
use crate::text::tokens::{self, Stemmer};

/// Most concepts discovered.
pub const MAX_CONCEPTS: usize = 300;
/// About one concept per this many entries.
pub const ENTRIES_PER_CONCEPT: usize = 2;
/// A small handbook may keep this many concepts whatever its size.
pub const MIN_CONCEPTS: usize = 8;
/// In notes that mostly leave questions unanswered, the questions a key
/// phrase must be used in.
pub const UNANSWERED_MIN_ENTRIES: usize = 3;
/// A single word used by more than this share of the entries is generic.
pub const GENERIC_SHARE: f64 = 0.12;
/// The fewest entries whose answers must say a key phrase for it to be a
/// concept when nothing else names it.
pub const SAID_MIN_ENTRIES: usize = 3;
/// A content word the questions of more than this share of the entries
/// use is the handbook's subject ("python" in Python notes): no concept
/// alone, and no part of one's name.
pub const SUBJECT_SHARE: f64 = 0.2;
/// The fewest entries whose questions use a subject word
/// ([`SUBJECT_SHARE`]).
pub const SUBJECT_MIN_QUESTIONS: usize = 8;
/// Weight of ln(1 + entries that use a candidate) in its score: the
/// concepts the notes keep coming back to rank first.
pub const USED_WEIGHT: f64 = 3.0;
/// Weight of ln(sources that use a candidate) in its score: a term that
/// several sources use is the subject's, one only a single source uses
/// may be that author's.
pub const SOURCE_WEIGHT: f64 = 3.0;
/// Weight of ln(1 + entries whose answers say a candidate as a key phrase)
/// in the score of a candidate some question asks about: of two names each
/// asked once, the one the answers also name has more evidence. (A phrase
/// only the answers name is scored by its uses alone.)
pub const SAID_WEIGHT: f64 = 0.5;
/// The share of a one-word candidate's uses that must be followed by the
/// same word for the two to be one name ([`Discovery::complete`]).
pub const COMPLETION_SHARE: f64 = 0.8;
/// Of the entries that use a key phrase's rarest word, the share that
/// must use the whole phrase ([`SAID_MIN_ENTRIES`]).
pub const MIN_COHESION: f64 = 0.4;

/// What one entry offers discovery.
struct EntryText {
    /// Every phrasing of the question, as plain text.
    questions: Vec<String>,
    /// The answers' prose (code blocks left out), as plain text.
    prose: String,
    /// Inline code spans of questions and answers.
    code: Vec<String>,
    /// Source path and line of the canonical phrasing.
    source: String,
    line: usize,
    /// The source's language tag.
    lang: String,
    /// The distinct section headings above its phrasings
    /// ([`crate::model::Variant::section`]).
    sections: Vec<String>,
}

/// What one entry says about one candidate, found in parallel and applied
/// in entry order ([`Discovery::apply`]), so that the result does not
/// depend on the thread count.
enum Mark {
    /// A define-intent subject; the answer's first sentence, when any.
    Defined(Option<String>),
    /// An acronym expansion, with the acronym and the sentence around it.
    Expanded { acronym: String, sentence: String },
    /// A key phrase of a question.
    Asked,
    /// Identifier-shaped inline code.
    Code,
    /// One side of a compare frame ("X vs Y").
    Compared,
    /// A key phrase of an answer ([`Discovery::answer_phrases`]).
    Said,
    /// The subject of an answer's definition sentence ([`stated_subjects`]),
    /// with that sentence.
    Stated(String),
    /// A section heading above the question names it ([`Discovery::titles`]).
    Titled,
}

/// One observation: candidate key, spelling and what was seen.
struct Observation {
    key: String,
    form: String,
    mark: Mark,
}

/// Within one text, per single-word spelling (pattern index): its uses,
/// and the words that follow them ([`Discovery::complete`]).
type Follows = BTreeMap<usize, (usize, Vec<Follower>)>;

/// A word that follows a spelling's uses in one text.
struct Follower {
    /// Its key ([`Discovery::word_key`]).
    key: String,
    /// How many uses it follows.
    count: usize,
    /// Its first spelling.
    form: String,
    /// A function word: it continues no name.
    function: bool,
}

/// One answer phrase of an entry: the key ids of its one to three words
/// (`u32::MAX` in unused slots) and its byte range in the entry's prose.
type PhraseSpan = ([u32; 3], u32, u32);

/// One entry's observations, and the key pairs its compare frames relate.
type EntrySignals = (Vec<Observation>, Vec<(String, String)>);

/// Which words of one key are stop words: some are (`stop`), some are
/// not (`other`). A key with both asks the word itself.
#[derive(Clone, Copy, Default)]
struct KeyStops {
    stop: bool,
    other: bool,
}

/// One candidate concept while discovery runs.
#[derive(Default)]
struct Candidate {
    /// Spellings seen, with how often.
    forms: BTreeMap<String, usize>,
    /// Entries whose questions use it.
    asked: BTreeSet<usize>,
    /// Entries whose text (question or answer) uses it.
    used: BTreeSet<usize>,
    /// Entries whose answers use it.
    answered: BTreeSet<usize>,
    /// Where it is defined: entry, and what says so.
    defined: Option<(usize, String)>,
    /// An acronym of it ("GIL"), when one was seen expanded.
    acronym: Option<String>,
    /// Written as code.
    code: bool,
    /// Named as the subject of a define-intent or compare frame ("What
    /// is X?", "X vs Y"): the question itself shows it is a thing.
    framed: bool,
    /// Entries whose answers hold it as a key phrase.
    said: BTreeSet<usize>,
    /// The first entry under a section heading that names it
    /// ([`Discovery::titles`]).
    titled: Option<usize>,
    /// The first answer sentence that defines it ("X is a …") and its
    /// entry, when one does.
    stated: Option<(usize, String)>,
    /// Why other candidates were merged into it, one line each.
    merged: Vec<String>,
    /// The language of the first entry that named it.
    lang: String,
}

/// The concepts the notes of `hb` define and keep coming back to, as a
/// catalog (every concept `discovered`, with its `evidence`); empty for a
/// handbook without entries. See the module documentation for the method.
pub fn discover(hb: &Handbook) -> Catalog {
    let langs: BTreeMap<&str, &str> = hb
        .sources
        .iter()
        .map(|s| (s.name.as_str(), s.lang.as_str()))
        .collect();
    use rayon::prelude::*;
    let texts: Vec<EntryText> = hb
        .entries
        .par_iter()
        .map(|e| {
            let mut code = Vec::new();
            let mut prose = String::new();
            for a in &e.answers {
                let (p, c) = prose_and_code(&a.markdown);
                prose.push_str(&p);
                prose.push('\n');
                code.extend(c);
            }
            let questions: Vec<String> = e
                .variants
                .iter()
                .map(|v| {
                    // Inline code needs a backtick: most questions hold
                    // none and are not parsed for it.
                    if v.question.contains('`') {
                        code.extend(prose_and_code(&v.question).1);
                    }
                    inline_to_text(&v.question).into_owned()
                })
                .collect();
            let source = e.variants[0].source.clone();
            let mut sections: Vec<String> = Vec::new();
            for s in e.variants.iter().filter_map(|v| v.section.as_ref()) {
                if !sections.contains(s) {
                    sections.push(s.clone());
                }
            }
            // Every entry's text is held at once: no growth slack.
            prose.shrink_to_fit();
            EntryText {
                questions,
                prose,
                code,
                line: e.variants[0].line,
                lang: langs
                    .get(source.as_str())
                    .copied()
                    .unwrap_or("en")
                    .to_string(),
                source,
                sections,
            }
        })
        .collect();
    Discovery::new(&texts).run(&texts)
}

/// The text of a markdown fragment outside code blocks, and its inline
/// code spans.
fn prose_and_code(markdown: &str) -> (String, Vec<String>) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut prose, mut code) = (String::new(), Vec::new());
    let mut in_block = false;
    for ev in Parser::new_ext(markdown, crate::text::markdown::markdown_options()) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_block = true,
            Event::End(TagEnd::CodeBlock) => in_block = false,
            Event::Code(t) if !in_block => {
                prose.push_str(&t);
                code.push(t.into_string());
            }
            // Text pasted from web pages holds no-break and thin spaces
            // ("means\u{a0}managing"): they are spaces to every rule here.
            Event::Text(t) if !in_block => prose.extend(t.chars().map(tokens::fold_space)),
            Event::SoftBreak | Event::HardBreak => prose.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item | TagEnd::Heading(_)) => prose.push('\n'),
            _ => {}
        }
    }
    (prose, code)
}

/// The state of one discovery run over the entry texts it borrows (`'a`).
struct Discovery<'a> {
    candidates: BTreeMap<String, Candidate>,
    /// Every distinct word key, by id ([`Discovery::vocabulary`]).
    keys: Vec<String>,
    /// The id of each key in `keys`.
    key_ids: FxHashMap<String, u32>,
    /// Entries using each word key (for genericness), by key id.
    word_df: Vec<u32>,
    /// Pairs of candidate keys a compare frame relates.
    compared: BTreeSet<(String, String)>,
    /// Keys of words seen as the head of a noun phrase: right after a
    /// determiner or a preposition ([`PREPOSITIONS`]) and before
    /// punctuation, a stop word or the end.
    heads: FxHashSet<String>,
    /// Stop words per language ([`stop_words`]), built once.
    stops: BTreeMap<String, std::sync::Arc<StopSet>>,
    /// Each word's key id, by language, computed once for the whole
    /// vocabulary ([`Discovery::vocabulary`]).
    word_keys: FxHashMap<&'a str, FxHashMap<&'a str, u32>>,
    /// The words of the vocabulary that are stop words, by language.
    stop_forms: FxHashMap<&'a str, FxHashSet<&'a str>>,
    /// By language, per key id: whether its words are stop words
    /// ([`KeyStops`]), so a word's key id answers without a second lookup.
    key_stops: FxHashMap<&'a str, Vec<KeyStops>>,
    stemmers: BTreeMap<String, Stemmer>,
}

impl<'a> Discovery<'a> {
    fn new(texts: &[EntryText]) -> Self {
        let mut stemmers = BTreeMap::new();
        for t in texts {
            stemmers
                .entry(t.lang.clone())
                .or_insert_with(|| Stemmer::for_language(&t.lang));
        }
        Discovery {
            candidates: BTreeMap::new(),
            keys: Vec::new(),
            key_ids: FxHashMap::default(),
            word_df: Vec::new(),
            compared: BTreeSet::new(),
            heads: FxHashSet::default(),
            stop_forms: FxHashMap::default(),
            key_stops: FxHashMap::default(),
            stops: texts
                .iter()
                .map(|t| t.lang.as_str())
                .collect::<BTreeSet<&str>>()
                .into_iter()
                .map(|l| (l.to_string(), std::sync::Arc::new(stop_words(l))))
                .collect(),
            word_keys: FxHashMap::default(),
            stemmers,
        }
    }

    /// The stop words of `lang` (see [`stop_words`]).
    fn stop(&self, lang: &str) -> std::sync::Arc<StopSet> {
        self.stops
            .get(lang)
            .cloned()
            .unwrap_or_else(|| std::sync::Arc::new(stop_words(lang)))
    }

    /// The key of one word ([`key_with`]): looked up in the vocabulary,
    /// computed for a word outside it.
    fn word_key(&self, w: &str, lang: &str) -> std::borrow::Cow<'_, str> {
        match self.word_keys.get(lang).and_then(|m| m.get(w)) {
            Some(&id) => std::borrow::Cow::Borrowed(self.keys[id as usize].as_str()),
            None => std::borrow::Cow::Owned(key_with(self.stemmers.get(lang), w)),
        }
    }

    /// How many entries use the key of word `w` (0 for a key that is no
    /// single word's).
    fn df_of(&self, w: &str, lang: &str) -> usize {
        let id = match self.word_keys.get(lang).and_then(|m| m.get(w)) {
            Some(&id) => Some(id),
            None => self.key_ids.get(self.key(w, lang).as_str()).copied(),
        };
        id.map_or(0, |id| self.word_df[id as usize] as usize)
    }

    /// Whether stop word `w` of `lang` is a noun in these notes: it is on
    /// the broad stop list only (not one of [`function_words`]) and the
    /// notes use it as the head of a noun phrase ("the operating system.",
    /// "a deep copy;" make "system" and "copy" nouns here).
    fn noun_stop(&self, w: &str, lang: &str) -> bool {
        !function_words().contains(&tokens::fold_word(w)) && self.is_head(w, lang)
    }

    /// The noun stop words of `lang` ([`Discovery::noun_stop`]) for
    /// [`content_runs_with`].
    fn noun_stops<'s>(&'s self, lang: &'s str) -> NounStops<'s> {
        NounStops {
            of: Some((self, lang)),
            head_first: head_first(lang),
        }
    }

    /// Whether the notes use word `w` of `lang` as the head of a noun
    /// phrase ([`scan_entry`]).
    fn is_head(&self, w: &str, lang: &str) -> bool {
        self.heads.contains(&self.key(w, lang))
    }

    /// The key of a phrase: its words folded and stemmed, CJK runs whole.
    fn key(&self, phrase: &str, lang: &str) -> String {
        let out: Vec<std::borrow::Cow<'_, str>> =
            words(phrase).map(|w| self.word_key(w, lang)).collect();
        out.join(" ")
    }

    /// An observation of `phrase` (tidied), unless its key is too short
    /// to name anything.
    fn observe(&self, phrase: &str, lang: &str, mark: Mark) -> Option<Observation> {
        let form = tidy(phrase);
        let key = self.key(&form, lang);
        if key.is_empty() || key.chars().count() < 2 {
            return None;
        }
        Some(Observation { key, form, mark })
    }

    /// Applies entry `i`'s observations, in the order they were made.
    fn apply(&mut self, i: usize, lang: &str, observations: Vec<Observation>) {
        for Observation { key, form, mark } in observations {
            let c = self.candidates.entry(key).or_default();
            if c.lang.is_empty() {
                c.lang = lang.to_string();
            }
            // A heading is one spelling however many entries sit under it:
            // it never outvotes how the entries write the name.
            *c.forms.entry(form).or_default() += usize::from(!matches!(mark, Mark::Titled));
            match mark {
                Mark::Defined(answer) => {
                    c.asked.insert(i);
                    c.framed = true;
                    if c.defined.is_none()
                        && let Some(answer) = answer
                    {
                        c.defined = Some((i, answer));
                    }
                }
                Mark::Expanded { acronym, sentence } => {
                    c.acronym.get_or_insert(acronym);
                    if c.defined.is_none() {
                        c.defined = Some((i, sentence));
                    }
                    c.used.insert(i);
                }
                Mark::Asked => {
                    c.asked.insert(i);
                }
                Mark::Compared => {
                    c.asked.insert(i);
                    c.framed = true;
                }
                Mark::Code => {
                    c.code = true;
                    c.used.insert(i);
                }
                Mark::Said => {
                    c.said.insert(i);
                }
                Mark::Stated(sentence) => {
                    c.said.insert(i);
                    c.stated.get_or_insert((i, sentence));
                }
                Mark::Titled => {
                    c.titled.get_or_insert(i);
                }
            }
        }
    }

    fn run(mut self, texts: &'a [EntryText]) -> Catalog {
        let n = texts.len();
        if n == 0 {
            return Catalog::default();
        }
        self.vocabulary(texts);
        // Each entry's signals are read in parallel, then applied in
        // entry order.
        use rayon::prelude::*;
        let seen: Vec<EntrySignals> = texts
            .par_iter()
            .map(|t| {
                let mut out = self.definitions(t);
                out.extend(self.phrases(t, n));
                out.extend(self.stated(t, n));
                out.extend(self.titles(t, n));
                out.extend(code_observations(t));
                let (pairs, sides) = self.compares(t);
                out.extend(sides);
                (out, pairs)
            })
            .collect();
        let said = self.answer_phrases(texts, n, &seen);
        for (i, ((mut observations, compared), said)) in seen.into_iter().zip(said).enumerate() {
            observations.extend(said);
            self.apply(i, &texts[i].lang, observations);
            self.compared.extend(compared);
        }
        // What only the answers name, too rarely or too loosely to be
        // kept, is dropped before its spellings are searched for.
        let loose: Vec<String> = self
            .candidates
            .iter()
            .filter(|(k, c)| self.only_said(c) && c.stated.is_none() && !self.said_enough(k, c))
            .map(|(k, _)| k.clone())
            .collect();
        for k in loose {
            self.candidates.remove(&k);
        }
        self.implied_acronyms();
        self.usage(texts);
        self.merge_space_variants();
        // Code written both as code and in a question is one candidate.
        let code_keys: Vec<String> = self
            .candidates
            .keys()
            .filter_map(|k| k.strip_prefix('`'))
            .filter(|k| self.candidates.contains_key(*k))
            .map(str::to_string)
            .collect();
        for k in code_keys {
            self.merge_into(&format!("`{k}"), &k);
            if let Some(c) = self.candidates.get_mut(&k) {
                c.code = true;
            }
        }
        self.merge_acronyms();
        self.merge_subject_variants(texts);
        self.merge_inflections();
        self.merge_vocabulary();
        self.into_catalog(texts)
    }

    /// Every distinct word of every language, its key (each word stemmed
    /// once, in parallel), each key's document frequency (the number of
    /// entries whose questions or prose use it) and the keys of the words
    /// seen as the head of a noun phrase ([`scan_entry`]). One scan of
    /// each entry's text, in parallel.
    fn vocabulary(&mut self, texts: &'a [EntryText]) {
        use rayon::prelude::*;
        let stops = &self.stops;
        // The distinct words and head words of each language, gathered in
        // parallel; no entry's word set outlives its scan.
        type Words<'w> = BTreeMap<&'w str, (FxHashSet<&'w str>, FxHashSet<&'w str>)>;
        let by_lang: Words<'a> = texts
            .par_iter()
            .fold(BTreeMap::new, |mut acc: Words<'a>, t| {
                let (words, heads) = acc.entry(t.lang.as_str()).or_default();
                scan_entry(t, stops.get(&t.lang).map(|s| s.as_ref()), words, heads);
                acc
            })
            .reduce(BTreeMap::new, |mut a, b| {
                for (lang, (ws, hs)) in b {
                    let (into, heads) = a.entry(lang).or_default();
                    union_into(into, ws);
                    union_into(heads, hs);
                }
                a
            });
        let mut heads: FxHashSet<u32> = FxHashSet::default();
        for (lang, (ws, head_words)) in by_lang {
            let stemmer = self.stemmers.get(lang);
            // Sorted, so that key ids do not depend on hashing order.
            let mut ws: Vec<&'a str> = ws.into_iter().collect();
            ws.par_sort_unstable();
            let keys: Vec<String> = ws.par_iter().map(|w| key_with(stemmer, w)).collect();
            let mut ids = FxHashMap::with_capacity_and_hasher(ws.len(), Default::default());
            let stop = self.stops.get(lang).cloned();
            let stop_forms: FxHashSet<&'a str> = ws
                .par_iter()
                .filter(|w| {
                    stop.as_ref()
                        .is_some_and(|s| s.contains(&tokens::fold_word(w)))
                })
                .copied()
                .collect();
            self.stop_forms.insert(lang, stop_forms);
            for (w, k) in ws.into_iter().zip(keys) {
                let next = self.keys.len() as u32;
                let id = *self.key_ids.entry(k).or_insert_with_key(|k| {
                    self.keys.push(k.clone());
                    next
                });
                ids.insert(w, id);
            }
            heads.extend(head_words.into_iter().map(|w| ids[w]));
            self.word_keys.insert(lang, ids);
        }
        for (lang, ids) in &self.word_keys {
            let stop_forms = &self.stop_forms[lang];
            let mut flags = vec![KeyStops::default(); self.keys.len()];
            for (w, &id) in ids {
                let f = &mut flags[id as usize];
                if stop_forms.contains(w) {
                    f.stop = true;
                } else {
                    f.other = true;
                }
            }
            self.key_stops.insert(lang, flags);
        }
        // Each entry's distinct key ids, found in parallel (a second scan,
        // into a per-worker set); then counted.
        let word_keys = &self.word_keys;
        let per_entry: Vec<Vec<u32>> = texts
            .par_iter()
            .map_init(
                || (FxHashSet::default(), FxHashSet::default()),
                |(words, no_heads), t| {
                    words.clear();
                    scan_entry(t, None, words, no_heads);
                    let ids = &word_keys[t.lang.as_str()];
                    let mut seen: Vec<u32> = words.iter().map(|w| ids[*w]).collect();
                    seen.sort_unstable();
                    seen.dedup();
                    seen.shrink_to_fit();
                    seen
                },
            )
            .collect();
        let mut df = vec![0u32; self.keys.len()];
        for seen in per_entry {
            for id in seen {
                df[id as usize] += 1;
            }
        }
        self.word_df = df;
        self.heads = heads
            .into_iter()
            .map(|id| self.keys[id as usize].clone())
            .collect();
    }

    /// Define-intent subjects and acronym expansions of one entry.
    fn definitions(&self, t: &EntryText) -> Vec<Observation> {
        let mut out = Vec::new();
        let answer = Some(first_sentence(&t.prose)).filter(|a| !a.is_empty());
        let stop = self.stop(&t.lang);
        let nouns = self.noun_stops(&t.lang);
        for q in &t.questions {
            let subjects = define_subject(q);
            let framed = !subjects.is_empty();
            for subject in subjects {
                // "What is `sys.modules`?" defines the identifier, which
                // the code signal keys ([`code_observations`]); its words
                // ("sys") are no subject.
                let id = subject.trim_matches('`').trim_end_matches("()");
                if is_identifier(id) {
                    out.push(Observation {
                        key: format!("`{id}"),
                        form: id.to_string(),
                        mark: Mark::Defined(answer.clone()),
                    });
                    continue;
                }
                let Some(core) = subject_core(&subject, &stop, &nouns) else {
                    continue;
                };
                out.extend(self.observe(&core, &t.lang, Mark::Defined(answer.clone())));
            }
            // A cheat sheet's "X?" with its answer below defines X; an
            // acronym's answer may open with its expansion ("WSGI?" / "Web
            // Server Gateway Interface → …").
            if let Some(first) = &answer
                && !framed
                && let Some(subject) = terse_subject(q, &stop)
            {
                if let Some(expansion) = opening_expansion(&subject, first) {
                    out.extend(self.observe(
                        &expansion,
                        &t.lang,
                        Mark::Expanded {
                            acronym: subject.clone(),
                            sentence: first.clone(),
                        },
                    ));
                }
                out.extend(self.observe(&subject, &t.lang, Mark::Defined(answer.clone())));
            }
        }
        for text in t.questions.iter().chain(std::iter::once(&t.prose)) {
            for (acronym, expansion) in acronyms(text) {
                let sentence = sentence_around(text, &expansion);
                out.extend(self.observe(&expansion, &t.lang, Mark::Expanded { acronym, sentence }));
            }
        }
        out
    }

    /// Key phrases of entry `i`'s questions: each run of content words
    /// of one to three words, and the two- and three-word phrases inside
    /// longer runs. A single word counts only as a whole run ("What are
    /// decorators?"), never as a fragment of a longer one, which is how a
    /// verb or qualifier next to a noun ("data stored") is kept out
    /// without a part-of-speech tagger.
    fn phrases(&self, t: &EntryText, n: usize) -> Vec<Observation> {
        let mut out = Vec::new();
        let stop = self.stop(&t.lang);
        // A lone word inside a longer run counts where the language's
        // articles or prepositions show it heading a noun phrase elsewhere
        // in the notes ("a generator." makes "generators" of "Python
        // generators" one).
        let tells = tells_nouns(&t.lang);
        let nouns = self.noun_stops(&t.lang);
        for q in &t.questions {
            for run in content_runs_with(q, &stop, &nouns) {
                let ws: Vec<&str> = run.iter().map(String::as_str).collect();
                let shortest = match ws.len() {
                    _ if tells => 1,
                    len @ 0..=3 => len,
                    _ => 2,
                };
                for len in shortest..=ws.len().min(3) {
                    for at in 0..=ws.len() - len {
                        let part = &ws[at..at + len];
                        let generic = |w: &str| {
                            n >= 10 && self.df_of(w, &t.lang) as f64 > GENERIC_SHARE * n as f64
                        };
                        // A generic word alone is no concept, but a phrase
                        // it begins or ends is one when another of its
                        // words is specific ("memory usage").
                        if part.iter().all(|w| generic(w)) {
                            continue;
                        }
                        if len == 1 && is_weak_word(part[0]) {
                            continue;
                        }
                        // A stop word only joins a run ([`content_runs_with`]):
                        // never a phrase alone.
                        if len == 1 && stop.contains(&tokens::fold_word(part[0])) {
                            continue;
                        }
                        // A lone word must be seen heading a noun phrase,
                        // where the language's articles or prepositions tell.
                        if len == 1 && tells && !self.is_head(part[0], &t.lang) {
                            continue;
                        }
                        out.extend(self.observe(&part.join(" "), &t.lang, Mark::Asked));
                    }
                }
            }
        }
        out
    }

    /// The names of the section headings above entry `t`'s question. A
    /// heading names topics when each of its pieces between punctuation
    /// and coordinating conjunctions ([`CONJUNCTIONS`]: "GIL &
    /// Concurrency", "Lists and tuples", "内存管理") is one run
    /// of one to three content words with no number: then each piece whose
    /// words are not all generic is a name. One stop word or number
    /// anywhere makes the heading a sentence or a step ("Why bytecode is
    /// faster", "When is `.pyc` created?", "Step 1: source"), which names
    /// nothing; code spans are left out. A lone word counts only where
    /// the notes show it heading a noun phrase, in languages with
    /// articles ([`Discovery::is_head`]): "Advanced" and "Basics" head
    /// sections by level, not by topic. An author's section name is a
    /// topic they chose, but it still needs two entries that use it.
    fn titles(&self, t: &EntryText, n: usize) -> Vec<Observation> {
        let mut out = Vec::new();
        if t.sections.is_empty() {
            return out;
        }
        let stop = self.stop(&t.lang);
        let nouns = self.noun_stops(&t.lang);
        // Headings seldom hold verbs: only articles rule a lone word out.
        let has_articles = determiners(&t.lang).is_some();
        let generic = |w: &str| n >= 10 && self.df_of(w, &t.lang) as f64 > GENERIC_SHARE * n as f64;
        'heading: for heading in &t.sections {
            let mut names: Vec<String> = Vec::new();
            // The text outside code spans: every other piece between
            // backticks.
            let prose: String = heading.split('`').step_by(2).collect::<Vec<_>>().join(" ");
            let pieces = prose
                .split(|c: char| {
                    !(c.is_alphanumeric() || c == '-' || c == '_' || c.is_whitespace())
                })
                .flat_map(|p| split_at_conjunctions(p, &t.lang));
            for piece in pieces {
                let written = words(piece).count();
                if written == 0 {
                    continue;
                }
                let runs = runs_of(piece, &stop, &nouns);
                let [run] = runs.as_slice() else {
                    continue 'heading;
                };
                let ws: Vec<&str> = run.iter().map(String::as_str).collect();
                if ws.len() > 3
                    || ws.len() != written
                    || ws.iter().any(|w| w.chars().any(char::is_numeric))
                {
                    continue 'heading;
                }
                let generic_only = ws.iter().all(|w| generic(w));
                let weak = ws.len() == 1 && is_weak_word(ws[0]);
                // A lone word must be seen heading a noun phrase, where
                // the language has articles to tell: "Advanced" and
                // "Basics" head sections, not noun phrases.
                let lone = ws.len() == 1 && has_articles && !self.is_head(ws[0], &t.lang);
                if !generic_only && !weak && !lone {
                    names.push(ws.join(" "));
                }
            }
            for name in names {
                out.extend(self.observe(&name, &t.lang, Mark::Titled));
            }
        }
        out
    }

    /// The subjects of one entry's answer definition sentences
    /// ([`stated_subjects`]), unless a word of one is generic.
    fn stated(&self, t: &EntryText, n: usize) -> Vec<Observation> {
        if t.prose.trim().is_empty() {
            return Vec::new();
        }
        let stop = self.stop(&t.lang);
        let generic = |w: &str| n >= 10 && self.df_of(w, &t.lang) as f64 > GENERIC_SHARE * n as f64;
        let articles = determiners(&t.lang).unwrap_or_default();
        let mut keys: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        for (subject, sentence) in stated_subjects(&t.prose, &stop, articles) {
            if words(&subject).any(|w| generic(w) || is_weak_word(w)) {
                continue;
            }
            if let Some(o) = self.observe(&subject, &t.lang, Mark::Stated(sentence))
                && keys.insert(o.key.clone())
            {
                out.push(o);
            }
        }
        out
    }

    /// Key phrases of the answers, per entry, each key once: phrases of
    /// one to three words inside the runs of content words of the prose
    /// (words joined by a space or a hyphen, between stop words and
    /// punctuation), a single word only where the answer writes it as a
    /// name ([`is_name`]: "CPython", "WSGI"; a common noun alone is too
    /// often a generic word of the answers' own phrasing). Words used by
    /// more than [`GENERIC_SHARE`] of the entries neither start nor end a
    /// phrase. Only phrases that at least
    /// [`SAID_MIN_ENTRIES`] entries say, or that a definition sentence
    /// among `seen` states, are returned: the phrases are first found as
    /// word ids ([`Discovery::answer_spans`]) and counted, and only those
    /// become observations. This is YAKE's candidate selection (Campos et
    /// al., 2020, "YAKE! Keyword extraction from single documents using
    /// multiple local features") over a collection; which candidates
    /// become concepts depends on cohesion ([`Discovery::said_enough`]).
    fn answer_phrases(
        &self,
        texts: &[EntryText],
        n: usize,
        seen: &[EntrySignals],
    ) -> Vec<Vec<Observation>> {
        use rayon::prelude::*;
        // Each entry's spans are kept for the second step: a few per entry
        // (about 8 at 10 000 questions, 20 bytes each), since a lone word
        // must be written as a name and the stop lists end the runs.
        let spans: Vec<Vec<PhraseSpan>> =
            texts.par_iter().map(|t| self.answer_spans(t, n)).collect();
        let mut counts: FxHashMap<[u32; 3], u32> = FxHashMap::default();
        for (ids, _, _) in spans.iter().flatten() {
            *counts.entry(*ids).or_default() += 1;
        }
        let mut frequent: FxHashSet<[u32; 3]> = counts
            .into_iter()
            .filter(|(_, c)| *c as usize >= SAID_MIN_ENTRIES)
            .map(|(k, _)| k)
            .collect();
        // A phrase a sentence defines needs fewer entries.
        for o in seen.iter().flat_map(|(obs, _)| obs) {
            if matches!(o.mark, Mark::Stated(_))
                && let Some(ids) = self.phrase_ids(&o.key)
            {
                frequent.insert(ids);
            }
        }
        texts
            .par_iter()
            .zip(spans)
            .map(|(t, spans)| {
                spans
                    .into_iter()
                    .filter(|(ids, _, _)| frequent.contains(ids))
                    .filter_map(|(_, start, end)| {
                        let form = t.prose[start as usize..end as usize].replace('-', " ");
                        self.observe(&form, &t.lang, Mark::Said)
                    })
                    .collect()
            })
            .collect()
    }

    /// The key ids of a phrase key of one to three words, as
    /// [`Discovery::answer_spans`] writes them.
    fn phrase_ids(&self, key: &str) -> Option<[u32; 3]> {
        let mut ids = [u32::MAX; 3];
        for (i, w) in key.split(' ').enumerate() {
            *ids.get_mut(i)? = *self.key_ids.get(w)?;
        }
        Some(ids)
    }

    /// The candidate phrases of one entry's answers, each once, as word
    /// ids with their byte range in the prose (see
    /// [`Discovery::answer_phrases`]).
    fn answer_spans(&self, t: &EntryText, n: usize) -> Vec<PhraseSpan> {
        let mut out = Vec::new();
        let prose = t.prose.as_str();
        let (Some(ids), Some(stops), Some(key_stops)) = (
            self.word_keys.get(t.lang.as_str()),
            self.stop_forms.get(t.lang.as_str()),
            self.key_stops.get(t.lang.as_str()),
        ) else {
            return out;
        };
        let is_stop = |id: u32, w: &str| match key_stops[id as usize] {
            KeyStops { stop, other: false } => stop,
            KeyStops { stop: false, .. } => false,
            _ => stops.contains(w),
        };
        if prose.trim().is_empty() {
            return out;
        }
        let limit = GENERIC_SHARE * n as f64;
        let generic = |id: u32| n >= 10 && self.word_df[id as usize] as f64 > limit;
        // One pass over the words: the runs, as (key id, start, end) one
        // after another with the end of each run in `ends`, and the words
        // written as names.
        let mut toks: Vec<(u32, usize, usize)> = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        let mut names: FxHashSet<&str> = FxHashSet::default();
        let mut last_end = 0;
        let mut sentence_start = true;
        let close = |toks: &Vec<(u32, usize, usize)>, ends: &mut Vec<usize>| {
            if ends.last().copied().unwrap_or(0) < toks.len() {
                ends.push(toks.len());
            }
        };
        for (at, w) in (WordSpans { text: prose, at: 0 }) {
            let gap = &prose[last_end..at];
            // One space or hyphen, the usual gap, neither ends a sentence
            // nor breaks a run.
            let joined = gap == " " || gap == "-";
            if !joined && gap.contains(['.', '!', '?', ':', '\n', '。', '？', '！']) {
                sentence_start = true;
            }
            if is_name(w, sentence_start) {
                names.insert(w);
            }
            sentence_start = false;
            if !joined {
                close(&toks, &mut ends);
            }
            last_end = at + w.len();
            match ids.get(w) {
                Some(&id)
                    if (w.is_ascii() || !w.chars().any(tokens::is_cjk)) && !is_stop(id, w) =>
                {
                    toks.push((id, at, last_end));
                }
                _ => close(&toks, &mut ends),
            }
        }
        close(&toks, &mut ends);
        let mut seen: FxHashSet<[u32; 3]> = FxHashSet::default();
        let mut from = 0;
        for &to in &ends {
            let run = &toks[from..to];
            from = to;
            for len in 1..=run.len().min(3) {
                for part in run.windows(len) {
                    let (first, last) = (&part[0], &part[len - 1]);
                    let alone = || {
                        let w = &prose[first.1..first.2];
                        !is_weak_word(w) && names.contains(w)
                    };
                    if generic(first.0) || generic(last.0) || (len == 1 && !alone()) {
                        continue;
                    }
                    let mut key = [u32::MAX; 3];
                    for (slot, w) in key.iter_mut().zip(part) {
                        *slot = w.0;
                    }
                    if seen.insert(key) {
                        out.push((key, first.1 as u32, last.2 as u32));
                    }
                }
            }
        }
        out
    }

    /// The pairs of candidate keys the compare frames of one entry's
    /// questions relate, each pair in order, and an observation of each
    /// side of one to three words.
    fn compares(&self, t: &EntryText) -> (Vec<(String, String)>, Vec<Observation>) {
        let mut out = Vec::new();
        let mut sides = Vec::new();
        let stop = self.stop(&t.lang);
        // A side without the stop words at its ends; `shared` is a word
        // both sides end with (start with, in a language that puts the
        // noun first), their common head noun even when the stop list
        // holds it ("shallow *copy* vs deep *copy*", "*sistema*
        // operacional vs *sistema* embarcado").
        let head_first = head_first(&t.lang);
        let content = |s: &str, shared: Option<&str>| {
            let ws: Vec<&str> = words(s).collect();
            let keep = |w: &&str| !stop.contains(&tokens::fold_word(w));
            let is_shared = |w: &str| shared.is_some_and(|h| tokens::fold_word(w) == h);
            let from = match ws.first() {
                Some(w) if head_first && ws.len() >= 2 && is_shared(w) => 0,
                _ => ws.iter().position(&keep).unwrap_or(ws.len()),
            };
            let to = match ws.last() {
                Some(w) if !head_first && ws.len() >= 2 && is_shared(w) => ws.len(),
                _ => ws.iter().rposition(keep).map_or(from, |i| i + 1),
            };
            ws[from..to.max(from)].join(" ")
        };
        let head = |s: &str| {
            let ws: Vec<&str> = words(s).collect();
            let w = if head_first { ws.first() } else { ws.last() };
            w.filter(|_| ws.len() >= 2).map(|w| tokens::fold_word(w))
        };
        // Where the language's articles tell nouns apart, a lone modifier
        // shares the other side's noun ([`share_head`]).
        let is_noun = |w: &str| self.is_head(w, &t.lang);
        let articles = determiners(&t.lang).is_some();
        for q in &t.questions {
            if let Some((a, b)) = compare_pair(q) {
                let shared = head(&a).filter(|h| Some(h) == head(&b).as_ref());
                let (a, b) = (
                    content(&a, shared.as_deref()),
                    content(&b, shared.as_deref()),
                );
                let (a, b) = if articles {
                    share_head(&a, &b, head_first, &is_noun)
                } else {
                    (a, b)
                };
                for side in [&a, &b] {
                    // A side of one to three words names a thing; a
                    // longer one is a clause.
                    if (1..=3).contains(&words(side).count()) {
                        sides.extend(self.observe(side, &t.lang, Mark::Compared));
                    }
                }
                let (ka, kb) = (self.key(&a, &t.lang), self.key(&b, &t.lang));
                if !ka.is_empty() && !kb.is_empty() && ka != kb {
                    out.push((ka.clone().min(kb.clone()), ka.max(kb)));
                }
            }
        }
        (out, sides)
    }

    /// Entries whose text uses each candidate (by any spelling): one
    /// Aho–Corasick pass over each text finds every spelling at once.
    fn usage(&mut self, texts: &[EntryText]) {
        use rayon::prelude::*;
        let mut patterns: Vec<String> = Vec::new();
        let mut owners: Vec<Vec<String>> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        // The words of each key, so that a spelling's last word is also
        // matched in its other inflections ("tuple" finds "tuples").
        let mut words_of: FxHashMap<u32, Vec<&str>> = FxHashMap::default();
        for ids in self.word_keys.values() {
            for (w, id) in ids {
                words_of.entry(*id).or_default().push(w);
            }
        }
        for ws in words_of.values_mut() {
            ws.sort_unstable();
        }
        for (k, c) in &self.candidates {
            if c.code {
                continue;
            }
            for f in c.forms.keys() {
                let f = fold_hyphens(&f.to_lowercase());
                let mut spellings = vec![f.clone()];
                let (head, last) = match f.rfind(' ') {
                    Some(at) => (&f[..=at], &f[at + 1..]),
                    None => ("", f.as_str()),
                };
                let id = self.last_word_key(last);
                if let Some(ws) = id.and_then(|id| words_of.get(&id)) {
                    spellings.extend(
                        ws.iter()
                            .map(|w| format!("{head}{}", w.to_lowercase()))
                            .filter(|s| *s != f),
                    );
                }
                for f in spellings {
                    let at = *index.entry(f.clone()).or_insert_with(|| {
                        patterns.push(f);
                        owners.push(Vec::new());
                        owners.len() - 1
                    });
                    if owners[at].last() != Some(k) {
                        owners[at].push(k.clone());
                    }
                }
            }
        }
        let Ok(automaton) = aho_corasick::AhoCorasick::new(&patterns) else {
            return;
        };
        // Single-word spellings in scripts that space their words: the
        // word after each of their uses is counted ([`Self::complete`]).
        let single: Vec<bool> = patterns
            .iter()
            .map(|p| !p.contains(' ') && !p.chars().any(tokens::is_cjk))
            .collect();
        let this = &*self;
        let found = |text: &str, lang: &str, next: &mut Follows| {
            let lower = fold_hyphens(&text.to_lowercase());
            let mut out = BTreeSet::new();
            for m in automaton.find_overlapping_iter(&lower) {
                if !at_word_boundaries(&lower, m.start(), m.end()) {
                    continue;
                }
                let p = m.pattern().as_usize();
                out.insert(p);
                if single[p] {
                    let (uses, words) = next.entry(p).or_default();
                    *uses += 1;
                    let rest = &lower[m.end()..];
                    if let Some(w) = Self::next_word(rest) {
                        let mut key = this.word_key(w, lang).into_owned();
                        let mut form = w.to_string();
                        let function_word = |w: &str| {
                            function_words().contains(&tokens::fold_word(w))
                                || linking_words(lang).contains(&w)
                        };
                        let mut function = function_word(w);
                        // A linking word continues a name only with the
                        // word after it ("banco de dados", "point of
                        // failure"): the two follow as one.
                        if linking_words(lang).contains(&w) {
                            let at = w.as_ptr() as usize - rest.as_ptr() as usize + w.len();
                            if let Some(w2) =
                                Self::next_word(&rest[at..]).filter(|w2| !function_word(w2))
                            {
                                key = format!("{key} {}", this.word_key(w2, lang));
                                form = format!("{w} {w2}");
                                function = false;
                            }
                        }
                        match words.iter_mut().find(|f| f.key == key) {
                            Some(f) => f.count += 1,
                            // A function word ("of", "из", "de") alone
                            // continues no name: kept, marked, so it is
                            // folded once.
                            None => words.push(Follower {
                                key,
                                count: 1,
                                form,
                                function,
                            }),
                        }
                    }
                }
            }
            out
        };
        type Hits = (BTreeSet<usize>, BTreeSet<usize>, Follows);
        let hits: Vec<Hits> = texts
            .par_iter()
            .map(|t| {
                let mut next = Follows::new();
                let asked = found(&t.questions.join("\n"), &t.lang, &mut next);
                let answered = found(&t.prose, &t.lang, &mut next);
                (asked, answered, next)
            })
            .collect();
        // Per single-word candidate: its uses, and per key of the word
        // that follows, how often and the spelling seen first.
        type Next = BTreeMap<String, (usize, String)>;
        let mut follows: BTreeMap<&String, (usize, Next)> = BTreeMap::new();
        for (_, _, next) in &hits {
            for (p, (n, words)) in next {
                for k in owners[*p].iter().filter(|k| !k.contains(' ')) {
                    let (uses, by) = follows.entry(k).or_default();
                    *uses += n;
                    for f in words.iter().filter(|f| !f.function) {
                        by.entry(f.key.clone()).or_insert((0, f.form.clone())).0 += f.count;
                    }
                }
            }
        }
        let completions: Vec<(String, String, String)> = follows
            .into_iter()
            .filter_map(|(k, (uses, by))| {
                let (key, (n, form)) = by
                    .into_iter()
                    .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(&a.0)))?;
                (uses >= SAID_MIN_ENTRIES && n as f64 >= COMPLETION_SHARE * uses as f64)
                    .then(|| (k.clone(), key, form))
            })
            .collect();
        // Each pattern's owners by position in key order, so that a hit
        // costs no key comparison.
        let position: HashMap<&String, usize> = self
            .candidates
            .keys()
            .enumerate()
            .map(|(i, k)| (k, i))
            .collect();
        let owned: Vec<Vec<usize>> = owners
            .iter()
            .map(|ks| ks.iter().filter_map(|k| position.get(k).copied()).collect())
            .collect();
        drop(position);
        let mut candidates: Vec<&mut Candidate> = self.candidates.values_mut().collect();
        for (i, (asked, answered, _)) in hits.iter().enumerate() {
            for (p, in_answer) in asked
                .iter()
                .map(|p| (p, false))
                .chain(answered.iter().map(|p| (p, true)))
            {
                for &at in &owned[*p] {
                    let c = &mut candidates[at];
                    c.used.insert(i);
                    if in_answer {
                        c.answered.insert(i);
                    }
                }
            }
        }
        for (k, next_key, next_form) in completions {
            self.complete(&k, &next_key, &next_form);
        }
    }

    /// The word that starts `rest` after spaces (no line break or
    /// punctuation between), unless it is CJK.
    fn next_word(rest: &str) -> Option<&str> {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        if trimmed.len() == rest.len() {
            return None;
        }
        let end = trimmed
            .char_indices()
            .find(|(_, c)| !super::linker::is_word_char(*c))
            .map_or(trimmed.len(), |(at, _)| at);
        let w = &trimmed[..end];
        (!w.is_empty() && !w.chars().any(tokens::is_cjk)).then_some(w)
    }

    /// A one-word candidate `k` that the notes nearly always write
    /// followed by the same word (at least [`COMPLETION_SHARE`] of at
    /// least [`SAID_MIN_ENTRIES`] uses) is the first word of a longer
    /// name: "deep" of "deep copy" and "виртуальная" of "виртуальная
    /// машина", where the second word is on the broad stop list and so
    /// ended the question's run. A linking word follows only with the
    /// word after it ([`LINKING_WORDS`]: "banco" of "banco de dados"). It
    /// becomes that phrase (joining the candidate of that key where there
    /// is one), each spelling followed by `next_form`; its entries stay.
    fn complete(&mut self, k: &str, next_key: &str, next_form: &str) {
        let old = self.form_of(k);
        let Some(mut c) = self.candidates.remove(k) else {
            return;
        };
        c.forms = std::mem::take(&mut c.forms)
            .into_iter()
            .map(|(f, n)| (format!("{f} {next_form}"), n))
            .collect();
        c.merged.push(format!(
            "\"{old}\" is nearly always followed by \"{next_form}\""
        ));
        let key = format!("{k} {next_key}");
        if self.candidates.contains_key(&key) {
            let tmp = format!("\u{0}{key}");
            self.candidates.insert(tmp.clone(), c);
            self.merge_into(&tmp, &key);
        } else {
            self.candidates.insert(key, c);
        }
    }

    /// The key id of word `w` in the first language (by name) whose notes
    /// use it.
    fn last_word_key(&self, w: &str) -> Option<u32> {
        let mut langs: Vec<&&str> = self.word_keys.keys().collect();
        langs.sort_unstable();
        langs
            .into_iter()
            .find_map(|l| self.word_keys[*l].get(w))
            .copied()
    }

    /// [`Self::merge_into`], recording why in `into`'s evidence as
    /// `"<into>" and "<from>" <why>`.
    fn merge_stating(&mut self, from: &str, into: &str, why: &str) {
        let reason = format!(
            "\"{}\" and \"{}\" {why}",
            self.form_of(into),
            self.form_of(from)
        );
        self.merge_into(from, into);
        if let Some(c) = self.candidates.get_mut(into) {
            c.merged.push(reason);
        }
    }

    /// Moves candidate `from` into `into` (spellings, entries, definition).
    fn merge_into(&mut self, from: &str, into: &str) {
        if from == into {
            return;
        }
        if let Some(other) = self.candidates.remove(from)
            && let Some(c) = self.candidates.get_mut(into)
        {
            for (f, n) in other.forms {
                *c.forms.entry(f).or_default() += n;
            }
            c.asked.extend(other.asked);
            c.used.extend(other.used);
            c.answered.extend(other.answered);
            c.said.extend(other.said);
            c.merged.extend(other.merged);
            if c.stated.is_none() {
                c.stated = other.stated;
            }
            c.framed |= other.framed;
            c.titled = match (c.titled, other.titled) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            if c.defined.is_none() {
                c.defined = other.defined;
            }
            if c.acronym.is_none() {
                c.acronym = other.acronym;
            }
        }
    }

    /// Spellings that differ only in spaces ("meta classes",
    /// "metaclasses") are one candidate: the most used keeps them.
    fn merge_space_variants(&mut self) {
        let mut by_joined: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, c) in &self.candidates {
            if !c.code {
                by_joined
                    .entry(k.replace(' ', ""))
                    .or_default()
                    .push(k.clone());
            }
        }
        for (_, mut keys) in by_joined {
            if keys.len() < 2 {
                continue;
            }
            keys.sort_by_key(|k| std::cmp::Reverse(self.candidates[k].used.len()));
            let into = keys[0].clone();
            for k in &keys[1..] {
                self.merge_into(k, &into);
            }
        }
    }

    /// The handbook's subject words: keys of content words that the
    /// questions of more than [`SUBJECT_SHARE`] of the entries (and at
    /// least [`SUBJECT_MIN_QUESTIONS`]) use
    /// ("python" in Python notes), by document frequency over questions
    /// (answers repeat their own vocabulary too much to tell).
    fn subject_words(&self, texts: &[EntryText]) -> HashSet<String> {
        let n = texts.len();
        if n < 10 {
            return HashSet::new();
        }
        let mut df: FxHashMap<String, usize> = FxHashMap::default();
        for t in texts {
            let stop = self.stop_forms.get(t.lang.as_str());
            let mut seen: FxHashSet<String> = FxHashSet::default();
            for q in &t.questions {
                for w in words(q) {
                    if stop.is_some_and(|s| s.contains(w)) {
                        continue;
                    }
                    seen.insert(self.word_key(w, &t.lang).into_owned());
                }
            }
            for k in seen {
                *df.entry(k).or_default() += 1;
            }
        }
        df.into_iter()
            .filter(|(_, d)| *d >= SUBJECT_MIN_QUESTIONS && *d as f64 > SUBJECT_SHARE * n as f64)
            .map(|(k, _)| k)
            .collect()
    }

    /// A phrase that is another candidate with the handbook's subject
    /// words added ("Python bytecode", "bytecode") is that candidate, and
    /// a phrase of subject words and others is about the others (it is
    /// named without the subject words); a subject word alone is no
    /// concept (it would link every answer).
    fn merge_subject_variants(&mut self, texts: &[EntryText]) {
        let subject = self.subject_words(texts);
        if subject.is_empty() {
            return;
        }
        let keys: Vec<String> = self.candidates.keys().cloned().collect();
        for k in keys {
            if k.starts_with('`') {
                continue;
            }
            let stop = self.stop(&lang_of(&self.candidates, &k));
            let kept = without_subject(
                k.split(' ').collect(),
                |w| subject.contains(w),
                |w| stop.contains(w),
            );
            if kept.is_empty() {
                self.candidates.remove(&k);
                continue;
            }
            let core = kept.join(" ");
            if core == k {
                continue;
            }
            let reason = format!(
                "\"{}\" is it with the handbook's subject word",
                self.form_of(&k)
            );
            let Some(mut c) = self.candidates.remove(&k) else {
                continue;
            };
            // Its spellings still find mentions, but the spellings without
            // the subject words name it.
            let mut named: BTreeMap<String, usize> = BTreeMap::new();
            for (form, count) in c.forms.iter_mut() {
                let short = without_subject(
                    words(form).collect(),
                    |w| subject.contains(self.word_key(w, &c.lang).as_ref()),
                    |w| stop.contains(&tokens::fold_word(w)),
                );
                if short.len() == kept.len() {
                    *named.entry(short.join(" ")).or_default() += *count;
                }
                *count = 0;
            }
            for (form, count) in named {
                *c.forms.entry(form).or_default() += count;
            }
            c.merged.push(reason);
            match self.candidates.get(&core) {
                Some(_) => {
                    self.candidates.insert(k.clone(), c);
                    self.merge_into(&k, &core);
                }
                None => {
                    self.candidates.insert(core, c);
                }
            }
        }
    }

    /// An English candidate whose key extends another's ("threading",
    /// "thread"; "reference counting", "reference count") and is equal to
    /// it once each word goes through the Snowball English stemmer
    /// (Porter 2) is an inflection of it and joins it. Keys of English
    /// words keep only the plural apart (the tokeniser's S-stemmer, which
    /// the search index needs); other languages' keys are Snowball stems
    /// already. Requiring the extension keeps Porter's derivational
    /// conflations apart ("generator" and "generational", "type" and
    /// "typing").
    fn merge_inflections(&mut self) {
        let porter = crate::text::stem::english();
        let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (k, c) in &self.candidates {
            if k.starts_with('`') || !c.lang.starts_with("en") {
                continue;
            }
            let deep: Vec<String> = k.split(' ').map(|w| porter.stem(w).into_owned()).collect();
            groups.entry(deep.join(" ")).or_default().push(k.clone());
        }
        for (_, mut keys) in groups {
            if keys.len() < 2 {
                continue;
            }
            keys.sort_by(|a, b| a.len().cmp(&b.len()).then_with(|| a.cmp(b)));
            let mut roots: Vec<String> = Vec::new();
            for from in keys {
                let Some(into) = roots.iter().find(|r| from.starts_with(r.as_str())).cloned()
                else {
                    roots.push(from);
                    continue;
                };
                self.merge_stating(&from, &into, "are inflections of one word");
            }
        }
    }

    /// The most used spelling of candidate `k` with as many words as its
    /// key (not an acronym of it; the key itself when there is none).
    fn form_of(&self, k: &str) -> String {
        let n = k.split(' ').count();
        self.candidates
            .get(k)
            .and_then(|c| {
                c.forms
                    .iter()
                    .filter(|(f, _)| words(f).count() == n)
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                    .map(|(f, _)| f.clone())
            })
            .unwrap_or_else(|| k.to_string())
    }

    /// Candidates whose spellings are one term of the general software
    /// vocabulary deduplication folds
    /// ([`crate::dedup::DedupOptions::default_aliases`]: "threading" /
    /// "multithreading", "GC" / "garbage collector" / "garbage
    /// collection", "reference cycles" / "cyclic garbage") become one
    /// concept: the one used in most entries (ties: the smaller key),
    /// with the reason recorded. The vocabulary is English, so only
    /// English candidates are compared.
    fn merge_vocabulary(&mut self) {
        for group in crate::dedup::DedupOptions::default_aliases() {
            let mut keys: Vec<String> = group
                .iter()
                .map(|p| self.key(p, "en"))
                .filter(|k| {
                    self.candidates
                        .get(k)
                        .is_some_and(|c| c.lang.is_empty() || c.lang.starts_with("en"))
                })
                .collect();
            keys.sort();
            keys.dedup();
            if keys.len() < 2 {
                continue;
            }
            let size = |k: &String| {
                self.candidates
                    .get(k)
                    .map_or(0, |c| c.asked.union(&c.used).count())
            };
            let Some(into) = keys
                .iter()
                .max_by(|a, b| size(a).cmp(&size(b)).then_with(|| b.cmp(a)))
                .cloned()
            else {
                continue;
            };
            for from in keys.iter().filter(|k| **k != into) {
                self.merge_stating(from, &into, "are one term of the general vocabulary");
            }
        }
    }

    /// Acronyms the notes write but never expand ("cyclic GC"): a word of
    /// two to six capital letters (any script: "GC", "ЦП") that spells the
    /// initials of a candidate of as many words ("garbage collector",
    /// "центральный процессор") in the notes of the acronym's language
    /// becomes that candidate's acronym, when no other candidate has those
    /// initials or that acronym. Runs before
    /// [`Discovery::usage`], so the entries that write the acronym use the
    /// concept.
    fn implied_acronyms(&mut self) {
        // The acronyms written, per language: an acronym and the phrase it
        // spells are written in the notes of one language.
        let written: FxHashSet<(&str, &str)> = self
            .word_keys
            .iter()
            .flat_map(|(lang, m)| m.keys().map(move |w| (*lang, *w)))
            .filter(|(_, w)| is_capitals(w))
            .collect();
        let taken: FxHashSet<String> = self
            .candidates
            .values()
            .filter_map(|c| c.acronym.clone())
            .collect();
        // Acronym → the candidates it spells.
        let mut spelled: BTreeMap<String, Vec<(String, String, String)>> = BTreeMap::new();
        for (k, c) in &self.candidates {
            let form = self.form_of(k);
            let ws: Vec<&str> = form.split_whitespace().collect();
            if c.acronym.is_some() || c.code || !(2..=6).contains(&ws.len()) {
                continue;
            }
            if !ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_alphabetic))
            {
                continue;
            }
            let acronym: String = initials(&ws).chars().flat_map(char::to_uppercase).collect();
            spelled
                .entry(acronym)
                .or_default()
                .push((k.clone(), form, c.lang.clone()));
        }
        for (acronym, mut owners) in spelled {
            if owners.len() != 1
                || taken.contains(&acronym)
                || !written.contains(&(owners[0].2.as_str(), acronym.as_str()))
            {
                continue;
            }
            let (key, form, _) = owners.remove(0);
            if let Some(c) = self.candidates.get_mut(&key) {
                c.merged.push(format!(
                    "\"{acronym}\" spells the initials of \"{form}\", and of no other candidate"
                ));
                c.acronym = Some(acronym.clone());
                c.forms.entry(acronym.clone()).or_insert(1);
            }
            self.merge_into(&acronym.to_lowercase(), &key);
        }
    }

    /// An acronym seen as a candidate of its own joins its expansion.
    fn merge_acronyms(&mut self) {
        let pairs: Vec<(String, String)> = self
            .candidates
            .iter()
            .filter_map(|(k, c)| c.acronym.as_ref().map(|a| (k.clone(), a.to_lowercase())))
            .collect();
        for (key, acronym_key) in pairs {
            self.merge_into(&acronym_key, &key);
        }
    }

    /// A candidate's rank (higher first): 2 for a definition or a code
    /// spelling, 1 for an acronym, 1 for a define or compare frame, 1.5
    /// per question that asks it, [`USED_WEIGHT`] × ln(1 + entries that
    /// use it), 0.3 per word up to 3, and [`SOURCE_WEIGHT`] × ln(sources
    /// that use it). `source_of` maps each entry to its source's index.
    fn score(c: &Candidate, source_of: &[u32]) -> f64 {
        let mut sources: Vec<u32> = c.used.iter().map(|&e| source_of[e]).collect();
        sources.sort_unstable();
        sources.dedup();
        let defined = if c.defined.is_some() || c.code {
            2.0
        } else {
            0.0
        };
        let acronym = if c.acronym.is_some() { 1.0 } else { 0.0 };
        // A name asked about that the answers also say as a key phrase.
        let confirmed = if c.asked.is_empty() {
            0.0
        } else {
            SAID_WEIGHT * (c.said.len() as f64).ln_1p()
        };
        let framed = if c.framed || c.titled.is_some() {
            1.0
        } else {
            0.0
        };
        let words = c
            .forms
            .keys()
            .next()
            .map_or(1, |f| f.split_whitespace().count()) as f64;
        defined
            + acronym
            + framed
            + 1.5 * c.asked.len() as f64
            + USED_WEIGHT * (c.used.len() as f64).ln_1p()
            + 0.3 * words.min(3.0)
            + SOURCE_WEIGHT * (sources.len().max(1) as f64).ln()
            + confirmed
    }

    /// Whether the answers' key phrases are all that found `c` (no
    /// question, definition, code span or acronym names it).
    fn only_said(&self, c: &Candidate) -> bool {
        c.asked.is_empty()
            && c.defined.is_none()
            && !c.code
            && c.acronym.is_none()
            && !c.framed
            && c.titled.is_none()
    }

    /// Whether an answer key phrase `key` is said often and cohesively
    /// enough to be a concept: in at least [`SAID_MIN_ENTRIES`] entries,
    /// and, for a phrase of several words, in at least [`MIN_COHESION`] of
    /// the entries that use its rarest word (the words occur together,
    /// not by chance: "reference counting", not "new object").
    fn said_enough(&self, key: &str, c: &Candidate) -> bool {
        let said = c.said.len();
        // A definition sentence shows the phrase names a thing: then two
        // entries using it are enough.
        if c.stated.is_some() && c.used.len() >= 2 {
            return true;
        }
        if said < SAID_MIN_ENTRIES {
            return false;
        }
        let rarest = key
            .split(' ')
            .filter_map(|w| self.key_ids.get(w))
            .map(|&id| self.word_df[id as usize] as usize)
            .min()
            .unwrap_or(said)
            .max(1);
        !key.contains(' ') || said as f64 >= MIN_COHESION * rarest as f64
    }

    fn into_catalog(self, texts: &[EntryText]) -> Catalog {
        let n = texts.len();
        // In notes that mostly answer, a phrase no answer uses is how
        // questions are asked ("in simple terms", "common pitfalls"), not
        // what about. A list of questions without answers has no answers
        // to tell by: there a phrase needs [`UNANSWERED_MIN_ENTRIES`]
        // questions instead.
        let answered = texts.iter().filter(|t| !t.prose.trim().is_empty()).count();
        let answers_tell = answered * 2 >= n;
        let mut source_ids: HashMap<&str, u32> = HashMap::new();
        let source_of: Vec<u32> = texts
            .iter()
            .map(|t| {
                let next = source_ids.len() as u32;
                *source_ids.entry(t.source.as_str()).or_insert(next)
            })
            .collect();
        let mut kept: Vec<(&String, &Candidate, f64)> = self
            .candidates
            .iter()
            .filter(|(k, c)| !self.only_said(c) || self.said_enough(k, c))
            // A number is no concept, even where it is all that is left of
            // a phrase once the handbook's subject word goes ("stage 11").
            .filter(|(k, _)| k.chars().any(char::is_alphabetic))
            .filter(|(_, c)| {
                let entries = c.asked.union(&c.used).count();
                let evidenced = c.defined.is_some() || c.code || c.acronym.is_some();
                // In a list of questions without answers, being asked to
                // define or compare stands for the definition.
                let defined = c.defined.is_some() || (c.framed && !answers_tell);
                (entries >= 2 || (entries >= 1 && defined))
                    && (evidenced
                        || c.framed
                        || c.titled.is_some()
                        || !c.answered.is_empty()
                        || (!answers_tell && entries >= UNANSWERED_MIN_ENTRIES))
            })
            .map(|(k, c)| (k, c, Self::score(c, &source_of)))
            .collect();
        // A phrase never asked about outside a longer kept phrase that
        // contains it is that phrase's fragment (C-value's nesting rule).
        // The kept keys that contain each kept key at word boundaries,
        // found with one Aho-Corasick pass over all of them (comparing
        // every pair is quadratic: minutes at 100 000 questions).
        let keys: Vec<&str> = kept.iter().map(|(k, _, _)| k.as_str()).collect();
        let containers = containing_keys(&keys);
        // `extends[o]`: the kept phrases that phrase `o` only extends. A
        // phrase only the answers name that contains a kept phrase ("CPU
        // bound tasks" of "CPU bound"), used nowhere the shorter one is not
        // and in at least half of the shorter one's entries, says nothing
        // more: the shorter is the concept. (A phrase used in few of them is a
        // narrower concept: "pyc files" of "files".)
        let mut extends: Vec<Vec<usize>> = vec![Vec::new(); kept.len()];
        for (i, (_, inner, _)) in kept.iter().enumerate() {
            for &o in &containers[i] {
                let c = kept[o].1;
                if self.only_said(c)
                    && c.used.len() * 2 >= inner.used.len()
                    && c.used.is_subset(&inner.used)
                {
                    extends[o].push(i);
                }
            }
        }
        let nested: BTreeSet<&String> = kept
            .iter()
            .enumerate()
            .filter(|(i, (k, c, _))| {
                let inside = |set: &dyn Fn(&Candidate) -> &BTreeSet<usize>| {
                    let mine = set(c);
                    !mine.is_empty()
                        && containers[*i]
                            .iter()
                            .any(|&o| mine.is_subset(set(kept[o].1)))
                };
                // Whether a phrase only the answers name may be said alone
                // once and still be a longer kept phrase's fragment: a
                // single word (a name: "CPU" of "CPU-bound"), or a phrase
                // inside one that only extends a third, overlapping phrase
                // more entries use ("bound tasks" of "CPU-bound tasks",
                // which extends "CPU bound"). A phrase the longer one only
                // extends ("event loop" of "event loop thread") must never
                // be said alone.
                let lacks_modifier = |i: usize, k: &str| {
                    !k.contains(' ')
                        || containers[i].iter().any(|&o| {
                            extends[o].iter().any(|&j| {
                                let (uj, ui) = (kept[j].1.used.len(), kept[i].1.used.len());
                                j != i
                                    && !containers[j].contains(&i)
                                    && !containers[i].contains(&j)
                                    && (uj > ui || (uj == ui && kept[j].0 < kept[i].0))
                            })
                        })
                };
                // The answers that say a phrase without saying a longer
                // kept phrase that contains it.
                let said_outside = |i: usize, c: &Candidate| {
                    c.said
                        .iter()
                        .filter(|e| !containers[i].iter().any(|&o| kept[o].1.said.contains(e)))
                        .count()
                };
                // A single word most of whose questions ask about the
                // longer phrases it is part of is their shared head
                // ("function" of "function annotations", "partial
                // functions", "higher-order functions"): at most one of
                // its questions is outside them.
                let head = !c.asked.is_empty()
                    && !c.framed
                    && containers[*i].len() >= 2
                    && c.asked
                        .iter()
                        .filter(|e| !containers[*i].iter().any(|&o| kept[o].1.asked.contains(e)))
                        .count()
                        <= 1;
                c.defined.is_none()
                    && !c.code
                    && (head
                        || inside(&|c: &Candidate| &c.asked)
                        || (self.only_said(c)
                            && !containers[*i].is_empty()
                            && said_outside(*i, c) <= usize::from(lacks_modifier(*i, k))))
            })
            .map(|(_, (k, _, _))| *k)
            .collect();
        // A phrase that only extends a phrase kept as a concept.
        let extensions: BTreeSet<&String> = kept
            .iter()
            .enumerate()
            .filter(|(o, _)| extends[*o].iter().any(|&i| !nested.contains(kept[i].0)))
            .map(|(_, (k, _, _))| *k)
            .collect();
        kept.retain(|(k, _, _)| !nested.contains(k) && !extensions.contains(k));
        kept.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.0.cmp(b.0)));
        kept.truncate(MAX_CONCEPTS.min(n.div_ceil(ENTRIES_PER_CONCEPT).max(MIN_CONCEPTS)));
        let mut ids = SlugSet::default();
        let mut seen_aliases: BTreeSet<String> = BTreeSet::new();
        let mut concepts = Vec::new();
        let mut id_of: BTreeMap<&String, String> = BTreeMap::new();
        for (key, c, score) in &kept {
            let mut aliases: Vec<String> = Vec::new();
            if let Some(a) = &c.acronym {
                aliases.push(a.clone());
            }
            let mut forms: Vec<(&String, &usize)> = c.forms.iter().collect();
            forms.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
            aliases.extend(forms.iter().map(|(f, _)| (*f).clone()));
            // The linker writes plurals from singular aliases; a concept
            // seen only in the plural ("Threads") gets its singular too,
            // so "one thread" is a mention. English plurals only: other
            // languages' forms are matched as written.
            if c.lang.is_empty() || c.lang == "en" {
                let singulars: Vec<String> = aliases
                    .iter()
                    .filter_map(|a| super::variants::singular(a))
                    .collect();
                for s in singulars {
                    if !aliases.iter().any(|a| a.eq_ignore_ascii_case(&s)) {
                        aliases.push(s);
                    }
                }
            }
            aliases.retain(|a| seen_aliases.insert(a.to_lowercase()));
            // Written only in capitals (its spellings that differ in more
            // than case), the concept is an acronym that links only as
            // written: "ART" never links the German noun "Art".
            let case_sensitive = c.acronym.is_some() || aliases.iter().all(|a| is_capitals(a));
            let Some(first) = aliases.first().cloned() else {
                continue;
            };
            let name = display_name(&first);
            let id = ids.claim(&slugify(&name, 6));
            id_of.insert(key, id.clone());
            // A define-intent question's answer first, else an answer's
            // definition sentence.
            let definition = c
                .defined
                .as_ref()
                .filter(|(_, s)| !s.is_empty())
                .or(c.stated.as_ref());
            let defined = c
                .defined
                .as_ref()
                .or(c.stated.as_ref())
                .map(|(i, _)| &texts[*i]);
            let titled = c.titled.map(|i| &texts[i]);
            let evidence = evidence(c, defined, titled, *score);
            concepts.push(Concept {
                id,
                name,
                aliases,
                summary: definition.map(|(_, s)| s.clone()),
                related: Vec::new(),
                case_sensitive,
                discovered: true,
                evidence: Some(evidence),
            });
        }
        for (a, b) in &self.compared {
            if let (Some(ia), Some(ib)) = (id_of.get(a), id_of.get(b))
                && let Some(c) = concepts.iter_mut().find(|c| &c.id == ia)
                && !c.related.contains(ib)
            {
                c.related.push(ib.clone());
            }
        }
        Catalog {
            concepts,
            ..Catalog::default()
        }
    }
}

/// Coordinating conjunctions ("and", "or") by language: a heading that
/// lists topics joins them with these ("Lists and tuples", "Списки и
/// кортежи"). General-language vocabulary, no topic words.
const CONJUNCTIONS: &[(&str, &[&str])] = &[
    ("de", &["und", "oder"]),
    ("en", &["and", "or"]),
    ("es", &["y", "e", "o", "u"]),
    ("fr", &["et", "ou"]),
    ("it", &["e", "ed", "o"]),
    ("ko", &["및", "또는"]),
    ("nl", &["en", "of"]),
    ("pl", &["i", "oraz", "lub"]),
    ("pt", &["e", "ou"]),
    ("ru", &["и", "или"]),
    ("uk", &["і", "та", "або"]),
];

/// The pieces of heading text `piece` between the whole-word coordinating
/// conjunctions of `lang` ([`CONJUNCTIONS`]); `piece` itself where the
/// language has none listed.
fn split_at_conjunctions<'p>(piece: &'p str, lang: &str) -> Vec<&'p str> {
    let base = lang.split('-').next().unwrap_or(lang);
    let Some((_, conj)) = CONJUNCTIONS.iter().find(|(l, _)| *l == base) else {
        return vec![piece];
    };
    let mut out = Vec::new();
    let mut from = 0;
    for (at, w) in word_spans(piece) {
        if conj.iter().any(|c| tokens::fold_word(w) == *c) {
            out.push(&piece[from..at]);
            from = at + w.len();
        }
    }
    out.push(&piece[from..]);
    out
}

/// `s` with each hyphen written as a space, so that a phrase matches its
/// hyphenated and its spaced spelling alike ("CPU-bound", "CPU bound").
/// Byte offsets are kept: both are one byte.
fn fold_hyphens(s: &str) -> String {
    s.replace('-', " ")
}

/// Identifier-shaped inline code of one entry, keyed apart from prose
/// (a leading backtick) until the code ↔ prose merge.
fn code_observations(t: &EntryText) -> Vec<Observation> {
    t.code
        .iter()
        .map(|span| span.trim().trim_end_matches("()"))
        .filter(|id| is_identifier(id))
        .map(|id| Observation {
            key: format!("`{id}"),
            form: id.to_string(),
            mark: Mark::Code,
        })
        .collect()
}

/// One scan of an entry's questions and prose: adds its distinct words
/// ([`words`]) to `set`, and to `heads` the words it uses as the head of a noun phrase, right
/// after a determiner or a preposition and before punctuation, a word of
/// `stop` or the end ("the interpreter is", "a tuple.", "during recursion?":
/// mass nouns take no article). That is the one part-of-speech
/// signal discovery uses, in the languages with articles
/// ([`DETERMINERS`]); other languages (or no `stop`) give no heads.
fn scan_entry<'t>(
    t: &'t EntryText,
    stop: Option<&StopSet>,
    set: &mut FxHashSet<&'t str>,
    heads: &mut FxHashSet<&'t str>,
) {
    let dets = determiners(&t.lang)
        .unwrap_or(&[])
        .iter()
        .chain(prepositions(&t.lang));
    let stop = stop.filter(|_| tells_nouns(&t.lang));
    // No determiner or preposition is longer than this (bytes): longer
    // words skip the lists.
    let longest = dets.clone().map(|d| d.len()).max().unwrap_or(0);
    for text in t.questions.iter().chain(std::iter::once(&t.prose)) {
        let Some(stop) = stop else {
            set.extend(words(text));
            continue;
        };
        let spans = word_spans(text);
        set.extend(spans.iter().map(|(_, w)| *w));
        for k in 1..spans.len() {
            let (at, w) = spans[k];
            let (prev_at, prev) = spans[k - 1];
            let is_marker = |d: &&str| {
                d.eq_ignore_ascii_case(prev) || (!prev.is_ascii() && prev.to_lowercase() == **d)
            };
            if prev.len() > longest || !dets.clone().any(is_marker) {
                continue;
            }
            if !text[prev_at + prev.len()..at].trim().is_empty() {
                continue;
            }
            let end = at + w.len();
            let ends_phrase = match spans.get(k + 1) {
                None => true,
                Some((next_at, next)) => {
                    !text[end..*next_at].trim().is_empty()
                        || stop.contains(&tokens::fold_word(next))
                }
            };
            if ends_phrase {
                heads.insert(w);
            }
        }
    }
}

/// `into` ∪ `from`, into `into`, moving the smaller set's items.
fn union_into<'t>(into: &mut FxHashSet<&'t str>, from: FxHashSet<&'t str>) {
    if into.len() < from.len() {
        let small = std::mem::replace(into, from);
        into.extend(small);
    } else {
        into.extend(from);
    }
}

/// The subjects that the sentences of `prose` define: a sentence that
/// opens with one to three content words (after at most one of
/// `articles`) followed by a copula ("Recursion is …", "The event loop is
/// …", "Декоратор — это …", "Un décorateur est …";
/// [`super::definitions::COPULAS`] of the spaced scripts). Returns
/// (subject as written, the sentence).
fn stated_subjects(prose: &str, stop: &StopSet, articles: &[&str]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for sentence in super::definitions::sentences(prose) {
        // Three words and an article, then the copula: only the head of
        // the sentence is searched.
        let mut cut = sentence.len().min(STATED_HEAD_BYTES);
        while !sentence.is_char_boundary(cut) {
            cut -= 1;
        }
        let Some(at) = spaced_copulas().find(&sentence[..cut]).map(|m| m.start()) else {
            continue;
        };
        let head = sentence[..at].trim_start_matches(|c: char| !c.is_alphanumeric());
        if head.contains(|c: char| !(c.is_alphanumeric() || c == ' ' || c == '-' || c == '_')) {
            continue;
        }
        let mut ws: Vec<&str> = head.split_whitespace().collect();
        if ws
            .first()
            .is_some_and(|w| articles.iter().any(|a| a.eq_ignore_ascii_case(w)))
        {
            ws.remove(0);
        }
        if !(1..=3).contains(&ws.len()) || ws.iter().any(|w| stop.contains(&tokens::fold_word(w))) {
            continue;
        }
        out.push((ws.join(" "), cut_sentence(sentence)));
    }
    out
}

/// The copulas of the spaced scripts ([`super::definitions::COPULAS`]),
/// matched in any ASCII case, leftmost first.
fn spaced_copulas() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(
                super::definitions::COPULAS
                    .iter()
                    .filter(|c| c.starts_with(' ')),
            )
            .expect("fixed patterns build")
    })
}

/// How far into a sentence (bytes) [`stated_subjects`] looks for the
/// copula after the defined subject.
const STATED_HEAD_BYTES: usize = 96;

/// The words of a phrase without its subject words and without the stop
/// words a removed subject word leaves at an end ("equality in CPython"
/// → "equality"; "zero-cost exceptions" keeps "zero").
fn without_subject(
    ws: Vec<&str>,
    is_subject: impl Fn(&str) -> bool,
    is_stop: impl Fn(&str) -> bool,
) -> Vec<&str> {
    let cut_end = ws.last().is_some_and(|w| is_subject(w));
    let cut_start = ws.first().is_some_and(|w| is_subject(w));
    let mut kept: Vec<&str> = ws.into_iter().filter(|w| !is_subject(w)).collect();
    while cut_end && kept.last().is_some_and(|w| is_stop(w)) {
        kept.pop();
    }
    while cut_start && kept.first().is_some_and(|w| is_stop(w)) {
        kept.remove(0);
    }
    kept
}

/// The language of candidate `k` ("en" when unknown).
fn lang_of(candidates: &BTreeMap<String, Candidate>, k: &str) -> String {
    candidates
        .get(k)
        .map(|c| c.lang.clone())
        .filter(|l| !l.is_empty())
        .unwrap_or_else(|| "en".to_string())
}

/// Whether word `w` is written as a name: with a capital after its first
/// letter ("CPython", "WSGI"), or capitalised where no sentence starts
/// (`sentence_start`: first on a line, or after `.`, `!`, `?` or `:`).
fn is_name(w: &str, sentence_start: bool) -> bool {
    if w.is_ascii() {
        let b = w.as_bytes();
        let first_upper = b.first().is_some_and(u8::is_ascii_uppercase);
        return b.iter().skip(1).any(u8::is_ascii_uppercase) || (first_upper && !sentence_start);
    }
    let mut cs = w.chars();
    let first_upper = cs.next().is_some_and(char::is_uppercase);
    cs.any(char::is_uppercase) || (first_upper && !sentence_start)
}

/// The key of one word: folded and stemmed by `stemmer` (a CJK word only
/// folded).
fn key_with(stemmer: Option<&Stemmer>, w: &str) -> String {
    let folded = tokens::fold_word(w);
    match stemmer {
        Some(s) if !w.chars().any(tokens::is_cjk) => s.stem(w, &folded),
        _ => folded,
    }
}

/// The evidence line of a discovered concept, shown on its page and by
/// `docgen check`.
fn evidence(
    c: &Candidate,
    defined: Option<&EntryText>,
    titled: Option<&EntryText>,
    score: f64,
) -> String {
    let mut parts = Vec::new();
    if let Some(t) = defined {
        parts.push(format!("defined in {}, line {}", t.source, t.line));
    }
    if let Some(t) = titled {
        parts.push(format!("names a section of {}", t.source));
    }
    if c.code {
        parts.push("written as code".to_string());
    }
    if !c.asked.is_empty() {
        let n = c.asked.len();
        parts.push(format!(
            "asked about in {n} question{}",
            if n == 1 { "" } else { "s" }
        ));
    }
    let n = c.used.len();
    parts.push(format!(
        "used in {n} entr{}",
        if n == 1 { "y" } else { "ies" }
    ));
    if !c.merged.is_empty() {
        parts.push(format!("merged: {}", c.merged.join(", ")));
    }
    parts.push(format!("score {score:.1}"));
    parts.join("; ")
}

/// A display name: the spelling with its first letter capitalised, unless
/// it is code or already holds a capital (an acronym, `CPython`).
fn display_name(form: &str) -> String {
    if is_identifier(form) || form.chars().any(char::is_uppercase) {
        return form.to_string();
    }
    let mut cs = form.chars();
    cs.next()
        .map(|f| f.to_uppercase().chain(cs).collect())
        .unwrap_or_default()
}

/// `phrase` without surrounding punctuation, quotes and backticks, with
/// white space collapsed.
fn tidy(phrase: &str) -> String {
    phrase
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '_' && c != '.')
        .trim_end_matches('.')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of `text`: runs of letters, digits and `_` (a CJK run is one
/// word here; its pieces come from [`content_runs`]).
fn words(text: &str) -> impl Iterator<Item = &str> {
    WordSpans { text, at: 0 }.map(|(_, w)| w)
}

/// The words of `text` ([`words`]) with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    WordSpans { text, at: 0 }.collect()
}

/// The last `k` words of `text` ([`word_spans`], offsets into `text`),
/// or all of them when it has fewer; only the end of `text` is scanned
/// (a window that grows until it holds `k` whole words), so asking at
/// every parenthesis of a long answer stays linear.
fn last_word_spans(text: &str, k: usize) -> Vec<(usize, &str)> {
    let mut width = 64 * k.max(1);
    loop {
        let mut from = text.len().saturating_sub(width);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let mut spans: Vec<(usize, &str)> = WordSpans { text, at: from }.collect();
        // The window's first word may be cut by it.
        if from > 0 && !spans.is_empty() {
            spans.remove(0);
        }
        if spans.len() >= k || from == 0 {
            let extra = spans.len().saturating_sub(k);
            return spans.split_off(extra);
        }
        width *= 2;
    }
}

/// The scanner behind [`words`] and [`word_spans`]: ASCII bytes are
/// classified without decoding, other characters by
/// [`char::is_alphanumeric`].
struct WordSpans<'t> {
    text: &'t str,
    at: usize,
}

impl WordSpans<'_> {
    /// Whether the character at byte `i` is a word character, and its
    /// length in bytes: a table for ASCII, `char::is_alphanumeric` past it.
    #[inline]
    fn class(&self, i: usize) -> (bool, usize) {
        let b = self.text.as_bytes()[i];
        if b.is_ascii() {
            return (ASCII_WORD[b as usize], 1);
        }
        let c = self.text[i..].chars().next().unwrap_or(' ');
        (c.is_alphanumeric(), c.len_utf8())
    }

    /// Moves past the characters whose class is not `word` and returns
    /// where it stopped; ASCII bytes are read straight from the table.
    #[inline]
    fn skip(&mut self, word: bool) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.at) {
            if b.is_ascii() {
                if ASCII_WORD[b as usize] == word {
                    self.at += 1;
                    continue;
                }
                break;
            }
            let (w, n) = self.class(self.at);
            if w != word {
                break;
            }
            self.at += n;
        }
        self.at
    }
}

/// Which ASCII bytes are word characters: letters, digits and `_`.
const ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

impl<'t> Iterator for WordSpans<'t> {
    type Item = (usize, &'t str);

    fn next(&mut self) -> Option<Self::Item> {
        let start = self.skip(false);
        if start >= self.text.len() {
            return None;
        }
        let end = self.skip(true);
        Some((start, &self.text[start..end]))
    }
}

/// For each of `list` (distinct keys), the indices of the other keys
/// that contain it at word boundaries ([`at_word_boundaries`]; a key in a
/// CJK script is contained anywhere), in order.
/// One Aho-Corasick pass over the keys: linear in their total length and
/// the containments found.
fn containing_keys(list: &[&str]) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); list.len()];
    let Ok(automaton) = aho_corasick::AhoCorasick::new(list) else {
        return out;
    };
    for (o, other) in list.iter().enumerate() {
        for m in automaton.find_overlapping_iter(*other) {
            let k = m.pattern().as_usize();
            if k != o
                && !list[k].is_empty()
                && at_word_boundaries(other, m.start(), m.end())
                && out[k].last() != Some(&o)
            {
                out[k].push(o);
            }
        }
    }
    out
}

/// Whether `text[start..end]` stands at word boundaries (no word
/// character of a spaced script right before or after it; see
/// [`super::linker::is_word_char`]).
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let boundary = |c: Option<char>| c.is_none_or(|c| !super::linker::is_word_char(c));
    boundary(text[..start].chars().next_back()) && boundary(text[end..].chars().next())
}

/// The function words of every language's stop list ([`stop_words`])
/// other than the broad ISO list: the search index's list, the
/// extractor's one-word question openers (разница, отличие, comment:
/// they frame questions in every language) and dedup's lexicon. A word of
/// these is never taken for a noun ([`Discovery::noun_stop`]).
fn function_words() -> &'static StopSet {
    static WORDS: std::sync::OnceLock<StopSet> = std::sync::OnceLock::new();
    WORDS.get_or_init(|| {
        let mut out: StopSet = stopwords::SEARCH.iter().map(|w| w.to_string()).collect();
        out.extend(
            crate::extract::question::openers()
                .iter()
                .filter(|w| !w.contains(' '))
                .map(|w| tokens::fold_word(w)),
        );
        out.extend(crate::dedup::lexicon_words().iter().map(|w| w.to_string()));
        out
    })
}

/// A language's stop words, folded ([`tokens::fold_word`]); an Fx set,
/// since discovery looks up every word it reads.
type StopSet = FxHashSet<String>;

/// Stop words of a language: the `stop-words` crate's ISO list (English
/// for an unknown language) and, for every language, the
/// [`function_words`] (English among them, since notes in any language
/// mix in English).
fn stop_words(lang: &str) -> StopSet {
    let mut out = function_words().clone();
    out.extend(stopwords::iso(lang).iter().map(|w| tokens::fold_word(w)));
    out
}

/// Single words too vague to name a concept alone: numbers and one- or
/// two-letter words (except CJK).
fn is_weak_word(word: &str) -> bool {
    word.chars().all(|c| c.is_numeric())
        || (word.chars().count() <= 2 && !word.chars().any(tokens::is_cjk))
}

/// The runs of content words of a question: words outside `stop`,
/// consecutive, as written. A CJK run gives its pieces between
/// question-frame words and particles ([`cjk_pieces`]).
#[cfg(test)]
fn content_runs(question: &str, stop: &StopSet) -> Vec<Vec<String>> {
    content_runs_with(question, stop, &NounStops::NONE)
}

/// Stop words that are nouns in the notes at hand ("system", "copy" on
/// the broad ISO list; [`Discovery::noun_stop`]), and where their
/// language puts a noun in its phrase.
struct NounStops<'a> {
    /// The discovery run and language that tell such a noun; none for no
    /// noun at all.
    of: Option<(&'a Discovery<'a>, &'a str)>,
    /// The noun comes first, before its modifiers ("état global"): true
    /// for the languages of [`HEAD_FIRST`].
    head_first: bool,
}

impl NounStops<'_> {
    /// No stop word is a noun.
    #[cfg(test)]
    const NONE: NounStops<'static> = NounStops {
        of: None,
        head_first: false,
    };

    /// Whether stop word `w` is such a noun.
    fn is_noun(&self, w: &str) -> bool {
        self.of.is_some_and(|(d, lang)| d.noun_stop(w, lang))
    }
}

/// [`content_runs`], where a stop word that `nouns` takes for a noun does
/// not break a run: it joins the run before it as its last word
/// ("operating system", "deep copy"), or, in a head-first language,
/// starts the next ("état global"). It never stands alone.
fn content_runs_with(question: &str, stop: &StopSet, nouns: &NounStops<'_>) -> Vec<Vec<String>> {
    runs_of(&without_qualifiers(question), stop, nouns)
}

/// Languages whose noun phrases put the noun before its adjectives.
const HEAD_FIRST: &[&str] = &["fr", "es", "pt", "it"];

/// Whether language tag `lang` ("fr", "pt-BR") is one of [`HEAD_FIRST`].
fn head_first(lang: &str) -> bool {
    HEAD_FIRST.contains(&lang.split('-').next().unwrap_or(lang))
}

/// The runs of content words of `text` (see [`content_runs`]), without
/// removing qualifier phrases first.
fn runs_of(question: &str, stop: &StopSet, nouns: &NounStops<'_>) -> Vec<Vec<String>> {
    let mut runs = Vec::new();
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, runs: &mut Vec<Vec<String>>| {
        if !run.is_empty() {
            runs.push(std::mem::take(run));
        }
    };
    // Punctuation other than `-` and space ends a run.
    // A hyphenated compound ("Just-In-Time") is one word.
    let in_word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    for piece in question.split_inclusive(|c: char| !in_word(c)) {
        let word = piece
            .trim_end_matches(|c: char| !in_word(c))
            .trim_matches('-');
        let sep = &piece[piece.trim_end_matches(|c: char| !in_word(c)).len()..];
        if word.chars().any(tokens::is_cjk) {
            flush(&mut run, &mut runs);
            // A piece that is a stop word or a question's frame word
            // (区别, 原理: what the extractor reads questions by) names no
            // concept.
            for p in cjk_pieces(word) {
                if !stop.contains(&p)
                    && !crate::extract::question::cjk_question_infixes().contains(&p.as_str())
                {
                    runs.push(vec![p]);
                }
            }
        } else if !word.is_empty() && !stop.contains(&tokens::fold_word(word)) {
            run.push(word.to_string());
        } else if !word.is_empty() && nouns.is_noun(word) {
            if nouns.head_first {
                flush(&mut run, &mut runs);
                run.push(word.to_string());
            } else if !run.is_empty() {
                run.push(word.to_string());
                flush(&mut run, &mut runs);
            }
        } else {
            flush(&mut run, &mut runs);
        }
        if !sep.is_empty() && sep != " " {
            flush(&mut run, &mut runs);
        }
    }
    flush(&mut run, &mut runs);
    runs
}

/// The [`DETERMINERS`] of language tag `lang` ("en", "de-AT"), when
/// the language has articles.
fn determiners(lang: &str) -> Option<&'static [&'static str]> {
    of_language(DETERMINERS, lang)
}

/// The words `table` lists for the language of tag `lang` (its part before
/// `-`: "de-AT" reads "de"), when it lists that language.
fn of_language(
    table: &[(&str, &'static [&'static str])],
    lang: &str,
) -> Option<&'static [&'static str]> {
    let base = lang.split('-').next().unwrap_or("en");
    table.iter().find(|(l, _)| *l == base).map(|(_, w)| *w)
}

/// Whether the notes of language tag `lang` can show a word heading a
/// noun phrase ([`scan_entry`]): the language has [`DETERMINERS`] or
/// [`PREPOSITIONS`] listed.
fn tells_nouns(lang: &str) -> bool {
    determiners(lang).is_some() || !prepositions(lang).is_empty()
}

/// The [`PREPOSITIONS`] of language tag `lang`; none for a language not
/// listed.
fn prepositions(lang: &str) -> &'static [&'static str] {
    of_language(PREPOSITIONS, lang).unwrap_or(&[])
}

/// The words of `lang` that join a noun to its complement inside a name
/// ([`LINKING_WORDS`]); none for a language not listed.
fn linking_words(lang: &str) -> &'static [&'static str] {
    of_language(LINKING_WORDS, lang).unwrap_or(&[])
}

/// Words that join a noun to its complement inside a name, per language,
/// lower case: "point of failure", "banco de dados", "base de datos",
/// "système de fichiers". General-language vocabulary; a language that
/// marks the complement by case (Russian) or compounds it (German) has
/// none.
const LINKING_WORDS: &[(&str, &[&str])] = &[
    ("en", &["of"]),
    ("fr", &["de", "du", "des"]),
    ("es", &["de", "del"]),
    ("pt", &["de", "da", "do", "das", "dos"]),
    ("it", &["di", "del", "della", "dei", "delle"]),
    ("ca", &["de", "del"]),
];

/// Prepositions, per language, lower case: a word right after one that
/// ends its phrase is a noun used without an article, as mass nouns are
/// ("during recursion", "ohne Vererbung"). General-language vocabulary, for
/// the languages whose prepositions take no infinitive: "to" is left out
/// of English ("to use"), and the Romance languages, whose "para", "pour"
/// and "de" often do ("para probar"), are not listed.
const PREPOSITIONS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "of", "in", "on", "at", "by", "for", "with", "without", "about", "during", "through",
            "via", "from", "into", "between", "behind", "under", "over",
        ],
    ),
    (
        "de",
        &[
            "mit", "ohne", "bei", "für", "über", "von", "durch", "aus", "zur", "zum",
        ],
    ),
    (
        "nl",
        &["met", "zonder", "voor", "door", "over", "van", "bij"],
    ),
    // Languages without articles, whose prepositions govern a noun's case
    // and never an infinitive: the word after one that ends its phrase is
    // a noun ("в памяти?", "bez pamięci?").
    (
        "ru",
        &[
            "в",
            "во",
            "на",
            "по",
            "для",
            "из",
            "от",
            "с",
            "со",
            "без",
            "при",
            "о",
            "об",
            "через",
            "между",
            "к",
            "у",
            "за",
            "под",
            "над",
            "про",
            "после",
            "до",
            "перед",
        ],
    ),
    (
        "uk",
        &[
            "в",
            "у",
            "на",
            "по",
            "для",
            "з",
            "із",
            "від",
            "без",
            "при",
            "про",
            "через",
            "між",
            "до",
            "за",
            "під",
            "над",
            "після",
            "перед",
        ],
    ),
    (
        "pl",
        &[
            "w", "we", "na", "do", "z", "ze", "od", "dla", "bez", "przez", "po", "przy", "o",
            "pod", "nad", "między", "za", "u", "przed",
        ],
    ),
];

/// Articles and determiners, per language, lower case: a word right after
/// one that ends its phrase is a noun.
const DETERMINERS: &[(&str, &[&str])] = &[
    (
        "en",
        &[
            "a", "an", "the", "these", "those", "each", "every", "its", "their", "your", "our",
            "his", "her",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
            "eines",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "un", "une", "des", "du", "ce", "cette", "ces",
        ],
    ),
    (
        "es",
        &[
            "el", "la", "los", "las", "un", "una", "unos", "unas", "este", "esta",
        ],
    ),
    (
        "pt",
        &[
            "o", "a", "os", "as", "um", "uma", "uns", "umas", "este", "esta",
        ],
    ),
    (
        "it",
        &["il", "lo", "la", "i", "gli", "le", "un", "uno", "una"],
    ),
    ("nl", &["de", "het", "een", "deze", "dit"]),
];

/// Prepositions after which a subject's head noun comes ("the gotchas of
/// X", "the motivation behind X", "der Zweck von X", "le but de X").
const HEAD_AFTER: &[&str] = &[
    "of", "behind", "with", "about", "von", "de", "del", "da", "do", "des", "du",
];

/// The concept a define-intent subject names: its first run of content
/// words ("context managers in simple terms" → `context managers`), or
/// the next one when a [`HEAD_AFTER`] preposition follows it ("common
/// pitfalls with fork" → `fork`).
fn subject_core(subject: &str, stop: &StopSet, nouns: &NounStops<'_>) -> Option<String> {
    let runs = content_runs_with(subject, stop, nouns);
    let first = runs.first()?;
    let joined = first.join(" ");
    let after = subject
        .find(&joined)
        .map(|at| &subject[at + joined.len()..])
        .and_then(|rest| words(rest).next())
        .map(str::to_lowercase);
    let run = match (after, runs.get(1)) {
        (Some(w), Some(next)) if HEAD_AFTER.contains(&w.as_str()) => next,
        _ => first,
    };
    Some(run.join(" "))
}

/// `text` with dedup's qualifier phrases ("under the hood", "at system
/// level") replaced by a comma, which ends a run.
fn without_qualifiers(text: &str) -> String {
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text.to_string();
    }
    // Most questions hold none: one pass finds out. A phrase has no
    // comma, so replacing one cannot make another appear.
    static ANY: std::sync::OnceLock<Option<aho_corasick::AhoCorasick>> = std::sync::OnceLock::new();
    let any =
        ANY.get_or_init(|| aho_corasick::AhoCorasick::new(crate::dedup::qualifier_phrases()).ok());
    if any.as_ref().is_some_and(|ac| !ac.is_match(&lower)) {
        return text.to_string();
    }
    let mut out = text.to_string();
    for q in crate::dedup::qualifier_phrases() {
        let mut from = 0;
        while let Some(at) = out.to_lowercase()[from..].find(q).map(|i| from + i) {
            out.replace_range(at..at + q.len(), ",");
            from = at + 1;
        }
    }
    out
}

/// Particles that split a Chinese or Japanese run into words.
const CJK_PARTICLES: &[char] = &[
    '的', '是', '和', '与', '及', '或', '在', '中', '了', '吗', '呢', '有', '用', '把', '被', '对',
    '你', '您', '我', '他', '她', '它', '们', '吧', '下', '会', '能', '要', '这', '那', '个', 'の',
    'は', 'が', 'を', 'に', 'で', 'と', 'も', 'や', 'へ', 'か',
];

/// Korean words that are forms of a verb used as a postposition ("X에
/// 대해", about X; "통해", through) or of the light verb 하다/되다 alone:
/// they name nothing.
const KOREAN_VERB_WORDS: &[&str] = &[
    "대해",
    "대해서",
    "대한",
    "대하여",
    "통해",
    "통해서",
    "통한",
    "위해",
    "위해서",
    "위한",
    "의해",
    "의해서",
    "의한",
    "관해",
    "관해서",
    "관한",
    "따라",
    "따른",
    "하고",
    "해서",
    "하는",
    "하면",
    "하여",
    "해야",
    "하며",
    "하지",
    "되는",
    "되어",
    "되면",
    "한다",
    "된다",
    "했다",
];

/// Endings of the light verbs 하다 and 되다 that turn a noun into a verb
/// ("사용하는", using; "저장되어", being stored), longest first: the noun
/// before them is the word's content.
const KOREAN_VERB_ENDINGS: &[&str] = &[
    "합니다",
    "됩니다",
    "하는",
    "하고",
    "하며",
    "하면",
    "하여",
    "해서",
    "해야",
    "하다",
    "한다",
    "하기",
    "하지",
    "되는",
    "되어",
    "되면",
    "된다",
    "했다",
];

/// The parts of a CJK word that may name something, its predicate
/// endings cut as particles are: a Japanese word is cut where hiragana
/// begins, since hiragana there writes inflections, auxiliaries and
/// particles (述べて, している give nothing of two characters; 提供し gives
/// 提供); a Korean word loses a light-verb ending (사용하는 → 사용), a
/// postpositional verb form (대해, 통해) is dropped, and a word of another
/// script keeps nothing of the particle attached to it (LAN에 → LAN,
/// `dedup::without_attached_particle`). Chinese text, without either
/// script, is returned whole.
fn without_predicate(word: &str) -> Vec<&str> {
    let hiragana = |c: char| ('\u{3041}'..='\u{309F}').contains(&c);
    if word.chars().any(hiragana) {
        return word.split(hiragana).filter(|p| !p.is_empty()).collect();
    }
    if KOREAN_VERB_WORDS.contains(&word) {
        return Vec::new();
    }
    if let Some(word) = crate::dedup::without_attached_particle(word) {
        return vec![word];
    }
    let stem = KOREAN_VERB_ENDINGS
        .iter()
        .find_map(|e| word.strip_suffix(*e))
        .filter(|stem| stem.chars().count() >= 2);
    vec![stem.unwrap_or(word)]
}

/// The pieces of a CJK run that may name a concept: split at
/// question-frame words ([`crate::dedup`]'s list) and particles; a Korean
/// word loses its particle. Pieces of one character are dropped.
fn cjk_pieces(run: &str) -> Vec<String> {
    let mut out = Vec::new();
    let infixes = crate::extract::question::cjk_question_infixes();
    for piece in crate::dedup::cjk_content_pieces(run) {
        // The extractor's question words (解释, 描述, 区别) split a piece
        // as the frame words do.
        let mut piece = piece.to_string();
        for w in infixes {
            piece = piece.replace(w, " ");
        }
        for part in piece
            .split(' ')
            .flat_map(|p| p.split(|c| CJK_PARTICLES.contains(&c)))
            .flat_map(without_predicate)
        {
            if part.chars().count() >= 2 {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// Whether `s` looks like a code identifier: no spaces, 3–60 characters,
/// letters, digits, `_` and `.` only, starting with a letter or `_`, and
/// holding a `_` or `.` (so plain words are left to the phrase signal).
fn is_identifier(s: &str) -> bool {
    let n = s.chars().count();
    (3..=60).contains(&n)
        && s.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
        && s.contains(['_', '.'])
        && !s.ends_with('.')
        && !s.contains("..")
}

/// Prefixes and suffixes of define-intent questions, per language, lower
/// case: `(prefix, suffix)`, either may be empty.
const DEFINE_FRAMES: &[(&str, &str)] = &[
    // English
    ("what is the ", " used for"),
    ("what is ", " used for"),
    ("what are ", " used for"),
    ("what is the purpose of ", ""),
    ("what is the role of ", ""),
    ("what is meant by ", ""),
    ("what do you mean by ", ""),
    ("what do you know about ", ""),
    ("what is an ", ""),
    ("what is a ", ""),
    ("what is the ", ""),
    ("what is ", ""),
    ("what are the ", ""),
    ("what are ", ""),
    ("what's a ", ""),
    ("what's the ", ""),
    ("what's ", ""),
    ("what does ", " mean"),
    ("what does ", " do"),
    ("explain the ", ""),
    ("explain ", ""),
    ("describe the ", ""),
    ("describe ", ""),
    ("define ", ""),
    // German
    ("was ist ein ", ""),
    ("was ist eine ", ""),
    ("was ist der ", ""),
    ("was ist die ", ""),
    ("was ist das ", ""),
    ("was ist ", ""),
    ("was sind ", ""),
    ("erkläre ", ""),
    // French
    ("qu'est-ce qu'un ", ""),
    ("qu'est-ce qu'une ", ""),
    ("qu'est-ce que le ", ""),
    ("qu'est-ce que la ", ""),
    ("qu'est-ce que les ", ""),
    ("qu'est-ce que l'", ""),
    ("qu'est-ce que ", ""),
    // Spanish
    ("¿qué es un ", ""),
    ("¿qué es una ", ""),
    ("¿qué es el ", ""),
    ("¿qué es la ", ""),
    ("¿qué es ", ""),
    ("qué es ", ""),
    ("¿qué son ", ""),
    // Portuguese
    ("o que é um ", ""),
    ("o que é uma ", ""),
    ("o que é o ", ""),
    ("o que é a ", ""),
    ("o que é ", ""),
    ("o que são ", ""),
    // Russian
    ("что такое ", ""),
    ("что означает ", ""),
    ("что значит ", ""),
    ("объясните ", ""),
    ("объясни ", ""),
    // Chinese
    ("什么是", ""),
    ("请解释", ""),
    ("解释一下", ""),
    ("解释", ""),
    ("简述", ""),
    ("介绍一下", ""),
    ("", "是什么意思"),
    ("", "的原理是什么"),
    ("", "是什么"),
    ("", "是啥"),
    ("", "有什么用"),
    // Japanese
    ("", "とは何ですか"),
    ("", "とはなんですか"),
    ("", "とは何か"),
    ("", "って何ですか"),
    ("", "とは"),
    ("", "について説明してください"),
    ("", "を説明してください"),
    // Korean
    ("", "이란 무엇인가요"),
    ("", "란 무엇인가요"),
    ("", "은 무엇인가요"),
    ("", "는 무엇인가요"),
    ("", "이 무엇인가요"),
    ("", "가 무엇인가요"),
    ("", "이란 무엇입니까"),
    ("", "란 무엇입니까"),
    ("", "란 무엇인가"),
    ("", "이란"),
    ("", "에 대해 설명하시오"),
    ("", "에 대해 설명해주세요"),
    ("", "을 설명하시오"),
    ("", "를 설명하시오"),
];

/// The subjects a define-intent question asks about ("What is the GIL in
/// Python?" → `GIL`; "What are lists and tuples?" → `lists`, `tuples`;
/// "Python的垃圾回收机制是什么？" → `垃圾回收机制`): the text a
/// `DEFINE_FRAMES` frame leaves, without a trailing "in X" qualifier,
/// split at "and"/"和"/"与", the part after the last "的", each of one to
/// four words. A CJK frame inside the frame ("请解释什么是X") is cut too.
/// Empty when no frame matches, or when what it leaves asks another
/// question: it opens with an English question word ("Explain how X
/// works") or holds one of the extractor's CJK question words
/// ("请解释如何…").
pub fn define_subject(question: &str) -> Vec<String> {
    // The first clause: "What is X? How …", "What is X (Y), and …".
    let clause = question
        .split(['?', '？', ';', '；', '(', '（', ':', '：', ','])
        .next()
        .unwrap_or(question);
    let q = clause
        .trim()
        .trim_end_matches(['.', '。', '!', ' '])
        .replace('’', "'");
    let lower_q = q.to_lowercase();
    if [
        " vs ",
        " vs. ",
        " versus ",
        "difference",
        "разница",
        "отличается",
        "区别",
        "차이",
    ]
    .iter()
    .any(|w| lower_q.contains(w))
    {
        return Vec::new();
    }
    let lower = q.to_lowercase();
    let Some(rest) = DEFINE_FRAMES.iter().find_map(|(pre, suf)| {
        let body = lower.strip_prefix(pre)?.strip_suffix(suf)?;
        (!body.is_empty()).then(|| {
            let start = q.len() - lower.len() + pre.len();
            q.get(start..start + body.len()).unwrap_or(body).to_string()
        })
    }) else {
        return Vec::new();
    };
    // A CJK frame inside another ("请解释什么是C10K问题", "请解释GIL是什么")
    // is the frame too.
    let mut rest = rest.as_str();
    while let Some(inner) = DEFINE_FRAMES
        .iter()
        .filter(|(pre, suf)| format!("{pre}{suf}").chars().any(tokens::is_cjk))
        .find_map(|(pre, suf)| {
            rest.strip_prefix(pre)?
                .strip_suffix(suf)
                .filter(|r| !r.is_empty() && r.len() < rest.len())
        })
    {
        rest = inner;
    }
    // A subject that holds a question word is another question ("Explain
    // how X works", "请解释如何…", "请解释是否…"): the frame defines
    // nothing.
    let first = words(rest).next().unwrap_or("").to_lowercase();
    if [
        "how", "why", "what", "when", "which", "where", "whether", "who",
    ]
    .contains(&first.as_str())
        || (rest.chars().any(tokens::is_cjk)
            && crate::extract::question::cjk_question_infixes()
                .iter()
                .any(|w| rest.contains(w)))
    {
        return Vec::new();
    }
    let rest = without_place(rest);
    let rest = rest.rsplit('的').next().unwrap_or(rest);
    let mut out = Vec::new();
    for (k, part) in rest
        .split(" and ")
        .flat_map(|p| p.split(['和', '与']))
        .enumerate()
    {
        let part = tidy(part);
        // "X and where is it stored" goes on with another question.
        let asks = |w: &str| {
            [
                "where", "how", "why", "what", "when", "which", "who", "is", "are", "does", "do",
            ]
            .contains(&w.to_lowercase().as_str())
        };
        if k > 0 && words(&part).next().is_some_and(asks) {
            break;
        }
        let n = words(&part).count();
        let cjk = part.chars().any(tokens::is_cjk);
        if (1..=4).contains(&n) && (cjk || !part.contains(',')) {
            out.push(part);
        }
    }
    out
}

/// `text` without a trailing place qualifier of at most two words: " in
/// Python", " в Python", " in a program" (and the Spanish, Portuguese
/// and German prepositions).
fn without_place(text: &str) -> &str {
    let mut rest = text;
    for sep in [" in ", " в ", " en ", " em ", " im "] {
        if let Some(at) = rest.rfind(sep)
            && at > 0
            && rest[at + sep.len()..].split_whitespace().count() <= 2
        {
            rest = rest[..at].trim_end();
        }
    }
    rest
}

/// The longest word of CJK script (characters) that a terse question
/// ([`terse_subject`]) takes as a name: compound terms such as
/// "全局解释器锁" or "上下文管理器" have six; a longer unspaced run is a
/// sentence.
const TERSE_CJK_MAX_CHARS: usize = 6;

/// The subject of a terse question that is only a name ("Duck typing?",
/// "WSGI?", "Singleton in Python?", "闭包？", "Замыкания?"): one to three
/// words, none of them a stop word of the language, after a trailing
/// "in X" qualifier and a parenthesised aside ("Wheels (.whl)?") are cut;
/// and, as deduplication reads the question
/// ([`crate::dedup::intent::question_intent`]), a definition rather than
/// a request ("Patch dependencies?") or a comparison. `None` otherwise.
/// The caller asks only for questions no define frame reads
/// ([`define_subject`]).
fn terse_subject(question: &str, stop: &StopSet) -> Option<String> {
    use crate::dedup::intent::{Intent, question_intent};
    let q = question.trim();
    let body = q.strip_suffix(['?', '？'])?.trim_end();
    let body = match body.find(['(', '（']) {
        Some(at) if body.ends_with([')', '）']) => body[..at].trim_end(),
        _ => body,
    };
    let body = without_place(body);
    if body.is_empty()
        || body.contains([
            '?', '？', ',', '，', '&', '/', ':', '：', '(', ')', '`', '.',
        ])
    {
        return None;
    }
    let ws: Vec<&str> = words(body).collect();
    let cjk = body.chars().any(tokens::is_cjk);
    // A run of CJK script is a name only when no question-frame word or
    // particle cuts it and it is as short as a compound term
    // ([`TERSE_CJK_MAX_CHARS`]): "装饰器有哪些常见用途" asks a question.
    if cjk
        && (crate::dedup::cjk_content_pieces(body) != [body]
            || ws.iter().any(|w| w.chars().count() > TERSE_CJK_MAX_CHARS))
    {
        return None;
    }
    if !(1..=3).contains(&ws.len())
        || (!cjk
            && !body
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '\'')))
        || body
            .split_whitespace()
            .any(|w| stop.contains(&w.to_lowercase()))
    {
        return None;
    }
    (question_intent(q).intent == Intent::Define).then(|| tidy(body))
}

/// "Difference between X and Y" frames: the lower-cased words before the
/// two sides, and the words that join them, per language.
const BETWEEN: &[(&str, &[&str])] = &[
    ("difference between ", &[" and "]),
    ("differences between ", &[" and "]),
    ("разница между ", &[" и "]),
    ("различие между ", &[" и "]),
    ("différence entre ", &[" et "]),
    ("différences entre ", &[" et "]),
    ("diferencia entre ", &[" y ", " e "]),
    ("diferencias entre ", &[" y ", " e "]),
    ("diferença entre ", &[" e "]),
    ("diferenças entre ", &[" e "]),
    ("unterschied zwischen ", &[" und "]),
    ("unterschiede zwischen ", &[" und "]),
    ("differenza tra ", &[" e "]),
    ("differenza fra ", &[" e "]),
];

/// The two things a compare-frame question names: "X vs Y",
/// [`BETWEEN`] frames, "Чем X отличается от Y", "X和Y的区别", "X와 Y의
/// 차이", "XとYの違い".
fn compare_pair(question: &str) -> Option<(String, String)> {
    let q = question.trim().trim_end_matches(['?', '？', '.', '。']);
    let lower = q.to_lowercase();
    let cut = |s: &str| -> String {
        let s = s.trim();
        let s = s.rsplit(" between ").next().unwrap_or(s);
        tidy(s)
    };
    for sep in [" vs. ", " vs ", " versus "] {
        if let Some(at) = lower.find(sep) {
            let (a, b) = (&q[..at], &q[at + sep.len()..]);
            let a = a.rsplit([':', ',']).next().unwrap_or(a);
            let a = a.split_whitespace().rev().take(3).collect::<Vec<_>>();
            let a: String = a.into_iter().rev().collect::<Vec<_>>().join(" ");
            // "A vs B vs C": B ends where the next comparison starts.
            let b = b
                .split_whitespace()
                .take_while(|w| !matches!(w.to_lowercase().as_str(), "vs" | "vs." | "versus"))
                .take(3)
                .collect::<Vec<_>>()
                .join(" ");
            return Some((cut(&a), cut(&b)));
        }
    }
    for (pre, joins) in BETWEEN {
        if let Some(at) = lower.find(pre) {
            let rest = &q[at + pre.len()..];
            let (a, b) = joins.iter().find_map(|j| rest.split_once(j))?;
            return Some((cut(a), cut(b)));
        }
    }
    if let Some(rest) = lower.strip_prefix("чем ")
        && let Some(at) = rest.find(" отличается от ")
    {
        let start = q.len() - rest.len();
        return Some((
            cut(&q[start..start + at]),
            cut(&q[start + at + " отличается от ".len()..]),
        ));
    }
    for (joins, tail) in [
        (&['和', '与'][..], "的区别"),
        (&['와', '과'][..], "의 차이"),
        (&['と'][..], "の違い"),
    ] {
        if let Some(body) = q.split(tail).next().filter(|_| q.contains(tail))
            && let Some((a, b)) = body.split_once(joins)
        {
            let a = a.rsplit('的').next().unwrap_or(a);
            return Some((cut(a), cut(b.trim())));
        }
    }
    None
}

/// The two sides of a compare frame, with the noun they share written
/// out on the side that leaves it to the other: "Cooperative" vs
/// "preemptive multitasking" gives "Cooperative multitasking"; in a
/// head-first language, "multitâche coopératif" vs "préemptif" gives
/// "multitâche préemptif". Only a lone word that `is_noun` does not take
/// for a noun is completed ("Threads vs asyncio tasks" stays), with the
/// other side's last word (or first, when `head_first`) of its two or
/// three.
fn share_head(
    a: &str,
    b: &str,
    head_first: bool,
    is_noun: &dyn Fn(&str) -> bool,
) -> (String, String) {
    let (wa, wb): (Vec<&str>, Vec<&str>) = (words(a).collect(), words(b).collect());
    let (lone, full) = if head_first { (&wb, &wa) } else { (&wa, &wb) };
    let [word] = lone.as_slice() else {
        return (a.to_string(), b.to_string());
    };
    if !(2..=3).contains(&full.len()) || is_noun(word) {
        return (a.to_string(), b.to_string());
    }
    let noun = if head_first {
        full[0]
    } else {
        full[full.len() - 1]
    };
    if noun.eq_ignore_ascii_case(word) {
        return (a.to_string(), b.to_string());
    }
    if head_first {
        (a.to_string(), format!("{noun} {word}"))
    } else {
        (format!("{word} {noun}"), b.to_string())
    }
}

/// Acronyms defined in `text`: `(acronym, expansion)` for "Global
/// Interpreter Lock (GIL)" and for "GIL (Global Interpreter Lock)": an
/// acronym of two to six capitals whose letters are the initials of as
/// many words right before or inside the parentheses.
fn acronyms(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (open, _) in text.match_indices('(') {
        let Some(close) = text[open + 1..].find(')').map(|c| open + 1 + c) else {
            continue;
        };
        let inside = text[open + 1..close].trim();
        let before = text[..open].trim_end();
        if is_acronym(inside) {
            let k = inside.chars().count();
            let last = last_word_spans(before, k);
            if last.len() == k {
                let ws: Vec<&str> = last.iter().map(|(_, w)| *w).collect();
                if initials(&ws) == inside.to_lowercase() {
                    out.push((inside.to_string(), tidy(&before[last[0].0..])));
                }
            }
        } else if let Some(acr) = last_word_spans(before, 1)
            .first()
            .map(|(_, w)| *w)
            .filter(|w| is_acronym(w))
        {
            let ws: Vec<&str> = words(inside).collect();
            if ws.len() == acr.chars().count() && initials(&ws) == acr.to_lowercase() {
                out.push((acr.to_string(), tidy(inside)));
            }
        }
    }
    out
}

/// The expansion of `acronym` that `answer` opens with: its first words,
/// one per letter, whose initials spell it ("WSGI" / "Web Server Gateway
/// Interface → a standard …"). `None` when `acronym` is no acronym or the
/// initials differ.
fn opening_expansion(acronym: &str, answer: &str) -> Option<String> {
    if !is_acronym(acronym) {
        return None;
    }
    let k = acronym.chars().count();
    let spans = word_spans(answer);
    let first: Vec<&str> = spans.iter().take(k).map(|(_, w)| *w).collect();
    if first.len() < k
        || initials(&first) != acronym.to_lowercase()
        || first.iter().any(|w| !w.chars().all(char::is_alphanumeric))
    {
        return None;
    }
    let (start, last) = (spans[0].0, spans[k - 1]);
    let expansion = tidy(&answer[start..last.0 + last.1.len()]);
    // Written out, not the acronym again ("WSGI is …").
    (!expansion.eq_ignore_ascii_case(acronym)).then_some(expansion)
}

fn is_acronym(s: &str) -> bool {
    (2..=6).contains(&s.chars().count()) && s.chars().all(|c| c.is_ascii_uppercase())
}

/// Whether `w` is two to six letters, all capitals, in any script ("GC",
/// "ЦП").
fn is_capitals(w: &str) -> bool {
    (2..=6).contains(&w.chars().count()) && w.chars().all(char::is_uppercase)
}

fn initials(ws: &[&str]) -> String {
    ws.iter()
        .filter_map(|w| w.chars().next())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The first sentence of `prose` (at most 200 characters).
fn first_sentence(prose: &str) -> String {
    let line = prose
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    cut_sentence(line)
}

/// The sentence of `text` holding `phrase`.
fn sentence_around(text: &str, phrase: &str) -> String {
    let Some(at) = text.find(phrase) else {
        return String::new();
    };
    let start = text[..at]
        .rfind(['.', '。', '\n', '?', '？', '!'])
        .map_or(0, |i| {
            i + text[i..].chars().next().map_or(1, char::len_utf8)
        });
    cut_sentence(text[start..].trim_start())
}

/// `text` up to its first sentence end, at most 200 characters.
fn cut_sentence(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        out.push(c);
        let next_space = text[out.len()..].starts_with(' ') || text.len() == out.len();
        if matches!(c, '。' | '？' | '！') || (matches!(c, '.' | '?' | '!') && next_space) {
            break;
        }
        if i >= 200 {
            out.push('…');
            break;
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_openers_are_stop_words_in_every_language() {
        for (lang, word) in [
            ("ru", "разница"),
            ("ru", "отличие"),
            ("fr", "comment"),
            ("es", "diferencia"),
        ] {
            assert!(stop_words(lang).contains(word), "{lang}: {word}");
        }
        let stop = stop_words("ru");
        let runs = content_runs("Разница между интерфейсом и абстрактным классом?", &stop);
        assert!(runs.iter().all(|r| r[0] != "Разница"), "{runs:?}");
    }

    #[test]
    fn word_spans_split_ascii_and_other_scripts_alike() {
        let text = "the __init__ method, café и декоратор: 装饰器 x2!";
        let spans = word_spans(text);
        let ws: Vec<&str> = spans.iter().map(|(_, w)| *w).collect();
        assert_eq!(
            ws,
            [
                "the",
                "__init__",
                "method",
                "café",
                "и",
                "декоратор",
                "装饰器",
                "x2"
            ]
        );
        for (at, w) in spans {
            assert_eq!(&text[at..at + w.len()], w);
        }
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" ,.; ").count(), 0);
    }

    #[test]
    fn word_spans_agree_with_a_char_by_char_split() {
        // The ASCII table and the Unicode path must cut the same words as
        // a plain reading of `char::is_alphanumeric` and `_`.
        let texts = [
            "GIL-free? CPython's __slots__ (x_1, y2) — done.",
            "Декоратор — это функция; デコレータは関数 and 装饰器.",
            "ünïcödé mixed_with ASCII, tabs\tand\nnewlines",
        ];
        for text in texts {
            let reference: Vec<&str> = text
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text).collect::<Vec<_>>(), reference, "{text:?}");
        }
    }

    #[test]
    fn a_lone_modifier_shares_the_compared_noun() {
        let nouns = |w: &str| {
            ["threads", "thread", "list", "processus"].contains(&w.to_lowercase().as_str())
        };
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        for (a, b, head_first, want) in [
            (
                "Cooperative",
                "preemptive multitasking",
                false,
                pair("Cooperative multitasking", "preemptive multitasking"),
            ),
            (
                "Deep",
                "shallow copy",
                false,
                pair("Deep copy", "shallow copy"),
            ),
            (
                "Threads",
                "asyncio tasks",
                false,
                pair("Threads", "asyncio tasks"),
            ),
            (
                "List",
                "tuple performance",
                false,
                pair("List", "tuple performance"),
            ),
            (
                "GIL",
                "multiprocessing",
                false,
                pair("GIL", "multiprocessing"),
            ),
            (
                "multitâche coopératif",
                "préemptif",
                true,
                pair("multitâche coopératif", "multitâche préemptif"),
            ),
            (
                "copie profonde",
                "superficielle",
                true,
                pair("copie profonde", "copie superficielle"),
            ),
            (
                "processus légers",
                "processus",
                true,
                pair("processus légers", "processus"),
            ),
        ] {
            assert_eq!(share_head(a, b, head_first, &nouns), want, "{a} vs {b}");
        }
    }

    #[test]
    fn a_name_is_capitalised_inside_or_away_from_a_sentence_start() {
        for (w, at_start, name) in [
            ("CPython", true, true),
            ("Python", true, false),
            ("Python", false, true),
            ("python", false, false),
            ("Питон", false, true),
            ("Питон", true, false),
            ("ПиТон", true, true),
            ("", false, false),
        ] {
            assert_eq!(is_name(w, at_start), name, "{w:?} at start {at_start}");
        }
    }

    #[test]
    fn heads_follow_a_determiner_and_end_a_phrase() {
        let t = EntryText {
            questions: vec!["What does the interpreter do?".into()],
            prose: "A tuple. The list comprehension is fast.".into(),
            code: Vec::new(),
            source: "a.md".into(),
            line: 1,
            lang: "en".into(),
            sections: Vec::new(),
        };
        let stop = stop_words("en");
        let scan = |t, stop| {
            let (mut set, mut heads) = (FxHashSet::default(), FxHashSet::default());
            scan_entry(t, stop, &mut set, &mut heads);
            let mut heads: Vec<&str> = heads.into_iter().collect();
            heads.sort_unstable();
            (set, heads)
        };
        let (set, heads) = scan(&t, Some(&stop));
        assert!(set.contains("comprehension") && set.contains("interpreter"));
        assert_eq!(heads, ["interpreter", "tuple"]);
        // Without stop words, the words and no heads.
        let (bare, none) = scan(&t, None);
        assert_eq!(bare, set);
        assert!(none.is_empty());
        let ru = EntryText {
            lang: "ru".into(),
            questions: t.questions.clone(),
            prose: t.prose.clone(),
            code: Vec::new(),
            source: t.source.clone(),
            line: 1,
            sections: Vec::new(),
        };
        assert!(scan(&ru, Some(&stop)).1.is_empty());
    }

    #[test]
    fn predicate_endings_are_cut_from_japanese_and_korean_words() {
        // Japanese: hiragana after the stem writes the inflection (pieces
        // of one character are dropped by `cjk_pieces`).
        assert_eq!(without_predicate("述べて"), vec!["述"]);
        assert_eq!(without_predicate("している"), Vec::<&str>::new());
        assert_eq!(without_predicate("使ったこ"), vec!["使"]);
        assert_eq!(without_predicate("提供し"), vec!["提供"]);
        assert_eq!(without_predicate("クロージャ"), vec!["クロージャ"]);
        assert_eq!(without_predicate("名前空間"), vec!["名前空間"]);
        // Korean: a light-verb ending goes, a postpositional verb too.
        assert_eq!(without_predicate("사용하는"), vec!["사용"]);
        assert_eq!(without_predicate("저장되어"), vec!["저장"]);
        assert_eq!(without_predicate("대해서"), Vec::<&str>::new());
        assert_eq!(without_predicate("하고"), Vec::<&str>::new());
        // A noun that merely ends like a verb form keeps its syllables.
        assert_eq!(without_predicate("권한"), vec!["권한"]);
        assert_eq!(without_predicate("트랜잭션"), vec!["트랜잭션"]);
        // Chinese has neither script.
        assert_eq!(without_predicate("垃圾回收"), vec!["垃圾回收"]);
        // A particle attached to a Latin word goes, in Korean as in
        // Japanese (whose particles split the run).
        assert_eq!(without_predicate("LAN에"), vec!["LAN"]);
        assert_eq!(without_predicate("API를"), vec!["API"]);
        assert_eq!(without_predicate("IP주소"), vec!["IP주소"]);
        assert!(cjk_pieces("LANの").contains(&"LAN".to_string()));
        // What a question asks for, and "between", are no names.
        assert_eq!(cjk_pieces("Nginx的优点"), ["Nginx"]);
        assert_eq!(cjk_pieces("进程和线程之间"), ["进程", "线程"]);
        assert_eq!(cjk_pieces("ORM의 장단점"), ["ORM"]);
        let pieces = cjk_pieces("クロージャを使ったことがありますか");
        assert!(pieces.contains(&"クロージャ".to_string()), "{pieces:?}");
        assert!(pieces.iter().all(|p| !p.contains('っ')), "{pieces:?}");
    }

    #[test]
    fn a_bare_noun_after_a_preposition_heads_its_phrase() {
        let entry = |lang: &str, question: &str, prose: &str| EntryText {
            questions: vec![question.into()],
            prose: prose.into(),
            code: Vec::new(),
            source: "a.md".into(),
            line: 1,
            lang: lang.into(),
            sections: Vec::new(),
        };
        let heads = |t: &EntryText| {
            let stop = stop_words(&t.lang);
            let (mut set, mut heads) = (FxHashSet::default(), FxHashSet::default());
            scan_entry(t, Some(&stop), &mut set, &mut heads);
            let mut heads: Vec<String> = heads.into_iter().map(str::to_string).collect();
            heads.sort_unstable();
            heads
        };
        // A mass noun takes no article; a preposition shows it is a noun.
        // A modifier after one is not ("multiple" of "multiple inheritance"),
        // nor is an infinitive after "to".
        let en = entry(
            "en",
            "What happens to the stack during recursion?",
            "Classes reuse code with multiple inheritance. It is easy to overflow.",
        );
        assert_eq!(heads(&en), ["recursion", "stack"]);
        let de = entry(
            "de",
            "Wie teilt man Code ohne Vererbung?",
            "Mit mehrfacher Vererbung geht es auch.",
        );
        assert_eq!(heads(&de), ["Vererbung"]);
        // Not in a language whose prepositions take an infinitive.
        let es = entry(
            "es",
            "¿Se puede reutilizar sin herencia?",
            "Sirve para probar.",
        );
        assert!(heads(&es).is_empty(), "{:?}", heads(&es));
        // Languages without articles: the preposition alone shows the noun
        // (a capital one too, at a sentence's start); a verb never follows.
        let ru = entry(
            "ru",
            "Что делает команда без аргументов?",
            "В каталоге. Показывает файлы для пользователя.",
        );
        assert_eq!(heads(&ru), ["аргументов", "каталоге", "пользователя"]);
        let pl = entry(
            "pl",
            "Co robi polecenie bez argumentów?",
            "W katalogu. Pokazuje pliki dla użytkownika.",
        );
        assert_eq!(heads(&pl), ["argumentów", "katalogu", "użytkownika"]);
    }

    #[test]
    fn a_name_asked_once_that_the_answers_also_say_outranks_one_they_do_not() {
        let candidate = |asked: &[usize], used: &[usize], said: &[usize]| Candidate {
            forms: [("x".to_string(), 1)].into(),
            asked: asked.iter().copied().collect(),
            used: used.iter().copied().collect(),
            said: said.iter().copied().collect(),
            framed: !asked.is_empty(),
            ..Candidate::default()
        };
        let source_of = [0, 0, 0, 0];
        let score = |c: &Candidate| Discovery::score(c, &source_of);
        let confirmed = candidate(&[0], &[0], &[1]);
        let alone = candidate(&[0], &[0], &[]);
        assert!(score(&confirmed) > score(&alone));
        // A phrase only the answers name is scored by its uses alone.
        assert_eq!(
            score(&candidate(&[], &[0, 1, 2], &[0, 1, 2])),
            score(&candidate(&[], &[0, 1, 2], &[]))
        );
    }

    #[test]
    fn define_subjects_in_several_languages() {
        let cases: [(&str, &[&str]); 15] = [
            // A subject that asks another question is none.
            ("Explain how garbage collection works.", &[]),
            ("Explain why sets are fast.", &[]),
            ("请解释如何在服务器上添加模块？", &[]),
            ("请解释是否可以替换错误页？", &[]),
            ("请解释GIL是什么？", &["GIL"]),
            ("请解释什么是C10K问题？", &["C10K问题"]),
            ("What is the GIL in Python?", &["GIL"]),
            ("What are lists and tuples?", &["lists", "tuples"]),
            ("Explain reference counting.", &["reference counting"]),
            ("Python的垃圾回收机制是什么？", &["垃圾回收机制"]),
            ("什么是装饰器？", &["装饰器"]),
            ("デコレータとは何ですか？", &["デコレータ"]),
            ("메타클래스란 무엇인가요?", &["메타클래스"]),
            ("Что такое декоратор в Python?", &["декоратор"]),
            ("How do I sort a list?", &[]),
        ];
        for (q, expect) in cases {
            assert_eq!(define_subject(q), expect, "{q}");
        }
    }

    #[test]
    fn subject_cores_skip_frames_and_qualifiers() {
        let stop = stop_words("en");
        for (subject, core) in [
            ("context managers in simple terms", "context managers"),
            ("the gotchas of descriptors", "descriptors"),
            ("Global Interpreter Lock", "Global Interpreter Lock"),
        ] {
            assert_eq!(
                subject_core(subject, &stop, &NounStops::NONE).as_deref(),
                Some(core),
                "{subject}"
            );
        }
        let fr = stop_words("fr");
        assert_eq!(
            subject_core("le but de décorateurs", &fr, &NounStops::NONE).as_deref(),
            Some("décorateurs")
        );
    }

    #[test]
    fn acronyms_are_read_both_ways() {
        assert_eq!(
            acronyms(
                "The Global Interpreter Lock (GIL) guards objects; GC (Garbage Collection) frees them."
            ),
            [
                ("GIL".to_string(), "Global Interpreter Lock".to_string()),
                ("GC".to_string(), "Garbage Collection".to_string()),
            ]
        );
        assert!(acronyms("a (OK) b (XY)").is_empty());
        // Far into a long answer, the words before the parenthesis are
        // still read.
        let long = format!(
            "{} Global Interpreter Lock (GIL)",
            "слово word ".repeat(500)
        );
        assert_eq!(
            acronyms(&long),
            [("GIL".to_string(), "Global Interpreter Lock".to_string())]
        );
    }

    #[test]
    fn last_word_spans_are_the_tail_of_word_spans() {
        let long_word = "x".repeat(300);
        for text in [
            String::new(),
            "one".to_string(),
            "a b c".to_string(),
            format!("{} tail {long_word}", "многобайтные слова, ".repeat(40)),
            format!("{long_word} {long_word}"),
        ] {
            let all = word_spans(&text);
            for k in 1..=5 {
                let tail = &all[all.len().saturating_sub(k)..];
                assert_eq!(last_word_spans(&text, k), tail, "{k} of {text:?}");
            }
        }
    }

    #[test]
    fn compare_frames_name_both_sides() {
        for (question, a, b) in [
            (
                "What is the difference between a list and a tuple?",
                "a list",
                "a tuple",
            ),
            ("Threads vs processes?", "Threads", "processes"),
            (
                "Shallow copy vs deep copy vs assignment?",
                "Shallow copy",
                "deep copy",
            ),
            (
                "Прокси vs балансировщик vs шлюз?",
                "Прокси",
                "балансировщик",
            ),
            ("列表和元组的区别？", "列表", "元组"),
            ("Чем список отличается от кортежа?", "список", "кортежа"),
            (
                "Quelle est la différence entre Docker et Podman ?",
                "Docker",
                "Podman",
            ),
            (
                "Was ist der Unterschied zwischen Prozess und Thread?",
                "Prozess",
                "Thread",
            ),
            ("プロセスとスレッドの違いは？", "プロセス", "スレッド"),
        ] {
            assert_eq!(
                compare_pair(question),
                Some((a.to_string(), b.to_string())),
                "{question}"
            );
        }
    }

    #[test]
    fn keys_contained_at_word_boundaries() {
        let keys = [
            "event",
            "event loop",
            "loop",
            "eventual",
            "цикл событий",
            "цикл",
            "垃圾回收",
            "回收",
        ];
        let containers = containing_keys(&keys);
        assert_eq!(containers[0], vec![1]);
        assert_eq!(containers[1], Vec::<usize>::new());
        assert_eq!(containers[2], vec![1]);
        assert_eq!(containers[5], vec![4]);
        assert_eq!(containers[7], vec![6]);
    }

    #[test]
    fn identifiers_need_a_dot_or_underscore() {
        assert!(is_identifier("__slots__") && is_identifier("functools.partial"));
        assert!(!is_identifier("list") && !is_identifier("a b") && !is_identifier("x."));
    }
}
