//! Reading: focus, caret motions, selection, which essay a pane shows, the text measure,
//! the theme, locked scrolling, the terminal's size and the mouse.

use super::{AppState, Effect};
use crate::action::Action;
use crate::settings::theme::Palette;

impl AppState {
    /// Carries out a reading action.
    pub(super) fn read(&mut self, action: Action) -> Effect {
        match action {
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Move(m) => {
                if let Some(p) = self.focused_pane() {
                    let flow = self.flow(p);
                    let view = self.viewport(p);
                    let mut pane = self.panes[p].clone();
                    pane.apply_motion(m, &flow, view);
                    self.panes[p] = pane;
                }
            }
            Action::ToggleSelect => {
                if let Some(p) = self.focused_pane() {
                    let pane = &mut self.panes[p];
                    pane.anchor = match pane.anchor {
                        Some(_) => None,
                        None => Some(pane.caret),
                    };
                }
            }
            Action::PrevEssay => self.switch_essay(-1),
            Action::NextEssay => self.switch_essay(1),
            Action::Wider => return self.change_measure(true),
            Action::Narrower => return self.change_measure(false),
            Action::ToggleTheme => {
                self.settings.palette = match self.settings.palette {
                    Palette::Dark => Palette::Light,
                    Palette::Light => Palette::Dark,
                };
                self.theme.palette = self.settings.palette;
                return Effect::SaveSettings;
            }
            Action::ToggleLock => self.toggle_lock(),
            Action::Align => {
                if let Some(p) = self.focused_pane() {
                    self.refresh_fixed_points();
                    self.align_other(p);
                }
            }
            Action::Scroll(to) => {
                if let Some(p) = self.focused_pane() {
                    let flow = self.flow(p);
                    let view = self.viewport(p);
                    let mut pane = self.panes[p].clone();
                    pane.scroll_to(to, &flow, view);
                    self.panes[p] = pane;
                }
            }
            Action::Resize(width, height) => self.resize(width, height),
            Action::Mouse(mouse) => self.mouse(mouse),
            _ => {}
        }
        Effect::None
    }

    /// `L`: locks or unlocks the scrolling of the two essays together.
    fn toggle_lock(&mut self) {
        if self.panes.len() < 2 {
            self.message = Some("locking needs two essays side by side".into());
            return;
        }
        self.locked = !self.locked;
        if self.locked {
            self.refresh_fixed_points();
            if let Some(p) = self.focused_pane() {
                self.align_other(p);
            }
        }
        self.message = Some(
            if self.locked {
                "scrolling locked"
            } else {
                "scrolling unlocked"
            }
            .into(),
        );
    }
}
