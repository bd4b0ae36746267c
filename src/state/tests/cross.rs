//! Links between essays of two files: made, shown once, noted, followed, undone and
//! removed in both files' copies at once; refused into a file that cannot be changed;
//! listed and followed from one file opened alone.

use crate::action::Action::{self, *};
use crate::action::EditorInput;
use crate::annotation::Relation;
use crate::state::testkit::*;
use crate::state::{AppState, Beside, Effect, Focus, Mode, Source, SourceId};
use crate::store::{AnnotationFile, DiskState, ReadingState};

/// One essay in each of two files, the caret on the first's first sentence and the other
/// caret on the second's first.
const A: &str = "Salt Roads\n\nBy Wren Hall\n\n|Salt was carried inland on old roads.\n\nCarts went slowly to the towns.";
const B: &str = "Maps Without Roads\n\nBy Lena Ortiz\n\n¦A map shows paths 漢字.\n\nSalt was carried inland on old roads by carts.";

const S0: SourceId = SourceId(0);
const S1: SourceId = SourceId(1);

/// The two files, linked `supports` from A's first sentence to B's, the note editor closed.
fn linked() -> AppState {
    let mut s = state_of(&[A, B]);
    apply_all(&mut s, [Link, Link]);
    assert_eq!(
        apply(&mut s, PickRelation(Some(Relation::Supports))),
        Effect::SaveAll(vec![S0, S1])
    );
    apply(&mut s, EditorClose);
    s
}

/// Where the first highlight of `source` starts.
fn start_of(s: &AppState, source: SourceId) -> usize {
    s.sources[source].items[0]
        .placement
        .range()
        .unwrap()
        .start()
}

const LINK: &str = "Salt was carried inland on old roads. -supports-> A map shows paths 漢字.";

#[test]
fn a_link_joins_essays_of_two_files_each_keeping_a_copy() {
    let s = linked();
    assert_eq!(message(&s), None, "no refusal");
    // Each file keeps the link, with its own end and the other end recorded.
    let (a, b) = (&s.sources[0].links, &s.sources[1].links);
    assert_eq!((a.len(), b.len()), (1, 1));
    assert_eq!(a[0].id, b[0].id);
    let (oa, ob) = (a[0].other.as_ref().unwrap(), b[0].other.as_ref().unwrap());
    assert_eq!(oa.source, "fixture1.txt");
    assert_eq!(oa.essay.title, "Maps Without Roads");
    assert_eq!(oa.anchor.quote, "A map shows paths 漢字.");
    assert_eq!(oa.highlight, a[0].to);
    assert_eq!(s.sources[1].items[0].annotation.id, oa.highlight);
    assert_eq!(ob.source, "fixture0.txt");
    assert_eq!(ob.highlight, b[0].from);
    assert_eq!(s.sources[0].items[0].annotation.id, ob.highlight);
    // Listed once, with both quotes; both ends drawn as highlights.
    assert_eq!(links(&s), [LINK, LINK]);
    assert_eq!(
        notes(&s)
            .iter()
            .filter(|n| n.contains("-supports->"))
            .count(),
        1
    );
    assert!(
        render_source(&s, S1).contains("A map shows paths 漢字.}"),
        "{}",
        render_source(&s, S1)
    );
    assert!(render_source(&s, S0).contains("Salt was carried inland on old roads.}"));
    // Locked scrolling and the gutter see it.
    let (pa, pb) = (s.panes[0].essay, s.panes[1].essay);
    assert_eq!(s.link_points(pa, pb).len(), 1);
    assert_eq!(s.links_across(pa, pb).len(), 1);
}

#[test]
fn the_note_on_a_link_across_files_is_written_in_both() {
    let mut s = state_of(&[A, B]);
    apply_all(
        &mut s,
        [Link, Link, PickRelation(Some(Relation::Contradicts))],
    );
    assert_eq!(modes(&s), [Mode::Editor]);
    apply(&mut s, Editor(EditorInput::Char('!')));
    assert_eq!(apply(&mut s, EditorClose), Effect::SaveAll(vec![S0, S1]));
    for src in &s.sources {
        assert_eq!(src.links[0].note.as_deref(), Some("!"));
    }
}

