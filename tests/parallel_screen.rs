//! Parallel passages on screen: the `P` list says how strong each pair is in words; in the real
//! binary, two long essays are indexed in the background and `p` answers once that is done.

mod common;

use std::time::{Duration, Instant};

use common::PtyTester;
use common::screen::Screen;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/parallel");

/// One file holding both essays of a set of the fixture, in `dir`.
fn both(dir: &std::path::Path, set: &str) -> std::path::PathBuf {
    let read = |side: &str| {
        std::fs::read_to_string(format!("{DIR}/{set}-{side}.txt")).expect("fixture essay")
    };
    let path = dir.join(format!("{set}.txt"));
    std::fs::write(&path, format!("{}\n\n\n{}", read("a"), read("b"))).expect("write");
    path
}

#[test]
fn the_pairs_list_shows_strength_in_words() {
    let files = tempfile::tempdir().expect("temp dir");
    let path = both(files.path(), "rivers");
    for (w, h) in [(100, 30), (40, 10)] {
        let mut s = Screen::open(&path, w, h);
        s.keys("P");
        let text = s.text();
        if w == 100 {
            assert!(text.contains("strong"), "{text}");
            assert!(!text.contains("0."), "no raw scores: {text}");
            insta::assert_snapshot!("pairs_list_100x30", text);
        } else {
            // A tiny terminal: the list fits or says nothing, never a panic.
            assert!(text.lines().count() <= 10);
        }
    }
}

#[test]
fn p_after_the_background_index_in_the_real_binary() {
    let dir = tempfile::tempdir().expect("temp dir");
    // Two essays longer than the app indexes on the spot.
    let essay = |title: &str, first: &str| {
        let filler = "Rain fell on the quiet fields of the valley all week long. ".repeat(4_000);
        format!("{title}\n\nBy Someone\n\n{first}\n\n{filler}")
    };
    let text = format!(
        "{}\n\n\n{}",
        essay("Long Salt", "Salt was carried inland on old roads."),
        essay(
            "Long Maps",
            "Salt was carried inland on old roads by carts."
        )
    );
    std::fs::write(dir.path().join("long.txt"), text).expect("write");
    let app = PtyTester::spawn(dir.path(), &["long.txt"], 120, 30);
    app.wait_for("Long Maps", common::TIMEOUT);
    // Ask until the index is there (it says so meanwhile); a generous deadline for a debug
    // build on a busy machine.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        app.send("p");
        let answered = Instant::now() + Duration::from_secs(2);
        while Instant::now() < answered {
            let status = app.status_line();
            if status.contains("parallel 1 of 8, ") {
                return;
            }
            assert!(!status.contains("no parallel"), "{status}");
            std::thread::sleep(Duration::from_millis(50));
        }
        assert!(
            Instant::now() < deadline,
            "p never answered: {}",
            app.screen()
        );
    }
}
