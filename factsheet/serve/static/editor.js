// factsheet editor: edit the YAML, rebuild in memory as the user pauses, show the page and
// every problem beside its line. No libraries: this file, the page and the stylesheet are all.
"use strict";

const PAUSE_MS = 300;
const $ = (id) => document.getElementById(id);
const code = $("code"), mirror = $("mirror"), gutter = $("gutter"), lane = $("lane");
const picker = $("file-picker"), preview = $("preview");

const state = {
  name: null,        // the content file being edited, relative to the served folder
  saved: "",         // its text on disk, as last loaded or saved
  timer: null,
  sequence: 0,       // the latest build asked for; older answers are dropped
  building: false,
  again: false,      // the text changed while a build was running
  problems: [],
  escaped: false,    // Esc was pressed: the next Tab leaves the editor
};

async function request(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  };
  const response = await fetch(path, options);
  let data = {};
  try { data = await response.json(); } catch (error) { data = {error: response.statusText}; }
  return {ok: response.ok, status: response.status, data};
}

// ---- the editor: line numbers and problem marks follow the wrapped lines of the text ----

function lines() { return code.value.split("\n"); }

function layoutLines() {
  const texts = lines();
  const marked = new Set(state.problems.filter((p) => p.here && p.line).map((p) => p.line));
  // Fix the gutter's width first: a wider gutter would re-wrap the lines measured below.
  gutter.style.width = `calc(${String(texts.length).length}ch + 38px)`;
  mirror.replaceChildren(...texts.map((text, index) => {
    const row = document.createElement("div");
    row.textContent = text || "\u200b";
    if (marked.has(index + 1)) row.className = "error";
    return row;
  }));
  const rows = mirror.children;
  gutter.replaceChildren(...texts.map((_, index) => {
    const number = document.createElement("div");
    number.textContent = String(index + 1);
    number.style.height = `${rows[index].offsetHeight}px`;
    if (marked.has(index + 1)) number.className = "error";
    return number;
  }));
  placeProblems();
}

function placeProblems() {
  const rows = mirror.children;
  const general = state.problems.filter((p) => !p.here || !p.line || p.line > rows.length);
  const located = state.problems.filter((p) => !general.includes(p));
  const cards = [];
  if (!state.problems.length) {
    const note = document.createElement("p");
    note.className = "placeholder";
    note.textContent = "No problems. Any mistake will show here, beside its line.";
    cards.push(note);
  }
  for (const problem of general) cards.push(card(problem, true));
  lane.replaceChildren(...cards);
  let bottom = lane.lastElementChild ? lane.lastElementChild.offsetTop + lane.lastElementChild.offsetHeight : 0;
  for (const problem of located.sort((a, b) => a.line - b.line)) {
    const element = card(problem, false);
    lane.append(element);
    const top = Math.max(rows[problem.line - 1].offsetTop, bottom + 6);
    element.style.top = `${top}px`;
    bottom = top + element.offsetHeight;
  }
  lane.style.minHeight = `${bottom + 20}px`;
}

function card(problem, general) {
  const element = document.createElement("div");
  element.className = general ? "problem general" : "problem";
  element.dataset.line = problem.line || "";
  const where = document.createElement(problem.here && problem.line ? "button" : "span");
  where.className = "where";
  let place = problem.here ? "" : `${problem.file || "theme"}: `;
  if (problem.line) place += `line ${problem.line}`;
  if (problem.field) place += `${problem.line ? " · " : ""}${problem.field}`;
  where.textContent = place || (problem.severity === "warning" ? "Warning" : "The whole sheet");
  if (where.tagName === "BUTTON") {
    where.type = "button";
    where.title = "Go to the line";
    where.addEventListener("click", () => goToLine(problem.line));
  }
  const message = document.createElement("span");
  message.className = "message";
  message.textContent = problem.message;
  element.append(where, message);
  if (problem.hint) {
    const hint = document.createElement("span");
    hint.className = "hint";
    hint.textContent = problem.hint;
    element.append(hint);
  }
  return element;
}

function goToLine(line) {
  const texts = lines();
  const start = texts.slice(0, line - 1).reduce((sum, text) => sum + text.length + 1, 0);
  code.focus();
  code.setSelectionRange(start, start + texts[line - 1].length);
  mirror.children[line - 1].scrollIntoView({block: "center"});
}

