//! Which mode the app is in, and backing out of it one level at a time.

use super::{AppState, Focus};

impl AppState {
    /// The mode, for the status line.
    pub fn mode(&self) -> &'static str {
        if self.rescue.prompt.is_some() {
            "QUIT?"
        } else if !self.rescue.offers.is_empty() {
            "KEPT"
        } else if self.editor.is_some() {
            "NOTE"
        } else if self.filter_editing {
            "FILTER"
        } else if self.link_draft.is_some() {
            "LINK"
        } else if self.search.as_ref().is_some_and(|s| s.typing) {
            "SEARCH"
        } else if self.reattach.is_some() {
            "ATTACH"
        } else if self.help.is_some() {
            "HELP"
        } else if self
            .focused_pane()
            .is_some_and(|p| self.panes[p].anchor.is_some())
        {
            "VISUAL"
        } else {
            "READ"
        }
    }

    /// The focused essay pane, if an essay pane has focus.
    pub fn focused_pane(&self) -> Option<usize> {
        match self.focus {
            Focus::Pane(p) if p < self.panes.len() => Some(p),
            _ => None,
        }
    }

    pub(super) fn back(&mut self) {
        if self.help.is_some() {
            self.help = None;
        } else if self.pairs.is_some() {
            self.pairs = None;
        } else if self.end_parallel() {
            self.message = Some("back from the parallel passage".into());
        } else if let Some(search) = self.search.take_if(|s| s.typing) {
            // Cancelled: back to where the search started.
            self.set_caret(search.pane, search.origin);
        } else if self.filter_editing {
            self.filter_editing = false;
            self.filter.clear();
        } else if self.link_draft.is_some() {
            self.link_draft = None;
            self.message = Some("link cancelled".into());
        } else if self.reattach.is_some() {
            self.reattach = None;
            self.message = Some("re-attach cancelled".into());
        } else if self.focus == Focus::Notes && !self.filter.is_empty() {
            self.filter.clear();
        } else if let Some(p) = self.focused_pane()
            && self.panes[p].anchor.is_some()
        {
            self.panes[p].anchor = None;
        } else if self.search.is_some() {
            self.search = None;
        }
    }
}
