//! A PDF file opened lazily (ISO 32000-1 §7.5, §7.7): the header version, the
//! cross-reference data (rebuilt by scanning when it is missing or wrong), and objects
//! parsed on first use and kept, object streams (§7.5.7) decoded once, stream data
//! decoded on demand with small streams that are read again kept (a form painted
//! thousands of times is inflated once), decryption (§7.6) applied to strings and
//! streams, and the page tree walked (§7.7.3.2).
//!
//! The document borrows the file's bytes: `check()` holds them for the whole read, so
//! nothing is copied, and stream data stays a range into them until decoded.

use super::crypt::{self, Handler};
use super::filter::{self, DecodeError};
use super::object::{Dictionary, Object, ObjectId, Stream};
use super::parse;
use super::xref::{self, Entry, Xref};
use crate::limits::{Limit, Limits};
use crate::pdf::lex::Lexer;
use std::cell::{Cell, OnceCell, RefCell};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Deref;
use std::rc::Rc;

/// Where the `%PDF-` header may start (readers accept leading junk up to here).
const HEADER_WINDOW: usize = 1024;
/// Objects being loaded at once (a stream's /Length in an object stream whose /Length
/// is in another…); deeper is a cycle or an attack.
const MAX_LOADING: usize = 32;
/// Decoded streams read a second time are kept up to this size each…
const CACHE_STREAM_BYTES: usize = 1 << 20;
/// …and this size in all.
const CACHE_TOTAL_BYTES: usize = 8 << 20;
/// Earlier copies of objects tried while rebuilding.
const MAX_REPAIRS: usize = 256;
/// Objects in one object stream read; more is an attack.
const MAX_OBJECTS_PER_STREAM: usize = 100_000;

/// Why a document cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    NotPdf,
    /// The user password is not empty.
    NeedsPassword,
    /// Neither the cross-reference data nor a scan finds a catalog.
    Damaged(String),
}

/// Decoded stream data: the file's own bytes when no filter applies, the decoder's own
/// buffer (never copied: a figure's content can be megabytes), or the cache's copy.
#[derive(Clone, Debug)]
pub enum Bytes<'a> {
    Borrowed(&'a [u8]),
    Owned(Vec<u8>),
    Shared(Rc<[u8]>),
}

impl Deref for Bytes<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Borrowed(b) => b,
            Bytes::Owned(b) => b,
            Bytes::Shared(b) => b,
        }
    }
}

/// An object read once: `None` when it could not be, else its generation and itself.
type Slot = OnceCell<Option<Box<(u16, Object)>>>;

/// Object numbers with their entries and, once read, their objects.
#[derive(Default)]
struct Slots {
    nums: Vec<u32>,
    entries: Vec<Entry>,
    cells: Vec<Slot>,
    /// Where objects start in the file, sorted: an object is read no further than the
    /// next one's start, so a broken object (an unterminated string) cannot make every
    /// read run to the end of the file.
    starts: Vec<usize>,
}

/// The first of the sorted `starts` after `offset`, or `end`.
fn next_start(starts: &[usize], offset: usize, end: usize) -> usize {
    let i = starts.partition_point(|&s| s <= offset);
    starts.get(i).copied().unwrap_or(end).min(end)
}

impl Slots {
    fn new(entries: BTreeMap<u32, Entry>) -> Slots {
        let (nums, entries): (Vec<u32>, Vec<Entry>) = entries.into_iter().unzip();
        let cells = nums.iter().map(|_| OnceCell::new()).collect();
        let mut starts: Vec<usize> = entries
            .iter()
            .filter_map(|e| match *e {
                Entry::InFile { offset, .. } => Some(offset),
                _ => None,
            })
            .collect();
        starts.sort_unstable();
        starts.dedup();
        Slots {
            nums,
            entries,
            cells,
            starts,
        }
    }

    fn find(&self, num: u32) -> Option<(Entry, &Slot)> {
        let i = self.nums.binary_search(&num).ok()?;
        Some((*self.entries.get(i)?, self.cells.get(i)?))
    }

    fn clear(&mut self) {
        self.cells.iter_mut().for_each(|c| *c = OnceCell::new());
    }
}

/// An object stream's decoded data and where each of its objects starts.
struct ObjectStream {
    data: Vec<u8>,
    offsets: Vec<(u32, usize)>,
    /// The offsets sorted, to bound each object's read.
    starts: Vec<usize>,
}

#[derive(Default)]
struct Cache {
    streams: BTreeMap<ObjectId, Rc<[u8]>>,
    bytes: usize,
    seen: BTreeSet<ObjectId>,
}

/// A page in the page tree: its dictionary, if it can be read.
#[derive(Clone, Copy, Debug)]
pub struct PageNode<'d> {
    pub dict: Option<&'d Dictionary>,
}

/// The pages of the page tree: the first ones, in order, and how many there are.
#[derive(Debug)]
pub struct PageTree<'d> {
    pub kept: Vec<PageNode<'d>>,
    pub count: usize,
}

impl<'d> PageTree<'d> {
    fn push(&mut self, node: PageNode<'d>, keep: usize) {
        if self.kept.len() < keep {
            self.kept.push(node);
        }
        self.count = self.count.saturating_add(1);
    }
}

