//! Every region's names: the names of all the country's districts and communes
//! (`tests/data/vn-names.txt`) sort as ICU's `vi` collation sorts them and are found when typed
//! without their apostrophes; random text over the characters the collation covers sorts as
//! ICU sorts it; and the command line and the screen list records of equal names in one order.
//!
//! ICU (ICU4X's `icu_collator`, with its compiled CLDR data) is a dev-dependency only: it is
//! the oracle here, while the program keeps its own small key (`htx::text::collation_key`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::cmp::Ordering;
use std::process::Command;
use std::sync::Arc;

use htx::model::{Cooperative, Dataset, Province};
use htx::search::{Kind, Level, SearchIndex};
use htx::text::{collate, collation_key, list_key};
use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;
use proptest::prelude::*;
use unicode_normalization::UnicodeNormalization;

mod common;
use common::keys;

/// The names, as the file lists them (its `#` lines are its header).
fn names() -> Vec<&'static str> {
    include_str!("data/vn-names.txt")
        .lines()
        .filter(|line| !line.starts_with('#'))
        .collect()
}

/// ICU's collator for Vietnamese at its defaults (tertiary strength, punctuation not ignored),
/// the collation CLDR defines for `vi`.
fn icu() -> CollatorBorrowed<'static> {
    Collator::try_new(locale!("vi").into(), CollatorOptions::default()).unwrap()
}

#[test]
fn the_names_file_is_what_its_header_says() {
    let names = names();
    assert_eq!(names.len(), 7540);
    let mut unique = names.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "a name is listed twice");
    for name in &names {
        let mut nfc = (*name).to_string();
        assert!(!htx::text::nfc_in_place(&mut nfc), "{name:?} is not NFC");
        assert_eq!(name.trim(), *name);
    }
    // The names this is about are there.
    for name in [
        "Ea H'leo",
        "Cư M'gar",
        "Krông Pắc",
        "Cư Jút",
        "Ea Wer",
        "Za Hung",
    ] {
        assert!(names.contains(&name), "{name}");
    }
}

#[test]
fn every_name_sorts_as_icu_vi_sorts_it() {
    let icu = icu();
    let mut ours = names();
    ours.sort_by_cached_key(|name| collation_key(name));
    let mut theirs = names();
    theirs.sort_by(|a, b| icu.compare(a, b));
    if let Some(at) = (0..ours.len()).find(|&i| ours[i] != theirs[i]) {
        let around =
            |list: &[&str]| list[at.saturating_sub(2)..(at + 3).min(list.len())].join(" | ");
        panic!(
            "first difference at {at}:\n  ours: {}\n  ICU:  {}",
            around(&ours),
            around(&theirs)
        );
    }
    // And no two names are equal to either.
    for pair in ours.windows(2) {
        assert_eq!(icu.compare(pair[0], pair[1]), Ordering::Less, "{pair:?}");
        assert_eq!(collate(pair[0], pair[1]), Ordering::Less, "{pair:?}");
    }
}

#[test]
fn names_with_f_j_w_z_and_apostrophes_sit_where_icu_puts_them() {
    let icu = icu();
    for (before, after) in [
        ("Ea H'leo", "Ea Hiao"),
        ("Ea H'leo", "Ea H’leo"),
        ("Cư Jút", "Cư Kuin"),
        ("Cư Huê", "Cư Jút"),
        ("Ea Wer", "Ea Xiêr"),
        ("Ea Tul", "Ea Wer"),
        ("Yên Bái", "Za Hung"),
        ("Dương", "Đông"),
        ("Krông Pa", "Krông Pắc"),
        ("Phường 10", "Phường 2"),
    ] {
        assert_eq!(
            icu.compare(before, after),
            Ordering::Less,
            "ICU: {before} < {after}"
        );
        assert_eq!(collate(before, after), Ordering::Less, "{before} < {after}");
    }
}

