// The "My impact" chart from /console/impact/data (same window as the page). Same palette as the dashboard.
(function () {
    'use strict';
    var PALETTE = ['#1d4f7a', '#c2671b', '#2a7f62'];

    function start() {
        var figure = document.getElementById('impact-chart');
        var status = document.getElementById('chart-status');
        if (!figure || typeof Chart === 'undefined') {
            return;
        }
        fetch(figure.getAttribute('data-source'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
            .then(function (r) {
                if (!r.ok) {
                    throw new Error(r.status);
                }
                return r.json();
            })
            .then(function (d) {
                if (d.labels.length === 0) {
                    status.textContent = 'No other member matched your signals in this period.';
                } else {
                    status.textContent = '';
                }
                new Chart(document.getElementById('chart-impact'), {
                    type: 'bar',
                    data: {
                        labels: d.labels,
                        datasets: d.series.map(function (s, i) {
                            return {label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length], maxBarThickness: 48};
                        })
                    },
                    options: {
                        maintainAspectRatio: false,
                        animation: false,
                        scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
                        plugins: {legend: {position: 'bottom', labels: {boxWidth: 12}}}
                    }
                });
                figure.setAttribute('data-loaded', 'true');
            })
            .catch(function () {
                status.textContent = 'The chart could not be loaded. Reload the page to try again.';
            });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
