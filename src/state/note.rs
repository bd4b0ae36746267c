//! The note editor: opening it on a passage or an annotation, and keeping the note.

use super::*;
use crate::input::TextInput;
use crate::store::SourceId;

impl AppState {
    /// Carries out a note-editor action: opening it, typing, closing it.
    pub(super) fn write_note(&mut self, action: Action, stamp: &mut Stamp) -> Effect {
        match action {
            Action::EditNote => self.edit_note(),
            Action::EditorClose => return self.close_editor(stamp),
            Action::Editor(input) => {
                let width = crate::screen::editor_text_area(self.screen.area).width;
                if let Some(open) = self.editor_mut() {
                    open.editor.edit(input, usize::from(width));
                }
            }
            _ => {}
        }
        Effect::None
    }

    /// `a`: the note of the link selected in the notes pane, else of the passage or
    /// highlight at hand.
    fn edit_note(&mut self) {
        if self.focus == Focus::Notes
            && let Some(item) = self.note_items().get(self.notes_selected).cloned()
            && let Some(l) = self.note_link_index(&item)
        {
            let link = &self.sources[item.source].links[l];
            let open = OpenEditor {
                editor: TextInput::multi_line(link.note.as_deref().unwrap_or("")),
                target: NoteTarget::Link {
                    source: item.source,
                    id: link.id.clone(),
                },
                quote: format!("link: {}", link.relation.name()),
            };
            self.modes.push(Overlay::Editor(open));
        } else {
            self.open_editor();
        }
    }

    pub(super) fn open_editor(&mut self) {
        let target = match self.focus {
            Focus::Notes => self.target().map(|(source, index)| (source, index, None)),
            Focus::Pane(p) => {
                let pane = &self.panes[p];
                let essay = &self.docs[pane.essay].essay;
                match (pane.selection(essay), self.highlight_at_caret(p)) {
                    (None, Some((source, index))) => Some((source, index, None)),
                    _ => self
                        .marked_range(p)
                        .map(|r| (SourceId(0), 0, Some((pane.essay, r)))),
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
                        editor: TextInput::multi_line(""),
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
            self.modes.push(Overlay::Editor(open));
        }
    }

    pub(super) fn editor_for(&self, source: SourceId, index: usize) -> OpenEditor {
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
            editor: TextInput::multi_line(&text),
            target: NoteTarget::Existing {
                source,
                id: ann.id.clone(),
            },
            quote: ann.anchor.quote.clone(),
        }
    }

    pub(super) fn close_editor(&mut self, stamp: &mut Stamp) -> Effect {
        let now = stamp.now;
        let Some(open) = self.take_editor() else {
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
                self.edit_link(source, index, |link| {
                    link.note = note;
                    link.modified = now;
                });
                match self.edit_twin(source, &id) {
                    Some(twin) => self.change_both(source, twin),
                    None => self.change(source),
                }
            }
            NoteTarget::Existing { source, id } => {
                let Some(index) = self.sources[source].index_of(&id) else {
                    return Effect::None;
                };
                if self.sources[source].items[index].annotation.note == note {
                    return Effect::None;
                }
                self.remember(source);
                self.edit_item(source, index, |placed| {
                    let ann = std::sync::Arc::make_mut(&mut placed.annotation);
                    ann.tags = note.as_deref().map(hashtags).unwrap_or_default();
                    ann.note = note;
                    ann.modified = now;
                });
                self.change(source)
            }
            NoteTarget::New { doc, range } => {
                if note.is_none() {
                    self.message = Some("empty note: nothing made".into());
                    return Effect::None;
                }
                let source = self.docs[doc].source;
                let mut placed = self.new_annotation(doc, range, note, stamp);
                let ann = std::sync::Arc::make_mut(&mut placed.annotation);
                ann.tags = ann.note.as_deref().map(hashtags).unwrap_or_default();
                self.remember(source);
                self.push_item(source, placed);
                for pane in &mut self.panes {
                    if pane.essay == doc {
                        pane.anchor = None;
                    }
                }
                self.change(source)
            }
        }
    }
}
