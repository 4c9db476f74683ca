//! Whether a word is a well-formed Vietnamese syllable ([`is_syllable`]), and how much of a
//! text is made of such words ([`score`]): the evidence the importer weighs to tell which
//! encoding a file or a spreadsheet cell was written in. Text read with the wrong table
//! shows symbols and letters Vietnamese does not have ("H¶i", "Haûi", "Ä‘á»"), or tone marks
//! where no syllable can carry them ("Vieọt", "tổnh"); text read with the right one is made of
//! syllables.

use std::sync::OnceLock;

use crate::text::{ALPHABET, split_letter};

/// Tones as [`split_letter`] numbers them (1 huyền, 2 hỏi, 3 ngã, 4 sắc, 5 nặng): the two a
/// syllable ending in a stop consonant can carry.
const SAC: u8 = 4;
const NANG: u8 = 5;

/// No syllable is longer: "nghiêng" has 7 letters.
const MAX_LETTERS: usize = 8;

/// The vowel letters; the other letters of the alphabet are consonants.
const VOWELS: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Whether `consonants` is an initial consonant of Vietnamese: b c ch d đ g gh h k kh l m n ng
/// ngh nh p ph r s t th tr v x, the four letters the alphabet lacks that the names of the
/// ethnic minorities use (Cư Jút, Ea Wer, Za Hung), or none. "gi" and "qu" are initials too,
/// taking a vowel letter (see [`parses`]).
fn is_initial(consonants: &[char]) -> bool {
    matches!(
        consonants,
        [] | ['b' | 'c' | 'd' | 'đ' | 'g' | 'h' | 'k' | 'l' | 'm' | 'n' | 'p' | 'r' | 's']
            | ['t' | 'v' | 'x' | 'f' | 'j' | 'w' | 'z']
            | ['c' | 'g' | 'k' | 'n' | 'p' | 't', 'h']
            | ['n', 'g']
            | ['t', 'r']
            | ['n', 'g', 'h']
    )
}

/// A final consonant (a final semivowel, the i of "ai" or the u of "sáu", belongs to the
/// nucleus).
#[derive(Clone, Copy, Debug, Default)]
struct Final {
    /// There is one.
    present: bool,
    /// c, ch, p, t: the syllable carries sắc or nặng, never another tone or none.
    stop: bool,
    /// ch, nh: they close only a, ê, i, y (ách, ếch, ích, uỵch; anh, ênh, inh, huynh).
    palatal: bool,
    /// k, h, r, l: only minority names have them ("Đắk Lắk", "Chư Păh", "Xiêr", "Khươl").
    minority: bool,
}

/// The final `letters` make, if they are one.
fn final_of(letters: &[char]) -> Option<Final> {
    let present = Final {
        present: true,
        ..Final::default()
    };
    Some(match letters {
        [] => Final::default(),
        ['m'] | ['n'] | ['n', 'g'] => present,
        ['c'] | ['p'] | ['t'] => Final {
            stop: true,
            ..present
        },
        ['c', 'h'] => Final {
            stop: true,
            palatal: true,
            ..present
        },
        ['n', 'h'] => Final {
            palatal: true,
            ..present
        },
        ['k' | 'h' | 'r' | 'l'] => Final {
            minority: true,
            ..present
        },
        _ => return None,
    })
}

/// Whether a nucleus stands with a final consonant.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Closure {
    /// Never ("ai", "iêu": the last vowel is itself the final).
    Open,
    /// Always ("ă", "â", "iê", "uô", "ươ": "ăn", "tiên", but no "tă", "tiê").
    Closed,
    /// Either ("a", "oa": "ta", "tan", "hoa", "hoàn").
    Either,
}

/// A vowel nucleus: the places among its vowels (bit `n` for the n-th vowel) where the tone
/// mark may stand, whether a final consonant may or must follow, and whether only minority
/// names have it. Both placements of the tone that people use are allowed where they differ
/// ("hòa" and "hoà", "thủy" and "thuỷ").
#[derive(Clone, Copy, Debug)]
struct Nucleus {
    tone_at: u8,
    closure: Closure,
    minority: bool,
}

const FIRST: u8 = 0b001;
const SECOND: u8 = 0b010;
const THIRD: u8 = 0b100;
const EITHER: u8 = FIRST | SECOND;

