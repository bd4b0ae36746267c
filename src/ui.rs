//! Drawing: `layout()` decides where everything goes, `draw()` paints the state. Neither
//! changes the state.

mod editor_popup;
mod essay_pane;
mod help;
mod link_gutter;
mod notes_pane;
mod pairs;
mod picker;
mod rescue_popup;
mod status;
pub mod theme;

pub use editor_popup::text_area as editor_text_area;
pub use notes_pane::notes_item_at;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Wrap};

use crate::state::AppState;

/// The smallest terminal marginalia draws in.
pub const MIN_WIDTH: u16 = 40;
/// The smallest terminal height marginalia draws in.
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, the notes pane stands beside the essays rather than below them.
pub const WIDE: u16 = 110;
/// Columns between a pane's border and its text: the mark gutter.
pub const GUTTER: u16 = 2;

/// Where each part of the screen is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScreenLayout {
    /// The essay panes, borders included.
    pub panes: Vec<Rect>,
    /// The notes pane, borders included (none when the screen is too small).
    pub notes: Option<Rect>,
    /// The column between two essay panes, where links are drawn.
    pub link_gutter: Option<Rect>,
    /// The status line.
    pub status: Rect,
    /// The whole screen.
    pub area: Rect,
    /// The screen is too small to draw on.
    pub too_small: bool,
    /// The widest a line of essay text may be (none: the pane's width).
    pub measure: Option<u16>,
}

impl ScreenLayout {
    /// The area of pane `p`, borders included (empty if there is none).
    pub fn pane_area(&self, p: usize) -> Rect {
        self.panes.get(p).copied().unwrap_or_default()
    }

    /// Where the text of pane `p` is drawn: inside the border, after the gutter.
    pub fn text_area(&self, p: usize) -> Rect {
        let outer = self.pane_area(p);
        let x = outer.x + 1 + GUTTER;
        let room = outer.width.saturating_sub(2 + GUTTER + 1);
        let width = self.measure.map_or(room, |m| m.min(room));
        Rect::new(x, outer.y + 1, width, outer.height.saturating_sub(2))
    }
}

/// Places `panes` essay panes, the notes pane and the status line on `area`.
///
/// Wide screens put the notes pane to the right of the essays; narrower ones put it
/// below them. A screen under [`MIN_WIDTH`]x[`MIN_HEIGHT`] is too small.
pub fn layout(area: Rect, panes: usize, measure: Option<u16>) -> ScreenLayout {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return ScreenLayout {
            area,
            too_small: true,
            ..Default::default()
        };
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let (essays, notes) = if area.width >= WIDE {
        let notes_width = (area.width / 4).clamp(26, 48);
        let [e, n] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(notes_width)]).areas(body);
        (e, n)
    } else {
        let notes_height = (body.height / 3).max(6);
        let [e, n] =
            Layout::vertical([Constraint::Min(1), Constraint::Length(notes_height)]).areas(body);
        (e, n)
    };
    let (panes, link_gutter) = if panes >= 2 {
        let [a, gutter, b] = Layout::horizontal([
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(essays);
        (vec![a, b], Some(gutter))
    } else {
        (vec![essays], None)
    };
    ScreenLayout {
        panes,
        link_gutter,
        notes: Some(notes),
        status,
        area,
        too_small: false,
        measure,
    }
}

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &AppState) {
    let screen = &state.screen;
    // The frame may be smaller than the layout the state last computed (the window shrank
    // and its resize event is still queued): every widget clips to the frame's buffer.
    let area = frame.area();
    if screen.too_small || area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = vec![
            Line::from("Terminal too small."),
            Line::from(format!(
                "marginalia needs at least {MIN_WIDTH}x{MIN_HEIGHT}."
            )),
        ];
        frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    for p in 0..state.panes.len() {
        frame.render_widget(
            essay_pane::EssayPane { state, pane: p },
            screen.pane_area(p),
        );
    }
    if let Some(area) = screen.link_gutter {
        frame.render_widget(link_gutter::LinkGutter { state }, area);
    }
    if let Some(area) = screen.notes {
        frame.render_widget(notes_pane::NotesPane { state }, area);
    }
    frame.render_widget(status::StatusLine { state }, screen.status);
    if let Some(scroll) = state.help {
        frame.render_widget(
            help::Help {
                scroll,
                theme: state.theme,
            },
            area,
        );
    }
    if state.pairs.is_some() {
        frame.render_widget(pairs::PairList { state }, area);
    }
    if state.picking_relation() {
        frame.render_widget(picker::RelationPicker { state }, area);
    }
    if let Some(open) = &state.editor {
        frame.render_widget(
            editor_popup::EditorPopup {
                open,
                theme: state.theme,
            },
            area,
        );
    }
    frame.render_widget(rescue_popup::RescuePopup { state }, screen.area);
}

/// A centred rectangle of at most `width`x`height` inside `area`.
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Writes `symbol` at (`x`, `y`) if that cell is inside `buf`; a layout computed for a
/// larger screen than the buffer's must not index outside it.
pub fn put(buf: &mut Buffer, x: u16, y: u16, symbol: &str, style: Style) {
    if buf.area.contains(Position { x, y }) {
        buf.set_string(x, y, symbol, style);
    }
}

/// The screen row (inside pane `p`'s text area) on which `offset` is drawn, if visible.
pub fn visible_row(state: &AppState, p: usize, offset: usize) -> Option<u16> {
    let area = state.screen.text_area(p);
    let flow = state.flow(p);
    let target = flow.pos_of(offset);
    let mut pos = crate::state::top_pos(&flow, state.panes[p].top);
    for row in 0..area.height {
        if pos == target {
            return Some(area.y + row);
        }
        pos = flow.next(pos)?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_put_notes_beside_narrow_ones_below() {
        let wide = layout(Rect::new(0, 0, 200, 50), 2, None);
        let notes = wide.notes.unwrap();
        assert_eq!(notes.height, 49);
        assert!(wide.panes[1].right() <= notes.x);
        let gutter = wide.link_gutter.unwrap();
        assert_eq!((gutter.x, gutter.width), (wide.panes[0].right(), 1));
        assert_eq!(gutter.right(), wide.panes[1].x);
        let narrow = layout(Rect::new(0, 0, 90, 30), 2, None);
        let notes = narrow.notes.unwrap();
        assert_eq!(notes.width, 90);
        assert!(narrow.panes[0].bottom() <= notes.y);
        assert!(layout(Rect::new(0, 0, 30, 30), 2, None).too_small);
    }

    #[test]
    fn text_area_is_inside_the_border_and_gutter() {
        let l = layout(Rect::new(0, 0, 200, 50), 2, None);
        let pane = l.pane_area(0);
        let text = l.text_area(0);
        assert_eq!(text.x, pane.x + 3);
        assert!(text.right() < pane.right());
        assert_eq!(text.height, pane.height - 2);
    }
}
