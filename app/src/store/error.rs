//! Errors of the storage layer, with the step that failed.

/// A storage failure. Domain refusals are not errors here: they are results.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL is not usable: {0}")]
    BadUrl(String),
    #[error("database unreachable: {0}")]
    Unavailable(#[source] sqlx::Error),
    #[error("database error while trying to {context}: {source}")]
    Query {
        context: &'static str,
        #[source]
        source: sqlx::Error,
    },
    #[error("could not encode a query argument: {0}")]
    Encode(String),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("stored data is not readable: {0}")]
    Corrupt(String),
    #[error("operation id {0} was already used for a different request")]
    OperationConflict(String),
    #[error("not found")]
    NotFound,
}

impl StoreError {
    /// Whether trying the same transaction again may succeed: lock contention, a serialization
    /// failure or deadlock in PostgreSQL, or a pool that is momentarily exhausted.
    pub fn is_transient(&self) -> bool {
        let source = match self {
            StoreError::Query { source, .. } | StoreError::Unavailable(source) => source,
            _ => return false,
        };
        match source {
            sqlx::Error::PoolTimedOut => true,
            sqlx::Error::Database(db) => {
                let code = db.code().map(|c| c.to_string()).unwrap_or_default();
                // SQLite: 5 BUSY, 6 LOCKED (and extended codes ending in them);
                // PostgreSQL: 40001 serialization failure, 40P01 deadlock.
                matches!(code.as_str(), "5" | "6" | "261" | "262" | "517" | "40001" | "40P01")
            }
            _ => false,
        }
    }

    /// A unique constraint refused a row (two requests raced to insert the same thing): the
    /// loser's retry finds the winner's row and answers from it.
    pub fn is_unique_violation(&self) -> bool {
        match self {
            StoreError::Query { source: sqlx::Error::Database(db), .. } => db.is_unique_violation(),
            _ => false,
        }
    }

    /// Whether the database itself is out of reach (as opposed to a bad query).
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Unavailable(_) => true,
            StoreError::Query { source, .. } => matches!(source, sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) | sqlx::Error::PoolClosed),
            _ => false,
        }
    }
}

/// Adds the failed step to a sqlx error: `.await.context("list facilities")?`.
pub trait ResultExt<T> {
    fn context(self, what: &'static str) -> Result<T, StoreError>;
}

impl<T> ResultExt<T> for Result<T, sqlx::Error> {
    fn context(self, what: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Query { context: what, source })
    }
}
