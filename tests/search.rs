//! Lookup: ranking of named cases, the prompt's keystrokes (jump, step, return), filters and
//! sorting of the lists.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;

use common::{app, draw, keys, screen_text, screen_with_highlights, type_text};
use htx::app::{PlanFocus, View};
use htx::search::{Kind, Level, SearchIndex, Target};

fn index() -> (htx::model::Dataset, SearchIndex) {
    let dataset = htx::store::builtin().unwrap();
    let index = SearchIndex::build(&dataset);
    // As the prompt's worker searches: through the word index.
    index.prepare();
    (dataset, index)
}

fn labels(index: &SearchIndex, query: &str) -> Vec<String> {
    index
        .search(query, None, 50, &|| false)
        .unwrap()
        .iter()
        .map(|h| index.label(h.record).to_string())
        .collect()
}

#[test]
fn opening_the_prompt_has_the_worker_index_the_data_before_the_first_letter() {
    let mut app = app(100, 30);
    match keys(&mut app, "/") {
        htx::app::Effect::Search(request) => {
            assert_eq!(request.query, "");
            assert!(std::sync::Arc::ptr_eq(&request.dataset, &app.dataset));
        }
        other => panic!("expected a search request, got {other:?}"),
    }
    // Nothing was searched: the prompt shows no results and waits for no answer.
    let search = app.search().unwrap();
    assert!(search.hits.is_empty() && !search.pending);
}

#[test]
fn nam_dinh_puts_the_province_before_cooperatives_that_mention_it() {
    let mut dataset = htx::store::builtin().unwrap();
    // A Thái Bình cooperative whose notes mention Nam Định, and one named after it.
    let mut mention = (*dataset.cooperatives[0]).clone();
    mention.id = "T-1".into();
    mention.name = "HTX Thủy sản Đông Long".into();
    mention.notes = "Liên kết tiêu thụ với HTX ở Nam Định.".into();
    let mut named = mention.clone();
    named.id = "T-2".into();
    named.name = "HTX Vận tải Nam Định".into();
    named.notes = String::new();
    dataset
        .cooperatives
        .extend([Arc::new(mention), Arc::new(named)]);
    let index = SearchIndex::build(&dataset);
    let hits = index.search("nam dinh", None, 50, &|| false).unwrap();
    let labels: Vec<&str> = hits.iter().map(|h| index.label(h.record)).collect();
    assert_eq!(
        labels[..3],
        ["Nam Định", "HTX Vận tải Nam Định", "HTX Thủy sản Đông Long"],
        "{labels:?}"
    );
    assert_eq!(index.records[hits[0].record].target.kind(), Kind::Province);
    assert_eq!(hits[0].level, Level::WholeWord);
    // The highlight covers the original, accented text.
    assert_eq!(
        &index.text(hits[0].entry)[hits[0].highlight[0].clone()],
        "Nam Định"
    );
    assert_eq!(
        &index.text(hits[2].entry)[hits[2].highlight[0].clone()],
        "Nam Định"
    );
}

#[test]
fn queries_without_marks_match_loosely_and_with_marks_narrowly() {
    let (_, index) = index();
    let loose = labels(&index, "dong");
    for word in ["Đồng Tiến", "Đông Hải", "hoạt động"] {
        assert!(
            loose.iter().any(|l| l.contains(word)),
            "{word} missing from {loose:?}"
        );
    }
    // "đồng" carries ô and the huyền tone: "Đông" (no tone) and "động" (nặng) are out.
    let marked = labels(&index, "đồng");
    assert!(marked.iter().any(|l| l.contains("Đồng Tiến")), "{marked:?}");
    assert!(
        marked
            .iter()
            .all(|l| !l.contains("Đông Hải") && !l.contains("hoạt động")),
        "{marked:?}"
    );
    // A mark left out matches any: "đông" has no tone, so "Đồng" and "Đông" both match.
    let toneless = labels(&index, "đông");
    assert!(
        toneless.iter().any(|l| l.contains("Đồng Tiến"))
            && toneless.iter().any(|l| l.contains("Đông Hải"))
    );
}

