//! The journal schema: which fields exist, what shape each has, and the
//! located problems when a file does not match.
//!
//! Works on the located tree of `node.rs`, so YAML and TOML share one schema
//! and every problem names its line and column. Every problem in a file is
//! collected; nothing stops at the first. Knows nothing of the rules.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::fields::{self, names};
use super::model::*;
use super::node::{Key, Node, Value};
use crate::diagnostics::{Loc, Problem, Severity, did_you_mean};
use crate::time::When;

/// Rule id of problems that make a journal unreadable.
pub const FRONT_MATTER: &str = "front-matter";
/// Rule id of keys the schema does not know.
pub const UNKNOWN_FIELD: &str = "unknown-field";

/// Every top-level field of a journal (from the table in `fields.rs`).
pub static FIELDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| names(fields::JOURNAL));

static INTERVIEWER_FIELDS: LazyLock<Vec<&str>> = LazyLock::new(|| names(fields::INTERVIEWER));
static PROMISED_FIELDS: LazyLock<Vec<&str>> = LazyLock::new(|| names(fields::PROMISED));
static SENT_FIELDS: LazyLock<Vec<&str>> = LazyLock::new(|| names(fields::SENT));
static REPLY_FIELDS: LazyLock<Vec<&str>> = LazyLock::new(|| names(fields::REPLY));
static REFERENCE_FIELDS: LazyLock<Vec<&str>> = LazyLock::new(|| names(fields::REFERENCE));
static SNOOZE_FIELDS: LazyLock<Vec<&str>> = LazyLock::new(|| names(fields::SNOOZE));

/// The front-matter of one file, read into a journal, plus what was wrong.
pub struct Parsed {
    /// The journal, unless a required field was missing or unusable.
    pub journal: Option<Journal>,
    /// Every problem found, in file order.
    pub problems: Vec<Problem>,
}

