package org.nnx.report;

/**
 * The style sheet of {@code report.html}, inlined in the page: system fonts, a centred column of at
 * most 72rem, tables that scroll sideways inside their own wrapper, charts scaled to the column's
 * width (never below 640 px: on a phone they scroll sideways, so their text stays legible), and
 * colours with at least 4.5:1 contrast on white.
 */
final class HtmlStyle {

  private HtmlStyle() {}

  /** The CSS text. */
  static final String CSS = """
      :root {
        color-scheme: light;
        --fg: #1f2328; --muted: #57606a; --line: #d0d7de; --head: #f6f8fa; --stripe: #fafbfc;
        --accent: #0a58ca; --note: #fff8c5; --note-line: #9a6700; --bad: #ffebe9; --bad-line: #cf222e;
      }
      *, *::before, *::after { box-sizing: border-box; }
      html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
      body {
        margin: 0; background: #fff; color: var(--fg);
        font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans",
          "Liberation Sans", sans-serif;
      }
      main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
      @media (min-width: 48rem) { main { padding: 2rem 2.5rem; } }
      h1 { font-size: 1.6rem; line-height: 1.25; margin: 0 0 .5rem; overflow-wrap: anywhere; }
      h2 {
        font-size: 1.25rem; line-height: 1.3; margin: 2.25rem 0 .6rem; padding-bottom: .3rem;
        border-bottom: 1px solid var(--line); overflow-wrap: anywhere;
      }
      p { margin: .5rem 0; }
      a { color: var(--accent); }
      a:focus-visible, button:focus-visible, summary:focus-visible, .table-wrap:focus-visible {
        outline: 2px solid var(--accent); outline-offset: 2px;
      }
      code, pre, kbd { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; }
      code { font-size: .9em; overflow-wrap: anywhere; }
      pre {
        margin: .5rem 0; padding: .75rem 1rem; overflow-x: auto; background: var(--head);
        border: 1px solid var(--line); border-radius: 6px; font-size: .875rem; line-height: 1.45;
      }
      pre code { overflow-wrap: normal; font-size: inherit; }
      .lead { color: var(--muted); }
      .table-wrap {
        width: fit-content; max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; margin: .5rem 0 1rem;
        border: 1px solid var(--line); border-radius: 6px;
      }
      table { border-collapse: collapse; min-width: 100%; font-size: .875rem; }
      th, td { padding: .4rem .7rem; text-align: left; white-space: nowrap; border-bottom: 1px solid var(--line); }
      tbody tr:last-child td { border-bottom: 0; }
      thead th { background: var(--head); font-weight: 600; }
      tbody tr:nth-child(even) { background: var(--stripe); }
      tbody tr:hover { background: #eaf2ff; }
      .n { text-align: right; font-variant-numeric: tabular-nums; }
      th button {
        font: inherit; color: inherit; background: none; border: 0; padding: .2rem 0; margin: 0; cursor: pointer;
        display: inline-flex; align-items: center; gap: .35em; text-align: inherit;
      }
      th button::after { content: "\\2195"; color: var(--muted); font-size: .85em; }
      th[aria-sort="ascending"] button::after { content: "\\25B2"; color: var(--accent); }
      th[aria-sort="descending"] button::after { content: "\\25BC"; color: var(--accent); }
      figure { margin: 1rem 0 1.5rem; }
      .chart { overflow-x: auto; }
      .chart svg, .chart img {
        display: block; width: 100%; min-width: 640px; max-width: 900px; height: auto;
        border: 1px solid var(--line); border-radius: 6px; background: #fff;
      }
      figcaption { color: var(--muted); font-size: .875rem; margin-top: .4rem; }
      .note { margin: .75rem 0; padding: .5rem .8rem; background: var(--note); border-left: 4px solid var(--note-line);
        border-radius: 0 6px 6px 0; overflow-wrap: anywhere; }
      .note.bad { background: var(--bad); border-left-color: var(--bad-line); }
      details { margin: .75rem 0; }
      summary { cursor: pointer; font-weight: 600; padding: .2rem 0; }
      dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: .5rem 0 1rem; }
      dl.facts dt { color: var(--muted); }
      dl.facts dd { margin: 0; overflow-wrap: anywhere; }
      @media (max-width: 32rem) {
        dl.facts { grid-template-columns: 1fr; gap: 0; }
        dl.facts dd { margin-bottom: .5rem; }
      }
      ul.files { padding-left: 1.25rem; }
      ul.files li { margin: .2rem 0; }
      @media print {
        .table-wrap { overflow: visible; border: 0; }
        th button::after { content: none; }
        details { display: block; }
      }
      """;
}
