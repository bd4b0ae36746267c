//! The reader's names for the six highlight colours: `"colours": {"yellow": "claim"}` in
//! `settings.json`. A colour without a name is called by its own (`green`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::annotation::Colour;

/// The longest a colour's name may be, in characters.
pub const MAX_NAME: usize = 20;

/// Names given to colours, keyed by the colour's own name; checked by [`ColourNames::check`]
/// when read, so that every key is a colour and every name is one short word.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ColourNames(BTreeMap<String, String>);

impl ColourNames {
    /// Names from (colour, name) pairs, checked as a file's would be.
    pub fn new<'a>(
        pairs: impl IntoIterator<Item = (Colour, &'a str)>,
    ) -> Result<ColourNames, String> {
        let names = ColourNames(
            pairs
                .into_iter()
                .map(|(c, n)| (c.name().to_string(), n.to_string()))
                .collect(),
        );
        names.check()?;
        Ok(names)
    }

    /// Whether no colour has a name of the reader's.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// What colour `c` is called: the reader's name, else its own.
    pub fn name(&self, c: Colour) -> &str {
        self.0.get(c.name()).map_or(c.name(), String::as_str)
    }

    /// The reader's name of colour `c`, if it has one.
    pub fn given(&self, c: Colour) -> Option<&str> {
        self.0.get(c.name()).map(String::as_str)
    }

    /// The colour named `word` (case-insensitively), by the reader's name or its own.
    pub fn colour_of(&self, word: &str) -> Option<Colour> {
        let word = word.to_lowercase();
        Colour::ALL
            .iter()
            .copied()
            .find(|&c| c.name() == word || self.given(c).is_some_and(|n| n.to_lowercase() == word))
    }

    /// Why these names cannot be used, if they cannot: `colours.<key>: why`.
    ///
    /// A key must be one of the six colours; a name one word (no spaces, so the notes
    /// filter can match it) of at most [`MAX_NAME`] characters, printable, and not the name
    /// of another colour or another colour's name.
    pub fn check(&self) -> Result<(), String> {
        let mut seen: Vec<(String, &str)> = Vec::new();
        for (key, name) in &self.0 {
            let Some(colour) = Colour::ALL.iter().find(|c| c.name() == key) else {
                let all: Vec<&str> = Colour::ALL.iter().map(|c| c.name()).collect();
                return Err(format!(
                    "colours: no colour is called {:?} (the colours are {})",
                    key.chars().take(MAX_NAME).collect::<String>(),
                    all.join(", ")
                ));
            };
            let why = if name.trim().is_empty() {
                Some("the name is empty".to_string())
            } else if name.chars().count() > MAX_NAME {
                Some(format!(
                    "the name is {} characters long; at most {MAX_NAME}",
                    name.chars().count()
                ))
            } else if name.chars().any(char::is_whitespace) {
                Some("the name must be one word (no spaces)".to_string())
            } else if name.chars().any(|c| crate::essay::visible(c) != c) {
                Some("the name holds a control or invisible character".to_string())
            } else {
                let lower = name.to_lowercase();
                let other = Colour::ALL
                    .iter()
                    .find(|c| *c != colour && c.name() == lower)
                    .map(|c| c.name().to_string())
                    .or_else(|| {
                        seen.iter()
                            .find(|(n, _)| *n == lower)
                            .map(|(_, k)| k.to_string())
                    });
                other.map(|o| format!("the name {name:?} is taken by {o}"))
            };
            if let Some(why) = why {
                return Err(format!("colours.{key}: {why}"));
            }
            seen.push((name.to_lowercase(), key));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_given_or_the_colours_own() {
        let names = ColourNames::new([(Colour::Yellow, "claim"), (Colour::Pink, "Objection")])
            .expect("valid");
        assert_eq!(names.name(Colour::Yellow), "claim");
        assert_eq!(names.name(Colour::Green), "green");
        assert_eq!(names.colour_of("objection"), Some(Colour::Pink));
        assert_eq!(names.colour_of("PINK"), Some(Colour::Pink));
        assert_eq!(names.colour_of("blue"), Some(Colour::Blue));
        assert_eq!(names.colour_of("nothing"), None);
    }

    #[test]
    fn bad_names_say_which_colour_and_why() {
        let err = |pairs: &[(Colour, &str)]| ColourNames::new(pairs.iter().copied()).unwrap_err();
        assert_eq!(
            err(&[(Colour::Green, "")]),
            "colours.green: the name is empty"
        );
        assert_eq!(
            err(&[(Colour::Green, "  ")]),
            "colours.green: the name is empty"
        );
        assert!(
            err(&[(Colour::Blue, &"x".repeat(21))]).starts_with("colours.blue: the name is 21")
        );
        assert!(err(&[(Colour::Blue, "two words")]).contains("one word"));
        assert!(err(&[(Colour::Blue, "a\u{1b}[2J")]).contains("control"));
        assert!(err(&[(Colour::Blue, "green")]).contains("taken by green"));
        assert!(err(&[(Colour::Blue, "claim"), (Colour::Pink, "Claim")]).contains("taken by blue"));
        // Twenty characters, CJK included, are fine.
        assert!(ColourNames::new([(Colour::Blue, "主張")]).is_ok());
        assert!(ColourNames::new([(Colour::Blue, "x".repeat(20).as_str())]).is_ok());
        let unknown = ColourNames(BTreeMap::from([("red".into(), "x".into())]));
        assert!(
            unknown
                .check()
                .unwrap_err()
                .contains("no colour is called \"red\"")
        );
    }
}
