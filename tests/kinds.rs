//! The library API on fixture PDFs: which checks apply to which kind of submission
//! (SPEC §3), the options and their errors, the verdict rule, and determinism.

use precheck::report::verdict;
use precheck::{Check, Kind, Options, OptionsError, ProfileChoice, Report, Status};

use precheck::CheckId;

/// Every check id as written, in report order.
fn all_ids() -> Vec<&'static str> {
    CheckId::ALL.iter().map(|c| c.as_str()).collect()
}

/// The format checks a position paper only warns on (SPEC §3).
const FORMAT: [&str; 5] = [
    "page-size",
    "margins",
    "font-family",
    "font-size",
    "template",
];

/// What a published paper skips; a poster skips these and `page-size`.
const PUBLISHED_SKIPS: [&str; 5] = [
    "page-limit",
    "template",
    "margins",
    "font-family",
    "font-size",
];

fn bytes(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn abstract_of(pdf: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/{}",
        env!("CARGO_MANIFEST_DIR"),
        pdf.replace(".pdf", ".abstract.txt")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn options(kind: Kind) -> Options {
    Options {
        kind,
        ..Options::default()
    }
}

fn report(pdf: &str, options: &Options) -> Report {
    precheck::check(Some(&bytes(pdf)), options).expect("the options are valid")
}

fn run(pdf: &str, kind: Kind) -> Report {
    report(
        pdf,
        &Options {
            abstract_text: Some(abstract_of(pdf)),
            ..options(kind)
        },
    )
}

fn get<'a>(r: &'a Report, id: &str) -> &'a Check {
    r.check(id)
        .unwrap_or_else(|| panic!("no check `{id}` in {:?}", ids(r)))
}

fn status(r: &Report, id: &str) -> Status {
    get(r, id).status
}

fn ids(r: &Report) -> Vec<&'static str> {
    r.checks.iter().map(|c| c.id.as_str()).collect()
}

