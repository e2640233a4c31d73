//! Question intent: what kind of answer a question asks for.
//!
//! Two questions about the same topic are one question only when they
//! ask for the same kind of answer: "What is the GIL?" and "How does the
//! GIL affect multithreading?" share their nouns but not their ask. The
//! classifier reads the first words of a clause (the interrogative or
//! imperative that heads it, as in question-type taxonomies used for
//! question answering, e.g. Li & Roth, "Learning Question Classifiers",
//! COLING 2002) plus a few cue words anywhere in the clause ("vs",
//! "difference", "affect"). It is rule based, small and deterministic.

use super::lexicon::IMPERATIVE_VERBS;

/// The kind of answer a question asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Intent {
    /// "What is X?", "X?", "Define X": a definition.
    Define,
    /// "Explain X", "Tell me about X": an explanation (definition or
    /// mechanism, whichever X calls for).
    Explain,
    /// "How does Python handle/support X?": the language's approach to X.
    Handle,
    /// "How does X work?", "What happens when X?": a mechanism or process.
    Mechanism,
    /// "How is X implemented?": an implementation.
    Implement,
    /// "What is X used for?", "Role of X?": a purpose.
    Purpose,
    /// "X example?": an example.
    Example,
    /// "How to X?", "How do you X?": a procedure.
    HowTo,
    /// A terse clause headed by a word that is a verb or a noun ("Reduce
    /// memory usage?", "Design patterns?"): a procedure or a definition.
    Imperative,
    /// "Difference between X and Y?", "X vs Y?": a comparison.
    Compare,
    /// "When to use X?": a condition or moment.
    When,
    /// "Why X?", "What makes X Y?": a reason.
    Why,
    /// "Where is X stored?": a location.
    Where,
    /// "How does X affect Y?": an effect.
    Effect,
    /// "Is X Y?", "Does X Y?": a yes/no or either/or answer.
    YesNo,
    /// "What are the advantages of X?": pros and cons.
    ProsCons,
    /// "What are the types of X?": an enumeration.
    Kinds,
    /// "Common pitfalls of X?", "What can go wrong with X?": mistakes and
    /// traps.
    Pitfall,
}

impl Intent {
    /// Short lower-case name for evidence strings.
    pub fn name(self) -> &'static str {
        match self {
            Intent::Define => "define",
            Intent::Explain => "explain",
            Intent::Handle => "handle",
            Intent::Mechanism => "mechanism",
            Intent::Implement => "implement",
            Intent::Purpose => "purpose",
            Intent::Example => "example",
            Intent::HowTo => "how-to",
            Intent::Imperative => "imperative",
            Intent::Compare => "compare",
            Intent::When => "when",
            Intent::Why => "why",
            Intent::Where => "where",
            Intent::Effect => "effect",
            Intent::YesNo => "yes-no",
            Intent::ProsCons => "pros-cons",
            Intent::Kinds => "kinds",
            Intent::Pitfall => "pitfalls",
        }
    }

    /// Whether a question with intent `self` can be the same question as
    /// one with intent `other`. Symmetric, reflexive, not transitive (a
    /// "handle" question may join a "define" one and a "mechanism" one
    /// without those two joining each other; complete linkage enforces
    /// that inside a cluster).
    pub fn compatible(self, other: Intent) -> bool {
        use Intent::*;
        if self == other {
            return true;
        }
        let (a, b) = if self <= other {
            (self, other)
        } else {
            (other, self)
        };
        matches!(
            (a, b),
            (Define, Explain)
                | (Define, Handle)
                | (Explain, Handle)
                | (Handle, Mechanism)
                | (Handle, HowTo)
                | (Mechanism, Implement)
                | (Define, Purpose)
                | (Explain, Purpose)
                | (Purpose, Why)
                | (Define, Imperative)
                | (Example, HowTo)
                | (Example, Imperative)
                | (HowTo, Imperative)
        )
    }
}

/// The intent of a clause and whether it was recognised from a full
/// question pattern (as opposed to a terse noun phrase like "Closure?").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Classified {
    /// The kind of answer asked for.
    pub intent: Intent,
    /// The clause is a full question ("What is X?"), headed by a question
    /// word, an auxiliary or an imperative, not a terse label ("X?").
    pub full: bool,
}

