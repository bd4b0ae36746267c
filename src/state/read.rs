//! What the state shows to drawing and to the shell: its parts, read only. Every change
//! goes through [`AppState::apply`]; what the shell sets up before the first action goes
//! through [`AppState::set_up`].

use std::path::{Path, PathBuf};

use super::{AppState, EssayDoc, Focus, PaneState, Search, Source};
use crate::input::TextInput;
use crate::screen::ScreenLayout;
use crate::settings::Settings;
use crate::settings::theme::Theme;
use crate::store::{Lock, SourceId};

/// What the shell knows before the first action: the reader's settings and the files read.
#[derive(Debug, Clone, Default)]
pub struct SetUp {
    /// The essay files being read: an export never replaces them.
    pub essay_files: Vec<PathBuf>,
    /// The reader's own settings.
    pub settings: Settings,
    /// Where they are kept (none: not kept).
    pub settings_path: Option<PathBuf>,
    /// The styles to draw with.
    pub theme: Theme,
    /// The key bindings in force (the defaults, or the reader's own).
    pub keymap: crate::keymap::Keymap,
}

impl AppState {
    /// Takes in what the shell knows before the first action.
    pub fn set_up(&mut self, set_up: SetUp) {
        self.essay_files = set_up.essay_files;
        self.settings = set_up.settings;
        self.settings_path = set_up.settings_path;
        self.theme = set_up.theme;
        self.keymap = set_up.keymap;
        self.refresh_other_ends();
    }

    /// The key bindings in force.
    pub fn keymap(&self) -> &crate::keymap::Keymap {
        &self.keymap
    }

    /// Keys typed that wait for more (a count, the start of a sequence).
    pub fn pending_keys(&self) -> &crate::keymap::Pending {
        &self.pending
    }

    /// Every essay of every source, in order.
    pub fn docs(&self) -> &[EssayDoc] {
        &self.docs
    }

    /// Every source file.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The essay panes (one or two).
    pub fn panes(&self) -> &[PaneState] {
        &self.panes
    }

    /// Which pane has the keyboard.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The selected item of the notes list.
    pub fn notes_selected(&self) -> usize {
        self.notes_selected
    }

    /// The message on the status line, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The styles to draw with.
    pub fn theme(&self) -> &Theme {
        &self.theme
    }

    /// The reader's own settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Where the settings are kept (none: not kept, as in tests).
    pub fn settings_path(&self) -> Option<&Path> {
        self.settings_path.as_deref()
    }

    /// In a first look at a long file: how many annotations are still being placed.
    pub fn placing(&self) -> Option<usize> {
        self.placing
    }

    /// Whether the two essays scroll together.
    pub fn locked(&self) -> bool {
        self.locked
    }

    /// The search shown in an essay pane, if any (one put away with `Esc` is not shown).
    pub fn search(&self) -> Option<&Search> {
        self.search.as_ref().filter(|s| !s.hidden)
    }

    /// The notes filter (empty: none).
    pub fn filter(&self) -> &TextInput {
        &self.filter
    }

    /// Where everything is on screen.
    pub fn screen(&self) -> &ScreenLayout {
        &self.screen
    }

    /// The essay files being read.
    pub fn essay_files(&self) -> &[PathBuf] {
        &self.essay_files
    }

    /// The annotations file of `source` and the lock this instance holds on it, for the
    /// shell to keep (taking it anew if its lock file went away).
    pub fn lock_of(&mut self, source: SourceId) -> (&Path, &mut Option<Lock>) {
        let src = &mut self.sources[source];
        (&src.path, &mut src.lock)
    }

    /// Source `source`, to set up directly in a test.
    #[cfg(test)]
    pub(crate) fn source_mut(&mut self, source: SourceId) -> &mut Source {
        &mut self.sources[source]
    }

    /// Recovery copies written on the way out, to be named on standard error.
    pub fn recovery_copies(&self) -> &[PathBuf] {
        &self.rescue.written
    }
}
