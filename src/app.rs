//! The event loop: the only place that reads events, touches the disk and draws.

pub mod mouse;
mod rescue;
pub mod saver;

use std::io;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::action::Action;
use crate::export;
use crate::keymap;
use crate::session;
use crate::state::{AppState, Effect, SaveState};
use crate::store;
use crate::store::SourceId;
use crate::terminal;
use saver::{Landed, Saver};

/// Something that happened outside the app.
enum Input {
    /// A terminal event.
    Terminal(Event),
    /// The terminal went away (read failed).
    Gone,
    /// A signal: one asking marginalia to end, to suspend (SIGTSTP), or that it was
    /// continued (SIGCONT).
    Signal(i32),
    /// A background save of a source ended.
    Saved(SourceId, Result<store::Saved, String>),
}

/// How the effects of a step save: now, on the key path (benches, the quit paths), or by
/// the background saver of the loop.
pub enum Saves<'a> {
    /// Each save is written before the step returns.
    Now,
    /// Saves are handed to the saver; `quit_after` is set when a quit waits for them.
    Background {
        /// The saver.
        saver: &'a mut Saver,
        /// A quit waits for the saves in flight.
        quit_after: &'a mut bool,
    },
}

/// The action a terminal event stands for, if any.
pub fn action_for(state: &AppState, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::lookup(state.context(), key)
        }
        Event::Paste(text) => keymap::paste(state.context(), text),
        Event::Mouse(m) if state.takes_pointer() => mouse::action(state, m.kind, m.column, m.row),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Applies an action and carries out its effect, saving on the key path. Returns false when
/// the app should stop.
pub fn step(state: &mut AppState, action: Action) -> bool {
    step_with(state, action, &mut Saves::Now)
}

/// Applies an action and carries out its effect, saving as `saves` says. A quit while a
/// save is in flight (and none failed) waits for it: the loop quits once it is on disk,
/// or shows the quit prompt if it failed. Returns false when the app should stop.
pub fn step_with(state: &mut AppState, action: Action, saves: &mut Saves) -> bool {
    if let Saves::Background { saver, quit_after } = saves
        && matches!(action, Action::Quit)
        && saver.busy()
        && state.quit_prompt().is_none()
        && !state
            .sources
            .iter()
            .any(|s| matches!(s.save, SaveState::Failed(_)))
    {
        **quit_after = true;
        state.message = Some("saving… quitting once saved".into());
        return true;
    }
    match state.apply(action, store::Stamp::fresh()) {
        Effect::None => true,
        Effect::Quit => false,
        Effect::Suspend => {
            terminal::suspend();
            true
        }
        Effect::SaveSettings => {
            if let Some(path) = &state.settings_path
                && let Err(e) = crate::settings::save(path, &state.settings)
            {
                state.message = Some(format!("settings not saved: {e}"));
            }
            true
        }
        Effect::Export(source) => {
            let result = export_markdown(state, source);
            state.apply(Action::Exported(result), store::Stamp::fresh());
            true
        }
        Effect::Save(source) => {
            match saves {
                Saves::Now => save(state, source),
                Saves::Background { saver, .. } => saver.request(state, source),
            }
            true
        }
        Effect::RetrySaves => match saves {
            Saves::Now => {
                for source in state.unsaved() {
                    save(state, source);
                }
                step(state, Action::Quit)
            }
            Saves::Background { saver, quit_after } => {
                for source in state.unsaved() {
                    saver.request(state, source);
                }
                if saver.busy() {
                    **quit_after = true;
                    true
                } else {
                    step_with(state, Action::Quit, saves)
                }
            }
        },
        Effect::WriteRecovery => {
            let results = rescue::write_recovery(state);
            step_with(state, Action::RecoveryWritten(results), saves)
        }
        Effect::TakeKept(source, path) => {
            save(state, source);
            let shown = path.display();
            let result = match &state.sources[source].save {
                SaveState::Saved => match std::fs::remove_file(&path) {
                    Ok(()) => Ok(format!("merged in and saved; {shown} removed")),
                    Err(e) => Ok(format!("merged in and saved; {shown} not removed: {e}")),
                },
                _ => Err(format!("merged in, NOT SAVED: {shown} is kept")),
            };
            state.apply(Action::KeptDone(result), store::Stamp::fresh());
            true
        }
        Effect::SetAside(path) => {
            let result = store::recovery::set_aside(&path)
                .map(|to| format!("set aside: {}", to.display()))
                .map_err(|e| e.to_string());
            state.apply(Action::KeptDone(result), store::Stamp::fresh());
            true
        }
    }
}

