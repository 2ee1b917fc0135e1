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

/// `contents` in a synced temporary file beside `path`, to be renamed
/// into place.
fn staged(path: &Path, contents: &str) -> Result<tempfile::NamedTempFile, ScaffoldError> {
    let io = |e| ScaffoldError::Io(path.to_path_buf(), e);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".debrief-");
    // A temporary file is private (0600); the file it becomes is made as
    // any other the user makes: read-write, less what their umask takes.
    #[cfg(unix)]
    builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(contents.as_bytes()).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    Ok(tmp)
}

/// Writes `contents` to a new file at `path` (creating folders), through a
/// temporary file and a rename that fails if `path` exists.
pub fn write_new(path: &Path, contents: &str) -> Result<(), ScaffoldError> {
    if path.exists() {
        return Err(ScaffoldError::Exists(path.to_path_buf()));
    }
    staged(path, contents)?
        .persist_noclobber(path)
        .map_err(|e| match e.error.kind() {
            std::io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => ScaffoldError::Io(path.to_path_buf(), e.error),
        })?;
    Ok(())
}

/// Replaces the file at `path` with `contents` at once (a temporary file
/// renamed over it): for files debrief wrote itself, never a user's.
pub fn replace(path: &Path, contents: &str) -> Result<(), ScaffoldError> {
    staged(path, contents)?
        .persist(path)
        .map_err(|e| ScaffoldError::Io(path.to_path_buf(), e.error))?;
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
    /// How the interview takes place (`in-person`, `video`, `phone`), if given.
    pub format: Option<&'a str>,
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
    Ok((path, front_matter(new) + body))
}

/// The column a hint starts in, so the hints read as one column.
const HINT_AT: usize = 36;

/// A line of front-matter with its hint after it, in the hints' column.
fn hinted(text: &str, hint: &str) -> String {
    format!("{text:<HINT_AT$} # {hint}\n")
}

/// The front-matter of a new journal: what was asked for, and every other
/// field a follow-up needs, the optional ones commented out with a hint, so
/// the file is clean as written and each field is ready to uncomment.
/// Nothing is guessed: a field is written only when its value is known.
fn front_matter(new: &NewJournal<'_>) -> String {
    let mut fm = String::from("---\n");
    fm += &format!("company: {}\n", yaml_str(new.company));
    fm += &format!("role: {}\n", yaml_str(new.role));
    fm += &format!("date: {}\n", new.date.trim());
    match new.stage {
        Some(stage) => fm += &format!("stage: {}\n", yaml_str(stage)),
        None => fm += &hinted("# stage: onsite", "screen, technical, onsite, final, …"),
    }
    match new.format {
        Some(format) => fm += &format!("format: {}\n", yaml_str(format)),
        None => {
            fm += &hinted(
                "# format: video",
                "how it took place: in-person, video or phone",
            )
        }
    }
    fm += &hinted(
        "# title: Second onsite",
        "the page's heading; default: made from the stage and company",
    );
    fm += &hinted(
        "channel: email",
        "how to follow up: email, phone, mail or linkedin",
    );
    if new.interviewers.is_empty() {
        fm += &hinted("interviewers:", "who you met, one entry each:");
        fm += &interviewer_hints("#   - name: Ann Lee\n", "#     ");
    } else {
        fm += "interviewers:\n";
        for name in new.interviewers {
            let entry = format!("  - name: {}\n", yaml_str(name));
            fm += &interviewer_hints(&entry, "    # ");
        }
    }
    // The examples name the first interviewer, quoted so that
    // uncommenting one gives valid YAML whatever the name.
    let who = new
        .interviewers
        .first()
        .map_or_else(|| "Ann Lee".to_string(), |n| yaml_str(n));
    fm += &hinted(
        &format!("# contact: {who}"),
        "who to check in with; default: the first interviewer of the latest interview",
    );
    fm += &hinted("next_steps:", "what they said happens next");
    fm += &hinted(
        "# decision_by: YYYY-MM-DD",
        "when they said they would decide",
    );
    fm += &hinted(
        "# no_contact_before: YYYY-MM-DD",
        "they asked you not to write before this day",
    );
    fm += &hinted(
        "# discussed: [the team's roadmap]",
        "completes \"I enjoyed our conversation about …\" in drafts",
    );
    fm += &hinted("learned: []", "what you learned, in your own words");
    fm += &hinted("highlights: []", "your strengths to reinforce in drafts");
    fm += &hinted(
        "promised: []",
        &format!(
            "- {{item: code sample, to: {who}, due: YYYY-MM-DD}}; add done: YYYY-MM-DD once sent"
        ),
    );
    fm += &hinted(
        "sent: []",
        &format!("- {{kind: thank-you, on: YYYY-MM-DD, to: {who}, channel: email, note: short}}"),
    );
    fm += &hinted("", "- {kind: check-in, on: YYYY-MM-DD, allow: [too-soon]}");
    fm += &hinted(
        "",
        "allow acknowledges a problem you cannot undo; an offer-reply may give decide_by: YYYY-MM-DD",
    );
    fm += &hinted(
        "# replies: []",
        &format!("- {{on: YYYY-MM-DD, from: {who}, note: invited to the onsite}}"),
    );
    fm += &hinted(
        "# outcome: pending",
        "pending, offer, rejected, withdrawn, accepted or declined",
    );
    fm += &hinted(
        "# outcome_on: YYYY-MM-DD",
        "when the outcome came; default: the journal's date",
    );
    fm += &hinted(
        "# references: []",
        "who you gave as references: - {name: Bruce Banner, briefed: YYYY-MM-DD}",
    );
    fm += &hinted("# tags: []", "your own labels");
    fm += &hinted(
        "# snooze: []",
        "- {rule: check-in, until: YYYY-MM-DD}: hides that action until then",
    );
    fm += &hinted(
        "# allow: []",
        "problem rule ids acknowledged for the whole journal, e.g. [no-timeline]",
    );
    fm += "---\n";
    fm
}

