//! The status line: mode, file, position in each essay, save state, hints.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use crate::keymap::hints;
use crate::state::{AppState, Reference, SaveState};

/// Draws the status line of `state`.
pub struct StatusLine<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        buf.set_style(area, state.theme().status());
        let mut left = vec![
            Span::styled(format!(" {} ", state.mode()), state.theme().mode()),
            Span::raw(" "),
        ];
        let names: Vec<&str> = state.sources().iter().map(|s| s.name.as_str()).collect();
        let names = clean(&names.join(", "));
        let names_at = left.len();
        let sides = ["left", "right"];
        for (i, pane) in state.panes().iter().enumerate() {
            let essay = &state.docs()[pane.essay].essay;
            let percent = pane.percent(essay);
            let side = if state.panes().len() == 1 {
                "essay"
            } else {
                sides[i.min(1)]
            };
            left.push(Span::raw(format!(" · {side} {percent}%")));
        }
        if state.locked() {
            left.push(Span::styled(" · locked", state.theme().title(true)));
        }
        left.push(Span::raw(" · "));
        left.push(save_span(state));
        // The file names take what the rest leaves: a long name is cut, never the save state
        // (of a long read-only reason, its start is kept: the rest may be cut at the edge).
        let save_width = left.last().map_or(0, |s| s.width().min(SAVE_KEPT));
        let others = left.iter().map(Span::width).sum::<usize>()
            - left.last().map_or(0, Span::width)
            + save_width;
        let room_for_names = usize::from(area.width).saturating_sub(others + 1);
        left.insert(names_at, Span::raw(fit(&names, room_for_names)));

        let search = state.search().map(|s| s.describe(state.search_typing()));
        // Keys waiting for more come first, as vim's showcmd: the reader sees `3]` typed.
        let pending = (!state.pending_keys().is_empty()).then(|| state.pending_keys().label());
        let right = match pending.as_deref().or(state.message()).or(search.as_deref()) {
            Some(message) => Span::styled(
                format!("{} ", clean(message)),
                Style::new().add_modifier(ratatui::style::Modifier::BOLD),
            ),
            None => Span::raw(String::new()),
        };
        // The hints share the status line only when they have no line of their own.
        let hinting = right.content.is_empty() && state.screen().hints.is_none();
        // The message takes the room the left part leaves, cut with an ellipsis; when
        // that is too little, it takes the place of the positions (mode and save stay).
        if hinting {
            // The hints matter more than the whole of a long file name (the panes' titles
            // name the essays): on a narrow screen the name is cut shorter for them.
            let width = |spans: &[Span]| spans.iter().map(Span::width).sum::<usize>();
            let room_with = usize::from(area.width).saturating_sub(width(&left) + 1);
            let wanted = hints::hints(state.keymap(), state.situation()).len().min(4);
            if hint_line(state, room_with).1 < wanted {
                left[names_at] = Span::raw(fit(&names, room_for_names.min(NAMES_KEPT)));
            }
        }
        let left_line = Line::from(left);
        let left_width = left_line.width() as u16;
        let mut room = area.width.saturating_sub(left_width + 1);
        let short_left = room < MIN_MESSAGE && state.message().is_some();
        if short_left {
            let mode = Span::styled(format!(" {} ", state.mode()), state.theme().mode());
            let save = save_span(state);
            let compact = Line::from(vec![mode, Span::raw(" "), save]);
            room = area.width.saturating_sub(compact.width() as u16 + 2);
            compact.render(area, buf);
        } else {
            left_line.render(area, buf);
        }
        let text = if hinting {
            hint_line(state, usize::from(room)).0
        } else {
            fit(&right.content, usize::from(room))
        };
        let width = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
        if width > 0 {
            let x = area.right() - width;
            Line::from(Span::styled(text, right.style)).render(Rect::new(x, area.y, width, 1), buf);
        }
    }
}

/// The hints on a line of their own, left to right, as many as fit.
pub struct HintLine<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
}

