//! Decoding the encodings Vietnamese files come in ([`decode`]), and telling which one a whole
//! file ([`detect`]) or a single spreadsheet cell ([`repair_cell`]) was written in.
//!
//! Six encodings: UTF-8; UTF-16 in either byte order; Windows-1258, which writes most tones as
//! combining marks after the letter; TCVN3 (TCVN 5712:1993 VN3, "ABC", the `.VnTime` fonts),
//! one byte a letter; and VNI-Windows (the VNI fonts), a base letter followed by a byte that
//! draws its marks. The three 8-bit ones are ASCII below 0x80 and decode any bytes at all;
//! UTF-8 and UTF-16 refuse bytes that are not text in them. Every decoding gives NFC.
//!
//! The guesses weigh syllables ([`super::syllable`]): text read with the right table is made of
//! Vietnamese syllables, text read with a wrong one is not ("Hải Phòng" in TCVN3 read as
//! Windows-1258 is "H¶i Phßng").

use std::fmt;
use std::sync::OnceLock;

use unicode_normalization::char::{compose, decompose_canonical};

use super::syllable::{Score, score};
use crate::text::nfc_in_place;

/// An encoding of Vietnamese text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1258,
    /// TCVN 5712:1993 VN3 ("ABC", the `.VnTime` fonts).
    Tcvn3,
    /// VNI-Windows (the VNI fonts).
    Vni,
}

impl Encoding {
    pub const ALL: [Encoding; 6] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1258,
        Encoding::Tcvn3,
        Encoding::Vni,
    ];

    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "Windows-1258",
            Encoding::Tcvn3 => "TCVN3 (ABC)",
            Encoding::Vni => "VNI-Windows",
        }
    }

    /// The name `--encoding` is shown with (in its help and its errors); [`Encoding::parse`]
    /// takes it back.
    pub fn key(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1258 => "windows-1258",
            Encoding::Tcvn3 => "tcvn3",
            Encoding::Vni => "vni",
        }
    }

    /// An encoding named as `--encoding` takes it: `utf8`, `utf16le`, `utf16be`, `cp1258` or
    /// `windows1258`, `tcvn3` or `abc`, `vni` or `vniwindows`, in any case and with any `-` or
    /// `_` ("UTF-8", "utf_16le", "Windows-1258", "VNI-Windows").
    pub fn parse(name: &str) -> Option<Encoding> {
        let key: String = name
            .chars()
            .filter(|c| !matches!(c, '-' | '_'))
            .map(|c| c.to_ascii_lowercase())
            .collect();
        match key.as_str() {
            "utf8" => Some(Encoding::Utf8),
            "utf16le" => Some(Encoding::Utf16Le),
            "utf16be" => Some(Encoding::Utf16Be),
            "cp1258" | "windows1258" => Some(Encoding::Windows1258),
            "tcvn3" | "abc" => Some(Encoding::Tcvn3),
            "vni" | "vniwindows" => Some(Encoding::Vni),
            _ => None,
        }
    }

    /// The byte order mark of the encoding; empty for the 8-bit ones, which have none.
    fn bom(self) -> &'static [u8] {
        match self {
            Encoding::Utf8 => b"\xEF\xBB\xBF",
            Encoding::Utf16Le => b"\xFF\xFE",
            Encoding::Utf16Be => b"\xFE\xFF",
            Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni => b"",
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Bytes that are not text in UTF-8 or UTF-16 (the 8-bit encodings decode any bytes). The
/// caller says it in the interface's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DecodeError {
    pub encoding: Encoding,
    /// Offset in the input (a byte order mark included) of the first byte that does not
    /// decode.
    pub offset: usize,
    /// The input ends inside a character (a cut UTF-8 sequence, a lone last byte of UTF-16, a
    /// lead surrogate with nothing after it), rather than holding bytes that never decode.
    pub truncated: bool,
}

/// Decodes `bytes` as `encoding`, dropping a byte order mark of that encoding at the start;
/// the text is NFC. The 8-bit encodings never fail; UTF-8 and UTF-16 fail at the first byte
/// that is not text in them, nothing is replaced.
pub fn decode(bytes: &[u8], encoding: Encoding) -> Result<String, DecodeError> {
    let mut text = match encoding {
        Encoding::Utf8 => decode_utf8(bytes)?,
        Encoding::Utf16Le => decode_utf16(bytes, encoding, u16::from_le_bytes)?,
        Encoding::Utf16Be => decode_utf16(bytes, encoding, u16::from_be_bytes)?,
        Encoding::Windows1258 => return Ok(Legacy::Windows1258.decode(bytes)),
        Encoding::Tcvn3 => return Ok(Legacy::Tcvn3.decode(bytes)),
        Encoding::Vni => return Ok(Legacy::Vni.decode(bytes)),
    };
    nfc_in_place(&mut text);
    Ok(text)
}

fn decode_utf8(bytes: &[u8]) -> Result<String, DecodeError> {
    let bom = if bytes.starts_with(Encoding::Utf8.bom()) {
        Encoding::Utf8.bom().len()
    } else {
        0
    };
    let body = bytes.get(bom..).unwrap_or_default();
    match std::str::from_utf8(body) {
        Ok(text) => Ok(text.to_owned()),
        Err(err) => Err(DecodeError {
            encoding: Encoding::Utf8,
            offset: bom + err.valid_up_to(),
            truncated: err.error_len().is_none(),
        }),
    }
}

fn decode_utf16(
    bytes: &[u8],
    encoding: Encoding,
    unit: fn([u8; 2]) -> u16,
) -> Result<String, DecodeError> {
    let bom = if bytes.starts_with(encoding.bom()) {
        encoding.bom().len()
    } else {
        0
    };
    let body = bytes.get(bom..).unwrap_or_default();
    let (units, odd) = body.as_chunks::<2>();
    let end = bom + 2 * units.len();
    let mut text = String::with_capacity(body.len());
    let mut at = bom;
    for decoded in char::decode_utf16(units.iter().map(|&pair| unit(pair))) {
        match decoded {
            Ok(c) => {
                text.push(c);
                at += 2 * c.len_utf16();
            }
            Err(err) => {
                let lead = (0xD800..0xDC00).contains(&err.unpaired_surrogate());
                return Err(DecodeError {
                    encoding,
                    offset: at,
                    truncated: lead && at + 2 == end,
                });
            }
        }
    }
    if odd.is_empty() {
        Ok(text)
    } else {
        Err(DecodeError {
            encoding,
            offset: end,
            truncated: true,
        })
    }
}

/// The 8-bit encodings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Legacy {
    Windows1258,
    Tcvn3,
    Vni,
}

impl Legacy {
    /// In the order a tie between them is settled: Windows-1258 reads the bytes closest to how
    /// Windows shows them.
    const ALL: [Legacy; 3] = [Legacy::Windows1258, Legacy::Tcvn3, Legacy::Vni];

    fn encoding(self) -> Encoding {
        match self {
            Legacy::Windows1258 => Encoding::Windows1258,
            Legacy::Tcvn3 => Encoding::Tcvn3,
            Legacy::Vni => Encoding::Vni,
        }
    }

