//! Text shared by the stages, none of which it knows: the tokeniser
//! (search index, dedup, discovery), markup stripping for word statistics,
//! slugs and anchors, and markdown read as text (the dialect, headings and
//! sections, plain text of titles). Stages import `text`; `text` imports
//! no stage.

pub mod escape;
pub mod excerpt;
pub mod markdown;
pub mod markup;
pub mod slug;
pub mod stem;
pub mod stopwords;
pub mod tokens;
pub mod weights;
