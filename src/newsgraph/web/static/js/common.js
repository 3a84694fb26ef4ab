/* Shared by the page scripts: read the JSON a page carries in a <script type="application/json"> block. */
"use strict";
window.newsgraph = {
  data: function (element, attribute) {
    var id = element.getAttribute(attribute);
    var block = id && document.getElementById(id);
    return block ? JSON.parse(block.textContent) : null;
  },
  /* A same-site link: only paths starting with one "/" are followed (never javascript: or other hosts). */
  safeHref: function (href) {
    return typeof href === "string" && href.charAt(0) === "/" && href.charAt(1) !== "/" ? href : null;
  },
};
