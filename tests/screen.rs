//! Whole-screen tests: the real app state on ratatui's TestBackend, driven by key scripts.

mod common;

use std::path::{Path, PathBuf};

use common::screen::{Screen, fixture, mouse};
use marginalia::app;
use marginalia::session::{self, Origin};
use marginalia::state::SourceId;
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use ratatui::style::Color;

impl Screen {
    /// Background colours of the cells showing `needle` in the left essay pane.
    fn backgrounds_of(&mut self, needle: &str) -> Vec<Color> {
        let buffer = self.draw().clone();
        let area = self.state.screen().pane_area(0);
        for y in area.top()..area.bottom() {
            let cells: Vec<u16> = (area.left()..area.right())
                .filter(|&x| !buffer[(x, y)].symbol().is_empty())
                .collect();
            let line: String = cells.iter().map(|&x| buffer[(x, y)].symbol()).collect();
            if let Some(byte) = line.find(needle) {
                let start = line[..byte].chars().count();
                return cells[start..start + needle.chars().count()]
                    .iter()
                    .map(|&x| buffer[(x, y)].bg)
                    .collect();
            }
        }
        panic!("{needle:?} not on screen:\n{}", self.text());
    }
}

#[test]
fn side_by_side_at_200x50() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 200, 50);
    let text = s.text();
    insta::assert_snapshot!("side_by_side_200x50", text);
    assert!(text.contains("On Tidal Gardens"));
    assert!(text.contains("Against the Quick Harvest"));
    assert!(text.contains("Notes (0)"));
}

#[test]
fn narrow_screen_puts_notes_below() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 90, 30);
    insta::assert_snapshot!("narrow_90x30", s.text());
}

#[test]
fn highlight_and_note_show_in_text_and_notes_pane() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 200, 50);
    // To the standfirst, select its sentence, highlight it; then a note on the next.
    s.keys("}}}s<Enter>").keys("}a").keys("tides teach<Esc>");
    let text = s.text();
    insta::assert_snapshot!("highlight_and_note", text);
    assert!(text.contains("Notes (2)"));
    assert!(text.contains("tides teach"));
    assert!(text.contains("✎"), "a noted passage carries a mark");
    let yellow = s
        .state
        .theme()
        .highlight_bg(marginalia::annotation::Colour::Yellow);
    let bgs = s.backgrounds_of("Gardens near the sea keep");
    assert!(
        bgs.iter().all(|c| *c == yellow),
        "highlighted text is yellow: {bgs:?}"
    );
    // Unhighlighted text keeps the default background.
    let plain = s.backgrounds_of("Ada Quill");
    assert!(plain.iter().all(|c| *c == Color::Reset));
}

#[test]
fn colour_change_and_undo_show_on_screen() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 200, 50);
    s.keys("}}}s<Enter>").keys("c2");
    let green = s
        .state
        .theme()
        .highlight_bg(marginalia::annotation::Colour::Green);
    assert!(s.backgrounds_of("Gardens near").iter().all(|c| *c == green));
    s.keys("u");
    let yellow = s
        .state
        .theme()
        .highlight_bg(marginalia::annotation::Colour::Yellow);
    assert!(
        s.backgrounds_of("Gardens near")
            .iter()
            .all(|c| *c == yellow)
    );
    s.keys("x");
    assert!(s.text().contains("Notes (0)"));
    s.keys("u");
    assert!(s.text().contains("Notes (1)"));
}

#[test]
fn notes_pane_enter_jumps_to_the_passage() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 30);
    // Highlight the last paragraph of the first essay, go back to the top.
    s.keys("}}}}}}s<Enter>g");
    s.keys("<Tab><Tab>");
    s.keys("<Enter>");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("READ"), "{status}");
    assert!(
        s.state.panes()[0].caret > 0,
        "the caret moved to the passage"
    );
}

#[test]
fn help_is_generated_from_the_key_table() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 40);
    s.keys("?");
    let text = s.text();
    assert!(text.contains("Keys"));
    assert!(text.contains("highlight the selection or sentence"));
    s.keys("<Esc>");
    assert!(!s.text().contains("highlight the selection or sentence"));
}

#[test]
fn too_small_says_so_and_recovers() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 30, 8);
    s.terminal.backend_mut().resize(30, 8);
    assert!(s.text().contains("too small"));
    s.terminal.backend_mut().resize(100, 30);
    s.event(Event::Resize(100, 30));
    let text = s.text();
    assert!(text.contains("On Tidal Gardens"));
}

#[test]
fn annotations_come_back_after_reopening() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 200, 50);
    s.keys("}}}s<Enter>}a").keys("kept note<Esc>");
    let dir = s.close();
    let s2 = Screen::open_in(&fixture("screen-two.txt"), 200, 50, dir);
    let mut s2 = s2;
    let text = s2.text();
    assert!(text.contains("Notes (2)"));
    assert!(text.contains("kept note"));
}

#[test]
fn tags_from_the_note_and_the_notes_filter() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 45);
    s.keys("}}}a").keys("salt and time #sea #time<Esc>");
    s.keys("}a").keys("walls #land<Esc>");
    assert_eq!(
        s.state.sources()[0].items[0].annotation.tags,
        ["sea", "time"]
    );
    s.keys("<Tab><Tab>/#land<Enter>");
    let text = s.text();
    assert!(text.contains("Notes (1 of 2) · filter: #land"), "{text}");
    assert!(text.contains("walls #land"));
    assert!(!text.contains("salt and time"));
    s.keys("<Esc>");
    assert!(s.text().contains("Notes (2)"));
}

