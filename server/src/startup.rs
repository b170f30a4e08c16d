//! Start-up and shutdown: open the database, load demo data once, listen, and stop cleanly.

use std::future::Future;
use std::net::SocketAddr;

use app::domain::calendar::Timestamp;
use app::state::{AppState, Clock};
use app::store::{Store, StoreError};
use leptos::config::LeptosOptions;
use tokio::net::TcpListener;

use crate::config::Config;

/// Name of the client bundle (`name` in the workspace's leptos metadata).
pub const OUTPUT_NAME: &str = "tuoyu";

#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error("cannot create the data directory {dir}: {source}")]
    DataDir { dir: String, source: std::io::Error },
    #[error("cannot open the database at DATABASE_URL={url}: {source}. Set DATABASE_URL to a reachable sqlite:// or postgres:// URL")]
    Database { url: String, source: StoreError },
    #[error("cannot load demo data: {0}")]
    DemoData(StoreError),
    #[error("cannot listen on {addr}: {source}. Set TUOYU_ADDR to a free address")]
    Listen { addr: SocketAddr, source: std::io::Error },
}

/// The Leptos rendering options for this configuration.
pub fn leptos_options(config: &Config) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(OUTPUT_NAME)
        .site_root(config.site_root.as_str())
        .site_pkg_dir("pkg")
        .site_addr(config.addr)
        .build()
}

/// Hides the password of a database URL before it is logged.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***@{}", &url[..scheme_end], &url[at + 1..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Opens (and migrates) the database named by the configuration, creating the data directory
/// for SQLite when missing.
pub async fn open_store(config: &Config) -> Result<Store, StartupError> {
    if config.database_url.starts_with("sqlite:") {
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|source| StartupError::DataDir { dir: config.data_dir.display().to_string(), source })?;
    }
    Store::open(&config.database_url, config.database_max_connections)
        .await
        .map_err(|source| StartupError::Database { url: redact_url(&config.database_url), source })
}

/// Everything the server needs, with demo data loaded into an empty database when enabled.
pub async fn prepare(config: &Config) -> Result<AppState, StartupError> {
    let store = open_store(config).await?;
    let clock = Clock::System;
    if config.load_demo_data {
        let loaded = app::demo::load_if_empty(&store, config.demo_seed, config.demo_facilities, clock.now())
            .await
            .map_err(StartupError::DemoData)?;
        if loaded > 0 {
            tracing::info!(facilities = loaded, seed = config.demo_seed, "loaded demo data into the empty database");
        }
    }
    Ok(AppState { leptos_options: leptos_options(config), store, clock })
}

/// Loads `count` demo facilities into the configured database (for benchmarks).
pub async fn seed_demo(config: &Config, seed: u64, count: usize) -> Result<usize, StartupError> {
    let store = open_store(config).await?;
    let now = Clock::System.now();
    let loaded = app::demo::load_if_empty(&store, seed, count, now).await.map_err(StartupError::DemoData)?;
    store.db().close().await;
    Ok(loaded)
}

/// Serves until `shutdown` completes, then finishes the requests in flight and closes the
/// database (SQLite checkpoints its write-ahead log on close).
pub async fn serve(listener: TcpListener, state: AppState, shutdown: impl Future<Output = ()> + Send + 'static) -> std::io::Result<()> {
    let store = state.store.clone();
    let router = crate::router::build(state);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await?;
    store.db().close().await;
    Ok(())
}

/// Completes on SIGTERM or Ctrl-C.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::warn!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// The instant now, from the system clock.
pub fn now() -> Timestamp {
    Clock::System.now()
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/tuoyu"), "postgres://app:***@db:5432/tuoyu");
        assert_eq!(redact_url("postgres://root@127.0.0.1/test"), "postgres://root@127.0.0.1/test");
        assert_eq!(redact_url("sqlite://data/tuoyu.db"), "sqlite://data/tuoyu.db");
    }
}
