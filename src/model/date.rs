//! Calendar dates and UTC timestamps as the data file writes them (`"2011-06-21"`,
//! `"2011-11-30T09:05:00Z"`), checked when read so an impossible date never enters the model.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

use crate::lang::{self, errors::DatePart};

/// A day of the Gregorian calendar.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, bitcode::Encode, bitcode::Decode,
)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Builds a date, refusing days that do not exist (2011-02-30) and years outside 1000–9999.
    /// The refusal is in the interface's language: a form shows it as it is.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Self, String> {
        // The language is looked up only for a refusal: this runs for every date of a file.
        if !(1000..=9999).contains(&year) {
            return Err((lang::errors().year_out_of_range)(year));
        }
        if !(1..=12).contains(&month) {
            return Err((lang::errors().no_such_month)(month));
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err((lang::errors().no_such_day)(year, month, day));
        }
        Ok(Self { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }
}

/// A date as people write it: three numbers separated by `separator`, day first
/// (`21/6/2011`) when `day_first`, else year first (`2011-6-21`); day and month of one or two
/// digits, the year of four. `None` when the text is not of that shape, `Some(Err)` when it is
/// but the day does not exist (the refusal of [`Date::new`]).
pub fn parse_written_date(
    text: &str,
    separator: char,
    day_first: bool,
) -> Option<Result<Date, String>> {
    let number = |part: &str, digits: std::ops::RangeInclusive<usize>| {
        (digits.contains(&part.len()) && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<u16>().ok())
            .flatten()
    };
    let mut parts = text.split(separator);
    let (Some(a), Some(b), Some(c), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (day, year) = if day_first { (a, c) } else { (c, a) };
    let (day, month, year) = (number(day, 1..=2)?, number(b, 1..=2)?, number(year, 4..=4)?);
    Some(Date::new(year, month as u8, day as u8))
}

/// The date `days` after 1970-01-01 (Howard Hinnant's `civil_from_days`); `None` outside the
/// years a [`Date`] holds.
pub fn civil(days: i64) -> Option<Date> {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    Date::new(
        u16::try_from(year).ok()?,
        u8::try_from(month).ok()?,
        u8::try_from(day).ok()?,
    )
    .ok()
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn number<T: FromStr>(text: &str, digits: usize, what: DatePart) -> Result<T, String> {
    let wrong = || (lang::errors().digits)(what, digits, text);
    if text.len() != digits || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(wrong());
    }
    text.parse().map_err(|_| wrong())
}

impl FromStr for Date {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err((lang::errors().expected_date)(text));
        };
        Date::new(
            number(y, 4, DatePart::Year)?,
            number(m, 2, DatePart::Month)?,
            number(d, 2, DatePart::Day)?,
        )
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A moment in UTC, to the second.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, bitcode::Encode, bitcode::Decode,
)]
pub struct Timestamp {
    date: Date,
    hour: u8,
    minute: u8,
    second: u8,
}

impl Timestamp {
    pub fn new(date: Date, hour: u8, minute: u8, second: u8) -> Result<Self, String> {
        if hour > 23 || minute > 59 || second > 59 {
            return Err((lang::errors().not_a_time)(hour, minute, second));
        }
        Ok(Self {
            date,
            hour,
            minute,
            second,
        })
    }

    pub fn date(self) -> Date {
        self.date
    }
    pub fn hour(self) -> u8 {
        self.hour
    }
    pub fn minute(self) -> u8 {
        self.minute
    }
    pub fn second(self) -> u8 {
        self.second
    }
}

impl FromStr for Timestamp {
    type Err = String;
    fn from_str(text: &str) -> Result<Self, String> {
        let bad = || (lang::errors().expected_timestamp)(text);
        let rest = text.strip_suffix('Z').ok_or_else(bad)?;
        let (date, time) = rest.split_once('T').ok_or_else(bad)?;
        let mut parts = time.split(':');
        let (Some(h), Some(m), Some(s), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(bad());
        };
        Timestamp::new(
            date.parse()?,
            number(h, 2, DatePart::Hour)?,
            number(m, 2, DatePart::Minute)?,
            number(s, 2, DatePart::Second)?,
        )
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{:02}:{:02}:{:02}Z",
            self.date, self.hour, self.minute, self.second
        )
    }
}

macro_rules! string_serde {
    ($type:ty) => {
        impl Serialize for $type {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }
        impl<'de> Deserialize<'de> for $type {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                text.parse().map_err(de::Error::custom)
            }
        }
    };
}
string_serde!(Date);
string_serde!(Timestamp);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_and_print_back() {
        for text in ["2011-06-21", "2012-02-29", "2000-02-29", "9999-12-31"] {
            assert_eq!(text.parse::<Date>().unwrap().to_string(), text);
        }
    }

    #[test]
    fn impossible_dates_are_refused() {
        for text in [
            "2011-02-29",
            "1900-02-29",
            "2011-13-01",
            "2011-04-31",
            "2011-6-21",
            "",
            "2011-06-21-1",
            "２011-06-21",
        ] {
            assert!(text.parse::<Date>().is_err(), "{text} accepted");
        }
    }

    #[test]
    fn refusals_are_in_the_interface_language() {
        crate::lang::pin(crate::lang::Lang::Vi);
        let refused = |text: &str| text.parse::<Date>().unwrap_err();
        assert_eq!(refused("2011-02-30"), "tháng 02/2011 không có ngày 30");
        assert_eq!(refused("2011-13-01"), "không có tháng 13");
        assert_eq!(
            refused("2011-6-21"),
            "tháng phải gồm 2 chữ số, nhưng gặp \"6\""
        );
        assert!(refused("21/06/2011").starts_with("cần một ngày viết dạng \"2011-12-31\""));
        let late = "2011-11-30T24:00:00Z".parse::<Timestamp>().unwrap_err();
        assert_eq!(late, "24:00:00 không phải là một giờ trong ngày");
    }

    #[test]
    fn timestamps_round_trip_and_refuse_nonsense() {
        let t: Timestamp = "2011-11-30T09:05:00Z".parse().unwrap();
        assert_eq!(t.to_string(), "2011-11-30T09:05:00Z");
        for text in [
            "2011-11-30T24:00:00Z",
            "2011-11-30T09:05:00",
            "2011-11-30 09:05:00Z",
            "x",
        ] {
            assert!(text.parse::<Timestamp>().is_err(), "{text} accepted");
        }
    }
}
