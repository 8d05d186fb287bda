package org.nnx.report;

/**
 * The script of {@code report.html}, inlined in the page, plain JavaScript without libraries: a
 * click on a header button of a {@code table.sortable} sorts its rows by that column, ascending
 * first and then toggling. Number columns ({@code data-type="number"}) compare each cell's {@code
 * data-v} numerically (the mean of a {@code mean ± sd} cell); text columns compare alphabetically,
 * digits by value; cells without a value go last either way, and ties keep the original order. The
 * header's {@code aria-sort} tells the direction.
 */
final class HtmlScript {

  private HtmlScript() {}

  /** The JavaScript text. */
  static final String JS = """
      (function () {
        'use strict';
        var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
        function key(cell, numeric) {
          if (!cell) { return null; }
          if (numeric) {
            var v = cell.getAttribute('data-v');
            if (v === null) { return null; }
            var n = Number(v);
            return isNaN(n) ? null : n;
          }
          var t = cell.textContent.trim();
          return t === '' ? null : t;
        }
        function sort(table, th) {
          var column = th.cellIndex;
          var numeric = th.getAttribute('data-type') === 'number';
          var ascending = th.getAttribute('aria-sort') !== 'ascending';
          var body = table.tBodies[0];
          var rows = Array.prototype.map.call(body.rows, function (row) {
            return { row: row, index: Number(row.getAttribute('data-i')), key: key(row.cells[column], numeric) };
          });
          rows.sort(function (a, b) {
            if (a.key === null || b.key === null) {
              return a.key === b.key ? a.index - b.index : (a.key === null ? 1 : -1);
            }
            var c = numeric ? (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) : collator.compare(a.key, b.key);
            return c !== 0 ? (ascending ? c : -c) : a.index - b.index;
          });
          var fragment = document.createDocumentFragment();
          rows.forEach(function (r) { fragment.appendChild(r.row); });
          body.appendChild(fragment);
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (h) {
            if (h.hasAttribute('aria-sort')) { h.setAttribute('aria-sort', 'none'); }
          });
          th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
        }
        Array.prototype.forEach.call(document.querySelectorAll('table.sortable'), function (table) {
          if (!table.tHead || !table.tBodies.length) { return; }
          Array.prototype.forEach.call(table.tBodies[0].rows, function (row, i) { row.setAttribute('data-i', i); });
          Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
            var button = th.querySelector('button');
            if (button) { button.addEventListener('click', function () { sort(table, th); }); }
          });
        });
      })();
      """;
}
