//! Undo and redo as inverse changes: a step holds only what one action changed, so undo
//! costs the size of the change, not the number of annotations.
//!
//! Every change of a source's annotations or links goes through the methods here, which
//! record the change that takes it back. Applying a step's changes (last first) yields the
//! step that redoes it. Items are named by id; the index each sat at is only a hint, so a
//! merge from disk in between cannot make undo touch the wrong annotation.

use std::collections::VecDeque;

use super::{AppState, Effect, Placed, Source, UNDO_LIMIT};
use crate::annotation::{AnnotationId, Link, LinkId};
use crate::store::SourceId;

/// One change to a source, in the form that is applied to undo (or redo) another.
#[derive(Debug, Clone)]
pub(super) enum Change {
    /// Puts this annotation back, at this index when it still fits.
    InsertItem(usize, Placed),
    /// Takes out the annotation with this id (at this index, when it is still there).
    RemoveItem(usize, AnnotationId),
    /// Puts this version of an annotation in place of the one with its id.
    ReplaceItem(usize, Placed),
    /// Puts this link back, at this index when it still fits, unless an end it had when
    /// it was taken out (`from`, `to`: whether each was there) is gone since: a link that
    /// named a missing highlight already (a hand-edited file) comes back as it was.
    InsertLink(usize, Link, [bool; 2]),
    /// Takes out the link with this id (at this index, when it is still there).
    RemoveLink(usize, LinkId),
    /// Puts this version of a link in place of the one with its id.
    ReplaceLink(usize, Link),
}

/// What one action changed in one source, as the changes that take it back.
#[derive(Debug, Clone)]
pub(super) struct Step {
    source: SourceId,
    changes: Vec<Change>,
    /// Taken back (or done again) with the step under it: one action changed two
    /// sources (a link between two files).
    joined: bool,
}

/// The undo and redo stacks, each at most [`UNDO_LIMIT`] steps.
#[derive(Debug, Default)]
pub(super) struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

/// Where the item with `id` is: at `hint` when it is still there, else searched for.
fn find<T>(list: &[T], hint: usize, id: &str, id_of: impl Fn(&T) -> &str) -> Option<usize> {
    match list.get(hint) {
        Some(it) if id_of(it) == id => Some(hint),
        _ => list.iter().position(|it| id_of(it) == id),
    }
}

fn item_id(p: &Placed) -> &str {
    &p.annotation.id
}

fn link_id(l: &Link) -> &str {
    &l.id
}

/// What a step's changes did besides themselves, to keep every link's ends in place.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Kept {
    /// Links not put back because a highlight they name is gone (another program removed
    /// it, and a merge took it out).
    left_out: usize,
    /// Links taken out with a highlight they name (another program linked it).
    taken_out: usize,
}

impl Kept {
    /// What the message after an undo or redo adds: which links it did not put back or
    /// took out with their highlight, or nothing.
    fn said(self) -> String {
        let links = |n: usize| match n {
            1 => "1 link".to_string(),
            n => format!("{n} links"),
        };
        let mut said = String::new();
        if self.left_out > 0 {
            said.push_str(&format!(
                "; {} not brought back (highlight gone)",
                links(self.left_out)
            ));
        }
        if self.taken_out > 0 {
            said.push_str(&format!(
                "; {} removed with the highlight",
                links(self.taken_out)
            ));
        }
        said
    }
}

impl Source {
    /// Whether the annotation with `id` is shown.
    fn has_item(&self, id: &str) -> bool {
        self.items.iter().any(|it| it.annotation.id == id)
    }

    /// Whether each end of `link` (`from`, `to`) is shown.
    fn ends_of(&self, link: &Link) -> [bool; 2] {
        [self.has_item(&link.from), self.has_item(&link.to)]
    }

