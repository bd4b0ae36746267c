//! The event loop: the only place that reads events, touches the disk and draws.

mod rescue;

use std::io;
use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::action::{Action, EditorInput, Pointer};
use crate::export;
use crate::keymap::{self, Context};
use crate::session;
use crate::state::{AppState, Effect, Focus, SaveState};
use crate::store;
use crate::terminal;

/// Something that happened outside the app.
enum Input {
    /// A terminal event.
    Terminal(Event),
    /// The terminal went away (read failed).
    Gone,
    /// A signal: one asking marginalia to end, to suspend (SIGTSTP), or that it was
    /// continued (SIGCONT).
    Signal(i32),
}

/// Where keys go, given what is open and focused.
pub fn context(state: &AppState) -> Context {
    if state.rescue.prompt.is_some() {
        Context::QuitPrompt
    } else if !state.rescue.offers.is_empty() {
        Context::Offer
    } else if state.editor.is_some() {
        Context::Editor
    } else if state.help.is_some() {
        Context::Help
    } else if state.picking_relation() {
        Context::Picker
    } else if state.pairs.is_some() {
        Context::PairList
    } else if state.search.as_ref().is_some_and(|s| s.typing) {
        Context::Search
    } else if state.filter_editing {
        Context::Filter
    } else if state.focus == Focus::Notes {
        Context::Notes
    } else {
        Context::Essay
    }
}

/// The action a terminal event stands for, if any.
pub fn action_for(state: &AppState, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => keymap::lookup(context(state), key),
        Event::Paste(text) if state.editor.is_some() => {
            Some(Action::Editor(EditorInput::Paste(text.clone())))
        }
        Event::Mouse(m)
            if state.editor.is_none()
                && state.help.is_none()
                && !matches!(context(state), Context::QuitPrompt | Context::Offer) =>
        {
            let kind = match m.kind {
                MouseEventKind::Down(MouseButton::Left) => Pointer::Press,
                MouseEventKind::Drag(MouseButton::Left) => Pointer::Drag,
                MouseEventKind::ScrollDown => Pointer::WheelDown,
                MouseEventKind::ScrollUp => Pointer::WheelUp,
                _ => return None,
            };
            Some(Action::Pointer(kind, m.column, m.row))
        }
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// Applies an action and carries out its effect. Returns false when the app should stop.
pub fn step(state: &mut AppState, action: Action) -> bool {
    match state.apply(action, store::now()) {
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
            state.apply(Action::Exported(result), store::now());
            true
        }
        Effect::Save(source) => {
            save(state, source);
            true
        }
        Effect::RetrySaves => {
            for source in state.unsaved() {
                save(state, source);
            }
            step(state, Action::Quit)
        }
        Effect::WriteRecovery => {
            let results = rescue::write_recovery(state);
            step(state, Action::RecoveryWritten(results))
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
            state.apply(Action::KeptDone(result), store::now());
            true
        }
        Effect::SetAside(path) => {
            let result = store::recovery::set_aside(&path)
                .map(|to| format!("set aside: {}", to.display()))
                .map_err(|e| e.to_string());
            state.apply(Action::KeptDone(result), store::now());
            true
        }
    }
}

/// Saves the annotations of `source`, merging changes made on disk, and tells the state.
fn save(state: &mut AppState, source: usize) {
    let result = session::save(state, source);
    state.apply(Action::Saved(source, result), store::now());
}

/// Writes the Markdown export of `source` next to its annotations file
/// ([`export::app_export_path`]: `annotations/<stem>.md`), by the rules of
/// [`export::destination`]: never over an essay or an annotations file, never through a
/// symlink, never over a file that is not a previous export; a regular file atomically; a
/// FIFO only when a program reads it (the app does not wait).
pub fn export_markdown(state: &AppState, source: usize) -> Result<std::path::PathBuf, String> {
    let src = state
        .sources
        .get(source)
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
            state.apply(Action::Resize(area.width, area.height), store::now());
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
        first.apply(Action::Resize(size.width, size.height), store::now());
        let _ = draw(&mut terminal, &mut first);
    }
    let mut state = match load() {
        Ok(state) => state,
        Err(message) => {
            terminal::restore();
            return Err(io::Error::other(message));
        }
    };
    state.apply(Action::Resize(size.width, size.height), store::now());
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
                    let go_on = step(&mut state, action);
                    rescue::mirror(&state);
                    if !go_on {
                        break 0;
                    }
                }
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
