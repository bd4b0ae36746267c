//! The alignment view: the two essays' paragraphs side by side, a pair to a row, joined in
//! the middle by a connector in the pair's colour; paragraphs that match nothing alone on
//! their side. The chosen row is shown whole and set about a third of the way down.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use crate::annotation::Colour;
use crate::essay::Essay;
use crate::similar::align::Row;
use crate::state::{AlignView, AppState};

/// Draws the alignment view over the panes (the status and hint lines stay).
pub struct AlignmentView<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The view.
    pub view: &'a AlignView,
}

/// Columns between the two essays, for the connectors.
const MIDDLE: u16 = 5;
/// The narrowest text column that is still worth reading.
const MIN_COLUMN: u16 = 12;

impl Widget for AlignmentView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let screen = state.screen();
        let bottom = screen
            .hints
            .map_or(screen.status.y, |h| h.y.min(screen.status.y))
            .max(area.y);
        let area = Rect {
            height: bottom - area.y,
            ..area
        }
        .intersection(*buf.area());
        Clear.render(area, buf);
        let docs = state.docs();
        let (left, right) = (&docs[self.view.docs.0].essay, &docs[self.view.docs.1].essay);
        let title = match &self.view.alignment {
            Some(a) => {
                let moved = a.rows.iter().filter(|r| r.moved).count();
                format!("Alignment: {} pairs, {moved} moved", a.pair_count())
            }
            None => "Alignment".to_string(),
        };
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(state.theme().border(true))
            .title(super::fit_title(&title, area.width));
        let inner = block.inner(area);
        block.render(area, buf);
        let say = |text: &str, buf: &mut Buffer| {
            Paragraph::new(text.to_string())
                .wrap(Wrap { trim: true })
                .style(state.theme().dim())
                .render(inner, buf);
        };
        let Some(alignment) = &self.view.alignment else {
            say("Aligning the essays… (keys still work; Esc closes)", buf);
            return;
        };
        if inner.width < 2 * MIN_COLUMN + MIDDLE || inner.height < 3 {
            say("The alignment view needs more room.", buf);
            return;
        }
        if alignment.rows.is_empty() {
            say("Nothing to align: the essays have no paragraphs.", buf);
            return;
        }
        let lw = (inner.width - MIDDLE) / 2;
        let rw = inner.width - MIDDLE - lw;
        let head = Style::new().add_modifier(ratatui::style::Modifier::BOLD);
        put_line(buf, inner.x, inner.y, lw, &clip(&left.title, lw), head);
        put_line(
            buf,
            inner.x + lw + MIDDLE,
            inner.y,
            rw,
            &clip(&right.title, rw),
            head,
        );
        let body = Rect {
            y: inner.y + 1,
            height: inner.height - 1,
            ..inner
        };
        let cells = Cells {
            left,
            right,
            lw,
            rw,
        };
        let gap = u16::from(body.height >= 12);
        let cap = (body.height / 4).clamp(1, 6);
        let height = |i: usize| -> u16 {
            let full = cells.lines(&alignment.rows[i]);
            let lines = if i == self.view.selected {
                full.min(usize::from(body.height))
            } else {
                full.min(usize::from(cap))
            };
            lines as u16 + gap
        };
        let selected = self.view.selected.min(alignment.rows.len() - 1);
        let mut top = selected;
        let mut above = 0;
        while top > 0 && above + height(top - 1) <= body.height / 3 {
            above += height(top - 1);
            top -= 1;
        }
        let mut y = body.y;
        let mut colours = Colour::ALL
            .iter()
            .cycle()
            .skip(alignment.rows[..top].iter().filter(|r| r.is_pair()).count() % Colour::ALL.len());
        for (i, row) in alignment.rows.iter().enumerate().skip(top) {
            if y >= body.bottom() {
                break;
            }
            let h = height(i) - gap;
            let colour = row.is_pair().then(|| colours.next().copied()).flatten();
            let rect = Rect {
                y,
                height: h.min(body.bottom() - y),
                ..body
            };
            self.draw_row(buf, &cells, row, colour, i == selected, rect);
            y = y.saturating_add(h + gap);
        }
    }
}

