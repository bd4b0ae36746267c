//! What the shell reports back: a save done or failed, an export written or not, the
//! settings saved or not.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};

use super::{AppState, Effect, SaveState};
use crate::action::Action;

/// How long a message answering the reader's own action stays on the status line.
pub const MESSAGE_SECONDS: i64 = 5;
/// How long a message of the shell's (a save failed, an export written) stays: the reader
/// did not ask for it and may be looking elsewhere.
pub const REPORT_SECONDS: i64 = 12;

impl AppState {
    /// After an action at `now`: a message it set is given its time on the status line (a
    /// report that leaves the message `before` standing does not renew it), a longer one if
    /// a report of the shell's set it.
    pub(super) fn time_message(
        &mut self,
        before: Option<String>,
        now: DateTime<Utc>,
        report: bool,
    ) {
        if self.message.is_none() {
            self.message_until = None;
        } else if !report || self.message != before {
            let seconds = if report {
                REPORT_SECONDS
            } else {
                MESSAGE_SECONDS
            };
            self.message_until = Some(now + TimeDelta::seconds(seconds));
        }
    }

    /// The shell's clock: the message goes once its time is up.
    pub(super) fn tick(&mut self, now: DateTime<Utc>) -> Effect {
        self.count_search();
        if self.message_until.is_some_and(|until| now >= until) {
            self.message = None;
            self.message_until = None;
        }
        Effect::None
    }

    /// When the shell should tick next for the message to go, if it is to go by itself.
    pub fn message_until(&self) -> Option<DateTime<Utc>> {
        self.message.as_ref().and(self.message_until)
    }

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
