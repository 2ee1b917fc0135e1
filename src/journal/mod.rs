//! Journals: finding them, splitting them, reading their front-matter and
//! body into [`Journal`] values, and grouping them into [`Application`]s.
//!
//! [`parse`] is pure (bytes in, journal and problems out); only
//! `discover.rs` touches the file system.

pub mod application;
pub mod depth;
pub mod discover;
pub mod fields;
pub mod frontmatter;
pub mod markdown;
pub mod model;
pub mod node;
pub mod redact;
pub mod schema;

pub use application::Application;
pub use model::Journal;

use crate::diagnostics::{Loc, Problem, Severity};
use frontmatter::{Format, SplitError};
use schema::FRONT_MATTER;

/// The lines of `text` with where each starts, line ends kept (as
/// `split_inclusive('\n')`), found with `memchr`'s vector search: the
/// scan for reflection headings walks every journal's body line by line,
/// and the standard library's search for one byte is not vectorized.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let end =
            memchr::memchr(b'\n', &text.as_bytes()[start..]).map_or(text.len(), |i| start + i + 1);
        let line = (start, &text[start..end]);
        start = end;
        Some(line)
    })
}

/// A journal file read as far as it could be.
pub struct Read {
    /// The journal, if the front-matter had everything required.
    pub journal: Option<Journal>,
    /// Every problem found in the file.
    pub problems: Vec<Problem>,
}

impl Read {
    /// Whether the journal can be used: read, and without front-matter errors.
    pub fn is_good(&self) -> bool {
        self.journal.is_some()
            && !self
                .problems
                .iter()
                .any(|p| p.rule == FRONT_MATTER || p.rule == depth::TOO_DEEP)
    }
}

/// Reads the journal `path` (relative to the repository root) from its bytes.
/// `reflection_headings` are the heading words of reflection sections;
/// `snooze_rules` the rule ids a snooze may name.
pub fn parse<S: AsRef<str>>(
    path: &str,
    bytes: &[u8],
    reflection_headings: &[S],
    snooze_rules: &[&str],
) -> Read {
    parse_with(path, bytes, reflection_headings, snooze_rules, Body::Keep)
}

/// Whether a journal read keeps its Markdown body: only pages show it; the
/// rules and reports read the reflection parsed from it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Body {
    /// Kept, for the site.
    Keep,
    /// Left out once the reflection is parsed (`Journal::body` is empty).
    Drop,
    /// Left out, and of the reflection only whether there is one is read
    /// (`Reflection::sections` holds its first heading, the lists are
    /// empty): what the rules need, for `check` and `due`.
    Headings,
}

/// The Markdown body of a journal file, as [`parse`] keeps it in
/// `Journal::body`; `None` when the file is no longer a journal (or its
/// body has since become too deep to render).
pub fn body(bytes: &[u8]) -> Option<String> {
    let text = frontmatter::strip_bom(std::str::from_utf8(bytes).ok()?);
    let body = frontmatter::split(text).ok()?.body;
    depth::too_deep(body).is_none().then(|| body.to_string())
}

