//! The dataset's types: the region, its provinces, their cooperatives and the year-end plan.
//! Plain data with serde derives; no terminal, no files, no clock.
//!
//! Provinces, sectors, rating schemes and grades are data (strings and codes), not enums:
//! Vietnam's map and its rating rules both changed during the life of this kind of record.

mod date;
pub mod edit;
pub mod figures;
pub mod merge;
mod records;
pub mod settle;
pub mod validate;

pub use date::{Date, Timestamp, civil, parse_written_date};
pub use records::Records;

use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// The version of the file format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One data file: everything `htx` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    pub region: Region,
    pub sectors: Vec<Sector>,
    pub provinces: Vec<Province>,
    /// Shared copy-on-write, the list and each record ([`Records`]): copying the dataset (an
    /// edit while a save holds it) copies one pointer, and an edit copies only what it changes.
    pub cooperatives: Records<Cooperative>,
    pub plan: Plan,
    /// Conflicts a merge of two versions of the file (`htx merge`, git's merge driver) left
    /// for a person to settle; the records hold "ours" until then. Empty in a settled file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<merge::Conflict>,
}

/// The cluster of provinces and the figures its report gives for the whole region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Region {
    pub name: String,
    /// The date the figures describe.
    pub as_of: Date,
    /// Where the figures come from.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Cooperative groups (tổ hợp tác, THT).
    pub cooperative_groups: u32,
    /// Cooperatives (hợp tác xã, HTX).
    pub cooperatives: u32,
    /// Cooperative unions (liên hiệp HTX).
    pub unions: u32,
    pub rating_shares: Vec<RatingShare>,
    pub new_members: Vec<NewMembers>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// A share of the region's cooperatives in one rating band, as the report states it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct RatingShare {
    pub grade: String,
    pub percent_min: u8,
    /// `None` means "more than `percent_min`".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_max: Option<u8>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// Cooperatives that joined a provincial alliance in the period of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct NewMembers {
    pub province: String,
    pub cooperatives: u32,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// A field of activity (lĩnh vực). Cooperatives refer to it by `id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// A province or centrally-governed city, as it was at the time of the data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Province {
    /// The administrative code (2004 list), e.g. `"36"`.
    pub code: String,
    /// The short name, e.g. `"Nam Định"`; `kind` carries "Tỉnh" or "Thành phố".
    pub name: String,
    pub kind: String,
    /// The province it became part of in the 2025 merger, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub successor: Option<Successor>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// A post-2025 province; its code belongs to the 2025 list, not to `provinces`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    pub code: String,
    pub name: String,
}

/// Where a record comes from, which says how far it can be believed.
///
/// A record typed into a form or read from a file that does not say otherwise is a person's,
/// so that is the default: only the built-in sample data and generated data claim the other
/// two. Whatever the origin, a record may name in `illustrative` the fields whose values were
/// invented (a plan item the seed report states, with a due date it does not give).
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    bitcode::Encode,
    bitcode::Decode,
)]
pub enum Origin {
    /// Stated by the seed report, the 21 June 2011 meeting of the cluster's alliances.
    Seed,
    /// Invented to illustrate the program: not a real record, and editing it does not make
    /// it one.
    Illustrative,
    /// Entered by people: created in a form, or written in a file without an origin.
    #[default]
    Entered,
}

/// Whether the value of `field` in a record of `origin` that lists `illustrative` was
/// invented: every field of an illustrative record, the listed fields of any other.
pub fn is_illustrative(origin: Origin, illustrative: &[String], field: &str) -> bool {
    origin == Origin::Illustrative || illustrative.iter().any(|name| name == field)
}

/// Takes the fields named in `edited` whose flag is true out of `illustrative`: a value a
/// person typed is theirs, not invented, even in a record the seed report states. (The
/// record's origin stays: an illustrative record with one real value is still not real.)
fn claim(illustrative: &mut Vec<String>, edited: &[(&str, bool)]) {
    illustrative.retain(|name| {
        !edited
            .iter()
            .any(|&(field, changed)| changed && field == name.as_str())
    });
}

