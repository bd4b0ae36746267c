//! What the essay's own text refers to (`F`): a footnote reference leads to its footnote
//! (a jump: `Ctrl-o` comes back), a footnote's label back to where it is first referred
//! to, and a web link shows its address in the status line (the hint line shows it too
//! while the caret is on the link).

use super::{AppState, Effect};
use crate::essay::{BlockKind, Essay, Inline};

/// What the caret is on, as far as `F` goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A reference to footnote `label`, and the footnote's text if the essay has it.
    Note(String, Option<String>),
    /// The label of footnote `label`, at the start of the footnote.
    Footnote(String),
    /// A link to this address.
    Link(String),
}

impl AppState {
    /// What the caret of the focused pane is on: a footnote reference, a footnote's label
    /// or a link; None elsewhere (and when the notes have the keyboard).
    pub fn reference_at_caret(&self) -> Option<Reference> {
        let p = self.focused_pane()?;
        let pane = self.panes.get(p)?;
        let essay = &self.docs.get(pane.essay.0)?.essay;
        reference_at(essay, pane.caret)
    }

    /// `F`: follows the footnote reference at the caret, or shows the link's address.
    pub(super) fn follow_reference(&mut self) -> Effect {
        let (Some(p), Some(found)) = (self.focused_pane(), self.reference_at_caret()) else {
            self.message = Some("no footnote or web link at the caret".into());
            return Effect::None;
        };
        let essay = &self.docs[self.panes[p].essay.0].essay;
        match found {
            Reference::Link(url) => self.message = Some(format!("link: {url}")),
            Reference::Note(label, _) => match footnote_of(essay, &label) {
                Some(at) => {
                    self.set_caret(p, at);
                    let back = self.keymap.key_for(&crate::action::Action::JumpBack);
                    self.message = Some(match back {
                        Some(key) => format!("footnote [{label}] ({key}: back)"),
                        None => format!("footnote [{label}]"),
                    });
                }
                None => self.message = Some(format!("footnote [{label}] is not in this essay")),
            },
            Reference::Footnote(label) => match first_reference(essay, &label) {
                Some(at) => self.set_caret(p, at),
                None => self.message = Some(format!("nothing refers to footnote [{label}]")),
            },
        }
        Effect::None
    }
}

/// What offset `at` of an essay is on (see [`AppState::reference_at_caret`]).
pub fn reference_at(essay: &Essay, at: usize) -> Option<Reference> {
    let b = essay.blocks.get(essay.block_at(at))?;
    if at < b.start || at >= b.end() {
        return None;
    }
    let rel = at - b.start;
    let span = b
        .spans
        .iter()
        .filter(|s| s.start <= rel && rel < s.end)
        .find(|s| matches!(s.style, Inline::Note(_) | Inline::Link(_)));
    match span.map(|s| &s.style) {
        Some(Inline::Note(label)) => {
            let text = footnote_of(essay, label)
                .map(|start| essay.blocks[essay.block_at(start)].text.clone());
            Some(Reference::Note(label.clone(), text))
        }
        Some(Inline::Link(url)) => Some(Reference::Link(url.clone())),
        _ if b.kind == BlockKind::Footnote => {
            let label = b.text.strip_prefix('[')?.split_once("] ")?.0;
            (rel < label.chars().count() + 2).then(|| Reference::Footnote(label.to_owned()))
        }
        _ => None,
    }
}

/// Where footnote `label` starts in an essay.
fn footnote_of(essay: &Essay, label: &str) -> Option<usize> {
    let head = format!("[{label}]");
    essay
        .blocks
        .iter()
        .find(|b| {
            b.kind == BlockKind::Footnote
                && b.text
                    .strip_prefix(head.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .map(|b| b.start)
}

/// Where footnote `label` is first referred to in an essay.
fn first_reference(essay: &Essay, label: &str) -> Option<usize> {
    essay.blocks.iter().find_map(|b| {
        b.spans
            .iter()
            .find(|s| matches!(&s.style, Inline::Note(l) if l == label))
            .map(|s| b.start + s.start)
    })
}
