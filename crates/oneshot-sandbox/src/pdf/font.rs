//! DejaVu Sans embedded as a subset Type 0 (CIDFontType2) font with a
//! ToUnicode map, so any Latin, Greek or Cyrillic name renders and extracts.
//!
//! The standard 14 fonts cannot show "Łukasz Żółć" (WinAnsi has no Ł or Ż),
//! hence an embedded font; subsetting keeps a signature appearance to a few KiB.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lopdf::{Dictionary, Object, ObjectId};
use subsetter::GlyphRemapper;
use ttf_parser::{Face, GlyphId};

use super::objects::{ObjectSink, flate_stream, name};
use crate::Error;

const DEJAVU_SANS: &[u8] = include_bytes!("fonts/DejaVuSans.ttf");
const DEJAVU_SANS_BOLD: &[u8] = include_bytes!("fonts/DejaVuSans-Bold.ttf");

/// Which face of the vendored family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FontWeight {
    Regular,
    Bold,
}

impl FontWeight {
    fn data(self) -> &'static [u8] {
        match self {
            Self::Regular => DEJAVU_SANS,
            Self::Bold => DEJAVU_SANS_BOLD,
        }
    }

    fn postscript_name(self) -> &'static str {
        match self {
            Self::Regular => "DejaVuSans",
            Self::Bold => "DejaVuSans-Bold",
        }
    }
}

/// A font being used in one document: it records the glyphs its text needs and
/// writes only those.
pub(crate) struct FontSubset {
    weight: FontWeight,
    face: Face<'static>,
    remapper: GlyphRemapper,
    /// New glyph id -> (text it stands for, advance in 1/1000 em).
    used: BTreeMap<u16, (String, f32)>,
}

impl std::fmt::Debug for FontSubset {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSubset")
            .field("weight", &self.weight)
            .field("glyphs", &self.used.len())
            .finish()
    }
}

impl FontSubset {
    pub(crate) fn new(weight: FontWeight) -> Result<Self, Error> {
        let face = Face::parse(weight.data(), 0)
            .map_err(|e| Error::Signing(format!("reading the embedded font: {e}")))?;
        Ok(Self {
            weight,
            face,
            remapper: GlyphRemapper::new(),
            used: BTreeMap::new(),
        })
    }

    fn scale(&self) -> f32 {
        1000.0 / f32::from(self.face.units_per_em())
    }

    fn glyph(&self, c: char) -> GlyphId {
        // Characters the font lacks show as .notdef (an empty box), never silently vanish.
        self.face.glyph_index(c).unwrap_or(GlyphId(0))
    }

    fn advance(&self, glyph: GlyphId) -> f32 {
        f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * self.scale()
    }

