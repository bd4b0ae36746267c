//! Every user intent, one variant each. Keys, the mouse and the shell turn into these.

use crate::store::SourceId;

/// A caret motion in an essay pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Motion {
    /// One screen line down.
    LineDown,
    /// One screen line up.
    LineUp,
    /// One page down.
    PageDown,
    /// One page up.
    PageUp,
    /// Half a page down.
    HalfPageDown,
    /// Half a page up.
    HalfPageUp,
    /// The start of the essay.
    Top,
    /// The end of the essay.
    Bottom,
    /// One grapheme left.
    Left,
    /// One grapheme right.
    Right,
    /// The start of the next word.
    WordNext,
    /// The start of the previous word.
    WordPrev,
    /// The end of the word.
    WordEnd,
    /// The start of the next sentence.
    SentenceNext,
    /// The start of this or the previous sentence.
    SentencePrev,
    /// The start of the next paragraph.
    ParagraphNext,
    /// The start of this or the previous paragraph.
    ParagraphPrev,
    /// The start of the screen line the caret is on (in wrapped prose: the screen line).
    LineStart,
    /// The first character that is not blank on the caret's screen line.
    FirstNonBlank,
    /// The last character of the caret's screen line (vertical moves then keep to line ends).
    LineEnd,
    /// The top line of the view (below the scroll margin when the essay goes on above).
    ScreenTop,
    /// The middle line of the view.
    ScreenMiddle,
    /// The bottom line of the view (above the scroll margin when the essay goes on below).
    ScreenBottom,
}

/// A scroll of the view that leaves the caret where it is, as far as the view allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScrollTo {
    /// The caret's line in the middle of the view (`zz`).
    Middle,
    /// The caret's line at the top of the view, above it the scroll margin (`zt`).
    Top,
    /// The caret's line at the bottom of the view, below it the scroll margin (`zb`).
    Bottom,
    /// The view one line down (`Ctrl-e`); the caret moves only to stay in view.
    LineDown,
    /// The view one line up (`Ctrl-y`); the caret moves only to stay in view.
    LineUp,
}

/// What `]x` and `[x` go to: the start of the next or previous one in the focused essay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkKind {
    /// A highlight.
    Highlight,
    /// A highlight with a note.
    Note,
    /// A highlight that is an end of a link.
    Link,
    /// A passage with a strong parallel in the other essay (a pair of the `P` list).
    Pair,
}

/// An edit in a text input: the note editor, the search query or the notes filter.
///
/// Deletions and cursor moves go by grapheme cluster (an emoji sequence, a letter with its
/// accents), never by `char`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditorInput {
    /// Insert a character.
    Char(char),
    /// Insert pasted text.
    Paste(String),
    /// Break the line (the note editor only).
    Newline,
    /// Delete the grapheme before the cursor.
    Backspace,
    /// Delete the grapheme under the cursor.
    Delete,
    /// Delete back to the start of the word before the cursor.
    DeleteWordBack,
    /// Cursor left one grapheme.
    Left,
    /// Cursor right one grapheme.
    Right,
    /// Cursor to the start of this or the previous word.
    WordLeft,
    /// Cursor to the end of this or the next word.
    WordRight,
    /// Cursor up one screen line (as the text is wrapped).
    Up,
    /// Cursor down one screen line (as the text is wrapped).
    Down,
    /// Start of the line.
    Home,
    /// End of the line.
    End,
    /// Take back the last edit (typing is taken back a word at a time).
    Undo,
    /// Do again the last edit taken back.
    Redo,
}

