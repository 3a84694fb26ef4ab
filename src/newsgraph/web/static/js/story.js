/* The story timeline: vis-timeline over the items the page carries; a click opens the event's article. */
"use strict";
(function () {
  var container = document.getElementById("timeline");
  if (!container || typeof vis === "undefined") return;
  var items = (newsgraph.data(container, "data-items") || []).filter(function (item) { return item.start; });
  if (!items.length) {
    container.textContent = "No dated events to place on a timeline.";
    container.classList.add("empty");
    return;
  }
  var byId = {};
  items.forEach(function (item) { byId[item.id] = item; });
  // vis-timeline reads an item's "type" as its shape (box, range, point): give it that, not the event's
  // PLOVER type, which it would refuse ("Unknown item type").
  var shaped = items.map(function (item) {
    return Object.assign({}, item, { eventType: item.type, type: item.end ? "range" : "box" });
  });
  // Open on the days the events cover (vis-timeline would fit the widest label boxes, years wide).
  var days = items.map(function (item) { return Date.parse(item.start); })
    .concat(items.map(function (item) { return Date.parse(item.end || item.start); }))
    .filter(function (time) { return !isNaN(time); });
  var first = Math.min.apply(null, days);
  var last = Math.max.apply(null, days);
  var pad = Math.max((last - first) * 0.08, 3 * 86400000);
  var timeline = new vis.Timeline(container, shaped, {
    start: new Date(first - pad),
    end: new Date(last + pad),
    stack: true,
    zoomable: true,
    // A large story stacks hundreds of boxes: the timeline scrolls inside a fixed height instead of
    // growing the page, and the wheel zooms only with Ctrl held, so it scrolls the stack otherwise.
    maxHeight: 560,
    verticalScroll: true,
    zoomKey: "ctrlKey",
    orientation: { axis: "both" },
    margin: { item: 6 },
    // Text goes in with textContent: vis-timeline would otherwise read a string as HTML.
    template: function (item) {
      var box = document.createElement("span");
      var kind = document.createElement("b");
      kind.textContent = item.eventType + " ";
      box.appendChild(kind);
      box.appendChild(document.createTextNode(item.label + (item.trigger ? " “" + item.trigger + "”" : "")));
      var small = document.createElement("small");
      small.textContent = " " + item.status + " · " + (item.sources || "unknown outlet") + " · " +
        item.confirmations + (item.confirmations === 1 ? " confirmation" : " confirmations");
      box.appendChild(small);
      return box;
    },
  });
  timeline.on("select", function (properties) {
    var item = byId[properties.items[0]];
    var href = item && newsgraph.safeHref(item.href);
    if (href) window.location.assign(href);
  });
})();
