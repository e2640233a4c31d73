//! HELD-OUT paraphrase templates for the dedup benchmark's generator.
//!
//! **Do not tune the dedup method to these templates.** The author of
//! `src/dedup` must not read this file: it exists to measure how the
//! method copes with phrasings it was *not* written against, and that
//! measurement ("held-out recall" in `cargo bench --bench dedup`) means
//! nothing once the method has seen them. Tune against the development
//! templates (`ASKS` in `corpus.rs`) and real notes instead.
//!
//! Layout: one slice per ask, in the same order as `ASKS` in `corpus.rs`
//! (a compile-time check there keeps the two tables the same length).
//! Placeholders are the same: `{a}` and `{b}` are topics, `{A}` is the
//! first topic capitalised. An ask uses `{b}` in every template or in
//! none. A qualifier ("internally", "in Python") is appended only to
//! templates that end in `?`.

/// Held-out paraphrase templates per ask, parallel to `ASKS`.
pub const HELD_OUT: &[&[&str]] = &[
    // Definition.
    &[
        "Define {a}.",
        "{A} in a nutshell?",
        "Could you describe what {a} means?",
        "What exactly is meant by the term {a}?",
        "Briefly, what's {a}?",
        "Meaning of {a}?",
        "Tell me what {a} is.",
        "{A}: definition?",
    ],
    // Mechanism.
    &[
        "What happens behind the scenes with {a}?",
        "Walk me through the mechanics of {a}.",
        "{A}: what's going on inside?",
        "Can you explain how {a} operates?",
        "What goes on when {a} runs?",
        "Describe step by step what {a} does.",
        "How does {a} actually function?",
    ],
    // How-to.
    &[
        "Show how to work with {a}.",
        "What's the right way to use {a}?",
        "Using {a}: how?",
        "Steps for using {a}?",
        "Can you explain how one would use {a} in practice?",
        "How would I go about using {a}?",
        "Usage of {a}?",
    ],
    // Comparison.
    &[
        "How do {a} and {b} differ?",
        "Contrast {a} with {b}.",
        "{A} or {b}: what sets them apart?",
        "In what ways is {a} unlike {b}?",
        "Compare {a} and {b}.",
        "Can you explain how {a} is different from {b}?",
        "{A} versus {b}, key differences?",
    ],
    // When to use one over the other.
    &[
        "In which cases is {a} a better choice than {b}?",
        "Should I pick {a} or {b}, and when?",
        "Under what circumstances would {a} beat {b}?",
        "When does {a} make more sense than {b}?",
        "Choosing between {a} and {b}: when to go with {a}?",
        "Prefer {a} to {b} when?",
        "What situations call for {a} rather than {b}?",
    ],
    // Why / need.
    &[
        "Which problem is {a} meant to solve?",
        "Why does {a} exist at all?",
        "What would go wrong without {a}?",
        "Can you explain why {a} is necessary?",
        "Why bother with {a}?",
        "What's the motivation behind {a}?",
        "Is {a} really needed, and why?",
    ],
    // Effect of one on the other.
    &[
        "What effect does {a} have on {b}?",
        "How is {b} influenced by {a}?",
        "In what way does {a} change {b}?",
        "Does {a} impact {b}, and how?",
        "Consequences of {a} for {b}?",
        "What happens to {b} when {a} is involved?",
        "Can you explain how {a} influences {b}?",
    ],
    // Advantages.
    &[
        "Why is {a} good?",
        "What does {a} buy you?",
        "Pros of {a}?",
        "What makes {a} worth using?",
        "List the strengths of {a}.",
        "Can you explain what's good about {a}?",
        "What do you gain by using {a}?",
    ],
    // Implementation.
    &[
        "How is {a} built under the covers?",
        "What does the implementation of {a} look like?",
        "Describe how {a} is put together.",
        "How would you build {a} from scratch?",
        "Implementation details of {a}?",
        "What data structures back {a}?",
        "Can you explain how {a} is coded in CPython?",
    ],
    // Pitfalls.
    &[
        "What can go wrong with {a}?",
        "Gotchas when using {a}?",
        "Which mistakes do people make with {a}?",
        "What should you watch out for with {a}?",
        "Name some traps to avoid with {a}.",
    ],
    // Example.
    &[
        "Demonstrate {a} with a short snippet.",
        "What does {a} look like in code?",
        "Could you illustrate {a} with an example?",
        "Sample usage of {a}?",
        "Write a small program that uses {a}.",
    ],
    // Purpose.
    &[
        "What's {a} for?",
        "Where would you use {a}?",
        "What role does {a} play?",
        "What is {a} good for?",
        "In what context does {a} come up?",
    ],
];
