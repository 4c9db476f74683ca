//! A selection in a list and the first row shown, kept so the selection is always visible.

/// Selected row and scroll offset of one list.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cursor {
    pub selected: usize,
    pub offset: usize,
}

impl Cursor {
    /// Moves by `delta` rows within a list of `len`, showing `height` rows at a time.
    pub fn move_by(&mut self, delta: isize, len: usize, height: usize) {
        let last = len.saturating_sub(1);
        let target = self.selected.saturating_add_signed(delta).min(last);
        self.select(target, len, height);
    }

    /// Selects row `index` (clamped) and scrolls it into view.
    pub fn select(&mut self, index: usize, len: usize, height: usize) {
        self.selected = index.min(len.saturating_sub(1));
        self.offset = visible_offset(self.selected, self.offset, len, height);
    }

    /// Re-fits the scroll offset after the list or the window changed size.
    pub fn refit(&mut self, len: usize, height: usize) {
        self.select(self.selected, len, height);
    }
}

/// The first row to show so that `selected` is visible in `height` rows, moving the view as
/// little as possible from `offset` and never leaving empty rows at the end of a long list.
pub fn visible_offset(selected: usize, offset: usize, len: usize, height: usize) -> usize {
    let height = height.max(1);
    let mut offset = offset.min(len.saturating_sub(height));
    if selected < offset {
        offset = selected;
    } else if selected >= offset + height {
        offset = selected + 1 - height;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selection_stays_visible_and_clamped() {
        let mut cursor = Cursor::default();
        cursor.move_by(5, 10, 3);
        assert_eq!(
            cursor,
            Cursor {
                selected: 5,
                offset: 3
            }
        );
        cursor.move_by(-1, 10, 3);
        assert_eq!(
            cursor,
            Cursor {
                selected: 4,
                offset: 3
            }
        );
        cursor.move_by(-4, 10, 3);
        assert_eq!(
            cursor,
            Cursor {
                selected: 0,
                offset: 0
            }
        );
        cursor.move_by(100, 10, 3);
        assert_eq!(
            cursor,
            Cursor {
                selected: 9,
                offset: 7
            }
        );
        cursor.move_by(-100, 10, 3);
        assert_eq!(cursor.selected, 0);
    }

    #[test]
    fn empty_lists_and_zero_heights_are_safe() {
        let mut cursor = Cursor::default();
        cursor.move_by(3, 0, 0);
        assert_eq!(cursor, Cursor::default());
        cursor.select(7, 8, 0);
        assert_eq!(
            cursor,
            Cursor {
                selected: 7,
                offset: 7
            }
        );
    }

    #[test]
    fn growing_window_shows_more_rows_above() {
        let mut cursor = Cursor {
            selected: 9,
            offset: 8,
        };
        cursor.refit(10, 5);
        assert_eq!(cursor.offset, 5);
    }
}
