/* chidao graph view: every text goes through textContent; nothing is fetched. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("chidao-data").textContent);
  var status = document.getElementById("chidao-status");
  var violations = 0;  /* the page's CSP forbids every network load; count any attempt */
  document.addEventListener("securitypolicyviolation", function () {
    violations += 1;
    status.setAttribute("data-violations", String(violations));
  });
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.label, shape: n.shape, color: n.color, size: n.size, kind: n.kind,
             jurisdiction: n.jurisdiction, title: tooltip(n) };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    return { id: e.id, from: e.from, to: e.to, label: e.label, color: { color: e.color }, type: e.type };
  }));
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; });
  var edgeById = {};
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  function el(tag, text, cls) {
    var x = document.createElement(tag);
    if (text !== undefined && text !== null) { x.textContent = String(text); }
    if (cls) { x.className = cls; }
    return x;
  }
  function tooltip(n) {
    var box = el("div");
    box.appendChild(el("strong", n.props.name || n.props.number || n.id));
    box.appendChild(el("div", n.kind + (n.jurisdiction ? " · " + n.jurisdiction : "")));
    return box;
  }
  function fold(s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "D")
      .toLowerCase().replace(/[\s\-\/]+/g, " ").trim();
  }

  var hidden = { kinds: {}, types: {}, province: "" };
  function visibleNode(n) {
    if (hidden.kinds[n.kind]) { return false; }
    if (hidden.province && n.jurisdiction !== hidden.province) { return false; }
    return true;
  }
  var nodeView = new vis.DataView(nodes, { filter: visibleNode });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return !hidden.types[e.type]; } });
  var container = document.getElementById("network");
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, data.options || {});
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: false });
    network.fit({ animation: false });
    network.redraw();
    status.setAttribute("data-stabilized", "true");
  });

  /* legend with counts, doubling as node-type filter */
  var legend = document.getElementById("legend");
  Object.keys(data.counts).forEach(function (kind) {
    var row = el("label", null, "legend-row");
    var box = el("input"); box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () { hidden.kinds[kind] = !box.checked; refresh(); });
    var sw = el("span", null, "swatch");
    var sample = data.nodes.filter(function (n) { return n.kind === kind; })[0];
    sw.style.background = sample ? sample.color : "#999";
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", kind));
    row.appendChild(el("span", data.counts[kind], "count"));
    legend.appendChild(row);
  });
  var edgeFilters = document.getElementById("edge-filters");
  Object.keys(data.edge_counts).forEach(function (type) {
    var row = el("label", null, "legend-row");
    var box = el("input"); box.type = "checkbox"; box.checked = true;
    box.addEventListener("change", function () { hidden.types[type] = !box.checked; refresh(); });
    row.appendChild(box); row.appendChild(el("span", type)); row.appendChild(el("span", data.edge_counts[type], "count"));
    edgeFilters.appendChild(row);
  });
  var provinces = {};
  data.nodes.forEach(function (n) { if (n.jurisdiction) { provinces[n.jurisdiction] = true; } });
  var select = document.getElementById("province");
  Object.keys(provinces).sort().forEach(function (p) { var o = el("option", p); o.value = p; select.appendChild(o); });
  select.addEventListener("change", function () { hidden.province = select.value; refresh(); });
  document.getElementById("reset").addEventListener("click", function () {
    hidden = { kinds: {}, types: {}, province: "" };
    Array.prototype.forEach.call(document.querySelectorAll("#controls input[type=checkbox]"), function (b) { b.checked = true; });
    select.value = ""; refresh(); dim(null); network.fit();
  });
  function refresh() { nodeView.refresh(); edgeView.refresh(); }

  /* neighbourhood highlight */
  function dim(center) {
    var keep = {};
    if (center) {
      keep[center] = true;
      network.getConnectedNodes(center).forEach(function (id) { keep[id] = true; });
    }
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, opacity: (!center || keep[n.id]) ? 1 : 0.15 };
    }));
  }

  /* side panel */
  var panel = document.getElementById("panel");
  function show(id) {
    var n = byId[id];
    panel.textContent = "";
    var hint = document.querySelector("#details .hint");
    if (hint) { hint.hidden = true; }
    if (!n) { return; }
    panel.appendChild(el("h3", n.props.name || n.props.number || n.id));
    var table = el("table");
    Object.keys(n.props).forEach(function (k) {
      if (k === "text") { return; }
      var tr = el("tr"); tr.appendChild(el("td", k)); tr.appendChild(el("td", n.props[k])); table.appendChild(tr);
    });
    panel.appendChild(table);
    if (n.props.text) { panel.appendChild(el("h2", "Nội dung / Text")); panel.appendChild(el("p", n.props.text)); }
    var related = data.edges.filter(function (e) { return e.from === id || e.to === id; });
    var docs = {};
    related.forEach(function (e) { if (e.props.document) { docs[e.props.document] = true; } });
    panel.appendChild(el("h2", "Văn bản / Documents (" + Object.keys(docs).length + ")"));
    var ul = el("ul");
    Object.keys(docs).sort().forEach(function (d) {
      var doc = byId[d];
      ul.appendChild(el("li", doc ? (doc.props.number || d) + (doc.props.date ? " · " + doc.props.date : "") : d));
    });
    panel.appendChild(ul);
    panel.appendChild(el("h2", "Trích dẫn / Provenance (" + related.length + ")"));
    related.forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      var box = el("div", null, "quote");
      var meta = el("span", e.type + (e.props.role ? " (" + e.props.role + ")" : "") + (e.from === id ? " → " : " ← ") +
        ((byId[other] && (byId[other].props.name || byId[other].props.number)) || other), "meta");
      box.appendChild(meta);
      if (e.props.quote) { box.appendChild(el("span", "“" + e.props.quote + "”")); }
      panel.appendChild(box);
    });
  }
  network.on("click", function (params) {
    if (params.nodes.length) { show(params.nodes[0]); dim(params.nodes[0]); }
    else { dim(null); }
  });

  /* search: accent-insensitive; centres on the first match */
  var search = document.getElementById("search");
  var result = document.getElementById("search-result");
  var index = data.nodes.map(function (n) {
    return { id: n.id, key: fold([n.label, n.props.name, n.props.number, n.id].join(" ")) };
  });
  function find(text) {
    var q = fold(text);
    var hits = q ? index.filter(function (x) { return x.key.indexOf(q) >= 0; }) : [];
    result.textContent = q ? hits.length + " kết quả / matches" : "";
    if (hits.length) {
      var id = hits[0].id;
      network.selectNodes([id]);
      network.focus(id, { scale: 1.2, animation: false });
      show(id); dim(id);
      status.setAttribute("data-focused", id);
    }
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { find(search.value); } });
  /* a link can carry a search: view.html#q=629-CV/TU */
  if (location.hash.indexOf("#q=") === 0) {
    search.value = decodeURIComponent(location.hash.slice(3));
    find(search.value);
  }

  status.setAttribute("data-nodes", String(nodes.length));
  status.setAttribute("data-edges", String(edges.length));
  var external = (performance.getEntriesByType("resource") || []).filter(function (r) {
    return !/^(data|file|blob|about):/.test(r.name);
  });
  status.setAttribute("data-external-requests", String(external.length));
  status.setAttribute("data-violations", String(violations));
  status.setAttribute("data-title", document.title);
  status.setAttribute("data-ready", "true");
})();
