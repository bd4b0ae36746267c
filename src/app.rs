//! The event loop: the only place that reads events, touches the disk and draws.

mod effects;
pub mod indexer;
mod jobs;
pub mod mouse;
mod rescue;
pub mod saver;

pub use effects::{Saves, export_markdown, step, step_with};

use std::io;
use std::sync::{Arc, Mutex, mpsc};
use std::thread;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use signal_hook::consts::{SIGCONT, SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::action::Action;
use crate::keymap;
use crate::session;
use crate::state::AppState;
use crate::store;
use crate::store::SourceId;
use crate::terminal;
use indexer::Indexer;
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
    /// Work done off the key path (an index built, see `indexer`; see `jobs`) reports.
    Report(Action),
    /// Work left after the first screen failed (its message is kept aside): the app ends.
    Failed,
}

/// Work left to do once the first screen is drawn (the rest of the annotations placed):
/// its action, or the message of what could not be read.
pub type Rest = Box<dyn FnOnce() -> Result<Action, String> + Send>;

/// The action a terminal event stands for, if any.
pub fn action_for(state: &AppState, event: &Event) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::read(state.keymap(), state.pending_keys(), state.context(), key)
        }
        Event::Paste(text) => keymap::paste(state.context(), text),
        Event::Mouse(m) if state.takes_pointer() => mouse::action(state, m.kind, m.column, m.row),
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        _ => None,
    }
}

