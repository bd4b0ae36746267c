//! Moving around: focus, resizing, essays in panes, the notes list, the mouse, alignment.

use ratatui::layout::Rect;

use super::*;
use crate::action::Mouse;
use crate::screen;
use crate::selection;
use crate::store::DocId;

impl AppState {
    /// Scrolls the pane beside `p` so that what it shows matches `p`'s caret line.
    pub(super) fn align_other(&mut self, p: usize) {
        if self.panes.len() < 2 {
            return;
        }
        if self.follow_alignment(p) {
            return;
        }
        let q = 1 - p.min(1);
        let (a, b) = (self.panes[p].essay, self.panes[q].essay);
        let (len_a, len_b) = (self.docs[a].essay.len, self.docs[b].essay.len);
        // Fixed points are stored left to right; flip them when the right pane leads.
        let points: Vec<lock::FixedPoint> = if p == 0 {
            self.fixed_points.clone()
        } else {
            lock::monotone(self.fixed_points.iter().map(|&(x, y)| (y, x)).collect())
        };
        let caret = self.panes[p].caret;
        let target = lock::map_offset(&points, caret, len_a, len_b);
        // Put the matching line at the same height as the caret's line.
        let flow_p = self.flow(p);
        let row = {
            let mut pos = top_pos(&flow_p, self.panes[p].top);
            let caret_pos = flow_p.pos_of(caret);
            let mut n = 0isize;
            while pos < caret_pos {
                match flow_p.next(pos) {
                    Some(next) => pos = next,
                    None => break,
                }
                n += 1;
            }
            n
        };
        let flow = self.flow(q);
        let view = self.viewport(q);
        let mut pane = self.panes[q].clone();
        pane.caret = selection::clamp(flow.essay, target);
        pane.goal_column = None;
        let line = flow.pos_of(pane.caret);
        pane.top = top_offset(&flow, flow.advance(line, -row));
        pane.follow_caret(&flow, view);
        self.panes[q] = pane;
    }

    /// Recomputes the fixed points of the two essays on screen.
    pub(super) fn refresh_fixed_points(&mut self) {
        self.fixed_points = if self.panes.len() < 2 {
            Vec::new()
        } else {
            let mut points = self.link_points(self.panes[0].essay, self.panes[1].essay);
            points.extend(self.parallel_points());
            lock::monotone(points)
        };
        self.refresh_alignment();
    }

    /// `+` / `-`: widens or narrows the focused essay's text, up to the pane's full
    /// width; the other pane keeps its own.
    pub(super) fn change_measure(&mut self, wider: bool) -> Effect {
        let Some(p) = self.focused_pane() else {
            return Effect::None;
        };
        let room = self.screen.text_room(p);
        let current = self.viewport(p).width;
        let width = if wider {
            current.saturating_add(MEASURE_STEP)
        } else {
            current.saturating_sub(MEASURE_STEP).max(MIN_MEASURE)
        };
        let full = width >= room;
        self.settings
            .set_measure(p, Some(if full { screen::FULL } else { width }));
        let size = self.screen.area;
        self.resize(size.width, size.height);
        let side = match (self.panes.len(), p) {
            (1, _) => "",
            (_, 0) => "left ",
            _ => "right ",
        };
        self.message = Some(if full {
            format!("{side}text measure: full width")
        } else {
            format!("{side}text measure: {width} columns")
        });
        Effect::SaveSettings
    }

