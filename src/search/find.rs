//! Searching a [`SearchIndex`]: which entries a query can match, how well each matches, and
//! the best `limit` records, best first.
//!
//! A search runs in passes, one level of match at a time, best level first: whole word,
//! prefix, substring, then (when those found little) all words or letters in order. Entries
//! are stored in ranking order, so within a pass the first entries that match are the best,
//! and a pass stops as soon as it has enough records. The candidates of a pass come from the
//! word index when there is one (the words the query's words can be, and their entries), or
//! else from one scan of the whole folded buffer. Either way every candidate is checked by the
//! same functions, [`SearchIndex::phrase`] and [`SearchIndex::loose`], so both ways give the
//! same results (a property test holds them to it).

use std::cmp::Reverse;
use std::ops::{Range, RangeInclusive};

use memchr::memmem;

use super::fold;
use super::index::{Field, Hit, Kind, Level, SearchIndex};
use super::words::{Inside, Words, letter_bit, word_runs};

/// The records a search matched, best first, before their highlights are worked out
/// ([`SearchIndex::matches`], then [`SearchIndex::hits`]).
pub struct Matches {
    query: Option<Query>,
    /// (record, entry, level) of each.
    found: Vec<(usize, usize, Level)>,
}

impl Matches {
    /// The record and the entry of each match.
    pub fn places(&self) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.found.iter().map(|&(record, entry, _)| (record, entry))
    }
}

/// Whether matching `query` reads the fields' original text, not only their folded text: it
/// does when the query carries marks ("định" matches only text with those marks).
pub fn reads_originals(query: &str) -> bool {
    Query::new(query).is_some_and(|query| query.marked.is_some())
}

/// A query, folded and taken apart once per search.
struct Query {
    /// Folded, trimmed.
    folded: String,
    /// In marked form, when the query carries marks (it then matches only those marks).
    marked: Option<String>,
    /// Chars of `folded`.
    chars: usize,
    finder: memmem::Finder<'static>,
    /// Its whitespace-separated terms, for the all-words level (not words in the sense of
    /// the word index: a term may hold punctuation).
    terms: Vec<String>,
    /// The same terms in marked form, when the query carries marks.
    marked_terms: Option<Vec<Vec<char>>>,
    /// Its chars, whitespace left out, for the letters-in-order level.
    letters: Vec<char>,
}

impl Query {
    fn new(typed: &str) -> Option<Self> {
        let typed = crate::text::display(typed);
        let typed = typed.trim();
        let folded = fold::fold(typed);
        if folded.trim().is_empty() {
            return None;
        }
        Some(Self {
            marked: fold::has_marks(typed).then(|| fold::marked(typed)),
            chars: folded.chars().count(),
            finder: memmem::Finder::new(folded.as_bytes()).into_owned(),
            terms: folded.split_whitespace().map(str::to_string).collect(),
            marked_terms: fold::has_marks(typed).then(|| {
                fold::marked(typed)
                    .split_whitespace()
                    .map(|term| term.chars().collect())
                    .collect()
            }),
            letters: folded.chars().filter(|c| !c.is_whitespace()).collect(),
            folded,
        })
    }

    /// Where the folded query first occurs in `haystack`. Most fields are a few dozen bytes,
    /// too short for the vectorised search to pay for its setup: those are searched for the
    /// query's first byte and compared.
    fn find(&self, haystack: &[u8]) -> Option<usize> {
        const SHORT: usize = 64;
        let needle = self.folded.as_bytes();
        let &first = needle.first()?;
        if haystack.len() >= SHORT {
            return self.finder.find(haystack);
        }
        let mut from = 0;
        while let Some(offset) = memchr::memchr(first, haystack.get(from..)?) {
            let at = from + offset;
            let rest = &haystack[at..];
            // Byte by byte: a call to memcmp costs more than these few bytes.
            if rest.len() >= needle.len() && rest.iter().zip(needle).all(|(a, b)| a == b) {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// How the query falls into words, when it starts with one (else only a scan finds it).
    fn shape(&self) -> Option<Shape<'_>> {
        let runs = words_of(&self.folded);
        let first = runs.first().filter(|run| run.start == 0)?;
        let text = |run: &Range<usize>| &self.folded[run.clone()];
        if first.end == self.folded.len() {
            return Some(Shape::OneWord(text(first)));
        }
        let last = runs
            .last()
            .filter(|run| runs.len() > 1 && run.end == self.folded.len());
        let middles = runs[1..runs.len() - usize::from(last.is_some())]
            .iter()
            .map(text)
            .collect();
        Some(Shape::Phrase {
            first: text(first),
            middles,
            last: last.map(text),
        })
    }
}

/// The words of a query, as the word index sees words.
enum Shape<'q> {
    /// Letters and digits only.
    OneWord(&'q str),
    /// A first word, then words each between two other chars, then maybe a last word that
    /// ends the query.
    Phrase {
        first: &'q str,
        middles: Vec<&'q str>,
        last: Option<&'q str>,
    },
}

/// Byte ranges of the words of `text`.
fn words_of(text: &str) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    word_runs(text, &mut runs);
    runs
}

/// Some words of the word index: the ones a query's word can be.
enum Ids {
    Range(Range<usize>),
    List(Vec<usize>),
}

impl Ids {
    fn of(word: Option<usize>) -> Self {
        Ids::List(word.into_iter().collect())
    }

