//! Stop words: one base list of English function words, and each stage's
//! list declared against it as the base plus its additions minus the base
//! words it keeps. The lists are declared here together, so what one stage
//! drops and another keeps is seen in one place; `text` still imports no
//! stage, and each stage reads its own list.
//!
//! Every list is a sorted array built at compile time by [`stage`], which
//! refuses (as a compile error) an addition already in [`BASE`], a keep
//! not in it, and a duplicate.
//!
//! | list         | used by                                     | base + adds − keeps |
//! |--------------|---------------------------------------------|---------------------|
//! | [`SEARCH`]   | search index, `static/search.js`, discovery | 36 + 45 − 0         |
//! | [`DEDUP`]    | dedup topic terms                           | 36 + 123 − 5        |
//! | [`RELATED`]  | related questions (title words)             | 36 + 12 − 1         |
//! | [`SUGGEST`]  | catalog suggestions (phrase ends)           | 36 + 119 − 1        |
//! | [`CHAPTERS`] | chapter grouping (title words)              | 36 + 1 − 7          |
//!
//! Concept discovery takes the `stop-words` crate's ISO list of the
//! source's language ([`iso`]) together with [`SEARCH`].

/// The words most stages drop: articles, the commonest prepositions,
/// pronouns and auxiliaries, and question words. Sorted.
pub const BASE: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "between", "by", "can", "do", "does",
    "for", "from", "how", "in", "is", "it", "its", "of", "on", "or", "s", "the", "this", "to",
    "vs", "what", "when", "which", "who", "why", "with", "you", "your",
];

/// Added to [`BASE`] for the search index (mirrored by `static/search.js`):
/// auxiliaries, pronouns and contraction remnants (`ll`, `ve`).
pub const SEARCH_ADDS: &[&str] = &[
    "been", "being", "but", "could", "d", "did", "doing", "done", "had", "has", "have", "i", "if",
    "into", "ll", "m", "may", "me", "might", "my", "our", "re", "should", "so", "t", "than",
    "that", "their", "them", "then", "there", "these", "they", "those", "us", "ve", "versus",
    "was", "we", "were", "where", "whom", "whose", "will", "would",
];

/// Base words the search index (mirrored by `static/search.js`) keeps.
pub const SEARCH_KEEPS: &[&str] = &[];

/// The stop words of the search index (mirrored by `static/search.js`):
/// [`BASE`] + [`SEARCH_ADDS`] − [`SEARCH_KEEPS`], sorted.
pub const SEARCH: [&str; stage_len(SEARCH_ADDS, SEARCH_KEEPS)] = stage(SEARCH_ADDS, SEARCH_KEEPS);

/// Added to [`BASE`] for dedup (topic terms of a question): a long list of
/// English function words, contraction remnants (`couldn`).
pub const DEDUP_ADDS: &[&str] = &[
    "above",
    "across",
    "after",
    "again",
    "against",
    "all",
    "along",
    "also",
    "am",
    "among",
    "another",
    "any",
    "anything",
    "aren",
    "around",
    "been",
    "before",
    "behind",
    "being",
    "below",
    "beside",
    "besides",
    "beyond",
    "both",
    "but",
    "cannot",
    "could",
    "couldn",
    "despite",
    "did",
    "didn",
    "doesn",
    "doing",
    "don",
    "done",
    "down",
    "during",
    "e",
    "each",
    "eg",
    "else",
    "etc",
    "even",
    "every",
    "everything",
    "few",
    "further",
    "g",
    "get",
    "gets",
    "had",
    "has",
    "hasn",
    "have",
    "haven",
    "having",
    "he",
    "her",
    "here",
    "him",
    "his",
    "i",
    "ie",
    "if",
    "into",
    "isn",
    "itself",
    "just",
    "let",
    "may",
    "me",
    "might",
    "more",
    "most",
    "must",
    "my",
    "near",
    "no",
    "nor",
    "not",
    "nothing",
    "off",
    "once",
    "one",
    "onto",
    "other",
    "our",
    "out",
    "outside",
    "over",
    "own",
    "per",
    "please",
    "shall",
    "she",
    "should",
    "shouldn",
    "since",
    "so",
    "some",
    "something",
    "such",
    "t",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "those",
    "through",
    "too",
    "toward",
    "towards",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "via",
    "was",
    "wasn",
    "we",
    "were",
    "weren",
    "whereas",
    "whether",
    "while",
    "whom",
    "whose",
    "will",
    "won",
    "would",
    "wouldn",
];

/// Base words dedup (topic terms of a question) keeps.
pub const DEDUP_KEEPS: &[&str] = &["how", "vs", "what", "when", "why"];

/// The stop words of dedup (topic terms of a question): [`BASE`] +
/// [`DEDUP_ADDS`] − [`DEDUP_KEEPS`], sorted.
pub const DEDUP: [&str; stage_len(DEDUP_ADDS, DEDUP_KEEPS)] = stage(DEDUP_ADDS, DEDUP_KEEPS);

