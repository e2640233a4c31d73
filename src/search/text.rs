//! Text normalisation shared by the index (here) and the query code in
//! `static/search.js`, which mirrors it rule for rule: if one side changes,
//! the other must too (the browser tests catch a mismatch).
//!
//! 1. **Words** are maximal runs of alphanumeric characters (Rust
//!    [`char::is_alphanumeric`], JS `[\p{Alphabetic}\p{N}]`), lower-cased.
//!    Everything else separates words, including `_` and `.`, so
//!    `__slots__` is `slots` and `sys.modules` is `sys modules`.
//! 2. **Stopwords** (a short list of English function words and question
//!    words, plus contraction remnants such as the `s` of `Python’s`) are
//!    never indexed; in a query they only matter for phrase matching.
//! 3. Every other word of four or more letters goes through Harman's
//!    S-stemmer (D. Harman, "How effective is suffixing?", JASIS 42(1),
//!    1991): `-ies` → `-y` (not `-eies`, `-aies`), else `-s` dropped (not
//!    `-us`, `-ss`), so plurals meet their singulars.
//! 4. Two words written with a hyphen between them (`multi-threading`) are
//!    also indexed joined (`multithreading`).

/// Words never indexed. Sorted, so [`is_stopword`] can binary-search; the
/// same list is in `static/search.js`.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "been", "being", "between", "but", "by",
    "can", "could", "d", "did", "do", "does", "doing", "done", "for", "from", "had", "has", "have",
    "how", "i", "if", "in", "into", "is", "it", "its", "ll", "m", "may", "me", "might", "my", "of",
    "on", "or", "our", "re", "s", "should", "so", "t", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "those", "to", "us", "ve", "versus", "vs", "was",
    "we", "were", "what", "when", "where", "which", "who", "whom", "whose", "why", "will", "with",
    "would", "you", "your",
];

/// Whether `word` (already lower-cased) is a stopword.
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// The word lower-cased, as written.
    pub raw: String,
    /// The indexed form: the stem, or the raw word for a stopword.
    pub norm: String,
    /// Whether it is a stopword.
    pub stop: bool,
    /// Whether a single `-` joins it to the previous word.
    pub hyphen_before: bool,
}

/// Harman's S-stemmer on a lower-cased word; words under four characters
/// are returned unchanged.
pub fn stem(word: &str) -> String {
    if word.chars().count() < 4 {
        return word.to_string();
    }
    let ends = |s: &str| word.ends_with(s);
    if ends("ies") && !ends("eies") && !ends("aies") {
        format!("{}y", &word[..word.len() - 3])
    } else if ends("s") && !ends("us") && !ends("ss") {
        // Harman's `-es` → `-e` rule and its exceptions (`-aes`, `-ees`,
        // `-oes`, which fall through to this rule) both just drop the `s`.
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

/// The words of `text`, in order (see the module documentation).
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut gap = String::new();
    let flush = |current: &mut String, gap: &str, out: &mut Vec<Word>| {
        if current.is_empty() {
            return;
        }
        let raw = std::mem::take(current);
        let stop = is_stopword(&raw);
        let norm = if stop { raw.clone() } else { stem(&raw) };
        out.push(Word {
            raw,
            norm,
            stop,
            hyphen_before: !out.is_empty() && gap == "-",
        });
    };
    for c in text.chars() {
        if c.is_alphanumeric() {
            // `gap` holds what separated this word from the previous one.
            current.extend(c.to_lowercase());
        } else {
            if !current.is_empty() {
                flush(&mut current, &gap, &mut out);
                gap.clear();
            }
            gap.push(c);
        }
    }
    flush(&mut current, &gap, &mut out);
    out
}

/// The terms `text` contributes to an index field: every non-stopword's
/// stem, plus the joined form of each hyphenated pair of words.
pub fn terms(text: &str) -> Vec<String> {
    let ws = words(text);
    let mut out = Vec::with_capacity(ws.len());
    for (i, w) in ws.iter().enumerate() {
        if !w.stop {
            out.push(w.norm.clone());
        }
        if w.hyphen_before && i > 0 {
            let joined = stem(&format!("{}{}", ws[i - 1].raw, w.raw));
            out.push(joined);
        }
    }
    out
}

/// The normalised form of a phrase for the synonym table: each word's
/// `norm`, space-separated (stopwords kept, so "with statement" stays two
/// words).
pub fn phrase_key(text: &str) -> String {
    words(text)
        .into_iter()
        .map(|w| w.norm)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Plain text of a markdown fragment, split into prose and code-block text
/// (each whitespace-collapsed). Inline code counts as prose.
pub fn markdown_text(markdown: &str) -> (String, String) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut prose, mut code) = (String::new(), String::new());
    let mut in_code = false;
    for ev in Parser::new(markdown) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let target = if in_code { &mut code } else { &mut prose };
                target.push_str(&t);
                target.push(' ');
            }
            Event::SoftBreak | Event::HardBreak => prose.push(' '),
            _ => {}
        }
    }
    (collapse(&strip_tags(&prose)), collapse(&code))
}

