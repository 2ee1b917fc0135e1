//! Recording what you did (`done`, `snooze`, `sent`, `reply`, `outcome`)
//! in a journal's front-matter, losslessly.
//!
//! Pure: a journal's bytes and what to record come in; the new bytes, or
//! why not, go out. An edit touches only the front-matter, only by what is
//! recorded ([`yaml`] patches the text, [`toml`] goes through
//! `toml_edit`), keeps the byte-order mark, line ends and the body byte for
//! byte, and is checked by reading the result again: the journal must be
//! the old one plus exactly the recorded entry, or nothing is written.

pub mod toml;
pub mod yaml;

use chrono::NaiveDate;

use crate::diagnostics::Loc;
use crate::journal::frontmatter::{self, Format};
use crate::journal::model::{Done, Journal, Reply, Sent, Snooze};

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Text.
    Text(String),
    /// A date.
    Date(NaiveDate),
    /// A list of names.
    List(Vec<String>),
}

impl Value {
    /// As YAML: plain where that reads back as the same text, else quoted.
    pub fn yaml(&self) -> String {
        match self {
            Value::Date(d) => d.to_string(),
            Value::Text(t) => yaml_text(t),
            Value::List(items) => {
                let items: Vec<String> = items.iter().map(|t| yaml_text(t)).collect();
                format!("[{}]", items.join(", "))
            }
        }
    }
}

/// `t` as a YAML scalar: plain when it cannot be read as anything else
/// (a number, a date, `true`, `null`, a key, a comment), else double-quoted.
fn yaml_text(t: &str) -> String {
    const WORDS: &[&str] = &[
        "true", "false", "yes", "no", "on", "off", "null", "y", "n", "~",
    ];
    let plain = t.chars().next().is_some_and(char::is_alphabetic)
        && t.chars()
            .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '.' | '-' | '_' | '\''))
        && !t.ends_with(' ')
        && !t.contains("  ")
        && !WORDS.contains(&t.to_ascii_lowercase().as_str());
    if plain {
        return t.to_string();
    }
    // Double-quoted, with every character a YAML reader might refuse
    // (controls, DEL, C1, line separators, noncharacters) escaped.
    let mut out = String::with_capacity(t.len() + 2);
    out.push('"');
    for c in t.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control()
                || matches!(
                    c,
                    '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
                ) =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A change to a journal's front-matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// A new item at the end of the list `field`.
    Append {
        /// The list (`sent`, `replies`, `snooze`).
        field: String,
        /// The item's keys and values, in the order written.
        entry: Vec<(String, Value)>,
    },
    /// `key: value` in item `index` of the list `field`.
    SetInItem {
        /// The list (`promised`, `references`).
        field: String,
        /// Which item, from 0.
        index: usize,
        /// The key to set (`done`, `briefed`).
        key: String,
        /// Its value.
        value: Value,
        /// The key an item written as a plain value goes under (`item`, `name`).
        scalar_key: String,
    },
    /// A top-level `key: value`.
    SetTop {
        /// The key.
        key: String,
        /// Its value.
        value: Value,
    },
}

/// What to record in one journal: the edit of its text, and the change the
/// journal read back must show.
pub struct Record {
    /// The edit.
    pub edit: Edit,
    /// The same change, made to the journal as read.
    pub expect: Box<dyn Fn(&mut Journal)>,
    /// What was recorded, in a few words, for the message.
    pub summary: String,
}

impl Record {
    /// A `sent` entry.
    pub fn sent(s: Sent) -> Record {
        let mut entry = vec![("kind".to_string(), Value::Text(s.kind.as_str().into()))];
        match s.to.as_slice() {
            [] => {}
            [one] => entry.push(("to".into(), Value::Text(one.clone()))),
            many => entry.push(("to".into(), Value::List(many.to_vec()))),
        }
        entry.push(("on".into(), Value::Date(s.on.date(chrono_tz::UTC))));
        if let Some(c) = s.channel {
            entry.push(("channel".into(), Value::Text(c.as_str().into())));
        }
        if let Some(n) = &s.note {
            entry.push(("note".into(), Value::Text(n.clone())));
        }
        if let Some(d) = s.decide_by {
            entry.push(("decide_by".into(), Value::Date(d)));
        }
        let summary = format!(
            "sent: {}{} on {}",
            s.kind.as_str(),
            if s.to.is_empty() {
                String::new()
            } else {
                format!(" to {}", s.to.join(", "))
            },
            s.on.date(chrono_tz::UTC)
        );
        Record {
            edit: Edit::Append {
                field: "sent".into(),
                entry,
            },
            expect: Box::new(move |j| j.sent.push(s.clone())),
            summary,
        }
    }

