//! rolegate: browser-side permission gating for web consoles.
//!
//! A policy declares scope kinds (`organization > account > subaccount`), actions
//! (`studio.flow.update`), roles that grant and deny actions by pattern and inherit one another,
//! and console pages with the actions they require. [`PolicyEngine`] compiles it once; decisions
//! are then bit tests. The same crate runs natively (a server enforces the very policy the browser
//! uses to hide what a user cannot do) and, through the `wasm` module, in JavaScript.
//!
//! ```
//! use rolegate::{Assignment, PolicyEngine};
//! let engine = PolicyEngine::builtin("twilio")?;
//! let roles = [Assignment::at("studio-admin", "organization:acme/account:AC1")];
//! assert!(engine.can_perform(&roles, "organization:acme/account:AC1/subaccount:SA1", "studio.flow.update")?);
//! assert!(!engine.can_perform(&roles, "organization:acme/account:AC2", "studio.flow.update")?);
//! # Ok::<(), rolegate::RolegateError>(())
//! ```
//!
//! The architecture, its invariants and the contract are in `docs/design.md`.
#![forbid(unsafe_code)]

mod assignment;
mod bitset;
pub mod catalogs;
mod compile;
mod engine;
mod error;
mod explain;
mod index;
mod model;
mod pointer;
mod principal;
mod reader;
mod resolve;
#[cfg(feature = "schema")]
pub mod schema;
mod scope;
mod suggest;
mod violations;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use assignment::{read_roles, Assignment, RoleInput, ScopeValue, MAX_ASSIGNMENTS};
pub use engine::PolicyEngine;
pub use error::{ErrorCode, Problem, Result, RolegateError};
pub use explain::{AssignmentView, Because, Decision};
pub use model::{ActionInfo, ConsolePage, Constraints, PolicyDocument, Requirement, RoleInfo};
pub use principal::{ActionId, Permissions, Principal};
pub use reader::{MAX_DEPTH, MAX_ITEMS, MAX_NAME_LEN, MAX_TEXT_LEN};
pub use scope::Scope;
pub use violations::Violation;