/// An interviewer's entry, then the fields a person may have, commented
/// out: each line starts with `prefix`.
fn interviewer_hints(entry: &str, prefix: &str) -> String {
    let mut out = entry.to_string();
    for (field, hint) in [
        ("title: Engineering Manager", ""),
        ("email: name@example.com", ""),
        ("phone: \"+1 555 0100\"", ""),
        (
            "prefers: phone",
            "how they want to hear from you; overrides channel",
        ),
        ("linkedin: true", "they agreed to connect on LinkedIn"),
        (
            "discussed: [the on-call rota]",
            "the same, for the drafts to this person",
        ),
    ] {
        let text = format!("{prefix}{field}");
        if hint.is_empty() {
            out += &text;
            out += "\n";
        } else {
            out += &hinted(&text, hint);
        }
    }
    out
}

/// How many journals of one day and stage `write_journal` numbers before
/// giving up: more is a loop gone wrong, not interviews.
const MAX_SAME_NAME: u32 = 99;

/// `rel` with `-n` before its extension (`2026-11-17-onsite-2.md`); `rel`
/// itself for 1.
pub fn numbered(rel: &str, n: u32) -> String {
    if n <= 1 {
        return rel.to_string();
    }
    match rel.strip_suffix(".md") {
        Some(stem) => format!("{stem}-{n}.md"),
        None => format!("{rel}-{n}"),
    }
}

/// Writes a new journal at `rel` (relative to `root`), or, when a file of
/// that name exists (a second interview on the same day and stage), at the
/// first free `-2`, `-3`, … name. Never overwrites. Returns the name used.
pub fn write_journal(root: &Path, rel: &str, contents: &str) -> Result<String, ScaffoldError> {
    for n in 1..=MAX_SAME_NAME {
        let name = numbered(rel, n);
        match write_new(&root.join(&name), contents) {
            Ok(()) => return Ok(name),
            Err(ScaffoldError::Exists(_)) => continue,
            Err(e) => return Err(e),
        }
    }
    Err(ScaffoldError::Invalid(format!(
        "{} and its numbered copies up to -{MAX_SAME_NAME} exist already; debrief never overwrites a file",
        rel
    )))
}

/// The files `debrief init` writes, relative to the new repository's root.
pub fn init_files(today: NaiveDate) -> Vec<(String, String)> {
    let example = new_journal(
        &NewJournal {
            company: "Example Labs",
            role: "Software Engineer",
            date: &today.pred_opt().unwrap_or(today).to_string(),
            stage: Some("screen"),
            format: None,
            interviewers: &["Sam Rivera".to_string()],
        },
        DEFAULT_JOURNAL_TEMPLATE,
    )
    .expect("the example journal is valid");
    // Filled in as after a real screen, so that it passes `check --deny
    // warnings` (the hook `init --hook` installs) as a journal should.
    let example = (
        example.0,
        example
            .1
            .replacen(
                "learned: []                          #",
                "learned: [their move to event sourcing] #",
                1,
            )
            .replacen(
                "next_steps:                          #",
                "next_steps: An answer within a week  #",
                1,
            ),
    );
    vec![
        ("debrief.toml".into(), init_config()),
        (
            ".gitignore".into(),
            "# The site `debrief build` writes, and its lock and staging folders.\npublic/\n.public.*\n"
                .into(),
        ),
        example,
        (SCHEMA_FILE.into(), journal_schema()),
    ]
}