/// `s` with `<tag>`s removed (answers may hold raw HTML such as `<b>`).
fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '<'
            && chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/')
        {
            for d in chars.by_ref() {
                if d == '>' {
                    break;
                }
            }
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut to at most `max` characters at a word boundary, with `…`
/// appended when something was cut.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let at = cut.rfind(' ').filter(|&i| i > max / 2).unwrap_or(cut.len());
    format!("{}…", cut[..at].trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(is_stopword("the") && !is_stopword("gil"));
    }

    #[test]
    fn the_browser_has_the_same_stopwords() {
        let js = include_str!("../../static/search.js");
        let start = js.find("var STOP = new Set((").expect("STOP in search.js");
        let end = start + js[start..].find(".split(").unwrap();
        let mut list: Vec<String> = js[start..end]
            .split('"')
            .skip(1)
            .step_by(2)
            .flat_map(|chunk| {
                chunk
                    .split_whitespace()
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        list.sort();
        assert_eq!(list, STOPWORDS);
    }

    #[test]
    fn s_stemmer_folds_plurals() {
        for (w, s) in [
            ("metaclasses", "metaclasse"),
            ("libraries", "library"),
            ("closures", "closure"),
            ("process", "process"),
            ("asyncio", "asyncio"),
            ("gil", "gil"),
            ("status", "status"),
            ("goes", "goe"),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }

    #[test]
    fn words_split_code_and_mark_hyphens() {
        let ws = words("What is `__slots__` in multi-threading? Python’s GIL");
        let raw: Vec<&str> = ws.iter().map(|w| w.raw.as_str()).collect();
        assert_eq!(
            raw,
            [
                "what",
                "is",
                "slots",
                "in",
                "multi",
                "threading",
                "python",
                "s",
                "gil"
            ]
        );
        assert!(ws[5].hyphen_before && !ws[4].hyphen_before);
        assert!(ws[7].stop);
    }

    #[test]
    fn terms_drop_stopwords_and_add_joined_hyphen_forms() {
        assert_eq!(
            terms("The multi-threading GILs"),
            ["multi", "threading", "multithreading", "gil"]
        );
    }

    #[test]
    fn phrase_keys_keep_stopwords() {
        assert_eq!(phrase_key("`with` statements"), "with statement");
        assert_eq!(
            phrase_key("Global Interpreter Lock"),
            "global interpreter lock"
        );
    }

    #[test]
    fn markdown_text_separates_code_blocks() {
        let (prose, code) = markdown_text("Use **with**:\n\n```python\nwith open(f): pass\n```\n");
        assert_eq!(prose, "Use with :");
        assert_eq!(code, "with open(f): pass");
    }

    #[test]
    fn excerpts_cut_at_words() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(excerpt("one two three four", 12), "one two…");
    }
}
