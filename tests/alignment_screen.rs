//! Whole-screen tests of the alignment view (issue 12): the two essays paragraph by
//! paragraph at 200x50 and 120x40, its connectors in the pairs' colours, and what it says
//! on screens too small for it.

mod common;

use common::screen::{Screen, fixture};

fn opened(w: u16, h: u16) -> Screen {
    let mut s = Screen::open(&fixture("reordered.txt"), w, h);
    s.keys("A");
    s
}

#[test]
fn alignment_view_200x50() {
    let mut s = opened(200, 50);
    insta::assert_snapshot!("alignment_200x50", s.text());
}

#[test]
fn alignment_view_120x40_after_a_step() {
    let mut s = opened(120, 40);
    s.keys("]p");
    insta::assert_snapshot!("alignment_120x40_second_pair", s.text());
}

#[test]
fn connectors_take_the_pairs_colours() {
    let mut s = opened(120, 40);
    let text = s.text();
    let buffer = s.draw();
    // The connectors of the first two pairs (a moved pair, then one in order) on their rows.
    let at = |needle: &str| {
        text.lines()
            .enumerate()
            .find_map(|(y, line)| {
                line.find(needle)
                    .map(|b| (line[..b].chars().count() as u16, y as u16))
            })
            .unwrap_or_else(|| panic!("{needle} not on screen:\n{text}"))
    };
    let (x1, y1) = at("─↕─");
    let (x2, y2) = at("━●━");
    let first = buffer[(x1 + 1, y1)].fg;
    let second = buffer[(x2 + 1, y2)].fg;
    assert_ne!(first, second, "each pair its own colour");
    // The right paragraph's label takes its pair's colour.
    let (lx, ly) = at("¶4↕");
    assert_eq!(buffer[(lx, ly)].fg, first);
}

#[test]
fn small_screens_say_so_and_do_not_panic() {
    for (w, h) in [(80, 24), (40, 10), (30, 8)] {
        let mut s = opened(w, h);
        s.keys("]pj]p[pk");
        let text = s.text();
        assert!(!text.is_empty());
        match (w, h) {
            (30, 8) => assert!(text.contains("Terminal too small"), "{text}"),
            _ => assert!(
                text.contains("Alignment: 3 pairs") && text.contains("¶"),
                "{text}"
            ),
        }
    }
}

#[test]
fn enter_opens_both_at_the_row_and_esc_closes() {
    let mut s = opened(120, 40);
    s.keys("<Enter>");
    let text = s.text();
    assert!(!text.contains("Alignment:"), "{text}");
    assert!(text.contains("The old harbour silted"), "{text}");
    assert!(text.contains("When the river changed"), "{text}");
    let mut s = opened(120, 40);
    s.keys("<Esc>");
    assert!(!s.text().contains("Alignment:"));
    let mut s = opened(120, 40);
    s.keys("q");
    assert!(!s.text().contains("Alignment:"));
}
