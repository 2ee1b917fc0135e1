//! `[site] encrypt = true`: every page of the built site locked with a
//! password (SPEC §7).
//!
//! The key is derived once per build from the password with
//! PBKDF2-HMAC-SHA256 ([`ITERATIONS`] rounds, a random 16-byte salt per
//! build). Each HTML page is encrypted whole with AES-256-GCM (a fresh
//! 96-bit nonce per page: a counter, unique under the build's own key) and
//! written as the theme's `templates/locked.html`: a password form and the
//! sealed page, which `static/unlock.js` opens in the browser with WebCrypto
//! and keeps the key for the tab's session, so the next page opens without
//! asking again. Stylesheets, scripts and `robots.txt` hold no journal text
//! and stay as they are; `report.json` and `calendar.ics` are left out (a
//! calendar subscription cannot ask for a password). Page names are not
//! made from journals either: see `Slugs::new`.
//!
//! A sealed page is bound to its place ([`aad`]): its path in the site and
//! its build (the build's salt and time) are AES-GCM's associated data, so
//! a page copied over another one's file, or a page of an older build put
//! back among the pages of a newer one, does not open: `unlock.js` computes
//! the path from the address it was loaded from and takes the build from
//! the key it kept, never from the page it is asked to trust.
//!
//! A weak password is refused before anything is built ([`weak`]): the
//! sealed pages are public, and a guesser with a copy tries passwords
//! offline, as fast as PBKDF2 lets them.

use std::sync::atomic::{AtomicU64, Ordering};

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine;
use base64::engine::general_purpose::STANDARD as B64;
use sha2::Sha256;

use super::splice::Pieces;
use super::staging::{OutputError, Sink};

/// PBKDF2 rounds: what OWASP asks of PBKDF2-HMAC-SHA256.
pub const ITERATIONS: u32 = 600_000;

/// The files a locked site keeps as they are: they hold no journal text.
fn plain(rel: &str) -> bool {
    rel.starts_with("static/") || rel == "robots.txt"
}

/// The format of a sealed page, for `unlock.js`: 2 since pages are bound
/// to their path and build.
pub const VERSION: u8 = 2;

/// The nonce of a build's password check: never a page's, whose nonces
/// start with four zero bytes.
const CHECK_NONCE: [u8; 12] = [0xff; 12];

/// What a page is bound to: AES-GCM's associated data for the page at
/// `path` (relative to the site root, `journals/j3/index.html`) of the
/// build named by its salt (base64) and the time it was made (seconds
/// since 1970). `unlock.js` builds the same bytes; an empty `path` is the
/// build's password check, which no page has.
pub fn aad(salt: &str, built: u64, path: &str) -> Vec<u8> {
    format!("debrief-v{VERSION}\0{salt}\0{built}\0{path}").into_bytes()
}

/// The lowest zxcvbn score (0 to 4) a password must reach: 3 is "safely
/// unguessable" offline against a slow hash, at least 10^8 guesses.
pub const MIN_SCORE: u8 = 3;

/// Guesses a second against [`ITERATIONS`] rounds of PBKDF2-HMAC-SHA256:
/// zxcvbn's slow-hash scenario, about what one current graphics card does.
pub const GUESSES_PER_SECOND: u64 = 10_000;

/// Why a password is too weak to lock a site: zxcvbn's judgement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeakPassword {
    /// zxcvbn's score, 0 to 4.
    pub score: u8,
    /// What zxcvbn says is wrong with it, if anything in particular.
    pub warning: Option<String>,
    /// What zxcvbn suggests instead.
    pub suggestions: Vec<String>,
    /// How long an offline guesser takes to find it, in words ("3 hours").
    pub found_in: String,
}

impl std::fmt::Display for WeakPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "DEBRIEF_PASSWORD is too weak to lock the site: zxcvbn scores it {} of 4, and {MIN_SCORE} is needed.",
            self.score
        )?;
        if let Some(w) = &self.warning {
            write!(f, " {w}")?;
        }
        for s in &self.suggestions {
            write!(f, " {s}")?;
        }
        write!(
            f,
            " Anyone with a copy of the site can guess offline: at {} guesses a second against PBKDF2's {} rounds (one graphics card), this one is found in {}.",
            thousands(GUESSES_PER_SECOND),
            thousands(u64::from(ITERATIONS)),
            if self.found_in == "less than a second" {
                self.found_in.clone()
            } else {
                format!("about {}", self.found_in)
            }
        )
    }
}

