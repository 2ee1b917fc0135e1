//! ISO 8601 weeks: `2026-W47`, Monday to Sunday.

use chrono::{Datelike, IsoWeek, NaiveDate, Weekday};

/// One ISO week.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Week {
    /// The ISO week-numbering year.
    pub year: i32,
    /// The week number, 1 to 53.
    pub number: u32,
}

impl Week {
    /// The week that contains `date`.
    pub fn of(date: NaiveDate) -> Week {
        let w: IsoWeek = date.iso_week();
        Week {
            year: w.year(),
            number: w.week(),
        }
    }

    /// Parses `2026-W47` (also `2026-w47` and `2026W47`).
    pub fn parse(text: &str) -> Option<Week> {
        let t = text.trim();
        let (year, number) = t.split_once(['W', 'w'])?;
        let year: i32 = year.strip_suffix('-').unwrap_or(year).parse().ok()?;
        if number.is_empty() || number.len() > 2 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let number: u32 = number.parse().ok()?;
        NaiveDate::from_isoywd_opt(year, number, Weekday::Mon)?;
        Some(Week { year, number })
    }

    /// Its Monday.
    pub fn monday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Mon).expect("a valid week")
    }

    /// Its Sunday.
    pub fn sunday(self) -> NaiveDate {
        NaiveDate::from_isoywd_opt(self.year, self.number, Weekday::Sun).expect("a valid week")
    }

    /// Whether `date` falls in it.
    pub fn contains(self, date: NaiveDate) -> bool {
        Week::of(date) == self
    }

    /// The week after.
    pub fn next(self) -> Week {
        Week::of(self.monday() + chrono::Duration::days(7))
    }

    /// Every week from `self` to `last`, both included.
    pub fn through(self, last: Week) -> Vec<Week> {
        let mut out = Vec::new();
        let mut w = self;
        while w <= last {
            out.push(w);
            w = w.next();
        }
        out
    }

    /// "16–22 Nov 2026", "30 Nov – 6 Dec 2026", "29 Dec 2025 – 4 Jan 2026".
    pub fn span(self) -> String {
        let (a, b) = (self.monday(), self.sunday());
        if a.year() != b.year() {
            format!("{} – {}", a.format("%-d %b %Y"), b.format("%-d %b %Y"))
        } else if a.month() != b.month() {
            format!("{} – {}", a.format("%-d %b"), b.format("%-d %b %Y"))
        } else {
            format!("{}–{}", a.format("%-d"), b.format("%-d %b %Y"))
        }
    }
}

impl std::fmt::Display for Week {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}-W{:02}", self.year, self.number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        crate::time::parse_date(s).unwrap()
    }

    #[test]
    fn weeks_follow_iso_8601_across_years() {
        assert_eq!(Week::of(d("2026-11-22")).to_string(), "2026-W47");
        assert_eq!(Week::of(d("2026-11-16")).to_string(), "2026-W47");
        assert_eq!(Week::of(d("2026-11-23")).to_string(), "2026-W48");
        // 1 January 2027 is a Friday: it belongs to the last week of 2026.
        assert_eq!(Week::of(d("2027-01-01")).to_string(), "2026-W53");
        assert_eq!(Week::of(d("2025-12-29")).to_string(), "2026-W01");
    }

    #[test]
    fn parse_round_trips_and_refuses_nonsense() {
        let w = Week::parse("2026-W47").unwrap();
        assert_eq!((w.monday(), w.sunday()), (d("2026-11-16"), d("2026-11-22")));
        assert_eq!(Week::parse("2026w47"), Some(w));
        assert_eq!(Week::parse("2026-W53").unwrap().to_string(), "2026-W53");
        for bad in [
            "2025-W53",
            "2026-W00",
            "2026-W54",
            "2026-47",
            "W47",
            "2026-W",
            "2026-W4x7",
        ] {
            assert_eq!(Week::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn ranges_and_spans() {
        let weeks = Week::parse("2026-W52")
            .unwrap()
            .through(Week::parse("2027-W02").unwrap());
        let names: Vec<String> = weeks.iter().map(|w| w.to_string()).collect();
        assert_eq!(names, ["2026-W52", "2026-W53", "2027-W01", "2027-W02"]);
        assert_eq!(Week::parse("2026-W47").unwrap().span(), "16–22 Nov 2026");
        assert_eq!(
            Week::parse("2026-W49").unwrap().span(),
            "30 Nov – 6 Dec 2026"
        );
        assert_eq!(
            Week::parse("2026-W01").unwrap().span(),
            "29 Dec 2025 – 4 Jan 2026"
        );
    }
}