    /// A reply.
    pub fn reply(r: Reply) -> Record {
        let mut entry = vec![("on".to_string(), Value::Date(r.on))];
        if let Some(f) = &r.from {
            entry.push(("from".into(), Value::Text(f.clone())));
        }
        if let Some(n) = &r.note {
            entry.push(("note".into(), Value::Text(n.clone())));
        }
        let summary = format!(
            "a reply on {}{}",
            r.on,
            r.from
                .as_deref()
                .map(|f| format!(" from {f}"))
                .unwrap_or_default()
        );
        Record {
            edit: Edit::Append {
                field: "replies".into(),
                entry,
            },
            expect: Box::new(move |j| j.replies.push(r.clone())),
            summary,
        }
    }

    /// A snooze.
    pub fn snooze(s: Snooze) -> Record {
        let mut entry = vec![
            ("rule".to_string(), Value::Text(s.rule.clone())),
            ("until".into(), Value::Date(s.until)),
        ];
        if let Some(t) = &s.to {
            entry.push(("to".into(), Value::Text(t.clone())));
        }
        let summary = format!("snooze: {} until {}", s.rule, s.until);
        Record {
            edit: Edit::Append {
                field: "snooze".into(),
                entry,
            },
            expect: Box::new(move |j| j.snooze.push(s.clone())),
            summary,
        }
    }

    /// `done: on` on promised item `index`.
    pub fn done(index: usize, on: NaiveDate) -> Record {
        Record {
            edit: Edit::SetInItem {
                field: "promised".into(),
                index,
                key: "done".into(),
                value: Value::Date(on),
                scalar_key: "item".into(),
            },
            expect: Box::new(move |j| {
                if let Some(p) = j.promised.get_mut(index) {
                    p.done = Some(Done::On(on));
                }
            }),
            summary: format!("done: {on}"),
        }
    }

    /// `briefed: on` on reference `index`.
    pub fn briefed(index: usize, on: NaiveDate) -> Record {
        Record {
            edit: Edit::SetInItem {
                field: "references".into(),
                index,
                key: "briefed".into(),
                value: Value::Date(on),
                scalar_key: "name".into(),
            },
            expect: Box::new(move |j| {
                if let Some(r) = j.references.get_mut(index) {
                    r.briefed = Some(Done::On(on));
                }
            }),
            summary: format!("briefed: {on}"),
        }
    }

    /// `outcome` and `outcome_on`, as two records.
    pub fn outcome(outcome: crate::journal::model::Outcome, on: NaiveDate) -> [Record; 2] {
        [
            Record {
                edit: Edit::SetTop {
                    key: "outcome".into(),
                    value: Value::Text(outcome.as_str().into()),
                },
                expect: Box::new(move |j| j.outcome = Some(outcome)),
                summary: format!("outcome: {}", outcome.as_str()),
            },
            Record {
                edit: Edit::SetTop {
                    key: "outcome_on".into(),
                    value: Value::Date(on),
                },
                expect: Box::new(move |j| j.outcome_on = Some(on)),
                summary: format!("outcome_on: {on}"),
            },
        ]
    }
}

/// Applies `edit` to a journal file's text: only its front-matter changes;
/// the byte-order mark, the delimiters and the body stay byte for byte.
pub fn apply(file: &str, edit: &Edit) -> Result<String, String> {
    let (bom, text) = match file.strip_prefix('\u{feff}') {
        Some(rest) => ("\u{feff}", rest),
        None => ("", file),
    };
    let split = frontmatter::split(text).map_err(|e| e.to_string())?;
    let start = split.matter.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + split.matter.len();
    let matter = match split.format {
        Format::Yaml => yaml::apply(split.matter, edit)?,
        Format::Toml => toml::apply(split.matter, edit)?,
    };
    Ok(format!("{bom}{}{matter}{}", &text[..start], &text[end..]))
}

