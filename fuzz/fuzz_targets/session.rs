//! Fuzz target `session`: see `marginalia_fuzz::machine` for how bytes become a session of
//! keys, mouse gestures, resizes, outside edits and reopens, and the invariants checked.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| marginalia_fuzz::machine::session(data));
