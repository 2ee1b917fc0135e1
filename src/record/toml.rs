//! Recording into TOML front-matter with `toml_edit`, which keeps the
//! comments, order and formatting of everything it is not asked to change.

use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table};

use super::{Edit, Value};

/// Applies `edit` to the TOML front-matter `text` (between the `+++`
/// lines), returning the new text with the file's line ends.
pub fn apply(text: &str, edit: &Edit) -> Result<String, String> {
    let mut doc: DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    match edit {
        Edit::Append { field, entry } => match doc.get_mut(field) {
            None => {
                let mut list = ArrayOfTables::new();
                list.push(table(entry));
                doc.insert(field, Item::ArrayOfTables(list));
            }
            Some(Item::ArrayOfTables(list)) => list.push(table(entry)),
            Some(Item::Value(toml_edit::Value::Array(list))) => {
                list.push(inline(entry));
            }
            Some(_) => return Err(format!("`{field}` is not a list: fix it first")),
        },
        Edit::SetInItem {
            field,
            index,
            key,
            value,
            scalar_key,
        } => {
            let missing = || format!("`{field}` has no item {}", index + 1);
            match doc.get_mut(field) {
                Some(Item::ArrayOfTables(list)) => {
                    let t = list.get_mut(*index).ok_or_else(missing)?;
                    t.insert(key, Item::Value(toml_value(value)));
                }
                Some(Item::Value(toml_edit::Value::Array(list))) => {
                    let item = list.get_mut(*index).ok_or_else(missing)?;
                    match item {
                        toml_edit::Value::InlineTable(t) => {
                            t.insert(key, toml_value(value));
                        }
                        toml_edit::Value::String(s) => {
                            let mut t = InlineTable::new();
                            t.insert(scalar_key, s.value().as_str().into());
                            t.insert(key, toml_value(value));
                            let decor = s.decor().clone();
                            let mut new = toml_edit::Value::InlineTable(t);
                            *new.decor_mut() = decor;
                            *item = new;
                        }
                        _ => {
                            return Err(format!(
                                "item {} of `{field}` cannot be changed",
                                index + 1
                            ));
                        }
                    }
                }
                _ => return Err(format!("`{field}` is not a list")),
            }
        }
        Edit::SetTop { key, value } => match doc.get_mut(key) {
            Some(Item::Value(v)) => {
                let decor = v.decor().clone();
                *v = toml_value(value);
                *v.decor_mut() = decor;
            }
            _ => {
                doc.insert(key, Item::Value(toml_value(value)));
            }
        },
    }
    let out = doc.to_string();
    Ok(if text.contains("\r\n") {
        out.replace("\r\n", "\n").replace('\n', "\r\n")
    } else {
        out
    })
}

fn table(entry: &[(String, Value)]) -> Table {
    let mut t = Table::new();
    for (k, v) in entry {
        t.insert(k, Item::Value(toml_value(v)));
    }
    t
}

fn inline(entry: &[(String, Value)]) -> InlineTable {
    let mut t = InlineTable::new();
    for (k, v) in entry {
        t.insert(k, toml_value(v));
    }
    t
}

fn toml_value(v: &Value) -> toml_edit::Value {
    use chrono::Datelike;
    match v {
        Value::Text(t) => t.as_str().into(),
        Value::Date(d) => toml_edit::Value::from(toml_edit::Datetime {
            date: Some(toml_edit::Date {
                year: d.year() as u16,
                month: d.month() as u8,
                day: d.day() as u8,
            }),
            time: None,
            offset: None,
        }),
        Value::List(items) => {
            let mut a = toml_edit::Array::new();
            for i in items {
                a.push(i.as_str());
            }
            toml_edit::Value::Array(a)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn tables_and_inline_lists_grow_in_their_own_style() {
        let entry = vec![
            ("kind".to_string(), Value::Text("thank-you".into())),
            (
                "on".to_string(),
                Value::Date(NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()),
            ),
        ];
        let append = Edit::Append {
            field: "sent".into(),
            entry,
        };
        let tables = "company = \"A\" # the firm\n\n[[sent]]\nkind = \"other\"\non = 2026-11-01\n";
        assert_eq!(
            apply(tables, &append).unwrap(),
            "company = \"A\" # the firm\n\n[[sent]]\nkind = \"other\"\non = 2026-11-01\n\n[[sent]]\nkind = \"thank-you\"\non = 2026-11-18\n"
        );
        let inline = "sent = [{kind = \"other\", on = 2026-11-01}]\r\n";
        assert_eq!(
            apply(inline, &append).unwrap(),
            "sent = [{kind = \"other\", on = 2026-11-01}, { kind = \"thank-you\", on = 2026-11-18 }]\r\n"
        );
        let done = Edit::SetInItem {
            field: "promised".into(),
            index: 0,
            key: "done".into(),
            value: Value::Date(NaiveDate::from_ymd_opt(2026, 11, 19).unwrap()),
            scalar_key: "item".into(),
        };
        assert_eq!(
            apply("promised = [\"deck\"]\n", &done).unwrap(),
            "promised = [{ item = \"deck\", done = 2026-11-19 }]\n"
        );
    }
}
