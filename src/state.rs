//! The app state and `apply(Action) -> Effect`: every change of state happens here, with
//! no I/O. The shell ([`crate::app`]) performs the returned [`Effect`].

mod annotate;
mod filter;
mod links;
mod lock;
mod navigate;
mod note;
mod notes;
mod pane;
mod parallel;
mod placing;
mod rescue;
mod review;
mod search;
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

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Utc};

use crate::action::{Action, EditorInput};
use crate::anchor::Placement;
use crate::annotation::{Annotation, Link};
use crate::editor::NoteEditor;
use crate::essay::Essay;
use crate::layout::{Flow, WrapCache};
use crate::range::TextRange;
use crate::selection;
use crate::settings::Settings;
use crate::store::{AnnotationFile, DiskState, EssayRecord, Lock, ReadingState, Saved};
use crate::ui::ScreenLayout;
use crate::ui::theme::Palette;

/// An essay as the app holds it, with the file it came from and its wrapped lines.
#[derive(Debug)]
pub struct EssayDoc {
    /// The essay.
    pub essay: Essay,
    /// Index of its source in [`AppState::sources`].
    pub source: usize,
    /// Wrapped rows, per width.
    pub wrap: WrapCache,
    /// The sentence index for parallel passages, built on first use.
    pub similar: Option<crate::similar::SentenceIndex>,
}

impl EssayDoc {
    /// An essay of source `source`, not yet wrapped or indexed.
    pub fn new(essay: Essay, source: usize) -> EssayDoc {
        EssayDoc {
            essay,
            source,
            wrap: WrapCache::default(),
            similar: None,
        }
    }
}

/// An annotation and where it sits in the essay now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The annotation as stored.
    pub annotation: Annotation,
    /// Where it sits now.
    pub placement: Placement,
}

/// Whether a source's annotations are on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    /// Everything shown is on disk.
    Saved,
    /// A change waits for the save to finish.
    Saving,
    /// The last save failed; the change is kept in memory and saved with the next one.
    Failed(String),
}

/// One source file and its annotations file.
#[derive(Debug)]
pub struct Source {
    /// The source file's name, for the status line.
    pub name: String,
    /// The annotations file.
    pub path: PathBuf,
    /// The file as last read or written (its essays and unknown fields, and the base
    /// of a merge); the annotations shown live in `items`.
    pub disk: Arc<DiskState>,
    /// The annotations, in creation order.
    pub items: Vec<Placed>,
    /// Links between highlights, in creation order.
    pub links: Vec<Link>,
    /// Ids deleted in this session: a merge never brings them back.
    pub deleted: BTreeSet<String>,
    /// Counts changes of `items` and `links`, so that lists derived from them are made
    /// again only when they changed.
    version: u64,
    /// Why changes are refused, when they are.
    pub read_only: Option<String>,
    /// Save state.
    pub save: SaveState,
    /// The lock that makes this the one writer of the file.
    pub lock: Option<Lock>,
}

