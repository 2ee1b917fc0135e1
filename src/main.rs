//! The `debrief` binary: parse arguments, run one command, exit with its code.

mod cli;

use clap::{CommandFactory, Parser};

/// mimalloc: the site's big pages are made again on every save in `serve`;
/// it reuses their memory where the system allocator maps and unmaps it
/// each time, and it is faster with many threads allocating small values.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // `COMPLETE=bash debrief …`: the shell asking for completions (open
    // action ids among them), answered before anything else runs.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();
    let code = cli::Cli::parse().run();
    std::process::exit(code);
}
