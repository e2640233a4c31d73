//! Normalisation and tokenisation of one question (or answer) written as
//! inline markdown.
//!
//! * HTML tags and link targets are removed, emphasis markers are
//!   separators; text is lower-cased.
//! * Code stays code: inside backticks, and outside them for anything
//!   shaped like an identifier (`__init__`, `.pyc`, `sys.modules`, `id()`,
//!   `C++`), a token keeps its dots and underscores and is never stemmed.
//! * Hyphenated words are joined after a bound prefix ("multi-threading")
//!   and split otherwise ("event-driven"); `I/O`-style pairs of single
//!   letters are joined.
//! * Han, kana and Hangul runs become overlapping character bigrams, as
//!   in the search index ([`crate::text::tokens`]), and end a word of another
//!   script; full-width `？！；。` end clauses like their ASCII forms.
//! * A question is split into clauses at `?`, `!`, `;`, sentence-ending
//!   periods, and at "and"/"or"/"but" followed by a question word ("What is
//!   X and where is it stored?"). Parenthesised tokens are marked.

use std::sync::LazyLock;

use super::lexicon::{CHINESE_PARTICLES, CJK_FRAME_WORDS, JOINING_PREFIXES, KOREAN_PARTICLES};

/// One token of a question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// Lower-cased text (for code: trimmed of call parentheses).
    pub text: String,
    /// Identifier-, file- or call-shaped: never stemmed or treated as prose.
    pub code: bool,
    /// Inside parentheses in the source text.
    pub paren: bool,
    /// Written in capitals in the source (two or more capitals, no
    /// lower-case letters): a candidate acronym.
    pub caps: bool,
}

/// Tokens of one clause of a question.
pub(crate) type Clause = Vec<Token>;

/// Word characters of prose and code.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The pieces of a CJK run that can carry its topic: the run without its
/// question-frame words, each piece without a Korean particle. Shared
/// with concept discovery.
pub fn cjk_content_pieces(run: &str) -> Vec<&str> {
    without_frame_words(run)
        .into_iter()
        .map(without_particle)
        .collect()
}

/// What is cut out of a CJK run: the question-frame words
/// ([`CJK_FRAME_WORDS`]), the intents' cue words
/// (`super::intent::cjk_cue_words`) and the Chinese particles
/// ([`CHINESE_PARTICLES`]), longest first, built once.
static CUT_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&'static str> = CJK_FRAME_WORDS
        .iter()
        .chain(CHINESE_PARTICLES)
        .copied()
        .chain(super::intent::cjk_cue_words())
        .collect();
    words.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    words.dedup();
    words
});

/// The pieces of a CJK run left when the [`CUT_WORDS`] are cut out
/// (the longest that starts at each position).
fn without_frame_words(run: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut piece_start, mut at) = (0, 0);
    while at < run.len() {
        let rest = &run[at..];
        match CUT_WORDS.iter().find(|w| rest.starts_with(**w)) {
            Some(w) => {
                if at > piece_start {
                    out.push(&run[piece_start..at]);
                }
                at += w.len();
                piece_start = at;
            }
            None => at += rest.chars().next().map_or(1, char::len_utf8),
        }
    }
    if run.len() > piece_start {
        out.push(&run[piece_start..]);
    }
    out
}

/// A word of another script with a Korean particle ([`KOREAN_PARTICLES`])
/// written onto it ("LAN에", "GIL은"): the word alone; `None` for any
/// other piece.
pub(crate) fn without_attached_particle(piece: &str) -> Option<&str> {
    let at = piece.find(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c))?;
    (at > 0
        && !piece[..at].chars().any(crate::text::tokens::is_cjk)
        && KOREAN_PARTICLES.contains(&&piece[at..]))
    .then(|| &piece[..at])
}

/// A Hangul word of three or more syllables without the particle at its
/// end ([`KOREAN_PARTICLES`]); any other piece as it is.
fn without_particle(piece: &str) -> &str {
    let hangul = piece
        .chars()
        .all(|c| ('\u{AC00}'..='\u{D7A3}').contains(&c));
    if !hangul || piece.chars().count() < 3 {
        return piece;
    }
    KOREAN_PARTICLES
        .iter()
        .find_map(|p| piece.strip_suffix(*p))
        .filter(|stem| stem.chars().count() >= 2)
        .unwrap_or(piece)
}

