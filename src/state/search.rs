//! Searching the focused essay as the user types.

use super::{Effect, Overlay};
use crate::action::{Action, EditorInput};
use crate::essay::Essay;
use crate::input::TextInput;
use crate::range::TextRange;

/// A search in one essay pane.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    /// The pane searched.
    pub pane: usize,
    /// What is searched for.
    pub query: TextInput,
    /// Every match, in text order.
    pub matches: Vec<TextRange>,
    /// The match the caret is on, if any.
    pub current: Option<usize>,
    /// Where the caret was when the search started (Esc while typing goes back there).
    pub origin: usize,
    /// Put away by `Esc`: its matches are not shown, but `n` and `N` still step through
    /// them (and show them again), as in `less`.
    pub hidden: bool,
    /// The search kept before this one was started: cancelling this one brings it back,
    /// and `/` `Enter` with nothing typed searches for it again (as in vim and less).
    pub kept: Option<Box<Search>>,
}

/// Smart case: an upper-case letter in the query makes the search case-sensitive.
fn case_sensitive(query: &str) -> bool {
    query.chars().any(char::is_uppercase)
}

/// One char folded for a case-insensitive match, keeping one char per char.
fn fold(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Every match of `query` in `essay`, in text order. Matches never span paragraphs, but
/// run on across the lines of a poem or of code (their line break matches a space).
pub fn find_all(essay: &Essay, query: &str) -> Vec<TextRange> {
    if query.is_empty() {
        return Vec::new();
    }
    let sensitive = case_sensitive(query);
    let needle: String = if sensitive {
        query.to_string()
    } else {
        query.chars().map(fold).collect()
    };
    let needle_len = needle.chars().count();
    let mut out = Vec::new();
    let mut b = 0;
    while let Some(first) = essay.blocks.get(b) {
        // A block and the blocks joined to it, one "\n" (here a space) apart.
        let group = 1 + essay.blocks[b + 1..]
            .iter()
            .take_while(|n| n.joined)
            .count();
        let hay: std::borrow::Cow<str> = if group == 1 && sensitive {
            first.text.as_str().into()
        } else {
            let lines = essay.blocks[b..b + group].iter().map(|bl| bl.text.as_str());
            let joined = lines.collect::<Vec<_>>().join(" ");
            if sensitive {
                joined.into()
            } else {
                joined.chars().map(fold).collect::<String>().into()
            }
        };
        let mut chars_before = 0;
        let mut last = 0;
        for (byte, _) in hay.match_indices(needle.as_str()) {
            chars_before += hay[last..byte].chars().count();
            last = byte;
            let start = first.start + chars_before;
            out.extend(TextRange::new(start, start + needle_len));
        }
        b += group;
    }
    out
}

impl Search {
    /// The match at or after `offset` (wrapping round), for `n`.
    pub fn next_from(&self, offset: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        Some(
            self.matches
                .iter()
                .position(|m| m.start() >= offset)
                .unwrap_or(0),
        )
    }

    /// The match before `offset` (wrapping round), for `N`.
    pub fn prev_from(&self, offset: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        Some(
            self.matches
                .iter()
                .rposition(|m| m.start() < offset)
                .unwrap_or(self.matches.len() - 1),
        )
    }

    /// "match k of N", or "no match". While the query is typed with the cursor moved back
    /// into it, `▏` shows where the cursor is.
    pub fn describe(&self, typing: bool) -> String {
        let query = match self.query.split_at_cursor() {
            (before, after) if typing && !after.is_empty() => format!("{before}▏{after}"),
            _ => self.query.text().to_string(),
        };
        match (self.current, self.matches.len()) {
            // Nothing typed yet: nothing to say about matches.
            _ if self.query.is_empty() => format!("/{query}"),
            (_, 0) => format!("/{query}: no match"),
            (Some(k), n) => format!("/{query}: match {} of {n}", k + 1),
            (None, n) => format!("/{query}: {n} matches"),
        }
    }
}

impl super::AppState {
    /// Carries out a search action: starting, typing, keeping, stepping through matches.
    pub(super) fn search_essay(&mut self, action: Action) -> Effect {
        match action {
            Action::SearchStart => {
                if let Some(p) = self.focused_pane() {
                    let kept = self.search.take().map(|mut old| {
                        old.kept = None;
                        Box::new(old)
                    });
                    self.search = Some(Search {
                        pane: p,
                        origin: self.panes[p].caret,
                        kept,
                        ..Default::default()
                    });
                    self.modes.push(Overlay::Search);
                }
            }
            Action::Search(input) => self.edit_search(input),
            Action::SearchDone => {
                self.modes.remove(|o| matches!(o, Overlay::Search));
                if let Some(search) = self.search.take_if(|s| s.query.is_empty()) {
                    // Nothing typed: the last search again, from here, in this pane.
                    if let Some(kept) = search.kept {
                        let query = kept.query.text().to_string();
                        self.search = Some(Search {
                            pane: search.pane,
                            origin: search.origin,
                            ..Default::default()
                        });
                        self.edit_search(EditorInput::Paste(query));
                    }
                }
            }
            Action::SearchNext => self.step_search(true),
            Action::SearchPrev => self.step_search(false),
            _ => {}
        }
        Effect::None
    }

    pub(super) fn edit_search(&mut self, input: EditorInput) {
        let Some(search) = &mut self.search else {
            return;
        };
        search.query.edit(input, 0);
        let p = search.pane;
        let essay = &self.docs[self.panes[p].essay].essay;
        search.matches = find_all(essay, search.query.text());
        search.current = search.next_from(search.origin);
        let target = search
            .current
            .map_or(search.origin, |k| search.matches[k].start());
        self.message = Some(search.describe(true));
        self.set_caret(p, target);
    }

    pub(super) fn step_search(&mut self, forward: bool) {
        let Some(p) = self.focused_pane() else { return };
        let Some(search) = self.search.as_mut().filter(|s| s.pane == p) else {
            self.message = Some("no search: / to search".into());
            return;
        };
        let caret = self.panes[p].caret;
        search.hidden = false;
        search.current = if forward {
            search.next_from(caret + 1)
        } else {
            search.prev_from(caret)
        };
        // Past the last match (or before the first): the search went round the essay.
        let wrapped = search.current.is_some_and(|k| {
            let start = search.matches[k].start();
            if forward {
                start <= caret
            } else {
                start >= caret
            }
        });
        let said = search.describe(false);
        self.message = Some(if wrapped {
            format!("search wrapped: {said}")
        } else {
            said
        });
        if let Some(k) = search.current {
            let target = search.matches[k].start();
            self.set_caret(p, target);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::essay::BlockKind;

    fn essay() -> Essay {
        Essay::from_blocks(
            "t".into(),
            vec![
                (BlockKind::Paragraph, "The tide, the Tide.".into()),
                (BlockKind::Paragraph, "İstanbul tide".into()),
            ],
        )
    }

    #[test]
    fn smart_case() {
        let e = essay();
        let all = find_all(&e, "tide");
        assert_eq!(all.len(), 3);
        // The second paragraph starts at 21; its match is after "İstanbul ".
        assert_eq!(all[2], TextRange::new(30, 34).unwrap());
        assert_eq!(find_all(&e, "Tide").len(), 1);
        assert!(find_all(&e, "").is_empty());
    }

    #[test]
    fn next_and_previous_wrap() {
        let e = essay();
        let s = Search {
            matches: find_all(&e, "tide"),
            query: "tide".into(),
            ..Default::default()
        };
        assert_eq!(s.next_from(5), Some(1));
        assert_eq!(s.next_from(31), Some(0));
        assert_eq!(s.prev_from(4), Some(2));
        assert_eq!(s.prev_from(14), Some(0));
    }
}
