package org.nnx.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file whole: into a new temporary file beside it, then renamed over it in one step. The
 * temporary file has an unpredictable name and is created new (it never opens an existing file or
 * follows a link planted at a known name), and the rename replaces the directory entry itself, so a
 * symbolic link at the target's name is replaced, not written through.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /** Writes {@code bytes} to {@code target}, creating its folder when missing. */
  public static Path write(Path target, byte[] bytes) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path tmp = Files.createTempFile(folder, "." + target.getFileName() + "-", ".tmp");
    try {
      Files.write(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target;
  }

  /** Writes {@code text} as UTF-8 to {@code target}. */
  public static Path write(Path target, String text) throws IOException {
    return write(target, text.getBytes(StandardCharsets.UTF_8));
  }
}
