//! Accent-insensitive matching for Vietnamese text: folding, and the "marked" form of queries.
//!
//! [`fold`] maps every NFC char to exactly one char ("Nam Định" → "nam dinh"), except an
//! apostrophe after a letter, which it drops ("Ea H'leo" → "ea hleo", see [`drops`]): so a
//! match found at char positions in the folded text sits at the same positions among the
//! [`kept`] chars of the NFC original ([`byte_range`] turns them into bytes for highlighting).
//! A query that carries marks ([`has_marks`]) is then checked against the [`marked`] form of
//! the text with [`marked_matches_at`]: marks the query gives must be there, marks it leaves
//! out match anything.

use std::ops::Range;
use std::sync::OnceLock;

use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::text::split_letter;

/// Characters below this code point (ASCII, the Latin blocks and all of Vietnamese) are looked
/// up in tables built once; the rest are computed each time.
const TABULATED: u32 = 0x2000;

/// Tone marks, in the order of [`crate::text::Letter::tone`] (1 = huyền … 5 = nặng).
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// Vowel marks: breve (ă), circumflex (â ê ô), horn (ơ ư).
const VOWEL_MARKS: [char; 3] = ['\u{306}', '\u{302}', '\u{31b}'];

/// Stands for the stroke of đ when a letter is split into base and marks (đ has no
/// decomposition of its own).
const STROKE: char = '\u{335}';

/// The twelve Vietnamese vowels, vowel marks included; a tone sits on one of these.
const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Folds text for accent-insensitive matching: NFC first, then every character becomes exactly
/// one character: Vietnamese letters (all 134 accented ones, upper and lower, and đ/Đ → d) and
/// other Latin letters with marks (é → e, ñ → n) become their lower-case base letter; other
/// characters are lower-cased when lower-casing gives exactly one char, else kept. Only an
/// apostrophe after a letter is dropped ([`drops`]). So the n-th char of the result is the
/// fold of the n-th [`kept`] char of the NFC text (the position map is the identity on the
/// indexes of kept chars, and on all char indexes of text without such an apostrophe).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Same, appending to `out` (no allocation when `out` has room).
pub fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() && memchr::memchr(b'\'', text.as_bytes()).is_none() {
        let start = out.len();
        out.push_str(text);
        if let Some(appended) = out.get_mut(start..) {
            appended.make_ascii_lowercase();
        }
        return;
    }
    let table = fold_table();
    out.reserve(text.len());
    let mut push = |previous: &mut char, c: char| {
        if !drops(*previous, c) {
            out.push(fold_with(table, c));
        }
        *previous = c;
    };
    let mut previous = '\0';
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(|c| push(&mut previous, c));
    } else {
        text.nfc().for_each(|c| push(&mut previous, c));
    }
}

/// Whether folding drops `c`, coming right after `previous` in NFC text: an apostrophe (the
/// ASCII ', the typographic ’ or the modifier letter ʼ) after a letter. Inside a word it joins
/// ("Ea H'leo", "Cư M'gar", "Đắk R'Lấp"), and people type such names without it ("ea hleo",
/// "cu mgar"); after a word it is a slip of the keyboard ("H' Neng" for H'Neng) or a closing
/// quote. A query typed with the apostrophe ("h'leo", "h’leo") folds the same, and so does
/// one typed up to it ("ea h'" finds what "ea h" finds). An apostrophe after anything else
/// (a space, an opening quote) is kept.
pub fn drops(previous: char, c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
        && (previous.is_alphabetic() || is_combining_mark(previous))
}

/// The chars of NFC `text` that folding keeps (all but those it [`drops`]), with their byte
/// offsets; `previous` is the char before `text` when `text` is the rest of a longer text.
/// The n-th of them is the one the n-th char of the folded text came from.
pub fn kept(text: &str, previous: Option<char>) -> impl Iterator<Item = (usize, char)> + '_ {
    let mut previous = previous.unwrap_or('\0');
    text.char_indices().filter(move |&(_, c)| {
        let keep = !drops(previous, c);
        previous = c;
        keep
    })
}

