//! Errors as data: a stable code, a message a person can act on, optional help, and for policy
//! documents every problem found, each with a JSON pointer into the document
//! (docs/design.md, "Errors").

use serde::Serialize;
use std::fmt;

/// The stable error codes of the contract. Outside code matches on their strings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    /// The policy is not JSON data: text that does not parse, or an object that is not plain data.
    PolicyParse,
    /// The policy is JSON data but breaks the policy rules; see [`RolegateError::problems`].
    PolicyInvalid,
    /// A role id that the policy does not declare.
    UnknownRole,
    /// An action id that the policy does not declare.
    UnknownAction,
    /// A scope path that is malformed or does not fit the policy's scope kinds.
    BadScope,
    /// A role held at a scope kind it cannot be held at.
    NotAssignable,
    /// An argument of the wrong type or shape (typically from JavaScript).
    BadArgument,
}

impl ErrorCode {
    /// The code as the string the JavaScript API exposes (`"POLICY_PARSE"`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::PolicyParse => "POLICY_PARSE",
            ErrorCode::PolicyInvalid => "POLICY_INVALID",
            ErrorCode::UnknownRole => "UNKNOWN_ROLE",
            ErrorCode::UnknownAction => "UNKNOWN_ACTION",
            ErrorCode::BadScope => "BAD_SCOPE",
            ErrorCode::NotAssignable => "NOT_ASSIGNABLE",
            ErrorCode::BadArgument => "BAD_ARGUMENT",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a policy document: where (a JSON pointer such as `/roles/3/grants/0`) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    pub path: String,
    pub message: String,
}

/// The one error type of rolegate. Never a panic: every bad input ends here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RolegateError {
    code: ErrorCode,
    message: String,
    help: Option<String>,
    #[serde(rename = "errors")]
    problems: Vec<Problem>,
}

pub type Result<T, E = RolegateError> = std::result::Result<T, E>;

impl RolegateError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        RolegateError { code, message: message.into(), help: None, problems: Vec::new() }
    }

    /// A policy that is not JSON data: `why`, at `path` (a JSON pointer; empty for the document).
    pub(crate) fn not_json(path: String, why: String) -> Self {
        let message = match path.as_str() {
            "" => format!("the policy is not JSON data: {why}"),
            at => format!("the policy is not JSON data: {}: {why}", crate::scope::truncate(at)),
        };
        RolegateError::new(ErrorCode::PolicyParse, message).with_problems(vec![Problem { path, message: why }])
    }

    /// A policy that breaks the policy rules, carrying every problem found.
    pub(crate) fn invalid_policy(problems: Vec<Problem>) -> Self {
        let first = problems.first().map(|p| format!("{}: {}", pointer_or_root(&p.path), p.message));
        let message = match (problems.len(), first) {
            (1, Some(first)) => format!("invalid policy: {first}"),
            (n, Some(first)) => format!("invalid policy: {n} problems, the first at {first}"),
            (_, None) => "invalid policy".to_owned(),
        };
        RolegateError { code: ErrorCode::PolicyInvalid, message, help: None, problems }
    }

    pub(crate) fn with_problems(mut self, problems: Vec<Problem>) -> Self {
        self.problems = problems;
        self
    }

    pub(crate) fn with_help(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn message(&self) -> &str {
        &self.message
    }

    /// A hint on how to fix it, e.g. a "did you mean" for a close misspelling.
    pub fn help(&self) -> Option<&str> {
        self.help.as_deref()
    }

    /// For `POLICY_INVALID` (and `POLICY_PARSE`): every problem found, not just the first.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

fn pointer_or_root(path: &str) -> &str {
    if path.is_empty() {
        "(document)"
    } else {
        path
    }
}

impl fmt::Display for RolegateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for RolegateError {}
