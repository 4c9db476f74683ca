//! Vietnamese text: NFC normalisation, alphabetical order, and safe display.
//!
//! Pure functions over `&str`; the model calls [`nfc_in_place`] on load, lists sort with
//! [`list_key`] (name by [`collation_key`], then id), every string of data bound for the terminal goes through [`display`],
//! and every path in a message through [`shown_path`].

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;
use std::path::Path;

use unicode_normalization::{
    IsNormalized, UnicodeNormalization, char::decompose_canonical, is_nfc_quick,
};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Rewrites `text` in NFC if it is not already and tells whether it changed; the common case
/// (already NFC) allocates nothing.
pub fn nfc_in_place(text: &mut String) -> bool {
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return false;
    }
    let normalized: String = text.nfc().collect();
    if normalized == *text {
        return false;
    }
    *text = normalized;
    true
}

/// The Latin alphabet in Vietnamese order: the 29 letters of the Vietnamese alphabet, with the
/// four it lacks (f, j, w, z) in their Latin places, as CLDR's `vi` collation has them (names
/// outside the Red River Delta use them: Cư Jút, Ea Wer, Za Hung). A letter's rank in this
/// list is its primary weight.
pub(crate) const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Tone marks in dictionary order: no mark, huyền, hỏi, ngã, sắc, nặng.
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

/// Punctuation and symbols in the order CLDR's root collation gives them (which `vi` keeps):
/// all after white space and before digits. The chars of one string share a primary weight and
/// differ only at the second level, in the order written: ICU takes the typographic quotes for
/// variants of the ASCII ones, so "Ea H'leo" < "Ea H’leo" < "Ea Hiao".
const PUNCTUATION: [&str; 41] = [
    "_", "-", "–", "—", ",", ";", ":", "!", "?", ".", "·", "'‘’", "\"“”", "«", "»", "(", ")", "[",
    "]", "{", "}", "§", "@", "*", "/", "\\", "&", "#", "%", "`", "^", "°", "+", "×", "<", "=", ">",
    "|", "~", "$", "€",
];

/// The modifier letter apostrophe (ʼ): a letter to Unicode, and so placed after z by ICU.
const MODIFIER_APOSTROPHE: char = '\u{2bc}';

/// Primary weights, in order: white space, punctuation ([`PUNCTUATION`]), digits, letters
/// ([`ALPHABET`], then ʼ), then anything else by code point.
const SPACE_WEIGHT: u32 = 0x100;
const PUNCTUATION_WEIGHT: u32 = 0x101;
const DIGIT_WEIGHT: u32 = 0x180;
const LETTER_WEIGHT: u32 = 0x200;
const OTHER_WEIGHT: u32 = 0x1000;

/// A letter split into its base (with ă â ê ô ơ ư đ kept as letters of their own), its tone
/// (0 = none, 1–5 in [`TONES`] order) and whether it was upper case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Letter {
    pub base: char,
    pub tone: u8,
    pub upper: bool,
}

/// Splits one character into base letter, tone and case. Works on precomposed letters;
/// a bare combining mark comes back as itself with no tone.
pub fn split_letter(c: char) -> Letter {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let upper = lower != c;
    let mut base = None;
    let mut tone = 0;
    let mut vowel_mark = None;
    decompose_canonical(lower, |part| {
        if base.is_none() {
            base = Some(part);
        } else if let Some(index) = TONES.iter().position(|&t| t == part) {
            tone = u8::try_from(index + 1).unwrap_or(0);
        } else {
            vowel_mark = Some(part);
        }
    });
    let base = base.unwrap_or(lower);
    let base = match (base, vowel_mark) {
        ('a', Some('\u{306}')) => 'ă',
        ('a', Some('\u{302}')) => 'â',
        ('e', Some('\u{302}')) => 'ê',
        ('o', Some('\u{302}')) => 'ô',
        ('o', Some('\u{31b}')) => 'ơ',
        ('u', Some('\u{31b}')) => 'ư',
        (base, None) => base,
        // A mark Vietnamese does not use (ñ, ü…): keep the precomposed letter as its own base.
        _ => lower,
    };
    Letter { base, tone, upper }
}

