//! Sentence indexes off the key path: when two essays are on screen, a thread builds the
//! index of each that has none (about 2 s for a 1 MB essay), weighs the pair against each
//! other (so that the first `p` is as quick as the next), and hands each index back to the
//! loop, which gives it to the state as [`Action::Indexed`]. `apply` stays pure: the state
//! only says which essays want an index ([`AppState::docs_to_index`]).

use std::collections::HashSet;
use std::sync::Arc;
use std::thread;

use crate::action::Action;
use crate::similar::{self, SentenceIndex, SharedIndex};
use crate::state::AppState;
use crate::store::DocId;

/// Hands an action (an index built) back to the loop.
pub type Report = dyn Fn(Action) + Send + Sync;

/// Starts the index threads, each essay's once.
pub struct Indexer {
    /// Essays whose index was asked for.
    asked: HashSet<usize>,
    report: Arc<Report>,
}

impl Indexer {
    /// An indexer reporting with `report`.
    pub fn new(report: Arc<Report>) -> Indexer {
        Indexer {
            asked: HashSet::new(),
            report,
        }
    }

    /// Starts a thread for the essays on screen that want an index and were not asked for yet.
    /// Returns whether one was started.
    pub fn start(&mut self, state: &AppState) -> bool {
        let wanted: Vec<DocId> = state
            .docs_to_index()
            .into_iter()
            .filter(|d| self.asked.insert(d.0))
            .collect();
        if wanted.is_empty() {
            return false;
        }
        let essays: Vec<_> = wanted
            .iter()
            .map(|&d| (d, state.docs()[d].essay.clone()))
            .collect();
        let ready = state.ready_indexes();
        let report = Arc::clone(&self.report);
        thread::spawn(move || {
            let built: Vec<(DocId, Arc<SentenceIndex>)> = essays
                .iter()
                .map(|(d, essay)| (*d, Arc::new(SentenceIndex::new(essay))))
                .collect();
            let all: Vec<&Arc<SentenceIndex>> =
                built.iter().map(|(_, i)| i).chain(ready.iter()).collect();
            for (k, x) in all.iter().enumerate() {
                for y in &all[k + 1..] {
                    similar::warm(x, y);
                }
            }
            for (d, index) in built {
                report(Action::Indexed(d, SharedIndex(index)));
            }
        });
        true
    }
}
