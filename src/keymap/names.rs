//! Names for the key file: one per context (`essay`) and one per bindable action
//! (`highlight`), kebab-case and stable: a reader's `keys.toml` is written with them.

use super::Context;
use crate::action::{
    Action, Choice, EditorInput, MarkKind, Motion, OfferChoice, QuitChoice, ScrollTo,
};
use crate::annotation::Relation;

/// Every context, in the order of the key file.
pub const CONTEXTS: &[Context] = &[
    Context::Anywhere,
    Context::Essay,
    Context::Notes,
    Context::Editor,
    Context::Search,
    Context::Filter,
    Context::Picker,
    Context::PairList,
    Context::Help,
    Context::HelpSearch,
    Context::QuitPrompt,
    Context::Offer,
    Context::TagList,
    Context::ColourPicker,
    Context::Choose,
    Context::Confirm,
];

impl Context {
    /// Its table in the key file: `[essay]`.
    pub fn name(self) -> &'static str {
        match self {
            Context::Anywhere => "anywhere",
            Context::Essay => "essay",
            Context::Notes => "notes",
            Context::Editor => "editor",
            Context::Help => "help",
            Context::HelpSearch => "help-search",
            Context::Filter => "filter",
            Context::Search => "search",
            Context::Picker => "picker",
            Context::PairList => "pairs",
            Context::QuitPrompt => "quit-prompt",
            Context::Offer => "offer",
            Context::TagList => "tags",
            Context::ColourPicker => "colours",
            Context::Choose => "which",
            Context::Confirm => "confirm",
        }
    }

    /// The context a key file's table names.
    pub fn named(name: &str) -> Option<Context> {
        CONTEXTS.iter().copied().find(|c| c.name() == name)
    }
}

/// The name of an action in the key file (for a row that takes a letter: of its action
/// with any letter). `None`: not an action a key is bound to.
pub fn action_name(action: &Action) -> Option<&'static str> {
    Some(match action {
        Action::FocusNext => "focus-next",
        Action::FocusPrev => "focus-previous",
        Action::Undo => "undo",
        Action::Redo => "redo",
        Action::ToggleLock => "lock",
        Action::Review => "review",
        Action::Export => "export",
        Action::Back => "back",
        Action::Help => "help",
        Action::Quit => "quit",
        Action::Suspend => "suspend",
        Action::Pairs => "pairs",
        Action::ToggleTheme => "theme",
        Action::Move(motion) => motion_name(*motion)?,
        Action::ToggleSelect => "select",
        Action::SelectSentence => "select-sentence",
        Action::Highlight => "highlight",
        Action::CycleColour => "colour",
        Action::EditNote => "note",
        Action::Delete => "delete",
        Action::SearchStart => "search",
        Action::SearchNext => "search-next",
        Action::SearchPrev => "search-previous",
        Action::Link => "link",
        Action::FollowLink => "follow-link",
        Action::FollowReference => "follow-reference",
        Action::Parallel => "parallel",
        Action::Align => "align",
        Action::Wider => "wider",
        Action::Narrower => "narrower",
        Action::PrevEssay => "essay-previous",
        Action::NextEssay => "essay-next",
        Action::NotesDown => "item-next",
        Action::NotesUp => "item-previous",
        Action::NotesJump => "jump",
        Action::FilterStart => "filter",
        Action::Accept => "accept",
        Action::Reattach => "reattach",
        Action::EditorClose => "close",
        Action::SearchDone | Action::FilterDone | Action::HelpFindDone => "done",
        Action::Editor(input)
        | Action::Search(input)
        | Action::Filter(input)
        | Action::HelpFind(input) => input_name(input)?,
        Action::PickRelation(Some(relation)) => match relation {
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
            Relation::Elaborates => "elaborates",
            Relation::SamePoint => "same-point",
            Relation::SeeAlso => "see-also",
        },
        Action::PickRelation(None) => "make-link",
        Action::PickerMove(1) | Action::PairsMove(1) => "next",
        Action::PickerMove(-1) | Action::PairsMove(-1) => "previous",
        Action::PairsView => "show",
        Action::HelpScroll(1) => "scroll-down",
        Action::HelpScroll(-1) => "scroll-up",
        Action::HelpScroll(isize::MIN) => "top",
        Action::HelpScroll(isize::MAX) => "bottom",
        Action::HelpPage(2) => "page-down",
        Action::HelpPage(-2) => "page-up",
        Action::HelpPage(1) => "half-page-down",
        Action::HelpPage(-1) => "half-page-up",
        Action::HelpFindStart => "search",
        Action::HelpFindNext(1) => "search-next",
        Action::HelpFindNext(-1) => "search-previous",
        Action::QuitAnswer(QuitChoice::Retry) => "retry",
        Action::QuitAnswer(QuitChoice::WriteRecovery) => "write-recovery",
        Action::QuitAnswer(QuitChoice::Stay) => "stay",
        Action::OfferAnswer(OfferChoice::Take) => "merge",
        Action::OfferAnswer(OfferChoice::SetAside) => "set-aside",
        Action::OfferAnswer(OfferChoice::Later) => "later",
        Action::Copy => "copy",
        Action::ToggleNumbers => "paragraph-numbers",
        Action::ColourStart => "colour",
        Action::NotesFirst => "first",
        Action::NotesLast => "last",
        Action::Tags => "tags",
        Action::FilterComplete => "complete",
        Action::TagsMove(1) | Action::ColourMove(1) | Action::Choose(Choice::Move(1)) => "next",
        Action::TagsMove(-1) | Action::ColourMove(-1) | Action::Choose(Choice::Move(-1)) => {
            "previous"
        }
        Action::TagsPick => "pick",
        Action::PickColour(None) | Action::Choose(Choice::Pick(None)) => "pick",
        Action::PickColour(Some(colour)) => colour.name(),
        Action::Choose(Choice::Pick(Some(n))) => match n {
            0 => "first",
            1 => "second",
            2 => "third",
            3 => "fourth",
            4 => "fifth",
            5 => "sixth",
            6 => "seventh",
            7 => "eighth",
            8 => "ninth",
            _ => return None,
        },
        Action::Confirm(true) => "yes",
        Action::Confirm(false) => "no",
        Action::Scroll(to) => match to {
            ScrollTo::Middle => "scroll-middle",
            ScrollTo::Top => "scroll-top",
            ScrollTo::Bottom => "scroll-bottom",
            ScrollTo::LineDown => "scroll-down",
            ScrollTo::LineUp => "scroll-up",
        },
        Action::NextMark(kind) => match kind {
            MarkKind::Highlight => "highlight-next",
            MarkKind::Note => "note-next",
            MarkKind::Link => "link-next",
            MarkKind::Pair => "pair-next",
        },
        Action::PrevMark(kind) => match kind {
            MarkKind::Highlight => "highlight-previous",
            MarkKind::Note => "note-previous",
            MarkKind::Link => "link-previous",
            MarkKind::Pair => "pair-previous",
        },
        Action::SetMark(_) => "set-mark",
        Action::GoToMark(_) => "go-to-mark",
        Action::JumpBack => "jump-back",
        Action::JumpForward => "jump-forward",
        _ => return None,
    })
}