/// Where `init` puts the JSON Schema of the front-matter, for editors.
pub const SCHEMA_FILE: &str = ".debrief/journal.schema.json";

/// The JSON Schema of a journal's front-matter (`debrief schema`), with the
/// rule ids a snooze and an `allow` may name.
pub fn journal_schema() -> String {
    let schema = crate::journal::fields::json_schema(
        &crate::rules::action_ids(),
        &crate::rules::problem_ids(),
    );
    let mut text = serde_json::to_string_pretty(&schema).expect("JSON serializes");
    text.push('\n');
    text
}

/// The `debrief.toml` of a new repository: every key with its default (or
/// an example where there is none), commented out, so a later default
/// reaches the user unless they chose otherwise. The timings are the ones
/// the rules declare ([`crate::rules::params`]).
fn init_config() -> String {
    let timings: String = crate::rules::params()
        .map(|p| {
            let setting = format!("# {} = {}", p.key, p.default);
            let unit = p.unit.as_str();
            let space = if unit.is_empty() { "" } else { " " };
            format!("{setting:<36} # {unit}{space}{}\n", p.doc)
        })
        .collect();
    INIT_CONFIG.replace("{timings}", &timings)
}

/// [`init_config`] before the timings are filled in.
const INIT_CONFIG: &str = r#"# debrief configuration. Every setting has a default; uncomment a line to change it.

# timezone = "Europe/London"         # IANA name; default: the system's zone (TZ, then the OS setting)
# theme = "default"                  # the folder under themes/ whose files replace the built-in ones

[me]                                 # who the drafts are from
# name = "Your Name"                 # signs the drafts
# email = "you@example.com"          # under your name in the drafts
# phone = "+1 555 0100"              # under your name in thank-you drafts

[rules]                              # when each follow-up is due
{timings}# reflection_headings = ["reflection", "went well", "struggled", "do differently", "takeaway", "lesson"]
# weekend = "monday"                 # day-based follow-ups due on a weekend move to Monday; "keep" leaves them
# cards = ["thank-you"]              # the kinds of follow-up a handwritten card (channel: mail) suits

[rules.severity]                     # per rule id: error, warning, note or off
# generic-draft = "note"

[ci]                                 # what `debrief init --ci` needs
# from = "https://github.com/you/debrief.git"  # the git URL CI installs debrief from

[site]                               # the site `debrief build` writes
# title = "Interview follow-ups"     # the site's title
# base_url = "https://example.com/jobs/"  # where it is published: calendar events link to its pages
# private = true                     # noindex and a disallow-all robots.txt
# redact = []                        # front-matter fields never written to the site, e.g. ["salary"]
# encrypt = false                    # true: every page locked with the password in DEBRIEF_PASSWORD
# history_weeks = 260                # the weekly pages go back at most this many weeks
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
            format: None,
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
                format: Some("video"),
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
    fn the_template_reads_without_a_problem_with_or_without_interviewers() {
        for interviewers in [
            &[][..],
            &["Ann Lee".to_string(), "Bo: \"Chen\"\n#".to_string()],
        ] {
            let (path, text) = new_journal(
                &NewJournal {
                    company: "Acme",
                    role: "Engineer",
                    date: "2026-11-17",
                    stage: None,
                    format: None,
                    interviewers,
                },
                DEFAULT_JOURNAL_TEMPLATE,
            )
            .unwrap();
            let read = crate::journal::parse(&path, text.as_bytes(), &["went well"], &[]);
            assert_eq!(read.problems, [], "{text}");
            let j = read.journal.unwrap();
            assert_eq!(j.interviewers.len(), interviewers.len());
            assert_eq!(j.format, None, "not guessed");
        }
    }

    #[test]
    fn a_journal_of_a_name_taken_gets_the_next_number() {
        assert_eq!(numbered("content/a/x.md", 1), "content/a/x.md");
        assert_eq!(numbered("content/a/x.md", 2), "content/a/x-2.md");
        let dir = tempfile::tempdir().unwrap();
        let rel = "content/a/2026-11-17-onsite.md";
        for (n, expected) in [
            (1, rel),
            (2, "content/a/2026-11-17-onsite-2.md"),
            (3, "content/a/2026-11-17-onsite-3.md"),
        ] {
            let text = format!("journal {n}");
            assert_eq!(write_journal(dir.path(), rel, &text).unwrap(), expected);
        }
        // Each kept what it was written with.
        let read = |rel: &str| std::fs::read_to_string(dir.path().join(rel)).unwrap();
        assert_eq!(read(rel), "journal 1");
        assert_eq!(read("content/a/2026-11-17-onsite-3.md"), "journal 3");
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
