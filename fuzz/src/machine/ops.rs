//! The ops of a session, and how bytes decode into them (see the parent module).

use marginalia::keymap::BINDINGS;
use ratatui::crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEventKind};

/// Bytes that make one op.
pub const OP_BYTES: usize = 6;

/// The first essay file: three essays.
pub(super) const ESSAYS_A: &str = "\
Salt Roads

By Wren Halloway

Salt was once carried inland on roads that still bear its name. A cart of salt was \
worth a field of barley; a sack of it, a winter of meat.

The roads ran from the marsh pans to the market towns. Inns grew where the carts \
stopped, and toll houses where the inns grew. Some of the tolls outlived the trade.


The Patience of Ferns

By Ivo Marsh

Ferns do not flower. They wait, uncoil, and wait again. A frond unrolls over weeks, \
each curl a small clock that nobody reads. Spores were once carried inland on roads \
that still bear their name.

Botanists in the café by the glasshouse argued about it for years: is the waiting \
a strategy, or only what waiting looks like from outside? 文字 on the labels \
did not settle it.


Counting Bells

Tuesday, March 3, 2020

A ringer counts without numbers. The rope rises, the bell turns, and the change \
moves one place down the row. Nobody hums the tune; there is no tune.

Some peals last three hours. The ringers say they remember nothing of them, \
only the weight of the rope 👩‍👩‍👧 and the dust in the tower.
";

/// The second essay file: two essays.
pub(super) const ESSAYS_B: &str = "\
Maps Without Roads

By Lena Ortiz

A map of a forest shows paths that nobody walks. The surveyor drew them because the \
legend had a symbol for paths, and a symbol must be used.

Later walkers followed the map, and the paths appeared. Which came first is a \
question for the surveyor's grandchildren.


On Leaving Early

By Sam Achterberg

Leaving a party early is an art. Say goodbye to one person only; the rest will \
assume you are in the kitchen.

The trick fails at small parties. At a party of four, everyone notices the door.
";

/// Characters typed into notes, searches and filters (and at keys, whatever they mean).
const TYPED: &[char] = &[
    'a', 'e', 'o', 's', 't', 'r', 'n', 'l', ' ', ' ', '#', 'x', 'é', '文', '👩', '\t', '1', 'j',
    'k', 'H', 'v', 'w', '3', ']', 'z', 'm',
];

/// Text pasted.
const PASTES: &[&str] = &[
    "a pasted note",
    "two\nlines",
    "wide 文字 text and 👩‍👩‍👧 family ",
    "\u{1b}[2J escape\u{7}",
];

/// Something another program does to an annotations file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outside {
    /// Adds an annotation on a passage of an essay (picked by the numbers).
    Add(usize, usize, usize, usize),
    /// Changes the note of an annotation.
    Note(usize),
    /// Changes the colour of an annotation.
    Colour(usize),
    /// Removes an annotation and the links that name it.
    Remove(usize),
    /// Links two annotations.
    Link(usize, usize, usize),
}

/// Key sequences that reach deeper than single random keys: highlighting, notes, links,
/// the pairs list, re-attaching.
pub(super) const SCRIPTS: &[&[(KeyCode, KeyModifiers)]] = &[
    &[key('s'), ENTER],
    &[key('v'), key('w'), key('w'), key('e'), ENTER],
    &[
        key('s'),
        key('a'),
        key('n'),
        key('o'),
        key('t'),
        key('e'),
        ESC,
    ],
    &[
        key('a'),
        key('x'),
        key('#'),
        key('t'),
        (KeyCode::Char('s'), CTRL),
    ],
    &[key('l'), key('}'), key('l'), key('1')],
    &[key('s'), key('l'), key('s'), key('s'), key('l'), ENTER],
    &[key('l'), key('j'), key('j'), key('l'), key('j'), key('3')],
    &[TAB, key('x')],
    &[TAB, key('j'), key('c'), key('a'), key('z'), ESC],
    &[TAB, key('r'), TAB, key('s'), ENTER],
    &[TAB, key('/'), key('a'), ENTER, key('x')],
    &[key('P'), key('j'), ENTER],
    &[key('P'), key('l'), key('2')],
    &[key('p'), key('p'), key('s'), ENTER],
    &[
        key('/'),
        key('t'),
        key('h'),
        ENTER,
        key('n'),
        key('s'),
        ENTER,
    ],
    &[key('u'), key('u')],
    &[(KeyCode::Char('r'), CTRL)],
    &[key(']'), key(']'), key('s'), ENTER, key('['), key('[')],
];

