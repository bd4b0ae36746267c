//! The help, made from the bindings in force: one line per action and context.

use ratatui::layout::Rect;
use unicode_width::UnicodeWidthStr;

use super::{Context, Keymap};

/// One line of help: every key of an action in a context, with the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Where it applies.
    pub context: Context,
    /// The keys, e.g. `j ↓`.
    pub keys: String,
    /// Each key (or sequence) of them, as shown: `j`, `↓`, `g Home`.
    pub labels: Vec<String>,
    /// What they do.
    pub hint: String,
}

/// The help: rows with the same context and action merged, each context once, in the
/// order it first appears in the table.
pub fn help_lines(map: &Keymap) -> Vec<HelpLine> {
    let mut out: Vec<(HelpLine, usize)> = Vec::new();
    for (i, row) in map.rows().iter().enumerate() {
        let label = row.label();
        let same = |j: usize| {
            let other = &map.rows()[j];
            row.letter.is_none()
                && other.letter.is_none()
                && other.context == row.context
                && other.action == row.action
        };
        match out.iter_mut().find(|(_, j)| same(*j)) {
            Some((line, _)) => {
                line.keys.push(' ');
                line.keys.push_str(&label);
                line.labels.push(label);
            }
            None => out.push((
                HelpLine {
                    context: row.context,
                    keys: label.clone(),
                    labels: vec![label],
                    hint: row.hint.clone(),
                },
                i,
            )),
        }
    }
    let mut order: Vec<Context> = Vec::new();
    for (line, _) in &out {
        if !order.contains(&line.context) {
            order.push(line.context);
        }
    }
    let mut lines: Vec<HelpLine> = out.into_iter().map(|(l, _)| l).collect();
    lines.sort_by_key(|l| order.iter().position(|c| *c == l.context));
    lines
}

/// One screen line of the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HelpText {
    /// A context's heading.
    Title(Context),
    /// Between two contexts.
    Blank,
    /// Keys and what they do (`keys` empty: the hint goes on from the line before).
    Entry {
        /// The keys, or nothing on a wrapped line.
        keys: String,
        /// The hint, or the part of it on this line.
        hint: String,
    },
}

impl HelpText {
    /// The words of the line, as searched.
    pub fn text(&self) -> String {
        match self {
            HelpText::Title(c) => c.title().to_string(),
            HelpText::Blank => String::new(),
            HelpText::Entry { keys, hint } => format!("{keys} {hint}"),
        }
    }
}

/// The help laid out on a screen: where its popup goes and its lines at that width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpPage {
    /// The popup, borders included.
    pub popup: Rect,
    /// The width of the keys column.
    pub keys_width: u16,
    /// Every line, hints wrapped to the popup.
    pub lines: Vec<HelpText>,
}

/// The widest the keys column gets: longer keys take a line of their own.
const KEYS_COLUMN: usize = 22;

impl HelpPage {
    /// The lines the popup shows at once.
    pub fn rows(&self) -> u16 {
        self.popup.height.saturating_sub(2).max(1)
    }

    /// The farthest the help scrolls: its last line at the bottom of the popup.
    pub fn max_scroll(&self) -> u16 {
        u16::try_from(self.lines.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(self.rows())
    }

    /// The lines that contain `query` (case folded), in order.
    pub fn matches(&self, query: &str) -> Vec<usize> {
        if query.is_empty() {
            return Vec::new();
        }
        let query = query.to_lowercase();
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.text().to_lowercase().contains(&query))
            .map(|(i, _)| i)
            .collect()
    }
}

/// The help of `map` on a screen of `area`: as wide as its longest line, or the screen.
pub fn help_page(map: &Keymap, area: Rect) -> HelpPage {
    let entries = help_lines(map);
    let keys_width = entries
        .iter()
        .map(|l| l.keys.width())
        // On a narrow screen the keys take at most a third of it.
        .filter(|w| *w <= KEYS_COLUMN.min(usize::from(area.width).saturating_sub(6) / 3))
        .max()
        .unwrap_or(0);
    let longest_hint = entries.iter().map(|l| l.hint.width()).max().unwrap_or(0);
    // Borders, two spaces before the keys, one after, one at the right.
    let wanted = 2 + 2 + keys_width + 1 + longest_hint + 1;
    let width = u16::try_from(wanted).unwrap_or(u16::MAX).min(area.width);
    let room = usize::from(width)
        .saturating_sub(2 + 2 + keys_width + 1 + 1)
        .max(8);
    let mut lines = Vec::new();
    let mut context = None;
    for l in entries {
        if context != Some(l.context) {
            if context.is_some() {
                lines.push(HelpText::Blank);
            }
            context = Some(l.context);
            lines.push(HelpText::Title(l.context));
        }
        let mut keys = l.keys.clone();
        if keys.width() > keys_width {
            lines.push(HelpText::Entry {
                keys,
                hint: String::new(),
            });
            keys = String::new();
        }
        for part in wrap(&l.hint, room) {
            lines.push(HelpText::Entry {
                keys: std::mem::take(&mut keys),
                hint: part,
            });
        }
    }
    let height = u16::try_from(lines.len() + 2)
        .unwrap_or(u16::MAX)
        .min(area.height.saturating_sub(2));
    HelpPage {
        popup: crate::screen::centered(area, width, height),
        keys_width: keys_width as u16,
        lines,
    }
}

/// `text` broken between words into lines of at most `width` columns (a longer word is
/// broken where it reaches the edge).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let sep = usize::from(!line.is_empty());
        if !line.is_empty() && line.width() + sep + word.width() > width {
            out.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        for c in word.chars() {
            if line.width() + unicode_width::UnicodeWidthChar::width(c).unwrap_or(0) > width {
                out.push(std::mem::take(&mut line));
            }
            line.push(c);
        }
    }
    if !line.is_empty() || out.is_empty() {
        out.push(line);
    }
    out
}
