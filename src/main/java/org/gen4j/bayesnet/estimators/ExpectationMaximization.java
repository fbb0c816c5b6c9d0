package org.gen4j.bayesnet.estimators;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.bayesnet.factors.Factor;
import org.gen4j.bayesnet.inference.VariableElimination;
import org.gen4j.core.FitSummary;
import org.gen4j.em.Convergence;
import org.gen4j.em.DataPass;
import org.gen4j.em.EmEngine;
import org.gen4j.em.EmModel;
import org.gen4j.em.EmStatistics;
import org.gen4j.em.IterationListener;
import org.gen4j.em.PartitionStep;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.Provenance;
import org.gen4j.core.Require;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Learns the tables of a fixed structure when values are missing, or when a variable is never observed (a latent
 * variable: leave its column out of the data, or fill it with missing values). Each iteration computes expected
 * counts: for every distinct pattern of observed values, exact inference gives the joint posterior of the missing
 * members of each family; the tables are then re-estimated from the expected counts (with the estimator's
 * pseudo-counts).
 *
 * <pre>{@code
 * ExpectationMaximization.Result r = new ExpectationMaximization(ParameterEstimator.bdeu(1), 100, 1e-6, 7)
 *         .fit(structure, rowsWithGaps);
 * BayesianNetwork fitted = r.network();
 * }</pre>
 */
public final class ExpectationMaximization implements java.io.Serializable {
    private final ParameterEstimator estimator;
    private final int maxIter;
    private final double tol;
    private final long seed;

    /**
     * @param tol  stop when the observed-data log-likelihood gains less than this (0: run every iteration)
     * @param seed random starting tables for latent variables (whose given tables would be symmetric)
     */
    public ExpectationMaximization(ParameterEstimator estimator, int maxIter, double tol, long seed) {
        this.estimator = estimator;
        this.maxIter = Require.atLeast("maxIter", maxIter, 1);
        this.tol = Require.nonNegative("tol", tol);
        this.seed = seed;
    }

    /** The fitted network and how the fit went (the objective is the observed-data log-likelihood). */
    public record Result(BayesianNetwork network, FitSummary summary) {
    }

    /**
     * @param start the structure, with starting tables for every variable (those of latent variables are randomised)
     */
    public Result fit(BayesianNetwork start, DiscreteTable data) {
        return fit(start, data.variables(), data.toString(), DataPass.of(List.of(patterns(start, data))));
    }

    /**
     * EM over cases held in partitions elsewhere (a Spark cluster: see {@code org.gen4j.spark}): each pass finds the
     * patterns of observed values of every block and their expected counts where the block lives; only the counts
     * come back. From the same start it equals {@link #fit(BayesianNetwork, DiscreteTable)} on the same rows up to
     * rounding.
     */
    public Result fit(BayesianNetwork start, PartitionedCases cases) {
        List<DiscreteVariable> observed = cases.variables();
        CaseBlocks layout = cases.layout();
        PartitionStep.BlockReader<BayesianNetwork, double[], Pattern> reader = (current, block, each) -> {
            DiscreteTable rows = layout.table(block);
            for (Pattern pattern : patterns(current, rows)) {
                each.accept(pattern);
            }
        };
        return fit(start, observed, cases.describe(), DataPass.partitioned(cases, reader));
    }

    private Result fit(BayesianNetwork start, List<DiscreteVariable> observed, String description,
                       DataPass.Source<BayesianNetwork, Pattern> data) {
        List<DiscreteVariable> variables = start.variables();
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("estimator", "expectation-maximisation");
        hyper.put("maxIter", maxIter);
        hyper.put("tol", tol);
        hyper.put("seed", seed);
        var settings = new EmEngine.Settings<Result>(maxIter, tol, Convergence.GAIN, 1, seed, IterationListener.NONE, null);
        var mapping = new EmEngine.Mapping<BayesianNetwork, Result>((network, fit) -> new Result(new BayesianNetwork(network.cpts(),
                Provenance.now(ExpectationMaximization.class.getName(), hyper, description,
                        variables.stream().map(DiscreteVariable::name).toList())), fit), Result::network, Result::summary);
        return new EmEngine<>(new NetworkEm(), settings, mapping)
                .fitFrom(randomiseLatent(start, observed, new Random(seed)), data);
    }

