package org.nnx.files;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The file system under {@link #where()} is full: a run stops at once (nothing more it computes
 * could be kept) and says where space is needed. Every trial repeat committed before is in the
 * result store, which SQLite keeps consistent by rolling back the write that failed, so the same
 * command, run again once space is freed, finishes the run with the results of an uninterrupted one.
 */
public final class NoSpaceException extends RuntimeException {

  private final transient Path where;

  /**
   * @param where the file or folder that could not be written
   * @param cause the failure that said so
   */
  public NoSpaceException(Path where, Throwable cause) {
    super("no space left on " + where, cause);
    this.where = where;
  }

  /** The file or folder that could not be written. */
  public Path where() {
    return where;
  }

  /**
   * Whether {@code failure} or one of its causes says the disk is full: an {@link IOException}
   * with the operating system's "No space left on device" (ENOSPC) or "Disk quota exceeded"
   * (EDQUOT), or SQLite's {@code SQLITE_FULL} (result code 13).
   */
  public static boolean isNoSpace(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSpaceException) {
        return true;
      }
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof IOException && (m.contains("No space left on device") || m.contains("Disk quota exceeded"))) {
        return true;
      }
      if (t instanceof SQLException s && (s.getErrorCode() == SQLITE_FULL || m.contains("SQLITE_FULL"))) {
        return true;
      }
    }
    return false;
  }

  /** The file a disk-full failure names, when it names one (a {@link FileSystemException}'s file). */
  public static Optional<Path> namedFile(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof NoSpaceException n) {
        return Optional.of(n.where);
      }
      if (t instanceof FileSystemException f && f.getFile() != null) {
        return Optional.of(Path.of(f.getFile()));
      }
    }
    return Optional.empty();
  }

  /** SQLite's primary result code for "database or disk is full". */
  private static final int SQLITE_FULL = 13;
}
