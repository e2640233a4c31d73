//! Dedup on large and degenerate inputs: results, never timings.

mod common;

#[path = "../benches/dedup/corpus.rs"]
mod corpus;

use docgen::dedup::{Clustering, DedupError, DedupOptions};
use docgen::extract::Entry;

fn run(entries: &[Entry]) -> Result<Clustering, DedupError> {
    docgen::dedup::cluster(entries, &DedupOptions::default())
}

fn entry(line: usize, question: String, answer: String) -> Entry {
    Entry {
        source: "big.md".to_string(),
        line,
        question,
        answer,
        section: Vec::new(),
    }
}

#[test]
fn ten_thousand_identical_questions_are_one_cluster() {
    let entries: Vec<Entry> = (0..10_000)
        .map(|i| entry(i + 1, "What is the GIL?".into(), "A lock.".into()))
        .collect();
    let c = run(&entries).unwrap();
    assert_eq!(c.clusters.len(), 1);
    assert_eq!(c.clusters[0].members.len(), 10_000);
    assert_eq!(c.clusters[0].evidence.len(), 9_999);
}

#[test]
fn a_ten_thousand_character_question_is_handled() {
    let long: String = (0..3_000)
        .map(|i| format!("w{} ", i % 97))
        .collect::<String>()
        .chars()
        .take(10_000)
        .collect();
    let long = format!("What is {long}?");
    assert!(long.len() >= 10_000);
    let entries = vec![
        entry(1, long.clone(), long.repeat(2)),
        entry(2, "What are closures?".into(), String::new()),
        entry(3, long, String::new()),
        entry(4, "Closure?".into(), String::new()),
    ];
    let c = run(&entries).unwrap();
    common::assert_conservation(entries.len(), &c);
    assert_eq!(c.clusters.len(), 2);
    assert_eq!(c.clusters[0].members, vec![0, 2]);
    assert_eq!(c.clusters[1].members, vec![1, 3]);
}

#[test]
fn generated_corpus_is_conserved_and_accurate() {
    let corpus = corpus::generate(4_000, 7);
    let c = run(&corpus.entries).unwrap();
    common::assert_conservation(corpus.entries.len(), &c);
    let predicted = c.assignment(corpus.entries.len());
    let (precision, recall) = corpus::pairwise(&corpus.truth, &predicted);
    eprintln!("generated 4000: precision {precision:.3}, recall {recall:.3}");
    assert!(precision >= 0.97, "precision {precision}");
    assert!(recall >= 0.9, "recall {recall}");
    let again = run(&corpus.entries).unwrap();
    assert_eq!(c, again, "deterministic");
}

#[test]
fn seeds_are_conserved() {
    let content = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let ingested = common::ingest(&content).unwrap();
    let entries: Vec<Entry> = ingested
        .docs
        .iter()
        .flat_map(|d| docgen::extract::extract(&d.name, &d.body, d.body_line).entries)
        .collect();
    let c = run(&entries).unwrap();
    common::assert_conservation(entries.len(), &c);
}
