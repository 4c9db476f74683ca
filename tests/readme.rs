//! The README's key table is the keymap: a key added or changed without the README fails here.

use htx::app::Mode;
use htx::keymap::Keymap;

#[test]
fn readme_lists_every_key_as_the_keymap_has_it() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .unwrap_or_default();
    let modes = [
        Mode::Browse,
        Mode::Search,
        Mode::Filter,
        Mode::Edit,
        Mode::Form,
        Mode::Dialog,
        Mode::Help,
    ];
    for (command, keys) in modes
        .into_iter()
        .flat_map(|mode| Keymap::default().help(mode))
    {
        let keys: Vec<String> = keys.iter().map(|k| format!("`{}`", k.name())).collect();
        let row = format!("| {} | {} |", keys.join(" "), command.doc());
        assert!(readme.contains(&row), "README.md lacks the row\n{row}");
    }
}
