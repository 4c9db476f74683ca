//! How far the parser has got through a data file, in bytes, for the progress line of a large
//! file's load.
//!
//! The RON parser does not say where it is. Each cooperative's `status` is read through
//! [`status`], which sees the variant's name as a slice of the text being parsed (RON hands
//! identifiers over borrowed); where that slice lies in the text is how far the parse has got.
//! Cooperatives are nearly all of a large file, so this moves smoothly from start to end. The
//! parse registers its text with [`track`] for as long as it runs, on its own thread; text
//! parsed anywhere else (another format, another thread) is not counted.

use std::cell::RefCell;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::de::{self, DeserializeSeed, EnumAccess, IntoDeserializer as _, VariantAccess, Visitor};
use serde::{Deserialize as _, Deserializer};

use crate::model::CooperativeStatus;

/// The bytes of a text parsed so far, shared with whoever shows it.
#[derive(Clone, Debug, Default)]
pub struct BytesParsed {
    done: Arc<AtomicU64>,
    of: u64,
}

impl BytesParsed {
    fn new(of: usize) -> Self {
        Self {
            done: Arc::default(),
            of: of as u64,
        }
    }

    /// Bytes parsed so far.
    pub fn done(&self) -> u64 {
        self.done.load(Ordering::Relaxed)
    }

    /// Bytes in all.
    pub fn of(&self) -> u64 {
        self.of
    }

    /// Whole percent parsed, 0 to 100.
    pub fn percent(&self) -> u8 {
        if self.of == 0 {
            return 100;
        }
        (self.done().min(self.of) * 100 / self.of) as u8
    }
}

/// The text the parse on this thread is reading, and where to count.
struct Tracked {
    start: usize,
    len: usize,
    parsed: BytesParsed,
}

thread_local! {
    static TRACKED: RefCell<Option<Tracked>> = const { RefCell::new(None) };
}

/// Counts the parse of `text` on this thread until the guard is dropped.
pub(crate) fn track(text: &str) -> (BytesParsed, Tracking) {
    let parsed = BytesParsed::new(text.len());
    TRACKED.with(|tracked| {
        *tracked.borrow_mut() = Some(Tracked {
            start: text.as_ptr().addr(),
            len: text.len(),
            parsed: parsed.clone(),
        });
    });
    (parsed, Tracking(()))
}

/// Stops the count [`track`] started.
pub(crate) struct Tracking(());

impl Drop for Tracking {
    fn drop(&mut self) {
        TRACKED.with(|tracked| tracked.borrow_mut().take());
    }
}

/// The parse has got to `here`, a slice of the text being parsed; anything else is ignored.
fn reached(here: &str) {
    let at = here.as_ptr().addr();
    TRACKED.with(|tracked| {
        if let Some(t) = tracked.borrow().as_ref()
            && at >= t.start
            && at - t.start <= t.len
        {
            t.parsed
                .done
                .store((at - t.start) as u64, Ordering::Relaxed);
        }
    });
}

/// The variants, for the parser's messages (the derived form reads the name itself).
const STATUSES: &[&str] = &["Operating", "Suspended", "Dissolved"];

/// Reads a cooperative's [`CooperativeStatus`] as its derived form would, noting where it is.
pub(crate) fn status<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<CooperativeStatus, D::Error> {
    deserializer.deserialize_enum("CooperativeStatus", STATUSES, StatusVisitor)
}

struct StatusVisitor;

impl<'de> Visitor<'de> for StatusVisitor {
    type Value = CooperativeStatus;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("enum CooperativeStatus")
    }

    fn visit_enum<A: EnumAccess<'de>>(self, data: A) -> Result<Self::Value, A::Error> {
        let (status, variant) = data.variant_seed(StatusName)?;
        variant.unit_variant()?;
        Ok(status)
    }
}

/// The variant's name.
struct StatusName;

