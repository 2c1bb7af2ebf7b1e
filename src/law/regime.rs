//! Regimes, UK bank-holiday divisions and counting conventions: the vocabulary the clock speaks.

crate::vocabulary! {
    /// The statute a request is answered under. It decides which bank holidays count and
    /// which extensions exist.
    #[derive(PartialOrd, Ord)]
    pub enum Regime: "regime", shown as label {
        /// Freedom of Information Act 2000 (England, Wales, Northern Ireland, UK-wide bodies).
        Foia = "foia", label "FOIA";
        /// Environmental Information Regulations 2004.
        Eir = "eir", label "EIR";
        /// Freedom of Information (Scotland) Act 2002.
        Foisa = "foisa", label "FOISA";
        /// Environmental Information (Scotland) Regulations 2004: Scottish bodies'
        /// environmental information.
        Eisr = "eisr", label "EISR", also ["scottish-eir"];
    }
}

impl Regime {
    /// The divisions whose bank holidays are non-working days under this regime.
    ///
    /// FOIA s.10(6) and EIR count a bank holiday "in any part of the United Kingdom", so their
    /// calendar is the union of all three divisions; FOISA s.73 counts Scotland's alone, and
    /// the Scottish EIRs take FOISA's working day (EISR reg 2(1)).
    pub fn divisions(self) -> &'static [Division] {
        match self {
            Regime::Foia | Regime::Eir => &Division::ALL,
            Regime::Foisa | Regime::Eisr => &[Division::Scotland],
        }
    }

    /// Whether the Scottish Information Commissioner, not the ICO, hears appeals, and a
    /// review must come first (FOISA s.47(1); EISR reg 17 applies it).
    pub fn scottish(self) -> bool {
        match self {
            Regime::Foisa | Regime::Eisr => true,
            Regime::Foia | Regime::Eir => false,
        }
    }

    /// The regulator a requester complains or appeals to.
    pub fn regulator(self) -> &'static str {
        match self {
            Regime::Foia | Regime::Eir => "ICO",
            Regime::Foisa | Regime::Eisr => "Scottish Information Commissioner",
        }
    }
}

/// A word that names no regime, convention or division.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} '{given}': use one of {expected}")]
pub struct UnknownWord {
    pub what: &'static str,
    pub given: String,
    pub expected: String,
}

crate::vocabulary! {
    /// The three divisions GOV.UK publishes bank holidays for (their identifiers are GOV.UK's,
    /// and the ones stored).
    #[derive(PartialOrd, Ord)]
    pub enum Division: "division", shown as as_str {
        EnglandAndWales = "england-and-wales", label "England and Wales",
            also ["england", "wales"];
        Scotland = "scotland", label "Scotland";
        NorthernIreland = "northern-ireland", label "Northern Ireland", also ["ni"];
    }
}

crate::vocabulary! {
    /// How the day of receipt is treated when it is not a working day.
    #[derive(Default)]
    pub enum Convention: "convention", shown as as_str {
        /// The ICO's reading of the Act: the day of receipt is day 0 whatever day it is.
        #[default]
        Ico = "ico", label "the ICO's (receipt is day 0)";
        /// A common mistake by authorities: receipt on a non-working day counts from the next
        /// working day, which makes them one day later. Offered so a user can see the date an
        /// authority may claim.
        NextWorkingDay = "next-working-day", label "from the next working day";
    }
}
