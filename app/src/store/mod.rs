//! The storage port: every SQL statement of the product lives under this folder, one file per
//! capability, all methods of one `Store` that the server passes around as state.

pub mod accounts;
pub mod activities;
pub mod audit;
pub mod backup;
pub mod booking;
pub mod children;
pub mod complaints;
pub mod db;
pub mod directory;
pub mod expert;
pub mod fees;
pub mod filings;
pub mod gallery;
pub mod error;
pub mod guidance;
pub mod inspections;
pub mod lessons;
pub mod operations;
pub mod preferences;
pub mod ratings;
pub mod roster;
pub mod subsidies;

pub use db::{Backend, Db, Durability, Tx};

use crate::args;
pub use error::StoreError;

/// The product's storage. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Store {
    db: Db,
}

impl Store {
    /// Connects and brings the schema up to date.
    pub async fn open(database_url: &str, max_connections: u32) -> Result<Store, StoreError> {
        Store::open_with(database_url, max_connections, Durability::Full).await
    }

    /// Like [`Store::open`], choosing SQLite's durability (PostgreSQL ignores it).
    pub async fn open_with(database_url: &str, max_connections: u32, durability: Durability) -> Result<Store, StoreError> {
        let db = Db::connect(database_url, max_connections, durability).await?;
        db.migrate().await?;
        let store = Store { db };
        store.backfill_search_initials().await?;
        Ok(store)
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn backend(&self) -> Backend {
        self.db.backend()
    }

    /// Reads a value of the `meta` table.
    pub async fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        #[derive(sqlx::FromRow)]
        struct Value {
            value: String,
        }
        let row: Option<Value> = self.db.fetch_optional("read meta", "SELECT value FROM meta WHERE key = $1", args![key]).await?;
        Ok(row.map(|r| r.value))
    }

    /// Sets a key of the `meta` table (insert or replace).
    pub async fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.db
            .execute(
                "write meta",
                "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                args![key, value],
            )
            .await?;
        Ok(())
    }
}
