//! The Cloudflare Worker (feature `worker`): a router of small handlers over [`crate::api`] and
//! the session lifecycle, with refresh-token records in the `REFRESH_TOKENS` KV namespace.
//!
//! Handlers parse, call the core and format; they never return `Err` to the runtime, so every
//! failure reaches the caller as a JSON error with a stable code (see `docs/http-api.md`).

mod handlers;
mod kv_store;
mod reply;

use ::worker::{event, Context, Env, Request, Response, Result, Router};

#[event(fetch)]
async fn fetch(req: Request, env: Env, _ctx: Context) -> Result<Response> {
    let method = req.method();
    let path = req.path();
    let routed = Router::new()
        .get_async("/healthz", handlers::health)
        .post_async("/v1/tokens", handlers::issue)
        .post_async("/v1/tokens/refresh", handlers::refresh)
        .post_async("/v1/tokens/revoke", handlers::revoke)
        .get_async("/v1/userinfo", handlers::userinfo)
        .post_async("/v1/users/:user_id/revoke", handlers::revoke_user)
        .run(req, env)
        .await;
    Ok(reply::finish(routed, &method, &path))
}