/// [`parse`], keeping the body or not.
pub fn parse_with<S: AsRef<str>>(
    path: &str,
    bytes: &[u8],
    reflection_headings: &[S],
    snooze_rules: &[&str],
    body: Body,
) -> Read {
    let fail = |loc: Option<Loc>, message: String| Read {
        journal: None,
        problems: vec![Problem::at(
            FRONT_MATTER,
            Severity::Error,
            path,
            loc,
            message,
        )],
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let line = valid.matches('\n').count() as u32 + 1;
            let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
            return fail(
                Some(Loc::new(line, column)),
                format!(
                    "the file is not valid UTF-8 (bad byte at offset {}); save it as UTF-8",
                    e.valid_up_to()
                ),
            );
        }
    };
    let text = frontmatter::strip_bom(text);
    let split = match frontmatter::split(text) {
        Ok(s) => s,
        Err(e @ SplitError::Empty) => return fail(None, e.to_string()),
        Err(e) => return fail(Some(Loc::new(1, 1)), e.to_string()),
    };
    let tree = match split.format {
        Format::Yaml => node::from_yaml(split.matter, split.matter_line),
        Format::Toml => node::from_toml(split.matter, split.matter_line),
    };
    let tree = match tree {
        Ok(t) => t,
        Err(e) => {
            let lang = if split.format == Format::Yaml {
                "YAML"
            } else {
                "TOML"
            };
            return fail(
                Some(e.loc),
                format!("the front-matter is not valid {lang}: {}", e.message),
            );
        }
    };
    let mut parsed = schema::read(path, &tree, Loc::new(1, 1), snooze_rules);
    if let Some(deep) = depth::too_deep(split.body) {
        parsed.problems.push(Problem::at(
            depth::TOO_DEEP,
            Severity::Error,
            path,
            Some(Loc::new(split.body_line + deep.line - 1, deep.column)),
            format!(
                "the notes nest more than {} levels deep here (block quotes, lists or HTML \
                 elements inside one another); flatten them so the page can be rendered",
                depth::MAX_BODY_DEPTH
            ),
        ));
        return Read {
            journal: parsed.journal,
            problems: parsed.problems,
        };
    }
    let journal = parsed.journal.map(|mut j| {
        j.reflection = match body {
            Body::Headings => markdown::first_reflection(split.body, reflection_headings),
            Body::Keep | Body::Drop => markdown::reflection(split.body, reflection_headings),
        };
        if body == Body::Keep {
            j.body = split.body.to_string();
        }
        j.body_line = split.body_line;
        j
    });
    Read {
        journal,
        problems: parsed.problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Read {
        parse(
            "content/x.md",
            bytes,
            markdown::DEFAULT_REFLECTION_HEADINGS,
            &[],
        )
    }

    fn first(r: &Read) -> (Option<u32>, Option<u32>, &str) {
        let p = &r.problems[0];
        (p.line, p.column, p.message.as_str())
    }

    #[test]
    fn reads_yaml_with_bom_and_crlf() {
        let r = read("\u{feff}---\r\ncompany: A\r\nrole: B\r\ndate: 2026-11-17\r\n---\r\n## Went well\r\n- calm\r\n".as_bytes());
        assert!(r.is_good(), "{:?}", r.problems);
        let j = r.journal.unwrap();
        assert_eq!(j.company, "A");
        assert_eq!(j.body_line, 6);
        assert_eq!(j.reflection.went_well, vec!["calm"]);
    }

    #[test]
    fn reads_toml() {
        let r = read(b"+++\ncompany = \"A\"\nrole = \"B\"\ndate = 2026-11-17T14:00:00\n+++\n");
        assert!(r.is_good(), "{:?}", r.problems);
    }

    #[test]
    fn unreadable_files_say_why_and_where() {
        assert_eq!(
            first(&read(b"")),
            (
                None,
                None,
                "the file is empty; a journal starts with front-matter between `---` lines"
            )
        );
        assert_eq!(first(&read(b"# notes\n")).0, Some(1));
        assert!(
            first(&read(b"---\ncompany: A\n"))
                .2
                .contains("never closed")
        );
        let bad = read(b"---\ncompany: A\nrole: \xff\xfe\n---\n");
        assert_eq!(first(&bad).0, Some(3));
        assert_eq!(first(&bad).1, Some(7));
        let yaml = read(b"---\ncompany: A\nrole: [B\ndate: 2026-11-17\n---\n");
        assert!(
            first(&yaml)
                .2
                .starts_with("the front-matter is not valid YAML"),
            "{}",
            first(&yaml).2
        );
        assert!(!yaml.is_good());
    }

    #[test]
    fn the_body_read_again_is_the_body_parse_keeps() {
        for text in [
            "---\ncompany: A\nrole: R\ndate: 2026-11-02\n---\n\n# Notes\n\n- one\n",
            "\u{feff}+++\ncompany = \"A\"\nrole = \"R\"\ndate = 2026-11-02\n+++\nbody\r\nline\n",
            "---\ncompany: A\nrole: R\ndate: 2026-11-02\n---",
        ] {
            let parsed = parse("content/a.md", text.as_bytes(), &["went well"], &[]);
            let kept = parsed.journal.expect("a journal").body;
            assert_eq!(body(text.as_bytes()), Some(kept), "{text:?}");
        }
        assert_eq!(body(b"no front-matter"), None);
        assert_eq!(body(b"\xff\xfe"), None);
    }
}
