//! `debrief schema`: the JSON Schema of a journal's front-matter.

use super::{Error, Exit, Global, print};

/// What `schema` takes.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// `debrief schema`.
pub fn run(g: &Global, _: &Args) -> Result<Exit, Error> {
    print(g, &debrief::scaffold::journal_schema());
    Ok(Exit::Clean)
}