#[test]
fn review_lists_moved_and_lost_annotations_and_accepts() {
    let dir = tempfile::tempdir().expect("temp dir");
    let essay = dir.path().join("garden.txt");
    let original = std::fs::read_to_string(fixture("screen-two.txt")).expect("fixture");
    std::fs::write(&essay, &original).expect("write");
    let mut s = Screen::open_in(&essay, 160, 45, dir);
    // Highlight the standfirst and the first sentence of the next paragraph.
    s.keys("}}}s<Enter>}s<Enter>");
    let dir = s.close();
    // Edit a word inside the second highlight and delete the first one's sentence.
    let edited = original
        .replace("Gardens near the sea keep a different clock.\n\n", "")
        .replace("where salt water arrives", "where salt water returns");
    std::fs::write(&essay, edited).expect("edit");
    let mut s = Screen::open_in(&essay, 160, 45, dir);
    let text = s.text();
    assert!(text.contains("moved or not found"), "{text}");
    s.keys("R");
    let text = s.text();
    assert!(text.contains("filter: is:review"), "{text}");
    assert!(text.contains("not found in the text"), "{text}");
    assert!(text.contains("moved? A accept"), "{text}");
    insta::assert_snapshot!("review", text);
    // Accept the moved one: it leaves the review list, anchored at the new text.
    let moved = s.state.note_items().iter().position(|it| {
        s.state.note_index(it).is_some_and(|i| {
            matches!(
                s.state.sources()[0].items[i].placement,
                marginalia::anchor::Placement::Moved(_)
            )
        })
    });
    let moved = moved.expect("one moved item");
    for _ in 0..moved {
        s.keys("j");
    }
    s.keys("A");
    let text = s.text();
    assert!(text.contains("Notes (1 of 2)"), "{text}");
    let on_disk = std::fs::read_to_string(&s.state.sources()[0].path).expect("saved");
    assert!(on_disk.contains("salt water returns"));
    // The lost one is deleted from the review: nothing is left to review, and the filter
    // there was before review (none) comes back.
    s.keys("x");
    let text = s.text();
    assert!(text.contains("Notes (1)"), "{text}");
    assert!(text.contains("nothing left to review"), "{text}");
}

#[test]
fn search_as_you_type_with_match_count() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 45);
    s.keys("/patience");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("SEARCH"), "{status}");
    assert!(status.contains("match 1 of 2"), "{status}");
    s.keys("<Enter>n");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("match 2 of 2"), "{status}");
    // Smart case: "Patience" with a capital matches only the second one.
    s.keys("/Patience<Enter>");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("match 1 of 1"), "{status}");
    let current = s.state.theme().search_current().bg.expect("a background");
    assert!(s.backgrounds_of("Patience").iter().all(|c| *c == current));
    // Esc while typing goes back to where the search started.
    let caret = s.state.panes()[0].caret;
    s.keys("/growers<Esc>");
    assert_eq!(s.state.panes()[0].caret, caret);
}

#[test]
fn locked_scrolling_keeps_the_other_essay_moving() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 20);
    s.keys("S");
    assert!(
        s.text()
            .lines()
            .last()
            .unwrap_or_default()
            .contains("locked")
    );
    s.keys("G");
    // The right essay follows the alignment view's pairs: the paragraph set against the
    // one at the top of the left, else (no partner) proportionally to its end.
    let top_block = |s: &Screen, p: usize| {
        let flow = s.state.flow(p);
        marginalia::state::top_pos(&flow, s.state.panes()[p].top).block
    };
    let left_top = top_block(&s, 0);
    s.keys("A");
    let partner = s
        .state
        .alignment_view()
        .and_then(|v| v.alignment.clone())
        .and_then(|a| a.partner_of_left(left_top));
    s.keys("<Esc>");
    let right = &s.state.panes()[1];
    let essay = &s.state.docs()[right.essay].essay;
    match partner {
        Some(block) => assert_eq!(top_block(&s, 1), block, "the right shows the partner"),
        None => assert!(
            right.caret * 100 / essay.len > 80,
            "the right essay followed to its end"
        ),
    }
    s.keys("S<Tab>g");
    assert!(
        s.state.panes()[0].caret > 0,
        "unlocked, the left pane stays"
    );
}

#[test]
fn a_link_between_the_essays_is_drawn_listed_followed_and_removed() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 200, 40);
    // Left: the last paragraph's second sentence. Right: its third paragraph.
    s.keys("}}}}}}))l");
    assert_eq!(s.state.focus(), marginalia::state::Focus::Pane(1));
    s.keys("}}}}l");
    assert!(
        s.text().contains("The second passage"),
        "the relation picker is open"
    );
    s.keys("4").keys("both say it #tool<Esc>");
    let text = s.text();
    insta::assert_snapshot!("link_across_the_gutter", text);
    assert!(text.contains("⇄ same point"));
    assert!(text.contains("both say it"));
    // The connector: a corner or a line in the gutter column.
    let gutter = s.state.screen().link_gutter.expect("two panes");
    let buffer = s.draw().clone();
    let drawn: String = (gutter.top()..gutter.bottom())
        .map(|y| buffer[(gutter.x, y)].symbol().to_string())
        .collect();
    assert!(
        drawn.contains('┐') || drawn.contains('┘') || drawn.contains('─'),
        "{drawn:?}"
    );
    let file = &s.state.sources()[0];
    assert_eq!(file.links.len(), 1);
    assert_eq!(file.items.len(), 2, "both ends became highlights");
    // Follow from the left end: the right pane marks the partner.
    // The right pane's caret to its start, as a click there puts it.
    let to_start = marginalia::action::Mouse::PressPane {
        pane: 1,
        at: Some(0),
    };
    marginalia::app::step(&mut s.state, marginalia::action::Action::Mouse(to_start));
    s.keys("<Tab><Tab>f");
    let right = &s.state.panes()[1];
    let partner = s.state.sources()[0].items[1]
        .placement
        .range()
        .expect("placed");
    assert_eq!(
        right.anchor,
        Some(partner.start()),
        "the partner is selected"
    );
    // Remove the link from the notes pane, and undo.
    s.keys("<Tab><Tab>");
    assert_eq!(s.state.focus(), marginalia::state::Focus::Notes);
    s.keys("jjx");
    assert!(s.state.sources()[0].links.is_empty(), "{}", s.text());
    s.keys("u");
    assert_eq!(s.state.sources()[0].links.len(), 1);
    let on_disk = std::fs::read_to_string(&s.state.sources()[0].path).expect("saved");
    assert!(on_disk.contains("\"relation\": \"same-point\""));
}

