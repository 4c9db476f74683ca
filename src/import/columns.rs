//! Which column holds what: the header row found among a sheet's first rows (government
//! spreadsheets put a title and a date above it), each column name recognised in Vietnamese
//! or English whatever its marks and case, and `--map` for the names htx does not know.

use super::table::{Row, Table};
use super::values::{Value, clean_text};
use crate::search::fold::fold;

/// What rows an import brings.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Cooperatives,
    Progress,
}

/// A field a column can fill. The names are those of `htx list` (CSV and JSON), so a listing
/// reads back as it was written, and those `--map` takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Name,
    Province,
    District,
    Sector,
    Founded,
    Members,
    Grade,
    RatingYear,
    MemberSince,
    Status,
    Notes,
    Item,
    Note,
    ChangedBy,
    ChangedAt,
}

impl Field {
    /// The fields of each kind, in the order a preview lists them.
    pub fn of(kind: Kind) -> &'static [Field] {
        match kind {
            Kind::Cooperatives => &[
                Field::Id,
                Field::Name,
                Field::Province,
                Field::District,
                Field::Sector,
                Field::Founded,
                Field::Members,
                Field::Grade,
                Field::RatingYear,
                Field::MemberSince,
                Field::Status,
                Field::Notes,
            ],
            Kind::Progress => &[
                Field::Item,
                Field::Province,
                Field::Status,
                Field::Note,
                Field::ChangedBy,
                Field::ChangedAt,
            ],
        }
    }

    /// The field's name in `--map` and in `htx list`'s header.
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Name => "name",
            Field::Province => "province",
            Field::District => "district",
            Field::Sector => "sector",
            Field::Founded => "founded",
            Field::Members => "members",
            Field::Grade => "latest_grade",
            Field::RatingYear => "latest_rating_year",
            Field::MemberSince => "alliance_member_since",
            Field::Status => "status",
            Field::Notes => "notes",
            Field::Item => "item",
            Field::Note => "note",
            Field::ChangedBy => "changed_by",
            Field::ChangedAt => "changed_at",
        }
    }

    /// Column names that mean this field, written as [`key`] leaves them: folded, words
    /// separated by one space. The first is the field's own name.
    fn aliases(self, kind: Kind) -> &'static [&'static str] {
        match (self, kind) {
            (Field::Id, Kind::Cooperatives) => &[
                "id",
                "ma",
                "ma htx",
                "ma so",
                "ma so htx",
                "ma hop tac xa",
                "ma so hop tac xa",
            ],
            (Field::Name, _) => &[
                "name",
                "ten",
                "ten htx",
                "ten hop tac xa",
                "ten don vi",
                "ten day du",
            ],
            (Field::Province, _) => &[
                "province",
                "tinh",
                "tinh thanh",
                "tinh thanh pho",
                "tinh tp",
                "ma tinh",
                "dia ban",
            ],
            (Field::District, _) => &[
                "district",
                "huyen",
                "quan huyen",
                "huyen quan",
                "huyen thi xa",
                "quan huyen thi xa",
                "huyen thi xa thanh pho",
            ],
            (Field::Sector, _) => &[
                "sector",
                "linh vuc",
                "nganh nghe",
                "nganh",
                "linh vuc hoat dong",
                "nganh nghe kinh doanh",
                "nganh nghe hoat dong",
            ],
            (Field::Founded, _) => &[
                "founded",
                "nam thanh lap",
                "thanh lap",
                "ngay thanh lap",
                "thanh lap nam",
            ],
            (Field::Members, _) => &[
                "members",
                "so thanh vien",
                "thanh vien",
                "so xa vien",
                "xa vien",
                "so tv",
            ],
            (Field::Grade, _) => &[
                "latest grade",
                "grade",
                "xep loai",
                "xep loai htx",
                "ket qua xep loai",
                "phan loai",
            ],
            (Field::RatingYear, _) => &["latest rating year", "rating year", "nam xep loai"],
            (Field::MemberSince, _) => &[
                "alliance member since",
                "thanh vien lien minh tu",
                "thanh vien lien minh tu nam",
                "thanh vien lien minh",
                "nam gia nhap lien minh",
                "gia nhap lien minh",
                "vao lien minh",
            ],
            (Field::Status, Kind::Cooperatives) => {
                &["status", "tinh trang", "tinh trang hoat dong", "trang thai"]
            }
            (Field::Status, Kind::Progress) => &[
                "status",
                "trang thai",
                "tinh trang",
                "ket qua",
                "muc do hoan thanh",
            ],
            (Field::Notes, _) => &["notes", "ghi chu"],
            (Field::Item, _) => &[
                "item",
                "id",
                "muc",
                "ma muc",
                "muc ke hoach",
                "noi dung",
                "nhiem vu",
                "ke hoach",
            ],
            (Field::Note, _) => &["note", "ghi chu", "ket qua thuc hien"],
            (Field::ChangedBy, _) => &[
                "changed by",
                "who",
                "nguoi cap nhat",
                "nguoi thuc hien",
                "nguoi bao cao",
                "can bo",
            ],
            (Field::ChangedAt, _) => &[
                "changed at",
                "when",
                "date",
                "ngay",
                "ngay cap nhat",
                "thoi gian",
                "ngay bao cao",
            ],
            (Field::Id, Kind::Progress) => &[],
        }
    }

    /// The field `--map` names (its `htx list` name, or any name a column may have).
    pub fn parse(kind: Kind, name: &str) -> Option<Field> {
        let key = key(name);
        Field::of(kind)
            .iter()
            .copied()
            .find(|f| key == self::key(f.name()) || f.aliases(kind).contains(&key.as_str()))
    }
}

