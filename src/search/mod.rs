//! Lookup: Vietnamese folding, the search index, matching and ranking. Pure.

pub mod fold;
mod index;

pub use index::{Entry, Field, Hit, Kind, Level, Record, SearchIndex, Target};
