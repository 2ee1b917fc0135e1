//! `generic-draft`: a journal with nothing specific for its drafts to mention.

use super::{Check, Ctx, Rule};
use crate::diagnostics::{Problem, Severity};
use crate::journal::Application;

/// The rule.
pub const RULE: Rule = Rule {
    id: "generic-draft",
    reason: "a follow-up that names something you discussed is remembered; add `discussed`, `learned` or `highlights` to make drafts personal",
    severity: Severity::Warning,
    draft: false,
    off_weekends: false,
    params: &[],
    reads: &[],
    check: Check::Problems(problems),
};

fn problems(app: &Application<'_>, _ctx: &Ctx<'_>, out: &mut Vec<Problem>) {
    for j in app.journals.iter().filter(|j| {
        j.learned.is_empty()
            && j.highlights.is_empty()
            && j.discussed.is_empty()
            && j.interviewers.iter().all(|i| i.discussed.is_empty())
    }) {
        let msg = "no `discussed`, `learned` or `highlights`: its drafts will keep a placeholder instead of something you discussed";
        out.push(Problem::at(RULE.id, RULE.severity, &j.path, None, msg));
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testkit::*;

    #[test]
    fn discussed_learned_or_highlights_is_enough() {
        let bare = "company: A\nrole: R\ndate: 2026-11-01";
        assert_eq!(
            problems_of(&run(&[bare], "2026-11-20"), "generic-draft").len(),
            1
        );
        let learned = format!("{bare}\nlearned: their data platform");
        assert!(problems_of(&run(&[&learned], "2026-11-20"), "generic-draft").is_empty());
        let highlights = format!("{bare}\nhighlights: [led a migration]");
        assert!(problems_of(&run(&[&highlights], "2026-11-20"), "generic-draft").is_empty());
        // What drafts mention first counts too, for the journal or one person.
        let discussed = format!("{bare}\ndiscussed: [their data platform]");
        assert!(problems_of(&run(&[&discussed], "2026-11-20"), "generic-draft").is_empty());
        let own = format!("{bare}\ninterviewers:\n  - {{name: Ann, discussed: [the roadmap]}}");
        assert!(problems_of(&run(&[&own], "2026-11-20"), "generic-draft").is_empty());
    }
}
