//! Background services that a step needs for a while (Xvfb, tauri-driver): started in their own
//! process group so that stopping one also stops what it spawned (WebKitWebDriver, the app),
//! and always stopped afterwards — on success, on failure, and on Ctrl-C.

use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::error::{Result, XtaskError};
use crate::shell;

/// Process groups to stop if the user interrupts xtask.
static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());

fn registry() -> std::sync::MutexGuard<'static, Vec<u32>> {
    RUNNING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// On Ctrl-C (or SIGTERM), stop every running service before exiting.
pub fn install_interrupt_handler() -> Result<()> {
    ctrlc::set_handler(|| {
        let groups: Vec<u32> = registry().drain(..).collect();
        for group in groups {
            signal_group(group, "KILL");
        }
        eprintln!("\nxtask: interrupted; background services stopped");
        std::process::exit(130);
    })?;
    Ok(())
}

fn signal_group(group: u32, signal: &str) {
    if cfg!(unix) {
        // The `kill` program takes a negative pid as "the whole process group".
        let _ = shell::succeeds(
            Command::new("kill")
                .arg(format!("-{signal}"))
                .arg("--")
                .arg(format!("-{group}")),
        );
    }
}

/// A running background program; dropping it stops its whole process group.
#[derive(Debug)]
pub struct Service {
    name: String,
    child: Child,
}

impl Service {
    pub fn start(name: &str, cmd: &mut Command) -> Result<Self> {
        #[cfg(unix)]
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        cmd.stdin(Stdio::null());
        println!("$ {} &", shell::display(cmd));
        let child = cmd.spawn().map_err(|source| XtaskError::Spawn {
            program: name.to_owned(),
            source,
        })?;
        registry().push(child.id());
        Ok(Self {
            name: name.to_owned(),
            child,
        })
    }

    /// True while the program has not exited.
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }

    fn stop(&mut self) {
        let group = self.child.id();
        registry().retain(|&g| g != group);
        if !self.is_running() {
            return;
        }
        signal_group(group, "TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.is_running() && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(50));
        }
        if self.is_running() {
            signal_group(group, "KILL");
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        // Whatever the group leader spawned (WebKitWebDriver, the app) gets the same end.
        signal_group(group, "KILL");
        println!("stopped {}", self.name);
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A loopback port nobody listens on right now.
pub fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).map_err(|source| XtaskError::Io {
            path: "127.0.0.1:0".into(),
            source,
        })?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|source| XtaskError::Io {
            path: "127.0.0.1:0".into(),
            source,
        })
}

/// Waits until `ready()` holds, failing early if the service exits.
pub fn wait_until(
    service: &mut Service,
    what: &str,
    timeout: Duration,
    ready: impl Fn() -> bool,
) -> Result<()> {
    let deadline = Instant::now() + timeout;
    loop {
        if ready() {
            return Ok(());
        }
        if !service.is_running() {
            return Err(XtaskError::Missing(format!(
                "{} exited before {what}",
                service.name
            )));
        }
        if Instant::now() >= deadline {
            return Err(XtaskError::Timeout {
                what: what.to_owned(),
                seconds: timeout.as_secs(),
            });
        }
        thread::sleep(Duration::from_millis(100));
    }
}

pub fn port_is_open(port: u16) -> bool {
    TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_ok()
}

/// X displays that look taken (a lock file or a socket exists).
fn display_taken(n: u32) -> bool {
    Path::new(&format!("/tmp/.X{n}-lock")).exists()
        || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
}

/// Starts Xvfb on the first free display from :99 up; returns it and the display name.
pub fn start_xvfb() -> Result<(Service, String)> {
    for n in 99..160 {
        if display_taken(n) {
            continue;
        }
        let display = format!(":{n}");
        let mut xvfb = Service::start(
            "Xvfb",
            Command::new("Xvfb")
                .arg(&display)
                .args(["-screen", "0", "1400x960x24", "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(Stdio::null()),
        )?;
        let socket = format!("/tmp/.X11-unix/X{n}");
        match wait_until(&mut xvfb, "the X display", Duration::from_secs(15), || {
            Path::new(&socket).exists()
        }) {
            Ok(()) => return Ok((xvfb, display)),
            // Lost a race for this display with another program: try the next one.
            Err(_) if !xvfb.is_running() => continue,
            Err(err) => return Err(err),
        }
    }
    Err(XtaskError::Missing(
        "no free X display between :99 and :159".into(),
    ))
}
