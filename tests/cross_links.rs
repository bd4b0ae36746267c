//! A link between essays of two files, as a reader makes it: the real binary in a pty links
//! them, quits, and each file is opened again alone (its notes list the link with the other
//! file's name; `f` opens the other file beside it) and both together (both ends shown);
//! the exports of one file carry the link with both quotes.

mod common;
mod w3c_suite;

use std::fs;
use std::path::Path;
use std::process::Command;

use common::{PtyTester, TIMEOUT};
use serde_json::Value;
use tempfile::TempDir;

const A: &str = "Salt Roads\n\nBy Wren Hall\n\nSalt was carried inland on old roads, and the towns grew where the carts rested.\n\nThe roads were narrow. Carts went slowly to the towns, and the drivers slept in barns.\n\nNobody mapped them; everyone knew them.\n";
const B: &str = "Maps Without Roads\n\nBy Lena Ortiz\n\nA map shows paths that nobody walks. 漢字 and café are on it.\n\nSalt was carried inland on old roads by carts, slowly, from the coast.\n\nThe towns grew where the carts rested, as every map will tell you.\n";

const COLS: u16 = 120;
const ROWS: u16 = 40;

/// A folder with both files, linked in a session of both: "The roads were narrow."
/// supports "The towns grew where … tell you.", with a note.
fn linked() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    fs::write(dir.path().join("a.txt"), A).expect("write a");
    fs::write(dir.path().join("b.txt"), B).expect("write b");
    let mut app = PtyTester::spawn(dir.path(), &["a.txt", "b.txt"], COLS, ROWS);
    app.wait_for("Maps Without Roads", TIMEOUT);
    app.type_slowly("/narrow\r");
    app.type_slowly("l");
    app.wait_for_status("now select the partner passage", TIMEOUT);
    app.type_slowly("/every map\r");
    app.type_slowly("l");
    app.wait_for("supports", TIMEOUT);
    app.type_slowly("\r");
    app.wait_for("Note on", TIMEOUT);
    app.type_slowly("Both on carts.");
    app.type_slowly("\x1b");
    app.wait_until(TIMEOUT, "the note kept and both files saved", |_| {
        let line = app.status_line();
        line.contains("READ") && line.contains(" saved")
    });
    assert!(!app.screen().contains("one file"), "{}", app.screen());
    app.send("q");
    app.wait_exit(TIMEOUT);
    dir
}

fn annotations(dir: &Path, name: &str) -> Value {
    let text = fs::read_to_string(dir.join("annotations").join(name)).expect("saved");
    serde_json::from_str(&text).expect("json")
}

#[test]
fn both_files_keep_the_link_each_with_the_other_end() {
    let dir = linked();
    let (a, b) = (
        annotations(dir.path(), "a.json"),
        annotations(dir.path(), "b.json"),
    );
    let (la, lb) = (&a["links"][0], &b["links"][0]);
    assert_eq!(la["id"], lb["id"]);
    assert_eq!(la["note"], "Both on carts.");
    assert_eq!(lb["note"], "Both on carts.");
    assert_eq!(la["other"]["source"], "b.txt");
    assert_eq!(la["other"]["essay"]["title"], "Maps Without Roads");
    assert_eq!(la["other"]["highlight"], b["annotations"][0]["id"]);
    assert_eq!(
        la["other"]["anchor"]["quote"],
        "The towns grew where the carts rested, as every map will tell you."
    );
    assert_eq!(lb["other"]["source"], "a.txt");
    assert_eq!(lb["other"]["anchor"]["quote"], "The roads were narrow.");
    let path = la["other"]["path"].as_str().expect("a path");
    assert!(
        Path::new(path).is_absolute() && path.ends_with("b.txt"),
        "{path}"
    );
}

#[test]
fn alone_a_file_lists_the_link_by_the_other_file_and_f_opens_it_beside() {
    let dir = linked();
    let app = PtyTester::spawn(dir.path(), &["a.txt"], COLS, ROWS);
    app.wait_for("Salt Roads", TIMEOUT);
    app.wait_for("in b.txt: Maps", TIMEOUT);
    assert!(app.screen().contains("⇄ supports"), "{}", app.screen());
    assert!(
        !app.screen().contains("Maps Without Roads ─"),
        "b.txt is not open"
    );
    app.type_slowly("/narrow\r");
    app.type_slowly("f");
    app.wait_for_status("opened b.txt; followed the link (supports)", TIMEOUT);
    app.wait_for("Maps Without Roads ─", TIMEOUT);
    app.wait_for("By Lena Ortiz", TIMEOUT);
    // And the other way: b.txt alone names a.txt.
    let other = PtyTester::spawn(dir.path(), &["b.txt"], COLS, ROWS);
    other.wait_for("in a.txt: Salt Roads", TIMEOUT);
}

#[test]
fn together_both_ends_show_the_link_once() {
    let dir = linked();
    let app = PtyTester::spawn(dir.path(), &["b.txt", "a.txt"], COLS, ROWS);
    app.wait_for("Maps Without Roads", TIMEOUT);
    app.wait_for("⇄ supports", TIMEOUT);
    let screen = app.screen();
    assert_eq!(screen.matches("⇄ supports").count(), 1, "{screen}");
    // The link mark at both highlights (and the one of the notes pane).
    let marks = screen.matches('⇄').count();
    assert!(marks >= 3, "{marks} marks\n{screen}");
    assert!(screen.contains("⇄ The towns grew"), "{screen}");
    assert!(screen.contains("⇄ The roads were"), "{screen}");
}

#[test]
fn the_exports_of_one_file_carry_the_link_with_both_quotes() {
    let dir = linked();
    let export = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_marginalia"))
            .current_dir(dir.path())
            .args(["export", "a.txt", "--format", format])
            .output()
            .expect("run export");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let md = export("markdown");
    assert!(
        md.contains("**Salt Roads (a.txt)** → *supports* → **Maps Without Roads (b.txt)**"),
        "{md}"
    );
    assert!(
        md.contains(
            "> The roads were narrow.\n\n> The towns grew where the carts rested, as every map will tell you.\n\nBoth on carts."
        ),
        "{md}"
    );
    let w3c: Value = serde_json::from_str(&export("w3c")).expect("json");
    let items = w3c["first"]["items"].as_array().expect("items");
    let linking = items
        .iter()
        .find(|a| a["motivation"] == "linking")
        .expect("a linking annotation");
    assert_eq!(
        linking["target"]["source"],
        "urn:marginalia:essay:a.txt#salt-roads"
    );
    assert_eq!(
        linking["body"][0]["source"],
        "urn:marginalia:essay:b.txt#maps-without-roads"
    );
    assert_eq!(
        linking["body"][0]["selector"][0]["exact"],
        "The towns grew where the carts rested, as every map will tell you."
    );
    let musts = w3c_suite::test_file("annotations/annotationMusts.test");
    let report = musts.check(linking);
    assert!(report.passed(), "{}", report.failures.join("\n"));
    // Both files exported together: the link once.
    let both = Command::new(env!("CARGO_BIN_EXE_marginalia"))
        .current_dir(dir.path())
        .args(["export", "a.txt", "b.txt"])
        .output()
        .expect("run export");
    let md = String::from_utf8_lossy(&both.stdout);
    assert_eq!(md.matches("→ *supports* →").count(), 1, "{md}");
}
