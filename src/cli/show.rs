//! `htx show`: one record in full, found by its id.

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use super::list::sorted_provinces;
use super::output::{
    Keyed, Object, Value, exit, nonempty, note, number, optional, origin, text, to_stdout,
    write_json_pretty,
};
use super::source::{Source, load_dataset};
use crate::model::figures;
use crate::model::{Cooperative, Dataset, PlanItem, Progress, ProgressStatus, Province};

/// `htx show`: prints the record on stdout; exit 1 with a note on stderr when no record has
/// that id.
pub fn show_command(file: Option<PathBuf>, id: &str, json: bool) -> Result<ExitCode, String> {
    let dataset = load_dataset(&Source::resolve(file))?;
    let shown = to_stdout(|out| show(&dataset, id, json, out))?;
    if !shown {
        note(&(crate::lang::cli().no_such_id)(&crate::text::display(id)));
    }
    Ok(exit(shown))
}

/// Writes the record with id `id` in full: a province by code, a cooperative by id, a plan
/// item by id, or a province's progress on an item as `ITEM/PROVINCE`, looked up in that
/// order. `field: value` lines, or one JSON object. Writes nothing and returns false when no
/// record has that id.
pub fn show(dataset: &Dataset, id: &str, json: bool, out: &mut impl Write) -> io::Result<bool> {
    let Some(record) = record(dataset, id) else {
        return Ok(false);
    };
    if json {
        write_json_pretty(&mut *out, &Keyed(&record))?;
        out.write_all(b"\n")?;
        return Ok(true);
    }
    let mut text = String::new();
    for (key, value) in &record {
        match value {
            Value::Objects(objects) => {
                for object in objects {
                    let parts: Vec<Cow<'_, str>> = object.iter().map(|(_, v)| v.plain()).collect();
                    text.push_str(&format!("{key}: {}\n", parts.join(" · ")));
                }
            }
            other => text.push_str(&format!("{key}: {}\n", other.plain())),
        }
    }
    out.write_all(text.as_bytes())?;
    Ok(true)
}

fn record(dataset: &Dataset, id: &str) -> Option<Object> {
    if let Some(at) = dataset.provinces.iter().position(|p| p.code == id) {
        return Some(province_record(dataset, at));
    }
    if let Some(coop) = dataset.cooperatives.iter().find(|c| c.id == id) {
        return Some(cooperative_record(dataset, coop));
    }
    if let Some(at) = dataset.plan.items.iter().position(|i| i.id == id) {
        return Some(item_record(dataset, at));
    }
    let (item, code) = id.rsplit_once('/')?;
    let item = dataset.plan.items.iter().find(|i| i.id == item)?;
    let province = dataset.provinces.iter().find(|p| p.code == code)?;
    Some(progress_record(item, province))
}

fn province_name<'a>(dataset: &'a Dataset, code: &str) -> Option<&'a str> {
    dataset
        .provinces
        .iter()
        .find(|p| p.code == code)
        .map(|p| p.name.as_str())
}

fn province_record(dataset: &Dataset, at: usize) -> Object {
    let province = &dataset.provinces[at];
    let counts = &figures::cooperative_figures(dataset).provinces[at];
    let new_members = figures::stated_new_members(dataset, &province.code);
    let tally = figures::plan_progress(dataset).by_province[at];
    let progress = dataset
        .plan
        .items
        .iter()
        .map(|item| {
            let (status, entry) = figures::status_of(item, &province.code);
            let mut fields = vec![("item", text(&item.id)), ("title", text(&item.title))];
            fields.extend(entry_fields(status, entry));
            fields
        })
        .collect();
    vec![
        ("type", text("province")),
        ("code", text(&province.code)),
        ("name", text(&province.name)),
        ("kind", text(&province.kind)),
        (
            "successor_code",
            optional(province.successor.as_ref(), |s| text(&s.code)),
        ),
        (
            "successor_name",
            optional(province.successor.as_ref(), |s| text(&s.name)),
        ),
        ("cooperatives", number(counts.cooperatives)),
        ("members", Value::Number(counts.members)),
        ("new_alliance_members", optional(new_members, number)),
        ("new_alliance_members_in_data", number(counts.joined)),
        ("plan_done", number(tally.done)),
        ("plan_applicable", number(tally.applicable)),
        ("plan_done_percent", optional(tally.percent(), number)),
        ("origin", origin(province.origin)),
        ("progress", Value::Objects(progress)),
    ]
}

