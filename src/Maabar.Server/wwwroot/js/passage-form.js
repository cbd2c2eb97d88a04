// The officer's passage form (issue 24, point 1). A file of its own: the Content-Security-Policy refuses inline script.
//
// Keys: a keyboard-wedge scanner types the zone's lines, each followed by Enter, into the focused MRZ box.
// Enter on the empty line after the scan records the passage (the scan plus one key); Ctrl+Enter records from
// anywhere, the MRZ box included; Enter in any other field records (Record is the form's first submit button).
//
// Draft: what is typed is kept in this tab's sessionStorage (never localStorage: it dies with the tab), under the
// signed-in user's name, so a sign-in that expires mid-form does not lose it. The page tells the script what to
// do through data-draft: "restore" (an empty form: put the draft back), "keep" (the server shows what was
// posted: keep saving), "clear" (the passage is recorded: drop the draft). Only a draft whose form was sent and
// never came back (the sign-in had expired) is restored: an officer who left a form on purpose starts the next
// traveller on an empty one, with nothing of the last traveller left in the zone box.
(function () {
  'use strict';
  var key = 'maabar.passage-draft';
  var marker = document.querySelector('[data-draft]');
  if (!marker) {
    return;
  }

  var mode = marker.getAttribute('data-draft');
  var user = marker.getAttribute('data-draft-user') || '';
  var store = null;
  try {
    store = window.sessionStorage;
  } catch (e) {
    store = null; // storage disabled: the form works, without a draft
  }

  if (mode === 'clear') {
    if (store) {
      store.removeItem(key);
    }
  }

  var form = marker.tagName === 'FORM' ? marker : null;
  if (!form) {
    return;
  }

  var record = form.querySelector('[data-testid=record]');
  var mrz = form.querySelector('textarea[data-testid=mrz]');

  // Fields worth keeping: everything the officer types or chooses, not the one-time key or the antiforgery token.
  function fields() {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name.indexOf('Input.') === 0 && el.name !== 'Input.RequestKey' && el.type !== 'hidden';
    });
  }

  function save(sent) {
    if (!store) {
      return;
    }
    var values = {};
    var any = false;
    fields().forEach(function (el) {
      values[el.name] = el.value;
      if (el.value && el.name !== 'Input.Post' && el.name !== 'Input.DocumentType') {
        any = true;
      }
    });
    if (any) {
      store.setItem(key, JSON.stringify({ user: user, sent: sent === true, values: values }));
    } else {
      store.removeItem(key);
    }
  }

  if (mode === 'restore' && store) {
    var saved = null;
    try {
      saved = JSON.parse(store.getItem(key) || 'null');
    } catch (e) {
      saved = null;
    }
    if (saved && saved.user === user && saved.sent === true && saved.values) {
      var restored = false;
      fields().forEach(function (el) {
        var value = saved.values[el.name];
        if (typeof value === 'string' && value !== '' && el.value !== value) {
          el.value = value;
          restored = true;
        }
      });
      var notice = document.querySelector('[data-testid=draft-restored]');
      if (restored && notice) {
        notice.hidden = false;
      }
      save(false); // restored once: leaving the form again drops it
    } else if (saved) {
      store.removeItem(key); // another user's draft, or a form left without sending it: not to be put back
    }
  } else if (mode === 'keep') {
    save(false); // the server showed the form back: what it shows is the draft now
  }

  // A form filled from an earlier passage waits in the field it lacked (the document number).
  var focus = form.getAttribute('data-focus');
  if (focus && document.getElementById(focus)) {
    document.getElementById(focus).focus();
  }

  form.addEventListener('input', function () { save(false); });
  form.addEventListener('change', function () { save(false); });
  // Sent: if the answer is the sign-in page instead of the form or the passage, the draft is put back after it.
  form.addEventListener('submit', function () { save(true); });

  function submitRecord() {
    if (typeof form.requestSubmit === 'function') {
      form.requestSubmit(record);
    } else {
      record.click();
    }
  }

  form.addEventListener('keydown', function (event) {
    if (event.key !== 'Enter' || event.isComposing || event.altKey || event.shiftKey) {
      return;
    }
    if (event.ctrlKey || event.metaKey) {
      event.preventDefault();
      submitRecord();
      return;
    }
    // In the MRZ box, Enter after a line (the scanner's own Enter) starts the next line; Enter on the empty line
    // after the zone records.
    if (event.target === mrz) {
      var value = mrz.value;
      var atEnd = mrz.selectionStart === value.length && mrz.selectionEnd === value.length;
      if (atEnd && value.trim() !== '' && /\n\s*$/.test(value)) {
        event.preventDefault();
        submitRecord();
      }
    }
  });
})();
