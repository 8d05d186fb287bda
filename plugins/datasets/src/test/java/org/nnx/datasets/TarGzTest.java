package org.nnx.datasets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarGzTest {

  @TempDir Path dir;

  @Test
  void extractsOnlyTheWantedMembersToTheGivenFiles() throws Exception {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("package/readme.md", "hello".getBytes(StandardCharsets.UTF_8));
    files.put("package/data/a", new byte[1000]);
    files.put("./package/data/b", "bee".getBytes(StandardCharsets.UTF_8));
    Path archive = Files.write(dir.resolve("x.tgz"), TestData.tarGz(files));
    Map<String, Path> wanted = Map.of("package/data/b", dir.resolve("b.out"), "package/data/c", dir.resolve("c.out"));
    Map<String, Path> written = TarGz.extract(archive, wanted);
    assertThat(written).containsOnlyKeys("package/data/b");
    assertThat(Files.readString(dir.resolve("b.out"))).isEqualTo("bee");
    assertThat(dir.resolve("c.out")).doesNotExist();
    try (var s = Files.list(dir)) {
      assertThat(s.count()).isEqualTo(2);
    }
  }

  @Test
  void followsPaxLongNames() throws Exception {
    String longName = "package/" + "d".repeat(120) + "/file";
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    TestData.tarEntry(tar, longName, "long".getBytes(StandardCharsets.UTF_8), (byte) '0');
    tar.write(new byte[1024]);
    Path archive = Files.write(dir.resolve("long.tgz"), TestData.gzip(tar.toByteArray()));
    Map<String, Path> written = TarGz.extract(archive, Map.of(longName, dir.resolve("out")));
    assertThat(written).containsOnlyKeys(longName);
    assertThat(Files.readString(dir.resolve("out"))).isEqualTo("long");
  }

  @Test
  void aCorruptHeaderIsAnError() throws Exception {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    TestData.tarEntry(tar, "package/a", new byte[10], (byte) '0');
    byte[] bytes = tar.toByteArray();
    bytes[3] ^= 1;
    Path archive = Files.write(dir.resolve("bad.tgz"), TestData.gzip(bytes));
    assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/a", dir.resolve("a"))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt tar header");
  }

  @Test
  void aTruncatedMemberIsAnError() throws Exception {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    TestData.tarEntry(tar, "package/a", new byte[2000], (byte) '0');
    byte[] bytes = java.util.Arrays.copyOf(tar.toByteArray(), 512 + 1000);
    Path archive = Files.write(dir.resolve("cut.tgz"), TestData.gzip(bytes));
    assertThatThrownBy(() -> TarGz.extract(archive, Map.of("package/a", dir.resolve("a"))))
        .isInstanceOf(IOException.class);
  }
}
