//! The theme: a named style for every kind of thing drawn. The default uses only the 16 ANSI
//! colours, so it reads the same in every terminal and over any SSH link; `NO_COLOR` keeps only
//! attributes (bold, dim, reverse, underline). The config file overrides single styles.

use ratatui::style::{Color, Modifier, Style};

use crate::core::meeting::Role;

/// Declares every style once (name and default), making the `Theme` fields, its `Default`,
/// [`STYLE_NAMES`] and [`Theme::style_mut`] from the one list.
macro_rules! styles {
    ($($name:ident: $default:expr,)*) => {
        /// Every style the view uses, by name. The names are the keys of `[theme]` in the config file.
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct Theme {
            $(pub $name: Style,)*
            /// Box-drawing characters are East Asian Ambiguous: in "wide" terminals they take two
            /// columns and break borders, so wide mode draws ASCII instead.
            pub ascii_borders: bool,
        }

        /// The theme entries by name, for the config file and the defaults file.
        pub const STYLE_NAMES: &[&str] = &[$(stringify!($name)),*];

        impl Default for Theme {
            fn default() -> Self {
                Theme { $($name: $default,)* ascii_borders: false }
            }
        }

        impl Theme {
            /// A named style, for the config file.
            pub(crate) fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($name) => Some(&mut self.$name),)*
                    _ => None,
                }
            }
        }
    };
}

const BOLD: Modifier = Modifier::BOLD;

styles! {
    title: Style::new().add_modifier(BOLD),
    summary: fg(Color::DarkGray),
    header_label: fg(Color::Cyan),
    header_text: Style::new(),
    note: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
    agenda: fg(Color::Yellow).add_modifier(BOLD),
    chair: fg(Color::Magenta).add_modifier(BOLD),
    member: fg(Color::Green).add_modifier(BOLD),
    official: fg(Color::Blue).add_modifier(BOLD),
    other: Style::new().add_modifier(BOLD),
    speech: Style::new(),
    stage: Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
    procedure: Style::new().add_modifier(Modifier::DIM),
    folded: Style::new().add_modifier(Modifier::DIM),
    hit: Style::new().bg(Color::Yellow).fg(Color::Black),
    current_hit: Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(BOLD),
    selected: Style::new().add_modifier(Modifier::REVERSED),
    selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
    list_date: fg(Color::DarkGray),
    list_count: fg(Color::DarkGray),
    failed: fg(Color::Red),
    list_header: Style::new().add_modifier(BOLD),
    separator: fg(Color::DarkGray),
    status: Style::new().add_modifier(Modifier::REVERSED),
    status_focus: Style::new().add_modifier(Modifier::REVERSED | BOLD),
    info: Style::new(),
    warning: fg(Color::Yellow),
    error: fg(Color::Red).add_modifier(BOLD),
    overlay: Style::new(),
    overlay_title: Style::new().add_modifier(BOLD | Modifier::UNDERLINED),
    bar: fg(Color::Cyan),
}

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Theme {
    /// The default theme without colours, for `NO_COLOR` and monochrome terminals.
    pub fn monochrome() -> Theme {
        let mut theme = Theme::default();
        for name in STYLE_NAMES {
            if let Some(style) = theme.style_mut(name) {
                *style = Style::new().add_modifier(style.add_modifier).remove_modifier(style.sub_modifier);
            }
        }
        // Hits need something visible without colour.
        theme.hit = Style::new().add_modifier(Modifier::REVERSED);
        theme.current_hit = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED);
        theme
    }

    /// The style for a speaker label of a role.
    pub fn role(&self, role: Role) -> Style {
        match role {
            Role::Chair => self.chair,
            Role::Member => self.member,
            Role::Official => self.official,
            Role::Other => self.other,
        }
    }

    /// The vertical rule between panes.
    pub(crate) fn vertical_rule(&self) -> &'static str {
        if self.ascii_borders { "|" } else { "│" }
    }

    pub(crate) fn horizontal_rule(&self) -> &'static str {
        if self.ascii_borders { "-" } else { "─" }
    }

    /// Filled and empty cells of a bar chart.
    pub(crate) fn bar_cells(&self) -> (&'static str, &'static str) {
        if self.ascii_borders { ("#", ".") } else { ("█", "░") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_style_name_is_addressable() {
        let mut theme = Theme::default();
        for name in STYLE_NAMES {
            assert!(theme.style_mut(name).is_some(), "{name}");
        }
        assert!(theme.style_mut("nope").is_none());
    }

    #[test]
    fn monochrome_has_no_colours() {
        let mut theme = Theme::monochrome();
        for name in STYLE_NAMES {
            let style = *theme.style_mut(name).unwrap();
            assert_eq!((style.fg, style.bg), (None, None), "{name}");
        }
    }
}
