// The index of a folder of many views: search and page through window.KG_PAGES (pages.js)
// instead of one table row per page. Text is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  var all = window.KG_PAGES || [];
  // lower-cased once: a search over 100,000 pages is then one indexOf per page and word
  var texts = all.map(function (page) {
    return (page.title + " " + (page.file || "") + " " + page.href + " " + page.kind).toLowerCase();
  });
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
      var first = cell(row, "");
      if (page.href) {
        var link = document.createElement("a");
        link.href = page.href;
        link.textContent = page.title;
        first.appendChild(link);
      } else {  // a page made on demand, opened from disk: say how to make it
        first.appendChild(document.createTextNode(page.title + " "));
        var how = document.createElement("code");
        how.className = "muted";
        how.textContent = "kg viz --report " + page.file;
        first.appendChild(how);
      }
      cell(row, page.kind);
      cell(row, page.nodes === undefined ? "" : String(page.nodes));
      cell(row, page.edges === undefined ? "" : String(page.edges));
      body.appendChild(row);
    });
    shown.textContent = found.length ? (start + 1) + "–" + Math.min(start + ROWS, found.length) + " of " + found.length
      : "no page matches";
  }

  search.addEventListener("input", function () {
    var words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    found = [];
    for (var k = 0; k < all.length; k++) {
      var text = texts[k];
      if (words.every(function (w) { return text.indexOf(w) >= 0; })) found.push(all[k]);
    }
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
