//! Copying with a citation (`y`) and the paragraph numbers it cites (`#`).
//!
//! `y` in an essay copies the selection, else the highlight under the caret, else the
//! sentence at the caret (what `H` and `a` would take); in the notes pane, the selected
//! highlight's passage with its note, or a link's two passages with their relation and
//! note. The text is made here, quoted with its source (see [`crate::citation`]); the
//! shell puts it on the clipboard ([`Effect::Copy`]).

use super::{AppState, Effect, Focus};
use crate::action::Action;
use crate::citation::{self, Quotation};
use crate::selection;
use crate::store::{DocId, SourceId};

/// The most a copy may hold, in bytes of UTF-8: its base64 in the OSC 52 sequence is then
/// 100,000 bytes, about what terminals take (xterm, tmux and others refuse longer ones or
/// cut them silently).
pub const MAX_COPY_BYTES: usize = 75_000;

/// Columns of the widest paragraph number marginalia leaves room for when no essay has
/// more paragraphs: numbers up to 99 keep their column.
const MIN_NUMBER_DIGITS: u16 = 2;

/// What a copy is, for the status line: the text and what came with the passage.
struct Copied {
    text: String,
    with: &'static str,
    and_note: bool,
}

impl AppState {
    /// Carries out a copying action: `y`, `#`, and the shell's report of a failed copy.
    pub(super) fn copy(&mut self, action: Action) -> Effect {
        match action {
            Action::Copy => self.copy_cited(),
            Action::ToggleNumbers => self.toggle_numbers(),
            Action::CopyFailed(why) => {
                self.message = Some(format!("not copied: {why}"));
                Effect::None
            }
            _ => Effect::None,
        }
    }

    /// `y`: the quotation of what the focus is on, for the shell to copy.
    fn copy_cited(&mut self) -> Effect {
        let copied = match self.focus {
            Focus::Pane(p) if p < self.panes.len() => self.copy_in_pane(p),
            Focus::Pane(_) => None,
            Focus::Notes => self.copy_in_notes(),
        };
        let Some(copied) = copied else {
            if self.message.is_none() {
                self.message = Some("nothing to copy here".into());
            }
            return Effect::None;
        };
        let bytes = copied.text.len();
        if bytes > MAX_COPY_BYTES {
            self.message = Some(format!(
                "too long to copy: {} kB, {} kB at most",
                bytes.div_ceil(1000),
                MAX_COPY_BYTES / 1000
            ));
            return Effect::None;
        }
        // As vim's `y` in visual mode: the selection copied is done with.
        if let Focus::Pane(p) = self.focus
            && let Some(pane) = self.panes.get_mut(p)
        {
            pane.anchor = None;
        }
        let chars = copied.text.chars().count();
        let note = if copied.and_note { " and note" } else { "" };
        self.message = Some(format!(
            "copied {chars} characters with {}{note}",
            copied.with
        ));
        Effect::Copy(copied.text)
    }

    /// In essay pane `p`: the selection, else the highlight under the caret with its note,
    /// else the sentence at the caret.
    fn copy_in_pane(&self, p: usize) -> Option<Copied> {
        let pane = &self.panes[p];
        let essay = &self.docs[pane.essay].essay;
        if let Some(range) = pane
            .selection(essay)
            .and_then(|r| selection::trim(essay, r))
        {
            let quote = Quotation::of(essay, range);
            return (!quote.is_blank()).then(|| noted(quote.text(), None, "its source"));
        }
        // A highlight comes with its note, as it does from the notes pane.
        if let Some((source, i)) = self.highlight_at_caret(p)
            && let Some(range) = self.sources[source].items[i].placement.range()
        {
            let quote = Quotation::of(essay, range);
            let note = self.sources[source].items[i].annotation.note_text();
            return (!quote.is_blank()).then(|| noted(quote.text(), note, "its source"));
        }
        let quote = Quotation::of(essay, selection::sentence_at(essay, pane.caret)?);
        (!quote.is_blank()).then(|| noted(quote.text(), None, "its source"))
    }

    /// In the notes pane: the selected item with its note.
    fn copy_in_notes(&mut self) -> Option<Copied> {
        let item = self.note_items().get(self.notes_selected).cloned()?;
        if let Some(l) = self.note_link_index(&item) {
            let link = &self.sources[item.source].links[l];
            // The end in another file: from it when it is open, else as recorded.
            let end = |id: &str| match self.link_end(item.source, link, id) {
                Some((s, _)) => self.quotation_of(s, id),
                None => link
                    .other
                    .as_ref()
                    .filter(|o| o.highlight == id)
                    .map(|o| Quotation::recorded(&o.essay.title, &o.anchor.quote)),
            };
            let (Some(from), Some(to)) = (end(&link.from), end(&link.to)) else {
                self.message = Some("the highlights of this link are gone".into());
                return None;
            };
            let text = citation::linked(&from, link.relation.name(), &to);
            return Some(noted(text, link.note.as_deref(), "their sources"));
        }
        let placed = &self.sources[item.source].items[self.note_index(&item)?];
        let quote = self.quotation_of(item.source, &placed.annotation.id)?;
        Some(noted(
            quote.text(),
            placed.annotation.note_text(),
            "its source",
        ))
    }

    /// The quotation of annotation `id` of `source`: where it is in its essay now, or
    /// its stored quote when it is not found there.
    fn quotation_of(&self, source: SourceId, id: &str) -> Option<Quotation> {
        let placed = &self.sources[source].items[self.item_index(source, id)?];
        let doc = self.doc_of(source, &placed.annotation.essay)?;
        let essay = &self.docs[doc].essay;
        let quote = match placed.placement.range() {
            Some(range) => Quotation::of(essay, range),
            None => Quotation::unplaced(essay, &placed.annotation.anchor.quote),
        };
        (!quote.is_blank()).then_some(quote)
    }

    /// The essay with id `essay` of `source`.
    fn doc_of(&self, source: SourceId, essay: &str) -> Option<DocId> {
        self.docs
            .iter()
            .position(|d| d.source == source && d.essay.id == essay)
            .map(DocId)
    }

    /// `#`: shows or hides the paragraph numbers, and keeps the choice in the settings.
    fn toggle_numbers(&mut self) -> Effect {
        self.settings.paragraph_numbers = !self.settings.paragraph_numbers;
        let size = self.screen.area;
        self.resize(size.width, size.height);
        self.message = Some(
            if self.settings.paragraph_numbers {
                "paragraph numbers shown"
            } else {
                "paragraph numbers hidden"
            }
            .into(),
        );
        Effect::SaveSettings
    }

    /// Columns the paragraph numbers take before the text (the widest number and a
    /// space), or 0 when they are hidden.
    pub(super) fn number_columns(&self) -> u16 {
        if !self.settings.paragraph_numbers {
            return 0;
        }
        let most = self
            .docs
            .iter()
            .map(|d| d.essay.paragraph_count())
            .max()
            .unwrap_or(0);
        let digits = most.max(1).ilog10() as u16 + 1;
        digits.max(MIN_NUMBER_DIGITS) + 1
    }
}

/// A copied text with its note after it. `source` says what came with the passage
/// ("its source", "their sources"); "and note" is added when there is a note.
fn noted(text: String, note: Option<&str>, source: &'static str) -> Copied {
    let has_note = note.is_some_and(|n| !n.trim().is_empty());
    Copied {
        text: citation::with_note(&text, note),
        with: source,
        and_note: has_note,
    }
}
