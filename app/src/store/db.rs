//! The thin per-backend layer: SQL is written once, with `$1…$n` placeholders (SQLite reads
//! `$n` as "the n-th argument" too), and runs on SQLite or PostgreSQL.
//!
//! Arguments travel as `Arg` values and rows decode through `sqlx::FromRow` implemented for both
//! backends, so store code above this file never names a backend. Integers are BIGINT in
//! PostgreSQL so that every integer column decodes as `i64` on both.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgArguments, PgConnectOptions, PgPoolOptions, PgRow};
use sqlx::sqlite::{SqliteArguments, SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteRow, SqliteSynchronous};
use sqlx::{Arguments, FromRow, PgPool, Postgres, Sqlite, SqlitePool, Transaction};

use super::error::{ResultExt, StoreError};

/// Which database a `Db` talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A bound value. Nulls are typed because PostgreSQL checks parameter types.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Int(Option<i64>),
    Real(Option<f64>),
    Text(Option<String>),
    Bool(Option<bool>),
    /// A BLOB (SQLite) or BYTEA (PostgreSQL): photos, files.
    Bytes(Option<Vec<u8>>),
}

impl From<i64> for Arg {
    fn from(v: i64) -> Self {
        Arg::Int(Some(v))
    }
}
impl From<u32> for Arg {
    fn from(v: u32) -> Self {
        Arg::Int(Some(v as i64))
    }
}
impl From<Option<i64>> for Arg {
    fn from(v: Option<i64>) -> Self {
        Arg::Int(v)
    }
}
impl From<Option<u32>> for Arg {
    fn from(v: Option<u32>) -> Self {
        Arg::Int(v.map(i64::from))
    }
}
impl From<f64> for Arg {
    fn from(v: f64) -> Self {
        Arg::Real(Some(v))
    }
}
impl From<Option<f64>> for Arg {
    fn from(v: Option<f64>) -> Self {
        Arg::Real(v)
    }
}
impl From<bool> for Arg {
    fn from(v: bool) -> Self {
        Arg::Bool(Some(v))
    }
}
impl From<Vec<u8>> for Arg {
    fn from(v: Vec<u8>) -> Self {
        Arg::Bytes(Some(v))
    }
}
impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(Some(v.to_string()))
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(Some(v))
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(Some(v.clone()))
    }
}
impl From<Option<String>> for Arg {
    fn from(v: Option<String>) -> Self {
        Arg::Text(v)
    }
}

/// Builds a `Vec<Arg>` from values in placeholder order: `args![id, name]`.
#[macro_export]
macro_rules! args {
    ($($value:expr),* $(,)?) => { vec![$($crate::store::db::Arg::from($value)),*] };
}

/// A row holding just an id (`... RETURNING id`).
#[derive(sqlx::FromRow)]
pub struct IdRow {
    pub id: i64,
}

/// A row holding just a count (`SELECT COUNT(*) AS n`).
#[derive(sqlx::FromRow)]
pub struct CountRow {
    pub n: i64,
}

/// A row type readable from both backends.
pub trait Row: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}
impl<T> Row for T where T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin {}

fn sqlite_args(args: Vec<Arg>) -> Result<SqliteArguments<'static>, StoreError> {
    let mut out = SqliteArguments::default();
    for arg in args {
        let added = match arg {
            Arg::Int(v) => out.add(v),
            Arg::Real(v) => out.add(v),
            Arg::Text(v) => out.add(v),
            Arg::Bool(v) => out.add(v),
            Arg::Bytes(v) => out.add(v),
        };
        added.map_err(|e| StoreError::Encode(e.to_string()))?;
    }
    Ok(out)
}

fn pg_args(args: Vec<Arg>) -> Result<PgArguments, StoreError> {
    let mut out = PgArguments::default();
    for arg in args {
        let added = match arg {
            Arg::Int(v) => out.add(v),
            Arg::Real(v) => out.add(v),
            Arg::Text(v) => out.add(v),
            Arg::Bool(v) => out.add(v),
            Arg::Bytes(v) => out.add(v),
        };
        added.map_err(|e| StoreError::Encode(e.to_string()))?;
    }
    Ok(out)
}

/// A pool of connections to one database. Cheap to clone; passed in as state, never global.
#[derive(Clone, Debug)]
pub struct Db {
    pool: Pool,
}

#[derive(Clone, Debug)]
enum Pool {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// SQLite's `synchronous` setting. `Full` syncs the WAL at every commit, so an acknowledged write
/// survives power loss; `Normal` may lose the last commits on power loss (never on a process
/// crash) and is faster. The booking crash benchmark measures both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    Full,
    Normal,
}

