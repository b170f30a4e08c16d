//! Test databases and a running server on port 0, fresh for every test.

use std::net::SocketAddr;

use app::domain::calendar::Timestamp;
use app::state::{AppState, Clock};
use app::store::Store;

/// A fixed "now" for tests: 2026-11-29 04:00 UTC (12:00 in Chongqing).
pub const NOW: Timestamp = Timestamp(1_795_924_800);

/// Connections per test database: many tests run at once against one PostgreSQL.
const TEST_POOL_SIZE: u32 = 4;

/// Logs of the server under test, shown with a failing test's output (`TEST_LOG` sets the filter).
pub fn init_test_logging() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let filter = std::env::var("TEST_LOG").unwrap_or_else(|_| "warn".to_string());
        let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
    });
}

/// PostgreSQL server used to create throwaway databases.
fn postgres_admin_url() -> String {
    std::env::var("TUOYU_TEST_POSTGRES_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string())
}

fn unique_name() -> String {
    format!("tuoyu_test_{}", uuid::Uuid::new_v4().simple())
}

/// A database that exists for one test and is removed afterwards.
pub struct TestDb {
    pub store: Store,
    cleanup: Cleanup,
}

enum Cleanup {
    SqliteFile(std::path::PathBuf),
    PostgresDatabase(String),
}

impl TestDb {
    pub async fn sqlite() -> TestDb {
        let path = std::env::temp_dir().join(format!("{}.db", unique_name()));
        let store = Store::open(&format!("sqlite://{}", path.display()), TEST_POOL_SIZE).await.expect("open test SQLite database");
        TestDb { store, cleanup: Cleanup::SqliteFile(path) }
    }

    /// A fresh PostgreSQL database, or `None` when PostgreSQL is not reachable and we are not
    /// on CI. Under `CI=true` an unreachable PostgreSQL fails the test: it must not be skipped.
    pub async fn postgres() -> Option<TestDb> {
        let admin_url = postgres_admin_url();
        let admin = match sqlx::PgPool::connect(&admin_url).await {
            Ok(pool) => pool,
            Err(error) => {
                if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
                    panic!("CI=true but PostgreSQL at {admin_url} is not reachable: {error}");
                }
                eprintln!("skipping PostgreSQL test: {admin_url} not reachable ({error}); set CI=true to make this an error");
                return None;
            }
        };
        let name = unique_name();
        sqlx::query(&format!("CREATE DATABASE {name}")).execute(&admin).await.expect("create test database");
        admin.close().await;
        let url = replace_database(&admin_url, &name);
        let store = Store::open(&url, TEST_POOL_SIZE).await.expect("open test PostgreSQL database");
        Some(TestDb { store, cleanup: Cleanup::PostgresDatabase(name) })
    }
}

fn replace_database(url: &str, database: &str) -> String {
    let (base, _) = url.rsplit_once('/').expect("database URL has a path");
    format!("{base}/{database}")
}

impl Drop for TestDb {
    fn drop(&mut self) {
        match &self.cleanup {
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresDatabase(name) => {
                // Drop runs outside async; use a short-lived runtime on its own thread.
                let name = name.clone();
                let admin_url = postgres_admin_url();
                let _ = std::thread::spawn(move || {
                    let Ok(runtime) = tokio::runtime::Builder::new_current_thread().enable_all().build() else {
                        return;
                    };
                    runtime.block_on(async move {
                        if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&admin).await;
                            admin.close().await;
                        }
                    });
                })
                .join();
            }
        }
    }
}

/// A server on a free port of 127.0.0.1 over `store`, stopped when dropped.
pub struct TestServer {
    pub addr: SocketAddr,
    pub client: reqwest::Client,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestServer {
    pub async fn start(store: Store) -> TestServer {
        init_test_logging();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind port 0");
        let addr = listener.local_addr().expect("local address");
        let config = server::config::Config::from_values(&Default::default()).expect("default config");
        let state = AppState {
            leptos_options: server::startup::leptos_options(&config),
            store,
            clock: Clock::Fixed(NOW),
            auth: server::startup::auth_settings(&config),
            code_sender: std::sync::Arc::new(app::auth::codes::LogSender),
        };
        let security = server::startup::security_settings(&config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let _ = server::startup::serve(listener, state, security, async move {
                let _ = rx.await;
            })
            .await;
        });
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        TestServer { addr, client, _shutdown: tx }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{}", self.addr, path)
    }

    pub async fn get(&self, path: &str) -> (u16, String) {
        let response = self.client.get(self.url(path)).send().await.expect("request");
        let status = response.status().as_u16();
        (status, response.text().await.expect("body"))
    }
}

/// Loads the standard demo data set.
pub async fn with_demo_data(store: &Store) {
    let loaded = app::demo::load_if_empty(store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW)
        .await
        .expect("load demo data");
    assert_eq!(loaded, app::demo::DEFAULT_FACILITIES);
}

/// Declares one test per backend running the same body: `mod name { sqlite, postgres }`.
macro_rules! both_backends {
    ($(#[$meta:meta])* $name:ident, |$store:ident| $body:block) => {
        $(#[$meta])*
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            async fn run($store: app::store::Store) $body

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::TestDb::sqlite().await;
                run(db.store.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(db) = $crate::support::TestDb::postgres().await else { return };
                run(db.store.clone()).await;
            }
        }
    };
}
pub(crate) use both_backends;
