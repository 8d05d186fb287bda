package org.nnx.codesign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nnx.hardware.target.HardwareTarget;
import org.nnx.param.Parameters;

/**
 * The hardware level of a codesign: a target and the settings swept in its {@code target =
 * NAME(setting = {..}, setting = lo..hi)}, every other setting as the target's block has it.
 *
 * @param target the hardware block
 * @param names the swept settings
 * @param choices each swept setting's values, checked (quantities in SI units)
 * @param texts each swept setting's values as written
 * @param fixed settings the call gives one value, overriding the block's
 * @param initial for each swept setting, the index of the value the search starts from: the
 *     block's own value when it is among the choices, else the middle one
 */
public record HardwareSpace(HardwareTarget target, List<String> names, List<List<Object>> choices,
    List<List<String>> texts, Map<String, Object> fixed, int[] initial) implements DesignSpace {

  public HardwareSpace {
    names = List.copyOf(names);
    choices = List.copyOf(choices);
    texts = List.copyOf(texts);
    fixed = Map.copyOf(fixed);
    initial = initial.clone();
  }

  @Override
  public List<List<String>> values() {
    return texts;
  }

  /** The target's settings with the fixed overrides and the chosen values. */
  @Override
  public Parameters instantiate(int[] choice) {
    Map<String, Object> values = new LinkedHashMap<>(target.settings().asMap());
    values.putAll(fixed);
    for (int d = 0; d < names.size(); d++) {
      values.put(names.get(d), choices.get(d).get(choice[d]));
    }
    return new Parameters(values);
  }

  /** A copy of the initial choice. */
  @Override
  public int[] initial() {
    return initial.clone();
  }
}
