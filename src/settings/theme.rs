//! Every style of the app, in one place: a dark and a light palette, and no colour at
//! all when `NO_COLOR` is set (highlights then show by underline, selections by reverse).

use ratatui::style::{Color, Modifier, Style};
use serde::{Deserialize, Serialize};

use crate::annotation::{Colour, Relation};
use crate::essay::{BlockKind, Inline};

/// Light or dark.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Palette {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
}

/// The styles in use: a palette, with or without colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Light or dark.
    pub palette: Palette,
    /// False when `NO_COLOR` asks for no colour.
    pub colour: bool,
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::new(Palette::Dark, false)
    }
}

impl Theme {
    /// A theme with colour unless `no_color` (the `NO_COLOR` convention).
    pub fn new(palette: Palette, no_color: bool) -> Theme {
        Theme {
            palette,
            colour: !no_color,
        }
    }

    /// Colour `c`, or nothing without colour.
    fn fg(&self, style: Style, c: Color) -> Style {
        if self.colour { style.fg(c) } else { style }
    }

    fn bg(&self, style: Style, c: Color) -> Style {
        if self.colour { style.bg(c) } else { style }
    }

    fn light(&self) -> bool {
        self.palette == Palette::Light
    }

    /// The background of a highlight colour (256-colour palette, readable with black text).
    pub fn highlight_bg(&self, colour: Colour) -> Color {
        match colour {
            Colour::Yellow => Color::Indexed(228),
            Colour::Green => Color::Indexed(157),
            Colour::Blue => Color::Indexed(153),
            Colour::Pink => Color::Indexed(218),
            Colour::Purple => Color::Indexed(183),
            Colour::Orange => Color::Indexed(216),
        }
    }