/// A mouse gesture, as the shell found it on the screen (see `app::mouse`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mouse {
    /// Pressed on essay pane `pane`, on text offset `at` (none: its border or gutter):
    /// focus the pane, put the caret there and start a drag from it.
    PressPane {
        /// The pane.
        pane: usize,
        /// The offset under the pointer.
        at: Option<usize>,
    },
    /// Pressed on the notes pane, on item `item` if any: focus the list, select the item.
    PressNotes {
        /// The notes item under the pointer.
        item: Option<usize>,
    },
    /// Pressed anywhere else (status line, link gutter): ends a drag.
    PressElsewhere,
    /// Moved with the button held, over offset `at` of the pane the drag began in: the
    /// selection runs from the drag's start to `at`.
    DragTo {
        /// The offset under the pointer.
        at: usize,
    },
    /// The wheel turned over essay pane `pane`: scroll it by `lines` (down when positive).
    ScrollPane {
        /// The pane.
        pane: usize,
        /// Lines to scroll.
        lines: isize,
    },
    /// The wheel turned over the notes pane: move through the list by `step`.
    ScrollList(isize),
    /// Pressed twice on notes item `item` in quick succession (the shell tells a double
    /// press by time and place): select it and jump to its passage.
    DoubleNotes {
        /// The notes item under the pointer.
        item: Option<usize>,
    },
    /// A double click on offset `at` of essay pane `pane`: focus it and select the word
    /// there (the caret alone when on a space).
    SelectWord {
        /// The pane.
        pane: usize,
        /// The offset under the pointer.
        at: usize,
    },
    /// A triple click on offset `at` of essay pane `pane`: focus it and select the
    /// sentence there.
    SelectSentence {
        /// The pane.
        pane: usize,
        /// The offset under the pointer.
        at: usize,
    },
    /// The wheel turned over the notes pane, and the shell found where the list then stands:
    /// item `item` selected (the one that was, or the nearest still in view), its first row
    /// `row` rows below the top of the list's view (negative: above it).
    ScrollNotes {
        /// The item selected.
        item: usize,
        /// Where its first row is in the view.
        row: isize,
    },
    /// Moved with the button held past the top (`lines` negative) or bottom edge of the
    /// pane the drag began in: scroll it by `lines` and extend the selection to the text
    /// now at that edge, at `column` of the text.
    DragPast {
        /// Lines to scroll.
        lines: isize,
        /// The column of the text under the pointer (as the text is set in its pane).
        column: u16,
    },
}

impl Mouse {
    /// Whether the notes list stays where the wheel left it: the wheel anywhere and a drag
    /// do not give it back to its selection; a press does.
    pub fn keeps_notes_view(&self) -> bool {
        !matches!(
            self,
            Mouse::PressPane { .. }
                | Mouse::PressNotes { .. }
                | Mouse::SelectWord { .. }
                | Mouse::SelectSentence { .. }
        )
    }
}

/// An answer to the quit prompt (shown when quitting while a change is not saved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitChoice {
    /// Try the save again; quit if everything is then saved.
    Retry,
    /// Write a recovery copy of what is not saved, then quit.
    WriteRecovery,
    /// Do not quit.
    Stay,
}

/// An answer to the offer of a recovery copy or a note draft found on start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OfferChoice {
    /// Merge it into the annotations (by id) and save.
    Take,
    /// Rename it so it is no longer offered.
    SetAside,
    /// Leave it; it is offered again next time.
    Later,
}

