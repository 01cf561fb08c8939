// locdoc site search: loads the locale's search-index.json on first use and
// lists pages whose title or summary contain every word typed.
(function () {
  "use strict";
  var box = document.getElementById("search-box");
  var list = document.getElementById("search-results");
  if (!box || !list) return;
  var index = null;
  var loading = null;
  function load() {
    if (loading) return loading;
    loading = fetch(box.dataset.index)
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (items) { index = items; return items; })
      .catch(function () { index = []; return index; });
    return loading;
  }
  function show(query) {
    var words = query.toLowerCase().split(/\s+/).filter(Boolean);
    list.textContent = "";
    if (!words.length) { list.hidden = true; return; }
    var hits = (index || []).filter(function (e) {
      var hay = (e.t + " " + e.x).toLowerCase();
      return words.every(function (w) { return hay.indexOf(w) >= 0; });
    }).slice(0, 20);
    hits.forEach(function (e) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = box.dataset.base + e.u;
      a.textContent = e.t;
      li.appendChild(a);
      if (e.x) {
        var s = document.createElement("small");
        s.textContent = e.x;
        li.appendChild(s);
      }
      list.appendChild(li);
    });
    if (!hits.length) {
      var none = document.createElement("li");
      none.textContent = "\u2014";
      list.appendChild(none);
    }
    list.hidden = false;
  }
  box.addEventListener("focus", load);
  box.addEventListener("input", function () {
    var q = box.value;
    load().then(function () { if (box.value === q) show(q); });
  });
})();
