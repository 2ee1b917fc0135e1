// Progressive enhancement only: every page works without this file.
(function () {
  // A copy button on every draft.
  document.querySelectorAll("pre.draft-text").forEach(function (pre) {
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Copy draft";
    button.addEventListener("click", function () {
      var details = pre.closest("details");
      var subject = details && details.querySelector(".subject");
      var text = (subject ? subject.textContent.trim() + "\n\n" : "") + pre.textContent;
      var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy draft"; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else { fallback(text); done(); }
    });
    var bar = pre.parentNode.querySelector(".draft-actions");
    (bar || pre.parentNode).insertBefore(button, bar ? bar.firstChild : null);
  });
  // A copy button beside every action's id, for `debrief done ID`.
  document.querySelectorAll("code.action-id").forEach(function (code) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy-id";
    button.textContent = "Copy id";
    button.setAttribute("aria-label", "Copy id " + code.textContent);
    button.addEventListener("click", function () {
      var text = code.textContent.trim();
      var done = function () { button.textContent = "Copied"; setTimeout(function () { button.textContent = "Copy id"; }, 1500); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
      } else { fallback(text); done(); }
    });
    code.parentNode.insertBefore(button, code.nextSibling);
  });
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text; document.body.appendChild(area); area.select();
    try { document.execCommand("copy"); } catch (e) { /* nothing more to try */ }
    document.body.removeChild(area);
  }
  // Print every chart's numbers: open the closed tables before printing
  // (the stylesheet does the same in browsers that support ::details-content).
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("figure.chart details:not([open])").forEach(function (d) {
      d.setAttribute("open", ""); d.setAttribute("data-printed", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-printed]").forEach(function (d) {
      d.removeAttribute("open"); d.removeAttribute("data-printed");
    });
  });
  // Filtering of action lists.
  var input = document.querySelector("[data-filter-input]");
  if (input) {
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      document.querySelectorAll("li.action").forEach(function (li) {
        li.hidden = q !== "" && li.getAttribute("data-filter").toLowerCase().indexOf(q) === -1;
      });
    });
  }
})();
