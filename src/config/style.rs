//! The style grammar of `[theme]` and the colour fallback.
//!
//! A style is words separated by spaces, in any order: modifiers (`bold dim italic underlined
//! reversed`), at most one foreground colour, and `on COLOUR` for the background. A colour is one
//! of the 16 ANSI names, `colorN` (0–255) or `#rrggbb`. An empty string (or `plain`) is no style.
//! Terminals with fewer colours get the nearest they have, so a theme written for 24-bit colour
//! still reads over a 16-colour SSH session.

use ratatui::style::{Color, Modifier, Style};

/// The modifier words, in the order [`format_style`] writes them.
pub(crate) const MODIFIERS: &[(&str, Modifier)] = &[
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underlined", Modifier::UNDERLINED),
    ("reversed", Modifier::REVERSED),
];

/// The 16 ANSI colours by their config names, in palette order (index = ANSI number).
pub(crate) const ANSI_COLORS: [(&str, Color); 16] = [
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("gray", Color::Gray),
    ("dark_gray", Color::DarkGray),
    ("light_red", Color::LightRed),
    ("light_green", Color::LightGreen),
    ("light_yellow", Color::LightYellow),
    ("light_blue", Color::LightBlue),
    ("light_magenta", Color::LightMagenta),
    ("light_cyan", Color::LightCyan),
    ("white", Color::White),
];

/// xterm's default RGB values for the 16 ANSI colours, to find the nearest one.
const ANSI_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

/// A word of a style string that is not in the grammar, with its byte offset in the string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleError {
    pub offset: usize,
    pub message: String,
}

/// Every word the grammar knows, for suggestions and the error message.
fn vocabulary() -> Vec<&'static str> {
    let mut words: Vec<&str> = MODIFIERS.iter().map(|(name, _)| *name).collect();
    words.extend(ANSI_COLORS.iter().map(|(name, _)| *name));
    words.extend(["on", "default", "plain"]);
    words
}

const GRAMMAR: &str = "modifiers bold, dim, italic, underlined, reversed; a colour (black, red, green, yellow, \
blue, magenta, cyan, gray, dark_gray, light_red, light_green, light_yellow, light_blue, light_magenta, light_cyan, \
white, default, colorN with N 0-255, #rrggbb); \"on COLOUR\" for the background";

/// Parses a colour word: an ANSI name (case, `-` and `_` do not matter), `colorN`, `#rrggbb`.
pub(crate) fn parse_color(word: &str) -> Option<Color> {
    let folded: String = word.to_ascii_lowercase().chars().filter(|c| *c != '_' && *c != '-').collect();
    let folded = folded.replace("grey", "gray");
    if folded == "default" || folded == "reset" {
        return Some(Color::Reset);
    }
    if let Some((_, color)) = ANSI_COLORS.iter().find(|(name, _)| name.replace('_', "") == folded) {
        return Some(*color);
    }
    if let Some(n) = folded.strip_prefix("color").or_else(|| folded.strip_prefix("colour")) {
        return n.parse::<u8>().ok().map(Color::Indexed);
    }
    let hex = word.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?))
}

/// Parses a style string of the grammar above.
pub(crate) fn parse_style(text: &str) -> Result<Style, StyleError> {
    let mut style = Style::new();
    let mut words = words_with_offsets(text).peekable();
    let mut foreground_at: Option<usize> = None;
    while let Some((offset, word)) = words.next() {
        let lower = word.to_ascii_lowercase();
        let error = |message: String| StyleError { offset, message };
        if let Some((_, modifier)) = MODIFIERS.iter().find(|(name, _)| *name == lower) {
            style = style.add_modifier(*modifier);
        } else if lower == "underline" || lower == "reverse" {
            // Common spellings of the same modifiers.
            style = style.add_modifier(if lower == "underline" { Modifier::UNDERLINED } else { Modifier::REVERSED });
        } else if lower == "plain" {
            continue;
        } else if lower == "on" {
            let Some((bg_offset, bg)) = words.next() else {
                return Err(error(format!("\"on\" needs a background colour after it; a colour is {GRAMMAR}")));
            };
            let color = parse_color(bg).ok_or_else(|| StyleError { offset: bg_offset, message: bad_word(bg) })?;
            style = style.bg(color);
        } else if let Some(color) = parse_color(word) {
            if foreground_at.is_some() {
                return Err(error(format!(
                    "two foreground colours; write \"on {word}\" for a background colour ({GRAMMAR})"
                )));
            }
            foreground_at = Some(offset);
            style = style.fg(color);
        } else {
            return Err(error(bad_word(word)));
        }
    }
    Ok(style)
}

fn bad_word(word: &str) -> String {
    let mut message = format!("unknown style word \"{word}\"");
    if let Some(best) = super::error::suggest(word, vocabulary()) {
        message.push_str(&format!("; did you mean \"{best}\"?"));
    }
    message.push_str(&format!(" a style is made of {GRAMMAR}"));
    message
}

fn words_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split(' ')
        .scan(0usize, |offset, word| {
            let start = *offset;
            *offset += word.len() + 1;
            Some((start, word))
        })
        .flat_map(|(start, word)| {
            // Tabs and other whitespace inside a word split it too.
            let trimmed = word.trim_start();
            let lead = word.len() - trimmed.len();
            let trimmed = trimmed.trim_end();
            (!trimmed.is_empty()).then_some((start + lead, trimmed))
        })
}