#[test]
fn whole_words_beat_prefixes_beat_substrings() {
    let (_, index) = index();
    let hits = index
        .search("hai", Some(&[Kind::Cooperative]), 200, &|| false)
        .unwrap();
    let levels: Vec<Level> = hits.iter().map(|h| h.level).collect();
    let mut sorted = levels.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(levels, sorted, "results are not in level order");
    assert_eq!(levels[0], Level::WholeWord);
}

#[test]
fn codes_ids_and_kinds_are_searchable() {
    let (dataset, index) = index();
    let by_code = index
        .search("36", Some(&[Kind::Province]), 5, &|| false)
        .unwrap();
    assert_eq!(index.label(by_code[0].record), "Nam Định");
    let id = &dataset.cooperatives[0].id;
    let by_id = index.search(id, None, 5, &|| false).unwrap();
    assert_eq!(
        index.records[by_id[0].record].target,
        Target::Cooperative(0)
    );
    let plan = index
        .search("KH-04", Some(&[Kind::Plan]), 5, &|| false)
        .unwrap();
    assert_eq!(index.records[plan[0].record].target, Target::PlanItem(3));
}

#[test]
fn words_in_another_order_and_letters_with_gaps_still_match() {
    let (_, index) = index();
    assert!(labels(&index, "dinh nam").contains(&"Nam Định".to_string()));
    let fuzzy = index.search("btrang", None, 5, &|| false).unwrap();
    assert!(
        fuzzy
            .iter()
            .any(|h| h.level == Level::Fuzzy && index.label(h.record).contains("Bát Tràng"))
    );
}

/// The built-in data with its cooperatives repeated `rounds` more times (new ids): enough
/// candidates that a search looks at its cancel flag several times.
fn repeated(rounds: usize) -> htx::model::Dataset {
    let mut dataset = htx::store::builtin().unwrap();
    let copies = dataset.cooperatives.clone();
    for round in 0..rounds {
        dataset.cooperatives.extend(copies.iter().map(|c| {
            let mut c = (**c).clone();
            c.id = format!("{}-{round}", c.id);
            Arc::new(c)
        }));
    }
    dataset
}

/// A cancel flag that counts how often it is asked and says "cancelled" from the `at`-th
/// time on (never when `at` is `None`).
fn cancel_at(at: Option<usize>) -> (Rc<Cell<usize>>, impl Fn() -> bool) {
    let asked = Rc::new(Cell::new(0));
    let counter = Rc::clone(&asked);
    let cancelled = move || {
        counter.set(counter.get() + 1);
        at.is_some_and(|at| counter.get() >= at)
    };
    (asked, cancelled)
}

#[test]
fn a_cancelled_search_stops_at_the_check_that_sees_the_cancel() {
    let dataset = repeated(100);
    let index = SearchIndex::build(&dataset);
    index.prepare();
    let limit = 100_000;
    let (asked, never) = cancel_at(None);
    let all = index.search("htx", None, limit, &never).unwrap();
    let checks = asked.get();
    assert!(
        all.len() > 5000,
        "not cancelled, the search answers: {} hits",
        all.len()
    );
    assert!(
        checks >= 3,
        "the search looked at the cancel flag {checks} times: too few to see a cancel"
    );
    // Cancelled at each of those checks in turn: no answer, and nothing looked at after it.
    for at in 1..=checks {
        let (asked, cancelled) = cancel_at(Some(at));
        let answer = index.search("htx", None, limit, &cancelled);
        assert!(
            answer.is_none(),
            "cancelled at check {at} of {checks}, the search still answered"
        );
        assert_eq!(asked.get(), at, "the search went on after the cancel");
    }
}

