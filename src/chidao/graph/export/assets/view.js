/* chidao graph view. Every text from the data goes on screen through textContent or as a DOM
   element built here; nothing is parsed as HTML and nothing is fetched.

   Positions come from a layered layout computed here (documents → items → bodies → posts and
   people, left to right; a tall layer wraps into several columns so the whole fits the screen);
   there is no physics, so the view is still as soon as it is drawn. Filters only hide: every node
   keeps its place, and the view refits to what is left. In an overview (big graphs) documents and
   bodies are drawn as groups that open on click; a node shows its neighbours on demand. */
(function () {
  "use strict";
  var started = (window.performance && performance.now) ? performance.now() : 0;
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

  var KINDS = data.words.kinds;
  var OVERVIEW = data.mode === "overview";
  var FONT = data.options.nodes.font;
  var byId = {};
  data.nodes.forEach(function (n) { byId[n.id] = n; n.adj = []; });
  var styleOf = {};  /* kind → legend entry: fill, border and text colours, titles */
  data.legend.forEach(function (k) { styleOf[k.kind] = k; });
  var edgeColour = {}, edgeTitle = {};
  data.edge_legend.forEach(function (t) { edgeColour[t.type] = t.color; edgeTitle[t.type] = t.title; });
  data.edges.forEach(function (e, i) {  /* edges name their ends by place in data.nodes */
    e.id = "e" + i;
    e.from = data.nodes[e.from].id; e.to = data.nodes[e.to].id;
    if (e.document !== undefined) { e.document = data.nodes[e.document].id; }
    byId[e.from].adj.push(e); byId[e.to].adj.push(e);
  });
  function nameOf(n) { return n ? (n.name || n.label || n.id).replace(/\n/g, " ") : ""; }

  /* --- what is drawn: every node (detail), or groups, opened groups' members and revealed nodes --- */
  var dims = { doc: "month", actor: "kind" };
  var expanded = {};   /* group id → true */
  var revealed = {};   /* node id → true: drawn on its own whatever its group */
  var hidden = { kinds: {}, types: {}, province: "", from: "", to: "" };
  function groupOf(n) {
    if (!OVERVIEW || !n.grp || n.kind === "Measure") { return null; }
    var g = n.grp[n.col === 0 ? dims.doc : dims.actor];
    return g ? { id: "group:" + (n.col === 0 ? dims.doc : dims.actor) + ":" + g[0], key: g[0], title: g[1] } : null;
  }
  function rep(n) {  /* the drawn item that stands for node n */
    if (revealed[n.id]) { return n.id; }
    if (n.kind === "Measure") { return OVERVIEW && n.parent && byId[n.parent] ? rep(byId[n.parent]) : n.id; }
    var g = groupOf(n);
    return g && !expanded[g.id] ? g.id : n.id;
  }
  function inProvince(n) { return !hidden.province || n.province === hidden.province; }
  /* the date range keeps documents of their own date and items of their document's; then what those
     link to (bodies, people, posts, cited documents) and, one step further, the bodies these belong
     to, so an actor stays only while it has a part in what the range shows. A partial date
     ("2021-03") is in the range if any day of it is; an undated document is out of any range (the
     note counts them). */
  var dateKeep = null;  /* node id → true while a range is set */
  function docInRange(doc) {
    var d = doc.date || "";
    if (!d) { return false; }
    var first = (d + "-01-01").slice(0, 10), last = (d + "-12-31").slice(0, 10);
    return (!hidden.from || last >= hidden.from) && (!hidden.to || first <= hidden.to);
  }
  function datedPart(n) {  /* a document or an item: judged by the date; anything else by its links */
    return n.kind === "Document" || (n.kind === "Measure" && n.parent && byId[n.parent] && byId[n.parent].kind === "Document");
  }
  function computeDateKeep() {
    if (!hidden.from && !hidden.to) { dateKeep = null; return; }
    var keep = {}, linked = {};
    data.nodes.forEach(function (n) {
      if (datedPart(n) && docInRange(n.kind === "Document" ? n : byId[n.parent])) { keep[n.id] = true; }
    });
    data.edges.forEach(function (e) {
      var a = byId[e.from], b = byId[e.to];
      if (keep[a.id] && !datedPart(b)) { linked[b.id] = true; }
      if (keep[b.id] && !datedPart(a)) { linked[a.id] = true; }
    });
    Object.keys(linked).forEach(function (id) { keep[id] = true; });
    data.edges.forEach(function (e) {  /* one step further among actors: the body a kept post belongs to */
      var a = byId[e.from], b = byId[e.to];
      if (linked[a.id] && !datedPart(b)) { keep[b.id] = true; }
      if (linked[b.id] && !datedPart(a)) { keep[a.id] = true; }
    });
    dateKeep = keep;
  }
  function inDates(n) { return !dateKeep || !!dateKeep[n.id]; }
  function passes(n) { return inProvince(n) && inDates(n); }
  function filtering() { return !!(hidden.province || hidden.from || hidden.to); }

  var items = {};  /* drawn item id → {id, kind, col, sort, members: [node], group: bool, ...} */
  var repOf = {};  /* node id → drawn item id */
  function buildItems() {
    items = {}; repOf = {};
    data.nodes.forEach(function (n) {
      var r = rep(n);
      repOf[n.id] = r;
      if (r !== n.id && n.kind === "Measure") { return; }  /* a collapsed item: drawn as its document */
      var it = items[r];
      if (!it) {
        var g = r === n.id ? null : groupOf(n);
        it = items[r] = { id: r, kind: n.kind, col: n.col, group: !!g, members: [],
                          sort: g ? g.key : ((groupOf(n) || { key: "" }).key), rank: g ? 0 : n.rank,
                          title: g ? g.title : null, node: g ? null : n };
      }
      if (it.group) { it.members.push(n); }
    });
  }
  function itemVisible(it) {
    if (hidden.kinds[it.kind]) { return false; }
    if (!filtering()) { return true; }
    return it.group ? it.members.some(passes) : passes(it.node);
  }
  function groupLabel(it) {
    var shown = it.members.filter(passes).length;
    var unit = it.kind === "Document" || it.kind === "Stub" ? "văn bản" : it.kind === "Person" ? "người" :
      it.kind === "Post" ? "chức danh" : "cơ quan";
    return it.title + "\n" + shown + " " + unit + " ▸";
  }

  /* --- edges: one per underlying edge (detail), or one per pair of drawn items with counts (overview) --- */
  var links = {};
  function buildLinks() {
    links = {};
    data.edges.forEach(function (e) {
      var a = repOf[e.from], b = repOf[e.to];
      if (!a || !b || a === b) { return; }
      if (OVERVIEW) {
        /* an item collapsed into its document repeats the document's own ASSIGNS edge */
        if ((e.type === "RESPONSIBLE_FOR" || e.type === "CONTAINS") && (a !== e.from || b !== e.to)) { return; }
        var key = a < b ? a + "\u0000" + b : b + "\u0000" + a;
        var l = links[key] || (links[key] = { id: "l:" + key, from: a < b ? a : b, to: a < b ? b : a,
                                              edges: [], aggregate: true });
        l.edges.push(e);
      } else {
        links[e.id] = { id: e.id, from: a, to: b, edges: [e], aggregate: false };
      }
    });
  }
  function linkShown(l) {  /* the underlying edges that pass the filters */
    return l.edges.filter(function (e) {
      return !hidden.types[e.type] && passes(byId[e.from]) && passes(byId[e.to]);
    });
  }
  function linkLabel(l, shown) {
    if (!l.aggregate) { return l.edges[0].label; }
    var byType = {};
    shown.forEach(function (e) { byType[e.type] = (byType[e.type] || 0) + 1; });
    return Object.keys(byType).sort().map(function (t) { return edgeTitle[t] + " " + byType[t]; }).join(" · ");
  }

  /* --- sizes and the layered layout --- */
  var measureCtx = document.createElement("canvas").getContext("2d");
  measureCtx.font = FONT.size + "px " + FONT.face;
  var LINE = Math.ceil(FONT.size * 1.3);
  function boxOf(vis) {  /* width/height of a drawn node with its label, and the node's offset inside it */
    var lines = String(vis.label || "").split("\n");
    var w = 0;
    lines.forEach(function (s) { w = Math.max(w, measureCtx.measureText(s).width); });
    var h = lines.length * LINE;
    return { w: w + 22, h: h + 14 };  /* a box: the label inside, margins and border around it */
  }
  var READABLE = 11;  /* smallest label, in screen pixels, that the first view may show */
  var GAP_Y = 10, GAP_SUB = 32, GAP_COL = 72, PAD = 24;
  var pos = {};  /* item id → {x, y, w, h} (x, y: centre of the box) */
  function viewSize() {
    var c = document.getElementById("network");
    return { w: Math.max(200, c.clientWidth), h: Math.max(200, c.clientHeight) };
  }
  function layout(list) {
    var cols = {};
    list.forEach(function (it) { (cols[it.col] = cols[it.col] || []).push(it); });
    var colIds = Object.keys(cols).map(Number).sort(function (a, b) { return a - b; });
    colIds.forEach(function (c) {
      cols[c].sort(function (a, b) {
        return a.sort < b.sort ? -1 : a.sort > b.sort ? 1 : (a.rank - b.rank) || (a.id < b.id ? -1 : 1);
      });
    });
    var view = viewSize(), tallest = 0, highest = 0;
    colIds.forEach(function (c) {
      var t = 0;
      cols[c].forEach(function (it) { t += it.box.h + GAP_Y; highest = Math.max(highest, it.box.h); });
      tallest = Math.max(tallest, t);
    });
    function chunks(limit) {  /* each layer cut into columns no taller than limit */
      var out = [];
      colIds.forEach(function (c) {
        var cur = [], hgt = 0, subs = [];
        cols[c].forEach(function (it) {
          if (cur.length && hgt + it.box.h > limit) { subs.push(cur); cur = []; hgt = 0; }
          cur.push(it); hgt += it.box.h + GAP_Y;
        });
        if (cur.length) { subs.push(cur); }
        out.push(subs);
      });
      return out;
    }
    function extent(layers) {
      var w = 0, h = 0;
      layers.forEach(function (subs, i) {
        subs.forEach(function (sub, j) {
          var sw = 0, sh = 0;
          sub.forEach(function (it) { sw = Math.max(sw, it.box.w); sh += it.box.h + GAP_Y; });
          w += sw + (j ? GAP_SUB : 0); h = Math.max(h, sh);
        });
        if (i) { w += GAP_COL; }
      });
      return { w: w, h: h };
    }
    var best = null;
    for (var k = 1; k <= 60; k += 1) {  /* the column height that lets the whole show largest */
      var limit = Math.max(highest, tallest / k);
      var layers = chunks(limit), ext = extent(layers);
      var scale = Math.min((view.w - 2 * PAD) / ext.w, (view.h - 2 * PAD) / ext.h);
      if (!best || scale > best.scale * 1.0001) { best = { scale: scale, layers: layers, ext: ext }; }
      if (limit === highest) { break; }
    }
    if (best.scale < READABLE / FONT.size) {
      /* too big to read whole: columns as tall as the screen at a readable size, so the view
         shows every row and the rest lies to the right, one drag away */
      var rows = chunks(Math.max(highest, (view.h - 2 * PAD) * FONT.size / READABLE - GAP_Y));
      best = { scale: READABLE / FONT.size, layers: rows, ext: extent(rows) };
    }
    var x = 0;
    best.layers.forEach(function (subs, i) {
      if (i) { x += GAP_COL; }
      subs.forEach(function (sub, j) {
        var sw = 0, sh = 0;
        sub.forEach(function (it) { sw = Math.max(sw, it.box.w); sh += it.box.h + GAP_Y; });
        if (j) { x += GAP_SUB; }
        var y = (best.ext.h - sh) / 2;  /* a short column sits in the middle of the tallest */
        sub.forEach(function (it) {
          pos[it.id] = { x: x + sw / 2, y: y + it.box.h / 2, w: it.box.w, h: it.box.h };
          y += it.box.h + GAP_Y;
        });
        x += sw;
      });
    });
  }

  /* --- vis data --- */
  var vnodes = new vis.DataSet(), vedges = new vis.DataSet();
  function visNode(it) {
    var n = it.node;
    if (it.group) {
      var style = data.legend.filter(function (k) { return k.kind === it.kind; })[0] || {};
      return { id: it.id, label: groupLabel(it), color: { background: "#ffffff", border: style.border },
               borderWidth: 3, shapeProperties: { borderRadius: 8 } };
    }
    var k = styleOf[n.kind] || {};
    var v = { id: it.id, label: n.label, color: { background: k.color, border: k.border }, font: { color: k.text } };
    if (n.kind === "Group") { v.shapeProperties = { borderDashes: [4, 3] }; }
    return v;
  }
  function tipFor(it) {
    var box = el("div", null, "tip");
    if (it.group) {
      box.appendChild(el("strong", it.title));
      box.appendChild(el("div", it.members.length + " · " + (KINDS[it.kind] || it.kind) + " · bấm để mở nhóm", "meta"));
      return box;
    }
    var n = it.node, kinds = data.legend.filter(function (k) { return k.kind === n.kind; })[0];
    box.appendChild(el("strong", nameOf(n)));
    box.appendChild(el("div", (KINDS[n.kind] || n.kind) + (kinds ? " (" + kinds.tip + ")" : "") +
                       (n.province ? " · " + n.province : ""), "meta"));
    if (n.subject) { box.appendChild(el("div", n.subject)); }
    if (n.text) { box.appendChild(el("div", String(n.text).slice(0, 280))); }
    return box;
  }
  function linkTip(l, shown) {
    var box = el("div", null, "tip");
    if (l.aggregate) {
      box.appendChild(el("strong", linkLabel(l, shown)));
      box.appendChild(el("div", itemName(l.from) + " — " + itemName(l.to), "meta"));
      return box;
    }
    var e = l.edges[0];
    box.appendChild(el("strong", e.label));
    box.appendChild(el("div", e.type, "meta"));  /* the schema name, in English, only here */
    box.appendChild(el("div", nameOf(byId[e.from]) + " → " + nameOf(byId[e.to]), "meta"));
    if (e.document) { box.appendChild(el("div", nameOf(byId[e.document]), "meta")); }
    if (e.quote) { box.appendChild(el("div", "“" + e.quote + "”")); }
    return box;
  }
  function itemName(id) {
    var it = items[id];
    return it ? (it.group ? it.title : nameOf(it.node)) : id;
  }

  var container = document.getElementById("network");
  var nodeView = new vis.DataView(vnodes, { filter: function (v) { return items[v.id] && itemVisible(items[v.id]); } });
  var network = new vis.Network(container, { nodes: nodeView, edges: vedges }, data.options);
  var layoutStatus = document.getElementById("layout-status");

  /* structure changed (groups opened, nodes revealed, grouping changed): lay out again */
  function rebuild() {
    buildItems();
    var list = Object.keys(items).map(function (id) { return items[id]; });
    var visList = list.map(function (it) { var v = visNode(it); it.box = boxOf(v); it.vis = v; return v; });
    layout(list);
    list.forEach(function (it) {
      var p = pos[it.id];
      it.vis.x = p.x; it.vis.y = p.y;
      it.vis.title = tipFor(it);
    });
    vnodes.clear();
    vnodes.add(visList);
    buildLinks();
    refreshEdges();
    updateLegend();
    fit();
  }
  /* filters changed: same places, other things hidden; the view refits */
  function refilter() {
    Object.keys(items).forEach(function (id) {
      if (items[id].group) { vnodes.update({ id: id, label: groupLabel(items[id]) }); }
    });
    nodeView.refresh();
    refreshEdges();
    updateLegend();
    highlight(highlighted && items[highlighted] && itemVisible(items[highlighted]) ? highlighted : null);
    fit(true);  /* the user narrowed the view: show all of what is left */
  }
  function colourOf(c, opacity) {  /* the type's colour also when selected or hovered */
    return { color: c, highlight: c, hover: c, opacity: opacity };
  }
  function refreshEdges() {
    var list = [], many = 0, most = 1, drawn = [];
    Object.keys(links).forEach(function (k) {
      var l = links[k];
      if (!itemVisible(items[l.from]) || !itemVisible(items[l.to])) { return; }
      var shown = linkShown(l);
      if (!shown.length) { return; }
      drawn.push([l, shown]);
      most = Math.max(most, shown.length);
    });
    drawn.forEach(function (pair) {
      var l = pair[0], shown = pair[1], e = shown[0];
      many += 1;
      var v = { id: l.id, from: l.from, to: l.to, label: "", dashes: !!(!l.aggregate && e.dashes),
                color: colourOf(l.aggregate && l.edges.length > 1 ? "#7A8CA3" : edgeColour[e.type] || "#999", 0.8),
                /* a bundle's width: its share of the busiest bundle drawn */
                width: l.aggregate ? 1 + 9 * Math.sqrt(shown.length / most) : e.width || 1,
                title: linkTip(l, shown) };
      if (l.aggregate) { v.arrows = { to: { enabled: false } }; }
      if (items[l.from].col === items[l.to].col) { v.smooth = { enabled: true, type: "curvedCW", roundness: 0.35 }; }
      list.push(v);
    });
    vedges.clear();
    vedges.add(list);
    /* thousands of curves are slow to draw: straight lines then */
    network.setOptions({ edges: { smooth: many > 2500 ? false : data.options.edges.smooth } });
  }
  function visibleIds() {
    return Object.keys(items).filter(function (id) { return itemVisible(items[id]); });
  }
  function fit(whole) {
    var ids = visibleIds();
    if (!ids.length) { return; }
    var l = Infinity, t = Infinity, r = -Infinity, b = -Infinity;
    ids.forEach(function (id) {
      var p = pos[id];
      l = Math.min(l, p.x - p.w / 2); r = Math.max(r, p.x + p.w / 2);
      t = Math.min(t, p.y - p.h / 2); b = Math.max(b, p.y + p.h / 2);
    });
    var view = viewSize();
    var scale = Math.min((view.w - 2 * PAD) / (r - l), (view.h - 2 * PAD) / (b - t), 1.6);
    var centre = { x: (l + r) / 2, y: (t + b) / 2 };
    var least = READABLE / FONT.size;
    document.getElementById("fit-all").hidden = scale >= least;
    if (scale < least && !whole) {  /* too big to read whole: readable, from the top left (where documents are) */
      scale = least;
      centre = { x: l + (view.w / 2 - PAD) / scale, y: t + (view.h / 2 - PAD) / scale };
    }
    network.moveTo({ position: centre, scale: scale, animation: false });
  }

  /* --- legend with counts that follow the filters --- */
  var legend = document.getElementById("legend");
  var legendCount = {}, edgeCount = {};
  data.legend.forEach(function (k) {
    var row = el("label", null, "legend-row");
    row.title = k.tip;
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.setAttribute("data-kind", k.kind);
    box.addEventListener("change", function () { hidden.kinds[k.kind] = !box.checked; refilter(); });
    var sw = el("span", null, "swatch");
    sw.style.background = k.color;
    sw.style.borderColor = k.border;
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", k.title));
    legendCount[k.kind] = row.appendChild(el("span", k.count, "count"));
    legendCount[k.kind].setAttribute("data-kind", k.kind);
    legend.appendChild(row);
  });
  var edgeFilters = document.getElementById("edge-filters");
  data.edge_legend.forEach(function (t) {
    var row = el("label", null, "legend-row");
    row.title = t.tip;
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t.type);
    box.addEventListener("change", function () { hidden.types[t.type] = !box.checked; refilter(); });
    var sw = el("span", null, "swatch line");
    sw.style.background = t.color;
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", t.title));
    edgeCount[t.type] = row.appendChild(el("span", t.count, "count"));
    edgeCount[t.type].setAttribute("data-type", t.type);
    edgeFilters.appendChild(row);
  });
  function updateLegend() {
    var kinds = {}, types = {};
    data.nodes.forEach(function (n) {
      if (!hidden.kinds[n.kind] && passes(n)) { kinds[n.kind] = (kinds[n.kind] || 0) + 1; }
    });
    data.edges.forEach(function (e) {
      var a = byId[e.from], b = byId[e.to];
      if (!hidden.types[e.type] && !hidden.kinds[a.kind] && !hidden.kinds[b.kind] && passes(a) && passes(b)) {
        types[e.type] = (types[e.type] || 0) + 1;
      }
    });
    Object.keys(legendCount).forEach(function (k) { legendCount[k].textContent = String(kinds[k] || 0); });
    Object.keys(edgeCount).forEach(function (t) { edgeCount[t].textContent = String(types[t] || 0); });
    var shown = visibleIds().length;
    document.getElementById("drawn").textContent = shown + " nút đang hiện";
    status.setAttribute("data-drawn", String(shown));
  }

  document.getElementById("fit-all").addEventListener("click", function () { fit(true); });
  var select = document.getElementById("province");
  data.provinces.forEach(function (p) { var o = el("option", p); o.value = p; select.appendChild(o); });
  select.addEventListener("change", function () { hidden.province = select.value; refilter(); });
  var dateFrom = document.getElementById("date-from"), dateTo = document.getElementById("date-to");
  var undated = data.nodes.filter(function (n) { return n.kind === "Document" && !n.date; }).length;
  function onDates() {
    hidden.from = dateFrom.value; hidden.to = dateTo.value;
    if (hidden.from && hidden.to && hidden.from > hidden.to) {  /* typed the wrong way round: swap */
      var t = hidden.from; hidden.from = hidden.to; hidden.to = t;
      dateFrom.value = hidden.from; dateTo.value = hidden.to;
    }
    computeDateKeep();
    if ((hidden.from || hidden.to) && undated) { note(undated + " văn bản không rõ ngày bị ẩn khi lọc theo thời gian."); }
    refilter();
  }
  dateFrom.addEventListener("change", onDates);
  dateTo.addEventListener("change", onDates);
  document.getElementById("reset").addEventListener("click", function () {
    hidden = { kinds: {}, types: {}, province: "", from: "", to: "" };
    dateFrom.value = ""; dateTo.value = ""; dateKeep = null;
    Array.prototype.forEach.call(document.querySelectorAll("#controls input[type=checkbox]"),
                                 function (b) { b.checked = true; });
    select.value = ""; network.unselectAll(); highlighted = null;
    if (OVERVIEW && (Object.keys(expanded).length || Object.keys(revealed).length)) {
      expanded = {}; revealed = {}; rebuild();
    } else { refilter(); }
  });

  /* overview controls: how to group, open everything */
  var groupBox = document.getElementById("grouping");
  if (OVERVIEW) {
    groupBox.hidden = false;
    var months = {};
    data.nodes.forEach(function (n) { if (n.grp && n.col === 0) { months[n.grp.month[0]] = true; } });
    if (Object.keys(months).length > 30) {  /* years of documents: a group per year first */
      dims.doc = "year"; document.getElementById("group-doc").value = "year";
    }
    document.getElementById("group-doc").addEventListener("change", function (ev) {
      dims.doc = ev.target.value; expanded = {}; rebuild();
    });
    document.getElementById("group-actor").addEventListener("change", function (ev) {
      dims.actor = ev.target.value; expanded = {}; rebuild();
    });
    document.getElementById("expand-all").addEventListener("click", function () { expandAll(); });
  }
  function expand(id) {
    var it = items[id];
    if (!it || !it.group) { return false; }
    if (visibleIds().length - 1 + it.members.length > data.max_nodes) {
      note("Nhóm có " + it.members.length + " nút: quá nhiều để vẽ cùng lúc (giới hạn " + data.max_nodes + ").");
      return false;
    }
    expanded[id] = true;
    rebuild();
    return true;
  }
  function expandAll() {  /* open groups, smallest first, while the drawing stays under max_nodes */
    var groups = Object.keys(items).filter(function (id) { return items[id].group; })
      .sort(function (a, b) { return items[a].members.length - items[b].members.length || (a < b ? -1 : 1); });
    var drawn = Object.keys(items).length;
    groups.forEach(function (id) {
      if (drawn - 1 + items[id].members.length <= data.max_nodes) {
        expanded[id] = true; drawn += items[id].members.length - 1;
      }
    });
    rebuild();
  }
  function neighbours(id) {  /* what a node is linked to; an item stands for its document */
    var out = {};
    (byId[id] ? byId[id].adj : []).forEach(function (e) {
      var m = byId[e.from === id ? e.to : e.from];
      if (m.kind === "Measure" && m.parent && byId[m.parent] && id !== m.parent && OVERVIEW) { m = byId[m.parent]; }
      if (m.id !== id) { out[m.id] = true; }
    });
    return Object.keys(out).sort();
  }
  function reveal(id) {
    var list = neighbours(id).filter(function (m) { return repOf[m] !== m; });
    var room = data.max_nodes - visibleIds().length;
    if (list.length > room) {
      note(list.length + " nút liên quan, chỉ hiện " + Math.max(0, room) + " (giới hạn " + data.max_nodes + ").");
      list = list.slice(0, Math.max(0, room));
    }
    revealed[id] = true;
    list.forEach(function (m) { revealed[m] = true; });
    rebuild();
    choose(id);
    return list.length;
  }
  var noteBox = document.getElementById("note");
  function note(text) { noteBox.textContent = text; }

  /* --- neighbourhood highlight: the node, its neighbours and their edges stay; the rest is dimmed.
         Edges carry no text on the canvas (between layers it would pile up and hide under the boxes):
         colour says the type, a thick line "chủ trì", a dashed one "phối hợp"; hovering an edge shows its
         words and quote, and the panel lists every relation of the chosen node. --- */
  var highlighted = null;
  function highlight(center) {
    highlighted = center;
    var keep = {};
    if (center) {
      keep[center] = true;
      network.getConnectedNodes(center).forEach(function (id) { keep[id] = true; });
    }
    vnodes.update(vnodes.getIds().map(function (id) { return { id: id, opacity: (!center || keep[id]) ? 1 : 0.15 }; }));
    vedges.update(vedges.get().map(function (e) {
      var on = !center || e.from === center || e.to === center;
      return { id: e.id,
               color: colourOf(e.color.color, on ? 0.9 : 0.08) };
    }));
  }

  /* --- details panel --- */
  var panel = document.getElementById("panel");
  function section(title) { panel.appendChild(el("h2", title)); }
  function button(text, action) {
    var b = el("button", text); b.type = "button";
    b.addEventListener("click", action);
    panel.appendChild(b);
    return b;
  }
  function table(rows) {
    var t = el("table");
    rows.forEach(function (r) { var tr = el("tr"); tr.appendChild(el("td", r[0])); tr.appendChild(el("td", r[1])); t.appendChild(tr); });
    return t;
  }
  function closePanel() { document.body.classList.remove("panel-open"); }
  document.getElementById("close-details").addEventListener("click", closePanel);
  function show(id) {
    document.body.classList.add("panel-open");  /* on small screens the panel lies over the graph */
    panel.textContent = "";
    var hint = document.querySelector("#details .hint");
    if (hint) { hint.hidden = true; }
    var it = items[id];
    if (it && it.group) {
      panel.appendChild(el("h3", it.title));
      panel.appendChild(el("p", it.members.length + " · " + (KINDS[it.kind] || it.kind), "meta"));
      button("Mở nhóm", function () { expand(id); });
      var ul = el("ul");
      it.members.slice(0, 60).forEach(function (n) { ul.appendChild(el("li", nameOf(n))); });
      if (it.members.length > 60) { ul.appendChild(el("li", "… và " + (it.members.length - 60) + " nút nữa")); }
      panel.appendChild(ul);
      status.setAttribute("data-shown", id);
      return;
    }
    var n = byId[id];
    if (!n) { return; }
    panel.appendChild(el("h3", nameOf(n)));
    var kindLine = el("p", KINDS[n.kind] || n.kind, "meta");
    kindLine.title = (data.legend.filter(function (k) { return k.kind === n.kind; })[0] || {}).tip || "";
    panel.appendChild(kindLine);
    if (OVERVIEW) {
      var more = neighbours(id).filter(function (m) { return repOf[m] !== m; }).length;
      if (more) { button("Hiện " + more + " nút liên quan", function () { reveal(id); }); }
      var g = groupOf(n);
      if (g && expanded[g.id]) {
        button("Thu gọn nhóm " + g.title, function () { delete expanded[g.id]; rebuild(); });
      }
    }
    panel.appendChild(table(n.rows));
    if (n.text) { section("Nội dung"); panel.appendChild(el("p", n.text, "text")); }
    var related = n.adj;
    var docs = {};
    if (n.kind === "Document" || n.kind === "Stub") { docs[id] = true; }
    related.forEach(function (e) { if (e.document) { docs[e.document] = true; } });
    section("Văn bản (" + Object.keys(docs).length + ")");
    var ul2 = el("ul");
    Object.keys(docs).sort().forEach(function (d) {
      var doc = byId[d];
      var text = doc ? nameOf(doc) + (doc.date ? " · " + doc.date : "") + (doc.subject ? " · " + doc.subject : "") : d;
      ul2.appendChild(el("li", text));
    });
    panel.appendChild(ul2);
    var quoted = related.filter(function (e) { return e.quote; });
    section("Trích dẫn (" + quoted.length + ")");
    quoted.slice(0, 200).forEach(function (e) {
      var other = e.from === id ? e.to : e.from;
      var box = el("div", null, "quote");
      var where = e.document && byId[e.document] ? " · " + nameOf(byId[e.document]) : "";
      var meta = el("span", e.label + (e.from === id ? " → " : " ← ") + nameOf(byId[other]) + where, "meta");
      meta.title = e.type;
      box.appendChild(meta);
      box.appendChild(el("span", "“" + e.quote + "”"));
      panel.appendChild(box);
    });
    var tech = el("details", null, "tech");
    tech.appendChild(el("summary", "Thông tin kỹ thuật"));
    var rows = Object.keys(n.tech).map(function (k) { return [k, n.tech[k]]; });
    if (!("id" in n.tech)) { rows.unshift(["id", n.id]); }
    tech.appendChild(table(rows));
    panel.appendChild(tech);
    status.setAttribute("data-shown", id);
  }
  function choose(id) {
    var target = items[id] ? id : repOf[id];
    if (items[target] && itemVisible(items[target])) { network.selectNodes([target]); highlight(target); }
    show(id);
  }
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0];
      if (OVERVIEW && items[id] && items[id].group) { show(id); expand(id); return; }
      choose(id);
    } else { highlight(null); closePanel(); }
  });
  network.on("doubleClick", function (params) {
    if (OVERVIEW && params.nodes.length && !(items[params.nodes[0]] || {}).group) { reveal(params.nodes[0]); }
  });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { highlight(null); network.unselectAll(); closePanel(); }
  });

  /* --- search: accent- and case-insensitive, best match first; Enter again goes to the next match --- */
  var search = document.getElementById("search");
  var result = document.getElementById("search-result");
  var index = data.nodes.map(function (n) {
    var names = [fold(n.name), fold(n.label)].filter(Boolean);
    return { id: n.id, names: names, key: fold([n.label, n.name, n.subject].join(" ")), kind: n.kind };
  });
  var KIND_RANK = { Document: 0, Body: 1, Post: 2, Group: 3, Person: 4, Stub: 5, Measure: 6 };
  function score(x, q) {
    if (x.names.indexOf(q) >= 0) { return 0; }
    if (x.names.some(function (s) { return s.indexOf(q) === 0; })) { return 1; }
    if (x.names.some(function (s) { return (" " + s).indexOf(" " + q) >= 0; })) { return 2; }
    if (x.names.some(function (s) { return s.indexOf(q) >= 0; })) { return 3; }
    return x.key.indexOf(q) >= 0 ? 4 : -1;
  }
  function findable(id) { var n = byId[id]; return !hidden.kinds[n.kind] && passes(n); }
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
      var shown = hits.filter(findable);
      last = { q: q, hits: shown, at: 0, hidden: hits.length - shown.length };
    }
    if (!q) { result.textContent = ""; return null; }
    if (!last.hits.length) {
      result.textContent = last.hidden ? "0 kết quả (" + last.hidden + " bị bộ lọc ẩn)" : "không tìm thấy";
      return null;
    }
    var id = last.hits[last.at];
    if (repOf[id] !== id && OVERVIEW) { revealed[id] = true; rebuild(); }  /* found inside a group: draw it */
    result.textContent = (last.at + 1) + "/" + last.hits.length + " · " + nameOf(byId[id]);
    choose(id);
    network.focus(repOf[id], { scale: Math.max(READABLE / FONT.size, network.getScale()), animation: false });
    status.setAttribute("data-focused", id);
    return id;
  }
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { ev.preventDefault(); find(search.value); } });
  search.addEventListener("change", function () { if (search.value) { find(search.value); } });
  var names = {};
  data.nodes.forEach(function (n) { if (n.kind !== "Measure" && n.name) { names[n.name] = true; } });
  var datalist = document.getElementById("search-names");
  Object.keys(names).sort().slice(0, 5000).forEach(function (s) { var o = el("option"); o.value = s; datalist.appendChild(o); });

  /* --- first drawing --- */
  var stabilized = false;
  rebuild();
  network.once("afterDrawing", function () {
    stabilized = true;
    layoutStatus.textContent = "";
    var took = Math.round(((window.performance && performance.now) ? performance.now() : 0) - started);
    status.setAttribute("data-layout-ms", String(took));
    status.setAttribute("data-stabilized", "true");
    fromHash();
  });
  network.redraw();

  /* a resized window: the same places, fitted again */
  var resizing = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizing);
    resizing = setTimeout(function () { fit(); }, 150);
  });

  /* a link can carry a search: chidao.html#q=629-CV/TU */
  function fromHash() {
    if (location.hash.indexOf("#q=") === 0) {
      search.value = decodeURIComponent(location.hash.slice(3));
      find(search.value);
    }
  }

  /* for scripts and tests: read-only handles */
  function labelBoxes() {  /* every drawn node's box (shape and label) in canvas coordinates */
    return nodeView.getIds().map(function (id) {
      var b = network.getBoundingBox(id);
      return { id: id, left: b.left, top: b.top, right: b.right, bottom: b.bottom };
    });
  }
  window.chidao = Object.freeze({ network: network, nodes: vnodes, edges: vedges, find: find, show: choose,
                                  expand: expand, expandAll: expandAll, reveal: reveal, labelBoxes: labelBoxes,
                                  drawn: function () { return nodeView.getIds(); },
                                  items: function () { return items; },
                                  isStabilized: function () { return stabilized; },
                                  highlighted: function () { return highlighted; } });
  status.setAttribute("data-nodes", String(data.nodes.length));
  status.setAttribute("data-edges", String(data.edges.length));
  status.setAttribute("data-mode", data.mode);
  status.setAttribute("data-violations", String(violations));
  status.setAttribute("data-ready", "true");
})();
