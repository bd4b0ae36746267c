//! The reader's keys.toml in the real binary: a remap works, a broken file stops the start
//! with one line naming the file and the line, and `keys --defaults` loads back as itself.

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{PtyTester, TIMEOUT};
use tempfile::TempDir;

const ESSAYS: &str = include_str!("fixtures/e2e-essays.txt");

/// A workspace with the essays and a config folder holding `keys` as keys.toml.
fn workspace(keys: Option<&str>) -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("ledgers.txt"), ESSAYS).expect("write fixture");
    fs::create_dir_all(dir.path().join("config/marginalia")).expect("config dir");
    if let Some(keys) = keys {
        fs::write(dir.path().join("config/marginalia/keys.toml"), keys).expect("keys.toml");
    }
    dir
}

fn env(dir: &Path) -> Vec<(&'static str, String)> {
    let at = |sub: &str| dir.join(sub).to_string_lossy().into_owned();
    vec![
        ("XDG_CONFIG_HOME", at("config")),
        ("XDG_STATE_HOME", at("state")),
        ("XDG_DATA_HOME", at("data")),
    ]
}

fn spawn(dir: &Path, args: &[&str]) -> PtyTester {
    let env = env(dir);
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (*k, v.as_str())).collect();
    PtyTester::spawn_with_env(dir, args, &env, 120, 40)
}

#[test]
fn a_remapped_key_works_and_the_hints_show_it() {
    let dir = workspace(Some(
        "[essay]\nhighlight = \"h\"\n\n[anywhere]\nhelp = \"F1\"\n",
    ));
    let mut app = spawn(dir.path(), &["ledgers.txt"]);
    app.wait_for("The Orchard Ledger", TIMEOUT);
    app.wait_for("h highlight", TIMEOUT);
    app.wait_for("F1 help", TIMEOUT);
    // Enter no longer highlights; h does.
    app.send("s");
    app.send("\r");
    app.send("h");
    app.wait_for("Notes (1)", TIMEOUT);
    // F1 opens the help, which lists h.
    app.send("\x1bOP");
    app.wait_for(" Keys ", TIMEOUT);
    app.send("q");
    app.send("q");
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 0, "{status:?}");
}

#[test]
fn a_broken_key_file_stops_the_start_with_one_line_naming_it() {
    let dir = workspace(Some("[essay]\nhighlight = \"h\"\nhilite = \"J\"\n"));
    let mut app = spawn(dir.path(), &["ledgers.txt"]);
    let status = app.wait_exit(TIMEOUT);
    assert_eq!(status.exit_code(), 2, "{status:?}");
    let raw = String::from_utf8_lossy(&app.raw()).into_owned();
    let file = dir.path().join("config/marginalia/keys.toml");
    let want = format!(
        "marginalia: {}:3: `hilite` is not an action in [essay]",
        file.display()
    );
    let line = raw
        .lines()
        .find(|l| l.contains("hilite"))
        .unwrap_or_else(|| panic!("no error in {raw:?}"));
    assert!(line.starts_with(&want), "{line:?}");
    // The terminal was never taken: no alternate screen.
    assert!(!raw.contains("\x1b[?1049h"), "{raw:?}");
    // Nothing was created next to the essays.
    assert!(!dir.path().join("annotations").exists());
}

#[test]
fn keys_defaults_saved_as_the_key_file_gives_the_defaults() {
    let dir = workspace(None);
    let run = |args: &[&str]| {
        let out = Command::new(common::binary())
            .args(args)
            .envs(env(dir.path()))
            .output()
            .expect("run marginalia");
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let defaults = run(&["keys", "--defaults"]);
    assert!(defaults.contains("[essay]\n"), "{defaults}");
    assert!(defaults.contains("highlight = \"Enter\""), "{defaults}");
    fs::write(dir.path().join("config/marginalia/keys.toml"), &defaults).expect("write");
    // The keys in force, printed from the file, are the defaults exactly.
    assert_eq!(run(&["keys"]), defaults);
    // A changed file prints its change.
    fs::write(
        dir.path().join("config/marginalia/keys.toml"),
        "[essay]\nhighlight = [\"Enter\", \"h\"]\n",
    )
    .expect("write");
    assert!(run(&["keys"]).contains("highlight = [\"Enter\", \"h\"]"));
}
