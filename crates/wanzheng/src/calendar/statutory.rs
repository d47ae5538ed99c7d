//! The statutory holidays of 《全国年节及纪念日放假办法》 (the State Council's measures on
//! public holidays): what the provisional calendar of a year without a notice is built from.
//!
//! * Article 2 as amended by 国务院令第795号 (2024-11-10, in force 2025-01-01): 元旦 1 day
//!   (1 January); 春节 4 days (除夕 and 正月初一至初三); 清明节 1 day (the day of the 清明 solar
//!   term); 劳动节 2 days (1–2 May); 端午节 1 day (五月初五); 中秋节 1 day (八月十五); 国庆节 3
//!   days (1–3 October).
//! * Before 2025 (国务院令第644号, 2013): 春节 3 days (正月初一至初三) and 劳动节 1 day (1 May); the
//!   others as above.
//! * Article 6: a holiday of all citizens that falls on a Saturday or Sunday is made up
//!   (补假) on a working day. INTERPRETATION: the made-up day is the first Monday–Friday after
//!   it that is neither a statutory holiday nor already a made-up day, one per festival on the
//!   weekend day (中秋 on a Sunday 2 October owes its own day besides 国庆's); two festivals on
//!   one Monday–Friday are one day off, as Article 6 speaks only of weekends (the reading of
//!   PyPI `holidays`, which the cross-check compares against).
//!
//! No 调休 (days off bridged by make-up working weekends) is guessed: that is what each year's
//! notice decides, and a provisional calendar has none.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use super::festivals::{FESTIVALS, FIRST_YEAR};

/// The statutory holidays (法定节假日) of 《全国年节及纪念日放假办法》 Article 2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Festival {
    /// 元旦, 1 January.
    NewYear,
    /// 春节: 除夕 (from 2025) and 正月初一至初三.
    SpringFestival,
    /// 清明节, the day of the 清明 solar term.
    Qingming,
    /// 劳动节, 1 May (and 2 May from 2025).
    LabourDay,
    /// 端午节, 五月初五.
    DragonBoat,
    /// 中秋节, 八月十五.
    MidAutumn,
    /// 国庆节, 1–3 October.
    NationalDay,
}

impl Festival {
    /// The Chinese name, as the measures write it.
    #[must_use]
    pub const fn name_zh(self) -> &'static str {
        match self {
            Self::NewYear => "元旦",
            Self::SpringFestival => "春节",
            Self::Qingming => "清明节",
            Self::LabourDay => "劳动节",
            Self::DragonBoat => "端午节",
            Self::MidAutumn => "中秋节",
            Self::NationalDay => "国庆节",
        }
    }

    /// The English name.
    #[must_use]
    pub const fn name_en(self) -> &'static str {
        match self {
            Self::NewYear => "New Year's Day",
            Self::SpringFestival => "Spring Festival",
            Self::Qingming => "Qingming Festival",
            Self::LabourDay => "Labour Day",
            Self::DragonBoat => "Dragon Boat Festival",
            Self::MidAutumn => "Mid-Autumn Festival",
            Self::NationalDay => "National Day",
        }
    }
}

/// The first year of the 2024 amendment (国务院令第795号): 除夕 and 2 May become holidays.
const AMENDED_2024_FROM: i32 = 2025;

fn md(year: i32, (month, day): (u8, u8)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, u32::from(month), u32::from(day))
}

/// The statutory holidays of `year`, in date order (a day that is two festivals is listed
/// twice), or `None` outside the table's years (2023–2099).
pub(super) fn holidays(year: i32) -> Option<Vec<(NaiveDate, Festival)>> {
    let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
    let &[eve, qingming, dragon, mid_autumn] = FESTIVALS.get(index)?;
    let amended = year >= AMENDED_2024_FROM;
    let mut out = vec![(md(year, (1, 1))?, Festival::NewYear)];
    let eve = md(year, eve)?;
    let spring = if amended { 0..4 } else { 1..4 };
    for i in spring {
        out.push((eve.checked_add_days(chrono::Days::new(i))?, Festival::SpringFestival));
    }
    out.push((md(year, qingming)?, Festival::Qingming));
    out.push((md(year, (5, 1))?, Festival::LabourDay));
    if amended {
        out.push((md(year, (5, 2))?, Festival::LabourDay));
    }
    out.push((md(year, dragon)?, Festival::DragonBoat));
    out.push((md(year, mid_autumn)?, Festival::MidAutumn));
    for day in 1..=3 {
        out.push((md(year, (10, day))?, Festival::NationalDay));
    }
    out.sort();
    Some(out)
}

/// The days off of a provisional `year`: the statutory holidays plus the Article 6 made-up
/// days (补假), in date order; `None` outside 2023–2099.
pub(super) fn days_off(year: i32) -> Option<Vec<NaiveDate>> {
    let statutory = holidays(year)?;
    let mut off: Vec<NaiveDate> = statutory.iter().map(|&(d, _)| d).collect();
    let mut made_up = Vec::new();
    let mut owed = 0u32;
    let jan1 = NaiveDate::from_yo_opt(year, 1)?;
    for d in jan1.iter_days().take_while(|d| d.year() == year) {
        let weekend = matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        // Each festival falling on the day (two when 中秋 meets 国庆) is owed on a weekend.
        let festivals = statutory.iter().filter(|&&(x, _)| x == d).count() as u32;
        if festivals > 0 {
            owed += if weekend { festivals } else { 0 };
        } else if !weekend && owed > 0 {
            made_up.push(d);
            owed -= 1;
        }
    }
    off.extend(made_up);
    off.sort_unstable();
    off.dedup();
    Some(off)
}
