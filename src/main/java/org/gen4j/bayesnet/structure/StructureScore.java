package org.gen4j.bayesnet.structure;

import org.gen4j.bayesnet.estimators.ParameterEstimator;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
    private final CountSource data;
    private final Map<CountSource.Family, Double> cache = new ConcurrentHashMap<>();

    public StructureScore(Kind kind, double equivalentSampleSize, DiscreteTable data) {
        this(kind, equivalentSampleSize, CountSource.of(data));
    }

    /** Over counts from anywhere: cases in memory, or in partitions elsewhere ({@link CountSource#of(org.gen4j.bayesnet.estimators.PartitionedCases)}). */
    public StructureScore(Kind kind, double equivalentSampleSize, CountSource data) {
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

    public List<DiscreteVariable> variables() {
        return data.variables();
    }

    /** The score of one family, cached by (child, parent set). */
    public double family(int child, int[] parents) {
        CountSource.Family family = sorted(child, parents);
        Double cached = cache.get(family);
        return cached != null ? cached : scoreAndCache(List.of(family)).get(0);
    }

    /**
     * Scores the families not yet cached with one request to the count source (one pass over partitioned cases),
     * so the search step that asks for them next finds them cached.
     */
    public void prefetch(java.util.Collection<CountSource.Family> families) {
        List<CountSource.Family> missing = families.stream().map(f -> sorted(f.child(), f.parents()))
                .distinct().filter(f -> !cache.containsKey(f)).toList();
        if (!missing.isEmpty()) {
            scoreAndCache(missing);
        }
    }

    private static CountSource.Family sorted(int child, int[] parents) {
        int[] sorted = parents.clone();
        java.util.Arrays.sort(sorted);
        return new CountSource.Family(child, sorted);
    }

    private List<Double> scoreAndCache(List<CountSource.Family> families) {
        List<double[][]> tables = data.countTables(families);
        List<Double> scores = new java.util.ArrayList<>(families.size());
        for (int f = 0; f < families.size(); f++) {
            double score = scoreOf(tables.get(f));
            cache.put(families.get(f), score);
            scores.add(score);
        }
        return scores;
    }

    /** The score of a whole structure: Σ over families. @param parents per variable, the indices of its parents */
    public double total(List<int[]> parents) {
        List<CountSource.Family> families = new java.util.ArrayList<>();
        for (int v = 0; v < parents.size(); v++) {
            families.add(new CountSource.Family(v, parents.get(v)));
        }
        prefetch(families);
        double sum = 0;
        for (int v = 0; v < parents.size(); v++) {
            sum += family(v, parents.get(v));
        }
        return sum;
    }

    /*
     * The score of one family is arithmetic on a table of a few hundred counts at most: plain Java, since ND4J's
     * per-call overhead on such small arrays (tens of microseconds a call) dominated structure search.
     */
    private double scoreOf(double[][] counts) {
        int q = counts.length;
        int r = counts[0].length;
        double n = data.sampleSize();
        long freeParameters = (long) q * (r - 1);
        return switch (kind) {
            case BIC -> logLikelihood(counts) - 0.5 * Math.log(n) * freeParameters;
            case AIC -> logLikelihood(counts) - freeParameters;
            case K2 -> dirichlet(counts, 1.0);
            case BDEU -> dirichlet(counts, equivalentSampleSize / ((double) q * r));
        };
    }

    /** Σ N_jk log(N_jk / N_j), with 0 log 0 = 0. */
    private static double logLikelihood(double[][] counts) {
        double sum = 0;
        for (double[] row : counts) {
            double total = 0;
            for (double c : row) {
                total += c;
            }
            for (double c : row) {
                if (c > 0) {
                    sum += c * Math.log(c / total);
                }
            }
        }
        return sum;
    }

    /** log Π_j Γ(α_j) / Γ(N_j + α_j) · Π_k Γ(N_jk + α_jk) / Γ(α_jk), with α_jk = cell and α_j = r · cell. */
    private static double dirichlet(double[][] counts, double cell) {
        int r = counts[0].length;
        double rowPrior = cell * r;
        double sum = 0;
        double logGammaCell = LogGamma.of(cell);
        double logGammaRow = LogGamma.of(rowPrior);
        for (double[] row : counts) {
            double total = 0;
            for (double c : row) {
                sum += LogGamma.of(c + cell) - logGammaCell;
                total += c;
            }
            sum += logGammaRow - LogGamma.of(total + rowPrior);
        }
        return sum;
    }
}
