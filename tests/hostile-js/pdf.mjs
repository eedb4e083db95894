// A tiny PDF writer for the JS tests: objects in, a file with a correct cross-reference
// table out (ISO 32000-1 §7.5). Every hostile file the JS suites feed precheck is built
// here, in the test, from a few lines that say what makes it hostile.
//
//   const doc = new PdfWriter();
//   const content = doc.add(stream("BT /F1 10 Tf 108 700 Td (Hello) Tj ET"));
//   doc.page({ content });
//   const bytes = doc.finish(); // Uint8Array
import { constants, deflateRawSync, deflateSync } from "node:zlib";

const LATIN1 = (s) => Buffer.from(s, "latin1");

/** A stream object's body: a dictionary (text, without `<< >>`) and its data. */
export function stream(data, { dict = "", flate = false } = {}) {
  let bytes = typeof data === "string" ? LATIN1(data) : Buffer.from(data);
  let filter = "";
  if (flate) {
    bytes = deflateSync(bytes, { level: 9 });
    filter = " /Filter /FlateDecode";
  }
  return { dict: `${dict}${filter}`, bytes };
}

/** A stream whose data is already encoded (the dictionary names the filter itself). */
export function rawStream(bytes, dict) {
  return { dict, bytes: Buffer.from(bytes) };
}

/**
 * zlib data that inflates to `size` copies of `byte` (a flate bomb), built from one reused
 * chunk so the test never holds `size` bytes: raw deflate blocks of each chunk, flushed to a
 * byte boundary and concatenated (no block refers back past its own chunk), in a zlib
 * header and the Adler-32 of the whole.
 */
export function deflatedRepeat(size, byte = 0x20, chunk = 1 << 24) {
  const block = Buffer.alloc(Math.min(chunk, size), byte);
  const parts = [Buffer.from([0x78, 0xda])];
  let left = size;
  let last = null;
  while (left > 0) {
    const n = Math.min(left, block.length);
    left -= n;
    const flush = left > 0 ? constants.Z_FULL_FLUSH : constants.Z_FINISH;
    // Every full chunk compresses to the same bytes: deflate it once.
    if (n === block.length && flush === constants.Z_FULL_FLUSH) last ??= deflateRawSync(block, { level: 9, finishFlush: flush });
    parts.push(n === block.length && flush === constants.Z_FULL_FLUSH ? last : deflateRawSync(block.subarray(0, n), { level: 9, finishFlush: flush }));
  }
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler32Repeat(size, byte));
  parts.push(trailer);
  return Buffer.concat(parts);
}

/** Adler-32 (RFC 1950) of `size` copies of `byte`, in closed form. */
function adler32Repeat(size, byte) {
  const M = 65521n;
  const n = BigInt(size);
  const c = BigInt(byte);
  const a = (1n + n * c) % M;
  // b = sum over i = 1..n of (1 + i*c) = n + c*n(n+1)/2
  const b = (n + (c * n * (n + 1n)) / 2n) % M;
  return Number((b << 16n) | a);
}

export class PdfWriter {
  constructor() {
    this.objects = [null]; // object 0 is the free list's head
    this.pagesId = this.reserve(); // 1: the page tree
    this.catalogId = this.reserve(); // 2: the catalog
    this.kids = [];
    this.mediaBox = [0, 0, 612, 792];
    this.resources = null;
  }

  /** Reserves an object number; fill it later with set(). */
  reserve() {
    this.objects.push(undefined);
    return this.objects.length - 1;
  }

  set(id, body) {
    this.objects[id] = body;
    return id;
  }

  /** Adds an object (text, or a stream from stream()) and returns its number. */
  add(body) {
    return this.set(this.reserve(), body);
  }

  /** Adds a page; `content` an object number (or several), `extra` more dictionary text. */
  page({ content, resources, extra = "" } = {}) {
    const contents = content === undefined ? "" : Array.isArray(content) ? ` /Contents [${content.map((c) => `${c} 0 R`).join(" ")}]` : ` /Contents ${content} 0 R`;
    const res = resources === undefined ? "" : ` /Resources ${typeof resources === "number" ? `${resources} 0 R` : resources}`;
    const id = this.add(`<< /Type /Page /Parent ${this.pagesId} 0 R${contents}${res}${extra} >>`);
    this.kids.push(id);
    return id;
  }

  /**
   * Writes the file. `pagesBody` replaces the page tree's dictionary (e.g. a lying /Count
   * or /Kids that are not pages); by default it lists the pages added.
   */
  finish({ pagesBody, resources, info } = {}) {
    if (this.objects[this.pagesId] === undefined) {
      const res = resources ? ` /Resources ${resources}` : "";
      this.set(
        this.pagesId,
        pagesBody ?? `<< /Type /Pages /Kids [${this.kids.map((k) => `${k} 0 R`).join(" ")}] /Count ${this.kids.length} /MediaBox [${this.mediaBox.join(" ")}]${res} >>`,
      );
    }
    this.set(this.catalogId, `<< /Type /Catalog /Pages ${this.pagesId} 0 R >>`);
    const infoId = info ? this.add(info) : null;
    const chunks = [LATIN1("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")];
    let offset = chunks[0].length;
    const offsets = [0];
    for (let id = 1; id < this.objects.length; id++) {
      const body = this.objects[id];
      if (body === undefined) throw new Error(`object ${id} was reserved but never set`);
      const parts =
        typeof body === "string"
          ? [LATIN1(`${id} 0 obj\n${body}\nendobj\n`)]
          : [LATIN1(`${id} 0 obj\n<< /Length ${body.bytes.length}${body.dict ? ` ${body.dict}` : ""} >>\nstream\n`), body.bytes, LATIN1("\nendstream\nendobj\n")];
      offsets.push(offset);
      for (const p of parts) {
        chunks.push(p);
        offset += p.length;
      }
    }
    const xref = [`xref\n0 ${this.objects.length}\n`, "0000000000 65535 f \n"];
    for (let id = 1; id < this.objects.length; id++) xref.push(`${String(offsets[id]).padStart(10, "0")} 00000 n \n`);
    xref.push(`trailer\n<< /Size ${this.objects.length} /Root ${this.catalogId} 0 R${infoId ? ` /Info ${infoId} 0 R` : ""} >>\nstartxref\n${offset}\n%%EOF\n`);
    chunks.push(LATIN1(xref.join("")));
    const out = Buffer.concat(chunks);
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  }
}

/** A Type 1 standard font resource dictionary (text, for /Resources). */
export const TIMES = "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Times-Roman >> >> >>";

/** A PDF string literal for `text` (ASCII and Latin-1), escaped. */
export function pdfString(text) {
  return `(${String(text).replace(/[\\()]/g, (c) => `\\${c}`)})`;
}
