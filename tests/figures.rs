//! Same numbers everywhere: what `htx list` and `htx show` print equals what the screens
//! draw from (the index's figures, [`htx::model::figures`]), on the built-in dataset and on
//! a generated one of 63 provinces; and the grades counted again here, from `list`'s rows,
//! give the ratings the dashboard draws.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
#[path = "../examples/generate.rs"]
mod generate;

use std::collections::BTreeMap;

use htx::app::App;
use htx::cli::{Format, ListOptions, Listing, list, show};
use htx::model::Dataset;
use serde_json::Value;

fn listed(dataset: &Dataset, listing: Listing) -> Vec<serde_json::Map<String, Value>> {
    let mut out = Vec::new();
    let options = ListOptions {
        format: Format::Json,
        wide: false,
        csv_formulas: false,
    };
    list(dataset, listing, None, options, &mut out).unwrap();
    let rows: Vec<Value> = serde_json::from_slice(&out).unwrap();
    rows.into_iter()
        .map(|row| row.as_object().unwrap().clone())
        .collect()
}

fn shown(dataset: &Dataset, id: &str) -> serde_json::Map<String, Value> {
    let mut out = Vec::new();
    assert!(show(dataset, id, true, &mut out).unwrap(), "{id}");
    serde_json::from_slice::<Value>(&out)
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn number(value: &Value) -> Option<u64> {
    value.as_u64()
}

fn agree(dataset: Dataset) {
    let app = App::new(dataset.clone(), "data.ron");
    let index = &app.index;

    // Provinces: cooperatives and share done, in `list` and in `show`.
    let provinces = listed(&dataset, Listing::Provinces);
    assert_eq!(provinces.len(), dataset.provinces.len());
    for row in &provinces {
        let code = row["code"].as_str().unwrap();
        let p = index.province(code).unwrap();
        let group = &index.figures.provinces[p];
        let tally = index.plan.by_province[p];
        assert_eq!(
            number(&row["cooperatives"]),
            Some(group.cooperatives.into())
        );
        assert_eq!(number(&row["done_percent"]), tally.percent().map(u64::from));
        let record = shown(&dataset, code);
        assert_eq!(
            number(&record["cooperatives"]),
            Some(group.cooperatives.into())
        );
        assert_eq!(number(&record["members"]), Some(group.members));
        assert_eq!(
            number(&record["new_alliance_members_in_data"]),
            Some(group.joined.into())
        );
        assert_eq!(number(&record["plan_done"]), Some(tally.done.into()));
        assert_eq!(
            number(&record["plan_applicable"]),
            Some(tally.applicable.into())
        );
        assert_eq!(
            number(&record["plan_done_percent"]),
            tally.percent().map(u64::from)
        );
    }

    // Plan items: done of applicable, in `list` and in `show`.
    let items = listed(&dataset, Listing::Plan);
    for (i, row) in items.iter().enumerate() {
        let tally = index.plan.items[i];
        assert_eq!(number(&row["done"]), Some(tally.done.into()));
        assert_eq!(number(&row["applicable"]), Some(tally.applicable.into()));
        let record = shown(&dataset, row["id"].as_str().unwrap());
        assert_eq!(number(&record["done"]), Some(tally.done.into()));
    }

    // Grades and sectors counted again from `list cooperatives`: the region's and each
    // province's, as the dashboard draws them.
    let cooperatives = listed(&dataset, Listing::Cooperatives);
    let mut grades: BTreeMap<(String, String), u32> = BTreeMap::new();
    let mut sectors: BTreeMap<(String, String), u32> = BTreeMap::new();
    for row in &cooperatives {
        let province = row["province"].as_str().unwrap().to_string();
        let grade = row["latest_grade"].as_str().unwrap_or("").to_string();
        let sector = row["sector"].as_str().unwrap().to_string();
        for place in [province.clone(), String::new()] {
            *grades.entry((place.clone(), grade.clone())).or_default() += 1;
            *sectors.entry((place, sector.clone())).or_default() += 1;
        }
    }
    let figures = &index.figures;
    let groups = std::iter::once((String::new(), &figures.region)).chain(
        dataset
            .provinces
            .iter()
            .zip(&figures.provinces)
            .map(|(p, g)| (p.code.clone(), g)),
    );
    for (place, group) in groups {
        for (at, grade) in figures.grades.iter().enumerate() {
            let listed = grades.get(&(place.clone(), grade.clone())).copied();
            assert_eq!(listed.unwrap_or(0), group.grades[at], "{place:?} {grade}");
        }
        let unrated = grades.get(&(place.clone(), String::new())).copied();
        assert_eq!(unrated.unwrap_or(0), group.unrated, "{place:?} unrated");
        for (at, sector) in dataset.sectors.iter().enumerate() {
            let listed = sectors.get(&(place.clone(), sector.id.clone())).copied();
            assert_eq!(
                listed.unwrap_or(0),
                group.sectors[at],
                "{place:?} {}",
                sector.id
            );
        }
    }
}

#[test]
fn list_show_and_the_screens_agree_on_the_built_in_dataset() {
    agree(htx::store::builtin().unwrap());
}

#[test]
fn list_show_and_the_screens_agree_on_a_generated_dataset() {
    agree(generate::dataset(2000, 11).unwrap());
}
