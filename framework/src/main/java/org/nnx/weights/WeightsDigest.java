package org.nnx.weights;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of a trial's weights: SHA-256 over one line {@code NAME SHA256(FILE BYTES)} per tensor,
 * in order, so a file is hashed once however many trials read it.
 */
final class WeightsDigest {

  private final StringBuilder lines = new StringBuilder();

  /** The SHA-256 of a file's bytes, hex. */
  static String file(byte[] bytes) {
    return HexFormat.of().formatHex(sha().digest(bytes));
  }

  void add(String name, String fileHash) {
    lines.append(name).append(' ').append(fileHash).append('\n');
  }

  String hex() {
    return HexFormat.of().formatHex(sha().digest(lines.toString().getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }
}
