//! The generator of hostile inputs (issue 7): what people paste into a newsroom widget when
//! things go wrong. Every input is built here from code, at the size the issue names, so the
//! suite needs no committed blobs. Used by `tests/hostile.rs`; the fuzz corpus was seeded
//! from small versions of the same shapes.

/// One hostile input: a name for the report and the code that builds it.
pub struct Hostile {
    /// What the input is, as the issue names it.
    pub name: &'static str,
    /// Builds the input.
    pub make: fn() -> String,
}

/// A news article of our own (not taken from any data set) that exercises every stage:
/// dateline, abbreviations, quotations with speakers, dates, money, percentages, quantities.
pub const ARTICLE: &str = "KABUL, Aug. 10 (Newswire) \u{2014} Officials said on Monday that \
1,200 families had fled the fighting since early 2021, and the U.S. pledged $1.2 billion in aid.\n\
\"We're doing everything we can, but it isn't enough,\" said Dr. Amina Yusuf, the agency's \
director. \"The roads are closed.\"\n\
Ms. Yusuf told reporters at 10:30 a.m. that convoys had travelled 350 km; prices rose 45% in \
the past two weeks, according to the U.N. World Food Programme (WFP).\n\
\u{201C}They\u{2019}re still coming,\u{201D} a farmer, Abdul Rahman, 42, said of the \
refugees \u{2014} \u{2018}hundreds every day.\u{2019}\n";

/// Every hostile input except the two largest (see [`ten_megabyte_article`] and
/// [`every_scalar_value`]), each about a megabyte or less.
pub const HOSTILE: &[Hostile] = &[
    Hostile {
        name: "1,000,000 straight quotation marks",
        make: || "\"".repeat(1_000_000),
    },
    Hostile {
        name: "1,000,000 quotation marks of every kind, some around words",
        make: || {
            let marks = [
                '"', '\u{201C}', '\u{201D}', '\u{2018}', '\u{2019}', '\u{AB}', '\u{BB}',
                '\u{201E}', '\u{2039}', '\u{203A}', '\'',
            ];
            let mut text = String::new();
            for (i, mark) in marks.iter().cycle().take(1_000_000).enumerate() {
                text.push(*mark);
                // Every 7th mark opens a word, every 13th is followed by a space.
                if i % 7 == 0 {
                    text.push_str("said");
                }
                if i % 13 == 0 {
                    text.push(' ');
                }
            }
            text
        },
    },
    Hostile {
        name: "100,000 nested brackets",
        make: || format!("{}x{}", "(".repeat(100_000), ")".repeat(100_000)),
    },
    Hostile {
        name: "100,000 nested brackets of mixed kinds, never closed",
        make: || "([{\u{2329}\u{300C} a ".repeat(20_000),
    },
    Hostile {
        name: "1 MB of letters without a space",
        make: || "abcdefghij".repeat(100_000),
    },
    Hostile {
        name: "1 MB of digits and separators without a space",
        make: || "1,2.3:4-5/6".repeat(100_000),
    },
    Hostile {
        name: "1 MB of dotted initials without a space",
        make: || "U.S.".repeat(250_000),
    },
    Hostile {
        name: "1 MB hyphenated word",
        make: || "war-ravaged-".repeat(90_000),
    },
    Hostile {
        name: "1 MB of money, dates and numbers without a space",
        make: || "$1.2bn,Aug.10,2021,45%,10:30a.m.".repeat(32_000),
    },
    Hostile {
        name: "every Unicode scalar value of the Basic Multilingual Plane, without a space",
        make: || (0..=0xFFFF).filter_map(char::from_u32).collect(),
    },
    Hostile {
        name: "right-to-left text with bidi controls",
        make: || {
            let lines = [
                "\u{0642}\u{0627}\u{0644} \u{0627}\u{0644}\u{0645}\u{062A}\u{062D}\u{062F}\u{062B} \u{00AB}\u{0646}\u{062D}\u{0646} \u{0647}\u{0646}\u{0627}\u{00BB} \u{064A}\u{0648}\u{0645} \u{0627}\u{0644}\u{0627}\u{062B}\u{0646}\u{064A}\u{0646} \u{0661}\u{0662}\u{0663} \u{0643}\u{0645}.",
                "\u{05D4}\u{05D5}\u{05D0} \u{05D0}\u{05DE}\u{05E8}: \u{201E}\u{05E9}\u{05DC}\u{05D5}\u{05DD}\u{201D} \u{2014} 45% \u{05D1}-2021.",
                "\u{202B}Kirby said \u{200F}\u{0634}\u{0643}\u{0631}\u{0627}\u{200E} on Monday\u{202C} \u{2067}\u{05E9}\u{05DC}\u{05D5}\u{05DD}\u{2069} \u{202E}desrever\u{202C}",
            ];
            lines.join("\n").repeat(2_000)
        },
    },
    Hostile {
        name: "combining marks and zero-width joiners",
        make: || {
            let mut text = String::new();
            // One letter with 10,000 combining accents, then a word with a zalgo crown.
            text.push('e');
            text.push_str(&"\u{301}".repeat(10_000));
            text.push_str(" Z\u{351}\u{34B}\u{36A}a\u{35B}\u{346}l\u{33E}g\u{352}o ");
            // ZWJ sequences, skin tones, flags, keycaps, variation selectors.
            text.push_str(
                "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} \u{1F44D}\u{1F3FD} \u{1F1FA}\u{1F1F8}\u{1F1E6} 1\u{FE0F}\u{20E3} \u{2764}\u{FE0F} ",
            );
            // Joiners and modifiers with nothing to join.
            text.push_str(&"\u{200D}".repeat(10_000));
            text.push_str(" \u{1F3FB}\u{1F3FC} \u{FE0F}\u{FE0F} \u{301}\u{301} ");
            text.push_str(&"a\u{200D}\u{200C}\u{2060}b\u{200B}c ".repeat(10_000));
            text.push_str(&"\u{1F468}\u{200D}".repeat(10_000));
            text
        },
    },
    Hostile {
        name: "CRLF line ends",
        make: || ARTICLE.replace('\n', "\r\n").repeat(500),
    },
    Hostile {
        name: "lone CR line ends",
        make: || ARTICLE.replace('\n', "\r").repeat(500),
    },
    Hostile {
        name: "U+2028 and U+2029 line and paragraph separators",
        make: || {
            ARTICLE
                .replace('\n', "\u{2029}")
                .replace(' ', "\u{2028}")
                .repeat(500)
        },
    },
    Hostile {
        name: "100,000 mixed line breaks",
        make: || "\r\n\r\n\r\u{2028}\u{2029}\u{85}\u{B}\u{C}".repeat(12_500),
    },
    Hostile {
        name: "NUL between words",
        make: || ARTICLE.replace(' ', "\0").repeat(500),
    },
    Hostile {
        name: "100,000 NULs and every control character",
        make: || {
            let controls: String = (0u32..0x20)
                .chain(0x7F..0xA0)
                .filter_map(char::from_u32)
                .collect();
            format!("{}{}", "\0".repeat(100_000), controls.repeat(1_000))
        },
    },
    Hostile {
        name: "lone surrogates from JavaScript (arriving as U+FFFD)",
        make: || lone_surrogates_as_javascript_sends_them(),
    },
    Hostile {
        name: "ASCII punctuation only",
        make: || {
            let punctuation: String = (0x21u8..0x7F)
                .filter(|b| b.is_ascii_punctuation())
                .map(char::from)
                .collect();
            punctuation.repeat(30_000)
        },
    },
    Hostile {
        name: "1,000,000 periods",
        make: || ".".repeat(1_000_000),
    },
    Hostile {
        name: "Unicode punctuation only, with spaces",
        make: || {
            let punctuation: String = (0x2010u32..=0x205E).filter_map(char::from_u32).collect();
            format!("{punctuation} \u{2026}\u{2026} \u{2014}\u{2014} !?!? ").repeat(3_000)
        },
    },
    Hostile {
        name: "empty and whitespace only",
        make: || {
            let whitespace: String = (0u32..0x3001)
                .filter_map(char::from_u32)
                .filter(|c| c.is_whitespace())
                .collect();
            whitespace.repeat(10_000)
        },
    },
    Hostile {
        name: "ALL-CAPS headlines and all-lowercase text",
        make: || format!("{}{}", ARTICLE.to_uppercase(), ARTICLE.to_lowercase()).repeat(500),
    },
    Hostile {
        name: "tables of numbers",
        make: || {
            let mut text = String::from("| Year | Budget | Change |\n|---|---|---|\n");
            for i in 0..20_000u32 {
                let line = format!(
                    "| {} | ${}.{}bn | {}% |\n",
                    1900 + i % 200,
                    i,
                    i % 10,
                    i % 100
                );
                text.push_str(&line);
            }
            text
        },
    },
    Hostile {
        name: "broken HTML and entities",
        make: || {
            "<p class=\"x\">Kirby said <b>\"no\"</i> &amp; &quot;yes&quot; &#8220;</p><script>alert(1)</script><!-- ".repeat(5_000)
        },
    },
    Hostile {
        name: "one 1 MB line of short sentences",
        make: || "He left. She said \"No.\" Then? ".repeat(32_000),
    },
];

