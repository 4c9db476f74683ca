//! Checks a dataset for what serde cannot see: duplicate ids, references to unknown
//! provinces or sectors, empty names and impossible values. Each problem names the place in
//! the data by its path (`cooperatives[12].province`), which the store turns into a line and
//! column of the file. Messages are in the interface's language ([`crate::lang::errors`]).

use std::collections::HashSet;

use super::{Dataset, SCHEMA_VERSION};
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
}

/// Every problem of `dataset`, in file order; empty when it is sound.
pub fn validate(dataset: &Dataset) -> Vec<Problem> {
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
    }
    for (i, new) in region.new_members.iter().enumerate() {
        known_province(
            &mut check,
            format!("region.new_members[{i}].province"),
            &new.province,
        );
    }

    for (i, sector) in dataset.sectors.iter().enumerate() {
        check.not_empty(&format!("sectors[{i}].id"), Field::SectorId, &sector.id);
        check.not_empty(
            &format!("sectors[{i}].name"),
            Field::SectorName,
            &sector.name,
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
    }

    // Paths are built only when there is a problem to report: this loop runs 100k times.
    let mut ids = HashSet::with_capacity(dataset.cooperatives.len());
    for (i, coop) in dataset.cooperatives.iter().enumerate() {
        let at = |field: &str| format!("cooperatives[{i}].{field}");
        if coop.id.trim().is_empty() {
            check.empty(at("id"), Field::CooperativeId);
        } else if !ids.insert(coop.id.as_str()) {
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
        }
    }
    check.problems
}