#[test]
fn the_worker_drops_a_cancelled_search_and_answers_the_next() {
    use htx::app::{Action, RESULT_LIMIT, SearchRequest, SearchWorker};
    let dataset = std::sync::Arc::new(repeated(100));
    let request = |generation| SearchRequest {
        generation,
        // Starting with punctuation: answered by a scan of all the folded text.
        query: "-0".into(),
        version: 1,
        dataset: std::sync::Arc::clone(&dataset),
    };
    let mut worker = SearchWorker::default();
    let (asked, never) = cancel_at(None);
    match worker.answer(request(1), &never) {
        Some(Action::SearchResults {
            generation, hits, ..
        }) => {
            assert_eq!(generation, 1);
            assert_eq!(hits.len(), RESULT_LIMIT);
        }
        other => panic!("expected results, got {other:?}"),
    }
    let checks = asked.get();
    assert!(
        checks >= 2,
        "the worker's search looked at the cancel flag {checks} times: too few to see a cancel"
    );
    let (asked, cancelled) = cancel_at(Some(2));
    assert!(
        worker.answer(request(2), &cancelled).is_none(),
        "a cancelled search answered"
    );
    assert_eq!(asked.get(), 2, "the search went on after the cancel");
    // A cancel drops one answer, not the worker: the next request is answered.
    let (_, never) = cancel_at(None);
    assert!(matches!(
        worker.answer(request(3), &never),
        Some(Action::SearchResults { generation: 3, .. })
    ));
}

#[test]
fn enter_jumps_to_a_cooperative_and_esc_restores_where_the_user_was() {
    let mut app = app(80, 24);
    keys(&mut app, "3 j j");
    let before = (app.view, app.plan_items);
    keys(&mut app, "/");
    type_text(&mut app, "bat trang");
    let search = app.search().unwrap();
    assert!(!search.hits.is_empty());
    keys(&mut app, "Esc");
    assert!(app.search().is_none());
    assert_eq!((app.view, app.plan_items), before, "Esc goes back");

    keys(&mut app, "/");
    type_text(&mut app, "bat trang");
    keys(&mut app, "Enter");
    assert_eq!(app.view, View::Cooperatives);
    let coop = &app.dataset.cooperatives[app.selected_cooperative().unwrap()];
    assert!(coop.name.contains("Bát Tràng"), "{}", coop.name);
    assert_eq!(coop.province, "01");
}

#[test]
fn n_and_capital_n_step_through_the_results() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    type_text(&mut app, "dien");
    let count = app.search().unwrap().hits.len();
    assert!(count >= 3, "{count}");
    keys(&mut app, "Enter");
    let first = app.results.as_ref().unwrap().at;
    keys(&mut app, "n");
    assert_eq!(app.results.as_ref().unwrap().at, first + 1);
    keys(&mut app, "N N");
    assert_eq!(
        app.results.as_ref().unwrap().at,
        count - 1,
        "N wraps around"
    );
    assert!(
        app.message
            .as_deref()
            .unwrap()
            .starts_with(&format!("Result {count} of {count}"))
    );
}

#[test]
fn a_progress_note_opens_the_plan_at_that_province() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    type_text(&mut app, "ho tro phat trien");
    let search = app.search().unwrap();
    let at = search.hits.iter().position(|h| {
        matches!(
            app.search_index.records[h.record].target,
            Target::Progress { .. }
        )
    });
    let Some(at) = at else { return };
    for _ in 0..at {
        keys(&mut app, "Down");
    }
    keys(&mut app, "Enter");
    assert_eq!(app.view, View::Plan);
    assert_eq!(app.plan_focus, PlanFocus::Provinces);
}

#[test]
fn backspace_deletes_whole_letters_and_closes_an_empty_prompt() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    type_text(&mut app, "Định");
    keys(&mut app, "Backspace");
    assert_eq!(app.search().unwrap().query, "Địn");
    keys(&mut app, "Ctrl-u");
    assert_eq!(app.search().unwrap().query, "");
    keys(&mut app, "Backspace");
    assert!(app.search().is_none());
}

#[test]
fn decomposed_typing_is_composed() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    // An input method sending the base letter, then the combining marks.
    type_text(&mut app, "D\u{0323}i\u{0323}nh");
    type_text(&mut app, "đ");
    assert_eq!(app.search().unwrap().query, "Ḍịnhđ");
}

#[test]
fn typing_in_the_prompt_never_triggers_commands() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    type_text(&mut app, "q jk/?3");
    assert!(app.search().is_some());
    assert_eq!(app.search().unwrap().query, "q jk/?3");
    assert_eq!(app.view, View::Provinces);
}

