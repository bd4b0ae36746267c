//! `apply` as a pure function of the state, the action and the stamp.

use chrono::{TimeZone, Utc};

use crate::action::{Action, EditorInput, Motion};
use crate::essay::{BlockKind, Essay};
use crate::state::{AppState, EssayDoc, Source, SourceId};
use crate::store::{AnnotationFile, DiskState, Stamp};

/// Two essays of one file, side by side.
fn state() -> AppState {
    let essay = |id: &str, text: &str| {
        Essay::from_blocks(id.into(), vec![(BlockKind::Paragraph, text.repeat(30))])
    };
    let disk = DiskState {
        hash: None,
        file: AnnotationFile::new("pair.txt".into()),
    };
    let source = Source::new("pair".into(), "pair.json".into(), disk, vec![], None, None);
    let docs = vec![
        EssayDoc::new(
            essay("left", "The lamp burns low. Ink dries slowly. "),
            SourceId(0),
        ),
        EssayDoc::new(
            essay("right", "Rivers bend twice. Stones keep still. "),
            SourceId(0),
        ),
    ];
    AppState::new(docs, vec![source], &[])
}

/// Highlights with notes, a link that makes both its highlights, a colour change, an
/// undo and a redo: every action that makes an id or stamps a time.
fn script() -> Vec<Action> {
    let mut out = vec![
        Action::Resize(160, 40),
        Action::Move(Motion::SentenceNext),
        Action::Highlight,
        Action::EditNote,
    ];
    out.extend(
        "ink #slow"
            .chars()
            .map(|c| Action::Editor(EditorInput::Char(c))),
    );
    out.extend([
        Action::EditorClose,
        Action::Move(Motion::SentenceNext),
        Action::Link,
        Action::Move(Motion::SentenceNext),
        Action::Link,
        Action::PickRelation(Some(crate::annotation::Relation::Contradicts)),
        Action::EditorClose,
        Action::FocusPrev,
        Action::Move(Motion::Top),
        Action::EditNote,
        Action::Editor(EditorInput::Char('x')),
        Action::EditorClose,
        Action::CycleColour,
        Action::Undo,
        Action::Redo,
    ]);
    out
}

/// The annotations file after playing `script` with the stamps `stamp(step)`.
fn played(stamp: impl Fn(u64) -> Stamp) -> String {
    let mut state = state();
    for (step, action) in script().into_iter().enumerate() {
        state.apply(action, stamp(step as u64));
    }
    serde_json::to_string_pretty(&state.file_for_save(SourceId(0))).expect("json")
}

#[test]
fn the_same_actions_with_the_same_stamps_make_the_same_file() {
    let at = |step: u64| {
        let now = Utc
            .with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
            .single()
            .expect("time");
        Stamp::new(now + chrono::Duration::seconds(step as i64), 1000 + step)
    };
    let first = played(at);
    let file: AnnotationFile = serde_json::from_str(&first).expect("parses");
    assert_eq!(file.annotations.len(), 4, "{first}");
    assert_eq!(file.links.len(), 1, "{first}");
    assert_eq!(
        first,
        played(at),
        "same state, actions and stamps: same file"
    );
    // The ids come from the stamps, not from anywhere else.
    let other = played(|step| Stamp::new(at(step).now, 7 + step));
    assert_ne!(first, other);
}
