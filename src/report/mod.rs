//! `htx report`: the year-end progress report of the region, or of one province.
//!
//! The report is built once, by [`build`], into a [`Report`]: every figure and every text it
//! shows, in the order it shows them, with no format in it. Every share and count comes from
//! [`crate::model::figures`], the one place htx computes them, so the report can never
//! disagree with `htx list`, `htx show` or the screens. The three writers only lay it out:
//!
//! - `md.rs`: GitHub-flavoured Markdown, [`md::render`];
//! - `txt.rs`: plain text for a terminal or an e-mail, aligned by display width,
//!   [`txt::render`];
//! - `html.rs`: one self-contained HTML file with its style and SVG charts inline, made to
//!   print on A4 and to read on a phone, [`html::render`].
//!
//! Text from the data is untrusted (names are typed by people and imported from files): each
//! writer puts it on one line with [`crate::cli::output::one_line`] (control and bidi
//! characters as spaces) and escapes what its format would read as markup.
//!
//! Nothing here reads the clock: the day overdue items are counted against is
//! [`Options::today`], so a report of a given day is the same bytes whenever it is made.
//! The words are the language table [`crate::lang::report`] of [`Report::lang`].

pub mod html;
pub mod md;
pub mod txt;

/// How one writer lays out one section of the report.
type Section = fn(&Report, &mut String);

/// A writer's eight sections, written in the report's one order by [`Sections::write`].
struct Sections {
    header: Section,
    totals: Section,
    matrix: Section,
    not_done: Section,
    overdue: Section,
    ratings: Section,
    sectors: Section,
    new_members: Section,
}

impl Sections {
    /// Every section of `report`, in order, onto `out`.
    fn write(&self, report: &Report, out: &mut String) {
        for section in [
            self.header,
            self.totals,
            self.matrix,
            self.not_done,
            self.overdue,
            self.ratings,
            self.sectors,
            self.new_members,
        ] {
            section(report, out);
        }
    }
}

use crate::lang::Lang;
use crate::model::figures::{self, CooperativeFigures, Group, PlanProgress};
use crate::model::{Dataset, Date, Origin, Period, PlanItem, ProgressStatus, Province};

/// What to report on, and the day it is.
#[derive(Clone, Copy, Debug)]
pub struct Options<'a> {
    /// One province's report (its code) instead of the region's.
    pub province: Option<&'a str>,
    /// The day the report is made: an item past its due date on this day and not done is
    /// overdue.
    pub today: Date,
}

/// Why a report cannot be made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// `--province` names a code the dataset does not have; `known` lists those it has.
    #[error("{}", (crate::lang::report().unknown_province)(.code, &.known.join(", ")))]
    UnknownProvince { code: String, known: Vec<String> },
}

/// A province as the report names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvinceRef {
    /// Its position in the dataset.
    pub index: usize,
    pub code: String,
    pub name: String,
    pub kind: String,
}

impl ProvinceRef {
    fn of(index: usize, province: &Province) -> Self {
        Self {
            index,
            code: province.code.clone(),
            name: province.name.clone(),
            kind: province.kind.clone(),
        }
    }

    /// "Tỉnh Nam Định", "Thành phố Hải Phòng"; the name alone when the kind is empty.
    pub fn full_name(&self) -> String {
        if self.kind.trim().is_empty() {
            self.name.clone()
        } else {
            format!("{} {}", self.kind, self.name)
        }
    }
}

/// A plan item as the report names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemRef {
    pub id: String,
    pub title: String,
    pub due: Option<Date>,
}

impl ItemRef {
    fn of(item: &PlanItem) -> Self {
        Self {
            id: item.id.clone(),
            title: item.title.clone(),
            due: item.due,
        }
    }
}

/// The whole region, or one province: the rows of the ratings, sectors and new members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Region,
    Province(ProvinceRef),
}

