//! Invented word tables: places, bodies, people (with readings), topics and phrase fragments.
//!
//! Everything here is made up for the corpus. Sentences are built from these fragments by
//! `text.rs`; no table holds a sentence taken from real minutes.

use std::ops::RangeInclusive;

use fastrand::Rng;

/// One element of a table. Every table in this module is a non-empty constant, so the index
/// is always in range.
pub fn pick<T: Copy>(rng: &mut Rng, table: &[T]) -> T {
    table[rng.usize(..table.len())]
}

/// Invented municipalities. The last character (市, 町, 村) gives the head's title.
pub const CITIES: &[&str] = &[
    "架空市",
    "緑ヶ丘町",
    "星見市",
    "桜台村",
    "潮見台市",
    "北原町",
    "川霧市",
    "若葉町",
    "白樺村",
    "東雲市",
    "陽ノ丘市",
    "みなと架空市",
    "月見野町",
    "風見市",
    "青葉台村",
    "朝霧市",
];

/// Committees and councils that write summaries.
pub const BODIES: &[&str] = &[
    "地域公共交通会議",
    "図書館協議会",
    "環境審議会",
    "防災会議",
    "学校給食運営委員会",
    "DX推進委員会",
    "子ども・子育て会議",
    "都市計画審議会",
    "行政改革推進委員会",
    "観光振興懇話会",
    "社会教育委員会議",
    "地域福祉推進協議会",
];

/// Diet committees for the API-shaped files, with the minister who answers in each.
pub const DIET_COMMITTEES: &[(&str, &str)] = &[
    ("国土交通委員会", "国土交通大臣"),
    ("総務委員会", "総務大臣"),
    ("文教科学委員会", "文部科学大臣"),
    ("環境委員会", "環境大臣"),
    ("厚生労働委員会", "厚生労働大臣"),
    ("農林水産委員会", "農林水産大臣"),
    ("経済産業委員会", "経済産業大臣"),
    ("内閣委員会", "内閣府特命担当大臣"),
];

/// Invented parliamentary groups.
pub const GROUPS: &[&str] = &["架空未来党", "緑の市民クラブ", "さくら新風会", "無所属の会", "みなと改革連合"];

/// Surnames with their readings.
pub const SURNAMES: &[(&str, &str)] = &[
    ("青木", "あおき"),
    ("石川", "いしかわ"),
    ("上田", "うえだ"),
    ("江口", "えぐち"),
    ("大西", "おおにし"),
    ("岡田", "おかだ"),
    ("片山", "かたやま"),
    ("木村", "きむら"),
    ("久保", "くぼ"),
    ("近藤", "こんどう"),
    ("斉藤", "さいとう"),
    ("佐野", "さの"),
    ("島田", "しまだ"),
    ("杉本", "すぎもと"),
    ("高木", "たかぎ"),
    ("田村", "たむら"),
    ("千葉", "ちば"),
    ("土屋", "つちや"),
    ("中川", "なかがわ"),
    ("西田", "にしだ"),
    ("野口", "のぐち"),
    ("橋本", "はしもと"),
    ("平井", "ひらい"),
    ("福田", "ふくだ"),
    ("堀江", "ほりえ"),
    ("前田", "まえだ"),
    ("松尾", "まつお"),
    ("三宅", "みやけ"),
    ("村上", "むらかみ"),
    ("森下", "もりした"),
    ("矢野", "やの"),
    ("山口", "やまぐち"),
    ("横山", "よこやま"),
    ("吉川", "よしかわ"),
    ("和田", "わだ"),
    ("小野寺", "おのでら"),
    ("長谷川", "はせがわ"),
    ("桜井", "さくらい"),
    ("宮内", "みやうち"),
    ("浜田", "はまだ"),
];

