//! `htx import` through the library: every fixture of `tests/data/import/` (see its README)
//! read, matched and merged into the built-in dataset.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::Arc;

use htx::import::columns::Kind;
use htx::import::encoding::Encoding;
use htx::import::records::{self, Outcome};
use htx::import::{self, Format, Options, Read};
use htx::model::Dataset;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn options(kind: Kind) -> Options {
    Options {
        kind,
        sheet: None,
        encoding: None,
        map: Vec::new(),
    }
}

fn builtin() -> Dataset {
    htx::store::builtin().expect("the built-in dataset loads")
}

fn read(name: &str) -> Read {
    import::read(&fixture(name), &options(Kind::Cooperatives))
        .unwrap_or_else(|err| panic!("{name}: {err:?}"))
}

fn cooperatives(name: &str) -> (Read, Outcome) {
    let read = read(name);
    let outcome = records::cooperatives(&builtin(), &read.table, &read.header);
    (read, outcome)
}

/// The dataset with its cooperatives in id order: a file may list its rows in another order.
fn sorted(mut dataset: Dataset) -> Dataset {
    dataset.cooperatives.sort_by(|a, b| a.id.cmp(&b.id));
    dataset
}

#[test]
fn the_utf8_csv_adds_six_and_updates_two() {
    htx::lang::pin(htx::lang::Lang::En);
    let (_, outcome) = cooperatives("cooperatives-utf8.csv");
    assert_eq!(outcome.rejected, vec![]);
    let added: Vec<&str> = outcome.added.iter().map(|t| t.id.as_str()).collect();
    let updated: Vec<&str> = outcome.updated.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(added.len(), 6);
    assert_eq!(updated, ["HTX-33-002", "HTX-31-002"]);
}

/// Every fixture that holds the table, in every format and encoding, is read as what it is
/// and imports to the same dataset as the UTF-8 CSV.
#[test]
fn every_readable_fixture_imports_to_the_same_dataset() {
    htx::lang::pin(htx::lang::Lang::En);
    let (_, reference) = cooperatives("cooperatives-utf8.csv");
    let text = |encoding, delimiter| Some((encoding, delimiter));
    let cases = [
        ("cooperatives-utf8-bom.csv", text(Encoding::Utf8, ',')),
        ("cooperatives-utf16le.txt", text(Encoding::Utf16Le, '\t')),
        ("cooperatives-utf16be.txt", text(Encoding::Utf16Be, '\t')),
        ("cooperatives-cp1258.csv", text(Encoding::Windows1258, ',')),
        ("cooperatives-tcvn3.csv", text(Encoding::Tcvn3, ',')),
        ("cooperatives-vni.csv", text(Encoding::Vni, ';')),
        ("cooperatives.tsv", text(Encoding::Utf8, '\t')),
        ("cooperatives.xlsx", None),
        ("cooperatives.ods", None),
        ("cooperatives.xls", None),
        ("titled.xlsx", None),
        ("titled.ods", None),
        ("vntime.xlsx", None),
        ("vni.xlsx", None),
    ];
    for (name, expected) in cases {
        let (read, outcome) = cooperatives(name);
        match (&read.format, expected) {
            (
                Format::Delimited {
                    encoding,
                    delimiter,
                    ..
                },
                Some(expected),
            ) => assert_eq!((*encoding, *delimiter), expected, "{name}"),
            (Format::Workbook { legacy_cells, .. }, None) => {
                let legacy: Vec<Encoding> = legacy_cells.iter().map(|(e, _)| *e).collect();
                let expected = match name {
                    "vntime.xlsx" => vec![Encoding::Tcvn3],
                    "vni.xlsx" => vec![Encoding::Vni],
                    _ => vec![],
                };
                assert_eq!(legacy, expected, "{name}");
            }
            (format, _) => panic!("{name} read as {format:?}"),
        }
        assert_eq!(outcome.rejected, vec![], "{name}");
        assert!(
            sorted(outcome.dataset) == sorted(reference.dataset.clone()),
            "{name}"
        );
    }
}

fn csv_of(dataset: &Dataset) -> Vec<u8> {
    let mut out = Vec::new();
    let options = htx::cli::ListOptions {
        format: htx::cli::Format::Csv,
        wide: false,
        csv_formulas: false,
    };
    htx::cli::list(
        dataset,
        htx::cli::Listing::Cooperatives,
        None,
        options,
        &mut out,
    )
    .expect("the listing is written");
    out
}

