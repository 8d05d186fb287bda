package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Feeds 3,000 random and mutated {@code .nnx} inputs (from the examples, with a fixed seed) to
 * {@code nnx check}: every input ends with exit status 0 or 2, every message is one located
 * {@code file:line:col: error:} line whose position lies inside the file, and nothing throws or hangs.
 */
class LanguageFuzzTest {

  private static final int INPUTS = 3000;
  private static final int BATCH = 100;
  private static final Pattern LOCATED = Pattern.compile("(.+\\.nnx):(\\d+):(\\d+): error: .+");
  private static final String[] TOKENS = {"{", "}", "(", ")", "[", "]", ",", ":", "=", "..", "step", "-", "\n",
      "\"", "/*", "*/", "//", "experiment", "architectures", "measure", "report", "train", "data", "seed",
      "repeats", "title", "0", "-1", "1e9", "99999999999999999999", "1.5", "x", "dense_mlp", "nn_mass", "table",
      "{}", "[]", "()", "relu", "GHz", "\t", ";", "#", "é", "\u0000"};

  @TempDir
  Path dir;

  @Test
  void randomAndMutatedInputsNeverCrashOrHang() throws IOException {
    List<String> seeds = new ArrayList<>();
    try (Stream<Path> files = Files.walk(Cli.root().resolve("examples"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".nnx")).sorted().toList()) {
        seeds.add(Files.readString(f));
      }
    }
    Random random = new Random(20211125);
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < INPUTS; i++) {
      String text = i % 10 == 0 ? randomTokens(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
      inputs.add(Files.writeString(dir.resolve("input-" + i + ".nnx"), text));
    }
    for (int start = 0; start < INPUTS; start += BATCH) {
      List<Path> batch = inputs.subList(start, Math.min(INPUTS, start + BATCH));
      List<String> args = new ArrayList<>(List.of("check"));
      batch.forEach(p -> args.add(p.toString()));
      Cli result = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> Cli.run(args.toArray(String[]::new)));
      assertThat(result.status()).as(result.err()).isIn(0, 2);
      Set<String> withErrors = new HashSet<>();
      for (String line : result.err().split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        Matcher m = LOCATED.matcher(line);
        assertThat(m.matches()).as("a located message: " + line).isTrue();
        Path file = Path.of(m.group(1));
        List<String> lines = Files.readString(file).lines().toList();
        int lineNo = Integer.parseInt(m.group(2));
        assertThat(lineNo).as(line).isBetween(1, Math.max(1, lines.size() + 1));
        assertThat(Integer.parseInt(m.group(3))).as(line).isPositive();
        withErrors.add(file.toString());
      }
      for (Path p : batch) {
        boolean ok = result.out().contains(p + ": experiment ") || result.out().contains(p + ": search ");
        assertThat(ok || withErrors.contains(p.toString())).as("an outcome for " + p).isTrue();
      }
      assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
  }

  private static String mutate(String text, Random random) {
    StringBuilder s = new StringBuilder(text);
    int edits = 1 + random.nextInt(4);
    for (int e = 0; e < edits && s.length() > 0; e++) {
      int at = random.nextInt(s.length());
      switch (random.nextInt(4)) {
        case 0 -> s.deleteCharAt(at);
        case 1 -> s.insert(at, TOKENS[random.nextInt(TOKENS.length)]);
        case 2 -> s.setCharAt(at, (char) (32 + random.nextInt(95)));
        default -> s.delete(at, Math.min(s.length(), at + random.nextInt(20)));
      }
    }
    return s.toString();
  }

  private static String randomTokens(Random random) {
    StringBuilder s = new StringBuilder();
    int n = random.nextInt(60);
    for (int i = 0; i < n; i++) {
      s.append(TOKENS[random.nextInt(TOKENS.length)]).append(random.nextBoolean() ? " " : "");
    }
    return s.toString();
  }
}
