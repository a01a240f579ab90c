#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| rolegate_fuzz::targets::scope_parse(data));
