/* The entity's interaction graph: cytoscape over the elements the page carries; a click opens a node. */
"use strict";
(function () {
  var container = document.getElementById("graph");
  if (!container || typeof cytoscape === "undefined") return;
  var elements = newsgraph.data(container, "data-elements") || { nodes: [], edges: [] };
  if (elements.nodes.length < 2) {
    container.textContent = "No other named participant in this entity's events.";
    container.classList.add("empty");
    return;
  }
  var cy = cytoscape({
    container: container,
    elements: elements,
    layout: { name: "concentric", concentric: function (node) { return node.data("focus") ? 2 : 1; },
              minNodeSpacing: 40 },
    style: [
      { selector: "node", style: { label: "data(label)", "background-color": "#4a78a8", color: "#222",
                                   "font-size": 11, "text-valign": "bottom", "text-margin-y": 4 } },
      { selector: "node[?focus]", style: { "background-color": "#c0392b", width: 40, height: 40 } },
      { selector: "edge", style: { width: "mapData(weight, 1, 10, 1, 8)", "line-color": "#9aa",
                                   label: "data(label)", "font-size": 9, color: "#555",
                                   "curve-style": "bezier" } },
    ],
  });
  cy.on("tap", "node", function (event) {
    var href = newsgraph.safeHref(event.target.data("href"));
    if (href && !event.target.data("focus")) window.location.assign(href);
  });
})();
