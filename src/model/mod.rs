//! The dataset's types: the region, its provinces, their cooperatives and the year-end plan.
//! Plain data with serde derives; no terminal, no files, no clock.
//!
//! Provinces, sectors, rating schemes and grades are data (strings and codes), not enums:
//! Vietnam's map and its rating rules both changed during the life of this kind of record.

mod date;
pub mod edit;
pub mod merge;
pub mod validate;

pub use date::{Date, Timestamp};

use serde::{Deserialize, Serialize};

/// The version of the file format this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// One data file: everything `htx` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset {
    pub schema_version: u32,
    pub region: Region,
    pub sectors: Vec<Sector>,
    pub provinces: Vec<Province>,
    pub cooperatives: Vec<Cooperative>,
    pub plan: Plan,
}

/// The cluster of provinces and the figures its report gives for the whole region.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

/// A share of the region's cooperatives in one rating band, as the report states it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatingShare {
    pub grade: String,
    pub percent_min: u8,
    /// `None` means "more than `percent_min`".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent_max: Option<u8>,
}

/// Cooperatives that joined a provincial alliance in the period of the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMembers {
    pub province: String,
    pub cooperatives: u32,
}

/// A field of activity (lĩnh vực). Cooperatives refer to it by `id`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sector {
    pub id: String,
    pub name: String,
}

/// A province or centrally-governed city, as it was at the time of the data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// A post-2025 province; its code belongs to the 2025 list, not to `provinces`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Successor {
    pub code: String,
    pub name: String,
}

/// Whether a record states a fact of the seed report or was made up to illustrate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    Seed,
    #[default]
    Illustrative,
}

/// A cooperative (hợp tác xã).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    pub status: CooperativeStatus,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    #[serde(default)]
    pub origin: Origin,
}

impl Cooperative {
    /// A new, empty cooperative: operating, not rated, not an alliance member, marked
    /// illustrative until someone says otherwise.
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
            origin: Origin::Illustrative,
        }
    }

    /// The rating of the most recent year, if any.
    pub fn latest_rating(&self) -> Option<&Rating> {
        self.ratings.iter().max_by_key(|rating| rating.year)
    }
}

/// A cooperative's rating for one year under one scheme.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub title: String,
    pub period: Period,
    pub items: Vec<PlanItem>,
}

/// First and last day of the plan.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub start: Date,
    pub end: Date,
}

/// One action item of the plan, with a progress entry per province.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

impl Progress {
    /// The entry of a province that has none yet: not started, no note, nobody's change.
    pub fn not_started(province: String) -> Self {
        Self {
            province,
            status: ProgressStatus::NotStarted,
            note: String::new(),
            changed_by: None,
            changed_at: None,
            origin: Origin::Illustrative,
        }
    }
}

impl PlanItem {
    /// The entry of a province, if it has one.
    pub fn progress_of(&self, province: &str) -> Option<&Progress> {
        self.progress
            .iter()
            .find(|entry| entry.province == province)
    }
}

/// Where one province stands on one plan item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
}

/// The state of a plan item in one province.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProgressStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    NotApplicable,
}

impl ProgressStatus {
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
        (self.applicable > 0).then(|| self.done * 100 / self.applicable)
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
        let region = &mut self.region;
        fix(&mut region.name);
        fix(&mut region.source);
        for share in &mut region.rating_shares {
            fix(&mut share.grade);
        }
        for new in &mut region.new_members {
            fix(&mut new.province);
        }
        for sector in &mut self.sectors {
            fix(&mut sector.id);
            fix(&mut sector.name);
        }
        for province in &mut self.provinces {
            fix(&mut province.code);
            fix(&mut province.name);
            fix(&mut province.kind);
            if let Some(successor) = &mut province.successor {
                fix(&mut successor.code);
                fix(&mut successor.name);
            }
        }
        for coop in &mut self.cooperatives {
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
            for entry in &mut item.progress {
                fix(&mut entry.province);
                fix(&mut entry.note);
                if let Some(by) = &mut entry.changed_by {
                    fix(by);
                }
            }
        }
        changed
    }
}
