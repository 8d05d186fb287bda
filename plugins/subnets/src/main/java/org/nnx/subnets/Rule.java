package org.nnx.subnets;

import org.nnx.dl4j.TrainingOptions;

/**
 * PyTorch's update rules on a flat array, for parameters that no DL4J updater owns: Adam ({@code
 * torch.optim.Adam}: {@code m = β1 m + (1 − β1) g}, {@code v = β2 v + (1 − β2) g²}, {@code p −= lr
 * m̂ / (√v̂ + ε)} with bias-corrected {@code m̂, v̂}) and SGD ({@code torch.optim.SGD}: the momentum
 * buffer starts at the first gradient, {@code b = μ b + g}; Nesterov steps along {@code g + μ b}).
 * Weight decay adds {@code wd · p} to the gradient where asked. The arithmetic is in double precision
 * per element, stored in single precision. These are the formulas of the dl4j plugin's {@code
 * TorchAdam} and {@code TorchSgd}, which update DL4J's own parameter views; joint training steps a
 * flat array that no graph holds ({@code JointTrainingTest} checks the two step for step).
 */
final class Rule {

  private final TrainingOptions options;
  private final float[] first;
  private final float[] second;

  /**
   * @param options the optimizer and its hyperparameters (constant learning rate)
   * @param size how many parameters it steps
   */
  Rule(TrainingOptions options, int size) {
    this.options = options;
    this.first = new float[size];
    this.second = options.optimizer().equals("adam") ? new float[size] : null;
  }

  /**
   * One step.
   *
   * @param p the parameters, updated in place
   * @param g their gradient
   * @param step the step's number, from 1
   * @param decay whether weight decay applies to these parameters
   */
  void step(float[] p, float[] g, long step, boolean decay) {
    double lr = options.learningRate();
    double wd = decay ? options.weightDecay() : 0;
    if (second != null) {
      double b1 = options.beta1();
      double b2 = options.beta2();
      double c1 = 1 - Math.pow(b1, step);
      double c2 = Math.sqrt(1 - Math.pow(b2, step));
      for (int i = 0; i < p.length; i++) {
        double d = g[i] + wd * p[i];
        double m = b1 * first[i] + (1 - b1) * d;
        double v = b2 * second[i] + (1 - b2) * d * d;
        first[i] = (float) m;
        second[i] = (float) v;
        p[i] = (float) (p[i] - lr / c1 * m / (Math.sqrt(v) / c2 + options.epsilon()));
      }
      return;
    }
    double mu = options.momentum();
    for (int i = 0; i < p.length; i++) {
      double d = g[i] + wd * p[i];
      if (mu > 0) {
        double b = step == 1 ? d : mu * first[i] + d;
        first[i] = (float) b;
        d = options.nesterov() ? d + mu * b : b;
      }
      p[i] = (float) (p[i] - lr * d);
    }
  }
}