const COMPARE_CUES: &[&str] = &[
    "vs",
    "versus",
    "difference",
    "differences",
    "differ",
    "differs",
    "differently",
    "compare",
    "comparison",
    "contrast",
    "distinguish",
    "distinguishes",
];
const EFFECT_CUES: &[&str] = &[
    "affect",
    "affects",
    "impact",
    "impacts",
    "influence",
    "influences",
    "matter",
    "matters",
];
const HANDLE_VERBS: &[&str] = &[
    "handle",
    "handled",
    "handles",
    "support",
    "supports",
    "supported",
    "deal",
    "treat",
    "treats",
    "treated",
];
const PROS_CONS: &[&str] = &[
    "advantage",
    "advantages",
    "disadvantage",
    "disadvantages",
    "benefit",
    "benefits",
    "drawback",
    "drawbacks",
    "pros",
    "cons",
    "limitations",
];
const AUXILIARIES: &[&str] = &[
    "is", "are", "was", "were", "does", "do", "did", "can", "could", "should", "will", "would",
    "has", "have", "shall", "may",
];
const EXPLAIN_VERBS: &[&str] = &[
    "explain",
    "describe",
    "discuss",
    "elaborate",
    "outline",
    "tell",
];
const AGENTS: &[&str] = &[
    "you",
    "i",
    "we",
    "one",
    "someone",
    "developers",
    "programmers",
];
const QUESTION_WORDS: &[&str] = &["how", "what", "why", "when", "where", "which", "who"];

fn has_any(words: &[&str], set: &[&str]) -> bool {
    words.iter().any(|w| set.contains(w))
}

/// A comparison cue: "vs", "difference", … or "different from/than".
fn compares(words: &[&str]) -> bool {
    has_any(words, COMPARE_CUES)
        || words
            .windows(2)
            .any(|p| p[0] == "different" && matches!(p[1], "from" | "than"))
}

/// The intent of a whole question (inline markdown): that of its first
/// clause, as deduplication reads it (tokens from
/// `normalize::clauses`). The one question-intent classifier:
/// the concept stage asks it which questions define their subject.
pub fn question_intent(question: &str) -> Classified {
    let clauses = super::normalize::clauses(question);
    let words: Vec<&str> = clauses
        .first()
        .map(|c| super::analyze::ask_words(c))
        .unwrap_or_default();
    with_cue(classify(&words), cue_intent(question))
}

