package org.nnx.plugin;

/**
 * What a family may use besides its parameters when it builds a network.
 *
 * @param seed the seed for every random choice of the topology (e.g. sampled skip links); the
 *     same seed must give the same network
 */
public record BuildContext(long seed) {}
