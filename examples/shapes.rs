//! Prints one value of each shape that crosses into JavaScript, every optional field present, as
//! JSON: `[{ "rust": name, "ts": [names], "sample": value }, ...]`. tests/js/types.test.mjs checks
//! the package's TypeScript declarations against it.

#[path = "../tests/shapes/samples.rs"]
mod samples;

fn main() {
    let out: Vec<serde_json::Value> = samples::samples()
        .into_iter()
        .map(|(rust, ts, sample)| serde_json::json!({ "rust": rust, "ts": ts, "sample": sample }))
        .collect();
    println!("{}", serde_json::Value::Array(out));
}
