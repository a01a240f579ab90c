//! The built-in catalogs, embedded as data. They are read and validated by the same loader as any
//! user's policy, so a catalog can never hold what a user's policy could not.

use crate::error::{ErrorCode, Result, RolegateError};
use crate::suggest::did_you_mean;

/// The catalogs built in, by name, as JSON text (src/catalogs/*.json, minified by build.rs).
pub const BUILTIN: &[(&str, &str)] = &[
    ("twilio", include_str!(concat!(env!("OUT_DIR"), "/twilio.json"))),
    ("voiceflow", include_str!(concat!(env!("OUT_DIR"), "/voiceflow.json"))),
];

/// The default catalog's name.
pub const DEFAULT: &str = "twilio";

/// The JSON text of a built-in catalog.
pub fn source(name: &str) -> Result<&'static str> {
    BUILTIN.iter().find(|(n, _)| *n == name).map(|(_, text)| *text).ok_or_else(|| {
        let names: Vec<&str> = BUILTIN.iter().map(|(n, _)| *n).collect();
        let message = format!(
            "no built-in catalog `{}`; the built-in catalogs are {}",
            crate::scope::truncate(name),
            names.join(", ")
        );
        RolegateError::new(ErrorCode::BadArgument, message).with_help(did_you_mean(name, names.iter().copied()))
    })
}
