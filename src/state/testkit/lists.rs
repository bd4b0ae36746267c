//! What a test reads besides the text: the notes list, the links, the status message and
//! the mode stack.

use std::fmt::Write as _;

use crate::annotation::Link;
use crate::state::{AppState, Mode, Overlay};

/// The notes list as lines: `> ` before the selected item, a highlight's quote (and ` — `
/// its note), a link as `from -relation-> to`.
pub(crate) fn notes(state: &AppState) -> Vec<String> {
    let items = state.note_items();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let src = &state.sources[item.source];
            let mut line = String::new();
            if let Some(l) = state.note_link_index(item) {
                let link = &src.links[l];
                let quote = |id: &str| end_quote(state, item.source, link, id);
                let _ = write!(
                    line,
                    "{} -{}-> {}",
                    quote(&link.from),
                    link.relation.name(),
                    quote(&link.to)
                );
            } else if let Some(it) = state.note_index(item).map(|i| &src.items[i]) {
                line.push_str(&it.annotation.anchor.quote);
                if let Some(note) = &it.annotation.note {
                    let _ = write!(line, " — {note}");
                }
            }
            let mark = if i == state.notes_selected {
                "> "
            } else {
                "  "
            };
            format!("{mark}{line}")
        })
        .collect()
}

/// Every link of every source, as `from -relation-> to` (quotes).
pub(crate) fn links(state: &AppState) -> Vec<String> {
    state
        .sources
        .iter()
        .enumerate()
        .flat_map(|(s, src)| {
            src.links.iter().map(move |link| {
                let quote = |id: &str| end_quote(state, crate::state::SourceId(s), link, id);
                format!(
                    "{} -{}-> {}",
                    quote(&link.from),
                    link.relation.name(),
                    quote(&link.to)
                )
            })
        })
        .collect()
}

/// The quote of end `id` of `link` (kept by `holder`): from the file that has it, or as
/// recorded, with the other file's name, for the end in a file not open.
fn end_quote(state: &AppState, holder: crate::state::SourceId, link: &Link, id: &str) -> String {
    match state.link_end(holder, link, id) {
        Some((s, i)) => state.sources[s].items[i].annotation.anchor.quote.clone(),
        None => match link.other.as_ref().filter(|o| o.highlight == id) {
            Some(o) => format!("{} (in {})", o.anchor.quote, o.source),
            None => "?".into(),
        },
    }
}

/// The status message.
pub(crate) fn message(state: &AppState) -> Option<&str> {
    state.message.as_deref()
}

/// The modes on the stack, innermost last.
pub(crate) fn modes(state: &AppState) -> Vec<Mode> {
    state.overlays().iter().map(Overlay::mode).collect()
}