/// The header: what the report is about and where its figures come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    pub plan_title: String,
    pub period: Period,
    pub region: String,
    pub as_of: Date,
    pub source: String,
    /// Cooperatives invented to illustrate the program, and how many there are.
    pub illustrative_cooperatives: (usize, usize),
    /// Progress entries invented to illustrate the program, and how many there are.
    pub illustrative_entries: (usize, usize),
}

/// Cooperatives and members counted in the data, for one place.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counted {
    pub cooperatives: u32,
    pub members: u64,
}

impl Counted {
    fn of(group: &Group) -> Self {
        Self {
            cooperatives: group.cooperatives,
            members: group.members,
        }
    }
}

/// The region's figures as the report states them, beside what the data holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Totals {
    pub cooperative_groups: u32,
    pub cooperatives: u32,
    pub unions: u32,
    pub region: Counted,
    /// The province of a province's report.
    pub province: Option<Counted>,
}

/// One item's row of the progress matrix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MatrixRow {
    pub item: ItemRef,
    /// One per column of [`Report::provinces`].
    pub statuses: Vec<ProgressStatus>,
    /// The item's share done over every province of the region ([`PlanProgress::items`]).
    pub percent: Option<u32>,
}

/// Items down, provinces across.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matrix {
    pub rows: Vec<MatrixRow>,
    /// Each column's share done ([`PlanProgress::by_province`]).
    pub columns: Vec<Option<u32>>,
    /// The whole plan's share done over the region ([`PlanProgress::total`]).
    pub total: Option<u32>,
}

/// A province's entry on an item it has not done.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub province: ProvinceRef,
    pub status: ProgressStatus,
    pub note: String,
}

/// An item and the provinces (of the report) that have not done it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotDone {
    pub item: ItemRef,
    pub entries: Vec<Entry>,
}

/// An overdue item and the provinces (of the report) late on it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Late {
    pub item: ItemRef,
    pub entries: Vec<Entry>,
}

/// A rating band the report states ("Khá giỏi" 35–40 %).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Band {
    pub grade: String,
    pub min: u8,
    pub max: Option<u8>,
}

/// One place's row of the ratings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingRow {
    pub place: Place,
    /// The share of the rated cooperatives per grade of [`Ratings::grades`].
    pub grades: Vec<Option<u32>>,
    pub rated: u32,
    pub unrated: u32,
    /// The share in each band of [`Ratings::bands`] ([`Group::band_percent`]).
    pub bands: Vec<Option<u32>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ratings {
    pub grades: Vec<String>,
    pub bands: Vec<Band>,
    pub rows: Vec<RatingRow>,
}

/// One place's column of the sectors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectorColumn {
    pub place: Place,
    /// Cooperatives per sector of [`Sectors::names`].
    pub counts: Vec<u32>,
    pub total: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sectors {
    pub names: Vec<String>,
    pub columns: Vec<SectorColumn>,
}

/// One place's new alliance members.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMemberRow {
    pub place: Place,
    /// What the report states ([`figures::stated_new_members`]).
    pub stated: Option<u32>,
    /// Cooperatives of the data that joined in the year of the figures ([`Group::joined`]).
    pub joined: u32,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMembers {
    pub year: u16,
    pub rows: Vec<NewMemberRow>,
}

/// Everything the report shows, in its order, ready for any format.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The language its words are written in.
    pub lang: Lang,
    pub today: Date,
    pub header: Header,
    /// The province of a province's report.
    pub province: Option<ProvinceRef>,
    /// The provinces the report covers, in the dataset's order: the columns of the matrix.
    pub provinces: Vec<ProvinceRef>,
    pub totals: Totals,
    pub matrix: Matrix,
    pub not_done: Vec<NotDone>,
    pub overdue: Vec<Late>,
    pub ratings: Ratings,
    pub sectors: Sectors,
    pub new_members: NewMembers,
}

