//! The store: every bad file is refused with the right line and column, nothing panics on
//! hostile input, and load → save → load gives back the same dataset, byte for byte.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::Path;
use std::sync::Arc;

use htx::model::{Cooperative, CooperativeStatus, Dataset, Origin};
use htx::store::{self, LoadError, Position};
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

fn minimal() -> String {
    fs::read_to_string("tests/data/minimal.ron").unwrap()
}

fn problems(bytes: &[u8]) -> Vec<store::Problem> {
    store::parse(bytes, &|_| {}).expect_err("accepted a bad file")
}

/// Each file in `tests/bad/` starts with `// expect: LINE:COLUMN: message start`.
#[test]
fn every_bad_file_is_reported_at_its_line_and_column() {
    let mut checked = 0;
    for entry in fs::read_dir("tests/bad").unwrap() {
        let path = entry.unwrap().path();
        let bytes = fs::read(&path).unwrap();
        let first_line = bytes.split(|&b| b == b'\n').next().unwrap();
        let expect = std::str::from_utf8(first_line)
            .unwrap()
            .strip_prefix("// expect: ")
            .unwrap();
        let (line, rest) = expect.split_once(':').unwrap();
        let (column, message) = rest.split_once(": ").unwrap();

        let err =
            store::load(&path, &|_| {}).expect_err(&format!("{} was accepted", path.display()));
        let LoadError::Invalid { problems, .. } = &err else {
            panic!("{err}")
        };
        let first = &problems[0];
        let name = path.display();
        assert_eq!(
            first.position,
            Position {
                line: line.parse().unwrap(),
                column: column.parse().unwrap()
            },
            "{name}"
        );
        assert!(
            first.message.starts_with(message),
            "{name}: {:?} does not start with {message:?}",
            first.message
        );
        // The printed form is FILE:LINE:COLUMN: message, one problem a line.
        assert!(
            err.to_string()
                .starts_with(&format!("{name}:{line}:{column}: {message}")),
            "{err}"
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} bad files");
}

#[test]
fn the_minimal_file_is_sound() {
    let loaded = store::parse(minimal().as_bytes(), &|_| {}).unwrap();
    assert_eq!(loaded.dataset.cooperatives.len(), 2);
    assert_eq!(loaded.normalized, 0);
}

#[test]
fn several_problems_are_all_reported_in_file_order() {
    let text = minimal().replace("id: \"A-2\"", "id: \"A-1\"").replace(
        "province: \"34\",\n            sector",
        "province: \"99\",\n            sector",
    );
    let found = problems(text.as_bytes());
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].position < found[1].position);
    assert!(found[0].message.starts_with("duplicate cooperative id"));
    assert!(found[1].message.starts_with("unknown province code"));
}

#[test]
fn an_empty_file_is_an_error_not_a_panic() {
    let found = problems(b"");
    assert_eq!(found[0].position, Position { line: 1, column: 1 });
}

#[test]
fn absurd_nesting_is_refused_quickly() {
    for open in ["[", "(", "{", "Some("] {
        let text = open.repeat(100_000);
        let found = problems(text.as_bytes());
        assert!(!found.is_empty());
    }
}

#[test]
fn a_huge_unterminated_string_is_refused() {
    let text = format!(
        "(schema_version: 1, region: (name: \"{}",
        "Đ".repeat(3_000_000)
    );
    let found = problems(text.as_bytes());
    assert_eq!(found[0].position.line, 1);
}

#[test]
fn every_truncation_of_a_good_file_is_refused_without_panic() {
    let text = minimal();
    let mut cut = 0;
    for (end, _) in text.char_indices() {
        // The comment line alone and a cut inside trailing whitespace are the only prefixes
        // that could parse; everything before the final `)` must fail.
        if end < text.trim_end().len() {
            assert!(
                store::parse(&text.as_bytes()[..end], &|_| {}).is_err(),
                "prefix of {end} bytes accepted"
            );
            cut += 1;
        }
    }
    assert!(cut > 1000);
}

