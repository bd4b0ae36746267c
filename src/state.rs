//! The app state and `apply(Action) -> Effect`: every change of state happens here, with
//! no I/O. The shell (`app`) performs the returned [`Effect`].

mod alignment;
mod annotate;
mod browse;
mod colouring;
mod copy;
mod cross;
mod filter;
mod help;
mod ids;
mod journal;
mod jumps;
mod keys;
mod landing;
mod links;
mod lock;
mod marks;
mod mode;
mod navigate;
mod note;
mod notes;
mod open;
mod overlap;
mod overlays;
mod pane;
mod parallel;
mod placing;
mod read;
mod reading;
mod references;
mod reports;
mod rescue;
mod review;
mod search;
mod source;
mod tags;
#[cfg(test)]
mod testkit;
mod undo;
mod view;
mod visible;

pub use alignment::AlignView;
pub use colouring::ColourPick;
pub use cross::Beside;
pub use filter::hashtags;
pub use help::HelpView;
pub use ids::{DocId, SourceId};
pub use journal::Moved;
pub use landing::placing_reason;
pub use links::{LinkDraft, LinkEnd};
pub use mode::{Mode, ModeStack, Overlay};
pub use notes::{NoteItem, NoteList};
pub use open::shown_at_first;
pub use overlap::{Choose, Confirm, first_words};
pub use pane::{PaneState, Viewport, top_offset, top_pos};
pub use parallel::{Pairs, Parallel};
pub use placing::place;
pub use read::SetUp;
pub use references::Reference;
pub use rescue::{NoteDraft, Offer, Rescue};
pub use search::{Search, find_all};
pub use source::{EssayDoc, Placed, SaveState, Source};
pub use tags::TagList;

use std::collections::HashMap;
use std::path::PathBuf;

use crate::action::Action;
use crate::annotation::{AnnotationId, LinkId};
use crate::input::TextInput;
use crate::layout::Flow;
use crate::range::TextRange;
use crate::screen::ScreenLayout;
use crate::settings::Settings;
use crate::store::{AnnotationFile, Stamp};

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    /// Essay pane `n`.
    Pane(usize),
    /// The notes pane.
    Notes,
}

/// What the note editor is writing on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// An existing annotation, by source and id.
    Existing { source: SourceId, id: AnnotationId },
    /// A new highlight of `range` in essay `doc`, made when the note is kept.
    New { doc: DocId, range: TextRange },
    /// A link, by source and id.
    Link { source: SourceId, id: LinkId },
}

/// The open note editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEditor {
    /// The text.
    pub editor: TextInput,
    /// What it writes on.
    pub target: NoteTarget,
    /// A quote of the passage, for the editor's title.
    pub quote: String,
}

/// A change that the shell must carry out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Nothing to do.
    None,
    /// Save the annotations of this source.
    Save(SourceId),
    /// Write the Markdown export next to the annotations file of this source.
    Export(SourceId),
    /// Save the reader's settings.
    SaveSettings,
    /// Save reading positions and quit.
    Quit,
    /// Save every source not saved, then ask to quit again.
    RetrySaves,
    /// Write a recovery copy of every source not saved, then report with
    /// [`Action::RecoveryWritten`].
    WriteRecovery,
    /// Save this source, into which the kept file at this path was merged; then remove the
    /// file if the save succeeded, and report with [`Action::KeptDone`].
    TakeKept(SourceId, PathBuf),
    /// Set the kept file at this path aside, and report with [`Action::KeptDone`].
    SetAside(PathBuf),
    /// Give the terminal back and stop until the shell continues the process.
    Suspend,
    /// Put this text on the clipboard, through the terminal (OSC 52); report a failure
    /// with [`Action::CopyFailed`].
    Copy(String),
    /// Save the annotations of each of these sources (a link between files changed them).
    SaveAll(Vec<SourceId>),
    /// Find the source file of the other end of this link (kept by this source), open it
    /// beside, and follow the link there; report with [`AppState::opened_beside`].
    OpenBeside(SourceId, LinkId),
    /// Work out the paragraph scores of two big essays off the key path; report with
    /// [`Action::Aligned`].
    Align(crate::similar::align::AlignJob),
}

