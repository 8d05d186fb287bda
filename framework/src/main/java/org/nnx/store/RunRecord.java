package org.nnx.store;

/**
 * A run as the store lists it.
 *
 * @param id the run's id: its directory name
 * @param kind the keyword of the block's kind, e.g. {@code experiment} or {@code search}
 * @param experiment the block's name
 * @param file the .nnx file
 * @param dir the run directory
 * @param started ISO-8601 start time
 * @param finished ISO-8601 end time, or {@code null} while running (or after a crash)
 * @param total trial repeats in the run
 * @param done trial repeats finished
 * @param status {@code running}, {@code done} or {@code failed}
 */
public record RunRecord(String id, String kind, String experiment, String file, String dir, String started,
    String finished, int total, int done, String status) {

  /** This record with other progress, end and status. */
  public RunRecord with(int done, String finished, String status) {
    return new RunRecord(id, kind, experiment, file, dir, started, finished, total, done, status);
  }
}
