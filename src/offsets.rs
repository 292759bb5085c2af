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
/// ASCII text maps to itself and needs no table. Otherwise the table describes each block of
/// 64 bytes: the target offset at its start and which of its bytes start a character, so a
/// conversion is two bit counts (a table of every byte's offset would take four times the
/// text's memory: 40 MB for a 10 MB article). Offsets inside a character map to its start.
pub struct OffsetTable<'a> {
    text: &'a str,
    blocks: Option<Vec<Block>>,
    /// Offsets past the end of a text map to the text's length in the target unit.
    len: usize,
}

/// 64 bytes of a text, as an [`OffsetTable`] sees them.
#[derive(Default)]
struct Block {
    /// The target offset of the block's first byte, counting the characters that start
    /// before it.
    before: u32,
    /// Bit `i`: byte `i` of the block starts a character (one unit).
    starts: u64,
    /// Bit `i`: byte `i` starts a character of two units (four UTF-8 bytes, in UTF-16).
    wide: u64,
}

impl<'a> OffsetTable<'a> {
    /// Builds the table that converts byte offsets of `text` into `unit`.
    pub fn new(text: &'a str, unit: OffsetUnit) -> OffsetTable<'a> {
        if unit == OffsetUnit::Byte || text.is_ascii() {
            return OffsetTable {
                text,
                blocks: None,
                len: text.len(),
            };
        }
        let mut blocks: Vec<Block> = Vec::with_capacity(text.len().div_ceil(64));
        let mut position = 0u32;
        for bytes in text.as_bytes().chunks(64) {
            let mut block = Block {
                before: position,
                ..Block::default()
            };
            for (i, &byte) in bytes.iter().enumerate() {
                // UTF-8 continuation bytes are 0b10xx_xxxx; four-byte characters lead with 0xF0+.
                if byte & 0xC0 != 0x80 {
                    block.starts |= 1 << i;
                    position += 1;
                }
                if unit == OffsetUnit::Utf16 && byte >= 0xF0 {
                    block.wide |= 1 << i;
                    position += 1;
                }
            }
            blocks.push(block);
        }
        OffsetTable {
            text,
            blocks: Some(blocks),
            len: position as usize,
        }
    }

    /// The offset in the target unit of byte offset `byte`.
    pub fn convert(&self, byte: usize) -> usize {
        let Some(blocks) = &self.blocks else {
            return byte.min(self.len);
        };
        if byte >= self.text.len() {
            return self.len;
        }
        // The start of the character that holds `byte`, at most 3 bytes before it.
        let mut start = byte;
        while !self.text.is_char_boundary(start) {
            start -= 1;
        }
        let Some(block) = blocks.get(start / 64) else {
            return self.len;
        };
        let before = (1u64 << (start % 64)) - 1;
        block.before as usize
            + (block.starts & before).count_ones() as usize
            + (block.wide & before).count_ones() as usize
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
                    .map(|(_, ch)| match unit {
                        OffsetUnit::Utf16 => ch.len_utf16(),
                        _ => 1,
                    })
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