/// Every char the collation claims to order as ICU does: the letters of the Vietnamese
/// alphabet and f, j, w, z in both cases with every tone, digits, space, no-break space, and
/// the punctuation it lists.
const COVERED: &str = "aàảãáạăằẳẵắặâầẩẫấậbcdđeèẻẽéẹêềểễếệfghiìỉĩíịjklmnoòỏõóọôồổỗốộơờởỡớợ\
pqrstuùủũúụưừửữứựvwxyỳỷỹýỵz\
AÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬBCDĐEÈẺẼÉẸÊỀỂỄẾỆFGHIÌỈĨÍỊJKLMNOÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ\
PQRSTUÙỦŨÚỤƯỪỬỮỨỰVWXYỲỶỸÝỴZ\
0123456789 \u{a0}_-–—,;:!?.·'‘’\"“”«»()[]{}§@*/\\&#%`^°+×<=>|~$€ʼ";

/// Chars that differ from each other only at the second or third level, or are easily
/// confused: text made of them tests tones, case and the quote variants, which random text
/// over all of [`COVERED`] rarely reaches.
const CONFUSABLE: &str = "aàáạAÀẠăắĂdđDĐ '‘’\"“”\u{a0}1-";

fn text_over(chars: &'static str, max: usize) -> impl Strategy<Value = String> {
    let chars: Vec<char> = chars.chars().collect();
    prop::collection::vec(prop::sample::select(chars), 0..max)
        .prop_map(|chars| chars.into_iter().collect())
}

/// Whether our order of `a` and `b` is ICU's, and stays so with either in NFD (ICU takes
/// canonically equivalent text for equal, and so must we).
fn agrees(icu: &CollatorBorrowed<'_>, a: &str, b: &str) -> Result<(), TestCaseError> {
    let expected = icu.compare(a, b);
    prop_assert_eq!(collate(a, b), expected, "{:?} vs {:?}", a, b);
    let nfd = |s: &str| -> String { s.nfd().collect() };
    prop_assert_eq!(collate(&nfd(a), b), expected, "NFD {:?} vs {:?}", a, b);
    prop_assert_eq!(collate(a, &nfd(b)), expected, "{:?} vs NFD {:?}", a, b);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn random_text_sorts_as_icu_vi_sorts_it(a in text_over(COVERED, 8), b in text_over(COVERED, 8)) {
        agrees(&icu(), &a, &b)?;
    }

    #[test]
    fn tones_case_and_quote_variants_sort_as_icu_vi_sorts_them(
        a in text_over(CONFUSABLE, 6),
        b in text_over(CONFUSABLE, 6),
    ) {
        agrees(&icu(), &a, &b)?;
    }

    #[test]
    fn a_name_and_its_changed_spelling_sort_as_icu_vi_sorts_them(
        at in 0usize..7540,
        cut in 0usize..40,
        extra in text_over(CONFUSABLE, 3),
    ) {
        // Names sharing a long prefix: one name against itself cut and continued.
        let names = names();
        let name = names[at];
        let mut other: String = name.chars().take(cut).collect();
        other.push_str(&extra);
        agrees(&icu(), name, &other)?;
    }
}

fn province(code: &str, name: &str) -> Province {
    Province {
        code: code.into(),
        name: name.into(),
        kind: "Tỉnh".into(),
        successor: None,
        origin: Default::default(),
        illustrative: Vec::new(),
    }
}

/// A dataset holding one cooperative per name, in Đắk Lắk.
fn dataset_of(names: &[&str]) -> Dataset {
    let mut dataset = htx::store::builtin().unwrap();
    let sector = dataset.sectors[0].id.clone();
    dataset.provinces.push(province("66", "Đắk Lắk"));
    dataset.cooperatives = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let mut coop = Cooperative::blank(format!("DL-{i:05}"), "66".into(), sector.clone());
            coop.name = (*name).to_string();
            Arc::new(coop)
        })
        .collect();
    dataset
}

/// `name` the way people type it: no apostrophes, no marks, lower case.
fn typed(name: &str) -> String {
    htx::search::fold::fold(&name.replace(['\'', '’', 'ʼ'], ""))
}

