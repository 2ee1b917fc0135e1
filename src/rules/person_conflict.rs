//! `person-conflict`: two journals of one application saying different
//! things about one person.
//!
//! A person is written down once per application: an `email`, `phone`,
//! `prefers`, `title` or `linkedin` given in one journal holds in all of
//! them ([`crate::journal::application::People`]). Where two journals
//! disagree, the latest one is used and the other place is pointed at.

use super::{Check, Ctx, Rule};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;

/// The rule.
pub const RULE: Rule = Rule {
    id: "person-conflict",
    reason: "what you write about a person holds in every journal of the application; two different values mean one of them is out of date",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, _ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for c in &app.people().conflicts {
        let (kept, kept_path, kept_loc) = &c.kept;
        let (other, path, loc) = &c.other;
        out.push(Problem::at(
            RULE.id,
            RULE.severity,
            path,
            Some(*loc),
            format!(
                "{} has `{}: {other}` here but `{}: {kept}` in {kept_path}:{}:{}, which is the one used (the latest interview that happened has the last word)",
                c.name, c.field, c.field, kept_loc.line, kept_loc.column
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    const SCREEN: &str = "company: A\nrole: R\ndate: 2026-11-10\ninterviewers:\n  - {name: Priya Patel, email: priya@a.example, prefers: phone, title: Head of Data}";
    const ONSITE: &str = "company: A\nrole: R\ndate: 2026-11-17\ninterviewers: [Priya]\nsent:\n  - {kind: thank-you, to: Priya, on: 2026-11-17, channel: phone}";

    #[test]
    fn what_one_journal_says_of_a_person_holds_in_all() {
        let e = run(&[SCREEN, ONSITE], "2026-11-18");
        // Her `prefers: phone` from the screen applies to the onsite's note.
        assert!(
            problems_of(&e, "wrong-channel").is_empty(),
            "{:?}",
            e.problems
        );
        assert!(problems_of(&e, "person-conflict").is_empty());
        let js = journals(&[SCREEN, ONSITE]);
        let apps = crate::journal::application::group(
            &js,
            crate::time::parse_date("2026-11-18").unwrap(),
            chrono_tz::UTC,
        );
        let p = apps[0].interviewer("priya").unwrap();
        assert_eq!(p.name, "Priya Patel");
        assert_eq!(p.email.as_deref(), Some("priya@a.example"));
        assert_eq!(p.title.as_deref(), Some("Head of Data"));
    }

    #[test]
    fn two_values_are_a_warning_naming_both_places() {
        let later = "company: A\nrole: R\ndate: 2026-11-17\ninterviewers:\n  - {name: Priya Patel, email: p.patel@a.example, title: head of data}";
        let e = run(&[SCREEN, later], "2026-11-18");
        let p = problems_of(&e, "person-conflict");
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].0.as_deref(), Some("content/0.md"));
        assert_eq!(p[0].1, Some(6));
        assert!(
            p[0].2.contains(
                "`email: priya@a.example` here but `email: p.patel@a.example` in content/1.md:6:5"
            ),
            "{}",
            p[0].2
        );
    }

    #[test]
    fn a_second_priya_is_someone_else() {
        let other = "company: A\nrole: R\ndate: 2026-11-17\ninterviewers:\n  - {name: Priya Shah, email: shah@a.example}";
        let e = run(&[SCREEN, other], "2026-11-18");
        assert!(problems_of(&e, "person-conflict").is_empty());
    }
}
