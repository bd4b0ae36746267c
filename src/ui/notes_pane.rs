//! The notes pane: every highlight and note of the essays on screen, grouped by essay.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::notes_lines::{fit, kept_lines, lines_of, tagged, width_of};
use crate::action::Action;
use crate::anchor::Placement;
use crate::annotation::Colour;
use crate::essay::{Essay, visible};
use crate::screen;
use crate::state::{AppState, Focus, NoteList, Placed};
use crate::store::SourceId;

/// Draws the notes pane of `state`.
pub struct NotesPane<'a> {
    /// The app state, read only.
    pub state: &'a AppState,
}

/// Quote lines shown per item (the selected one may show more).
const QUOTE_LINES: usize = 2;
/// Note lines shown per item (the selected one shows as many as fit).
const NOTE_LINES: usize = 4;
/// The fewest rows of list for which the legend of colours is shown below it.
const LEGEND_MIN_HEIGHT: u16 = 8;

/// A line of the list: which item it belongs to (none for essay headings).
struct Row {
    item: Option<usize>,
    line: Line<'static>,
}

/// The rows of the items around the selected one: enough to fill `height` rows above
/// and below it, so a frame costs the same with ten notes or ten thousand.
fn rows(state: &AppState, items: &NoteList, width: usize, height: usize) -> Vec<Row> {
    let selected = state.notes_selected().min(items.len().saturating_sub(1));
    let window = selected.saturating_sub(height)..(selected + height + 1).min(items.len());
    let mut rows = Vec::new();
    let mut last_doc = None;
    let mut in_links = false;
    for (i, item) in window.map(|i| (i, &items[i])) {
        if item.link.is_some() {
            // The list is made again on every change, so its ids are found.
            let Some(l) = state.note_link_index(item) else {
                continue;
            };
            rows.push(blank());
            if !in_links {
                in_links = true;
                rows.push(heading(state, "Links".into()));
            }
            let room = Room::of(i == selected, height);
            link_rows(state, item.source, l, (i, room), width, &mut rows);
            continue;
        }
        if last_doc != Some(item.doc) {
            if last_doc.is_some() {
                rows.push(blank());
            }
            last_doc = Some(item.doc);
            let title = &state.docs()[item.doc].essay.title;
            for text in lines_of(title, width, 1) {
                rows.push(heading(state, text));
            }
        }
        let Some(index) = state.note_index(item) else {
            continue;
        };
        if i > 0 && rows.last().is_some_and(|r| r.item.is_some()) {
            rows.push(blank());
        }
        let placed = &state.sources()[item.source].items[index];
        let essay = &state.docs()[item.doc].essay;
        let room = Room::of(i == selected, height);
        highlight_rows(state, placed, essay, (i, room), width, &mut rows);
    }
    rows
}

/// How many lines an item's quote and note may take: a few, or for the selected item
/// as many as the list's `height` holds.
#[derive(Debug, Clone, Copy)]
struct Room {
    quote: usize,
    note: usize,
}

impl Room {
    fn of(selected: bool, height: usize) -> Room {
        if selected {
            // The heading above and the quote's lines aside, the note has the rest.
            let quote = QUOTE_LINES.max(height / 3);
            Room {
                quote,
                note: NOTE_LINES.max(height.saturating_sub(QUOTE_LINES + 2)),
            }
        } else {
            Room {
                quote: QUOTE_LINES,
                note: NOTE_LINES,
            }
        }
    }
}

/// An empty row between items.
fn blank() -> Row {
    Row {
        item: None,
        line: Line::raw(""),
    }
}

/// A heading row: an essay's title, or "Links".
fn heading(state: &AppState, text: String) -> Row {
    Row {
        item: None,
        line: Line::styled(
            text,
            state
                .theme()
                .dim()
                .add_modifier(ratatui::style::Modifier::BOLD),
        ),
    }
}

