//! The `debrief` binary: parse arguments, run one command, exit with its code.

mod cli;

use clap::{CommandFactory, Parser};

/// mimalloc: the site's big pages are made again on every save in `serve`;
/// it reuses their memory where the system allocator maps and unmaps it
/// each time, and it is faster with many threads allocating small values.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    no_huge_pages();
    // `COMPLETE=bash debrief …`: the shell asking for completions (open
    // action ids among them), answered before anything else runs.
    clap_complete::CompleteEnv::with_factory(cli::Cli::command).complete();
    let code = cli::Cli::parse().run();
    std::process::exit(code);
}

/// Transparent huge pages off for this process. mimalloc hands out memory
/// in 2 MiB pages where the kernel allows them, and the kernel clears a
/// whole 2 MiB page at its first touch, again each time the allocator gave
/// it back and takes it again: a fifth of the CPU time of `check` and
/// `build` at 10,000 journals went to clearing pages. With 4 KiB pages the
/// build takes about a tenth less time and memory. (Built with mimalloc's
/// `no_thp`, it does not ask for huge pages; this covers systems where the
/// kernel uses them unasked.)
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE only sets a flag of the process.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
