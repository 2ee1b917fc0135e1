//! Scheduled interviews: the journals dated after today, as `due` lists
//! them ("Upcoming interviews", the `interviews` of its JSON) and
//! `calendar.ics` shows them.
//!
//! Pure: the journals, today and the timezone come in; values go out.
//! Which journals are scheduled is the application's to say
//! ([`Application::scheduled`]); this module only describes them.

use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use serde::Serialize;

use crate::journal::Journal;
use crate::journal::application::{self, Application};

/// One interview yet to come. Serializes to an entry of the `interviews`
/// of `due --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interview {
    /// Its day, in the configured timezone.
    pub date: NaiveDate,
    /// When it starts, if the journal gives a time of day (with the
    /// configured timezone's offset then).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<DateTime<FixedOffset>>,
    /// The company, as in the application's latest journal.
    pub company: String,
    /// The role, as in the application's latest journal.
    pub role: String,
    /// `screen`, `onsite`, …, if noted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// `in-person`, `video`, `phone`, if noted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// Who will interview you, as written.
    pub interviewers: Vec<String>,
    /// The journal's title, or one made from its stage and company.
    pub title: String,
    /// The journal, relative to the repository root.
    pub journal: String,
}

impl Interview {
    /// The scheduled journal `j` of `app`.
    pub fn of(app: &Application<'_>, j: &Journal, tz: Tz) -> Interview {
        Interview {
            date: j.date.date(tz),
            at: j.date.has_time().then(|| j.date.instant(tz).fixed_offset()),
            company: app.company.clone(),
            role: app.role.clone(),
            stage: j.stage.clone(),
            format: j.format.clone(),
            interviewers: j.interviewers.iter().map(|i| i.name.clone()).collect(),
            title: j.display_title(),
            journal: j.path.clone(),
        }
    }

    /// "Onsite interview", or "Interview" when no stage is noted.
    pub fn kind(&self) -> String {
        stage_label(self.stage.as_deref())
    }
}

/// `stage` as the start of a sentence, with "interview" after it:
/// "Onsite interview"; "Interview" when there is none.
pub fn stage_label(stage: Option<&str>) -> String {
    let name = crate::journal::model::interview_name(stage);
    let mut c = name.chars();
    let first: String = c
        .next()
        .map(|x| x.to_uppercase().collect())
        .unwrap_or_default();
    first + c.as_str()
}

/// The scheduled interviews of `app`, soonest first.
pub fn of_app(app: &Application<'_>, tz: Tz) -> Vec<Interview> {
    // A closed application's bookings are cancelled.
    let open = if app.is_open() {
        &app.scheduled[..]
    } else {
        &[]
    };
    open.iter().map(|j| Interview::of(app, j, tz)).collect()
}

/// Every interview of an open application dated `today` or after, soonest
/// first (then by company and journal): today's stays until tomorrow.
pub fn upcoming<'a>(
    journals: impl IntoIterator<Item = &'a Journal>,
    today: NaiveDate,
    tz: Tz,
) -> Vec<Interview> {
    let apps = application::group(journals, today, tz);
    let mut out: Vec<(DateTime<Tz>, Interview)> = apps
        .iter()
        .flat_map(|app| {
            super::prep::to_come(app, today, tz)
                .map(move |j| (j.date.instant(tz), Interview::of(app, j, tz)))
        })
        .collect();
    out.sort_by_cached_key(|(at, i)| (*at, i.company.to_lowercase(), i.journal.clone()));
    out.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testkit::journals;

    #[test]
    fn journals_dated_today_or_later_soonest_first() {
        let js = journals(&[
            "company: Acme\nrole: Dev\ndate: 2026-11-20\nstage: screen\ninterviewers: [Ann Lee]",
            "company: acme\nrole: dev\ndate: 2026-11-26T14:30\nstage: onsite\nformat: video\ninterviewers: [Bo Chen, Cy Dee]",
            "company: Beta\nrole: Ops\ndate: 2026-11-26",
            "company: Gamma\nrole: QA\ndate: 2026-11-22T18:00",
        ]);
        let berlin = chrono_tz::Europe::Berlin;
        let today = crate::time::parse_date("2026-11-22").unwrap();
        let got = upcoming(&js, today, berlin);
        let summary: Vec<(String, Option<String>, String, String)> = got
            .iter()
            .map(|i| {
                (
                    i.date.to_string(),
                    i.at.map(|a| a.to_rfc3339()),
                    i.kind(),
                    i.interviewers.join(", "),
                )
            })
            .collect();
        // Today's interview stays until tomorrow; a date-only one starts
        // the day.
        assert_eq!(
            summary,
            [
                (
                    "2026-11-22".into(),
                    Some("2026-11-22T18:00:00+01:00".into()),
                    "Interview".into(),
                    String::new()
                ),
                ("2026-11-26".into(), None, "Interview".into(), String::new()),
                (
                    "2026-11-26".into(),
                    Some("2026-11-26T14:30:00+01:00".into()),
                    "Onsite interview".into(),
                    "Bo Chen, Cy Dee".into()
                ),
            ]
        );
        // Company and role as the application spells them (its latest
        // interview held).
        assert_eq!(
            (got[2].company.as_str(), got[2].role.as_str()),
            ("Acme", "Dev")
        );
        assert_eq!(stage_label(Some("  ")), "Interview");
        assert_eq!(stage_label(Some("offer call")), "Offer call interview");
    }
}
