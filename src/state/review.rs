//! Reviewing annotations that moved or were lost: accept, re-attach.

use chrono::{DateTime, Utc};

use super::*;
use crate::anchor::{Placement, anchor_for};
use crate::range::TextRange;
use crate::store::{DocId, SourceId};

impl AppState {
    /// Places annotation `id` of `source` on `range` of essay `doc`: a new anchor, found.
    pub(super) fn attach(
        &mut self,
        source: SourceId,
        id: &str,
        doc: DocId,
        range: TextRange,
        now: DateTime<Utc>,
    ) -> Effect {
        if self.docs[doc].source != source {
            self.message = Some("attach it to a passage of its own file".into());
            return Effect::None;
        }
        let Some(index) = self.sources[source].index_of(id) else {
            return Effect::None;
        };
        self.remember(source);
        let essay = &self.docs[doc].essay;
        let (anchor, essay_id) = (anchor_for(essay, range), essay.id.clone());
        self.edit_item(source, index, |placed| {
            let ann = std::sync::Arc::make_mut(&mut placed.annotation);
            let extra = ann.anchor.extra.clone();
            ann.anchor = anchor;
            ann.anchor.extra = extra;
            ann.essay = essay_id;
            ann.modified = now;
            placed.placement = Placement::Exact(range);
        });
        for pane in &mut self.panes {
            pane.anchor = None;
        }
        self.message = Some("attached".into());
        self.change(source)
    }

    /// Accepts the new place of a moved annotation: its anchor is rewritten there.
    pub(super) fn accept(&mut self, now: DateTime<Utc>) -> Effect {
        let Some((source, index)) = self.target() else {
            return Effect::None;
        };
        let Placement::Moved(range) = self.sources[source].items[index].placement else {
            self.message = Some("only a moved annotation needs accepting".into());
            return Effect::None;
        };
        let id = self.sources[source].items[index].annotation.id.clone();
        let essay_id = self.sources[source].items[index].annotation.essay.clone();
        let Some(doc) = self
            .docs
            .iter()
            .position(|d| d.source == source && d.essay.id == essay_id)
            .map(DocId)
        else {
            return Effect::None;
        };
        if !self.writable(source) {
            return Effect::None;
        }
        let effect = self.attach(source, &id, doc, range, now);
        self.message = Some("accepted".into());
        self.end_review_when_done();
        self.keep_notes_selection();
        effect
    }

    /// Carries out a review action: showing what needs review, accepting a new place,
    /// re-attaching.
    pub(super) fn review(&mut self, action: Action, now: DateTime<Utc>) -> Effect {
        match action {
            Action::Review => {
                if self.filter.text() == REVIEW {
                    self.end_review();
                } else if super::notes::cached(self, REVIEW).is_empty() {
                    self.message =
                        Some("nothing to review: every annotation is in its place".into());
                    return Effect::None;
                } else {
                    self.before_review = Some(self.filter.text().to_string());
                    self.filter = REVIEW.into();
                    if self.screen.notes.is_some() {
                        self.focus = Focus::Notes;
                    }
                }
                self.notes_selected = 0;
            }
            Action::Accept => return self.accept(now),
            Action::Reattach => self.start_reattach(),
            _ => {}
        }
        Effect::None
    }

    /// Waits for the reader to select the passage the selected item should sit on.
    pub(super) fn start_reattach(&mut self) {
        let Some(item) = self.note_items().get(self.notes_selected).cloned() else {
            return;
        };
        if !self.writable(item.source) {
            return;
        }
        let Some(placed) = self
            .note_index(&item)
            .map(|i| &self.sources[item.source].items[i])
        else {
            return;
        };
        let id = placed.annotation.id.clone();
        self.modes.push(Overlay::Reattach {
            source: item.source,
            id,
        });
        let p = match self.panes.iter().position(|pane| pane.essay == item.doc) {
            Some(p) => p,
            None => {
                self.show_essay(0, item.doc);
                0
            }
        };
        self.focus = Focus::Pane(p);
        let key = |a: Action| self.keymap.key_for(&a).unwrap_or_default();
        self.message = Some(format!(
            "select the passage ({} or {}), then {} to attach; {} cancels",
            key(Action::ToggleSelect),
            key(Action::SelectSentence),
            key(Action::Highlight),
            key(Action::Back)
        ));
    }

    /// Leaves review: the notes filter goes back to what it was before `R` (none, if it was
    /// changed since).
    pub(super) fn end_review(&mut self) {
        let before = self.before_review.take();
        if self.filter.text() == REVIEW {
            self.filter = before.unwrap_or_default().as_str().into();
            self.notes_selected = 0;
        }
    }

    /// After a change in review: with nothing left to review, leaves it and says so.
    pub(super) fn end_review_when_done(&mut self) {
        if self.filter.text() == REVIEW && super::notes::cached(self, REVIEW).is_empty() {
            self.end_review();
            self.message = Some(match self.message.take() {
                Some(said) => format!("{said}; nothing left to review"),
                None => "nothing left to review".into(),
            });
        }
    }
}