/// The rows of item `i`, the highlight `placed` of `essay`: its quote, where it moved or
/// that it was not found, its note (as written), and the tags not written in the note.
fn highlight_rows(
    state: &AppState,
    placed: &Placed,
    essay: &Essay,
    (i, room): (usize, Room),
    width: usize,
    rows: &mut Vec<Row>,
) {
    let theme = state.theme();
    let ann = &placed.annotation;
    let mut push = |line: Line<'static>| {
        rows.push(Row {
            item: Some(i),
            line,
        })
    };
    let bar = Span::styled("▌", theme.mark(ann.colour));
    let quote = format!("“{}”", ann.anchor.quote);
    for text in lines_of(&quote, width.saturating_sub(1), room.quote) {
        push(Line::from(vec![bar.clone(), Span::raw(text)]));
    }
    match placed.placement {
        Placement::Orphaned => push(Line::styled(
            "  not found in the text: R review",
            theme.warning(),
        )),
        Placement::Moved(r) => {
            let now = format!("now: “{}”", essay.slice(r.start(), r.end()));
            push(Line::styled(
                "  moved? A accept · r re-attach",
                theme.warning(),
            ));
            for text in lines_of(&now, width.saturating_sub(2), QUOTE_LINES) {
                push(Line::styled(format!("  {text}"), theme.dim()));
            }
        }
        Placement::Exact(_) => {}
    }
    if let Some(note) = ann.note_text() {
        for text in kept_lines(note, width.saturating_sub(2), room.note) {
            push(note_line(state, &text));
        }
    }
    let unwritten: Vec<String> = ann
        .tags
        .iter()
        .filter(|t| {
            !ann.note
                .as_deref()
                .is_some_and(|n| n.contains(&format!("#{t}")))
        })
        .map(|t| format!("#{t}"))
        .collect();
    if !unwritten.is_empty() {
        for text in lines_of(&unwritten.join(" "), width.saturating_sub(2), 1) {
            let mut spans = vec![Span::raw("  ")];
            spans.extend(tagged(&text, theme.dim(), theme.tag()));
            push(Line::from(spans));
        }
    }
}

/// A line of a note: indented, `#tags` picked out.
fn note_line(state: &AppState, text: &str) -> Line<'static> {
    let theme = state.theme();
    let mut spans = vec![Span::raw("  ")];
    spans.extend(tagged(text, theme.note(), theme.tag()));
    Line::from(spans)
}

/// The rows of link `l` of `source`: its relation, both quotes, its note.
fn link_rows(
    state: &AppState,
    source: SourceId,
    l: usize,
    (item, room): (usize, Room),
    width: usize,
    rows: &mut Vec<Row>,
) {
    let src = &state.sources()[source];
    let link = &src.links[l];
    // By the state's index of ids, not a scan of every annotation per row drawn. The end
    // in another file: from that file when it is open, else as this file recorded it.
    let quote = |id: &str| match state.link_end(source, link, id) {
        Some((s, i)) => format!("“{}”", state.sources()[s].items[i].annotation.anchor.quote),
        None => match link.other.as_ref().filter(|o| o.highlight == id) {
            Some(other) => format!("“{}”", other.anchor.quote),
            None => "(highlight gone: x removes the link)".to_string(),
        },
    };
    rows.push(Row {
        item: Some(item),
        line: Line::styled(
            format!("⇄ {}", link.relation.name()),
            state.theme().link(link.relation),
        ),
    });
    for (arrow, id) in [("  ", &link.from), ("→ ", &link.to)] {
        for (k, text) in lines_of(&quote(id), width.saturating_sub(2), room.quote)
            .into_iter()
            .enumerate()
        {
            let lead = if k == 0 { arrow } else { "  " };
            rows.push(Row {
                item: Some(item),
                line: Line::raw(format!("{lead}{text}")),
            });
        }
        if let Some(other) = link.other.as_ref().filter(|o| o.highlight == *id) {
            let named = format!("in {}: {}", other.source, other.essay.title);
            rows.push(Row {
                item: Some(item),
                line: Line::styled(
                    format!("  {}", fit(&named, width.saturating_sub(2))),
                    state.theme().dim(),
                ),
            });
        }
    }
    if let Some(note) = link.note.as_deref().filter(|n| !n.trim().is_empty()) {
        for text in kept_lines(note, width.saturating_sub(2), room.note) {
            rows.push(Row {
                item: Some(item),
                line: note_line(state, &text),
            });
        }
    }
}

/// The item selected in the notes list and the view row of its first row, if the wheel
/// moved the view.
type ListAt = (usize, Option<isize>);

/// The index of the notes item drawn at screen row `row`, if any.
pub fn notes_item_at(state: &AppState, row: u16) -> Option<usize> {
    let (area, tagged, at) = list_as_drawn(state)?;
    screen::notes_item_at(&tagged, at, area, row)
}

/// Where the notes list stands after the wheel turned `step` rows over it: the item then
/// selected and the view row of its first row (see [`screen::notes_scrolled`]).
pub fn notes_scrolled(state: &AppState, step: isize) -> Option<(usize, isize)> {
    let (area, tagged, at) = list_as_drawn(state)?;
    screen::notes_scrolled(&tagged, at, usize::from(area.height), step)
}

/// The list's area (without the legend), which item each of its rows belongs to, and the
/// selection and view it stands at.
fn list_as_drawn(state: &AppState) -> Option<(Rect, Vec<Option<usize>>, ListAt)> {
    let items = state.note_items();
    let area = list_area(state.screen().notes_text()?, items.len());
    let rows = rows(
        state,
        &items,
        usize::from(area.width),
        usize::from(area.height),
    );
    Some((
        area,
        tags(&rows),
        (state.notes_selected(), state.notes_view()),
    ))
}

