package org.nnx.weights;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Npy;
import org.nnx.model.Tensor;

/**
 * The checked weights of one trial: which file holds each tensor of its network, and the SHA-256 of
 * their contents, which is part of every key of the trial's stored values (so that changed files
 * are never mistaken for the ones measured before).
 *
 * @param init whether training starts from the weights ({@code init}) rather than the trial using
 *     them as its trained model ({@code weights})
 * @param tensors every tensor of the network, with its file
 * @param digest SHA-256 over the tensors' names and their files' SHA-256, in order, hex
 * @param text the clause as written, for messages
 */
public record WeightsSource(boolean init, List<TensorFile> tensors, String digest, String text)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  public WeightsSource {
    tensors = List.copyOf(tensors);
  }

  /**
   * One tensor and its file.
   *
   * @param node the node's position in the network
   * @param name the node's name, for messages
   * @param tensor the tensor's name ({@link NetworkWeights#WEIGHT}, ...)
   * @param file the file's absolute path
   */
  public record TensorFile(int node, String name, String tensor, String file) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * Reads the files.
   *
   * @throws IllegalStateException naming the file if one cannot be read, is malformed, or no longer
   *     has the contents that were checked
   */
  public NetworkWeights load() {
    NetworkWeights.Builder out = NetworkWeights.builder();
    WeightsDigest digest = new WeightsDigest();
    for (TensorFile t : tensors) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(Path.of(t.file()));
        Tensor tensor = Npy.read(bytes);
        out.put(t.node(), t.tensor(), tensor);
      } catch (IOException | Npy.NpyException e) {
        throw new IllegalStateException(t.name() + "." + t.tensor() + ": " + t.file() + " cannot be read: "
            + e.getMessage(), e);
      }
      digest.add(t.name() + "." + t.tensor(), WeightsDigest.file(bytes));
    }
    if (!digest.hex().equals(this.digest)) {
      throw new IllegalStateException("the weight files of '" + text + "' changed after the experiment was checked;"
          + " run it again");
    }
    return out.build();
  }
}
