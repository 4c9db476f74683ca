//! The search index: every searchable field of a dataset, folded once, in one buffer that a
//! substring search runs over in a single pass; and the ranking of what it finds.
//!
//! Ranking, best first: the level of the match (whole word > word prefix > substring > all
//! query words somewhere in the field > the query's letters in order), then the field (names
//! and titles > ids and codes > districts > details > notes), then the kind (province > plan >
//! cooperative), then the shorter field, then the label in Vietnamese order.
//!
//! A query typed without marks matches loosely ("nam dinh" finds "Nam Định"); a query with
//! marks matches only text carrying those marks ("định" finds "Định" but not "Đinh"), with
//! marks the query leaves out matching anything (see [`fold::marked_char_matches`]).

use std::cmp::Reverse;
use std::ops::Range;

use memchr::memmem;

use super::fold;
use crate::model::Dataset;
use crate::text::collation_key;

/// What a search result leads to, by position in the dataset's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
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

    fn weight(self) -> u8 {
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

/// One searchable thing: what it leads to and how to name it in a result list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub target: Target,
    /// The stable id a script can pass to `htx show`: a province code, a cooperative id, a
    /// plan item id, or `ITEM/PROVINCE` for a progress entry.
    pub id: String,
    /// The record's name: a province or cooperative name, a plan item title, or
    /// `KH-04 · Nam Định` for a progress entry.
    pub label: String,
}

/// One field of one record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
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
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    pub records: Vec<Record>,
    /// Sorted by `folded.0`.
    pub entries: Vec<Entry>,
    /// Every folded field, each followed by a `\0`, so no match spans two fields.
    pub folded: String,
    pub original: String,
}

/// Separates fields in the buffers; folded text keeps a NUL as it is, so a field holding one
/// could only ever split its own matches.
const SEPARATOR: char = '\0';

impl SearchIndex {
    /// Folds every searchable field of `dataset`.
    pub fn build(dataset: &Dataset) -> Self {
        let mut index = Self::default();
        index.original.reserve(dataset.cooperatives.len() * 64);
        index.folded.reserve(dataset.cooperatives.len() * 64);
        for (p, province) in dataset.provinces.iter().enumerate() {
            let record = index.record(Target::Province(p), &province.code, &province.name);
            index.field(record, Field::Name, &province.name);
            index.field(record, Field::Code, &province.code);
        }
        for (i, item) in dataset.plan.items.iter().enumerate() {
            let record = index.record(Target::PlanItem(i), &item.id, &item.title);
            index.field(record, Field::Title, &item.title);
            index.field(record, Field::Id, &item.id);
            index.field(record, Field::Detail, &item.detail);
            for entry in item.progress.iter().filter(|e| !e.note.trim().is_empty()) {
                let Some(p) = dataset
                    .provinces
                    .iter()
                    .position(|p| p.code == entry.province)
                else {
                    continue;
                };
                let province = &dataset.provinces[p];
                let record = index.record(
                    Target::Progress {
                        item: i,
                        province: p,
                    },
                    &format!("{}/{}", item.id, province.code),
                    &format!("{} · {}", item.id, province.name),
                );
                index.field(record, Field::Notes, &entry.note);
            }
        }
        for (c, coop) in dataset.cooperatives.iter().enumerate() {
            let record = index.record(Target::Cooperative(c), &coop.id, &coop.name);
            index.field(record, Field::Name, &coop.name);
            index.field(record, Field::Id, &coop.id);
            if let Some(district) = &coop.district {
                index.field(record, Field::District, district);
            }
            index.field(record, Field::Notes, &coop.notes);
        }
        index
    }

    fn record(&mut self, target: Target, id: &str, label: &str) -> u32 {
        self.records.push(Record {
            target,
            id: id.to_string(),
            label: label.to_string(),
        });
        u32::try_from(self.records.len() - 1).unwrap_or(u32::MAX)
    }

    fn field(&mut self, record: u32, field: Field, text: &str) {
        if text.is_empty() {
            return;
        }
        let offset = |s: &String| u32::try_from(s.len()).unwrap_or(u32::MAX);
        let (folded_start, original_start) = (offset(&self.folded), offset(&self.original));
        fold::fold_into(text, &mut self.folded);
        let folded_end = offset(&self.folded);
        self.folded.push(SEPARATOR);
        // Originals are stored in NFC so char positions agree with the folded text.
        self.original
            .push_str(&crate::text::display(text).replace('\u{FFFD}', " "));
        let original_end = offset(&self.original);
        self.original.push(SEPARATOR);
        self.entries.push(Entry {
            record,
            field,
            folded: (folded_start, folded_end),
            original: (original_start, original_end),
        });
    }

