//! Saves off the key path: the annotations of a source are written by a thread of their
//! own, and the result comes back to the loop as [`Action::Saved`]. While a save of a
//! source is under way, further changes only mark it dirty; when it ends, one more save
//! starts with the newest state. At most one save a source is in flight, and at most one
//! waits.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;

use crate::action::Action;
use crate::annotation::Annotation;
use crate::state::AppState;
use crate::store::{self, AnnotationFile, DiskState, Saved};

/// Writes one snapshot over the annotations file: the path, the file as last known on
/// disk (the base of a merge), the file to write, the ids deleted in this session.
pub type Write = dyn Fn(&PathBuf, &DiskState, AnnotationFile, &BTreeSet<String>) -> Result<Saved, String>
    + Send
    + Sync;

/// Hands a save's result (the source, what happened) back to the loop.
pub type Report = dyn Fn(usize, Result<Saved, String>) + Send + Sync;

/// The annotations file of one source as of one version of its annotations, each
/// annotation shared with the snapshot before it when unchanged: taking one after a change
/// compares the annotations but copies only those that changed. Shared by the save in
/// flight and the panic hook's copy.
#[derive(Debug)]
pub struct Snapshot {
    /// The file but for its annotations.
    header: AnnotationFile,
    /// The annotations, in order.
    annotations: Vec<Arc<Annotation>>,
}

impl Snapshot {
    /// The whole file, copied (off the key path: on the saver's thread, in a panic).
    pub fn to_file(&self) -> AnnotationFile {
        let mut file = self.header.clone();
        file.annotations = self.annotations.iter().map(|a| (**a).clone()).collect();
        file
    }

    /// The snapshot of `source` now, sharing what is unchanged with `before`.
    fn take(state: &AppState, source: usize, before: Option<&Snapshot>) -> Snapshot {
        let old: &[Arc<Annotation>] = before.map_or(&[], |b| &b.annotations);
        let mut by_id: Option<HashMap<&str, usize>> = None;
        let mut next = 0;
        let annotations = state.sources[source]
            .items
            .iter()
            .map(|placed| {
                let a = &placed.annotation;
                // In step with the old list (the common case: a change appends or edits
                // one), else found by id once a deletion or insertion put them out of step.
                let at = match old.get(next) {
                    Some(o) if o.id == a.id => Some(next),
                    _ => by_id
                        .get_or_insert_with(|| {
                            old.iter()
                                .enumerate()
                                .map(|(i, o)| (o.id.as_str(), i))
                                .collect()
                        })
                        .get(a.id.as_str())
                        .copied(),
                };
                match at {
                    Some(i) => {
                        next = i + 1;
                        if *old[i] == *a {
                            Arc::clone(&old[i])
                        } else {
                            Arc::new(a.clone())
                        }
                    }
                    None => Arc::new(a.clone()),
                }
            })
            .collect();
        Snapshot {
            header: state.file_without_annotations(source),
            annotations,
        }
    }
}

/// The last snapshot of each source, made again only when its annotations changed.
#[derive(Debug, Default)]
pub struct Snapshots {
    taken: Vec<Option<(u64, Arc<Snapshot>)>>,
}

impl Snapshots {
    /// The file of `source` as it should be on disk now: the last snapshot when nothing
    /// changed since, else a new one sharing the unchanged annotations with it.
    pub fn of(&mut self, state: &AppState, source: usize) -> Arc<Snapshot> {
        if self.taken.len() <= source {
            self.taken.resize(source + 1, None);
        }
        let version = state.sources[source].version();
        let before = match &self.taken[source] {
            Some((v, snapshot)) if *v == version => return Arc::clone(snapshot),
            Some((_, snapshot)) => Some(Arc::clone(snapshot)),
            None => None,
        };
        let snapshot = Arc::new(Snapshot::take(state, source, before.as_deref()));
        self.taken[source] = Some((version, Arc::clone(&snapshot)));
        snapshot
    }
}

/// Where the saves of one source stand.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Flight {
    /// A save is being written.
    flying: bool,
    /// The state changed after that save's snapshot was taken: one more save is due.
    dirty: bool,
}

/// What the loop does with a save's result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Landed {
    /// That was the last save: the result says whether everything shown is on disk.
    Last,
    /// The state changed meanwhile: another save has started (or must start).
    More,
}