    /// Applies `change`, pushing onto `back` the changes that take it back (the last one
    /// is to be applied first). A change whose item is no longer there (a merge removed
    /// it) is skipped. No link is left naming a missing highlight: a link whose end is
    /// gone is not put back, and taking out a highlight takes its links out with it.
    fn apply_change(&mut self, change: Change, back: &mut Vec<Change>, kept: &mut Kept) {
        self.version += 1;
        match change {
            Change::InsertItem(at, placed) => {
                let at = at.min(self.items.len());
                let id = placed.annotation.id.clone();
                self.deleted.remove(id.as_str());
                self.items.insert(at, placed);
                back.push(Change::RemoveItem(at, id));
            }
            Change::RemoveItem(hint, id) => {
                let Some(at) = find(&self.items, hint, &id, item_id) else {
                    return;
                };
                // Its links first, so that taking this back puts the highlight back
                // before them.
                while let Some(l) = self.links.iter().rposition(|l| l.from == id || l.to == id) {
                    let ends = self.ends_of(&self.links[l]);
                    let link = self.links.remove(l);
                    self.deleted.insert(link.id.to_string());
                    back.push(Change::InsertLink(l, link, ends));
                    kept.taken_out += 1;
                }
                let placed = self.items.remove(at);
                self.deleted.insert(id.to_string());
                back.push(Change::InsertItem(at, placed));
            }
            Change::ReplaceItem(hint, placed) => {
                let Some(at) = find(&self.items, hint, &placed.annotation.id, item_id) else {
                    return;
                };
                back.push(Change::ReplaceItem(
                    at,
                    std::mem::replace(&mut self.items[at], placed),
                ));
            }
            Change::InsertLink(at, link, had) => {
                let now = self.ends_of(&link);
                if (had[0] && !now[0]) || (had[1] && !now[1]) {
                    kept.left_out += 1;
                    return;
                }
                let at = at.min(self.links.len());
                let id = link.id.clone();
                self.deleted.remove(id.as_str());
                self.links.insert(at, link);
                back.push(Change::RemoveLink(at, id));
            }
            Change::RemoveLink(hint, id) => {
                let Some(at) = find(&self.links, hint, &id, link_id) else {
                    return;
                };
                let ends = self.ends_of(&self.links[at]);
                let link = self.links.remove(at);
                self.deleted.insert(id.to_string());
                back.push(Change::InsertLink(at, link, ends));
            }
            Change::ReplaceLink(hint, link) => {
                let Some(at) = find(&self.links, hint, &link.id, link_id) else {
                    return;
                };
                back.push(Change::ReplaceLink(
                    at,
                    std::mem::replace(&mut self.links[at], link),
                ));
            }
        }
    }
}

impl AppState {
    /// Starts a new undo step for a change of `source`; the redo stack is forgotten.
    pub(super) fn remember(&mut self, source: SourceId) {
        let history = &mut self.history;
        history.undo.push_back(Step {
            source,
            changes: Vec::new(),
            joined: false,
        });
        if history.undo.len() > UNDO_LIMIT {
            history.undo.pop_front();
        }
        history.redo.clear();
    }

    /// Starts a step for a change of `source` that belongs to the step before it (the same
    /// action changed two sources): undo and redo take both at once.
    pub(super) fn remember_joined(&mut self, source: SourceId) {
        self.remember(source);
        if let Some(step) = self.history.undo.back_mut() {
            step.joined = true;
        }
    }

    /// Records `change` as taking back part of the current step.
    fn record(&mut self, source: SourceId, change: Change) {
        self.sources[source].version += 1;
        match self.history.undo.back_mut() {
            Some(step) if step.source == source => step.changes.push(change),
            _ => {
                self.remember(source);
                if let Some(step) = self.history.undo.back_mut() {
                    step.changes.push(change);
                }
            }
        }
    }

    /// Adds an annotation to `source` (undoably).
    pub(super) fn push_item(&mut self, source: SourceId, placed: Placed) {
        let src = &mut self.sources[source];
        let undo = Change::RemoveItem(src.items.len(), placed.annotation.id.clone());
        src.deleted.remove(placed.annotation.id.as_str());
        src.items.push(placed);
        self.record(source, undo);
    }

    /// Removes annotation `index` of `source` (undoably); a merge never brings it back.
    pub(super) fn remove_item(&mut self, source: SourceId, index: usize) -> Placed {
        let src = &mut self.sources[source];
        let placed = src.items.remove(index);
        src.deleted.insert(placed.annotation.id.to_string());
        self.record(source, Change::InsertItem(index, placed.clone()));
        placed
    }

    /// Changes annotation `index` of `source` with `edit` (undoably).
    pub(super) fn edit_item<R>(
        &mut self,
        source: SourceId,
        index: usize,
        edit: impl FnOnce(&mut Placed) -> R,
    ) -> R {
        let placed = &mut self.sources[source].items[index];
        let old = placed.clone();
        let out = edit(placed);
        self.record(source, Change::ReplaceItem(index, old));
        out
    }

    /// Adds a link to `source` (undoably).
    pub(super) fn push_link(&mut self, source: SourceId, link: Link) {
        let src = &mut self.sources[source];
        let undo = Change::RemoveLink(src.links.len(), link.id.clone());
        src.deleted.remove(link.id.as_str());
        src.links.push(link);
        self.record(source, undo);
    }

    /// Removes link `index` of `source` (undoably); a merge never brings it back.
    pub(super) fn remove_link(&mut self, source: SourceId, index: usize) -> Link {
        let src = &mut self.sources[source];
        let ends = src.ends_of(&src.links[index]);
        let link = src.links.remove(index);
        src.deleted.insert(link.id.to_string());
        self.record(source, Change::InsertLink(index, link.clone(), ends));
        link
    }

