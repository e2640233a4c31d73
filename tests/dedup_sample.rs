//! The dedup stage against the labelled sample (`tests/fixtures/dedup-sample.json`)
//! and the bundled seed notes (`content/`).
//!
//! The sample lists duplicate groups (each must be one cluster) and
//! related-but-different pairs (never in one cluster), each question named
//! by source file and 1-based line.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use docgen::dedup::{Clustering, DedupError, DedupOptions};
use docgen::extract::Entry;
use serde_json::Value;

/// Runs the stage under test (one place to adapt if the API moves).
fn run(entries: &[Entry]) -> Result<Clustering, DedupError> {
    docgen::dedup::cluster(entries, &DedupOptions::default())
}

type Key = (String, usize);

struct Sample {
    groups: Vec<Vec<Key>>,
    near_misses: Vec<(Key, Key)>,
    /// Question text of every labelled question.
    text: BTreeMap<Key, String>,
}

fn key(v: &Value, text: &mut BTreeMap<Key, String>) -> Key {
    let k = (
        v["source"].as_str().unwrap().to_string(),
        v["line"].as_u64().unwrap() as usize,
    );
    text.insert(k.clone(), v["question"].as_str().unwrap().to_string());
    k
}

fn load_sample() -> Sample {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dedup-sample.json");
    let raw = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let json: Value = serde_json::from_str(&raw).unwrap();
    let mut text = BTreeMap::new();
    let groups = json["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            g.as_array()
                .unwrap()
                .iter()
                .map(|q| key(q, &mut text))
                .collect()
        })
        .collect();
    let near_misses = json["related_not_duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (key(&p["a"], &mut text), key(&p["b"], &mut text)))
        .collect();
    Sample {
        groups,
        near_misses,
        text,
    }
}

/// Pairwise scores of a clustering on the sample's labelled pairs.
#[derive(Debug, Default)]
struct Scores {
    true_pos: usize,
    false_neg: usize,
    near_merged: Vec<(Key, Key)>,
    missed: Vec<(Key, Key)>,
}

/// Scores `cluster_of` (question → cluster id) on the sample pairs whose
/// questions are both present.
fn score(sample: &Sample, cluster_of: &BTreeMap<Key, usize>) -> Scores {
    let mut s = Scores::default();
    for g in &sample.groups {
        for (i, a) in g.iter().enumerate() {
            for b in &g[i + 1..] {
                match (cluster_of.get(a), cluster_of.get(b)) {
                    (Some(x), Some(y)) if x == y => s.true_pos += 1,
                    (Some(_), Some(_)) => {
                        s.false_neg += 1;
                        s.missed.push((a.clone(), b.clone()));
                    }
                    _ => {}
                }
            }
        }
    }
    for (a, b) in &sample.near_misses {
        if let (Some(x), Some(y)) = (cluster_of.get(a), cluster_of.get(b))
            && x == y
        {
            s.near_merged.push((a.clone(), b.clone()));
        }
    }
    s
}

fn cluster_map(entries: &[Entry], c: &Clustering) -> BTreeMap<Key, usize> {
    let assign = c.assignment(entries.len());
    entries
        .iter()
        .enumerate()
        .map(|(i, e)| ((e.source.clone(), e.line), assign[i]))
        .collect()
}

fn report(label: &str, s: &Scores) {
    let merged_pairs = s.true_pos + s.near_merged.len();
    let precision = s.true_pos as f64 / merged_pairs.max(1) as f64;
    let recall = s.true_pos as f64 / (s.true_pos + s.false_neg).max(1) as f64;
    eprintln!(
        "{label}: pairwise precision {precision:.3}, recall {recall:.3} \
         ({} of {} duplicate pairs), near-miss pairs merged: {}",
        s.true_pos,
        s.true_pos + s.false_neg,
        s.near_merged.len()
    );
    for m in &s.missed {
        eprintln!("  missed duplicate pair: {m:?}");
    }
}

fn entry(source: &str, line: usize, question: &str) -> Entry {
    Entry {
        source: source.to_string(),
        line,
        question: question.to_string(),
        answer: String::new(),
        section: Vec::new(),
    }
}

#[test]
fn sample_questions_cluster_as_labelled() {
    let sample = load_sample();
    let entries: Vec<Entry> = sample
        .text
        .iter()
        .map(|((src, line), q)| entry(src, *line, q))
        .collect();
    let c = run(&entries).unwrap();
    let s = score(&sample, &cluster_map(&entries, &c));
    report("sample strings", &s);
    assert!(
        s.near_merged.is_empty(),
        "near misses merged: {:?}",
        s.near_merged
    );
    assert!(s.missed.is_empty(), "duplicates not merged: {:?}", s.missed);
}

/// Every entry of the seeds, through the real ingest and extract stages.
fn seed_entries() -> Vec<Entry> {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
    let ingested = common::ingest(&content).unwrap();
    ingested
        .docs
        .iter()
        .flat_map(|d| docgen::extract::extract(&d.name, &d.body, d.body_line).entries)
        .collect()
}

fn print_merged(entries: &[Entry], c: &Clustering) {
    eprintln!("merged clusters on the seeds ({} entries):", entries.len());
    for cl in c.clusters.iter().filter(|c| c.members.len() > 1) {
        eprintln!("* {}", entries[cl.canonical].question);
        for &m in &cl.members {
            let e = &entries[m];
            eprintln!("    {}:{}  {}", e.source, e.line, e.question);
        }
        for p in &cl.evidence {
            eprintln!("      [{} ~ {}] {:.2} {}", p.a, p.b, p.score, p.reason);
        }
    }
}

#[test]
fn seeds_through_the_pipeline() {
    let sample = load_sample();
    let entries = seed_entries();
    let c = run(&entries).unwrap();
    common::assert_conservation(entries.len(), &c);
    print_merged(&entries, &c);
    let map = cluster_map(&entries, &c);
    let missing: BTreeSet<&Key> = sample
        .text
        .keys()
        .filter(|k| !map.contains_key(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "sample questions not extracted: {missing:?}"
    );
    let s = score(&sample, &map);
    report("seeds pipeline", &s);
    assert!(
        s.near_merged.is_empty(),
        "near misses merged: {:?}",
        s.near_merged
    );
    assert!(s.missed.is_empty(), "duplicates not merged: {:?}", s.missed);
}

#[test]
fn gil_question_is_one_cluster_of_three() {
    let entries = seed_entries();
    let c = run(&entries).unwrap();
    let map = cluster_map(&entries, &c);
    let k = |s: &str, l: usize| (s.to_string(), l);
    let gil = map[&k("000_69d8f41b86597f81.txt", 73)];
    let members: BTreeSet<Key> = c.clusters[gil]
        .members
        .iter()
        .map(|&m| (entries[m].source.clone(), entries[m].line))
        .collect();
    let want: BTreeSet<Key> = [
        k("000_69d8f41b86597f81.txt", 73),
        k("001_5a049319be0a12ce.txt", 1),
        k("003_03a2a9384503ddaa.txt", 44),
    ]
    .into_iter()
    .collect();
    assert_eq!(members, want);
    assert!(!members.contains(&k("001_5a049319be0a12ce.txt", 30)));
    let title = &entries[c.clusters[gil].canonical].question;
    assert_eq!(title, "What is the Global Interpreter Lock (GIL)?");
}