/// Everything the app knows. Changed only by [`AppState::apply`].
#[derive(Debug)]
pub struct AppState {
    /// Every essay of every source, in order.
    docs: Vec<EssayDoc>,
    /// Every source file.
    sources: Vec<Source>,
    /// The essay panes (one or two).
    panes: Vec<PaneState>,
    /// Which pane has the keyboard.
    focus: Focus,
    /// What stands over reading, innermost last.
    modes: ModeStack,
    /// Selected item of the notes list.
    notes_selected: usize,
    /// A message for the status line.
    message: Option<String>,
    /// The styles to draw with.
    theme: crate::settings::theme::Theme,
    /// The reader's own settings.
    settings: Settings,
    /// Where they are kept (none: not kept, as in tests).
    settings_path: Option<PathBuf>,
    /// In a first look at a long file: how many annotations are still being placed.
    placing: Option<usize>,
    /// Whether the two essays scroll together.
    locked: bool,
    /// Fixed points for locked scrolling, per pair of essays shown (computed when locking).
    fixed_points: Vec<lock::FixedPoint>,
    /// The search in an essay pane, if any.
    search: Option<Search>,
    /// The notes filter (empty: none).
    filter: TextInput,
    /// Where everything is on screen.
    screen: ScreenLayout,
    /// The quit prompt and the kept files offered on start.
    rescue: Rescue,
    /// The essay files being read: an export never replaces them.
    essay_files: Vec<PathBuf>,
    /// Where a mouse drag started (pane, offset).
    drag_origin: Option<(usize, usize)>,
    /// Caret and view remembered per essay, for `[` and `]`.
    remembered: HashMap<DocId, (usize, usize)>,
    /// What undo and redo take back, as inverse changes.
    history: undo::History,
    /// The notes list as last made.
    notes_cache: notes::NotesCache,
    /// Annotations by id and by place, as last indexed.
    place_cache: visible::PlaceCache,
    /// When the message goes (none: at the next action), by the stamps of the actions.
    message_until: Option<chrono::DateTime<chrono::Utc>>,
    /// Where the wheel left the notes list: the view row of the selected item's first row
    /// (none: where the selection alone puts it). Any action but the mouse's or a report
    /// gives the list back to its selection.
    notes_view: Option<isize>,
    /// The marks `a`–`z` per essay, and the pairs `]p` goes through.
    marks: marks::Marks,
    /// Where jumps came from, for `Ctrl-o` and `Ctrl-i`.
    jumps: jumps::JumpList,
    /// The key bindings in force.
    keymap: crate::keymap::Keymap,
    /// Keys typed that wait for more: a count, the start of a sequence.
    pending: crate::keymap::Pending,
    /// The notes filter as it was before `R` showed what needs review.
    before_review: Option<String>,
    /// The tag the filter's last `Tab` put in, for the next `Tab`.
    tag_cycle: Option<tags::TagCycle>,
    /// The alignment of the essays on screen, as far as it is known.
    aligned: alignment::Aligned,
}

/// Columns `+` and `-` change the text measure by.
const MEASURE_STEP: u16 = 4;
/// The narrowest text measure.
const MIN_MEASURE: u16 = 20;

/// The filter that shows what needs review.
pub const REVIEW: &str = "is:review";

/// How many changes undo remembers.
const UNDO_LIMIT: usize = 200;

