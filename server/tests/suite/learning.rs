//! Activities and expert questions in the store, on both databases: places taken by one
//! conditional update (never oversold, even by families booking at the same moment), each
//! write once by its operation id, the cancel cut-off, the first answer standing, publication
//! only when both the asker and the expert allow it, and what a deleted family leaves behind.

use app::domain::activity::{ActivityDraft, ActivityKind, Host};
use app::domain::calendar::Timestamp;
use app::domain::expert::{answer_due, ExpertRefusal, QuestionInput, QUESTIONS_PER_DAY};
use app::store::activities::Publisher;
use app::store::booking::SlotOutcome;
use app::store::expert::QuestionOutcome;
use app::store::Store;

use crate::ratings::op;
use crate::support::{both_backends, with_demo_accounts, NOW};

const HOUR: i64 = 3600;

async fn staff(store: &Store, username: &str) -> i64 {
    store.staff_by_username(username).await.expect("read staff").expect("a demo staff account").id
}

async fn parent(store: &Store, phone: &str) -> i64 {
    store.parent_for_phone(phone, NOW).await.expect("parent").id
}

/// A talk at a health centre starting `hours_ahead` from NOW with `capacity` places.
async fn talk(store: &Store, hours_ahead: i64, capacity: u32) -> i64 {
    let publisher = Publisher { account_id: staff(store, "demo-health").await, facility_id: None };
    let starts_at = Timestamp(NOW.0 + hours_ahead * HOUR);
    let draft = ActivityDraft {
        kind: ActivityKind::Talk,
        host: Host::HealthCentre,
        host_name: "双凤桥街道社区卫生服务中心".into(),
        title: "辅食添加入门讲座".into(),
        title_en: String::new(),
        place: "三楼健康教育室".into(),
        age_from: 4,
        age_to: 12,
        starts_at,
        ends_at: Timestamp(starts_at.0 + 90 * 60),
        capacity,
    };
    match store.publish_activity(&op("activity.publish", &(hours_ahead, capacity)), publisher, &draft, NOW).await.expect("publish") {
        SlotOutcome::Published { slot_id } => slot_id,
        other => panic!("not published: {other:?}"),
    }
}

async fn places_taken(store: &Store, activity: i64) -> i64 {
    #[derive(sqlx::FromRow)]
    struct Taken {
        booked: i64,
        held: i64,
    }
    let row: Taken = store
        .db()
        .fetch_one(
            "count places",
            "SELECT a.booked, (SELECT COUNT(*) FROM activity_bookings b WHERE b.activity_id = a.id AND b.state = 'booked') AS held FROM activities a WHERE a.id = $1",
            app::args![activity],
        )
        .await
        .expect("count places");
    assert_eq!(row.booked, row.held, "the counter and the bookings agree");
    row.booked
}

