//! The machine a run measured: CPU, cores, load, date and the commit measured.
//! The machine may be shared, so the load is read at the start and at the end.

use std::fs;
use std::process::Command;

use crate::paths::Paths;
use crate::shell;

/// What the report says about where and when it was measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Machine {
    pub cpu_model: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub os: String,
    pub commit: String,
    pub date: String,
    pub load_start: Option<f64>,
    pub load_end: Option<f64>,
}

/// The first `model name` of `/proc/cpuinfo`.
pub fn parse_cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo
        .lines()
        .filter_map(|line| line.split_once(':'))
        .find(|(key, _)| key.trim() == "model name")
        .map(|(_, value)| value.trim().to_owned())
}

/// The one-minute load average from `/proc/loadavg`.
pub fn parse_load(loadavg: &str) -> Option<f64> {
    loadavg.split_whitespace().next()?.parse().ok()
}

/// `MemTotal` of `/proc/meminfo`, in GiB.
pub fn parse_memory_gib(meminfo: &str) -> Option<f64> {
    let kib: f64 = meminfo
        .lines()
        .find_map(|line| line.strip_prefix("MemTotal:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kib / (1024.0 * 1024.0))
}

/// `PRETTY_NAME` of os-release.
pub fn parse_os(os_release: &str) -> Option<String> {
    os_release
        .lines()
        .find_map(|line| line.strip_prefix("PRETTY_NAME="))
        .map(|value| value.trim_matches('"').to_owned())
}

/// The load now, if this system says.
pub fn load_now() -> Option<f64> {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|text| parse_load(&text))
}

/// A load above this share of the cores makes the numbers suspect.
pub fn load_is_high(load: f64, cores: usize) -> bool {
    load > 0.5 * cores as f64
}

impl Machine {
    pub fn describe_now(paths: &Paths) -> Self {
        let read = |path: &str| fs::read_to_string(path).unwrap_or_default();
        let git = |args: &[&str]| {
            shell::capture(Command::new("git").args(args).current_dir(&paths.root))
                .map(|out| out.trim().to_owned())
                .unwrap_or_default()
        };
        let mut commit = git(&["rev-parse", "--short=12", "HEAD"]);
        if !git(&["status", "--porcelain", "--untracked-files=no"]).is_empty() {
            commit.push_str(" (with uncommitted changes)");
        }
        let date = shell::capture(Command::new("date").args(["-u", "+%Y-%m-%d %H:%M UTC"]))
            .map(|out| out.trim().to_owned())
            .unwrap_or_default();
        Self {
            cpu_model: parse_cpu_model(&read("/proc/cpuinfo"))
                .unwrap_or_else(|| std::env::consts::ARCH.to_owned()),
            cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
            memory_gib: parse_memory_gib(&read("/proc/meminfo")).unwrap_or(0.0),
            os: parse_os(&read("/etc/os-release")).unwrap_or_else(|| std::env::consts::OS.into()),
            commit,
            date,
            load_start: load_now(),
            load_end: None,
        }
    }

    /// True when the load at either end of the run was high for this many cores.
    pub fn was_loaded(&self) -> bool {
        [self.load_start, self.load_end]
            .into_iter()
            .flatten()
            .any(|load| load_is_high(load, self.cores))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_proc_files() {
        let cpuinfo = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t: fpu\n";
        assert_eq!(parse_cpu_model(cpuinfo).as_deref(), Some("AMD EPYC 7B13"));
        assert_eq!(parse_cpu_model("processor: 0\n"), None);
        assert_eq!(parse_load("8.78 9.47 10.51 3/512 4242\n"), Some(8.78));
        assert_eq!(parse_load(""), None);
        let meminfo = "MemTotal:       25165824 kB\nMemFree: 1 kB\n";
        assert_eq!(parse_memory_gib(meminfo), Some(24.0));
        let os = "NAME=\"Debian GNU/Linux\"\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n";
        assert_eq!(
            parse_os(os).as_deref(),
            Some("Debian GNU/Linux 12 (bookworm)")
        );
    }

    #[test]
    fn load_above_half_the_cores_is_high() {
        assert!(!load_is_high(0.9, 2));
        assert!(load_is_high(1.5, 2));
        let mut machine = Machine {
            cpu_model: "x".into(),
            cores: 2,
            memory_gib: 1.0,
            os: "x".into(),
            commit: "x".into(),
            date: "x".into(),
            load_start: Some(0.2),
            load_end: None,
        };
        assert!(!machine.was_loaded());
        machine.load_end = Some(4.0);
        assert!(machine.was_loaded());
    }
}
