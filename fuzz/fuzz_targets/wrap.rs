//! Fuzz target `wrap`: see `marginalia_fuzz::wrap` for the input format and the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| marginalia_fuzz::wrap(data));
