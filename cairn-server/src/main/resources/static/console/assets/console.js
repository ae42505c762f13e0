// Cairn console behaviour. A file, not inline script: the Content-Security-Policy allows only 'self' scripts.
(function () {
    'use strict';

    // Upload progress for the bulk form (htmx reports XHR progress events).
    document.addEventListener('htmx:xhr:progress', function (evt) {
        var bar = document.getElementById('upload-progress');
        if (bar && evt.detail && evt.detail.lengthComputable) {
            bar.value = Math.round(evt.detail.loaded * 100 / evt.detail.total);
        }
    });

    // After htmx replaces a region that should take focus (results of an upload), move focus there for screen readers.
    document.addEventListener('htmx:afterSwap', function (evt) {
        var target = document.getElementById('bulk-result');
        if (target && evt.detail.target && evt.detail.target.id === 'bulk-result') {
            target.focus();
        }
    });

    // Copy buttons next to secrets shown once.
    document.addEventListener('click', function (evt) {
        var button = evt.target.closest('[data-copy]');
        if (!button) {
            return;
        }
        var source = document.querySelector(button.getAttribute('data-copy'));
        if (source && navigator.clipboard) {
            navigator.clipboard.writeText(source.textContent.trim()).then(function () {
                button.textContent = 'Copied';
            });
        }
    });

    // The feedback form: fields that belong to some outcomes only (counts for "Actioned", a report reference for
    // "Actioned" and "Reported") are shown, and sent, only with those outcomes. Without this script all are shown.
    function outcomeFields(root) {
        (root.querySelectorAll ? root : document).querySelectorAll('[data-outcome-select]').forEach(function (select) {
            var form = select.form;
            var update = function () {
                form.querySelectorAll('[data-for-outcomes]').forEach(function (el) {
                    var on = el.getAttribute('data-for-outcomes').split(' ').indexOf(select.value) >= 0;
                    el.hidden = !on;
                    el.querySelectorAll('input').forEach(function (input) {
                        input.disabled = !on;
                    });
                });
            };
            select.addEventListener('change', update);
            update();
        });
    }

    document.addEventListener('htmx:load', function (evt) {
        outcomeFields(evt.target);
    });
    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', function () {
            outcomeFields(document);
        });
    } else {
        outcomeFields(document);
    }

    // After an htmx form answer replaces a section, put focus on it, so keyboard and screen reader users land on the
    // result (the errors or the confirmation) rather than at the top of the page.
    document.addEventListener('htmx:afterSettle', function (evt) {
        var id = evt.detail.target && evt.detail.target.id;
        var target = (id === 'feedback-panel' || id === 'disputes-panel') ? document.getElementById(id) : null;
        if (target) {
            var error = target.querySelector('[aria-invalid="true"]');
            (error || target).focus();
        }
    });
})();
