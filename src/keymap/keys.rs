//! Keys as the table and the reader's key file write them: `j`, `Ctrl-d`, `PgDn`, `Space`,
//! and sequences of them (`]h`, `zz`, `Ctrl-w j`).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

/// One key with its modifiers, Shift folded into characters (`G` is `G`, not Shift-g).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (Shift only for keys that are not characters).
    pub mods: KeyModifiers,
}

/// A key spec that names no key.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeySpecError {
    /// Nothing given.
    #[error("no key given")]
    Empty,
    /// A word that is not a key's name.
    #[error("`{0}` is not a key (a character, or a name such as Ctrl-d, Enter, PgDn, Space)")]
    Unknown(String),
}

/// Named keys: what the spec says, the key, and how it is shown.
const NAMED: &[(&str, KeyCode, &str)] = &[
    ("Space", KeyCode::Char(' '), "Space"),
    ("Tab", KeyCode::Tab, "Tab"),
    ("Enter", KeyCode::Enter, "Enter"),
    ("Esc", KeyCode::Esc, "Esc"),
    ("Backspace", KeyCode::Backspace, "Backspace"),
    ("Del", KeyCode::Delete, "Del"),
    ("Delete", KeyCode::Delete, "Del"),
    ("Insert", KeyCode::Insert, "Insert"),
    ("Up", KeyCode::Up, "↑"),
    ("Down", KeyCode::Down, "↓"),
    ("Left", KeyCode::Left, "←"),
    ("Right", KeyCode::Right, "→"),
    ("↑", KeyCode::Up, "↑"),
    ("↓", KeyCode::Down, "↓"),
    ("←", KeyCode::Left, "←"),
    ("→", KeyCode::Right, "→"),
    ("PgUp", KeyCode::PageUp, "PgUp"),
    ("PgDn", KeyCode::PageDown, "PgDn"),
    ("PageUp", KeyCode::PageUp, "PgUp"),
    ("PageDown", KeyCode::PageDown, "PgDn"),
    ("Home", KeyCode::Home, "Home"),
    ("End", KeyCode::End, "End"),
];

impl Key {
    /// A key without modifiers.
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            mods: KeyModifiers::NONE,
        }
    }

    /// The key a terminal event stands for, Shift folded into characters.
    pub fn of(event: &KeyEvent) -> Key {
        let mods = match event.code {
            KeyCode::Char(_) | KeyCode::BackTab => event.modifiers - KeyModifiers::SHIFT,
            _ => event.modifiers,
        };
        Key {
            code: event.code,
            mods: mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT),
        }
    }

    /// Whether this is a character typed with no Ctrl or Alt.
    pub fn plain_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if self.mods.is_empty() => Some(c),
            _ => None,
        }
    }

    /// How the key is shown: `j`, `Ctrl-d`, `PgDn`, `↓`, `Space`.
    pub fn label(self) -> String {
        let name = match self.code {
            KeyCode::BackTab => return "Shift-Tab".into(),
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMED
                .iter()
                .find(|(_, c, _)| *c == code)
                .map(|(_, _, shown)| shown.to_string())
                .unwrap_or_else(|| format!("{code:?}")),
        };
        let mut out = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            out.push_str("Ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            out.push_str("Alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            out.push_str("Shift-");
        }
        out.push_str(&name);
        out
    }

    /// One key from a word of a spec: a character, a name, or either after `Ctrl-`, `Alt-`
    /// or `Shift-` (`Shift-Tab`).
    fn parse_one(word: &str) -> Result<Key, KeySpecError> {
        let unknown = || KeySpecError::Unknown(word.to_string());
        for (prefix, mods) in [
            ("Ctrl-", KeyModifiers::CONTROL),
            ("C-", KeyModifiers::CONTROL),
            ("Alt-", KeyModifiers::ALT),
            ("M-", KeyModifiers::ALT),
        ] {
            if let Some(rest) = word.strip_prefix(prefix)
                && !rest.is_empty()
            {
                let inner = Key::parse_one(rest).map_err(|_| unknown())?;
                return Ok(Key {
                    code: inner.code,
                    mods: inner.mods | mods,
                });
            }
        }
        if word == "Shift-Tab" || word == "BackTab" {
            return Ok(Key::plain(KeyCode::BackTab));
        }
        if let Some((_, code, _)) = NAMED.iter().find(|(name, _, _)| *name == word) {
            return Ok(Key::plain(*code));
        }
        if let Some(n) = word.strip_prefix('F').and_then(|n| n.parse::<u8>().ok())
            && (1..=24).contains(&n)
        {
            return Ok(Key::plain(KeyCode::F(n)));
        }
        let mut chars = word.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_control() => Ok(Key::plain(KeyCode::Char(c))),
            _ => Err(unknown()),
        }
    }
}

