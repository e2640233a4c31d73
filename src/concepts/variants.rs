//! Spelling variants of an alias: plural and hyphenation forms.
//!
//! Notes write the same term many ways ("closure"/"closures",
//! "multithreading"/"multi-threading"/"multi threading",
//! "metaclass"/"meta classes"). Asking catalog authors to list every form
//! would make the catalog long and the forms they forget would silently
//! miss mentions, so the forms are generated here from the singular alias.
//! A generated form that never occurs in text costs nothing but a pattern.
//!
//! Rules (English, deliberately small):
//! - between two words, a space and a hyphen are interchangeable; after a
//!   joinable prefix ([`JOINABLE_PREFIXES`]) the words may also be written
//!   joined, and a single word starting with such a prefix may be split;
//! - the last word gets its regular plural (`-s`, `-es` after s/x/z/ch/sh,
//!   `-ies` after a consonant + y), unless it is not purely alphabetic or
//!   already ends in a single `s`.

/// Prefixes that English writes joined, hyphenated or spaced
/// ("multithreading", "multi-threading", "multi threading").
pub const JOINABLE_PREFIXES: &[&str] = &[
    "multi", "meta", "micro", "inter", "non", "pre", "sub", "super",
];

/// The shortest remainder after a prefix for a word to be split
/// ("subclass" splits, "prefix" does not).
const MIN_REMAINDER: usize = 4;

/// The most word gaps whose separators are all permuted; longer aliases only
/// get their written form plus all-space and all-hyphen forms.
const MAX_PERMUTED_GAPS: usize = 3;

/// All forms of `alias`: the alias itself first, then generated variants,
/// without duplicates. Case is kept as written.
pub fn variants(alias: &str) -> Vec<String> {
    let mut out = vec![alias.to_string()];
    for form in separator_forms(alias) {
        push_unique(&mut out, form);
    }
    let singulars = out.clone();
    for form in singulars {
        if let Some(plural) = plural(&form) {
            push_unique(&mut out, plural);
        }
    }
    out
}

fn push_unique(out: &mut Vec<String>, s: String) {
    if !out.contains(&s) {
        out.push(s);
    }
}

/// Splits `alias` into words at spaces and hyphens, splitting a leading
/// joinable prefix off single words; returns the words and, for each gap,
/// whether the gap may be written joined.
fn words(alias: &str) -> (Vec<&str>, Vec<bool>) {
    let mut words = Vec::new();
    let mut joinable = Vec::new();
    for (i, word) in alias.split([' ', '-']).enumerate() {
        if i > 0 {
            let prev: &str = words.last().copied().unwrap_or("");
            joinable.push(is_prefix_word(prev));
        }
        match split_prefix(word) {
            Some((prefix, rest)) => {
                words.push(prefix);
                words.push(rest);
                joinable.push(true);
            }
            None => words.push(word),
        }
    }
    (words, joinable)
}

fn is_prefix_word(word: &str) -> bool {
    JOINABLE_PREFIXES
        .iter()
        .any(|p| p.eq_ignore_ascii_case(word))
}

fn split_prefix(word: &str) -> Option<(&str, &str)> {
    JOINABLE_PREFIXES.iter().find_map(|p| {
        let head = word.get(..p.len())?;
        let rest = &word[p.len()..];
        let ok = head.eq_ignore_ascii_case(p)
            && rest.len() >= MIN_REMAINDER
            && rest.chars().all(|c| c.is_ascii_alphabetic());
        ok.then_some((head, rest))
    })
}

