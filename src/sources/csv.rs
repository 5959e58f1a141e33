//! A small RFC 4180 CSV reader: quoted fields, doubled quotes, commas and line breaks inside
//! quotes, CRLF or LF line ends, and a UTF-8 byte-order mark.

/// The records of a CSV text, each a list of fields (trailing empty fields kept).
pub fn records(text: &str) -> Vec<Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut out = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') if chars.peek() == Some(&'\n') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                out.push(std::mem::take(&mut record));
            }
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        out.push(record);
    }
    out.retain(|r| r.iter().any(|f| !f.trim().is_empty()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_quoted_fields() {
        let text = "\u{feff}a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\r\n\"two\nlines\",2,3\n\n";
        assert_eq!(
            records(text),
            vec![
                vec!["a", "b", "c"],
                vec!["x, y", "say \"hi\"", ""],
                vec!["two\nlines", "2", "3"],
            ]
        );
    }

    #[test]
    fn tolerates_a_missing_final_newline_and_unclosed_quotes() {
        assert_eq!(records("a,b"), vec![vec!["a", "b"]]);
        assert_eq!(records("\"open,b"), vec![vec!["open,b"]]);
        assert!(records("").is_empty());
    }
}
