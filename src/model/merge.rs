//! Three-way merge of datasets, record by record and field by field.
//!
//! Records are matched by their ids (sectors by id, provinces by code, cooperatives by id, plan
//! items by id, progress entries by item and province). For every field, the value in the
//! common ancestor (the base), in ours and in theirs decide: unchanged on one side, the other
//! side's value is taken; the same value on both sides is taken once; anything else is a
//! [`Conflict`], whatever values either side passed through on the way. Text that differs only
//! by Unicode normalisation is the same text. Whole records conflict too: deleted on one side
//! and changed on the other, or added on both sides under one id with different content (then
//! field by field, with no base); and the plan's item order changed differently on both sides.
//!
//! Every record's fields are listed once, in a struct literal without `..`: a field added to a
//! record is a compile error here until the merge handles it.
//!
//! A record's `illustrative` list is merged as a set, name by name, and never conflicts: a
//! name leaves it on the side where a person typed that field's value, and that change is kept
//! (see `Fields::marks`).
//!
//! The engine is pure: the session's save and reload, journal recovery and the git merge
//! driver all call it.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

use super::{
    Cooperative, CooperativeStatus, Dataset, Date, NewMembers, Origin, Period, Plan, PlanItem,
    Progress, ProgressStatus, Province, Rating, RatingShare, Region, Sector, Successor, Timestamp,
};

/// Names one record of a dataset by its id, whatever its position.
#[derive(
    Clone,
    Debug,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    bitcode::Encode,
    bitcode::Decode,
)]
pub enum RecordKey {
    /// The file's own fields (its schema version).
    File,
    Region,
    /// The plan's title and period.
    Plan,
    /// The order of the plan's items.
    ItemOrder,
    Sector(String),
    Province(String),
    Cooperative(String),
    Item(String),
    Progress {
        item: String,
        province: String,
    },
}

impl fmt::Display for RecordKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::File => write!(f, "the file"),
            Self::Region => write!(f, "the region"),
            Self::Plan => write!(f, "the plan"),
            Self::ItemOrder => write!(f, "the order of the plan items"),
            Self::Sector(id) => write!(f, "sector {id}"),
            Self::Province(code) => write!(f, "province {code}"),
            Self::Cooperative(id) => write!(f, "cooperative {id}"),
            Self::Item(id) => write!(f, "plan item {id}"),
            Self::Progress { item, province } => write!(f, "{item} / province {province}"),
        }
    }
}

/// One field (or, with `field: None`, one whole record) that both sides changed differently.
/// Values are shown as text: a text field as it is, other fields in the file's notation, a
/// whole record in the file's notation; `None` means the record does not exist on that side.
///
/// A conflict that `htx merge` could not settle is kept in the merged file, in its
/// `conflicts` list, with the names git gave the three versions (see README "Conflicts in
/// the file").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub record: RecordKey,
    pub field: Option<String>,
    pub base: Option<String>,
    pub ours: Option<String>,
    pub theirs: Option<String>,
    /// The names of the three versions, for a conflict kept in a file (a session's own
    /// conflicts have none: they are "mine" and "theirs").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Labels>,
}

/// What the three versions of a merge are called: git's `%S %X %Y`, branch names or commits.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub base: String,
    pub ours: String,
    pub theirs: String,
}

impl Conflict {
    /// Whether the value can be typed as text (`e` in the conflict dialog): fields, not whole
    /// records.
    pub fn editable(&self) -> bool {
        self.field.is_some()
    }

    /// Whether the value both sides started from can be taken (`b`): there is one, and it is
    /// a field or a whole record (not the order of the plan's items).
    pub fn has_base(&self) -> bool {
        self.base.is_some() && self.record != RecordKey::ItemOrder
    }

    /// The record and field the conflict is about.
    pub fn place(&self) -> (RecordKey, Option<String>) {
        (self.record.clone(), self.field.clone())
    }

    /// "cooperative HTX-36-001, name" or "plan item KH-02 (deleted on one side)".
    pub fn describe(&self) -> String {
        match &self.field {
            Some(field) => format!("{}, {field}", self.record),
            None if self.record == RecordKey::ItemOrder => self.record.to_string(),
            None => format!(
                "{} ({})",
                self.record,
                match (&self.base, &self.ours, &self.theirs) {
                    (Some(_), None, _) => "deleted here, changed there",
                    (Some(_), _, None) => "changed here, deleted there",
                    _ => "added on both sides",
                }
            ),
        }
    }
}

/// How the user settled one conflict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Pick {
    Ours,
    Theirs,
    /// The value both sides started from (see [`Conflict::has_base`]).
    Base,
    /// A value typed by the user (fields only), in the notation the conflict showed.
    Text(String),
}

/// A settled conflict. It settles the same conflict in a later merge only while both sides
/// still show the values the user saw; if either changed again, the user is asked again.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resolution {
    pub conflict: Conflict,
    pub pick: Pick,
}

/// Every conflict the user has settled so far, to be honoured by the next merge.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resolutions {
    settled: HashMap<(RecordKey, Option<String>), Resolution>,
}

impl Resolutions {
    pub fn add(&mut self, resolution: Resolution) {
        let key = (
            resolution.conflict.record.clone(),
            resolution.conflict.field.clone(),
        );
        self.settled.insert(key, resolution);
    }

    pub fn is_empty(&self) -> bool {
        self.settled.is_empty()
    }

    /// Whether the conflict, showing exactly these values on both sides, is settled.
    pub fn covers(&self, conflict: &Conflict) -> bool {
        self.pick(conflict).is_some()
    }

    /// The pick for a conflict that shows exactly these values on both sides.
    fn pick(&self, conflict: &Conflict) -> Option<&Pick> {
        let found = self
            .settled
            .get(&(conflict.record.clone(), conflict.field.clone()))?;
        (found.conflict.ours == conflict.ours && found.conflict.theirs == conflict.theirs)
            .then_some(&found.pick)
    }
}

/// The outcome of a merge: the dataset, and the conflicts nobody has settled yet (their fields
/// hold ours provisionally; a record deleted on one side and changed on the other is kept).
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub dataset: Dataset,
    pub conflicts: Vec<Conflict>,
}