    /// Width of `text` at `size` points.
    pub(crate) fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
            / 1000.0
    }

    /// Ascent above the baseline, in 1/1000 em.
    pub(crate) fn ascent(&self) -> f32 {
        f32::from(self.face.ascender()) * self.scale()
    }

    /// The hex string operand (`<...>`) that shows `text` with this font.
    pub(crate) fn encode(&mut self, text: &str) -> String {
        let mut hex = String::with_capacity(text.len() * 4 + 2);
        hex.push('<');
        for c in text.chars() {
            let glyph = self.glyph(c);
            let new_id = self.remapper.remap(glyph.0);
            if !self.used.contains_key(&new_id) {
                let advance = self.advance(glyph);
                self.used.insert(new_id, (c.to_string(), advance));
            }
            let _ = write!(hex, "{new_id:04X}");
        }
        hex.push('>');
        hex
    }

    /// Writes the font program subset and its dictionaries; returns the Type 0 font.
    pub(crate) fn write(self, sink: &mut impl ObjectSink) -> Result<ObjectId, Error> {
        let subset = subsetter::subset(self.weight.data(), 0, &self.remapper)
            .map_err(|e| Error::Signing(format!("subsetting the embedded font: {e}")))?;
        let base_font = format!("{}+{}", self.subset_tag(), self.weight.postscript_name());
        let scale = self.scale();

        let mut file_dict = Dictionary::new();
        file_dict.set("Length1", Object::Integer(subset.len() as i64));
        let font_file = sink.add_object(Object::Stream(flate_stream(file_dict, &subset)?));

        let bbox = self.face.global_bounding_box();
        let scaled = |v: i16| Object::Integer((f32::from(v) * scale).round() as i64);
        let mut descriptor = Dictionary::new();
        descriptor.set("Type", name("FontDescriptor"));
        descriptor.set("FontName", name(&base_font));
        // Nonsymbolic (bit 6): the glyphs are ordinary Latin-script text.
        descriptor.set("Flags", Object::Integer(32));
        descriptor.set(
            "FontBBox",
            Object::Array(vec![
                scaled(bbox.x_min),
                scaled(bbox.y_min),
                scaled(bbox.x_max),
                scaled(bbox.y_max),
            ]),
        );
        descriptor.set("ItalicAngle", Object::Integer(0));
        descriptor.set("Ascent", scaled(self.face.ascender()));
        descriptor.set("Descent", scaled(self.face.descender()));
        descriptor.set(
            "CapHeight",
            scaled(self.face.capital_height().unwrap_or(self.face.ascender())),
        );
        descriptor.set(
            "StemV",
            Object::Integer(if self.weight == FontWeight::Bold {
                120
            } else {
                80
            }),
        );
        descriptor.set("FontFile2", Object::Reference(font_file));
        let descriptor = sink.add_object(Object::Dictionary(descriptor));

        let mut widths = Vec::with_capacity(self.used.len() * 2);
        for (glyph, (_, advance)) in &self.used {
            widths.push(Object::Integer(i64::from(*glyph)));
            widths.push(Object::Array(vec![Object::Integer(advance.round() as i64)]));
        }
        let mut system_info = Dictionary::new();
        system_info.set("Registry", Object::string_literal("Adobe"));
        system_info.set("Ordering", Object::string_literal("Identity"));
        system_info.set("Supplement", Object::Integer(0));
        let mut cid_font = Dictionary::new();
        cid_font.set("Type", name("Font"));
        cid_font.set("Subtype", name("CIDFontType2"));
        cid_font.set("BaseFont", name(&base_font));
        cid_font.set("CIDSystemInfo", Object::Dictionary(system_info));
        cid_font.set("FontDescriptor", Object::Reference(descriptor));
        cid_font.set("DW", Object::Integer(1000));
        cid_font.set("W", Object::Array(widths));
        // The subset numbers its glyphs as our CIDs, so the identity map is exact.
        cid_font.set("CIDToGIDMap", name("Identity"));
        let cid_font = sink.add_object(Object::Dictionary(cid_font));

        let to_unicode = sink.add_object(Object::Stream(flate_stream(
            Dictionary::new(),
            self.to_unicode_cmap().as_bytes(),
        )?));
        let mut font = Dictionary::new();
        font.set("Type", name("Font"));
        font.set("Subtype", name("Type0"));
        font.set("BaseFont", name(&base_font));
        font.set("Encoding", name("Identity-H"));
        font.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_font)]),
        );
        font.set("ToUnicode", Object::Reference(to_unicode));
        Ok(sink.add_object(Object::Dictionary(font)))
    }

    /// Six capital letters derived from the glyph set, as ISO 32000-1 §9.6.4 asks of subsets.
    fn subset_tag(&self) -> String {
        let mut hash: u32 = 2_166_136_261;
        for glyph in self.used.keys() {
            for byte in glyph.to_be_bytes() {
                hash = (hash ^ u32::from(byte)).wrapping_mul(16_777_619);
            }
        }
        (0..6)
            .map(|i| char::from(b'A' + ((hash >> (i * 5)) % 26) as u8))
            .collect()
    }

    fn to_unicode_cmap(&self) -> String {
        let mut cmap = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        let entries: Vec<_> = self.used.iter().filter(|(glyph, _)| **glyph != 0).collect();
        // A bfchar block may hold at most 100 mappings.
        for chunk in entries.chunks(100) {
            let _ = writeln!(cmap, "{} beginbfchar", chunk.len());
            for (glyph, (text, _)) in chunk {
                let utf16: String = text
                    .encode_utf16()
                    .map(|unit| format!("{unit:04X}"))
                    .collect();
                let _ = writeln!(cmap, "<{glyph:04X}> <{utf16}>");
            }
            cmap.push_str("endbfchar\n");
        }
        cmap.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        cmap
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polish_and_spanish_letters_have_glyphs_and_unicode_entries() {
        let mut font = FontSubset::new(FontWeight::Regular).unwrap();
        let text = "Łukasz Żółć Núñez";
        assert!(text.chars().all(|c| font.face.glyph_index(c).is_some()));
        let hex = font.encode(text);
        assert_eq!(hex.len(), 2 + 4 * text.chars().count());
        let cmap = font.to_unicode_cmap();
        assert!(cmap.contains("<0141>"), "Ł maps back to U+0141");
        assert!(font.width(text, 10.0) > 50.0);
        let mut doc = lopdf::Document::with_version("1.7");
        font.write(&mut doc).unwrap();
    }
}
