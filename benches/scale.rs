//! Scale benchmarks: undo and redo, a key press and a save with 10,000 and 100,000
//! annotations; and big text (issue 14): keys at the end of a 10 MB single-paragraph essay
//! (motion, search step, mark, resize), the first screen of 10 MB and 100 MB files, and a
//! search over a 100 MB essay (its first match, then the whole count on ticks).
//!
//! The text is generated deterministically. Files go under Cargo's target temp dir, on a
//! real disk, so that the fsync of a save is a real one. With `SCALE_ONCE=1` in the
//! environment each case runs once and prints its time (for figures too slow to sample).

mod common;
#[path = "scale/keys.rs"]
mod keys;

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use marginalia::action::{Action, EditorInput, Motion};
use marginalia::app;
use marginalia::essay::{BlockKind, Essay};
use marginalia::session;
use marginalia::state::{AppState, EssayDoc, Placed, Source};
use marginalia::store::{self, AnnotationFile, SourceId, Stamp};
use marginalia::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const MB: usize = 1024 * 1024;

/// An essay of `paragraphs` paragraphs of about `bytes` each.
fn essay(paragraphs: usize, bytes: usize) -> Essay {
    let mut blocks = vec![
        (BlockKind::Title, "A Long Essay on Slow Reading".to_string()),
        (BlockKind::Byline, "A. N. Author".to_string()),
    ];
    let text = common::prose(bytes, 0);
    blocks.extend((0..paragraphs).map(|_| (BlockKind::Paragraph, text.clone())));
    Essay::from_blocks("long-essay".into(), blocks)
}

/// A state on `essay` holding `items`, its annotations file at `path` (saved once).
fn state_for(essay: Essay, items: Vec<Placed>, path: &Path) -> AppState {
    let mut file = AnnotationFile::new("book.txt".into());
    file.annotations = items.iter().map(|p| (*p.annotation).clone()).collect();
    store::save(path, &file).expect("save");
    let disk = store::load_disk(path).expect("load").expect("exists");
    let source = Source::new(
        "book.txt".into(),
        path.to_path_buf(),
        disk,
        items,
        None,
        None,
    );
    let mut state = AppState::new(vec![EssayDoc::new(essay, SourceId(0))], vec![source], &[]);
    state.apply(Action::Resize(200, 50), store::Stamp::fresh());
    state
}

fn draw(terminal: &mut Terminal<TestBackend>, state: &AppState) {
    terminal.draw(|f| ui::draw(f, state)).expect("draw");
}

