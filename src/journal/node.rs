//! A front-matter value tree in which every key and value knows its line and
//! column in the file.
//!
//! YAML (through `saphyr-parser` events) and TOML (through `toml`'s spanned
//! tables) both land here, so the schema in `schema.rs` is written once and
//! every error it finds can point at the exact spot. No schema knowledge here.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, ScalarStyle, Span};

use crate::diagnostics::Loc;

/// A value with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value starts in the file.
    pub loc: Loc,
}

/// A mapping key with its location.
#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    /// The key as written.
    pub name: String,
    /// Where the key starts in the file.
    pub loc: Loc,
}

/// The shapes a front-matter value can take.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A floating point number.
    Float(f64),
    /// Text.
    Str(String),
    /// A TOML date or date-time, as its RFC 3339 text.
    Datetime(String),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in file order.
    Map(Vec<(Key, Node)>),
}

impl Value {
    /// The name of the shape, for "expected …, found …" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "a number",
            Value::Float(_) => "a number",
            Value::Str(_) => "text",
            Value::Datetime(_) => "a date",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

/// A front-matter that is not valid YAML or TOML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub loc: Loc,
    /// The parser's explanation.
    pub message: String,
}

/// The most values one front-matter may hold, aliases counted as what they
/// repeat: ten levels of ten aliases ("billion laughs") fit in 600 bytes
/// and would expand to 10^10 values. A real journal holds a few hundred;
/// a file at the 1 MB limit of one-line keys, about 100,000.
pub const MAX_VALUES: usize = 1_000_000;

/// The most values aliases may repeat in one front-matter: a real journal
/// repeats a name or two; every value repeated is also kept, shown and
/// rendered downstream (a fuzzed journal of 130 KB reached 1.2 GB).
pub const MAX_ALIASED: usize = 10_000;

/// The most text aliases may repeat in one front-matter, in bytes: as much
/// as a whole journal may hold.
pub const MAX_ALIASED_BYTES: usize = 1024 * 1024;

/// How deeply lists and mappings may nest in a front-matter. A journal
/// needs four levels; a thousand `[` would exhaust the stack.
pub const MAX_DEPTH: usize = 64;

/// Parses YAML front-matter that starts on line `first_line` of the file.
pub fn from_yaml(src: &str, first_line: u32) -> Result<Node, SyntaxError> {
    let mut builder = YamlBuilder {
        parser: Parser::new_from_str(src),
        anchors: HashMap::new(),
        first_line,
        values: 0,
        aliased: 0,
        bytes: 0,
        aliased_bytes: 0,
        depth: 0,
    };
    let doc_loc = Loc::new(first_line, 1);
    loop {
        let (event, span) = builder.next()?;
        match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => continue,
            Event::StreamEnd | Event::DocumentEnd => {
                return Ok(Node {
                    value: Value::Null,
                    loc: doc_loc,
                });
            }
            other => return builder.node(other, span),
        }
    }
}

struct YamlBuilder<'a> {
    parser: Parser<'a, saphyr_parser::StrInput<'a>>,
    /// Each anchored node with how many values and bytes of text it holds.
    anchors: HashMap<usize, (Node, usize, usize)>,
    first_line: u32,
    /// Values made so far, aliases counted as what they repeat.
    values: usize,
    /// Values repeated by aliases so far.
    aliased: usize,
    /// Bytes of text read so far, and repeated by aliases so far.
    bytes: usize,
    aliased_bytes: usize,
    /// Lists and mappings open around the current event.
    depth: usize,
}

impl<'a> YamlBuilder<'a> {
    fn loc(&self, span: &Span) -> Loc {
        Loc::new(
            self.first_line + span.start.line() as u32 - 1,
            span.start.col() as u32 + 1,
        )
    }

    fn next(&mut self) -> Result<(Event<'a>, Span), SyntaxError> {
        match self.parser.next_event() {
            Some(Ok(pair)) => Ok(pair),
            Some(Err(e)) => Err(SyntaxError {
                loc: Loc::new(
                    self.first_line + e.marker().line() as u32 - 1,
                    e.marker().col() as u32 + 1,
                ),
                message: e.info().to_string(),
            }),
            None => Err(SyntaxError {
                loc: Loc::new(self.first_line, 1),
                message: "unexpected end of the front-matter".into(),
            }),
        }
    }

