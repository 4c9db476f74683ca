//! A small text editor for form fields and notes: moves and deletes by grapheme, so the cursor
//! never lands between a Vietnamese letter and its marks, and keeps the text in NFC as it is
//! typed (an input method may send a letter and its tone mark separately).

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Lines of text and a cursor (line, grapheme within the line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextArea {
    lines: Vec<String>,
    row: usize,
    col: usize,
    /// One line only: a newline typed or pasted becomes a space.
    single_line: bool,
    /// The text the editor opened with.
    initial: String,
}

fn graphemes(line: &str) -> usize {
    line.graphemes(true).count()
}

fn byte_at(line: &str, col: usize) -> usize {
    line.grapheme_indices(true)
        .nth(col)
        .map_or(line.len(), |(at, _)| at)
}

impl TextArea {
    /// An editor holding `text`, cursor at the end.
    pub fn new(text: &str, single_line: bool) -> Self {
        let text: String = text.nfc().collect();
        let mut lines: Vec<String> = if single_line {
            vec![text.replace(['\n', '\r'], " ")]
        } else {
            text.split('\n')
                .map(|l| l.trim_end_matches('\r').to_string())
                .collect()
        };
        if lines.is_empty() {
            lines.push(String::new());
        }
        let row = lines.len() - 1;
        let col = graphemes(&lines[row]);
        Self {
            initial: lines.join("\n"),
            lines,
            row,
            col,
            single_line,
        }
    }

    /// Whether the text differs from what the editor opened with.
    pub fn changed(&self) -> bool {
        self.lines.join("\n") != self.initial
    }

    pub fn text(&self) -> String {
        self.lines.join("\n")
    }

    pub fn lines(&self) -> &[String] {
        &self.lines
    }

    /// Cursor as (line, grapheme index).
    pub fn cursor(&self) -> (usize, usize) {
        (self.row, self.col)
    }

    /// Inserts typed or pasted text at the cursor. Control characters other than line breaks
    /// and tabs are dropped; the line is recomposed to NFC with the cursor after the insert.
    pub fn insert(&mut self, text: &str) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        let mut parts = text.split('\n');
        if let Some(first) = parts.next() {
            self.insert_in_line(first);
        }
        for part in parts {
            if self.single_line {
                self.insert_in_line(" ");
            } else {
                self.newline();
            }
            self.insert_in_line(part);
        }
    }

    fn insert_in_line(&mut self, text: &str) {
        let clean: String = text
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|&c| !crate::text::is_unsafe_for_terminal(c))
            .collect();
        let line = &self.lines[self.row];
        let at = byte_at(line, self.col);
        let before: String = format!("{}{clean}", &line[..at]).nfc().collect();
        let after = &line[at..];
        self.col = graphemes(&before);
        // Composition never reaches across the cursor into text after it.
        self.lines[self.row] = format!("{before}{after}").nfc().collect();
    }

    pub fn newline(&mut self) {
        if self.single_line {
            return;
        }
        let line = &self.lines[self.row];
        let at = byte_at(line, self.col);
        let rest = line[at..].to_string();
        self.lines[self.row].truncate(at);
        self.lines.insert(self.row + 1, rest);
        self.row += 1;
        self.col = 0;
    }

    /// Deletes the grapheme before the cursor (a letter with all its marks), joining lines at
    /// the start of one.
    pub fn backspace(&mut self) {
        if self.col > 0 {
            let line = &self.lines[self.row];
            let (from, to) = (byte_at(line, self.col - 1), byte_at(line, self.col));
            self.lines[self.row].replace_range(from..to, "");
            self.col -= 1;
        } else if self.row > 0 {
            let line = self.lines.remove(self.row);
            self.row -= 1;
            self.col = graphemes(&self.lines[self.row]);
            self.lines[self.row].push_str(&line);
        }
    }

    /// Deletes the grapheme under the cursor.
    pub fn delete(&mut self) {
        let len = graphemes(&self.lines[self.row]);
        if self.col < len {
            let line = &self.lines[self.row];
            let (from, to) = (byte_at(line, self.col), byte_at(line, self.col + 1));
            self.lines[self.row].replace_range(from..to, "");
        } else if self.row + 1 < self.lines.len() {
            let next = self.lines.remove(self.row + 1);
            self.lines[self.row].push_str(&next);
        }
    }

    pub fn left(&mut self) {
        if self.col > 0 {
            self.col -= 1;
        } else if self.row > 0 {
            self.row -= 1;
            self.col = graphemes(&self.lines[self.row]);
        }
    }

    pub fn right(&mut self) {
        if self.col < graphemes(&self.lines[self.row]) {
            self.col += 1;
        } else if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = 0;
        }
    }

    pub fn up(&mut self) {
        if self.row > 0 {
            self.row -= 1;
            self.col = self.col.min(graphemes(&self.lines[self.row]));
        }
    }

    pub fn down(&mut self) {
        if self.row + 1 < self.lines.len() {
            self.row += 1;
            self.col = self.col.min(graphemes(&self.lines[self.row]));
        }
    }

    pub fn home(&mut self) {
        self.col = 0;
    }

    pub fn end(&mut self) {
        self.col = graphemes(&self.lines[self.row]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_a_letter_with_its_marks() {
        let mut area = TextArea::new("Định", true);
        area.backspace();
        area.backspace();
        assert_eq!(area.text(), "Đị");
        area.backspace();
        assert_eq!(area.text(), "Đ");
    }

    #[test]
    fn decomposed_input_is_composed_as_it_is_typed() {
        let mut area = TextArea::new("", true);
        for piece in ["D", "i", "\u{323}", "n", "h"] {
            area.insert(piece);
        }
        assert_eq!(area.text(), "Dịnh");
        assert_eq!(area.cursor(), (0, 4));
        // An NFD paste of a whole word.
        area.insert(&" Đồng".nfd().collect::<String>());
        assert_eq!(area.text(), "Dịnh Đồng");
    }

    #[test]
    fn telex_burst_backspace_and_replacement() {
        // Telex in the user's terminal: "dd" → "đ" arrives as d, backspace, đ.
        let mut area = TextArea::new("", true);
        area.insert("d");
        area.backspace();
        area.insert("đ");
        // "oo" → "ô": o, then backspace and ô.
        area.insert("o");
        area.backspace();
        area.insert("ô");
        area.insert("n");
        area.insert("g");
        // "f" (huyền) rewrites the vowel: backspaces back to it and retypes.
        for _ in 0..3 {
            area.backspace();
        }
        area.insert("ồng");
        assert_eq!(area.text(), "đồng");
    }

    #[test]
    fn cursor_moves_by_grapheme_and_inserts_in_place() {
        let mut area = TextArea::new("Hà Nội", true);
        area.home();
        area.right();
        area.right();
        area.insert("-");
        assert_eq!(area.text(), "Hà- Nội");
        area.end();
        area.left();
        area.delete();
        assert_eq!(area.text(), "Hà- Nộ");
    }

    #[test]
    fn lines_split_and_join() {
        let mut area = TextArea::new("ab", false);
        area.left();
        area.newline();
        assert_eq!(area.lines(), ["a", "b"]);
        area.backspace();
        assert_eq!(area.text(), "ab");
        area.insert("x\r\ny\nz");
        assert_eq!(area.lines(), ["ax", "y", "zb"]);
        area.up();
        area.up();
        area.end();
        area.delete();
        assert_eq!(area.lines(), ["axy", "zb"]);
    }

    #[test]
    fn a_single_line_field_turns_breaks_into_spaces_and_drops_controls() {
        let mut area = TextArea::new("a\nb", true);
        area.insert("c\nd\u{1b}[2J\u{7}");
        assert_eq!(area.text(), "a bc d[2J");
    }
}
