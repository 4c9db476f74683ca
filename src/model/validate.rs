//! Checks a dataset for what serde cannot see: duplicate ids, references to unknown
//! provinces or sectors, empty names and impossible values. Each problem names the place in
//! the data by its path (`cooperatives[12].province`), which the store turns into a line and
//! column of the file. Messages are in the interface's language ([`crate::lang::errors`]).

use std::collections::HashSet;

use serde::Deserialize;

use super::edit::Edit;
use super::{
    Cooperative, Dataset, NewMembers, PlanItem, Progress, Province, RatingShare, Region,
    SCHEMA_VERSION, Sector,
};
use crate::lang::{self, errors::Field};

/// One thing wrong with a dataset.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where in the data, as field names and list indexes: `plan.items[3].progress[0].province`.
    pub path: String,
    pub message: String,
}

/// Earliest and latest years a record may plausibly carry.
const YEARS: std::ops::RangeInclusive<u16> = 1900..=2100;

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn report(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.problems.push(Problem {
            path: path.into(),
            message: message.into(),
        });
    }

    fn not_empty(&mut self, path: &str, what: Field, value: &str) {
        if value.trim().is_empty() {
            self.empty(path, what);
        }
    }

    fn empty(&mut self, path: impl Into<String>, what: Field) {
        let said = lang::errors();
        self.report(path, (said.empty)((said.field)(what)));
    }

    fn year(&mut self, path: &str, what: Field, year: u16) {
        if !YEARS.contains(&year) {
            let said = lang::errors();
            self.report(
                path,
                (said.year_outside)((said.field)(what), year, *YEARS.start(), *YEARS.end()),
            );
        }
    }

    fn duplicate(&mut self, path: impl Into<String>, what: Field, value: &str) {
        let said = lang::errors();
        self.report(path, (said.duplicate)((said.field)(what), value));
    }

    /// Reports each value seen twice, at its second and later places.
    fn unique<'a>(
        &mut self,
        what: Field,
        items: impl Iterator<Item = (String, &'a str)>,
    ) -> HashSet<&'a str> {
        let mut seen = HashSet::new();
        for (path, value) in items {
            if !seen.insert(value) {
                self.duplicate(path, what, value);
            }
        }
        seen
    }

    /// A record's `illustrative` list names fields of its own kind (`fields`), each once; the
    /// origin and the list itself describe the record rather than hold one of its values, so
    /// they cannot be invented. `at` is the record's path, built only for a problem.
    fn marks(&mut self, at: &dyn Fn() -> String, illustrative: &[String], fields: &[&str]) {
        for (k, name) in illustrative.iter().enumerate() {
            let path = || format!("{}.illustrative[{k}]", at());
            if name == "origin" || name == "illustrative" {
                self.report(path(), (lang::errors().not_markable)(name));
            } else if !fields.contains(&name.as_str()) {
                let known: Vec<&str> = fields
                    .iter()
                    .copied()
                    .filter(|f| !matches!(*f, "origin" | "illustrative"))
                    .collect();
                self.report(
                    path(),
                    (lang::errors().unknown_mark)(name, &known.join(", ")),
                );
            } else if illustrative[..k].contains(name) {
                self.report(path(), (lang::errors().marked_twice)(name));
            }
        }
    }
}

/// The names of the fields serde reads for `T`, from its derive: what a record of that kind
/// may list in `illustrative`. Taken from the derive rather than written out so that a field
/// added to a record can be marked at once, and a misspelt one never.
///
/// Serde's derive hands a struct's field names to the deserializer before reading anything;
/// this deserializer stops right there and returns them.
fn field_names<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    match T::deserialize(FieldNames) {
        Err(Stop(Some(fields))) => fields,
        _ => &[],
    }
}

struct FieldNames;

#[derive(Debug)]
struct Stop(Option<&'static [&'static str]>);

impl std::fmt::Display for Stop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("only the field names were asked for")
    }
}

impl std::error::Error for Stop {}

impl serde::de::Error for Stop {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Stop(None)
    }
}