fn statuses(r: &Report) -> String {
    r.checks
        .iter()
        .map(|c| format!("{}={} ({})", c.id, c.status.as_str(), c.message))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------- paper

#[test]
fn a_paper_gets_every_check_in_order() {
    let r = report(
        "ok_final.pdf",
        &Options {
            abstract_text: Some(abstract_of("ok_final.pdf")),
            first_public: Some("2022-03-01".into()),
            ..options(Kind::Paper)
        },
    );
    assert_eq!(ids(&r), all_ids());
    assert_eq!(r.kind, "paper");
    assert_eq!(r.profile, "snn-2022");
    assert_eq!(r.schema, 1);
    for c in &r.checks {
        assert_ne!(
            c.status,
            Status::Skip,
            "{} is skipped for a paper: {}",
            c.id,
            c.message
        );
    }
    assert_eq!(r.verdict, Status::Pass, "{}", statuses(&r));
}

#[test]
fn paper_is_the_default_kind() {
    assert_eq!(Options::default().kind, Kind::Paper);
    let r = report("long_7_pages.pdf", &Options::default());
    assert_eq!(r.kind, "paper");
    assert_eq!(status(&r, "page-limit"), Status::Fail);
}

#[test]
fn the_format_checks_fail_a_paper() {
    for (pdf, id) in [
        ("paper_a4.pdf", "page-size"),
        ("margins_narrow.pdf", "margins"),
        ("font_computer_modern.pdf", "font-family"),
        ("font_9pt.pdf", "font-size"),
        ("long_7_pages.pdf", "page-limit"),
    ] {
        let r = run(pdf, Kind::Paper);
        assert_eq!(status(&r, id), Status::Fail, "{pdf}: {}", statuses(&r));
        assert_eq!(r.verdict, Status::Fail);
    }
}

// ---------------------------------------------------------------- position

#[test]
fn a_position_paper_has_no_page_limit() {
    let r = run("long_7_pages.pdf", Kind::Position);
    assert_eq!(r.kind, "position");
    assert_eq!(ids(&r), all_ids());
    let c = get(&r, "page-limit");
    assert_eq!(c.status, Status::Skip);
    assert!(!c.message.is_empty(), "a skip says why");
    assert!(c.findings.is_empty());
}

#[test]
fn a_position_paper_only_warns_on_format() {
    for (pdf, id) in [
        ("paper_a4.pdf", "page-size"),
        ("margins_narrow.pdf", "margins"),
        ("font_computer_modern.pdf", "font-family"),
        ("font_9pt.pdf", "font-size"),
        ("twocolumn_other_template.pdf", "template"),
        ("twocolumn_other_template.pdf", "margins"),
    ] {
        let paper = run(pdf, Kind::Paper);
        let position = run(pdf, Kind::Position);
        assert_ne!(
            status(&paper, id),
            Status::Pass,
            "{pdf}: {id} should be judged wrong for a paper"
        );
        assert_eq!(
            status(&position, id),
            Status::Warn,
            "{pdf}: {id} for a position paper:\n{}",
            statuses(&position)
        );
        // The warning keeps what was found.
        assert!(!get(&position, id).message.is_empty());
        assert_eq!(
            get(&paper, id).findings,
            get(&position, id).findings,
            "{pdf}: {id} keeps its findings"
        );
        for f in FORMAT {
            assert_ne!(
                status(&position, f),
                Status::Fail,
                "{pdf}: {f} fails a position paper"
            );
        }
    }
}

#[test]
fn a_position_paper_still_fails_what_is_not_format() {
    assert_eq!(
        status(
            &run("font_not_embedded.pdf", Kind::Position),
            "fonts-embedded"
        ),
        Status::Fail
    );
    assert_eq!(
        status(
            &run("abstract_too_long.pdf", Kind::Position),
            "abstract-length"
        ),
        Status::Fail
    );
    assert_eq!(
        status(&run("arxiv_2020.pdf", Kind::Position), "recency"),
        Status::Fail
    );
    assert_eq!(
        status(
            &run("encrypted_password.pdf", Kind::Position),
            "file-format"
        ),
        Status::Fail
    );
}

#[test]
fn a_position_paper_passing_format_is_not_downgraded() {
    let r = run("ok_final.pdf", Kind::Position);
    for id in FORMAT {
        assert_eq!(status(&r, id), Status::Pass, "{id}: {}", statuses(&r));
    }
}

/// A profile is data with per-kind rules (SPEC §2), and `pageLimits.position` exists
/// in it and is read by `run_pdf_checks`; but `apply_kind` then skips `page-limit` for
/// every position paper whatever the profile says, so that field can never take effect.
#[test]
fn a_profile_page_limit_for_position_papers_is_applied() {
    let mut profile = precheck::profile::builtin("snn-2022").unwrap();
    profile.id = "position-limited".into();
    profile.page_limits.position = Some(precheck::profile::PageLimit {
        pass_max: 4,
        warn_max: 5,
    });
    let r = report(
        "long_7_pages.pdf",
        &Options {
            profile: ProfileChoice::Custom(Box::new(profile)),
            ..options(Kind::Position)
        },
    );
    assert_eq!(status(&r, "page-limit"), Status::Fail, "{}", statuses(&r));
}

// ---------------------------------------------------------------- published

#[test]
fn a_published_paper_skips_its_format_but_not_its_page_size() {
    for pdf in [
        "margins_narrow.pdf",
        "font_computer_modern.pdf",
        "font_9pt.pdf",
        "twocolumn_other_template.pdf",
        "long_7_pages.pdf",
    ] {
        let r = run(pdf, Kind::Published);
        assert_eq!(r.kind, "published");
        assert_eq!(ids(&r), all_ids());
        for id in PUBLISHED_SKIPS {
            let c = get(&r, id);
            assert_eq!(c.status, Status::Skip, "{pdf}: {id}");
            assert!(
                !c.message.is_empty() && c.findings.is_empty() && c.hint.is_none(),
                "{pdf}: {id}: {c:?}"
            );
        }
        assert_ne!(status(&r, "page-size"), Status::Skip, "{pdf}");
        assert_ne!(status(&r, "file-format"), Status::Skip, "{pdf}");
    }
    // Page size is still judged, and an A4 copy still fails it.
    let a4 = run("paper_a4.pdf", Kind::Published);
    assert_eq!(status(&a4, "page-size"), Status::Fail, "{}", statuses(&a4));
    assert_eq!(a4.verdict, Status::Fail);
}

#[test]
fn a_published_paper_still_needs_embedded_fonts_and_a_short_abstract() {
    assert_eq!(
        status(
            &run("font_not_embedded.pdf", Kind::Published),
            "fonts-embedded"
        ),
        Status::Fail
    );
    assert_eq!(
        status(&run("font_type3.pdf", Kind::Published), "fonts-type3"),
        Status::Warn
    );
    assert_eq!(
        status(
            &run("abstract_too_long.pdf", Kind::Published),
            "abstract-length"
        ),
        Status::Fail
    );
}

// ---------------------------------------------------------------- poster

#[test]
fn a_poster_skips_the_format_and_the_page_size() {
    for pdf in [
        "poster_a0.pdf",
        "paper_a4.pdf",
        "margins_narrow.pdf",
        "font_9pt.pdf",
    ] {
        let r = run(pdf, Kind::Poster);
        assert_eq!(r.kind, "poster");
        assert_eq!(ids(&r), all_ids());
        for id in PUBLISHED_SKIPS.iter().chain(&["page-size"]) {
            assert_eq!(status(&r, id), Status::Skip, "{pdf}: {id}");
        }
        assert_eq!(status(&r, "file-format"), Status::Pass, "{pdf}");
        assert_ne!(status(&r, "fonts-embedded"), Status::Skip, "{pdf}");
    }
    assert_eq!(
        status(
            &run("font_not_embedded.pdf", Kind::Poster),
            "fonts-embedded"
        ),
        Status::Fail
    );
}

// ---------------------------------------------------------------- blog

#[test]
fn a_blog_post_gets_only_the_abstract_and_recency() {
    let o = Options {
        abstract_text: Some(abstract_of("ok_final.pdf")),
        first_public: Some("2022-03-01".into()),
        ..options(Kind::Blog)
    };
    let r = precheck::check(None, &o).expect("valid");
    assert_eq!(r.kind, "blog");
    assert_eq!(ids(&r), ["abstract-length", "recency"]);
    assert_eq!(status(&r, "abstract-length"), Status::Pass);
    assert_eq!(status(&r, "recency"), Status::Pass);
    assert_eq!(r.verdict, Status::Pass);
    let a = r
        .document
        .abstract_summary
        .as_ref()
        .expect("the abstract is summarised");
    assert_eq!(a.source, "input");
    assert_eq!(
        a.words,
        precheck::count_words(o.abstract_text.as_deref().unwrap())
    );
    assert_eq!(r.document.pages, 0);
}

#[test]
fn a_blog_post_judges_its_abstract_and_date() {
    let long = Options {
        abstract_text: Some(abstract_of("abstract_too_long.pdf")),
        ..options(Kind::Blog)
    };
    let r = precheck::check(None, &long).unwrap();
    assert_eq!(status(&r, "abstract-length"), Status::Fail);
    assert_eq!(status(&r, "recency"), Status::Warn, "no date: asks for one");
    assert_eq!(r.verdict, Status::Fail);

    let old = Options {
        abstract_text: Some("Short.".into()),
        first_public: Some("2020-01-01".into()),
        ..options(Kind::Blog)
    };
    assert_eq!(
        status(&precheck::check(None, &old).unwrap(), "recency"),
        Status::Fail
    );

    let none = precheck::check(None, &options(Kind::Blog)).unwrap();
    assert_eq!(ids(&none), ["abstract-length", "recency"]);
    assert_eq!(
        status(&none, "abstract-length"),
        Status::Skip,
        "no abstract at all"
    );
}

#[test]
fn a_blog_post_given_a_pdf_anyway_still_gets_two_checks() {
    let r = report("ok_final.pdf", &options(Kind::Blog));
    assert_eq!(ids(&r), ["abstract-length", "recency"]);
}

// ---------------------------------------------------------------- no PDF

#[test]
fn a_paper_without_a_pdf_gets_a_failing_report() {
    for kind in [Kind::Paper, Kind::Position, Kind::Published, Kind::Poster] {
        let o = Options {
            abstract_text: Some("We prune.".into()),
            ..options(kind)
        };
        let r = precheck::check(None, &o).expect("no PDF is not an options error");
        assert_eq!(ids(&r), all_ids(), "{kind:?}");
        let ff = get(&r, "file-format");
        assert_eq!(ff.status, Status::Fail, "{kind:?}");
        assert!(!ff.message.is_empty());
        for id in [
            "page-size",
            "page-limit",
            "margins",
            "font-family",
            "font-size",
            "fonts-embedded",
            "fonts-type3",
            "template",
        ] {
            assert_eq!(status(&r, id), Status::Skip, "{kind:?}: {id}");
        }
        assert_eq!(
            status(&r, "abstract-length"),
            Status::Pass,
            "the given abstract is still judged"
        );
        assert_eq!(r.verdict, Status::Fail);
        assert_eq!(r.document.bytes, 0);
    }
}

// ---------------------------------------------------------------- dates

fn recency_with(first_public: Option<&str>, today: Option<&str>) -> Check {
    let o = Options {
        abstract_text: Some(abstract_of("ok_final.pdf")),
        first_public: first_public.map(str::to_string),
        today: today.map(str::to_string),
        ..options(Kind::Paper)
    };
    get(&report("ok_final.pdf", &o), "recency").clone()
}

#[test]
fn today_after_the_first_public_date_is_fine() {
    assert_eq!(
        recency_with(Some("2022-03-01"), Some("2022-05-01")).status,
        Status::Pass
    );
    assert_eq!(
        recency_with(Some("2022-03-01"), Some("2022-03-01")).status,
        Status::Pass,
        "the same day is not the future"
    );
    assert_eq!(recency_with(Some("2022-03-01"), None).status, Status::Pass);
}

#[test]
fn a_first_public_date_after_today_warns() {
    let c = recency_with(Some("2022-03-01"), Some("2022-02-01"));
    assert_eq!(c.status, Status::Warn, "{}", c.message);
    assert!(c.message.contains("2022-03-01"), "{}", c.message);
}

#[test]
fn an_invalid_first_public_date_is_an_options_error() {
    for bad in ["2021-02-30", "2021-13-01", "yesterday", "2021/07/13"] {
        let o = Options {
            first_public: Some(bad.into()),
            ..options(Kind::Paper)
        };
        let e = precheck::check(Some(&bytes("ok_final.pdf")), &o).expect_err(bad);
        assert_eq!(
            e,
            OptionsError::InvalidDate {
                option: "firstPublic",
                value: bad.into()
            }
        );
        assert!(e.to_string().contains(bad), "{e}");
        // Also for a blog post, which reads no PDF.
        let blog = Options {
            first_public: Some(bad.into()),
            ..options(Kind::Blog)
        };
        assert!(
            matches!(
                precheck::check(None, &blog),
                Err(OptionsError::InvalidDate { .. })
            ),
            "{bad}"
        );
    }
}

#[test]
fn an_invalid_today_is_an_options_error() {
    let o = Options {
        today: Some("2022-02-29".into()),
        ..options(Kind::Paper)
    };
    let e = precheck::check(Some(&bytes("ok_final.pdf")), &o).unwrap_err();
    assert_eq!(
        e,
        OptionsError::InvalidDate {
            option: "today",
            value: "2022-02-29".into()
        }
    );
}

#[test]
fn an_empty_first_public_is_no_date() {
    let o = Options {
        first_public: Some("  ".into()),
        ..options(Kind::Paper)
    };
    assert!(precheck::check(Some(&bytes("ok_final.pdf")), &o).is_ok());
}

// ---------------------------------------------------------------- profiles

#[test]
fn an_unknown_profile_is_an_options_error() {
    let o = Options {
        profile: ProfileChoice::Builtin("nope".into()),
        ..options(Kind::Paper)
    };
    let e = precheck::check(Some(&bytes("ok_final.pdf")), &o).unwrap_err();
    assert_eq!(e, OptionsError::UnknownProfile("nope".into()));
    assert!(
        e.to_string().contains("snn-2022"),
        "the message lists the built-in profiles: {e}"
    );
}

#[test]
fn an_invalid_custom_profile_is_an_options_error() {
    let mut p = precheck::profile::builtin("snn-2022").unwrap();
    p.page_limits.paper = Some(precheck::profile::PageLimit {
        pass_max: 6,
        warn_max: 5,
    });
    let o = Options {
        profile: ProfileChoice::Custom(Box::new(p)),
        ..options(Kind::Paper)
    };
    match precheck::check(Some(&bytes("ok_final.pdf")), &o) {
        Err(OptionsError::InvalidProfile(why)) => assert!(why.contains("warnMax"), "{why}"),
        other => panic!("want InvalidProfile, got {other:?}"),
    }
}

#[test]
fn the_neurips_profile_is_chosen_by_id() {
    let o = Options {
        profile: ProfileChoice::Builtin("neurips-2022".into()),
        ..options(Kind::Paper)
    };
    let r = report("long_7_pages.pdf", &o);
    assert_eq!(r.profile, "neurips-2022");
    assert_eq!(status(&r, "page-limit"), Status::Pass);
}

// ---------------------------------------------------------------- options as JSON

#[test]
fn options_deserialise_from_the_js_shape() {
    let json = r#"{"abstract":"We prune 90% of weights.","kind":"position","firstPublic":"2022-01-01","profile":"neurips-2022"}"#;
    let o: Options = serde_json::from_str(json).expect("the JS options parse");
    assert_eq!(o.abstract_text.as_deref(), Some("We prune 90% of weights."));
    assert_eq!(o.kind, Kind::Position);
    assert_eq!(o.first_public.as_deref(), Some("2022-01-01"));
    assert!(matches!(&o.profile, ProfileChoice::Builtin(id) if id == "neurips-2022"));
    let r = report("long_7_pages.pdf", &o);
    assert_eq!(r.kind, "position");
    assert_eq!(r.profile, "neurips-2022");
    assert_eq!(status(&r, "page-limit"), Status::Skip);
    assert_eq!(
        r.document
            .abstract_summary
            .as_ref()
            .map(|a| (a.source, a.words)),
        Some(("input", 5))
    );
}

#[test]
fn options_json_may_leave_everything_out() {
    let o: Options = serde_json::from_str("{}").unwrap();
    assert_eq!(o.kind, Kind::Paper);
    assert!(o.abstract_text.is_none() && o.first_public.is_none() && o.today.is_none());
    assert!(matches!(&o.profile, ProfileChoice::Builtin(id) if id == precheck::DEFAULT_PROFILE));
}

#[test]
fn options_json_refuses_unknown_keys_and_kinds() {
    let e = serde_json::from_str::<Options>(r#"{"abstract":"x","firstPublished":"2022-01-01"}"#)
        .unwrap_err();
    assert!(e.to_string().contains("firstPublished"), "{e}");
    assert!(
        serde_json::from_str::<Options>(r#"{"first_public":"2022-01-01"}"#).is_err(),
        "snake_case is not the JSON shape"
    );
    assert!(serde_json::from_str::<Options>(r#"{"kind":"essay"}"#).is_err());
    assert!(
        serde_json::from_str::<Options>(r#"{"kind":"Paper"}"#).is_err(),
        "kinds are lower case"
    );
}

#[test]
fn options_json_takes_a_whole_profile() {
    let mut profile =
        serde_json::to_value(precheck::profile::builtin("snn-2022").unwrap()).unwrap();
    profile["id"] = "custom".into();
    profile["pageLimits"]["paper"]["passMax"] = 7.into();
    profile["pageLimits"]["paper"]["warnMax"] = 7.into();
    let json = serde_json::json!({ "kind": "paper", "profile": profile }).to_string();
    let o: Options = serde_json::from_str(&json).expect("a custom profile parses");
    assert!(matches!(&o.profile, ProfileChoice::Custom(_)));
    let r = report("long_7_pages.pdf", &o);
    assert_eq!(r.profile, "custom");
    assert_eq!(status(&r, "page-limit"), Status::Pass);
}

// ---------------------------------------------------------------- verdict

fn c(status: Status) -> Check {
    Check::new(CheckId::FileSize, status, "m")
}

#[test]
fn the_verdict_is_fail_over_warn_over_pass() {
    use Status::*;
    assert_eq!(verdict(&[]), Pass);
    assert_eq!(verdict(&[c(Pass), c(Skip)]), Pass);
    assert_eq!(verdict(&[c(Skip)]), Pass, "skips alone do not warn");
    assert_eq!(verdict(&[c(Pass), c(Warn), c(Skip)]), Warn);
    assert_eq!(verdict(&[c(Warn), c(Fail), c(Pass)]), Fail);
    assert_eq!(verdict(&[c(Fail), c(Warn)]), Fail);
}

#[test]
fn every_report_verdict_follows_the_rule() {
    for pdf in [
        "ok_final.pdf",
        "long_5_pages.pdf",
        "margins_narrow.pdf",
        "template_2021.pdf",
        "paper_a4.pdf",
    ] {
        for kind in [
            Kind::Paper,
            Kind::Position,
            Kind::Published,
            Kind::Poster,
            Kind::Blog,
        ] {
            let r = run(pdf, kind);
            let any = |s: Status| r.checks.iter().any(|c| c.status == s);
            let want = if any(Status::Fail) {
                Status::Fail
            } else if any(Status::Warn) {
                Status::Warn
            } else {
                Status::Pass
            };
            assert_eq!(r.verdict, want, "{pdf} as {kind:?}:\n{}", statuses(&r));
        }
    }
    // One of each, from fixtures: a warning alone (5 pages) and a failure.
    let five = report(
        "long_5_pages.pdf",
        &Options {
            abstract_text: Some(abstract_of("long_5_pages.pdf")),
            first_public: Some("2022-03-01".into()),
            ..options(Kind::Paper)
        },
    );
    assert_eq!(status(&five, "page-limit"), Status::Warn);
    assert_ne!(five.verdict, Status::Pass);
    assert_eq!(run("paper_a4.pdf", Kind::Paper).verdict, Status::Fail);
}

// ---------------------------------------------------------------- determinism

#[test]
fn the_same_input_gives_the_same_json() {
    for pdf in [
        "ok_final.pdf",
        "margins_narrow.pdf",
        "font_type3.pdf",
        "twocolumn_other_template.pdf",
    ] {
        for kind in [Kind::Paper, Kind::Position] {
            let a = serde_json::to_string(&run(pdf, kind)).unwrap();
            let b = serde_json::to_string(&run(pdf, kind)).unwrap();
            assert_eq!(a, b, "{pdf} as {kind:?}");
        }
    }
}

/// The profile's self-description and the report follow one rule: a check the
/// description skips for a kind is skipped in the report with the same reason, and
/// one it applies is judged (ok_final reads whole, so every applying check has a
/// verdict).
#[test]
fn the_profile_description_is_what_the_report_does() {
    let pdf = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/ok_final.pdf"
    ))
    .unwrap();
    for id in precheck::profile::BUILTIN {
        let profile = precheck::profile::builtin(id).unwrap();
        let info = serde_json::to_value(profile.describe()).unwrap();
        for kind in precheck::Kind::ALL {
            let options = precheck::Options {
                kind,
                abstract_text: Some("Sparse training works.".into()),
                profile: precheck::ProfileChoice::Builtin(id.into()),
                ..precheck::Options::default()
            };
            let bytes = (kind != precheck::Kind::Blog).then_some(&pdf[..]);
            let report = serde_json::to_value(precheck::check(bytes, &options).unwrap()).unwrap();
            let rules = info["kinds"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["kind"] == kind.as_str())
                .unwrap();
            for rule in rules["checks"].as_array().unwrap() {
                let check = report["checks"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["id"] == rule["id"]);
                match (rule["applies"].as_str().unwrap(), check) {
                    // A blog post's report holds only the checks that apply.
                    ("skip", None) => assert_eq!(kind, precheck::Kind::Blog),
                    ("skip", Some(c)) => {
                        assert_eq!(
                            (&c["status"], &c["message"]),
                            (&"skip".into(), &rule["why"]),
                            "{id} {kind:?} {}",
                            rule["id"]
                        )
                    }
                    (_, Some(c)) => assert_ne!(c["status"], "skip", "{id} {kind:?} {}", rule["id"]),
                    (_, None) => panic!(
                        "{id} {kind:?}: {} applies but is not in the report",
                        rule["id"]
                    ),
                }
            }
        }
    }
}
