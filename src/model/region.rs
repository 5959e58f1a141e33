//! Countries the widget knows by name: ISO 3166-1 alpha-2 code, display name, and the other
//! names data sources use for them.

/// A country: its ISO 3166-1 alpha-2 code and display name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub code: &'static str,
    /// ISO 3166-1 numeric code, as Natural Earth's shapes (world-atlas) identify countries.
    pub numeric: &'static str,
    /// Name shown to readers.
    pub name: &'static str,
    /// Other spellings found in the sources (CBECI, IODA's outage list).
    pub aliases: &'static [&'static str],
}

/// Kazakhstan, where the widget's opening story happens.
pub const KAZAKHSTAN: Country = Country {
    code: "KZ",
    numeric: "398",
    name: "Kazakhstan",
    aliases: &[],
};

/// The countries that hold a published share of Bitcoin's hash rate (CBECI), plus the
/// mining regions' neighbours that the outage data names.
pub const COUNTRIES: &[Country] = &[
    Country {
        code: "US",
        numeric: "840",
        name: "United States",
        aliases: &[
            "United States of America (USA)",
            "United States of America",
            "USA",
        ],
    },
    Country {
        code: "CN",
        numeric: "156",
        name: "China",
        aliases: &["Mainland China"],
    },
    KAZAKHSTAN,
    Country {
        code: "RU",
        numeric: "643",
        name: "Russia",
        aliases: &["Russian Federation"],
    },
    Country {
        code: "CA",
        numeric: "124",
        name: "Canada",
        aliases: &[],
    },
    Country {
        code: "IE",
        numeric: "372",
        name: "Ireland",
        aliases: &[],
    },
    Country {
        code: "MY",
        numeric: "458",
        name: "Malaysia",
        aliases: &[],
    },
    Country {
        code: "DE",
        numeric: "276",
        name: "Germany",
        aliases: &[],
    },
    Country {
        code: "IR",
        numeric: "364",
        name: "Iran",
        aliases: &[
            "Iran, Islamic Rep.",
            "Iran, Islamic Republic of",
            "Islamic Republic of Iran",
        ],
    },
    Country {
        code: "NO",
        numeric: "578",
        name: "Norway",
        aliases: &[],
    },
    Country {
        code: "KG",
        numeric: "417",
        name: "Kyrgyzstan",
        aliases: &["Kyrgyz Republic"],
    },
    Country {
        code: "GE",
        numeric: "268",
        name: "Georgia",
        aliases: &[],
    },
];

/// The country with this name or alias (case and surrounding spaces ignored; a trailing ` *`,
/// CBECI's VPN caveat, is ignored too).
pub fn country_by_name(name: &str) -> Option<&'static Country> {
    let name = name.trim().trim_end_matches('*').trim();
    COUNTRIES.iter().find(|c| {
        c.name.eq_ignore_ascii_case(name) || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// The country with ISO numeric code `numeric` (e.g. "398"), if the widget knows it.
pub fn country_by_numeric(numeric: &str) -> Option<&'static Country> {
    COUNTRIES.iter().find(|c| c.numeric == numeric)
}

/// The country with this ISO code (any case).
pub fn country_by_code(code: &str) -> Option<&'static Country> {
    COUNTRIES
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code.trim()))
}

/// The name of the country with this ISO code; the code itself for one not known.
pub fn country_name(code: &str) -> &str {
    country_by_code(code).map_or(code, |c| c.name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_names_its_country_or_itself() {
        assert_eq!(country_name("kz"), "Kazakhstan");
        assert_eq!(country_name("XX"), "XX");
    }

    #[test]
    fn finds_countries_by_any_spelling() {
        assert_eq!(
            country_by_name("Russian Federation").map(|c| c.code),
            Some("RU")
        );
        assert_eq!(
            country_by_name("United States of America (USA)").map(|c| c.code),
            Some("US")
        );
        assert_eq!(country_by_name(" kazakhstan ").map(|c| c.code), Some("KZ"));
        assert_eq!(
            country_by_name("Mainland China *").map(|c| c.code),
            Some("CN")
        );
        assert_eq!(country_by_name("Atlantis"), None);
        assert_eq!(country_by_code("kz").map(|c| c.name), Some("Kazakhstan"));
    }

    #[test]
    fn codes_are_unique_two_letter_upper_case() {
        for (i, c) in COUNTRIES.iter().enumerate() {
            assert!(c.code.len() == 2 && c.code.chars().all(|ch| ch.is_ascii_uppercase()));
            assert!(COUNTRIES[..i].iter().all(|other| other.code != c.code));
        }
    }
}
