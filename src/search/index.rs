//! The search index: every searchable field of a dataset, folded once, in one buffer, laid
//! out in ranking order; and, once [`SearchIndex::prepare`] has built it, the [`Words`] of
//! those fields. An index is not changed after it is built (it is shared as an `Arc`): a change
//! of the data makes a new one.
//!
//! Ranking, best first: the level of the match (whole word > word prefix > substring > all
//! query words somewhere in the field > the query's letters in order), then the field (names
//! and titles > ids and codes > districts > details > notes), then the kind (province > plan >
//! cooperative), then the shorter field, then the label in Vietnamese order, then the id (the
//! order of every list, [`crate::text::list_key`]). Everything after the level depends on the
//! field alone, so the fields are stored in that order: among matches of one level, the first
//! entry found is the best, and a search can stop once it has enough.
//!
//! A query typed without marks matches loosely ("nam dinh" finds "Nam Định"); a query with
//! marks matches only text carrying those marks ("định" finds "Định" but not "Đinh"), with
//! marks the query leaves out matching anything (see [`fold::marked_char_matches`]).

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;

use super::fold;
use super::words::Words;
use crate::model::Dataset;
use crate::text::collation_key;

/// What a search result leads to, by position in the dataset's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, bitcode::Encode, bitcode::Decode)]
pub enum Target {
    Province(usize),
    Cooperative(usize),
    PlanItem(usize),
    /// A province's entry on a plan item (its note); `province` indexes `dataset.provinces`.
    Progress {
        item: usize,
        province: usize,
    },
}

/// The kinds a search can be narrowed to (`htx find --kind`), and the tag shown beside a result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Province,
    Plan,
    Cooperative,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::Plan => "plan",
            Kind::Cooperative => "cooperative",
        }
    }
}

impl Target {
    pub fn kind(self) -> Kind {
        match self {
            Target::Province(_) => Kind::Province,
            Target::Cooperative(_) => Kind::Cooperative,
            Target::PlanItem(_) | Target::Progress { .. } => Kind::Plan,
        }
    }
}

/// Which field of a record matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, bitcode::Encode, bitcode::Decode)]
pub enum Field {
    Name,
    Code,
    Id,
    District,
    Title,
    Detail,
    Notes,
}

impl Field {
    pub fn name(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Code => "code",
            Field::Id => "id",
            Field::District => "district",
            Field::Title => "title",
            Field::Detail => "detail",
            Field::Notes => "notes",
        }
    }

    pub(super) fn weight(self) -> u8 {
        match self {
            Field::Name | Field::Title => 6,
            Field::Code | Field::Id => 5,
            Field::District => 4,
            Field::Detail => 3,
            Field::Notes => 2,
        }
    }
}

/// How well a field matched; higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    /// The query's letters appear in order, with gaps.
    Fuzzy,
    /// Every word of the query appears in the field, in any order.
    AllWords,
    Substring,
    /// The query starts a word.
    Prefix,
    /// The query is one or more whole words.
    WholeWord,
}

/// One searchable thing: what it leads to and how to name it in a result list. Its id and
/// label are byte ranges of [`SearchIndex::names`], read with [`SearchIndex::id`] and
/// [`SearchIndex::label`]: one buffer rather than two strings a record, so the index is a few
/// flat arrays, quick to read from the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Record {
    pub target: Target,
    /// The stable id a script can pass to `htx show`: a province code, a cooperative id, a
    /// plan item id, or `ITEM/PROVINCE` for a progress entry.
    pub id: (u32, u32),
    /// The record's name: a province or cooperative name, a plan item title, or
    /// `KH-04 · Nam Định` for a progress entry.
    pub label: (u32, u32),
}

/// One field of one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq, bitcode::Encode, bitcode::Decode)]
pub struct Entry {
    pub record: u32,
    pub field: Field,
    /// Byte range of the folded text in `SearchIndex::folded`.
    pub folded: (u32, u32),
    /// Byte range of the original text in `SearchIndex::original`.
    pub original: (u32, u32),
}

/// A match, ready to show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub record: usize,
    pub entry: usize,
    pub level: Level,
    /// Byte ranges of the matched characters in the field's original text.
    pub highlight: Vec<Range<usize>>,
}

/// The folded fields of a dataset. Rebuild it when the data changes.
#[derive(Clone, Debug, Default)]
pub struct SearchIndex {
    pub records: Vec<Record>,
    /// In ranking order (see the module docs), which is also the order of the folded buffer.
    pub entries: Vec<Entry>,
    /// Every folded field, each followed by a `\0`, so no match spans two fields.
    pub folded: String,
    pub original: String,
    /// The records' ids and labels, one after the other.
    pub names: String,
    /// Built by [`SearchIndex::prepare`]; searches use it once it is there.
    pub(super) words: OnceLock<Words>,
}

