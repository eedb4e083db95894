//! Reading a PDF without holding more of it than precheck checks (SPEC §7, the file
//! limit `Limits::file_bytes`): a regular file larger than the limit is judged from its
//! size alone and never opened; any other input is read to one byte past the limit and
//! no further. A device, pipe, socket or directory is refused from its metadata before
//! it is opened: opening a FIFO blocks until a writer comes, and reading `/dev/zero`
//! never ends.

use crate::terminal::visible;
use std::io::{self, Read};

/// What was read of one PDF.
pub enum Pdf {
    /// The whole file, at most the limit.
    Bytes(Vec<u8>),
    /// More than the limit: the file's size, or for a stream the bytes read, a lower
    /// bound. Nothing is kept.
    TooLarge(u64),
}

/// Reads `reader` to its end, or to one byte past `limit` and no further. `size_hint`
/// (a file's length, or 0) sizes the buffer; it is never trusted past the limit.
pub fn read_at_most(reader: impl Read, limit: u64, size_hint: u64) -> io::Result<Pdf> {
    let past_limit = limit.saturating_add(1);
    let capacity = usize::try_from(size_hint.min(past_limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    reader.take(past_limit).read_to_end(&mut bytes)?;
    let read = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    Ok(if read > limit {
        Pdf::TooLarge(read)
    } else {
        Pdf::Bytes(bytes)
    })
}

/// Standard input, read to one byte past `limit`.
pub fn read_stdin(limit: u64) -> Result<Pdf, String> {
    read_at_most(io::stdin().lock(), limit, 0)
        .map_err(|e| format!("precheck: cannot read the PDF from standard input: {e}"))
}

/// The file at `path` (a symbolic link is followed), refused unless it is a regular file,
/// and not read at all when its size is past `limit`.
pub fn read_file(path: &str, limit: u64) -> Result<Pdf, String> {
    let cannot_read = |e: io::Error| format!("precheck: cannot read `{}`: {e}", visible(path));
    let metadata = std::fs::metadata(path).map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_a_file(path, metadata.file_type()));
    }
    if metadata.len() > limit {
        return Ok(Pdf::TooLarge(metadata.len()));
    }
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    // The path may name something else by now; what counts is what was opened. (Had it
    // become a FIFO, the open itself would have waited: that race is not closed here.)
    let metadata = file.metadata().map_err(cannot_read)?;
    if !metadata.is_file() {
        return Err(not_a_file(path, metadata.file_type()));
    }
    if metadata.len() > limit {
        return Ok(Pdf::TooLarge(metadata.len()));
    }
    Ok(
        match read_at_most(file, limit, metadata.len()).map_err(cannot_read)? {
            // It grew while it was read.
            Pdf::TooLarge(read) => Pdf::TooLarge(read.max(metadata.len())),
            bytes => bytes,
        },
    )
}

/// The most an abstract or a profile file may hold: an abstract is at most 5000
/// characters, a profile a few kilobytes.
pub const TEXT_BYTES: u64 = 1_000_000;

/// A text input (`what`: "the abstract", "the profile") from a regular file or `-`,
/// read to at most `limit` bytes, as UTF-8.
pub fn read_text(what: &str, source: &str, limit: u64) -> Result<String, String> {
    let read = if source == "-" {
        read_at_most(io::stdin().lock(), limit, 0)
            .map_err(|e| format!("precheck: cannot read {what} from standard input: {e}"))?
    } else {
        let cannot_read =
            |e: io::Error| format!("precheck: cannot read {what} `{}`: {e}", visible(source));
        let metadata = std::fs::metadata(source).map_err(cannot_read)?;
        if !metadata.is_file() {
            return Err(format!(
                "precheck: {what} `{}` is not a regular file ({})",
                visible(source),
                what_it_is(metadata.file_type())
            ));
        }
        let file = std::fs::File::open(source).map_err(cannot_read)?;
        read_at_most(file, limit, metadata.len().min(limit)).map_err(cannot_read)?
    };
    let bytes = match read {
        Pdf::Bytes(bytes) => bytes,
        Pdf::TooLarge(_) => {
            return Err(format!(
                "precheck: {what} `{}` is larger than {} kB",
                visible(source),
                limit / 1000
            ));
        }
    };
    String::from_utf8(bytes)
        .map_err(|_| format!("precheck: {what} `{}` is not UTF-8 text", visible(source)))
}

/// The one-line refusal of an input that is not a regular file.
fn not_a_file(path: &str, file_type: std::fs::FileType) -> String {
    format!(
        "precheck: `{}` is not a regular file ({}); save the PDF to a file and check that",
        visible(path),
        what_it_is(file_type)
    )
}

#[cfg(unix)]
fn what_it_is(file_type: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_dir() {
        "a directory"
    } else if file_type.is_char_device() {
        "a character device"
    } else if file_type.is_block_device() {
        "a block device"
    } else if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "a device, pipe or directory"
    }
}

#[cfg(not(unix))]
fn what_it_is(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a directory"
    } else {
        "a device, pipe or directory"
    }
}

#[cfg(test)]
mod tests {
    use super::{Pdf, read_at_most};

    /// How many bytes came, or `Err` with the lower bound when past the limit.
    fn outcome(len: usize, limit: u64, hint: u64) -> Result<usize, u64> {
        match read_at_most(&vec![7u8; len][..], limit, hint).expect("a slice reads") {
            Pdf::Bytes(b) => Ok(b.len()),
            Pdf::TooLarge(n) => Err(n),
        }
    }

    #[test]
    fn up_to_the_limit_is_read_whole_and_one_past_it_is_too_large() {
        assert_eq!(outcome(0, 10, 0), Ok(0));
        assert_eq!(outcome(10, 10, 0), Ok(10));
        assert_eq!(outcome(11, 10, 0), Err(11));
        // A longer stream is read one byte past the limit and no further.
        assert_eq!(outcome(1_000, 10, 0), Err(11));
        assert_eq!(outcome(0, 0, 0), Ok(0));
        assert_eq!(outcome(1, 0, 0), Err(1));
    }

    #[test]
    fn a_wrong_size_hint_changes_nothing() {
        assert_eq!(outcome(5, 10, u64::MAX), Ok(5));
        assert_eq!(outcome(50, 10, 3), Err(11));
        assert_eq!(outcome(10, u64::MAX, 0), Ok(10));
    }

    #[test]
    fn an_endless_reader_stops_one_past_the_limit() {
        assert!(matches!(
            read_at_most(std::io::repeat(0), 1_000, 0),
            Ok(Pdf::TooLarge(1_001))
        ));
    }
}
