package org.nnx.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nnx.hardware.Cost;
import org.nnx.hardware.CostModel;
import org.nnx.hardware.HardwareModel;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.run.TestPlugins;
import org.nnx.param.Dimension;
import org.nnx.plugin.LoadedPlugins;
import org.nnx.plugin.Metric;
import org.nnx.plugin.MetricResult;
import org.nnx.param.ParamType;
import org.nnx.param.ParameterSpec;
import org.nnx.param.Parameters;
import org.nnx.plugin.PluginRegistry;
import org.nnx.plugin.Registrations;
import org.nnx.plugin.TrialContext;
import org.nnx.syntax.Diagnostic;
import org.nnx.syntax.ParseResult;
import org.nnx.syntax.SourceParser;
import org.nnx.syntax.UserInputException;

/** Hardware blocks, quantities with units and references to blocks, through the resolver. */
class HardwareBlockTest {

  /** A model whose settings cover every dimension. */
  static final class Probe implements HardwareModel {
    public String kind() {
      return "probe";
    }

    public String description() {
      return "test";
    }

    public List<ParameterSpec> parameters() {
      return List.of(
          ParameterSpec.optional("t", ParamType.positive(Dimension.TIME), 1.0, "time"),
          ParameterSpec.optional("f", ParamType.positive(Dimension.FREQUENCY), 1.0, "frequency"),
          ParameterSpec.optional("e", ParamType.nonNegative(Dimension.ENERGY), 0.0, "energy"),
          ParameterSpec.optional("p", ParamType.nonNegative(Dimension.POWER), 0.0, "power"),
          ParameterSpec.optional("a", ParamType.nonNegative(Dimension.AREA), 0.0, "area"),
          ParameterSpec.optional("d", ParamType.nonNegative(Dimension.DATA), 0.0, "data"),
          ParameterSpec.optional("bw", ParamType.positive(Dimension.BANDWIDTH), 1.0, "bandwidth"),
          ParameterSpec.optional("n", ParamType.integerAtLeast(1), 1L, "count"));
    }

    public CostModel configure(String target, Parameters settings) {
      return network -> new Cost(settings.getDouble("t"), 0, 0, List.of());
    }
  }

  /** {@code cost(T)}: the latency of the target. */
  static final class CostProbe implements Metric {
    public String name() {
      return "cost";
    }

    public String description() {
      return "test";
    }

    public List<ParameterSpec> parameters() {
      return List.of(ParameterSpec.required("target", new ParamType.Reference("hardware"), "target"));
    }

    public MetricResult compute(TrialContext trial, Parameters options) {
      return MetricResult.of("cost", 0);
    }
  }

  private final TestPlugins plugins = TestPlugins.of(new AbstractModule() {
    @Override
    protected void configure() {
      Registrations.families(binder()).addBinding().to(ExperimentResolverTest.ChainFamily.class);
      Registrations.hardware(binder()).addBinding().to(Probe.class);
      Registrations.metrics(binder()).addBinding().to(CostProbe.class);
    }
  });

  private static final String EXPERIMENT =
      "experiment e {\n  architectures { c: chain(widths = [4], inputs = 3, classes = 2) }\n  measure cost(x)\n}\n";

  private List<Experiment> resolve(String text) throws UserInputException {
    return plugins.resolve("h.nnx", text).blocks(Experiment.class);
  }

