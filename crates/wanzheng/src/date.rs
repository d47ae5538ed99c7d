//! Strict ISO dates on the wire (RULES.md §1.4: `YYYY-MM-DD`).
//!
//! chrono's `NaiveDate` deserialiser also accepts `2023-7-3`; every date field of the wire
//! types reads through [`strict`] (or [`strict_opt`]) instead, which accepts exactly four
//! digits, a dash, two digits, a dash, two digits, naming a real day.

use std::borrow::Cow;

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};

/// Parses `YYYY-MM-DD` strictly.
///
/// # Errors
/// A message naming the text, when it is not a strict ISO date of a real day.
///
/// # Example
/// ```
/// assert!(wanzheng::date::parse("2023-07-03").is_ok());
/// assert!(wanzheng::date::parse("2023-7-3").is_err());
/// assert!(wanzheng::date::parse("2023-02-29").is_err());
/// ```
pub fn parse(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let shape = (b.len() == 10 && b[4] == b'-' && b[7] == b'-')
        .then(|| Some((i32::try_from(number(0..4)?).ok()?, number(5..7)?, number(8..10)?)))
        .flatten();
    let Some((year, month, day)) = shape else {
        return Err(format!("date {} is not an ISO date YYYY-MM-DD", crate::error::echo(s)));
    };
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| format!("date {s:?} is not a real day"))
}

/// serde `deserialize_with` for a `NaiveDate` field.
///
/// # Errors
/// The deserializer's error when the value is not a strict ISO date string.
pub fn strict<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    let s = <Cow<'de, str>>::deserialize(d)?;
    parse(&s).map_err(serde::de::Error::custom)
}

/// serde `deserialize_with` for an `Option<NaiveDate>` field (`null` → `None`).
///
/// # Errors
/// As [`strict`].
pub fn strict_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    match <Option<Cow<'de, str>>>::deserialize(d)? {
        None => Ok(None),
        Some(s) => parse(&s).map(Some).map_err(serde::de::Error::custom),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_iso_only() {
        for ok in ["2023-06-01", "2024-02-29", "2026-12-31"] {
            assert!(parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2023-6-1",
            "2023-06-1",
            "23-06-01",
            "2023/06/01",
            "2023-06-01T00:00",
            " 2023-06-01",
            "2023-13-01",
            "2023-02-29",
            "２０２３-06-01",
            "2023-7-3",
            "2023-07-3 ",
            "+2023-07-3",
            "2023-07-0a",
        ] {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("2023-7-3").unwrap_err().contains("is not an ISO date YYYY-MM-DD"));
        assert!(parse("2023-02-29").unwrap_err().contains("is not a real day"));
        assert!(parse("2023-00-10").unwrap_err().contains("is not a real day"));
        assert_eq!(parse("0001-01-01"), Ok(NaiveDate::from_ymd_opt(1, 1, 1).unwrap()));
    }
}

#[cfg(test)]
mod wire_tests {
    /// Dates in commands, facts and decision requests are strict ISO (RULES.md §1.4).
    #[test]
    fn loose_dates_are_input_errors() {
        let cmd = r#"{"stream":{"machine":"inv","project_id":"P","instance":"P"},"event":"withdraw_project",
            "actor":"project_unit","date":"2023-7-3","facts":{"reason":"x"}}"#;
        let e = crate::Command::from_json(cmd).unwrap_err();
        assert!(e.message.contains("ISO date"), "{e}");
        let ok = cmd.replace("2023-7-3", "2023-07-03");
        assert!(crate::Command::from_json(&ok).is_ok());
        let ctx = crate::Context::default();
        let r = crate::decide::decide_json("emergency_change_deadline", r#"{"order_date":"2023-6-5"}"#, &ctx);
        assert!(matches!(r, Err(crate::Error::Input(_))));
    }
}
