//! `debrief init` and `debrief new`: creating a repository and a journal.
//!
//! Owns the one way debrief writes into a journal repository: a temporary file
//! in the same folder, then a rename that refuses to replace an existing file.
//! Nothing here ever overwrites what the user has.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::time::When;

/// The journal template of the embedded default theme.
pub const DEFAULT_JOURNAL_TEMPLATE: &str = include_str!("../themes/default/archetypes/journal.md");

/// Why a file could not be created.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The file is there already and was left alone.
    Exists(PathBuf),
    /// Arguments that cannot make a journal.
    Invalid(String),
    /// The file system said no.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Exists(p) => write!(
                f,
                "{} already exists; debrief never overwrites a file",
                p.display()
            ),
            ScaffoldError::Invalid(m) => f.write_str(m),
            ScaffoldError::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

/// Writes `contents` to a new file at `path` (creating folders), through a
/// temporary file and a rename that fails if `path` exists.
pub fn write_new(path: &Path, contents: &str) -> Result<(), ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    let io = |e| ScaffoldError::Io(path.to_path_buf(), e);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".debrief-")
        .tempfile_in(dir)
        .map_err(io)?;
    tmp.write_all(contents.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            ScaffoldError::Exists(path.to_path_buf())
        } else {
            io(e.error)
        }
    })?;
    Ok(())
}

/// A file-name-safe slug: lower case, letters and digits, single dashes.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// A YAML string that survives any text (YAML double quotes accept JSON).
fn yaml_str(s: &str) -> String {
    serde_json::to_string(s).expect("strings serialize")
}

/// What `debrief new` is asked for.
pub struct NewJournal<'a> {
    /// The employer.
    pub company: &'a str,
    /// The position.
    pub role: &'a str,
    /// The date (or date-time) as given.
    pub date: &'a str,
    /// The stage, if given.
    pub stage: Option<&'a str>,
    /// Interviewer names.
    pub interviewers: &'a [String],
}

/// The path (relative to the root) and text of a new journal; `body` is the
/// theme's journal template.
pub fn new_journal(new: &NewJournal<'_>, body: &str) -> Result<(String, String), ScaffoldError> {
    if new.company.trim().is_empty() || new.role.trim().is_empty() {
        return Err(ScaffoldError::Invalid(
            "--company and --role must not be empty".into(),
        ));
    }
    let when = When::parse(new.date).ok_or_else(|| {
        ScaffoldError::Invalid(format!(
            "invalid date \"{}\": write YYYY-MM-DD or YYYY-MM-DDTHH:MM",
            new.date
        ))
    })?;
    // `check` would refuse the journal it is about to write.
    if !crate::time::YEARS.contains(&when.year()) {
        return Err(ScaffoldError::Invalid(format!(
            "the date \"{}\" is in the year {}, outside {}–{}: is the year mistyped?",
            new.date,
            when.year(),
            crate::time::YEARS.start(),
            crate::time::YEARS.end()
        )));
    }
    let day = match when {
        When::Date(d) => d,
        When::Local(dt) => dt.date(),
        When::Offset(dt) => dt.date_naive(),
    };
    // A name of only punctuation has no slug; a very long one is cut
    // under the 255 bytes a file name may have.
    let named = |text: &str, otherwise: &str| {
        let mut s = slug(text);
        if s.len() > 100 {
            let mut end = 100;
            while !s.is_char_boundary(end) {
                end -= 1;
            }
            s.truncate(end);
            s.truncate(s.trim_end_matches('-').len());
        }
        if s.is_empty() {
            otherwise.to_string()
        } else {
            s
        }
    };
    let folder = named(&format!("{} {}", new.company, new.role), "application");
    let name = format!(
        "{day}-{}",
        named(new.stage.unwrap_or("interview"), "interview")
    );
    let path = format!("content/{folder}/{name}.md");

    let mut fm = String::from("---\n");
    fm += &format!(
        "company: {}\nrole: {}\ndate: {}\n",
        yaml_str(new.company),
        yaml_str(new.role),
        new.date.trim()
    );
    if let Some(stage) = new.stage {
        fm += &format!("stage: {}\n", yaml_str(stage));
    }
    fm += "format: video            # in-person, video or phone\nchannel: email           # email, phone, mail or linkedin\n";
    if new.interviewers.is_empty() {
        fm += "interviewers: []         # - {name: Ann Lee, title: CTO, email: ann@example.com}\n";
    } else {
        fm += "interviewers:\n";
        for i in new.interviewers {
            fm += &format!("  - name: {}\n", yaml_str(i));
        }
    }
    fm += "next_steps:               # what they said happens next\ndecision_by:              # YYYY-MM-DD\nlearned: []               # specific things you discussed: they make drafts personal\nhighlights: []            # your strengths to reinforce\npromised: []              # - {item: code sample, to: Ann Lee, due: YYYY-MM-DD}\nsent: []                  # - {kind: thank-you, on: YYYY-MM-DD}\n---\n";
    Ok((path, fm + body))
}