    /// Counts `n` more values, or says the front-matter holds too many.
    fn count(&mut self, n: usize, loc: Loc) -> Result<(), SyntaxError> {
        self.values = self.values.saturating_add(n);
        if self.values > MAX_VALUES {
            return Err(SyntaxError {
                loc,
                message: format!(
                    "the front-matter holds more than {MAX_VALUES} values once its aliases are \
                     expanded; a journal needs far fewer (are aliases repeating aliases?)"
                ),
            });
        }
        Ok(())
    }

    fn node(&mut self, event: Event<'a>, span: Span) -> Result<Node, SyntaxError> {
        let loc = self.loc(&span);
        if matches!(event, Event::SequenceStart(..) | Event::MappingStart(..)) {
            if self.depth >= MAX_DEPTH {
                return Err(SyntaxError {
                    loc,
                    message: format!(
                        "lists and mappings nest more than {MAX_DEPTH} levels deep here"
                    ),
                });
            }
            self.depth += 1;
        }
        let before = self.values;
        let bytes_before = self.bytes;
        self.count(1, loc)?;
        let (node, anchor) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.bytes = self.bytes.saturating_add(text.len());
                let tagged_str = tag.as_ref().is_some_and(|t| t.suffix == "str");
                let value = if style == ScalarStyle::Plain && !tagged_str {
                    plain_scalar(&text)
                } else {
                    Value::Str(text.into_owned())
                };
                (Node { value, loc }, anchor)
            }
            Event::SequenceStart(anchor, _) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(event, span)?);
                }
                (
                    Node {
                        value: Value::Seq(items),
                        loc,
                    },
                    anchor,
                )
            }
            Event::MappingStart(anchor, _) => {
                let mut entries: Vec<(Key, Node)> = Vec::new();
                let mut names: HashSet<String> = HashSet::new();
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::MappingEnd) {
                        break;
                    }
                    let key_node = self.node(event, span)?;
                    let name = match key_node.value {
                        Value::Str(s) => s,
                        Value::Int(i) => i.to_string(),
                        Value::Bool(b) => b.to_string(),
                        Value::Float(f) => f.to_string(),
                        Value::Null => String::new(),
                        other => {
                            return Err(SyntaxError {
                                loc: key_node.loc,
                                message: format!("a key must be text, not {}", other.kind()),
                            });
                        }
                    };
                    // Small mappings (every journal's) are searched; a
                    // hostile one of thousands of keys gets a set.
                    let seen = if entries.len() < 16 {
                        entries.iter().any(|(k, _)| k.name == name)
                    } else {
                        if names.is_empty() {
                            names.extend(entries.iter().map(|(k, _)| k.name.clone()));
                        }
                        !names.insert(name.clone())
                    };
                    if seen {
                        return Err(SyntaxError {
                            loc: key_node.loc,
                            message: format!("duplicate key `{name}`"),
                        });
                    }
                    let (event, span) = self.next()?;
                    let value = self.node(event, span)?;
                    entries.push((
                        Key {
                            name,
                            loc: key_node.loc,
                        },
                        value,
                    ));
                }
                (
                    Node {
                        value: Value::Map(entries),
                        loc,
                    },
                    anchor,
                )
            }
            Event::Alias(id) => {
                // The alias itself was counted above; what it repeats is
                // counted before it is copied, so the copy stays bounded.
                let size = self.anchors.get(&id).map(|(_, n, b)| (*n, *b));
                if let Some((n, b)) = size {
                    self.count(n.saturating_sub(1), loc)?;
                    self.aliased = self.aliased.saturating_add(n);
                    self.aliased_bytes = self.aliased_bytes.saturating_add(b);
                    self.bytes = self.bytes.saturating_add(b);
                    if self.aliased > MAX_ALIASED || self.aliased_bytes > MAX_ALIASED_BYTES {
                        return Err(SyntaxError {
                            loc,
                            message: format!(
                                "aliases here repeat more than {MAX_ALIASED} values or {} KB of text \
                                 in all; a journal needs far fewer (are aliases repeating aliases?)",
                                MAX_ALIASED_BYTES / 1024
                            ),
                        });
                    }
                }
                return match self.anchors.get(&id) {
                    Some((node, ..)) => Ok(Node {
                        value: node.value.clone(),
                        loc,
                    }),
                    None => Err(SyntaxError {
                        loc,
                        message: "an alias to an unknown anchor".into(),
                    }),
                };
            }
            other => {
                return Err(SyntaxError {
                    loc,
                    message: format!("unexpected YAML event {other:?}"),
                });
            }
        };
        if matches!(node.value, Value::Seq(_) | Value::Map(_)) {
            self.depth -= 1;
        }
        if anchor > 0 {
            // Keeping a copy costs what it holds: anchors nested in anchors
            // would otherwise copy the same values once per level.
            let size = self.values - before;
            self.count(size, loc)?;
            let bytes = self.bytes - bytes_before;
            self.anchors.insert(anchor, (node.clone(), size, bytes));
        }
        Ok(node)
    }
}

