//! The exactly-once mechanism on both backends: every write carries a client operation id.

use std::sync::Arc;

use app::domain::operation::OperationId;
use app::store::directory::ConfirmFigures;
use app::store::operations::Operation;
use app::store::{Store, StoreError};

use crate::support::{both_backends, with_demo_data, NOW};

fn new_id() -> OperationId {
    OperationId::parse(&uuid::Uuid::new_v4().to_string()).expect("uuid")
}

#[derive(serde::Serialize)]
struct ConfirmRequest {
    class_id: i64,
    staffed_capacity: u32,
    enrolled: u32,
}

fn confirm_op(id: OperationId, actor: &str, class_id: i64, staffed_capacity: u32, enrolled: u32) -> Operation {
    Operation::new(id, actor, "class.confirm_figures", &ConfirmRequest { class_id, staffed_capacity, enrolled }).expect("operation")
}

/// A class with room to play: filed capacity at least 10.
async fn roomy_class(store: &Store) -> (i64, u32) {
    let generated = app::demo::generate(app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW);
    let class = generated.iter().flat_map(|f| f.classes.iter()).find(|c| c.filed_capacity >= 10 && c.held == 0).expect("a roomy class");
    let stored = store.classes_of(&[class.facility_id]).await.expect("classes");
    assert!(stored.iter().any(|c| c.id == class.id));
    (class.id, class.filed_capacity)
}

both_backends!(a_replayed_operation_returns_the_first_result_and_applies_once, |store| {
    with_demo_data(&store).await;
    let (class_id, filed) = roomy_class(&store).await;
    let op = confirm_op(new_id(), "operator:1", class_id, filed, 3);
    let first = store.confirm_class_figures(&op, class_id, filed, 3, NOW, 48).await.expect("first");
    assert!(matches!(first, ConfirmFigures::Confirmed { enrolled: 3, .. }));
    // A later replay (say, after a lost response) must not run again, even with a new clock.
    let later = app::domain::calendar::Timestamp(NOW.0 + 3600);
    let replay = store.confirm_class_figures(&op, class_id, filed, 3, later, 48).await.expect("replay");
    assert_eq!(replay, first);
    assert_eq!(store.count_figure_confirmations(class_id).await.expect("count"), 1);
});

both_backends!(concurrent_replays_of_one_operation_create_one_row, |store| {
    with_demo_data(&store).await;
    let (class_id, filed) = roomy_class(&store).await;
    let op = Arc::new(confirm_op(new_id(), "operator:1", class_id, filed, 2));
    let mut tasks = Vec::new();
    for _ in 0..12 {
        let (store, op) = (store.clone(), op.clone());
        tasks.push(tokio::spawn(async move { store.confirm_class_figures(&op, class_id, filed, 2, NOW, 48).await }));
    }
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("join").expect("every replay succeeds"));
    }
    assert!(results.windows(2).all(|w| w[0] == w[1]), "all replays see the same result");
    assert_eq!(store.count_figure_confirmations(class_id).await.expect("count"), 1);
});

both_backends!(distinct_concurrent_operations_are_all_applied, |store| {
    with_demo_data(&store).await;
    let (class_id, filed) = roomy_class(&store).await;
    let mut tasks = Vec::new();
    for i in 0..16u32 {
        let store = store.clone();
        let enrolled = i % (filed.min(10));
        tasks.push(tokio::spawn(async move {
            let op = confirm_op(new_id(), "operator:1", class_id, filed, enrolled);
            store.confirm_class_figures(&op, class_id, filed, enrolled, NOW, 48).await
        }));
    }
    for task in tasks {
        let result = task.await.expect("join").expect("no write is lost to lock contention");
        assert!(matches!(result, ConfirmFigures::Confirmed { .. }));
    }
    assert_eq!(store.count_figure_confirmations(class_id).await.expect("count"), 16);
});

