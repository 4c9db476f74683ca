//! The clock: the time now and today's date, in UTC.

use std::time::{SystemTime, UNIX_EPOCH};

use crate::model::{Date, Timestamp, civil};

/// The time now in UTC, from the system clock.
pub fn now() -> Option<Timestamp> {
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
