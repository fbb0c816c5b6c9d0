package org.gen4j.bayesnet.inference;

import org.gen4j.bayesnet.BayesianNetwork;
import org.gen4j.bayesnet.ConditionalProbabilityTable;
import org.gen4j.bayesnet.factors.Factor;
import org.gen4j.core.Gen4jException;
import org.gen4j.data.DiscreteVariable;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact inference by variable elimination: evidence reduces the tables, variables that are neither queried nor
 * observed are summed out one at a time in a greedy min-fill order (ties: smallest new factor, then name), and the
 * remaining factors are multiplied and normalised. Variables that are not ancestors of a query or evidence
 * variable are pruned first (they sum to 1).
 *
 * <pre>{@code
 * VariableElimination ve = new VariableElimination(asia);
 * Map<String, Double> lung = ve.marginal("lung", Map.of("xray", "yes", "smoke", "yes"));   // {yes=0.646, no=0.354}
 * double pEvidence = ve.probabilityOfEvidence(Map.of("xray", "yes", "smoke", "yes"));        // 0.0758524
 * }</pre>
 */
public final class VariableElimination {
    private final BayesianNetwork network;
    private final long memoryBudgetBytes;

    /** With a memory budget of half the JVM's maximum heap. */
    public VariableElimination(BayesianNetwork network) {
        this(network, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * @param memoryBudgetBytes a query whose elimination order needs a larger table is refused before any table
     *                          is allocated
     */
    public VariableElimination(BayesianNetwork network, long memoryBudgetBytes) {
        if (memoryBudgetBytes < 1) {
            throw new Gen4jException("the memory budget must be positive, got " + memoryBudgetBytes + " bytes");
        }
        this.network = network;
        this.memoryBudgetBytes = memoryBudgetBytes;
    }

    /**
     * P(variable | evidence) as state → probability, in state order. Queries that repeat a variable and a set of
     * evidence variables (with any observed states) are answered from a cached joint table P(variable, evidence
     * variables), computed by one elimination; each further such query is a slice of it.
     */
    public Map<String, Double> marginal(String variable, Map<String, String> evidence) {
        DiscreteVariable v = network.variable(variable);
        if (evidence.containsKey(variable)) {
            throw new Gen4jException("'" + variable + "' is both queried and given as evidence");
        }
        List<String> evidenceVariables = new ArrayList<>(evidence.keySet());
        java.util.Collections.sort(evidenceVariables);
        int[] states = new int[evidenceVariables.size()];
        long tableSize = v.cardinality();
        for (int e = 0; e < states.length; e++) {
            DiscreteVariable ev = network.variable(evidenceVariables.get(e));
            states[e] = ev.code(evidence.get(evidenceVariables.get(e)));
            tableSize *= ev.cardinality();
        }
        double[] p;
        if (tableSize <= MAX_CACHED_TABLE) {
            p = batchMarginals(variable, evidenceVariables, new int[][]{states})[0];
        } else {
            Factor joint = query(List.of(variable), evidence);
            p = joint.values().reshape(joint.values().length()).toDoubleVector();
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int s = 0; s < p.length; s++) {
            out.put(v.state(s), p[s]);
        }
        return out;
    }

    /** Joint tables larger than this are not cached: the query eliminates with its evidence applied instead. */
    private static final long MAX_CACHED_TABLE = 1 << 16;
    private static final int MAX_CACHED_TABLES = 256;
    private final Map<String, double[]> jointTables = java.util.Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, double[]> eldest) {
                    return size() > MAX_CACHED_TABLES;
                }
            });

    /**
     * The joint posterior of the query variables given the evidence, normalised.
     *
     * @return a factor whose scope is the query variables in the given order
     */
    public Factor query(List<String> queryNames, Map<String, String> evidence) {
        if (queryNames.isEmpty()) {
            throw new Gen4jException("name at least one variable to query");
        }
        List<DiscreteVariable> query = new ArrayList<>();
        for (String name : queryNames) {
            DiscreteVariable v = network.variable(name);
            if (evidence.containsKey(name)) {
                throw new Gen4jException("'" + name + "' is both queried and given as evidence");
            }
            if (query.contains(v)) {
                throw new Gen4jException("'" + name + "' is queried twice");
            }
            query.add(v);
        }
        Factor result = eliminateAllBut(query, evidence);
        double total = result.total();
        if (!(total > 0)) {
            throw new Gen4jException("the evidence " + evidence + " has probability 0 under the network");
        }
        return new Factor(query, result.valuesIn(query).div(total));
    }

    /**
     * Many queries of one variable with evidence on the same variables, answered together: one elimination gives
     * the joint P(query, evidence variables); each query is then a slice of it, normalised.
     *
     * @param evidenceStates one row per query: the state codes of {@code evidenceVariables}, in order
     * @return one row per query: P(query = s | that row's evidence) for each state s
     */
    public double[][] batchMarginals(String query, List<String> evidenceVariables, int[][] evidenceStates) {
        List<String> scope = new ArrayList<>();
        scope.add(query);
        scope.addAll(evidenceVariables);
        List<DiscreteVariable> order = new ArrayList<>();
        for (String name : scope) {
            DiscreteVariable v = network.variable(name);
            if (order.contains(v)) {
                throw new Gen4jException("'" + name + "' appears twice among the query and evidence variables");
            }
            order.add(v);
        }
        double[] joint = jointTables.computeIfAbsent(String.join("|", scope),
                k -> eliminateAllBut(order, Map.of()).valuesIn(order).dup('c').data().asDouble());
        int r = order.get(0).cardinality();
        int stride = joint.length / r;                       // entries per query state
        double[][] out = new double[evidenceStates.length][r];
        for (int row = 0; row < evidenceStates.length; row++) {
            int[] states = evidenceStates[row];
            if (states.length != evidenceVariables.size()) {
                throw new Gen4jException("query " + row + " gives " + states.length + " evidence states for "
                        + evidenceVariables.size() + " evidence variables");
            }
            int offset = 0;
            for (int e = 0; e < states.length; e++) {
                DiscreteVariable v = order.get(e + 1);
                if (states[e] < 0 || states[e] >= v.cardinality()) {
                    throw new Gen4jException("query " + row + ": " + states[e] + " is not a state code of '" + v.name() + "'");
                }
                offset = offset * v.cardinality() + states[e];
            }
            double total = 0;
            for (int s = 0; s < r; s++) {
                out[row][s] = joint[s * stride + offset];
                total += out[row][s];
            }
            if (!(total > 0)) {
                throw new Gen4jException("query " + row + ": the evidence has probability 0 under the network");
            }
            for (int s = 0; s < r; s++) {
                out[row][s] /= total;
            }
        }
        return out;
    }

    /**
     * The most probable explanation: the joint state of all unobserved variables that maximises P(x, evidence),
     * by max-product elimination and a trace back through the eliminated variables.
     *
     * @param assignment    every variable (observed ones included) mapped to its state
     * @param logProbability log P(assignment) (joint with the evidence)
     */
    public record Explanation(Map<String, String> assignment, double logProbability) {
    }

    public Explanation mostProbableExplanation(Map<String, String> evidence) {
        Map<DiscreteVariable, Integer> observed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            DiscreteVariable v = network.variable(e.getKey());
            observed.put(v, v.code(e.getValue()));
        }
        List<Factor> factors = new ArrayList<>();
        for (ConditionalProbabilityTable cpt : network.cpts()) {
            Factor f = cpt.toFactor();
            for (Map.Entry<DiscreteVariable, Integer> o : observed.entrySet()) {
                if (f.contains(o.getKey())) {
                    f = f.reduce(o.getKey(), o.getValue());
                }
            }
            factors.add(f);
        }
        List<DiscreteVariable> eliminated = eliminationOrder(factors, List.of());
        List<Factor> beforeMax = new ArrayList<>();
        for (DiscreteVariable next : eliminated) {
            List<Factor> rest = new ArrayList<>();
            Factor product = Factor.constant(1.0);
            for (Factor f : factors) {
                if (f.contains(next)) {
                    product = product.product(f);
                } else {
                    rest.add(f);
                }
            }
            beforeMax.add(product);
            rest.add(product.maxOut(next));
            factors = rest;
        }
        double best = 1.0;
        for (Factor f : factors) {
            best *= f.total();
        }
        if (!(best > 0)) {
            throw new Gen4jException("the evidence " + evidence + " has probability 0 under the network");
        }
        // trace back: a variable's neighbours in its factor were eliminated after it, so they are decided already
        Map<DiscreteVariable, Integer> decided = new LinkedHashMap<>(observed);
        for (int i = eliminated.size() - 1; i >= 0; i--) {
            Factor f = beforeMax.get(i);
            for (DiscreteVariable v : new ArrayList<>(f.scope())) {
                if (!v.equals(eliminated.get(i)) && decided.containsKey(v)) {
                    f = f.reduce(v, decided.get(v));
                }
            }
            double[] values = f.values().reshape(f.values().length()).toDoubleVector();
            int arg = 0;
            for (int s = 1; s < values.length; s++) {
                if (values[s] > values[arg]) {
                    arg = s;
                }
            }
            decided.put(eliminated.get(i), arg);
        }
        Map<String, String> assignment = new LinkedHashMap<>();
        for (DiscreteVariable v : network.variables()) {
            assignment.put(v.name(), v.state(decided.get(v)));
        }
        return new Explanation(assignment, Math.log(best));
    }

    /**
     * P(query variables, evidence), not normalised: its total is P(evidence).
     *
     * @return a factor whose scope is the query variables in the given order
     */
    public Factor jointWithEvidence(List<String> queryNames, Map<String, String> evidence) {
        List<DiscreteVariable> query = new ArrayList<>();
        for (String name : queryNames) {
            query.add(network.variable(name));
        }
        Factor result = eliminateAllBut(query, evidence);
        return query.isEmpty() ? result : new Factor(query, result.valuesIn(query));
    }

    /** P(evidence), by summing out every other variable. */
    public double probabilityOfEvidence(Map<String, String> evidence) {
        return eliminateAllBut(List.of(), evidence).total();
    }

    /** The unnormalised factor over the query variables with the evidence applied. */
    private Factor eliminateAllBut(List<DiscreteVariable> query, Map<String, String> evidence) {
        Map<DiscreteVariable, Integer> observed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : evidence.entrySet()) {
            DiscreteVariable v = network.variable(e.getKey());
            observed.put(v, v.code(e.getValue()));
        }
        Set<String> relevant = ancestors(query, observed.keySet());
        List<Factor> factors = new ArrayList<>();
        for (ConditionalProbabilityTable cpt : network.cpts()) {
            if (!relevant.contains(cpt.child().name())) {
                continue;
            }
            Factor f = cpt.toFactor();
            for (Map.Entry<DiscreteVariable, Integer> o : observed.entrySet()) {
                if (f.contains(o.getKey())) {
                    f = f.reduce(o.getKey(), o.getValue());
                }
            }
            factors.add(f);
        }
        for (DiscreteVariable next : eliminationOrder(factors, query)) {
            List<Factor> involved = new ArrayList<>();
            List<Factor> rest = new ArrayList<>();
            for (Factor f : factors) {
                (f.contains(next) ? involved : rest).add(f);
            }
            Factor product = involved.get(0);
            for (int i = 1; i < involved.size(); i++) {
                product = product.product(involved.get(i));
            }
            rest.add(product.sumOut(next));
            factors = rest;
        }
        Factor result = Factor.constant(1.0);
        for (Factor f : factors) {
            result = result.product(f);
        }
        for (DiscreteVariable q : query) {
            if (!result.contains(q)) {
                throw new IllegalStateException("query variable " + q.name() + " was lost in elimination");
            }
        }
        return result;
    }

    /** The names of the query and evidence variables and all their ancestors. */
    private Set<String> ancestors(List<DiscreteVariable> query, Set<DiscreteVariable> observed) {
        Set<String> seen = new HashSet<>();
        List<DiscreteVariable> frontier = new ArrayList<>(query);
        frontier.addAll(observed);
        while (!frontier.isEmpty()) {
            DiscreteVariable v = frontier.remove(frontier.size() - 1);
            if (seen.add(v.name())) {
                frontier.addAll(network.cpt(v.name()).parents());
            }
        }
        return seen;
    }

    /**
     * A greedy min-fill order (ties by first appearance) of every variable of the factors except {@code keep},
     * found on the factors' interaction graph before any product is formed; refused when its largest
     * intermediate table does not fit the memory budget.
     */
    private List<DiscreteVariable> eliminationOrder(List<Factor> factors, java.util.Collection<DiscreteVariable> keep) {
        List<DiscreteVariable> present = new ArrayList<>(new LinkedHashSet<>(factors.stream().flatMap(f -> f.scope().stream()).toList()));
        Map<DiscreteVariable, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < present.size(); i++) {
            index.put(present.get(i), i);
        }
        List<java.util.BitSet> graph = new ArrayList<>();
        for (int i = 0; i < present.size(); i++) {
            graph.add(new java.util.BitSet(present.size()));
        }
        for (Factor f : factors) {
            for (DiscreteVariable a : f.scope()) {
                for (DiscreteVariable b : f.scope()) {
                    if (a != b) {
                        graph.get(index.get(a)).set(index.get(b));
                    }
                }
            }
        }
        java.util.BitSet eliminable = new java.util.BitSet();
        eliminable.set(0, present.size());
        keep.forEach(k -> {
            if (index.containsKey(k)) {
                eliminable.clear(index.get(k));
            }
        });
        int[] cardinalities = present.stream().mapToInt(DiscreteVariable::cardinality).toArray();
        EliminationOrdering.Order order = EliminationOrdering.greedy(graph, cardinalities, EliminationOrdering.Heuristic.MIN_FILL,
                null, eliminable);
        // a product is formed from aligned copies of its factors: about three tables of the largest size at once
        double bytes = 3 * order.largestClique() * Double.BYTES;
        if (bytes > memoryBudgetBytes) {
            throw new Gen4jException(String.format(java.util.Locale.ROOT, "variable elimination for this query needs a table of"
                            + " %.3g entries (about %s), more than the budget of %s: use --method jt (a junction tree with a"
                            + " better order), lw or gibbs, or raise --memory-budget", order.largestClique(),
                    JunctionTree.size(bytes), JunctionTree.size(memoryBudgetBytes)));
        }
        List<DiscreteVariable> out = new ArrayList<>();
        for (int v : order.order()) {
            out.add(present.get(v));
        }
        return out;
    }
}
