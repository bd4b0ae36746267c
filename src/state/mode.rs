//! The mode stack: what stands over reading, innermost last. The key context, the status
//! label, `Esc`, the mouse and the draw order of popups are all read from it, here.

use super::alignment::AlignView;
use super::{
    AppState, Choose, ColourPick, Confirm, Effect, Focus, HelpView, LinkDraft, Offer, OpenEditor,
    Pairs, Parallel, TagList,
};
use crate::action::Action;
use crate::annotation::AnnotationId;
use crate::keymap::Context;
use crate::store::SourceId;

/// One level of the mode stack.
#[derive(Debug, Clone)]
pub enum Overlay {
    /// A copy kept last time (a recovery copy or a note draft), offered on start.
    Offer(Offer),
    /// Quitting while a change is not saved: why not.
    Quit(String),
    /// The note editor.
    Editor(OpenEditor),
    /// The key help: how far it is scrolled, and its search.
    Help(HelpView),
    /// The list of the most similar pairs of passages.
    Pairs(Pairs),
    /// A link being made: choosing its partner (the essay keys move the caret), then its
    /// relation (the picker takes the keys).
    Link(LinkDraft),
    /// Typing a search query (the search itself stays after `Enter`, for `n` and `N`).
    Search,
    /// Typing the notes filter.
    Filter,
    /// An annotation waiting for the passage to attach it to (then the highlight key).
    Reattach {
        /// Its source.
        source: SourceId,
        /// Its id.
        id: AnnotationId,
    },
    /// Stepping through the parallel passages of a sentence (`p` again, Esc back).
    Parallel(Parallel),
    /// Which of the highlights under the caret `x` deletes.
    Choose(Choose),
    /// Deleting a highlight with a note or links: `y` or `n`.
    Confirm(Confirm),
    /// The list of tags with their counts, to filter the notes by one.
    Tags(TagList),
    /// Choosing a colour for a highlight.
    Colours(ColourPick),
    /// The two essays set against each other paragraph by paragraph.
    Alignment(AlignView),
}

/// Which overlay, without its data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// [`Overlay::Offer`].
    Offer,
    /// [`Overlay::Quit`].
    Quit,
    /// [`Overlay::Editor`].
    Editor,
    /// [`Overlay::Help`].
    Help,
    /// [`Overlay::Pairs`].
    Pairs,
    /// [`Overlay::Link`] while its partner is being chosen.
    Link,
    /// [`Overlay::Link`] while its relation is being picked.
    Picker,
    /// [`Overlay::Search`].
    Search,
    /// [`Overlay::Filter`].
    Filter,
    /// [`Overlay::Reattach`].
    Reattach,
    /// [`Overlay::Parallel`].
    Parallel,
    /// [`Overlay::Choose`].
    Choose,
    /// [`Overlay::Confirm`].
    Confirm,
    /// [`Overlay::Tags`].
    Tags,
    /// [`Overlay::Colours`].
    Colours,
    /// [`Overlay::Help`] while a search in it is typed.
    HelpFind,
    /// [`Overlay::Alignment`].
    Alignment,
}

impl Overlay {
    /// Which overlay this is.
    pub fn mode(&self) -> Mode {
        match self {
            Overlay::Offer(_) => Mode::Offer,
            Overlay::Quit(_) => Mode::Quit,
            Overlay::Editor(_) => Mode::Editor,
            Overlay::Help(view) if view.typing => Mode::HelpFind,
            Overlay::Help(_) => Mode::Help,
            Overlay::Pairs(_) => Mode::Pairs,
            Overlay::Link(draft) if draft.to.is_some() => Mode::Picker,
            Overlay::Link(_) => Mode::Link,
            Overlay::Search => Mode::Search,
            Overlay::Filter => Mode::Filter,
            Overlay::Reattach { .. } => Mode::Reattach,
            Overlay::Parallel(_) => Mode::Parallel,
            Overlay::Choose(_) => Mode::Choose,
            Overlay::Confirm(_) => Mode::Confirm,
            Overlay::Tags(_) => Mode::Tags,
            Overlay::Colours(_) => Mode::Colours,
            Overlay::Alignment(_) => Mode::Alignment,
        }
    }
}

