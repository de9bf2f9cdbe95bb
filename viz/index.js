// The index of a folder of many views: search and page through window.KG_PAGES (pages.js)
// instead of one table row per page. Text is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var all = window.KG_PAGES || [];
  var body = document.getElementById("pages");
  var ROWS = Number(body.getAttribute("data-rows")) || 200;  // as many as the index lists itself
  var search = document.getElementById("search");
  var shown = document.getElementById("shown");
  var found = all;
  var start = 0;

  function cell(row, text) {
    var td = document.createElement("td");
    td.textContent = text;
    row.appendChild(td);
    return td;
  }

  function draw() {
    while (body.firstChild) body.removeChild(body.firstChild);
    found.slice(start, start + ROWS).forEach(function (page) {
      var row = document.createElement("tr");
      var link = document.createElement("a");
      link.href = page.href;
      link.textContent = page.title;
      cell(row, "").appendChild(link);
      cell(row, page.kind);
      cell(row, String(page.nodes));
      cell(row, String(page.edges));
      body.appendChild(row);
    });
    shown.textContent = found.length ? (start + 1) + "–" + Math.min(start + ROWS, found.length) + " of " + found.length
      : "no page matches";
  }

  search.addEventListener("input", function () {
    var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    found = all.filter(function (page) {
      var text = (page.title + " " + page.href + " " + page.kind).toLowerCase();
      return words.every(function (w) { return text.indexOf(w) >= 0; });
    });
    start = 0;
    draw();
  });
  document.getElementById("prev").addEventListener("click", function () {
    start = Math.max(0, start - ROWS);
    draw();
  });
  document.getElementById("next").addEventListener("click", function () {
    if (start + ROWS < found.length) start += ROWS;
    draw();
  });
})();
