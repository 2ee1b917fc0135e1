//! The fields of a journal's front-matter, in one table: the reader
//! (`schema.rs`) takes from it which fields exist, and [`json_schema`] makes
//! the JSON Schema editors use from it, so the two cannot drift apart.
//!
//! The table says what a field holds; how a value is read (and what each
//! wrong one is told) stays in the reader.

use serde_json::{Value, json};

use super::model::{Channel, Kind, Outcome};

/// What a field holds.
#[derive(Debug, Clone, Copy)]
pub enum Type {
    /// Text; a number is taken as written.
    Text,
    /// Text that may not be empty.
    RequiredText,
    /// A date, `YYYY-MM-DD` (a time after it is allowed and ignored).
    Date,
    /// A date, or a date and time (`YYYY-MM-DDTHH:MM`, RFC 3339).
    When,
    /// `true` or `false`.
    Bool,
    /// `true`, or the date it was done.
    Done,
    /// One text or a list of them.
    Texts,
    /// One of these names (any case).
    Choice(fn() -> Vec<&'static str>),
    /// The id of an action rule (what a snooze puts off).
    ActionRule,
    /// A problem rule's id or a list of them (what an `allow` acknowledges).
    ProblemRules,
    /// A list of entries, or one: each a mapping of these fields, or, when
    /// `shorthand`, a text standing for the first of them.
    Entries {
        /// The fields of an entry.
        fields: &'static [Field],
        /// Whether a text alone may stand for an entry.
        shorthand: bool,
    },
}

/// One field.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name, as written.
    pub name: &'static str,
    /// What it holds.
    pub ty: Type,
    /// Whether a journal (or an entry) must have it.
    pub required: bool,
    /// What it means, for editors (one line).
    pub about: &'static str,
}

const fn field(name: &'static str, ty: Type, about: &'static str) -> Field {
    Field {
        name,
        ty,
        required: false,
        about,
    }
}

const fn required(name: &'static str, ty: Type, about: &'static str) -> Field {
    Field {
        name,
        ty,
        required: true,
        about,
    }
}

fn channels() -> Vec<&'static str> {
    Channel::ALL.iter().map(|c| c.as_str()).collect()
}

fn outcomes() -> Vec<&'static str> {
    Outcome::ALL.iter().map(|o| o.as_str()).collect()
}

fn kinds() -> Vec<&'static str> {
    Kind::ALL.iter().map(|k| k.as_str()).collect()
}

const ALLOW: Field = field(
    "allow",
    Type::ProblemRules,
    "Problems of this rule here are acknowledged: listed as allowed, no longer counted.",
);

/// The fields of an interviewer.
pub const INTERVIEWER: &[Field] = &[
    required("name", Type::RequiredText, "Their full name."),
    field("title", Type::Text, "Their job title."),
    field("email", Type::Text, "Their email address."),
    field("phone", Type::Text, "Their phone number."),
    field(
        "prefers",
        Type::Choice(channels),
        "How they prefer to be contacted; overrides the journal's channel.",
    ),
    field(
        "linkedin",
        Type::Bool,
        "They agreed to connect on LinkedIn.",
    ),
    field(
        "discussed",
        Type::Texts,
        "What you talked about with this person, for their drafts.",
    ),
    ALLOW,
];

/// The fields of a promised item.
pub const PROMISED: &[Field] = &[
    required("item", Type::RequiredText, "What you promised to send."),
    field("to", Type::Text, "To whom (an interviewer's name)."),
    field(
        "due",
        Type::Date,
        "When it is due (default: the day after).",
    ),
    field("done", Type::Done, "`true`, or the date you sent it."),
    ALLOW,
];

/// The fields of something you sent.
pub const SENT: &[Field] = &[
    required("kind", Type::Choice(kinds), "What it was."),
    field(
        "to",
        Type::Texts,
        "To whom: a name or a list (absent: every interviewer of the journal).",
    ),
    required("on", Type::When, "When you sent it."),
    field("channel", Type::Choice(channels), "How you sent it."),
    field("note", Type::Text, "A note for yourself."),
    field(
        "decide_by",
        Type::Date,
        "On an offer reply: the date you said you would answer by.",
    ),
    ALLOW,
];

/// The fields of a reply.
pub const REPLY: &[Field] = &[
    required("on", Type::Date, "When they got back to you."),
    field("from", Type::Text, "Who wrote."),
    field("note", Type::Text, "What they said."),
    ALLOW,
];

