//! Finds where a value sits in RON text, given its path in the data (`cooperatives[3].name`).
//!
//! Serde forgets positions once a file is parsed, so problems found by validation would have
//! no line to point at. This is a small tokenizer that walks the text once, keeps the path of
//! the value under the cursor, and records the position where each wanted path starts. It is
//! iterative (no recursion, so any nesting depth is safe) and runs only when there is a
//! problem to report.

use std::collections::{HashMap, HashSet};

/// A 1-based line and column (column counted in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text`.
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let before = text.get(..offset).unwrap_or(text);
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Self { line, column }
    }
}

enum Frame {
    /// `( … )`: a struct whose fields are `name: value`, or a wrapper like `Some( … )`.
    Paren { base: usize },
    /// `[ … ]`: each element gets `[index]`.
    Seq { base: usize, next: usize },
    /// `{ … }`: maps are not part of the format; their contents get no path of their own.
    Map { base: usize },
}

struct Cursor<'a> {
    text: &'a str,
    chars: std::iter::Peekable<std::str::CharIndices<'a>>,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn bump(&mut self) -> Option<char> {
        let (_, c) = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn peek(&mut self) -> Option<char> {
        self.chars.peek().map(|&(_, c)| c)
    }

    fn offset(&mut self) -> usize {
        self.chars.peek().map_or(self.text.len(), |&(i, _)| i)
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    /// Skips whitespace and comments (`//…` and nested `/* … */`).
    fn skip_trivia(&mut self) {
        loop {
            match self.peek() {
                Some(c) if c.is_whitespace() => {
                    self.bump();
                }
                Some('/') => {
                    let rest = &self.text[self.offset()..];
                    if rest.starts_with("//") {
                        while self.peek().is_some_and(|c| c != '\n') {
                            self.bump();
                        }
                    } else if rest.starts_with("/*") {
                        self.bump();
                        self.bump();
                        let mut depth = 1usize;
                        while depth > 0 {
                            let rest = &self.text[self.offset()..];
                            if rest.is_empty() {
                                return;
                            } else if rest.starts_with("/*") {
                                depth += 1;
                                self.bump();
                            } else if rest.starts_with("*/") {
                                depth -= 1;
                                self.bump();
                            }
                            self.bump();
                        }
                    } else {
                        return;
                    }
                }
                _ => return,
            }
        }
    }

    /// Skips a quoted string, raw string or char literal whose opening is under the cursor.
    fn skip_literal(&mut self) {
        let rest = &self.text[self.offset()..];
        if let Some(after_r) = rest.strip_prefix('r').or_else(|| rest.strip_prefix("br")) {
            let hashes = after_r.chars().take_while(|&c| c == '#').count();
            if after_r[hashes..].starts_with('"') {
                let prefix = rest.len() - after_r.len();
                for _ in 0..prefix + hashes + 1 {
                    self.bump();
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                while !self.text[self.offset()..].starts_with(close.as_str()) {
                    if self.bump().is_none() {
                        return;
                    }
                }
                for _ in 0..close.chars().count() {
                    self.bump();
                }
                return;
            }
        }
        if rest.starts_with("b\"") {
            self.bump();
        }
        let Some(quote) = self.bump() else { return };
        while let Some(c) = self.bump() {
            if c == '\\' {
                self.bump();
            } else if c == quote {
                return;
            }
        }
    }
}

fn is_atom_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '.')
}

