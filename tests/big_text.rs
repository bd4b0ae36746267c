//! A long essay in the real binary (issue 14): a search shows its first match at once and
//! its total once the rest is counted between keys, on the loop's ticks.

mod common;

use common::{PtyTester, TIMEOUT};

/// One essay of `paragraphs` paragraphs of about 1 KB, "tide" three times in each.
fn long_essay(paragraphs: usize) -> String {
    let para =
        "The tide came in over the stones and the tide went out again, as a tide does. ".repeat(13);
    let mut out = String::from("On Rivers\n\nBy Ann Smith\n\n");
    for _ in 0..paragraphs {
        out.push_str(para.trim_end());
        out.push_str("\n\n");
    }
    out
}

#[test]
fn a_search_over_a_long_essay_counts_every_match_without_a_key() {
    let dir = tempfile::tempdir().expect("dir");
    // About 3 MB: three steps of the count at least.
    let paragraphs = 3000;
    std::fs::write(dir.path().join("tides.txt"), long_essay(paragraphs)).expect("write");
    let app = PtyTester::spawn(dir.path(), &["tides.txt"], 120, 30);
    app.wait_for_status("READ", TIMEOUT);
    app.send("/tide");
    // No key after the query: the ticks alone bring the total.
    let total = format!("/tide: match 1 of {}", paragraphs * 3 * 13);
    app.wait_for_status(&total, TIMEOUT);
    app.send("\r");
    app.send("N");
    let last = format!("match {0} of {0}", paragraphs * 3 * 13);
    app.wait_for_status(&last, TIMEOUT);
}
