//! Start-up and shutdown: open the database, load demo data once, listen, and stop cleanly.

use std::future::Future;
use std::net::SocketAddr;

use std::sync::Arc;

use app::auth::codes::{CodeSender, LogSender};
use app::auth::session::Cookies;
use app::auth::AuthSettings;
use app::domain::calendar::Timestamp;
use app::state::{AppState, Clock};
use app::store::{Durability, Store, StoreError};
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
    #[error("refusing a production start: {0}")]
    Production(String),
    #[error("cannot create the administrator: {0}")]
    Admin(String),
    #[error("lesson, guidance or policy files cannot be used:\n{0}")]
    Lessons(String),
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
    let durability = if config.sqlite_synchronous_full { Durability::Full } else { Durability::Normal };
    Store::open_with(&config.database_url, config.database_max_connections, durability)
        .await
        .map_err(|source| StartupError::Database { url: redact_url(&config.database_url), source })
}

/// Production refuses what is only fit for a laptop.
fn check_production(config: &Config) -> Result<(), StartupError> {
    if !config.production {
        return Ok(());
    }
    if config.secret == crate::config::DEVELOPMENT_SECRET || config.secret.len() < 32 {
        return Err(StartupError::Production("set TUOYU_SECRET to a random value of 32 or more characters".into()));
    }
    if config.load_demo_data {
        return Err(StartupError::Production("demo data is on: set TUOYU_DEMO_DATA=off".into()));
    }
    Ok(())
}

/// Production refuses a database that holds demo facilities or demo accounts.
async fn check_production_data(config: &Config, store: &Store) -> Result<(), StartupError> {
    if !config.production {
        return Ok(());
    }
    refuse_demo_database(store).await
}

/// A database with demo facilities or demo accounts is not fit for production use (nor for a
/// benchmark to write into a production database).
pub async fn refuse_demo_database(store: &Store) -> Result<(), StartupError> {
    let (facilities, accounts) = store.count_demo_records().await.map_err(StartupError::DemoData)?;
    if facilities > 0 || accounts > 0 {
        return Err(StartupError::Production(format!(
            "the database holds demo data ({facilities} demo facilities, {accounts} demo accounts); point DATABASE_URL at a database without demo data"
        )));
    }
    Ok(())
}

/// The `meta` key that marks a database once a production server has started on it.
const DEPLOYMENT_KEY: &str = "deployment";

/// Benchmarks and demo loading write invented data: they refuse a production configuration
/// and any database a production server has ever started on.
pub async fn refuse_production_database(config: &Config, store: &Store) -> Result<(), StartupError> {
    if config.production {
        return Err(StartupError::Production("TUOYU_ENV=production: benchmarks and demo data never touch a production database".into()));
    }
    if store.meta(DEPLOYMENT_KEY).await.map_err(StartupError::DemoData)?.as_deref() == Some("production") {
        return Err(StartupError::Production(
            "this database has served production (meta deployment=production): benchmarks and demo data never touch it".into(),
        ));
    }
    Ok(())
}

/// The sign-in code sender: the configured SMS provider, or the development sender, which
/// production refuses.
fn code_sender(config: &Config) -> Result<Arc<dyn CodeSender>, StartupError> {
    match &config.sms {
        Some(sms) => {
            let sender = crate::sms::TencentSmsSender::new(sms.clone()).map_err(|e| StartupError::Production(e.to_string()))?;
            Ok(Arc::new(sender))
        }
        None if config.production => Err(StartupError::Production(
            "no SMS provider is configured for sign-in codes: set TUOYU_SMS_PROVIDER=tencent and its TUOYU_SMS_* settings (README)".into(),
        )),
        None => Ok(Arc::new(LogSender)),
    }
}

/// Authentication settings from the configuration.
pub fn auth_settings(config: &Config) -> AuthSettings {
    AuthSettings {
        secret: Arc::from(config.secret.as_bytes()),
        cookies: Cookies { secure: config.secure_cookies },
        dev_tools: !config.production,
    }
}

