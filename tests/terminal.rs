//! Terminal manners, with the real binary in a pseudo-terminal: Ctrl-z and the signals of job
//! control give the terminal back and take it again whole; Esc and a key in one read are two
//! keys; an idle session writes nothing; `NO_COLOR` output has no colour and the selection
//! stays visible; terminals that cannot show the screen are refused, old ones drawn in ASCII.
//!
//! Deadlines are generous (CI runs these as root on two loaded cores); every wait is for a
//! condition, except the idle test, whose five seconds of silence are the measurement.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::pty::{
    Session, in_home, process_state, reversed_rows, row_text, start_with, wait_quiet, wait_until,
    written,
};
use portable_pty::CommandBuilder;

const DEADLINE: Duration = Duration::from_secs(20);

/// What a full frame has: the title row, the list, the last pane's bottom border, and the
/// footer (the hint bar, or the first run's message).
fn assert_whole_screen(session: &Session) {
    session.wait_for("Provinces (11)");
    wait_until(session, DEADLINE, "the whole screen", || {
        row_text(session, 0).starts_with(" htx ")
            && row_text(session, 22).starts_with('└')
            && !row_text(session, 23).trim().is_empty()
    });
}

fn stopped(session: &Session) {
    let pid = session.pid();
    wait_until(session, DEADLINE, "htx stopped", || {
        process_state(pid) == Some('T')
    });
}

fn running(session: &Session) {
    let pid = session.pid();
    wait_until(session, DEADLINE, "htx running again", || {
        process_state(pid).is_some_and(|state| state != 'T')
    });
}

/// The terminal as a shell wants it while htx is stopped.
fn given_back(session: &Session) {
    // htx wrote it all before it stopped; the reader thread may still be reading it.
    wait_until(session, DEADLINE, "the main screen back", || {
        !session.screen.lock().unwrap().screen().alternate_screen()
    });
    session.assert_restored();
    let parser = session.screen.lock().unwrap();
    assert!(
        !parser.screen().bracketed_paste(),
        "bracketed paste left on"
    );
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting left on"
    );
}

/// `j` moves the provinces' selection: the cooperatives tab names another province.
fn j_moves_the_selection(session: &mut Session) {
    let before = row_text(session, 2);
    assert!(before.contains("2 Cooperatives: "), "{before}");
    session.send("j");
    wait_until(session, DEADLINE, "the selection moved", || {
        let now = row_text(session, 2);
        now != before && now.contains("2 Cooperatives: ")
    });
}

/// The journal files of the session's home, with their contents.
fn journals(session: &Session) -> Vec<String> {
    let dir = session.home.join("state").join("htx").join("journals");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".journal"))
        .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
        .collect()
}

