//! Tags: the list of every `#tag` of the essays on screen with its count (`t` in the notes
//! pane), and completing a `#tag` typed in the notes filter (`Tab`).

use super::{AppState, Effect, Overlay};
use crate::action::{Action, EditorInput};

/// The list of tags shown, with the one chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagList {
    /// Every tag and how many highlights carry it, by name (as first written).
    pub tags: Vec<(String, usize)>,
    /// The row chosen.
    pub selected: usize,
}

/// What `Tab` in the filter did last, so that the next `Tab` offers the next tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct TagCycle {
    /// The letters typed before the first `Tab`.
    prefix: String,
    /// The tag put in their place, among those they begin.
    index: usize,
    /// That tag.
    shown: String,
}

impl AppState {
    /// Every tag of the highlights of the essays on screen (the filter aside), with how
    /// many carry it, in the order of their names; tags differing only in case are one.
    pub fn tag_counts(&self) -> Vec<(String, usize)> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for item in super::notes::cached(self, "").iter() {
            if item.link.is_some() {
                continue;
            }
            let Some(i) = self.note_index(item) else {
                continue;
            };
            let ann = &self.sources[item.source].items[i].annotation;
            for tag in &ann.tags {
                let tag = tag.trim().trim_start_matches('#');
                if tag.is_empty() {
                    continue;
                }
                match counts
                    .iter_mut()
                    .find(|(t, _)| t.to_lowercase() == tag.to_lowercase())
                {
                    Some((_, n)) => *n += 1,
                    None => counts.push((tag.to_string(), 1)),
                }
            }
        }
        counts.sort_by_key(|(t, _)| t.to_lowercase());
        counts
    }

    /// Carries out an action on tags: the list, its choice, completion in the filter.
    pub(super) fn tags(&mut self, action: Action) -> Effect {
        match action {
            Action::Tags => {
                if self
                    .modes
                    .remove(|o| matches!(o, Overlay::Tags(_)))
                    .is_some()
                {
                    return Effect::None;
                }
                let tags = self.tag_counts();
                if tags.is_empty() {
                    self.message = Some("no tags yet: write #tag in a note".into());
                } else {
                    self.modes
                        .push(Overlay::Tags(TagList { tags, selected: 0 }));
                }
            }
            Action::TagsMove(step) => {
                if let Some(list) = self.tag_list_mut() {
                    let last = list.tags.len().saturating_sub(1) as isize;
                    list.selected = (list.selected as isize + step).clamp(0, last) as usize;
                }
            }
            Action::TagsPick => {
                let Some(Overlay::Tags(list)) =
                    self.modes.remove(|o| matches!(o, Overlay::Tags(_)))
                else {
                    return Effect::None;
                };
                if let Some((tag, _)) = list.tags.get(list.selected) {
                    self.filter = format!("#{tag}").as_str().into();
                    self.notes_selected = 0;
                }
            }
            Action::FilterComplete => self.complete_tag(),
            _ => {}
        }
        Effect::None
    }

    /// The list of tags, when shown.
    pub fn tag_list(&self) -> Option<&TagList> {
        self.modes.find(|o| match o {
            Overlay::Tags(list) => Some(list),
            _ => None,
        })
    }

    fn tag_list_mut(&mut self) -> Option<&mut TagList> {
        self.modes.find_mut(|o| match o {
            Overlay::Tags(list) => Some(list),
            _ => None,
        })
    }

    /// `Tab` in the filter: the `#tag` before the cursor is completed as far as the tags
    /// beginning with it agree; when they agree no further, the first of them is put in,
    /// and each `Tab` after puts in the next.
    fn complete_tag(&mut self) {
        let (before, _) = self.filter.split_at_cursor();
        let word = before
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or_default();
        let Some(typed) = word.strip_prefix('#') else {
            self.message = Some("Tab completes a tag: type # and its first letters".into());
            return;
        };
        let typed = typed.to_string();
        let tags: Vec<String> = self.tag_counts().into_iter().map(|(t, _)| t).collect();
        let begun = |prefix: &str| -> Vec<String> {
            let prefix = prefix.to_lowercase();
            tags.iter()
                .filter(|t| t.to_lowercase().starts_with(&prefix))
                .cloned()
                .collect()
        };
        let (put, cycle) = match self.tag_cycle.take() {
            Some(cycle) if cycle.shown == typed => {
                let all = begun(&cycle.prefix);
                if all.is_empty() {
                    return;
                }
                let index = (cycle.index + 1) % all.len();
                self.message = Some(list_of(&all));
                let shown = all[index].clone();
                (
                    shown.clone(),
                    Some(TagCycle {
                        shown,
                        index,
                        ..cycle
                    }),
                )
            }
            _ => {
                let all = begun(&typed);
                match all.as_slice() {
                    [] => {
                        self.message = Some(format!("no tag begins #{typed}"));
                        return;
                    }
                    [one] => (one.clone(), None),
                    [first, ..] => {
                        self.message = Some(list_of(&all));
                        let common = common_prefix(&all);
                        if common.chars().count() > typed.chars().count() {
                            (common, None)
                        } else {
                            let cycle = TagCycle {
                                prefix: typed.clone(),
                                index: 0,
                                shown: first.clone(),
                            };
                            (first.clone(), Some(cycle))
                        }
                    }
                }
            }
        };
        use unicode_segmentation::UnicodeSegmentation;
        for _ in typed.graphemes(true) {
            self.filter.edit(EditorInput::Backspace, 0);
        }
        self.filter.edit(EditorInput::Paste(put), 0);
        self.tag_cycle = cycle;
        self.notes_selected = 0;
    }
}

/// The tags offered, for the status line.
fn list_of(tags: &[String]) -> String {
    let shown: Vec<String> = tags.iter().take(8).map(|t| format!("#{t}")).collect();
    let more = tags.len().saturating_sub(8);
    if more > 0 {
        format!("{} (+{more})", shown.join(" "))
    } else {
        shown.join(" ")
    }
}

/// The longest beginning all of `tags` share, ignoring case, as the first one spells it.
fn common_prefix(tags: &[String]) -> String {
    let Some(first) = tags.first() else {
        return String::new();
    };
    let lower: Vec<Vec<char>> = tags
        .iter()
        .map(|t| t.to_lowercase().chars().collect())
        .collect();
    let mut n = 0;
    while lower
        .iter()
        .all(|t| t.get(n).is_some() && t.get(n) == lower[0].get(n))
    {
        n += 1;
    }
    // Lower-casing may change the count of characters (rarely): then keep none.
    if first.to_lowercase().chars().count() != first.chars().count() {
        return String::new();
    }
    first.chars().take(n).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_prefix_ignores_case() {
        let tags = |t: &[&str]| t.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(common_prefix(&tags(&["Framing", "frames"])), "Fram");
        assert_eq!(common_prefix(&tags(&["a", "b"])), "");
        assert_eq!(common_prefix(&tags(&["土地", "土壌"])), "土");
    }
}