// ---- building as the user pauses ----

function changed() {
  showSaveState();
  layoutLines();
  clearTimeout(state.timer);
  state.timer = setTimeout(build, PAUSE_MS);
}

async function build() {
  if (state.building) { state.again = true; return; }
  state.building = true;
  state.again = false;
  const sequence = ++state.sequence;
  setChip("Building…", "");
  try {
    const answer = await request("/api/build", {name: state.name, text: code.value});
    if (sequence === state.sequence) await show(answer);
  } catch (error) {
    setChip("The editor lost its connection to factsheet", "bad");
  } finally {
    state.building = false;
    if (state.again) build();
  }
}

async function show(answer) {
  if (!answer.ok) {
    state.problems = [{message: answer.data.error || "the build could not run", here: true}];
    layoutLines();
    setChip("Not built", "bad");
    return;
  }
  const result = answer.data;
  if (result.preview) await swapPreview(result.preview, result.status.overflow);
  state.problems = result.problems;
  layoutLines();
  const status = result.status;
  const count = result.problems.length;
  announce(result);
  if (status.figures_expected !== undefined) {
    const verified = `${status.figures_found}/${status.figures_expected} figures verified`;
    setChip(result.verified ? verified : `${verified} · ${plural(count, "problem")}`, result.verified ? "good" : "bad");
    const stepped = status.body_size < status.theme_body_size ? ` (stepped down from ${status.theme_body_size} pt to fit)` : "";
    $("status-layout").textContent = `${pageName(status.page_size)} · body type ${status.body_size} pt${stepped} · theme ${status.theme}`;
    $("status-pages").textContent = plural(status.pages, "page");
  } else {
    setChip(status.overflow ? "Does not fit on one page" : plural(count, "problem"), "bad");
    $("status-layout").textContent = "";
    $("status-pages").textContent = "";
  }
  const verb = status.figures_expected === undefined ? "checked" : "built";
  $("status-time").textContent = `${verb} in ${status.seconds.toFixed(2)} s`;
  showNotice(result, status);
  setDownloads(result.verified ? result.id : null);
}

// Screen readers hear the outcome once when it changes, not every build or keystroke.
function announce(result) {
  const first = result.problems[0];
  let text = result.problems.length ? plural(result.problems.length, "problem") : "";
  if (first) text += `${first.line && first.here ? `, line ${first.line}` : ""}: ${first.message}`;
  else if (result.status.figures_expected !== undefined) {
    text = `${result.status.figures_found} of ${result.status.figures_expected} figures verified`;
  }
  const summary = $("problem-summary");
  if (summary.textContent !== text) summary.textContent = text;
}

function swapPreview(url, overflow) {
  return new Promise((resolve) => {
    const image = new Image();
    image.onload = () => {
      preview.src = url;
      preview.alt = overflow ? "The page as far as it fits, and below it, boxed in red, what did not fit" : "Preview of the page";
      preview.dataset.build = url;
      preview.hidden = false;
      $("empty").hidden = true;
      resolve();
    };
    image.onerror = () => resolve();
    image.src = url;
  });
}

function showNotice(result, status) {
  const notice = $("notice");
  const first = result.problems.find((p) => p.here && p.line);
  preview.classList.toggle("stale", !result.preview);
  if (result.verified) { notice.hidden = true; return; }
  let title;
  if (status.overflow) title = "The content does not fit on one page.";
  else if (result.preview) title = "This page is not ready to share: some of the content is missing from it.";
  else title = "The page could not be built.";
  const elsewhere = result.problems.find((p) => !p.here);
  let advice;
  if (status.overflow) advice = `Shorten the text, or drop a block, section or highlight.${result.preview ? " Below the page, boxed in red, is what did not fit;" : ""} the sections that did not fit are marked beside the content.`;
  else if (elsewhere && !first) advice = `Fix the problem in ${elsewhere.file || "another file"}, described beside the content.`;
  else advice = `Fix the problem${result.problems.length > 1 ? "s" : ""} marked in the content.${first ? ` See line ${first.line}.` : ""}`;
  const previous = !result.preview && !preview.hidden ? " Showing the last page that built." : "";
  notice.replaceChildren();
  const strong = document.createElement("strong");
  strong.textContent = title;
  notice.append(strong, document.createTextNode(advice + previous));
  notice.hidden = false;
  $("empty").textContent = "No page yet: it appears as soon as the content has no problems.";
}