impl<'de> DeserializeSeed<'de> for StatusName {
    type Value = CooperativeStatus;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for StatusName {
    type Value = CooperativeStatus;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Self::Value, E> {
        reached(name);
        self.visit_str(name)
    }

    /// The name read as the derived form reads it, so a variant added to the enum is read
    /// here with no change.
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        CooperativeStatus::deserialize(name.into_deserializer())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Cooperative;

    #[test]
    fn a_status_read_from_the_tracked_text_moves_the_count() {
        let text = "(id: \"A\", name: \"HTX\", province: \"36\", sector: \"muoi\", members: 1, \
                    status: Suspended)";
        let (parsed, tracking) = track(text);
        let coop: Cooperative = ron::from_str(text).unwrap();
        assert_eq!(coop.status, CooperativeStatus::Suspended);
        assert_eq!(parsed.done() as usize, text.find("Suspended").unwrap());
        assert_eq!(parsed.of() as usize, text.len());
        // Another text: not counted.
        let other: Cooperative = ron::from_str(&text.replace("Suspended", "Dissolved")).unwrap();
        assert_eq!(other.status, CooperativeStatus::Dissolved);
        assert_eq!(parsed.done() as usize, text.find("Suspended").unwrap());
        // The same text once the count has stopped: not counted either.
        drop(tracking);
        parsed.done.store(0, Ordering::Relaxed);
        let _: Cooperative = ron::from_str(text).unwrap();
        assert_eq!(parsed.done(), 0);
    }

    #[test]
    fn every_status_reads_and_writes_as_the_derived_form_did() {
        for (name, status) in STATUSES.iter().zip([
            CooperativeStatus::Operating,
            CooperativeStatus::Suspended,
            CooperativeStatus::Dissolved,
        ]) {
            assert_eq!(ron::to_string(&status).unwrap(), *name);
            let json = serde_json::to_string(&status).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            let text = format!(
                "(id: \"A\", name: \"H\", province: \"36\", sector: \"m\", members: 1, status: {name})"
            );
            assert_eq!(ron::from_str::<Cooperative>(&text).unwrap().status, status);
        }
    }

    /// The enum as serde derives it, beside a record read through [`status`].
    mod derived {
        #[derive(serde::Deserialize)]
        pub enum CooperativeStatus {
            Operating,
            Suspended,
            Dissolved,
        }
        #[derive(serde::Deserialize)]
        pub struct Derived {
            pub status: CooperativeStatus,
        }
        #[derive(serde::Deserialize)]
        pub struct Ours {
            #[serde(deserialize_with = "super::super::status")]
            pub status: crate::model::CooperativeStatus,
        }
    }

    #[test]
    fn every_mistake_is_told_as_the_derived_form_tells_it() {
        for (ron_text, json) in [
            ("(status: Closed)", r#"{"status": "Closed"}"#),
            ("(status: 3)", r#"{"status": 3}"#),
            ("(status: \"Operating\")", r#"{"status": {"Operating": 1}}"#),
            ("(status: Operating(1))", r#"{"status": null}"#),
            ("(status: Operating)", r#"{"status": "Operating"}"#),
        ] {
            let operating =
                |d: derived::Derived| matches!(d.status, derived::CooperativeStatus::Operating);
            let ours_operating = |o: derived::Ours| o.status == CooperativeStatus::Operating;
            let theirs = ron::from_str::<derived::Derived>(ron_text).map(operating);
            let ours = ron::from_str::<derived::Ours>(ron_text).map(ours_operating);
            assert_eq!(
                ours.map_err(|e| e.to_string()),
                theirs.map_err(|e| e.to_string()),
                "{ron_text}"
            );
            let theirs = serde_json::from_str::<derived::Derived>(json).map(operating);
            let ours = serde_json::from_str::<derived::Ours>(json).map(ours_operating);
            assert_eq!(
                ours.map_err(|e| e.to_string()),
                theirs.map_err(|e| e.to_string()),
                "{json}"
            );
        }
    }

    #[test]
    fn percent_is_whole_and_capped() {
        let parsed = BytesParsed::new(200);
        assert_eq!(parsed.percent(), 0);
        parsed.done.store(199, Ordering::Relaxed);
        assert_eq!(parsed.percent(), 99);
        parsed.done.store(400, Ordering::Relaxed);
        assert_eq!(parsed.percent(), 100);
        assert_eq!(BytesParsed::new(0).percent(), 100);
    }
}