pub struct Document<'a> {
    data: &'a [u8],
    /// The header's version, `1.7`.
    pub version: String,
    /// The trailers merged, newest first.
    pub trailer: Dictionary,
    stream_bytes: usize,
    max_objects: usize,
    nesting: usize,
    table: Slots,
    /// Objects found by scanning, for entries that point nowhere (built on first need).
    scan: OnceCell<Slots>,
    rebuilt: bool,
    object_streams: RefCell<BTreeMap<u32, Option<Rc<ObjectStream>>>>,
    loading: RefCell<Vec<u32>>,
    cache: RefCell<Cache>,
    crypt: Option<Handler>,
    /// The /Encrypt dictionary's object, whose strings are never encrypted.
    encrypt_num: Option<u32>,
    hit: RefCell<BTreeSet<Limit>>,
    /// Values the document's objects may still parse (`Limits::values`).
    values: Cell<u64>,
    values_budget: u64,
    /// Bytes decoded so far, every decoding counted, and the budget for them.
    decoded: Cell<u64>,
    decoded_budget: u64,
    /// Streams that passed a limit when decoded, with the largest limit they passed:
    /// painted again, they fail at once instead of being inflated again.
    over_limit: RefCell<BTreeMap<ObjectId, usize>>,
    /// Where `endstream` and `endobj` were found, for streams whose /Length lies.
    keywords: RefCell<(parse::Occurrences, parse::Occurrences)>,
    /// Object streams a rebuilding scan found, whose objects are added once the
    /// file's encryption is known.
    pending_object_streams: Vec<u32>,
}

/// The version after `%PDF-`, and where the header starts.
fn header(data: &[u8]) -> Option<(usize, String)> {
    let head = data.get(..data.len().min(HEADER_WINDOW))?;
    let at = head.windows(5).position(|w| w == b"%PDF-")?;
    let version = data
        .get(at.saturating_add(5)..)?
        .iter()
        .take(8)
        .take_while(|b| b.is_ascii_digit() || **b == b'.')
        .map(|&b| char::from(b))
        .collect();
    Some((at, version))
}

impl<'a> Document<'a> {
    pub fn open(data: &'a [u8], limits: &Limits) -> Result<Document<'a>, OpenError> {
        let (_, version) = header(data).ok_or(OpenError::NotPdf)?;
        let mut doc = Document {
            data,
            version,
            trailer: Dictionary::new(),
            stream_bytes: limits.stream_bytes,
            max_objects: limits.objects,
            nesting: limits.nesting,
            table: Slots::default(),
            scan: OnceCell::new(),
            rebuilt: false,
            object_streams: RefCell::new(BTreeMap::new()),
            loading: RefCell::new(Vec::new()),
            cache: RefCell::new(Cache::default()),
            crypt: None,
            encrypt_num: None,
            hit: RefCell::new(BTreeSet::new()),
            values: Cell::new(limits.values),
            values_budget: limits.values,
            decoded: Cell::new(0),
            decoded_budget: limits.decoded_bytes,
            over_limit: RefCell::new(BTreeMap::new()),
            keywords: RefCell::new(Default::default()),
            pending_object_streams: Vec::new(),
        };
        let xref = xref::startxref(data)
            .and_then(|at| xref::read(data, at, limits.objects, limits.stream_bytes))
            .filter(|x| x.trailer.has(b"Root"));
        match xref {
            Some(x) => doc.install(x),
            None => doc.rebuild(),
        }
        if doc.catalog().is_none() && !doc.rebuilt {
            doc.rebuild();
        }
        doc.decrypt_setup()?;
        if doc.rebuilt {
            doc.add_compressed_from_scan();
        }
        if doc.catalog().is_none() {
            doc.find_catalog();
        }
        if doc.catalog().is_none() {
            return Err(OpenError::Damaged(
                "no document catalog found, even by scanning the file".into(),
            ));
        }
        Ok(doc)
    }

    fn install(&mut self, x: Xref) {
        if x.over_limit {
            self.hit.get_mut().insert(Limit::Objects);
        }
        self.trailer = x.trailer;
        self.table = Slots::new(x.entries);
    }

    /// Replaces the cross-reference data with what a scan of the file finds: the last
    /// `N G obj` of each number, and the trailers merged from the last one back.
    fn rebuild(&mut self) {
        let scan = xref::scan(self.data, self.max_objects);
        let mut trailer = Dictionary::new();
        for t in scan.trailers.iter().rev() {
            for (k, v) in t.iter() {
                if k != b"Prev" && k != b"XRefStm" {
                    trailer.insert_if_absent(k.to_vec(), v.clone());
                }
            }
        }
        for (k, v) in self.trailer.iter() {
            trailer.insert_if_absent(k.to_vec(), v.clone());
        }
        if scan.objects.len() >= self.max_objects {
            self.hit.get_mut().insert(Limit::Objects);
        }
        let mut objects = scan.objects;
        // A number written again later whose last copy does not parse (a fragment, a
        // fuzzed object) keeps the latest copy that does; a bounded number of copies
        // is tried, since each parse may run far in a hostile file.
        let mut reads: BTreeMap<u32, bool> = BTreeMap::new();
        let mut tries = 0usize;
        for &(num, offset, generation) in scan.earlier.iter().rev() {
            if tries >= MAX_REPAIRS {
                break;
            }
            let data = self.data;
            let bounds = parse::Bounds::new(self.nesting, &self.values);
            let last_reads = *reads.entry(num).or_insert_with(|| {
                tries = tries.saturating_add(1);
                objects
                    .get(&num)
                    .and_then(|&(at, _)| parse::indirect(data, at, bounds))
                    .is_some()
            });
            if last_reads {
                continue;
            }
            tries = tries.saturating_add(1);
            if parse::indirect(data, offset, bounds).is_some() {
                objects.insert(num, (offset, generation));
                reads.insert(num, true);
            }
        }
        let entries = objects
            .iter()
            .map(|(&n, &(offset, generation))| (n, Entry::InFile { offset, generation }))
            .collect();
        self.trailer = trailer;
        self.table = Slots::new(entries);
        self.rebuilt = true;
        self.pending_object_streams = scan.object_streams;
    }

    /// Adds the objects of the object streams a rebuilding scan found, where no direct
    /// object of the same number was found.
    fn add_compressed_from_scan(&mut self) {
        let mut added: BTreeMap<u32, Entry> = BTreeMap::new();
        for &stream in &self.pending_object_streams {
            let Some(stm) = self.object_stream(stream) else {
                continue;
            };
            for (index, &(num, _)) in stm.offsets.iter().enumerate() {
                let Ok(index) = u32::try_from(index) else {
                    break;
                };
                // A direct object of the same number wins, unless it does not parse.
                let direct_reads = self.table.find(num).is_some()
                    && self.get((num, self.generation_of(num))).is_some();
                if !direct_reads && num != stream {
                    added
                        .entry(num)
                        .or_insert(Entry::InStream { stream, index });
                }
            }
        }
        if added.is_empty() {
            return;
        }
        let mut entries: BTreeMap<u32, Entry> = self
            .table
            .nums
            .iter()
            .copied()
            .zip(self.table.entries.iter().copied())
            .collect();
        for (num, e) in added {
            if entries.len() >= self.max_objects {
                self.hit.get_mut().insert(Limit::Objects);
                break;
            }
            entries.insert(num, e);
        }
        self.table = Slots::new(entries);
        self.object_streams.get_mut().clear();
    }

    /// With no usable /Root, the first dictionary of /Type /Catalog with /Pages.
    fn find_catalog(&mut self) {
        let found = self.table.nums.iter().copied().find(|&num| {
            self.get((num, self.generation_of(num)))
                .and_then(Object::as_dict)
                .is_some_and(|d| d.name(b"Type") == Some(b"Catalog") && d.has(b"Pages"))
        });
        if let Some(num) = found {
            let generation = self.generation_of(num);
            self.trailer = {
                let mut t = Dictionary::new();
                t.insert(b"Root".to_vec(), Object::Reference((num, generation)));
                for (k, v) in self.trailer.iter() {
                    t.insert_if_absent(k.to_vec(), v.clone());
                }
                t
            };
        }
    }

    fn generation_of(&self, num: u32) -> u16 {
        match self.table.find(num) {
            Some((Entry::InFile { generation, .. }, _)) => generation,
            _ => 0,
        }
    }

    /// The bounds of one object's parse: the nesting limit and the document's budget.
    fn bounds(&self) -> parse::Bounds<'_> {
        parse::Bounds::new(self.nesting, &self.values)
    }

