//! Fresh ids and timestamps: the [`Stamp`] an action is applied with.
//!
//! `apply` makes no ids and reads no clock of its own: the shell hands it a [`Stamp`]
//! (the time, and a seed from which the action's new ids are made), so the same state,
//! action and stamp always give the same result.

use chrono::{DateTime, SubsecRound, Utc};

use crate::annotation::{AnnotationId, LinkId};

/// A source file the app holds, by its position in the app's sources (which never shift:
/// sources are only added when the app starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct SourceId(pub usize);

/// An essay the app holds, by its position in the app's essays of every source (which
/// never shift: essays are only added when the app starts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct DocId(pub usize);

impl SourceId {
    /// Every source id of `count` sources, in order.
    pub fn all(count: usize) -> impl Iterator<Item = SourceId> {
        (0..count).map(SourceId)
    }
}

impl DocId {
    /// Every essay id of `count` essays, in order.
    pub fn all(count: usize) -> impl Iterator<Item = DocId> {
        (0..count).map(DocId)
    }
}

/// The time and the source of new ids that one action is applied with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Stamps new and changed annotations.
    pub now: DateTime<Utc>,
    /// Where the action's new ids come from.
    pub ids: IdSource,
}

impl Stamp {
    /// A stamp at `now` whose ids come from `seed`: the same seed gives the same ids.
    pub fn new(now: DateTime<Utc>, seed: u64) -> Stamp {
        Stamp {
            now,
            ids: IdSource::seeded(seed),
        }
    }

    /// A stamp at `now` with a random seed.
    pub fn at(now: DateTime<Utc>) -> Stamp {
        Stamp::new(now, random_seed())
    }

    /// The current time and a random seed: what the shell applies each action with.
    pub fn fresh() -> Stamp {
        Stamp::at(now())
    }
}

/// New ids, made one after another from a seed; each `a-` and 16 hex digits, e.g.
/// `a-3f9c0b1e7d2a4c58`.
///
/// The ids from one seed are all different (the 64-bit mix is one-to-one); a random seed
/// per action makes them as unlikely to meet another's as random ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IdSource {
    seed: u64,
    made: u64,
}

impl IdSource {
    /// The ids made from `seed`.
    pub fn seeded(seed: u64) -> IdSource {
        IdSource { seed, made: 0 }
    }

    /// The next id, as text.
    fn next_text(&mut self) -> String {
        // splitmix64: a step of the golden ratio, then a one-to-one mix.
        self.made += 1;
        let mut z = self
            .seed
            .wrapping_add(self.made.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        format!("a-{:016x}", z ^ (z >> 31))
    }

    /// A new annotation id.
    pub fn annotation(&mut self) -> AnnotationId {
        self.next_text().into()
    }

    /// A new link id (made like an annotation id: the two share one file's id space).
    pub fn link(&mut self) -> LinkId {
        self.next_text().into()
    }
}

/// 64 random bits, to seed the ids of one action.
pub fn random_seed() -> u64 {
    // A v4 uuid's halves each have a few fixed bits; xor-ing them gives 64 random bits.
    let (high, low) = uuid::Uuid::new_v4().as_u64_pair();
    high ^ low
}

/// The current time in UTC, truncated to whole seconds (so it prints as `2026-11-27T19:40:00Z`).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_well_formed_and_distinct() {
        let mut ids = IdSource::seeded(random_seed());
        let mut made: std::collections::HashSet<String> =
            (0..1000).map(|_| ids.annotation().to_string()).collect();
        made.extend((0..1000).map(|_| Stamp::fresh().ids.link().to_string()));
        assert_eq!(made.len(), 2000);
        for id in &made {
            assert_eq!(id.len(), 18);
            assert!(id.starts_with("a-"));
            assert!(id[2..].bytes().all(|b| b.is_ascii_hexdigit()));
        }
    }

    #[test]
    fn one_seed_makes_the_same_ids_and_another_seed_others() {
        let take = |seed| {
            let mut ids = IdSource::seeded(seed);
            (ids.annotation(), ids.link(), ids.annotation())
        };
        let (a, b, c) = take(7);
        assert_eq!(take(7), (a.clone(), b.clone(), c.clone()));
        assert!(*a != *b && *b != *c && *a != *c);
        let (d, _, _) = take(8);
        assert_ne!(a, d);
    }

    #[test]
    fn now_is_whole_seconds_and_rfc3339_in_json() {
        let t = now();
        assert_eq!(t.timestamp_subsec_nanos(), 0);
        let json = serde_json::to_string(&t).unwrap();
        let expected = format!("\"{}\"", t.format("%Y-%m-%dT%H:%M:%SZ"));
        assert_eq!(json, expected);
    }
}
