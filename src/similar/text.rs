//! From a sentence to the terms that stand for its content: words, names, bigrams.
//!
//! A sentence's words (Unicode words, UAX #29) are lowercased; stop words are dropped, the rest
//! are stemmed by a tiny suffix stripper. Names, acronyms and numbers ("Kharkov", "NATO", "2024")
//! become *entity* terms, kept unstemmed. Each pair of neighbouring kept words also gives a
//! bigram term ("real alliance", "xi jinping"). Terms are 64-bit hashes tagged with their kind,
//! so two indexes built apart agree on them without sharing a vocabulary.

use std::collections::HashSet;

use unicode_segmentation::UnicodeSegmentation;

use super::stem::stem;

/// What a term stands for; stored in the three low bits of the term's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A stemmed content word.
    Word = 0,
    /// A name, acronym or number.
    Entity = 1,
    /// Two neighbouring kept words, at least one of them not an entity.
    Bigram = 2,
    /// Two neighbouring entities: a multi-word name ("Red Army", "Upper Calder").
    EntityBigram = 3,
    /// The first [`PREFIX`] letters of a content word: "bloc" meets "blocks".
    Prefix = 4,
}

/// A term id: an FNV-1a hash of the term's text with its [`Kind`] in the three low bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Term(u64);

impl Term {
    fn new(kind: Kind, text: &str) -> Term {
        Term((fnv(text.as_bytes()) & !7) | kind as u64)
    }

    fn kind(self) -> u64 {
        self.0 & 7
    }

    /// Whether the term is a single name (discounted unless words back it). A multi-word
    /// name shared by both essays is rare evidence of one subject and counts as a word.
    pub(super) fn is_entity(self) -> bool {
        self.kind() == Kind::Entity as u64
    }

    /// How many shared single terms the term stands for: one for a word or a name, two for a
    /// multi-word name, none for a bigram of words or a prefix (they only echo their words).
    pub(super) fn evidence(self) -> u32 {
        match self.kind() {
            0 | 1 => 1,
            3 => 2,
            _ => 0,
        }
    }

    /// How much a term of this kind counts, relative to a plain word.
    pub(super) fn boost(self) -> f32 {
        match self.kind() {
            0 => 1.0,
            1 => ENTITY_BOOST,
            2 => BIGRAM_BOOST,
            3 => ENTITY_BIGRAM_BOOST,
            _ => PREFIX_BOOST,
        }
    }
}

/// Weight of a name relative to a word: a shared name is good evidence of a shared subject.
const ENTITY_BOOST: f32 = 1.25;
/// Weight of a bigram relative to a word: bigrams are rare, so their IDF is high already.
const BIGRAM_BOOST: f32 = 0.6;
/// Weight of a multi-word name: as strong as its two names.
const ENTITY_BIGRAM_BOOST: f32 = 1.25;
/// Weight of a prefix: a weak echo of its word, for the forms the stemmer misses.
const PREFIX_BOOST: f32 = 0.3;
/// Letters of a word kept in its prefix term.
const PREFIX: usize = 4;

/// 64-bit FNV-1a: stable across runs and platforms, unlike `std`'s hasher.
pub(super) fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Common English words that carry no subject, plus a few reporting verbs.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "almost",
    "also",
    "although",
    "always",
    "am",
    "among",
    "an",
    "and",
    "another",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "either",
    "even",
    "ever",
    "every",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "least",
    "less",
    "let",
    "like",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "never",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "often",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "others",
    "ought",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "per",
    "quite",
    "rather",
    "really",
    "said",
    "same",
    "say",
    "says",
    "shall",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "too",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "you",
    "your",
    "yours",
    "yourself",
];

/// Whether a lowercased word is a stop word.
fn is_stop(word: &str) -> bool {
    STOP_WORDS.binary_search(&word).is_ok()
}

/// The word without a trailing possessive ("Russia’s" → "Russia", "allies'" → "allies").
fn strip_possessive(word: &str) -> &str {
    for suffix in ["'s", "’s", "'S", "’S", "'", "’"] {
        if let Some(stem) = word.strip_suffix(suffix)
            && !stem.is_empty()
        {
            return stem;
        }
    }
    word
}

/// Whether a word is written as a name: a capital first letter, or digits.
fn looks_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Whether a word is an acronym ("NATO", "US") or holds a digit ("2024", "4,209.3").
fn is_acronym_or_number(word: &str) -> bool {
    word.chars().any(|c| c.is_numeric())
        || (word.chars().count() >= 2
            && word.chars().all(|c| c.is_uppercase() || !c.is_alphabetic()))
}

/// Words of one essay seen capitalised in the middle of a sentence, lowercased.
///
/// A capitalised first word of a sentence is a name only if it appears in this set
/// ("Lavrov said" is a name, "Extensive discussions" is not).
pub(super) fn names_in(sentence: &str, names: &mut HashSet<String>) {
    for (i, word) in sentence.unicode_words().enumerate() {
        let word = strip_possessive(word);
        if i > 0 && looks_capitalised(word) && !is_stop(&word.to_lowercase()) {
            names.insert(word.to_lowercase());
        }
    }
}

/// The terms of one sentence, in reading order (repeats kept), and the lowercased sequence of
/// all its words (stop words included) used to spot exact duplicates.
pub(super) fn terms(sentence: &str, names: &HashSet<String>) -> (Vec<Term>, String) {
    let mut out = Vec::new();
    let mut key = String::new();
    // The previous kept token: its text and whether it is an entity.
    let mut prev: Option<(String, bool)> = None;
    for (i, raw) in sentence.unicode_words().enumerate() {
        let lower = raw.to_lowercase();
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&lower);
        let word = strip_possessive(raw);
        let lower = word.to_lowercase();
        let entity = is_acronym_or_number(word)
            || (looks_capitalised(word) && !is_stop(&lower) && (i > 0 || names.contains(&lower)));
        let token = if entity {
            lower.clone()
        } else if is_stop(&lower) || lower.chars().count() < 2 {
            continue;
        } else {
            stem(&lower)
        };
        out.push(Term::new(
            if entity { Kind::Entity } else { Kind::Word },
            &token,
        ));
        if !entity && lower.chars().count() >= PREFIX && lower.chars().all(char::is_alphabetic) {
            let prefix: String = lower.chars().take(PREFIX).collect();
            out.push(Term::new(Kind::Prefix, &prefix));
        }
        if let Some((p, p_entity)) = &prev {
            let kind = if *p_entity && entity {
                Kind::EntityBigram
            } else {
                Kind::Bigram
            };
            out.push(Term::new(kind, &format!("{p} {token}")));
        }
        prev = Some((token, entity));
    }
    (out, key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|p| p[0] < p[1]));
    }

    #[test]
    fn names_numbers_and_acronyms_are_entities() {
        let mut names = HashSet::new();
        names_in("Yesterday Lavrov met NATO.", &mut names);
        let (t, key) = terms("Lavrov’s talks with the US in 2024.", &names);
        let entities: Vec<bool> = t.iter().map(|t| t.is_entity()).collect();
        // lavrov, talk, prefix "talk", bigram, us, bigram, 2024, entity bigram (a multi-word
        // name counts as a word)
        assert_eq!(
            entities,
            [true, false, false, false, true, false, true, false]
        );
        assert_eq!(key, "lavrov’s talks with the us in 2024");
        // A capitalised first word that is not a known name is a plain word.
        let (t, _) = terms("Extensive talks.", &names);
        assert!(t.iter().all(|t| !t.is_entity()));
    }
}
