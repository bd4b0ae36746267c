//! What changed in a source's annotations, change by change, so that the indexes made from
//! them (places by essay, the notes list) are brought up to date by the few changes since
//! they were made instead of being made again from every annotation.
//!
//! Each change of `items` made through the undoable methods is logged with the change
//! count it produced. An index made at count `v` can catch up when every count after `v`
//! up to now has its entry; any other change (a merge, a reload) leaves a gap, and the
//! index is made afresh as before.

use crate::annotation::AnnotationId;
use crate::range::TextRange;

/// What the indexes know of an annotation: its id, essay id, range (none when not
/// placed) and creation time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Spot {
    pub id: AnnotationId,
    pub essay: String,
    pub range: Option<TextRange>,
    pub created: chrono::DateTime<chrono::Utc>,
}

/// One logged change of a source's `items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Edit {
    /// This annotation was put in at this index (those after it moved up one).
    Insert(usize, Spot),
    /// The annotation at this index, which sat there, was taken out (those after it
    /// moved down one).
    Remove(usize, Spot),
    /// The annotation at this index was changed from the first to the second.
    Replace(usize, Spot, Spot),
    /// Nothing in `items` changed (a link, or a change that found nothing to do).
    Links,
    /// Something an index cannot follow: it must be made afresh.
    Other,
}

/// The most changes kept: an index older than that is made afresh.
const KEPT: usize = 256;

/// The logged changes of one source, oldest first, each with the change count after it.
#[derive(Debug, Default)]
pub(super) struct Journal(Vec<(u64, Edit)>);

impl Journal {
    /// Logs `edit`, which brought the change count to `version`.
    pub(super) fn log(&mut self, version: u64, edit: Edit) {
        if self.0.len() >= KEPT {
            self.0.drain(..KEPT / 2);
        }
        self.0.push((version, edit));
    }

    /// The changes from count `from` to count `to`, when every one of them was logged
    /// and each can be followed; `None` when the index must be made afresh.
    pub(super) fn since(&self, from: u64, to: u64) -> Option<Vec<&Edit>> {
        if from > to {
            return None;
        }
        let first = self.0.partition_point(|(v, _)| *v <= from);
        let mut out = Vec::new();
        let mut want = from + 1;
        for (v, edit) in &self.0[first..] {
            if *v > to {
                break;
            }
            if *v != want || *edit == Edit::Other {
                return None;
            }
            out.push(edit);
            want += 1;
        }
        (want == to + 1).then_some(out)
    }
}

/// Where `placed` sits, for the journal.
/// What one change did to a source's `items`, by position (for those that keep a copy of
/// them, such as the saver's snapshot).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moved {
    /// An annotation was put in at this index; those from it on moved up one.
    Insert(usize),
    /// The annotation at this index was taken out; those after it moved down one.
    Remove(usize),
    /// The annotation at this index was changed in place.
    Replace(usize),
    /// The annotations were left as they were (a link changed).
    Same,
}

impl super::Source {
    /// The changes of `items` from version `from` to now, in order; `None` when they are
    /// not all known (too long ago, or a change that was not logged one by one, such as
    /// a merge): then only a fresh look at every annotation will do.
    pub fn moves_since(&self, from: u64) -> Option<Vec<Moved>> {
        let edits = self.journal.since(from, self.version)?;
        Some(
            edits
                .into_iter()
                .map(|edit| match edit {
                    Edit::Insert(at, _) => Moved::Insert(*at),
                    Edit::Remove(at, _) => Moved::Remove(*at),
                    Edit::Replace(at, ..) => Moved::Replace(*at),
                    Edit::Links | Edit::Other => Moved::Same,
                })
                .collect(),
        )
    }
}

pub(super) fn spot(placed: &super::Placed) -> Spot {
    Spot {
        id: placed.annotation.id.clone(),
        essay: placed.annotation.essay.clone(),
        range: placed.placement.range(),
        created: placed.annotation.created,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_an_unbroken_run_of_changes_can_be_followed() {
        let mut j = Journal::default();
        j.log(1, Edit::Other);
        j.log(2, Edit::Links);
        j.log(3, Edit::Links);
        j.log(5, Edit::Links);
        assert_eq!(j.since(0, 2), None, "count 1 cannot be followed");
        assert_eq!(j.since(1, 3), Some(vec![&Edit::Links, &Edit::Links]));
        assert_eq!(j.since(2, 2), Some(vec![]));
        assert_eq!(j.since(2, 5), None, "count 4 was not logged");
        assert_eq!(j.since(4, 5), Some(vec![&Edit::Links]));
        assert_eq!(j.since(5, 4), None);
    }
}
