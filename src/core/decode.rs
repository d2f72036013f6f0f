//! Bytes to text: BOM and encoding detection (UTF-8, UTF-16, Shift_JIS/CP932, EUC-JP).
