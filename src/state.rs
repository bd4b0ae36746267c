//! The app state and `apply(Action) -> Effect`: every change of state happens here, with
//! no I/O. The shell ([`crate::app`]) performs the returned [`Effect`].

mod filter;
mod links;
mod lock;
mod notes;
mod pane;
mod parallel;
mod placing;
mod search;

pub use filter::hashtags;
pub use links::{LinkDraft, LinkEnd};
pub use notes::NoteItem;
pub use pane::{PaneState, Viewport, top_offset, top_pos};
pub use parallel::{Pairs, Parallel};
pub use placing::place;
pub use search::{Search, find_all};

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::{DateTime, Utc};
use ratatui::layout::{Position, Rect};

use crate::action::{Action, EditorInput, Pointer};
use crate::anchor::{Placement, anchor_for};
use crate::annotation::{Annotation, Colour, Link};
use crate::editor::NoteEditor;
use crate::essay::Essay;
use crate::layout::{Flow, WrapCache};
use crate::range::TextRange;
use crate::selection;
use crate::settings::Settings;
use crate::store::{AnnotationFile, DiskState, EssayRecord, Lock, ReadingState};
use crate::ui::theme::Palette;
use crate::ui::{self, ScreenLayout};

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
    pub disk: DiskState,
    /// The annotations, in creation order.
    pub items: Vec<Placed>,
    /// Links between highlights, in creation order.
    pub links: Vec<Link>,
    /// Ids deleted in this session: a merge never brings them back.
    pub deleted: BTreeSet<String>,
    /// Why changes are refused, when they are.
    pub read_only: Option<String>,
    /// Save state.
    pub save: SaveState,
    /// The lock that makes this the one writer of the file.
    pub lock: Option<Lock>,
}

impl Source {
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
            disk,
            items,
            deleted: BTreeSet::new(),
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
}

/// The annotations of one source before a change, for undo.
#[derive(Debug, Clone)]
struct Snapshot {
    source: usize,
    items: Vec<Placed>,
    links: Vec<Link>,
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
    /// Where a mouse drag started (pane, offset).
    drag_origin: Option<(usize, usize)>,
    /// Caret and view remembered per essay, for `[` and `]`.
    remembered: HashMap<usize, (usize, usize)>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
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
            drag_origin: None,
            remembered,
            undo: Vec::new(),
            redo: Vec::new(),
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
    pub fn note_items(&self) -> Vec<NoteItem> {
        notes::items(self)
    }

