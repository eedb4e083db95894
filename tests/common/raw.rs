//! PDFs written byte by byte for hostile inputs (shared by `hostile.rs` and
//! `memory.rs`): a raw writer with true cross-reference offsets, and flate data
//! written by hand so that a 65 MB bomb costs a few hundred KB and no compressor.
#![allow(dead_code)]

/// A PDF written byte by byte, for inputs lopdf's writer would refuse or repair:
/// numbered objects in the order given, then a cross-reference section with their true
/// offsets (objects not written are listed free).
pub struct RawPdf {
    bytes: Vec<u8>,
    offsets: Vec<(u32, usize)>,
}

impl RawPdf {
    pub fn new() -> RawPdf {
        RawPdf {
            bytes: b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec(),
            offsets: Vec::new(),
        }
    }

    fn put(&mut self, text: &str) {
        self.bytes.extend_from_slice(text.as_bytes());
    }

    pub fn object(mut self, num: u32, body: impl AsRef<[u8]>) -> RawPdf {
        self.offsets.push((num, self.bytes.len()));
        self.put(&format!("{num} 0 obj\n"));
        self.bytes.extend_from_slice(body.as_ref());
        self.bytes.extend_from_slice(b"\nendobj\n");
        self
    }

    /// A stream object whose /Length is the data's true length.
    pub fn stream(self, num: u32, dict: &str, data: &[u8]) -> RawPdf {
        self.object(
            num,
            stream_body(&format!("{dict} /Length {}", data.len()), data),
        )
    }

    fn size(&self) -> u32 {
        self.offsets.iter().map(|&(n, _)| n).max().unwrap_or(0) + 1
    }

    fn offset_of(&self, num: u32) -> Option<usize> {
        self.offsets
            .iter()
            .find(|&&(n, _)| n == num)
            .map(|&(_, at)| at)
    }

    /// Ends the file with a classic xref table and a trailer holding /Size, /Root 1 0 R
    /// and `trailer_extra`.
    pub fn finish(mut self, trailer_extra: &str) -> Vec<u8> {
        let size = self.size();
        let at = self.bytes.len();
        self.put(&format!("xref\n0 {size}\n0000000000 65535 f \n"));
        for num in 1..size {
            let row = match self.offset_of(num) {
                Some(offset) => format!("{offset:010} 00000 n \n"),
                None => "0000000000 00000 f \n".to_string(),
            };
            self.put(&row);
        }
        self.put(&format!(
            "trailer\n<< /Size {size} /Root 1 0 R {trailer_extra} >>\nstartxref\n{at}\n%%EOF\n"
        ));
        self.bytes
    }

    /// Ends the file with a cross-reference stream (ISO 32000-1 §7.5.8) as the next
    /// object. Its rows are always the true ones in the layout `/W [1 4 2]`; `w_and_index`
    /// says what the dictionary claims (`/W [1 4 2]` for an honest stream).
    pub fn finish_with_xref_stream(self, w_and_index: &str) -> Vec<u8> {
        self.finish_with_xref_stream_listing(&[], w_and_index)
    }

    /// As `finish_with_xref_stream`, with `compressed` objects (number, object stream,
    /// index) listed as in object streams (type 2 rows).
    pub fn finish_with_xref_stream_listing(
        mut self,
        compressed: &[(u32, u32, u16)],
        w_and_index: &str,
    ) -> Vec<u8> {
        let num = self.size();
        let at = self.bytes.len();
        self.offsets.push((num, at));
        let mut rows = vec![0u8, 0, 0, 0, 0, 0xff, 0xff];
        for n in 1..=num {
            let in_stream = compressed.iter().find(|c| c.0 == n);
            match (self.offset_of(n), in_stream) {
                (_, Some(&(_, stream, index))) => {
                    rows.push(2);
                    rows.extend_from_slice(&stream.to_be_bytes());
                    rows.extend_from_slice(&index.to_be_bytes());
                }
                (Some(offset), None) => {
                    rows.push(1);
                    rows.extend_from_slice(&(offset as u32).to_be_bytes());
                    rows.extend_from_slice(&[0, 0]);
                }
                (None, None) => rows.extend_from_slice(&[0; 7]),
            }
        }
        let dict = format!(
            "/Type /XRef /Size {} /Root 1 0 R {w_and_index} /Length {}",
            num + 1,
            rows.len()
        );
        self.put(&format!("{num} 0 obj\n"));
        self.bytes.extend(stream_body(&dict, &rows));
        self.put(&format!("\nendobj\nstartxref\n{at}\n%%EOF\n"));
        self.bytes
    }
}

/// `<< dict >> stream … endstream`, the dictionary written as given (so /Length may lie).
pub fn stream_body(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< {dict} >>\nstream\n").into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\nendstream");
    out
}

/// Writes bits least significant first, as DEFLATE packs them (RFC 1951 §3.1.1).
#[derive(Default)]
struct BitWriter {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter {
    fn bits(&mut self, value: u32, count: u32) {
        self.acc |= u64::from(value) << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code, which DEFLATE packs most significant bit first.
    fn code(&mut self, code: u32, len: u32) {
        self.bits(code.reverse_bits() >> (32 - len), len);
    }

    /// A literal byte in the fixed Huffman code (RFC 1951 §3.2.6).
    fn literal(&mut self, byte: u8) {
        match byte {
            0..=143 => self.code(0x30 + u32::from(byte), 8),
            _ => self.code(0x190 + u32::from(byte) - 144, 9),
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// zlib data (/FlateDecode) that inflates to `prefix` then `zeros` zero bytes, written
/// by hand as one fixed-Huffman block: each further 258 zeros is one 13-bit match at
/// distance 1, so 65 MiB of output costs about 430 KB here and no compressor is needed.
pub fn flate(prefix: &[u8], zeros: usize) -> Vec<u8> {
    let mut w = BitWriter::default();
    w.bits(1, 1); // BFINAL
    w.bits(1, 2); // BTYPE 01: fixed Huffman codes
    for &b in prefix {
        w.literal(b);
    }
    let mut left = zeros;
    if left > 0 {
        w.literal(0);
        left -= 1;
    }
    while left >= 258 {
        w.code(0xC5, 8); // length code 285: 258 bytes
        w.code(0, 5); // distance code 0: distance 1
        left -= 258;
    }
    for _ in 0..left {
        w.literal(0);
    }
    w.code(0, 7); // end of block (256)
    let mut out = vec![0x78, 0x01];
    out.extend(w.finish());
    let (mut a, mut b) = (1u64, 0u64);
    for &x in prefix {
        a = (a + u64::from(x)) % 65521;
        b = (b + a) % 65521;
    }
    b = (b + a * zeros as u64) % 65521;
    out.extend((((b << 16) | a) as u32).to_be_bytes());
    out
}

/// `pages` pages (objects 10…) sharing content stream 4 and the font and forms of
/// `resources`, then `inline_kids` empty dictionaries in the same /Kids.
pub fn pages_sharing(pages: usize, inline_kids: usize, resources: &str, extra: RawPdf) -> Vec<u8> {
    let mut kids: String = (0..pages).map(|i| format!("{} 0 R ", 10 + i)).collect();
    kids.push_str(&"<<>> ".repeat(inline_kids));
    let mut pdf = extra.object(1, "<< /Type /Catalog /Pages 2 0 R >>").object(
        2,
        format!(
            "<< /Type /Pages /Count {} /Kids [{kids}] >>",
            pages + inline_kids
        ),
    );
    for i in 0..pages {
        pdf = pdf.object(
            10 + i as u32,
            format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources {resources} /Contents 4 0 R >>"),
        );
    }
    pdf.finish("")
}
