//! The relation picker shown while making a link.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget};

use super::centered;
use crate::annotation::Relation;
use crate::state::AppState;

/// Draws the picker for the link being made.
pub struct RelationPicker<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// The relation highlighted.
    pub picking: crate::annotation::Relation,
}

impl Widget for RelationPicker<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        let picking = self.picking;
        let lines: Vec<Line> = Relation::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let marker = if *r == picking { "▶ " } else { "  " };
                let style = if *r == picking {
                    state
                        .theme()
                        .link(*r)
                        .add_modifier(ratatui::style::Modifier::REVERSED)
                } else {
                    state.theme().link(*r)
                };
                Line::from(vec![
                    Span::raw(marker),
                    Span::raw(format!("{} ", i + 1)),
                    Span::styled(r.name(), style),
                ])
            })
            .collect();
        let popup = centered(area, 34, lines.len() as u16 + 2);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(state.theme().border(true))
                    .title(" The second passage… ")
                    .title_bottom(Line::from(title_keys(state)).right_aligned()),
            )
            .render(popup, buf);
    }
}

/// The picker's keys, as the reader has them: ` 1-5 or Enter · Esc `.
fn title_keys(state: &AppState) -> String {
    use crate::action::Action;
    use crate::annotation::Relation;
    use crate::keymap::Context::Picker;
    let key = |a: Action| state.keymap().key_in(Picker, &a);
    let first = key(Action::PickRelation(Some(Relation::Supports)));
    let last = key(Action::PickRelation(Some(Relation::SeeAlso)));
    let mut choose: Vec<String> = Vec::new();
    if let (Some(a), Some(b)) = (first, last) {
        choose.push(format!("{a}-{b}"));
    }
    choose.extend(key(Action::PickRelation(None)));
    let mut parts = vec![choose.join(" or ")];
    parts.extend(key(Action::Back));
    parts.retain(|p| !p.is_empty());
    format!(" {} ", parts.join(" · "))
}