    pub(super) fn cycle_focus(&mut self, step: isize) {
        let mut order: Vec<Focus> = (0..self.panes.len()).map(Focus::Pane).collect();
        if !self.screen.too_small {
            // On a short screen the notes pane is hidden until it has the keys.
            order.push(Focus::Notes);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        let before = self.focus;
        self.focus = order[(at + step).rem_euclid(n) as usize];
        self.drag_origin = None;
        if (before == Focus::Notes) != (self.focus == Focus::Notes) {
            let area = self.screen.area;
            self.resize(area.width, area.height);
        }
    }

    pub(super) fn resize(&mut self, width: u16, height: u16) {
        self.screen = screen::layout_focused(
            Rect::new(0, 0, width, height),
            self.panes.len(),
            self.settings.measures(),
            self.focus == Focus::Notes,
        );
        self.screen.numbers = self.number_columns();
        if self.screen.notes.is_none() && self.focus == Focus::Notes {
            self.focus = Focus::Pane(0);
        }
        for p in 0..self.panes.len() {
            let flow = self.flow(p);
            let view = self.viewport(p);
            let mut pane = self.panes[p].clone();
            pane.reflow(&flow, view);
            self.panes[p] = pane;
        }
    }

    pub(super) fn switch_essay(&mut self, step: isize) {
        let Some(p) = self.focused_pane() else { return };
        let n = self.docs.len();
        if n <= self.panes.len() {
            self.message = Some("no other essay to show".into());
            return;
        }
        let current = self.panes[p].essay;
        let others: Vec<DocId> = self
            .panes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != p)
            .map(|(_, pane)| pane.essay)
            .collect();
        let mut next = current.0 as isize;
        loop {
            next = (next + step).rem_euclid(n as isize);
            if !others.contains(&DocId(next as usize)) {
                break;
            }
        }
        self.show_essay(p, DocId(next as usize));
    }

    /// Shows essay `doc` in pane `p`, remembering where the old one was read.
    pub(super) fn show_essay(&mut self, p: usize, doc: DocId) {
        let old = &self.panes[p];
        self.remembered.insert(old.essay, (old.caret, old.top));
        let (caret, top) = self.remembered.get(&doc).copied().unwrap_or((0, 0));
        self.panes[p] = PaneState {
            essay: doc,
            caret,
            top,
            ..Default::default()
        };
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        pane.reflow(&flow, view);
        self.panes[p] = pane;
        if self.locked {
            self.refresh_fixed_points();
        }
        self.search = None;
    }

    pub(super) fn scroll_list(&mut self, step: isize) {
        let count = self.note_items().len();
        if count == 0 {
            return;
        }
        self.notes_selected =
            (self.notes_selected as isize + step).clamp(0, count as isize - 1) as usize;
    }

    pub(super) fn jump_to_selected(&mut self) {
        let Some(item) = self.note_items().get(self.notes_selected).cloned() else {
            return;
        };
        let Some(placement) = self
            .note_index(&item)
            .map(|i| self.sources[item.source].items[i].placement)
        else {
            self.message = Some("the highlights of this link are gone".into());
            return;
        };
        let Some(range) = placement.range() else {
            self.message = Some("this note's passage was not found in the essay".into());
            return;
        };
        let p = match self.panes.iter().position(|pane| pane.essay == item.doc) {
            Some(p) => p,
            None => {
                self.show_essay(0, item.doc);
                0
            }
        };
        self.panes[p].caret = selection::clamp(&self.docs[item.doc].essay, range.start());
        self.panes[p].anchor = None;
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        // Put the passage a third of the way down, where the eye expects it.
        pane.top = top_offset(
            &flow,
            flow.advance(flow.pos_of(pane.caret), -((view.height as isize) / 3)),
        );
        pane.follow_caret(&flow, view);
        self.panes[p] = pane;
        self.focus = Focus::Pane(p);
    }

    /// Moves the caret of pane `p` to `offset`, the view following.
    pub(super) fn set_caret(&mut self, p: usize, offset: usize) {
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        pane.caret = crate::selection::clamp(flow.essay, offset);
        pane.goal_column = None;
        pane.follow_caret(&flow, view);
        self.panes[p] = pane;
    }

    /// A double or triple click at offset `at` of pane `p`: focuses it and selects what
    /// `unit` finds there (a word, a sentence); the caret alone when it finds nothing.
    fn select_clicked(
        &mut self,
        p: usize,
        at: usize,
        unit: fn(&crate::essay::Essay, usize) -> Option<TextRange>,
    ) {
        self.drag_origin = None;
        if p >= self.panes.len() {
            return;
        }
        self.focus = Focus::Pane(p);
        let essay = &self.docs[self.panes[p].essay].essay;
        let at = selection::clamp(essay, at);
        let (anchor, caret) = match unit(essay, at) {
            Some(range) => (
                Some(range.start()),
                selection::clamp(essay, range.end() - 1),
            ),
            None => (None, at),
        };
        self.panes[p].anchor = anchor;
        self.panes[p].goal_column = None;
        self.set_caret(p, caret);
    }