impl Mode {
    /// The keys it takes: none when the keys of the pane beneath still apply.
    pub fn context(self) -> Option<Context> {
        Some(match self {
            Mode::Offer => Context::Offer,
            Mode::Quit => Context::QuitPrompt,
            Mode::Editor => Context::Editor,
            Mode::Help => Context::Help,
            Mode::Pairs => Context::PairList,
            Mode::Picker => Context::Picker,
            Mode::Search => Context::Search,
            Mode::Filter => Context::Filter,
            Mode::Choose => Context::Choose,
            Mode::Confirm => Context::Confirm,
            Mode::Tags => Context::TagList,
            Mode::Colours => Context::ColourPicker,
            Mode::HelpFind => Context::HelpSearch,
            Mode::Alignment => Context::Alignment,
            Mode::Link | Mode::Reattach | Mode::Parallel => return None,
        })
    }

    /// Its name on the status line, if it has one.
    pub fn label(self) -> Option<&'static str> {
        Some(match self {
            Mode::Offer => "KEPT",
            Mode::Quit => "QUIT?",
            Mode::Editor => "NOTE",
            Mode::Help | Mode::HelpFind => "HELP",
            Mode::Link | Mode::Picker => "LINK",
            Mode::Search => "SEARCH",
            Mode::Filter => "FILTER",
            Mode::Reattach => "ATTACH",
            Mode::Choose => "WHICH?",
            Mode::Confirm => "DELETE?",
            Mode::Tags => "TAGS",
            Mode::Colours => "COLOUR",
            Mode::Alignment => "ALIGN",
            Mode::Pairs | Mode::Parallel => return None,
        })
    }

    /// Whether the mouse reaches the panes beneath while it is shown.
    pub fn lets_pointer_through(self) -> bool {
        !matches!(
            self,
            Mode::Offer
                | Mode::Quit
                | Mode::Editor
                | Mode::Help
                | Mode::Choose
                | Mode::Confirm
                | Mode::Tags
                | Mode::Colours
                | Mode::HelpFind
                | Mode::Alignment
        )
    }
}

/// The overlays, innermost last.
#[derive(Debug, Clone, Default)]
pub struct ModeStack(Vec<Overlay>);

impl ModeStack {
    /// Every overlay, innermost last: the draw order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Overlay> {
        self.0.iter()
    }

    /// Whether no overlay is shown.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Puts `overlay` on top, in place of one of its kind if there is one.
    pub fn push(&mut self, overlay: Overlay) {
        self.remove(|o| std::mem::discriminant(o) == std::mem::discriminant(&overlay));
        self.0.push(overlay);
    }

    /// Offers a kept file again, on top: a failed answer leaves it where it was.
    pub(super) fn push_offer(&mut self, offer: Offer) {
        self.0.push(Overlay::Offer(offer));
    }

    /// Takes off the top overlay.
    pub fn pop(&mut self) -> Option<Overlay> {
        self.0.pop()
    }

    /// The first overlay from the top that `pick` accepts, as `pick` gives it.
    pub fn find<'a, T>(&'a self, pick: impl Fn(&'a Overlay) -> Option<&'a T>) -> Option<&'a T> {
        self.0.iter().rev().find_map(pick)
    }

    /// The same, to change.
    pub fn find_mut<'a, T>(
        &'a mut self,
        pick: impl Fn(&'a mut Overlay) -> Option<&'a mut T>,
    ) -> Option<&'a mut T> {
        self.0.iter_mut().rev().find_map(pick)
    }

    /// Takes off the topmost overlay that `is` accepts, wherever it is.
    pub fn remove(&mut self, is: impl Fn(&Overlay) -> bool) -> Option<Overlay> {
        let at = self.0.iter().rposition(is)?;
        Some(self.0.remove(at))
    }

    /// Whether an overlay of `mode` is on the stack.
    pub fn has(&self, mode: Mode) -> bool {
        self.0.iter().any(|o| o.mode() == mode)
    }

    /// How many overlays of `mode` are on the stack.
    pub fn count(&self, mode: Mode) -> usize {
        self.0.iter().filter(|o| o.mode() == mode).count()
    }
}

impl AppState {
    /// The overlays, innermost last.
    pub fn overlays(&self) -> &ModeStack {
        &self.modes
    }

    /// The topmost overlay that takes the keys, if one does.
    fn keyed_mode(&self) -> Option<Mode> {
        self.modes
            .iter()
            .rev()
            .map(Overlay::mode)
            .find(|m| m.context().is_some())
    }

    /// Where the keys go: the topmost overlay that takes them, else the focused pane.
    pub fn context(&self) -> Context {
        match self.keyed_mode().and_then(Mode::context) {
            Some(context) => context,
            None if self.focus == Focus::Notes => Context::Notes,
            None => Context::Essay,
        }
    }

