//! Annotations: a highlight (with an optional note) anchored to a passage of an essay.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::range::TextRange;

/// Defines a string id newtype: cheap to clone (shared text), stored in the file as the
/// bare string (`serde(transparent)`), compared and hashed as its text.
macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(#[serde(with = "shared_str")] std::sync::Arc<str>);

        impl $name {
            /// The id as text, as it is stored in the file.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name(id.into())
            }
        }

        impl From<String> for $name {
            fn from(id: String) -> $name {
                $name(id.into())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                &*self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                *self.0 == **other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                &*self.0 == *other
            }
        }
    };
}

/// Serde for `Arc<str>` as a plain string (serde's own needs its `rc` feature).
mod shared_str {
    use serde::{Deserialize, Deserializer, Serializer};
    use std::sync::Arc;

    pub fn serialize<S: Serializer>(id: &Arc<str>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(id)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Arc<str>, D::Error> {
        String::deserialize(d).map(Arc::from)
    }
}

string_id! {
    /// The id of an annotation, as stored in the file (e.g. `a-3f9c0b1e7d2a4c58`).
    ///
    /// Names an annotation wherever it is, unlike its index in a list, which shifts when
    /// another is added or removed.
    AnnotationId
}

string_id! {
    /// The id of a link, as stored in the file.
    LinkId
}

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
    pub id: AnnotationId,
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
    pub id: LinkId,
    /// Id of the highlight the link starts from.
    pub from: AnnotationId,
    /// Id of the partner highlight.
    pub to: AnnotationId,
    /// How they relate.
    pub relation: Relation,
    /// The reader's note on the link, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a link to a passage of another source file: that end (`from` or `to` names
    /// its highlight, kept in that file's annotations). None for a link within the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other: Option<OtherEnd>,
    /// When it was made (UTC).
    pub created: DateTime<Utc>,
    /// When it was last changed (UTC).
    pub modified: DateTime<Utc>,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The end of a link that lies in another source file, as the file holding this copy of
/// the link knows it: enough to name it, show it and find it again when that file is
/// absent, renamed or edited. The other file keeps the same link (same id) with an
/// `other` naming this file's end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherEnd {
    /// The other source file's name, as shown (`b.txt`).
    pub source: String,
    /// Its path when the link was last saved (absolute when it could be made so).
    pub path: String,
    /// Its essay: id, title and the fingerprint of its text.
    pub essay: OtherEssay,
    /// The id of the highlight there (equal to this link's `from` or `to`).
    pub highlight: AnnotationId,
    /// Where that highlight sits in its essay, as that file anchors it.
    pub anchor: Anchor,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The essay of a link's end in another file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OtherEssay {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Fingerprint of its text when the link was last saved.
    pub fingerprint: String,
    /// Fields written by a newer version, kept as they were.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Link {
    /// The ids of the ends kept in this file: both, or the one not in another file.
    pub fn local_ends(&self) -> impl Iterator<Item = &AnnotationId> {
        [&self.from, &self.to]
            .into_iter()
            .filter(move |id| self.other.as_ref().is_none_or(|o| o.highlight != ***id))
    }

    /// Whether `id` is the end of this link that lies in another file.
    pub fn is_away(&self, id: &str) -> bool {
        self.other.as_ref().is_some_and(|o| o.highlight == id)
    }

    /// The other end, seen from highlight `id`.
    pub fn partner_of(&self, id: &str) -> Option<&AnnotationId> {
        if *self.from == *id {
            Some(&self.to)
        } else if *self.to == *id {
            Some(&self.from)
        } else {
            None
        }
    }
}
