//! The search prompt: typing a query, receiving results, jumping to one, stepping through
//! them with `n`/`N`, and coming back with `Esc`.

use std::sync::Arc;

use unicode_segmentation::UnicodeSegmentation;

use super::{Action, App, Cursor, Effect, PlanFocus, View};
use crate::model::Dataset;
use crate::search::{Hit, SearchIndex, Target};
use crate::store::cache::{self, Orders, Stamp};
use crate::store::save::Fingerprint;

/// How many results the prompt lists.
pub const RESULT_LIMIT: usize = 200;

/// The open search prompt.
#[derive(Clone, Debug, Default)]
pub struct Search {
    pub query: String,
    pub hits: Vec<Hit>,
    pub cursor: Cursor,
    /// Which request the current query is ([`App::searches_asked`]); results for any other
    /// are dropped.
    pub generation: u64,
    /// Results for the current query are still being computed.
    pub pending: bool,
    /// Where the user was when the prompt opened; `Esc` goes back there.
    pub origin: Place,
}

/// The results of the last search the user jumped from, for `n` and `N`.
#[derive(Clone, Debug)]
pub struct Results {
    pub query: String,
    pub hits: Vec<Hit>,
    pub at: usize,
}

/// Where the user is: the view and every list's selection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Place {
    pub view: Option<View>,
    pub provinces: Cursor,
    pub province: Option<usize>,
    pub cooperatives: Cursor,
    pub detail_scroll: usize,
    pub plan_items: Cursor,
    pub plan_provinces: Cursor,
    pub plan_focus: PlanFocus,
}

/// A search to run for the prompt: the loop hands it to a [`SearchWorker`] off the UI
/// thread, which answers with [`super::Action::SearchResults`]. An empty query asks only for
/// the data to be indexed.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    /// Which state of the data `dataset` is ([`App::data_version`]).
    pub version: u64,
    pub dataset: Arc<Dataset>,
}

/// The search side of the loop, kept on its own thread: the index of the newest data it was
/// asked about, built there so the UI never waits for it.
#[derive(Debug, Default)]
pub struct SearchWorker {
    indexed: Option<(u64, Arc<SearchIndex>)>,
    /// What to do with the file's cache for the data as the session opened it.
    start: Option<StartCache>,
}

/// The file's cache, for the data as the session opened it (its state `version`, see
/// [`App::data_version`]): the search index is read from it if it holds one, and it is
/// written once the index is there if it lacked anything.
#[derive(Debug)]
pub struct StartCache {
    pub stamp: Stamp,
    pub version: u64,
    /// The cache holds this data's search index: read it rather than build it.
    pub has_index: bool,
    /// The cache lacks nothing: the data came from it, with its search index and sorted
    /// views. Otherwise (or if its index cannot be read after all) it is written, with the
    /// data, the sorted views and the search index, once the index is there.
    pub complete: bool,
    pub write: CacheWrite,
}

/// What a cache is written with besides the data and its search index: what the load found.
#[derive(Debug)]
pub struct CacheWrite {
    pub fingerprint: Fingerprint,
    pub normalized: usize,
    pub orders: Orders,
}

impl SearchWorker {
    /// A worker that starts from (and keeps current) the file's cache as `start` says.
    pub fn starting(start: Option<StartCache>) -> Self {
        Self {
            indexed: None,
            start,
        }
    }

    /// The index of `dataset`, the data as the session opened it when `version` is the start
    /// cache's: read from the cache when it holds it, else built; and the cache written if it
    /// is to be.
    fn index_of(&mut self, version: u64, dataset: &Arc<Dataset>) -> Arc<SearchIndex> {
        let start = self.start.take().filter(|start| start.version == version);
        let cached = start
            .as_ref()
            .filter(|start| start.has_index)
            .and_then(|start| cache::load_index_stamped(&start.stamp));
        let read = cached.is_some();
        let index = Arc::new(cached.unwrap_or_else(|| SearchIndex::build(dataset)));
        index.prepare();
        if let Some(start) = start.filter(|start| !(start.complete && read)) {
            // On a thread of its own, so the first search does not wait for the disk; the
            // data is let go of once it is encoded.
            let (dataset, index) = (Arc::clone(dataset), Arc::clone(&index));
            std::thread::spawn(move || {
                let StartCache { stamp, write, .. } = start;
                let encoded = cache::encoded(
                    &stamp,
                    &cache::Contents {
                        dataset: &dataset,
                        fingerprint: &write.fingerprint,
                        normalized: write.normalized,
                        orders: Some(&write.orders),
                        search: Some(&index),
                    },
                );
                drop(dataset);
                if let Some(encoded) = encoded {
                    encoded.write();
                }
            });
        }
        index
    }

