//! `debrief serve`: the site previewed from memory, rebuilt on save.

use std::path::PathBuf;

use super::{Error, Exit, Global, repository};

/// What `serve` takes.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The journal repository [default: found upward from the current folder]
    root: Option<PathBuf>,
    /// The port to listen on (0: any free port)
    #[arg(long, short, default_value_t = 1111)]
    port: u16,
    /// The interface to listen on; only this address is served
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
    interface: std::net::IpAddr,
    /// Open the site in the browser
    #[arg(long)]
    open: bool,
    /// Poll for changes instead of waiting for file-system events (network or container file systems)
    #[arg(long)]
    poll: bool,
}

/// `debrief serve`: runs until interrupted.
pub fn run(g: &Global, args: &Args) -> Result<Exit, Error> {
    let opts = debrief::serve::Options {
        root: repository(g, args.root.as_deref()),
        config: g.config.clone(),
        today: g.today,
        addr: std::net::SocketAddr::new(args.interface, args.port),
        poll: args.poll,
        open: args.open,
        limits: debrief::serve::Limits::from_env(),
    };
    debrief::serve::run(opts)?;
    Ok(Exit::Clean)
}
