//! The shapes that cross into JavaScript, against the reader: a document serialized from the model
//! reads back as the same document (so the reader and the model agree on every key), and a key the
//! model does not have is refused. tests/js/types.test.mjs checks the same samples against the
//! TypeScript declarations.
#![cfg(not(target_arch = "wasm32"))]

#[path = "shapes/samples.rs"]
mod samples;

use rolegate::{ErrorCode, PolicyEngine};

#[test]
fn a_document_serialized_from_the_model_reads_back_as_the_same_document() {
    let doc = samples::document();
    let text = serde_json::to_string(&doc).unwrap();
    let engine = PolicyEngine::from_json(&text).unwrap_or_else(|e| panic!("{e}: {:?}\n{text}", e.problems()));
    assert_eq!(engine.document(), &doc);
    assert_eq!(PolicyEngine::from_document(&doc).unwrap().document(), &doc);
}

#[test]
fn every_item_of_the_model_has_a_key_the_reader_refuses_beside_it() {
    let doc = serde_json::to_value(samples::document()).unwrap();
    for (pointer, object) in
        [("", &doc), ("/roles/0", &doc["roles"][0]), ("/pages/0", &doc["pages"][0]), ("/actions/0", &doc["actions"][0])]
    {
        let mut changed = doc.clone();
        let at = changed.pointer_mut(pointer).unwrap();
        assert!(object.is_object());
        at["extra"] = serde_json::json!(1);
        let err = PolicyEngine::from_deserializer(changed).unwrap_err();
        assert_eq!(err.code(), ErrorCode::PolicyInvalid);
        assert_eq!(err.problems()[0].path, format!("{pointer}/extra"), "{err}");
    }
}

#[test]
fn every_sample_has_every_field() {
    // No optional field left out: no field of a sample is null (what is inside a field is a
    // shape of its own, with a sample of its own).
    for (name, _, sample) in samples::samples() {
        let fields = sample.as_object().expect("an object");
        assert!(!fields.is_empty(), "{name}");
        for (key, value) in fields {
            assert!(!value.is_null(), "{name}.{key} is left out");
        }
    }
}
