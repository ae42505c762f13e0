// Dashboard charts from /console/dashboard/data. Colours are distinguishable and dark enough on white.
(function () {
    'use strict';
    var PALETTE = ['#1d4f7a', '#c2671b', '#2a7f62', '#8c3b8f', '#b8323a', '#4a6fa5', '#6b7d1f', '#7a5230',
        '#2f8a9e', '#a3476b', '#555f6d', '#d08b00'];

    function bar(id, labels, series, stacked, horizontal) {
        var el = document.getElementById(id);
        if (!el) {
            return;
        }
        new Chart(el, {
            type: 'bar',
            data: {
                labels: labels,
                datasets: series.map(function (s, i) {
                    return {label: s.label, data: s.values, backgroundColor: PALETTE[i % PALETTE.length]};
                })
            },
            options: {
                indexAxis: horizontal ? 'y' : 'x',
                maintainAspectRatio: false,
                animation: false,
                scales: {x: {stacked: stacked}, y: {stacked: stacked, beginAtZero: true, ticks: {precision: 0}}},
                plugins: {legend: {position: 'bottom', labels: {boxWidth: 12}}}
            }
        });
    }

    function line(id, labels, series) {
        var el = document.getElementById(id);
        if (!el) {
            return;
        }
        new Chart(el, {
            type: 'line',
            data: {
                labels: labels,
                datasets: series.map(function (s, i) {
                    return {label: s.label, data: s.values, borderColor: PALETTE[i], backgroundColor: PALETTE[i],
                        tension: 0.2};
                })
            },
            options: {
                maintainAspectRatio: false,
                animation: false,
                scales: {y: {beginAtZero: true, ticks: {precision: 0}}},
                plugins: {legend: {position: 'bottom', labels: {boxWidth: 12}}}
            }
        });
    }

    function start() {
        var charts = document.getElementById('charts');
        var status = document.getElementById('charts-status');
        if (!charts || typeof Chart === 'undefined') {
            return;
        }
        fetch(charts.getAttribute('data-source'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
            .then(function (r) {
                if (!r.ok) {
                    throw new Error(r.status);
                }
                return r.json();
            })
            .then(function (d) {
                bar('chart-shared', d.weeks, d.shared_by_type, true, false);
                bar('chart-received', d.weeks, d.received_by_type, true, false);
                bar('chart-categories', d.categories, [d.shared_by_category, d.received_by_category], false, true);
                line('chart-matches', d.weeks, [d.matches_on_mine, d.matches_by_me]);
                status.textContent = '';
                charts.setAttribute('data-loaded', 'true');
            })
            .catch(function () {
                status.textContent = 'The charts could not be loaded. Reload the page to try again.';
            });
    }

    if (document.readyState === 'loading') {
        document.addEventListener('DOMContentLoaded', start);
    } else {
        start();
    }
})();
