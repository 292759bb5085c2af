//! Hash tables built ahead of time and read in place: the engine's lookup tables (name model
//! keys, gazetteer phrases, word classes) are laid out in their files exactly as they are
//! searched, so that loading one costs a copy and a check rather than a parse and thousands of
//! insertions (the page waits for its tables before it can annotate anything).
//!
//! # Layout (little-endian)
//! ```text
//! slots   u32     number of slots, a power of two, more than the number of keys
//! then per slot:
//!   u32           key, or EMPTY (u32::MAX) for a free slot
//!   width bytes   value (zeros in a free slot)
//! ```
//! Open addressing with linear probing: a key sits at its home slot (its top bits) or after
//! it, with no free slot in between. Home slots follow key order, so [`encode_table`] writes
//! sorted keys front to back.

use std::borrow::Cow;

/// The key of a free slot.
pub const EMPTY: u32 = u32::MAX;

/// The table key of a 64-bit hash: its high 32 bits, never [`EMPTY`]. Two hashes that agree
/// there are one key (for word and phrase hashes, about one chance in 2^32 per lookup that an
/// unlisted word takes a listed word's entry).
pub fn key_of(hash: u64) -> u32 {
    ((hash >> 32) as u32).min(EMPTY - 1)
}

/// A table that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError(pub String);

/// A table of `u32` keys and fixed-width values, read in place.
#[derive(Default)]
pub struct FrozenTable {
    /// The slots: key then value, `4 + width` bytes each; borrowed from the program's own
    /// data when the table is embedded.
    slots: Cow<'static, [u8]>,
    /// Bytes of a value.
    width: usize,
    /// 32 minus log2 of the number of slots: a key's home slot is `key >> home_shift`.
    home_shift: u32,
    /// Number of slots minus one.
    mask: usize,
    /// Number of keys.
    len: usize,
}

impl FrozenTable {
    /// Reads a table with values of `width` bytes from the start of `bytes`; returns it and
    /// the bytes after it.
    pub fn parse(
        bytes: Cow<'static, [u8]>,
        width: usize,
    ) -> Result<(FrozenTable, Cow<'static, [u8]>), TableError> {
        let count = bytes
            .get(..4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
            .ok_or_else(|| TableError("truncated table header".into()))?;
        if !count.is_power_of_two() {
            return Err(TableError(format!("{count} slots, not a power of two")));
        }
        let end = count
            .checked_mul(4 + width)
            .and_then(|size| size.checked_add(4))
            .filter(|&end| end <= bytes.len())
            .ok_or_else(|| TableError(format!("{count} slots in {} bytes", bytes.len())))?;
        // `4 <= end <= bytes.len()`, checked above.
        let (slots, rest) = match bytes {
            Cow::Borrowed(bytes) => (Cow::Borrowed(&bytes[4..end]), Cow::Borrowed(&bytes[end..])),
            Cow::Owned(mut bytes) => {
                let rest = bytes.split_off(end);
                bytes.drain(..4);
                (Cow::Owned(bytes), Cow::Owned(rest))
            }
        };
        let mut table = FrozenTable {
            slots,
            width,
            home_shift: 32u32.saturating_sub(count.trailing_zeros()),
            mask: count - 1,
            len: 0,
        };
        table.len = table.keys().count();
        // A free slot ends every probe sequence.
        if table.len == count {
            return Err(TableError("no free slot".into()));
        }
        Ok((table, rest))
    }

    /// The keys in slot order, with their slot numbers.
    pub fn keys(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.slots
            .chunks_exact(4 + self.width)
            .map(|slot| u32::from_le_bytes([slot[0], slot[1], slot[2], slot[3]]))
            .enumerate()
            .filter(|&(_, key)| key != EMPTY)
    }

    /// The value of slot `slot`.
    pub fn value_at(&self, slot: usize) -> Option<&[u8]> {
        let start = slot.checked_mul(4 + self.width)? + 4;
        self.slots.get(start..start + self.width)
    }

    /// The value of `key`, if the table holds it.
    pub fn get(&self, key: u32) -> Option<&[u8]> {
        // In u64, so that an empty table's shift of 32 is no overflow.
        let mut slot = (u64::from(key) >> self.home_shift) as usize;
        let stride = 4 + self.width;
        // Linear probing; a free slot ends the search (a well-formed table has one).
        for _ in 0..=self.mask {
            let at = slot * stride;
            let found = self.slots.get(at..at + stride)?;
            let (stored, value) = found.split_at(4);
            let stored = u32::from_le_bytes([stored[0], stored[1], stored[2], stored[3]]);
            if stored == key {
                return Some(value);
            }
            if stored == EMPTY {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
        None
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table holds no key.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Writes a table of `entries` (keys unique and never [`EMPTY`], sorted by key) with values of
/// `width` bytes, at most two thirds full so that probe runs stay short.
pub fn encode_table(entries: &[(u32, Vec<u8>)], width: usize) -> Vec<u8> {
    let count = (entries.len() + entries.len() / 2 + 1)
        .next_power_of_two()
        .max(16);
    let home_shift = 32u32.saturating_sub(count.trailing_zeros());
    let mask = count - 1;
    let mut keys = vec![EMPTY; count];
    let mut values = vec![0u8; count * width];
    for (key, value) in entries {
        let mut slot = (u64::from(*key) >> home_shift) as usize;
        while keys[slot] != EMPTY {
            slot = (slot + 1) & mask;
        }
        keys[slot] = *key;
        values[slot * width..slot * width + value.len().min(width)]
            .copy_from_slice(&value[..value.len().min(width)]);
    }
    let mut out = (count as u32).to_le_bytes().to_vec();
    for (key, value) in keys.iter().zip(values.chunks_exact(width.max(1))) {
        out.extend_from_slice(&key.to_le_bytes());
        out.extend_from_slice(&value[..width]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_round_trip() {
        // (keys, absent keys)
        let cases: &[(&[u32], &[u32])] = &[
            (&[], &[0, 7]),
            (&[0, 1, 2], &[3, EMPTY - 1]),
            // Keys with one home slot, and keys at the top that wrap around to slot 0.
            (
                &[5, 6, 7, 8, EMPTY - 3, EMPTY - 2, EMPTY - 1],
                &[9, EMPTY - 4],
            ),
        ];
        for &(keys, absent) in cases {
            let entries: Vec<(u32, Vec<u8>)> = keys
                .iter()
                .map(|&k| (k, k.to_le_bytes()[..2].to_vec()))
                .collect();
            let bytes = encode_table(&entries, 2);
            let (table, rest) = FrozenTable::parse(bytes.into(), 2).unwrap();
            assert!(rest.is_empty());
            assert_eq!(table.len(), keys.len());
            for &key in keys {
                assert_eq!(table.get(key), Some(&key.to_le_bytes()[..2]), "{key}");
            }
            for &key in absent {
                assert_eq!(table.get(key), None, "{key}");
            }
        }
    }

    #[test]
    fn bad_tables_are_errors() {
        let good = encode_table(&[(1, vec![9])], 1);
        let mut full = 16u32.to_le_bytes().to_vec();
        for key in 0..16u32 {
            full.extend_from_slice(&key.to_le_bytes());
            full.push(0);
        }
        // (bytes, why it is bad)
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (Vec::new(), "empty"),
            (good[..good.len() - 1].to_vec(), "truncated"),
            (
                [&3u32.to_le_bytes()[..], &[0; 15]].concat(),
                "not a power of two",
            ),
            (full, "no free slot"),
        ];
        for (bytes, why) in cases {
            assert!(FrozenTable::parse(bytes.into(), 1).is_err(), "{why}");
        }
    }
}
