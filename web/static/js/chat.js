// The web chat: posts each turn as JSON (a photo as a multipart form) and renders the
// engine's replies. No cookies; the conversation key lives in sessionStorage and dies with
// the tab.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("chat");
  if (!root) { return; }
  root.hidden = false;
  var log = document.getElementById("chat-log");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var photoForm = document.getElementById("chat-photo");
  var photoInput = document.getElementById("chat-photo-input");
  var kept = sessionStorage.getItem("foodsafe-chat");
  var key = kept || root.getAttribute("data-conversation");
  sessionStorage.setItem("foodsafe-chat", key);
  // Turns go one after another, so replies come in the order things were sent.
  var queue = Promise.resolve();

  function bubble(text, who) {
    var div = document.createElement("div");
    div.className = "bubble " + who;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }
  // A reply is shown down to its last button, or from its first line when it is taller than
  // the log: scrolled to the end, a long answer hid its beginning and cut its buttons off.
  function showFrom(node) {
    var start = log.scrollTop + node.getBoundingClientRect().top - log.getBoundingClientRect().top;
    log.scrollTop = Math.min(log.scrollHeight - log.clientHeight, start - 6);
  }
  function buttons(list) {
    if (!list.length) { return; }
    var row = document.createElement("div");
    row.className = "chat-buttons";
    list.forEach(function (b) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "secondary";
      button.textContent = b.label;
      button.addEventListener("click", function () {
        row.remove();
        send({ button: b.payload }, b.label);
      });
      row.appendChild(button);
    });
    log.appendChild(row);
  }
  // The server's own words for a refused request (413, 429, an expired page), else ours.
  function problem(data) {
    if (Array.isArray(data) && data[0] && typeof data[0].description === "string") {
      return data[0].description;
    }
    return root.getAttribute("data-error");
  }
  function post(url, body, headers, echo) {
    if (echo) { bubble(echo, "me"); }
    queue = queue.then(function () {
      var pending = bubble("…", "bot");
      return fetch(url, {
        method: "POST",
        headers: headers,
        body: body,
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().catch(function () { return null; }).then(function (data) {
          if (!response.ok || !data || !Array.isArray(data.messages)) {
            throw new Error(problem(data));
          }
          return data;
        });
      }).then(function (data) {
        pending.remove();
        var first = null;
        data.messages.forEach(function (m) {
          var shown = bubble(m.text, "bot");
          first = first || shown;
          if (m.receipt) {
            bubble(root.getAttribute("data-receipt-label") + " " + m.receipt, "bot receipt-bubble");
          }
          buttons(m.buttons || []);
        });
        if (first) { showFrom(first); }
      }).catch(function (error) {
        pending.remove();
        bubble(error && error.message ? error.message : root.getAttribute("data-error"), "bot");
      });
    });
  }
  function send(payload, echo) {
    payload.conversation = key;
    post(root.getAttribute("data-endpoint"), JSON.stringify(payload),
         { "Content-Type": "application/json", "Accept": "application/json" }, echo);
  }
  function sendPhoto(file) {
    // The size is only a courtesy check (no upload of a file that will be refused); the
    // server judges every file by its content.
    if (file.size > Number(root.getAttribute("data-max-bytes"))) {
      bubble(root.getAttribute("data-photo-label"), "me");
      bubble(root.getAttribute("data-too-large"), "bot");
      return;
    }
    var body = new FormData();
    body.append("csrf_token", photoForm.elements.csrf_token.value);
    body.append("conversation", key);
    body.append("photo", file, "photo");
    post(photoForm.getAttribute("action"), body, { "Accept": "application/json" },
         root.getAttribute("data-photo-label"));
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send({ text: text }, text);
  });
  if (photoForm && photoInput && window.FormData) {
    photoForm.hidden = false;
    photoForm.addEventListener("submit", function (event) { event.preventDefault(); });
    photoInput.addEventListener("change", function () {
      // One turn per photo, as Telegram delivers an album.
      Array.prototype.slice.call(photoInput.files || []).forEach(sendPhoto);
      photoInput.value = "";
    });
  }
  // The same tab opened again (a phone reloads a tab it put away while the camera was open)
  // carries on: "help" asks the current question again, where "start" threw the report away.
  send({ command: kept ? "help" : "start" }, null);
});
