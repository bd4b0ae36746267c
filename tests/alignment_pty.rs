//! The alignment view in the real binary (issue 12): two essays too big to align on the key
//! path are aligned on a thread; the view says so, the keys go on working, and the result
//! arrives through the loop.

mod common;

use std::fs;
use std::time::Duration;

use common::{PtyTester, TIMEOUT};

/// Paragraphs of invented words, about `bytes` long in all (deterministic).
fn paragraphs(bytes: usize) -> Vec<String> {
    let mut seed: u64 = 11;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let syllables = [
        "ka", "lo", "mi", "nu", "or", "pa", "ri", "sto", "tu", "ve", "wa", "zen",
    ];
    let words: Vec<String> = (0..2000)
        .map(|_| (0..3).map(|_| syllables[next(12) as usize]).collect())
        .collect();
    let mut out = Vec::new();
    let mut size = 0;
    while size < bytes {
        let mut para = String::new();
        for _ in 0..5 {
            let sentence: Vec<&str> = (0..14)
                .map(|_| words[next(2000) as usize].as_str())
                .collect();
            para.push_str(&sentence.join(" "));
            para.push_str(". ");
        }
        size += para.len();
        out.push(para.trim_end().to_string());
    }
    out
}

#[test]
fn big_essays_are_aligned_while_the_keys_go_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let first = paragraphs(130_000);
    let mut second = first.clone();
    second.rotate_left(first.len() / 2);
    let write = |name: &str, title: &str, paras: &[String]| {
        let text = format!("{title}\n\nBy Someone\n\n{}\n", paras.join("\n\n"));
        fs::write(dir.path().join(name), text).expect("write");
    };
    write("first.txt", "First Essay", &first);
    write("second.txt", "Second Essay", &second);
    let config = dir.path().join("config");
    let config = config.to_string_lossy().to_string();
    let mut app = PtyTester::spawn_with_env(
        dir.path(),
        &["first.txt", "second.txt"],
        &[
            ("XDG_CONFIG_HOME", config.as_str()),
            ("XDG_DATA_HOME", config.as_str()),
        ],
        120,
        40,
    );
    app.wait_for("First Essay", TIMEOUT);
    app.send("A");
    app.wait_for("Aligning the essays", TIMEOUT);
    // The keys go on: the view closes and opens again while the thread works.
    app.send("\x1b");
    app.wait_for_status("READ", TIMEOUT);
    app.send("A");
    app.wait_for_status("ALIGN", TIMEOUT);
    app.wait_for("moved", Duration::from_secs(180));
    let screen = app.screen();
    assert!(
        screen.contains("Alignment:") && screen.contains("pairs"),
        "{screen}"
    );
    // The second essay's first half comes after its second: half its paragraphs moved.
    assert!(screen.contains("↕"), "{screen}");
    app.send("]p");
    app.send("\r");
    app.wait_for_status("READ", TIMEOUT);
    app.send("q");
    app.wait_exit(TIMEOUT);
}
