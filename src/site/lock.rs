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

use std::sync::atomic::{AtomicU64, Ordering};

use aes_gcm::aead::{Aead, KeyInit};
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

/// A build's key, and the salt it was derived with.
pub struct Locker {
    cipher: Aes256Gcm,
    salt: [u8; 16],
    /// Pages sealed so far: each page's nonce.
    sealed: AtomicU64,
}

/// A page, sealed: what `unlock.js` needs to open it, as JSON.
#[derive(serde::Serialize)]
pub struct Sealed {
    /// The format, for `unlock.js`.
    v: u8,
    /// The build's salt, base64.
    salt: String,
    /// PBKDF2 rounds.
    iter: u32,
    /// This page's nonce, base64.
    iv: String,
    /// The encrypted page with its tag, base64.
    data: String,
}

impl Locker {
    /// The key for `password` with a new random salt.
    pub fn new(password: &str) -> Result<Locker, String> {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| format!("no random salt for the key: {e}"))?;
        Ok(Locker::with_salt(password, salt))
    }

    /// The key for `password` and `salt`.
    pub fn with_salt(password: &str, salt: [u8; 16]) -> Locker {
        let key = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password.as_bytes(), &salt, ITERATIONS);
        Locker {
            cipher: Aes256Gcm::new(&key.into()),
            salt,
            sealed: AtomicU64::new(0),
        }
    }

    /// `plain` encrypted under this build's key, with a nonce never used
    /// before under it.
    pub fn seal(&self, plain: &[u8]) -> Sealed {
        let n = self.sealed.fetch_add(1, Ordering::Relaxed);
        let mut iv = [0u8; 12];
        iv[4..].copy_from_slice(&n.to_be_bytes());
        let data = self
            .cipher
            .encrypt(Nonce::from_slice(&iv), plain)
            .expect("AES-GCM encrypts any page a build makes");
        Sealed {
            v: 1,
            salt: B64.encode(self.salt),
            iter: ITERATIONS,
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
        let sealed = self.locker.seal(&bytes.to_vec());
        let page = (self.page)(rel, &sealed.json())?;
        self.inner.put(rel, page.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_page_opens_with_the_key_from_the_password_and_salt() {
        let locker = Locker::with_salt("correct horse", [7; 16]);
        let a = locker.seal(b"<p>Acme onsite</p>");
        let b = locker.seal(b"<p>Acme onsite</p>");
        assert_ne!(a.iv, b.iv, "a nonce is never used twice");
        assert_ne!(a.data, b.data);
        assert_eq!(a.iter, 600_000);
        let open = |password: &str, s: &Sealed| {
            let salt: [u8; 16] = B64.decode(&s.salt).unwrap().try_into().unwrap();
            let key = pbkdf2::pbkdf2_hmac_array::<Sha256, 32>(password.as_bytes(), &salt, s.iter);
            let iv = B64.decode(&s.iv).unwrap();
            Aes256Gcm::new(&key.into())
                .decrypt(
                    Nonce::from_slice(&iv),
                    B64.decode(&s.data).unwrap().as_slice(),
                )
                .ok()
        };
        assert_eq!(open("correct horse", &a).unwrap(), b"<p>Acme onsite</p>");
        assert_eq!(open("correct horse", &b).unwrap(), b"<p>Acme onsite</p>");
        assert!(open("wrong", &a).is_none());
        let json = a.json();
        assert!(!json.contains("Acme") && !json.contains('<'));
        // Another build, another salt.
        let other = Locker::new("correct horse").unwrap();
        assert_ne!(other.seal(b"x").salt, a.salt);
    }
}
