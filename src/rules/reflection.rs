//! `reflection`: write down how it went while it is fresh.

use super::{Action, Check, Ctx, Param, Rule, Unit, hours_after, the_interview};
use crate::diagnostics::Severity;
use crate::journal::Application;

/// The rule.
pub const RULE: Rule = Rule {
    id: "reflection",
    reason: "note what went well, where you struggled and what you would do differently while the interview is fresh",
    severity: Severity::Note,
    draft: false,
    off_weekends: false,
    params: &[Param {
        key: "reflection_hours",
        default: 48,
        unit: Unit::Hours,
        doc: "after the interview, to write a reflection",
    }],
    reads: &[],
    check: Check::Actions(actions),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    for j in app
        .journals
        .iter()
        .filter(|j| j.reflection.sections.is_empty())
    {
        let (due, at) = hours_after(j, ctx.config.rules.reflection_hours, ctx.tz);
        let mut a = Action::new(
            RULE.id,
            app,
            j,
            due,
            format!("Write a reflection on {}", the_interview(j)),
        );
        a.due_at = Some(at);
        out.push(a);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn due_two_days_after_unless_written() {
        let bare = "company: A\nrole: R\ndate: 2026-11-17T09:30\noutcome: withdrawn";
        let e = run(&[bare], "2026-11-18");
        assert_eq!(due_of(&e, "reflection"), vec![("2026-11-19".into(), None)]);
        let done = "company: A\nrole: R\ndate: 2026-11-17\n---\n## What went well\n- calm\n";
        assert!(due_of(&run(&[done], "2026-11-18"), "reflection").is_empty());
    }
}