/// Whether the legend of colours is shown under a list of `count` items in `area`.
fn has_legend(area: Rect, count: usize) -> bool {
    count > 0 && area.height >= LEGEND_MIN_HEIGHT
}

/// Where the list itself goes in the notes text `area`: above the legend, if shown.
fn list_area(area: Rect, count: usize) -> Rect {
    if has_legend(area, count) {
        Rect {
            height: area.height - 1,
            ..area
        }
    } else {
        area
    }
}

/// The legend: each colour's mark and name (the reader's, or its own), as many as fit in
/// `width` columns.
fn legend(state: &AppState, width: usize) -> Line<'static> {
    let theme = state.theme();
    let mut spans = Vec::new();
    let mut used = 0;
    for c in Colour::ALL {
        let name = fit(state.colour_name(c), width.saturating_sub(1));
        let need = 1 + width_of(&name) + usize::from(used > 0);
        if used + need > width {
            break;
        }
        if used > 0 {
            spans.push(Span::raw(" "));
        }
        spans.push(Span::styled("▌", theme.mark(c)));
        spans.push(Span::styled(name, theme.dim()));
        used += need;
    }
    Line::from(spans)
}

/// The item of each row, for the list's geometry.
fn tags(rows: &[Row]) -> Vec<Option<usize>> {
    rows.iter().map(|r| r.item).collect()
}

impl Widget for NotesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(*buf.area());
        let state = self.state;
        let focused = state.focus() == Focus::Notes;
        let items = state.note_items();
        let count = items.len();
        // Said while none is placed yet: those of the essays shown come first, in full.
        let placing = state.placing().filter(|&n| n > 0 && count == 0);
        let title = if let Some(n) = placing {
            format!(" Notes ({n}) ")
        } else if state.filter().is_empty() && !state.filter_typing() {
            format!(" Notes ({count}) ")
        } else {
            let all = state.note_count_unfiltered();
            let (before, after) = state.filter().split_at_cursor();
            let cursor = if state.filter_typing() { "▏" } else { "" };
            let filter: String = before.chars().map(visible).collect();
            let rest: String = after.chars().map(visible).collect();
            format!(" Notes ({count} of {all}) · filter: {filter}{cursor}{rest} ")
        };
        let bare = title.strip_prefix(' ').unwrap_or(&title);
        let title = super::fit_title(bare.strip_suffix(' ').unwrap_or(bare), area.width);
        super::pane_block(state.theme(), focused, title).render(area, buf);
        let area = screen::notes_text_area(area);
        if area.width == 0 || area.height == 0 {
            return;
        }
        if count == 0 {
            let keys = state.keymap();
            let key = |a: Action| keys.key_for(&a).unwrap_or_default();
            let empty = format!(
                "No highlights yet. Select with {} or {}, then {} to highlight or {} to write a note.",
                key(Action::ToggleSelect),
                key(Action::SelectSentence),
                key(Action::Highlight),
                key(Action::EditNote)
            );
            let no_match = match state
                .keymap()
                .key_in(crate::keymap::Context::Notes, &Action::Back)
            {
                Some(esc) => format!("Nothing matches the filter. {esc} clears it."),
                None => "Nothing matches the filter.".to_string(),
            };
            let hint = if placing.is_some() {
                "Placing the annotations…"
            } else if state.filter().is_empty() {
                &empty
            } else {
                &no_match
            };
            for (i, text) in lines_of(hint, usize::from(area.width), usize::from(area.height))
                .into_iter()
                .enumerate()
            {
                buf.set_string(area.x, area.y + i as u16, text, state.theme().dim());
            }
            return;
        }
        if has_legend(area, count) {
            let y = area.bottom() - 1;
            legend(state, usize::from(area.width)).render(Rect::new(area.x, y, area.width, 1), buf);
        }
        let area = list_area(area, count);
        let rows = rows(
            state,
            &items,
            usize::from(area.width),
            usize::from(area.height),
        );
        let first = screen::notes_view_first_row(
            &tags(&rows),
            state.notes_selected(),
            usize::from(area.height),
            state.notes_view(),
        );
        for (y, row) in (area.y..area.bottom()).zip(rows.iter().skip(first)) {
            let line_area = Rect::new(area.x, y, area.width, 1);
            if row.item == Some(state.notes_selected()) {
                buf.set_style(line_area, state.theme().selected_item(focused));
            }
            row.line.clone().render(line_area, buf);
            if row.item == Some(state.notes_selected()) {
                buf.set_style(
                    line_area,
                    Style::new().add_modifier(state.theme().selected_item(focused).add_modifier),
                );
            }
        }
    }
}
