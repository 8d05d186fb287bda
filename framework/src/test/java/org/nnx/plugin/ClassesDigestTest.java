package org.nnx.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The digest that versions stored values follows every byte of the classes and nothing else. */
class ClassesDigestTest {

  @TempDir
  Path dir;

  @Test
  void anyChangeToAClassChangesTheDigestAndOtherFilesDoNot() throws Exception {
    Path classes = Files.createDirectories(dir.resolve("org/x"));
    Files.write(classes.resolve("A.class"), new byte[] {1, 2, 3});
    Files.write(classes.resolve("B.class"), new byte[] {4});
    String first = ClassesDigest.of(dir.toUri().toURL(), n -> true);
    assertThat(first).hasSize(12).isEqualTo(ClassesDigest.of(dir.toUri().toURL(), n -> true));
    Files.writeString(dir.resolve("README.md"), "not a class");
    assertThat(ClassesDigest.of(dir.toUri().toURL(), n -> true)).isEqualTo(first);
    Files.write(classes.resolve("B.class"), new byte[] {5});
    String changed = ClassesDigest.of(dir.toUri().toURL(), n -> true);
    assertThat(changed).isNotEqualTo(first);
    assertThat(ClassesDigest.of(dir.toUri().toURL(), n -> n.endsWith("A.class")))
        .isNotEqualTo(changed).isEqualTo(ClassesDigest.of(dir.toUri().toURL(), n -> n.endsWith("A.class")));
    assertThat(ClassesDigest.of(dir.resolve("missing").toUri().toURL(), n -> true)).isEqualTo("unknown");
  }
}
