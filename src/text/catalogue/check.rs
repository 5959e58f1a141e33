//! Reads and checks the language files (`static/lang/<code>.json`), and writes the Rust of one
//! language's catalogue. Used by `build.rs`, so that a language file that lacks a message, adds
//! one, or drops or invents a value fails the build, and by the crate's tests.

use std::collections::{BTreeMap, BTreeSet};

/// The languages: code, and the CLDR plural categories of their whole numbers.
pub const LANGUAGES: [(&str, &[&str]); 5] = [
    ("en", &["one", "other"]),
    ("ru", &["one", "few", "many"]),
    ("kk", &["one", "other"]),
    ("zh", &["other"]),
    ("fa", &["one", "other"]),
];

/// One language file: its messages by key, and its country names by ISO code.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct LanguageFile {
    /// Templates by key.
    pub messages: BTreeMap<String, String>,
    /// `"country.KZ": "Қазақстан"`: names for languages some browsers cannot name countries in.
    pub countries: BTreeMap<String, String>,
}

/// Reads a language file: one JSON object of strings.
pub fn read(json: &str) -> Result<LanguageFile, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let object = value.as_object().ok_or("a language file is one object")?;
    let mut file = LanguageFile::default();
    for (key, value) in object {
        let text = value.as_str().ok_or(format!("`{key}` is not a string"))?;
        match key.strip_prefix("country.") {
            Some(code) => file.countries.insert(code.to_owned(), text.to_owned()),
            None => file.messages.insert(key.clone(), text.to_owned()),
        };
    }
    Ok(file)
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Words as written.
    Text(String),
    /// A value: its name and how (`poss`, `the`, or nothing).
    Value(String, String),
    /// A count's plural forms: the count's name, and each category's pieces (`#`: the count).
    Plural(String, Vec<Form>),
}

/// A plural form: its CLDR category (`one`, `few`, `many`, `other`) and its pieces.
pub type Form = (String, Vec<Piece>);

/// The part of `template` inside the brace it opens with (nested braces counted), and the rest.
fn braced(template: &str) -> Option<(&str, &str)> {
    let mut depth = 0usize;
    for (i, c) in template.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return Some((&template[1..i], &template[i + 1..]));
                }
            }
            _ => {}
        }
    }
    None
}

/// Splits a template into pieces; an unclosed brace is an error.
pub fn pieces(template: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            out.push(Piece::Text(rest[..open].to_owned()));
        }
        let (inside, after) =
            braced(&rest[open..]).ok_or(format!("an unclosed brace in {template:?}"))?;
        let (name, how) = inside.split_once(':').unwrap_or((inside, ""));
        if how.contains('=') {
            let mut forms = Vec::new();
            for form in how.split('|') {
                let (category, text) = form
                    .split_once('=')
                    .ok_or(format!("a plural form without `=` in {template:?}"))?;
                forms.push((category.to_owned(), pieces_with_count(text)?));
            }
            out.push(Piece::Plural(name.to_owned(), forms));
        } else {
            out.push(Piece::Value(name.to_owned(), how.to_owned()));
        }
        rest = after;
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest.to_owned()));
    }
    Ok(out)
}

/// A plural form's pieces, `#` standing for the count.
fn pieces_with_count(form: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    for piece in pieces(form)? {
        match piece {
            Piece::Text(text) => {
                for (i, part) in text.split('#').enumerate() {
                    if i > 0 {
                        out.push(Piece::Value("#".into(), String::new()));
                    }
                    if !part.is_empty() {
                        out.push(Piece::Text(part.to_owned()));
                    }
                }
            }
            other => out.push(other),
        }
    }
    Ok(out)
}

/// The names of the values a template's pieces use.
pub fn value_names(pieces: &[Piece]) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for piece in pieces {
        match piece {
            Piece::Text(_) => {}
            Piece::Value(name, _) if name == "#" => {}
            Piece::Value(name, _) => {
                names.insert(name.clone());
            }
            Piece::Plural(name, forms) => {
                names.insert(name.clone());
                for (_, form) in forms {
                    names.extend(value_names(form));
                }
            }
        }
    }
    names
}

/// Every problem of `file` (language `code`) against English: keys lacking or added, values
/// dropped or invented, English-only forms, plural categories lacking, countries unknown.
pub fn problems(
    code: &str,
    file: &LanguageFile,
    english: &LanguageFile,
    countries: &[&str],
) -> Vec<String> {
    let categories = (LANGUAGES.iter().find(|(c, _)| *c == code)).map_or(&[][..], |(_, c)| *c);
    let mut problems = Vec::new();
    for key in english
        .messages
        .keys()
        .filter(|k| !file.messages.contains_key(*k))
    {
        problems.push(format!("{code}: lacks {key}"));
    }
    for (key, template) in &file.messages {
        let Some(source) = english.messages.get(key) else {
            problems.push(format!("{code}: {key} is not a message English has"));
            continue;
        };
        let (ours, theirs) = match (pieces(template), pieces(source)) {
            (Ok(ours), Ok(theirs)) => (ours, theirs),
            (Err(e), _) | (_, Err(e)) => {
                problems.push(format!("{code}: {key}: {e}"));
                continue;
            }
        };
        if value_names(&ours) != value_names(&theirs) {
            problems.push(format!(
                "{code}: {key} uses the values {:?}; English uses {:?}",
                value_names(&ours),
                value_names(&theirs)
            ));
        }
        if code != "en" && (template.contains(":poss}") || template.contains(":the}")) {
            problems.push(format!(
                "{code}: {key}: :poss and :the are English's; write the name"
            ));
        }
        for_each_plural(&ours, &mut |forms| {
            for category in categories {
                if !forms.iter().any(|(c, _)| c == category) {
                    problems.push(format!("{code}: {key} lacks the plural form {category}"));
                }
            }
        });
    }
    for code_of_country in file.countries.keys() {
        if !countries.contains(&code_of_country.as_str()) {
            problems.push(format!(
                "{code}: country.{code_of_country} is not a country the widget knows"
            ));
        }
    }
    problems
}

