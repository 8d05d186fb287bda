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

  private static final org.apache.logging.log4j.Logger LOG = org.apache.logging.log4j.LogManager.getLogger(ResultStore.class);

  private static final int SCHEMA_VERSION = 2;

  /** The default bound on the disk space trained models take beside the store: 2 GiB. */
  public static final long DEFAULT_MODEL_BYTES = 2L << 30;

  private final Path file;
  private final Connection connection;
  private long modelBytes = DEFAULT_MODEL_BYTES;

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
        refuseForeign(s, file);
        s.execute("PRAGMA journal_mode = WAL");
        s.execute("PRAGMA application_id = " + APPLICATION_ID);
        s.execute("PRAGMA synchronous = NORMAL");
        s.execute("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS results (key TEXT NOT NULL, column_name TEXT NOT NULL,"
            + " value TEXT NOT NULL, created TEXT NOT NULL, PRIMARY KEY (key, column_name))");
        s.execute("CREATE TABLE IF NOT EXISTS claims (key TEXT PRIMARY KEY, owner TEXT NOT NULL,"
            + " expires INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS runs (id TEXT PRIMARY KEY, experiment TEXT NOT NULL,"
            + " file TEXT NOT NULL, dir TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,"
            + " total INTEGER NOT NULL, done INTEGER NOT NULL, status TEXT NOT NULL,"
            + " kind TEXT NOT NULL DEFAULT 'experiment')");
        s.execute("CREATE TABLE IF NOT EXISTS models (key TEXT PRIMARY KEY, file TEXT NOT NULL,"
            + " bytes INTEGER NOT NULL, created TEXT NOT NULL, used INTEGER NOT NULL)");
        s.execute("CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, body TEXT NOT NULL,"
            + " created TEXT NOT NULL)");
        s.execute("INSERT OR IGNORE INTO meta VALUES ('schema', '" + SCHEMA_VERSION + "')");
        String schema;
        try (ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE name = 'schema'")) {
          schema = rs.next() ? rs.getString(1) : "";
        }
        if (schema.equals("1")) {
          // version 1 stores lack run kinds; every run then was an experiment
          s.execute("ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'experiment'");
          s.execute("UPDATE meta SET value = '" + SCHEMA_VERSION + "' WHERE name = 'schema'");
        } else if (!schema.equals(String.valueOf(SCHEMA_VERSION))) {
          throw new SQLException("unknown schema version " + schema);
        }
      }
      return new ResultStore(file, c);
    } catch (UntouchableStoreException e) {
      closeQuietly(c);
      throw e;
    } catch (SQLException e) {
      closeQuietly(c);
      String text = String.valueOf(e.getMessage());
      if (text.contains("SQLITE_BUSY") || text.contains("SQLITE_LOCKED") || text.contains("database is locked")) {
        // healthy but held by another process: never a reason to set it aside
        throw new UntouchableStoreException(file + " is locked by another process (it stayed busy for 30 s); wait for"
            + " that run to finish, or give this one another --store FILE");
      }
      if (org.nnx.files.NoSpaceException.isNoSpace(e)) {
        // a full disk is no sign of a broken store: never a reason to set it aside either
        throw new org.nnx.files.NoSpaceException(file, e);
      }
      throw new StoreException(file + " is not a usable nnx result store (" + e.getMessage().replaceAll("\\s+", " ")
          + "); move it away (e.g. mv " + file + " " + file + ".broken) or run with --fresh, which keeps"
          + " a copy of it as " + file + ".broken-<time> and starts a new store", e);
    }
  }

  /** SQLite's application id of nnx stores: "nnx1" in ASCII. */
  static final int APPLICATION_ID = 0x6E6E7831;

  /**
   * Refuses a database that belongs to another application: one with another application id, or
   * with tables but without nnx's {@code meta} table. Stores written before nnx set its id have the
   * meta table and are adopted.
   */
  private static void refuseForeign(Statement s, Path file) throws SQLException, UntouchableStoreException {
    int id;
    try (ResultSet rs = s.executeQuery("PRAGMA application_id")) {
      id = rs.next() ? rs.getInt(1) : 0;
    }
    List<String> tables = new java.util.ArrayList<>();
    try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      while (rs.next()) {
        tables.add(rs.getString(1));
      }
    }
    if ((id != 0 && id != APPLICATION_ID) || (!tables.isEmpty() && !tables.contains("meta"))) {
      throw new UntouchableStoreException(file + " is a database of another application (" + (id != 0 && id
          != APPLICATION_ID ? "application id " + Integer.toHexString(id) : "tables " + String.join(", ",
          tables.subList(0, Math.min(5, tables.size())))) + "), not an nnx result store; nnx leaves it as it is:"
          + " give nnx a store of its own with --store FILE");
    }
  }

  /**
   * The store file cannot be taken but is not broken either: another application's database, or a
   * store held by another process. The user's input; never moved aside or changed.
   */
  public static final class UntouchableStoreException extends StoreException {
    private static final long serialVersionUID = 1L;

    UntouchableStoreException(String message) {
      super(message, null);
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

  /** The folder beside the store where trained models are kept: {@code FILE.models}. */
  public Path modelFolder() {
    return file.resolveSibling(file.getFileName() + ".models");
  }

  /**
   * Sets the bound on the disk space of kept models; when a new model would exceed it, the models
   * used longest ago are dropped first (their metric values stay).
   *
   * @param bytes the bound, at least 0 (0 keeps no models)
   */
  public synchronized void modelBudget(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("the model budget must be at least 0, got " + bytes);
    }
    this.modelBytes = bytes;
  }

  /**
   * The training run kept under {@code key}, if its file is there and readable (a missing or broken
   * file is forgotten and the caller trains again).
   */
  public synchronized Optional<org.nnx.model.TrainingRun> lookupModel(String key) throws StoreException {
    String name;
    try (PreparedStatement p = connection.prepareStatement("SELECT file FROM models WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        name = rs.getString(1);
      }
    } catch (SQLException e) {
      throw failure("read models", e);
    }
    Path path = modelFolder().resolve(name);
    try {
      org.nnx.model.TrainingRun run = ModelArchive.read(Files.readAllBytes(path));
      try (PreparedStatement p = connection.prepareStatement("UPDATE models SET used = ? WHERE key = ?")) {
        p.setLong(1, System.currentTimeMillis());
        p.setString(2, key);
        p.executeUpdate();
      }
      return Optional.of(run);
    } catch (IOException e) {
      forgetModel(key);
      return Optional.empty();
    } catch (SQLException e) {
      throw failure("read models", e);
    }
  }

  /**
   * Keeps a training run under {@code key} as {@code FILE.models/KEY.npz} (written whole, then moved
   * into place), then drops the models used longest ago while the kept ones exceed the budget.
   *
   * @return whether it was kept (a model larger than the whole budget is not)
   */
  public synchronized boolean putModel(String key, org.nnx.model.TrainingRun run) throws StoreException {
    byte[] bytes;
    try {
      bytes = ModelArchive.write(run);
    } catch (IOException e) {
      throw new StoreException("cannot encode a trained model: " + e.getMessage(), e);
    }
    if (bytes.length > modelBytes) {
      return false;
    }
    String name = key + ".npz";
    Path folder = modelFolder();
    Path tmp = null;
    try {
      Files.createDirectories(folder);
      tmp = Files.createTempFile(folder, "." + key, ".tmp");
      Files.write(tmp, bytes);
      Files.move(tmp, folder.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      if (tmp != null) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // left behind, it is named .KEY*.tmp and never read as a model
        }
      }
      if (org.nnx.files.NoSpaceException.isNoSpace(e)) {
        throw new org.nnx.files.NoSpaceException(folder, e);
      }
      throw new StoreException("cannot keep a trained model in " + folder + ": " + e.getMessage(), e);
    }
    try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO models VALUES (?, ?, ?, ?, ?)")) {
      p.setString(1, key);
      p.setString(2, name);
      p.setLong(3, bytes.length);
      p.setString(4, java.time.Instant.now().toString());
      p.setLong(5, System.currentTimeMillis());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record a model", e);
    }
    shrinkModels(modelBytes);
    return true;
  }

  /** The number and total size in bytes of the kept models. */
  public synchronized long[] modelUsage() throws StoreException {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), COALESCE(SUM(bytes), 0) FROM models")) {
      rs.next();
      return new long[] {rs.getLong(1), rs.getLong(2)};
    } catch (SQLException e) {
      throw failure("read models", e);
    }
  }

  /**
   * Drops kept models, those used longest ago first, until they take at most {@code bytes}.
   *
   * @return how many were dropped
   */
  public synchronized int shrinkModels(long bytes) throws StoreException {
    record Kept(String key, String file, long bytes) {}
    List<Kept> all = new ArrayList<>();
    long total = 0;
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT key, file, bytes FROM models ORDER BY used DESC, key")) {
      while (rs.next()) {
        all.add(new Kept(rs.getString(1), rs.getString(2), rs.getLong(3)));
        total += rs.getLong(3);
      }
    } catch (SQLException e) {
      throw failure("read models", e);
    }
    int dropped = 0;
    for (int i = all.size() - 1; i >= 0 && total > bytes; i--) {
      Kept k = all.get(i);
      forgetModel(k.key());
      try {
        Files.deleteIfExists(modelFolder().resolve(k.file()));
      } catch (IOException e) {
        // the record is gone; a stray file costs space but no correctness
      }
      total -= k.bytes();
      dropped++;
    }
    return dropped;
  }

  private void forgetModel(String key) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement("DELETE FROM models WHERE key = ?")) {
      p.setString(1, key);
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("forget a model", e);
    }
  }

  /** The text kept under {@code key} (e.g. a finished search's files), if any. */
  public synchronized Optional<String> lookupDocument(String key) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement("SELECT body FROM documents WHERE key = ?")) {
      p.setString(1, key);
      try (ResultSet rs = p.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read documents", e);
    }
  }

  /** Keeps {@code body} under {@code key}, replacing what was there. */
  public synchronized void putDocument(String key, String body) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement("INSERT OR REPLACE INTO documents VALUES (?, ?, ?)")) {
      p.setString(1, key);
      p.setString(2, body);
      p.setString(3, java.time.Instant.now().toString());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("write documents", e);
    }
  }

  /** The stored values of {@code key}, by column, or empty when nothing is stored. */
  public synchronized Optional<Map<String, Object>> lookup(String key) throws StoreException {
    try (PreparedStatement p = connection.prepareStatement(
        "SELECT column_name, value FROM results WHERE key = ? ORDER BY rowid")) {
      p.setString(1, key);
      Map<String, Object> values = new LinkedHashMap<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          try {
            values.put(rs.getString(1), StoredValue.decode(rs.getString(2)));
          } catch (RuntimeException undecodable) {
            // written by another version, or damaged: the value is computed again and replaces it
            LOG.warn("{}: the stored value {} of key {} cannot be read ({}); computing it again", file,
                rs.getString(1), key, undecodable.getMessage());
            return Optional.empty();
          }
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
        "INSERT OR REPLACE INTO runs (id, experiment, file, dir, started, finished, total, done, status, kind)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      p.setString(1, run.id());
      p.setString(2, run.experiment());
      p.setString(3, run.file());
      p.setString(4, run.dir());
      p.setString(5, run.started());
      p.setString(6, run.finished());
      p.setInt(7, run.total());
      p.setInt(8, run.done());
      p.setString(9, run.status());
      p.setString(10, run.kind());
      p.executeUpdate();
    } catch (SQLException e) {
      throw failure("record the run", e);
    }
  }

  /** Every recorded run, oldest first. */
  public synchronized List<RunRecord> runs() throws StoreException {
    List<RunRecord> out = new ArrayList<>();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, experiment, file, dir, started, finished, total, done, status, kind"
            + " FROM runs ORDER BY started, id")) {
      while (rs.next()) {
        out.add(new RunRecord(rs.getString(1), rs.getString(10), rs.getString(2), rs.getString(3), rs.getString(4),
            rs.getString(5), rs.getString(6), rs.getInt(7), rs.getInt(8), rs.getString(9)));
      }
      return out;
    } catch (SQLException e) {
      throw failure("list runs", e);
    }
  }

  /**
   * The store could not do {@code what}. A full disk throws a {@link
   * org.nnx.files.NoSpaceException} instead: the run must stop (nothing more can be kept) rather
   * than count it as one trial's failure.
   */
  private StoreException failure(String what, SQLException e) {
    if (org.nnx.files.NoSpaceException.isNoSpace(e)) {
      throw new org.nnx.files.NoSpaceException(file, e);
    }
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