/// Question-frame cues of Chinese, Japanese, Korean and Russian, by the
/// intent they ask, most specific first: "X和Y有什么区别" compares, "X的原理"
/// asks for the mechanism, "Почему X?" for a reason. A CJK cue matches
/// anywhere in the text (those scripts have no spaces); a Cyrillic cue
/// matches whole words. General language only, never a domain's words.
const CUES: &[(Intent, &[&str])] = &[
    (
        Intent::Compare,
        &[
            "区别",
            "區別",
            "差别",
            "差別",
            "差异",
            "差異",
            "不同",
            "違い",
            "차이",
            "다른가",
            "다른 점",
            "разница",
            "различие",
            "различия",
            "отличается",
            "отличаются",
            "отличие",
            "отличия",
        ],
    ),
    (
        Intent::Pitfall,
        &[
            "陷阱",
            "常见错误",
            "常見錯誤",
            "注意事项",
            "注意事項",
            "注意点",
            "落とし穴",
            "흔한 실수",
            "주의할",
            "주의점",
            "подводные",
            "ошибки",
        ],
    ),
    (
        Intent::Example,
        &[
            "例子",
            "示例",
            "举例",
            "舉例",
            "举个",
            "舉個",
            "举一个",
            "舉一個",
            "例を",
            "예시",
            "예를",
            "пример",
            "примеры",
            "приведите",
        ],
    ),
    (
        Intent::Effect,
        &["影响", "影響", "영향", "влияет", "влияют", "влияние"],
    ),
    // The English PROS_CONS in the other languages.
    (
        Intent::ProsCons,
        &[
            "优缺点",
            "優缺點",
            "优点",
            "優點",
            "缺点",
            "缺點",
            "优势",
            "優勢",
            "劣势",
            "劣勢",
            "好处",
            "好處",
            "利点",
            "欠点",
            "メリット",
            "デメリット",
            "장단점",
            "장점",
            "단점",
            "преимущества",
            "недостатки",
            "плюсы",
            "минусы",
        ],
    ),
    (
        Intent::When,
        &[
            "什么时候",
            "什麼時候",
            "何时",
            "何時",
            "いつ",
            "언제",
            "когда",
        ],
    ),
    (
        Intent::Why,
        &[
            "为什么",
            "為什麼",
            "为何",
            "為何",
            "なぜ",
            "どうして",
            "왜",
            "이유",
            "почему",
        ],
    ),
    (
        Intent::Purpose,
        &[
            "用途",
            "有什么作用",
            "有什麼作用",
            "作用是",
            "起什么作用",
            "有什么用",
            "有什麼用",
            "用来做",
            "用來做",
            "做什么的",
            "做什麼的",
            "何に使",
            "용도",
            "어디에 쓰",
            "어디에 사용",
            "зачем",
            "назначение",
            "для чего",
        ],
    ),
    (
        Intent::Mechanism,
        &[
            "原理",
            "底层",
            "底層",
            "内部是",
            "内部如何",
            "内部怎么",
            "内部原理",
            "内部机制",
            "内部实现",
            "如何工作",
            "怎么工作",
            "怎麼工作",
            "如何实现",
            "怎么实现",
            "怎麼實現",
            "如何實現",
            "仕組み",
            "동작",
            "작동",
            "내부적으로",
            "내부 동작",
            "구현되",
            "구현하",
            "работает",
            "работают",
            "устроен",
            "устроена",
            "устроено",
            "устроены",
            "что происходит",
            "внутри",
        ],
    ),
    (
        Intent::HowTo,
        &[
            "怎么",
            "怎麼",
            "如何",
            "怎样",
            "怎樣",
            "どうやって",
            "어떻게",
            "как",
        ],
    ),
];

/// The intent a question's cues in Chinese, Japanese, Korean or Russian
/// ask for ([`CUES`]), read from the first sentence or comma-separated
/// part of `text` that has a letter of those scripts ("X是什么，怎么用？"
/// asks what X is, as "What is X, and how is it used?" does); `None`
/// when it has none or no cue. "What is X" frames ("X是什么", "Что такое
/// X") are the default and need no cue.
pub(crate) fn cue_intent(text: &str) -> Option<Intent> {
    let foreign =
        |c: char| crate::text::tokens::is_cjk(c) || matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё');
    let sentence = text
        .split(['?', '？', '!', '！', ';', '；', '。', ',', '，', '、', '\n'])
        .find(|s| s.chars().any(foreign))?
        .to_lowercase();
    let words: Vec<&str> = sentence
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // Whole words, and phrases of them ("для чего"), match inside spaces.
    let spaced = format!(" {} ", words.join(" "));
    CUES.iter().find_map(|(intent, cues)| {
        cues.iter()
            .any(|cue| {
                if cue.chars().any(crate::text::tokens::is_cjk) {
                    sentence.contains(cue)
                } else {
                    spaced.contains(&format!(" {cue} "))
                }
            })
            .then_some(*intent)
    })
}

/// The CJK cue words of [`CUES`] that are cut out of a CJK run with the
/// frame words (`super::normalize`): those of two characters or more
/// written in one run (no space), since the intent keeps the ask apart.
pub(crate) fn cjk_cue_words() -> impl Iterator<Item = &'static str> {
    CUES.iter()
        .flat_map(|(_, cues)| cues.iter().copied())
        .filter(|c| c.chars().count() >= 2 && c.chars().all(crate::text::tokens::is_cjk))
}

/// `class` with the intent of the question's non-English cues (`cue`,
/// from [`cue_intent`]) when the English rules found no ask: a terse
/// define.
pub(crate) fn with_cue(class: Classified, cue: Option<Intent>) -> Classified {
    match cue {
        Some(intent) if class.intent == Intent::Define && !class.full => {
            Classified { intent, full: true }
        }
        _ => class,
    }
}

