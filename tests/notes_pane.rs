//! The notes pane on screen (TestBackend + insta): notes as written (line breaks, `#tags`
//! styled), the selected item opened up, the legend of colours, the colour picker and the
//! list of tags, at 80x24 and 200x50.

mod common;

use common::screen::{Screen, fixture};
use marginalia::annotation::Colour;
use marginalia::settings::Settings;
use marginalia::settings::colours::ColourNames;
use marginalia::state::SetUp;
use ratatui::style::{Color, Modifier};

impl Screen {
    /// The app on the two-essay fixture.
    fn two(w: u16, h: u16) -> Screen {
        Screen::open(&fixture("screen-two.txt"), w, h)
    }

    /// With the reader's names for some colours.
    fn named(mut self) -> Screen {
        let colours = ColourNames::new([
            (Colour::Yellow, "claim"),
            (Colour::Green, "evidence"),
            (Colour::Pink, "objection"),
        ])
        .expect("valid names");
        self.state.set_up(SetUp {
            settings: Settings {
                colours,
                ..Settings::default()
            },
            ..SetUp::default()
        });
        self
    }

    /// The notes pane's rows, as text.
    fn notes(&mut self) -> Vec<String> {
        let area = self.state.screen().notes.expect("a notes pane");
        let text = self.text();
        text.lines()
            .skip(usize::from(area.y))
            .take(usize::from(area.height))
            .map(|l| l.chars().skip(usize::from(area.x)).collect::<String>())
            .collect()
    }

    /// The cells of the notes pane showing `needle`, first found.
    fn cells_of(&mut self, needle: &str) -> Vec<ratatui::buffer::Cell> {
        let buffer = self.draw();
        let area = self.state.screen().notes.expect("a notes pane");
        for y in area.top()..area.bottom() {
            let xs: Vec<u16> = (area.left()..area.right())
                .filter(|&x| !buffer[(x, y)].symbol().is_empty())
                .collect();
            let line: String = xs.iter().map(|&x| buffer[(x, y)].symbol()).collect();
            if let Some(byte) = line.find(needle) {
                let start = line[..byte].chars().count();
                return xs[start..start + needle.chars().count()]
                    .iter()
                    .map(|&x| buffer[(x, y)].clone())
                    .collect();
            }
        }
        panic!("{needle:?} not in the notes pane:\n{}", self.text());
    }
}

/// A note of eight lines, with tags, on the standfirst; a short note on the next passage.
const LONG_NOTE: &str = "}}}s<Enter>a\
    first line #framing<Enter>second line<Enter><Enter>fourth after a blank<Enter>\
    fifth<Enter>sixth #salt-marsh<Enter>seventh<Enter>eighth and last<Esc>\
    }s<Enter>aa short one<Esc>";

#[test]
fn a_note_keeps_its_line_breaks_and_its_tags_stand_out_at_200x50() {
    let mut s = Screen::two(200, 50);
    s.keys(LONG_NOTE).keys("<Tab><Tab>");
    let text = s.text();
    insta::assert_snapshot!("notes_pane_200x50", text);
    let notes = s.notes();
    // Each line of the note on a line of its own, the blank one kept, all eight shown
    // for the selected item.
    let at = |needle: &str| {
        notes
            .iter()
            .position(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} not shown:\n{}", notes.join("\n")))
    };
    assert_eq!(at("second line"), at("first line #framing") + 1);
    assert_eq!(at("fourth after a blank"), at("second line") + 2);
    assert_eq!(at("eighth and last"), at("first line") + 7);
    let tag = s.cells_of("#framing");
    assert!(tag.iter().all(|c| c.fg == Color::Cyan), "{tag:?}");
    let word = s.cells_of("first line");
    assert!(word.iter().all(|c| c.fg != Color::Cyan));
    assert!(
        s.cells_of("#salt-marsh")
            .iter()
            .all(|c| c.fg == Color::Cyan)
    );
}

#[test]
fn only_the_selected_item_opens_up() {
    let mut s = Screen::two(200, 50);
    s.keys(LONG_NOTE).keys("<Tab><Tab>j");
    let notes = s.notes().join("\n");
    // Not selected: four lines, the last cut with an ellipsis.
    assert!(notes.contains("fourth after a blank…"), "{notes}");
    assert!(!notes.contains("fifth"), "{notes}");
    s.keys("k");
    assert!(s.notes().join("\n").contains("eighth and last"));
}