#[cfg(test)] // writes what the tests compare the shipped config and styles with
/// A colour as the config writes it.
pub(crate) fn format_color(color: Color) -> String {
    if let Some((name, _)) = ANSI_COLORS.iter().find(|(_, c)| *c == color) {
        return (*name).to_owned();
    }
    match color {
        Color::Indexed(n) => format!("color{n}"),
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        _ => "default".to_owned(),
    }
}

#[cfg(test)] // writes what the tests compare the shipped config and styles with
/// A style as the config writes it (`bold yellow on blue`); `plain` for no style.
pub(crate) fn format_style(style: Style) -> String {
    let mut words: Vec<String> = MODIFIERS
        .iter()
        .filter(|(_, modifier)| style.add_modifier.contains(*modifier))
        .map(|(name, _)| (*name).to_owned())
        .collect();
    if let Some(fg) = style.fg {
        words.push(format_color(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", format_color(bg)));
    }
    if words.is_empty() { "plain".to_owned() } else { words.join(" ") }
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorDepth {
    TrueColor,
    Indexed256,
    Ansi16,
    /// No colours: attributes only.
    Mono,
}

fn rgb_of_index(n: u8) -> (u8, u8, u8) {
    match n {
        0..=15 => ANSI_RGB[n as usize],
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = n - 16;
            (level(n / 36), level(n / 6 % 6), level(n % 6))
        }
        _ => {
            let v = 8 + (n - 232) * 10;
            (v, v, v)
        }
    }
}

fn nearest_index(rgb: (u8, u8, u8), candidates: impl Iterator<Item = u8>) -> u8 {
    let distance = |n: u8| {
        let (r, g, b) = rgb_of_index(n);
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, rgb.0) + d(g, rgb.1) + d(b, rgb.2)
    };
    candidates.min_by_key(|&n| distance(n)).unwrap_or(0)
}

/// The colour the terminal can show nearest to `color`; `None` in monochrome.
pub(crate) fn downgrade(color: Color, depth: ColorDepth) -> Option<Color> {
    let rgb = match color {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(n) => rgb_of_index(n),
        _ => return (depth != ColorDepth::Mono).then_some(color),
    };
    match depth {
        ColorDepth::Mono => None,
        ColorDepth::TrueColor => Some(color),
        ColorDepth::Indexed256 => match color {
            Color::Rgb(..) => Some(Color::Indexed(nearest_index(rgb, 16..=255))),
            _ => Some(color),
        },
        ColorDepth::Ansi16 => Some(match color {
            Color::Indexed(n) if n < 16 => ANSI_COLORS[n as usize].1,
            _ => ANSI_COLORS[nearest_index(rgb, 0..=15) as usize].1,
        }),
    }
}

/// A style with its colours brought within `depth`.
pub(crate) fn downgrade_style(style: Style, depth: ColorDepth) -> Style {
    Style {
        fg: style.fg.and_then(|c| downgrade(c, depth)),
        bg: style.bg.and_then(|c| downgrade(c, depth)),
        underline_color: style.underline_color.and_then(|c| downgrade(c, depth)),
        ..style
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        assert_eq!(
            parse_style("bold yellow on blue"),
            Ok(Style::new().add_modifier(Modifier::BOLD).fg(Color::Yellow).bg(Color::Blue))
        );
        assert_eq!(parse_style("dim  italic"), Ok(Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC)));
        assert_eq!(parse_style("#ff8800"), Ok(Style::new().fg(Color::Rgb(255, 136, 0))));
        assert_eq!(parse_style("color208 on Dark-Grey"), Ok(Style::new().fg(Color::Indexed(208)).bg(Color::DarkGray)));
        assert_eq!(parse_style(""), Ok(Style::new()));
        let err = parse_style("bold yelow").unwrap_err();
        assert_eq!(err.offset, 5);
        assert!(err.message.contains("did you mean \"yellow\""), "{}", err.message);
        assert!(parse_style("red blue").is_err());
        assert!(parse_style("on").is_err());
        assert!(parse_style("color256").is_err());
        assert!(parse_style("#ff88").is_err());
    }

    #[test]
    fn formatting_round_trips() {
        for text in ["bold yellow on blue", "dim italic", "#ff8800", "color208", "plain", "reversed on light_red"] {
            let style = parse_style(text).unwrap();
            assert_eq!(format_style(style), text);
            assert_eq!(parse_style(&format_style(style)), Ok(style));
        }
    }

    #[test]
    fn fallback_picks_near_colours() {
        assert_eq!(downgrade(Color::Rgb(250, 10, 10), ColorDepth::Ansi16), Some(Color::LightRed));
        assert_eq!(downgrade(Color::Indexed(4), ColorDepth::Ansi16), Some(Color::Blue));
        assert_eq!(downgrade(Color::Rgb(255, 135, 0), ColorDepth::Indexed256), Some(Color::Indexed(208)));
        assert_eq!(downgrade(Color::Yellow, ColorDepth::Mono), None);
        assert_eq!(downgrade(Color::Yellow, ColorDepth::Ansi16), Some(Color::Yellow));
    }
}
