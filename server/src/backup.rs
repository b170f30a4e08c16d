//! `server backup --to FILE` (while the server runs) and `server restore --from FILE` (server
//! stopped) for the embedded SQLite database. PostgreSQL: pg_dump / pg_restore (README).

use std::path::{Path, PathBuf};

use app::store::backup::{check_sqlite_file, BackupProblem};

use crate::config::Config;
use crate::startup::{self, StartupError};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Startup(#[from] StartupError),
    #[error(transparent)]
    Problem(#[from] BackupProblem),
    #[error("DATABASE_URL is not a SQLite file: back up PostgreSQL with pg_dump (README)")]
    NotSqlite,
    #[error("a server answers on {0}: stop it before restoring (a running server would keep writing to the old file)")]
    ServerRunning(std::net::SocketAddr),
    #[error("{path}: {source}")]
    File { path: String, source: std::io::Error },
}

/// The file behind a `sqlite://path[?options]` URL.
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

fn file_error(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::File { path: path.display().to_string(), source }
}

/// Copies the configured database into `to` (a new file) and checks the copy.
pub async fn backup(config: &Config, to: &Path) -> Result<u64, BackupError> {
    if sqlite_path(&config.database_url).is_none() {
        return Err(BackupError::NotSqlite);
    }
    let store = startup::open_store(config).await?;
    let result = store.backup_into(to).await;
    store.db().close().await;
    result?;
    check_sqlite_file(to).await?;
    let bytes = std::fs::metadata(to).map_err(file_error(to))?.len();
    Ok(bytes)
}

/// Replaces the configured database with the copy in `from`, after checking the copy's
/// integrity. The server must be stopped. The file is copied next to the database, synced,
/// and renamed over it, so a crash half-way leaves either the old or the new database.
pub async fn restore(config: &Config, from: &Path) -> Result<PathBuf, BackupError> {
    let target = sqlite_path(&config.database_url).ok_or(BackupError::NotSqlite)?;
    if tokio::net::TcpStream::connect(config.addr).await.is_ok() {
        return Err(BackupError::ServerRunning(config.addr));
    }
    check_sqlite_file(from).await?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(file_error(dir))?;
    }
    let staging = target.with_extension("restoring");
    std::fs::copy(from, &staging).map_err(file_error(&staging))?;
    std::fs::File::open(&staging).and_then(|f| f.sync_all()).map_err(file_error(&staging))?;
    check_sqlite_file(&staging).await?;
    // The old database's write-ahead log belongs to the old file: it must not be replayed
    // onto the restored one.
    for suffix in ["-wal", "-shm"] {
        let side = PathBuf::from(format!("{}{suffix}", target.display()));
        match std::fs::remove_file(&side) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(source) => return Err(BackupError::File { path: side.display().to_string(), source }),
        }
    }
    std::fs::rename(&staging, &target).map_err(file_error(&target))?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        // Make the rename itself durable.
        std::fs::File::open(dir).and_then(|d| d.sync_all()).map_err(file_error(dir))?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_urls_name_their_file() {
        assert_eq!(sqlite_path("sqlite://data/tuoyu.db").as_deref(), Some(std::path::Path::new("data/tuoyu.db")));
        assert_eq!(sqlite_path("sqlite:///var/lib/tuoyu.db?mode=rwc").as_deref(), Some(std::path::Path::new("/var/lib/tuoyu.db")));
        assert_eq!(sqlite_path("postgres://x@y/z"), None);
        assert_eq!(sqlite_path("sqlite::memory:"), None);
    }
}
