//! `htx`: the plan book of Vietnam's provincial Cooperative Alliances, in a terminal.
//!
//! The library does all the work; `src/main.rs` parses the command line and runs the loop.
//! Arrows point one way: `ui` and `app` know the `model`, the `model` knows nobody, and only
//! `terminal` touches the terminal, the clock and the disk (through `store`).

pub mod app;
pub mod cli;
pub mod config;
pub mod import;
pub mod keymap;
pub mod lang;
pub mod model;
pub mod report;
pub mod search;
pub mod store;
pub mod terminal;
pub mod text;
pub mod theme;
pub mod ui;
