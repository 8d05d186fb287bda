package org.nnx.weights;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Npy;
import org.nnx.model.Tensor;
import org.nnx.syntax.ArchitectureNode;
import org.nnx.syntax.CallNode;
import org.nnx.syntax.DiagnosticCollector;
import org.nnx.syntax.Location;
import org.nnx.syntax.Suggestions;
import org.nnx.syntax.ValueNode;

/**
 * Checks the {@code weights W} or {@code init W} clause of an architecture declaration against a
 * trial's network, before anything runs. {@code W} is a folder nnx wrote ({@code "runs/x/weights/
 * trial-0-repeat-0"}, read through its {@code index.json}) or {@code npy("DIR", NODE.TENSOR =
 * "FILE.npy", ...)}, which names the file of each tensor. Folders and files are relative to the
 * folder of the {@code .nnx} file.
 *
 * <p>Every tensor of the network must get a file, and every file must be a complete float32 or
 * float64 {@code .npy} array of exactly the tensor's shape (PyTorch's layouts, see {@link
 * NetworkWeights}); each mistake is reported at its place in the clause, naming the tensor and both
 * shapes. Files are read once per resolver however many trials use them.
 */
public final class WeightsResolver {

  /** The call that maps tensors to files. */
  public static final String NPY = "npy";

  private final DiagnosticCollector diagnostics;
  private final Map<Path, Checked> checked = new HashMap<>();
  private Path base = Path.of("").toAbsolutePath();

  /** What a file turned out to be: its shape and hash, or what is wrong with it. */
  private record Checked(int[] shape, String hash, String problem) {}

