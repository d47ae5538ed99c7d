//! Working-day calendar (工作日) of RULES.md §1.4.
//!
//! A [`WorkingDayCalendar`] says, for every day of the years it covers,
//! whether the day is a working day under the State Council General Office
//! (国务院办公厅) holiday notices: a Monday–Friday that is not a day off
//! (放假), or a Saturday/Sunday declared a make-up working day (调休上班).
//! It answers the "within N working days after X" deadlines of the
//! regulations (INV-44.2, and the working-day settings of RULES.md §7):
//! day X is excluded and the last day included (PRC Civil Code Art. 201).
//!
//! The calendar never guesses. A date in a year that no loaded notice covers
//! is a [`CalendarError::OutOfRange`] (`calendar_out_of_range`), and so is a
//! deadline that would need a day past the last loaded year. Fixed calendar
//! deadlines (月底, 10月底前) are not this module's business and are never
//! rolled over weekends or holidays (RULES.md §1.4, AMB-9).
//!
//! # Data
//!
//! The crate embeds the notices for 2023–2026 ([`WorkingDayCalendar::embedded`]):
//!
//! | Year | Notice | Issued |
//! |---|---|---|
//! | 2023 | 国办发明电〔2022〕16号 | 2022-12-08 |
//! | 2024 | 国办发明电〔2023〕7号 | 2023-10-25 |
//! | 2025 | 国办发明电〔2024〕12号 | 2024-11-12 |
//! | 2026 | 国办发明电〔2025〕7号 | 2025-11-04 |
//!
//! Newer notices are loaded with [`WorkingDayCalendar::load_notice_json`] in
//! the same JSON format as the embedded file `data/calendar/cn.json`:
//!
//! ```json
//! {
//!   "source": "free text: where the data comes from",
//!   "years": {
//!     "2024": {
//!       "notice": "国办发明电〔2023〕7号",
//!       "issued": "2023-10-25",
//!       "note": "optional free text",
//!       "holidays": ["2024-01-01", "2024-02-10", "..."],
//!       "workdays": ["2024-02-04", "2024-02-18", "..."]
//!     }
//!   }
//! }
//! ```
//!
//! * `source` (string, optional): provenance of the whole document.
//! * `years` (object, required, non-empty): one entry per calendar year, keyed
//!   by the four-digit year. The years of a calendar must be consecutive, so
//!   that "outside the calendar" always means "before the first or after the
//!   last year".
//! * `notice` (string, required, non-empty): the 文号 of the notice that
//!   governs the year. `issued` (`YYYY-MM-DD`) and `note` (string) are optional.
//! * `holidays`: every day off (放假) of the year, weekend days inside a
//!   holiday period included. Each date appears once and lies in the year of
//!   its key; the part of a holiday period that falls in the neighbouring year
//!   belongs to that year's entry.
//! * `workdays`: the make-up working days (调休上班) of the year. Each is a
//!   Saturday or Sunday of the year of its key, appears once and is not also a
//!   holiday.
//!
//! Dates are strict ISO `YYYY-MM-DD` strings; unknown fields are rejected.
//! [`WorkingDayCalendar::to_json`] writes the same format.
//!
//! # Example
//!
//! ```
//! use chrono::NaiveDate;
//! use wanzheng::calendar::WorkingDayCalendar;
//!
//! let cal = WorkingDayCalendar::embedded();
//! let order = NaiveDate::from_ymd_opt(2023, 6, 21).unwrap();
//! // INV-44.2: file within 5 working days; 22–24 Jun 2023 off, Sun 25 Jun worked.
//! let due = cal.add_working_days(order, 5)?;
//! assert_eq!(due, NaiveDate::from_ymd_opt(2023, 6, 29).unwrap());
//! # Ok::<(), wanzheng::calendar::CalendarError>(())
//! ```

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

/// The embedded State Council notices, 2023–2026.
const EMBEDDED_JSON: &str = include_str!("../data/calendar/cn.json");

/// 64-bit words per year bitset: 6 × 64 = 384 ≥ 366 days.
const WORDS: usize = 6;

/// One bit per day of a year, indexed by `ordinal0` (1 January = bit 0).
/// Bits past the last day of the year are always zero.
type YearBits = [u64; WORDS];

/// Dates printed per line by [`WorkingDayCalendar::to_json`].
const DATES_PER_LINE: usize = 6;

/// Working-day calendar built from State Council holiday notices (RULES.md §1.4).
///
/// Holds, for each covered year, one bit per day saying whether it is a
/// working day, so that [`is_working_day`](Self::is_working_day) and
/// [`add_working_days`](Self::add_working_days) neither allocate nor scan
/// lists. The covered years are consecutive. A value is immutable once
/// built, except through [`load_notice_json`](Self::load_notice_json); share
/// it with [`Arc`] (see [`embedded`](Self::embedded)).
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use wanzheng::calendar::WorkingDayCalendar;
///
/// let cal = WorkingDayCalendar::embedded();
/// assert_eq!(cal.years(), vec![2023, 2024, 2025, 2026]);
/// let sunday = NaiveDate::from_ymd_opt(2023, 6, 25).unwrap(); // 调休上班
/// assert!(cal.is_working_day(sunday)?);
/// # Ok::<(), wanzheng::calendar::CalendarError>(())
/// ```
#[doc(alias = "工作日")]
#[doc(alias = "调休")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkingDayCalendar {
    /// Provenance of the data (`source` of the JSON format).
    source: String,
    /// Year of `working[0]` and `notices[0]`.
    first_year: i32,
    /// Working-day bitset per year, consecutive from `first_year` (hot path).
    working: Vec<YearBits>,
    /// The notice data per year, parallel to `working`.
    notices: Vec<YearNotice>,
}

/// The data of one year, as loaded and validated.
#[derive(Clone, Debug, PartialEq, Eq)]
struct YearNotice {
    notice: String,
    issued: Option<NaiveDate>,
    note: Option<String>,
    /// Days off (放假).
    holidays: YearBits,
    /// Make-up working days (调休上班).
    workdays: YearBits,
}

/// One day of a year as the calendar sees it; see [`WorkingDayCalendar::year_days`].
///
/// Serialises as `{"date":"2023-06-25","working":true,"kind":"makeup_workday"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DayInfo {
    /// The day.
    #[serde(deserialize_with = "crate::date::strict")]
    pub date: NaiveDate,
    /// Whether the day is a working day (`kind` is `workday` or `makeup_workday`).
    pub working: bool,
    /// Why the day is or is not a working day.
    pub kind: DayKind,
}

