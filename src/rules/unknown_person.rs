//! `unknown-person`: a name in `sent.to`, `promised.to`, `replies.from`,
//! `snooze.to` or `contact` that is nobody of the application.
//!
//! A misspelt name silently leaves the action it meant to close open (and
//! used to read as a `wrong-channel`); saying which name was meant is the
//! fix. Pure: the application's journals in, located warnings out.

use super::{Check, Ctx, Dated, Rule};
use crate::diagnostics::{Loc, Problem, Severity};
use crate::journal::Application;
use crate::journal::model::same_person;

/// The rule.
pub const RULE: Rule = Rule {
    id: "unknown-person",
    reason: "a name that matches no interviewer, contact or reference of the application closes nothing; check the spelling",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Sent, Dated::Reply],
    check: Check::Problems(problems),
};

/// Whether `name` is one of `people`, the way names are matched everywhere
/// (case aside, a first name for the full one).
pub fn known(people: &[&str], name: &str) -> bool {
    people
        .iter()
        .any(|p| same_person(p, name) || same_person(name, p))
}

fn problems(app: &Application<'_>, _ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let all = || app.journals.iter().chain(&app.scheduled);
    let mut met: Vec<&str> = all()
        .flat_map(|j| {
            j.interviewers
                .iter()
                .map(|i| i.name.as_str())
                .chain(j.references.iter().map(|r| r.name.as_str()))
        })
        .collect();
    met.sort_unstable();
    met.dedup();
    // A contact (a recruiter, say) is a person too, once written down.
    let mut people = met.clone();
    people.extend(all().filter_map(|j| j.contact.as_deref()));
    for j in all() {
        let mut report = |field: &str, name: &str, loc: Option<Loc>| {
            if known(&people, name) {
                return;
            }
            let hint = crate::diagnostics::did_you_mean_person(name, &people)
                .map(|p| format!("; did you mean `{p}`?"))
                .unwrap_or_default();
            out.push(Problem::at(
                RULE.id,
                RULE.severity,
                &j.path,
                loc,
                format!(
                    "`{name}` in {field} is no interviewer, contact or reference of this application{hint}"
                ),
            ));
        };
        for s in &j.sent {
            for to in &s.to {
                report("sent.to", to, Some(s.loc));
            }
        }
        for p in &j.promised {
            if let Some(to) = &p.to {
                report("promised.to", to, Some(p.loc));
            }
        }
        for r in &j.replies {
            if let Some(from) = &r.from {
                report("replies.from", from, Some(r.loc));
            }
        }
        for s in &j.snooze {
            if let Some(to) = &s.to {
                report("snooze.to", to, Some(s.loc));
            }
        }
        // A contact may be someone you never met (a recruiter): only one
        // that looks like a misspelt interviewer is reported.
        if let Some(contact) = &j.contact
            && !known(&met, contact)
            && let Some(meant) = crate::diagnostics::did_you_mean_person(contact, &met)
        {
            out.push(Problem::at(
                RULE.id,
                RULE.severity,
                &j.path,
                j.contact_loc,
                format!("the contact `{contact}` is no interviewer or reference of this application; did you mean `{meant}`?"),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    // Regression: `to: Tom Reyse` left the thank-you open with no word
    // but a misleading wrong-channel.
    #[test]
    fn a_misspelt_name_is_reported_with_the_closest_one() {
        let doc = "company: A\nrole: R\ndate: 2026-11-02\ninterviewers: [Tom Reyes, Ann Lee]\ncontact: Ann Leee\nreferences: [Cleo Park]\nsent:\n  - {kind: thank-you, on: 2026-11-02, to: Tom Reyse, channel: phone}\n  - {kind: thank-you, on: 2026-11-02, to: ann}\n  - {kind: references, on: 2026-11-02, to: Cleo Park}\npromised:\n  - {item: a sample, to: Zed}\nreplies:\n  - {on: 2026-11-05, from: Ann Lee}";
        let e = run(&[doc], "2026-11-06");
        let found: Vec<_> = problems_of(&e, "unknown-person")
            .into_iter()
            .map(|p| (p.1, p.2))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    Some(6),
                    "the contact `Ann Leee` is no interviewer or reference of this application; did you mean `Ann Lee`?".to_string()
                ),
                (
                    Some(9),
                    "`Tom Reyse` in sent.to is no interviewer, contact or reference of this application; did you mean `Tom Reyes`?".to_string()
                ),
                (
                    Some(13),
                    "`Zed` in promised.to is no interviewer, contact or reference of this application".to_string()
                ),
            ]
        );
        assert!(
            problems_of(&e, "wrong-channel").is_empty(),
            "{:?}",
            e.problems
        );
        // A recruiter you never met may be the contact.
        let recruiter = "company: A\nrole: R\ndate: 2026-11-02\ninterviewers: [Tom Reyes]\ncontact: Priya Shah\nsent:\n  - {kind: check-in, on: 2026-11-10, to: Priya}";
        assert!(problems_of(&run(&[recruiter], "2026-11-06"), "unknown-person").is_empty());
    }
}