/// Added to [`BASE`] for related questions (content words of titles): question
/// framing words (`explain`, `difference`) and `python`.
pub const RELATED_ADDS: &[&str] = &[
    "difference",
    "explain",
    "externally",
    "happens",
    "internally",
    "python",
    "use",
    "used",
    "using",
    "where",
    "work",
    "works",
];

/// Base words related questions (content words of titles) keeps.
pub const RELATED_KEEPS: &[&str] = &["this"];

/// The stop words of related questions (content words of titles): [`BASE`] +
/// [`RELATED_ADDS`] − [`RELATED_KEEPS`], sorted.
pub const RELATED: [&str; stage_len(RELATED_ADDS, RELATED_KEEPS)] =
    stage(RELATED_ADDS, RELATED_KEEPS);

/// Added to [`BASE`] for catalog suggestions (words that end a noun phrase):
/// function words, vague adjectives and adverbs, `python`.
pub const SUGGEST_ADDS: &[&str] = &[
    "above",
    "after",
    "again",
    "all",
    "also",
    "always",
    "any",
    "because",
    "been",
    "before",
    "being",
    "best",
    "better",
    "both",
    "but",
    "cannot",
    "could",
    "did",
    "doing",
    "done",
    "down",
    "during",
    "each",
    "either",
    "else",
    "even",
    "every",
    "example",
    "externally",
    "few",
    "get",
    "gets",
    "had",
    "happen",
    "happens",
    "has",
    "have",
    "having",
    "however",
    "if",
    "instead",
    "internally",
    "into",
    "just",
    "less",
    "like",
    "main",
    "make",
    "makes",
    "many",
    "may",
    "more",
    "most",
    "much",
    "must",
    "need",
    "needed",
    "never",
    "new",
    "no",
    "non",
    "not",
    "now",
    "often",
    "once",
    "one",
    "only",
    "other",
    "our",
    "out",
    "over",
    "own",
    "per",
    "python",
    "rather",
    "same",
    "should",
    "since",
    "so",
    "some",
    "such",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "those",
    "through",
    "thus",
    "too",
    "two",
    "under",
    "until",
    "up",
    "use",
    "used",
    "uses",
    "using",
    "usually",
    "very",
    "via",
    "was",
    "way",
    "we",
    "well",
    "were",
    "where",
    "whether",
    "while",
    "will",
    "within",
    "without",
    "work",
    "works",
    "would",
    "yes",
];

/// Base words catalog suggestions (words that end a noun phrase) keeps.
pub const SUGGEST_KEEPS: &[&str] = &["s"];

/// The stop words of catalog suggestions (words that end a noun phrase):
/// [`BASE`] + [`SUGGEST_ADDS`] − [`SUGGEST_KEEPS`], sorted.
pub const SUGGEST: [&str; stage_len(SUGGEST_ADDS, SUGGEST_KEEPS)] =
    stage(SUGGEST_ADDS, SUGGEST_KEEPS);

/// Added to [`BASE`] for chapter grouping (content words of titles):
/// none. A handbook's subject words ("python") are found by document
/// frequency, not listed.
pub const CHAPTERS_ADDS: &[&str] = &[];

/// Base words chapter grouping (content words of titles) keeps.
pub const CHAPTERS_KEEPS: &[&str] = &["about", "between", "can", "its", "who", "you", "your"];

/// The stop words of chapter grouping (content words of titles): [`BASE`] +
/// [`CHAPTERS_ADDS`] − [`CHAPTERS_KEEPS`], sorted.
pub const CHAPTERS: [&str; stage_len(CHAPTERS_ADDS, CHAPTERS_KEEPS)] =
    stage(CHAPTERS_ADDS, CHAPTERS_KEEPS);

/// The length of [`stage`]`(adds, keeps)`.
pub const fn stage_len(adds: &[&str], keeps: &[&str]) -> usize {
    BASE.len() + adds.len() - keeps.len()
}

