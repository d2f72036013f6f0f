//! The theme: a named style for every kind of thing drawn. The default uses only the 16 ANSI
//! colours, so it reads the same in every terminal and over any SSH link; `NO_COLOR` keeps only
//! attributes (bold, dim, reverse, underline). The config file overrides single styles.

use ratatui::style::{Color, Modifier, Style};

use crate::core::meeting::Role;

/// Every style the view uses, by name. The names are the keys of `[theme]` in the config file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    pub title: Style,
    pub summary: Style,
    pub header_label: Style,
    pub header_text: Style,
    pub note: Style,
    pub agenda: Style,
    pub chair: Style,
    pub member: Style,
    pub official: Style,
    pub other: Style,
    pub speech: Style,
    pub stage: Style,
    pub procedure: Style,
    pub folded: Style,
    pub hit: Style,
    pub current_hit: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub list_date: Style,
    pub list_count: Style,
    pub failed: Style,
    pub list_header: Style,
    pub separator: Style,
    pub status: Style,
    pub status_focus: Style,
    pub info: Style,
    pub warning: Style,
    pub error: Style,
    pub overlay: Style,
    pub overlay_title: Style,
    pub bar: Style,
    /// Box-drawing characters are East Asian Ambiguous: in "wide" terminals they take two
    /// columns and break borders, so wide mode draws ASCII instead.
    pub ascii_borders: bool,
}

/// The theme entries by name, for the config file and the defaults file.
pub const STYLE_NAMES: &[&str] = &[
    "title",
    "summary",
    "header_label",
    "header_text",
    "note",
    "agenda",
    "chair",
    "member",
    "official",
    "other",
    "speech",
    "stage",
    "procedure",
    "folded",
    "hit",
    "current_hit",
    "selected",
    "selected_unfocused",
    "list_date",
    "list_count",
    "failed",
    "list_header",
    "separator",
    "status",
    "status_focus",
    "info",
    "warning",
    "error",
    "overlay",
    "overlay_title",
    "bar",
];

const fn fg(color: Color) -> Style {
    Style::new().fg(color)
}

impl Default for Theme {
    fn default() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            title: Style::new().add_modifier(bold),
            summary: fg(Color::DarkGray),
            header_label: fg(Color::Cyan),
            header_text: Style::new(),
            note: fg(Color::DarkGray).add_modifier(Modifier::ITALIC),
            agenda: fg(Color::Yellow).add_modifier(bold),
            chair: fg(Color::Magenta).add_modifier(bold),
            member: fg(Color::Green).add_modifier(bold),
            official: fg(Color::Blue).add_modifier(bold),
            other: Style::new().add_modifier(bold),
            speech: Style::new(),
            stage: Style::new().add_modifier(Modifier::DIM | Modifier::ITALIC),
            procedure: Style::new().add_modifier(Modifier::DIM),
            folded: Style::new().add_modifier(Modifier::DIM),
            hit: Style::new().bg(Color::Yellow).fg(Color::Black),
            current_hit: Style::new().bg(Color::LightRed).fg(Color::Black).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::UNDERLINED),
            list_date: fg(Color::DarkGray),
            list_count: fg(Color::DarkGray),
            failed: fg(Color::Red),
            list_header: Style::new().add_modifier(bold),
            separator: fg(Color::DarkGray),
            status: Style::new().add_modifier(Modifier::REVERSED),
            status_focus: Style::new().add_modifier(Modifier::REVERSED | bold),
            info: Style::new(),
            warning: fg(Color::Yellow),
            error: fg(Color::Red).add_modifier(bold),
            overlay: Style::new(),
            overlay_title: Style::new().add_modifier(bold | Modifier::UNDERLINED),
            bar: fg(Color::Cyan),
            ascii_borders: false,
        }
    }
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

    /// A named style, for the config file.
    pub fn style_mut(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "title" => &mut self.title,
            "summary" => &mut self.summary,
            "header_label" => &mut self.header_label,
            "header_text" => &mut self.header_text,
            "note" => &mut self.note,
            "agenda" => &mut self.agenda,
            "chair" => &mut self.chair,
            "member" => &mut self.member,
            "official" => &mut self.official,
            "other" => &mut self.other,
            "speech" => &mut self.speech,
            "stage" => &mut self.stage,
            "procedure" => &mut self.procedure,
            "folded" => &mut self.folded,
            "hit" => &mut self.hit,
            "current_hit" => &mut self.current_hit,
            "selected" => &mut self.selected,
            "selected_unfocused" => &mut self.selected_unfocused,
            "list_date" => &mut self.list_date,
            "list_count" => &mut self.list_count,
            "failed" => &mut self.failed,
            "list_header" => &mut self.list_header,
            "separator" => &mut self.separator,
            "status" => &mut self.status,
            "status_focus" => &mut self.status_focus,
            "info" => &mut self.info,
            "warning" => &mut self.warning,
            "error" => &mut self.error,
            "overlay" => &mut self.overlay,
            "overlay_title" => &mut self.overlay_title,
            "bar" => &mut self.bar,
            _ => return None,
        })
    }

    /// The vertical rule between panes.
    pub fn vertical_rule(&self) -> &'static str {
        if self.ascii_borders { "|" } else { "│" }
    }

    pub fn horizontal_rule(&self) -> &'static str {
        if self.ascii_borders { "-" } else { "─" }
    }

    /// Filled and empty cells of a bar chart.
    pub fn bar_cells(&self) -> (&'static str, &'static str) {
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
