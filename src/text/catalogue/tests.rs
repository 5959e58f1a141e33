use super::check::{self, LanguageFile, Piece};
use super::*;

#[test]
fn values_fill_in_and_counts_choose_their_form() {
    assert_eq!(
        crate::tr!(LiveSome, live = 3, of = 4),
        "Live data from 3 of 4 sources"
    );
    assert_eq!(crate::tr!(DisruptionCount, n = 1), "1 disruption");
    assert_eq!(crate::tr!(DisruptionCount, n = 1_700), "1,700 disruptions");
    assert_eq!(
        crate::tr!(Quiet, country = "United States", days = "1 Nov"),
        "No disruption on record in the United States for 1 Nov."
    );
    assert_eq!(
        crate::tr!(
            LabelledValues,
            n = 2,
            label = "7-day",
            first = "a",
            last = "b",
            latest = "9"
        ),
        "2 7-day values from a to b, latest 9 EH/s"
    );
    assert_eq!(crate::tr!(Reset), "Reset");
}

#[test]
fn english_counts_are_one_or_other() {
    assert_eq!(plural_category(1), Plural::One);
    assert_eq!(plural_category(0), Plural::Other);
    assert_eq!(plural_category(21), Plural::Other);
}

fn file(code: &str) -> LanguageFile {
    let path = format!("static/lang/{code}.json");
    check::read(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn known_countries() -> Vec<&'static str> {
    [
        "KZ", "US", "CN", "RU", "CA", "IE", "MY", "DE", "IR", "NO", "KG", "GE",
    ]
    .into_iter()
    .filter(|c| crate::model::region::country_by_code(c).is_some())
    .collect()
}

#[test]
fn every_catalogue_has_every_message() {
    let english = file("en");
    for (code, _) in check::LANGUAGES {
        let problems = check::problems(code, &file(code), &english, &known_countries());
        assert!(problems.is_empty(), "{problems:#?}");
    }
}

#[test]
fn a_file_that_lacks_adds_or_changes_values_is_refused() {
    let english = file("en");
    let mut russian = file("ru");
    russian.messages.remove("Reset");
    russian.messages.insert("Resett".into(), "Сброс".into());
    russian
        .messages
        .insert("Selected".into(), "Выбрано: {name}".into());
    russian.messages.insert(
        "DisruptionCount".into(),
        "{n:one=# сбой|other=# сбоев}".into(),
    );
    russian
        .messages
        .insert("Quiet".into(), "Нет сбоев: {country:the}, {days}.".into());
    russian.countries.insert("XX".into(), "Икс".into());
    let problems = check::problems("ru", &russian, &english, &known_countries()).join("\n");
    for expected in [
        "ru: lacks Reset",
        "ru: Resett is not a message English has",
        "ru: Selected uses the values {\"name\"}",
        "ru: DisruptionCount lacks the plural form few",
        "ru: Quiet: :poss and :the are English's",
        "ru: country.XX is not a country the widget knows",
    ] {
        assert!(problems.contains(expected), "{expected} in:\n{problems}");
    }
}

#[test]
fn templates_split_into_words_values_and_forms() {
    let pieces = check::pieces("{n:one=# {label} value|other=# values} of {country:poss}").unwrap();
    assert_eq!(
        pieces,
        [
            Piece::Plural(
                "n".into(),
                vec![
                    (
                        "one".into(),
                        vec![
                            Piece::Value("#".into(), String::new()),
                            Piece::Text(" ".into()),
                            Piece::Value("label".into(), String::new()),
                            Piece::Text(" value".into()),
                        ]
                    ),
                    (
                        "other".into(),
                        vec![
                            Piece::Value("#".into(), String::new()),
                            Piece::Text(" values".into())
                        ]
                    ),
                ]
            ),
            Piece::Text(" of ".into()),
            Piece::Value("country".into(), "poss".into()),
        ]
    );
    assert!(check::pieces("a {n:one=#|other=#").is_err());
    let names = check::value_names(&pieces);
    assert_eq!(
        names.into_iter().collect::<Vec<_>>(),
        ["country", "label", "n"]
    );
}

#[test]
fn russian_code_chooses_three_forms() {
    let rust = check::rust("ru", &file("ru"));
    assert!(rust.contains("Language::Russian"));
    assert!(rust.contains("match plural_category(self.n.count())"));
    assert!(rust.contains("Plural::Few =>"));
    let kazakh = check::rust("kk", &file("kk"));
    assert!(kazakh.contains("\"KZ\" => Some(\"Қазақстан\")"));
}
