//! `late-thank-you`: a thank-you sent after the window closed.

use super::{Check, Ctx, Rule};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;
use crate::journal::model::Kind;
use crate::time::add_hours;

/// The rule.
pub const RULE: Rule = Rule {
    id: "late-thank-you",
    reason: "a late thank-you is better than none, but one within a day is the one that stands out",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let hours = ctx.config.rules.thank_you_hours;
    for j in &app.journals {
        let deadline = add_hours(j.date.instant(ctx.tz), hours);
        for s in j.sent.iter().filter(|s| s.kind == Kind::ThankYou) {
            let late = if s.on.has_time() {
                s.on.instant(ctx.tz) > deadline
            } else {
                s.on.date(ctx.tz) > deadline.date_naive()
            };
            if late {
                let msg = format!(
                    "thank-you sent on {}, more than {hours} hours after the interview",
                    s.on.date(ctx.tz)
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
    fn the_next_day_is_fine_the_day_after_is_late() {
        let doc = "company: A\nrole: R\ndate: 2026-11-17T16:00\nsent:\n  - {kind: thank-you, on: 2026-11-18}\n  - {kind: thank-you, on: 2026-11-19}\n  - {kind: thank-you, on: 2026-11-18T17:00}";
        let e = run(&[doc], "2026-11-20");
        let lines: Vec<_> = problems_of(&e, "late-thank-you")
            .into_iter()
            .map(|p| p.1)
            .collect();
        assert_eq!(lines, vec![Some(7), Some(8)]);
    }
}
