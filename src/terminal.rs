//! Taking over the terminal and giving it back, on every way out.

use std::io::{self, Stdout, Write};
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::Terminal;
use ratatui::backend::{Backend, ClearType, CrosstermBackend};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// Whether the terminal is ours (raw mode, alternate screen, mouse capture).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// The terminal marginalia draws on.
pub type Tui = Terminal<CrosstermBackend<Stdout>>;

/// Raw mode, alternate screen, mouse capture, bracketed paste, hidden cursor; and a
/// panic hook that gives the terminal back before the panic message is printed.
pub fn take() -> io::Result<Tui> {
    install_panic_hook();
    enter()?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Chains a panic hook that calls [`restore`] before the previous hook prints the panic
/// message, so the message lands on the normal screen and the shell is usable after.
pub fn install_panic_hook() {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        hook(info);
    }));
}

/// Puts the terminal in the state marginalia draws in.
fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        EnterAlternateScreen,
        EnableMouseCapture,
        EnableBracketedPaste,
        cursor::Hide
    )
}

/// Whether the terminal is marginalia's now (taken, and not given back): only then may the
/// app write to it outside a frame.
pub fn is_ours() -> bool {
    ACTIVE.load(Ordering::SeqCst)
}

/// Whether the screen must be drawn whole on the next frame: the terminal was given back
/// and taken again, so what ratatui believes is on screen no longer is.
static STALE: AtomicBool = AtomicBool::new(false);

/// Gives the terminal back and stops the process, as Ctrl-z does in a shell; when the
/// shell continues it (`fg`, `kill -CONT`) the terminal is taken again, and
/// [`take_stale`] says the screen must be drawn whole. Does nothing when the terminal is
/// not marginalia's (nothing to give back, and no one to continue a test process).
pub fn suspend() {
    if !ACTIVE.load(Ordering::SeqCst) {
        return;
    }
    restore();
    // What the terminal does with Ctrl-z outside raw mode: stop the whole foreground job,
    // so that under `cargo run` (or any wrapper) the shell sees the job stopped and gives
    // its prompt back. SIGSTOP rather than SIGTSTP: our own SIGTSTP handler would catch
    // the latter, and Linux ignores it in a group with no shell watching. `fg` continues
    // the group and this call returns.
    stop_job();
    let _ = reclaim();
}

/// Stops this process's group (the job), or this process alone where there is no group
/// to stop.
#[cfg(unix)]
fn stop_job() {
    // SAFETY: kill(2) with pid 0 signals our own process group; no memory is touched.
    if unsafe { libc::kill(0, libc::SIGSTOP) } != 0 {
        let _ = signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP);
    }
}

#[cfg(not(unix))]
fn stop_job() {}

/// Takes the terminal again after the process was stopped and continued (by [`suspend`]
/// or by a SIGSTOP from outside), whatever the shell did to it meanwhile.
pub fn reclaim() -> io::Result<()> {
    // crossterm's enable_raw_mode does nothing while it believes raw mode is on; the shell
    // may have turned it off behind its back (keys would then wait for Enter).
    let _ = disable_raw_mode();
    enter()?;
    STALE.store(true, Ordering::SeqCst);
    Ok(())
}

/// Whether the screen must be drawn whole (see [`STALE`]); clears the flag.
pub fn take_stale() -> bool {
    STALE.swap(false, Ordering::SeqCst)
}

/// Clears the screen and makes the next draw write every cell.
///
/// Not `Terminal::clear`: that asks the terminal where the cursor is, and the answer would
/// be read by the event thread, blocked in `event::read`, while this thread waits on it.
pub fn clear_for_redraw(tui: &mut Tui) -> io::Result<()> {
    tui.backend_mut().clear_region(ClearType::All)?;
    // Both buffers blank: the next draw is compared with an empty screen.
    tui.current_buffer_mut().reset();
    tui.swap_buffers();
    Ok(())
}

/// Gives the terminal back as it was. Safe to call more than once, from anywhere.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Serialises the tests that touch [`ACTIVE`]: with it set, a concurrent `suspend` would
    /// stop the test process.
    static SERIAL: std::sync::Mutex<()> = std::sync::Mutex::new(());

    /// The hook gives the terminal back when a panic happens while it is marginalia's. Only
    /// the flag is set here, not the real terminal: `restore` then writes the giving-back
    /// sequences, which do nothing on a terminal that was never taken.
    #[test]
    fn the_panic_hook_restores_the_terminal() {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        install_panic_hook();
        ACTIVE.store(true, Ordering::SeqCst);
        let result = std::panic::catch_unwind(|| panic!("a test panic, expected"));
        assert!(result.is_err());
        assert!(
            !ACTIVE.load(Ordering::SeqCst),
            "the panic hook did not give the terminal back"
        );
    }

    /// Suspending when the terminal is not marginalia's does nothing: above all it does not
    /// stop the process (a test run, a session without a terminal).
    #[test]
    fn suspend_without_the_terminal_does_nothing() {
        let _serial = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
        ACTIVE.store(false, Ordering::SeqCst);
        suspend();
        assert!(!ACTIVE.load(Ordering::SeqCst));
        assert!(!take_stale());
    }
}
