//! The per-request service contract: a real, text-extractable PDF naming the
//! signer, the certificate profile, the registration authority and the date.

use std::fmt::Write as _;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::contract_text::ContractText;
use super::font::{FontSubset, FontWeight};
use super::objects::{date, flate_stream, name, num, real};
use crate::Error;

/// Language of the contract (the request's `communication_language`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContractLanguage {
    /// English (the default).
    #[default]
    English,
    /// Spanish.
    Spanish,
    /// Polish.
    Polish,
}

impl ContractLanguage {
    /// Parses a two-letter code ("ES", "en", "PL"); other codes give English.
    pub fn from_code(code: &str) -> Self {
        match code.trim().to_ascii_lowercase().as_str() {
            "es" => Self::Spanish,
            "pl" => Self::Polish,
            _ => Self::English,
        }
    }
}

/// Who and what the service contract is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractData {
    /// The signer's full name, e.g. "Łukasz Żółć Núñez".
    pub signer_name: String,
    /// The signer's identity document number.
    pub id_number: String,
    /// The signer's e-mail address.
    pub email: String,
    /// The signer's mobile phone number, with international prefix.
    pub phone: String,
    /// The certificate profile (API name, e.g. "PFnubeQAFCiudadano").
    pub profile: String,
    /// The registration authority id.
    pub registration_authority: String,
    /// The contract date.
    pub date: time::Date,
    /// The language to write the contract in.
    pub language: ContractLanguage,
}

// A4 portrait, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
const MARGIN_X: f32 = 64.0;
const MARGIN_TOP: f32 = 64.0;
const MARGIN_BOTTOM: f32 = 72.0;
const BODY_SIZE: f32 = 9.0;
const LINE_HEIGHT: f32 = 1.3;
const CLAUSE_INDENT: f32 = 22.0;

/// Builds the contract PDF (one or two A4 pages).
pub fn service_contract(data: &ContractData) -> Result<Vec<u8>, Error> {
    let text = ContractText::for_language(data.language);
    let mut layout = Layout::new()?;

    layout.paragraph(text.title, FontWeight::Bold, 20.0, 0.0);
    layout.paragraph(text.subtitle, FontWeight::Regular, 11.0, 4.0);
    layout.rule();
    layout.paragraph(text.sandbox_notice, FontWeight::Bold, 8.0, 8.0);

    layout.fit_labels(&[
        text.provider_label,
        text.registration_authority,
        text.full_name,
        text.id_number,
        text.email,
        text.phone,
        text.profile,
        text.date,
    ]);
    layout.paragraph(text.parties_heading, FontWeight::Bold, 12.0, 12.0);
    layout.field(text.provider_label, text.provider);
    layout.field(text.registration_authority, &data.registration_authority);

    layout.paragraph(text.subscriber_heading, FontWeight::Bold, 12.0, 12.0);
    let profile = match data.profile.as_str() {
        "PFnubeQAFCiudadano" => format!("{} — {}", data.profile, text.qualified_profile),
        "PFnubeNC" => format!("{} — {}", data.profile, text.normalized_profile),
        other => other.to_owned(),
    };
    let when = text.format_date(data.date);
    for (label, value) in [
        (text.full_name, data.signer_name.as_str()),
        (text.id_number, data.id_number.as_str()),
        (text.email, data.email.as_str()),
        (text.phone, data.phone.as_str()),
        (text.profile, profile.as_str()),
        (
            text.registration_authority,
            data.registration_authority.as_str(),
        ),
        (text.date, when.as_str()),
    ] {
        layout.field(label, value);
    }

    layout.paragraph(text.terms_heading, FontWeight::Bold, 12.0, 12.0);
    for (number, clause) in text.clauses.iter().enumerate() {
        layout.numbered(number + 1, clause);
    }
    layout.paragraph(text.acceptance, FontWeight::Bold, BODY_SIZE, 12.0);
    layout.paragraph(
        &format!("{} — {when}", data.signer_name),
        FontWeight::Regular,
        BODY_SIZE,
        18.0,
    );

    layout.finish(text, data)
}

