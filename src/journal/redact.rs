//! Fields `[site] redact` names, taken out of what pages and reports show.
//! The rules read the journals as written; only what is shown is redacted.

use std::borrow::Cow;

use super::Journal;

/// `j` without the fields `[site] redact` names: borrowed as it is when
/// nothing is redacted, so the default build copies no journal.
pub fn redacted<'j>(j: &'j Journal, fields: &[String]) -> Cow<'j, Journal> {
    if fields.is_empty() {
        return Cow::Borrowed(j);
    }
    let mut j = j.clone();
    j.extra.retain(|(k, _)| !fields.contains(k));
    for f in fields {
        match f.as_str() {
            // The names config::REDACTABLE lists; the config refuses the rest.
            "title" => j.title = None,
            "format" => j.format = None,
            "next_steps" => j.next_steps = None,
            "learned" => j.learned.clear(),
            "discussed" => {
                j.discussed.clear();
                j.interviewers.iter_mut().for_each(|i| i.discussed.clear());
            }
            "highlights" => j.highlights.clear(),
            "tags" => j.tags.clear(),
            "note" => {
                j.sent.iter_mut().for_each(|s| s.note = None);
                j.replies.iter_mut().for_each(|r| r.note = None);
            }
            _ => {}
        }
    }
    Cow::Owned(j)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_redactable_field_is_removed() {
        let text = "---\ncompany: A\nrole: R\ndate: 2026-11-20\ntitle: T\nformat: video\nnext_steps: N\nlearned: [L]\nhighlights: [H]\ntags: [G]\nsalary: 9\nsent:\n  - {kind: other, on: 2026-11-20, note: S}\nreplies:\n  - {on: 2026-11-21, note: P}\n---\n";
        let j = crate::journal::parse("content/a.md", text.as_bytes(), &["x"], &[])
            .journal
            .unwrap();
        let mut fields: Vec<String> = crate::config::REDACTABLE
            .iter()
            .map(|f| f.to_string())
            .collect();
        fields.push("salary".into());
        let r = redacted(&j, &fields);
        assert_eq!(
            (
                r.title.as_deref(),
                r.format.as_deref(),
                r.next_steps.as_deref()
            ),
            (None, None, None)
        );
        assert!(
            r.learned.is_empty()
                && r.highlights.is_empty()
                && r.tags.is_empty()
                && r.extra.is_empty()
        );
        assert_eq!(
            (r.sent[0].note.as_deref(), r.replies[0].note.as_deref()),
            (None, None)
        );
        assert!(matches!(redacted(&j, &[]), Cow::Borrowed(_)));
    }
}
