//! The word index: every distinct word of the folded fields, sorted, each with the entries it
//! occurs in (in entry order, which is ranking order). A keystroke then touches the entries
//! that can match instead of every byte of every field.
//!
//! A word is a maximal run of alphanumeric chars of folded text (the same test that decides
//! whether a match starts or ends a word). Built once per index, on the search worker, by
//! [`SearchIndex::prepare`](super::SearchIndex::prepare).

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::ops::Range;

use memchr::memmem;

use crate::store::hash::ContentHasher;

/// Distinct words and their postings, in compressed-row form.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// The words in byte order, each followed by a `\0`.
    text: String,
    /// Where each word starts in `text`, and one past the last word.
    starts: Vec<u32>,
    /// Word `w`'s entries are `postings[offsets[w]..offsets[w + 1]]`, ascending, each once.
    offsets: Vec<u32>,
    postings: Vec<u32>,
    /// Per entry, the chars it holds, as [`letter_bit`]s: a cheap test before a fuzzy match.
    letters: Vec<u64>,
}

/// The bit of a folded char in a [`Words::letters`] mask: one per ASCII letter and digit,
/// one for any other ASCII char, one for anything beyond ASCII.
pub fn letter_bit(c: char) -> u64 {
    match c {
        'a'..='z' => 1 << (c as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + c as u32 - '0' as u32),
        _ if c.is_ascii() => 1 << 36,
        _ => 1 << 37,
    }
}

/// Appends to `runs` the byte ranges of the words of `text`: its maximal runs of alphanumeric
/// chars.
pub fn word_runs(text: &str, runs: &mut Vec<Range<usize>>) {
    let mut start = None;
    for (at, c) in text.char_indices() {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                runs.push(from..at);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(from) = start {
        runs.push(from..text.len());
    }
}

/// Where a part must sit inside a word, for [`Words::inside`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inside {
    /// Anywhere after the word's first char.
    NotAtStart,
    /// At the word's end, after its first char.
    ProperSuffix,
    /// Anywhere, the start included.
    Anywhere,
    /// At the word's end, or as the whole word.
    Suffix,
}