/// Classification of a day; see [`DayInfo`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Monday–Friday, not a day off: a working day.
    Workday,
    /// Saturday or Sunday, neither a day off of a notice nor a make-up working day.
    Weekend,
    /// A day off (放假) listed by a notice, on a weekday or a weekend day.
    Holiday,
    /// A Saturday or Sunday declared a working day (调休上班).
    MakeupWorkday,
}

impl DayKind {
    /// Whether a day of this kind is a working day.
    ///
    /// # Example
    ///
    /// ```
    /// use wanzheng::calendar::DayKind;
    ///
    /// assert!(DayKind::MakeupWorkday.is_working());
    /// assert!(!DayKind::Holiday.is_working());
    /// ```
    #[must_use]
    pub const fn is_working(self) -> bool {
        matches!(self, Self::Workday | Self::MakeupWorkday)
    }
}

/// Errors of the working-day calendar.
///
/// Both are input errors in the sense of RULES.md §1.6 (`InputError`).
#[derive(thiserror::Error, Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum CalendarError {
    /// A date outside the loaded notices (RULES.md §1.4: never guess), or a
    /// working-day count that would need such a date.
    #[error(
        "date {date} is outside the loaded working-day calendar ({first_year}–{last_year}) (calendar_out_of_range)"
    )]
    OutOfRange {
        /// The date that is not covered: the date asked about, or the first
        /// day after the last loaded year when a count runs off the end.
        date: NaiveDate,
        /// First year of the loaded calendar.
        first_year: i32,
        /// Last year of the loaded calendar.
        last_year: i32,
    },
    /// Malformed calendar data (JSON syntax, unknown field, invalid or
    /// inconsistent dates, non-consecutive years).
    #[error("malformed working-day calendar data: {reason} (calendar_malformed)")]
    Malformed {
        /// What is wrong, naming the year and date concerned.
        reason: String,
    },
}

impl CalendarError {
    fn malformed(reason: impl Into<String>) -> Self {
        Self::Malformed { reason: reason.into() }
    }
}

impl WorkingDayCalendar {
    /// The calendar of the embedded State Council notices, 2023–2026.
    ///
    /// Parsed once per process; later calls return a clone of the same [`Arc`].
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded data is compiled in and checked by the
    /// tests of this module.
    ///
    /// # Example
    ///
    /// ```
    /// use std::sync::Arc;
    /// use wanzheng::calendar::WorkingDayCalendar;
    ///
    /// let a = WorkingDayCalendar::embedded();
    /// let b = WorkingDayCalendar::embedded();
    /// assert!(Arc::ptr_eq(&a, &b));
    /// assert_eq!(a.years(), vec![2023, 2024, 2025, 2026]);
    /// ```
    #[must_use]
    pub fn embedded() -> Arc<Self> {
        static EMBEDDED: OnceLock<Arc<WorkingDayCalendar>> = OnceLock::new();
        Arc::clone(EMBEDDED.get_or_init(|| {
            Arc::new(Self::from_json(EMBEDDED_JSON).expect("embedded calendar data/calendar/cn.json is valid (tested)"))
        }))
    }

