//! Every action has its table: naming the file that tests it, with no wildcard, so that
//! an action added without a test does not build.

use crate::action::{Action, EditorInput, Motion, Mouse as Gesture, OfferChoice, QuitChoice};
use crate::state::{DocId, SourceId};

/// The test file (under `src/state/tests/`) that holds the rows of `action`.
fn table_of(action: &Action) -> &'static str {
    use Action::*;
    match action {
        FocusNext | FocusPrev | Move(_) | PrevEssay | NextEssay | Wider | Narrower
        | ToggleTheme | ToggleLock | Align | Resize(..) => "reading",
        Mouse(_) => "pointer",
        ToggleSelect | SelectSentence | Highlight | CycleColour | Delete | Undo | Redo
        | EditNote | EditorClose | Editor(_) => "marking",
        NotesDown | NotesUp | NotesJump | FilterStart | Filter(_) | FilterDone => "notes",
        Link | FollowLink | PickRelation(_) | PickerMove(_) | Parallel | Pairs | PairsView
        | PairsMove(_) => "links",
        SearchStart | Search(_) | SearchDone | SearchNext | SearchPrev => "search",
        Review | Accept | Reattach => "review",
        Back | Help | HelpScroll(_) => "modes",
        Export | Exported(_) | Saved(..) | Quit | QuitAnswer(_) | OfferAnswer(_)
        | RecoveryWritten(_) | KeptDone(_) | Suspend | QuitPending | SettingsSaved(_)
        | TurnedReadOnly(..) | Tick => "shell",
        Scroll(_) => "motions",
        NextMark(_) | PrevMark(_) | SetMark(_) | GoToMark(_) | JumpBack | JumpForward => "marks",
        Pending(_) | UnknownKey(_) | Repeat(..) => "keys",
        Copy | ToggleNumbers | CopyFailed(_) => "copy",
        Choose(_) | Confirm(_) => "overlaps",
        NotesFirst | NotesLast => "notes",
        Tags | TagsMove(_) | TagsPick | FilterComplete => "tags",
        ColourStart | ColourMove(_) | PickColour(_) => "colours",
        HelpPage(_) | HelpFindStart | HelpFind(_) | HelpFindDone | HelpFindNext(_) => "help",
        FollowReference => "references",
        Indexed(..) => "parallel",
        AlignmentView | AlignmentStep(_) | AlignmentMove(_) | AlignmentOpen | Aligned(_) => {
            "alignment"
        }
        Placed(_) => "landing",
    }
}

/// One action of each kind.
fn samples() -> Vec<Action> {
    use Action::*;
    vec![
        FocusNext,
        FocusPrev,
        Move(Motion::WordNext),
        ToggleSelect,
        SelectSentence,
        Highlight,
        CycleColour,
        EditNote,
        Delete,
        Undo,
        Redo,
        PrevEssay,
        NextEssay,
        NotesDown,
        NotesUp,
        HelpScroll(1),
        PickerMove(1),
        PairsMove(1),
        NotesJump,
        Link,
        FollowLink,
        PickRelation(None),
        Wider,
        Narrower,
        ToggleTheme,
        Parallel,
        Pairs,
        PairsView,
        ToggleLock,
        Align,
        SearchStart,
        Search(EditorInput::Char('a')),
        SearchDone,
        SearchNext,
        SearchPrev,
        FilterStart,
        Filter(EditorInput::Char('a')),
        FilterDone,
        Review,
        Accept,
        Reattach,
        Export,
        Back,
        Help,
        Quit,
        Suspend,
        EditorClose,
        Editor(EditorInput::Char('a')),
        Mouse(Gesture::PressElsewhere),
        Resize(80, 24),
        Exported(Err("x".into())),
        Saved(SourceId(0), Err("x".into())),
        QuitAnswer(QuitChoice::Stay),
        OfferAnswer(OfferChoice::Later),
        RecoveryWritten(Vec::new()),
        KeptDone(Ok("x".into())),
        QuitPending,
        SettingsSaved(Err("x".into())),
        TurnedReadOnly(crate::store::SourceId(0), "x".into()),
        Tick,
        Scroll(crate::action::ScrollTo::Middle),
        NextMark(crate::action::MarkKind::Highlight),
        PrevMark(crate::action::MarkKind::Note),
        SetMark('a'),
        GoToMark('a'),
        JumpBack,
        JumpForward,
        Pending(Default::default()),
        UnknownKey("x".into()),
        Repeat(2, Box::new(Move(Motion::WordNext))),
        Copy,
        ToggleNumbers,
        CopyFailed("x".into()),
        Choose(crate::action::Choice::Move(1)),
        Confirm(true),
        NotesFirst,
        NotesLast,
        Tags,
        TagsMove(1),
        TagsPick,
        FilterComplete,
        ColourStart,
        ColourMove(1),
        PickColour(None),
        HelpPage(2),
        HelpFindStart,
        HelpFind(EditorInput::Char('a')),
        HelpFindDone,
        HelpFindNext(1),
        FollowReference,
        Indexed(
            crate::store::DocId(0),
            crate::similar::SharedIndex(std::sync::Arc::new(crate::similar::SentenceIndex::new(
                &crate::essay::Essay::from_blocks("x".into(), Vec::new()),
            ))),
        ),
        AlignmentView,
        AlignmentStep(1),
        AlignmentMove(1),
        AlignmentOpen,
        Aligned(crate::similar::align::Scored {
            docs: (DocId(0), DocId(1)),
            scores: Default::default(),
        }),
        Placed(crate::store::Landing(std::sync::Arc::new(
            crate::store::Landed {
                source: SourceId(0),
                disk: std::sync::Arc::new(crate::store::DiskState {
                    hash: None,
                    file: crate::store::AnnotationFile::new("x".into()),
                }),
                items: Vec::new(),
                read_only: None,
                offers: Vec::new(),
                unreadable: Vec::new(),
            },
        ))),
    ]
}

#[test]
fn every_action_names_a_table_that_exists() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/state/tests");
    for action in samples() {
        let file = dir.join(format!("{}.rs", table_of(&action)));
        assert!(file.exists(), "{action:?}: {} is missing", file.display());
        // The table names the action's variant in a row.
        let variant = format!("{action:?}");
        let name = variant
            .split(['(', ' '])
            .next()
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        assert!(
            text.contains(&name),
            "{} holds no row of {name}",
            file.display()
        );
    }
}

#[test]
fn every_bound_action_has_a_sample() {
    let sampled: Vec<std::mem::Discriminant<Action>> =
        samples().iter().map(std::mem::discriminant).collect();
    for binding in crate::keymap::BINDINGS.iter() {
        assert!(
            sampled.contains(&std::mem::discriminant(&binding.action)),
            "{:?} has no sample",
            binding.action
        );
    }
}
