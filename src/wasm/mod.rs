//! The JavaScript bindings, compiled only for wasm32: a thin skin over the engine with no policy
//! logic of its own. Each exported class is a wrapper struct in a module of its own; every value
//! that crosses the boundary is converted in [`convert`], structured values with
//! serde-wasm-bindgen. The npm package's own JavaScript classes wrap these (docs/design.md,
//! "The JavaScript package").

mod convert;
mod engine;
mod pages;
mod principal;

pub use engine::JsPolicyEngine;
pub use principal::JsPrincipal;

use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
fn start() {
    console_error_panic_hook::set_once();
}

/// A new engine of the default catalog (`twilio`): the package makes its default engine with it.
#[wasm_bindgen(js_name = defaultEngine)]
pub fn default_engine() -> Result<JsPolicyEngine, JsValue> {
    JsPolicyEngine::builtin(crate::catalogs::DEFAULT.into())
}