/// The nucleus `vowels` make, if Vietnamese has it.
fn nucleus_of(vowels: &[char]) -> Option<Nucleus> {
    use Closure::{Closed, Either, Open};
    let (tone_at, closure, minority) = match vowels {
        // One vowel; ă and â never end a syllable.
        ['a' | 'e' | 'ê' | 'i' | 'o' | 'ô' | 'ơ' | 'u' | 'ư' | 'y'] => (FIRST, Either, false),
        ['ă' | 'â'] => (FIRST, Closed, false),
        // A vowel and a final semivowel, the tone on the vowel (mái, sáu, cây, mèo, kêu, líu,
        // tôi, mới, túi, gửi, hưu).
        ['a', 'i' | 'o' | 'u' | 'y']
        | ['â', 'u' | 'y']
        | ['e', 'o']
        | ['ê', 'u']
        | ['i', 'u']
        | ['o' | 'ô' | 'ơ' | 'u' | 'ư', 'i']
        | ['ư', 'u'] => (FIRST, Open, false),
        // Centring diphthongs, written open with the tone on the first vowel (kìa, của, mưa),
        // closed with it on the second (tiến, yên, muốn, được).
        ['i' | 'u' | 'ư', 'a'] => (FIRST, Open, false),
        ['i' | 'y', 'ê'] | ['u', 'ô'] | ['ư', 'ơ'] => (SECOND, Closed, false),
        // A glide and a vowel (hoà, khoẻ, thuỷ, xoong; xoăn, tuấn; thuế; thuở).
        ['o', 'a' | 'e'] | ['u', 'y'] => (EITHER, Either, false),
        ['o', 'o'] => (EITHER, Closed, false),
        ['o', 'ă'] | ['u', 'â'] => (SECOND, Closed, false),
        ['u', 'ê'] => (SECOND, Either, false),
        ['u', 'ơ'] => (SECOND, Open, false),
        // Three vowels, the tone on the middle one (tiểu, yếu, ngoài, ngoáo, xoáy, ngoẹo,
        // khuấy, muối, người, rượu, khuya, khuỷu, khuều), or on the last of uyê (khuyến).
        ['i' | 'y', 'ê', 'u']
        | ['o', 'a', 'i' | 'o' | 'y']
        | ['o', 'e', 'o']
        | ['u', 'â', 'y']
        | ['u', 'ô', 'i']
        | ['ư', 'ơ', 'i' | 'u']
        | ['u', 'y', 'a' | 'u']
        | ['u', 'ê', 'u'] => (SECOND, Open, false),
        ['u', 'y', 'ê'] => (THIRD, Closed, false),
        // Only in minority names ("Măih", "Krêy", "Broăi", "Piơr").
        ['ă', 'i'] | ['ê', 'y'] => (FIRST, Either, true),
        ['o', 'ă', 'i'] | ['i', 'ơ'] => (SECOND, Either, true),
        _ => return None,
    };
    Some(Nucleus {
        tone_at,
        closure,
        minority,
    })
}

/// Whether `word` (NFC, any case) is one well-formed Vietnamese syllable: an initial consonant
/// or none, a vowel nucleus Vietnamese has, a final consonant or none, at most one tone mark
/// and that on a vowel of the nucleus where the nucleus takes it, and after a stop final
/// (c, ch, p, t) only sắc or nặng. Every letter must be one of the Vietnamese alphabet or
/// f, j, w, z, so a symbol or a foreign mark ("H¶i", "Haûi", "Phoøng") fails.
///
/// It also takes the words of minority names as the official lists spell them: an initial
/// cluster of two or three consonants ("Krông", "Đrắk"), the finals k, h, r, l ("Đắk", "Păh",
/// "Xiêr"), and a few nuclei of their own; such a word is held only to its nucleus and tones,
/// not to which finals its nucleus takes. Two syllables written as one word ("ÊBur") fail.
pub fn is_syllable(word: &str) -> bool {
    let table = class_table();
    let mut read = Word::default();
    for c in word.chars() {
        read.push(c, class(table, c));
        if !read.fits {
            return false;
        }
    }
    read.is_syllable()
}