both_backends!(activity_places_are_taken_once_and_never_oversold, |store| {
    with_demo_accounts(&store).await;
    let activity = talk(&store, 48, 3).await;

    // Eight families at the same moment for three places: three get one, five hear "full".
    let mut tasks = Vec::new();
    for i in 0..8 {
        let store = store.clone();
        tasks.push(tokio::spawn(async move {
            let family = parent(&store, &format!("1370000{i:04}")).await;
            store.book_activity(&op("activity.book", &(family, i)), family, activity, NOW).await.expect("book")
        }));
    }
    let mut outcomes = Vec::new();
    for task in tasks {
        outcomes.push(task.await.expect("task"));
    }
    assert_eq!(outcomes.iter().filter(|o| matches!(o, SlotOutcome::Booked { .. })).count(), 3, "{outcomes:?}");
    assert_eq!(outcomes.iter().filter(|o| matches!(o, SlotOutcome::Full)).count(), 5, "{outcomes:?}");
    assert_eq!(places_taken(&store, activity).await, 3);

    // A family books once: the replay answers the same booking, a second try is refused.
    let other = talk(&store, 72, 10).await;
    let family = parent(&store, "13700009999").await;
    let booking = op("activity.book", &"mine");
    let first = store.book_activity(&booking, family, other, NOW).await.expect("book");
    let SlotOutcome::Booked { booking_id } = first else { panic!("not booked: {first:?}") };
    assert_eq!(store.book_activity(&booking, family, other, NOW).await.expect("replay"), first);
    assert_eq!(store.book_activity(&op("activity.book", &"again"), family, other, NOW).await.expect("again"), SlotOutcome::AlreadyBooked);
    assert_eq!(places_taken(&store, other).await, 1);
    let listed = store.upcoming_activities(Some(family), NOW).await.expect("list");
    assert_eq!(listed.iter().find(|a| a.id == other).and_then(|a| a.my_booking), Some(booking_id));
    assert!(listed.iter().find(|a| a.id == activity).is_some_and(|a| a.my_booking.is_none()));

    // Someone else's booking cannot be cancelled; the family's own can, until 2 hours before.
    let stranger = parent(&store, "13700009998").await;
    assert_eq!(store.cancel_activity_booking(&op("activity.cancel", &"stranger"), stranger, booking_id, NOW).await.expect("cancel"), SlotOutcome::NotFound);
    let late = Timestamp(NOW.0 + 71 * HOUR);
    assert_eq!(store.cancel_activity_booking(&op("activity.cancel", &"late"), family, booking_id, late).await.expect("cancel"), SlotOutcome::TooLate);
    let cancel = op("activity.cancel", &"in time");
    assert_eq!(store.cancel_activity_booking(&cancel, family, booking_id, NOW).await.expect("cancel"), SlotOutcome::Cancelled);
    assert_eq!(store.cancel_activity_booking(&cancel, family, booking_id, NOW).await.expect("replay"), SlotOutcome::Cancelled);
    assert_eq!(places_taken(&store, other).await, 0, "the place is back, once");

    // Started activities are not booked.
    let started = Timestamp(NOW.0 + 73 * HOUR);
    assert_eq!(store.book_activity(&op("activity.book", &"started"), family, other, started).await.expect("book"), SlotOutcome::Past);
});

both_backends!(a_deleted_family_gives_its_coming_places_back, |store| {
    with_demo_accounts(&store).await;
    let activity = talk(&store, 24, 2).await;
    let family = parent(&store, "13700008888").await;
    store.grant_consent(family, "test", "test", NOW).await.expect("consent");
    let booked = store.book_activity(&op("activity.book", &"deleted"), family, activity, NOW).await.expect("book");
    assert!(matches!(booked, SlotOutcome::Booked { .. }), "{booked:?}");
    store.delete_parent_account(family, NOW, 48).await.expect("delete");
    assert_eq!(places_taken(&store, activity).await, 0);
});

fn question(age: &str, text: &str, may_publish: bool) -> app::domain::expert::QuestionDraft {
    QuestionInput { age_months: age.into(), topic: "feeding".into(), text: text.into(), may_publish }.validate().expect("a good question")
}

