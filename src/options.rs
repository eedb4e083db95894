//! What the author (or organizer) tells precheck besides the PDF: the kind of
//! submission, the profile, the dates and the abstract, and the one place they are
//! validated ([`Options::resolve`]), by [`crate::check`], [`crate::validate`], the CLI and
//! the wasm binding alike.

use serde::Deserialize;

use crate::checks;
use crate::date::Date;
use crate::profile::{self, Profile};

/// The kinds of accompanying material the call accepts (SPEC §2, §3).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    #[default]
    Paper,
    Position,
    Published,
    Poster,
    Blog,
}

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Paper,
        Kind::Position,
        Kind::Published,
        Kind::Poster,
        Kind::Blog,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Paper => "paper",
            Kind::Position => "position",
            Kind::Published => "published",
            Kind::Poster => "poster",
            Kind::Blog => "blog",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// The rules to check against: a built-in profile's id, or a whole profile.
#[derive(Clone, Debug)]
pub enum ProfileChoice {
    Builtin(String),
    Custom(Box<Profile>),
}

/// By hand rather than `#[serde(untagged)]`: an untagged enum's only error is "data did
/// not match any variant", where a profile with a misspelt key should name the key.
impl<'de> Deserialize<'de> for ProfileChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Choice;
        impl<'de> serde::de::Visitor<'de> for Choice {
            type Value = ProfileChoice;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a built-in profile id or a whole profile")
            }
            fn visit_str<E: serde::de::Error>(self, id: &str) -> Result<ProfileChoice, E> {
                Ok(ProfileChoice::Builtin(id.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<ProfileChoice, A::Error> {
                Profile::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(|p| ProfileChoice::Custom(Box::new(p)))
            }
        }
        deserializer.deserialize_any(Choice)
    }
}

impl Default for ProfileChoice {
    fn default() -> Self {
        ProfileChoice::Builtin(DEFAULT_PROFILE.to_string())
    }
}

/// What the author (or organizer) tells precheck besides the PDF.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, deny_unknown_fields)]
pub struct Options {
    /// The abstract as pasted.
    #[serde(rename = "abstract")]
    pub abstract_text: Option<String>,
    pub kind: Kind,
    /// The date the work was first made public, `YYYY-MM-DD`, or `not-yet` (work in
    /// progress, eligible).
    pub first_public: Option<String>,
    /// Today's date, `YYYY-MM-DD`; the core reads no clock.
    pub today: Option<String>,
    pub profile: ProfileChoice,
    /// Include each page's map (its lines, images and drawings) in the report, for
    /// drawing the pages; off by default so reports stay small.
    pub layout: bool,
}

/// Why no report could be made: the options themselves are wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionsError {
    /// No built-in profile has this id.
    UnknownProfile(String),
    /// A custom profile failed validation.
    InvalidProfile(String),
    /// A date option is not `YYYY-MM-DD` or not a real day.
    InvalidDate { option: &'static str, value: String },
}

impl std::fmt::Display for OptionsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionsError::UnknownProfile(id) => {
                write!(
                    f,
                    "unknown profile `{id}` (built in: {})",
                    profile::BUILTIN.join(", ")
                )
            }
            OptionsError::InvalidProfile(why) => write!(f, "{why}"),
            OptionsError::InvalidDate { option, value } => {
                let what = match *option {
                    "firstPublic" => "the first-public date",
                    "today" => "today's date",
                    other => other,
                };
                if *option == "firstPublic" {
                    write!(
                        f,
                        "{what} `{value}` is not a real date (YYYY-MM-DD) nor `{NOT_YET}`"
                    )
                } else {
                    write!(f, "{what} `{value}` is not a real date (YYYY-MM-DD)")
                }
            }
        }
    }
}

impl std::error::Error for OptionsError {}

/// The profile used when none is chosen.
pub const DEFAULT_PROFILE: &str = "snn-2022";

impl ProfileChoice {
    /// The profile chosen: a built-in one by id, or a custom one once validated.
    pub fn resolve(&self) -> Result<Profile, OptionsError> {
        match self {
            ProfileChoice::Builtin(id) => {
                profile::builtin(id).ok_or_else(|| OptionsError::UnknownProfile(id.clone()))
            }
            ProfileChoice::Custom(p) => {
                p.validate()
                    .map_err(|e| OptionsError::InvalidProfile(e.0))?;
                Ok((**p).clone())
            }
        }
    }
}

/// Options once validated: what the checks are given.
pub(crate) struct Resolved {
    pub profile: Profile,
    pub declared: Option<checks::Declared>,
    pub today: Option<Date>,
}

impl Options {
    /// Validates every option (the profile exists or is valid, the dates are real days)
    /// and turns them into what the checks take.
    pub(crate) fn resolve(&self) -> Result<Resolved, OptionsError> {
        Ok(Resolved {
            profile: self.profile.resolve()?,
            declared: parse_first_public(self.first_public.as_deref())?,
            today: parse_date("today", self.today.as_deref())?,
        })
    }
}

/// The answer an author gives for `firstPublic` meaning the work is not public yet.
pub const NOT_YET: &str = "not-yet";

fn parse_first_public(value: Option<&str>) -> Result<Option<checks::Declared>, OptionsError> {
    match value.map(str::trim) {
        Some(NOT_YET) => Ok(Some(checks::Declared::NotYet)),
        other => Ok(parse_date("firstPublic", other)?.map(checks::Declared::On)),
    }
}

fn parse_date(option: &'static str, value: Option<&str>) -> Result<Option<Date>, OptionsError> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => Date::parse(v)
            .map(Some)
            .ok_or_else(|| OptionsError::InvalidDate {
                option,
                value: v.to_string(),
            }),
    }
}