/// A word being read, char by char: its letters without their tones, the tone, and what
/// [`score`] needs to know of it.
#[derive(Clone, Copy, Debug)]
struct Word {
    letters: [char; MAX_LETTERS],
    len: usize,
    tone: Option<Tone>,
    /// Every char so far is a letter of the alphabet, at most [`MAX_LETTERS`] of them, with
    /// at most one tone.
    fits: bool,
    /// Some char is past ASCII.
    non_ascii: bool,
    /// Some char is a letter (of any alphabet).
    any_letter: bool,
}

impl Default for Word {
    fn default() -> Self {
        Self {
            letters: ['\0'; MAX_LETTERS],
            len: 0,
            tone: None,
            fits: true,
            non_ascii: false,
            any_letter: false,
        }
    }
}

impl Word {
    /// Empties the word for the next one (the letters past `len` do not count).
    fn clear(&mut self) {
        self.len = 0;
        self.tone = None;
        self.fits = true;
        self.non_ascii = false;
        self.any_letter = false;
    }

    fn push(&mut self, c: char, class: Class) {
        self.non_ascii |= !c.is_ascii();
        let letter = match class {
            Class::Vietnamese(letter) => letter,
            Class::OtherLetter => {
                self.any_letter = true;
                self.fits = false;
                return;
            }
            Class::Separator | Class::Other => {
                self.fits = false;
                return;
            }
        };
        self.any_letter = true;
        if !self.fits {
            return;
        }
        let Some(slot) = self.letters.get_mut(self.len) else {
            self.fits = false;
            return;
        };
        *slot = letter.base;
        if letter.tone != 0 {
            if self.tone.is_some() {
                self.fits = false;
                return;
            }
            self.tone = Some(Tone {
                at: self.len,
                tone: letter.tone,
            });
        }
        self.len += 1;
    }

    fn is_syllable(&self) -> bool {
        if !self.fits {
            return false;
        }
        match self.letters.get(..self.len) {
            Some(letters) if !letters.is_empty() => parses(letters, self.tone),
            _ => false,
        }
    }
}

/// A tone mark: on the letter at `at`, which tone.
#[derive(Clone, Copy, Debug)]
struct Tone {
    at: usize,
    tone: u8,
}

/// Whether some split of `letters` into initial, nucleus and final is a syllable. The
/// consonants before the first vowel are the initial, the vowels after it the nucleus, and
/// what follows the final; but "gi" and "qu" take the vowel after them into the initial
/// ("giữ" is gi + ư, "quốc" qu + ô + c; "gìn" is g + i + n).
fn parses(letters: &[char], tone: Option<Tone>) -> bool {
    let run = letters
        .iter()
        .take_while(|letter| !VOWELS.contains(letter))
        .count();
    let Some(consonants) = letters.get(..run) else {
        return false;
    };
    let whole_run = if is_initial(consonants) {
        Some((run, false))
    } else if (2..=3).contains(&run) && !consonants.contains(&'q') {
        Some((run, true))
    } else {
        None
    };
    let gi_qu = match (consonants, letters.get(run)) {
        (['g'], Some('i')) | (['q'], Some('u')) => Some((2, false)),
        _ => None,
    };
    [whole_run, gi_qu]
        .into_iter()
        .flatten()
        .any(|(initial, minority)| rhyme_parses(letters, initial, minority, tone))
}

/// Whether the letters after the first `initial` ones are a nucleus and a final.
fn rhyme_parses(letters: &[char], initial: usize, minority: bool, tone: Option<Tone>) -> bool {
    let Some(rhyme) = letters.get(initial..) else {
        return false;
    };
    // The tone's place counted from the first vowel of the nucleus; a tone on the initial (the
    // i of gi) rules this split out.
    let tone = match tone {
        None => None,
        Some(Tone { at, tone }) => match at.checked_sub(initial) {
            Some(at) => Some(Tone { at, tone }),
            None => return false,
        },
    };
    let split = rhyme
        .iter()
        .take_while(|letter| VOWELS.contains(letter))
        .count();
    let (Some(vowels), Some(end)) = (rhyme.get(..split), rhyme.get(split..)) else {
        return false;
    };
    let (Some(nucleus), Some(last)) = (nucleus_of(vowels), final_of(end)) else {
        return false;
    };
    let minority = minority || last.minority;
    if nucleus.minority && !minority {
        return false;
    }
    let tone = match tone {
        None => 0,
        Some(Tone { at, tone }) => {
            if at >= vowels.len() || nucleus.tone_at & (1 << at) == 0 {
                return false;
            }
            tone
        }
    };
    if last.stop && !matches!(tone, SAC | NANG) {
        return false;
    }
    if minority {
        return true;
    }
    let closure_fits = match nucleus.closure {
        Closure::Open => !last.present,
        Closure::Closed => last.present,
        Closure::Either => true,
    };
    let palatal_fits = !last.palatal || matches!(vowels.last(), Some('a' | 'ê' | 'i' | 'y'));
    closure_fits && palatal_fits
}

