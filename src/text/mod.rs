//! Text shared by the stages: the tokeniser (search index, dedup,
//! discovery), markup stripping for word statistics, slugs and anchors,
//! markdown read as text (the dialect, headings and sections, plain text
//! of titles), and one place each for stop words (a base list and every
//! stage's declared additions), Snowball stemmers, idf, HTML escaping and
//! excerpts. Stages import `text`; `text` imports no stage.

pub mod escape;
pub mod excerpt;
pub mod markdown;
pub mod markup;
pub mod slug;
pub mod stem;
pub mod stopwords;
pub mod tokens;
pub mod weights;