/// Reads the front-matter tree `root` of `file`. `opening` is the location of
/// the opening delimiter, where "missing field" problems point.
/// `snooze_rules` are the rule ids a snooze may name.
pub fn read(file: &str, root: &Node, opening: Loc, snooze_rules: &[&str]) -> Parsed {
    let mut r = Reader {
        file,
        problems: Vec::new(),
        unknown: 0,
        allows: Vec::new(),
    };
    let empty = Vec::new();
    let entries = match &root.value {
        Value::Map(entries) => entries,
        // `---` straight after `---`: report the missing fields, not a type.
        Value::Null => &empty,
        _ => {
            let found = root.value.kind();
            r.error(
                root.loc,
                format!("the front-matter must be a mapping of fields, found {found}"),
            );
            return Parsed {
                journal: None,
                problems: r.problems,
            };
        }
    };

    let mut company = None;
    let mut role = None;
    let mut date = None;
    let mut j = Journal {
        path: file.to_string(),
        company: String::new(),
        role: String::new(),
        key: String::new(),
        date: When::Date(NaiveDate::MIN),
        date_loc: opening,
        title: None,
        stage: None,
        format: None,
        channel: Channel::Email,
        interviewers: Vec::new(),
        contact: None,
        contact_loc: None,
        next_steps: None,
        decision_by: None,
        no_contact_before: None,
        promised: Vec::new(),
        sent: Vec::new(),
        replies: Vec::new(),
        outcome: None,
        outcome_on: None,
        discussed: Vec::new(),
        learned: Vec::new(),
        highlights: Vec::new(),
        references: Vec::new(),
        tags: Vec::new(),
        snooze: Vec::new(),
        allows: Vec::new(),
        extra: Vec::new(),
        body: String::new(),
        body_line: 0,
        reflection: Reflection::default(),
    };

    for (key, value) in entries {
        match key.name.as_str() {
            "company" => company = r.required_text(key, value),
            "role" => role = r.required_text(key, value),
            "date" => {
                if value.value == Value::Null {
                    r.error(value.loc, "`date` is required and must not be empty".into());
                }
                date = r.when(value);
                j.date_loc = value.loc;
            }
            "title" => j.title = r.text(value),
            "stage" => j.stage = r.text(value),
            "format" => j.format = r.text(value),
            "channel" => {
                if let Some(c) = r.channel(value) {
                    j.channel = c;
                }
            }
            "interviewer" => {
                if let Some(name) = r.text(value) {
                    j.interviewers.insert(0, interviewer_named(name, value.loc));
                }
            }
            "interviewers" => {
                for item in r.list(value) {
                    if let Some(i) = r.interviewer(item) {
                        j.interviewers.push(i);
                    }
                }
            }
            "contact" => {
                j.contact = r.text(value);
                j.contact_loc = Some(value.loc);
            }
            "next_steps" => j.next_steps = r.text(value),
            "decision_by" => j.decision_by = r.date(value),
            "no_contact_before" => j.no_contact_before = r.date(value),
            "promised" => {
                j.promised = r
                    .list(value)
                    .into_iter()
                    .filter_map(|n| r.promise(n))
                    .collect()
            }
            "sent" => {
                j.sent = r
                    .list(value)
                    .into_iter()
                    .filter_map(|n| r.sent(n))
                    .collect()
            }
            "replies" => {
                j.replies = r
                    .list(value)
                    .into_iter()
                    .filter_map(|n| r.reply(n))
                    .collect()
            }
            "outcome" => j.outcome = r.outcome(value),
            "outcome_on" => j.outcome_on = r.date(value),
            "discussed" => j.discussed = r.texts(value),
            "learned" => j.learned = r.texts(value),
            "highlights" => j.highlights = r.texts(value),
            "references" => {
                j.references = r
                    .list(value)
                    .into_iter()
                    .filter_map(|n| r.reference(n))
                    .collect()
            }
            "tags" => j.tags = r.texts(value),
            "snooze" => {
                j.snooze = r
                    .list(value)
                    .into_iter()
                    .filter_map(|n| r.snooze(n, snooze_rules))
                    .collect()
            }
            "allow" => r.allow(value, 0, u32::MAX),
            other => {
                r.unknown(key, &FIELDS, "");
                j.extra.push((other.to_string(), to_json(value)));
            }
        }
    }

    for (name, present) in [
        ("company", company.is_some()),
        ("role", role.is_some()),
        ("date", date.is_some()),
    ] {
        let written = entries.iter().any(|(k, _)| k.name == name);
        if !present && !written {
            r.error(opening, format!("missing required field `{name}`"));
        }
    }
    j.allows = std::mem::take(&mut r.allows);
    let journal = match (company, role, date) {
        (Some(c), Some(ro), Some(d)) => {
            j.key = super::application::key(&c, &ro);
            j.company = c;
            j.role = ro;
            j.date = d;
            Some(j)
        }
        _ => None,
    };
    Parsed {
        journal,
        problems: r.problems,
    }
}

/// The last line any part of `node` starts on: where an entry ends, near
/// enough for the problems located inside it.
fn last_line(node: &Node) -> u32 {
    let mut last = node.loc.line;
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        last = last.max(n.loc.line);
        match &n.value {
            Value::Seq(items) => stack.extend(items),
            Value::Map(entries) => {
                for (k, v) in entries {
                    last = last.max(k.loc.line);
                    stack.push(v);
                }
            }
            _ => {}
        }
    }
    last
}

fn interviewer_named(name: String, loc: Loc) -> Interviewer {
    Interviewer {
        name,
        title: None,
        email: None,
        phone: None,
        prefers: None,
        linkedin: false,
        discussed: Vec::new(),
        loc,
    }
}

struct Reader<'a> {
    file: &'a str,
    problems: Vec<Problem>,
    /// Unknown fields seen; past [`MAX_UNKNOWN_SHOWN`] they are counted,
    /// not each reported.
    unknown: usize,
    /// The `allow` lists seen so far.
    allows: Vec<Allow>,
}

/// How many unknown fields one journal reports one by one: a file of
/// 100,000 stray keys needs one warning about the rest, not 100,000.
const MAX_UNKNOWN_SHOWN: usize = 20;