#[test]
fn the_text_measure_narrows_and_widens() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 200, 40);
    let full = s.state.viewport(0).width;
    s.keys("---");
    assert_eq!(s.state.viewport(0).width, full - 12);
    assert_eq!(s.state.settings().measure, Some(full - 12));
    // Lines now wrap within the measure.
    let area = s.state.screen().text_area(0);
    let buffer = s.draw().clone();
    for y in area.top()..area.bottom() {
        for x in area.right()..area.right() + 8 {
            assert_eq!(
                buffer[(x, y)].symbol(),
                " ",
                "nothing drawn past the measure"
            );
        }
    }
    s.keys("++++");
    assert_eq!(
        s.state.settings().measure,
        Some(marginalia::screen::FULL),
        "back to the full width"
    );
    assert_eq!(s.state.viewport(0).width, full);
}

#[test]
fn light_theme_and_no_colour() {
    use marginalia::settings::theme::{Palette, Theme};
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 30);
    s.keys("}}}s<Enter>");
    let settings = s.state.settings().clone();
    let set_up = |theme| marginalia::state::SetUp {
        settings: settings.clone(),
        theme,
        ..Default::default()
    };
    s.state.set_up(set_up(Theme::new(Palette::Dark, true)));
    let bgs = s.backgrounds_of("Gardens near");
    assert!(bgs.iter().all(|c| *c == Color::Reset), "no colour: {bgs:?}");
    let buffer = s.draw().clone();
    let area = s.state.screen().text_area(0);
    let underlined = (area.top()..area.bottom()).any(|y| {
        (area.left()..area.right()).any(|x| {
            buffer[(x, y)]
                .modifier
                .contains(ratatui::style::Modifier::UNDERLINED)
        })
    });
    assert!(underlined, "the highlight shows by underline");
    s.state.set_up(set_up(Theme::default()));
    s.keys("T");
    assert_eq!(s.state.theme().palette, Palette::Light);
}

#[test]
fn export_key_writes_markdown_next_to_the_annotations() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 40);
    s.keys("}}}a").keys("a note for export<Esc>");
    s.keys("}}}l}}}l1<Esc>E");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("exported to"), "{status}");
    let path = s.state.sources()[0].path.with_extension("md");
    let text = std::fs::read_to_string(&path).expect("export written");
    assert!(text.starts_with(&format!(
        "{}\n# Annotations",
        marginalia::export::MARKDOWN_MARKER
    )));
    assert!(text.contains("## On Tidal Gardens"));
    assert!(text.contains("> Gardens near the sea keep a different clock."));
    assert!(text.contains("a note for export"));
    assert!(text.contains("## Links between the essays"));
    assert!(text.contains("*supports*"));
}

#[test]
fn a_second_instance_is_read_only_and_changes_nothing() {
    let first = Screen::open(&fixture("screen-two.txt"), 120, 30);
    let dir = first.dir.path().to_path_buf();
    let state =
        session::open(&[Origin::File(fixture("screen-two.txt"))], None, &dir).expect("opens");
    assert!(
        state.sources()[0].read_only.is_some(),
        "the second one is read-only"
    );
    let mut second = Screen {
        state,
        terminal: Terminal::new(TestBackend::new(120, 30)).expect("terminal"),
        dir: tempfile::tempdir().expect("unused"),
    };
    second.event(Event::Resize(120, 30));
    second.keys("}}}s<Enter>");
    assert!(second.state.sources()[0].items.is_empty());
    assert!(second.text().contains("read-only"));
    assert!(!dir.join("annotations/screen-two.json").exists());
    drop(first);
}

fn shared_essays() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/essays/essays.txt")
}

#[test]
fn parallel_passage_in_the_reference_essays() {
    let mut s = Screen::open(&shared_essays(), 200, 50);
    // The sentence of essay 1 about the offensive in Kharkov.
    s.keys("/current Russian offensive<Enter>p");
    let right = &s.state.panes()[1];
    let essay = &s.state.docs()[right.essay].essay;
    let chosen = right.selection(essay).expect("the partner is marked");
    let text = essay.slice(chosen.start(), chosen.end());
    assert!(text.contains("Kharkov"), "best parallel: {text}");
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("parallel 1 of"), "{status}");
    // Again: the next candidate, another passage.
    s.keys("p");
    let right = &s.state.panes()[1];
    let next = right
        .selection(&s.state.docs()[right.essay].essay)
        .expect("marked");
    assert_ne!(next, chosen);
    // Esc goes back to where the right pane was.
    s.keys("<Esc>");
    assert_eq!(s.state.panes()[1].caret, 0);
    assert_eq!(s.state.panes()[1].anchor, None);
}