/// A column name as it is compared: folded (no marks, lower case, đ → d), every run of
/// characters other than letters and digits one space.
pub fn key(name: &str) -> String {
    let folded = fold(name);
    let mut out = String::with_capacity(folded.len());
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// What one column of the header means.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Column {
    /// 0-based column.
    pub index: usize,
    /// The column's name as the file writes it.
    pub title: String,
    /// `None`: not a field htx keeps (STT, a phone number…); listed in the preview, ignored.
    pub field: Option<Field>,
    /// The year a rating column names (`Xếp loại 2011`).
    pub year: Option<u16>,
}

/// The header row and what its columns mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Header {
    /// Index of the header row in the table's rows.
    pub row: usize,
    pub columns: Vec<Column>,
}

impl Header {
    pub fn column(&self, field: Field) -> Option<&Column> {
        self.columns.iter().find(|c| c.field == Some(field))
    }

    pub fn ignored(&self) -> impl Iterator<Item = &Column> {
        self.columns.iter().filter(|c| c.field.is_none())
    }
}

/// How many rows the header is looked for in.
pub const HEADER_ROWS: usize = 20;

/// One `--map COLUMN=FIELD`: the column (by its name) and the field, or `None` to ignore it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mapping {
    pub column: String,
    pub field: Option<Field>,
}

/// Why the columns cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No row among the first [`HEADER_ROWS`] names the fields the kind needs.
    NoHeader { needed: Vec<Field> },
    /// A `--map` names a column the header does not have.
    NoSuchColumn { column: String, titles: Vec<String> },
    /// Two columns mean the same field.
    Twice {
        field: Field,
        first: String,
        second: String,
    },
}

/// A rating column's field and year: `Xếp loại 2011`, `Xếp loại năm 2011`.
fn with_year(key: &str, kind: Kind) -> Option<(Field, u16)> {
    let (rest, year) = key.rsplit_once(' ')?;
    let year: u16 = year.parse().ok().filter(|y| (1900..=2100).contains(y))?;
    let rest = rest.strip_suffix(" nam").unwrap_or(rest);
    let field = Field::of(kind)
        .iter()
        .copied()
        .find(|f| *f == Field::Grade && f.aliases(kind).contains(&rest))?;
    Some((field, year))
}