    fn iter(&self) -> Box<dyn Iterator<Item = usize> + '_> {
        match self {
            Ids::Range(range) => Box::new(range.clone()),
            Ids::List(list) => Box::new(list.iter().copied()),
        }
    }

    /// How many entries these words hold between them (counting repeats): what checking
    /// them would cost. A range of words is counted without going through it.
    fn postings_count(&self, words: &Words) -> usize {
        match self {
            Ids::Range(range) => words.postings_in(range.clone()),
            Ids::List(list) => words.postings_count(list),
        }
    }
}

/// A set of records, one bit each.
struct Bits(Vec<u64>);

impl Bits {
    fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)])
    }

    fn get(&self, at: usize) -> bool {
        self.0
            .get(at / 64)
            .is_some_and(|word| word >> (at % 64) & 1 == 1)
    }

    /// Sets bit `at`; false when it was already set.
    fn insert(&mut self, at: usize) -> bool {
        let Some(word) = self.0.get_mut(at / 64) else {
            return false;
        };
        let bit = 1 << (at % 64);
        let fresh = *word & bit == 0;
        *word |= bit;
        fresh
    }

    /// The set bits, ascending.
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                (rest != 0).then(|| {
                    let bit = rest.trailing_zeros() as usize;
                    rest &= rest - 1;
                    i * 64 + bit
                })
            })
        })
    }
}

/// The records a search has taken so far, best first.
struct Found<'a> {
    index: &'a SearchIndex,
    kinds: Option<&'a [Kind]>,
    limit: usize,
    taken: Bits,
    /// Record, entry and level of each.
    hits: Vec<(usize, usize, Level)>,
}

impl<'a> Found<'a> {
    fn new(index: &'a SearchIndex, kinds: Option<&'a [Kind]>, limit: usize) -> Self {
        Self {
            index,
            kinds,
            limit,
            taken: Bits::new(index.records.len()),
            hits: Vec::new(),
        }
    }

    fn room(&self) -> usize {
        self.limit.saturating_sub(self.hits.len())
    }

    /// Whether `record` may still be taken: not yet taken, and of a kind asked for.
    fn open(&self, record: usize) -> bool {
        !self.taken.get(record)
            && self.kinds.is_none_or(|kinds| {
                self.index
                    .records
                    .get(record)
                    .is_some_and(|r| kinds.contains(&r.target.kind()))
            })
    }

    fn take(&mut self, record: usize, entry: usize, level: Level) {
        if self.room() > 0 && self.taken.insert(record) {
            self.hits.push((record, entry, level));
        }
    }
}

/// What one level of a pass has matched: entries in ranking order, and how many records.
struct Tally {
    entries: Vec<usize>,
    records: Bits,
    count: usize,
}

/// Fewer exact hits than this, and the looser levels are tried too.
const FEW: usize = 50;

/// How often a pass looks at the cancel flag, in candidates.
const CANCEL_EVERY: usize = 1024;

