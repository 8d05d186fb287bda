package org.nnx.examples;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import java.util.List;
import java.util.Optional;
import org.nnx.data.DataLocations;
import org.nnx.data.DataShape;
import org.nnx.data.Dataset;
import org.nnx.data.DatasetProvider;
import org.nnx.ir.TensorShape;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.NnxPlugin;
import org.nnx.plugin.Registrations;

/**
 * A test-only plugin: {@code random_images(channels, size, classes, train, test)}, square images of
 * uniform pixels labelled by a fixed random linear rule (seeded), so that CNNs train on real
 * minibatches in tests without a data set on disk.
 */
public final class RandomImagesPlugin implements NnxPlugin {

  /** The data set. */
  public static final class RandomImages implements DatasetProvider {
    private static final List<ParameterSpec> PARAMETERS = List.of(
        ParameterSpec.optional("channels", ParamType.integer(1, 8), 1L, "channels"),
        ParameterSpec.optional("size", ParamType.integer(2, 64), 8L, "height and width"),
        ParameterSpec.optional("classes", ParamType.integer(2, 100), 4L, "classes"),
        ParameterSpec.optional("train", ParamType.integer(1, 100_000), 256L, "training examples"),
        ParameterSpec.optional("test", ParamType.integer(1, 100_000), 128L, "test examples"));

    public String name() {
      return "random_images";
    }

    public String description() {
      return "test only: random images labelled by a random linear rule";
    }

    public List<ParameterSpec> parameters() {
      return PARAMETERS;
    }

    public Optional<DataShape> shape(Parameters o) {
      return Optional.of(new DataShape(new TensorShape(o.getInt("channels"), o.getInt("size"), o.getInt("size")),
          o.getInt("classes")));
    }

    public Dataset load(Parameters o, DataLocations locations) {
      TensorShape shape = new TensorShape(o.getInt("channels"), o.getInt("size"), o.getInt("size"));
      return NetworkEquivalenceTest.images(shape, o.getInt("classes"), o.getInt("train"), o.getInt("test"), 17);
    }
  }

  public String name() {
    return "random-images-test";
  }

  public String version() {
    return "1";
  }

  public Module module() {
    return new AbstractModule() {
      @Override
      protected void configure() {
        Registrations.datasets(binder()).addBinding().to(RandomImages.class);
      }
    };
  }
}
