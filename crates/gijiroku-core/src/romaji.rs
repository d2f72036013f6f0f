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
pub(crate) fn to_hiragana(input: &str) -> Option<String> {
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

/// What romaji being typed can stand for, as hiragana: the converted part followed by each
/// syllable that an unfinished tail (`k`, `ky`, `sh`, `kk`, a final `n`) can start, so that
/// narrowing does not flicker while a syllable is half typed (`kur` is くら… くろ…, not くr).
/// `None` when the input is not romaji.
pub fn reading_prefixes(input: &str) -> Option<Vec<String>> {
    let lower = input.trim().to_ascii_lowercase();
    if lower.is_empty() || !lower.bytes().all(|b| b.is_ascii_lowercase() || b == b'-' || b == b'\'') {
        return None;
    }
    // The tail after the last vowel (or mark) is unfinished.
    let tail_start = lower.rfind(|c: char| "aeiou-'".contains(c)).map_or(0, |i| i + 1);
    let (done, mut tail) = lower.split_at(tail_start);
    let mut base = if done.is_empty() { String::new() } else { to_hiragana(done)? };
    if tail.is_empty() {
        return Some(vec![base]);
    }
    // `nn`, and `n` before a consonant other than `y`, are ん already.
    loop {
        if let Some(rest) = tail.strip_prefix("nn") {
            base.push('ん');
            tail = rest;
        } else if tail.len() >= 2 && tail.starts_with('n') && !tail[1..].starts_with('y') {
            base.push('ん');
            tail = &tail[1..];
        } else {
            break;
        }
    }
    if tail.is_empty() {
        return Some(vec![base]);
    }
    // A doubled consonant (`kk`, `tch`) is a small っ before the syllable.
    let bytes = tail.as_bytes();
    if bytes.len() >= 2 && (bytes[0] == bytes[1] || tail.starts_with("tch")) {
        base.push('っ');
        tail = &tail[1..];
    }
    let mut out: Vec<String> = TABLE
        .iter()
        .filter(|(romaji, _)| romaji.starts_with(tail) && romaji.len() > tail.len())
        .map(|(_, kana)| format!("{base}{kana}"))
        .collect();
    if tail == "n" {
        out.push(format!("{base}ん"));
    }
    if out.is_empty() {
        // Not the start of any syllable: match what was converted, as typed.
        return to_hiragana(&lower).map(|all| vec![all]);
    }
    out.sort();
    out.dedup();
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

    /// Issue 15, defect 7: narrowing flickered while typing (`k` nothing, `ku` a match, `kur`
    /// nothing, `kuro` a match): an unfinished syllable was matched as typed (くr).
    #[test]
    fn an_unfinished_syllable_stands_for_every_syllable_it_starts() {
        let prefixes = |s: &str| reading_prefixes(s).unwrap();
        assert!(prefixes("kur").contains(&"くろ".to_owned()));
        assert!(prefixes("k").contains(&"く".to_owned()));
        assert!(prefixes("ky").contains(&"きょ".to_owned()));
        assert!(prefixes("hatt").contains(&"はっと".to_owned()));
        assert!(prefixes("ken").contains(&"けん".to_owned()) && prefixes("ken").contains(&"けな".to_owned()));
        assert_eq!(prefixes("kenj"), ["けんじ", "けんじゃ", "けんじゅ", "けんじょ"]);
        assert_eq!(prefixes("kuro"), ["くろ"]);
        assert_eq!(reading_prefixes("森"), None);
        for typed in ["k", "ku", "kur", "kuro", "kurod", "kuroda"] {
            assert!(prefixes(typed).iter().any(|p| "くろだひであき".starts_with(p.as_str())), "{typed}");
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