#[test]
fn one_undo_takes_the_link_out_of_both_files_and_redo_puts_it_back() {
    let mut s = linked();
    assert_eq!(apply(&mut s, Undo), Effect::SaveAll(vec![S1, S0]));
    assert!(links(&s).is_empty());
    assert!(
        s.sources.iter().all(|src| src.items.is_empty()),
        "the new highlights too"
    );
    assert_eq!(apply(&mut s, Redo), Effect::SaveAll(vec![S0, S1]));
    assert_eq!(links(&s), [LINK, LINK]);
    assert_eq!(s.sources[1].items.len(), 1);
}

#[test]
fn removing_the_link_or_its_highlight_removes_both_copies() {
    let mut s = linked();
    s.focus = Focus::Notes;
    let at = notes(&s)
        .iter()
        .position(|n| n.contains("-supports->"))
        .unwrap();
    s.notes_selected = at;
    assert_eq!(apply(&mut s, Delete), Effect::SaveAll(vec![S0, S1]));
    assert!(links(&s).is_empty());
    apply(&mut s, Undo);
    assert_eq!(links(&s), [LINK, LINK]);
    // Deleting the highlight in the second file takes both copies with it.
    let mut s = linked();
    s.focus = Focus::Pane(1);
    s.panes[1].caret = start_of(&s, S1);
    apply(&mut s, Delete);
    if matches!(modes(&s)[..], [Mode::Confirm]) {
        apply(&mut s, Action::Confirm(true));
    }
    assert!(links(&s).is_empty(), "{:?}", message(&s));
    assert_eq!(
        s.sources[0].items.len(),
        1,
        "the first file's highlight stays"
    );
}

#[test]
fn f_follows_a_link_into_the_other_file() {
    let mut s = linked();
    s.focus = Focus::Pane(0);
    s.panes[0].caret = start_of(&s, S0) + 3;
    s.panes[1].caret = 30;
    assert_eq!(apply(&mut s, FollowLink), Effect::None);
    assert_eq!(message(&s), Some("followed the link (supports)"));
    assert_eq!(s.panes[1].anchor, Some(start_of(&s, S1)));
}

#[test]
fn a_file_that_cannot_be_changed_is_named_and_not_linked_into() {
    let mut s = state_of(&[A, B]);
    s.sources[1].read_only = Some("another marginalia (pid 7) is writing it".into());
    apply_all(&mut s, [Link, Link]);
    assert_eq!(
        message(&s),
        Some(
            "cannot link into fixture1.txt: its annotations are read-only (another marginalia \
             (pid 7) is writing it); Esc cancels"
        )
    );
    assert_eq!(modes(&s), [Mode::Link]);
    assert!(links(&s).is_empty());
    assert!(s.sources.iter().all(|src| src.items.is_empty()));
}

#[test]
fn the_pairs_list_links_passages_of_two_files() {
    let mut s = state_of(&[A, B]);
    apply(&mut s, Pairs);
    assert_eq!(modes(&s), [Mode::Pairs]);
    apply(&mut s, Link);
    assert_eq!(modes(&s), [Mode::Picker], "{:?}", message(&s));
    assert_eq!(
        apply(&mut s, PickRelation(Some(Relation::SamePoint))),
        Effect::SaveAll(vec![S0, S1])
    );
    assert_eq!(s.sources[0].links.len(), 1);
    assert_eq!(s.sources[1].links.len(), 1);
}

/// The first file alone, with the link the two-file session made.
fn alone(both: &AppState) -> AppState {
    let mut s = state(A);
    s.sources[0].items = both.sources[0].items.clone();
    s.sources[0].links = both.sources[0].links.clone();
    s.sources[0].version += 1;
    s
}

