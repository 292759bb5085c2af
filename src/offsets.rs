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
/// ASCII text maps to itself and needs no table. Otherwise the table holds the offset in the
/// target unit at every [`BLOCK`]th byte, and a conversion counts the characters from there:
/// a table of every byte's offset would take four times the text's memory (40 MB for a 10 MB
/// article). Offsets inside a character map to its start.
pub struct OffsetTable<'a> {
    text: &'a str,
    unit: OffsetUnit,
    /// For each block, the target offset of the character that holds its first byte.
    blocks: Option<Vec<u32>>,
    /// Offsets past the end of a text map to the text's length in the target unit.
    len: usize,
}

/// Bytes per block of an [`OffsetTable`]: its memory is a sixteenth of the text's, and a
/// conversion reads at most this many bytes.
const BLOCK: usize = 64;

impl<'a> OffsetTable<'a> {
    /// Builds the table that converts byte offsets of `text` into `unit`.
    pub fn new(text: &'a str, unit: OffsetUnit) -> OffsetTable<'a> {
        if unit == OffsetUnit::Byte || text.is_ascii() {
            return OffsetTable {
                text,
                unit,
                blocks: None,
                len: text.len(),
            };
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut position = 0usize;
        for (start, ch) in text.char_indices() {
            // A character holds at most one block start: it is shorter than a block.
            if (start + ch.len_utf8() - 1) / BLOCK == blocks.len() {
                blocks.push(position as u32);
            }
            position += units(ch, unit);
        }
        OffsetTable {
            text,
            unit,
            blocks: Some(blocks),
            len: position,
        }
    }

    /// The offset in the target unit of byte offset `byte`.
    pub fn convert(&self, byte: usize) -> usize {
        let Some(blocks) = &self.blocks else {
            return byte.min(self.len);
        };
        let Some(&block_start) = blocks.get(byte / BLOCK) else {
            return self.len;
        };
        // The character that holds the block's first byte starts at most 3 bytes before it;
        // so does the one that holds `byte`, which is not counted when `byte` is inside it.
        let char_start = |mut at: usize| {
            while !self.text.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let bytes = self.text.as_bytes();
        let counted = bytes.get(char_start(byte / BLOCK * BLOCK)..byte.min(bytes.len()));
        let mut position = block_start as usize;
        position += counted.map_or(0, |run| run.iter().map(|&b| self.units_led_by(b)).sum());
        if byte < bytes.len() && !self.text.is_char_boundary(byte) {
            position -= bytes
                .get(char_start(byte))
                .map_or(0, |&b| self.units_led_by(b));
        }
        position
    }

    /// The length in the target unit of the character led by the UTF-8 byte `byte` (0 for
    /// a continuation byte), so that summing over a run of bytes counts its characters.
    fn units_led_by(&self, byte: u8) -> usize {
        let leads = usize::from(byte & 0xC0 != 0x80);
        match self.unit {
            // Four-byte characters are two UTF-16 code units.
            OffsetUnit::Utf16 => leads + usize::from(byte >= 0xF0),
            _ => leads,
        }
    }
}

/// The length of `ch` in `unit`.
fn units(ch: char, unit: OffsetUnit) -> usize {
    match unit {
        OffsetUnit::Byte => ch.len_utf8(),
        OffsetUnit::Utf16 => ch.len_utf16(),
        OffsetUnit::CodePoint => 1,
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
    fn every_byte_offset_converts_like_counting_from_the_start() {
        // Long enough to cross many blocks, with characters of every length across their
        // edges.
        let text = "Zoë said “hi” 😀 in 東京. e\u{301} 👩‍👩‍👧 ok. ".repeat(20);
        for unit in [OffsetUnit::Utf16, OffsetUnit::CodePoint] {
            let table = OffsetTable::new(&text, unit);
            for byte in 0..=text.len() + 2 {
                // The characters that end at or before `byte`, in `unit`.
                let expected: usize = text
                    .char_indices()
                    .take_while(|(start, ch)| start + ch.len_utf8() <= byte)
                    .map(|(_, ch)| units(ch, unit))
                    .sum();
                assert_eq!(table.convert(byte), expected, "{unit:?} at byte {byte}");
            }
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
