//! Romaji to hiragana, so that `mori` typed on an ASCII keyboard finds the reading もり.
//! Hepburn and kunrei spellings both work; what cannot be converted is kept as typed.

/// Syllables, longest first within each starting letter by the lookup order below.
const TABLE: &[(&str, &str)] = &[
    ("kya", "きゃ"),
    ("kyu", "きゅ"),
    ("kyo", "きょ"),
    ("gya", "ぎゃ"),
    ("gyu", "ぎゅ"),
    ("gyo", "ぎょ"),
    ("sha", "しゃ"),
    ("shu", "しゅ"),
    ("sho", "しょ"),
    ("shi", "し"),
    ("sya", "しゃ"),
    ("syu", "しゅ"),
    ("syo", "しょ"),
    ("ja", "じゃ"),
    ("ju", "じゅ"),
    ("jo", "じょ"),
    ("ji", "じ"),
    ("zya", "じゃ"),
    ("zyu", "じゅ"),
    ("zyo", "じょ"),
    ("cha", "ちゃ"),
    ("chu", "ちゅ"),
    ("cho", "ちょ"),
    ("chi", "ち"),
    ("tya", "ちゃ"),
    ("tyu", "ちゅ"),
    ("tyo", "ちょ"),
    ("tsu", "つ"),
    ("nya", "にゃ"),
    ("nyu", "にゅ"),
    ("nyo", "にょ"),
    ("hya", "ひゃ"),
    ("hyu", "ひゅ"),
    ("hyo", "ひょ"),
    ("bya", "びゃ"),
    ("byu", "びゅ"),
    ("byo", "びょ"),
    ("pya", "ぴゃ"),
    ("pyu", "ぴゅ"),
    ("pyo", "ぴょ"),
    ("mya", "みゃ"),
    ("myu", "みゅ"),
    ("myo", "みょ"),
    ("rya", "りゃ"),
    ("ryu", "りゅ"),
    ("ryo", "りょ"),
    ("ka", "か"),
    ("ki", "き"),
    ("ku", "く"),
    ("ke", "け"),
    ("ko", "こ"),
    ("ga", "が"),
    ("gi", "ぎ"),
    ("gu", "ぐ"),
    ("ge", "げ"),
    ("go", "ご"),
    ("sa", "さ"),
    ("si", "し"),
    ("su", "す"),
    ("se", "せ"),
    ("so", "そ"),
    ("za", "ざ"),
    ("zi", "じ"),
    ("zu", "ず"),
    ("ze", "ぜ"),
    ("zo", "ぞ"),
    ("ta", "た"),
    ("ti", "ち"),
    ("tu", "つ"),
    ("te", "て"),
    ("to", "と"),
    ("da", "だ"),
    ("di", "ぢ"),
    ("du", "づ"),
    ("de", "で"),
    ("do", "ど"),
    ("na", "な"),
    ("ni", "に"),
    ("nu", "ぬ"),
    ("ne", "ね"),
    ("no", "の"),
    ("ha", "は"),
    ("hi", "ひ"),
    ("fu", "ふ"),
    ("hu", "ふ"),
    ("he", "へ"),
    ("ho", "ほ"),
    ("ba", "ば"),
    ("bi", "び"),
    ("bu", "ぶ"),
    ("be", "べ"),
    ("bo", "ぼ"),
    ("pa", "ぱ"),
    ("pi", "ぴ"),
    ("pu", "ぷ"),
    ("pe", "ぺ"),
    ("po", "ぽ"),
    ("ma", "ま"),
    ("mi", "み"),
    ("mu", "む"),
    ("me", "め"),
    ("mo", "も"),
    ("ya", "や"),
    ("yu", "ゆ"),
    ("yo", "よ"),
    ("ra", "ら"),
    ("ri", "り"),
    ("ru", "る"),
    ("re", "れ"),
    ("ro", "ろ"),
    ("wa", "わ"),
    ("wo", "を"),
    ("a", "あ"),
    ("i", "い"),
    ("u", "う"),
    ("e", "え"),
    ("o", "お"),
    ("-", "ー"),
];

/// Converts ASCII romaji to hiragana; returns `None` when the input is not all romaji
/// (so that callers match it only as typed).
pub fn to_hiragana(input: &str) -> Option<String> {
    let lower = input.to_ascii_lowercase();
    if lower.is_empty() || !lower.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'') {
        return None;
    }
    let bytes = lower.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &lower[i..];
        let c = bytes[i];
        // A doubled consonant is a small っ (`kk`, `tch`).
        if i + 1 < bytes.len() && c == bytes[i + 1] && !b"aeioun-'".contains(&c) {
            out.push('っ');
            i += 1;
            continue;
        }
        if c == b't' && rest.starts_with("tch") {
            out.push('っ');
            i += 1;
            continue;
        }
        if c == b'n' {
            let next = bytes.get(i + 1).copied();
            match next {
                Some(b'n') => {
                    out.push('ん');
                    i += 2;
                    continue;
                }
                Some(b'\'') => {
                    out.push('ん');
                    i += 2;
                    continue;
                }
                Some(n) if !b"aeiouy".contains(&n) => {
                    out.push('ん');
                    i += 1;
                    continue;
                }
                None => {
                    out.push('ん');
                    i += 1;
                    continue;
                }
                _ => {}
            }
        }
        match TABLE.iter().find(|(romaji, _)| rest.starts_with(romaji)) {
            Some((romaji, kana)) => {
                out.push_str(kana);
                i += romaji.len();
            }
            // A consonant waiting for its vowel (the user is still typing): keep it.
            None => {
                out.push(c as char);
                i += 1;
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_spellings() {
        let cases = [
            ("mori", "もり"),
            ("sawada", "さわだ"),
            ("shinji", "しんじ"),
            ("sinzi", "しんじ"),
            ("kyouko", "きょうこ"),
            ("hattori", "はっとり"),
            ("ken'ichi", "けんいち"),
            ("tsutomu", "つとむ"),
            ("hon", "ほん"),
            ("matchi", "まっち"),
            ("fujita", "ふじた"),
            ("MORI", "もり"),
        ];
        for (romaji, kana) in cases {
            assert_eq!(to_hiragana(romaji).as_deref(), Some(kana), "{romaji}");
        }
    }

    #[test]
    fn non_romaji_is_not_converted() {
        assert_eq!(to_hiragana("森"), None);
        assert_eq!(to_hiragana("mo2"), None);
        assert_eq!(to_hiragana(""), None);
        assert_eq!(to_hiragana("mor").as_deref(), Some("もr"));
    }
}
