//! [`Records`]: a list of records shared copy-on-write, the list and each record alike.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

/// A list of records shared twice over: the list, and each record in it.
///
/// Copying it (a dataset copied because a save still holds it) copies one pointer. Changing
/// the list (a record added, removed or replaced) copies the list of record pointers first if
/// someone else still holds it, never the records; changing a record in place
/// (`Arc::make_mut(&mut list[i])`) copies that record alone. So an edit of something else
/// entirely, a plan item's status while the save of a million cooperatives runs, copies
/// nothing of them.
///
/// Reads go straight to the list ([`Deref`]); any `&mut` use takes the list for this owner
/// first ([`DerefMut`], [`Arc::make_mut`]). In a file it is a plain list.
#[derive(Clone, PartialEq, Serialize, Deserialize, bitcode::Encode, bitcode::Decode)]
#[serde(transparent)]
pub struct Records<T>(Arc<Vec<Arc<T>>>);

impl<T> Default for Records<T> {
    fn default() -> Self {
        Self(Arc::default())
    }
}

impl<T> Deref for Records<T> {
    type Target = Vec<Arc<T>>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<T> DerefMut for Records<T> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        Arc::make_mut(&mut self.0)
    }
}

impl<T> From<Vec<Arc<T>>> for Records<T> {
    fn from(list: Vec<Arc<T>>) -> Self {
        Self(Arc::new(list))
    }
}

impl<T> FromIterator<Arc<T>> for Records<T> {
    fn from_iter<I: IntoIterator<Item = Arc<T>>>(records: I) -> Self {
        Self::from(records.into_iter().collect::<Vec<_>>())
    }
}

impl<'a, T> IntoIterator for &'a Records<T> {
    type Item = &'a Arc<T>;
    type IntoIter = std::slice::Iter<'a, Arc<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a mut Records<T> {
    type Item = &'a mut Arc<T>;
    type IntoIter = std::slice::IterMut<'a, Arc<T>>;

    fn into_iter(self) -> Self::IntoIter {
        self.deref_mut().iter_mut()
    }
}

/// As the list it holds.
impl<T: fmt::Debug> fmt::Debug for Records<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_shares_the_list_until_one_side_changes_it() {
        let mut list: Records<String> = vec![Arc::new("a".to_owned()), Arc::new("b".into())].into();
        let copy = list.clone();
        assert!(Arc::ptr_eq(&list.0, &copy.0), "a copy is one pointer");
        // Changing a record in place: the list is taken, the other record still shared.
        Arc::make_mut(&mut list[0]).push('!');
        assert!(!Arc::ptr_eq(&list.0, &copy.0));
        assert!(
            Arc::ptr_eq(&list[1], &copy[1]),
            "only the changed record is copied"
        );
        assert_eq!((list[0].as_str(), copy[0].as_str()), ("a!", "a"));
        // Alone, a change copies nothing.
        let before = Arc::as_ptr(&list.0);
        list.push(Arc::new("c".into()));
        assert_eq!(Arc::as_ptr(&list.0), before);
        assert_eq!(copy.len(), 2);
    }

    #[test]
    fn it_is_a_plain_list_in_a_file() {
        let list: Records<u32> = [1, 2].into_iter().map(Arc::new).collect();
        let text = ron::to_string(&list).unwrap();
        assert_eq!(text, "[1,2]");
        assert_eq!(ron::from_str::<Records<u32>>(&text).unwrap(), list);
        assert_eq!(format!("{list:?}"), "[1, 2]");
    }
}
