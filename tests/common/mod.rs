//! A small PDF builder for tests: pages with a content stream and resources, the
//! standard-14 fonts, form and image XObjects, and a page tree whose /Pages nodes can
//! carry inherited attributes. Built on lopdf, saved uncompressed, read back with
//! `precheck::pdf::read`.
#![allow(dead_code)]

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, dictionary};
use precheck::Limits;
use precheck::pdf::{self, DocumentFacts};

/// US Letter, the page size most tests draw on.
pub const LETTER: [f64; 4] = [0.0, 0.0, 612.0, 792.0];

/// A PDF number: an integer when the value is whole, so the file reads naturally.
pub fn num(v: f64) -> Object {
    if v.fract() == 0.0 && v.abs() < 1e9 {
        Object::Integer(v as i64)
    } else {
        Object::Real(v as f32)
    }
}

/// A PDF array of numbers.
pub fn nums(values: &[f64]) -> Object {
    Object::Array(values.iter().map(|&v| num(v)).collect())
}

/// One page: its boxes, rotation, content and resources. `None` leaves the entry out,
/// so it is inherited from the page tree (or absent).
#[derive(Clone, Debug)]
pub struct PageSpec {
    pub media_box: Option<[f64; 4]>,
    pub crop_box: Option<[f64; 4]>,
    pub rotate: Option<i64>,
    pub content: String,
    pub resources: Option<Dictionary>,
}

impl PageSpec {
    /// A US Letter page with this content and no resources.
    pub fn new(content: impl Into<String>) -> PageSpec {
        PageSpec {
            media_box: Some(LETTER),
            crop_box: None,
            rotate: None,
            content: content.into(),
            resources: None,
        }
    }

    pub fn resources(mut self, resources: Dictionary) -> PageSpec {
        self.resources = Some(resources);
        self
    }

    pub fn media_box(mut self, media_box: Option<[f64; 4]>) -> PageSpec {
        self.media_box = media_box;
        self
    }

    pub fn crop_box(mut self, crop_box: [f64; 4]) -> PageSpec {
        self.crop_box = Some(crop_box);
        self
    }

    pub fn rotate(mut self, rotate: i64) -> PageSpec {
        self.rotate = Some(rotate);
        self
    }
}

/// A /Resources dictionary with /Font and /XObject entries, named as in the content.
#[derive(Clone, Debug, Default)]
pub struct Resources {
    fonts: Dictionary,
    xobjects: Dictionary,
}

impl Resources {
    pub fn new() -> Resources {
        Resources::default()
    }

    pub fn font(mut self, name: &str, font: ObjectId) -> Resources {
        self.fonts.set(name, font);
        self
    }

    pub fn xobject(mut self, name: &str, xobject: ObjectId) -> Resources {
        self.xobjects.set(name, xobject);
        self
    }

    pub fn build(self) -> Dictionary {
        let mut d = Dictionary::new();
        if !self.fonts.is_empty() {
            d.set("Font", self.fonts);
        }
        if !self.xobjects.is_empty() {
            d.set("XObject", self.xobjects);
        }
        d
    }
}

/// A node of the page tree below the root: a page, or a /Pages node with attributes.
enum Kid {
    Page(PageSpec),
    Node(Dictionary, Vec<PageSpec>),
}

/// Builds a PDF in memory. Objects (fonts, XObjects) are added first and referred to
/// by id from the pages' resources.
pub struct PdfBuilder {
    doc: Document,
    pages_id: ObjectId,
    inherited: Dictionary,
    kids: Vec<Kid>,
}

impl Default for PdfBuilder {
    fn default() -> Self {
        PdfBuilder::new()
    }
}

impl PdfBuilder {
    pub fn new() -> PdfBuilder {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        PdfBuilder {
            doc,
            pages_id,
            inherited: Dictionary::new(),
            kids: Vec::new(),
        }
    }

    /// Adds any object and returns its id.
    pub fn add(&mut self, object: impl Into<Object>) -> ObjectId {
        self.doc.add_object(object)
    }

    /// An id to fill in later with `set`, for objects that refer to themselves.
    pub fn reserve(&mut self) -> ObjectId {
        self.doc.new_object_id()
    }

    pub fn set(&mut self, id: ObjectId, object: impl Into<Object>) {
        self.doc.objects.insert(id, object.into());
    }

    /// A non-embedded standard-14 Type 1 font with no /Widths (the reader's metrics apply).
    pub fn std14_font(&mut self, base_font: &str) -> ObjectId {
        self.add(std14_font_dict(base_font))
    }

    /// A non-embedded standard-14 Type 1 font with /FirstChar and /Widths.
    pub fn std14_font_with_widths(
        &mut self,
        base_font: &str,
        first_char: i64,
        widths: &[f64],
    ) -> ObjectId {
        let mut dict = std14_font_dict(base_font);
        dict.set("FirstChar", first_char);
        dict.set("LastChar", first_char + widths.len() as i64 - 1);
        dict.set("Widths", nums(widths));
        self.add(dict)
    }

    /// A form XObject with its /Matrix, /BBox and (optionally) its own /Resources.
    pub fn form(
        &mut self,
        content: &str,
        matrix: [f64; 6],
        bbox: [f64; 4],
        resources: Option<Dictionary>,
    ) -> ObjectId {
        let form = form_stream(content, matrix, bbox, resources);
        self.add(form)
    }