#[test]
fn similar_pairs_list_shows_and_links() {
    let mut s = Screen::open(&shared_essays(), 200, 50);
    s.keys("P");
    let text = s.text();
    assert!(text.contains("Most similar passages"), "{text}");
    assert!(
        text.contains("Kharkov"),
        "the best pair is listed first:\n{text}"
    );
    s.keys("<Enter>");
    assert!(s.state.panes()[0].anchor.is_some() && s.state.panes()[1].anchor.is_some());
    s.keys("Pl1<Esc>");
    assert_eq!(s.state.sources()[0].links.len(), 1);
    assert_eq!(s.state.sources()[0].items.len(), 2);
}

#[test]
fn three_essays_cycle_through_the_focused_pane() {
    let mut s = Screen::open(&fixture("three-essays.txt"), 160, 40);
    // The fixture's third essay has the first one's title again: compare essays by id.
    let titles = |s: &Screen| -> Vec<String> {
        s.state
            .panes()
            .iter()
            .map(|p| s.state.docs()[p.essay].essay.id.clone())
            .collect()
    };
    assert_eq!(s.state.docs().len(), 3);
    let before = titles(&s);
    s.keys("]]");
    let after = titles(&s);
    assert_ne!(before[0], after[0], "the left pane shows another essay");
    assert_eq!(before[1], after[1], "the right pane keeps its essay");
    assert_ne!(after[0], after[1], "never the same essay twice");
    s.keys("[[");
    assert_eq!(titles(&s), before);
}

#[test]
fn a_single_essay_has_one_pane_and_the_notes() {
    let mut s = Screen::open(&fixture("single-no-byline.txt"), 160, 40);
    assert_eq!(s.state.panes().len(), 1);
    assert!(s.state.screen().link_gutter.is_none());
    let text = s.text();
    assert!(text.contains("Notes (0)"));
    // Tab goes to the notes and back.
    s.keys("<Tab>");
    assert_eq!(s.state.focus(), marginalia::state::Focus::Notes);
    s.keys("<Tab>");
    assert_eq!(s.state.focus(), marginalia::state::Focus::Pane(0));
}

#[test]
fn several_files_open_side_by_side_each_with_its_own_annotations() {
    let dir = tempfile::tempdir().expect("temp dir");
    let origins = [
        Origin::File(fixture("single-no-byline.txt")),
        Origin::File(fixture("screen-two.txt")),
    ];
    let state = session::open(&origins, None, dir.path()).expect("opens");
    let mut s = Screen {
        state,
        terminal: Terminal::new(TestBackend::new(160, 40)).expect("terminal"),
        dir,
    };
    s.event(Event::Resize(160, 40));
    assert_eq!(s.state.sources().len(), 2);
    assert_ne!(
        s.state.docs()[s.state.panes()[0].essay].source,
        s.state.docs()[s.state.panes()[1].essay].source
    );
    s.keys("}}s<Enter><Tab>}}}s<Enter>");
    let a =
        std::fs::read_to_string(s.dir.path().join("annotations/single-no-byline.json")).expect("a");
    let b = std::fs::read_to_string(s.dir.path().join("annotations/screen-two.json")).expect("b");
    assert!(a.contains("\"annotations\""), "{a}");
    assert_eq!(a.matches("\"quote\"").count(), 1);
    assert_eq!(b.matches("\"quote\"").count(), 1);
    assert!(s.text().contains("single-no-byline.txt, screen-two.txt"));
}

#[test]
fn the_mouse_scrolls_places_the_caret_and_drags_a_selection() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 20);
    s.text();
    let area = s.state.screen().text_area(1);
    // A click in the right pane focuses it and places the caret there.
    s.event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        area.x + 2,
        area.y + 4,
    ));
    assert_eq!(s.state.focus(), marginalia::state::Focus::Pane(1));
    let caret = s.state.panes()[1].caret;
    assert!(caret > 0);
    // A drag selects from there.
    s.event(mouse(
        MouseEventKind::Drag(MouseButton::Left),
        area.x + 12,
        area.y + 4,
    ));
    let essay = &s.state.docs()[s.state.panes()[1].essay].essay;
    let sel = s.state.panes()[1].selection(essay).expect("a selection");
    assert_eq!(sel.start(), caret);
    assert_eq!(sel.len(), 11);
    // The wheel scrolls the pane under the pointer, not the focused one.
    let left_top = s.state.panes()[0].top;
    let left = s.state.screen().text_area(0);
    s.event(mouse(MouseEventKind::ScrollDown, left.x, left.y));
    assert!(s.state.panes()[0].top > left_top);
    assert_eq!(s.state.focus(), marginalia::state::Focus::Pane(1));
}

#[test]
fn resizing_keeps_the_reading_place() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 20);
    s.keys("}}}}}}w");
    let caret = s.state.panes()[0].caret;
    let word: String = {
        let e = &s.state.docs()[s.state.panes()[0].essay].essay;
        e.slice(caret, caret + 8)
    };
    for (w, h) in [(90, 30), (60, 15), (200, 50)] {
        s.terminal.backend_mut().resize(w, h);
        s.event(Event::Resize(w, h));
        assert_eq!(s.state.panes()[0].caret, caret);
        assert!(
            s.text().contains(&word),
            "{word:?} stays on screen at {w}x{h}"
        );
    }
}

#[test]
fn a_renamed_source_file_finds_its_annotations_through_the_old_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let old = dir.path().join("garden.txt");
    std::fs::copy(fixture("screen-two.txt"), &old).expect("copy");
    let mut s = Screen::open_in(&old, 160, 40, dir);
    s.keys("}}}s<Enter>}a").keys("kept through a rename<Esc>");
    let dir = s.close();
    let annotations = dir.path().join("annotations/garden.json");
    let new = dir.path().join("renamed.txt");
    std::fs::rename(&old, &new).expect("rename");
    let state = session::open(&[Origin::File(new)], Some(&annotations), dir.path()).expect("opens");
    let placed: Vec<_> = state.sources()[0]
        .items
        .iter()
        .map(|p| p.placement)
        .collect();
    assert_eq!(placed.len(), 2);
    assert!(
        placed
            .iter()
            .all(|p| matches!(p, marginalia::anchor::Placement::Exact(_)))
    );
}

