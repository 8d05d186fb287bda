package org.nnx.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.nnx.model.NetworkWeights;
import org.nnx.model.Npy;
import org.nnx.model.Tensor;
import org.nnx.model.TrainingRun;

/**
 * A {@link TrainingRun} as one file: a zip archive that NumPy reads as an {@code .npz} ({@code
 * numpy.load}), holding one {@code NODE.TENSOR.npy} entry per tensor (node id, PyTorch's tensor
 * name) and {@code training.properties} with what the run measured.
 */
final class ModelArchive {

  private static final String STATS = "training.properties";

  private ModelArchive() {}

  static byte[] write(TrainingRun run) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.setLevel(Deflater.BEST_SPEED);
      NetworkWeights w = run.weights();
      for (int node : w.nodes()) {
        for (Map.Entry<String, Tensor> t : w.tensors(node).entrySet()) {
          zip.putNextEntry(new ZipEntry(node + "." + t.getKey() + ".npy"));
          zip.write(Npy.write(t.getValue()));
          zip.closeEntry();
        }
      }
      Properties p = new Properties();
      p.setProperty("train_loss", Double.toString(run.trainLoss()));
      p.setProperty("train_time_s", Double.toString(run.trainTimeSeconds()));
      p.setProperty("train_cpu_s", Double.toString(run.trainCpuSeconds()));
      p.setProperty("iterations", Long.toString(run.iterations()));
      p.setProperty("train_examples", Integer.toString(run.trainExamples()));
      StringWriter text = new StringWriter();
      p.store(text, "nnx training run");
      zip.putNextEntry(new ZipEntry(STATS));
      zip.write(text.toString().getBytes(StandardCharsets.ISO_8859_1));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /**
   * @throws IOException if the archive is truncated, corrupt, or lacks its statistics
   */
  static TrainingRun read(byte[] archive) throws IOException {
    NetworkWeights.Builder weights = NetworkWeights.builder();
    Properties stats = null;
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        byte[] data = zip.readAllBytes();
        if (e.getName().equals(STATS)) {
          stats = new Properties();
          stats.load(new StringReader(new String(data, StandardCharsets.ISO_8859_1)));
          continue;
        }
        String name = e.getName();
        if (!name.endsWith(".npy") || name.indexOf('.') < 0) {
          throw new IOException("unexpected entry " + name);
        }
        String stem = name.substring(0, name.length() - 4);
        int dot = stem.indexOf('.');
        try {
          weights.put(Integer.parseInt(stem.substring(0, dot)), stem.substring(dot + 1), Npy.read(data));
        } catch (NumberFormatException | Npy.NpyException ex) {
          throw new IOException("entry " + name + ": " + ex.getMessage(), ex);
        }
      }
    }
    if (stats == null) {
      throw new IOException("no " + STATS + " in the archive (truncated?)");
    }
    try {
      return new TrainingRun(weights.build(), Double.parseDouble(stats.getProperty("train_loss")),
          Double.parseDouble(stats.getProperty("train_time_s")), Double.parseDouble(stats.getProperty("train_cpu_s")),
          Long.parseLong(stats.getProperty("iterations")), Integer.parseInt(stats.getProperty("train_examples")));
    } catch (RuntimeException e) {
      throw new IOException("bad " + STATS + ": " + e.getMessage(), e);
    }
  }
}
