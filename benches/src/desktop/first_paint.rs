//! First paint, seen from the X server: the moment the screen first shows drawn
//! content. An empty screen, or a window not yet painted, holds a couple of flat
//! colours; rendered text and shapes bring anti-aliasing and with it many more.
//! The DAMAGE extension wakes the watcher only when something was drawn, so it
//! takes no CPU from the app it is timing.

use std::collections::HashSet;
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use x11rb::connection::Connection;
use x11rb::protocol::Event;
use x11rb::protocol::damage::{ConnectionExt as _, ReportLevel};
use x11rb::protocol::xproto::{ConnectionExt as _, ImageFormat, Window};
use x11rb::rust_connection::RustConnection;

use crate::error::{BenchError, Result};

/// Distinct colours on screen from which it counts as painted.
const PAINTED_COLOURS: usize = 16;

/// The first paint the watcher saw.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    pub elapsed: Duration,
    pub colours: usize,
}

/// Watches one X screen for drawing.
#[derive(Debug)]
pub struct PaintWatch {
    conn: RustConnection,
    root: Window,
    width: u16,
    height: u16,
    damage: u32,
    last_frame: Vec<u8>,
}

/// Distinct colours among 32-bit pixels, counting up to `enough` and stopping there.
pub fn distinct_colours(pixels: &[u8], enough: usize) -> usize {
    let mut seen = HashSet::new();
    for pixel in pixels.chunks_exact(4) {
        seen.insert([pixel[0], pixel[1], pixel[2]]);
        if seen.len() >= enough {
            break;
        }
    }
    seen.len()
}

impl PaintWatch {
    pub fn connect(display: &str) -> Result<Self> {
        let (conn, screen) = x11rb::connect(Some(display))?;
        let root_screen = conn
            .setup()
            .roots
            .get(screen)
            .ok_or_else(|| BenchError::Display(format!("{display} has no screen {screen}")))?;
        let (root, width, height) = (
            root_screen.root,
            root_screen.width_in_pixels,
            root_screen.height_in_pixels,
        );
        conn.damage_query_version(1, 1)?.reply()?;
        let damage = conn.generate_id()?;
        conn.damage_create(damage, root, ReportLevel::NON_EMPTY)?;
        conn.flush()?;
        Ok(Self {
            conn,
            root,
            width,
            height,
            damage,
            last_frame: Vec::new(),
        })
    }

    fn grab(&mut self) -> Result<usize> {
        let reply = self
            .conn
            .get_image(
                ImageFormat::Z_PIXMAP,
                self.root,
                0,
                0,
                self.width,
                self.height,
                !0,
            )?
            .reply()?;
        if reply.data.len() != usize::from(self.width) * usize::from(self.height) * 4 {
            return Err(BenchError::Display(format!(
                "expected a 32-bit screen, got {} bytes for {}×{}",
                reply.data.len(),
                self.width,
                self.height
            )));
        }
        self.last_frame = reply.data;
        Ok(distinct_colours(&self.last_frame, PAINTED_COLOURS))
    }

    /// Fails when the screen already shows content (a previous app still up).
    pub fn expect_blank(&mut self) -> Result<()> {
        // Drawing noticed so far belongs to before the app.
        while self.conn.poll_for_event()?.is_some() {}
        self.conn.damage_subtract(self.damage, 0u32, 0u32)?;
        let colours = self.grab()?;
        if colours >= PAINTED_COLOURS {
            return Err(BenchError::Display(
                "the screen already shows something before the app starts".into(),
            ));
        }
        Ok(())
    }

    /// Waits until the screen is painted, `exited` says the app is gone, or `timeout`.
    pub fn wait_for_paint(
        &mut self,
        started: Instant,
        timeout: Duration,
        exited: impl FnMut() -> bool,
    ) -> Result<Paint> {
        let mut exited = exited;
        loop {
            let mut drawn = false;
            while let Some(event) = self.conn.poll_for_event()? {
                drawn |= matches!(event, Event::DamageNotify(_));
            }
            if drawn {
                let seen_at = started.elapsed();
                self.conn.damage_subtract(self.damage, 0u32, 0u32)?;
                let colours = self.grab()?;
                if colours >= PAINTED_COLOURS {
                    return Ok(Paint {
                        elapsed: seen_at,
                        colours,
                    });
                }
            }
            if exited() {
                return Err(BenchError::Child("the app exited before painting".into()));
            }
            if started.elapsed() > timeout {
                return Err(BenchError::Timeout {
                    what: "first paint".into(),
                    seconds: timeout.as_secs(),
                });
            }
            thread::sleep(Duration::from_millis(2));
        }
    }

    /// Saves the last frame grabbed as a PNG.
    pub fn save_last_frame(&self, path: &Path) -> Result<()> {
        let rgb: Vec<u8> = self
            .last_frame
            .chunks_exact(4)
            .flat_map(|bgrx| [bgrx[2], bgrx[1], bgrx[0]])
            .collect();
        let image = image::RgbImage::from_raw(u32::from(self.width), u32::from(self.height), rgb)
            .ok_or_else(|| {
            BenchError::Display("frame size does not match the screen".into())
        })?;
        image
            .save(path)
            .map_err(|error| BenchError::Invalid(format!("{}: {error}", path.display())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_colours_ignoring_the_padding_byte_and_stops_early() {
        let flat = [10, 20, 30, 0, 10, 20, 30, 255, 1, 2, 3, 0];
        assert_eq!(distinct_colours(&flat, 16), 2);
        let many: Vec<u8> = (0..100u8).flat_map(|v| [v, v, v, 0]).collect();
        assert_eq!(distinct_colours(&many, 16), 16);
    }
}
