/* fazhi-kg views: the page script. Reads the JSON data block, draws the vis-network graph,
 * and builds tooltips, details, legend, search and type filter.
 * Report text is untrusted: strings only ever enter the DOM as text (textContent / text
 * nodes), never as HTML, attributes holding URLs, or code. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var MAX_TIP_QUOTES = 2;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function nodeTip(kg) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("b", null, kg.name));
    if (kg.aliases.length) tip.appendChild(el("div", "aliases", "别名 aliases: " + kg.aliases.join("、")));
    kg.facts.slice(0, 3).forEach(function (f) { tip.appendChild(el("div", null, f[0] + ": " + f[1])); });
    kg.quotes.slice(0, MAX_TIP_QUOTES).forEach(function (q) { tip.appendChild(el("div", "quote", q)); });
    return tip;
  }

  function edgeTip(kg) {
    var tip = el("div", "kg-tip");
    tip.appendChild(el("b", null, kg.from + " → " + kg.label + " (" + kg.relation + ") → " + kg.to));
    kg.quotes.slice(0, MAX_TIP_QUOTES).forEach(function (q) { tip.appendChild(el("div", "quote", q)); });
    if (kg.reports && kg.reports.length) tip.appendChild(el("div", "aliases", "报告 report: " + kg.reports.join("、")));
    return tip;
  }

  data.nodes.forEach(function (n) { n.title = nodeTip(n.kg); });
  data.edges.forEach(function (e) { e.title = edgeTip(e.kg); });

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var hiddenTypes = {};
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenTypes[n.kg.type]; } });
  var edgeView = new vis.DataView(edges, {
    filter: function (e) {
      var a = nodes.get(e.from), b = nodes.get(e.to);
      return a && b && !hiddenTypes[a.kg.type] && !hiddenTypes[b.kg.type];
    }
  });
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options);
  var state = { network: network, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView,
                data: data, ready: false, shown: null };
  window.kgView = state;

  // -- overview: the whole-corpus page opens on one node per group, expanded on double-click --
  var MIN_LABEL_PX = 13;  // label height on screen at the opening zoom
  function isCluster(id) { return !!network.body.nodes[id] && network.isCluster(id); }  // (vis logs an error for gone ids)
  function clusterTip(c) {
    return el("div", "kg-tip", (c.label || c.name) + " · " + c.count + " 个节点 nodes · 双击展开 double-click to expand");
  }
  (data.clusters || []).forEach(function (c) {
    network.cluster({
      joinCondition: function (o) { return !!o.kg && o.kg.group === c.key; },
      clusterNodeProperties: {
        id: "cluster:" + c.key, label: c.label + " (" + c.count + ")", shape: c.shape, color: c.color,
        value: c.count, borderWidth: 2, title: clusterTip(c), scaling: { label: { enabled: false } },
        font: c.shape === "box" ? { size: 16, color: "#ffffff", strokeWidth: 0 }
                                : { size: 16, color: "#222222", strokeWidth: 3, strokeColor: "#ffffff" },
        kg: { type: "cluster", name: c.label, group: c.key, count: c.count }
      },
      clusterEdgeProperties: { label: "", color: { color: "#bbbbbb" }, width: 1 }
    });
  });
  state.clustered = (data.clusters || []).length > 0;

  function columns() {
    // the overview in columns (reports | documents | agencies | places and duties), largest first,
    // each column as wide as its longest label at 16 px and rows two label heights apart
    var FONT = 16, COLUMN = { report: 0, regulation: 1, agency: 2, jurisdiction: 3, duty: 3 };
    var ctx = document.createElement("canvas").getContext("2d");
    ctx.font = FONT + "px " + ((data.options.nodes && data.options.nodes.font && data.options.nodes.font.face) || "sans-serif");
    var lists = [[], [], [], []];
    network.body.nodeIndices.forEach(function (id) {
      var node = network.body.nodes[id], kg = node.options.kg || {};
      var type = isCluster(id) ? String(kg.group).split(":")[0] : kg.type;
      var label = String(node.options.label || "");
      if (!isCluster(id) && label.length > 12) {  // a lone node: its name short here, whole in the tooltip
        label = label.slice(0, 11) + "…";
        nodes.update({ id: id, label: label });
      }
      lists[COLUMN[type] !== undefined ? COLUMN[type] : 3].push({ id: id, count: kg.count || 1, width: ctx.measureText(label).width + 24 });
    });
    var x = 0;
    lists.forEach(function (list) {
      if (!list.length) return;
      var width = Math.max.apply(null, list.map(function (item) { return item.width; }));
      list.sort(function (a, b) { return b.count - a.count; });
      list.forEach(function (item, row) {
        network.moveNode(item.id, x + width / 2, (row - (list.length - 1) / 2) * FONT * 3.4);
        if (isCluster(item.id)) network.clustering.updateClusteredNode(item.id, { size: 10, scaling: { min: 10, max: 10 } });
        else nodes.update({ id: item.id, size: 10, font: { size: FONT }, scaling: { min: 10, max: 10, label: { enabled: false } } });
      });
      x += width + FONT * 2;
    });
  }

  function bands(done) {
    // the oversight view: one band per level, top down (Python's order kept), as many agencies
    // a row as the canvas holds with every label MIN_LABEL_PX high; the opening view frames the
    // whole network when that zoom allows, else the top bands at that zoom (drag for the rest)
    var font = (data.options.nodes && data.options.nodes.font && data.options.nodes.font.size) || 16;
    var readable = MIN_LABEL_PX / font, step = data.bands;
    var byTier = {};
    network.body.nodeIndices.forEach(function (id) {
      var n = nodes.get(id), p = network.getPosition(id);
      (byTier[n.level] = byTier[n.level] || []).push({ id: id, x: p.x, y: p.y });
    });
    // rows packed by each node's drawn box (dot and label): a long or two-line name takes the
    // room it needs, so no label lies over another whatever the names are
    var across = container.clientWidth / readable, pad = step.gap / 2, y = 0;
    Object.keys(byTier).map(Number).sort(function (a, b) { return a - b; }).forEach(function (tier) {
      var list = byTier[tier].sort(function (a, b) { return a.y - b.y || a.x - b.x; });
      var row = [], width = 0, height = 0;
      function place() {
        var x = -width / 2;
        row.forEach(function (item) { network.moveNode(item.id, x + item.dx, y + item.dy); x += item.w + pad; });
        y += height + pad;
        row = []; width = 0; height = 0;
      }
      list.forEach(function (item) {
        var box = network.getBoundingBox(item.id);
        item.w = box.right - box.left; item.dx = item.x - box.left; item.dy = item.y - box.top;
        if (row.length && width + pad + item.w > across) place();
        width += (row.length ? pad : 0) + item.w;
        height = Math.max(height, box.bottom - box.top, step.y / 2);
        row.push(item);
      });
      if (row.length) place();
      y += step.gap;
    });
    // drawn once framing all of them, every node's label is measured where it now stands (vis
    // measures only what it draws); then the opening view
    network.fit({ animation: false });
    network.once("afterDrawing", function () {
      if (network.getScale() < readable) {
        var top = -pad;  // the top band's labels just below the canvas's top edge
        network.moveTo({ scale: readable, position: { x: 0, y: top + container.clientHeight / 2 / readable },
                         animation: false });
        var hint = el("p", "muted", "拖动画面或缩小查看其余层级 · drag or zoom out to see the lower levels");
        hint.id = "kg-more-levels";
        legendBox.appendChild(hint);
      }
      done();
    });
    network.redraw();
  }

  function readableLabels() {
    // every label drawn at least MIN_LABEL_PX high at the current zoom
    var size = Math.max(16, Math.ceil(MIN_LABEL_PX / network.getScale()));
    if (size === 16 && state.clustered) return;  // the columns were spaced for 16
    network.body.nodeIndices.forEach(function (id) {
      if (isCluster(id)) network.clustering.updateClusteredNode(id, { font: { size: size } });
      else nodes.update({ id: id, font: { size: size }, scaling: { label: { enabled: false } } });
    });
  }

  network.on("doubleClick", function (params) {
    if (!params.nodes.length || !isCluster(params.nodes[0])) return;
    network.openCluster(params.nodes[0]);
    if (!data.precomputedLayout) {  // let the opened nodes spread, then stop again
      network.setOptions({ physics: { enabled: true } });
      network.once("stabilized", function () { network.setOptions({ physics: false }); });
      network.stabilize(150);
    }
  });

  function settle() {
    if (state.ready) return;
    if (data.options.physics && data.options.physics.enabled !== false) network.setOptions({ physics: false });
    state.ready = true;
  }
  if (state.clustered) {
    network.setOptions({ physics: false });
    columns();
    network.once("afterDrawing", function () {  // once drawn (vis fits on its first drawing)
      network.fit({ animation: false });  // with room for the labels at the edges (fit frames the nodes)
      network.moveTo({ scale: network.getScale() * 0.9, animation: false });
      readableLabels();
      settle();
    });
  }
  else if (data.tiers) {
    // vis draws (and so measures) only the nodes in view: frame them all and let it draw once
    // more, so that every node's box is its drawn label's before the bands are packed
    network.once("afterDrawing", function () {
      network.fit({ animation: false });
      network.once("afterDrawing", function () { bands(settle); });
      network.redraw();
    });
  }
  else if (data.options.physics && data.options.physics.enabled === false) { settle(); }
  else { network.once("stabilizationIterationsDone", settle); network.once("stabilized", settle); }

  // -- details panel ---------------------------------------------------------------
  var details = document.getElementById("kg-details");

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function quotes(list) {
    var box = el("div");
    if (list.length) box.appendChild(el("h2", null, "证据 evidence"));
    list.forEach(function (q) { box.appendChild(el("blockquote", null, q)); });
    return box;
  }

  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    clear(details);
    details.appendChild(el("h3", null, n.kg.name));
    var dl = el("dl");
    if (n.kg.aliases.length) { dl.appendChild(el("dt", null, "别名 aliases")); dl.appendChild(el("dd", null, n.kg.aliases.join("、"))); }
    n.kg.facts.forEach(function (f) { dl.appendChild(el("dt", null, f[0])); dl.appendChild(el("dd", null, f[1])); });
    dl.appendChild(el("dt", null, "IRI")); dl.appendChild(el("dd", null, n.kg.iri));
    details.appendChild(dl);
    details.appendChild(quotes(n.kg.quotes));
    state.shown = id;
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    clear(details);
    details.appendChild(el("h3", null, e.kg.label + " " + e.kg.relation));
    var dl = el("dl");
    dl.appendChild(el("dt", null, "from")); dl.appendChild(el("dd", null, e.kg.from));
    dl.appendChild(el("dt", null, "to")); dl.appendChild(el("dd", null, e.kg.to));
    if (e.kg.reports && e.kg.reports.length) { dl.appendChild(el("dt", null, "报告 report")); dl.appendChild(el("dd", null, e.kg.reports.join("、"))); }
    details.appendChild(dl);
    details.appendChild(quotes(e.kg.quotes));
    state.shown = id;
  }

  network.on("click", function (params) {
    if (params.nodes.length && isCluster(params.nodes[0])) {
      clear(details);
      details.appendChild(clusterTip(network.body.nodes[params.nodes[0]].options.kg));
    } else if (params.nodes.length) showNode(params.nodes[0]);
    else if (params.edges.length) showEdge(params.edges[0]);
  });
  state.showNode = showNode;

  // -- legend --------------------------------------------------------------------
  var legendBox = document.getElementById("kg-legend");
  var groupTitles = { type: "节点 nodes", regulation_kinds: "文件类别 document kinds",
                      agency_categories: "机构类别 agency categories", relations: "关系 relations" };
  var lastGroup = null;
  data.legend.forEach(function (row) {
    if (row.group !== lastGroup) { legendBox.appendChild(el("h2", null, groupTitles[row.group] || row.group)); lastGroup = row.group; }
    var line = el("div", "legend-row");
    var swatch = el("span", "swatch " + row.shape);
    swatch.style.backgroundColor = row.color;
    line.appendChild(swatch);
    line.appendChild(el("span", null, row.text));
    legendBox.appendChild(line);
  });
  if (data.tiers) legendBox.appendChild(el("p", "muted", "自上而下: 国家级、省级、市级、县级、乡镇级, 最下一行层级不明 · rows top to bottom: national, province, prefecture, county, township, level unknown"));
  if (data.levels) legendBox.appendChild(el("p", "muted", "机构边框粗细 = 层级 (国家级最粗, 乡镇级最细) · agency border width = level"));
  if (data.precomputedLayout) legendBox.appendChild(el("p", "muted", "大图: 布局已预先计算, 物理模拟关闭 · large graph: precomputed layout, physics off"));

  // -- type filter -----------------------------------------------------------------
  var typeBox = document.getElementById("kg-type-filter");
  data.types.forEach(function (type) {
    var label = el("label");
    var box = document.createElement("input");
    box.type = "checkbox"; box.checked = true; box.value = type;
    box.addEventListener("change", function () {
      hiddenTypes[type] = !box.checked;
      nodeView.refresh(); edgeView.refresh();
    });
    label.appendChild(box);
    label.appendChild(document.createTextNode(" " + type));
    typeBox.appendChild(label);
  });

  // -- search ----------------------------------------------------------------------
  var search = document.getElementById("kg-search");
  var result = document.getElementById("kg-search-result");
  search.addEventListener("input", function () {
    var term = search.value.trim().toLowerCase();
    clear(result);
    if (!term) { network.unselectAll(); return; }
    var hits = nodeView.get({ filter: function (n) {
      return n.kg.name.toLowerCase().indexOf(term) >= 0 ||
             n.kg.aliases.some(function (a) { return a.toLowerCase().indexOf(term) >= 0; });
    } });
    var ids = hits.map(function (n) { return n.id; });
    network.selectNodes(ids, false);
    result.appendChild(document.createTextNode(ids.length + " 个匹配 matches"));
    if (ids.length) network.fit({ nodes: ids, animation: false });
    if (ids.length === 1) showNode(ids[0]);
    else if (ids.length > 1) {
      var list = el("ul", "match-list");
      hits.slice(0, 30).forEach(function (n) {
        var item = el("li", null, n.kg.name);
        item.addEventListener("click", function () { network.selectNodes([n.id]); network.focus(n.id, { scale: 1.2 }); showNode(n.id); });
        list.appendChild(item);
      });
      clear(details);
      details.appendChild(list);
    }
  });
})();