/// What the user (or the shell, on their behalf) asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Focus the next pane.
    FocusNext,
    /// Focus the previous pane.
    FocusPrev,
    /// Move the caret.
    Move(Motion),
    /// Start or end a selection at the caret.
    ToggleSelect,
    /// Select the sentence at the caret, or extend the selection by a sentence.
    SelectSentence,
    /// Highlight the selection or the sentence at the caret.
    Highlight,
    /// Change the colour of the highlight under the caret or selected in the notes.
    CycleColour,
    /// Write or edit the note on the selection, highlight or sentence.
    EditNote,
    /// Delete the highlight under the caret or selected in the notes.
    Delete,
    /// Undo the last change to annotations.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Show the previous essay in this pane.
    PrevEssay,
    /// Show the next essay in this pane.
    NextEssay,
    /// Move down the notes list.
    NotesDown,
    /// Move up the notes list.
    NotesUp,
    /// Scroll the help by this many lines (negative: up).
    HelpScroll(isize),
    /// Move the relation picker's choice by this many rows.
    PickerMove(isize),
    /// Move the choice in the list of similar pairs by this many rows.
    PairsMove(isize),
    /// Jump the essay pane to the selected note's passage.
    NotesJump,
    /// Start a link at the caret, or choose its partner there.
    Link,
    /// Follow a link to its other end.
    FollowLink,
    /// Make the link with this relation, or the one highlighted in the picker.
    PickRelation(Option<crate::annotation::Relation>),
    /// Widen the text measure.
    Wider,
    /// Narrow the text measure.
    Narrower,
    /// Switch between the light and the dark theme.
    ToggleTheme,
    /// Find the parallel passage of the sentence at the caret (again: the next one).
    Parallel,
    /// Show or hide the list of the most similar pairs of passages.
    Pairs,
    /// Show the selected pair side by side.
    PairsView,
    /// Lock or unlock the scrolling of the two essays together.
    ToggleLock,
    /// Align the other essay with the caret of this one, once.
    Align,
    /// Start a search in the focused essay.
    SearchStart,
    /// Edit the search query.
    Search(EditorInput),
    /// Stop typing the query, keeping the search.
    SearchDone,
    /// Go to the next match.
    SearchNext,
    /// Go to the previous match.
    SearchPrev,
    /// Start typing a filter for the notes list.
    FilterStart,
    /// Edit the notes filter.
    Filter(EditorInput),
    /// Stop typing the filter, keeping it.
    FilterDone,
    /// Show only annotations that moved or were not found (again: show all).
    Review,
    /// Accept the new place of an annotation that moved.
    Accept,
    /// Attach the selected annotation to a passage chosen next (then the highlight key).
    Reattach,
    /// Write the Markdown export next to the annotations file.
    Export,
    /// Back out one level: clear the selection, close a popup.
    Back,
    /// Show or hide the key help.
    Help,
    /// Quit.
    Quit,
    /// Stop for the shell's job control, as Ctrl-z does in a terminal; `fg` comes back.
    Suspend,
    /// Close the note editor, keeping the note.
    EditorClose,
    /// Edit the note being written.
    Editor(EditorInput),
    /// A mouse gesture, hit-tested by the shell.
    Mouse(Mouse),
    /// The terminal now has this size (columns, rows).
    Resize(u16, u16),
    /// The shell wrote the Markdown export (to this path), or could not.
    Exported(Result<std::path::PathBuf, String>),
    /// The shell finished saving a source's annotations (`Err` holds the message).
    Saved(SourceId, Result<crate::store::Saved, String>),
    /// A quit waits for the saves in flight (the shell quits once they are on disk).
    QuitPending,
    /// The shell saved the reader's settings, or could not (`Err` holds the message).
    SettingsSaved(Result<(), String>),
    /// The shell found the annotations file of this source taken over by another
    /// marginalia or marked read-only, for this reason: the source is read-only now.
    TurnedReadOnly(SourceId, String),
    /// Answer the quit prompt.
    QuitAnswer(QuitChoice),
    /// Answer the offer of a recovery copy or a note draft.
    OfferAnswer(OfferChoice),
    /// The shell wrote a recovery copy of each unsaved source (or could not).
    RecoveryWritten(Vec<Result<std::path::PathBuf, String>>),
    /// The shell finished with a kept file: what it did, or why it could not.
    KeptDone(Result<String, String>),
    /// Scroll the view of the focused essay, the caret staying.
    Scroll(ScrollTo),
    /// The caret to the start of the next highlight, note, link end or pair.
    NextMark(MarkKind),
    /// The caret to the start of the previous highlight, note, link end or pair.
    PrevMark(MarkKind),
    /// Set mark `a`–`z` at the caret of the focused essay.
    SetMark(char),
    /// Go to mark `a`–`z` of the focused essay.
    GoToMark(char),
    /// Back to where the last jump came from (`Ctrl-o`).
    JumpBack,
    /// Forward again to where a jump went (`Ctrl-i`).
    JumpForward,
    /// Select the first item of the notes list.
    NotesFirst,
    /// Select the last item of the notes list.
    NotesLast,
    /// Show the list of tags with their counts (again: hide it).
    Tags,
    /// Move the choice in the list of tags by this many rows.
    TagsMove(isize),
    /// Filter the notes by the tag chosen in the list of tags.
    TagsPick,
    /// Complete the `#tag` being typed in the notes filter (again: the next tag).
    FilterComplete,
    /// Show the colour picker for the highlight under the caret or selected in the notes.
    ColourStart,
    /// Move the colour picker's choice by this many rows.
    ColourMove(isize),
    /// Give the highlight this colour, or the one chosen in the picker.
    PickColour(Option<crate::annotation::Colour>),
    /// Time passed (the stamp says what time it is): a message shown long enough goes.
    Tick,
    /// Keys typed that do not make an action yet (a count, the start of a sequence): shown
    /// on the status line until the next key completes or drops them.
    Pending(crate::keymap::Pending),
    /// Keys bound to nothing where they were typed (as shown: `]x`).
    UnknownKey(String),
    /// An action done this many times (a count typed before its keys: `3j`).
    Repeat(u32, Box<Action>),
    /// Page the help by this many half pages (negative: up).
    HelpPage(isize),
    /// Start typing a search in the help.
    HelpFindStart,
    /// Edit the help's search.
    HelpFind(EditorInput),
    /// Stop typing the help's search, keeping it: `n` and `N` go on.
    HelpFindDone,
    /// Go to the next (1) or previous (-1) line of the help that matches its search.
    HelpFindNext(isize),
    /// Copy the selection, the highlight at the caret (else the sentence) or the notes
    /// item to the clipboard, quoted with its source.
    Copy,
    /// Show or hide the paragraph numbers in the essays' margin.
    ToggleNumbers,
    /// The shell could not write what was copied to the terminal (why).
    CopyFailed(String),
    /// Choose in the list of overlapping highlights.
    Choose(Choice),
    /// Answer the question before deleting a highlight with a note or links (`y`: yes).
    Confirm(bool),
    /// Follow the footnote reference at the caret to its footnote (a footnote's label: back
    /// to its first reference), or show the address of the web link at the caret.
    FollowReference,
    /// The shell built the sentence index of this essay in the background (for `p`, `P`).
    Indexed(crate::store::DocId, crate::similar::SharedIndex),
    /// Show or hide the alignment view of the two essays on screen.
    AlignmentView,
    /// Go to the next (1) or previous (-1) pair of the alignment view.
    AlignmentStep(isize),
    /// Move the alignment view's choice by this many rows.
    AlignmentMove(isize),
    /// Show the chosen row of the alignment view in both essays, closing it.
    AlignmentOpen,
    /// The shell worked out the paragraph scores of two essays.
    Aligned(crate::similar::align::Scored),
    /// The shell read and placed the rest of a source's annotations after the first screen.
    Placed(crate::store::Landing),
}

