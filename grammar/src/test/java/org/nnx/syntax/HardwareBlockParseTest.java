package org.nnx.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HardwareBlockParseTest {

  private static final String TEXT = """
      hardware imc { kind = crossbar, rows = 128, read_latency = 100 ns,
                     crossbar_area = 0.002 mm2, memory_bandwidth = 2 GB/s }
      hardware host {
        kind = cpu
        calibrate = measured
      }
      experiment e { measure latency(imc) }
      """;

  @Test
  void hardwareBlocksParseIntoSettingsWithUnits() {
    ParseResult r = SourceParser.parse("h.nnx", TEXT);
    assertThat(r.errors()).isEmpty();
    List<HardwareNode> hw = r.file().blocks(HardwareNode.class);
    assertThat(hw).extracting(HardwareNode::name).containsExactly("imc", "host");
    assertThat(hw.get(0).settings()).extracting(SettingNode::key)
        .containsExactly("kind", "rows", "read_latency", "crossbar_area", "memory_bandwidth");
    ValueNode.Number latency = (ValueNode.Number) hw.get(0).settings().get(2).value();
    assertThat(latency.value()).isEqualTo(100);
    assertThat(latency.unit()).isEqualTo(Optional.of("ns"));
    assertThat(((ValueNode.Number) hw.get(0).settings().get(3).value()).unit()).isEqualTo(Optional.of("mm2"));
    assertThat(((ValueNode.Number) hw.get(0).settings().get(4).value()).unit()).isEqualTo(Optional.of("GB/s"));
    assertThat(hw.get(1).settings().get(1).value()).isInstanceOf(ValueNode.Word.class);
    assertThat(hw.get(1).nameLocation()).isEqualTo(new Location("h.nnx", 3, 10));
    assertThat(hw.get(0).source()).startsWith("hardware imc {").endsWith("2 GB/s }");
    assertThat(r.file().blocks(ExperimentNode.class)).singleElement().satisfies(e -> assertThat(e.name()).isEqualTo("e"));
  }

  @Test
  void printingAndParsingAgainGivesTheSameSettings() {
    HardwareNode h = SourceParser.parse("h.nnx", TEXT).file().blocks(HardwareNode.class).get(0);
    String printed = SourcePrinter.print(h);
    HardwareNode again = SourceParser.parse("p.nnx", printed).file().blocks(HardwareNode.class).get(0);
    assertThat(again.settings()).extracting(s -> s.key() + " = " + s.value().text())
        .isEqualTo(h.settings().stream().map(s -> s.key() + " = " + s.value().text()).toList());
  }

  @Test
  void hardwareIsStillAnOrdinaryWordInsideBlocks() {
    ParseResult r = SourceParser.parse("h.nnx", "experiment e { data hardware\n measure x(hardware = hardware) }");
    assertThat(r.errors()).isEmpty();
  }

  @Test
  void aMisspeltBlockKeywordIsSuggested() {
    ParseResult r = SourceParser.parse("h.nnx", "hardwar x { kind = cpu }");
    assertThat(r.errors()).extracting(Diagnostic::format)
        .containsExactly("h.nnx:1:1: error: unknown block 'hardwar' (did you mean 'hardware'?)");
  }
}