/// The background saver of the loop.
pub struct Saver {
    write: Arc<Write>,
    report: Arc<Report>,
    flights: Vec<Flight>,
    /// Shared snapshots, also read by the panic hook's mirror.
    pub snapshots: Snapshots,
}

impl Saver {
    /// A saver that writes with `write` and reports through `report`.
    pub fn new(write: Arc<Write>, report: Arc<Report>) -> Saver {
        Saver {
            write,
            report,
            flights: Vec::new(),
            snapshots: Snapshots::default(),
        }
    }

    /// A saver writing as [`store::save_merging_owned`] does.
    ///
    /// Test-only: with `MARGINALIA_TEST_SAVE_DELAY_MS` set, each save first waits that
    /// long on its thread, so the end-to-end tests can act while a save is in flight.
    pub fn to_disk(report: Arc<Report>) -> Saver {
        let delay = std::env::var("MARGINALIA_TEST_SAVE_DELAY_MS")
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(std::time::Duration::from_millis);
        let write: Arc<Write> = Arc::new(move |path, known, file, deleted| {
            if let Some(delay) = delay {
                thread::sleep(delay);
            }
            store::save_merging_owned(path, known, file, deleted).map_err(|e| e.to_string())
        });
        Saver::new(write, report)
    }

    fn flight(&mut self, source: usize) -> &mut Flight {
        if self.flights.len() <= source {
            self.flights.resize(source + 1, Flight::default());
        }
        &mut self.flights[source]
    }

    /// Whether any save is in flight.
    pub fn busy(&self) -> bool {
        self.flights.iter().any(|f| f.flying)
    }

    /// Whether a save of `source` is in flight.
    pub fn flying(&self, source: usize) -> bool {
        self.flights.get(source).is_some_and(|f| f.flying)
    }

    /// Asks for `source` to be saved: starts a save now, or, while one is in flight, marks
    /// the source dirty so that one more starts when it ends.
    pub fn request(&mut self, state: &mut AppState, source: usize) {
        let flight = self.flight(source);
        if flight.flying {
            flight.dirty = true;
            return;
        }
        self.start(state, source);
    }

    /// Starts a save of `source` with the state as it is now. The lock and the read-only
    /// mark are checked here (cheap, and they change the state); the file is written on a
    /// thread of its own.
    fn start(&mut self, state: &mut AppState, source: usize) {
        if let Err(e) = crate::session::check_writer(state, source) {
            state.apply(Action::Saved(source, Err(e)), store::now());
            return;
        }
        let file = self.snapshots.of(state, source);
        let src = &state.sources[source];
        let path = src.path.clone();
        let known = Arc::clone(&src.disk);
        let deleted = src.deleted.clone();
        let write = Arc::clone(&self.write);
        let report = Arc::clone(&self.report);
        *self.flight(source) = Flight {
            flying: true,
            dirty: false,
        };
        thread::spawn(move || {
            // The copy of every annotation is made here, off the key path.
            let file = {
                let snapshot = file;
                snapshot.to_file()
            };
            let result = write(&path, &known, file, &deleted);
            report(source, result);
        });
    }

