//! `references`: tell your references they may be called.

use super::{Action, Check, Ctx, Rule};
use crate::diagnostics::Severity;
use crate::journal::model::{Channel, Outcome, normalise};
use crate::journal::{Application, Journal};
use crate::time::add_days;

/// The rule.
pub const RULE: Rule = Rule {
    id: "references",
    reason: "warn your references that they may be called and tell them what the role needs, so they can speak to it",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    check: Check::Actions(actions),
};

fn actions(app: &Application<'_>, ctx: &Ctx<'_>, out: &mut Vec<Action>) {
    if app.outcome != Outcome::Pending {
        return;
    }
    // Each reference once: the first journal listing it sets the date, a
    // `briefed` anywhere closes it.
    let mut refs: Vec<(String, &str, &Journal, bool)> = Vec::new();
    for j in &app.journals {
        for r in &j.references {
            let key = normalise(&r.name);
            match refs.iter_mut().find(|(k, ..)| *k == key) {
                Some(entry) => entry.3 |= r.briefed.is_some(),
                None => refs.push((key, &r.name, j, r.briefed.is_some())),
            }
        }
    }
    for (_, name, j, briefed) in refs {
        if briefed {
            continue;
        }
        let due = add_days(j.date.date(ctx.tz), ctx.config.rules.references_after_days);
        let title = format!("Let {name} know {} may call", app.company);
        let mut a = Action::new(RULE.id, app, j, due, title);
        a.person = Some(name.to_string());
        a.channel = Some(Channel::Email);
        out.push(a);
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn each_reference_once_until_briefed_anywhere() {
        let first =
            "company: A\nrole: R\ndate: 2026-11-10\nreferences: [Cy, {name: Di, briefed: true}]";
        let second = "company: A\nrole: R\ndate: 2026-11-17\nreferences: [Cy, Di, Ed]";
        let e = run(&[first, second], "2026-11-18");
        assert_eq!(
            due_of(&e, "references"),
            vec![
                ("2026-11-11".into(), Some("Cy".into())),
                ("2026-11-18".into(), Some("Ed".into()))
            ]
        );
        let third =
            "company: A\nrole: R\ndate: 2026-11-18\nreferences: [{name: cy, briefed: 2026-11-18}]";
        let e = run(&[first, second, third], "2026-11-18");
        assert_eq!(
            due_of(&e, "references"),
            vec![("2026-11-18".into(), Some("Ed".into()))]
        );
    }
}
