/* The map: country outlines from the vendored world-atlas TopoJSON as a GeoJSON layer (no tile server is
   reachable), and a circle per place events happened at, sized by how many. */
"use strict";
(function () {
  var container = document.getElementById("map");
  if (!container || typeof L === "undefined") return;
  var points = newsgraph.data(container, "data-points") || [];
  var map = L.map(container, { worldCopyJump: true, attributionControl: true }).setView([10, -40], 2);
  map.attributionControl.setPrefix(false);  // its default links to leafletjs.com, off-line here
  map.attributionControl.addAttribution("Country outlines: Natural Earth via world-atlas");

  fetch(container.getAttribute("data-basemap"))
    .then(function (response) { return response.json(); })
    .then(function (world) {
      var countries = topojson.feature(world, world.objects.countries);
      L.geoJSON(countries, { style: { color: "#8a9aa8", weight: 0.7, fillColor: "#eef1e6", fillOpacity: 1 },
                             interactive: false }).addTo(map).bringToBack();
    })
    .catch(function () { container.classList.add("no-basemap"); });

  var bounds = [];
  points.forEach(function (point) {
    var marker = L.circleMarker([point.lat, point.lon], {
      radius: Math.min(6 + 2 * Math.sqrt(point.count), 24), color: "#c0392b", weight: 1,
      fillColor: "#e74c3c", fillOpacity: 0.7,
    }).addTo(map);
    marker.bindPopup(popup(point));
    bounds.push([point.lat, point.lon]);
  });
  if (bounds.length) map.fitBounds(bounds, { padding: [40, 40], maxZoom: 6 });

  // Built with textContent: place names and event labels come from article text.
  function popup(point) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = point.name + (point.country ? " (" + point.country + ")" : "");
    box.appendChild(title);
    var count = document.createElement("div");
    count.textContent = point.count + (point.count === 1 ? " event" : " events");
    box.appendChild(count);
    var list = document.createElement("ul");
    point.events.forEach(function (event) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.textContent = event.label;
      var href = newsgraph.safeHref(event.href);
      if (href) link.href = href;
      item.appendChild(link);
      list.appendChild(item);
    });
    box.appendChild(list);
    return box;
  }
})();
