//! The view on screen (ratatui's TestBackend, the real app state and key table): the
//! scroll margin keeps the caret off the view's edges, `zz` `zt` `zb` put its line in the
//! middle, at the top, at the bottom, `Ctrl-e` `Ctrl-y` scroll with the caret staying.

mod common;

use common::screen::Screen;
use marginalia::action::{Action, ScrollTo};
use marginalia::session::{self};
use marginalia::ui;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};
use ratatui::style::Modifier;

/// An essay of many one-line paragraphs, written to a temporary directory.
fn essay(dir: &std::path::Path) -> std::path::PathBuf {
    let mut text = String::from("Tide Tables\n\nBy Ada Quill\n\n");
    for i in 0..80 {
        text.push_str(&format!("Line {i:02}: the tide turns.\n\n"));
    }
    let path = dir.join("tides.txt");
    std::fs::write(&path, text).expect("write the essay");
    path
}

impl Screen {
    /// The app on a fresh essay of many lines.
    fn tides(w: u16, h: u16) -> Screen {
        Screen::tides_in(tempfile::tempdir().expect("temp dir"), w, h)
    }

    /// The app on the essay written in `dir`, its annotations there too.
    fn tides_in(dir: tempfile::TempDir, w: u16, h: u16) -> Screen {
        let file = essay(dir.path());
        Screen::open_in(&file, w, h, dir)
    }

    /// The row of the caret (the reversed cell) in the left pane's text, and the text of
    /// that row.
    fn caret_row(&mut self) -> (u16, String) {
        let state = &self.state;
        self.terminal
            .draw(|frame| ui::draw(frame, state))
            .expect("draw");
        let buffer = self.terminal.backend().buffer();
        let area = self.state.screen().text_area(0);
        for y in area.top()..area.bottom() {
            for x in area.left()..area.right() {
                if buffer[(x, y)].modifier.contains(Modifier::REVERSED) {
                    let line: String = (area.left()..area.right())
                        .map(|x| buffer[(x, y)].symbol())
                        .collect();
                    return (y - area.top(), line.trim_end().to_string());
                }
            }
        }
        panic!("no caret on screen");
    }

    fn rows(&self) -> u16 {
        self.state.screen().text_area(0).height
    }
}

#[test]
fn the_caret_keeps_two_rows_from_the_edges_while_the_essay_goes_on() {
    for (w, h) in [(80, 24), (200, 50)] {
        let mut s = Screen::tides(w, h);
        let rows = s.rows();
        let mut deepest = 0;
        for _ in 0..120 {
            s.key(KeyCode::Char('j'), KeyModifiers::NONE);
            let (row, line) = s.caret_row();
            if !line.starts_with("Line 79") {
                deepest = deepest.max(row);
                assert!(
                    row + 3 <= rows,
                    "{w}x{h}: caret on row {row} of {rows}: {line}"
                );
            }
        }
        assert_eq!(
            deepest,
            rows - 3,
            "{w}x{h}: the view follows two rows early"
        );
        // At the end of the essay the caret goes down to the last line.
        assert!(s.caret_row().1.starts_with("Line 79"));
        let mut highest = rows;
        for _ in 0..120 {
            s.key(KeyCode::Char('k'), KeyModifiers::NONE);
            let (row, _) = s.caret_row();
            if s.state.panes()[0].top > 0 {
                assert!(row >= 2, "{w}x{h}: caret on row {row}");
                highest = highest.min(row);
            }
        }
        assert_eq!(highest, 2, "{w}x{h}: the view follows up two rows early");
    }
}

#[test]
fn zz_zt_zb_put_the_caret_line_in_the_middle_top_and_bottom() {
    let mut s = Screen::tides(80, 24);
    for _ in 0..30 {
        s.key(KeyCode::Char('j'), KeyModifiers::NONE);
    }
    let (_, line) = s.caret_row();
    let rows = s.rows();
    s.keys("zt");
    assert_eq!(s.caret_row(), (2, line.clone()), "zt");
    s.keys("zz");
    assert_eq!(s.caret_row(), ((rows - 1) / 2, line.clone()), "zz");
    s.keys("zb");
    assert_eq!(s.caret_row(), (rows - 3, line.clone()), "zb");
    // The same through the action itself.
    s.act(Action::Scroll(ScrollTo::Top));
    assert_eq!(s.caret_row(), (2, line.clone()), "Scroll(Top)");
}

#[test]
fn ctrl_e_and_ctrl_y_scroll_a_line_with_the_caret_staying() {
    let mut s = Screen::tides(80, 24);
    for _ in 0..30 {
        s.key(KeyCode::Char('j'), KeyModifiers::NONE);
    }
    let (row, line) = s.caret_row();
    s.key(KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(s.caret_row(), (row - 1, line.clone()), "Ctrl-e");
    s.key(KeyCode::Char('e'), KeyModifiers::CONTROL);
    assert_eq!(s.caret_row(), (row - 2, line.clone()), "Ctrl-e again");
    s.key(KeyCode::Char('y'), KeyModifiers::CONTROL);
    assert_eq!(s.caret_row(), (row - 1, line.clone()), "Ctrl-y");
    // Far enough, the caret moves to stay two rows off the top.
    for _ in 0..40 {
        s.key(KeyCode::Char('e'), KeyModifiers::CONTROL);
        assert!(s.caret_row().0 >= 2);
    }
    // Two rows off the top, or three when the second is the blank between paragraphs.
    assert!((2..=3).contains(&s.caret_row().0));
}

#[test]
fn marks_come_back_after_reopening() {
    let mut s = Screen::tides(80, 24);
    s.keys("}}}}ma");
    let at_a = s.caret_row().1;
    s.keys("}}mz");
    let at_z = s.caret_row().1;
    assert_ne!(at_a, at_z);
    session::save_positions(&s.state);
    let Screen { state, dir, .. } = s;
    drop(state);
    let mut s = Screen::tides_in(dir, 80, 24);
    s.keys("G'a");
    assert_eq!(s.state.message(), None);
    assert_eq!(s.caret_row().1, at_a);
    s.keys("'z");
    assert_eq!(s.caret_row().1, at_z);
}
