//! A process saving annotations in a loop is killed with SIGKILL at random moments: the
//! file must always parse and hold every change that was reported saved.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};

use marginalia::annotation::{Anchor, Annotation, Colour};
use marginalia::store::{self, AnnotationFile, DiskState};

const STORM: &str = "MARGINALIA_SAVE_STORM";

fn annotation(n: usize) -> Annotation {
    Annotation {
        id: format!("a-{n:06}").into(),
        essay: "essay".into(),
        anchor: Anchor {
            quote: format!("quote number {n} with some length to it, “quoted”"),
            prefix: "before ".repeat(8),
            suffix: " after".repeat(8),
            start: n * 10,
            end: n * 10 + 9,
            fingerprint: "sha256:0".into(),
            extra: Default::default(),
        },
        colour: Colour::ALL[n % Colour::ALL.len()],
        note: Some(format!("note {n}\nsecond line")),
        tags: vec![],
        created: store::now(),
        modified: store::now(),
        extra: Default::default(),
    }
}

/// The child: adds one annotation at a time, saving after each and reporting it.
#[test]
fn save_storm_child() {
    let Ok(path) = std::env::var(STORM) else {
        return; // Only runs as the child of `sigkill_during_saves_never_loses_a_saved_change`.
    };
    let path = Path::new(&path);
    let mut disk = store::load_disk(path)
        .expect("readable")
        .unwrap_or_else(|| DiskState {
            hash: None,
            file: AnnotationFile::new("storm.txt".into()),
        });
    let mut file = disk.file.clone();
    let start = file.annotations.len();
    for n in start..start + 100_000 {
        file.annotations.push(annotation(n));
        let saved = store::save_merging(path, &disk, &file, &BTreeSet::new()).expect("save");
        disk = saved.disk;
        println!("saved {n}");
    }
}

/// A small random number from the clock (no extra dependency needed).
fn jitter(max_ms: u64) -> Duration {
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(7);
    Duration::from_millis(u64::from(nanos) % max_ms.max(1))
}

#[test]
fn sigkill_during_saves_never_loses_a_saved_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("annotations/storm.json");
    let exe = std::env::current_exe().expect("test binary");
    let mut highest_reported: Option<usize> = None;
    for round in 0..50 {
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "save_storm_child",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(STORM, &path)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn child");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel::<usize>();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("saved ")
                    .and_then(|n| n.trim().parse().ok())
                {
                    let _ = tx.send(n);
                }
            }
        });
        // Wait until the child is saving, then kill it at a random moment.
        let first = rx.recv_timeout(Duration::from_secs(20));
        assert!(first.is_ok(), "round {round}: the child never saved");
        std::thread::sleep(jitter(30));
        child.kill().expect("SIGKILL");
        child.wait().expect("reaped");
        reader.join().expect("reader");
        if let Some(n) = rx.try_iter().last().or(first.ok()) {
            highest_reported = Some(n);
        }

        let loaded = store::load(&path)
            .unwrap_or_else(|e| panic!("round {round}: file does not parse: {e}"))
            .expect("file exists");
        let ids: BTreeSet<String> = loaded
            .annotations
            .iter()
            .map(|a| a.id.to_string())
            .collect();
        if let Some(n) = highest_reported {
            for k in 0..=n {
                assert!(
                    ids.contains(&format!("a-{k:06}")),
                    "round {round}: change {k} was reported saved but is missing"
                );
            }
        }
    }
    assert!(
        highest_reported.is_some(),
        "the child never reported a save"
    );
    // No stray temporary files are left that a later start would not clean.
    let temps = std::fs::read_dir(path.parent().expect("dir"))
        .expect("list")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .count();
    assert!(temps <= 50, "at most one temp file per kill: {temps}");
}
