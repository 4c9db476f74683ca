//! The data file writer: the dataset as RON text in exactly the bytes ron's pretty printer gives
//! with the store's layout (four-space indent, no struct names, strings unescaped or raw), but
//! written by hand into one pre-sized `String`, which is an order of magnitude faster on a large
//! file than going through serde.
//!
//! The layout, as `ron::ser::to_string_pretty` with
//! `PrettyConfig::new().indentor("    ").struct_names(false).escape_strings(false)` writes it:
//!
//! - a struct is `(`, a line break, one `key: value,` line per serialised field, one level deeper
//!   than the line the struct starts on, then `)` at that line's level;
//! - a list is `[`, a line break, one `value,` line per element, one level deeper, then `]`;
//!   an empty list is `[]`;
//! - `Some(x)` wraps `x` without a line break of its own (`Some((` … `))` for a struct), and a
//!   field with `skip_serializing_if` is left out entirely when the test holds;
//! - unit enum variants by name, integers in plain decimal, dates and timestamps as the strings
//!   their `Display` gives;
//! - a string is `"text"` as it is, unless it holds `"` or `\`: then it is the raw string
//!   `r#"text"#` with one `#` more than the longest run of `#` in the text.
//!
//! Field order and skipping follow the declarations and `#[serde]` attributes in
//! [`crate::model`]; a field added there must be added here too (the tests compare this writer
//! with ron's output on data that fills every field).

use std::fmt::Write as _;

use crate::model::merge::{Conflict, Labels, RecordKey};
use crate::model::{
    Cooperative, CooperativeStatus, Dataset, Date, NewMembers, Origin, Period, Plan, PlanItem,
    Progress, ProgressStatus, Province, Rating, RatingShare, Region, Sector, Successor, Timestamp,
};

/// One level of indentation.
const INDENT: &str = "    ";
/// Indentation for the levels the format uses (six), and some to spare.
const SPACES: &str = "                                                                ";

/// Writes `dataset` as the text of a data file, final line break included.
pub fn write_dataset(dataset: &Dataset) -> String {
    let mut writer = Writer {
        out: String::with_capacity(estimate(dataset)),
        sink: None,
        failed: None,
    };
    writer.dataset(dataset);
    writer.out.push('\n');
    writer.out
}

/// Where the text goes, a chunk at a time.
pub type Sink<'a> = dyn FnMut(&str) -> std::io::Result<()> + 'a;

/// How much text is gathered before it is handed to the sink.
const CHUNK: usize = 1 << 20;

/// Writes the same text as [`write_dataset`] to `sink` in pieces of about a megabyte, so a
/// large file is never held in memory whole (that costs more than writing it).
pub fn write_dataset_to(
    dataset: &Dataset,
    sink: &mut dyn FnMut(&str) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut writer = Writer {
        out: String::with_capacity(CHUNK * 2),
        sink: Some(sink),
        failed: None,
    };
    writer.dataset(dataset);
    writer.out.push('\n');
    writer.flush();
    match writer.failed {
        Some(err) => Err(err),
        None => Ok(()),
    }
}

struct Writer<'a> {
    out: String,
    sink: Option<&'a mut Sink<'a>>,
    failed: Option<std::io::Error>,
}

