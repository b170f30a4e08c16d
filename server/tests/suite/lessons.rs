//! Lesson progress and the reach figure in the store, on both databases: each step once, the
//! first reading kept, the newest answer kept, and the district figure counted in SQL exactly
//! as the domain defines it (`reach::learned_at`, `reach::family_reached`).

use app::domain::account::child::{ChildProfile, Relation, Sex};
use app::domain::calendar::{CivilDate, Timestamp};
use app::domain::lesson::progress::ProgressStep;
use app::domain::lesson::reach::{family_reached, learned_at, window_start};
use app::store::operations::Operation;
use app::store::Store;
use app::store::StoreError;

use crate::ratings::op;
use crate::support::{both_backends, NOW};

const ANSWERED: ProgressStep = ProgressStep::Answered { correct: 2, questions: 3 };

async fn parent(store: &Store, phone: &str, births: &[CivilDate]) -> i64 {
    let account = store.parent_for_phone(phone, NOW).await.expect("parent");
    store.grant_consent(account.id, "test", "test", NOW).await.expect("consent");
    for birth in births {
        let child = ChildProfile { name: "小禾".into(), birth_date: *birth, sex: Sex::Female, relation: Relation::Mother, id_number: None };
        store.insert_child(account.id, &child, NOW).await.expect("child");
    }
    account.id
}

/// Reads `lesson` at `read` and answers its check at `answered` (each its own operation).
async fn learn(store: &Store, account: i64, lesson: &str, read: Timestamp, answered: Option<Timestamp>) {
    store.record_lesson_progress(&op("lesson.progress", &(lesson, "read")), account, lesson, None, &ProgressStep::Read, read).await.expect("read");
    if let Some(at) = answered {
        store.record_lesson_progress(&op("lesson.progress", &(lesson, "answered")), account, lesson, None, &ANSWERED, at).await.expect("answered");
    }
}

both_backends!(a_step_is_applied_once_and_keeps_the_first_reading, |store| {
    let account = parent(&store, "13700000001", &[CivilDate::parse("2025-06-15").expect("date")]).await;
    let reading = op("lesson.progress", &"read");
    let first = store.record_lesson_progress(&reading, account, "care-00-06-sleep-awake", None, &ProgressStep::Read, NOW).await.expect("read");
    assert_eq!(first.read_at, Some(NOW.0));
    // The same operation again (a retry, a replayed queue) answers the first result.
    let later = Timestamp(NOW.0 + 600);
    let replay = store.record_lesson_progress(&reading, account, "care-00-06-sleep-awake", None, &ProgressStep::Read, later).await.expect("replay");
    assert_eq!(replay, first);
    // Reading again later keeps the first reading; answers replace the last answers.
    store.record_lesson_progress(&op("lesson.progress", &"read again"), account, "care-00-06-sleep-awake", None, &ProgressStep::Read, later).await.expect("read again");
    let answered = store
        .record_lesson_progress(&op("lesson.progress", &"answered"), account, "care-00-06-sleep-awake", None, &ProgressStep::Answered { correct: 1, questions: 2 }, later)
        .await
        .expect("answered");
    assert_eq!((answered.read_at, answered.answered_at, answered.correct, answered.questions), (Some(NOW.0), Some(later.0), Some(1), Some(2)));
    let again = store
        .record_lesson_progress(&op("lesson.progress", &"answered again"), account, "care-00-06-sleep-awake", None, &ProgressStep::Answered { correct: 2, questions: 2 }, Timestamp(later.0 + 60))
        .await
        .expect("answered again");
    assert_eq!(again.correct, Some(2));
    assert_eq!(store.lesson_progress_of(account).await.expect("progress").len(), 1, "one row per family and lesson");
    // The same operation id with another request is refused and changes nothing.
    let reused = Operation::new(reading.id.clone(), reading.actor.clone(), "lesson.progress", &"another lesson").expect("operation");
    let conflict = store.record_lesson_progress(&reused, account, "play-00-06-tummy-time", None, &ProgressStep::Read, later).await;
    assert!(matches!(conflict, Err(StoreError::OperationConflict(_))), "{conflict:?}");
    assert_eq!(store.lesson_progress_of(account).await.expect("progress").len(), 1);
});