/// Two indexes are equal when they hold the same fields; whether either has built its word
/// index yet does not matter.
impl PartialEq for SearchIndex {
    fn eq(&self, other: &Self) -> bool {
        (
            &self.records,
            &self.entries,
            &self.folded,
            &self.original,
            &self.names,
        ) == (
            &other.records,
            &other.entries,
            &other.folded,
            &other.original,
            &other.names,
        )
    }
}

impl Eq for SearchIndex {}

/// Separates fields in the buffers; folded text keeps a NUL as it is, so a field holding one
/// could only ever split its own matches.
const SEPARATOR: char = '\0';

/// A field waiting to be placed: its record, kind of field, and text.
struct Pending<'a> {
    record: u32,
    field: Field,
    text: &'a str,
}

impl SearchIndex {
    /// Folds every searchable field of `dataset`.
    pub fn build(dataset: &Dataset) -> Self {
        let mut records = Vec::new();
        let mut names = String::new();
        let mut fields = Vec::new();
        let mut record = |target: Target, id: &str, label: &str| {
            let mut name = |text: &str| {
                let start = offset_of(names.len());
                names.push_str(text);
                (start, offset_of(names.len()))
            };
            let (id, label) = (name(id), name(label));
            records.push(Record { target, id, label });
            u32::try_from(records.len() - 1).unwrap_or(u32::MAX)
        };
        for (p, province) in dataset.provinces.iter().enumerate() {
            let r = record(Target::Province(p), &province.code, &province.name);
            fields.push(Pending::new(r, Field::Name, &province.name));
            fields.push(Pending::new(r, Field::Code, &province.code));
        }
        for (i, item) in dataset.plan.items.iter().enumerate() {
            let r = record(Target::PlanItem(i), &item.id, &item.title);
            fields.push(Pending::new(r, Field::Title, &item.title));
            fields.push(Pending::new(r, Field::Id, &item.id));
            fields.push(Pending::new(r, Field::Detail, &item.detail));
            for entry in item.progress.iter().filter(|e| !e.note.trim().is_empty()) {
                let Some(p) = dataset
                    .provinces
                    .iter()
                    .position(|p| p.code == entry.province)
                else {
                    continue;
                };
                let province = &dataset.provinces[p];
                let r = record(
                    Target::Progress {
                        item: i,
                        province: p,
                    },
                    &format!("{}/{}", item.id, province.code),
                    &format!("{} · {}", item.id, province.name),
                );
                fields.push(Pending::new(r, Field::Notes, &entry.note));
            }
        }
        for (c, coop) in dataset.cooperatives.iter().enumerate() {
            let r = record(Target::Cooperative(c), &coop.id, &coop.name);
            fields.push(Pending::new(r, Field::Name, &coop.name));
            fields.push(Pending::new(r, Field::Id, &coop.id));
            if let Some(district) = &coop.district {
                fields.push(Pending::new(r, Field::District, district));
            }
            fields.push(Pending::new(r, Field::Notes, &coop.notes));
        }
        fields.retain(|f| !f.text.is_empty());
        Self::place(records, names, &fields)
    }

