//! Offset conversion at the edges: Rust works in UTF-8 byte offsets, JavaScript in UTF-16 code
//! units, and the command line can give code points.

/// The unit in which offsets are handed to a caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust's own).
    Byte,
    /// UTF-16 code units (JavaScript's `String.prototype.slice`).
    Utf16,
    /// Unicode scalar values (Python's `str` indexing).
    CodePoint,
}

impl OffsetUnit {
    /// Parses `byte`, `utf16` or `codepoint`.
    pub fn from_name(name: &str) -> Option<OffsetUnit> {
        match name {
            "byte" | "utf8" => Some(OffsetUnit::Byte),
            "utf16" => Some(OffsetUnit::Utf16),
            "codepoint" => Some(OffsetUnit::CodePoint),
            _ => None,
        }
    }
}

/// Maps byte offsets of one text to another unit.
///
/// ASCII text maps to itself and needs no table; otherwise a table holds, for every byte
/// offset, the offset in the target unit (offsets inside a character map to its start).
pub struct OffsetTable {
    table: Option<Vec<u32>>,
    /// Offsets past the end of a text map to the text's length in the target unit.
    len: usize,
}

impl OffsetTable {
    /// Builds the table that converts byte offsets of `text` into `unit`.
    pub fn new(text: &str, unit: OffsetUnit) -> OffsetTable {
        if unit == OffsetUnit::Byte || text.is_ascii() {
            return OffsetTable {
                table: None,
                len: text.len(),
            };
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut position: u32 = 0;
        for ch in text.chars() {
            table.extend(std::iter::repeat_n(position, ch.len_utf8()));
            position += match unit {
                OffsetUnit::Utf16 => ch.len_utf16() as u32,
                _ => 1,
            };
        }
        table.push(position);
        OffsetTable {
            table: Some(table),
            len: position as usize,
        }
    }

    /// The offset in the target unit of byte offset `byte`.
    pub fn convert(&self, byte: usize) -> usize {
        match &self.table {
            None => byte.min(self.len),
            Some(table) => table.get(byte).map_or(self.len, |&offset| offset as usize),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, byte offset, UTF-16 offset, code-point offset)
    const CASES: &[(&str, usize, usize, usize)] = &[
        ("abc", 2, 2, 2),
        ("é!", 2, 1, 1),
        ("😀x", 4, 2, 1),
        ("😀x", 5, 3, 2),
        ("日本語", 6, 2, 2),
        ("e\u{301}x", 3, 2, 2),
        ("👩‍👩‍👧 a", 18, 8, 5),
        ("abc", 99, 3, 3),
    ];

    #[test]
    fn converts_byte_offsets_to_utf16_and_code_points() {
        for &(text, byte, utf16, code_point) in CASES {
            assert_eq!(
                OffsetTable::new(text, OffsetUnit::Utf16).convert(byte),
                utf16,
                "{text:?} {byte}"
            );
            assert_eq!(
                OffsetTable::new(text, OffsetUnit::CodePoint).convert(byte),
                code_point,
                "{text:?} {byte}"
            );
            assert_eq!(
                OffsetTable::new(text, OffsetUnit::Byte).convert(byte),
                byte.min(text.len())
            );
        }
    }

    #[test]
    fn unit_names_parse() {
        assert_eq!(OffsetUnit::from_name("utf16"), Some(OffsetUnit::Utf16));
        assert_eq!(
            OffsetUnit::from_name("codepoint"),
            Some(OffsetUnit::CodePoint)
        );
        assert_eq!(OffsetUnit::from_name("byte"), Some(OffsetUnit::Byte));
        assert_eq!(OffsetUnit::from_name("chars"), None);
    }
}
