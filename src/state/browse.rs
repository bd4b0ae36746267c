//! Browsing the notes list: moving through it, jumping to a passage, the filter, export.

use super::{AppState, Effect, Overlay};
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
                let source = self
                    .focused_pane()
                    .or_else(|| self.note_items().get(self.notes_selected).map(|_| 0))
                    .map_or(0, |p| self.docs[self.panes[p].essay].source);
                return Effect::Export(source);
            }
            _ => {}
        }
        Effect::None
    }
}
