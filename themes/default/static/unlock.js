// Opens a page of a site built with `[site] encrypt = true`: derives the key
// from the password (PBKDF2-HMAC-SHA256, the salt and rounds sealed with the
// page), decrypts the page (AES-256-GCM) and shows it in place of this one.
// The key, not the password, is kept for this tab's session, with the build
// it opens and under the site's root.
//
// Each page is bound to its place (see src/site/lock.rs): AES-GCM's
// associated data names the page's path in the site and its build. The path
// is worked out here from the address the page was loaded from, and the
// build is the one of the key kept for the tab when there is one, never
// what the page says of itself: a page copied over another page's file, or
// a page of an older build put back among a newer one's, does not open, and
// says why.
(function () {
  "use strict";
  var VERSION = 2;
  var holder = document.getElementById("debrief-sealed");
  var sealed = JSON.parse(holder.textContent);
  var form = document.getElementById("debrief-unlock");
  var input = document.getElementById("debrief-password");
  var error = document.getElementById("debrief-unlock-error");
  var PREFIX = "debrief-key ";

  function bytes(b64) {
    return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  }
  function refuse(message) {
    error.textContent = message;
    form.hidden = true;
  }
  function when(seconds) {
    return new Date(seconds * 1000).toLocaleString();
  }

  // The keys kept in this tab, by site root (an absolute URL ending in "/").
  function kept(root) {
    try {
      var entry = JSON.parse(sessionStorage.getItem(PREFIX + root) || "null");
      return entry && entry.build && entry.key ? entry : null;
    } catch (e) {
      return null;
    }
  }
  function keptRoots() {
    var roots = [];
    try {
      for (var i = 0; i < sessionStorage.length; i++) {
        var name = sessionStorage.key(i);
        if (name && name.indexOf(PREFIX) === 0) { roots.push(name.slice(PREFIX.length)); }
      }
    } catch (e) { /* no storage: no roots */ }
    return roots;
  }

  // The site's root: the deepest one a key is kept for that this address is
  // under, else the root this page's own links name (the first page of a
  // tab has nothing else to go by). A page claiming another root, as a page
  // copied into a deeper folder would, is not believed once a key is kept.
  // (So two sites, one in the other's folder, do not share a tab.)
  var here = location.href.split("#")[0].split("?")[0];
  var root = new URL(holder.getAttribute("data-root") || "./", here).href;
  var deepest = "";
  keptRoots().forEach(function (r) {
    if (here.indexOf(r) === 0 && r.length > deepest.length) { deepest = r; }
  });
  if (deepest) { root = deepest; }
  // This page's path from the root, as the build named it.
  var path = null;
  if (here.indexOf(root) === 0) {
    try {
      path = decodeURIComponent(here.slice(root.length));
      if (path === "" || path.charAt(path.length - 1) === "/") { path += "index.html"; }
    } catch (e) {
      path = null;
    }
  }

  function aad(build, built, forPath) {
    return new TextEncoder().encode("debrief-v" + VERSION + "\0" + build + "\0" + built + "\0" + forPath);
  }
  function open(key, build, built) {
    return crypto.subtle
      .decrypt({ name: "AES-GCM", iv: bytes(sealed.iv), additionalData: aad(build, built, path) },
        key, bytes(sealed.data))
      .then(function (plain) { return new TextDecoder().decode(plain); });
  }
  // Whether `key` is the password's: it opens the build's check.
  function checks(key) {
    var nonce = new Uint8Array(12).fill(0xff);
    return crypto.subtle
      .decrypt({ name: "AES-GCM", iv: nonce, additionalData: aad(sealed.salt, sealed.built, "") },
        key, bytes(sealed.check))
      .then(function () { return true; }, function () { return false; });
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
      var entry = { build: sealed.salt, built: sealed.built, key: btoa(s) };
      try { sessionStorage.setItem(PREFIX + root, JSON.stringify(entry)); } catch (e) { /* private mode: ask each page */ }
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
  var MISPLACED = "This page was sealed for another place in the site: it was moved, " +
    "or copied over the page that belongs at this address, so it is not shown.";

  if (sealed.v !== VERSION) {
    refuse("This page was made by another version of debrief than this script: build the site again.");
    return;
  }
  if (!window.crypto || !crypto.subtle) {
    error.textContent = "This browser cannot decrypt the page here (it needs https, localhost or a file).";
    return;
  }
  if (path === null) {
    refuse("This page is not under its site's root, so it cannot be checked and is not shown.");
    return;
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    error.textContent = "Unlocking…";
    derive(input.value).then(function (key) {
      return checks(key).then(function (right) {
        if (!right) {
          error.textContent = "That password does not open this page.";
          input.select();
          return null;
        }
        return open(key, sealed.salt, sealed.built).then(function (html) {
          return keep(key).then(function () { show(html); });
        }, function () { refuse(MISPLACED); });
      });
    }).catch(function () {
      error.textContent = "That password does not open this page.";
      input.select();
    });
  });
  var known = kept(root);
  if (known && known.build === sealed.salt) {
    crypto.subtle.importKey("raw", bytes(known.key), "AES-GCM", true, ["decrypt"])
      .then(function (key) {
        return open(key, known.build, known.built).then(show, function () { refuse(MISPLACED); });
      }, function () {
        try { sessionStorage.removeItem(PREFIX + root); } catch (e) { /* nothing kept */ }
        input.focus();
      });
  } else if (known && sealed.built < known.built) {
    refuse("This page comes from an older build of the site (" + when(sealed.built) +
      ") than the one opened in this tab (" + when(known.built) + "): an old copy may have been " +
      "put in its place, so it is not shown.");
  } else {
    if (known) {
      error.textContent = "The site was built again since it was opened in this tab: type the password again.";
    }
    input.focus();
  }
})();