/// Words that say a question asks for mistakes and traps.
const PITFALL_CUES: &[&str] = &[
    "pitfall", "pitfalls", "mistake", "mistakes", "gotcha", "gotchas", "caveat", "caveats", "trap",
    "traps", "wrong",
];
/// Words that say a question asks for the inner mechanism.
const MECHANISM_CUES: &[&str] = &["internals", "workings"];
/// Qualifiers that make "Explain X …" ask for a mechanism ("Explain X
/// internally", "… under the hood", "… step by step").
const MECHANISM_QUALIFIERS: &[&str] = &["internally", "hood", "scenes", "step"];
/// Nouns that, after "which/what", ask for conditions ("In which
/// situations …?").
const SITUATIONS: &[&str] = &["situation", "situations", "scenario", "scenarios", "cases"];
/// Verbs of choosing ("prefer X over Y").
const CHOOSE: &[&str] = &["prefer", "preferable", "preferred", "choose", "pick", "opt"];

/// Words that, in a question of the given intent, only phrase the ask
/// ("What are the *common* pitfalls of X?", "What is the *right way* to
/// use X?", "When is X a *better choice* than Y?"): they are dropped from
/// its topic terms. General English, never a domain's words.
pub(crate) fn frame_filler(intent: Intent, word: &str) -> bool {
    // Who asks or acts ("What do people use X for?").
    if matches!(
        word,
        "people" | "someone" | "somebody" | "programmers" | "developers"
    ) {
        return true;
    }
    let list: &[&str] = match intent {
        Intent::Kinds => &["types", "kinds", "ways", "many"],
        Intent::Define | Intent::Explain => &["term", "concept", "notion"],
        Intent::Pitfall => &[
            "common", "typical", "frequent", "usual", "people", "avoid", "make", "made", "watch",
            "writing",
        ],
        Intent::Purpose => &["point", "good"],
        Intent::HowTo => &[
            "right",
            "correct",
            "correctly",
            "proper",
            "properly",
            "best",
            "idiomatic",
            "idiomatically",
            "usage",
            "apply",
            "way",
        ],
        Intent::When => &[
            "better",
            "choice",
            "instead",
            "rather",
            "situation",
            "situations",
            "scenario",
            "scenarios",
            "cases",
            "prefer",
            "preferable",
            "preferred",
            "choose",
            "pick",
            "opt",
            "sense",
            "beat",
            "beats",
        ],
        Intent::Why => &[
            "happen",
            "happens",
            "occur",
            "occurs",
            "cause",
            "causes",
            "caused",
            "motivation",
            "need",
            "needed",
            "introduced",
            "exist",
            "exists",
            "problem",
            "problems",
            "solve",
            "solves",
        ],
        Intent::Mechanism | Intent::Implement => &["built", "internally"],
        Intent::Effect => &["matter", "matters", "way", "extent"],
        Intent::Example => &[
            "usage",
            "idiomatic",
            "idiomatically",
            "practical",
            "simple",
            "typical",
            "sample",
        ],
        _ => &[],
    };
    list.contains(&word)
}

/// A conditions cue: "prefer/choose X over/instead of/rather than Y", "a
/// better choice than", "in which situations".
fn chooses(words: &[&str]) -> bool {
    let choose = has_any(words, CHOOSE) && has_any(words, &["over", "instead", "rather", "than"]);
    let better = words.windows(2).any(|p| p == ["better", "choice"]);
    let situations = words
        .windows(2)
        .any(|p| matches!(p[0], "which" | "what") && SITUATIONS.contains(&p[1]));
    choose || better || situations
}

