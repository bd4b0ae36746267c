//! Browsing the notes list: moving through it, jumping to a passage, the filter, export.

use super::{AppState, Effect, Overlay, SourceId};
use crate::action::Action;

impl AppState {
    /// Carries out a notes-list action.
    pub(super) fn browse_notes(&mut self, action: Action) -> Effect {
        match action {
            Action::NotesDown => self.scroll_list(1),
            Action::NotesUp => self.scroll_list(-1),
            Action::NotesJump => self.jump_to_selected(),
            Action::FilterStart => {
                self.modes.push(Overlay::Filter);
                self.notes_selected = 0;
            }
            Action::Filter(input) => {
                self.filter.edit(input, 0);
                self.notes_selected = 0;
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
