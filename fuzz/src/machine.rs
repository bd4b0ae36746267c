//! The state machine behind the fuzz target `session` and `tests/state_machine.rs`.
//!
//! It opens the real app on two essay files in a temporary folder and plays a sequence of
//! [`Op`]s as the shell would: keys and mouse gestures go through `app::action_for` and
//! `app::step` (which saves and exports with the real store), resizes go to both the state
//! and a `TestBackend` of that size, another program edits the annotations file between
//! steps, and the app is closed and opened again. After every op it checks:
//!
//! - drawing at the current size does not panic;
//! - every annotation sits exactly on its quote, at its stored offsets (no essay changes);
//! - every link names two annotations that exist, in the state and in what would be saved;
//! - every source is saved, the file on disk parses, and when the state knows the file
//!   (same content hash) it holds exactly the state's annotations and links, with the same
//!   notes and colours;
//! - what another program wrote is in the state once the state has read the file again,
//!   and no annotation leaves the state but by the reader deleting it (or undoing or
//!   redoing a deletion or its creation) or by another program removing it;
//! - after closing and opening again, everything on disk comes back, in place.
//!
//! Bytes decode into ops ([`decode`], [`OP_BYTES`] bytes each), so the fuzz target and the
//! proptest share one generator. Uses only `marginalia`, `ratatui`, `tempfile` and std.

#[path = "machine/checks.rs"]
mod checks;
#[path = "machine/ops.rs"]
mod ops;
#[path = "machine/outside.rs"]
mod outside;

use ops::{ESSAYS_A, ESSAYS_B, SCRIPTS};
pub use ops::{OP_BYTES, Op, Outside, decode, decode_all};

use std::collections::BTreeSet;
use std::path::PathBuf;

use marginalia::action::Action;
use marginalia::annotation::Annotation;
use marginalia::app::{self, saver::Snapshots};
use marginalia::keymap::{BINDINGS, Context};
use marginalia::session::{self, Origin};
use marginalia::state::{AppState, LinkEnd};
use marginalia::store::{self, AnnotationFile};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent};

use checks::{link_ids, seen_of};
use outside::Pending;

/// The name of an action's variant, as `Debug` writes it: `Move`, `HelpScroll`.
pub fn variant(action: &Action) -> String {
    let debug = format!("{action:?}");
    debug
        .split(['(', ' '])
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Fuzz target `session`: plays the ops `data` decodes into, checking after each.
pub fn session(data: &[u8]) {
    let ops = decode_all(data);
    Machine::new().run(ops.iter().take(400));
}

/// The app on two essay files in a temporary folder, and what the checks remember.
pub struct Machine {
    dir: tempfile::TempDir,
    files: Vec<PathBuf>,
    state: Option<AppState>,
    terminal: Terminal<TestBackend>,
    size: (u16, u16),
    /// Every op played so far, for failure messages.
    trail: Vec<String>,
    pending: Vec<Pending>,
    /// Ids the reader deleted (with `x`) at some point.
    deleted_by_reader: BTreeSet<String>,
    /// Annotations another program added so far.
    outside_count: usize,
    /// How far the session got.
    pub stats: Stats,
    /// The kinds of action played so far (variant names), to keep the generator honest.
    pub actions: BTreeSet<String>,
    /// The background saver's snapshots of the files to save, each sharing what did not
    /// change with the one before: checked against the file made whole after every step.
    snapshots: Snapshots,
}

/// How much of the app a session reached: to keep the generator honest.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    /// Ops played.
    pub ops: usize,
    /// Most annotations shown at once.
    pub most_annotations: usize,
    /// Most links shown at once.
    pub most_links: usize,
    /// Notes written (an annotation's note new or changed after a step).
    pub notes: usize,
    /// Annotations that left the app (deleted, undone, removed elsewhere).
    pub removals: usize,
    /// Changes by another program that the app took in.
    pub merged: usize,
    /// Times the app was closed and opened again.
    pub reopens: usize,
}

