//! The help, made from the bindings in force: one line per action and context.

use super::{Context, Keymap};

/// One line of help: every key of an action in a context, with the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Where it applies.
    pub context: Context,
    /// The keys, e.g. `j ↓`.
    pub keys: String,
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
            }
            None => out.push((
                HelpLine {
                    context: row.context,
                    keys: label,
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