impl<'de> serde::Deserializer<'de> for FieldNames {
    type Error = Stop;

    fn deserialize_any<V: serde::de::Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
        Err(Stop(None))
    }

    fn deserialize_struct<V: serde::de::Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Stop> {
        Err(Stop(Some(fields)))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// Every problem of `dataset`, in file order; empty when it is sound.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
    check(dataset, Cooperatives::All)
}

/// What `edit` (as [`Edit::apply`] made it) can have broken in `after`, the dataset it was
/// applied to, when that dataset was sound before: every rule, but of the cooperatives only the
/// one the edit wrote, its id against all the others'. A cooperative edit on a dataset of a
/// million checks one record rather than a million; a plan item's edit checks none. A
/// settlement can touch any record, so it checks them all.
pub fn validate_edit(after: &Dataset, edit: &Edit) -> Vec<Problem> {
    match edit {
        Edit::Cooperative {
            after: Some((at, _)),
            ..
        } => check(after, Cooperatives::One(*at)),
        Edit::Cooperative { after: None, .. } | Edit::Item { .. } | Edit::Progress { .. } => {
            check(after, Cooperatives::None)
        }
        Edit::Settle { .. } => validate(after),
    }
}

/// Which cooperatives [`check`] looks at.
#[derive(Clone, Copy)]
enum Cooperatives {
    All,
    /// The one at this position, and whether another has its id.
    One(usize),
    None,
}

