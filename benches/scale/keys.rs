//! Every other kind of key at the end of the 10 MB single paragraph (issue 14, budget 3):
//! word and sentence motions, a selection extended, a highlight and its undo, a note
//! opened and closed, marks and jumps, `G` and `gg`. Each case is a key and its frame,
//! done and undone, so that the caret stays at the end of the paragraph.

use criterion::Criterion;
use marginalia::action::{Action, EditorInput, Motion};
use marginalia::state::AppState;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::{case, key};

/// The cases, on `state` with its caret near the end of the 10 MB paragraph.
pub fn at_the_end(c: &mut Criterion, state: &mut AppState, terminal: &mut Terminal<TestBackend>) {
    let mut pair = |name: &str, there: Action, back: Action| {
        case(
            c,
            &format!("{name} at the end of a 10 MB paragraph"),
            || {
                key(state, terminal, there.clone());
                key(state, terminal, back.clone());
            },
        );
    };
    pair(
        "w + draw, b + draw",
        Action::Move(Motion::WordNext),
        Action::Move(Motion::WordPrev),
    );
    pair(
        "e + draw, b + draw",
        Action::Move(Motion::WordEnd),
        Action::Move(Motion::WordPrev),
    );
    pair(
        "( + draw, ) + draw",
        Action::Move(Motion::SentencePrev),
        Action::Move(Motion::SentenceNext),
    );
    pair("v + draw, Esc + draw", Action::ToggleSelect, Action::Back);
    pair(
        "highlight + draw, undo + draw",
        Action::Highlight,
        Action::Undo,
    );
    pair(
        "G + draw, gg + draw",
        Action::Move(Motion::Top),
        Action::Move(Motion::Bottom),
    );
    pair(
        "Ctrl-o + draw, Ctrl-i + draw",
        Action::JumpBack,
        Action::JumpForward,
    );
    pair(
        "m + draw, ' + draw",
        Action::SetMark('b'),
        Action::GoToMark('b'),
    );
    case(
        c,
        "v, w, e, ), ( + draws (a selection extended) at the end of a 10 MB paragraph",
        || {
            key(state, terminal, Action::ToggleSelect);
            key(state, terminal, Action::Move(Motion::WordPrev));
            key(state, terminal, Action::Move(Motion::WordEnd));
            key(state, terminal, Action::Move(Motion::SentencePrev));
            key(state, terminal, Action::Move(Motion::SentenceNext));
            key(state, terminal, Action::Back);
        },
    );
    case(
        c,
        "a, a letter, Esc, undo + draws (a note opened and closed) at the end of a 10 MB paragraph",
        || {
            key(state, terminal, Action::EditNote);
            key(state, terminal, Action::Editor(EditorInput::Char('x')));
            key(state, terminal, Action::EditorClose);
            key(state, terminal, Action::Undo);
        },
    );
}
