//! What a test reads besides the text: the notes list, the links, the status message and
//! the mode stack.

use std::fmt::Write as _;

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
            let quote = |id: &str| {
                src.placed(id)
                    .map_or("?".into(), |p| p.annotation.anchor.quote.clone())
            };
            let mut line = String::new();
            if let Some(l) = state.note_link_index(item) {
                let link = &src.links[l];
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
        .flat_map(|src| {
            src.links.iter().map(move |link| {
                let quote = |id: &str| {
                    src.placed(id)
                        .map_or("?".into(), |p| p.annotation.anchor.quote.clone())
                };
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

/// The status message.
pub(crate) fn message(state: &AppState) -> Option<&str> {
    state.message.as_deref()
}

/// The modes on the stack, innermost last.
pub(crate) fn modes(state: &AppState) -> Vec<Mode> {
    state.overlays().iter().map(Overlay::mode).collect()
}
