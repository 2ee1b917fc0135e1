//! `debrief completions`: the shell's registration script.

use super::{Error, Exit, Global, print};

/// What `completions` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell
    shell: clap_complete::Shell,
}

/// `debrief completions`.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    // The script asks debrief itself (`COMPLETE=<shell>`) at each Tab, so
    // open action ids complete too.
    let name = args.shell.to_string();
    let shells = clap_complete::env::Shells::builtins();
    let completer = shells
        .completer(&name)
        .ok_or_else(|| format!("no completions for {name}"))?;
    let mut out = Vec::new();
    completer.write_registration("COMPLETE", "debrief", "debrief", "debrief", &mut out)?;
    print(g, &String::from_utf8_lossy(&out));
    Ok(Exit::Clean)
}
