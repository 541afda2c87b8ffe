// The start page: the plans' table made again after every save (server-sent events); the rows come escaped from the server.
"use strict";

(() => {
  const root = document.documentElement;
  const config = JSON.parse(document.getElementById("kp-data").textContent);
  const rows = document.getElementById("kp-rows");

  async function refresh() {
    const response = await fetch(config.api, { cache: "no-store" });
    if (!response.ok) return;
    const data = await response.json();
    rows.innerHTML = data.rows;
    root.dataset.version = String(data.version);
  }

  const events = new EventSource(config.events);
  events.addEventListener("change", (event) => {
    if (String(JSON.parse(event.data).version) !== root.dataset.version) refresh();
  });
  events.addEventListener("open", () => {
    document.getElementById("kp-stopped").hidden = true;
  });
  events.addEventListener("error", () => {
    if (events.readyState !== EventSource.OPEN) document.getElementById("kp-stopped").hidden = false;
  });
})();