    /// Notes the value budget as reached once it is spent (a parse then fails).
    fn note_values(&self) {
        if self.values.get() == 0 {
            self.hit.borrow_mut().insert(Limit::Values);
        }
    }

    /// Sets up decryption when the trailer has /Encrypt: only the empty user password
    /// is tried.
    fn decrypt_setup(&mut self) -> Result<(), OpenError> {
        let Some(enc_ref) = self.trailer.get(b"Encrypt") else {
            return Ok(());
        };
        if matches!(enc_ref, Object::Null) {
            return Ok(());
        }
        let encrypt_num = match enc_ref {
            Object::Reference(id) => Some(id.0),
            _ => None,
        };
        let dict = self.resolve(enc_ref).and_then(Object::as_dict).cloned();
        let id0 = match self.trailer.get(b"ID").and_then(|o| self.resolve(o)) {
            Some(Object::Array(a)) => match a.first().and_then(|o| self.resolve(o)) {
                Some(Object::String(s)) => s.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        };
        let dict = dict.ok_or(OpenError::NeedsPassword)?;
        let handler = crypt::Handler::new(&dict, &id0).ok_or(OpenError::NeedsPassword)?;
        self.crypt = Some(handler);
        self.encrypt_num = encrypt_num;
        // Objects read so far were read without decryption.
        self.table.clear();
        self.scan = OnceCell::new();
        self.object_streams.get_mut().clear();
        Ok(())
    }

    /// Limits reached while reading objects (object streams over the stream limit, more
    /// objects than the object limit), in order.
    pub fn limits_hit(&self) -> Vec<Limit> {
        self.hit.borrow().iter().copied().collect()
    }

    /// The object `id`, read on first use; `None` when it is free, missing, unreadable,
    /// of another generation, or being read already (a cycle).
    pub fn get(&self, id: ObjectId) -> Option<&Object> {
        let (num, generation) = id;
        if let Some((entry, cell)) = self.table.find(num) {
            let stored = match cell.get() {
                Some(v) => v.as_deref(),
                None => {
                    let loaded = self
                        .guarded(num, || self.load(num, entry, &self.table.starts))
                        .ok()?;
                    let _ = cell.set(loaded.map(Box::new));
                    cell.get().and_then(|v| v.as_deref())
                }
            };
            match stored {
                Some((g, obj)) if *g == generation => return Some(obj),
                Some(_) => return None,
                None if entry == Entry::Free => return None,
                None => {}
            }
        }
        // The entry is missing or points at something else: look where a scan found it.
        if self.rebuilt {
            return None;
        }
        let scan = self.scan_slots()?;
        let (entry, cell) = scan.find(num)?;
        let stored = match cell.get() {
            Some(v) => v.as_deref(),
            None => {
                let loaded = self
                    .guarded(num, || self.load(num, entry, &scan.starts))
                    .ok()?;
                let _ = cell.set(loaded.map(Box::new));
                cell.get().and_then(|v| v.as_deref())
            }
        };
        match stored {
            Some((g, obj)) if *g == generation => Some(obj),
            _ => None,
        }
    }

    fn scan_slots(&self) -> Option<&Slots> {
        if self.scan.get().is_none() {
            let scan = xref::scan(self.data, self.max_objects);
            let entries = scan
                .objects
                .into_iter()
                .map(|(n, (offset, generation))| (n, Entry::InFile { offset, generation }))
                .collect();
            let _ = self.scan.set(Slots::new(entries));
        }
        self.scan.get()
    }

    /// Runs `f` with `num` marked as being loaded; `Err` if it already is (a cycle) or
    /// too many loads are nested, so that the object is not remembered as unreadable.
    fn guarded<T>(&self, num: u32, f: impl FnOnce() -> Option<T>) -> Result<Option<T>, ()> {
        {
            let mut loading = self.loading.borrow_mut();
            if loading.contains(&num) || loading.len() >= MAX_LOADING {
                return Err(());
            }
            loading.push(num);
        }
        let out = f();
        self.loading.borrow_mut().retain(|&n| n != num);
        Ok(out)
    }

    fn load(&self, num: u32, entry: Entry, starts: &[usize]) -> Option<(u16, Object)> {
        let loaded = self.load_entry(num, entry, starts);
        if loaded.is_none() {
            self.note_values();
        }
        loaded
    }

    fn load_entry(&self, num: u32, entry: Entry, starts: &[usize]) -> Option<(u16, Object)> {
        match entry {
            Entry::Free => None,
            Entry::InFile { offset, .. } => self.load_at(num, offset, starts),
            Entry::InStream { stream, index } => {
                let stm = self.object_stream(stream)?;
                let at = match stm.offsets.get(usize::try_from(index).ok()?) {
                    Some(&(n, at)) if n == num => at,
                    _ => stm.offsets.iter().find(|&&(n, _)| n == num)?.1,
                };
                let end = next_start(&stm.starts, at, stm.data.len());
                let mut lx = Lexer::at(stm.data.get(..end)?, at);
                Some((0, parse::object(&mut lx, self.bounds())?))
            }
        }
    }

    /// Reads `num G obj` at `offset`: its strings decrypted, a stream's extent found.
    fn load_at(&self, num: u32, offset: usize, starts: &[usize]) -> Option<(u16, Object)> {
        let end = next_start(starts, offset, self.data.len());
        let ind = parse::indirect(self.data.get(..end)?, offset, self.bounds())?;
        if ind.id.0 != num {
            return None;
        }
        let generation = ind.id.1;
        let mut object = ind.object;
        if let Some(crypt) = &self.crypt
            && self.encrypt_num != Some(num)
            && !is_xref_stream(&object, ind.stream_start.is_some())
        {
            decrypt_strings(crypt, ind.id, &mut object, self.nesting);
        }
        let Some(start) = ind.stream_start else {
            return Some((generation, object));
        };
        let Object::Dictionary(dict) = object else {
            return Some((generation, object));
        };
        let length = dict
            .get(b"Length")
            .and_then(|o| self.resolve(o))
            .and_then(Object::as_i64)
            .and_then(|l| usize::try_from(l).ok());
        let end = {
            let mut found = self.keywords.borrow_mut();
            let (endstream, endobj) = &mut *found;
            let data = self.data;
            parse::stream_end(data, start, length, &mut |needle, from| {
                let memo = if needle == b"endstream" {
                    &mut *endstream
                } else {
                    &mut *endobj
                };
                memo.first_from(data, needle, from)
            })
        };
        Some((
            generation,
            Object::Stream(Stream {
                dict,
                data: start..end.max(start),
                id: ind.id,
            }),
        ))
    }

    /// Object stream `num`, decoded and its header read on first use.
    fn object_stream(&self, num: u32) -> Option<Rc<ObjectStream>> {
        if let Some(s) = self.object_streams.borrow().get(&num) {
            return s.clone();
        }
        let loaded = self.load_object_stream(num).map(Rc::new);
        self.object_streams.borrow_mut().insert(num, loaded.clone());
        loaded
    }

    fn load_object_stream(&self, num: u32) -> Option<ObjectStream> {
        let Some(Object::Stream(s)) = self.get((num, self.generation_of(num))) else {
            return None;
        };
        let data = match self.decode(s) {
            Ok(d) => d.to_vec(),
            Err(DecodeError::Limit(limit)) => {
                self.hit.borrow_mut().insert(limit);
                return None;
            }
            Err(DecodeError::Unsupported) => return None,
        };
        let int = |k: &[u8]| {
            s.dict
                .get(k)
                .and_then(|o| self.resolve(o))
                .and_then(Object::as_i64)
                .and_then(|v| usize::try_from(v).ok())
        };
        let n = int(b"N")?.min(MAX_OBJECTS_PER_STREAM);
        let first = int(b"First")?;
        let mut lx = Lexer::new(&data);
        let mut offsets = Vec::with_capacity(n.min(4096));
        for _ in 0..n {
            let pair = parse::Bounds::new(1, &self.values);
            let (Some(Object::Integer(obj)), Some(Object::Integer(at))) =
                (parse::object(&mut lx, pair), parse::object(&mut lx, pair))
            else {
                break;
            };
            let (Ok(obj), Ok(at)) = (u32::try_from(obj), usize::try_from(at)) else {
                break;
            };
            offsets.push((obj, first.saturating_add(at)));
        }
        let mut starts: Vec<usize> = offsets.iter().map(|&(_, at)| at).collect();
        starts.sort_unstable();
        Some(ObjectStream {
            data,
            offsets,
            starts,
        })
    }

    /// Follows a reference (a few in a row at most) to a direct object.
    pub fn resolve<'d>(&'d self, mut obj: &'d Object) -> Option<&'d Object> {
        for _ in 0..MAX_REF_CHAIN {
            match obj {
                Object::Reference(id) => obj = self.get(*id)?,
                _ => return Some(obj),
            }
        }
        None
    }

    /// The document catalog (§7.7.2).
    pub fn catalog(&self) -> Option<&Dictionary> {
        let root = self.trailer.get(b"Root")?;
        self.resolve(root)?.as_dict()
    }

    /// The stream's data with its filters undone (and decrypted), at most `limit` bytes,
    /// and within what is left of the document's decoding budget.
    pub fn decode_with_limit(&self, s: &Stream, limit: usize) -> Result<Bytes<'a>, DecodeError> {
        if let Some(hit) = self.cache.borrow().streams.get(&s.id) {
            return if hit.len() <= limit {
                Ok(Bytes::Shared(Rc::clone(hit)))
            } else {
                Err(DecodeError::Limit(Limit::StreamBytes))
            };
        }
        if self
            .over_limit
            .borrow()
            .get(&s.id)
            .is_some_and(|&passed| limit <= passed)
        {
            return Err(DecodeError::Limit(Limit::StreamBytes));
        }
        let raw = self.data.get(s.data.clone()).unwrap_or_default();
        let filters =
            filter::filters_of(&s.dict, &|o| self.resolve(o)).ok_or(DecodeError::Unsupported)?;
        // What the document may still decode; a stream that would pass it ends the
        // decoding of the whole document, not just this stream.
        let left = self.decoded_budget.saturating_sub(self.decoded.get());
        let left = usize::try_from(left).unwrap_or(usize::MAX);
        let budgeted = limit.min(left);
        let over = |passed: usize| {
            if budgeted < limit {
                self.hit.borrow_mut().insert(Limit::DecodedBytes);
                DecodeError::Limit(Limit::DecodedBytes)
            } else {
                let mut known = self.over_limit.borrow_mut();
                let entry = known.entry(s.id).or_insert(0);
                *entry = (*entry).max(passed);
                DecodeError::Limit(Limit::StreamBytes)
            }
        };
        let decrypted = match &self.crypt {
            Some(c) if self.stream_is_encrypted(s) => Some(c.decrypt_stream(s.id, raw)),
            _ => None,
        };
        if filters.is_empty() {
            return match decrypted {
                None if raw.len() <= limit => Ok(Bytes::Borrowed(raw)),
                Some(d) if d.len() <= budgeted => {
                    self.count_decoded(d.len());
                    Ok(Bytes::Owned(d))
                }
                _ => Err(over(limit)),
            };
        }
        let input = decrypted.as_deref().unwrap_or(raw);
        let out = match filter::decode(input, &filters, budgeted) {
            Ok(out) => out,
            Err(DecodeError::Limit(_)) => {
                // What was inflated before the limit stopped it counts too.
                self.count_decoded(budgeted);
                return Err(over(budgeted));
            }
            Err(e) => return Err(e),
        };
        self.count_decoded(out.len());
        let mut cache = self.cache.borrow_mut();
        let room = cache.bytes.saturating_add(out.len()) <= CACHE_TOTAL_BYTES;
        if !cache.seen.insert(s.id) && out.len() <= CACHE_STREAM_BYTES && room {
            let shared: Rc<[u8]> = out.into();
            cache.bytes = cache.bytes.saturating_add(shared.len());
            cache.streams.insert(s.id, Rc::clone(&shared));
            return Ok(Bytes::Shared(shared));
        }
        Ok(Bytes::Owned(out))
    }

