package org.gen4j.bayesnet.structure;

import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.data.OneHot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/**
 * The Chow–Liu tree (Chow &amp; Liu 1968): the maximum-weight spanning tree of pairwise mutual information, directed
 * away from a root. It is the tree-structured distribution closest to the data in Kullback–Leibler divergence. All
 * pairwise contingency tables are one-hot products.
 *
 * <pre>{@code
 * Dag tree = ChowLiu.learn(rows, 0);
 * }</pre>
 */
public final class ChowLiu {
    private ChowLiu() {
    }

    /** @param root the index of the variable that becomes the tree's root */
    public static Dag learn(DiscreteTable data, int root) {
        if (data.weighted()) {
            return learn(CountSource.of(data), root);      // weighted counts: the count-table path
        }
        int v = data.variables().size();
        double n = data.rows();
        List<INDArray> oneHots = new ArrayList<>();
        List<INDArray> marginals = new ArrayList<>();
        for (int j = 0; j < v; j++) {
            INDArray h = OneHot.rows(data.codes().getColumn(j), data.variables().get(j).cardinality(), DataType.DOUBLE);
            oneHots.add(h);
            marginals.add(h.sum(0).divi(n));
        }
        double[][] information = new double[v][v];
        for (int a = 0; a < v; a++) {
            for (int b = a + 1; b < v; b++) {
                INDArray joint = oneHots.get(a).transpose().mmul(oneHots.get(b)).divi(n);       // [ra, rb]
                INDArray independent = marginals.get(a).reshape(joint.rows(), 1).mmul(marginals.get(b).reshape(1, joint.columns()));
                INDArray ratio = joint.div(Transforms.max(independent, 1e-300, true));
                information[a][b] = joint.mul(Transforms.log(Transforms.max(ratio, 1e-300, true), false)).sumNumber().doubleValue();
                information[b][a] = information[a][b];
            }
        }
        return tree(information, data.variables(), root, n);
    }

    /**
     * The same tree from pairwise counts held anywhere (every pair counted in one request: one pass over partitioned
     * cases); mutual information computed from the counts in plain Java, so it may differ from
     * {@link #learn(DiscreteTable, int)}'s in the last bits.
     */
    public static Dag learn(CountSource counts, int root) {
        int v = counts.variables().size();
        List<CountSource.Family> pairs = new ArrayList<>();
        for (int a = 0; a < v; a++) {
            for (int b = a + 1; b < v; b++) {
                pairs.add(new CountSource.Family(b, new int[]{a}));
            }
        }
        List<double[][]> joints = counts.countTables(pairs);
        double n = counts.sampleSize();
        double[][] information = new double[v][v];
        for (int i = 0; i < pairs.size(); i++) {
            int a = pairs.get(i).parents()[0];
            int b = pairs.get(i).child();
            information[a][b] = mutualInformation(joints.get(i), n);
            information[b][a] = information[a][b];
        }
        return tree(information, counts.variables(), root, n);
    }

    /** I(A; B) in nats from their joint counts {@code [a][b]}. */
    private static double mutualInformation(double[][] joint, double n) {
        double[] rowTotals = new double[joint.length];
        double[] columnTotals = new double[joint[0].length];
        for (int a = 0; a < joint.length; a++) {
            for (int b = 0; b < joint[a].length; b++) {
                rowTotals[a] += joint[a][b];
                columnTotals[b] += joint[a][b];
            }
        }
        double information = 0;
        for (int a = 0; a < joint.length; a++) {
            for (int b = 0; b < joint[a].length; b++) {
                if (joint[a][b] > 0) {
                    information += joint[a][b] / n * Math.log(joint[a][b] * n / (rowTotals[a] * columnTotals[b]));
                }
            }
        }
        return information;
    }

    /** Prim's algorithm from the root over mutual information; the tree's edges point away from the root. */
    private static Dag tree(double[][] information, List<DiscreteVariable> variables, int root, double n) {
        int v = variables.size();
        int[] parentOf = new int[v];
        java.util.Arrays.fill(parentOf, -1);
        boolean[] inTree = new boolean[v];
        double[] best = new double[v];
        int[] bestFrom = new int[v];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        inTree[root] = true;
        for (int j = 0; j < v; j++) {
            if (j != root) {
                best[j] = information[root][j];
                bestFrom[j] = root;
            }
        }
        for (int added = 1; added < v; added++) {
            int next = -1;
            for (int j = 0; j < v; j++) {
                if (!inTree[j] && (next < 0 || best[j] > best[next])) {
                    next = j;
                }
            }
            inTree[next] = true;
            parentOf[next] = bestFrom[next];
            for (int j = 0; j < v; j++) {
                if (!inTree[j] && information[next][j] > best[j]) {
                    best[j] = information[next][j];
                    bestFrom[j] = next;
                }
            }
        }
        List<int[]> parents = new ArrayList<>();
        double total = 0;
        for (int j = 0; j < v; j++) {
            parents.add(parentOf[j] < 0 ? new int[0] : new int[]{parentOf[j]});
            if (parentOf[j] >= 0) {
                total += information[j][parentOf[j]];
            }
        }
        return new Dag(variables, parents, total * n);
    }
}