/// [`BASE`] with `adds` added and `keeps` removed, sorted (byte order, as
/// `str` sorts). Panics, at compile time in a `const`, when an addition is
/// already in [`BASE`], a keep is not, a word is listed twice, or `N` is
/// not [`stage_len`]`(adds, keeps)`.
pub const fn stage<const N: usize>(
    adds: &[&'static str],
    keeps: &[&'static str],
) -> [&'static str; N] {
    let mut out = [""; N];
    let mut n = 0;
    let mut i = 0;
    while i < keeps.len() {
        if !contains(BASE, keeps[i]) {
            panic!("a kept stop word is not in BASE");
        }
        i += 1;
    }
    i = 0;
    while i < BASE.len() {
        if !contains(keeps, BASE[i]) {
            if n == N {
                panic!("N is not stage_len(adds, keeps)");
            }
            out[n] = BASE[i];
            n += 1;
        }
        i += 1;
    }
    i = 0;
    while i < adds.len() {
        if contains(BASE, adds[i]) {
            panic!("an added stop word is already in BASE");
        }
        if n == N {
            panic!("N is not stage_len(adds, keeps)");
        }
        out[n] = adds[i];
        n += 1;
        i += 1;
    }
    if n != N {
        panic!("N is not stage_len(adds, keeps)");
    }
    // Insertion sort; equal neighbours mean a word listed twice.
    i = 1;
    while i < N {
        let mut j = i;
        while j > 0 && compare(out[j - 1], out[j]) > 0 {
            let w = out[j];
            out[j] = out[j - 1];
            out[j - 1] = w;
            j -= 1;
        }
        i += 1;
    }
    i = 1;
    while i < N {
        if compare(out[i - 1], out[i]) == 0 {
            panic!("a stop word is listed twice");
        }
        i += 1;
    }
    out
}

/// The `stop-words` crate's ISO list for a language code (its primary
/// subtag: `pt-BR` is `pt`), English for a language it does not know.
pub fn iso(lang: &str) -> &'static [&'static str] {
    let base = lang.split('-').next().unwrap_or("en");
    stop_words::lookup(base)
        .or_else(|| stop_words::lookup("en"))
        .unwrap_or(&[])
}

/// Whether `list` holds `word` (a `const` linear search).
const fn contains(list: &[&str], word: &str) -> bool {
    let mut i = 0;
    while i < list.len() {
        if compare(list[i], word) == 0 {
            return true;
        }
        i += 1;
    }
    false
}

/// `a` against `b` in byte order (as `str`'s `Ord`): negative, zero or
/// positive.
const fn compare(a: &str, b: &str) -> i32 {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let mut i = 0;
    while i < a.len() && i < b.len() {
        if a[i] != b[i] {
            return a[i] as i32 - b[i] as i32;
        }
        i += 1;
    }
    a.len() as i32 - b.len() as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stage's list equals `old` (the list as the stage wrote it before
    /// the base list, kept here as the regression reference), and is sorted.
    fn same(list: &[&str], old: &str) {
        let mut old: Vec<&str> = old.split_whitespace().collect();
        old.sort_unstable();
        assert_eq!(list, old.as_slice());
    }

    #[test]
    fn search_list_is_unchanged() {
        same(
            &SEARCH,
            "a about an and are as at be been being between but by can could d did do does \
         doing done for from had has have how i if in into is it its ll m may me might my \
         of on or our re s should so t than that the their them then there these they \
         this those to us ve versus vs was we were what when where which who whom whose \
         why will with would you your",
        );
    }

    #[test]
    fn dedup_list_is_unchanged() {
        same(
            &DEDUP,
            "a about above after again against all also am among an and another any anything \
         are aren as at be been before being below between both but by can cannot could \
         couldn despite did didn do does doesn doing don done down during e each eg else \
         etc even every everything few for from further g get gets had has hasn have \
         haven having he her here him his i ie if in into is isn it its itself just let \
         may me might more most must my no nor not nothing of off on once one onto or \
         other our out over own per please s shall she should shouldn so some something \
         such t than that the their them then there these they this those through to too \
         under up upon us very via was wasn we were weren whether which while who whom \
         whose will with won would wouldn you your \
         across along around behind beside besides beyond near outside since toward \
         towards until whereas",
        );
    }

    #[test]
    fn related_list_is_unchanged() {
        same(
            &RELATED,
            "a about an and are as at be between by can difference do does explain for from \
         how in internally externally is it its of on or python s the to use used using \
         vs what when where which who why with work works you your happens",
        );
    }

    #[test]
    fn suggest_list_is_unchanged() {
        same(
            &SUGGEST,
            "a about above after again all also always an and any are as at be because been \
         before being best better between both but by can cannot could did do does doing \
         done down during each either else even every example few for from get gets had \
         happen happens has have having how however if in instead internally externally \
         into is it its just less like main make makes many may more most much must need \
         needed never new no non not now of often on once one only or other our out over \
         own per python rather same should since so some such than that the their them \
         then there these they this those through thus to too two under until up use used \
         uses using usually very via vs was way we well were what work works when where \
         whether which while who why will with within without would yes you your",
        );
    }

    #[test]
    fn chapters_list_is_unchanged() {
        // Without "python": subject words are found by document frequency.
        same(
            &CHAPTERS,
            "a an and the of in on to for is are what how why does do s vs with when \
         which it be by as or at from this",
        );
    }

    #[test]
    fn base_is_sorted_and_in_most_lists() {
        assert!(BASE.windows(2).all(|w| w[0] < w[1]));
        let lists: [&[&str]; 5] = [&SEARCH, &DEDUP, &RELATED, &SUGGEST, &CHAPTERS];
        for w in BASE {
            assert!(lists.iter().filter(|l| l.contains(w)).count() >= 4, "{w}");
        }
    }

    #[test]
    fn iso_lists_fall_back_to_english() {
        assert!(iso("ru").contains(&"и"));
        assert!(iso("pt-BR").contains(&"não"));
        assert_eq!(iso("xx"), iso("en"));
    }
}
