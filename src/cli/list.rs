//! `htx list`: the provinces, the cooperatives, the plan items or the plan's progress, as rows
//! under named columns. `htx export` writes the same tables ([`cooperatives_table`],
//! [`plan_table`], [`progress_table`]), so a listing and an export cannot differ.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use super::output::{
    Table, date, exit, nonempty, note, number, optional, text, timestamp, to_stdout, write_csv,
    write_json_rows, write_table,
};
use super::source::{Source, load_dataset};
use super::{Format, ListOptions, Listing, LookupError};
use crate::model::figures;
use crate::model::{Cooperative, Dataset, Province};
use crate::text::list_key;

/// `htx list`: prints the rows on stdout; exit 1 with a note on stderr when there are none or
/// the province is unknown.
pub fn list_command(
    file: Option<PathBuf>,
    listing: Listing,
    province: Option<&str>,
    options: ListOptions,
) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(file))?;
    let mut failure = None;
    let listed = to_stdout(
        |out| match list(&dataset, listing, province, options, out) {
            Ok(listed) => Ok(listed),
            Err(LookupError::Io(err)) => Err(err),
            Err(other) => {
                failure = Some(other.to_string());
                Ok(false)
            }
        },
    )?;
    if let Some(message) = failure {
        return Err(format!("htx: {message}"));
    }
    if !listed {
        note(crate::lang::cli().nothing_to_list);
    }
    Ok(exit(listed))
}

/// Writes the provinces, cooperatives or plan items of `dataset` (of one province when
/// `province` is given) as `options` say. Writes nothing and returns false when the list is
/// empty.
pub fn list(
    dataset: &Dataset,
    listing: Listing,
    province: Option<&str>,
    options: ListOptions,
    out: &mut impl Write,
) -> Result<bool, LookupError> {
    let province = match province {
        Some(code) => Some(
            dataset
                .provinces
                .iter()
                .find(|p| p.code == code)
                .ok_or_else(|| LookupError::UnknownProvince(code.to_string()))?,
        ),
        None => None,
    };
    let table = match listing {
        Listing::Provinces => provinces_table(dataset, province),
        Listing::Cooperatives => cooperatives_table(dataset, province),
        Listing::Plan => plan_table(dataset, province),
        Listing::Progress => progress_table(dataset, province),
    };
    if table.rows.is_empty() {
        return Ok(false);
    }
    match options.format {
        Format::Table => write_table(&table, options.wide, out)?,
        Format::Csv => write_csv(&table, options.csv_formulas, out)?,
        Format::Json => write_json_rows(&table, out)?,
    }
    Ok(true)
}

/// Provinces in Vietnamese alphabetical order of name, each with its position in the
/// dataset.
pub(super) fn sorted_provinces(dataset: &Dataset) -> Vec<(usize, &Province)> {
    let mut provinces: Vec<(usize, &Province)> = dataset.provinces.iter().enumerate().collect();
    provinces.sort_by_cached_key(|&(_, p)| list_key(&p.name, &p.code));
    provinces
}

fn provinces_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let progress = figures::plan_progress(dataset);
    let counts = figures::cooperative_figures(dataset);
    let rows = sorted_provinces(dataset)
        .into_iter()
        .filter(|(_, p)| only.is_none_or(|only| only.code == p.code))
        .map(|(at, p)| {
            vec![
                text(&p.code),
                text(&p.name),
                text(&p.kind),
                number(counts.provinces[at].cooperatives),
                optional(progress.by_province[at].percent(), number),
            ]
        })
        .collect();
    Table {
        columns: &["code", "name", "kind", "cooperatives", "done_percent"],
        rows,
    }
}

/// The cooperatives (of one province when `only` is given), in Vietnamese alphabetical order
/// of name.
pub(super) fn cooperatives_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let mut cooperatives: Vec<&Cooperative> = dataset
        .cooperatives
        .iter()
        .filter(|c| only.is_none_or(|p| p.code == c.province))
        .map(|c| &**c)
        .collect();
    cooperatives.sort_by_cached_key(|&c| list_key(&c.name, &c.id));
    let rows = cooperatives
        .into_iter()
        .map(|c| {
            let latest = c.latest_rating();
            vec![
                text(&c.id),
                text(&c.name),
                text(&c.province),
                optional(c.district.as_deref(), text),
                text(&c.sector),
                optional(c.founded, number),
                number(c.members),
                optional(latest, |r| text(&r.grade)),
                optional(latest, |r| number(r.year)),
                optional(c.alliance_member_since, number),
                text(c.status.label()),
            ]
        })
        .collect();
    Table {
        columns: &[
            "id",
            "name",
            "province",
            "district",
            "sector",
            "founded",
            "members",
            "latest_grade",
            "latest_rating_year",
            "alliance_member_since",
            "status",
        ],
        rows,
    }
}

