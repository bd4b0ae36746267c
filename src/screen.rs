//! Where everything goes on the screen: the panes, the notes list, the status line, and the
//! text area inside each. Pure geometry over plain numbers: drawing, resizing and the mouse
//! all ask this one module, so they cannot disagree.

use ratatui::layout::{Constraint, Layout, Margin, Rect};
use ratatui::widgets::{Block, Padding};

/// The smallest terminal marginalia draws in.
pub const MIN_WIDTH: u16 = 40;
/// The smallest terminal height marginalia draws in.
pub const MIN_HEIGHT: u16 = 10;
/// From this width on, the notes pane stands beside the essays rather than below them.
pub const WIDE: u16 = 110;
/// Columns between a pane's border and its text: the mark gutter.
pub const GUTTER: u16 = 2;
/// The fewest columns of text paragraph numbers leave; a narrower pane (a 40-column
/// screen's) shows none rather than give a fifth of its text to them.
pub const MIN_NUMBERED_TEXT: u16 = 16;

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
    /// Columns for paragraph numbers between the gutter and the text (0: not shown).
    pub numbers: u16,
}

impl ScreenLayout {
    /// The area of pane `p`, borders included (empty if there is none).
    pub fn pane_area(&self, p: usize) -> Rect {
        self.panes.get(p).copied().unwrap_or_default()
    }

    /// Where the text of pane `p` is drawn: inside the border, after the gutter and the
    /// paragraph numbers.
    pub fn text_area(&self, p: usize) -> Rect {
        let outer = self.pane_area(p);
        let numbers = self.number_columns(p);
        let x = outer.x + 1 + GUTTER + numbers;
        let room = outer.width.saturating_sub(2 + GUTTER + 1 + numbers);
        let width = self.measure.map_or(room, |m| m.min(room));
        Rect::new(x, outer.y + 1, width, outer.height.saturating_sub(2))
    }

    /// Columns the paragraph numbers take in pane `p`: [`ScreenLayout::numbers`], or 0
    /// when they would leave the text fewer than [`MIN_NUMBERED_TEXT`] columns.
    pub fn number_columns(&self, p: usize) -> u16 {
        let room = self.pane_area(p).width.saturating_sub(2 + GUTTER + 1);
        if room >= self.numbers + MIN_NUMBERED_TEXT {
            self.numbers
        } else {
            0
        }
    }

    /// Where the notes list is drawn (none when there is no notes pane).
    pub fn notes_text(&self) -> Option<Rect> {
        self.notes.map(notes_text_area)
    }
}

/// The notes list inside the notes pane `outer`: within the border, one column of padding
/// on each side.
pub fn notes_text_area(outer: Rect) -> Rect {
    Block::bordered()
        .padding(Padding::horizontal(1))
        .inner(outer)
}

/// The first row of the notes list shown in `height` rows, so that the `selected` item is
/// on screen, with the heading above it when it comes first.
///
/// `rows` tags each row of the list with the item it belongs to (none: a heading or a
/// blank). Example, items 0 and 1 under a heading, 3 rows high, item 1 selected:
/// `[None, Some(0), Some(0), None, Some(1)]` -> row 2 first, so rows 2..5 show.
pub fn notes_first_row(rows: &[Option<usize>], selected: usize, height: usize) -> usize {
    let Some(end) = rows.iter().rposition(|r| *r == Some(selected)) else {
        return 0;
    };
    let start = rows.iter().position(|r| *r == Some(selected)).unwrap_or(0);
    // Show the essay heading above the first item too.
    let start = if start > 0 && rows[start - 1].is_none() {
        start - 1
    } else {
        start
    };
    if end < height {
        0
    } else {
        (end + 1 - height).min(start)
    }
}

/// The notes item drawn at screen row `row` of the notes list `area`, if any: `rows` tags
/// the list's rows as in [`notes_first_row`].
pub fn notes_item_at(
    rows: &[Option<usize>],
    selected: usize,
    area: Rect,
    row: u16,
) -> Option<usize> {
    if row < area.y || row >= area.bottom() {
        return None;
    }
    let first = notes_first_row(rows, selected, usize::from(area.height));
    rows.get(first + usize::from(row - area.y))
        .copied()
        .flatten()
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
        numbers: 0,
    }
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

/// The note editor popup's size, borders included, on a screen large enough.
const EDITOR_SIZE: (u16, u16) = (70, 14);

/// Where the note editor popup goes on a screen of `area`, borders included.
pub fn editor_popup(area: Rect) -> Rect {
    centered(area, EDITOR_SIZE.0, EDITOR_SIZE.1)
}

/// Where the note's text is drawn on a screen of `area`: inside the popup's border. The
/// state wraps the note to this width for Up and Down; the popup draws it so.
pub fn editor_text_area(area: Rect) -> Rect {
    editor_popup(area).inner(Margin::new(1, 1))
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

    #[test]
    fn paragraph_numbers_move_the_text_right_where_there_is_room() {
        let mut l = layout(Rect::new(0, 0, 80, 24), 2, None);
        let plain = l.text_area(0);
        l.numbers = 3;
        assert_eq!(l.number_columns(0), 3);
        let numbered = l.text_area(0);
        assert_eq!(numbered.x, plain.x + 3);
        assert_eq!(numbered.right(), plain.right());
        // At 40 columns a pane keeps its few columns for the text.
        let mut tiny = layout(Rect::new(0, 0, 40, 10), 2, None);
        let plain = tiny.text_area(0);
        tiny.numbers = 3;
        assert_eq!(tiny.number_columns(0), 0);
        assert_eq!(tiny.text_area(0), plain);
    }

    #[test]
    fn notes_text_is_inside_border_and_padding() {
        let l = layout(Rect::new(0, 0, 200, 50), 2, None);
        let notes = l.notes.unwrap();
        let text = l.notes_text().unwrap();
        assert_eq!((text.x, text.y), (notes.x + 2, notes.y + 1));
        assert_eq!(
            (text.width, text.height),
            (notes.width - 4, notes.height - 2)
        );
        assert_eq!(layout(Rect::new(0, 0, 30, 30), 1, None).notes_text(), None);
    }

    #[test]
    fn the_list_scrolls_so_the_selected_item_shows_with_its_heading() {
        let rows = [None, Some(0), Some(0), None, Some(1), Some(1), Some(2)];
        // Everything fits: from the top.
        assert_eq!(notes_first_row(&rows, 1, 10), 0);
        // Item 2 at the last row of 3: rows 4..7.
        assert_eq!(notes_first_row(&rows, 2, 3), 4);
        // Item 1 (rows 4, 5) in 3 rows: its blank above shows too.
        assert_eq!(notes_first_row(&rows, 1, 3), 3);
        // An item not in the rows: from the top.
        assert_eq!(notes_first_row(&rows, 9, 3), 0);
    }

    #[test]
    fn a_row_of_the_list_names_its_item_and_none_outside() {
        let rows = [None, Some(0), Some(0), None, Some(1), Some(1), Some(2)];
        let area = Rect::new(5, 10, 20, 3);
        // Item 2 selected: rows 4..7 show at screen rows 10..13.
        assert_eq!(notes_item_at(&rows, 2, area, 10), Some(1));
        assert_eq!(notes_item_at(&rows, 2, area, 12), Some(2));
        assert_eq!(notes_item_at(&rows, 2, area, 9), None);
        assert_eq!(notes_item_at(&rows, 2, area, 13), None);
        // A heading row is no item.
        assert_eq!(notes_item_at(&rows, 0, area, 10), None);
    }
}