#[test]
fn alone_a_file_lists_its_links_to_the_other_and_f_asks_to_open_it() {
    let both = linked();
    let mut s = alone(&both);
    assert_eq!(
        notes(&s)
            .iter()
            .filter(|n| n.contains("-supports->"))
            .collect::<Vec<_>>(),
        [
            "  Salt was carried inland on old roads. -supports-> A map shows paths 漢字. (in fixture1.txt)"
        ]
    );
    s.panes[0].caret = start_of(&s, S0) + 3;
    let id = s.sources[0].links[0].id.clone();
    assert_eq!(
        apply(&mut s, FollowLink),
        Effect::OpenBeside(S0, id.clone())
    );
    // Not found: said, nothing else changes.
    s.opened_beside(
        S0,
        &id,
        Err("cannot follow the link: fixture1.txt not found".into()),
    );
    assert_eq!(
        message(&s),
        Some("cannot follow the link: fixture1.txt not found")
    );
    assert_eq!(s.panes.len(), 1);
    // Found: shown beside, the passage selected.
    let other = state_of(&[B]);
    let essays = other.docs.iter().map(|d| (*d.essay).clone()).collect();
    let mut source = Source::new(
        "fixture1.txt".into(),
        "annotations/fixture1.json".into(),
        DiskState {
            hash: None,
            file: AnnotationFile::new("fixture1.txt".into()),
        },
        both.sources[1].items.clone(),
        None,
        None,
    );
    source.links = both.sources[1].links.clone();
    let beside = Beside {
        essays,
        source,
        reading: ReadingState::default(),
        file: "fixture1.txt".into(),
    };
    s.opened_beside(S0, &id, Ok(beside));
    assert_eq!(
        message(&s),
        Some("opened fixture1.txt; followed the link (supports)")
    );
    assert_eq!(s.panes.len(), 2);
    assert_eq!(s.docs[s.panes[1].essay].essay.title, "Maps Without Roads");
    assert_eq!(s.panes[1].anchor, Some(start_of(&s, S1)));
    // Both open now: the link listed once, its other end from the other file.
    let listed: Vec<_> = notes(&s)
        .into_iter()
        .filter(|n| n.contains("-supports->"))
        .collect();
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].ends_with(LINK), "{listed:?}");
}

#[test]
fn saved_is_said_only_once_both_files_are_on_disk() {
    let mut s = linked();
    assert!(
        s.sources
            .iter()
            .all(|src| src.save == crate::state::SaveState::Saving)
    );
    let saved = |s: &AppState, source: SourceId| crate::store::Saved {
        disk: DiskState {
            hash: Some("h".into()),
            file: s.file_for_save(source),
        },
        merged: false,
    };
    let first = saved(&s, S0);
    apply(&mut s, Saved(S0, Ok(first)));
    assert!(!s.all_saved(), "the second file is not on disk yet");
    let second = saved(&s, S1);
    apply(&mut s, Saved(S1, Ok(second)));
    assert!(s.all_saved());
    // A failed save of the second file is not hidden by the first's success.
    let mut s = linked();
    let first = saved(&s, S0);
    apply(&mut s, Saved(S0, Ok(first)));
    apply(
        &mut s,
        Saved(S1, Err("annotations/fixture1.json: disk full".into())),
    );
    assert!(matches!(
        s.sources[1].save,
        crate::state::SaveState::Failed(_)
    ));
    assert!(!s.all_saved());
}

#[test]
fn opened_together_a_link_records_the_other_end_as_it_is_now() {
    let mut s = linked();
    let fresh = s.sources[0].links[0].other.clone();
    // As recorded before the other file was renamed and its essay retitled.
    let old = s.sources[0].links[0].other.as_mut().unwrap();
    old.source = "old-name.txt".into();
    old.essay.title = "Old Title".into();
    old.anchor.start += 5;
    old.path = "/gone/old-name.txt".into();
    s.refresh_other_ends();
    let now = s.sources[0].links[0].other.clone().unwrap();
    assert_eq!(now.source, "fixture1.txt");
    assert_eq!(now.essay.title, "Maps Without Roads");
    assert_eq!(now.anchor, fresh.unwrap().anchor);
    assert_eq!(
        now.path, "/gone/old-name.txt",
        "kept: the file's own path is not known"
    );
}