/// Builds the report of `dataset` as `options` ask, in the current language.
pub fn build(dataset: &Dataset, options: Options<'_>) -> Result<Report, ReportError> {
    let province = match options.province {
        Some(code) => Some(
            dataset
                .provinces
                .iter()
                .position(|p| p.code == code)
                .map(|at| ProvinceRef::of(at, &dataset.provinces[at]))
                .ok_or_else(|| ReportError::UnknownProvince {
                    code: code.to_string(),
                    known: dataset.provinces.iter().map(|p| p.code.clone()).collect(),
                })?,
        ),
        None => None,
    };
    let provinces: Vec<ProvinceRef> = match &province {
        Some(one) => vec![one.clone()],
        None => dataset
            .provinces
            .iter()
            .enumerate()
            .map(|(at, p)| ProvinceRef::of(at, p))
            .collect(),
    };
    let progress = figures::plan_progress(dataset);
    let counts = figures::cooperative_figures(dataset);
    Ok(Report {
        lang: crate::lang::current(),
        today: options.today,
        header: header(dataset),
        totals: Totals {
            cooperative_groups: dataset.region.cooperative_groups,
            cooperatives: dataset.region.cooperatives,
            unions: dataset.region.unions,
            region: Counted::of(&counts.region),
            province: province
                .as_ref()
                .and_then(|p| counts.provinces.get(p.index))
                .map(Counted::of),
        },
        matrix: matrix(dataset, &progress, &provinces),
        not_done: not_done(dataset, &progress, &provinces),
        overdue: overdue(dataset, &progress, &provinces, options.today),
        ratings: ratings(dataset, &counts, &province),
        sectors: sectors(dataset, &counts, &province),
        new_members: new_members(dataset, &counts, &province),
        province,
        provinces,
    })
}

fn header(dataset: &Dataset) -> Header {
    let illustrative = |origin: Origin| origin == Origin::Illustrative;
    let entries = dataset.plan.items.iter().flat_map(|item| &item.progress);
    Header {
        plan_title: dataset.plan.title.clone(),
        period: dataset.plan.period,
        region: dataset.region.name.clone(),
        as_of: dataset.region.as_of,
        source: dataset.region.source.clone(),
        illustrative_cooperatives: (
            dataset
                .cooperatives
                .iter()
                .filter(|c| illustrative(c.origin))
                .count(),
            dataset.cooperatives.len(),
        ),
        illustrative_entries: (
            entries.clone().filter(|e| illustrative(e.origin)).count(),
            entries.count(),
        ),
    }
}

fn matrix(dataset: &Dataset, progress: &PlanProgress, provinces: &[ProvinceRef]) -> Matrix {
    Matrix {
        rows: dataset
            .plan
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| MatrixRow {
                item: ItemRef::of(item),
                statuses: provinces
                    .iter()
                    .map(|p| progress.status(i, p.index))
                    .collect(),
                percent: progress.items.get(i).and_then(|t| t.percent()),
            })
            .collect(),
        columns: provinces
            .iter()
            .map(|p| progress.by_province.get(p.index).and_then(|t| t.percent()))
            .collect(),
        total: progress.total.percent(),
    }
}

/// The entry of province `p` on item `i`, with its note.
fn entry(dataset: &Dataset, progress: &PlanProgress, i: usize, p: &ProvinceRef) -> Entry {
    let note = dataset
        .plan
        .items
        .get(i)
        .and_then(|item| item.progress_of(&p.code))
        .map(|e| e.note.clone())
        .unwrap_or_default();
    Entry {
        province: p.clone(),
        status: progress.status(i, p.index),
        note,
    }
}

fn not_done(dataset: &Dataset, progress: &PlanProgress, provinces: &[ProvinceRef]) -> Vec<NotDone> {
    dataset
        .plan
        .items
        .iter()
        .enumerate()
        .map(|(i, item)| NotDone {
            item: ItemRef::of(item),
            entries: provinces
                .iter()
                .filter(|p| {
                    matches!(
                        progress.status(i, p.index),
                        ProgressStatus::NotStarted | ProgressStatus::InProgress
                    )
                })
                .map(|p| entry(dataset, progress, i, p))
                .collect(),
        })
        .collect()
}

