package org.nnx.smoothing;

/**
 * The certificate of one image from its votes (Levine and Feizi, NeurIPS 2020, Theorem 1): the
 * smoothed prediction is the class with the most votes, ties to the lower class index; the runner-up
 * is the best other class under the same rule. An adversarial patch changes the votes of at most Δ
 * positions, each of which may lose its vote for the prediction and give one to any other class,
 * so the prediction is certain when {@code votes(top) − votes(runner-up) > 2Δ}, or {@code = 2Δ} and
 * the top class has the lower index (it then still wins the tie).
 *
 * @param top the smoothed prediction
 * @param runnerUp the best other class
 * @param topVotes the prediction's votes
 * @param runnerUpVotes the runner-up's votes
 */
public record Certificate(int top, int runnerUp, int topVotes, int runnerUpVotes) {

  /** The certificate of a vote count per class (at least two classes). */
  public static Certificate of(int[] votes) {
    if (votes.length < 2) {
      throw new IllegalArgumentException("certification needs at least two classes");
    }
    int top = 0;
    for (int c = 1; c < votes.length; c++) {
      if (votes[c] > votes[top]) {
        top = c;
      }
    }
    int runner = top == 0 ? 1 : 0;
    for (int c = 0; c < votes.length; c++) {
      if (c != top && votes[c] > votes[runner]) {
        runner = c;
      }
    }
    return new Certificate(top, runner, votes[top], votes[runner]);
  }

  /** Whether no patch that affects at most {@code delta} positions can change the prediction. */
  public boolean certified(long delta) {
    long gap = (long) topVotes - runnerUpVotes;
    return gap > 2 * delta || (gap == 2 * delta && top < runnerUp);
  }
}
