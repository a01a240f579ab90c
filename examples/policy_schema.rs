//! Writes the JSON Schema of the policy format to schema/policy.schema.json, from the model's types
//! (`rolegate::schema`): `cargo run --example policy_schema --features schema`. tests/schema.rs
//! fails while the committed file differs from what this writes.

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema/policy.schema.json");
    std::fs::write(path, rolegate::schema::policy_schema_text()).unwrap_or_else(|e| panic!("{path}: {e}"));
    eprintln!("wrote {path}");
}
