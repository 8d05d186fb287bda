package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of {@code examples/errors/} fails {@code nnx check} with exit status 2 and exactly the
 * messages of its {@code .expected} file: one located line each, never a stack trace.
 */
class ErrorCorpusTest {

  @TestFactory
  Stream<DynamicTest> everyMalformedFileGivesItsExpectedMessages() throws IOException {
    Path dir = Cli.root().resolve("examples/errors");
    return Files.list(dir).filter(f -> f.toString().endsWith(".nnx")).sorted().map(file ->
        DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
          String name = "examples/errors/" + file.getFileName();
          Path expectedFile = Path.of(file.toString().replace(".nnx", ".expected"));
          assertThat(expectedFile).as("expected messages for " + name).exists();
          Cli result = Cli.run("check", file.toString());
          String err = result.err().replace(file.toString(), name);
          assertThat(result.status()).as(err).isEqualTo(2);
          assertThat(err).isEqualTo(Files.readString(expectedFile));
          assertThat(err).doesNotContain("Exception").doesNotContain("\tat ");
          for (String line : err.split("\n")) {
            assertThat(line).matches("examples/errors/[a-z0-9-]+\\.nnx:\\d+:\\d+: error: .+");
          }
        }));
  }

  @Test
  void theCorpusHasAtLeast25Files() throws IOException {
    try (Stream<Path> files = Files.list(Cli.root().resolve("examples/errors"))) {
      assertThat(files.filter(f -> f.toString().endsWith(".nnx")).count()).isGreaterThanOrEqualTo(25);
    }
  }
}