    /// A 1×1 DeviceGray image XObject (one mid-grey sample).
    pub fn gray_image(&mut self) -> ObjectId {
        let dict = dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 1,
            "Height" => 1,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        };
        self.add(Stream::new(dict, vec![0x80]))
    }

    /// Sets an attribute on the root /Pages node, inherited by every page below it.
    pub fn inherit(mut self, key: &str, value: impl Into<Object>) -> PdfBuilder {
        self.inherited.set(key, value);
        self
    }

    /// Adds a page directly below the root /Pages node.
    pub fn page(mut self, page: PageSpec) -> PdfBuilder {
        self.kids.push(Kid::Page(page));
        self
    }

    /// Adds an intermediate /Pages node with these attributes and pages below it.
    pub fn subtree(mut self, attributes: Dictionary, pages: Vec<PageSpec>) -> PdfBuilder {
        self.kids.push(Kid::Node(attributes, pages));
        self
    }

    /// The document, with the ids of its pages in order, for tests that break it further.
    pub fn build_document(mut self) -> (Document, Vec<ObjectId>) {
        let mut kids = Vec::new();
        let mut page_ids = Vec::new();
        let mut count = 0i64;
        for kid in std::mem::take(&mut self.kids) {
            match kid {
                Kid::Page(spec) => {
                    let id = self.add_page(spec, self.pages_id);
                    kids.push(Object::Reference(id));
                    page_ids.push(id);
                    count += 1;
                }
                Kid::Node(mut attributes, specs) => {
                    let node_id = self.doc.new_object_id();
                    let mut node_kids = Vec::new();
                    for spec in specs {
                        let id = self.add_page(spec, node_id);
                        node_kids.push(Object::Reference(id));
                        page_ids.push(id);
                    }
                    let n = node_kids.len() as i64;
                    attributes.set("Type", "Pages");
                    attributes.set("Parent", self.pages_id);
                    attributes.set("Kids", node_kids);
                    attributes.set("Count", n);
                    self.doc
                        .objects
                        .insert(node_id, Object::Dictionary(attributes));
                    kids.push(Object::Reference(node_id));
                    count += n;
                }
            }
        }
        let mut pages = std::mem::take(&mut self.inherited);
        pages.set("Type", "Pages");
        pages.set("Kids", kids);
        pages.set("Count", count);
        self.doc
            .objects
            .insert(self.pages_id, Object::Dictionary(pages));
        let catalog = self
            .doc
            .add_object(dictionary! { "Type" => "Catalog", "Pages" => self.pages_id });
        self.doc.trailer.set("Root", catalog);
        (self.doc, page_ids)
    }

    pub fn build(self) -> Vec<u8> {
        save(self.build_document().0)
    }

    /// Builds the PDF and reads its facts under the default limits.
    pub fn read(self) -> DocumentFacts {
        read(&self.build())
    }

    fn add_page(&mut self, spec: PageSpec, parent: ObjectId) -> ObjectId {
        let content = self
            .doc
            .add_object(Stream::new(Dictionary::new(), spec.content.into_bytes()));
        let mut page = dictionary! { "Type" => "Page", "Parent" => parent, "Contents" => content };
        if let Some(b) = spec.media_box {
            page.set("MediaBox", nums(&b));
        }
        if let Some(b) = spec.crop_box {
            page.set("CropBox", nums(&b));
        }
        if let Some(r) = spec.rotate {
            page.set("Rotate", r);
        }
        if let Some(r) = spec.resources {
            page.set("Resources", r);
        }
        self.doc.add_object(page)
    }
}

pub fn std14_font_dict(base_font: &str) -> Dictionary {
    dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => base_font }
}

pub fn form_stream(
    content: &str,
    matrix: [f64; 6],
    bbox: [f64; 4],
    resources: Option<Dictionary>,
) -> Stream {
    let mut dict = dictionary! {
        "Type" => "XObject",
        "Subtype" => "Form",
        "BBox" => nums(&bbox),
        "Matrix" => nums(&matrix),
    };
    if let Some(r) = resources {
        dict.set("Resources", r);
    }
    Stream::new(dict, content.as_bytes().to_vec())
}

pub fn save(mut doc: Document) -> Vec<u8> {
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).expect("an in-memory PDF saves");
    bytes
}

pub fn read(bytes: &[u8]) -> DocumentFacts {
    pdf::read(bytes, &Limits::default()).expect("the built PDF reads")
}

/// The one page of a single-page document with one Helvetica font as /F1.
pub fn one_page_helvetica(content: &str) -> DocumentFacts {
    let mut b = PdfBuilder::new();
    let f1 = b.std14_font("Helvetica");
    let resources = Resources::new().font("F1", f1).build();
    b.page(PageSpec::new(content).resources(resources)).read()
}

#[track_caller]
pub fn assert_near(actual: f64, expected: f64, tolerance: f64, what: &str) {
    assert!(
        (actual - expected).abs() <= tolerance,
        "{what}: got {actual}, expected {expected} ± {tolerance}"
    );
}

/// A position within half a point.
#[track_caller]
pub fn assert_pos(actual: (f64, f64), expected: (f64, f64), what: &str) {
    assert_near(actual.0, expected.0, 0.5, &format!("{what} x"));
    assert_near(actual.1, expected.1, 0.5, &format!("{what} y"));
}

/// A size (font size, width, height) within a hundredth of a point.
#[track_caller]
pub fn assert_size(actual: f64, expected: f64, what: &str) {
    assert_near(actual, expected, 0.01, what);
}

/// A box's corners within half a point.
#[track_caller]
pub fn assert_rect(actual: pdf::Rect, expected: [f64; 4], what: &str) {
    let got = [actual.x0, actual.y0, actual.x1, actual.y1];
    assert!(
        got.iter()
            .zip(expected.iter())
            .all(|(a, e)| (a - e).abs() <= 0.5),
        "{what}: got {got:?}, expected {expected:?} ± 0.5"
    );
}
