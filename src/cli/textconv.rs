//! `htx show --textconv FILE`: the dataset as one line per field of every record, for
//! `git diff` and `git log -p` through git's `diff.htx.textconv` (git runs the command with
//! the path of a temporary file holding one version of the dataset).
//!
//! Every line starts with the record's kind and id, so that a changed field is one changed
//! line in a diff: `cooperative HTX-36-001 members: 120`, `progress KH-03/36 status: Done`,
//! `province 36 name: Nam Định`, `item KH-03 due: 2011-09-30`, `plan title: …`,
//! `region name: …`. The records are in the order of the file; a record's fields in the
//! order of its type, taken from its serde form, so a field added to the model shows up here
//! without a change to this file. Values are written as the file has them (an enum as its
//! variant, `Done`, `Operating`); a field the file leaves out (an empty note, a `None`) has no
//! line. A nested record (a province's successor, the plan's period) gives a line per field
//! under a dotted name (`successor.code`); a list gives a line per element under the list's
//! name, an element that is a record written in RON notation on that line
//! (`ratings: (year: 2010, scheme: "2011", grade: "Khá")`), so adding an element is one added
//! line.
//!
//! Text stays on one line and two different values always give two different lines: a
//! backslash is written `\\`, a line break `\n`, a carriage return `\r`, a tab `\t`, and
//! every other control character and bidirectional formatting character `\u{…}`, as
//! [`crate::text::shown_path`] writes them.
//!
//! A file that does not parse as a dataset (a version older than the format, a file in the
//! middle of a conflict) is printed as it is, so that git still shows a diff.

use std::fmt::{self, Write as _};
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::output::to_stdout;
use crate::model::Dataset;
use crate::text::{is_unsafe_for_terminal, shown_path};

/// How deep the RON of a version may nest, as the store reads it.
const NESTING_LIMIT: usize = 64;

/// `htx show --textconv FILE`: the lines of the dataset in `file`, or its bytes as they are
/// when it is not a dataset. Exit 1 only when the file cannot be read.
pub fn textconv_command(file: &Path) -> Result<ExitCode, String> {
    use std::io::IsTerminal as _;
    let (bytes, _) = crate::store::files::read_regular(file, crate::store::files::DATASET_LIMIT)
        .map_err(|err| format!("{}: {}", shown_path(file), crate::lang::io(&err)))?;
    // Git reads it through a pipe; a person who runs it on a file that is not a dataset gets
    // its text with nothing a terminal would run as an escape sequence.
    let terminal = std::io::stdout().is_terminal();
    to_stdout(|out| {
        if terminal && parse_lenient(&bytes).is_none() {
            let text: String = String::from_utf8_lossy(&bytes)
                .chars()
                .map(|c| {
                    if c != '\n' && is_unsafe_for_terminal(c) {
                        '\u{FFFD}'
                    } else {
                        c
                    }
                })
                .collect();
            return out.write_all(text.as_bytes()).map(|()| true);
        }
        textconv(&bytes, out).map(|()| true)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Writes the lines of the dataset in `bytes`, or `bytes` unchanged when they are not one.
pub fn textconv(bytes: &[u8], out: &mut impl Write) -> io::Result<()> {
    match parse_lenient(bytes) {
        Some(dataset) => {
            for record in records(&dataset) {
                out.write_all(record.lines().as_bytes())?;
            }
            Ok(())
        }
        None => out.write_all(bytes),
    }
}

/// The dataset in `bytes` as its types read it, without the checks of [`crate::store::parse`]
/// (a version may hold a duplicate id or a dangling code, and still be worth a diff) and
/// without normalising its text (two spellings of a name are two values).
pub fn parse_lenient(bytes: &[u8]) -> Option<Dataset> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).ok()?;
    ron::Options::default()
        .with_recursion_limit(NESTING_LIMIT)
        .from_str(text)
        .ok()
}

/// One record as the textconv writes it: its kind, its id (none for the region, the plan
/// and the dataset's own fields), and its fields in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    pub kind: &'static str,
    pub id: Option<String>,
    pub fields: Vec<Field>,
}

/// One field of a record: its (dotted) name and its values, one for a single value, one per
/// element for a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub values: Vec<String>,
    pub list: bool,
}

impl Record {
    /// What every line of the record starts with: `cooperative HTX-36-001`, `region`.
    pub fn prefix(&self) -> String {
        match &self.id {
            Some(id) => format!("{} {}", self.kind, escape(id)),
            None => self.kind.to_string(),
        }
    }