/// Runs `f` once and prints how long it took, or samples it with criterion.
fn case(c: &mut Criterion, name: &str, mut f: impl FnMut()) {
    if std::env::var_os("SCALE_ONCE").is_some() {
        f();
        let start = Instant::now();
        f();
        println!("{name}: {:?}", start.elapsed());
    } else {
        c.bench_function(name, |b| b.iter(&mut f));
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).expect("temp dir");
    let now = store::now();
    // 400 paragraphs of 5 KB: 2 MB of text, room for 100,000 highlights.
    let many = essay(400, 5000);
    // `SCALE_PARAGRAPH=1` (or `SCALE_TEXT=1`): only the big-text cases (for profiling).
    let counts: &[usize] = if std::env::var_os("SCALE_PARAGRAPH").is_some()
        || std::env::var_os("SCALE_TEXT").is_some()
    {
        &[]
    } else {
        &[10_000, 100_000]
    };
    for &count in counts {
        let path = dir.path().join(format!("undo-{count}.json"));
        let mut state = state_for(many.clone(), common::highlights(&many, count, 30, 0), &path);
        // One change to undo: a highlight of the first sentence.
        state.apply(Action::Move(Motion::Top), Stamp::at(now));
        state.apply(Action::Highlight, Stamp::at(now));
        case(c, &format!("undo + redo, {count} annotations"), || {
            black_box(state.apply(Action::Undo, Stamp::at(now)));
            black_box(state.apply(Action::Redo, Stamp::at(now)));
        });
        if count == 100_000 {
            let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
            state.apply(Action::Move(Motion::PageDown), Stamp::at(now));
            case(c, "j + draw, 100000 annotations", || {
                state.apply(Action::Move(Motion::LineDown), Stamp::at(now));
                draw(&mut terminal, &state);
                state.apply(Action::Move(Motion::LineUp), Stamp::at(now));
                draw(&mut terminal, &state);
            });
            case(
                c,
                "highlight + draw, undo + draw (no save), 100000 annotations",
                || {
                    state.apply(Action::Highlight, Stamp::at(now));
                    draw(&mut terminal, &state);
                    state.apply(Action::Undo, Stamp::at(now));
                    draw(&mut terminal, &state);
                },
            );
            let file = state.file_for_save(SourceId(0));
            case(c, "file_for_save, 100000 annotations", || {
                black_box(state.file_for_save(SourceId(0)));
            });
            let mut disk = (*state.sources()[0].disk).clone();
            let deleted = state.sources()[0].deleted.clone();
            case(
                c,
                "save_merging, file unchanged, 100000 annotations",
                || {
                    disk = store::save_merging(&path, &disk, &file, &deleted)
                        .expect("save")
                        .disk;
                },
            );
            // The shell reports the file as saved: the state takes in what is on disk.
            let saved = store::Saved {
                disk,
                merged: false,
            };
            state.apply(Action::Saved(store::SourceId(0), Ok(saved)), Stamp::at(now));
            case(c, "serialise, 100000 annotations", || {
                black_box(serde_json::to_vec_pretty(&file).expect("json"));
            });
            case(c, "highlight + save, 100000 annotations", || {
                app::step(&mut state, Action::Highlight);
                state.apply(Action::Move(Motion::SentenceNext), Stamp::at(now));
            });
            // H as the loop does it: applied, the save handed to the background saver,
            // the panic hook's copy shared with it, and the frame drawn. The save itself
            // is waited for after the timing (the loop would go on reading keys).
            let (tx, rx) = std::sync::mpsc::channel();
            let tx = std::sync::Mutex::new(tx);
            let mut saver = app::saver::Saver::to_disk(std::sync::Arc::new(move |s, r| {
                if let Ok(tx) = tx.lock() {
                    let _ = tx.send((s, r));
                }
            }));
            let mut quit_after = false;
            // A change's snapshot for the saver, after the one before it was taken.
            let mut snapshots = app::saver::Snapshots::default();
            snapshots.of(&state, SourceId(0));
            case(c, "snapshot after a highlight, 100000 annotations", || {
                state.apply(Action::Highlight, Stamp::at(now));
                let start = Instant::now();
                black_box(snapshots.of(&state, SourceId(0)));
                if std::env::var_os("SCALE_ONCE").is_some() {
                    println!("  the snapshot alone: {:?}", start.elapsed());
                }
                state.apply(Action::Move(Motion::SentenceNext), Stamp::at(now));
            });
            // Only the key path is timed; the save is waited for after, untimed.
            let mut key = |state: &mut AppState| {
                let start = Instant::now();
                app::step_in_loop(state, &mut saver, &mut quit_after, Action::Highlight);
                let stepped = start.elapsed();
                draw(&mut terminal, state);
                let took = start.elapsed();
                if std::env::var_os("SCALE_ONCE").is_some() {
                    println!("  step {stepped:?}, with the frame {took:?}");
                }
                state.apply(Action::Move(Motion::SentenceNext), Stamp::at(now));
                let landed = Instant::now();
                while saver.busy() {
                    let Ok((s, r)) = rx.recv() else { break };
                    saver.landed(state, s, r);
                }
                (took, landed.elapsed())
            };
            let name = "H + draw, save in the background, 100000 annotations";
            if std::env::var_os("SCALE_ONCE").is_some() {
                // The first change copies every annotation once; later ones share them.
                let (first, _) = key(&mut state);
                let (took, rest) = key(&mut state);
                println!("{name}: {took:?} (then {rest:?} until saved; first change {first:?})");
            } else {
                c.bench_function(name, |b| {
                    b.iter_custom(|iters| (0..iters).map(|_| key(&mut state).0).sum())
                });
            }
            case(
                c,
                "H + draw, save on the key path, 100000 annotations",
                || {
                    app::step(&mut state, Action::Highlight);
                    draw(&mut terminal, &state);
                    state.apply(Action::Move(Motion::SentenceNext), Stamp::at(now));
                },
            );
        }
    }

    let one = essay(1, 10 * MB);
    let path = dir.path().join("paragraph.json");
    let mut state = state_for(one, Vec::new(), &path);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    state.apply(Action::Move(Motion::Bottom), Stamp::at(now));
    draw(&mut terminal, &state);
    state.apply(Action::Move(Motion::PageUp), Stamp::at(now));
    case(c, "j + draw at the end of a 10 MB paragraph", || {
        state.apply(Action::Move(Motion::LineDown), Stamp::at(now));
        draw(&mut terminal, &state);
        state.apply(Action::Move(Motion::LineUp), Stamp::at(now));
        draw(&mut terminal, &state);
    });
    big_text(c, &mut state, &mut terminal, dir.path());
}

