//! The event loop: the only place that reads events, touches the disk and draws.

use std::io;
use std::sync::mpsc;
use std::thread;

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
use signal_hook::iterator::Signals;

use crate::action::{Action, EditorInput, Pointer};
use crate::export;
use crate::keymap::{self, Context};
use crate::session;
use crate::state::{AppState, Effect, Focus};
use crate::store;
use crate::terminal;

/// Something that happened outside the app.
enum Input {
    /// A terminal event.
    Terminal(Event),
    /// The terminal went away (read failed).
    Gone,
    /// A signal asking marginalia to stop.
    Signal(i32),
}

/// Where keys go, given what is open and focused.
pub fn context(state: &AppState) -> Context {
    if state.editor.is_some() {
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
        Event::Mouse(m) if state.editor.is_none() && state.help.is_none() => {
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
            let file = state.file_for_save(source);
            let src = &state.sources[source];
            let result = store::save_merging_owned(&src.path, &src.disk, file, &src.deleted)
                .map_err(|e| e.to_string());
            state.apply(Action::Saved(source, result), store::now());
            true
        }
    }
}

/// Writes the Markdown export of `source` next to its annotations file
/// (`annotations/<stem>.md`), atomically.
fn export_markdown(state: &AppState, source: usize) -> Result<std::path::PathBuf, String> {
    let name = &state.sources[source].name;
    let essays: Vec<_> = export::from_state(state)
        .into_iter()
        .filter(|e| e.source == name)
        .collect();
    let links: Vec<_> = export::links_of(state)
        .into_iter()
        .filter(|l| l.source == name)
        .collect();
    let text = export::markdown_with_links(&essays, &links);
    let path = state.sources[source].path.with_extension("md");
    store::write_file_atomic(&path, text.as_bytes()).map_err(|e| e.to_string())?;
    Ok(path)
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
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    let signal_tx = tx.clone();
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = signal_tx.send(Input::Signal(sig));
        }
    });
    let mut terminal = terminal::take()?;
    let size = terminal.size()?;
    if let Some(mut first) = preview {
        first.apply(Action::Resize(size.width, size.height), store::now());
        let _ = terminal.draw(|frame| crate::ui::draw(frame, &first));
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
        if terminal
            .draw(|frame| crate::ui::draw(frame, &state))
            .is_err()
        {
            break 1;
        }
        let input = match rx.recv() {
            Ok(input) => input,
            Err(_) => break 1,
        };
        match input {
            Input::Terminal(ev) => {
                if let Some(action) = action_for(&state, &ev)
                    && !step(&mut state, action)
                {
                    break 0;
                }
            }
            Input::Gone => break 1,
            Input::Signal(sig) => break 128 + sig,
        }
    };
    session::save_positions(&state);
    terminal::restore();
    Ok(code)
}