/// A choice in the list of highlights under the caret.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// Mark the next (1) or previous (-1) one.
    Move(isize),
    /// Take this one (0: the first), or the one marked.
    Pick(Option<usize>),
}

impl Action {
    /// Whether the shell reports it (a save done, a resize) rather than the reader asking
    /// for it: a report leaves the status line's message standing.
    pub fn is_report(&self) -> bool {
        matches!(
            self,
            Action::Saved(..)
                | Action::Resize(..)
                | Action::Exported(..)
                | Action::RecoveryWritten(..)
                | Action::SettingsSaved(..)
                | Action::TurnedReadOnly(..)
                | Action::Tick
                | Action::Pending(..)
                | Action::CopyFailed(_)
                | Action::Indexed(..)
                | Action::Aligned(_)
                | Action::Placed(_)
        )
    }

    /// Whether a count typed before its keys repeats it (`3j`, `2}`); other actions are
    /// done once whatever the count.
    pub fn takes_count(&self) -> bool {
        matches!(
            self,
            Action::Move(_)
                | Action::NotesDown
                | Action::NotesUp
                | Action::HelpScroll(_)
                | Action::PickerMove(_)
                | Action::PairsMove(_)
                | Action::SearchNext
                | Action::SearchPrev
                | Action::PrevEssay
                | Action::NextEssay
                | Action::Scroll(ScrollTo::LineDown | ScrollTo::LineUp)
                | Action::NextMark(_)
                | Action::PrevMark(_)
                | Action::JumpBack
                | Action::JumpForward
                | Action::AlignmentStep(_)
                | Action::AlignmentMove(_)
        )
    }
}
