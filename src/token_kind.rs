//! The two kinds of token and the `typ` header that tells them apart.

/// Which token a signing key and verifier are for. Each verifier refuses the other kind, so a
/// refresh token can never be replayed as an access token or the reverse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// An RFC 9068 access token, `typ: at+jwt`.
    Access,
    /// A refresh token, `typ: rt+jwt`.
    Refresh,
}

impl TokenKind {
    /// The `typ` header written on tokens of this kind.
    pub fn typ(self) -> &'static str {
        match self {
            Self::Access => "at+jwt",
            Self::Refresh => "rt+jwt",
        }
    }

    /// Whether a received `typ` names this kind. RFC 8725 §3.11 allows the `application/`
    /// prefix and media types compare case-insensitively.
    pub fn accepts(self, typ: &str) -> bool {
        let bare = typ
            .get(..12)
            .filter(|p| p.eq_ignore_ascii_case("application/"))
            .map_or(typ, |_| &typ[12..]);
        bare.eq_ignore_ascii_case(self.typ())
    }

    /// The default lifetime of this kind, in seconds.
    pub fn default_ttl(self) -> u64 {
        match self {
            Self::Access => crate::options::DEFAULT_ACCESS_TTL,
            Self::Refresh => crate::options::DEFAULT_REFRESH_TTL,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TokenKind;

    #[test]
    fn typ_matching() {
        assert!(TokenKind::Access.accepts("at+jwt"));
        assert!(TokenKind::Access.accepts("application/AT+JWT"));
        assert!(!TokenKind::Access.accepts("JWT"));
        assert!(!TokenKind::Access.accepts("rt+jwt"));
        assert!(!TokenKind::Refresh.accepts("at+jwt"));
        assert!(!TokenKind::Access.accepts("application/"));
    }
}
