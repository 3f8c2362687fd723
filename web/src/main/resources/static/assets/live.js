// Keeps a part of the page up to date while it is open (registrations as they arrive, a newsletter
// as it goes out). Elements with data-live="<url>" are refreshed from that URL every data-every
// seconds; screen readers hear changes politely (aria-live on the element). Without script the page
// still works: it shows what was true when it was loaded, and a reload brings it up to date.
(function () {
  document.querySelectorAll('[data-live]').forEach(function (region) {
    var every = Math.max(5, parseInt(region.getAttribute('data-every') || '10', 10)) * 1000;
    var stopWhen = region.getAttribute('data-stop-when');
    var timer = setInterval(function () {
      if (document.hidden) { return; }
      fetch(region.getAttribute('data-live'), { credentials: 'same-origin', headers: { 'Accept': 'text/html' } })
        .then(function (response) { return response.ok ? response.text() : null; })
        .then(function (html) {
          if (html === null) { return; }
          var parsed = new DOMParser().parseFromString(html, 'text/html').body.firstElementChild;
          if (!parsed) { return; }
          // Keep focus where it was when the keyboard is inside the region.
          if (region.contains(document.activeElement)) { return; }
          region.innerHTML = parsed.innerHTML;
          if (stopWhen && region.querySelector(stopWhen)) { clearInterval(timer); }
        })
        .catch(function () { /* the next round tries again */ });
    }, every);
  });
})();
