//! The saver with a writer held back, on a real disk.

use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, Sender};

use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::*;
use crate::action::Motion;
use crate::app::{Saves, landed, step_in_loop, step_with};
use crate::state::{EssayDoc, SaveState, Source};

type Result2 = (SourceId, Result<Saved, String>);

const TEXT: &str = "Ledgers\n\nBy A Writer\n\nOne sentence here. Another one there. \
    A third follows. A fourth is here. A fifth one. A sixth one. A seventh one. \
    An eighth one. A ninth one. A tenth one. An eleventh one.\n";

/// A state on a short essay whose annotations file is `path`.
fn state_at(path: &std::path::Path) -> AppState {
    let docs = crate::essay::split(TEXT, "ledgers")
        .into_iter()
        .map(|e| EssayDoc::new(e, SourceId(0)))
        .collect();
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("ledgers.txt".into()),
    };
    let source = Source::new("ledgers.txt".into(), path.into(), disk, vec![], None, None);
    let mut state = AppState::new(docs, vec![source], &[]);
    state.apply(Action::Resize(120, 40), store::Stamp::fresh());
    state
}

/// A saver writing to disk, each write first waiting for a word on the returned gate;
/// results come out of the returned receiver; `writes` counts the writes begun.
fn gated() -> (Saver, Sender<()>, Receiver<Result2>, Arc<Mutex<usize>>) {
    let (gate_tx, gate_rx) = mpsc::channel::<()>();
    let gate = Mutex::new(gate_rx);
    let writes = Arc::new(Mutex::new(0));
    let counted = Arc::clone(&writes);
    let write: Arc<Write> = Arc::new(move |path, known, file, deleted| {
        *counted.lock().unwrap() += 1;
        gate.lock().unwrap().recv().map_err(|e| e.to_string())?;
        store::save_merging_owned(path, known, file, deleted).map_err(|e| e.to_string())
    });
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let report: Arc<Report> = Arc::new(move |source, result| {
        let _ = tx.lock().unwrap().send((source, result));
    });
    (Saver::new(write, report), gate_tx, rx, writes)
}

fn key(state: &mut AppState, saver: &mut Saver, quit_after: &mut bool, action: Action) -> bool {
    step_with(state, action, &mut Saves::Background { saver, quit_after })
}

fn status(state: &AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|f| crate::ui::draw(f, state)).unwrap();
    let buffer = terminal.backend().buffer();
    let row = buffer.area.height - 1;
    (0..buffer.area.width)
        .map(|x| buffer[(x, row)].symbol().to_string())
        .collect()
}

fn highlight_next(state: &mut AppState, saver: &mut Saver, quit_after: &mut bool) {
    key(state, saver, quit_after, Action::Highlight);
    key(state, saver, quit_after, Action::Move(Motion::SentenceNext));
}

#[test]
fn keys_are_applied_while_a_save_is_blocked_and_saved_shows_once_durable() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgers.json");
    let mut state = state_at(&path);
    let (mut saver, gate, results, writes) = gated();
    let mut quit_after = false;
    // The writer is blocked: the keys go through all the same.
    highlight_next(&mut state, &mut saver, &mut quit_after);
    highlight_next(&mut state, &mut saver, &mut quit_after);
    assert_eq!(state.sources()[0].items.len(), 2);
    assert!(saver.flying(SourceId(0)));
    assert_eq!(state.sources()[0].save, SaveState::Saving);
    assert!(status(&state).contains("saving…"), "{}", status(&state));
    assert!(
        !path.exists(),
        "nothing written while the writer is blocked"
    );
    // The first save lands: a second, with both, starts; still saving.
    gate.send(()).unwrap();
    let (source, result) = results.recv().unwrap();
    assert!(landed(
        &mut state,
        &mut saver,
        &mut quit_after,
        source,
        result
    ));
    assert_eq!(state.sources()[0].save, SaveState::Saving);
    assert!(status(&state).contains("saving…"));
    gate.send(()).unwrap();
    let (source, result) = results.recv().unwrap();
    assert!(landed(
        &mut state,
        &mut saver,
        &mut quit_after,
        source,
        result
    ));
    assert_eq!(state.sources()[0].save, SaveState::Saved);
    assert!(status(&state).contains("saved"), "{}", status(&state));
    assert_eq!(*writes.lock().unwrap(), 2);
    let disk = store::load_disk(&path).unwrap().unwrap();
    assert_eq!(disk.file.annotations.len(), 2);
}

