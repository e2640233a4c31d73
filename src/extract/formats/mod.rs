//! One file per note structure, each a [`super::format::NoteFormat`]
//! registered in [`super::format::REGISTRY`].

pub(crate) mod bare_lines;
pub(crate) mod bold;
pub(crate) mod exercise;
pub(crate) mod flashcards;
pub(crate) mod list_questions;
pub(crate) mod numbered_headings;
pub(crate) mod pairs;
pub(crate) mod table;