/// A letter of a script written without spaces ([`crate::text::tokens::is_cjk`]).
fn is_cjk_word_char(c: char) -> bool {
    c.is_alphanumeric() && crate::text::tokens::is_cjk(c)
}

/// A token as [`scan`] finds it, borrowed for the duration of one
/// [`Sink::token`] call (no allocation for plain words).
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenRef<'t> {
    /// See [`Token::text`].
    pub text: &'t str,
    /// See [`Token::code`].
    pub code: bool,
    /// See [`Token::caps`].
    pub caps: bool,
}

/// Receives what [`scan`] finds, in text order.
pub(crate) trait Sink {
    /// One token; `paren` when it is inside parentheses.
    fn token(&mut self, tok: TokenRef<'_>, paren: bool);
    /// The end of a clause (`?`, `!`, `;`, a new line, a sentence end, or
    /// the end of the text).
    fn end_clause(&mut self);
}

/// Builds clauses of owned tokens.
#[derive(Default)]
struct ClauseSink {
    clauses: Vec<Clause>,
    current: Clause,
}

impl Sink for ClauseSink {
    fn token(&mut self, tok: TokenRef<'_>, paren: bool) {
        self.current.push(Token {
            text: tok.text.to_string(),
            code: tok.code,
            paren,
            caps: tok.caps,
        });
    }

    fn end_clause(&mut self) {
        if !self.current.is_empty() {
            self.clauses.push(std::mem::take(&mut self.current));
        }
    }
}

/// Incremental tokenizer state.
struct Scanner<'s, S: Sink> {
    sink: &'s mut S,
    paren_depth: usize,
    /// Scratch space for the text of a plain word.
    word: String,
}

impl<S: Sink> Scanner<'_, S> {
    fn push(&mut self, raw: &str) {
        let paren = self.paren_depth > 0;
        for tok in normalise_raw(raw) {
            let t = TokenRef {
                text: &tok.text,
                code: tok.code,
                caps: tok.caps,
            };
            self.sink.token(t, paren);
        }
    }

    /// [`Scanner::push`] for a raw token given as characters, without
    /// building a string for the common case of a plain word.
    fn push_chars(&mut self, raw: &[char]) {
        match plain_word(raw, &mut self.word) {
            Some(caps) => {
                let t = TokenRef {
                    text: &self.word,
                    code: false,
                    caps,
                };
                self.sink.token(t, self.paren_depth > 0);
            }
            None => self.push(&raw.iter().collect::<String>()),
        }
    }
}

/// Splits `text` (inline markdown) into clauses of tokens.
pub(crate) fn clauses(text: &str) -> Vec<Clause> {
    let mut sink = ClauseSink::default();
    scan(text, &mut sink);
    split_on_conjunctions(sink.clauses)
}

