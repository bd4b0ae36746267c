//! The list of the most similar pairs of passages across the two essays.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Widget};

use super::centered;
use crate::state::{AppState, Pairs};

/// Draws the list of similar pairs of the essays on screen.
pub struct PairList<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The list.
    pub list: &'a Pairs,
}

/// Lines of text per pair (left quote, right quote) plus a blank line.
const ROWS_PER_PAIR: u16 = 3;

impl Widget for PairList<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        let list = self.list;
        let popup = centered(
            area,
            area.width.saturating_sub(8).min(120),
            area.height.saturating_sub(4),
        );
        Clear.render(popup, buf);
        let block = Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(state.theme().border(true))
            .title(" Most similar passages ")
            .title_bottom(Line::from(title_keys(state)).right_aligned());
        let inner = block.inner(popup);
        block.render(popup, buf);
        if inner.height < ROWS_PER_PAIR || inner.width < 20 {
            return;
        }
        let (left, right) = (
            &state.docs()[state.panes()[0].essay].essay,
            &state.docs()[state.panes()[1].essay].essay,
        );
        let visible = usize::from(inner.height / ROWS_PER_PAIR);
        let first = list.selected.saturating_sub(visible.saturating_sub(1));
        let width = usize::from(inner.width);
        for (row, (i, &(a, b, score))) in list
            .pairs
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .enumerate()
        {
            let y = inner.y + row as u16 * ROWS_PER_PAIR;
            let selected = i == list.selected;
            let style = if selected {
                state.theme().selected_item(true)
            } else {
                ratatui::style::Style::new()
            };
            let quote = |essay: &crate::essay::Essay, r: crate::range::TextRange| {
                let text: String = essay
                    .slice(r.start(), r.end())
                    .chars()
                    .map(crate::essay::visible)
                    .collect();
                let room = width.saturating_sub(12);
                if text.chars().count() > room {
                    format!(
                        "“{}…”",
                        text.chars()
                            .take(room.saturating_sub(3))
                            .collect::<String>()
                    )
                } else {
                    format!("“{text}”")
                }
            };
            let lines = [
                Line::from(vec![
                    Span::styled(
                        format!("{:<9}", crate::similar::strength(score).word()),
                        state.theme().dim(),
                    ),
                    Span::raw(quote(left, a)),
                ]),
                Line::from(vec![Span::raw("      ⇄  "), Span::raw(quote(right, b))]),
            ];
            for (k, line) in lines.into_iter().enumerate() {
                let line_area = Rect::new(inner.x, y + k as u16, inner.width, 1);
                buf.set_style(line_area, style);
                line.render(line_area, buf);
            }
        }
    }
}

/// The list's keys, as the reader has them: ` j/k move · Enter show both · l link · Esc close `.
fn title_keys(state: &AppState) -> String {
    use crate::action::Action;
    use crate::keymap::Context::PairList;
    let key = |a: Action| state.keymap().key_in(PairList, &a);
    let mut parts = Vec::new();
    if let (Some(down), Some(up)) = (key(Action::PairsMove(1)), key(Action::PairsMove(-1))) {
        parts.push(format!("{down}/{up} move"));
    }
    for (action, word) in [
        (Action::PairsView, "show both"),
        (Action::Link, "link"),
        (Action::Back, "close"),
    ] {
        if let Some(k) = key(action) {
            parts.push(format!("{k} {word}"));
        }
    }
    format!(" {} ", parts.join(" · "))
}
