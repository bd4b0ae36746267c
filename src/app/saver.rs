//! Saves off the key path: the annotations of a source are written by a thread of their
//! own, and the result comes back to the loop as [`Action::Saved`]. While a save of a
//! source is under way, further changes only mark it dirty; when it ends, one more save
//! starts with the newest state. At most one save a source is in flight, and at most one
//! waits.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread;

use crate::action::Action;
use crate::annotation::Annotation;
use crate::state::{AppState, Moved};
use crate::store::{self, AnnotationFile, DiskState, Saved, SourceId};

/// Writes one snapshot over the annotations file: the path, the file as last known on
/// disk (the base of a merge), the file to write, the ids deleted in this session.
pub type Write = dyn Fn(&PathBuf, &DiskState, AnnotationFile, &BTreeSet<String>) -> Result<Saved, String>
    + Send
    + Sync;

/// Hands a save's result (the source, what happened) back to the loop.
pub type Report = dyn Fn(SourceId, Result<Saved, String>) + Send + Sync;

/// The annotations file of one source as of one version of its annotations, each
/// annotation shared with the state (not copied: taking one costs a pointer per
/// annotation). Shared by the save in flight and the panic hook's copy.
#[derive(Debug)]
pub struct Snapshot {
    /// The file but for its annotations.
    header: AnnotationFile,
    /// The annotations, in order: a persistent vector, so that the next snapshot shares
    /// all but the few that changed.
    annotations: imbl::Vector<Arc<Annotation>>,
}

impl Snapshot {
    /// The whole file, copied (off the key path: on the saver's thread, in a panic).
    pub fn to_file(&self) -> AnnotationFile {
        let mut file = self.header.clone();
        file.annotations = self.annotations.iter().map(|a| (**a).clone()).collect();
        file
    }

    /// The snapshot of `source` now: its annotations shared with the state (each one is
    /// copied only when the state changes it while a snapshot holds it).
    fn take(state: &AppState, source: SourceId) -> Snapshot {
        Snapshot {
            header: state.file_without_annotations(source),
            annotations: state.sources()[source]
                .items
                .iter()
                .map(|placed| Arc::clone(&placed.annotation))
                .collect(),
        }
    }

    /// The snapshot of `source` now, made from this one, taken at version `from`, by
    /// following the changes since: a few annotations copied, not every one. `None` when
    /// the changes since are not all known.
    fn follow(&self, state: &AppState, source: SourceId, from: u64) -> Option<Snapshot> {
        let items = &state.sources()[source].items;
        let moves = state.sources()[source].moves_since(from)?;
        let mut annotations = self.annotations.clone();
        // Where the annotations put in or changed now sit: taken from the state at the end.
        let mut changed: Vec<usize> = Vec::new();
        for moved in moves {
            match moved {
                Moved::Insert(at) => {
                    // Any annotation will do until the end puts the right one in.
                    let stand_in = Arc::clone(&items.get(at).or(items.last())?.annotation);
                    if at > annotations.len() {
                        return None;
                    }
                    changed
                        .iter_mut()
                        .filter(|c| **c >= at)
                        .for_each(|c| *c += 1);
                    annotations.insert(at, stand_in);
                    changed.push(at);
                }
                Moved::Remove(at) => {
                    if at >= annotations.len() {
                        return None;
                    }
                    annotations.remove(at);
                    changed.retain(|&c| c != at);
                    changed
                        .iter_mut()
                        .filter(|c| **c > at)
                        .for_each(|c| *c -= 1);
                }
                Moved::Replace(at) => changed.push(at),
                Moved::Same => {}
            }
        }
        if annotations.len() != items.len() {
            return None;
        }
        for at in changed {
            annotations.set(at, Arc::clone(&items.get(at)?.annotation));
        }
        Some(Snapshot {
            header: state.file_without_annotations(source),
            annotations,
        })
    }
}

/// The last snapshot of each source, made again only when its annotations changed.
#[derive(Debug, Default)]
pub struct Snapshots {
    taken: Vec<Option<(u64, Arc<Snapshot>)>>,
    /// How many were taken of every annotation rather than followed (for tests).
    taken_whole: usize,
}