const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ESC: (KeyCode, KeyModifiers) = (KeyCode::Esc, KeyModifiers::NONE);
const ENTER: (KeyCode, KeyModifiers) = (KeyCode::Enter, KeyModifiers::NONE);
const TAB: (KeyCode, KeyModifiers) = (KeyCode::Tab, KeyModifiers::NONE);

const fn key(c: char) -> (KeyCode, KeyModifiers) {
    (KeyCode::Char(c), KeyModifiers::NONE)
}

/// One step of a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Op {
    /// The key of a row of the key table that applies where the keys go now (picked by
    /// the number among those rows; quitting is left to [`Op::Reopen`]).
    Binding(usize),
    /// A short key sequence of [`SCRIPTS`], checked after each key.
    Script(usize),
    /// A key, as the terminal sends it; what it does depends on what is open.
    Key(KeyCode, KeyModifiers),
    /// Text pasted (this many times over).
    Paste(&'static str, usize),
    /// A mouse event at a fraction (of 256ths) of the screen's width and height.
    Mouse(MouseEventKind, u8, u8),
    /// The terminal takes this size.
    Resize(u16, u16),
    /// Another program edits the annotations file of source `.0`.
    Outside(usize, Outside),
    /// The app is closed and opened again.
    Reopen,
}

/// The op `bytes` stand for (missing bytes count as zero).
pub fn decode(bytes: &[u8]) -> Op {
    let b = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let n = |i: usize| usize::from(b(i));
    match b(0) {
        0..=89 => Op::Binding(n(1) * 256 + n(2)),
        90..=104 => {
            let row = &BINDINGS[(n(1) * 256 + n(2)) % BINDINGS.len()];
            let keys = marginalia::keymap::keys::parse(row.keys).unwrap_or_default();
            let first = keys[n(3) % keys.len().max(1)..].first().copied();
            first.map_or(Op::Reopen, |k| Op::Key(k.code, k.mods))
        }
        105..=129 => Op::Script(n(1) % SCRIPTS.len()),
        130..=164 => Op::Key(KeyCode::Char(TYPED[n(1) % TYPED.len()]), KeyModifiers::NONE),
        165..=169 => Op::Paste(PASTES[n(1) % PASTES.len()], 1 + n(2) % 4 * n(3) % 200),
        170..=199 => {
            let kind = match b(1) % 6 {
                0 | 1 => MouseEventKind::Down(MouseButton::Left),
                2 => MouseEventKind::Drag(MouseButton::Left),
                3 => MouseEventKind::Up(MouseButton::Left),
                4 => MouseEventKind::ScrollDown,
                _ => MouseEventKind::ScrollUp,
            };
            Op::Mouse(kind, b(2), b(3))
        }
        200..=219 => {
            let (w, h) = if b(1) < 96 {
                (1 + n(2) % 40, 1 + n(3) % 16)
            } else {
                (1 + (n(2) * 256 + n(3)) % 300, 1 + n(4) % 80)
            };
            Op::Resize(w as u16, h as u16)
        }
        220..=252 => {
            let edit = match b(1) % 6 {
                0 | 1 => Outside::Add(n(2), n(3), n(4), n(5)),
                2 => Outside::Note(n(2)),
                3 => Outside::Colour(n(2)),
                4 => Outside::Remove(n(2)),
                _ => Outside::Link(n(2), n(3), n(4)),
            };
            Op::Outside(n(5) % 2, edit)
        }
        _ => Op::Reopen,
    }
}

/// Decodes `data` into ops, [`OP_BYTES`] bytes each.
pub fn decode_all(data: &[u8]) -> Vec<Op> {
    data.chunks(OP_BYTES).map(decode).collect()
}