/// A value of one field: compared, shown and typed back in the conflict dialog.
pub trait FieldValue: Clone + PartialEq {
    fn same(&self, other: &Self) -> bool {
        self == other
    }
    fn show(&self) -> String;
    fn parse(text: &str) -> Result<Self, String>;
}

/// Text is the same when it is the same after NFC.
impl FieldValue for String {
    fn same(&self, other: &Self) -> bool {
        self == other || self.nfc().eq(other.nfc())
    }
    fn show(&self) -> String {
        self.clone()
    }
    fn parse(text: &str) -> Result<Self, String> {
        Ok(text.nfc().collect())
    }
}

/// Optional text: empty means absent.
impl FieldValue for Option<String> {
    fn same(&self, other: &Self) -> bool {
        match (self, other) {
            (Some(a), Some(b)) => a.same(b),
            (a, b) => a == b,
        }
    }
    fn show(&self) -> String {
        self.clone().unwrap_or_default()
    }
    fn parse(text: &str) -> Result<Self, String> {
        Ok((!text.is_empty()).then(|| text.nfc().collect()))
    }
}

/// Other values are shown and typed in the file's own notation.
macro_rules! ron_field_values {
    ($($type:ty),+ $(,)?) => {$(
        impl FieldValue for $type {
            fn show(&self) -> String {
                ron::ser::to_string(self).unwrap_or_default()
            }
            fn parse(text: &str) -> Result<Self, String> {
                ron::from_str(text).map_err(|err| err.to_string())
            }
        }
    )+};
}

ron_field_values!(
    u32,
    u16,
    Option<u16>,
    Date,
    Option<Date>,
    Option<Timestamp>,
    Period,
    Origin,
    Option<Successor>,
    Vec<Rating>,
    Vec<RatingShare>,
    Vec<NewMembers>,
);

/// Statuses are shown by their labels ("in progress") and typed either way.
macro_rules! labelled_field_values {
    ($($type:ty: [$($value:ident),+]),+ $(,)?) => {$(
        impl FieldValue for $type {
            fn show(&self) -> String {
                self.label().to_owned()
            }
            fn parse(text: &str) -> Result<Self, String> {
                let text = text.trim();
                [$(<$type>::$value),+]
                    .into_iter()
                    .find(|value| value.label() == text)
                    .map_or_else(|| ron::from_str(text).map_err(|err| err.to_string()), Ok)
            }
        }
    )+};
}

labelled_field_values!(
    ProgressStatus: [NotStarted, InProgress, Done, NotApplicable],
    CooperativeStatus: [Operating, Suspended, Dissolved],
);

/// Merges the fields of one record, collecting its conflicts.
///
/// Made with [`Fields::setting`], it sets one field instead, from its text: the record merged
/// with itself is the record, except for that field. Settling a conflict kept in a file uses
/// it, so every record's fields are listed once, here, for merging and settling alike.
pub(crate) struct Fields<'a> {
    record: RecordKey,
    resolutions: &'a Resolutions,
    pub(crate) conflicts: Vec<Conflict>,
    /// The field to set and its text, when setting.
    set: Option<(&'a str, &'a str)>,
    /// Whether the field to set was found, and why its text did not parse if it did not.
    pub(crate) set_outcome: Option<Result<(), String>>,
}

impl<'a> Fields<'a> {
    pub(crate) fn new(record: RecordKey, resolutions: &'a Resolutions) -> Self {
        Self {
            record,
            resolutions,
            conflicts: Vec::new(),
            set: None,
            set_outcome: None,
        }
    }

    /// Fields that set `field` to the value `text` says, in the notation a conflict shows.
    pub(crate) fn setting(
        record: RecordKey,
        resolutions: &'a Resolutions,
        field: &'a str,
        text: &'a str,
    ) -> Self {
        Self {
            set: Some((field, text)),
            ..Self::new(record, resolutions)
        }
    }

    /// The merged value of one field. `base` is `None` when the record is new on both sides.
    fn take<T: FieldValue>(&mut self, name: &str, base: Option<&T>, ours: &T, theirs: &T) -> T {
        if let Some((field, text)) = self.set
            && field == name
        {
            match T::parse(text) {
                Ok(value) => {
                    self.set_outcome = Some(Ok(()));
                    return value;
                }
                Err(why) => self.set_outcome = Some(Err(why)),
            }
        }
        if ours.same(theirs) || base.is_some_and(|base| theirs.same(base)) {
            return ours.clone();
        }
        if base.is_some_and(|base| ours.same(base)) {
            return theirs.clone();
        }
        let conflict = Conflict {
            record: self.record.clone(),
            field: Some(name.to_owned()),
            base: base.map(FieldValue::show),
            ours: Some(ours.show()),
            theirs: Some(theirs.show()),
            labels: None,
        };
        match self.resolutions.pick(&conflict) {
            Some(Pick::Ours) => ours.clone(),
            Some(Pick::Theirs) => theirs.clone(),
            Some(Pick::Base) if base.is_some() => base.cloned().unwrap_or_else(|| ours.clone()),
            Some(Pick::Text(text)) => match T::parse(text) {
                Ok(value) => value,
                Err(_) => {
                    self.conflicts.push(conflict);
                    ours.clone()
                }
            },
            Some(Pick::Base) | None => {
                self.conflicts.push(conflict);
                ours.clone()
            }
        }
    }
}

impl Fields<'_> {
    /// The merged `illustrative` list: each name is kept or dropped as the side that changed
    /// it has it (ours if both did, which then agree), so one side claiming `due` and the other
    /// claiming `detail` of the same record drops both, with no conflict over the list. With
    /// no base (added on both sides) a name either side marks stays marked: nothing is claimed
    /// as real that one side still calls invented. Ours' order, then theirs' additions.
    fn marks(&self, base: Option<&[String]>, ours: &[String], theirs: &[String]) -> Vec<String> {
        let mut merged: Vec<String> = Vec::new();
        for name in ours.iter().chain(theirs) {
            if merged.contains(name) {
                continue;
            }
            let (in_ours, in_theirs) = (ours.contains(name), theirs.contains(name));
            let kept = match base {
                Some(base) if base.contains(name) == in_ours => in_theirs,
                Some(_) => in_ours,
                None => in_ours || in_theirs,
            };
            if kept {
                merged.push(name.clone());
            }
        }
        merged
    }
}

