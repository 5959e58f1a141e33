//! Compiles the page's language in: reads `static/lang/*.json`, fails the build on any language
//! file that lacks a message, adds one, or drops or invents a value, and writes the catalogue of
//! the language this build speaks (`MINEWATCH_LANG`, English by default) as Rust.

#[path = "src/text/catalogue/check.rs"]
mod check;

use std::path::Path;

/// The countries the widget knows (ISO codes), as `src/model/region.rs` lists them.
fn known_countries() -> Vec<String> {
    let region = std::fs::read_to_string("src/model/region.rs").unwrap_or_default();
    region
        .split("code: \"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=static/lang");
    println!("cargo:rerun-if-changed=src/text/catalogue/check.rs");
    println!("cargo:rerun-if-env-changed=MINEWATCH_LANG");
    let read = |code: &str| {
        let path = format!("static/lang/{code}.json");
        let json = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        check::read(&json).unwrap_or_else(|e| panic!("{path}: {e}"))
    };
    let english = read("en");
    let countries = known_countries();
    let countries: Vec<&str> = countries.iter().map(String::as_str).collect();
    let mut problems = Vec::new();
    for (code, _) in check::LANGUAGES {
        problems.extend(check::problems(code, &read(code), &english, &countries));
    }
    if !problems.is_empty() {
        panic!(
            "the language files disagree with English:\n{}",
            problems.join("\n")
        );
    }
    let speaking = std::env::var("MINEWATCH_LANG").unwrap_or_else(|_| "en".into());
    if !check::LANGUAGES.iter().any(|(code, _)| *code == speaking) {
        panic!("MINEWATCH_LANG={speaking}: not a language of static/lang (en, ru, kk, zh, fa)");
    }
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    let rust = check::rust(&speaking, &read(&speaking));
    std::fs::write(Path::new(&out).join("catalogue.rs"), rust).unwrap_or_else(|e| panic!("{e}"));
}