    /// Builds a calendar from JSON in the format of the module documentation.
    ///
    /// # Errors
    ///
    /// [`CalendarError::Malformed`] when the text is not JSON of that format
    /// (unknown fields included), when `years` is empty or its years are not
    /// consecutive, or when a year's data is inconsistent: a date that is not
    /// strict `YYYY-MM-DD` or not in the year of its key, a date listed twice,
    /// a day both holiday and make-up working day, or a make-up working day
    /// on a Monday–Friday.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wanzheng::calendar::{CalendarError, WorkingDayCalendar};
    ///
    /// let cal = WorkingDayCalendar::from_json(
    ///     r#"{"source": "example", "years": {"2023": {
    ///         "notice": "国办发明电〔2022〕16号",
    ///         "holidays": ["2023-06-22", "2023-06-23", "2023-06-24"],
    ///         "workdays": ["2023-06-25"]}}}"#,
    /// )?;
    /// assert!(!cal.is_working_day(NaiveDate::from_ymd_opt(2023, 6, 22).unwrap())?);
    ///
    /// // A make-up working day must be a Saturday or Sunday.
    /// let err = WorkingDayCalendar::from_json(
    ///     r#"{"years": {"2023": {"notice": "x", "holidays": [], "workdays": ["2023-06-26"]}}}"#,
    /// )
    /// .unwrap_err();
    /// assert!(matches!(err, CalendarError::Malformed { .. }));
    /// # Ok::<(), CalendarError>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Self, CalendarError> {
        let doc = Document::parse(json)?;
        Self::build(doc.source.unwrap_or_default(), doc.years)
    }

    /// Adds the years of a newer notice document, replacing years already loaded.
    ///
    /// `json` has the format of the module documentation. The result must
    /// still cover consecutive years, so a notice for year Y can be added to
    /// a calendar ending in Y − 1 (or replace any loaded year). On error the
    /// calendar is left unchanged. The calendar keeps its `source` unless it
    /// had none.
    ///
    /// # Errors
    ///
    /// [`CalendarError::Malformed`] as for [`from_json`](Self::from_json),
    /// and when the added years would leave a gap.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wanzheng::calendar::WorkingDayCalendar;
    ///
    /// let mut cal = (*WorkingDayCalendar::embedded()).clone();
    /// let day = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
    /// assert!(cal.is_working_day(day).is_err()); // not yet known
    ///
    /// // Illustrative data, not the real 2027 notice.
    /// cal.load_notice_json(
    ///     r#"{"years": {"2027": {"notice": "国办发明电〔2026〕X号",
    ///         "holidays": ["2027-01-01"], "workdays": []}}}"#,
    /// )?;
    /// assert_eq!(cal.years(), vec![2023, 2024, 2025, 2026, 2027]);
    /// assert!(cal.is_working_day(day)?);
    /// # Ok::<(), wanzheng::calendar::CalendarError>(())
    /// ```
    pub fn load_notice_json(&mut self, json: &str) -> Result<(), CalendarError> {
        let doc = Document::parse(json)?;
        let mut years: BTreeMap<i32, YearNotice> =
            self.notices.iter().cloned().zip(self.first_year..).map(|(notice, year)| (year, notice)).collect();
        years.extend(doc.years);
        let source = if self.source.is_empty() { doc.source.unwrap_or_default() } else { self.source.clone() };
        *self = Self::build(source, years)?;
        Ok(())
    }

    /// Writes the calendar as JSON in the format of the module documentation.
    ///
    /// The output is canonical: years ascending, dates sorted, fixed layout.
    /// [`from_json`](Self::from_json) reads it back to an equal calendar; the
    /// embedded data file is itself in this form.
    ///
    /// # Example
    ///
    /// ```
    /// use wanzheng::calendar::WorkingDayCalendar;
    ///
    /// let cal = WorkingDayCalendar::embedded();
    /// let again = WorkingDayCalendar::from_json(&cal.to_json())?;
    /// assert_eq!(*cal, again);
    /// # Ok::<(), wanzheng::calendar::CalendarError>(())
    /// ```
    #[must_use]
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        out.push_str("{\n  \"source\": ");
        push_json_string(&mut out, &self.source);
        out.push_str(",\n  \"years\": {");
        for (i, (year, notice)) in (self.first_year..).zip(&self.notices).enumerate() {
            if i > 0 {
                out.push(',');
            }
            // Writing to a String cannot fail.
            let _ = write!(out, "\n    \"{year}\": {{\n      \"notice\": ");
            push_json_string(&mut out, &notice.notice);
            if let Some(issued) = notice.issued {
                let _ = write!(out, ",\n      \"issued\": \"{issued}\"");
            }
            if let Some(note) = &notice.note {
                out.push_str(",\n      \"note\": ");
                push_json_string(&mut out, note);
            }
            out.push_str(",\n      \"holidays\": ");
            push_date_array(&mut out, year, &notice.holidays);
            out.push_str(",\n      \"workdays\": ");
            push_date_array(&mut out, year, &notice.workdays);
            out.push_str("\n    }");
        }
        out.push_str("\n  }\n}\n");
        out
    }

    /// The years covered, ascending and consecutive.
    ///
    /// # Example
    ///
    /// ```
    /// use wanzheng::calendar::WorkingDayCalendar;
    ///
    /// assert_eq!(WorkingDayCalendar::embedded().years(), vec![2023, 2024, 2025, 2026]);
    /// ```
    #[must_use]
    pub fn years(&self) -> Vec<i32> {
        (self.first_year..).take(self.working.len()).collect()
    }

    /// Whether `d` lies in a covered year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wanzheng::calendar::WorkingDayCalendar;
    ///
    /// let cal = WorkingDayCalendar::embedded();
    /// assert!(cal.covers(NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()));
    /// assert!(!cal.covers(NaiveDate::from_ymd_opt(2022, 12, 31).unwrap()));
    /// ```
    #[must_use]
    pub fn covers(&self, d: NaiveDate) -> bool {
        self.year_index(d.year()).is_some()
    }

    /// Whether `d` is a working day: Monday–Friday and not a day off, or a
    /// make-up working day (调休上班).
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `d` is not in a covered year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wanzheng::calendar::{CalendarError, WorkingDayCalendar};
    ///
    /// let cal = WorkingDayCalendar::embedded();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// assert!(!cal.is_working_day(date(2023, 10, 2))?); // 国庆节
    /// assert!(cal.is_working_day(date(2023, 10, 7))?); // Saturday, 调休上班
    /// assert!(matches!(
    ///     cal.is_working_day(date(2027, 1, 4)),
    ///     Err(CalendarError::OutOfRange { .. })
    /// ));
    /// # Ok::<(), CalendarError>(())
    /// ```
    pub fn is_working_day(&self, d: NaiveDate) -> Result<bool, CalendarError> {
        let bits = self.year_bits(d)?;
        Ok(bit(bits, d.ordinal0()))
    }

    /// The `n`-th working day strictly after `d`: day `d` excluded, the last
    /// day included (PRC Civil Code Art. 201; RULES.md §1.4). This is the
    /// deadline of "within `n` working days after `d`" (5个工作日内, INV-44.2).
    ///
    /// `d` itself need not be a working day. For `n = 0` the result is `d`.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `d` is not in a covered year, or
    /// when fewer than `n` working days follow `d` in the loaded data; then
    /// `date` is the first day after the last loaded year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wanzheng::calendar::{CalendarError, WorkingDayCalendar};
    ///
    /// let cal = WorkingDayCalendar::embedded();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // RULES.md §4.7: ordered Wed 27 Sep 2023; 29 Sep–6 Oct off, 7–8 Oct worked.
    /// assert_eq!(cal.add_working_days(date(2023, 9, 27), 5)?, date(2023, 10, 10));
    /// // A deadline past the end of the data is an error, never a guess.
    /// assert_eq!(
    ///     cal.add_working_days(date(2026, 12, 28), 5),
    ///     Err(CalendarError::OutOfRange {
    ///         date: date(2027, 1, 1),
    ///         first_year: 2023,
    ///         last_year: 2026,
    ///     })
    /// );
    /// # Ok::<(), CalendarError>(())
    /// ```
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let mut index = self.year_index(d.year()).ok_or_else(|| self.out_of_range(d))?;
        if n == 0 {
            return Ok(d);
        }
        let mut remaining = n;
        // First bit to look at: the day after `d` (≤ 366, inside the 384-bit set).
        let mut start = d.ordinal0() + 1;
        while let Some(bits) = self.working.get(index) {
            let first_word = (start / 64) as usize;
            for (w, &word) in bits.iter().enumerate().skip(first_word) {
                let mut word = word;
                if w == first_word {
                    word &= u64::MAX << (start % 64);
                }
                let count = word.count_ones();
                if count >= remaining {
                    // Select the `remaining`-th set bit of `word`.
                    for _ in 1..remaining {
                        word &= word - 1;
                    }
                    let ordinal0 = w as u32 * 64 + word.trailing_zeros();
                    return self.date_at(index, ordinal0);
                }
                remaining -= count;
            }
            index += 1;
            start = 0;
        }
        Err(self.past_end())
    }

    /// Whether `act` is on or before the `n`-th working day after `trigger`,
    /// i.e. done "within `n` working days after `trigger`" (the last day
    /// included, RULES.md §1.2 and §1.4). An act on or before `trigger` is
    /// within.
    ///
    /// When the deadline lies past the loaded data but `act` is covered, the
    /// answer is `true` without guessing: every covered day precedes the
    /// deadline whatever later notices say.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `trigger` or `act` is not in a
    /// covered year.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use wanzheng::calendar::WorkingDayCalendar;
    ///
    /// let cal = WorkingDayCalendar::embedded();
    /// let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// // RULES.md §4.7: ordered 2023-06-05; filed 06-12 on time, 06-13 late.
    /// assert!(cal.within_working_days(date(2023, 6, 5), 5, date(2023, 6, 12))?);
    /// assert!(!cal.within_working_days(date(2023, 6, 5), 5, date(2023, 6, 13))?);
    /// # Ok::<(), wanzheng::calendar::CalendarError>(())
    /// ```
    pub fn within_working_days(&self, trigger: NaiveDate, n: u32, act: NaiveDate) -> Result<bool, CalendarError> {
        for d in [trigger, act] {
            if !self.covers(d) {
                return Err(self.out_of_range(d));
            }
        }
        match self.add_working_days(trigger, n) {
            Ok(due) => Ok(act <= due),
            // `trigger` is covered, so the count ran off the end: the deadline
            // is after every covered day, `act` included.
            Err(CalendarError::OutOfRange { .. }) => Ok(true),
            Err(e) => Err(e),
        }
    }

    /// Every day of `year` with its classification, 1 January first.
    ///
    /// # Errors
    ///
    /// [`CalendarError::OutOfRange`] when `year` is not covered (`date` is
    /// its 1 January).
    ///
    /// # Example
    ///
    /// ```
    /// use wanzheng::calendar::{DayKind, WorkingDayCalendar};
    ///
    /// let days = WorkingDayCalendar::embedded().year_days(2024)?;
    /// assert_eq!(days.len(), 366);
    /// let makeup = days.iter().filter(|d| d.kind == DayKind::MakeupWorkday).count();
    /// assert_eq!(makeup, 8);
    /// assert_eq!(
    ///     serde_json::to_string(&days[34]).unwrap(), // Sunday 4 Feb 2024
    ///     r#"{"date":"2024-02-04","working":true,"kind":"makeup_workday"}"#
    /// );
    /// # Ok::<(), wanzheng::calendar::CalendarError>(())
    /// ```
    pub fn year_days(&self, year: i32) -> Result<Vec<DayInfo>, CalendarError> {
        // A year chrono cannot represent is not covered either.
        let jan1 = NaiveDate::from_yo_opt(year, 1).unwrap_or(if year < 0 { NaiveDate::MIN } else { NaiveDate::MAX });
        let index = self.year_index(year).ok_or_else(|| self.out_of_range(jan1))?;
        let (working, notice) = match (self.working.get(index), self.notices.get(index)) {
            (Some(w), Some(n)) => (w, n),
            _ => return Err(self.out_of_range(jan1)),
        };
        Ok(jan1
            .iter_days()
            .take_while(|d| d.year() == year)
            .map(|date| {
                let i = date.ordinal0();
                let kind = if bit(&notice.workdays, i) {
                    DayKind::MakeupWorkday
                } else if bit(&notice.holidays, i) {
                    DayKind::Holiday
                } else if is_weekend(date) {
                    DayKind::Weekend
                } else {
                    DayKind::Workday
                };
                debug_assert_eq!(kind.is_working(), bit(working, i));
                DayInfo { date, working: kind.is_working(), kind }
            })
            .collect())
    }

    // ---- internals ----

    /// Builds a calendar from validated years, checking they are consecutive.
    fn build(source: String, years: BTreeMap<i32, YearNotice>) -> Result<Self, CalendarError> {
        let Some((&first_year, _)) = years.first_key_value() else {
            return Err(CalendarError::malformed("`years` is empty"));
        };
        let mut expected = first_year;
        let mut working = Vec::with_capacity(years.len());
        let mut notices = Vec::with_capacity(years.len());
        for (year, notice) in years {
            if year != expected {
                return Err(CalendarError::malformed(format!(
                    "years must be consecutive: {expected} is missing before {year}"
                )));
            }
            working.push(working_bits(year, &notice)?);
            notices.push(notice);
            expected = year.checked_add(1).ok_or_else(|| CalendarError::malformed("year overflow"))?;
        }
        Ok(Self { source, first_year, working, notices })
    }

    fn year_index(&self, year: i32) -> Option<usize> {
        let offset = i64::from(year) - i64::from(self.first_year);
        usize::try_from(offset).ok().filter(|&i| i < self.working.len())
    }

    fn year_bits(&self, d: NaiveDate) -> Result<&YearBits, CalendarError> {
        self.year_index(d.year()).and_then(|i| self.working.get(i)).ok_or_else(|| self.out_of_range(d))
    }

    fn last_year(&self) -> i32 {
        let len = i32::try_from(self.working.len()).unwrap_or(i32::MAX);
        self.first_year.saturating_add(len.saturating_sub(1))
    }

    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange { date, first_year: self.first_year, last_year: self.last_year() }
    }

    /// The error of a count that runs past the last loaded year.
    fn past_end(&self) -> CalendarError {
        let last = self.last_year();
        let date = last.checked_add(1).and_then(|y| NaiveDate::from_yo_opt(y, 1)).unwrap_or(NaiveDate::MAX);
        self.out_of_range(date)
    }

    fn date_at(&self, index: usize, ordinal0: u32) -> Result<NaiveDate, CalendarError> {
        i32::try_from(index)
            .ok()
            .and_then(|i| self.first_year.checked_add(i))
            .and_then(|year| NaiveDate::from_yo_opt(year, ordinal0 + 1))
            .ok_or_else(|| CalendarError::malformed("working-day bit outside its year"))
    }
}

