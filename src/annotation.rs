//! Annotations: a highlight (with an optional note) anchored to a passage of an essay.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::range::TextRange;

/// A highlight colour. Stored by name in the annotations file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    #[default]
    Yellow,
    Green,
    Blue,
    Pink,
    Purple,
    Orange,
}

impl Colour {
    /// Every colour, in the order `c` cycles through them.
    pub const ALL: [Colour; 6] = [
        Colour::Yellow,
        Colour::Green,
        Colour::Blue,
        Colour::Pink,
        Colour::Purple,
        Colour::Orange,
    ];

    /// The colour after this one, wrapping round.
    pub fn next(self) -> Colour {
        let i = Colour::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Colour::ALL[(i + 1) % Colour::ALL.len()]
    }

    /// The name used in the file and on screen.
    pub fn name(self) -> &'static str {
        match self {
            Colour::Yellow => "yellow",
            Colour::Green => "green",
            Colour::Blue => "blue",
            Colour::Pink => "pink",
            Colour::Purple => "purple",
            Colour::Orange => "orange",
        }
    }
}

/// Where an annotation sits in an essay's text, robust to edits of that text.
///
/// `start..end` are Unicode code-point offsets into the essay text whose fingerprint is
/// `fingerprint`. `prefix` and `suffix` are the text just before and after the quote, long
/// enough to make `prefix + quote + suffix` occur once in that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// The exact quoted text.
    pub quote: String,
    /// Context before the quote.
    pub prefix: String,
    /// Context after the quote.
    pub suffix: String,
    /// Code-point offset of the quote's first character.
    pub start: usize,
    /// Code-point offset one past the quote's last character.
    pub end: usize,
    /// Fingerprint of the essay text the offsets refer to.
    pub fingerprint: String,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Anchor {
    /// The anchored range as a [`TextRange`], if it is not empty.
    pub fn range(&self) -> Option<TextRange> {
        TextRange::new(self.start, self.end)
    }
}

/// One highlight with its optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Stable unique id.
    pub id: String,
    /// Id of the essay it belongs to.
    pub essay: String,
    /// Where it sits.
    pub anchor: Anchor,
    /// Highlight colour.
    pub colour: Colour,
    /// The reader's note, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Tags, in the order they were given.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When it was made (UTC).
    pub created: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub modified: DateTime<Utc>,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Annotation {
    /// The note, if it has one that is not blank.
    pub fn note_text(&self) -> Option<&str> {
        self.note.as_deref().filter(|n| !n.trim().is_empty())
    }
}

/// How two linked passages relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Relation {
    /// The second passage supports the first.
    Supports,
    /// The second passage contradicts the first.
    Contradicts,
    /// The second passage elaborates on the first.
    Elaborates,
    /// Both make the same point.
    SamePoint,
    /// Worth reading together.
    SeeAlso,
}

impl Relation {
    /// Every relation, in the order the picker lists them.
    pub const ALL: [Relation; 5] = [
        Relation::Supports,
        Relation::Contradicts,
        Relation::Elaborates,
        Relation::SamePoint,
        Relation::SeeAlso,
    ];

    /// The name shown on screen and written in exports.
    pub fn name(self) -> &'static str {
        match self {
            Relation::Supports => "supports",
            Relation::Contradicts => "contradicts",
            Relation::Elaborates => "elaborates",
            Relation::SamePoint => "same point",
            Relation::SeeAlso => "see also",
        }
    }
}

/// A link between two highlights, usually in the two essays being compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    /// Stable unique id.
    pub id: String,
    /// Id of the highlight the link starts from.
    pub from: String,
    /// Id of the partner highlight.
    pub to: String,
    /// How they relate.
    pub relation: Relation,
    /// The reader's note on the link, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was made (UTC).
    pub created: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub modified: DateTime<Utc>,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Link {
    /// The other end, seen from highlight `id`.
    pub fn partner_of(&self, id: &str) -> Option<&str> {
        if self.from == id {
            Some(&self.to)
        } else if self.to == id {
            Some(&self.from)
        } else {
            None
        }
    }
}