/// Given names with their readings.
pub const GIVEN: &[(&str, &str)] = &[
    ("健一", "けんいち"),
    ("美咲", "みさき"),
    ("大輔", "だいすけ"),
    ("由紀", "ゆき"),
    ("誠", "まこと"),
    ("彩", "あや"),
    ("浩二", "こうじ"),
    ("千尋", "ちひろ"),
    ("翔", "しょう"),
    ("恵", "めぐみ"),
    ("隆", "たかし"),
    ("真理", "まり"),
    ("修", "おさむ"),
    ("陽子", "ようこ"),
    ("亮", "りょう"),
    ("早苗", "さなえ"),
    ("拓也", "たくや"),
    ("直子", "なおこ"),
    ("正人", "まさと"),
    ("香織", "かおり"),
    ("勇作", "ゆうさく"),
    ("明美", "あけみ"),
    ("俊介", "しゅんすけ"),
    ("里美", "さとみ"),
    ("康弘", "やすひろ"),
    ("奈緒", "なお"),
    ("哲也", "てつや"),
    ("麻衣", "まい"),
    ("和彦", "かずひこ"),
    ("夏美", "なつみ"),
];

/// Departments that answer in committee summaries (`[企画課]`).
pub const DEPARTMENTS: &[&str] = &[
    "企画課",
    "総務課",
    "交通政策課",
    "環境政策課",
    "生涯学習課",
    "防災安全課",
    "情報政策課",
    "子育て支援課",
    "都市計画課",
    "事務局",
];

/// Officials who answer in assembly minutes, after the head (市長, 町長, 村長).
pub const OFFICIALS: &[&str] = &[
    "総務部長",
    "企画部長",
    "都市整備部長",
    "教育部長",
    "福祉部長",
    "環境部長",
    "危機管理監",
    "建設部長",
    "市民生活部長",
    "教育長",
];

/// Agenda topics: the title as written in the order of business, and a short form for speech.
pub const TOPICS: &[(&str, &str)] = &[
    ("バス路線再編計画", "バス路線の再編"),
    ("図書館の開館時間延長", "開館時間の延長"),
    ("学校給食の地場産食材利用", "地場産食材の利用"),
    ("総合防災訓練の実施計画", "防災訓練"),
    ("行政手続オンライン化推進計画", "手続のオンライン化"),
    ("公園樹木管理方針", "公園の樹木管理"),
    ("ごみ減量推進計画", "ごみの減量"),
    ("放課後児童クラブの整備", "放課後の居場所づくり"),
    ("高齢者見守りネットワーク", "高齢者の見守り"),
    ("空き家対策計画", "空き家の活用"),
    ("観光案内の多言語化", "観光案内の多言語化"),
    ("水道施設更新計画", "水道管の更新"),
    ("中心市街地活性化基本計画", "商店街のにぎわいづくり"),
    ("公民館改修計画", "公民館の改修"),
    ("DX推進計画", "行政のデジタル化"),
    ("子育て支援アプリの導入", "子育て支援アプリ"),
    ("自転車通行空間の整備", "自転車の走行環境"),
    ("地域防災計画の見直し", "地域防災計画"),
    ("文化財保存活用計画", "文化財の活用"),
    ("スポーツ施設の再配置", "スポーツ施設の再配置"),
];

/// How a follow-up question starts.
pub const FOLLOW_UPS: &[&str] = &["再質問いたします。", "関連して伺います。", "もう１点伺います。"];

pub const PLACES: &[&str] = &[
    "北部の団地",
    "駅の東側",
    "山あいの集落",
    "中心市街地",
    "川沿いの地区",
    "新しい住宅地",
    "旧市街",
    "港に近い地区",
    "学校の周辺",
    "郊外の農村部",
];

pub const PROBLEMS: &[&str] = &[
    "利用者が減り続けている",
    "担い手の高齢化が進んでいる",
    "手続に時間がかかっている",
    "必要な情報が届きにくい",
    "費用が年々増えている",
    "施設の老朽化が目立つ",
    "夜間の安全に不安がある",
    "若い世代の参加が少ない",
];

pub const GROUPS_LOCAL: &[&str] = &[
    "自治会",
    "保護者",
    "商店会",
    "高齢者クラブ",
    "若い世代",
    "障害のある方の団体",
    "地元の事業者",
    "ボランティア団体",
];

pub const CONCERNS: &[&str] = &[
    "説明が分かりにくい",
    "負担が重くなるのではないか",
    "安全面が心配だ",
    "もっと早く進めてほしい",
    "地域の実情に合っていない",
    "決まる前に意見を聞いてほしい",
];