/// The keys a spec names, in order.
///
/// A spec is one named key (`Ctrl-d`, `PgDn`, `Enter`), or characters each of which is a
/// key (`]h`, `zz`), or keys separated by spaces (`g Home`, `Ctrl-w j`).
pub fn parse(spec: &str) -> Result<Vec<Key>, KeySpecError> {
    if spec.is_empty() {
        return Err(KeySpecError::Empty);
    }
    if spec == " " {
        return Ok(vec![Key::plain(KeyCode::Char(' '))]);
    }
    if spec.contains(' ') {
        return spec.split_whitespace().map(Key::parse_one).collect();
    }
    match Key::parse_one(spec) {
        Ok(key) => return Ok(vec![key]),
        // `Ctrl-Foo`, `Escape`: a name misspelt, not a run of keys.
        Err(e) if looks_like_a_name(spec) => return Err(e),
        Err(_) => {}
    }
    spec.chars()
        .map(|c| {
            if c.is_control() {
                Err(KeySpecError::Unknown(spec.to_string()))
            } else {
                Ok(Key::plain(KeyCode::Char(c)))
            }
        })
        .collect()
}

/// Whether a spec reads as a key's name (`Escape`, `Ctrl-Foo`) rather than keys in a row
/// (`]h`, `zz`, `gg`).
fn looks_like_a_name(spec: &str) -> bool {
    let mut chars = spec.chars();
    matches!(
        (chars.next(), chars.next()),
        (Some(a), Some(b)) if a.is_ascii_uppercase() && (b.is_ascii_lowercase() || b == '-')
    )
}

/// How a sequence is shown: characters run together (`]h`), else spaced (`Ctrl-w j`).
pub fn label(keys: &[Key]) -> String {
    let simple = keys
        .iter()
        .all(|k| k.plain_char().is_some_and(|c| c != ' '));
    if simple && keys.len() > 1 {
        keys.iter().filter_map(|k| k.plain_char()).collect()
    } else {
        keys.iter().map(|k| k.label()).collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_name_keys_and_sequences() {
        let ctrl_d = Key {
            code: KeyCode::Char('d'),
            mods: KeyModifiers::CONTROL,
        };
        assert_eq!(parse("Ctrl-d"), Ok(vec![ctrl_d]));
        assert_eq!(parse("C-d"), Ok(vec![ctrl_d]));
        assert_eq!(parse("PgDn"), Ok(vec![Key::plain(KeyCode::PageDown)]));
        assert_eq!(parse("Space"), Ok(vec![Key::plain(KeyCode::Char(' '))]));
        assert_eq!(
            parse("]h"),
            Ok(vec![
                Key::plain(KeyCode::Char(']')),
                Key::plain(KeyCode::Char('h'))
            ])
        );
        assert_eq!(
            parse("Ctrl-w j"),
            Ok(vec![
                Key {
                    code: KeyCode::Char('w'),
                    mods: KeyModifiers::CONTROL
                },
                Key::plain(KeyCode::Char('j'))
            ])
        );
        assert_eq!(parse("Shift-Tab"), Ok(vec![Key::plain(KeyCode::BackTab)]));
        assert_eq!(parse("F5"), Ok(vec![Key::plain(KeyCode::F(5))]));
        assert_eq!(parse(""), Err(KeySpecError::Empty));
        assert_eq!(
            parse("Ctrl-Foo"),
            Err(KeySpecError::Unknown("Ctrl-Foo".into()))
        );
        assert!(parse("a\u{1b}").is_err());
        assert_eq!(parse("Escape"), Err(KeySpecError::Unknown("Escape".into())));
        assert_eq!(parse("gg").map(|k| k.len()), Ok(2));
    }

    #[test]
    fn labels_read_back_as_the_same_keys() {
        for spec in [
            "j",
            "G",
            "Ctrl-d",
            "Alt-b",
            "PgDn",
            "Space",
            "Enter",
            "]h",
            "zz",
            "Ctrl-w j",
            "↓",
            "Shift-Tab",
            "F5",
            "'",
            "Del",
        ] {
            let keys = parse(spec).expect(spec);
            assert_eq!(parse(&label(&keys)), Ok(keys), "{spec}");
        }
        assert_eq!(label(&parse("Down").unwrap()), "↓");
    }

    #[test]
    fn shift_is_folded_into_characters_only() {
        let g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::of(&g), Key::plain(KeyCode::Char('G')));
        let back = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(Key::of(&back), Key::plain(KeyCode::BackTab));
        let up = KeyEvent::new(KeyCode::Up, KeyModifiers::SHIFT);
        assert_eq!(Key::of(&up).label(), "Shift-↑");
    }
}