#[test]
fn the_notes_pane_at_80x24_keeps_line_breaks_and_drops_the_legend() {
    let mut s = Screen::two(80, 24);
    s.keys(LONG_NOTE).keys("<Tab><Tab>");
    let text = s.text();
    insta::assert_snapshot!("notes_pane_80x24", text);
    let notes = s.notes().join("\n");
    assert!(notes.contains("  first line #framing"), "{notes}");
    assert!(notes.contains("  second line"), "{notes}");
    assert!(
        !notes.contains("▌yellow"),
        "no room for the legend:\n{notes}"
    );
}

#[test]
fn the_legend_names_the_colours_by_the_readers_names() {
    let mut s = Screen::two(200, 50).named();
    s.keys("}}}s<Enter>");
    let notes = s.notes();
    let legend = &notes[notes.len() - 2];
    assert!(
        legend.contains("▌claim ▌evidence ▌blue ▌objection ▌purple"),
        "{legend}"
    );
    // Unnamed: the colours' own names.
    let mut s = Screen::two(200, 50);
    s.keys("}}}s<Enter>");
    let notes = s.notes();
    assert!(notes[notes.len() - 2].contains("▌yellow ▌green ▌blue ▌pink"));
}

#[test]
fn c_shows_the_colour_picker_with_the_names_and_a_digit_gives_one() {
    let mut s = Screen::two(80, 24).named();
    s.keys("}}}s<Enter>c");
    let text = s.text();
    insta::assert_snapshot!("colour_picker_80x24", text);
    assert!(text.contains("claim (yellow)"));
    assert!(text.contains("3 ▌ blue"));
    s.keys("4");
    let text = s.text();
    assert!(!text.contains("claim (yellow)"), "the picker closed");
    assert!(text.contains("colour: objection (pink)"), "{text}");
}

#[test]
fn t_shows_the_tags_with_their_counts() {
    let mut s = Screen::two(200, 50);
    s.keys(LONG_NOTE)
        .keys("}s<Enter>a#salt-marsh too<Esc><Tab><Tab>t");
    let text = s.text();
    insta::assert_snapshot!("tag_list_200x50", text);
    assert!(text.contains("#framing"));
    let line = text
        .lines()
        .find(|l| l.contains("#salt-marsh") && l.contains(" 2"))
        .unwrap_or_else(|| panic!("a count of 2:\n{text}"));
    assert!(line.contains('2'));
    s.keys("j<Enter>");
    let text = s.text();
    assert!(
        text.contains("Notes (2 of 3) · filter: #salt-marsh"),
        "{text}"
    );
}

#[test]
fn moving_in_the_notes_marks_the_passage_in_the_essay() {
    let mut s = Screen::two(200, 50);
    s.keys(LONG_NOTE).keys("gg<Tab><Tab>j");
    let buffer = s.draw();
    let area = s.state.screen().pane_area(0);
    let row = (area.top()..area.bottom())
        .find(|&y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .contains("A tidal garden")
        })
        .expect("the passage is on screen");
    let x = (area.left()..area.right())
        .find(|&x| buffer[(x, row)].symbol() == "A")
        .expect("its first letter");
    assert!(
        buffer[(x + 2, row)].modifier.contains(Modifier::UNDERLINED),
        "the previewed passage is marked"
    );
    // The keys stayed in the notes.
    assert!(s.text().contains("Notes (2)"));
    assert_eq!(s.state.focus(), marginalia::state::Focus::Notes);
}

#[test]
fn the_picker_and_the_tag_list_at_the_other_size() {
    let mut s = Screen::two(200, 50).named();
    s.keys("}}}s<Enter>c");
    insta::assert_snapshot!("colour_picker_200x50", s.text());
    let mut s = Screen::two(80, 24);
    s.keys(LONG_NOTE).keys("<Tab><Tab>t");
    let text = s.text();
    insta::assert_snapshot!("tag_list_80x24", text);
    assert!(text.contains("#salt-marsh"), "{text}");
}
