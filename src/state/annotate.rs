//! Changing annotations: highlighting, colours, deleting, undo, and taking in a merge.

use chrono::{DateTime, Utc};

use super::*;
use crate::anchor::{Placement, anchor_for};
use crate::annotation::{Annotation, Colour};
use crate::essay::Essay;
use crate::range::TextRange;
use crate::selection;
use crate::store::{DocId, SourceId};
use std::sync::Arc;

impl AppState {
    /// Carries out a marking action: selecting a sentence, highlighting, colouring,
    /// deleting, undo and redo.
    pub(super) fn mark(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
        match action {
            Action::SelectSentence => self.select_sentence(),
            Action::Highlight => return self.highlight(stamp),
            Action::CycleColour => return self.cycle_colour(now),
            Action::Delete => {
                if self.focus == Focus::Notes
                    && let Some(item) = self.note_items().get(self.notes_selected).cloned()
                    && let Some(link) = self.note_link_index(&item)
                {
                    return self.delete_link(item.source, link);
                }
                return self.delete();
            }
            Action::Undo => return self.undo_redo(true),
            Action::Redo => return self.undo_redo(false),
            _ => {}
        }
        Effect::None
    }

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

    /// The range highlighting or `a` acts on in pane `p`: the selection, else the sentence.
    pub(super) fn marked_range(&self, p: usize) -> Option<TextRange> {
        let pane = &self.panes[p];
        let essay = &self.docs[pane.essay].essay;
        let range = pane
            .selection(essay)
            .or_else(|| selection::sentence_at(essay, pane.caret))?;
        selection::trim(essay, range)
    }

    /// The annotation under the caret of pane `p`: the shortest one holding it.
    pub(super) fn highlight_at_caret(&self, p: usize) -> Option<(SourceId, usize)> {
        let pane = &self.panes[p];
        let source = self.docs[pane.essay].source;
        let src = &self.sources[source];
        let at = TextRange::new(pane.caret, pane.caret + 1)?;
        self.placed_over(pane.essay, at)
            .into_iter()
            .filter_map(|i| src.items[i].placement.range().map(|r| (i, r)))
            .filter(|(_, r)| r.contains(pane.caret))
            // The shortest; between equals, the first made, as always.
            .min_by_key(|&(i, r)| (r.len(), i))
            .map(|(i, _)| (source, i))
    }

    /// The annotation `c`, `a` or `x` act on: the notes selection or the one at the caret.
    pub(super) fn target(&self) -> Option<(SourceId, usize)> {
        match self.focus {
            Focus::Notes => self
                .note_items()
                .get(self.notes_selected)
                .and_then(|it| Some((it.source, self.note_index(it)?))),
            Focus::Pane(p) if p < self.panes.len() => self.highlight_at_caret(p),
            Focus::Pane(_) => None,
        }
    }

    pub(super) fn writable(&mut self, source: SourceId) -> bool {
        match &self.sources[source].read_only {
            Some(why) => {
                self.message = Some(format!("read-only: {why}"));
                false
            }
            None => true,
        }
    }

    /// Records the state before a change of `source` and marks it for saving.
    pub(super) fn change(&mut self, source: SourceId) -> Effect {
        self.sources[source].save = SaveState::Saving;
        Effect::Save(source)
    }

    /// [`AppState::change`] of `first` and of each of `more`: all are saved.
    pub(super) fn change_all(&mut self, first: SourceId, more: &[SourceId]) -> Effect {
        let mut all = vec![first];
        for &s in more {
            if !all.contains(&s) {
                all.push(s);
            }
        }
        if let [only] = all[..] {
            return self.change(only);
        }
        for &s in &all {
            self.sources[s].save = SaveState::Saving;
        }
        Effect::SaveAll(all)
    }

    pub(super) fn new_annotation(
        &self,
        doc: DocId,
        range: TextRange,
        note: Option<String>,
        stamp: &mut Stamp,
    ) -> Placed {
        let now = stamp.now;
        let essay = &self.docs[doc].essay;
        Placed {
            annotation: Arc::new(Annotation {
                id: stamp.ids.annotation(),
                essay: essay.id.clone(),
                anchor: anchor_for(essay, range),
                colour: Colour::default(),
                note,
                tags: Vec::new(),
                created: now,
                modified: now,
                extra: Default::default(),
            }),
            placement: Placement::Exact(range),
        }
    }

