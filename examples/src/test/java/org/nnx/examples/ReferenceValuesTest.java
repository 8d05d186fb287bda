package org.nnx.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./nnx run examples/nnmass-zoo.nnx} reproduces the values the NN-Mass authors' code
 * computes (the repository's {@code reference/nnmass-official/nnmass-official-values.json}): NN-Mass to 1e-9 relative,
 * parameter and FLOP counts exactly.
 */
class ReferenceValuesTest {

  @TempDir
  Path out;

  @Test
  void theZooMatchesTheAuthorsCode() throws IOException {
    Path reference = Cli.root().resolve("reference/nnmass-official/nnmass-official-values.json");
    assertThat(reference).as("reference values").exists();
    String json = Files.readString(reference);
    Cli result = Cli.run("run", "-q", Cli.root().resolve("examples/nnmass-zoo.nnx").toString(), "--out", out.toString());
    assertThat(result.status()).as(result.err()).isZero();
    Map<String, Map<String, String>> rows = new HashMap<>();
    for (Map<String, String> row : org.nnx.report.CsvTable.read(out.resolve("results.csv"))) {
      rows.put(row.get("architecture"), row);
    }

    // dense_mlp(width 8, depth 8, tc 10, 784 inputs, 10 classes)
    Map<String, String> mlp = object(json, "\"width\": 8,\\s*\"depth\": 8,\\s*\"tc\": 10");
    assertClose(rows.get("mlp").get("nn_mass"), mlp.get("nn_mass"));
    assertClose(rows.get("mlp").get("nn_density"), mlp.get("density"));
    assertThat(rows.get("mlp").get("params")).isEqualTo(mlp.get("params"));
    assertThat(rows.get("mlp").get("flops")).isEqualTo(mlp.get("flops"));

    Map<String, String> cnn = object(json, "\"cell_depth\": 8,");
    assertClose(rows.get("cnn").get("nn_mass"), cnn.get("nn_mass"));
    assertThat(rows.get("cnn").get("params")).isEqualTo(cnn.get("params"));
    assertThat(rows.get("cnn").get("nn_density_cells")).isEqualTo("0.08928571428571429;0.08928571428571429;0.08928571428571429");

    Map<String, String> cnn13 = object(json, "\"cell_depth\": 13,");
    assertClose(rows.get("cnn13").get("nn_mass"), cnn13.get("nn_mass"));
    assertThat(rows.get("cnn13").get("params")).isEqualTo(cnn13.get("params"));
    assertThat(rows.get("cnn13").get("nn_density_cells"))
        .isEqualTo("0.20454545454545456;0.20454545454545456;0.16276041666666666");

    for (String[] named : List.of(new String[] {"r18", "resnet18"}, new String[] {"r50", "resnet50"},
        new String[] {"wrn", "wide_resnet50_2"}, new String[] {"mb2", "mobilenet_v2"})) {
      Map<String, String> expected = object(json, "\"name\": \"" + named[1] + "\"");
      assertClose(rows.get(named[0]).get("nn_mass"), expected.get("nn_mass"));
      assertThat(rows.get(named[0]).get("params")).as(named[0]).isEqualTo(expected.get("params"));
    }
  }

  private static void assertClose(String actual, String expected) {
    double e = Double.parseDouble(expected);
    assertThat(Double.parseDouble(actual)).isCloseTo(e, within(Math.abs(e) * 1e-9));
  }

  /** The numeric fields of the reference JSON object that contains {@code marker}. */
  private static Map<String, String> object(String json, String marker) {
    Matcher m = Pattern.compile(marker).matcher(json);
    assertThat(m.find()).as("reference entry " + marker).isTrue();
    int start = json.lastIndexOf('{', m.start());
    int end = json.indexOf('}', m.end());
    Map<String, String> fields = new HashMap<>();
    Matcher f = Pattern.compile("\"(\\w+)\":\\s*(-?[0-9.eE+-]+)").matcher(json.substring(start, end));
    while (f.find()) {
      fields.put(f.group(1), f.group(2).endsWith(".0") ? f.group(2).substring(0, f.group(2).length() - 2) : f.group(2));
    }
    return fields;
  }
}