    /// A save of `source` ended with `result`: tells the state, and starts the next save
    /// when the state changed meanwhile. Returns whether that was the last one.
    pub fn landed(
        &mut self,
        state: &mut AppState,
        source: usize,
        result: Result<Saved, String>,
    ) -> Landed {
        let flight = self.flight(source);
        let dirty = flight.dirty;
        *flight = Flight::default();
        if !dirty {
            state.apply(Action::Saved(source, result), store::now());
            return Landed::Last;
        }
        state.saved_before_changes(source, result);
        self.start(state, source);
        Landed::More
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;
    use std::sync::mpsc::{self, Receiver, Sender};

    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    use super::*;
    use crate::action::Motion;
    use crate::app::{Saves, landed, step_with};
    use crate::state::{EssayDoc, SaveState, Source};

    type Result2 = (usize, Result<Saved, String>);

    const TEXT: &str = "Ledgers\n\nBy A Writer\n\nOne sentence here. Another one there. \
        A third follows. A fourth is here. A fifth one. A sixth one. A seventh one. \
        An eighth one. A ninth one. A tenth one. An eleventh one.\n";

    /// A state on a short essay whose annotations file is `path`.
    fn state_at(path: &std::path::Path) -> AppState {
        let docs = crate::essay::split(TEXT, "ledgers")
            .into_iter()
            .map(|e| EssayDoc::new(e, 0))
            .collect();
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("ledgers.txt".into()),
        };
        let source = Source::new("ledgers.txt".into(), path.into(), disk, vec![], None, None);
        let mut state = AppState::new(docs, vec![source], &[]);
        state.apply(Action::Resize(120, 40), store::now());
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
        assert_eq!(state.sources[0].items.len(), 2);
        assert!(saver.flying(0));
        assert_eq!(state.sources[0].save, SaveState::Saving);
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
        assert_eq!(state.sources[0].save, SaveState::Saving);
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
        assert_eq!(state.sources[0].save, SaveState::Saved);
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
        assert_eq!(state.sources[0].items.len(), 10);
        while saver.busy() {
            gate.send(()).unwrap();
            let (source, result) = results.recv().unwrap();
            landed(&mut state, &mut saver, &mut quit_after, source, result);
        }
        assert_eq!(*writes.lock().unwrap(), 2);
        assert_eq!(state.sources[0].save, SaveState::Saved);
        let disk = store::load_disk(&path).unwrap().unwrap();
        let mut on_disk: Vec<_> = disk.file.annotations.iter().map(|a| &a.id).collect();
        let mut shown: Vec<_> = state.sources[0]
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
        let mut other = state.sources[0].items[0].annotation.clone();
        other.id = "theirs-1".into();
        theirs.annotations.push(other);
        store::save(&path, &theirs).unwrap();
        // And we change more after the snapshot was taken.
        highlight_next(&mut state, &mut saver, &mut quit_after);
        let ours: Vec<String> = state.sources[0]
            .items
            .iter()
            .map(|p| p.annotation.id.clone())
            .collect();
        while saver.busy() {
            gate.send(()).unwrap();
            let (source, result) = results.recv().unwrap();
            landed(&mut state, &mut saver, &mut quit_after, source, result);
        }
        assert_eq!(state.sources[0].save, SaveState::Saved);
        let disk = store::load_disk(&path).unwrap().unwrap();
        let ids: Vec<&str> = disk
            .file
            .annotations
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        for id in ours.iter().map(String::as_str).chain(["theirs-1"]) {
            assert!(ids.contains(&id), "{id} missing on disk: {ids:?}");
            assert!(state.sources[0].placed(id).is_some(), "{id} not shown");
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
            state.rescue.prompt.is_none(),
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
            assert!(state.rescue.prompt.is_some());
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
        assert!(state.rescue.prompt.is_some(), "the failure is asked about");
        assert!(matches!(state.sources[0].save, SaveState::Failed(_)));
    }

    fn note(id: &str, note: &str) -> crate::state::Placed {
        crate::state::Placed {
            annotation: Annotation {
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
            },
            placement: crate::anchor::Placement::Orphaned,
        }
    }

    fn state_holding(items: Vec<crate::state::Placed>) -> AppState {
        let mut state = state_at(std::path::Path::new("annotations/ledgers.json"));
        state.sources[0].items = items;
        state
    }

    #[test]
    fn a_snapshot_shares_unchanged_annotations_and_copies_changed_ones() {
        let before = state_holding(vec![
            note("a", "1"),
            note("b", "2"),
            note("c", "3"),
            note("d", "4"),
        ]);
        let first = Snapshot::take(&before, 0, None);
        assert_eq!(first.to_file(), before.file_for_save(0));
        // b deleted, c changed, e added: a and d shared, c and e new.
        let after = state_holding(vec![
            note("a", "1"),
            note("c", "3, changed"),
            note("d", "4"),
            note("e", "5"),
        ]);
        let second = Snapshot::take(&after, 0, Some(&first));
        assert_eq!(second.to_file(), after.file_for_save(0));
        let shared =
            |i: usize, j: usize| Arc::ptr_eq(&second.annotations[i], &first.annotations[j]);
        assert!(shared(0, 0), "a is shared");
        assert!(!shared(1, 2), "c changed: copied");
        assert!(shared(2, 3), "d is shared");
        // In a new order, each is still found by id.
        let reordered = state_holding(vec![note("d", "4"), note("a", "1")]);
        let third = Snapshot::take(&reordered, 0, Some(&first));
        assert_eq!(third.to_file(), reordered.file_for_save(0));
        assert!(Arc::ptr_eq(&third.annotations[0], &first.annotations[3]));
        assert!(Arc::ptr_eq(&third.annotations[1], &first.annotations[0]));
    }
}
