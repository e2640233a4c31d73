//! Chapters: the sources' sections unified into the handbook's chapters.
//!
//! Sources name their sections differently ("Memory Management" in one,
//! "Memory Management & Performance" in another) and some have none at all
//! (a flat list of 90 questions). Chapters are built in three steps, all
//! deterministic:
//!
//! 1. **Titles merge** when one title's content words (stemmed, stop words
//!    removed) contain the other's, or their Jaccard overlap is ≥ 0.5.
//! 2. **Content merges**: each chapter gets a TF-IDF centroid of its
//!    entries' words (questions counted twice); two chapters whose
//!    centroids are each other's nearest neighbour with cosine ≥
//!    [`MERGE_COSINE`] become one ("GIL & Concurrency" and
//!    "Multi-threading, Multiprocessing & AsyncIO"). TF-IDF and cosine
//!    similarity as in Manning, Raghavan & Schütze, *Introduction to
//!    Information Retrieval* (2008), ch. 6.
//! 3. **Placement**: an entry without a section goes to the chapter that
//!    fits its words best: the cosine of its words (question and answers)
//!    with the chapter's centroid, plus [`TITLE_WEIGHT`] × the share of the
//!    chapter title's words its question uses. The placement is confident
//!    when the best fit reaches [`MIN_FIT`] and leads the runner-up by
//!    [`MIN_MARGIN`]; otherwise the entry stays with its source, in a
//!    chapter named after the source ([`Item::source`]), never in an
//!    unrelated topic.
//!
//! Stemming: Snowball English (rust-stemmers).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use rayon::prelude::*;

use crate::text::stem::{self, Snowball as Stemmer};
use crate::text::stopwords;
use crate::text::weights::{self, IdfKind};

/// Minimum cosine between two chapters' centroids for them to merge.
pub const MERGE_COSINE: f64 = 0.35;
/// Title of the chapter for entries that fit nowhere else and whose
/// source has no name.
pub const CATCH_ALL: &str = "More questions";
/// Weight of the chapter title's words in a placement's fit.
pub const TITLE_WEIGHT: f64 = 0.2;
/// Lowest fit of a confident placement.
pub const MIN_FIT: f64 = 0.15;
/// Lead of a confident placement's fit over the runner-up's.
pub const MIN_MARGIN: f64 = 0.02;
/// A word in at least this share of the questions (and in at least
/// [`SUBJECT_MIN_DF`]) is the handbook's subject ("python" in Python
/// notes): it never ties a question to a chapter title.
pub const SUBJECT_SHARE: f64 = 0.08;
/// See [`SUBJECT_SHARE`].
pub const SUBJECT_MIN_DF: usize = 8;

/// One unit to place: a cluster's section title (if any) and its text.
pub struct Item<'a> {
    /// The cleaned innermost section title of the cluster, if any.
    pub section: Option<&'a str>,
    /// The questions of the cluster.
    pub questions: Vec<&'a str>,
    /// The answers of the cluster (markdown).
    pub answers: Vec<&'a str>,
    /// The title of the cluster's first source (its front matter title,
    /// first heading or name): the chapter of a placement that is not
    /// confident.
    pub source: &'a str,
}

/// A sparse vector: (term id, weight) sorted by term id. Term ids follow
/// the terms' sorted order, so sums run in the same order as over the
/// terms themselves (results do not depend on the representation).
type Vector = Vec<(u32, f64)>;

/// How an item got its chapter.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Placed {
    /// Its source's section (merged with others of the same topic).
    Section,
    /// Placed by content with this fit (see the module docs).
    Content(f64),
    /// Kept with its source: the best fit, this one, was not confident.
    Source(f64),
}

/// One item's chapter and how it got it.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    /// The chapter's title.
    pub chapter: String,
    /// How the item got it.
    pub placed: Placed,
}

