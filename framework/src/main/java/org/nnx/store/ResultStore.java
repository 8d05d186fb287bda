package org.nnx.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The project's embedded database of trial results: SQLite (xerial JDBC driver) in WAL mode,
 * default {@code runs/nnx.db}. A trial repeat's metric values are committed, under a content key,
 * the moment they are computed, so an interrupted run loses nothing that finished and a rerun
 * reuses it. Several processes may share one store: a trial repeat is computed by whoever holds
 * its claim; a claim whose owner died or went silent expires.
 *
 * <p>Thread-safe: one connection, used under this object's lock.
 */
public final class ResultStore implements AutoCloseable {

  private static final int SCHEMA_VERSION = 1;

  private final Path file;
  private final Connection connection;

  private ResultStore(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (or creates) the store at {@code file}.
   *
   * @throws StoreException if the file is not a result store (garbage, truncated, another
   *     program's database) or cannot be written; the message names the file and the way forward
   */
  public static ResultStore open(Path file) throws StoreException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the folder of the result store " + file + ": " + e.getMessage(), e);
    }
    Connection c = null;
    try {
      // IMMEDIATE transactions take the write lock when they begin, so a busy store makes a writer
      // wait (busy_timeout) instead of failing when it upgrades a read transaction
      java.util.Properties properties = new java.util.Properties();
      properties.setProperty("transaction_mode", "IMMEDIATE");
      properties.setProperty("busy_timeout", "30000");
      c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout = 30000");
        try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
          if (!rs.next() || !"ok".equals(rs.getString(1))) {
            throw new SQLException("integrity check failed");
          }
        }
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS results (key TEXT NOT NULL, column_name TEXT NOT NULL,"
            + " value TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (key, column_name))");
        s.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL,"
            + " expires INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, experiment TEXT NOT NULL,"
            + " file TEXT NOT NULL, dir TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,"
            + " total INTEGER NOT NULL, done INTEGER NOT NULL, status TEXT NOT NULL)");
        s.execute("INSERT OR IGNORE INTO meta VALUES ('schema', '" + SCHEMA_VERSION + "')");
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'schema'")) {
          if (!rs.next() || !String.valueOf(SCHEMA_VERSION).equals(rs.getString(1))) {
            throw new SQLException("unknown schema version");
          }
        }
      }
      return new ResultStore(file, c);
    } catch (SQLException e) {
      closeQuietly(c);
      throw new StoreException(file + " is not a usable nnx result store (" + e.getMessage().replaceAll("\\s+", " ")
          + "); move it away (e.g. mv " + file + " " + file + ".broken) or run with --fresh, which keeps"
          + " a copy of it as " + file + ".broken-<time> and starts a new store", e);
    }
  }

  /**
   * Moves a store file that cannot be opened (and its WAL files) aside, so a new one can be created.
   *
   * @return where it was moved
   */
  public static Path moveAside(Path file, String suffix) throws IOException {
    Path target = file.resolveSibling(file.getFileName() + ".broken-" + suffix);
    Files.move(file, target);
    for (String extra : List.of("-wal", "-shm")) {
      Path f = file.resolveSibling(file.getFileName() + extra);
      if (Files.exists(f)) {
        Files.move(f, file.resolveSibling(target.getFileName() + extra));
      }
    }
    return target;
  }

  /** The store's file. */
  public Path file() {
    return file;
  }

  /** The stored values of {@code key}, by column, or empty when nothing is stored. */
  public synchronized Optional<Map<String, Object>> lookup(String key) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT column_name, value FROM results WHERE key = ? ORDER BY rowid")) {
      p.setString(1, key);
      Map<String, Object> values = new LinkedHashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          values.put(rs.getString(1), StoredValue.decode(rs.getString(2)));
        }
      }
      return values.isEmpty() ? Optional.empty() : Optional.of(values);
    } catch (SQLException e) {
      throw failure("read results", e);
    }
  }

  /** Commits the values of {@code key} (replacing any stored ones) in one transaction. */
  public synchronized void put(String key, Map<String, Object> values) throws StoreException {
    String now = java.time.Instant.now().toString();
    try {
      connection.setAutoCommit(false);
      try (PreparedStatement d = connection.prepareStatement("DELETE FROM results WHERE key = ?");
          PreparedStatement p = connection.prepareStatement("INSERT INTO results VALUES (?, ?, ?, ?)")) {
        d.setString(1, key);
        d.executeUpdate();
        for (Map.Entry<String, Object> e : values.entrySet()) {
          p.setString(1, key);
          p.setString(2, e.getKey());
          p.setString(3, StoredValue.encode(e.getValue()));
          p.setString(4, now);
          p.addBatch();
        }
        p.executeBatch();
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw failure("write results", e);
    } finally {
      autoCommit();
    }
  }

  /**
   * Claims {@code key} for {@code owner} until {@code expiresAtMillis}, unless another live owner
   * holds an unexpired claim. A claim is live while its expiry lies ahead and, for owners on this
   * host, their process still runs.
   *
   * @return whether {@code owner} now holds the claim
   */
  public synchronized boolean claim(String key, ClaimOwner owner, long expiresAtMillis) throws StoreException {
    try {
      connection.setAutoCommit(false);
      String holder = null;
      long expires = 0;
      try (PreparedStatement q = connection.prepareStatement("SELECT owner, expires FROM claims WHERE key = ?")) {
        q.setString(1, key);
        try (ResultSet rs = q.executeQuery()) {
          if (rs.next()) {
            holder = rs.getString(1);
            expires = rs.getLong(2);
          }
        }
      }
      boolean free = holder == null || holder.equals(owner.id()) || expires < System.currentTimeMillis()
          || !ClaimOwner.isAlive(holder);
      if (free) {
        try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO claims VALUES (?, ?, ?)")) {
          p.setString(1, key);
          p.setString(2, owner.id());
          p.setLong(3, expiresAtMillis);
          p.executeUpdate();
        }
      }
      connection.commit();
      return free;
    } catch (SQLException e) {
      rollback();
      throw failure("claim a trial", e);
    } finally {
      autoCommit();
    }
  }

  /** Extends every claim of {@code owner} to {@code expiresAtMillis}. */
  public synchronized void renewClaims(ClaimOwner owner, long expiresAtMillis) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement("UPDATE claims SET expires = ? WHERE owner = ?")) {
      p.setLong(1, expiresAtMillis);
      p.setString(2, owner.id());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("renew claims", e);
    }
  }

  /** Gives up {@code owner}'s claim on {@code key}. */
  public synchronized void release(String key, ClaimOwner owner) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement("DELETE FROM claims WHERE key = ? AND owner = ?")) {
      p.setString(1, key);
      p.setString(2, owner.id());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("release a claim", e);
    }
  }

  /** Records a run (or updates its progress and status). */
  public synchronized void saveRun(RunRecord run) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement(
        "INSERT OR REPLACE INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, run.id());
      p.setString(2, run.experiment());
      p.setString(3, run.file());
      p.setString(4, run.dir());
      p.setString(5, run.started());
      p.setString(6, run.finished());
      p.setInt(7, run.total());
      p.setInt(8, run.done());
      p.setString(9, run.status());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the run", e);
    }
  }

  /** Every recorded run, oldest first. */
  public synchronized List<RunRecord> runs() throws StoreException {
    List<RunRecord> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, experiment, file, dir, started, finished, total, done, status"
            + " FROM runs ORDER BY started, id")) {
      while (rs.next()) {
        out.add(new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getString(9)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list runs", e);
    }
  }

  private StoreException failure(String what, SQLException e) {
    return new StoreException("cannot " + what + " in the result store " + file + ": " + e.getMessage(), e);
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the original failure is what matters
    }
  }

  private void autoCommit() {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the connection is broken; the next use reports it
    }
  }

  private static void closeQuietly(Connection c) {
    if (c != null) {
      try {
        c.close();
      } catch (SQLException ignored) {
        // nothing more to do
      }
    }
  }

  @Override
  public synchronized void close() {
    closeQuietly(connection);
  }
}