#[test]
fn a_listing_imported_back_changes_nothing() {
    htx::lang::pin(htx::lang::Lang::En);
    let mut dataset = builtin();
    // A name a spreadsheet would run as a formula goes out guarded and comes back as it was.
    Arc::make_mut(&mut dataset.cooperatives[0]).name = "=HYPERLINK(\"x\") HTX, \"Đông\"".into();
    Arc::make_mut(&mut dataset.cooperatives[1]).name = "-Hợp tác xã".into();
    let read = import::read_bytes(csv_of(&dataset), &options(Kind::Cooperatives)).expect("reads");
    let outcome = records::cooperatives(&dataset, &read.table, &read.header);
    assert_eq!(outcome.rejected, vec![]);
    assert_eq!(
        (outcome.added.len(), outcome.updated.len()),
        (0, 0),
        "{:?}",
        outcome.updated
    );
    assert_eq!(outcome.unchanged, dataset.cooperatives.len());
    assert!(outcome.dataset == dataset);
}

#[test]
fn formula_cells_are_read_by_their_cached_values() {
    htx::lang::pin(htx::lang::Lang::En);
    for name in ["titled.xlsx", "titled.ods"] {
        let read = read(name);
        let numbers: Vec<String> = read
            .table
            .rows
            .iter()
            .skip(read.header.row + 1)
            .map(|row| row.cells[0].value.shown())
            .collect();
        // STT is =A5+1 and so on down the sheet, with Đồng Rui moved up (see the README).
        assert_eq!(numbers, ["1", "2", "3", "4", "5", "6", "7", "8"], "{name}");
    }
}

#[test]
fn progress_from_text_and_from_a_workbook_with_date_cells_is_the_same() {
    htx::lang::pin(htx::lang::Lang::En);
    let author = records::Author {
        user: "tester".into(),
        now: None,
    };
    let outcome = |name: &str| {
        let read = import::read(&fixture(name), &options(Kind::Progress)).unwrap();
        records::progress(&builtin(), &read.table, &read.header, &author)
    };
    let (csv, xlsx) = (outcome("progress.csv"), outcome("progress.xlsx"));
    assert_eq!(csv.rejected, vec![]);
    assert_eq!(xlsx.rejected, vec![]);
    assert_eq!(csv.updated.len() + csv.added.len(), 5);
    assert!(csv.dataset == xlsx.dataset);
    let kh09 = csv
        .dataset
        .plan
        .items
        .iter()
        .find(|i| i.id == "KH-09")
        .unwrap();
    let entry = kh09.progress_of("35").unwrap();
    assert_eq!(
        entry.changed_at.unwrap().to_string(),
        "2011-12-01T00:00:00Z"
    );
    assert_eq!(entry.note, "Phối hợp với Sở Nông nghiệp, Hội Nông dân.");
}

#[test]
fn sheet_encoding_and_map_as_asked() {
    htx::lang::pin(htx::lang::Lang::En);
    let with = |name: &str, change: &dyn Fn(&mut Options)| {
        let mut options = options(Kind::Cooperatives);
        change(&mut options);
        import::read(&fixture(name), &options)
    };
    // The second sheet of the titled workbook is a note, not a table.
    let note = with("titled.xlsx", &|o| o.sheet = Some("Ghi chú".into()));
    assert!(matches!(note, Err(import::Refused::Columns(_))), "{note:?}");
    let missing = with("titled.xlsx", &|o| o.sheet = Some("Trang 3".into()));
    match missing {
        Err(import::Refused::Workbook(import::workbook::Refusal::NoSuchSheet {
            sheets, ..
        })) => {
            assert_eq!(sheets, ["Danh sách", "Ghi chú"]);
        }
        other => panic!("{other:?}"),
    }
    assert!(with("titled.xlsx", &|o| o.sheet = Some("danh sach".into())).is_ok());

    // TCVN3 bytes read as VNI, as asked, do not even give the column names; as TCVN3 they
    // give the names.
    let names = |read: Read| read.samples(Kind::Cooperatives);
    let wrong = with("cooperatives-tcvn3.csv", &|o| {
        o.encoding = Some(Encoding::Vni)
    });
    assert!(
        matches!(wrong, Err(import::Refused::Columns(_))),
        "{wrong:?}"
    );
    let right = with("cooperatives-tcvn3.csv", &|o| {
        o.encoding = Some(Encoding::Tcvn3)
    })
    .unwrap();
    assert_eq!(names(right)[0], "HTX Cây cảnh Xuân Quan");

    // --map: the names column under another title, and STT named as ignored.
    let map = |column: &str, field| htx::import::columns::Mapping {
        column: column.into(),
        field,
    };
    let text = "STT;Đơn vị;Tỉnh;Lĩnh vực\n1;HTX Mới;Nam Định;Muối\n"
        .as_bytes()
        .to_vec();
    let mut options = options(Kind::Cooperatives);
    assert!(matches!(
        import::read_bytes(text.clone(), &options),
        Err(import::Refused::Columns(_))
    ));
    options.map = vec![
        map("don vi", Some(htx::import::columns::Field::Name)),
        map("STT", None),
    ];
    let read = import::read_bytes(text, &options).unwrap();
    assert_eq!(read.samples(Kind::Cooperatives), ["HTX Mới"]);
}