#[test]
fn every_name_with_an_apostrophe_is_found_typed_without_it() {
    let names = names();
    let with_apostrophe: Vec<&str> = names
        .iter()
        .copied()
        .filter(|name| name.contains(['\'', '’', 'ʼ']))
        .collect();
    assert!(with_apostrophe.len() >= 30, "{with_apostrophe:?}");
    let dataset = dataset_of(&names);
    let scanned = SearchIndex::build(&dataset);
    let indexed = SearchIndex::build(&dataset);
    indexed.prepare();
    for index in [&scanned, &indexed] {
        for name in &with_apostrophe {
            let apostrophe_typed = name.to_lowercase().replace('\'', "’");
            for query in [typed(name), apostrophe_typed] {
                let hits = index
                    .search(&query, Some(&[Kind::Cooperative]), 200, &|| false)
                    .unwrap();
                let hit = hits
                    .iter()
                    .find(|hit| index.label(hit.record) == *name)
                    .unwrap_or_else(|| panic!("{query:?} does not find {name:?}"));
                assert_eq!(hit.level, Level::WholeWord, "{query:?} for {name:?}");
                // The highlight is the whole name, apostrophes and all.
                let text = index.text(hit.entry);
                let marked: Vec<&str> = hit.highlight.iter().map(|r| &text[r.clone()]).collect();
                assert_eq!(marked, [*name], "{query:?}");
            }
        }
    }
}

#[test]
fn ea_hleo_and_cu_mgar_are_found_and_highlighted_as_written() {
    let dataset = dataset_of(&[
        "Ea H'leo",
        "Cư M’gar",
        "Ea Hiao",
        "Đắk R'Lấp",
        "Ea Hleo Hạ",
        "HTX Ea H'leo Cư M'gar Đắk Lấp",
        "HTX Đắk R'Lấp 2",
    ]);
    let index = SearchIndex::build(&dataset);
    index.prepare();
    for (query, label, highlighted) in [
        ("ea hleo", "Ea H'leo", "Ea H'leo"),
        ("hleo", "Ea H'leo", "H'leo"),
        ("h'leo", "Ea H'leo", "H'leo"),
        ("h’leo", "Ea H'leo", "H'leo"),
        ("ea h", "Ea H'leo", "Ea H"),
        ("ea h'", "Ea H'leo", "Ea H"),
        ("cu mgar", "Cư M’gar", "Cư M’gar"),
        ("mgar", "Cư M’gar", "M’gar"),
        ("cư m'gar", "Cư M’gar", "Cư M’gar"),
        ("rlấp", "Đắk R'Lấp", "R'Lấp"),
        ("lấp", "Đắk R'Lấp", "Lấp"),
        // Marked queries after, and across, dropped apostrophes.
        ("đắk lấp", "HTX Ea H'leo Cư M'gar Đắk Lấp", "Đắk Lấp"),
        ("r'lấp 2", "HTX Đắk R'Lấp 2", "R'Lấp 2"),
        ("đắk r'lấp", "Đắk R'Lấp", "Đắk R'Lấp"),
    ] {
        let hits = index
            .search(query, Some(&[Kind::Cooperative]), 10, &|| false)
            .unwrap();
        let hit = hits
            .iter()
            .find(|hit| index.label(hit.record) == label)
            .unwrap_or_else(|| panic!("{query:?} does not find {label:?}"));
        let text = index.text(hit.entry);
        assert_eq!(&text[hit.highlight[0].clone()], highlighted, "{query:?}");
    }
    // A query with marks still asks for them: "rlâp" is not "R'Lấp"'s tone.
    let hits = index
        .search("rlập", Some(&[Kind::Cooperative]), 10, &|| false)
        .unwrap();
    assert!(hits.is_empty(), "{hits:?}");
}

/// A data file whose provinces and cooperatives repeat names, in an order that is neither by
/// id nor by name: the same name in NFC and NFD, and ids out of order.
fn equal_names_file(dir: &std::path::Path) -> (std::path::PathBuf, Dataset) {
    let nfd: String = "Ea H'leo".nfd().collect();
    let mut dataset = dataset_of(&[]);
    // A Pa first of all the provinces, so that the screen opens on it.
    for (code, name) in [("68", "An Giang"), ("67", "An Giang"), ("65", "A Pa")] {
        dataset.provinces.push(province(code, name));
    }
    let sector = dataset.sectors[0].id.clone();
    for (id, name, members) in [
        ("DL-9", "Ea H'leo", 30),
        ("DL-2", nfd.as_str(), 30),
        ("DL-5", "Ea Hiao", 30),
        ("DL-1", "Ea H’leo", 10),
        ("DL-7", "Ea H'leo", 10),
        ("DL-3", "Cư Jút", 30),
        ("DL-4", "Ea H'leo", 20),
    ] {
        let mut coop = Cooperative::blank(id.into(), "65".into(), sector.clone());
        coop.name = name.into();
        coop.members = members;
        dataset.cooperatives.push(Arc::new(coop));
    }
    let path = dir.join("names.ron");
    std::fs::write(&path, htx::store::to_ron_string(&dataset).unwrap()).unwrap();
    // As the program reads it back (NFC).
    let loaded = htx::store::load(&path, &|_| {}).unwrap().dataset;
    (path, loaded)
}

