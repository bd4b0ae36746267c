//! Fuzz target `annotations_file`: see `marginalia_fuzz::annotations_file` for the input format and the invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| marginalia_fuzz::annotations_file(data));