#[test]
fn a_long_save_error_fits_the_status_line_and_keeps_not_saved_visible() {
    use marginalia::action::Action;
    for width in [90u16, 120, 200] {
        let mut s = Screen::open(&fixture("screen-two.txt"), width, 30);
        s.keys("}}}s<Enter>");
        let long = format!(
            "{}: cannot rename temporary file onto it: Not a directory (os error 20)",
            "/a/very/long/path/to/the/annotations/folder".repeat(2)
        );
        marginalia::app::step(&mut s.state, Action::Saved(SourceId(0), Err(long)));
        let status = s.text().lines().last().unwrap_or_default().to_string();
        assert!(status.contains("NOT SAVED"), "{width}: {status}");
        assert!(status.contains("not saved:"), "{width}: {status}");
        assert!(
            status.contains('…'),
            "{width}: cut with an ellipsis: {status}"
        );
        assert!(unicode_width::UnicodeWidthStr::width(status.as_str()) <= usize::from(width));
    }
}

#[test]
fn a_long_file_gets_a_first_look_that_matches_the_whole() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut text = String::new();
    for n in 0..400 {
        text.push_str(&format!(
            "Essay Number {n} About Tides\n\nBy Some Writer\n\n{}\n\n\n",
            "The tide comes in and the tide goes out, as tides do. ".repeat(20)
        ));
    }
    let path = dir.path().join("long.txt");
    std::fs::write(&path, &text).expect("write");
    let mut prepared =
        session::prepare(&[Origin::File(path.clone())], None, dir.path()).expect("prepared");
    let preview = session::preview(&prepared).expect("a long file gets a first look");
    let split = session::split_and_place(&mut prepared).expect("split");
    let whole = session::assemble(prepared, split);
    assert!(preview.docs().len() < whole.docs().len());
    for (a, b) in preview.docs().iter().zip(whole.docs()) {
        assert_eq!(a.essay, b.essay, "the first look shows the same essays");
    }
    // Both draw the same first screen.
    let draw = |state: &mut marginalia::state::AppState| {
        state.apply(
            marginalia::action::Action::Resize(160, 40),
            marginalia::store::Stamp::fresh(),
        );
        let mut t = Terminal::new(TestBackend::new(160, 40)).expect("terminal");
        t.draw(|f| ui::draw(f, state)).expect("draw");
        t.backend().buffer().clone()
    };
    let (mut preview, mut whole) = (preview, whole);
    assert_eq!(draw(&mut preview), draw(&mut whole));
    drop((preview, whole));

    // With annotations on disk, the first look says they are being placed, and counts them.
    let mut s = Screen::open_in(&path, 160, 40, dir);
    s.keys("}}s<Enter>}}s<Enter>");
    assert!(s.text().contains("Notes (2)"));
    let dir = s.close();
    let prepared =
        session::prepare(&[Origin::File(path.clone())], None, dir.path()).expect("prepared");
    let mut preview = session::preview(&prepared).expect("a first look");
    let buffer = draw(&mut preview);
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("Notes (2)"), "{text}");
    assert!(text.contains("Placing the annotations…"), "{text}");
    assert!(!text.contains("No highlights yet"), "{text}");
    drop(prepared);
    // A short file needs no first look.
    let short = session::prepare(&[Origin::File(fixture("screen-two.txt"))], None, dir.path())
        .expect("short");
    assert!(session::preview(&short).is_none());
}

/// Item 10: the screens a stale layout is drawn from: an open editor holding a long paste
/// over notes, a link and a selection; search matches; help; the pairs list; the picker.
fn stale_scenes() -> Vec<Screen> {
    let paste: String = "pasted words run on and on, ".repeat(120);
    let mut scenes = Vec::new();
    let mut editor = Screen::open(&fixture("screen-two.txt"), 200, 50);
    editor.keys("jjjjsaan earlier note<Esc>jjjj");
    editor.keys("vjjj");
    editor.keys("jjjja");
    editor.event(Event::Paste(paste));
    assert!(editor.state.editor().is_some(), "the editor is open");
    scenes.push(editor);
    let mut linked = Screen::open(&fixture("screen-two.txt"), 200, 50);
    linked.keys("Pl1<Esc>");
    linked.keys("<Tab><Tab>");
    linked.keys("<S-Tab><S-Tab>vjjj/the<Enter>");
    scenes.push(linked);
    let mut help = Screen::open(&fixture("screen-two.txt"), 200, 50);
    help.keys("?jjj");
    scenes.push(help);
    let mut pairs = Screen::open(&fixture("screen-two.txt"), 200, 50);
    pairs.keys("Pjj");
    scenes.push(pairs);
    let mut picker = Screen::open(&fixture("screen-two.txt"), 200, 50);
    picker.keys("Pl");
    scenes.push(picker);
    let mut single = Screen::open(&fixture("single-no-byline.txt"), 200, 50);
    single.keys("Gs<Enter>aa note at the end<Esc>");
    scenes.push(single);
    scenes
}

