//! The key bindings, as data: one row per key. Lookup, help and hints all read this table.

pub mod file;
mod help;
pub mod hints;
pub mod keys;
mod names;
mod read;

pub use help::{HelpLine, HelpPage, HelpText, help_lines, help_page};
pub use names::{CONTEXTS, action_name};
pub use read::{Keymap, MAX_COUNT, Pending, Row, paste, read};

use ratatui::crossterm::event::{KeyEvent, KeyModifiers};

use crate::action::{
    Action, Choice, EditorInput, MarkKind, Motion, OfferChoice, QuitChoice, ScrollTo,
};
use crate::annotation::{Colour, Relation};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// In any pane (not while editing a note or reading help).
    Anywhere,
    /// In an essay pane.
    Essay,
    /// In the notes pane.
    Notes,
    /// In the note editor.
    Editor,
    /// While the help is shown.
    Help,
    /// While typing the notes filter.
    Filter,
    /// While typing a search.
    Search,
    /// While choosing the relation of a new link.
    Picker,
    /// While the list of similar pairs is shown.
    PairList,
    /// While asking whether to quit with changes not saved.
    QuitPrompt,
    /// While offering a recovery copy or a note draft kept last time.
    Offer,
    /// While choosing which of the overlapping highlights to delete.
    Choose,
    /// While asking before deleting a highlight with a note or links.
    Confirm,
    /// While the list of tags is shown.
    TagList,
    /// While choosing a highlight's colour.
    ColourPicker,
    /// While typing a search in the help.
    HelpSearch,
}

impl Context {
    /// The heading of this context in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Anywhere => "Anywhere",
            Context::Essay => "Essay panes",
            Context::Notes => "Notes pane",
            Context::Editor => "Note editor",
            Context::Help => "Help",
            Context::Filter => "Notes filter",
            Context::Search => "Search",
            Context::Picker => "Link relation",
            Context::PairList => "Similar pairs",
            Context::QuitPrompt => "Quitting with changes not saved",
            Context::Offer => "A copy kept last time",
            Context::Choose => "Which highlight (where they overlap)",
            Context::Confirm => "Deleting a highlight with a note or links",
            Context::TagList => "Tags",
            Context::ColourPicker => "Colour",
            Context::HelpSearch => "Searching the help",
        }
    }
}

/// What a context does with a key it has no row for.
#[derive(Debug, Clone, Copy)]
pub enum Unbound {
    /// A character is typed into an input: this action carries it (and a paste).
    Typed(fn(EditorInput) -> Action),
    /// Nothing: the context takes only its own keys (a prompt, a list, the help).
    Ignored,
    /// The keys that apply anywhere are looked up.
    Anywhere,
}

impl Context {
    /// What this context does with a key it has no row for.
    pub fn unbound(self) -> Unbound {
        match self {
            Context::Editor => Unbound::Typed(Action::Editor),
            Context::Search => Unbound::Typed(Action::Search),
            Context::Filter => Unbound::Typed(Action::Filter),
            Context::HelpSearch => Unbound::Typed(Action::HelpFind),
            Context::Help
            | Context::Picker
            | Context::PairList
            | Context::QuitPrompt
            | Context::Offer
            | Context::Choose
            | Context::Confirm
            | Context::TagList
            | Context::ColourPicker => Unbound::Ignored,
            Context::Anywhere | Context::Essay | Context::Notes => Unbound::Anywhere,
        }
    }
}

/// One row of the table: in `context`, `keys` do `action`.
#[derive(Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The keys, as [`keys::parse`] reads them: `j`, `Ctrl-d`, `PgDn`, `]h`.
    pub keys: &'static str,
    /// What they do (for a row that takes a letter: what they do with `a`).
    pub action: Action,
    /// For a row that takes a letter after its keys (`m` then `a`–`z`): the action for it.
    pub letter: Option<fn(char) -> Action>,
    /// A few words for the help screen.
    pub hint: &'static str,
}

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn bind(context: Context, keys: &'static str, action: Action, hint: &'static str) -> Binding {
    Binding {
        context,
        keys,
        action,
        letter: None,
        hint,
    }
}

/// A row whose keys take a letter after them (`m` then `a`–`z`); `action` is what they do
/// with `a`, `make` what they do with any letter.
#[allow(dead_code)]
const fn letter(
    context: Context,
    keys: &'static str,
    action: Action,
    make: fn(char) -> Action,
    hint: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        letter: Some(make),
        hint,
    }
}