/// The start position of each of `wanted` paths that occurs in `text`.
pub fn locate(text: &str, wanted: &HashSet<&str>) -> HashMap<String, Position> {
    let mut found = HashMap::new();
    let mut cursor = Cursor {
        text,
        chars: text.char_indices().peekable(),
        line: 1,
        column: 1,
    };
    let mut stack: Vec<Frame> = Vec::new();
    let mut path = String::new();
    let mut expect_value = true;
    // Paths longer than any wanted one need no lookup; this keeps absurd nesting linear.
    let longest = wanted.iter().map(|w| w.len()).max().unwrap_or(0);

    loop {
        cursor.skip_trivia();
        let Some(c) = cursor.peek() else { break };
        let start = cursor.position();
        match c {
            ')' | ']' | '}' => {
                cursor.bump();
                if let Some(Frame::Paren { base } | Frame::Seq { base, .. } | Frame::Map { base }) =
                    stack.pop()
                {
                    path.truncate(base);
                }
                expect_value = false;
                continue;
            }
            ',' => {
                cursor.bump();
                expect_value = true;
                continue;
            }
            ':' => {
                cursor.bump();
                expect_value = true;
                continue;
            }
            _ => {}
        }

        // A token that starts a value, or a field name inside a struct.
        let is_literal = matches!(c, '"' | '\'') || {
            let rest = &text[cursor.offset()..];
            rest.starts_with("r\"")
                || rest.starts_with("r#")
                || rest.starts_with("b\"")
                || rest.starts_with("br")
        };
        let mut name = None;
        if !is_literal && is_atom_char(c) {
            let from = cursor.offset();
            while cursor.peek().is_some_and(is_atom_char) {
                cursor.bump();
            }
            name = Some(&text[from..cursor.offset()]);
            cursor.skip_trivia();
            if let (Some(field), Some(Frame::Paren { base })) = (name, stack.last())
                && expect_value
                && cursor.peek() == Some(':')
            {
                path.truncate(*base);
                path.push('.');
                path.push_str(field);
                continue;
            }
        }

        if expect_value {
            if let Some(Frame::Seq { base, next }) = stack.last_mut() {
                path.truncate(*base);
                path.push('[');
                path.push_str(&next.to_string());
                path.push(']');
                *next += 1;
            }
            let key = path.trim_start_matches('.');
            if key.len() <= longest && wanted.contains(key) && !found.contains_key(key) {
                found.insert(key.to_string(), start);
            }
            expect_value = false;
        }

        if name.is_some() {
            continue;
        }
        if is_literal {
            cursor.skip_literal();
            continue;
        }
        cursor.bump();
        let base = path.len();
        match c {
            '(' => stack.push(Frame::Paren { base }),
            '[' => stack.push(Frame::Seq { base, next: 0 }),
            '{' => stack.push(Frame::Map { base }),
            _ => continue,
        }
        expect_value = true;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(text: &str, path: &str) -> Option<(usize, usize)> {
        let wanted = HashSet::from([path]);
        locate(text, &wanted).get(path).map(|p| (p.line, p.column))
    }

    const TEXT: &str = r##"// header
(
    schema_version: 1,
    region: (name: "Đồng bằng", as_of: "2011-06-21"),
    cooperatives: [
        (
            id: "a",
            district: Some("Hải Hậu"),
            notes: r#"she said "hi" (] [ { )"#,
        ),
        /* a comment ( [ */ (
            id: "b",
            name: "x, y: z",
            ratings: [(year: 2011)],
        ),
    ],
)
"##;

    #[test]
    fn finds_fields_and_list_elements() {
        assert_eq!(find(TEXT, "schema_version"), Some((3, 21)));
        assert_eq!(find(TEXT, "region.as_of"), Some((4, 40)));
        assert_eq!(find(TEXT, "cooperatives[0].district"), Some((8, 23)));
        assert_eq!(find(TEXT, "cooperatives[1]"), Some((11, 29)));
        assert_eq!(find(TEXT, "cooperatives[1].id"), Some((12, 17)));
        assert_eq!(
            find(TEXT, "cooperatives[1].ratings[0].year"),
            Some((14, 30))
        );
        assert_eq!(find(TEXT, "cooperatives[2]"), None);
    }

    #[test]
    fn survives_deep_nesting_and_garbage() {
        let deep = "[".repeat(200_000);
        assert_eq!(find(&deep, "x"), None);
        assert_eq!(find("\"unterminated", "x"), None);
        assert_eq!(find("r#\"raw", "x"), None);
        assert_eq!(find("/* open", "x"), None);
        assert_eq!(find(")))]]]}}}", "x"), None);
    }

    #[test]
    fn offsets_become_lines_and_character_columns() {
        assert_eq!(
            Position::of_offset("ab\nĐịnh x", 3 + "Định ".len()),
            Position { line: 2, column: 6 }
        );
    }
}
