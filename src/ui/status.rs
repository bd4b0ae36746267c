//! The status line: mode, file, position in each essay, save state, hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::action::Action;
use crate::keymap::key_for;
use crate::state::{AppState, SaveState};

/// Draws the status line of `state`.
pub struct StatusLine<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        buf.set_style(area, state.theme.status());
        let mut left = vec![
            Span::styled(format!(" {} ", state.mode()), state.theme.mode()),
            Span::raw(" "),
        ];
        let names: Vec<&str> = state.sources.iter().map(|s| s.name.as_str()).collect();
        left.push(Span::raw(clean(&names.join(", "))));
        let sides = ["left", "right"];
        for (i, pane) in state.panes.iter().enumerate() {
            let essay = &state.docs[pane.essay].essay;
            let percent = pane.percent(essay);
            let side = if state.panes.len() == 1 {
                "essay"
            } else {
                sides[i.min(1)]
            };
            left.push(Span::raw(format!(" · {side} {percent}%")));
        }
        if state.locked {
            left.push(Span::styled(" · locked", state.theme.title(true)));
        }
        left.push(Span::raw(" · "));
        left.push(save_span(state));

        let search = state.search.as_ref().map(|s| s.describe());
        let right = match state.message.as_ref().or(search.as_ref()) {
            Some(message) => Span::styled(
                format!("{} ", clean(message)),
                Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            ),
            None => {
                let help = key_for(&Action::Help).unwrap_or_default();
                let quit = key_for(&Action::Quit).unwrap_or_default();
                Span::raw(format!("{help} help  {quit} quit "))
            }
        };
        let right_width = right.width() as u16;
        Line::from(left).render(area, buf);
        if right_width < area.width {
            let x = area.right() - right_width;
            Line::from(right).render(Rect::new(x, area.y, right_width, 1), buf);
        }
    }
}

/// Text for the status line, with nothing a terminal would obey (file names and messages
/// come from outside).
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                ' '
            } else {
                crate::essay::visible(c)
            }
        })
        .collect()
}

fn save_span(state: &AppState) -> Span<'static> {
    if let Some(why) = state.sources.iter().find_map(|s| s.read_only.as_ref()) {
        return Span::styled(format!("read-only ({})", clean(why)), state.theme.warning());
    }
    let failed = state.sources.iter().find_map(|s| match &s.save {
        SaveState::Failed(e) => Some(e.clone()),
        _ => None,
    });
    match failed {
        Some(_) => Span::styled("NOT SAVED", state.theme.warning()),
        None if state.all_saved() => Span::raw("saved"),
        None => Span::raw("saving…"),
    }
}
