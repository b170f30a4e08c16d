//! The axum server of 渝北托育: configuration, router, start-up and shutdown. `main.rs` is a thin
//! entry; tests build the same router with `router::build` on a port of their own.

pub mod api_v1;
pub mod backup;
pub mod bench;
pub mod client_files;
pub mod config;
pub mod router;
pub mod security;
pub mod sms;
pub mod startup;