/// A sort key giving Vietnamese dictionary order, the order of ICU's `vi` collation (CLDR) at
/// its default strength: letters first (Đ after D, Ư after U, J between I and K), then tones
/// (a à ả ã á ạ), then case (lower first), each level compared over the whole string, as a
/// multi-level collation does. White space sorts before punctuation, punctuation before digits
/// and digits before letters, as in ICU: "Ea H'leo" comes before "Ea Hiao" (the apostrophe,
/// which search ignores, still orders). `tests/collation.rs` holds this to ICU for every name
/// of the country's districts and communes and for random text over the characters it covers:
/// the letters of [`ALPHABET`] in either case and with any tone, ASCII digits, space and
/// no-break space, and [`PUNCTUATION`]. Anything else (letters with marks Vietnamese does not
/// use, other scripts, control characters) sorts after the letters, by code point, where ICU
/// would differ.
///
/// The key is built in one pass over the chars without allocating per char: long lists (100k
/// cooperatives) are sorted with it.
pub fn collation_key(text: &str) -> Vec<u32> {
    let mut primary = Vec::with_capacity(text.len() * 3 + 2);
    let mut tones = Vec::with_capacity(text.len());
    let mut cases = Vec::with_capacity(text.len());
    let mut push = |c: char| {
        let (weight, tone, upper) = weights(c);
        primary.push(weight);
        tones.push(tone);
        cases.push(upper);
    };
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().for_each(&mut push);
    } else {
        text.nfc().for_each(&mut push);
    }
    primary.push(0);
    primary.extend(tones);
    primary.push(0);
    primary.extend(cases);
    primary
}

/// The order of every list of named records, on the screen and on the command line alike:
/// by name in Vietnamese order ([`collation_key`]), then by id. Two records with equal names
/// (or names equal to the collation, such as NFC and NFD spellings) are then in one order
/// however the list was built, and never in the order of the file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct ListKey<'a> {
    name: Vec<u32>,
    id: &'a str,
}

/// The [`ListKey`] of a record named `name` with the id (a cooperative's id, a province's
/// code) `id`.
pub fn list_key<'a>(name: &str, id: &'a str) -> ListKey<'a> {
    ListKey {
        name: collation_key(name),
        id,
    }
}

/// Primary weight, second-level weight (tone, or which variant of a quote) and third-level
/// weight (case) of one character; characters below U+2100 (all of Vietnamese, the Latin
/// blocks and the punctuation of [`PUNCTUATION`]) come from a table built once.
fn weights(c: char) -> (u32, u32, u32) {
    static TABLE: std::sync::OnceLock<Vec<(u32, u32, u32)>> = std::sync::OnceLock::new();
    const TABULATED: u32 = 0x2100;
    let code = u32::from(c);
    if code < TABULATED {
        let table = TABLE.get_or_init(|| {
            (0..TABULATED)
                .map(|code| char::from_u32(code).map_or((0, 0, 0), compute_weights))
                .collect()
        });
        if let Some(&found) = table.get(code as usize) {
            return found;
        }
    }
    compute_weights(c)
}

fn compute_weights(c: char) -> (u32, u32, u32) {
    let letter = split_letter(c);
    let rank = |at: usize| u32::try_from(at).unwrap_or(0);
    let (weight, second) = if let Some(at) = ALPHABET.iter().position(|&a| a == letter.base) {
        (LETTER_WEIGHT + rank(at), u32::from(letter.tone))
    } else if c == MODIFIER_APOSTROPHE {
        (LETTER_WEIGHT + rank(ALPHABET.len()), 0)
    } else if c.is_whitespace() {
        // Other white space (no-break space…) as a third-level variant of the space.
        return (SPACE_WEIGHT, 1, if c == ' ' { 1 } else { 2 });
    } else if c.is_ascii_digit() {
        (DIGIT_WEIGHT + u32::from(c) - u32::from('0'), 0)
    } else if let Some((at, second)) = PUNCTUATION
        .iter()
        .enumerate()
        .find_map(|(at, group)| Some((at, group.chars().position(|g| g == c)?)))
    {
        (PUNCTUATION_WEIGHT + rank(at), rank(second))
    } else {
        (OTHER_WEIGHT + u32::from(letter.base), 0)
    };
    (weight, second + 1, u32::from(letter.upper) + 1)
}

/// Compares two strings in Vietnamese dictionary order.
pub fn collate(a: &str, b: &str) -> Ordering {
    collation_key(a).cmp(&collation_key(b))
}

