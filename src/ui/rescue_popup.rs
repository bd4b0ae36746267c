//! The quit prompt (changes not saved) and the offer of a copy kept last time.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

use super::centered;
use crate::essay::visible;
use crate::keymap::Context;
use crate::state::{AppState, Offer};
use crate::store::recovery::Kept;

/// What the popup asks about.
pub enum Ask<'a> {
    /// Quitting while this is not saved.
    Quit(&'a str),
    /// Whether to take a kept file, the first of this many.
    Offer(&'a Offer, usize),
}

/// Draws the quit prompt or the offer of a kept file.
pub struct RescuePopup<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
    /// What it asks.
    pub ask: Ask<'a>,
}

/// `text` with everything a terminal would obey made visible, on one line.
fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c == '\n' { ' ' } else { visible(c) })
        .collect()
}

/// The first `n` characters of `text`, cleaned, with `…` when cut.
fn short(text: &str, n: usize) -> String {
    let mut out = clean(&text.chars().take(n).collect::<String>());
    if text.chars().count() > n {
        out.push('…');
    }
    out
}

/// One line per key of `context`, from the key table.
fn key_lines(state: &AppState, context: Context) -> Vec<Line<'static>> {
    state
        .keymap()
        .rows()
        .iter()
        .filter(|r| r.context == context)
        .map(|r| {
            Line::from(vec![
                Span::styled(format!("{:>4}  ", r.label()), state.theme().mode()),
                Span::raw(r.hint.clone()),
            ])
        })
        .collect()
}

/// What an offered file holds, in words.
fn offer_lines(state: &AppState, offer: &Offer) -> Vec<Line<'static>> {
    let src = &state.sources()[offer.source];
    let name = src
        .path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut lines = Vec::new();
    match offer.kind {
        Kept::Recovery => {
            let new = offer
                .file
                .annotations
                .iter()
                .filter(|a| src.placed(&a.id).is_none_or(|p| *p.annotation != **a))
                .count();
            lines.push(Line::from(clean(&format!(
                "A recovery copy of {name} was written when marginalia last stopped with \
                 changes not saved. It holds {} annotation(s), {new} of them new or different \
                 from those shown now.",
                offer.file.annotations.len()
            ))));
        }
        Kept::Draft => {
            lines.push(Line::from(clean(&format!(
                "A note you were writing when marginalia stopped was kept ({name}):"
            ))));
            let notes = offer
                .file
                .annotations
                .iter()
                .map(|a| (&a.note, &a.anchor.quote));
            for (note, quote) in notes {
                lines.push(Line::from(format!(
                    "“{}” on “{}”",
                    short(note.as_deref().unwrap_or(""), 200),
                    short(quote, 40)
                )));
            }
            for link in &offer.file.links {
                lines.push(Line::from(format!(
                    "“{}” on a link",
                    short(link.note.as_deref().unwrap_or(""), 200)
                )));
            }
        }
    }
    lines.push(Line::styled(
        format!("at {}", clean(&offer.path.display().to_string())),
        state.theme().dim(),
    ));
    lines
}

impl Widget for RescuePopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let state = self.state;
        let (title, mut lines, context) = match self.ask {
            Ask::Quit(reason) => (
                " Quit? Not everything is saved ".to_string(),
                vec![Line::from(format!("Not saved: {}", clean(reason)))],
                Context::QuitPrompt,
            ),
            Ask::Offer(offer, count) => {
                let of = if count > 1 {
                    format!(" (1 of {count})")
                } else {
                    String::new()
                };
                (
                    format!(" Kept from last time{of} "),
                    offer_lines(state, offer),
                    Context::Offer,
                )
            }
        };
        lines.push(Line::from(""));
        lines.extend(key_lines(state, context));
        let width = area.width.saturating_sub(4).min(84);
        let inner = usize::from(width.saturating_sub(2).max(1));
        let rows: usize = lines
            .iter()
            .map(|l| l.width().max(1).div_ceil(inner) + usize::from(l.width() > inner))
            .sum();
        let height = u16::try_from(rows + 2).unwrap_or(u16::MAX);
        let popup = centered(area, width, height);
        Clear.render(popup, buf);
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .block(
                Block::bordered()
                    .border_type(BorderType::Thick)
                    .border_style(state.theme().warning())
                    .title(title),
            )
            .render(popup, buf);
    }
}
