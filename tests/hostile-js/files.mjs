// Hostile PDFs for the JS suites, each built here by tests/hostile-js/pdf.mjs and each a
// different way to make a reader spend memory or time: nesting, a flate bomb, a huge page
// tree, a form painted 100 000 times, a predictor whose row is a gigabyte, a document of
// 2000 pages of TJ arrays, 100 000 declared pages, a font name that turns text around.
import { PdfWriter, stream, rawStream, deflatedRepeat, TIMES, pdfString } from "./pdf.mjs";

const TEXT = "BT /F1 10 Tf 108 700 Td (A page of text.) Tj ET";
const F1 = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >> >>";

/** 100 000 arrays inside one another in a content stream and in an object. */
export function deepNesting() {
  const doc = new PdfWriter();
  const depth = 100_000;
  const nested = "[".repeat(depth) + "]".repeat(depth);
  const content = doc.add(stream(`${TEXT}\n${nested} pop\n${"q ".repeat(depth)}${"Q ".repeat(depth)}`, { flate: true }));
  const deep = doc.add(`<< /Deep ${"<< /A ".repeat(depth)}1${" >>".repeat(depth)} /Also ${nested} >>`);
  // A form that paints a form … 2000 deep, and one that paints itself.
  const forms = [];
  for (let i = 0; i < 2000; i++) forms.push(doc.reserve());
  forms.forEach((id, i) => {
    const next = i + 1 < forms.length ? forms[i + 1] : forms[0];
    doc.set(id, stream("/X0 Do", { dict: `/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /X0 ${next} 0 R >> >>` }));
  });
  const paint = doc.add(stream("/X0 Do"));
  doc.page({ content: [content, paint], resources: `<< ${F1} /XObject << /X0 ${forms[0]} 0 R >> /Deep ${deep} 0 R >>` });
  return doc.finish();
}

/** A content stream that inflates to 1 GiB of spaces from about 1 MB. */
export function flateBomb() {
  const doc = new PdfWriter();
  const bomb = doc.add(rawStream(deflatedRepeat(1 << 30), "/Filter /FlateDecode"));
  const text = doc.add(stream(TEXT));
  // Twenty pages share the bomb: the document as a whole, not just one stream, is bounded.
  for (let i = 0; i < 20; i++) doc.page({ content: [text, bomb], resources: TIMES });
  return doc.finish();
}

/** A page tree whose /Kids lists 100 000 direct empty dictionaries, and /Count says so. */
export function hugeKids() {
  const doc = new PdfWriter();
  const kids = "<<>> ".repeat(100_000);
  return doc.finish({ pagesBody: `<< /Type /Pages /Kids [${kids}] /Count 100000 /MediaBox [0 0 612 792] >>` });
}

/** One page that paints one small form 100 000 times (each a few hundred operators). */
export function formPaintedOften() {
  const doc = new PdfWriter();
  const marker = "0 0 m 1 1 l S\n".repeat(100);
  const form = doc.add(stream(marker, { dict: "/Type /XObject /Subtype /Form /BBox [0 0 10 10]", flate: true }));
  const content = doc.add(stream(`${TEXT}\n${"q /M Do Q\n".repeat(100_000)}`, { flate: true }));
  doc.page({ content, resources: `<< ${F1} /XObject << /M ${form} 0 R >> >>` });
  return doc.finish();
}

/** A content stream whose PNG predictor row would be 1 GiB (16777216 columns × 32 colours × 2 bytes). */
export function hugePredictorRow() {
  const doc = new PdfWriter();
  const content = doc.add(
    stream(`${TEXT}\n`.repeat(100), {
      flate: true,
      dict: "/DecodeParms << /Predictor 12 /Columns 16777216 /Colors 32 /BitsPerComponent 16 >>",
    }),
  );
  doc.page({ content, resources: TIMES });
  doc.page({ content, resources: TIMES });
  return doc.finish();
}

/** 2000 pages sharing one content stream of 60 MB of `[(a)-400 (a)-400 …] TJ` arrays. */
export function tjArrays({ pages = 2000, bytes = 60_000_000 } = {}) {
  const doc = new PdfWriter();
  const array = `[${"(a)-400 ".repeat(1000)}] TJ\n`;
  const body = `BT /F1 10 Tf 108 700 Td\n${array.repeat(Math.ceil(bytes / array.length))}ET`;
  const content = doc.add(stream(body, { flate: true }));
  for (let i = 0; i < pages; i++) doc.page({ content, resources: TIMES });
  return doc.finish();
}

/** 100 000 real pages (a two-level page tree), each a line of text from one shared stream. */
export function manyPages(count = 100_000) {
  const doc = new PdfWriter();
  const content = doc.add(stream(TEXT));
  const perNode = 1000;
  const nodes = [];
  for (let start = 0; start < count; start += perNode) {
    const node = doc.reserve();
    const kids = [];
    for (let i = start; i < Math.min(count, start + perNode); i++) {
      kids.push(doc.add(`<< /Type /Page /Parent ${node} 0 R /Contents ${content} 0 R >>`));
    }
    doc.set(node, `<< /Type /Pages /Parent ${doc.pagesId} 0 R /Kids [${kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${kids.length} >>`);
    nodes.push(node);
  }
  return doc.finish({
    pagesBody: `<< /Type /Pages /Kids [${nodes.map((n) => `${n} 0 R`).join(" ")}] /Count ${count} /MediaBox [0 0 612 792] /Resources ${TIMES} >>`,
  });
}

/**
 * A one-page paper whose body font's name holds U+202E (RIGHT-TO-LEFT OVERRIDE): shown as
 * is, it would turn the widget's own words after it around. The name is written as a PDF
 * name with #-escapes (UTF-8), so it reaches the report unchanged.
 */
export const RLO_FONT = "Evil\u202eFont";
/** A font name with ESC `[2J` (clear the screen) and U+009B (CSI): terminal escapes. */
export const ESCAPE_FONT = "Fake\u001b[2J\u009bName";
export function rloFontName(font = RLO_FONT) {
  const doc = new PdfWriter();
  const utf8 = Buffer.from(font, "utf8");
  // Regular characters as they are; `#`, delimiters and the rest as #-escapes (§7.3.5).
  const regular = (b) => b >= 0x21 && b <= 0x7e && !"#()<>[]{}/%".includes(String.fromCharCode(b));
  const name = [...utf8].map((b) => (regular(b) ? String.fromCharCode(b) : `#${b.toString(16).padStart(2, "0")}`)).join("");
  const lines = [];
  for (let y = 700; y > 100; y -= 12) lines.push(`1 0 0 1 108 ${y} Tm ${pdfString("Sparse networks are pruned and trained again and again here.")} Tj`);
  const content = doc.add(stream(`BT /F1 10 Tf ${lines.join("\n")} ET`));
  doc.page({ content, resources: `<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /${name} >> >> >>` });
  return doc.finish();
}

/** The hostile files the package test feeds one after another, by name. */
export const HOSTILE = {
  "deep nesting": deepNesting,
  "a flate bomb (1 GiB of spaces, 20 pages)": flateBomb,
  "100 000 /Kids [<<>> …] entries": hugeKids,
  "a form painted 100 000 times": formPaintedOften,
  "a 1 GiB predictor row": hugePredictorRow,
  "2000 pages of TJ arrays": tjArrays,
  "100 000 declared pages": manyPages,
};
