//! The one place Snowball stemmers (rust-stemmers, Porter's Snowball
//! algorithms) are made: the stages that stem English words and the
//! tokeniser's per-language [`super::tokens::Stemmer`] all get theirs here.

pub use rust_stemmers::{Algorithm, Stemmer as Snowball};

/// The Snowball stemmer of `algorithm` (a language).
pub fn snowball(algorithm: Algorithm) -> Snowball {
    Snowball::create(algorithm)
}

/// The Snowball English stemmer (Porter 2).
pub fn english() -> Snowball {
    snowball(Algorithm::English)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_stems_words() {
        assert_eq!(english().stem("resized"), "resiz");
        assert_eq!(snowball(Algorithm::Russian).stem("классами"), "класс");
    }
}