/// The `column` of each row `htx ARGS --file PATH` prints as JSON.
fn cli_ids(path: &std::path::Path, args: &[&str], column: &str) -> Vec<String> {
    let home = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_htx"))
        .args(args)
        .arg("--file")
        .arg(path)
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    rows.iter()
        .map(|row| row[column].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_command_line_and_the_screen_list_equal_names_in_one_order() {
    let dir = tempfile::tempdir().unwrap();
    let (path, dataset) = equal_names_file(dir.path());
    let app = htx::app::App::new(dataset.clone(), path.display().to_string());

    let screen: Vec<String> = app
        .index
        .provinces
        .iter()
        .map(|&p| dataset.provinces[p].code.clone())
        .collect();
    let cli = cli_ids(&path, &["list", "provinces", "--format", "json"], "code");
    assert_eq!(screen, cli);
    assert_eq!(screen[..3], ["65", "67", "68"], "equal names go by code");

    // The first province on screen is A Pa, and its cooperatives show.
    assert_eq!(dataset.provinces[app.province.unwrap()].code, "65");
    let screen: Vec<String> = app
        .province_cooperatives()
        .iter()
        .map(|&c| dataset.cooperatives[c].id.clone())
        .collect();
    let list = [
        "list",
        "cooperatives",
        "--province",
        "65",
        "--format",
        "json",
    ];
    assert_eq!(screen, cli_ids(&path, &list, "id"));
    assert_eq!(
        screen,
        ["DL-3", "DL-2", "DL-4", "DL-7", "DL-9", "DL-1", "DL-5"],
        "Cư Jút; Ea H'leo by id (the NFD spelling too); Ea H’leo; Ea Hiao"
    );
    // Both are the one order of lists.
    let mut expected = dataset.cooperatives.clone();
    expected.sort_by(|a, b| list_key(&a.name, &a.id).cmp(&list_key(&b.name, &b.id)));
    let expected: Vec<&str> = expected.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(screen, expected);
}

#[test]
fn other_sort_keys_break_ties_by_name_then_id_in_either_direction() {
    let dir = tempfile::tempdir().unwrap();
    let (path, dataset) = equal_names_file(dir.path());
    let mut app = htx::app::App::new(dataset.clone(), path.display().to_string());
    let ids = |app: &htx::app::App| -> Vec<String> {
        app.province_cooperatives()
            .iter()
            .map(|&c| dataset.cooperatives[c].id.clone())
            .collect()
    };
    keys(&mut app, "Enter o");
    assert_eq!(app.coop_sort, htx::app::SortKey::Members);
    assert_eq!(
        ids(&app),
        ["DL-7", "DL-1", "DL-4", "DL-3", "DL-2", "DL-9", "DL-5"]
    );
    keys(&mut app, "O");
    assert_eq!(
        ids(&app),
        ["DL-3", "DL-2", "DL-9", "DL-5", "DL-4", "DL-7", "DL-1"],
        "most members first, ties still by name, then id"
    );
}

#[test]
fn search_results_of_equal_names_come_by_id_on_the_screen_and_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let (path, dataset) = equal_names_file(dir.path());
    let index = SearchIndex::build(&dataset);
    index.prepare();
    let hits = index
        .search("ea hleo", Some(&[Kind::Cooperative]), 50, &|| false)
        .unwrap();
    let screen: Vec<&str> = hits.iter().map(|hit| index.id(hit.record)).collect();
    // Whole words first, the same length, then by name (H'leo before H’leo), then id.
    assert_eq!(screen, ["DL-2", "DL-4", "DL-7", "DL-9", "DL-1"]);
    let find = ["find", "ea hleo", "--kind", "cooperative", "--json"];
    assert_eq!(cli_ids(&path, &find, "id"), screen);
}
