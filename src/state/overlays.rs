//! What each overlay of the mode stack holds: read, changed and taken off the stack by
//! the domains that own them (the editor, the help, the pairs list, a link being made…).

use super::{AppState, HelpView, LinkDraft, Mode, Offer, OpenEditor, Overlay, Pairs, Parallel};
use crate::annotation::AnnotationId;
use crate::store::SourceId;

impl AppState {
    /// The open note editor.
    pub fn editor(&self) -> Option<&OpenEditor> {
        self.modes.find(|o| match o {
            Overlay::Editor(open) => Some(open),
            _ => None,
        })
    }

    pub(super) fn editor_mut(&mut self) -> Option<&mut OpenEditor> {
        self.modes.find_mut(|o| match o {
            Overlay::Editor(open) => Some(open),
            _ => None,
        })
    }

    /// The help's scroll offset, when it is shown.
    pub fn help(&self) -> Option<u16> {
        self.help_view().map(|v| v.scroll)
    }

    /// The help, when it is shown.
    pub fn help_view(&self) -> Option<&HelpView> {
        self.modes.find(|o| match o {
            Overlay::Help(view) => Some(view),
            _ => None,
        })
    }

    pub(super) fn help_view_mut(&mut self) -> Option<&mut HelpView> {
        self.modes.find_mut(|o| match o {
            Overlay::Help(view) => Some(view),
            _ => None,
        })
    }

    /// The list of similar pairs, when shown.
    pub fn pairs(&self) -> Option<&Pairs> {
        self.modes.find(|o| match o {
            Overlay::Pairs(pairs) => Some(pairs),
            _ => None,
        })
    }

    pub(super) fn pairs_mut(&mut self) -> Option<&mut Pairs> {
        self.modes.find_mut(|o| match o {
            Overlay::Pairs(pairs) => Some(pairs),
            _ => None,
        })
    }

    pub(super) fn take_pairs(&mut self) -> Option<Pairs> {
        match self.modes.remove(|o| matches!(o, Overlay::Pairs(_)))? {
            Overlay::Pairs(pairs) => Some(pairs),
            _ => None,
        }
    }

    pub(super) fn take_editor(&mut self) -> Option<OpenEditor> {
        match self.modes.remove(|o| matches!(o, Overlay::Editor(_)))? {
            Overlay::Editor(open) => Some(open),
            _ => None,
        }
    }

    /// The link being made.
    pub fn link_draft(&self) -> Option<&LinkDraft> {
        self.modes.find(|o| match o {
            Overlay::Link(draft) => Some(draft),
            _ => None,
        })
    }

    pub(super) fn take_link_draft(&mut self) -> Option<LinkDraft> {
        match self.modes.remove(|o| matches!(o, Overlay::Link(_)))? {
            Overlay::Link(draft) => Some(draft),
            _ => None,
        }
    }

    /// The parallel passages being stepped through.
    pub fn parallel(&self) -> Option<&Parallel> {
        self.modes.find(|o| match o {
            Overlay::Parallel(par) => Some(par),
            _ => None,
        })
    }

    pub(super) fn parallel_mut(&mut self) -> Option<&mut Parallel> {
        self.modes.find_mut(|o| match o {
            Overlay::Parallel(par) => Some(par),
            _ => None,
        })
    }

    pub(super) fn take_parallel(&mut self) -> Option<Parallel> {
        match self.modes.remove(|o| matches!(o, Overlay::Parallel(_)))? {
            Overlay::Parallel(par) => Some(par),
            _ => None,
        }
    }

    /// The annotation waiting to be attached to the next highlighted passage.
    pub(super) fn take_reattach(&mut self) -> Option<(SourceId, AnnotationId)> {
        match self
            .modes
            .remove(|o| matches!(o, Overlay::Reattach { .. }))?
        {
            Overlay::Reattach { source, id } => Some((source, id)),
            _ => None,
        }
    }

    /// Whether the notes filter is being typed.
    pub fn filter_typing(&self) -> bool {
        self.modes.has(Mode::Filter)
    }

    /// Whether a search query is being typed.
    pub fn search_typing(&self) -> bool {
        self.modes.has(Mode::Search)
    }

    /// The quit prompt's reason, when it is shown.
    pub fn quit_prompt(&self) -> Option<&str> {
        self.modes
            .find(|o| match o {
                Overlay::Quit(reason) => Some(reason),
                _ => None,
            })
            .map(String::as_str)
    }

    /// The kept file offered now, and how many are offered in all.
    pub fn offer(&self) -> Option<(&Offer, usize)> {
        let offer = self.modes.find(|o| match o {
            Overlay::Offer(offer) => Some(offer),
            _ => None,
        })?;
        Some((offer, self.modes.count(Mode::Offer)))
    }

    /// Offers the kept files found on start, the first of `offers` first, and names those
    /// that could not be read (`unreadable`: one message each).
    pub fn offer_kept(&mut self, offers: Vec<Offer>, unreadable: &[String]) {
        for offer in offers.into_iter().rev() {
            self.modes.push_offer(offer);
        }
        if !unreadable.is_empty() {
            self.message = Some(format!(
                "a kept copy cannot be read: {}",
                unreadable.join("; ")
            ));
        }
    }
}
