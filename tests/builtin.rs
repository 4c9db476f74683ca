//! The built-in dataset (`data/builtin.ron`): it parses, it states the facts of the seed report
//! verbatim (checked against the report's own text, `tests/data/seed-report.txt`), everything
//! the report does not say is marked illustrative, record by record or field by field, and it is
//! written in the layout `htx::store::to_ron_string` produces.

// Tests may panic on a broken file: that is how they fail.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::{BTreeSet, HashSet};

use htx::model::{CooperativeStatus, Dataset, Date, Origin, ProgressStatus};
use serde::Serialize;

const BUILTIN: &str = include_str!("../data/builtin.ron");

/// The seed report, as it was published: the text every `Seed` record must be found in.
const SEED: &str = include_str!("data/seed-report.txt");

/// The province codes of the cluster (2004 list), in the order of `domain.md`.
const PROVINCE_CODES: [&str; 11] = [
    "01", "22", "26", "27", "30", "31", "33", "34", "35", "36", "37",
];

/// The ten items of the year-end plan: the report's clauses word for word, with the first
/// letter capitalised and a full stop added, as `seed/README.md` lists them.
const PLAN_TITLES: [&str; 10] = [
    "Quán triệt và tổ chức thực hiện Nghị quyết Đại hội Đảng toàn quốc lần thứ XI.",
    "Triển khai, tổ chức thực hiện Nghị quyết Đại hội IV Liên minh HTX Việt Nam.",
    "Tập trung đẩy mạnh các hoạt động tuyên truyền chủ trương, đường lối, chính sách pháp luật \
     của Đảng, Nhà nước về kinh tế tập thể.",
    "Chuẩn bị các điều kiện để tổng kết 10 năm thực hiện Nghị quyết số 13-NQ/TW của Hội nghị lần \
     thứ 5 BCH Trung ương Đảng (khóa IX) về kinh tế tập thể.",
    "Tiếp tục đẩy mạnh hoạt động tư vấn, hỗ trợ các thành viên trong công tác đào tạo, bồi dưỡng \
     cán bộ quản lý HTX, doanh nghiệp.",
    "Xúc tiến thương mại, liên doanh liên kết.",
    "Tháo gỡ khó khăn về vốn.",
    "Hỗ trợ mở rộng quy mô và chất lượng hoạt động dịch vụ.",
    "Phối hợp tốt với các sở, ngành, đoàn thể triển khai các hoạt động hỗ trợ HTX.",
    "Tổng kết xây dựng các mô hình mới, các điển hình tiên tiến, HTX kinh doanh giỏi.",
];

fn builtin() -> Dataset {
    ron::from_str(BUILTIN).expect("data/builtin.ron parses as a Dataset")
}

#[test]
fn schema_version_is_1() {
    assert_eq!(builtin().schema_version, 1);
    assert_eq!(builtin().schema_version, htx::model::SCHEMA_VERSION);
}

#[test]
fn region_states_the_report_figures() {
    let region = builtin().region;
    assert_eq!(region.name, "Cụm đồng bằng sông Hồng và duyên hải Bắc Bộ");
    assert_eq!(region.as_of.to_string(), "2011-06-21");
    assert!(
        region.source.contains("Thanh Tuấn"),
        "source names the byline: {}",
        region.source
    );
    assert_eq!(region.cooperative_groups, 9532);
    assert_eq!(region.cooperatives, 4341);
    assert_eq!(region.unions, 3);
}

#[test]
fn rating_shares_are_35_to_40_good_and_over_40_average() {
    let shares = builtin().region.rating_shares;
    assert_eq!(shares.len(), 2);
    assert_eq!(shares[0].grade, "Khá giỏi");
    assert_eq!(
        (shares[0].percent_min, shares[0].percent_max),
        (35, Some(40))
    );
    assert_eq!(shares[1].grade, "Trung bình");
    assert_eq!((shares[1].percent_min, shares[1].percent_max), (40, None));
}