/// Runs `f` and draws, as one key of the loop: the time of the two together.
fn key(state: &mut AppState, terminal: &mut Terminal<TestBackend>, action: Action) {
    state.apply(action, Stamp::at(store::now()));
    draw(terminal, state);
}

/// Keys at the end of the 10 MB paragraph `state` shows; first screens of 10 MB and
/// 100 MB files; a search over a 100 MB essay.
fn big_text(
    c: &mut Criterion,
    state: &mut AppState,
    terminal: &mut Terminal<TestBackend>,
    dir: &Path,
) {
    // Search steps: `n` then `N` between two matches near the end.
    key(state, terminal, Action::SearchStart);
    for ch in "lantern".chars() {
        key(state, terminal, Action::Search(EditorInput::Char(ch)));
    }
    key(state, terminal, Action::SearchDone);
    while state.search_counting() {
        key(state, terminal, Action::Tick);
    }
    key(state, terminal, Action::Move(Motion::Bottom));
    key(state, terminal, Action::SearchPrev);
    case(
        c,
        "n + draw, N + draw at the end of a 10 MB paragraph",
        || {
            key(state, terminal, Action::SearchNext);
            key(state, terminal, Action::SearchPrev);
        },
    );
    case(
        c,
        "set a mark + draw at the end of a 10 MB paragraph",
        || {
            key(state, terminal, Action::SetMark('a'));
        },
    );
    case(
        c,
        "resize 200x50 -> 160x45 -> 200x50 + draws at the end of a 10 MB paragraph",
        || {
            key(state, terminal, Action::Resize(160, 45));
            key(state, terminal, Action::Resize(200, 50));
        },
    );
    case(
        c,
        "typing a search (one key) + draw at the end of a 10 MB paragraph",
        || {
            key(state, terminal, Action::SearchStart);
            key(state, terminal, Action::Search(EditorInput::Char('q')));
            key(state, terminal, Action::Back);
        },
    );
    keys::at_the_end(c, state, terminal);

    for mb in [10, 100] {
        let path = dir.join(format!("book-{mb}.txt"));
        std::fs::write(&path, book(mb * MB)).expect("write");
        let origins = [session::Origin::File(path.clone())];
        let mut term = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
        case(
            c,
            &format!("first screen of a {mb} MB file (head read, first look, frame)"),
            || {
                let prepared = session::prepare(&origins, None, dir).expect("prepared");
                let mut first = session::preview(&prepared).expect("a first look");
                first.apply(Action::Resize(200, 50), Stamp::at(store::now()));
                draw(&mut term, &first);
                black_box(first);
            },
        );
        std::fs::remove_file(&path).ok();
    }

    // One 100 MB essay: the first match of a search, and the whole count.
    let mut paragraphs = vec![(BlockKind::Title, "A Very Long Essay".to_string())];
    let para = common::prose(2000, 0);
    paragraphs.extend((0..50 * 1024).map(|_| (BlockKind::Paragraph, para.clone())));
    let long = Essay::from_blocks("very-long".into(), paragraphs);
    let path = dir.join("long.json");
    let mut state = state_for(long, Vec::new(), &path);
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).expect("terminal");
    let search = |state: &mut AppState, terminal: &mut Terminal<TestBackend>| {
        key(state, terminal, Action::SearchStart);
        for ch in "lantern season".chars() {
            key(state, terminal, Action::Search(EditorInput::Char(ch)));
        }
    };
    case(
        c,
        "search over a 100 MB essay: each key of the query + draw, to the first match",
        || {
            search(&mut state, &mut terminal);
            key(&mut state, &mut terminal, Action::Back);
        },
    );
    case(
        c,
        "search over a 100 MB essay: the whole count, on ticks",
        || {
            search(&mut state, &mut terminal);
            while state.search_counting() {
                state.apply(Action::Tick, Stamp::at(store::now()));
            }
            key(&mut state, &mut terminal, Action::Back);
        },
    );
}

/// Essays of about `bytes` in all: a title, a byline and 40 paragraphs each, hard-wrapped.
fn book(bytes: usize) -> String {
    let para: String = common::prose(600, 0)
        .split(". ")
        .collect::<Vec<_>>()
        .join(".\n");
    let mut out = String::with_capacity(bytes + 64 * 1024);
    let mut n = 0;
    while out.len() < bytes {
        n += 1;
        out.push_str(&format!("Essay {n} on Slow Reading\n\nA. N. Author\n\n"));
        for _ in 0..40 {
            out.push_str(&para);
            out.push_str("\n\n");
        }
        out.push_str("\n\n");
    }
    out
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
