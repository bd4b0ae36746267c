//! Browsing the notes list: moving through it (its passage shown in its essay as the
//! selection moves), jumping to a passage, the filter, export.

use super::{AppState, Effect, Focus, Overlay, SourceId, top_offset};
use crate::action::Action;
use crate::range::TextRange;

impl AppState {
    /// Carries out a notes-list action.
    pub(super) fn browse_notes(&mut self, action: Action) -> Effect {
        match action {
            Action::NotesDown => {
                self.scroll_list(1);
                self.preview_selected();
            }
            Action::NotesUp => {
                self.scroll_list(-1);
                self.preview_selected();
            }
            Action::NotesFirst => {
                self.scroll_list(isize::MIN / 2);
                self.preview_selected();
            }
            Action::NotesLast => {
                self.scroll_list(isize::MAX / 2);
                self.preview_selected();
            }
            Action::NotesJump => self.jump_to_selected(),
            Action::FilterStart => {
                self.modes.push(Overlay::Filter);
                self.notes_selected = 0;
                self.tag_cycle = None;
            }
            Action::Filter(input) => {
                self.filter.edit(input, 0);
                self.notes_selected = 0;
                self.tag_cycle = None;
            }
            Action::FilterDone => {
                self.modes.remove(|o| matches!(o, Overlay::Filter));
            }
            Action::Export => {
                // The focused essay's file; with the notes focused, the selected note's.
                let source = match self.focused_pane() {
                    Some(p) => Some(self.docs[self.panes[p].essay].source),
                    None => self
                        .note_items()
                        .get(self.notes_selected)
                        .map(|item| item.source),
                };
                let first = || {
                    let first = self.panes.first();
                    first.map_or(SourceId(0), |p| self.docs[p.essay].source)
                };
                let source = source.unwrap_or_else(first);
                return Effect::Export(source);
            }
            _ => {}
        }
        Effect::None
    }
}

impl AppState {
    /// The passage of the selected notes item, while the notes pane has the keys: marked
    /// in the essay pane that shows it.
    pub fn notes_preview(&self) -> Option<(crate::store::DocId, TextRange)> {
        if self.focus != Focus::Notes || !self.modes.is_empty() {
            return None;
        }
        let item = self.note_items().get(self.notes_selected)?.clone();
        let index = self.note_index(&item)?;
        let range = self.sources[item.source].items[index].placement.range()?;
        Some((item.doc, range))
    }

    /// Brings the selected item's passage into view in the pane showing its essay, the
    /// caret at its start, the keys staying with the notes: a preview of what `Enter`
    /// jumps to. A passage already in view is left where it is.
    pub(super) fn preview_selected(&mut self) {
        if self.focus != Focus::Notes {
            return;
        }
        let Some((doc, range)) = self.notes_preview() else {
            return;
        };
        let Some(p) = self.panes.iter().position(|pane| pane.essay == doc) else {
            return;
        };
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        pane.caret = crate::selection::clamp(&self.docs[doc].essay, range.start());
        pane.anchor = None;
        pane.goal_column = None;
        let top = super::top_pos(&flow, pane.top);
        let caret = flow.pos_of(pane.caret);
        let bottom = flow.advance(top, view.height.max(1) as isize - 1);
        if caret < top || caret > bottom {
            // Out of view: a third of the way down, where the eye expects it.
            pane.top = top_offset(&flow, flow.advance(caret, -(view.height as isize / 3)));
        }
        pane.follow_caret(&flow, view);
        self.panes[p] = pane;
    }
}
