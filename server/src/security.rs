//! Layers every request passes through: the client's real address, refusal of cross-site
//! state changes (CSRF), and the security headers of every response (CSP, HSTS over https,
//! no caching of personal responses).

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use app::auth::viewer::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// What the security layers need to know.
#[derive(Clone, Debug)]
pub struct SecuritySettings {
    /// Proxies whose `X-Forwarded-For` is believed. Empty: the peer address is the client.
    pub trusted_proxies: Arc<Vec<IpAddr>>,
    /// Served over https (adds HSTS).
    pub https: bool,
    /// Name of the session cookie, to recognise personal responses.
    pub session_cookie: &'static str,
}

/// The client address: the peer, or — only when the peer is a trusted proxy — the last address
/// in `X-Forwarded-For` that is not itself a trusted proxy. A client cannot escape a rate limit
/// by sending its own `X-Forwarded-For`.
pub fn client_ip(peer: IpAddr, forwarded_for: Option<&str>, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let Some(chain) = forwarded_for else {
        return peer;
    };
    chain
        .split(',')
        .rev()
        .filter_map(|hop| hop.trim().parse::<IpAddr>().ok())
        .find(|hop| !trusted.contains(hop))
        .unwrap_or(peer)
}

/// A state-changing request from another site is refused: `Sec-Fetch-Site` must be
/// same-origin (or absent / `none`), and an `Origin` header must name this host.
pub fn is_cross_site(method: &Method, sec_fetch_site: Option<&str>, origin: Option<&str>, host: Option<&str>) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = sec_fetch_site {
        if !matches!(site, "same-origin" | "none") {
            return true;
        }
    }
    match (origin, host) {
        (Some("null"), _) => true,
        (Some(origin), Some(host)) => {
            let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or(origin);
            !origin_host.eq_ignore_ascii_case(host)
        }
        (Some(_), None) => true,
        (None, _) => false,
    }
}

/// The whole layer: client address in, cross-site writes out, headers on.
pub async fn layer(State(settings): State<SecuritySettings>, mut request: Request, next: Next) -> Response {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip()).unwrap_or(IpAddr::from([127, 0, 0, 1]));
    let forwarded = request.headers().get("x-forwarded-for").and_then(|v| v.to_str().ok());
    let ip = client_ip(peer, forwarded, &settings.trusted_proxies);
    request.extensions_mut().insert(ClientIp(ip.to_string()));

    let headers = request.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if is_cross_site(request.method(), text("sec-fetch-site"), text("origin"), text("host")) {
        tracing::warn!(client = %ip, path = %request.uri().path(), "refused a cross-site state-changing request");
        let body = serde_json::json!({ "code": "cross_site_refused" }).to_string();
        return (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response();
    }
    let personal = text("cookie").is_some_and(|c| c.contains(settings.session_cookie));
    let is_static = request.uri().path().starts_with("/pkg/");

    let mut response: Response<Body> = next.run(request).await;
    let has_policy = response.headers().contains_key(header::CONTENT_SECURITY_POLICY);
    let headers = response.headers_mut();
    let mut set = |name: header::HeaderName, value: &str| {
        if let Ok(value) = HeaderValue::from_str(value) {
            headers.insert(name, value);
        }
    };
    // Pages set their own policy naming their scripts' nonce (see app::app::shell).
    if !has_policy {
        set(header::CONTENT_SECURITY_POLICY, &app::auth::content_security_policy(None));
    }
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, "same-origin");
    set(header::X_FRAME_OPTIONS, "DENY");
    set(header::HeaderName::from_static("permissions-policy"), "geolocation=(self), camera=(), microphone=(), payment=()");
    set(header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    if settings.https {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    if !is_static {
        if personal {
            set(header::CACHE_CONTROL, "no-store");
        } else if !response.headers().contains_key(header::CACHE_CONTROL) {
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
        }
        response.headers_mut().append(header::VARY, HeaderValue::from_static("Cookie"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("ip")
    }

    #[test]
    fn a_forwarded_header_from_an_untrusted_peer_is_ignored() {
        assert_eq!(client_ip(ip("203.0.113.9"), Some("1.2.3.4"), &[]), ip("203.0.113.9"));
    }

    #[test]
    fn behind_a_trusted_proxy_the_last_untrusted_hop_is_the_client() {
        let proxy = ip("10.0.0.2");
        // The client prepended a fake address; the proxy appended the real one.
        assert_eq!(client_ip(proxy, Some("1.2.3.4, 198.51.100.7"), &[proxy]), ip("198.51.100.7"));
        assert_eq!(client_ip(proxy, None, &[proxy]), proxy);
    }

    #[test]
    fn cross_site_writes_are_refused_and_reads_are_not() {
        let post = Method::POST;
        assert!(is_cross_site(&post, Some("cross-site"), None, Some("a.example")));
        assert!(is_cross_site(&post, None, Some("https://evil.example"), Some("a.example")));
        assert!(is_cross_site(&post, None, Some("null"), Some("a.example")));
        assert!(!is_cross_site(&post, Some("same-origin"), Some("http://a.example"), Some("a.example")));
        assert!(!is_cross_site(&post, None, None, Some("a.example")), "non-browser clients send neither");
        assert!(!is_cross_site(&Method::GET, Some("cross-site"), Some("https://evil.example"), Some("a.example")));
    }
}
