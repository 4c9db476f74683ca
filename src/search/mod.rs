//! Lookup: Vietnamese folding, the search index, matching and ranking. Pure.

mod find;
pub mod fold;
mod index;
mod words;

pub use find::{Matches, reads_originals};
pub use index::{Entry, Field, Hit, Kind, Level, Record, SearchIndex, Target};
