//! Ratings, the other sides, on both databases: the facility's public reply (changeable for 7
//! days, only on its own ratings) and reports; the supervisor's review (publish a held text,
//! hide a rating: its stars stop counting); notices to the author; what a family sees on a
//! facility's page; the demo families' ratings.

use app::domain::calendar::CivilDate;
use app::domain::rating::reply::{Review, ReviewDecision};
use app::domain::rating::{RatingRefusal, Relationship};
use app::store::ratings::StaffOutcome;
use app::store::Store;

use crate::ratings::{summary_of, application, at_days, op, parent_with_child, rate, saved_id, FACILITY};
use crate::support::{both_backends, with_demo_data, NOW};

const OTHER_FACILITY: i64 = 2;

async fn notice_kinds(store: &Store, account: i64) -> Vec<String> {
    store.notices_of(account).await.expect("notices").into_iter().map(|n| n.kind).collect()
}

both_backends!(a_facility_replies_to_its_own_ratings_for_seven_days_and_the_author_is_told, |store| {
    with_demo_data(&store).await;
    let (account, child) = parent_with_child(&store, "13900000201", "王").await;
    application(&store, account, child, "enrolled").await;
    let rating = saved_id(&rate(&store, account, child, 4, "老师很耐心", NOW).await);

    let reply = |facility: i64, text: &'static str, days: i64| {
        let store = store.clone();
        async move { store.reply_to_rating(&op("rating.reply", &(rating, text, days)), facility, rating, text, at_days(days)).await.expect("reply") }
    };
    // Another facility cannot answer it (and learns nothing about it).
    assert_eq!(reply(OTHER_FACILITY, "不是我们的", 0).await, StaffOutcome::NotFound);
    assert_eq!(reply(FACILITY, "谢谢您的信任", 0).await, StaffOutcome::Done { rating_id: rating });
    assert_eq!(reply(FACILITY, "谢谢您的信任！欢迎常来", 6).await, StaffOutcome::Done { rating_id: rating });
    assert_eq!(reply(FACILITY, "太晚了", 7).await, StaffOutcome::Refused(RatingRefusal::ReplyWindowClosed));
    let shown = store.facility_ratings(FACILITY, 1, 20).await.expect("list");
    assert_eq!(shown[0].reply.as_deref(), Some("谢谢您的信任！欢迎常来"));
    assert_eq!(notice_kinds(&store, account).await, vec!["rating.replied", "rating.replied"]);
    // The inbox shows it with its reply.
    let inbox = store.operator_ratings(FACILITY, 100).await.expect("inbox");
    assert_eq!((inbox.len(), inbox[0].rating.reply.is_some(), inbox[0].reported), (1, true, false));
    assert!(store.operator_ratings(OTHER_FACILITY, 100).await.expect("inbox").is_empty());
    // Withdrawn and made again a month later: a new rating, without the old answer.
    store.withdraw_rating(&op("rating.withdraw", &rating), account, rating, at_days(31)).await.expect("withdraw");
    assert_eq!(saved_id(&rate(&store, account, child, 3, "", at_days(62)).await), rating);
    assert_eq!(store.facility_ratings(FACILITY, 1, 20).await.expect("list")[0].reply, None);
});

