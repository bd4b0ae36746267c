//! The notes filter: words that an item must all match.
//!
//! `#tag` matches a tag; a colour name (`yellow`) matches the colour; `is:review` matches
//! annotations that moved or were not found; `is:note` those with a note; any other word
//! must occur (case-insensitively) in the quote, the note or a tag.

use super::Placed;
use crate::anchor::Placement;
use crate::annotation::Colour;

/// Whether `placed` passes every word of `filter`.
pub fn matches(filter: &str, placed: &Placed) -> bool {
    let ann = &placed.annotation;
    filter.split_whitespace().all(|word| {
        let word = word.to_lowercase();
        if let Some(tag) = word.strip_prefix('#') {
            return ann.tags.iter().any(|t| t.to_lowercase() == tag);
        }
        if let Some(colour) = Colour::ALL.iter().find(|c| c.name() == word) {
            return ann.colour == *colour;
        }
        match word.as_str() {
            "is:review" => return !matches!(placed.placement, Placement::Exact(_)),
            "is:note" => return ann.note_text().is_some(),
            _ => {}
        }
        ann.anchor.quote.to_lowercase().contains(&word)
            || ann
                .note
                .as_deref()
                .is_some_and(|n| n.to_lowercase().contains(&word))
            || ann.tags.iter().any(|t| t.to_lowercase().contains(&word))
    })
}

/// The tags written in a note: every `#word` (letters, digits, `-`, `_`), in order, once.
pub fn hashtags(note: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in note.split_whitespace() {
        let Some(tag) = word.strip_prefix('#') else {
            continue;
        };
        let tag: String = tag
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
            .collect();
        if !tag.is_empty() && !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotation::{Anchor, Annotation};
    use crate::range::TextRange;

    fn placed(
        quote: &str,
        note: Option<&str>,
        tags: &[&str],
        colour: Colour,
        placement: Placement,
    ) -> Placed {
        Placed {
            annotation: Annotation {
                id: "a".into(),
                essay: "e".into(),
                anchor: Anchor {
                    quote: quote.into(),
                    prefix: String::new(),
                    suffix: String::new(),
                    start: 0,
                    end: 1,
                    fingerprint: String::new(),
                    extra: Default::default(),
                },
                colour,
                note: note.map(str::to_string),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                created: crate::store::now(),
                modified: crate::store::now(),
                extra: Default::default(),
            },
            placement,
        }
    }

    #[test]
    fn words_tags_colours_and_review() {
        let exact = Placement::Exact(TextRange::new(0, 1).unwrap());
        let p = placed(
            "The Tide turns",
            Some("slow #ideas"),
            &["ideas"],
            Colour::Green,
            exact,
        );
        assert!(matches("tide", &p));
        assert!(matches("#ideas green", &p));
        assert!(!matches("#other", &p));
        assert!(!matches("yellow", &p));
        assert!(matches("is:note slow", &p));
        assert!(!matches("is:review", &p));
        let moved = placed(
            "x",
            None,
            &[],
            Colour::Yellow,
            Placement::Moved(TextRange::new(0, 1).unwrap()),
        );
        assert!(matches("is:review", &moved));
        let orphan = placed("x", None, &[], Colour::Yellow, Placement::Orphaned);
        assert!(matches("is:review", &orphan));
    }

    #[test]
    fn hashtags_are_read_from_the_note() {
        assert_eq!(
            hashtags("on #war and #peace, #war again #"),
            ["war", "peace"]
        );
        assert!(hashtags("no tags here").is_empty());
    }
}