impl Stats {
    /// Adds another session's figures.
    pub fn add(&mut self, other: Stats) {
        self.ops += other.ops;
        self.most_annotations = self.most_annotations.max(other.most_annotations);
        self.most_links = self.most_links.max(other.most_links);
        self.notes += other.notes;
        self.removals += other.removals;
        self.merged += other.merged;
        self.reopens += other.reopens;
    }
}

impl Default for Machine {
    fn default() -> Self {
        Machine::new()
    }
}

impl Machine {
    /// The app on fresh files at 80x24, with no annotations.
    pub fn new() -> Machine {
        let dir = tempfile::tempdir().expect("temporary folder");
        let files = vec![dir.path().join("roads.txt"), dir.path().join("maps.txt")];
        std::fs::write(&files[0], ESSAYS_A).expect("write essay file");
        std::fs::write(&files[1], ESSAYS_B).expect("write essay file");
        let size = (80, 24);
        let mut machine = Machine {
            state: None,
            terminal: Terminal::new(TestBackend::new(size.0, size.1)).expect("test terminal"),
            dir,
            files,
            size,
            trail: Vec::new(),
            pending: Vec::new(),
            deleted_by_reader: BTreeSet::new(),
            outside_count: 0,
            stats: Stats::default(),
            actions: BTreeSet::new(),
            snapshots: Snapshots::default(),
        };
        machine.open();
        machine.check();
        machine
    }

    /// The app's state.
    pub fn state(&self) -> &AppState {
        self.state.as_ref().expect("the app is open")
    }

    fn open(&mut self) {
        let origins: Vec<Origin> = self.files.iter().cloned().map(Origin::File).collect();
        let state = session::open(&origins, None, self.dir.path())
            .unwrap_or_else(|e| self.fail(&format!("the session does not open: {e}")));
        self.state = Some(state);
        self.snapshots = Snapshots::default();
        let (w, h) = self.size;
        self.step_action(Action::Resize(w, h));
    }

    fn fail(&self, what: &str) -> ! {
        let tail: Vec<&String> = self.trail.iter().rev().take(40).rev().collect();
        panic!("{what}\nafter these ops (last 40):\n{tail:#?}")
    }

