//! Fresh annotation ids and timestamps that print stably.

use chrono::{DateTime, SubsecRound, Utc};

/// A new unique annotation id: `a-` and 16 random hex digits, e.g. `a-3f9c0b1e7d2a4c58`.
pub fn new_id() -> String {
    // A v4 uuid's halves each have a few fixed bits; xor-ing them gives 64 random bits.
    let (high, low) = uuid::Uuid::new_v4().as_u64_pair();
    format!("a-{:016x}", high ^ low)
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
        let ids: std::collections::HashSet<String> = (0..1000).map(|_| new_id()).collect();
        assert_eq!(ids.len(), 1000);
        for id in &ids {
            assert_eq!(id.len(), 18);
            assert!(id.starts_with("a-"));
            assert!(id[2..].bytes().all(|b| b.is_ascii_hexdigit()));
        }
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
