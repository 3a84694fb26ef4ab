/* The ingest form: files go to POST /v1/ingest/files (multipart), addresses to POST /v1/ingest/urls
   (JSON); each starts a job, polled at GET /v1/ingest/{id} until it is done or failed, showing its
   progress, each input's outcome and the stories the twin check split. Everything shown goes in with
   textContent. */
"use strict";
(function () {
  var form = document.getElementById("ingest");
  if (!form || !window.fetch) return;
  var endpoint = form.getAttribute("data-endpoint");
  var status = document.getElementById("ingest-status");
  var bar = document.getElementById("ingest-progress");
  var results = document.getElementById("ingest-results");
  var FINISHED = ["done", "failed"];

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var token = form.elements.token.value.trim();
    // Without a token typed here, a signed-in browser's session cookie is used: the API accepts it for
    // a write only with this header, which a page on another site cannot send.
    var headers = token ? { Authorization: "Bearer " + token } : { "X-Newsgraph-Request": "1" };
    var files = form.elements.files.files;
    var urls = form.elements.urls.value.split("\n").map(function (u) { return u.trim(); })
      .filter(function (u) { return u; });
    results.textContent = "";
    if (!files.length && !urls.length) return say("Choose files or give addresses first.");
    var extract = form.elements.extract.checked;
    if (files.length) {
      var data = new FormData();
      Array.prototype.forEach.call(files, function (file) { data.append("files", file); });
      data.append("extract", extract ? "true" : "false");
      submit(endpoint + "/files", { method: "POST", body: data, headers: headers }, headers);
    }
    if (urls.length) {
      var json = Object.assign({ "Content-Type": "application/json" }, headers);
      submit(endpoint + "/urls", { method: "POST", headers: json,
                                   body: JSON.stringify({ urls: urls, extract: extract }) }, headers);
    }
  });

  function submit(url, request, headers) {
    say("Sending…");
    fetch(url, request)
      .then(function (response) {
        return response.json().then(function (body) { return { ok: response.ok, code: response.status, body: body }; });
      })
      .then(function (sent) {
        if (!sent.ok) return say(message(sent.body, sent.code));
        show(sent.body);
        if (/^[0-9a-f]{16}$/.test(String(sent.body.id))) poll(endpoint + "/" + sent.body.id, headers);
      })
      .catch(function (error) { say("The server did not answer: " + error); });
  }

  function poll(url, headers) {
    fetch(url, { headers: headers })
      .then(function (response) { return response.json(); })
      .then(function (job) {
        show(job);
        if (FINISHED.indexOf(String(job.state)) < 0) window.setTimeout(poll, 1000, url, headers);
      })
      .catch(function (error) { say("Lost track of the job: " + error); });
  }

  function show(job) {
    var outcomes = job.outcomes || [];
    var total = Number(job.inputs || 0);
    if (total > 0) {
      bar.hidden = false;
      bar.max = total;
      bar.value = Math.min(outcomes.length, total);
    }
    say((job.state || "working") + (total ? " · " + outcomes.length + " of " + total + " inputs" : "") +
        (job.extracted ? " · " + job.extracted + " extracted" : "") + (job.error ? " · " + job.error : ""));
    var list = document.createElement("ul");
    outcomes.forEach(function (outcome) {
      var item = document.createElement("li");
      var label = (outcome.source || "input") + ": " + (outcome.status || "") +
        (outcome.error ? " (" + outcome.error + ")" : "");
      if (typeof outcome.article_id === "number") {
        var link = document.createElement("a");
        link.href = "/articles/" + outcome.article_id;
        link.textContent = label;
        item.appendChild(link);
      } else {
        item.textContent = label;
      }
      list.appendChild(item);
    });
    results.textContent = "";
    results.appendChild(list);
    var splits = (job.story_splits || []).filter(function (split) {
      return Number.isInteger(split.story) && Number.isInteger(split.new_story);
    });
    if (splits.length) {
      var splitList = document.createElement("ul");
      splitList.className = "splits";
      splits.forEach(function (split) {
        var item = document.createElement("li");
        item.appendChild(storyLink(split.story));
        item.appendChild(document.createTextNode(" held two events: " + split.moved + " article" +
          (split.moved === 1 ? "" : "s") + " moved to "));
        item.appendChild(storyLink(split.new_story));
        splitList.appendChild(item);
      });
      results.appendChild(splitList);
    }
  }

  function storyLink(storyId) {
    var link = document.createElement("a");
    link.href = "/stories/" + storyId;
    link.textContent = "story " + storyId;
    return link;
  }

  function message(body, code) {
    var text = body && (body.message || body.detail || body.error);
    return "Refused (" + code + "): " + (typeof text === "string" ? text : JSON.stringify(text));
  }

  function say(text) { status.textContent = text; }
})();
