//! The build cache: what `docgen build` keeps between runs in
//! [`CACHE_FILE`] under the project, so that a rebuild after an edit
//! redoes only the extraction of the sources that changed and highlights
//! only the code blocks it has not seen.
//!
//! It holds a [`Session`]'s two caches (the same ones `docgen serve`
//! keeps in memory): each source's extraction under the SHA-256 of the
//! source's front matter, body and first line, and every highlighted code
//! block by (fence info string, code). An extraction is reused only when
//! the digest is equal (a collision of SHA-256 is not a practical
//! concern), so a cached build is byte for byte the cold one.
//!
//! The file is tied to the binary that wrote it ([`cache_key`]: docgen's
//! version, the executable's size and modification time, the
//! configuration's text); another key means a cold build that replaces
//! it. A file that cannot be read back whole (wrong magic, checksum or
//! encoding) is discarded with a warning, never trusted. The file is
//! written to a temporary name beside it and renamed, so a killed build
//! leaves the old cache or the new one.
//!
//! Format: [`MAGIC`], a [`postcard`] encoding of [`Stored`], then a
//! checksum of that encoding (its CRC-32 and length, little-endian). The encoding is
//! streamed to the file, so saving holds no second copy of the cache.

use std::hash::Hasher;
use std::path::{Path, PathBuf};

use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};

use super::{Cached, Session};
use crate::render::markdown::HighlightCache;

/// The cache file, relative to the project root (ignored by git: `docgen
/// init` writes `/.docgen/cache/` into `.gitignore`).
pub const CACHE_FILE: &str = ".docgen/cache/build.bin";

/// The first bytes of a cache file (format version 2: sources by digest;
/// a version 1 file fails this check and is discarded).
const MAGIC: &[u8; 8] = b"DGBUILD2";

/// What the cache file holds (read back).
#[derive(Deserialize)]
struct Stored {
    /// [`cache_key`] of the build that wrote it.
    key: String,
    /// Source name → (digest of its text, extraction), sorted by name.
    extracted: Vec<(String, Cached)>,
    /// ((fence info string, code), highlighted HTML), sorted.
    highlighted: Vec<((String, String), String)>,
}

/// What loading the cache gave.
pub struct Loaded {
    /// The session to build with (empty when there was no usable cache).
    pub session: Session,
    /// Why a cache file was discarded, for the build's warnings.
    pub warning: Option<String>,
}

/// The key a cache must carry to be used by this binary with
/// `config_text` (the configuration file's text, empty without one):
/// docgen's version, the running executable's size and modification time
/// (so a rebuilt binary of the same version starts cold), and the FxHash
/// of the configuration.
pub fn cache_key(config_text: &str) -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}-{mtime}", m.len())
        })
        .unwrap_or_default();
    let mut h = FxHasher::default();
    h.write(config_text.as_bytes());
    format!(
        "docgen {} exe {exe} config {:016x}",
        env!("CARGO_PKG_VERSION"),
        h.finish()
    )
}

/// Loads the cache of the project at `root` for a build keyed `key`.
/// No file, or one with another key, gives an empty session; a file that
/// cannot be read back whole gives an empty session and a warning. Never
/// fails.
pub fn load(root: &Path, key: &str) -> Loaded {
    let path = root.join(CACHE_FILE);
    let empty = |warning: Option<String>| Loaded {
        session: Session::default(),
        warning,
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return empty(None),
        Err(e) => {
            return empty(Some(format!(
                "{CACHE_FILE} not read ({e}); building without the cache"
            )));
        }
    };
    match decode(&bytes) {
        Ok(stored) if stored.key == key => Loaded {
            session: Session {
                extracted: std::sync::Mutex::new(stored.extracted.into_iter().collect()),
                highlighted: HighlightCache::persistent_with(stored.highlighted),
            },
            warning: None,
        },
        Ok(_) => empty(None),
        Err(why) => empty(Some(format!(
            "{CACHE_FILE} is corrupt ({why}); discarded, building without it"
        ))),
    }
}

/// What the cache file holds, borrowed from a session (written).
#[derive(Serialize)]
struct StoredRef<'a> {
    key: &'a str,
    extracted: Vec<(&'a String, &'a Cached)>,
    highlighted: Vec<(&'a (String, String), &'a String)>,
}

/// Decodes a cache file: magic, the encoding, its checksum.
fn decode(bytes: &[u8]) -> Result<Stored, String> {
    let rest = bytes
        .strip_prefix(MAGIC.as_slice())
        .ok_or("not a docgen build cache")?;
    if rest.len() < 8 {
        return Err("truncated".to_string());
    }
    let (payload, sum) = rest.split_at(rest.len() - 8);
    let sum = u64::from_le_bytes(sum.try_into().map_err(|_| "truncated")?);
    let mut h = Checksum::default();
    h.add(payload);
    if sum != h.finish() {
        return Err("checksum mismatch".to_string());
    }
    postcard::from_bytes(payload).map_err(|e| e.to_string())
}