pub const METRICS: &[&str] = &["利用率", "満足度", "参加率", "達成率", "登録率"];

pub const EXAMPLES: &[&str] = &[
    "休日に出張窓口を開いている",
    "大学と連携して調査を行っている",
    "住民が運営に加わっている",
    "小さな拠点を複数置いている",
];

pub const NEEDS: &[&str] =
    &["身近な場所で用が足りること", "分かりやすい案内", "安心して使えること", "費用の負担が少ないこと"];

pub const ACTIONS: &[&str] = &["試行を重ねながら進める", "対象を広げる", "運用を見直す", "事業者と協議を進める"];

pub const ACTIONS2: &[&str] =
    &["現地で説明会を開く", "アンケートを実施する", "実証事業を行う", "専門家の意見を聞く", "案内を多言語で作成する"];

pub const GOALS: &[&str] = &["誰もが使いやすい仕組み", "持続可能な運営", "地域の実情に合った計画", "負担の少ない制度"];

pub const PILOTS: &[&str] = &["一部の地区", "中央の施設", "希望する学校", "利用の多い路線"];

/// English notes: speakers, topics and fragments.
pub const EN_NAMES: &[&str] = &[
    "Alex", "Mina", "Jun", "Priya", "Tomasz", "Lena", "Marcus", "Aiko", "Dev", "Sara", "Omar", "Keiko", "Ravi", "Elena",
];
pub const EN_TOPICS: &[&str] = &[
    "the timetable feed",
    "stop identifiers",
    "fare zones",
    "the accessibility fields",
    "the conformance suite",
    "the data licence",
    "the API rate limits",
    "the release process",
];
pub const EN_ISSUES: &[&str] = &[
    "two implementations disagree",
    "the examples are out of date",
    "nobody has tested the edge cases",
    "the wording is ambiguous",
    "the schema allows both forms",
];
pub const EN_REPLIES: &[&str] = &[
    "I can take that as an action.",
    "Agreed, let's park it until the next call.",
    "The draft already covers most of it.",
    "We should ask the implementers first.",
    "I'll open an issue and link it from the notes.",
    "That matches what we saw in testing.",
    "Let's keep the old field for one more version.",
];

/// A person with the reading of each part of the name.
#[derive(Clone, Copy)]
pub struct Person {
    pub surname: &'static str,
    pub given: &'static str,
    pub surname_yomi: &'static str,
    pub given_yomi: &'static str,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{}{}", self.surname, self.given)
    }

    pub fn yomi(&self) -> String {
        format!("{}{}", self.surname_yomi, self.given_yomi)
    }

    /// The name as a cell of a member table, seven characters wide: `山　田　太　郎`,
    /// `横　山　　　誠`, `長谷部　光　男`.
    pub fn table_cell(&self) -> String {
        fn part(text: &str) -> String {
            let chars: Vec<char> = text.chars().collect();
            match chars.as_slice() {
                [a] => format!("\u{3000}\u{3000}{a}"),
                [a, b] => format!("{a}\u{3000}{b}"),
                _ => text.to_owned(),
            }
        }
        format!("{}\u{3000}{}", part(self.surname), part(self.given))
    }

    /// `佐々木　宏` style: surname, full-width space, given name.
    pub fn spaced(&self) -> String {
        format!("{}\u{3000}{}", self.surname, self.given)
    }
}

/// A number of people drawn from `n`, with distinct surnames (so that `山本委員` identifies one
/// person).
pub fn people(rng: &mut Rng, n: RangeInclusive<usize>) -> Vec<Person> {
    let n = rng.usize(n);
    let mut order: Vec<usize> = (0..SURNAMES.len()).collect();
    rng.shuffle(&mut order);
    order
        .into_iter()
        .take(n.min(SURNAMES.len()))
        .map(|i| {
            let (given, given_yomi) = pick(rng, GIVEN);
            Person { surname: SURNAMES[i].0, surname_yomi: SURNAMES[i].1, given, given_yomi }
        })
        .collect()
}