/// `marks!(f, base, ours, theirs)`: a record's `illustrative` list (see [`Fields::marks`]).
macro_rules! marks {
    ($f:expr, $base:expr, $ours:expr, $theirs:expr) => {
        $f.marks(
            $base.map(|b| b.illustrative.as_slice()),
            &$ours.illustrative,
            &$theirs.illustrative,
        )
    };
}

/// `field!(f, base, ours, theirs, name)`: one field of a record, named once.
macro_rules! field {
    ($f:expr, $base:expr, $ours:expr, $theirs:expr, $name:ident) => {
        $f.take(
            stringify!($name),
            $base.map(|b| &b.$name),
            &$ours.$name,
            &$theirs.$name,
        )
    };
}

pub(crate) fn merge_cooperative(
    f: &mut Fields<'_>,
    base: Option<&Cooperative>,
    ours: &Cooperative,
    theirs: &Cooperative,
) -> Cooperative {
    Cooperative {
        id: field!(f, base, ours, theirs, id),
        name: field!(f, base, ours, theirs, name),
        province: field!(f, base, ours, theirs, province),
        district: field!(f, base, ours, theirs, district),
        sector: field!(f, base, ours, theirs, sector),
        founded: field!(f, base, ours, theirs, founded),
        members: field!(f, base, ours, theirs, members),
        ratings: field!(f, base, ours, theirs, ratings),
        alliance_member_since: field!(f, base, ours, theirs, alliance_member_since),
        status: field!(f, base, ours, theirs, status),
        notes: field!(f, base, ours, theirs, notes),
        origin: field!(f, base, ours, theirs, origin),
        illustrative: marks!(f, base, ours, theirs),
    }
}

/// A plan item's own fields; its progress entries are merged as records of their own, so the
/// merged item carries ours' entries here and the caller replaces them.
pub(crate) fn merge_item(
    f: &mut Fields<'_>,
    base: Option<&PlanItem>,
    ours: &PlanItem,
    theirs: &PlanItem,
) -> PlanItem {
    PlanItem {
        id: field!(f, base, ours, theirs, id),
        title: field!(f, base, ours, theirs, title),
        detail: field!(f, base, ours, theirs, detail),
        due: field!(f, base, ours, theirs, due),
        owner: field!(f, base, ours, theirs, owner),
        progress: ours.progress.clone(),
        origin: field!(f, base, ours, theirs, origin),
        illustrative: marks!(f, base, ours, theirs),
    }
}

/// Who changed an entry and when are never a conflict: they are those of the side whose values
/// the merged entry holds, and when it holds both sides' changes, those of the latest change
/// (ours on a tie, ours being the side that merges now).
pub(crate) fn merge_progress(
    f: &mut Fields<'_>,
    base: Option<&Progress>,
    ours: &Progress,
    theirs: &Progress,
) -> Progress {
    let mut merged = Progress {
        province: field!(f, base, ours, theirs, province),
        status: field!(f, base, ours, theirs, status),
        note: field!(f, base, ours, theirs, note),
        changed_by: None,
        changed_at: None,
        origin: field!(f, base, ours, theirs, origin),
        illustrative: marks!(f, base, ours, theirs),
    };
    let content = |p: &Progress| {
        (
            p.province.clone(),
            p.status,
            p.note.clone(),
            p.origin,
            p.illustrative.clone(),
        )
    };
    let stamp = |p: &Progress| (p.changed_by.clone(), p.changed_at);
    let latest = if content(&merged) == content(ours) {
        ours
    } else if content(&merged) == content(theirs) {
        theirs
    } else {
        match base.map(stamp) {
            Some(b) if b == stamp(ours) => theirs,
            Some(b) if b == stamp(theirs) => ours,
            _ if theirs.changed_at > ours.changed_at => theirs,
            _ => ours,
        }
    };
    merged.changed_by.clone_from(&latest.changed_by);
    merged.changed_at = latest.changed_at;
    merged
}

pub(crate) fn merge_sector(
    f: &mut Fields<'_>,
    base: Option<&Sector>,
    ours: &Sector,
    theirs: &Sector,
) -> Sector {
    Sector {
        id: field!(f, base, ours, theirs, id),
        name: field!(f, base, ours, theirs, name),
        origin: field!(f, base, ours, theirs, origin),
        illustrative: marks!(f, base, ours, theirs),
    }
}

pub(crate) fn merge_province(
    f: &mut Fields<'_>,
    base: Option<&Province>,
    ours: &Province,
    theirs: &Province,
) -> Province {
    Province {
        code: field!(f, base, ours, theirs, code),
        name: field!(f, base, ours, theirs, name),
        kind: field!(f, base, ours, theirs, kind),
        successor: field!(f, base, ours, theirs, successor),
        origin: field!(f, base, ours, theirs, origin),
        illustrative: marks!(f, base, ours, theirs),
    }
}

pub(crate) fn merge_region(
    f: &mut Fields<'_>,
    base: Option<&Region>,
    ours: &Region,
    theirs: &Region,
) -> Region {
    Region {
        name: field!(f, base, ours, theirs, name),
        as_of: field!(f, base, ours, theirs, as_of),
        source: field!(f, base, ours, theirs, source),
        cooperative_groups: field!(f, base, ours, theirs, cooperative_groups),
        cooperatives: field!(f, base, ours, theirs, cooperatives),
        unions: field!(f, base, ours, theirs, unions),
        rating_shares: field!(f, base, ours, theirs, rating_shares),
        new_members: field!(f, base, ours, theirs, new_members),
        origin: field!(f, base, ours, theirs, origin),
        illustrative: marks!(f, base, ours, theirs),
    }
}

/// Merges `base`, `ours` and `theirs`, honouring the conflicts already settled.
pub fn merge(base: &Dataset, ours: &Dataset, theirs: &Dataset, settled: &Resolutions) -> Merged {
    merge_from(Some(base), ours, theirs, settled)
}

/// Merges two versions with no common ancestor (a file added on both branches): every record
/// is an addition on both sides, so one id with different content conflicts field by field,
/// and so do the region's and the plan's own fields where the sides differ.
pub fn merge_unrelated(ours: &Dataset, theirs: &Dataset, settled: &Resolutions) -> Merged {
    merge_from(None, ours, theirs, settled)
}

