//! Calendar dates as the call states them (`YYYY-MM-DD`, proleptic Gregorian), with
//! validation; the core reads no clock, so today's date is always passed in.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month))
        .then_some(Date { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |r: std::ops::Range<usize>| {
            s.get(r)
                .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
                .and_then(|p| p.parse().ok())
        };
        Date::new(num(0..4)? as i32, num(5..7)?, num(8..10)?)
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm), for hosts
    /// that read a clock and pass today in.
    #[allow(
        clippy::arithmetic_side_effects,
        reason = "doe is in 0..146_097, so yoe < 400, doy < 366 and mp < 12; |era| < 2^47, so era * 400 < 2^56"
    )]
    pub fn from_unix_days(days: i64) -> Option<Date> {
        let z = days.checked_add(719_468)?;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(
            i32::try_from(year).ok()?,
            u32::try_from(month).ok()?,
            u32::try_from(day).ok()?,
        )
    }

    /// `May 2021`.
    pub fn month_name(year: i32, month: u32) -> String {
        let name = MONTH_NAMES
            .get((month as usize).wrapping_sub(1))
            .copied()
            .unwrap_or("?");
        format!("{name} {year}")
    }

    /// The same day `years` earlier (29 February becomes 28).
    pub fn years_before(&self, years: i32) -> Date {
        let year = self.year.saturating_sub(years);
        Date {
            year,
            month: self.month,
            day: self.day.min(days_in_month(year, self.month)),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = String::deserialize(d)?;
        Date::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a date (YYYY-MM-DD)")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let a = Date::parse("2021-07-12").unwrap();
        let b = Date::parse("2021-07-13").unwrap();
        assert!(a < b);
        assert_eq!(b.to_string(), "2021-07-13");
    }

    #[test]
    fn rejects_impossible_dates() {
        for bad in [
            "2021-02-29",
            "2021-13-01",
            "2021-00-10",
            "21-07-13",
            "2021-7-13",
            "2021-07-13x",
            "",
            "２０２１-07-13",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn unix_days() {
        assert_eq!(Date::from_unix_days(0).unwrap().to_string(), "1970-01-01");
        assert_eq!(
            Date::from_unix_days(18_821).unwrap().to_string(),
            "2021-07-13"
        );
        assert_eq!(
            Date::from_unix_days(19_782).unwrap().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn a_year_before_a_leap_day() {
        assert_eq!(
            Date::parse("2024-02-29")
                .unwrap()
                .years_before(1)
                .to_string(),
            "2023-02-28"
        );
    }
}
