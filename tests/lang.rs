//! The command line in both languages, as a person and a script meet it: the language comes
//! from `--lang`, then the config's `lang`, then the first of `LC_ALL`, `LC_MESSAGES`, `LANG`
//! set and not empty; `--help`, notes and errors follow it (errors keeping
//! `FILE:LINE:COLUMN:`), machine output does not.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;
use std::process::{Command, Output, Stdio};

/// `htx ARGS` in the crate's folder with its XDG folders in `home`, stdin empty, none of the
/// locale variables but those in `env`.
fn htx(home: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_htx"));
    common::in_english(&mut command)
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("TERM", "xterm-256color")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// Which language `htx ARGS --help` answered in.
fn help_language(home: &Path, args: &[&str], env: &[(&str, &str)]) -> &'static str {
    let out = htx(home, args, env);
    assert!(out.status.success(), "{args:?} {env:?}: {out:?}");
    let help = text(&out.stdout);
    match (help.contains("Usage: htx"), help.contains("Cách dùng: htx")) {
        (true, false) => "en",
        (false, true) => "vi",
        _ => panic!("{args:?} {env:?} is in no one language:\n{help}"),
    }
}

const VI_VN: (&str, &str) = ("LANG", "vi_VN.UTF-8");

fn write_config(home: &Path, text: &str) {
    let dir = home.join("config").join("htx");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("config.ron"), text).unwrap();
}

#[test]
fn help_follows_a_vietnamese_locale_and_lang_en_overrides_it() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let vi = htx(home, &["--help"], &[VI_VN]);
    let vi = text(&vi.stdout);
    for heading in [
        "Cách dùng: htx [TÙY_CHỌN] [TỆP]",
        "Lệnh:",
        "Đối số:",
        "Tùy chọn:",
        "In trợ giúp này",
    ] {
        assert!(vi.contains(heading), "no {heading:?} in\n{vi}");
    }
    let en = htx(home, &["--lang", "en", "--help"], &[VI_VN]);
    let en = text(&en.stdout);
    for heading in [
        "Usage: htx [OPTIONS] [FILE]",
        "Commands:",
        "Options:",
        "Print help",
    ] {
        assert!(en.contains(heading), "no {heading:?} in\n{en}");
    }
    assert_eq!(help_language(home, &["--help"], &[]), "en");
    assert_eq!(help_language(home, &["find", "--help"], &[VI_VN]), "vi");
    let find = text(&htx(home, &["find", "-h"], &[VI_VN]).stdout);
    assert!(
        find.contains("Cách dùng: htx find [TÙY_CHỌN] <TỪ_KHÓA>"),
        "{find}"
    );
    // `--lang` may stand after the command, in either spelling.
    assert_eq!(
        help_language(home, &["list", "--lang=en", "--help"], &[VI_VN]),
        "en"
    );
    assert_eq!(
        help_language(home, &["show", "--help", "--lang", "vi"], &[]),
        "vi"
    );
}

#[test]
fn lc_all_then_lc_messages_then_lang_as_posix_has_it() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let help = |env: &[(&str, &str)]| help_language(home, &["--help"], env);
    assert_eq!(help(&[("LC_ALL", "C"), VI_VN]), "en");
    assert_eq!(help(&[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "C")]), "vi");
    assert_eq!(
        help(&[("LC_MESSAGES", "vi_VN.UTF-8"), ("LANG", "en_US.UTF-8")]),
        "vi"
    );
    assert_eq!(help(&[("LC_MESSAGES", "POSIX"), VI_VN]), "en");
    assert_eq!(help(&[("LC_ALL", ""), ("LC_MESSAGES", ""), VI_VN]), "vi");
    assert_eq!(help(&[("LANG", "fr_FR.UTF-8")]), "en");
}

#[test]
fn the_configs_lang_comes_before_the_environment_and_the_flag_before_both() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    write_config(home, "(lang: \"vi\")");
    assert_eq!(help_language(home, &["--help"], &[]), "vi");
    assert_eq!(
        help_language(home, &["--help"], &[("LC_ALL", "en_US.UTF-8")]),
        "vi"
    );
    assert_eq!(help_language(home, &["--lang", "en", "--help"], &[]), "en");
    write_config(home, "(lang: \"en\")");
    assert_eq!(help_language(home, &["--help"], &[VI_VN]), "en");
    assert_eq!(help_language(home, &["--lang", "vi", "--help"], &[]), "vi");
}