    /// Changes link `index` of `source` with `edit` (undoably).
    pub(super) fn edit_link(
        &mut self,
        source: SourceId,
        index: usize,
        edit: impl FnOnce(&mut Link),
    ) {
        let link = &mut self.sources[source].links[index];
        let old = link.clone();
        edit(link);
        self.record(source, Change::ReplaceLink(index, old));
    }

    /// `u` and `Ctrl-r`: takes back the last step, or does again the last one undone.
    pub(super) fn undo_redo(&mut self, undo: bool) -> Effect {
        let mut steps = Vec::new();
        loop {
            let popped = if undo {
                self.history.undo.pop_back()
            } else {
                self.history.redo.pop()
            };
            let Some(step) = popped else { break };
            let joined = step.joined;
            steps.push(step);
            if !joined {
                break;
            }
        }
        if steps.is_empty() {
            self.message = Some(
                if undo {
                    "nothing to undo"
                } else {
                    "nothing to redo"
                }
                .into(),
            );
            return Effect::None;
        }
        let mut kept = Kept::default();
        let mut touched = Vec::new();
        for (k, step) in steps.into_iter().enumerate() {
            let source = step.source;
            let src = &mut self.sources[source];
            // Last change first; the inverses, kept in that order, replay the step forwards.
            let mut changes = Vec::new();
            for change in step.changes.into_iter().rev() {
                src.apply_change(change, &mut changes, &mut kept);
            }
            // Of steps taken together, the first taken goes under the others.
            let back = Step {
                source,
                changes,
                joined: k > 0,
            };
            if undo {
                self.history.redo.push(back);
            } else {
                self.history.undo.push_back(back);
            }
            touched.push(source);
        }
        let mut said = String::from(if undo { "undone" } else { "redone" });
        said.push_str(&kept.said());
        if self.drop_stale_link_draft() {
            said.push_str("; the link being made lost its end: cancelled");
        }
        self.message = Some(said);
        self.keep_notes_selection();
        match touched[..] {
            [a, b, ..] if a != b => self.change_both(a, b),
            [a, ..] => self.change(a),
            [] => Effect::None,
        }
    }