/// A top-down text layout over as many pages as needed.
struct Layout {
    regular: FontSubset,
    bold: FontSubset,
    pages: Vec<String>,
    y: f32,
    /// Where field values start, right of the widest label.
    label_column: f32,
}

impl Layout {
    fn new() -> Result<Self, Error> {
        Ok(Self {
            regular: FontSubset::new(FontWeight::Regular)?,
            bold: FontSubset::new(FontWeight::Bold)?,
            pages: vec![String::new()],
            y: PAGE_HEIGHT - MARGIN_TOP,
            label_column: 150.0,
        })
    }

    /// Sizes the label column to the widest label (within sensible bounds).
    fn fit_labels(&mut self, labels: &[&str]) {
        let widest = labels
            .iter()
            .map(|l| self.bold.width(l, BODY_SIZE))
            .fold(0.0_f32, f32::max);
        self.label_column = (widest + 12.0).clamp(110.0, 220.0);
    }

    fn font(&self, weight: FontWeight) -> &FontSubset {
        match weight {
            FontWeight::Regular => &self.regular,
            FontWeight::Bold => &self.bold,
        }
    }

    /// Moves down by `height`, starting a new page when the bottom margin is reached.
    fn advance(&mut self, height: f32) {
        if self.y - height < MARGIN_BOTTOM {
            self.pages.push(String::new());
            self.y = PAGE_HEIGHT - MARGIN_TOP;
        }
        self.y -= height;
    }

    fn show(&mut self, x: f32, weight: FontWeight, size: f32, line: &str) {
        let (resource, font) = match weight {
            FontWeight::Regular => ("F1", &mut self.regular),
            FontWeight::Bold => ("F2", &mut self.bold),
        };
        let encoded = font.encode(line);
        if let Some(page) = self.pages.last_mut() {
            let _ = writeln!(
                page,
                "BT /{resource} {} Tf {} {} Td {encoded} Tj ET",
                num(size),
                num(x),
                num(self.y)
            );
        }
    }