    /// Plays `ops`, checking after each.
    pub fn run<'a>(&mut self, ops: impl IntoIterator<Item = &'a Op>) {
        for op in ops {
            self.play(op);
        }
    }

    fn step_action(&mut self, action: Action) -> bool {
        let state = self.state.as_mut().expect("the app is open");
        let open = app::step(state, action);
        let state = self.state.as_ref().expect("the app is open");
        let stale = (0..state.sources().len()).find(|&source| {
            let source = store::SourceId(source);
            self.snapshots.of(state, source).to_file() != state.file_for_save(source)
        });
        if let Some(source) = stale {
            self.fail(&format!(
                "the saver's snapshot of source {source} is not the file to save"
            ));
        }
        open
    }

    /// Plays one op and checks the invariants.
    pub fn play(&mut self, op: &Op) {
        self.trail.push(format!("{op:?}"));
        let before = seen_of(self.annotations());
        let mut action = None;
        match op {
            Op::Binding(n) => {
                let context = self.state().context();
                let rows: Vec<_> = BINDINGS
                    .iter()
                    .filter(|b| b.context == context || b.context == Context::Anywhere)
                    .filter(|b| b.action != Action::Quit)
                    .collect();
                if let Some(row) = rows.get(n % rows.len().max(1)) {
                    // Every key of the row, and a letter after a row that takes one.
                    let keys = marginalia::keymap::keys::parse(row.keys).unwrap_or_default();
                    for k in keys {
                        self.play(&Op::Key(k.code, k.mods));
                    }
                    if row.letter.is_some() {
                        self.play(&Op::Key(KeyCode::Char('a'), KeyModifiers::NONE));
                    }
                }
                return;
            }
            Op::Script(n) => {
                for &(code, mods) in SCRIPTS[n % SCRIPTS.len()] {
                    self.play(&Op::Key(code, mods));
                }
                return;
            }
            Op::Key(code, mods) => {
                let event = Event::Key(KeyEvent::new(*code, *mods));
                action = self.event(&event);
            }
            Op::Paste(text, times) => {
                action = self.event(&Event::Paste(text.repeat(*times)));
            }
            Op::Mouse(kind, x, y) => {
                let scale = |f: u8, n: u16| (u32::from(f) * (u32::from(n) + 2) / 256) as u16;
                let event = Event::Mouse(MouseEvent {
                    kind: *kind,
                    column: scale(*x, self.size.0),
                    row: scale(*y, self.size.1),
                    modifiers: KeyModifiers::NONE,
                });
                action = self.event(&event);
            }
            Op::Resize(w, h) => {
                self.size = (*w, *h);
                self.terminal = Terminal::new(TestBackend::new(*w, *h)).expect("test terminal");
                action = self.event(&Event::Resize(*w, *h));
            }
            Op::Outside(source, edit) => self.outside(*source, edit),
            Op::Reopen => self.reopen(),
        }
        if let Some(a) = &action {
            self.trail.push(format!("  -> {a:?}"));
        }
        self.check();
        self.check_losses(&before, action.as_ref());
    }

    /// Feeds a terminal event as the shell does; a quit closes and reopens the app.
    fn event(&mut self, event: &Event) -> Option<Action> {
        let action = app::action_for(self.state(), event)?;
        self.actions.insert(variant(&action));
        if !self.step_action(action.clone()) {
            self.trail.push("  (quit)".into());
            self.reopen();
        }
        // A link being made is cancelled when either end goes away (deleted, undone, or
        // removed by another program and merged): it never names a highlight that is gone.
        if self.draft_names_a_missing_end() {
            self.fail("the link being made names a highlight that is gone");
        }
        Some(action)
    }

    /// Whether the link being made names a highlight that is no longer there.
    fn draft_names_a_missing_end(&self) -> bool {
        let state = self.state();
        let Some(draft) = state.link_draft() else {
            return false;
        };
        let to = draft.to.as_ref().map(|(end, _)| end);
        [Some(&draft.from), to]
            .into_iter()
            .flatten()
            .any(|end| match end {
                LinkEnd::Existing { source, id } => state.sources()[*source].placed(id).is_none(),
                LinkEnd::New { .. } => false,
            })
    }

    fn annotations(&self) -> impl Iterator<Item = &Annotation> {
        self.state()
            .sources()
            .iter()
            .flat_map(|s| s.items.iter().map(|it| &*it.annotation))
    }

    /// Closes the app as the shell does on quit, opens it again, and checks that what was
    /// on disk is what the app shows.
    fn reopen(&mut self) {
        self.stats.reopens += 1;
        if let Some(state) = self.state.take() {
            session::save_positions(&state);
            drop(state);
        }
        let on_disk: Vec<Option<AnnotationFile>> =
            (0..self.files.len()).map(|s| self.load(s)).collect();
        self.open();
        let state = self.state();
        for (s, file) in on_disk.iter().enumerate() {
            let src = &state.sources()[s];
            let shown = seen_of(src.items.iter().map(|it| &*it.annotation));
            let (saved, links) = match file {
                Some(f) => (seen_of(f.annotations.iter()), link_ids(f.links.iter())),
                None => Default::default(),
            };
            if shown != saved {
                self.fail(&format!(
                    "reopened, source {s} shows {shown:?}\nbut its file holds {saved:?}"
                ));
            }
            if link_ids(src.links.iter()) != links {
                self.fail(&format!("reopened, source {s} lost or gained links"));
            }
        }
    }

    /// The annotations file of `source`, if there is one; a file that does not parse fails.
    fn load(&self, source: usize) -> Option<AnnotationFile> {
        let path = &self.state_or_path(source);
        store::load(path)
            .unwrap_or_else(|e| self.fail(&format!("the annotations file does not load: {e}")))
    }

    fn state_or_path(&self, source: usize) -> PathBuf {
        let stem = self.files[source]
            .file_stem()
            .expect("essay files have a stem")
            .to_owned();
        let mut name = stem;
        name.push(".json");
        self.dir.path().join("annotations").join(name)
    }
}
