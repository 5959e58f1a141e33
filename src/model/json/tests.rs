use super::*;

fn shape(message: &str) -> JsonError {
    JsonError::Shape(message.into())
}

#[test]
fn tells_syntax_from_shape() {
    assert!(matches!(parse("{\"a\":"), Err(JsonError::Syntax(_))));
    assert!(matches!(parse("<html>"), Err(JsonError::Syntax(_))));
    assert!(matches!(parse("1 2"), Err(JsonError::Syntax(_))));
    assert_eq!(parse("\u{feff}[1]"), parse("[1]"), "a byte-order mark");
    let document = parse("[1]").unwrap();
    assert_eq!(
        Field::document(&document).object().unwrap_err(),
        shape("the document is not an object (found a list)")
    );
}

#[test]
fn reads_numbers_strictly() {
    let document =
        parse(r#"{"f":1.5,"i":-3,"big":18446744073709551615,"e":1e3,"s":"2","u":4294967295}"#)
            .unwrap();
    let o = Field::document(&document).object().unwrap();
    let field = |name| o.get(name).unwrap();
    assert_eq!(field("f").number(), Ok(1.5));
    assert_eq!(field("i").number(), Ok(-3.0));
    assert_eq!(field("i").integer(), Ok(-3));
    assert_eq!(
        field("f").integer(),
        Err(shape("`f` is not an integer (found 1.5)"))
    );
    assert_eq!(
        field("e").integer(),
        Err(shape("`e` is not an integer (found 1000.0)"))
    );
    assert!(field("big").integer().is_err(), "beyond i64");
    assert_eq!(field("big").number(), Ok(18_446_744_073_709_551_615.0));
    assert_eq!(
        field("s").number(),
        Err(shape("`s` is not a number (found a string)"))
    );
    assert_eq!(field("u").count(), Ok(u32::MAX));
    assert_eq!(
        field("i").count(),
        Err(shape("`i` is not a count (found -3)"))
    );
    assert!(field("big").count().is_err());
}

#[test]
fn reads_strings_booleans_and_lists() {
    let document = parse(r#"{"s":"a","b":true,"l":[1,"x"],"p":[1,2],"n":null}"#).unwrap();
    let o = Field::document(&document).object().unwrap();
    assert_eq!(o.get("s").and_then(Field::string), Ok("a"));
    assert_eq!(o.get("b").and_then(Field::boolean), Ok(true));
    assert_eq!(
        o.get("s").and_then(Field::boolean),
        Err(shape("`s` is not true or false (found a string)"))
    );
    let items: Vec<_> = o.get("l").and_then(Field::items).unwrap().collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items.first().map(|i| i.number()), Some(Ok(1.0)));
    assert_eq!(
        items.get(1).map(|i| i.number()),
        Some(Err(shape(
            "an item of `l` is not a number (found a string)"
        )))
    );
    let [a, b] = o.get("p").and_then(Field::tuple::<2>).unwrap();
    assert_eq!((a.integer(), b.integer()), (Ok(1), Ok(2)));
    assert_eq!(
        o.get("p").and_then(Field::tuple::<3>).map(|_| ()),
        Err(shape("`p` is not a list of 3 values (found a list)"))
    );
    assert_eq!(
        o.get("n").and_then(Field::items).map(|_| ()),
        Err(shape("`n` is not a list (found null)"))
    );
    assert_eq!(
        o.get("s").and_then(Field::object).map(|_| ()),
        Err(shape("`s` is not an object (found a string)"))
    );
}

#[test]
fn tells_missing_null_and_present_fields_apart() {
    let document = parse(r#"{"n":null,"s":"x","i":1}"#).unwrap();
    let o = Field::document(&document).object().unwrap();
    assert_eq!(o.get("gone").map(|_| ()), Err(shape("`gone` is missing")));
    assert!(o.get("n").is_ok(), "null is there");
    assert!(o.optional("n").is_none());
    assert!(o.optional("gone").is_none());
    assert!(o.present("n").is_some());
    assert!(o.present("gone").is_none());
    assert_eq!(o.optional_string("n"), Ok(None));
    assert_eq!(o.optional_string("gone"), Ok(None));
    assert_eq!(o.optional_string("s"), Ok(Some("x".to_owned())));
    assert_eq!(
        o.optional_string("i"),
        Err(shape("`i` is not a string (found 1)"))
    );
}

#[test]
fn reads_numbers_written_as_text() {
    assert_eq!(number_in_text("13.22"), Some(13.22));
    assert_eq!(number_in_text(" 7 "), Some(7.0));
    assert_eq!(number_in_text("-0"), Some(-0.0));
    assert_eq!(number_in_text("+13.2"), Some(13.2));
    assert_eq!(number_in_text(".5"), Some(0.5));
    assert_eq!(number_in_text("-.5"), Some(-0.5));
    assert_eq!(number_in_text("13."), Some(13.0));
    for text in [
        "", "lots", "1e400", "\"5\"", "null", "1,5", "0x10", "NaN", ".", "+-1", "[1]",
    ] {
        assert_eq!(number_in_text(text), None, "{text}");
    }
}
