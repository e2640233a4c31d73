//! The index as script files (see the format in the module documentation
//! of [`crate::search`]): postings encoding, sharding and the JS wrapper.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};

use super::IndexOptions;
use super::corpus::{Corpus, SearchDoc};
use super::score::Postings;

/// Version of the index format; `static/search.js` checks it.
pub const FORMAT_VERSION: u32 = 1;

/// Digits of the posting encoding: the first 32 end a number, the last 32
/// carry five more bits and continue it. None needs escaping in JSON or
/// in a single-quoted JS string.
const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` to `out` in the posting encoding: 5-bit groups, most
/// significant first, every group but the last from the upper half of
/// [`DIGITS`].
pub fn push_number(out: &mut String, v: u32) {
    let mut groups = [0u8; 7];
    let mut n = 0;
    let mut rest = v;
    loop {
        groups[n] = (rest & 31) as u8;
        n += 1;
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let continues = if i > 0 { 32 } else { 0 };
        out.push(DIGITS[usize::from(groups[i]) + continues] as char);
    }
}

/// One posting list as text: for each posting, the document number's gap
/// from the previous one (the first is the number itself), then the impact.
pub fn encode_list(list: &[(u32, u32)]) -> String {
    let mut out = String::with_capacity(list.len() * 3);
    let mut prev = 0;
    for &(doc, impact) in list {
        push_number(&mut out, doc - prev);
        push_number(&mut out, impact);
        prev = doc;
    }
    out
}

/// One emitted file: site-relative path and contents.
pub type File = (String, String);

/// `value` as a script assigning it to `target`, parsed with `JSON.parse`
/// (faster than an object literal for large data).
fn script<T: Serialize + ?Sized>(target: &str, value: &T) -> String {
    let json = serde_json::to_string(value).expect("JSON values always serialise");
    let mut out = String::with_capacity(target.len() + json.len() + json.len() / 64 + 32);
    out.push_str(target);
    out.push_str("=JSON.parse('");
    push_quoted(&mut out, &json);
    out.push_str("');\n");
    out
}

/// Appends `json` escaped for a single-quoted JS string: `\\` and `'`
/// get a backslash, and the line separators U+2028 and U+2029 (UTF-8
/// `E2 80 A8` and `E2 80 A9`) become `\u2028` and `\u2029`. Everything
/// else is copied in runs.
fn push_quoted(out: &mut String, json: &str) {
    let bytes = json.as_bytes();
    let (mut start, mut i) = (0, 0);
    while i < bytes.len() {
        let escape = match (bytes[i], bytes.get(i + 1..i + 3)) {
            (b'\\', _) => Some(("\\\\", 1)),
            (b'\'', _) => Some(("\\'", 1)),
            (0xE2, Some([0x80, 0xA8])) => Some(("\\u2028", 3)),
            (0xE2, Some([0x80, 0xA9])) => Some(("\\u2029", 3)),
            _ => None,
        };
        match escape {
            Some((text, len)) => {
                out.push_str(&json[start..i]);
                out.push_str(text);
                i += len;
                start = i;
            }
            None => i += 1,
        }
    }
    out.push_str(&json[start..]);
}

/// A part file: registers `value` under `key` in `DOCGEN_SEARCH_PARTS`.
fn part<T: Serialize + ?Sized>(key: &str, value: &T) -> String {
    script(
        &format!("(window.DOCGEN_SEARCH_PARTS=window.DOCGEN_SEARCH_PARTS||{{}})[\"{key}\"]"),
        value,
    )
}

use super::corpus::DocKind;

fn doc_json(d: &SearchDoc, pages: &BTreeMap<&str, usize>) -> Value {
    let mut v = vec![
        json!(d.title),
        json!(d.chapter),
        json!(pages[d.page.as_str()]),
        json!(d.fragment),
        json!(d.excerpt),
    ];
    if !d.phrasings.is_empty() || d.kind != DocKind::Entry {
        v.push(json!(d.phrasings));
    }
    if d.kind != DocKind::Entry {
        v.push(json!(d.kind as u8));
    }
    Value::Array(v)
}

/// A term shard: the terms of `range` and their posting lists, already
/// encoded (`encoded[i]` is [`encode_list`] of `p.lists[i]`).
fn terms_json(p: &Postings, encoded: &[String], range: std::ops::Range<usize>) -> Value {
    json!({
        "t": p.terms[range.clone()],
        "p": encoded[range],
    })
}