/// The files `debrief init` writes, relative to the new repository's root.
pub fn init_files(today: NaiveDate) -> Vec<(String, String)> {
    let example = new_journal(
        &NewJournal {
            company: "Example Labs",
            role: "Software Engineer",
            date: &today.pred_opt().unwrap_or(today).to_string(),
            stage: Some("screen"),
            interviewers: &["Sam Rivera".to_string()],
        },
        DEFAULT_JOURNAL_TEMPLATE,
    )
    .expect("the example journal is valid");
    vec![
        ("debrief.toml".into(), INIT_CONFIG.into()),
        (
            ".gitignore".into(),
            "# The site `debrief build` writes, and its lock and staging folders.\npublic/\n.public.*\n"
                .into(),
        ),
        example,
    ]
}

const INIT_CONFIG: &str = r#"# debrief configuration. Every setting has a default; uncomment to change it.

# timezone = "Europe/London"   # IANA name; default: the system's zone

[me]
# name = "Your Name"           # signs the drafts
# email = "you@example.com"

[rules]
# thank_you_hours = 24
# linkedin_hours = 48
# reflection_hours = 48
# first_check_in_days = 7
# check_in_every_days = 7
# max_check_ins = 3
# keep_warm_every_days = 30
# feedback_after_days = 3
# offer_reply_days = 2
# references_after_days = 1
# min_active_applications = 3
# stale_after_days = 45
# weekend = "monday"          # or "keep": day-based follow-ups due on a weekend stay there

[rules.severity]
# generic-draft = "note"       # error, warning, note or off

[site]
# private = true               # noindex and a disallow-all robots.txt
# redact = ["salary"]          # front-matter fields never written to the site
"#;

#[cfg(test)]
mod tests {
    use super::*;

    // Regression: `new --company "///"` wrote straight under content/, a
    // 300-character company failed with "File name too long", and a year
    // typo was written for `check` to refuse.
    #[test]
    fn odd_names_and_dates_make_usable_paths_or_a_clear_refusal() {
        let new = |company: &'static str, date: &'static str| NewJournal {
            company,
            role: "...",
            date,
            stage: None,
            interviewers: &[],
        };
        let (path, _) = new_journal(&new("///", "2026-11-10"), "").unwrap();
        assert_eq!(path, "content/application/2026-11-10-interview.md");
        let long: &'static str = Box::leak("é".repeat(300).into_boxed_str());
        let (path, _) = new_journal(&new(long, "2026-11-10"), "").unwrap();
        assert!(path.split('/').all(|part| part.len() <= 120), "{path}");
        assert!(new_journal(&new("Acme", "0026-01-01"), "").is_err());
    }

    #[test]
    fn slugs_are_safe() {
        assert_eq!(
            slug("Stark Industries / ML Engineer"),
            "stark-industries-ml-engineer"
        );
        assert_eq!(slug("../../etc"), "etc");
        assert_eq!(slug("Zürich AG"), "zürich-ag");
    }

    #[test]
    fn a_new_journal_parses_and_quotes_hostile_names() {
        let (path, text) = new_journal(
            &NewJournal {
                company: "Acme: \"Rockets\"",
                role: "Engineer",
                date: "2026-11-17T14:00",
                stage: Some("onsite"),
                interviewers: &["Wile E.".into()],
            },
            DEFAULT_JOURNAL_TEMPLATE,
        )
        .unwrap();
        assert_eq!(path, "content/acme-rockets-engineer/2026-11-17-onsite.md");
        let read = crate::journal::parse(&path, text.as_bytes(), &["went well"], &[]);
        assert!(read.is_good(), "{:?}", read.problems);
        let j = read.journal.unwrap();
        assert_eq!(j.company, "Acme: \"Rockets\"");
        assert_eq!(j.interviewers[0].name, "Wile E.");
        assert!(
            j.reflection.sections.is_empty(),
            "the template must not count as a reflection"
        );
    }

    #[test]
    fn never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b.md");
        write_new(&path, "first").unwrap();
        assert!(matches!(
            write_new(&path, "second"),
            Err(ScaffoldError::Exists(_))
        ));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "first");
    }
}
