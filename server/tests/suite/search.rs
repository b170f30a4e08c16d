//! The finder's SQL on both backends, checked against the same rules applied in Rust to the
//! generated demo data.

use app::demo::{generate, DEFAULT_FACILITIES, DEFAULT_SEED};
use app::domain::calendar::CivilDate;
use app::domain::facility::{ClassLevel, Grade};
use app::domain::finder::{self, FinderParams, FinderQuery, WALK_15_MIN_RADIUS_M};
use app::domain::vacancy::{facility_vacancy, Vacancy};
use app::store::directory::NewFacility;
use app::store::Store;

use crate::support::{both_backends, with_demo_data, NOW};

fn query(pairs: &[(&str, &str)]) -> FinderQuery {
    let today = CivilDate::in_china_at(NOW);
    let (query, notes) = finder::parse(&FinderParams::from_pairs(pairs.iter().copied()), today);
    assert!(notes.is_empty(), "{notes:?}");
    query
}

fn demo() -> Vec<NewFacility> {
    generate(DEFAULT_SEED, DEFAULT_FACILITIES, NOW)
}

async fn all_ids(store: &Store, q: &FinderQuery) -> Vec<i64> {
    let hits = store.search(q, NOW, 1000, 0).await.expect("search");
    assert_eq!(store.search_count(q, NOW).await.expect("count"), hits.len() as u64);
    hits.into_iter().map(|h| h.facility.id).collect()
}

both_backends!(search_vacancies_agree_with_the_domain_rule, |store| {
    with_demo_data(&store).await;
    let hits = store.search(&query(&[]), NOW, 1000, 0).await.expect("search");
    assert_eq!(hits.len(), DEFAULT_FACILITIES);
    for (hit, generated) in hits.iter().zip(demo()) {
        assert_eq!(hit.facility.id, generated.facility.id);
        assert_eq!(hit.vacancy, facility_vacancy(&generated.classes, NOW), "{}", hit.facility.name);
        assert_eq!(hit.fee_from, generated.classes.iter().map(|c| c.monthly_fee).min());
    }
});

both_backends!(vacant_only_keeps_facilities_with_a_current_free_place, |store| {
    with_demo_data(&store).await;
    let expected: Vec<i64> = demo()
        .iter()
        .filter(|f| matches!(facility_vacancy(&f.classes, NOW), Vacancy::Free(_)))
        .map(|f| f.facility.id)
        .collect();
    assert!(!expected.is_empty() && expected.len() < DEFAULT_FACILITIES);
    assert_eq!(all_ids(&store, &query(&[("vacant", "1")])).await, expected);
});

both_backends!(an_age_keeps_facilities_with_a_class_for_it_and_its_vacancy, |store| {
    with_demo_data(&store).await;
    // Born 2026-03: 9 months old in 2026-12, the infant class.
    let q = query(&[("birth", "2026-03"), ("start", "2026-12"), ("vacant", "1")]);
    assert_eq!(q.age.map(|a| a.class), Some(ClassLevel::Infant));
    let expected: Vec<i64> = demo()
        .iter()
        .filter(|f| {
            f.classes.iter().any(|c| c.level == ClassLevel::Infant && matches!(Vacancy::of(c, NOW), Vacancy::Free(_)))
        })
        .map(|f| f.facility.id)
        .collect();
    assert!(!expected.is_empty());
    let hits = store.search(&q, NOW, 1000, 0).await.expect("search");
    assert_eq!(hits.iter().map(|h| h.facility.id).collect::<Vec<_>>(), expected);
    for hit in hits {
        // The vacancy shown is the infant class's, not the whole facility's.
        let generated = demo().into_iter().find(|f| f.facility.id == hit.facility.id).expect("generated");
        let infant: Vec<_> = generated.classes.into_iter().filter(|c| c.level == ClassLevel::Infant).collect();
        assert_eq!(hit.vacancy, facility_vacancy(&infant, NOW));
    }
});

