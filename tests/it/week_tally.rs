//! A week's report is the sum of every application's share of it
//! (`weekly::share`, `weekly::sum`): checked against the journals as they
//! stood on the week's day, counted directly, on a generated repository
//! whose weeks' action lists are longer than the pages show.

use chrono::NaiveDate;
use debrief::journal::application;
use debrief::repo::Repository;
use debrief::report::history::{self, Timeline};
use debrief::report::week::Week;
use debrief::report::{pipeline, weekly};
use debrief::rules::Action;

/// How many actions a list shows here: small, so the lists are cut.
const LIMIT: usize = 2;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
}

#[test]
fn a_week_summed_from_its_applications_shares_is_the_week_as_it_stood() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    crate::corpus::generate(root, 240, 11);
    let repo = Repository::load(root, None).expect("the corpus loads");
    let tz = repo.tz;
    let first = repo.journals.iter().map(|j| j.date.date(tz)).min();
    let weeks = Week::of(first.expect("journals")).through(Week::of(today()));
    let slug = |path: &str| path.replace('/', "-");
    let reports = debrief::report::weekly_reports(
        &repo.journals,
        &repo.config,
        tz,
        &weeks,
        today(),
        &slug,
        LIMIT,
    );
    let days: Vec<NaiveDate> = weeks.iter().map(|w| weekly::as_of(*w, today())).collect();
    let timeline = Timeline::new(&repo.journals, &days, today(), tz);
    let (mut cut, mut standings) = (0, std::collections::BTreeSet::new());
    for ((week, day), r) in weeks.iter().zip(&days).zip(&reports) {
        let day = *day;
        let within = |d: NaiveDate| week.contains(d) && d <= day;
        // The actions open on the day, as the rules give them over the
        // journals as they stood.
        let mut open = history::actions_on(&timeline, day, &repo.config);
        Action::sort(&mut open);
        let horizon = day + chrono::Days::new(7);
        let overdue: Vec<&Action> = open.iter().filter(|a| a.due < day).collect();
        let next: Vec<&Action> = open
            .iter()
            .filter(|a| a.due >= day && a.due <= horizon)
            .collect();
        assert_eq!(r.counts.overdue, overdue.len(), "{week}");
        assert_eq!(r.counts.next_seven, next.len(), "{week}");
        let titles = |l: &[std::sync::Arc<weekly::ActionLine>]| -> Vec<(NaiveDate, String)> {
            l.iter().map(|a| (a.due, a.title.clone())).collect()
        };
        let own = |l: &[&Action]| -> Vec<(NaiveDate, String)> {
            l.iter().map(|a| (a.due, a.title.clone())).collect()
        };
        let last = &overdue[overdue.len().saturating_sub(LIMIT)..];
        assert_eq!(titles(&r.overdue), own(last), "{week}: the latest overdue");
        assert_eq!(
            titles(&r.next_seven),
            own(&next[..next.len().min(LIMIT)]),
            "{week}: the soonest due"
        );
        cut += usize::from(overdue.len() > LIMIT);
        // Where every application stood that day.
        let past = timeline.journals_at(day);
        let apps = application::group(past.iter().map(|j| j.as_ref()), day, tz);
        let counts = pipeline::counts(&apps, &repo.config, day, tz);
        assert_eq!(r.pipeline, pipeline::line(&counts), "{week}");
        standings.extend(
            pipeline::STANDINGS
                .iter()
                .zip(counts)
                .filter(|(_, n)| *n > 0)
                .map(|(s, _)| *s),
        );
        // What happened in the week.
        let js = &repo.journals;
        let held = js.iter().filter(|j| within(j.date.date(tz))).count();
        let sent = js
            .iter()
            .flat_map(|j| &j.sent)
            .filter(|s| within(s.on.date(tz)))
            .count();
        let replies = js
            .iter()
            .flat_map(|j| &j.replies)
            .filter(|x| within(x.on))
            .count();
        assert_eq!(
            (r.counts.interviews, r.counts.sent, r.counts.replies),
            (held, sent, replies),
            "{week}"
        );
        assert_eq!(
            r.reflections.len() + r.unreflected.len(),
            held,
            "{week}: every interview reflected on or not"
        );
    }
    assert!(cut > 4, "lists longer than shown in {cut} weeks");
    assert!(
        standings.contains("ghosted") && standings.contains("pending") && standings.len() > 3,
        "the corpus moves applications through the pipeline: {standings:?}"
    );
}