/// Classifies one clause given its lower-cased words in order.
pub(crate) fn classify(words: &[&str]) -> Classified {
    let w = strip_politeness(words);
    let full = |intent| Classified { intent, full: true };
    let Some(&first) = w.first() else {
        return Classified {
            intent: Intent::Define,
            full: false,
        };
    };
    // "In what way does X …?", "To what extent …?" ask how.
    if let [a, b, c, rest @ ..] = w
        && matches!((*a, *b), ("in", "what" | "which") | ("to", "what"))
        && matches!(*c, "way" | "ways" | "extent" | "sense")
    {
        let mut how = vec!["how"];
        how.extend_from_slice(rest);
        return classify(&how);
    }
    match first {
        "why" => return full(Intent::Why),
        "when" => return full(Intent::When),
        "where" => return full(Intent::Where),
        "who" => return full(Intent::Define),
        "define" if !compares(w) => return full(Intent::Define),
        "trace" | "walk" => return full(Intent::Mechanism),
        _ => {}
    }
    if has_any(w, PITFALL_CUES) {
        return full(Intent::Pitfall);
    }
    if EXPLAIN_VERBS.contains(&first) {
        return classify_explain(&w[1..]);
    }
    if compares(w) {
        // "X vs Y?" is terse; "Difference between X and Y?" is not.
        let headed = QUESTION_WORDS.contains(&first)
            || AUXILIARIES.contains(&first)
            || COMPARE_CUES.contains(&first);
        return Classified {
            intent: Intent::Compare,
            full: headed,
        };
    }
    if chooses(w) {
        return full(Intent::When);
    }
    if first == "which" {
        return full(Intent::Compare);
    }
    if has_any(w, MECHANISM_CUES) {
        return full(Intent::Mechanism);
    }
    if has_any(w, &["example", "examples"])
        && matches!(
            first,
            "give" | "show" | "provide" | "what" | "example" | "examples"
        )
    {
        return full(Intent::Example);
    }
    match first {
        "how" => full(classify_how(w)),
        "what" => full(classify_what(w)),
        "show" | "demonstrate" | "illustrate" => full(Intent::Example),
        _ => classify_terse(w),
    }
}

