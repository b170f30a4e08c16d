//! Test databases and a running server on port 0, fresh for every test.

use std::net::SocketAddr;

use app::domain::calendar::Timestamp;

use app::state::{AppState, Clock};
use app::store::Store;

/// A fixed "now" for tests: 2026-11-29 04:00 UTC (12:00 in Chongqing).
pub const NOW: Timestamp = Timestamp(1_795_924_800);

/// Connections per test database: many tests run at once against one PostgreSQL.
const TEST_POOL_SIZE: u32 = 8;

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
                note_skipped_postgres_test();
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

/// Counts a skipped PostgreSQL test in the file named by `TUOYU_TEST_SKIP_LOG` (one line each),
/// so that `make test` can say how many were skipped: cargo hides a passing test's output.
fn note_skipped_postgres_test() {
    use std::io::Write;
    if let Ok(path) = std::env::var("TUOYU_TEST_SKIP_LOG") {
        if let Ok(mut file) = std::fs::OpenOptions::new().create(true).append(true).open(path) {
            let _ = writeln!(file, "skipped");
        }
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
    pub store: Store,
    /// The server's clock: tests move it forward to expire codes and sessions.
    pub clock: std::sync::Arc<std::sync::atomic::AtomicI64>,
    _shutdown: tokio::sync::oneshot::Sender<()>,
}

impl TestServer {
    pub async fn start(store: Store) -> TestServer {
        Self::start_with(store, &[]).await
    }

    /// A server with configuration variables set, e.g. `("TUOYU_SECURE_COOKIES", "on")`.
    pub async fn start_with(store: Store, settings: &[(&str, &str)]) -> TestServer {
        init_test_logging();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind port 0");
        listener.set_nonblocking(true).expect("non-blocking listener");
        let addr = listener.local_addr().expect("local address");
        let values = settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        let config = server::config::Config::from_values(&values).expect("test config");
        let clock = std::sync::Arc::new(std::sync::atomic::AtomicI64::new(NOW.0));
        let state = AppState {
            leptos_options: server::startup::leptos_options(&config),
            store: store.clone(),
            clock: Clock::Manual(clock.clone()),
            auth: server::startup::auth_settings(&config),
            code_sender: std::sync::Arc::new(app::auth::codes::LogSender),
            offer_hours: config.offer_hours,
            complaint_limits: config.complaint_limits,
            filing_review_working_days: config.filing_review_working_days,
            service_worker: config.service_worker,
        };
        let security = server::startup::security_settings(&config);
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else { return };
            let _ = server::startup::serve(listener, state, security, async move {
                let _ = rx.await;
            })
            .await;
        });
        let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
        TestServer { addr, client, store, clock, _shutdown: tx }
    }

    /// Moves the server's clock forward.
    pub fn advance(&self, seconds: i64) {
        self.clock.fetch_add(seconds, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn now(&self) -> Timestamp {
        Timestamp(self.clock.load(std::sync::atomic::Ordering::SeqCst))
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

/// A browser-like session: the cookies the server set.
#[derive(Clone, Debug, Default)]
pub struct Cookies(pub std::collections::BTreeMap<String, String>);

impl Cookies {
    pub fn header(&self) -> String {
        self.0.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("; ")
    }

    /// Applies a response's Set-Cookie headers.
    pub fn absorb(&mut self, response: &reqwest::Response) {
        for value in response.headers().get_all("set-cookie") {
            let Ok(text) = value.to_str() else { continue };
            let pair = text.split(';').next().unwrap_or_default();
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || text.contains("Max-Age=0") {
                    self.0.remove(name);
                } else {
                    self.0.insert(name.to_string(), value.to_string());
                }
            }
        }
    }
}

/// What a call answered.
pub struct Answer {
    pub status: u16,
    pub body: serde_json::Value,
    pub headers: reqwest::header::HeaderMap,
}

impl TestServer {
    /// Calls a server function with form fields (POST), as a browser would.
    pub async fn call(&self, cookies: &mut Cookies, endpoint: &str, form: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("cookie", cookies.header())
            .form(form)
            .send()
            .await
            .expect("request");
        Self::answer(cookies, response).await
    }

    /// Reads through a server function (GET) with query parameters.
    pub async fn read(&self, cookies: &mut Cookies, endpoint: &str, query: &[(&str, &str)]) -> Answer {
        let response = self
            .client
            .get(self.url(&format!("/api/{endpoint}")))
            .header("cookie", cookies.header())
            .query(query)
            .send()
            .await
            .expect("request");
        Self::answer(cookies, response).await
    }

    async fn answer(cookies: &mut Cookies, response: reqwest::Response) -> Answer {
        cookies.absorb(&response);
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let text = response.text().await.expect("body");
        let body = serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text));
        Answer { status, body, headers }
    }

    /// Signs a parent in with a text-message code read from the development inbox.
    pub async fn sign_in_parent(&self, phone: &str) -> Cookies {
        let mut cookies = Cookies::default();
        let sent = self.call(&mut cookies, "request_login_code", &[("phone", phone)]).await;
        assert_eq!(sent.status, 200, "{}", sent.body);
        let code = self.inbox_code(phone).await;
        let signed_in = self.call(&mut cookies, "verify_login_code", &[("phone", phone), ("code", &code)]).await;
        assert_eq!(signed_in.status, 200, "{}", signed_in.body);
        cookies
    }

    /// The code of the latest message to `phone`.
    pub async fn inbox_code(&self, phone: &str) -> String {
        let message = self.store.dev_inbox_latest(phone).await.expect("inbox").expect("a message");
        message.chars().filter(|c| c.is_ascii_digit()).take(6).collect()
    }

    /// Signs a demo staff member in with password and the current TOTP code.
    pub async fn sign_in_staff(&self, username: &str) -> Cookies {
        let mut cookies = Cookies::default();
        let first = self.call(&mut cookies, "staff_sign_in", &[("username", username), ("password", app::demo::DEMO_STAFF_PASSWORD)]).await;
        assert_eq!(first.status, 200, "{}", first.body);
        // Each sign-in needs a fresh time step: move on 30 seconds.
        self.advance(30);
        let code = app::auth::totp::current_code(app::demo::DEMO_TOTP_SECRET, self.now().0).expect("code");
        let second = self.call(&mut cookies, "staff_second_factor", &[("code", &code)]).await;
        assert_eq!(second.status, 200, "{}", second.body);
        cookies
    }
}

/// Demo facilities and the demo staff accounts.
pub async fn with_demo_accounts(store: &Store) {
    with_demo_data(store).await;
    app::demo::seed_demo_accounts(store, NOW).await.expect("demo accounts");
}
