//! The checks after every op (see the parent module).

use std::collections::{BTreeMap, BTreeSet};

use marginalia::action::Action;
use marginalia::anchor::Placement;
use marginalia::annotation::{Annotation, Colour, Link};
use marginalia::keymap::Context;
use marginalia::state::{AppState, Focus, Mode, Overlay, SaveState};
use marginalia::store::{self, SourceId};
use marginalia::ui;

use super::Machine;

/// An annotation's id, note, colour and passage (stored offsets): what a reader sees of it.
pub(super) type Seen = BTreeMap<String, (Option<String>, Colour, usize, usize)>;

pub(super) fn seen_of<'a>(annotations: impl Iterator<Item = &'a Annotation>) -> Seen {
    annotations
        .map(|a| {
            let what = (a.note.clone(), a.colour, a.anchor.start, a.anchor.end);
            (a.id.to_string(), what)
        })
        .collect()
}

pub(super) fn link_ids<'a>(links: impl Iterator<Item = &'a Link>) -> BTreeSet<String> {
    links.map(|l| l.id.to_string()).collect()
}

impl Machine {
    /// The checks after every op.
    pub(super) fn check(&mut self) {
        if let Err(why) = modes_hold(self.state()) {
            self.fail(&why);
        }
        let state = self.state.as_ref().expect("the app is open");
        let drawn = self.terminal.draw(|frame| ui::draw(frame, state));
        if let Err(e) = drawn {
            self.fail(&format!("drawing failed: {e}"));
        }
        let state = self.state();
        for (s, src) in state.sources().iter().enumerate() {
            if src.save != SaveState::Saved {
                self.fail(&format!("source {s} is not saved: {:?}", src.save));
            }
            let ids: BTreeSet<&str> = src
                .items
                .iter()
                .map(|it| it.annotation.id.as_str())
                .collect();
            if ids.len() != src.items.len() {
                self.fail(&format!("source {s} shows an id twice"));
            }
            for it in &src.items {
                let a = &it.annotation;
                let Some(doc) = state
                    .docs()
                    .iter()
                    .find(|d| d.source == SourceId(s) && d.essay.id == a.essay)
                else {
                    self.fail(&format!(
                        "{} names an essay {} not in its file",
                        a.id, a.essay
                    ));
                };
                let Placement::Exact(r) = it.placement else {
                    self.fail(&format!(
                        "{} is {:?}, though no essay changed",
                        a.id, it.placement
                    ));
                };
                let text = doc.essay.slice(r.start(), r.end());
                if text != a.anchor.quote || a.anchor.range() != Some(r) {
                    self.fail(&format!(
                        "{} is shown at {r:?} on {text:?}, but its anchor is {}..{} {:?}",
                        a.id, a.anchor.start, a.anchor.end, a.anchor.quote
                    ));
                }
            }
            let file = state.file_for_save(SourceId(s));
            for l in src.links.iter().chain(&file.links) {
                // A link to another file keeps only one end here, and names the other.
                let away = l.other.as_ref().map(|o| &o.highlight);
                if !l.local_ends().all(|id| ids.contains(id.as_str()))
                    || away.is_some_and(|h| *h != l.from && *h != l.to)
                {
                    self.fail(&format!("link {} names a missing end: {l:?}", l.id));
                }
            }
            let on_disk = store::load_disk(&src.path)
                .unwrap_or_else(|e| self.fail(&format!("the file does not load: {e}")));
            match on_disk {
                Some(disk) if disk.hash == src.disk.hash => {
                    let shown = seen_of(src.items.iter().map(|it| &*it.annotation));
                    let saved = seen_of(disk.file.annotations.iter());
                    if shown != saved {
                        self.fail(&format!(
                            "source {s} says saved and shows {shown:?}\nbut the file holds {saved:?}"
                        ));
                    }
                    if link_ids(src.links.iter()) != link_ids(disk.file.links.iter()) {
                        self.fail(&format!("source {s} says saved, but its links differ"));
                    }
                }
                Some(_) => {}
                None if src.items.is_empty() && src.links.is_empty() => {}
                None => self.fail(&format!("source {s} says saved, but has no file")),
            }
        }
    }