fn recognise(title: &str, kind: Kind) -> (Option<Field>, Option<u16>) {
    let key = key(title);
    if key.is_empty() {
        return (None, None);
    }
    if let Some(field) = Field::of(kind)
        .iter()
        .copied()
        .find(|f| f.aliases(kind).contains(&key.as_str()))
    {
        return (Some(field), None);
    }
    match with_year(&key, kind) {
        Some((field, year)) => (Some(field), Some(year)),
        None => (None, None),
    }
}

/// The longest text taken for a column name: a cell longer than that is data, not a title.
const TITLE_LIMIT: usize = 200;

fn titles(row: &Row) -> Vec<(usize, String)> {
    row.cells
        .iter()
        .enumerate()
        .filter_map(|(i, cell)| match &cell.value {
            Value::Text(text) if text.len() <= TITLE_LIMIT => Some((i, clean_text(text))),
            Value::Number(_) | Value::Date(_) => Some((i, cell.value.shown())),
            _ => None,
        })
        .filter(|(_, t)| !t.is_empty())
        .collect()
}

/// The fields a header must name for the kind to be read at all: for cooperatives a name or
/// an id (a sheet of ids and member counts updates by id), for progress all three.
pub fn needed(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::Cooperatives => &[Field::Name, Field::Id],
        Kind::Progress => &[Field::Item, Field::Province, Field::Status],
    }
}

fn complete(kind: Kind, columns: &[Column]) -> bool {
    let has = |field: &Field| columns.iter().any(|c| c.field == Some(*field));
    match kind {
        Kind::Cooperatives => needed(kind).iter().any(has),
        Kind::Progress => needed(kind).iter().all(has),
    }
}

/// Finds the header among the first rows of `table` (the row naming most known fields, with
/// every field the kind needs once `map` is applied) and reads what each column means.
pub fn header(table: &Table, kind: Kind, map: &[Mapping]) -> Result<Header, Problem> {
    let mut best: Option<(usize, Header)> = None;
    let mut map_problem = None;
    for (r, row) in table.rows.iter().take(HEADER_ROWS).enumerate() {
        let mut columns: Vec<Column> = titles(row)
            .into_iter()
            .map(|(index, title)| {
                let (field, year) = recognise(&title, kind);
                Column {
                    index,
                    title,
                    field,
                    year,
                }
            })
            .collect();
        if let Err(problem) = apply(&mut columns, map) {
            map_problem.get_or_insert(problem);
            continue;
        }
        let known = columns.iter().filter(|c| c.field.is_some()).count();
        if complete(kind, &columns) && best.as_ref().is_none_or(|(k, _)| known > *k) {
            best = Some((known, Header { row: r, columns }));
        }
    }
    let Some((_, header)) = best else {
        return Err(map_problem.unwrap_or_else(|| Problem::NoHeader {
            needed: needed(kind).to_vec(),
        }));
    };
    for (i, column) in header.columns.iter().enumerate() {
        let Some(field) = column.field else { continue };
        if let Some(first) = header.columns[..i].iter().find(|c| c.field == Some(field)) {
            return Err(Problem::Twice {
                field,
                first: first.title.clone(),
                second: column.title.clone(),
            });
        }
    }
    Ok(header)
}

/// `--map`: each mapping's column takes its field (or none). A mapping whose column this row
/// does not have makes the row no header.
fn apply(columns: &mut [Column], map: &[Mapping]) -> Result<(), Problem> {
    for mapping in map {
        let wanted = key(&mapping.column);
        let column = columns
            .iter_mut()
            .find(|c| key(&c.title) == wanted)
            .ok_or_else(|| Problem::NoSuchColumn {
                column: mapping.column.clone(),
                titles: Vec::new(),
            })?;
        column.field = mapping.field;
        column.year = None;
    }
    Ok(())
}

