//! Changing annotations: highlighting, colours, deleting, undo, and taking in a merge.

use chrono::{DateTime, Utc};

use super::*;
use crate::anchor::{Placement, anchor_for};
use crate::annotation::{Annotation, Colour};
use crate::essay::Essay;
use crate::range::TextRange;
use crate::selection;

impl AppState {
    pub(super) fn select_sentence(&mut self) {
        let Some(p) = self.focused_pane() else { return };
        let essay = &self.docs[self.panes[p].essay].essay;
        let pane = &self.panes[p];
        let target = match pane.selection(essay) {
            // Extend by the sentence after the selection.
            Some(sel) if pane.anchor.is_some() => {
                let next = selection::sentence_next(essay, sel.end().saturating_sub(1));
                selection::sentence_at(essay, next).map(|s| sel.union(s))
            }
            _ => selection::sentence_at(essay, pane.caret),
        };
        if let Some(range) = target {
            let last = selection::clamp(essay, range.end() - 1);
            let pane = &mut self.panes[p];
            pane.anchor = Some(range.start());
            pane.caret = last;
            let flow = self.flow(p);
            let view = self.viewport(p);
            let mut pane = self.panes[p].clone();
            pane.follow_caret(&flow, view);
            self.panes[p] = pane;
        }
    }

    /// The range `H` or `a` acts on in pane `p`: the selection, else the sentence.
    pub(super) fn marked_range(&self, p: usize) -> Option<TextRange> {
        let pane = &self.panes[p];
        let essay = &self.docs[pane.essay].essay;
        let range = pane
            .selection(essay)
            .or_else(|| selection::sentence_at(essay, pane.caret))?;
        selection::trim(essay, range)
    }