/// `n` with its thousands grouped: 600,000.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Whether `password` is too weak to lock a site: zxcvbn's score below
/// [`MIN_SCORE`], where `hints` (words of the site's title, say) count as
/// known to the guesser.
pub fn weak(password: &str, hints: &[&str]) -> Option<WeakPassword> {
    let judged = zxcvbn::zxcvbn(password, hints);
    let score = u8::from(judged.score());
    if score >= MIN_SCORE {
        return None;
    }
    let feedback = judged.feedback();
    Some(WeakPassword {
        score,
        warning: feedback.and_then(|f| f.warning()).map(|w| w.to_string()),
        suggestions: feedback
            .map(|f| f.suggestions().iter().map(|s| s.to_string()).collect())
            .unwrap_or_default(),
        found_in: zxcvbn::time_estimates::CrackTimes::new(judged.guesses())
            .offline_slow_hashing_1e4_per_second()
            .to_string(),
    })
}

/// A build's key, and the salt and time it is known by.
pub struct Locker {
    cipher: Aes256Gcm,
    /// The salt, base64: the build's name.
    salt: String,
    /// When the build was made, in seconds since 1970: what tells `unlock.js`
    /// an older build from a newer one.
    built: u64,
    /// The password check, base64: see [`Sealed::check`].
    check: String,
    /// Pages sealed so far: each page's nonce.
    sealed: AtomicU64,
}

/// A page, sealed: what `unlock.js` needs to open it, as JSON.
#[derive(serde::Serialize)]
pub struct Sealed {
    /// The format, for `unlock.js`: [`VERSION`].
    v: u8,
    /// The build's salt, base64.
    salt: String,
    /// PBKDF2 rounds.
    iter: u32,
    /// When the build was made, in seconds since 1970.
    built: u64,
    /// The build's password check, base64: the tag of nothing sealed with
    /// the build's own associated data, so a key that opens it is the
    /// password's, and a page it then cannot open is out of place. It
    /// tells an offline guesser no more than any page does.
    check: String,
    /// This page's nonce, base64.
    iv: String,
    /// The encrypted page with its tag, base64.
    data: String,
}

impl Locker {
    /// The key for `password` with a new random salt, for a build made at
    /// `built` (seconds since 1970).
    pub fn new(password: &str, built: u64) -> Result<Locker, String> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| format!("no random salt for the key: {e}"))?;
        Ok(Locker::with_salt(password, salt, built))
    }

    /// The key for `password` and `salt`, for a build made at `built`.
    pub fn with_salt(password: &str, salt: [u8; 16], built: u64) -> Locker {
        let key = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password.as_bytes(), &salt, ITERATIONS);
        let cipher = Aes256Gcm::new(&key.into());
        let salt = B64.encode(salt);
        let check = cipher
            .encrypt(
                Nonce::from_slice(&CHECK_NONCE),
                Payload {
                    msg: b"",
                    aad: &aad(&salt, built, ""),
                },
            )
            .expect("AES-GCM seals nothing");
        Locker {
            cipher,
            check: B64.encode(check),
            salt,
            built,
            sealed: AtomicU64::new(0),
        }
    }

    /// `plain`, the page at `path` in the site, encrypted under this
    /// build's key with a nonce never used before under it, and bound to
    /// `path` and this build.
    pub fn seal(&self, path: &str, plain: &[u8]) -> Sealed {
        let n = self.sealed.fetch_add(1, Ordering::Relaxed);
        let mut iv = [0u8; 12];
        iv[4..].copy_from_slice(&n.to_be_bytes());
        let data = self
            .cipher
            .encrypt(
                Nonce::from_slice(&iv),
                Payload {
                    msg: plain,
                    aad: &aad(&self.salt, self.built, path),
                },
            )
            .expect("AES-GCM encrypts any page a build makes");
        Sealed {
            v: VERSION,
            salt: self.salt.clone(),
            iter: ITERATIONS,
            built: self.built,
            check: self.check.clone(),
            iv: B64.encode(iv),
            data: B64.encode(data),
        }
    }
}

impl Sealed {
    /// The sealed page as JSON safe inside a `<script>` element.
    pub fn json(&self) -> String {
        // Base64 and numbers only: nothing can close the element.
        serde_json::to_string(self).expect("a sealed page serializes")
    }
}

/// Makes the locked page for a file (its path, and the sealed page's JSON).
pub type LockedPage<'a> = dyn Fn(&str, &str) -> Result<String, OutputError> + Sync + 'a;

/// A sink that locks every page before it goes to `inner`.
pub struct Locked<'a> {
    /// Where the locked site goes.
    pub inner: &'a dyn Sink,
    /// The build's key.
    pub locker: Locker,
    /// The locked page around a sealed one.
    pub page: &'a LockedPage<'a>,
}