both_backends!(inclusive_kind_grade_service_and_fee_filters_combine, |store| {
    with_demo_data(&store).await;
    let q = query(&[("inclusive", "1"), ("grade", "3"), ("service", "half_day"), ("fee_max", "2000")]);
    let expected: Vec<i64> = demo()
        .iter()
        .filter(|f| {
            f.facility.inclusive
                && f.facility.grade.is_three_or_better()
                && f.facility.service_types.contains(&app::domain::facility::ServiceType::HalfDay)
                && f.classes.iter().any(|c| c.monthly_fee <= 2000)
        })
        .map(|f| f.facility.id)
        .collect();
    assert_eq!(all_ids(&store, &q).await, expected);
    let kind = query(&[("kind", "kindergarten")]);
    let ids = all_ids(&store, &kind).await;
    assert!(!ids.is_empty());
    let grade_one = query(&[("grade", "1")]);
    for hit in store.search(&grade_one, NOW, 1000, 0).await.expect("search") {
        assert_eq!(hit.facility.grade, Grade::One);
    }
});

both_backends!(pinyin_initials_find_names_and_addresses, |store| {
    with_demo_data(&store).await;
    let by_initials = all_ids(&store, &query(&[("q", "slh")])).await;
    let by_characters = all_ids(&store, &query(&[("q", "双龙湖")])).await;
    assert!(!by_characters.is_empty());
    for id in &by_characters {
        assert!(by_initials.contains(id), "slh finds every 双龙湖 match");
    }
});

both_backends!(distance_sorting_and_the_circle_use_true_distances, |store| {
    with_demo_data(&store).await;
    let q = query(&[("near", "29.718,106.632"), ("sort", "distance")]);
    let hits = store.search(&q, NOW, 1000, 0).await.expect("search");
    let distances: Vec<f64> = hits.iter().map(|h| h.distance_m.expect("distance")).collect();
    for pair in distances.windows(2) {
        assert!(pair[0] <= pair[1] + 5.0, "ordered by distance: {pair:?}");
    }
    let within = query(&[("near", "29.718,106.632"), ("within", "3")]);
    let inside = store.search(&within, NOW, 1000, 0).await.expect("search");
    assert!(inside.iter().all(|h| h.distance_m.expect("distance") <= 3_000.0 * 1.005));
    let expected_inside = distances.iter().filter(|d| **d <= 3_000.0 * 0.995).count();
    assert!(inside.len() >= expected_inside);

    let circle = store.search_surroundings(&q, NOW, WALK_15_MIN_RADIUS_M).await.expect("circle");
    let near: Vec<_> = hits.iter().filter(|h| h.distance_m.expect("distance") <= 1_000.0).collect();
    assert_eq!(circle.facilities, near.len() as u64);
    assert_eq!(circle.free_places, near.iter().map(|h| h.vacancy.free() as u64).sum::<u64>());
});

both_backends!(fee_sorting_puts_the_cheapest_first, |store| {
    with_demo_data(&store).await;
    let hits = store.search(&query(&[("sort", "fee")]), NOW, 1000, 0).await.expect("search");
    let fees: Vec<u32> = hits.iter().filter_map(|h| h.fee_from).collect();
    assert!(fees.windows(2).all(|w| w[0] <= w[1]));
    let by_vacancy = store.search(&query(&[("sort", "vacancy")]), NOW, 1000, 0).await.expect("search");
    let free: Vec<u32> = by_vacancy.iter().map(|h| h.vacancy.free()).collect();
    assert!(free.windows(2).all(|w| w[0] >= w[1]));
});

both_backends!(pins_carry_the_same_vacancy_as_the_list, |store| {
    with_demo_data(&store).await;
    let q = query(&[("inclusive", "1")]);
    let pins = store.search_pins(&q, NOW, 5_000).await.expect("pins");
    let hits = store.search(&q, NOW, 1000, 0).await.expect("hits");
    assert_eq!(pins.len(), hits.len());
    for (pin, hit) in pins.iter().zip(&hits) {
        assert_eq!((pin.id, pin.vacancy, pin.fee_from), (hit.facility.id, hit.vacancy, hit.fee_from));
    }
    assert_eq!(store.search_pins(&q, NOW, 3).await.expect("capped").len(), 3);
});

both_backends!(search_text_with_quotes_and_wildcards_is_harmless, |store| {
    with_demo_data(&store).await;
    for text in ["'; DROP TABLE facilities; --", "%", "_", "\\", "$1"] {
        let q = query(&[("q", text)]);
        assert_eq!(store.search_count(&q, NOW).await.expect("count"), 0, "{text}");
    }
    assert_eq!(store.count_facilities().await.expect("count"), DEFAULT_FACILITIES as u64);
});