/// The fields of a reference.
pub const REFERENCE: &[Field] = &[
    required("name", Type::RequiredText, "Their name."),
    field(
        "briefed",
        Type::Done,
        "`true`, or the date you told them to expect a call.",
    ),
    ALLOW,
];

/// The fields of a snooze.
pub const SNOOZE: &[Field] = &[
    required(
        "rule",
        Type::ActionRule,
        "The rule of the action to put off.",
    ),
    required("until", Type::Date, "The day it comes back."),
    field("to", Type::Text, "Only the action for this person."),
    ALLOW,
];

/// The top-level fields of a journal.
pub const JOURNAL: &[Field] = &[
    required(
        "company",
        Type::RequiredText,
        "The company; journals with the same company and role are one application.",
    ),
    required("role", Type::RequiredText, "The role you applied for."),
    required(
        "date",
        Type::When,
        "When the interview happened (or will: a later date means scheduled).",
    ),
    field("title", Type::Text, "A title for the interview."),
    field("stage", Type::Text, "screen, technical, onsite, final…"),
    field("format", Type::Text, "in-person, video, phone…"),
    field(
        "channel",
        Type::Choice(channels),
        "How to follow up with this journal's interviewers (default email).",
    ),
    field("interviewer", Type::Text, "One interviewer, by name."),
    field(
        "interviewers",
        Type::Entries {
            fields: INTERVIEWER,
            shorthand: true,
        },
        "The people you met: names, or mappings with their details.",
    ),
    field("contact", Type::Text, "Who to check in with."),
    field(
        "next_steps",
        Type::Text,
        "The timeline they gave, in their words.",
    ),
    field(
        "decision_by",
        Type::Date,
        "When they said they would decide.",
    ),
    field(
        "no_contact_before",
        Type::Date,
        "They asked you not to get in touch before this date.",
    ),
    field(
        "promised",
        Type::Entries {
            fields: PROMISED,
            shorthand: true,
        },
        "What you promised to send them.",
    ),
    field(
        "sent",
        Type::Entries {
            fields: SENT,
            shorthand: false,
        },
        "What you sent them: thank-yous, check-ins, replies to an offer…",
    ),
    field(
        "replies",
        Type::Entries {
            fields: REPLY,
            shorthand: false,
        },
        "When they got back to you.",
    ),
    field(
        "outcome",
        Type::Choice(outcomes),
        "Where the application stands.",
    ),
    field("outcome_on", Type::Date, "When you heard the outcome."),
    field(
        "discussed",
        Type::Texts,
        "What you talked about: drafts mention it.",
    ),
    field(
        "learned",
        Type::Texts,
        "What you learned about the company and the role.",
    ),
    field(
        "highlights",
        Type::Texts,
        "Your strengths that came across.",
    ),
    field(
        "references",
        Type::Entries {
            fields: REFERENCE,
            shorthand: true,
        },
        "The references you gave.",
    ),
    field("tags", Type::Texts, "Your own labels."),
    field(
        "snooze",
        Type::Entries {
            fields: SNOOZE,
            shorthand: false,
        },
        "Actions put off until a date.",
    ),
    ALLOW,
];

/// The names of `fields`, in order.
pub fn names(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().map(|f| f.name).collect()
}

/// The forms of a date the reader takes: `YYYY-MM-DD` in the years it
/// accepts, then optionally a time and an offset.
const WHEN_PATTERN: &str = r"^\s*(19[7-9][0-9]|20[0-9][0-9]|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]+)?)?(Z|z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?\s*$";

/// The JSON Schema (draft-07, which editors' validators read) of a
/// journal's front-matter, from the
/// table. `action_rules` are the ids a snooze may name, `problem_rules`
/// those an `allow` may. Unknown fields are allowed, as the reader keeps
/// them (with a warning).
pub fn json_schema(action_rules: &[&str], problem_rules: &[&str]) -> Value {
    let rules = Rules {
        action: action_rules,
        problem: problem_rules,
    };
    let mut schema = rules.object(JOURNAL);
    let top = schema.as_object_mut().expect("an object");
    let mut head = serde_json::Map::new();
    head.insert(
        "$schema".into(),
        json!("http://json-schema.org/draft-07/schema#"),
    );
    head.insert("title".into(), json!("debrief journal front-matter"));
    head.insert(
        "description".into(),
        json!(
            "The front-matter of one interview journal, as `debrief check` reads it. Generated by `debrief schema`."
        ),
    );
    head.append(top);
    Value::Object(head)
}