/// The byte offset in NFC `original` of the kept char `n` places after the kept char at byte
/// `from` (`n` = 0 is that char itself), or the end of `original` when there is none: how far
/// `n` chars of folded text reach in the original.
pub fn advance(original: &str, from: usize, n: usize) -> usize {
    let (Some(before), Some(rest)) = (original.get(..from), original.get(from..)) else {
        return original.len();
    };
    kept(rest, before.chars().next_back())
        .nth(n)
        .map_or(original.len(), |(at, _)| from + at)
}

/// True when `query` carries any Vietnamese mark (a tone, ă â ê ô ơ ư, or đ) — such a query
/// narrows matches to those marks (see [`marked_matches_at`]).
pub fn has_marks(query: &str) -> bool {
    !query.is_ascii() && query.chars().any(char_has_marks)
}

/// The "marked" form used to check a marked query: NFC, lower-case, one char per [`kept`] NFC
/// char (as [`fold`] gives), keeping vowel marks and đ, but with each syllable's tone moved to
/// the syllable's first vowel (syllable = maximal run of letters; a dropped apostrophe ends
/// one, so "Ea H'lấp" keeps its tone on the â of "lấp"), so old and new tone placement
/// ("hoà"/"hòa", "thuỵ"/"thụy") give the same form.
///
/// A run with more than one tone (words written together, "hoàđạo") is left where its tones
/// are: moving would have to drop one of them.
pub fn marked(text: &str) -> String {
    if text.is_ascii() && memchr::memchr(b'\'', text.as_bytes()).is_none() {
        return text.to_ascii_lowercase();
    }
    let table = mark_table();
    let mut previous = '\0';
    let mut entry = |c: char| {
        let mut entry = mark_with(table, c);
        if drops(previous, c) {
            entry.letter = false;
            entry.kept = false;
        }
        previous = c;
        entry
    };
    let entries: Vec<MarkEntry> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().map(&mut entry).collect()
    } else {
        text.nfc().map(&mut entry).collect()
    };
    let mut out = String::with_capacity(text.len());
    for run in entries.chunk_by(|a, b| a.letter && b.letter) {
        let mut toned = run.iter().filter(|entry| entry.tone != 0);
        let moved = match (toned.next(), toned.next()) {
            (Some(entry), None) => Some(entry.tone),
            _ => None,
        };
        let first_vowel = run.iter().position(|entry| entry.vowel);
        for (index, entry) in run.iter().enumerate().filter(|(_, entry)| entry.kept) {
            let tone = match moved {
                Some(tone) if first_vowel == Some(index) => tone,
                Some(_) => 0,
                None => entry.tone,
            };
            out.push(with_tone(entry.plain, tone));
        }
    }
    out
}

/// Whether query char `q` matches text char `t`, both taken from `marked` forms: same base
/// letter (đ counts as d with a stroke mark), and every mark the query char carries (vowel
/// mark, stroke, tone) is carried by `t` too. A mark the query leaves out matches anything:
/// "đinh" matches "định", "dinh" matches "định", "định" does not match "đinh" or "dính".
pub fn marked_char_matches(q: char, t: char) -> bool {
    if q == t {
        return true;
    }
    if q.is_ascii() {
        return fold_char(t) == q.to_ascii_lowercase();
    }
    let query = Parts::of(q);
    let text = Parts::of(t);
    query.base == text.base && query.marks().iter().all(|mark| text.marks().contains(mark))
}

/// Whether `query_marked` (the `marked` form of a query) matches `text_marked` (a `marked`
/// form) at char position `at`, char by char with [`marked_char_matches`]. The query must fit
/// inside the text: an empty query matches at any position up to the text's char count.
pub fn marked_matches_at(query_marked: &str, text_marked: &str, at: usize) -> bool {
    let mut text = text_marked.chars();
    for _ in 0..at {
        if text.next().is_none() {
            return false;
        }
    }
    query_marked
        .chars()
        .all(|q| text.next().is_some_and(|t| marked_char_matches(q, t)))
}