/// A checksum of a stream of bytes, whatever its chunks: CRC-32
/// (`crc32fast`) in the low half, the length in the high half.
#[derive(Default)]
struct Checksum {
    crc: crc32fast::Hasher,
    len: u64,
}

impl Checksum {
    fn add(&mut self, bytes: &[u8]) {
        self.crc.update(bytes);
        self.len += bytes.len() as u64;
    }

    fn finish(self) -> u64 {
        (self.len << 32) ^ u64::from(self.crc.finalize())
    }
}

/// A writer that checksums what passes through it.
struct Summing<W> {
    inner: W,
    sum: Checksum,
}

impl<W: std::io::Write> std::io::Write for Summing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.sum.add(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `session`'s caches under `root` with `key`: into a temporary
/// file beside [`CACHE_FILE`], then renamed over it.
///
/// Errors: an I/O error when `.docgen` or `.docgen/cache` is a symbolic
/// link (docgen writes only inside the project) or the file cannot be
/// written; the caller reports it as a warning.
pub fn save(root: &Path, session: &Session, key: &str) -> std::io::Result<()> {
    let path = root.join(CACHE_FILE);
    let dir = path.parent().expect("the file sits in .docgen/cache/");
    for d in [root.join(".docgen"), dir.to_path_buf()] {
        if std::fs::symlink_metadata(&d).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(std::io::Error::other(format!(
                "{} is a symbolic link; docgen writes only inside the project",
                d.display()
            )));
        }
    }
    std::fs::create_dir_all(dir)?;
    let tmp: PathBuf = dir.join(format!(".build.bin.{}.tmp", std::process::id()));
    let written = write_to(&tmp, session, key);
    written
        .and_then(|()| std::fs::rename(&tmp, &path))
        .inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
}

/// Removes the temporary cache files a killed build left under `root`
/// (`.docgen/cache/.build.bin.PID.tmp`); the cache itself stays. Returns
/// how many were removed. A folder that cannot be read, or is a symbolic
/// link, is left alone (0).
///
/// Errors: an I/O error when a leftover cannot be removed.
pub fn remove_leftovers(root: &Path) -> std::io::Result<usize> {
    let path = root.join(CACHE_FILE);
    let dir = path.parent().expect("the file sits in .docgen/cache/");
    let linked = [root.join(".docgen"), dir.to_path_buf()]
        .iter()
        .any(|d| std::fs::symlink_metadata(d).is_ok_and(|m| m.file_type().is_symlink()));
    if linked {
        return Ok(0);
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    let mut removed = 0;
    for e in entries.flatten() {
        let name = e.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(".build.bin.") && name.ends_with(".tmp") && e.path().is_file() {
            std::fs::remove_file(e.path())?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Writes the cache file's bytes for `session` and `key` to `tmp`.
fn write_to(tmp: &Path, session: &Session, key: &str) -> std::io::Result<()> {
    let extracted = session.extracted.lock().unwrap_or_else(|e| e.into_inner());
    let mut extracted: Vec<(&String, &Cached)> = extracted.iter().collect();
    extracted.sort_by(|a, b| a.0.cmp(b.0));
    session.highlighted.with_blocks(|blocks| {
        let mut highlighted: Vec<(&(String, String), &String)> = blocks.iter().collect();
        highlighted.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let stored = StoredRef {
            key,
            extracted,
            highlighted,
        };
        let mut file = std::io::BufWriter::new(std::fs::File::create(tmp)?);
        std::io::Write::write_all(&mut file, MAGIC)?;
        let mut out = Summing {
            inner: file,
            sum: Checksum::default(),
        };
        out = postcard::to_io(&stored, out).map_err(std::io::Error::other)?;
        let Summing {
            inner: mut file,
            sum,
        } = out;
        std::io::Write::write_all(&mut file, &sum.finish().to_le_bytes())?;
        // Not synced: a file cut short by a crash fails its checksum and
        // is discarded, which costs one cold build.
        file.into_inner().map_err(|e| e.into_error()).map(drop)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_refused_whatever_the_damage() {
        let block = (
            ("py".to_string(), "x = 1\n".to_string()),
            "<pre>x</pre>".to_string(),
        );
        let stored = StoredRef {
            key: "k",
            extracted: Vec::new(),
            highlighted: vec![(&block.0, &block.1)],
        };
        let payload = postcard::to_stdvec(&stored).unwrap();
        let mut sum = Checksum::default();
        sum.add(&payload);
        let mut good = MAGIC.to_vec();
        good.extend_from_slice(&payload);
        good.extend_from_slice(&sum.finish().to_le_bytes());
        assert_eq!(decode(&good).unwrap().highlighted, vec![block.clone()]);
        // Every single flipped byte and every truncation is caught.
        for i in 0..good.len() {
            let mut bad = good.clone();
            bad[i] ^= 0x40;
            assert!(decode(&bad).is_err(), "flip at {i}");
            assert!(decode(&good[..i]).is_err(), "cut at {i}");
        }
    }
}
