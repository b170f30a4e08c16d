//! Sign-in, sessions and secrets (server only).

pub mod codes;
pub mod password;
pub mod secrets;
pub mod session;
pub mod totp;
pub mod viewer;

/// Settings of authentication, from the server's configuration.
#[derive(Clone, Debug)]
pub struct AuthSettings {
    /// Key for hashing sign-in codes and recovery codes.
    pub secret: std::sync::Arc<[u8]>,
    pub cookies: session::Cookies,
    /// Development helpers (the inbox of "sent" codes, demo TOTP codes) are reachable.
    pub dev_tools: bool,
}

/// The Content-Security-Policy of every response. Pages name the nonce Leptos put on their
/// inline scripts; other responses (data, files) allow no inline script at all. WebAssembly
/// needs `'wasm-unsafe-eval'` to compile.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let scripts = match nonce {
        Some(nonce) => format!("'self' 'nonce-{nonce}' 'wasm-unsafe-eval'"),
        None => "'self' 'wasm-unsafe-eval'".to_string(),
    };
    format!(
        "default-src 'self'; script-src {scripts}; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
}
