//! Searching the focused essay as the user types.

mod count;

pub use count::{Counting, KEY_BYTES, KEY_SLICE, STEP_BYTES};

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
    /// While the matches of a long essay are still being counted: how far the count has
    /// got (see [`Counting`]). `matches` then holds those found from the block of
    /// `origin` on; the clock's ticks count on.
    pub counting: Option<Counting>,
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
        // Matches are in text order: found by halving, however many there are.
        let k = self.matches.partition_point(|m| m.start() < offset);
        Some(if k < self.matches.len() { k } else { 0 })
    }

    /// The match before `offset` (wrapping round), for `N`.
    pub fn prev_from(&self, offset: usize) -> Option<usize> {
        if self.matches.is_empty() {
            return None;
        }
        let k = self.matches.partition_point(|m| m.start() < offset);
        Some(k.checked_sub(1).unwrap_or(self.matches.len() - 1))
    }

    /// Counts on for at most `budget` bytes of text; when the count is done, the matches
    /// found after going round take their place before the others. Returns whether a
    /// count is still under way.
    pub fn count_on(&mut self, essay: &Essay, budget: usize) -> bool {
        let Some(counting) = &mut self.counting else {
            return false;
        };
        if !counting.step(essay, self.query.text(), &mut self.matches, budget) {
            return true;
        }
        let mut all = counting.take_before();
        let shift = all.len();
        all.append(&mut self.matches);
        self.matches = all;
        self.current = self.current.map(|k| k + shift);
        self.counting = None;
        false
    }

    /// The match a search typed from `origin` shows: the first at or after it, or, when
    /// none is, the first of the essay. While counting, only a match already found and
    /// surely the first after `origin` (none not yet searched comes before it).
    fn first_from(&self, essay: &Essay, origin: usize) -> Option<usize> {
        match &self.counting {
            None => self.next_from(origin),
            Some(c) => {
                let k = self.matches.partition_point(|m| m.start() < origin);
                (k < self.matches.len() && c.covers(essay, origin)).then_some(k)
            }
        }
    }

    /// "match k of N", or "no match". While the query is typed with the cursor moved back
    /// into it, `▏` shows where the cursor is.
    pub fn describe(&self, typing: bool) -> String {
        let query = match self.query.split_at_cursor() {
            (before, after) if typing && !after.is_empty() => format!("{before}▏{after}"),
            _ => self.query.text().to_string(),
        };
        if let Some(c) = self.counting.as_ref().filter(|_| !self.query.is_empty()) {
            // Still counting: at least this many, and a lower bound for the match's place.
            let n = c.found(&self.matches);
            return match self.current {
                Some(k) if c.knows_before() => format!("/{query}: match {} of ≥{n}…", k + 1),
                Some(k) => format!(
                    "/{query}: match ≥{} of ≥{n}…",
                    k + 1 + (n - self.matches.len())
                ),
                None => format!("/{query}: searching… {n} found"),
            };
        }
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
    /// Whether a search is still counting its matches: the shell ticks until it is done.
    pub fn search_counting(&self) -> bool {
        self.search.as_ref().is_some_and(|s| s.counting.is_some())
    }

    /// Counts a search's matches on by a step (on the clock's tick); the status line says
    /// how many so far, then how many in all. A search typed while nothing was found yet
    /// goes to its first match once it is found, if the caret is still where it started.
    pub(super) fn count_search(&mut self) {
        let typing = self.search_typing();
        let Some(search) = self.search.as_mut().filter(|s| s.counting.is_some()) else {
            return;
        };
        let p = search.pane;
        let Some(pane) = self.panes.get(p) else {
            search.counting = None;
            return;
        };
        let essay = &self.docs[pane.essay].essay;
        let said = search.describe(typing);
        search.count_on(essay, STEP_BYTES);
        let mut target = None;
        if search.current.is_none() && pane.caret == search.origin {
            search.current = search.first_from(essay, search.origin);
            target = search.current.map(|k| search.matches[k].start());
        }
        if self.message.as_deref() == Some(said.as_str()) {
            self.message = Some(search.describe(typing));
        }
        if let Some(target) = target {
            self.set_caret(p, target);
        }
    }

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
        // The key searches in small slices until it has a match to show (or a few slices
        // found none); the ticks count the rest, a step at a time.
        search.matches = Vec::new();
        search.counting = Some(Counting::new(essay, search.origin));
        let mut searched = 0;
        loop {
            let counting = search.count_on(essay, KEY_SLICE);
            search.current = search.first_from(essay, search.origin);
            searched += KEY_SLICE;
            if !counting || search.current.is_some() || searched >= KEY_BYTES {
                break;
            }
        }
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
        // A step the matches found so far cannot answer waits for the count to end.
        if let Some(c) = &search.counting {
            let essay = &self.docs[self.panes[p].essay].essay;
            let (offset, found) = if forward {
                let k = search.matches.partition_point(|m| m.start() <= caret);
                (caret + 1, k < search.matches.len())
            } else {
                (
                    caret,
                    search.matches.first().is_some_and(|m| m.start() < caret),
                )
            };
            if !(found && c.covers(essay, offset)) {
                search.count_on(essay, usize::MAX);
            }
        }
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
