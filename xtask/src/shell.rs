//! Running other programs: echo the command, check its status, and give every child the same
//! tool environment (extra `PATH` entries and variables such as `PDFIUM_LIB`).

use std::collections::BTreeMap;
use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use crate::error::{Result, XtaskError};

/// What xtask adds to the environment of the programs it starts.
#[derive(Debug, Default, Clone)]
pub struct ToolEnv {
    path_prefix: Vec<PathBuf>,
    vars: BTreeMap<String, OsString>,
}

impl ToolEnv {
    /// Puts `dir` in front of `PATH` (later calls win over earlier ones).
    pub fn prepend_path(&mut self, dir: PathBuf) {
        if !self.path_prefix.contains(&dir) {
            self.path_prefix.insert(0, dir);
        }
    }

    pub fn set(&mut self, key: &str, value: impl Into<OsString>) {
        self.vars.insert(key.to_owned(), value.into());
    }

    /// `PATH` with the prefix in front of the inherited one.
    pub fn path(&self) -> OsString {
        let inherited = env::var_os("PATH").unwrap_or_default();
        let dirs = self
            .path_prefix
            .iter()
            .cloned()
            .chain(env::split_paths(&inherited));
        env::join_paths(dirs).unwrap_or(inherited)
    }

    pub fn apply<'c>(&self, cmd: &'c mut Command) -> &'c mut Command {
        if !self.path_prefix.is_empty() {
            cmd.env("PATH", self.path());
        }
        cmd.envs(&self.vars)
    }

    /// Finds a program on the extended `PATH`.
    pub fn which(&self, program: &str) -> Option<PathBuf> {
        self.path_prefix
            .iter()
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
            .or_else(|| crate::paths::which(program))
    }
}

/// The command line as a person would type it (the program by name, not by its full path).
pub fn display(cmd: &Command) -> String {
    let program = Path::new(cmd.get_program())
        .file_name()
        .unwrap_or(cmd.get_program());
    std::iter::once(program)
        .chain(cmd.get_args())
        .map(|part| {
            let part = part.to_string_lossy();
            if part.is_empty() || part.contains(char::is_whitespace) {
                format!("'{part}'")
            } else {
                part.into_owned()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn spawn_error(cmd: &Command, source: std::io::Error) -> XtaskError {
    XtaskError::Spawn {
        program: cmd.get_program().to_string_lossy().into_owned(),
        source,
    }
}

fn check(cmd: &Command, status: ExitStatus) -> Result<()> {
    if status.success() {
        Ok(())
    } else {
        Err(XtaskError::CommandFailed {
            command: display(cmd),
            status: status.to_string(),
        })
    }
}

/// Runs a command in the foreground, echoing it first; its output goes straight to ours.
pub fn run(cmd: &mut Command) -> Result<()> {
    println!("$ {}", display(cmd));
    let status = cmd.status().map_err(|e| spawn_error(cmd, e))?;
    check(cmd, status)
}

/// Runs a command quietly and returns its standard output.
pub fn capture(cmd: &mut Command) -> Result<String> {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| spawn_error(cmd, e))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(XtaskError::CommandFailed {
            command: display(cmd),
            status: format!(
                "{}: {}",
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            ),
        })
    }
}

/// True when the command runs and exits 0; prints nothing.
pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_quotes_arguments_with_spaces() {
        let mut cmd = Command::new("/usr/bin/sh");
        cmd.args(["-c", "echo hi", ""]);
        assert_eq!(display(&cmd), "sh -c 'echo hi' ''");
    }

    #[test]
    fn later_path_prefixes_come_first() {
        let mut env = ToolEnv::default();
        env.prepend_path(PathBuf::from("/a"));
        env.prepend_path(PathBuf::from("/b"));
        env.prepend_path(PathBuf::from("/a"));
        let path = env.path();
        let dirs: Vec<_> = env::split_paths(&path).take(2).collect();
        assert_eq!(dirs, [PathBuf::from("/b"), PathBuf::from("/a")]);
    }
}