    /// Byte ranges in the original text of what a candidate matched.
    fn highlight(&self, candidate: &Candidate) -> Vec<Range<usize>> {
        let text = self.text(candidate.entry);
        match &candidate.matched {
            Matched::Phrase { at, len } => {
                let field = self
                    .entries
                    .get(candidate.entry)
                    .map_or("", |e| self.folded_text(e));
                let start = field.get(..*at).map_or(0, |s| s.chars().count());
                let count = field.get(*at..at + len).map_or(0, |s| s.chars().count());
                vec![fold::byte_range(text, start, start + count)]
            }
            Matched::Chars(ranges) => ranges
                .iter()
                .map(|r| fold::byte_range(text, r.start, r.end))
                .collect(),
        }
    }

    /// The original text of an entry.
    pub fn text(&self, entry: usize) -> &str {
        self.entries.get(entry).map_or("", |e| {
            &self.original[e.original.0 as usize..e.original.1 as usize]
        })
    }

    fn folded_text(&self, entry: &Entry) -> &str {
        &self.folded[entry.folded.0 as usize..entry.folded.1 as usize]
    }

    /// The best `limit` matches of `query`, best first; only records of `kinds` when given.
    /// `cancelled` is polled now and then: when it says so the search stops and returns `None`
    /// (a newer keystroke made this search useless).
    pub fn search(
        &self,
        query: &str,
        kinds: Option<&[Kind]>,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Hit>> {
        let query: String = crate::text::display(query).trim().to_string();
        let folded_query = fold::fold(&query);
        if folded_query.trim().is_empty() || limit == 0 {
            return Some(Vec::new());
        }
        let marks = fold::has_marks(&query).then(|| fold::marked(&query));
        let wanted = |record: u32| {
            kinds.is_none_or(|kinds| {
                self.records
                    .get(record as usize)
                    .is_some_and(|r| kinds.contains(&r.target.kind()))
            })
        };

        // Best match per record. The phrase search runs once over every folded field at once;
        // the entry under each occurrence is found by walking forward (occurrences come in
        // order), and a field is left as soon as it cannot give its record a better match.
        // The best candidate of each record, as an index into `candidates` (NONE: no match yet):
        // four bytes a record to set up per keystroke, not a whole candidate.
        let mut best: Vec<u32> = vec![NONE; self.records.len()];
        let mut candidates: Vec<Candidate> = Vec::new();
        let mut found = 0usize;
        let finder = memmem::Finder::new(folded_query.as_bytes());
        let bytes = self.folded.as_bytes();
        let query_len = folded_query.len();
        let query_chars = folded_query.chars().count();
        let (mut pos, mut e, mut steps) = (0usize, 0usize, 0usize);
        while let Some(offset) = bytes.get(pos..).and_then(|rest| finder.find(rest)) {
            let at = pos + offset;
            steps += 1;
            if steps % 256 == 0 && cancelled() {
                return None;
            }
            while e + 1 < self.entries.len() && self.entries[e + 1].folded.0 as usize <= at {
                e += 1;
            }
            let entry = &self.entries[e];
            let (start, end) = (entry.folded.0 as usize, entry.folded.1 as usize);
            pos = at + 1;
            let record = entry.record as usize;
            let ceiling = (Level::WholeWord, entry.field.weight());
            if at + query_len > end
                || !wanted(entry.record)
                || slot(&best, &candidates, record).is_some_and(|c| (c.level, c.weight) >= ceiling)
            {
                // Nothing in the rest of this field can do better.
                pos = pos.max(end + 1);
                continue;
            }
            let field = &self.folded[start..end];
            let local = at - start;
            if let Some(marked_query) = &marks {
                let char_start = field[..local].chars().count();
                if !marked_window_matches(marked_query, self.text(e), char_start, query_chars) {
                    continue;
                }
            }
            let before = field[..local].chars().next_back();
            let after = field[local + query_len..].chars().next();
            let starts_word = before.is_none_or(|c| !c.is_alphanumeric());
            let ends_word = after.is_none_or(|c| !c.is_alphanumeric());
            let level = match (starts_word, ends_word) {
                (true, true) => Level::WholeWord,
                (true, false) => Level::Prefix,
                _ => Level::Substring,
            };
            let candidate = Candidate::new(
                level,
                entry,
                e,
                Matched::Phrase {
                    at: local,
                    len: query_len,
                },
                field.len(),
            );
            if best[record] == NONE {
                found += 1;
            }
            offer(&mut best, &mut candidates, record, candidate);
        }

        // Looser matching only when the exact phrase found little: a query of several words
        // in another order, or letters in order with gaps (typos, abbreviations).
        // (Not for one or two letters: nearly everything would match, and mean nothing.)
        if found < limit.min(50) && folded_query.chars().filter(|c| !c.is_whitespace()).count() >= 3
        {
            let words: Vec<&str> = folded_query.split_whitespace().collect();
            let finders: Vec<memmem::Finder<'_>> = words
                .iter()
                .map(|w| memmem::Finder::new(w.as_bytes()))
                .collect();
            let letters: Vec<char> = folded_query
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            for (e, entry) in self.entries.iter().enumerate() {
                if e % 1024 == 1023 && cancelled() {
                    return None;
                }
                if best[entry.record as usize] != NONE || !wanted(entry.record) {
                    continue;
                }
                let field = self.folded_text(entry);
                // Letters with gaps only in short fields: in a paragraph of notes almost any
                // query's letters appear in order somewhere, which says nothing.
                let short = !matches!(entry.field, Field::Notes | Field::Detail);
                let matched = if words.len() > 1 {
                    all_words(field, &finders).map(|ranges| (Level::AllWords, ranges))
                } else {
                    None
                }
                .or_else(|| {
                    // Letters with gaps only for one-word queries: across words it finds noise.
                    if words.len() > 1 {
                        return None;
                    }
                    let ranges = fuzzy(field, &letters).filter(|_| short)?;
                    let span = ranges.last()?.end - ranges.first()?.start;
                    (span <= letters.len() * 2).then_some((Level::Fuzzy, ranges))
                });
                let Some((level, ranges)) = matched else {
                    continue;
                };
                if let Some(marked_query) = &marks {
                    let marked_field = fold::marked(self.text(e));
                    if !marked_subsequence(marked_query, &marked_field, &ranges) {
                        continue;
                    }
                }
                let candidate =
                    Candidate::new(level, entry, e, Matched::Chars(ranges), field.len());
                offer(&mut best, &mut candidates, entry.record as usize, candidate);
            }
        }

        // Rank on one packed number per hit; only the best `limit` are ordered in full.
        let mut hits: Vec<(u64, usize, usize)> = best
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c != NONE)
            .map(|(r, &c)| {
                let candidate = &candidates[c as usize];
                (
                    rank_key(candidate, self.records[r].target.kind()),
                    r,
                    c as usize,
                )
            })
            .collect();
        if hits.len() > limit {
            hits.select_nth_unstable(limit - 1);
            hits.truncate(limit);
        }
        let mut hits: Vec<(usize, Candidate)> = hits
            .into_iter()
            .map(|(_, r, c)| (r, candidates[c].clone()))
            .collect();
        let key = |(r, c): &(usize, Candidate)| {
            (
                Reverse(c.level),
                Reverse(c.weight),
                self.records[*r].target.kind(),
                c.length,
            )
        };
        hits.sort_by_cached_key(|hit| (key(hit), collation_key(&self.records[hit.0].label)));
        Some(
            hits.into_iter()
                .map(|(record, c)| Hit {
                    record,
                    entry: c.entry,
                    level: c.level,
                    highlight: self.highlight(&c),
                })
                .collect(),
        )
    }
}

