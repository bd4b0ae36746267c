//! A snapshot followed from the one before it is the snapshot taken afresh, whatever the
//! reader did in between.

use proptest::prelude::*;

use super::*;
use crate::action::{EditorInput, Motion};
use crate::state::{EssayDoc, Source};

const TEXT: &str = "Ledgers\n\nBy A Writer\n\nOne sentence here. Another one there. \
    A third follows. A fourth is here. A fifth one.\n\nA second paragraph starts. \
    It goes on. And it ends here.\n";

fn state() -> AppState {
    let docs = crate::essay::split(TEXT, "ledgers")
        .into_iter()
        .map(|e| EssayDoc::new(e, SourceId(0)))
        .collect();
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("ledgers.txt".into()),
    };
    let source = Source::new(
        "ledgers.txt".into(),
        "l.json".into(),
        disk,
        vec![],
        None,
        None,
    );
    let mut state = AppState::new(docs, vec![source], &[]);
    state.apply(Action::Resize(100, 30), store::Stamp::fresh());
    state
}

/// The reader's keys that change annotations, and those that move between them.
fn key() -> impl Strategy<Value = Vec<Action>> {
    prop_oneof![
        Just(vec![Action::Move(Motion::SentenceNext)]),
        Just(vec![Action::Move(Motion::SentencePrev)]),
        Just(vec![Action::Highlight]),
        Just(vec![Action::CycleColour]),
        Just(vec![Action::Delete]),
        Just(vec![Action::Undo]),
        Just(vec![Action::Redo]),
        Just(vec![
            Action::EditNote,
            Action::Editor(EditorInput::Char('n')),
            Action::EditorClose,
        ]),
    ]
}

proptest! {
    #[test]
    fn a_followed_snapshot_is_the_one_taken_afresh(
        keys in proptest::collection::vec(key(), 1..60),
        every in 1..4usize,
    ) {
        let mut state = state();
        let mut snapshots = Snapshots::default();
        for (i, actions) in keys.iter().enumerate() {
            for action in actions {
                state.apply(action.clone(), store::Stamp::fresh());
            }
            // Snapshots asked for now and then, as saves are: several changes between.
            if i % every == 0 {
                let followed = snapshots.of(&state, SourceId(0));
                let fresh = Snapshot::take(&state, SourceId(0));
                prop_assert_eq!(followed.annotations.len(), fresh.annotations.len());
                for (a, b) in followed.annotations.iter().zip(&fresh.annotations) {
                    prop_assert!(Arc::ptr_eq(a, b), "{} is not {}", a.id, b.id);
                }
                prop_assert_eq!(followed.to_file(), fresh.to_file());
            }
        }
    }
}

#[test]
fn a_snapshot_after_one_change_is_followed_not_taken_afresh() {
    let mut state = state();
    let mut snapshots = Snapshots::default();
    state.apply(Action::Highlight, store::Stamp::fresh());
    let first = snapshots.of(&state, SourceId(0));
    state.apply(Action::Move(Motion::SentenceNext), store::Stamp::fresh());
    state.apply(Action::Highlight, store::Stamp::fresh());
    let moves = state.sources()[0].moves_since(state.sources()[0].version() - 1);
    assert_eq!(moves, Some(vec![Moved::Insert(1)]));
    let second = snapshots.of(&state, SourceId(0));
    assert_eq!(second.annotations.len(), 2);
    assert!(Arc::ptr_eq(&first.annotations[0], &second.annotations[0]));
    assert_eq!(
        second.to_file().annotations[1],
        *state.sources()[0].items[1].annotation
    );
}

#[test]
fn a_primed_saver_follows_from_the_first_change_on() {
    let mut state = state();
    let write: Arc<Write> = Arc::new(|_, known, _, _| {
        Ok(Saved {
            disk: known.clone(),
            merged: false,
        })
    });
    let report: Arc<Report> = Arc::new(|_, _| {});
    let mut saver = Saver::new(write, report);
    saver.prime(&state);
    assert_eq!(saver.snapshots.taken_whole, 1);
    state.apply(Action::Highlight, store::Stamp::fresh());
    let snapshot = saver.snapshots.of(&state, SourceId(0));
    assert_eq!(snapshot.annotations.len(), 1);
    assert_eq!(saver.snapshots.taken_whole, 1, "followed, not taken whole");
}