/// True for a bidirectional formatting character: the embeddings and overrides
/// U+202A–U+202E, the isolates U+2066–U+2069 and the marks U+200E, U+200F and U+061C. Drawn
/// as they are, they reorder the text around them, so that one name can be made to look like
/// another (`U+202E` shows "HTX cba" for "HTX abc").
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// True for a character that must never reach a terminal as it is: a control character (C0,
/// DEL, C1: ESC starts every escape sequence, and U+009B is a one-character CSI) or a
/// bidirectional formatting character ([`is_bidi_control`]).
pub fn is_unsafe_for_terminal(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Whether a spreadsheet would read a cell as a formula (OWASP, "CSV Injection"): it
/// starts with `=`, `+`, `-`, `@`, a tab or a carriage return, or with whitespace before one
/// of `=`, `+`, `-`, `@` (a spreadsheet may trim it first; control characters are spaces by
/// now).
pub fn runs_as_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r']) || cell.trim_start().starts_with(['=', '+', '-', '@'])
}

/// Makes text safe to draw: control characters (C0, C1, DEL, which includes ESC and so every
/// terminal escape sequence) and bidirectional formatting characters become a visible `�`,
/// and the text is NFC so each Vietnamese letter is one column. Borrowed when nothing needed
/// changing.
pub fn display(text: &str) -> Cow<'_, str> {
    let needs_nfc = is_nfc_quick(text.chars()) != IsNormalized::Yes;
    if !needs_nfc && !text.chars().any(is_unsafe_for_terminal) {
        return Cow::Borrowed(text);
    }
    let clean = text
        .nfc()
        .map(|c| {
            if is_unsafe_for_terminal(c) {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect();
    Cow::Owned(clean)
}

/// A path as a message shows it: see [`shown_path`].
#[derive(Clone, Copy, Debug)]
pub struct ShownPath<'a>(&'a Path);

/// A path for a message (an error, a note, `htx check`'s `FILE:LINE:COLUMN`): every character
/// [`is_unsafe_for_terminal`] is written as Rust writes it in a string, `\u{1b}`, `\u{9b}`,
/// `\u{202e}` (the form `{:?}` gives the values quoted in messages), so a file name cannot
/// move the cursor, clear the screen, break a line in two or reorder the line it is in. Other
/// characters, backslashes included, are shown as they are; bytes that are not UTF-8 are `�`.
pub fn shown_path(path: &Path) -> ShownPath<'_> {
    ShownPath(path)
}

impl fmt::Display for ShownPath<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0.to_string_lossy();
        let mut rest = text.as_ref();
        while let Some(at) = rest.find(is_unsafe_for_terminal) {
            let (clean, unsafe_onwards) = rest.split_at(at);
            f.write_str(clean)?;
            let mut chars = unsafe_onwards.chars();
            if let Some(c) = chars.next() {
                write!(f, "\\u{{{:x}}}", u32::from(c))?;
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

/// `text` as runs of whitespace and of everything else, in order: the pieces a line is
/// wrapped at ("(group 1001)" stays one word).
pub fn runs(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest
            .char_indices()
            .find(|&(_, c)| c.is_whitespace() != space)
            .map_or(rest.len(), |(at, _)| at);
        let (run, after) = rest.split_at(end);
        rest = after;
        Some(run)
    })
}

/// Cuts `text` to at most `width` columns on a grapheme boundary, ending with `…` when cut,
/// so a tone mark is never separated from its letter.
pub fn truncate(text: &str, width: usize) -> Cow<'_, str> {
    truncate_within(text, width, usize::MAX)
}

/// [`truncate`], also cut before `bytes` bytes (the `…` included): a single letter can carry
/// any number of combining marks and so be one column wide and megabytes long. The cut is
/// always on a grapheme boundary, so such a letter is left out whole.
pub fn truncate_within(text: &str, width: usize, bytes: usize) -> Cow<'_, str> {
    truncate_with(text, width, bytes, "…")
}

