//! `few-active`: too few applications in play at once.

use super::{Check, Ctx, Dated, Param, Rule, Unit};
use crate::diagnostics::{Problem, Severity, plural};
use crate::journal::model::Outcome;

/// The rule.
pub const RULE: Rule = Rule {
    id: "few-active",
    reason: "keep several applications going in parallel; waiting on a single answer is a slow way to find a job",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    params: &[Param {
        key: "min_active_applications",
        default: 3,
        unit: Unit::Count,
        doc: "pending applications at least, or few-active suggests applying to more",
    }],
    reads: &[Dated::Outcome],
    check: Check::Pipeline(problems),
};

fn problems(outcomes: &[Outcome], ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    let pending = outcomes.iter().filter(|o| **o == Outcome::Pending).count();
    // With an offer accepted and nothing begun since, the search is over.
    if pending == 0 && outcomes.contains(&Outcome::Accepted) {
        return;
    }
    let min = ctx.config.rules.min_active_applications;
    if (pending as i64) < min {
        let msg = format!(
            "{}; keep at least {min} going in parallel",
            plural(pending as i64, "pending application")
        );
        out.push(Problem::global(RULE.id, RULE.severity, msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn counts_pending_applications() {
        let docs = [
            "company: A\nrole: R\ndate: 2026-11-01",
            "company: B\nrole: R\ndate: 2026-11-01",
            "company: C\nrole: R\ndate: 2026-11-01\noutcome: rejected",
        ];
        assert_eq!(
            problems_of(&run(&docs, "2026-11-20"), "few-active"),
            vec![(
                None,
                None,
                "2 pending applications; keep at least 3 going in parallel".into()
            )]
        );
        let more = [
            "company: A\nrole: R\ndate: 2026-11-01",
            "company: B\nrole: R\ndate: 2026-11-01",
            "company: D\nrole: R\ndate: 2026-11-30",
        ];
        assert!(problems_of(&run(&more, "2026-11-20"), "few-active").is_empty());
    }
}