    /// Decodes any bytes, to NFC.
    fn decode(self, bytes: &[u8]) -> String {
        let (mut text, composed) = match self {
            Legacy::Windows1258 => {
                let decoded = encoding_rs::WINDOWS_1258
                    .decode_without_bom_handling(bytes)
                    .0;
                let mut text = String::with_capacity(decoded.len());
                let mut composed = true;
                for c in decoded.chars() {
                    if matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}') {
                        composed &= push_mark(&mut text, c);
                    } else {
                        text.push(c);
                    }
                }
                (text, composed)
            }
            Legacy::Tcvn3 => decode_with(bytes, tcvn3_table(), |c, text| {
                text.push(c);
                true
            }),
            Legacy::Vni => decode_with(bytes, vni_table(), |entry, text| match entry {
                VniByte::Letter(c) => {
                    text.push(c);
                    true
                }
                VniByte::Marks(marks) => {
                    let mut composed = true;
                    for mark in marks.chars() {
                        composed &= push_mark(text, mark);
                    }
                    composed
                }
            }),
        };
        // Every character the tables give is a starter that NFC keeps as it is, and so is
        // every composition of one with a mark: text whose marks all composed is NFC. A mark
        // left over (after a space, or one no letter takes) needs the full normalisation.
        if !composed {
            nfc_in_place(&mut text);
        }
        text
    }
}

/// Appends the combining `mark` to `text`, composed with the character before it when NFC
/// composes the two; false when it stays a mark of its own.
fn push_mark(text: &mut String, mark: char) -> bool {
    if let Some(before) = text.pop() {
        if let Some(composed) = compose(before, mark).or_else(|| compose_dot_below(before, mark)) {
            text.push(composed);
            return true;
        }
        text.push(before);
    }
    text.push(mark);
    false
}

/// ặ ậ ệ ộ from ă â ê ô and a dot below: NFC puts the dot below (which orders before the
/// breve and the circumflex) on first, so they do not compose as they stand.
fn compose_dot_below(before: char, mark: char) -> Option<char> {
    if mark != '\u{323}' {
        return None;
    }
    let mut parts = ['\0'; 2];
    let mut count = 0;
    decompose_canonical(before, |part| {
        if let Some(slot) = parts.get_mut(count) {
            *slot = part;
        }
        count += 1;
    });
    match (count, parts) {
        (2, [base, vowel_mark @ ('\u{302}' | '\u{306}')]) => {
            compose(compose(base, mark)?, vowel_mark)
        }
        _ => None,
    }
}

/// Decodes an ASCII-compatible 8-bit encoding whose bytes 0x80–0xFF are `table`, each entry
/// written by `push`, which says whether the text is still NFC; so does the result.
fn decode_with<T: Copy>(
    bytes: &[u8],
    table: &[T; 128],
    mut push: impl FnMut(T, &mut String) -> bool,
) -> (String, bool) {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut composed = true;
    for &byte in bytes {
        match byte
            .checked_sub(0x80)
            .and_then(|high| table.get(usize::from(high)))
        {
            Some(&entry) => composed &= push(entry, &mut text),
            None => text.push(char::from(byte)),
        }
    }
    (text, composed)
}

/// Windows-1252 at 0x80–0x9F (the five bytes it leaves out read as the C1 controls of the same
/// number, as the WHATWG Encoding Standard has them); 0xA0–0xFF are Latin-1.
const WINDOWS_1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// Windows-1252 at 0x80–0xFF.
const WINDOWS_1252_HIGH: [char; 128] = windows_1252_high();

const fn windows_1252_high() -> [char; 128] {
    let mut table = ['\0'; 128];
    let mut at = 0;
    while at < 128 {
        table[at] = if at < 32 {
            WINDOWS_1252_C1[at]
        } else {
            (0x80 + at as u8) as char
        };
        at += 1;
    }
    table
}

/// The byte Windows-1252 writes `c` as, if it has one.
fn windows_1252_byte(c: char) -> Option<u8> {
    if let Ok(byte) = u8::try_from(c) {
        return Some(byte);
    }
    let at = WINDOWS_1252_C1.iter().position(|&special| special == c)?;
    u8::try_from(0x80 + at).ok()
}

/// TCVN3's letters, in runs of consecutive bytes: (first byte, letters). They are the 67
/// lower-case letters with marks and the seven upper-case ones without a tone (Ă Â Ê Ô Ơ Ư
/// Đ), where TCVN 5712:1993 puts them in VN3 (and at the same bytes in VN1 and VN2, which
/// extend it with the toned capitals); 0xA0 is the no-break space, as in Latin-1.
///
/// TCVN3 has no upper-case letters with a tone: their writers switched to the capitals font
/// (`.VnTimeH`), which draws the lower-case codes as capitals. The bytes cannot say which font
/// drew them, so such text decodes in lower case where a toned capital was shown ("HảI PHòNG"
/// for "HẢI PHÒNG"). The bytes TCVN3 leaves unassigned read as Windows-1252, as a Windows
/// system of the time stored them: the punctuation “ ” – … at 0x80–0x9F, ° ± at 0xB0–0xB1.
const TCVN3_LETTERS: [(u8, &str); 8] = [
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"),
    (0xB5, "àảãáạ"),
    (0xBB, "ằẳẵắ"),
    (0xC6, "ặầẩẫấậè"),
    (0xCE, "ẻẽéẹềểễếệìỉ"),
    (0xDC, "ĩíịò"),
    (0xE1, "ỏõóọồổỗốộờởỡớợù"),
    (0xF1, "ủũúụừửữứựỳỷỹýỵ"),
];

/// TCVN3 at 0x80–0xFF.
fn tcvn3_table() -> &'static [char; 128] {
    static TABLE: OnceLock<[char; 128]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = WINDOWS_1252_HIGH;
        for (first, letters) in TCVN3_LETTERS {
            for (byte, letter) in (usize::from(first)..).zip(letters.chars()) {
                if let Some(slot) = byte.checked_sub(0x80).and_then(|at| table.get_mut(at)) {
                    *slot = letter;
                }
            }
        }
        table
    })
}

/// What a byte 0x80–0xFF of VNI-Windows stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum VniByte {
    /// A letter of its own (đ, ơ, ư, the toned i, ỵ), or a Windows-1252 character VNI does
    /// not reassign.
    Letter(char),
    /// Marks for the letter before it, as combining characters in canonical order.
    Marks(&'static str),
}

/// The VNI-Windows letters of one byte, lower case; the upper-case letter is the byte 0x20
/// lower (đ 0xF1 "ñ", Đ 0xD1 "Ñ"). This table and [`VNI_MARKS`] are the VNI-Windows column
/// of the published conversion charts between Unicode and the Vietnamese legacy encodings.
const VNI_LETTERS: [(u8, char); 9] = [
    (0xF1, 'đ'),
    (0xF4, 'ơ'),
    (0xF6, 'ư'),
    (0xEC, 'ì'),
    (0xE6, 'ỉ'),
    (0xF3, 'ĩ'),
    (0xED, 'í'),
    (0xF2, 'ị'),
    (0xEE, 'ỵ'),
];