fn bit(bits: &YearBits, ordinal0: u32) -> bool {
    bits.get((ordinal0 / 64) as usize).is_some_and(|w| w >> (ordinal0 % 64) & 1 == 1)
}

fn set_bit(bits: &mut YearBits, ordinal0: u32) {
    if let Some(w) = bits.get_mut((ordinal0 / 64) as usize) {
        *w |= 1 << (ordinal0 % 64);
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// The working-day bitset of a validated year.
fn working_bits(year: i32, notice: &YearNotice) -> Result<YearBits, CalendarError> {
    let jan1 = NaiveDate::from_yo_opt(year, 1)
        .ok_or_else(|| CalendarError::malformed(format!("year {year} is not representable")))?;
    let mut bits = [0; WORDS];
    for d in jan1.iter_days().take_while(|d| d.year() == year) {
        let i = d.ordinal0();
        if bit(&notice.workdays, i) || (!is_weekend(d) && !bit(&notice.holidays, i)) {
            set_bit(&mut bits, i);
        }
    }
    Ok(bits)
}

// ---- JSON reading ----

/// A parsed and validated JSON document.
struct Document {
    source: Option<String>,
    years: BTreeMap<i32, YearNotice>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocument {
    #[serde(default)]
    source: Option<String>,
    years: RawYears,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawYear {
    notice: String,
    #[serde(default)]
    issued: Option<String>,
    #[serde(default)]
    note: Option<String>,
    holidays: Vec<String>,
    workdays: Vec<String>,
}

/// The `years` object, keeping duplicate keys so that they can be reported.
struct RawYears(Vec<(String, RawYear)>);

impl<'de> Deserialize<'de> for RawYears {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct YearsVisitor;
        impl<'de> Visitor<'de> for YearsVisitor {
            type Value = RawYears;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object mapping years to notice data")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawYears, A::Error> {
                let mut entries = Vec::new();
                while let Some(entry) = map.next_entry::<String, RawYear>()? {
                    entries.push(entry);
                }
                Ok(RawYears(entries))
            }
        }
        deserializer.deserialize_map(YearsVisitor)
    }
}

impl Document {
    fn parse(json: &str) -> Result<Self, CalendarError> {
        let raw: RawDocument =
            serde_json::from_str(json).map_err(|e| CalendarError::malformed(format!("invalid JSON: {e}")))?;
        let mut years = BTreeMap::new();
        for (key, raw_year) in raw.years.0 {
            let year = parse_year_key(&key)?;
            let notice = validate_year(year, raw_year)?;
            if years.insert(year, notice).is_some() {
                return Err(CalendarError::malformed(format!("year {year} is listed twice")));
            }
        }
        if years.is_empty() {
            return Err(CalendarError::malformed("`years` is empty"));
        }
        Ok(Self { source: raw.source, years })
    }
}

fn parse_year_key(key: &str) -> Result<i32, CalendarError> {
    let digits = key.as_bytes();
    if digits.len() == 4
        && digits.iter().all(u8::is_ascii_digit)
        && let Ok(year) = key.parse::<i32>()
    {
        return Ok(year);
    }
    Err(CalendarError::malformed(format!("year key {key:?} is not a four-digit year")))
}

/// Strict `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
    };
    let year = i32::try_from(number(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, number(5..7)?, number(8..10)?)
}

fn validate_year(year: i32, raw: RawYear) -> Result<YearNotice, CalendarError> {
    if raw.notice.trim().is_empty() {
        return Err(CalendarError::malformed(format!("year {year}: `notice` is empty")));
    }
    let issued = match raw.issued {
        Some(s) => Some(parse_date(&s).ok_or_else(|| {
            CalendarError::malformed(format!("year {year}: `issued` {s:?} is not a YYYY-MM-DD date"))
        })?),
        None => None,
    };
    let holidays = date_bits(year, "holidays", &raw.holidays)?;
    let workdays = date_bits(year, "workdays", &raw.workdays)?;
    for s in &raw.workdays {
        if let Some(d) = parse_date(s) {
            if bit(&holidays, d.ordinal0()) {
                return Err(CalendarError::malformed(format!(
                    "year {year}: {d} is both a holiday and a make-up working day"
                )));
            }
            if !is_weekend(d) {
                return Err(CalendarError::malformed(format!(
                    "year {year}: make-up working day {d} is a {:?}, not a Saturday or Sunday",
                    d.weekday()
                )));
            }
        }
    }
    Ok(YearNotice { notice: raw.notice, issued, note: raw.note, holidays, workdays })
}

/// The bitset of a `holidays` or `workdays` list, checking each date.
fn date_bits(year: i32, field: &str, dates: &[String]) -> Result<YearBits, CalendarError> {
    let mut bits = [0; WORDS];
    for s in dates {
        let d = parse_date(s).ok_or_else(|| {
            CalendarError::malformed(format!("year {year}: `{field}` entry {s:?} is not a YYYY-MM-DD date"))
        })?;
        if d.year() != year {
            return Err(CalendarError::malformed(format!("year {year}: `{field}` entry {d} is not in {year}")));
        }
        if bit(&bits, d.ordinal0()) {
            return Err(CalendarError::malformed(format!("year {year}: `{field}` lists {d} twice")));
        }
        set_bit(&mut bits, d.ordinal0());
    }
    Ok(bits)
}

// ---- JSON writing ----

fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Writes the dates of `bits` as a JSON array, [`DATES_PER_LINE`] per line.
fn push_date_array(out: &mut String, year: i32, bits: &YearBits) {
    let Some(jan1) = NaiveDate::from_yo_opt(year, 1) else {
        out.push_str("[]");
        return;
    };
    let dates: Vec<NaiveDate> =
        jan1.iter_days().take_while(|d| d.year() == year).filter(|d| bit(bits, d.ordinal0())).collect();
    if dates.is_empty() {
        out.push_str("[]");
        return;
    }
    out.push('[');
    for (i, line) in dates.chunks(DATES_PER_LINE).enumerate() {
        out.push_str(if i == 0 { "\n        " } else { ",\n        " });
        for (j, d) in line.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            let _ = write!(out, "\"{d}\"");
        }
    }
    out.push_str("\n      ]");
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn cal() -> Arc<WorkingDayCalendar> {
        WorkingDayCalendar::embedded()
    }

    fn malformed(json: &str) -> String {
        match WorkingDayCalendar::from_json(json) {
            Err(CalendarError::Malformed { reason }) => reason,
            other => panic!("expected Malformed, got {other:?}"),
        }
    }

    fn one_year(year_body: &str) -> String {
        format!(r#"{{"source": "test", "years": {{"2023": {year_body}}}}}"#)
    }

    /// Working days in (d, end], counted day by day (the slow reference).
    fn count_working(cal: &WorkingDayCalendar, d: NaiveDate, end: NaiveDate) -> u32 {
        d.iter_days().skip(1).take_while(|x| *x <= end).filter(|x| cal.is_working_day(*x).expect("covered")).count()
            as u32
    }

    #[test]
    fn embedded_data_parses_and_covers_2023_to_2026() {
        let parsed = WorkingDayCalendar::from_json(EMBEDDED_JSON).expect("embedded data");
        assert_eq!(parsed.years(), vec![2023, 2024, 2025, 2026]);
        assert_eq!(*cal(), parsed);
        assert!(Arc::ptr_eq(&cal(), &cal()));
    }

    #[test]
    fn embedded_data_file_is_canonical() {
        assert_eq!(cal().to_json(), EMBEDDED_JSON);
    }

    #[test]
    fn embedded_notices() {
        let cal = cal();
        let notices: Vec<&str> = cal.notices.iter().map(|n| n.notice.as_str()).collect();
        assert_eq!(
            notices,
            ["国办发明电〔2022〕16号", "国办发明电〔2023〕7号", "国办发明电〔2024〕12号", "国办发明电〔2025〕7号"]
        );
    }

    /// Source: RULES.md §4.7 (2023: 22–24 Jun off, Sun 25 Jun worked;
    /// 29 Sep–6 Oct off, 7–8 Oct worked)
    #[test]
    fn known_2023_facts() {
        let cal = cal();
        for d in [22, 23, 24] {
            assert!(!cal.is_working_day(date(2023, 6, d)).expect("covered"));
        }
        assert!(cal.is_working_day(date(2023, 6, 25)).expect("covered"));
        for d in date(2023, 9, 29).iter_days().take(8) {
            assert!(!cal.is_working_day(d).expect("covered"), "{d}");
        }
        assert!(cal.is_working_day(date(2023, 10, 7)).expect("covered"));
        assert!(cal.is_working_day(date(2023, 10, 8)).expect("covered"));
    }

    /// Source: INV-44.2 (RULES.md §4.7: 2023-06-05 (Mon) → 2023-06-12)
    #[test]
    fn inv_44_2_order_monday_2023_06_05() {
        assert_eq!(cal().add_working_days(date(2023, 6, 5), 5), Ok(date(2023, 6, 12)));
    }

    /// Source: INV-44.2 (RULES.md §4.7: filed 06-12 on time; 06-13 late)
    #[test]
    fn inv_44_2_filing_on_time_and_late() {
        let cal = cal();
        assert_eq!(cal.within_working_days(date(2023, 6, 5), 5, date(2023, 6, 12)), Ok(true));
        assert_eq!(cal.within_working_days(date(2023, 6, 5), 5, date(2023, 6, 13)), Ok(false));
        // Filing on the order day itself is within the period.
        assert_eq!(cal.within_working_days(date(2023, 6, 5), 5, date(2023, 6, 5)), Ok(true));
    }

    /// Source: INV-44.2 (RULES.md §4.7: 2023-06-10 (Sat) → 2023-06-16)
    #[test]
    fn inv_44_2_order_saturday_2023_06_10() {
        assert_eq!(cal().add_working_days(date(2023, 6, 10), 5), Ok(date(2023, 6, 16)));
    }

    /// Source: INV-44.2 (RULES.md §4.7: 2023-06-21 (Wed) → 2023-06-29, over
    /// 端午节 22–24 Jun and the worked Sunday 25 Jun)
    #[test]
    fn inv_44_2_order_wednesday_2023_06_21() {
        assert_eq!(cal().add_working_days(date(2023, 6, 21), 5), Ok(date(2023, 6, 29)));
    }

    /// Source: INV-44.2 (RULES.md §4.7: 2023-09-27 (Wed) → 2023-10-10, over
    /// 29 Sep–6 Oct off and the worked 7–8 Oct)
    #[test]
    fn inv_44_2_order_wednesday_2023_09_27() {
        assert_eq!(cal().add_working_days(date(2023, 9, 27), 5), Ok(date(2023, 10, 10)));
    }

    /// Source: RULES.md §1.4 (a date outside the loaded data is
    /// `calendar_out_of_range`, never a guess)
    #[test]
    fn out_of_range_before_and_after() {
        let cal = cal();
        for d in [date(2022, 12, 31), date(2027, 1, 1)] {
            let err = CalendarError::OutOfRange { date: d, first_year: 2023, last_year: 2026 };
            assert!(!cal.covers(d));
            assert_eq!(cal.is_working_day(d), Err(err.clone()));
            assert_eq!(cal.add_working_days(d, 1), Err(err.clone()));
            assert_eq!(cal.add_working_days(d, 0), Err(err.clone()));
            assert_eq!(cal.within_working_days(d, 5, date(2024, 1, 2)), Err(err.clone()));
            assert_eq!(cal.within_working_days(date(2024, 1, 2), 5, d), Err(err.clone()));
            assert_eq!(
                cal.year_days(d.year()).map(|v| v.len()),
                Err(CalendarError::OutOfRange { date: date(d.year(), 1, 1), first_year: 2023, last_year: 2026 })
            );
        }
        assert!(cal.covers(date(2023, 1, 1)));
        assert!(cal.covers(date(2026, 12, 31)));
    }

    /// Source: RULES.md §1.4 (error text names `calendar_out_of_range`)
    #[test]
    fn out_of_range_message() {
        let err = cal().is_working_day(date(2027, 1, 4)).expect_err("out of range");
        assert_eq!(
            err.to_string(),
            "date 2027-01-04 is outside the loaded working-day calendar (2023–2026) (calendar_out_of_range)"
        );
    }

    /// Source: RULES.md §1.4 (a deadline needing 2027 is an error)
    #[test]
    fn deadline_past_2026_is_an_error() {
        let cal = cal();
        // Mon 28 Dec 2026: only 29, 30, 31 Dec remain.
        assert_eq!(cal.add_working_days(date(2026, 12, 28), 3), Ok(date(2026, 12, 31)));
        assert_eq!(
            cal.add_working_days(date(2026, 12, 28), 4),
            Err(CalendarError::OutOfRange { date: date(2027, 1, 1), first_year: 2023, last_year: 2026 })
        );
        assert!(cal.add_working_days(date(2026, 12, 31), 1).is_err());
        assert!(cal.add_working_days(date(2023, 1, 1), u32::MAX).is_err());
        // An act within the data before such a deadline is certainly on time.
        assert_eq!(cal.within_working_days(date(2026, 12, 28), 5, date(2026, 12, 31)), Ok(true));
    }

    #[test]
    fn zero_working_days_is_the_day_itself() {
        let cal = cal();
        assert_eq!(cal.add_working_days(date(2023, 6, 24), 0), Ok(date(2023, 6, 24)));
        assert_eq!(cal.within_working_days(date(2023, 6, 24), 0, date(2023, 6, 24)), Ok(true));
        assert_eq!(cal.within_working_days(date(2023, 6, 24), 0, date(2023, 6, 25)), Ok(false));
    }

    #[test]
    fn counts_cross_year_boundaries() {
        let cal = cal();
        // Fri 29 Dec 2023 → Tue 2 Jan 2024 (1 Jan 2024 off).
        assert_eq!(cal.add_working_days(date(2023, 12, 29), 1), Ok(date(2024, 1, 2)));
        // Tue 31 Dec 2024 (leap year, ordinal 366) → Thu 2 Jan 2025.
        assert_eq!(cal.add_working_days(date(2024, 12, 31), 1), Ok(date(2025, 1, 2)));
        // A whole year of working days and more.
        assert_eq!(
            cal.add_working_days(date(2023, 1, 1), 500),
            Ok(date(2023, 1, 1)
                .iter_days()
                .skip(1)
                .filter(|d| cal.is_working_day(*d).expect("covered"))
                .nth(499)
                .expect("500th working day"))
        );
    }

    /// Working days per year, checked against chinese-calendar 1.11.0 by
    /// scripts/check_calendar.py.
    #[test]
    fn working_days_per_year() {
        let cal = cal();
        let totals: Vec<(i32, usize, usize)> = cal
            .years()
            .into_iter()
            .map(|y| {
                let days = cal.year_days(y).expect("covered");
                (y, days.len(), days.iter().filter(|d| d.working).count())
            })
            .collect();
        assert_eq!(totals, [(2023, 365, 249), (2024, 366, 251), (2025, 365, 248), (2026, 365, 248)]);
    }

    #[test]
    fn year_days_kinds_and_json() {
        let days = cal().year_days(2023).expect("covered");
        let kind = |m, d| {
            let x = date(2023, m, d);
            days[x.ordinal0() as usize].kind
        };
        assert_eq!(kind(6, 21), DayKind::Workday);
        assert_eq!(kind(6, 22), DayKind::Holiday);
        assert_eq!(kind(6, 24), DayKind::Holiday); // a Saturday inside 端午节
        assert_eq!(kind(6, 25), DayKind::MakeupWorkday);
        assert_eq!(kind(7, 1), DayKind::Weekend);
        for d in &days {
            assert_eq!(d.working, d.kind.is_working());
            assert_eq!(cal().is_working_day(d.date), Ok(d.working));
        }
        assert_eq!(
            serde_json::to_string(&days[175]).expect("serialise"),
            r#"{"date":"2023-06-25","working":true,"kind":"makeup_workday"}"#
        );
        assert_eq!(
            serde_json::to_string(&days[0]).expect("serialise"),
            r#"{"date":"2023-01-01","working":false,"kind":"holiday"}"#
        );
    }

    #[test]
    fn json_round_trip() {
        let cal = cal();
        let again = WorkingDayCalendar::from_json(&cal.to_json()).expect("round trip");
        assert_eq!(*cal, again);
        let odd = WorkingDayCalendar::from_json(
            r#"{"source": "q\"uo\\te\n\u0001", "years": {"2030": {"notice": "n", "note": "tab\there",
                "holidays": [], "workdays": []}}}"#,
        )
        .expect("valid");
        assert_eq!(WorkingDayCalendar::from_json(&odd.to_json()), Ok(odd));
    }

    /// Source: RULES.md §1.4 / §7 `calendar` (newer notices can be loaded)
    #[test]
    fn loading_a_2027_notice_extends_coverage() {
        let mut cal = (*cal()).clone();
        let d = date(2027, 1, 1);
        assert!(cal.is_working_day(d).is_err());
        cal.load_notice_json(
            r#"{"years": {"2027": {"notice": "test notice", "issued": "2026-11-01",
                "holidays": ["2027-01-01"], "workdays": ["2027-01-03"]}}}"#,
        )
        .expect("valid notice");
        assert_eq!(cal.years(), vec![2023, 2024, 2025, 2026, 2027]);
        assert!(cal.covers(d));
        assert_eq!(cal.is_working_day(d), Ok(false));
        assert_eq!(cal.is_working_day(date(2027, 1, 3)), Ok(true)); // Sunday
        // Mon 28 Dec 2026 + 5: 29, 30, 31 Dec, (1 Jan off), Sun 3 Jan, Mon 4 Jan.
        assert_eq!(cal.add_working_days(date(2026, 12, 28), 5), Ok(date(2027, 1, 4)));
        assert_eq!(
            cal.is_working_day(date(2028, 1, 3)),
            Err(CalendarError::OutOfRange { date: date(2028, 1, 3), first_year: 2023, last_year: 2027 })
        );
        // The source of the embedded data is kept; the round trip holds.
        assert_eq!(cal.source, WorkingDayCalendar::embedded().source);
        assert_eq!(WorkingDayCalendar::from_json(&cal.to_json()), Ok(cal));
    }

    #[test]
    fn loading_a_notice_replaces_a_year() {
        let mut cal = (*cal()).clone();
        cal.load_notice_json(r#"{"years": {"2023": {"notice": "replacement", "holidays": [], "workdays": []}}}"#)
            .expect("valid notice");
        assert_eq!(cal.years(), vec![2023, 2024, 2025, 2026]);
        assert_eq!(cal.is_working_day(date(2023, 6, 22)), Ok(true));
        assert_eq!(cal.is_working_day(date(2024, 1, 1)), Ok(false));
    }

    #[test]
    fn loading_a_bad_notice_leaves_the_calendar_unchanged() {
        let original = (*cal()).clone();
        let mut cal = original.clone();
        let gap = cal.load_notice_json(r#"{"years": {"2028": {"notice": "n", "holidays": [], "workdays": []}}}"#);
        assert_eq!(
            gap,
            Err(CalendarError::Malformed { reason: "years must be consecutive: 2027 is missing before 2028".into() })
        );
        assert!(cal.load_notice_json("{").is_err());
        assert_eq!(cal, original);
    }

    /// Source: RULES.md §1.6 (malformed input is an InputError)
    #[test]
    fn malformed_data_is_rejected() {
        // Not JSON, wrong shapes, unknown fields.
        assert!(malformed("").starts_with("invalid JSON"));
        assert!(malformed("[]").starts_with("invalid JSON"));
        assert!(malformed(r#"{"years": {}, "extra": 1}"#).contains("unknown field"));
        assert!(
            malformed(&one_year(r#"{"notice": "n", "holidays": [], "workdays": [], "holiday": []}"#))
                .contains("unknown field")
        );
        assert!(malformed(&one_year(r#"{"notice": "n", "holidays": []}"#)).contains("workdays"));
        assert!(malformed(r#"{"source": "s"}"#).contains("years"));
        assert_eq!(malformed(r#"{"years": {}}"#), "`years` is empty");
        // Year keys.
        for key in ["23", "02023", "year", "2023 ", "-202"] {
            let json = format!(r#"{{"years": {{"{key}": {{"notice": "n", "holidays": [], "workdays": []}}}}}}"#);
            assert!(malformed(&json).contains("four-digit year"), "{key}");
        }
        assert_eq!(
            malformed(
                r#"{"years": {"2023": {"notice": "a", "holidays": [], "workdays": []},
                              "2023": {"notice": "b", "holidays": [], "workdays": []}}}"#
            ),
            "year 2023 is listed twice"
        );
        assert_eq!(
            malformed(
                r#"{"years": {"2023": {"notice": "a", "holidays": [], "workdays": []},
                              "2025": {"notice": "b", "holidays": [], "workdays": []}}}"#
            ),
            "years must be consecutive: 2024 is missing before 2025"
        );
        // Notice.
        assert_eq!(
            malformed(&one_year(r#"{"notice": " ", "holidays": [], "workdays": []}"#)),
            "year 2023: `notice` is empty"
        );
        // Dates.
        for bad in [
            "2023-6-22",
            "2023/06/22",
            "2023-06-31",
            "2023-02-29",
            "20230622",
            " 2023-06-22",
            "2023-06-22T00:00",
            "+2023-06-2",
        ] {
            let json = one_year(&format!(r#"{{"notice": "n", "holidays": ["{bad}"], "workdays": []}}"#));
            assert!(malformed(&json).contains("is not a YYYY-MM-DD date"), "{bad}");
        }
        assert!(
            malformed(&one_year(r#"{"notice": "n", "issued": "2022-13-01", "holidays": [], "workdays": []}"#))
                .contains("`issued`")
        );
        assert!(
            malformed(&one_year(r#"{"notice": "n", "holidays": [20230622], "workdays": []}"#))
                .starts_with("invalid JSON")
        );
        // Every date belongs to its year key.
        assert_eq!(
            malformed(&one_year(r#"{"notice": "n", "holidays": ["2022-12-31"], "workdays": []}"#)),
            "year 2023: `holidays` entry 2022-12-31 is not in 2023"
        );
        assert_eq!(
            malformed(&one_year(r#"{"notice": "n", "holidays": [], "workdays": ["2024-01-06"]}"#)),
            "year 2023: `workdays` entry 2024-01-06 is not in 2023"
        );
        // Holidays and workdays are unique.
        assert_eq!(
            malformed(&one_year(r#"{"notice": "n", "holidays": ["2023-06-22", "2023-06-22"], "workdays": []}"#)),
            "year 2023: `holidays` lists 2023-06-22 twice"
        );
        assert_eq!(
            malformed(&one_year(r#"{"notice": "n", "holidays": [], "workdays": ["2023-06-25", "2023-06-25"]}"#)),
            "year 2023: `workdays` lists 2023-06-25 twice"
        );
        // A holiday is not also a workday.
        assert_eq!(
            malformed(&one_year(r#"{"notice": "n", "holidays": ["2023-06-24"], "workdays": ["2023-06-24"]}"#)),
            "year 2023: 2023-06-24 is both a holiday and a make-up working day"
        );
        // Make-up workdays fall on a Saturday or Sunday.
        assert_eq!(
            malformed(&one_year(r#"{"notice": "n", "holidays": [], "workdays": ["2023-06-26"]}"#)),
            "year 2023: make-up working day 2023-06-26 is a Mon, not a Saturday or Sunday"
        );
        let err = WorkingDayCalendar::from_json("{").expect_err("malformed");
        assert!(err.to_string().starts_with("malformed working-day calendar data: invalid JSON"));
        assert!(err.to_string().ends_with("(calendar_malformed)"));
    }

    /// Source: RULES.md §1.4. Every covered date and n in 1..=20, against a
    /// prefix count of working days (the proptests below state the same
    /// invariants on random samples, within_working_days included).
    #[test]
    fn add_working_days_exhaustive() {
        let cal = cal();
        let days: Vec<NaiveDate> = date(2023, 1, 1).iter_days().take_while(|d| d.year() <= 2026).collect();
        // prefix[i] = working days among days[..i].
        let mut prefix = vec![0u32];
        for d in &days {
            let w = u32::from(cal.is_working_day(*d).expect("covered"));
            prefix.push(prefix.last().copied().unwrap_or(0) + w);
        }
        let total = prefix.last().copied().unwrap_or(0);
        for (i, &d) in days.iter().enumerate() {
            for n in 1..=20 {
                match cal.add_working_days(d, n) {
                    Ok(due) => {
                        let j = days.binary_search(&due).expect("result in range");
                        assert!(j > i, "{d} + {n}");
                        assert!(cal.is_working_day(due).expect("covered"), "{d} + {n}");
                        assert_eq!(prefix[j + 1] - prefix[i + 1], n, "{d} + {n}");
                    }
                    Err(_) => assert!(total - prefix[i + 1] < n, "{d} + {n}"),
                }
            }
        }
    }

    fn covered_date() -> impl Strategy<Value = NaiveDate> {
        // 2023-01-01 ..= 2026-12-31: 1461 days.
        (0u64..1461).prop_map(|i| date(2023, 1, 1).checked_add_days(chrono::Days::new(i)).expect("in range"))
    }

    proptest! {
        /// Source: RULES.md §1.4 (Civil Code Art. 201: day X excluded, last day
        /// included). The n-th working day after d is a working day after d,
        /// with exactly n working days in (d, result]; an error means fewer
        /// than n working days are left in the data.
        #[test]
        fn add_working_days_invariants(d in covered_date(), n in 1u32..=20) {
            let cal = cal();
            let end = date(2026, 12, 31);
            match cal.add_working_days(d, n) {
                Ok(due) => {
                    prop_assert!(due > d);
                    prop_assert!(cal.is_working_day(due)?);
                    prop_assert_eq!(count_working(&cal, d, due), n);
                    prop_assert!(cal.within_working_days(d, n, due)?);
                    if let Some(next) = due.succ_opt().filter(|x| cal.covers(*x)) {
                        prop_assert!(!cal.within_working_days(d, n, next)?);
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e, CalendarError::OutOfRange {
                        date: date(2027, 1, 1),
                        first_year: 2023,
                        last_year: 2026,
                    });
                    prop_assert!(count_working(&cal, d, end) < n);
                }
            }
        }

        /// `within_working_days` agrees with counting working days in (trigger, act).
        #[test]
        fn within_matches_count(t in covered_date(), a in covered_date(), n in 0u32..=30) {
            let cal = cal();
            let before_act = a.pred_opt().expect("in range");
            let within = a <= t || count_working(&cal, t, before_act) < n;
            prop_assert_eq!(cal.within_working_days(t, n, a)?, within);
        }
    }
}
