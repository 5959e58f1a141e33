//! The languages the widget speaks, and the `lang` setting that chooses one.

/// A language the widget has a catalogue for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// English, compiled into the widget.
    English,
    /// Russian.
    Russian,
    /// Kazakh.
    Kazakh,
    /// Chinese (simplified).
    Chinese,
    /// Persian, written right to left.
    Persian,
}

impl Language {
    /// Every language, English first.
    pub const ALL: [Language; 5] = [
        Language::English,
        Language::Russian,
        Language::Kazakh,
        Language::Chinese,
        Language::Persian,
    ];

    /// The `lang` value and the catalogue's file name: `en`, `ru`, `kk`, `zh`, `fa`.
    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Russian => "ru",
            Language::Kazakh => "kk",
            Language::Chinese => "zh",
            Language::Persian => "fa",
        }
    }

    /// Whether the language is written right to left.
    pub fn right_to_left(self) -> bool {
        self == Language::Persian
    }
}

/// The `lang` setting: a language, or `auto` (the script embed passes the host page's
/// `<html lang>`; index.html otherwise follows `navigator.languages`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageChoice {
    /// This language.
    Fixed(Language),
    /// Chosen in the browser, by index.html's first script.
    Auto,
}

/// English unless the embed says otherwise: the article around it sets the language.
impl Default for LanguageChoice {
    fn default() -> Self {
        LanguageChoice::Fixed(Language::English)
    }
}

impl LanguageChoice {
    /// Reads a `lang` value: a language code (any case) or `auto`.
    pub fn parse(value: &str) -> Option<LanguageChoice> {
        if value.eq_ignore_ascii_case("auto") {
            return Some(LanguageChoice::Auto);
        }
        Language::ALL
            .into_iter()
            .find(|l| value.eq_ignore_ascii_case(l.code()))
            .map(LanguageChoice::Fixed)
    }

    /// The `lang` value that sets this choice.
    pub fn as_str(self) -> &'static str {
        match self {
            LanguageChoice::Fixed(language) => language.code(),
            LanguageChoice::Auto => "auto",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lang_value_is_a_code_in_any_case_or_auto() {
        assert_eq!(LanguageChoice::parse("AUTO"), Some(LanguageChoice::Auto));
        let russian = LanguageChoice::parse("ru");
        assert_eq!(russian, Some(LanguageChoice::Fixed(Language::Russian)));
        assert_eq!(
            LanguageChoice::parse("Fa"),
            Some(LanguageChoice::Fixed(Language::Persian))
        );
        assert_eq!(russian.map(LanguageChoice::as_str), Some("ru"));
        assert_eq!(LanguageChoice::parse("fr"), None);
        assert_eq!(LanguageChoice::parse("ru-RU"), None);
        let rtl: Vec<&str> = (Language::ALL.into_iter())
            .filter(|l| l.right_to_left())
            .map(Language::code)
            .collect();
        assert_eq!(rtl, ["fa"]);
    }
}