both_backends!(questions_are_asked_once_answered_once_and_published_only_when_both_allow, |store| {
    with_demo_accounts(&store).await;
    let expert = staff(&store, app::demo::DEMO_EXPERT).await;
    store.add_expert(expert, "儿童保健科主治医师").await.expect("expert");
    let family = parent(&store, "13700007777").await;

    let ask = op("question.ask", &"first");
    let asked = store.ask_expert(&ask, family, &question("8", "宝宝八个月，辅食一天吃几次合适？", true), NOW).await.expect("ask");
    let QuestionOutcome::Asked { question_id, due_at } = asked.clone() else { panic!("not asked: {asked:?}") };
    assert_eq!(due_at, answer_due(NOW).0, "due as the domain says");
    assert_eq!(store.ask_expert(&ask, family, &question("8", "宝宝八个月，辅食一天吃几次合适？", true), NOW).await.expect("replay"), asked);
    let private = store.ask_expert(&op("question.ask", &"private"), family, &question("9", "宝宝九个月，晚上总是醒，要不要加夜奶？", false), NOW).await.expect("ask");
    let QuestionOutcome::Asked { question_id: private_id, .. } = private else { panic!("not asked: {private:?}") };
    // The replay did not count towards the daily limit; the limit holds.
    for i in 3..=QUESTIONS_PER_DAY {
        let outcome = store.ask_expert(&op("question.ask", &i), family, &question("8", "又一个关于辅食的问题，请专家看看", true), NOW).await.expect("ask");
        assert!(matches!(outcome, QuestionOutcome::Asked { .. }), "{outcome:?}");
    }
    let over = store.ask_expert(&op("question.ask", &"over"), family, &question("8", "超过每天次数的问题，请专家看看", true), NOW).await.expect("ask");
    assert_eq!(over, QuestionOutcome::Refused(ExpertRefusal::QuestionDailyLimit));
    assert_eq!(store.questions_of(family).await.expect("mine").len(), QUESTIONS_PER_DAY as usize);

    // The inbox shows the earliest due first; the first answer stands.
    let open = store.open_questions().await.expect("open");
    assert_eq!(open.len(), QUESTIONS_PER_DAY as usize);
    assert!(open.windows(2).all(|w| (w[0].due_at, w[0].id) <= (w[1].due_at, w[1].id)));
    let answer = "七到九个月的宝宝，一般从每天一到两次辅食开始，奶仍是主要食物，请按宝宝的信号喂。";
    let later = Timestamp(NOW.0 + HOUR);
    assert_eq!(store.answer_question(&op("question.answer", &1), expert, question_id, answer, true, later).await.expect("answer"), QuestionOutcome::Answered);
    let second = store.answer_question(&op("question.answer", &2), expert, question_id, "另一位专家的回答，晚了一步，不应覆盖第一条。", true, later).await.expect("answer");
    assert_eq!(second, QuestionOutcome::Refused(ExpertRefusal::AlreadyAnswered));
    // The asker said no: however the expert ticks, it stays private.
    assert_eq!(store.answer_question(&op("question.answer", &3), expert, private_id, answer, true, later).await.expect("answer"), QuestionOutcome::Answered);
    let published = store.published_answers().await.expect("published");
    assert_eq!(published.iter().map(|q| q.id).collect::<Vec<_>>(), vec![question_id]);
    assert_eq!(published[0].answer.as_deref(), Some(answer));
    assert_eq!(published[0].expert_title.as_deref(), Some("儿童保健科主治医师"));
    assert_eq!(store.answer_question(&op("question.answer", &4), expert, 999_999, answer, true, later).await.expect("answer"), QuestionOutcome::NotFound);

    // A deleted family: unpublished questions go, the published one stays, tied to nobody.
    store.grant_consent(family, "test", "test", NOW).await.expect("consent");
    store.delete_parent_account(family, later, 48).await.expect("delete");
    assert!(store.questions_of(family).await.expect("mine").is_empty());
    assert_eq!(store.published_answers().await.expect("published").len(), 1);
});

both_backends!(the_demo_activities_and_answers_load_once, |store| {
    with_demo_accounts(&store).await;
    app::demo::load_ratings(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW).await.expect("demo families");
    let first = app::demo::load_demo_activities_and_questions(&store, NOW).await.expect("load");
    assert_eq!(first, 6);
    // Loading again replays the same writes: nothing doubles.
    app::demo::load_demo_activities_and_questions(&store, NOW).await.expect("load again");
    assert_eq!(store.upcoming_activities(None, NOW).await.expect("activities").len(), 6);
    assert_eq!(store.published_answers().await.expect("published").len(), 3);
    assert_eq!(store.open_questions().await.expect("open").len(), 2);
    let overdue = store.open_questions().await.expect("open").into_iter().filter(|q| app::domain::expert::is_overdue(Timestamp(q.due_at), false, NOW)).count();
    assert_eq!(overdue, 1, "the question asked a week ago is overdue");
});
