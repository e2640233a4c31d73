//! The library's error type.
//!
//! Every error that comes from the user's input names the file it came from
//! and, where one exists, the 1-based line (and column) in that file, so the
//! message can be acted on without a debugger. `main` wraps these in `anyhow`
//! and prints the whole chain.

use std::path::PathBuf;

/// Longest message quoted from a parser, in bytes: longer ones are cut.
pub const MAX_MESSAGE_BYTES: usize = 300;

/// Result alias used across the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can stop a build.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file or directory could not be read or written. The message is
    /// the path alone: the operating system's error is the `source`, which
    /// `main` prints once as the next link of the chain.
    #[error("{}", path.display())]
    Io {
        /// The file or directory involved.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// A YAML document (front matter, `docgen.yaml`, a catalog) is malformed
    /// or has a key docgen does not know.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Yaml {
        /// The file that holds the YAML.
        path: PathBuf,
        /// 1-based line in that file.
        line: usize,
        /// 1-based column in that file.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A template failed to parse or render.
    #[error("template {}:{line}: {message}", path.display())]
    Template {
        /// The template's name (a user's override shows its path under the root).
        path: PathBuf,
        /// 1-based line in the template (0 when tera gives none).
        line: usize,
        /// tera's message.
        message: String,
    },
    /// The preview server cannot listen on the address.
    #[error(
        "cannot listen on {addr}: {message} (is another server using the port? `--port 0` picks a free one)"
    )]
    Bind {
        /// The address, e.g. `127.0.0.1:1111`.
        addr: String,
        /// The operating system's message.
        message: String,
    },
    /// No usable browser for `docgen pdf`, or it failed.
    #[error("{message}")]
    Browser {
        /// What went wrong and what to do.
        message: String,
    },
    /// The output directory may not be written: it is or holds part of the
    /// project, or it is a directory docgen did not write.
    #[error("output {}: {message}", path.display())]
    Output {
        /// The output directory asked for.
        path: PathBuf,
        /// Why it is refused and what to do.
        message: String,
    },
    /// The project root does not exist or has no `content/` folder.
    #[error(
        "no content/ folder in {}: run `docgen init {}` to start a project there, or point --root at your project",
        root.display(),
        root.display()
    )]
    NoContent {
        /// The project root asked for.
        root: PathBuf,
    },
    /// The notes folder holds no notes file.
    #[error(
        "no notes in {}: {}",
        path.display(),
        if *drafts > 0 {
            format!("{drafts} note(s) marked `draft: true` were left out; build them with `--drafts`")
        } else {
            "put your .md, .markdown or .txt notes there (files in hidden folders, drafts and binary files are left out)".to_string()
        }
    )]
    NoNotes {
        /// The notes folder (`content/`).
        path: PathBuf,
        /// Notes left out as drafts.
        drafts: usize,
    },
    /// A configuration value is invalid (not a YAML syntax problem).
    #[error("{}: {message}", path.display())]
    Config {
        /// The configuration file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

impl Error {
    /// The whole message: this error and each of its causes, joined by
    /// `": "` (what `main` prints through anyhow's `{:#}`), for places that
    /// show an error without anyhow, such as `serve`'s overlay.
    pub fn report(&self) -> String {
        let mut out = self.to_string();
        let mut cause = std::error::Error::source(self);
        while let Some(c) = cause {
            out.push_str(": ");
            out.push_str(&c.to_string());
            cause = c.source();
        }
        out
    }

    /// Wraps an I/O error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// Builds a YAML error from `serde_yaml`'s error, shifting its line by
    /// `line_offset` (the 0-based line where the YAML starts in `path`).
    /// (The message is cut to [`MAX_MESSAGE_BYTES`].)
    pub fn yaml(path: impl Into<PathBuf>, line_offset: usize, err: &serde_yaml::Error) -> Self {
        let (line, column) = err
            .location()
            .map(|l| (l.line() + line_offset, l.column()))
            .unwrap_or((line_offset + 1, 1));
        // serde_yaml appends " at line N column M" to its message; the
        // location is already in our own prefix, relative to the real file.
        let mut message = err.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        // A message quoting a huge value (an aliased 4 MiB string) is cut.
        if message.len() > MAX_MESSAGE_BYTES {
            let mut cut = MAX_MESSAGE_BYTES;
            while !message.is_char_boundary(cut) {
                cut -= 1;
            }
            message.truncate(cut);
            message.push('…');
        }
        Error::Yaml {
            path: path.into(),
            line,
            column,
            message,
        }
    }
}
