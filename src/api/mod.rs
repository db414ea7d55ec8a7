//! The wire format of the HTTP API, independent of any runtime: request bodies parsed field by
//! field, token and error responses, bearer credentials and the service configuration read from
//! environment variables. The Cloudflare Worker (feature `worker`) is a thin shell around this
//! module; keeping it pure lets it be unit-tested natively and fuzzed.
//!
//! Routes, bodies and codes are documented in `docs/http-api.md`.

mod auth;
mod error;
mod request;
mod response;
mod settings;

pub use auth::{bearer_credential, ApiKey};
pub use error::ApiError;
pub use request::{
    check_content_length, parse_issue_request, parse_refresh_request, parse_revoke_request,
    percent_decode_segment, IssueRequest, RefreshRequest, RevokeRequest, MAX_BODY_BYTES,
};
pub use response::{json_body, TokenResponse};
pub use settings::{ServiceConfig, ENV_SECRETS};