/// Byte range in `original` (NFC text) of the folded chars with indexes `start..end`, that is
/// of the [`kept`] chars with those indexes — how a match found in the folded text is
/// highlighted in the original. It runs from the first matched char to the end of the last, so
/// a dropped apostrophe inside is highlighted with its word ("hleo" in "Ea H'leo" is "H'leo")
/// and one after the match is not ("ea h" is "Ea H"). Indexes past the end are clamped to
/// the end, and an `end` before `start` gives an empty range at `start`.
pub fn byte_range(original: &str, start: usize, end: usize) -> Range<usize> {
    let len = original.len();
    if original.is_ascii() && memchr::memchr(b'\'', original.as_bytes()).is_none() {
        let start = start.min(len);
        return start..end.clamp(start, len);
    }
    let mut chars = kept(original, None);
    let Some((from, first)) = chars.nth(start) else {
        return len..len;
    };
    let last = match end.saturating_sub(start) {
        0 => return from..from,
        1 => Some((from, first)),
        more => chars.take(more - 1).last().or(Some((from, first))),
    };
    from..last.map_or(len, |(at, c)| at + c.len_utf8())
}

/// The fold of one char (see [`fold`]).
fn fold_char(c: char) -> char {
    fold_with(fold_table(), c)
}

fn fold_with(table: &[char], c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let code = u32::from(c);
    if code < TABULATED
        && let Some(&folded) = table.get(code as usize)
    {
        return folded;
    }
    compute_fold(c)
}

fn fold_table() -> &'static [char] {
    static TABLE: OnceLock<Vec<char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABULATED)
            .map(|code| char::from_u32(code).map_or('\u{FFFD}', compute_fold))
            .collect()
    })
}

fn compute_fold(c: char) -> char {
    if matches!(c, 'đ' | 'Đ') {
        return 'd';
    }
    let mut base = None;
    decompose_canonical(c, |part| {
        if base.is_none() {
            base = Some(part);
        }
    });
    match base {
        // A Latin letter with marks: the marks go, and the base letter is lower-cased.
        Some(base) if base != c && base.is_ascii_alphabetic() => base.to_ascii_lowercase(),
        _ => lower_single(c),
    }
}

/// `c` lower-cased when that gives exactly one char, else `c` itself ("İ" lower-cases to two).
fn lower_single(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(single), None) => single,
        _ => c,
    }
}

fn char_has_marks(c: char) -> bool {
    if c.is_ascii() {
        return false;
    }
    if matches!(c, 'đ' | 'Đ') {
        return true;
    }
    let mut found = false;
    decompose_canonical(c, |part| {
        found |= TONES.contains(&part) || VOWEL_MARKS.contains(&part);
    });
    found
}

/// One NFC char as [`marked`] sees it: its lower-case form without tone (`plain`), the tone
/// (0 = none, else 1–5 as in [`TONES`], only on Vietnamese vowels), whether it is a vowel a
/// tone can move to, whether it belongs to a syllable (letters and combining marks), and
/// whether it is kept (false for an apostrophe [`fold`] drops).
#[derive(Clone, Copy, Debug)]
struct MarkEntry {
    plain: char,
    tone: u8,
    vowel: bool,
    letter: bool,
    kept: bool,
}

fn mark_with(table: &[MarkEntry], c: char) -> MarkEntry {
    let code = u32::from(c);
    if code < TABULATED
        && let Some(&entry) = table.get(code as usize)
    {
        return entry;
    }
    compute_mark(c)
}

fn mark_table() -> &'static [MarkEntry] {
    static TABLE: OnceLock<Vec<MarkEntry>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABULATED)
            .map(|code| char::from_u32(code).map_or_else(|| compute_mark('\u{FFFD}'), compute_mark))
            .collect()
    })
}

