//! The platform's directories for gijiroku (XDG on Linux): where the config file, the
//! remembered state and caches live. The one place that names the application to `directories`.

use std::path::PathBuf;

fn project() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "gijiroku")
}

/// `$XDG_CONFIG_HOME/gijiroku` on Linux.
pub(crate) fn config_dir() -> Option<PathBuf> {
    project().map(|dirs| dirs.config_dir().to_path_buf())
}

/// `$XDG_DATA_HOME/gijiroku` on Linux.
pub(crate) fn data_dir() -> Option<PathBuf> {
    project().map(|dirs| dirs.data_dir().to_path_buf())
}

/// `$XDG_CACHE_HOME/gijiroku` on Linux.
pub(crate) fn cache_dir() -> Option<PathBuf> {
    project().map(|dirs| dirs.cache_dir().to_path_buf())
}
