//! A pseudo-terminal harness for end-to-end tests: runs the real `marginalia` binary in a pty,
//! feeds everything it writes into a `vt100` screen, and lets a test type keys and wait for
//! text the way a person would, with deadlines instead of fixed sleeps.

#![allow(dead_code)]

pub mod mounts;
pub mod screen;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};

/// The default deadline for anything a test waits for; CI runs on a loaded 2-core machine.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// How often the screen is polled while waiting.
const POLL: Duration = Duration::from_millis(20);

/// The cursor position query a terminal application may send, and a plausible answer.
const CURSOR_QUERY: &[u8] = b"\x1b[6n";
const CURSOR_REPLY: &[u8] = b"\x1b[1;1R";

/// What the reader thread shares with the test.
struct Output {
    /// The parsed screen.
    parser: vt100::Parser,
    /// Every byte the app wrote, in order.
    raw: Vec<u8>,
    /// Whether the pty reached end of file (the app and everything holding the pty is gone).
    eof: bool,
    /// Set by [`PtyTester::hang_up`]: the reader stops and closes its end after its next read.
    hang_up: bool,
}

/// The real binary running in a pseudo-terminal.
pub struct PtyTester {
    child: Box<dyn Child + Send + Sync>,
    /// The master end; `None` once [`PtyTester::hang_up`] closed it.
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
    status: Option<ExitStatus>,
}

/// The path of the binary under test.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_marginalia"))
}

impl PtyTester {
    /// Starts `marginalia args…` in a `cols`×`rows` pty with `cwd` as working directory.
    pub fn spawn(cwd: &Path, args: &[&str], cols: u16, rows: u16) -> PtyTester {
        PtyTester::spawn_with_env(cwd, args, &[], cols, rows)
    }

    /// [`PtyTester::spawn`] with extra environment variables.
    pub fn spawn_with_env(
        cwd: &Path,
        args: &[&str],
        env: &[(&str, &str)],
        cols: u16,
        rows: u16,
    ) -> PtyTester {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(binary());
        cmd.args(args);
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("COLORTERM");
        cmd.env_remove("NO_COLOR");
        for (key, value) in env {
            cmd.env(key, value);
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn marginalia");
        // The slave end belongs to the child now; keeping it open here would hide EOF.
        drop(pty.slave);

        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer: Arc<Mutex<Box<dyn Write + Send>>> =
            Arc::new(Mutex::new(pty.master.take_writer().expect("pty writer")));
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(rows, cols, 0),
            raw: Vec::new(),
            eof: false,
            hang_up: false,
        }));

        let thread_output = Arc::clone(&output);
        let thread_writer = Arc::clone(&writer);
        let handle = thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let chunk = &buf[..n];
                        let answer = {
                            let mut out = thread_output.lock().unwrap();
                            if out.hang_up {
                                break;
                            }
                            // Look for the query across chunk boundaries too.
                            let from = out.raw.len().saturating_sub(CURSOR_QUERY.len() - 1);
                            out.raw.extend_from_slice(chunk);
                            out.parser.process(chunk);
                            out.raw[from..]
                                .windows(CURSOR_QUERY.len())
                                .any(|w| w == CURSOR_QUERY)
                        };
                        if answer {
                            let mut w = thread_writer.lock().unwrap();
                            let _ = w.write_all(CURSOR_REPLY);
                            let _ = w.flush();
                        }
                    }
                }
            }
            thread_output.lock().unwrap().eof = true;
        });

        PtyTester {
            child,
            master: Some(pty.master),
            writer,
            output,
            reader: Some(handle),
            status: None,
        }
    }

    /// Types `text` as if at the keyboard. Control keys are raw bytes: `"\x1b"` Esc,
    /// `"\t"` Tab, `"\x13"` Ctrl-s, `"\r"` Enter.
    pub fn send(&self, text: &str) {
        self.send_keys(text.as_bytes());
    }

    /// Writes raw bytes to the terminal's input.
    pub fn send_keys(&self, bytes: &[u8]) {
        let mut w = self.writer.lock().unwrap();
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// Types each key of `keys` separately, waiting until the app has drawn again in
    /// between, so keys are never merged into one escape sequence or paste.
    pub fn type_slowly(&self, keys: &str) {
        for c in keys.chars() {
            let before = self.raw_len();
            self.send(&c.to_string());
            self.wait_until(TIMEOUT, "the app to redraw", |_| self.raw_len() > before);
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.output.lock().unwrap().parser.screen().contents()
    }

    /// One row of the screen as text.
    pub fn row(&self, row: u16) -> String {
        let out = self.output.lock().unwrap();
        let (_, cols) = out.parser.screen().size();
        out.parser.screen().contents_between(row, 0, row, cols)
    }

    /// The last row of the screen (the status line).
    pub fn status_line(&self) -> String {
        let rows = self.output.lock().unwrap().parser.screen().size().0;
        self.row(rows - 1)
    }

    /// Every byte the app wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.output.lock().unwrap().raw.clone()
    }

    fn raw_len(&self) -> usize {
        self.output.lock().unwrap().raw.len()
    }

    /// Polls until `done(screen)` holds, or panics after `timeout` with the screen dump.
    pub fn wait_until(&self, timeout: Duration, what: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if done(&screen) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n--- screen ---\n{screen}\n--------------"
                );
            }
            thread::sleep(POLL);
        }
    }

    /// Waits until `text` is on screen.
    pub fn wait_for(&self, text: &str, timeout: Duration) {
        self.wait_until(timeout, &format!("{text:?} on screen"), |s| {
            s.contains(text)
        });
    }

    /// Waits until the status line contains `text`.
    pub fn wait_for_status(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let line = self.status_line();
            if line.contains(text) {
                return;
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {text:?} in the status line {line:?}\n--- screen ---\n{}\n--------------",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.process_id().expect("child pid")
    }

    /// Waits for the app to exit and for its last output to be read; panics after `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(status) = self.child.try_wait().expect("poll the child") {
                break status;
            }
            if Instant::now() >= deadline {
                panic!(
                    "marginalia did not exit within {timeout:?}\n--- screen ---\n{}\n--------------",
                    self.screen()
                );
            }
            thread::sleep(POLL);
        };
        self.status = Some(status.clone());
        // Drain what the app wrote before it exited (its terminal restore, above all).
        while !self.output.lock().unwrap().eof && Instant::now() < deadline {
            thread::sleep(POLL);
        }
        status
    }
}

