//! The pieces of the spreadsheet importer: decoding the encodings Vietnamese files come in
//! and telling which one a file or a cell uses ([`encoding`]), and the shape of a Vietnamese
//! syllable that the guess rests on ([`syllable`]). Pure: bytes and text in, text out.

pub mod encoding;
pub mod syllable;