#[test]
fn a_check_error_keeps_file_line_column_in_both_languages() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let file = "tests/bad/duplicate_progress.ron";
    let en = htx(home, &["check", file], &[]);
    assert_eq!(en.status.code(), Some(1));
    assert_eq!(
        text(&en.stderr).lines().next(),
        Some(
            "tests/bad/duplicate_progress.ron:73:35: a second entry for province \"36\" in this \
             item (at plan.items[0].progress[1].province)"
        )
    );
    let vi = htx(home, &["check", file], &[VI_VN]);
    assert_eq!(vi.status.code(), Some(1));
    assert_eq!(
        text(&vi.stderr).lines().next(),
        Some(
            "tests/bad/duplicate_progress.ron:73:35: nội dung này đã có một mục tiến độ của tỉnh \
             \"36\" (tại plan.items[0].progress[1].province)"
        )
    );
    // ron's complaints and the config's too.
    let vi = htx(home, &["check", "tests/bad/missing_field.ron"], &[VI_VN]);
    assert!(
        text(&vi.stderr).starts_with(
            "tests/bad/missing_field.ron:54:9: thiếu trường `members` trong `Cooperative`; hãy \
             thêm trường này"
        ),
        "{vi:?}"
    );
    let config = "tests/bad-config/unknown_setting.ron";
    let vi = htx(home, &["config", "--check", config], &[VI_VN]);
    assert_eq!(vi.status.code(), Some(1));
    assert!(
        text(&vi.stderr)
            .starts_with("tests/bad-config/unknown_setting.ron:2:5: không có thiết lập `autosave`"),
        "{vi:?}"
    );
}

#[test]
fn notes_and_summaries_follow_the_language_and_machine_output_does_not() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let check = htx(home, &["check", "tests/data/minimal.ron"], &[VI_VN]);
    assert_eq!(
        text(&check.stdout),
        "tests/data/minimal.ron: không có lỗi: 2 tỉnh, 1 ngành, 2 hợp tác xã, 1 nội dung kế \
         hoạch, 1 mục tiến độ\n"
    );
    let lookups: &[&[&str]] = &[
        &["find", "nam dinh"],
        &["find", "định", "--json"],
        &["list", "provinces"],
        &["list", "cooperatives", "--format", "csv"],
        &["list", "plan", "--province", "36", "--format", "json"],
        &["show", "36"],
        &["show", "KH-01/36"],
        &["show", "HTX-36-001", "--json"],
    ];
    for args in lookups {
        let en = htx(home, args, &[]);
        let vi = htx(home, args, &[VI_VN]);
        assert!(en.status.success(), "{args:?}: {en:?}");
        assert!(!en.stdout.is_empty(), "{args:?}");
        assert_eq!(
            text(&vi.stdout),
            text(&en.stdout),
            "{args:?} is machine output, the same in both"
        );
    }
    let none = htx(home, &["find", "qqqxxzz"], &[VI_VN]);
    assert_eq!(none.status.code(), Some(1));
    assert_eq!(
        text(&none.stderr),
        "htx: không tìm thấy gì khớp với \"qqqxxzz\"\n"
    );
    let unknown = htx(
        home,
        &["list", "cooperatives", "--province", "99"],
        &[VI_VN],
    );
    assert_eq!(unknown.status.code(), Some(1));
    assert!(
        text(&unknown.stderr).starts_with("htx: không có tỉnh nào mã \"99\""),
        "{unknown:?}"
    );
    // Output to a pipe cannot take the full screen: said in Vietnamese too.
    let piped = htx(home, &["tests/data/minimal.ron"], &[VI_VN]);
    assert!(!piped.status.success());
    assert!(
        text(&piped.stderr).starts_with("htx: đầu ra không phải là thiết bị đầu cuối"),
        "{piped:?}"
    );
}

#[test]
fn a_language_htx_does_not_have_is_a_usage_error_in_the_environments_language() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    let en = htx(home, &["--lang", "fr", "--help"], &[]);
    assert_eq!(en.status.code(), Some(2));
    assert!(
        text(&en.stderr).starts_with("htx: no interface language \"fr\""),
        "{en:?}"
    );
    let vi = htx(home, &["--lang=fr", "--help"], &[VI_VN]);
    assert_eq!(vi.status.code(), Some(2));
    assert!(
        text(&vi.stderr).starts_with("htx: không có ngôn ngữ giao diện \"fr\""),
        "{vi:?}"
    );
}
