//! Drawing: `draw()` paints the state where [`crate::screen::layout`] puts each part. It
//! never changes the state.

mod alignment;
mod choose;
mod colour_picker;
mod editor_popup;
mod essay_pane;
mod help;
mod link_gutter;
mod notes_lines;
mod notes_pane;
mod pairs;
mod picker;
mod rescue_popup;
mod status;
mod tag_list;

pub use crate::screen::centered;
pub use notes_pane::{notes_item_at, notes_scrolled};

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::text::Span;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use crate::screen::{MIN_HEIGHT, MIN_WIDTH};
use crate::settings::theme::Theme;
use crate::state::{AppState, Overlay};

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, state: &AppState) {
    let screen = &state.screen();
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
        paint_ground(frame.buffer_mut(), state.theme());
        return;
    }
    for p in 0..state.panes().len() {
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
    if let Some(area) = screen.hints {
        frame.render_widget(status::HintLine { state }, area);
    }
    for overlay in state.overlays().iter() {
        draw_overlay(frame, state, overlay, area);
    }
    paint_ground(frame.buffer_mut(), state.theme());
}

/// Gives every cell that has no colour of its own the theme's ground (the light theme's
/// paper and ink), so that a light theme on a dark terminal is light everywhere.
fn paint_ground(buf: &mut Buffer, theme: &Theme) {
    let ground = theme.ground();
    let (Some(bg), Some(fg)) = (ground.bg, ground.fg) else {
        return;
    };
    for cell in buf.content.iter_mut() {
        if cell.bg == ratatui::style::Color::Reset {
            cell.bg = bg;
        }
        if cell.fg == ratatui::style::Color::Reset {
            cell.fg = fg;
        }
    }
}

/// A pane's title: `text` between two spaces, cut with an ellipsis to fit the top border
/// of a pane `width` columns wide (its corners left free). Widths are terminal columns.
///
/// Example: `fit_title("Tectonic Plates", 14)` is `" Tectonic… "`.
pub fn fit_title(text: &str, width: u16) -> String {
    use unicode_segmentation::UnicodeSegmentation;
    let room = usize::from(width.saturating_sub(2 + 2));
    let text: String = text.chars().map(crate::essay::visible).collect();
    let columns = |s: &str| -> usize { s.graphemes(true).map(crate::layout::grapheme_width).sum() };
    if columns(&text) <= room {
        return format!(" {text} ");
    }
    let mut out = String::new();
    let mut used = 0;
    for g in text.graphemes(true) {
        let w = crate::layout::grapheme_width(g);
        if used + w + 1 > room {
            break;
        }
        out.push_str(g);
        used += w;
    }
    let out = out.trim_end();
    if room == 0 {
        String::new()
    } else {
        format!(" {out}… ")
    }
}

/// Draws the popup of one overlay, if it has one; the mode stack's order is the draw order.
fn draw_overlay(frame: &mut Frame, state: &AppState, overlay: &Overlay, area: Rect) {
    match overlay {
        Overlay::Help(view) => frame.render_widget(
            help::Help {
                page: state.help_page(),
                view,
                theme: *state.theme(),
            },
            area,
        ),
        Overlay::Pairs(list) => frame.render_widget(pairs::PairList { state, list }, area),
        Overlay::Link(draft) if draft.to.is_some() => frame.render_widget(
            picker::RelationPicker {
                state,
                picking: draft.picking,
            },
            area,
        ),
        Overlay::Editor(open) => frame.render_widget(
            editor_popup::EditorPopup {
                open,
                theme: *state.theme(),
                keymap: state.keymap(),
            },
            area,
        ),
        Overlay::Quit(reason) => frame.render_widget(
            rescue_popup::RescuePopup {
                state,
                ask: rescue_popup::Ask::Quit(reason),
            },
            state.screen().area,
        ),
        // Offers wait one under the other: only the first, on top, is drawn.
        Overlay::Offer(offer) => {
            if let Some((first, count)) = state.offer()
                && std::ptr::eq(first, offer)
            {
                frame.render_widget(
                    rescue_popup::RescuePopup {
                        state,
                        ask: rescue_popup::Ask::Offer(offer, count),
                    },
                    state.screen().area,
                );
            }
        }
        Overlay::Choose(list) => frame.render_widget(choose::ChooseList { state, list }, area),
        Overlay::Confirm(ask) => frame.render_widget(choose::ConfirmAsk { state, ask }, area),
        Overlay::Tags(list) => frame.render_widget(tag_list::TagPopup { state, list }, area),
        Overlay::Colours(pick) => {
            frame.render_widget(colour_picker::ColourPopup { state, pick }, area)
        }
        Overlay::Alignment(view) => {
            frame.render_widget(alignment::AlignmentView { state, view }, area)
        }
        Overlay::Link(_)
        | Overlay::Search
        | Overlay::Filter
        | Overlay::Reattach { .. }
        | Overlay::Parallel(_) => {}
    }
}

/// The border of a pane titled `title`: thick and bright when it has the keyboard.
pub fn pane_block(theme: &Theme, focused: bool, title: String) -> Block<'static> {
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(theme.border(focused))
        .title(Line::from(Span::styled(title, theme.title(focused))))
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
    let area = state.screen().text_area(p);
    let flow = state.flow(p);
    let target = flow.pos_of(offset);
    let mut pos = crate::state::top_pos(&flow, state.panes()[p].top);
    for row in 0..area.height {
        if pos == target {
            return Some(area.y + row);
        }
        pos = flow.next(pos)?;
    }
    None
}