fn compute_mark(c: char) -> MarkEntry {
    let letter = c.is_alphabetic() || is_combining_mark(c);
    let split = split_letter(c);
    if VOWELS.contains(&split.base) {
        MarkEntry {
            plain: split.base,
            tone: split.tone,
            vowel: true,
            letter,
            kept: true,
        }
    } else {
        // Consonants, đ, letters with marks Vietnamese does not use (ñ, ü) and everything else:
        // kept whole, lower-cased.
        MarkEntry {
            plain: lower_single(c),
            tone: 0,
            vowel: false,
            letter,
            kept: true,
        }
    }
}

/// `plain` (a Vietnamese vowel when `tone` is not 0) with tone `tone`, precomposed.
fn with_tone(plain: char, tone: u8) -> char {
    let Some(index) = usize::from(tone).checked_sub(1) else {
        return plain;
    };
    let Some(&mark) = TONES.get(index) else {
        return plain;
    };
    compose(plain, mark)
        .or_else(|| {
            // ặ ậ ệ ộ compose as (ạ ẹ ọ) + vowel mark: the dot below goes on first.
            let mut base = None;
            let mut vowel_mark = None;
            decompose_canonical(plain, |part| {
                if base.is_none() {
                    base = Some(part);
                } else {
                    vowel_mark = Some(part);
                }
            });
            compose(compose(base?, mark)?, vowel_mark?)
        })
        .unwrap_or(plain)
}

/// A char split into its folded base letter and the marks on it (đ: d with [`STROKE`]).
/// Chars whose decomposition is not a letter plus combining marks (Hangul syllables) stay
/// whole, with no marks.
struct Parts {
    base: char,
    marks: [char; 4],
    len: usize,
}

impl Parts {
    fn of(c: char) -> Self {
        let mut parts = Self {
            base: c,
            marks: ['\0'; 4],
            len: 0,
        };
        if matches!(c, 'đ' | 'Đ') {
            parts.base = 'd';
            parts.marks[0] = STROKE;
            parts.len = 1;
            return parts;
        }
        let mut first = true;
        let mut whole = false;
        decompose_canonical(c, |part| {
            if first {
                parts.base = part;
                first = false;
            } else if !is_combining_mark(part) {
                whole = true;
            } else if let Some(slot) = parts.marks.get_mut(parts.len) {
                *slot = part;
                parts.len += 1;
            }
        });
        if whole {
            parts.base = c;
            parts.len = 0;
        }
        parts.base = fold_char(parts.base);
        parts
    }