/// Every way of writing the gaps between the words of `alias`.
fn separator_forms(alias: &str) -> Vec<String> {
    let (words, joinable) = words(alias);
    if words.len() < 2 || words.iter().any(|w| w.is_empty()) {
        return Vec::new();
    }
    let choices: Vec<Vec<&str>> = joinable
        .iter()
        .map(|&j| {
            if j {
                vec![" ", "-", ""]
            } else {
                vec![" ", "-"]
            }
        })
        .collect();
    if choices.len() > MAX_PERMUTED_GAPS {
        return [" ", "-"]
            .iter()
            .map(|sep| join(&words, &vec![*sep; choices.len()]))
            .collect();
    }
    let mut forms = Vec::new();
    let mut pick = vec![0usize; choices.len()];
    loop {
        let seps: Vec<&str> = pick.iter().zip(&choices).map(|(&i, c)| c[i]).collect();
        forms.push(join(&words, &seps));
        // Next combination (odometer order).
        let mut k = 0;
        while k < pick.len() {
            pick[k] += 1;
            if pick[k] < choices[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
        if k == pick.len() {
            return forms;
        }
    }
}

fn join(words: &[&str], seps: &[&str]) -> String {
    let mut s = String::from(words[0]);
    for (w, sep) in words[1..].iter().zip(seps) {
        s.push_str(sep);
        s.push_str(w);
    }
    s
}

/// The regular plural of the last word of `form`, if it has one.
fn plural(form: &str) -> Option<String> {
    let last = form.rsplit([' ', '-']).next()?;
    if last.len() < 2 || !last.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower = last.to_ascii_lowercase();
    let upper = last.chars().all(|c| c.is_ascii_uppercase());
    let suffix = if upper {
        // Acronyms: GIL → GILs.
        "s"
    } else if lower.ends_with("ss")
        || lower.ends_with('x')
        || lower.ends_with('z')
        || lower.ends_with("ch")
        || lower.ends_with("sh")
    {
        "es"
    } else if lower.ends_with('s') {
        return None;
    } else if lower.ends_with('y') && !lower[..lower.len() - 1].ends_with(['a', 'e', 'i', 'o', 'u'])
    {
        return Some(format!("{}ies", &form[..form.len() - 1]));
    } else {
        "s"
    };
    Some(format!("{form}{suffix}"))
}

/// The singular of `form` when its last word is a regular English plural
/// (the inverse of [`plural`]): "Threads" → "Thread", "classes" →
/// "class", "proxies" → "proxy", "meta classes" → "meta class". `None`
/// for words that do not end in a plural `-s` (`-ss`, `-us`, `-is`) and
/// words of three letters or fewer. A wrong singular of an irregular word
/// ("analyses" → "analyse") is a form no note writes, so it costs nothing
/// but a pattern.
pub fn singular(form: &str) -> Option<String> {
    let last = form.rsplit([' ', '-']).next()?;
    if last.len() <= 3 || !last.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let lower = last.to_ascii_lowercase();
    if lower.ends_with("ies") && lower.len() > 4 {
        return Some(format!("{}y", &form[..form.len() - 3]));
    }
    let cut = if ["sses", "xes", "zes", "ches", "shes"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        2
    } else if lower.ends_with('s') && !["ss", "us", "is"].iter().any(|e| lower.ends_with(e)) {
        1
    } else {
        return None;
    };
    Some(form[..form.len() - cut].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn singulars_invert_regular_plurals() {
        for (plural_form, one) in [
            ("Threads", Some("Thread")),
            ("classes", Some("class")),
            ("proxies", Some("proxy")),
            ("meta classes", Some("meta class")),
            ("race conditions", Some("race condition")),
            ("process", None),
            ("asyncio", None),
            ("status", None),
            ("analysis", None),
            ("GILs", Some("GIL")),
            ("bus", None),
        ] {
            assert_eq!(singular(plural_form).as_deref(), one, "{plural_form}");
            if let Some(one) = one {
                assert_eq!(plural(one).as_deref(), Some(plural_form));
            }
        }
    }

    fn check(alias: &str, expect: &[&str]) {
        let got = variants(alias);
        for e in expect {
            assert!(got.iter().any(|g| g == e), "{alias}: {e} not in {got:?}");
        }
    }

    fn check_not(alias: &str, absent: &[&str]) {
        let got = variants(alias);
        for a in absent {
            assert!(!got.iter().any(|g| g == a), "{alias}: {a} in {got:?}");
        }
    }

    #[test]
    fn alias_comes_first() {
        assert_eq!(variants("GIL")[0], "GIL");
        assert_eq!(variants("__slots__"), vec!["__slots__"]);
    }

    #[test]
    fn plurals() {
        check("closure", &["closures"]);
        check("metaclass", &["metaclasses"]);
        check("dictionary", &["dictionaries"]);
        check("key", &["keys"]);
        check("context manager", &["context managers", "context-managers"]);
        check("GIL", &["GILs"]);
        check_not("threads", &["threadses"]);
        check_not(".pyc", &[".pycs"]);
        check_not("async/await", &["async/awaits"]);
    }

    #[test]
    fn hyphen_space_and_joined() {
        check("multithreading", &["multi-threading", "multi threading"]);
        check("metaclass", &["meta classes", "meta-classes", "meta-class"]);
        check(
            "inter-process communication",
            &["interprocess communication", "inter process communication"],
        );
        check("non-blocking I/O", &["nonblocking I/O", "non blocking I/O"]);
        check("I/O-bound", &["I/O bound"]);
        check(
            "garbage collector",
            &["garbage-collector", "garbage collectors"],
        );
        // Only prefixes join: no "garbagecollector"; short remainders do not split.
        check_not("garbage collector", &["garbagecollector"]);
        check_not("prefix", &["pre-fix"]);
    }

    #[test]
    fn long_aliases_stay_bounded() {
        let v = variants("try-except-else-finally-again");
        assert!(v.contains(&"try except else finally again".to_string()));
        assert!(v.len() <= 6, "{v:?}");
    }
}