#[test]
fn ten_changes_during_a_save_make_at_most_two_saves_and_the_file_holds_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgers.json");
    let mut state = state_at(&path);
    let (mut saver, gate, results, writes) = gated();
    let mut quit_after = false;
    for _ in 0..10 {
        highlight_next(&mut state, &mut saver, &mut quit_after);
    }
    assert_eq!(state.sources()[0].items.len(), 10);
    while saver.busy() {
        gate.send(()).unwrap();
        let (source, result) = results.recv().unwrap();
        landed(&mut state, &mut saver, &mut quit_after, source, result);
    }
    assert_eq!(*writes.lock().unwrap(), 2);
    assert_eq!(state.sources()[0].save, SaveState::Saved);
    let disk = store::load_disk(&path).unwrap().unwrap();
    let mut on_disk: Vec<_> = disk.file.annotations.iter().map(|a| &a.id).collect();
    let mut shown: Vec<_> = state.sources()[0]
        .items
        .iter()
        .map(|p| &p.annotation.id)
        .collect();
    on_disk.sort();
    shown.sort();
    assert_eq!(on_disk, shown);
}

#[test]
fn a_merge_during_changes_keeps_both_the_changes_and_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgers.json");
    let mut state = state_at(&path);
    let (mut saver, gate, results, _) = gated();
    let mut quit_after = false;
    highlight_next(&mut state, &mut saver, &mut quit_after);
    // Someone else writes the file while the first save waits.
    let mut theirs = AnnotationFile::new("ledgers.txt".into());
    let mut other = (*state.sources()[0].items[0].annotation).clone();
    other.id = "theirs-1".into();
    theirs.annotations.push(other);
    store::save(&path, &theirs).unwrap();
    // And we change more after the snapshot was taken.
    highlight_next(&mut state, &mut saver, &mut quit_after);
    let ours: Vec<String> = state.sources()[0]
        .items
        .iter()
        .map(|p| p.annotation.id.to_string())
        .collect();
    while saver.busy() {
        gate.send(()).unwrap();
        let (source, result) = results.recv().unwrap();
        landed(&mut state, &mut saver, &mut quit_after, source, result);
    }
    assert_eq!(state.sources()[0].save, SaveState::Saved);
    let disk = store::load_disk(&path).unwrap().unwrap();
    let ids: Vec<&str> = disk
        .file
        .annotations
        .iter()
        .map(|a| a.id.as_str())
        .collect();
    for id in ours.iter().map(String::as_str).chain(["theirs-1"]) {
        assert!(ids.contains(&id), "{id} missing on disk: {ids:?}");
        assert!(state.sources()[0].placed(id).is_some(), "{id} not shown");
    }
    assert_eq!(ids.len(), 3);
}

#[test]
fn quit_waits_for_the_save_in_flight_then_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgers.json");
    let mut state = state_at(&path);
    let (mut saver, gate, results, _) = gated();
    let mut quit_after = false;
    highlight_next(&mut state, &mut saver, &mut quit_after);
    assert!(key(&mut state, &mut saver, &mut quit_after, Action::Quit));
    assert!(quit_after);
    assert!(
        state.quit_prompt().is_none(),
        "no prompt for a save under way"
    );
    assert!(status(&state).contains("saving…"));
    gate.send(()).unwrap();
    let (source, result) = results.recv().unwrap();
    let go_on = landed(&mut state, &mut saver, &mut quit_after, source, result);
    assert!(!go_on, "quits once saved");
    assert_eq!(
        store::load_disk(&path)
            .unwrap()
            .unwrap()
            .file
            .annotations
            .len(),
        1
    );
}

#[test]
fn quit_waiting_for_a_save_that_fails_shows_the_prompt() {
    let dir = tempfile::tempdir().unwrap();
    // The annotations file's folder is a file: the save fails.
    let blocker = dir.path().join("folder");
    std::fs::write(&blocker, "not a folder").unwrap();
    let path = blocker.join("ledgers.json");
    let mut state = state_at(&path);
    let (mut saver, gate, results, _) = gated();
    let mut quit_after = false;
    highlight_next(&mut state, &mut saver, &mut quit_after);
    if !saver.busy() {
        // The lock could not be taken: failed at once, the prompt shows on quit.
        assert!(key(&mut state, &mut saver, &mut quit_after, Action::Quit));
        assert!(state.quit_prompt().is_some());
        return;
    }
    assert!(key(&mut state, &mut saver, &mut quit_after, Action::Quit));
    gate.send(()).unwrap();
    let (source, result) = results.recv().unwrap();
    assert!(landed(
        &mut state,
        &mut saver,
        &mut quit_after,
        source,
        result
    ));
    assert!(state.quit_prompt().is_some(), "the failure is asked about");
    assert!(matches!(state.sources()[0].save, SaveState::Failed(_)));
}