impl AppState {
    /// The layout of essay `doc` at the width of `pane`'s text area.
    pub fn flow(&self, pane: usize) -> Flow<'_> {
        let doc = &self.docs[self.panes[pane].essay];
        let width = self.viewport(pane).width;
        Flow::new(&doc.essay, width, &doc.wrap)
    }

    /// The text area size of `pane`.
    pub fn viewport(&self, pane: usize) -> Viewport {
        let area = self.screen.text_area(pane);
        Viewport {
            width: area.width.max(1),
            height: area.height.max(1),
        }
    }

    /// The notes list: highlights of the essays on screen, grouped by essay in pane
    /// order, in reading order, orphans last.
    pub fn note_items(&self) -> std::sync::Arc<NoteList> {
        notes::items(self)
    }

    /// How many items the notes list has without its filter.
    pub fn note_count_unfiltered(&self) -> usize {
        notes::cached(self, "").len()
    }

    /// Applies one action. `stamp` gives the time new and changed annotations carry and
    /// the ids of what the action makes: the result depends on nothing else.
    pub fn apply(&mut self, action: Action, stamp: Stamp) -> Effect {
        let mut stamp = stamp;
        let before = self
            .focused_pane()
            .map(|p| (p, self.panes[p].top, self.panes[p].caret));
        let jump = self.jump_origin(&action);
        let effect = self.apply_one(action, &mut stamp);
        if let Some(origin) = jump {
            self.record_jump(origin);
        }
        if self.locked
            && let Some((p, top, caret)) = before
            && self.focused_pane() == Some(p)
            && (self.panes[p].top, self.panes[p].caret) != (top, caret)
        {
            self.align_other(p);
        }
        effect
    }

    /// Routes an action to its domain: reading, marking, the note editor, the notes list,
    /// links, comparing, search, review, the overlays, leaving, and the shell's reports.
    fn apply_one(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
        let before = self.message.clone();
        let report = action.is_report();
        if !report {
            self.message = None;
            self.pending = Default::default();
        }
        if !report && !matches!(action, Action::Mouse(ref m) if m.keeps_notes_view()) {
            self.notes_view = None;
        }
        let effect = self.route(action, stamp);
        self.time_message(before, now, report);
        effect
    }

    /// Routes an action to its domain (see [`AppState::apply_one`]).
    fn route(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
        use Action::*;
        match action {
            FocusNext | FocusPrev | Move(_) | ToggleSelect | PrevEssay | NextEssay | Wider
            | Narrower | ToggleTheme | ToggleLock | Align | Resize(..) | Mouse(_) => {
                self.read(action)
            }
            SelectSentence | Highlight | CycleColour | Delete | Undo | Redo => {
                self.mark(action, stamp)
            }
            EditNote | EditorClose | Editor(_) => self.write_note(action, stamp),
            NotesDown | NotesUp | NotesJump | FilterStart | Filter(_) | FilterDone | Export => {
                self.browse_notes(action)
            }
            Link | FollowLink | PickRelation(_) | PickerMove(_) => self.link(action, stamp),
            Parallel | Pairs | PairsView | PairsMove(_) => self.compare(action),
            SearchStart | Search(_) | SearchDone | SearchNext | SearchPrev => {
                self.search_essay(action)
            }
            Review | Accept | Reattach => self.review(action, now),
            Back | Help | HelpScroll(_) => self.overlay(action),
            Quit | QuitPending | QuitAnswer(_) | OfferAnswer(_) | RecoveryWritten(_)
            | KeptDone(_) | Suspend => self.leave(action),
            Saved(..) | Exported(..) | SettingsSaved(_) | TurnedReadOnly(..) => self.report(action),
            Tick => self.tick(now),
            Scroll(_) => self.read(action),
            NextMark(_) | PrevMark(_) | SetMark(_) | GoToMark(_) | JumpBack | JumpForward => {
                self.go(action)
            }
            Pending(_) | UnknownKey(_) | Repeat(..) => self.keys(action, stamp),
            Copy | ToggleNumbers | CopyFailed(_) => self.copy(action),
            Choose(_) | Confirm(_) => self.choose(action),
            NotesFirst | NotesLast => self.browse_notes(action),
            Tags | TagsMove(_) | TagsPick | FilterComplete => self.tags(action),
            ColourStart | ColourMove(_) | PickColour(_) => self.colouring(action, now),
            HelpPage(_) | HelpFindStart | HelpFind(_) | HelpFindDone | HelpFindNext(_) => {
                self.help_action(action)
            }
            FollowReference => self.follow_reference(),
            Indexed(..) => self.compare(action),
            AlignmentView | AlignmentStep(_) | AlignmentMove(_) | AlignmentOpen | Aligned(_) => {
                self.alignment_action(action)
            }
            Placed(landing) => {
                self.land(landing);
                Effect::None
            }
        }
    }
}

#[cfg(test)]
mod tests;
