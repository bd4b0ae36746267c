//! Work too slow for the key path (aligning two big essays), done by a thread of its own;
//! the result comes back to the loop as an action, like a save's.

use std::sync::{Mutex, OnceLock, mpsc};
use std::thread;

use crate::action::Action;
use crate::similar::align::AlignJob;

/// Where a job's result goes: the loop's inputs, once the loop runs.
static REPORTS: OnceLock<Mutex<mpsc::Sender<Action>>> = OnceLock::new();

/// Sends job results to `tx` from now on (the loop calls this once).
pub fn report_to(tx: mpsc::Sender<Action>) {
    let _ = REPORTS.set(Mutex::new(tx));
}

/// Starts `job` on a thread of its own; its result comes back as [`Action::Aligned`].
/// Returns the job back when no loop listens (tests, benches): the caller runs it.
pub fn start(job: AlignJob) -> Option<AlignJob> {
    let Some(tx) = REPORTS
        .get()
        .and_then(|m| m.lock().ok().map(|tx| tx.clone()))
    else {
        return Some(job);
    };
    let kept = job.clone();
    let spawned = thread::Builder::new().name("align".into()).spawn(move || {
        let _ = tx.send(Action::Aligned(job.run()));
    });
    // No thread to be had: the caller runs it on the key path.
    spawned.err().map(|_| kept)
}