fn for_each_plural(pieces: &[Piece], each: &mut dyn FnMut(&[Form])) {
    for piece in pieces {
        if let Piece::Plural(_, forms) = piece {
            each(forms);
            for (_, form) in forms {
                for_each_plural(form, each);
            }
        }
    }
}

/// A Rust string literal's body for `text` inside `format!` (braces doubled) or not.
fn literal(text: &str, in_format: bool) -> String {
    let mut body = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => body.push_str("\\\\"),
            '"' => body.push_str("\\\""),
            '\n' => body.push_str("\\n"),
            '{' if in_format => body.push_str("{{"),
            '}' if in_format => body.push_str("}}"),
            c => body.push(c),
        }
    }
    body
}

/// The Rust expression that writes `pieces` (values are the fields of `self`).
fn expression(pieces: &[Piece], count: Option<&str>) -> String {
    let mut format = String::new();
    let mut args = Vec::new();
    for piece in pieces {
        match piece {
            Piece::Text(text) => format.push_str(&literal(text, true)),
            Piece::Value(name, how) => {
                format.push_str("{}");
                let name = if name == "#" {
                    count.unwrap_or("n")
                } else {
                    name.as_str()
                };
                args.push(match how.as_str() {
                    "poss" => format!("crate::text::possessive(self.{name}.text())"),
                    "the" => format!("crate::text::in_sentence(self.{name}.text())"),
                    _ => format!("self.{name}"),
                });
            }
            Piece::Plural(name, forms) => {
                format.push_str("{}");
                let arms: Vec<String> = (forms.iter())
                    .map(|(category, form)| {
                        let pattern = match category.as_str() {
                            "one" => "Plural::One",
                            "few" => "Plural::Few",
                            "many" => "Plural::Many",
                            _ => "_",
                        };
                        format!("{pattern} => {}", expression(form, Some(name)))
                    })
                    .collect();
                let has_other = forms.iter().any(|(c, _)| c == "other");
                let fallback = if has_other {
                    String::new()
                } else {
                    ", _ => String::new()".to_owned()
                };
                args.push(format!(
                    "match plural_category(self.{name}.count()) {{ {}{fallback} }}",
                    arms.join(", ")
                ));
            }
        }
    }
    if args.is_empty() {
        format!("String::from(\"{format}\")")
    } else {
        format!("format!(\"{format}\", {})", args.join(", "))
    }
}

/// The Rust of a language's catalogue: a `&str` constant for each message without values, a
/// struct with a `say` method for each with values, the language, and its country names.
pub fn rust(code: &str, file: &LanguageFile) -> String {
    let mut out = String::new();
    let variant = match code {
        "ru" => "Russian",
        "kk" => "Kazakh",
        "zh" => "Chinese",
        "fa" => "Persian",
        _ => "English",
    };
    out.push_str(&format!(
        "/// The language this build speaks.\npub const LANGUAGE: crate::model::language::Language = crate::model::language::Language::{variant};\n\n"
    ));
    for (key, template) in &file.messages {
        let pieces = pieces(template).unwrap_or_default();
        let names = value_names(&pieces);
        if names.is_empty() {
            out.push_str(&format!(
                "/// {key}.\npub const {key}: &str = \"{}\";\n\n",
                literal(template, false)
            ));
            continue;
        }
        let fields: Vec<String> = names
            .iter()
            .map(|n| format!("    pub {n}: Arg<'a>,"))
            .collect();
        out.push_str(&format!(
            "/// {key}, with its values.\npub struct {key}<'a> {{\n{}\n}}\n\nimpl {key}<'_> {{\n    /// The message, its values filled in.\n    pub fn say(&self) -> String {{\n        {}\n    }}\n}}\n\n",
            fields.join("\n"),
            expression(&pieces, None)
        ));
    }
    let names: Vec<String> = (file.countries.iter())
        .map(|(c, n)| format!("        \"{c}\" => Some(\"{}\"),", literal(n, false)))
        .collect();
    out.push_str(&format!(
        "/// The language file's own name for a country, if it gives one.\npub fn country_in_catalogue(code: &str) -> Option<&'static str> {{\n    match code {{\n{}\n        _ => None,\n    }}\n}}\n",
        names.join("\n")
    ));
    out
}