/// A cooperative (hợp tác xã).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Cooperative {
    /// Stable identifier, never reused.
    pub id: String,
    pub name: String,
    /// Code of the province the cooperative belonged to at the time of the record.
    pub province: String,
    /// District (huyện); the 2025 reform removed that level, so it is optional.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// Id of a [`Sector`].
    pub sector: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub founded: Option<u16>,
    pub members: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ratings: Vec<Rating>,
    /// Year the cooperative joined the provincial alliance; `None` if it is not a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alliance_member_since: Option<u16>,
    /// Read through the parse's progress count (see `store::progress`).
    #[serde(deserialize_with = "crate::store::progress::status")]
    pub status: CooperativeStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// The id htx gives the `number`-th cooperative entered in a province: `HTX-36-007`.
pub fn cooperative_id(province: &str, number: u32) -> String {
    format!("HTX-{province}-{number:03}")
}

/// The number in an id [`cooperative_id`] made for `province`, if `id` is one.
pub fn cooperative_number(id: &str, province: &str) -> Option<u32> {
    id.strip_prefix("HTX-")?
        .strip_prefix(province)?
        .strip_prefix('-')?
        .parse()
        .ok()
}

impl Cooperative {
    /// A new, empty cooperative: operating, not rated, not an alliance member, and the record
    /// of the person who creates it.
    pub fn blank(id: String, province: String, sector: String) -> Self {
        Self {
            id,
            name: String::new(),
            province,
            district: None,
            sector,
            founded: None,
            members: 0,
            ratings: Vec::new(),
            alliance_member_since: None,
            status: CooperativeStatus::Operating,
            notes: String::new(),
            origin: Origin::Entered,
            illustrative: Vec::new(),
        }
    }

    /// After a person's edit from `before`: the fields they changed are no longer
    /// illustrative.
    pub fn claim_edited(&mut self, before: &Cooperative) {
        // Destructured without `..`: a field added to the record must be decided here.
        let Cooperative {
            id,
            name,
            province,
            district,
            sector,
            founded,
            members,
            ratings,
            alliance_member_since,
            status,
            notes,
            origin: _,
            illustrative: _,
        } = before;
        let edited = [
            ("id", *id != self.id),
            ("name", *name != self.name),
            ("province", *province != self.province),
            ("district", *district != self.district),
            ("sector", *sector != self.sector),
            ("founded", *founded != self.founded),
            ("members", *members != self.members),
            ("ratings", *ratings != self.ratings),
            (
                "alliance_member_since",
                *alliance_member_since != self.alliance_member_since,
            ),
            ("status", *status != self.status),
            ("notes", *notes != self.notes),
        ];
        claim(&mut self.illustrative, &edited);
    }

    /// Whether the value of `field` was invented (see [`is_illustrative`]).
    pub fn is_illustrative(&self, field: &str) -> bool {
        is_illustrative(self.origin, &self.illustrative, field)
    }

    /// The rating of the most recent year, if any.
    pub fn latest_rating(&self) -> Option<&Rating> {
        self.ratings.iter().max_by_key(|rating| rating.year)
    }
}

/// A cooperative's rating for one year under one scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    pub year: u16,
    /// E.g. `"2011"` (four grades) or `"2024"` (15 criteria scored out of 100).
    pub scheme: String,
    /// E.g. `"Tốt"`, `"Khá"`, `"Trung bình"`, `"Yếu"`.
    pub grade: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<u8>,
}

/// Whether a cooperative is trading.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode,
)]
pub enum CooperativeStatus {
    Operating,
    Suspended,
    Dissolved,
}

impl CooperativeStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Operating => "operating",
            Self::Suspended => "suspended",
            Self::Dissolved => "dissolved",
        }
    }
}

/// The cluster's plan: action items every provincial alliance carries out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub title: String,
    pub period: Period,
    pub items: Vec<PlanItem>,
}

/// First and last day of the plan.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode,
)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// One action item of the plan, with a progress entry per province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub detail: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// A province without an entry has not started.
    #[serde(default)]
    pub progress: Vec<Progress>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