#[test]
fn new_members_are_nam_dinh_62_and_vinh_phuc_37() {
    let new: Vec<(String, u32)> = builtin()
        .region
        .new_members
        .into_iter()
        .map(|n| (n.province, n.cooperatives))
        .collect();
    assert_eq!(new, [("36".to_string(), 62), ("26".to_string(), 37)]);
}

#[test]
fn provinces_are_the_eleven_of_the_cluster_with_their_2025_successors() {
    let expected = [
        ("01", "Hà Nội", "Thành phố", "01", "Hà Nội"),
        ("22", "Quảng Ninh", "Tỉnh", "22", "Quảng Ninh"),
        ("26", "Vĩnh Phúc", "Tỉnh", "25", "Phú Thọ"),
        ("27", "Bắc Ninh", "Tỉnh", "24", "Bắc Ninh"),
        ("30", "Hải Dương", "Tỉnh", "31", "Hải Phòng"),
        ("31", "Hải Phòng", "Thành phố", "31", "Hải Phòng"),
        ("33", "Hưng Yên", "Tỉnh", "33", "Hưng Yên"),
        ("34", "Thái Bình", "Tỉnh", "33", "Hưng Yên"),
        ("35", "Hà Nam", "Tỉnh", "37", "Ninh Bình"),
        ("36", "Nam Định", "Tỉnh", "37", "Ninh Bình"),
        ("37", "Ninh Bình", "Tỉnh", "37", "Ninh Bình"),
    ];
    let provinces = builtin().provinces;
    assert_eq!(provinces.len(), 11);
    for (province, (code, name, kind, next_code, next_name)) in provinces.iter().zip(expected) {
        assert_eq!(
            (
                province.code.as_str(),
                province.name.as_str(),
                province.kind.as_str()
            ),
            (code, name, kind)
        );
        let successor = province
            .successor
            .as_ref()
            .expect("every province has a 2025 successor");
        assert_eq!(
            (successor.code.as_str(), successor.name.as_str()),
            (next_code, next_name),
            "successor of {code}"
        );
        assert_eq!(
            province.origin,
            Origin::Illustrative,
            "the membership of the cluster is an inference"
        );
    }
    let codes: Vec<&str> = provinces.iter().map(|p| p.code.as_str()).collect();
    assert_eq!(codes, PROVINCE_CODES);
}

#[test]
fn sectors_are_the_nine_of_the_report_in_its_words() {
    let sectors = builtin().sectors;
    let ids: Vec<&str> = sectors.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "nong-nghiep",
            "cong-nghiep",
            "thuy-san",
            "muoi",
            "thuong-mai",
            "xay-dung",
            "dien",
            "moi-truong",
            "kinh-doanh-tong-hop"
        ]
    );
    let names: Vec<&str> = sectors.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Nông nghiệp",
            "Công nghiệp",
            "Thủy sản",
            "Muối",
            "Thương mại",
            "Xây dựng",
            "Điện",
            "Môi trường",
            "Kinh doanh tổng hợp"
        ]
    );
}

#[test]
fn cooperatives_are_illustrative_with_unique_ids_and_known_references() {
    let data = builtin();
    assert!(
        data.cooperatives.len() >= 44,
        "only {} cooperatives",
        data.cooperatives.len()
    );
    let provinces: HashSet<&str> = data.provinces.iter().map(|p| p.code.as_str()).collect();
    let sectors: HashSet<&str> = data.sectors.iter().map(|s| s.id.as_str()).collect();
    let mut ids = HashSet::new();
    for coop in &data.cooperatives {
        assert_eq!(
            coop.origin,
            Origin::Illustrative,
            "{} must be marked illustrative",
            coop.id
        );
        assert!(ids.insert(coop.id.as_str()), "duplicate id {}", coop.id);
        assert!(
            provinces.contains(coop.province.as_str()),
            "{}: unknown province {}",
            coop.id,
            coop.province
        );
        assert!(
            sectors.contains(coop.sector.as_str()),
            "{}: unknown sector {}",
            coop.id,
            coop.sector
        );
        assert!(
            coop.id.starts_with(&format!("HTX-{}-", coop.province)),
            "{}: the id carries the province code",
            coop.id
        );
    }
}

