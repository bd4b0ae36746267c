//! What the shell reports back: a save done or failed, an export written or not, the
//! settings saved or not.

use std::sync::Arc;

use super::{AppState, Effect, SaveState};
use crate::action::Action;

impl AppState {
    /// Takes in a report of the shell.
    pub(super) fn report(&mut self, action: Action) -> Effect {
        match action {
            Action::TurnedReadOnly(source, why) => {
                if let Some(src) = self.sources.get_mut(source.0) {
                    src.read_only = Some(why);
                }
            }
            Action::SettingsSaved(Err(e)) => {
                self.message = Some(format!("settings not saved: {e}"));
            }
            Action::Exported(result) => {
                self.message = Some(match result {
                    Ok(path) => format!("exported to {}", path.display()),
                    Err(e) => format!("export failed: {e}"),
                });
            }
            Action::Saved(source, result) => {
                let Some(src) = self.sources.get_mut(source.0) else {
                    return Effect::None;
                };
                match result {
                    Ok(saved) => {
                        if src.save == SaveState::Saving {
                            src.save = SaveState::Saved;
                        }
                        src.disk = Arc::new(saved.disk);
                        if saved.merged {
                            self.adopt_merge(source);
                        }
                    }
                    Err(e) => {
                        self.message = Some(format!("not saved: {e}"));
                        src.save = SaveState::Failed(e);
                    }
                }
            }
            _ => {}
        }
        Effect::None
    }
}