#[test]
fn filters_narrow_the_cooperatives_and_clear_with_one_key() {
    let mut app = app(80, 24);
    keys(&mut app, "j j j j j j Enter");
    let all = app.province_cooperatives().len();
    // Sector is the first row of the popup; step to the salt sector.
    keys(&mut app, "f");
    let salt = app
        .dataset
        .sectors
        .iter()
        .position(|s| s.id == "muoi")
        .unwrap();
    for _ in 0..=salt {
        keys(&mut app, "l");
    }
    keys(&mut app, "Esc");
    assert_eq!(app.coop_filter.sector.as_deref(), Some("muoi"));
    let salt_rows = app.province_cooperatives().to_vec();
    assert!(!salt_rows.is_empty() && salt_rows.len() < all);
    assert!(
        salt_rows
            .iter()
            .all(|&c| app.dataset.cooperatives[c].sector == "muoi")
    );
    let title = screen_text(&draw(&app, 80, 24));
    assert!(
        title.contains(&format!("({} of {all})", salt_rows.len())),
        "{title}"
    );
    assert!(title.contains("sector: Muối"), "{title}");
    keys(&mut app, "x");
    assert_eq!(app.province_cooperatives().len(), all);
}

#[test]
fn sorting_by_members_and_reversing() {
    let mut app = app(80, 24);
    keys(&mut app, "j j j j j j Enter o");
    let members: Vec<u32> = app
        .province_cooperatives()
        .iter()
        .map(|&c| app.dataset.cooperatives[c].members)
        .collect();
    assert!(members.windows(2).all(|w| w[0] <= w[1]), "{members:?}");
    keys(&mut app, "O");
    let reversed: Vec<u32> = app
        .province_cooperatives()
        .iter()
        .map(|&c| app.dataset.cooperatives[c].members)
        .collect();
    assert!(reversed.windows(2).all(|w| w[0] >= w[1]), "{reversed:?}");
}

#[test]
fn plan_entries_filter_by_status_and_overdue() {
    let mut app = app(80, 24);
    htx::app::update(
        &mut app,
        htx::app::Action::Today("2011-10-15".parse().unwrap()),
    );
    keys(&mut app, "3 f l");
    assert_eq!(
        app.plan_filter.status,
        Some(htx::model::ProgressStatus::NotStarted)
    );
    keys(&mut app, "Esc");
    // KH-01 is due 2011-09-30: on 2011-10-15 its unfinished entries are overdue.
    let item = app.dataset.plan.items[0].clone();
    for &p in &app.plan_rows() {
        let status = item
            .progress_of(&app.dataset.provinces[p].code)
            .map(|e| e.status);
        assert!(status.is_none_or(|s| s == htx::model::ProgressStatus::NotStarted));
    }
    keys(&mut app, "x f j l Esc");
    assert!(app.plan_filter.overdue);
    let late = app.plan_rows();
    assert!(late.iter().all(|&p| {
        let status = item
            .progress_of(&app.dataset.provinces[p].code)
            .map_or(htx::model::ProgressStatus::NotStarted, |e| e.status);
        htx::app::overdue(item.due, status, app.today)
    }));
}

#[test]
fn search_prompt_snapshot() {
    for (width, height) in [(80, 24), (120, 40)] {
        let mut app = app(width, height);
        keys(&mut app, "/");
        type_text(&mut app, "nam dinh");
        insta::assert_snapshot!(
            format!("search_nam_dinh_{width}x{height}"),
            screen_text(&draw(&app, width, height))
        );
    }
}

#[test]
fn search_results_highlight_the_matched_letters_in_the_original_text() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    type_text(&mut app, "dong");
    insta::assert_snapshot!(
        "search_dong_highlights_80x24",
        screen_with_highlights(&draw(&app, 80, 24))
    );
}

#[test]
fn filter_popup_snapshot() {
    let mut app = app(80, 24);
    keys(&mut app, "j j j j j j Enter f l j");
    insta::assert_snapshot!("filter_popup_80x24", screen_text(&draw(&app, 80, 24)));
}

