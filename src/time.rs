//! Dates and instants the way journals write them, resolved in the configured
//! timezone.
//!
//! Owns the one definition of "a date-only interview starts at 00:00 local",
//! of adding hours to an instant and of ISO weeks. Never reads the clock:
//! `today` always comes in as a value.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;

/// The years a journal's dates may fall in. Outside them a date is almost
/// surely a typo (`0026-11-10` for 2026), and one such date would make the
/// site a week page for every week in between.
pub const YEARS: std::ops::RangeInclusive<i32> = 1970..=2100;

/// A date or a moment as written in a journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// `2026-11-17`: 00:00 local on that day.
    Date(NaiveDate),
    /// `2026-11-17T14:00`: local time in the configured timezone.
    Local(NaiveDateTime),
    /// RFC 3339 with an offset.
    Offset(DateTime<FixedOffset>),
}

impl When {
    /// Parses the forms journals may use; `None` if it is none of them.
    pub fn parse(text: &str) -> Option<When> {
        let t = text.trim();
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            // chrono accepts one-digit months and days; a date is written in full.
            return (t.len() == 10).then_some(When::Date(d));
        }
        if let Ok(dt) = DateTime::parse_from_rfc3339(t) {
            return Some(When::Offset(dt));
        }
        // UTC written as `Z` without seconds: `2026-11-20T14:00Z`.
        if let Some(utc) = t.strip_suffix(['Z', 'z'])
            && let Ok(dt) = NaiveDateTime::parse_from_str(utc, "%Y-%m-%dT%H:%M")
        {
            return Some(When::Offset(dt.and_utc().fixed_offset()));
        }
        for fmt in [
            "%Y-%m-%dT%H:%M",
            "%Y-%m-%dT%H:%M:%S%.f",
            "%Y-%m-%d %H:%M",
            "%Y-%m-%d %H:%M:%S%.f",
        ] {
            if let Ok(dt) = NaiveDateTime::parse_from_str(t, fmt) {
                return Some(When::Local(dt));
            }
        }
        for fmt in [
            "%Y-%m-%dT%H:%M%:z",
            "%Y-%m-%d %H:%M%:z",
            "%Y-%m-%d %H:%M:%S%:z",
        ] {
            if let Ok(dt) = DateTime::parse_from_str(t, fmt) {
                return Some(When::Offset(dt));
            }
        }
        None
    }

    /// The instant in `tz` (a date means its first moment).
    pub fn instant(&self, tz: Tz) -> DateTime<Tz> {
        match self {
            When::Date(d) => local_instant(tz, d.and_hms_opt(0, 0, 0).expect("midnight exists")),
            When::Local(dt) => local_instant(tz, *dt),
            When::Offset(dt) => dt.with_timezone(&tz),
        }
    }

    /// The local date in `tz`.
    pub fn date(&self, tz: Tz) -> NaiveDate {
        match self {
            When::Date(d) => *d,
            When::Local(dt) => dt.date(),
            When::Offset(dt) => dt.with_timezone(&tz).date_naive(),
        }
    }

    /// The year as written.
    pub fn year(&self) -> i32 {
        use chrono::Datelike;
        match self {
            When::Date(d) => d.year(),
            When::Local(dt) => dt.year(),
            When::Offset(dt) => dt.year(),
        }
    }

    /// Whether a time of day was given.
    pub fn has_time(&self) -> bool {
        !matches!(self, When::Date(_))
    }
}

/// A local wall-clock time as an instant. In a DST gap the clock moves on to
/// the first time that exists; in an overlap the earlier instant wins.
fn local_instant(tz: Tz, dt: NaiveDateTime) -> DateTime<Tz> {
    let mut probe = dt;
    for _ in 0..4 {
        if let Some(t) = tz.from_local_datetime(&probe).earliest() {
            return t;
        }
        match probe.checked_add_signed(Duration::minutes(30)) {
            Some(p) => probe = p,
            None => break,
        }
    }
    tz.from_utc_datetime(&dt)
}

