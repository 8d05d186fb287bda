package org.nnx.syntax;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SourceParserTest {

  private static Path examples() {
    return Path.of(System.getProperty("nnx.repository.root", "..")).resolve("examples");
  }

  @TestFactory
  Stream<DynamicTest> everyExampleParses() throws IOException {
    return Stream.of("", "custom-metric", "networks").flatMap(SourceParserTest::list)
        .filter(f -> f.toString().endsWith(".nnx")).sorted()
        .map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> {
          ParseResult result = SourceParser.parse(f.toString(), Files.readString(f));
          assertThat(result.errors()).isEmpty();
          assertThat(result.file().blocks(ExperimentNode.class).size() + result.file().blocks(SearchNode.class).size()).as("runnable blocks")
              .isPositive();
        }));
  }

  private static Stream<Path> list(String folder) {
    try {
      return Files.list(examples().resolve(folder));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void valuesGetTheirKinds() {
    ExperimentNode e = parse("""
        experiment x {
          architectures {
            a: f(i = 8, r = -1.5e-3, s = "q\\"x", b = true, w = relu, l = [1, {2, 3}], set = {4, 5},
                 range = 0..14 step 2, c = cell(width = 1), q = 2 GB/s)
          }
          measure m
        }
        """);
    CallNode call = e.architectures().get(0).family();
    assertThat(call.arguments()).extracting(a -> a.value().getClass().getSimpleName()).containsExactly(
        "Number", "Number", "Text", "Bool", "Word", "ListOf", "SetSweep", "RangeSweep", "CallNode", "Number");
    assertThat(((ValueNode.Number) call.arguments().get(1).value()).value()).isEqualTo(-1.5e-3);
    assertThat(((ValueNode.Text) call.arguments().get(2).value()).value()).isEqualTo("q\"x");
    ValueNode.RangeSweep range = (ValueNode.RangeSweep) call.arguments().get(7).value();
    assertThat(range.from()).isZero();
    assertThat(range.to()).isEqualTo(14);
    assertThat(range.step()).isEqualTo(2);
    assertThat(((ValueNode.Number) call.arguments().get(9).value()).unit()).contains("GB/s");
  }

  @Test
  void aByteOrderMarkIsNotPartOfTheFileAndDeepNestingIsRefusedWithItsPlace() {
    ParseResult bom = SourceParser.parse("b.nnx", "\uFEFFexperiment x {\n  architectures { a: f() }\n  measure m\n}\n");
    assertThat(bom.errors()).isEmpty();
    String deep = "experiment x {\n  architectures { a: f(l = " + "[".repeat(5000) + "1" + "]".repeat(5000) + ") }\n  measure m\n}";
    ParseResult nested = SourceParser.parse("d.nnx", deep);
    assertThat(nested.errors()).extracting(Diagnostic::format)
        .containsExactly("d.nnx:2:" + (25 + SourceParser.MAX_NESTING) + ": error: nested more than 100 levels deep"
            + " (write the value with less nesting (a flat list, or a network block for deep structures))");
    String minus = "search s {\n variables { x in [0, 1] }\n minimize " + "-".repeat(50_000) + "x\n}";
    assertThat(SourceParser.parse("m.nnx", minus).errors()).isNotEmpty();
  }

  /** A file past the size limit is refused at its first character, before a token is made; one just below parses. */
  @Test
  void aFileLongerThanTheLimitIsRefusedBeforeItIsParsed() {
    String one = "experiment e {\n  architectures { n: f(w = 4) }\n  measure m\n}\n";
    StringBuilder text = new StringBuilder();
    while (text.length() + one.length() <= SourceParser.MAX_CHARS) {
      text.append(one.replace("experiment e", "experiment e" + text.length()));
    }
    ParseResult fits = SourceParser.parse("ok.nnx", text.toString());
    assertThat(fits.errors()).isEmpty();
    assertThat(fits.file().blocks()).hasSizeGreaterThan(50_000);
    text.append(one);
    assertThat(SourceParser.parse("big.nnx", text.toString()).errors()).extracting(Diagnostic::format)
        .singleElement().asString().startsWith("big.nnx:1:1: error: the file has 4.0 million characters, more than"
            + " nnx reads (4 million)").contains("split it into several files");
  }

  @Test
  void combinationsJoinNamesAndCallsWithPlus() {
    ExperimentNode e = parse("""
        experiment x {
          architectures { a: f() }
          measure m(code = sign + adaptive + repeat(r = 2), set = {naive, sign + split(cells = 3)})
        }
        """);
    CallNode call = e.measures().get(0).call();
    ValueNode.Sum sum = (ValueNode.Sum) call.arguments().get(0).value();
    assertThat(sum.text()).isEqualTo("sign + adaptive + repeat(r = 2)");
    assertThat(sum.parts()).extracting(v -> v.getClass().getSimpleName()).containsExactly("Word", "Word", "CallNode");
    assertThat(sum.location().column()).isEqualTo(20);
    ValueNode.SetSweep set = (ValueNode.SetSweep) call.arguments().get(1).value();
    assertThat(set.elements()).extracting(ValueNode::text).containsExactly("naive", "sign + split(cells = 3)");
  }

  @Test
  void entriesAreSeparatedByNewLinesOrCommasAndCommentsAreSkipped() {
    ExperimentNode e = parse("experiment x { seed 3, repeats 2 /* c */ , architectures { a: f(), b: g() }\n"
        + "// comment\n measure m1, m2(k = 1)\n report { table(a), table(b) } }");
    assertThat(e.seed().get().longValue()).isEqualTo(3);
    assertThat(e.repeats().get().longValue()).isEqualTo(2);
    assertThat(e.architectures()).extracting(ArchitectureNode::label).containsExactly("a", "b");
    assertThat(e.measures()).extracting(MeasureNode::text).containsExactly("m1", "m2(k = 1)");
    assertThat(e.reports()).hasSize(2);
    ExperimentNode spaced = parse("experiment x { architectures { a: f() }\n measure m\n report { table(a) plot(m, a) } }");
    assertThat(spaced.reports()).extracting(CallNode::name).containsExactly("table", "plot");
  }

  @Test
  void locationsAreOneBasedLineAndColumn() {
    ExperimentNode e = parse("experiment x {\n  architectures { m: f(width = 8) }\n  measure nn_mas\n}\n");
    assertThat(e.measures().get(0).location()).isEqualTo(new Location("t.nnx", 3, 11));
    assertThat(e.architectures().get(0).family().arguments().get(0).value().location())
        .isEqualTo(new Location("t.nnx", 2, 32));
  }

  @Test
  void everySyntaxErrorIsReportedOnePerLine() {
    ParseResult result = SourceParser.parse("t.nnx", "experiment x {\n  seed = 1\n  measure a b c\n  title 5\n}\n");
    assertThat(result.errors()).extracting(d -> d.location().line()).containsExactly(2, 3, 4);
    assertThat(result.errors()).allSatisfy(d -> assertThat(d.format()).startsWith("t.nnx:"));
  }

  @Test
  void printingAndParsingAgainGivesTheSameText() {
    ExperimentNode e = parse("""
        experiment x {
          title "T"
          seed 4
          data synthetic(shape = circle)
          architectures {
            a: dense_mlp(width = 8, depth = {4, 8}, tc = 0..14 step 2, inputs = 784, classes = 10)
          }
          train {
            batch = 64
          }
          measure nn_mass, ldi(samples = 10)
          report {
            table(depth, nn_mass)
            table(tc)
          }
        }
        """);
    String printed = SourcePrinter.print(e);
    assertThat(SourcePrinter.print(parse(printed))).isEqualTo(printed);
    assertThat(printed).contains("tc = 0..14 step 2").contains("depth = {4, 8}");
  }

  @Test
  void aStandaloneValueParses() {
    SourceParser.ValueResult ok = SourceParser.parseValue("--set x", "{8, 16}");
    assertThat(ok.errors()).isEmpty();
    assertThat(ok.value()).isInstanceOf(ValueNode.SetSweep.class);
    SourceParser.ValueResult bad = SourceParser.parseValue("--set x", "{8, ");
    assertThat(bad.errors()).isNotEmpty();
    assertThat(bad.errors().get(0).location().file()).isEqualTo("--set x");
  }

  @Test
  void suggestionsPickTheClosestName() {
    assertThat(Suggestions.closest("nn_mas", java.util.List.of("nn_density", "nn_mass", "params"))).contains("nn_mass");
    assertThat(Suggestions.closest("xyz", java.util.List.of("nn_mass"))).isEmpty();
    assertThat(Suggestions.distance("ab", "ba")).isEqualTo(1);
  }

  private static ExperimentNode parse(String text) {
    ParseResult result = SourceParser.parse("t.nnx", text);
    assertThat(result.errors()).isEmpty();
    return result.file().blocks(ExperimentNode.class).get(0);
  }
}
