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

/// The per-response Content-Security-Policy nonce, put into request extensions by the server's
/// security layer; Leptos adds it to the inline scripts it renders.
#[derive(Clone, Debug)]
pub struct CspNonce(pub String);
