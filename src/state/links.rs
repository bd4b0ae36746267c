//! Links between passages of the two essays: making, following and removing them.

use crate::store::{DocId, SourceId, Stamp};

use crate::action::Action;

use super::{AppState, Effect, Focus, NoteTarget, OpenEditor, Overlay, Placed};
use crate::anchor::Placement;
use crate::annotation::{AnnotationId, Link, Relation};
use crate::input::TextInput;
use crate::range::TextRange;

/// One end of a link being made: a highlight that exists, or a passage to highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkEnd {
    /// An existing highlight.
    Existing {
        /// Its source.
        source: SourceId,
        /// Its id.
        id: AnnotationId,
    },
    /// A passage of essay `doc`, highlighted when the link is made.
    New {
        /// The essay.
        doc: DocId,
        /// The passage.
        range: TextRange,
    },
}

/// A link being made: its first end, then its partner, then its relation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkDraft {
    /// Where the link starts.
    pub from: LinkEnd,
    /// The essay it starts in.
    pub from_doc: DocId,
    /// The partner, once chosen, with its essay.
    pub to: Option<(LinkEnd, DocId)>,
    /// The relation highlighted in the picker.
    pub picking: Relation,
}

impl AppState {
    /// Carries out a link action: starting one, choosing its partner and relation,
    /// following one.
    pub(super) fn link(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        match action {
            Action::Link if self.pairs().is_some() => self.link_pair(),
            Action::Link => self.link_here(),
            Action::FollowLink => return self.follow_link(),
            Action::PickRelation(choice) => return self.pick_relation(choice, stamp),
            Action::PickerMove(step) => self.move_picker(step),
            _ => {}
        }
        Effect::None
    }

    /// The link end at the caret of pane `p`: the selection, the highlight, or the sentence.
    fn end_at_caret(&self, p: usize) -> Option<(LinkEnd, DocId)> {
        let pane = &self.panes[p];
        let doc = pane.essay;
        let essay = &self.docs[doc].essay;
        let source = self.docs[doc].source;
        if pane.selection(essay).is_none()
            && let Some((source, index)) = self.highlight_at_caret(p)
        {
            let id = self.sources[source].items[index].annotation.id.clone();
            return Some((LinkEnd::Existing { source, id }, doc));
        }
        let range = self.marked_range(p)?;
        let same = self.sources[source]
            .items
            .iter()
            .find(|it| it.annotation.essay == essay.id && it.placement.range() == Some(range));
        Some(match same {
            Some(it) => (
                LinkEnd::Existing {
                    source,
                    id: it.annotation.id.clone(),
                },
                doc,
            ),
            None => (LinkEnd::New { doc, range }, doc),
        })
    }

    /// `l`: starts a link at the caret, or chooses its partner there.
    pub(super) fn link_here(&mut self) {
        let Some(p) = self.focused_pane() else { return };
        let Some((end, doc)) = self.end_at_caret(p) else {
            self.message = Some("nothing to link here".into());
            return;
        };
        let source = self.docs[doc].source;
        // The partner's file is checked below, and named.
        if self.link_draft().is_none() && !self.writable(source) {
            return;
        }
        match self.take_link_draft() {
            None => {
                self.modes.push(Overlay::Link(LinkDraft {
                    from: end,
                    from_doc: doc,
                    to: None,
                    picking: Relation::Supports,
                }));
                self.panes[p].anchor = None;
                if self.panes.len() > 1 {
                    self.focus = Focus::Pane(1 - p.min(1));
                }
                let link = self
                    .keymap
                    .key_in(crate::keymap::Context::Essay, &Action::Link);
                let back = self
                    .keymap
                    .key_in(crate::keymap::Context::Essay, &Action::Back);
                self.message = Some(format!(
                    "now select the partner passage, then {} again; {} cancels",
                    link.unwrap_or_default(),
                    back.unwrap_or_default()
                ));
            }
            Some(mut draft) => {
                if let Some(why) = self.refused_for_link(source) {
                    let back = self
                        .keymap
                        .key_in(crate::keymap::Context::Essay, &Action::Back);
                    self.message = Some(format!("{why}; {} cancels", back.unwrap_or_default()));
                    self.modes.push(Overlay::Link(draft));
                    return;
                }
                if end == draft.from {
                    self.message = Some("pick another passage to link to".into());
                    self.modes.push(Overlay::Link(draft));
                    return;
                }
                draft.to = Some((end, doc));
                self.panes[p].anchor = None;
                self.modes.push(Overlay::Link(draft));
            }
        }
    }

