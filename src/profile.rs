//! A call for papers' rules as data (SPEC §2): dates, limits, page geometry and
//! tolerances, accepted fonts and notices, and page limits per kind. `snn-2022` is the
//! default; `neurips-2022` (main track) shows the rules are not hard-wired; any other
//! profile arrives as JSON and is validated before use.

use crate::Kind;
use crate::checks::Applies;
use crate::date::Date;
use crate::report::CheckId;
use serde::{Deserialize, Serialize};

/// Page limits for one kind: pass up to `pass_max` content pages, warn up to `warn_max`,
/// fail beyond. `None` means no limit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PageLimit {
    pub pass_max: u32,
    pub warn_max: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Dates {
    pub deadline: Date,
    /// Work first made public before this day is too old; `None`: the call sets no
    /// such rule, and `recency` is skipped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub earliest_public: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<Date>,
}

/// The template's page and text block, in points (SPEC §2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Geometry {
    pub page_width_pt: f64,
    pub page_height_pt: f64,
    /// How far a page may be off the required size.
    pub page_tolerance_pt: f64,
    pub block_left_pt: f64,
    pub block_top_pt: f64,
    pub block_width_pt: f64,
    pub block_height_pt: f64,
    /// Page 1 may run this much lower (two lines in NeurIPS).
    pub first_page_extra_bottom_pt: f64,
    /// Outside the block by up to this much is ignored.
    pub margin_ignore_pt: f64,
    /// Outside by more than this fails; in between warns.
    pub margin_fail_pt: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Fonts {
    /// Human name of the required body family, for messages.
    pub body_family: String,
    /// Lower-case fragments of PostScript names that belong to the family
    /// (compared with names lower-cased and stripped of `-`, `_`, spaces).
    pub body_family_names: Vec<String>,
    /// Share of body-size glyphs that must be in the family.
    pub body_family_min_share: f64,
    pub body_size_pt: f64,
    pub body_size_tolerance_pt: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Template {
    /// Human name, for messages: `NeurIPS 2022`.
    pub name: String,
    /// Notices that prove the template (compared case- and space-insensitively; a
    /// notice passes when it contains one of these).
    pub notices: Vec<String>,
    /// A notice containing one of these words, on a page with the template's
    /// geometry, is a workshop edition of the style.
    pub workshop_words: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Kinds {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paper: Option<PageLimit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<PageLimit>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Profile {
    /// Stable id, kebab-case: `snn-2022`.
    pub id: String,
    /// The venue as authors know it.
    pub name: String,
    pub dates: Dates,
    pub abstract_max_words: usize,
    pub abstract_max_chars: usize,
    /// OpenReview's cap on a PDF, in bytes.
    pub max_file_bytes: u64,
    pub geometry: Geometry,
    pub fonts: Fonts,
    pub template: Template,
    pub page_limits: Kinds,
}

/// Why a profile was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileError(pub String);

impl std::fmt::Display for ProfileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub const BUILTIN: [&str; 2] = ["snn-2022", "neurips-2022"];

fn date(s: &str) -> Date {
    // The built-in literals below are valid dates; a typo would show in the tests.
    Date::parse(s).unwrap_or(Date {
        year: 1970,
        month: 1,
        day: 1,
    })
}

fn neurips_geometry() -> Geometry {
    Geometry {
        page_width_pt: 612.0,
        page_height_pt: 792.0,
        page_tolerance_pt: 3.0,
        block_left_pt: 108.0,
        block_top_pt: 72.0,
        block_width_pt: 396.0,
        block_height_pt: 648.0,
        first_page_extra_bottom_pt: 22.0,
        margin_ignore_pt: 4.0,
        margin_fail_pt: 10.0,
    }
}

fn neurips_fonts() -> Fonts {
    Fonts {
        body_family: "Times".into(),
        body_family_names: [
            "times",
            "nimbusromno9l",
            "nimbusroman",
            "nimbusrom",
            "texgyretermes",
            "termes",
            "tinos",
            "liberationserif",
            "utm",
            "ptmr",
            "rtxr",
            "rtxb",
            "rtxi",
            "ntxtlf",
            "newtxtext",
            "stixtwotext",
            "stix",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        body_family_min_share: 0.8,
        body_size_pt: 10.0,
        body_size_tolerance_pt: 0.3,
    }
}

fn neurips_2022_template() -> Template {
    Template {
        name: "NeurIPS 2022".into(),
        notices: vec![
            "Submitted to 36th Conference on Neural Information Processing Systems (NeurIPS 2022)"
                .into(),
            "36th Conference on Neural Information Processing Systems (NeurIPS 2022)".into(),
            "Preprint. Under review.".into(),
        ],
        workshop_words: vec!["workshop".into()],
    }
}

/// A call on the NeurIPS 2022 style: what both built-in profiles share.
fn neurips_style(id: &str, name: &str, dates: Dates, paper: PageLimit) -> Profile {
    Profile {
        id: id.into(),
        name: name.into(),
        dates,
        abstract_max_words: 250,
        abstract_max_chars: 5000,
        max_file_bytes: 50_000_000,
        geometry: neurips_geometry(),
        fonts: neurips_fonts(),
        template: neurips_2022_template(),
        page_limits: Kinds {
            paper: Some(paper),
            position: None,
        },
    }
}

/// A built-in profile by id.
pub fn builtin(id: &str) -> Option<Profile> {
    match id {
        "snn-2022" => Some(neurips_style(
            "snn-2022",
            "Sparsity in Neural Networks workshop 2022",
            Dates {
                deadline: date("2022-06-13"),
                earliest_public: Some(date("2021-07-13")),
                notification: Some(date("2022-07-02")),
                event: Some(date("2022-07-13")),
            },
            PageLimit {
                pass_max: 4,
                warn_max: 5,
            },
        )),
        "neurips-2022" => Some(neurips_style(
            "neurips-2022",
            "NeurIPS 2022 main track",
            Dates {
                deadline: date("2022-05-19"),
                earliest_public: None,
                notification: Some(date("2022-09-14")),
                event: Some(date("2022-11-28")),
            },
            PageLimit {
                pass_max: 9,
                warn_max: 9,
            },
        )),
        _ => None,
    }
}

/// What a UI needs to explain a profile's rules without restating them (the core's
/// own description, so no front end drifts from what the checks do): the profile as
/// data, and per kind which checks apply.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileInfo {
    #[serde(flatten)]
    pub profile: Profile,
    /// Per kind of submission, in the order of `Kind::ALL`.
    pub kinds: Vec<KindInfo>,
}

/// The rules for one kind of submission.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KindInfo {
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page_limit: Option<PageLimit>,
    /// Every check, in report order, with whether it applies.
    pub checks: Vec<CheckRule>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckRule {
    pub id: CheckId,
    pub title: &'static str,
    #[serde(flatten)]
    pub applies: Applies,
}

impl Profile {
    /// The profile described for a UI: its limits, dates, geometry and fonts, and which
    /// checks apply to each kind (the same rule the report follows).
    pub fn describe(&self) -> ProfileInfo {
        let kinds = Kind::ALL
            .into_iter()
            .map(|kind| KindInfo {
                kind: kind.as_str(),
                page_limit: match kind {
                    Kind::Paper => self.page_limits.paper.clone(),
                    Kind::Position => self.page_limits.position.clone(),
                    _ => None,
                },
                checks: CheckId::ALL
                    .into_iter()
                    .map(|id| CheckRule {
                        id,
                        title: id.title(),
                        applies: crate::checks::applies(kind, id, self),
                    })
                    .collect(),
            })
            .collect();
        ProfileInfo {
            profile: self.clone(),
            kinds,
        }
    }

    /// Parses and validates a profile given as JSON.
    pub fn from_json(json: &str) -> Result<Profile, ProfileError> {
        let profile: Profile = serde_json::from_str(json)
            .map_err(|e| ProfileError(format!("the profile is not valid: {e}")))?;
        profile.validate()?;
        Ok(profile)
    }

    /// Checks what serde cannot: positive sizes, ordered limits and dates.
    pub fn validate(&self) -> Result<(), ProfileError> {
        let err = |m: String| Err(ProfileError(m));
        let g = &self.geometry;
        let lengths = [
            ("pageWidthPt", g.page_width_pt),
            ("pageHeightPt", g.page_height_pt),
            ("blockWidthPt", g.block_width_pt),
            ("blockHeightPt", g.block_height_pt),
        ];
        for (name, v) in lengths {
            if !(v.is_finite() && v > 0.0 && v < 100_000.0) {
                return err(format!(
                    "geometry.{name} must be a positive number of points, not {v}"
                ));
            }
        }
        let offsets = [
            ("pageTolerancePt", g.page_tolerance_pt),
            ("blockLeftPt", g.block_left_pt),
            ("blockTopPt", g.block_top_pt),
            ("firstPageExtraBottomPt", g.first_page_extra_bottom_pt),
            ("marginIgnorePt", g.margin_ignore_pt),
            ("marginFailPt", g.margin_fail_pt),
        ];
        for (name, v) in offsets {
            if !(v.is_finite() && (0.0..100_000.0).contains(&v)) {
                return err(format!(
                    "geometry.{name} must be zero or a positive number of points, not {v}"
                ));
            }
        }
        if g.margin_fail_pt < g.margin_ignore_pt {
            return err("geometry.marginFailPt must not be below marginIgnorePt".into());
        }
        if g.block_left_pt + g.block_width_pt > g.page_width_pt
            || g.block_top_pt + g.block_height_pt > g.page_height_pt
        {
            return err("the text block does not fit on the page".into());
        }
        let f = &self.fonts;
        if !(f.body_family_min_share.is_finite() && (0.0..=1.0).contains(&f.body_family_min_share))
        {
            return err("fonts.bodyFamilyMinShare must be between 0 and 1".into());
        }
        if !(f.body_size_pt.is_finite()
            && f.body_size_pt > 0.0
            && f.body_size_tolerance_pt.is_finite()
            && f.body_size_tolerance_pt >= 0.0)
        {
            return err(
                "fonts.bodySizePt must be positive and bodySizeTolerancePt not negative".into(),
            );
        }
        if f.body_family_names.iter().any(|n| n.trim().is_empty()) {
            return err("fonts.bodyFamilyNames must not hold empty names".into());
        }
        for (kind, limit) in [
            ("paper", &self.page_limits.paper),
            ("position", &self.page_limits.position),
        ] {
            if let Some(l) = limit
                && l.warn_max < l.pass_max
            {
                return err(format!(
                    "pageLimits.{kind}.warnMax must not be below passMax"
                ));
            }
        }
        if self
            .dates
            .earliest_public
            .is_some_and(|e| e > self.dates.deadline)
        {
            return err("dates.earliestPublic must not be after dates.deadline".into());
        }
        if self.id.trim().is_empty() {
            return err("the profile needs an id".into());
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_are_valid_and_round_trip_through_json() {
        for id in BUILTIN {
            let p = builtin(id).unwrap();
            p.validate().unwrap();
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(Profile::from_json(&json).unwrap(), p);
        }
        assert_eq!(
            builtin("snn-2022")
                .unwrap()
                .dates
                .earliest_public
                .map(|d| d.to_string()),
            Some("2021-07-13".to_string())
        );
    }

    #[test]
    fn the_description_says_which_checks_apply_to_each_kind() {
        let info = builtin("snn-2022").unwrap().describe();
        let json = serde_json::to_value(&info).unwrap();
        let published = json["kinds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|k| k["kind"] == "published")
            .unwrap();
        let applies = |id: &str| {
            let c = published["checks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["id"] == id)
                .unwrap();
            (c["applies"].as_str().unwrap().to_string(), c["why"].clone())
        };
        // The widget once told published-paper authors "no page, margin or font rules".
        assert_eq!(applies("page-size").0, "yes");
        assert_eq!(applies("fonts-embedded").0, "yes");
        assert_eq!(
            applies("margins"),
            (
                "skip".to_string(),
                "a published paper is submitted in the form it was published".into()
            )
        );
        let paper = &json["kinds"][0];
        assert_eq!(paper["kind"], "paper");
        assert_eq!(paper["pageLimit"]["passMax"], 4);
        assert_eq!(json["dates"]["earliestPublic"], "2021-07-13");
        let position = &json["kinds"][1]["checks"][2];
        assert_eq!(
            (position["id"].clone(), position["applies"].clone()),
            ("page-size".into(), "warn-only".into())
        );
        // The main track has no recency rule: the description says recency is skipped.
        let main = serde_json::to_value(builtin("neurips-2022").unwrap().describe()).unwrap();
        assert_eq!(main["kinds"][0]["checks"][11]["applies"], "skip");
    }

    #[test]
    fn unknown_keys_and_bad_values_are_refused_with_a_reason() {
        let mut json: serde_json::Value =
            serde_json::to_value(builtin("snn-2022").unwrap()).unwrap();
        json["abstractMaxWord"] = 3.into();
        let e = Profile::from_json(&json.to_string()).unwrap_err();
        assert!(e.0.contains("abstractMaxWord"), "{e}");

        let mut json: serde_json::Value =
            serde_json::to_value(builtin("snn-2022").unwrap()).unwrap();
        json["geometry"]["marginFailPt"] = 1.0.into();
        assert!(
            Profile::from_json(&json.to_string())
                .unwrap_err()
                .0
                .contains("marginFailPt")
        );

        let mut json: serde_json::Value =
            serde_json::to_value(builtin("snn-2022").unwrap()).unwrap();
        json["dates"]["deadline"] = "2022-02-30".into();
        assert!(
            Profile::from_json(&json.to_string())
                .unwrap_err()
                .0
                .contains("2022-02-30")
        );

        assert!(Profile::from_json("not json").is_err());
    }
}