/// No candidate yet, in the per-record table of a search.
const NONE: u32 = u32::MAX;

/// The current best candidate of `record`, if any.
fn slot<'a>(best: &[u32], candidates: &'a [Candidate], record: usize) -> Option<&'a Candidate> {
    best.get(record)
        .filter(|&&c| c != NONE)
        .and_then(|&c| candidates.get(c as usize))
}

/// Keeps `candidate` as the best of `record` if it beats the one there.
fn offer(best: &mut [u32], candidates: &mut Vec<Candidate>, record: usize, candidate: Candidate) {
    match slot(best, candidates, record) {
        Some(old) if !candidate.better_than(old) => {}
        Some(_) => candidates[best[record] as usize] = candidate,
        None => {
            best[record] = u32::try_from(candidates.len()).unwrap_or(NONE);
            candidates.push(candidate);
        }
    }
}

/// The ranking order as one number, smaller first: level, field weight, kind, length.
fn rank_key(candidate: &Candidate, kind: Kind) -> u64 {
    let level = 7 - candidate.level as u64;
    let weight = 7 - u64::from(candidate.weight.min(7));
    let kind = kind as u64;
    let length = (candidate.length as u64).min(u64::from(u32::MAX));
    (level << 40) | (weight << 36) | (kind << 32) | length
}