/// A 10 MB article: [`ARTICLE`] repeated, one paragraph a line.
pub fn ten_megabyte_article() -> String {
    ARTICLE.repeat(10 * 1024 * 1024 / ARTICLE.len() + 1)
}

/// Every Unicode scalar value in order (every general category, every plane), a space after
/// every seventh and a line break after every 700th, so that words, lines and paragraphs of
/// every kind of character form.
pub fn every_scalar_value() -> String {
    let mut text = String::new();
    for (i, ch) in (0..=0x10FFFF).filter_map(char::from_u32).enumerate() {
        text.push(ch);
        if i % 7 == 6 {
            text.push(' ');
        }
        if i % 700 == 699 {
            text.push('\n');
        }
    }
    text
}

/// Text as a browser hands it over when a JavaScript string holds lone surrogates: the
/// binding decodes UTF-16 lossily, so each lone surrogate arrives as U+FFFD, one UTF-16 unit
/// for one, which keeps JavaScript offsets aligned.
pub fn lone_surrogates_as_javascript_sends_them() -> String {
    let mut units: Vec<u16> = Vec::new();
    for i in 0..20_000u16 {
        units.extend("Kirby said ".encode_utf16());
        // A lone high surrogate, a lone low surrogate, a reversed pair, then a real pair.
        units.push(0xD800 + i % 0x400);
        units.push(b' '.into());
        units.push(0xDC00 + i % 0x400);
        units.extend([0xDC00, 0xD800]);
        units.extend("\u{1F600}.\n".encode_utf16());
    }
    String::from_utf16_lossy(&units)
}