impl Sink for Locked<'_> {
    fn put(&self, rel: &str, bytes: Pieces) -> Result<(), OutputError> {
        if plain(rel) {
            return self.inner.put(rel, bytes);
        }
        if !rel.ends_with(".html") {
            // report.json, calendar.ics: journal text a password cannot guard.
            return Ok(());
        }
        let sealed = self.locker.seal(rel, &bytes.to_vec());
        let page = (self.page)(rel, &sealed.json())?;
        self.inner.put(rel, page.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key `password` gives with the salt of the page `s`, as
    /// `unlock.js` derives it.
    fn key(password: &str, s: &Sealed) -> Aes256Gcm {
        let salt = B64.decode(&s.salt).unwrap();
        let key = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password.as_bytes(), &salt, s.iter);
        Aes256Gcm::new(&key.into())
    }

    /// The page `s` opened with `key` as `unlock.js` opens it: with the
    /// associated data of `path` in the build `build` (salt and time).
    fn open(key: &Aes256Gcm, s: &Sealed, build: (&str, u64), path: &str) -> Option<Vec<u8>> {
        let iv = B64.decode(&s.iv).unwrap();
        let data = B64.decode(&s.data).unwrap();
        key.decrypt(
            Nonce::from_slice(&iv),
            Payload {
                msg: &data,
                aad: &aad(build.0, build.1, path),
            },
        )
        .ok()
    }

    #[test]
    fn a_sealed_page_opens_with_the_key_from_the_password_and_salt() {
        let locker = Locker::with_salt("correct horse", [7; 16], 1_790_000_000);
        let build = (locker.salt.as_str(), locker.built);
        let a = locker.seal("index.html", b"<p>Acme onsite</p>");
        let b = locker.seal("index.html", b"<p>Acme onsite</p>");
        assert_ne!(a.iv, b.iv, "a nonce is never used twice");
        assert_ne!(a.data, b.data);
        assert_eq!(a.iter, 600_000);
        assert_eq!(a.v, 2);
        let right = key("correct horse", &a);
        let opened = open(&right, &a, build, "index.html");
        assert_eq!(opened.unwrap(), b"<p>Acme onsite</p>");
        let opened = open(&right, &b, build, "index.html");
        assert_eq!(opened.unwrap(), b"<p>Acme onsite</p>");
        assert!(open(&key("wrong", &a), &a, build, "index.html").is_none());
        let json = a.json();
        assert!(!json.contains("Acme") && !json.contains('<'));
        // Another build, another salt.
        let other = Locker::new("correct horse", 1_790_000_000).unwrap();
        assert_ne!(other.seal("index.html", b"x").salt, a.salt);

        // The password check opens with the password's key and no path.
        let check = |key: &Aes256Gcm| {
            let aad = aad(&a.salt, a.built, "");
            let tag = B64.decode(&a.check).unwrap();
            let nonce = Nonce::from_slice(&CHECK_NONCE);
            key.decrypt(
                nonce,
                Payload {
                    msg: &tag,
                    aad: &aad,
                },
            )
            .is_ok()
        };
        assert!(check(&right));
        assert!(!check(&key("wrong", &a)));
    }

    // Regression (issue 15): DEBRIEF_PASSWORD=a locked a site, and was
    // found offline in a fraction of a second.
    #[test]
    fn weak_passwords_are_judged_by_zxcvbn() {
        let a = weak("a", &[]).expect("a is weak");
        assert_eq!(a.score, 0);
        assert_eq!(a.found_in, "less than a second");
        let said = a.to_string();
        assert!(
            said.contains("0 of 4") && said.contains("600,000 rounds"),
            "{said}"
        );
        let common = weak("password1", &[]).expect("a common password is weak");
        assert!(common.warning.is_some(), "{common:?}");
        assert!(!common.suggestions.is_empty(), "{common:?}");
        // The passwords the tests build with.
        for strong in ["plum raft ochre lantern 1887", "open sesame"] {
            assert_eq!(weak(strong, &[]), None, "{strong}");
        }
    }

    // Regression (issue 15): a page's ciphertext opened in another page's
    // file, and a page of an older build opened among a newer one's.
    #[test]
    fn a_page_opens_only_at_its_own_path_and_in_its_own_build() {
        let locker = Locker::with_salt("correct horse", [7; 16], 1_790_000_000);
        let build = (locker.salt.as_str(), locker.built);
        let j1 = locker.seal("journals/j1/index.html", b"<p>Acme onsite</p>");
        // The build's own key (the test above derives it as the browser does).
        let key = &locker.cipher;
        assert!(open(key, &j1, build, "journals/j1/index.html").is_some());
        for elsewhere in ["journals/j2/index.html", "index.html", "j1/index.html", ""] {
            assert!(
                open(key, &j1, build, elsewhere).is_none(),
                "opened as {elsewhere:?}"
            );
        }
        // The same salt at another time, or another salt: another build.
        for other in [
            (build.0, build.1 + 1),
            ("CAgICAgICAgICAgICAgICA==", build.1),
        ] {
            assert!(open(key, &j1, other, "journals/j1/index.html").is_none());
        }
    }
}