both_backends!(an_operation_id_reused_for_another_request_is_refused, |store| {
    with_demo_data(&store).await;
    let (class_id, filed) = roomy_class(&store).await;
    let id = new_id();
    store.confirm_class_figures(&confirm_op(id.clone(), "operator:1", class_id, filed, 1), class_id, filed, 1, NOW, 48).await.expect("first");
    let different = confirm_op(id, "operator:1", class_id, filed, 5);
    let result = store.confirm_class_figures(&different, class_id, filed, 5, NOW, 48).await;
    assert!(matches!(result, Err(StoreError::OperationConflict(_))), "{result:?}");
    assert_eq!(store.count_figure_confirmations(class_id).await.expect("count"), 1);
});

both_backends!(another_account_cannot_replay_an_operation_id, |store| {
    with_demo_data(&store).await;
    let (class_id, filed) = roomy_class(&store).await;
    let id = new_id();
    store.confirm_class_figures(&confirm_op(id.clone(), "operator:1", class_id, filed, 1), class_id, filed, 1, NOW, 48).await.expect("first");
    let stolen = confirm_op(id, "operator:2", class_id, filed, 1);
    let result = store.confirm_class_figures(&stolen, class_id, filed, 1, NOW, 48).await;
    assert!(matches!(result, Err(StoreError::OperationConflict(_))), "{result:?}");
});

both_backends!(a_refusal_is_a_result_that_changes_nothing_and_replays_the_same, |store| {
    with_demo_data(&store).await;
    let (class_id, filed) = roomy_class(&store).await;
    let facility_of = |store: Store| async move {
        let facility_id = app::demo::generate(app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW)
            .into_iter()
            .flat_map(|f| f.classes)
            .find(|c| c.id == class_id)
            .map(|c| c.facility_id)
            .expect("class exists");
        store.classes_of(&[facility_id]).await.expect("classes")
    };
    let before = facility_of(store.clone()).await;
    let op = confirm_op(new_id(), "operator:1", class_id, filed, filed + 1);
    let refused = store.confirm_class_figures(&op, class_id, filed, filed + 1, NOW, 48).await.expect("refusal is not an error");
    assert!(matches!(refused, ConfirmFigures::Refused(_)), "{refused:?}");
    assert_eq!(store.confirm_class_figures(&op, class_id, filed, filed + 1, NOW, 48).await.expect("replay"), refused);
    assert_eq!(store.count_figure_confirmations(class_id).await.expect("count"), 0);
    assert_eq!(facility_of(store.clone()).await, before);
});

both_backends!(an_unknown_class_is_refused_without_a_change, |store| {
    let op = confirm_op(new_id(), "operator:1", 999_999, 10, 1);
    let result = store.confirm_class_figures(&op, 999_999, 10, 1, NOW, 48).await.expect("result");
    assert_eq!(result, ConfirmFigures::UnknownClass);
});

// Requests abandoned at any point of a write — the phone lost its connection, a timeout — must
// not leave a pooled connection inside a transaction: on SQLite it would hold the write lock for
// ever and every later write would fail (this happened: sqlx can return a connection whose
// `BEGIN` went through while the future that began it was cancelled).
both_backends!(writes_abandoned_at_any_point_leave_no_transaction_open, |store| {
    use std::time::Duration;
    let db = store.db().clone();
    let mut abandoned = Vec::new();
    for i in 0..200u64 {
        let db = db.clone();
        abandoned.push(tokio::spawn(async move {
            let write = async {
                let mut tx = db.begin_write().await?;
                tx.execute("probe", "SELECT 1", vec![]).await?;
                tokio::time::sleep(Duration::from_micros(i % 7 * 300)).await;
                tx.execute("probe", "SELECT 2", vec![]).await?;
                tx.commit().await
            };
            // Given up after 0–3 ms: before, while or after it begins, mid-way, or while committing.
            let _ = tokio::time::timeout(Duration::from_micros((i * 137) % 3000), write).await;
        }));
    }
    for task in abandoned {
        task.await.expect("no panic");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    for round in 0..8 {
        let mut tx = tokio::time::timeout(Duration::from_secs(5), db.begin_write())
            .await
            .unwrap_or_else(|_| panic!("write {round} waited for a lock nobody releases"))
            .expect("begins");
        tx.execute("probe", "SELECT 1", vec![]).await.expect("runs");
        tx.commit().await.expect("commits");
    }
});