impl Writer<'_> {
    /// Hands the gathered text to the sink, if there is one; the first error is kept and
    /// nothing more is written after it.
    fn flush(&mut self) {
        if let Some(sink) = self.sink.as_mut() {
            if self.failed.is_none()
                && let Err(err) = sink(&self.out)
            {
                self.failed = Some(err);
            }
            self.out.clear();
        }
    }

    fn indent(&mut self, level: usize) {
        match SPACES.get(..level * INDENT.len()) {
            Some(spaces) => self.out.push_str(spaces),
            None => {
                for _ in 0..level {
                    self.out.push_str(INDENT);
                }
            }
        }
    }

    /// Starts the line of a struct field: indentation, name, colon and space.
    fn key(&mut self, level: usize, name: &str) {
        self.indent(level);
        self.out.push_str(name);
        self.out.push_str(": ");
    }

    /// Ends a field or list element.
    fn next(&mut self) {
        self.out.push_str(",\n");
    }

    fn open(&mut self) {
        self.out.push_str("(\n");
    }

    /// Closes a struct that started on a line of `level`.
    fn close(&mut self, level: usize) {
        self.indent(level);
        self.out.push(')');
    }

    /// A list that starts on a line of `level`, each element written by `element` at the level
    /// of its own line.
    fn list<T>(&mut self, level: usize, items: &[T], element: impl Fn(&mut Self, &T, usize)) {
        if items.is_empty() {
            self.out.push_str("[]");
            return;
        }
        self.out.push_str("[\n");
        for item in items {
            self.indent(level + 1);
            element(self, item, level + 1);
            self.next();
            if self.out.len() >= CHUNK {
                self.flush();
            }
        }
        self.indent(level);
        self.out.push(']');
    }

    fn string(&mut self, text: &str) {
        if memchr::memchr2(b'"', b'\\', text.as_bytes()).is_none() {
            self.out.push('"');
            self.out.push_str(text);
            self.out.push('"');
            return;
        }
        // `#` is ASCII, so counting bytes counts characters.
        let (_, longest) = text.bytes().fold((0_usize, 0_usize), |(run, longest), b| {
            if b == b'#' {
                (run + 1, longest.max(run + 1))
            } else {
                (0, longest)
            }
        });
        self.out.push('r');
        self.hashes(longest + 1);
        self.out.push('"');
        self.out.push_str(text);
        self.out.push('"');
        self.hashes(longest + 1);
    }

    fn hashes(&mut self, count: usize) {
        for _ in 0..count {
            self.out.push('#');
        }
    }

    /// `value` in decimal, at least `width` digits (zero-padded).
    fn number(&mut self, value: u32, width: usize) {
        let mut digits = [b'0'; 10];
        let mut start = digits.len();
        let mut rest = value;
        loop {
            start -= 1;
            digits[start] = b'0' + (rest % 10) as u8;
            rest /= 10;
            if rest == 0 {
                break;
            }
        }
        for _ in digits.len() - start..width {
            self.out.push('0');
        }
        for &digit in &digits[start..] {
            self.out.push(char::from(digit));
        }
    }

    fn uint(&mut self, value: impl Into<u32>) {
        self.number(value.into(), 1);
    }

    /// `"YYYY-MM-DD"`, as `Date`'s `Display` writes it.
    fn date(&mut self, date: Date) {
        self.out.push('"');
        self.number(date.year().into(), 4);
        self.out.push('-');
        self.number(date.month().into(), 2);
        self.out.push('-');
        self.number(date.day().into(), 2);
        self.out.push('"');
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"`. Its `Display` gives digits, `-`, `T`, `:` and `Z` only, never
    /// a character that would make ron write a raw string.
    fn timestamp(&mut self, timestamp: Timestamp) {
        self.out.push('"');
        // Writing to a `String` cannot fail.
        let _ = write!(self.out, "{timestamp}");
        self.out.push('"');
    }

    fn str_field(&mut self, level: usize, name: &str, text: &str) {
        self.key(level, name);
        self.string(text);
        self.next();
    }

    fn str_field_unless_empty(&mut self, level: usize, name: &str, text: &str) {
        if !text.is_empty() {
            self.str_field(level, name, text);
        }
    }

    fn opt_str_field(&mut self, level: usize, name: &str, text: Option<&str>) {
        if let Some(text) = text {
            self.key(level, name);
            self.out.push_str("Some(");
            self.string(text);
            self.out.push(')');
            self.next();
        }
    }

    fn uint_field(&mut self, level: usize, name: &str, value: impl Into<u32>) {
        self.key(level, name);
        self.uint(value);
        self.next();
    }

    fn opt_uint_field(&mut self, level: usize, name: &str, value: Option<impl Into<u32>>) {
        if let Some(value) = value {
            self.key(level, name);
            self.out.push_str("Some(");
            self.uint(value);
            self.out.push(')');
            self.next();
        }
    }

    fn variant_field(&mut self, level: usize, name: &str, variant: &str) {
        self.key(level, name);
        self.out.push_str(variant);
        self.next();
    }

    /// Every record ends with these two: its origin, and the fields it marks as invented
    /// (left out when there are none).
    fn origin_fields(&mut self, level: usize, origin: Origin, illustrative: &[String]) {
        self.variant_field(level, "origin", origin_name(origin));
        if !illustrative.is_empty() {
            self.key(level, "illustrative");
            self.list(level, illustrative, |w, name, _| w.string(name));
            self.next();
        }
    }

    fn dataset(&mut self, dataset: &Dataset) {
        let Dataset {
            schema_version,
            region,
            sectors,
            provinces,
            cooperatives,
            plan,
            conflicts,
        } = dataset;
        self.open();
        self.uint_field(1, "schema_version", *schema_version);
        self.key(1, "region");
        self.region(region, 1);
        self.next();
        self.key(1, "sectors");
        self.list(1, sectors, |w, sector, level| w.sector(sector, level));
        self.next();
        self.key(1, "provinces");
        self.list(1, provinces, |w, province, level| {
            w.province(province, level)
        });
        self.next();
        self.key(1, "cooperatives");
        self.list(1, cooperatives, |w, coop, level| w.cooperative(coop, level));
        self.next();
        self.key(1, "plan");
        self.plan(plan, 1);
        self.next();
        if !conflicts.is_empty() {
            self.key(1, "conflicts");
            self.list(1, conflicts, |w, conflict, level| {
                w.conflict(conflict, level)
            });
            self.next();
        }
        self.close(0);
    }

    fn conflict(&mut self, conflict: &Conflict, level: usize) {
        let Conflict {
            record,
            field,
            base,
            ours,
            theirs,
            labels,
        } = conflict;
        let inner = level + 1;
        self.open();
        self.key(inner, "record");
        self.record_key(record, inner);
        self.next();
        for (name, value) in [
            ("field", field),
            ("base", base),
            ("ours", ours),
            ("theirs", theirs),
        ] {
            self.key(inner, name);
            match value {
                Some(text) => {
                    self.out.push_str("Some(");
                    self.string(text);
                    self.out.push(')');
                }
                None => self.out.push_str("None"),
            }
            self.next();
        }
        if let Some(Labels { base, ours, theirs }) = labels {
            self.key(inner, "labels");
            self.out.push_str("Some(");
            self.open();
            self.str_field(inner + 1, "base", base);
            self.str_field(inner + 1, "ours", ours);
            self.str_field(inner + 1, "theirs", theirs);
            self.close(inner);
            self.out.push(')');
            self.next();
        }
        self.close(level);
    }

    /// A record's key as serde names its variant: `Cooperative("HTX-36-001")`,
    /// `Progress(item: "KH-03", province: "36")` over lines of their own.
    fn record_key(&mut self, key: &RecordKey, level: usize) {
        let (variant, id) = match key {
            RecordKey::File => ("File", None),
            RecordKey::Region => ("Region", None),
            RecordKey::Plan => ("Plan", None),
            RecordKey::ItemOrder => ("ItemOrder", None),
            RecordKey::Sector(id) => ("Sector", Some(id)),
            RecordKey::Province(code) => ("Province", Some(code)),
            RecordKey::Cooperative(id) => ("Cooperative", Some(id)),
            RecordKey::Item(id) => ("Item", Some(id)),
            RecordKey::Progress { item, province } => {
                self.out.push_str("Progress");
                self.open();
                self.str_field(level + 1, "item", item);
                self.str_field(level + 1, "province", province);
                self.close(level);
                return;
            }
        };
        self.out.push_str(variant);
        if let Some(id) = id {
            self.out.push('(');
            self.string(id);
            self.out.push(')');
        }
    }

    fn region(&mut self, region: &Region, level: usize) {
        let Region {
            name,
            as_of,
            source,
            cooperative_groups,
            cooperatives,
            unions,
            rating_shares,
            new_members,
            origin,
            illustrative,
        } = region;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "name", name);
        self.key(inner, "as_of");
        self.date(*as_of);
        self.next();
        self.str_field_unless_empty(inner, "source", source);
        self.uint_field(inner, "cooperative_groups", *cooperative_groups);
        self.uint_field(inner, "cooperatives", *cooperatives);
        self.uint_field(inner, "unions", *unions);
        self.key(inner, "rating_shares");
        self.list(inner, rating_shares, |w, share, level| {
            w.rating_share(share, level);
        });
        self.next();
        self.key(inner, "new_members");
        self.list(inner, new_members, |w, new, level| {
            w.new_members(new, level)
        });
        self.next();
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn rating_share(&mut self, share: &RatingShare, level: usize) {
        let RatingShare {
            grade,
            percent_min,
            percent_max,
            origin,
            illustrative,
        } = share;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "grade", grade);
        self.uint_field(inner, "percent_min", *percent_min);
        self.opt_uint_field(inner, "percent_max", *percent_max);
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn new_members(&mut self, new: &NewMembers, level: usize) {
        let NewMembers {
            province,
            cooperatives,
            origin,
            illustrative,
        } = new;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "province", province);
        self.uint_field(inner, "cooperatives", *cooperatives);
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn sector(&mut self, sector: &Sector, level: usize) {
        let Sector {
            id,
            name,
            origin,
            illustrative,
        } = sector;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "id", id);
        self.str_field(inner, "name", name);
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn province(&mut self, province: &Province, level: usize) {
        let Province {
            code,
            name,
            kind,
            successor,
            origin,
            illustrative,
        } = province;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "code", code);
        self.str_field(inner, "name", name);
        self.str_field(inner, "kind", kind);
        if let Some(successor) = successor {
            self.key(inner, "successor");
            self.out.push_str("Some(");
            self.successor(successor, inner);
            self.out.push(')');
            self.next();
        }
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn successor(&mut self, successor: &Successor, level: usize) {
        let Successor { code, name } = successor;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "code", code);
        self.str_field(inner, "name", name);
        self.close(level);
    }

    fn cooperative(&mut self, coop: &Cooperative, level: usize) {
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
            origin,
            illustrative,
        } = coop;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "id", id);
        self.str_field(inner, "name", name);
        self.str_field(inner, "province", province);
        self.opt_str_field(inner, "district", district.as_deref());
        self.str_field(inner, "sector", sector);
        self.opt_uint_field(inner, "founded", *founded);
        self.uint_field(inner, "members", *members);
        if !ratings.is_empty() {
            self.key(inner, "ratings");
            self.list(inner, ratings, |w, rating, level| w.rating(rating, level));
            self.next();
        }
        self.opt_uint_field(inner, "alliance_member_since", *alliance_member_since);
        self.variant_field(inner, "status", cooperative_status_name(*status));
        self.str_field_unless_empty(inner, "notes", notes);
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn rating(&mut self, rating: &Rating, level: usize) {
        let Rating {
            year,
            scheme,
            grade,
            score,
        } = rating;
        let inner = level + 1;
        self.open();
        self.uint_field(inner, "year", *year);
        self.str_field(inner, "scheme", scheme);
        self.str_field(inner, "grade", grade);
        self.opt_uint_field(inner, "score", *score);
        self.close(level);
    }

    fn plan(&mut self, plan: &Plan, level: usize) {
        let Plan {
            title,
            period,
            items,
        } = plan;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "title", title);
        self.key(inner, "period");
        self.period(*period, inner);
        self.next();
        self.key(inner, "items");
        self.list(inner, items, |w, item, level| w.plan_item(item, level));
        self.next();
        self.close(level);
    }

    fn period(&mut self, period: Period, level: usize) {
        let Period { start, end } = period;
        let inner = level + 1;
        self.open();
        self.key(inner, "start");
        self.date(start);
        self.next();
        self.key(inner, "end");
        self.date(end);
        self.next();
        self.close(level);
    }

    fn plan_item(&mut self, item: &PlanItem, level: usize) {
        let PlanItem {
            id,
            title,
            detail,
            due,
            owner,
            progress,
            origin,
            illustrative,
        } = item;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "id", id);
        self.str_field(inner, "title", title);
        self.str_field_unless_empty(inner, "detail", detail);
        if let Some(due) = due {
            self.key(inner, "due");
            self.out.push_str("Some(");
            self.date(*due);
            self.out.push(')');
            self.next();
        }
        self.opt_str_field(inner, "owner", owner.as_deref());
        self.key(inner, "progress");
        self.list(inner, progress, |w, entry, level| w.progress(entry, level));
        self.next();
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }

    fn progress(&mut self, entry: &Progress, level: usize) {
        let Progress {
            province,
            status,
            note,
            changed_by,
            changed_at,
            origin,
            illustrative,
        } = entry;
        let inner = level + 1;
        self.open();
        self.str_field(inner, "province", province);
        self.variant_field(inner, "status", progress_status_name(*status));
        self.str_field_unless_empty(inner, "note", note);
        self.opt_str_field(inner, "changed_by", changed_by.as_deref());
        if let Some(changed_at) = changed_at {
            self.key(inner, "changed_at");
            self.out.push_str("Some(");
            self.timestamp(*changed_at);
            self.out.push(')');
            self.next();
        }
        self.origin_fields(inner, *origin, illustrative);
        self.close(level);
    }
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::Seed => "Seed",
        Origin::Illustrative => "Illustrative",
        Origin::Entered => "Entered",
    }
}

