package org.nnx.syntax;

import java.util.List;

/**
 * A {@code hardware NAME { key = value, ... }} block: a hardware target that metrics and searches
 * name, e.g. {@code hardware rpi3b { kind = cpu, clock = 1.2 GHz }}.
 *
 * @param location where the block starts
 * @param name the target's name, unique in its file
 * @param nameLocation where the name is
 * @param settings the settings in order, {@code kind} included
 * @param source the block's exact source text
 */
public record HardwareNode(Location location, String name, Location nameLocation, List<SettingNode> settings,
    String source) implements BlockNode {

  /** The keyword {@code hardware}. */
  public static final String KEYWORD = "hardware";

  @Override
  public String keyword() {
    return KEYWORD;
  }
}
