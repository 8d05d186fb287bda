/**
 * Reports of a run, independent of the kind of block that ran: tables, plots, fits, correlations
 * and passages of text ({@link org.nnx.report.ReportElement}), their charts, {@code report.md} and
 * the self-contained {@code report.html}, the one provenance record of {@code run.json} ({@link
 * org.nnx.report.Provenance}), and the statistics they use.
 */
package org.nnx.report;
