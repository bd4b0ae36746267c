//! `Placed`: the rest of a source's annotations, read and placed after the first screen,
//! lands in the state (see also `session::first`'s tests, from the files on disk).

use std::sync::Arc;

use crate::action::Action;
use crate::state::testkit::{apply, apply_all};
use crate::state::{AppState, Effect, EssayDoc, Source};
use crate::store::{AnnotationFile, DiskState, Landed, Landing, ReadingState, SourceId};

fn state() -> AppState {
    let essay = crate::essay::split("Title\n\nOne sentence here. Another one there.\n", "t");
    let docs = essay
        .into_iter()
        .map(|e| EssayDoc::new(e, SourceId(0)))
        .collect();
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("t.txt".into()),
    };
    let source = Source::new(
        "t.txt".into(),
        "t.json".into(),
        disk,
        Vec::new(),
        None,
        None,
    );
    AppState::new(docs, vec![source], &[ReadingState::default()])
}

fn landing(read_only: Option<String>) -> Action {
    let mut file = AnnotationFile::new("t.txt".into());
    file.version = 1;
    Action::Placed(Landing(Arc::new(Landed {
        source: SourceId(0),
        disk: Arc::new(DiskState {
            hash: Some("abc".into()),
            file,
        }),
        items: Vec::new(),
        read_only,
        offers: Vec::new(),
        unreadable: Vec::new(),
    })))
}

#[test]
fn changes_wait_until_placed_lands_then_are_taken() {
    let mut s = state().placing_rest(&[(SourceId(0), 7)]);
    assert_eq!(s.placing(), Some(7));
    let effect = apply_all(&mut s, [Action::SelectSentence, Action::Highlight]);
    assert_eq!(effect, Effect::None);
    assert!(s.sources()[0].items.is_empty());
    assert_eq!(
        s.message(),
        Some("read-only: still placing 7 annotations; try again in a moment")
    );
    apply(&mut s, landing(None));
    assert_eq!(s.placing(), None);
    assert_eq!(s.sources()[0].read_only, None);
    assert_eq!(s.sources()[0].disk.hash.as_deref(), Some("abc"));
    let effect = apply_all(&mut s, [Action::SelectSentence, Action::Highlight]);
    assert_eq!(effect, Effect::Save(SourceId(0)));
}

#[test]
fn placed_keeps_why_a_file_is_read_only_and_lands_once() {
    let mut s = state().placing_rest(&[(SourceId(0), 3)]);
    apply(
        &mut s,
        landing(Some("written by a newer version (9)".into())),
    );
    assert_eq!(
        s.sources()[0].read_only.as_deref(),
        Some("written by a newer version (9)")
    );
    // A second landing (none is waiting) changes nothing.
    apply(&mut s, landing(None));
    assert!(s.sources()[0].read_only.is_some());
    assert_eq!(s.placing(), None);
}
