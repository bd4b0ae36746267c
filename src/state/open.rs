//! The state of essays just opened: which essays are shown, where each caret was left.

use std::collections::HashMap;

use super::mode::ModeStack;
use super::{AppState, EssayDoc, Focus, PaneState, Rescue, Source, notes, undo, visible};
use crate::anchor::Placement;
use crate::screen::ScreenLayout;
use crate::selection;
use crate::settings::Settings;
use crate::store::{DocId, ReadingState};

/// The essays shown in the panes of a state just opened, of essays with `ids` (of every
/// source, in order): those shown last time, else the first two.
pub fn shown_at_first(ids: &[&str], reading: &[ReadingState]) -> Vec<DocId> {
    let wanted: Vec<DocId> = reading
        .iter()
        .flat_map(|r| r.shown.iter())
        .filter_map(|id| ids.iter().position(|d| *d == id))
        .map(DocId)
        .collect();
    let mut shown: Vec<DocId> = Vec::new();
    for d in wanted.into_iter().chain(DocId::all(ids.len())) {
        if !shown.contains(&d) && shown.len() < 2 {
            shown.push(d);
        }
    }
    shown
}

impl AppState {
    /// A state showing `docs` (the first two in the panes), with reading positions.
    pub fn new(docs: Vec<EssayDoc>, sources: Vec<Source>, reading: &[ReadingState]) -> AppState {
        let ids: Vec<&str> = docs.iter().map(|d| d.essay.id.as_str()).collect();
        let shown = shown_at_first(&ids, reading);
        let mut remembered = HashMap::new();
        for (i, doc) in DocId::all(docs.len()).zip(&docs) {
            let saved = reading
                .get(doc.source.0)
                .and_then(|r| r.positions.get(&doc.essay.id));
            if let Some(&caret) = saved {
                // The top as it was, if it was kept and lies in the essay (the view is
                // put right around the caret on the first resize).
                let top = reading
                    .get(doc.source.0)
                    .and_then(|r| r.tops.get(&doc.essay.id))
                    .map_or(0, |&top| top.min(doc.essay.len));
                remembered.insert(i, (selection::clamp(&doc.essay, caret), top));
            }
        }
        let mut marks = super::marks::Marks::default();
        for (i, doc) in DocId::all(docs.len()).zip(&docs) {
            let kept = reading
                .get(doc.source.0)
                .and_then(|r| r.marks.get(&doc.essay.id));
            for (&letter, &offset) in kept.into_iter().flatten() {
                marks.restore(i, letter, selection::clamp(&doc.essay, offset));
            }
        }
        let panes: Vec<PaneState> = shown
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
        let focus = match reading.iter().find_map(|r| r.focus.as_deref()) {
            Some("notes") => Focus::Notes,
            Some("right") if panes.len() > 1 => Focus::Pane(1),
            _ => Focus::Pane(0),
        };
        AppState {
            docs,
            sources,
            panes,
            focus,
            modes: ModeStack::default(),
            notes_selected: 0,
            message,
            theme: crate::settings::theme::Theme::default(),
            settings: Settings::default(),
            settings_path: None,
            placing: None,
            locked: false,
            fixed_points: Vec::new(),
            search: None,
            filter: Default::default(),
            screen: ScreenLayout::default(),
            rescue: Rescue::default(),
            essay_files: Vec::new(),
            drag_origin: None,
            remembered,
            history: undo::History::default(),
            notes_cache: notes::NotesCache::default(),
            place_cache: visible::PlaceCache::default(),
            message_until: None,
            notes_view: None,
            marks,
            jumps: Default::default(),
            keymap: Default::default(),
            pending: Default::default(),
            before_review: None,
            tag_cycle: None,
            aligned: Default::default(),
        }
    }

    /// A first look at a long file, its `count` annotations still to be placed: the notes
    /// pane says so rather than "no highlights yet".
    pub fn placing_later(mut self, count: usize) -> AppState {
        self.placing = Some(count);
        self
    }
}
