package org.gen4j.bayesnet.structure;

import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.custom.Lgamma;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decomposable scores of a network structure given complete data: the score of a DAG is the sum of one score per
 * family (a variable and its parents), computed from that family's counts and cached, so a search step re-scores
 * only the families it changes. Higher is better for every score here.
 *
 * <ul>
 *   <li>BIC: log-likelihood − (log N / 2) · parameters</li>
 *   <li>AIC: log-likelihood − parameters</li>
 *   <li>K2: log marginal likelihood with a uniform Dirichlet(1) prior per row (Cooper &amp; Herskovits 1992)</li>
 *   <li>BDeu: log marginal likelihood with an equivalent sample size spread uniformly (Heckerman et al. 1995)</li>
 * </ul>
 */
public final class StructureScore {
    public enum Kind { BIC, AIC, K2, BDEU }

    private final Kind kind;
    private final double equivalentSampleSize;
    private final DiscreteTable data;
    private final Map<String, Double> cache = new ConcurrentHashMap<>();

    public StructureScore(Kind kind, double equivalentSampleSize, DiscreteTable data) {
        this.kind = kind;
        this.equivalentSampleSize = kind == Kind.BDEU ? Require.positive("equivalentSampleSize", equivalentSampleSize) : 0;
        this.data = data;
    }

    public static Kind parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "bic" -> Kind.BIC;
            case "aic" -> Kind.AIC;
            case "k2" -> Kind.K2;
            case "bdeu" -> Kind.BDEU;
            default -> throw new Gen4jException("unknown score '" + name + "' (expected bic, aic, k2 or bdeu)");
        };
    }

    public Kind kind() {
        return kind;
    }

    public DiscreteTable data() {
        return data;
    }

    /** The score of one family, cached by (child, parent set). */
    public double family(int child, int[] parents) {
        int[] sorted = parents.clone();
        java.util.Arrays.sort(sorted);
        String key = child + ":" + java.util.Arrays.toString(sorted);
        return cache.computeIfAbsent(key, k -> computeFamily(child, sorted));
    }

    /** The score of a whole structure: Σ over families. @param parents per variable, the indices of its parents */
    public double total(List<int[]> parents) {
        double sum = 0;
        for (int v = 0; v < parents.size(); v++) {
            sum += family(v, parents.get(v));
        }
        return sum;
    }

    private double computeFamily(int child, int[] parents) {
        List<DiscreteVariable> variables = data.variables();
        DiscreteVariable x = variables.get(child);
        List<DiscreteVariable> ps = java.util.Arrays.stream(parents).mapToObj(variables::get).toList();
        INDArray counts = ParameterEstimator.counts(x, ps, data);                           // [q, r]
        int q = (int) counts.rows();
        int r = x.cardinality();
        INDArray rowTotals = counts.sum(true, 1);                                           // [q, 1]
        double n = data.rows();
        long freeParameters = (long) q * (r - 1);
        return switch (kind) {
            case BIC -> logLikelihood(counts, rowTotals) - 0.5 * Math.log(n) * freeParameters;
            case AIC -> logLikelihood(counts, rowTotals) - freeParameters;
            case K2 -> dirichlet(counts, rowTotals, 1.0, r);
            case BDEU -> dirichlet(counts, rowTotals, equivalentSampleSize / ((double) q * r), r);
        };
    }

    /** Σ N_jk log(N_jk / N_j), with 0 log 0 = 0. */
    private static double logLikelihood(INDArray counts, INDArray rowTotals) {
        INDArray ratio = counts.divColumnVector(Transforms.max(rowTotals, 1e-300, true));
        INDArray logRatio = Transforms.log(Transforms.max(ratio, 1e-300, true), false);
        return counts.mul(logRatio).sumNumber().doubleValue();
    }

    /**
     * log Π_j Γ(α_j) / Γ(N_j + α_j) · Π_k Γ(N_jk + α_jk) / Γ(α_jk), with α_jk = cell and α_j = r · cell.
     */
    private static double dirichlet(INDArray counts, INDArray rowTotals, double cell, int r) {
        double rowPrior = cell * r;
        int q = (int) counts.rows();
        double cells = lgamma(counts.add(cell)).sumNumber().doubleValue() - (double) q * r * lgamma(cell);
        double rows = (double) q * lgamma(rowPrior) - lgamma(rowTotals.add(rowPrior)).sumNumber().doubleValue();
        return cells + rows;
    }

    private static INDArray lgamma(INDArray x) {
        return Nd4j.exec(new Lgamma(x.castTo(DataType.DOUBLE)))[0];
    }

    private static double lgamma(double x) {
        return lgamma(Nd4j.scalar(DataType.DOUBLE, x)).getDouble(0);
    }
}
