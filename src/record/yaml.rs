//! Recording into YAML front-matter by patching the text, not rewriting it.
//!
//! The located tree of `journal::node` says where each key, list and item
//! starts; the edit inserts or replaces only the bytes that say what was
//! recorded, so comments, quoting, key order, blank lines, indentation and
//! line ends stay as the user wrote them. A new list item copies the style
//! (flow or block) and indentation of the list it joins.

use super::{Edit, Value};
use crate::diagnostics::Loc;
use crate::journal::node::{self, Key, Node, Value as V};

/// The front-matter text with its lines indexed.
struct Doc<'a> {
    text: &'a str,
    root: Node,
    /// Byte offset of each line's start (line 1 at index 0).
    starts: Vec<usize>,
    /// The line end the file uses.
    nl: &'static str,
}

/// Applies `edit` to the YAML front-matter `text` (what lies between the
/// `---` lines), returning the new text.
pub fn apply(text: &str, edit: &Edit) -> Result<String, String> {
    let doc = Doc::parse(text)?;
    match edit {
        Edit::Append { field, entry } => doc.append(field, entry),
        Edit::SetInItem {
            field,
            index,
            key,
            value,
            scalar_key,
        } => doc.set_in_item(field, *index, key, value, scalar_key),
        Edit::SetTop { key, value } => doc.set_top(key, value),
    }
}