#[test]
fn results_of_a_search_are_dropped_when_the_data_changes() {
    let mut app = app(80, 24);
    keys(&mut app, "/");
    type_text(&mut app, "htx");
    keys(&mut app, "Enter");
    assert!(app.results.is_some());
    // Deleting the cooperative the results point at: stepping on must not reach a stale one.
    keys(&mut app, "d y n");
    assert!(app.results.is_none());
    assert_eq!(app.message.as_deref(), Some("No search yet: / searches"));
    // The next search sees the data as it is now.
    keys(&mut app, "/");
    type_text(&mut app, "htx");
    let count = app.search().unwrap().hits.len();
    assert!(count > 0);
}

/// What the search worker answers `text` typed into the open prompt, applied to the app.
fn ask(app: &mut htx::app::App, worker: &mut htx::app::SearchWorker, text: &str) {
    use htx::app::{Action, Effect, update};
    let Effect::Search(request) = update(app, Action::Input(text.into())) else {
        panic!("typing asks for a search");
    };
    let answer = worker.answer(request, &|| false).expect("an answer");
    update(app, answer);
}

#[test]
fn the_search_worker_indexes_each_state_of_the_data_once_and_lets_go_of_it() {
    use htx::app::{Action, Command, Effect, SearchWorker, update};
    use std::sync::Arc;
    let mut app = app(100, 30);
    // Its own data, not shared with the other tests' apps.
    app.dataset = Arc::new(htx::model::Dataset::clone(&app.dataset));
    let mut worker = SearchWorker::default();
    let holders = Arc::strong_count(&app.dataset);
    assert_eq!(holders, 1);
    let Effect::Search(request) = update(&mut app, Action::Command(Command::Search)) else {
        panic!("/ asks the worker to index the data");
    };
    assert_eq!(Arc::strong_count(&app.dataset), holders + 1);
    assert!(
        worker.answer(request, &|| false).is_none(),
        "nothing to answer yet"
    );
    assert_eq!(
        Arc::strong_count(&app.dataset),
        holders,
        "the worker keeps no hold"
    );

    ask(&mut app, &mut worker, "nam");
    let first = Arc::clone(&app.search_index);
    assert!(!app.search().unwrap().hits.is_empty());
    ask(&mut app, &mut worker, " dinh");
    assert!(
        Arc::ptr_eq(&first, &app.search_index),
        "same data, same index"
    );
    assert_eq!(
        app.search_index.label(app.search().unwrap().hits[0].record),
        "Nam Định"
    );

    // An edit makes a new state of the data: the next search indexes it again.
    keys(&mut app, "Esc 3 Enter Space");
    assert_eq!(app.history.pending.len(), 1);
    keys(&mut app, "/");
    ask(&mut app, &mut worker, "nam");
    assert!(!Arc::ptr_eq(&first, &app.search_index), "a new index");
}

#[test]
fn a_late_answer_for_an_earlier_prompt_is_not_shown_in_a_new_one() {
    use htx::app::{Action, Command, Effect, SearchWorker, update};
    let mut app = app(100, 30);
    let mut worker = SearchWorker::default();
    update(&mut app, Action::Command(Command::Search));
    let Effect::Search(earlier) = update(&mut app, Action::Input("thái".into())) else {
        panic!("typing asks for a search");
    };
    keys(&mut app, "Esc");
    update(&mut app, Action::Command(Command::Search));
    let Effect::Search(current) = update(&mut app, Action::Input("nam".into())) else {
        panic!("typing asks for a search");
    };
    let late = worker.answer(earlier, &|| false).unwrap();
    update(&mut app, late);
    let search = app.search().unwrap();
    assert!(
        search.hits.is_empty() && search.pending,
        "the answer for “thái” was taken"
    );
    let answer = worker.answer(current, &|| false).unwrap();
    update(&mut app, answer);
    let search = app.search().unwrap();
    assert!(!search.pending);
    // The shortest name holding "nam" as a word comes first.
    assert_eq!(app.search_index.label(search.hits[0].record), "Hà Nam");
}
