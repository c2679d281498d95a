//! Arbitrary bytes as a playbook: load and validate it, then check a sample account with it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kam::harness::playbook(data);
});
