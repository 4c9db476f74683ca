//! The clock: the time now and today's date, in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::{Date, Timestamp};

pub(super) fn civil(days: i64) -> Option<Date> {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
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

/// The time now in UTC, from the system clock.
pub(super) fn now() -> Option<Timestamp> {
    let seconds = SystemTime::now().duration_since(UNIX_EPOCH).ok()?.as_secs();
    let date = civil(i64::try_from(seconds / 86_400).ok()?)?;
    let of_day = seconds % 86_400;
    let part = |n: u64| u8::try_from(n).ok();
    Timestamp::new(
        date,
        part(of_day / 3600)?,
        part(of_day / 60 % 60)?,
        part(of_day % 60)?,
    )
    .ok()
}

/// Today's date in UTC, from the system clock.
pub(super) fn today() -> Option<Date> {
    now().map(Timestamp::date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_is_a_plausible_date() {
        let date = today().unwrap();
        assert!(date.year() >= 2024);
    }
}
