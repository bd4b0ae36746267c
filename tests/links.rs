//! Links whose ends go away: a link being made, a highlight deleted with its links, links
//! left dangling by a hand-edited file, and deletions that a merge must not undo.
//!
//! The real app state is driven by keys through `app::action_for` and `app::step`, which
//! save to a temporary directory as the app does.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use marginalia::action::{Action, Mouse};
use marginalia::app;
use marginalia::session::{self, Origin};
use marginalia::state::{AppState, Focus, SourceId};
use marginalia::store::{self, AnnotationFile};
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The app on the two-essay fixture, at 200x40, annotations in `dir`.
fn open(dir: &Path) -> AppState {
    let mut state = session::open(&[Origin::File(fixture("screen-two.txt"))], None, dir)
        .expect("fixture opens");
    app::step(&mut state, marginalia::action::Action::Resize(200, 40));
    state
}

/// Types a script: plain characters, `<Tab>`, `<S-Tab>`, `<Esc>`, `<Enter>`, `<C-r>`.
fn keys(state: &mut AppState, script: &str) {
    let mut rest = script;
    while let Some(c) = rest.chars().next() {
        let (key, len) = if c == '<'
            && let Some(end) = rest.find('>')
        {
            let key = match &rest[1..end] {
                "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "Esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                "C-r" => KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
                other => panic!("unknown key <{other}>"),
            };
            (key, end + 1)
        } else {
            (
                KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                c.len_utf8(),
            )
        };
        if let Some(action) = app::action_for(state, &Event::Key(key)) {
            app::step(state, action);
        }
        rest = &rest[len..];
    }
}

fn screen(state: &AppState) -> String {
    let mut terminal = Terminal::new(TestBackend::new(200, 40)).expect("terminal");
    terminal.draw(|f| ui::draw(f, state)).expect("draw");
    let buffer = terminal.backend().buffer();
    (0..buffer.area.height)
        .map(|y| {
            (0..buffer.area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The links of `file` with an end that is not one of its annotations.
fn dangling(file: &AnnotationFile) -> Vec<String> {
    let ids: HashSet<&str> = file.annotations.iter().map(|a| a.id.as_str()).collect();
    file.links
        .iter()
        .filter(|l| !ids.contains(l.from.as_str()) || !ids.contains(l.to.as_str()))
        .map(|l| l.id.to_string())
        .collect()
}

fn on_disk(state: &AppState) -> AnnotationFile {
    store::load(&state.sources()[0].path)
        .expect("readable")
        .expect("saved")
}

#[test]
fn deleting_the_first_end_of_a_link_being_made_cancels_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = open(dir.path());
    // s H on the left, l, Shift-Tab, x, Tab, l, 1: the first end is deleted in between.
    keys(&mut state, "}}s<Enter>");
    assert_eq!(state.sources()[0].items.len(), 1);
    keys(&mut state, "l");
    assert!(state.link_draft().is_some());
    assert_eq!(state.focus(), Focus::Pane(1));
    keys(&mut state, "<S-Tab>x");
    assert!(
        state.sources()[0].items.is_empty(),
        "the highlight is deleted"
    );
    assert!(
        state.link_draft().is_none(),
        "the link being made is cancelled"
    );
    assert!(
        state.message().is_some_and(|m| m.contains("cancelled")),
        "{:?}",
        state.message()
    );
    keys(&mut state, "<Tab>}}l1<Esc>");
    assert!(state.sources()[0].links.is_empty(), "no link was made");
    assert!(dangling(&state.file_for_save(SourceId(0))).is_empty());
    assert!(dangling(&on_disk(&state)).is_empty());
    // Undo of the delete brings the highlight back, not the cancelled link.
    keys(&mut state, "u");
    assert_eq!(state.sources()[0].items.len(), 1);
    assert!(state.sources()[0].links.is_empty());
}

#[test]
fn undo_that_removes_an_end_cancels_the_link_being_made() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = open(dir.path());
    keys(&mut state, "}}s<Enter>l");
    assert!(state.link_draft().is_some());
    // Undo takes the highlight away: the draft's end is gone.
    keys(&mut state, "u");
    assert!(state.sources()[0].items.is_empty());
    assert!(state.link_draft().is_none());
    keys(&mut state, "}}l1<Esc>");
    assert!(dangling(&state.file_for_save(SourceId(0))).is_empty());
}

#[test]
fn a_highlight_deleted_takes_its_links_and_undo_brings_both_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = open(dir.path());
    keys(&mut state, "}}s<Enter>l}}l1linked<Esc>");
    assert_eq!(state.sources()[0].links.len(), 1, "{}", screen(&state));
    assert_eq!(state.sources()[0].items.len(), 2);
    let link = state.sources()[0].links[0].clone();
    // Delete the left end from the left pane: it has a link, so `y` answers the question.
    keys(&mut state, "<S-Tab>xy");
    assert_eq!(state.sources()[0].items.len(), 1);
    assert!(state.sources()[0].links.is_empty(), "the link goes with it");
    assert!(dangling(&on_disk(&state)).is_empty());
    // One undo brings back both the highlight and the link, note and all.
    keys(&mut state, "u");
    assert_eq!(state.sources()[0].items.len(), 2);
    assert_eq!(state.sources()[0].links, vec![link.clone()]);
    let disk = on_disk(&state);
    assert_eq!(disk.links, vec![link]);
    assert!(dangling(&disk).is_empty());
    // Redo deletes both again.
    keys(&mut state, "<C-r>");
    assert_eq!(state.sources()[0].items.len(), 1);
    assert!(state.sources()[0].links.is_empty());
    assert!(dangling(&on_disk(&state)).is_empty());
}

#[test]
fn a_link_left_dangling_in_the_file_is_listed_and_removable() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = open(dir.path());
    keys(&mut state, "}}s<Enter>l}}l1kept note<Esc>");
    keys(&mut state, "}}s<Enter>");
    assert_eq!(state.sources()[0].items.len(), 3);
    let path = state.sources()[0].path.clone();
    let gone = state.sources()[0].links[0].from.clone();
    drop(state);
    // By hand: the first end of the link is removed from the file, and a second link
    // names two highlights that never existed.
    let mut file = store::load(&path).expect("readable").expect("saved");
    file.annotations.retain(|a| a.id != gone);
    let mut ghost = file.links[0].clone();
    ghost.id = "ghost-link".into();
    ghost.from = "no-such-highlight".into();
    ghost.to = "nor-this-one".into();
    ghost.note = Some("ghost note".into());
    file.links.push(ghost);
    store::save(&path, &file).expect("save");

    let mut state = open(dir.path());
    assert_eq!(state.sources()[0].links.len(), 2, "nothing dropped on load");
    let text = screen(&state);
    assert!(text.contains("kept note"), "{text}");
    assert!(text.contains("ghost note"), "{text}");
    assert!(text.contains("highlight gone"), "{text}");
    let links: Vec<usize> = state
        .note_items()
        .iter()
        .enumerate()
        .filter(|(_, it)| it.link.is_some())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(links.len(), 2, "both dangling links are listed");
    // Keys on the link with no highlight at all neither panic nor touch a highlight.
    keys(&mut state, "<Tab><Tab>");
    assert_eq!(state.focus(), Focus::Notes);
    let item = Some(links[1]);
    marginalia::app::step(&mut state, Action::Mouse(Mouse::PressNotes { item }));
    assert_eq!(state.notes_selected(), links[1]);
    keys(&mut state, "cfa<Esc><Enter>");
    assert_eq!(state.sources()[0].items.len(), 2, "no highlight changed");
    // Remove both from the notes pane.
    keys(&mut state, "x");
    let item = Some(links[0]);
    marginalia::app::step(&mut state, Action::Mouse(Mouse::PressNotes { item }));
    assert_eq!(state.notes_selected(), links[0]);
    keys(&mut state, "x");
    assert!(state.sources()[0].links.is_empty(), "{}", screen(&state));
    assert!(on_disk(&state).links.is_empty());
    // Undo brings the last one removed back.
    keys(&mut state, "u");
    assert_eq!(state.sources()[0].links.len(), 1);
    assert_eq!(on_disk(&state).links.len(), 1);
}

