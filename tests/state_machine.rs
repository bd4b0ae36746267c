//! A state-machine property test: long random sessions of keys, mouse gestures, resizes
//! from 1x1 to 300x80, edits of the annotations file by another program, and reopening,
//! played on the real app with its real store. After every step: drawing does not panic,
//! every annotation sits on its quote, every link's ends exist, and the file on disk parses
//! and holds everything the app says is saved (see `fuzz/src/machine.rs`, shared with the
//! fuzz target `session`).
//!
//! `PROPTEST_CASES` raises the number of sessions (default 32), `STATE_MACHINE_STEPS` their
//! length (default: up to 60 ops).

#[path = "../fuzz/src/machine.rs"]
#[allow(dead_code)]
mod machine;

use std::collections::BTreeSet;

use machine::{Machine, OP_BYTES, Op, decode};
use proptest::prelude::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn ops(max: usize) -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(any::<[u8; OP_BYTES]>().prop_map(|b| decode(&b)), 1..max)
}

/// Ops per session: 60, or `STATE_MACHINE_STEPS`.
fn steps() -> usize {
    std::env::var("STATE_MACHINE_STEPS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(60)
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(32);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Nothing lost, nothing overwritten, whatever the reader and another program do.
    #[test]
    fn random_sessions_keep_every_promise(ops in ops(steps())) {
        Machine::new().run(&ops);
    }
}

/// The generator reaches deep into the app: a fixed set of sessions makes highlights,
/// notes and links, deletes, takes in another program's changes and reopens. (A generator
/// that stops reaching these would make the property above pass without testing much.)
#[test]
fn sessions_reach_notes_links_merges_and_reopens() {
    let mut total = machine::Stats::default();
    let mut played = BTreeSet::new();
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    for _ in 0..12 {
        let bytes: Vec<u8> = (0..60 * OP_BYTES)
            .map(|_| {
                // xorshift: the same sessions every run.
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                (seed >> 24) as u8
            })
            .collect();
        let mut m = Machine::new();
        m.run(&machine::decode_all(&bytes));
        total.add(m.stats);
        played.extend(m.actions.iter().cloned());
    }
    eprintln!("{total:?}");
    assert!(total.most_annotations >= 3, "{total:?}");
    assert!(total.most_links >= 1, "{total:?}");
    assert!(total.notes >= 1, "{total:?}");
    assert!(total.removals >= 1, "{total:?}");
    assert!(total.merged >= 3, "{total:?}");
    assert!(total.reopens >= 3, "{total:?}");
    eprintln!(
        "bound actions these sessions never played: {:?}",
        unplayed(&played)
    );
}

/// The actions the key table binds that `played` lacks (quitting is left to reopening).
fn unplayed(played: &BTreeSet<String>) -> Vec<String> {
    let bound: BTreeSet<String> = marginalia::keymap::BINDINGS
        .iter()
        .map(|b| machine::variant(&b.action))
        .filter(|name| name != "Quit")
        .collect();
    bound.difference(played).cloned().collect()
}

/// The ops the generator is made of reach every action a key gives, the keys of the help,
/// the relation picker and the pairs list included: a few short sessions of keys.
#[test]
fn the_ops_play_every_action_a_key_gives() {
    let key = |c: char| Op::Key(KeyCode::Char(c), KeyModifiers::NONE);
    let ctrl = |c: char| Op::Key(KeyCode::Char(c), KeyModifiers::CONTROL);
    let special = |code: KeyCode| Op::Key(code, KeyModifiers::NONE);
    let sessions: Vec<Vec<Op>> = vec![
        // Marking and reading.
        vec![
            key('s'),
            special(KeyCode::Enter),
            key('c'),
            key('j'),
            key('k'),
            key('3'),
            key('f'),
            key('='),
            key('S'),
            key('S'),
            key('T'),
            key('E'),
            ctrl('z'),
            key('-'),
            key('+'),
            special(KeyCode::BackTab),
            key('x'),
            ctrl('r'),
        ],
        // The notes list and its filter, review.
        vec![
            key('s'),
            special(KeyCode::Enter),
            key('}'),
            key('s'),
            special(KeyCode::Enter),
            special(KeyCode::Tab),
            special(KeyCode::Tab),
            key('j'),
            key('k'),
            key('/'),
            key('a'),
            special(KeyCode::Backspace),
            special(KeyCode::Enter),
            key('R'),
            key('A'),
            key('f'),
            special(KeyCode::Enter),
        ],
        // Search.
        vec![
            key('/'),
            key('t'),
            special(KeyCode::Enter),
            key('n'),
            key('N'),
        ],
        // The help.
        vec![key('?'), key('j'), key('k'), special(KeyCode::Esc)],
        // Paging and searching the help.
        vec![
            key('?'),
            key(' '),
            key('/'),
            key('e'),
            special(KeyCode::Enter),
            key('n'),
            special(KeyCode::Esc),
            special(KeyCode::Esc),
        ],
        // A link: the relation picker.
        vec![
            key('l'),
            key('l'),
            key('j'),
            key('k'),
            special(KeyCode::Enter),
        ],
        // The pairs list.
        vec![key('P'), key('j'), key('k'), special(KeyCode::Enter)],
        vec![key('P'), key('l'), key('1')],
        // Notes in the editor, undo, essays, a selection, re-attaching.
        vec![
            key('a'),
            key('n'),
            ctrl('s'),
            key('u'),
            key('v'),
            key('w'),
            special(KeyCode::Enter),
            key(']'),
            key(']'),
            key('['),
            key('['),
            special(KeyCode::Tab),
            special(KeyCode::Tab),
            key('r'),
        ],
        // Parallel passages.
        vec![key('p'), key('p'), special(KeyCode::Esc)],
        // What the text refers to: a footnote, a web link (none in plain text).
        vec![key('F')],
        // The view, marks and jumps.
        vec![
            key('s'),
            special(KeyCode::Enter),
            key('0'),
            key('^'),
            key('$'),
            key('H'),
            key('M'),
            key('L'),
            key('z'),
            key('z'),
            key('z'),
            key('t'),
            key('z'),
            key('b'),
            ctrl('e'),
            ctrl('y'),
            key('['),
            key('h'),
            key(']'),
            key('h'),
            key('m'),
            key('a'),
            key('G'),
            key('\''),
            key('a'),
            ctrl('o'),
            ctrl('n'),
        ],
        // Copying with the source, in an essay and in the notes; paragraph numbers.
        vec![
            key('#'),
            key('s'),
            special(KeyCode::Enter),
            key('y'),
            special(KeyCode::Tab),
            special(KeyCode::Tab),
            key('y'),
            key('#'),
        ],
        // Overlapping highlights: which one goes; a note asked about first.
        vec![
            key('s'),
            special(KeyCode::Enter),
            key('('),
            key('v'),
            key('w'),
            special(KeyCode::Enter),
            key('x'),
            key('j'),
            key('k'),
            special(KeyCode::Enter),
            key('a'),
            key('n'),
            ctrl('s'),
            key('x'),
            key('n'),
            key('x'),
            key('y'),
        ],
        // Tags: a tagged note, the list of tags, completing one in the filter; first and
        // last item.
        vec![
            key('s'),
            key('a'),
            key('#'),
            key('t'),
            ctrl('s'),
            special(KeyCode::Tab),
            special(KeyCode::Tab),
            key('G'),
            key('g'),
            key('t'),
            key('j'),
            special(KeyCode::Enter),
            key('/'),
            key('#'),
            special(KeyCode::Tab),
            special(KeyCode::Enter),
        ],
    ];
    let mut played = BTreeSet::new();
    for ops in &sessions {
        let mut m = Machine::new();
        m.run(ops);
        played.extend(m.actions.iter().cloned());
    }
    // The quit prompt needs a failed save and an offer a kept file: the machine has neither
    // (tests/quit.rs and the unit tables in src/state/tests play those answers).
    assert_eq!(
        unplayed(&played),
        ["OfferAnswer", "QuitAnswer"],
        "played: {played:?}"
    );
}