/// Resolves an unquoted YAML scalar with the YAML 1.2 core schema.
fn plain_scalar(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let first = text.as_bytes()[0];
    if first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.') {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
        if text.bytes().any(|b| b.is_ascii_digit())
            && let Ok(f) = text.parse::<f64>()
            && f.is_finite()
        {
            return Value::Float(f);
        }
    }
    Value::Str(text.to_string())
}

/// Parses TOML front-matter that starts on line `first_line` of the file.
pub fn from_toml(src: &str, first_line: u32) -> Result<Node, SyntaxError> {
    let lines = LineIndex::new(src, first_line);
    match toml::de::DeTable::parse(src) {
        Ok(table) => {
            let loc = lines.loc(table.span().start);
            Ok(Node {
                value: toml_table(table.into_inner(), &lines),
                loc,
            })
        }
        Err(e) => Err(SyntaxError {
            loc: lines.loc(e.span().map_or(0, |s| s.start)),
            message: e.message().trim().to_string(),
        }),
    }
}

fn toml_table(table: toml::de::DeTable<'_>, lines: &LineIndex<'_>) -> Value {
    let mut entries: Vec<(Key, Node)> = table
        .into_iter()
        .map(|(k, v)| {
            let key = Key {
                loc: lines.loc(k.span().start),
                name: k.into_inner().into_owned(),
            };
            (key, toml_node(v, lines))
        })
        .collect();
    // TOML tables come back sorted by key; file order reads better.
    entries.sort_by_key(|(k, _)| k.loc);
    Value::Map(entries)
}

fn toml_node(v: toml::Spanned<toml::de::DeValue<'_>>, lines: &LineIndex<'_>) -> Node {
    use toml::de::DeValue;
    let loc = lines.loc(v.span().start);
    let value = match v.into_inner() {
        DeValue::String(s) => Value::Str(s.into_owned()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Str(i.to_string()),
        },
        DeValue::Float(f) => match f.as_str().parse::<f64>() {
            Ok(x) => Value::Float(x),
            Err(_) => Value::Str(f.to_string()),
        },
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => {
            Value::Seq(items.into_iter().map(|i| toml_node(i, lines)).collect())
        }
        DeValue::Table(t) => toml_table(t, lines),
    };
    Node { value, loc }
}

/// Turns byte offsets into file lines and character columns.
struct LineIndex<'a> {
    src: &'a str,
    starts: Vec<usize>,
    first_line: u32,
}