/// Tokenises `text` (inline markdown) into `sink`: the tokens and clause
/// ends [`clauses`] is made of, before sub-questions are split off at
/// "and how …".
pub(crate) fn scan(text: &str, sink: &mut impl Sink) {
    let cleaned = crate::text::markup::strip_tags(text, crate::text::markup::LinkTargets::Drop);
    let chars: Vec<char> = cleaned.chars().collect();
    let mut sc = Scanner {
        sink,
        paren_depth: 0,
        word: String::new(),
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '`' {
            let end = chars[i + 1..].iter().position(|&d| d == '`');
            let end = end.map_or(chars.len(), |e| i + 1 + e);
            let span: String = chars[i + 1..end].iter().collect();
            for piece in span.split_whitespace() {
                sc.push(piece);
            }
            i = end + 1;
            continue;
        }
        let start = i;
        if is_cjk_word_char(c) {
            // A CJK run: its overlapping bigrams, as the search index
            // cuts it (crate::text::tokens).
            while i < chars.len() && is_cjk_word_char(chars[i]) {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            // A Korean particle written onto a word of another script
            // ("GIL이란", "TCP와") belongs to that word: no term.
            let attached = start > 0 && is_word_char(chars[start - 1]);
            if attached && KOREAN_PARTICLES.contains(&run.as_str()) {
                continue;
            }
            for piece in without_frame_words(&run) {
                crate::text::tokens::scan(without_particle(piece), |t| sc.push(t.text));
            }
            continue;
        }
        while i < chars.len() && is_raw_token_char(&chars, i) && !is_cjk_word_char(chars[i]) {
            i += 1;
        }
        if i > start {
            sc.push_chars(&chars[start..i]);
            continue;
        }
        match c {
            '(' | '（' => sc.paren_depth += 1,
            ')' | '）' => sc.paren_depth = sc.paren_depth.saturating_sub(1),
            '?' | '!' | ';' | '\n' | '？' | '！' | '；' | '。' => sc.sink.end_clause(),
            '.' if chars.get(i + 1).is_none_or(|n| n.is_whitespace()) => sc.sink.end_clause(),
            _ => {}
        }
        i += 1;
    }
    sc.sink.end_clause();
}

/// True when `chars[i]` continues a raw token: word characters, and `.`,
/// `-`, `'`, `/`, `+`, `#`, `(`, `)` where they glue word characters
/// (`sys.modules`, `multi-threading`, `I/O`, `C++`, `id()`).
fn is_raw_token_char(chars: &[char], i: usize) -> bool {
    let c = chars[i];
    if is_word_char(c) {
        return true;
    }
    let prev = i.checked_sub(1).map(|p| chars[p]);
    let next = chars.get(i + 1).copied();
    let prev_word = prev.is_some_and(is_word_char);
    let next_word = next.is_some_and(is_word_char);
    match c {
        '.' => next_word && (prev_word || prev.is_none_or(|p| p.is_whitespace() || p == '(')),
        '-' | '\u{2010}' | '\u{2011}' | '\'' | '\u{2019}' | '/' => prev_word && next_word,
        '+' | '#' => prev_word || prev == Some('+'),
        '(' => prev_word && next == Some(')'),
        ')' => prev == Some('('),
        _ => false,
    }
}

/// [`normalise_raw`] of the commonest raw token, a run of ASCII letters
/// and digits: one prose word, lower-cased into `text`. Returns whether it
/// is written in capitals ([`Token::caps`]); `None` (and `text` left
/// unspecified) for any other token.
fn plain_word(raw: &[char], text: &mut String) -> Option<bool> {
    if raw.is_empty() || !raw.iter().all(char::is_ascii_alphanumeric) {
        return None;
    }
    let upper = raw.iter().filter(|c| c.is_ascii_uppercase()).count();
    let lower = raw.iter().any(char::is_ascii_lowercase);
    text.clear();
    text.extend(raw.iter().map(char::to_ascii_lowercase));
    Some(upper >= 2 && !lower)
}

/// Whether a raw token reads as an acronym ([`Token::caps`]): two or more
/// capitals and no lower-case letter.
pub(crate) fn is_caps(raw: &str) -> bool {
    raw.chars().filter(|c| c.is_uppercase()).count() >= 2 && !raw.chars().any(char::is_lowercase)
}

/// Turns one raw token into zero or more normalised tokens.
fn normalise_raw(raw: &str) -> Vec<Token> {
    let pieces: Vec<&str> = raw.split('/').collect();
    if pieces.len() > 1 {
        // `I/O` is one word; `threads/processes` and `Java/C++` are two.
        if pieces.iter().all(|p| p.chars().count() == 1) {
            return normalise_raw(&pieces.concat());
        }
        return pieces.into_iter().flat_map(normalise_raw).collect();
    }
    let caps = is_caps(raw);
    let lower = raw.to_lowercase();
    let trimmed = lower.trim_matches(|c: char| !is_word_char(c) && c != '.' && c != '+');
    let trimmed = trimmed.trim_end_matches('.');
    let is_call = trimmed.ends_with("()");
    let mut body = trimmed.trim_end_matches("()");
    // `_emphasis_` (but not `__dunder__`) is markdown, not an identifier.
    if body.len() > 2 && body.starts_with('_') && !body.starts_with("__") && body.ends_with('_') {
        body = &body[1..body.len() - 1];
    }
    if body.is_empty() {
        return Vec::new();
    }
    let looks_code = is_call || body.contains(['.', '_']) || body.ends_with(['+', '#']);
    if looks_code {
        // `C++` keeps its pluses; `3.7+` loses the "or later" plus.
        let stripped = body.trim_end_matches('+');
        let text = if stripped.len() <= 2 { body } else { stripped };
        return vec![Token {
            text: text.to_string(),
            code: true,
            paren: false,
            caps,
        }];
    }
    split_word(body)
        .into_iter()
        .map(|text| Token {
            text,
            code: false,
            paren: false,
            caps,
        })
        .collect()
}

/// Splits a prose word at apostrophes and hyphens, joining bound
/// prefixes.
fn split_word(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in word.split(['\'', '\u{2019}']) {
        out.extend(join_hyphens(piece));
    }
    out.retain(|w| !w.is_empty());
    out
}

/// Joins `multi-threading` → `multithreading`; splits `event-driven`.
fn join_hyphens(s: &str) -> Vec<String> {
    let parts: Vec<&str> = s
        .split(['-', '\u{2010}', '\u{2011}'])
        .filter(|p| !p.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    let mut pending: Option<String> = None;
    for p in parts {
        match pending.take() {
            Some(prefix) => out.push(prefix + p),
            None if JOINING_PREFIXES.contains(&p) => pending = Some(p.to_string()),
            None => out.push(p.to_string()),
        }
    }
    out.extend(pending);
    out
}

/// Question words that start a new sub-question after "and"/"or"/"but".
const CLAUSE_STARTERS: &[&str] = &["how", "what", "why", "when", "where", "which", "who"];

/// Splits clauses at "and how …", "or what …", "but why …".
fn split_on_conjunctions(clauses: Vec<Clause>) -> Vec<Clause> {
    let mut out = Vec::with_capacity(clauses.len());
    for clause in clauses {
        let mut current: Clause = Vec::new();
        let mut tokens = clause.into_iter().peekable();
        while let Some(t) = tokens.next() {
            let starts_sub = matches!(t.text.as_str(), "and" | "or" | "but")
                && !current.is_empty()
                && tokens
                    .peek()
                    .is_some_and(|n| CLAUSE_STARTERS.contains(&n.text.as_str()));
            if starts_sub {
                out.push(std::mem::take(&mut current));
            } else {
                current.push(t);
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(q: &str) -> Vec<Vec<String>> {
        clauses(q)
            .into_iter()
            .map(|c| c.into_iter().map(|t| t.text).collect())
            .collect()
    }

    #[test]
    fn code_spans_and_identifiers_are_kept() {
        assert_eq!(
            texts("What are `.pyc` files and when is `__init__()` called?"),
            vec![
                vec!["what", "are", ".pyc", "files"],
                vec!["when", "is", "__init__", "called"]
            ]
        );
        assert_eq!(
            texts("What is sys.modules?"),
            vec![vec!["what", "is", "sys.modules"]]
        );
        assert_eq!(
            texts("Java/C++ vs id()?"),
            vec![vec!["java", "c++", "vs", "id"]]
        );
    }

    #[test]
    fn hyphens_apostrophes_and_markup() {
        assert_eq!(
            texts("<b>How does multi-threading</b> affect event-driven I/O in Python’s GC?"),
            vec![vec![
                "how",
                "does",
                "multithreading",
                "affect",
                "event",
                "driven",
                "io",
                "in",
                "python",
                "s",
                "gc"
            ]]
        );
    }

    #[test]
    fn plain_words_take_the_fast_path_unchanged() {
        let mut text = String::new();
        for raw in ["GIL", "Python3", "multi", "x", "IO", "Ab", "42"] {
            let chars: Vec<char> = raw.chars().collect();
            let caps = plain_word(&chars, &mut text).expect(raw);
            let tok = Token {
                text: text.clone(),
                code: false,
                paren: false,
                caps,
            };
            assert_eq!(vec![tok], normalise_raw(raw));
        }
        let others = [
            "sys.modules",
            "__init__",
            "id()",
            "C++",
            "I/O",
            "a-b",
            "café",
        ];
        for raw in others {
            let chars: Vec<char> = raw.chars().collect();
            assert_eq!(plain_word(&chars, &mut text), None, "{raw}");
        }
    }

    #[test]
    fn clauses_split_and_parens_marked() {
        let c = clauses("What is the Global Interpreter Lock (GIL)? Why?");
        assert_eq!(c.len(), 2);
        let gil = c[0].last().unwrap();
        assert!(gil.paren && gil.caps && gil.text == "gil");
        assert_eq!(texts("Is it compiled? Explain step-by-step.").len(), 2);
    }
}