use Context::{
    Anywhere, Choose, ColourPicker, Confirm, Editor, Essay, Filter, Help, HelpSearch, Notes, Offer,
    PairList, Picker, QuitPrompt, Search, TagList,
};

/// Every binding. The order is the order of the help screen.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Anywhere, "Tab", Action::FocusNext, "focus the next pane"),
    bind(Anywhere, "Shift-Tab", Action::FocusPrev, "focus the previous pane"),
    bind(Anywhere, "u", Action::Undo, "undo the last change to annotations"),
    bind(Anywhere, "Ctrl-r", Action::Redo, "redo"),
    bind(Anywhere, "S", Action::ToggleLock, "lock / unlock scrolling of the two essays"),
    bind(Anywhere, "R", Action::Review, "review annotations that moved or were lost"),
    bind(Anywhere, "E", Action::Export, "export the notes to Markdown"),
    bind(Anywhere, "Esc", Action::Back, "back out: clear the selection, close a popup"),
    bind(Anywhere, "?", Action::Help, "show this help"),
    bind(Anywhere, "q", Action::Quit, "quit (asks first if a change is not saved)"),
    bind(Anywhere, "Ctrl-c", Action::Quit, "quit"),
    bind(Anywhere, "Ctrl-z", Action::Suspend, "suspend to the shell (fg comes back)"),
    bind(Essay, "j", Action::Move(Motion::LineDown), "caret down one line"),
    bind(Essay, "Down", Action::Move(Motion::LineDown), "caret down one line"),
    bind(Essay, "k", Action::Move(Motion::LineUp), "caret up one line"),
    bind(Essay, "Up", Action::Move(Motion::LineUp), "caret up one line"),
    bind(Essay, "Left", Action::Move(Motion::Left), "caret left"),
    bind(Essay, "Right", Action::Move(Motion::Right), "caret right"),
    bind(Essay, "Space", Action::Move(Motion::PageDown), "page down"),
    bind(Essay, "PgDn", Action::Move(Motion::PageDown), "page down"),
    bind(Essay, "Ctrl-f", Action::Move(Motion::PageDown), "page down"),
    bind(Essay, "Ctrl-b", Action::Move(Motion::PageUp), "page up"),
    bind(Essay, "PgUp", Action::Move(Motion::PageUp), "page up"),
    bind(Essay, "Ctrl-d", Action::Move(Motion::HalfPageDown), "half page down"),
    bind(Essay, "Ctrl-u", Action::Move(Motion::HalfPageUp), "half page up"),
    bind(Essay, "g", Action::Move(Motion::Top), "top of the essay"),
    bind(Essay, "Home", Action::Move(Motion::Top), "top of the essay"),
    bind(Essay, "G", Action::Move(Motion::Bottom), "bottom of the essay"),
    bind(Essay, "End", Action::Move(Motion::Bottom), "bottom of the essay"),
    bind(Essay, "w", Action::Move(Motion::WordNext), "next word"),
    bind(Essay, "b", Action::Move(Motion::WordPrev), "previous word"),
    bind(Essay, "e", Action::Move(Motion::WordEnd), "end of word"),
    bind(Essay, ")", Action::Move(Motion::SentenceNext), "next sentence"),
    bind(Essay, "(", Action::Move(Motion::SentencePrev), "previous sentence"),
    bind(Essay, "}", Action::Move(Motion::ParagraphNext), "next paragraph"),
    bind(Essay, "{", Action::Move(Motion::ParagraphPrev), "previous paragraph"),
    bind(Essay, "v", Action::ToggleSelect, "start / drop a selection"),
    bind(Essay, "s", Action::SelectSentence, "select the sentence (again: extend)"),
    bind(Essay, "Enter", Action::Highlight, "highlight the selection or sentence"),
    bind(Essay, "c", Action::ColourStart, "choose the highlight's colour"),
    bind(Essay, "a", Action::EditNote, "write or edit a note"),
    bind(Essay, "x", Action::Delete, "delete the highlight and its note"),
    bind(Essay, "/", Action::SearchStart, "search (smart case)"),
    bind(Essay, "n", Action::SearchNext, "next match"),
    bind(Essay, "N", Action::SearchPrev, "previous match"),
    bind(Essay, "l", Action::Link, "link to a passage of the other essay (again: its partner)"),
    bind(Essay, "f", Action::FollowLink, "follow the link at the caret"),
    bind(Essay, "F", Action::FollowReference, "go to the footnote at the caret (and back); show a web link's address"),
    bind(Essay, "p", Action::Parallel, "parallel passage in the other essay (again: next)"),
    bind(Anywhere, "P", Action::Pairs, "list the most similar pairs of passages"),
    bind(Essay, "=", Action::Align, "align the other essay with the caret"),
    bind(Essay, "+", Action::Wider, "widen the text measure"),
    bind(Essay, "-", Action::Narrower, "narrow the text measure"),
    bind(Anywhere, "T", Action::ToggleTheme, "light / dark theme"),
    bind(Essay, "[[", Action::PrevEssay, "previous essay in this pane"),
    bind(Essay, "]]", Action::NextEssay, "next essay in this pane"),
    bind(Essay, "0", Action::Move(Motion::LineStart), "start of the screen line (wrapped: the row)"),
    bind(Essay, "^", Action::Move(Motion::FirstNonBlank), "first character of the screen line"),
    bind(Essay, "$", Action::Move(Motion::LineEnd), "end of the screen line"),
    bind(Essay, "H", Action::Move(Motion::ScreenTop), "caret to the top line of the view"),
    bind(Essay, "M", Action::Move(Motion::ScreenMiddle), "caret to the middle line of the view"),
    bind(Essay, "L", Action::Move(Motion::ScreenBottom), "caret to the bottom line of the view"),
    bind(Essay, "zz", Action::Scroll(ScrollTo::Middle), "scroll: the caret's line in the middle"),
    bind(Essay, "zt", Action::Scroll(ScrollTo::Top), "scroll: the caret's line at the top"),
    bind(Essay, "zb", Action::Scroll(ScrollTo::Bottom), "scroll: the caret's line at the bottom"),
    bind(Essay, "Ctrl-e", Action::Scroll(ScrollTo::LineDown), "scroll down a line, the caret staying"),
    bind(Essay, "Ctrl-y", Action::Scroll(ScrollTo::LineUp), "scroll up a line, the caret staying"),
    bind(Essay, "]h", Action::NextMark(MarkKind::Highlight), "next highlight"),
    bind(Essay, "[h", Action::PrevMark(MarkKind::Highlight), "previous highlight"),
    bind(Essay, "]n", Action::NextMark(MarkKind::Note), "next note"),
    bind(Essay, "[n", Action::PrevMark(MarkKind::Note), "previous note"),
    bind(Essay, "]l", Action::NextMark(MarkKind::Link), "next link end"),
    bind(Essay, "[l", Action::PrevMark(MarkKind::Link), "previous link end"),
    bind(Essay, "]p", Action::NextMark(MarkKind::Pair), "next passage of the similar pairs"),
    bind(Essay, "[p", Action::PrevMark(MarkKind::Pair), "previous passage of the similar pairs"),
    letter(Essay, "m", Action::SetMark('a'), Action::SetMark, "set a mark (a-z) at the caret"),
    letter(Essay, "'", Action::GoToMark('a'), Action::GoToMark, "go to a mark (a-z)"),
    bind(Essay, "Ctrl-o", Action::JumpBack, "back to where the last jump came from"),
    bind(Essay, "Ctrl-i", Action::JumpForward, "forward through the jumps (where the terminal tells it from Tab)"),
    bind(Essay, "Ctrl-n", Action::JumpForward, "forward through the jumps"),
    bind(Essay, "y", Action::Copy, "copy the selection / highlight / sentence with its source"),
    bind(Essay, "#", Action::ToggleNumbers, "show / hide paragraph numbers"),
    bind(Notes, "j", Action::NotesDown, "next item"),
    bind(Notes, "Down", Action::NotesDown, "next item"),
    bind(Notes, "k", Action::NotesUp, "previous item"),
    bind(Notes, "Up", Action::NotesUp, "previous item"),
    bind(Notes, "Enter", Action::NotesJump, "jump to the passage"),
    bind(Notes, "c", Action::ColourStart, "choose the colour"),
    bind(Notes, "a", Action::EditNote, "write or edit the note"),
    bind(Notes, "x", Action::Delete, "delete the item"),
    bind(Notes, "f", Action::FollowLink, "follow the item's link"),
    bind(Notes, "/", Action::FilterStart, "filter: words, #tag, colour, is:review"),
    bind(Notes, "A", Action::Accept, "accept the new place of a moved item"),
    bind(Notes, "r", Action::Reattach, "re-attach the item to a new selection"),
    bind(Notes, "g", Action::NotesFirst, "first item"),
    bind(Notes, "Home", Action::NotesFirst, "first item"),
    bind(Notes, "G", Action::NotesLast, "last item"),
    bind(Notes, "End", Action::NotesLast, "last item"),
    bind(Notes, "t", Action::Tags, "list the tags with their counts"),
    bind(Notes, "y", Action::Copy, "copy the passage and note with its source"),
    bind(Editor, "Esc", Action::EditorClose, "close, keeping the note"),
    bind(Editor, "Ctrl-s", Action::EditorClose, "close, keeping the note"),
    bind(Editor, "Ctrl-c", Action::EditorClose, "close, keeping the note"),
    bind(Editor, "Ctrl-z", Action::Suspend, "suspend to the shell, the note kept open"),
    bind(Editor, "Enter", Action::Editor(EditorInput::Newline), "new line"),
    bind(Editor, "Backspace", Action::Editor(EditorInput::Backspace), "delete back"),
    bind(Editor, "Ctrl-w", Action::Editor(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Editor, "Alt-Backspace", Action::Editor(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Editor, "Del", Action::Editor(EditorInput::Delete), "delete forward"),
    bind(Editor, "Left", Action::Editor(EditorInput::Left), "cursor left"),
    bind(Editor, "Right", Action::Editor(EditorInput::Right), "cursor right"),
    bind(Editor, "Ctrl-Left", Action::Editor(EditorInput::WordLeft), "word left"),
    bind(Editor, "Alt-b", Action::Editor(EditorInput::WordLeft), "word left"),
    bind(Editor, "Ctrl-Right", Action::Editor(EditorInput::WordRight), "word right"),
    bind(Editor, "Alt-f", Action::Editor(EditorInput::WordRight), "word right"),
    bind(Editor, "Up", Action::Editor(EditorInput::Up), "cursor up a screen line"),
    bind(Editor, "Down", Action::Editor(EditorInput::Down), "cursor down a screen line"),
    bind(Editor, "Home", Action::Editor(EditorInput::Home), "start of line"),
    bind(Editor, "End", Action::Editor(EditorInput::End), "end of line"),
    bind(Editor, "Tab", Action::Editor(EditorInput::Char(' ')), "a space"),
    bind(Editor, "Ctrl-u", Action::Editor(EditorInput::Undo), "undo in the note"),
    bind(Editor, "Ctrl-r", Action::Editor(EditorInput::Redo), "redo in the note"),
    bind(Search, "Esc", Action::Back, "cancel the search"),
    bind(Search, "Enter", Action::SearchDone, "keep the search; n and N move"),
    bind(Search, "Backspace", Action::Search(EditorInput::Backspace), "delete back"),
    bind(Search, "Ctrl-w", Action::Search(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Search, "Alt-Backspace", Action::Search(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Search, "Del", Action::Search(EditorInput::Delete), "delete forward"),
    bind(Search, "Left", Action::Search(EditorInput::Left), "cursor left"),
    bind(Search, "Right", Action::Search(EditorInput::Right), "cursor right"),
    bind(Search, "Ctrl-Left", Action::Search(EditorInput::WordLeft), "word left"),
    bind(Search, "Alt-b", Action::Search(EditorInput::WordLeft), "word left"),
    bind(Search, "Ctrl-Right", Action::Search(EditorInput::WordRight), "word right"),
    bind(Search, "Alt-f", Action::Search(EditorInput::WordRight), "word right"),
    bind(Search, "Home", Action::Search(EditorInput::Home), "start of the query"),
    bind(Search, "End", Action::Search(EditorInput::End), "end of the query"),
    bind(Filter, "Esc", Action::Back, "clear the filter"),
    bind(Filter, "Enter", Action::FilterDone, "keep the filter, back to the list"),
    bind(Filter, "Backspace", Action::Filter(EditorInput::Backspace), "delete back"),
    bind(Filter, "Ctrl-w", Action::Filter(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Filter, "Alt-Backspace", Action::Filter(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Filter, "Del", Action::Filter(EditorInput::Delete), "delete forward"),
    bind(Filter, "Left", Action::Filter(EditorInput::Left), "cursor left"),
    bind(Filter, "Right", Action::Filter(EditorInput::Right), "cursor right"),
    bind(Filter, "Ctrl-Left", Action::Filter(EditorInput::WordLeft), "word left"),
    bind(Filter, "Alt-b", Action::Filter(EditorInput::WordLeft), "word left"),
    bind(Filter, "Ctrl-Right", Action::Filter(EditorInput::WordRight), "word right"),
    bind(Filter, "Alt-f", Action::Filter(EditorInput::WordRight), "word right"),
    bind(Filter, "Home", Action::Filter(EditorInput::Home), "start of the filter"),
    bind(Filter, "End", Action::Filter(EditorInput::End), "end of the filter"),
    bind(Filter, "Tab", Action::FilterComplete, "complete the #tag (again: the next)"),
    bind(Picker, "1", Action::PickRelation(Some(Relation::Supports)), "supports"),
    bind(Picker, "2", Action::PickRelation(Some(Relation::Contradicts)), "contradicts"),
    bind(Picker, "3", Action::PickRelation(Some(Relation::Elaborates)), "elaborates"),
    bind(Picker, "4", Action::PickRelation(Some(Relation::SamePoint)), "same point"),
    bind(Picker, "5", Action::PickRelation(Some(Relation::SeeAlso)), "see also"),
    bind(Picker, "j", Action::PickerMove(1), "next relation"),
    bind(Picker, "Down", Action::PickerMove(1), "next relation"),
    bind(Picker, "k", Action::PickerMove(-1), "previous relation"),
    bind(Picker, "Up", Action::PickerMove(-1), "previous relation"),
    bind(Picker, "Enter", Action::PickRelation(None), "make the link"),
    bind(Picker, "Esc", Action::Back, "cancel the link"),
    bind(PairList, "j", Action::PairsMove(1), "next pair"),
    bind(PairList, "Down", Action::PairsMove(1), "next pair"),
    bind(PairList, "k", Action::PairsMove(-1), "previous pair"),
    bind(PairList, "Up", Action::PairsMove(-1), "previous pair"),
    bind(PairList, "Enter", Action::PairsView, "show both passages"),
    bind(PairList, "l", Action::Link, "link the two passages"),
    bind(PairList, "P", Action::Pairs, "close the list"),
    bind(PairList, "Esc", Action::Back, "close the list"),
    bind(Help, "Esc", Action::Back, "close the help"),
    bind(Help, "?", Action::Back, "close the help"),
    bind(Help, "q", Action::Back, "close the help"),
    bind(Help, "j", Action::HelpScroll(1), "scroll down"),
    bind(Help, "Down", Action::HelpScroll(1), "scroll down"),
    bind(Help, "k", Action::HelpScroll(-1), "scroll up"),
    bind(Help, "Up", Action::HelpScroll(-1), "scroll up"),
    bind(Help, "Space", Action::HelpPage(2), "page down"),
    bind(Help, "PgDn", Action::HelpPage(2), "page down"),
    bind(Help, "b", Action::HelpPage(-2), "page up"),
    bind(Help, "PgUp", Action::HelpPage(-2), "page up"),
    bind(Help, "Ctrl-d", Action::HelpPage(1), "half page down"),
    bind(Help, "Ctrl-u", Action::HelpPage(-1), "half page up"),
    bind(Help, "g", Action::HelpScroll(isize::MIN), "top"),
    bind(Help, "Home", Action::HelpScroll(isize::MIN), "top"),
    bind(Help, "G", Action::HelpScroll(isize::MAX), "bottom"),
    bind(Help, "End", Action::HelpScroll(isize::MAX), "bottom"),
    bind(Help, "/", Action::HelpFindStart, "search the help"),
    bind(Help, "n", Action::HelpFindNext(1), "next line that matches"),
    bind(Help, "N", Action::HelpFindNext(-1), "previous line that matches"),
    bind(QuitPrompt, "r", Action::QuitAnswer(QuitChoice::Retry), "retry the save; quit if it works"),
    bind(QuitPrompt, "w", Action::QuitAnswer(QuitChoice::WriteRecovery), "write a recovery copy and quit"),
    bind(QuitPrompt, "Esc", Action::QuitAnswer(QuitChoice::Stay), "stay"),
    bind(Offer, "m", Action::OfferAnswer(OfferChoice::Take), "merge it into the annotations"),
    bind(Offer, "s", Action::OfferAnswer(OfferChoice::SetAside), "set it aside (renamed, not offered again)"),
    bind(Offer, "Esc", Action::OfferAnswer(OfferChoice::Later), "decide next time"),
    bind(TagList, "j", Action::TagsMove(1), "next tag"),
    bind(TagList, "Down", Action::TagsMove(1), "next tag"),
    bind(TagList, "k", Action::TagsMove(-1), "previous tag"),
    bind(TagList, "Up", Action::TagsMove(-1), "previous tag"),
    bind(TagList, "Enter", Action::TagsPick, "filter the notes by the tag"),
    bind(TagList, "t", Action::Tags, "close the list"),
    bind(TagList, "Esc", Action::Back, "close the list"),
    bind(ColourPicker, "1", Action::PickColour(Some(Colour::Yellow)), "the first colour"),
    bind(ColourPicker, "2", Action::PickColour(Some(Colour::Green)), "the second colour"),
    bind(ColourPicker, "3", Action::PickColour(Some(Colour::Blue)), "the third colour"),
    bind(ColourPicker, "4", Action::PickColour(Some(Colour::Pink)), "the fourth colour"),
    bind(ColourPicker, "5", Action::PickColour(Some(Colour::Purple)), "the fifth colour"),
    bind(ColourPicker, "6", Action::PickColour(Some(Colour::Orange)), "the sixth colour"),
    bind(ColourPicker, "j", Action::ColourMove(1), "next colour"),
    bind(ColourPicker, "Down", Action::ColourMove(1), "next colour"),
    bind(ColourPicker, "k", Action::ColourMove(-1), "previous colour"),
    bind(ColourPicker, "Up", Action::ColourMove(-1), "previous colour"),
    bind(ColourPicker, "Enter", Action::PickColour(None), "give the colour chosen"),
    bind(ColourPicker, "Esc", Action::Back, "cancel"),
    bind(Choose, "1", Action::Choose(Choice::Pick(Some(0))), "delete the first"),
    bind(Choose, "2", Action::Choose(Choice::Pick(Some(1))), "delete the second"),
    bind(Choose, "3", Action::Choose(Choice::Pick(Some(2))), "delete the third"),
    bind(Choose, "4", Action::Choose(Choice::Pick(Some(3))), "delete the fourth"),
    bind(Choose, "5", Action::Choose(Choice::Pick(Some(4))), "delete the fifth"),
    bind(Choose, "6", Action::Choose(Choice::Pick(Some(5))), "delete the sixth"),
    bind(Choose, "7", Action::Choose(Choice::Pick(Some(6))), "delete the seventh"),
    bind(Choose, "8", Action::Choose(Choice::Pick(Some(7))), "delete the eighth"),
    bind(Choose, "9", Action::Choose(Choice::Pick(Some(8))), "delete the ninth"),
    bind(Choose, "j", Action::Choose(Choice::Move(1)), "next highlight"),
    bind(Choose, "Down", Action::Choose(Choice::Move(1)), "next highlight"),
    bind(Choose, "k", Action::Choose(Choice::Move(-1)), "previous highlight"),
    bind(Choose, "Up", Action::Choose(Choice::Move(-1)), "previous highlight"),
    bind(Choose, "Enter", Action::Choose(Choice::Pick(None)), "delete the one marked"),
    bind(Choose, "Esc", Action::Back, "delete none"),
    bind(Confirm, "y", Action::Confirm(true), "delete it and what goes with it"),
    bind(Confirm, "n", Action::Confirm(false), "keep it"),
    bind(Confirm, "Esc", Action::Back, "keep it"),
    bind(HelpSearch, "Esc", Action::Back, "leave the search"),
    bind(HelpSearch, "Enter", Action::HelpFindDone, "keep the search; n and N move"),
    bind(HelpSearch, "Backspace", Action::HelpFind(EditorInput::Backspace), "delete back"),
    bind(HelpSearch, "Ctrl-w", Action::HelpFind(EditorInput::DeleteWordBack), "delete the word back"),
    bind(HelpSearch, "Left", Action::HelpFind(EditorInput::Left), "cursor left"),
    bind(HelpSearch, "Right", Action::HelpFind(EditorInput::Right), "cursor right"),
];

/// The action of `key` in `context` with the default bindings and nothing typed before.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
    read(&Keymap::default(), &Pending::default(), context, key)
}

#[cfg(test)]
mod tests;