impl Widget for HintLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        if let Some(line) = reference_line(state, usize::from(area.width)) {
            line.render(area, buf);
            return;
        }
        let all = hints::hints(state.keymap(), state.situation());
        // As many as fit: the first ones, and the last (the help, the way out).
        let (_, shown) = hint_line(state, usize::from(area.width.saturating_sub(1)));
        let picked = all
            .iter()
            .enumerate()
            .filter(|(i, _)| *i + 1 < shown || *i + 1 == all.len() && shown > 0);
        let mut spans = vec![Span::raw(" ")];
        for (n, (_, (key, word))) in picked.enumerate() {
            if n > 0 {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(key.clone(), state.theme().title(true)));
            spans.push(Span::styled(format!(" {word}"), state.theme().dim()));
        }
        Line::from(spans).render(area, buf);
    }
}

/// With the caret on a web link or a footnote reference, the hint line says where it leads:
/// `F link https://…`, `F footnote [1] …` (what the footnote says).
fn reference_line(state: &AppState, width: usize) -> Option<Line<'static>> {
    if state.situation() != hints::Situation::In(crate::keymap::Context::Essay) {
        return None;
    }
    let reference = state.reference_at_caret()?;
    let key = state.keymap().key_in(
        crate::keymap::Context::Essay,
        &crate::action::Action::FollowReference,
    )?;
    let (word, detail) = match reference {
        Reference::Link(url) => ("link", url),
        Reference::Note(label, text) => ("footnote", text.unwrap_or(format!("[{label}]"))),
        Reference::Footnote(label) => ("back to where it is referred to", format!("[{label}]")),
    };
    let key = format!(" {key}");
    let word = format!(" {word}  ");
    let used = unicode_width::UnicodeWidthStr::width(key.as_str()) + word.len() + 1;
    let detail = fit(&clean(&detail), width.saturating_sub(used));
    Some(Line::from(vec![
        Span::styled(key, state.theme().title(true)),
        Span::styled(word, state.theme().dim()),
        Span::raw(detail),
    ]))
}

/// The keys that matter where the reader is (`s sentence  Enter highlight  ? help `), as
/// many as `width` holds: the last, the help, is kept when there is room for it alone.
/// Returns the line and how many keys it shows.
fn hint_line(state: &AppState, width: usize) -> (String, usize) {
    let all = hints::hints(state.keymap(), state.situation());
    let item = |(key, word): &(String, &str)| format!("{key} {word}");
    let mut items: Vec<String> = all.iter().map(item).collect();
    let total = |items: &[String]| {
        items
            .iter()
            .map(|i| unicode_width::UnicodeWidthStr::width(i.as_str()))
            .sum::<usize>()
            + 2 * items.len().saturating_sub(1)
            + 1
    };
    while !items.is_empty() && total(&items) > width {
        // The help goes last: drop the one before it.
        let at = items.len().saturating_sub(2);
        items.remove(at);
    }
    if items.is_empty() {
        return (String::new(), 0);
    }
    (format!("{} ", items.join("  ")), items.len())
}

/// Columns of the file names kept when the hints need room.
const NAMES_KEPT: usize = 16;

/// Columns of the save state the file names never take ("NOT SAVED", "read-only (…").
const SAVE_KEPT: usize = 16;

/// The fewest columns a message is given before the positions make way for it.
const MIN_MESSAGE: u16 = 30;

/// `text` cut to `width` columns, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if unicode_width::UnicodeWidthStr::width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
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
    if let Some(why) = state.sources().iter().find_map(|s| s.read_only.as_ref()) {
        return Span::styled(
            format!("read-only ({})", clean(why)),
            state.theme().warning(),
        );
    }
    let failed = state.sources().iter().find_map(|s| match &s.save {
        SaveState::Failed(e) => Some(e.clone()),
        _ => None,
    });
    match failed {
        Some(_) => Span::styled("NOT SAVED", state.theme().warning()),
        None if state.all_saved() => Span::raw("saved"),
        None => Span::raw("saving…"),
    }
}