both_backends!(reports_and_held_texts_wait_for_review_and_hiding_stops_the_stars_counting, |store| {
    with_demo_data(&store).await;
    let mut ratings = Vec::new();
    for (n, (stars, text)) in [(1, "这家机构的老师都是骗子"), (5, "加微信领优惠"), (4, ""), (4, "")].into_iter().enumerate() {
        let (account, child) = parent_with_child(&store, &format!("1390000021{n}"), "李").await;
        application(&store, account, child, "enrolled").await;
        ratings.push((account, saved_id(&rate(&store, account, child, stars, text, NOW).await)));
    }
    let (reported_author, reported) = ratings[0];
    let (held_author, held) = ratings[1];
    let today = CivilDate::in_china_at(NOW);
    assert_eq!(summary_of(&store, FACILITY, today).await.score, Some(3.5));

    let report = |facility: i64, n: i64| {
        let store = store.clone();
        async move { store.report_rating(&op("rating.report", &(reported, facility, n)), facility, reported, "言语攻击老师", NOW).await.expect("report") }
    };
    assert_eq!(report(OTHER_FACILITY, 1).await, StaffOutcome::NotFound);
    assert_eq!(report(FACILITY, 2).await, StaffOutcome::Done { rating_id: reported });
    assert_eq!(report(FACILITY, 3).await, StaffOutcome::Refused(RatingRefusal::AlreadyReported));

    let queue = store.rating_review_queue(100).await.expect("queue");
    let queued: Vec<(i64, bool, Option<&str>)> = queue.iter().map(|i| (i.rating_id, i.text_held, i.report_reason.as_deref())).collect();
    assert_eq!(queued.len(), 2);
    assert!(queued.contains(&(reported, false, Some("言语攻击老师"))));
    assert!(queued.contains(&(held, true, None)));
    // The reviewer reads the held text; nobody else does.
    assert_eq!(queue.iter().find(|i| i.rating_id == held).and_then(|i| i.text.as_deref()), Some("加微信领优惠"));

    let review = |rating: i64, decision: ReviewDecision, reason: &'static str| {
        let store = store.clone();
        async move {
            let review = Review::new(decision, reason).expect("review");
            store.review_rating(&op("rating.review", &(rating, decision.code(), reason)), rating, &review, at_days(1)).await.expect("review")
        }
    };
    assert_eq!(review(held, ReviewDecision::Publish, "").await, StaffOutcome::Done { rating_id: held });
    assert_eq!(review(held, ReviewDecision::Publish, "").await, StaffOutcome::Refused(RatingRefusal::NothingToReview));
    assert_eq!(review(reported, ReviewDecision::Hide, "含有人身攻击内容").await, StaffOutcome::Done { rating_id: reported });
    assert!(store.rating_review_queue(100).await.expect("queue").is_empty());

    let shown = store.facility_ratings(FACILITY, 1, 20).await.expect("list");
    assert!(shown.iter().all(|r| r.id != reported), "a hidden rating is not listed");
    assert_eq!(shown.iter().find(|r| r.id == held).and_then(|r| r.text.as_deref()), Some("加微信领优惠"));
    // Three ratings remain: 5, 4, 4.
    let summary = summary_of(&store, FACILITY, today).await;
    assert_eq!((summary.count, summary.score.map(|s| (s * 100.0).round() / 100.0)), (3, Some(4.33)));
    assert_eq!(notice_kinds(&store, held_author).await, vec!["rating.published"]);
    assert_eq!(notice_kinds(&store, reported_author).await, vec!["rating.hidden"]);
    // Hidden: the author cannot change it, and sees the reason on the facility's page.
    let choices = store.rating_choices(reported_author, FACILITY, at_days(60)).await.expect("choices");
    let own = choices[0].own.clone().expect("own rating");
    assert_eq!((own.state.as_str(), own.hidden_reason.as_deref()), ("hidden", Some("含有人身攻击内容")));
    let edit = store.edit_rating(&op("rating.edit", &reported), reported_author, reported, &crate::ratings::draft(3, ""), at_days(60)).await.expect("edit");
    assert_eq!(edit, app::store::ratings::RatingOutcome::Refused(RatingRefusal::NotEditable));
});

both_backends!(a_family_sees_which_children_may_rate_and_their_own_ratings_only, |store| {
    with_demo_data(&store).await;
    let (account, enrolled) = parent_with_child(&store, "13900000221", "周大").await;
    application(&store, account, enrolled, "enrolled").await;
    let second = app::args![account, "周二", NOW.0];
    store
        .db()
        .execute("second child", "INSERT INTO children (account_id, name, birth_date, sex, relation, created_at, updated_at) VALUES ($1, $2, '2025-01-01', 'male', 'father', $3, $3)", second)
        .await
        .expect("second child");
    let rating = saved_id(&rate(&store, account, enrolled, 5, "很好", NOW).await);
    let choices = store.rating_choices(account, FACILITY, NOW).await.expect("choices");
    assert_eq!(choices.len(), 2);
    assert_eq!((choices[0].relationship, choices[0].own.as_ref().map(|o| o.id)), (Some(Relationship::Enrolled), Some(rating)));
    assert_eq!((choices[1].relationship, choices[1].own.is_some()), (None, false));
    // Another family with no record here: its child may not rate, and sees no one else's rating.
    let (stranger, _) = parent_with_child(&store, "13900000222", "吴").await;
    let theirs = store.rating_choices(stranger, FACILITY, NOW).await.expect("choices");
    assert_eq!((theirs.len(), theirs[0].relationship, theirs[0].own.is_some()), (1, None, false));
});

