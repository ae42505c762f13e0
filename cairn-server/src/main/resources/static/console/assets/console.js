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
})();
