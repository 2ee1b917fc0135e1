//! `debrief init`: a new journal repository, never inside another.

use std::io::Write as _;
use std::path::PathBuf;

use debrief::scaffold::{self, ScaffoldError};

use super::{Error, Exit, Global, given, print};

/// What `init` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Where to create it [default: the current folder]
    dir: Option<PathBuf>,
}

/// `debrief init`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    // A new repository goes where it is asked, never into one above.
    let target = given(g, args.dir.as_deref()).unwrap_or_else(|| PathBuf::from("."));
    if target.join("debrief.toml").exists() {
        return Err(format!(
            "{} is already a debrief repository (it has debrief.toml)",
            target.display()
        )
        .into());
    }
    // A repository inside another would be read as that one's journals.
    if let Ok(abs) = std::path::absolute(&target) {
        let outer = abs.ancestors().skip(1).find(|a| {
            a.join("debrief.toml").is_file()
                || (a.file_name().is_some_and(|n| n == "content")
                    && a.parent().is_some_and(|p| p.join("content").is_dir()))
        });
        if let Some(outer) = outer {
            let outer = match outer.file_name() {
                Some(n) if n == "content" && !outer.join("debrief.toml").is_file() => {
                    outer.parent().unwrap_or(outer)
                }
                _ => outer,
            };
            return Err(format!(
                "{} is inside the journal repository at {}: create the new one elsewhere",
                target.display(),
                outer.display()
            )
            .into());
        }
    }
    let today = g.today.unwrap_or_else(|| chrono::Local::now().date_naive());
    let mut created = Vec::new();
    for (rel, text) in scaffold::init_files(today) {
        match scaffold::write_new(&target.join(&rel), &text) {
            Ok(()) => created.push(rel),
            Err(ScaffoldError::Exists(_)) => {
                let _ = writeln!(anstream::stderr(), "kept the existing {rel}");
            }
            Err(e) => return Err(e.into()),
        }
    }
    let mut text = format!("Created a journal repository in {}:\n", target.display());
    for rel in created {
        text += &format!("  {rel}\n");
    }
    text += "Next: `debrief due` lists what to do; `debrief new --company C --role R` starts a journal.\n";
    print(g, &text);
    Ok(Exit::Clean)
}
