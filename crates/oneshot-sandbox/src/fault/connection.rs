//! A TCP stream the fault layer can reset on purpose.
//!
//! To make a client see "connection reset by peer" the socket must be closed
//! with SO_LINGER 0 (RST) rather than the normal FIN. The HTTP stack owns the
//! stream, so a handler cannot close it directly: it sets the shared flag in
//! [`ConnectionKill`]; the next read or write then fails, the HTTP stack drops
//! the connection, and dropping it resets the socket.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;

/// Handle a request carries (in its extensions) to kill its own connection.
#[derive(Debug, Clone, Default)]
pub struct ConnectionKill(Arc<AtomicBool>);

impl ConnectionKill {
    /// From now on the connection fails every read and write and closes with RST.
    pub fn kill(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    fn is_killed(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The accepted stream plus its kill flag.
#[derive(Debug)]
pub struct KillableStream {
    inner: TcpStream,
    kill: ConnectionKill,
}

impl KillableStream {
    pub fn new(inner: TcpStream) -> (Self, ConnectionKill) {
        let kill = ConnectionKill::default();
        (
            Self {
                inner,
                kill: kill.clone(),
            },
            kill,
        )
    }

    fn reset_error(&self) -> io::Error {
        // Linger 0 turns the coming close into a reset.
        let _ = self.inner.set_zero_linger();
        io::Error::new(
            io::ErrorKind::ConnectionReset,
            "connection reset by fault injection",
        )
    }
}

impl Drop for KillableStream {
    fn drop(&mut self) {
        if self.kill.is_killed() {
            let _ = self.inner.set_zero_linger();
        }
    }
}

impl AsyncRead for KillableStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.kill.is_killed() {
            return Poll::Ready(Err(self.reset_error()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.kill.is_killed() {
            return Poll::Ready(Err(self.reset_error()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if self.kill.is_killed() {
            return Poll::Ready(Err(self.reset_error()));
        }
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.kill.is_killed() {
            return Poll::Ready(Err(self.reset_error()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.kill.is_killed() {
            // No FIN: the drop that follows sends the RST.
            return Poll::Ready(Err(self.reset_error()));
        }
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}
