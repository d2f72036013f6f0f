//! Writes a deterministic corpus of fictional meeting minutes for performance and robustness
//! tests.
//!
//! ```text
//! cargo run --release --example gen-corpus -- DIR --meetings N [--seed S] [--big-mb M]
//! ```
//!
//! Writes N meetings under `DIR/<year>/<month>/`, spread over every format gijiroku reads:
//! committee summaries (about 5 % of all meetings encoded as Shift_JIS), verbatim assembly
//! minutes, Japanese colon memos, Markdown notes and Diet API JSON. About one text file in five
//! carries PDF damage (hard wraps, page footers, split paragraphs, spaces around ASCII). Meetings
//! average about 30 KB, so 10,000 meetings make about 300 MB. `--big-mb M` adds `DIR/big.txt`,
//! one verbatim meeting of about M MiB. The same arguments always give byte-identical output:
//! each meeting draws from its own generator seeded by `--seed` and its index.
//!
//! All names, places and sentences are invented: sentences are assembled from the phrase tables
//! in `gen_corpus/words.rs`.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use fastrand::Rng;

/// `writeln!` into a `String`. Writing to a `String` cannot fail, so the result is dropped.
macro_rules! ln {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = writeln!($out, $($arg)*);
    }};
}

/// `write!` into a `String`, without a line end; see [`ln!`].
macro_rules! put {
    ($out:expr, $($arg:tt)*) => {{
        use std::fmt::Write as _;
        let _ = write!($out, $($arg)*);
    }};
}

#[path = "gen_corpus/formats.rs"]
mod formats;
#[path = "gen_corpus/records.rs"]
mod records;
#[path = "gen_corpus/text.rs"]
mod text;
#[path = "gen_corpus/words.rs"]
mod words;

use text::Date;

const USAGE: &str = "usage: gen-corpus DIR --meetings N [--seed S] [--big-mb M]";
const DEFAULT_SEED: u64 = 0x6769_6a69_726f_6b75; // "gijiroku"

struct Args {
    dir: PathBuf,
    meetings: usize,
    seed: u64,
    big_mb: Option<usize>,
}

fn parse_args() -> Result<Args> {
    let mut dir = None;
    let mut meetings = None;
    let mut seed = DEFAULT_SEED;
    let mut big_mb = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().with_context(|| format!("{name} needs a value\n{USAGE}"));
        match arg.as_str() {
            "--meetings" => meetings = Some(value("--meetings")?.parse().context("--meetings: not a number")?),
            "--seed" => seed = value("--seed")?.parse().context("--seed: not a number")?,
            "--big-mb" => big_mb = Some(value("--big-mb")?.parse().context("--big-mb: not a number")?),
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            flag if flag.starts_with('-') => bail!("unknown option {flag}\n{USAGE}"),
            _ if dir.is_none() => dir = Some(PathBuf::from(arg)),
            _ => bail!("more than one DIR given\n{USAGE}"),
        }
    }
    Ok(Args {
        dir: dir.with_context(|| format!("no DIR given\n{USAGE}"))?,
        meetings: meetings.with_context(|| format!("no --meetings given\n{USAGE}"))?,
        seed,
        big_mb,
    })
}

/// The generator for one meeting: depends only on the seed and the meeting's index, so output
/// does not depend on the order in which meetings are written.
fn rng_for(seed: u64, index: u64) -> Rng {
    Rng::with_seed(seed ^ index.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15))
}

fn shift_jis(text: &str) -> Result<Vec<u8>> {
    let (bytes, _, had_errors) = encoding_rs::SHIFT_JIS.encode(text);
    if had_errors {
        bail!("a phrase table holds a character that Shift_JIS cannot encode");
    }
    Ok(bytes.into_owned())
}

/// One meeting: its path under DIR and its bytes.
pub fn meeting(seed: u64, index: usize) -> Result<(PathBuf, Vec<u8>)> {
    let mut rng = rng_for(seed, index as u64);
    let rng = &mut rng;
    let date = Date::random(rng, 2015..=2025);
    let target = rng.usize(10_000..=50_000);
    let damaged = rng.u32(0..5) == 0;
    let (kind, ext, data) = match rng.u32(0..100) {
        0..5 => ("summary-sjis", "txt", shift_jis(&formats::summary(rng, date, target, damaged))?),
        5..35 => ("summary", "txt", formats::summary(rng, date, target, damaged).into_bytes()),
        35..65 => ("verbatim", "txt", records::verbatim(rng, date, target, damaged).into_bytes()),
        65..75 => ("colon", "txt", formats::colon(rng, date, target).into_bytes()),
        75..85 => ("notes", "md", formats::notes(rng, date, target).into_bytes()),
        _ => ("kokkai", "json", records::kokkai(rng, date, target).into_bytes()),
    };
    let path = PathBuf::from(format!("{:04}/{:02}/{index:05}-{kind}.{ext}", date.year, date.month));
    Ok((path, data))
}

fn write(path: &std::path::Path, data: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    fs::write(path, data).with_context(|| format!("writing {}", path.display()))
}

fn main() -> Result<()> {
    let args = parse_args()?;
    let started = Instant::now();
    let mut files = 0u64;
    let mut bytes = 0u64;
    for index in 0..args.meetings {
        let (path, data) = meeting(args.seed, index)?;
        write(&args.dir.join(path), &data)?;
        files += 1;
        bytes += data.len() as u64;
    }
    if let Some(mb) = args.big_mb {
        let mut rng = rng_for(args.seed, u64::MAX);
        let date = Date::random(&mut rng, 2015..=2025);
        let data = records::verbatim(&mut rng, date, mb * 1024 * 1024, false).into_bytes();
        write(&args.dir.join("big.txt"), &data)?;
        files += 1;
        bytes += data.len() as u64;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "gen-corpus: {files} files, {bytes} bytes ({:.1} MB) in {seconds:.2} s into {}",
        bytes as f64 / 1e6,
        args.dir.display()
    );
    Ok(())
}