    fn marks(&self) -> &[char] {
        self.marks.get(..self.len).unwrap_or(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const LOWER: [(char, &str); 7] = [
        ('a', "àảãáạăằẳẵắặâầẩẫấậ"),
        ('e', "èẻẽéẹêềểễếệ"),
        ('i', "ìỉĩíị"),
        ('o', "òỏõóọôồổỗốộơờởỡớợ"),
        ('u', "ùủũúụưừửữứự"),
        ('y', "ỳỷỹýỵ"),
        ('d', "đ"),
    ];

    const UPPER: [(char, &str); 7] = [
        ('a', "ÀẢÃÁẠĂẰẲẴẮẶÂẦẨẪẤẬ"),
        ('e', "ÈẺẼÉẸÊỀỂỄẾỆ"),
        ('i', "ÌỈĨÍỊ"),
        ('o', "ÒỎÕÓỌÔỒỔỖỐỘƠỜỞỠỚỢ"),
        ('u', "ÙỦŨÚỤƯỪỬỮỨỰ"),
        ('y', "ỲỶỸÝỴ"),
        ('d', "Đ"),
    ];

    fn nfd(s: &str) -> String {
        s.nfd().collect()
    }

    fn nfc(s: &str) -> String {
        s.nfc().collect()
    }

    fn matches(query: &str, text: &str) -> bool {
        let query = marked(query);
        let text = marked(text);
        query.chars().count() == text.chars().count() && marked_matches_at(&query, &text, 0)
    }

    #[test]
    fn all_134_vietnamese_letters_fold_to_their_base() {
        let mut seen = std::collections::BTreeSet::new();
        for table in [LOWER, UPPER] {
            let mut count = 0;
            for (base, letters) in table {
                for letter in letters.chars() {
                    assert!(seen.insert(letter), "{letter} listed twice");
                    count += 1;
                    let one = letter.to_string();
                    assert_eq!(nfc(&one), one, "{letter} is not NFC");
                    assert_eq!(fold(&one), base.to_string(), "fold({letter})");
                    assert_eq!(fold(&nfd(&one)), base.to_string(), "fold(NFD {letter})");
                    assert!(has_marks(&one), "has_marks({letter})");
                }
            }
            assert_eq!(count, 67);
        }
        assert_eq!(seen.len(), 134);
    }

    #[test]
    fn every_toned_letter_survives_marked() {
        for table in [LOWER, UPPER] {
            for (_, letters) in table {
                for letter in letters.chars() {
                    let lower = letter.to_lowercase().to_string();
                    assert_eq!(marked(&letter.to_string()), lower);
                    assert_eq!(marked(&nfd(&letter.to_string())), lower);
                }
            }
        }
    }

    #[test]
    fn tone_numbers_agree_with_split_letter() {
        for (index, mark) in TONES.iter().enumerate() {
            let letter = nfc(&format!("a{mark}")).chars().next().unwrap();
            assert_eq!(usize::from(split_letter(letter).tone), index + 1);
        }
    }

    #[test]
    fn folds_place_names() {
        assert_eq!(fold("Nam Định"), "nam dinh");
        assert_eq!(fold("ĐỒNG TIẾN"), "dong tien");
        assert_eq!(fold(&nfd("ĐỒNG TIẾN")), "dong tien");
        assert_eq!(fold("Hoà"), fold("Hòa"));
        assert_eq!(fold("Thuỵ"), fold("Thụy"));
        assert_eq!(fold("Hoà"), "hoa");
    }

    #[test]
    fn folds_other_latin_and_leaves_the_rest() {
        assert_eq!(fold("Café Señor"), "cafe senor");
        assert_eq!(fold("Ärger Øre"), "arger øre");
        assert_eq!(fold("İstanbul"), "istanbul");
        assert_eq!(fold("Straße"), "straße");
        assert_eq!(fold("ΩΜΕΓΑ 日本 €5"), "ωμεγα 日本 €5");
        assert_eq!(fold("HTX Số 1, Q.3"), "htx so 1, q.3");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_into_appends_without_allocating() {
        let mut out = String::with_capacity(64);
        out.push_str("x|");
        let before = out.as_ptr();
        fold_into("Nam Định", &mut out);
        fold_into("|ABC", &mut out);
        assert_eq!(out, "x|nam dinh|abc");
        assert_eq!(out.as_ptr(), before);
    }

    #[test]
    fn marked_moves_the_tone_to_the_first_vowel() {
        assert_eq!(marked("Hoà"), marked("Hòa"));
        assert_eq!(marked("Thuỵ"), marked("Thụy"));
        assert_eq!(marked("Hòa"), "hòa");
        assert_eq!(marked("THỤY"), "thụy");
        assert_eq!(marked("Nam Định"), "nam định");
        assert_eq!(marked("Thuỷ Hoà"), marked(&nfd("Thủy Hòa")));
        assert_eq!(marked("người"), "ngừơi");
        // Two tones in one run stay where they were.
        assert_eq!(marked("hoàđạo"), "hoàđạo");
        assert_eq!(marked("ABC"), "abc");
    }

    #[test]
    fn position_map_is_the_identity_on_chars() {
        let text = "Định x";
        assert_eq!(fold(text).chars().count(), text.chars().count());
        assert_eq!(fold(&nfd(text)).chars().count(), text.chars().count());
        assert_eq!(marked(text).chars().count(), text.chars().count());
        let name = "Nam Định";
        let range = byte_range(name, 4, 8);
        assert_eq!(name.get(range), Some("Định"));
        let found = fold(name).find("dinh").unwrap();
        assert_eq!(found, 4);
    }

    #[test]
    fn an_apostrophe_after_a_letter_is_dropped() {
        assert_eq!(fold("Ea H'leo"), "ea hleo");
        assert_eq!(fold("Cư M’gar"), "cu mgar");
        assert_eq!(fold("Đắk Rʼlấp"), "dak rlap");
        assert_eq!(fold(&nfd("Đắk R'Lấp")), "dak rlap");
        // After a word too: a slip of the keyboard, or a query typed up to the apostrophe.
        assert_eq!(fold("H' Neng"), "h neng");
        assert_eq!(fold("ea h'"), "ea h");
        // Not after anything else.
        assert_eq!(fold("'Nam' x ''"), "'nam x ''");
        assert_eq!(fold("1'2"), "1'2");
        assert_eq!(marked("Ea H'leo"), "ea hleo");
        assert_eq!(marked("Đắk R'Lấp"), "đắk rlấp");
        // The apostrophe still ends a syllable (even ʼ, a letter to Unicode): the tone of "lá"
        // stays on its a.
        assert_eq!(marked("Ba'lá"), "balá");
        assert_eq!(marked("Baʼlá"), "balá");
        assert_eq!(marked("Ba'la"), "bala");
    }

    #[test]
    fn ranges_of_matches_skip_dropped_apostrophes() {
        let name = "Ea H'leo";
        let at = fold(name).find("hleo").unwrap();
        assert_eq!(&name[byte_range(name, at, at + 4)], "H'leo");
        assert_eq!(&name[byte_range(name, 0, 4)], "Ea H");
        assert_eq!(&name[byte_range(name, 4, 7)], "leo");
        assert_eq!(byte_range(name, 7, 9), 8..8);
        let name = "Cư M’gar Đắk";
        assert_eq!(&name[byte_range(name, 3, 7)], "M’gar");
        assert_eq!(&name[byte_range(name, 4, 99)], "gar Đắk");
        assert_eq!(advance(name, 0, 4), name.find("g").unwrap());
        assert_eq!(
            advance(name, name.find("M").unwrap(), 1),
            name.find("g").unwrap()
        );
        assert_eq!(advance(name, 0, 99), name.len());
    }

    #[test]
    fn byte_range_clamps() {
        // Đ is two bytes, ị three.
        assert_eq!(byte_range("Định", 0, 1), 0..2);
        assert_eq!(byte_range("Định", 1, 2), 2..5);
        assert_eq!(byte_range("Định", 1, 1), 2..2);
        assert_eq!(byte_range("Định", 2, 99), 5..7);
        assert_eq!(byte_range("Định", 9, 99), 7..7);
        assert_eq!(byte_range("Định", 3, 1), 6..6);
        assert_eq!(byte_range("abc", 1, 2), 1..2);
        assert_eq!(byte_range("abc", 2, 9), 2..3);
        assert_eq!(byte_range("abc", 5, 1), 3..3);
        assert_eq!(byte_range("", 0, 0), 0..0);
    }

    #[test]
    fn has_marks_sees_tones_vowel_marks_and_stroke() {
        assert!(!has_marks("nam dinh"));
        assert!(has_marks("nam định"));
        assert!(has_marks("đinh"));
        assert!(!has_marks("NAM"));
        assert!(has_marks("Ơ"));
        assert!(has_marks("hoa\u{300}"));
        assert!(!has_marks("日本"));
    }

    #[test]
    fn marked_chars_match_when_the_query_marks_are_there() {
        assert!(marked_char_matches('đ', 'đ'));
        assert!(marked_char_matches('d', 'đ'));
        assert!(!marked_char_matches('đ', 'd'));
        assert!(marked_char_matches('i', 'ị'));
        assert!(marked_char_matches('ê', 'ế'));
        assert!(marked_char_matches('ế', 'ế'));
        assert!(marked_char_matches('é', 'ế'));
        assert!(!marked_char_matches('ế', 'ê'));
        assert!(!marked_char_matches('ế', 'é'));
        assert!(!marked_char_matches('ị', 'í'));
        assert!(!marked_char_matches('ă', 'â'));
        assert!(!marked_char_matches('o', 'a'));
        assert!(marked_char_matches('ñ', 'ñ'));
        assert!(marked_char_matches('n', 'ñ'));
        assert!(!marked_char_matches('ñ', 'n'));
    }

    #[test]
    fn marked_words_match_as_documented() {
        assert!(matches("đinh", "định"));
        assert!(matches("dinh", "định"));
        assert!(matches("định", "định"));
        assert!(!matches("định", "đinh"));
        assert!(!matches("định", "dính"));
        assert!(matches("hòa", "hoà"));
        assert!(matches("hoà", "hòa"));
        assert!(matches("hoa", "hoà"));
        assert!(matches("hoa", "hòa"));
        assert!(!matches("hóa", "hòa"));
        assert!(!matches("hóa", "hoà"));
        assert!(matches("thụy", "Thuỵ"));
        assert!(matches("ĐỊNH", "định"));
    }

    #[test]
    fn marked_matches_at_a_position() {
        let text = marked("Nam Định");
        assert!(marked_matches_at(&marked("định"), &text, 4));
        assert!(marked_matches_at(&marked("đinh"), &text, 4));
        assert!(!marked_matches_at(&marked("định"), &text, 3));
        assert!(!marked_matches_at(&marked("địnhx"), &text, 4));
        assert!(marked_matches_at("", &text, 8));
        assert!(!marked_matches_at("", &text, 9));
        let text = marked("Hợp tác xã Hoà Bình");
        assert!(marked_matches_at(&marked("hòa"), &text, 11));
        assert!(marked_matches_at(&marked("hoa"), &text, 11));
        assert!(!marked_matches_at(&marked("hóa"), &text, 11));
    }

    fn vietnamese() -> impl Strategy<Value = String> {
        "[a-zA-Z0-9 àảãáạăâêôơưđĐÀẢÃÁẠĂÂÊÔƠƯỳýỵệộựñüİ'’ʼ\u{300}\u{301}\u{303}\u{309}\u{323}\u{302}\u{306}\u{31b}]{0,24}"
    }

    fn check(s: &str) -> Result<(), TestCaseError> {
        let nfc = nfc(s);
        let nfd = nfd(s);
        let folded = fold(s);
        prop_assert_eq!(&fold(&nfc), &fold(&nfd));
        let kept: Vec<(usize, char)> = kept(&nfc, None).collect();
        prop_assert_eq!(folded.chars().count(), kept.len());
        prop_assert_eq!(marked(&nfc), marked(&nfd));
        prop_assert_eq!(marked(s).chars().count(), kept.len());
        // Each folded char comes from the kept char at its index, and byte_range finds it.
        for (i, (f, &(at, c))) in folded.chars().zip(&kept).enumerate() {
            prop_assert_eq!(f, fold_char(c));
            prop_assert_eq!(byte_range(&nfc, i, i + 1), at..at + c.len_utf8());
            prop_assert_eq!(advance(&nfc, 0, i), at);
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn any_text_folds_alike_in_nfc_and_nfd(s in any::<String>()) {
            check(&s)?;
        }

        #[test]
        fn vietnamese_text_folds_alike_in_nfc_and_nfd(s in vietnamese()) {
            check(&s)?;
        }
    }
}
