//! One error shape for every HTTP answer: status, OAuth error word, stable code, description.

use serde::Serialize;

use crate::error::Error;

/// An error answer of the HTTP API.
///
/// Built from a core [`Error`] (same code and status as everywhere else) or from an HTTP-level
/// refusal (unknown path, wrong method, wrong media type, oversized body). The description is
/// safe to show to the caller; anything only an operator may see stays in [`Self::log_detail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    status: u16,
    error: &'static str,
    code: &'static str,
    description: String,
    retry_after: Option<u32>,
    allow: Option<&'static str>,
    log_detail: Option<String>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
    error_description: &'a str,
    code: &'a str,
}

impl ApiError {
    fn http(status: u16, error: &'static str, code: &'static str, description: String) -> Self {
        Self {
            status,
            error,
            code,
            description,
            retry_after: None,
            allow: None,
            log_detail: None,
        }
    }

    /// 404 `ERR_NOT_FOUND`: no route has this path.
    pub fn not_found() -> Self {
        Self::http(404, "not_found", "ERR_NOT_FOUND", "no such endpoint".into())
    }

    /// 405 `ERR_METHOD_NOT_ALLOWED`; `allow` lists the methods the path serves.
    pub fn method_not_allowed(allow: &'static str) -> Self {
        let mut err = Self::http(
            405,
            "invalid_request",
            "ERR_METHOD_NOT_ALLOWED",
            format!("this endpoint only accepts {allow}"),
        );
        err.allow = Some(allow);
        err
    }

    /// 413 `ERR_BODY_TOO_LARGE`.
    pub fn body_too_large(limit: usize) -> Self {
        Self::http(
            413,
            "invalid_request",
            "ERR_BODY_TOO_LARGE",
            format!("request body is larger than {limit} bytes"),
        )
    }

    /// 415 `ERR_UNSUPPORTED_MEDIA_TYPE`.
    pub fn unsupported_media_type() -> Self {
        Self::http(
            415,
            "invalid_request",
            "ERR_UNSUPPORTED_MEDIA_TYPE",
            "request body must be JSON (Content-Type: application/json)".into(),
        )
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The stable code, e.g. `ERR_TOKEN_EXPIRED`.
    pub fn code(&self) -> &'static str {
        self.code
    }

    /// The OAuth 2.0 error word.
    pub fn error(&self) -> &'static str {
        self.error
    }

    /// The caller-facing description.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Seconds for a `Retry-After` header (rate limiting).
    pub fn retry_after(&self) -> Option<u32> {
        self.retry_after
    }

    /// Methods for an `Allow` header (405).
    pub fn allow(&self) -> Option<&'static str> {
        self.allow
    }

    /// Detail for the operator's log that the caller must not see (configuration and store
    /// failures, bugs). Never contains secret values: core errors carry none.
    pub fn log_detail(&self) -> Option<&str> {
        self.log_detail.as_deref()
    }

    /// The JSON body `{error, error_description, code}`.
    pub fn body(&self) -> String {
        let body = ErrorBody {
            error: self.error,
            error_description: &self.description,
            code: self.code,
        };
        // Serializing three strings cannot fail; the fallback keeps this total anyway.
        serde_json::to_string(&body).unwrap_or_else(|_| {
            format!(
                r#"{{"error":"server_error","error_description":"internal error","code":"{}"}}"#,
                self.code
            )
        })
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> Self {
        let retry_after = match &err {
            Error::RateLimited { retry_after } => Some(*retry_after),
            _ => None,
        };
        Self {
            status: err.http_status(),
            error: err.oauth_error(),
            code: err.code(),
            description: err.public_message(),
            retry_after,
            allow: None,
            log_detail: (!err.is_public()).then(|| err.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_errors_keep_code_and_status_and_hide_private_detail() {
        let err = ApiError::from(Error::Config("TOKEN_HASH_KEY is missing".into()));
        assert_eq!((err.status(), err.code()), (500, "ERR_CONFIG"));
        assert!(!err.body().contains("TOKEN_HASH_KEY"));
        assert!(err
            .log_detail()
            .is_some_and(|d| d.contains("TOKEN_HASH_KEY")));

        let err = ApiError::from(Error::RateLimited { retry_after: 1 });
        assert_eq!((err.status(), err.retry_after()), (429, Some(1)));

        let err = ApiError::from(Error::RefreshTokenReused);
        let body: serde_json::Value = serde_json::from_str(&err.body()).unwrap();
        assert_eq!(body["code"], "ERR_REFRESH_TOKEN_REUSED");
        assert_eq!(body["error"], "invalid_grant");
        assert!(body["error_description"]
            .as_str()
            .unwrap()
            .contains("revoked"));
        assert_eq!(err.log_detail(), None);
    }

    #[test]
    fn http_refusals_have_their_own_codes() {
        assert_eq!(ApiError::not_found().status(), 404);
        let err = ApiError::method_not_allowed("POST");
        assert_eq!((err.status(), err.allow()), (405, Some("POST")));
        assert_eq!(ApiError::body_too_large(10).code(), "ERR_BODY_TOO_LARGE");
        assert_eq!(ApiError::unsupported_media_type().status(), 415);
    }
}
