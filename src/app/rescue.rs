//! What the shell keeps when marginalia stops without being asked: after a signal or when
//! the terminal goes away, the note being written is kept as the note and saved, and
//! whatever is still not saved is written as a recovery copy; after a panic, the note being
//! written is written as a draft and the annotations not saved as a recovery copy (the state
//! may be half changed, so only copies taken after every step are trusted). The next start
//! offers them back.

use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock, TryLockError};

use ratatui::crossterm::event::{Event, KeyCode, KeyEventKind};

use crate::action::Action;
use crate::app::saver::{Snapshot, Snapshots};
use crate::essay::visible;
use crate::state::{AppState, NoteDraft};
use crate::store::{self, AnnotationFile, recovery::Kept};

/// What a panic hook can trust, as of the last step: the draft of the open note editor,
/// and the annotations file of each source not saved, each with its annotations file path.
struct Mirror {
    draft: Option<(PathBuf, NoteDraft)>,
    unsaved: Vec<(PathBuf, Arc<Snapshot>)>,
}

static MIRROR: Mutex<Mirror> = Mutex::new(Mirror {
    draft: None,
    unsaved: Vec::new(),
});

/// Held by the tests that step the loop, which write the one mirror of the process: a
/// test reading it back must not see another's step.
#[cfg(test)]
pub(crate) static MIRROR_IN_TESTS: Mutex<()> = Mutex::new(());

/// Keeps a copy of the note being written (if it differs from what is saved), and of the
/// annotations of every source not saved, where the panic hook finds them. Called after
/// every step; cheap while everything is saved (the anchor of a new passage is worked out
/// once per editor).
#[cfg(test)]
pub fn mirror(state: &AppState) {
    mirror_with(state, &mut Snapshots::default());
}

/// [`mirror`], sharing the snapshots of the background saver: a source whose save is in
/// flight costs nothing more, and a change is copied once for both.
pub fn mirror_with(state: &AppState, snapshots: &mut Snapshots) {
    let mut kept = match MIRROR.lock() {
        Ok(kept) => kept,
        Err(poisoned) => poisoned.into_inner(),
    };
    let last = kept.draft.take().map(|(_, draft)| draft);
    kept.draft = state
        .refresh_draft(last, store::Stamp::fresh())
        .map(|draft| (state.sources()[draft.source].path.clone(), draft));
    kept.unsaved = state
        .unsaved()
        .into_iter()
        .map(|i| (state.sources()[i].path.clone(), snapshots.of(state, i)))
        .collect();
}

/// Writes what was mirrored: the note being written as a draft, and a recovery copy of each
/// source not saved. Never blocks: should the panic have struck while the copy was being
/// taken, there is nothing whole to write.
pub fn keep_on_panic() -> Vec<(Kept, Result<PathBuf, String>)> {
    let kept = match MIRROR.try_lock() {
        Ok(kept) => kept,
        Err(TryLockError::Poisoned(poisoned)) => poisoned.into_inner(),
        Err(TryLockError::WouldBlock) => return Vec::new(),
    };
    // To the millisecond (annotation times are to the second): names that do not collide.
    let now = chrono::Utc::now();
    let write = |path: &PathBuf, kind: Kept, file: &AnnotationFile| {
        let result = store::recovery::write(path, kind, file, now).map_err(|e| e.to_string());
        (kind, result)
    };
    let mut out = Vec::new();
    if let Some((path, draft)) = &kept.draft {
        out.push(write(path, Kept::Draft, &draft.file));
    }
    for (path, file) in &kept.unsaved {
        out.push(write(path, Kept::Recovery, &file.to_file()));
    }
    out
}

/// Installs a panic hook that keeps what can be kept (see [`keep_on_panic`]) and says
/// where, after the previous hook (which gives the terminal back and prints the panic).
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    // Only a panic of the loop's thread stops the app; elsewhere the app goes on, and saves.
    let main = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        let kept = if std::thread::current().id() == main {
            keep_on_panic()
        } else {
            Vec::new()
        };
        previous(info);
        for (kind, result) in kept {
            let what = match kind {
                Kept::Draft => "the note being written",
                Kept::Recovery => "changes not saved",
            };
            match result {
                Ok(path) => say(&format!(
                    "{what}: kept in {}; offered back on the next start",
                    path.display()
                )),
                Err(e) => say(&format!("{what} could not be kept: {e}")),
            }
        }
    }));
}

/// Writes a recovery copy of every source not saved; one result per source.
pub fn write_recovery(state: &AppState) -> Vec<Result<PathBuf, String>> {
    state
        .unsaved()
        .into_iter()
        .map(|i| {
            store::recovery::write(
                &state.sources()[i].path,
                Kept::Recovery,
                &state.file_for_save(i),
                chrono::Utc::now(),
            )
            .map_err(|e| e.to_string())
        })
        .collect()
}

