//! What undo and redo take back in a text input: each edit as a change and its inverse.

/// One change of the text: at byte `at`, `removed` was replaced by `inserted`.
///
/// Undo puts `removed` back in place of `inserted` and the cursor at `before`; redo does the
/// change again and puts the cursor at `after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Change {
    pub at: usize,
    pub removed: String,
    pub inserted: String,
    pub before: usize,
    pub after: usize,
}

/// What kind of edit made a change: runs of the same kind are taken back together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Typing; a run is one word with the spaces before it.
    Type,
    /// Backspace.
    Back,
    /// Delete.
    Forward,
    /// Anything else (a paste, a word deleted): alone.
    Other,
}

/// How many changes are remembered.
const LIMIT: usize = 200;

/// The changes done and undone.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct History {
    done: Vec<(Change, Kind)>,
    undone: Vec<(Change, Kind)>,
    /// Whether the last change may still grow (no cursor move or undo since).
    open: bool,
}

impl History {
    /// Records a change just made; it joins the last one if it continues it.
    pub fn record(&mut self, change: Change, kind: Kind) {
        self.undone.clear();
        if self.open
            && let Some((last, last_kind)) = self.done.last_mut()
            && *last_kind == kind
            && last.absorb(&change, kind)
        {
            return;
        }
        if self.done.len() == LIMIT {
            self.done.remove(0);
        }
        self.done.push((change, kind));
        self.open = true;
    }

    /// Ends the run: the next change starts a new one (the cursor moved).
    pub fn seal(&mut self) {
        self.open = false;
    }

    /// The change to take back, moved to the undone ones.
    pub fn undo(&mut self) -> Option<Change> {
        self.open = false;
        let (change, kind) = self.done.pop()?;
        self.undone.push((change.clone(), kind));
        Some(change)
    }

    /// The change to do again, moved back to the done ones.
    pub fn redo(&mut self) -> Option<Change> {
        self.open = false;
        let (change, kind) = self.undone.pop()?;
        self.done.push((change.clone(), kind));
        Some(change)
    }
}

impl Change {
    /// Joins `next`, made right after this change, if it continues it.
    fn absorb(&mut self, next: &Change, kind: Kind) -> bool {
        let pure_insert = self.removed.is_empty() && next.removed.is_empty();
        let pure_delete = self.inserted.is_empty() && next.inserted.is_empty();
        let joined = match kind {
            Kind::Type => {
                // A space after a word starts the next run.
                let new_word = next.inserted.starts_with(char::is_whitespace)
                    && !self.inserted.ends_with(char::is_whitespace);
                pure_insert && next.at == self.at + self.inserted.len() && !new_word
            }
            Kind::Back => pure_delete && next.at + next.removed.len() == self.at,
            Kind::Forward => pure_delete && next.at == self.at,
            Kind::Other => false,
        };
        if joined {
            match kind {
                Kind::Type => self.inserted.push_str(&next.inserted),
                Kind::Back => {
                    self.removed.insert_str(0, &next.removed);
                    self.at = next.at;
                }
                _ => self.removed.push_str(&next.removed),
            }
            self.after = next.after;
        }
        joined
    }
}
