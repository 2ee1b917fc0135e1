//! `too-soon`: a follow-up sent before the timeline they gave, or a check-in
//! sent before a week had passed.

use chrono::NaiveDate;

use super::{Check, Ctx, Dated, Rule};
use crate::diagnostics::{Problem, Severity, plural};
use crate::journal::Application;
use crate::journal::model::Kind;

/// The rule.
pub const RULE: Rule = Rule {
    id: "too-soon",
    reason: "respect the timeline they gave you; writing earlier reads as impatience",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Sent],
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let tz = ctx.tz;
    for (j, s) in app.sent() {
        if !matches!(s.kind, Kind::CheckIn | Kind::KeepWarm | Kind::Feedback) {
            continue;
        }
        let on = s.on.date(tz);
        // Only a wait they had already asked for when it was sent counts.
        let wait = app
            .journals
            .iter()
            .filter(|k| k.date.date(tz) <= on)
            .filter_map(|k| k.no_contact_before)
            .max();
        if let Some(wait) = wait.filter(|w| on < *w) {
            let msg = format!(
                "{} sent on {on}, before {wait}, the date they asked you to wait for",
                s.kind.as_str()
            );
            out.push(Problem::at(
                RULE.id,
                RULE.severity,
                &j.path,
                Some(s.loc),
                msg,
            ));
            continue;
        }
        if s.kind != Kind::CheckIn {
            continue;
        }
        let follows: Option<NaiveDate> = app
            .journals
            .iter()
            .map(|k| k.date.date(tz))
            .filter(|d| *d <= on)
            .max();
        let min = ctx.config.rules.first_check_in_days;
        if let Some(interview) = follows {
            let days = (on - interview).num_days();
            if days < min {
                let msg = format!(
                    "check-in sent {} after the interview of {interview}; wait at least {min} days",
                    plural(days, "day")
                );
                out.push(Problem::at(
                    RULE.id,
                    RULE.severity,
                    &j.path,
                    Some(s.loc),
                    msg,
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn before_no_contact_before_or_within_a_week() {
        let doc = "company: A\nrole: R\ndate: 2026-11-02\nno_contact_before: 2026-11-12\nsent:\n  - {kind: check-in, on: 2026-11-10}\n  - {kind: keep-warm, on: 2026-11-13}";
        let e = run(&[doc], "2026-11-20");
        assert_eq!(
            problems_of(&e, "too-soon"),
            vec![(
                Some("content/0.md".into()),
                Some(7),
                "check-in sent on 2026-11-10, before 2026-11-12, the date they asked you to wait for".into()
            )]
        );
        let early =
            "company: A\nrole: R\ndate: 2026-11-02\nsent:\n  - {kind: check-in, on: 2026-11-05}";
        let e = run(&[early], "2026-11-20");
        assert_eq!(
            problems_of(&e, "too-soon")[0].2,
            "check-in sent 3 days after the interview of 2026-11-02; wait at least 7 days"
        );
    }
}
