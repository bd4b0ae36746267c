//! The colour picker: `c` on a highlight shows the six colours by the reader's names for
//! them; a digit, or `j`/`k` and `Enter`, gives the highlight one.

use chrono::{DateTime, Utc};

use super::{AppState, Effect, Overlay, SourceId};
use crate::action::Action;
use crate::annotation::{AnnotationId, Colour};

/// A colour being chosen for a highlight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColourPick {
    /// The highlight's source.
    pub source: SourceId,
    /// The highlight.
    pub id: AnnotationId,
    /// The colour chosen in the list (its colour now, at first).
    pub selected: Colour,
}

impl AppState {
    /// Carries out an action of the colour picker.
    pub(super) fn colouring(&mut self, action: Action, now: DateTime<Utc>) -> Effect {
        match action {
            Action::ColourStart => self.start_colour(),
            Action::ColourMove(step) => {
                if let Some(pick) = self.colour_pick_mut() {
                    let all = Colour::ALL;
                    let at = all.iter().position(|c| *c == pick.selected).unwrap_or(0);
                    let to = (at as isize + step).clamp(0, all.len() as isize - 1);
                    pick.selected = all[to as usize];
                }
                Effect::None
            }
            Action::PickColour(colour) => self.pick_colour(colour, now),
            _ => Effect::None,
        }
    }

    /// The colour picker, when shown.
    pub fn colour_pick(&self) -> Option<&ColourPick> {
        self.modes.find(|o| match o {
            Overlay::Colours(pick) => Some(pick),
            _ => None,
        })
    }

    fn colour_pick_mut(&mut self) -> Option<&mut ColourPick> {
        self.modes.find_mut(|o| match o {
            Overlay::Colours(pick) => Some(pick),
            _ => None,
        })
    }

    /// What colour `c` is called: the reader's name for it, else its own.
    pub fn colour_name(&self, c: Colour) -> &str {
        self.settings.colours.name(c)
    }

    /// `c`: shows the picker for the highlight under the caret or selected in the notes,
    /// when there is one that may be changed.
    fn start_colour(&mut self) -> Effect {
        let Some((source, index)) = self.target() else {
            self.message = Some("no highlight here".into());
            return Effect::None;
        };
        if !self.writable(source) {
            return Effect::None;
        }
        let ann = &self.sources[source].items[index].annotation;
        let pick = ColourPick {
            source,
            id: ann.id.clone(),
            selected: ann.colour,
        };
        self.modes.push(Overlay::Colours(pick));
        Effect::None
    }

    /// Gives the highlight of the picker `colour` (none: the one chosen in the list), and
    /// says which.
    fn pick_colour(&mut self, colour: Option<Colour>, now: DateTime<Utc>) -> Effect {
        let Some(Overlay::Colours(pick)) = self.modes.remove(|o| matches!(o, Overlay::Colours(_)))
        else {
            return Effect::None;
        };
        let colour = colour.unwrap_or(pick.selected);
        let Some(index) = self.item_index(pick.source, &pick.id) else {
            self.message = Some("the highlight is gone".into());
            return Effect::None;
        };
        if self.sources[pick.source].items[index].annotation.colour == colour {
            self.message = Some(format!("already {}", self.described(colour)));
            return Effect::None;
        }
        self.remember(pick.source);
        self.edit_item(pick.source, index, |placed| {
            let ann = std::sync::Arc::make_mut(&mut placed.annotation);
            ann.colour = colour;
            ann.modified = now;
        });
        self.message = Some(format!("colour: {}", self.described(colour)));
        self.change(pick.source)
    }

    /// A colour for a message: its name, with its own in brackets when the reader named it.
    fn described(&self, c: Colour) -> String {
        match self.settings.colours.given(c) {
            Some(name) => format!("{name} ({})", c.name()),
            None => c.name().to_string(),
        }
    }
}