/// Item 10: whatever size the state was last laid out for (1x1 to 300x80), drawing it on a
/// screen of another size, smaller above all (the window shrank, its resize event still
/// queued behind keys), never writes outside the buffer.
#[test]
fn drawing_at_a_size_other_than_the_last_resize_never_panics() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    use std::cell::RefCell;

    let scenes = RefCell::new(stale_scenes());
    let count = scenes.borrow().len();
    let smaller = (0..count, 1u16..=300, 1u16..=80)
        .prop_flat_map(|(i, w, h)| (Just(i), Just(w), Just(h), 1..=w, 1..=h));
    let any = (0..count, 1u16..=300, 1u16..=80, 1u16..=300, 1u16..=80);
    let check = |(i, w, h, dw, dh): (usize, u16, u16, u16, u16)| {
        let mut scenes = scenes.borrow_mut();
        let s = &mut scenes[i];
        s.event(Event::Resize(w, h));
        let mut terminal = Terminal::new(TestBackend::new(dw, dh)).expect("test terminal");
        let state = &s.state;
        terminal.draw(|frame| ui::draw(frame, state)).expect("draw");
        Ok(())
    };
    let config = |cases| Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config(400));
    runner.run(&smaller, check).expect("smaller screens");
    let mut runner = TestRunner::new(config(200));
    runner.run(&any, check).expect("screens of any size");
}

/// Item 11: Ctrl-z is a row of the key table, in the panes and in the note editor, and its
/// action asks the shell to suspend (the note being written stays open).
#[test]
fn ctrl_z_asks_the_shell_to_suspend_from_a_pane_and_from_the_editor() {
    use marginalia::action::Action;
    use marginalia::state::Effect;
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 40);
    let ctrl_z = Event::Key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL));
    assert_eq!(app::action_for(&s.state, &ctrl_z), Some(Action::Suspend));
    s.keys("sa");
    assert!(s.state.editor().is_some());
    assert_eq!(app::action_for(&s.state, &ctrl_z), Some(Action::Suspend));
    let effect = s
        .state
        .apply(Action::Suspend, marginalia::store::Stamp::fresh());
    assert_eq!(effect, Effect::Suspend);
    assert!(s.state.editor().is_some(), "the note stays open");
    let help = marginalia::keymap::help_lines(&Default::default());
    assert!(
        help.iter()
            .any(|l| l.keys.contains("Ctrl-z") && l.hint.contains("suspend")),
        "the help lists Ctrl-z"
    );
}

#[test]
fn a_long_file_name_never_hides_the_save_state() {
    use marginalia::action::Action;
    let dir = tempfile::tempdir().expect("temp dir");
    let name = format!("{}.txt", "a-rather-long-file-name-".repeat(9));
    let file = dir.path().join(&name);
    std::fs::copy(fixture("screen-two.txt"), &file).expect("copy fixture");
    for width in [60u16, 90, 200] {
        let mut s = Screen::open(&file, width, 30);
        let status = s.text().lines().last().unwrap_or_default().to_string();
        assert!(status.contains(" · saved"), "{width}: {status}");
        s.keys("}}}s<Enter>");
        marginalia::app::step(
            &mut s.state,
            Action::Saved(SourceId(0), Err("disk full".into())),
        );
        // Any key clears the message; Esc with nothing open changes nothing else.
        marginalia::app::step(&mut s.state, Action::Back);
        let status = s.text().lines().last().unwrap_or_default().to_string();
        assert!(status.contains("NOT SAVED"), "{width}: {status}");
        assert!(status.contains("a-rather-long"), "{width}: {status}");
        assert!(status.contains('…'), "{width}: the name is cut: {status}");
    }
}

#[test]
fn a_long_read_only_reason_leaves_the_file_name_on_the_status_line() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 100, 30);
    let why = format!(
        "cannot make the folder {} for the lock file: File exists (os error 17)",
        "/a/long/path".repeat(6)
    );
    marginalia::app::step(
        &mut s.state,
        marginalia::action::Action::TurnedReadOnly(SourceId(0), why),
    );
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("screen-two"), "{status}");
    assert!(status.contains("read-only (cannot"), "{status}");
}

#[test]
fn a_click_on_the_notes_list_selects_the_item_under_it() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let click = |column, row| {
        Event::Mouse(MouseEvent {
            kind: MouseEventKind::Down(MouseButton::Left),
            column,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 45);
    s.keys("}}}s<Enter>}s<Enter>");
    let buffer = s.draw().clone();
    let list = s.state.screen().notes_text().expect("a notes pane");
    // The first row of each item: its colour bar and the opening quote mark.
    let starts: Vec<u16> = (list.y..list.bottom())
        .filter(|&y| buffer[(list.x, y)].symbol() == "▌" && buffer[(list.x + 1, y)].symbol() == "“")
        .collect();
    assert_eq!(starts.len(), 2, "two items listed");
    s.event(click(list.x + 3, starts[1]));
    assert_eq!(s.state.focus(), marginalia::state::Focus::Notes);
    assert_eq!(s.state.notes_selected(), 1);
    s.draw();
    s.event(click(list.x + 3, starts[0]));
    assert_eq!(s.state.notes_selected(), 0);
    s.event(click(list.x + 3, starts[1] + 1));
    assert_eq!(s.state.notes_selected(), 1, "any row of an item selects it");
    // The essay's heading above the items is no item: the selection stays.
    assert!(list.y < starts[0]);
    s.event(click(list.x + 3, list.y));
    assert_eq!(s.state.notes_selected(), 1);
}

/// Issue 10, item 5: the note editor wraps between words (never "becaus|e"), draws wide
/// characters and an accented letter in their cells, and the caret where the cursor is.
#[test]
fn the_note_editor_wraps_between_words_and_shows_the_cursor_there() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 90, 30);
    s.keys("}}}sa");
    s.keys("The garden is slow because the tide is slow, and the growers wait because they must. 漢字 cafe\u{301} 👍🏽");
    let text = s.text();
    insta::assert_snapshot!("note_editor_wrapped", text);
    assert!(
        !text.contains("becaus\n"),
        "no word broken at the edge:\n{text}"
    );
    // The caret is the cell after the last thing typed.
    let area = marginalia::screen::editor_text_area(s.state.screen().area);
    let (row, col) = s
        .state
        .editor()
        .expect("open")
        .editor
        .cursor_cell(usize::from(area.width));
    let buffer = s.draw().clone();
    let cell = &buffer[(area.x + col as u16, area.y + row as u16)];
    assert!(cell.modifier.contains(ratatui::style::Modifier::REVERSED));
    let left = &buffer[(area.x + col as u16 - 2, area.y + row as u16)];
    assert_eq!(left.symbol(), "👍🏽");
}

