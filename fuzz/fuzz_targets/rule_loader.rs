//! Fuzz target: any bytes as a rule file in a `--rules` folder. The loader must return an
//! engine or errors with positions inside the file, never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tact::engine::load_engine;
use tact::load::LoadOptions;

fuzz_target!(|data: &[u8]| {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("fuzz.toml"), data).expect("write");
    let opts = LoadOptions {
        builtin: false,
        dirs: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    if let Err(errs) = load_engine(&opts) {
        for e in &errs.0 {
            assert!(e.span.0 <= e.span.1 && e.span.1 <= e.source.len());
            assert!(e.line >= 1 && e.column >= 1);
        }
    }
});
