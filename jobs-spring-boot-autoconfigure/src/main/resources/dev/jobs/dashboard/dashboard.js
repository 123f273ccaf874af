// The jobs dashboard's only script (docs/dashboard.md): refreshes the overview by polling, sends
// the buttons' requests with the dashboard's write header and Spring Security's CSRF token, and
// follows a bulk action's progress. The pages render without it.
(function () {
  'use strict';
  function meta(name) {
    var element = document.querySelector('meta[name="' + name + '"]');
    return element ? element.content : null;
  }

  function show(out, text) {
    if (out) {
      out.textContent = text;
    }
  }

  function follow(url, out) {
    fetch(url, { credentials: 'same-origin' }).then(function (response) {
      return response.json();
    }).then(function (action) {
      show(out, action.description + ': ' + action.processed + ' of ' + action.total + ' processed, '
        + action.changed + ' changed (' + action.state + ')' + (action.error ? ' ' + action.error : ''));
      if (action.state === 'RUNNING') {
        setTimeout(function () { follow(url, out); }, 500);
      }
    });
  }

  document.addEventListener('click', function (event) {
    var button = event.target.closest('button[data-post], button[data-get]');
    if (!button) {
      return;
    }
    event.preventDefault();
    var out = document.getElementById('result');
    var headers = { 'X-Jobs-Dashboard': 'write', 'Content-Type': 'application/json' };
    var csrfHeader = meta('_csrf_header');
    if (csrfHeader) {
      headers[csrfHeader] = meta('_csrf');
    }
    var post = button.dataset.post;
    var body = button.dataset.body ? document.getElementById(button.dataset.body).value : undefined;
    show(out, '…');
    fetch(post || button.dataset.get, {
      method: post ? 'POST' : 'GET', headers: headers, body: body, credentials: 'same-origin'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        json.httpStatus = response.status;
        return json;
      });
    }).then(function (json) {
      if (json.dryRun) {
        show(out, 'Dry run: ' + json.count + ' dead letters would be replayed (tasks: ' + json.tasks.join(', ')
          + '; jobs: ' + json.jobIds.join(', ') + '). Nothing was changed.');
      } else if (json.httpStatus === 202 && json.url) {
        follow(json.url, out);
      } else if (json.httpStatus >= 400) {
        show(out, 'Refused (' + json.httpStatus + '): ' + (json.message || ''));
      } else {
        show(out, 'Done: ' + JSON.stringify(json));
      }
    });
  });

  var live = document.querySelector('[data-refresh]');
  if (live) {
    setInterval(function () {
      fetch(location.href, { credentials: 'same-origin' }).then(function (response) {
        return response.ok ? response.text() : null;
      }).then(function (text) {
        if (text) {
          var fresh = new DOMParser().parseFromString(text, 'text/html').getElementById(live.id);
          if (fresh) {
            live.innerHTML = fresh.innerHTML;
          }
        }
      });
    }, Number(live.dataset.refresh));
  }
})();