#[test]
fn every_province_has_three_to_six_cooperatives() {
    let data = builtin();
    for code in PROVINCE_CODES {
        let count = data
            .cooperatives
            .iter()
            .filter(|c| c.province == code)
            .count();
        assert!(
            (3..=6).contains(&count),
            "province {code} has {count} cooperatives"
        );
    }
}

#[test]
fn every_sector_is_used_and_salt_is_in_nam_dinh_and_thai_binh() {
    let data = builtin();
    let used: HashSet<&str> = data
        .cooperatives
        .iter()
        .map(|c| c.sector.as_str())
        .collect();
    for sector in &data.sectors {
        assert!(
            used.contains(sector.id.as_str()),
            "no cooperative in sector {}",
            sector.id
        );
    }
    for province in ["36", "34"] {
        assert!(
            data.cooperatives
                .iter()
                .any(|c| c.sector == "muoi" && c.province == province),
            "no salt cooperative in {province}"
        );
    }
}

#[test]
fn cooperatives_show_ratings_statuses_and_new_unrated_ones() {
    let data = builtin();
    let coops = &data.cooperatives;
    for coop in coops {
        for rating in &coop.ratings {
            assert_eq!(rating.scheme, "2011", "{}", coop.id);
            assert!(
                ["Tốt", "Khá", "Trung bình", "Yếu"].contains(&rating.grade.as_str()),
                "{}: {}",
                coop.id,
                rating.grade
            );
        }
    }
    let unrated = coops.iter().filter(|c| c.ratings.is_empty()).count();
    assert!(unrated >= 2, "only {unrated} unrated cooperatives");
    assert!(
        coops
            .iter()
            .any(|c| c.status == CooperativeStatus::Suspended)
    );
    assert_eq!(
        coops
            .iter()
            .filter(|c| c.status == CooperativeStatus::Dissolved)
            .count(),
        1
    );

    let rated: Vec<&str> = coops
        .iter()
        .filter_map(|c| c.latest_rating())
        .map(|r| r.grade.as_str())
        .collect();
    let good = rated
        .iter()
        .filter(|g| matches!(**g, "Tốt" | "Khá"))
        .count()
        * 100
        / rated.len();
    let average = rated.iter().filter(|g| **g == "Trung bình").count() * 100 / rated.len();
    assert!((35..=40).contains(&good), "{good}% rated Tốt or Khá");
    assert!(average > 40, "{average}% rated Trung bình");
}

#[test]
fn names_starting_with_d_and_d_stroke_are_both_present_for_sorting() {
    let data = builtin();
    let names: Vec<&str> = data.cooperatives.iter().map(|c| c.name.as_str()).collect();
    assert!(names.contains(&"HTX Dương Quang"));
    assert!(names.contains(&"HTX Đông Hải"));
}

#[test]
fn plan_has_the_ten_items_of_the_report() {
    let plan = builtin().plan;
    assert_eq!(plan.title, "Từ nay đến cuối năm");
    assert_eq!(plan.period.start.to_string(), "2011-06-21");
    assert_eq!(plan.period.end.to_string(), "2011-12-31");
    let titles: Vec<&str> = plan.items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, PLAN_TITLES);
    for (n, item) in plan.items.iter().enumerate() {
        assert_eq!(item.id, format!("KH-{:02}", n + 1));
        assert_eq!(
            item.origin,
            Origin::Seed,
            "{} comes from the report",
            item.id
        );
    }
}

