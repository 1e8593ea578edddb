//! A process and everything it started, and their proportional memory (PSS): the
//! fair share of pages shared between them (WebKit's libraries, mapped fonts), so
//! summing over the tree counts each page once.

use std::fs;
use std::path::Path;

use crate::error::{BenchError, IoContext, Result};

/// One process's share of memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessMemory {
    pub pid: u32,
    pub name: String,
    pub pss_kib: u64,
}

/// `(pid, name, parent pid)` from the text of `/proc/PID/stat`.
fn parse_stat(stat: &str) -> Option<(u32, String, u32)> {
    // The name sits in parentheses and may itself hold spaces and parentheses.
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let pid = stat[..open].trim().parse().ok()?;
    let name = stat.get(open + 1..close)?.to_owned();
    let mut rest = stat.get(close + 1..)?.split_whitespace();
    let _state = rest.next()?;
    let parent = rest.next()?.parse().ok()?;
    Some((pid, name, parent))
}

/// The `Pss:` line of `/proc/PID/smaps_rollup`, in KiB.
fn parse_pss(smaps_rollup: &str) -> Option<u64> {
    smaps_rollup
        .lines()
        .find_map(|line| line.strip_prefix("Pss:"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|kib| kib.parse().ok())
}

/// `root` and all its descendants, parents before children.
fn tree(root: u32, processes: &[(u32, String, u32)]) -> Vec<u32> {
    let mut found = vec![root];
    let mut index = 0;
    while let Some(&parent) = found.get(index) {
        found.extend(
            processes
                .iter()
                .filter(|(pid, _, ppid)| *ppid == parent && !found.contains(pid))
                .map(|(pid, _, _)| *pid)
                .collect::<Vec<_>>(),
        );
        index += 1;
    }
    found
}

fn all_processes() -> Vec<(u32, String, u32)> {
    let Ok(entries) = fs::read_dir("/proc") else {
        return Vec::new();
    };
    entries
        .flatten()
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .bytes()
                .all(|b| b.is_ascii_digit())
        })
        .filter_map(|entry| fs::read_to_string(entry.path().join("stat")).ok())
        .filter_map(|stat| parse_stat(&stat))
        .collect()
}

/// `root` and its descendants, as they are now.
pub fn descendants_of(root: u32) -> Vec<u32> {
    tree(root, &all_processes())
}

pub fn is_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// PSS of `root` and every descendant.
pub fn memory_of_tree(root: u32) -> Result<Vec<ProcessMemory>> {
    let processes = all_processes();
    let mut out = Vec::new();
    for pid in tree(root, &processes) {
        let path = format!("/proc/{pid}/smaps_rollup");
        let rollup = fs::read_to_string(&path).at(&path)?;
        let pss_kib = parse_pss(&rollup)
            .ok_or_else(|| BenchError::Invalid(format!("no Pss line in {path}")))?;
        let name = processes
            .iter()
            .find(|(p, _, _)| *p == pid)
            .map(|(_, name, _)| name.clone())
            .unwrap_or_default();
        out.push(ProcessMemory { pid, name, pss_kib });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_names_may_hold_spaces_and_parentheses() {
        let stat = "4242 (WebKit (Web) Proc) S 4200 4242 4242 0 -1 4194560 1 0";
        assert_eq!(
            parse_stat(stat),
            Some((4242, "WebKit (Web) Proc".to_owned(), 4200))
        );
        assert_eq!(parse_stat("garbage"), None);
    }

    #[test]
    fn pss_comes_from_its_own_line() {
        let rollup = "00400000-7fff [rollup]\nRss:   2000 kB\nPss:   1500 kB\nPss_Anon: 900 kB\n";
        assert_eq!(parse_pss(rollup), Some(1500));
        assert_eq!(parse_pss("Rss: 1 kB\n"), None);
    }

    #[test]
    fn tree_holds_grandchildren_but_not_siblings() {
        let processes = [
            (10, "app".to_owned(), 1),
            (11, "WebKitWebProcess".to_owned(), 10),
            (12, "WebKitNetworkProcess".to_owned(), 10),
            (13, "helper".to_owned(), 11),
            (20, "other".to_owned(), 1),
        ];
        assert_eq!(tree(10, &processes), [10, 11, 12, 13]);
        assert_eq!(tree(99, &processes), [99]);
    }

    #[test]
    fn this_process_has_memory() {
        let me = memory_of_tree(std::process::id()).unwrap();
        assert!(me[0].pss_kib > 0);
    }
}
