//! `debrief build`: the static site, written into the output folder.

use std::io::Write as _;
use std::path::PathBuf;

use debrief::output;
use debrief::site::BuildError;

use super::{Error, Exit, Global, leave, load, print, repository};

/// What `build` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The journal repository [default: found upward from the current folder]
    root: Option<PathBuf>,
    /// The output folder, relative to the repository
    #[arg(long, short, value_name = "DIR", default_value = "public")]
    output: PathBuf,
    /// The URL the site will be published under
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Build even if some journals have errors; the dashboard lists them first
    #[arg(long)]
    keep_going: bool,
}

/// `debrief build`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let opts = debrief::site::Options {
        output: args.output.clone(),
        base_url: args.base_url.clone(),
        keep_going: args.keep_going,
        // The one secret the build takes: never an argument, which other
        // users could see.
        password: std::env::var("DEBRIEF_PASSWORD").ok(),
        // Asked for where the password is given, each time: not a setting
        // left in debrief.toml and forgotten.
        allow_weak_password: std::env::var_os("DEBRIEF_ALLOW_WEAK_PASSWORD")
            .is_some_and(|v| v == "1"),
    };
    let root = repository(g, args.root.as_deref());
    let (repo, today) = load(&root, g)?;
    let built = match debrief::site::build(&repo, today, &opts) {
        Ok(built) => built,
        Err(e @ BuildError::Journals(_)) => {
            let _ = writeln!(
                anstream::stderr(),
                "error: {}",
                output::terminal_safe(&e.to_string())
            );
            return Ok(Exit::Found);
        }
        Err(e) => return Err(e.into()),
    };
    if std::env::var_os("DEBRIEF_TIMINGS").is_some() {
        for (phase, took) in &built.phases {
            let _ = writeln!(
                anstream::stderr(),
                "{:>8.1} ms  {phase}",
                took.as_secs_f64() * 1000.0
            );
        }
    }
    print(
        g,
        &format!(
            "Built {} files into {}\n",
            built.files,
            built.output.display()
        ),
    );
    if let Some(weak) = &built.weak_password
        && !g.quiet
    {
        let _ = writeln!(
            anstream::stderr(),
            "warning: locked with a weak password, as DEBRIEF_ALLOW_WEAK_PASSWORD=1 asks. {weak}"
        );
    }
    if !repo.bad_files.is_empty() && !g.quiet {
        let _ = writeln!(
            anstream::stderr(),
            "warning: {} journals with errors were left out: {}",
            repo.bad_files.len(),
            output::terminal_safe(&repo.bad_files.join(", "))
        );
    }
    leave(repo);
    Ok(Exit::Clean)
}
