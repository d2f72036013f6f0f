//! Issue 13 ("Smaller"): compressed minutes under a directory. The choice made: gzip is read
//! transparently (a common way to keep archives), everywhere a file is read — the list, the
//! reader, `print` and `search` — under the same size limit for what it decompresses to, so that
//! a small file that inflates to gigabytes is refused with a message, never held.

mod common;

use std::io::Write;

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

use common::gijiroku;

const MINUTES: &str =
    "第3回 広報委員会\n\n○委員長（森君）　ただいまから会議を開きます。\n○佐藤委員　広報紙の配布について質問します。\n";

#[test]
fn gzipped_minutes_under_a_directory_are_searched_as_their_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("2024-03.txt.gz"), gzip(MINUTES.as_bytes())).unwrap();
    // No text extension inside: told by its decompressed head, as any file is.
    std::fs::write(dir.path().join("archive.gz"), gzip(MINUTES.as_bytes())).unwrap();
    let out = gijiroku(&["search", "--vimgrep", "広報紙", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines.iter().any(|l| l.contains("2024-03.txt.gz:4:")), "{text}");
    assert!(lines.iter().any(|l| l.contains("archive.gz:4:")), "{text}");
    let out = gijiroku(&["print", "--width", "60", dir.path().join("2024-03.txt.gz").to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("広報紙の配布"));
}

#[test]
fn a_gzip_bomb_is_refused_at_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let bomb = gzip(&vec![b'a'; 80 << 20]);
    assert!(bomb.len() < 200 * 1024);
    let path = dir.path().join("bomb.txt.gz");
    std::fs::write(&path, bomb).unwrap();
    let out = gijiroku(&["print", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("decompresses to more than the limit of 64 MB"), "{err}");
}