/// Assigns each item a chapter and says how: its section, a confident
/// placement by content (and its fit), or its source. The order of first
/// appearance of chapter titles is the reading order.
pub fn assign(items: &[Item]) -> Vec<Placement> {
    let stemmer = stem::english();
    let vocab = Vocabulary::of(items);
    let bags: Vec<Vector> = items.par_iter().map(|it| vocab.bag(it)).collect();
    drop(vocab);
    let idf = idf(&bags);
    // The stems of each item's questions, and the handbook's subject
    // words: those in a large share of its questions ("python" in Python
    // notes), which say nothing about a title's topic.
    let asked: Vec<HashSet<String>> = items
        .par_iter()
        .map_init(stem::english, |st, it| {
            it.questions.iter().flat_map(|q| words(st, q)).collect()
        })
        .collect();
    let mut df: HashMap<&str, usize> = HashMap::new();
    for a in &asked {
        for w in a {
            *df.entry(w.as_str()).or_default() += 1;
        }
    }
    let floor = SUBJECT_MIN_DF.max((SUBJECT_SHARE * items.len() as f64).ceil() as usize);
    let subject: HashSet<&str> = df
        .into_iter()
        .filter(|(_, n)| *n >= floor)
        .map(|(w, _)| w)
        .collect();
    let title_words = |t: &str| -> Vec<String> {
        words(&stemmer, t)
            .into_iter()
            .filter(|w| !subject.contains(w.as_str()))
            .collect()
    };
    // Step 1: title groups.
    let titles: Vec<&str> = unique(items.iter().filter_map(|i| i.section));
    let mut title_of: BTreeMap<&str, String> = titles.iter().map(|t| (*t, t.to_string())).collect();
    merge_titles(&title_words, &titles, items, &mut title_of);
    // Step 2: content merges between chapters.
    let mut chapter_of: Vec<Option<String>> = items
        .iter()
        .map(|i| i.section.map(|s| title_of[s].clone()))
        .collect();
    merge_by_content(&bags, &idf, &mut chapter_of);
    // Step 3: place items without a section.
    let centroids = centroids(&bags, &idf, &chapter_of);
    let titles: Vec<(&String, Vec<String>)> =
        centroids.keys().map(|t| (t, title_words(t))).collect();
    chapter_of
        .into_par_iter()
        .enumerate()
        .map(|(i, c)| match c {
            Some(chapter) => Placement {
                chapter,
                placed: Placed::Section,
            },
            None => match place(&weigh(&bags[i], &idf), &asked[i], &centroids, &titles) {
                (Some(chapter), fit) => Placement {
                    chapter,
                    placed: Placed::Content(fit),
                },
                (None, fit) => Placement {
                    chapter: source_chapter(items[i].source),
                    placed: Placed::Source(fit),
                },
            },
        })
        .collect()
}

/// The chapter for items of source `title` that fit no chapter.
fn source_chapter(title: &str) -> String {
    let t = title.trim();
    if t.is_empty() {
        CATCH_ALL.to_string()
    } else {
        t.to_string()
    }
}

/// Term ids of the items' words. Each distinct word is lowercased and
/// stemmed once (a handbook repeats its words millions of times), and the
/// ids follow the sorted order of the stems.
struct Vocabulary {
    /// Lowercase word → term id; stop words, numbers and one-letter words
    /// are absent.
    ids: HashMap<String, u32>,
}

impl Vocabulary {
    fn of(items: &[Item]) -> Self {
        let distinct: HashSet<String> = items
            .par_iter()
            .fold(HashSet::new, |mut set, it| {
                for text in it.questions.iter().chain(&it.answers) {
                    for_each_word(text, &mut String::new(), |w| {
                        if !set.contains(w) {
                            set.insert(w.to_string());
                        }
                    });
                }
                set
            })
            .reduce(HashSet::new, |mut a, b| {
                a.extend(b);
                a
            });
        let stemmed: Vec<(String, String)> = distinct
            .into_par_iter()
            .map_init(stem::english, |st, w| {
                let stem = st.stem(&w).into_owned();
                (w, stem)
            })
            .collect();
        let mut stems: Vec<&str> = stemmed.iter().map(|(_, s)| s.as_str()).collect();
        stems.sort_unstable();
        stems.dedup();
        let id = |s: &str| stems.binary_search(&s).map_or(0, |i| i as u32);
        let ids = stemmed.iter().map(|(w, s)| (w.clone(), id(s))).collect();
        Vocabulary { ids }
    }

