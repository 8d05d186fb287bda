package org.nnx.weights;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.ir.Network;
import org.nnx.ir.Node;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Npy;
import org.nnx.model.Tensor;
import org.nnx.report.Json;

/**
 * A folder of a network's weights: one {@code .npy} file per tensor, named {@code NODE.TENSOR.npy},
 * in PyTorch's layouts (dense {@code [out, in]}, convolution {@code [out, in/groups, kh, kw]}, batch
 * norm {@code weight}, {@code bias}, {@code running_mean}, {@code running_var} of {@code
 * [channels]}), little-endian float32, and {@code index.json}, which names each file's node (by
 * name and position in the network), tensor and shape, and says where the weights come from.
 *
 * <pre>
 * { "format": "nnx-weights-1", "network": "my_cnn", ...,
 *   "tensors": [ {"node": "conv1", "node_index": 1, "tensor": "weight", "shape": [32, 2, 4, 4],
 *                 "file": "conv1.weight.npy"}, ... ] }
 * </pre>
 */
public final class WeightFolder {

  /** The {@code format} of the index this class writes and reads. */
  public static final String FORMAT = "nnx-weights-1";

  /** The index's file name. */
  public static final String INDEX = "index.json";

  private WeightFolder() {}

  /**
   * One tensor of a folder, as its index names it.
   *
   * @param node the node's name in the network
   * @param nodeIndex the node's position in the network
   * @param tensor {@code weight}, {@code bias}, {@code running_mean} or {@code running_var}
   * @param shape its shape
   * @param file its file, relative to the folder
   */
  public record Entry(String node, int nodeIndex, String tensor, int[] shape, String file) {}

  /**
   * Writes {@code weights} of {@code network} into {@code folder} (created if needed; existing
   * files of the same names are replaced, each written whole through a temporary file).
   *
   * @param about what the index says about the weights' origin (e.g. the trial and its seed)
   * @throws IOException if a file cannot be written
   */
  public static void write(Path folder, Network network, NetworkWeights weights, Map<String, Object> about)
      throws IOException {
    Files.createDirectories(folder);
    List<Object> tensors = new ArrayList<>();
    for (int id : weights.nodes()) {
      Node node = network.nodes().get(id);
      for (Map.Entry<String, Tensor> t : weights.tensors(id).entrySet()) {
        String file = fileName(node.name()) + "." + t.getKey() + ".npy";
        writeWhole(folder.resolve(file), Npy.write(t.getValue()));
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("node", node.name());
        entry.put("node_index", id);
        entry.put("tensor", t.getKey());
        entry.put("shape", Arrays.stream(t.getValue().shape()).boxed().toList());
        entry.put("file", file);
        tensors.add(entry);
      }
    }
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("format", FORMAT);
    index.put("network", network.family());
    index.putAll(about);
    index.put("layout", "PyTorch: dense [out, in], conv2d [out, in/groups, kh, kw], batch_norm [channels]; float32");
    index.put("tensors", tensors);
    writeWhole(folder.resolve(INDEX), Json.write(index).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a folder's index.
   *
   * @throws IOException if it cannot be read
   * @throws IllegalArgumentException with a message for users if it is not an index this class
   *     wrote
   */
  public static List<Entry> index(Path folder) throws IOException {
    String text = Files.readString(folder.resolve(INDEX), StandardCharsets.UTF_8);
    Object doc;
    try {
      doc = Json.read(text);
    } catch (Json.JsonException e) {
      throw new IllegalArgumentException(INDEX + " is not valid JSON: " + e.getMessage());
    }
    if (!(doc instanceof Map<?, ?> map) || !FORMAT.equals(map.get("format"))) {
      throw new IllegalArgumentException(INDEX + " is not an index of nnx weights (its format is not " + FORMAT + ")");
    }
    if (!(map.get("tensors") instanceof List<?> list)) {
      throw new IllegalArgumentException(INDEX + " lists no tensors");
    }
    List<Entry> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof Map<?, ?> t) || !(t.get("node") instanceof String node) || !(t.get("tensor") instanceof String
          tensor) || !(t.get("file") instanceof String file) || !(t.get("shape") instanceof List<?> shape)
          || !(t.get("node_index") instanceof Long index)) {
        throw new IllegalArgumentException(INDEX + " has a tensor entry without node, node_index, tensor, shape and file");
      }
      int[] dims = new int[shape.size()];
      for (int i = 0; i < dims.length; i++) {
        if (!(shape.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
          throw new IllegalArgumentException(INDEX + " has a bad shape for " + node + "." + tensor);
        }
        dims[i] = (int) (long) d;
      }
      out.add(new Entry(node, Math.toIntExact(index), tensor, dims, file));
    }
    return out;
  }

  /** A node name as a file name: characters other than letters, digits, {@code . _ -} become {@code _}. */
  static String fileName(String node) {
    return node.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static void writeWhole(Path target, byte[] bytes) throws IOException {
    org.nnx.files.AtomicFiles.write(target, bytes);
  }
}