fn motion_name(motion: Motion) -> Option<&'static str> {
    Some(match motion {
        Motion::LineDown => "line-down",
        Motion::LineUp => "line-up",
        Motion::PageDown => "page-down",
        Motion::PageUp => "page-up",
        Motion::HalfPageDown => "half-page-down",
        Motion::HalfPageUp => "half-page-up",
        Motion::Top => "top",
        Motion::Bottom => "bottom",
        Motion::Left => "left",
        Motion::Right => "right",
        Motion::WordNext => "word-next",
        Motion::WordPrev => "word-previous",
        Motion::WordEnd => "word-end",
        Motion::SentenceNext => "sentence-next",
        Motion::SentencePrev => "sentence-previous",
        Motion::ParagraphNext => "paragraph-next",
        Motion::ParagraphPrev => "paragraph-previous",
        Motion::LineStart => "line-start",
        Motion::FirstNonBlank => "line-first-character",
        Motion::LineEnd => "line-end",
        Motion::ScreenTop => "view-top",
        Motion::ScreenMiddle => "view-middle",
        Motion::ScreenBottom => "view-bottom",
    })
}

fn input_name(input: &EditorInput) -> Option<&'static str> {
    Some(match input {
        EditorInput::Char(' ') => "space",
        EditorInput::Newline => "new-line",
        EditorInput::Backspace => "delete-back",
        EditorInput::Delete => "delete-forward",
        EditorInput::DeleteWordBack => "delete-word-back",
        EditorInput::Left => "cursor-left",
        EditorInput::Right => "cursor-right",
        EditorInput::WordLeft => "word-left",
        EditorInput::WordRight => "word-right",
        EditorInput::Up => "cursor-up",
        EditorInput::Down => "cursor-down",
        EditorInput::Home => "start",
        EditorInput::End => "end",
        EditorInput::Undo => "undo",
        EditorInput::Redo => "redo",
        _ => return None,
    })
}