    /// The item's term frequencies (question words count twice), by id.
    fn bag(&self, item: &Item) -> Vector {
        let mut terms: Vec<(u32, u32)> = Vec::new();
        let mut buf = String::new();
        for (texts, weight) in [(&item.questions, 2), (&item.answers, 1)] {
            for text in texts {
                for_each_word(text, &mut buf, |w| {
                    if let Some(&id) = self.ids.get(w) {
                        terms.push((id, weight));
                    }
                });
            }
        }
        terms.sort_unstable_by_key(|(id, _)| *id);
        let mut bag: Vector = Vec::new();
        for (id, w) in terms {
            match bag.last_mut() {
                Some((last, tf)) if *last == id => *tf += f64::from(w),
                _ => bag.push((id, f64::from(w))),
            }
        }
        bag
    }
}

/// Calls `f` with each content word of `text`, lowercased: split at
/// non-alphanumeric characters, without stop words, one-letter words and
/// numbers. `buf` is scratch space for lowercasing.
fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.len() < 2 && w.is_ascii() {
            continue;
        }
        let lower: &str = if w.is_ascii() {
            buf.clear();
            buf.extend(w.chars().map(|c| c.to_ascii_lowercase()));
            buf
        } else {
            *buf = w.to_lowercase();
            buf
        };
        if lower.len() > 1 && !STOP.contains(&lower) && !lower.chars().all(|c| c.is_ascii_digit()) {
            f(lower);
        }
    }
}

fn unique<'a>(it: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = BTreeSet::new();
    it.filter(|t| seen.insert(*t)).collect()
}

/// Words that say nothing about a title's topic ([`stopwords::CHAPTERS`]).
const STOP: &[&str] = &stopwords::CHAPTERS;

fn words(stemmer: &Stemmer, text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| {
            w.len() > 1 && !STOP.contains(&w.as_str()) && !w.chars().all(|c| c.is_ascii_digit())
        })
        .map(|w| stemmer.stem(&w).into_owned())
        .collect()
}

/// Inverse document frequency per term id: ln(N / df) + 1.
fn idf(bags: &[Vector]) -> Vec<f64> {
    let terms = bags
        .iter()
        .flat_map(|b| b.last().map(|(t, _)| *t as usize + 1))
        .max()
        .unwrap_or(0);
    let mut df = vec![0usize; terms];
    for b in bags {
        for (t, _) in b {
            df[*t as usize] += 1;
        }
    }
    let n = bags.len().max(1) as f64;
    df.into_iter()
        .map(|d| weights::idf(d.max(1), n, IdfKind::LnPlusOne))
        .collect()
}

/// A bag with TF-IDF weights (log-scaled term frequency), L2-normalised.
fn weigh(bag: &Vector, idf: &[f64]) -> Vector {
    let mut v: Vector = bag
        .iter()
        .map(|(t, tf)| (*t, (1.0 + tf.ln()) * idf[*t as usize]))
        .collect();
    let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
    if norm > 0.0 {
        v.iter_mut().for_each(|(_, x)| *x /= norm);
    }
    v
}