    fn count_decoded(&self, bytes: usize) {
        self.decoded
            .set(self.decoded.get().saturating_add(bytes as u64));
    }

    /// Bytes decoded so far, each decoding counted.
    pub fn decoded_bytes(&self) -> u64 {
        self.decoded.get()
    }

    /// Values parsed so far from the document's objects.
    pub fn values_parsed(&self) -> u64 {
        self.values_budget.saturating_sub(self.values.get())
    }

    /// The stream's data decoded, at most the stream limit.
    pub fn decode(&self, s: &Stream) -> Result<Bytes<'a>, DecodeError> {
        self.decode_with_limit(s, self.stream_bytes)
    }

    /// Cross-reference streams, and metadata when /EncryptMetadata is false, are stored
    /// in the clear (§7.6.1, §7.6.5); so is a stream whose /Crypt filter is Identity.
    fn stream_is_encrypted(&self, s: &Stream) -> bool {
        if s.dict.name(b"Type") == Some(b"XRef") || self.encrypt_num == Some(s.id.0) {
            return false;
        }
        if s.dict.name(b"Type") == Some(b"Metadata")
            && self.crypt.as_ref().is_some_and(|c| !c.encrypt_metadata())
        {
            return false;
        }
        let identity = filter::filters_of(&s.dict, &|o| self.resolve(o))
            .unwrap_or_default()
            .iter()
            .any(|(name, parms)| {
                name == b"Crypt"
                    && parms
                        .as_ref()
                        .and_then(|p| p.name(b"Name"))
                        .is_none_or(|n| n == b"Identity")
            });
        !identity
    }

    /// The pages in order (§7.7.3.2): each object once however the tree loops, nodes
    /// nested at most `max_depth` deep, a chain of last children walked without
    /// growing the stack.
    pub fn pages(&self, max_depth: usize, keep: usize) -> PageTree<'_> {
        let mut out = PageTree {
            kept: Vec::new(),
            count: 0,
        };
        let Some(root) = self.catalog().and_then(|c| c.get(b"Pages")) else {
            return out;
        };
        let mut visited: BTreeSet<ObjectId> = BTreeSet::new();
        let mut stack: Vec<std::slice::Iter<'_, Object>> = Vec::new();
        let mut next: Option<&Object> = Some(root);
        let mut at_root = true;
        loop {
            let node = match next.take() {
                Some(n) => n,
                None => {
                    let Some(top) = stack.last_mut() else { break };
                    match top.next() {
                        Some(n) => n,
                        None => {
                            stack.pop();
                            continue;
                        }
                    }
                }
            };
            let id = match node {
                Object::Reference(id) => {
                    if !visited.insert(*id) {
                        continue;
                    }
                    Some(*id)
                }
                _ => None,
            };
            let dict = self.resolve(node).and_then(Object::as_dict);
            let is_root = std::mem::replace(&mut at_root, false);
            let Some(dict) = dict else {
                // A page the tree lists but that cannot be read is still a page (it
                // counts, and is named as unreadable); a root that cannot be read is no
                // tree.
                if !is_root && id.is_some() {
                    out.push(PageNode { dict: None }, keep);
                }
                continue;
            };
            let kids = match dict.get(b"Kids").and_then(|k| self.resolve(k)) {
                Some(Object::Array(kids)) => Some(kids),
                _ => None,
            };
            match kids {
                Some(kids) => {
                    // A finished node is dropped before its last child is entered.
                    if stack.last().is_some_and(|t| t.len() == 0) {
                        stack.pop();
                    }
                    if stack.len() < max_depth {
                        stack.push(kids.iter());
                    }
                }
                None if dict.name(b"Type") == Some(b"Pages") => {}
                None => out.push(PageNode { dict: Some(dict) }, keep),
            }
        }
        out
    }
}

