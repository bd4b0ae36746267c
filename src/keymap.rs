//! The key bindings, as data: one row per key. Lookup, help and hints all read this table.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::{Action, EditorInput, Motion, OfferChoice, QuitChoice, ScrollTo};
use crate::annotation::Relation;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// In any pane (not while editing a note or reading help).
    Anywhere,
    /// In an essay pane.
    Essay,
    /// In the notes pane.
    Notes,
    /// In the note editor.
    Editor,
    /// While the help is shown.
    Help,
    /// While typing the notes filter.
    Filter,
    /// While typing a search.
    Search,
    /// While choosing the relation of a new link.
    Picker,
    /// While the list of similar pairs is shown.
    PairList,
    /// While asking whether to quit with changes not saved.
    QuitPrompt,
    /// While offering a recovery copy or a note draft kept last time.
    Offer,
}

impl Context {
    /// The heading of this context in the help.
    pub fn title(self) -> &'static str {
        match self {
            Context::Anywhere => "Anywhere",
            Context::Essay => "Essay panes",
            Context::Notes => "Notes pane",
            Context::Editor => "Note editor",
            Context::Help => "Help",
            Context::Filter => "Notes filter",
            Context::Search => "Search",
            Context::Picker => "Link relation",
            Context::PairList => "Similar pairs",
            Context::QuitPrompt => "Quitting with changes not saved",
            Context::Offer => "A copy kept last time",
        }
    }
}

/// What a context does with a key it has no row for.
#[derive(Debug, Clone, Copy)]
pub enum Unbound {
    /// A character is typed into an input: this action carries it (and a paste).
    Typed(fn(EditorInput) -> Action),
    /// Nothing: the context takes only its own keys (a prompt, a list, the help).
    Ignored,
    /// The keys that apply anywhere are looked up.
    Anywhere,
}

impl Context {
    /// What this context does with a key it has no row for.
    pub fn unbound(self) -> Unbound {
        match self {
            Context::Editor => Unbound::Typed(Action::Editor),
            Context::Search => Unbound::Typed(Action::Search),
            Context::Filter => Unbound::Typed(Action::Filter),
            Context::Help
            | Context::Picker
            | Context::PairList
            | Context::QuitPrompt
            | Context::Offer => Unbound::Ignored,
            Context::Anywhere | Context::Essay | Context::Notes => Unbound::Anywhere,
        }
    }
}

/// One row of the table: in `context`, `key` with `mods` does `action`.
#[derive(Debug)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// The key.
    pub key: KeyCode,
    /// Modifiers that must be held (Shift is ignored for characters).
    pub mods: KeyModifiers,
    /// What it does.
    pub action: Action,
    /// A few words for the help screen.
    pub hint: &'static str,
}

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;

const fn bind(
    context: Context,
    key: KeyCode,
    mods: KeyModifiers,
    action: Action,
    hint: &'static str,
) -> Binding {
    Binding {
        context,
        key,
        mods,
        action,
        hint,
    }
}

use Context::{
    Anywhere, Editor, Essay, Filter, Help, Notes, Offer, PairList, Picker, QuitPrompt, Search,
};
use KeyCode::{
    Backspace, Char, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Up,
};