    /// How many steps undo can take back (for tests).
    #[cfg(test)]
    pub(super) fn undo_depth(&self) -> usize {
        self.history.undo.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Action;
    use crate::annotation::AnnotationId;
    use crate::essay::{BlockKind, Essay};
    use crate::range::TextRange;
    use crate::store::{AnnotationFile, DiskState, DocId};

    fn state() -> AppState {
        let essay = Essay::from_blocks(
            "e".into(),
            vec![
                (BlockKind::Title, "Title".into()),
                (
                    BlockKind::Paragraph,
                    "One sentence here. Another one there. A third to end.".into(),
                ),
            ],
        );
        let disk = DiskState {
            hash: None,
            file: AnnotationFile::new("s.txt".into()),
        };
        let source = Source::new("s.txt".into(), "s.json".into(), disk, vec![], None, None);
        let mut state = AppState::new(
            vec![super::super::EssayDoc::new(essay, SourceId(0))],
            vec![source],
            &[],
        );
        state.apply(Action::Resize(120, 40), crate::store::Stamp::fresh());
        state
    }

    /// Highlights code points `start..start + 3` as its own undo step; returns the id.
    fn highlight(state: &mut AppState, start: usize) -> AnnotationId {
        let range = TextRange::new(start, start + 3).expect("range");
        let placed = state.new_annotation(DocId(0), range, None, &mut crate::store::Stamp::fresh());
        let id = placed.annotation.id.clone();
        state.remember(SourceId(0));
        state.push_item(SourceId(0), placed);
        id
    }

    fn ids(state: &AppState) -> Vec<AnnotationId> {
        state.sources[0]
            .items
            .iter()
            .map(|p| p.annotation.id.clone())
            .collect()
    }

    #[test]
    fn undo_remembers_the_last_steps_only() {
        let mut state = state();
        for i in 0..UNDO_LIMIT + 5 {
            highlight(&mut state, i % 40);
        }
        assert_eq!(state.undo_depth(), UNDO_LIMIT);
        for _ in 0..UNDO_LIMIT {
            state.undo_redo(true);
        }
        assert_eq!(state.sources[0].items.len(), 5, "the oldest five stay");
        assert_eq!(state.undo_redo(true), Effect::None, "nothing more to undo");
    }

    #[test]
    fn undo_names_annotations_by_id_when_their_places_shifted() {
        let mut state = state();
        let a = highlight(&mut state, 6);
        let b = highlight(&mut state, 20);
        // A merge from disk reorders the list: b now sits first.
        state.sources[0].items.reverse();
        state.sources[0].version += 1;
        state.undo_redo(true);
        assert_eq!(ids(&state), vec![a.clone()], "b was taken out, not a");
        assert!(state.sources[0].deleted.contains(b.as_str()));
        state.undo_redo(false);
        assert_eq!(ids(&state).len(), 2);
        assert!(!state.sources[0].deleted.contains(b.as_str()));
        // A change whose annotation a merge removed is skipped, not misapplied.
        state.sources[0].items.retain(|p| p.annotation.id != b);
        state.undo_redo(true);
        assert_eq!(ids(&state), vec![a]);
    }

    #[test]
    fn a_step_of_several_changes_is_undone_and_redone_whole() {
        let mut state = state();
        let a = highlight(&mut state, 6);
        let b = highlight(&mut state, 20);
        state.remember(SourceId(0));
        state.edit_item(SourceId(0), 0, |p| {
            std::sync::Arc::make_mut(&mut p.annotation).note = Some("changed".into())
        });
        state.remove_item(SourceId(0), 1);
        state.push_item(
            SourceId(0),
            state.new_annotation(
                DocId(0),
                TextRange::new(30, 33).expect("r"),
                None,
                &mut crate::store::Stamp::fresh(),
            ),
        );
        let after = state.sources[0].items.clone();
        state.undo_redo(true);
        assert_eq!(ids(&state), vec![a.clone(), b]);
        assert_eq!(state.sources[0].items[0].annotation.note, None);
        state.undo_redo(false);
        assert_eq!(state.sources[0].items, after);
    }

    fn link(id: &str, from: &str, to: &str) -> Link {
        Link {
            id: id.into(),
            from: from.into(),
            to: to.into(),
            relation: crate::annotation::Relation::Supports,
            note: None,
            other: None,
            created: crate::store::now(),
            modified: crate::store::now(),
            extra: Default::default(),
        }
    }

    fn link_ids(state: &AppState) -> Vec<String> {
        state.sources[0]
            .links
            .iter()
            .map(|l| l.id.to_string())
            .collect()
    }

    #[test]
    fn undo_does_not_bring_back_a_link_whose_end_is_gone() {
        let mut state = state();
        let a = highlight(&mut state, 6);
        let b = highlight(&mut state, 20);
        state.remember(SourceId(0));
        state.push_link(SourceId(0), link("l", &a, &b));
        // Deleting b takes the link along, in one step.
        state.remember(SourceId(0));
        state.remove_link(SourceId(0), 0);
        let at = state.sources[0].index_of(&b).expect("b");
        state.remove_item(SourceId(0), at);
        // Another program removes a; a merge takes it out.
        state.sources[0].items.retain(|p| p.annotation.id != a);
        state.sources[0].version += 1;
        state.undo_redo(true);
        assert_eq!(ids(&state), vec![b.clone()], "b is back");
        assert!(link_ids(&state).is_empty(), "the link to a is not");
        assert!(state.sources[0].deleted.contains("l"), "nor merged back");
        assert_eq!(
            state.message.as_deref(),
            Some("undone; 1 link not brought back (highlight gone)")
        );
        // Redo deletes b again, and there is no link to take.
        state.undo_redo(false);
        assert!(ids(&state).is_empty());
        assert_eq!(state.message.as_deref(), Some("redone"));
        // A link that named a missing highlight already (a hand-edited file) and is
        // removed comes back as it was: undo adds no dangling end, it takes none away.
        let c = highlight(&mut state, 30);
        state.sources[0].links.push(link("hand", &c, "never-there"));
        state.remember(SourceId(0));
        state.remove_link(SourceId(0), 0);
        state.undo_redo(true);
        assert_eq!(link_ids(&state), ["hand"]);
        assert_eq!(state.message.as_deref(), Some("undone"));
    }

    #[test]
    fn undoing_a_highlight_away_takes_its_links_and_redo_brings_them_back() {
        let mut state = state();
        let a = highlight(&mut state, 6);
        let b = highlight(&mut state, 20);
        // Another program links them (and one more link to b); a merge brings the links in.
        state.sources[0].links = vec![link("x", &a, &b), link("y", &b, &a), link("z", &a, &a)];
        state.sources[0].version += 1;
        state.undo_redo(true);
        assert_eq!(ids(&state), vec![a.clone()]);
        assert_eq!(link_ids(&state), ["z"], "no link names b");
        assert!(state.sources[0].deleted.contains("x") && state.sources[0].deleted.contains("y"));
        assert_eq!(
            state.message.as_deref(),
            Some("undone; 2 links removed with the highlight")
        );
        state.undo_redo(false);
        assert_eq!(ids(&state), vec![a, b]);
        assert_eq!(link_ids(&state), ["x", "y", "z"], "back in their places");
        assert!(!state.sources[0].deleted.contains("x"));
        assert_eq!(state.message.as_deref(), Some("redone"));
    }
}