    /// A drag past the top or bottom edge of its pane: scrolls it `lines` and runs the
    /// selection from the drag's start to `column` of the line now at that edge.
    fn drag_past(&mut self, lines: isize, column: u16) {
        let Some((p, origin)) = self.drag_origin else {
            return;
        };
        if p >= self.panes.len() || lines == 0 {
            return;
        }
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        pane.scroll(&flow, view, lines);
        let row = if lines < 0 { 0 } else { view.height - 1 };
        pane.caret = pane.offset_at(&flow, row, column);
        pane.anchor = Some(origin);
        pane.goal_column = None;
        pane.follow_caret(&flow, view);
        self.panes[p] = pane;
    }

    /// Where the wheel left the notes list: the view row of the selected item's first row
    /// (none: where the selection alone puts it).
    pub fn notes_view(&self) -> Option<isize> {
        self.notes_view
    }

    /// The pane a drag of the mouse started in, if one is under way.
    pub fn drag_pane(&self) -> Option<usize> {
        self.drag_origin.map(|(p, _)| p)
    }

    /// Carries out a mouse gesture the shell has placed on the screen.
    pub(super) fn mouse(&mut self, mouse: Mouse) {
        match mouse {
            Mouse::ScrollPane { pane: p, lines } => {
                if p < self.panes.len() {
                    let flow = self.flow(p);
                    let view = self.viewport(p);
                    let mut state = self.panes[p].clone();
                    state.scroll(&flow, view, lines);
                    self.panes[p] = state;
                }
            }
            Mouse::ScrollList(step) => self.scroll_list(step),
            Mouse::ScrollNotes { item, row } => {
                if self.screen.notes.is_some() && item < self.note_items().len() {
                    self.notes_selected = item;
                    self.notes_view = Some(row);
                }
            }
            Mouse::PressPane { pane: p, at } => {
                self.drag_origin = None;
                if p >= self.panes.len() {
                    return;
                }
                self.focus = Focus::Pane(p);
                if let Some(at) = at {
                    let offset = at.min(self.docs[self.panes[p].essay].essay.len);
                    self.panes[p].caret = offset;
                    self.panes[p].anchor = None;
                    self.panes[p].goal_column = None;
                    self.drag_origin = Some((p, offset));
                }
            }
            Mouse::PressNotes { item } => {
                self.drag_origin = None;
                if self.screen.notes.is_none() {
                    return;
                }
                self.focus = Focus::Notes;
                if let Some(i) = item.filter(|&i| i < self.note_items().len()) {
                    self.notes_selected = i;
                }
                self.preview_selected();
            }
            Mouse::DoubleNotes { item } => {
                self.drag_origin = None;
                if self.screen.notes.is_none() {
                    return;
                }
                if let Some(i) = item.filter(|&i| i < self.note_items().len()) {
                    self.notes_selected = i;
                    self.jump_to_selected();
                }
            }
            Mouse::SelectWord { pane: p, at } => {
                self.select_clicked(p, at, selection::word_at);
            }
            Mouse::SelectSentence { pane: p, at } => {
                self.select_clicked(p, at, selection::sentence_at);
            }
            Mouse::PressElsewhere => self.drag_origin = None,
            Mouse::DragPast { lines, column } => self.drag_past(lines, column),
            Mouse::DragTo { at } => {
                let Some((p, origin)) = self.drag_origin else {
                    return;
                };
                if p < self.panes.len() {
                    self.panes[p].anchor = Some(origin);
                    self.panes[p].caret = at.min(self.docs[self.panes[p].essay].essay.len);
                }
            }
        }
    }
}