fn cooperative_record(dataset: &Dataset, coop: &Cooperative) -> Object {
    let sector = dataset
        .sectors
        .iter()
        .find(|s| s.id == coop.sector)
        .map(|s| s.name.as_str());
    let ratings = coop
        .ratings
        .iter()
        .map(|r| {
            vec![
                ("year", number(r.year)),
                ("scheme", text(&r.scheme)),
                ("grade", text(&r.grade)),
                ("score", optional(r.score, number)),
            ]
        })
        .collect();
    vec![
        ("type", text("cooperative")),
        ("id", text(&coop.id)),
        ("name", text(&coop.name)),
        ("province", text(&coop.province)),
        (
            "province_name",
            optional(province_name(dataset, &coop.province), text),
        ),
        ("district", optional(coop.district.as_deref(), text)),
        ("sector", text(&coop.sector)),
        ("sector_name", optional(sector, text)),
        ("founded", optional(coop.founded, number)),
        ("members", number(coop.members)),
        (
            "alliance_member_since",
            optional(coop.alliance_member_since, number),
        ),
        ("status", text(coop.status.label())),
        ("notes", nonempty(&coop.notes)),
        ("origin", origin(coop.origin)),
        ("ratings", Value::Objects(ratings)),
    ]
}

/// The fields of a province's entry on a plan item, as `show` prints them.
fn entry_fields(status: ProgressStatus, entry: Option<&Progress>) -> Object {
    vec![
        ("status", text(status.label())),
        ("note", optional(entry, |e| nonempty(&e.note))),
        (
            "changed_by",
            optional(entry.and_then(|e| e.changed_by.as_deref()), text),
        ),
        (
            "changed_at",
            optional(entry.and_then(|e| e.changed_at), |t| text(t.to_string())),
        ),
    ]
}

fn item_record(dataset: &Dataset, at: usize) -> Object {
    let item = &dataset.plan.items[at];
    let tally = figures::plan_progress(dataset).items[at];
    let progress = sorted_provinces(dataset)
        .into_iter()
        .map(|(_, province)| {
            let (status, entry) = figures::status_of(item, &province.code);
            let mut fields = vec![
                ("province", text(&province.code)),
                ("province_name", text(&province.name)),
            ];
            fields.extend(entry_fields(status, entry));
            fields
        })
        .collect();
    vec![
        ("type", text("plan")),
        ("id", text(&item.id)),
        ("title", text(&item.title)),
        ("detail", nonempty(&item.detail)),
        ("due", optional(item.due, |d| text(d.to_string()))),
        ("owner", optional(item.owner.as_deref(), text)),
        ("done", number(tally.done)),
        ("applicable", number(tally.applicable)),
        ("origin", origin(item.origin)),
        ("progress", Value::Objects(progress)),
    ]
}

fn progress_record(item: &PlanItem, province: &Province) -> Object {
    let (status, entry) = figures::status_of(item, &province.code);
    vec![
        ("type", text("progress")),
        ("id", text(format!("{}/{}", item.id, province.code))),
        ("item", text(&item.id)),
        ("item_title", text(&item.title)),
        ("province", text(&province.code)),
        ("province_name", text(&province.name)),
        ("status", text(status.label())),
        ("note", optional(entry, |e| nonempty(&e.note))),
        (
            "changed_by",
            optional(entry.and_then(|e| e.changed_by.as_deref()), text),
        ),
        (
            "changed_at",
            optional(entry.and_then(|e| e.changed_at), |t| text(t.to_string())),
        ),
        ("origin", optional(entry, |e| origin(e.origin))),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::{dataset, run};

    #[test]
    fn show_prints_every_kind_of_record() {
        let data = dataset();
        let (_, out) = run(|out| show(&data, "36", false, out));
        assert!(
            out.starts_with("type: province\ncode: 36\nname: Nam Định\n"),
            "{out}"
        );
        let (_, out) = run(|out| show(&data, "HTX-36-001", false, out));
        assert!(
            out.starts_with("type: cooperative\nid: HTX-36-001\n"),
            "{out}"
        );
        let item = &data.plan.items[0].id;
        let (_, out) = run(|out| show(&data, item, false, out));
        assert_eq!(
            out.lines().filter(|l| l.starts_with("progress: ")).count(),
            data.provinces.len()
        );
        let (_, out) = run(|out| show(&data, &format!("{item}/36"), true, out));
        let value: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(value["type"], "progress");
        assert_eq!(value["province_name"], "Nam Định");
        let (shown, out) = run(|out| show(&data, "nope", false, out));
        assert!(!shown && out.is_empty());
    }
}