impl Progress {
    /// The entry of a province that has none yet: not started, no note, nobody's change; a
    /// person is about to make it, so it is theirs.
    pub fn not_started(province: String) -> Self {
        Self {
            province,
            status: ProgressStatus::NotStarted,
            note: String::new(),
            changed_by: None,
            changed_at: None,
            origin: Origin::Entered,
            illustrative: Vec::new(),
        }
    }

    /// After a person's edit from `before`: the fields they changed are no longer
    /// illustrative.
    pub fn claim_edited(&mut self, before: &Progress) {
        // Who changed it and when are the program's record of the edit, not the person's
        // values; destructured without `..` so that a new field must be decided here.
        let Progress {
            province,
            status,
            note,
            changed_by: _,
            changed_at: _,
            origin: _,
            illustrative: _,
        } = before;
        let edited = [
            ("province", *province != self.province),
            ("status", *status != self.status),
            ("note", *note != self.note),
        ];
        claim(&mut self.illustrative, &edited);
    }
}

impl PlanItem {
    /// After a person's edit from `before`: the fields they changed are no longer
    /// illustrative.
    pub fn claim_edited(&mut self, before: &PlanItem) {
        // Progress entries are records of their own; destructured without `..` so that a new
        // field must be decided here.
        let PlanItem {
            id,
            title,
            detail,
            due,
            owner,
            progress: _,
            origin: _,
            illustrative: _,
        } = before;
        let edited = [
            ("id", *id != self.id),
            ("title", *title != self.title),
            ("detail", *detail != self.detail),
            ("due", *due != self.due),
            ("owner", *owner != self.owner),
        ];
        claim(&mut self.illustrative, &edited);
    }

    /// Whether the value of `field` was invented (see [`is_illustrative`]).
    pub fn is_illustrative(&self, field: &str) -> bool {
        is_illustrative(self.origin, &self.illustrative, field)
    }

    /// The entry of a province, if it has one.
    pub fn progress_of(&self, province: &str) -> Option<&Progress> {
        self.progress
            .iter()
            .find(|entry| entry.province == province)
    }
}

/// Where one province stands on one plan item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Progress {
    pub province: String,
    pub status: ProgressStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed_at: Option<Timestamp>,
    #[serde(default)]
    pub origin: Origin,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub illustrative: Vec<String>,
}

/// The state of a plan item in one province.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    bitcode::Encode,
    bitcode::Decode,
)]
pub enum ProgressStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    NotApplicable,
}

impl ProgressStatus {
    /// The statuses from the most done to the least, the order of every legend.
    pub const BY_PROGRESS: [ProgressStatus; 4] = [
        ProgressStatus::Done,
        ProgressStatus::InProgress,
        ProgressStatus::NotStarted,
        ProgressStatus::NotApplicable,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "not started",
            Self::InProgress => "in progress",
            Self::Done => "done",
            Self::NotApplicable => "n/a",
        }
    }
}

/// Done and applicable counts of a set of progress entries, for the bars and percentages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub done: u32,
    pub in_progress: u32,
    pub applicable: u32,
}

impl Tally {
    pub fn add(&mut self, status: ProgressStatus) {
        match status {
            ProgressStatus::NotApplicable => return,
            ProgressStatus::Done => self.done += 1,
            ProgressStatus::InProgress => self.in_progress += 1,
            ProgressStatus::NotStarted => {}
        }
        self.applicable += 1;
    }

    /// Share done, 0–100; `None` when nothing applies.
    pub fn percent(self) -> Option<u32> {
        figures::percent(self.done.into(), self.applicable.into())
    }
}