    /** The network's half of EM: expected family counts per pattern of observed values, then the estimator's tables. */
    private final class NetworkEm implements EmModel<BayesianNetwork, Pattern, ExpectedCounts>, java.io.Serializable {
        private transient BayesianNetwork eliminationFor;
        private transient VariableElimination elimination;

        @Override
        public ExpectedCounts statistics(BayesianNetwork current) {
            return new ExpectedCounts(current);
        }

        @Override
        public void accumulate(BayesianNetwork current, Pattern p, ExpectedCounts into) {
            if (eliminationFor != current) {
                elimination = new VariableElimination(current);
                eliminationFor = current;
            }
            // one elimination per pattern: the joint of its missing variables with its evidence
            Factor joint = elimination.jointWithEvidence(p.missing.stream().map(DiscreteVariable::name).toList(), p.evidence);
            double probability = joint.total();
            if (!(probability > 0)) {
                throw new Gen4jException("the rows with " + p.evidence + " have probability 0 under the current tables");
            }
            into.logLikelihood += p.count * Math.log(probability);
            addExpectedCounts(current.cpts(), p, joint, probability, into.counts);
        }

        @Override
        public BayesianNetwork maximize(BayesianNetwork current, ExpectedCounts statistics) {
            List<ConditionalProbabilityTable> tables = new ArrayList<>();
            for (ConditionalProbabilityTable cpt : current.cpts()) {
                tables.add(estimator.fromCounts(cpt.child(), cpt.parents(),
                        Nd4j.createFromArray(statistics.counts.get(cpt.child().name())).castTo(DataType.DOUBLE)));
            }
            return new BayesianNetwork(tables);
        }
    }

    /** Expected counts of every family over a pass; the objective is the observed-data log-likelihood. */
    private static final class ExpectedCounts implements EmStatistics<ExpectedCounts>, java.io.Serializable {
        final Map<String, double[][]> counts = new LinkedHashMap<>();
        double logLikelihood;

        ExpectedCounts(BayesianNetwork network) {
            for (ConditionalProbabilityTable cpt : network.cpts()) {
                counts.put(cpt.child().name(), new double[cpt.parentConfigurations()][cpt.child().cardinality()]);
            }
        }

        @Override
        public double objective() {
            return logLikelihood;
        }

        @Override
        public void merge(ExpectedCounts other) {
            logLikelihood += other.logLikelihood;
            other.counts.forEach((name, table) -> {
                double[][] mine = counts.get(name);
                for (int row = 0; row < table.length; row++) {
                    for (int state = 0; state < table[row].length; state++) {
                        mine[row][state] += table[row][state];
                    }
                }
            });
        }
    }

    /** Rows with the same observed values, counted once: the E-step's unit of work. */
    private record Pattern(Map<String, String> evidence, List<DiscreteVariable> missing, Map<DiscreteVariable, Integer> observed,
                           double count) {
    }