/// `instant + hours`, the way hour-based rules compute their due moment;
/// past the last (or first) instant there is, that instant.
pub fn add_hours(instant: DateTime<Tz>, hours: i64) -> DateTime<Tz> {
    Duration::try_hours(hours)
        .and_then(|d| instant.checked_add_signed(d))
        .unwrap_or_else(|| {
            let end = if hours < 0 {
                chrono::DateTime::<chrono::Utc>::MIN_UTC
            } else {
                chrono::DateTime::<chrono::Utc>::MAX_UTC
            };
            end.with_timezone(&instant.timezone())
        })
}

/// `date + days` in calendar days; past the last (or first) date there
/// is, that date.
pub fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    Duration::try_days(days)
        .and_then(|d| date.checked_add_signed(d))
        .unwrap_or(if days < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// Parses `YYYY-MM-DD` strictly (for `--today` and `DEBRIEF_TODAY`), in
/// the years of [`YEARS`].
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    match When::parse(text)? {
        When::Date(d) if YEARS.contains(&When::Date(d).year()) => Some(d),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        parse_date(s).unwrap()
    }

    #[test]
    fn parses_each_written_form() {
        assert_eq!(When::parse("2026-11-17"), Some(When::Date(d("2026-11-17"))));
        assert!(matches!(
            When::parse("2026-11-17T14:00"),
            Some(When::Local(_))
        ));
        assert!(matches!(
            When::parse("2026-11-17 14:00:30"),
            Some(When::Local(_))
        ));
        assert!(matches!(
            When::parse("2026-11-17T14:00:00+01:00"),
            Some(When::Offset(_))
        ));
        assert!(matches!(
            When::parse("2026-11-17T14:00:00Z"),
            Some(When::Offset(_))
        ));
        // What the journal schema's date pattern allows, `check` reads.
        for written in [
            "2026-11-17T14:00Z",
            "2026-11-17T14:00+0100",
            "2026-11-17T14:00:00.5",
            "2026-11-17 14:00:00.25",
        ] {
            assert!(When::parse(written).is_some(), "{written}");
        }
        assert_eq!(
            When::parse("2026-11-17T14:00Z")
                .unwrap()
                .instant(chrono_tz::UTC)
                .to_rfc3339(),
            "2026-11-17T14:00:00+00:00"
        );
        assert_eq!(When::parse("2026-13-45"), None);
        assert_eq!(When::parse("2026-2-3"), None);
        assert_eq!(When::parse("next tuesday"), None);
    }

    #[test]
    fn an_offset_can_move_the_local_date() {
        let tz: Tz = "Asia/Tokyo".parse().unwrap();
        let w = When::parse("2026-11-17T20:00:00-05:00").unwrap();
        assert_eq!(w.date(tz), d("2026-11-18"));
    }

    // Regression: `due --within 100000000` and far-off dates panicked on
    // overflowing date arithmetic.
    #[test]
    fn arithmetic_past_the_calendar_stops_at_its_ends() {
        assert_eq!(add_days(d("2026-11-22"), 100_000_000), NaiveDate::MAX);
        assert_eq!(add_days(d("2026-11-22"), i64::MIN), NaiveDate::MIN);
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let at = When::Date(d("2026-11-17")).instant(tz);
        assert!(add_hours(at, i64::MAX) > at);
        let far = When::parse("+262142-12-31T00:00").unwrap();
        let _ = add_hours(far.instant(tz), 24);
        assert_eq!(far.year(), 262142);
        assert_eq!(parse_date("0026-11-10"), None);
        assert_eq!(parse_date("2101-01-01"), None);
    }

    #[test]
    fn a_date_is_midnight_local() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let at = When::Date(d("2026-11-17")).instant(tz);
        assert_eq!(at.to_rfc3339(), "2026-11-17T00:00:00+01:00");
        assert_eq!(add_hours(at, 24).date_naive(), d("2026-11-18"));
    }

    #[test]
    fn a_time_in_the_spring_gap_moves_forward() {
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        let at = When::parse("2026-03-29T02:30").unwrap().instant(tz);
        assert_eq!(at.to_rfc3339(), "2026-03-29T03:00:00+02:00");
    }
}
