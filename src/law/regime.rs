//! Regimes, UK bank-holiday divisions and counting conventions: the vocabulary the clock speaks.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// The statute a request is answered under. It decides which bank holidays count and which
/// extensions exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Regime {
    /// Freedom of Information Act 2000 (England, Wales, Northern Ireland, UK-wide bodies).
    Foia,
    /// Environmental Information Regulations 2004.
    Eir,
    /// Freedom of Information (Scotland) Act 2002.
    Foisa,
}

impl Regime {
    pub const ALL: [Regime; 3] = [Regime::Foia, Regime::Eir, Regime::Foisa];

    pub fn as_str(self) -> &'static str {
        match self {
            Regime::Foia => "foia",
            Regime::Eir => "eir",
            Regime::Foisa => "foisa",
        }
    }

    /// The divisions whose bank holidays are non-working days under this regime.
    ///
    /// FOIA s.10(6) and EIR count a bank holiday "in any part of the United Kingdom", so their
    /// calendar is the union of all three divisions; FOISA s.73 counts Scotland's alone.
    pub fn divisions(self) -> &'static [Division] {
        match self {
            Regime::Foia | Regime::Eir => &Division::ALL,
            Regime::Foisa => &[Division::Scotland],
        }
    }

    /// The regulator a requester complains or appeals to.
    pub fn regulator(self) -> &'static str {
        match self {
            Regime::Foia | Regime::Eir => "ICO",
            Regime::Foisa => "Scottish Information Commissioner",
        }
    }
}

impl fmt::Display for Regime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Regime::Foia => "FOIA",
            Regime::Eir => "EIR",
            Regime::Foisa => "FOISA",
        })
    }
}

/// A word that names no regime, convention or division.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{given}': use one of {expected}")]
pub struct UnknownWord {
    pub what: &'static str,
    pub given: String,
    pub expected: &'static str,
}

impl FromStr for Regime {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "foia" => Ok(Regime::Foia),
            "eir" => Ok(Regime::Eir),
            "foisa" => Ok(Regime::Foisa),
            _ => Err(UnknownWord {
                what: "regime",
                given: s.to_string(),
                expected: "foia, eir, foisa",
            }),
        }
    }
}

/// The three divisions GOV.UK publishes bank holidays for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Division {
    #[serde(rename = "england-and-wales")]
    EnglandAndWales,
    #[serde(rename = "scotland")]
    Scotland,
    #[serde(rename = "northern-ireland")]
    NorthernIreland,
}

impl Division {
    pub const ALL: [Division; 3] = [
        Division::EnglandAndWales,
        Division::Scotland,
        Division::NorthernIreland,
    ];

    /// The identifier GOV.UK uses, and the one stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "england-and-wales",
            Division::Scotland => "scotland",
            Division::NorthernIreland => "northern-ireland",
        }
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            Division::EnglandAndWales => "England and Wales",
            Division::Scotland => "Scotland",
            Division::NorthernIreland => "Northern Ireland",
        }
    }
}

impl fmt::Display for Division {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Division {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "england-and-wales" | "england" | "wales" => Ok(Division::EnglandAndWales),
            "scotland" => Ok(Division::Scotland),
            "northern-ireland" | "ni" => Ok(Division::NorthernIreland),
            _ => Err(UnknownWord {
                what: "division",
                given: s.to_string(),
                expected: "england-and-wales, scotland, northern-ireland",
            }),
        }
    }
}

/// How the day of receipt is treated when it is not a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Convention {
    /// The ICO's reading of the Act: the day of receipt is day 0 whatever day it is.
    #[default]
    Ico,
    /// A common mistake by authorities: receipt on a non-working day counts from the next
    /// working day, which makes them one day later. Offered so a user can see the date an
    /// authority may claim.
    NextWorkingDay,
}

impl Convention {
    pub fn as_str(self) -> &'static str {
        match self {
            Convention::Ico => "ico",
            Convention::NextWorkingDay => "next-working-day",
        }
    }
}

impl FromStr for Convention {
    type Err = UnknownWord;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "ico" => Ok(Convention::Ico),
            "next-working-day" => Ok(Convention::NextWorkingDay),
            _ => Err(UnknownWord {
                what: "convention",
                given: s.to_string(),
                expected: "ico, next-working-day",
            }),
        }
    }
}