#[derive(Clone, Debug)]
struct Candidate {
    level: Level,
    weight: u8,
    length: usize,
    entry: usize,
    matched: Matched,
}

/// Where in its field a candidate matched; turned into highlights only for the hits shown.
#[derive(Clone, Debug)]
enum Matched {
    /// Bytes `at..at + len` of the folded field.
    Phrase { at: usize, len: usize },
    /// Char ranges of the field.
    Chars(Vec<Range<usize>>),
}

impl Candidate {
    fn new(level: Level, entry: &Entry, index: usize, matched: Matched, length: usize) -> Self {
        Self {
            level,
            weight: entry.field.weight(),
            length,
            entry: index,
            matched,
        }
    }

    fn better_than(&self, other: &Self) -> bool {
        (self.level, self.weight, Reverse(self.length))
            > (other.level, other.weight, Reverse(other.length))
    }
}

/// Char ranges where each of `words` first occurs in `field`, if all do.
fn all_words(field: &str, words: &[memmem::Finder<'_>]) -> Option<Vec<Range<usize>>> {
    words
        .iter()
        .map(|finder| {
            let at = finder.find(field.as_bytes())?;
            let word = std::str::from_utf8(finder.needle()).ok()?;
            let start = field[..at].chars().count();
            Some(start..start + word.chars().count())
        })
        .collect()
}

/// Char positions of `letters` appearing in order in `field`, tightest from the last letter
/// back, if they all appear.
fn fuzzy(field: &str, letters: &[char]) -> Option<Vec<Range<usize>>> {
    // Most fields do not match. For an ASCII query, jump from letter to letter with memchr.
    if letters.iter().all(char::is_ascii) {
        let mut rest = field.as_bytes();
        for &letter in letters {
            let at = memchr::memchr(letter as u8, rest)?;
            rest = &rest[at + 1..];
        }
    }
    // Find the earliest end of a forward match without allocating.
    let mut i = 0;
    let mut end = None;
    for (at, c) in field.chars().enumerate() {
        if c == letters[i] {
            i += 1;
            if i == letters.len() {
                end = Some(at);
                break;
            }
        }
    }
    let end = end?;
    // Then walk back from there for the latest start: the tightest match ending there.
    let chars: Vec<char> = field.chars().take(end + 1).collect();
    let mut positions = Vec::with_capacity(letters.len());
    let mut j = letters.len();
    for at in (0..=end).rev() {
        if j > 0 && chars[at] == letters[j - 1] {
            j -= 1;
            positions.push(at);
            if j == 0 {
                break;
            }
        }
    }
    positions.reverse();
    Some(positions.into_iter().map(|p| p..p + 1).collect())
}

/// Whether a marked query matches the original `text` at char `start` (where the loose match
/// was found). Only the syllables around the match are put in marked form: tone placement
/// depends on the whole syllable, and nothing further away.
fn marked_window_matches(marked_query: &str, text: &str, start: usize, len: usize) -> bool {
    let in_word = |c: char| c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c);
    let Some((match_start, _)) = text.char_indices().nth(start) else {
        return false;
    };
    // A marked query letter never matches a plain ASCII letter: most candidates stop here.
    let plain = text[match_start..]
        .chars()
        .zip(marked_query.chars())
        .any(|(t, q)| t.is_ascii() && !q.is_ascii());
    if plain {
        return false;
    }
    let match_end = text[match_start..]
        .char_indices()
        .nth(len)
        .map_or(text.len(), |(at, _)| match_start + at);
    let mut from = match_start;
    let mut before = 0;
    for (at, c) in text[..match_start].char_indices().rev() {
        if !in_word(c) {
            break;
        }
        from = at;
        before += 1;
    }
    let to = text[match_end..]
        .char_indices()
        .find(|&(_, c)| !in_word(c))
        .map_or(text.len(), |(at, _)| match_end + at);
    fold::marked_matches_at(marked_query, &fold::marked(&text[from..to]), before)
}

/// For a marked query matched loosely in pieces: each query char (spaces skipped) must match
/// its text char under the marked rules.
fn marked_subsequence(marked_query: &str, marked_field: &str, ranges: &[Range<usize>]) -> bool {
    let text: Vec<char> = marked_field.chars().collect();
    let mut query = marked_query.chars().filter(|c| !c.is_whitespace());
    for range in ranges {
        for at in range.clone() {
            let (Some(q), Some(&t)) = (query.next(), text.get(at)) else {
                return false;
            };
            if !fold::marked_char_matches(q, t) {
                return false;
            }
        }
    }
    true
}
