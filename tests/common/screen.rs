//! A whole-screen harness on ratatui's `TestBackend`: the app's state opened on a file as
//! the binary opens it, fed terminal events through the shell's own `app::action_for` and
//! `app::step`, and drawn by `ui::draw`. Test files add methods of their own in
//! `impl Screen` blocks.

use std::path::{Path, PathBuf};

use marginalia::action::Action;
use marginalia::app;
use marginalia::keymap::keys;
use marginalia::session::{self, Origin};
use marginalia::state::{AppState, SetUp};
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind,
};

/// A file of `tests/fixtures`.
pub fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A mouse event of `kind` at (`column`, `row`), no modifier held.
pub fn mouse(kind: MouseEventKind, column: u16, row: u16) -> Event {
    Event::Mouse(MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    })
}

/// The app on a file, its annotations in `dir`, drawn at `w`x`h`.
pub struct Screen {
    /// The app's state.
    pub state: AppState,
    /// The test terminal it is drawn on.
    pub terminal: Terminal<TestBackend>,
    /// Where the annotations are kept.
    pub dir: tempfile::TempDir,
}

impl Screen {
    /// The app on `file`, annotations in a fresh temporary directory.
    pub fn open(file: &Path, w: u16, h: u16) -> Screen {
        let dir = tempfile::tempdir().expect("temp dir");
        Screen::open_in(file, w, h, dir)
    }

    /// The app on `file`, annotations in `dir`.
    pub fn open_in(file: &Path, w: u16, h: u16, dir: tempfile::TempDir) -> Screen {
        let state = session::open(&[Origin::File(file.to_path_buf())], None, dir.path())
            .expect("fixture opens");
        let mut screen = Screen {
            state,
            terminal: Terminal::new(TestBackend::new(w, h)).expect("test terminal"),
            dir,
        };
        screen.event(Event::Resize(w, h));
        screen
    }

    /// Gives the state what the shell knows before the first action (settings, theme…),
    /// and lays the screen out again.
    pub fn set_up(&mut self, set_up: SetUp) -> &mut Screen {
        self.state.set_up(set_up);
        let area = self.terminal.backend().buffer().area;
        self.event(Event::Resize(area.width, area.height));
        self
    }

    /// Closes the app (releasing its lock) and keeps the directory.
    pub fn close(self) -> tempfile::TempDir {
        let Screen {
            state,
            terminal,
            dir,
        } = self;
        drop(state);
        drop(terminal);
        dir
    }

    /// Feeds a terminal event as the shell does.
    pub fn event(&mut self, event: Event) {
        if let Some(action) = app::action_for(&self.state, &event) {
            app::step(&mut self.state, action);
        }
    }

    /// Applies an action as the shell does.
    pub fn act(&mut self, action: Action) {
        app::step(&mut self.state, action);
    }

    /// Presses one key.
    pub fn key(&mut self, code: KeyCode, mods: KeyModifiers) -> &mut Screen {
        self.event(Event::Key(KeyEvent::new(code, mods)));
        self
    }

    /// Types a script: characters are keys, and `<…>` names one key as the key table
    /// writes it (`<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<C-x>`, `<Down>`, `<PgDn>`…).
    pub fn keys(&mut self, script: &str) -> &mut Screen {
        let mut rest = script;
        while let Some(c) = rest.chars().next() {
            let (key, len) = if c == '<'
                && let Some(end) = rest.find('>')
                && end > 1
            {
                let name = match &rest[1..end] {
                    "S-Tab" => "Shift-Tab",
                    "BS" => "Backspace",
                    other => other,
                };
                let key = match keys::parse(name).as_deref() {
                    Ok([key]) => *key,
                    _ => panic!("unknown key <{name}>"),
                };
                (KeyEvent::new(key.code, key.mods), end + 1)
            } else {
                (
                    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE),
                    c.len_utf8(),
                )
            };
            self.event(Event::Key(key));
            rest = &rest[len..];
        }
        self
    }

    /// Draws the screen and gives what is on it.
    pub fn draw(&mut self) -> Buffer {
        let state = &self.state;
        self.terminal
            .draw(|frame| ui::draw(frame, state))
            .expect("draw");
        self.terminal.backend().buffer().clone()
    }

    /// The screen as text, one line a row, spaces at the ends trimmed.
    pub fn text(&mut self) -> String {
        let buffer = self.draw();
        let area = buffer.area;
        (0..area.height)
            .map(|y| {
                (0..area.width)
                    .map(|x| buffer[(x, y)].symbol())
                    .collect::<String>()
                    .trim_end()
                    .to_string()
            })
            .collect::<Vec<_>>()
            .join("\n")
    }
}