/// Everything the server needs, with demo data loaded into an empty database when enabled.
pub async fn prepare(config: &Config) -> Result<AppState, StartupError> {
    check_production(config)?;
    let lessons = app::content::lessons::Catalogue::check_embedded().map_err(StartupError::Lessons)?;
    tracing::info!(lessons, "parenting lessons read");
    app::content::guidance::Guidance::check_embedded().map_err(StartupError::Lessons)?;
    let policies = app::content::policies::PolicyCatalogue::check_embedded().map_err(StartupError::Lessons)?;
    tracing::info!(policies, "policy entries read");
    let code_sender = code_sender(config)?;
    let store = open_store(config).await?;
    check_production_data(config, &store).await?;
    if config.production {
        store.set_meta(DEPLOYMENT_KEY, "production").await.map_err(StartupError::DemoData)?;
    }
    let clock = Clock::System;
    if config.load_demo_data {
        let loaded = app::demo::load_if_empty(&store, config.demo_seed, config.demo_facilities, clock.now())
            .await
            .map_err(StartupError::DemoData)?;
        if loaded > 0 {
            tracing::info!(facilities = loaded, seed = config.demo_seed, "loaded demo data into the empty database");
            let accounts = app::demo::seed_demo_accounts(&store, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(accounts, "created demo staff accounts (see README)");
            let ratings = app::demo::load_ratings(&store, config.demo_seed, config.demo_facilities, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(ratings, "added demo families' ratings");
            let fees = app::demo::load_demo_fees(&store, config.demo_seed, config.demo_facilities, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(fees, "published demo fee schedules");
            let staff = app::demo::load_demo_rosters(&store, config.demo_seed, config.demo_facilities, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(staff, "listed demo staff rosters");
            let snapshots = app::demo::load_demo_snapshots(&store, config.demo_seed, config.demo_facilities, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(snapshots, "recorded demo enrolment of past months");
            let complaints = app::demo::load_demo_complaints(&store, config.demo_seed, config.demo_facilities, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(complaints, "added demo complaints");
            let progress = app::demo::load_demo_lesson_progress(&store, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(progress, "added demo families' lesson progress");
            let activities = app::demo::load_demo_activities_and_questions(&store, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(activities, "added demo activities, the demo expert and its answers");
            let filings = app::demo::load_demo_filings(&store, clock.now()).await.map_err(StartupError::DemoData)?;
            tracing::info!(filings, "added demo organisations' filings");
        }
    }
    Ok(AppState {
        leptos_options: leptos_options(config),
        store,
        clock,
        auth: auth_settings(config),
        code_sender,
        offer_hours: config.offer_hours,
        complaint_limits: config.complaint_limits,
        filing_review_working_days: config.filing_review_working_days,
        service_worker: config.service_worker,
    })
}

/// Creates an administrator account (the first one of a deployment): the username and password
/// follow the same rules as on the administrator page.
pub async fn create_admin(config: &Config, username: &str, display_name: &str, password: &str) -> Result<i64, StartupError> {
    let username = username.trim().to_ascii_lowercase();
    let valid = (3..=32).contains(&username.len()) && username.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-_.".contains(&b));
    if !valid {
        return Err(StartupError::Admin("the username takes 3–32 lower-case letters, digits, '-', '_' or '.'".into()));
    }
    let display_name = display_name.trim();
    if display_name.is_empty() || display_name.chars().count() > 40 {
        return Err(StartupError::Admin("the display name takes 1–40 characters".into()));
    }
    if let Err(problem) = app::auth::password::check_policy(password, &[&username, display_name]) {
        let why = match problem {
            app::auth::password::PasswordProblem::TooShort => "at least 8 characters",
            app::auth::password::PasswordProblem::TooLong => "at most 128 characters",
            app::auth::password::PasswordProblem::TooCommon => "too common or easy to guess",
        };
        return Err(StartupError::Admin(format!("password refused: {why}")));
    }
    let password_hash = app::auth::password::hash(password).map_err(StartupError::Admin)?;
    let store = open_store(config).await?;
    let staff = app::store::accounts::NewStaff {
        role: app::domain::account::roles::Role::Admin,
        username: username.clone(),
        password_hash,
        display_name: display_name.to_string(),
        totp_secret: None,
        is_demo: false,
    };
    let created = store.create_staff(&staff, now()).await.map_err(StartupError::DemoData)?;
    if let Some(id) = created {
        store.audit(now(), "console", "account.create", &format!("admin:{id}"), "console", "ok").await.map_err(StartupError::DemoData)?;
    }
    store.db().close().await;
    created.ok_or_else(|| StartupError::Admin(format!("the username {username} is taken")))
}

/// Loads `count` demo facilities and their demo ratings into the configured database (for
/// benchmarks); `busy`: (facility id, n) gives that facility n more ratings.
pub async fn seed_demo(config: &Config, seed: u64, count: usize, busy: Option<(i64, usize)>) -> Result<usize, StartupError> {
    let store = open_store(config).await?;
    refuse_production_database(config, &store).await?;
    let now = Clock::System.now();
    let loaded = app::demo::load_if_empty(&store, seed, count, now).await.map_err(StartupError::DemoData)?;
    if loaded > 0 {
        app::demo::load_ratings(&store, seed, count, now).await.map_err(StartupError::DemoData)?;
        if let Some((facility_id, n)) = busy {
            app::demo::load_busy_ratings(&store, seed, count, facility_id, n, now).await.map_err(StartupError::DemoData)?;
        }
    }
    store.db().close().await;
    Ok(loaded)
}

/// Serves until `shutdown` completes, then finishes the requests in flight and closes the
/// database (SQLite checkpoints its write-ahead log on close).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    security: crate::security::SecuritySettings,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let store = state.store.clone();
    let due_work = tokio::spawn(run_due_work_forever(state.clone()));
    let router = crate::router::build(state, security);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown)
        .await?;
    due_work.abort();
    store.db().close().await;
    Ok(())
}

/// How often expired offers and lapsed waitlist entries are looked for.
const DUE_WORK_INTERVAL: std::time::Duration = std::time::Duration::from_secs(30);

/// Releases expired offers (promoting the next child), lapses unrenewed waitlist entries and
/// sends renewal reminders and marks overdue complaints, every [`DUE_WORK_INTERVAL`]; once a
/// day, brings the facilities' stored rating figures up to date, records each facility's
/// enrolment for the month (the last record of a month stands for it) and reminds parents of
/// health checks in the coming week. Each row is claimed in its own
/// transaction, so several server processes may run this at once.
async fn run_due_work_forever(state: AppState) {
    let mut ticks = tokio::time::interval(DUE_WORK_INTERVAL);
    ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    // The day the stored rating figures were last brought up to date (ratings age).
    let mut figures_day = None;
    // The day the classes' monthly fees were last brought up to the fees in force.
    let mut fees_day = None;
    // The day the reminders of health checks in the coming week were last sent.
    let mut reminders_day = None;
    // The day each facility's enrolment was last recorded for the month (subsidy figures).
    let mut snapshot_day = None;
    loop {
        ticks.tick().await;
        let today = app::domain::calendar::CivilDate::in_china_at(state.clock.now());
        if reminders_day != Some(today) {
            match app::api::lessons::guide::server::send_check_reminders(&state.store, state.clock.now()).await {
                Ok(sent) => {
                    reminders_day = Some(today);
                    if sent > 0 {
                        tracing::info!(sent, "health check reminders sent");
                    }
                }
                Err(error) => tracing::warn!(?error, "health check reminders not sent; will try again"),
            }
        }
        if fees_day != Some(today) {
            match state.store.apply_due_fees(today).await {
                Ok(changed) => {
                    fees_day = Some(today);
                    if changed > 0 {
                        tracing::info!(changed, "class fees brought up to the fees in force");
                    }
                }
                Err(error) => tracing::warn!(%error, "class fees not brought up to date; will try again"),
            }
        }
        if snapshot_day != Some(today) {
            match state.store.record_enrolment_snapshots(state.clock.now()).await {
                Ok(_) => snapshot_day = Some(today),
                Err(error) => tracing::warn!(%error, "enrolment not recorded for the month; will try again"),
            }
        }
        if figures_day != Some(today) {
            match state.store.refresh_rating_figures(today).await {
                Ok(refreshed) => {
                    figures_day = Some(today);
                    if refreshed > 0 {
                        tracing::info!(refreshed, "rating figures brought up to date");
                    }
                }
                Err(error) => tracing::warn!(%error, "rating figures not refreshed; will try again"),
            }
        }
        match state.store.run_due_work(state.clock.now(), state.offer_hours).await {
            Ok(0) => {}
            Ok(changed) => tracing::info!(changed, "due booking work done"),
            Err(error) => tracing::warn!(%error, "due booking work failed; will try again"),
        }
        match state.store.mark_overdue_complaints(state.clock.now()).await {
            Ok(marked) if marked.is_empty() => {}
            Ok(marked) => tracing::info!(overdue = marked.len(), "overdue complaints marked; the lead department was told"),
            Err(error) => tracing::warn!(%error, "overdue complaints not marked; will try again"),
        }
    }
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
    use super::{check_production, redact_url};
    use crate::config::Config;

    fn config(pairs: &[(&str, &str)]) -> Config {
        Config::from_values(&pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()).expect("config")
    }

    #[test]
    fn production_refuses_the_default_secret_and_demo_data() {
        assert!(check_production(&config(&[])).is_ok(), "development starts as it is");
        let default_secret = check_production(&config(&[("TUOYU_ENV", "production"), ("TUOYU_DEMO_DATA", "off")]));
        assert!(default_secret.is_err_and(|e| e.to_string().contains("TUOYU_SECRET")));
        let secret = "0123456789abcdef0123456789abcdef";
        let demo = check_production(&config(&[("TUOYU_ENV", "production"), ("TUOYU_SECRET", secret)]));
        assert!(demo.is_err_and(|e| e.to_string().contains("TUOYU_DEMO_DATA")));
        assert!(check_production(&config(&[("TUOYU_ENV", "production"), ("TUOYU_SECRET", secret), ("TUOYU_DEMO_DATA", "off")])).is_ok());
    }

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/tuoyu"), "postgres://app:***@db:5432/tuoyu");
        assert_eq!(redact_url("postgres://root@127.0.0.1/test"), "postgres://root@127.0.0.1/test");
        assert_eq!(redact_url("sqlite://data/tuoyu.db"), "sqlite://data/tuoyu.db");
    }
}

/// The security layer's settings from the configuration.
pub fn security_settings(config: &Config) -> crate::security::SecuritySettings {
    crate::security::SecuritySettings {
        trusted_proxies: Arc::new(config.trusted_proxies.clone()),
        https: config.https,
        session_cookie: Cookies { secure: config.secure_cookies }.session_name(),
    }
}