/// One step of the loop: the action applied, its saves handed to `saver`, and what the
/// panic hook would keep brought up to date (sharing the saver's snapshot). Returns false
/// when the app should stop.
pub fn step_in_loop(
    state: &mut AppState,
    saver: &mut Saver,
    quit_after: &mut bool,
    action: Action,
) -> bool {
    // A key after `q` (but another quit) means the reader goes on: the quit waiting for a
    // save is called off, lest it end the app under a note being written.
    if *quit_after && !matches!(action, Action::Quit | Action::Resize(..)) {
        *quit_after = false;
    }
    let go_on = step_with(state, action, &mut Saves::Background { saver, quit_after });
    rescue::mirror_with(state, &mut saver.snapshots);
    go_on
}

/// How long the way out waits for saves in flight before it writes recovery copies.
const FINISH_SAVES: Duration = Duration::from_secs(10);

/// A background save of `source` ended with `result`: the state is told, the next save
/// started if changes came meanwhile, and a quit that waited for it carried out. Returns
/// false when the app should stop.
pub(crate) fn landed(
    state: &mut AppState,
    saver: &mut Saver,
    quit_after: &mut bool,
    source: SourceId,
    result: Result<store::Saved, String>,
) -> bool {
    if saver.landed(state, source, result) == Landed::More || saver.busy() || !*quit_after {
        return true;
    }
    *quit_after = false;
    let mut saves = Saves::Background { saver, quit_after };
    step_with(state, Action::Quit, &mut saves)
}