fn cooperative_status_name(status: CooperativeStatus) -> &'static str {
    match status {
        CooperativeStatus::Operating => "Operating",
        CooperativeStatus::Suspended => "Suspended",
        CooperativeStatus::Dissolved => "Dissolved",
    }
}

fn progress_status_name(status: ProgressStatus) -> &'static str {
    match status {
        ProgressStatus::NotStarted => "NotStarted",
        ProgressStatus::InProgress => "InProgress",
        ProgressStatus::Done => "Done",
        ProgressStatus::NotApplicable => "NotApplicable",
    }
}

/// Bytes a string takes beyond its text when written plain (its quotes); raw strings take a few
/// more, which the margin below absorbs or the `String` grows for.
const QUOTES: usize = 2;

/// An upper bound of the bytes of the text around the strings of a struct that is an element of
/// a list on a line of `level`: its brackets, line breaks and list separator, and for each field
/// (every one present) its indentation, name, `: `, `,\n` and `Some()`; `values` adds the widest
/// numbers, variant names, quotes and nested text of the fields.
const fn fixed(level: usize, names: &[&str], values: usize) -> usize {
    let mut total = 2 * (level * INDENT.len() + 3) + values;
    let mut i = 0;
    while i < names.len() {
        total += (level + 1) * INDENT.len() + names[i].len() + 4 + "Some()".len();
        i += 1;
    }
    total
}

