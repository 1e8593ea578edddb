//! The pdfium shared library the station renders PDFs with. No distribution packages it, but
//! the `pypdfium2` wheel on PyPI carries a build for every desktop platform: xtask unpacks it,
//! with its licenses, into `.tools/pdfium/`. `PDFIUM_LIB` overrides all of this.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{IoContext, Result, XtaskError};
use crate::paths::Paths;
use crate::python_tools;
use crate::shell::ToolEnv;
use crate::wheel;

/// Pinned for reproducible rendering (pdfium build 8149).
pub const PYPDFIUM2_VERSION: &str = "5.15.2";

/// The library's file name on this platform.
pub fn library_name() -> &'static str {
    if cfg!(windows) {
        "pdfium.dll"
    } else if cfg!(target_os = "macos") {
        "libpdfium.dylib"
    } else {
        "libpdfium.so"
    }
}

pub fn dir(paths: &Paths) -> PathBuf {
    paths.tools.join("pdfium")
}

/// Where a wheel member goes inside `.tools/pdfium/`, if we keep it.
fn placement(member: &str, dest: &Path) -> Option<PathBuf> {
    if member == format!("pypdfium2_raw/{}", library_name()) {
        return Some(dest.join(library_name()));
    }
    let licenses = format!("pypdfium2-{PYPDFIUM2_VERSION}.dist-info/licenses/");
    member
        .strip_prefix(&licenses)
        .filter(|rest| !rest.is_empty())
        .map(|rest| dest.join("licenses").join(rest))
}

/// Finds or provisions the library and sets `PDFIUM_LIB` for everything xtask starts.
pub fn ensure(paths: &Paths, env: &mut ToolEnv) -> Result<PathBuf> {
    if let Some(lib) = env::var_os("PDFIUM_LIB").filter(|v| !v.is_empty()) {
        let lib = PathBuf::from(lib);
        if !lib.is_file() {
            return Err(XtaskError::Missing(format!(
                "PDFIUM_LIB points at {}, which does not exist",
                lib.display()
            )));
        }
        env.set("PDFIUM_LIB", &lib);
        return Ok(lib);
    }
    let dest = dir(paths);
    let lib = dest.join(library_name());
    let version_file = dest.join("VERSION");
    let have = fs::read_to_string(&version_file).unwrap_or_default();
    if !(lib.is_file() && have.trim() == PYPDFIUM2_VERSION) {
        println!(
            "provisioning pdfium from pypdfium2 {PYPDFIUM2_VERSION} into {}",
            dest.display()
        );
        let python = python_tools::ensure_venv(paths)?;
        let downloads = paths.tools.join("downloads");
        let wheel = wheel::download(&python, "pypdfium2", PYPDFIUM2_VERSION, &downloads)?;
        if dest.exists() {
            fs::remove_dir_all(&dest).at(&dest)?;
        }
        wheel::extract(&wheel, |member| placement(member, &dest))?;
        if !lib.is_file() {
            return Err(XtaskError::Missing(format!(
                "{} holds no pypdfium2_raw/{}",
                wheel.display(),
                library_name()
            )));
        }
        fs::write(&version_file, PYPDFIUM2_VERSION).at(&version_file)?;
    }
    env.set("PDFIUM_LIB", &lib);
    Ok(lib)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_library_and_the_licenses_only() {
        let dest = Path::new("/x");
        let lib = format!("pypdfium2_raw/{}", library_name());
        assert_eq!(placement(&lib, dest), Some(dest.join(library_name())));
        let license =
            format!("pypdfium2-{PYPDFIUM2_VERSION}.dist-info/licenses/LICENSES/BSD-3-Clause.txt");
        assert_eq!(
            placement(&license, dest),
            Some(dest.join("licenses/LICENSES/BSD-3-Clause.txt"))
        );
        assert_eq!(placement("pypdfium2_raw/bindings.py", dest), None);
        assert_eq!(placement("pypdfium2/__init__.py", dest), None);
    }
}