  /** @param diagnostics where errors go */
  public WeightsResolver(DiagnosticCollector diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** A tensor of the clause with where it was named. */
  private record Wanted(int node, String tensor, Path file, Location at) {}

  /**
   * Checks a clause for one trial.
   *
   * @param clause the clause
   * @param network the trial's network
   * @param trial how messages name the trial when the declaration has several, or {@code null}
   * @return the checked weights, or empty after reporting every error
   */
  public Optional<WeightsSource> resolve(ArchitectureNode.Weights clause, Network network, String trial) {
    int before = diagnostics.sorted().size();
    base = base(clause.location());
    List<Wanted> wanted;
    if (clause.source() instanceof ValueNode.Text folder) {
      wanted = folder(folder, base, network, trial);
    } else if (clause.source() instanceof CallNode call && call.name().equals(NPY)) {
      wanted = npy(call, base, network, trial);
    } else {
      diagnostics.error(clause.source().location(), clause.text().split(" ")[0] + " takes a folder nnx wrote or npy(...),"
          + " got " + clause.source().text(), "write " + (clause.init() ? "init" : "weights")
          + " \"runs/NAME/weights/trial-0-repeat-0\" or npy(\"DIR\", NODE.TENSOR = \"FILE.npy\", ...)");
      return Optional.empty();
    }
    if (wanted == null) {
      return Optional.empty(); // the folder itself is wrong, reported
    }
    Map<Integer, Map<String, int[]>> expected = NetworkWeights.expected(network);
    Map<String, Wanted> byTensor = new LinkedHashMap<>();
    for (Wanted w : wanted) {
      String key = w.node() + "." + w.tensor();
      if (byTensor.putIfAbsent(key, w) != null) {
        diagnostics.error(w.at(), name(network, w) + " is given twice", null);
        continue;
      }
      int[] need = expected.get(w.node()).get(w.tensor());
      Checked c = check(w.file());
      if (c.problem() != null) {
        diagnostics.error(w.at(), name(network, w) + ": " + c.problem(), trialHint(trial));
      } else if (!Arrays.equals(c.shape(), need)) {
        diagnostics.error(w.at(), name(network, w) + ": " + w.file().getFileName() + " holds shape "
            + Arrays.toString(c.shape()) + ", the network needs " + Arrays.toString(need), join(
                "PyTorch's layouts: dense [out, in], conv2d [out, in/groups, kh, kw], batch_norm [channels]",
                trialHint(trial)));
      }
    }
    // a tensor named wrongly is reported where it is named; the missing ones only when all names are right
    List<String> missing = new ArrayList<>();
    List<WeightsSource.TensorFile> files = new ArrayList<>();
    WeightsDigest digest = new WeightsDigest();
    for (Map.Entry<Integer, Map<String, int[]>> node : expected.entrySet()) {
      for (String tensor : node.getValue().keySet()) {
        Wanted w = byTensor.get(node.getKey() + "." + tensor);
        String name = network.nodes().get(node.getKey()).name() + "." + tensor;
        if (w == null) {
          missing.add(name);
          continue;
        }
        files.add(new WeightsSource.TensorFile(node.getKey(), network.nodes().get(node.getKey()).name(), tensor,
            w.file().toString()));
        Checked c = check(w.file());
        if (c.hash() != null) {
          digest.add(name, c.hash());
        }
      }
    }
    if (!missing.isEmpty() && diagnostics.sorted().size() == before) {
      diagnostics.error(clause.source().location(), "the weights leave " + missing.size() + " of the network's tensors"
          + " without a file: " + String.join(", ", missing.subList(0, Math.min(6, missing.size())))
          + (missing.size() > 6 ? ", ..." : ""), join("every tensor needs one: write NODE.TENSOR = \"FILE.npy\" for each"
              + " (nnx summary FILE lists the nodes)", trialHint(trial)));
    }
    if (diagnostics.sorted().size() > before) {
      return Optional.empty();
    }
    return Optional.of(new WeightsSource(clause.init(), files, digest.hex(), clause.text()));
  }

  private static Path base(Location at) {
    Path file = Path.of(at.file()).toAbsolutePath();
    return file.getParent() != null ? file.getParent() : Path.of("").toAbsolutePath();
  }

  /** The tensors of a folder nnx wrote, by its index; {@code null} when the folder is wrong (reported). */
  private List<Wanted> folder(ValueNode.Text text, Path base, Network network, String trial) {
    Path folder = base.resolve(text.value()).normalize();
    if (!Files.isDirectory(folder)) {
      diagnostics.error(text.location(), "no folder " + shown(folder), "weights \"DIR\" reads a folder that nnx wrote with"
          + " train { save_weights = true }; for other .npy files write npy(\"DIR\", NODE.TENSOR = \"FILE.npy\", ...)");
      return null;
    }
    if (!Files.isRegularFile(folder.resolve(WeightFolder.INDEX))) {
      diagnostics.error(text.location(), "no " + WeightFolder.INDEX + " in " + shown(folder), "a folder nnx wrote has one;"
          + " for other .npy files write npy(\"" + text.value() + "\", NODE.TENSOR = \"FILE.npy\", ...)");
      return null;
    }
    List<WeightFolder.Entry> entries;
    try {
      entries = WeightFolder.index(folder);
    } catch (IOException | IllegalArgumentException e) {
      diagnostics.error(text.location(), shown(folder.resolve(WeightFolder.INDEX)) + ": " + e.getMessage(), null);
      return null;
    }
    List<Wanted> out = new ArrayList<>();
    for (WeightFolder.Entry e : entries) {
      Node node = node(network, e.node());
      if (node == null || !NetworkWeights.expected(network).getOrDefault(node.id(), Map.of()).containsKey(e.tensor())) {
        diagnostics.error(text.location(), WeightFolder.INDEX + " names " + e.node() + "." + e.tensor() + ", which "
            + "network '" + network.family() + "' does not have", join("load the weights into the network that saved"
                + " them (same family and parameters)", trialHint(trial)));
        continue;
      }
      out.add(new Wanted(node.id(), e.tensor(), folder.resolve(e.file()).normalize(), text.location()));
    }
    return out;
  }

  /** The tensors of {@code npy("DIR", NODE.TENSOR = "FILE.npy", ...)}; {@code null} when its folder is wrong (reported). */
  private List<Wanted> npy(CallNode call, Path base, Network network, String trial) {
    List<CallNode.Argument> args = call.arguments();
    if (args.isEmpty() || args.get(0).isNamed() || !(args.get(0).value() instanceof ValueNode.Text dir)) {
      diagnostics.error(call.location(), "npy(...) starts with the folder of the files, a string",
          "write npy(\"DIR\", NODE.TENSOR = \"FILE.npy\", ...)");
      return null;
    }
    Path folder = base.resolve(dir.value()).normalize();
    if (!Files.isDirectory(folder)) {
      diagnostics.error(dir.location(), "no folder " + shown(folder), "folders are relative to the folder of the .nnx file");
      return null;
    }
    Map<Integer, Map<String, int[]>> expected = NetworkWeights.expected(network);
    List<Wanted> out = new ArrayList<>();
    for (CallNode.Argument a : args.subList(1, args.size())) {
      if (!a.isNamed() || !(a.value() instanceof ValueNode.Text file)) {
        diagnostics.error(a.location(), "npy(...) maps tensors to files: NODE.TENSOR = \"FILE.npy\", got "
            + (a.isNamed() ? a.name() + " = " : "") + a.value().text(), null);
        continue;
      }
      int dot = a.name().lastIndexOf('.');
      String nodeName = dot < 0 ? a.name() : a.name().substring(0, dot);
      String tensor = dot < 0 ? "" : a.name().substring(dot + 1);
      Node node = node(network, nodeName);
      if (node == null || !expected.containsKey(node.id())) {
        List<String> candidates = expected.keySet().stream().map(i -> network.nodes().get(i).name()).toList();
        String hint = Suggestions.didYouMean(nodeName, candidates);
        diagnostics.error(a.location(), (node == null ? "network '" + network.family() + "' has no node '" + nodeName
            + "'" : "node '" + nodeName + "' has no weights"), join(hint != null ? hint
                : "nodes with weights: " + String.join(", ", candidates.subList(0, Math.min(8, candidates.size())))
                    + (candidates.size() > 8 ? ", ... (nnx summary FILE lists them all)" : ""), trialHint(trial)));
        continue;
      }
      Map<String, int[]> tensors = expected.get(node.id());
      if (!tensors.containsKey(tensor)) {
        String hint = Suggestions.didYouMean(tensor, tensors.keySet());
        diagnostics.error(a.location(), "node '" + nodeName + "' has no tensor '" + tensor + "'",
            hint != null ? hint : "its tensors are " + String.join(", ", tensors.keySet()));
        continue;
      }
      out.add(new Wanted(node.id(), tensor, folder.resolve(file.value()).normalize(), file.location()));
    }
    return out;
  }

  private Checked check(Path file) {
    return checked.computeIfAbsent(file, f -> {
      if (!Files.isRegularFile(f)) {
        return new Checked(null, null, "no file " + shown(f));
      }
      try {
        byte[] bytes = Files.readAllBytes(f);
        Tensor t = Npy.read(bytes);
        return new Checked(t.shape(), WeightsDigest.file(bytes), null);
      } catch (IOException e) {
        return new Checked(null, null, shown(f) + " cannot be read: " + e.getMessage());
      } catch (Npy.NpyException e) {
        return new Checked(null, null, f.getFileName() + ": " + e.getMessage());
      }
    });
  }

  /** A path as messages show it: relative to the .nnx file's folder when it is inside it. */
  private String shown(Path p) {
    return p.startsWith(base) ? base.relativize(p).toString() : p.toString();
  }

  private static Node node(Network network, String name) {
    for (Node n : network.nodes()) {
      if (n.name().equals(name)) {
        return n;
      }
    }
    return null;
  }

  private static String name(Network network, Wanted w) {
    return network.nodes().get(w.node()).name() + "." + w.tensor();
  }

  private static String trialHint(String trial) {
    return trial == null ? null : "for " + trial;
  }

  private static String join(String a, String b) {
    return a == null ? b : b == null ? a : a + "; " + b;
  }
}
