// The Streambed console's only script. Every page works without it; it keeps live parts current.
//  - <body data-events="/console/events?..."> listens for changes of what the page shows and
//    reloads its [data-live] parts from the page's own URL, without reloading the page.
//  - <ol data-tail="/console/logs/tail/events?..."> appends log events as they arrive.
(function () {
  'use strict';

  var pending = false;
  var busy = false;

  function swap(doc) {
    var deferred = false;
    document.querySelectorAll('[data-live]').forEach(function (el) {
      var fresh = doc.querySelector('[data-live="' + el.getAttribute('data-live') + '"]');
      if (!fresh) {
        return;
      }
      if (el.contains(document.activeElement) && document.activeElement !== document.body) {
        // Not under the keyboard's feet: the part is updated once focus leaves it.
        deferred = true;
        el.addEventListener('focusout', function later() {
          el.removeEventListener('focusout', later);
          setTimeout(refresh, 0);
        });
        return;
      }
      el.innerHTML = fresh.innerHTML;
    });
    var status = document.getElementById('live-status');
    if (status && !deferred) {
      status.textContent = 'Updated ' + new Date().toLocaleTimeString();
    }
  }

  function refresh() {
    if (busy) {
      pending = true;
      return;
    }
    busy = true;
    // The header tells the console this is a refresh, which must not take the message left
    // for the next page (a form being sent from this page may have just left one).
    fetch(location.href, { credentials: 'same-origin', headers: { 'Accept': 'text/html', 'X-Console-Refresh': '1' } })
      .then(function (res) { return res.ok ? res.text() : null; })
      .then(function (text) {
        if (text !== null) {
          swap(new DOMParser().parseFromString(text, 'text/html'));
        }
      })
      .catch(function () { /* the next change tries again */ })
      .then(function () {
        busy = false;
        if (pending) {
          pending = false;
          refresh();
        }
      });
  }

  function listen(url) {
    var source = new EventSource(url);
    var opened = false;
    source.addEventListener('open', function () {
      // After a reconnection, changes may have been missed while away.
      if (opened) {
        refresh();
      }
      opened = true;
    });
    source.addEventListener('change', function () {
      if (!leaving) {
        refresh();
      }
    });
    window.addEventListener('pagehide', function () {
      source.close();
    });
  }

  var leaving = false;
  document.addEventListener('submit', function () {
    leaving = true;
  });
  window.addEventListener('pageshow', function (e) {
    // A page brought back by the Back button shows what is current, not what was.
    if (e.persisted) {
      location.reload();
    }
  });

  function tail(list) {
    var status = document.getElementById('tail-status');
    var count = 0;
    var seen = {};
    var source = new EventSource(list.getAttribute('data-tail'));
    source.addEventListener('open', function () {
      if (status && count === 0) {
        status.textContent = 'Live: waiting for new events.';
      }
    });
    source.addEventListener('log', function (e) {
      // A reconnected stream sends its catch-up again: each event is shown once.
      if (e.lastEventId && seen[e.lastEventId]) {
        return;
      }
      seen[e.lastEventId] = true;
      var event = JSON.parse(e.data);
      var item = document.createElement('li');
      var time = document.createElement('time');
      time.dateTime = new Date(event.timestamp).toISOString();
      time.textContent = new Date(event.timestamp).toISOString().replace('T', ' ').replace('Z', '');
      var stream = document.createElement('span');
      stream.className = 'stream';
      stream.textContent = event.stream;
      var message = document.createElement('pre');
      message.textContent = event.message;
      item.appendChild(time);
      item.appendChild(stream);
      item.appendChild(message);
      list.appendChild(item);
      while (list.children.length > 1000) {
        list.removeChild(list.firstChild);
      }
      count++;
      if (status) {
        status.textContent = 'Live: ' + count + (count === 1 ? ' event.' : ' events.');
      }
    });
    source.addEventListener('error', function () {
      if (status) {
        status.textContent = 'Reconnecting...';
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    var url = document.body.getAttribute('data-events');
    if (url && window.EventSource) {
      listen(url);
    }
    document.querySelectorAll('[data-tail]').forEach(tail);
  });
})();
