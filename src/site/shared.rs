//! The files every journal feeds that are not pages: the calendar of open
//! actions and scheduled interviews, `report.json`, `robots.txt`, and the
//! theme's static files.

use chrono::NaiveDate;

use super::BuildError;
use super::parts::{self, ActionPart, Parts, ProblemPart};
use super::splice::Pieces;
use super::staging::Sink;
use crate::config::Config;
use crate::diagnostics::Counts;
use crate::render::theme::Theme;
use crate::report::calendar;

/// What the shared files are made from.
pub(super) struct Shared<'a> {
    pub parts: &'a Parts,
    /// Every open action and problem, in order.
    pub actions: &'a [&'a ActionPart],
    pub problems: &'a [&'a ProblemPart],
    pub counts: Counts,
    pub config: &'a Config,
    pub tz: chrono_tz::Tz,
    pub today: NaiveDate,
    pub theme: &'a Theme,
}

/// Hands the shared files to `sink`.
pub(super) fn shared(sink: &dyn Sink, s: &Shared<'_>) -> Result<(), BuildError> {
    // The calendar: the timed interviews in the configured timezone, which
    // it describes.
    let (head, end) = calendar::frame(&s.config.site.title);
    let mut interviews: Vec<&parts::InterviewPart> =
        s.parts.values().flat_map(|p| &p.interviews).collect();
    interviews.sort_by(|a, b| a.order.cmp(&b.order));
    let mut ics = Pieces::from(head);
    if let Some(zone) = calendar::vtimezone(
        s.tz,
        interviews.iter().filter(|i| i.timed).map(|i| i.order.0),
    ) {
        ics.push(zone);
    }
    s.actions.iter().for_each(|a| ics.push(a.event.clone()));
    interviews.iter().for_each(|i| ics.push(i.event.clone()));
    ics.push(end);
    sink.put("calendar.ics", ics)?;
    sink.put(
        "report.json",
        parts::report_json(
            s.today,
            s.actions.iter().map(|a| &a.json),
            s.problems.iter().map(|p| &p.json),
            s.counts,
        ),
    )?;
    let robots = if s.config.site.private {
        "User-agent: *\nDisallow: /\n"
    } else {
        "User-agent: *\nAllow: /\n"
    };
    sink.put("robots.txt", robots.as_bytes().to_vec().into())?;
    for (name, bytes) in s.theme.under("static/") {
        sink.put(name, bytes.to_vec().into())?;
    }
    Ok(())
}