/// The report gives no due dates. The sample has invented ones, so that the overdue markers
/// and the plan's dates have something to show, and every one of them says it is invented.
#[test]
fn invented_due_dates_lie_in_the_plan_and_are_marked() {
    let plan = builtin().plan;
    for item in &plan.items {
        let due = item.due.expect("the sample gives every item a due date");
        assert!(
            due >= plan.period.start && due <= plan.period.end,
            "{}: due {due}",
            item.id
        );
        assert!(item.is_illustrative("due"), "{}: due not marked", item.id);
    }
}

#[test]
fn each_plan_item_has_one_progress_entry_per_province() {
    let plan = builtin().plan;
    let mut statuses = BTreeSet::new();
    for item in &plan.items {
        let provinces: Vec<&str> = item.progress.iter().map(|p| p.province.as_str()).collect();
        assert_eq!(provinces, PROVINCE_CODES, "{}", item.id);
        for entry in &item.progress {
            assert_eq!(
                entry.origin,
                Origin::Illustrative,
                "{} {}",
                item.id,
                entry.province
            );
            statuses.insert(entry.status.label());
        }
    }
    assert!(statuses.len() >= 3, "only statuses {statuses:?}");
}

#[test]
fn progress_entries_say_who_changed_them_and_when() {
    let plan = builtin().plan;
    let first = "2011-07-01T00:00:00Z".parse().unwrap();
    let last = "2011-11-28T23:59:59Z".parse().unwrap();
    for item in &plan.items {
        for entry in &item.progress {
            let at = format!("{} {}", item.id, entry.province);
            if entry.status == ProgressStatus::NotApplicable {
                assert!(
                    !entry.note.is_empty(),
                    "{at}: a not-applicable entry says why"
                );
            }
            if entry.status != ProgressStatus::NotStarted {
                assert!(entry.changed_by.is_some(), "{at}: changed_by missing");
                let changed_at = entry.changed_at.expect("changed_at of a started entry");
                assert!(
                    changed_at >= first && changed_at <= last,
                    "{at}: changed at {changed_at}"
                );
            }
        }
    }
}

#[test]
fn dataset_passes_validation() {
    let problems = htx::model::validate::validate(&builtin());
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn text_is_nfc() {
    use unicode_normalization::is_nfc;
    assert!(
        is_nfc(BUILTIN),
        "data/builtin.ron holds text that is not NFC"
    );
}

#[test]
fn round_trips_through_to_ron_string() {
    let parsed = builtin();
    let text = htx::store::to_ron_string(&parsed).expect("serialises");
    let back: Dataset = ron::from_str(&text).expect("serialised text parses");
    assert_eq!(back, parsed);
}

#[test]
fn file_is_in_the_layout_of_to_ron_string() {
    let body: String = BUILTIN
        .split_inclusive('\n')
        .skip_while(|line| line.starts_with("//"))
        .collect();
    let written = htx::store::to_ron_string(&builtin()).expect("serialises");
    assert!(
        body == written,
        "data/builtin.ron differs from to_ron_string's layout after its comment lines"
    );
}

// -------------------------------------------------------------------------------------------
// Against the report's own text

/// `text` as the report writes it inside a sentence: the first letter lower-cased and a final
/// full stop left out (a data file capitalises titles and names, and ends titles with a stop).
fn clause(text: &str) -> String {
    let text = text.strip_suffix('.').unwrap_or(text);
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_lowercase().chain(chars).collect()
    })
}

/// Whether the report says `text`, at the start of a sentence or inside one.
fn seed_says(text: &str) -> bool {
    let bare = text.strip_suffix('.').unwrap_or(text);
    SEED.contains(bare) || SEED.contains(&clause(text))
}