impl AlignmentView<'_> {
    /// Draws one row in `rect`: both cells, the connector between them.
    fn draw_row(
        &self,
        buf: &mut Buffer,
        cells: &Cells,
        row: &Row,
        colour: Option<Colour>,
        selected: bool,
        rect: Rect,
    ) {
        let theme = self.state.theme();
        if selected {
            buf.set_style(rect, theme.selected_item(true));
        }
        let tint = colour.map_or(theme.dim(), |c| theme.mark(c));
        let lines = usize::from(rect.height);
        if let Some(b) = row.left {
            let label = label(cells.left, b, "");
            let text = cell_lines(cells.left, b, &label, cells.lw, lines);
            draw_cell(buf, rect.x, rect.y, cells.lw, &label, &text, tint);
        }
        if let Some(b) = row.right {
            let label = label(cells.right, b, mark(row));
            let text = cell_lines(cells.right, b, &label, cells.rw, lines);
            let x = rect.x + cells.lw + MIDDLE;
            let style = if row.moved || row.again {
                tint.patch(theme.moved())
            } else {
                tint
            };
            draw_cell(buf, x, rect.y, cells.rw, &label, &text, style);
        }
        let connector = match (row.is_pair(), row.linked) {
            (true, true) => " ═◆═ ",
            (true, false) if row.moved || row.again => " ─↕─ ",
            (true, false) => " ━●━ ",
            (false, _) => "",
        };
        super::put(buf, rect.x + cells.lw, rect.y, connector, tint);
        if selected {
            super::put(
                buf,
                rect.x + cells.lw,
                rect.y,
                "▶",
                theme.selected_item(true),
            );
        }
    }
}

/// The two essays and their columns' widths.
struct Cells<'a> {
    left: &'a Essay,
    right: &'a Essay,
    lw: u16,
    rw: u16,
}

impl Cells<'_> {
    /// Lines a row needs shown whole.
    fn lines(&self, row: &Row) -> usize {
        let side = |essay: &Essay, block: Option<usize>, mark: &str, width: u16| {
            block.map_or(0, |b| {
                let label = label(essay, b, mark);
                wrapped(essay, b, &label, width).len()
            })
        };
        side(self.left, row.left, "", self.lw)
            .max(side(self.right, row.right, mark(row), self.rw))
            .max(1)
    }
}

/// The mark of a right paragraph: `↺` shown again, `↕` moved.
fn mark(row: &Row) -> &'static str {
    if row.again {
        "↺"
    } else if row.moved {
        "↕"
    } else {
        ""
    }
}

/// A paragraph's label: `¶12 ` (its number in the reading view's margin), `§ ` for a block
/// with no number; `mark` after the number.
fn label(essay: &Essay, block: usize, mark: &str) -> String {
    match essay.paragraph_number(block) {
        Some(n) => format!("¶{n}{mark} "),
        None => format!("§{mark} "),
    }
}

/// The text of block `b`, safe to draw, wrapped to `width` after `label`.
fn wrapped(essay: &Essay, b: usize, label: &str, width: u16) -> Vec<String> {
    let text: String = essay.blocks[b]
        .text
        .chars()
        .map(crate::essay::visible)
        .collect();
    let indent = label.chars().count();
    let room = usize::from(width).saturating_sub(indent + 1).max(1);
    let chars: Vec<char> = text.chars().collect();
    crate::layout::wrap(&text, room)
        .into_iter()
        .map(|r| {
            chars[r.start..r.end]
                .iter()
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect()
}

/// At most `lines` lines of block `b`; the last ends with `…` when the text goes on.
fn cell_lines(essay: &Essay, b: usize, label: &str, width: u16, lines: usize) -> Vec<String> {
    let mut out = wrapped(essay, b, label, width);
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            last.push('…');
        }
    }
    out
}

/// Draws a cell: `label` in `tint` on the first line, the text lines after it, indented.
fn draw_cell(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    width: u16,
    label: &str,
    text: &[String],
    tint: Style,
) {
    let indent = label.chars().count() as u16;
    put_line(buf, x, y, width, label, tint);
    for (k, line) in text.iter().enumerate() {
        put_line(
            buf,
            x + indent,
            y + k as u16,
            width.saturating_sub(indent + 1),
            line,
            Style::new(),
        );
    }
}

/// `text` cut to `width` columns, with an ellipsis when cut.
fn clip(text: &str, width: u16) -> String {
    let fitted = super::fit_title(text, width.saturating_add(2));
    fitted.trim().to_string()
}

/// Writes `text` at (`x`, `y`), at most `width` columns.
fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, text: &str, style: Style) {
    if buf.area.contains(ratatui::layout::Position { x, y }) {
        buf.set_stringn(x, y, text, usize::from(width), style);
    }
}
