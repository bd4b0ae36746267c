//! Reading keys as the reader types them: counts (`3j`), sequences (`]h`, `zz`), a letter
//! after a key (`ma`), against the bindings in force (the defaults, or the reader's own).

use std::sync::LazyLock;

use ratatui::crossterm::event::{KeyCode, KeyEvent};

use super::keys::{self, Key};
use super::{BINDINGS, Context, Unbound};
use crate::action::{Action, EditorInput};

/// The largest count a key takes (`99999j`): more is read as this.
pub const MAX_COUNT: u32 = 99_999;

/// One binding in force: in `context`, `keys` do `action`.
#[derive(Debug, Clone)]
pub struct Row {
    /// Where it applies.
    pub context: Context,
    /// The keys, in order.
    pub keys: Vec<Key>,
    /// What they do (for a row that takes a letter: the action for `a`).
    pub action: Action,
    /// For a row that takes a letter after its keys (`m` then `a`–`z`): the action for it.
    pub letter: Option<fn(char) -> Action>,
    /// A few words for the help.
    pub hint: String,
}

impl Row {
    /// How the row's keys are shown, with `{a-z}` for the letter it takes.
    pub fn label(&self) -> String {
        let keys = keys::label(&self.keys);
        match self.letter {
            Some(_) => format!("{keys}{{a-z}}"),
            None => keys,
        }
    }
}

/// The bindings in force.
#[derive(Debug, Clone)]
pub struct Keymap {
    rows: Vec<Row>,
}

static DEFAULTS: LazyLock<Keymap> = LazyLock::new(|| Keymap {
    rows: BINDINGS
        .iter()
        .map(|b| Row {
            context: b.context,
            // The table is ours and a test reads every spec in it.
            keys: keys::parse(b.keys).unwrap_or_default(),
            action: b.action.clone(),
            letter: b.letter,
            hint: b.hint.to_string(),
        })
        .collect(),
});

impl Default for Keymap {
    fn default() -> Keymap {
        DEFAULTS.clone()
    }
}

impl Keymap {
    /// Bindings made of these rows.
    pub fn from_rows(rows: Vec<Row>) -> Keymap {
        Keymap { rows }
    }

    /// Every row, in the order of the help.
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// The first keys bound to `action`, for hints ("? help").
    pub fn key_for(&self, action: &Action) -> Option<String> {
        self.rows
            .iter()
            .find(|r| r.letter.is_none() && r.action == *action)
            .map(Row::label)
    }

    /// What `keys` mean among the rows of `context`.
    fn find(&self, context: Context, typed: &[Key]) -> Found {
        let mut found = Found::Nothing;
        for row in self.rows.iter().filter(|r| r.context == context) {
            let n = row.keys.len();
            if typed.len() < n || (typed.len() == n && row.letter.is_some()) {
                if row.keys.starts_with(typed) {
                    found = Found::Prefix;
                }
            } else if typed.len() == n && row.keys == typed {
                return Found::Action(Box::new(row.action.clone()));
            } else if typed.len() == n + 1
                && typed.starts_with(&row.keys)
                && let Some(make) = row.letter
                && let Some(c) = typed[n].plain_char().filter(char::is_ascii_lowercase)
            {
                return Found::Action(Box::new(make(c)));
            }
        }
        found
    }

    /// Whether a row of `context` begins with `key`.
    fn begins_with(&self, context: Context, key: Key) -> bool {
        self.rows
            .iter()
            .any(|r| r.context == context && r.keys.first() == Some(&key))
    }
}

/// What keys typed so far mean.
enum Found {
    Action(Box<Action>),
    Prefix,
    Nothing,
}

/// Keys typed that do not yet make an action: a count and the start of a sequence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pending {
    count: Option<u32>,
    keys: Vec<Key>,
}

impl Pending {
    /// Whether nothing is waiting.
    pub fn is_empty(&self) -> bool {
        self.count.is_none() && self.keys.is_empty()
    }

    /// What is waiting, as shown on the status line: `3`, `]`, `2]`.
    pub fn label(&self) -> String {
        let count = self.count.map(|n| n.to_string()).unwrap_or_default();
        format!("{count}{}", keys::label(&self.keys))
    }
}

/// The action a key stands for in `context`, given what was typed before it.
///
/// `None`: the key does nothing here. [`Action::Pending`] carries what is now waiting (an
/// empty one when `Esc` drops it); [`Action::UnknownKey`] names keys bound to nothing.
pub fn read(map: &Keymap, pending: &Pending, context: Context, event: &KeyEvent) -> Option<Action> {
    let key = Key::of(event);
    let waiting = !pending.is_empty();
    if waiting && key == Key::plain(KeyCode::Esc) {
        return Some(Action::Pending(Pending::default()));
    }
    let counts = matches!(context.unbound(), Unbound::Anywhere);
    if counts
        && pending.keys.is_empty()
        && let Some(d) = key.plain_char().and_then(|c| c.to_digit(10))
        && (pending.count.is_some() || (d != 0 && !map.begins_with(context, key)))
    {
        let count = pending
            .count
            .unwrap_or(0)
            .saturating_mul(10)
            .saturating_add(d);
        return Some(Action::Pending(Pending {
            count: Some(count.min(MAX_COUNT)),
            keys: Vec::new(),
        }));
    }
    let mut typed = pending.keys.clone();
    typed.push(key);
    let found = match map.find(context, &typed) {
        Found::Nothing => match context.unbound() {
            Unbound::Typed(input) if !waiting => {
                return typed_char(event).map(|c| input(EditorInput::Char(c)));
            }
            Unbound::Typed(_) | Unbound::Ignored => {
                return waiting.then(|| Action::Pending(Pending::default()));
            }
            Unbound::Anywhere => map.find(Context::Anywhere, &typed),
        },
        found => found,
    };
    match found {
        Found::Action(action) => Some(counted(*action, pending.count)),
        Found::Prefix => Some(Action::Pending(Pending {
            count: pending.count,
            keys: typed,
        })),
        Found::Nothing if names_a_key(key) => Some(Action::UnknownKey(keys::label(&typed))),
        Found::Nothing => waiting.then(|| Action::Pending(Pending::default())),
    }
}

/// The action a paste stands for in `context`: the text goes to the input being typed in,
/// if any.
pub fn paste(context: Context, text: &str) -> Option<Action> {
    match context.unbound() {
        Unbound::Typed(input) => Some(input(EditorInput::Paste(text.to_string()))),
        Unbound::Ignored | Unbound::Anywhere => None,
    }
}

/// `action` done `count` times, if it is one that a count repeats.
fn counted(action: Action, count: Option<u32>) -> Action {
    match count {
        Some(n) if n > 1 && action.takes_count() => Action::Repeat(n, Box::new(action)),
        _ => action,
    }
}

/// Whether a key is one a person presses on purpose (not a lone modifier or media key),
/// so that "not a key here" is worth saying.
fn names_a_key(key: Key) -> bool {
    !matches!(
        key.code,
        KeyCode::Modifier(_)
            | KeyCode::Media(_)
            | KeyCode::Null
            | KeyCode::CapsLock
            | KeyCode::NumLock
            | KeyCode::ScrollLock
            | KeyCode::KeypadBegin
    )
}

/// The character a key types, if it types one.
fn typed_char(event: &KeyEvent) -> Option<char> {
    let key = Key::of(event);
    match key.code {
        KeyCode::Char(c) if !key.mods.intersects(super::CTRL | super::ALT) => Some(c),
        _ => None,
    }
}
