//! The notes filter: words that an item must all match.
//!
//! `#tag` matches a tag beginning so (`#fram` matches `#framing`), or only that tag when
//! a tag of that name exists (`#framing` is not also `#framing-device`); a colour's name
//! (`yellow`, or the reader's name for it, `claim`) matches the colour; `is:review` matches
//! annotations that moved or were not found; `is:note` those with a note; any other word
//! must occur (case-insensitively) in the quote, the note or a tag.

use std::collections::HashSet;

use super::Placed;
use crate::anchor::Placement;
use crate::settings::colours::ColourNames;

/// Whether `placed` passes every word of `filter`, colours called by `names`; `tags` are
/// the tags that exist (lower case): a `#tag` naming one of them matches it alone.
pub fn matches(filter: &str, placed: &Placed, names: &ColourNames, tags: &HashSet<String>) -> bool {
    let ann = &placed.annotation;
    filter.split_whitespace().all(|word| {
        let word = word.to_lowercase();
        if let Some(tag) = word.strip_prefix('#') {
            let whole = tags.contains(tag);
            return ann.tags.iter().any(|t| {
                let t = t.to_lowercase();
                if whole { t == tag } else { t.starts_with(tag) }
            });
        }
        if let Some(colour) = names.colour_of(&word) {
            return ann.colour == colour;
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
    use crate::annotation::{Anchor, Annotation, Colour};
    use crate::range::TextRange;

    fn placed(
        quote: &str,
        note: Option<&str>,
        tags: &[&str],
        colour: Colour,
        placement: Placement,
    ) -> Placed {
        Placed {
            annotation: std::sync::Arc::new(Annotation {
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
            }),
            placement,
        }
    }

    fn matches(filter: &str, placed: &Placed) -> bool {
        super::matches(filter, placed, &ColourNames::default(), &HashSet::new())
    }

    #[test]
    fn a_tag_matches_by_its_beginning_and_colours_by_the_readers_names() {
        let exact = Placement::Exact(TextRange::new(0, 1).unwrap());
        let p = placed("q", Some("#Framing"), &["Framing"], Colour::Pink, exact);
        assert!(matches("#fram", &p));
        assert!(matches("#FRAMING", &p));
        assert!(!matches("#framings", &p));
        assert!(!matches("#ram", &p));
        let none = HashSet::new();
        let names = ColourNames::new([(Colour::Pink, "objection")]).unwrap();
        assert!(super::matches("objection", &p, &names, &none));
        assert!(super::matches("pink #fram", &p, &names, &none));
        assert!(!super::matches("claim", &p, &names, &none));
        let p = placed("q", None, &[], Colour::Yellow, exact);
        assert!(!super::matches("objection", &p, &names, &none));
        // A tag that exists by that name is matched alone, not as a beginning.
        let device = placed(
            "q",
            Some("#framing-device"),
            &["framing-device"],
            Colour::Pink,
            exact,
        );
        let tags: HashSet<String> = ["framing".to_string(), "framing-device".to_string()].into();
        assert!(!super::matches("#framing", &device, &names, &tags));
        assert!(super::matches("#fram", &device, &names, &tags));
        assert!(super::matches("#framing-device", &device, &names, &tags));
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