/// [`truncate_within`] with another `ellipsis` (`...` in ASCII, or none at all). Too narrow
/// for the ellipsis, the text is cut to nothing.
pub fn truncate_with<'a>(
    text: &'a str,
    width: usize,
    bytes: usize,
    ellipsis: &str,
) -> Cow<'a, str> {
    if text.len() <= bytes && text.width() <= width {
        return Cow::Borrowed(text);
    }
    if width < ellipsis.width() || bytes < ellipsis.len() {
        return Cow::Borrowed("");
    }
    let (room, byte_room) = (width - ellipsis.width(), bytes - ellipsis.len());
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w > room || out.len() + grapheme.len() > byte_room {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    out.push_str(ellipsis);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = words.iter().map(|w| (*w).to_string()).collect();
        v.sort_by(|a, b| collate(a, b));
        v
    }

    #[test]
    fn d_with_stroke_sorts_after_d() {
        assert_eq!(collate("Dương", "Đông"), Ordering::Less);
        assert_eq!(sorted(&["Đông", "Dương", "Em"]), ["Dương", "Đông", "Em"]);
    }

    #[test]
    fn tones_sort_after_the_bare_letter_in_dictionary_order() {
        let expected = ["da", "dà", "dả", "dã", "dá", "dạ"];
        assert_eq!(sorted(&["dạ", "dá", "dã", "dả", "dà", "da"]), expected);
    }

    #[test]
    fn letters_outrank_tones() {
        // "Hà Nam" < "Hà Nội" because a < ô at the first differing letter.
        assert_eq!(collate("Hà Nam", "Hà Nội"), Ordering::Less);
        // Tone only breaks ties: "ba" (no tone) < "bà", but "bà" < "bb".
        assert_eq!(sorted(&["bb", "bà", "ba"]), ["ba", "bà", "bb"]);
        // Vowels with marks are letters of their own: a < ă < â < b.
        assert_eq!(sorted(&["b", "â", "ă", "a"]), ["a", "ă", "â", "b"]);
        assert_eq!(
            sorted(&["ư", "u", "v", "ơ", "o", "ô"]),
            ["o", "ô", "ơ", "u", "ư", "v"]
        );
    }

    #[test]
    fn f_j_w_z_sort_in_their_latin_places() {
        assert_eq!(
            sorted(&["z", "y", "x", "w", "v", "k", "j", "i", "g", "f", "ê", "e"]),
            ["e", "ê", "f", "g", "i", "j", "k", "v", "w", "x", "y", "z"]
        );
        assert_eq!(
            sorted(&["Cư Kuin", "Cư Jút", "Cư Ê Wi", "Za Hung", "Yên Bái"]),
            ["Cư Ê Wi", "Cư Jút", "Cư Kuin", "Yên Bái", "Za Hung"]
        );
    }

    #[test]
    fn an_apostrophe_sorts_before_any_letter() {
        assert_eq!(collate("Ea H'leo", "Ea Hiao"), Ordering::Less);
        assert_eq!(collate("Ea H’leo", "Ea Hiao"), Ordering::Less);
        assert_eq!(collate("Ea H'leo", "Ea Hleo"), Ordering::Less);
        // The typographic apostrophe is a second-level variant of the ASCII one, as in ICU.
        assert_eq!(sorted(&["Ea H’leo", "Ea H'leo"]), ["Ea H'leo", "Ea H’leo"]);
        assert_eq!(collate("Ea H’leo", "Éa H'leo"), Ordering::Less);
        // The modifier letter apostrophe is a letter, after z.
        assert_eq!(sorted(&["Ea Hʼleo", "Ea Hz"]), ["Ea Hz", "Ea Hʼleo"]);
    }

    #[test]
    fn space_then_punctuation_then_digits_then_letters() {
        assert_eq!(
            sorted(&["a b", "a1", "a-b", "a.b", "ab", "a'b", "a(b"]),
            ["a b", "a-b", "a.b", "a'b", "a(b", "a1", "ab"]
        );
        assert_eq!(
            sorted(&["Phường 2", "Phường 10"]),
            ["Phường 10", "Phường 2"]
        );
    }

    #[test]
    fn case_breaks_ties_lower_first() {
        assert_eq!(sorted(&["Ab", "ab", "aB"]), ["ab", "aB", "Ab"]);
        assert_eq!(collate("Àa", "àA"), Ordering::Greater);
        assert_eq!(collate("a\u{a0}b", "a b"), Ordering::Greater);
    }

    #[test]
    fn list_key_breaks_ties_by_id() {
        let mut list = vec![("Nam", "b"), ("Nam", "a"), ("An", "c")];
        list.sort_by_key(|&(name, id)| list_key(name, id));
        assert_eq!(list, [("An", "c"), ("Nam", "a"), ("Nam", "b")]);
        // Names equal to the collation tie too, and go by id.
        let nfd: String = "Định".nfd().collect();
        assert!(list_key(&nfd, "a") < list_key("Định", "b"));
        assert!(list_key("Định", "a") < list_key(&nfd, "b"));
    }

    #[test]
    fn nfd_input_collates_like_nfc() {
        let nfd: String = "Nam Định".nfd().collect();
        assert_eq!(collate(&nfd, "Nam Định"), Ordering::Equal);
    }

    #[test]
    fn shorter_prefix_and_spaces_sort_first() {
        assert_eq!(sorted(&["Hà Nội", "Hà", "Hàn"]), ["Hà", "Hà Nội", "Hàn"]);
    }

    #[test]
    fn split_letter_knows_every_vowel() {
        assert_eq!(
            split_letter('Ự'),
            Letter {
                base: 'ư',
                tone: 5,
                upper: true
            }
        );
        assert_eq!(
            split_letter('ẫ'),
            Letter {
                base: 'â',
                tone: 3,
                upper: false
            }
        );
        assert_eq!(
            split_letter('Đ'),
            Letter {
                base: 'đ',
                tone: 0,
                upper: true
            }
        );
        assert_eq!(
            split_letter('ỷ'),
            Letter {
                base: 'y',
                tone: 2,
                upper: false
            }
        );
    }

    #[test]
    fn nfc_in_place_composes_decomposed_text() {
        let mut text: String = "Thái Bình".nfd().collect();
        assert_ne!(text, "Thái Bình");
        nfc_in_place(&mut text);
        assert_eq!(text, "Thái Bình");
    }

    #[test]
    fn display_replaces_control_characters() {
        assert_eq!(
            display("a\u{1b}[2Jb\u{7}c\u{9b}d"),
            "a\u{FFFD}[2Jb\u{FFFD}c\u{FFFD}d"
        );
        assert!(matches!(display("Nam Định"), Cow::Borrowed(_)));
    }

    #[test]
    fn display_replaces_bidi_controls() {
        for bidi in [
            '\u{061C}', '\u{200E}', '\u{200F}', '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}',
            '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
        ] {
            assert_eq!(
                display(&format!("HTX {bidi}abc")),
                "HTX \u{FFFD}abc",
                "{bidi:?}"
            );
        }
        // Neighbours that are not formatting characters are left alone.
        for plain in ['\u{2010}', '\u{2029}', '\u{2070}', '\u{0620}'] {
            let text = format!("a{plain}b");
            assert!(matches!(display(&text), Cow::Borrowed(_)), "{plain:?}");
        }
    }

    #[test]
    fn shown_path_escapes_controls_and_bidi_controls() {
        let path = Path::new("dữ liệu/\u{1b}[2J\u{9b}31m\u{7f}\nx\u{202e}nor.ron");
        assert_eq!(
            shown_path(path).to_string(),
            "dữ liệu/\\u{1b}[2J\\u{9b}31m\\u{7f}\\u{a}x\\u{202e}nor.ron"
        );
        assert_eq!(shown_path(Path::new("a\\b.ron")).to_string(), "a\\b.ron");
        assert_eq!(shown_path(Path::new("\u{2066}")).to_string(), "\\u{2066}");
    }

    #[test]
    fn truncate_within_bounds_bytes_as_well_as_columns() {
        // One column wide, thousands of bytes long: left out whole.
        let heavy = format!("a{}", "\u{301}".repeat(2000));
        let text = format!("xy{heavy}z");
        assert_eq!(truncate_within(&text, 60, 100), "xy…");
        assert_eq!(truncate_within("Hải Dương", 60, 100), "Hải Dương");
        assert_eq!(truncate_within("Hải Dương", 60, 7), "Hả…");
        assert!(truncate_within(&"x".repeat(10_000), 60, 1000).len() <= 1000);
        assert_eq!(truncate_within("abc", 60, 2), "");
    }

    #[test]
    fn truncate_keeps_marks_with_their_letters() {
        let nfd: String = "Đồng Tiến".nfd().collect();
        let cut = truncate(&nfd, 4);
        assert_eq!(cut.width(), 4);
        assert_eq!(cut.nfc().collect::<String>(), "Đồn…");
        assert_eq!(truncate("Hải", 3), "Hải");
        assert_eq!(truncate("Hải Dương", 0), "");
    }
}