    /// How many items the notes list has without its filter.
    pub fn note_count_unfiltered(&self) -> usize {
        notes::items_matching(self, "").len()
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
        let src = &self.sources[source];
        let mut file = src.disk.file.clone();
        file.essays = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| {
                let old = src.disk.file.essays.iter().find(|r| r.id == d.essay.id);
                EssayRecord {
                    id: d.essay.id.clone(),
                    title: d.essay.title.clone(),
                    fingerprint: d.essay.fingerprint.clone(),
                    extra: old.map(|r| r.extra.clone()).unwrap_or_default(),
                }
            })
            .collect();
        file.annotations = src.items.iter().map(|p| p.annotation.clone()).collect();
        file.links = src.links.clone();
        file
    }

    /// Whether everything is saved.
    pub fn all_saved(&self) -> bool {
        self.sources.iter().all(|s| s.save == SaveState::Saved)
    }

    /// The mode, for the status line.
    pub fn mode(&self) -> &'static str {
        if self.editor.is_some() {
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

    /// Scrolls the pane beside `p` so that what it shows matches `p`'s caret line.
    fn align_other(&mut self, p: usize) {
        if self.panes.len() < 2 {
            return;
        }
        let q = 1 - p.min(1);
        let (a, b) = (self.panes[p].essay, self.panes[q].essay);
        let (len_a, len_b) = (self.docs[a].essay.len, self.docs[b].essay.len);
        // Fixed points are stored left to right; flip them when the right pane leads.
        let points: Vec<lock::FixedPoint> = if p == 0 {
            self.fixed_points.clone()
        } else {
            lock::monotone(self.fixed_points.iter().map(|&(x, y)| (y, x)).collect())
        };
        let caret = self.panes[p].caret;
        let target = lock::map_offset(&points, caret, len_a, len_b);
        // Put the matching line at the same height as the caret's line.
        let flow_p = self.flow(p);
        let row = {
            let mut pos = top_pos(&flow_p, self.panes[p].top);
            let caret_pos = flow_p.pos_of(caret);
            let mut n = 0isize;
            while pos < caret_pos {
                match flow_p.next(pos) {
                    Some(next) => pos = next,
                    None => break,
                }
                n += 1;
            }
            n
        };
        let flow = self.flow(q);
        let view = self.viewport(q);
        let mut pane = self.panes[q].clone();
        pane.caret = selection::clamp(flow.essay, target);
        pane.goal_column = None;
        let line = flow.pos_of(pane.caret);
        pane.top = top_offset(&flow, flow.advance(line, -row));
        pane.follow_caret(&flow, view);
        self.panes[q] = pane;
    }

    /// Recomputes the fixed points of the two essays on screen.
    fn refresh_fixed_points(&mut self) {
        self.fixed_points = if self.panes.len() < 2 {
            Vec::new()
        } else {
            let mut points = self.link_points(self.panes[0].essay, self.panes[1].essay);
            points.extend(self.parallel_points());
            lock::monotone(points)
        };
    }

    fn apply_one(&mut self, action: Action, now: DateTime<Utc>) -> Effect {
        if !matches!(
            action,
            Action::Saved(..) | Action::Resize(..) | Action::Exported(..)
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
            Action::Quit => return Effect::Quit,
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
                            src.disk = saved.disk;
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

    /// Shows what a merge with the file on disk brought in: annotations unchanged keep
    /// their placement, the rest are placed afresh.
    fn adopt_merge(&mut self, source: usize) {
        let essays: Vec<Essay> = self
            .docs
            .iter()
            .filter(|d| d.source == source)
            .map(|d| d.essay.clone())
            .collect();
        let src = &self.sources[source];
        let fresh = place(&src.disk.file, &essays);
        let items = fresh
            .into_iter()
            .map(|placed| {
                src.items
                    .iter()
                    .find(|old| old.annotation == placed.annotation)
                    .cloned()
                    .unwrap_or(placed)
            })
            .collect();
        self.sources[source].items = items;
        self.sources[source].links = self.sources[source].disk.file.links.clone();
        self.message = Some("merged changes made to the annotations file on disk".into());
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
    }

    /// `+` / `-`: widens or narrows the essays' text, up to the pane's full width.
    fn change_measure(&mut self, wider: bool) -> Effect {
        let Some(p) = self.focused_pane() else {
            return Effect::None;
        };
        let room = self
            .screen
            .pane_area(p)
            .width
            .saturating_sub(2 + ui::GUTTER + 1);
        let current = self.viewport(p).width;
        let width = if wider {
            current.saturating_add(MEASURE_STEP)
        } else {
            current.saturating_sub(MEASURE_STEP).max(MIN_MEASURE)
        };
        self.settings.measure = (width < room).then_some(width);
        let size = self.screen.area;
        self.resize(size.width, size.height);
        self.message = Some(match self.settings.measure {
            Some(m) => format!("text measure: {m} columns"),
            None => "text measure: full width".into(),
        });
        Effect::SaveSettings
    }

    fn cycle_focus(&mut self, step: isize) {
        let mut order: Vec<Focus> = (0..self.panes.len()).map(Focus::Pane).collect();
        if self.screen.notes.is_some() {
            order.push(Focus::Notes);
        }
        let at = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let n = order.len() as isize;
        self.focus = order[(at + step).rem_euclid(n) as usize];
        self.drag_origin = None;
    }

    fn resize(&mut self, width: u16, height: u16) {
        self.screen = ui::layout(
            Rect::new(0, 0, width, height),
            self.panes.len(),
            self.settings.measure,
        );
        if self.screen.notes.is_none() && self.focus == Focus::Notes {
            self.focus = Focus::Pane(0);
        }
        for p in 0..self.panes.len() {
            let flow = self.flow(p);
            let view = self.viewport(p);
            let mut pane = self.panes[p].clone();
            pane.reflow(&flow, view);
            self.panes[p] = pane;
        }
    }

    fn select_sentence(&mut self) {
        let Some(p) = self.focused_pane() else { return };
        let essay = &self.docs[self.panes[p].essay].essay;
        let pane = &self.panes[p];
        let target = match pane.selection(essay) {
            // Extend by the sentence after the selection.
            Some(sel) if pane.anchor.is_some() => {
                let next = selection::sentence_next(essay, sel.end().saturating_sub(1));
                selection::sentence_at(essay, next).map(|s| sel.union(s))
            }
            _ => selection::sentence_at(essay, pane.caret),
        };
        if let Some(range) = target {
            let last = selection::clamp(essay, range.end() - 1);
            let pane = &mut self.panes[p];
            pane.anchor = Some(range.start());
            pane.caret = last;
            let flow = self.flow(p);
            let view = self.viewport(p);
            let mut pane = self.panes[p].clone();
            pane.follow_caret(&flow, view);
            self.panes[p] = pane;
        }
    }

    /// The range `H` or `a` acts on in pane `p`: the selection, else the sentence.
    fn marked_range(&self, p: usize) -> Option<TextRange> {
        let pane = &self.panes[p];
        let essay = &self.docs[pane.essay].essay;
        let range = pane
            .selection(essay)
            .or_else(|| selection::sentence_at(essay, pane.caret))?;
        selection::trim(essay, range)
    }

    /// The annotation under the caret of pane `p`: the shortest one holding it.
    fn highlight_at_caret(&self, p: usize) -> Option<(usize, usize)> {
        let pane = &self.panes[p];
        let doc = &self.docs[pane.essay];
        let src = &self.sources[doc.source];
        src.items
            .iter()
            .enumerate()
            .filter(|(_, it)| it.annotation.essay == doc.essay.id)
            .filter_map(|(i, it)| it.placement.range().map(|r| (i, r)))
            .filter(|(_, r)| r.contains(pane.caret))
            .min_by_key(|(_, r)| r.len())
            .map(|(i, _)| (doc.source, i))
    }

    /// The annotation `c`, `a` or `x` act on: the notes selection or the one at the caret.
    fn target(&self) -> Option<(usize, usize)> {
        match self.focus {
            Focus::Notes => self
                .note_items()
                .get(self.notes_selected)
                .map(|it| (it.source, it.index)),
            Focus::Pane(p) if p < self.panes.len() => self.highlight_at_caret(p),
            Focus::Pane(_) => None,
        }
    }

    fn writable(&mut self, source: usize) -> bool {
        match &self.sources[source].read_only {
            Some(why) => {
                self.message = Some(format!("read-only: {why}"));
                false
            }
            None => true,
        }
    }

    /// Records the state before a change of `source` and marks it for saving.
    fn change(&mut self, source: usize) -> Effect {
        self.sources[source].save = SaveState::Saving;
        Effect::Save(source)
    }

    fn remember(&mut self, source: usize) {
        self.undo.push(Snapshot {
            source,
            items: self.sources[source].items.clone(),
            links: self.sources[source].links.clone(),
        });
        if self.undo.len() > UNDO_LIMIT {
            self.undo.remove(0);
        }
        self.redo.clear();
    }

    fn new_annotation(
        &self,
        doc: usize,
        range: TextRange,
        note: Option<String>,
        now: DateTime<Utc>,
    ) -> Placed {
        let essay = &self.docs[doc].essay;
        Placed {
            annotation: Annotation {
                id: crate::store::new_id(),
                essay: essay.id.clone(),
                anchor: anchor_for(essay, range),
                colour: Colour::default(),
                note,
                tags: Vec::new(),
                created: now,
                modified: now,
                extra: Default::default(),
            },
            placement: Placement::Exact(range),
        }
    }

    fn highlight(&mut self, now: DateTime<Utc>) -> Effect {
        let Some(p) = self.focused_pane() else {
            return Effect::None;
        };
        let Some(range) = self.marked_range(p) else {
            self.message = Some("nothing to highlight here".into());
            return Effect::None;
        };
        let doc = self.panes[p].essay;
        let source = self.docs[doc].source;
        if !self.writable(source) {
            return Effect::None;
        }
        if let Some((src, id)) = self.reattach.take() {
            return self.attach(src, &id, doc, range, now);
        }
        let id = &self.docs[doc].essay.id;
        let exists = self.sources[source]
            .items
            .iter()
            .any(|it| it.annotation.essay == *id && it.placement.range() == Some(range));
        if exists {
            self.message = Some("already highlighted".into());
            self.panes[p].anchor = None;
            return Effect::None;
        }
        let placed = self.new_annotation(doc, range, None, now);
        self.remember(source);
        self.sources[source].items.push(placed);
        self.panes[p].anchor = None;
        self.change(source)
    }

    /// Places annotation `id` of `source` on `range` of essay `doc`: a new anchor, found.
    fn attach(
        &mut self,
        source: usize,
        id: &str,
        doc: usize,
        range: TextRange,
        now: DateTime<Utc>,
    ) -> Effect {
        if self.docs[doc].source != source {
            self.message = Some("attach it to a passage of its own file".into());
            return Effect::None;
        }
        let Some(index) = self.sources[source]
            .items
            .iter()
            .position(|it| it.annotation.id == id)
        else {
            return Effect::None;
        };
        self.remember(source);
        let essay = &self.docs[doc].essay;
        let placed = &mut self.sources[source].items[index];
        let extra = placed.annotation.anchor.extra.clone();
        placed.annotation.anchor = anchor_for(essay, range);
        placed.annotation.anchor.extra = extra;
        placed.annotation.essay = essay.id.clone();
        placed.annotation.modified = now;
        placed.placement = Placement::Exact(range);
        for pane in &mut self.panes {
            pane.anchor = None;
        }
        self.message = Some("attached".into());
        self.change(source)
    }

    /// Accepts the new place of a moved annotation: its anchor is rewritten there.
    fn accept(&mut self, now: DateTime<Utc>) -> Effect {
        let Some((source, index)) = self.target() else {
            return Effect::None;
        };
        let Placement::Moved(range) = self.sources[source].items[index].placement else {
            self.message = Some("only a moved annotation needs accepting".into());
            return Effect::None;
        };
        let id = self.sources[source].items[index].annotation.id.clone();
        let essay_id = self.sources[source].items[index].annotation.essay.clone();
        let Some(doc) = self
            .docs
            .iter()
            .position(|d| d.source == source && d.essay.id == essay_id)
        else {
            return Effect::None;
        };
        if !self.writable(source) {
            return Effect::None;
        }
        let effect = self.attach(source, &id, doc, range, now);
        self.message = Some("accepted".into());
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
        effect
    }

    /// Waits for the reader to select the passage the selected item should sit on.
    fn start_reattach(&mut self) {
        let Some(item) = self.note_items().get(self.notes_selected).copied() else {
            return;
        };
        if !self.writable(item.source) {
            return;
        }
        let id = self.sources[item.source].items[item.index]
            .annotation
            .id
            .clone();
        self.reattach = Some((item.source, id));
        let p = match self.panes.iter().position(|pane| pane.essay == item.doc) {
            Some(p) => p,
            None => {
                self.show_essay(0, item.doc);
                0
            }
        };
        self.focus = Focus::Pane(p);
        self.message = Some("select the passage (v or s), then H to attach; Esc cancels".into());
    }

    fn cycle_colour(&mut self, now: DateTime<Utc>) -> Effect {
        let Some((source, index)) = self.target() else {
            self.message = Some("no highlight here".into());
            return Effect::None;
        };
        if !self.writable(source) {
            return Effect::None;
        }
        self.remember(source);
        let ann = &mut self.sources[source].items[index].annotation;
        ann.colour = ann.colour.next();
        ann.modified = now;
        self.message = Some(format!("colour: {}", ann.colour.name()));
        self.change(source)
    }

    fn delete(&mut self) -> Effect {
        let Some((source, index)) = self.target() else {
            self.message = Some("no highlight here".into());
            return Effect::None;
        };
        if !self.writable(source) {
            return Effect::None;
        }
        self.remember(source);
        let removed = self.sources[source].items.remove(index);
        let src = &mut self.sources[source];
        let id = removed.annotation.id;
        for link in src.links.iter().filter(|l| l.from == id || l.to == id) {
            src.deleted.insert(link.id.clone());
        }
        src.links.retain(|l| l.from != id && l.to != id);
        src.deleted.insert(id);
        let undo = crate::keymap::key_for(&Action::Undo).unwrap_or_default();
        self.message = Some(format!("deleted ({undo} to undo)"));
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
        self.change(source)
    }

    fn undo_redo(&mut self, undo: bool) -> Effect {
        let (from, to) = if undo {
            (&mut self.undo, &mut self.redo)
        } else {
            (&mut self.redo, &mut self.undo)
        };
        let Some(snapshot) = from.pop() else {
            self.message = Some(
                if undo {
                    "nothing to undo"
                } else {
                    "nothing to redo"
                }
                .into(),
            );
            return Effect::None;
        };
        let source = snapshot.source;
        let current = std::mem::replace(&mut self.sources[source].items, snapshot.items);
        let current_links = std::mem::replace(&mut self.sources[source].links, snapshot.links);
        let src = &mut self.sources[source];
        for gone in current_links
            .iter()
            .filter(|c| !src.links.iter().any(|l| l.id == c.id))
        {
            src.deleted.insert(gone.id.clone());
        }
        for back in &src.links {
            src.deleted.remove(&back.id);
        }
        for gone in current
            .iter()
            .filter(|c| !src.items.iter().any(|i| i.annotation.id == c.annotation.id))
        {
            src.deleted.insert(gone.annotation.id.clone());
        }
        for back in &src.items {
            src.deleted.remove(&back.annotation.id);
        }
        to.push(Snapshot {
            source,
            items: current,
            links: current_links,
        });
        self.message = Some(if undo { "undone" } else { "redone" }.into());
        let count = self.note_items().len();
        self.notes_selected = self.notes_selected.min(count.saturating_sub(1));
        self.change(source)
    }

    fn open_editor(&mut self) {
        let target = match self.focus {
            Focus::Notes => self.target().map(|(source, index)| (source, index, None)),
            Focus::Pane(p) => {
                let pane = &self.panes[p];
                let essay = &self.docs[pane.essay].essay;
                match (pane.selection(essay), self.highlight_at_caret(p)) {
                    (None, Some((source, index))) => Some((source, index, None)),
                    _ => self.marked_range(p).map(|r| (0, 0, Some((pane.essay, r)))),
                }
            }
        };
        let Some((source, index, new)) = target else {
            self.message = Some("nothing to write a note on".into());
            return;
        };
        let open = match new {
            Some((doc, range)) => {
                let src = self.docs[doc].source;
                let essay = &self.docs[doc].essay;
                // A selection that is exactly an existing highlight edits that one.
                let same = self.sources[src].items.iter().position(|it| {
                    it.annotation.essay == essay.id && it.placement.range() == Some(range)
                });
                match same {
                    Some(i) => self.editor_for(src, i),
                    None => OpenEditor {
                        editor: NoteEditor::new(""),
                        target: NoteTarget::New { doc, range },
                        quote: essay.slice(range.start(), range.end()),
                    },
                }
            }
            None => self.editor_for(source, index),
        };
        let source = match &open.target {
            NoteTarget::Existing { source, .. } | NoteTarget::Link { source, .. } => *source,
            NoteTarget::New { doc, .. } => self.docs[*doc].source,
        };
        if self.writable(source) {
            self.editor = Some(open);
        }
    }

    fn editor_for(&self, source: usize, index: usize) -> OpenEditor {
        let ann = &self.sources[source].items[index].annotation;
        // Tags live in the note as #words; tags set elsewhere join it on a last line.
        let mut text = ann.note.clone().unwrap_or_default();
        let written = hashtags(&text);
        let missing: Vec<String> = ann
            .tags
            .iter()
            .filter(|t| !written.contains(t))
            .map(|t| format!("#{t}"))
            .collect();
        if !missing.is_empty() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(&missing.join(" "));
        }
        OpenEditor {
            editor: NoteEditor::new(&text),
            target: NoteTarget::Existing {
                source,
                id: ann.id.clone(),
            },
            quote: ann.anchor.quote.clone(),
        }
    }

    fn close_editor(&mut self, now: DateTime<Utc>) -> Effect {
        let Some(open) = self.editor.take() else {
            return Effect::None;
        };
        let text = open.editor.text().trim_end().to_string();
        let note = (!text.trim().is_empty()).then_some(text);
        match open.target {
            NoteTarget::Link { source, id } => {
                let Some(index) = self.sources[source].links.iter().position(|l| l.id == id) else {
                    return Effect::None;
                };
                if self.sources[source].links[index].note == note {
                    return Effect::None;
                }
                self.remember(source);
                let link = &mut self.sources[source].links[index];
                link.note = note;
                link.modified = now;
                self.change(source)
            }
            NoteTarget::Existing { source, id } => {
                let Some(index) = self.sources[source]
                    .items
                    .iter()
                    .position(|it| it.annotation.id == id)
                else {
                    return Effect::None;
                };
                if self.sources[source].items[index].annotation.note == note {
                    return Effect::None;
                }
                self.remember(source);
                let ann = &mut self.sources[source].items[index].annotation;
                ann.tags = note.as_deref().map(hashtags).unwrap_or_default();
                ann.note = note;
                ann.modified = now;
                self.change(source)
            }
            NoteTarget::New { doc, range } => {
                if note.is_none() {
                    self.message = Some("empty note: nothing made".into());
                    return Effect::None;
                }
                let source = self.docs[doc].source;
                let mut placed = self.new_annotation(doc, range, note, now);
                placed.annotation.tags = placed
                    .annotation
                    .note
                    .as_deref()
                    .map(hashtags)
                    .unwrap_or_default();
                self.remember(source);
                self.sources[source].items.push(placed);
                for pane in &mut self.panes {
                    if pane.essay == doc {
                        pane.anchor = None;
                    }
                }
                self.change(source)
            }
        }
    }

    fn switch_essay(&mut self, step: isize) {
        let Some(p) = self.focused_pane() else { return };
        let n = self.docs.len();
        if n <= self.panes.len() {
            self.message = Some("no other essay to show".into());
            return;
        }
        let current = self.panes[p].essay;
        let others: Vec<usize> = self
            .panes
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != p)
            .map(|(_, pane)| pane.essay)
            .collect();
        let mut next = current as isize;
        loop {
            next = (next + step).rem_euclid(n as isize);
            if !others.contains(&(next as usize)) {
                break;
            }
        }
        self.show_essay(p, next as usize);
    }

    /// Shows essay `doc` in pane `p`, remembering where the old one was read.
    fn show_essay(&mut self, p: usize, doc: usize) {
        let old = &self.panes[p];
        self.remembered.insert(old.essay, (old.caret, old.top));
        let (caret, top) = self.remembered.get(&doc).copied().unwrap_or((0, 0));
        self.panes[p] = PaneState {
            essay: doc,
            caret,
            top,
            ..Default::default()
        };
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        pane.reflow(&flow, view);
        self.panes[p] = pane;
        if self.locked {
            self.refresh_fixed_points();
        }
        self.search = None;
    }

    fn scroll_list(&mut self, step: isize) {
        if self.pairs.is_some() {
            self.move_pairs(step);
            return;
        }
        if self.picking_relation() {
            self.move_picker(step);
            return;
        }
        if let Some(scroll) = &mut self.help {
            *scroll = scroll.saturating_add_signed(step as i16);
            return;
        }
        let count = self.note_items().len();
        if count == 0 {
            return;
        }
        self.notes_selected =
            (self.notes_selected as isize + step).clamp(0, count as isize - 1) as usize;
    }

    fn jump_to_selected(&mut self) {
        let Some(item) = self.note_items().get(self.notes_selected).cloned() else {
            return;
        };
        let placement = self.sources[item.source].items[item.index].placement;
        let Some(range) = placement.range() else {
            self.message = Some("this note's passage was not found in the essay".into());
            return;
        };
        let p = match self.panes.iter().position(|pane| pane.essay == item.doc) {
            Some(p) => p,
            None => {
                self.show_essay(0, item.doc);
                0
            }
        };
        self.panes[p].caret = selection::clamp(&self.docs[item.doc].essay, range.start());
        self.panes[p].anchor = None;
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        // Put the passage a third of the way down, where the eye expects it.
        pane.top = top_offset(
            &flow,
            flow.advance(flow.pos_of(pane.caret), -((view.height as isize) / 3)),
        );
        pane.follow_caret(&flow, view);
        self.panes[p] = pane;
        self.focus = Focus::Pane(p);
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

    /// Moves the caret of pane `p` to `offset`, the view following.
    fn set_caret(&mut self, p: usize, offset: usize) {
        let flow = self.flow(p);
        let view = self.viewport(p);
        let mut pane = self.panes[p].clone();
        pane.caret = crate::selection::clamp(flow.essay, offset);
        pane.goal_column = None;
        pane.follow_caret(&flow, view);
        self.panes[p] = pane;
    }

    fn edit_search(&mut self, input: EditorInput) {
        let Some(search) = &mut self.search else {
            return;
        };
        match input {
            EditorInput::Char(c) => search.query.push(crate::essay::visible(c)),
            EditorInput::Backspace => {
                search.query.pop();
            }
            _ => return,
        }
        let p = search.pane;
        let essay = &self.docs[self.panes[p].essay].essay;
        search.matches = find_all(essay, &search.query);
        search.current = search.next_from(search.origin);
        let target = search
            .current
            .map_or(search.origin, |k| search.matches[k].start());
        self.message = Some(search.describe());
        self.set_caret(p, target);
    }

    fn step_search(&mut self, forward: bool) {
        let Some(p) = self.focused_pane() else { return };
        let Some(search) = self.search.as_mut().filter(|s| s.pane == p) else {
            self.message = Some("no search: / to search".into());
            return;
        };
        let caret = self.panes[p].caret;
        search.current = if forward {
            search.next_from(caret + 1)
        } else {
            search.prev_from(caret)
        };
        self.message = Some(search.describe());
        if let Some(k) = search.current {
            let target = search.matches[k].start();
            self.set_caret(p, target);
        }
    }

    fn pointer(&mut self, kind: Pointer, column: u16, row: u16) {
        let at = Position::new(column, row);
        let pane = (0..self.panes.len()).find(|&p| self.screen.pane_area(p).contains(at));
        match kind {
            Pointer::WheelDown | Pointer::WheelUp => {
                let n = if kind == Pointer::WheelDown { 3 } else { -3 };
                if let Some(p) = pane {
                    let flow = self.flow(p);
                    let view = self.viewport(p);
                    let mut state = self.panes[p].clone();
                    state.scroll(&flow, view, n);
                    self.panes[p] = state;
                } else if self.screen.notes.is_some_and(|a| a.contains(at)) {
                    self.scroll_list(n.signum());
                }
            }
            Pointer::Press => {
                self.drag_origin = None;
                if let Some(p) = pane {
                    self.focus = Focus::Pane(p);
                    if let Some(offset) = self.offset_at_cell(p, at) {
                        self.panes[p].caret = offset;
                        self.panes[p].anchor = None;
                        self.panes[p].goal_column = None;
                        self.drag_origin = Some((p, offset));
                    }
                } else if let Some(notes) = self.screen.notes
                    && notes.contains(at)
                {
                    self.focus = Focus::Notes;
                    if let Some(i) = ui::notes_item_at(self, row) {
                        self.notes_selected = i;
                    }
                }
            }
            Pointer::Drag => {
                let Some((p, origin)) = self.drag_origin else {
                    return;
                };
                let area = self.screen.text_area(p);
                let clamped = Position::new(
                    column.clamp(area.x, area.right().saturating_sub(1)),
                    row.clamp(area.y, area.bottom().saturating_sub(1)),
                );
                if let Some(offset) = self.offset_at_cell(p, clamped) {
                    self.panes[p].anchor = Some(origin);
                    self.panes[p].caret = offset;
                }
            }
        }
    }

    fn offset_at_cell(&self, p: usize, at: Position) -> Option<usize> {
        let area = self.screen.text_area(p);
        if !area.contains(at) {
            return None;
        }
        let flow = self.flow(p);
        Some(self.panes[p].offset_at(&flow, at.y - area.y, at.x - area.x))
    }
}
