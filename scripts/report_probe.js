// Measures a report page in the browser (scripts/check_reports.py runs it in each loaded page;
// the report itself has no script). Writes onto <html>: data-wz-width/-height (the
// document's scroll size), data-wz-window (the window width) and data-wz-bad, one line per
// problem: an element wider than the page, an empty figure, an SVG label outside its figure,
// two SVG labels overlapping.
(function () {
  var d = document.documentElement, w = innerWidth, bad = [];
  function name(e) { return e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""); }
  document.querySelectorAll("main *").forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > w + 0.5 || r.left < -0.5)) {
      bad.push("wider than the page: " + name(e) + " right=" + Math.round(r.right));
    }
  });
  document.querySelectorAll("svg").forEach(function (s, k) {
    var vb = s.viewBox.baseVal, r = s.getBoundingClientRect(), boxes = [];
    if (r.width < 10 || r.height < 10) bad.push("empty figure " + k);
    s.querySelectorAll("text").forEach(function (t) {
      if (!t.textContent) return;
      var b = t.getBBox();
      if (b.x < -0.5 || b.y < -0.5 || b.x + b.width > vb.width + 0.5 || b.y + b.height > vb.height + 0.5) {
        bad.push("label cut off in figure " + k + ": " + t.textContent);
      }
      boxes.push([b, t.textContent]);
    });
    for (var i = 0; i < boxes.length; i++) {
      for (var j = i + 1; j < boxes.length; j++) {
        var a = boxes[i][0], c = boxes[j][0];
        var ox = Math.min(a.x + a.width, c.x + c.width) - Math.max(a.x, c.x);
        var oy = Math.min(a.y + a.height, c.y + c.height) - Math.max(a.y, c.y);
        if (ox > 1 && oy > 1) bad.push("labels overlap in figure " + k + ": " + boxes[i][1] + " / " + boxes[j][1]);
      }
    }
  });
  d.setAttribute("data-wz-width", d.scrollWidth);
  d.setAttribute("data-wz-height", d.scrollHeight);
  d.setAttribute("data-wz-window", w);
  d.setAttribute("data-wz-bad", bad.join("\n"));
})();
