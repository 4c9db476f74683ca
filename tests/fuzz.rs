//! A fuzz target for what htx reads from disk: the RON loader ([`store::parse`]) and the
//! cache's decoders ([`cache::decode_index`], [`cache::decode_snapshot`]), fed random and
//! damaged bytes by proptest.
//!
//! Nothing may panic, and whatever is accepted must be sound: a dataset passes validation and
//! survives a write and a read unchanged, and it and its index survive the cache; a damaged
//! cache is refused or is the good one exactly; a cache resealed with matching checksums after
//! the damage (what it takes to reach the decoders' own checks) is refused, or its index
//! searches without a panic, every highlight inside its text, and round-trips.
//!
//! `cargo test` runs 256 cases of each property (proptest's default); `PROPTEST_CASES=N`
//! sets another count, e.g. `PROPTEST_CASES=100000 cargo test --release --test fuzz`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;
use std::sync::OnceLock;

use htx::model::Dataset;
use htx::model::validate::validate;
use htx::search::{Entry, Field, Record, SearchIndex, Target};
use htx::store::save::Fingerprint;
use htx::store::{self, cache};
use proptest::prelude::*;
use proptest::sample::Index;

fn minimal() -> &'static [u8] {
    static TEXT: OnceLock<Vec<u8>> = OnceLock::new();
    TEXT.get_or_init(|| {
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/minimal.ron")).unwrap()
    })
}

/// A stamp of a real file, which the caches here are written for.
fn stamp() -> &'static cache::Stamp {
    static STAMP: OnceLock<(tempfile::TempDir, cache::Stamp)> = OnceLock::new();
    &STAMP
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("plan.ron");
            std::fs::write(&path, minimal()).unwrap();
            let stamp = cache::Stamp::of(&path).unwrap();
            (dir, stamp)
        })
        .1
}

/// The cache of `dataset`, with its search `index`, for [`stamp`].
fn encode(dataset: &Dataset, index: &SearchIndex) -> Option<Vec<u8>> {
    let fingerprint = Fingerprint {
        len: 0,
        modified: None,
        hash: 0,
    };
    cache::encode(
        stamp(),
        &cache::Contents {
            dataset,
            fingerprint: &fingerprint,
            normalized: 0,
            orders: None,
            search: Some(index),
        },
    )
}

fn minimal_dataset() -> Dataset {
    store::parse(minimal(), &|_| {}).unwrap().dataset
}

/// The index of `tests/data/minimal.ron` and its cache.
fn good_cache() -> &'static (SearchIndex, Vec<u8>) {
    static GOOD: OnceLock<(SearchIndex, Vec<u8>)> = OnceLock::new();
    GOOD.get_or_init(|| {
        let dataset = minimal_dataset();
        let index = SearchIndex::build(&dataset);
        let bytes = encode(&dataset, &index).unwrap();
        (index, bytes)
    })
}

/// `bytes` with every checksum made to hold, so the decoders read them.
fn resealed(mut bytes: Vec<u8>) -> Vec<u8> {
    cache::reseal(&mut bytes);
    bytes
}

/// One change to a file's bytes; places are fractions of the length at the time.
#[derive(Clone, Debug)]
enum Edit {
    Flip(Index, u8),
    Set(Index, u8),
    Insert(Index, Vec<u8>),
    Remove(Index, usize),
    Duplicate(Index, usize),
    Truncate(Index),
}

/// Pieces of RON and of text that reach the parser's corners when put anywhere.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ":",
    ",",
    "\"",
    "\\",
    "Some(",
    "None",
    "0",
    "-1",
    "1e999",
    "18446744073709551616",
    "2011-02-30",
    "true",
    "r#\"",
    "/*",
    "*/",
    "//",
    "\n",
    "\u{feff}",
    "\u{202e}",
    "\u{0}",
    "\u{85}",
    "Đ",
    "ị",
    "e\u{301}",
    "\\u{1EA1}",
    "\\u{D800}",
    "id",
    "name",
    "province",
    "status",
    "Done",
    "\u{1F600}",
];

fn edit() -> impl Strategy<Value = Edit> {
    let bytes = prop_oneof![
        prop::sample::select(TOKENS).prop_map(|t| t.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        3 => (any::<Index>(), 0..8u8).prop_map(|(at, bit)| Edit::Flip(at, bit)),
        2 => (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Edit::Set(at, byte)),
        3 => (any::<Index>(), bytes).prop_map(|(at, bytes)| Edit::Insert(at, bytes)),
        2 => (any::<Index>(), 1..64usize).prop_map(|(at, len)| Edit::Remove(at, len)),
        1 => (any::<Index>(), 1..64usize).prop_map(|(at, len)| Edit::Duplicate(at, len)),
        1 => any::<Index>().prop_map(Edit::Truncate),
    ]
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec(edit(), 1..6)
}

fn apply(bytes: &mut Vec<u8>, edits: &[Edit]) {
    for edit in edits {
        if bytes.is_empty() {
            return;
        }
        let len = bytes.len();
        match edit {
            Edit::Flip(at, bit) => bytes[at.index(len)] ^= 1 << bit,
            Edit::Set(at, byte) => bytes[at.index(len)] = *byte,
            Edit::Insert(at, new) => {
                let at = at.index(len + 1);
                bytes.splice(at..at, new.iter().copied());
            }
            Edit::Remove(at, n) => {
                let at = at.index(len);
                bytes.drain(at..(at + n).min(len));
            }
            Edit::Duplicate(at, n) => {
                let at = at.index(len);
                let copy = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, copy);
            }
            Edit::Truncate(at) => bytes.truncate(at.index(len)),
        }
    }
}