/// The plan items with their done and applicable counts, or with one province's status on
/// each when `only` is given.
pub(super) fn plan_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let items = dataset.plan.items.iter();
    let progress = figures::plan_progress(dataset);
    match only {
        None => Table {
            columns: &["id", "title", "due", "done", "applicable"],
            rows: items
                .zip(&progress.items)
                .map(|(item, tally)| {
                    vec![
                        text(&item.id),
                        text(&item.title),
                        optional(item.due, date),
                        number(tally.done),
                        number(tally.applicable),
                    ]
                })
                .collect(),
        },
        Some(province) => Table {
            columns: &[
                "id",
                "title",
                "due",
                "status",
                "note",
                "changed_by",
                "changed_at",
            ],
            rows: items
                .map(|item| {
                    let (status, entry) = figures::status_of(item, &province.code);
                    vec![
                        text(&item.id),
                        text(&item.title),
                        optional(item.due, date),
                        text(status.label()),
                        optional(entry, |e| nonempty(&e.note)),
                        optional(entry.and_then(|e| e.changed_by.as_deref()), text),
                        optional(entry.and_then(|e| e.changed_at), timestamp),
                    ]
                })
                .collect(),
        },
    }
}

/// Every progress entry the dataset holds (of one province when `only` is given): the plan's
/// items in order, each item's entries as the file keeps them. The columns are those
/// `htx import --kind progress` reads, so the table imports back as it is. A province with no
/// entry on an item has not started it and has no row: a row would make an entry.
pub(super) fn progress_table(dataset: &Dataset, only: Option<&Province>) -> Table {
    let rows = dataset
        .plan
        .items
        .iter()
        .flat_map(|item| item.progress.iter().map(move |entry| (item, entry)))
        .filter(|(_, entry)| only.is_none_or(|p| p.code == entry.province))
        .map(|(item, entry)| {
            vec![
                text(&item.id),
                text(&entry.province),
                text(entry.status.label()),
                nonempty(&entry.note),
                optional(entry.changed_by.as_deref(), text),
                optional(entry.changed_at, timestamp),
            ]
        })
        .collect();
    Table {
        columns: &[
            "item",
            "province",
            "status",
            "note",
            "changed_by",
            "changed_at",
        ],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr as _;

    use super::*;
    use crate::cli::test_support::dataset;

    fn listed(listing: Listing, province: Option<&str>, format: Format) -> String {
        let data = dataset();
        let mut out = Vec::new();
        let options = ListOptions {
            format,
            ..ListOptions::default()
        };
        assert!(list(&data, listing, province, options, &mut out).unwrap());
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn table_columns_align_by_display_width() {
        let out = listed(Listing::Provinces, None, Format::Table);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines[0].starts_with("code  name"), "{out}");
        assert_eq!(lines.len(), 12);
        // The column after the name starts at the same display column on every line.
        let kind_at: Vec<usize> = lines
            .iter()
            .map(|l| {
                let at = l
                    .find("Tỉnh")
                    .or_else(|| l.find("Thành phố"))
                    .or_else(|| l.find("kind"))
                    .unwrap();
                l[..at].width()
            })
            .collect();
        assert!(kind_at.windows(2).all(|w| w[0] == w[1]), "{out}");
        assert!(lines.iter().all(|l| !l.ends_with(' ')));
    }

    #[test]
    fn provinces_are_in_vietnamese_order() {
        let out = listed(Listing::Provinces, None, Format::Csv);
        let names: Vec<String> = out
            .lines()
            .skip(1)
            .map(|l| l.split(',').nth(1).unwrap().to_string())
            .collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| crate::text::collation_key(n));
        assert_eq!(names, sorted);
        assert!(out.contains("\r\n"));
    }

    #[test]
    fn json_rows_keep_column_order_and_types() {
        let out = listed(Listing::Cooperatives, Some("36"), Format::Json);
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        let rows = value.as_array().unwrap();
        assert_eq!(rows.len(), 6);
        assert!(rows[0]["members"].is_u64());
        assert_eq!(rows[0]["province"], "36");
        assert!(out.lines().nth(1).unwrap().starts_with("{\"id\":"), "{out}");
    }

    #[test]
    fn plan_of_one_province_has_its_statuses() {
        let data = dataset();
        let out = listed(Listing::Plan, Some("36"), Format::Csv);
        assert!(out.starts_with("id,title,due,status,note,changed_by,changed_at\r\n"));
        assert_eq!(out.lines().count(), data.plan.items.len() + 1);
    }

    #[test]
    fn an_unknown_province_is_an_error() {
        let mut out = Vec::new();
        let err = list(
            &dataset(),
            Listing::Cooperatives,
            Some("99"),
            ListOptions::default(),
            &mut out,
        )
        .unwrap_err();
        assert!(matches!(err, LookupError::UnknownProvince(_)));
        assert!(out.is_empty());
    }
}
