//! `too-frequent`: check-ins closer together than the configured gap.

use super::{Check, Ctx, Dated, Rule};
use crate::diagnostics::{Problem, Severity, plural};
use crate::journal::Application;
use crate::journal::model::Kind;

/// The rule.
pub const RULE: Rule = Rule {
    id: "too-frequent",
    reason: "leave at least a week between check-ins: follow up without pestering",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[Dated::Sent],
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let mut follow_ups: Vec<_> = app
        .sent()
        .filter(|(_, s)| matches!(s.kind, Kind::CheckIn | Kind::KeepWarm))
        .map(|(j, s)| (s.on.date(ctx.tz), j, s))
        .collect();
    follow_ups.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.path.cmp(&b.1.path)));
    let gap = ctx.config.rules.check_in_every_days;
    for pair in follow_ups.windows(2) {
        let (before, _, _) = pair[0];
        let (on, j, s) = pair[1];
        let days = (on - before).num_days();
        if days < gap {
            let msg = format!(
                "{} sent on {on}, {} after the previous one on {before}; leave at least {gap} days",
                s.kind.as_str(),
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

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn across_the_journals_of_an_application() {
        let a =
            "company: A\nrole: R\ndate: 2026-11-01\nsent:\n  - {kind: check-in, on: 2026-11-09}";
        let b = "company: A\nrole: R\ndate: 2026-11-02\nsent:\n  - {kind: check-in, on: 2026-11-12}\n  - {kind: check-in, on: 2026-11-19}";
        let e = run(&[a, b], "2026-11-20");
        assert_eq!(
            problems_of(&e, "too-frequent"),
            vec![(
                Some("content/1.md".into()),
                Some(6),
                "check-in sent on 2026-11-12, 3 days after the previous one on 2026-11-09; leave at least 7 days".into()
            )]
        );
    }
}
