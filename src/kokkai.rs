//! The National Diet Library's minutes search API (国会会議録検索システム 検索用API), read
//! from the network: search conditions ([`query`]), the polite blocking client ([`client`]), the
//! documented response shapes ([`response`]) and the on-disk cache of downloaded meetings
//! ([`cache`]). Parsing a meeting stays the business of `core::parse::kokkai`; this module
//! only fetches and keeps the responses that parser already reads.
//!
//! Not in `core`: it reads the network, the clock and the file system.

pub mod cache;
pub mod client;
pub mod query;
pub mod remote;
pub mod response;

/// The API's base URL; the endpoints hang from it (`<base>/speech`, `<base>/meeting_list`, …).
pub(crate) const DEFAULT_BASE_URL: &str = "https://kokkai.ndl.go.jp/api";

/// The environment variable naming another base URL (a mirror, or a test server).
pub(crate) const URL_ENV_VAR: &str = "GIJIROKU_KOKKAI_URL";

/// The base URL to use: the flag, else [`URL_ENV_VAR`], else the config file's `kokkai_url`, else
/// [`DEFAULT_BASE_URL`]. A trailing `/` is dropped so that endpoints join with one.
pub fn base_url(flag: Option<&str>, config: Option<&str>) -> String {
    let env = std::env::var(URL_ENV_VAR).ok().filter(|v| !v.trim().is_empty());
    let chosen = flag.map(str::to_owned).or(env).or_else(|| config.map(str::to_owned));
    let chosen = chosen.unwrap_or_else(|| DEFAULT_BASE_URL.to_owned());
    chosen.trim().trim_end_matches('/').to_owned()
}
