package org.gen4j.bayesnet;

import org.gen4j.core.AnomalyScorer;
import org.gen4j.core.DensityModel;
import org.gen4j.core.Gen4jException;
import org.gen4j.core.GenerativeModel;
import org.gen4j.core.Provenance;
import org.gen4j.core.Sampler;
import org.gen4j.data.DiscreteTable;
import org.gen4j.data.DiscreteVariable;
import org.gen4j.data.OneHot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A discrete Bayesian network: a DAG over named variables with a conditional probability table per variable.
 * An immutable value, checked on construction (acyclic, every variable has exactly one table, rows sum to 1).
 *
 * <pre>{@code
 * BayesianNetwork asia = BifReader.read(Path.of("asia.bif"));
 * DiscreteTable rows = asia.sample(1000, 42);                 // forward sampling
 * Map<String, Double> lung = new VariableElimination(asia).marginal("lung", Map.of("smoke", "yes"));
 * }</pre>
 */
public final class BayesianNetwork implements GenerativeModel, Sampler<DiscreteTable>, DensityModel<DiscreteTable>,
        AnomalyScorer<DiscreteTable>, java.io.Serializable {
    public static final String MODEL_TYPE = "bayesian-network";

    static {
        org.gen4j.kernels.NativeRuntime.install();       // ND4J's operations keep their arrays alive under garbage collection
    }

    private final List<DiscreteVariable> variables;                       // topological order
    private final Map<String, ConditionalProbabilityTable> tables;
    private final Provenance provenance;

    public BayesianNetwork(List<ConditionalProbabilityTable> cpts, Provenance provenance) {
        Map<String, ConditionalProbabilityTable> byChild = new LinkedHashMap<>();
        for (ConditionalProbabilityTable cpt : cpts) {
            if (byChild.put(cpt.child().name(), cpt) != null) {
                throw new Gen4jException("variable '" + cpt.child().name() + "' has two probability tables");
            }
        }
        for (ConditionalProbabilityTable cpt : cpts) {
            for (DiscreteVariable parent : cpt.parents()) {
                ConditionalProbabilityTable own = byChild.get(parent.name());
                if (own == null) {
                    throw new Gen4jException("'" + parent.name() + "', a parent of '" + cpt.child().name()
                            + "', has no probability table");
                }
                if (!own.child().equals(parent)) {
                    throw new Gen4jException("'" + parent.name() + "' has states " + own.child().states() + " as a variable but "
                            + parent.states() + " as a parent of '" + cpt.child().name() + "'");
                }
            }
        }
        this.variables = topologicalOrder(byChild);
        this.tables = byChild;
        this.provenance = provenance;
    }

    public BayesianNetwork(List<ConditionalProbabilityTable> cpts) {
        this(cpts, Provenance.handMade("BayesianNetwork"));
    }

    /** Kahn's algorithm; a cycle is an error naming the variables on it. */
    private static List<DiscreteVariable> topologicalOrder(Map<String, ConditionalProbabilityTable> tables) {
        Map<String, Integer> waiting = new HashMap<>();
        Map<String, List<String>> children = new HashMap<>();
        for (ConditionalProbabilityTable cpt : tables.values()) {
            waiting.put(cpt.child().name(), cpt.parents().size());
            for (DiscreteVariable p : cpt.parents()) {
                children.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(cpt.child().name());
            }
        }
        List<DiscreteVariable> order = new ArrayList<>();
        List<String> ready = new ArrayList<>();
        for (ConditionalProbabilityTable cpt : tables.values()) {
            if (cpt.parents().isEmpty()) {
                ready.add(cpt.child().name());
            }
        }
        while (!ready.isEmpty()) {
            String next = ready.remove(0);
            order.add(tables.get(next).child());
            for (String child : children.getOrDefault(next, List.of())) {
                if (waiting.merge(child, -1, Integer::sum) == 0) {
                    ready.add(child);
                }
            }
        }
        if (order.size() != tables.size()) {
            List<String> cyclic = waiting.entrySet().stream().filter(e -> e.getValue() > 0).map(Map.Entry::getKey).sorted().toList();
            throw new Gen4jException("the network has a cycle through " + cyclic);
        }
        return List.copyOf(order);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Provenance provenance() {
        return provenance;
    }

    /** The variables in a topological order (parents before children). */
    public List<DiscreteVariable> variables() {
        return variables;
    }

    public DiscreteVariable variable(String name) {
        ConditionalProbabilityTable cpt = tables.get(name);
        if (cpt == null) {
            throw new Gen4jException("the network has no variable '" + name + "' (variables: "
                    + variables.stream().map(DiscreteVariable::name).toList() + ")");
        }
        return cpt.child();
    }

    public ConditionalProbabilityTable cpt(String name) {
        variable(name);
        return tables.get(name);
    }

    public List<ConditionalProbabilityTable> cpts() {
        List<ConditionalProbabilityTable> list = new ArrayList<>();
        for (DiscreteVariable v : variables) {
            list.add(tables.get(v.name()));
        }
        return list;
    }

    /** The directed edges parent → child. */
    public List<String[]> edges() {
        List<String[]> edges = new ArrayList<>();
        for (ConditionalProbabilityTable cpt : cpts()) {
            for (DiscreteVariable p : cpt.parents()) {
                edges.add(new String[]{p.name(), cpt.child().name()});
            }
        }
        return edges;
    }

    public long parameterCount() {
        return cpts().stream().mapToLong(ConditionalProbabilityTable::parameterCount).sum();
    }

    /**
     * log P(row): for complete rows Σ_v log P(v | parents), gathered for all rows at once per variable; for a row
     * with missing values (NaN codes, empty cells) log P(its observed values), the missing ones summed out by
     * variable elimination (once per distinct set of observed values).
     *
     * @return {@code [n]}
     */
    @Override
    public INDArray logProb(DiscreteTable data) {
        DiscreteTable rows = data.reordered(variables);
        return rows.hasMissing() ? logProbWithGaps(rows) : logProbOfComplete(rows);
    }

    private INDArray logProbWithGaps(DiscreteTable rows) {
        double[][] codes = rows.codes().toDoubleMatrix();
        double[] out = new double[codes.length];
        org.gen4j.bayesnet.inference.VariableElimination elimination = new org.gen4j.bayesnet.inference.VariableElimination(this);
        java.util.Map<java.util.Map<String, String>, Double> byEvidence = new java.util.HashMap<>();
        java.util.List<Integer> complete = new java.util.ArrayList<>();
        for (int i = 0; i < codes.length; i++) {
            java.util.Map<String, String> evidence = new java.util.LinkedHashMap<>();
            for (int j = 0; j < codes[i].length; j++) {
                if (!Double.isNaN(codes[i][j])) {
                    evidence.put(variables.get(j).name(), variables.get(j).state((int) codes[i][j]));
                }
            }
            if (evidence.size() == variables.size()) {
                complete.add(i);
            } else {
                out[i] = byEvidence.computeIfAbsent(evidence, e -> Math.log(elimination.probabilityOfEvidence(e)));
            }
        }
        if (!complete.isEmpty()) {
            int[] at = complete.stream().mapToInt(Integer::intValue).toArray();
            double[] scored = logProbOfComplete(new DiscreteTable(rows.codes().getRows(at), variables)).toDoubleVector();
            for (int r = 0; r < at.length; r++) {
                out[at[r]] = scored[r];
            }
        }
        return Nd4j.createFromArray(out);
    }

    private INDArray logProbOfComplete(DiscreteTable rows) {
        INDArray codes = rows.codes();                                                  // [n, v]
        INDArray total = Nd4j.zeros(DataType.DOUBLE, rows.rows());
        for (int j = 0; j < variables.size(); j++) {
            ConditionalProbabilityTable cpt = tables.get(variables.get(j).name());
            INDArray configuration = parentConfiguration(codes, cpt);                     // [n]
            INDArray index = configuration.muli(cpt.child().cardinality()).addi(codes.getColumn(j));
            // a gather as a product: one-hot rows times the flattened table (ND4J's getRows is slow for many rows)
            INDArray probability = OneHot.rows(index, (int) cpt.values().length(), DataType.DOUBLE)
                    .mmul(cpt.values().reshape(cpt.values().length(), 1));                  // [n, 1]
            total.addi(Transforms.log(probability, false).reshape(rows.rows()));
        }
        return total;
    }

    /** The row index of each sample's parent configuration in {@link ConditionalProbabilityTable#rows()}. @return {@code [n]} */
    private INDArray parentConfiguration(INDArray codes, ConditionalProbabilityTable cpt) {
        INDArray configuration = Nd4j.zeros(DataType.DOUBLE, codes.rows());
        for (DiscreteVariable p : cpt.parents()) {
            configuration.muli(p.cardinality()).addi(codes.getColumn(variables.indexOf(p)));
        }
        return configuration;
    }

    /** −log P(row). @return {@code [n]} */
    @Override
    public INDArray score(DiscreteTable data) {
        return logProb(data).negi();
    }

    /** Forward (ancestral) sampling: each variable drawn from its table given its already drawn parents. */
    @Override
    public DiscreteTable sample(int n, long seed) {
        if (n < 1) {
            throw new Gen4jException("number of samples must be at least 1, got " + n);
        }
        Random random = org.gen4j.core.Seeds.nativeRandom(seed);
        INDArray codes = Nd4j.zeros(DataType.DOUBLE, n, variables.size());
        for (int j = 0; j < variables.size(); j++) {
            ConditionalProbabilityTable cpt = tables.get(variables.get(j).name());
            int r = cpt.child().cardinality();
            // each sample's row of cumulative probabilities: one-hot parent configuration x (table x upper ones)
            INDArray cumulativeTable = cpt.rows().mmul(Nd4j.ones(DataType.DOUBLE, r, r).muli(upperOnes(r)));
            INDArray cumulative = OneHot.rows(parentConfiguration(codes, cpt), cpt.parentConfigurations(), DataType.DOUBLE).mmul(cumulativeTable);
            INDArray uniform = Nd4j.rand(random, n, 1).castTo(DataType.DOUBLE);
            // the drawn state is the number of cumulative probabilities below the uniform draw
            INDArray drawn = cumulative.lt(uniform.broadcast(n, cpt.child().cardinality())).castTo(DataType.DOUBLE).sum(1);
            codes.getColumn(j).assign(Transforms.min(drawn, cpt.child().cardinality() - 1, false));
        }
        return new DiscreteTable(codes, variables);
    }

    /** {@code [r, r]} with ones on and above the diagonal: a row times it gives the running sums. */
    private static INDArray upperOnes(int r) {
        double[][] u = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = i; j < r; j++) {
                u[i][j] = 1;
            }
        }
        return Nd4j.createFromArray(u);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("BayesianNetwork(").append(variables.size()).append(" variables, ")
                .append(edges().size()).append(" edges, ").append(parameterCount()).append(" free parameters)\n");
        for (ConditionalProbabilityTable cpt : cpts()) {
            s.append("  ").append(cpt.child().name()).append(cpt.child().states());
            if (!cpt.parents().isEmpty()) {
                s.append(" | ").append(String.join(", ", ConditionalProbabilityTable.parentNames(cpt.parents())));
            }
            s.append('\n');
        }
        return s.toString();
    }
}
