/* chidao graph view. Every text from the data goes on screen through textContent or as a DOM
   element built here; nothing is parsed as HTML and nothing is fetched. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chidao-data").textContent);
  var status = document.getElementById("chidao-status");
  var violations = 0;  /* the page's CSP forbids every network load; count any attempt */
  document.addEventListener("securitypolicyviolation", function () {
    violations += 1;
    status.setAttribute("data-violations", String(violations));
  });

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function fold(s) {  /* accent- and case-insensitive key: "Ủy ban" and "uy ban" agree */
    return String(s === undefined || s === null ? "" : s).normalize("NFD").replace(/[\u0300-\u036f]/g, "")
      .replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase().replace(/[\s\-\/_.,:;]+/g, " ").trim();
  }
  function nameOf(n) { return n ? (n.props.name || n.props.number || n.label || n.id) : ""; }

  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  function nodeTip(n) {
    var box = el("div", null, "tip");
    box.appendChild(el("strong", nameOf(n)));
    box.appendChild(el("div", n.kind + (n.province ? " · " + n.province : ""), "meta"));
    if (n.props.subject) { box.appendChild(el("div", n.props.subject)); }
    if (n.props.text) { box.appendChild(el("div", String(n.props.text).slice(0, 280))); }
    return box;
  }
  function edgeTip(e) {
    var box = el("div", null, "tip");
    var extra = e.props.role || e.props.cadence || e.props.kind || e.props.relation || "";
    box.appendChild(el("strong", e.type + (extra ? " (" + extra + ")" : "")));
    box.appendChild(el("div", nameOf(byId[e.from]) + " → " + nameOf(byId[e.to]), "meta"));
    if (e.props.document) { box.appendChild(el("div", nameOf(byId[e.props.document]) || e.props.document, "meta")); }
    if (e.props.quote) { box.appendChild(el("div", "“" + e.props.quote + "”")); }
    return box;
  }

  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size, title: nodeTip(n) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.label, color: { color: e.color }, title: edgeTip(e) };
  }));

  /* filters: node kinds, edge types, province */
  var hidden = { kinds: {}, types: {}, province: "" };
  function visibleNode(id) {
    var n = byId[id];
    if (!n || hidden.kinds[n.kind]) { return false; }
    return !hidden.province || n.province === hidden.province;
  }
  var nodeView = new vis.DataView(nodes, { filter: function (item) { return visibleNode(item.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (item) { return !hidden.types[edgeById[item.id].type]; } });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options || {});
  var layout = document.getElementById("layout-status");
  var stabilized = false;
  network.on("stabilizationProgress", function (p) {
    layout.textContent = "Đang sắp xếp… / laying out… " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });  /* stabilise once, then stop moving */
    network.fit({ animation: false });
    stabilized = true;
    layout.textContent = "";
    status.setAttribute("data-stabilized", "true");
  });

  var legend = document.getElementById("legend");
  data.legend.forEach(function (k) {
    var row = el("label", null, "legend-row");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.setAttribute("data-kind", k.kind);
    box.addEventListener("change", function () { hidden.kinds[k.kind] = !box.checked; refresh(); });
    var sw = el("span", null, "swatch " + k.shape);
    sw.style.background = k.color;
    sw.style.setProperty("--c", k.color);
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", k.title));
    row.appendChild(el("span", k.count, "count"));
    legend.appendChild(row);
  });
  var edgeFilters = document.getElementById("edge-filters");
  Object.keys(data.edge_counts).forEach(function (type) {
    var row = el("label", null, "legend-row");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", type);
    box.addEventListener("change", function () { hidden.types[type] = !box.checked; refresh(); });
    row.appendChild(box); row.appendChild(el("span", type));
    row.appendChild(el("span", data.edge_counts[type], "count"));
    edgeFilters.appendChild(row);
  });
  var select = document.getElementById("province");
  data.provinces.forEach(function (p) { var o = el("option", p); o.value = p; select.appendChild(o); });
  select.addEventListener("change", function () { hidden.province = select.value; refresh(); });
  document.getElementById("reset").addEventListener("click", function () {
    hidden = { kinds: {}, types: {}, province: "" };
    Array.prototype.forEach.call(document.querySelectorAll("#controls input[type=checkbox]"),
                                 function (b) { b.checked = true; });
    select.value = ""; refresh(); highlight(null); network.unselectAll(); network.fit();
  });
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  /* neighbourhood highlight: the node, its neighbours and their edges stay; the rest is dimmed */
  var highlighted = null;
  function highlight(center) {
    highlighted = center;
    var keep = {};
    if (center) {
      keep[center] = true;
      network.getConnectedNodes(center).forEach(function (id) { keep[id] = true; });
    }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: (!center || keep[n.id]) ? 1 : 0.15 };
    }));
    edges.update(data.edges.map(function (e) {
      var on = !center || e.from === center || e.to === center;
      return { id: e.id, color: { color: e.color, opacity: on ? 1 : 0.1 }, font: { color: on ? "#343434" : "#dddddd" } };
    }));
  }

  /* details panel */
  var panel = document.getElementById("panel");
  function section(title) { panel.appendChild(el("h2", title)); }
  function show(id) {
    var n = byId[id];
    panel.textContent = "";
    var hint = document.querySelector("#details .hint");
    if (hint) { hint.hidden = true; }
    if (!n) { return; }
    panel.appendChild(el("h3", nameOf(n)));
    var table = el("table");
    Object.keys(n.props).forEach(function (k) {
      if (k === "text") { return; }
      var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", n.props[k])); table.appendChild(tr);
    });
    panel.appendChild(table);
    if (n.props.text) { section("Nội dung / Text"); panel.appendChild(el("p", n.props.text, "text")); }
    var related = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    var docs = {};
    if (n.kind === "Document" || n.kind === "Stub") { docs[id] = true; }
    related.forEach(function (e) { if (e.props.document) { docs[e.props.document] = true; } });
    section("Văn bản / Documents (" + Object.keys(docs).length + ")");
    var ul = el("ul");
    Object.keys(docs).sort().forEach(function (d) {
      var doc = byId[d];
      var text = doc ? nameOf(doc) + (doc.props.date ? " · " + doc.props.date : "") +
        (doc.props.subject ? " · " + doc.props.subject : "") : d;
      ul.appendChild(el("li", text));
    });
    panel.appendChild(ul);
    var quoted = related.filter(function (e) { return e.props.quote; });
    section("Trích dẫn / Provenance (" + quoted.length + ")");
    quoted.forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      var box = el("div", null, "quote");
      var extra = e.props.role || e.props.cadence || e.props.kind || e.props.relation || "";
      var where = e.props.document && byId[e.props.document] ? " · " + nameOf(byId[e.props.document]) : "";
      box.appendChild(el("span", e.type + (extra ? " (" + extra + ")" : "") + (e.from === id ? " → " : " ← ") +
        nameOf(byId[other]) + where, "meta"));
      box.appendChild(el("span", "“" + e.props.quote + "”"));
      panel.appendChild(box);
    });
    status.setAttribute("data-shown", id);
  }
  function choose(id) {
    network.selectNodes([id]);
    show(id); highlight(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) { choose(params.nodes[0]); } else { highlight(null); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { highlight(null); network.unselectAll(); }
  });

  /* search: accent- and case-insensitive, best match first; Enter again goes to the next match */
  var search = document.getElementById("search");
  var result = document.getElementById("search-result");
  var index = data.nodes.map(function (n) {
    return { id: n.id, names: [fold(n.props.name), fold(n.props.number), fold(n.label)].filter(Boolean),
             key: fold([n.label, n.props.name, n.props.number, n.props.subject, n.id].join(" ")),
             kind: n.kind };
  });
  var KIND_RANK = { Document: 0, Body: 1, Post: 2, Group: 3, Person: 4, Stub: 5, Measure: 6 };
  function score(x, q) {
    if (x.names.indexOf(q) >= 0) { return 0; }
    if (x.names.some(function (s) { return s.indexOf(q) === 0; })) { return 1; }
    if (x.names.some(function (s) { return (" " + s).indexOf(" " + q) >= 0; })) { return 2; }
    if (x.names.some(function (s) { return s.indexOf(q) >= 0; })) { return 3; }
    return x.key.indexOf(q) >= 0 ? 4 : -1;
  }
  var last = { q: null, hits: [], at: 0 };
  function find(text) {
    var q = fold(text);
    if (q && q === last.q && last.hits.length) {
      last.at = (last.at + 1) % last.hits.length;
    } else {
      var scored = [];
      index.forEach(function (x) { var s = score(x, q); if (s >= 0) { scored.push([s, KIND_RANK[x.kind], x.id]); } });
      scored.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0); });
      var hits = scored.map(function (s) { return s[2]; });
      var shown = hits.filter(visibleNode);
      last = { q: q, hits: shown, at: 0, hidden: hits.length - shown.length };
    }
    if (!q) { result.textContent = ""; return null; }
    if (!last.hits.length) {
      result.textContent = last.hidden ? "0 kết quả (" + last.hidden + " bị lọc ẩn / hidden by filters)" :
        "không tìm thấy / no match";
      return null;
    }
    var id = last.hits[last.at];
    result.textContent = (last.at + 1) + "/" + last.hits.length + " · " + nameOf(byId[id]);
    choose(id);
    network.focus(id, { scale: 1.3, animation: false });
    status.setAttribute("data-focused", id);
    return id;
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); find(search.value); } });
  search.addEventListener("change", function () { if (search.value) { find(search.value); } });
  var names = {};
  data.nodes.forEach(function (n) {
    if (n.kind !== "Measure") { var s = n.props.number || n.props.name; if (s) { names[s] = true; } }
  });
  var datalist = document.getElementById("search-names");
  Object.keys(names).sort().forEach(function (s) { var o = el("option"); o.value = s; datalist.appendChild(o); });

  /* a link can carry a search: chidao.html#q=629-CV/TU */
  function fromHash() {
    if (location.hash.indexOf("#q=") === 0) {
      search.value = decodeURIComponent(location.hash.slice(3));
      find(search.value);
    }
  }
  if (stabilized) { fromHash(); } else { network.once("stabilizationIterationsDone", fromHash); }

  /* for scripts and tests: read-only handles */
  window.chidao = Object.freeze({ network: network, nodes: nodes, edges: edges, find: find, show: choose,
                                  isStabilized: function () { return stabilized; },
                                  highlighted: function () { return highlighted; } });
  status.setAttribute("data-nodes", String(nodes.length));
  status.setAttribute("data-edges", String(edges.length));
  status.setAttribute("data-violations", String(violations));
  status.setAttribute("data-ready", "true");
})();