    /// Indexes the request's data if it is not the data last indexed (the fields, then their
    /// words), then searches. `None` when there is nothing to answer: an empty query, or a
    /// search `cancelled` by a newer keystroke.
    pub fn answer(
        &mut self,
        request: SearchRequest,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Action> {
        let SearchRequest {
            generation,
            query,
            version,
            dataset,
        } = request;
        let index = match &self.indexed {
            Some((indexed, index)) if *indexed == version => Arc::clone(index),
            _ => {
                let index = self.index_of(version, &dataset);
                self.indexed = Some((version, Arc::clone(&index)));
                index
            }
        };
        // Let go of the data at once: while it is shared, every edit copies it.
        drop(dataset);
        if query.trim().is_empty() {
            return None;
        }
        let hits = index.search(&query, None, RESULT_LIMIT, cancelled)?;
        Some(Action::SearchResults {
            generation,
            hits,
            index,
        })
    }
}

impl App {
    pub(super) fn place(&self) -> Place {
        Place {
            view: Some(self.view),
            provinces: self.provinces,
            province: self.province,
            cooperatives: self.cooperatives,
            detail_scroll: self.detail_scroll,
            plan_items: self.plan_items,
            plan_provinces: self.plan_provinces,
            plan_focus: self.plan_focus,
        }
    }

    fn restore(&mut self, place: Place) {
        if let Some(view) = place.view {
            self.view = view;
        }
        self.provinces = place.provinces;
        self.set_province(place.province);
        self.cooperatives = place.cooperatives;
        self.detail_scroll = place.detail_scroll;
        self.plan_items = place.plan_items;
        self.plan_provinces = place.plan_provinces;
        self.plan_focus = place.plan_focus;
        self.refit();
    }

    /// Opens the prompt. The empty request it gives lets the search worker index the data
    /// while the first letter is being typed.
    pub(super) fn open_search(&mut self) -> Effect {
        let origin = self.place();
        self.open(super::Layer::Search(Search {
            origin,
            ..Search::default()
        }));
        Effect::Search(self.index_request())
    }

    /// A request that only has the search worker index the data as it is now (if it has not
    /// yet): sent when the session starts and when the prompt opens.
    pub fn index_request(&self) -> SearchRequest {
        self.search_request(0, String::new())
    }

    fn search_request(&self, generation: u64, query: String) -> SearchRequest {
        SearchRequest {
            generation,
            query,
            version: self.data_version,
            dataset: Arc::clone(&self.dataset),
        }
    }

    fn request(&mut self) -> Effect {
        self.searches_asked += 1;
        let generation = self.searches_asked;
        let Some(search) = self.search_mut() else {
            return Effect::None;
        };
        search.generation = generation;
        if search.query.trim().is_empty() {
            search.hits.clear();
            search.cursor = Cursor::default();
            search.pending = false;
            return Effect::None;
        }
        search.pending = true;
        let query = search.query.clone();
        Effect::Search(self.search_request(generation, query))
    }

    /// Typed or pasted text: appended to the query, composed to NFC (an input method may send
    /// a letter and its mark separately), control characters dropped.
    pub(super) fn type_text(&mut self, text: &str) -> Effect {
        let Some(search) = self.search_mut() else {
            return Effect::None;
        };
        search
            .query
            .extend(text.chars().filter(|c| !c.is_control()));
        crate::text::nfc_in_place(&mut search.query);
        self.request()
    }

    pub(super) fn delete_backward(&mut self, word: bool) -> Effect {
        let Some(search) = self.search_mut() else {
            return Effect::None;
        };
        if search.query.is_empty() {
            self.cancel_search();
            return Effect::None;
        }
        let keep = if word {
            let trimmed = search.query.trim_end();
            trimmed
                .unicode_word_indices()
                .next_back()
                .map_or(0, |(at, _)| at)
        } else {
            search
                .query
                .grapheme_indices(true)
                .next_back()
                .map_or(0, |(at, _)| at)
        };
        search.query.truncate(keep);
        self.request()
    }

