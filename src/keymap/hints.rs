//! The hint line: the few keys that matter where the reader is, with the keys in force.

use super::{Context, Keymap, Unbound};
use crate::action::{Action, Choice, EditorInput, OfferChoice, QuitChoice};

/// Where the reader is, as far as the hints go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Situation {
    /// Keys go to this context, nothing more particular going on.
    In(Context),
    /// In an essay with a selection.
    Selecting,
    /// In an essay, choosing the partner of a link.
    Linking,
}

/// Which actions each situation shows, with a word or two each, most useful first but
/// for the last, which is kept when the line is short (the help, the way out).
#[rustfmt::skip]
static HINTS: &[(Situation, &[(Action, &str)])] = &[
    (Situation::In(Context::Essay), &[
        (Action::SelectSentence, "sentence"),
        (Action::Highlight, "highlight"),
        (Action::EditNote, "note"),
        (Action::SearchStart, "search"),
        (Action::ToggleSelect, "select"),
        (Action::Copy, "copy"),
        (Action::Help, "help"),
    ]),
    (Situation::Selecting, &[
        (Action::Highlight, "highlight"),
        (Action::EditNote, "note"),
        (Action::Link, "link"),
        (Action::Copy, "copy"),
        (Action::Back, "drop"),
        (Action::Help, "help"),
    ]),
    (Situation::Linking, &[
        (Action::Link, "partner here"),
        (Action::Back, "cancel"),
        (Action::Help, "help"),
    ]),
    (Situation::In(Context::Notes), &[
        (Action::NotesJump, "jump"),
        (Action::EditNote, "note"),
        (Action::FilterStart, "filter"),
        (Action::Tags, "tags"),
        (Action::Delete, "delete"),
        (Action::FocusNext, "essay"),
        (Action::Help, "help"),
    ]),
    (Situation::In(Context::TagList), &[
        (Action::TagsPick, "filter by it"),
        (Action::TagsMove(1), "next"),
        (Action::Back, "close"),
    ]),
    (Situation::In(Context::ColourPicker), &[
        (Action::PickColour(None), "give it"),
        (Action::ColourMove(1), "next"),
        (Action::Back, "cancel"),
    ]),
    (Situation::In(Context::Choose), &[
        (Action::Choose(Choice::Pick(None)), "delete it"),
        (Action::Choose(Choice::Move(1)), "next"),
        (Action::Back, "none"),
    ]),
    (Situation::In(Context::Confirm), &[
        (Action::Confirm(true), "delete"),
        (Action::Confirm(false), "keep"),
    ]),
    (Situation::In(Context::Editor), &[
        (Action::Editor(EditorInput::Newline), "new line"),
        (Action::Editor(EditorInput::Undo), "undo"),
        (Action::EditorClose, "keep the note"),
    ]),
    (Situation::In(Context::Search), &[
        (Action::SearchDone, "keep"),
        (Action::Back, "cancel"),
    ]),
    (Situation::In(Context::Filter), &[
        (Action::FilterDone, "keep"),
        (Action::Back, "clear"),
    ]),
    (Situation::In(Context::Picker), &[
        (Action::PickRelation(None), "link"),
        (Action::PickerMove(1), "next"),
        (Action::Back, "cancel"),
    ]),
    (Situation::In(Context::PairList), &[
        (Action::PairsView, "show both"),
        (Action::Link, "link"),
        (Action::PairsMove(1), "next"),
        (Action::Back, "close"),
    ]),
    (Situation::In(Context::Help), &[
        (Action::HelpPage(2), "page"),
        (Action::HelpFindStart, "search"),
        (Action::HelpScroll(isize::MIN), "top"),
        (Action::HelpScroll(isize::MAX), "end"),
        (Action::Back, "close"),
    ]),
    (Situation::In(Context::HelpSearch), &[
        (Action::HelpFindDone, "keep"),
        (Action::Back, "leave"),
    ]),
    (Situation::In(Context::QuitPrompt), &[
        (Action::QuitAnswer(QuitChoice::Retry), "retry"),
        (Action::QuitAnswer(QuitChoice::WriteRecovery), "write a copy"),
        (Action::QuitAnswer(QuitChoice::Stay), "stay"),
    ]),
    (Situation::In(Context::Offer), &[
        (Action::OfferAnswer(OfferChoice::Take), "merge"),
        (Action::OfferAnswer(OfferChoice::SetAside), "put aside"),
        (Action::OfferAnswer(OfferChoice::Later), "later"),
    ]),
    (Situation::In(Context::Alignment), &[
        (Action::AlignmentStep(1), "next pair"),
        (Action::AlignmentStep(-1), "previous"),
        (Action::AlignmentOpen, "open both"),
        (Action::Back, "close"),
    ]),
];

impl Keymap {
    /// The first keys bound to `action` where keys typed in `context` go (its own rows,
    /// then those that apply anywhere).
    pub fn key_in(&self, context: Context, action: &Action) -> Option<String> {
        let find = |c: Context| {
            self.rows()
                .iter()
                .find(|r| r.context == c && r.letter.is_none() && r.action == *action)
                .map(super::Row::label)
        };
        find(context).or_else(|| match context.unbound() {
            Unbound::Anywhere => find(Context::Anywhere),
            _ => None,
        })
    }
}

/// The hints of `situation`: a key and a word or two each, in order (actions with no key
/// left are not shown).
pub fn hints(map: &Keymap, situation: Situation) -> Vec<(String, &'static str)> {
    let context = match situation {
        Situation::In(c) => c,
        Situation::Selecting | Situation::Linking => Context::Essay,
    };
    HINTS
        .iter()
        .find(|(s, _)| *s == situation)
        .map(|(_, list)| {
            list.iter()
                .filter_map(|(action, word)| Some((map.key_in(context, action)?, *word)))
                .collect()
        })
        .unwrap_or_default()
}

/// Every situation with hints (for tests and the README).
pub fn situations() -> impl Iterator<Item = Situation> {
    HINTS.iter().map(|(s, _)| *s)
}