    /// The annotation under the caret of pane `p`: the shortest one holding it.
    pub(super) fn highlight_at_caret(&self, p: usize) -> Option<(usize, usize)> {
        let pane = &self.panes[p];
        let doc = &self.docs[pane.essay];
        let src = &self.sources[doc.source];
        src.items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.annotation.essay == doc.essay.id)
            .filter_map(|(i, it)| it.placement.range().map(|r| (i, r)))
            .filter(|(_, r)| r.contains(pane.caret))
            .min_by_key(|(_, r)| r.len())
            .map(|(i, _)| (doc.source, i))
    }

    /// The annotation `c`, `a` or `x` act on: the notes selection or the one at the caret.
    pub(super) fn target(&self) -> Option<(usize, usize)> {
        match self.focus {
            Focus::Notes => self
                .note_items()
                .get(self.notes_selected)
                .map(|it| (it.source, it.index)),
            Focus::Pane(p) if p < self.panes.len() => self.highlight_at_caret(p),
            Focus::Pane(_) => None,
        }
    }

    pub(super) fn writable(&mut self, source: usize) -> bool {
        match &self.sources[source].read_only {
            Some(why) => {
                self.message = Some(format!("read-only: {why}"));
                false
            }
            None => true,
        }
    }

    /// Records the state before a change of `source` and marks it for saving.
    pub(super) fn change(&mut self, source: usize) -> Effect {
        self.sources[source].save = SaveState::Saving;
        Effect::Save(source)
    }

    pub(super) fn remember(&mut self, source: usize) {
        self.undo.push(Snapshot {
            source,
            items: self.sources[source].items.clone(),
            links: self.sources[source].links.clone(),
        });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    pub(super) fn new_annotation(
        &self,
        doc: usize,
        range: TextRange,
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> Placed {
        let essay = &self.docs[doc].essay;
        Placed {
            annotation: Annotation {
                id: crate::store::new_id(),
                essay: essay.id.clone(),
                anchor: anchor_for(essay, range),
                colour: Colour::default(),
                note,
                tags: Vec::new(),
                created: now,
                modified: now,
                extra: Default::default(),
            },
            placement: Placement::Exact(range),
        }
    }

    pub(super) fn highlight(&mut self, now: DateTime<Utc>) -> Effect {
        let Some(p) = self.focused_pane() else {
            return Effect::None;
        };
        let Some(range) = self.marked_range(p) else {
            self.message = Some("nothing to highlight here".into());
            return Effect::None;
        };
        let doc = self.panes[p].essay;
        let source = self.docs[doc].source;
        if !self.writable(source) {
            return Effect::None;
        }
        if let Some((src, id)) = self.reattach.take() {
            return self.attach(src, &id, doc, range, now);
        }
        let id = &self.docs[doc].essay.id;
        let exists = self.sources[source]
            .items
            .iter()
            .any(|it| it.annotation.essay == *id && it.placement.range() == Some(range));
        if exists {
            self.message = Some("already highlighted".into());
            self.panes[p].anchor = None;
            return Effect::None;
        }
        let placed = self.new_annotation(doc, range, None, now);
        self.remember(source);
        self.sources[source].items.push(placed);
        self.panes[p].anchor = None;
        self.change(source)
    }

    /// The annotation `c` or `x` acts on, when it may be changed; its source's annotations
    /// are remembered for undo. Says why not, when not.
    fn target_to_change(&mut self) -> Option<(usize, usize)> {
        let Some((source, index)) = self.target() else {
            self.message = Some("no highlight here".into());
            return None;
        };
        if !self.writable(source) {
            return None;
        }
        self.remember(source);
        Some((source, index))
    }

    pub(super) fn cycle_colour(&mut self, now: DateTime<Utc>) -> Effect {
        let Some((source, index)) = self.target_to_change() else {
            return Effect::None;
        };
        let ann = &mut self.sources[source].items[index].annotation;
        ann.colour = ann.colour.next();
        ann.modified = now;
        self.message = Some(format!("colour: {}", ann.colour.name()));
        self.change(source)
    }

    pub(super) fn delete(&mut self) -> Effect {
        let Some((source, index)) = self.target_to_change() else {
            return Effect::None;
        };
        let removed = self.sources[source].items.remove(index);
        let src = &mut self.sources[source];
        let id = removed.annotation.id;
        for link in src.links.iter().filter(|l| l.from == id || l.to == id) {
            src.deleted.insert(link.id.clone());
        }
        src.links.retain(|l| l.from != id && l.to != id);
        src.deleted.insert(id);
        let undo = crate::keymap::key_for(&Action::Undo).unwrap_or_default();
        self.message = Some(format!("deleted ({undo} to undo)"));
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
        self.change(source)
    }

    pub(super) fn undo_redo(&mut self, undo: bool) -> Effect {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(snapshot) = from.pop() else {
            self.message = Some(
                if undo {
                    "nothing to undo"
                } else {
                    "nothing to redo"
                }
                .into(),
            );
            return Effect::None;
        };
        let source = snapshot.source;
        let current = std::mem::replace(&mut self.sources[source].items, snapshot.items);
        let current_links = std::mem::replace(&mut self.sources[source].links, snapshot.links);
        let src = &mut self.sources[source];
        for gone in current_links
            .iter()
            .filter(|c| !src.links.iter().any(|l| l.id == c.id))
        {
            src.deleted.insert(gone.id.clone());
        }
        for back in &src.links {
            src.deleted.remove(&back.id);
        }
        for gone in current
            .iter()
            .filter(|c| !src.items.iter().any(|i| i.annotation.id == c.annotation.id))
        {
            src.deleted.insert(gone.annotation.id.clone());
        }
        for back in &src.items {
            src.deleted.remove(&back.annotation.id);
        }
        to.push(Snapshot {
            source,
            items: current,
            links: current_links,
        });
        self.message = Some(if undo { "undone" } else { "redone" }.into());
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
        self.change(source)
    }

    /// Shows what a merge with the file on disk brought in: annotations unchanged keep
    /// their placement, the rest are placed afresh.
    pub(super) fn adopt_merge(&mut self, source: usize) {
        let essays: Vec<Essay> = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| d.essay.clone())
            .collect();
        let src = &self.sources[source];
        let fresh = place(&src.disk.file, &essays);
        let items = fresh
            .into_iter()
            .map(|placed| {
                src.items
                    .iter()
                    .find(|old| old.annotation == placed.annotation)
                    .cloned()
                    .unwrap_or(placed)
            })
            .collect();
        self.sources[source].items = items;
        self.sources[source].links = self.sources[source].disk.file.links.clone();
        self.message = Some("merged changes made to the annotations file on disk".into());
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
    }
}
