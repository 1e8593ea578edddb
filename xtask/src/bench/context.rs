//! What every benchmark case gets: the built bench binary, the tool environment,
//! a scratch folder for generated inputs, and how many runs to make.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use serde_json::Value;

use crate::error::{IoContext, Result};
use crate::paths::Paths;
use crate::shell::{self, ToolEnv};

use super::runner;

#[derive(Debug)]
pub struct Context<'a> {
    pub paths: &'a Paths,
    pub env: &'a ToolEnv,
    /// The release build of `oneshot-bench`.
    pub bench_binary: PathBuf,
    /// The cargo target directory (release builds of the apps live there).
    pub target_dir: PathBuf,
    /// Generated inputs; removed when the run ends.
    pub scratch: PathBuf,
    pub runs: usize,
    pub warmup: usize,
    pub quick: bool,
}

impl Context<'_> {
    /// One run of `oneshot-bench ARGS`: its JSON answer and its process's wall-clock time.
    pub fn ours<S: AsRef<OsStr>>(&self, args: &[S]) -> Result<(Value, Duration)> {
        let args: Vec<&OsStr> = args.iter().map(AsRef::as_ref).collect();
        runner::ours(&self.bench_binary, &args, self.env)
    }

    /// A generated input in the scratch folder, made on first use.
    pub fn input(&self, name: &str, generate: &[&str]) -> Result<PathBuf> {
        let path = self.scratch.join(name);
        if !path.is_file() {
            println!("  generating {name}");
            let mut args: Vec<OsString> = generate.iter().map(OsString::from).collect();
            args.push("--out".into());
            args.push(path.clone().into_os_string());
            self.ours(&args)?;
        }
        Ok(path)
    }

    /// A fresh, empty folder for a tool's output, in memory (tmpfs) when the system
    /// has one, so writing output costs no disk I/O.
    pub fn output_dir(&self, name: &str) -> Result<PathBuf> {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            self.scratch.clone()
        };
        let dir = base.join(format!("oneshot-bench-{}-{name}", std::process::id()));
        remove_dir(&dir)?;
        std::fs::create_dir_all(&dir).at(&dir)?;
        Ok(dir)
    }
}

pub fn remove_dir(dir: &Path) -> Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).at(dir)?;
    }
    Ok(())
}

/// The first line a tool prints about its version (some print it on stderr).
pub fn tool_version(program: &str, args: &[&str]) -> String {
    let output = Command::new(program).args(args).output();
    output
        .ok()
        .and_then(|out| {
            let text = [out.stdout, out.stderr].concat();
            String::from_utf8_lossy(&text)
                .lines()
                .find(|line| !line.trim().is_empty())
                .map(|line| line.trim().to_owned())
        })
        .unwrap_or_else(|| format!("{program} (version unknown)"))
}

/// A path as an argument.
pub fn arg(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// Echoes and runs a build command with the tool environment.
pub fn build(paths: &Paths, env: &ToolEnv, args: &[&str]) -> Result<()> {
    let mut cmd = Command::new(crate::paths::cargo());
    cmd.args(args).current_dir(&paths.root);
    env.apply(&mut cmd);
    shell::run(&mut cmd)
}