impl Dataset {
    /// Rewrites every string in NFC (text pasted from macOS or typed with some input methods
    /// arrives decomposed) and returns how many strings changed.
    pub fn normalize_text(&mut self) -> usize {
        let mut changed = 0;
        let mut fix = |text: &mut String| {
            if crate::text::nfc_in_place(text) {
                changed += 1;
            }
        };
        // The field names in `illustrative` lists too: a name that differs only by
        // normalisation must be the name validation compares.
        fn fix_all(list: &mut [String], fix: &mut impl FnMut(&mut String)) {
            list.iter_mut().for_each(fix);
        }
        let region = &mut self.region;
        fix(&mut region.name);
        fix(&mut region.source);
        fix_all(&mut region.illustrative, &mut fix);
        for share in &mut region.rating_shares {
            fix(&mut share.grade);
            fix_all(&mut share.illustrative, &mut fix);
        }
        for new in &mut region.new_members {
            fix(&mut new.province);
            fix_all(&mut new.illustrative, &mut fix);
        }
        for sector in &mut self.sectors {
            fix(&mut sector.id);
            fix(&mut sector.name);
            fix_all(&mut sector.illustrative, &mut fix);
        }
        for province in &mut self.provinces {
            fix(&mut province.code);
            fix(&mut province.name);
            fix(&mut province.kind);
            if let Some(successor) = &mut province.successor {
                fix(&mut successor.code);
                fix(&mut successor.name);
            }
            fix_all(&mut province.illustrative, &mut fix);
        }
        for coop in &mut self.cooperatives {
            let coop = Arc::make_mut(coop);
            fix(&mut coop.id);
            fix(&mut coop.name);
            fix(&mut coop.province);
            fix(&mut coop.sector);
            fix(&mut coop.notes);
            if let Some(district) = &mut coop.district {
                fix(district);
            }
            for rating in &mut coop.ratings {
                fix(&mut rating.scheme);
                fix(&mut rating.grade);
            }
            fix_all(&mut coop.illustrative, &mut fix);
        }
        let plan = &mut self.plan;
        fix(&mut plan.title);
        for item in &mut plan.items {
            fix(&mut item.id);
            fix(&mut item.title);
            fix(&mut item.detail);
            if let Some(owner) = &mut item.owner {
                fix(owner);
            }
            fix_all(&mut item.illustrative, &mut fix);
            for entry in &mut item.progress {
                fix(&mut entry.province);
                fix(&mut entry.note);
                if let Some(by) = &mut entry.changed_by {
                    fix(by);
                }
                fix_all(&mut entry.illustrative, &mut fix);
            }
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_value_leaves_the_illustrative_list_and_the_origin_stays() {
        let before: PlanItem = ron::from_str(
            r#"(id: "KH-01", title: "Xúc tiến thương mại, liên doanh liên kết.",
                detail: "invented", due: Some("2011-09-30"), owner: Some("invented"),
                origin: Seed, illustrative: ["detail", "due", "owner"])"#,
        )
        .unwrap();
        let mut after = before.clone();
        after.claim_edited(&before);
        assert_eq!(
            after.illustrative,
            ["detail", "due", "owner"],
            "nothing typed"
        );
        after.due = Date::new(2011, 10, 15).ok();
        after.title.push_str(" (sửa)");
        after.claim_edited(&before);
        assert_eq!(after.illustrative, ["detail", "owner"]);
        assert_eq!(after.origin, Origin::Seed);
        assert!(after.is_illustrative("owner") && !after.is_illustrative("due"));

        let invented = Progress {
            status: ProgressStatus::InProgress,
            origin: Origin::Illustrative,
            ..Progress::not_started("36".into())
        };
        let mut edited = invented.clone();
        edited.status = ProgressStatus::Done;
        edited.claim_edited(&invented);
        assert_eq!(
            edited.origin,
            Origin::Illustrative,
            "an edit does not make it real"
        );
    }

    #[test]
    fn a_record_without_an_origin_is_a_persons() {
        let coop: Cooperative = ron::from_str(
            r#"(id: "A-1", name: "HTX", province: "36", sector: "muoi", members: 1,
                status: Operating)"#,
        )
        .unwrap();
        assert_eq!(coop.origin, Origin::Entered);
        assert!(!coop.is_illustrative("members"));
        assert_eq!(Progress::not_started("36".into()).origin, Origin::Entered);
        assert_eq!(
            Cooperative::blank("A".into(), "36".into(), "muoi".into()).origin,
            Origin::Entered
        );
    }
}