/// Drops "can you" / "could you please" before explain-type verbs.
fn strip_politeness<'a>(words: &'a [&'a str]) -> &'a [&'a str] {
    let mut w = words;
    while let Some(&first) = w.first() {
        let polite = matches!(first, "can" | "could" | "would" | "please" | "you")
            && w.iter()
                .skip(1)
                .take(3)
                .any(|x| EXPLAIN_VERBS.contains(x) || *x == "define");
        if !polite {
            break;
        }
        w = &w[1..];
    }
    w
}

/// "Explain how …" is a how-question; "Explain X" is an explanation.
fn classify_explain(rest: &[&str]) -> Classified {
    let rest: Vec<&str> = rest
        .iter()
        .copied()
        .skip_while(|w| matches!(*w, "me" | "about" | "briefly" | "in"))
        .collect();
    if rest.first().is_some_and(|w| QUESTION_WORDS.contains(w)) {
        return classify(&rest);
    }
    let intent = if compares(&rest) {
        Intent::Compare
    } else if has_any(&rest, MECHANISM_CUES) || has_any(&rest, MECHANISM_QUALIFIERS) {
        Intent::Mechanism
    } else {
        Intent::Explain
    };
    Classified { intent, full: true }
}

fn classify_how(w: &[&str]) -> Intent {
    let second = w.get(1).copied().unwrap_or("");
    let third = w.get(2).copied().unwrap_or("");
    let modal = matches!(
        second,
        "do" | "can" | "could" | "should" | "would" | "might" | "will" | "shall"
    );
    if second == "to" || (modal && AGENTS.contains(&third)) {
        Intent::HowTo
    } else if second == "come" {
        Intent::Why
    } else if matches!(second, "many" | "much") {
        Intent::Kinds
    } else if has_any(w, EFFECT_CUES) {
        Intent::Effect
    } else if w.iter().any(|x| x.starts_with("implement")) {
        Intent::Implement
    } else if has_any(w, HANDLE_VERBS) {
        Intent::Handle
    } else {
        Intent::Mechanism
    }
}

fn classify_what(w: &[&str]) -> Intent {
    let second = w.get(1).copied().unwrap_or("");
    let head = &w[..w.len().min(5)];
    let used_for = w.windows(2).any(|p| p == ["used", "for"]);
    let step_by_step = w.windows(3).any(|p| p == ["step", "by", "step"]);
    if matches!(second, "happens" | "happened" | "happen" | "goes") {
        Intent::Mechanism
    } else if matches!(second, "makes" | "causes" | "cause" | "caused")
        || has_any(head, &["reason", "reasons", "reasoning", "rationale"])
    {
        Intent::Why
    } else if has_any(w, EFFECT_CUES) || head.contains(&"effect") {
        Intent::Effect
    } else if has_any(head, PROS_CONS) {
        Intent::ProsCons
    } else if head
        .iter()
        .any(|x| matches!(*x, "types" | "kinds" | "ways"))
    {
        Intent::Kinds
    } else if head.contains(&"motivation")
        || (has_any(head, &["problem", "problems"]) && has_any(w, &["solve", "solves"]))
    {
        Intent::Why
    } else if w
        .windows(2)
        .any(|p| matches!(p, ["way", "to"] | ["ways", "to"]))
        || (has_any(head, &["steps"]) && w.contains(&"to"))
    {
        Intent::HowTo
    } else if step_by_step {
        Intent::Mechanism
    } else if used_for
        || has_any(head, &["role", "purpose", "use", "useful"])
        || w.windows(2).any(|p| p == ["point", "of"])
        || w.windows(2).any(|p| p == ["good", "for"])
        || (matches!(second, "does" | "do") && w.last() == Some(&"do"))
    {
        Intent::Purpose
    } else {
        Intent::Define
    }
}

/// Clauses that do not start with a question word.
fn classify_terse(w: &[&str]) -> Classified {
    let first = w[0];
    let full = |intent| Classified { intent, full: true };
    if AUXILIARIES.contains(&first) {
        if has_any(w, EFFECT_CUES) {
            return full(Intent::Effect);
        }
        return full(Intent::YesNo);
    }
    if matches!(w.last(), Some(&"example") | Some(&"examples")) || first == "example" {
        return full(Intent::Example);
    }
    if PROS_CONS.contains(&first) {
        return full(Intent::ProsCons);
    }
    // "Situations where X beats Y?" asks when.
    if SITUATIONS.contains(&first) && first != "cases" {
        return full(Intent::When);
    }
    if matches!(first, "role" | "purpose") || (first == "use" && w.get(1) == Some(&"of")) {
        return full(Intent::Purpose);
    }
    // "Reversing a string?": a gerund before an article asks how to.
    let gerund = first.len() > 5
        && first.ends_with("ing")
        && matches!(w.get(1), Some(&"a" | &"an" | &"the"));
    if (IMPERATIVE_VERBS.contains(&first) || gerund) && w.len() > 1 {
        return Classified {
            intent: Intent::Imperative,
            full: false,
        };
    }
    Classified {
        intent: Intent::Define,
        full: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn intent(q: &str) -> Intent {
        let words: Vec<String> = q
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        classify(&refs).intent
    }

    #[test]
    fn recognises_common_asks() {
        use Intent::*;
        let cases = [
            ("What is the GIL", Define),
            ("Closure", Define),
            ("How does GIL affect multithreading", Effect),
            ("When to use multiprocessing over threading", When),
            ("When use threading vs multiprocessing", When),
            ("Difference between threading and multiprocessing", Compare),
            ("Multithreading vs Multiprocessing", Compare),
            ("How do metaclasses differ from normal classes", Compare),
            ("How to check object size in Python", HowTo),
            ("How do you log exceptions", HowTo),
            ("Reduce memory usage for large datasets", Imperative),
            ("Design patterns", Imperative),
            ("How is a list different from a tuple", Compare),
            ("What are the different types of inheritance", Kinds),
            ("Why is Python slower than C", Why),
            ("What makes tuples faster than lists", Why),
            ("How are context managers implemented", Implement),
            ("How does Python handle file buffering", Handle),
            ("How does Python execute code internally", Mechanism),
            ("What happens internally when you run python", Mechanism),
            ("Explain Python execution internally", Mechanism),
            ("Explain closures in simple terms", Explain),
            ("Explain how the GIL works", Mechanism),
            ("Can you explain the difference between A and B", Compare),
            ("What is asyncio used for", Purpose),
            ("Role of uvicorn", Purpose),
            ("Is Python compiled or interpreted", YesNo),
            ("Dependency injection example", Example),
            ("Where are Python packages stored", Where),
            ("What are the advantages of generators", ProsCons),
            ("Which mistakes do people make with closures", Pitfall),
            ("What can go wrong when using threads", Pitfall),
            (
                "In which situations would you prefer tuples over lists",
                When,
            ),
            ("Should I pick a hash index rather than a btree", When),
            ("In what way does indexing influence writes", Effect),
            ("Does the GIL matter for IO bound code", Effect),
            ("What problem does a connection pool solve", Why),
            ("What is the motivation behind promises", Why),
            ("What is the right way to close a cursor", HowTo),
            ("Walk through the internals of the event loop", Mechanism),
            ("Describe the inner workings of a hash map", Mechanism),
            ("Give an example of a closure", Example),
            ("What is an inner join", Define),
            ("Which is faster, a list or a tuple", Compare),
            ("Reversing a string in place", Imperative),
            ("Threading in practice", Define),
            ("What causes memory leaks in closures", Why),
            ("What is the rationale behind immutable strings", Why),
            ("Explain what the scheduler does, step by step", Mechanism),
            ("What is a closure internally", Define),
            ("What does the spread operator do step by step", Mechanism),
            ("Situations where a heap beats a sorted array", When),
            ("What steps do you take to debug a deadlock", HowTo),
        ];
        for (q, want) in cases {
            assert_eq!(intent(q), want, "{q}");
        }
    }

    #[test]
    fn cues_in_other_languages_set_the_intent() {
        use Intent::*;
        let cases = [
            ("装饰器和闭包有什么区别？", Some(Compare)),
            ("举一个死锁的例子", Some(Example)),
            ("哈希表的底层是怎么实现的？", Some(Mechanism)),
            ("Почему строки неизменяемые?", Some(Why)),
            ("Как отсортировать список?", Some(HowTo)),
            ("Как работает GIL?", Some(Mechanism)),
            ("Чем процесс отличается от потока?", Some(Compare)),
            ("Для чего нужен индекс?", Some(Purpose)),
            ("Что происходит при импорте модуля?", Some(Mechanism)),
            ("데코레이터는 왜 필요한가요?", Some(Why)),
            ("클로저와 데코레이터는 어떻게 다른가요?", Some(Compare)),
            ("Nginx的优点是什么？", Some(ProsCons)),
            ("ORM의 장단점은 무엇인가요?", Some(ProsCons)),
            ("Какие недостатки у микросервисов?", Some(ProsCons)),
            ("Что такое GIL?", None),
            ("变量的作用域是什么？", None),
            ("内部类是什么？", None),
            ("내부 클래스란 무엇인가요?", None),
            ("生成器是什么，怎么用？", None),
            ("How does the GIL work?", None),
        ];
        for (q, want) in cases {
            assert_eq!(cue_intent(q), want, "{q}");
        }
        let terse = Classified {
            intent: Define,
            full: false,
        };
        assert_eq!(with_cue(terse, Some(Why)).intent, Why);
        let full = Classified {
            intent: Define,
            full: true,
        };
        assert_eq!(with_cue(full, Some(Why)).intent, Define);
    }

    #[test]
    fn compatibility_is_symmetric_and_selective() {
        use Intent::*;
        assert!(Define.compatible(Handle) && Handle.compatible(Define));
        assert!(Handle.compatible(Mechanism));
        assert!(!Define.compatible(Mechanism));
        assert!(!Define.compatible(Implement));
        assert!(!Define.compatible(Example));
        assert!(Define.compatible(Purpose) && Purpose.compatible(Why));
        assert!(!Define.compatible(Why) && !Purpose.compatible(Compare));
        assert!(Mechanism.compatible(Implement) && !Define.compatible(Pitfall));
        assert!(!Compare.compatible(When));
        assert!(!Effect.compatible(Define));
        assert!(Handle.compatible(HowTo) && !HowTo.compatible(Define));
    }
}