fn note(id: &str, note: &str) -> crate::state::Placed {
    crate::state::Placed {
        annotation: std::sync::Arc::new(Annotation {
            id: id.into(),
            essay: "ledgers".into(),
            anchor: crate::annotation::Anchor {
                quote: format!("quote of {id}"),
                prefix: String::new(),
                suffix: String::new(),
                start: 0,
                end: 5,
                fingerprint: "sha256:0".into(),
                extra: Default::default(),
            },
            colour: crate::annotation::Colour::ALL[0],
            note: Some(note.into()),
            tags: Vec::new(),
            created: store::now(),
            modified: store::now(),
            extra: Default::default(),
        }),
        placement: crate::anchor::Placement::Orphaned,
    }
}

fn state_holding(items: Vec<crate::state::Placed>) -> AppState {
    let mut state = state_at(std::path::Path::new("annotations/ledgers.json"));
    state.source_mut(crate::store::SourceId(0)).items = items;
    state
}

#[test]
fn a_snapshot_shares_the_annotations_and_keeps_its_version_when_the_state_changes() {
    let mut state = state_holding(vec![note("a", "1"), note("b", "2"), note("c", "3")]);
    let first = Snapshot::take(&state, SourceId(0));
    let file = state.file_for_save(SourceId(0));
    assert_eq!(first.to_file(), file);
    let items = &state.sources()[0].items;
    for (placed, shared) in items.iter().zip(&first.annotations) {
        assert!(Arc::ptr_eq(&placed.annotation, shared), "not copied");
    }
    // A change after the snapshot copies the one it changes, not the snapshot's.
    let src = state.source_mut(SourceId(0));
    Arc::make_mut(&mut src.items[1].annotation).note = Some("2, changed".into());
    src.items.remove(2);
    assert_eq!(first.to_file(), file, "the snapshot is as it was taken");
    let second = Snapshot::take(&state, SourceId(0));
    assert_eq!(second.to_file(), state.file_for_save(SourceId(0)));
    assert!(Arc::ptr_eq(&second.annotations[0], &first.annotations[0]));
    assert!(!Arc::ptr_eq(&second.annotations[1], &first.annotations[1]));
}

#[test]
fn a_save_that_panics_is_reported_as_failed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgers.json");
    let mut state = state_at(&path);
    let write: Arc<Write> = Arc::new(|_, _, _, _| panic!("a bug in the writer"));
    let (tx, rx) = mpsc::channel();
    let tx = Mutex::new(tx);
    let report: Arc<Report> = Arc::new(move |source, result| {
        let _ = tx.lock().unwrap().send((source, result));
    });
    let mut saver = Saver::new(write, report);
    let mut quit_after = false;
    highlight_next(&mut state, &mut saver, &mut quit_after);
    let (source, result) = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
    assert!(result.is_err());
    landed(&mut state, &mut saver, &mut quit_after, source, result);
    assert!(!saver.busy());
    assert!(matches!(state.sources()[0].save, SaveState::Failed(_)));
}

#[test]
fn a_key_after_q_calls_off_the_quit_waiting_for_a_save() {
    let _alone = crate::app::rescue::MIRROR_IN_TESTS.lock();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ledgers.json");
    let mut state = state_at(&path);
    let (mut saver, gate, results, _) = gated();
    let mut quit_after = false;
    highlight_next(&mut state, &mut saver, &mut quit_after);
    assert!(step_in_loop(
        &mut state,
        &mut saver,
        &mut quit_after,
        Action::Quit
    ));
    assert!(quit_after);
    // The reader starts a note instead: the save lands, the app stays, the note open.
    assert!(step_in_loop(
        &mut state,
        &mut saver,
        &mut quit_after,
        Action::EditNote
    ));
    assert!(state.editor().is_some());
    gate.send(()).unwrap();
    let (source, result) = results.recv().unwrap();
    assert!(landed(
        &mut state,
        &mut saver,
        &mut quit_after,
        source,
        result
    ));
    assert!(state.editor().is_some());
    assert_eq!(state.sources()[0].save, SaveState::Saved);
}
