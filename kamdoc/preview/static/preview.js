// The preview page: one slide at a time with a strip of all of them, moved through by keyboard or click,
// and brought up to date in place after every save (server-sent events). The HTML it swaps in was made
// and escaped by the server; this script only moves it into place.
"use strict";

(() => {
  const root = document.documentElement;
  const config = JSON.parse(document.getElementById("kp-data").textContent);
  const slidesBox = document.getElementById("kp-slides");
  const frame = document.getElementById("kp-frame");
  const stage = document.getElementById("kp-stage");
  const strip = document.getElementById("kp-strip");
  const counter = document.getElementById("kp-counter");
  const problems = document.getElementById("kp-problems");
  const warningsBadge = document.getElementById("kp-warnings");
  const errorsBadge = document.getElementById("kp-errors");
  const deckStyle = document.getElementById("kp-deck-style");
  let audience = config.audience;
  let current = slideFromHash();
  let fetching = false;
  let wanted = null;

  function slideFromHash() {
    const match = /^#slide=(\d+)$/.exec(location.hash);
    return match ? Math.max(0, Number(match[1]) - 1) : 0;
  }

  function slides() {
    return Array.from(slidesBox.children).filter((node) => node.classList.contains("slide"));
  }

  function fit() {
    const first = slides()[0];
    if (!first) return;
    const width = first.offsetWidth;
    const height = first.offsetHeight;
    const scale = Math.min((stage.clientWidth - 32) / width, (stage.clientHeight - 32) / height);
    slidesBox.style.transform = `scale(${scale})`;
    frame.style.width = `${width * scale}px`;
    frame.style.height = `${height * scale}px`;
  }

  function show(index) {
    const all = slides();
    current = Math.min(Math.max(0, index), Math.max(0, all.length - 1));
    all.forEach((slide, i) => slide.classList.toggle("kp-current", i === current));
    strip.querySelectorAll(".kp-thumb").forEach((thumb, i) => {
      if (i === current) {
        thumb.setAttribute("aria-current", "true");
        thumb.scrollIntoView({ block: "nearest" });
      } else {
        thumb.removeAttribute("aria-current");
      }
    });
    counter.textContent = `${all.length ? current + 1 : 0} / ${all.length}`;
    history.replaceState(null, "", `${location.pathname}${location.search}#slide=${current + 1}`);
    fit();
  }

  // One thumbnail per slide: a copy of it, scaled down. Made again only for the slides a save changed.
  function thumbnail(slide, i) {
    const button = document.createElement("button");
    button.type = "button";
    button.className = "kp-thumb";
    const title = slide.querySelector("h1");
    button.setAttribute("aria-label", `${config.words.slide} ${i + 1}${title ? ": " + title.textContent : ""}`);
    const number = document.createElement("span");
    number.className = "kp-thumb-number";
    number.textContent = String(i + 1);
    const picture = document.createElement("span");
    picture.className = "kp-thumb-picture";
    const copy = slide.cloneNode(true);
    copy.classList.remove("kp-current");
    copy.removeAttribute("id");
    copy.querySelectorAll("[id]").forEach((node) => node.removeAttribute("id"));
    copy.setAttribute("aria-hidden", "true");
    picture.append(copy);
    button.append(number, picture);
    button.addEventListener("click", () => show(i));
    return button;
  }

  function scaleThumbnails(buttons) {
    const width = 150;
    const sizes = buttons.map((button) => {
      const copy = button.querySelector(".kp-thumb-picture > *");
      return [copy, copy.offsetWidth, copy.offsetHeight];  // all read first, then all written: one layout
    });
    sizes.forEach(([copy, w, h]) => {
      const scale = width / w;
      copy.style.transform = `scale(${scale})`;
      copy.parentNode.style.width = `${width}px`;
      copy.parentNode.style.height = `${h * scale}px`;
    });
  }

  function buildStrip(changed) {
    const all = slides();
    const thumbs = Array.from(strip.children);
    if (changed === undefined || thumbs.length !== all.length) {
      const made = all.map(thumbnail);
      strip.replaceChildren(...made);
      scaleThumbnails(made);
      return;
    }
    const made = changed.map((i) => {
      const button = thumbnail(all[i], i);
      thumbs[i].replaceWith(button);
      return button;
    });
    scaleThumbnails(made);
  }

  // The slides of a save put in place of the old ones: only those whose HTML differs are replaced,
  // so the browser lays out (and the strip copies) just what the save changed.
  let placed = [];
  function place(html) {
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    const fresh = Array.from(parsed.content.children);
    const old = Array.from(slidesBox.children);
    const changed = [];
    fresh.forEach((node, i) => {
      const text = node.outerHTML;
      if (i < old.length && placed[i] === text) return;
      if (i < old.length) old[i].replaceWith(node);
      else slidesBox.append(node);
      placed[i] = text;
      changed.push(i);
    });
    old.slice(fresh.length).forEach((node) => node.remove());
    placed.length = fresh.length;
    return fresh.length === old.length ? changed : undefined;
  }

  function showProblems(view) {
    problems.innerHTML = view.problems;
    problems.classList.toggle("kp-only-warnings", view.errors === 0);
    const open = problems.classList.contains("kp-open") && view.warnings > 0;
    problems.classList.toggle("kp-open", open);
    problems.hidden = view.errors === 0 && !open;
    warningsBadge.hidden = view.warnings === 0;
    warningsBadge.textContent = view.warningsText;
    errorsBadge.hidden = view.errors === 0;
    errorsBadge.textContent = view.errorsText;
  }

  function apply(view) {
    if (deckStyle.textContent !== view.style) deckStyle.textContent = view.style;
    const changed = place(view.slides);
    document.getElementById("kp-title").textContent = view.title;
    buildStrip(changed);
    showProblems(view);
    show(current);
    root.dataset.version = String(view.version);
    root.dataset.updatedAt = String(performance.timeOrigin + performance.now());
    document.dispatchEvent(new CustomEvent("kamdoc:updated", { detail: { version: view.version } }));
  }

  // One fetch at a time; a save that arrives meanwhile is fetched when it ends (only the newest matters).
  async function refresh() {
    if (fetching) {
      wanted = true;
      return;
    }
    fetching = true;
    try {
      do {
        wanted = false;
        const response = await fetch(`${config.api}?audience=${encodeURIComponent(audience)}`, { cache: "no-store" });
        if (response.ok) apply(await response.json());
      } while (wanted);
    } finally {
      fetching = false;
    }
  }

  function setAudience(name) {
    audience = name;
    document.querySelectorAll(".kp-audience").forEach((link) => {
      if (link.dataset.audience === name) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
    history.replaceState(null, "", `${location.pathname}?audience=${encodeURIComponent(name)}#slide=${current + 1}`);
    refresh();
  }

  document.querySelectorAll(".kp-audience").forEach((link) => {
    link.addEventListener("click", (event) => {
      event.preventDefault();
      setAudience(link.dataset.audience);
    });
  });
  document.getElementById("kp-prev").addEventListener("click", () => show(current - 1));
  document.getElementById("kp-next").addEventListener("click", () => show(current + 1));
  warningsBadge.addEventListener("click", () => {
    problems.classList.toggle("kp-open");
    problems.hidden = !problems.classList.contains("kp-open") && errorsBadge.hidden;
  });

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("input, textarea, select")) return;
    const moves = { ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1, ArrowLeft: -1, ArrowUp: -1, PageUp: -1 };
    if (event.key in moves) show(current + moves[event.key]);
    else if (event.key === "Home") show(0);
    else if (event.key === "End") show(slides().length - 1);
    else if (event.key === "Escape") problems.classList.remove("kp-open");
    else return;
    event.preventDefault();
  });

  // Links inside the deck: the agenda's go to their slide here; others open beside the preview, telling it nothing.
  slidesBox.addEventListener("click", (event) => {
    const link = event.target.closest("a[href]");
    if (!link) return;
    const href = link.getAttribute("href");
    if (href.startsWith("#")) {
      event.preventDefault();
      const target = slidesBox.querySelector(`[id="${CSS.escape(href.slice(1))}"]`);
      const slide = target && target.closest(".slide");
      if (slide) show(slides().indexOf(slide));
    } else {
      link.target = "_blank";
      link.rel = "noopener noreferrer";
    }
  });

  window.addEventListener("resize", () => {
    fit();
  });
  window.addEventListener("hashchange", () => show(slideFromHash()));

  const events = new EventSource(config.events);
  events.addEventListener("change", (event) => {
    const { version } = JSON.parse(event.data);
    if (String(version) !== root.dataset.version) refresh();
  });
  events.addEventListener("open", () => {
    document.getElementById("kp-stopped").hidden = true;
  });
  events.addEventListener("error", () => {
    // The browser tries again by itself; a preview that was stopped (a new one has a new address) says so.
    if (events.readyState !== EventSource.OPEN) document.getElementById("kp-stopped").hidden = false;
  });

  placed = Array.from(slidesBox.children).map((node) => node.outerHTML);
  buildStrip();
  show(current);
})();
