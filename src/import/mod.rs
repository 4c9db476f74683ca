//! The pieces of the spreadsheet importer: for now the shape of a Vietnamese syllable
//! ([`syllable`]), by which the importer tells text decoded right from mojibake. Pure.

pub mod syllable;
