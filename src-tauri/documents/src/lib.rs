//! avain-documents: Avain's printed documents, rendered to PDF in Rust with typst.
//!
//! The core decides what a document says ([`ProposalDocument`]: every text filled, every figure formatted); this
//! crate only lays it out. The typst template (`proposal.typ`) reads the document as JSON from a virtual file, so no
//! user text is ever parsed as markup. Fonts come embedded (typst-assets), nothing is read from disk or downloaded:
//! the virtual file system holds exactly the template, the data and the logo.
//!
//! Kept in its own crate because typst is slow to compile; the core's tests do not wait for it.

use std::collections::HashMap;
use std::sync::LazyLock;

use avain_core::proposals::document::ProposalDocument;
use chrono::Datelike;
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

#[doc(hidden)]
pub mod sample;

const TEMPLATE: &str = include_str!("proposal.typ");

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The logo is not a picture typst can place (PNG, JPEG, GIF, SVG or WebP).
    #[error("The logo could not be used: {0}")]
    Logo(String),
    /// The template failed: a bug in Avain, not in the user's data.
    #[error("The document could not be laid out: {0}")]
    Layout(String),
}

/// The fonts every document may use, loaded once.
static FONTS: LazyLock<(LazyHash<FontBook>, Vec<Font>)> = LazyLock::new(|| {
    let fonts: Vec<Font> = typst_assets::fonts().flat_map(|data| Font::iter(Bytes::new(data))).collect();
    (LazyHash::new(FontBook::from_fonts(&fonts)), fonts)
});

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).expect("a fixed, valid virtual path");
    FileId::new(RootedPath::new(VirtualRoot::Project, vpath))
}

struct DocumentWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    today: chrono::NaiveDate,
    /// Every file the layout asked for: the tests check it never reached beyond the virtual files.
    asked: std::sync::Mutex<Vec<String>>,
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.0
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Ok(mut asked) = self.asked.lock() {
            asked.push(format!("{:?}", id.get()));
        }
        self.files.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.get().vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.1.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Datetime::from_ymd(self.today.year(), self.today.month() as u8, self.today.day() as u8)
    }
}

fn messages(diagnostics: &[SourceDiagnostic]) -> String {
    diagnostics.iter().map(|d| d.message.to_string()).collect::<Vec<_>>().join("; ")
}

/// Lays the proposal out on A4 pages: the PDF's bytes and its number of pages.
pub fn proposal_pdf(doc: &ProposalDocument, logo: Option<&[u8]>) -> Result<(Vec<u8>, usize), RenderError> {
    render(doc, logo).0
}

/// Checks that typst can place `logo` in a document (as the proposals do), before it is kept.
pub fn check_logo(logo: &[u8]) -> Result<(), RenderError> {
    proposal_pdf(&sample::document(0, 0), Some(logo)).map(|_| ())
}

type Rendered = (Result<(Vec<u8>, usize), RenderError>, Vec<String>);

/// The PDF, and the files the layout asked for.
fn render(doc: &ProposalDocument, logo: Option<&[u8]>) -> Rendered {
    let data = match serde_json::to_vec(doc) {
        Ok(data) => data,
        Err(e) => return (Err(RenderError::Layout(e.to_string())), Vec::new()),
    };
    let mut files = HashMap::new();
    files.insert(file_id("/data.json"), Bytes::new(data));
    let has_logo = logo.is_some();
    if let Some(logo) = logo {
        files.insert(file_id("/logo"), Bytes::new(logo.to_vec()));
    }
    let main = format!("#let has-logo = {has_logo}\n{TEMPLATE}");
    let world = DocumentWorld {
        main: Source::new(file_id("/main.typ"), main),
        files,
        today: chrono::Local::now().date_naive(),
        asked: Default::default(),
    };
    let result = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| {
            let text = messages(&errors);
            if has_logo && text.to_lowercase().contains("image") {
                RenderError::Logo(text)
            } else {
                RenderError::Layout(text)
            }
        })
        .and_then(|document| {
            let pdf = typst_pdf::pdf(&document, &typst_pdf::PdfOptions::default())
                .map_err(|errors| RenderError::Layout(messages(&errors)))?;
            Ok((pdf, document.pages().len()))
        });
    let asked = world.asked.into_inner().unwrap_or_default();
    (result, asked)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_layout_reads_only_its_own_virtual_files() {
        let (pdf, asked) = render(&sample::document(1, 5), None);
        let (pdf, pages) = pdf.unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert_eq!(pages, 2);
        assert!(asked.iter().all(|a| a.contains("data.json")), "{asked:?}");
    }

    #[test]
    fn a_logo_is_placed_and_a_broken_one_is_refused() {
        // A 2×1 PNG written by hand: signature, IHDR, IDAT (zlib, stored), IEND.
        let png = tiny_png();
        let (pdf, asked) = render(&sample::document(0, 1), Some(&png));
        assert!(pdf.is_ok(), "{:?}", pdf.err());
        assert!(asked.iter().any(|a| a.contains("logo")));
        let broken = proposal_pdf(&sample::document(0, 1), Some(b"not a picture")).unwrap_err();
        assert!(matches!(broken, RenderError::Logo(_)), "{broken}");
    }

    fn tiny_png() -> Vec<u8> {
        fn crc(data: &[u8]) -> u32 {
            let mut c = 0xffff_ffffu32;
            for &b in data {
                c ^= b as u32;
                for _ in 0..8 {
                    c = if c & 1 != 0 { 0xedb8_8320 ^ (c >> 1) } else { c >> 1 };
                }
            }
            !c
        }
        fn adler(data: &[u8]) -> u32 {
            let (mut a, mut b) = (1u32, 0u32);
            for &x in data {
                a = (a + x as u32) % 65521;
                b = (b + a) % 65521;
            }
            (b << 16) | a
        }
        fn chunk(out: &mut Vec<u8>, kind: &[u8], data: &[u8]) {
            out.extend((data.len() as u32).to_be_bytes());
            let mut body = kind.to_vec();
            body.extend(data);
            out.extend(&body);
            out.extend(crc(&body).to_be_bytes());
        }
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        chunk(&mut png, b"IHDR", &[0, 0, 0, 2, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
        let raw = [0u8, 31, 78, 121, 200, 200, 200]; // filter byte, then two RGB pixels
        let mut z = vec![0x78, 0x01, 1, raw.len() as u8, 0, !(raw.len() as u8), 0xff];
        z.extend(raw);
        z.extend(adler(&raw).to_be_bytes());
        chunk(&mut png, b"IDAT", &z);
        chunk(&mut png, b"IEND", &[]);
        png
    }
}
