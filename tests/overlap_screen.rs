//! Whole-screen tests of issue 11's overlaps and glitches on ratatui's TestBackend:
//! overlapping highlights both visible, the list `x` opens there, the question before
//! deleting, and crossing links joined in the gutter.

mod common;

use common::screen::Screen;
use marginalia::app;
use marginalia::settings::Settings;
use marginalia::settings::theme::{Palette, Theme};
use marginalia::state::SetUp;
use ratatui::style::Modifier;

/// Two essays of one-line paragraphs, our own prose.
fn essays() -> String {
    let mut text = String::from("Stone Walls\n\nBy Ada Crane\n\n");
    for i in 0..8 {
        text.push_str(&format!("Wall {i} was built of field stone.\n\n"));
    }
    text.push_str("\nOld Fields\n\nBy Otto Vale\n\n");
    for i in 0..8 {
        text.push_str(&format!("Field {i} lay fallow for a year.\n\n"));
    }
    text
}

impl Screen {
    /// The app on the two essays of walls and fields, in `theme`.
    fn walls(w: u16, h: u16, theme: Theme) -> Screen {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("walls.txt");
        std::fs::write(&file, essays()).expect("write fixture");
        let mut screen = Screen::open_in(&file, w, h, dir);
        screen.set_up(SetUp {
            essay_files: vec![file],
            settings: Settings::default(),
            settings_path: None,
            theme,
            keymap: Default::default(),
        });
        screen
    }

    /// The first cell of the left pane showing `needle`.
    fn cell_of(&mut self, needle: &str) -> (u16, u16) {
        let buffer = self.draw();
        let area = self.state.screen().pane_area(0);
        for y in area.top()..area.bottom() {
            let line: String = (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect();
            if let Some(byte) = line.find(needle) {
                return (area.left() + line[..byte].chars().count() as u16, y);
            }
        }
        panic!("{needle:?} not on screen:\n{}", self.text());
    }
}

/// From the title, highlights the first sentence ("Wall 0 was built of field stone.") and, inside it,
/// "was built" in the next colour.
fn nested(s: &mut Screen) {
    s.keys("}}s<Enter>{").keys("wwvwe<Enter>c2");
}

#[test]
fn overlapping_highlights_show_both_colours() {
    let theme = Theme::new(Palette::Dark, false);
    let mut s = Screen::walls(80, 24, theme);
    nested(&mut s);
    assert_eq!(s.state.sources()[0].items.len(), 2);
    let buffer = s.draw();
    let inner = s.cell_of("was built");
    let outer = s.cell_of("Wall 0");
    let (colours, inner_colour) = {
        let items = &s.state.sources()[0].items;
        let by_len = |i: usize| items[i].placement.range().map_or(0, |r| r.len());
        let (short, long) = if by_len(0) < by_len(1) {
            (0, 1)
        } else {
            (1, 0)
        };
        (
            (
                items[short].annotation.colour,
                items[long].annotation.colour,
            ),
            items[short].annotation.colour,
        )
    };
    assert_ne!(colours.0, colours.1, "two colours");
    let cell = &buffer[inner];
    // The inner highlight's background, underlined in the outer one's colour.
    assert_eq!(cell.bg, theme.highlight_bg(inner_colour));
    assert!(cell.modifier.contains(Modifier::UNDERLINED));
    assert_eq!(cell.underline_color, theme.strong(colours.1));
    // Outside the overlap: the outer highlight alone, no underline.
    let cell = &buffer[(outer.0 + 1, outer.1)];
    assert_eq!(cell.bg, theme.highlight_bg(colours.1));
    assert!(!cell.modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn without_colour_an_overlap_is_bold_and_underlined_and_a_single_one_underlined() {
    let mut s = Screen::walls(80, 24, Theme::new(Palette::Dark, true));
    nested(&mut s);
    let buffer = s.draw();
    let inner = buffer[s.cell_of("was built")].modifier;
    assert!(
        inner.contains(Modifier::UNDERLINED | Modifier::BOLD),
        "{inner:?}"
    );
    let outer = s.cell_of("Wall 0");
    let single = buffer[(outer.0 + 1, outer.1)].modifier;
    assert!(single.contains(Modifier::UNDERLINED), "{single:?}");
    assert!(!single.contains(Modifier::BOLD), "{single:?}");
}

#[test]
fn x_in_an_overlap_lists_the_highlights_and_a_note_is_asked_about() {
    let mut s = Screen::walls(80, 24, Theme::new(Palette::Dark, false));
    nested(&mut s);
    s.keys("x");
    insta::assert_snapshot!("overlap_which_one", s.text());
    s.keys("2");
    assert_eq!(s.state.sources()[0].items.len(), 1);
    // A note on the one left: x asks first.
    s.keys("akept<Esc>x");
    insta::assert_snapshot!("delete_with_a_note_asks", s.text());
    s.keys("n");
    assert_eq!(s.state.sources()[0].items.len(), 1);
    s.keys("xy");
    assert!(s.state.sources()[0].items.is_empty());
}

#[test]
fn crossing_links_are_joined_in_the_gutter_not_drawn_over() {
    let mut s = Screen::walls(80, 25, Theme::new(Palette::Dark, false));
    // Wall 1 to Field 5, then Wall 3 to Field 2: the second lies inside the first.
    s.keys("}}}l}}}}}}}l1<Esc>");
    s.keys("<S-Tab>}}l{{{l2<Esc>");
    assert_eq!(s.state.sources()[0].links.len(), 2, "{}", s.text());
    // The right essay with both links in view (the scroll margin keeps two lines below
    // the caret on its way to Field 5): two lines up, the caret staying. (25 rows: the hint
    // line takes one.)
    for _ in 0..2 {
        let up = marginalia::action::Action::Scroll(marginalia::action::ScrollTo::LineUp);
        app::step(&mut s.state, up);
    }
    let text = s.text();
    insta::assert_snapshot!("crossing_links_in_the_gutter", text);
    let gutter = s.state.screen().link_gutter.expect("two panes");
    let buffer = s.draw();
    let drawn: String = (gutter.top()..gutter.bottom())
        .map(|y| buffer[(gutter.x, y)].symbol().to_string())
        .collect();
    assert!(drawn.contains('┤') && drawn.contains('├'), "{drawn:?}");
    // Both outer corners are still there.
    assert!(drawn.contains('┐') && drawn.contains('└'), "{drawn:?}");
}

#[test]
fn the_list_and_the_question_fit_a_small_screen() {
    for (w, h) in [(40, 10), (200, 50)] {
        let mut s = Screen::walls(w, h, Theme::new(Palette::Light, false));
        nested(&mut s);
        s.keys("xj");
        let text = s.text();
        assert!(text.contains("▶ 2"), "{w}x{h}:\n{text}");
        // A note on the inner one: chosen, it is asked about.
        s.keys("<Esc>akept<Esc>x1");
        let text = s.text();
        assert!(text.contains("Delete?"), "{w}x{h}:\n{text}");
        s.keys("<Esc>");
        assert_eq!(s.state.sources()[0].items.len(), 2);
    }
}
