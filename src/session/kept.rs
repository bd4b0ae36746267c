//! What was kept for a source last time (recovery copies, note drafts), found to be
//! offered back.

use std::path::Path;

use crate::state::{AppState, Offer};
use crate::store::SourceId;

/// Finds the recovery copies and note drafts kept for each writable source last time, to
/// be offered back (never applied, never removed, unasked). One that cannot be read is
/// named in the status line and left as it is.
pub fn find_kept(state: &mut AppState) {
    let mut unreadable = Vec::new();
    let mut offers = Vec::new();
    for (source, src) in SourceId::all(state.sources().len()).zip(state.sources()) {
        if src.read_only.is_some() {
            continue;
        }
        let (found, bad) = kept_for(source, &src.path);
        offers.extend(found);
        unreadable.extend(bad);
    }
    state.offer_kept(offers, &unreadable);
}

/// The recovery copies and note drafts kept for the annotations file `path` of `source`,
/// and the messages of those that cannot be read.
pub(super) fn kept_for(source: SourceId, path: &Path) -> (Vec<Offer>, Vec<String>) {
    use crate::store::recovery::{self, Kept};
    let mut unreadable = Vec::new();
    let mut offers = Vec::new();
    for kind in [Kept::Recovery, Kept::Draft] {
        for path in recovery::find(path, kind) {
            match recovery::load(&path) {
                Ok(file) => offers.push(Offer {
                    source,
                    path,
                    kind,
                    file,
                }),
                Err(e) => unreadable.push(e.to_string()),
            }
        }
    }
    (offers, unreadable)
}
