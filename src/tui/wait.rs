//! Waiting for the terminal without trusting it to stay there.
//!
//! crossterm's reader loops inside itself when its terminal is gone: a read that returns end
//! of input (or an I/O error) on a hung-up pseudo-terminal is tried again at once, forever,
//! and the board's own loop never regains control (not even to see SIGTERM). So the board
//! waits on the terminal itself with `poll(2)` and asks crossterm to read only when there is
//! input and no hang-up. `poll` blocks (no CPU while idle) and a signal ends the wait early.

use std::time::Duration;

/// What the terminal did while the board waited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Waited {
    /// Input is ready: crossterm may read it.
    Input,
    /// Nothing happened (or a signal arrived): time for the board's own checks.
    Timeout,
    /// The terminal hung up, or its input ended: the session is over.
    Gone,
}

/// The terminal the board reads keys from: standard input when it is a terminal (as crossterm
/// chooses), else `/dev/tty`.
pub struct TerminalInput {
    #[cfg(unix)]
    fd: std::os::fd::RawFd,
    #[cfg(unix)]
    _tty: Option<std::fs::File>,
}

impl TerminalInput {
    pub fn open() -> TerminalInput {
        #[cfg(unix)]
        {
            use std::os::fd::AsRawFd;
            // SAFETY: isatty only inspects the descriptor.
            if unsafe { libc::isatty(libc::STDIN_FILENO) } == 1 {
                return TerminalInput {
                    fd: libc::STDIN_FILENO,
                    _tty: None,
                };
            }
            match std::fs::File::open("/dev/tty") {
                Ok(f) => TerminalInput {
                    fd: f.as_raw_fd(),
                    _tty: Some(f),
                },
                Err(_) => TerminalInput {
                    fd: libc::STDIN_FILENO,
                    _tty: None,
                },
            }
        }
        #[cfg(not(unix))]
        TerminalInput {}
    }

    /// Waits up to `timeout` for input.
    #[cfg(unix)]
    pub fn wait(&self, timeout: Duration) -> Waited {
        let mut fds = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd for the duration of the call.
        let n = unsafe { libc::poll(&mut fds, 1, ms) };
        if n < 0 {
            let e = std::io::Error::last_os_error();
            return if e.kind() == std::io::ErrorKind::Interrupted {
                Waited::Timeout
            } else {
                Waited::Gone
            };
        }
        if n == 0 {
            return Waited::Timeout;
        }
        if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Waited::Gone;
        }
        if fds.revents & libc::POLLIN != 0 {
            Waited::Input
        } else {
            Waited::Timeout
        }
    }

    /// Without `poll(2)`, crossterm's own wait.
    #[cfg(not(unix))]
    pub fn wait(&self, timeout: Duration) -> Waited {
        match ratatui::crossterm::event::poll(timeout) {
            Ok(true) => Waited::Input,
            Ok(false) => Waited::Timeout,
            Err(_) => Waited::Gone,
        }
    }
}