impl Reader<'_> {
    fn error(&mut self, loc: Loc, message: String) {
        self.problems.push(Problem::at(
            FRONT_MATTER,
            Severity::Error,
            self.file,
            Some(loc),
            message,
        ));
    }

    fn wrong_type(&mut self, node: &Node, expected: &str) {
        let found = node.value.kind();
        self.error(node.loc, format!("expected {expected}, found {found}"));
    }

    fn unknown(&mut self, key: &Key, known: &[&str], within: &str) {
        self.unknown += 1;
        if self.unknown > MAX_UNKNOWN_SHOWN {
            if self.unknown == MAX_UNKNOWN_SHOWN + 1 {
                self.problems.push(Problem::at(
                    UNKNOWN_FIELD,
                    Severity::Warning,
                    self.file,
                    Some(key.loc),
                    format!(
                        "more unknown fields from here on; only the first {MAX_UNKNOWN_SHOWN} \
                         are reported one by one"
                    ),
                ));
            }
            return;
        }
        let hint = match did_you_mean(&key.name, known) {
            Some(k) => format!(" (did you mean `{k}`?)"),
            None => String::new(),
        };
        self.problems.push(Problem::at(
            UNKNOWN_FIELD,
            Severity::Warning,
            self.file,
            Some(key.loc),
            format!(
                "unknown field `{}`{within}{hint}; it is kept and shown but not checked",
                key.name
            ),
        ));
    }

    /// Text, accepting numbers as written; `None` for null.
    fn text(&mut self, node: &Node) -> Option<String> {
        match &node.value {
            Value::Str(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Datetime(d) => Some(d.clone()),
            Value::Null => None,
            _ => {
                self.wrong_type(node, "text");
                None
            }
        }
    }

    fn required_text(&mut self, key: &Key, node: &Node) -> Option<String> {
        let t = self.text(node);
        if t.is_none() && matches!(node.value, Value::Null | Value::Str(_)) {
            self.error(
                node.loc,
                format!("`{}` is required and must not be empty", key.name),
            );
        }
        t
    }

    /// One string or a list of strings.
    fn texts(&mut self, node: &Node) -> Vec<String> {
        self.list(node)
            .into_iter()
            .filter_map(|n| self.text(n))
            .collect()
    }

    /// A list, or a single value taken as a list of one; null is empty.
    fn list<'n>(&mut self, node: &'n Node) -> Vec<&'n Node> {
        match &node.value {
            Value::Seq(items) => items.iter().collect(),
            Value::Null => Vec::new(),
            _ => vec![node],
        }
    }

    fn when(&mut self, node: &Node) -> Option<When> {
        match &node.value {
            Value::Str(s) | Value::Datetime(s) => {
                let w = When::parse(s);
                match w {
                    None => self.error(
                        node.loc,
                        format!(
                            "invalid date \"{s}\": write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339"
                        ),
                    ),
                    Some(w) if !crate::time::YEARS.contains(&w.year()) => {
                        self.error(
                            node.loc,
                            format!(
                                "the date \"{s}\" is in the year {}, outside {}–{}: is the year mistyped?",
                                w.year(),
                                crate::time::YEARS.start(),
                                crate::time::YEARS.end()
                            ),
                        );
                        return None;
                    }
                    Some(_) => {}
                }
                w
            }
            Value::Null => None,
            _ => {
                self.wrong_type(node, "a date (YYYY-MM-DD)");
                None
            }
        }
    }

    fn date(&mut self, node: &Node) -> Option<NaiveDate> {
        self.when(node).map(|w| match w {
            When::Date(d) => d,
            When::Local(dt) => dt.date(),
            When::Offset(dt) => dt.date_naive(),
        })
    }

    /// `true`, `false` or a date.
    fn done(&mut self, node: &Node) -> Option<Done> {
        match &node.value {
            Value::Bool(true) => Some(Done::Yes),
            Value::Bool(false) | Value::Null => None,
            Value::Str(_) | Value::Datetime(_) => self.date(node).map(Done::On),
            _ => {
                self.wrong_type(node, "`true` or a date");
                None
            }
        }
    }

    fn bool(&mut self, node: &Node) -> bool {
        match &node.value {
            Value::Bool(b) => *b,
            Value::Null => false,
            _ => {
                self.wrong_type(node, "`true` or `false`");
                false
            }
        }
    }

    fn choice<T: Copy>(
        &mut self,
        node: &Node,
        all: &[T],
        name: fn(T) -> &'static str,
        what: &str,
    ) -> Option<T> {
        let text = self.text(node)?;
        let wanted = text.to_lowercase();
        if let Some(found) = all.iter().copied().find(|v| name(*v) == wanted) {
            return Some(found);
        }
        let names: Vec<&str> = all.iter().map(|v| name(*v)).collect();
        let hint = match did_you_mean(&text, &names) {
            Some(n) => format!("did you mean `{n}`?"),
            None => format!("expected one of {}", names.join(", ")),
        };
        self.error(node.loc, format!("unknown {what} \"{text}\": {hint}"));
        None
    }

    fn channel(&mut self, node: &Node) -> Option<Channel> {
        self.choice(node, &Channel::ALL, Channel::as_str, "channel")
    }

    fn outcome(&mut self, node: &Node) -> Option<Outcome> {
        self.choice(node, &Outcome::ALL, Outcome::as_str, "outcome")
    }

    /// The entries of a mapping, warning about keys not in `known`.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        known: &[&str],
        what: &str,
    ) -> Option<&'n [(Key, Node)]> {
        match &node.value {
            Value::Map(entries) => {
                for (key, value) in entries {
                    if key.name == "allow" && known.contains(&"allow") {
                        self.allow(value, node.loc.line, last_line(node));
                    } else if !known.contains(&key.name.as_str()) {
                        self.unknown(key, known, &format!(" in {what}"));
                    }
                }
                Some(entries)
            }
            _ => {
                self.wrong_type(
                    node,
                    &format!("{what} (a mapping with {})", known.join(", ")),
                );
                None
            }
        }
    }

    /// An `allow` list (a rule id or a list of them) covering lines
    /// `from` to `to`. Whether each id names a rule is the rules' to say.
    fn allow(&mut self, node: &Node, from: u32, to: u32) {
        let rules: Vec<(String, Loc)> = match &node.value {
            Value::Seq(items) => items
                .iter()
                .filter_map(|n| self.text(n).map(|t| (t, n.loc)))
                .collect(),
            _ => self.text(node).map(|t| (t, node.loc)).into_iter().collect(),
        };
        self.allows.push(Allow { rules, from, to });
    }

    fn required<'n>(
        &mut self,
        node: &Node,
        entries: &'n [(Key, Node)],
        name: &str,
        what: &str,
    ) -> Option<&'n Node> {
        let blank = |n: &Node| match &n.value {
            Value::Null => true,
            Value::Str(s) => s.trim().is_empty(),
            _ => false,
        };
        match field(entries, name) {
            Some(n) if !blank(n) => Some(n),
            _ => {
                self.error(node.loc, format!("{what} needs `{name}`"));
                None
            }
        }
    }

    fn interviewer(&mut self, node: &Node) -> Option<Interviewer> {
        if let Value::Str(_) = node.value {
            return self
                .text(node)
                .map(|name| interviewer_named(name, node.loc));
        }
        let e = self.entries(node, &INTERVIEWER_FIELDS, "an interviewer")?;
        let name = self
            .required(node, e, "name", "an interviewer")
            .and_then(|n| self.text(n));
        let title = field(e, "title").and_then(|n| self.text(n));
        let email = field(e, "email").and_then(|n| self.text(n));
        let phone = field(e, "phone").and_then(|n| self.text(n));
        let prefers = field(e, "prefers").and_then(|n| self.channel(n));
        let linkedin = field(e, "linkedin").is_some_and(|n| self.bool(n));
        let discussed = field(e, "discussed").map_or_else(Vec::new, |n| self.texts(n));
        Some(Interviewer {
            name: name?,
            title,
            email,
            phone,
            prefers,
            linkedin,
            discussed,
            loc: node.loc,
        })
    }

    fn promise(&mut self, node: &Node) -> Option<Promise> {
        if let Value::Str(_) = node.value {
            return self.text(node).map(|item| Promise {
                item,
                to: None,
                due: None,
                done: None,
                loc: node.loc,
            });
        }
        let e = self.entries(node, &PROMISED_FIELDS, "a promised item")?;
        let item = self
            .required(node, e, "item", "a promised item")
            .and_then(|n| self.text(n));
        let to = field(e, "to").and_then(|n| self.text(n));
        let due = field(e, "due").and_then(|n| self.date(n));
        let done = field(e, "done").and_then(|n| self.done(n));
        Some(Promise {
            item: item?,
            to,
            due,
            done,
            loc: node.loc,
        })
    }

    fn sent(&mut self, node: &Node) -> Option<Sent> {
        let e = self.entries(node, &SENT_FIELDS, "a sent entry")?;
        let kind = self
            .required(node, e, "kind", "a sent entry")
            .and_then(|n| self.choice(n, &Kind::ALL, Kind::as_str, "kind"));
        let on = self
            .required(node, e, "on", "a sent entry")
            .and_then(|n| self.when(n));
        let to = field(e, "to").map(|n| self.texts(n)).unwrap_or_default();
        let channel_node = field(e, "channel");
        let channel = channel_node.and_then(|n| self.channel(n));
        let note = field(e, "note").and_then(|n| self.text(n));
        let decide_by = field(e, "decide_by").and_then(|n| self.date(n));
        Some(Sent {
            kind: kind?,
            to,
            on: on?,
            channel,
            note,
            loc: node.loc,
            channel_loc: channel_node.map(|n| n.loc),
            decide_by,
        })
    }

    fn reply(&mut self, node: &Node) -> Option<Reply> {
        let e = self.entries(node, &REPLY_FIELDS, "a reply")?;
        let on = self
            .required(node, e, "on", "a reply")
            .and_then(|n| self.date(n));
        let from = field(e, "from").and_then(|n| self.text(n));
        let note = field(e, "note").and_then(|n| self.text(n));
        Some(Reply {
            on: on?,
            from,
            note,
            loc: node.loc,
        })
    }

    fn reference(&mut self, node: &Node) -> Option<Reference> {
        if let Value::Str(_) = node.value {
            return self.text(node).map(|name| Reference {
                name,
                briefed: None,
                loc: node.loc,
            });
        }
        let e = self.entries(node, &REFERENCE_FIELDS, "a reference")?;
        let name = self
            .required(node, e, "name", "a reference")
            .and_then(|n| self.text(n));
        let briefed = field(e, "briefed").and_then(|n| self.done(n));
        Some(Reference {
            name: name?,
            briefed,
            loc: node.loc,
        })
    }

    fn snooze(&mut self, node: &Node, rules: &[&str]) -> Option<Snooze> {
        let e = self.entries(node, &SNOOZE_FIELDS, "a snooze")?;
        let rule_node = self.required(node, e, "rule", "a snooze");
        let rule = rule_node.and_then(|n| self.text(n));
        if let (Some(rule), Some(n)) = (&rule, rule_node)
            && !rules.contains(&rule.as_str())
        {
            let hint = match did_you_mean(rule, rules) {
                Some(k) => format!("did you mean `{k}`?"),
                None => format!("expected one of {}", rules.join(", ")),
            };
            self.error(
                n.loc,
                format!("a snooze names unknown rule \"{rule}\": {hint}"),
            );
            return None;
        }
        let until = self
            .required(node, e, "until", "a snooze")
            .and_then(|n| self.date(n));
        let to = field(e, "to").and_then(|n| self.text(n));
        Some(Snooze {
            rule: rule?,
            until: until?,
            to,
            loc: node.loc,
        })
    }
}

