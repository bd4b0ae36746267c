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
/// Text rows each essay keeps before a notes pane below the essays gets any.
pub const MIN_ESSAY_ROWS: u16 = 5;
/// The fewest rows, borders included, of a notes pane below the essays worth showing.
const MIN_NOTES_ROWS: u16 = 4;
/// Rows from which the hints get a line of their own above the status line.
pub const HINT_LINE_FROM: u16 = 20;
/// The measure of a single essay when the reader chose none: a readable line.
pub const READABLE: u16 = 72;
/// A measure that asks for the pane's full width, whatever it is.
pub const FULL: u16 = u16::MAX;
/// The fewest columns of text paragraph numbers leave; a narrower pane shows none.
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
    /// The hint line above it, on a screen tall enough (else the hints share the status
    /// line).
    pub hints: Option<Rect>,
    /// The whole screen.
    pub area: Rect,
    /// The screen is too small to draw on.
    pub too_small: bool,
    /// The widest a line of essay text may be in each pane, left to right (none, or
    /// [`FULL`]: the pane's width).
    pub measures: [Option<u16>; 2],
    /// Whether the text stands in the middle of its pane (a single essay) rather than at
    /// its left (beside the link gutter).
    pub centred: bool,
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
        let room = self.text_room(p);
        let measure = self.measures.get(p).copied().flatten();
        let width = measure.map_or(room, |m| m.min(room));
        let x = outer.x + 1 + GUTTER + numbers + if self.centred { (room - width) / 2 } else { 0 };
        Rect::new(x, outer.y + 1, width, outer.height.saturating_sub(2))
    }

    /// The widest the text of pane `p` can be: inside its border, after the gutter and
    /// the paragraph numbers, with a column to spare at the right.
    pub fn text_room(&self, p: usize) -> u16 {
        self.pane_area(p)
            .width
            .saturating_sub(2 + GUTTER + 1 + self.number_columns(p))
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

/// The first row of the notes list shown in `height` rows when the wheel left the
/// `selected` item's first row at row `view` of the view (none: [`notes_first_row`]),
/// kept within the list.
///
/// Example, rows as in [`notes_first_row`], item 1 selected, 3 rows high: `view` 1 puts
/// its first row (4) second, so rows 3..6 show; `view` 4 would start above the list: 0.
pub fn notes_view_first_row(
    rows: &[Option<usize>],
    selected: usize,
    height: usize,
    view: Option<isize>,
) -> usize {
    let Some(view) = view else {
        return notes_first_row(rows, selected, height);
    };
    let Some(start) = rows.iter().position(|r| *r == Some(selected)) else {
        return 0;
    };
    let last = rows.len().saturating_sub(height) as isize;
    (start as isize - view).clamp(0, last) as usize
}

/// The notes item drawn at screen row `row` of the notes list `area`, if any: `rows` tags
/// the list's rows as in [`notes_first_row`], `view` as in [`notes_view_first_row`].
pub fn notes_item_at(
    rows: &[Option<usize>],
    (selected, view): (usize, Option<isize>),
    area: Rect,
    row: u16,
) -> Option<usize> {
    if row < area.y || row >= area.bottom() {
        return None;
    }
    let first = notes_view_first_row(rows, selected, usize::from(area.height), view);
    rows.get(first + usize::from(row - area.y))
        .copied()
        .flatten()
}

/// Where the notes list stands after the wheel turned `step` rows: the item then selected
/// (the `selected` one while any of its rows shows, else the nearest item in view) and the
/// view row of its first row, for [`notes_view_first_row`]. `rows` as in
/// [`notes_first_row`]; none when the list is empty.
///
/// Example, rows as in [`notes_first_row`], item 0 selected, 3 rows high: 3 rows down
/// shows rows 3..6, where item 0 is gone: item 1 is selected, its first row (4) second.
pub fn notes_scrolled(
    rows: &[Option<usize>],
    (selected, view): (usize, Option<isize>),
    height: usize,
    step: isize,
) -> Option<(usize, isize)> {
    let first = notes_view_first_row(rows, selected, height, view) as isize;
    let last = rows.len().saturating_sub(height) as isize;
    let top = (first + step).clamp(0, last) as usize;
    let shown = &rows[top..(top + height).min(rows.len())];
    let item = if shown.contains(&Some(selected)) {
        selected
    } else if step > 0 {
        shown.iter().flatten().next().copied()?
    } else {
        shown.iter().flatten().next_back().copied()?
    };
    let start = rows.iter().position(|r| *r == Some(item))?;
    Some((item, start as isize - top as isize))
}

/// Places `panes` essay panes, the notes pane and the status line on `area`, the text of
/// each pane at most as wide as its measure in `measures` (none: the pane's width, or
/// [`READABLE`] for a single essay, set in the middle).
///
/// Wide screens put the notes pane to the right of the essays; narrower ones put it
/// below them, giving the essays [`MIN_ESSAY_ROWS`] first and leaving the notes out when
/// too few rows are left for them. A screen under [`MIN_WIDTH`]x[`MIN_HEIGHT`] is too
/// small.
pub fn layout(area: Rect, panes: usize, measures: [Option<u16>; 2]) -> ScreenLayout {
    layout_focused(area, panes, measures, false)
}

/// [`layout`], and when `notes_focused` (the notes pane has the keys) the notes pane keeps
/// its rows on a screen too short to give it any otherwise: the essays give them up.
pub fn layout_focused(
    area: Rect,
    panes: usize,
    measures: [Option<u16>; 2],
    notes_focused: bool,
) -> ScreenLayout {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return ScreenLayout {
            area,
            too_small: true,
            ..Default::default()
        };
    }
    let [body, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    // A line of its own for the hints where the screen has rows to spare.
    let (body, hints) = if area.height >= HINT_LINE_FROM {
        let [b, h] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(body);
        (b, Some(h))
    } else {
        (body, None)
    };
    let (essays, notes) = if area.width >= WIDE {
        let notes_width = (area.width / 4).clamp(26, 48);
        let [e, n] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(notes_width)]).areas(body);
        (e, n)
    } else {
        let notes_height = (body.height / 3)
            .max(6)
            .min(body.height.saturating_sub(MIN_ESSAY_ROWS + 2));
        let notes_height = if notes_focused && notes_height < MIN_NOTES_ROWS {
            // Half the rows, the essays keeping a line of text each.
            (body.height / 2)
                .max(MIN_NOTES_ROWS)
                .min(body.height.saturating_sub(3))
        } else {
            notes_height
        };
        if notes_height < MIN_NOTES_ROWS {
            (body, Rect::default())
        } else {
            let [e, n] = Layout::vertical([Constraint::Min(1), Constraint::Length(notes_height)])
                .areas(body);
            (e, n)
        }
    };
    let notes = (!notes.is_empty()).then_some(notes);
    let centred = panes < 2;
    let measures = if centred {
        [measures[0].or(Some(READABLE)), None]
    } else {
        measures
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
        notes,
        status,
        hints,
        area,
        too_small: false,
        measures,
        centred,
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
        let wide = layout(Rect::new(0, 0, 200, 50), 2, [None; 2]);
        let notes = wide.notes.unwrap();
        // Above the status line, a line of hints.
        assert_eq!(notes.height, 48);
        assert_eq!(wide.hints, Some(Rect::new(0, 48, 200, 1)));
        assert!(wide.panes[1].right() <= notes.x);
        let gutter = wide.link_gutter.unwrap();
        assert_eq!((gutter.x, gutter.width), (wide.panes[0].right(), 1));
        assert_eq!(gutter.right(), wide.panes[1].x);
        let narrow = layout(Rect::new(0, 0, 90, 30), 2, [None; 2]);
        let notes = narrow.notes.unwrap();
        assert_eq!(notes.width, 90);
        assert!(narrow.panes[0].bottom() <= notes.y);
        assert!(layout(Rect::new(0, 0, 30, 30), 2, [None; 2]).too_small);
    }

    #[test]
    fn small_screens_give_the_essays_rows_before_the_notes() {
        let rows = |l: &ScreenLayout| l.text_area(0).height;
        // 40x10: no room for notes below five rows of essay; the essays take it all.
        let tiny = layout(Rect::new(0, 0, 40, 10), 2, [None; 2]);
        assert_eq!(tiny.notes, None);
        assert_eq!(rows(&tiny), 7);
        // 40x12: five rows of essay, the rest for the notes.
        let small = layout(Rect::new(0, 0, 40, 12), 2, [None; 2]);
        assert_eq!(rows(&small), 5);
        assert_eq!(small.notes.map(|n| n.height), Some(4));
        // 80x24: a third for the notes, a line for the hints; none on a short screen.
        let usual = layout(Rect::new(0, 0, 80, 24), 2, [None; 2]);
        assert_eq!(usual.notes.map(|n| n.height), Some(7));
        assert_eq!(rows(&usual), 13);
        assert_eq!(usual.hints.map(|h| h.y), Some(22));
        assert_eq!(tiny.hints, None);
    }

    #[test]
    fn a_single_essay_is_set_at_a_readable_measure_in_the_middle() {
        let one = layout(Rect::new(0, 0, 200, 50), 1, [None; 2]);
        let text = one.text_area(0);
        assert_eq!(text.width, READABLE);
        let pane = one.pane_area(0);
        let (left, right) = (text.x - pane.x, pane.right() - text.right());
        assert!(left.abs_diff(right) <= 2, "{left} {right}");
        // Chosen by the reader: that measure; FULL: the whole pane.
        let chosen = layout(Rect::new(0, 0, 200, 50), 1, [Some(60), None]);
        assert_eq!(chosen.text_area(0).width, 60);
        let full = layout(Rect::new(0, 0, 200, 50), 1, [Some(FULL), None]);
        assert_eq!(full.text_area(0).width, full.text_room(0));
        assert_eq!(full.text_area(0).x, pane.x + 1 + GUTTER);
        // Narrower than the measure: the pane's width.
        let narrow = layout(Rect::new(0, 0, 60, 24), 1, [None; 2]);
        assert_eq!(narrow.text_area(0).width, narrow.text_room(0));
        // Two essays: full width by default, each its own measure, at the left.
        let two = layout(Rect::new(0, 0, 200, 50), 2, [Some(50), None]);
        assert_eq!(two.text_area(0).width, 50);
        assert_eq!(two.text_area(0).x, two.pane_area(0).x + 1 + GUTTER);
        assert_eq!(two.text_area(1).width, two.text_room(1));
    }

    #[test]
    fn text_area_is_inside_the_border_and_gutter() {
        let l = layout(Rect::new(0, 0, 200, 50), 2, [None; 2]);
        let pane = l.pane_area(0);
        let text = l.text_area(0);
        assert_eq!(text.x, pane.x + 3);
        assert!(text.right() < pane.right());
        assert_eq!(text.height, pane.height - 2);
    }

    #[test]
    fn paragraph_numbers_move_the_text_right_where_there_is_room() {
        let mut l = layout(Rect::new(0, 0, 80, 24), 2, [None, None]);
        let plain = l.text_area(0);
        l.numbers = 3;
        assert_eq!(l.number_columns(0), 3);
        let numbered = l.text_area(0);
        assert_eq!(numbered.x, plain.x + 3);
        assert_eq!(numbered.right(), plain.right());
        // At 40 columns a pane keeps its few columns for the text.
        let mut tiny = layout(Rect::new(0, 0, 40, 10), 2, [None, None]);
        let plain = tiny.text_area(0);
        tiny.numbers = 3;
        assert_eq!(tiny.number_columns(0), 0);
        assert_eq!(tiny.text_area(0), plain);
    }

    #[test]
    fn notes_text_is_inside_border_and_padding() {
        let l = layout(Rect::new(0, 0, 200, 50), 2, [None; 2]);
        let notes = l.notes.unwrap();
        let text = l.notes_text().unwrap();
        assert_eq!((text.x, text.y), (notes.x + 2, notes.y + 1));
        assert_eq!(
            (text.width, text.height),
            (notes.width - 4, notes.height - 2)
        );
        assert_eq!(
            layout(Rect::new(0, 0, 30, 30), 1, [None; 2]).notes_text(),
            None
        );
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
        assert_eq!(notes_item_at(&rows, (2, None), area, 10), Some(1));
        assert_eq!(notes_item_at(&rows, (2, None), area, 12), Some(2));
        assert_eq!(notes_item_at(&rows, (2, None), area, 9), None);
        assert_eq!(notes_item_at(&rows, (2, None), area, 13), None);
        // A heading row is no item.
        assert_eq!(notes_item_at(&rows, (0, None), area, 10), None);
        // Where the wheel left the list: item 0 selected, its first row third.
        assert_eq!(notes_item_at(&rows, (0, Some(2)), area, 10), None);
        assert_eq!(notes_item_at(&rows, (0, Some(2)), area, 12), Some(0));
    }

    #[test]
    fn the_wheel_scrolls_the_list_and_the_selection_stays_in_view() {
        let rows = [None, Some(0), Some(0), None, Some(1), Some(1), Some(2)];
        // From the top, item 0 selected, 3 rows high: one row down keeps item 0.
        assert_eq!(notes_scrolled(&rows, (0, None), 3, 1), Some((0, 0)));
        assert_eq!(notes_view_first_row(&rows, 0, 3, Some(0)), 1);
        // Three down: item 0 is gone, item 1 selected, its first row second.
        assert_eq!(notes_scrolled(&rows, (0, None), 3, 3), Some((1, 1)));
        assert_eq!(notes_view_first_row(&rows, 1, 3, Some(1)), 3);
        // Past the end: the last rows, and no further.
        assert_eq!(notes_scrolled(&rows, (0, None), 3, 99), Some((1, 0)));
        assert_eq!(notes_view_first_row(&rows, 1, 3, Some(0)), 4);
        // Back up from the end: item 2 is gone, the last item in view selected.
        assert_eq!(notes_scrolled(&rows, (2, None), 3, -3), Some((0, 0)));
        // An empty list: nothing.
        assert_eq!(notes_scrolled(&[], (0, None), 3, 1), None);
    }
}