  private List<String> errors(String text) {
    try {
      resolve(text);
    } catch (UserInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
    throw new AssertionError("no errors for " + text);
  }

  @Test
  void quantitiesAreConvertedToSiBaseUnits() throws UserInputException {
    Experiment e = resolve("hardware x { kind = probe, t = 100 ns, f = 1.2 GHz, e = 2 pJ, p = 3 mW, a = 0.002 mm2,"
        + " d = 2 KiB, bw = 2 GB/s, n = 4 }\n" + EXPERIMENT).get(0);
    MetricRequest m = e.metrics().get(0);
    assertThat(m.column()).isEqualTo("cost(x)");
    HardwareTarget x = (HardwareTarget) m.options().get("target");
    Parameters s = x.settings();
    assertThat(s.getDouble("t")).isCloseTo(1e-7, within(1e-22));
    assertThat(s.getDouble("f")).isCloseTo(1.2e9, within(1e-6));
    assertThat(s.getDouble("e")).isCloseTo(2e-12, within(1e-27));
    assertThat(s.getDouble("p")).isCloseTo(3e-3, within(1e-18));
    assertThat(s.getDouble("a")).isCloseTo(2e-9, within(1e-24));
    assertThat(s.getDouble("d")).isEqualTo(2048.0);
    assertThat(s.getDouble("bw")).isEqualTo(2e9);
    assertThat(s.getLong("n")).isEqualTo(4L);
    assertThat(x.costModel().estimate(null).latency()).isCloseTo(1e-7, within(1e-22));
    assertThat(e.source()).startsWith("hardware x { kind = probe").contains("experiment e {");
  }

  @Test
  void everyDimensionListsItsUnitsAndConvertsThem() {
    assertThat(Dimension.TIME.factor("us")).contains(1e-6);
    assertThat(Dimension.ENERGY.factor("nJ")).contains(1e-9);
    assertThat(Dimension.AREA.factor("um2")).contains(1e-12);
    assertThat(Dimension.BANDWIDTH.factor("MiB/s")).contains(1024.0 * 1024);
    assertThat(Dimension.TIME.factor("pJ")).isEmpty();
    assertThat(Dimension.of("GHz")).contains(Dimension.FREQUENCY);
    assertThat(Dimension.of("furlong")).isEmpty();
    assertThat(Dimension.allUnits()).doesNotHaveDuplicates();
  }

  @Test
  void unitErrorsAreLocatedWithHints() {
    assertThat(errors("hardware x { kind = probe, t = 2 pJ, f = 1.2 Ghz, bw = 2, e = -1 pJ, n = 2 ns }\n" + EXPERIMENT))
        .containsExactly(
            "h.nnx:1:32: error: 't' is a time, got 'pJ', a unit of energy (use s, ms, us, ns, ps, min, h, d, y)",
            "h.nnx:1:42: error: unknown unit 'Ghz' for 'f' (did you mean 'GHz'?)",
            "h.nnx:1:56: error: 'bw' needs a unit: it is a bandwidth (write 2 followed by one of B/s, kB/s, MB/s, GB/s,"
                + " TB/s, KiB/s, MiB/s, GiB/s)",
            "h.nnx:1:63: error: 'e' is -1 pJ, out of range (e must be an energy >= 0 (J, mJ, uJ, nJ, pJ, fJ))",
            "h.nnx:1:74: error: 'n' takes no unit, got 'ns' (write the plain number)");
  }

  @Test
  void blocksAndReferencesAreChecked() {
    assertThat(errors("hardware x { kind = prob }\nhardware y { t = 1 s }\nhardware y { kind = probe }\n"
        + "hardware z { kind = probe, kind = probe, q = 1 }\n" + EXPERIMENT.replace("cost(x)", "cost(x), cost(w), cost(4)")))
        .containsExactly(
            "h.nnx:1:21: error: unknown hardware kind 'prob' (did you mean 'probe'?)",
            "h.nnx:2:1: error: hardware 'y' has no kind (add kind = probe; kind is one of probe)",
            "h.nnx:3:10: error: duplicate hardware 'y' (the first is at 2:10)",
            "h.nnx:4:28: error: duplicate parameter 'kind' for hardware 'z' (it is first given at 4:14)",
            "h.nnx:7:25: error: unknown hardware 'w' (did you mean 'x'?)",
            "h.nnx:7:34: error: 'target' must be the name of a hardware block, got integer 4");
  }

  @Test
  void aTargetWithErrorsIsNotAlsoReportedUnknown() {
    assertThat(errors("hardware x { kind = probe, t = 0 s }\n" + EXPERIMENT)).containsExactly(
        "h.nnx:1:32: error: 't' is 0 s, out of range (t must be a time > 0 (s, ms, us, ns, ps, min, h, d, y))");
  }

  @Test
  void withoutHardwareBlocksAReferenceSaysHowToDeclareOne() {
    assertThat(errors(EXPERIMENT)).containsExactly(
        "h.nnx:3:16: error: unknown hardware 'x' (declare it in this file: hardware x { ... })");
  }

  @Test
  void theTargetsDescriptionHoldsEverySetting() throws UserInputException {
    HardwareTarget x = (HardwareTarget) resolve("hardware x { kind = probe, t = 2 s }\n" + EXPERIMENT)
        .get(0).metrics().get(0).options().get("target");
    assertThat(x.toString()).isEqualTo("x(kind = probe, t = 2, f = 1, e = 0, p = 0, a = 0, d = 0, bw = 1, n = 1)");
    assertThat(HardwareTarget.among(List.of(1, x, "a", x))).containsExactly(x);
    assertThat(Map.of("k", x).get("k").name()).isEqualTo("x");
  }
}
