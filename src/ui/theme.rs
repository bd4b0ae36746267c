//! Every style of the app, in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::annotation::{Colour, Relation};
use crate::essay::BlockKind;

/// The background of a highlight colour (256-colour palette, readable with black text).
pub fn highlight_bg(colour: Colour) -> Color {
    match colour {
        Colour::Yellow => Color::Indexed(228),
        Colour::Green => Color::Indexed(157),
        Colour::Blue => Color::Indexed(153),
        Colour::Pink => Color::Indexed(218),
        Colour::Purple => Color::Indexed(183),
        Colour::Orange => Color::Indexed(216),
    }
}

/// Highlighted text.
pub fn highlight(colour: Colour) -> Style {
    Style::new().bg(highlight_bg(colour)).fg(Color::Black)
}

/// The gutter mark of a highlighted line, in the highlight's colour.
pub fn mark(colour: Colour) -> Style {
    Style::new().fg(highlight_bg(colour))
}

/// The selection being made.
pub fn selection() -> Style {
    Style::new().bg(Color::Indexed(24)).fg(Color::White)
}

/// The caret in the focused pane.
pub fn caret() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The caret in a pane without focus.
pub fn caret_unfocused() -> Style {
    Style::new().add_modifier(Modifier::UNDERLINED)
}

/// Text of a block of this kind.
pub fn block(kind: BlockKind) -> Style {
    match kind {
        BlockKind::Title => Style::new().add_modifier(Modifier::BOLD),
        BlockKind::Byline | BlockKind::Date => Style::new().add_modifier(Modifier::DIM),
        BlockKind::Standfirst => Style::new().add_modifier(Modifier::ITALIC),
        BlockKind::Paragraph => Style::new(),
    }
}

/// The border of a pane.
pub fn border(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().fg(Color::DarkGray)
    }
}

/// A pane title.
pub fn title(focused: bool) -> Style {
    if focused {
        Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD)
    } else {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

/// Secondary text: bylines in the notes list, hints.
pub fn dim() -> Style {
    Style::new().add_modifier(Modifier::DIM)
}

/// The selected item of the notes list.
pub fn selected_item(focused: bool) -> Style {
    if focused {
        Style::new()
            .bg(Color::Indexed(236))
            .add_modifier(Modifier::BOLD)
    } else {
        Style::new().bg(Color::Indexed(235))
    }
}

/// A note's text in the notes list.
pub fn note() -> Style {
    Style::new().add_modifier(Modifier::ITALIC)
}

/// The mode badge of the status line.
pub fn mode() -> Style {
    Style::new()
        .bg(Color::Cyan)
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD)
}

/// A warning in the status line (not saved, read-only).
pub fn warning() -> Style {
    Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
}

/// The status line.
pub fn status() -> Style {
    Style::new().bg(Color::Indexed(235)).fg(Color::Indexed(252))
}

/// A highlight that moved and waits for the reader's confirmation.
pub fn moved() -> Style {
    Style::new()
        .add_modifier(Modifier::UNDERLINED)
        .add_modifier(Modifier::ITALIC)
}

/// A search match.
pub fn search_match() -> Style {
    Style::new().bg(Color::Indexed(94)).fg(Color::White)
}

/// The search match the caret is on.
pub fn search_current() -> Style {
    Style::new()
        .bg(Color::Indexed(208))
        .fg(Color::Black)
        .add_modifier(Modifier::BOLD)
}

/// The colour of a link of this relation: its mark, its connector, its label.
pub fn link(relation: Relation) -> Style {
    let colour = match relation {
        Relation::Supports => Color::Green,
        Relation::Contradicts => Color::Red,
        Relation::Elaborates => Color::Blue,
        Relation::SamePoint => Color::Magenta,
        Relation::SeeAlso => Color::Yellow,
    };
    Style::new().fg(colour).add_modifier(Modifier::BOLD)
}
