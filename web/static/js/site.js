// Progressive enhancement only: every page works without script.
"use strict";
// A page answering a form's POST (a receipt) names the GET page that takes its place in the
// history, so that reloading it or coming back to it never posts the form a second time.
(function () {
  var marked = document.querySelector("[data-history-url]");
  if (marked && window.history && window.history.replaceState) {
    window.history.replaceState(null, "", marked.getAttribute("data-history-url"));
  }
})();
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var target = document.getElementById(button.getAttribute("data-copy-target"));
      if (!target) { return; }
      var text = target.textContent.trim();
      var done = function () { button.textContent = button.getAttribute("data-copied") || "OK"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, function () { selectText(target); });
      } else {
        selectText(target);
        try { document.execCommand("copy"); done(); } catch (e) { /* the text stays selected */ }
      }
    });
  });
  // A form is confirmed when sent, a link when followed.
  document.querySelectorAll("form[data-confirm], a[data-confirm]").forEach(function (node) {
    node.addEventListener(node.tagName === "FORM" ? "submit" : "click", function (event) {
      if (!window.confirm(node.getAttribute("data-confirm"))) { event.preventDefault(); }
    });
  });
});
function selectText(node) {
  var range = document.createRange();
  range.selectNodeContents(node);
  var selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
}