    pub(super) fn highlight(&mut self, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
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
        if let Some((src, id)) = self.take_reattach() {
            let effect = self.attach(src, &id, doc, range, now);
            self.end_review_when_done();
            return effect;
        }
        let exists = self
            .placed_over(doc, range)
            .into_iter()
            .any(|i| self.sources[source].items[i].placement.range() == Some(range));
        if exists {
            self.message = Some("already highlighted".into());
            self.panes[p].anchor = None;
            return Effect::None;
        }
        let placed = self.new_annotation(doc, range, None, stamp);
        self.remember(source);
        self.push_item(source, placed);
        self.panes[p].anchor = None;
        self.change(source)
    }

    /// The annotation `c` or `x` acts on, when it may be changed; its source's annotations
    /// are remembered for undo. Says why not, when not.
    fn target_to_change(&mut self) -> Option<(SourceId, usize)> {
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
        let colour = self.edit_item(source, index, |placed| {
            let ann = std::sync::Arc::make_mut(&mut placed.annotation);
            ann.colour = ann.colour.next();
            ann.modified = now;
            ann.colour
        });
        self.message = Some(format!("colour: {}{}", colour.name(), self.link_end_said()));
        self.change(source)
    }

    pub(super) fn delete(&mut self) -> Effect {
        match self.target_to_delete() {
            Some((source, index)) => self.delete_at(source, index),
            None => Effect::None,
        }
    }

    /// Deletes highlight `index` of `source` with its links, in one undo step.
    pub(super) fn delete_at(&mut self, source: SourceId, index: usize) -> Effect {
        if !self.writable(source) {
            return Effect::None;
        }
        self.remember(source);
        // The links of the highlight go with it, in the same undo step.
        let id = self.sources[source].items[index].annotation.id.clone();
        let mut across = Vec::new();
        while let Some(l) = self.sources[source]
            .links
            .iter()
            .rposition(|l| l.from == id || l.to == id)
        {
            let link = self.remove_link(source, l);
            if link.other.is_some() {
                across.push(link.id);
            }
        }
        self.remove_item(source, index);
        // The other file's copies of its links to other files go too, when it is open.
        let twins: Vec<SourceId> = across
            .iter()
            .filter_map(|l| self.remove_twin(source, l))
            .collect();
        let undo = self.keymap.key_for(&Action::Undo).unwrap_or_default();
        self.message = Some(if self.drop_stale_link_draft() {
            format!("deleted ({undo} to undo); the link being made lost its end: cancelled")
        } else {
            format!("deleted ({undo} to undo)")
        });
        self.end_review_when_done();
        self.keep_notes_selection();
        self.change_all(source, &twins)
    }

    /// Shows what a merge with the file on disk brought in: annotations unchanged keep
    /// their placement, the rest are placed afresh.
    pub(super) fn adopt_merge(&mut self, source: SourceId) {
        let essays: Vec<std::sync::Arc<Essay>> = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| std::sync::Arc::clone(&d.essay))
            .collect();
        let src = &self.sources[source];
        let fresh = place(&src.disk.file, &essays);
        let known: HashMap<&str, &Placed> = src
            .items
            .iter()
            .map(|it| (it.annotation.id.as_str(), it))
            .collect();
        let items = fresh
            .into_iter()
            .map(|placed| match known.get(placed.annotation.id.as_str()) {
                Some(old) if old.annotation == placed.annotation => (*old).clone(),
                _ => placed,
            })
            .collect();
        self.sources[source].items = items;
        self.sources[source].version += 1;
        self.sources[source].links = self.sources[source].disk.file.links.clone();
        self.message = Some("merged changes made to the annotations file on disk".into());
        if self.drop_stale_link_draft() {
            self.message = Some(
                "merged changes made on disk; the link being made lost its end: cancelled".into(),
            );
        }
        self.keep_notes_selection();
    }
}
