//! Backups of the embedded SQLite database: a consistent copy taken while the server serves
//! (`VACUUM INTO` reads one snapshot), and the checks a copy must pass before it is restored.
//! PostgreSQL deployments use `pg_dump` (see the README).

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection};
use std::str::FromStr;

use super::db::Backend;
use super::{Store, StoreError};
use crate::args;

/// What a backup check found wrong.
#[derive(Debug, thiserror::Error)]
pub enum BackupProblem {
    #[error("only the embedded SQLite database is backed up this way; back up PostgreSQL with pg_dump (README)")]
    NotSqlite,
    #[error("{0} already exists; choose a new file name")]
    TargetExists(String),
    #[error("{path} is not a readable SQLite database: {reason}")]
    Unreadable { path: String, reason: String },
    #[error("{path} fails SQLite's integrity check: {report}")]
    Damaged { path: String, report: String },
    #[error("{0} is not a 渝北托育 database (no migration history)")]
    Foreign(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(sqlx::FromRow)]
struct IntegrityRow {
    integrity_check: String,
}

impl Store {
    /// Writes a consistent copy of the whole database to `path` (a new file) while other
    /// connections keep reading and writing: every write committed before the copy's read
    /// transaction began is in it, nothing half-done is.
    pub async fn backup_into(&self, path: &std::path::Path) -> Result<(), BackupProblem> {
        if self.backend() != Backend::Sqlite {
            return Err(BackupProblem::NotSqlite);
        }
        if path.exists() {
            return Err(BackupProblem::TargetExists(path.display().to_string()));
        }
        let target = path.to_string_lossy().to_string();
        self.db().execute("back up the database", "VACUUM INTO $1", args![target]).await?;
        Ok(())
    }
}

/// Checks a SQLite file without changing it: it opens read-only, passes
/// `PRAGMA integrity_check` and carries this product's migration history.
pub async fn check_sqlite_file(path: &std::path::Path) -> Result<(), BackupProblem> {
    let shown = path.display().to_string();
    let unreadable = |e: sqlx::Error| BackupProblem::Unreadable { path: shown.clone(), reason: e.to_string() };
    let options = SqliteConnectOptions::from_str(&format!("sqlite://{shown}"))
        .map_err(unreadable)?
        .read_only(true)
        .create_if_missing(false);
    let mut conn = options.connect().await.map_err(unreadable)?;
    let report: Vec<IntegrityRow> = sqlx::query_as("PRAGMA integrity_check").fetch_all(&mut conn).await.map_err(unreadable)?;
    let report: Vec<String> = report.into_iter().map(|r| r.integrity_check).collect();
    if report != ["ok"] {
        let _ = conn.close().await;
        return Err(BackupProblem::Damaged { path: shown, report: report.join("; ") });
    }
    let migrations: Option<(i64,)> =
        sqlx::query_as("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlx_migrations'").fetch_optional(&mut conn).await.map_err(unreadable)?;
    let _ = conn.close().await;
    if migrations.map(|(n,)| n) != Some(1) {
        return Err(BackupProblem::Foreign(shown));
    }
    Ok(())
}
