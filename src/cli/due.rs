//! `debrief due`: the follow-ups to do, then the interviews to come.

use std::path::PathBuf;

use clap::ValueEnum;

use debrief::{output, time};

use super::{Error, Exit, Global, bad_files_warning, leave, load_reading, print, repository};

/// What `due` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The journal repository [default: found upward from the current folder]
    root: Option<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Only actions due and interviews within DAYS from today (overdue actions included)
    #[arg(long, value_name = "DAYS")]
    within: Option<u32>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq)]
enum Format {
    Human,
    Json,
}

/// `debrief due`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let root = repository(g, args.root.as_deref());
    let (repo, today) = load_reading(&root, g, debrief::journal::Body::Headings)?;
    let mut actions = repo.evaluate(today).actions;
    let mut interviews = debrief::report::scheduled::upcoming(&repo.journals, today, repo.tz);
    if let Some(days) = args.within {
        let until = time::add_days(today, days as i64);
        actions.retain(|a| a.due <= until);
        interviews.retain(|i| i.date <= until);
    }
    let text = match args.format {
        Format::Human => output::due_human(today, &actions, &interviews),
        Format::Json => output::due_json(today, &actions, &interviews),
    };
    print(g, &text);
    let exit = bad_files_warning(&repo, g);
    leave(repo);
    Ok(exit)
}
