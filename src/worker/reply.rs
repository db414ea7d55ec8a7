//! Turning handler outcomes into HTTP responses: JSON bodies, `Cache-Control: no-store`, error
//! headers, and one log line per server-side failure.

use ::worker::{console_error, console_warn, Headers, Method, Response, ResponseBuilder};

use crate::api::ApiError;

/// A successful answer: status and JSON body.
pub(super) struct Reply {
    status: u16,
    body: String,
}

impl Reply {
    pub(super) fn json(status: u16, body: String) -> Self {
        Self { status, body }
    }
}

/// Headers on every answer. Every body here is about one user's session, so no cache may keep
/// it (RFC 6749 §5.1 asks this of token responses).
fn headers() -> Headers {
    let headers = Headers::new();
    for (name, value) in [
        ("content-type", "application/json"),
        ("cache-control", "no-store"),
        ("x-content-type-options", "nosniff"),
    ] {
        // Constant, valid names and values: `set` cannot refuse them.
        let _ = headers.set(name, value);
    }
    headers
}

fn build(status: u16, headers: Headers, body: String) -> Response {
    ResponseBuilder::new()
        .with_status(status)
        .with_headers(headers)
        .fixed(body.into_bytes())
}

/// The response for a failure. Server-side failures are logged with their private detail
/// (which never includes secret values); caller mistakes are not logged.
pub(super) fn error_response(route: &str, err: &ApiError) -> Response {
    if err.status() >= 500 || err.status() == 429 {
        let detail = err.log_detail().unwrap_or_else(|| err.description());
        if err.status() >= 500 {
            console_error!("{route}: {} {}: {detail}", err.status(), err.code());
        } else {
            console_warn!("{route}: {} {}: {detail}", err.status(), err.code());
        }
    }
    let headers = headers();
    if let Some(seconds) = err.retry_after() {
        let _ = headers.set("retry-after", &seconds.to_string());
    }
    if let Some(allow) = err.allow() {
        let _ = headers.set("allow", allow);
    }
    if err.status() == 401 {
        // RFC 6750 §3: a 401 names the scheme the credential must use.
        let _ = headers.set(
            "www-authenticate",
            &format!("Bearer error=\"{}\"", err.error()),
        );
    }
    build(err.status(), headers, err.body())
}

/// The response for a handler's outcome.
pub(super) fn respond(route: &str, outcome: Result<Reply, ApiError>) -> ::worker::Result<Response> {
    Ok(match outcome {
        Ok(reply) => build(reply.status, headers(), reply.body),
        Err(err) => error_response(route, &err),
    })
}

/// Gives the router's own answers (plain-text 404 and 405) and any error that escaped a
/// handler the JSON shape of every other error.
pub(super) fn finish(routed: ::worker::Result<Response>, method: &Method, path: &str) -> Response {
    match routed {
        Ok(response) => {
            let ours = matches!(response.headers().get("content-type"), Ok(Some(_)));
            match response.status_code() {
                404 if !ours => error_response(path, &ApiError::not_found()),
                405 if !ours => error_response(path, &ApiError::method_not_allowed(allowed(path))),
                _ => response,
            }
        }
        Err(err) => {
            let err = ApiError::from(crate::Error::Internal(format!("{method:?}: {err}")));
            error_response("router", &err)
        }
    }
}

/// The methods a known path serves (the router only answers 405 for known paths).
fn allowed(path: &str) -> &'static str {
    match path {
        "/healthz" | "/v1/userinfo" => "GET",
        _ => "POST",
    }
}