/// The VNI-Windows mark bytes, for a lower-case letter: every other toned or marked vowel is
/// its base letter (a e o u y, or the ơ ư bytes) followed by one of these ("a" 0xF9 "aù" is á,
/// "a" 0xE1 "aá" is ấ). The byte 0x20 lower draws the same marks for a capital ("A" 0xD9 "AÙ"
/// is Á). The marks are in canonical order (the dot below before the circumflex or breve),
/// so that they compose one after the other.
const VNI_MARKS: [(u8, &str); 17] = [
    (0xF8, "\u{300}"),
    (0xFB, "\u{309}"),
    (0xF5, "\u{303}"),
    (0xF9, "\u{301}"),
    (0xEF, "\u{323}"),
    (0xE2, "\u{302}"),
    (0xE0, "\u{302}\u{300}"),
    (0xE5, "\u{302}\u{309}"),
    (0xE3, "\u{302}\u{303}"),
    (0xE1, "\u{302}\u{301}"),
    (0xE4, "\u{323}\u{302}"),
    (0xEA, "\u{306}"),
    (0xE8, "\u{306}\u{300}"),
    (0xFA, "\u{306}\u{309}"),
    (0xFC, "\u{306}\u{303}"),
    (0xE9, "\u{306}\u{301}"),
    (0xEB, "\u{323}\u{306}"),
];

/// VNI-Windows at 0x80–0xFF; the bytes it does not reassign read as Windows-1252.
fn vni_table() -> &'static [VniByte; 128] {
    static TABLE: OnceLock<[VniByte; 128]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = WINDOWS_1252_HIGH.map(VniByte::Letter);
        let mut set = |byte: u8, entry: VniByte| {
            if let Some(slot) = byte
                .checked_sub(0x80)
                .and_then(|at| table.get_mut(usize::from(at)))
            {
                *slot = entry;
            }
        };
        for (byte, letter) in VNI_LETTERS {
            set(byte, VniByte::Letter(letter));
            let upper = letter.to_uppercase().next().unwrap_or(letter);
            set(byte - 0x20, VniByte::Letter(upper));
        }
        for (byte, marks) in VNI_MARKS {
            set(byte, VniByte::Marks(marks));
            set(byte - 0x20, VniByte::Marks(marks));
        }
        table
    })
}

/// What [`detect`] found: the encoding, the text decoded with it (NFC), and how well the whole
/// text reads as Vietnamese. A low `score.ratio()` (below one half, say) says the file does not
/// look like Vietnamese in any of the encodings; plain ASCII has ratio 1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detected {
    pub encoding: Encoding,
    pub text: String,
    pub score: Score,
}

/// How much of a file [`detect`] weighs to choose among encodings that decode it all: the
/// first lines that hold a byte past ASCII, up to this many bytes.
const SAMPLE_BYTES: usize = 64 * 1024;