    /// Moves the picker's choice.
    pub(super) fn move_picker(&mut self, step: isize) {
        if let Some(draft) = self.modes.find_mut(|o| match o {
            Overlay::Link(draft) => Some(draft),
            _ => None,
        }) {
            let n = Relation::ALL.len() as isize;
            let at = Relation::ALL
                .iter()
                .position(|&r| r == draft.picking)
                .unwrap_or(0);
            draft.picking = Relation::ALL[(at as isize + step).rem_euclid(n) as usize];
        }
    }

    /// The id of the highlight an end stands for, highlighting a new passage if needed.
    fn realise(&mut self, end: LinkEnd, stamp: &mut Stamp) -> AnnotationId {
        match end {
            LinkEnd::Existing { id, .. } => id,
            LinkEnd::New { doc, range } => {
                let source = self.docs[doc].source;
                let placed: Placed = self.new_annotation(doc, range, None, stamp);
                let id = placed.annotation.id.clone();
                self.push_item(source, placed);
                id
            }
        }
    }

    /// Makes the link with relation `choice` (or the one highlighted), then opens the
    /// note editor on it.
    pub(super) fn pick_relation(&mut self, choice: Option<Relation>, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
        if self.link_draft().is_none_or(|d| d.to.is_none()) {
            return Effect::None;
        }
        let Some(draft) = self.take_link_draft() else {
            return Effect::None;
        };
        let Some((to, to_doc)) = draft.to else {
            return Effect::None;
        };
        let relation = choice.unwrap_or(draft.picking);
        let source = self.docs[draft.from_doc].source;
        if !self.end_exists(&draft.from) || !self.end_exists(&to) {
            self.message = Some("a highlight of the link is gone: link cancelled".into());
            return Effect::None;
        }
        if self.docs[to_doc].source != source {
            if let Some(why) = [source, self.docs[to_doc].source]
                .into_iter()
                .find_map(|s| self.refused_for_link(s))
            {
                self.message = Some(format!("{why}: link cancelled"));
                return Effect::None;
            }
            let Some((source, id, effect)) =
                self.link_across((draft.from, draft.from_doc), (to, to_doc), relation, stamp)
            else {
                return Effect::None;
            };
            self.modes.push(Overlay::Editor(OpenEditor {
                editor: TextInput::multi_line(""),
                target: NoteTarget::Link { source, id },
                quote: format!("link: {}", relation.name()),
            }));
            return effect;
        }
        self.remember(source);
        let from = self.realise(draft.from, stamp);
        let to = self.realise(to, stamp);
        let id = stamp.ids.link();
        self.push_link(
            source,
            Link {
                id: id.clone(),
                from,
                to,
                relation,
                note: None,
                other: None,
                created: now,
                modified: now,
                extra: Default::default(),
            },
        );
        self.modes.push(Overlay::Editor(OpenEditor {
            editor: TextInput::multi_line(""),
            target: NoteTarget::Link { source, id },
            quote: format!("link: {}", relation.name()),
        }));
        self.change(source)
    }

    /// The link `f` follows: the selected link in the notes, or the first link of the
    /// highlight at the caret.
    fn link_to_follow(&self) -> Option<(SourceId, usize, AnnotationId)> {
        match self.focus {
            Focus::Notes => {
                let item = self.note_items().get(self.notes_selected).cloned()?;
                let from = self.sources[item.source]
                    .items
                    .get(self.note_index(&item)?)?
                    .annotation
                    .id
                    .clone();
                let link = match item.link {
                    Some(_) => self.note_link_index(&item)?,
                    None => self.sources[item.source]
                        .links
                        .iter()
                        .position(|l| l.partner_of(&from).is_some())?,
                };
                Some((item.source, link, from))
            }
            Focus::Pane(p) => {
                let (source, index) = self.highlight_at_caret(p)?;
                let id = self.sources[source].items[index].annotation.id.clone();
                let link = self.sources[source]
                    .links
                    .iter()
                    .position(|l| l.partner_of(&id).is_some())?;
                Some((source, link, id))
            }
        }
    }

