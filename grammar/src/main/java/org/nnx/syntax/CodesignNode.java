package org.nnx.syntax;

import java.util.List;

/**
 * A {@code codesign NAME { key = value, ... }} block: a hardware-aware architecture search in the
 * manner of FLASH (a predictor fitted on trained samples, a hierarchical search over architecture
 * and hardware under cost budgets).
 *
 * @param location where the block starts
 * @param name the block's name, unique among the file's runnable blocks
 * @param nameLocation where the name is
 * @param settings the settings in order
 * @param source the block's exact source text
 */
public record CodesignNode(Location location, String name, Location nameLocation, List<SettingNode> settings,
    String source) implements BlockNode {

  /** The keyword {@code codesign}. */
  public static final String KEYWORD = "codesign";

  @Override
  public String keyword() {
    return KEYWORD;
  }
}