/// Widest value of each kind: a `u32`, a variant name, a list's brackets, a date and a timestamp
/// in quotes.
const NUMBER: usize = 10;
const VARIANT: usize = "NotApplicable".len();
const LIST: usize = "[\n]".len() + 6 * INDENT.len();
const DATE: usize = 12;
const TIMESTAMP: usize = 22;

const RATING_SHARE: usize = fixed(
    3,
    &[
        "grade",
        "percent_min",
        "percent_max",
        "origin",
        "illustrative",
    ],
    QUOTES + 2 * NUMBER + VARIANT + LIST,
);
const NEW_MEMBERS: usize = fixed(
    3,
    &["province", "cooperatives", "origin", "illustrative"],
    QUOTES + NUMBER + VARIANT + LIST,
);
const SECTOR: usize = fixed(
    2,
    &["id", "name", "origin", "illustrative"],
    2 * QUOTES + VARIANT + LIST,
);
const PROVINCE: usize = fixed(
    2,
    &[
        "code",
        "name",
        "kind",
        "successor",
        "origin",
        "illustrative",
    ],
    3 * QUOTES + fixed(3, &["code", "name"], 2 * QUOTES) + VARIANT + LIST,
);
const COOPERATIVE: usize = fixed(
    2,
    &[
        "id",
        "name",
        "province",
        "district",
        "sector",
        "founded",
        "members",
        "ratings",
        "alliance_member_since",
        "status",
        "notes",
        "origin",
        "illustrative",
    ],
    6 * QUOTES + 3 * NUMBER + 2 * LIST + 2 * VARIANT,
);
/// A generous length of a rating's scheme and grade together (`"2011"`, `"Trung bình"`).
const RATING_STRINGS: usize = 32;
const RATING: usize = fixed(
    4,
    &["year", "scheme", "grade", "score"],
    2 * QUOTES + 2 * NUMBER,
);
const PLAN_ITEM: usize = fixed(
    3,
    &[
        "id",
        "title",
        "detail",
        "due",
        "owner",
        "progress",
        "origin",
        "illustrative",
    ],
    4 * QUOTES + DATE + 2 * LIST + VARIANT,
);
const PROGRESS: usize = fixed(
    5,
    &[
        "province",
        "status",
        "note",
        "changed_by",
        "changed_at",
        "origin",
        "illustrative",
    ],
    3 * QUOTES + TIMESTAMP + 2 * VARIANT + LIST,
);
/// The text of the field names in an `illustrative` list, each a line of its own at most this
/// deep (the progress entries' lists are the deepest).
fn marks(illustrative: &[String]) -> usize {
    const LINE: usize = 7 * INDENT.len() + QUOTES + ",\n".len();
    illustrative.iter().map(|name| LINE + name.len()).sum()
}

