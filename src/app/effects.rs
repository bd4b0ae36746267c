//! Carrying out what `apply` returns: saves (now, or handed to the background saver),
//! exports, settings, the quit paths and the kept files. Every outcome goes back to the
//! state as an action.

use std::path::Path;

use super::rescue;
use super::saver::Saver;
use crate::action::Action;
use crate::export;
use crate::session;
use crate::state::{AppState, Effect, SaveState};
use crate::store::{self, SourceId, Stamp};
use crate::terminal;

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

/// Applies an action and carries out its effect, saving on the key path. Returns false when
/// the app should stop.
pub fn step(state: &mut AppState, action: Action) -> bool {
    step_with(state, action, &mut Saves::Now)
}

/// Applies an action and carries out its effect, saving as `saves` says. A quit while a
/// save is in flight (and none failed) waits for it: the loop quits once it is on disk,
/// or shows the quit prompt if it failed. Returns false when the app should stop.
pub fn step_with(state: &mut AppState, action: Action, saves: &mut Saves) -> bool {
    if quit_waits_for_saves(state, &action, saves) {
        return true;
    }
    let effect = state.apply(action, Stamp::fresh());
    perform(state, effect, saves)
}

/// Whether `action` is a quit that must wait for the background saves in flight (none
/// failed, no prompt up); if so the loop is told to quit once they land.
fn quit_waits_for_saves(state: &mut AppState, action: &Action, saves: &mut Saves) -> bool {
    let Saves::Background { saver, quit_after } = saves else {
        return false;
    };
    let failed = state
        .sources()
        .iter()
        .any(|s| matches!(s.save, SaveState::Failed(_)));
    if !matches!(action, Action::Quit) || !saver.busy() || state.quit_prompt().is_some() || failed {
        return false;
    }
    **quit_after = true;
    state.apply(Action::QuitPending, Stamp::fresh());
    true
}

/// Carries out `effect`. Returns false when the app should stop.
fn perform(state: &mut AppState, effect: Effect, saves: &mut Saves) -> bool {
    match effect {
        Effect::None => true,
        Effect::Quit => false,
        Effect::Suspend => {
            terminal::suspend();
            true
        }
        Effect::SaveSettings => {
            save_settings(state);
            true
        }
        Effect::Export(source) => {
            let result = export_markdown(state, source);
            state.apply(Action::Exported(result), Stamp::fresh());
            true
        }
        Effect::Save(source) => {
            match saves {
                Saves::Now => save(state, source),
                Saves::Background { saver, .. } => saver.request(state, source),
            }
            true
        }
        Effect::SaveBoth(a, b) => {
            for source in [a, b] {
                match saves {
                    Saves::Now => save(state, source),
                    Saves::Background { saver, .. } => saver.request(state, source),
                }
            }
            true
        }
        Effect::OpenBeside(holder, link) => {
            let opened = session::open_beside(state, holder, &link);
            state.opened_beside(holder, &link, opened);
            true
        }
        Effect::RetrySaves => retry_saves(state, saves),
        Effect::WriteRecovery => {
            let results = rescue::write_recovery(state);
            step_with(state, Action::RecoveryWritten(results), saves)
        }
        Effect::TakeKept(source, path) => {
            take_kept(state, source, &path);
            true
        }
        Effect::Copy(text) => {
            if let Err(e) = crate::clipboard::copy(&text) {
                state.apply(Action::CopyFailed(e.to_string()), Stamp::fresh());
            }
            true
        }
        Effect::SetAside(path) => {
            let result = store::recovery::set_aside(&path)
                .map(|to| format!("set aside: {}", to.display()))
                .map_err(|e| e.to_string());
            state.apply(Action::KeptDone(result), Stamp::fresh());
            true
        }
    }
}

/// Saves the reader's settings, if they have a place, and tells the state how it went.
fn save_settings(state: &mut AppState) {
    if let Some(path) = state.settings_path() {
        let result = crate::settings::save(path, state.settings()).map_err(|e| e.to_string());
        state.apply(Action::SettingsSaved(result), Stamp::fresh());
    }
}

/// The quit prompt's `r`: every source not saved is saved again; the app quits once all
/// are on disk (at once, or when the background saves land).
fn retry_saves(state: &mut AppState, saves: &mut Saves) -> bool {
    match saves {
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
    }
}

/// A kept file merged into `source`: saved now, and the file removed once that is on disk.
fn take_kept(state: &mut AppState, source: SourceId, path: &Path) {
    save(state, source);
    let shown = path.display();
    let result = match &state.sources()[source].save {
        SaveState::Saved => match std::fs::remove_file(path) {
            Ok(()) => Ok(format!("merged in and saved; {shown} removed")),
            Err(e) => Ok(format!("merged in and saved; {shown} not removed: {e}")),
        },
        _ => Err(format!("merged in, NOT SAVED: {shown} is kept")),
    };
    state.apply(Action::KeptDone(result), Stamp::fresh());
}

/// Saves the annotations of `source`, merging changes made on disk, and tells the state.
fn save(state: &mut AppState, source: SourceId) {
    // The status line shows the reason: the action carries it as text.
    let result = session::save(state, source).map_err(|e| e.to_string());
    state.apply(Action::Saved(source, result), Stamp::fresh());
}

/// Writes the Markdown export of `source` next to its annotations file
/// ([`export::app_export_path`]: `annotations/<stem>.md`), by the rules of
/// [`export::destination`]: never over an essay or an annotations file, never through a
/// symlink, never over a file that is not a previous export; a regular file atomically; a
/// FIFO only when a program reads it (the app does not wait).
pub fn export_markdown(state: &AppState, source: SourceId) -> Result<std::path::PathBuf, String> {
    let src = state
        .sources()
        .get(source.0)
        .ok_or_else(|| "nothing to export".to_string())?;
    let path = export::app_export_path(&src.path);
    let in_play = export::guarded(
        state.essay_files().iter().map(|p| p.as_path()),
        state.sources().iter().map(|s| s.path.as_path()),
    );
    let dest = export::destination(&path, &in_play).map_err(|e| e.to_string())?;
    let name = &src.name;
    let essays: Vec<_> = export::from_state(state)
        .into_iter()
        .filter(|e| e.source == name)
        .collect();
    let links: Vec<_> = export::links_of(state)
        .into_iter()
        .filter(|l| l.source == name || l.to_source == name)
        .collect();
    let text = export::markdown_named(&essays, &links, &state.settings().colours);
    export::write(&dest, text.as_bytes(), false).map_err(|e| e.to_string())?;
    Ok(path)
}