fn overdue(
    dataset: &Dataset,
    progress: &PlanProgress,
    provinces: &[ProvinceRef],
    today: Date,
) -> Vec<Late> {
    figures::overdue_items(dataset, progress, today)
        .into_iter()
        .filter_map(|late| {
            let item = dataset.plan.items.get(late.item)?;
            let entries: Vec<Entry> = provinces
                .iter()
                .filter(|p| late.provinces.contains(&p.index))
                .map(|p| entry(dataset, progress, late.item, p))
                .collect();
            (!entries.is_empty()).then(|| Late {
                item: ItemRef::of(item),
                entries,
            })
        })
        .collect()
}

/// The places of the per-place tables: the region then every province, or the province then
/// the region.
fn places<'a>(
    dataset: &Dataset,
    counts: &'a CooperativeFigures,
    province: &Option<ProvinceRef>,
) -> Vec<(Place, &'a Group)> {
    match province {
        Some(p) => counts
            .provinces
            .get(p.index)
            .map(|group| (Place::Province(p.clone()), group))
            .into_iter()
            .chain([(Place::Region, &counts.region)])
            .collect(),
        None => std::iter::once((Place::Region, &counts.region))
            .chain(
                dataset
                    .provinces
                    .iter()
                    .zip(&counts.provinces)
                    .enumerate()
                    .map(|(at, (p, group))| (Place::Province(ProvinceRef::of(at, p)), group)),
            )
            .collect(),
    }
}

fn ratings(
    dataset: &Dataset,
    counts: &CooperativeFigures,
    province: &Option<ProvinceRef>,
) -> Ratings {
    let bands: Vec<Band> = dataset
        .region
        .rating_shares
        .iter()
        .map(|share| Band {
            grade: share.grade.clone(),
            min: share.percent_min,
            max: share.percent_max,
        })
        .collect();
    let rows = places(dataset, counts, province)
        .into_iter()
        .map(|(place, group)| RatingRow {
            place,
            grades: (0..counts.grades.len())
                .map(|at| group.grade_percent(at))
                .collect(),
            rated: group.rated(),
            unrated: group.unrated,
            bands: bands
                .iter()
                .map(|band| group.band_percent(&counts.grades, &band.grade))
                .collect(),
        })
        .collect();
    Ratings {
        grades: counts.grades.clone(),
        bands,
        rows,
    }
}

fn sectors(
    dataset: &Dataset,
    counts: &CooperativeFigures,
    province: &Option<ProvinceRef>,
) -> Sectors {
    Sectors {
        names: dataset.sectors.iter().map(|s| s.name.clone()).collect(),
        columns: places(dataset, counts, province)
            .into_iter()
            .map(|(place, group)| SectorColumn {
                place,
                counts: group.sectors.clone(),
                total: group.cooperatives,
            })
            .collect(),
    }
}

fn new_members(
    dataset: &Dataset,
    counts: &CooperativeFigures,
    province: &Option<ProvinceRef>,
) -> NewMembers {
    let rows = places(dataset, counts, province)
        .into_iter()
        .map(|(place, group)| {
            let stated = match &place {
                Place::Province(p) => figures::stated_new_members(dataset, &p.code),
                // The report's figures for the region: the sum of what it states, when it
                // states any.
                Place::Region => {
                    let stated = &dataset.region.new_members;
                    (!stated.is_empty()).then(|| stated.iter().map(|n| n.cooperatives).sum())
                }
            };
            NewMemberRow {
                place,
                stated,
                joined: group.joined,
            }
        })
        .collect();
    NewMembers {
        year: dataset.region.as_of.year(),
        rows,
    }
}

/// The provinces' entries of a per-place list first, the region's (the total) last, as the
/// columns of the sectors and the rows of the new members are laid out.
fn provinces_then_region<T>(all: &[T], place: impl Fn(&T) -> &Place) -> Vec<&T> {
    let (region, provinces): (Vec<&T>, Vec<&T>) =
        all.iter().partition(|t| *place(t) == Place::Region);
    provinces.into_iter().chain(region).collect()
}

