//! The `debrief` binary: parse arguments, run one command, exit with its code.

mod cli;

use clap::Parser;

fn main() {
    let code = cli::Cli::parse().run();
    std::process::exit(code);
}
