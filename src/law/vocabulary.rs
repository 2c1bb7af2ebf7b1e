//! Each closed vocabulary of the program (event kinds, outcomes, regimes, ...) declared once:
//! the [`vocabulary!`](crate::vocabulary) macro writes the enum, its `ALL`, its stored word,
//! its label, parsing (with the other words people write for it), serde in the stored word,
//! and the list of words that help and error messages show. Nothing else spells the words
//! out but the SQL `CHECK`s, and a test stores every value in both engines so the two cannot
//! drift.

/// Counts token trees: the length of a vocabulary's `ALL`.
#[doc(hidden)]
#[macro_export]
macro_rules! __vocabulary_count {
    () => { 0usize };
    ($head:tt $($tail:tt)*) => { 1usize + $crate::__vocabulary_count!($($tail)*) };
}

/// Declares a vocabulary:
///
/// ```ignore
/// vocabulary! {
///     /// What an internal review decided.
///     #[derive(PartialOrd, Ord)]
///     pub enum ReviewOutcome: "review outcome", shown as as_str {
///         /// The original decision stands.
///         Upheld = "upheld", label "upheld", also ["confirmed"];
///         Overturned = "overturned", label "overturned";
///     }
/// }
/// ```
///
/// `word` is what is stored and typed; `label` what a report or a screen says (`shown as`
/// says which of the two `Display` writes); `also` other
/// words a person or an authority writes for it, taken when parsing. Parsing ignores case and
/// treats spaces and underscores as hyphens ("Not held" is `not-held`).
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $what:literal, shown as $shown:ident {
            $(
                $(#[$vmeta:meta])*
                $variant:ident = $word:literal, label $label:literal
                    $(, also [$($alias:literal),* $(,)?])? ;
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant, )+
        }

        impl $name {
            /// Every value, in the order declared.
            pub const ALL: [$name; $crate::__vocabulary_count!($($variant)+)] =
                [$($name::$variant),+];

            /// What this vocabulary is called in messages.
            pub const WHAT: &'static str = $what;

            /// The stored word, also what a user types.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $word,)+
                }
            }

            /// The words a report or a screen uses.
            pub const fn label(self) -> &'static str {
                match self {
                    $($name::$variant => $label,)+
                }
            }

            /// Every stored word, comma-separated: what help and errors list.
            pub fn word_list() -> String {
                $name::ALL
                    .iter()
                    .map(|v| v.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            }

            /// The value named by `s`: its word or another word for it.
            pub fn parse_word(s: &str) -> Option<$name> {
                let s = s.trim().to_ascii_lowercase().replace([' ', '_'], "-");
                match s.as_str() {
                    $( $word $($(| $alias)*)? => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.$shown())
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::law::UnknownWord;
            fn from_str(s: &str) -> ::std::result::Result<Self, Self::Err> {
                $name::parse_word(s).ok_or_else(|| $crate::law::UnknownWord {
                    what: $what,
                    given: s.trim().to_string(),
                    expected: $name::word_list(),
                })
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