/// Dot product of two sparse vectors (a merge walk over sorted ids).
fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn merge_titles<'a>(
    title_words: &dyn Fn(&str) -> Vec<String>,
    titles: &[&'a str],
    items: &[Item],
    title_of: &mut BTreeMap<&'a str, String>,
) {
    // Items per title, counted once (a merge asks for two of them).
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for t in items.iter().filter_map(|i| i.section) {
        *counts.entry(t).or_default() += 1;
    }
    let count = |t: &str| counts.get(t).copied().unwrap_or(0);
    let sets: Vec<BTreeSet<String>> = titles
        .iter()
        .map(|t| title_words(t).into_iter().collect())
        .collect();
    for i in 0..titles.len() {
        for j in 0..i {
            let (a, b) = (&sets[i], &sets[j]);
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let inter = a.intersection(b).count() as f64;
            let jaccard = inter / a.union(b).count() as f64;
            if a.is_subset(b) || b.is_subset(a) || jaccard >= 0.5 {
                // Keep the broader (longer) title, or the bigger chapter's.
                let keep = if (sets[i].len(), count(titles[i])) > (sets[j].len(), count(titles[j]))
                {
                    i
                } else {
                    j
                };
                let target = title_of[titles[keep]].clone();
                let (from_i, from_j) = (title_of[titles[i]].clone(), title_of[titles[j]].clone());
                for v in title_of.values_mut() {
                    if *v == from_i || *v == from_j {
                        *v = target.clone();
                    }
                }
            }
        }
    }
}

fn centroids(
    bags: &[Vector],
    idf: &[f64],
    chapter_of: &[Option<String>],
) -> BTreeMap<String, Vector> {
    let mut sums: BTreeMap<String, BTreeMap<u32, f64>> = BTreeMap::new();
    for (bag, c) in bags.iter().zip(chapter_of) {
        if let Some(c) = c {
            let s = sums.entry(c.clone()).or_default();
            for (t, tf) in bag {
                *s.entry(*t).or_insert(0.0) += tf;
            }
        }
    }
    sums.into_iter()
        .map(|(c, s)| (c, weigh(&s.into_iter().collect(), idf)))
        .collect()
}

fn merge_by_content(bags: &[Vector], idf: &[f64], chapter_of: &mut [Option<String>]) {
    let cents = centroids(bags, idf, chapter_of);
    let names: Vec<&String> = cents.keys().collect();
    let best: Vec<Option<(usize, f64)>> = names
        .par_iter()
        .map(|a| {
            names
                .iter()
                .enumerate()
                .filter(|(_, b)| *b != a)
                .map(|(j, b)| (j, cosine(&cents[*a], &cents[*b])))
                .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))
        })
        .collect();
    let mut rename: BTreeMap<String, String> = BTreeMap::new();
    for (i, b) in best.iter().enumerate() {
        if let Some((j, score)) = b
            && *score >= MERGE_COSINE
            && best[*j].map(|x| x.0) == Some(i)
            && i < *j
        {
            let size = |n: &String| chapter_of.iter().filter(|c| c.as_ref() == Some(n)).count();
            let (keep, drop) = if size(names[*j]) > size(names[i]) {
                (names[*j], names[i])
            } else {
                (names[i], names[*j])
            };
            rename.insert(drop.clone(), keep.clone());
        }
    }
    for c in chapter_of.iter_mut().flatten() {
        if let Some(to) = rename.get(c) {
            *c = to.clone();
        }
    }
}