#[test]
fn decomposed_text_is_composed_on_load_and_counted() {
    let nfd: String = "HTX Diêm nghiệp Văn Lý".nfd().collect();
    let text = minimal().replace("HTX Diêm nghiệp Văn Lý", &nfd);
    assert_ne!(text, minimal());
    let loaded = store::parse(text.as_bytes(), &|_| {}).unwrap();
    assert_eq!(
        loaded.dataset.cooperatives[0].name,
        "HTX Diêm nghiệp Văn Lý"
    );
    assert_eq!(loaded.normalized, 1);
}

fn round_trip(dataset: &Dataset) {
    let text = store::to_ron_string(dataset).unwrap();
    let again = store::parse(text.as_bytes(), &|_| {}).unwrap().dataset;
    assert_eq!(&again, dataset);
    assert_eq!(
        store::to_ron_string(&again).unwrap(),
        text,
        "same data, different bytes"
    );
}

#[test]
fn builtin_dataset_round_trips_byte_for_byte() {
    let dataset = store::builtin().unwrap();
    round_trip(&dataset);
}

#[test]
fn saving_writes_a_file_that_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested").join("data.ron");
    let dataset = store::builtin().unwrap();
    store::write_new(&path, &dataset).unwrap();
    let loaded = store::load(&path, &|_| {}).unwrap();
    assert_eq!(loaded.dataset, dataset);
    assert!(
        store::write_new(&path, &dataset).is_err(),
        "wrote over an existing file"
    );
}

fn with_notes(name: &str, notes: &str) -> Dataset {
    let mut dataset = store::parse(minimal().as_bytes(), &|_| {}).unwrap().dataset;
    dataset.cooperatives.push(Arc::new(Cooperative {
        id: "hostile".into(),
        name: name.into(),
        province: "36".into(),
        district: Some(format!("Huyện {notes}")),
        sector: "muoi".into(),
        founded: None,
        members: 0,
        ratings: Vec::new(),
        alliance_member_since: None,
        status: CooperativeStatus::Suspended,
        notes: notes.into(),
        origin: Origin::Illustrative,
        illustrative: Vec::new(),
    }));
    dataset
}

#[test]
fn hostile_strings_round_trip() {
    for notes in [
        "quote \" and backslash \\",
        "raw end \"# and \"## and r#\"",
        "line\nbreaks\r\nand\ttabs",
        "escape \u{1b}[2J\u{7} bell and \u{0} nul",
        "/* not a comment */ // nor this",
        "), ] } : , ( [ {",
        "emoji 👩‍🌾 and combining x\u{301}",
        "",
    ] {
        round_trip(&with_notes("HTX \"Đồng Tiến\"", notes));
    }
}

proptest! {
    #[test]
    fn any_text_round_trips(name in "\\PC{1,40}", notes in any::<String>()) {
        prop_assume!(!name.trim().is_empty());
        let name: String = name.nfc().collect();
        let notes: String = notes.nfc().collect();
        let dataset = with_notes(&name, &notes);
        let text = store::to_ron_string(&dataset).unwrap();
        let again = store::parse(text.as_bytes(), &|_| {}).unwrap().dataset;
        prop_assert_eq!(again, dataset);
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
        let _ = store::parse(&bytes, &|_| {});
    }

    #[test]
    fn mangled_good_files_never_panic(at in 0usize..2000, junk in "[\\[\\](){}:,\"#r/* a-zĐđ0-9\n]{0,8}") {
        let text = minimal();
        let at = text.char_indices().map(|(i, _)| i).nth(at % text.chars().count()).unwrap_or(0);
        let mangled = format!("{}{junk}{}", &text[..at], &text[at..]);
        let _ = store::parse(mangled.as_bytes(), &|_| {});
    }
}

#[test]
fn a_missing_file_is_a_read_error() {
    let err = store::load(Path::new("tests/bad/does-not-exist.ron"), &|_| {}).unwrap_err();
    assert!(matches!(err, LoadError::Read { .. }));
}

#[test]
fn the_commented_format_example_is_a_sound_file() {
    let loaded = store::load(Path::new("examples/dataset.ron"), &|_| {}).unwrap();
    assert_eq!(
        loaded.dataset.cooperatives[0].notes,
        "Sản xuất muối sạch.\nNhiều dòng được."
    );
}
