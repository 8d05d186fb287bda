package org.nnx.store;

import java.util.Optional;
import java.util.UUID;

/**
 * Who holds a claim: {@code host:pid:random}. A claim of a process on this host that no longer
 * runs is free at once; other claims are free when they expire.
 *
 * @param id the owner's identity
 */
public record ClaimOwner(String id) {

  /** The owner identity of this process (one per call: each run is its own owner). */
  public static ClaimOwner ofThisProcess() {
    return new ClaimOwner(host() + ":" + ProcessHandle.current().pid() + ":" + UUID.randomUUID());
  }

  static boolean isAlive(String ownerId) {
    String[] parts = ownerId.split(":");
    if (parts.length < 3 || !parts[0].equals(host())) {
      return true;
    }
    try {
      Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(parts[1]));
      return p.isPresent() && p.get().isAlive();
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String host() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      return "localhost";
    }
  }
}
