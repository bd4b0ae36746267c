//! Which highlight an action means where several overlap: `x` in an overlap asks which
//! one, and deleting a highlight with a note or links asks first. Also what `c` on a
//! link's row in the notes pane acts on, said.

use super::{AppState, Effect, Focus, Overlay};
use crate::action::{Action, Choice};
use crate::annotation::AnnotationId;
use crate::range::TextRange;
use crate::store::SourceId;

/// The highlights under the caret, to choose the one `x` deletes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choose {
    /// The highlights, shortest first: source and id.
    pub candidates: Vec<(SourceId, AnnotationId)>,
    /// The one marked.
    pub selected: usize,
}

/// A deletion waiting for `y`: what goes with the highlight is named in `question`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The highlight's source.
    pub source: SourceId,
    /// Its id.
    pub id: AnnotationId,
    /// The question asked, e.g. "delete the highlight, its note and 2 links? y/n".
    pub question: String,
}

/// The first words of `text` (at most `max` columns' worth of characters), on one line,
/// with `…` when cut; control characters become spaces.
pub fn first_words(text: &str, max: usize) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let words: Vec<&str> = flat.split_whitespace().collect();
    let mut out = String::new();
    for word in &words {
        let len = out.chars().count() + usize::from(!out.is_empty()) + word.chars().count();
        if len > max {
            if out.is_empty() {
                out = word.chars().take(max.saturating_sub(1)).collect();
            }
            out.push('…');
            return out;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

impl AppState {
    /// The highlights under the caret of pane `p`, shortest first (between equals, the
    /// first made).
    pub(super) fn highlights_at_caret(&self, p: usize) -> Vec<(SourceId, usize)> {
        let pane = &self.panes[p];
        let source = self.docs[pane.essay].source;
        let src = &self.sources[source];
        let Some(at) = TextRange::new(pane.caret, pane.caret + 1) else {
            return Vec::new();
        };
        let mut found: Vec<(usize, TextRange)> = self
            .placed_over(pane.essay, at)
            .into_iter()
            .filter_map(|i| src.items[i].placement.range().map(|r| (i, r)))
            .filter(|(_, r)| r.contains(pane.caret))
            .collect();
        found.sort_by_key(|&(i, r)| (r.len(), i));
        found.into_iter().map(|(i, _)| (source, i)).collect()
    }

    /// What `x` deletes now, when it may go at once: in an overlap the reader is asked
    /// which, and a highlight with a note or links is deleted only after a `y`.
    pub(super) fn target_to_delete(&mut self) -> Option<(SourceId, usize)> {
        let target = match self.focus {
            Focus::Pane(p) if p < self.panes.len() => {
                let under = self.highlights_at_caret(p);
                if under.len() > 1 {
                    let (source, _) = under[0];
                    if !self.writable(source) {
                        return None;
                    }
                    let candidates = under
                        .iter()
                        .map(|&(s, i)| (s, self.sources[s].items[i].annotation.id.clone()))
                        .collect();
                    self.modes.push(Overlay::Choose(Choose {
                        candidates,
                        selected: 0,
                    }));
                    self.message = Some(format!("which of the {} highlights goes?", under.len()));
                    return None;
                }
                under.first().copied()
            }
            _ => self.target(),
        };
        let Some((source, index)) = target else {
            self.message = Some("no highlight here".into());
            return None;
        };
        if !self.writable(source) {
            return None;
        }
        self.ask_before_delete(source, index)
    }

    /// Asks first when highlight `index` of `source` has a note or links; else gives it
    /// back, to be deleted at once.
    fn ask_before_delete(&mut self, source: SourceId, index: usize) -> Option<(SourceId, usize)> {
        let annotation = &self.sources[source].items[index].annotation;
        let id = annotation.id.clone();
        let noted = annotation.note_text().is_some();
        let links = self.sources[source]
            .links
            .iter()
            .filter(|l| l.from == id || l.to == id)
            .count();
        let mut goes = Vec::new();
        if noted {
            goes.push("its note".to_string());
        }
        match links {
            0 => {}
            1 => goes.push("its link".into()),
            n => goes.push(format!("{n} links")),
        }
        if goes.is_empty() {
            return Some((source, index));
        }
        let question = match goes.as_slice() {
            [one] => format!("delete the highlight and {one}? y/n"),
            _ => format!("delete the highlight, {}? y/n", goes.join(" and ")),
        };
        self.message = Some(question.clone());
        self.modes.push(Overlay::Confirm(Confirm {
            source,
            id,
            question,
        }));
        None
    }

    /// Carries out a choice in the overlap list or an answer to the question.
    pub(super) fn choose(&mut self, action: Action) -> Effect {
        match action {
            Action::Choose(Choice::Move(step)) => {
                let list = self.modes.find_mut(|o| match o {
                    Overlay::Choose(list) => Some(list),
                    _ => None,
                });
                if let Some(list) = list {
                    let last = list.candidates.len().saturating_sub(1) as isize;
                    list.selected = (list.selected as isize + step).clamp(0, last) as usize;
                }
            }
            Action::Choose(Choice::Pick(which)) => return self.pick_overlap(which),
            Action::Confirm(yes) => return self.answer_delete(yes),
            _ => {}
        }
        Effect::None
    }

    /// The highlight chosen in the overlap list (`None`: the one marked): deleted, or
    /// asked about first.
    fn pick_overlap(&mut self, which: Option<usize>) -> Effect {
        let Some(Overlay::Choose(list)) = self.modes.iter().next_back() else {
            return Effect::None;
        };
        let Some((source, id)) = list.candidates.get(which.unwrap_or(list.selected)).cloned()
        else {
            return Effect::None;
        };
        self.modes.pop();
        let Some(index) = self.item_index(source, &id) else {
            return Effect::None;
        };
        match self.ask_before_delete(source, index) {
            Some((source, index)) => self.delete_at(source, index),
            None => Effect::None,
        }
    }

    /// `y` or `n` to the question before deleting.
    fn answer_delete(&mut self, yes: bool) -> Effect {
        let Some(Overlay::Confirm(ask)) = self.modes.iter().next_back().cloned() else {
            return Effect::None;
        };
        self.modes.pop();
        if !yes {
            self.message = Some("kept".into());
            return Effect::None;
        }
        match self.item_index(ask.source, &ask.id) {
            Some(index) => self.delete_at(ask.source, index),
            None => Effect::None,
        }
    }

    /// The overlap list, when shown.
    pub fn choosing(&self) -> Option<&Choose> {
        self.modes.find(|o| match o {
            Overlay::Choose(list) => Some(list),
            _ => None,
        })
    }

    /// The question before a deletion, when asked.
    pub fn confirming(&self) -> Option<&Confirm> {
        self.modes.find(|o| match o {
            Overlay::Confirm(ask) => Some(ask),
            _ => None,
        })
    }

    /// For `c` on a link's row in the notes pane: which end it acted on, as
    /// `, “…” (the link's first passage)`: the passage first, as a narrow status line
    /// shows the start of a message (empty on any other row).
    pub(super) fn link_end_said(&self) -> String {
        if self.focus != Focus::Notes {
            return String::new();
        }
        let items = self.note_items();
        let Some(item) = items.get(self.notes_selected) else {
            return String::new();
        };
        let (Some(l), Some(id)) = (self.note_link_index(item), item.id.as_ref()) else {
            return String::new();
        };
        let src = &self.sources[item.source];
        let end = if src.links[l].from == *id {
            "first"
        } else {
            "second"
        };
        let quote = src
            .placed(id)
            .map(|p| first_words(&p.annotation.anchor.quote, 24))
            .unwrap_or_default();
        format!(", “{quote}” (the link's {end} passage)")
    }
}

#[cfg(test)]
mod tests {
    use super::first_words;

    #[test]
    fn first_words_cut_at_a_word_with_an_ellipsis() {
        assert_eq!(first_words("one two three", 20), "one two three");
        assert_eq!(first_words("one two three", 9), "one two…");
        assert_eq!(first_words("supercalifragilistic", 6), "super…");
        assert_eq!(first_words("a\u{1b}[31mb\nc", 20), "a [31mb c");
    }
}
