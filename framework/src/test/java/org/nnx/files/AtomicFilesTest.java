package org.nnx.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links planted in a run directory are never written through. */
class AtomicFilesTest {

  @TempDir
  Path dir;

  @Test
  void aLinkAtTheOldTemporaryNameOrAtTheTargetIsNotFollowed() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.createSymbolicLink(run.resolve("results.csv.tmp"), victim);
    Files.createSymbolicLink(run.resolve("report.md"), victim);
    AtomicFiles.write(run.resolve("results.csv"), "a,b\n");
    AtomicFiles.write(run.resolve("report.md"), "# report\n");
    assertThat(Files.readString(victim)).isEqualTo("keep me");
    assertThat(Files.readString(run.resolve("results.csv"))).isEqualTo("a,b\n");
    assertThat(Files.isSymbolicLink(run.resolve("report.md"))).isFalse();
    assertThat(Files.readString(run.resolve("report.md"))).isEqualTo("# report\n");
    try (var files = Files.list(run)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left")
          .containsExactlyInAnyOrder("results.csv.tmp", "results.csv", "report.md");
    }
  }
}