both_backends!(the_reach_figure_counts_families_as_the_domain_defines_them, |store| {
    let today = CivilDate::in_china_at(NOW);
    let since = window_start(today);
    let toddler = CivilDate::parse("2025-06-15").expect("date");
    let lessons = ["care-00-06-sleep-awake", "play-00-06-tummy-time", "feeding-06-12-first-foods"];

    // Reached: three lessons learned in the window, one of them at its very first second.
    let reached = parent(&store, "13700000011", &[toddler]).await;
    learn(&store, reached, lessons[0], Timestamp(since.0 - 86_400), Some(since)).await;
    learn(&store, reached, lessons[1], NOW, Some(NOW)).await;
    learn(&store, reached, lessons[2], NOW, Some(NOW)).await;
    // Not reached: one of the three was learned a second before the window.
    let too_early = parent(&store, "13700000012", &[toddler]).await;
    learn(&store, too_early, lessons[0], Timestamp(since.0 - 10), Some(Timestamp(since.0 - 1))).await;
    learn(&store, too_early, lessons[1], NOW, Some(NOW)).await;
    learn(&store, too_early, lessons[2], NOW, Some(NOW)).await;
    // Not reached: three read, only two checks answered.
    let unanswered = parent(&store, "13700000013", &[toddler]).await;
    learn(&store, unanswered, lessons[0], NOW, Some(NOW)).await;
    learn(&store, unanswered, lessons[1], NOW, Some(NOW)).await;
    learn(&store, unanswered, lessons[2], NOW, None).await;
    // A family whose child is under 3 and that read nothing.
    let none = parent(&store, "13700000014", &[toddler]).await;
    // Not families of the figure: a child who turned 3 today, and no child at all, even
    // though both learned three lessons.
    let turned_three = parent(&store, "13700000015", &[today.years_before(3)]).await;
    let childless = parent(&store, "13700000016", &[]).await;
    for account in [turned_three, childless] {
        for lesson in lessons {
            learn(&store, account, lesson, NOW, Some(NOW)).await;
        }
    }

    let reach = store.lesson_reach(today).await.expect("reach");
    assert_eq!((reach.families, reach.reached), (4, 1));

    // The SQL and the domain agree: the domain's verdict on each family's stored progress.
    let mut reached_by_domain = 0;
    for account in [reached, too_early, unanswered, none] {
        let learned: Vec<Timestamp> = store
            .lesson_progress_of(account)
            .await
            .expect("progress")
            .into_iter()
            .filter_map(|p| learned_at(p.read_at.map(Timestamp), p.answered_at.map(Timestamp)))
            .collect();
        reached_by_domain += u64::from(family_reached(&learned, today));
    }
    assert_eq!(reach.reached, reached_by_domain);
});

both_backends!(a_health_check_is_reminded_once_in_the_week_before_it, |store| {
    // The suite's today is 29 November 2026: a child born on 2 June 2025 has its 18-month check
    // on 2 December, three days ahead; one born on 20 July 2025 has nothing due this week.
    assert_eq!(CivilDate::in_china_at(NOW), CivilDate::parse("2026-11-29").expect("date"));
    let birth = CivilDate::parse("2025-06-02").expect("date");
    let reminded = parent(&store, "13700000021", &[birth]).await;
    let quiet = parent(&store, "13700000022", &[CivilDate::parse("2025-07-20").expect("date")]).await;
    let sent = app::api::lessons::guide::server::send_check_reminders(&store, NOW).await.expect("reminders");
    let again = app::api::lessons::guide::server::send_check_reminders(&store, NOW).await.expect("reminders again");
    assert_eq!((sent, again), (1, 0), "born {birth}");
    let notices = store.notices_of(reminded).await.expect("notices");
    assert_eq!(notices.iter().filter(|n| n.kind == "guide.check_due").count(), 1);
    assert!(store.notices_of(quiet).await.expect("notices").is_empty());
});
