//! Where the pdfium shared library is. No distribution packages it: development
//! machines get it from `cargo xtask` (into `.tools/pdfium/`), installed stations
//! carry it next to the executable.

use std::env;
use std::path::{Path, PathBuf};

use pdfium_render::prelude::Pdfium;

use crate::error::{Error, Result};

/// Names the pdfium library file to use, overriding every other place.
pub const PDFIUM_LIB_ENV: &str = "PDFIUM_LIB";

/// What to tell whoever has no pdfium.
pub const PDFIUM_PROVISIONING_HINT: &str = "run `cargo xtask test` or `cargo xtask run` (they unpack pdfium from the \
     pypdfium2 wheel into .tools/pdfium/ and set PDFIUM_LIB), or set PDFIUM_LIB to a libpdfium \
     file";

/// Finds the pdfium library: `PDFIUM_LIB`, else next to the executable, else where the
/// installed packages put it, else (in debug builds) the workspace's `.tools/pdfium/`.
pub fn locate_pdfium() -> Result<PathBuf> {
    if let Some(path) = env::var_os(PDFIUM_LIB_ENV).filter(|value| !value.is_empty()) {
        let path = PathBuf::from(path);
        return if path.is_file() {
            Ok(path)
        } else {
            Err(Error::PdfEngineUnavailable(format!(
                "{PDFIUM_LIB_ENV} names {}, which is not a file; {PDFIUM_PROVISIONING_HINT}",
                path.display()
            )))
        };
    }
    let candidates = candidates();
    candidates
        .iter()
        .find(|path| path.is_file())
        .cloned()
        .ok_or_else(|| {
            let searched: Vec<String> = candidates
                .iter()
                .map(|path| path.display().to_string())
                .collect();
            Error::PdfEngineUnavailable(format!(
                "pdfium not found ({PDFIUM_LIB_ENV} unset; looked for {}); {PDFIUM_PROVISIONING_HINT}",
                searched.join(", ")
            ))
        })
}

fn candidates() -> Vec<PathBuf> {
    let mut candidates = Vec::new();
    if let Some(dir) = env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_owned))
    {
        candidates.push(Pdfium::pdfium_platform_library_name_at_path(&dir));
        // Where the installers put it (packaging/<os>/pdfium.conf.json): the Linux packages
        // in <prefix>/lib/oneshot-station/ beside <prefix>/bin/, the macOS app bundle in
        // Contents/Frameworks/ beside Contents/MacOS/. Windows keeps it next to the .exe.
        if cfg!(target_os = "macos") {
            candidates.push(Pdfium::pdfium_platform_library_name_at_path(
                &dir.join("../Frameworks"),
            ));
        } else if cfg!(unix) {
            candidates.push(Pdfium::pdfium_platform_library_name_at_path(
                &dir.join("../lib/oneshot-station"),
            ));
        }
    }
    if cfg!(debug_assertions) {
        // Where `cargo xtask` provisions it: only meaningful on the machine that built us.
        let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        candidates.push(Pdfium::pdfium_platform_library_name_at_path(
            &workspace.join(".tools/pdfium"),
        ));
    }
    candidates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(all(unix, not(target_os = "macos")))]
    fn an_installed_station_looks_where_the_linux_packages_put_pdfium() {
        let exe_dir = env::current_exe().unwrap().parent().unwrap().to_owned();
        let installed = exe_dir.join("../lib/oneshot-station/libpdfium.so");
        let found = candidates();
        assert_eq!(found.first(), Some(&exe_dir.join("libpdfium.so")));
        assert!(found.contains(&installed), "{found:?}");
    }
}
