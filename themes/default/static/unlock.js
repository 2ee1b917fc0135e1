// Opens a page of a site built with `[site] encrypt = true`: derives the key
// from the password (PBKDF2-HMAC-SHA256, the salt and rounds sealed with the
// page), decrypts the page (AES-256-GCM) and shows it in place of this one.
// The key, not the password, is kept for this tab's session.
(function () {
  "use strict";
  var sealed = JSON.parse(document.getElementById("debrief-sealed").textContent);
  var form = document.getElementById("debrief-unlock");
  var input = document.getElementById("debrief-password");
  var error = document.getElementById("debrief-unlock-error");
  var saved = "debrief-key-" + sealed.salt;
  function bytes(b64) {
    return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  }
  function open(key) {
    return crypto.subtle
      .decrypt({ name: "AES-GCM", iv: bytes(sealed.iv) }, key, bytes(sealed.data))
      .then(function (plain) { return new TextDecoder().decode(plain); });
  }
  function show(html) {
    function write() {
      document.open();
      document.write(html);
      document.close();
    }
    // While this page is still being parsed, writing would add to it.
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", write);
    } else {
      write();
    }
  }
  function keep(key) {
    return crypto.subtle.exportKey("raw", key).then(function (raw) {
      var s = "";
      new Uint8Array(raw).forEach(function (b) { s += String.fromCharCode(b); });
      try { sessionStorage.setItem(saved, btoa(s)); } catch (e) { /* private mode: ask each page */ }
    });
  }
  function derive(password) {
    return crypto.subtle
      .importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, ["deriveKey"])
      .then(function (base) {
        return crypto.subtle.deriveKey(
          { name: "PBKDF2", salt: bytes(sealed.salt), iterations: sealed.iter, hash: "SHA-256" },
          base, { name: "AES-GCM", length: 256 }, true, ["decrypt"]);
      });
  }
  if (!window.crypto || !crypto.subtle) {
    error.textContent = "This browser cannot decrypt the page here (it needs https, localhost or a file).";
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.textContent = "Unlocking…";
    derive(input.value).then(function (key) {
      return open(key).then(function (html) {
        return keep(key).then(function () { show(html); });
      });
    }).catch(function () {
      error.textContent = "That password does not open this page.";
      input.select();
    });
  });
  var known = null;
  try { known = sessionStorage.getItem(saved); } catch (e) { known = null; }
  if (known) {
    crypto.subtle.importKey("raw", bytes(known), "AES-GCM", true, ["decrypt"])
      .then(open)
      .then(show)
      .catch(function () {
        try { sessionStorage.removeItem(saved); } catch (e) { /* nothing kept */ }
      });
  } else {
    input.focus();
  }
})();
