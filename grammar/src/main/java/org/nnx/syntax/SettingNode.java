package org.nnx.syntax;

/**
 * A {@code key = value} setting, e.g. in a {@code train} block.
 *
 * @param location where the key is
 * @param key the key
 * @param value the value
 */
public record SettingNode(Location location, String key, ValueNode value) {}