/// Tells which encoding `bytes` (a whole file) is in, and decodes it. In order:
///
/// 1. A byte order mark decides UTF-8, UTF-16LE or UTF-16BE, if the rest decodes in it; a file
///    whose mark does not fit its bytes is taken, without the mark, through the steps below.
/// 2. UTF-16 without a mark shows in its zero bytes: text is mostly ASCII, whose upper byte is
///    zero, so the zeros gather at odd offsets (LE) or even ones (BE): at least 3 pairs in
///    10 with a zero on the one side and at most a tenth as many on the other. It is taken if
///    it decodes.
/// 3. UTF-8 that is plain ASCII is UTF-8.
/// 4. Otherwise the 8-bit encodings (Windows-1258, TCVN3, VNI) are each scored on a sample,
///    the first lines that hold a byte past ASCII up to 64 KiB (lines of plain ASCII read the
///    same in all of them), and the best (most syllables less strays, see [`Score`]; a tie
///    goes to Windows-1258, then TCVN3) is the 8-bit candidate. Valid UTF-8 stays UTF-8
///    unless that candidate reads clearly better (more syllables, fewer strays, more syllables
///    than strays); text that is not UTF-8 is the candidate's.
///
/// Never fails: any bytes decode in an 8-bit encoding. The score is of the whole text.
pub fn detect(bytes: &[u8]) -> Detected {
    let mut body = bytes;
    let marked = [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .find(|encoding| bytes.starts_with(encoding.bom()));
    if let Some(encoding) = marked {
        if let Ok(text) = decode(bytes, encoding) {
            return detected(encoding, text);
        }
        body = bytes.get(encoding.bom().len()..).unwrap_or_default();
    }
    if let Some(encoding) = utf16_by_zeros(body)
        && let Ok(text) = decode(body, encoding)
    {
        return detected(encoding, text);
    }
    let utf8 = std::str::from_utf8(body).ok();
    if let Some(text) = utf8
        && text.is_ascii()
    {
        return detected(Encoding::Utf8, text.to_owned());
    }
    let sample = sample(body);
    let (legacy, legacy_score) = best_legacy(&sample);
    match utf8 {
        Some(text) => {
            let mut sample_text = String::from_utf8_lossy(&sample).into_owned();
            nfc_in_place(&mut sample_text);
            if clearly_better(legacy_score, score(&sample_text)) {
                detected(legacy.encoding(), legacy.decode(body))
            } else {
                let mut text = text.to_owned();
                nfc_in_place(&mut text);
                detected(Encoding::Utf8, text)
            }
        }
        None => detected(legacy.encoding(), legacy.decode(body)),
    }
}

fn detected(encoding: Encoding, text: String) -> Detected {
    Detected {
        encoding,
        score: score(&text),
        text,
    }
}

/// UTF-16LE or UTF-16BE, when the zero bytes of the start of `bytes` fall as UTF-16 text puts
/// them (see [`detect`]).
fn utf16_by_zeros(bytes: &[u8]) -> Option<Encoding> {
    let head = bytes.get(..SAMPLE_BYTES).unwrap_or(bytes);
    let (pairs, _) = head.as_chunks::<2>();
    let even = pairs.iter().filter(|[first, _]| *first == 0).count();
    let odd = pairs.iter().filter(|[_, second]| *second == 0).count();
    let plenty = |zeros: usize| zeros > 0 && zeros * 10 >= pairs.len() * 3;
    if plenty(odd) && even * 10 <= odd {
        Some(Encoding::Utf16Le)
    } else if plenty(even) && odd * 10 <= even {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

/// The first lines of `bytes` that hold a byte past ASCII, up to [`SAMPLE_BYTES`].
fn sample(bytes: &[u8]) -> Vec<u8> {
    let mut sample = Vec::new();
    for line in bytes.split_inclusive(|&byte| byte == b'\n') {
        if line.is_ascii() {
            continue;
        }
        let room = SAMPLE_BYTES.saturating_sub(sample.len());
        sample.extend_from_slice(line.get(..room).unwrap_or(line));
        if sample.len() >= SAMPLE_BYTES {
            break;
        }
    }
    sample
}

/// Syllables less strays: what one decoding gains over another.
fn net(score: Score) -> i64 {
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    count(score.syllables) - count(score.strays())
}

/// Whether `candidate` reads clearly better than `current`: more syllables, fewer strays, and
/// more syllables than strays.
fn clearly_better(candidate: Score, current: Score) -> bool {
    candidate.syllables > current.syllables
        && candidate.strays() < current.strays()
        && candidate.syllables > candidate.strays()
}

/// The 8-bit encoding `sample` reads best in, with its score there; ties go to the first of
/// [`Legacy::ALL`].
fn best_legacy(sample: &[u8]) -> (Legacy, Score) {
    let mut best = (Legacy::Windows1258, None::<Score>);
    for legacy in Legacy::ALL {
        let candidate = score(&legacy.decode(sample));
        if best.1.is_none_or(|best| net(candidate) > net(best)) {
            best = (legacy, Some(candidate));
        }
    }
    (best.0, best.1.unwrap_or_default())
}

/// The encodings a cell's bytes are tried in, in the order a tie between equal texts goes.
const CELL_ENCODINGS: [Encoding; 4] = [
    Encoding::Tcvn3,
    Encoding::Vni,
    Encoding::Windows1258,
    Encoding::Utf8,
];

/// Repairs a spreadsheet cell typed in a legacy font. The workbook stores such a cell as
/// Unicode text whose characters are the legacy bytes read as Windows-1252: a `.VnTime` cell
/// "H¶i Phßng" holds the TCVN3 bytes of "Hải Phòng", a VNI-Times cell "Haûi Phoøng" the VNI
/// ones. A cell whose text came from UTF-8 or Windows-1258 bytes read the same way
/// ("Háº£i PhÃ²ng") is repaired as well.
///
/// When every character of `text` maps back to a byte (up to U+00FF, or one of Windows-1252's
/// characters at 0x80–0x9F) and one decoding of those bytes reads clearly better as
/// Vietnamese than the cell as it stands (more syllables, fewer strays, more syllables than
/// strays, and better than every other decoding), gives the repaired text (NFC) and the
/// encoding; otherwise `None`. Plain ASCII, and Unicode Vietnamese (whose letters are mostly
/// past U+00FF, and whose Latin-1 words are syllables already), stay as they are.
pub fn repair_cell(text: &str) -> Option<(String, Encoding)> {
    if text.is_ascii() {
        return None;
    }
    let bytes = text
        .chars()
        .map(windows_1252_byte)
        .collect::<Option<Vec<u8>>>()?;
    // Characters up to U+00FF hold no combining mark: the cell is NFC as it stands.
    let current = score(text);
    let mut best: Option<(String, Encoding, Score)> = None;
    let mut tied = false;
    for encoding in CELL_ENCODINGS {
        let Ok(candidate) = decode(&bytes, encoding) else {
            continue;
        };
        let candidate_score = score(&candidate);
        if candidate == text || !clearly_better(candidate_score, current) {
            continue;
        }
        match &best {
            Some((best_text, _, best_score)) => {
                if net(candidate_score) > net(*best_score) {
                    best = Some((candidate, encoding, candidate_score));
                    tied = false;
                } else if net(candidate_score) == net(*best_score) && candidate != *best_text {
                    tied = true;
                }
            }
            None => best = Some((candidate, encoding, candidate_score)),
        }
    }
    if tied {
        return None;
    }
    best.map(|(text, encoding, _)| (text, encoding))
}

/// A workbook cell's text read again as `encoding`, when the person said which
/// (`--encoding`): the cell's characters taken back to the bytes they were read from as
/// Windows-1252, then decoded. `None` when the cell is plain ASCII, is not such text (a
/// character past those bytes), or reads the same.
pub fn reencode_cell(text: &str, encoding: Encoding) -> Option<String> {
    if text.is_ascii() || matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be) {
        return None;
    }
    let bytes = text
        .chars()
        .map(windows_1252_byte)
        .collect::<Option<Vec<u8>>>()?;
    decode(&bytes, encoding)
        .ok()
        .filter(|decoded| decoded != text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::syllable::is_syllable;
    use crate::text::split_letter;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// Tone marks in [`split_letter`]'s order: huyền, hỏi, ngã, sắc, nặng.
    const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

    /// The 134 Vietnamese letters with marks: 67 lower case, then 67 upper case.
    fn vietnamese_letters() -> Vec<char> {
        let mut lower = vec!['đ'];
        for base in ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'] {
            if !base.is_ascii() {
                lower.push(base);
            }
            for tone in TONES {
                let toned: String = [base, tone].iter().collect::<String>().nfc().collect();
                let mut chars = toned.chars();
                let (Some(letter), None) = (chars.next(), chars.next()) else {
                    panic!("{base} with {tone:?} does not compose");
                };
                lower.push(letter);
            }
        }
        assert_eq!(lower.len(), 67);
        let upper: Vec<char> = lower
            .iter()
            .map(|c| c.to_uppercase().next().unwrap())
            .collect();
        let all: Vec<char> = lower.into_iter().chain(upper).collect();
        let distinct: std::collections::BTreeSet<char> = all.iter().copied().collect();
        assert_eq!(distinct.len(), 134);
        all
    }

    /// A long text with every letter of the alphabet, toned and not, in both cases.
    fn long_text() -> String {
        let letters: String = vietnamese_letters().into_iter().collect();
        format!(
            "{letters}\n{}\nHợp tác xã Nông nghiệp Dịch vụ Thành Công; Tiểu thủ công nghiệp.\r\n\
             Khuyến nông, khuyến ngư: NGUYỄN VĂN ĐƯỢC, Thủy sản Hải Phòng (2024) – 1.000 đồng\n",
            "Trăm năm trong cõi người ta, chữ tài chữ mệnh khéo là ghét nhau. ".repeat(20)
        )
    }

    fn tcvn3_encoder() -> std::collections::HashMap<char, u8> {
        let mut encoder = std::collections::HashMap::new();
        encoder.insert('\u{A0}', 0xA0);
        for (first, letters) in TCVN3_LETTERS {
            for (byte, letter) in (usize::from(first)..).zip(letters.chars()) {
                let byte = u8::try_from(byte).unwrap();
                assert!(encoder.insert(letter, byte).is_none(), "{letter} twice");
            }
        }
        encoder
    }

    /// Encodes `text` (NFC) in `encoding`, without a byte order mark; `None` when the
    /// encoding cannot write some character.
    fn encode(text: &str, encoding: Encoding) -> Option<Vec<u8>> {
        let mut bytes = Vec::new();
        match encoding {
            Encoding::Utf8 => bytes.extend_from_slice(text.as_bytes()),
            Encoding::Utf16Le => text
                .encode_utf16()
                .for_each(|unit| bytes.extend(unit.to_le_bytes())),
            Encoding::Utf16Be => text
                .encode_utf16()
                .for_each(|unit| bytes.extend(unit.to_be_bytes())),
            Encoding::Windows1258 => {
                // The base letter (with its vowel mark) and then the tone as a combining mark,
                // as Windows writes Vietnamese in 1258.
                let mut one = |c: char| {
                    let mut buffer = [0; 4];
                    let (encoded, _, unmappable) =
                        encoding_rs::WINDOWS_1258.encode(c.encode_utf8(&mut buffer));
                    if unmappable {
                        return None;
                    }
                    bytes.extend_from_slice(&encoded);
                    Some(())
                };
                for c in text.chars() {
                    let letter = split_letter(c);
                    if letter.tone == 0 {
                        one(c)?;
                        continue;
                    }
                    let base = if letter.upper {
                        letter.base.to_uppercase().next()?
                    } else {
                        letter.base
                    };
                    one(base)?;
                    one(TONES[usize::from(letter.tone) - 1])?;
                }
            }
            Encoding::Tcvn3 => {
                let encoder = tcvn3_encoder();
                for c in text.chars() {
                    if c.is_ascii() {
                        bytes.push(c as u8);
                    } else if let Some(&byte) = encoder.get(&c) {
                        bytes.push(byte);
                    } else {
                        // A byte TCVN3 leaves to Windows-1252.
                        let byte = windows_1252_byte(c)?;
                        let high = usize::from(byte.checked_sub(0x80)?);
                        (tcvn3_table()[high] == c).then_some(())?;
                        bytes.push(byte);
                    }
                }
            }
            Encoding::Vni => {
                for c in text.chars() {
                    bytes.extend(encode_vni(c)?);
                }
            }
        }
        Some(bytes)
    }

    fn encode_vni(c: char) -> Option<Vec<u8>> {
        if c.is_ascii() {
            return Some(vec![c as u8]);
        }
        // A byte VNI leaves to Windows-1252.
        if let Some(byte) = windows_1252_byte(c)
            && let Some(high) = byte.checked_sub(0x80)
            && vni_table()[usize::from(high)] == VniByte::Letter(c)
        {
            return Some(vec![byte]);
        }
        let letter = split_letter(c);
        let case = |byte: u8| if letter.upper { byte - 0x20 } else { byte };
        // The one-byte letters, lower case.
        let single = |wanted: char| {
            let byte = match wanted {
                'đ' => 0xF1,
                'ơ' => 0xF4,
                'ư' => 0xF6,
                'ì' => 0xEC,
                'ỉ' => 0xE6,
                'ĩ' => 0xF3,
                'í' => 0xED,
                'ị' => 0xF2,
                'ỵ' => 0xEE,
                _ => return None,
            };
            Some(vec![case(byte)])
        };
        let tone = usize::from(letter.tone);
        // Tone bytes in split_letter's order: huyền, hỏi, ngã, sắc, nặng.
        let tones = [0xF8, 0xFB, 0xF5, 0xF9, 0xEF];
        let circumflex = [0xE2, 0xE0, 0xE5, 0xE3, 0xE1, 0xE4];
        let breve = [0xEA, 0xE8, 0xFA, 0xFC, 0xE9, 0xEB];
        let toned = |base: u8, marks: Option<&[u8; 6]>| {
            let mut bytes = vec![if letter.upper {
                base.to_ascii_uppercase()
            } else {
                base
            }];
            let mark = match marks {
                Some(marks) => Some(marks[tone]),
                None => tone.checked_sub(1).map(|at| tones[at]),
            };
            bytes.extend(mark.map(case));
            bytes
        };
        let with_tone = |bytes: Vec<u8>| {
            let mut bytes = bytes;
            bytes.extend(tone.checked_sub(1).map(|at| case(tones[at])));
            bytes
        };
        match (letter.base, tone) {
            ('đ', 0) => single('đ'),
            ('i', _) => single(c.to_lowercase().next()?),
            ('y', 5) => single('ỵ'),
            ('ơ', _) => Some(with_tone(single('ơ')?)),
            ('ư', _) => Some(with_tone(single('ư')?)),
            ('a' | 'e' | 'o' | 'u' | 'y', _) => Some(toned(letter.base as u8, None)),
            ('â', _) => Some(toned(b'a', Some(&circumflex))),
            ('ê', _) => Some(toned(b'e', Some(&circumflex))),
            ('ô', _) => Some(toned(b'o', Some(&circumflex))),
            ('ă', _) => Some(toned(b'a', Some(&breve))),
            _ => None,
        }
    }

    /// A few lines of a cooperative list, as a CSV.
    const CSV: &str = "Mã,Tên,Địa chỉ\r\n\
        HTX-01,Hợp tác xã Nông nghiệp Thành Công,Tỉnh Nam Định\r\n\
        HTX-02,Thủy sản Hải Phòng,Thành phố Hải Phòng\r\n\
        HTX-03,Hợp tác xã Dịch vụ Đông Hưng,Tỉnh Thái Bình\r\n\
        HTX-04,Hợp tác xã Rau sạch Vĩnh Phúc,Tỉnh Vĩnh Phúc\r\n\
        HTX-05,Hợp tác xã Vận tải Quảng Ninh,Tỉnh Quảng Ninh\r\n";

    #[test]
    fn names_and_keys() {
        let names: Vec<&str> = Encoding::ALL.iter().map(|e| e.name()).collect();
        assert_eq!(
            names,
            [
                "UTF-8",
                "UTF-16LE",
                "UTF-16BE",
                "Windows-1258",
                "TCVN3 (ABC)",
                "VNI-Windows"
            ]
        );
        for encoding in Encoding::ALL {
            assert_eq!(Encoding::parse(encoding.key()), Some(encoding));
            assert_eq!(encoding.to_string(), encoding.name());
        }
        for (name, encoding) in [
            ("utf8", Encoding::Utf8),
            ("UTF-8", Encoding::Utf8),
            ("utf_16le", Encoding::Utf16Le),
            ("UTF-16BE", Encoding::Utf16Be),
            ("cp1258", Encoding::Windows1258),
            ("CP-1258", Encoding::Windows1258),
            ("Windows-1258", Encoding::Windows1258),
            ("TCVN3", Encoding::Tcvn3),
            ("abc", Encoding::Tcvn3),
            ("VNI", Encoding::Vni),
            ("VNI-Windows", Encoding::Vni),
        ] {
            assert_eq!(Encoding::parse(name), Some(encoding), "{name}");
        }
        for name in [
            "",
            "utf16",
            "latin1",
            "windows-1252",
            "tcvn",
            "vni win",
            "utf 8",
        ] {
            assert_eq!(Encoding::parse(name), None, "{name}");
        }
    }

    #[test]
    fn the_windows_1252_table_is_windows_1252() {
        for byte in 0x80..=0xFF_u8 {
            let bytes = [byte];
            let (expected, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
            let c = WINDOWS_1252_HIGH[usize::from(byte - 0x80)];
            assert_eq!(c.to_string(), expected, "{byte:#x}");
            assert_eq!(windows_1252_byte(c), Some(byte), "{c}");
        }
        assert_eq!(windows_1252_byte('a'), Some(b'a'));
        assert_eq!(windows_1252_byte('ả'), None);
    }

    #[test]
    fn tcvn3_has_67_small_letters_and_7_capitals() {
        let encoder = tcvn3_encoder();
        assert_eq!(encoder.len(), 75);
        let letters = vietnamese_letters();
        let (lower, upper) = letters.split_at(67);
        for letter in lower {
            assert!(encoder.contains_key(letter), "{letter}");
        }
        let capitals: Vec<char> = upper
            .iter()
            .copied()
            .filter(|letter| encoder.contains_key(letter))
            .collect();
        assert_eq!(capitals, ['Đ', 'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư']);
    }

    /// TCVN 5712 VN1 at 0xA0–0xFF as code points, as X.Org's TCVN converter has it. VN3 is
    /// its lower-case letters and the seven capitals at 0xA1–0xA7, at the same bytes; VN1's
    /// toned capitals and combining marks are VN3's unassigned bytes.
    const VN1_HIGH: [u16; 96] = [
        0x00A0, 0x0102, 0x00C2, 0x00CA, 0x00D4, 0x01A0, 0x01AF, 0x0110, // 0xA0
        0x0103, 0x00E2, 0x00EA, 0x00F4, 0x01A1, 0x01B0, 0x0111, 0x1EB0, // 0xA8
        0x0300, 0x0309, 0x0303, 0x0301, 0x0323, 0x00E0, 0x1EA3, 0x00E3, // 0xB0
        0x00E1, 0x1EA1, 0x1EB2, 0x1EB1, 0x1EB3, 0x1EB5, 0x1EAF, 0x1EB4, // 0xB8
        0x1EAE, 0x1EA6, 0x1EA8, 0x1EAA, 0x1EA4, 0x1EC0, 0x1EB7, 0x1EA7, // 0xC0
        0x1EA9, 0x1EAB, 0x1EA5, 0x1EAD, 0x00E8, 0x1EC2, 0x1EBB, 0x1EBD, // 0xC8
        0x00E9, 0x1EB9, 0x1EC1, 0x1EC3, 0x1EC5, 0x1EBF, 0x1EC7, 0x00EC, // 0xD0
        0x1EC9, 0x1EC4, 0x1EBE, 0x1ED2, 0x0129, 0x00ED, 0x1ECB, 0x00F2, // 0xD8
        0x1ED4, 0x1ECF, 0x00F5, 0x00F3, 0x1ECD, 0x1ED3, 0x1ED5, 0x1ED7, // 0xE0
        0x1ED1, 0x1ED9, 0x1EDD, 0x1EDF, 0x1EE1, 0x1EDB, 0x1EE3, 0x00F9, // 0xE8
        0x1ED6, 0x1EE7, 0x0169, 0x00FA, 0x1EE5, 0x1EEB, 0x1EED, 0x1EEF, // 0xF0
        0x1EE9, 0x1EF1, 0x1EF3, 0x1EF7, 0x1EF9, 0x00FD, 0x1EF5, 0x1ED0, // 0xF8
    ];

    #[test]
    fn tcvn3_agrees_with_vn1() {
        let capitals = ['Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ'];
        let mut letters = 0;
        for (byte, &code) in (0xA0..=0xFF_u8).zip(&VN1_HIGH) {
            let vn1 = char::from_u32(u32::from(code)).unwrap();
            let high = usize::from(byte - 0x80);
            let in_vn3 = vn1.is_lowercase() || capitals.contains(&vn1) || byte == 0xA0;
            if in_vn3 {
                letters += usize::from(byte != 0xA0);
                assert_eq!(tcvn3_table()[high], vn1, "{byte:#x}");
            } else {
                assert_eq!(tcvn3_table()[high], WINDOWS_1252_HIGH[high], "{byte:#x}");
            }
        }
        assert_eq!(letters, 74);
        // 0x80–0x9F are Windows-1252's.
        assert_eq!(tcvn3_table()[..32], WINDOWS_1252_HIGH[..32]);
    }

    /// Every letter an encoding can write decodes to itself; UTF-8, UTF-16, Windows-1258 and
    /// VNI write all 134, TCVN3 its 74 and the six toned capitals Windows-1252 has at bytes
    /// TCVN3 leaves unassigned (À Á Ã Í Ù Ú).
    #[test]
    fn every_letter_round_trips() {
        for encoding in Encoding::ALL {
            let mut written = 0;
            for letter in vietnamese_letters() {
                let text = letter.to_string();
                let Some(bytes) = encode(&text, encoding) else {
                    assert_eq!(
                        encoding,
                        Encoding::Tcvn3,
                        "{encoding} cannot write {letter}"
                    );
                    continue;
                };
                written += 1;
                assert_eq!(decode(&bytes, encoding), Ok(text), "{letter} in {encoding}");
            }
            let expected = if encoding == Encoding::Tcvn3 { 80 } else { 134 };
            assert_eq!(written, expected, "{encoding}");
        }
    }

    #[test]
    fn long_text_round_trips() {
        let text = long_text();
        let tcvn3_text = text.to_lowercase();
        for encoding in Encoding::ALL {
            let text = if encoding == Encoding::Tcvn3 {
                &tcvn3_text
            } else {
                &text
            };
            let bytes = encode(text, encoding).unwrap();
            assert_eq!(decode(&bytes, encoding).as_ref(), Ok(text), "{encoding}");
        }
        // TCVN3 reads the lower-case codes of the capitals font as they are.
        assert_eq!(encode("Ả", Encoding::Tcvn3), None);
        assert_eq!(
            decode(b"H\xb6I PH\xdfNG", Encoding::Tcvn3).unwrap(),
            "HảI PHòNG"
        );
    }

    /// The 8-bit tables give starters that NFC keeps as they are, and so are the letters marks
    /// compose to: text of them whose marks all composed is NFC without a normalisation pass.
    #[test]
    fn table_characters_are_nfc_starters() {
        use unicode_normalization::char::canonical_combining_class;
        use unicode_normalization::{IsNormalized, is_nfc_quick};
        let check = |c: char| {
            assert_eq!(canonical_combining_class(c), 0, "{c:?}");
            assert_eq!(is_nfc_quick(std::iter::once(c)), IsNormalized::Yes, "{c:?}");
        };
        tcvn3_table().iter().copied().for_each(check);
        for entry in vni_table() {
            if let VniByte::Letter(c) = entry {
                check(*c);
            }
        }
        for byte in 0x80..=0xFF_u8 {
            let bytes = [byte];
            let (decoded, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(&bytes);
            for c in decoded.chars() {
                if !matches!(c, '\u{300}' | '\u{301}' | '\u{303}' | '\u{309}' | '\u{323}') {
                    check(c);
                }
            }
        }
        vietnamese_letters().into_iter().for_each(check);
    }

    #[test]
    fn known_bytes() {
        let decoded = |bytes: &[u8], encoding| decode(bytes, encoding).unwrap();
        assert_eq!(decoded(b"H\xb6i Ph\xdfng", Encoding::Tcvn3), "Hải Phòng");
        assert_eq!(decoded(b"\xa7\xabng H\xadng", Encoding::Tcvn3), "Đông Hưng");
        assert_eq!(decoded(b"Ha\xfbi Pho\xf8ng", Encoding::Vni), "Hải Phòng");
        assert_eq!(decoded(b"\xd1o\xe2ng H\xf6ng", Encoding::Vni), "Đông Hưng");
        assert_eq!(decoded(b"T\xc6NH", Encoding::Vni), "TỈNH");
        assert_eq!(decoded(b"VIE\xc4T NAM", Encoding::Vni), "VIỆT NAM");
        assert_eq!(
            decoded(b"Ha\xd2i Pho\xccng", Encoding::Windows1258),
            "Hải Phòng"
        );
        assert_eq!(decoded(b"\xd0\xf5\xcci", Encoding::Windows1258), "Đời");
        // Bytes TCVN3 and VNI leave alone read as Windows-1252.
        assert_eq!(decoded(b"\x93x\x94 25\xb0", Encoding::Tcvn3), "“x” 25°");
        assert_eq!(decoded(b"\x93x\x94 \xdf", Encoding::Vni), "“x” ß");
        // A VNI mark after no letter stays a combining mark.
        assert_eq!(decoded(b" \xf9", Encoding::Vni), " \u{301}");
    }

    #[test]
    fn ascii_is_ascii_everywhere() {
        let ascii: Vec<u8> = (0..0x80).collect();
        for encoding in Encoding::ALL {
            let bytes = encode(std::str::from_utf8(&ascii).unwrap(), encoding).unwrap();
            assert_eq!(
                decode(&bytes, encoding).unwrap().as_bytes(),
                ascii,
                "{encoding}"
            );
        }
    }

    #[test]
    fn utf8_drops_its_bom_and_composes() {
        assert_eq!(decode(b"\xEF\xBB\xBFab", Encoding::Utf8).unwrap(), "ab");
        // Only the first mark is a BOM.
        assert_eq!(
            decode(b"\xEF\xBB\xBF\xEF\xBB\xBFab", Encoding::Utf8).unwrap(),
            "\u{FEFF}ab"
        );
        let nfd: String = "Hải Phòng".nfd().collect();
        assert_ne!(nfd, "Hải Phòng");
        assert_eq!(decode(nfd.as_bytes(), Encoding::Utf8).unwrap(), "Hải Phòng");
    }

    #[test]
    fn utf8_errors_say_where() {
        let error = |bytes: &[u8]| decode(bytes, Encoding::Utf8).unwrap_err();
        assert_eq!(
            error(b"ab\xFFcd"),
            DecodeError {
                encoding: Encoding::Utf8,
                offset: 2,
                truncated: false
            }
        );
        assert_eq!(error(b"\xEF\xBB\xBFab\xC3").offset, 5);
        assert!(error(b"\xEF\xBB\xBFab\xC3").truncated);
        assert!(error(b"ab\xE1\xBA").truncated);
        assert!(!error(b"ab\xE1\xBAx").truncated);
    }

    #[test]
    fn utf16_decodes_either_order_and_says_where_it_fails() {
        let le = b"\xFF\xFEH\x00\xa3\x1ei\x00";
        let be = b"\xFE\xFF\x00H\x1e\xa3\x00i";
        assert_eq!(decode(le, Encoding::Utf16Le).unwrap(), "Hải");
        assert_eq!(decode(be, Encoding::Utf16Be).unwrap(), "Hải");
        assert_eq!(decode(&le[2..], Encoding::Utf16Le).unwrap(), "Hải");
        // A mark of the other order is not dropped: it reads as U+FFFE.
        assert_eq!(
            decode(be, Encoding::Utf16Le).unwrap().chars().next(),
            Some('\u{FFFE}')
        );
        let error = |bytes: &[u8], encoding| decode(bytes, encoding).unwrap_err();
        // An odd last byte.
        assert_eq!(
            error(b"\xFF\xFEH\x00i", Encoding::Utf16Le),
            DecodeError {
                encoding: Encoding::Utf16Le,
                offset: 4,
                truncated: true
            }
        );
        // A trail surrogate alone, a lead followed by a letter, a lead at the end.
        assert_eq!(
            error(b"H\x00\x00\xDCi\x00", Encoding::Utf16Le),
            DecodeError {
                encoding: Encoding::Utf16Le,
                offset: 2,
                truncated: false
            }
        );
        assert!(!error(b"\x00H\xD8\x00\x00i", Encoding::Utf16Be).truncated);
        assert_eq!(error(b"\x00H\xD8\x00", Encoding::Utf16Be).offset, 2);
        assert!(error(b"\x00H\xD8\x00", Encoding::Utf16Be).truncated);
        // A pair decodes.
        assert_eq!(
            decode(b"\xD8\x3D\xDE\x00", Encoding::Utf16Be).unwrap(),
            "\u{1F600}"
        );
    }

    /// The CSV in each encoding, as `detect` is given it.
    fn csv_files() -> Vec<(&'static str, Encoding, Vec<u8>)> {
        let mut files = Vec::new();
        for encoding in Encoding::ALL {
            let bytes = encode(CSV, encoding).unwrap();
            if encoding.bom().is_empty() {
                files.push(("", encoding, bytes));
            } else {
                let mut with_bom = encoding.bom().to_vec();
                with_bom.extend_from_slice(&bytes);
                files.push(("with BOM", encoding, with_bom));
                files.push(("without BOM", encoding, bytes));
            }
        }
        files
    }

    #[test]
    fn detects_the_csv_in_every_encoding() {
        for (how, encoding, bytes) in csv_files() {
            let detected = detect(&bytes);
            assert_eq!(detected.encoding, encoding, "{encoding} {how}");
            assert_eq!(detected.text, CSV, "{encoding} {how}");
            assert_eq!(detected.score.ratio(), 1.0, "{encoding} {how}");
            assert_eq!(detected.score.words, 48, "{encoding} {how}");
        }
    }

    /// What the CSV of each 8-bit encoding scores read in every other: the right one reads
    /// as Vietnamese, the wrong ones do not.
    #[test]
    fn wrong_decodings_score_low() {
        for (_, encoding, bytes) in csv_files() {
            for other in Legacy::ALL.map(Legacy::encoding) {
                let score = score(&decode(&bytes, other).unwrap_or_default());
                if other == encoding {
                    assert_eq!(score.ratio(), 1.0);
                } else if matches!(
                    encoding,
                    Encoding::Windows1258 | Encoding::Tcvn3 | Encoding::Vni
                ) {
                    assert!(score.ratio() < 0.5, "{encoding} read as {other}: {score:?}");
                }
            }
        }
    }

    #[test]
    fn clearly_better_needs_more_syllables_and_fewer_strays() {
        let score = |syllables, words| Score { syllables, words };
        assert!(clearly_better(score(2, 2), score(0, 2)));
        assert!(!clearly_better(score(2, 2), score(2, 2)));
        assert!(!clearly_better(score(3, 4), score(2, 2)));
        assert!(!clearly_better(score(2, 5), score(0, 5)));
        assert_eq!(net(score(3, 4)), 2);
        assert_eq!(net(score(0, 4)), -4);
    }

    #[test]
    fn ascii_is_utf8() {
        let detected = detect(b"Ma,Ten\r\nHTX-01,Hop tac xa Thanh Cong\r\n");
        assert_eq!(detected.encoding, Encoding::Utf8);
        assert_eq!(detected.text, "Ma,Ten\r\nHTX-01,Hop tac xa Thanh Cong\r\n");
        assert_eq!(detected.score, Score::default());
        assert_eq!(detect(b"").encoding, Encoding::Utf8);
        assert_eq!(detect(b"").text, "");
    }

    #[test]
    fn utf8_that_is_not_vietnamese_stays_utf8() {
        for text in [
            "Café crème, naïve",
            "日本語のテキスト",
            "Ωμέγα",
            "x ≤ y → z",
        ] {
            let detected = detect(text.as_bytes());
            assert_eq!(detected.encoding, Encoding::Utf8, "{text}");
            assert_eq!(detected.text, text);
        }
        assert!(detect("日本語のテキスト".as_bytes()).score.ratio() < 0.5);
    }

    #[test]
    fn a_bom_that_lies_is_dropped_and_the_rest_detected() {
        let mut bytes = Encoding::Utf8.bom().to_vec();
        bytes.extend(encode(CSV, Encoding::Tcvn3).unwrap());
        let detected = detect(&bytes);
        assert_eq!(detected.encoding, Encoding::Tcvn3);
        assert_eq!(detected.text, CSV);
    }

    #[test]
    fn windows_1252_text_is_read_as_windows_1258() {
        // Not Vietnamese, not UTF-8: the bytes read as Windows shows them.
        let detected = detect(b"Caf\xe9 \x93cr\xe8me\x94");
        assert_eq!(detected.encoding, Encoding::Windows1258);
        assert_eq!(detected.text, "Café “crème”");
    }

    /// A generator of reproducible noise.
    fn noise(len: usize, mut seed: u64) -> Vec<u8> {
        (0..len)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed.to_le_bytes()[3]
            })
            .collect()
    }

    #[test]
    fn noise_reads_as_nothing() {
        for seed in 1..=20 {
            let bytes = noise(4096, seed);
            let detected = detect(&bytes);
            assert!(detected.score.ratio() < 0.3, "{seed}: {detected:?}");
        }
    }

    /// 10 MB: noise, and the CSV in TCVN3 over and over. Detection weighs a sample, then
    /// decodes and scores the whole once: a fraction of a second each in a release build.
    #[test]
    fn ten_megabytes() {
        let detected = detect(&noise(10 << 20, 7));
        assert!(detected.score.ratio() < 0.3);
        let csv = encode(CSV, Encoding::Tcvn3).unwrap();
        let bytes = csv.repeat((10 << 20) / csv.len());
        let detected = detect(&bytes);
        assert_eq!(detected.encoding, Encoding::Tcvn3);
        assert_eq!(detected.score.ratio(), 1.0);
        assert_eq!(detected.text.len(), CSV.len() * ((10 << 20) / csv.len()));
    }

    #[test]
    fn repairs_cells_typed_in_legacy_fonts() {
        let cases = [
            ("H¶i Phßng", "Hải Phòng", Encoding::Tcvn3),
            (
                "Hîp t¸c x· N«ng nghiÖp Thµnh C«ng",
                "Hợp tác xã Nông nghiệp Thành Công",
                Encoding::Tcvn3,
            ),
            ("TØnh Nam §Þnh", "Tỉnh Nam Định", Encoding::Tcvn3),
            ("§«ng H\u{AD}ng", "Đông Hưng", Encoding::Tcvn3),
            ("Haûi Phoøng", "Hải Phòng", Encoding::Vni),
            (
                "Hôïp taùc xaõ Noâng nghieäp",
                "Hợp tác xã Nông nghiệp",
                Encoding::Vni,
            ),
            ("Ñoâng Höng", "Đông Hưng", Encoding::Vni),
            ("TÆNH VÓNH PHUÙC", "TỈNH VĨNH PHÚC", Encoding::Vni),
            ("Háº£i PhÃ²ng", "Hải Phòng", Encoding::Utf8),
            ("Ã£", "ã", Encoding::Utf8),
            ("HaÒi PhoÌng", "Hải Phòng", Encoding::Windows1258),
        ];
        for (cell, repaired, encoding) in cases {
            assert_eq!(
                repair_cell(cell),
                Some((repaired.to_owned(), encoding)),
                "{cell}"
            );
        }
        // What the cell maps back to is the encoding's own bytes.
        for (_, text, encoding) in cases {
            let bytes = encode(text, encoding).unwrap();
            let cell: String = bytes
                .iter()
                .map(|&byte| match byte.checked_sub(0x80) {
                    Some(high) => WINDOWS_1252_HIGH[usize::from(high)],
                    None => char::from(byte),
                })
                .collect();
            assert_eq!(
                repair_cell(&cell),
                Some((text.to_owned(), encoding)),
                "{text}"
            );
        }
    }

    #[test]
    fn leaves_good_cells_alone() {
        for cell in [
            "",
            "HTX-01",
            "Nguyen Van A",
            "Café",
            "Hải Phòng",
            "Hợp tác xã Nông nghiệp Thành Công",
            "Hà",
            "Hòa Bình",
            "Tín",
            "Bình Hòa Café",
            "mét",
            "Müller & Söhne",
            "José María",
            "25°C, ±5%",
            "“Thành Công”",
            "日本",
        ] {
            assert_eq!(repair_cell(cell), None, "{cell}");
        }
    }

    #[test]
    fn syllables_of_the_csv() {
        // The test CSV is what the detection tests rely on: every word with a mark is a
        // syllable.
        for word in CSV.split([',', ' ', '\r', '\n']) {
            if !word.is_ascii() {
                assert!(is_syllable(word), "{word}");
            }
        }
    }

    proptest! {
        #[test]
        fn any_bytes_decode_or_fail_cleanly(
            bytes in proptest::collection::vec(any::<u8>(), 0..300)
        ) {
            for encoding in Encoding::ALL {
                match decode(&bytes, encoding) {
                    Ok(text) => prop_assert!(
                        unicode_normalization::is_nfc(&text),
                        "{} gave text that is not NFC",
                        encoding
                    ),
                    Err(err) => {
                        prop_assert!(matches!(
                            encoding,
                            Encoding::Utf8 | Encoding::Utf16Le | Encoding::Utf16Be
                        ));
                        prop_assert!(err.offset <= bytes.len());
                        prop_assert_eq!(err.encoding, encoding);
                    }
                }
            }
            // The text is the bytes decoded in the encoding found, less a byte order mark that
            // did not fit them.
            let detected = detect(&bytes);
            let whole = decode(&bytes, detected.encoding).ok();
            let unmarked = [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be]
                .into_iter()
                .find_map(|marked| bytes.strip_prefix(marked.bom()))
                .and_then(|body| decode(body, detected.encoding).ok());
            prop_assert!(
                whole.as_ref() == Some(&detected.text) || unmarked.as_ref() == Some(&detected.text)
            );
        }

        #[test]
        fn any_cell_repairs_without_panic(cell in "[ -~\u{a0}-\u{ff}€‘’“”–—]{0,40}") {
            if let Some((repaired, _)) = repair_cell(&cell) {
                prop_assert_ne!(repaired, cell);
            }
        }
    }
}