fn field<'n>(entries: &'n [(Key, Node)], name: &str) -> Option<&'n Node> {
    entries.iter().find(|(k, _)| k.name == name).map(|(_, v)| v)
}

/// A located value as plain JSON (unknown fields are kept this way, for
/// display).
pub fn to_json(node: &Node) -> serde_json::Value {
    use serde_json::Value as J;
    match &node.value {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Int(i) => J::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        Value::Str(s) | Value::Datetime(s) => J::String(s.clone()),
        Value::Seq(items) => J::Array(items.iter().map(to_json).collect()),
        Value::Map(entries) => J::Object(
            entries
                .iter()
                .map(|(k, v)| (k.name.clone(), to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::journal::node::from_yaml;

    fn parse(yaml: &str) -> Parsed {
        let root = from_yaml(yaml, 2).unwrap();
        read(
            "content/x.md",
            &root,
            Loc::new(1, 1),
            &["thank-you", "check-in"],
        )
    }

    fn summary(p: &Parsed) -> Vec<(String, u32, u32, String)> {
        p.problems
            .iter()
            .map(|p| {
                (
                    p.rule.to_string(),
                    p.line.unwrap(),
                    p.column.unwrap(),
                    p.message.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn reads_a_full_journal() {
        let p = parse(
            "company: Stark\nrole: ML\ndate: 2026-11-17T14:00\ninterviewers:\n  - name: Tony Stark\n    prefers: phone\n    linkedin: true\n  - Pepper\nsent:\n  - kind: thank-you\n    on: 2026-11-18\n    to: [Tony]\npromised:\n  - item: portfolio\n    done: true\nlearned: one thing\n",
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        let j = p.journal.unwrap();
        assert_eq!(j.interviewers.len(), 2);
        assert_eq!(j.interviewers[0].prefers, Some(Channel::Phone));
        assert!(j.interviewers[0].linkedin);
        assert_eq!(j.sent[0].kind, Kind::ThankYou);
        assert_eq!(j.sent[0].to, vec!["Tony".to_string()]);
        assert_eq!(j.promised[0].done, Some(Done::Yes));
        assert_eq!(j.learned, vec!["one thing".to_string()]);
    }

    #[test]
    fn every_problem_is_located() {
        let p = parse(
            "company: Stark\ndate: 2026-13-45\noutcome: hired\nchannel: fax\ninterveiwers: []\nsent:\n  - kind: thanks\n    on: 2026-11-18\n",
        );
        assert!(p.journal.is_none());
        assert_eq!(
            summary(&p),
            vec![
                ("front-matter".into(), 3, 7, "invalid date \"2026-13-45\": write YYYY-MM-DD, YYYY-MM-DDTHH:MM or RFC 3339".into()),
                ("front-matter".into(), 4, 10, "unknown outcome \"hired\": expected one of pending, offer, rejected, withdrawn, accepted, declined".into()),
                ("front-matter".into(), 5, 10, "unknown channel \"fax\": expected one of email, phone, mail, linkedin".into()),
                ("unknown-field".into(), 6, 1, "unknown field `interveiwers` (did you mean `interviewers`?); it is kept and shown but not checked".into()),
                ("front-matter".into(), 8, 11, "unknown kind \"thanks\": did you mean `thank-you`?".into()),
                ("front-matter".into(), 1, 1, "missing required field `role`".into()),
            ]
        );
    }

    #[test]
    fn wrong_types_are_named() {
        let p =
            parse("company: [A, B]\nrole: R\ndate: 2026-11-17\ninterviewers:\n  - title: CTO\n");
        let s = summary(&p);
        assert_eq!(
            s[0],
            (
                "front-matter".into(),
                2,
                10,
                "expected text, found a list".into()
            )
        );
        assert_eq!(
            s[1],
            (
                "front-matter".into(),
                6,
                5,
                "an interviewer needs `name`".into()
            )
        );
    }

    #[test]
    fn empty_front_matter_names_the_missing_fields() {
        let root = from_yaml("", 2).unwrap();
        let p = read("content/x.md", &root, Loc::new(1, 1), &[]);
        let messages: Vec<_> = p.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "missing required field `company`",
                "missing required field `role`",
                "missing required field `date`"
            ]
        );
        let root = from_yaml(
            "- a list
",
            2,
        )
        .unwrap();
        let p = read("content/x.md", &root, Loc::new(1, 1), &[]);
        assert_eq!(
            p.problems[0].message,
            "the front-matter must be a mapping of fields, found a list"
        );
    }

    #[test]
    fn unknown_fields_are_kept() {
        let p = parse("company: A\nrole: R\ndate: 2026-11-17\nsalary: 100\n");
        let j = p.journal.unwrap();
        assert_eq!(
            j.extra,
            vec![("salary".to_string(), serde_json::json!(100))]
        );
        assert_eq!(p.problems[0].rule, UNKNOWN_FIELD);
    }

    #[test]
    fn snooze_must_name_a_rule() {
        let p = parse(
            "company: A\nrole: R\ndate: 2026-11-17\nsnooze:\n  - rule: thank-yuo\n    until: 2026-12-01\n",
        );
        assert_eq!(
            p.problems[0].message,
            "a snooze names unknown rule \"thank-yuo\": did you mean `thank-you`?"
        );
    }
}
