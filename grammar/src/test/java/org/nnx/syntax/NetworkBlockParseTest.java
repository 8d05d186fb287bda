package org.nnx.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NetworkBlockParseTest {

  private static final String TEXT = """
      block basic(planes, stride = 1) {
        residual(projection = conv) {
          conv2d(planes, 3, stride = stride, padding = 1, bias = false)
          batch_norm, relu
        }
        relu
      }
      network net(width = 16, rate = 0.5, deep = true) {
        input [3, 32, 32]
        stem = conv2d(width * 2, kernel = 3) as first
        repeat depth / 3 { basic(width) }
        dense_cell(depth = 4, tc = 2) {
          layer 0 { conv2d(width, 1) }
          layer { relu, conv2d(width, 3, padding = 1) }
          last { conv2d(width, 1) }
        }
        add(stem)
        global_avg_pool
        dense(round(in_channels * rate))
      }
      experiment x {
        architectures {
          a: net(width = 8) weights npy("w", first.weight = "w.npy")
          b: net() init "runs/x/weights/trial-0-repeat-0"
        }
        measure params
      }
      """;

  @Test
  void networksAndBlocksParseIntoTheirSteps() {
    ParseResult r = SourceParser.parse("n.nnx", TEXT);
    assertThat(r.errors()).isEmpty();
    List<NetworkNode> nets = r.file().blocks(NetworkNode.class);
    assertThat(nets).extracting(NetworkNode::keyword).containsExactly("block", "network");
    NetworkNode block = nets.get(0);
    assertThat(block.parameters()).extracting(NetworkNode.Param::name).containsExactly("planes", "stride");
    assertThat(block.parameters().get(0).defaultValue()).isEmpty();
    assertThat(block.parameters().get(1).defaultValue().map(ExprNode::text)).contains("1");
    NetworkNode.Step residual = (NetworkNode.Step) block.body().get(0);
    NetworkNode.Residual res = (NetworkNode.Residual) residual.action();
    assertThat(res.arguments().get(0).name()).isEqualTo("projection");
    assertThat(res.body()).hasSize(3);

    NetworkNode net = nets.get(1);
    assertThat(net.parameters().get(2).defaultValue().get()).isInstanceOf(ExprNode.Bool.class);
    assertThat(net.body().get(0)).isInstanceOf(NetworkNode.Input.class);
    assertThat(((NetworkNode.Input) net.body().get(0)).shape()).hasSize(3);
    NetworkNode.Step stem = (NetworkNode.Step) net.body().get(1);
    assertThat(stem.name()).contains("stem");
    NetworkNode.Layer conv = (NetworkNode.Layer) stem.action();
    assertThat(conv.label()).contains("first");
    assertThat(conv.arguments().get(0).value().text()).isEqualTo("width * 2");
    assertThat(conv.arguments().get(1).name()).isEqualTo("kernel");
    NetworkNode.Repeat repeat = (NetworkNode.Repeat) ((NetworkNode.Step) net.body().get(2)).action();
    assertThat(repeat.count().text()).isEqualTo("depth / 3");
    NetworkNode.DenseCell cell = (NetworkNode.DenseCell) ((NetworkNode.Step) net.body().get(3)).action();
    assertThat(cell.layers()).extracting(c -> c.index().isPresent() ? c.index().getAsInt() : -1)
        .containsExactly(0, -1, -1);
    assertThat(cell.layers().get(2).last()).isTrue();
    NetworkNode.Layer relu = (NetworkNode.Layer) ((NetworkNode.Step) net.body().get(5)).action();
    assertThat(relu.parenthesized()).isFalse();
    assertThat(net.source()).startsWith("network net(").endsWith("}");

    ExperimentNode x = r.file().blocks(ExperimentNode.class).get(0);
    ArchitectureNode.Weights w = x.architectures().get(0).weights().orElseThrow();
    assertThat(w.init()).isFalse();
    assertThat(w.source().text()).isEqualTo("npy(\"w\", first.weight = \"w.npy\")");
    assertThat(x.architectures().get(1).weights().orElseThrow().init()).isTrue();
    assertThat(x.architectures().get(1).text()).isEqualTo("b: net() init \"runs/x/weights/trial-0-repeat-0\"");
  }

  @Test
  void aNetworkWithoutParenthesesHasNoParameters() {
    ParseResult r = SourceParser.parse("n.nnx", "network n { input 4\n dense(2) }");
    assertThat(r.errors()).isEmpty();
    assertThat(r.file().blocks(NetworkNode.class).get(0).parameters()).isEmpty();
  }
}