    /// The mode, for the status line: the topmost overlay with a name, else VISUAL while
    /// selecting, else READ.
    pub fn mode(&self) -> &'static str {
        if let Some(label) = self.modes.iter().rev().find_map(|o| o.mode().label()) {
            label
        } else if self
            .focused_pane()
            .is_some_and(|p| self.panes[p].anchor.is_some())
        {
            "VISUAL"
        } else {
            "READ"
        }
    }

    /// Whether a mouse gesture reaches the panes now.
    pub fn takes_pointer(&self) -> bool {
        self.modes.iter().all(|o| o.mode().lets_pointer_through())
    }

    /// The focused essay pane, if an essay pane has focus.
    pub fn focused_pane(&self) -> Option<usize> {
        match self.focus {
            Focus::Pane(p) if p < self.panes.len() => Some(p),
            _ => None,
        }
    }

    /// Carries out an action on the overlays themselves: `Esc`, the help.
    pub(super) fn overlay(&mut self, action: Action) -> Effect {
        match action {
            Action::Back => self.back(),
            Action::Help => self.toggle_help(),
            Action::HelpScroll(step) => self.scroll_help(step),
            _ => {}
        }
        Effect::None
    }

    /// `?`: shows the help, or hides it.
    fn toggle_help(&mut self) {
        if self
            .modes
            .remove(|o| matches!(o, Overlay::Help(_)))
            .is_none()
        {
            self.modes.push(Overlay::Help(HelpView::default()));
        }
    }

    fn scroll_help(&mut self, step: isize) {
        let page = self.help_page();
        if let Some(view) = self.help_view_mut() {
            // From where it shows (a screen grown since may have room for more).
            let from = view.scroll.min(page.max_scroll());
            let to = (from as isize).saturating_add(step);
            view.scroll = super::help::clamp_scroll(to, &page);
        }
    }

    /// `Esc`: takes off the top overlay, undoing what it was for; with none, clears the
    /// notes filter or the selection, or puts the search's matches away, in that order.
    pub(super) fn back(&mut self) {
        if self.leave_help_search() {
            return;
        }
        match self.modes.pop() {
            Some(Overlay::Parallel(par)) => {
                self.restore_parallel(par);
                self.message = Some("back from the parallel passage".into());
            }
            Some(Overlay::Search) => {
                // Cancelled: back to where the search started, the search kept before it
                // kept still (its matches put away, `n` and `N` going on with it).
                if let Some(search) = self.search.take() {
                    self.set_caret(search.pane, search.origin);
                    self.search = search.kept.map(|mut kept| {
                        kept.hidden = true;
                        *kept
                    });
                }
            }
            Some(Overlay::Filter) => self.filter.clear(),
            Some(Overlay::Link(draft))
                if draft.to.is_none() && self.search.as_ref().is_some_and(|s| !s.hidden) =>
            {
                // Picking the partner after a search: the matches go first, the link stays.
                if let Some(search) = &mut self.search {
                    search.hidden = true;
                }
                self.modes.0.push(Overlay::Link(draft));
            }
            Some(Overlay::Link(_)) => self.message = Some("link cancelled".into()),
            Some(Overlay::Reattach { .. }) => self.message = Some("re-attach cancelled".into()),
            Some(Overlay::Choose(_) | Overlay::Confirm(_)) => {
                self.message = Some("nothing deleted".into());
            }
            Some(Overlay::Help(_) | Overlay::Pairs(_) | Overlay::Tags(_)) => {}
            Some(Overlay::Alignment(_)) => {}
            Some(Overlay::Colours(_)) => self.message = Some("colour unchanged".into()),
            Some(other @ (Overlay::Offer(_) | Overlay::Quit(_) | Overlay::Editor(_))) => {
                // These answer Esc with keys of their own; Back never reaches them.
                self.modes.0.push(other);
            }
            None => {
                if self.focus == Focus::Notes && self.filter.text() == super::REVIEW {
                    self.end_review();
                } else if self.focus == Focus::Notes && !self.filter.is_empty() {
                    self.filter.clear();
                } else if self
                    .focused_pane()
                    .is_some_and(|p| self.panes[p].anchor.is_some())
                {
                    // Every pane's selection: a pair shown from the list is selected in both.
                    for pane in &mut self.panes {
                        pane.anchor = None;
                    }
                } else if let Some(search) = &mut self.search {
                    // Put away, not dropped: `n` and `N` still go on from here.
                    search.hidden = true;
                }
            }
        }
    }
}
