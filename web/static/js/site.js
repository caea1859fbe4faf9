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
  // A file box in the page's language: the label drawn as a button, then what was chosen
  // (the browser's "Choose Files" / "No file chosen" speak the browser's language). A file
  // over the size limit is taken out at once, before the form is sent without it.
  document.querySelectorAll("[data-picker]").forEach(function (box) {
    var input = box.querySelector("input[type=file]");
    var shown = box.querySelector(".picker-chosen");
    if (!input || !shown) { return; }
    var limit = Number(box.getAttribute("data-max-bytes")) || 0;
    var update = function () {
      var files = Array.prototype.slice.call(input.files || []);
      var names = function (list) {
        return list.map(function (f) { return "\u201c" + f.name + "\u201d"; })
          .join(box.getAttribute("data-separator") || "\u3001");
      };
      var large = files.filter(function (f) { return limit && f.size > limit; });
      // Over the post's limit the server answers before the form: everything typed is lost.
      var total = files.reduce(function (sum, f) { return sum + f.size; }, 0);
      var most = Number(box.getAttribute("data-max-total")) || 0;
      var tooMuch = most > 0 && total > most;
      shown.classList.toggle("field-error", large.length > 0 || tooMuch);
      if (large.length) {
        input.value = "";
        shown.textContent = box.getAttribute("data-too-large").replace("{names}", names(large));
      } else if (tooMuch) {
        input.value = "";
        shown.textContent = box.getAttribute("data-too-much");
      } else {
        shown.textContent = files.length ? box.getAttribute("data-chosen") + names(files)
                                         : box.getAttribute("data-none");
      }
    };
    input.addEventListener("change", update);
    window.addEventListener("pageshow", update);
    box.classList.add("ready");
    update();
  });
  // How much is written, near a box's limit, and what to do at it (the browser stops a
  // paste at the limit without a word).
  document.querySelectorAll("textarea[maxlength]").forEach(function (box) {
    var line = document.getElementById(box.id + "-count");
    var most = Number(box.getAttribute("maxlength")) || 0;
    if (!line || !most) { return; }
    var count = function () {
      var n = box.value.length;
      line.hidden = n < most * 0.8;
      line.classList.toggle("field-error", n >= most);
      line.textContent = n >= most ? line.getAttribute("data-full")
                                   : line.getAttribute("data-near").replace("{n}", String(n));
    };
    box.addEventListener("input", count);
    window.addEventListener("pageshow", count);
    count();
  });
  // A report sent once per tap: a second tap while the first is on its way (a slow upload)
  // would file the same thing twice; the button says it is being sent. And the back button
  // after a receipt shows the form again, the browser filling in what was typed but drawing
  // a new form token: sent again untouched, it goes with the token it was sent with before
  // (kept for this tab), so the server, which files a token once, knows it.
  document.querySelectorAll("form[data-sending]").forEach(function (form) {
    var sending = false;
    var touched = false;
    var button = form.querySelector("button[type=submit]");
    var label = button ? button.textContent : "";
    var token = form.elements.csrf_token;
    var slot = "foodsafe-form:" + (form.getAttribute("action") || window.location.pathname);
    var refilled = function () {
      return Array.prototype.some.call(form.querySelectorAll("textarea, input"), function (f) {
        return f.type !== "hidden" && f.type !== "file" && f.value !== f.defaultValue;
      });
    };
    // The browser's refilling fires no event; a person's typing does.
    form.addEventListener("input", function () { touched = true; });
    form.addEventListener("change", function () { touched = true; });
    form.addEventListener("submit", function (event) {
      if (sending) { event.preventDefault(); return; }
      if (event.defaultPrevented) { return; }
      sending = true;
      if (button) { button.textContent = form.getAttribute("data-sending"); }
      try {
        var sent = window.sessionStorage.getItem(slot);
        if (sent && token && !touched && refilled()) { token.value = sent; }
        if (token) { window.sessionStorage.setItem(slot, token.value); }
      } catch (e) { /* no storage: the server still knows a page posted twice (a reload) */ }
    });
    // Back on this page (the browser kept it): it can be sent again, and says so.
    window.addEventListener("pageshow", function () {
      sending = false;
      if (button) { button.textContent = label; }
    });
  });
  // The language switch leaves a form with something typed in it (nothing typed is carried
  // to the other language's page): it asks first.
  var guarded = document.querySelector("form[data-leave]");
  document.querySelectorAll("nav.lang a").forEach(function (link) {
    if (!guarded || link.hasAttribute("data-confirm")) { return; }
    link.addEventListener("click", function (event) {
      var typed = Array.prototype.some.call(guarded.querySelectorAll("textarea, input"),
        function (f) {
          return f.type !== "hidden" && f.type !== "file" && f.type !== "checkbox" &&
            f.value.trim() !== "";
        });
      if (typed && !window.confirm(guarded.getAttribute("data-leave"))) { event.preventDefault(); }
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
