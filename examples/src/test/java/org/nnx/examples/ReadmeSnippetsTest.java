package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code .nnx} snippet of the README checks: each fenced block that starts with a top-level
 * block ({@code experiment}, {@code network}, {@code block}, {@code hardware}, {@code search},
 * {@code codesign}) checks cleanly, and each inline {@code report ...} example parses inside an
 * experiment (its columns belong to the README's context, so only its syntax is checked).
 */
class ReadmeSnippetsTest {

  private static final Pattern FENCED = Pattern.compile("```\\w*\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern INLINE_REPORT = Pattern.compile("`(report [^`]+)`");
  private static final List<String> TOP_LEVEL = List.of("experiment", "network", "block", "hardware", "search",
      "codesign");

  @TempDir
  static Path dir;

  @TestFactory
  List<DynamicTest> everySnippetChecks() throws IOException {
    String readme = Files.readString(Cli.root().resolve("README.md"));
    List<String> snippets = new ArrayList<>();
    List<Boolean> syntaxOnly = new ArrayList<>();
    Matcher fenced = FENCED.matcher(readme);
    while (fenced.find()) {
      String text = fenced.group(1);
      String first = text.strip().isEmpty() ? "" : text.strip().split("\\s+")[0];
      if (TOP_LEVEL.contains(first)) {
        snippets.add(text);
        syntaxOnly.add(false);
      }
    }
    Matcher inline = INLINE_REPORT.matcher(readme);
    while (inline.find()) {
      if (inline.group(1).contains("...")) {
        continue; // a pattern, not an example
      }
      snippets.add("experiment readme {\n  architectures { net: dense_mlp(width = 8, depth = 4, tc = 1, inputs = 4,"
          + " classes = 2) }\n  measure nn_mass\n  " + inline.group(1) + "\n}\n");
      syntaxOnly.add(true);
    }
    assertThat(snippets).as("snippets found").hasSizeGreaterThan(4);
    List<DynamicTest> tests = new ArrayList<>();
    for (int i = 0; i < snippets.size(); i++) {
      String snippet = snippets.get(i);
      boolean syntax = syntaxOnly.get(i);
      Path file = dir.resolve("snippet-" + i + ".nnx");
      tests.add(DynamicTest.dynamicTest("snippet " + i + ": " + snippet.strip().lines().findFirst().orElse(""), () -> {
        Files.writeString(file, snippet);
        Cli check = Cli.run("check", file.toString());
        if (syntax) {
          assertThat(check.err()).as(snippet).doesNotContain("unexpected").doesNotContain("missing");
        } else {
          assertThat(check.status()).as(snippet + "\n" + check.err()).isZero();
        }
      }));
    }
    return tests;
  }
}
