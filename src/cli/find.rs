//! `htx find`: the best matches of a query in the search index.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use serde::Serialize;

use super::KindArg;
use super::output::{exit, note, one_line, to_stdout, write_json};
use super::source::{Source, load_index};
use crate::search::{Hit, Kind, Level, SearchIndex, reads_originals};
use crate::store::cache;

/// `htx find`: prints the matches on stdout; exit 1 with a note on stderr when none.
pub fn find_command(
    file: Option<PathBuf>,
    query: &str,
    kinds: &[KindArg],
    limit: u32,
    json: bool,
) -> Result<ExitCode, String> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let (index, hits) = search(&Source::resolve(file), query, kinds, limit)?;
    let matched = to_stdout(|out| write_hits(&index, &hits, json, out))?;
    // The process ends here: freeing 100,000 records one by one would only slow the exit.
    std::mem::forget(index);
    if !matched {
        note(&(crate::lang::cli().nothing_matches)(
            &crate::text::display(query),
        ));
    }
    Ok(exit(matched))
}

/// The best `limit` matches of `query`, and the index they point into. From a current cache,
/// only the records, entries and folded text are read whole; the original texts and names
/// are checked and then read for the matches alone (`cache::Partial`, one read a piece). A
/// query with marks matches on the original texts, and a `--limit` above [`PIECES_AT_MOST`]
/// would make thousands of reads, so those read the texts whole.
fn search(
    source: &Source,
    query: &str,
    kinds: &[KindArg],
    limit: usize,
) -> Result<(SearchIndex, Vec<Hit>), String> {
    let kinds: Vec<Kind> = kinds.iter().map(|k| k.kind()).collect();
    let narrowed = (!kinds.is_empty()).then_some(kinds.as_slice());
    if let Source::File(path) = source
        && limit <= PIECES_AT_MOST
        && !reads_originals(query)
        && let Some(partial) = cache::load_partial_index(path)
        && let Some(matches) = partial.index.matches(query, narrowed, limit, &|| false)
    {
        let places: Vec<(usize, usize)> = matches.places().collect();
        if let Some(index) = partial.read(places.into_iter()) {
            let hits = index.hits(matches);
            return Ok((index, hits));
        }
    }
    let index = load_index(source)?;
    let hits = index
        .search(query, narrowed, limit, &|| false)
        .unwrap_or_default();
    Ok((index, hits))
}

/// The most matches whose texts are read piece by piece rather than whole.
const PIECES_AT_MOST: usize = 1_000;

/// The name of a match level in `--json` output.
pub fn level_name(level: Level) -> &'static str {
    match level {
        Level::WholeWord => "whole_word",
        Level::Prefix => "prefix",
        Level::Substring => "substring",
        Level::AllWords => "all_words",
        Level::Fuzzy => "fuzzy",
    }
}

#[derive(Serialize)]
struct FoundJson<'a> {
    kind: &'static str,
    id: &'a str,
    label: &'a str,
    field: &'static str,
    text: &'a str,
    level: &'static str,
    /// Char offsets `[start, end)` of the matched characters in `text`.
    highlight: Vec<[usize; 2]>,
}

/// Writes the best `limit` matches of `query` in `index`, best first, only of `kinds` if any
/// are given: one `KIND\tID\tLABEL\tFIELD\tTEXT` line each, or a JSON array. Writes nothing
/// and returns false when nothing matches.
pub fn find(
    index: &SearchIndex,
    query: &str,
    kinds: &[KindArg],
    limit: usize,
    json: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let kinds: Vec<Kind> = kinds.iter().map(|k| k.kind()).collect();
    let narrowed = (!kinds.is_empty()).then_some(kinds.as_slice());
    let hits = index
        .search(query, narrowed, limit, &|| false)
        .unwrap_or_default();
    write_hits(index, &hits, json, out)
}

/// Writes `hits` of `index`, best first: one `KIND\tID\tLABEL\tFIELD\tTEXT` line each, or a
/// JSON array. Writes nothing and returns false when there are none.
fn write_hits(
    index: &SearchIndex,
    hits: &[Hit],
    json: bool,
    out: &mut impl Write,
) -> io::Result<bool> {
    let mut written = false;
    for hit in hits {
        let (Some(record), Some(entry)) =
            (index.records.get(hit.record), index.entries.get(hit.entry))
        else {
            continue;
        };
        let text = index.text(hit.entry);
        let kind = record.target.kind().name();
        let field = entry.field.name();
        if json {
            let found = FoundJson {
                kind,
                id: index.id(hit.record),
                label: index.label(hit.record),
                field,
                text,
                level: level_name(hit.level),
                highlight: hit
                    .highlight
                    .iter()
                    .map(|range| [char_offset(text, range.start), char_offset(text, range.end)])
                    .collect(),
            };
            out.write_all(if written { b",\n" } else { b"[\n" })?;
            write_json(&mut *out, &found)?;
        } else {
            writeln!(
                out,
                "{kind}\t{}\t{}\t{field}\t{}",
                one_line(index.id(hit.record)),
                one_line(index.label(hit.record)),
                one_line(text)
            )?;
        }
        written = true;
    }
    if json && written {
        out.write_all(b"\n]\n")?;
    }
    Ok(written)
}

/// The char offset of byte `at` in `text` (the end when past it).
fn char_offset(text: &str, at: usize) -> usize {
    text.char_indices().take_while(|&(i, _)| i < at).count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{dataset, run};

    #[test]
    fn find_prints_tab_separated_lines_best_first() {
        let index = SearchIndex::build(&dataset());
        let (found, out) = run(|out| find(&index, "nam dinh", &[], 20, false, out));
        assert!(found);
        let first = out.lines().next().unwrap();
        assert_eq!(first, "province\t36\tNam Định\tname\tNam Định");
        assert!(out.lines().all(|l| l.split('\t').count() == 5), "{out}");
        assert!(out.lines().count() <= 20);
    }

    #[test]
    fn find_narrows_by_kind_and_limit() {
        let index = SearchIndex::build(&dataset());
        let (_, out) = run(|out| find(&index, "nam", &[KindArg::Cooperative], 3, false, out));
        assert!(!out.is_empty());
        assert!(out.lines().count() <= 3);
        assert!(out.lines().all(|l| l.starts_with("cooperative\t")), "{out}");
    }

    #[test]
    fn find_json_carries_char_offsets() {
        let index = SearchIndex::build(&dataset());
        let (_, out) = run(|out| find(&index, "định", &[], 1, true, out));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let hit = &value[0];
        let text = hit["text"].as_str().unwrap();
        let range = &hit["highlight"][0];
        let (start, end) = (
            range[0].as_u64().unwrap() as usize,
            range[1].as_u64().unwrap() as usize,
        );
        let matched: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(matched.to_lowercase(), "định");
        assert_eq!(hit["level"], "whole_word");
    }

    #[test]
    fn find_without_a_match_writes_nothing() {
        let index = SearchIndex::build(&dataset());
        for json in [false, true] {
            let (found, out) = run(|out| find(&index, "qqqxxzz", &[], 20, json, out));
            assert!(!found);
            assert!(out.is_empty());
        }
    }
}
