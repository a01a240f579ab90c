//! The committed JSON Schema of the policy format (schema/policy.schema.json, shipped in the npm
//! package as `rolegate/policy.schema.json`) is the one the model's types give. The corpus of
//! shape errors that the schema and the loader both refuse is tests/js/schema.test.mjs.
#![cfg(not(target_arch = "wasm32"))]

#[test]
fn the_committed_schema_is_the_one_the_model_gives() {
    let committed = include_str!("../schema/policy.schema.json");
    assert!(
        committed == rolegate::schema::policy_schema_text(),
        "schema/policy.schema.json is out of date: run `cargo run --example policy_schema --features schema`"
    );
}
