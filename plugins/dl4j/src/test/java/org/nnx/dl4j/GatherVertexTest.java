package org.nnx.dl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GatherVertexTest {

  /** Naive forward: out[b, j, ...] = concat(inputs)[b, idx[j], ...], element by element. */
  private static double[][][] naiveForward(INDArray[] inputs, int[] idx) {
    int batch = (int) inputs[0].size(0);
    int inner = inner(inputs[0]);
    double[][][] out = new double[batch][idx.length][inner];
    for (int b = 0; b < batch; b++) {
      for (int j = 0; j < idx.length; j++) {
        int c = idx[j];
        int k = 0;
        while (c >= inputs[k].size(1)) {
          c -= (int) inputs[k].size(1);
          k++;
        }
        for (int s = 0; s < inner; s++) {
          out[b][j][s] = value(inputs[k], b, c, s);
        }
      }
    }
    return out;
  }

  private static int inner(INDArray a) {
    return a.rank() == 2 ? 1 : (int) (a.size(2) * a.size(3));
  }

  private static double value(INDArray a, int b, int c, int s) {
    return a.rank() == 2 ? a.getDouble(b, c) : a.getDouble(b, c, s / a.size(3), s % a.size(3));
  }

  private static INDArray random(Random r, DataType type, char order, long... shape) {
    INDArray a = Nd4j.create(type, shape, order);
    for (long i = 0; i < a.length(); i++) {
      a.putScalar(i, r.nextGaussian());
    }
    return a;
  }

  private static void check(DataType type, int[] idx, INDArray... inputs) {
    GatherVertexImpl v = new GatherVertexImpl(null, "g", 0, idx, type);
    v.setInputVertices(new org.deeplearning4j.nn.graph.vertex.VertexIndices[inputs.length]);
    LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
    for (int k = 0; k < inputs.length; k++) {
      v.setInput(k, inputs[k], mgr);
    }
    INDArray out = v.doForward(true, mgr);
    double[][][] expected = naiveForward(inputs, idx);
    assertThat(out.size(1)).isEqualTo(idx.length);
    for (int b = 0; b < expected.length; b++) {
      for (int j = 0; j < idx.length; j++) {
        for (int s = 0; s < expected[b][j].length; s++) {
          assertThat(value(out, b, j, s)).isEqualTo(expected[b][j][s]);
        }
      }
    }
    // backward: the adjoint. For random dOut, <dOut, gather(x)> == <scatter(dOut), x> for every x,
    // and directly: dIn[b, c, s] = sum over j with idx[j] == c of dOut[b, j, s].
    Random r = new Random(11);
    INDArray eps = random(r, type, 'f', out.shape());
    v.setEpsilon(eps);
    INDArray[] grads = v.doBackward(false, mgr).getSecond();
    assertThat(grads).hasSize(inputs.length);
    int offset = 0;
    for (int k = 0; k < inputs.length; k++) {
      assertThat(grads[k].shape()).isEqualTo(inputs[k].shape());
      for (int b = 0; b < inputs[k].size(0); b++) {
        for (int c = 0; c < inputs[k].size(1); c++) {
          for (int s = 0; s < inner(inputs[k]); s++) {
            double sum = 0;
            for (int j = 0; j < idx.length; j++) {
              if (idx[j] == offset + c) {
                sum += value(eps, b, j, s);
              }
            }
            assertThat(value(grads[k], b, c, s)).isCloseTo(sum, org.assertj.core.data.Offset.offset(1e-12));
          }
        }
      }
      offset += (int) inputs[k].size(1);
    }
  }

  @Test
  void featureVectorsFromSeveralInputsMatchTheNaiveGatherAndScatterAdd() {
    Random r = new Random(1);
    check(DataType.DOUBLE, new int[] {0, 3, 7, 2, 9}, random(r, DataType.DOUBLE, 'c', 4, 3),
        random(r, DataType.DOUBLE, 'c', 4, 5), random(r, DataType.DOUBLE, 'c', 4, 2));
    check(DataType.FLOAT, new int[] {9, 0, 4}, random(r, DataType.FLOAT, 'c', 3, 6),
        random(r, DataType.FLOAT, 'c', 3, 4));
  }

  @Test
  void repeatedIndicesAddTheirGradients() {
    Random r = new Random(2);
    check(DataType.DOUBLE, new int[] {1, 1, 4, 1, 0}, random(r, DataType.DOUBLE, 'c', 2, 3),
        random(r, DataType.DOUBLE, 'c', 2, 3));
  }

  @Test
  void columnMajorAndViewInputsAreReadCorrectly() {
    Random r = new Random(3);
    INDArray wide = random(r, DataType.FLOAT, 'c', 5, 10);
    INDArray view = wide.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
        org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 8));
    check(DataType.FLOAT, new int[] {5, 0, 8, 3}, random(r, DataType.FLOAT, 'f', 5, 4), view);
  }

  @Test
  void convolutionalChannelsAreGatheredWithTheirWholeFeatureMaps() {
    Random r = new Random(4);
    check(DataType.DOUBLE, new int[] {4, 0, 2, 5}, random(r, DataType.DOUBLE, 'c', 2, 3, 4, 5),
        random(r, DataType.DOUBLE, 'c', 2, 3, 4, 5));
    check(DataType.FLOAT, new int[] {1, 2}, random(r, DataType.FLOAT, 'f', 3, 4, 2, 2));
  }

  @Test
  void outputTypesFollowTheInputKind() {
    GatherVertex g = new GatherVertex(new int[] {0, 5, 2});
    assertThat(g.getOutputType(0, InputType.feedForward(4), InputType.feedForward(3)))
        .isEqualTo(InputType.feedForward(3));
    assertThat(g.getOutputType(0, InputType.convolutional(7, 7, 4), InputType.convolutional(7, 7, 2)))
        .isEqualTo(InputType.convolutional(7, 7, 3));
    assertThatThrownBy(() -> g.getOutputType(0, InputType.feedForward(5)))
        .hasMessageContaining("outside the 5 input channels");
    assertThatThrownBy(() -> g.getOutputType(0, InputType.convolutional(7, 7, 4), InputType.convolutional(6, 7, 4)))
        .hasMessageContaining("unequal sizes");
    assertThat(g.numParams(true)).isZero();
    assertThat(g.clone()).isEqualTo(g).isNotSameAs(g);
  }
}
