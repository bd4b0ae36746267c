//! The hint line in each context and the help (paging, its ends, its width, its search),
//! drawn on ratatui's TestBackend from the real app state; and both with the reader's keys.

use std::path::Path;

mod common;

use common::screen::{Screen, fixture};
use marginalia::keymap::{self, Keymap};
use marginalia::state::SetUp;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

impl Screen {
    /// The app on the two-essay fixture with `keymap` in force.
    fn with_keys(w: u16, h: u16, keymap: Keymap) -> Screen {
        let mut screen = Screen::open(&fixture("screen-two.txt"), w, h);
        screen.set_up(SetUp {
            keymap,
            ..SetUp::default()
        });
        screen
    }

    /// The bottom two lines: the hints (on a screen of 20 rows or more) and the status.
    fn status(&mut self) -> String {
        let text = self.text();
        let lines: Vec<&str> = text.lines().collect();
        lines[lines.len().saturating_sub(2)..].join("\n")
    }
}

#[test]
fn the_hint_line_shows_the_keys_of_each_context_at_80x24() {
    let mut s = Screen::with_keys(80, 24, Keymap::default());
    let mut shown = Vec::new();
    let mut take = |name: &str, s: &mut Screen| shown.push(format!("{name:>10}: {}", s.status()));
    take("essay", &mut s);
    s.keys("v");
    take("selection", &mut s);
    s.keys("<Esc><Tab><Tab>");
    take("notes", &mut s);
    s.keys("/");
    take("filter", &mut s);
    s.keys("<Esc><Tab>");
    s.keys("/");
    take("search", &mut s);
    s.keys("<Esc>sa");
    take("editor", &mut s);
    s.keys("<Esc>");
    s.keys("}}}}}}))l");
    take("link", &mut s);
    s.keys("}}}}l");
    take("picker", &mut s);
    s.keys("<Esc>P");
    take("pairs", &mut s);
    s.keys("<Esc>A");
    take("alignment", &mut s);
    s.keys("<Esc>?");
    take("help", &mut s);
    s.keys("/");
    take("help find", &mut s);
    insta::assert_snapshot!("hint_lines_80x24", shown.join("\n"));
}

#[test]
fn a_message_takes_the_place_of_the_hints_until_the_next_key() {
    // On a short screen the hints share the status line: a message takes their place.
    let mut s = Screen::with_keys(80, 16, Keymap::default());
    s.keys("W");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("W is not a key here"), "{status}");
    assert!(!status.contains("help"), "{status}");
    s.keys("j");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("? help"), "{status}");
    // With a line of their own, the hints stay while the message shows.
    let mut s = Screen::with_keys(80, 24, Keymap::default());
    s.keys("W");
    let bottom = s.status();
    assert!(
        bottom.ends_with("W is not a key here (?: the keys)"),
        "{bottom}"
    );
    assert!(bottom.contains("Enter highlight"), "{bottom}");
}

#[test]
fn the_hints_the_help_and_the_popups_show_the_readers_keys() {
    let map = keymap::file::parse(
        "[essay]\nhighlight = \"h\"\n[anywhere]\nhelp = \"F1\"\n[editor]\nclose = [\"Ctrl-s\", \"Ctrl-q\"]\n",
        Path::new("keys.toml"),
    )
    .expect("loads");
    let mut s = Screen::with_keys(120, 30, map);
    let status = s.status();
    assert!(status.contains("h highlight"), "{status}");
    assert!(status.contains("F1 help"), "{status}");
    assert!(!status.contains("Enter highlight"), "{status}");
    s.keys("sa");
    assert!(
        s.text().contains("Ctrl-s or Ctrl-q: keep the note"),
        "{}",
        s.text()
    );
    s.keys("<C-s><Esc>W");
    assert!(s.status().contains("(F1: the keys)"), "{}", s.status());
    s.event(Event::Key(KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE)));
    s.keys("/highlight the<Enter>");
    let help = s.text();
    let line = help
        .lines()
        .find(|l| l.contains("highlight the selection or sentence"))
        .unwrap_or_else(|| panic!("{help}"));
    assert!(line.contains("┃  h   "), "{line}");
}

#[test]
fn help_at_80x24_is_the_screens_width_and_wraps_long_hints() {
    let mut s = Screen::with_keys(80, 24, Keymap::default());
    s.keys("?");
    let top = s.text();
    insta::assert_snapshot!("help_80x24_top", top);
    // The two hints cut at 72 columns before are whole, wrapped.
    s.keys("G");
    let mut seen = top.clone();
    s.keys("g");
    for _ in 0..20 {
        s.keys(" ");
        seen.push_str(&s.text());
    }
    // Each on its own line, wrapped between words: the borders still close every line.
    let words: String = seen
        .lines()
        .filter_map(|l| l.strip_prefix('┃')?.strip_suffix('┃'))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(words.contains("(again: its partner)"), "link hint whole");
    assert!(words.contains("(again: next)"), "parallel hint whole");
    for line in seen.lines().filter(|l| l.starts_with('┃')) {
        assert!(line.ends_with('┃'), "{line}");
    }
}

#[test]
fn help_pages_and_stops_at_its_ends() {
    let mut s = Screen::with_keys(80, 24, Keymap::default());
    s.keys("?");
    let first = s.text();
    s.keys("<PgDn>");
    let second = s.text();
    assert_ne!(first, second);
    s.keys("b");
    assert_eq!(s.text(), first);
    s.keys("G");
    let end = s.text();
    insta::assert_snapshot!("help_80x24_end", end);
    s.keys("<C-d> j");
    assert_eq!(s.text(), end, "nothing past the end");
    // Up from the end moves at once.
    s.keys("k");
    assert_ne!(s.text(), end);
    s.keys("<C-u>k<PgUp>g");
    assert_eq!(s.text(), first);
    s.keys("k");
    assert_eq!(s.text(), first, "nothing before the top");
}

#[test]
fn help_at_200x50_shows_every_hint_on_one_line() {
    let mut s = Screen::with_keys(200, 50, Keymap::default());
    s.keys("?");
    let text = s.text();
    insta::assert_snapshot!("help_200x50", text);
    assert!(text.contains("link to a passage of the other essay (again: its partner)"));
}

#[test]
fn help_search_jumps_and_n_goes_on() {
    let mut s = Screen::with_keys(80, 24, Keymap::default());
    s.keys("?/relation");
    let typing = s.text();
    assert!(typing.contains("/relation"), "{typing}");
    insta::assert_snapshot!("help_search_80x24", typing);
    s.keys("<Enter>n");
    assert!(s.text().contains("/relation"));
    s.keys("<Esc>");
    let text = s.text();
    assert!(
        !text.contains("/relation") && text.contains("Keys"),
        "search left, help open"
    );
    s.keys("<Esc>");
    assert!(!s.text().contains(" Keys "), "help closed");
}
