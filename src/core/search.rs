//! Search that understands Japanese: width, case and kana folding, and PDF spaces.
