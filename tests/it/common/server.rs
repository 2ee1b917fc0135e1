//! A running `debrief serve` on a free port, stopped when dropped.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

pub struct Server {
    child: Child,
    pub port: u16,
    /// The line it printed on starting (`Serving ROOT at URL …`).
    pub banner: String,
    /// What the server wrote to stderr so far, line by line.
    pub stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `debrief serve --port 0 --today TODAY EXTRA… ROOT` and waits for
/// the address it prints.
pub fn serve(root: &Path, today: &str, extra: &[&str]) -> Server {
    serve_with(root, today, extra, &[])
}

/// `serve` with these environment variables set.
pub fn serve_with(root: &Path, today: &str, extra: &[&str], env: &[(&str, &str)]) -> Server {
    serve_in(Path::new("."), Some(root), today, extra, env)
}

/// `serve_with`, started in the folder `dir` (`root` may be relative to it;
/// without one, debrief finds the repository from `dir`).
pub fn serve_in(
    dir: &Path,
    root: Option<&Path>,
    today: &str,
    extra: &[&str],
    env: &[(&str, &str)],
) -> Server {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("debrief"))
        .current_dir(dir)
        .args(["serve", "--port", "0", "--today", today])
        .args(extra)
        .args(root)
        .env("NO_COLOR", "1")
        .envs(env.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = Arc::new(Mutex::new(Vec::new()));
    let lines = BufReader::new(child.stderr.take().unwrap());
    let sink = Arc::clone(&stderr);
    std::thread::spawn(move || {
        for line in lines.lines().map_while(Result::ok) {
            sink.lock().unwrap().push(line);
        }
    });
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let port = url
        .trim_start_matches("http://127.0.0.1:")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    Server {
        child,
        port,
        banner: line,
        stderr,
    }
}