/// On the way out after a signal or when the terminal went away: keeps the note being
/// written as the note (and saves it), then writes a recovery copy of whatever is still
/// not saved. Returns why a copy could not be written, if one could not.
pub fn keep_everything(state: &mut AppState) -> Vec<String> {
    if state.editor().is_some() {
        super::step(state, Action::EditorClose);
    }
    let results = write_recovery(state);
    let failed = results.iter().filter_map(|r| r.clone().err()).collect();
    state.apply(
        Action::RecoveryWritten(results),
        crate::store::Stamp::fresh(),
    );
    failed
}

/// Says on standard error where recovery copies went and which could not be written.
/// Best effort: standard error may be the terminal that went away.
pub fn report(state: &AppState, failed: &[String]) {
    for path in state.recovery_copies() {
        say(&format!(
            "changes not saved were written to {}; they are offered back on the next start",
            path.display()
        ));
    }
    for e in failed {
        say(&format!("changes not saved are lost: {e}"));
    }
}

/// One line on standard error, with nothing a terminal would obey.
fn say(message: &str) {
    let line: String = message
        .chars()
        .map(|c| if c == '\n' { ' ' } else { visible(c) })
        .collect();
    let _ = writeln!(std::io::stderr(), "marginalia: {line}");
}

/// Test-only: with `MARGINALIA_TEST_PANIC_ON_F12` set, F12 panics, so the end-to-end tests
/// can check what a panic keeps. Nothing else reaches it.
pub fn test_panic(event: &Event) {
    static ARMED: OnceLock<bool> = OnceLock::new();
    let armed = *ARMED.get_or_init(|| std::env::var_os("MARGINALIA_TEST_PANIC_ON_F12").is_some());
    if armed
        && let Event::Key(key) = event
        && key.kind != KeyEventKind::Release
        && key.code == KeyCode::F(12)
    {
        panic!("test-only panic (MARGINALIA_TEST_PANIC_ON_F12)");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::EditorInput;
    use crate::state::SourceId;
    use crate::state::{EssayDoc, Source};
    use crate::store::{AnnotationFile, DiskState};

    #[test]
    fn the_hooks_draft_is_the_note_being_written_and_is_found_again() {
        let _alone = MIRROR_IN_TESTS.lock();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ledgers.json");
        let text = "Ledgers\n\nBy A Writer\n\nOne sentence here. Another one there.\n";
        let docs = crate::essay::split(text, "ledgers")
            .into_iter()
            .map(|e| EssayDoc::new(e, SourceId(0)))
            .collect();
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("ledgers.txt".into()),
        };
        let source = Source::new("ledgers.txt".into(), path.clone(), disk, vec![], None, None);
        let mut state = AppState::new(docs, vec![source], &[]);
        state.apply(Action::Resize(120, 40), store::Stamp::fresh());
        state.apply(Action::EditNote, store::Stamp::fresh());
        for c in "half a thought".chars() {
            state.apply(Action::Editor(EditorInput::Char(c)), store::Stamp::fresh());
            mirror(&state);
        }
        let mut kept = keep_on_panic();
        assert_eq!(kept.len(), 1, "{kept:?}");
        let (kind, written) = kept.remove(0);
        assert_eq!(kind, Kept::Draft);
        let kept = written.expect("written");
        assert_eq!(kept.parent(), Some(dir.path()));
        assert_eq!(
            store::recovery::find(&path, Kept::Draft),
            vec![kept.clone()]
        );
        let file = store::recovery::load(&kept).unwrap();
        assert_eq!(file.annotations.len(), 1);
        assert_eq!(file.annotations[0].note.as_deref(), Some("half a thought"));
        // The editor closed, the save failed: the whole file is kept as a recovery copy.
        state.apply(Action::EditorClose, store::Stamp::fresh());
        state.apply(
            Action::Saved(SourceId(0), Err("disk full".into())),
            store::Stamp::fresh(),
        );
        mirror(&state);
        let kept = keep_on_panic();
        assert_eq!(kept.len(), 1, "{kept:?}");
        assert_eq!(kept[0].0, Kept::Recovery);
        let copy = kept[0].1.as_ref().expect("written");
        let file = store::recovery::load(copy).unwrap();
        assert_eq!(file.annotations[0].note.as_deref(), Some("half a thought"));
        // Saved at last: nothing left to keep.
        state.source_mut(crate::store::SourceId(0)).save = crate::state::SaveState::Saved;
        mirror(&state);
        assert!(keep_on_panic().is_empty());
    }
}
