// The organiser's check-in page: scan a person's QR code with the device camera, and keep check-ins made
// without a connection until it comes back. Without script the page's form still checks in by typed code.
//
// Scanning: the browser's BarcodeDetector where it reads QR codes, else jsQR (vendor/jsqr, Apache-2.0),
// loaded from our own assets only when needed. The same code in view is read once, not every frame.
//
// The queue: every code (scanned, or typed while script runs) is first written to localStorage under
// this event's key, as {code: time it was queued}; nothing else about the person is kept. It is then
// sent as JSON to the page's own endpoint, which calls the API server-side. A code leaves the queue only
// when the server has given a final answer (checked in, already checked in, unknown code, not confirmed);
// a network error, a service not answering or a rate limit keeps it, and it is sent again when the
// browser says it is online, on "Send now", when the page is opened again, and with backoff (2 s doubling
// to a minute) meanwhile. The server is idempotent, so a code sent twice checks in once.
(function () {
  'use strict';
  var scanner = document.getElementById('scanner');
  var form = document.getElementById('check-in-code-form');
  if (!scanner || !form || !window.fetch || !window.Promise) { return; }

  var CODE = /^[A-Za-z0-9_-]{1,100}$/;
  var url = scanner.getAttribute('data-codes-url');
  var key = scanner.getAttribute('data-queue-key');
  var csrf = (form.querySelector('input[name="_csrf"]') || {}).value || '';
  var toggle = document.getElementById('scan-toggle');
  var video = document.getElementById('scan-video');
  var state = document.getElementById('scan-state');
  var result = document.getElementById('scan-result');
  var queueBox = document.getElementById('queue');
  var queueCount = document.getElementById('queue-count');
  var sendNow = document.getElementById('queue-send');
  var input = document.getElementById('check-in-code');

  function text(name, value) {
    var words = scanner.getAttribute('data-text-' + name) || '';
    return value === undefined ? words : words.replace('{0}', value);
  }

  scanner.hidden = false;

  // ---- the queue -------------------------------------------------------------------------------------
  var memory = {};
  function load() {
    try {
      var stored = JSON.parse(window.localStorage.getItem(key) || '{}');
      return stored && typeof stored === 'object' ? stored : {};
    } catch (e) {
      return memory;
    }
  }
  function save(queue) {
    memory = queue;
    try { window.localStorage.setItem(key, JSON.stringify(queue)); } catch (e) { /* kept in memory */ }
  }
  function enqueue(code) {
    var queue = load();
    if (!queue[code]) { queue[code] = Date.now(); }
    save(queue);
  }
  function dequeue(code) {
    var queue = load();
    delete queue[code];
    save(queue);
  }

  // Shown once a code has had to wait (offline, or a send that failed), not for a code on its way now.
  var hadWaiting = false;
  function showQueue() {
    var waiting = Object.keys(load()).length;
    if (waiting > 0 && (hadWaiting || navigator.onLine === false)) {
      hadWaiting = true;
      queueBox.hidden = false;
      sendNow.hidden = false;
      queueCount.textContent = text('waiting', String(waiting));
    } else if (hadWaiting) {
      hadWaiting = false;
      queueBox.hidden = false;
      sendNow.hidden = true;
      queueCount.textContent = text('all-sent');
    }
  }

  function announce(words, kind) {
    result.className = 'scan-result ' + kind;
    // Emptied first, so the same words twice (two people with one name) are announced twice.
    result.textContent = '';
    window.setTimeout(function () { result.textContent = words; }, 50);
  }

  function markAttended(answer) {
    var row = document.getElementById('r-' + answer.registrationId + (answer.memberId ? '-' + answer.memberId : ''));
    if (!row) { return; }
    var actions = row.querySelector('.actions');
    if (actions) {
      var done = document.createElement('span');
      done.className = 'seats';
      done.textContent = text('attended');
      actions.replaceWith(done);
    }
  }

  var sending = false;
  var retryTimer = null;
  var delay = 2000;

  function retryLater() {
    window.clearTimeout(retryTimer);
    retryTimer = window.setTimeout(flush, delay);
    delay = Math.min(delay * 2, 60000);
  }

  // 'done': a final answer, the code leaves the queue; 'retry': keep it and try again; 'blocked': keep it
  // until the organiser signs in again or reloads the page (then it is sent).
  function send(code) {
    return window.fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      redirect: 'manual',
      headers: {
        'Content-Type': 'application/json',
        'Accept': 'application/json, application/problem+json',
        'X-XSRF-TOKEN': csrf
      },
      body: JSON.stringify({ code: code })
    }).then(function (response) {
      if (response.type === 'opaqueredirect' || response.status === 401) {
        announce(text('sign-in'), 'error');
        return 'blocked';
      }
      return response.json().catch(function () { return null; }).then(function (body) {
        var type = body && typeof body.type === 'string' ? body.type : '';
        if (response.ok && body) {
          dequeue(code);
          announce(body.message, body.alreadyCheckedIn ? 'already' : 'ok');
          markAttended(body);
          return 'done';
        }
        if (response.status === 403 && /page-out-of-date$/.test(type)) {
          announce(text('out-of-date'), 'error');
          return 'blocked';
        }
        if (response.status === 400 || response.status === 403 || response.status === 404 || response.status === 409) {
          dequeue(code);
          announce(body && body.detail ? body.detail : text('refused'), 'error');
          return 'done';
        }
        if (body && body.detail) { announce(body.detail, 'error'); }
        return 'retry';
      });
    }, function () {
      announce(text('queued'), 'already');
      return 'retry';
    });
  }

  function flush() {
    showQueue();
    if (sending) { return; }
    var codes = Object.keys(load());
    if (codes.length === 0) { return; }
    // Offline: wait for the online event, and look again now and then in case it never comes.
    if (navigator.onLine === false) { retryLater(); return; }
    sending = true;
    send(codes[0]).then(function (outcome) {
      sending = false;
      if (outcome !== 'done') { hadWaiting = true; }
      showQueue();
      if (outcome === 'done') {
        delay = 2000;
        flush();
      } else if (outcome === 'retry') {
        retryLater();
      }
    });
  }

  function checkIn(code) {
    if (!code) {
      announce(text('enter-code'), 'error');
      return;
    }
    if (!CODE.test(code)) {
      announce(text('not-a-code'), 'error');
      return;
    }
    enqueue(code);
    if (navigator.onLine === false) {
      announce(text('queued'), 'already');
    }
    showQueue();
    flush();
  }

  window.addEventListener('online', function () { delay = 2000; flush(); });
  window.addEventListener('offline', showQueue);
  sendNow.addEventListener('click', function () { delay = 2000; flush(); });

  // Typed codes take the same path, so they are kept while offline too.
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    var code = (input.value || '').trim();
    checkIn(code);
    if (code && CODE.test(code)) { input.value = ''; }
    input.focus();
  });

  // ---- the camera ------------------------------------------------------------------------------------
  var stream = null;
  var timer = null;
  var lastCode = null;
  var lastAt = 0;

  function say(words) { state.textContent = words; }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      if (window.jsQR) { resolve(); return; }
      var script = document.createElement('script');
      script.src = src;
      script.onload = function () { resolve(); };
      script.onerror = function () { reject(new Error('jsQR')); };
      document.head.appendChild(script);
    });
  }

  function jsQrDecoder() {
    return loadScript(scanner.getAttribute('data-jsqr-src')).then(function () {
      var canvas = document.createElement('canvas');
      var context = canvas.getContext('2d', { willReadFrequently: true });
      return function () {
        var width = video.videoWidth;
        var height = video.videoHeight;
        if (!width || !height) { return Promise.resolve(null); }
        // At most 640 pixels wide: fast enough on a tablet, sharp enough for a code held up to the camera.
        var scale = Math.min(1, 640 / width);
        canvas.width = Math.round(width * scale);
        canvas.height = Math.round(height * scale);
        context.drawImage(video, 0, 0, canvas.width, canvas.height);
        var image = context.getImageData(0, 0, canvas.width, canvas.height);
        var found = window.jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' });
        return Promise.resolve(found ? found.data : null);
      };
    });
  }

  function decoder() {
    if ('BarcodeDetector' in window && window.BarcodeDetector.getSupportedFormats) {
      return window.BarcodeDetector.getSupportedFormats().then(function (formats) {
        if (formats.indexOf('qr_code') < 0) { return jsQrDecoder(); }
        var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
        return function () {
          return detector.detect(video).then(function (codes) { return codes.length ? codes[0].rawValue : null; });
        };
      }, jsQrDecoder);
    }
    return jsQrDecoder();
  }

  function found(value) {
    var code = (value || '').trim();
    var now = Date.now();
    // A code stays in view for many frames: read it once, and again only after it has been away a while.
    if (code === lastCode && now - lastAt < 10000) { lastAt = now; return; }
    lastCode = code;
    lastAt = now;
    if (navigator.vibrate) { navigator.vibrate(80); }
    checkIn(code);
  }

  function loop(decode) {
    if (!stream) { return; }
    decode().then(function (value) {
      if (value) { found(value); }
    }).catch(function () { /* a frame that could not be read: the next one may */ }).then(function () {
      if (stream) { timer = window.setTimeout(function () { loop(decode); }, 150); }
    });
  }

  function stop(words) {
    window.clearTimeout(timer);
    if (stream) { stream.getTracks().forEach(function (track) { track.stop(); }); }
    stream = null;
    video.srcObject = null;
    video.hidden = true;
    toggle.textContent = text('start');
    say(words);
  }

  function start() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      say(text('unsupported'));
      return;
    }
    toggle.disabled = true;
    decoder().then(function (decode) {
      return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          video.hidden = false;
          return video.play().catch(function () { /* muted inline video plays; a refusal shows a still */ });
        })
        .then(function () {
          toggle.textContent = text('stop');
          say(text('looking'));
          lastCode = null;
          loop(decode);
        });
    }).catch(function () {
      stop(text('no-camera'));
    }).then(function () {
      toggle.disabled = false;
    });
  }

  toggle.addEventListener('click', function () {
    if (stream) { stop(text('stopped')); } else { start(); }
  });
  document.addEventListener('visibilitychange', function () {
    if (document.hidden && stream) { stop(text('stopped')); }
  });

  // Whatever was left waiting when the page was last open is sent now.
  hadWaiting = Object.keys(load()).length > 0;
  flush();
})();
