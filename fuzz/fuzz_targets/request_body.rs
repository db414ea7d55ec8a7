//! The Worker's request parsing: any body under any content type, path segment and
//! Authorization header must give a request or a 4xx error, never a panic or a 5xx.
#![no_main]

use edge_tokens::api;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let content_type = match selector % 4 {
        0 => Some("application/json"),
        1 => Some("application/json; charset=utf-8"),
        2 => None,
        _ => Some("text/plain"),
    };
    let outcomes = [
        api::parse_issue_request(content_type, body).err(),
        api::parse_refresh_request(content_type, body).err(),
        api::parse_revoke_request(content_type, body).err(),
    ];
    for err in outcomes.into_iter().flatten() {
        assert!((400..500).contains(&err.status()), "{err:?}");
        assert!(!err.body().is_empty());
    }
    let text = String::from_utf8_lossy(body);
    if let Err(err) = api::percent_decode_segment(&text) {
        assert_eq!(err.status(), 400);
    }
    let _ = api::check_content_length(Some(&text));
    let _ = api::bearer_credential(Some(&text));
});