impl Snapshots {
    /// The file of `source` as it should be on disk now: the last snapshot when nothing
    /// changed since, else a new one (sharing the annotations with the state).
    pub fn of(&mut self, state: &AppState, source: SourceId) -> Arc<Snapshot> {
        if self.taken.len() <= source.0 {
            self.taken.resize(source.0 + 1, None);
        }
        let version = state.sources()[source].version();
        let followed = match &self.taken[source.0] {
            Some((v, snapshot)) if *v == version => return Arc::clone(snapshot),
            Some((v, snapshot)) => snapshot.follow(state, source, *v),
            None => None,
        };
        let snapshot = Arc::new(followed.unwrap_or_else(|| {
            self.taken_whole += 1;
            Snapshot::take(state, source)
        }));
        self.taken[source.0] = Some((version, Arc::clone(&snapshot)));
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

    fn flight(&mut self, source: SourceId) -> &mut Flight {
        if self.flights.len() <= source.0 {
            self.flights.resize(source.0 + 1, Flight::default());
        }
        &mut self.flights[source.0]
    }

    /// Brings the snapshot of each source that can be saved up to date (nothing to do when
    /// it is), so that the next save follows it rather than taking one of every
    /// annotation on the key path.
    pub fn prime(&mut self, state: &AppState) {
        for (i, src) in state.sources().iter().enumerate() {
            if src.read_only.is_none() {
                self.snapshots.of(state, SourceId(i));
            }
        }
    }

    /// Whether any save is in flight.
    pub fn busy(&self) -> bool {
        self.flights.iter().any(|f| f.flying)
    }

    /// Whether a save of `source` is in flight.
    pub fn flying(&self, source: SourceId) -> bool {
        self.flights.get(source.0).is_some_and(|f| f.flying)
    }

    /// Asks for `source` to be saved: starts a save now, or, while one is in flight, marks
    /// the source dirty so that one more starts when it ends.
    pub fn request(&mut self, state: &mut AppState, source: SourceId) {
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
    fn start(&mut self, state: &mut AppState, source: SourceId) {
        if let Err(e) = crate::session::check_writer(state, source) {
            state.apply(
                Action::Saved(source, Err(e.to_string())),
                store::Stamp::fresh(),
            );
            return;
        }
        let file = self.snapshots.of(state, source);
        let src = &state.sources()[source];
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
            // A save that panics is reported as failed: the loop must not wait for it.
            let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                // The copy of every annotation is made here, off the key path.
                write(&path, &known, file.to_file(), &deleted)
            }))
            .unwrap_or_else(|_| Err(format!("{}: the save stopped on an error", path.display())));
            report(source, result);
        });
    }

    /// A save of `source` ended with `result`: tells the state, and starts the next save
    /// when the state changed meanwhile. Returns whether that was the last one.
    pub fn landed(
        &mut self,
        state: &mut AppState,
        source: SourceId,
        result: Result<Saved, String>,
    ) -> Landed {
        let flight = self.flight(source);
        let dirty = flight.dirty;
        *flight = Flight::default();
        // The file as known before this save: let go of on a thread of its own, as freeing
        // 100,000 annotations would hold up the next key.
        let before = state
            .sources()
            .get(source.0)
            .map(|src| Arc::clone(&src.disk));
        let landed = if dirty {
            state.saved_before_changes(source, result);
            self.start(state, source);
            Landed::More
        } else {
            state.apply(Action::Saved(source, result), store::Stamp::fresh());
            Landed::Last
        };
        if let Some(before) = before {
            let_go(before);
        }
        landed
    }
}

/// Drops `value` off the loop's thread when this is its last holder and it is big enough
/// for freeing it to cost a key its time; otherwise here.
fn let_go(value: Arc<DiskState>) {
    const BIG: usize = 1_000;
    if Arc::strong_count(&value) == 1 && value.file.annotations.len() >= BIG {
        thread::spawn(move || drop(value));
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod snapshot_tests;
