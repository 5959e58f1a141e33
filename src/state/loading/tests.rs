use super::*;
use crate::model::snapshot::{OPENING_VIEW, SNAPSHOT_FORMAT};
use crate::model::test_support::provenance;
use crate::state::tests::bundle;
use crate::state::Action;

#[test]
fn connectivity_the_manifest_covers_is_read_from_the_bundle() {
    use crate::model::manifest::ManifestEntry;
    let opening = AppState::default();
    assert_eq!(
        opening.connectivity_wanted(),
        None,
        "the manifest comes first"
    );
    let range = opening.connectivity_range;
    let manifest = Manifest {
        format: SNAPSHOT_FORMAT,
        sources: vec![ManifestEntry {
            stands_for: Some("ioda".into()),
            files: vec!["data/connectivity-KZ-2021-12-12.json".into()],
            covers: Some([range.start, range.end]),
            regions: vec!["KZ".into()],
            signals: vec!["bgp".into()],
            provenance: provenance(),
        }],
    };
    let with = |mode: DataMode| {
        AppState::new(mode).apply(Action::ManifestLoaded(Ok(Rc::new(manifest.clone()))))
    };
    let wanted = with(DataMode::Auto).connectivity_wanted().unwrap();
    assert_eq!((wanted.country, wanted.range), ("KZ", range));
    let bundled = Some(("data/connectivity-KZ-2021-12-12.json".into(), provenance()));
    assert_eq!(wanted.bundled, bundled);
    assert_eq!(
        with(DataMode::Snapshot)
            .connectivity_wanted()
            .unwrap()
            .bundled,
        bundled
    );
    assert_eq!(
        with(DataMode::Live).connectivity_wanted().unwrap().bundled,
        None
    );
    // Another country, or a range the file does not hold, is asked live.
    let us = with(DataMode::Auto).apply(Action::SelectCountry("US"));
    assert_eq!(us.connectivity_wanted().unwrap().bundled, None);

    // What the bundle gives reads as covered (not asked), credited to its provenance.
    let settled = |mode: DataMode| {
        let state = with(mode);
        state.apply(Action::ConnectivitySettled(
            "KZ",
            range,
            Settled::Data {
                data: SourceData::Connectivity {
                    series: Rc::new(vec![]),
                    events: Rc::new(vec![]),
                },
                provided: Provided::Bundled(provenance()),
                failure: None,
            },
        ))
    };
    let auto = settled(DataMode::Auto);
    let status = auto.status(SourceId::Ioda).unwrap();
    assert_eq!(status.status, LoadStatus::Covered);
    assert!(
        status
            .message()
            .starts_with("IODA: not asked — the bundled snapshot covers this view"),
        "{}",
        status.message()
    );
    assert!(auto.live_provenance.contains(&provenance()));
    let snapshot = settled(DataMode::Snapshot);
    let status = snapshot.status(SourceId::Ioda).unwrap();
    assert_eq!(status.status, LoadStatus::Snapshot);
    assert!(
        status
            .message()
            .starts_with("IODA: not fetched in snapshot mode"),
        "{}",
        status.message()
    );
}

#[test]
fn a_view_the_manifest_covers_asks_no_global_source_until_the_reader_leaves_it() {
    use crate::model::manifest::ManifestEntry;
    use crate::model::test_support::provenance;
    let opening = OPENING_VIEW;
    let entry = |source: SourceId, until: UnixSeconds| ManifestEntry {
        stands_for: Some(source.as_str().into()),
        files: vec![],
        covers: Some([opening.start - 400 * DAY, until]),
        regions: vec![],
        signals: vec![],
        provenance: provenance(),
    };
    let manifest = Manifest {
        format: SNAPSHOT_FORMAT,
        sources: vec![
            entry(SourceId::Mempool, opening.end),
            entry(SourceId::Blockchain, opening.end + 400 * DAY),
            entry(SourceId::Cbeci, opening.end),
        ],
    };
    let loaded = AppState::default().apply(Action::BundleLoaded(bundle()));
    assert!(
        loaded.live_sources_to_fetch(&[]).is_empty(),
        "nothing before the manifest"
    );
    let covered = loaded.apply(Action::ManifestLoaded(Ok(Rc::new(manifest))));
    assert!(covered.live_sources_to_fetch(&[]).is_empty());
    for source in GLOBAL_SOURCES {
        let status = covered.status(source).unwrap();
        assert_eq!(status.status, LoadStatus::Covered, "{}", status.message());
        assert!(status
            .message()
            .contains(": not asked — the bundled snapshot covers this view: "));
        assert_eq!(status.problem, None);
    }
    // A week later than the hash rate and the shares go: those two are asked, once.
    let mut later = covered.clone();
    later.viewport = covered.viewport.showing(TimeRange::new(
        opening.start + 7 * DAY,
        opening.end + 7 * DAY,
    ));
    assert_eq!(
        later.live_sources_to_fetch(&[]),
        [SourceId::Mempool, SourceId::Cbeci]
    );
    assert_eq!(
        later.live_sources_to_fetch(&[SourceId::Mempool]),
        [SourceId::Cbeci]
    );
    // … for the days the bundle lacks only: from the end of what it covers.
    assert_eq!(later.uncovered_since(SourceId::Mempool), Some(opening.end));
    let mut far_later = covered.clone();
    far_later.viewport = covered.viewport.showing(TimeRange::new(
        opening.end + 30 * DAY,
        opening.end + 37 * DAY,
    ));
    assert_eq!(
        far_later.uncovered_since(SourceId::Mempool),
        Some(opening.end + 30 * DAY),
        "a view beyond the bundle: its own days"
    );
    let mut earlier = covered.clone();
    earlier.viewport = covered
        .viewport
        .showing(TimeRange::new(opening.start - 500 * DAY, opening.end));
    assert_eq!(
        earlier.uncovered_since(SourceId::Mempool),
        None,
        "all of it"
    );
    // Live mode, or a manifest that did not load: every global source is asked.
    let failed = loaded.apply(Action::ManifestLoaded(Err("HTTP 404".into())));
    assert_eq!(failed.live_sources_to_fetch(&[]), GLOBAL_SOURCES);
    let live = AppState::new(DataMode::Live)
        .apply(Action::BundleLoaded(bundle()))
        .apply(Action::ManifestLoaded(Ok(Rc::new(Manifest {
            format: SNAPSHOT_FORMAT,
            sources: vec![entry(SourceId::Mempool, opening.end)],
        }))));
    assert_eq!(live.live_sources_to_fetch(&[]), GLOBAL_SOURCES);
    assert_eq!(live.uncovered_since(SourceId::Mempool), None);
    assert_eq!(
        live.status(SourceId::Mempool).unwrap().status,
        LoadStatus::Loading
    );
}