impl<'a> LineIndex<'a> {
    fn new(src: &'a str, first_line: u32) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex {
            src,
            starts,
            first_line,
        }
    }

    fn loc(&self, offset: usize) -> Loc {
        let offset = offset.min(self.src.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let column = self.src.get(start..offset).map_or(0, |s| s.chars().count());
        Loc::new(self.first_line + line as u32, column as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(node: &Node) -> &[(Key, Node)] {
        match &node.value {
            Value::Map(m) => m,
            other => panic!("expected a map, got {other:?}"),
        }
    }

    #[test]
    fn yaml_keys_and_values_know_their_place() {
        let node = from_yaml(
            "company: Stark\nrole: ML\ninterviewers:\n  - name: Tony\n",
            2,
        )
        .unwrap();
        let m = map(&node);
        assert_eq!(m[1].0.name, "role");
        assert_eq!(m[1].0.loc, Loc::new(3, 1));
        assert_eq!(m[1].1.loc, Loc::new(3, 7));
        let Value::Seq(items) = &m[2].1.value else {
            panic!()
        };
        let inner = map(&items[0]);
        assert_eq!(inner[0].1.value, Value::Str("Tony".into()));
        assert_eq!(inner[0].1.loc, Loc::new(5, 11));
    }

    #[test]
    fn yaml_scalars_follow_the_core_schema() {
        let node = from_yaml(
            "a: true\nb: 'true'\nc: 12\nd: 2026-11-17\ne: ~\nf: 1.5\n",
            1,
        )
        .unwrap();
        let values: Vec<_> = map(&node).iter().map(|(_, v)| v.value.clone()).collect();
        assert_eq!(
            values,
            vec![
                Value::Bool(true),
                Value::Str("true".into()),
                Value::Int(12),
                Value::Str("2026-11-17".into()),
                Value::Null,
                Value::Float(1.5),
            ]
        );
    }

    #[test]
    fn yaml_syntax_error_has_a_location() {
        let err = from_yaml("company: Stark\nrole: [unclosed\n", 2).unwrap_err();
        assert!(err.loc.line >= 3, "{err:?}");
    }

    #[test]
    fn yaml_duplicate_key_is_an_error() {
        let err = from_yaml("company: A\ncompany: B\n", 2).unwrap_err();
        assert_eq!(err.loc, Loc::new(3, 1));
        assert!(err.message.contains("duplicate"));
    }

    // Regression: a 552-byte "billion laughs" journal (ten levels of ten
    // aliases) ran every command out of memory.
    #[test]
    fn aliases_that_repeat_aliases_are_refused_with_a_place() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let p = i - 1;
            src += &format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            );
        }
        assert!(src.len() < 700);
        let err = from_yaml(&src, 2).unwrap_err();
        assert!(err.message.contains("aliases"), "{err:?}");
        assert!(err.loc.line >= 5, "{err:?}");
        // A few honest aliases are fine.
        let ok = from_yaml("me: &me {name: Ann}\nto: [*me, *me]\n", 2).unwrap();
        assert_eq!(map(&ok).len(), 2);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        for src in [
            "a: ".to_string() + &"[".repeat(100_000),
            "a: ".to_string() + &"[".repeat(1000) + &"]".repeat(1000),
            "a:\n".to_string()
                + &(1..200)
                    .map(|i| format!("{}- \n", "  ".repeat(i)))
                    .collect::<String>(),
        ] {
            assert!(from_yaml(&src, 2).is_err());
        }
        let ok = "a: ".to_string() + &"[".repeat(10) + &"]".repeat(10);
        assert!(from_yaml(&ok, 2).is_ok());
        for src in [
            "a = ".to_string() + &"[".repeat(100_000),
            "a = ".to_string() + &"[".repeat(1000) + &"]".repeat(1000),
            "a = ".to_string() + &"{b = ".repeat(1000) + "1" + &"}".repeat(1000),
        ] {
            assert!(from_toml(&src, 2).is_err());
        }
    }

    // Regression: the duplicate-key check compared every key with every
    // earlier one: 100,000 keys took 15 s per command.
    #[test]
    fn many_keys_are_read_and_a_late_duplicate_still_found() {
        let mut src: String = (0..50_000).map(|i| format!("k{i}: {i}\n")).collect();
        assert_eq!(map(&from_yaml(&src, 2).unwrap()).len(), 50_000);
        src += "k7: again\n";
        let err = from_yaml(&src, 2).unwrap_err();
        assert_eq!(err.loc, Loc::new(50_002, 1));
    }

    // Small mappings are searched, larger ones get a set: a duplicate is
    // found on either side of the switch, wherever its first use was.
    #[test]
    fn a_duplicate_is_found_around_the_switch_to_a_set() {
        for n in 14..=18 {
            for first in [0, n / 2, n - 1] {
                let mut src: String = (0..n).map(|i| format!("k{i}: {i}\n")).collect();
                assert_eq!(map(&from_yaml(&src, 2).unwrap()).len(), n);
                src += &format!("k{first}: again\n");
                let err = from_yaml(&src, 2).unwrap_err();
                assert_eq!(
                    err.loc,
                    Loc::new(n as u32 + 2, 1),
                    "{n} keys, k{first} again"
                );
                assert!(err.message.contains(&format!("`k{first}`")), "{err:?}");
            }
        }
    }

    #[test]
    fn toml_keys_and_values_know_their_place() {
        let node = from_toml("role = \"ML\"\ncompany = \"Stark\"\ndate = 2026-11-17\n", 2).unwrap();
        let m = map(&node);
        assert_eq!(m[0].0.name, "role");
        assert_eq!(m[1].0.loc, Loc::new(3, 1));
        assert_eq!(m[1].1.loc, Loc::new(3, 11));
        assert_eq!(m[2].1.value, Value::Datetime("2026-11-17".into()));
    }

    #[test]
    fn toml_syntax_error_has_a_location() {
        let err = from_toml("company = \"Stark\"\nrole = \n", 2).unwrap_err();
        assert_eq!(err.loc.line, 3);
    }
}
