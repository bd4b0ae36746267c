//! The app state and `apply(Action) -> Effect`: every change of state happens here, with
//! no I/O. The shell ([`crate::app`]) performs the returned [`Effect`].

mod annotate;
mod filter;
mod links;
mod lock;
mod mode;
mod navigate;
mod note;
mod notes;
mod open;
mod pane;
mod parallel;
mod placing;
mod rescue;
mod review;
mod search;
mod source;
mod undo;
mod visible;

pub use filter::hashtags;
pub use links::{LinkDraft, LinkEnd};
pub use notes::NoteItem;
pub use pane::{PaneState, Viewport, top_offset, top_pos};
pub use parallel::{Pairs, Parallel};
pub use placing::place;
pub use rescue::{NoteDraft, Offer, Rescue};
pub use search::{Search, find_all};
pub use source::{EssayDoc, Placed, SaveState, Source};

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::action::{Action, EditorInput};
use crate::annotation::{AnnotationId, LinkId};
use crate::editor::NoteEditor;
use crate::layout::Flow;
use crate::range::TextRange;
use crate::settings::Settings;
use crate::store::{AnnotationFile, Stamp};
use crate::ui::ScreenLayout;
use crate::ui::theme::Palette;

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
    Existing { source: usize, id: AnnotationId },
    /// A new highlight of `range` in essay `doc`, made when the note is kept.
    New { doc: usize, range: TextRange },
    /// A link, by source and id.
    Link { source: usize, id: LinkId },
}

/// The open note editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenEditor {
    /// The text.
    pub editor: NoteEditor,
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
    Save(usize),
    /// Write the Markdown export next to the annotations file of this source.
    Export(usize),
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
    TakeKept(usize, PathBuf),
    /// Set the kept file at this path aside, and report with [`Action::KeptDone`].
    SetAside(PathBuf),
    /// Give the terminal back and stop until the shell continues the process.
    Suspend,
}

/// Everything the app knows. Changed only by [`AppState::apply`].
#[derive(Debug)]
pub struct AppState {
    /// Every essay of every source, in order.
    pub docs: Vec<EssayDoc>,
    /// Every source file.
    pub sources: Vec<Source>,
    /// The essay panes (one or two).
    pub panes: Vec<PaneState>,
    /// Which pane has the keyboard.
    pub focus: Focus,
    /// Selected item of the notes list.
    pub notes_selected: usize,
    /// The note editor, when open.
    pub editor: Option<OpenEditor>,
    /// The help, when shown: its scroll offset.
    pub help: Option<u16>,
    /// A message for the status line.
    pub message: Option<String>,
    /// The styles to draw with.
    pub theme: crate::ui::theme::Theme,
    /// The reader's own settings.
    pub settings: Settings,
    /// Where they are kept (none: not kept, as in tests).
    pub settings_path: Option<PathBuf>,
    /// In a first look at a long file: how many annotations are still being placed.
    pub placing: Option<usize>,
    /// Whether the two essays scroll together.
    pub locked: bool,
    /// Fixed points for locked scrolling, per pair of essays shown (computed when locking).
    pub fixed_points: Vec<lock::FixedPoint>,
    /// The search in an essay pane, if any.
    pub search: Option<Search>,
    /// A link being made.
    pub link_draft: Option<LinkDraft>,
    /// The parallel passages being stepped through with `p`.
    pub parallel: Option<Parallel>,
    /// The list of most similar pairs, when shown.
    pub pairs: Option<Pairs>,
    /// The notes filter (empty: none).
    pub filter: String,
    /// Whether the filter is being typed.
    pub filter_editing: bool,
    /// An annotation waiting to be attached to the next highlighted passage.
    pub reattach: Option<(usize, AnnotationId)>,
    /// Where everything is on screen.
    pub screen: ScreenLayout,
    /// The quit prompt and the kept files offered on start.
    pub rescue: Rescue,
    /// The essay files being read: an export never replaces them.
    pub essay_files: Vec<PathBuf>,
    /// Where a mouse drag started (pane, offset).
    drag_origin: Option<(usize, usize)>,
    /// Caret and view remembered per essay, for `[` and `]`.
    remembered: HashMap<usize, (usize, usize)>,
    /// What undo and redo take back, as inverse changes.
    history: undo::History,
    /// The notes list as last made.
    notes_cache: notes::NotesCache,
    /// Annotations by id and by place, as last indexed.
    place_cache: visible::PlaceCache,
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
    pub fn note_items(&self) -> std::sync::Arc<Vec<NoteItem>> {
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
        let effect = self.apply_one(action, &mut stamp);
        if self.locked
            && let Some((p, top, caret)) = before
            && self.focused_pane() == Some(p)
            && (self.panes[p].top, self.panes[p].caret) != (top, caret)
        {
            self.align_other(p);
        }
        effect
    }