impl<'a> Doc<'a> {
    fn parse(text: &'a str) -> Result<Doc<'a>, String> {
        let root = node::from_yaml(text, 1).map_err(|e| e.message)?;
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
        Ok(Doc {
            text,
            root,
            starts,
            nl,
        })
    }

    fn lines(&self) -> u32 {
        // A final line end opens no line of its own.
        let n = self.starts.len() as u32;
        if self.text.ends_with('\n') { n - 1 } else { n }
    }

    /// Line `l` without its line end.
    fn line(&self, l: u32) -> &'a str {
        let start = self.starts[(l - 1) as usize];
        let end = self
            .starts
            .get(l as usize)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The byte offset of `loc` (columns count characters).
    fn offset(&self, loc: Loc) -> usize {
        let start = self.starts[(loc.line - 1) as usize];
        let line = &self.text[start..];
        start
            + line
                .char_indices()
                .nth((loc.column - 1) as usize)
                .map_or(line.len(), |(i, _)| i)
    }

    /// The byte offset where line `l + 1` starts (the end of the text for
    /// the last line), with a line end added first when the text lacks one.
    fn after_line(&self, l: u32) -> (usize, &'static str) {
        match self.starts.get(l as usize) {
            Some(&s) if s <= self.text.len() && (l as usize) < self.starts.len() => (s, ""),
            _ if self.text.is_empty() || self.text.ends_with('\n') => (self.text.len(), ""),
            _ => (self.text.len(), self.nl),
        }
    }

    fn top(&self, name: &str) -> Option<&(Key, Node)> {
        match &self.root.value {
            V::Map(entries) => entries.iter().find(|(k, _)| k.name == name),
            _ => None,
        }
    }

    /// The last line holding content of the value under a top-level key on
    /// `line`: indented lines, and `- ` items written at the first column.
    fn block_end(&self, line: u32) -> u32 {
        let mut last = line;
        for l in line + 1..=self.lines() {
            let t = self.line(l);
            let trimmed = t.trim_start();
            if trimmed.is_empty() {
                continue;
            }
            // An indented line is the value's, even one that looks like a
            // comment: it may be the text of a `|` block.
            if t.starts_with([' ', '\t']) || t.starts_with("- ") || t == "-" {
                last = l;
                continue;
            }
            if trimmed.starts_with('#') {
                continue;
            }
            break;
        }
        last
    }

    /// The last content line from `from` up to `before` (excluded).
    fn last_content(&self, from: u32, before: u32) -> u32 {
        (from..before)
            .rev()
            .find(|&l| {
                let line = self.line(l);
                let t = line.trim_start();
                !t.is_empty() && (!t.starts_with('#') || line.starts_with([' ', '\t']))
            })
            .unwrap_or(from)
    }

    fn splice(&self, at: usize, end: usize, insert: &str) -> String {
        let mut out = String::with_capacity(self.text.len() + insert.len());
        out.push_str(&self.text[..at]);
        out.push_str(insert);
        out.push_str(&self.text[end..]);
        out
    }

    /// Appends `entry` to the list `field` (made at the end when missing).
    fn append(&self, field: &str, entry: &[(String, Value)]) -> Result<String, String> {
        let nl = self.nl;
        let Some((key, value)) = self.top(field) else {
            if let Some(end) = self.root_flow_end() {
                return Ok(self.splice(end, end, &format!(", {field}: [{}]", flow_map(entry))));
            }
            let (at, lead) = self.after_line(self.lines().max(1));
            let at = if self.text.is_empty() { 0 } else { at };
            let lead = if self.text.is_empty() { "" } else { lead };
            return Ok(self.splice(
                at,
                at,
                &format!("{lead}{field}:{nl}  - {}{nl}", flow_map(entry)),
            ));
        };
        match &value.value {
            V::Seq(items) if self.is_flow(value) => {
                let open = self.offset(value.loc);
                let close = matching(self.text, open)
                    .ok_or_else(|| format!("`{field}`: its `[` is never closed"))?;
                let sep = if items.is_empty() { "" } else { ", " };
                Ok(self.splice(close, close, &format!("{sep}{}", flow_map(entry))))
            }
            V::Seq(items) if !items.is_empty() => {
                let first = &items[0];
                let first_line = self.line(first.loc.line);
                let col = self.offset(first.loc) - self.starts[(first.loc.line - 1) as usize];
                let dash = first_line[..col].rfind('-').unwrap_or(0);
                let dash_indent = &first_line[..dash];
                let block_map = matches!(first.value, V::Map(_)) && !self.is_flow(first);
                let last = self.block_end(key.loc.line);
                let (at, lead) = self.after_line(last);
                let text = if block_map {
                    let key_col = first.loc.column as usize - 1;
                    let key_indent = " ".repeat(key_col);
                    // `-   kind:` keeps its spaces, so the keys line up.
                    let after_dash = " ".repeat(key_col.saturating_sub(dash + 1).max(1));
                    let mut t = String::new();
                    for (i, (k, v)) in entry.iter().enumerate() {
                        let indent = if i == 0 {
                            format!("{dash_indent}-{after_dash}")
                        } else {
                            key_indent.clone()
                        };
                        t += &format!("{indent}{k}: {}{nl}", v.yaml());
                    }
                    t
                } else {
                    format!("{dash_indent}- {}{nl}", flow_map(entry))
                };
                Ok(self.splice(at, at, &format!("{lead}{text}")))
            }
            V::Null if self.null_token(key, value).is_some() => {
                // `field: ~` or `field: null`: the list takes its place.
                let (start, end) = self.null_token(key, value).expect("checked");
                Ok(self.splice(start, end, &format!("[{}]", flow_map(entry))))
            }
            V::Null | V::Seq(_) => {
                // `field:` with nothing under it yet.
                let last = self.block_end(key.loc.line);
                let (at, lead) = self.after_line(last);
                Ok(self.splice(at, at, &format!("{lead}  - {}{nl}", flow_map(entry))))
            }
            other => Err(format!(
                "`{field}` is {}, not a list: fix it first",
                other.kind()
            )),
        }
    }

    /// Sets `key` in item `index` of the list `field`; an item written as
    /// a plain value becomes a mapping with it under `scalar_key`.
    fn set_in_item(
        &self,
        field: &str,
        index: usize,
        key: &str,
        value: &Value,
        scalar_key: &str,
    ) -> Result<String, String> {
        let nl = self.nl;
        let items = match self.top(field).map(|(_, v)| &v.value) {
            Some(V::Seq(items)) => items,
            _ => return Err(format!("`{field}` is not a list")),
        };
        let list = &self.top(field).expect("found above").1;
        let item = items
            .get(index)
            .ok_or_else(|| format!("`{field}` has no item {}", index + 1))?;
        let in_flow = self.is_flow(list);
        match &item.value {
            V::Map(entries) => {
                if let Some((k, v)) = entries.iter().find(|(k, _)| k.name == key) {
                    if matches!(v.value, V::Null) {
                        if let Some((start, end)) = self.null_token(k, v) {
                            return Ok(self.splice(start, end, &value.yaml()));
                        }
                        // `done:` with nothing after it.
                        let at = self.offset(k.loc);
                        let colon = self.text[at..]
                            .find(':')
                            .map(|i| at + i + 1)
                            .ok_or_else(|| format!("`{key}`: no colon"))?;
                        return Ok(self.splice(colon, colon, &format!(" {}", value.yaml())));
                    }
                    let (start, end) = self.scalar_span(v, true);
                    return Ok(self.splice(start, end, &value.yaml()));
                }
                if self.is_flow(item) {
                    let open = self.offset(item.loc);
                    let close = matching(self.text, open)
                        .ok_or_else(|| format!("`{field}`: a `{{` is never closed"))?;
                    let sep = if entries.is_empty() { "" } else { ", " };
                    return Ok(self.splice(close, close, &format!("{sep}{key}: {}", value.yaml())));
                }
                let next = items.get(index + 1).map_or_else(
                    || self.block_end(self.top(field).expect("found").0.loc.line) + 1,
                    |n| self.dash_line(n),
                );
                let last = self.last_content(item.loc.line, next);
                let (at, lead) = self.after_line(last);
                let indent = " ".repeat(item.loc.column as usize - 1);
                Ok(self.splice(
                    at,
                    at,
                    &format!("{lead}{indent}{key}: {}{nl}", value.yaml()),
                ))
            }
            V::Str(_) | V::Int(_) | V::Float(_) | V::Bool(_) | V::Datetime(_) => {
                let (start, end) = self.scalar_span(item, in_flow);
                let written = &self.text[start..end];
                Ok(self.splice(
                    start,
                    end,
                    &format!("{{{scalar_key}: {written}, {key}: {}}}", value.yaml()),
                ))
            }
            other => Err(format!(
                "item {} of `{field}` is {}: fix it first",
                index + 1,
                other.kind()
            )),
        }
    }

    /// Sets the top-level `key` (added at the end when missing).
    fn set_top(&self, key: &str, value: &Value) -> Result<String, String> {
        let nl = self.nl;
        match self.top(key) {
            Some((k, v)) if !matches!(v.value, V::Null) => {
                let (start, end) = self.scalar_span(v, false);
                let _ = k;
                Ok(self.splice(start, end, &value.yaml()))
            }
            Some((k, v)) if self.null_token(k, v).is_some() => {
                let (start, end) = self.null_token(k, v).expect("checked");
                Ok(self.splice(start, end, &value.yaml()))
            }
            Some((k, _)) => {
                // `key:` with no value: write it after the colon.
                let at = self.offset(k.loc);
                let colon = self.text[at..]
                    .find(':')
                    .map(|i| at + i + 1)
                    .ok_or_else(|| format!("`{key}`: no colon"))?;
                Ok(self.splice(colon, colon, &format!(" {}", value.yaml())))
            }
            None => {
                if let Some(end) = self.root_flow_end() {
                    return Ok(self.splice(end, end, &format!(", {key}: {}", value.yaml())));
                }
                let (at, lead) = self.after_line(self.lines().max(1));
                let at = if self.text.is_empty() { 0 } else { at };
                Ok(self.splice(at, at, &format!("{lead}{key}: {}{nl}", value.yaml())))
            }
        }
    }

    /// Where the closing `}` of a front-matter written as one flow
    /// mapping is (`{company: A, role: B, …}`), if it is written so: new
    /// keys go inside it.
    fn root_flow_end(&self) -> Option<usize> {
        if !matches!(self.root.value, V::Map(_)) || !self.is_flow(&self.root) {
            return None;
        }
        matching(self.text, self.offset(self.root.loc))
    }

    /// Where an explicit null (`~`, `null`) is written as the value of
    /// `key` on its own line, if it is.
    fn null_token(&self, key: &Key, value: &Node) -> Option<(usize, usize)> {
        if value.loc.line != key.loc.line {
            return None;
        }
        let start = self.offset(value.loc);
        let rest = &self.text[start..];
        ["~", "null", "Null", "NULL"]
            .into_iter()
            .find(|t| {
                rest.starts_with(t)
                    && rest[t.len()..]
                        .chars()
                        .next()
                        .is_none_or(|c| c.is_whitespace() || c == '#')
            })
            .map(|t| (start, start + t.len()))
    }

    /// Whether a collection is written in flow style (`[…]` or `{…}`).
    fn is_flow(&self, n: &Node) -> bool {
        matches!(
            self.text[self.offset(n.loc)..].chars().next(),
            Some('[' | '{')
        )
    }

    /// The line of the `- ` that opens the block item `n`.
    fn dash_line(&self, n: &Node) -> u32 {
        // Only an item written as `-` alone on its line starts below it.
        let mut l = n.loc.line;
        while l > 1 && !self.line(l).trim_start().starts_with('-') {
            l -= 1;
        }
        l
    }

    /// Where the scalar `n` is written: quoted to its closing quote, plain
    /// to the end of the line (or, in flow style, the next `,` `]` `}`),
    /// without a trailing comment or spaces.
    fn scalar_span(&self, n: &Node, flow: bool) -> (usize, usize) {
        let start = self.offset(n.loc);
        let rest = &self.text[start..];
        let end = match rest.chars().next() {
            Some('"') => {
                let mut escaped = false;
                rest.char_indices()
                    .skip(1)
                    .find(|&(_, c)| {
                        let close = c == '"' && !escaped;
                        escaped = c == '\\' && !escaped;
                        close
                    })
                    .map_or(rest.len(), |(i, _)| i + 1)
            }
            Some('\'') => {
                let b = rest.as_bytes();
                let mut i = 1;
                loop {
                    match b.get(i) {
                        None => break rest.len(),
                        Some(b'\'') if b.get(i + 1) == Some(&b'\'') => i += 2,
                        Some(b'\'') => break i + 1,
                        Some(_) => i += 1,
                    }
                }
            }
            _ => {
                let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
                let mut end = line_end;
                if let Some(c) = rest[..line_end].find(" #") {
                    end = end.min(c);
                }
                if flow && let Some(c) = rest[..line_end].find([',', ']', '}']) {
                    end = end.min(c);
                }
                rest[..end].trim_end().len()
            }
        };
        (start, start + end)
    }
}

/// The offset of the bracket closing the one at `open`, quotes skipped.
fn matching(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    let mut prev = '\0';
    for (i, c) in text[open..].char_indices() {
        match (quote, c) {
            (Some('"'), '"') if prev != '\\' => quote = None,
            (Some('\''), '\'') => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '[' | '{') => depth += 1,
            (None, ']' | '}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
        prev = c;
    }
    None
}

/// `{kind: thank-you, to: Ann Lee, on: 2026-11-18}`.
fn flow_map(entry: &[(String, Value)]) -> String {
    let parts: Vec<String> = entry
        .iter()
        .map(|(k, v)| format!("{k}: {}", v.yaml()))
        .collect();
    format!("{{{}}}", parts.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> Value {
        Value::Date(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    fn sent() -> Edit {
        Edit::Append {
            field: "sent".into(),
            entry: vec![
                ("kind".into(), Value::Text("thank-you".into())),
                ("to".into(), Value::Text("Ann Lee".into())),
                ("on".into(), d("2026-11-18")),
            ],
        }
    }

    #[test]
    fn a_new_item_follows_the_list_it_joins() {
        let flow_items =
            "a: 1\nsent:\n  - {kind: other, on: 2026-11-01}   # first\n# after\nb: 2\n";
        assert_eq!(
            apply(flow_items, &sent()).unwrap(),
            "a: 1\nsent:\n  - {kind: other, on: 2026-11-01}   # first\n  - {kind: thank-you, to: Ann Lee, on: 2026-11-18}\n# after\nb: 2\n"
        );
        let block_items = "sent:\n- kind: other\n  on: 2026-11-01\n\nb: 2\n";
        assert_eq!(
            apply(block_items, &sent()).unwrap(),
            "sent:\n- kind: other\n  on: 2026-11-01\n- kind: thank-you\n  to: Ann Lee\n  on: 2026-11-18\n\nb: 2\n"
        );
        let flow_list = "sent: [{kind: other, on: 2026-11-01}]\r\nb: 2\r\n";
        assert_eq!(
            apply(flow_list, &sent()).unwrap(),
            "sent: [{kind: other, on: 2026-11-01}, {kind: thank-you, to: Ann Lee, on: 2026-11-18}]\r\nb: 2\r\n"
        );
        assert_eq!(
            apply("sent: []\n", &sent()).unwrap(),
            "sent: [{kind: thank-you, to: Ann Lee, on: 2026-11-18}]\n"
        );
        assert_eq!(
            apply("a: 1\nsent:   # none yet\nb: 2\n", &sent()).unwrap(),
            "a: 1\nsent:   # none yet\n  - {kind: thank-you, to: Ann Lee, on: 2026-11-18}\nb: 2\n"
        );
        assert_eq!(
            apply("a: 1", &sent()).unwrap(),
            "a: 1\nsent:\n  - {kind: thank-you, to: Ann Lee, on: 2026-11-18}\n"
        );
        // A front-matter written as one flow mapping (JSON is YAML too).
        assert_eq!(
            apply("{\"company\": \"A\", \"role\": \"R\"}\n", &sent()).unwrap(),
            "{\"company\": \"A\", \"role\": \"R\", sent: [{kind: thank-you, to: Ann Lee, on: 2026-11-18}]}\n"
        );
    }

    #[test]
    fn a_field_is_set_in_an_item_of_any_style() {
        let set = |field: &str, index| Edit::SetInItem {
            field: field.into(),
            index,
            key: "done".into(),
            value: d("2026-11-19"),
            scalar_key: "item".into(),
        };
        assert_eq!(
            apply("promised: [deck, \"code, sample\"]\n", &set("promised", 1)).unwrap(),
            "promised: [deck, {item: \"code, sample\", done: 2026-11-19}]\n"
        );
        assert_eq!(
            apply("promised:\n  - deck # the slides\n", &set("promised", 0)).unwrap(),
            "promised:\n  - {item: deck, done: 2026-11-19} # the slides\n"
        );
        assert_eq!(
            apply(
                "promised:\n  - {item: deck, to: Ann}\n",
                &set("promised", 0)
            )
            .unwrap(),
            "promised:\n  - {item: deck, to: Ann, done: 2026-11-19}\n"
        );
        assert_eq!(
            apply(
                "promised:\n  - item: deck\n    to: Ann\n\n  - item: b\nz: 1\n",
                &set("promised", 0)
            )
            .unwrap(),
            "promised:\n  - item: deck\n    to: Ann\n    done: 2026-11-19\n\n  - item: b\nz: 1\n"
        );
    }

    #[test]
    fn a_top_level_value_is_replaced_in_place_or_added() {
        let set = Edit::SetTop {
            key: "outcome".into(),
            value: Value::Text("accepted".into()),
        };
        assert_eq!(
            apply("outcome: offer   # came on Friday\nb: 1\n", &set).unwrap(),
            "outcome: accepted   # came on Friday\nb: 1\n"
        );
        assert_eq!(apply("b: 1\n", &set).unwrap(), "b: 1\noutcome: accepted\n");
        assert_eq!(
            apply("outcome:\nb: 1\n", &set).unwrap(),
            "outcome: accepted\nb: 1\n"
        );
    }
}