impl SearchIndex {
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
        let matches = self.matches(query, kinds, limit, cancelled)?;
        Some(self.hits(matches))
    }

    /// [`SearchIndex::search`] up to the matches, before their highlights are worked out:
    /// `htx find` reads the original text of only these entries in between (see
    /// `store::cache::Partial`), unless the query carries marks ([`reads_originals`]).
    pub fn matches(
        &self,
        query: &str,
        kinds: Option<&[Kind]>,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Matches> {
        let Some(query) = Query::new(query).filter(|_| limit > 0) else {
            return Some(Matches {
                query: None,
                found: Vec::new(),
            });
        };
        let found = self.best(&query, kinds, limit, cancelled)?;
        Some(Matches {
            query: Some(query),
            found,
        })
    }

    /// The matches ready to show, with what matched in each highlighted.
    pub fn hits(&self, matches: Matches) -> Vec<Hit> {
        let Some(query) = matches.query else {
            return Vec::new();
        };
        matches
            .found
            .iter()
            .map(|&(record, entry, level)| Hit {
                record,
                entry,
                level,
                highlight: self.highlight(&query, entry, level),
            })
            .collect()
    }

    /// The best `limit` records for `query`, best first: (record, entry, level) each.
    fn best(
        &self,
        query: &Query,
        kinds: Option<&[Kind]>,
        limit: usize,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<(usize, usize, Level)>> {
        let mut found = Found::new(self, kinds, limit);
        let words = self.words.get();
        match (words, query.shape()) {
            (Some(words), Some(shape)) => {
                self.exact_by_words(words, query, &shape, &mut found, cancelled)?;
            }
            _ => {
                let candidates = self.occurrences(query);
                let eval = |e| self.phrase(query, e).map(|(level, _)| level);
                self.pass(
                    &mut found,
                    candidates,
                    Level::Substring..=Level::WholeWord,
                    eval,
                    cancelled,
                )?;
            }
        }
        // Looser matching only when the exact phrase found little: a query of several words
        // in another order, or letters in order with gaps (typos, abbreviations).
        // (Not for one or two letters: nearly everything would match, and mean nothing.)
        if found.hits.len() < limit.min(FEW) && query.letters.len() >= 3 {
            let level = if query.terms.len() > 1 {
                Level::AllWords
            } else {
                Level::Fuzzy
            };
            let eval = |e| self.loose(query, e).map(|(level, _)| level);
            match words {
                Some(words) => {
                    let candidates = self.loose_candidates(words, query);
                    self.pass(&mut found, candidates, level..=level, eval, cancelled)?;
                }
                None => {
                    let candidates = 0..self.entries.len();
                    self.pass(&mut found, candidates, level..=level, eval, cancelled)?;
                }
            }
        }
        Some(found.hits)
    }

    /// Checks `candidates` (entries, ascending) with `eval` and takes, in ranking order, the
    /// records whose best match is at one of `levels`, until `found` is full. Stops early
    /// once the best level alone fills it.
    fn pass(
        &self,
        found: &mut Found<'_>,
        candidates: impl Iterator<Item = usize>,
        levels: RangeInclusive<Level>,
        eval: impl Fn(usize) -> Option<Level>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<()> {
        let room = found.room();
        if room == 0 {
            return Some(());
        }
        let mut tallies: Vec<(Level, Tally)> = Vec::new();
        for (i, e) in candidates.enumerate() {
            if i % CANCEL_EVERY == CANCEL_EVERY - 1 && cancelled() {
                return None;
            }
            let record = self.entries[e].record as usize;
            if !found.open(record) {
                continue;
            }
            let Some(level) = eval(e).filter(|level| levels.contains(level)) else {
                continue;
            };
            let at = match tallies.iter().position(|(l, _)| *l == level) {
                Some(at) => at,
                None => {
                    let tally = Tally {
                        entries: Vec::new(),
                        records: Bits::new(self.records.len()),
                        count: 0,
                    };
                    tallies.push((level, tally));
                    tallies.len() - 1
                }
            };
            let tally = &mut tallies[at].1;
            // Beyond `room` records, a level's later entries can never be shown: even if better
            // levels take k of its first `room` records, the other `room - k` are the best left.
            if tally.count < room {
                tally.entries.push(e);
                if tally.records.insert(record) {
                    tally.count += 1;
                }
            }
            if level == *levels.end() && tally.count >= room {
                break;
            }
        }
        tallies.sort_by_key(|(level, _)| Reverse(*level));
        for (level, tally) in tallies {
            for e in tally.entries {
                let record = self.entries[e].record as usize;
                if found.open(record) {
                    found.take(record, e, level);
                }
            }
        }
        Some(())
    }

    /// The entries holding the query's phrase, ascending: one scan of the folded buffer.
    fn occurrences<'s>(&'s self, query: &'s Query) -> impl Iterator<Item = usize> + 's {
        let bytes = self.folded.as_bytes();
        let (mut pos, mut e) = (0usize, 0usize);
        std::iter::from_fn(move || {
            let at = pos + query.finder.find(bytes.get(pos..)?)?;
            while e + 1 < self.entries.len() && self.entries[e + 1].folded.0 as usize <= at {
                e += 1;
            }
            // The rest of this entry is the checker's business.
            pos = (self.entries.get(e)?.folded.1 as usize + 1).max(at + 1);
            Some(e)
        })
    }

    /// The whole-word, prefix and substring passes, their candidates from the word index.
    fn exact_by_words(
        &self,
        words: &Words,
        query: &Query,
        shape: &Shape<'_>,
        found: &mut Found<'_>,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<()> {
        let eval = |e| self.phrase(query, e).map(|(level, _)| level);
        for level in [Level::WholeWord, Level::Prefix, Level::Substring] {
            if found.room() == 0 {
                break;
            }
            // Every word the query's words must be, at this level; candidates are the
            // entries of the rarest.
            let constraints: Vec<Ids> = match *shape {
                Shape::OneWord(word) => vec![match level {
                    Level::WholeWord => Ids::of(words.exact(word)),
                    Level::Prefix => Ids::Range(words.prefixed(word)),
                    _ => Ids::List(words.inside(word, Inside::NotAtStart)),
                }],
                Shape::Phrase {
                    first,
                    ref middles,
                    last,
                } => {
                    let mut constraints = vec![match level {
                        Level::Substring => Ids::List(words.inside(first, Inside::ProperSuffix)),
                        _ => Ids::of(words.exact(first)),
                    }];
                    constraints.extend(middles.iter().map(|&word| Ids::of(words.exact(word))));
                    constraints.extend(last.map(|word| match level {
                        Level::WholeWord => Ids::of(words.exact(word)),
                        _ => Ids::Range(words.prefixed(word)),
                    }));
                    constraints
                }
            };
            let Some(rarest) = constraints
                .iter()
                .min_by_key(|ids| ids.postings_count(words))
            else {
                continue;
            };
            let candidates = self.union(words, rarest, cancelled)?;
            self.pass(found, candidates, level..=level, eval, cancelled)?;
        }
        Some(())
    }

    /// The entries of the words `ids`, ascending, each once.
    fn union<'w>(
        &self,
        words: &'w Words,
        ids: &Ids,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Box<dyn Iterator<Item = usize> + 'w>> {
        let mut each = ids.iter();
        if let (Some(only), None) = (each.next(), each.next()) {
            return Some(Box::new(words.postings(only).iter().map(|&e| e as usize)));
        }
        let mut set = Bits::new(self.entries.len());
        for (i, w) in ids.iter().enumerate() {
            if i % CANCEL_EVERY == CANCEL_EVERY - 1 && cancelled() {
                return None;
            }
            for &e in words.postings(w) {
                set.insert(e as usize);
            }
        }
        Some(Box::new(set.iter().collect::<Vec<_>>().into_iter()))
    }

    /// Candidates for the looser levels: entries holding every query word somewhere (all
    /// words), or short fields holding every query letter (letters in order).
    fn loose_candidates<'s>(
        &'s self,
        words: &'s Words,
        query: &Query,
    ) -> Box<dyn Iterator<Item = usize> + 's> {
        if query.terms.len() == 1 {
            let mask = query
                .letters
                .iter()
                .fold(0, |mask, &c| mask | letter_bit(c));
            return Box::new((0..self.entries.len()).filter(move |&e| {
                is_short(self.entries[e].field) && words.letters(e) & mask == mask
            }));
        }
        // Each query word that starts with a letter or digit lies in a word of the field
        // holding that leading run (at the word's end, when more of the query word follows).
        let constraints: Vec<Vec<usize>> = query
            .terms
            .iter()
            .filter_map(|word| {
                let run = words_of(word).into_iter().next().filter(|r| r.start == 0)?;
                let how = if run.end == word.len() {
                    Inside::Anywhere
                } else {
                    Inside::Suffix
                };
                Some(words.inside(&word[run], how))
            })
            .take(usize::from(u8::MAX))
            .collect();
        if constraints.is_empty() {
            return Box::new(0..self.entries.len());
        }
        let mut count = vec![0u8; self.entries.len()];
        for (i, ids) in constraints.iter().enumerate() {
            let (before, after) = (i as u8, i as u8 + 1);
            for &w in ids {
                for &e in words.postings(w) {
                    if let Some(slot) = count.get_mut(e as usize).filter(|c| **c == before) {
                        *slot = after;
                    }
                }
            }
        }
        let all = constraints.len() as u8;
        Box::new(
            count
                .into_iter()
                .enumerate()
                .filter_map(move |(e, c)| (c == all).then_some(e)),
        )
    }

    /// The best match of the query's phrase in entry `e`: its level and byte offset in the
    /// folded field. Ties go to the first.
    fn phrase(&self, query: &Query, e: usize) -> Option<(Level, usize)> {
        let entry = self.entries.get(e)?;
        let field = self.folded_text(entry);
        let len = query.folded.len();
        let mut best: Option<(Level, usize)> = None;
        let mut pos = 0;
        // For a marked query, the same place in the original text: folded text and the kept
        // chars of the original agree char for char (`fold::kept`), so both are walked forward
        // together as occurrences come. (Only then is the original read: it lies elsewhere in
        // memory, a cache miss.)
        let original = if query.marked.is_some() {
            self.text(e)
        } else {
            ""
        };
        let (mut folded_at, mut original_at) = (0, 0);
        while let Some(offset) = field
            .as_bytes()
            .get(pos..)
            .and_then(|rest| query.find(rest))
        {
            let at = pos + offset;
            pos = at + 1;
            if let Some(marked) = &query.marked {
                let skipped = field.get(folded_at..at).map_or(0, |s| s.chars().count());
                original_at = fold::advance(original, original_at, skipped);
                folded_at = at;
                if !marked_window_matches(marked, original, original_at, query.chars) {
                    continue;
                }
            }
            let before = field[..at].chars().next_back();
            let after = field[at + len..].chars().next();
            let starts_word = before.is_none_or(|c| !c.is_alphanumeric());
            let ends_word = after.is_none_or(|c| !c.is_alphanumeric());
            let level = match (starts_word, ends_word) {
                (true, true) => Level::WholeWord,
                (true, false) => Level::Prefix,
                _ => Level::Substring,
            };
            if best.is_none_or(|(best, _)| level > best) {
                best = Some((level, at));
                if level == Level::WholeWord {
                    break;
                }
            }
        }
        best
    }

    /// A looser match of the query in entry `e`: every query word somewhere in the field, or
    /// (a one-word query, in a short field) its letters in order, close together. Gives the
    /// char ranges matched.
    fn loose(&self, query: &Query, e: usize) -> Option<(Level, Vec<Range<usize>>)> {
        let entry = self.entries.get(e)?;
        let field = self.folded_text(entry);
        if query.terms.len() > 1 {
            let ranges = all_words(field, &query.terms)?;
            let Some(marked_terms) = &query.marked_terms else {
                return Some((Level::AllWords, ranges));
            };
            // The first place of each term may lack the marks where a later one has them.
            let marked_field: Vec<char> = fold::marked(self.text(e)).chars().collect();
            let ranges = all_words_marked(field, &query.terms, marked_terms, &marked_field)?;
            return Some((Level::AllWords, ranges));
        }
        // Letters with gaps only in short fields: in a paragraph of notes almost any query's
        // letters appear in order somewhere, which says nothing.
        if !is_short(entry.field) {
            return None;
        }
        let ranges = fuzzy(field, &query.letters)?;
        let span = ranges.last()?.end - ranges.first()?.start;
        (span <= query.letters.len() * 2).then_some(())?;
        // Only the tightest placing of the letters is checked against the marks.
        if let Some(marked) = &query.marked {
            let marked_field = fold::marked(self.text(e));
            if !marked_subsequence(marked, &marked_field, &ranges) {
                return None;
            }
        }
        Some((Level::Fuzzy, ranges))
    }

    /// Byte ranges in the original text of entry `e` of what the query matched there.
    fn highlight(&self, query: &Query, e: usize, level: Level) -> Vec<Range<usize>> {
        let text = self.text(e);
        if level >= Level::Substring {
            let Some((_, at)) = self.phrase(query, e) else {
                return Vec::new();
            };
            let field = self
                .entries
                .get(e)
                .map_or("", |entry| self.folded_text(entry));
            let start = field.get(..at).map_or(0, |s| s.chars().count());
            vec![fold::byte_range(text, start, start + query.chars)]
        } else {
            self.loose(query, e).map_or_else(Vec::new, |(_, ranges)| {
                ranges
                    .iter()
                    .map(|r| fold::byte_range(text, r.start, r.end))
                    .collect()
            })
        }
    }
}