/// Waits, until `deadline`, for the saves in flight and those they start, telling the
/// state of each. Other inputs are dropped: the app is on its way out.
fn finish_saves(
    rx: &mpsc::Receiver<Input>,
    state: &mut AppState,
    saver: &mut Saver,
    deadline: Instant,
) {
    while saver.busy() {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(Input::Saved(source, result)) => {
                saver.landed(state, source, result);
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
}

/// Saves the annotations of `source`, merging changes made on disk, and tells the state.
fn save(state: &mut AppState, source: SourceId) {
    // The status line shows the reason: the action carries it as text.
    let result = session::save(state, source).map_err(|e| e.to_string());
    state.apply(Action::Saved(source, result), store::Stamp::fresh());
}

/// Writes the Markdown export of `source` next to its annotations file
/// ([`export::app_export_path`]: `annotations/<stem>.md`), by the rules of
/// [`export::destination`]: never over an essay or an annotations file, never through a
/// symlink, never over a file that is not a previous export; a regular file atomically; a
/// FIFO only when a program reads it (the app does not wait).
pub fn export_markdown(state: &AppState, source: SourceId) -> Result<std::path::PathBuf, String> {
    let src = state
        .sources
        .get(source.0)
        .ok_or_else(|| "nothing to export".to_string())?;
    let path = export::app_export_path(&src.path);
    let in_play = export::guarded(
        state.essay_files.iter().map(|p| p.as_path()),
        state.sources.iter().map(|s| s.path.as_path()),
    );
    let dest = export::destination(&path, &in_play).map_err(|e| e.to_string())?;
    let name = &src.name;
    let essays: Vec<_> = export::from_state(state)
        .into_iter()
        .filter(|e| e.source == name)
        .collect();
    let links: Vec<_> = export::links_of(state)
        .into_iter()
        .filter(|l| l.source == name)
        .collect();
    let text = export::markdown_with_links(&essays, &links);
    export::write(&dest, text.as_bytes(), false).map_err(|e| e.to_string())?;
    Ok(path)
}

/// Draws `state`, first laying it out again when the screen's size is not the one it was
/// last laid out for: the window shrank and its resize event still waits behind keys.
fn draw(terminal: &mut terminal::Tui, state: &mut AppState) -> io::Result<()> {
    terminal.draw(|frame| {
        let area = frame.area();
        if area != state.screen.area {
            state.apply(
                Action::Resize(area.width, area.height),
                store::Stamp::fresh(),
            );
        }
        crate::ui::draw(frame, state);
    })?;
    Ok(())
}

/// Runs the reader until the user quits, a signal arrives or the terminal goes away.
/// Returns the process exit code.
pub fn run(state: AppState) -> io::Result<i32> {
    run_loading(None, move || Ok(state))
}

/// Runs the reader on the state `load` makes, drawing `preview` (a first look at a long
/// file) before calling it. If loading fails, the terminal is given back and the error
/// returned as an `io::Error` with its message.
pub fn run_loading(
    preview: Option<AppState>,
    load: impl FnOnce() -> Result<AppState, String>,
) -> io::Result<i32> {
    let (tx, rx) = mpsc::channel::<Input>();
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        for sig in signals.forever() {
            if signal_tx.send(Input::Signal(sig)).is_err() {
                break;
            }
        }
    });
    rescue::install_panic_hook();
    let mut terminal = terminal::take()?;
    let size = terminal.size()?;
    if let Some(mut first) = preview {
        first.apply(
            Action::Resize(size.width, size.height),
            store::Stamp::fresh(),
        );
        let _ = draw(&mut terminal, &mut first);
    }
    let mut state = match load() {
        Ok(state) => state,
        Err(message) => {
            terminal::restore();
            return Err(io::Error::other(message));
        }
    };
    state.apply(
        Action::Resize(size.width, size.height),
        store::Stamp::fresh(),
    );
    let saved_tx = Mutex::new(tx.clone());
    let mut saver = Saver::to_disk(Arc::new(move |source, result| {
        if let Ok(tx) = saved_tx.lock() {
            let _ = tx.send(Input::Saved(source, result));
        }
    }));
    let mut quit_after = false;
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Input::Terminal(ev)).is_err() {
                        break;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Input::Gone);
                    break;
                }
            }
        }
    });

    let code = loop {
        if terminal::take_stale() && terminal::clear_for_redraw(&mut terminal).is_err() {
            break 1;
        }
        if draw(&mut terminal, &mut state).is_err() {
            break 1;
        }
        let input = match rx.recv() {
            Ok(input) => input,
            Err(_) => break 1,
        };
        match input {
            Input::Terminal(ev) => {
                rescue::test_panic(&ev);
                if let Some(action) = action_for(&state, &ev) {
                    let go_on = step_in_loop(&mut state, &mut saver, &mut quit_after, action);
                    if !go_on {
                        break 0;
                    }
                }
            }
            Input::Saved(source, result) => {
                if !landed(&mut state, &mut saver, &mut quit_after, source, result) {
                    break 0;
                }
                rescue::mirror_with(&state, &mut saver.snapshots);
            }
            Input::Gone => break 1,
            Input::Signal(SIGTSTP) => terminal::suspend(),
            Input::Signal(SIGCONT) => {
                // Stopped by something else than a suspend (SIGSTOP): take the terminal
                // back from whatever the shell did with it. After a suspend, a no-op redraw.
                if terminal::reclaim().is_err() {
                    break 1;
                }
            }
            Input::Signal(sig) => break 128 + sig,
        }
    };
    // Every way out waits for the saves in flight (and the one they queued), a while.
    finish_saves(&rx, &mut state, &mut saver, Instant::now() + FINISH_SAVES);
    // Stopped without being asked (a signal, the terminal gone): keep everything.
    let failed = if code == 0 {
        Vec::new()
    } else {
        rescue::keep_everything(&mut state)
    };
    session::save_positions(&state);
    terminal::restore();
    rescue::report(&state, &failed);
    Ok(code)
}
