//! The help: paging that stops at its ends, and a search in it.

use super::{AppState, Effect};
use crate::action::Action;
use crate::input::TextInput;
use crate::keymap::HelpPage;

/// The help as shown: how far it is scrolled, and what is searched in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HelpView {
    /// Lines scrolled (never past the last page).
    pub scroll: u16,
    /// What is searched for (empty: nothing).
    pub query: TextInput,
    /// Whether the search is being typed.
    pub typing: bool,
    /// The line of the match gone to last.
    pub current: Option<usize>,
}

impl AppState {
    /// The help laid out on this screen with the keys in force.
    pub fn help_page(&self) -> HelpPage {
        crate::keymap::help_page(&self.keymap, self.screen.area)
    }

    /// Carries out paging and searching in the help.
    pub(super) fn help_action(&mut self, action: Action) -> Effect {
        let page = self.help_page();
        let Some(view) = self.help_view_mut() else {
            return Effect::None;
        };
        view.scroll = view.scroll.min(page.max_scroll());
        match action {
            Action::HelpPage(halves) => {
                let half = (page.rows() as isize / 2).max(1);
                let step = if halves.abs() >= 2 {
                    (page.rows() as isize).saturating_sub(1).max(1) * halves.signum()
                } else {
                    half.saturating_mul(halves)
                };
                let to = (view.scroll as isize).saturating_add(step);
                view.scroll = clamp_scroll(to, &page);
            }
            Action::HelpFindStart => {
                view.typing = true;
                view.query = TextInput::single_line("");
                view.current = None;
            }
            Action::HelpFind(input) => {
                view.query.edit(input, 0);
                let first = page.matches(view.query.text()).into_iter().find(|i| {
                    // From the top of the page on, as less does.
                    *i >= usize::from(view.scroll)
                });
                let first = first.or_else(|| page.matches(view.query.text()).first().copied());
                go_to(view, first, &page);
            }
            Action::HelpFindDone => view.typing = false,
            Action::HelpFindNext(step) => {
                let matches = page.matches(view.query.text());
                let next = match (view.current, step > 0) {
                    (Some(at), true) => matches.iter().find(|i| **i > at).or(matches.first()),
                    (Some(at), false) => matches.iter().rev().find(|i| **i < at).or(matches.last()),
                    (None, _) => matches.first(),
                };
                go_to(view, next.copied(), &page);
            }
            _ => {}
        }
        Effect::None
    }

    /// `Esc` in the help with a search: leaves the search first. Whether it did.
    pub(super) fn leave_help_search(&mut self) -> bool {
        if !matches!(self.modes.iter().last(), Some(super::Overlay::Help(_))) {
            return false;
        }
        match self.help_view_mut() {
            Some(view) if view.typing || !view.query.is_empty() => {
                view.typing = false;
                view.query.clear();
                view.current = None;
                true
            }
            _ => false,
        }
    }
}

/// `to` as a scroll the help can have.
pub(super) fn clamp_scroll(to: isize, page: &HelpPage) -> u16 {
    let max = page.max_scroll();
    u16::try_from(to.clamp(0, max as isize)).unwrap_or(max)
}

/// Shows line `line` of the help (at the top of the popup, as far as it scrolls).
fn go_to(view: &mut HelpView, line: Option<usize>, page: &HelpPage) {
    view.current = line;
    if let Some(line) = line {
        let rows = usize::from(page.rows());
        let top = usize::from(view.scroll);
        if line < top || line >= top + rows {
            view.scroll = clamp_scroll(isize::try_from(line).unwrap_or(isize::MAX), page);
        }
    }
}
