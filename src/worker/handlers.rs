//! One small function per route: parse the request, call the core, format the answer.

use ::worker::{Date, Env, Request, Response, Result, RouteContext};

use super::kv_store::{KvSessionStore, BINDING};
use super::reply::{respond, Reply};
use crate::api::{
    check_content_length, json_body, parse_issue_request, parse_refresh_request,
    parse_revoke_request, percent_decode_segment, ApiError, ServiceConfig, TokenResponse,
    MAX_BODY_BYTES,
};
use crate::{
    revoke_refresh_token, revoke_user as revoke_all_sessions, rotate_refresh_token, save_token,
    verify_access_token, Error, FnClock, TokenPair,
};

/// Workers' clock: `Date.now()`, which the runtime advances between I/O events only.
fn now() -> i64 {
    i64::try_from(Date::now().as_millis() / 1000).unwrap_or(i64::MAX)
}

/// Secrets and settings of this deployment, checked on every request so a fixed secret takes
/// effect without a redeploy of code; the checks cost microseconds.
fn config(env: &Env) -> Result<ServiceConfig, ApiError> {
    ServiceConfig::from_env(|name| env.secret(name).ok().map(|v| v.to_string()))
        .map_err(ApiError::from)
}

fn store(env: &Env) -> Result<KvSessionStore, ApiError> {
    env.kv(BINDING)
        .map(KvSessionStore)
        .map_err(|_| ApiError::from(Error::Config(format!("KV binding {BINDING} is missing"))))
}

fn header(req: &Request, name: &str) -> Option<String> {
    req.headers().get(name).ok().flatten()
}

/// The body, refused early when its declared length is over the cap.
async fn body(req: &mut Request) -> Result<(Option<String>, Vec<u8>), ApiError> {
    check_content_length(header(req, "content-length").as_deref())?;
    let bytes = req
        .bytes()
        .await
        .map_err(|_| ApiError::from(Error::InvalidRequest("could not read the body".into())))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ApiError::body_too_large(MAX_BODY_BYTES));
    }
    Ok((header(req, "content-type"), bytes))
}

fn tokens(status: u16, pair: TokenPair) -> Result<Reply, ApiError> {
    Ok(Reply::json(status, json_body(&TokenResponse::from(pair))?))
}

/// `GET /healthz`: the Worker is up (no configuration or KV needed).
pub(super) async fn health(_req: Request, _ctx: RouteContext<()>) -> Result<Response> {
    respond("healthz", Ok(Reply::json(200, r#"{"status":"ok"}"#.into())))
}

/// `POST /v1/tokens`: the issuer logs a user in.
pub(super) async fn issue(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    respond("issue", issue_tokens(&mut req, &ctx.env).await)
}

async fn issue_tokens(req: &mut Request, env: &Env) -> Result<Reply, ApiError> {
    let config = config(env)?;
    config
        .issuer_api_key
        .check(header(req, "authorization").as_deref())?;
    let (content_type, bytes) = body(req).await?;
    let request = parse_issue_request(content_type.as_deref(), &bytes)?;
    let pair = save_token(
        &store(env)?,
        &request.user_id,
        &request.claims,
        &config.session,
        &FnClock(now),
    )
    .await?;
    tokens(201, pair)
}

/// `POST /v1/tokens/refresh`: trade the live refresh token for a new pair.
pub(super) async fn refresh(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    respond("refresh", refresh_tokens(&mut req, &ctx.env).await)
}

async fn refresh_tokens(req: &mut Request, env: &Env) -> Result<Reply, ApiError> {
    let config = config(env)?;
    let (content_type, bytes) = body(req).await?;
    let request = parse_refresh_request(content_type.as_deref(), &bytes)?;
    let pair = rotate_refresh_token(
        &store(env)?,
        &request.refresh_token,
        &config.session,
        &FnClock(now),
    )
    .await?;
    tokens(200, pair)
}

/// `POST /v1/tokens/revoke` (RFC 7009): 200 whether or not the token was live.
pub(super) async fn revoke(mut req: Request, ctx: RouteContext<()>) -> Result<Response> {
    respond("revoke", revoke_token(&mut req, &ctx.env).await)
}

async fn revoke_token(req: &mut Request, env: &Env) -> Result<Reply, ApiError> {
    let config = config(env)?;
    let (content_type, bytes) = body(req).await?;
    let request = parse_revoke_request(content_type.as_deref(), &bytes)?;
    revoke_refresh_token(
        &store(env)?,
        &request.refresh_token,
        &config.session,
        &FnClock(now),
    )
    .await?;
    Ok(Reply::json(200, "{}".into()))
}

/// `GET /v1/userinfo`: the verified claims of the bearer access token.
pub(super) async fn userinfo(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    respond("userinfo", read_userinfo(&req, &ctx.env))
}

fn read_userinfo(req: &Request, env: &Env) -> Result<Reply, ApiError> {
    let config = config(env)?;
    let authorization = header(req, "authorization");
    let token = crate::api::bearer_credential(authorization.as_deref())?;
    let claims = verify_access_token(
        token,
        config.session.access_key(),
        config.session.verify_options(),
        &FnClock(now),
    )?;
    Ok(Reply::json(200, json_body(&claims.into_json())?))
}

/// `POST /v1/users/{user_id}/revoke`: the issuer logs a user out everywhere.
pub(super) async fn revoke_user(req: Request, ctx: RouteContext<()>) -> Result<Response> {
    respond("revoke_user", revoke_user_sessions(&req, &ctx).await)
}

async fn revoke_user_sessions(req: &Request, ctx: &RouteContext<()>) -> Result<Reply, ApiError> {
    let config = config(&ctx.env)?;
    config
        .issuer_api_key
        .check(header(req, "authorization").as_deref())?;
    let segment = ctx.param("user_id").map(String::as_str).unwrap_or_default();
    let user_id = percent_decode_segment(segment)?;
    revoke_all_sessions(&store(&ctx.env)?, &user_id, &config.session).await?;
    Ok(Reply::json(200, "{}".into()))
}
