//! What the fuzz targets check, as plain functions of the input bytes, so that
//! `tests/adversarial.rs` replays the committed corpus through the very same assertions natively.

#[path = "../../tests/reference/mod.rs"]
pub mod reference;
pub mod targets;