/// Names, titles, ids, codes and districts; not notes and details.
fn is_short(field: Field) -> bool {
    !matches!(field, Field::Notes | Field::Detail)
}

/// For a query with marks: char ranges of the first place of each term in `field` whose
/// marked form (`marked_field`, char for char) carries the term's marks, if all have one.
fn all_words_marked(
    field: &str,
    terms: &[String],
    marked_terms: &[Vec<char>],
    marked_field: &[char],
) -> Option<Vec<Range<usize>>> {
    terms
        .iter()
        .zip(marked_terms)
        .map(|(term, marked_term)| {
            let finder = memmem::Finder::new(term.as_bytes());
            let mut pos = 0;
            while let Some(offset) = finder.find(field.as_bytes().get(pos..)?) {
                let at = pos + offset;
                pos = at + 1;
                let start = field[..at].chars().count();
                let carries = marked_term.iter().enumerate().all(|(i, &q)| {
                    marked_field
                        .get(start + i)
                        .is_some_and(|&t| fold::marked_char_matches(q, t))
                });
                if carries {
                    return Some(start..start + marked_term.len());
                }
            }
            None
        })
        .collect()
}

/// Char ranges where each of `words` first occurs in `field`, if all do.
fn all_words(field: &str, words: &[String]) -> Option<Vec<Range<usize>>> {
    words
        .iter()
        .map(|word| {
            let at = memmem::find(field.as_bytes(), word.as_bytes())?;
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

/// Whether a marked query matches the original `text` at byte `match_start` (where the loose
/// match was found; `len` folded chars long). Only the syllables around the match are put in
/// marked form: tone placement depends on the whole syllable, and nothing further away. (A
/// syllable ends at an apostrophe, dropped or not: see [`fold::marked`].)
fn marked_window_matches(marked_query: &str, text: &str, match_start: usize, len: usize) -> bool {
    let in_word = |c: char| {
        (c.is_alphabetic() || unicode_normalization::char::is_combining_mark(c))
            && !matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
    };
    if match_start >= text.len() || !text.is_char_boundary(match_start) {
        return false;
    }
    let previous = text[..match_start].chars().next_back();
    // A marked query letter never matches a plain ASCII letter: most candidates stop here.
    let plain = fold::kept(&text[match_start..], previous)
        .zip(marked_query.chars())
        .any(|((_, t), q)| t.is_ascii() && !q.is_ascii());
    if plain {
        return false;
    }
    let match_end = fold::advance(text, match_start, len);
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use proptest::prelude::*;
    use std::sync::Arc;

    use super::*;
    use crate::model::Cooperative;

    /// Pieces of text the generated fields and queries are made of: syllables with and
    /// without marks (old and new tone placement), one-letter words, digits and ids, names
    /// joined by apostrophes, and the separators fields hold.
    const PIECES: [&str; 28] = [
        "Nam",
        "Định",
        "Đinh",
        "nam",
        "dinh",
        "Hòa",
        "Hoà",
        "Bình",
        "binh",
        "Đồng",
        "Tiến",
        "Dương",
        "n",
        "Đ",
        "h",
        "G-01-0000001",
        "01",
        "12",
        "ng",
        "thủy",
        "sản",
        "-",
        "·",
        "(",
        "H'leo",
        "R’lấp",
        "hleo",
        "'",
    ];

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec((0..PIECES.len(), prop::bool::ANY), 0..6).prop_map(|pieces| {
            let mut text = String::new();
            for (piece, glued) in pieces {
                if !glued && !text.is_empty() {
                    text.push(' ');
                }
                text.push_str(PIECES[piece]);
            }
            text
        })
    }

    fn dataset(names: Vec<(String, String, String)>) -> crate::model::Dataset {
        let mut dataset = crate::store::builtin().unwrap();
        dataset.cooperatives = names
            .into_iter()
            .enumerate()
            .map(|(i, (name, district, notes))| {
                let mut coop = Cooperative::blank(format!("T-{i}"), "36".into(), "x".into());
                coop.name = name;
                coop.district = Some(district);
                coop.notes = notes;
                Arc::new(coop)
            })
            .collect();
        dataset
    }

    fn query() -> impl Strategy<Value = String> {
        prop_oneof![
            text(),
            // A piece of one piece: what is typed before a word is done.
            (0..PIECES.len(), 0usize..4)
                .prop_map(|(piece, cut)| { PIECES[piece].chars().take(cut.max(1)).collect() }),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The word index only chooses which entries to check: a search through it gives
        /// exactly what a scan of every field gives.
        #[test]
        fn the_word_index_finds_what_a_scan_finds(
            fields in prop::collection::vec((text(), text(), text()), 0..40),
            queries in prop::collection::vec(query(), 1..8),
            limit in 1usize..30,
            narrowed in prop::bool::ANY,
        ) {
            let dataset = dataset(fields);
            let scanned = SearchIndex::build(&dataset);
            let indexed = SearchIndex::build(&dataset);
            indexed.prepare();
            let kinds: Option<&[Kind]> = narrowed.then_some(&[Kind::Cooperative]);
            for query in &queries {
                let by_scan = scanned.search(query, kinds, limit, &|| false).unwrap();
                let by_words = indexed.search(query, kinds, limit, &|| false).unwrap();
                prop_assert_eq!(by_scan, by_words, "query {:?}", query);
            }
        }
    }

    #[test]
    fn named_queries_agree_on_the_builtin_dataset() {
        let dataset = crate::store::builtin().unwrap();
        let scanned = SearchIndex::build(&dataset);
        let indexed = SearchIndex::build(&dataset);
        indexed.prepare();
        for query in [
            "n",
            "nam dinh",
            "Nam Định",
            "đinh",
            "hoà bình",
            "hòa",
            "htx nong nghiep",
            "kh-0",
            "36",
            "thuy san hai phong",
            "ktcb",
            "xyzq",
            "-",
            "(",
            "muối",
            "dong tien",
            "g-",
        ] {
            for limit in [1, 5, 200] {
                assert_eq!(
                    scanned.search(query, None, limit, &|| false),
                    indexed.search(query, None, limit, &|| false),
                    "{query:?} limit {limit}"
                );
            }
        }
    }

    #[test]
    fn a_marked_query_finds_its_words_where_they_carry_the_marks() {
        // The first "dinh" of the name is Đinh; only the second, Định, carries the marks.
        let dataset = dataset(vec![("Nam Đinh Định".into(), "x".into(), String::new())]);
        for prepared in [false, true] {
            let index = SearchIndex::build(&dataset);
            if prepared {
                index.prepare();
            }
            let hits = index
                .search("định nam", Some(&[Kind::Cooperative]), 10, &|| false)
                .unwrap();
            assert_eq!(hits.len(), 1);
            assert_eq!(hits[0].level, Level::AllWords);
            let text = index.text(hits[0].entry);
            let marked: Vec<&str> = hits[0].highlight.iter().map(|r| &text[r.clone()]).collect();
            assert_eq!(marked, ["Định", "Nam"]);
        }
    }

    #[test]
    fn a_marked_phrase_is_found_where_it_carries_the_marks_however_far_in() {
        let notes = "Đinh, Dinh và đình làng; rồi Định ở Nam Định.";
        let dataset = dataset(vec![("x".into(), "x".into(), notes.into())]);
        let index = SearchIndex::build(&dataset);
        for (query, expected) in [("định", "Định"), ("nam định", "Nam Định"), ("đình", "đình")]
        {
            let hits = index
                .search(query, Some(&[Kind::Cooperative]), 10, &|| false)
                .unwrap();
            let text = index.text(hits[0].entry);
            assert_eq!(&text[hits[0].highlight[0].clone()], expected, "{query}");
        }
    }

    #[test]
    fn one_letter_finds_whole_words_then_prefixes_then_the_rest() {
        let dataset = dataset(vec![
            ("Xã n".into(), "Bình".into(), String::new()),
            ("Nông".into(), "Khánh".into(), String::new()),
            ("Tân".into(), "An".into(), String::new()),
        ]);
        let index = SearchIndex::build(&dataset);
        index.prepare();
        let hits = index
            .search("n", Some(&[Kind::Cooperative]), 10, &|| false)
            .unwrap();
        let summary: Vec<(&str, Level)> = hits
            .iter()
            .map(|h| (index.label(h.record), h.level))
            .collect();
        assert_eq!(
            summary,
            [
                ("Xã n", Level::WholeWord),
                ("Nông", Level::Prefix),
                ("Tân", Level::Substring)
            ]
        );
    }
}