/// How long a write waits for SQLite's single writer lock before giving up.
const SQLITE_BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether a connection going back to the pool is outside any transaction (else it is closed,
/// which rolls the transaction back).
///
/// A request abandoned half-way — the phone lost its connection, a timeout — drops its futures;
/// sqlx can then return a connection whose `BEGIN` went through but whose `Transaction` was never
/// made (e.g. cancelled inside `begin_with`), so nothing would ever roll it back. On SQLite that
/// connection would hold the write lock for ever and every later write would fail. The ping
/// first lets rollbacks queued by dropped transactions run.
async fn outside_any_transaction<C: sqlx::Connection>(conn: &mut C) -> Result<bool, sqlx::Error> {
    conn.ping().await?;
    if conn.is_in_transaction() {
        tracing::warn!("a connection came back inside an abandoned transaction; closing it");
        return Ok(false);
    }
    Ok(true)
}

impl Db {
    /// Connects to `sqlite://path` (created when missing) or `postgres://…` with at most
    /// `max_connections` connections.
    pub async fn connect(url: &str, max_connections: u32, durability: Durability) -> Result<Db, StoreError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|e| StoreError::BadUrl(e.to_string()))?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // FULL: a write is on disk before it is acknowledged (see README, durability).
                .synchronous(match durability {
                    Durability::Full => SqliteSynchronous::Full,
                    Durability::Normal => SqliteSynchronous::Normal,
                })
                .foreign_keys(true)
                .busy_timeout(SQLITE_BUSY_TIMEOUT);
            let pool = SqlitePoolOptions::new()
                .max_connections(max_connections.clamp(1, 8))
                .acquire_timeout(Duration::from_secs(15))
                .after_release(|conn, _| Box::pin(async move { outside_any_transaction(conn).await }))
                .connect_with(options)
                .await
                .map_err(StoreError::Unavailable)?;
            Ok(Db { pool: Pool::Sqlite(pool) })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url).map_err(|e| StoreError::BadUrl(e.to_string()))?;
            let pool = PgPoolOptions::new()
                .max_connections(max_connections.max(1))
                .acquire_timeout(Duration::from_secs(15))
                .after_release(|conn, _| Box::pin(async move { outside_any_transaction(conn).await }))
                .connect_with(options)
                .await
                .map_err(StoreError::Unavailable)?;
            Ok(Db { pool: Pool::Postgres(pool) })
        } else {
            Err(StoreError::BadUrl("DATABASE_URL must start with sqlite: or postgres:".into()))
        }
    }

    pub fn backend(&self) -> Backend {
        match self.pool {
            Pool::Sqlite(_) => Backend::Sqlite,
            Pool::Postgres(_) => Backend::Postgres,
        }
    }

    /// Applies the migrations of this backend that have not run yet.
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match &self.pool {
            Pool::Sqlite(pool) => {
                // Foreign keys are off while SQLite migrations run: a migration that rebuilds a
                // table (SQLite's only way to change a CHECK) must not cascade the drop of the
                // old table to the rows referring to it. Every reference is checked afterwards.
                let mut conn = pool.acquire().await.map_err(StoreError::Unavailable)?;
                sqlx::query("PRAGMA foreign_keys = OFF").execute(&mut *conn).await.map_err(StoreError::Unavailable)?;
                let migrated = sqlx::migrate!("./migrations/sqlite").run(&mut *conn).await;
                let broken: Vec<SqliteRow> = sqlx::query("PRAGMA foreign_key_check").fetch_all(&mut *conn).await.map_err(StoreError::Unavailable)?;
                sqlx::query("PRAGMA foreign_keys = ON").execute(&mut *conn).await.map_err(StoreError::Unavailable)?;
                migrated?;
                if !broken.is_empty() {
                    return Err(StoreError::Corrupt(format!("{} rows refer to missing rows after migrating", broken.len())));
                }
            }
            Pool::Postgres(pool) => sqlx::migrate!("./migrations/postgres").run(pool).await?,
        }
        Ok(())
    }

    /// Closes every connection (at shutdown, so SQLite checkpoints its WAL).
    pub async fn close(&self) {
        match &self.pool {
            Pool::Sqlite(pool) => pool.close().await,
            Pool::Postgres(pool) => pool.close().await,
        }
    }

    pub async fn fetch_all<T: Row>(&self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<Vec<T>, StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query_as_with(sql, sqlite_args(args)?).fetch_all(p).await.context(what),
            Pool::Postgres(p) => sqlx::query_as_with(sql, pg_args(args)?).fetch_all(p).await.context(what),
        }
    }

    pub async fn fetch_optional<T: Row>(&self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<Option<T>, StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query_as_with(sql, sqlite_args(args)?).fetch_optional(p).await.context(what),
            Pool::Postgres(p) => sqlx::query_as_with(sql, pg_args(args)?).fetch_optional(p).await.context(what),
        }
    }

    pub async fn fetch_one<T: Row>(&self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<T, StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query_as_with(sql, sqlite_args(args)?).fetch_one(p).await.context(what),
            Pool::Postgres(p) => sqlx::query_as_with(sql, pg_args(args)?).fetch_one(p).await.context(what),
        }
    }

    /// Runs a statement outside a transaction; returns the rows it affected.
    pub async fn execute(&self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<u64, StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => sqlx::query_with(sql, sqlite_args(args)?).execute(p).await.context(what).map(|r| r.rows_affected()),
            Pool::Postgres(p) => sqlx::query_with(sql, pg_args(args)?).execute(p).await.context(what).map(|r| r.rows_affected()),
        }
    }

    /// Checks that the database answers (for `/healthz`).
    pub async fn ping(&self) -> Result<(), StoreError> {
        self.execute("ping", "SELECT 1", vec![]).await.map(|_| ())
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`)
    /// so a transaction that reads before it writes cannot fail half-way with SQLITE_BUSY.
    pub async fn begin_write(&self) -> Result<Tx, StoreError> {
        match &self.pool {
            Pool::Sqlite(p) => p.begin_with("BEGIN IMMEDIATE").await.context("begin write transaction").map(Tx::Sqlite),
            Pool::Postgres(p) => p.begin().await.context("begin write transaction").map(Tx::Postgres),
        }
    }
}

/// An open transaction; dropped without `commit` it rolls back.
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn fetch_all<T: Row>(&mut self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<Vec<T>, StoreError> {
        match self {
            Tx::Sqlite(t) => sqlx::query_as_with(sql, sqlite_args(args)?).fetch_all(&mut **t).await.context(what),
            Tx::Postgres(t) => sqlx::query_as_with(sql, pg_args(args)?).fetch_all(&mut **t).await.context(what),
        }
    }

    pub async fn fetch_optional<T: Row>(&mut self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<Option<T>, StoreError> {
        match self {
            Tx::Sqlite(t) => sqlx::query_as_with(sql, sqlite_args(args)?).fetch_optional(&mut **t).await.context(what),
            Tx::Postgres(t) => sqlx::query_as_with(sql, pg_args(args)?).fetch_optional(&mut **t).await.context(what),
        }
    }

    pub async fn fetch_one<T: Row>(&mut self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<T, StoreError> {
        match self {
            Tx::Sqlite(t) => sqlx::query_as_with(sql, sqlite_args(args)?).fetch_one(&mut **t).await.context(what),
            Tx::Postgres(t) => sqlx::query_as_with(sql, pg_args(args)?).fetch_one(&mut **t).await.context(what),
        }
    }

    pub async fn execute(&mut self, what: &'static str, sql: &str, args: Vec<Arg>) -> Result<u64, StoreError> {
        match self {
            Tx::Sqlite(t) => sqlx::query_with(sql, sqlite_args(args)?).execute(&mut **t).await.context(what).map(|r| r.rows_affected()),
            Tx::Postgres(t) => sqlx::query_with(sql, pg_args(args)?).execute(&mut **t).await.context(what).map(|r| r.rows_affected()),
        }
    }

    pub async fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.commit().await.context("commit"),
            Tx::Postgres(t) => t.commit().await.context("commit"),
        }
    }

    pub async fn rollback(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(t) => t.rollback().await.context("rollback"),
            Tx::Postgres(t) => t.rollback().await.context("rollback"),
        }
    }
}

/// Builds SQL with a varying number of conditions, numbering placeholders as it goes.
#[derive(Default, Debug)]
pub struct SqlBuilder {
    sql: String,
    args: Vec<Arg>,
}

impl SqlBuilder {
    pub fn new(start: &str) -> Self {
        SqlBuilder { sql: start.to_string(), args: Vec::new() }
    }

    /// Appends SQL text as is.
    pub fn push(&mut self, sql: &str) -> &mut Self {
        self.sql.push_str(sql);
        self
    }

    /// Appends a placeholder for `value`.
    pub fn arg(&mut self, value: impl Into<Arg>) -> &mut Self {
        self.args.push(value.into());
        self.sql.push('$');
        self.sql.push_str(&self.args.len().to_string());
        self
    }

    /// Appends another builder's SQL, renumbering its placeholders to follow this one's.
    pub fn append(&mut self, other: SqlBuilder) -> &mut Self {
        let offset = self.args.len();
        let mut rest = other.sql.as_str();
        while let Some(pos) = rest.find('$') {
            self.sql.push_str(&rest[..pos]);
            let digits: String = rest[pos + 1..].chars().take_while(|c| c.is_ascii_digit()).collect();
            match digits.parse::<usize>() {
                Ok(n) => {
                    self.sql.push('$');
                    self.sql.push_str(&(n + offset).to_string());
                }
                Err(_) => self.sql.push('$'),
            }
            rest = &rest[pos + 1 + digits.len()..];
        }
        self.sql.push_str(rest);
        self.args.extend(other.args);
        self
    }

    pub fn finish(self) -> (String, Vec<Arg>) {
        (self.sql, self.args)
    }
}
