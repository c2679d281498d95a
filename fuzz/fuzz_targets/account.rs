//! Arbitrary bytes as an account file, through everything kam does with one: parse, check,
//! score, gate and the advance decision.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kam::harness::account(data);
});