fn merge_from(
    base: Option<&Dataset>,
    ours: &Dataset,
    theirs: &Dataset,
    settled: &Resolutions,
) -> Merged {
    let mut conflicts = Vec::new();
    let fields = |record: RecordKey| Fields::new(record, settled);
    let mut file = fields(RecordKey::File);
    let schema_version = file.take(
        "schema_version",
        base.map(|b| &b.schema_version),
        &ours.schema_version,
        &theirs.schema_version,
    );
    conflicts.append(&mut file.conflicts);
    let mut region = fields(RecordKey::Region);
    let merged_region = merge_region(
        &mut region,
        base.map(|b| &b.region),
        &ours.region,
        &theirs.region,
    );
    conflicts.append(&mut region.conflicts);

    let sectors = merge_records(
        Sides::of(
            base.map_or(&[], |b| &b.sectors),
            &ours.sectors,
            &theirs.sectors,
        ),
        |s| s.id.as_str(),
        |id| RecordKey::Sector(id.to_owned()),
        merge_sector,
        settled,
        &mut conflicts,
    );
    let provinces = merge_records(
        Sides::of(
            base.map_or(&[], |b| &b.provinces),
            &ours.provinces,
            &theirs.provinces,
        ),
        |p| p.code.as_str(),
        |code| RecordKey::Province(code.to_owned()),
        merge_province,
        settled,
        &mut conflicts,
    );
    let cooperatives = merge_records(
        Sides::of(
            base.map_or(&[], |b| &b.cooperatives),
            &ours.cooperatives,
            &theirs.cooperatives,
        ),
        |c| c.id.as_str(),
        |id| RecordKey::Cooperative(id.to_owned()),
        |f, base, ours, theirs| Arc::new(merge_cooperative(f, base.map(|b| &**b), ours, theirs)),
        settled,
        &mut conflicts,
    );
    let plan = merge_plan(
        base.map(|b| &b.plan),
        &ours.plan,
        &theirs.plan,
        settled,
        &mut conflicts,
    );
    Merged {
        dataset: Dataset {
            schema_version,
            region: merged_region,
            sectors,
            provinces,
            cooperatives: cooperatives.into(),
            plan,
            conflicts: merge_kept(
                base.map_or(&[], |b| &b.conflicts),
                &ours.conflicts,
                &theirs.conflicts,
            ),
        },
        conflicts,
    }
}

/// The conflicts an earlier merge left in the file, merged as a set by record and field: one
/// either side lists stays (ours if both do), unless the other side has settled it since (the
/// base listed it, this side lists it unchanged, the other no longer does).
fn merge_kept(base: &[Conflict], ours: &[Conflict], theirs: &[Conflict]) -> Vec<Conflict> {
    let places = |list: &[Conflict]| -> HashSet<(RecordKey, Option<String>)> {
        list.iter().map(Conflict::place).collect()
    };
    let in_base: HashMap<(RecordKey, Option<String>), &Conflict> =
        base.iter().map(|c| (c.place(), c)).collect();
    let (in_ours, in_theirs) = (places(ours), places(theirs));
    let mut merged: Vec<Conflict> = Vec::new();
    let mut taken = HashSet::new();
    let sides = ours
        .iter()
        .map(|c| (c, &in_theirs))
        .chain(theirs.iter().map(|c| (c, &in_ours)));
    for (conflict, other) in sides {
        let place = conflict.place();
        // Settled on the other side: this side still lists it as the base did. One this side
        // made anew (another merge of the same field) is news, and stays.
        let settled_there = in_base.get(&place) == Some(&conflict) && !other.contains(&place);
        if !settled_there && taken.insert(place) {
            merged.push(conflict.clone());
        }
    }
    merged
}

fn merge_plan(
    base: Option<&Plan>,
    ours: &Plan,
    theirs: &Plan,
    settled: &Resolutions,
    conflicts: &mut Vec<Conflict>,
) -> Plan {
    let mut own = Fields::new(RecordKey::Plan, settled);
    let title = own.take("title", base.map(|b| &b.title), &ours.title, &theirs.title);
    let period = own.take(
        "period",
        base.map(|b| &b.period),
        &ours.period,
        &theirs.period,
    );
    let base_items = base.map_or(&[][..], |b| &b.items);
    conflicts.append(&mut own.conflicts);

    // The item order: a conflict when both sides rearranged the items they share differently.
    let ids = |items: &[PlanItem]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    let (base_ids, ours_ids, theirs_ids) = (ids(base_items), ids(&ours.items), ids(&theirs.items));
    let shared: HashSet<&String> = base_ids
        .iter()
        .filter(|id| ours_ids.contains(id) && theirs_ids.contains(id))
        .collect();
    let only_shared = |ids: &[String]| {
        ids.iter()
            .filter(|id| shared.contains(id))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (base_order, ours_order, theirs_order) = (
        only_shared(&base_ids),
        only_shared(&ours_ids),
        only_shared(&theirs_ids),
    );
    let ours_leads = if ours_order == base_order || ours_order == theirs_order {
        false
    } else if theirs_order == base_order {
        true
    } else {
        let conflict = Conflict {
            record: RecordKey::ItemOrder,
            field: None,
            base: Some(order_text(&base_order)),
            ours: Some(order_text(&ours_order)),
            theirs: Some(order_text(&theirs_order)),
            labels: None,
        };
        match settled.pick(&conflict) {
            Some(Pick::Theirs) => false,
            Some(Pick::Ours) => true,
            Some(Pick::Base | Pick::Text(_)) | None => {
                conflicts.push(conflict);
                true
            }
        }
    };

    let mut merged_items = merge_records(
        Sides::of(base_items, &ours.items, &theirs.items),
        |i| i.id.as_str(),
        |id| RecordKey::Item(id.to_owned()),
        merge_item,
        settled,
        conflicts,
    );
    // Progress entries, per item, as records of their own.
    let find = |items: &'_ [PlanItem], id: &str| -> Option<Vec<Progress>> {
        items
            .iter()
            .find(|i| i.id == id)
            .map(|i| i.progress.clone())
    };
    for item in &mut merged_items {
        let none = Vec::new();
        let base_progress = find(base_items, &item.id).unwrap_or_default();
        let ours_progress = find(&ours.items, &item.id);
        let theirs_progress = find(&theirs.items, &item.id);
        item.progress = match (ours_progress, theirs_progress) {
            (Some(o), Some(t)) => merge_records(
                Sides::of(&base_progress, &o, &t),
                |p| p.province.as_str(),
                |province| RecordKey::Progress {
                    item: item.id.clone(),
                    province: province.to_owned(),
                },
                merge_progress,
                settled,
                conflicts,
            ),
            // Kept from one side only (the other deleted the item): its entries as they are.
            (Some(o), None) => o,
            (None, Some(t)) => t,
            (None, None) => none,
        };
    }
    let ours_strs: Vec<&str> = ours_ids.iter().map(String::as_str).collect();
    let theirs_strs: Vec<&str> = theirs_ids.iter().map(String::as_str).collect();
    let (leader, follower) = if ours_leads {
        (&ours_strs, &theirs_strs)
    } else {
        (&theirs_strs, &ours_strs)
    };
    let order = if ours_order == theirs_order {
        // Neither side rearranged what they share: the base's items in their agreed places,
        // then each side's additions after their neighbours there (ours' first, so they are
        // placed last).
        let base_items = base_items_in_place(&base_ids, &ours_strs, &theirs_strs);
        merge_order(&merge_order(&base_items, &theirs_strs), &ours_strs)
    } else {
        merge_order(leader, follower)
    };
    let mut by_id: HashMap<String, PlanItem> = merged_items
        .into_iter()
        .map(|item| (item.id.clone(), item))
        .collect();
    let items = order.iter().filter_map(|&id| by_id.remove(id)).collect();
    Plan {
        title,
        period,
        items,
    }
}