    pub(super) fn clear_query(&mut self) -> Effect {
        if let Some(search) = self.search_mut() {
            search.query.clear();
        }
        self.request()
    }

    pub(super) fn cancel_search(&mut self) {
        if let Some(search) = self.take_search() {
            self.restore(search.origin);
        }
    }

    /// Results for the query of `generation`; older ones are ignored.
    pub(super) fn receive(&mut self, generation: u64, hits: Vec<Hit>, index: Arc<SearchIndex>) {
        if self
            .search()
            .is_none_or(|search| search.generation != generation)
        {
            return;
        }
        self.search_index = index;
        let Some(search) = self.search_mut() else {
            return;
        };
        search.hits = hits;
        search.pending = false;
        search.cursor = Cursor::default();
    }

    pub(super) fn move_in_results(&mut self, delta: isize, page: usize) {
        if let Some(search) = self.search_mut() {
            let len = search.hits.len();
            search.cursor.move_by(delta, len, page);
        }
    }

    /// Jumps to the selected result and keeps the results for `n`/`N`.
    pub(super) fn accept_search(&mut self) {
        let Some(search) = self.take_search() else {
            return;
        };
        let Some(hit) = search.hits.get(search.cursor.selected) else {
            self.open(super::Layer::Search(search));
            return;
        };
        let Some(target) = self.search_index.records.get(hit.record).map(|r| r.target) else {
            return;
        };
        let at = search.cursor.selected;
        let count = search.hits.len();
        self.results = Some(Results {
            query: search.query,
            hits: search.hits,
            at,
        });
        self.go_to(target);
        self.message = Some((crate::lang::tr().result_of_next)(at + 1, count));
    }

    /// `n` and `N`: the next or previous result of the last search, wrapping around.
    pub(super) fn step_results(&mut self, forward: bool) {
        let Some(results) = self.results.as_mut() else {
            self.message = Some(crate::lang::tr().no_search_yet.to_string());
            return;
        };
        let len = results.hits.len();
        if len == 0 {
            return;
        }
        results.at = if forward {
            (results.at + 1) % len
        } else {
            (results.at + len - 1) % len
        };
        let hit = &results.hits[results.at];
        let Some(target) = self.search_index.records.get(hit.record).map(|r| r.target) else {
            return;
        };
        let message = (crate::lang::tr().result_of_for)(results.at + 1, len, &results.query);
        self.go_to(target);
        self.message = Some(message);
    }

    /// Shows a record in its own view, selected.
    pub fn go_to(&mut self, target: Target) {
        match target {
            Target::Province(p) => {
                self.view = View::Provinces;
                if let Some(at) = self.index.provinces.iter().position(|&q| q == p) {
                    self.provinces.selected = at;
                }
            }
            Target::Cooperative(c) => {
                let Some(p) = self
                    .dataset
                    .cooperatives
                    .get(c)
                    .and_then(|coop| self.index.province(&coop.province))
                else {
                    return;
                };
                self.view = View::Cooperatives;
                self.set_province(Some(p));
                if !self.province_cooperatives().contains(&c) {
                    self.clear_filters();
                }
                if let Some(at) = self.province_cooperatives().iter().position(|&q| q == c) {
                    self.cooperatives.selected = at;
                }
                if let Some(at) = self.index.provinces.iter().position(|&q| q == p) {
                    self.provinces.selected = at;
                }
            }
            Target::PlanItem(i) => {
                self.view = View::Plan;
                self.plan_focus = PlanFocus::Items;
                self.plan_items.selected = i;
            }
            Target::Progress { item, province } => {
                self.view = View::Plan;
                self.plan_items.selected = item;
                self.plan_focus = PlanFocus::Provinces;
                if !self.plan_rows().contains(&province) {
                    self.clear_filters();
                }
                if let Some(at) = self.plan_rows().iter().position(|&q| q == province) {
                    self.plan_provinces.selected = at;
                }
            }
        }
        self.refit();
    }
}