struct Rules<'a> {
    action: &'a [&'a str],
    problem: &'a [&'a str],
}

impl Rules<'_> {
    /// A mapping of `fields`.
    fn object(&self, fields: &[Field]) -> Value {
        let properties: serde_json::Map<String, Value> = fields
            .iter()
            .map(|f| {
                let mut value = self.value(f.ty, f.required);
                value
                    .as_object_mut()
                    .expect("an object")
                    .insert("description".into(), json!(f.about));
                (f.name.to_string(), value)
            })
            .collect();
        let required: Vec<&str> = fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        json!({"type": "object", "properties": properties, "required": required})
    }

    /// What a value of type `ty` may be; an optional one may be left empty
    /// (null), as the reader takes it.
    fn value(&self, ty: Type, required: bool) -> Value {
        let text = json!({"type": ["string", "number"]});
        let date = json!({"type": "string", "pattern": WHEN_PATTERN});
        let one = match ty {
            Type::Text => text.clone(),
            Type::RequiredText => json!({"type": ["string", "number"], "pattern": "\\S"}),
            Type::Date | Type::When => date.clone(),
            Type::Bool => json!({"type": "boolean"}),
            Type::Done => json!({"anyOf": [{"type": "boolean"}, date]}),
            Type::Texts => json!({"anyOf": [text, {"type": "array", "items": text}]}),
            Type::Choice(names) => json!({"enum": names()}),
            Type::ActionRule => json!({"enum": self.action}),
            Type::ProblemRules => {
                let one = json!({"enum": self.problem});
                json!({"anyOf": [one, {"type": "array", "items": one}]})
            }
            Type::Entries { fields, shorthand } => {
                // The shorthand is text as written, not a number.
                let entry = match shorthand {
                    true => json!({"anyOf": [{"type": "string"}, self.object(fields)]}),
                    false => self.object(fields),
                };
                json!({"anyOf": [entry, {"type": "array", "items": entry}]})
            }
        };
        if required {
            return one;
        }
        // Left empty (null) is allowed: said within the value where it can
        // be, so an editor reports one problem rather than three.
        let mut one = one;
        let map = one.as_object_mut().expect("an object");
        if let Some(t) = map.get("type").cloned() {
            let mut types = match t {
                Value::Array(types) => types,
                single => vec![single],
            };
            types.push(json!("null"));
            map.insert("type".into(), Value::Array(types));
        } else if let Some(Value::Array(names)) = map.get_mut("enum") {
            names.push(Value::Null);
        } else {
            return json!({"anyOf": [one, {"type": "null"}]});
        }
        one
    }
}

#[cfg(test)]
mod tests {
    //! The schema and the reader agree: on a journal with every field, on
    //! each field left empty, left out, and given a wrong value.

    use super::*;
    use crate::diagnostics::Loc;
    use crate::journal::node::from_yaml;
    use crate::journal::schema::{self, FRONT_MATTER};

    const ACTIONS: &[&str] = &["thank-you", "check-in"];
    const PROBLEMS: &[&str] = &["late-thank-you", "too-soon"];

    /// A value of `ty` the reader takes.
    fn good(ty: Type) -> Value {
        match ty {
            Type::Text => json!("Ann Lee"),
            Type::RequiredText => json!("Acme"),
            Type::Date => json!("2026-11-20"),
            Type::When => json!("2026-11-20T10:00"),
            Type::Bool => json!(true),
            Type::Done => json!("2026-11-21"),
            Type::Texts => json!(["one thing", "another"]),
            Type::Choice(names) => json!(names().last().unwrap()),
            Type::ActionRule => json!(ACTIONS[1]),
            Type::ProblemRules => json!([PROBLEMS[0]]),
            Type::Entries { fields, .. } => json!([entry(fields)]),
        }
    }

    /// A value of `ty` the reader refuses with an error (none for an
    /// `allow`: which ids name rules is the rules' to say).
    fn bad(ty: Type) -> Option<Value> {
        Some(match ty {
            Type::Text | Type::Texts => json!({"a": 1}),
            Type::RequiredText => json!("  "),
            Type::Date | Type::When => json!("20 November"),
            Type::Bool => json!("yes"),
            Type::Done => json!("soon"),
            Type::Choice(_) => json!("carrier pigeon"),
            Type::ActionRule => json!("nap"),
            Type::ProblemRules => return None,
            Type::Entries { .. } => json!([5]),
        })
    }