/// The chapter that fits an item best, if the fit is confident (see the
/// module docs), and the best fit (0 when there is no chapter): `v` is
/// the item's weighted words, `asked` the stems of its questions' words,
/// `titles` each chapter's title stems.
fn place(
    v: &Vector,
    asked: &HashSet<String>,
    centroids: &BTreeMap<String, Vector>,
    titles: &[(&String, Vec<String>)],
) -> (Option<String>, f64) {
    let mut fits: Vec<(f64, &String)> = titles
        .iter()
        .map(|(name, words)| {
            let shared = words.iter().filter(|w| asked.contains(*w)).count();
            let title = if words.is_empty() {
                0.0
            } else {
                shared as f64 / words.len() as f64
            };
            (cosine(v, &centroids[*name]) + TITLE_WEIGHT * title, *name)
        })
        .collect();
    fits.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    let Some(&(best, name)) = fits.first() else {
        return (None, 0.0);
    };
    let second = fits.get(1).map_or(0.0, |f| f.0);
    let confident = best >= MIN_FIT && best - second >= MIN_MARGIN;
    (confident.then(|| name.clone()), best)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The chapter title of each item.
    fn chapters_of(items: &[Item]) -> Vec<String> {
        assign(items).into_iter().map(|p| p.chapter).collect()
    }

    fn item<'a>(section: Option<&'a str>, q: &'a str, a: &'a str) -> Item<'a> {
        from("notes.md", section, q, a)
    }

    fn from<'a>(source: &'a str, section: Option<&'a str>, q: &'a str, a: &'a str) -> Item<'a> {
        Item {
            section,
            questions: vec![q],
            answers: vec![a],
            source,
        }
    }

    #[test]
    fn contained_titles_merge_into_the_broader_one() {
        let items = [
            item(
                Some("Memory Management"),
                "How does Python manage memory?",
                "",
            ),
            item(
                Some("Memory Management & Performance"),
                "How to check object size?",
                "sys.getsizeof",
            ),
            item(
                Some("Exception Handling"),
                "What is exception chaining?",
                "raise from",
            ),
        ];
        let got = chapters_of(&items);
        assert_eq!(got[0], "Memory Management & Performance");
        assert_eq!(got[1], "Memory Management & Performance");
        assert_eq!(got[2], "Exception Handling");
    }

    #[test]
    fn unsectioned_entries_go_where_their_words_are() {
        let items = [
            item(
                Some("Concurrency"),
                "How does the GIL affect threads?",
                "threads take turns under the GIL",
            ),
            item(
                Some("Files"),
                "What is file buffering?",
                "data is buffered before writing to disk",
            ),
            item(
                None,
                "Threads vs processes?",
                "threads share memory; the GIL limits them",
            ),
            item(
                None,
                "How to read a file in chunks?",
                "read the file with a buffer size",
            ),
            item(None, "Zebra?", "quagga"),
        ];
        let got = chapters_of(&items);
        assert_eq!(got[2], "Concurrency");
        assert_eq!(got[3], "Files");
        // Fits nowhere: stays with its source.
        assert_eq!(got[4], "notes.md");
    }

    #[test]
    fn entries_that_fit_no_chapter_stay_with_their_source() {
        let items = [
            from(
                "Python",
                Some("Concurrency"),
                "How does the GIL affect threads?",
                "threads take turns under the GIL",
            ),
            from(
                "Python",
                Some("Concurrency"),
                "What is a thread pool?",
                "a pool of worker threads",
            ),
            from(
                "Python",
                None,
                "What are unit tests?",
                "tests of one function",
            ),
            from(
                "SQL",
                None,
                "What is a foreign key?",
                "a column that references a key",
            ),
            from(
                "SQL",
                None,
                "What does GROUP BY do?",
                "groups rows by columns",
            ),
            from(
                "Заметки",
                None,
                "Что такое индекс?",
                "структура для быстрого поиска строк",
            ),
            from(
                "Python",
                None,
                "Threads vs processes?",
                "threads share memory; the GIL",
            ),
        ];
        let got = chapters_of(&items);
        assert_eq!(got[2], "Python");
        assert_eq!(got[3], "SQL");
        assert_eq!(got[4], "SQL");
        assert_eq!(got[5], "Заметки");
        assert_eq!(got[6], "Concurrency");
    }

    #[test]
    fn placement_reads_the_chapter_titles() {
        // The answers share words with "Concurrency" (a lock), but the
        // question names the other chapter's title.
        let items = [
            item(
                Some("Concurrency"),
                "How do threads share a lock?",
                "a lock guards shared state",
            ),
            item(Some("Concurrency"), "What is a mutex?", "a lock"),
            item(
                Some("Context Managers"),
                "How is `with` compiled?",
                "enter and exit calls",
            ),
            item(
                None,
                "What are context managers?",
                "`with lock:` releases the lock on exit",
            ),
        ];
        assert_eq!(chapters_of(&items)[3], "Context Managers");
    }
}