impl Source {
    /// Index of the annotation with `id` in `items`.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.items.iter().position(|it| it.annotation.id == id)
    }

    /// The annotation with `id`, where it sits now.
    pub fn placed(&self, id: &str) -> Option<&Placed> {
        self.items.iter().find(|it| it.annotation.id == id)
    }

    /// Counts changes of its annotations and links: equal counts, equal files to save.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// A source, saved, with nothing deleted yet.
    pub fn new(
        name: String,
        path: PathBuf,
        disk: DiskState,
        items: Vec<Placed>,
        read_only: Option<String>,
        lock: Option<Lock>,
    ) -> Source {
        Source {
            name,
            path,
            links: disk.file.links.clone(),
            disk: Arc::new(disk),
            items,
            deleted: BTreeSet::new(),
            version: 0,
            read_only,
            save: SaveState::Saved,
            lock,
        }
    }
}

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
    Existing { source: usize, id: String },
    /// A new highlight of `range` in essay `doc`, made when the note is kept.
    New { doc: usize, range: TextRange },
    /// A link, by source and id.
    Link { source: usize, id: String },
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
    pub reattach: Option<(usize, String)>,
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
    /// A state showing `docs` (the first two in the panes), with reading positions.
    pub fn new(docs: Vec<EssayDoc>, sources: Vec<Source>, reading: &[ReadingState]) -> AppState {
        let wanted: Vec<usize> = reading
            .iter()
            .flat_map(|r| r.shown.iter())
            .filter_map(|id| docs.iter().position(|d| d.essay.id == *id))
            .collect();
        let mut shown: Vec<usize> = Vec::new();
        for d in wanted.into_iter().chain(0..docs.len()) {
            if !shown.contains(&d) && shown.len() < 2 {
                shown.push(d);
            }
        }
        let mut remembered = HashMap::new();
        for (i, doc) in docs.iter().enumerate() {
            let saved = reading
                .get(doc.source)
                .and_then(|r| r.positions.get(&doc.essay.id));
            if let Some(&caret) = saved {
                remembered.insert(i, (selection::clamp(&doc.essay, caret), 0));
            }
        }
        let panes = shown
            .iter()
            .map(|&d| {
                let (caret, top) = remembered.get(&d).copied().unwrap_or((0, 0));
                PaneState {
                    essay: d,
                    caret,
                    top,
                    ..Default::default()
                }
            })
            .collect();
        let review = sources
            .iter()
            .flat_map(|s: &Source| s.items.iter())
            .filter(|it| !matches!(it.placement, Placement::Exact(_)))
            .count();
        let message = (review > 0).then(|| {
            format!("{review} annotation(s) moved or not found since last time: R to review")
        });
        AppState {
            docs,
            sources,
            panes,
            focus: Focus::Pane(0),
            notes_selected: 0,
            editor: None,
            help: None,
            message,
            theme: crate::ui::theme::Theme::default(),
            settings: Settings::default(),
            settings_path: None,
            placing: None,
            locked: false,
            fixed_points: Vec::new(),
            search: None,
            link_draft: None,
            parallel: None,
            pairs: None,
            filter: String::new(),
            filter_editing: false,
            reattach: None,
            screen: ScreenLayout::default(),
            rescue: Rescue::default(),
            essay_files: Vec::new(),
            drag_origin: None,
            remembered,
            history: undo::History::default(),
            notes_cache: notes::NotesCache::default(),
            place_cache: visible::PlaceCache::default(),
        }
    }

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

    /// The reading state of `source`, to be saved apart from its annotations.
    pub fn reading_state(&self, source: usize) -> ReadingState {
        let mut state = ReadingState::default();
        for (i, doc) in self.docs.iter().enumerate() {
            if doc.source != source {
                continue;
            }
            let caret = self
                .panes
                .iter()
                .find(|p| p.essay == i)
                .map(|p| p.caret)
                .or_else(|| self.remembered.get(&i).map(|r| r.0));
            if let Some(caret) = caret {
                state.positions.insert(doc.essay.id.clone(), caret);
            }
        }
        state.shown = self
            .panes
            .iter()
            .map(|p| self.docs[p.essay].essay.id.clone())
            .collect();
        state
    }

    /// The annotations file of `source` as it should be on disk now.
    pub fn file_for_save(&self, source: usize) -> AnnotationFile {
        let mut file = self.file_without_annotations(source);
        file.annotations = self.sources[source]
            .items
            .iter()
            .map(|p| p.annotation.clone())
            .collect();
        file
    }

    /// [`AppState::file_for_save`] but for its annotations (left empty): the cheap part.
    pub fn file_without_annotations(&self, source: usize) -> AnnotationFile {
        let src = &self.sources[source];
        let disk = &src.disk.file;
        // Not a clone of the whole file: its annotations and links are replaced anyway.
        let mut file = AnnotationFile {
            essays: Vec::new(),
            annotations: Vec::new(),
            links: Vec::new(),
            version: disk.version,
            source: disk.source.clone(),
            extra: disk.extra.clone(),
        };
        file.essays = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| {
                let old = src.disk.file.essays.iter().find(|r| r.id == d.essay.id);
                EssayRecord {
                    extra: old.map(|r| r.extra.clone()).unwrap_or_default(),
                    ..EssayRecord::of(&d.essay)
                }
            })
            .collect();
        file.links = src.links.clone();
        file
    }

    /// A save of `source` ended, but its annotations changed after the save's snapshot was
    /// taken and another save follows: the source stays [`SaveState::Saving`]. Written
    /// without a merge, the file is the base of the next save. Merged with changes made on
    /// disk, it is not adopted (that would drop the changes made meanwhile): the base stays
    /// as it was, so the next save sees the file changed and merges again, the annotations
    /// shown being ours, the file theirs, and `deleted` keeping deletions. A failure is
    /// retried by the next save, which reports for both.
    pub fn saved_before_changes(&mut self, source: usize, result: Result<Saved, String>) {
        if let Some(src) = self.sources.get_mut(source) {
            src.save = SaveState::Saving;
            if let Ok(saved) = result
                && !saved.merged
            {
                src.disk = Arc::new(saved.disk);
            }
        }
    }

    /// Whether everything is saved.
    pub fn all_saved(&self) -> bool {
        self.sources.iter().all(|s| s.save == SaveState::Saved)
    }

    /// The mode, for the status line.
    pub fn mode(&self) -> &'static str {
        if self.rescue.prompt.is_some() {
            "QUIT?"
        } else if !self.rescue.offers.is_empty() {
            "KEPT"
        } else if self.editor.is_some() {
            "NOTE"
        } else if self.filter_editing {
            "FILTER"
        } else if self.link_draft.is_some() {
            "LINK"
        } else if self.search.as_ref().is_some_and(|s| s.typing) {
            "SEARCH"
        } else if self.reattach.is_some() {
            "ATTACH"
        } else if self.help.is_some() {
            "HELP"
        } else if self
            .focused_pane()
            .is_some_and(|p| self.panes[p].anchor.is_some())
        {
            "VISUAL"
        } else {
            "READ"
        }
    }

    /// The focused essay pane, if an essay pane has focus.
    pub fn focused_pane(&self) -> Option<usize> {
        match self.focus {
            Focus::Pane(p) if p < self.panes.len() => Some(p),
            _ => None,
        }
    }

    /// Applies one action. `now` stamps new and changed annotations.
    pub fn apply(&mut self, action: Action, now: DateTime<Utc>) -> Effect {
        let before = self
            .focused_pane()
            .map(|p| (p, self.panes[p].top, self.panes[p].caret));
        let effect = self.apply_one(action, now);
        if self.locked
            && let Some((p, top, caret)) = before
            && self.focused_pane() == Some(p)
            && (self.panes[p].top, self.panes[p].caret) != (top, caret)
        {
            self.align_other(p);
        }
        effect
    }

    fn apply_one(&mut self, action: Action, now: DateTime<Utc>) -> Effect {
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
            Action::Highlight => return self.highlight(now),
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
            Action::PickRelation(choice) => return self.pick_relation(choice, now),
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
            Action::EditorClose => return self.close_editor(now),
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

    fn back(&mut self) {
        if self.help.is_some() {
            self.help = None;
        } else if self.pairs.is_some() {
            self.pairs = None;
        } else if self.end_parallel() {
            self.message = Some("back from the parallel passage".into());
        } else if let Some(search) = self.search.take_if(|s| s.typing) {
            // Cancelled: back to where the search started.
            self.set_caret(search.pane, search.origin);
        } else if self.filter_editing {
            self.filter_editing = false;
            self.filter.clear();
        } else if self.link_draft.is_some() {
            self.link_draft = None;
            self.message = Some("link cancelled".into());
        } else if self.reattach.is_some() {
            self.reattach = None;
            self.message = Some("re-attach cancelled".into());
        } else if self.focus == Focus::Notes && !self.filter.is_empty() {
            self.filter.clear();
        } else if let Some(p) = self.focused_pane()
            && self.panes[p].anchor.is_some()
        {
            self.panes[p].anchor = None;
        } else if self.search.is_some() {
            self.search = None;
        }
    }
}