impl Sectors {
    /// The columns, the region's last.
    pub fn provinces_then_region(&self) -> Vec<&SectorColumn> {
        provinces_then_region(&self.columns, |c| &c.place)
    }
}

impl NewMembers {
    /// The rows, the region's (the total) last.
    pub fn provinces_then_region(&self) -> Vec<&NewMemberRow> {
        provinces_then_region(&self.rows, |r| &r.place)
    }
}

// ---------------------------------------------------------------------------------------------
// What every writer says the same way

impl Report {
    /// The words of the report's language.
    pub fn words(&self) -> &'static crate::lang::report::Report {
        self.lang.report()
    }

    /// The document's title: the plan's, or the province's report on it.
    pub fn title(&self) -> String {
        let words = self.words();
        let h = &self.header;
        let (start, end) = (self.lang.date(h.period.start), self.lang.date(h.period.end));
        match &self.province {
            Some(p) => (words.province_title)(&p.full_name(), &h.plan_title, &start, &end),
            None => (words.title)(&h.plan_title, &start, &end),
        }
    }

    /// The name of a place in the tables: the region's words, or the province's full name.
    pub fn place_name(&self, place: &Place) -> String {
        match place {
            Place::Region => self.words().whole_region.to_string(),
            Place::Province(p) => p.full_name(),
        }
    }

    /// A share as the report writes it: `54%`, or `–` when there is nothing to share.
    pub fn percent(&self, percent: Option<u32>) -> String {
        percent.map_or_else(|| "–".to_string(), |p| format!("{p}%"))
    }

    pub fn number(&self, n: impl Into<u64>) -> String {
        self.lang.number(n.into())
    }

    pub fn date(&self, date: Date) -> String {
        self.lang.date(date)
    }

    /// A status as the text reports write it: its glyph, then its word (`✓ done`).
    pub fn status(&self, status: ProgressStatus) -> String {
        format!("{} {}", glyph(status), self.status_word(status))
    }

    /// Provinces with their status, `Tỉnh Hà Nam (◐ in progress), …`, each name through
    /// `text` (the format's own escaping).
    pub fn entries_line(&self, entries: &[Entry], text: impl Fn(&str) -> String) -> String {
        entries
            .iter()
            .map(|e| {
                format!(
                    "{} ({})",
                    text(&e.province.full_name()),
                    self.status(e.status)
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The word for a status: the screens' own, so a status reads the same on the plan view
    /// and in the report.
    pub fn status_word(&self, status: ProgressStatus) -> &'static str {
        (self.lang.tui().status)(status)
    }

    /// The line on illustrative data, when the data has any.
    pub fn illustrative_note(&self) -> Option<String> {
        let (coops, all_coops) = self.header.illustrative_cooperatives;
        let (entries, all_entries) = self.header.illustrative_entries;
        (coops + entries > 0).then(|| {
            (self.words().illustrative)(
                &self.number(coops as u64),
                &self.number(all_coops as u64),
                &self.number(entries as u64),
                &self.number(all_entries as u64),
            )
        })
    }
}

/// The glyph of a status in the matrix, as the dashboard draws it in Unicode: `✓` done, `◐`
/// in progress, `·` not started, `–` n/a.
pub fn glyph(status: ProgressStatus) -> &'static str {
    crate::theme::UNICODE.status[status as usize]
}

/// The statuses in the legend's order.
pub const STATUSES: [ProgressStatus; 4] = ProgressStatus::BY_PROGRESS;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::builtin;
    use std::sync::Arc;

    fn today() -> Date {
        Date::new(2011, 12, 31).unwrap()
    }

    #[test]
    fn the_matrix_takes_its_shares_from_the_figures() {
        let dataset = builtin().unwrap();
        let report = build(
            &dataset,
            Options {
                province: None,
                today: today(),
            },
        )
        .unwrap();
        let progress = figures::plan_progress(&dataset);
        assert_eq!(report.provinces.len(), dataset.provinces.len());
        for (p, column) in report.matrix.columns.iter().enumerate() {
            assert_eq!(*column, progress.by_province[p].percent());
        }
        for (i, row) in report.matrix.rows.iter().enumerate() {
            assert_eq!(row.percent, progress.items[i].percent());
            for (p, status) in row.statuses.iter().enumerate() {
                assert_eq!(*status, progress.status(i, p));
            }
        }
        assert_eq!(report.matrix.total, progress.total.percent());
        assert!(
            !report.overdue.is_empty(),
            "the golden files show overdue items"
        );
    }

    #[test]
    fn a_province_report_has_its_column_and_the_region_beside_it() {
        let dataset = builtin().unwrap();
        let report = build(
            &dataset,
            Options {
                province: Some("36"),
                today: today(),
            },
        )
        .unwrap();
        let at = dataset
            .provinces
            .iter()
            .position(|p| p.code == "36")
            .unwrap();
        assert_eq!(report.provinces.len(), 1);
        assert_eq!(report.provinces[0].full_name(), "Tỉnh Nam Định");
        let progress = figures::plan_progress(&dataset);
        assert_eq!(report.matrix.columns, [progress.by_province[at].percent()]);
        assert_eq!(report.ratings.rows.len(), 2);
        assert_eq!(report.ratings.rows[1].place, Place::Region);
        assert_eq!(report.new_members.rows[0].stated, Some(62));
        for late in &report.overdue {
            assert!(late.entries.iter().all(|e| e.province.code == "36"));
        }
    }

    #[test]
    fn an_empty_or_odd_dataset_reports_in_every_format_without_panicking() {
        let full = builtin().unwrap();
        let mut empty = full.clone();
        empty.provinces.clear();
        empty.cooperatives.clear();
        empty.sectors.clear();
        empty.plan.items.clear();
        empty.region.rating_shares.clear();
        empty.region.new_members.clear();
        empty.region.source.clear();
        // Provinces without a cooperative or a plan item.
        let mut bare = full.clone();
        bare.cooperatives.clear();
        bare.plan.items.clear();
        let mut odd = full.clone();
        // Cooperatives of provinces and sectors the dataset does not have, a grade outside
        // the scale, an enormous province, items without a due date.
        Arc::make_mut(&mut odd.cooperatives[0]).province = "99".into();
        Arc::make_mut(&mut odd.cooperatives[1]).sector = "nowhere".into();
        Arc::make_mut(&mut odd.cooperatives[2]).ratings[0].grade = "Xuất sắc".into();
        Arc::make_mut(&mut odd.cooperatives[3]).members = u32::MAX;
        odd.provinces[0].kind.clear();
        odd.provinces[1].name = "x".repeat(5000);
        for item in &mut odd.plan.items {
            item.due = None;
        }
        for lang in Lang::ALL {
            crate::lang::pin(lang);
            for dataset in [&empty, &bare, &odd, &full] {
                for province in [None, dataset.provinces.first().map(|p| p.code.as_str())] {
                    let report = build(
                        dataset,
                        Options {
                            province,
                            today: today(),
                        },
                    )
                    .unwrap();
                    assert!(md::render(&report).starts_with("# "));
                    assert!(txt::render(&report).lines().count() > 5);
                    assert!(html::render(&report).ends_with("</html>\n"));
                }
            }
        }
    }

    #[test]
    fn an_unknown_province_names_the_code_and_the_known_ones() {
        let dataset = builtin().unwrap();
        crate::lang::pin(Lang::En);
        let err = build(
            &dataset,
            Options {
                province: Some("99"),
                today: today(),
            },
        )
        .unwrap_err();
        let message = err.to_string();
        assert!(message.contains("\"99\""), "{message}");
        assert!(message.contains("01, 22, 26"), "{message}");
    }
}
