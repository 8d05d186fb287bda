package org.nnx.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CodesignBlockParseTest {

  private static final String TEXT = """
      experiment s {
        architectures {
          net: cells(cells = [cell(width = 8..64 step 4, depth = 4..16, tc = 0..32)]) sample 35
          fixed: dense_mlp(width = 8)
        }
        measure nn_degree
      }
      codesign c {
        samples = s, holdout = 10
        target = imc(rows = {64, 128}, tiles = 16..512 step 16)
        max_latency = 20 us
      }
      """;

  @Test
  void sampledDeclarationsAndCodesignBlocksParse() {
    ParseResult r = SourceParser.parse("c.nnx", TEXT);
    assertThat(r.errors()).isEmpty();
    ExperimentNode s = r.file().blocks(ExperimentNode.class).get(0);
    assertThat(s.architectures().get(0).sample()).map(ValueNode.Number::longValue).isEqualTo(Optional.of(35L));
    assertThat(s.architectures().get(1).sample()).isEmpty();
    CodesignNode c = r.file().blocks(CodesignNode.class).get(0);
    assertThat(c.name()).isEqualTo("c");
    assertThat(c.settings()).extracting(SettingNode::key).containsExactly("samples", "holdout", "target", "max_latency");
    assertThat(c.settings().get(2).value().text()).isEqualTo("imc(rows = {64, 128}, tiles = 16..512 step 16)");
    assertThat(c.source()).startsWith("codesign c {");
  }

  @Test
  void theSampleCountIsPrintedAndKeptByOverrides() {
    ExperimentNode s = SourceParser.parse("c.nnx", TEXT).file().blocks(ExperimentNode.class).get(0);
    String printed = SourcePrinter.print(s);
    assertThat(printed).contains("net: cells(cells = [cell(width = 8..64 step 4, depth = 4..16, tc = 0..32)]) sample 35");
    assertThat(SourceParser.parse("p.nnx", printed).file().blocks(ExperimentNode.class).get(0).architectures().get(0).sample())
        .isPresent();
    ArchitectureNode a = s.architectures().get(0);
    assertThat(a.withFamily(s.architectures().get(1).family()).sample()).isEqualTo(a.sample());
  }

  @Test
  void theNewKeywordsAreStillWords() {
    assertThat(SourceParser.parse("c.nnx", "experiment e { data codesign\n measure sample(codesign = sample) }").errors())
        .isEmpty();
  }
}
