//! `references`: tell your references they may be called.

use super::{Action, Check, Ctx, Dated, Param, Rule, Unit};
use crate::diagnostics::Severity;
use crate::journal::model::{Channel, Kind, Outcome, normalise, same_person};
use crate::journal::{Application, Journal};
use crate::time::add_days;

/// The rule.
pub const RULE: Rule = Rule {
    id: "references",
    reason: "warn your references that they may be called and tell them what the role needs, so they can speak to it",
    severity: Severity::Note,
    draft: true,
    off_weekends: true,
    params: &[Param {
        key: "references_after_days",
        default: 1,
        unit: Unit::Days,
        doc: "after a reference is first listed, to brief them",
    }],
    reads: &[Dated::Briefed, Dated::Sent],
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
    for (key, name, j, briefed) in refs {
        // A `sent` of kind `references` to them closes it too; one without
        // `to` briefs the references its own journal lists.
        let told = app.sent().any(|(sj, s)| {
            s.kind == Kind::References
                && if s.to.is_empty() {
                    sj.references.iter().any(|r| normalise(&r.name) == key)
                } else {
                    s.to.iter()
                        .any(|t| same_person(name, t) || same_person(t, name))
                }
        });
        if briefed || told {
            continue;
        }
        let due = add_days(j.date.date(ctx.tz), ctx.config.rules.references_after_days);
        let title = format!("Let {name} know {} may call", app.company);
        let mut a = Action::new(RULE.id, app, j, due, title);
        a.entry = j.references.iter().position(|r| normalise(&r.name) == key);
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

    #[test]
    fn a_references_note_sent_to_a_reference_briefs_them() {
        let doc = "company: A\nrole: R\ndate: 2026-11-10\nreferences: [Cy Young, Di]\nsent:\n  - {kind: references, to: Cy, on: 2026-11-11}";
        assert_eq!(
            due_of(&run(&[doc], "2026-11-12"), "references"),
            vec![("2026-11-11".into(), Some("Di".into()))]
        );
        let later =
            "company: A\nrole: R\ndate: 2026-11-12\nsent:\n  - {kind: references, on: 2026-11-12}";
        // Without `to`, it briefs the references of its own journal only.
        assert_eq!(
            due_of(&run(&[doc, later], "2026-11-12"), "references").len(),
            1
        );
        let all = doc.replace("to: Cy, ", "");
        assert!(due_of(&run(&[&all], "2026-11-12"), "references").is_empty());
    }
}