/// A letter of the alphabet with the tone on it removed: its base (ă â ê ô ơ ư đ are bases of
/// their own, as [`split_letter`] gives them) and its tone (0 none, 1–5).
#[derive(Clone, Copy, Debug)]
struct Letter {
    base: char,
    tone: u8,
}

/// What a char is to a word.
#[derive(Clone, Copy, Debug)]
enum Class {
    /// A letter of the Vietnamese alphabet (or f, j, w, z) in either case, with any tone.
    Vietnamese(Letter),
    /// A letter of another alphabet, or with marks Vietnamese does not use (ß, ø, ñ, ü).
    OtherLetter,
    /// What words are split at (see [`Score`]).
    Separator,
    /// Anything else: symbols, combining marks, controls past ASCII.
    Other,
}

/// Characters below this code point (ASCII, the Latin blocks and all of Vietnamese) are looked
/// up in a table built once; the rest are classed each time.
const TABULATED: u32 = 0x2000;

/// The [`Class`] of `c`; `table` is [`class_table`].
fn class(table: &[Class], c: char) -> Class {
    match table.get(u32::from(c) as usize) {
        Some(&class) => class,
        None => compute_class(c),
    }
}

fn class_table() -> &'static [Class] {
    static TABLE: OnceLock<Vec<Class>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..TABULATED)
            .map(|code| char::from_u32(code).map_or(Class::Other, compute_class))
            .collect()
    })
}

fn compute_class(c: char) -> Class {
    let separator = if c.is_ascii() {
        !c.is_ascii_alphabetic()
    } else {
        c.is_whitespace() || ('\u{2000}'..='\u{206F}').contains(&c)
    };
    if separator {
        return Class::Separator;
    }
    if !c.is_alphabetic() {
        return Class::Other;
    }
    // "İ" lower-cases to two chars (i and a dot): not a Vietnamese letter.
    let split = split_letter(c);
    if c.to_lowercase().count() == 1 && ALPHABET.contains(&split.base) {
        Class::Vietnamese(Letter {
            base: split.base,
            tone: split.tone,
        })
    } else {
        Class::OtherLetter
    }
}

/// How much of a text reads as Vietnamese.
///
/// Only words that hold a non-ASCII character and a letter count ("Hải", "H¶i", "Haûi",
/// "Café"): a word of plain ASCII letters ("Nguyen", "HTX") reads the same in every 8-bit
/// encoding, so it tells nothing about which one a file uses, and a word of symbols alone
/// ("₫", "©") is no word. Counting them would only add the same number to every candidate and
/// blur the ratio, so `words` is the count of the words that are evidence, and `syllables` of
/// those that are Vietnamese syllables ([`is_syllable`]). Words are what lies between white
/// space, ASCII characters other than letters (digits, punctuation) and the General
/// Punctuation block (dashes, typographic quotes, …); any other character stays inside its
/// word, so a mojibake symbol ("H¶i") spoils the word it sits in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Score {
    /// Evidence words that are Vietnamese syllables.
    pub syllables: usize,
    /// Evidence words: words holding a non-ASCII character and a letter.
    pub words: usize,
}

impl Score {
    /// The share of the evidence words that are syllables: near 1 for Vietnamese decoded right,
    /// low for text decoded with the wrong table or not Vietnamese at all. Text with no
    /// evidence (plain ASCII) has ratio 1: nothing in it speaks against any decoding.
    pub fn ratio(self) -> f64 {
        if self.words == 0 {
            1.0
        } else {
            self.syllables as f64 / self.words as f64
        }
    }

    /// Evidence words that are not syllables.
    pub fn strays(self) -> usize {
        self.words.saturating_sub(self.syllables)
    }
}