/// References followed in a row before giving up (longer is a cycle or an attack).
const MAX_REF_CHAIN: usize = 16;

fn is_xref_stream(object: &Object, is_stream: bool) -> bool {
    is_stream && object.as_dict().and_then(|d| d.name(b"Type")) == Some(b"XRef")
}

/// Decrypts every string inside an indirect object, at most `depth` levels down.
fn decrypt_strings(crypt: &Handler, id: ObjectId, obj: &mut Object, depth: usize) {
    let Some(inner) = depth.checked_sub(1) else {
        return;
    };
    match obj {
        Object::String(s) => *s = crypt.decrypt_string(id, s),
        Object::Array(items) => items
            .iter_mut()
            .for_each(|o| decrypt_strings(crypt, id, o, inner)),
        Object::Dictionary(d) => d
            .values_mut()
            .for_each(|o| decrypt_strings(crypt, id, o, inner)),
        Object::Stream(s) => s
            .dict
            .values_mut()
            .for_each(|o| decrypt_strings(crypt, id, o, inner)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Objects written in order, then a classic table with their true offsets (numbers
    /// not written are free) and a trailer with `trailer`.
    fn pdf(objects: &[(u32, &str)], trailer: &str) -> Vec<u8> {
        let mut out = b"%PDF-1.6\n".to_vec();
        let mut offsets = BTreeMap::new();
        for &(num, body) in objects {
            offsets.insert(num, out.len());
            out.extend(format!("{num} 0 obj\n{body}\nendobj\n").bytes());
        }
        let size = offsets.keys().max().map_or(1, |m| m + 1);
        let at = out.len();
        out.extend(format!("xref\n0 {size}\n0000000000 65535 f \n").bytes());
        for n in 1..size {
            out.extend(
                match offsets.get(&n) {
                    Some(o) => format!("{o:010} 00000 n \n"),
                    None => "0000000000 00000 f \n".into(),
                }
                .bytes(),
            );
        }
        out.extend(
            format!("trailer\n<< /Size {size} {trailer} >>\nstartxref\n{at}\n%%EOF\n").bytes(),
        );
        out
    }

    const CATALOG: (u32, &str) = (1, "<< /Type /Catalog /Pages 2 0 R >>");
    const PAGES: (u32, &str) = (2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    const PAGE: (u32, &str) = (3, "<< /Type /Page /Parent 2 0 R /Contents 4 0 R >>");

    fn open(data: &[u8]) -> Document<'_> {
        Document::open(data, &Limits::default()).expect("the document opens")
    }

    fn text(doc: &Document<'_>, id: ObjectId) -> Vec<u8> {
        match doc.get(id) {
            Some(Object::Stream(s)) => doc.decode(s).map(|b| b.to_vec()).unwrap_or_default(),
            Some(Object::String(s)) => s.clone(),
            other => panic!("{id:?}: {other:?}"),
        }
    }

    #[test]
    fn objects_are_read_on_first_use_and_kept() {
        let data = pdf(
            &[
                CATALOG,
                PAGES,
                PAGE,
                (4, "<< /Length 5 >>\nstream\nHello\nendstream"),
                (5, "[1 2 NaN]"),
            ],
            "/Root 1 0 R",
        );
        let doc = open(&data);
        assert_eq!(doc.version, "1.6");
        let read = |d: &Document<'_>| d.table.cells.iter().filter(|c| c.get().is_some()).count();
        // Opening read the catalog only; the broken object 5 did not stop it.
        assert_eq!(read(&doc), 1);
        assert_eq!(text(&doc, (4, 0)), b"Hello");
        assert!(std::ptr::eq(
            doc.get((4, 0)).unwrap(),
            doc.get((4, 0)).unwrap()
        ));
        assert_eq!(read(&doc), 2);
        assert_eq!(doc.get((5, 0)), None);
        // Another generation, a free entry and a number never written are nothing.
        assert_eq!(doc.get((4, 1)), None);
        assert_eq!(doc.get((6, 0)), None);
        assert_eq!(doc.get((0, 65535)), None);
    }

    #[test]
    fn lengths_direct_indirect_and_lying() {
        let data = pdf(
            &[
                CATALOG,
                (4, "<< /Length 6 0 R >>\nstream\nabc\nendstream"),
                (5, "<< /Length 99 >>\nstream\r\nabcd\r\nendstream"),
                (6, "3"),
                (7, "<< /Length -1 >>\nstream\nxy\nendstream"),
                (8, "<< /Length 8 0 R >>\nstream\nself\nendstream"),
            ],
            "/Root 1 0 R",
        );
        let doc = open(&data);
        assert_eq!(text(&doc, (4, 0)), b"abc");
        assert_eq!(text(&doc, (5, 0)), b"abcd");
        assert_eq!(text(&doc, (7, 0)), b"xy");
        // A /Length that refers to its own stream is a cycle, recovered like a lie.
        assert_eq!(text(&doc, (8, 0)), b"self");
    }

    #[test]
    fn an_object_is_read_no_further_than_the_next_one() {
        let data = pdf(
            &[
                CATALOG,
                (4, "[(unterminated"),
                (5, "(five)"),
                (6, "(six"),
                (7, "(seven)"),
            ],
            "/Root 1 0 R",
        );
        let doc = open(&data);
        // The broken array stops where object 5 starts, and swallows nothing after it.
        assert_eq!(doc.get((4, 0)), None);
        assert_eq!(text(&doc, (5, 0)), b"five");
        // An unterminated string ends where the next object starts.
        assert_eq!(text(&doc, (6, 0)), b"six\nendobj\n");
        assert_eq!(text(&doc, (7, 0)), b"seven");
    }

    #[test]
    fn a_wrong_offset_is_found_where_a_scan_finds_the_object() {
        let mut data = pdf(&[CATALOG, PAGES, PAGE, (4, "(four)")], "/Root 1 0 R");
        // Object 4's row points at object 1.
        let file = String::from_utf8_lossy(&data).into_owned();
        let rows: Vec<&str> = file.lines().filter(|l| l.ends_with(" n ")).collect();
        let (first, fourth) = (rows[0].to_string(), rows[3].to_string());
        let at = file.find(&fourth).expect("the row");
        data.splice(at..at + first.len(), first.bytes());
        let doc = open(&data);
        assert!(!doc.rebuilt);
        assert_eq!(text(&doc, (4, 0)), b"four");
        assert_eq!(doc.pages(32, usize::MAX).count, 1);
    }

    #[test]
    fn a_file_without_cross_reference_data_is_rebuilt() {
        let data = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [3 0 R] >> endobj\n3 0 obj << /Type /Page >> endobj\n4 0 obj (old) endobj\n4 0 obj (new) endobj\ntrailer << /Root 1 0 R /Info 4 0 R >>\n";
        let doc = open(data);
        assert!(doc.rebuilt);
        assert_eq!(doc.trailer.get(b"Info"), Some(&Object::Reference((4, 0))));
        assert_eq!(text(&doc, (4, 0)), b"new");
        assert_eq!(doc.pages(32, usize::MAX).count, 1);
        // No trailer at all: the catalog is found by its /Type.
        let cut = &data[..data.len() - 40];
        let doc = open(cut);
        assert!(doc.catalog().is_some());
        assert_eq!(doc.pages(32, usize::MAX).count, 1);
        // Nothing to find.
        assert!(matches!(
            Document::open(b"%PDF-1.7\ngarbage", &Limits::default()),
            Err(OpenError::Damaged(_))
        ));
        assert_eq!(
            Document::open(b"no header", &Limits::default()).err(),
            Some(OpenError::NotPdf)
        );
    }

    /// An object stream holding objects 2 and 3 (uncompressed), as object 5.
    const OBJSTM: &str = "<< /Type /ObjStm /N 2 /First 10 /Length 84 >>\nstream\n2 0 3 42 \n<< /Type /Pages /Kids [3 0 R] /Count 1 >> << /Type /Page /Parent 2 0 R >>\nendstream";

    #[test]
    fn objects_in_object_streams_through_a_cross_reference_stream() {
        let mut data = b"%PDF-1.5\n".to_vec();
        let one = data.len();
        data.extend(b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n");
        let five = data.len();
        data.extend(format!("5 0 obj {OBJSTM} endobj\n").bytes());
        let six = data.len();
        // Rows in /W [1 2 1]: 1 at `one`, 2 and 3 in stream 5, 5 at `five`, 6 here.
        let mut rows = vec![0u8, 0, 0, 255];
        for (t, a, b) in [
            (1, one, 0),
            (2, 5, 0),
            (2, 5, 1),
            (0, 0, 0),
            (1, five, 0),
            (1, six, 0),
        ] {
            rows.push(t);
            rows.extend_from_slice(&(a as u16).to_be_bytes());
            rows.push(b);
        }
        data.extend(
            format!(
                "6 0 obj << /Type /XRef /Size 7 /W [1 2 1] /Root 1 0 R /Length {} >>\nstream\n",
                rows.len()
            )
            .bytes(),
        );
        data.extend(&rows);
        data.extend(format!("\nendstream endobj\nstartxref\n{six}\n%%EOF\n").bytes());
        let doc = open(&data);
        assert!(!doc.rebuilt);
        let pages = doc.pages(32, usize::MAX).kept;
        assert_eq!(pages.len(), 1);
        assert_eq!(
            pages[0].dict.and_then(|d| d.name(b"Type")),
            Some(&b"Page"[..])
        );
        assert_eq!(doc.object_streams.borrow().len(), 1);
    }

    #[test]
    fn objects_in_object_streams_found_by_a_rebuild() {
        let data = format!(
            "%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n5 0 obj {OBJSTM} endobj\ntrailer << /Root 1 0 R >>\n"
        );
        let doc = open(data.as_bytes());
        assert!(doc.rebuilt);
        assert_eq!(doc.pages(32, usize::MAX).count, 1);
    }

    #[test]
    fn the_page_tree_walk() {
        // Kids: a page, a node listing itself and the page again, a direct page, a
        // reference to a page that cannot be read, and an empty node.
        let data = pdf(
            &[
                CATALOG,
                (
                    2,
                    "<< /Type /Pages /Kids [3 0 R 4 0 R << /Type /Page >> 5 0 R 6 0 R] >>",
                ),
                (3, "<< /Type /Page >>"),
                (4, "<< /Type /Pages /Kids [4 0 R 3 0 R] >>"),
                (5, "<< /Type /Page /MediaBox [0 0 NaN 1] >>"),
                (6, "<< /Type /Pages /Kids [] >>"),
            ],
            "/Root 1 0 R",
        );
        let doc = open(&data);
        let pages = doc.pages(32, usize::MAX).kept;
        let readable: Vec<bool> = pages.iter().map(|p| p.dict.is_some()).collect();
        assert_eq!(readable, [true, true, false]);
        // Nested deeper than the limit: the deep pages are not reached.
        assert_eq!(doc.pages(1, usize::MAX).count, 3);
        let deep = pdf(
            &[
                CATALOG,
                (2, "<< /Type /Pages /Kids [3 0 R 4 0 R] >>"),
                (3, "<< /Type /Pages /Kids [5 0 R 4 0 R] >>"),
                (4, "<< /Type /Page >>"),
                (5, "<< /Type /Pages /Kids [6 0 R 4 0 R] >>"),
                (6, "<< /Type /Page >>"),
            ],
            "/Root 1 0 R",
        );
        let doc = open(&deep);
        assert_eq!(doc.pages(32, usize::MAX).count, 2);
        assert_eq!(doc.pages(2, usize::MAX).count, 1);
    }

    #[test]
    fn a_stream_decoded_twice_is_decoded_once() {
        let data = pdf(
            &[
                CATALOG,
                (
                    4,
                    "<< /Filter /AHx /Length 11 >>\nstream\n48 65 6c 6c\nendstream",
                ),
                (5, "<< /Length 3 >>\nstream\nraw\nendstream"),
            ],
            "/Root 1 0 R",
        );
        let doc = open(&data);
        let Some(Object::Stream(s)) = doc.get((4, 0)) else {
            panic!("a stream")
        };
        let (Ok(Bytes::Owned(a)), Ok(Bytes::Shared(b)), Ok(Bytes::Shared(c))) =
            (doc.decode(s), doc.decode(s), doc.decode(s))
        else {
            panic!("decoded")
        };
        assert_eq!(a, b"Hell");
        // The first decode is not kept (most streams are read once) and hands over the
        // decoder's buffer; the second is kept and shared.
        assert!(Rc::ptr_eq(&b, &c) && &*b == b"Hell");
        assert_eq!(
            doc.decode_with_limit(s, 3).err(),
            Some(DecodeError::Limit(Limit::StreamBytes))
        );
        // Unfiltered data is the file's own bytes.
        let Some(Object::Stream(raw)) = doc.get((5, 0)) else {
            panic!("a stream")
        };
        assert!(matches!(doc.decode(raw), Ok(Bytes::Borrowed(b"raw"))));
    }

    #[test]
    fn an_object_limit_and_a_stream_limit_are_named() {
        let data = pdf(&[CATALOG, PAGES, PAGE], "/Root 1 0 R");
        let limits = Limits {
            objects: 2,
            ..Limits::default()
        };
        let doc = Document::open(&data, &limits).expect("opens");
        assert_eq!(doc.limits_hit(), [Limit::Objects]);
    }
}