#[test]
fn ctrl_z_gives_the_terminal_back_stops_and_continues_whole() {
    let mut session = Session::start(&[]);
    assert_whole_screen(&session);
    // An edit: journaled before the process stops.
    session.send("3");
    session.wait_for("Provinces on KH-01");
    session.send("\r ");
    session.wait_for("1 unsaved");
    session.send("1");
    session.wait_for("Provinces (11)");

    session.send("\x1a");
    stopped(&session);
    given_back(&session);
    assert!(
        journals(&session)
            .iter()
            .any(|text| !text.trim().is_empty()),
        "no journal holds the unsaved edit while htx is stopped"
    );
    // The shell writes on the screen meanwhile.
    session
        .screen
        .lock()
        .unwrap()
        .process(b"\x1b[2J\x1b[H$ jobs\r\n[1]+ Stopped  htx\r\n$ ");

    session.signal("CONT");
    running(&session);
    // Back on the alternate screen (which starts empty), drawn in full, not as a difference
    // from the last frame.
    assert_whole_screen(&session);
    session.wait_for("1 unsaved");
    assert!(session.screen.lock().unwrap().screen().alternate_screen());
    assert!(session.screen.lock().unwrap().screen().bracketed_paste());
    j_moves_the_selection(&mut session);

    // And again: the input thread survives any number of suspensions.
    session.send("\x1a");
    stopped(&session);
    given_back(&session);
    session.signal("CONT");
    running(&session);
    assert_whole_screen(&session);
    j_moves_the_selection(&mut session);

    session.send("q");
    session.wait_for("quit without saving");
    session.send("d");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn sigtstp_from_outside_is_ctrl_z() {
    let mut session = Session::start(&[]);
    assert_whole_screen(&session);
    session.signal("TSTP");
    stopped(&session);
    given_back(&session);
    session.screen.lock().unwrap().process(b"\x1b[2J");
    session.signal("CONT");
    running(&session);
    assert_whole_screen(&session);
    j_moves_the_selection(&mut session);
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

#[test]
fn sigcont_after_a_sigstop_from_outside_redraws_everything() {
    let mut session = Session::start(&[]);
    assert_whole_screen(&session);
    wait_quiet(&session, Duration::from_millis(500), DEADLINE);
    session.signal("STOP");
    stopped(&session);
    // What the shell wrote over the screen while htx could not answer.
    session
        .screen
        .lock()
        .unwrap()
        .process(b"\x1b[2J\x1b[H[1]+ Stopped (signal)  htx\r\n$ ");
    session.signal("CONT");
    running(&session);
    assert_whole_screen(&session);
    assert!(!session.text().contains("Stopped"), "{}", session.text());
    j_moves_the_selection(&mut session);
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
}

/// With a shell that does job control: Ctrl-z gives the shell its prompt, what is typed there
/// goes to the shell, and `fg` brings htx back whole and listening.
#[test]
fn ctrl_z_and_fg_in_a_shell() {
    let home = tempfile::tempdir().unwrap();
    let mut command = CommandBuilder::new("sh");
    command.arg("-i");
    command.cwd(env!("CARGO_MANIFEST_DIR"));
    in_home(&mut command, home.path());
    command.env("PS1", "shell$ ");
    command.env_remove("ENV");
    let mut session = Session::spawn(command, home.path(), 24, 80);
    session.wait_for("shell$ ");
    session.send(&format!("'{}'\r", env!("CARGO_BIN_EXE_htx")));
    assert_whole_screen(&session);

    session.send("\x1a");
    wait_until(
        &session,
        DEADLINE,
        "the shell's prompt after Ctrl-z",
        || {
            let screen = session.screen.lock().unwrap();
            !screen.screen().alternate_screen() && screen.screen().contents().contains("Stopped")
        },
    );
    given_back(&session);
    // Keys that would change htx's view (`2`) if htx read them.
    session.send("echo 2 typed-$((40 + 2))\r");
    session.wait_for("2 typed-42");
    session.send("fg\r");
    assert_whole_screen(&session);
    assert!(
        row_text(&session, 3).contains("Provinces (11)"),
        "htx read what was typed at the shell:\n{}",
        session.text()
    );
    j_moves_the_selection(&mut session);
    session.send("q");
    wait_until(&session, DEADLINE, "the shell's prompt after q", || {
        !session.screen.lock().unwrap().screen().alternate_screen()
    });
    session.send("exit\r");
    session.wait_exit();
    session.assert_restored();
}

#[test]
fn an_idle_session_writes_nothing() {
    let mut session = Session::start(&[]);
    assert_whole_screen(&session);
    // The first frames (the search index arrives a moment after the first) settle.
    wait_quiet(&session, Duration::from_millis(1500), DEADLINE);
    let before = written(&session);
    // Two ticks of the file watcher and a clock that moves on: no reason to draw.
    std::thread::sleep(Duration::from_secs(5));
    let after = written(&session);
    assert_eq!(
        after - before,
        0,
        "an idle session wrote {:?}",
        String::from_utf8_lossy(&session.raw.lock().unwrap()[before..])
    );
    // Still alive and drawing when there is something to draw.
    j_moves_the_selection(&mut session);
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn esc_and_a_key_in_one_read_are_two_keys() {
    let mut session = Session::start(&[]);
    assert_whole_screen(&session);
    let first = row_text(&session, 2);
    // Esc (nothing to go back from in the provinces), then `j`.
    session.send("\x1bj");
    wait_until(&session, DEADLINE, "Esc j moved the selection", || {
        row_text(&session, 2) != first
    });
    let second = row_text(&session, 2);
    // In the search prompt, Esc closes it and `j` then moves the list: the second key is
    // read in the mode the first left.
    session.send("/");
    session.wait_for("Esc cancel");
    session.send("\x1bj");
    wait_until(
        &session,
        DEADLINE,
        "Esc closed the prompt and j moved",
        || {
            let tabs = row_text(&session, 2);
            tabs != second && tabs != first && !session.text().contains("Esc cancel")
        },
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn esc_in_a_note_editor_asks_and_no_keeps_the_text() {
    let mut session = Session::start(&[]);
    assert_whole_screen(&session);
    session.send("3");
    session.wait_for("Provinces on KH-01");
    session.send("\r");
    session.send("e");
    session.wait_for("Ctrl-s");
    session.send("mất điện ở xã");
    session.wait_for("mất điện ở xã");
    session.send("\x1b");
    session.wait_for("Throw away");
    session.send("n");
    wait_until(
        &session,
        DEADLINE,
        "the editor again, with the text",
        || {
            let text = session.text();
            !text.contains("Throw away")
                && text.contains("mất điện ở xã")
                && text.contains("Ctrl-s")
        },
    );
    // Esc and `n` in one read: the same two keys, not an Alt-n that types nothing, nor an
    // `n` typed into the note.
    session.send("\x1bn");
    session.send(" cả tuần");
    session.wait_for("mất điện ở xã cả tuần");
    assert!(!session.text().contains("xãn"), "{}", session.text());
    assert!(!session.text().contains("Throw away"), "{}", session.text());
    session.send("\x13");
    session.wait_for("1 unsaved");
    session.send("q");
    session.wait_for("quit without saving");
    session.send("d");
    assert_eq!(session.wait_exit(), 0);
}

/// Every SGR sequence (`ESC [ … m`) in `bytes`, as its parameter text.
fn sgr_parameters(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(start) = bytes[at..].windows(2).position(|w| w == b"\x1b[") {
        let from = at + start + 2;
        let Some(len) = bytes[from..].iter().position(|b| (0x40..=0x7e).contains(b)) else {
            break;
        };
        if bytes[from + len] == b'm' {
            found.push(String::from_utf8_lossy(&bytes[from..from + len]).into_owned());
        }
        at = from + len + 1;
    }
    found
}

/// Whether an SGR parameter list sets a colour.
fn sets_colour(parameters: &str) -> bool {
    parameters.split(';').any(|part| {
        let code = part.split(':').next().unwrap_or("");
        matches!(
            code.parse::<u32>(),
            Ok(30..=49 | 58 | 59 | 90..=97 | 100..=107)
        )
    })
}

#[test]
fn no_color_writes_no_colour_and_the_selection_is_reverse_video_in_every_view() {
    let mut session = start_with(&[], &[("NO_COLOR", Some("1"))], 24, 80);
    assert_whole_screen(&session);
    let selected = |session: &Session, what: &str, text: &str| {
        wait_until(session, DEADLINE, what, || {
            reversed_rows(session, 3)
                .iter()
                .any(|(_, row)| row.contains(text))
        });
    };
    selected(&session, "the province in reverse video", "Bắc Ninh");
    session.send("2");
    session.wait_for("Cooperatives of Bắc Ninh");
    selected(&session, "the cooperative in reverse video", "│");
    session.send("3");
    session.wait_for("Provinces on KH-01");
    selected(&session, "the plan item in reverse video", "KH-01");
    session.send("\r");
    selected(&session, "the plan's province in reverse video", "Bắc Ninh");
    session.send("j");
    selected(&session, "the next province in reverse video", "Hà Nam");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let raw = session.raw.lock().unwrap().clone();
    let sgr = sgr_parameters(&raw);
    assert!(
        sgr.iter().any(|p| p.split(';').any(|c| c == "7")),
        "no reverse video at all: {sgr:?}"
    );
    let coloured: Vec<&String> = sgr.iter().filter(|p| sets_colour(p)).collect();
    assert!(coloured.is_empty(), "colour under NO_COLOR: {coloured:?}");
    // An empty parameter is a reset, which would take the reverse video off mid-row.
    let empty: Vec<&String> = sgr
        .iter()
        .filter(|p| p.is_empty() || p.split(';').any(str::is_empty))
        .collect();
    assert!(empty.is_empty(), "empty SGR parameters: {empty:?}");
}

/// htx on a small file with `TERM` as given: refused with one line, or drawn.
fn with_term(term: Option<&str>) -> Session {
    start_with(&["tests/data/minimal.ron"], &[("TERM", term)], 24, 80)
}

fn assert_refused(mut session: Session, shown: &str) {
    let code = session.wait_exit();
    assert_ne!(code, 0);
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
    assert_eq!(
        lines,
        [format!(
            "htx: this terminal ({shown}) cannot show the full screen; use htx find, htx list or htx show, or run htx in a terminal such as xterm"
        )],
        "{raw:?}"
    );
    assert!(!raw.contains('\x1b'), "the terminal was touched: {raw:?}");
    session.assert_restored();
}

#[test]
fn a_dumb_terminal_is_refused_with_one_line() {
    assert_refused(with_term(Some("dumb")), "TERM=dumb");
}

/// On a first run the refusal comes before the dataset would be written: one line, and
/// nothing created.
#[test]
fn a_dumb_terminal_is_refused_before_a_first_run_writes_anything() {
    let session = start_with(&[], &[("TERM", Some("dumb"))], 24, 80);
    let home = session.home.clone();
    assert_refused(session, "TERM=dumb");
    let data = home.join("data");
    assert!(
        !data.exists() || std::fs::read_dir(&data).unwrap().next().is_none(),
        "a dataset was written in {}",
        data.display()
    );
}

#[test]
fn no_term_is_refused_with_one_line() {
    assert_refused(with_term(None), "TERM is not set");
    assert_refused(with_term(Some("")), "TERM is not set");
}

#[test]
fn output_that_is_not_a_terminal_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_htx"));
    common::in_english(&mut command)
        .arg("tests/data/minimal.ron")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("TERM", "xterm-256color")
        .stdin(std::process::Stdio::null());
    for (name, dir) in [
        ("XDG_DATA_HOME", "data"),
        ("XDG_STATE_HOME", "state"),
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_CONFIG_HOME", "config"),
    ] {
        command.env(name, home.path().join(dir));
    }
    let output = command.output().unwrap();
    assert!(!output.status.success());
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("htx: standard output is not a terminal")
            && stderr.contains("htx find, htx list or htx show"),
        "{stderr}"
    );
}

#[test]
fn a_vt100_gets_ascii_only() {
    let mut session = with_term(Some("vt100"));
    session.wait_for("Provinces (2)");
    session.send("3");
    session.wait_for("Provinces on");
    session.send("\r");
    session.send("?");
    session.wait_for("help");
    let text = session.text();
    let drawing: Vec<char> = text
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c))
        .collect();
    assert!(drawing.is_empty(), "{drawing:?} on:\n{text}");
    assert!(text.contains("+--"), "no ASCII border:\n{text}");
    session.send("\x1b");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let raw = String::from_utf8_lossy(&session.raw.lock().unwrap()).into_owned();
    let drawing: Vec<char> = raw
        .chars()
        .filter(|c| ('\u{2500}'..='\u{259F}').contains(c))
        .collect();
    assert!(drawing.is_empty(), "written: {drawing:?}");
    assert!(
        !raw.contains("\x1b[?2026"),
        "synchronized output sent to a vt100"
    );
    session.assert_restored();
}

#[test]
fn an_xterm_gets_synchronized_frames() {
    let mut session = Session::start(&["tests/data/minimal.ron"]);
    session.wait_for("Provinces (2)");
    wait_quiet(&session, Duration::from_millis(500), DEADLINE);
    let before = written(&session);
    session.send("j");
    wait_until(&session, DEADLINE, "a frame", || written(&session) > before);
    wait_quiet(&session, Duration::from_millis(300), DEADLINE);
    let frame = session.raw.lock().unwrap()[before..].to_vec();
    assert!(
        frame.starts_with(b"\x1b[?2026h") && frame.ends_with(b"\x1b[?2026l"),
        "{:?}",
        String::from_utf8_lossy(&frame)
    );
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// The screen as text with its reverse video marked (`[` … `]`), row by row.
fn marked_screen(session: &Session) -> String {
    let parser = session.screen.lock().unwrap();
    let screen = parser.screen();
    let (rows, cols) = screen.size();
    let mut out = String::new();
    for row in 0..rows.get() {
        let mut inside = false;
        for col in 0..cols.get() {
            let cell = screen.cell(row, col).unwrap();
            if cell.is_wide_continuation() {
                continue;
            }
            if cell.inverse() != inside {
                inside = cell.inverse();
                out.push(if inside { '[' } else { ']' });
            }
            out.push_str(if cell.has_contents() {
                cell.contents()
            } else {
                " "
            });
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_list_scrolled_row_by_row_shows_what_a_full_redraw_shows() {
    // Short enough that the eleven provinces scroll.
    let mut session = start_with(&[], &[], 14, 80);
    session.wait_for("Provinces (11)");
    wait_quiet(&session, Duration::from_millis(500), DEADLINE);
    let mut scrolled = false;
    for keys in ["jjjjjj", "j", "j", "jjj", "k", "kkkk", "kk", "G", "g"] {
        let before = written(&session);
        let screen = marked_screen(&session);
        session.send(keys);
        wait_until(&session, DEADLINE, "the frame", || {
            marked_screen(&session) != screen
        });
        wait_quiet(&session, Duration::from_millis(300), DEADLINE);
        let frame = session.raw.lock().unwrap()[before..].to_vec();
        scrolled |= frame.windows(3).any(|w| w == b"r\x1b[");
        let drawn = marked_screen(&session);
        // A full redraw from nothing: what the screen must show.
        session.signal("STOP");
        stopped(&session);
        session.screen.lock().unwrap().process(b"\x1b[2J");
        session.signal("CONT");
        running(&session);
        wait_until(&session, DEADLINE, "the full redraw", || {
            row_text(&session, 13).contains("? help")
        });
        wait_quiet(&session, Duration::from_millis(300), DEADLINE);
        assert_eq!(marked_screen(&session), drawn, "after {keys:?}");
    }
    assert!(scrolled, "no frame scrolled the list");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

/// An SGR mouse report (1-based column and row, as the terminal sends it).
fn mouse(button: u8, column: u16, row: u16) -> String {
    format!("\x1b[<{button};{};{}M", column + 1, row + 1)
}

#[test]
fn the_mouse_is_off_unless_the_config_turns_it_on() {
    let mut session = Session::start(&["tests/data/minimal.ron"]);
    session.wait_for("Provinces (2)");
    assert_eq!(
        session
            .screen
            .lock()
            .unwrap()
            .screen()
            .mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "the terminal's own selection must keep working"
    );
    // A click that a terminal sends anyway does nothing.
    let tabs = row_text(&session, 2);
    session.send(&mouse(0, 10, 6));
    // Something to wait for after the click: the help, open and closed again.
    session.send("?");
    session.wait_for("Keys");
    session.send("?");
    wait_until(&session, DEADLINE, "the help closed", || {
        row_text(&session, 2).contains("1 Provinces")
    });
    assert_eq!(row_text(&session, 2).trim_end(), tabs.trim_end());
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}

#[test]
fn with_the_mouse_on_a_click_selects_a_row_or_a_tab_and_the_wheel_scrolls() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config").join("htx");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("config.ron"), "(mouse: true)").unwrap();
    let mut command = CommandBuilder::new(env!("CARGO_BIN_EXE_htx"));
    command.cwd(env!("CARGO_MANIFEST_DIR"));
    in_home(&mut command, home.path());
    let mut session = Session::spawn(command, home.path(), 24, 80);
    assert_whole_screen(&session);
    {
        let parser = session.screen.lock().unwrap();
        assert_eq!(
            parser.screen().mouse_protocol_mode(),
            vt100::MouseProtocolMode::PressRelease
        );
        assert_eq!(
            parser.screen().mouse_protocol_encoding(),
            vt100::MouseProtocolEncoding::Sgr
        );
    }
    // The fourth province's row: under the title, totals, tabs, the list's border and header.
    let fourth = row_text(&session, 8);
    let name = fourth[5..].split("  ").next().unwrap().trim().to_string();
    session.send(&mouse(0, 12, 8));
    session.send("\x1b[<0;13;9m");
    wait_until(&session, DEADLINE, "the clicked row selected", || {
        row_text(&session, 2).contains(&format!("2 Cooperatives: {name}"))
    });
    // Three rows down per notch of the wheel.
    let seventh = row_text(&session, 11);
    let name = seventh[5..].split("  ").next().unwrap().trim().to_string();
    session.send(&mouse(65, 12, 10));
    wait_until(&session, DEADLINE, "the wheel moved the selection", || {
        row_text(&session, 2).contains(&format!("2 Cooperatives: {name}"))
    });
    // The plan's tab.
    let tabs = row_text(&session, 2);
    let column = tabs.find("3 Plan").unwrap();
    let column = u16::try_from(tabs[..column].chars().count()).unwrap();
    session.send(&mouse(0, column + 2, 2));
    session.wait_for("Provinces on KH-01");
    // Stopped, the terminal has its mouse back; continued, htx takes it again.
    session.send("\x1a");
    stopped(&session);
    given_back(&session);
    session.signal("CONT");
    running(&session);
    session.wait_for("Provinces on KH-01");
    wait_until(&session, DEADLINE, "the mouse taken again", || {
        session
            .screen
            .lock()
            .unwrap()
            .screen()
            .mouse_protocol_mode()
            != vt100::MouseProtocolMode::None
    });
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    session.assert_restored();
    assert_eq!(
        session
            .screen
            .lock()
            .unwrap()
            .screen()
            .mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
}

#[test]
fn the_locale_chooses_vietnamese_and_lang_chooses_over_it() {
    let vietnamese = [("LANG", Some("vi_VN.UTF-8"))];
    let mut session = start_with(&[], &vietnamese, 24, 80);
    session.wait_for("Các tỉnh (11)");
    session.wait_for("số liệu ngày 21/06/2011");
    session.send("?");
    session.wait_for("Di chuyển và sửa");
    session.send("\x1b");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    let mut session = start_with(&["--lang", "en"], &vietnamese, 24, 80);
    session.wait_for("Provinces (11)");
    session.wait_for("as of 2011-06-21");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);

    // POSIX: LC_ALL, then LC_MESSAGES, then LANG; the first set and not empty decides.
    let mut session = start_with(
        &[],
        &[("LC_ALL", Some("C")), ("LANG", Some("vi_VN.UTF-8"))],
        24,
        80,
    );
    session.wait_for("Provinces (11)");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
    let mut session = start_with(
        &[],
        &[
            ("LC_ALL", Some("")),
            ("LC_MESSAGES", Some("vi_VN")),
            ("LANG", Some("en_US.UTF-8")),
        ],
        24,
        80,
    );
    session.wait_for("Các tỉnh (11)");
    session.send("q");
    assert_eq!(session.wait_exit(), 0);
}
