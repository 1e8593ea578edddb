//! What each step needs installed, provisioned once per xtask run.

use std::path::PathBuf;

use crate::error::{Result, XtaskError};
use crate::node;
use crate::paths::Paths;
use crate::pdfium;
use crate::platform::Platform;
use crate::python_tools;
use crate::shell::ToolEnv;
use crate::system_packages::{self, Purpose};
use crate::tauri_driver;

/// Something a step cannot run without.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    System(Purpose),
    /// Node.js new enough for the UI's tooling.
    Node,
    /// `npm ci` in ui/ is up to date.
    NodePackages,
    /// ui/dist exists (built when missing).
    UiDist,
    /// pdfium, with `PDFIUM_LIB` set.
    Pdfium,
    /// pyHanko on `PATH`.
    SignatureTools,
    TauriDriver,
}

impl Need {
    /// What must be in place before this need can be met.
    fn requires(self) -> &'static [Need] {
        match self {
            Need::System(_) | Need::Node => &[],
            Need::NodePackages => &[Need::Node],
            Need::UiDist => &[Need::NodePackages],
            Need::Pdfium => &[Need::System(Purpose::Python)],
            Need::SignatureTools => &[Need::System(Purpose::Python)],
            Need::TauriDriver => &[Need::System(Purpose::Build)],
        }
    }
}

/// Everything needed, dependencies first, each once.
pub fn closure(needs: &[Need]) -> Vec<Need> {
    fn visit(need: Need, out: &mut Vec<Need>) {
        if out.contains(&need) {
            return;
        }
        for &dep in need.requires() {
            visit(dep, out);
        }
        out.push(need);
    }
    let mut out = Vec::new();
    for &need in needs {
        visit(need, &mut out);
    }
    out
}

/// The machine as xtask has prepared it so far in this run.
#[derive(Debug)]
pub struct Prepared {
    pub platform: Platform,
    /// Extra `PATH` entries and variables for every program xtask starts.
    pub env: ToolEnv,
    pub tauri_driver: Option<PathBuf>,
    met: Vec<Need>,
    /// Needs that failed once in this run, with why: not retried by every later step.
    failed: Vec<(Need, String)>,
}

impl Prepared {
    pub fn new() -> Self {
        Self {
            platform: Platform::detect(),
            env: ToolEnv::default(),
            tauri_driver: None,
            met: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// Meets these needs (and what they require) that are not met yet in this run.
    pub fn ensure(&mut self, paths: &Paths, needs: &[Need]) -> Result<()> {
        let todo: Vec<Need> = closure(needs)
            .into_iter()
            .filter(|n| !self.met.contains(n))
            .collect();
        if let Some((need, why)) = self.failed.iter().find(|(n, _)| todo.contains(n)) {
            return Err(XtaskError::Missing(format!(
                "needs {need:?}, which failed earlier: {why}"
            )));
        }
        // One apt transaction for all the system packages.
        let purposes: Vec<Purpose> = todo
            .iter()
            .filter_map(|n| match n {
                Need::System(p) => Some(*p),
                _ => None,
            })
            .collect();
        if !purposes.is_empty()
            && let Err(err) = system_packages::ensure(&self.platform, &purposes)
        {
            let why = err.to_string();
            self.failed
                .extend(purposes.into_iter().map(|p| (Need::System(p), why.clone())));
            return Err(err);
        }
        for need in todo {
            if let Err(err) = self.meet(paths, need) {
                self.failed.push((need, err.to_string()));
                return Err(err);
            }
            self.met.push(need);
        }
        Ok(())
    }

    fn meet(&mut self, paths: &Paths, need: Need) -> Result<()> {
        match need {
            Need::System(_) => Ok(()),
            Need::Node => node::ensure(paths, &mut self.env),
            Need::NodePackages => node::ensure_packages(paths, &self.env),
            Need::UiDist if node::dist_is_built(paths) => Ok(()),
            Need::UiDist => node::run_script(paths, &self.env, "build"),
            Need::Pdfium => pdfium::ensure(paths, &mut self.env).map(|lib| {
                println!("PDFIUM_LIB={}", lib.display());
            }),
            Need::SignatureTools => python_tools::ensure_signature_tools(paths, &mut self.env),
            Need::TauriDriver => {
                self.tauri_driver = Some(tauri_driver::ensure(&self.env)?);
                Ok(())
            }
        }
    }

    pub fn tauri_driver(&self) -> Result<PathBuf> {
        self.tauri_driver
            .clone()
            .ok_or_else(|| XtaskError::Missing("tauri-driver was not prepared".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_puts_dependencies_first_and_once() {
        let needs = closure(&[Need::UiDist, Need::Pdfium, Need::SignatureTools, Need::Node]);
        assert_eq!(
            needs,
            [
                Need::Node,
                Need::NodePackages,
                Need::UiDist,
                Need::System(Purpose::Python),
                Need::Pdfium,
                Need::SignatureTools,
            ]
        );
    }
}