/// What must hold of any bytes the loader is given.
fn check_parse(bytes: &[u8]) {
    match store::parse(bytes, &|_| {}) {
        Ok(loaded) => {
            let dataset = loaded.dataset;
            assert_eq!(validate(&dataset), Vec::new(), "accepted, yet not valid");
            let text = store::to_ron_string(&dataset).unwrap();
            let again = store::parse(text.as_bytes(), &|_| {})
                .unwrap_or_else(|problems| panic!("written back, refused: {problems:?}"))
                .dataset;
            assert!(again == dataset, "written back and read, it changed");
            check_cache_round_trip(&dataset);
        }
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            for problem in problems {
                let at = problem.position;
                assert!(
                    at.line >= 1 && at.column >= 1 && at.line <= lines,
                    "{at:?} outside a file of {lines} lines: {}",
                    problem.message
                );
            }
        }
    }
}

/// A dataset and its index read back from their cache exactly.
fn check_cache_round_trip(dataset: &Dataset) {
    let index = SearchIndex::build(dataset);
    let bytes = encode(dataset, &index).unwrap();
    assert!(
        cache::decode_index(&bytes, stamp()).as_ref() == Some(&index),
        "an index did not survive its cache"
    );
    let snapshot = cache::decode_snapshot(&bytes, stamp()).unwrap();
    assert!(
        snapshot.loaded.dataset == *dataset,
        "a dataset did not survive its cache"
    );
}

/// What must hold of an index a cache decoded to, however odd: searching it never panics and
/// every hit lies inside the index, its highlights on char boundaries of its text; encoded
/// again, it decodes to itself.
fn check_sound(index: &SearchIndex) {
    for entry in 0..index.entries.len() {
        let _ = index.text(entry);
    }
    for prepared in [false, true] {
        if prepared {
            index.prepare();
        }
        for query in ["a", "nam dinh", "Định", "htx 1", "x y", "0", "đ"] {
            let hits = index.search(query, None, 50, &|| false).unwrap();
            for hit in hits {
                assert!(hit.record < index.records.len() && hit.entry < index.entries.len());
                let text = index.text(hit.entry);
                for range in hit.highlight {
                    assert!(text.get(range.clone()).is_some(), "{range:?} in {text:?}");
                }
            }
        }
    }
    let bytes = encode(&minimal_dataset(), index).unwrap();
    assert!(
        cache::decode_index(&bytes, stamp()).as_ref() == Some(index),
        "a decoded index did not survive its cache"
    );
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        (0..20usize).prop_map(Target::Province),
        (0..20usize).prop_map(Target::Cooperative),
        (0..20usize).prop_map(Target::PlanItem),
        (0..20usize, 0..20usize).prop_map(|(item, province)| Target::Progress { item, province }),
    ]
}

/// An index made up of parts that may or may not fit together: ids and labels drawn from
/// the letters of the original buffer, so they are often ranges of it; most of the time,
/// entries laid out as the builder does (in order from the start of the folded buffer, each
/// naming a record, within the buffers), else anyhow.
fn made_up_index() -> impl Strategy<Value = SearchIndex> {
    // A record's id and label: ranges of the names buffer, in it or not.
    let record = (target(), 0..8u32, 0..4u32, 0..8u32, 0..5u32).prop_map(
        |(target, id, id_len, label, label_len)| Record {
            target,
            id: (id, id + id_len),
            label: (label, label + label_len),
        },
    );
    let field = prop::sample::select(vec![
        Field::Name,
        Field::Code,
        Field::Id,
        Field::District,
        Field::Title,
        Field::Detail,
        Field::Notes,
    ]);
    // Record, field, gap before the folded text and its length, original start and length.
    let entry = (
        any::<Index>(),
        field,
        0..3usize,
        0..8usize,
        any::<Index>(),
        0..10usize,
    );
    (
        prop::collection::vec(record, 0..8),
        prop::collection::vec(entry, 0..12),
        prop::bool::weighted(0.8),
        prop_oneof!["[ab\\x00]{0,60}", "(?s).{0,40}"],
        prop_oneof!["[ab \\x00]{0,60}", "(?s).{0,40}"],
        prop_oneof!["[ab ]{0,12}", "(?s).{0,8}"],
    )
        .prop_map(|(records, entries, tidy, folded, original, names)| {
            let mut end = 0;
            let entries = entries
                .into_iter()
                .enumerate()
                .map(|(i, (record, field, gap, len, start, original_len))| {
                    let (record, folded, original) = if tidy {
                        let start_folded = if i == 0 { 0 } else { end + gap };
                        end = (start_folded + len).min(folded.len()).max(start_folded);
                        let start = start.index(original.len() + 1);
                        let original_end = (start + original_len).min(original.len());
                        let record = record.index(records.len().max(1));
                        (record, (start_folded, end), (start, original_end))
                    } else {
                        let start = start.index(80);
                        (
                            record.index(10),
                            (gap * 20, gap * 20 + len),
                            (start, start + original_len),
                        )
                    };
                    let offset = |n: usize| u32::try_from(n).unwrap();
                    Entry {
                        record: offset(record),
                        field,
                        folded: (offset(folded.0), offset(folded.1)),
                        original: (offset(original.0), offset(original.1)),
                    }
                })
                .collect();
            SearchIndex::from_parts(records, entries, folded, original, names)
        })
}