fn check(dataset: &Dataset, cooperatives: Cooperatives) -> Vec<Problem> {
    let said = lang::errors();
    let mut check = Checker {
        problems: Vec::new(),
    };
    if dataset.schema_version != SCHEMA_VERSION {
        check.report(
            "schema_version",
            (said.schema_unsupported)(dataset.schema_version, SCHEMA_VERSION),
        );
    }

    let provinces = check.unique(
        Field::ProvinceCode,
        dataset
            .provinces
            .iter()
            .enumerate()
            .map(|(i, p)| (format!("provinces[{i}].code"), p.code.as_str())),
    );
    let sectors = check.unique(
        Field::SectorId,
        dataset
            .sectors
            .iter()
            .enumerate()
            .map(|(i, s)| (format!("sectors[{i}].id"), s.id.as_str())),
    );
    let known_province = |check: &mut Checker, path: String, code: &str| {
        if !provinces.contains(code) {
            check.report(path, (said.unknown_province)(code));
        }
    };

    let region = &dataset.region;
    check.not_empty("region.name", Field::RegionName, &region.name);
    for (i, share) in region.rating_shares.iter().enumerate() {
        let path = format!("region.rating_shares[{i}]");
        check.not_empty(&format!("{path}.grade"), Field::Grade, &share.grade);
        if share.percent_min > 100 {
            check.report(
                format!("{path}.percent_min"),
                (said.percent_over)(share.percent_min),
            );
        }
        if let Some(max) = share.percent_max
            && (max > 100 || max < share.percent_min)
        {
            check.report(
                format!("{path}.percent_max"),
                (said.percent_max_outside)(max),
            );
        }
        check.marks(
            &|| format!("region.rating_shares[{i}]"),
            &share.illustrative,
            field_names::<RatingShare>(),
        );
    }
    for (i, new) in region.new_members.iter().enumerate() {
        known_province(
            &mut check,
            format!("region.new_members[{i}].province"),
            &new.province,
        );
        check.marks(
            &|| format!("region.new_members[{i}]"),
            &new.illustrative,
            field_names::<NewMembers>(),
        );
    }
    check.marks(
        &|| "region".to_string(),
        &region.illustrative,
        field_names::<Region>(),
    );

    for (i, sector) in dataset.sectors.iter().enumerate() {
        check.not_empty(&format!("sectors[{i}].id"), Field::SectorId, &sector.id);
        check.not_empty(
            &format!("sectors[{i}].name"),
            Field::SectorName,
            &sector.name,
        );
        check.marks(
            &|| format!("sectors[{i}]"),
            &sector.illustrative,
            field_names::<Sector>(),
        );
    }
    for (i, province) in dataset.provinces.iter().enumerate() {
        check.not_empty(
            &format!("provinces[{i}].code"),
            Field::ProvinceCode,
            &province.code,
        );
        check.not_empty(
            &format!("provinces[{i}].name"),
            Field::ProvinceName,
            &province.name,
        );
        check.not_empty(
            &format!("provinces[{i}].kind"),
            Field::ProvinceKind,
            &province.kind,
        );
        check.marks(
            &|| format!("provinces[{i}]"),
            &province.illustrative,
            field_names::<Province>(),
        );
    }

    // Paths are built only when there is a problem to report: this loop runs 100k times.
    let (first, count) = match cooperatives {
        Cooperatives::All => (0, dataset.cooperatives.len()),
        Cooperatives::One(at) => (at, 1),
        Cooperatives::None => (0, 0),
    };
    let mut ids = HashSet::with_capacity(count);
    for (i, coop) in dataset
        .cooperatives
        .iter()
        .enumerate()
        .skip(first)
        .take(count)
    {
        let at = |field: &str| format!("cooperatives[{i}].{field}");
        let taken = match cooperatives {
            Cooperatives::All => !ids.insert(coop.id.as_str()),
            Cooperatives::One(_) | Cooperatives::None => dataset
                .cooperatives
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && other.id == coop.id),
        };
        if coop.id.trim().is_empty() {
            check.empty(at("id"), Field::CooperativeId);
        } else if taken {
            check.duplicate(at("id"), Field::CooperativeId, &coop.id);
        }
        if coop.name.trim().is_empty() {
            check.empty(at("name"), Field::CooperativeName);
        }
        if !provinces.contains(coop.province.as_str()) {
            known_province(&mut check, at("province"), &coop.province);
        }
        if !sectors.contains(coop.sector.as_str()) {
            check.report(at("sector"), (said.unknown_sector)(&coop.sector));
        }
        if coop
            .district
            .as_deref()
            .is_some_and(|d| d.trim().is_empty())
        {
            check.report(at("district"), said.district_empty);
        }
        if let Some(founded) = coop.founded.filter(|y| !YEARS.contains(y)) {
            check.year(&at("founded"), Field::FoundingYear, founded);
        }
        if let Some(since) = coop.alliance_member_since {
            if !YEARS.contains(&since) {
                check.year(&at("alliance_member_since"), Field::MembershipYear, since);
            } else if coop.founded.is_some_and(|founded| since < founded) {
                check.report(
                    at("alliance_member_since"),
                    (said.joined_before_founded)(since),
                );
            }
        }
        for (r, rating) in coop.ratings.iter().enumerate() {
            let at = |field: &str| format!("cooperatives[{i}].ratings[{r}].{field}");
            if !YEARS.contains(&rating.year) {
                check.year(&at("year"), Field::RatingYear, rating.year);
            } else if coop.founded.is_some_and(|founded| rating.year < founded) {
                check.report(at("year"), (said.rated_before_founded)(rating.year));
            }
            let repeated = coop.ratings[..r]
                .iter()
                .any(|o| o.year == rating.year && o.scheme == rating.scheme);
            if repeated {
                check.report(
                    at("year"),
                    (said.second_rating)(rating.year, &rating.scheme),
                );
            }
            if rating.scheme.trim().is_empty() {
                check.empty(at("scheme"), Field::RatingScheme);
            }
            if rating.grade.trim().is_empty() {
                check.empty(at("grade"), Field::RatingGrade);
            }
            if let Some(score) = rating.score.filter(|&score| score > 100) {
                check.report(at("score"), (said.score_over)(score));
            }
        }
        if !coop.illustrative.is_empty() {
            check.marks(
                &|| format!("cooperatives[{i}]"),
                &coop.illustrative,
                field_names::<Cooperative>(),
            );
        }
    }

    let plan = &dataset.plan;
    check.not_empty("plan.title", Field::PlanTitle, &plan.title);
    if plan.period.end < plan.period.start {
        check.report(
            "plan.period.end",
            (said.plan_ends_before_start)(
                &plan.period.end.to_string(),
                &plan.period.start.to_string(),
            ),
        );
    }
    check.unique(
        Field::PlanItemId,
        plan.items
            .iter()
            .enumerate()
            .map(|(i, item)| (format!("plan.items[{i}].id"), item.id.as_str())),
    );
    for (i, item) in plan.items.iter().enumerate() {
        check.not_empty(&format!("plan.items[{i}].id"), Field::PlanItemId, &item.id);
        check.not_empty(
            &format!("plan.items[{i}].title"),
            Field::PlanItemTitle,
            &item.title,
        );
        let mut seen = HashSet::new();
        for (p, entry) in item.progress.iter().enumerate() {
            let path = format!("plan.items[{i}].progress[{p}].province");
            if !seen.insert(entry.province.as_str()) {
                check.report(path, (said.second_entry)(&entry.province));
            } else {
                known_province(&mut check, path, &entry.province);
            }
            check.marks(
                &|| format!("plan.items[{i}].progress[{p}]"),
                &entry.illustrative,
                field_names::<Progress>(),
            );
        }
        check.marks(
            &|| format!("plan.items[{i}]"),
            &item.illustrative,
            field_names::<PlanItem>(),
        );
    }
    check.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn field_names_come_from_the_records_own_declarations() {
        assert_eq!(
            field_names::<PlanItem>(),
            [
                "id",
                "title",
                "detail",
                "due",
                "owner",
                "progress",
                "origin",
                "illustrative"
            ]
        );
        assert_eq!(
            field_names::<RatingShare>(),
            [
                "grade",
                "percent_min",
                "percent_max",
                "origin",
                "illustrative"
            ]
        );
        for names in [
            field_names::<Region>(),
            field_names::<Sector>(),
            field_names::<NewMembers>(),
            field_names::<Province>(),
            field_names::<Cooperative>(),
            field_names::<Progress>(),
        ] {
            assert!(names.contains(&"origin") && names.contains(&"illustrative"));
        }
    }

    fn dataset() -> Dataset {
        ron::from_str(include_str!("../../tests/data/minimal.ron")).unwrap()
    }

    #[test]
    fn an_illustrative_list_names_real_fields_each_once() {
        let mut data = dataset();
        data.plan.items[0].illustrative = vec!["due".into(), "owner".into()];
        Arc::make_mut(&mut data.cooperatives[1]).illustrative = vec!["members".into()];
        data.region.rating_shares.push(RatingShare {
            grade: "Khá giỏi".into(),
            percent_min: 35,
            percent_max: Some(40),
            origin: crate::model::Origin::Seed,
            illustrative: vec!["percent_max".into()],
        });
        assert_eq!(validate(&data), []);

        data.plan.items[0].illustrative = vec!["due".into(), "dew".into(), "due".into()];
        Arc::make_mut(&mut data.cooperatives[1]).illustrative = vec!["origin".into()];
        data.region.rating_shares[0].illustrative = vec!["title".into()];
        let problems = validate(&data);
        let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "region.rating_shares[0].illustrative[0]",
                "cooperatives[1].illustrative[0]",
                "plan.items[0].illustrative[1]",
                "plan.items[0].illustrative[2]",
            ]
        );
        assert_eq!(
            problems[2].message,
            "unknown field \"dew\" in illustrative; it must be one of: id, title, detail, due, \
             owner, progress"
        );
        assert!(problems[1].message.contains("cannot be illustrative"));
        assert!(problems[3].message.contains("listed twice"));
    }

    /// Changes a cooperative, seeing the dataset it is in.
    type Mutation = fn(&mut Cooperative, &Dataset);

    /// Ways to break (or keep) a cooperative, one rule each.
    fn mutations() -> Vec<(&'static str, Mutation)> {
        vec![
            ("unchanged", |_, _| {}),
            ("new id", |c, _| c.id = "HTX-NEW-1".into()),
            ("empty id", |c, _| c.id = " ".into()),
            ("another's id", |c, d| c.id = d.cooperatives[0].id.clone()),
            ("another's id, the last", |c, d| {
                c.id = d.cooperatives[d.cooperatives.len() - 1].id.clone();
            }),
            ("empty name", |c, _| c.name = String::new()),
            ("unknown province", |c, _| c.province = "99".into()),
            ("unknown sector", |c, _| c.sector = "nope".into()),
            ("blank district", |c, _| c.district = Some(" ".into())),
            ("founded in 1800", |c, _| c.founded = Some(1800)),
            ("joined before founded", |c, _| {
                c.founded = Some(2000);
                c.alliance_member_since = Some(1999);
            }),
            ("rated in 1800", |c, _| {
                c.ratings.push(crate::model::Rating {
                    year: 1800,
                    scheme: "2011".into(),
                    grade: "Khá".into(),
                    score: Some(101),
                });
            }),
            ("rated twice", |c, _| {
                let rating = crate::model::Rating {
                    year: 2011,
                    scheme: " ".into(),
                    grade: String::new(),
                    score: None,
                };
                c.ratings = vec![rating.clone(), rating];
            }),
            ("marks", |c, _| {
                c.illustrative = vec!["nope".into(), "origin".into(), "name".into(), "name".into()];
            }),
        ]
    }

    /// The messages of `problems`, in order (a duplicate id is reported at the later of the two
    /// records by `validate`, at the edited one by `validate_edit`).
    fn messages(problems: Vec<Problem>) -> Vec<String> {
        problems.into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn an_edits_check_finds_what_the_whole_check_finds() {
        let base = dataset();
        assert_eq!(validate(&base), []);
        let n = base.cooperatives.len();
        for (what, mutate) in mutations() {
            let mut broke = false;
            // Each cooperative changed in place, and a new one at the start, middle and end.
            let changes =
                (0..n)
                    .map(|at| (Some(at), at))
                    .chain([(None, 0), (None, n / 2), (None, n)]);
            for (existing, position) in changes {
                let mut coop = Cooperative::clone(&base.cooperatives[existing.unwrap_or(0)]);
                if existing.is_none() {
                    coop.id = "HTX-ADDED".into();
                }
                let id = coop.id.clone();
                mutate(&mut coop, &base);
                let edit = Edit::Cooperative {
                    id,
                    before: existing.map(|at| (at, Cooperative::clone(&base.cooperatives[at]))),
                    after: Some((position, coop)),
                };
                let mut after = base.clone();
                let Ok(made) = edit.apply(&mut after) else {
                    panic!("{what}: not applied");
                };
                let (whole, edited) = (validate(&after), validate_edit(&after, &made));
                broke |= !whole.is_empty();
                assert_eq!(
                    messages(whole),
                    messages(edited),
                    "{what} at {existing:?}/{position}"
                );
            }
            assert_eq!(broke, !matches!(what, "unchanged" | "new id"), "{what}");
        }
        // A deletion, and a plan item's edit, break nothing the cooperatives hold.
        let mut after = base.clone();
        let gone = Edit::Cooperative {
            id: base.cooperatives[0].id.clone(),
            before: Some((0, Cooperative::clone(&base.cooperatives[0]))),
            after: None,
        };
        let made = gone.apply(&mut after).unwrap();
        assert_eq!(validate_edit(&after, &made), validate(&after));
        let mut item = base.plan.items[0].clone();
        item.title = " ".into();
        let retitled = Edit::Item {
            id: item.id.clone(),
            before: Some((0, base.plan.items[0].clone())),
            after: Some((0, item)),
        };
        let mut after = base.clone();
        let made = retitled.apply(&mut after).unwrap();
        assert_eq!(
            messages(validate_edit(&after, &made)),
            messages(validate(&after))
        );
        assert_eq!(validate_edit(&after, &made).len(), 1);
    }
}