    fn apply_one(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
        if !matches!(
            action,
            Action::Saved(..)
                | Action::Resize(..)
                | Action::Exported(..)
                | Action::RecoveryWritten(..)
        ) {
            self.message = None;
        }
        match action {
            Action::FocusNext => self.cycle_focus(1),
            Action::FocusPrev => self.cycle_focus(-1),
            Action::Move(m) => {
                if let Some(p) = self.focused_pane() {
                    let flow = self.flow(p);
                    let view = self.viewport(p);
                    let mut pane = self.panes[p].clone();
                    pane.apply_motion(m, &flow, view);
                    self.panes[p] = pane;
                }
            }
            Action::ToggleSelect => {
                if let Some(p) = self.focused_pane() {
                    let pane = &mut self.panes[p];
                    pane.anchor = match pane.anchor {
                        Some(_) => None,
                        None => Some(pane.caret),
                    };
                }
            }
            Action::SelectSentence => self.select_sentence(),
            Action::Highlight => return self.highlight(stamp),
            Action::CycleColour => return self.cycle_colour(now),
            Action::EditNote => {
                if self.focus == Focus::Notes
                    && let Some(item) = self.note_items().get(self.notes_selected).copied()
                    && let Some(l) = item.link
                {
                    let link = &self.sources[item.source].links[l];
                    self.editor = Some(OpenEditor {
                        editor: NoteEditor::new(link.note.as_deref().unwrap_or("")),
                        target: NoteTarget::Link {
                            source: item.source,
                            id: link.id.clone(),
                        },
                        quote: format!("link: {}", link.relation.name()),
                    });
                } else {
                    self.open_editor();
                }
            }
            Action::Delete => {
                if self.focus == Focus::Notes
                    && let Some(item) = self.note_items().get(self.notes_selected).copied()
                    && let Some(link) = item.link
                {
                    return self.delete_link(item.source, link);
                }
                return self.delete();
            }
            Action::Link => {
                if self.pairs.is_some() {
                    self.link_pair();
                } else {
                    self.link_here();
                }
            }
            Action::Parallel => self.parallel(),
            Action::Pairs => self.toggle_pairs(),
            Action::PairsView => self.view_pair(),
            Action::FollowLink => self.follow_link(),
            Action::PickRelation(choice) => return self.pick_relation(choice, stamp),
            Action::Undo => return self.undo_redo(true),
            Action::Redo => return self.undo_redo(false),
            Action::PrevEssay => self.switch_essay(-1),
            Action::NextEssay => self.switch_essay(1),
            Action::NotesDown => self.scroll_list(1),
            Action::NotesUp => self.scroll_list(-1),
            Action::NotesJump => self.jump_to_selected(),
            Action::Back => self.back(),
            Action::Help => {
                self.help = match self.help {
                    Some(_) => None,
                    None => Some(0),
                }
            }
            Action::Quit => return self.quit(),
            Action::QuitAnswer(choice) => return self.answer_quit(choice),
            Action::OfferAnswer(choice) => return self.answer_offer(choice),
            Action::RecoveryWritten(results) => return self.recovery_written(results),
            Action::KeptDone(result) => self.kept_done(result),
            Action::Suspend => return Effect::Suspend,
            Action::EditorClose => return self.close_editor(stamp),
            Action::Editor(input) => {
                if let Some(open) = &mut self.editor {
                    open.editor.edit(input);
                }
            }
            Action::Pointer(kind, column, row) => self.pointer(kind, column, row),
            Action::Wider => return self.change_measure(true),
            Action::Narrower => return self.change_measure(false),
            Action::ToggleTheme => {
                self.settings.palette = match self.settings.palette {
                    Palette::Dark => Palette::Light,
                    Palette::Light => Palette::Dark,
                };
                self.theme.palette = self.settings.palette;
                return Effect::SaveSettings;
            }
            Action::ToggleLock => {
                if self.panes.len() < 2 {
                    self.message = Some("locking needs two essays side by side".into());
                } else {
                    self.locked = !self.locked;
                    if self.locked {
                        self.refresh_fixed_points();
                        if let Some(p) = self.focused_pane() {
                            self.align_other(p);
                        }
                    }
                    self.message = Some(
                        if self.locked {
                            "scrolling locked"
                        } else {
                            "scrolling unlocked"
                        }
                        .into(),
                    );
                }
            }
            Action::Align => {
                if let Some(p) = self.focused_pane() {
                    self.refresh_fixed_points();
                    self.align_other(p);
                }
            }
            Action::SearchStart => {
                if let Some(p) = self.focused_pane() {
                    self.search = Some(Search {
                        pane: p,
                        typing: true,
                        origin: self.panes[p].caret,
                        ..Default::default()
                    });
                }
            }
            Action::Search(input) => self.edit_search(input),
            Action::SearchDone => {
                if let Some(search) = &mut self.search {
                    search.typing = false;
                    if search.query.is_empty() {
                        self.search = None;
                    }
                }
            }
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            Action::FilterStart => {
                self.filter_editing = true;
                self.notes_selected = 0;
            }
            Action::Filter(input) => {
                match input {
                    EditorInput::Char(c) => self.filter.push(crate::essay::visible(c)),
                    EditorInput::Backspace => {
                        self.filter.pop();
                    }
                    _ => {}
                }
                self.notes_selected = 0;
            }
            Action::FilterDone => self.filter_editing = false,
            Action::Review => {
                if self.filter == REVIEW {
                    self.filter.clear();
                } else {
                    self.filter = REVIEW.into();
                    if self.screen.notes.is_some() {
                        self.focus = Focus::Notes;
                    }
                }
                self.notes_selected = 0;
            }
            Action::Accept => return self.accept(now),
            Action::Reattach => self.start_reattach(),
            Action::Export => {
                let source = self
                    .focused_pane()
                    .or_else(|| self.note_items().get(self.notes_selected).map(|_| 0))
                    .map_or(0, |p| self.docs[self.panes[p].essay].source);
                return Effect::Export(source);
            }
            Action::Resize(width, height) => self.resize(width, height),
            Action::Exported(result) => {
                self.message = Some(match result {
                    Ok(path) => format!("exported to {}", path.display()),
                    Err(e) => format!("export failed: {e}"),
                });
            }
            Action::Saved(source, result) => {
                if let Some(src) = self.sources.get_mut(source) {
                    match result {
                        Ok(saved) => {
                            if src.save == SaveState::Saving {
                                src.save = SaveState::Saved;
                            }
                            let merged = saved.merged;
                            src.disk = Arc::new(saved.disk);
                            if merged {
                                self.adopt_merge(source);
                            }
                        }
                        Err(e) => {
                            self.message = Some(format!("not saved: {e}"));
                            src.save = SaveState::Failed(e);
                        }
                    }
                }
            }
        }
        Effect::None
    }
}

#[cfg(test)]
mod tests;