/// Every binding. The order is the order of the help screen.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Anywhere, KeyCode::Tab, NONE, Action::FocusNext, "focus the next pane"),
    bind(Anywhere, KeyCode::BackTab, NONE, Action::FocusPrev, "focus the previous pane"),
    bind(Anywhere, Char('u'), NONE, Action::Undo, "undo the last change to annotations"),
    bind(Anywhere, Char('r'), CTRL, Action::Redo, "redo"),
    bind(Anywhere, Char('L'), NONE, Action::ToggleLock, "lock / unlock scrolling of the two essays"),
    bind(Anywhere, Char('R'), NONE, Action::Review, "review annotations that moved or were lost"),
    bind(Anywhere, Char('E'), NONE, Action::Export, "export the notes to Markdown"),
    bind(Anywhere, Esc, NONE, Action::Back, "back out: clear the selection, close a popup"),
    bind(Anywhere, Char('?'), NONE, Action::Help, "show this help"),
    bind(Anywhere, Char('q'), NONE, Action::Quit, "quit (asks first if a change is not saved)"),
    bind(Anywhere, Char('c'), CTRL, Action::Quit, "quit"),
    bind(Anywhere, Char('z'), CTRL, Action::Suspend, "suspend to the shell (fg comes back)"),
    bind(Essay, Char('j'), NONE, Action::Move(Motion::LineDown), "caret down one line"),
    bind(Essay, Down, NONE, Action::Move(Motion::LineDown), "caret down one line"),
    bind(Essay, Char('k'), NONE, Action::Move(Motion::LineUp), "caret up one line"),
    bind(Essay, Up, NONE, Action::Move(Motion::LineUp), "caret up one line"),
    bind(Essay, KeyCode::Left, NONE, Action::Move(Motion::Left), "caret left"),
    bind(Essay, KeyCode::Right, NONE, Action::Move(Motion::Right), "caret right"),
    bind(Essay, Char(' '), NONE, Action::Move(Motion::PageDown), "page down"),
    bind(Essay, PageDown, NONE, Action::Move(Motion::PageDown), "page down"),
    bind(Essay, Char('f'), CTRL, Action::Move(Motion::PageDown), "page down"),
    bind(Essay, Char('b'), CTRL, Action::Move(Motion::PageUp), "page up"),
    bind(Essay, PageUp, NONE, Action::Move(Motion::PageUp), "page up"),
    bind(Essay, Char('d'), CTRL, Action::Move(Motion::HalfPageDown), "half page down"),
    bind(Essay, Char('u'), CTRL, Action::Move(Motion::HalfPageUp), "half page up"),
    bind(Essay, Char('g'), NONE, Action::Move(Motion::Top), "top of the essay"),
    bind(Essay, Home, NONE, Action::Move(Motion::Top), "top of the essay"),
    bind(Essay, Char('G'), NONE, Action::Move(Motion::Bottom), "bottom of the essay"),
    bind(Essay, End, NONE, Action::Move(Motion::Bottom), "bottom of the essay"),
    bind(Essay, Char('w'), NONE, Action::Move(Motion::WordNext), "next word"),
    bind(Essay, Char('b'), NONE, Action::Move(Motion::WordPrev), "previous word"),
    bind(Essay, Char('e'), NONE, Action::Move(Motion::WordEnd), "end of word"),
    bind(Essay, Char(')'), NONE, Action::Move(Motion::SentenceNext), "next sentence"),
    bind(Essay, Char('('), NONE, Action::Move(Motion::SentencePrev), "previous sentence"),
    bind(Essay, Char('}'), NONE, Action::Move(Motion::ParagraphNext), "next paragraph"),
    bind(Essay, Char('{'), NONE, Action::Move(Motion::ParagraphPrev), "previous paragraph"),
    bind(Essay, Char('v'), NONE, Action::ToggleSelect, "start / drop a selection"),
    bind(Essay, Char('s'), NONE, Action::SelectSentence, "select the sentence (again: extend)"),
    bind(Essay, Char('H'), NONE, Action::Highlight, "highlight the selection or sentence"),
    bind(Essay, Char('c'), NONE, Action::CycleColour, "change the highlight's colour"),
    bind(Essay, Char('a'), NONE, Action::EditNote, "write or edit a note"),
    bind(Essay, Char('x'), NONE, Action::Delete, "delete the highlight and its note"),
    bind(Essay, Char('/'), NONE, Action::SearchStart, "search (smart case)"),
    bind(Essay, Char('n'), NONE, Action::SearchNext, "next match"),
    bind(Essay, Char('N'), NONE, Action::SearchPrev, "previous match"),
    bind(Essay, Char('l'), NONE, Action::Link, "link to a passage of the other essay (again: its partner)"),
    bind(Essay, Char('f'), NONE, Action::FollowLink, "follow the link at the caret"),
    bind(Essay, Char('p'), NONE, Action::Parallel, "parallel passage in the other essay (again: next)"),
    bind(Anywhere, Char('P'), NONE, Action::Pairs, "list the most similar pairs of passages"),
    bind(Essay, Char('='), NONE, Action::Align, "align the other essay with the caret"),
    bind(Essay, Char('+'), NONE, Action::Wider, "widen the text measure"),
    bind(Essay, Char('-'), NONE, Action::Narrower, "narrow the text measure"),
    bind(Anywhere, Char('T'), NONE, Action::ToggleTheme, "light / dark theme"),
    bind(Essay, Char('['), NONE, Action::PrevEssay, "previous essay in this pane"),
    bind(Essay, Char(']'), NONE, Action::NextEssay, "next essay in this pane"),
    bind(Essay, Char('0'), NONE, Action::Move(Motion::LineStart), "start of the screen line (wrapped prose: the row)"),
    bind(Essay, Char('^'), NONE, Action::Move(Motion::FirstNonBlank), "first character of the screen line"),
    bind(Essay, Char('$'), NONE, Action::Move(Motion::LineEnd), "end of the screen line"),
    bind(Essay, Char('e'), CTRL, Action::Scroll(ScrollTo::LineDown), "scroll down a line, the caret staying"),
    bind(Essay, Char('y'), CTRL, Action::Scroll(ScrollTo::LineUp), "scroll up a line, the caret staying"),
    bind(Essay, Char('o'), CTRL, Action::JumpBack, "back to where the last jump came from"),
    bind(Essay, Char('i'), CTRL, Action::JumpForward, "forward again through the jumps (where Ctrl-i is not Tab)"),
    bind(Essay, Char('n'), CTRL, Action::JumpForward, "forward again through the jumps"),
    bind(Notes, Char('j'), NONE, Action::NotesDown, "next item"),
    bind(Notes, Down, NONE, Action::NotesDown, "next item"),
    bind(Notes, Char('k'), NONE, Action::NotesUp, "previous item"),
    bind(Notes, Up, NONE, Action::NotesUp, "previous item"),
    bind(Notes, Enter, NONE, Action::NotesJump, "jump to the passage"),
    bind(Notes, Char('c'), NONE, Action::CycleColour, "change the colour"),
    bind(Notes, Char('a'), NONE, Action::EditNote, "write or edit the note"),
    bind(Notes, Char('x'), NONE, Action::Delete, "delete the item"),
    bind(Notes, Char('f'), NONE, Action::FollowLink, "follow the item's link"),
    bind(Notes, Char('/'), NONE, Action::FilterStart, "filter: words, #tag, colour, is:review"),
    bind(Notes, Char('A'), NONE, Action::Accept, "accept the new place of a moved item"),
    bind(Notes, Char('r'), NONE, Action::Reattach, "re-attach the item to a new selection"),
    bind(Editor, Esc, NONE, Action::EditorClose, "close, keeping the note"),
    bind(Editor, Char('s'), CTRL, Action::EditorClose, "close, keeping the note"),
    bind(Editor, Char('c'), CTRL, Action::EditorClose, "close, keeping the note"),
    bind(Editor, Char('z'), CTRL, Action::Suspend, "suspend to the shell, the note kept open"),
    bind(Editor, Enter, NONE, Action::Editor(EditorInput::Newline), "new line"),
    bind(Editor, Backspace, NONE, Action::Editor(EditorInput::Backspace), "delete back"),
    bind(Editor, Char('w'), CTRL, Action::Editor(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Editor, Backspace, ALT, Action::Editor(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Editor, Delete, NONE, Action::Editor(EditorInput::Delete), "delete forward"),
    bind(Editor, Left, NONE, Action::Editor(EditorInput::Left), "cursor left"),
    bind(Editor, Right, NONE, Action::Editor(EditorInput::Right), "cursor right"),
    bind(Editor, Left, CTRL, Action::Editor(EditorInput::WordLeft), "word left"),
    bind(Editor, Char('b'), ALT, Action::Editor(EditorInput::WordLeft), "word left"),
    bind(Editor, Right, CTRL, Action::Editor(EditorInput::WordRight), "word right"),
    bind(Editor, Char('f'), ALT, Action::Editor(EditorInput::WordRight), "word right"),
    bind(Editor, Up, NONE, Action::Editor(EditorInput::Up), "cursor up a screen line"),
    bind(Editor, Down, NONE, Action::Editor(EditorInput::Down), "cursor down a screen line"),
    bind(Editor, Home, NONE, Action::Editor(EditorInput::Home), "start of line"),
    bind(Editor, End, NONE, Action::Editor(EditorInput::End), "end of line"),
    bind(Editor, KeyCode::Tab, NONE, Action::Editor(EditorInput::Char(' ')), "a space"),
    bind(Editor, Char('u'), CTRL, Action::Editor(EditorInput::Undo), "undo in the note"),
    bind(Editor, Char('r'), CTRL, Action::Editor(EditorInput::Redo), "redo in the note"),
    bind(Search, Esc, NONE, Action::Back, "cancel the search"),
    bind(Search, Enter, NONE, Action::SearchDone, "keep the search; n and N move"),
    bind(Search, Backspace, NONE, Action::Search(EditorInput::Backspace), "delete back"),
    bind(Search, Char('w'), CTRL, Action::Search(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Search, Backspace, ALT, Action::Search(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Search, Delete, NONE, Action::Search(EditorInput::Delete), "delete forward"),
    bind(Search, Left, NONE, Action::Search(EditorInput::Left), "cursor left"),
    bind(Search, Right, NONE, Action::Search(EditorInput::Right), "cursor right"),
    bind(Search, Left, CTRL, Action::Search(EditorInput::WordLeft), "word left"),
    bind(Search, Char('b'), ALT, Action::Search(EditorInput::WordLeft), "word left"),
    bind(Search, Right, CTRL, Action::Search(EditorInput::WordRight), "word right"),
    bind(Search, Char('f'), ALT, Action::Search(EditorInput::WordRight), "word right"),
    bind(Search, Home, NONE, Action::Search(EditorInput::Home), "start of the query"),
    bind(Search, End, NONE, Action::Search(EditorInput::End), "end of the query"),
    bind(Filter, Esc, NONE, Action::Back, "clear the filter"),
    bind(Filter, Enter, NONE, Action::FilterDone, "keep the filter, back to the list"),
    bind(Filter, Backspace, NONE, Action::Filter(EditorInput::Backspace), "delete back"),
    bind(Filter, Char('w'), CTRL, Action::Filter(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Filter, Backspace, ALT, Action::Filter(EditorInput::DeleteWordBack), "delete the word back"),
    bind(Filter, Delete, NONE, Action::Filter(EditorInput::Delete), "delete forward"),
    bind(Filter, Left, NONE, Action::Filter(EditorInput::Left), "cursor left"),
    bind(Filter, Right, NONE, Action::Filter(EditorInput::Right), "cursor right"),
    bind(Filter, Left, CTRL, Action::Filter(EditorInput::WordLeft), "word left"),
    bind(Filter, Char('b'), ALT, Action::Filter(EditorInput::WordLeft), "word left"),
    bind(Filter, Right, CTRL, Action::Filter(EditorInput::WordRight), "word right"),
    bind(Filter, Char('f'), ALT, Action::Filter(EditorInput::WordRight), "word right"),
    bind(Filter, Home, NONE, Action::Filter(EditorInput::Home), "start of the filter"),
    bind(Filter, End, NONE, Action::Filter(EditorInput::End), "end of the filter"),
    bind(Picker, Char('1'), NONE, Action::PickRelation(Some(Relation::Supports)), "supports"),
    bind(Picker, Char('2'), NONE, Action::PickRelation(Some(Relation::Contradicts)), "contradicts"),
    bind(Picker, Char('3'), NONE, Action::PickRelation(Some(Relation::Elaborates)), "elaborates"),
    bind(Picker, Char('4'), NONE, Action::PickRelation(Some(Relation::SamePoint)), "same point"),
    bind(Picker, Char('5'), NONE, Action::PickRelation(Some(Relation::SeeAlso)), "see also"),
    bind(Picker, Char('j'), NONE, Action::PickerMove(1), "next relation"),
    bind(Picker, Down, NONE, Action::PickerMove(1), "next relation"),
    bind(Picker, Char('k'), NONE, Action::PickerMove(-1), "previous relation"),
    bind(Picker, Up, NONE, Action::PickerMove(-1), "previous relation"),
    bind(Picker, Enter, NONE, Action::PickRelation(None), "make the link"),
    bind(Picker, Esc, NONE, Action::Back, "cancel the link"),
    bind(PairList, Char('j'), NONE, Action::PairsMove(1), "next pair"),
    bind(PairList, Down, NONE, Action::PairsMove(1), "next pair"),
    bind(PairList, Char('k'), NONE, Action::PairsMove(-1), "previous pair"),
    bind(PairList, Up, NONE, Action::PairsMove(-1), "previous pair"),
    bind(PairList, Enter, NONE, Action::PairsView, "show both passages"),
    bind(PairList, Char('l'), NONE, Action::Link, "link the two passages"),
    bind(PairList, Char('P'), NONE, Action::Pairs, "close the list"),
    bind(PairList, Esc, NONE, Action::Back, "close the list"),
    bind(Help, Esc, NONE, Action::Back, "close the help"),
    bind(Help, Char('?'), NONE, Action::Back, "close the help"),
    bind(Help, Char('q'), NONE, Action::Back, "close the help"),
    bind(Help, Char('j'), NONE, Action::HelpScroll(1), "scroll down"),
    bind(Help, Down, NONE, Action::HelpScroll(1), "scroll down"),
    bind(Help, Char('k'), NONE, Action::HelpScroll(-1), "scroll up"),
    bind(Help, Up, NONE, Action::HelpScroll(-1), "scroll up"),
    bind(QuitPrompt, Char('r'), NONE, Action::QuitAnswer(QuitChoice::Retry), "retry the save; quit if it works"),
    bind(QuitPrompt, Char('w'), NONE, Action::QuitAnswer(QuitChoice::WriteRecovery), "write a recovery copy and quit"),
    bind(QuitPrompt, Esc, NONE, Action::QuitAnswer(QuitChoice::Stay), "stay"),
    bind(Offer, Char('m'), NONE, Action::OfferAnswer(OfferChoice::Take), "merge it into the annotations"),
    bind(Offer, Char('s'), NONE, Action::OfferAnswer(OfferChoice::SetAside), "set it aside (renamed, not offered again)"),
    bind(Offer, Esc, NONE, Action::OfferAnswer(OfferChoice::Later), "decide next time"),
];

fn matches(binding: &Binding, key: &KeyEvent) -> bool {
    let mods = match key.code {
        // Shift is part of the character itself ('G', '?', '{').
        KeyCode::Char(_) | KeyCode::BackTab => key.mods_without_shift(),
        _ => key.modifiers,
    };
    binding.key == key.code && binding.mods == mods
}

trait WithoutShift {
    fn mods_without_shift(&self) -> KeyModifiers;
}

impl WithoutShift for KeyEvent {
    fn mods_without_shift(&self) -> KeyModifiers {
        self.modifiers - KeyModifiers::SHIFT
    }
}

/// The action bound to `key` in `context`: the context's own row first; else what the
/// context does with keys it has no row for ([`Context::unbound`]): type them, ignore them,
/// or look among the `Anywhere` rows.
pub fn lookup(context: Context, key: &KeyEvent) -> Option<Action> {
    let own = BINDINGS
        .iter()
        .find(|b| b.context == context && matches(b, key));
    if let Some(b) = own {
        return Some(b.action.clone());
    }
    match context.unbound() {
        Unbound::Typed(input) => typed(key).map(|c| input(EditorInput::Char(c))),
        Unbound::Ignored => None,
        Unbound::Anywhere => BINDINGS
            .iter()
            .find(|b| b.context == Context::Anywhere && matches(b, key))
            .map(|b| b.action.clone()),
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

/// The character a key types, if it types one.
fn typed(key: &KeyEvent) -> Option<char> {
    match key.code {
        KeyCode::Char(c) if !key.modifiers.intersects(CTRL | KeyModifiers::ALT) => Some(c),
        _ => None,
    }
}

/// How a key is written on screen: `j`, `Ctrl-d`, `PgDn`, `Space`.
pub fn key_label(key: KeyCode, mods: KeyModifiers) -> String {
    let name = match key {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Del".into(),
        other => format!("{other:?}"),
    };
    if mods.contains(CTRL) {
        format!("Ctrl-{name}")
    } else if mods.contains(ALT) {
        format!("Alt-{name}")
    } else {
        name
    }
}

/// One line of help: every key of an action in a context, with the hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelpLine {
    /// Where it applies.
    pub context: Context,
    /// The keys, e.g. `j ↓`.
    pub keys: String,
    /// What they do.
    pub hint: &'static str,
}

/// The help, generated from [`BINDINGS`]: rows with the same context and action merged.
pub fn help_lines() -> Vec<HelpLine> {
    let mut out: Vec<(HelpLine, &Action)> = Vec::new();
    for b in BINDINGS {
        let label = key_label(b.key, b.mods);
        match out
            .iter_mut()
            .find(|(l, a)| l.context == b.context && **a == b.action)
        {
            Some((line, _)) => {
                line.keys.push(' ');
                line.keys.push_str(&label);
            }
            None => out.push((
                HelpLine {
                    context: b.context,
                    keys: label,
                    hint: b.hint,
                },
                &b.action,
            )),
        }
    }
    // Each context once, in the order it first appears in the table.
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

/// The first key bound to `action` anywhere, for status-line hints ("? help").
pub fn key_for(action: &Action) -> Option<String> {
    BINDINGS
        .iter()
        .find(|b| b.action == *action)
        .map(|b| key_label(b.key, b.mods))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_with_no_row_are_typed_ignored_or_looked_up_anywhere_as_the_context_says() {
        let x = key(Char('x'), NONE);
        let undo = key(Char('u'), NONE);
        for context in [Editor, Search, Filter] {
            let typed = lookup(context, &x).expect("typed");
            assert!(format!("{typed:?}").contains("Char('x')"), "{context:?}");
            assert!(paste(context, "x").is_some(), "{context:?}");
        }
        for context in [Help, Picker, PairList, QuitPrompt, Offer] {
            assert_eq!(lookup(context, &undo), None, "{context:?}");
            assert_eq!(paste(context, "x"), None, "{context:?}");
        }
        for context in [Essay, Notes] {
            assert_eq!(lookup(context, &undo), Some(Action::Undo), "{context:?}");
            assert_eq!(paste(context, "x"), None, "{context:?}");
        }
        // Tab in the note editor is a row of its own: a space.
        assert_eq!(
            lookup(Editor, &key(KeyCode::Tab, NONE)),
            Some(Action::Editor(EditorInput::Char(' ')))
        );
    }

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn context_rows_come_before_anywhere_rows() {
        // `u` undoes; Ctrl-u is half a page up in an essay.
        assert_eq!(lookup(Essay, &key(Char('u'), NONE)), Some(Action::Undo));
        assert_eq!(
            lookup(Essay, &key(Char('u'), CTRL)),
            Some(Action::Move(Motion::HalfPageUp))
        );
        assert_eq!(
            lookup(Notes, &key(Char('j'), NONE)),
            Some(Action::NotesDown)
        );
        assert_eq!(lookup(Notes, &key(Char('w'), NONE)), None);
    }

    #[test]
    fn shift_is_part_of_the_character() {
        assert_eq!(
            lookup(Essay, &key(Char('G'), KeyModifiers::SHIFT)),
            Some(Action::Move(Motion::Bottom))
        );
        assert_eq!(
            lookup(Essay, &key(KeyCode::BackTab, KeyModifiers::SHIFT)),
            Some(Action::FocusPrev)
        );
    }

    #[test]
    fn the_editor_types_what_is_not_bound() {
        assert_eq!(
            lookup(Editor, &key(Char('q'), NONE)),
            Some(Action::Editor(EditorInput::Char('q')))
        );
        assert_eq!(
            lookup(Editor, &key(Char('s'), CTRL)),
            Some(Action::EditorClose)
        );
        assert_eq!(lookup(Editor, &key(Char('x'), CTRL)), None);
    }

    #[test]
    fn the_three_inputs_edit_alike() {
        let cases = [
            (key(Backspace, NONE), EditorInput::Backspace),
            (key(Backspace, ALT), EditorInput::DeleteWordBack),
            (key(Char('w'), CTRL), EditorInput::DeleteWordBack),
            (key(Delete, NONE), EditorInput::Delete),
            (key(Left, NONE), EditorInput::Left),
            (key(Right, NONE), EditorInput::Right),
            (key(Left, CTRL), EditorInput::WordLeft),
            (key(Char('b'), ALT), EditorInput::WordLeft),
            (key(Right, CTRL), EditorInput::WordRight),
            (key(Char('f'), ALT), EditorInput::WordRight),
            (key(Home, NONE), EditorInput::Home),
            (key(End, NONE), EditorInput::End),
            (key(Char('é'), NONE), EditorInput::Char('é')),
        ];
        for (k, input) in cases {
            assert_eq!(lookup(Editor, &k), Some(Action::Editor(input.clone())));
            assert_eq!(lookup(Search, &k), Some(Action::Search(input.clone())));
            assert_eq!(lookup(Filter, &k), Some(Action::Filter(input)));
        }
        assert_eq!(
            paste(Search, "a\nb"),
            Some(Action::Search(EditorInput::Paste("a\nb".into())))
        );
        assert_eq!(paste(Essay, "a"), None);
        // Undo and redo inside the note; Ctrl-z still suspends.
        assert_eq!(
            lookup(Editor, &key(Char('u'), CTRL)),
            Some(Action::Editor(EditorInput::Undo))
        );
        assert_eq!(
            lookup(Editor, &key(Char('r'), CTRL)),
            Some(Action::Editor(EditorInput::Redo))
        );
        assert_eq!(lookup(Editor, &key(Char('z'), CTRL)), Some(Action::Suspend));
        assert_eq!(key_label(Char('b'), ALT), "Alt-b");
    }

    #[test]
    fn the_quit_prompt_and_the_offer_take_only_their_keys() {
        assert_eq!(
            lookup(QuitPrompt, &key(Char('w'), NONE)),
            Some(Action::QuitAnswer(QuitChoice::WriteRecovery))
        );
        assert_eq!(
            lookup(QuitPrompt, &key(Esc, NONE)),
            Some(Action::QuitAnswer(QuitChoice::Stay))
        );
        // Neither q nor Ctrl-c goes past the prompt: it is answered first.
        assert_eq!(lookup(QuitPrompt, &key(Char('q'), NONE)), None);
        assert_eq!(lookup(QuitPrompt, &key(Char('c'), CTRL)), None);
        assert_eq!(
            lookup(Offer, &key(Char('m'), NONE)),
            Some(Action::OfferAnswer(OfferChoice::Take))
        );
        assert_eq!(lookup(Offer, &key(Char('x'), NONE)), None);
        // Ctrl-c is a key in raw mode, and takes the road q takes.
        assert_eq!(lookup(Essay, &key(Char('c'), CTRL)), Some(Action::Quit));
        assert_eq!(lookup(Notes, &key(Char('c'), CTRL)), Some(Action::Quit));
        // In the editor Ctrl-c closes it keeping the note (as Esc); a second one quits.
        assert_eq!(
            lookup(Editor, &key(Char('c'), CTRL)),
            Some(Action::EditorClose)
        );
    }

    #[test]
    fn help_groups_each_context_once() {
        let lines = help_lines();
        let mut seen: Vec<Context> = Vec::new();
        for pair in lines.windows(2) {
            if pair[0].context != pair[1].context {
                assert!(
                    !seen.contains(&pair[1].context),
                    "{:?} split",
                    pair[1].context
                );
                seen.push(pair[0].context);
            }
        }
    }

    #[test]
    fn help_lists_every_binding_once_per_action() {
        let lines = help_lines();
        let down = lines
            .iter()
            .find(|l| l.context == Essay && l.hint == "caret down one line")
            .expect("caret down is in the help");
        assert_eq!(down.keys, "j ↓");
        for b in BINDINGS {
            let label = key_label(b.key, b.mods);
            assert!(
                lines
                    .iter()
                    .any(|l| l.context == b.context && l.keys.split(' ').any(|k| k == label)),
                "{label} missing from help"
            );
        }
    }
}