    /// Splits `text` into lines no wider than `width` at `size`.
    fn wrap(&self, text: &str, weight: FontWeight, size: f32, width: f32) -> Vec<String> {
        let font = self.font(weight);
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if !line.is_empty() && font.width(&candidate, size) > width {
                lines.push(std::mem::replace(&mut line, word.to_owned()));
            } else {
                line = candidate;
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    fn paragraph(&mut self, text: &str, weight: FontWeight, size: f32, space_before: f32) {
        self.y -= space_before;
        for line in self.wrap(text, weight, size, PAGE_WIDTH - 2.0 * MARGIN_X) {
            self.advance(size * LINE_HEIGHT);
            self.show(MARGIN_X, weight, size, &line);
        }
    }

    fn field(&mut self, label: &str, value: &str) {
        let value_width = PAGE_WIDTH - 2.0 * MARGIN_X - self.label_column;
        let labels = self.wrap(label, FontWeight::Bold, BODY_SIZE, self.label_column - 8.0);
        let values = self.wrap(value, FontWeight::Regular, BODY_SIZE, value_width);
        for i in 0..labels.len().max(values.len()) {
            self.advance(BODY_SIZE * (LINE_HEIGHT + 0.1));
            if let Some(label) = labels.get(i) {
                self.show(MARGIN_X, FontWeight::Bold, BODY_SIZE, label);
            }
            if let Some(value) = values.get(i) {
                self.show(
                    MARGIN_X + self.label_column,
                    FontWeight::Regular,
                    BODY_SIZE,
                    value,
                );
            }
        }
    }

    fn numbered(&mut self, number: usize, clause: &str) {
        self.y -= 3.0;
        let width = PAGE_WIDTH - 2.0 * MARGIN_X - CLAUSE_INDENT;
        let lines = self.wrap(clause, FontWeight::Regular, BODY_SIZE, width);
        for (i, line) in lines.iter().enumerate() {
            self.advance(BODY_SIZE * LINE_HEIGHT);
            if i == 0 {
                self.show(
                    MARGIN_X,
                    FontWeight::Bold,
                    BODY_SIZE,
                    &format!("3.{number}"),
                );
            }
            self.show(
                MARGIN_X + CLAUSE_INDENT,
                FontWeight::Regular,
                BODY_SIZE,
                line,
            );
        }
    }

    fn rule(&mut self) {
        self.y -= 8.0;
        if let Some(page) = self.pages.last_mut() {
            let _ = writeln!(
                page,
                "q 0.2 0.3 0.6 RG 1 w {x} {y} m {x2} {y} l S Q",
                x = num(MARGIN_X),
                x2 = num(PAGE_WIDTH - MARGIN_X),
                y = num(self.y)
            );
        }
    }

    /// Adds footers, writes fonts and pages, and serialises the document.
    fn finish(mut self, text: &ContractText, data: &ContractData) -> Result<Vec<u8>, Error> {
        let total = self.pages.len();
        for index in 0..total {
            let footer = format!("{} {} {} {total}", text.page, index + 1, text.of);
            let width = self.regular.width(&footer, 8.0);
            let notice = self.regular.encode(text.sandbox_notice);
            let encoded = self.regular.encode(&footer);
            let _ = writeln!(
                self.pages[index],
                "BT /F1 7 Tf 0.4 g {} 50 Td {notice} Tj ET\nBT /F1 8 Tf 0 g {} 36 Td {encoded} Tj ET",
                num(MARGIN_X),
                num(PAGE_WIDTH - MARGIN_X - width),
            );
        }

        let mut document = Document::with_version("1.7");
        let pages_id = document.new_object_id();
        let regular = self.regular.write(&mut document)?;
        let bold = self.bold.write(&mut document)?;
        let mut fonts = Dictionary::new();
        fonts.set("F1", Object::Reference(regular));
        fonts.set("F2", Object::Reference(bold));
        let mut resources = Dictionary::new();
        resources.set("Font", Object::Dictionary(fonts));
        let resources = document.add_object(Object::Dictionary(resources));

        let mut kids: Vec<Object> = Vec::with_capacity(total);
        for content in &self.pages {
            kids.push(Object::Reference(page(
                &mut document,
                pages_id,
                resources,
                content,
            )?));
        }
        let mut pages = Dictionary::new();
        pages.set("Type", name("Pages"));
        pages.set("Count", Object::Integer(total as i64));
        pages.set("Kids", Object::Array(kids));
        document.objects.insert(pages_id, Object::Dictionary(pages));

        let mut catalog = Dictionary::new();
        catalog.set("Type", name("Catalog"));
        catalog.set("Pages", Object::Reference(pages_id));
        catalog.set("Lang", Object::string_literal(text.lang_tag));
        let catalog = document.add_object(Object::Dictionary(catalog));
        let mut info = Dictionary::new();
        info.set(
            "Title",
            lopdf::text_string(&format!("{} — {}", text.title, data.signer_name)),
        );
        info.set(
            "Producer",
            Object::string_literal("One-Shot Station sandbox"),
        );
        info.set(
            "CreationDate",
            Object::string_literal(date(time::OffsetDateTime::now_utc())),
        );
        let info = document.add_object(Object::Dictionary(info));
        document.trailer.set("Root", Object::Reference(catalog));
        document.trailer.set("Info", Object::Reference(info));

        let mut bytes = Vec::new();
        document
            .save_to(&mut bytes)
            .map_err(|e| Error::Signing(format!("writing the service contract: {e}")))?;
        Ok(bytes)
    }
}

fn page(
    document: &mut Document,
    parent: ObjectId,
    resources: ObjectId,
    content: &str,
) -> Result<ObjectId, Error> {
    let contents = document.add_object(Object::Stream(flate_stream(
        Dictionary::new(),
        content.as_bytes(),
    )?));
    let mut page = Dictionary::new();
    page.set("Type", name("Page"));
    page.set("Parent", Object::Reference(parent));
    page.set(
        "MediaBox",
        Object::Array(vec![
            real(0.0),
            real(0.0),
            real(PAGE_WIDTH),
            real(PAGE_HEIGHT),
        ]),
    );
    page.set("Resources", Object::Reference(resources));
    page.set("Contents", Object::Reference(contents));
    Ok(document.add_object(Object::Dictionary(page)))
}