impl Words {
    /// Indexes the words of `fields`, the folded text of each entry in entry order.
    pub fn build<'a>(fields: impl ExactSizeIterator<Item = &'a str>) -> Self {
        let mut ids: HashMap<&str, u32, BuildHasherDefault<ContentHasher>> = HashMap::default();
        // Word ids in order of first sight, and (word, entry) pairs, each pair once.
        let mut first_seen: Vec<&str> = Vec::new();
        let mut last_entry: Vec<u32> = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut letters = Vec::with_capacity(fields.len());
        let mut bounds = Vec::new();
        for (entry, field) in fields.enumerate() {
            let entry = u32::try_from(entry).unwrap_or(u32::MAX);
            letters.push(field.chars().fold(0, |mask, c| mask | letter_bit(c)));
            word_runs(field, &mut bounds);
            for range in bounds.drain(..) {
                let word = &field[range];
                let next = u32::try_from(first_seen.len()).unwrap_or(u32::MAX);
                let id = *ids.entry(word).or_insert(next);
                if id == next {
                    first_seen.push(word);
                    last_entry.push(u32::MAX);
                }
                if last_entry[id as usize] != entry {
                    last_entry[id as usize] = entry;
                    pairs.push((id, entry));
                }
            }
        }
        drop(ids);

        // Words in byte order; each word's entries, grouped by a counting pass over the pairs
        // (which come in entry order, so each group stays ascending).
        let mut order: Vec<u32> = (0..first_seen.len() as u32).collect();
        order.sort_unstable_by_key(|&id| first_seen[id as usize]);
        let mut position = vec![0u32; first_seen.len()];
        for (sorted, &id) in order.iter().enumerate() {
            position[id as usize] = sorted as u32;
        }
        let mut offsets = vec![0u32; first_seen.len() + 1];
        for &(id, _) in &pairs {
            offsets[position[id as usize] as usize + 1] += 1;
        }
        for w in 0..first_seen.len() {
            offsets[w + 1] += offsets[w];
        }
        let mut fill = offsets.clone();
        let mut postings = vec![0u32; pairs.len()];
        for &(id, entry) in &pairs {
            let slot = &mut fill[position[id as usize] as usize];
            postings[*slot as usize] = entry;
            *slot += 1;
        }
        let mut text = String::with_capacity(first_seen.iter().map(|w| w.len() + 1).sum());
        let mut starts = Vec::with_capacity(first_seen.len() + 1);
        for &id in &order {
            starts.push(text.len() as u32);
            text.push_str(first_seen[id as usize]);
            text.push('\0');
        }
        starts.push(text.len() as u32);
        Self {
            text,
            starts,
            offsets,
            postings,
            letters,
        }
    }

    /// How many distinct words.
    fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    fn word(&self, w: usize) -> &str {
        let (start, end) = (self.starts[w] as usize, self.starts[w + 1] as usize - 1);
        &self.text[start..end]
    }

    /// The entries word `w` occurs in, ascending.
    pub fn postings(&self, w: usize) -> &[u32] {
        &self.postings[self.offsets[w] as usize..self.offsets[w + 1] as usize]
    }

    /// How many entries the words of `range` hold between them (counting repeats).
    pub fn postings_in(&self, range: Range<usize>) -> usize {
        let end = range.end.min(self.len());
        let start = range.start.min(end);
        (self.offsets[end] - self.offsets[start]) as usize
    }

    /// How many entries the words `ids` hold between them (counting repeats).
    pub fn postings_count(&self, ids: &[usize]) -> usize {
        ids.iter()
            .map(|&w| (self.offsets[w + 1] - self.offsets[w]) as usize)
            .sum()
    }

    /// The chars entry `e` holds, as a mask of [`letter_bit`]s.
    pub fn letters(&self, e: usize) -> u64 {
        self.letters.get(e).copied().unwrap_or(u64::MAX)
    }

    /// The word equal to `word`.
    pub fn exact(&self, word: &str) -> Option<usize> {
        let at = self.prefixed(word).start;
        (at < self.len() && self.word(at) == word).then_some(at)
    }

    /// The words starting with `prefix` (itself included), as a range of ids.
    pub fn prefixed(&self, prefix: &str) -> Range<usize> {
        let start = self.first_where(0, |word| word >= prefix);
        let end = self.first_where(start, |word| !word.starts_with(prefix));
        start..end
    }

    /// The first word id from `from` on for which `past` holds, `past` being false for a
    /// leading run of the ids and true for the rest (a binary search).
    fn first_where(&self, from: usize, past: impl Fn(&str) -> bool) -> usize {
        let (mut low, mut high) = (from, self.len());
        while low < high {
            let middle = low + (high - low) / 2;
            if past(self.word(middle)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        low
    }

    /// The words holding `part` where `how` says, in id order.
    pub fn inside(&self, part: &str, how: Inside) -> Vec<usize> {
        let mut found = Vec::new();
        if part.is_empty() {
            return found;
        }
        let finder = memmem::Finder::new(part.as_bytes());
        let bytes = self.text.as_bytes();
        let (mut pos, mut w) = (0, 0);
        while let Some(offset) = bytes.get(pos..).and_then(|rest| finder.find(rest)) {
            let at = pos + offset;
            pos = at + 1;
            while w + 1 < self.starts.len() && self.starts[w + 1] as usize <= at {
                w += 1;
            }
            let (start, end) = (self.starts[w] as usize, self.starts[w + 1] as usize - 1);
            let fits = match how {
                Inside::NotAtStart => at > start,
                Inside::ProperSuffix => at > start && at + part.len() == end,
                Inside::Anywhere => true,
                Inside::Suffix => at + part.len() == end,
            };
            if fits && found.last() != Some(&w) {
                found.push(w);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(fields: &[&str]) -> Words {
        Words::build(fields.iter().copied())
    }

    fn spelled(words: &Words, ids: impl IntoIterator<Item = usize>) -> Vec<&str> {
        ids.into_iter().map(|w| words.word(w)).collect()
    }

    #[test]
    fn words_are_sorted_runs_of_letters_and_digits_with_their_entries() {
        let index = words(&["nam dinh", "ha nam", "g-01-0000001", "", "nam·nam"]);
        assert_eq!(
            spelled(&index, 0..index.len()),
            ["0000001", "01", "dinh", "g", "ha", "nam"]
        );
        let nam = index.exact("nam").unwrap();
        assert_eq!(index.postings(nam), [0, 1, 4]);
        assert_eq!(index.exact("na"), None);
        assert_eq!(index.exact("zzz"), None);
        assert_eq!(spelled(&index, index.prefixed("0")), ["0000001", "01"]);
        assert_eq!(spelled(&index, index.prefixed("n")), ["nam"]);
        assert!(index.prefixed("x").is_empty());
        assert_eq!(index.postings_count(&[nam, index.exact("g").unwrap()]), 4);
        assert_eq!(index.postings_in(index.prefixed("0")), 1 + 1);
        assert_eq!(index.postings_in(0..index.len()), 8);
    }

    #[test]
    fn words_holding_a_part() {
        let index = words(&["dinh kinh minh", "in ninh"]);
        assert_eq!(
            spelled(&index, index.inside("inh", Inside::NotAtStart)),
            ["dinh", "kinh", "minh", "ninh"]
        );
        assert_eq!(
            spelled(&index, index.inside("in", Inside::Anywhere)),
            ["dinh", "in", "kinh", "minh", "ninh"]
        );
        assert_eq!(
            spelled(&index, index.inside("in", Inside::NotAtStart)),
            ["dinh", "kinh", "minh", "ninh"]
        );
        assert_eq!(
            spelled(&index, index.inside("nh", Inside::ProperSuffix)),
            ["dinh", "kinh", "minh", "ninh"]
        );
        assert_eq!(
            spelled(&index, index.inside("ni", Inside::ProperSuffix)),
            Vec::<&str>::new()
        );
    }

    #[test]
    fn letter_masks() {
        let index = words(&["ab 1", "x-y", "ưa"]);
        assert_eq!(
            index.letters(0),
            letter_bit('a') | letter_bit('b') | letter_bit('1') | letter_bit(' ')
        );
        assert_eq!(
            index.letters(1),
            letter_bit('x') | letter_bit('y') | letter_bit('-')
        );
        assert_eq!(index.letters(2), letter_bit('ư') | letter_bit('a'));
    }
}
