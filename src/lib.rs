//! rolegate: browser-side permission gating for web consoles.
//!
//! A policy declares scope kinds (`organization > account > subaccount`), actions
//! (`studio.flow.update`), roles that grant and deny actions by pattern and inherit one another,
//! and console pages with the actions they require. [`PolicyEngine`] compiles it once; decisions
//! are then bit tests. The same crate runs natively (a server enforces the very policy the browser
//! uses to hide what a user cannot do) and, through [`wasm`], in JavaScript.
//!
//! ```
//! use rolegate::{Assignment, PolicyEngine};
//! let engine = PolicyEngine::builtin("twilio")?;
//! let roles = [Assignment::at("studio-admin", "organization:acme/account:AC1")];
//! assert!(engine.can_perform(&roles, "organization:acme/account:AC1/subaccount:SA1", "studio.flow.update")?);
//! assert!(!engine.can_perform(&roles, "organization:acme/account:AC2", "studio.flow.update")?);
//! # Ok::<(), rolegate::RolegateError>(())
//! ```
#![forbid(unsafe_code)]

mod bitset;
pub mod catalogs;
mod compile;
mod document;
mod engine;
mod error;
mod explain;
mod index;
pub mod json;
mod pointer;
mod principal;
mod scope;
mod suggest;
mod text;
mod violations;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use document::{ActionInfo, ConsolePage, Constraints, PolicyDocument, Requirement, RoleInfo};
pub use engine::{Assignment, PolicyEngine};
pub use error::{ErrorCode, Problem, Result, RolegateError};
pub use explain::{AssignmentView, Because, Decision};
pub use principal::{ActionId, Permissions, Principal};
pub use scope::Scope;
pub use violations::Violation;
