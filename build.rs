//! Embeds the built-in catalogs without the whitespace that makes them readable in the
//! repository: the wasm build carries every byte of them. With `ROLEGATE_NO_CATALOGS` set, it
//! embeds empty ones instead, for bench/wasm-breakdown.mjs to measure what the catalogs weigh.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    println!("cargo:rerun-if-env-changed=ROLEGATE_NO_CATALOGS");
    let empty = env::var_os("ROLEGATE_NO_CATALOGS").is_some();
    for name in ["twilio", "voiceflow"] {
        let source = format!("src/catalogs/{name}.json");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("{source}: {e}"));
        let embedded = if empty { "{}".to_owned() } else { minify(&text) };
        fs::write(Path::new(&out).join(format!("{name}.json")), embedded).expect("write OUT_DIR");
    }
}

/// Drops whitespace outside strings; everything else is kept byte for byte.
fn minify(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if !c.is_ascii_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