both_backends!(demo_families_ratings_load_with_real_relationships_and_show_as_demo, |store| {
    with_demo_data(&store).await;
    let loaded = app::demo::load_ratings(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW).await.expect("demo ratings");
    assert!(loaded > 200, "{loaded}");
    let mut listed = 0;
    for facility in 1..=app::demo::DEFAULT_FACILITIES as i64 {
        let shown = store.facility_ratings(facility, 1, 50).await.expect("list");
        assert!(shown.iter().all(|r| r.is_demo && r.relationship == Relationship::Enrolled));
        listed += shown.len();
    }
    assert_eq!(listed, loaded);
    // Each demo rating is one a real family could have made: its child's relationship holds.
    #[derive(sqlx::FromRow)]
    struct Pair {
        account_id: i64,
        facility_id: i64,
    }
    let pair: Pair = store.db().fetch_one("a demo rating", "SELECT account_id, facility_id FROM ratings ORDER BY id LIMIT 1", app::args![]).await.expect("pair");
    let choices = store.rating_choices(pair.account_id, pair.facility_id, NOW).await.expect("choices");
    assert_eq!(choices[0].relationship, Some(Relationship::Enrolled));
    // New records after the bulk load get fresh ids (PostgreSQL's sequences were moved on).
    let (account, child) = parent_with_child(&store, "13900000231", "新").await;
    application(&store, account, child, "enrolled").await;
    saved_id(&rate(&store, account, child, 4, "", NOW).await);
});

both_backends!(the_rating_sort_and_filter_follow_the_domain_figures, |store| {
    use app::domain::finder::{self, FinderParams};
    use app::domain::rating::score::{district_mean, sort_key, GOOD_SCORE};
    with_demo_data(&store).await;
    app::demo::load_ratings(&store, app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW).await.expect("demo ratings");
    let today = CivilDate::in_china_at(NOW);
    // The domain's figures for every facility, from its ratings.
    let mut summaries = Vec::new();
    for id in 1..=app::demo::DEFAULT_FACILITIES as i64 {
        summaries.push((id, summary_of(&store, id, today).await));
    }
    let mean = district_mean(summaries.iter().map(|(_, s)| s.weighted_sum).sum(), summaries.iter().map(|(_, s)| s.weight_total).sum());
    assert!((store.district_rating_mean().await.expect("mean") - mean).abs() < 1e-9);
    let key = |id: i64| {
        let summary = &summaries[(id - 1) as usize].1;
        sort_key(summary.weighted_sum, summary.weight_total, mean)
    };

    let (by_rating, _) = finder::parse(&FinderParams::from_pairs([("sort", "rating")]), today);
    let hits = store.search(&by_rating, NOW, 1000, 0).await.expect("search");
    assert_eq!(hits.len(), app::demo::DEFAULT_FACILITIES);
    for pair in hits.windows(2) {
        assert!(key(pair[0].facility.id) >= key(pair[1].facility.id) - 1e-9, "{} before {}", pair[0].facility.id, pair[1].facility.id);
    }
    for hit in &hits {
        let summary = &summaries[(hit.facility.id - 1) as usize].1;
        assert_eq!(hit.rating_count as usize, summary.count);
        assert_eq!(hit.rating_score.map(|s| (s * 1e6).round()), summary.score.map(|s| (s * 1e6).round()));
    }
    // One 5-star rating does not put a facility above many good ones.
    let first = &summaries[(hits[0].facility.id - 1) as usize].1;
    assert!(first.count >= 3, "the top facility has {} ratings", first.count);

    let (well_rated, _) = finder::parse(&FinderParams::from_pairs([("rated", "1")]), today);
    let good: Vec<i64> = store.search(&well_rated, NOW, 1000, 0).await.expect("search").iter().map(|h| h.facility.id).collect();
    let expected: Vec<i64> = summaries.iter().filter(|(_, s)| s.score.is_some_and(|score| score >= GOOD_SCORE)).map(|(id, _)| *id).collect();
    assert!(!expected.is_empty());
    assert_eq!(good, expected);

    // A new rating moves its facility's stored figures at once; the daily refresh finds nothing old.
    let (account, child) = parent_with_child(&store, "13900000241", "评").await;
    application(&store, account, child, "enrolled").await;
    saved_id(&rate(&store, account, child, 1, "", NOW).await);
    let after = summary_of(&store, FACILITY, today).await;
    let stored = store.search(&by_rating, NOW, 1000, 0).await.expect("search").into_iter().find(|h| h.facility.id == FACILITY).expect("facility 1");
    assert_eq!(stored.rating_count as usize, after.count);
    assert_eq!(store.refresh_rating_figures(today).await.expect("refresh"), 0);
    // Two years on, old ratings count half: every rated facility is refreshed.
    // Before the refresh runs the page computes them (the stored ones are a day old), after it
    // reads them stored; `summary_of` checks both against the ratings themselves.
    let later = CivilDate::in_china_at(at_days(800));
    let before_refresh = summary_of(&store, FACILITY, later).await;
    assert!(before_refresh.weight_total < after.weight_total, "ratings two years old count half");
    assert!(store.refresh_rating_figures(later).await.expect("refresh") > 0);
    assert_eq!(summary_of(&store, FACILITY, later).await, before_refresh);
});