    /// `f`: scrolls to the partner of a link and marks it (selects it). The partner in a
    /// file not open: the shell is asked to open it beside.
    pub(super) fn follow_link(&mut self) -> Effect {
        let Some((source, link, here)) = self.link_to_follow() else {
            self.message = Some("no link here".into());
            return Effect::None;
        };
        let link = &self.sources[source].links[link];
        let Some(partner) = link.partner_of(&here).cloned() else {
            return Effect::None;
        };
        let relation = link.relation;
        let Some((at, index)) = self.link_end(source, link, &partner) else {
            if let Some(other) = link.other.clone().filter(|o| o.highlight == partner) {
                // Its file open but the highlight not in it (renamed, its annotations
                // kept under its old name): found by its text, else the file looked for.
                let others = DocId::all(self.docs.len()).filter(|&d| self.docs[d].source != source);
                let place = self.recorded_place(&other, others);
                let Some((doc, range)) = place else {
                    return Effect::OpenBeside(source, link.id.clone());
                };
                self.show_beside(doc, range);
                self.message = Some(format!(
                    "followed the link ({}), by its text",
                    relation.name()
                ));
                return Effect::None;
            }
            self.message = Some("the other highlight of this link is gone".into());
            return Effect::None;
        };
        let placed = &self.sources[at].items[index];
        let Some(range) = placed.placement.range() else {
            self.message = Some("the linked passage was not found in the text".into());
            return Effect::None;
        };
        let essay_id = placed.annotation.essay.clone();
        let Some(doc) = self
            .docs
            .iter()
            .position(|d| d.source == at && d.essay.id == essay_id)
            .map(DocId)
        else {
            return Effect::None;
        };
        self.show_beside(doc, range);
        self.message = Some(format!("followed the link ({})", relation.name()));
        Effect::None
    }

    /// Pairs of offsets, in essays `a` and `b`, joined by links.
    pub(super) fn link_points(&self, a: DocId, b: DocId) -> Vec<super::lock::FixedPoint> {
        let (da, db) = (&self.docs[a], &self.docs[b]);
        if da.source != db.source {
            return self
                .links_across(a, b)
                .into_iter()
                .filter_map(|(_, ends)| ends.first().copied())
                .collect();
        }
        let src = &self.sources[da.source];
        let start_in = |id: &str, doc: &super::EssayDoc| {
            src.items
                .iter()
                .find(|it| it.annotation.id == id && it.annotation.essay == doc.essay.id)
                .and_then(|it| match it.placement {
                    Placement::Orphaned => None,
                    p => p.range().map(|r| r.start()),
                })
        };
        src.links
            .iter()
            .filter_map(|l| match (start_in(&l.from, da), start_in(&l.to, db)) {
                (Some(x), Some(y)) => Some((x, y)),
                _ => match (start_in(&l.to, da), start_in(&l.from, db)) {
                    (Some(x), Some(y)) => Some((x, y)),
                    _ => None,
                },
            })
            .collect()
    }

    /// Removes link `index` of `source` (undoable).
    pub(super) fn delete_link(&mut self, source: SourceId, index: usize) -> Effect {
        if !self.writable(source) {
            return Effect::None;
        }
        self.remember(source);
        let link = self.remove_link(source, index);
        let twin = self.remove_twin(source, &link.id);
        self.message = Some("link removed (u to undo)".into());
        self.keep_notes_selection();
        match twin {
            Some(twin) => self.change_both(source, twin),
            None => self.change(source),
        }
    }

    /// Whether the highlight an end of a link being made stands for still exists.
    fn end_exists(&self, end: &LinkEnd) -> bool {
        match end {
            LinkEnd::Existing { source, id } => self
                .sources
                .get(source.0)
                .is_some_and(|src| src.index_of(id).is_some()),
            LinkEnd::New { .. } => true,
        }
    }

    /// Cancels the link being made when a highlight it starts or ends at is gone (deleted,
    /// undone, or merged away). Returns whether it did.
    pub(super) fn drop_stale_link_draft(&mut self) -> bool {
        let Some(draft) = self.link_draft() else {
            return false;
        };
        let stale = !self.end_exists(&draft.from)
            || draft
                .to
                .as_ref()
                .is_some_and(|(to, _)| !self.end_exists(to));
        if stale {
            self.take_link_draft();
        }
        stale
    }
}