/// The dataset, region, plan and period without their lists' elements.
const FRAME: usize = 4096;
/// Share added for raw strings and anything the bounds above miss.
const MARGIN_DIVISOR: usize = 64;

/// The capacity to reserve for the text of `dataset`: the lengths of its strings plus an upper
/// bound of everything around them, so the `String` is allocated once. Reserving more than is
/// written costs nothing (pages never touched are never mapped); if a file of unusually long
/// ratings or many raw strings needs more, the `String` grows.
fn estimate(dataset: &Dataset) -> usize {
    let Dataset { region, plan, .. } = dataset;
    let mut total = FRAME
        + region.name.len()
        + region.source.len()
        + marks(&region.illustrative)
        + plan.title.len();
    for share in &region.rating_shares {
        total += RATING_SHARE + share.grade.len() + marks(&share.illustrative);
    }
    for new in &region.new_members {
        total += NEW_MEMBERS + new.province.len() + marks(&new.illustrative);
    }
    for sector in &dataset.sectors {
        total += SECTOR + sector.id.len() + sector.name.len() + marks(&sector.illustrative);
    }
    for province in &dataset.provinces {
        total += PROVINCE
            + province.code.len()
            + province.name.len()
            + province.kind.len()
            + marks(&province.illustrative);
        if let Some(successor) = &province.successor {
            total += successor.code.len() + successor.name.len();
        }
    }
    for coop in &dataset.cooperatives {
        total += COOPERATIVE
            + coop.id.len()
            + coop.name.len()
            + coop.province.len()
            + coop.district.as_ref().map_or(0, String::len)
            + coop.sector.len()
            + coop.notes.len()
            + marks(&coop.illustrative);
        // Not the ratings' own strings: reading their lengths would visit every list of ratings,
        // which took 5 ms on 100,000 cooperatives, a sixth of the writing.
        total += coop.ratings.len() * (RATING + RATING_STRINGS);
    }
    for item in &plan.items {
        total += PLAN_ITEM
            + item.id.len()
            + item.title.len()
            + item.detail.len()
            + item.owner.as_ref().map_or(0, String::len)
            + marks(&item.illustrative);
        for entry in &item.progress {
            total += PROGRESS
                + entry.province.len()
                + entry.note.len()
                + entry.changed_by.as_ref().map_or(0, String::len)
                + marks(&entry.illustrative);
        }
    }
    total + total / MARGIN_DIVISOR
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use std::sync::Arc;

    use super::*;

    /// The writer this module replaces: ron's pretty printer with the store's layout.
    fn to_ron_string_with_ron(dataset: &Dataset) -> Result<String, ron::Error> {
        let config = ron::ser::PrettyConfig::new()
            .indentor("    ")
            .struct_names(false)
            .escape_strings(false);
        let mut text = ron::ser::to_string_pretty(dataset, config)?;
        text.push('\n');
        Ok(text)
    }

    /// Both writers give the same bytes, the text reads back as the same data, and the
    /// capacity estimate held.
    fn assert_same(dataset: &Dataset) {
        let ours = write_dataset(dataset);
        let theirs = to_ron_string_with_ron(dataset).unwrap();
        if ours != theirs {
            let at = ours
                .bytes()
                .zip(theirs.bytes())
                .position(|(a, b)| a != b)
                .unwrap_or(ours.len().min(theirs.len()));
            let from = at.saturating_sub(200);
            panic!(
                "writers differ at byte {at}\n--- ours:\n{}\n--- ron:\n{}",
                String::from_utf8_lossy(&ours.as_bytes()[from..(at + 200).min(ours.len())]),
                String::from_utf8_lossy(&theirs.as_bytes()[from..(at + 200).min(theirs.len())]),
            );
        }
        let back: Dataset = ron::from_str(&ours).unwrap();
        assert_eq!(
            &back, dataset,
            "the text does not read back as the same data"
        );
    }

    fn parse(text: &str) -> Dataset {
        ron::from_str(text).unwrap()
    }

    #[test]
    fn builtin_dataset_is_written_as_ron_writes_it() {
        let dataset = crate::store::builtin().unwrap();
        assert_same(&dataset);
        assert!(estimate(&dataset) >= write_dataset(&dataset).len());
    }

    #[test]
    fn minimal_and_example_files_are_written_as_ron_writes_them() {
        for text in [
            include_str!("../../tests/data/minimal.ron"),
            include_str!("../../examples/dataset.ron"),
        ] {
            let dataset = parse(text);
            assert_same(&dataset);
            assert!(estimate(&dataset) >= write_dataset(&dataset).len());
        }
    }

    const HOSTILE: &[&str] = &[
        "",
        "plain ASCII",
        "Tiếng Việt có dấu: Hợp tác xã Đồng Tiến",
        "quote \" inside",
        "backslash \\ inside",
        "\\",
        "\"",
        "\"\"",
        "ends with a backslash \\",
        "raw end \"# inside",
        "raw end \"## and \"### and r#\"",
        "# hashes ## alone ### without quotes",
        "###\"###",
        "#\"#\\#",
        "line\nbreak",
        "\n",
        "carriage\rreturn and\r\nCRLF",
        "tab\there",
        "escape \u{1b}[2J and bell \u{7}",
        "nul \u{0} inside",
        "\u{0}",
        "delete \u{7f} and C1 \u{85} \u{9b}",
        "emoji 👩‍🌾 🇻🇳 and combining x\u{301} e\u{302}\u{301}",
        "zero width \u{200b} joiner \u{200d} BOM \u{feff}",
        "/* not a comment */ // nor this",
        "), ] } : , ( [ { Some(None)",
        "r\"not raw\"",
        "   spaces around   ",
        "'single' `back` $dollar {brace}",
        "\u{10ffff} last scalar",
    ];

    /// Picks the strings of the hostile dataset in turn, starting at a chosen offset so that
    /// every field gets every string over the runs.
    struct Strings {
        next: usize,
    }

    impl Strings {
        fn take(&mut self) -> String {
            let text = HOSTILE[self.next % HOSTILE.len()];
            self.next += 1;
            text.to_owned()
        }
    }

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date::new(year, month, day).unwrap()
    }

    /// A dataset where every field is filled, with every enum variant, every `Option` both
    /// `Some` and `None`, every list empty and not, and hostile strings everywhere.
    fn hostile(offset: usize) -> Dataset {
        let mut s = Strings { next: offset };
        // A full record is `Seed` with two marked fields, an empty one `Illustrative` or
        // `Entered` with none.
        let origin = |full: bool, entered: bool| match (full, entered) {
            (true, _) => Origin::Seed,
            (false, false) => Origin::Illustrative,
            (false, true) => Origin::Entered,
        };
        let marks = |s: &mut Strings, full: bool| {
            if full {
                vec![s.take(), s.take()]
            } else {
                Vec::new()
            }
        };
        let rating = |s: &mut Strings, year, score| Rating {
            year,
            scheme: s.take(),
            grade: s.take(),
            score,
        };
        let cooperative = |s: &mut Strings, full: bool, status| Cooperative {
            id: s.take(),
            name: s.take(),
            province: s.take(),
            district: full.then(|| s.take()),
            sector: s.take(),
            founded: full.then_some(u16::MAX),
            members: if full { u32::MAX } else { 0 },
            ratings: if full {
                vec![
                    rating(s, 2011, Some(0)),
                    rating(s, 0, None),
                    rating(s, 9, Some(255)),
                ]
            } else {
                Vec::new()
            },
            alliance_member_since: full.then_some(0),
            status,
            notes: if full { s.take() } else { String::new() },
            origin: origin(full, status == CooperativeStatus::Suspended),
            illustrative: marks(s, full),
        };
        let progress = |s: &mut Strings, status, full: bool| Progress {
            province: s.take(),
            status,
            note: if full { s.take() } else { String::new() },
            changed_by: full.then(|| s.take()),
            changed_at: full
                .then(|| Timestamp::new(date(2011, 11, 30), 9, 5, 0))
                .transpose()
                .unwrap(),
            origin: origin(full, status == ProgressStatus::Done),
            illustrative: marks(s, full),
        };
        let statuses = [
            ProgressStatus::NotStarted,
            ProgressStatus::InProgress,
            ProgressStatus::Done,
            ProgressStatus::NotApplicable,
        ];
        let mut entries = Vec::new();
        for (i, status) in statuses.into_iter().enumerate() {
            entries.push(progress(&mut s, status, i % 2 == 0));
            entries.push(progress(&mut s, status, i % 2 == 1));
        }
        Dataset {
            schema_version: 1,
            region: Region {
                name: s.take(),
                as_of: date(1000, 1, 1),
                source: s.take(),
                cooperative_groups: 0,
                cooperatives: u32::MAX,
                unions: 7,
                rating_shares: vec![
                    RatingShare {
                        grade: s.take(),
                        percent_min: 0,
                        percent_max: Some(255),
                        origin: Origin::Seed,
                        illustrative: marks(&mut s, true),
                    },
                    RatingShare {
                        grade: s.take(),
                        percent_min: 40,
                        percent_max: None,
                        origin: Origin::Entered,
                        illustrative: Vec::new(),
                    },
                ],
                new_members: vec![
                    NewMembers {
                        province: s.take(),
                        cooperatives: 12_345,
                        origin: Origin::Illustrative,
                        illustrative: Vec::new(),
                    },
                    NewMembers {
                        province: s.take(),
                        cooperatives: 0,
                        origin: Origin::Seed,
                        illustrative: marks(&mut s, true),
                    },
                ],
                origin: Origin::Seed,
                illustrative: marks(&mut s, true),
            },
            sectors: vec![
                Sector {
                    id: s.take(),
                    name: s.take(),
                    origin: Origin::Seed,
                    illustrative: marks(&mut s, true),
                },
                Sector {
                    id: s.take(),
                    name: s.take(),
                    origin: Origin::Entered,
                    illustrative: Vec::new(),
                },
            ],
            provinces: vec![
                Province {
                    code: s.take(),
                    name: s.take(),
                    kind: s.take(),
                    successor: Some(Successor {
                        code: s.take(),
                        name: s.take(),
                    }),
                    origin: Origin::Seed,
                    illustrative: marks(&mut s, true),
                },
                Province {
                    code: s.take(),
                    name: s.take(),
                    kind: s.take(),
                    successor: None,
                    origin: Origin::Illustrative,
                    illustrative: Vec::new(),
                },
            ],
            cooperatives: vec![
                Arc::new(cooperative(&mut s, true, CooperativeStatus::Operating)),
                Arc::new(cooperative(&mut s, false, CooperativeStatus::Suspended)),
                Arc::new(cooperative(&mut s, true, CooperativeStatus::Dissolved)),
            ]
            .into(),
            plan: Plan {
                title: s.take(),
                period: Period {
                    start: date(2011, 6, 22),
                    end: date(9999, 12, 31),
                },
                items: vec![
                    PlanItem {
                        id: s.take(),
                        title: s.take(),
                        detail: s.take(),
                        due: Some(date(2012, 2, 29)),
                        owner: Some(s.take()),
                        progress: entries,
                        origin: Origin::Seed,
                        illustrative: marks(&mut s, true),
                    },
                    PlanItem {
                        id: s.take(),
                        title: s.take(),
                        detail: String::new(),
                        due: None,
                        owner: None,
                        progress: Vec::new(),
                        origin: Origin::Entered,
                        illustrative: Vec::new(),
                    },
                ],
            },
            conflicts: {
                let keys = [
                    RecordKey::File,
                    RecordKey::Region,
                    RecordKey::Plan,
                    RecordKey::ItemOrder,
                    RecordKey::Sector(s.take()),
                    RecordKey::Province(s.take()),
                    RecordKey::Cooperative(s.take()),
                    RecordKey::Item(s.take()),
                    RecordKey::Progress {
                        item: s.take(),
                        province: s.take(),
                    },
                ];
                keys.into_iter()
                    .enumerate()
                    .map(|(at, record)| Conflict {
                        record,
                        field: (at % 2 == 0).then(|| s.take()),
                        base: (at % 3 != 0).then(|| s.take()),
                        ours: Some(s.take()),
                        theirs: (at % 3 != 1).then(|| s.take()),
                        labels: (at % 2 == 1).then(|| Labels {
                            base: s.take(),
                            ours: s.take(),
                            theirs: s.take(),
                        }),
                    })
                    .collect()
            },
        }
    }

    #[test]
    fn hostile_strings_and_every_shape_are_written_as_ron_writes_them() {
        for offset in 0..HOSTILE.len() {
            assert_same(&hostile(offset));
        }
    }

    #[test]
    fn empty_lists_and_empty_region_source_are_written_as_ron_writes_them() {
        let mut dataset = hostile(0);
        dataset.region.source.clear();
        dataset.region.rating_shares.clear();
        dataset.region.new_members.clear();
        dataset.sectors.clear();
        dataset.provinces.clear();
        dataset.cooperatives.clear();
        assert_same(&dataset);
        dataset.plan.items.clear();
        assert_same(&dataset);
    }

    #[test]
    fn raw_strings_take_one_hash_more_than_the_longest_run() {
        let mut writer = Writer {
            out: String::new(),
            sink: None,
            failed: None,
        };
        writer.string("a \"## b ### c # d");
        assert_eq!(writer.out, "r####\"a \"## b ### c # d\"####");
        writer.out.clear();
        writer.string("no quote but a backslash \\ and ##");
        assert_eq!(writer.out, "r###\"no quote but a backslash \\ and ##\"###");
        writer.out.clear();
        writer.string("## no quote, no backslash");
        assert_eq!(writer.out, "\"## no quote, no backslash\"");
    }

    #[test]
    fn numbers_are_plain_decimal_and_dates_zero_padded() {
        let mut writer = Writer {
            out: String::new(),
            sink: None,
            failed: None,
        };
        for value in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX] {
            writer.out.clear();
            writer.uint(value);
            assert_eq!(writer.out, value.to_string());
        }
        writer.out.clear();
        writer.date(date(1000, 1, 9));
        assert_eq!(writer.out, "\"1000-01-09\"");
    }

    /// The minimal dataset with its first cooperative, first province and the region's first
    /// rating share carrying `text`-like strings.
    fn with_strings(name: &str, notes: &str, district: &str, grade: &str) -> Dataset {
        let mut dataset = parse(include_str!("../../tests/data/minimal.ron"));
        let coop = Arc::make_mut(&mut dataset.cooperatives[0]);
        coop.name = name.to_owned();
        coop.notes = notes.to_owned();
        coop.district = Some(district.to_owned());
        coop.ratings.push(Rating {
            year: 2011,
            scheme: "2011".to_owned(),
            grade: grade.to_owned(),
            score: None,
        });
        dataset.region.rating_shares.push(RatingShare {
            grade: grade.to_owned(),
            percent_min: 35,
            percent_max: Some(40),
            origin: Origin::Seed,
            illustrative: vec![grade.to_owned()],
        });
        dataset.provinces[0].name = name.to_owned();
        dataset.plan.items[0].progress[0].note = notes.to_owned();
        dataset
    }

    proptest! {
        #[test]
        fn any_strings_are_written_as_ron_writes_them(
            name in any::<String>(),
            notes in any::<String>(),
            district in any::<String>(),
            grade in "[\"#\\\\a\n]{0,12}",
        ) {
            let dataset = with_strings(&name, &notes, &district, &grade);
            let ours = write_dataset(&dataset);
            prop_assert_eq!(&ours, &to_ron_string_with_ron(&dataset).unwrap());
            let back: Dataset = ron::from_str(&ours).unwrap();
            prop_assert_eq!(back, dataset);
        }
    }
}
