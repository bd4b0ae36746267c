//! Fuzz target `split`: see `marginalia_fuzz::split` for the input format and the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| marginalia_fuzz::split(data));
