package org.nnx.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.nnx.data.BatchTransform;
import org.nnx.data.InputEncoding;
import org.nnx.ir.TensorShape;
import org.nnx.plugin.TrialInputs;

/** Several {@link org.nnx.plugin.TrainingInput} settings of one {@code train} block as one: applied in the order written. */
final class TrainingInputs {

  private TrainingInputs() {}

  /** The inputs in order: encodings one after the other, then minibatch transforms one after the other. */
  static TrialInputs combine(List<TrialInputs> parts) {
    List<InputEncoding> encodings = new ArrayList<>();
    List<BatchTransform> batches = new ArrayList<>();
    for (TrialInputs p : parts) {
      if (p.encoding() != InputEncoding.NONE) {
        encodings.add(p.encoding());
      }
      p.batches().ifPresent(batches::add);
    }
    InputEncoding encoding = encodings.isEmpty() ? InputEncoding.NONE
        : encodings.size() == 1 ? encodings.get(0) : chain(encodings);
    Optional<BatchTransform> batch = batches.isEmpty() ? Optional.empty()
        : Optional.of(batches.size() == 1 ? batches.get(0) : (b, n, shape, random) -> {
          for (BatchTransform t : batches) {
            t.apply(b, n, shape, random);
          }
        });
    return new TrialInputs(encoding, batch);
  }

  private static InputEncoding chain(List<InputEncoding> encodings) {
    return new InputEncoding() {
      @Override
      public TensorShape shape(TensorShape example) {
        TensorShape s = example;
        for (InputEncoding e : encodings) {
          s = e.shape(s);
        }
        return s;
      }

      @Override
      public void encode(float[] in, int inOffset, float[] out, int outOffset, TensorShape example) {
        float[] current = in;
        int offset = inOffset;
        TensorShape shape = example;
        for (int i = 0; i < encodings.size(); i++) {
          InputEncoding e = encodings.get(i);
          TensorShape next = e.shape(shape);
          boolean last = i == encodings.size() - 1;
          float[] target = last ? out : new float[Math.toIntExact(next.size())];
          e.encode(current, offset, target, last ? outOffset : 0, shape);
          current = target;
          offset = 0;
          shape = next;
        }
      }

      @Override
      public String describe() {
        return String.join(" then ", encodings.stream().map(InputEncoding::describe).toList());
      }
    };
  }
}
