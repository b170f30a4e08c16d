//! Migrations on a SQLite database that already holds data. Migration 0016 rebuilds the
//! accounts table (SQLite's only way to change a CHECK); the rows that refer to accounts —
//! sessions, children — must all survive it, and their references must still cascade.

use std::borrow::Cow;
use std::str::FromStr;

use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};
use sqlx::Row;

#[tokio::test]
async fn rebuilding_the_accounts_table_keeps_every_row_that_refers_to_an_account() {
    let path = std::env::temp_dir().join(format!("tuoyu_migrations_{}.db", uuid::Uuid::new_v4().simple()));
    let url = format!("sqlite://{}", path.display());
    let options = SqliteConnectOptions::from_str(&url).expect("url").create_if_missing(true).foreign_keys(true);
    let pool = SqlitePoolOptions::new().max_connections(1).connect_with(options).await.expect("open");

    // The schema as it was before 0016, with a family, its session and its child.
    let mut before = sqlx::migrate!("../app/migrations/sqlite");
    before.migrations = Cow::Owned(before.migrations.iter().filter(|m| m.version < 16).cloned().collect());
    before.run(&pool).await.expect("migrations up to 0015");
    for sql in [
        "INSERT INTO accounts (id, kind, phone, display_name, created_at) VALUES (7, 'parent', '13900000777', '139****0777', 1)",
        "INSERT INTO sessions (token_hash, account_id, created_at, last_seen_at, idle_timeout, expires_at) VALUES ('h', 7, 1, 1, 60, 99)",
        "INSERT INTO children (account_id, name, birth_date, sex, relation, created_at, updated_at) VALUES (7, '小明', '2025-01-01', 'male', 'father', 1, 1)",
    ] {
        sqlx::query(sql).execute(&pool).await.expect(sql);
    }
    pool.close().await;

    // The store brings the schema up to date.
    let store = app::store::Store::open(&url, 2).await.expect("migrate to the latest schema");
    let count = |table: &'static str| {
        let store = store.clone();
        async move {
            let app::store::db::CountRow { n } = store.db().fetch_one("count", &format!("SELECT COUNT(*) AS n FROM {table}"), vec![]).await.expect("count");
            n
        }
    };
    assert_eq!((count("accounts").await, count("sessions").await, count("children").await), (1, 1, 1), "nothing lost");
    // The new kind is accepted; the references still cascade.
    store
        .db()
        .execute("applicant", "INSERT INTO accounts (kind, username, display_name, created_at) VALUES ('applicant', 'org', 'org', 2)", vec![])
        .await
        .expect("an applicant account");
    store.db().execute("delete the family", "DELETE FROM accounts WHERE id = 7", vec![]).await.expect("delete");
    assert_eq!((count("sessions").await, count("children").await), (0, 0), "deleting an account still deletes what refers to it");
    let pool = SqlitePoolOptions::new().max_connections(1).connect(&url).await.expect("reopen");
    let sql: String = sqlx::query("SELECT sql FROM sqlite_master WHERE name = 'sessions'").fetch_one(&pool).await.expect("schema").get(0);
    assert!(sql.contains("REFERENCES accounts"), "{sql}");
    pool.close().await;
    store.db().close().await;
    let _ = std::fs::remove_file(&path);
}
