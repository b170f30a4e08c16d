//! Backups of the embedded SQLite database: a copy taken in the middle of a write burst
//! restores to a database that passes `integrity_check` and holds every write acknowledged
//! before the backup began. (PostgreSQL is backed up with pg_dump: see the README.)

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use app::store::Store;

use crate::support::NOW;

fn temp_path(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("tuoyu_backup_{}_{name}", uuid::Uuid::new_v4().simple()))
}

fn config(database: &std::path::Path) -> server::config::Config {
    // Restoring refuses while a server answers on TUOYU_ADDR: point it at a port nobody uses.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("port").local_addr().expect("addr");
    let values: HashMap<String, String> = [
        ("DATABASE_URL".to_string(), format!("sqlite://{}", database.display())),
        ("TUOYU_ADDR".to_string(), free.to_string()),
    ]
    .into_iter()
    .collect();
    server::config::Config::from_values(&values).expect("config")
}

fn remove(path: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_taken_during_a_write_burst_restores_with_every_acknowledged_write() {
    let live = temp_path("live.db");
    let copy = temp_path("copy.db");
    let restored = temp_path("restored.db");
    let store = Store::open(&format!("sqlite://{}", live.display()), 8).await.expect("open");

    // Four writers append audit entries as fast as they can until told to stop.
    let acknowledged = Arc::new(Mutex::new(Vec::<u64>::new()));
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = tokio::task::JoinSet::new();
    for writer in 0..4u64 {
        let (store, acknowledged, stop) = (store.clone(), acknowledged.clone(), stop.clone());
        writers.spawn(async move {
            let mut n = 0u64;
            while !stop.load(Ordering::SeqCst) {
                let id = writer * 1_000_000 + n;
                store.audit(NOW, "backup-test", "write", &format!("write:{id}"), "127.0.0.1", "ok").await.expect("write");
                acknowledged.lock().expect("lock").push(id);
                n += 1;
            }
        });
    }
    // Let the burst run, then take the backup while it goes on.
    while acknowledged.lock().expect("lock").len() < 300 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    let before_backup: Vec<u64> = acknowledged.lock().expect("lock").clone();
    let bytes = server::backup::backup(&config(&live), &copy).await.expect("backup during the burst");
    assert!(bytes > 0);
    let during = acknowledged.lock().expect("lock").len();
    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    stop.store(true, Ordering::SeqCst);
    while let Some(done) = writers.join_next().await {
        done.expect("writer");
    }
    assert!(acknowledged.lock().expect("lock").len() > during, "the burst went on after the backup");
    store.db().close().await;

    // A copy that exists is never overwritten.
    let again = server::backup::backup(&config(&live), &copy).await;
    assert!(again.is_err_and(|e| e.to_string().contains("already exists")));

    let target = server::backup::restore(&config(&restored), &copy).await.expect("restore");
    assert_eq!(target, restored);
    app::store::backup::check_sqlite_file(&restored).await.expect("the restored database passes integrity_check");
    let restored_store = Store::open(&format!("sqlite://{}", restored.display()), 2).await.expect("open restored");
    #[derive(sqlx::FromRow)]
    struct Target {
        target: String,
    }
    let rows: Vec<Target> = restored_store
        .db()
        .fetch_all("restored writes", "SELECT target FROM audit_log WHERE actor = 'backup-test'", app::args![])
        .await
        .expect("read");
    let present: std::collections::HashSet<String> = rows.into_iter().map(|r| r.target).collect();
    let missing: Vec<&u64> = before_backup.iter().filter(|id| !present.contains(&format!("write:{id}"))).collect();
    assert!(missing.is_empty(), "{} writes acknowledged before the backup are missing, e.g. {:?}", missing.len(), missing.first());
    restored_store.db().close().await;

    // A damaged file is refused before anything is replaced.
    let damaged = temp_path("damaged.db");
    std::fs::write(&damaged, b"not a database at all").expect("write");
    let refused = server::backup::restore(&config(&restored), &damaged).await;
    assert!(refused.is_err(), "a file that is no database is not restored");
    app::store::backup::check_sqlite_file(&restored).await.expect("the earlier restore is untouched");
    for path in [&live, &copy, &restored, &damaged] {
        remove(path);
    }
}

#[tokio::test]
async fn restoring_refuses_while_a_server_answers_on_the_configured_address() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let mut values: HashMap<String, String> = HashMap::new();
    values.insert("DATABASE_URL".into(), format!("sqlite://{}", temp_path("x.db").display()));
    values.insert("TUOYU_ADDR".into(), listener.local_addr().expect("addr").to_string());
    let config = server::config::Config::from_values(&values).expect("config");
    let refused = server::backup::restore(&config, &temp_path("none.db")).await;
    assert!(refused.is_err_and(|e| e.to_string().contains("stop it")));
}
