//! `debrief check`: the journals' problems, in the format asked for.

use std::path::PathBuf;

use clap::ValueEnum;

use debrief::diagnostics::Counts;
use debrief::output;

use super::{Error, Exit, Global, leave, load_reading, print, repository};

/// What `check` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The journal repository [default: found upward from the current folder]
    root: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Exit with 1 on warnings too
    #[arg(long, value_enum, value_name = "LEVEL")]
    deny: Option<Deny>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Human,
    Json,
    Github,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Deny {
    Warnings,
}

/// `debrief check`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let root = repository(g, args.root.as_deref());
    let (repo, today) = load_reading(&root, g, debrief::journal::Body::Headings)?;
    let problems = repo.evaluate(today).problems;
    let text = match args.format {
        Format::Human => output::check_human(&problems, &repo.root, repo.files),
        Format::Json => output::check_json(&problems),
        Format::Github => output::check_github(&problems),
    };
    print(g, &text);
    let c = Counts::of(&problems);
    let denied = c.errors > 0 || (args.deny == Some(Deny::Warnings) && c.warnings > 0);
    leave((repo, problems));
    Ok(if denied { Exit::Found } else { Exit::Clean })
}