/// Issue 10, item 5: search and filter are the same input as the note editor: Backspace
/// takes a whole emoji, the cursor moves, a word is deleted, a paste is one line.
#[test]
fn search_and_filter_edit_as_the_note_editor_does() {
    let backspace = Event::Key(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
    let ctrl_w = Event::Key(KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL));
    let mut s = Screen::open(&fixture("screen-two.txt"), 160, 45);
    s.keys("/patience👍🏽");
    s.event(backspace.clone());
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("/patience: match 1 of 2"), "{status}");
    s.event(Event::Paste("the\r\nonly".into()));
    assert_eq!(
        s.state.search().as_ref().expect("a search").query.text(),
        "patiencethe only"
    );
    s.event(ctrl_w.clone());
    s.event(Event::Key(KeyEvent::new(KeyCode::Left, KeyModifiers::NONE)));
    let status = s.text().lines().last().unwrap_or_default().to_string();
    assert!(status.contains("/patiencethe▏ "), "{status}");
    s.keys("<Esc>");

    s.keys("<Tab><Tab>/tides👍🏽");
    s.event(backspace);
    assert!(s.text().contains("filter: tides▏ "), "{}", s.text());
    s.event(ctrl_w);
    assert!(s.text().contains("filter: ▏ "), "{}", s.text());
}

#[test]
fn small_and_usual_screens_give_the_essays_their_rows() {
    // 40x10: the notes give way; each essay keeps seven rows of text.
    let mut s = Screen::open(&fixture("screen-two.txt"), 40, 10);
    let text = s.text();
    insta::assert_snapshot!("layout_40x10", text);
    assert!(s.state.screen().notes.is_none());
    assert_eq!(s.state.screen().text_area(0).height, 7);
    let mut s = Screen::open(&fixture("screen-two.txt"), 40, 14);
    assert_eq!(s.state.screen().text_area(0).height, 5);
    assert!(s.text().contains("Notes"));
    let mut s = Screen::open(&fixture("screen-two.txt"), 80, 24);
    insta::assert_snapshot!("layout_80x24", s.text());
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 40);
    insta::assert_snapshot!("layout_120x40", s.text());
}

#[test]
fn titles_too_long_for_their_border_end_in_an_ellipsis() {
    let mut s = Screen::open(&fixture("screen-two.txt"), 40, 10);
    let top = s.text().lines().next().unwrap_or_default().to_string();
    // Panes of 20 and 19 columns: room for 16 and 15 columns of title.
    assert!(top.contains(" On Tidal Gardens "), "{top}");
    assert!(top.contains(" Against the Qu… "), "{top}");
    // Wide enough: whole.
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 40);
    let top = s.text().lines().next().unwrap_or_default().to_string();
    assert!(top.contains(" On Tidal Gardens "), "{top}");
    assert!(top.contains(" Against the Quick Harvest "), "{top}");
    // Wide characters are measured in columns.
    assert_eq!(ui::fit_title("潮の庭と速い収穫", 14), " 潮の庭と… ");
    assert_eq!(ui::fit_title("Tectonic Plates", 14), " Tectonic… ");
    assert_eq!(ui::fit_title("Tectonic Plates", 19), " Tectonic Plates ");
}

#[test]
fn a_single_essay_is_set_at_a_readable_measure_in_the_middle() {
    let mut s = Screen::open(&fixture("single-no-byline.txt"), 200, 50);
    let text = s.text();
    insta::assert_snapshot!("single_essay_200x50", text);
    let area = s.state.screen().text_area(0);
    let pane = s.state.screen().pane_area(0);
    assert_eq!(area.width, marginalia::screen::READABLE);
    assert!(
        area.x > pane.x + 20,
        "set in the middle: {area:?} in {pane:?}"
    );
    let longest = text
        .lines()
        .skip(usize::from(area.y))
        .take(usize::from(area.height))
        .map(|l| {
            l.chars()
                .skip(usize::from(area.x))
                .take_while(|c| *c != '│' && *c != '┃')
                .collect::<String>()
                .trim_end()
                .chars()
                .count()
        })
        .max()
        .unwrap_or(0);
    assert!(longest <= 72, "lines of at most 72 columns: {longest}");
}

#[test]
fn the_light_theme_paints_every_cell_and_no_colour_keeps_the_caret_in_a_selection() {
    use marginalia::settings::theme::{Palette, Theme};
    use ratatui::style::Modifier;
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 30);
    s.keys("}}}s<Enter>");
    s.keys("T");
    assert_eq!(s.state.theme().palette, Palette::Light);
    let buffer = s.draw().clone();
    let unpainted = buffer
        .content
        .iter()
        .filter(|c| c.bg == Color::Reset)
        .count();
    assert_eq!(unpainted, 0, "every cell has the light ground");
    // The dark theme leaves the terminal's own ground.
    s.keys("T");
    let buffer = s.draw().clone();
    assert!(buffer.content.iter().any(|c| c.bg == Color::Reset));
    // Without colour, a selection is reversed and the caret in it is not.
    let settings = s.state.settings().clone();
    s.state.set_up(marginalia::state::SetUp {
        settings,
        theme: Theme::new(Palette::Dark, true),
        ..Default::default()
    });
    s.keys("<Esc>}vwwh");
    let buffer = s.draw().clone();
    let area = s.state.screen().text_area(0);
    let cells: Vec<&ratatui::buffer::Cell> = (area.top()..area.bottom())
        .flat_map(|y| (area.left()..area.right()).map(move |x| (x, y)))
        .map(|(x, y)| &buffer[(x, y)])
        .collect();
    let reversed = cells
        .iter()
        .filter(|c| c.modifier.contains(Modifier::REVERSED))
        .count();
    let caret = cells
        .iter()
        .filter(|c| {
            !c.modifier.contains(Modifier::REVERSED)
                && c.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD)
        })
        .count();
    assert!(reversed >= 5, "the selection is reversed: {reversed}");
    assert_eq!(caret, 1, "one caret cell, not reversed, underlined");
}