/// Whether `new` reads as `old` changed by exactly `expect`: the same
/// journal but for that change (positions aside), with no new problem.
pub fn verify(
    old: &Journal,
    new_read: &crate::journal::Read,
    expect: &dyn Fn(&mut Journal),
) -> Result<(), String> {
    let Some(new) = new_read.journal.as_ref().filter(|_| new_read.is_good()) else {
        let why = new_read
            .problems
            .first()
            .map(|p| p.message.clone())
            .unwrap_or_else(|| "it no longer reads".into());
        return Err(format!("the edited journal would not read: {why}"));
    };
    let mut want = old.clone();
    expect(&mut want);
    let (mut want, mut got) = (want, new.clone());
    without_positions(&mut want);
    without_positions(&mut got);
    if want != got {
        return Err("the edited journal would read differently from what was recorded".into());
    }
    Ok(())
}

/// Whether the front-matter of `new` says exactly what `old`'s said, but
/// for `edits`: every value, including fields the journal model does not
/// keep (an unknown key's block text, say), read as plain data from both
/// and compared once the edits are taken back out of the new one.
pub fn unchanged_elsewhere(old: &str, new: &str, edits: &[Edit]) -> Result<(), String> {
    use serde_json::Value as J;
    let data = |file: &str| -> Option<J> {
        let text = frontmatter::strip_bom(file);
        let split = frontmatter::split(text).ok()?;
        let node = match split.format {
            Format::Yaml => crate::journal::node::from_yaml(split.matter, 1).ok()?,
            Format::Toml => crate::journal::node::from_toml(split.matter, 1).ok()?,
        };
        Some(crate::journal::schema::to_json(&node))
    };
    let (Some(before), Some(mut after)) = (data(old), data(new)) else {
        return Err("the edited front-matter would not read".into());
    };
    let differs = || Err("the edit would change something besides what was recorded".to_string());
    for edit in edits.iter().rev() {
        let Some(map) = after.as_object_mut() else {
            return differs();
        };
        match edit {
            Edit::Append { field, .. } => {
                let Some(J::Array(items)) = map.get_mut(field) else {
                    return differs();
                };
                items.pop();
                let emptied = items.is_empty();
                match before.get(field) {
                    None if emptied => {
                        map.remove(field);
                    }
                    Some(J::Null) if emptied => {
                        map.insert(field.clone(), J::Null);
                    }
                    _ => {}
                }
            }
            Edit::SetInItem {
                field,
                index,
                key,
                scalar_key,
                ..
            } => {
                let was = before.get(field).and_then(|l| l.get(*index)).cloned();
                let Some(item) = map.get_mut(field).and_then(|l| l.get_mut(*index)) else {
                    return differs();
                };
                match (was, item.as_object_mut()) {
                    (Some(J::Object(old_item)), Some(obj)) => match old_item.get(key) {
                        Some(v) => {
                            obj.insert(key.clone(), v.clone());
                        }
                        None => {
                            obj.remove(key);
                        }
                    },
                    (Some(scalar), Some(obj)) => {
                        obj.remove(key);
                        if obj.len() == 1 && obj.get(scalar_key) == Some(&scalar) {
                            *item = scalar;
                        }
                    }
                    _ => return differs(),
                }
            }
            Edit::SetTop { key, .. } => match before.get(key) {
                Some(v) => {
                    map.insert(key.clone(), v.clone());
                }
                None => {
                    map.remove(key);
                }
            },
        }
    }
    if after == before { Ok(()) } else { differs() }
}

/// `j` with every position cleared, to compare what two texts say.
fn without_positions(j: &mut Journal) {
    let zero = Loc::default();
    j.date_loc = zero;
    j.contact_loc = j.contact_loc.map(|_| zero);
    j.body_line = 0;
    j.interviewers.iter_mut().for_each(|i| i.loc = zero);
    j.promised.iter_mut().for_each(|p| p.loc = zero);
    j.sent.iter_mut().for_each(|s| {
        s.loc = zero;
        s.channel_loc = None;
    });
    j.replies.iter_mut().for_each(|r| r.loc = zero);
    j.references.iter_mut().for_each(|r| r.loc = zero);
    j.snooze.iter_mut().for_each(|s| s.loc = zero);
    j.allows.iter_mut().for_each(|a| {
        a.from = 0;
        a.to = 0;
        a.rules.iter_mut().for_each(|r| r.1 = zero);
    });
}

/// A unified diff of `old` and `new`, labelled with `path`.
pub fn diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}
