package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nnx run} writes {@code report.html} next to {@code report.md}, the same for the same run but its times. */
class HtmlReportRunTest {

  @TempDir
  Path dir;

  @Test
  void everyRunWritesTheSamePageExceptForItsTimes() throws IOException {
    Path file = Cli.root().resolve("examples/nnmass-zoo.nnx");
    Path out = dir.resolve("zoo");
    Cli first = Cli.run("run", file.toString(), "--out", out.toString());
    assertThat(first.status()).as(first.err()).isZero();
    assertThat(first.out()).contains("(results.csv, results.json, links.json, networks/, report.md, report.html, run.json, run.log)");
    String a = Files.readString(out.resolve("report.html"));
    assertThat(a).contains("<h1>NN-Mass, density and size of the NN-Mass model zoo</h1>")
        .contains("<td>r18</td><td class=\"n\" data-v=\"3392\">3392</td>")
        .contains("<pre><code>experiment nnmass_zoo {").contains("<a href=\"results.csv\">results.csv</a>");

    Cli second = Cli.run("run", "-q", file.toString(), "--out", out.toString());
    assertThat(second.status()).as(second.err()).isZero();
    String b = Files.readString(out.resolve("report.html"));
    assertThat(withoutTimes(b)).isEqualTo(withoutTimes(a));
  }

  /** The page with the run's start, end and duration and each trial repeat's time blanked. */
  private static String withoutTimes(String html) {
    return html.replaceAll("<time datetime=\"[^\"]*\">[^<]*</time>", "<time/>")
        .replaceAll("for [0-9.]+ s\\.", "for _ s.").replaceAll("<dd>[0-9.]+ s</dd>", "<dd>_ s</dd>")
        .replaceAll("<td class=\"n\" data-v=\"[0-9.eE-]+\">[0-9.eE-]+</td><td>ok</td>", "<td>_</td><td>ok</td>");
  }
}