/// [`action_for`], counting the left presses of a double or triple click with `clicks`
/// (a press at `now`).
pub fn action_counting(
    state: &AppState,
    event: &Event,
    clicks: &mut mouse::Clicks,
    now: Instant,
) -> Option<Action> {
    match event {
        Event::Mouse(m)
            if state.takes_pointer() && m.kind == MouseEventKind::Down(MouseButton::Left) =>
        {
            let count = clicks.press(now, m.column, m.row);
            mouse::action_clicked(state, m.kind, m.column, m.row, count)
        }
        _ => action_for(state, event),
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

/// Draws `state`, first laying it out again when the screen's size is not the one it was
/// last laid out for: the window shrank and its resize event still waits behind keys.
fn draw(terminal: &mut terminal::Tui, state: &mut AppState) -> io::Result<()> {
    terminal.draw(|frame| {
        let area = frame.area();
        if area != state.screen().area {
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
    run_first(preview, move || load().map(|state| (state, Vec::new())))
}

/// [`run_loading`], where `load` also gives the work left once the first screen is drawn:
/// done on a thread of its own, in order, each result handed to the state as an action
/// between keys. If one fails, the app ends, gives the terminal back and returns its
/// message as an `io::Error`.
pub fn run_first(
    preview: Option<AppState>,
    load: impl FnOnce() -> Result<(AppState, Vec<Rest>), String>,
) -> io::Result<i32> {
    let (tx, rx) = mpsc::channel::<Input>();
    listen_for_signals(tx.clone())?;
    rescue::install_panic_hook();
    let mut terminal = terminal::take()?;
    let size = terminal.size()?;
    let resize = || Action::Resize(size.width, size.height);
    if let Some(mut first) = preview {
        first.apply(resize(), store::Stamp::fresh());
        let _ = draw(&mut terminal, &mut first);
    }
    let (mut state, rests) = match load() {
        Ok(loaded) => loaded,
        Err(message) => {
            terminal::restore();
            return Err(io::Error::other(message));
        }
    };
    state.apply(resize(), store::Stamp::fresh());
    // The first screen goes out before the rest is started beside it.
    let _ = draw(&mut terminal, &mut state);
    let failure = start_rest(rests, tx.clone());
    let saved_tx = Mutex::new(tx.clone());
    let mut saver = Saver::to_disk(Arc::new(move |source, result| {
        if let Ok(tx) = saved_tx.lock() {
            let _ = tx.send(Input::Saved(source, result));
        }
    }));
    let report_tx = Mutex::new(tx.clone());
    let mut indexer = Indexer::new(Arc::new(move |action| {
        if let Ok(tx) = report_tx.lock() {
            let _ = tx.send(Input::Report(action));
        }
    }));
    indexer.start(&state);
    forward_reports(tx.clone());
    read_terminal(tx);
    let code = event_loop(&mut terminal, &rx, &mut state, &mut saver, &mut indexer);
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
    match failure.lock().ok().and_then(|mut f| f.take()) {
        Some(message) => Err(io::Error::other(message)),
        None => Ok(code),
    }
}

/// Starts the work left after the first screen on a thread of its own; what fails is kept
/// in the slot returned, and the loop told.
fn start_rest(rests: Vec<Rest>, tx: mpsc::Sender<Input>) -> Arc<Mutex<Option<String>>> {
    let failure = Arc::new(Mutex::new(None));
    if rests.is_empty() {
        return failure;
    }
    let slot = Arc::clone(&failure);
    let spawned = thread::Builder::new().name("rest".into()).spawn(move || {
        for rest in rests {
            match rest() {
                Ok(action) => {
                    if tx.send(Input::Report(action)).is_err() {
                        return;
                    }
                }
                Err(message) => {
                    if let Ok(mut slot) = slot.lock() {
                        *slot = Some(message);
                    }
                    let _ = tx.send(Input::Failed);
                    return;
                }
            }
        }
    });
    if spawned.is_err()
        && let Ok(mut slot) = failure.lock()
    {
        *slot = Some("could not start a thread to read the annotations".into());
    }
    failure
}

/// Sends the signals marginalia answers (to end, to suspend, continued) as inputs.
fn listen_for_signals(tx: mpsc::Sender<Input>) -> io::Result<()> {
    let mut signals = Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP, SIGCONT])?;
    thread::spawn(move || {
        for sig in signals.forever() {
            if tx.send(Input::Signal(sig)).is_err() {
                break;
            }
        }
    });
    Ok(())
}

/// Sends the results of the jobs done off the key path as inputs.
fn forward_reports(tx: mpsc::Sender<Input>) {
    let (report_tx, report_rx) = mpsc::channel::<Action>();
    jobs::report_to(report_tx);
    thread::spawn(move || {
        for action in report_rx {
            if tx.send(Input::Report(action)).is_err() {
                break;
            }
        }
    });
}

/// Sends the terminal's events as inputs, and [`Input::Gone`] when it cannot be read.
fn read_terminal(tx: mpsc::Sender<Input>) {
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
}

/// Draws, waits for an input, takes it in; until one ends the app. Returns the exit code.
fn event_loop(
    terminal: &mut terminal::Tui,
    rx: &mpsc::Receiver<Input>,
    state: &mut AppState,
    saver: &mut Saver,
    indexer: &mut Indexer,
) -> i32 {
    let mut quit_after = false;
    let mut clicks = mouse::Clicks::default();
    loop {
        if terminal::take_stale() && terminal::clear_for_redraw(terminal).is_err() {
            return 1;
        }
        if draw(terminal, state).is_err() {
            return 1;
        }
        // Once the frame is up: the snapshot of each file that can be saved, which the
        // next save follows, so no change pays for one of every annotation (the first
        // after opening, after the rest of the annotations landed, after a merge).
        saver.prime(state);
        // A search still counting goes on a step at a time between inputs.
        if state.search_counting() {
            match rx.try_recv() {
                Ok(input) => {
                    if let Some(code) = take_in(input, state, saver, &mut quit_after, &mut clicks) {
                        return code;
                    }
                }
                Err(mpsc::TryRecvError::Empty) => {
                    state.apply(Action::Tick, store::Stamp::fresh());
                }
                Err(mpsc::TryRecvError::Disconnected) => return 1,
            }
            continue;
        }
        let input = match message_left(state) {
            // A message shows for a while: the clock ticks when its time is up.
            Some(left) => match rx.recv_timeout(left) {
                Ok(input) => input,
                Err(mpsc::RecvTimeoutError::Timeout) => {
                    state.apply(Action::Tick, store::Stamp::fresh());
                    continue;
                }
                Err(mpsc::RecvTimeoutError::Disconnected) => return 1,
            },
            None => match rx.recv() {
                Ok(input) => input,
                Err(_) => return 1,
            },
        };
        if let Some(code) = take_in(input, state, saver, &mut quit_after, &mut clicks) {
            return code;
        }
        // Essays brought on screen since (or at first) get their index in the background.
        indexer.start(state);
    }
}

/// How long the status line's message has left, if it goes by itself (a little more, so
/// that the tick comes after its time, not just before).
fn message_left(state: &AppState) -> Option<Duration> {
    let until = state.message_until()?;
    let left = (until - chrono::Utc::now()).to_std().unwrap_or_default();
    Some(left + Duration::from_millis(20))
}

/// Takes in one input. Returns the exit code when it ends the app.
fn take_in(
    input: Input,
    state: &mut AppState,
    saver: &mut Saver,
    quit_after: &mut bool,
    clicks: &mut mouse::Clicks,
) -> Option<i32> {
    match input {
        Input::Terminal(ev) => {
            rescue::test_panic(&ev);
            let action = action_counting(state, &ev, clicks, Instant::now())?;
            (!step_in_loop(state, saver, quit_after, action)).then_some(0)
        }
        Input::Saved(source, result) => {
            if !landed(state, saver, quit_after, source, result) {
                return Some(0);
            }
            rescue::mirror_with(state, &mut saver.snapshots);
            None
        }
        Input::Report(action) => {
            // Not the reader's doing: a quit waiting for saves still waits.
            state.apply(action, store::Stamp::fresh());
            None
        }
        Input::Gone | Input::Failed => Some(1),
        Input::Signal(SIGTSTP) => {
            terminal::suspend();
            None
        }
        // Stopped by something else than a suspend (SIGSTOP): take the terminal back
        // from whatever the shell did with it. After a suspend, a no-op redraw.
        Input::Signal(SIGCONT) => terminal::reclaim().is_err().then_some(1),
        Input::Signal(sig) => Some(128 + sig),
    }
}