proptest! {
    #[test]
    fn the_loader_survives_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        check_parse(&bytes);
    }

    #[test]
    fn the_loader_survives_a_damaged_dataset(edits in edits()) {
        let mut bytes = minimal().to_vec();
        apply(&mut bytes, &edits);
        check_parse(&bytes);
    }

    #[test]
    fn the_loader_survives_damaged_text(edits in edits()) {
        // Damage kept to valid UTF-8, so it reaches the RON parser and the checks after it.
        let mut bytes = minimal().to_vec();
        apply(&mut bytes, &edits);
        check_parse(String::from_utf8_lossy(&bytes).as_bytes());
    }

    #[test]
    fn a_damaged_cache_is_refused_or_is_the_good_one(edits in edits()) {
        let (index, good) = good_cache();
        let mut bytes = good.clone();
        apply(&mut bytes, &edits);
        if let Some(decoded) = cache::decode_index(&bytes, stamp()) {
            prop_assert!(&decoded == index, "a damaged cache decoded to another index");
        }
        if let Some(snapshot) = cache::decode_snapshot(&bytes, stamp()) {
            prop_assert!(
                snapshot.loaded.dataset == minimal_dataset(),
                "a damaged cache decoded to another dataset"
            );
        }
    }

    #[test]
    fn a_damaged_cache_resealed_is_refused_or_sound(edits in edits()) {
        let (_, good) = good_cache();
        let mut bytes = good.clone();
        apply(&mut bytes, &edits);
        let bytes = resealed(bytes);
        if let Some(decoded) = cache::decode_index(&bytes, stamp()) {
            check_sound(&decoded);
        }
        // The dataset's sections have no checks of their own beyond the decoder's: it must
        // refuse or decode, never panic.
        let _ = cache::decode_snapshot(&bytes, stamp());
    }

    #[test]
    fn a_made_up_index_is_refused_or_read_back_exactly(
        index in made_up_index(),
        edits in edits(),
    ) {
        // Written by the encoder, read back by the decoder: an index whose parts do not fit
        // together is refused, any other comes back as it was, and is sound.
        let Some(bytes) = encode(&minimal_dataset(), &index) else {
            return Ok(());
        };
        if let Some(decoded) = cache::decode_index(&bytes, stamp()) {
            prop_assert!(decoded == index, "read back as another index");
            check_sound(&decoded);
        }
        // Then damaged, and resealed.
        let mut damaged = bytes.clone();
        apply(&mut damaged, &edits);
        if let Some(decoded) = cache::decode_index(&resealed(damaged), stamp()) {
            check_sound(&decoded);
        }
    }

    #[test]
    fn any_bytes_are_no_cache(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        prop_assert!(cache::decode_index(&bytes, stamp()).is_none());
        prop_assert!(cache::decode_snapshot(&bytes, stamp()).is_none());
        let bytes = resealed(bytes);
        prop_assert!(cache::decode_index(&bytes, stamp()).is_none());
        prop_assert!(cache::decode_snapshot(&bytes, stamp()).is_none());
    }
}

/// Resealing is what lets damage through to the decoders: a damaged good cache is refused
/// as it is, and read once resealed.
#[test]
fn resealing_reaches_the_decoders() {
    let (index, good) = good_cache();
    let mut bytes = good.clone();
    // A letter of the last section (the last chunk of cooperatives) changed, and one of the
    // search section's folded text.
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    assert!(cache::decode_snapshot(&bytes, stamp()).is_none());
    assert_eq!(cache::decode_index(&bytes, stamp()).as_ref(), Some(index));
    let bytes = resealed(bytes);
    assert_eq!(cache::decode_index(&bytes, stamp()).as_ref(), Some(index));
    assert_eq!(
        cache::decode_index(&resealed(good.clone()), stamp()).as_ref(),
        Some(index)
    );
}
