package org.nnx.datasets;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Extracts chosen regular files from a gzip-compressed tar archive (the format of {@code npm pack}
 * tarballs): POSIX ustar headers, with pax ({@code x}) and GNU long-name ({@code L}) headers for
 * long names. Only the requested members are written, to the paths the caller gives, so member
 * names never choose where a file goes.
 */
final class TarGz {

  private static final int BLOCK = 512;

  private TarGz() {}

  /**
   * Copies the members named in {@code wanted} to their target files.
   *
   * @param archive a {@code .tgz} / {@code .tar.gz} file
   * @param wanted member name (as stored, without a leading {@code ./}) to target file
   * @return the member names found and written; a member missing from the archive is absent
   * @throws IOException if the archive cannot be read, is truncated or has a header whose checksum
   *     does not match
   */
  static Map<String, Path> extract(Path archive, Map<String, Path> wanted) throws IOException {
    Map<String, Path> written = new HashMap<>();
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        new GZIPInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16))) {
      byte[] header = new byte[BLOCK];
      String longName = null;
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          return written; // archives may end without the two zero blocks
        }
        if (isZero(header)) {
          return written;
        }
        checkChecksum(archive, header);
        String name = longName != null ? longName : fullName(header);
        longName = null;
        long size = size(header);
        byte type = header[156];
        if (type == 'x' || type == 'L') {
          byte[] data = readData(in, size);
          String found = type == 'L' ? cString(data, 0, data.length) : paxPath(data);
          longName = found;
          continue;
        }
        name = name.startsWith("./") ? name.substring(2) : name;
        Path target = wanted.get(name);
        if ((type == '0' || type == 0) && target != null) {
          try (OutputStream out = Files.newOutputStream(target)) {
            copy(in, out, size);
          }
          skip(in, padding(size));
          written.put(name, target);
        } else {
          skip(in, size + padding(size));
        }
      }
    }
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The header checksum: the sum of its bytes as unsigned values, the checksum field as spaces. */
  private static void checkChecksum(Path archive, byte[] h) throws IOException {
    long stored = octal(h, 148, 8);
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xFF);
    }
    if (sum != stored) {
      throw new IOException(archive + ": corrupt tar header (checksum " + sum + ", stored " + stored + ")");
    }
  }

  private static String fullName(byte[] h) {
    String name = cString(h, 0, 100);
    boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
    String prefix = ustar ? cString(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** The size field: octal text, or base-256 when its first byte has the high bit set. */
  private static long size(byte[] h) {
    if ((h[124] & 0x80) != 0) {
      long v = 0;
      for (int i = 125; i < 136; i++) {
        v = (v << 8) | (h[i] & 0xFF);
      }
      return v;
    }
    return octal(h, 124, 12);
  }

  private static long octal(byte[] h, int at, int length) {
    long v = 0;
    for (int i = at; i < at + length; i++) {
      int c = h[i];
      if (c >= '0' && c <= '7') {
        v = v * 8 + (c - '0');
      } else if (c == 0 || (c == ' ' && v > 0)) {
        break;
      }
    }
    return v;
  }

  private static String cString(byte[] b, int at, int length) {
    int end = at;
    while (end < at + length && b[end] != 0) {
      end++;
    }
    return new String(b, at, end - at, StandardCharsets.UTF_8);
  }

  /** The {@code path} record of pax extended data ({@code "LEN path=VALUE\n"} records), or null. */
  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      String kv = space < 0 ? record : record.substring(space + 1);
      if (kv.startsWith("path=")) {
        return kv.substring(5);
      }
    }
    return null;
  }

  private static long padding(long size) {
    return (BLOCK - size % BLOCK) % BLOCK;
  }

  private static byte[] readData(DataInputStream in, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("tar extended header of " + size + " bytes is implausibly large");
    }
    byte[] data = new byte[(int) size];
    in.readFully(data);
    skip(in, padding(size));
    return data;
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buffer = new byte[1 << 16];
    long left = size;
    while (left > 0) {
      int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (n < 0) {
        throw new EOFException("tar archive ends inside a member");
      }
      out.write(buffer, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long n) throws IOException {
    long left = n;
    while (left > 0) {
      long skipped = in.skip(left);
      if (skipped <= 0) {
        if (in.read() < 0) {
          throw new EOFException("tar archive ends inside a member");
        }
        skipped = 1;
      }
      left -= skipped;
    }
  }
}