    /// Folds `fields` and lays them out in ranking order.
    fn place(records: Vec<Record>, names: String, fields: &[Pending<'_>]) -> Self {
        // Labels are put in Vietnamese order on a second thread while the fields are folded.
        let (label_order, texts) = std::thread::scope(|scope| {
            let labels = scope.spawn(|| label_order(&records, &names));
            let texts = Texts::of(fields);
            (
                labels.join().unwrap_or_else(|_| vec![0; records.len()]),
                texts,
            )
        });
        // One number per field, smaller first: the part of the ranking the field decides.
        let mut order: Vec<(u64, u32)> = fields
            .iter()
            .enumerate()
            .map(|(f, field)| {
                let weight = 7 - u64::from(field.field.weight().min(7));
                let kind = records[field.record as usize].target.kind() as u64;
                let length = (texts.folded_spans[f].len() as u64).min((1 << 27) - 1);
                let label = u64::from(label_order[field.record as usize]);
                let key = (weight << 61) | (kind << 59) | (length << 32) | label;
                (key, u32::try_from(f).unwrap_or(u32::MAX))
            })
            .collect();
        order.sort_unstable();

        let mut folded = String::with_capacity(texts.folded.len() + fields.len());
        let mut entries = Vec::with_capacity(fields.len());
        for (_, f) in order {
            let f = f as usize;
            let start = offset_of(folded.len());
            folded.push_str(&texts.folded[texts.folded_spans[f].clone()]);
            let end = offset_of(folded.len());
            folded.push(SEPARATOR);
            let original = &texts.original_spans[f];
            entries.push(Entry {
                record: fields[f].record,
                field: fields[f].field,
                folded: (start, end),
                original: (offset_of(original.start), offset_of(original.end)),
            });
        }
        Self::from_parts(records, entries, folded, texts.original, names)
    }

    /// An index from its parts, as [`SearchIndex::build`] made them (the cache reads them
    /// back); the entries must be in ranking order.
    pub fn from_parts(
        records: Vec<Record>,
        entries: Vec<Entry>,
        folded: String,
        original: String,
        names: String,
    ) -> Self {
        Self {
            records,
            entries,
            folded,
            original,
            names,
            words: OnceLock::new(),
        }
    }

    /// A record's id (empty for a record this index does not have).
    pub fn id(&self, record: usize) -> &str {
        self.records.get(record).map_or("", |r| self.name(r.id))
    }

    /// A record's label (empty for a record this index does not have).
    pub fn label(&self, record: usize) -> &str {
        self.records.get(record).map_or("", |r| self.name(r.label))
    }

    fn name(&self, (start, end): (u32, u32)) -> &str {
        self.names.get(start as usize..end as usize).unwrap_or("")
    }

    /// Builds the word index, if it is not built yet. Searches use it once it exists; the
    /// search worker calls this right after building the index, and one-shot command-line
    /// lookups skip it (they scan: one pass costs less than building it).
    pub fn prepare(&self) {
        self.words
            .get_or_init(|| Words::build(self.entries.iter().map(|entry| self.folded_text(entry))));
    }

    /// The original text of an entry.
    pub fn text(&self, entry: usize) -> &str {
        self.entries.get(entry).map_or("", |e| {
            self.original
                .get(e.original.0 as usize..e.original.1 as usize)
                .unwrap_or("")
        })
    }

    /// The folded text of an entry. (Offsets are `u32`: text past 4 GiB, some 30 million
    /// cooperatives, reads as empty rather than as the wrong field.)
    pub(super) fn folded_text(&self, entry: &Entry) -> &str {
        self.folded
            .get(entry.folded.0 as usize..entry.folded.1 as usize)
            .unwrap_or("")
    }
}

/// A byte offset as the index stores it (saturating; see [`SearchIndex::folded_text`]).
fn offset_of(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// Every field's folded and original text, in the order of the fields; the originals each
/// followed by a separator, as the index keeps them.
struct Texts {
    folded: String,
    folded_spans: Vec<Range<usize>>,
    original: String,
    original_spans: Vec<Range<usize>>,
}

impl Texts {
    fn of(fields: &[Pending<'_>]) -> Self {
        let bytes: usize = fields.iter().map(|f| f.text.len()).sum();
        let mut texts = Self {
            folded: String::with_capacity(bytes),
            folded_spans: Vec::with_capacity(fields.len()),
            original: String::with_capacity(bytes + fields.len()),
            original_spans: Vec::with_capacity(fields.len()),
        };
        for field in fields {
            let start = texts.folded.len();
            fold::fold_into(field.text, &mut texts.folded);
            texts.folded_spans.push(start..texts.folded.len());
            // Originals are stored in NFC so char positions agree with the folded text.
            let start = texts.original.len();
            let display = crate::text::display(field.text);
            if display.contains('\u{FFFD}') {
                texts.original.push_str(&display.replace('\u{FFFD}', " "));
            } else {
                texts.original.push_str(&display);
            }
            texts.original_spans.push(start..texts.original.len());
            texts.original.push(SEPARATOR);
        }
        texts
    }
}

impl<'a> Pending<'a> {
    fn new(record: u32, field: Field, text: &'a str) -> Self {
        Self {
            record,
            field,
            text,
        }
    }
}

/// Each record's place in the order of every list ([`crate::text::list_key`]): label in
/// Vietnamese order, then id. Labels repeat (cooperative names do), so each distinct label is
/// keyed once, and the records are then ordered by the label's place and their id.
fn label_order(records: &[Record], names: &str) -> Vec<u32> {
    let name = |(start, end): (u32, u32)| names.get(start as usize..end as usize).unwrap_or("");
    let mut distinct: HashMap<&str, u32> = HashMap::new();
    let mut labels: Vec<&str> = Vec::new();
    let ids: Vec<u32> = records
        .iter()
        .map(|record| {
            *distinct.entry(name(record.label)).or_insert_with(|| {
                labels.push(name(record.label));
                u32::try_from(labels.len() - 1).unwrap_or(u32::MAX)
            })
        })
        .collect();
    let mut sorted: Vec<(Vec<u32>, u32)> = labels
        .iter()
        .enumerate()
        .map(|(id, label)| (collation_key(label), id as u32))
        .collect();
    sorted.sort_unstable();
    let mut place = vec![0u32; labels.len()];
    for (at, (_, id)) in sorted.iter().enumerate() {
        place[*id as usize] = at as u32;
    }
    let mut order: Vec<(u32, &str, u32)> = ids
        .iter()
        .zip(records)
        .enumerate()
        .map(|(r, (&label, record))| (place[label as usize], name(record.id), r as u32))
        .collect();
    order.sort_unstable();
    let mut rank = vec![0u32; records.len()];
    for (at, &(_, _, r)) in order.iter().enumerate() {
        rank[r as usize] = at as u32;
    }
    rank
}
