// The web chat: posts each turn as JSON and renders the engine's replies. No cookies;
// the conversation key lives in sessionStorage and dies with the tab.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var root = document.getElementById("chat");
  if (!root) { return; }
  var log = document.getElementById("chat-log");
  var form = document.getElementById("chat-form");
  var input = document.getElementById("chat-input");
  var key = sessionStorage.getItem("foodsafe-chat") || root.getAttribute("data-conversation");
  sessionStorage.setItem("foodsafe-chat", key);

  function bubble(text, who) {
    var div = document.createElement("div");
    div.className = "bubble " + who;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
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
  function send(payload, echo) {
    if (echo) { bubble(echo, "me"); }
    var pending = bubble("…", "bot");
    payload.conversation = key;
    fetch(root.getAttribute("data-endpoint"), {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept": "application/json" },
      body: JSON.stringify(payload),
      credentials: "same-origin"
    }).then(function (response) {
      if (!response.ok) { throw new Error(String(response.status)); }
      return response.json();
    }).then(function (data) {
      pending.remove();
      data.messages.forEach(function (m) {
        bubble(m.text, "bot");
        if (m.receipt) {
          bubble(root.getAttribute("data-receipt-label") + " " + m.receipt, "bot receipt-bubble");
        }
        buttons(m.buttons || []);
      });
    }).catch(function () {
      pending.remove();
      bubble(root.getAttribute("data-error"), "bot");
    });
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { return; }
    input.value = "";
    send({ text: text }, text);
  });
  send({ command: "start" }, null);
});