/// Scores `text` (NFC) as [`Score`] describes.
pub fn score(text: &str) -> Score {
    let table = class_table();
    let mut score = Score::default();
    let mut word = Word::default();
    let mut count = |word: &Word| {
        if word.non_ascii && word.any_letter {
            score.words += 1;
            if word.is_syllable() {
                score.syllables += 1;
            }
        }
    };
    for c in text.chars() {
        match class(table, c) {
            Class::Separator => {
                count(&word);
                word.clear();
            }
            class => word.push(c, class),
        }
    }
    count(&word);
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The 63 provinces and cities before the reorganisation of 2025.
    const PROVINCES: [&str; 63] = [
        "An Giang",
        "Bà Rịa – Vũng Tàu",
        "Bạc Liêu",
        "Bắc Giang",
        "Bắc Kạn",
        "Bắc Ninh",
        "Bến Tre",
        "Bình Dương",
        "Bình Định",
        "Bình Phước",
        "Bình Thuận",
        "Cà Mau",
        "Cao Bằng",
        "Cần Thơ",
        "Đà Nẵng",
        "Đắk Lắk",
        "Đắk Nông",
        "Điện Biên",
        "Đồng Nai",
        "Đồng Tháp",
        "Gia Lai",
        "Hà Giang",
        "Hà Nam",
        "Hà Nội",
        "Hà Tĩnh",
        "Hải Dương",
        "Hải Phòng",
        "Hậu Giang",
        "Hòa Bình",
        "Thành phố Hồ Chí Minh",
        "Hưng Yên",
        "Khánh Hòa",
        "Kiên Giang",
        "Kon Tum",
        "Lai Châu",
        "Lạng Sơn",
        "Lào Cai",
        "Lâm Đồng",
        "Long An",
        "Nam Định",
        "Nghệ An",
        "Ninh Bình",
        "Ninh Thuận",
        "Phú Thọ",
        "Phú Yên",
        "Quảng Bình",
        "Quảng Nam",
        "Quảng Ngãi",
        "Quảng Ninh",
        "Quảng Trị",
        "Sóc Trăng",
        "Sơn La",
        "Tây Ninh",
        "Thái Bình",
        "Thái Nguyên",
        "Thanh Hóa",
        "Thừa Thiên Huế",
        "Tiền Giang",
        "Trà Vinh",
        "Tuyên Quang",
        "Vĩnh Long",
        "Vĩnh Phúc",
        "Yên Bái",
    ];

    const COOPERATIVE: [&str; 12] = [
        "Hợp tác xã Nông nghiệp Dịch vụ Thành Công",
        "Liên minh Hợp tác xã tỉnh Thái Bình",
        "Thủy sản",
        "Thuỷ sản",
        "Tiểu thủ công nghiệp",
        "Quản lý",
        "khuyến nông khuyến ngư",
        "Nguyễn Văn Được, Giám đốc",
        "nghiêng ngả quốc gia giữ gìn",
        "oẳn tù tì, khuya, khuỷu tay, ngoằn ngoèo, xoong nồi",
        "Chăn nuôi lợn, gà; trồng trọt; chế biến nông sản; vận tải",
        "Điện lực, nước sạch, môi trường, tín dụng nội bộ, huấn luyện",
    ];

    fn words(text: &str) -> impl Iterator<Item = &str> {
        let table = class_table();
        text.split(move |c| matches!(class(table, c), Class::Separator))
            .filter(|word| !word.is_empty())
    }

    #[test]
    fn every_word_of_the_63_provinces_is_a_syllable() {
        for province in PROVINCES {
            for word in words(province) {
                assert!(is_syllable(word), "{word} in {province}");
                assert!(is_syllable(&word.to_uppercase()), "{word} upper-cased");
                assert!(is_syllable(&word.to_lowercase()), "{word} lower-cased");
            }
        }
    }

    #[test]
    fn cooperative_words_are_syllables() {
        for text in COOPERATIVE {
            for word in words(text) {
                assert!(is_syllable(word), "{word} in {text}");
            }
        }
        for word in [
            "khuyến",
            "nguyễn",
            "nghiêng",
            "quốc",
            "giữ",
            "gìn",
            "oẳn",
            "khuya",
            "người",
            "ướt",
            "yêu",
            "uống",
            "ở",
            "ý",
            "quyết",
            "quýt",
            "huỳnh",
            "khuếch",
            "hoạch",
            "giường",
        ] {
            assert!(is_syllable(word), "{word}");
        }
    }

    /// Words of the names of the country that are not one syllable of the standard
    /// spelling: two syllables written as one word, and minority spellings outside it (y as a
    /// consonant, doubled vowels, "Qưới" for Quới, "Ơt" without a tone before its stop).
    const NOT_SYLLABLES: [&str; 17] = [
        "Pơnan", "ÊBur", "Eachà", "Sơmei", "Zuôich", "Kuăng", "Yiêng", "Yông", "Yă", "Bă", "Púch",
        "Dêê", "Laêê", "Pơơ", "Ơt", "Miầu", "Qưới",
    ];

    /// Every word with a non-ASCII letter among the names of the country's provinces,
    /// districts and communes, minority names included, is a syllable, but for the few of
    /// [`NOT_SYLLABLES`].
    #[test]
    fn the_words_of_the_names_of_the_country_are_syllables() {
        let names = include_str!("../../tests/data/vn-names.txt");
        let mut checked = 0;
        let mut refused = std::collections::BTreeSet::new();
        for line in names.lines().filter(|line| !line.starts_with('#')) {
            for word in words(line).filter(|word| !word.is_ascii()) {
                checked += 1;
                if !is_syllable(word) {
                    refused.insert(word);
                }
            }
        }
        assert!(checked > 10_000, "{checked} words checked");
        let expected: std::collections::BTreeSet<&str> = NOT_SYLLABLES.into_iter().collect();
        assert_eq!(refused, expected);
    }

    #[test]
    fn mojibake_is_not_a_syllable() {
        for word in [
            "H¶i",
            "Phßng",
            "Haûi",
            "Phoøng",
            "Ä'á»\u{a0}",
            "Ã£",
            "Ä‘",
            "Ñoàng",
            "Vieät",
            "tænh",
            "§ång",
            "Hîp",
            "t¸c",
            "x·",
        ] {
            assert!(!is_syllable(word), "{word}");
        }
    }

    #[test]
    fn ill_formed_syllables_are_refused() {
        for word in [
            "",
            "ng",
            "HTX",
            "hoàđạo",
            "tiê",   // iê needs a final
            "tă",    // so does ă
            "hầ",    // and â
            "vieọt", // no nucleus ieo
            "tổnh",  // nh closes only a ê i y
            "tổch",
            "cat", // a stop final takes sắc or nặng
            "mảt",
            "hoc",
            "aú",   // the tone of au is on the a
            "tiềǹ", // two tones
            "qa",   // q only as qu
            "ñam",  // ñ is not Vietnamese
            "Nam1",
            "nghiêngg",
            "aaaaaaaaa",
        ] {
            assert!(!is_syllable(word), "{word}");
        }
        // The minority final k is not a stop to the rule.
        assert!(is_syllable("Đắk"));
    }

    #[test]
    fn tone_placement_old_and_new() {
        for word in ["hòa", "hoà", "thủy", "thuỷ", "khỏe", "khoẻ", "Thụy", "Thuỵ"] {
            assert!(is_syllable(word), "{word}");
        }
        // The tone of a closed centring diphthong sits on its second vowel.
        assert!(!is_syllable("tíên"));
        assert!(!is_syllable("múôn"));
        assert!(!is_syllable("mứơn"));
    }

    #[test]
    fn score_counts_only_words_that_are_evidence() {
        assert_eq!(score("Nguyen Van A, HTX-01"), Score::default());
        assert_eq!(score("1.000₫ © 2024 —"), Score::default());
        assert_eq!(
            score("Hải Phòng, Café"),
            Score {
                syllables: 2,
                words: 3
            }
        );
        assert_eq!(
            score("H¶i Phßng"),
            Score {
                syllables: 0,
                words: 2
            }
        );
        // "“Hải”" is one word between its quotes; "Hải–Phòng" is two.
        assert_eq!(
            score("“Hải” Hải–Phòng"),
            Score {
                syllables: 3,
                words: 3
            }
        );
        assert_eq!(score("Hợp tác xã").ratio(), 1.0);
        assert_eq!(score("HTX").ratio(), 1.0);
        assert_eq!(score("H¶i Phòng").ratio(), 0.5);
        assert_eq!(score("H¶i Phßng").ratio(), 0.0);
    }
}
