//! Lookup: Vietnamese folding, the search index, matching and ranking. Pure.

mod find;
pub mod fold;
mod index;
mod words;

pub use index::{Entry, Field, Hit, Kind, Level, Record, SearchIndex, Target};