/// A number as the report writes it: thousands separated by dots (`9.532`).
fn seed_number(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// A date as the report writes it: `21-6-2011`.
fn seed_date(date: Date) -> String {
    format!("{}-{}-{}", date.day(), date.month(), date.year())
}

/// The fields of `record` (as it is written: empty optional fields are left out) that are
/// neither `known` (checked against the report, or stating nothing the report could say) nor
/// listed in its `illustrative`. A field added to a record fails here until it is decided.
fn unmarked(record: &impl Serialize, known: &[&str], illustrative: &[String]) -> Vec<String> {
    let value = serde_json::to_value(record).unwrap();
    value
        .as_object()
        .expect("a record is written as an object")
        .keys()
        .filter(|key| !known.contains(&key.as_str()) && !illustrative.contains(key))
        .cloned()
        .collect()
}

/// What a record holds besides its values: where it comes from and what in it is invented.
const PROVENANCE: [&str; 2] = ["origin", "illustrative"];

#[test]
fn the_seed_text_is_the_report() {
    assert!(SEED.starts_with("Ngày 21-6-2011, Liên minh HTX các tỉnh"));
    assert!(SEED.trim_end().ends_with("Thanh Tuấn"));
    assert_eq!(seed_number(9532), "9.532");
    assert_eq!(seed_number(3), "3");
    assert_eq!(seed_number(1_234_567), "1.234.567");
    assert!(seed_says("Xúc tiến thương mại, liên doanh liên kết."));
    assert!(!seed_says("Xúc tiến thương mại, liên kết."));
}

#[test]
fn the_regions_figures_are_the_reports() {
    let data = builtin();
    let region = &data.region;
    assert_eq!(region.origin, Origin::Seed);
    assert!(seed_says(&region.name), "region name {:?}", region.name);
    assert!(
        SEED.contains(&seed_date(region.as_of)),
        "as of {}",
        region.as_of
    );
    for (count, what) in [
        (region.cooperative_groups, "tổ hợp tác"),
        (region.cooperatives, "HTX"),
        (region.unions, "liên hiệp HTX"),
    ] {
        let said = format!("{} {what}", seed_number(count));
        assert!(SEED.contains(&said), "the report does not say {said:?}");
    }
    // `source` cites the report (it is provenance, not a figure): by its date and byline.
    assert!(region.source.contains(&seed_date(region.as_of)));
    assert!(region.source.contains("Thanh Tuấn") && SEED.contains("Thanh Tuấn"));
    let known = [
        "name",
        "as_of",
        "source",
        "cooperative_groups",
        "cooperatives",
        "unions",
        "rating_shares",
        "new_members",
    ];
    let left = unmarked(
        region,
        &[&known[..], &PROVENANCE].concat(),
        &region.illustrative,
    );
    assert!(
        left.is_empty(),
        "region: {left:?} neither in the report nor marked"
    );

    for share in &region.rating_shares {
        assert_eq!(share.origin, Origin::Seed, "{share:?}");
        // "35-40% HTX đạt khá giỏi", "trên 40% HTX thuộc diện trung bình": the band, then the
        // grade in the same clause.
        let band = match share.percent_max {
            Some(max) => format!("{}-{max}%", share.percent_min),
            None => format!("trên {}%", share.percent_min),
        };
        let at = SEED
            .find(&band)
            .unwrap_or_else(|| panic!("no {band:?} in the report"));
        let rest = &SEED[at..];
        let said = &rest[..rest.find([',', '.']).unwrap_or(rest.len())];
        assert!(
            said.contains(&clause(&share.grade)),
            "{band} is not {:?}",
            share.grade
        );
        let known = ["grade", "percent_min", "percent_max"];
        let left = unmarked(
            share,
            &[&known[..], &PROVENANCE].concat(),
            &share.illustrative,
        );
        assert!(left.is_empty(), "{share:?}: {left:?}");
    }
    for new in &region.new_members {
        assert_eq!(new.origin, Origin::Seed, "{new:?}");
        let province = data
            .provinces
            .iter()
            .find(|p| p.code == new.province)
            .unwrap();
        let said = format!("{} {} HTX", province.name, seed_number(new.cooperatives));
        assert!(SEED.contains(&said), "the report does not say {said:?}");
        let known = ["province", "cooperatives"];
        let left = unmarked(new, &[&known[..], &PROVENANCE].concat(), &new.illustrative);
        assert!(left.is_empty(), "{new:?}: {left:?}");
    }
}

#[test]
fn the_sectors_are_the_reports_list() {
    // "… trong các lĩnh vực: nông nghiệp, công nghiệp, …, kinh doanh tổng hợp…"
    let start = SEED.find("lĩnh vực: ").unwrap() + "lĩnh vực: ".len();
    let rest = &SEED[start..];
    let listed: Vec<&str> = rest[..rest.find('…').unwrap()].split(", ").collect();
    assert_eq!(listed.len(), 9, "{listed:?}");
    for sector in builtin().sectors {
        assert_eq!(sector.origin, Origin::Seed, "{}", sector.id);
        assert!(
            listed.contains(&clause(&sector.name).as_str()),
            "{:?} is not one of the report's sectors {listed:?}",
            sector.name
        );
        let known = ["id", "name"];
        let left = unmarked(
            &sector,
            &[&known[..], &PROVENANCE].concat(),
            &sector.illustrative,
        );
        assert!(left.is_empty(), "{}: {left:?}", sector.id);
    }
}

#[test]
fn the_plan_is_the_reports_in_its_words_and_the_rest_is_marked() {
    let data = builtin();
    let plan = &data.plan;
    // "Từ nay đến cuối năm": from the report's date to the end of that year.
    assert!(seed_says(&plan.title), "plan title {:?}", plan.title);
    assert_eq!(plan.period.start, data.region.as_of);
    assert_eq!(
        plan.period.end,
        Date::new(data.region.as_of.year(), 12, 31).unwrap()
    );
    for item in &plan.items {
        if item.origin != Origin::Seed {
            assert_eq!(item.origin, Origin::Illustrative, "{}", item.id);
            continue;
        }
        assert!(
            seed_says(&item.title),
            "{}: the report does not say {:?}",
            item.id,
            clause(&item.title)
        );
        // The id names the item in the file; its progress entries are records of their own.
        let known = ["id", "title", "progress"];
        let left = unmarked(
            item,
            &[&known[..], &PROVENANCE].concat(),
            &item.illustrative,
        );
        assert!(
            left.is_empty(),
            "{}: {left:?} not in the report, not marked",
            item.id
        );
    }
}

/// Whatever the report does not state is a record marked `Illustrative` as a whole: the
/// provinces, the cooperatives and the progress entries. Nothing in the sample is a person's.
#[test]
fn every_record_the_report_does_not_state_is_illustrative() {
    let data = builtin();
    let mut origins = Vec::new();
    origins.extend(
        data.provinces
            .iter()
            .map(|p| (format!("province {}", p.code), p.origin)),
    );
    origins.extend(data.cooperatives.iter().map(|c| (c.id.clone(), c.origin)));
    for item in &data.plan.items {
        for entry in &item.progress {
            origins.push((format!("{} {}", item.id, entry.province), entry.origin));
        }
    }
    for (what, origin) in origins {
        assert_eq!(origin, Origin::Illustrative, "{what}");
    }
}

/// The report says Nam Định had 62 cooperatives apply to join ("xin gia nhập"), and no more:
/// an invented record must not put itself among them.
#[test]
fn no_invented_note_speaks_for_the_report() {
    let data = builtin();
    let mut quotes: Vec<String> = data
        .region
        .new_members
        .iter()
        .map(|new| format!("{} HTX", new.cooperatives))
        .collect();
    quotes.push("6 tháng đầu năm".into());
    for coop in &data.cooperatives {
        for quote in &quotes {
            assert!(
                !coop.notes.contains(quote.as_str()),
                "{}: {:?} speaks for the report",
                coop.id,
                coop.notes
            );
        }
    }
}