    /// Checks that the state took in what another program wrote once it has read the file,
    /// and that no annotation left the state without a reason.
    pub(super) fn check_losses(&mut self, before: &Seen, action: Option<&Action>) {
        let state = self.state();
        let now = seen_of(self.annotations());
        let mut resolved = Vec::new();
        for (i, p) in self.pending.iter().enumerate() {
            let src = &state.sources()[p.source];
            let knows = store::load_disk(&src.path)
                .ok()
                .flatten()
                .is_some_and(|d| d.hash == src.disk.hash);
            if !knows {
                continue;
            }
            resolved.push(i);
            let shown = src.placed(&p.id).map(|it| &it.annotation);
            let w = &p.written;
            let undoing = matches!(action, Some(Action::Undo | Action::Redo));
            let ok = match (p.removed, shown) {
                // Removed elsewhere: gone, unless this session changed it since (a change,
                // or an undo or redo bringing back another version).
                (true, None) => true,
                (true, Some(a)) => a.modified >= w.modified || undoing,
                // Added or changed elsewhere, later than anything the reader did: shown as
                // written, unless the reader deleted it.
                (false, Some(a)) => a.note == w.note && a.colour == w.colour,
                (false, None) => src.deleted.contains(p.id.as_str()),
            };
            if !ok {
                self.fail(&format!(
                    "another program's change {:?} of {} did not arrive: the app shows {shown:?}",
                    p.what, p.id
                ));
            }
        }
        let removed: BTreeSet<&str> = resolved
            .iter()
            .filter(|&&i| self.pending[i].removed)
            .map(|&i| self.pending[i].id.as_str())
            .collect();
        let mut newly_deleted = Vec::new();
        for id in before.keys().filter(|id| !now.contains_key(*id)) {
            let why = match action {
                // `x`, or the choice and the answer it asked for.
                Some(Action::Delete | Action::Choose(_) | Action::Confirm(true)) => {
                    newly_deleted.push(id.clone());
                    true
                }
                Some(Action::Undo | Action::Redo) => {
                    !id.starts_with("outside-") || self.deleted_by_reader.contains(id)
                }
                _ => false,
            };
            if !why && !removed.contains(id.as_str()) {
                self.fail(&format!(
                    "{id} left the app without being deleted (after {action:?})"
                ));
            }
        }
        for id in now.keys().filter(|id| !before.contains_key(*id)) {
            let undoing = matches!(action, Some(Action::Undo | Action::Redo));
            if self.deleted_by_reader.contains(id) && !undoing {
                self.fail(&format!("{id}, deleted, came back (after {action:?})"));
            }
        }
        let links = state.sources().iter().map(|s| s.links.len()).sum();
        self.deleted_by_reader.extend(newly_deleted);
        let stats = &mut self.stats;
        stats.merged += resolved.len();
        stats.ops += 1;
        stats.most_annotations = stats.most_annotations.max(now.len());
        stats.most_links = stats.most_links.max(links);
        stats.removals += before.keys().filter(|id| !now.contains_key(*id)).count();
        stats.notes += now
            .iter()
            .filter(|(id, (note, ..))| {
                note.is_some() && before.get(*id).is_none_or(|b| b.0 != *note)
            })
            .count();
        for i in resolved.into_iter().rev() {
            self.pending.remove(i);
        }
    }
}

/// The mode stack holds at most one overlay of each kind (offers of kept files apart), and
/// the key context and the status label are those of the topmost overlay that has one.
pub(super) fn modes_hold(state: &AppState) -> Result<(), String> {
    let overlays: Vec<&Overlay> = state.overlays().iter().collect();
    for (i, a) in overlays.iter().enumerate() {
        let twice = overlays[i + 1..]
            .iter()
            .any(|b| std::mem::discriminant(*a) == std::mem::discriminant(*b));
        if twice && a.mode() != Mode::Offer {
            return Err(format!("the mode stack holds {:?} twice", a.mode()));
        }
    }
    let modes: Vec<Mode> = overlays.iter().map(|o| o.mode()).collect();
    let context = match modes.iter().rev().find_map(|m| m.context()) {
        Some(context) => context,
        None if state.focus() == Focus::Notes => Context::Notes,
        None => Context::Essay,
    };
    if state.context() != context {
        return Err(format!(
            "keys go to {:?} with the modes {modes:?}, not {context:?}",
            state.context()
        ));
    }
    if let Some(label) = modes.iter().rev().find_map(|m| m.label())
        && state.mode() != label
    {
        return Err(format!(
            "the status says {} with the modes {modes:?}, not {label}",
            state.mode()
        ));
    }
    Ok(())
}