/// The titles of the row most likely to be the header, for a `--map` that matched nothing.
pub fn likely_titles(table: &Table) -> Vec<String> {
    table
        .rows
        .iter()
        .take(HEADER_ROWS)
        .map(titles)
        .max_by_key(Vec::len)
        .unwrap_or_default()
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(header: &Header) -> Vec<Option<&'static str>> {
        header
            .columns
            .iter()
            .map(|c| c.field.map(Field::name))
            .collect()
    }

    #[test]
    fn vietnamese_names_whatever_their_marks_and_case() {
        let t = Table::of_texts(&[&[
            "STT",
            "Mã HTX",
            "TÊN HỢP TÁC XÃ",
            "Tỉnh/Thành phố",
            "Quận, huyện",
            "Ngành nghề",
            "Năm thành lập",
            "Số xã viên",
            "Xếp loại năm 2011",
            "Thành viên Liên minh từ",
        ]]);
        let header = header(&t, Kind::Cooperatives, &[]).expect("a header");
        assert_eq!(
            fields(&header),
            [
                None,
                Some("id"),
                Some("name"),
                Some("province"),
                Some("district"),
                Some("sector"),
                Some("founded"),
                Some("members"),
                Some("latest_grade"),
                Some("alliance_member_since"),
            ]
        );
        assert_eq!(header.columns[8].year, Some(2011));
        assert_eq!(
            header
                .ignored()
                .map(|c| c.title.as_str())
                .collect::<Vec<_>>(),
            ["STT"]
        );
    }

    #[test]
    fn the_header_sits_under_a_title_and_a_date() {
        let t = Table::of_texts(&[
            &["DANH SÁCH HỢP TÁC XÃ THÀNH VIÊN"],
            &["Tính đến ngày 31/12/2011"],
            &["STT", "Tên HTX", "Tỉnh", "Số thành viên"],
            &["1", "HTX A", "Nam Định", "12"],
        ]);
        let header = header(&t, Kind::Cooperatives, &[]).expect("a header");
        assert_eq!(header.row, 2);
    }

    #[test]
    fn map_names_what_htx_does_not_know_and_ignores_what_it_should() {
        let t = Table::of_texts(&[&["STT", "Đơn vị", "Tỉnh", "Ghi chú"]]);
        assert_eq!(
            header(&t, Kind::Cooperatives, &[]),
            Err(Problem::NoHeader {
                needed: vec![Field::Name, Field::Id]
            })
        );
        let map = [
            Mapping {
                column: "don vi".into(),
                field: Some(Field::Name),
            },
            Mapping {
                column: "Ghi chú".into(),
                field: None,
            },
        ];
        let header = header(&t, Kind::Cooperatives, &map).expect("a header");
        assert_eq!(
            fields(&header),
            [None, Some("name"), Some("province"), None]
        );
        let wrong = [Mapping {
            column: "Điện thoại".into(),
            field: Some(Field::Name),
        }];
        assert!(matches!(
            super::header(&t, Kind::Cooperatives, &wrong),
            Err(Problem::NoSuchColumn { .. })
        ));
    }

    #[test]
    fn two_columns_for_one_field_must_be_told_apart() {
        let t = Table::of_texts(&[&["Tên HTX", "Tên hợp tác xã", "Tỉnh"]]);
        assert!(matches!(
            header(&t, Kind::Cooperatives, &[]),
            Err(Problem::Twice {
                field: Field::Name,
                ..
            })
        ));
    }

    #[test]
    fn progress_rows_need_item_province_and_status() {
        let t = Table::of_texts(&[&[
            "Mục",
            "Tỉnh",
            "Trạng thái",
            "Ghi chú",
            "Người cập nhật",
            "Ngày",
        ]]);
        let header = header(&t, Kind::Progress, &[]).expect("a header");
        assert_eq!(
            fields(&header),
            [
                Some("item"),
                Some("province"),
                Some("status"),
                Some("note"),
                Some("changed_by"),
                Some("changed_at"),
            ]
        );
        assert!(super::header(&t, Kind::Cooperatives, &[]).is_err());
    }

    #[test]
    fn map_parses_field_names_in_either_language() {
        assert_eq!(
            Field::parse(Kind::Cooperatives, "members"),
            Some(Field::Members)
        );
        assert_eq!(
            Field::parse(Kind::Cooperatives, "Số thành viên"),
            Some(Field::Members)
        );
        assert_eq!(Field::parse(Kind::Cooperatives, "item"), None);
        assert_eq!(Field::parse(Kind::Progress, "item"), Some(Field::Item));
    }
}