/// The base's items either side still holds, in one order whichever side is ours, when both
/// sides agree on the order of the items they both hold: those in that order; between two of
/// them, each side's others (the other side deleted them, and a settlement may keep them) in
/// that side's order, the two sides' interleaved by their places in the base.
fn base_items_in_place<'a>(base: &[String], ours: &[&'a str], theirs: &[&'a str]) -> Vec<&'a str> {
    let in_base: HashMap<&str, usize> = base
        .iter()
        .enumerate()
        .map(|(at, id)| (id.as_str(), at))
        .collect();
    let shared: Vec<&'a str> = ours
        .iter()
        .copied()
        .filter(|id| in_base.contains_key(id) && theirs.contains(id))
        .collect();
    // One side's one-sided base items, in its order, per gap between shared items.
    let gaps = |side: &[&'a str]| {
        let mut gaps: Vec<Vec<(usize, &'a str)>> = vec![Vec::new(); shared.len() + 1];
        let mut gap = 0;
        for &id in side {
            if shared.contains(&id) {
                gap += 1;
            } else if let (Some(&at), Some(list)) = (in_base.get(id), gaps.get_mut(gap)) {
                list.push((at, id));
            }
        }
        gaps
    };
    let (ours_gaps, theirs_gaps) = (gaps(ours), gaps(theirs));
    let mut placed = Vec::with_capacity(base.len());
    for (gap, (o, t)) in ours_gaps.iter().zip(&theirs_gaps).enumerate() {
        let (mut o, mut t) = (o.iter().peekable(), t.iter().peekable());
        loop {
            let next = match (o.peek(), t.peek()) {
                (Some(a), Some(b)) if a.0 < b.0 => o.next(),
                (Some(_), Some(_)) => t.next(),
                (Some(_), None) => o.next(),
                (None, _) => t.next(),
            };
            match next {
                Some(&(_, id)) => placed.push(id),
                None => break,
            }
        }
        placed.extend(shared.get(gap));
    }
    placed
}

/// The items' order as a conflict holds it: their ids, `KH-01, KH-02`.
fn order_text(ids: &[String]) -> String {
    ids.join(ORDER_SEPARATOR)
}

/// The ids of an order [`order_text`] wrote.
pub(crate) fn order_ids(text: &str) -> impl Iterator<Item = &str> {
    text.split(ORDER_SEPARATOR).filter(|id| !id.is_empty())
}

const ORDER_SEPARATOR: &str = ", ";

/// The three versions of one list of records.
struct Sides<'a, R> {
    base: &'a [R],
    ours: &'a [R],
    theirs: &'a [R],
}

impl<'a, R> Sides<'a, R> {
    fn of(base: &'a [R], ours: &'a [R], theirs: &'a [R]) -> Self {
        Self { base, ours, theirs }
    }
}

/// Merges one list of records matched by `key`. The result is in theirs' order, with records
/// only ours has placed after the record they follow in ours.
fn merge_records<'a, R: Clone + PartialEq + serde::Serialize>(
    sides: Sides<'a, R>,
    key: impl Fn(&'a R) -> &'a str,
    record_key: impl Fn(&str) -> RecordKey,
    merge_record: impl Fn(&mut Fields<'_>, Option<&R>, &R, &R) -> R,
    settled: &Resolutions,
    conflicts: &mut Vec<Conflict>,
) -> Vec<R> {
    let index = |records: &'a [R]| -> HashMap<&'a str, usize> {
        records
            .iter()
            .enumerate()
            .map(|(at, r)| (key(r), at))
            .collect()
    };
    let (base_at, ours_at, theirs_at) = (index(sides.base), index(sides.ours), index(sides.theirs));
    let keys = |records: &'a [R]| records.iter().map(&key).collect::<Vec<&str>>();
    let order = merge_order(&keys(sides.theirs), &keys(sides.ours));
    let show = |record: &R| ron::ser::to_string(record).unwrap_or_default();
    let mut merged = Vec::with_capacity(order.len());
    for &id in &order {
        let base = base_at.get(id).map(|&at| &sides.base[at]);
        let ours = ours_at.get(id).map(|&at| &sides.ours[at]);
        let theirs = theirs_at.get(id).map(|&at| &sides.theirs[at]);
        let whole = |base: Option<&R>, ours: Option<&R>, theirs: Option<&R>| Conflict {
            record: record_key(id),
            field: None,
            base: base.map(show),
            ours: ours.map(show),
            theirs: theirs.map(show),
            labels: None,
        };
        let kept = match (base, ours, theirs) {
            (_, Some(o), Some(t)) if o == t => Some(o.clone()),
            (Some(b), Some(o), Some(t)) if o == b => Some(t.clone()),
            (Some(b), Some(o), Some(t)) if t == b => Some(o.clone()),
            (base, Some(o), Some(t)) => {
                let mut fields = Fields::new(record_key(id), settled);
                let record = merge_record(&mut fields, base, o, t);
                conflicts.append(&mut fields.conflicts);
                Some(record)
            }
            // Deleted on one side: gone if the other left it alone, else a conflict.
            (Some(b), None, Some(t)) if t == b => None,
            (Some(b), Some(o), None) if o == b => None,
            (Some(b), o, t) if o.is_some() != t.is_some() => {
                let conflict = whole(Some(b), o, t);
                match settled.pick(&conflict) {
                    Some(Pick::Ours) => o.cloned(),
                    Some(Pick::Theirs) => t.cloned(),
                    Some(Pick::Base) => Some(b.clone()),
                    Some(Pick::Text(_)) | None => {
                        conflicts.push(conflict);
                        o.or(t).cloned()
                    }
                }
            }
            // Added on one side only, or deleted on both.
            (_, o, t) => o.or(t).cloned(),
        };
        merged.extend(kept);
    }
    merged
}

/// One order for the union of two lists of ids: `leader`'s order, with each id only
/// `follower` has placed right after the id it follows there (or first, if it leads there).
fn merge_order<'a>(leader: &[&'a str], follower: &[&'a str]) -> Vec<&'a str> {
    let placed: HashSet<&str> = leader.iter().copied().collect();
    // Ids only the follower has, grouped under the id they come after (`None`: the start).
    let mut after: HashMap<Option<&str>, Vec<&str>> = HashMap::new();
    let mut previous: Option<&str> = None;
    for &id in follower {
        if !placed.contains(id) {
            after.entry(previous).or_default().push(id);
        }
        previous = Some(id);
    }
    let mut order = Vec::with_capacity(leader.len() + follower.len());
    emit_after(None, &mut after, &mut order);
    for &id in leader {
        order.push(id);
        emit_after(Some(id), &mut after, &mut order);
    }
    order
}

/// Appends the ids placed after `start`, each followed (depth first) by those placed after it.
fn emit_after<'a>(
    start: Option<&'a str>,
    after: &mut HashMap<Option<&'a str>, Vec<&'a str>>,
    order: &mut Vec<&'a str>,
) {
    let mut stack: Vec<&str> = after.remove(&start).unwrap_or_default();
    stack.reverse();
    while let Some(id) = stack.pop() {
        order.push(id);
        if let Some(next) = after.remove(&Some(id)) {
            stack.extend(next.into_iter().rev());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::builtin;

    fn none() -> Resolutions {
        Resolutions::default()
    }

    #[test]
    fn the_lost_update_of_two_sessions_is_a_conflict() {
        // A: done → not started, saved. B, from the same file: done → not started → in
        // progress. Re-applying B's last step alone would silently drop A's change.
        let base = builtin().unwrap();
        let entry = |d: &Dataset| {
            d.plan.items[3]
                .progress
                .iter()
                .position(|p| p.province == "36")
        };
        let at = entry(&base).unwrap();
        let mut done = base.clone();
        done.plan.items[3].progress[at].status = ProgressStatus::Done;
        let mut theirs = done.clone();
        theirs.plan.items[3].progress[at].status = ProgressStatus::NotStarted;
        let mut ours = done.clone();
        ours.plan.items[3].progress[at].status = ProgressStatus::InProgress;
        let merged = merge(&done, &ours, &theirs, &none());
        assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
        let conflict = &merged.conflicts[0];
        assert_eq!(
            conflict.record,
            RecordKey::Progress {
                item: base.plan.items[3].id.clone(),
                province: "36".into()
            }
        );
        assert_eq!(conflict.field.as_deref(), Some("status"));
        assert_eq!(conflict.base.as_deref(), Some("done"));
        assert_eq!(conflict.theirs.as_deref(), Some("not started"));
        assert_eq!(conflict.ours.as_deref(), Some("in progress"));
        assert_eq!(
            <ProgressStatus as FieldValue>::parse("in progress"),
            Ok(ProgressStatus::InProgress)
        );

        // Settled as theirs: their value, and no conflict left.
        let mut settled = Resolutions::default();
        settled.add(Resolution {
            conflict: conflict.clone(),
            pick: Pick::Theirs,
        });
        ours.plan.items[3].progress[at].changed_by = Some("bob".into());
        theirs.plan.items[3].progress[at].changed_by = Some("alice".into());
        let merged = merge(&done, &ours, &theirs, &settled);
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        assert_eq!(merged.dataset, theirs, "their value, and their name on it");
    }

    #[test]
    fn a_settled_conflict_is_asked_again_when_a_side_changed_since() {
        let base = builtin().unwrap();
        let mut ours = base.clone();
        Arc::make_mut(&mut ours.cooperatives[0]).name = "Mine".into();
        let mut theirs = base.clone();
        Arc::make_mut(&mut theirs.cooperatives[0]).name = "Theirs".into();
        let merged = merge(&base, &ours, &theirs, &none());
        let mut settled = Resolutions::default();
        settled.add(Resolution {
            conflict: merged.conflicts[0].clone(),
            pick: Pick::Text("Đã thống nhất".into()),
        });
        let result = merge(&base, &ours, &theirs, &settled);
        assert!(result.conflicts.is_empty());
        assert_eq!(result.dataset.cooperatives[0].name, "Đã thống nhất");
        Arc::make_mut(&mut theirs.cooperatives[0]).name = "Theirs again".into();
        assert_eq!(merge(&base, &ours, &theirs, &settled).conflicts.len(), 1);
    }

    #[test]
    fn text_differing_only_by_normalisation_is_the_same() {
        let base = builtin().unwrap();
        let mut ours = base.clone();
        Arc::make_mut(&mut ours.cooperatives[0]).notes = "Hòa".nfc().collect();
        let mut theirs = base.clone();
        Arc::make_mut(&mut theirs.cooperatives[0]).notes = "Hòa".nfd().collect();
        assert!(merge(&base, &ours, &theirs, &none()).conflicts.is_empty());
    }

    #[test]
    fn whole_records_deleted_and_changed_or_added_twice_conflict() {
        let base = builtin().unwrap();
        let mut ours = base.clone();
        let gone = ours.cooperatives.remove(2);
        let mut theirs = base.clone();
        Arc::make_mut(&mut theirs.cooperatives[2]).members += 1;
        let merged = merge(&base, &ours, &theirs, &none());
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(
            merged.conflicts[0].record,
            RecordKey::Cooperative(gone.id.clone())
        );
        assert_eq!(merged.conflicts[0].field, None);
        assert!(merged.conflicts[0].ours.is_none());
        // Kept until settled: nothing is lost.
        assert!(merged.dataset.cooperatives.iter().any(|c| c.id == gone.id));

        // Deleted on one side, untouched on the other: gone.
        let merged = merge(&base, &ours, &base, &none());
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.dataset, ours);

        // The same new id with different content: field by field, with no base.
        let mut new = (*base.cooperatives[0]).clone();
        new.id = "HTX-NEW".into();
        let mut ours = base.clone();
        ours.cooperatives.push(Arc::new(new.clone()));
        let mut theirs = base.clone();
        new.members += 7;
        theirs.cooperatives.push(Arc::new(new));
        let merged = merge(&base, &ours, &theirs, &none());
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].field.as_deref(), Some("members"));
        assert_eq!(merged.conflicts[0].base, None);
    }

    #[test]
    fn item_order_changed_on_both_sides_conflicts_and_on_one_side_is_taken() {
        let base = builtin().unwrap();
        let mut ours = base.clone();
        ours.plan.items.swap(0, 1);
        let mut theirs = base.clone();
        theirs.plan.items.swap(2, 3);
        let merged = merge(&base, &ours, &theirs, &none());
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(merged.conflicts[0].record, RecordKey::ItemOrder);
        let merged = merge(&base, &ours, &base, &none());
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.dataset, ours);
        // Theirs moved items, ours added one after KH-02: both.
        let mut ours = base.clone();
        let mut added = base.plan.items[1].clone();
        added.id = "KH-NEW".into();
        ours.plan.items.insert(2, added);
        let merged = merge(&base, &ours, &theirs, &none());
        assert!(merged.conflicts.is_empty());
        let ids: Vec<&str> = merged
            .dataset
            .plan
            .items
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(&ids[..5], ["KH-01", "KH-02", "KH-NEW", "KH-04", "KH-03"]);
    }

    #[test]
    fn items_placed_by_one_side_only_land_alike_whichever_side_is_ours() {
        // A adds KH-NEW first and changes KH-01; B deletes KH-01 and adds the same KH-NEW
        // after KH-02. Kept by a settlement, KH-01 must come back at the same place in
        // merge(A, B) and merge(B, A): before KH-02, as A has it. (KH-NEW comes ours' first.)
        let base = builtin().unwrap();
        let mut added = base.plan.items[1].clone();
        added.id = "KH-NEW".into();
        let mut a = base.clone();
        a.plan.items.insert(0, added.clone());
        a.plan.items[1].progress[0].note = "đã xong".into();
        let mut b = base.clone();
        b.plan.items.remove(0);
        b.plan.items.insert(1, added);
        // The base's items, in the merged order.
        let ids = |d: &Dataset| -> Vec<String> {
            d.plan
                .items
                .iter()
                .map(|i| i.id.clone())
                .filter(|id| base.plan.items.iter().any(|b| &b.id == id))
                .collect()
        };
        // Each conflict settled by keeping the record, whichever side still holds it.
        let kept = |merged: &Merged| {
            let mut settled = Resolutions::default();
            for conflict in &merged.conflicts {
                let pick = if conflict.ours.is_some() {
                    Pick::Ours
                } else {
                    Pick::Theirs
                };
                settled.add(Resolution {
                    conflict: conflict.clone(),
                    pick,
                });
            }
            settled
        };
        let ab = merge(&base, &a, &b, &none());
        let ba = merge(&base, &b, &a, &none());
        assert_eq!(ids(&ab.dataset), ids(&ba.dataset));
        let ab = merge(&base, &a, &b, &kept(&ab));
        let ba = merge(&base, &b, &a, &kept(&ba));
        assert!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
        assert_eq!(ids(&ab.dataset), ids(&base));
        assert_eq!(ids(&ab.dataset), ids(&ba.dataset));

        // Neighbours each deleted on one side and changed on the other: both kept, in the
        // base's order either way round.
        let mut a = base.clone();
        a.plan.items.remove(2);
        a.plan.items[1].progress[0].note = "đã xong".into();
        let mut b = base.clone();
        b.plan.items[2].progress[0].note = "chờ hướng dẫn".into();
        b.plan.items.remove(1);
        let ab = merge(&base, &a, &b, &none());
        let ba = merge(&base, &b, &a, &none());
        assert_eq!(ab.conflicts.len(), 2);
        let ab = merge(&base, &a, &b, &kept(&ab));
        let ba = merge(&base, &b, &a, &kept(&ba));
        assert!(ab.conflicts.is_empty() && ba.conflicts.is_empty());
        assert_eq!(ids(&ab.dataset), ids(&base));
        assert_eq!(ids(&ba.dataset), ids(&base));

        // An item added next to one the other side deleted stays next to it when both are
        // kept: A changes KH-02 and KH-05 and adds new items before KH-02 and after KH-05,
        // deleting KH-03; B deletes KH-02 and KH-05 and changes KH-03.
        let all =
            |d: &Dataset| -> Vec<String> { d.plan.items.iter().map(|i| i.id.clone()).collect() };
        let mut a = base.clone();
        a.plan.items[1].progress[0].note = "đã xong".into();
        a.plan.items[4].progress[0].note = "đã xong".into();
        let mut before = base.plan.items[0].clone();
        before.id = "KH-TRUOC".into();
        let mut after = before.clone();
        after.id = "KH-SAU".into();
        a.plan.items.insert(5, after);
        a.plan.items.insert(1, before);
        a.plan.items.retain(|i| i.id != "KH-03");
        let mut b = base.clone();
        b.plan.items[2].progress[0].note = "chờ hướng dẫn".into();
        b.plan.items.retain(|i| i.id != "KH-02" && i.id != "KH-05");
        for (ours, theirs) in [(&a, &b), (&b, &a)] {
            let merged = merge(&base, ours, theirs, &none());
            assert_eq!(merged.conflicts.len(), 3);
            let merged = merge(&base, ours, theirs, &kept(&merged));
            assert!(merged.conflicts.is_empty());
            let order = all(&merged.dataset);
            assert_eq!(
                &order[..8],
                [
                    "KH-01", "KH-TRUOC", "KH-02", "KH-03", "KH-04", "KH-05", "KH-SAU", "KH-06"
                ],
                "{order:?}"
            );
        }
    }

    #[test]
    fn different_fields_merge_and_who_follows_the_latest_change() {
        let base = builtin().unwrap();
        let at = 0;
        let mut ours = base.clone();
        let mut theirs = base.clone();
        {
            let o = &mut ours.plan.items[3].progress[at];
            o.status = ProgressStatus::InProgress;
            o.changed_by = Some("ours".into());
            o.changed_at = Timestamp::new(Date::new(2030, 1, 2).unwrap(), 0, 0, 0).ok();
        }
        {
            let t = &mut theirs.plan.items[3].progress[at];
            t.note = "their note".into();
            t.changed_by = Some("theirs".into());
            t.changed_at = Timestamp::new(Date::new(2030, 1, 1).unwrap(), 0, 0, 0).ok();
        }
        let merged = merge(&base, &ours, &theirs, &none());
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let entry = &merged.dataset.plan.items[3].progress[at];
        assert_eq!(entry.status, ProgressStatus::InProgress);
        assert_eq!(entry.note, "their note");
        assert_eq!(entry.changed_by.as_deref(), Some("ours"));
    }

    #[test]
    fn illustrative_lists_merge_name_by_name_without_conflict() {
        let mut base = builtin().unwrap();
        base.plan.items[0].illustrative = vec!["detail".into(), "due".into(), "owner".into()];
        // Ours typed a due date, theirs an owner: both values are people's now.
        let mut ours = base.clone();
        ours.plan.items[0].due = Date::new(2011, 10, 1).ok();
        ours.plan.items[0].illustrative = vec!["detail".into(), "owner".into()];
        let mut theirs = base.clone();
        theirs.plan.items[0].owner = Some("Văn phòng Liên minh".into());
        theirs.plan.items[0].illustrative = vec!["detail".into(), "due".into()];
        let merged = merge(&base, &ours, &theirs, &none());
        assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        let item = &merged.dataset.plan.items[0];
        assert_eq!(item.illustrative, ["detail"]);
        assert_eq!(item.due, Date::new(2011, 10, 1).ok());
        assert_eq!(item.owner.as_deref(), Some("Văn phòng Liên minh"));

        // A name one side adds is added.
        let mut theirs = base.clone();
        Arc::make_mut(&mut theirs.cooperatives[0]).illustrative = vec!["members".into()];
        let merged = merge(&base, &base, &theirs, &none());
        assert_eq!(merged.dataset.cooperatives[0].illustrative, ["members"]);

        // Added on both sides with no base: a name either side marks stays marked.
        let settled = none();
        let fields = Fields::new(RecordKey::Region, &settled);
        let both = fields.marks(None, &["due".into()], &["owner".into(), "due".into()]);
        assert_eq!(both, ["due", "owner"]);
    }

    #[test]
    fn conflicts_kept_in_the_file_merge_as_a_set() {
        let base = builtin().unwrap();
        let kept = |id: &str| Conflict {
            record: RecordKey::Cooperative(id.into()),
            field: Some("members".into()),
            base: Some("1".into()),
            ours: Some("2".into()),
            theirs: Some("3".into()),
            labels: None,
        };
        let mut both = base.clone();
        both.conflicts = vec![kept("A"), kept("B")];
        // Theirs settled A; ours still lists both: A goes, B stays.
        let mut theirs = both.clone();
        theirs.conflicts.remove(0);
        let merged = merge(&both, &both, &theirs, &none());
        assert_eq!(merged.dataset.conflicts, [kept("B")]);
        // A conflict new on one side is kept; listed on both, once.
        let mut ours = both.clone();
        ours.conflicts.push(kept("C"));
        let merged = merge(&base, &ours, &both, &none());
        assert_eq!(merged.dataset.conflicts, [kept("A"), kept("B"), kept("C")]);
        // Theirs settled A; ours merged A's field again, with new values: ours' A is news.
        let mut again = kept("A");
        again.theirs = Some("4".into());
        let mut ours = both.clone();
        ours.conflicts[0] = again.clone();
        let merged = merge(&both, &ours, &theirs, &none());
        assert_eq!(merged.dataset.conflicts, [again, kept("B")]);
    }

    #[test]
    fn two_versions_with_no_ancestor_conflict_wherever_they_differ() {
        let ours = builtin().unwrap();
        assert_eq!(merge_unrelated(&ours, &ours, &none()).dataset, ours);
        let mut theirs = ours.clone();
        theirs.region.unions += 1;
        Arc::make_mut(&mut theirs.cooperatives[1]).members += 1;
        let mut added = (*ours.cooperatives[0]).clone();
        added.id = "HTX-NEW".into();
        theirs.cooperatives.push(Arc::new(added));
        let merged = merge_unrelated(&ours, &theirs, &none());
        let places: Vec<_> = merged.conflicts.iter().map(Conflict::place).collect();
        assert_eq!(
            places,
            [
                (RecordKey::Region, Some("unions".into())),
                (
                    RecordKey::Cooperative(ours.cooperatives[1].id.clone()),
                    Some("members".into())
                ),
            ]
        );
        assert!(merged.conflicts.iter().all(|c| c.base.is_none()));
        assert!(
            merged
                .dataset
                .cooperatives
                .iter()
                .any(|c| c.id == "HTX-NEW")
        );
    }

    #[test]
    fn merge_order_places_the_followers_additions_after_their_neighbour() {
        assert_eq!(
            merge_order(&["a", "b", "c"], &["x", "a", "y", "z", "c", "w"]),
            ["x", "a", "y", "z", "b", "c", "w"]
        );
    }
}