impl Drop for PtyTester {
    fn drop(&mut self) {
        if self.status.is_none() && matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        // The reader thread ends at EOF; don't block a failing test on it.
        if let Some(handle) = self.reader.take()
            && handle.is_finished()
        {
            let _ = handle.join();
        }
    }
}

/// Position of the last occurrence of `needle` in `haystack`.
pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

/// Asserts that the byte log ends with the terminal given back: the alternate screen left
/// after it was last entered, mouse capture off and the cursor shown.
pub fn assert_terminal_restored(raw: &[u8]) {
    let text = String::from_utf8_lossy(raw);
    let enter = rfind(raw, b"\x1b[?1049h")
        .unwrap_or_else(|| panic!("the app never entered the alternate screen; output: {text:?}"));
    let leave = rfind(raw, b"\x1b[?1049l").unwrap_or_else(|| {
        panic!(
            "the app never left the alternate screen; tail: {:?}",
            tail(raw)
        )
    });
    assert!(
        leave > enter,
        "the alternate screen was entered again after it was left; tail: {:?}",
        tail(raw)
    );
    let after = &raw[enter..];
    assert!(
        rfind(after, b"\x1b[?1000l").is_some() || rfind(after, b"\x1b[?1006l").is_some(),
        "mouse capture was not turned off; tail: {:?}",
        tail(raw)
    );
    let shown = rfind(raw, b"\x1b[?25h")
        .unwrap_or_else(|| panic!("the cursor was never shown again; tail: {:?}", tail(raw)));
    let hidden = rfind(raw, b"\x1b[?25l");
    assert!(
        hidden.is_none_or(|h| shown > h),
        "the cursor was hidden again after being shown; tail: {:?}",
        tail(raw)
    );
}

/// The last few hundred bytes of the log, for messages.
fn tail(raw: &[u8]) -> String {
    let from = raw.len().saturating_sub(300);
    String::from_utf8_lossy(&raw[from..]).into_owned()
}

impl PtyTester {
    /// Pastes `text` the way a terminal does with bracketed paste on: between
    /// `ESC [200~` and `ESC [201~`, in one write.
    pub fn paste(&self, text: &str) {
        let mut bytes = b"\x1b[200~".to_vec();
        bytes.extend_from_slice(text.as_bytes());
        bytes.extend_from_slice(b"\x1b[201~");
        self.send_keys(&bytes);
    }

    /// Resizes the pty (the app gets SIGWINCH) and the screen the test reads. The screen is
    /// locked meanwhile, so nothing the app draws at the new size is read at the old one.
    pub fn resize(&self, cols: u16, rows: u16) {
        let mut out = self.output.lock().unwrap();
        self.master
            .as_ref()
            .expect("the pty is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        out.parser.screen_mut().set_size(rows, cols);
    }

    /// The screen's size as (rows, columns).
    pub fn size(&self) -> (u16, u16) {
        self.output.lock().unwrap().parser.screen().size()
    }

    /// The contents of the cell at `row`, `col` (empty for a blank or the right half of a
    /// wide character), and whether vt100 saw text wrap past the end of `row`.
    pub fn cell(&self, row: u16, col: u16) -> (String, bool) {
        let out = self.output.lock().unwrap();
        let screen = out.parser.screen();
        let text = screen
            .cell(row, col)
            .map(|c| c.contents().to_string())
            .unwrap_or_default();
        (text, screen.row_wrapped(row))
    }

    /// Closes the terminal from the other side, as when a terminal window is closed: every
    /// handle on the master end is dropped, so the app's reads fail and the kernel sends it
    /// SIGHUP. Call it while the app runs; `key` must make the app draw something, so the
    /// reader thread wakes up and lets go of its handle.
    pub fn hang_up(&mut self, key: &str) {
        self.output.lock().unwrap().hang_up = true;
        self.send(key);
        let deadline = Instant::now() + TIMEOUT;
        while self.reader.as_ref().is_some_and(|h| !h.is_finished()) {
            assert!(
                Instant::now() < deadline,
                "the reader thread did not stop after {key:?}"
            );
            thread::sleep(POLL);
        }
        if let Some(handle) = self.reader.take() {
            let _ = handle.join();
        }
        // The writer holds its own handle on the master.
        *self.writer.lock().unwrap() = Box::new(std::io::sink());
        self.master = None;
    }

    /// Whether the child has exited (without waiting).
    pub fn exited(&mut self) -> Option<ExitStatus> {
        let status = self.child.try_wait().expect("poll the child")?;
        self.status = Some(status.clone());
        Some(status)
    }

    /// The cells (row, column) whose attributes `which` accepts, in reading order.
    pub fn cells_where(&self, which: impl Fn(&vt100::Cell) -> bool) -> Vec<(u16, u16)> {
        let out = self.output.lock().unwrap();
        let screen = out.parser.screen();
        let (rows, cols) = screen.size();
        let mut found = Vec::new();
        for row in 0..rows {
            for col in 0..cols {
                if screen.cell(row, col).is_some_and(&which) {
                    found.push((row, col));
                }
            }
        }
        found
    }
}
