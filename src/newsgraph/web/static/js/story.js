/* The story timeline: vis-timeline over the items the page carries; a click opens the event's article. */
"use strict";
(function () {
  var container = document.getElementById("timeline");
  if (!container || typeof vis === "undefined") return;
  var items = (newsgraph.data(container, "data-items") || []).filter(function (item) { return item.start; });
  if (!items.length) {
    container.textContent = "No dated events to place on a timeline.";
    return;
  }
  var byId = {};
  items.forEach(function (item) { byId[item.id] = item; });
  // vis-timeline reads an item's "type" as its shape (box, range, point): give it that, not the event's
  // PLOVER type, which it would refuse ("Unknown item type").
  var shaped = items.map(function (item) {
    return Object.assign({}, item, { eventType: item.type, type: item.end ? "range" : "box" });
  });
  var timeline = new vis.Timeline(container, shaped, {
    stack: true,
    zoomable: true,
    margin: { item: 6 },
    // Text goes in with textContent: vis-timeline would otherwise read a string as HTML.
    template: function (item) {
      var box = document.createElement("span");
      box.textContent = item.label;
      var small = document.createElement("small");
      small.textContent = " " + item.status + " · " + (item.sources || "unknown outlet") +
        " · " + item.confirmations + " confirmations";
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