#[test]
fn double_and_triple_clicks_select_a_word_and_a_sentence_and_a_drag_past_the_edge_scrolls() {
    use ratatui::crossterm::event::{MouseButton, MouseEventKind};
    use std::time::{Duration, Instant};
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 30);
    s.text();
    let area = s.state.screen().text_area(0);
    let mut clicks = app::mouse::Clicks::default();
    let t0 = Instant::now();
    let press = mouse(
        MouseEventKind::Down(MouseButton::Left),
        area.x + 2,
        area.y + 6,
    );
    let mut click = |s: &mut Screen, ms| {
        let at = t0 + Duration::from_millis(ms);
        if let Some(action) = app::action_counting(&s.state, &press, &mut clicks, at) {
            app::step(&mut s.state, action);
        }
    };
    let selected = |s: &Screen| {
        let pane = &s.state.panes()[0];
        let essay = &s.state.docs()[pane.essay].essay;
        pane.selection(essay)
            .map(|r| essay.slice(r.start(), r.end()))
            .unwrap_or_default()
    };
    click(&mut s, 0);
    assert_eq!(selected(&s), "");
    click(&mut s, 150);
    let word = selected(&s);
    assert!(
        !word.is_empty() && word.chars().all(char::is_alphanumeric),
        "a word: {word:?}"
    );
    click(&mut s, 300);
    let sentence = selected(&s);
    assert!(
        sentence.contains(&word) && sentence.ends_with('.'),
        "{sentence:?}"
    );
    assert!(sentence.len() > word.len());
    // Too slow: a single click again.
    click(&mut s, 2000);
    click(&mut s, 2600);
    assert_eq!(selected(&s), "");

    // A drag from the text past the bottom edge scrolls the pane and selects on.
    let top = s.state.panes()[0].top;
    s.event(mouse(
        MouseEventKind::Down(MouseButton::Left),
        area.x,
        area.y,
    ));
    for _ in 0..4 {
        s.event(mouse(
            MouseEventKind::Drag(MouseButton::Left),
            area.x + 5,
            area.bottom() + 1,
        ));
    }
    assert!(s.state.panes()[0].top > top, "scrolled down");
    let long = selected(&s);
    assert!(
        long.len() > 200,
        "selected to the new bottom: {}",
        long.len()
    );
    // And back up past the top edge.
    let top = s.state.panes()[0].top;
    s.event(mouse(
        MouseEventKind::Drag(MouseButton::Left),
        area.x + 5,
        area.y - 1,
    ));
    assert!(s.state.panes()[0].top < top, "scrolled up");
}

#[test]
fn the_wheel_over_the_notes_scrolls_the_list_keeping_its_selection_in_view() {
    use ratatui::crossterm::event::MouseEventKind;
    let mut s = Screen::open(&fixture("screen-two.txt"), 120, 16);
    s.keys("}}}");
    for _ in 0..8 {
        s.keys("s<Enter><Esc>)");
    }
    let notes = s.state.screen().notes_text().expect("a notes pane");
    let list = |s: &mut Screen| -> Vec<String> {
        let text = s.text();
        text.lines()
            .skip(usize::from(notes.y))
            .take(usize::from(notes.height))
            .map(|l| {
                l.chars()
                    .skip(usize::from(notes.x))
                    .take(usize::from(notes.width))
                    .collect()
            })
            .collect()
    };
    assert!(s.text().contains("Notes (8)"), "{}", s.text());
    let before = list(&mut s);
    let focus = s.state.focus();
    s.event(mouse(MouseEventKind::ScrollDown, notes.x + 2, notes.y + 2));
    let after = list(&mut s);
    assert_ne!(before, after, "the list moved");
    // By three rows: what was fourth is now first.
    assert_eq!(after[0], before[3]);
    assert_eq!(s.state.focus(), focus, "the wheel takes no focus");
    // Far down, then back up: the top again, one row at a time never skipped.
    for _ in 0..20 {
        s.event(mouse(MouseEventKind::ScrollDown, notes.x + 2, notes.y + 2));
    }
    let bottom = list(&mut s);
    assert!(
        s.text().contains("Notes (8)") && bottom != after,
        "at the end of the list"
    );
    // The selected item is in view (its rows are marked bold).
    let buffer = s.draw().clone();
    let bold = (notes.top()..notes.bottom()).any(|y| {
        buffer[(notes.x, y)]
            .modifier
            .contains(ratatui::style::Modifier::BOLD)
            || buffer[(notes.x + 1, y)].bg != Color::Reset
    });
    assert!(bold, "the selection stays in view");
    for _ in 0..20 {
        s.event(mouse(MouseEventKind::ScrollUp, notes.x + 2, notes.y + 2));
    }
    // (The rows of the selected item may differ: the selected item opens up.)
    assert_eq!(list(&mut s)[..4], before[..4], "back at the top");
    // A key gives the list back to its selection.
    s.keys("j");
}
