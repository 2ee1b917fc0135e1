//! A week's report changed by difference (`weekly::Tally::change`, what
//! `debrief serve` does after a save) is the report made again from every
//! journal, on a generated repository where the weeks' action lists are
//! longer than the pages show.

use std::path::Path;

use chrono::NaiveDate;
use debrief::journal::Journal;
use debrief::repo::Repository;
use debrief::report::week::Week;
use debrief::report::weekly::Tally;

/// How many actions a list shows here: small, so that the lists kept past
/// it run out when a change takes many of them away.
const LIMIT: usize = 2;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).expect("a date")
}

fn slug(path: &str) -> String {
    path.replace('/', "-")
}

fn tallies(repo: &Repository, journals: &[Journal], weeks: &[Week], limit: usize) -> Vec<Tally> {
    debrief::report::week_tallies(
        journals,
        debrief::rules::acceptance(&repo.journals, repo.tz),
        &repo.config,
        repo.tz,
        weeks,
        today(),
        &slug,
        limit,
    )
}

/// The journals (relative paths) with no follow-up sent, most recent first.
fn unsent(repo: &Repository) -> Vec<String> {
    let mut js: Vec<&Journal> = repo
        .journals
        .iter()
        .filter(|j| j.sent.is_empty() && j.date.date(repo.tz) <= today())
        .collect();
    js.sort_by_key(|j| std::cmp::Reverse(j.date.date(repo.tz)));
    js.iter().map(|j| j.path.clone()).collect()
}

/// Records a thank-you as sent on the interview day.
fn send_thanks(root: &Path, rel: &str) {
    let path = root.join(rel);
    let text = std::fs::read_to_string(&path).expect("the journal");
    let day = &text[text.find("\ndate: ").expect("a date") + 7..][..10];
    let sent = format!("\nsent:\n  - {{kind: thank-you, on: {day}}}\n---");
    std::fs::write(&path, text.replacen("\n---", &sent, 1)).expect("written");
}

#[test]
fn a_week_changed_by_difference_is_the_week_made_again() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path();
    crate::corpus::generate(root, 240, 11);
    let mut repo = Repository::load(root, None).expect("the corpus loads");
    let first = repo.journals.iter().map(|j| j.date.date(repo.tz)).min();
    let weeks = Week::of(first.expect("journals")).through(Week::of(today()));
    let mut kept = tallies(&repo, &repo.journals, &weeks, LIMIT);
    let longest = kept.iter().map(|t| t.report.counts.overdue).max();
    assert!(
        longest > Some(4 * LIMIT),
        "lists longer than kept: {longest:?}"
    );

    let unsent = unsent(&repo);
    let old = repo
        .journals
        .iter()
        .map(|j| j.path.clone())
        .min()
        .expect("a journal");
    let new_app = "content/zz-new/0-screen.md";
    type Step<'a> = (&'a str, Box<dyn Fn(&Path) -> Vec<String> + 'a>);
    let steps: Vec<Step> = vec![
        (
            "a thank-you recorded",
            Box::new(|r: &Path| {
                send_thanks(r, &unsent[0]);
                vec![unsent[0].clone()]
            }),
        ),
        (
            "a journal removed",
            Box::new(|r: &Path| {
                std::fs::remove_file(r.join(&old)).expect("removed");
                vec![old.clone()]
            }),
        ),
        (
            "an application added, interviewed long ago",
            Box::new(|r: &Path| {
                std::fs::create_dir_all(r.join("content/zz-new")).expect("a folder");
                let text = "---\ncompany: Zed Works\nrole: Welder\ndate: 2025-12-01\nchannel: video\ninterviewers:\n  - name: Ann Zed\n    email: ann@zed.example\n---\n\nNotes.\n";
                std::fs::write(r.join(new_app), text).expect("written");
                vec![new_app.to_string()]
            }),
        ),
        (
            "thank-yous recorded for the twenty latest interviews at once",
            Box::new(|r: &Path| {
                for rel in &unsent[1..21] {
                    send_thanks(r, rel);
                }
                unsent[1..21].to_vec()
            }),
        ),
    ];
    let (mut changed, mut made_again) = (0, 0);
    for (what, step) in steps {
        let rels = step(root);
        let reread = repo.reread(&rels);
        let after: Vec<Journal> = repo.journals_of(&reread.apps).cloned().collect();
        let then = tallies(&repo, &reread.before, &weeks, usize::MAX);
        let now = tallies(&repo, &after, &weeks, usize::MAX);
        let whole = tallies(&repo, &repo.journals, &weeks, LIMIT);
        for (i, w) in weeks.iter().enumerate() {
            let mut t = kept[i].clone();
            if t.change(&then[i], &now[i], *w, LIMIT) {
                assert_eq!(t.report, whole[i].report, "{what}: week {w}");
                changed += 1;
            } else {
                made_again += 1;
            }
        }
        kept = whole;
    }
    // Most weeks change by difference; when a change takes more from a list
    // than is kept past what it shows, the week says so and is made again.
    assert!(
        changed > 3 * weeks.len(),
        "{changed} of {}",
        4 * weeks.len()
    );
    assert!(
        made_again > 0,
        "the twenty thank-yous outrun the lists kept"
    );
}
