//! Memory for a long file: the text is held once, as its essays' blocks (issue 14,
//! budget 2). A counting allocator measures the heap's peak while a file is opened the way
//! the app opens it: its head read first, the rest read and split afterwards.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use marginalia::session::{self, Origin};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static NOW: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = NOW.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        // SAFETY: passed on as given.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: passed on as given.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size <= layout.size() {
            // Shrinking gives room back where it is: never both sizes at once.
            NOW.fetch_sub(layout.size() - new_size, Ordering::Relaxed);
            // SAFETY: passed on as given.
            return unsafe { System.realloc(ptr, layout, new_size) };
        }
        let now = NOW.fetch_add(new_size, Ordering::Relaxed) + new_size;
        PEAK.fetch_max(now, Ordering::Relaxed);
        NOW.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: passed on as given.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// About `bytes` of essays: titles, bylines, hard-wrapped paragraphs, CRLF line ends.
fn book(bytes: usize) -> String {
    let line = "The tide comes in, and the reader's margin fills slowly.\r\n";
    let mut out = String::with_capacity(bytes + 4096);
    let mut n = 0;
    while out.len() < bytes {
        n += 1;
        out.push_str(&format!("On Tides, Part {n}\r\n\r\nBy Ann Smith\r\n\r\n"));
        for _ in 0..20 {
            out.push_str(&line.repeat(14));
            out.push_str("\r\n");
        }
        out.push_str("\r\n\r\n");
    }
    out
}

#[test]
fn a_long_file_is_held_once() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("book.txt");
    let size = 8 << 20;
    std::fs::write(&path, book(size)).expect("write");
    let origins = [Origin::File(path)];
    let base = NOW.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    let mut prepared = session::prepare(&origins, None, dir.path()).expect("prepared");
    let split = session::split_and_place(&mut prepared).expect("split");
    let state = session::assemble(prepared, split);
    let peak = PEAK.load(Ordering::Relaxed) - base;
    let held = NOW.load(Ordering::Relaxed) - base;
    assert!(state.docs().len() > 100);
    println!(
        "peak {peak} ({:.3} of the text), held {held}",
        peak as f64 / size as f64
    );
    // The blocks' texts (a little less than the file: CRs and line ends go), each block's
    // own record, and room to cut them: well under twice the text, which holding the file
    // and its blocks at once took (3 times). The list of cut blocks gives its room back as
    // the essays' blocks are made (1.27 times the text when both were held whole).
    assert!(peak < size * 5 / 4, "peak {peak} for {size} bytes of text");
    assert!(
        held < size * 23 / 20,
        "held {held} for {size} bytes of text"
    );
}