function setDownloads(id) {
  for (const [element, form] of [["download-pdf", "pdf"], ["download-png", "png"], ["download-print", "print"]]) {
    const link = $(element);
    if (id) {
      link.href = `/api/download/${id}/${form}`;
      link.removeAttribute("aria-disabled");
    } else {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    }
  }
}

function setChip(text, kind) {
  const chip = $("status-verify");
  chip.textContent = text;
  chip.className = `chip ${kind}`;
}

function plural(count, word) { return `${count} ${word}${count === 1 ? "" : "s"}`; }
function pageName(size) { return size === "a4" ? "A4" : size === "letter" ? "Letter" : size; }

// ---- files: pick, load, save ----

function showSaveState() {
  const dirty = code.value !== state.saved;
  const label = $("save-state");
  label.textContent = dirty ? "Unsaved changes" : "All changes saved";
  label.classList.toggle("dirty", dirty);
}

async function load(name) {
  const answer = await request(`/api/file?name=${encodeURIComponent(name)}`);
  if (!answer.ok) { setChip(answer.data.error, "bad"); return; }
  state.name = name;
  picker.value = name;
  history.replaceState(null, "", `?file=${encodeURIComponent(name)}`);
  state.saved = answer.data.text;
  code.value = answer.data.text;
  state.problems = [];
  preview.hidden = true;
  $("empty").hidden = false;
  $("empty").textContent = "Building the page…";
  $("notice").hidden = true;
  changed();
  clearTimeout(state.timer);
  build();
}

async function save() {
  const text = code.value;
  const answer = await request("/api/save", {name: state.name, text});
  const label = $("save-state");
  if (answer.ok) {
    state.saved = text;
    showSaveState();
    return;
  }
  if (answer.data.problems) { state.problems = answer.data.problems; layoutLines(); }
  const line = answer.data.problems && answer.data.problems[0] && answer.data.problems[0].line;
  label.textContent = `Not saved: ${answer.data.error || "the YAML has a mistake"}${line ? ` at line ${line}` : ""}`;
  label.classList.add("dirty");
}

async function start() {
  const answer = await request("/api/files");
  if (!answer.ok) { setChip(answer.data.error, "bad"); return; }
  const {files, single, title} = answer.data;
  document.title = `${title} · factsheet editor`;
  if (single) {
    picker.hidden = true;
    picker.previousElementSibling.setAttribute("for", "file-name");
    $("file-name").hidden = false;
    $("file-name").textContent = files[0];
  }
  picker.replaceChildren(...files.map((name) => new Option(name, name)));
  if (!files.length) { setChip("No content files here", "bad"); return; }
  const wanted = new URLSearchParams(location.search).get("file");
  await load(files.includes(wanted) ? wanted : files[0]);
}

code.addEventListener("input", changed);
code.addEventListener("keydown", (event) => {
  if (event.key === "Escape") { state.escaped = true; return; }
  if (event.key === "Tab" && !event.shiftKey && !state.escaped) {
    event.preventDefault();
    document.execCommand("insertText", false, "  ");
  }
  if (event.key !== "Tab") state.escaped = false;
});
document.addEventListener("keydown", (event) => {
  if ((event.ctrlKey || event.metaKey) && event.key === "s") { event.preventDefault(); save(); }
});
$("save").addEventListener("click", save);
for (const id of ["download-pdf", "download-png", "download-print"]) {
  $(id).addEventListener("click", (event) => { if (!$(id).href) event.preventDefault(); });
}
picker.addEventListener("change", () => {
  if (code.value !== state.saved && !confirm("Leave this sheet? Its unsaved changes will be lost.")) {
    picker.value = state.name;
    return;
  }
  load(picker.value);
});
window.addEventListener("beforeunload", (event) => { if (code.value !== state.saved) event.preventDefault(); });
window.addEventListener("resize", () => layoutLines());
start();