    private static Pattern[] patterns(BayesianNetwork network, DiscreteTable data) {
        List<DiscreteVariable> variables = network.variables();
        int[] columns = new int[variables.size()];
        for (int j = 0; j < columns.length; j++) {
            String name = variables.get(j).name();
            columns[j] = data.variables().stream().map(DiscreteVariable::name).toList().indexOf(name);
            if (columns[j] >= 0 && !data.variables().get(columns[j]).states().equals(variables.get(j).states())) {
                throw new Gen4jException("variable '" + name + "' has states " + data.variables().get(columns[j]).states()
                        + " in the data but " + variables.get(j).states() + " in the model");
            }
        }
        Map<String, double[]> counts = new LinkedHashMap<>();
        Map<String, int[]> codesOf = new LinkedHashMap<>();
        for (int r = 0; r < data.rows(); r++) {
            if (data.weight(r) == 0) {
                continue;                    // a row that counts for nothing adds no pattern (and no work)
            }
            int[] codes = new int[variables.size()];
            StringBuilder key = new StringBuilder();
            for (int j = 0; j < codes.length; j++) {
                codes[j] = columns[j] < 0 ? -1 : data.columnCodes(columns[j])[r];
                key.append(codes[j]).append(',');
            }
            counts.computeIfAbsent(key.toString(), k -> new double[1])[0] += data.weight(r);
            codesOf.putIfAbsent(key.toString(), codes);
        }
        List<Pattern> patterns = new ArrayList<>();
        counts.forEach((key, count) -> {
            int[] codes = codesOf.get(key);
            Map<String, String> evidence = new LinkedHashMap<>();
            Map<DiscreteVariable, Integer> observed = new LinkedHashMap<>();
            List<DiscreteVariable> missing = new ArrayList<>();
            for (int j = 0; j < codes.length; j++) {
                DiscreteVariable v = variables.get(j);
                if (codes[j] < 0) {
                    missing.add(v);
                } else {
                    evidence.put(v.name(), v.state(codes[j]));
                    observed.put(v, codes[j]);
                }
            }
            patterns.add(new Pattern(evidence, missing, observed, count[0]));
        });
        return patterns.toArray(new Pattern[0]);
    }

    /** Adds one pattern's expected counts to every family: each joint state of its missing variables, weighted by its posterior. */
    private static void addExpectedCounts(List<ConditionalProbabilityTable> cpts, Pattern p, Factor joint, double probability,
                                          Map<String, double[][]> expected) {
        double[] values = joint.values().reshape(joint.values().length()).toDoubleVector();
        int[] state = new int[p.missing.size()];
        Map<DiscreteVariable, Integer> assignment = new LinkedHashMap<>(p.observed);
        for (double value : values) {
            for (int u = 0; u < state.length; u++) {
                assignment.put(p.missing.get(u), state[u]);
            }
            double weight = p.count * value / probability;
            if (weight > 0) {
                for (ConditionalProbabilityTable cpt : cpts) {
                    expected.get(cpt.child().name())[row(cpt, assignment)][assignment.get(cpt.child())] += weight;
                }
            }
            for (int u = state.length - 1; u >= 0; u--) {          // next joint state, last variable fastest
                if (++state[u] < p.missing.get(u).cardinality()) {
                    break;
                }
                state[u] = 0;
            }
        }
    }

    private static int row(ConditionalProbabilityTable cpt, Map<DiscreteVariable, Integer> assignment) {
        int row = 0;
        for (DiscreteVariable parent : cpt.parents()) {
            row = row * parent.cardinality() + assignment.get(parent);
        }
        return row;
    }

    /** Tables of never-observed variables start random, since symmetric starting tables would stay symmetric. */
    private static BayesianNetwork randomiseLatent(BayesianNetwork start, List<DiscreteVariable> observed, Random random) {
        List<String> observedNames = observed.stream().map(DiscreteVariable::name).toList();
        List<ConditionalProbabilityTable> tables = new ArrayList<>();
        for (ConditionalProbabilityTable cpt : start.cpts()) {
            if (observedNames.contains(cpt.child().name())) {
                tables.add(cpt);
                continue;
            }
            int q = cpt.parentConfigurations();
            int r = cpt.child().cardinality();
            double[][] rows = new double[q][r];
            for (double[] row : rows) {
                double total = 0;
                for (int s = 0; s < r; s++) {
                    row[s] = 0.5 + random.nextDouble();
                    total += row[s];
                }
                for (int s = 0; s < r; s++) {
                    row[s] /= total;
                }
            }
            tables.add(new ConditionalProbabilityTable(cpt.child(), cpt.parents(),
                    Nd4j.createFromArray(rows).reshape(cpt.values().shape())));
        }
        return new BayesianNetwork(tables);
    }
}