/// Counts the bytes written to it (the length of a serialisation without
/// building it).
struct ByteCount(usize);

impl std::io::Write for ByteCount {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Length in bytes of `value` as JSON.
fn json_len(value: &Value) -> usize {
    let mut count = ByteCount(0);
    serde_json::to_writer(&mut count, value).expect("JSON values always serialise");
    count.0
}

/// Groups of terms sharing a first character, as index ranges into
/// `p.terms` (which is sorted, so each group is contiguous).
fn first_char_groups(p: &Postings) -> Vec<(char, std::ops::Range<usize>)> {
    let mut out: Vec<(char, std::ops::Range<usize>)> = Vec::new();
    for (i, t) in p.terms.iter().enumerate() {
        let c = t.chars().next().unwrap_or(' ');
        match out.last_mut() {
            Some((last, r)) if *last == c => r.end = i + 1,
            _ => out.push((c, i..i + 1)),
        }
    }
    out
}

/// Packs first-character groups into shards of about `max_bytes` of
/// posting text each (a group is never split, so one may be larger).
/// Returns, per shard, its term range and its first characters.
fn term_shards(p: &Postings, max_bytes: usize) -> Vec<(std::ops::Range<usize>, String)> {
    let mut shards: Vec<(std::ops::Range<usize>, String, usize)> = Vec::new();
    for (c, range) in first_char_groups(p) {
        let bytes: usize = range
            .clone()
            .map(|i| p.terms[i].len() + p.lists[i].len() * 3 + 6)
            .sum();
        match shards.last_mut() {
            Some((r, chars, size)) if *size + bytes <= max_bytes => {
                r.end = range.end;
                chars.push(c);
                *size += bytes;
            }
            _ => shards.push((range, c.to_string(), bytes)),
        }
    }
    shards.into_iter().map(|(r, c, _)| (r, c)).collect()
}

/// The index files: `search-index.js`, plus part files under
/// `search-index/` when the single-file index would exceed
/// [`IndexOptions::shard_bytes`] (see the module documentation of
/// [`crate::search`] for the layout and the prefetch lists).
///
/// Posting lists are encoded and documents converted in parallel (rayon
/// keeps their order). The single file holds every encoded list verbatim,
/// so when those alone exceed the limit it is never built.
pub fn files(corpus: &Corpus, p: &Postings, opts: &IndexOptions) -> Vec<File> {
    let mut pages: BTreeMap<&str, usize> = BTreeMap::new();
    let mut page_list = Vec::new();
    for d in &corpus.docs {
        pages.entry(d.page.as_str()).or_insert_with(|| {
            page_list.push(d.page.as_str());
            page_list.len() - 1
        });
    }
    let encoded: Vec<String> = p.lists.par_iter().map(|l| encode_list(l)).collect();
    let docs: Vec<Value> = corpus
        .docs
        .par_iter()
        .map(|d| doc_json(d, &pages))
        .collect();
    let posting_bytes: usize = encoded.iter().map(String::len).sum();
    let shard_at = opts.shard_bytes;
    let mut main = json!({
        "v": FORMAT_VERSION,
        "n": corpus.docs.len(),
        "ch": corpus.chapters,
        "pg": page_list,
        "syn": corpus.synonyms,
        "tk": {},
        "ts": [],
        "dc": corpus.docs.len().max(1),
        "ds": [docs],
        "pf": [],
    });
    let too_big = shard_at.is_some_and(|m| posting_bytes > m);
    if !too_big {
        main["ts"] = json!([terms_json(p, &encoded, 0..p.terms.len())]);
        let single = script("window.DOCGEN_SEARCH", &main);
        if shard_at.is_none_or(|m| single.len() <= m) {
            return vec![("search-index.js".to_string(), single)];
        }
    }
    let max = shard_at.expect("only a size limit splits the index");
    let Value::Array(docs) = main["ds"][0].take() else {
        unreachable!("ds[0] is the docs array")
    };
    let mut out = term_parts(p, &encoded, opts.term_shard_bytes, &mut main);
    out.extend(doc_parts(&docs, max, &mut main));
    let total: usize = out.iter().map(|(_, text)| text.len()).sum();
    if total <= opts.prefetch_bytes {
        let keys = |prefix: &str| -> Vec<String> {
            out.iter()
                .filter_map(|(path, _)| path.strip_prefix("search-index/"))
                .filter_map(|f| f.strip_suffix(".js"))
                .filter(|k| k.starts_with(prefix))
                .map(str::to_string)
                .collect()
        };
        let mut pf = keys("d");
        pf.extend(keys("t"));
        main["pf"] = json!(pf);
    }
    let main_file = (
        "search-index.js".to_string(),
        script("window.DOCGEN_SEARCH", &main),
    );
    out.insert(0, main_file);
    out
}

/// Term shards as part files (built in parallel, in shard order); fills
/// `main`'s `tk` and `ts`.
fn term_parts(p: &Postings, encoded: &[String], shard_bytes: usize, main: &mut Value) -> Vec<File> {
    let mut keys = serde_json::Map::new();
    let shards = term_shards(p, shard_bytes);
    for (i, (_, chars)) in shards.iter().enumerate() {
        for c in chars.chars() {
            keys.insert(c.to_string(), json!(i));
        }
    }
    let out = shards
        .par_iter()
        .enumerate()
        .map(|(i, (range, _))| {
            let key = format!("t{i}");
            let text = part(&key, &terms_json(p, encoded, range.clone()));
            (format!("search-index/{key}.js"), text)
        })
        .collect();
    main["tk"] = Value::Object(keys);
    main["ts"] = json!(vec![Value::Null; shards.len()]);
    out
}

/// Document chunks of about `chunk_bytes` as part files (built in
/// parallel, in chunk order); fills `main`'s `dc` and `ds`.
fn doc_parts(docs: &[Value], chunk_bytes: usize, main: &mut Value) -> Vec<File> {
    let doc_bytes = docs.par_iter().map(|d| json_len(d) + 1).sum::<usize>();
    let per_chunk = (chunk_bytes * docs.len() / doc_bytes.max(1)).max(1);
    let chunks: Vec<&[Value]> = docs.chunks(per_chunk).collect();
    let out = chunks
        .par_iter()
        .enumerate()
        .map(|(i, chunk)| {
            let key = format!("d{i}");
            (format!("search-index/{key}.js"), part(&key, *chunk))
        })
        .collect();
    main["dc"] = json!(per_chunk);
    main["ds"] = json!(vec![Value::Null; chunks.len()]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> Vec<u32> {
        let mut out = Vec::new();
        let mut v = 0u32;
        for b in s.bytes() {
            let d = DIGITS.iter().position(|&x| x == b).unwrap() as u32;
            v = v * 32 + (d & 31);
            if d < 32 {
                out.push(v);
                v = 0;
            }
        }
        out
    }

    #[test]
    fn numbers_round_trip() {
        let mut s = String::new();
        for v in [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX] {
            push_number(&mut s, v);
        }
        assert_eq!(decode(&s), [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX]);
        let mut one = String::new();
        push_number(&mut one, 31);
        assert_eq!(one, "f");
    }

    #[test]
    fn lists_store_gaps() {
        assert_eq!(
            decode(&encode_list(&[(3, 500), (4, 7), (40, 1)])),
            [3, 500, 1, 7, 36, 1]
        );
    }

    #[test]
    fn quoting_escapes_exactly_backslashes_quotes_and_line_separators() {
        let reference = |json: &str| -> String {
            json.chars()
                .map(|c| match c {
                    '\\' => "\\\\".to_string(),
                    '\'' => "\\'".to_string(),
                    '\u{2028}' => "\\u2028".to_string(),
                    '\u{2029}' => "\\u2029".to_string(),
                    c => c.to_string(),
                })
                .collect()
        };
        for json in [
            "",
            "plain",
            "it's a \\ \"q\"",
            "\u{2028}\u{2029}\u{2027}\u{202a}",
            "é\u{2028}x'\\",
            "ends with \u{2029}",
        ] {
            let mut out = String::new();
            push_quoted(&mut out, json);
            assert_eq!(out, reference(json), "{json:?}");
        }
    }

    #[test]
    fn scripts_escape_quotes_for_single_quoted_strings() {
        let s = script("x", &json!({"a": "it's \\ \"q\""}));
        assert_eq!(
            s,
            "x=JSON.parse('{\"a\":\"it\\'s \\\\\\\\ \\\\\"q\\\\\"\"}');\n"
        );
    }
}