    /// The record's lines, each ending in a line break.
    pub fn lines(&self) -> String {
        let prefix = self.prefix();
        let mut out = String::new();
        for field in &self.fields {
            for value in &field.values {
                let _ = writeln!(out, "{prefix} {}: {value}", field.name);
            }
        }
        out
    }

    /// The field named `name`, if the record has it.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// The records of `dataset` in the order of the file: the dataset's own fields, the region,
/// the sectors, the provinces, the cooperatives, the plan, then each plan item followed by
/// its progress entries.
pub fn records(dataset: &Dataset) -> Vec<Record> {
    let Node::Map(top) = node_of(dataset) else {
        return Vec::new();
    };
    let mut records = Vec::new();
    for (key, value) in top {
        match (key.as_str(), value) {
            ("region", value) => records.push(record("region", None, value)),
            ("sectors", Node::List(list)) => {
                records.extend(list.into_iter().map(|s| keyed("sector", "id", s)));
            }
            ("provinces", Node::List(list)) => {
                records.extend(list.into_iter().map(|p| keyed("province", "code", p)));
            }
            ("cooperatives", Node::List(list)) => {
                records.extend(list.into_iter().map(|c| keyed("cooperative", "id", c)));
            }
            ("plan", Node::Map(plan)) => plan_records(plan, &mut records),
            // Conflicts a merge kept: one record each, named by what it is about, so that
            // settling one shows in a diff as its lines going.
            ("conflicts", Node::List(list)) => {
                for (conflict, node) in dataset.conflicts.iter().zip(list) {
                    let Node::Map(mut fields) = node else {
                        continue;
                    };
                    fields.retain(|(key, _)| key != "record" && key != "field");
                    records.push(record(
                        "conflict",
                        Some(conflict.describe()),
                        Node::Map(fields),
                    ));
                }
            }
            (_, value) => {
                let mut fields = Vec::new();
                flatten(&key, value, &mut fields);
                records.push(Record {
                    kind: "dataset",
                    id: None,
                    fields,
                });
            }
        }
    }
    records
}

fn plan_records(plan: Vec<(String, Node)>, records: &mut Vec<Record>) {
    let mut items = Vec::new();
    let mut fields = Vec::new();
    for (key, value) in plan {
        match value {
            Node::List(list) if key == "items" => items = list,
            value => flatten(&key, value, &mut fields),
        }
    }
    records.push(Record {
        kind: "plan",
        id: None,
        fields,
    });
    for item in items {
        let Node::Map(item) = item else { continue };
        let mut progress = Vec::new();
        let mut rest = Vec::new();
        for (key, value) in item {
            match value {
                Node::List(list) if key == "progress" => progress = list,
                value => rest.push((key, value)),
            }
        }
        let item = keyed("item", "id", Node::Map(rest));
        let item_id = item.id.clone().unwrap_or_default();
        records.push(item);
        for entry in progress {
            let Node::Map(mut entry) = entry else {
                continue;
            };
            let province = take_text(&mut entry, "province").unwrap_or_default();
            records.push(record(
                "progress",
                Some(format!("{item_id}/{province}")),
                Node::Map(entry),
            ));
        }
    }
}

/// A record whose id is its field `id_field` (taken out of its fields: the id is on every
/// line already).
fn keyed(kind: &'static str, id_field: &str, node: Node) -> Record {
    let Node::Map(mut fields) = node else {
        return record(kind, None, node);
    };
    let id = take_text(&mut fields, id_field);
    record(kind, id, Node::Map(fields))
}

fn take_text(fields: &mut Vec<(String, Node)>, name: &str) -> Option<String> {
    let at = fields.iter().position(|(key, _)| key == name)?;
    match fields.remove(at).1 {
        Node::Text(text) => Some(text),
        other => Some(inline(&other)),
    }
}

fn record(kind: &'static str, id: Option<String>, node: Node) -> Record {
    let mut fields = Vec::new();
    match node {
        Node::Map(map) => {
            for (key, value) in map {
                flatten(&key, value, &mut fields);
            }
        }
        other => flatten("value", other, &mut fields),
    }
    Record { kind, id, fields }
}

/// The lines of the value `node` of the field `name`: nothing for an absent value, one for a
/// plain value, a line per field of a nested record, a line per element of a list.
fn flatten(name: &str, node: Node, fields: &mut Vec<Field>) {
    match node {
        Node::Null => {}
        Node::Map(map) => {
            for (key, value) in map {
                flatten(&format!("{name}.{key}"), value, fields);
            }
        }
        Node::List(list) => {
            if !list.is_empty() {
                fields.push(Field {
                    name: name.to_string(),
                    values: list.iter().map(element).collect(),
                    list: true,
                });
            }
        }
        Node::Text(text) => fields.push(Field {
            name: name.to_string(),
            values: vec![escape(&text)],
            list: false,
        }),
        other => fields.push(Field {
            name: name.to_string(),
            values: vec![inline(&other)],
            list: false,
        }),
    }
}

/// One element of a list on its line: text as it is (escaped), anything else in RON notation.
fn element(node: &Node) -> String {
    match node {
        Node::Text(text) => escape(text),
        other => inline(other),
    }
}

/// A value in RON notation on one line: `(year: 2010, grade: "Khá")`, `[1, 2]`, `"text"`;
/// absent fields of a record left out.
fn inline(node: &Node) -> String {
    match node {
        Node::Null => "None".to_string(),
        Node::Bool(b) => b.to_string(),
        Node::Number(n) => n.clone(),
        Node::Text(text) => format!("\"{}\"", escape(text).replace('"', "\\\"")),
        Node::List(list) => {
            let parts: Vec<String> = list.iter().map(inline).collect();
            format!("[{}]", parts.join(", "))
        }
        Node::Map(map) => {
            let parts: Vec<String> = map
                .iter()
                .filter(|(_, value)| *value != Node::Null)
                .map(|(key, value)| format!("{key}: {}", inline(value)))
                .collect();
            format!("({})", parts.join(", "))
        }
    }
}

/// Text on one line, and a different line for different text: `\` as `\\`, line break, CR
/// and tab as `\n`, `\r`, `\t`, every other control and bidirectional formatting character
/// as `\u{…}`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe_for_terminal(c) => {
                let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// A record's serde form, with its fields in order

/// A serialised value with its fields in the order of the type (serde_json's own `Value`
/// sorts them).
#[derive(Clone, Debug, PartialEq)]
enum Node {
    Null,
    Bool(bool),
    Number(String),
    Text(String),
    List(Vec<Node>),
    Map(Vec<(String, Node)>),
}

/// `value` in its serde form, through JSON text (which keeps the fields in order).
fn node_of(value: &impl Serialize) -> Node {
    serde_json::to_vec(value)
        .ok()
        .and_then(|json| serde_json::from_slice(&json).ok())
        .unwrap_or(Node::Null)
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Node, D::Error> {
        Node::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Node, E> {
        Ok(Node::Bool(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Node, E> {
        Ok(Node::Number(v.to_string()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Node, E> {
        Ok(Node::Text(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Node, E> {
        Ok(Node::Text(v))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut list = Vec::new();
        while let Some(value) = seq.next_element()? {
            list.push(value);
        }
        Ok(Node::List(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut fields = Vec::new();
        while let Some((key, value)) = map.next_entry::<String, Node>()? {
            fields.push((key, value));
        }
        Ok(Node::Map(fields))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::test_support::dataset;
    use std::sync::Arc;

    fn text_of(dataset: &Dataset) -> String {
        let mut out = Vec::new();
        for record in records(dataset) {
            out.extend(record.lines().into_bytes());
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escape_keeps_text_on_one_line_and_tells_values_apart() {
        assert_eq!(escape("Nam Định"), "Nam Định");
        assert_eq!(escape("a\nb"), "a\\nb");
        assert_eq!(escape("a\\nb"), "a\\\\nb");
        assert_eq!(
            escape("t\tr\r\u{1b}[2J\u{202e}"),
            "t\\tr\\r\\u{1b}[2J\\u{202e}"
        );
        let values = ["a\nb", "a\\nb", "a\\\nb", "a b", "a\tb", "a\\tb"];
        let escaped: std::collections::BTreeSet<String> =
            values.iter().map(|v| escape(v)).collect();
        assert_eq!(escaped.len(), values.len(), "{escaped:?}");
        assert!(escaped.iter().all(|e| !e.contains(['\n', '\r', '\t'])));
    }

    #[test]
    fn every_line_names_its_record_and_field() {
        let data = dataset();
        let text = text_of(&data);
        for line in [
            "dataset schema_version: 1",
            "region name: Cụm đồng bằng sông Hồng và duyên hải Bắc Bộ",
            "region cooperatives: 4341",
            "region rating_shares: (grade: \"Khá giỏi\", percent_min: 35, percent_max: 40, origin: \"Seed\")",
            "sector nong-nghiep name: Nông nghiệp",
            "province 36 name: Nam Định",
            "cooperative HTX-36-001 members: 2480",
            "cooperative HTX-36-001 district: Hải Hậu",
            "cooperative HTX-36-001 ratings: (year: 2010, scheme: \"2011\", grade: \"Khá\")",
        ] {
            assert!(text.lines().any(|l| l == line), "no line {line:?}:\n{text}");
        }
        assert!(text.lines().any(|l| l.starts_with("plan title: ")));
        assert!(text.lines().any(|l| l.starts_with("plan period.start: ")));
        let item = &data.plan.items[0];
        assert!(
            text.lines()
                .any(|l| l == format!("item {} title: {}", item.id, item.title)),
            "{text}"
        );
        let entry = &item.progress[0];
        let status = format!("progress {}/{} status: ", item.id, entry.province);
        assert!(text.lines().any(|l| l.starts_with(&status)), "{text}");
        // No line for an id on its own: it is on every line.
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("cooperative HTX-36-001 id:"))
        );
        // Every cooperative's every field that the file has.
        let lines = text
            .lines()
            .filter(|l| l.starts_with("cooperative HTX-36-001 "))
            .count();
        let coop = &data
            .cooperatives
            .iter()
            .find(|c| c.id == "HTX-36-001")
            .unwrap();
        let expected = 6 // name province sector members status origin
            + usize::from(coop.district.is_some())
            + usize::from(coop.founded.is_some())
            + usize::from(coop.alliance_member_since.is_some())
            + usize::from(!coop.notes.is_empty())
            + coop.ratings.len()
            + coop.illustrative.len();
        assert_eq!(lines, expected, "{text}");
    }

    #[test]
    fn one_changed_field_is_one_changed_line() {
        let data = dataset();
        let mut changed = data.clone();
        Arc::make_mut(&mut changed.cooperatives[0]).members += 1;
        Arc::make_mut(&mut changed.cooperatives[0]).notes = "hai\ndòng".into();
        let before = text_of(&data);
        let after = text_of(&changed);
        let old: Vec<&str> = before
            .lines()
            .filter(|l| !after.lines().any(|a| a == *l))
            .collect();
        let new: Vec<&str> = after
            .lines()
            .filter(|l| !before.lines().any(|b| b == *l))
            .collect();
        let id = &data.cooperatives[0].id;
        let mut expected = vec![format!(
            "cooperative {id} members: {}",
            data.cooperatives[0].members
        )];
        if !data.cooperatives[0].notes.is_empty() {
            expected.push(format!(
                "cooperative {id} notes: {}",
                escape(&data.cooperatives[0].notes)
            ));
        }
        assert_eq!(old, expected);
        assert_eq!(
            new,
            [
                format!(
                    "cooperative {id} members: {}",
                    changed.cooperatives[0].members
                ),
                format!("cooperative {id} notes: hai\\ndòng"),
            ]
        );
    }

    #[test]
    fn a_kept_conflict_is_a_record_of_its_own_named_by_what_it_is_about() {
        use crate::model::merge::{Conflict, Labels, RecordKey};
        let mut data = dataset();
        data.conflicts.push(Conflict {
            record: RecordKey::Cooperative("HTX-36-001".into()),
            field: Some("members".into()),
            base: Some("265".into()),
            ours: Some("270".into()),
            theirs: Some("280".into()),
            labels: Some(Labels {
                base: "base".into(),
                ours: "HEAD".into(),
                theirs: "nam-dinh".into(),
            }),
        });
        let text = text_of(&data);
        let lines: Vec<&str> = text
            .lines()
            .filter(|l| l.starts_with("conflict "))
            .collect();
        assert_eq!(
            lines,
            [
                "conflict cooperative HTX-36-001, members base: 265",
                "conflict cooperative HTX-36-001, members ours: 270",
                "conflict cooperative HTX-36-001, members theirs: 280",
                "conflict cooperative HTX-36-001, members labels.base: base",
                "conflict cooperative HTX-36-001, members labels.ours: HEAD",
                "conflict cooperative HTX-36-001, members labels.theirs: nam-dinh",
            ]
        );
    }

    #[test]
    fn a_file_that_is_not_a_dataset_comes_out_as_it_is() {
        let mut out = Vec::new();
        textconv(b"(schema_version: 0, old: true)\n\xff", &mut out).unwrap();
        assert_eq!(out, b"(schema_version: 0, old: true)\n\xff");
        let mut out = Vec::new();
        textconv(crate::store::BUILTIN.as_bytes(), &mut out).unwrap();
        assert!(out.starts_with(b"dataset schema_version: 1\nregion name: "));
    }
}
