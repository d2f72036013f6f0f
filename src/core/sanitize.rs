//! Text hygiene: newlines normalised, escape sequences and control characters removed.