#[test]
fn a_deleted_highlight_stays_deleted_through_a_merge_and_undo_brings_it_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = open(dir.path());
    keys(&mut state, "}}s<Enter>}s<Enter>");
    assert_eq!(state.sources()[0].items.len(), 2);
    let kept = state.sources()[0].items[0].annotation.id.to_string();
    let old = state.sources()[0].items[1].annotation.clone();
    let deleted = old.id.to_string();
    // Delete the second (the caret is on it).
    keys(&mut state, "x");
    assert_eq!(state.sources()[0].items.len(), 1);
    assert!(on_disk(&state).annotations.iter().all(|a| a.id != deleted));
    // Someone edits the file on disk: a note on the kept highlight, and the deleted one
    // put back (as a sync tool holding an old copy would).
    let path = state.sources()[0].path.clone();
    let mut file = on_disk(&state);
    file.annotations[0].note = Some("written elsewhere".into());
    file.annotations[0].modified = store::now();
    file.annotations.push((*old).clone());
    store::save(&path, &file).expect("outside edit");
    // The next save merges: the outside note comes in, the deleted highlight does not.
    keys(&mut state, "gs<Enter>");
    let ids: Vec<String> = state.sources()[0]
        .items
        .iter()
        .map(|p| p.annotation.id.to_string())
        .collect();
    assert!(ids.contains(&kept));
    assert!(!ids.contains(&deleted), "{ids:?}");
    let disk = on_disk(&state);
    assert!(disk.annotations.iter().all(|a| a.id != deleted));
    assert!(
        disk.annotations
            .iter()
            .any(|a| a.note.as_deref() == Some("written elsewhere")),
        "the outside edit was merged"
    );
    // Undo the new highlight, then the delete: the deleted highlight comes back.
    keys(&mut state, "uu");
    assert!(
        state.sources()[0]
            .items
            .iter()
            .any(|p| p.annotation.id == deleted),
        "undo brings it back"
    );
    assert!(on_disk(&state).annotations.iter().any(|a| a.id == deleted));
}

#[test]
fn no_key_sequence_saves_a_link_with_a_missing_end() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = open(dir.path());
    // Steps a reader takes around links, drawn at random: highlight, start or finish a
    // link, change pane, delete, undo, redo, pick a relation, move on.
    let steps = [
        "s<Enter>", "l", "<S-Tab>", "<Tab>", "x", "u", "<C-r>", "1<Esc>", "}", "<Esc>",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for step in 0..1500 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let key = steps[(x % steps.len() as u64) as usize];
        keys(&mut state, key);
        let file = state.file_for_save(SourceId(0));
        assert!(
            dangling(&file).is_empty(),
            "step {step} ({key}): {:?}",
            dangling(&file)
        );
    }
    assert!(dangling(&on_disk(&state)).is_empty());
}
