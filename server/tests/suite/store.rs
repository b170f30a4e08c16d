//! The directory part of the store suite, the same code on both backends.

use app::domain::district::UNITS;

use crate::support::{both_backends, with_demo_data, NOW};

both_backends!(migrations_can_run_again_on_an_up_to_date_database, |store| {
    store.db().migrate().await.expect("second migration run is a no-op");
});

both_backends!(demo_data_loads_once_and_never_over_existing_facilities, |store| {
    with_demo_data(&store).await;
    let again = app::demo::load_if_empty(&store, 1, 10, NOW).await.expect("second load");
    assert_eq!(again, 0);
    assert_eq!(store.count_facilities().await.expect("count"), app::demo::DEFAULT_FACILITIES as u64);
});

both_backends!(stored_facilities_read_back_exactly_as_generated, |store| {
    with_demo_data(&store).await;
    let generated = app::demo::generate(app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW);
    for expected in generated.iter().step_by(17) {
        let stored = store.facility(expected.facility.id).await.expect("read").expect("exists");
        assert_eq!(stored, expected.facility);
        let classes = store.classes_of(&[expected.facility.id]).await.expect("classes");
        let mut expected_classes = expected.classes.clone();
        expected_classes.sort_by_key(|c| c.level);
        assert_eq!(classes, expected_classes);
    }
});

both_backends!(every_street_and_town_has_facilities_to_find, |store| {
    with_demo_data(&store).await;
    let today = app::domain::calendar::CivilDate::in_china_at(NOW);
    for unit in UNITS {
        let code = unit.code.to_string();
        let params = app::domain::finder::FinderParams::from_pairs([("street", code.as_str())]);
        let (query, _) = app::domain::finder::parse(&params, today);
        let hits = store.search(&query, NOW, 100, 0).await.expect("search");
        assert!(!hits.is_empty(), "{}", unit.short_name);
        assert!(hits.iter().all(|h| h.facility.unit_code == unit.code));
    }
});

both_backends!(pages_do_not_overlap_and_cover_every_facility, |store| {
    with_demo_data(&store).await;
    let (all, _) = app::domain::finder::parse(&Default::default(), app::domain::calendar::CivilDate::in_china_at(NOW));
    let mut seen = Vec::new();
    for page in 0..7 {
        let hits = store.search(&all, NOW, 20, page * 20).await.expect("page");
        seen.extend(hits.into_iter().map(|h| h.facility.id));
    }
    let count = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), count);
    assert_eq!(count, app::demo::DEFAULT_FACILITIES);
});

both_backends!(an_unknown_facility_reads_as_none, |store| {
    assert_eq!(store.facility(424_242).await.expect("read"), None);
    assert!(store.classes_of(&[424_242]).await.expect("read").is_empty());
});

both_backends!(district_figures_count_only_current_classes, |store| {
    with_demo_data(&store).await;
    let generated = app::demo::generate(app::demo::DEFAULT_SEED, app::demo::DEFAULT_FACILITIES, NOW);
    let expected: u64 = generated
        .iter()
        .flat_map(|f| f.classes.iter())
        .map(|c| app::domain::vacancy::Vacancy::of(c, NOW).free() as u64)
        .sum();
    let figures = store.district_figures(NOW).await.expect("figures");
    assert_eq!(figures.free_places, expected);
    assert_eq!(figures.facilities, app::demo::DEFAULT_FACILITIES as u64);
    assert_eq!(figures.demo_facilities, figures.facilities);
    let inclusive = generated.iter().filter(|f| f.facility.inclusive).count() as u64;
    assert_eq!(figures.inclusive_facilities, inclusive);
});

both_backends!(the_database_refuses_more_children_than_places, |store| {
    with_demo_data(&store).await;
    // Bypass the store's own checks: the CHECK constraint must stop an oversold class.
    let result = store
        .db()
        .execute("oversell", "UPDATE classes SET enrolled = filed_capacity + 1 WHERE id = $1", app::args![1i64])
        .await;
    assert!(result.is_err(), "an oversold class must be rejected by the database");
});
