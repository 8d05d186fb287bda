/**
 * Network weights stored on noisy analog memory: how much memory a trained network needs when its
 * weights are written once to analog cells (phase-change memory) and read back, and which coding of
 * the weights keeps its accuracy, against error-free digital storage with an error-correcting code.
 * After Isik, Choi, Zheng, Weissman, Wong, Wootters, Zarcone, Schwartz and Ermon (arXiv:2102.07725),
 * <i>Neural Network Compression for Noisy Storage Devices</i>, ACM TECS 2023.
 *
 * <p>Three kinds of parts, each registered by name like metrics: {@link StorageChannel} (what a cell
 * returns when a value is written and read once), {@link WeightCode} (how weights become cell values
 * and back; codes combine with {@code +}) and the metric {@link StoredAccuracyMetric} that writes a
 * trained network's weights through a code and a channel, reads them back and evaluates the test set.
 * Cell values are normalized to [0, 1], the cell's full range.
 */
package org.nnx.storage;
