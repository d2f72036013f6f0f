//! Issue 13, item 6: one wrong encoding guess turned a whole file into garbage with 0 turns.
//! UTF-16 without a BOM was recognised only when 10 % of it was ASCII (a Japanese UTF-16 file
//! read as Shift_JIS mojibake, flagged binary); an EUC-JP file with one bad byte, or cut inside
//! its last character, was read entirely as Shift_JIS. The guess is now made by the share of
//! likely characters each encoding reads: a few bad bytes cost a diagnostic, not the file.

use encoding_rs::{EUC_JP, SHIFT_JIS};
use gijiroku::core::decode::decode;
use gijiroku::core::parse::parse_bytes;

/// Fictional minutes with next to no ASCII (the newlines only).
fn minutes() -> String {
    let mut text = String::from("第２回　架空市図書館協議会　議事要旨\n\n");
    for n in 0..12 {
        text.push_str("［森委員］\n");
        text.push_str(&format!(
            "図書館の開館時間の延長について、第{n}案を説明いたします。利用者の声を踏まえた案です。\n\n"
        ));
        text.push_str("［事務局］\n");
        text.push_str("ご意見ありがとうございます。次回までに費用の見込みをお示しします。\n\n");
    }
    text
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    text.encode_utf16().flat_map(|u| if big_endian { u.to_be_bytes() } else { u.to_le_bytes() }).collect()
}

fn kinds(bytes: &[u8]) -> Vec<String> {
    decode(bytes).diagnostics.iter().map(|d| d.kind.to_string()).collect()
}

#[test]
fn japanese_utf16_without_a_bom_read_as_shift_jis_mojibake() {
    let text = minutes();
    let ascii = text.chars().filter(char::is_ascii).count() * 100 / text.chars().count();
    assert!(ascii < 10, "{ascii} % ASCII");
    for (big_endian, name) in [(false, "UTF-16LE"), (true, "UTF-16BE")] {
        let bytes = utf16(&text, big_endian);
        let decoded = decode(&bytes);
        assert_eq!(decoded.encoding, name);
        assert_eq!(decoded.text, text);
        assert!(!kinds(&bytes).contains(&"binary".to_owned()), "{:?}", kinds(&bytes));
        assert!(kinds(&bytes).contains(&"encoding_guessed".to_owned()));
        assert!(parse_bytes(&bytes)[0].speech_count() >= 24);
    }
}

#[test]
fn euc_jp_with_one_bad_byte_was_read_entirely_as_shift_jis() {
    let text = minutes();
    let (euc, _, _) = EUC_JP.encode(&text);
    let mut bytes = euc.into_owned();
    let at = bytes.len() / 2;
    bytes.insert(at, 0xFF);
    let decoded = decode(&bytes);
    assert_eq!(decoded.encoding, "EUC-JP");
    assert_eq!(decoded.text.matches('\u{FFFD}').count(), 1);
    assert_eq!(decoded.text.replace('\u{FFFD}', ""), text);
    assert!(kinds(&bytes).contains(&"invalid_bytes".to_owned()));
    assert!(parse_bytes(&bytes)[0].speech_count() >= 24);
}

#[test]
fn euc_jp_cut_inside_its_last_character_was_read_as_shift_jis() {
    let text = minutes();
    let (euc, _, _) = EUC_JP.encode(text.trim_end());
    let bytes = &euc[..euc.len() - 1];
    let decoded = decode(bytes);
    assert_eq!(decoded.encoding, "EUC-JP");
    assert!(decoded.text.starts_with("第２回　架空市図書館協議会"));
    assert!(decoded.text.ends_with('\u{FFFD}'));
}

/// The same damage in Shift_JIS stays Shift_JIS, and the two whole encodings are still told
/// apart at once.
#[test]
fn shift_jis_with_damage_stays_shift_jis() {
    let text = minutes();
    let (sjis, _, _) = SHIFT_JIS.encode(&text);
    let mut bytes = sjis.into_owned();
    bytes.insert(bytes.len() / 3, 0xFF);
    assert_eq!(decode(&bytes).encoding, "Shift_JIS");
    let cut = &bytes[..bytes.len() - 2];
    assert_eq!(decode(cut).encoding, "Shift_JIS");
    let (euc, _, _) = EUC_JP.encode(&text);
    assert_eq!(decode(&euc).encoding, "EUC-JP");
}

/// Binary data never passes for UTF-16 text.
#[test]
fn binary_bytes_are_not_taken_for_utf16() {
    let bytes: Vec<u8> = (0..4000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let decoded = decode(&bytes);
    assert!(!decoded.encoding.starts_with("UTF-16"), "{}", decoded.encoding);
    assert!(kinds(&bytes).contains(&"binary".to_owned()), "{:?}", kinds(&bytes));
}
