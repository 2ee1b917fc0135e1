//! `debrief new`: a new journal from the theme's template, opened in the
//! editor if asked.

use std::path::Path;

use debrief::scaffold::{self, NewJournal};

use super::{Error, Exit, Global, load, print, repository};

/// What `debrief new` is asked for.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The employer
    #[arg(long)]
    company: String,
    /// The position
    #[arg(long)]
    role: String,
    /// When the interview is or was: YYYY-MM-DD or YYYY-MM-DDTHH:MM [default: today]
    #[arg(long)]
    date: Option<String>,
    /// The stage: screen, technical, onsite, final, …
    #[arg(long)]
    stage: Option<String>,
    /// How the interview takes place: in-person, video or phone
    #[arg(long, value_name = "HOW")]
    format: Option<String>,
    /// An interviewer's name (repeat for several)
    #[arg(long = "interviewer", value_name = "NAME")]
    interviewers: Vec<String>,
    /// Open the new journal in $VISUAL (else $EDITOR)
    #[arg(long)]
    edit: bool,
}

/// `debrief new`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let root = &repository(g, None);
    let (repo, today) = load(root, g)?;
    let today = today.to_string();
    let template_path = root
        .join("themes")
        .join(&repo.config.theme)
        .join("archetypes/journal.md");
    let body = match std::fs::read_to_string(&template_path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            scaffold::DEFAULT_JOURNAL_TEMPLATE.to_string()
        }
        Err(e) => return Err(format!("cannot read {}: {e}", template_path.display()).into()),
    };
    let request = NewJournal {
        company: &args.company,
        role: &args.role,
        date: args.date.as_deref().unwrap_or(&today),
        stage: args.stage.as_deref(),
        format: args.format.as_deref(),
        interviewers: &args.interviewers,
    };
    let (rel, text) = scaffold::new_journal(&request, &body)?;
    let rel = scaffold::write_journal(root, &rel, &text)?;
    if args.edit {
        return edit(&root.join(rel));
    }
    // A path that opens from where you are (`$EDITOR $(debrief new …)`):
    // relative to the repository when started at its root or given `-C`,
    // else in full.
    let shown = if g.directory.is_some() || root == Path::new(".") {
        rel
    } else {
        root.join(rel).display().to_string()
    };
    print(g, &format!("{shown}\n"));
    Ok(Exit::Clean)
}

/// Opens `path` in the user's editor and ends as it does (the file is
/// written already: quitting the editor keeps it).
fn edit(path: &Path) -> Result<Exit, Error> {
    let Some(editor) = ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|e| !e.is_empty())
    else {
        return Err(format!(
            "wrote {}; set $VISUAL or $EDITOR to have --edit open it",
            path.display()
        )
        .into());
    };
    // `$EDITOR` may carry arguments ("code --wait"), as git allows.
    let editor = editor.to_string_lossy().into_owned();
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or_default();
    match std::process::Command::new(program)
        .args(words)
        .arg(path)
        .status()
    {
        Ok(s) if s.success() => Ok(Exit::Clean),
        Ok(_) => Ok(Exit::Found),
        Err(e) => Err(format!("cannot start the editor `{editor}`: {e}").into()),
    }
}