    fn entry(fields: &[Field]) -> Value {
        Value::Object(
            fields
                .iter()
                .map(|f| (f.name.to_string(), good(f.ty)))
                .collect(),
        )
    }

    /// The reader's errors and unknown-field warnings about `front`.
    fn read(front: &Value) -> Vec<String> {
        let root = from_yaml(&front.to_string(), 2).unwrap();
        let parsed = schema::read("content/x.md", &root, Loc::new(1, 1), ACTIONS);
        parsed
            .problems
            .iter()
            .filter(|p| p.rule == FRONT_MATTER || p.rule == schema::UNKNOWN_FIELD)
            .map(|p| format!("{:?} {}", p.severity, p.message))
            .collect()
    }

    fn valid(front: &Value) -> bool {
        let schema = json_schema(ACTIONS, PROBLEMS);
        jsonschema::validator_for(&schema).unwrap().is_valid(front)
    }

    /// Every place a field can be: its path, its table and its index.
    fn every_field() -> Vec<(Vec<&'static str>, Field)> {
        let mut out = Vec::new();
        for f in JOURNAL {
            out.push((vec![f.name], *f));
            if let Type::Entries { fields, .. } = f.ty {
                for inner in fields {
                    out.push((vec![f.name, inner.name], *inner));
                }
            }
        }
        out
    }

    /// `front` with the field at `path` (a top-level one, or one of the
    /// first entry of a list) changed by `change`.
    fn with(
        front: &Value,
        path: &[&str],
        change: impl FnOnce(&mut serde_json::Map<String, Value>, &str),
    ) -> Value {
        let mut front = front.clone();
        let mut at = front.as_object_mut().unwrap();
        if let [list, _] = path {
            at = at[*list][0].as_object_mut().unwrap();
        }
        change(at, path[path.len() - 1]);
        front
    }

    #[test]
    fn a_journal_with_every_field_is_read_cleanly_and_valid() {
        let front = entry(JOURNAL);
        assert_eq!(read(&front), Vec::<String>::new());
        assert!(valid(&front));
        // Shorthands: a name for an interviewer, an item, a reference.
        let mut short = front.clone();
        for name in ["interviewers", "promised", "references"] {
            short[name] = json!(["Just a name"]);
        }
        assert_eq!(read(&short), Vec::<String>::new());
        assert!(valid(&short));
        // Unknown fields are kept with a warning, and allowed by the schema.
        let mut extra = front.clone();
        extra["salary"] = json!("120k");
        assert_eq!(read(&extra).len(), 1, "{:?}", read(&extra));
        assert!(valid(&extra));
    }

    #[test]
    fn each_field_empty_left_out_or_wrong_is_judged_alike() {
        let front = entry(JOURNAL);
        for (path, f) in every_field() {
            let empty = with(&front, &path, |m, k| {
                m.insert(k.to_string(), Value::Null);
            });
            let errors = read(&empty).iter().any(|p| p.starts_with("Error"));
            assert_eq!(errors, f.required, "{path:?} empty: {:?}", read(&empty));
            assert_eq!(valid(&empty), !f.required, "{path:?} empty");

            let missing = with(&front, &path, |m, k| {
                m.remove(k);
            });
            let errors = read(&missing).iter().any(|p| p.starts_with("Error"));
            assert_eq!(
                errors,
                f.required,
                "{path:?} left out: {:?}",
                read(&missing)
            );
            assert_eq!(valid(&missing), !f.required, "{path:?} left out");

            if let Some(value) = bad(f.ty) {
                let wrong = with(&front, &path, |m, k| {
                    m.insert(k.to_string(), value.clone());
                });
                let errors = read(&wrong).iter().any(|p| p.starts_with("Error"));
                assert!(errors, "{path:?} = {value}: the reader took it");
                assert!(!valid(&wrong), "{path:?} = {value}: the schema took it");
            }
        }
    }

    #[test]
    fn the_schemas_properties_are_the_tables_fields() {
        let schema = json_schema(ACTIONS, PROBLEMS);
        let properties: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut table = names(JOURNAL);
        table.sort_unstable();
        let mut properties = properties;
        properties.sort_unstable();
        assert_eq!(properties, table);
        assert_eq!(schema["required"], json!(["company", "role", "date"]));
    }
}
