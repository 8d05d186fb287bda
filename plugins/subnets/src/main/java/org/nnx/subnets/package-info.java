/**
 * Nested subnets of one network for dynamic inference (Yang, He, Cao and Fan, <i>Non-uniform DNN
 * Structured Subnets Sampling for Dynamic Inference</i>, DAC 2020): which output channels of a
 * network can be removed together ({@link org.nnx.subnets.ChannelGroups}, channels that meet in a
 * residual addition share one index set), how important each channel is after group-lasso training
 * ({@link org.nnx.subnets.ChannelImportance}), the per-group widths of k nested subnets for FLOPs
 * targets, non-uniform by importance or with one uniform ratio ({@link
 * org.nnx.subnets.SubnetWidths}), and each subnet as a physically smaller network with sliced weight
 * arrays ({@link org.nnx.subnets.SubnetSlicer}).
 */
package org.nnx.subnets;