    /// Highlighted text; without colour, underlined.
    pub fn highlight(&self, colour: Colour) -> Style {
        if self.colour {
            Style::new().bg(self.highlight_bg(colour)).fg(Color::Black)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// A strong shade of a highlight colour, visible on any highlight's background.
    pub fn strong(&self, colour: Colour) -> Color {
        match colour {
            Colour::Yellow => Color::Indexed(136),
            Colour::Green => Color::Indexed(28),
            Colour::Blue => Color::Indexed(26),
            Colour::Pink => Color::Indexed(162),
            Colour::Purple => Color::Indexed(91),
            Colour::Orange => Color::Indexed(166),
        }
    }

    /// A second highlight over the first, where two overlap: underlined in its strong
    /// colour; without colour, underlined and bold (a single highlight is only underlined).
    pub fn overlap(&self, colour: Colour) -> Style {
        if self.colour {
            Style::new()
                .add_modifier(Modifier::UNDERLINED)
                .underline_color(self.strong(colour))
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// The gutter mark of a highlighted line, in the highlight's colour: its pale shade on
    /// a dark ground, its strong shade on the light theme's paper (where the pale one
    /// hardly shows).
    pub fn mark(&self, colour: Colour) -> Style {
        let shade = if self.light() {
            self.strong(colour)
        } else {
            self.highlight_bg(colour)
        };
        self.fg(Style::new(), shade)
    }

    /// The selection being made.
    pub fn selection(&self) -> Style {
        if self.colour {
            let bg = if self.light() { 117 } else { 24 };
            let fg = if self.light() {
                Color::Black
            } else {
                Color::White
            };
            Style::new().bg(Color::Indexed(bg)).fg(fg)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    /// The caret in the focused pane.
    pub fn caret(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The caret in the focused pane, inside the selection: without colour, where the
    /// selection is reversed, the caret is not but is underlined and bold.
    pub fn caret_in_selection(&self) -> Style {
        if self.colour {
            self.caret()
        } else {
            Style::new()
                .remove_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// The ground every cell without a colour of its own gets: the light theme's paper
    /// and ink; nothing (the terminal's own) in the dark theme or without colour.
    pub fn ground(&self) -> Style {
        if self.colour && self.light() {
            Style::new().bg(Color::Indexed(231)).fg(Color::Indexed(235))
        } else {
            Style::new()
        }
    }

    /// The caret in a pane without focus.
    pub fn caret_unfocused(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }

    /// Text of a block of this kind.
    pub fn block(&self, kind: BlockKind) -> Style {
        match kind {
            BlockKind::Title => Style::new().add_modifier(Modifier::BOLD),
            BlockKind::Byline | BlockKind::Date => Style::new().add_modifier(Modifier::DIM),
            BlockKind::Standfirst => Style::new().add_modifier(Modifier::ITALIC),
            BlockKind::Heading(_) => Style::new().add_modifier(Modifier::BOLD),
            BlockKind::Quote | BlockKind::Footnote => Style::new().add_modifier(Modifier::ITALIC),
            BlockKind::Paragraph
            | BlockKind::Item
            | BlockKind::Code
            | BlockKind::Verse
            | BlockKind::Centred
            | BlockKind::Table => Style::new(),
        }
    }

    /// The style of an inline span over a block's own: emphasis in italics, strong in
    /// bold, struck text crossed out, inline code in a colour of its own (bold without
    /// colour), a link and a note reference underlined.
    pub fn inline(&self, style: &Inline) -> Style {
        match style {
            Inline::Emphasis => Style::new().add_modifier(Modifier::ITALIC),
            Inline::Strong => Style::new().add_modifier(Modifier::BOLD),
            Inline::Strike => Style::new().add_modifier(Modifier::CROSSED_OUT),
            Inline::Code if self.colour => self.fg(
                Style::new(),
                Color::Indexed(if self.light() { 94 } else { 180 }),
            ),
            Inline::Code => Style::new().add_modifier(Modifier::BOLD),
            Inline::Link(_) | Inline::Note(_) => Style::new().add_modifier(Modifier::UNDERLINED),
        }
    }

    /// The border of a pane.
    pub fn border(&self, focused: bool) -> Style {
        let accent = if self.light() {
            Color::Blue
        } else {
            Color::Cyan
        };
        if focused {
            self.fg(Style::new(), accent).add_modifier(Modifier::BOLD)
        } else {
            self.fg(Style::new(), Color::DarkGray)
        }
    }

    /// A pane title.
    pub fn title(&self, focused: bool) -> Style {
        let accent = if self.light() {
            Color::Blue
        } else {
            Color::Cyan
        };
        let style = Style::new().add_modifier(Modifier::BOLD);
        if focused {
            self.fg(style, accent)
        } else {
            style
        }
    }

    /// Secondary text: headings in the notes list, hints.
    pub fn dim(&self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// The selected item of the notes list.
    pub fn selected_item(&self, focused: bool) -> Style {
        let bg = match (self.light(), focused) {
            (false, true) => 237,
            (false, false) => 235,
            (true, true) => 252,
            (true, false) => 254,
        };
        let style = self.bg(Style::new(), Color::Indexed(bg));
        if focused {
            style.add_modifier(Modifier::BOLD)
        } else {
            style
        }
    }

    /// A note's text in the notes list.
    pub fn note(&self) -> Style {
        Style::new().add_modifier(Modifier::ITALIC)
    }

    /// The mode badge of the status line.
    pub fn mode(&self) -> Style {
        let accent = if self.light() {
            Color::Blue
        } else {
            Color::Cyan
        };
        if self.colour {
            Style::new()
                .bg(accent)
                .fg(if self.light() {
                    Color::White
                } else {
                    Color::Black
                })
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// A warning (not saved, read-only, not found).
    pub fn warning(&self) -> Style {
        self.fg(Style::new(), Color::Red)
            .add_modifier(Modifier::BOLD)
    }

    /// The status line.
    pub fn status(&self) -> Style {
        let (bg, fg) = if self.light() { (254, 235) } else { (235, 252) };
        self.fg(
            self.bg(Style::new(), Color::Indexed(bg)),
            Color::Indexed(fg),
        )
    }

    /// A highlight that moved and waits for the reader's confirmation.
    pub fn moved(&self) -> Style {
        Style::new()
            .add_modifier(Modifier::UNDERLINED)
            .add_modifier(Modifier::ITALIC)
    }

    /// A search match.
    pub fn search_match(&self) -> Style {
        if self.colour {
            let (bg, fg) = if self.light() {
                (223, Color::Black)
            } else {
                (94, Color::White)
            };
            Style::new().bg(Color::Indexed(bg)).fg(fg)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
        }
    }

    /// The search match the caret is on.
    pub fn search_current(&self) -> Style {
        if self.colour {
            Style::new()
                .bg(Color::Indexed(208))
                .fg(Color::Black)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The colour of a link of this relation: its mark, its connector, its label.
    pub fn link(&self, relation: Relation) -> Style {
        let colour = match relation {
            Relation::Supports => Color::Green,
            Relation::Contradicts => Color::Red,
            Relation::Elaborates => Color::Blue,
            Relation::SamePoint => Color::Magenta,
            Relation::SeeAlso => Color::Yellow,
        };
        self.fg(Style::new(), colour).add_modifier(Modifier::BOLD)
    }

    /// A `#tag` in a note or in the list of tags.
    pub fn tag(&self) -> Style {
        let accent = if self.light() {
            Color::Blue
        } else {
            Color::Cyan
        };
        if self.colour {
            Style::new().fg(accent)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    /// The passage of the notes item selected, marked in its essay while the notes pane
    /// has the keys.
    pub fn preview(&self) -> Style {
        Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_colour_highlights_stay_visible_by_attribute() {
        let plain = Theme::new(Palette::Dark, true);
        let h = plain.highlight(Colour::Yellow);
        assert_eq!(h.bg, None);
        assert!(h.add_modifier.contains(Modifier::UNDERLINED));
        assert!(plain.selection().add_modifier.contains(Modifier::REVERSED));
        assert_eq!(plain.status().bg, None);
        let coloured = Theme::new(Palette::Light, false);
        assert_eq!(
            coloured.highlight(Colour::Green).bg,
            Some(Color::Indexed(157))
        );
    }

    #[test]
    fn the_gutter_marks_stand_out_on_either_ground() {
        let dark = Theme::new(Palette::Dark, false);
        let light = Theme::new(Palette::Light, false);
        for colour in [Colour::Yellow, Colour::Green, Colour::Blue] {
            // On the dark ground the pale shade; on the light paper the strong one.
            assert_eq!(dark.mark(colour).fg, Some(dark.highlight_bg(colour)));
            assert_eq!(light.mark(colour).fg, Some(light.strong(colour)));
        }
    }
}
